//! Where the rule modules meet the shared parts: each module declares what the shared parts need
//! from it (its clock kinds today), and only this file names them all, so clocks, reminders and
//! "my work" read every module without importing one.

use crate::clocks::{ClockKind, ClockKinds};

/// What one rule module registers with the core.
#[derive(Debug, Clone, Copy)]
pub struct Manifest {
    pub name: &'static str,
    pub clock_kinds: &'static [&'static ClockKind],
}

pub fn manifests() -> [Manifest; 7] {
    [
        crate::applications::MANIFEST,
        crate::accountability::MANIFEST,
        crate::disclosure::MANIFEST,
        crate::secrecy::inspection::MANIFEST,
        crate::complaints::MANIFEST,
        crate::evaluation::MANIFEST,
        crate::assessment::MANIFEST,
    ]
}

pub fn clock_kinds() -> ClockKinds {
    ClockKinds::new(manifests().iter().flat_map(|m| m.clock_kinds.iter().copied()))
}

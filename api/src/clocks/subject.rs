//! What a clock runs for. Each workflow module declares its subject kinds and clock kinds (with the
//! names people know them by) and gives every clock it starts a label and a console link; the clock
//! module keeps them and never reads a workflow's own tables.

use std::collections::HashMap;

use uuid::Uuid;

use crate::error::Lang;
use crate::tenancy::UnitRef;

/// A kind of thing that has time limits: an application, a consultation, a filing…
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SubjectKind(&'static str);

impl SubjectKind {
    pub const fn new(code: &'static str) -> Self {
        Self(code)
    }
    /// The stored `subject_type`.
    pub const fn code(self) -> &'static str {
        self.0
    }
}

/// One subject in the unit whose clocks it has. The unit is part of the subject: a subject handed to
/// another unit is another subject there, with clocks of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    kind: SubjectKind,
    id: Uuid,
    unit: UnitRef,
}

impl Subject {
    pub fn new(kind: SubjectKind, id: Uuid, unit: UnitRef) -> Self {
        Self { kind, id, unit }
    }
    pub fn kind(&self) -> SubjectKind {
        self.kind
    }
    pub fn id(&self) -> Uuid {
        self.id
    }
    pub fn unit(&self) -> UnitRef {
        self.unit
    }
}

/// How people know a subject and where they handle it: shown on "my work", in reminder and
/// escalation emails, in violation leads and in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// e.g. `依申请 2026-E36KBCPU · 李* · 请公开…`; never whole personal data.
    pub text: String,
    /// The console page, relative to the public base address (e.g. `/console/applications/{unit}/{id}`).
    pub link: Option<String>,
}

impl Label {
    pub const MAX_CHARS: usize = 200;

    pub fn new(text: impl Into<String>, link: Option<String>) -> Self {
        let text: String = text.into();
        Self { text: text.chars().take(Self::MAX_CHARS).collect(), link }
    }
}

/// A kind of time limit, declared by the workflow that runs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockKind {
    /// The stored `kind`, e.g. `application.reply`.
    pub code: &'static str,
    pub subject: SubjectKind,
    /// What the limit is, e.g. 答复期限.
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The act on the approval trail that meets this limit (`reply` for a reply period): when the
    /// limit is missed, AC 9 reads that act's record, not whatever was approved last on the subject.
    pub answered_by: Option<&'static str>,
}

impl ClockKind {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.name_zh,
            Lang::En => self.name_en,
        }
    }
}

/// Every clock kind the modules declared, by code.
#[derive(Debug, Default)]
pub struct ClockKinds {
    by_code: HashMap<&'static str, &'static ClockKind>,
}

impl ClockKinds {
    pub fn new(kinds: impl IntoIterator<Item = &'static ClockKind>) -> Self {
        Self { by_code: kinds.into_iter().map(|k| (k.code, k)).collect() }
    }

    pub fn get(&self, code: &str) -> Option<&'static ClockKind> {
        self.by_code.get(code).copied()
    }

    /// What a stored kind is called; an undeclared kind (from an older release) shows its code.
    pub fn name<'a>(&self, code: &'a str, lang: Lang) -> &'a str {
        self.get(code).map_or(code, |k| k.name(lang))
    }

    pub fn all(&self) -> impl Iterator<Item = &'static ClockKind> + '_ {
        self.by_code.values().copied()
    }
}

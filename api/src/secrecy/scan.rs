//! The automatic scan lives in its own crate (`scan/`), so the disclosure workflow, the bureau's
//! online inspection and the scan's benchmark share one implementation with few dependencies.

pub use gongkai_scan::*;

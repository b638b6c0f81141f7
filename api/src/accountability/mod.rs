//! Accountability (责任追究, AC 1–15). `rules` holds the articles the software enforces — who bears
//! responsibility (AC 9), which measures a severity calls for (AC 7–8), when the county government
//! must approve (AC 8), sanction periods, and the review and appeal limits (AC 12) — as plain
//! functions, so cases, hearings and appeals built on them cannot drift from the text. `service`
//! holds the case workflow's checks, `routes` the API, `views` what it answers, `stats` the counts.

pub mod requests;
pub mod routes;
pub mod rules;
pub mod service;
pub mod stats;
pub mod steps;
pub mod views;

use crate::clocks::{ClockKind, SubjectKind};

/// A review or appeal filed against a decision: the deciding body's clock runs for it.
pub const FILING: SubjectKind = SubjectKind::new("case_filing");
/// A party to a decided case: the windows to file a review or appeal run for it.
pub const PARTY: SubjectKind = SubjectKind::new("case_party");

pub static REVIEW_FILE: ClockKind = ClockKind {
    code: "case.review_file",
    subject: PARTY,
    name_zh: "复核申请期限",
    name_en: "Review filing window",
    answered_by: None,
};
pub static APPEAL_FILE: ClockKind = ClockKind {
    code: "case.appeal_file",
    subject: PARTY,
    name_zh: "申诉申请期限",
    name_en: "Appeal filing window",
    answered_by: None,
};
pub static REVIEW_DECIDE: ClockKind = ClockKind {
    code: "case.review_decide",
    subject: FILING,
    name_zh: "复核决定期限",
    name_en: "Review decision period",
    answered_by: None,
};
pub static APPEAL_DECIDE: ClockKind = ClockKind {
    code: "case.appeal_decide",
    subject: FILING,
    name_zh: "申诉决定期限",
    name_en: "Appeal decision period",
    answered_by: None,
};

/// What this module registers with the core.
pub const MANIFEST: crate::modules::Manifest = crate::modules::Manifest {
    name: "accountability",
    clock_kinds: &[&REVIEW_FILE, &APPEAL_FILE, &REVIEW_DECIDE, &APPEAL_DECIDE],
};

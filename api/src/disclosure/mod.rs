//! Proactive disclosure (主动公开, Regulations Arts. 19–26) under secrecy review (SR 3–10): a unit's
//! handler drafts an information item with its disclosure attribute; the scan reports what must
//! not go out; the unit's designated reviewer works through the SR 7 checklist, referring to the
//! secrecy bureau or consulting a right holder when unsure; the leader approves; a proactive item
//! is published under the next index number of the unit's catalogue (Art. 12), within Art. 26's 20
//! working days of its formation. Corrections and withdrawals keep every published version.

pub mod feeds;
pub mod guide;
pub mod prerender;
pub mod public;
pub mod read;
pub mod referrals;
pub mod requests;
pub mod routes;
pub mod search;
pub mod service;
pub mod settings;
pub mod stats;
pub mod views;

use crate::clocks::{ClockKind, SubjectKind};

/// The `subject_type` of an item's clocks, approvals, leads and notifications.
pub const SUBJECT: &str = "information_item";

pub const ITEM: SubjectKind = SubjectKind::new(SUBJECT);
/// A referral of an item to the secrecy bureau or a department, or a right holder's consultation.
pub const ITEM_CONSULTATION: SubjectKind = SubjectKind::new("item_consultation");

/// Art. 26: published within 20 working days of being formed or changed (a heading may set fewer).
pub static PUBLICATION: ClockKind = ClockKind {
    code: "item.publication",
    subject: ITEM,
    name_zh: "主动公开期限",
    name_en: "Proactive publication period",
    answered_by: Some("publish"),
};
/// SR 10: the secrecy bureau answers a referral within 5 working days.
pub static REFERRAL_ANSWER: ClockKind = ClockKind {
    code: "item.referral_answer",
    subject: ITEM_CONSULTATION,
    name_zh: "保密审查请示答复期限",
    name_en: "Secrecy referral answer period",
    answered_by: None,
};
/// Art. 32: a right holder answers within 15 working days; a department referred to, in the same.
pub static CONSULTATION_ANSWER: ClockKind = ClockKind {
    code: "item.consultation",
    subject: ITEM_CONSULTATION,
    name_zh: "征求意见期限",
    name_en: "Consultation period",
    answered_by: None,
};

/// SR 8(2): before a classification term ends, the unit decides to keep, change or lift it.
pub static CLASSIFICATION_TERM: ClockKind = ClockKind {
    code: "item.classification_term",
    subject: ITEM,
    name_zh: "保密期限届满审查",
    name_en: "Classification term review",
    answered_by: None,
};
/// Art. 18: a withheld item is re-evaluated on the county's schedule, and disclosed once it can be.
pub static REEVALUATION: ClockKind = ClockKind {
    code: "item.reevaluation",
    subject: ITEM,
    name_zh: "不予公开信息定期评估",
    name_en: "Periodic re-evaluation of withheld information",
    answered_by: None,
};

/// A unit's catalogue heading with an update period (AC 6(1)).
pub const HEADING_FRESHNESS: SubjectKind = SubjectKind::new("catalogue_freshness");

/// AC 6(1): a heading with an update period is published under again within it.
pub static FRESHNESS: ClockKind = ClockKind {
    code: "catalogue.freshness",
    subject: HEADING_FRESHNESS,
    name_zh: "公开目录更新期限",
    name_en: "Catalogue heading update period",
    answered_by: None,
};

/// A unit's disclosure guide (Art. 12), confirmed on the openness office's schedule (AC 6(1)).
pub const GUIDE: SubjectKind = SubjectKind::new("unit_guide");

/// AC 6(1): a unit confirms its guide again within the county's period.
pub static GUIDE_FRESHNESS: ClockKind = ClockKind {
    code: "guide.freshness",
    subject: GUIDE,
    name_zh: "公开指南更新期限",
    name_en: "Disclosure guide review period",
    answered_by: None,
};

pub const MANIFEST: crate::modules::Manifest = crate::modules::Manifest {
    name: "disclosure",
    clock_kinds: &[
        &PUBLICATION,
        &REFERRAL_ANSWER,
        &CONSULTATION_ANSWER,
        &CLASSIFICATION_TERM,
        &REEVALUATION,
        &FRESHNESS,
        &GUIDE_FRESHNESS,
    ],
};

/// Art. 26's limit in working days when the heading sets none.
pub const STATUTORY_PUBLICATION_DAYS: u32 = 20;

//! Social evaluation (社会评议制度, EV 1–9): the leading group's yearly campaign of questionnaires
//! on the five dimensions of EV 3, answered by the public on the portal (EV 4(1)), rated 满意 /
//! 基本满意 / 不满意 (EV 5), turned into each unit's final rating by the group's rule.
//!
//! `routes.rs` is the leading group's side (campaigns, questionnaire versions); `public.rs` the
//! portal's questionnaire and its defences against ballot stuffing; `paper.rs` paper sheets
//! entered by staff; `representatives.rs` the invited representatives (EV 4(2)); `responses.rs`
//! what every channel shares; `rating.rs` the rule; `results.rs` the figures other modules read;
//! `rectification.rs` the tasks of EV 7.

pub mod feedback;
pub mod paper;
pub mod public;
pub mod rating;
pub mod rectification;
pub mod representatives;
pub mod responses;
pub mod results;
pub mod routes;

use crate::clocks::{ClockKind, SubjectKind};

/// A rectification task of a unit (EV 7).
pub const TASK: SubjectKind = SubjectKind::new("rectification_task");

/// EV 7: reasonable opinions are rectified in time; the leading group sets the period per task.
pub static RECTIFICATION: ClockKind = ClockKind {
    code: "evaluation.rectification",
    subject: TASK,
    name_zh: "评议意见整改期限",
    name_en: "Evaluation rectification period",
    answered_by: None,
};

pub const MANIFEST: crate::modules::Manifest =
    crate::modules::Manifest { name: "evaluation", clock_kinds: &[&RECTIFICATION] };

/// Responses one address may send for one unit in a day before further ones are discarded, when
/// the group sets no other limit: enough for a family or an office sharing a connection.
pub const DEFAULT_ADDRESS_DAILY_LIMIT: i32 = 20;

//! Social evaluation (社会评议制度, EV 1–9): the leading group's yearly campaign of questionnaires
//! on the five dimensions of EV 3, answered by the public on the portal (EV 4(1)), rated 满意 /
//! 基本满意 / 不满意 (EV 5), turned into each unit's final rating by the group's rule.
//!
//! `routes.rs` is the leading group's side (campaigns, questionnaire versions, results);
//! `public.rs` the portal's questionnaire and its defences against ballot stuffing; `rating.rs`
//! the rule; `results.rs` the figures other modules read.

pub mod public;
pub mod rating;
pub mod results;
pub mod routes;

pub const MANIFEST: crate::modules::Manifest = crate::modules::Manifest { name: "evaluation", clock_kinds: &[] };

/// Responses one address may send for one unit in a day before further ones are discarded, when
/// the group sets no other limit: enough for a family or an office sharing a connection.
pub const DEFAULT_ADDRESS_DAILY_LIMIT: i32 = 20;

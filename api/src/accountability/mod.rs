//! Accountability (责任追究, AC 1–15). `rules` holds the articles the software enforces — who bears
//! responsibility (AC 9), which measures a severity calls for (AC 7–8), when the county government
//! must approve (AC 8), sanction periods, and the review and appeal limits (AC 12) — as plain
//! functions, so cases, hearings and appeals built on them cannot drift from the text. `service`
//! holds the case workflow's checks, `routes` the API, `views` what it answers, `stats` the counts.

pub mod routes;
pub mod rules;
pub mod service;
pub mod stats;
pub mod views;

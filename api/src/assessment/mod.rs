//! The annual assessment (考核制度, AS 1–11): the openness office's yearly scheme of indicators
//! (AS 9(1)), figures measured from the platform's own records with the records behind them, the
//! office's daily checks (AS 8), each unit's self-check on a deadline (AS 9(2)), the assessment
//! group's scores and proposed grades (AS 9(3)–(4)), the office's confirmation and publication, and
//! the export for the performance office (AS 7).
//!
//! `scheme.rs` is what a scheme says and the arithmetic (pure); `measures.rs` the figures;
//! `card.rs` a unit's scorecard, the one computation every view reads; `schemes.rs` the office's
//! schemes; `units.rs` a unit's dashboard, findings and self-check; `group.rs` scoring, grades,
//! publication, the ranking and the export.

pub mod card;
pub mod group;
pub mod measures;
pub mod scheme;
pub mod schemes;
pub mod units;

use crate::clocks::{ClockKind, Subject, SubjectKind};
use crate::tenancy::UnitRef;

pub(crate) const SCHEME_SUBJECT: &str = "assessment_scheme";

/// A unit's self-check under a scheme.
pub const SELF_CHECK_SUBJECT: SubjectKind = SubjectKind::new("assessment_self_check");

/// AS 9(2): every unit assessed hands in a written self-check by the scheme's deadline.
pub static SELF_CHECK: ClockKind = ClockKind {
    code: "assessment.self_check",
    subject: SELF_CHECK_SUBJECT,
    name_zh: "考核自查报告提交期限",
    name_en: "Assessment self-check deadline",
    answered_by: None,
};

pub const MANIFEST: crate::modules::Manifest =
    crate::modules::Manifest { name: "assessment", clock_kinds: &[&SELF_CHECK] };

pub(crate) fn self_check_subject(c: &entity::assessment_self_check::Model) -> Subject {
    Subject::new(SELF_CHECK_SUBJECT, c.id, UnitRef::owning_row(c.unit_id, c.county_id))
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(schemes::create_scheme)
        .service(schemes::list_schemes)
        .service(schemes::get_scheme)
        .service(schemes::change_scheme)
        .service(schemes::start_scheme)
        .service(group::scoring_sheet)
        .service(group::assessment_ranking)
        .service(group::export_results)
        .service(group::publish_results)
        .service(units::unit_assessment)
        .service(units::record_finding)
        .service(units::save_self_check)
        .service(units::add_self_check_evidence)
        .service(units::download_self_check_evidence)
        .service(units::submit_self_check)
        .service(group::score_indicator)
        .service(group::propose_grade)
        .service(group::confirm_grade);
}

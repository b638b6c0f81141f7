//! The rules of handling an application, each step a function that runs in the caller's
//! transaction, checks the stage it starts from, moves the clocks, records a timeline event and
//! queues the applicant's email. Routes authorize and audit; these functions decide.

mod art35;
mod art41;
mod art44;
mod attachments;
mod consultation;
mod correction;
mod delivery;
mod extension;
mod intake;
mod lapses;
mod payment;
mod reply;
mod timeline;

pub use art35::*;
pub use art41::*;
pub use art44::*;
pub use attachments::*;
pub use consultation::*;
pub use correction::*;
pub use delivery::*;
pub use extension::*;
pub use intake::*;
pub use lapses::*;
pub use payment::*;
pub use reply::*;
pub use timeline::*;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use entity::enums::{
    ApplicantKind, ApplicationChannel, ApplicationStatus as Status, ConsultationStatus, ConsultedParty,
    CorrectionOutcome, DeliveryForm, OversightFunction, ReplyOutcome, RequestKind,
};
use entity::{
    application, application_alert, application_attachment, application_consultation, application_event, unit, user,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::applications::fees::{self, FeeMethod, FeeQuote};
use crate::applications::identity::{IdType, IdentityNumber, PhoneNumber};
use crate::applications::{
    APPLICATION, CONSULTATION, CONSULTATION_ANSWER, CORRECTION_WAIT, FEE_NOTICE_DELIVERY, PAYMENT, REFERRAL_ANSWER,
    REPLY, SIGN, SUBJECT,
};
use crate::approvals::{self, Approval};
use crate::audit::AuditKey;
use crate::calendar::{Period, service as calendar};
use crate::clocks::{self, ClockKind, Label, NewClock, Subject};
use crate::config::ApplicationSettings;
use crate::error::{ApiError, ErrorCode};
use crate::notify::{self, Notice};
use crate::tenancy::{ScopedFind, UnitRef};
use crate::time::beijing_today;
use crate::units::people::{function_unit, members};

pub const KIND_SIGN: &str = SIGN.code;

pub const KIND_REPLY: &str = REPLY.code;

/// Where and when a step happens: the handling unit, the public address for links, the instant.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub unit: UnitRef,
    pub base_url: &'a str,
    pub now: DateTime<Utc>,
}

/// The unit now handling an application the caller already holds: its children (events, files,
/// consultations, approvals, proceedings, notices) are read in that unit.
pub fn handling_unit(app: &application::Model) -> UnitRef {
    UnitRef::owning_row(app.unit_id, app.county_id)
}

/// The application as the subject of its clocks, in the unit now handling it.
pub fn subject(app: &application::Model) -> Subject {
    Subject::new(APPLICATION, app.id, handling_unit(app))
}

/// How staff know an application on "my work", in reminders and leads: its tracking code, the
/// applicant as lists show them (masked) and the start of the request.
pub fn label(app: &application::Model) -> Label {
    let name = super::identity::mask_name(&app.applicant_name, app.applicant_kind == ApplicantKind::NaturalPerson);
    let mut request: String = app.description.chars().take(12).collect();
    if app.description.chars().count() > 12 {
        request.push('…');
    }
    Label::new(
        format!("依申请 {} · {name} · {request}", app.tracking_code),
        Some(format!("/console/applications/{}/{}", app.unit_id, app.id)),
    )
}

/// The application's clock of a kind, open or not.
pub async fn clock_of(
    db: &impl ConnectionTrait,
    app: &application::Model,
    kind: &ClockKind,
) -> Result<Option<clocks::Clock>, ApiError> {
    clocks::find(db, &subject(app), kind).await
}

/// A time limit of the workflow: its kind, the rule it comes from and its length in working days.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub kind: &'static ClockKind,
    pub basis: &'static str,
    pub days: u32,
}

pub(super) async fn start_clock(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    rule: Rule,
    start: NaiveDate,
    assignee: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<clocks::Clock, ApiError> {
    let new = NewClock {
        kind: rule.kind,
        legal_basis: rule.basis.into(),
        start,
        period: Period::WorkingDays(rule.days),
        assignee,
        label: label(app),
    };
    clocks::start(tx, &subject(app), new, now).await
}

/// Ends an open clock of the application, if it has one.
pub(super) async fn end_clock(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    kind: &ClockKind,
    ending: clocks::Ending,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::end(tx, &subject(app), kind, ending, now).await?;
    Ok(())
}

/// Stops the reply clock from `from` (the first day that does not count), unless another wait has
/// stopped it already.
pub(super) async fn suspend_reply(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    from: NaiveDate,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::suspend(tx, &subject(app), &REPLY, from, reason, by, now).await?;
    Ok(())
}

pub(super) async fn resume_reply(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    last_paused_day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::resume(tx, &subject(app), &REPLY, last_paused_day, now).await?;
    Ok(())
}

pub(super) async fn save(
    tx: &impl ConnectionTrait,
    app: application::Model,
    change: impl FnOnce(&mut application::ActiveModel),
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    let mut active: application::ActiveModel = app.into();
    change(&mut active);
    active.updated_at = Set(now);
    Ok(active.update(tx).await?)
}

pub(super) fn require(app: &application::Model, allowed: &[Status]) -> Result<(), ApiError> {
    if allowed.contains(&app.status) {
        Ok(())
    } else {
        Err(ApiError::Rule(ErrorCode::ApplicationWrongStage, Some("status".into())))
    }
}

/// The due date of an application's running reply (or sign-for) clock, with how it was reached.
pub async fn explained_due(
    db: &impl ConnectionTrait,
    app: &application::Model,
    now: DateTime<Utc>,
) -> Result<Option<(clocks::Clock, crate::calendar::DueDateExplanation)>, ApiError> {
    let mut found = None;
    for kind in [&REPLY, &SIGN] {
        if let Some(c) = clock_of(db, app, kind).await? {
            found = Some(c);
            break;
        }
    }
    let Some(c) = found else { return Ok(None) };
    let explanation = clocks::explained(db, &c, now).await?;
    Ok(Some((c, explanation)))
}

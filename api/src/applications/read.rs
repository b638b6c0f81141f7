//! The read model of an application: the list row with its running clock, and the whole detail with
//! its clocks, history, files, consultations, approvals, proceedings and notices, masked as the caller
//! may see it.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    application, application_attachment, application_consultation, application_event, approval_record,
    legal_proceeding, supervision_notice,
};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::applications::service::{self};
use crate::applications::views::*;
use crate::applications::{APPLICATION, REPLY, SIGN, SUBJECT};
use crate::auth::Reach;
use crate::clocks::{self, ClockView};
use crate::error::ApiError;
use crate::tenancy::{ScopedFind, UnitRef, Via};
use crate::time::beijing_today;

pub fn disclosure(via: Via) -> Disclosure {
    if via == Via::OwnRole { Disclosure::Whole } else { Disclosure::Masked }
}

/// The open (or last) sign-for or reply clock of each application in the unit now handling it, for
/// list rows.
pub async fn clocks_for(
    db: &impl ConnectionTrait,
    apps: &[application::Model],
    today: NaiveDate,
) -> Result<std::collections::HashMap<Uuid, ClockView>, ApiError> {
    let ids: Vec<Uuid> = apps.iter().map(|a| a.id).collect();
    let handling: std::collections::HashMap<Uuid, Uuid> = apps.iter().map(|a| (a.id, a.unit_id)).collect();
    let mut units: Vec<Uuid> = handling.values().copied().collect();
    units.sort_unstable();
    units.dedup();
    let rows = clocks::for_subjects(db, &Reach::Units(units), APPLICATION, &ids, &[&SIGN, &REPLY]).await?;
    let mut out = std::collections::HashMap::new();
    for c in rows {
        let Ok(id) = Uuid::parse_str(&c.subject_id) else { continue };
        if handling.get(&id) != Some(&c.unit_id) {
            continue;
        }
        let reply = c.kind == REPLY.code;
        let view = ClockView::new(c, today);
        match out.get(&id) {
            Some(ClockView { kind, .. }) if kind == REPLY.code && !reply => {}
            _ => {
                out.insert(id, view);
            }
        }
    }
    Ok(out)
}

pub async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<application::Model>,
    d: impl Fn(&application::Model) -> Disclosure,
    now: DateTime<Utc>,
) -> Result<Vec<ApplicationSummary>, ApiError> {
    let clocks = clocks_for(db, &rows, beijing_today(now)).await?;
    Ok(rows.iter().map(|a| ApplicationSummary::new(a, d(a), clocks.get(&a.id))).collect())
}

pub async fn detail(
    db: &impl ConnectionTrait,
    app: application::Model,
    d: Disclosure,
    now: DateTime<Utc>,
) -> Result<ApplicationDetail, ApiError> {
    let today = beijing_today(now);
    let id_str = app.id.to_string();
    let clocks = clocks::all_of(db, &service::subject(&app)).await?;
    let explained = service::explained_due(db, &app, now).await?;
    let handling = service::handling_unit(&app);
    let events = application_event::Entity::find_in(handling)
        .filter(application_event::Column::ApplicationId.eq(app.id))
        .order_by_asc(application_event::Column::CreatedAt)
        .all(db)
        .await?;
    // The files themselves stay in the database: the detail lists them without reading their bytes.
    let attachments: Vec<AttachmentView> = application_attachment::Entity::find_in(handling)
        .select_only()
        .columns([
            application_attachment::Column::Id,
            application_attachment::Column::Purpose,
            application_attachment::Column::FileName,
            application_attachment::Column::ContentType,
            application_attachment::Column::SizeBytes,
            application_attachment::Column::Sha256,
            application_attachment::Column::CreatedAt,
        ])
        .filter(application_attachment::Column::ApplicationId.eq(app.id))
        .order_by_asc(application_attachment::Column::CreatedAt)
        .into_model::<AttachmentView>()
        .all(db)
        .await?;
    let consultations = application_consultation::Entity::find_in(handling)
        .filter(application_consultation::Column::ApplicationId.eq(app.id))
        .order_by_asc(application_consultation::Column::CreatedAt)
        .all(db)
        .await?;
    let consult_clocks = service::consultation_dues(db, &Reach::County(app.county_id), &consultations).await?;
    let approvals = approval_record::Entity::find_in(handling)
        .filter(approval_record::Column::SubjectType.eq(SUBJECT))
        .filter(approval_record::Column::SubjectId.eq(id_str))
        .order_by_asc(approval_record::Column::DecidedAt)
        .all(db)
        .await?;
    let proceedings = legal_proceeding::Entity::find_in(handling)
        .filter(legal_proceeding::Column::ApplicationId.eq(app.id))
        .order_by_asc(legal_proceeding::Column::FiledOn)
        .all(db)
        .await?;
    let supervision = supervision_notice::Entity::find_in(handling)
        .filter(supervision_notice::Column::ApplicationId.eq(app.id))
        .order_by_asc(supervision_notice::Column::CreatedAt)
        .all(db)
        .await?;
    let clock_views: Vec<ClockView> = clocks.into_iter().map(|c| ClockView::new(c, today)).collect();
    let current = clock_views.iter().rev().find(|c| c.kind == REPLY.code || c.kind == SIGN.code).cloned();
    Ok(ApplicationDetail {
        correction_sought: app.correction_sought.clone(),
        correction_body: app.correction_body.clone(),
        topic: app.topic.clone(),
        summary: ApplicationSummary::new(&app, d, current.as_ref()),
        county_id: app.county_id,
        description: app.description.clone(),
        purpose: app.purpose.clone(),
        delivery_form: app.delivery_form,
        received_by: app.received_by,
        transferred_from_unit_id: app.transferred_from_unit_id,
        correction_items: app.correction_items.clone(),
        correction_requested_on: app.correction_requested_on,
        corrected_on: app.corrected_on,
        extension_days: app.extension_days,
        fee: FeeView {
            method: app.fee_method.clone(),
            quantity: app.fee_quantity,
            amount_fen: app.fee_amount_fen,
            notice_on: app.fee_notice_on,
            notice_received_on: app.fee_notice_received_on,
            paid_on: app.fee_paid_on,
        },
        draft: DraftView {
            outcome: app.draft_outcome,
            text: app.draft_text.clone(),
            leader_instructed: app.draft_leader_instructed,
            objection: app.draft_objection.clone(),
            public_interest_reason: app.draft_public_interest.clone(),
            drafted_by: app.drafted_by,
            drafted_at: app.drafted_at,
        },
        reply_text: app.reply_text.clone(),
        approved_by: app.approved_by,
        secrecy_reviewed: app.secrecy_reviewed,
        secrecy_reviewed_by: app.secrecy_reviewed_by,
        secrecy_reviewed_at: app.secrecy_reviewed_at,
        secrecy_review_note: app.secrecy_review_note.clone(),
        reasons_question: app.reasons_question.clone(),
        reasons_requested_on: app.reasons_requested_on,
        reasons_given: app.reasons_given.clone(),
        reasons_given_on: app.reasons_given_on,
        deferred_until: app.deferred_until,
        deferral_reason: app.deferral_reason.clone(),
        delivered_at: app.delivered_at,
        delivery_note: app.delivery_note.clone(),
        flag_note: app.flag_note.clone(),
        assistance: if d == Disclosure::Whole { app.assistance.clone() } else { None },
        clocks: clock_views,
        due_explanation: explained.map(|(_, e)| e),
        events: events.into_iter().map(Into::into).collect(),
        attachments,
        consultations: consultations
            .into_iter()
            .map(|c| {
                let due = consult_clocks.get(&c.id).copied();
                ConsultationView::new(c, due)
            })
            .collect(),
        approvals: approvals.into_iter().map(Into::into).collect(),
        proceedings: proceedings.into_iter().map(Into::into).collect(),
        supervision: supervision.into_iter().map(Into::into).collect(),
    })
}

pub async fn load(db: &impl ConnectionTrait, unit: UnitRef, id: Uuid) -> Result<application::Model, ApiError> {
    application::Entity::find_in(unit).filter(application::Column::Id.eq(id)).one(db).await?.ok_or(ApiError::NotFound)
}

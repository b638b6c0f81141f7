//! The handling unit's console: its applications, and every step of handling one. Each write runs
//! in one transaction with one audit event.

use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{ApplicationChannel, ConsultedParty, ProceedingResult};
use entity::{application, application_attachment, application_consultation, legal_proceeding, unit};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::fees::FeeQuote;
use super::read::*;
use super::requests::*;
use super::service::{self, Draft, Intake, Step};
use super::views::*;
use super::{APPLICATION, REPLY, SIGN, SUBJECT};
use crate::audit::AuditRecord;
use crate::auth::{Actor, Reach};
use crate::clocks::{self};
use crate::db::write_tx;
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{ApplicationApprove, ApplicationHandle, ApplicationRead};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope, Via};
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_applications)
        .service(register_application)
        .service(get_application)
        .service(sign_application)
        .service(transfer_application)
        .service(request_correction)
        .service(record_correction)
        .service(extend_application)
        .service(consult)
        .service(answer_consultation)
        .service(quote_fee)
        .service(send_fee_notice)
        .service(record_fee_notice_receipt)
        .service(answer_correction)
        .service(record_payment)
        .service(draft_reply)
        .service(review_secrecy)
        .service(request_reasons)
        .service(record_reasons)
        .service(defer_reply)
        .service(decide_reply)
        .service(record_delivery)
        .service(upload_attachment)
        .service(download_attachment)
        .service(add_proceeding)
        .service(update_proceeding)
        .service(download_letter);
}

/// The unit's applications, newest first.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path, description = "The unit"), ListQuery),
    responses((status = 200, body = Page<ApplicationSummary>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/units/{unit_id}/applications")]
pub async fn list_applications(
    scope: UnitScope<ApplicationRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ListQuery>,
) -> Result<web::Json<Page<ApplicationSummary>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let now = state.time.now();
    let mut select = application::Entity::find_in(scope.unit_ref());
    if let Some(status) = q.status {
        select = select.filter(application::Column::Status.eq(status));
    }
    if q.art35 == Some(true) {
        select = select.filter(application::Column::Art35Flag.eq(true));
    }
    if let Some(year) = q.year {
        let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(ApiError::field("year", "range"))?;
        let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(ApiError::field("year", "range"))?;
        select = select.filter(application::Column::ReceivedOn.between(from, to));
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let code = application::Column::TrackingCode.eq(text.to_ascii_uppercase());
        // Only the unit's own staff may search by name: to an oversight body, whose lists are
        // masked, a name search would answer whether a given person applied.
        select = select.filter(match scope.via {
            Via::OwnRole => Condition::any().add(code).add(name_prefix(text)),
            Via::Function | Via::Platform => Condition::all().add(code),
        });
    }
    if q.overdue == Some(true) {
        let overdue_ids = clocks::overdue_subjects(
            &state.db,
            &Reach::Units(vec![scope.unit.id]),
            None,
            APPLICATION,
            &[&SIGN, &REPLY],
            beijing_today(now),
        )
        .await?;
        select = select.filter(application::Column::Id.is_in(overdue_ids));
    }
    let (rows, total) = paging
        .rows(select.order_by_desc(application::Column::SubmittedAt).order_by_desc(application::Column::Id), &state.db)
        .await?;
    // Lists and their exports never carry whole personal data; the handling unit sees it on the
    // application itself.
    let items = summaries(&state.db, rows, |_| Disclosure::Masked, now).await?;
    Ok(web::Json(paging.page_of(items, total)))
}

/// Names starting with `text`, the LIKE wildcards in it taken literally.
fn name_prefix(text: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    Expr::col(application::Column::ApplicantName).like(LikeExpr::new(format!("{escaped}%")).escape('\\'))
}

/// What a step did, for the audit trail.
struct Done<'a> {
    action: &'a str,
    before: &'a application::Model,
    extra: serde_json::Value,
}

/// Appends the one audit event of a step, commits, and answers with the application as it now is.
async fn finish(
    tx: sea_orm::DatabaseTransaction,
    state: &AppState,
    (actor, via): (&Actor, Via),
    done: Done<'_>,
    after: application::Model,
    now: DateTime<Utc>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let record = AuditRecord::success(done.action, SUBJECT, after.id)
        .in_unit(after.county_id, after.unit_id)
        .with_summary(serde_json::json!({
            "tracking_code": after.tracking_code, "from": done.before.status, "to": after.status,
            "details": done.extra,
        }));
    crate::work::commit(tx, state, &actor.audit_actor(), record, now).await?;
    // Whole personal data only for the unit's own staff, after a write as on a read.
    Ok(web::Json(detail(&state.db, after, disclosure(via), now).await?))
}

/// One application, with its clocks, history, consultations and approval trail. Personal data is
/// whole only for the handling unit.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/units/{unit_id}/applications/{application_id}")]
pub async fn get_application(
    scope: UnitScope<ApplicationRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let (_, id) = path.into_inner();
    let app = load(&state.db, scope.unit_ref(), id).await?;
    Ok(web::Json(detail(&state.db, app, disclosure(scope.via), state.time.now()).await?))
}

/// Registers an application received at the counter, by post, fax or email, with its receipt date.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path)),
    request_body = RegisterRequest,
    responses((status = 201, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications")]
pub async fn register_application(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    body: ValidatedJson<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    if body.channel == ApplicationChannel::Online {
        return Err(ApiError::field("channel", "invalid_value"));
    }
    let applicant = body.applicant.parse()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let created = service::intake(
        &tx,
        &state.audit_key,
        &state.settings.applications,
        &state.settings.public_base_url,
        &scope.unit,
        Intake {
            applicant,
            description: body.description,
            purpose: body.purpose,
            delivery_form: body.delivery_form,
            request: service::Request::new(body.request_kind, body.correction_sought)?,
            channel: body.channel,
            received_on: Some(body.received_on),
            idempotency: None,
            contact_flood: false,
            assistance: body.assistance,
            staff: Some(scope.actor.user_id),
            citizen: None,
            lang: crate::error::Lang::Zh,
        },
        now,
    )
    .await?;
    let app = created.application;
    let record = AuditRecord::success("application.register", SUBJECT, app.id)
        .in_unit(app.county_id, app.unit_id)
        .with_summary(serde_json::json!({ "tracking_code": app.tracking_code, "channel": app.channel }));
    crate::work::commit(tx, &state, &scope.actor.audit_actor(), record, now).await?;
    Ok(HttpResponse::Created().json(detail(&state.db, app, disclosure(scope.via), now).await?))
}

/// 签收: the unit confirms an online application; it is received today.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/sign")]
pub async fn sign_application(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::sign(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        scope.actor.user_id,
    )
    .await?;
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.sign", before: &before, extra: serde_json::Value::Null },
        after,
        now,
    )
    .await
}

/// Sends a misdirected online application, not yet signed for, to the unit that holds the information.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = TransferRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/transfer")]
pub async fn transfer_application(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<TransferRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let to = unit::Entity::find_by_id(body.to_unit_id)
        .filter(unit::Column::CountyId.eq(scope.unit.county_id))
        .one(&tx)
        .await?
        .ok_or(ApiError::field("to_unit_id", "not_found"))?;
    let after = service::transfer(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        &to,
        before.clone(),
        body.reason.trim(),
        scope.actor.user_id,
        state.settings.applications.sign_days,
    )
    .await?;
    let record = AuditRecord::success("application.transfer", SUBJECT, after.id)
        .in_unit(before.county_id, before.unit_id)
        .with_summary(serde_json::json!({ "tracking_code": after.tracking_code, "to_unit_id": to.id }));
    crate::work::commit(tx, &state, &scope.actor.audit_actor(), record, now).await?;
    // The application now belongs to the other unit: the sender sees it masked from here on.
    Ok(web::Json(detail(&state.db, after, Disclosure::Masked, now).await?))
}

/// 补正告知: once, within 7 working days of receipt; the reply clock waits for the correction.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = CorrectionNoticeRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/correction-notice")]
pub async fn request_correction(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<CorrectionNoticeRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::request_correction(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        &body.items,
        body.days.unwrap_or(state.settings.applications.correction_days),
        scope.actor.user_id,
    )
    .await?;
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.correction_notice", before: &before, extra: serde_json::Value::Null },
        after,
        now,
    )
    .await
}

/// Records a corrected application that arrived by post or at the counter.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = CorrectionReceivedRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/correction")]
pub async fn record_correction(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<CorrectionReceivedRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::receive_correction(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        &body.description,
        body.received_on,
        Some(scope.actor.user_id),
    )
    .await?;
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.correction_received", before: &before, extra: serde_json::Value::Null },
        after,
        now,
    )
    .await
}

/// 延期答复: the unit's leader approves one extension; the applicant is told.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = ExtensionRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationApprove::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/extension")]
pub async fn extend_application(
    scope: UnitScope<ApplicationApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ExtensionRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::extend(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        body.days,
        body.reason.trim(),
        scope.actor.user_id,
    )
    .await?;
    let extra = serde_json::json!({ "days": body.days });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.extend", before: &before, extra },
        after,
        now,
    )
    .await
}

/// 征求意见: a third party or another body (15 working days) or the secrecy bureau (5 working days);
/// the reply clock is suspended meanwhile.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = ConsultRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/consultations")]
pub async fn consult(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ConsultRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let (after, consultation) = service::consult(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        body.party,
        body.party_name.as_deref().unwrap_or(""),
        &body.question,
        scope.actor.user_id,
    )
    .await?;
    let extra = serde_json::json!({ "consultation_id": consultation.id, "party": consultation.party });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.consult", before: &before, extra },
        after,
        now,
    )
    .await
}

/// Records a third party's or a body's answer (or its silence after the period).
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path), ("consultation_id" = Uuid, Path)),
    request_body = ConsultationAnswerRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/consultations/{consultation_id}/answer")]
pub async fn answer_consultation(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: ValidatedJson<ConsultationAnswerRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let (_, app_id, consultation_id) = path.into_inner();
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), app_id).await?;
    let consultation = application_consultation::Entity::find_in(scope.unit_ref())
        .filter(application_consultation::Column::Id.eq(consultation_id))
        .filter(application_consultation::Column::ApplicationId.eq(app_id))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    if consultation.party == ConsultedParty::SecrecyBureau {
        // The bureau answers its referrals itself; the unit cannot answer for it.
        return Err(ApiError::Rule(ErrorCode::ReferralAnsweredByBureau, None));
    }
    let after = service::close_consultation(
        &tx,
        scope.unit_ref(),
        consultation,
        body.answer.as_deref(),
        body.objects,
        body.answered_on,
        scope.actor.user_id,
        now,
    )
    .await?;
    let extra = serde_json::json!({ "consultation_id": consultation_id });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.consultation_answer", before: &before, extra },
        after,
        now,
    )
    .await
}

/// What a fee notice would charge, with the tiers and the applicant's earlier units this month.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path), FeeRequest),
    responses((status = 200, body = FeeQuote), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[get("/units/{unit_id}/applications/{application_id}/fee-quote")]
pub async fn quote_fee(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    query: ValidatedQuery<FeeRequest>,
) -> Result<web::Json<FeeQuote>, ApiError> {
    let q = query.into_inner()?;
    let app = load(&state.db, scope.unit_ref(), path.1).await?;
    Ok(web::Json(service::fee_quote(&state.db, &app, q.method, q.quantity).await?))
}

/// 收费通知 (State Council General Office 2020 No. 109): payment within 20 working days.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = FeeRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/fee-notice")]
pub async fn send_fee_notice(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<FeeRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let (after, quote) = service::fee_notice(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        body.method,
        body.quantity,
        scope.actor.user_id,
    )
    .await?;
    let extra = serde_json::json!({ "amount_fen": quote.amount_fen });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.fee_notice", before: &before, extra },
        after,
        now,
    )
    .await
}

/// Records the day a fee notice sent on paper reached the applicant; the payment period starts.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = FeeNoticeReceiptRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/fee-notice-receipt")]
pub async fn record_fee_notice_receipt(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<FeeNoticeReceiptRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::record_fee_notice_receipt(
        &tx,
        scope.unit_ref(),
        before.clone(),
        body.received_on,
        scope.actor.user_id,
        now,
    )
    .await?;
    let extra = serde_json::json!({ "received_on": body.received_on });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.fee_notice_receipt", before: &before, extra },
        after,
        now,
    )
    .await
}

/// Records the applicant's payment; the reply clock runs again.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = PaymentRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/payment")]
pub async fn record_payment(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<PaymentRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after =
        service::record_payment(&tx, scope.unit_ref(), before.clone(), body.paid_on, scope.actor.user_id, now).await?;
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.payment", before: &before, extra: serde_json::Value::Null },
        after,
        now,
    )
    .await
}

/// The handler drafts the reply for the leader's approval.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = DraftRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/reply-draft")]
pub async fn draft_reply(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<DraftRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let draft = Draft {
        outcome: body.outcome,
        text: body.text,
        leader_instructed: body.leader_instructed,
        objection: body.objection,
        public_interest_reason: body.public_interest_reason,
    };
    let after = service::draft_reply(&tx, scope.unit_ref(), before.clone(), draft, scope.actor.user_id, now).await?;
    let extra = serde_json::json!({ "outcome": body.outcome });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.reply_draft", before: &before, extra },
        after,
        now,
    )
    .await
}

/// Art. 35: ask the applicant to state the reasons for the quantity or frequency of the requests.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = ReasonsRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/reasons-request")]
pub async fn request_reasons(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ReasonsRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let step = Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now };
    let after = service::ask_reasons(&tx, step, before.clone(), &body.question, scope.actor.user_id).await?;
    let done = Done { action: "application.reasons_request", before: &before, extra: serde_json::Value::Null };
    finish(tx, &state, (&scope.actor, scope.via), done, after, now).await
}

/// Art. 35: record the reasons an applicant gave by letter or at the counter.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = ReasonsAnswer,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/reasons")]
pub async fn record_reasons(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ReasonsAnswer>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::give_reasons(&tx, before.clone(), &body.reasons, Some(scope.actor.user_id), now).await?;
    let done = Done { action: "application.reasons", before: &before, extra: serde_json::Value::Null };
    finish(tx, &state, (&scope.actor, scope.via), done, after, now).await
}

/// Art. 35: the leader sets a reasonable later reply date for a reasonable but very large request,
/// and the applicant is told; a reply by that date is on time.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = DeferralRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationApprove::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/deferral")]
pub async fn defer_reply(
    scope: UnitScope<ApplicationApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<DeferralRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let step = Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now };
    let after = service::defer_reply(&tx, step, before.clone(), body.until, &body.reason, scope.actor.user_id).await?;
    let extra = serde_json::json!({ "until": body.until });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.deferral", before: &before, extra },
        after,
        now,
    )
    .await
}

/// The unit's designated secrecy reviewer clears a draft that releases information, or sends it back
/// (SR 3–5: reviewed before release, by the body that makes it).
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = SecrecyReviewRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/secrecy-review")]
pub async fn review_secrecy(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<SecrecyReviewRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::review_secrecy(
        &tx,
        scope.unit_ref(),
        before.clone(),
        body.cleared,
        body.note.as_deref(),
        scope.actor.user_id,
        now,
    )
    .await?;
    let action = if body.cleared { "application.secrecy_clear" } else { "application.secrecy_return" };
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action, before: &before, extra: serde_json::Value::Null },
        after,
        now,
    )
    .await
}

/// The leader approves the drafted reply (the application closes with its outcome) or returns it.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = ReplyDecisionRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationApprove::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/reply-decision")]
pub async fn decide_reply(
    scope: UnitScope<ApplicationApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ReplyDecisionRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::decide_reply(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        body.approve,
        body.note.as_deref(),
        scope.actor.user_id,
    )
    .await?;
    let action = if body.approve { "application.reply_approve" } else { "application.reply_return" };
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action, before: &before, extra: serde_json::Value::Null },
        after,
        now,
    )
    .await
}

/// Answers an Art. 41 request to correct a record: corrected, not corrected with reasons, or the body
/// with power to correct named. A body inside the county is reached with `transfer` instead.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = CorrectionAnswerRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationApprove::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/correction-answer")]
pub async fn answer_correction(
    scope: UnitScope<ApplicationApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<CorrectionAnswerRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let answer = service::CorrectionAnswer::new(body.outcome, &body.text, body.body_name.as_deref())?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::answer_correction(
        &tx,
        Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now },
        before.clone(),
        answer,
        scope.actor.user_id,
    )
    .await?;
    let extra = serde_json::json!({ "outcome": body.outcome });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.correction_answer", before: &before, extra },
        after,
        now,
    )
    .await
}

/// Records the delivery of the reply.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = DeliveryRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/delivery")]
pub async fn record_delivery(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<DeliveryRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let after = service::record_delivery(&tx, before.clone(), &body.note, scope.actor.user_id, now).await?;
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.delivery", before: &before, extra: serde_json::Value::Null },
        after,
        now,
    )
    .await
}

pub use crate::download::read_limited;

/// Adds a file (PDF, JPEG or PNG; the body is the file itself).
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/attachments")]
pub async fn upload_attachment(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    query: ValidatedQuery<UploadQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner()?;
    let bytes = read_limited(payload, state.settings.applications.attachment_max_bytes).await?;
    let app = load(&state.db, scope.unit_ref(), path.1).await?;
    attach_on_record(&state, &scope.actor.audit_actor(), &app, &q.purpose, &q.file_name, bytes).await
}

/// Stores a file of an application and writes its one audit event, for staff and applicants alike.
pub async fn attach_on_record(
    state: &AppState,
    actor: &crate::audit::AuditActor,
    app: &application::Model,
    purpose: &str,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<HttpResponse, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let by_staff = actor.user_id.is_some();
    let saved =
        service::attach(&tx, &state.settings.applications, app, (purpose, by_staff), file_name, bytes, now).await?;
    let record =
        AuditRecord::success("application.attach", SUBJECT, app.id).in_unit(app.county_id, app.unit_id).with_summary(
            serde_json::json!({ "attachment_id": saved.id, "sha256": saved.sha256, "size": saved.size_bytes }),
        );
    crate::work::commit(tx, state, actor, record, now).await?;
    Ok(HttpResponse::Created().json(AttachmentView::from(&saved)))
}

/// A stored file; identity proofs are personal data, so only the handling unit gets them.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path), ("attachment_id" = Uuid, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/units/{unit_id}/applications/{application_id}/attachments/{attachment_id}")]
pub async fn download_attachment(
    scope: UnitScope<ApplicationRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (_, app_id, attachment_id) = path.into_inner();
    if scope.via != Via::OwnRole {
        return Err(ApiError::Forbidden);
    }
    let a = application_attachment::Entity::find_in(scope.unit_ref())
        .filter(application_attachment::Column::Id.eq(attachment_id))
        .filter(application_attachment::Column::ApplicationId.eq(app_id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(crate::download::attachment(&a.content_type, &a.file_name, a.content))
}

fn check_proceeding(
    filed_on: NaiveDate,
    result: ProceedingResult,
    decided_on: Option<NaiveDate>,
) -> Result<(), ApiError> {
    match (result, decided_on) {
        (ProceedingResult::Pending, Some(_)) => Err(ApiError::field("decided_on", "invalid_value")),
        (ProceedingResult::Pending, None) => Ok(()),
        (_, None) => Err(ApiError::field("decided_on", "required")),
        (_, Some(d)) if d < filed_on => Err(ApiError::field("decided_on", "invalid_range")),
        _ => Ok(()),
    }
}

/// Records an administrative review or a lawsuit over the application (annual report table 4).
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = ProceedingRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[post("/units/{unit_id}/applications/{application_id}/proceedings")]
pub async fn add_proceeding(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ProceedingRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    check_proceeding(body.filed_on, body.result, body.decided_on)?;
    let now = state.time.now();
    if body.filed_on > beijing_today(now) {
        return Err(ApiError::field("filed_on", "in_future"));
    }
    let tx = write_tx(&state.db).await?;
    let app = load(&tx, scope.unit_ref(), path.1).await?;
    let p = legal_proceeding::Model {
        id: Uuid::now_v7(),
        application_id: app.id,
        county_id: app.county_id,
        unit_id: app.unit_id,
        kind: body.kind,
        filed_on: body.filed_on,
        result: body.result,
        decided_on: body.decided_on,
        note: body.note.map(|n| n.trim().to_string()),
        created_by: scope.actor.user_id,
        created_at: now,
        updated_at: now,
    };
    legal_proceeding::Entity::insert(legal_proceeding::ActiveModel::from(p.clone()))
        .exec_without_returning(&tx)
        .await?;
    let extra = serde_json::json!({ "proceeding_id": p.id, "kind": p.kind, "result": p.result });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.proceeding_add", before: &app, extra },
        app.clone(),
        now,
    )
    .await
}

/// Records the result of a review or lawsuit.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path), ("proceeding_id" = Uuid, Path)),
    request_body = ProceedingUpdate,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[patch("/units/{unit_id}/applications/{application_id}/proceedings/{proceeding_id}")]
pub async fn update_proceeding(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: ValidatedJson<ProceedingUpdate>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let (_, app_id, proceeding_id) = path.into_inner();
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let app = load(&tx, scope.unit_ref(), app_id).await?;
    let p = legal_proceeding::Entity::find_in(scope.unit_ref())
        .filter(legal_proceeding::Column::Id.eq(proceeding_id))
        .filter(legal_proceeding::Column::ApplicationId.eq(app_id))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    check_proceeding(p.filed_on, body.result, body.decided_on)?;
    let mut active: legal_proceeding::ActiveModel = p.clone().into();
    active.result = sea_orm::ActiveValue::Set(body.result);
    active.decided_on = sea_orm::ActiveValue::Set(body.decided_on);
    active.note = sea_orm::ActiveValue::Set(body.note.map(|n| n.trim().to_string()).or(p.note.clone()));
    active.updated_at = sea_orm::ActiveValue::Set(now);
    sea_orm::ActiveModelTrait::update(active, &tx).await?;
    let extra = serde_json::json!({ "proceeding_id": p.id, "from": p.result, "to": body.result });
    finish(
        tx,
        &state,
        (&scope.actor, scope.via),
        Done { action: "application.proceeding_update", before: &app, extra },
        app.clone(),
        now,
    )
    .await
}

/// The letter of a step (receipt, correction notice, extension notice, third-party consultation,
/// fee notice, reply) as PDF.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path), ("event_id" = Uuid, Path)),
    responses((status = 200, description = "The letter", content_type = "application/pdf"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/units/{unit_id}/applications/{application_id}/letters/{event_id}")]
pub async fn download_letter(
    scope: UnitScope<ApplicationRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (_, app_id, event_id) = path.into_inner();
    let app = load(&state.db, scope.unit_ref(), app_id).await?;
    super::letters::respond(&state, &app, event_id, disclosure(scope.via)).await
}

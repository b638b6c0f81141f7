//! The portal and mobile side, without an account: submitting an application, following it with the
//! tracking code and its secret, sending a correction, downloading letters.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use entity::enums::{ApplicationChannel, ApplicationStatus, DeliveryForm, RequestKind};
use entity::{application, application_event, unit};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::requests::ApplicantInput;
use super::routes::read_limited;
use super::service::{self, Intake, Step};
use super::views::{AttachmentView, EventView, PublicStatus};
use super::{SUBJECT, outcome_label};
use crate::audit::{self, AuditActor, AuditRecord};
use crate::context::client_ip;
use crate::db::write_tx;
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef};
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(submit_application)
        .service(track_application)
        .service(submit_public_correction)
        .service(submit_public_reasons)
        .service(upload_public_attachment)
        .service(download_public_letter);
}

pub const SECRET_HEADER: &str = "X-Tracking-Secret";
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitRequest {
    /// The unit the application is addressed to.
    pub unit_id: Uuid,
    #[validate(nested)]
    pub applicant: ApplicantInput,
    #[validate(length(min = 5, max = 5000, code = "length"))]
    #[schema(min_length = 5, max_length = 5000)]
    pub description: String,
    #[validate(length(max = 1000, code = "length"))]
    #[schema(max_length = 1000)]
    pub purpose: Option<String>,
    pub delivery_form: DeliveryForm,
    /// `disclosure` (the default) or `correction`: an Art. 41 request to correct a record about the
    /// applicant, which `description` then names.
    #[serde(default)]
    pub request_kind: RequestKind,
    /// Art. 41: what is wrong in the record and what it should say; required for a correction.
    #[validate(length(min = 5, max = 5000, code = "length"))]
    #[schema(min_length = 5, max_length = 5000)]
    pub correction_sought: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Submitted {
    /// 查询号.
    pub tracking_code: String,
    /// Keep it: with the tracking code it opens the application's status page.
    pub secret: String,
    pub status: ApplicationStatus,
    pub unit_name: String,
    pub submitted_at: DateTime<Utc>,
}

pub(super) fn public_actor(req: &HttpRequest, state: &AppState) -> AuditActor {
    AuditActor {
        user_id: None,
        name: "applicant (portal)".into(),
        request_id: crate::context::RequestMeta::from_request(req, &state.settings).request_id,
        client_ip: client_ip(req, state.settings.trust_forwarded_for),
    }
}

/// Stops scripted floods from one client address, counted across replicas when Redis is configured.
/// A person is never turned away before receipt for how often their contact applies: that only
/// flags the application for the unit's Art. 35 review. Returns whether a contact went over its
/// daily count.
async fn check_rates(state: &AppState, req: &HttpRequest, contacts: &[&str]) -> Result<bool, ApiError> {
    use std::time::Duration;
    let limits = &state.settings.applications;
    let ip = client_ip(req, state.settings.trust_forwarded_for);
    let by_ip = state.counters.hit(&format!("apply:ip:{ip}"), Duration::from_secs(3600)).await?;
    if by_ip.value > limits.rate_per_ip_hour {
        return Err(ApiError::PortalFlood { retry_after_secs: by_ip.resets_in });
    }
    let mut over = false;
    for contact in contacts {
        let by_contact = state.counters.hit(&format!("apply:contact:{contact}"), Duration::from_secs(86_400)).await?;
        over |= by_contact.value > limits.rate_per_contact_day;
    }
    Ok(over)
}

/// Submits an application for government information. Send an `Idempotency-Key` header so that a
/// retried request creates one application; the answer then repeats the first one.
#[utoipa::path(
    tag = "portal",
    request_body = SubmitRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "A client-chosen key, 8–100 characters")),
    responses((status = 201, body = Submitted), (status = 200, body = Submitted, description = "A retry"), ErrorResponses),
    // Anonymous, or signed in as a citizen, whose account then follows the application.
    security((), ("citizen" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/applications")]
pub async fn submit_application(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<SubmitRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let idempotency_key = match req.headers().get(IDEMPOTENCY_HEADER) {
        Some(v) => {
            let key = v.to_str().map_err(|_| ApiError::field(IDEMPOTENCY_HEADER, "invalid_format"))?.trim();
            if !(8..=100).contains(&key.len()) || !key.chars().all(|c| c.is_ascii_graphic()) {
                return Err(ApiError::field(IDEMPOTENCY_HEADER, "invalid_format"));
            }
            Some(key.to_string())
        }
        None => None,
    };
    let applicant = body.applicant.parse()?;
    // The fingerprint covers everything the application says, so a key reused with other content
    // (or guessed by someone else) matches nothing.
    let idempotency = idempotency_key.map(|raw| {
        let unit = body.unit_id.to_string();
        let delivery = format!("{:?}/{:?}", body.delivery_form, body.request_kind);
        let request = [
            unit.as_str(),
            applicant.identity.id_type.as_str(),
            applicant.identity.as_str(),
            applicant.name.as_str(),
            applicant.phone.as_str(),
            applicant.email.as_deref().unwrap_or(""),
            body.description.trim(),
            body.purpose.as_deref().unwrap_or(""),
            delivery.as_str(),
            body.correction_sought.as_deref().unwrap_or(""),
        ];
        service::Idempotency::new(&state.audit_key, &raw, &request)
    });
    let citizen = super::citizens::Citizen::from_token(&state, &req).await?;
    let unit = unit::Entity::find_by_id(body.unit_id)
        .filter(unit::Column::Active.eq(true))
        .one(&state.db)
        .await?
        .ok_or(ApiError::field("unit_id", "not_found"))?;
    let mut contacts = vec![applicant.phone.as_str().to_string()];
    contacts.extend(applicant.email.clone());
    let retry = match &idempotency {
        Some(idem) => idem.is_retry(&state.db, state.time.now()).await?,
        None => false,
    };
    let contact_flood = if retry {
        false
    } else {
        let refs: Vec<&str> = contacts.iter().map(String::as_str).collect();
        check_rates(&state, &req, &refs).await?
    };
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let created = service::intake(
        &tx,
        &state.audit_key,
        &state.settings.applications,
        &state.settings.public_base_url,
        &unit,
        Intake {
            applicant,
            description: body.description,
            purpose: body.purpose,
            delivery_form: body.delivery_form,
            request: service::Request::new(body.request_kind, body.correction_sought)?,
            channel: ApplicationChannel::Online,
            received_on: None,
            idempotency,
            contact_flood,
            assistance: None,
            staff: None,
            citizen: citizen.as_ref().map(|c| c.citizen.id),
            lang: crate::error::Lang::from_request(&req),
        },
        now,
    )
    .await?;
    let app = &created.application;
    if created.new {
        let record = AuditRecord::success("application.submit", SUBJECT, app.id)
            .in_unit(app.county_id, app.unit_id)
            .with_summary(serde_json::json!({ "tracking_code": app.tracking_code, "art35_flag": app.art35_flag }));
        audit::append(&tx, &state.audit_key, &public_actor(&req, &state), record, now).await?;
    }
    tx.commit().await?;
    let answer = Submitted {
        tracking_code: app.tracking_code.clone(),
        secret: created.secret.clone(),
        status: app.status,
        unit_name: unit.name.clone(),
        submitted_at: app.submitted_at,
    };
    Ok(if created.new { HttpResponse::Created().json(answer) } else { HttpResponse::Ok().json(answer) })
}

/// The application behind a tracking code, when the secret matches; anything else is "not found",
/// so codes cannot be probed.
pub(super) async fn authorized(
    state: &AppState,
    req: &HttpRequest,
    tracking_code: &str,
) -> Result<application::Model, ApiError> {
    crate::limiter::check_public_rate(state, req, "track").await?;
    let secret = req.headers().get(SECRET_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let app = service::find_by_code(&state.db, tracking_code).await?.ok_or(ApiError::NotFound)?;
    if !service::secret_matches(&state.audit_key, app.id, secret) {
        return Err(ApiError::NotFound);
    }
    Ok(app)
}

pub(super) async fn public_status(state: &AppState, app: application::Model) -> Result<PublicStatus, ApiError> {
    let now = state.time.now();
    let unit = unit::Entity::find_by_id(app.unit_id).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    let events = application_event::Entity::find_in(service::handling_unit(&app))
        .filter(application_event::Column::ApplicationId.eq(app.id))
        .filter(application_event::Column::Public.eq(true))
        .order_by_asc(application_event::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let mut due = service::explained_due(&state.db, &app, now).await?;
    if app.status == ApplicationStatus::Closed {
        due = None;
    }
    // While the applicant must act, the date that matters to them is theirs.
    let waiting = match app.status {
        ApplicationStatus::AwaitingCorrection => service::clock_of(&state.db, &app, &super::CORRECTION_WAIT).await?,
        ApplicationStatus::AwaitingPayment => service::clock_of(&state.db, &app, &super::PAYMENT).await?,
        _ => None,
    };
    let (due_date, due_kind, explanation) = match (waiting, due) {
        (Some(w), _) => (Some(w.due_date), Some(w.kind), None),
        (None, Some((c, e))) => (Some(e.due_date), Some(c.kind), Some(e)),
        (None, None) => (None, None, None),
    };
    Ok(PublicStatus {
        tracking_code: app.tracking_code,
        unit_id: unit.id,
        unit_name: unit.name,
        status: app.status,
        applicant_name: app.applicant_name,
        description: app.description,
        submitted_at: app.submitted_at,
        received_on: app.received_on,
        correction_items: app.correction_items,
        due_date,
        due_kind,
        due_explanation: explanation,
        fee_amount_fen: app.fee_amount_fen,
        outcome: app.outcome,
        outcome_label: app.outcome.map(|o| outcome_label(o).to_string()),
        request_kind: app.request_kind,
        correction_sought: app.correction_sought,
        correction_outcome: app.correction_outcome,
        correction_label: app.correction_outcome.map(|o| service::correction_label(o).to_string()),
        correction_body: app.correction_body,
        reply_text: if app.status == ApplicationStatus::Closed { app.reply_text } else { None },
        closed_on: app.closed_on,
        events: events.into_iter().map(EventView::from).map(strip_internal).collect(),
    })
}

/// Letters written to someone else: the applicant learns that the step happened, not its letter
/// (a third party's name and the question put to it are theirs).
const NOT_THE_APPLICANTS: &[&str] = &["third_party_consultation", "third_party_disclosure_notice"];

/// The applicant sees what happened and when, not who on the staff did it.
fn strip_internal(mut e: EventView) -> EventView {
    e.actor_user_id = None;
    if e.letter.as_deref().is_some_and(|l| NOT_THE_APPLICANTS.contains(&l)) {
        e.letter = None;
        e.document_number = None;
    }
    if let serde_json::Value::Object(map) = &mut e.details {
        map.remove("original_description");
        map.remove("consultation_id");
        map.remove("from_unit_id");
    }
    e
}

/// The stage, every notice, the statutory due date with its explanation, and the reply.
#[utoipa::path(
    tag = "portal",
    params(("tracking_code" = String, Path), ("X-Tracking-Secret" = String, Header, description = "The secret given at submission")),
    responses((status = 200, body = PublicStatus), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/applications/{tracking_code}")]
pub async fn track_application(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<PublicStatus>, ApiError> {
    let app = authorized(&state, &req, &path.into_inner()).await?;
    Ok(web::Json(public_status(&state, app).await?))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// The corrected description of the information asked for.
    #[validate(length(min = 5, max = 5000, code = "length"))]
    #[schema(min_length = 5, max_length = 5000)]
    pub description: String,
}

/// Sends the corrected application; the reply period starts again today (Art. 30).
#[utoipa::path(
    tag = "portal",
    params(("tracking_code" = String, Path), ("X-Tracking-Secret" = String, Header)),
    request_body = CorrectionRequest,
    responses((status = 200, body = PublicStatus), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/applications/{tracking_code}/correction")]
pub async fn submit_public_correction(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ValidatedJson<CorrectionRequest>,
) -> Result<web::Json<PublicStatus>, ApiError> {
    let app = authorized(&state, &req, &path.into_inner()).await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = app.status;
    // The applicant proved the tracking secret: the correction is received in the handling unit.
    let handling = UnitRef::owning_row(app.unit_id, app.county_id);
    let after = service::receive_correction(
        &tx,
        Step { unit: handling, base_url: &state.settings.public_base_url, now },
        app,
        &body.description,
        beijing_today(now),
        None,
    )
    .await?;
    let record = AuditRecord::success("application.correction_received", SUBJECT, after.id)
        .in_unit(after.county_id, after.unit_id)
        .with_summary(serde_json::json!({ "tracking_code": after.tracking_code, "from": before, "to": after.status }));
    crate::work::commit(tx, &state, &public_actor(&req, &state), record, now).await?;
    Ok(web::Json(public_status(&state, after).await?))
}

/// States the reasons the unit asked for (Art. 35).
#[utoipa::path(
    tag = "portal",
    params(("tracking_code" = String, Path), ("X-Tracking-Secret" = String, Header)),
    request_body = super::requests::ReasonsAnswer,
    responses((status = 200, body = PublicStatus), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/applications/{tracking_code}/reasons")]
pub async fn submit_public_reasons(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ValidatedJson<super::requests::ReasonsAnswer>,
) -> Result<web::Json<PublicStatus>, ApiError> {
    let app = authorized(&state, &req, &path.into_inner()).await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let after = service::give_reasons(&tx, app, &body.reasons, None, now).await?;
    let record = AuditRecord::success("application.reasons_given", SUBJECT, after.id)
        .in_unit(after.county_id, after.unit_id)
        .with_summary(serde_json::json!({ "tracking_code": after.tracking_code }));
    crate::work::commit(tx, &state, &public_actor(&req, &state), record, now).await?;
    Ok(web::Json(public_status(&state, after).await?))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicUploadQuery {
    /// `identity_proof` or `correction`.
    #[validate(length(min = 1, max = 32, code = "length"))]
    #[param(max_length = 32)]
    pub purpose: String,
    #[validate(length(min = 1, max = 200, code = "length"))]
    #[param(max_length = 200)]
    pub file_name: String,
}

/// Adds the identity proof or a correction's file (PDF, JPEG or PNG; the body is the file itself).
#[utoipa::path(
    tag = "portal",
    params(("tracking_code" = String, Path), ("X-Tracking-Secret" = String, Header), PublicUploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentView), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/applications/{tracking_code}/attachments")]
pub async fn upload_public_attachment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: ValidatedQuery<PublicUploadQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let app = authorized(&state, &req, &path.into_inner()).await?;
    let q = query.into_inner()?;
    if q.purpose == "other" {
        return Err(ApiError::field("purpose", "invalid_value"));
    }
    if app.status == ApplicationStatus::Closed {
        return Err(ApiError::Rule(ErrorCode::ApplicationWrongStage, Some("status".into())));
    }
    let bytes = read_limited(payload, state.settings.applications.attachment_max_bytes).await?;
    super::routes::attach_on_record(&state, &public_actor(&req, &state), &app, &q.purpose, &q.file_name, bytes).await
}

/// A letter sent to the applicant, as PDF.
#[utoipa::path(
    tag = "portal",
    params(("tracking_code" = String, Path), ("event_id" = Uuid, Path), ("X-Tracking-Secret" = String, Header)),
    responses((status = 200, description = "The letter", content_type = "application/pdf"), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/applications/{tracking_code}/letters/{event_id}")]
pub async fn download_public_letter(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (code, event_id) = path.into_inner();
    let app = authorized(&state, &req, &code).await?;
    let public = application_event::Entity::get_in(service::handling_unit(&app), event_id)
        .filter(application_event::Column::ApplicationId.eq(app.id))
        .filter(application_event::Column::Public.eq(true))
        .one(&state.db)
        .await?
        .is_some_and(|e| !e.letter.as_deref().is_some_and(|l| NOT_THE_APPLICANTS.contains(&l)));
    if !public {
        return Err(ApiError::NotFound);
    }
    super::letters::respond(&state, &app, event_id, super::views::Disclosure::Whole).await
}

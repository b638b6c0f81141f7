//! Optional citizen accounts on the portal: sign up with an email address, and every application
//! submitted while signed in — or linked later with its tracking code and secret — is listed in one
//! place. The token travels in its own header (`X-Citizen-Token`), never in a cookie, so no other site
//! can make a browser use it and staff sessions are never confused with it.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use entity::enums::{ApplicationStatus, ReplyOutcome};
use entity::{application, citizen, citizen_session, unit};
use futures_util::future::LocalBoxFuture;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::SUBJECT;
use super::outcome_label;
use super::service;
use crate::audit::{AuditActor, AuditRecord};
use crate::auth::session::{random_token, token_hash};
use crate::context::{RequestMeta, client_ip};
use crate::db::write_tx;
use crate::domain::NewPassword;
use crate::error::{ApiError, ErrorCode};
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::state::AppState;
use crate::tenancy::ScopedFind;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(sign_up).service(sign_in).service(sign_out).service(my_applications).service(link_application);
}

pub use crate::auth::CITIZEN_TOKEN_HEADER as TOKEN_HEADER;
const SESSION_DAYS: i64 = 30;

/// The signed-in citizen.
#[derive(Debug, Clone)]
pub struct Citizen {
    pub citizen: citizen::Model,
    pub session_id: Uuid,
}

impl Citizen {
    /// The citizen behind the request's token, if there is a valid one.
    pub async fn from_token(state: &AppState, req: &HttpRequest) -> Result<Option<Self>, ApiError> {
        let Some(token) = req.headers().get(TOKEN_HEADER).and_then(|v| v.to_str().ok()).filter(|t| !t.is_empty())
        else {
            return Ok(None);
        };
        let now = state.time.now();
        let Some(session) = citizen_session::Entity::find()
            .filter(citizen_session::Column::TokenHash.eq(token_hash(token)))
            .filter(citizen_session::Column::ExpiresAt.gt(now))
            .one(&state.db)
            .await?
        else {
            return Err(ApiError::SessionExpired);
        };
        let person =
            citizen::Entity::find_by_id(session.citizen_id).one(&state.db).await?.ok_or(ApiError::Unauthenticated)?;
        Ok(Some(Self { citizen: person, session_id: session.id }))
    }
}

impl FromRequest for Citizen {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req.app_data::<web::Data<AppState>>().ok_or(ApiError::Unavailable)?;
            Citizen::from_token(state, &req).await?.ok_or(ApiError::Unauthenticated)
        })
    }
}

fn actor(req: &HttpRequest, state: &AppState, who: &str) -> AuditActor {
    AuditActor {
        user_id: None,
        name: format!("citizen ({who})"),
        request_id: RequestMeta::from_request(req, &state.settings).request_id,
        client_ip: client_ip(req, state.settings.trust_forwarded_for),
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignUpRequest {
    /// Checked after surrounding spaces are removed.
    #[validate(length(min = 3, max = 254, code = "length"))]
    #[schema(max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 100, code = "length"))]
    #[schema(min_length = 1, max_length = 100)]
    pub display_name: String,
    /// At least 10 characters with letters and digits (the same rule as staff passwords).
    #[validate(length(max = 128, code = "length"))]
    #[schema(max_length = 128)]
    pub password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    #[validate(length(min = 3, max = 254, code = "length"))]
    #[schema(max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 128, code = "length"))]
    #[schema(max_length = 128)]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CitizenSession {
    /// Send it as `X-Citizen-Token`.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub display_name: String,
    pub email: String,
}

async fn open_session(
    tx: &impl sea_orm::ConnectionTrait,
    person: &citizen::Model,
    now: DateTime<Utc>,
) -> Result<CitizenSession, ApiError> {
    let token = random_token();
    let expires_at = now + TimeDelta::days(SESSION_DAYS);
    citizen_session::Entity::insert(citizen_session::ActiveModel {
        id: Set(Uuid::now_v7()),
        citizen_id: Set(person.id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(expires_at),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(CitizenSession { token, expires_at, display_name: person.display_name.clone(), email: person.email.clone() })
}

/// Creates a citizen account and signs in.
#[utoipa::path(
    tag = "portal",
    request_body = SignUpRequest,
    responses((status = 201, body = CitizenSession), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/citizens")]
pub async fn sign_up(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<SignUpRequest>,
) -> Result<HttpResponse, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "citizen-sign-up").await?;
    let body = body.into_inner()?;
    let email = body.email.trim().to_lowercase();
    if !validator::ValidateEmail::validate_email(&email) {
        return Err(ApiError::field("email", "email"));
    }
    let password = NewPassword::parse(&body.password).map_err(|code| ApiError::field("password", code))?;
    let hash = state.passwords.hash(password.expose()).await?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    if citizen::Entity::find().filter(citizen::Column::Email.eq(email.clone())).one(&tx).await?.is_some() {
        return Err(ApiError::Conflict(ErrorCode::EmailTaken, Some("email".into())));
    }
    let person = citizen::Model {
        id: Uuid::now_v7(),
        email,
        display_name: body.display_name.trim().to_string(),
        password_hash: hash,
        created_at: now,
        last_login_at: Some(now),
    };
    citizen::Entity::insert(citizen::ActiveModel::from(person.clone())).exec_without_returning(&tx).await?;
    let session = open_session(&tx, &person, now).await?;
    let record = AuditRecord::success("citizen.sign_up", "citizen", person.id).in_county(None);
    crate::work::commit(tx, &state, &actor(&req, &state, &person.email), record, now).await?;
    Ok(HttpResponse::Created().json(session))
}

/// Signs a citizen in. Failures are counted per address and account, like staff sign-in.
#[utoipa::path(
    tag = "portal",
    request_body = SignInRequest,
    responses((status = 200, body = CitizenSession), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/citizens/sign-in")]
pub async fn sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<SignInRequest>,
) -> Result<web::Json<CitizenSession>, ApiError> {
    let body = body.into_inner()?;
    let email = body.email.trim().to_lowercase();
    let ip = client_ip(&req, state.settings.trust_forwarded_for);
    let key = format!("citizen-login:{ip}:{email}");
    let ip_key = format!("citizen-login:ip:{ip}");
    let window = std::time::Duration::from_secs(state.settings.login_window_seconds);
    // Counted before the password is checked, per account and address and per address, as for staff.
    let limits = [
        (ip_key.as_str(), state.settings.login_max_failures_per_ip),
        (key.as_str(), state.settings.login_max_failures_per_account_ip),
    ];
    state.counters.claim(&limits, window).await?;
    let person = citizen::Entity::find().filter(citizen::Column::Email.eq(email.clone())).one(&state.db).await?;
    let ok = state.passwords.verify(&body.password, person.as_ref().map(|p| p.password_hash.as_str())).await?;
    let Some(person) = person.filter(|_| ok) else {
        return Err(ApiError::InvalidCredentials);
    };
    state.counters.reset(&key).await?;
    state.counters.forgive(&ip_key).await?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    citizen::Entity::update_many()
        .col_expr(citizen::Column::LastLoginAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(citizen::Column::Id.eq(person.id))
        .exec(&tx)
        .await?;
    let session = open_session(&tx, &person, now).await?;
    let record = AuditRecord::success("citizen.sign_in", "citizen", person.id).in_county(None);
    crate::work::commit(tx, &state, &actor(&req, &state, &person.email), record, now).await?;
    Ok(web::Json(session))
}

/// Ends the citizen's session.
#[utoipa::path(
    tag = "portal",
    responses((status = 204, description = "Signed out"), ErrorResponses),
    security(("citizen" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::CITIZEN)))
)]
#[post("/public/citizens/sign-out")]
pub async fn sign_out(who: Citizen, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    citizen_session::Entity::delete_by_id(who.session_id).exec(&state.db).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// One of the citizen's applications, with its secret so the tracking page opens without typing it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyApplication {
    pub tracking_code: String,
    pub secret: String,
    pub unit_name: String,
    pub status: ApplicationStatus,
    pub submitted_at: DateTime<Utc>,
    pub received_on: Option<NaiveDate>,
    /// The date that matters now: the unit's reply (or sign-for) date, or the citizen's own deadline.
    pub due_date: Option<NaiveDate>,
    pub outcome: Option<ReplyOutcome>,
    pub outcome_label: Option<String>,
}

/// Every application of the signed-in citizen, newest first.
#[utoipa::path(
    tag = "portal",
    responses((status = 200, body = Vec<MyApplication>), ErrorResponses),
    security(("citizen" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::CITIZEN)))
)]
#[get("/public/citizens/me/applications")]
pub async fn my_applications(
    who: Citizen,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<MyApplication>>, ApiError> {
    let rows = application::Entity::find()
        .filter(application::Column::CitizenId.eq(who.citizen.id))
        .order_by_desc(application::Column::SubmittedAt)
        .all(&state.db)
        .await?;
    let units: std::collections::HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(rows.iter().map(|a| a.unit_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let due = match a.status {
            ApplicationStatus::Closed => None,
            ApplicationStatus::AwaitingCorrection => {
                service::clock_of(&state.db, &a, &super::CORRECTION_WAIT).await?.map(|c| c.due_date)
            }
            ApplicationStatus::AwaitingPayment => {
                service::clock_of(&state.db, &a, &super::PAYMENT).await?.map(|c| c.due_date)
            }
            _ => service::explained_due(&state.db, &a, state.time.now()).await?.map(|(c, _)| c.due_date),
        };
        out.push(MyApplication {
            secret: service::tracking_secret(&state.audit_key, a.id),
            unit_name: units.get(&a.unit_id).cloned().unwrap_or_default(),
            tracking_code: a.tracking_code,
            status: a.status,
            submitted_at: a.submitted_at,
            received_on: a.received_on,
            due_date: due,
            outcome: a.outcome,
            outcome_label: a.outcome.map(|o| outcome_label(o).to_string()),
        });
    }
    Ok(web::Json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkRequest {
    #[validate(length(min = 4, max = 24, code = "length"))]
    #[schema(max_length = 24)]
    pub tracking_code: String,
    #[validate(length(min = 4, max = 32, code = "length"))]
    #[schema(max_length = 32)]
    pub secret: String,
}

/// Adds an application submitted without the account (proved by its tracking code and secret).
#[utoipa::path(
    tag = "portal",
    request_body = LinkRequest,
    responses((status = 204, description = "Linked"), ErrorResponses),
    security(("citizen" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::CITIZEN)))
)]
#[post("/public/citizens/me/applications")]
pub async fn link_application(
    req: HttpRequest,
    who: Citizen,
    state: web::Data<AppState>,
    body: ValidatedJson<LinkRequest>,
) -> Result<HttpResponse, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "track").await?;
    let body = body.into_inner()?;
    let app = service::find_by_code(&state.db, &body.tracking_code).await?.ok_or(ApiError::NotFound)?;
    if !service::secret_matches(&state.audit_key, app.id, &body.secret) {
        return Err(ApiError::NotFound);
    }
    if app.citizen_id.is_some_and(|c| c != who.citizen.id) {
        return Err(ApiError::Conflict(ErrorCode::ApplicationLinkedElsewhere, None));
    }
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    application::Entity::update_in(service::handling_unit(&app))
        .col_expr(application::Column::CitizenId, sea_orm::sea_query::Expr::value(Some(who.citizen.id)))
        .filter(application::Column::Id.eq(app.id))
        .exec(&tx)
        .await?;
    let record = AuditRecord::success("citizen.link_application", SUBJECT, app.id)
        .in_unit(app.county_id, app.unit_id)
        .with_summary(serde_json::json!({ "tracking_code": app.tracking_code, "citizen_id": who.citizen.id }));
    crate::work::commit(tx, &state, &actor(&req, &state, &who.citizen.email), record, now).await?;
    Ok(HttpResponse::NoContent().finish())
}

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, TimeDelta, Utc};
use entity::enums::{OversightFunction, UnitRole, UserStatus};
use entity::{unit, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::extract::Actor;
use super::{CSRF_COOKIE, SESSION_COOKIE, session};
use crate::audit::{self, AuditActor, AuditRecord};
use crate::context::RequestMeta;
use crate::db::write_tx;
use crate::domain::NewPassword;
use crate::error::{ApiError, ErrorCode};
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::Domain;
use crate::policy::permissions::{CATALOGUE, permission_name};
use crate::state::AppState;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64, example = "kouqian.handler")]
    pub username: String,
    #[validate(length(min = 1, max = 128, code = "length"))]
    #[schema(min_length = 1, max_length = 128)]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Opaque session token: send as `Authorization: Bearer <token>` (mobile). Browsers get it as an
    /// HttpOnly cookie instead and need not keep it.
    pub token: String,
    /// Send as the `X-CSRF-Token` header with unsafe requests that use the cookie.
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
    /// Minutes without activity after which the session ends.
    pub idle_timeout_minutes: i64,
    pub user: Me,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub county_id: Option<Uuid>,
    pub is_platform_admin: bool,
    /// The units where the user holds a role, with what the role allows there.
    pub memberships: Vec<MembershipView>,
    /// Permissions held across the county through an oversight function.
    pub county_permissions: Vec<String>,
    /// Permissions held everywhere (platform administrators).
    pub platform_permissions: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipView {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub role: UnitRole,
    pub is_principal: bool,
    /// The duties the unit's principal leader gave this person there.
    pub duties: Vec<entity::enums::UnitDuty>,
    pub function: Option<OversightFunction>,
    pub permissions: Vec<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 128, code = "length"))]
    #[schema(min_length = 1, max_length = 128)]
    pub current_password: String,
    /// 10–128 characters with letters and digits.
    #[validate(length(min = 10, max = 128, code = "password_too_weak"))]
    #[schema(min_length = 10, max_length = 128)]
    pub new_password: String,
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login).service(logout).service(me).service(change_password);
}

fn session_cookies(state: &AppState, token: &str, csrf: &str, max_age: Option<TimeDelta>) -> [Cookie<'static>; 2] {
    let age = CookieDuration::seconds(max_age.map(|d| d.num_seconds()).unwrap_or(0));
    let mut session = Cookie::build(SESSION_COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .secure(state.settings.cookie_secure)
        .same_site(SameSite::Lax)
        .max_age(age)
        .finish();
    let mut csrf = Cookie::build(CSRF_COOKIE, csrf.to_string())
        .path("/")
        .http_only(false)
        .secure(state.settings.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(age)
        .finish();
    if max_age.is_none() {
        session.make_removal();
        csrf.make_removal();
    }
    [session, csrf]
}

/// Sign in.
///
/// Wrong password, unknown user and disabled user get the same answer in similar time. Repeated
/// failures are throttled per account and client address, and per client address, so an attacker
/// elsewhere cannot lock the owner out.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses((status = 200, description = "Signed in; also sets the session and CSRF cookies", body = LoginResponse), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let meta = RequestMeta::from_request(&req, &state.settings);
    let username = body.username.trim().to_ascii_lowercase();
    let window = std::time::Duration::from_secs(state.settings.login_window_seconds);
    let ip_key = format!("login:ip:{}", meta.client_ip);
    let account_key = format!("login:acct:{}:{}", username, meta.client_ip);

    // Counted before the password is checked: a success takes its count back afterwards.
    let limits = [
        (ip_key.as_str(), state.settings.login_max_failures_per_ip),
        (account_key.as_str(), state.settings.login_max_failures_per_account_ip),
    ];
    state.counters.claim(&limits, window).await?;

    let found = user::Entity::find().filter(user::Column::Username.eq(username.clone())).one(&state.db).await?;
    let password_ok = state.passwords.verify(&body.password, found.as_ref().map(|u| u.password_hash.as_str())).await?;
    let user = match found {
        Some(u) if password_ok && u.status == UserStatus::Active => u,
        found => {
            let tx = write_tx(&state.db).await?;
            let actor = AuditActor {
                user_id: found.as_ref().map(|u| u.id),
                name: username.clone(),
                request_id: meta.request_id.clone(),
                client_ip: meta.client_ip.clone(),
            };
            let record = AuditRecord::denied("auth.login", "session", "invalid_credentials")
                .in_county(found.as_ref().and_then(|u| u.county_id));
            audit::append(&tx, &state.audit_key, &actor, record, state.time.now()).await?;
            tx.commit().await?;
            return Err(ApiError::InvalidCredentials);
        }
    };
    state.counters.reset(&account_key).await?;
    state.counters.forgive(&ip_key).await?;

    let now = state.time.now();
    let absolute = TimeDelta::hours(state.settings.session_absolute_hours);
    let tx = write_tx(&state.db).await?;
    let created = session::create(&tx, user.id, &meta, now, absolute).await?;
    let actor = AuditActor {
        user_id: Some(user.id),
        name: format!("{} ({})", user.display_name, user.username),
        request_id: meta.request_id.clone(),
        client_ip: meta.client_ip.clone(),
    };
    let record = AuditRecord::success("auth.login", "session", created.id).in_county(user.county_id);
    crate::work::commit(tx, &state, &actor, record, now).await?;

    let profile = describe_user(&state, &user).await?;
    let mut resp = HttpResponse::Ok();
    for cookie in session_cookies(&state, &created.token, &created.csrf_token, Some(absolute)) {
        resp.cookie(cookie);
    }
    resp.insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"));
    Ok(resp.json(LoginResponse {
        token: created.token,
        csrf_token: created.csrf_token,
        expires_at: created.expires_at,
        idle_timeout_minutes: state.settings.session_idle_minutes,
        user: profile,
    }))
}

/// Sign out: ends this session and clears the cookies.
#[utoipa::path(
    tag = "auth",
    responses((status = 204, description = "Signed out"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[post("/auth/logout")]
pub async fn logout(actor: Actor, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    session::revoke(&tx, actor.session_id, now).await?;
    let record = AuditRecord::success("auth.logout", "session", actor.session_id).in_county(actor.county_id);
    crate::work::commit(tx, &state, &actor.audit_actor(), record, now).await?;
    super::session_cache::revoke_user(&state, actor.user_id).await;
    let mut resp = HttpResponse::NoContent();
    for cookie in session_cookies(&state, "", "", None) {
        resp.cookie(cookie);
    }
    Ok(resp.finish())
}

/// Who am I: the signed-in user, their units and roles, and what they may do where.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, body = Me), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[get("/auth/me")]
pub async fn me(actor: Actor, state: web::Data<AppState>) -> Result<web::Json<Me>, ApiError> {
    let user = user::Entity::find_by_id(actor.user_id).one(&state.db).await?.ok_or(ApiError::Unauthenticated)?;
    Ok(web::Json(describe_user(&state, &user).await?))
}

/// Change one's own password. Other sessions of the user end; this one stays.
#[utoipa::path(
    tag = "auth",
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Password changed"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[post("/auth/password")]
pub async fn change_password(
    actor: Actor,
    state: web::Data<AppState>,
    body: ValidatedJson<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let new_password = NewPassword::parse(&body.new_password).map_err(|code| ApiError::field("new_password", code))?;
    let user = user::Entity::find_by_id(actor.user_id).one(&state.db).await?.ok_or(ApiError::Unauthenticated)?;
    if !state.passwords.verify(&body.current_password, Some(&user.password_hash)).await? {
        return Err(ApiError::Rule(ErrorCode::WrongCurrentPassword, Some("current_password".into())));
    }
    let hash = state.passwords.hash(new_password.expose()).await?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(hash);
    active.password_changed_at = Set(now);
    active.updated_at = Set(now);
    active.update(&tx).await?;
    let ended = session::revoke_all(&tx, actor.user_id, Some(actor.session_id), now).await?;
    let record = AuditRecord::success("auth.password_change", "user", actor.user_id)
        .in_county(actor.county_id)
        .with_summary(serde_json::json!({ "other_sessions_ended": ended }));
    crate::work::commit(tx, &state, &actor.audit_actor(), record, now).await?;
    super::session_cache::revoke_user(&state, actor.user_id).await;
    Ok(HttpResponse::NoContent().finish())
}

pub async fn describe_user(state: &AppState, user: &user::Model) -> Result<Me, ApiError> {
    let memberships = entity::role_assignment::Entity::find()
        .filter(entity::role_assignment::Column::UserId.eq(user.id))
        .all(&state.db)
        .await?;
    let unit_ids: Vec<Uuid> = memberships.iter().map(|m| m.unit_id).collect();
    let duties = crate::units::duties::of_person(&state.db, &unit_ids, user.id).await?;
    let units = unit::Entity::find().filter(unit::Column::Id.is_in(unit_ids)).all(&state.db).await?;
    let allowed_in = |domain: Domain| -> Vec<String> {
        CATALOGUE
            .iter()
            .filter(|(o, a)| state.policy.allows(user.id, domain, o, a))
            .map(|(o, a)| permission_name(o, a))
            .collect()
    };
    let mut views = Vec::new();
    for m in memberships {
        if let Some(u) = units.iter().find(|u| u.id == m.unit_id) {
            views.push(MembershipView {
                unit_id: u.id,
                unit_name: u.name.clone(),
                role: m.role,
                is_principal: m.is_principal,
                duties: duties.iter().filter(|(unit, _)| *unit == u.id).map(|(_, d)| *d).collect(),
                function: u.function,
                permissions: allowed_in(Domain::Unit(u.id)),
            });
        }
    }
    views.sort_by(|a, b| a.unit_name.cmp(&b.unit_name));
    Ok(Me {
        id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        county_id: user.county_id,
        is_platform_admin: user.is_platform_admin,
        memberships: views,
        county_permissions: user.county_id.map(|c| allowed_in(Domain::County(c))).unwrap_or_default(),
        platform_permissions: allowed_in(Domain::Platform),
    })
}

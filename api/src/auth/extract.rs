//! `Actor` authenticates; `Authorized<P>` authenticates and checks a named permission. A handler
//! cannot reach a tenant's data without one of these (or `UnitScope<P>`) in its signature.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use chrono::TimeDelta;
use entity::enums::UserStatus;
use entity::{session, user};
use futures_util::future::LocalBoxFuture;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use subtle::ConstantTimeEq;
use uuid::Uuid;

use super::session::token_hash;
use super::session_cache;
use super::{CSRF_HEADER, SESSION_COOKIE};
use crate::audit::{self, AuditActor, AuditRecord};
use crate::context::RequestMeta;
use crate::db::write_tx;
use crate::error::ApiError;
use crate::policy::permissions::Permission;
use crate::policy::{Domain, Membership};
use crate::state::AppState;

/// The signed-in person making the request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub county_id: Option<Uuid>,
    pub is_platform_admin: bool,
    pub session_id: Uuid,
    pub meta: RequestMeta,
}

impl Actor {
    pub fn audit_actor(&self) -> AuditActor {
        AuditActor {
            user_id: Some(self.user_id),
            name: format!("{} ({})", self.display_name, self.username),
            request_id: self.meta.request_id.clone(),
            client_ip: self.meta.client_ip.clone(),
        }
    }
}

pub(crate) fn app_state(req: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("application state missing")))
}

/// The token of the request: `Authorization: Bearer …` (mobile) or the session cookie (browser).
fn presented_token(req: &HttpRequest) -> Option<(String, bool)> {
    if let Some(value) = req.headers().get(actix_web::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok())
        && let Some(token) = value.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty())
    {
        return Some((token.to_string(), false));
    }
    req.cookie(SESSION_COOKIE).map(|c| (c.value().to_string(), true))
}

async fn authenticate(req: &HttpRequest) -> Result<Actor, ApiError> {
    if let Some(actor) = req.extensions().get::<Actor>() {
        return Ok(actor.clone());
    }
    let state = app_state(req)?;
    let Some((token, via_cookie)) = presented_token(req) else {
        return Err(ApiError::Unauthenticated);
    };
    let now = state.time.now();
    let hash = token_hash(&token);
    let idle = TimeDelta::minutes(state.settings.session_idle_minutes);
    let fresh = |s: &session_cache::CachedSession| now < s.expires_at && now - s.last_seen_at < idle;
    // A cached copy that looks expired may only be stale: the database decides.
    let session = match session_cache::lookup(&state, &hash).await.filter(|s| fresh(s)) {
        Some(cached) => cached,
        None => load_session(&state, &hash).await?,
    };
    if !fresh(&session) {
        return Err(ApiError::SessionExpired);
    }
    if via_cookie && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let sent = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !bool::from(sent.as_bytes().ct_eq(session.csrf_token.as_bytes())) {
            return Err(ApiError::CsrfRejected);
        }
    }
    // Sliding idle expiry, written at most once a minute per session.
    if now - session.last_seen_at >= TimeDelta::minutes(1) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(session.session_id))
            .exec(&state.db)
            .await?;
        session_cache::store(&state, &hash, &session_cache::CachedSession { last_seen_at: now, ..session.clone() })
            .await;
    }
    let actor = Actor {
        user_id: session.user_id,
        username: session.username,
        display_name: session.display_name,
        county_id: session.county_id,
        is_platform_admin: session.is_platform_admin,
        session_id: session.session_id,
        meta: RequestMeta::from_request(req, &state.settings),
    };
    req.extensions_mut().insert(actor.clone());
    Ok(actor)
}

/// Reads a session and its user from the database, and caches it when it is usable. The user's
/// epoch is read before the rows, so an entry cached from a read that raced with a revocation is
/// stale from the start.
async fn load_session(state: &AppState, hash: &str) -> Result<session_cache::CachedSession, ApiError> {
    let Some(first) = session::Entity::find().filter(session::Column::TokenHash.eq(hash)).one(&state.db).await? else {
        return Err(ApiError::Unauthenticated);
    };
    let epoch = session_cache::current_epoch(state, first.user_id).await;
    let row = session::Entity::find_by_id(first.id).one(&state.db).await?.ok_or(ApiError::Unauthenticated)?;
    if row.revoked_at.is_some() {
        return Err(ApiError::Unauthenticated);
    }
    let Some(user) = user::Entity::find_by_id(row.user_id).one(&state.db).await? else {
        return Err(ApiError::Unauthenticated);
    };
    if user.status != UserStatus::Active {
        return Err(ApiError::Unauthenticated);
    }
    let cached = session_cache::CachedSession {
        session_id: row.id,
        user_id: user.id,
        csrf_token: row.csrf_token,
        last_seen_at: row.last_seen_at,
        expires_at: row.expires_at,
        username: user.username,
        display_name: user.display_name,
        county_id: user.county_id,
        is_platform_admin: user.is_platform_admin,
        epoch: epoch.unwrap_or(0),
    };
    if epoch.is_some() {
        session_cache::store(state, hash, &cached).await;
    }
    Ok(cached)
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await })
    }
}

/// Where a permission holds for the actor: everywhere, across one county (an oversight function),
/// or in some of the actor's own units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Platform,
    County(Uuid),
    Units(Vec<Uuid>),
}

impl Reach {
    /// The rows of a table that records both the county and the unit of each row (leads, audit
    /// events, cases by deciding unit) within this reach; `None` for the platform, which sees all.
    pub fn condition<C: sea_orm::ColumnTrait>(&self, county: C, unit: C) -> Option<sea_orm::Condition> {
        match self {
            Self::Platform => None,
            Self::County(c) => Some(sea_orm::Condition::all().add(county.eq(*c))),
            Self::Units(units) => Some(sea_orm::Condition::all().add(unit.is_in(units.clone()))),
        }
    }

    /// A query restricted to this reach (see [`Reach::condition`]).
    pub fn restrict<E: sea_orm::EntityTrait>(
        &self,
        select: sea_orm::Select<E>,
        county: E::Column,
        unit: E::Column,
    ) -> sea_orm::Select<E> {
        match self.condition(county, unit) {
            Some(condition) => select.filter(condition),
            None => select,
        }
    }

    pub fn for_actor<P: Permission>(state: &AppState, actor: &Actor) -> Option<Self> {
        Self::for_actor_raw(state, actor, P::OBJECT, P::ACTION)
    }

    pub fn for_actor_raw(state: &AppState, actor: &Actor, object: &str, action: &str) -> Option<Self> {
        if state.policy.allows(actor.user_id, Domain::Platform, object, action) {
            return Some(Self::Platform);
        }
        if let Some(county) = actor.county_id
            && state.policy.allows(actor.user_id, Domain::County(county), object, action)
        {
            return Some(Self::County(county));
        }
        let units: Vec<Uuid> = state
            .policy
            .memberships(actor.user_id)
            .into_iter()
            .map(|m: Membership| m.unit_id)
            .filter(|unit| state.policy.allows(actor.user_id, Domain::Unit(*unit), object, action))
            .collect();
        (!units.is_empty()).then_some(Self::Units(units))
    }
}

/// A signed-in actor holding permission `P` somewhere; `reach` says where.
#[derive(Debug)]
pub struct Authorized<P: Permission> {
    pub actor: Actor,
    pub reach: Reach,
    _permission: PhantomData<P>,
}

impl<P: Permission> FromRequest for Authorized<P> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let actor = authenticate(&req).await?;
            let state = app_state(&req)?;
            match Reach::for_actor::<P>(&state, &actor) {
                Some(reach) => Ok(Self { actor, reach, _permission: PhantomData }),
                None => {
                    record_denial(&state, &actor, &req, P::OBJECT, P::ACTION, None, "forbidden").await?;
                    Err(ApiError::Forbidden)
                }
            }
        })
    }
}

/// Writes the audit event of a refused request, in its own transaction — aggregated per user, route
/// and minute: the first refusal writes an event, and the 10th, 100th, 1000th… write one more with
/// the count so far, so a client trying random ids cannot hold the database's write lock.
pub(crate) async fn record_denial(
    state: &AppState,
    actor: &Actor,
    req: &HttpRequest,
    object: &str,
    action: &str,
    unit: Option<(Uuid, Uuid)>,
    reason: &str,
) -> Result<(), ApiError> {
    let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
    let key = format!("deny:{}:{}:{route}:{reason}", actor.user_id, req.method());
    let count = state.counters.hit(&key, std::time::Duration::from_secs(60)).await?.value;
    if !(count == 1 || is_power_of_ten(count)) {
        return Ok(());
    }
    let mut record =
        AuditRecord::denied(&format!("{object}.{action}"), object, reason).with_summary(serde_json::json!({
            "reason": reason,
            "method": req.method().as_str(),
            "path": req.path(),
            "route": route,
            "count_this_minute": count,
        }));
    record = match unit {
        Some((county, unit)) => record.in_unit(county, unit),
        None => record.in_county(actor.county_id),
    };
    let tx = write_tx(&state.db).await?;
    audit::append(&tx, &state.audit_key, &actor.audit_actor(), record, state.time.now()).await?;
    tx.commit().await?;
    Ok(())
}

fn is_power_of_ten(mut n: u64) -> bool {
    if n < 10 {
        return false;
    }
    while n.is_multiple_of(10) {
        n /= 10;
    }
    n == 1
}

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use entity::audit_event as event;
use entity::enums::AuditOutcome;
use entity::unit;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::verify::{VerifyReport, verify_with_checkpoints};
use crate::auth::{Authorized, Reach};
use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{AuditRead, AuditVerify};
use crate::state::AppState;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(search_events).service(verify);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    pub id: Uuid,
    pub chain_key: String,
    pub seq: i64,
    pub county_id: Option<Uuid>,
    pub unit_id: Option<Uuid>,
    pub actor_user_id: Option<Uuid>,
    pub actor_name: String,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub outcome: AuditOutcome,
    /// The before/after summary, or the reason of a denial.
    pub summary: serde_json::Value,
    pub request_id: String,
    pub client_ip: String,
    pub created_at: DateTime<Utc>,
    pub hash: String,
}

impl From<event::Model> for AuditEventView {
    fn from(e: event::Model) -> Self {
        Self {
            id: e.id,
            chain_key: e.chain_key,
            seq: e.seq,
            county_id: e.county_id,
            unit_id: e.unit_id,
            actor_user_id: e.actor_user_id,
            actor_name: e.actor_name,
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            outcome: e.outcome,
            summary: serde_json::from_str(&e.summary).unwrap_or(serde_json::Value::String(e.summary)),
            request_id: e.request_id,
            client_ip: e.client_ip,
            created_at: e.created_at,
            hash: e.hash,
        }
    }
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct AuditQuery {
        pub county_id: Option<Uuid>,
        pub unit_id: Option<Uuid>,
        pub actor_user_id: Option<Uuid>,
        #[validate(length(max = 64, code = "length"))]
        #[param(max_length = 64)]
        pub object_type: Option<String>,
        #[validate(length(max = 128, code = "length"))]
        #[param(max_length = 128)]
        pub object_id: Option<String>,
        /// e.g. `user.update`, `auth.login`.
        #[validate(length(max = 64, code = "length"))]
        #[param(max_length = 64)]
        pub action: Option<String>,
        pub outcome: Option<AuditOutcome>,
        /// From this instant (inclusive), RFC 3339.
        pub from: Option<DateTime<Utc>>,
        /// Up to this instant (exclusive), RFC 3339.
        pub to: Option<DateTime<Utc>>,
    }
}

/// Search the audit trail, newest first. Leaders see their own unit's events, the openness office
/// and supervisory commission their county's, the platform administrator everything.
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = Page<AuditEventView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AuditRead::NAME)))
)]
#[get("/audit/events")]
pub async fn search_events(
    auth: Authorized<AuditRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<AuditQuery>,
) -> Result<web::Json<Page<AuditEventView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    if let (Some(from), Some(to)) = (q.from, q.to)
        && from > to
    {
        return Err(ApiError::field("from", "invalid_range"));
    }
    let mut select = auth.reach.restrict(event::Entity::find(), event::Column::CountyId, event::Column::UnitId);
    if let Some(v) = q.county_id {
        select = select.filter(event::Column::CountyId.eq(v));
    }
    if let Some(v) = q.unit_id {
        select = select.filter(event::Column::UnitId.eq(v));
    }
    if let Some(v) = q.actor_user_id {
        select = select.filter(event::Column::ActorUserId.eq(v));
    }
    if let Some(v) = q.object_type {
        select = select.filter(event::Column::ObjectType.eq(v));
    }
    if let Some(v) = q.object_id {
        select = select.filter(event::Column::ObjectId.eq(v));
    }
    if let Some(v) = q.action {
        select = select.filter(event::Column::Action.eq(v));
    }
    if let Some(v) = q.outcome {
        select = select.filter(event::Column::Outcome.eq(v));
    }
    if let Some(v) = q.from {
        select = select.filter(event::Column::CreatedAt.gte(v));
    }
    if let Some(v) = q.to {
        select = select.filter(event::Column::CreatedAt.lt(v));
    }
    Ok(web::Json(
        Page::fetch(
            select.order_by_desc(event::Column::CreatedAt).order_by_desc(event::Column::Id),
            &state.db,
            paging,
            Into::into,
        )
        .await?,
    ))
}

/// Verify the hash chains of the audit trail and report the first broken link. The openness
/// office verifies its county's chains, the platform administrator all of them.
#[utoipa::path(
    tag = "audit",
    responses((status = 200, body = VerifyReport), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AuditVerify::NAME)))
)]
#[get("/audit/verify")]
pub async fn verify(
    auth: Authorized<AuditVerify>,
    state: web::Data<AppState>,
) -> Result<web::Json<VerifyReport>, ApiError> {
    let report = match &auth.reach {
        Reach::Platform => {
            verify_with_checkpoints(&state.db, &state.audit_key, &state.settings.audit_checkpoint_dir, |_| true).await?
        }
        reach => {
            let county = match reach {
                Reach::County(c) => Some(*c),
                _ => auth.actor.county_id,
            };
            let county = county.ok_or(ApiError::Forbidden)?;
            let unit_ids: Vec<Uuid> = unit::Entity::find()
                .filter(unit::Column::CountyId.eq(county))
                .all(&state.db)
                .await?
                .into_iter()
                .map(|u| u.id)
                .collect();
            let mut keys: std::collections::HashSet<String> = unit_ids.iter().map(|u| format!("unit:{u}")).collect();
            keys.insert(format!("county:{county}"));
            let dir = &state.settings.audit_checkpoint_dir;
            verify_with_checkpoints(&state.db, &state.audit_key, dir, |k| keys.contains(k)).await?
        }
    };
    Ok(web::Json(report))
}

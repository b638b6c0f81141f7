use actix_web::{get, post, web};
use chrono::{DateTime, Utc};
use entity::enums::LeadStatus;
use entity::violation_lead as lead;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::db::write_tx;
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{LeadRead, LeadTriage};
use crate::state::AppState;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_leads).service(dismiss_lead);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeadView {
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    /// The AC 6 item, e.g. `6.2`.
    pub item: String,
    pub subject_type: String,
    pub subject_id: String,
    pub clock_id: Option<Uuid>,
    pub facts: String,
    pub detected_at: DateTime<Utc>,
    /// `open`, `dismissed` or `case_opened`.
    pub status: String,
    pub triaged_by: Option<Uuid>,
    pub triaged_at: Option<DateTime<Utc>>,
    pub triage_reason: Option<String>,
}

impl From<lead::Model> for LeadView {
    fn from(l: lead::Model) -> Self {
        Self {
            id: l.id,
            county_id: l.county_id,
            unit_id: l.unit_id,
            item: l.item,
            subject_type: l.subject_type,
            subject_id: l.subject_id,
            clock_id: l.clock_id,
            facts: l.facts,
            detected_at: l.detected_at,
            status: l.status.as_str().to_string(),
            triaged_by: l.triaged_by,
            triaged_at: l.triaged_at,
            triage_reason: l.triage_reason,
        }
    }
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct LeadQuery {
        /// `open`, `dismissed` or `case_opened`.
        #[validate(length(max = 16, code = "length"))]
        #[param(max_length = 16)]
        pub status: Option<String>,
        pub unit_id: Option<Uuid>,
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DismissRequest {
    /// Why this is not a breach.
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub reason: String,
}

fn within_reach(select: sea_orm::Select<lead::Entity>, reach: &Reach) -> sea_orm::Select<lead::Entity> {
    reach.restrict(select, lead::Column::CountyId, lead::Column::UnitId)
}

/// Violation leads of the county, newest first.
#[utoipa::path(
    tag = "leads",
    params(LeadQuery),
    responses((status = 200, body = Page<LeadView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(LeadRead::NAME)))
)]
#[get("/violation-leads")]
pub async fn list_leads(
    auth: Authorized<LeadRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<LeadQuery>,
) -> Result<web::Json<Page<LeadView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = within_reach(lead::Entity::find(), &auth.reach);
    if let Some(s) = q.status {
        // An unknown status matches no lead.
        select = select.filter(lead::Column::Status.is_in(LeadStatus::try_from_value(&s).ok()));
    }
    if let Some(u) = q.unit_id {
        select = select.filter(lead::Column::UnitId.eq(u));
    }
    Ok(web::Json(
        Page::fetch(
            select.order_by_desc(lead::Column::DetectedAt).order_by_desc(lead::Column::Id),
            &state.db,
            paging,
            Into::into,
        )
        .await?,
    ))
}

/// Dismiss a lead, with the reason on the record.
#[utoipa::path(
    tag = "leads",
    params(("lead_id" = Uuid, Path, description = "The lead")),
    request_body = DismissRequest,
    responses((status = 200, body = LeadView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(LeadTriage::NAME)))
)]
#[post("/violation-leads/{lead_id}/dismiss")]
pub async fn dismiss_lead(
    auth: Authorized<LeadTriage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<DismissRequest>,
) -> Result<web::Json<LeadView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let found = within_reach(lead::Entity::find(), &auth.reach)
        .filter(lead::Column::Id.eq(path.into_inner()))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    if found.status != LeadStatus::Open {
        return Err(ApiError::Rule(ErrorCode::LeadAlreadyTriaged, None));
    }
    lead::Entity::update_many()
        .col_expr(lead::Column::Status, Expr::value(LeadStatus::Dismissed))
        .col_expr(lead::Column::TriagedBy, Expr::value(Some(auth.actor.user_id)))
        .col_expr(lead::Column::TriagedAt, Expr::value(Some(now)))
        .col_expr(lead::Column::TriageReason, Expr::value(Some(body.reason.trim().to_string())))
        .filter(lead::Column::Id.eq(found.id))
        .exec(&tx)
        .await?;
    let updated = lead::Entity::find_by_id(found.id).one(&tx).await?.ok_or(ApiError::NotFound)?;
    let record = AuditRecord::success("lead.dismiss", "violation_lead", found.id)
        .in_unit(found.county_id, found.unit_id)
        .change(LeadView::from(found), LeadView::from(updated.clone()));
    crate::work::commit(tx, &state, &auth.actor.audit_actor(), record, now).await?;
    Ok(web::Json(updated.into()))
}

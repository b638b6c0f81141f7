use actix_web::{get, web};
use entity::approval_record as record;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::ApprovalView;
use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::ApprovalRead;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope};

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_approvals);
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ApprovalQuery {
    #[validate(length(max = 32, code = "length"))]
    #[param(max_length = 32)]
    pub subject_type: Option<String>,
    #[validate(length(max = 64, code = "length"))]
    #[param(max_length = 64)]
    pub subject_id: Option<String>,
}

/// The approval trail of the unit's decisions (newest first, at most 100).
#[utoipa::path(
    tag = "approvals",
    params(("unit_id" = Uuid, Path, description = "The unit"), ApprovalQuery),
    responses((status = 200, body = Vec<ApprovalView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApprovalRead::NAME)))
)]
#[get("/units/{unit_id}/approvals")]
pub async fn list_approvals(
    scope: UnitScope<ApprovalRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ApprovalQuery>,
) -> Result<web::Json<Vec<ApprovalView>>, ApiError> {
    let q = query.into_inner()?;
    let mut select = record::Entity::find_in(scope.unit_ref());
    if let Some(t) = q.subject_type {
        select = select.filter(record::Column::SubjectType.eq(t));
    }
    if let Some(id) = q.subject_id {
        select = select.filter(record::Column::SubjectId.eq(id));
    }
    let rows = select.order_by_desc(record::Column::DecidedAt).limit(100).all(&state.db).await?;
    Ok(web::Json(rows.into_iter().map(Into::into).collect()))
}

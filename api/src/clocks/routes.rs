use actix_web::{get, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{clock_change, statutory_clock as clock};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{ClockView, explain, pauses};
use crate::calendar::{DueDateExplanation, service as calendar};
use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::{ErrorResponses, Page, Paging};
use crate::policy::permissions::ClockRead;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope};
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_clocks).service(get_clock);
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClockQuery {
    /// `running`, `suspended`, `met`, `missed` or `cancelled`.
    #[validate(length(max = 16, code = "length"))]
    #[param(max_length = 16)]
    pub state: Option<String>,
    /// Only clocks due on or before this day.
    pub due_before: Option<NaiveDate>,
    #[validate(range(min = 1, max = 1_000_000, code = "range"))]
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    #[validate(range(min = 1, max = 100, code = "range"))]
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PauseView {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeView {
    /// `extension` or `restart`.
    pub change: String,
    pub days: Option<i32>,
    pub previous_start: Option<NaiveDate>,
    pub new_start: Option<NaiveDate>,
    pub reason: String,
    pub approved_by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClockDetail {
    pub clock: ClockView,
    /// How the due date was reached, day by day.
    pub explanation: DueDateExplanation,
    pub pauses: Vec<PauseView>,
    pub changes: Vec<ChangeView>,
}

/// The unit's statutory clocks, soonest due first.
#[utoipa::path(
    tag = "clocks",
    params(("unit_id" = Uuid, Path, description = "The unit"), ClockQuery),
    responses((status = 200, body = Page<ClockView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!("clock.read")))
)]
#[get("/units/{unit_id}/clocks")]
pub async fn list_clocks(
    scope: UnitScope<ClockRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ClockQuery>,
) -> Result<web::Json<Page<ClockView>>, ApiError> {
    let q = query.into_inner()?;
    let mut select = clock::Entity::find_in(scope.unit_ref());
    if let Some(s) = q.state {
        select = select.filter(clock::Column::State.eq(s));
    }
    if let Some(d) = q.due_before {
        select = select.filter(clock::Column::DueDate.lte(d));
    }
    let today = beijing_today(state.time.now());
    let paging = Paging { page: q.page, page_size: q.page_size };
    let paginator =
        select.order_by_asc(clock::Column::DueDate).order_by_asc(clock::Column::Id).paginate(&state.db, paging.size());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(paging.page() - 1).await?.into_iter().map(|c| ClockView::new(c, today)).collect();
    Ok(web::Json(Page { items, total, page: paging.page(), page_size: paging.size() }))
}

/// One clock with the explanation of its due date, its pauses, extensions and restarts.
#[utoipa::path(
    tag = "clocks",
    params(("unit_id" = Uuid, Path, description = "The unit"), ("clock_id" = Uuid, Path, description = "The clock")),
    responses((status = 200, body = ClockDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!("clock.read")))
)]
#[get("/units/{unit_id}/clocks/{clock_id}")]
pub async fn get_clock(
    scope: UnitScope<ClockRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<ClockDetail>, ApiError> {
    let c = clock::Entity::find_in(scope.unit_ref())
        .filter(clock::Column::Id.eq(path.1))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = beijing_today(state.time.now());
    let cal = calendar::load(&state.db, c.county_id).await?;
    let pause_rows = pauses(&state.db, c.id).await?;
    let explanation = explain(&cal, &c, &pause_rows, today);
    let changes = clock_change::Entity::find()
        .filter(clock_change::Column::ClockId.eq(c.id))
        .order_by_asc(clock_change::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|ch| ChangeView {
            change: ch.change,
            days: ch.days,
            previous_start: ch.previous_start,
            new_start: ch.new_start,
            reason: ch.reason,
            approved_by: ch.approved_by,
            at: ch.created_at,
        })
        .collect();
    Ok(web::Json(ClockDetail {
        clock: ClockView::new(c, today),
        explanation,
        pauses: pause_rows
            .into_iter()
            .map(|p| PauseView { from: p.from_date, to: p.to_date, reason: p.reason })
            .collect(),
        changes,
    }))
}

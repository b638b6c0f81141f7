use actix_web::{get, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::ClockState;
use entity::{reminder_stage, statutory_clock as clock};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{ClockView, explain, pauses};
use crate::audit::AuditRecord;
use crate::auth::Authorized;
use crate::calendar::{DueDateExplanation, service as calendar};
use crate::db::write_tx;
use crate::error::ApiError;
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{ClockRead, StageManage};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope};
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_clocks).service(get_clock).service(get_stages).service(put_stages).service(my_work);
}

crate::paged_query! {
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
    }
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
    extensions(("x-permission" = json!(ClockRead::NAME)))
)]
#[get("/units/{unit_id}/clocks")]
pub async fn list_clocks(
    scope: UnitScope<ClockRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ClockQuery>,
) -> Result<web::Json<Page<ClockView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = clock::Entity::find_in(scope.unit_ref());
    if let Some(s) = q.state {
        select = select.filter(clock::Column::State.eq(s));
    }
    if let Some(d) = q.due_before {
        select = select.filter(clock::Column::DueDate.lte(d));
    }
    let today = beijing_today(state.time.now());
    Ok(web::Json(
        Page::fetch(
            select.order_by_asc(clock::Column::DueDate).order_by_asc(clock::Column::Id),
            &state.db,
            paging,
            |c| ClockView::new(c, today),
        )
        .await?,
    ))
}

/// One clock with the explanation of its due date, its pauses, extensions and restarts.
#[utoipa::path(
    tag = "clocks",
    params(("unit_id" = Uuid, Path, description = "The unit"), ("clock_id" = Uuid, Path, description = "The clock")),
    responses((status = 200, body = ClockDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ClockRead::NAME)))
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
    let pause_rows = pauses(&state.db, &c).await?;
    let explanation = explain(&cal, &c, &pause_rows, today);
    let changes = super::changes(&state.db, &c)
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

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    /// A short name, e.g. `assignee_3`.
    #[validate(length(min = 1, max = 32, code = "length"))]
    #[schema(min_length = 1, max_length = 32)]
    pub stage: String,
    /// Negative: working days before the due date; 0: the due day; positive: days after it ended.
    #[validate(range(min = -30, max = 30, code = "range"))]
    #[schema(minimum = -30, maximum = 30)]
    pub offset_days: i32,
    /// `assignee`, `unit_leaders` or `openness_office`.
    pub audience: String,
    /// The AC 6 item of the violation lead this stage raises, e.g. `6.2`.
    pub violation_item: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct StageSet {
    #[validate(length(min = 1, max = 10, code = "length"), nested)]
    #[schema(min_items = 1, max_items = 10)]
    pub stages: Vec<StageInput>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StageQuery {
    /// A clock kind, or `*` for the defaults.
    #[validate(length(min = 1, max = 48, code = "length"))]
    #[param(min_length = 1, max_length = 48)]
    pub kind: String,
}

fn stage_views(rows: Vec<reminder_stage::Model>) -> StageSet {
    let mut stages: Vec<StageInput> = rows
        .into_iter()
        .map(|s| StageInput {
            stage: s.stage,
            offset_days: s.offset_days,
            audience: s.audience,
            violation_item: s.violation_item,
        })
        .collect();
    stages.sort_by_key(|s| s.offset_days);
    StageSet { stages }
}

/// The reminder and escalation stages of a clock kind (its own, or the defaults `*`).
#[utoipa::path(
    tag = "clocks",
    params(StageQuery),
    responses((status = 200, body = StageSet), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(StageManage::NAME)))
)]
#[get("/reminder-stages")]
pub async fn get_stages(
    _auth: Authorized<StageManage>,
    state: web::Data<AppState>,
    query: ValidatedQuery<StageQuery>,
) -> Result<web::Json<StageSet>, ApiError> {
    let q = query.into_inner()?;
    Ok(web::Json(stage_views(super::stages_for(&state.db, &q.kind).await?)))
}

/// Replace the stages of a clock kind (`*` = the defaults). Open clocks of that kind take them up at
/// their next change or reminder.
#[utoipa::path(
    tag = "clocks",
    params(StageQuery),
    request_body = StageSet,
    responses((status = 200, body = StageSet), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(StageManage::NAME)))
)]
#[put("/reminder-stages")]
pub async fn put_stages(
    auth: Authorized<StageManage>,
    state: web::Data<AppState>,
    query: ValidatedQuery<StageQuery>,
    body: ValidatedJson<StageSet>,
) -> Result<web::Json<StageSet>, ApiError> {
    let q = query.into_inner()?;
    let body = body.into_inner()?;
    let mut names = std::collections::BTreeSet::new();
    for (i, s) in body.stages.iter().enumerate() {
        if !["assignee", "unit_leaders", "openness_office"].contains(&s.audience.as_str()) {
            return Err(ApiError::field(&format!("stages[{i}].audience"), "invalid_value"));
        }
        if !names.insert(s.stage.clone()) {
            return Err(ApiError::field(&format!("stages[{i}].stage"), "duplicate_stage"));
        }
        if let Some(item) = &s.violation_item {
            let ok = item.strip_prefix("6.").and_then(|n| n.parse::<u8>().ok()).is_some_and(|n| (1..=10).contains(&n));
            if !ok {
                return Err(ApiError::field(&format!("stages[{i}].violation_item"), "invalid_value"));
            }
        }
    }
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = stage_views(
        reminder_stage::Entity::find().filter(reminder_stage::Column::ClockKind.eq(q.kind.clone())).all(&tx).await?,
    );
    reminder_stage::Entity::delete_many()
        .filter(reminder_stage::Column::ClockKind.eq(q.kind.clone()))
        .exec(&tx)
        .await?;
    let rows = body.stages.iter().map(|s| reminder_stage::ActiveModel {
        id: Set(Uuid::now_v7()),
        clock_kind: Set(q.kind.clone()),
        stage: Set(s.stage.clone()),
        offset_days: Set(s.offset_days),
        audience: Set(s.audience.clone()),
        violation_item: Set(s.violation_item.clone()),
    });
    reminder_stage::Entity::insert_many(rows).exec_without_returning(&tx).await?;
    let record = AuditRecord::success("clock.stages_replace", "reminder_stages", &q.kind).change(&before, &body);
    crate::work::commit(tx, &state, &auth.actor.audit_actor(), record, now).await?;
    Ok(web::Json(stage_views(super::stages_for(&state.db, &q.kind).await?)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkItem {
    pub clock: ClockView,
    /// What the limit is, e.g. 答复期限 (in the caller's language).
    pub limit_name: String,
    pub unit_name: String,
    /// Working days left until the due date (0 on the due day and after).
    pub working_days_left: u32,
    /// Due within three working days.
    pub due_soon: bool,
    pub assigned_to_me: bool,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct WorkQuery {
        /// Only the items of this unit (one of mine).
        pub unit_id: Option<Uuid>,
    }
}

/// My work: open clocks assigned to me, and for leaders every open clock of their units, soonest due
/// first.
#[utoipa::path(
    tag = "clocks",
    params(WorkQuery),
    responses((status = 200, body = Page<WorkItem>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[get("/my/work")]
pub async fn my_work(
    req: actix_web::HttpRequest,
    actor: crate::auth::Actor,
    state: web::Data<AppState>,
    query: ValidatedQuery<WorkQuery>,
) -> Result<web::Json<Page<WorkItem>>, ApiError> {
    use entity::enums::UnitRole;
    use sea_orm::Condition;
    let q = query.into_inner()?;
    let paging = q.paging();
    let memberships = state.policy.memberships(actor.user_id);
    let led: Vec<Uuid> = memberships.iter().filter(|m| m.role == UnitRole::Leader).map(|m| m.unit_id).collect();
    let mine: Vec<Uuid> = memberships.iter().map(|m| m.unit_id).collect();
    let mut select = clock::Entity::find_within(&crate::auth::Reach::Units(mine.clone()))
        .filter(clock::Column::State.is_in(ClockState::OPEN))
        .filter(
            Condition::any()
                .add(clock::Column::AssigneeUserId.eq(actor.user_id))
                .add(clock::Column::UnitId.is_in(led))
                .add(clock::Column::AssigneeUserId.is_null()),
        );
    if let Some(unit) = q.unit_id {
        select = select.filter(clock::Column::UnitId.eq(unit));
    }
    let today = beijing_today(state.time.now());
    let lang = crate::error::Lang::from_request(&req);
    let paginator =
        select.order_by_asc(clock::Column::DueDate).order_by_asc(clock::Column::Id).paginate(&state.db, paging.size());
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(paging.page() - 1).await?;
    let units: std::collections::HashMap<Uuid, String> = entity::unit::Entity::find()
        .filter(entity::unit::Column::Id.is_in(mine))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut calendars = std::collections::HashMap::new();
    let mut items = Vec::new();
    for c in rows {
        if let std::collections::hash_map::Entry::Vacant(e) = calendars.entry(c.county_id) {
            e.insert(calendar::load(&state.db, c.county_id).await?);
        }
        let left = calendars.get(&c.county_id).map(|cal| cal.working_days_between(today, c.due_date)).unwrap_or(0);
        items.push(WorkItem {
            limit_name: state.clock_kinds.name(&c.kind, lang).to_string(),
            unit_name: units.get(&c.unit_id).cloned().unwrap_or_default(),
            working_days_left: left,
            due_soon: left <= 3 && today <= c.due_date,
            assigned_to_me: c.assignee_user_id == Some(actor.user_id),
            clock: ClockView::new(c, today),
        });
    }
    Ok(web::Json(Page { items, total, page: paging.page(), page_size: paging.size() }))
}

//! Rectification (EV 7): an opinion the leading group deems reasonable becomes a task for the unit
//! with a deadline on the clocks. The unit reports what it did and how it told the person (online
//! notice, letter or visit). A task not reported in time raises a lead for the openness office when
//! its clock runs out; one the group judges done badly raises a lead at once and goes back to the
//! unit. Accepted rectifications are listed publicly, without the opinions' authors or words.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{FeedbackMethod, LeadStatus, RectificationStatus};
use entity::{
    evaluation_campaign as campaign, evaluation_response as response, rectification_task as task, violation_lead,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::routes::{campaign_in, unit_names};
use super::{RECTIFICATION, TASK};
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::calendar::Period;
use crate::clocks::{self, Ending, Label, NewClock, Subject};
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{EvaluationManage, EvaluationRead, EvaluationRectify};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};
use crate::text::tidy;
use crate::time::beijing_today;

/// The accountability item a breach of EV 7 falls under: AC 6(10), other breaches of the rules.
pub const RECTIFICATION_VIOLATION_ITEM: &str = "6.10";

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskRequest {
    pub unit_id: Uuid,
    /// The counted response whose opinion is to be rectified; or give the opinion itself.
    pub response_id: Option<Uuid>,
    #[validate(length(min = 4, max = 2000, code = "length"))]
    #[schema(min_length = 4, max_length = 2000)]
    pub opinion: Option<String>,
    #[validate(length(min = 4, max = 2000, code = "length"))]
    #[schema(min_length = 4, max_length = 2000)]
    pub requirement: String,
    /// Working days to rectify: 5 to 60.
    #[validate(range(min = 5, max = 60, code = "range"))]
    #[schema(minimum = 5, maximum = 60)]
    pub working_days: u32,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskReport {
    #[validate(length(min = 10, max = 5000, code = "length"))]
    #[schema(min_length = 10, max_length = 5000)]
    pub report: String,
    pub feedback_method: FeedbackMethod,
    /// How and when the person was told, e.g. the notice's address or the letter's date.
    #[validate(length(min = 2, max = 1000, code = "length"))]
    #[schema(min_length = 2, max_length = 1000)]
    pub feedback_note: String,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskReview {
    pub accepted: bool,
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub note: String,
    /// When returned: working days for the unit to rectify again (5 to 60).
    #[validate(range(min = 5, max = 60, code = "range"))]
    #[schema(minimum = 5, maximum = 60)]
    pub working_days: Option<u32>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskView {
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub opinion: String,
    pub requirement: String,
    pub due_on: NaiveDate,
    pub status: RectificationStatus,
    pub report: Option<String>,
    pub feedback_method: Option<FeedbackMethod>,
    pub feedback_note: Option<String>,
    pub reported_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
}

/// A rectification as the portal's notice shows it: the requirement and what was done, no opinion.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicRectification {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub year: i32,
    pub requirement: String,
    pub report: String,
    pub feedback_method: FeedbackMethod,
    pub reported_on: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicRectificationQuery {
    pub unit_id: Option<Uuid>,
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[param(minimum = 2020, maximum = 2100)]
    pub year: Option<i32>,
}

async fn save(tx: &impl ConnectionTrait, t: &task::Model) -> Result<(), ApiError> {
    use sea_orm::ActiveModelTrait;
    task::Entity::update_in(UnitRef::owning_row(t.unit_id, t.county_id))
        .set(task::ActiveModel::from(t.clone()).reset_all())
        .filter(task::Column::Id.eq(t.id))
        .exec(tx)
        .await?;
    Ok(())
}

fn subject_of(t: &task::Model) -> Subject {
    Subject::new(TASK, t.id, UnitRef::owning_row(t.unit_id, t.county_id))
}

fn view(t: task::Model, unit_name: String) -> TaskView {
    TaskView {
        id: t.id,
        campaign_id: t.campaign_id,
        unit_id: t.unit_id,
        unit_name,
        opinion: t.opinion,
        requirement: t.requirement,
        due_on: t.due_on,
        status: t.status,
        report: t.report,
        feedback_method: t.feedback_method,
        feedback_note: t.feedback_note,
        reported_at: t.reported_at,
        review_note: t.review_note,
    }
}

async fn start_clock(
    tx: &impl ConnectionTrait,
    t: &task::Model,
    unit_name: &str,
    days: u32,
    now: DateTime<Utc>,
) -> Result<NaiveDate, ApiError> {
    let new = NewClock {
        kind: &RECTIFICATION,
        legal_basis: "社会评议制度第七条".into(),
        start: beijing_today(now),
        period: Period::WorkingDays(days),
        assignee: None,
        label: Label::new(
            format!("评议意见整改 · {unit_name}"),
            Some(format!("/console/units/{}/rectifications", t.unit_id)),
        ),
    };
    let c = clocks::renew(tx, &subject_of(t), new, "评议意见整改", None, now).await?;
    Ok(c.due_date)
}

/// The group turns an opinion into a rectification task for the unit (EV 7).
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    request_body = TaskRequest,
    responses((status = 201, body = TaskView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/campaigns/{campaign_id}/rectifications")]
pub async fn create_task(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<TaskRequest>,
) -> Result<HttpResponse, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let body = body.into_inner()?;
    let unit = super::responses::evaluated(&state.db, &c, body.unit_id).await?;
    let opinion = match (body.response_id, body.opinion.as_deref().map(tidy)) {
        (Some(r), _) => response::Entity::find_in(unit)
            .filter(response::Column::Id.eq(r))
            .filter(response::Column::CampaignId.eq(c.id))
            .filter(response::Column::Discarded.is_null())
            .one(&state.db)
            .await?
            .and_then(|r| r.opinion)
            .ok_or_else(|| ApiError::field("response_id", "invalid_reference"))?,
        (None, Some(o)) if !o.is_empty() => o,
        (None, _) => return Err(ApiError::field("opinion", "required")),
    };
    let unit_name = unit_names(&state.db, vec![unit.unit_id()]).await?.remove(&unit.unit_id()).unwrap_or_default();
    let now = state.time.now();
    let t = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let mut t = task::Model {
            id: Uuid::now_v7(),
            county_id: c.county_id,
            unit_id: unit.unit_id(),
            campaign_id: c.id,
            response_id: body.response_id,
            opinion: opinion.clone(),
            requirement: tidy(&body.requirement),
            due_on: beijing_today(now),
            status: RectificationStatus::Open,
            report: None,
            feedback_method: None,
            feedback_note: None,
            reported_by: None,
            reported_at: None,
            review_note: None,
            created_by: auth.actor.user_id,
            created_at: now,
            updated_at: now,
        };
        t.due_on = start_clock(tx, &t, &unit_name, body.working_days, now).await?;
        task::Entity::insert(task::ActiveModel::from(t.clone())).exec_without_returning(tx).await?;
        let rec = AuditRecord::success("evaluation.rectification.create", "rectification_task", t.id)
            .in_unit(c.county_id, t.unit_id)
            .with_summary(serde_json::json!({ "campaign_id": c.id, "due_on": t.due_on }));
        Ok((t, rec))
    })
    .await?;
    Ok(HttpResponse::Created().json(view(t, unit_name)))
}

/// The rectification tasks of a campaign.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, body = Vec<TaskView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}/rectifications")]
pub async fn campaign_tasks(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<Vec<TaskView>>, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let rows = task::Entity::find_within(&Reach::County(c.county_id))
        .filter(task::Column::CampaignId.eq(c.id))
        .order_by_asc(task::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let names = unit_names(&state.db, rows.iter().map(|t| t.unit_id).collect()).await?;
    Ok(web::Json(
        rows.into_iter().map(|t| view(t.clone(), names.get(&t.unit_id).cloned().unwrap_or_default())).collect(),
    ))
}

/// A unit's rectification tasks, newest first.
#[utoipa::path(
    tag = "evaluation",
    params(("unit_id" = Uuid, Path)),
    responses((status = 200, body = Vec<TaskView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRectify::NAME)))
)]
#[get("/units/{unit_id}/rectifications")]
pub async fn unit_tasks(
    scope: UnitScope<EvaluationRectify>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<TaskView>>, ApiError> {
    let rows = task::Entity::find_in(scope.unit_ref()).order_by_desc(task::Column::CreatedAt).all(&state.db).await?;
    Ok(web::Json(rows.into_iter().map(|t| view(t, scope.unit.name.clone())).collect()))
}

/// The unit reports what it did and how it told the person; the clock stops.
#[utoipa::path(
    tag = "evaluation",
    params(("unit_id" = Uuid, Path), ("rectification_id" = Uuid, Path)),
    request_body = TaskReport,
    responses((status = 200, body = TaskView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRectify::NAME)))
)]
#[post("/units/{unit_id}/rectifications/{rectification_id}/report")]
pub async fn report_task(
    scope: UnitScope<EvaluationRectify>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<TaskReport>,
) -> Result<web::Json<TaskView>, ApiError> {
    let (_, id) = path.into_inner();
    let t = task::Entity::get_in(scope.unit_ref(), id).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    let body = body.into_inner()?;
    if !matches!(t.status, RectificationStatus::Open | RectificationStatus::Returned) {
        return Err(ApiError::Rule(ErrorCode::RectificationNotOpen, None));
    }
    let now = state.time.now();
    let t = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let t = task::Model {
            status: RectificationStatus::Reported,
            report: Some(tidy(&body.report)),
            feedback_method: Some(body.feedback_method),
            feedback_note: Some(tidy(&body.feedback_note)),
            reported_by: Some(scope.actor.user_id),
            reported_at: Some(now),
            updated_at: now,
            ..t
        };
        save(tx, &t).await?;
        clocks::end(tx, &subject_of(&t), &RECTIFICATION, Ending::Complete, now).await?;
        let rec = AuditRecord::success("evaluation.rectification.report", "rectification_task", t.id)
            .in_unit(t.county_id, t.unit_id);
        Ok((t, rec))
    })
    .await?;
    Ok(web::Json(view(t, scope.unit.name.clone())))
}

/// The group judges a reported rectification: accepted, or done badly — a lead for the openness
/// office at once, and the task back to the unit with a new deadline.
#[utoipa::path(
    tag = "evaluation",
    params(("rectification_id" = Uuid, Path)),
    request_body = TaskReview,
    responses((status = 200, body = TaskView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/rectifications/{rectification_id}/review")]
pub async fn review_task(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<TaskReview>,
) -> Result<web::Json<TaskView>, ApiError> {
    let t = task::Entity::find_within(&auth.reach)
        .filter(task::Column::Id.eq(path.into_inner()))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let body = body.into_inner()?;
    if t.status != RectificationStatus::Reported {
        return Err(ApiError::Rule(ErrorCode::RectificationNotReported, None));
    }
    if !body.accepted && body.working_days.is_none() {
        return Err(ApiError::field("working_days", "required"));
    }
    let unit_name = unit_names(&state.db, vec![t.unit_id]).await?.remove(&t.unit_id).unwrap_or_default();
    let now = state.time.now();
    let t = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let note = tidy(&body.note);
        let mut t = task::Model {
            status: if body.accepted { RectificationStatus::Accepted } else { RectificationStatus::Returned },
            review_note: Some(note.clone()),
            updated_at: now,
            ..t
        };
        if !body.accepted {
            t.due_on = start_clock(tx, &t, &unit_name, body.working_days.unwrap_or(5), now).await?;
            let facts = format!("{unit_name}：社会评议意见整改经政务公开领导小组审核认定整改不到位（{note}）。");
            violation_lead::Entity::insert(violation_lead::ActiveModel {
                id: Set(Uuid::now_v7()),
                county_id: Set(t.county_id),
                unit_id: Set(t.unit_id),
                item: Set(RECTIFICATION_VIOLATION_ITEM.into()),
                subject_type: Set(TASK.code().into()),
                subject_id: Set(t.id.to_string()),
                clock_id: Set(None),
                facts: Set(facts),
                detected_at: Set(now),
                status: Set(LeadStatus::Open),
                triaged_by: Set(None),
                ..Default::default()
            })
            // One lead per task and item: a task already late, or returned before, keeps its lead.
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    violation_lead::Column::SubjectType,
                    violation_lead::Column::SubjectId,
                    violation_lead::Column::Item,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(tx)
            .await?;
        }
        save(tx, &t).await?;
        let rec = AuditRecord::success("evaluation.rectification.review", "rectification_task", t.id)
            .in_unit(t.county_id, t.unit_id)
            .with_summary(serde_json::json!({ "accepted": body.accepted }));
        Ok((t, rec))
    })
    .await?;
    Ok(web::Json(view(t, unit_name)))
}

/// The public rectification notice: what units rectified after the evaluation, and how.
#[utoipa::path(
    tag = "portal",
    params(PublicRectificationQuery),
    responses((status = 200, body = Vec<PublicRectification>), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/evaluations/rectifications")]
pub async fn public_rectifications(
    state: web::Data<AppState>,
    query: ValidatedQuery<PublicRectificationQuery>,
) -> Result<web::Json<Vec<PublicRectification>>, ApiError> {
    let q = query.into_inner()?;
    let mut select =
        task::Entity::find_within(&Reach::Platform).filter(task::Column::Status.eq(RectificationStatus::Accepted));
    if let Some(u) = q.unit_id {
        select = select.filter(task::Column::UnitId.eq(u));
    }
    let rows = select.order_by_desc(task::Column::UpdatedAt).all(&state.db).await?;
    let campaigns: std::collections::HashMap<Uuid, i32> = campaign::Entity::find()
        .filter(campaign::Column::Id.is_in(rows.iter().map(|t| t.campaign_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.year))
        .collect();
    let names = unit_names(&state.db, rows.iter().map(|t| t.unit_id).collect()).await?;
    Ok(web::Json(
        rows.into_iter()
            .filter_map(|t| {
                let year = *campaigns.get(&t.campaign_id)?;
                if q.year.is_some_and(|y| y != year) {
                    return None;
                }
                Some(PublicRectification {
                    unit_name: names.get(&t.unit_id).cloned().unwrap_or_default(),
                    unit_id: t.unit_id,
                    year,
                    requirement: t.requirement,
                    report: t.report.unwrap_or_default(),
                    feedback_method: t.feedback_method?,
                    reported_on: t.reported_at.map(beijing_today),
                })
            })
            .collect(),
    ))
}

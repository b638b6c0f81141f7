//! The openness office's schemes (AS 9(1)): write one per year and audience, change it (each change
//! a new version, the old kept), and start the assessment, which freezes it and puts every unit's
//! self-check on the clocks (AS 9(2)).

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{AssessmentAudience, SchemeStatus, SelfCheckStatus};
use entity::{
    assessment_scheme as scheme, assessment_scheme_version as version, assessment_self_check as self_check, unit,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::card::{grades_of, indicators_of};
use super::scheme::{GradeBand, Indicator, check, standard_grades, standard_indicators};
use super::{SCHEME_SUBJECT, SELF_CHECK, self_check_subject};
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::calendar::Period;
use crate::clocks::{self, Label, NewClock};
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{AssessmentManage, AssessmentRead};
use crate::state::AppState;
use crate::text::tidy;
use crate::time::beijing_today;

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemeRequest {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
    pub audience: AssessmentAudience,
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub title: String,
    pub self_check_due: NaiveDate,
    /// The indicator tree; the standard one (AS 6's four groups, 100 points) when left out.
    pub indicators: Option<Vec<Indicator>>,
    /// 优秀 ≥ 90 %, 良好 ≥ 80 %, 合格 ≥ 60 % when left out.
    pub grades: Option<Vec<GradeBand>>,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemeChange {
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub title: String,
    pub self_check_due: NaiveDate,
    pub indicators: Vec<Indicator>,
    pub grades: Vec<GradeBand>,
    /// The version the change was made on; a change on an older one is refused.
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SchemeView {
    pub id: Uuid,
    pub year: i32,
    pub audience: AssessmentAudience,
    pub title: String,
    pub version: i32,
    pub status: SchemeStatus,
    pub self_check_due: NaiveDate,
    pub indicators: Vec<Indicator>,
    pub grades: Vec<GradeBand>,
    pub started_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

impl From<&scheme::Model> for SchemeView {
    fn from(s: &scheme::Model) -> Self {
        Self {
            id: s.id,
            year: s.year,
            audience: s.audience,
            title: s.title.clone(),
            version: s.version,
            status: s.status,
            self_check_due: s.self_check_due,
            indicators: indicators_of(s),
            grades: grades_of(s),
            started_at: s.started_at,
            published_at: s.published_at,
            updated_at: s.updated_at,
        }
    }
}

pub(crate) fn county_of(reach: &Reach, actor: &crate::auth::Actor) -> Result<Uuid, ApiError> {
    match reach {
        Reach::County(c) => Ok(*c),
        _ => actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None)),
    }
}

/// A scheme of the caller's county; another county's answers like a missing one.
pub(crate) async fn scheme_in(db: &impl ConnectionTrait, county: Uuid, id: Uuid) -> Result<scheme::Model, ApiError> {
    scheme::Entity::find_by_id(id).filter(scheme::Column::CountyId.eq(county)).one(db).await?.ok_or(ApiError::NotFound)
}

/// The scheme that assesses a unit in a year, if the office wrote one.
pub(crate) async fn scheme_for(
    db: &impl ConnectionTrait,
    unit: &unit::Model,
    year: i32,
) -> Result<Option<scheme::Model>, ApiError> {
    let audience =
        [AssessmentAudience::Administrative, AssessmentAudience::ByReference].into_iter().find(|a| a.covers(unit.kind));
    let Some(audience) = audience else { return Ok(None) };
    Ok(scheme::Entity::find()
        .filter(scheme::Column::CountyId.eq(unit.county_id))
        .filter(scheme::Column::Year.eq(year))
        .filter(scheme::Column::Audience.eq(audience))
        .one(db)
        .await?)
}

/// The active units a scheme assesses, by name.
pub(crate) async fn assessed_units(db: &impl ConnectionTrait, s: &scheme::Model) -> Result<Vec<unit::Model>, ApiError> {
    Ok(unit::Entity::find()
        .filter(unit::Column::CountyId.eq(s.county_id))
        .filter(unit::Column::Active.eq(true))
        .order_by_asc(unit::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| s.audience.covers(u.kind))
        .collect())
}

fn due_ahead(due: NaiveDate, now: DateTime<Utc>) -> Result<(), ApiError> {
    if due <= beijing_today(now) {
        return Err(ApiError::field("self_check_due", "due_not_ahead"));
    }
    Ok(())
}

async fn keep_version(
    tx: &impl ConnectionTrait,
    s: &scheme::Model,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    version::Entity::insert(version::ActiveModel::from(version::Model {
        id: Uuid::now_v7(),
        scheme_id: s.id,
        version: s.version,
        indicators: s.indicators.clone(),
        grades: s.grades.clone(),
        self_check_due: s.self_check_due,
        saved_by: by,
        saved_at: now,
    }))
    .exec_without_returning(tx)
    .await?;
    Ok(())
}

/// The openness office writes a year's scheme for one audience (AS 9(1), AS 10).
#[utoipa::path(
    tag = "assessment",
    request_body = SchemeRequest,
    responses((status = 201, body = SchemeView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentManage::NAME)))
)]
#[post("/assessment/schemes")]
pub async fn create_scheme(
    auth: Authorized<AssessmentManage>,
    state: web::Data<AppState>,
    body: ValidatedJson<SchemeRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let county = county_of(&auth.reach, &auth.actor)?;
    let now = state.time.now();
    due_ahead(body.self_check_due, now)?;
    let indicators = body.indicators.clone().unwrap_or_else(standard_indicators);
    let grades = body.grades.clone().unwrap_or_else(standard_grades);
    check(&indicators, &grades)?;
    let s = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let taken = scheme::Entity::find()
            .filter(scheme::Column::CountyId.eq(county))
            .filter(scheme::Column::Year.eq(body.year))
            .filter(scheme::Column::Audience.eq(body.audience))
            .one(tx)
            .await?;
        if taken.is_some() {
            return Err(ApiError::Conflict(ErrorCode::AssessmentSchemeTaken, Some("year".into())));
        }
        let s = scheme::Model {
            id: Uuid::now_v7(),
            county_id: county,
            year: body.year,
            audience: body.audience,
            title: tidy(&body.title),
            version: 1,
            status: SchemeStatus::Draft,
            indicators: serde_json::to_string(&indicators).map_err(anyhow::Error::from)?,
            grades: serde_json::to_string(&grades).map_err(anyhow::Error::from)?,
            self_check_due: body.self_check_due,
            started_at: None,
            published_at: None,
            created_by: auth.actor.user_id,
            created_at: now,
            updated_at: now,
        };
        scheme::Entity::insert(scheme::ActiveModel::from(s.clone())).exec_without_returning(tx).await?;
        let rec = AuditRecord::success("assessment.scheme.create", SCHEME_SUBJECT, s.id)
            .in_county(Some(county))
            .with_summary(
                serde_json::json!({ "year": s.year, "audience": s.audience, "indicators": indicators.len() }),
            );
        Ok((s, rec))
    })
    .await?;
    Ok(HttpResponse::Created().json(SchemeView::from(&s)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SchemeListQuery {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[param(minimum = 2020, maximum = 2100)]
    pub year: Option<i32>,
}

/// The county's schemes, newest year first (for the oversight functions; a unit reads its own
/// scheme in its scorecard).
#[utoipa::path(
    tag = "assessment",
    params(SchemeListQuery),
    responses((status = 200, body = Vec<SchemeView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentRead::NAME)))
)]
#[get("/assessment/schemes")]
pub async fn list_schemes(
    auth: Authorized<AssessmentRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<SchemeListQuery>,
) -> Result<web::Json<Vec<SchemeView>>, ApiError> {
    let q = query.into_inner()?;
    if matches!(auth.reach, Reach::Units(_)) {
        return Err(ApiError::Forbidden);
    }
    let county = county_of(&auth.reach, &auth.actor)?;
    let mut select = scheme::Entity::find().filter(scheme::Column::CountyId.eq(county));
    if let Some(y) = q.year {
        select = select.filter(scheme::Column::Year.eq(y));
    }
    let rows = select.order_by_desc(scheme::Column::Year).order_by_asc(scheme::Column::Audience).all(&state.db).await?;
    Ok(web::Json(rows.iter().map(SchemeView::from).collect()))
}

/// One scheme as it stands.
#[utoipa::path(
    tag = "assessment",
    params(("scheme_id" = Uuid, Path)),
    responses((status = 200, body = SchemeView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentRead::NAME)))
)]
#[get("/assessment/schemes/{scheme_id}")]
pub async fn get_scheme(
    auth: Authorized<AssessmentRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<SchemeView>, ApiError> {
    let county = super::group::county_reach(&auth)?;
    Ok(web::Json(SchemeView::from(&scheme_in(&state.db, county, path.into_inner()).await?)))
}

/// The office changes a draft scheme: a new version, the previous one kept. Once the assessment
/// has started the scheme is frozen.
#[utoipa::path(
    tag = "assessment",
    params(("scheme_id" = Uuid, Path)),
    request_body = SchemeChange,
    responses((status = 200, body = SchemeView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentManage::NAME)))
)]
#[put("/assessment/schemes/{scheme_id}")]
pub async fn change_scheme(
    auth: Authorized<AssessmentManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<SchemeChange>,
) -> Result<web::Json<SchemeView>, ApiError> {
    let body = body.into_inner()?;
    let county = county_of(&auth.reach, &auth.actor)?;
    let id = path.into_inner();
    let now = state.time.now();
    let s = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let s = scheme_in(tx, county, id).await?;
        if s.status != SchemeStatus::Draft {
            return Err(ApiError::Conflict(ErrorCode::AssessmentSchemeFrozen, None));
        }
        if body.version != s.version {
            return Err(ApiError::Conflict(ErrorCode::StaleRevision, Some("version".into())));
        }
        due_ahead(body.self_check_due, now)?;
        check(&body.indicators, &body.grades)?;
        keep_version(tx, &s, auth.actor.user_id, now).await?;
        let next = s.version + 1;
        let changed = scheme::Entity::update_many()
            .col_expr(scheme::Column::Title, Expr::value(tidy(&body.title)))
            .col_expr(scheme::Column::SelfCheckDue, Expr::value(body.self_check_due))
            .col_expr(
                scheme::Column::Indicators,
                Expr::value(serde_json::to_string(&body.indicators).map_err(anyhow::Error::from)?),
            )
            .col_expr(
                scheme::Column::Grades,
                Expr::value(serde_json::to_string(&body.grades).map_err(anyhow::Error::from)?),
            )
            .col_expr(scheme::Column::Version, Expr::value(next))
            .col_expr(scheme::Column::UpdatedAt, Expr::value(now))
            .filter(scheme::Column::Id.eq(s.id))
            .filter(scheme::Column::Version.eq(s.version))
            .filter(scheme::Column::Status.eq(SchemeStatus::Draft))
            .exec(tx)
            .await?;
        if changed.rows_affected != 1 {
            return Err(ApiError::Conflict(ErrorCode::StaleRevision, Some("version".into())));
        }
        let rec = AuditRecord::success("assessment.scheme.change", SCHEME_SUBJECT, s.id)
            .in_county(Some(county))
            .with_summary(serde_json::json!({ "version": next, "indicators": body.indicators.len() }));
        Ok((scheme_in(tx, county, id).await?, rec))
    })
    .await?;
    Ok(web::Json(SchemeView::from(&s)))
}

/// Starts the assessment: the scheme is frozen and every unit it assesses must hand in its
/// self-check by the scheme's deadline (AS 9(2)); a unit that does not raises a lead.
#[utoipa::path(
    tag = "assessment",
    params(("scheme_id" = Uuid, Path)),
    responses((status = 200, body = SchemeView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentManage::NAME)))
)]
#[post("/assessment/schemes/{scheme_id}/start")]
pub async fn start_scheme(
    auth: Authorized<AssessmentManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<SchemeView>, ApiError> {
    let county = county_of(&auth.reach, &auth.actor)?;
    let id = path.into_inner();
    let now = state.time.now();
    let s = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let s = scheme_in(tx, county, id).await?;
        if s.status != SchemeStatus::Draft {
            return Err(ApiError::Rule(ErrorCode::AssessmentWrongStage, None));
        }
        due_ahead(s.self_check_due, now)?;
        let changed = scheme::Entity::update_many()
            .col_expr(scheme::Column::Status, Expr::value(SchemeStatus::Started))
            .col_expr(scheme::Column::StartedAt, Expr::value(now))
            .col_expr(scheme::Column::UpdatedAt, Expr::value(now))
            .filter(scheme::Column::Id.eq(s.id))
            .filter(scheme::Column::Status.eq(SchemeStatus::Draft))
            .exec(tx)
            .await?;
        if changed.rows_affected != 1 {
            return Err(ApiError::Rule(ErrorCode::AssessmentWrongStage, None));
        }
        let today = beijing_today(now);
        let days = u32::try_from((s.self_check_due - today).num_days()).unwrap_or(1);
        let units = assessed_units(tx, &s).await?;
        for u in &units {
            let check = self_check::Model {
                id: Uuid::now_v7(),
                county_id: u.county_id,
                unit_id: u.id,
                scheme_id: s.id,
                report: String::new(),
                self_scores: "[]".into(),
                status: SelfCheckStatus::Draft,
                submitted_by: None,
                submitted_at: None,
                updated_at: now,
            };
            self_check::Entity::insert(self_check::ActiveModel::from(check.clone())).exec_without_returning(tx).await?;
            let new = NewClock {
                kind: &SELF_CHECK,
                legal_basis: "考核制度第九条第（二）项".into(),
                start: today,
                period: Period::CalendarDays(days),
                assignee: None,
                label: Label::new(
                    format!("{}年度政务公开考核自查 · {}", s.year, u.name),
                    Some(format!("/console/units/{}/assessment?year={}", u.id, s.year)),
                ),
            };
            clocks::start(tx, &self_check_subject(&check), new, now).await?;
        }
        let rec =
            AuditRecord::success("assessment.scheme.start", SCHEME_SUBJECT, s.id).in_county(Some(county)).with_summary(
                serde_json::json!({ "version": s.version, "units": units.len(), "self_check_due": s.self_check_due }),
            );
        Ok((scheme_in(tx, county, id).await?, rec))
    })
    .await?;
    Ok(web::Json(SchemeView::from(&s)))
}

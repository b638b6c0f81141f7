//! The leading group's side of a campaign: set it up, change its questionnaire (a change after
//! opening makes a new version), open and close it, and read the results.

use std::collections::HashMap;

use actix_web::{get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{CampaignStatus, EvaluationDimension, OversightFunction};
use entity::{
    evaluation_campaign as campaign, evaluation_question as question, evaluation_response as response,
    evaluation_target as target, unit,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::rating::RatingRule;
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::error::{ApiError, ErrorCode};
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{EvaluationManage, EvaluationRead};
use crate::state::AppState;
use crate::text::tidy;
use crate::time::beijing_today;

const SUBJECT: &str = "evaluation_campaign";

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create_campaign)
        .service(list_campaigns)
        .service(get_campaign)
        .service(add_question)
        .service(change_question)
        .service(open_campaign)
        .service(close_campaign)
        .service(super::results::campaign_results)
        .service(super::results::campaign_opinions)
        .service(super::results::export_campaign)
        .service(super::feedback::group_letter)
        .service(super::feedback::unit_letter)
        .service(super::feedback::circular)
        .service(super::paper::enter_paper)
        .service(super::representatives::invite)
        .service(super::representatives::list_invitations)
        .service(super::rectification::create_task)
        .service(super::rectification::campaign_tasks)
        .service(super::rectification::unit_tasks)
        .service(super::rectification::report_task)
        .service(super::rectification::review_task);
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionRequest {
    pub dimension: EvaluationDimension,
    #[validate(length(min = 4, max = 300, code = "length"))]
    #[schema(min_length = 4, max_length = 300)]
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionChange {
    #[validate(length(min = 4, max = 300, code = "length"))]
    #[schema(min_length = 4, max_length = 300)]
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignRequest {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// The units evaluated; every active unit of the county but the leading group and the
    /// assessment group when left out (EV 1, EV 8).
    #[validate(length(min = 1, max = 500, code = "length"))]
    pub unit_ids: Option<Vec<Uuid>>,
    pub rule: Option<RatingRule>,
    /// Responses one address may send for one unit in a day before further ones are discarded.
    #[validate(range(min = 1, max = 1000, code = "range"))]
    #[schema(minimum = 1, maximum = 1000)]
    pub address_daily_limit: Option<i32>,
    /// The questionnaire; one question per dimension of EV 3 when left out.
    #[validate(length(min = 1, max = 100, code = "length"), nested)]
    pub questions: Option<Vec<QuestionRequest>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionView {
    pub id: Uuid,
    pub dimension: EvaluationDimension,
    pub text: String,
    pub position: i32,
    /// The questionnaire version the question's wording is from.
    pub from_version: i32,
}

impl From<&question::Model> for QuestionView {
    fn from(q: &question::Model) -> Self {
        Self {
            id: q.id,
            dimension: q.dimension,
            text: q.text.clone(),
            position: q.position,
            from_version: q.from_version,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvaluatedUnit {
    pub unit_id: Uuid,
    pub unit_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CampaignView {
    pub id: Uuid,
    pub year: i32,
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub status: CampaignStatus,
    pub questionnaire_version: i32,
    pub rule: RatingRule,
    pub address_daily_limit: i32,
    pub units: Vec<EvaluatedUnit>,
    /// The questionnaire as it stands.
    pub questions: Vec<QuestionView>,
    pub responses_counted: u64,
    pub responses_discarded: u64,
    pub updated_at: DateTime<Utc>,
}

/// The questions of EV 3's five dimensions, one each, for a campaign that brings none.
fn standard_questions() -> Vec<QuestionRequest> {
    [
        (EvaluationDimension::Content, "该单位公开的政府信息是否全面、真实、准确？"),
        (EvaluationDimension::Form, "您能否方便地获取该单位公开的政府信息？"),
        (EvaluationDimension::Procedure, "该单位公开政府信息、答复申请是否符合程序和时限？"),
        (EvaluationDimension::Rules, "该单位的政务公开制度是否切实可行、健全完善、执行到位？"),
        (EvaluationDimension::Effect, "该单位的政务公开是否保障了您的知情权、参与权和监督权？"),
    ]
    .into_iter()
    .map(|(dimension, text)| QuestionRequest { dimension, text: text.into() })
    .collect()
}

pub(crate) fn rule_of(c: &campaign::Model) -> RatingRule {
    serde_json::from_str(&c.rule).unwrap_or_default()
}

fn county_of(reach: &Reach, actor: &crate::auth::Actor) -> Result<Uuid, ApiError> {
    match reach {
        Reach::County(c) => Ok(*c),
        _ => actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None)),
    }
}

/// A campaign of the caller's county; another county's answers like a missing one.
pub(crate) async fn campaign_in(
    db: &impl ConnectionTrait,
    reach: &Reach,
    id: Uuid,
) -> Result<campaign::Model, ApiError> {
    let mut select = campaign::Entity::find_by_id(id);
    match reach {
        Reach::Platform => {}
        Reach::County(c) => select = select.filter(campaign::Column::CountyId.eq(*c)),
        Reach::Units(_) => return Err(ApiError::NotFound),
    }
    select.one(db).await?.ok_or(ApiError::NotFound)
}

/// The questions in force in a questionnaire version, in order.
pub(crate) async fn questions_of(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    version: i32,
) -> Result<Vec<question::Model>, ApiError> {
    Ok(question::Entity::find()
        .filter(question::Column::CampaignId.eq(c.id))
        .filter(question::Column::FromVersion.lte(version))
        .filter(
            sea_orm::Condition::any()
                .add(question::Column::ToVersion.is_null())
                .add(question::Column::ToVersion.gte(version)),
        )
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?)
}

/// The units a campaign evaluates, by name.
pub(crate) async fn units_of(db: &impl ConnectionTrait, c: &campaign::Model) -> Result<Vec<EvaluatedUnit>, ApiError> {
    let reach = Reach::County(c.county_id);
    use crate::tenancy::ScopedFind;
    let ids: Vec<Uuid> = target::Entity::find_within(&reach)
        .filter(target::Column::CampaignId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.unit_id)
        .collect();
    Ok(unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .order_by_asc(unit::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .map(|u| EvaluatedUnit { unit_id: u.id, unit_name: u.name })
        .collect())
}

async fn view(db: &impl ConnectionTrait, c: &campaign::Model) -> Result<CampaignView, ApiError> {
    use crate::tenancy::ScopedFind;
    let questions = questions_of(db, c, c.questionnaire_version).await?;
    let reach = Reach::County(c.county_id);
    let responses = response::Entity::find_within(&reach).filter(response::Column::CampaignId.eq(c.id)).all(db).await?;
    let discarded = responses.iter().filter(|r| r.discarded.is_some()).count() as u64;
    Ok(CampaignView {
        id: c.id,
        year: c.year,
        title: c.title.clone(),
        opens_on: c.opens_on,
        closes_on: c.closes_on,
        status: c.status,
        questionnaire_version: c.questionnaire_version,
        rule: rule_of(c),
        address_daily_limit: c.address_daily_limit,
        units: units_of(db, c).await?,
        questions: questions.iter().map(QuestionView::from).collect(),
        responses_counted: responses.len() as u64 - discarded,
        responses_discarded: discarded,
        updated_at: c.updated_at,
    })
}

/// The leading group sets up the year's campaign (EV 6): dates, units, questionnaire and rule.
#[utoipa::path(
    tag = "evaluation",
    request_body = CampaignRequest,
    responses((status = 201, body = CampaignView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/campaigns")]
pub async fn create_campaign(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    body: ValidatedJson<CampaignRequest>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let county = county_of(&auth.reach, &auth.actor)?;
    if body.closes_on < body.opens_on {
        return Err(ApiError::field("closes_on", "before_start"));
    }
    let rule = body.rule.unwrap_or_default().checked()?;
    let now = state.time.now();
    let id = Uuid::now_v7();
    let c = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let taken = campaign::Entity::find()
            .filter(campaign::Column::CountyId.eq(county))
            .filter(campaign::Column::Year.eq(body.year))
            .one(tx)
            .await?;
        if taken.is_some() {
            return Err(ApiError::Conflict(ErrorCode::CampaignYearTaken, Some("year".into())));
        }
        let county_units = unit::Entity::find()
            .filter(unit::Column::CountyId.eq(county))
            .filter(unit::Column::Active.eq(true))
            .all(tx)
            .await?;
        let units: Vec<&unit::Model> = match &body.unit_ids {
            Some(ids) => {
                let chosen: Vec<&unit::Model> = county_units.iter().filter(|u| ids.contains(&u.id)).collect();
                if chosen.len() != ids.iter().collect::<std::collections::HashSet<_>>().len() {
                    return Err(ApiError::field("unit_ids", "invalid_reference"));
                }
                chosen
            }
            None => county_units
                .iter()
                .filter(|u| {
                    !matches!(u.function, Some(OversightFunction::LeadingGroup | OversightFunction::AssessmentGroup))
                })
                .collect(),
        };
        let c = campaign::Model {
            id,
            county_id: county,
            year: body.year,
            title: tidy(&body.title),
            opens_on: body.opens_on,
            closes_on: body.closes_on,
            status: CampaignStatus::Draft,
            questionnaire_version: 1,
            rule: serde_json::to_string(&rule).map_err(anyhow::Error::from)?,
            address_daily_limit: body.address_daily_limit.unwrap_or(super::DEFAULT_ADDRESS_DAILY_LIMIT),
            created_by: auth.actor.user_id,
            created_at: now,
            updated_at: now,
        };
        campaign::Entity::insert(campaign::ActiveModel::from(c.clone())).exec_without_returning(tx).await?;
        for u in &units {
            target::Entity::insert(target::ActiveModel {
                id: Set(Uuid::now_v7()),
                campaign_id: Set(id),
                county_id: Set(county),
                unit_id: Set(u.id),
            })
            .exec_without_returning(tx)
            .await?;
        }
        let questions = body.questions.clone().unwrap_or_else(standard_questions);
        for (i, q) in questions.iter().enumerate() {
            insert_question(tx, &c, q, i32::try_from(i + 1).unwrap_or(i32::MAX), 1, now).await?;
        }
        let rec = AuditRecord::success("evaluation.campaign.create", SUBJECT, id)
            .in_county(Some(county))
            .with_summary(serde_json::json!({ "year": body.year, "units": units.len(), "questions": questions.len() }));
        Ok((c, rec))
    })
    .await?;
    Ok(actix_web::HttpResponse::Created().json(view(&state.db, &c).await?))
}

async fn insert_question(
    tx: &impl ConnectionTrait,
    c: &campaign::Model,
    q: &QuestionRequest,
    position: i32,
    from_version: i32,
    now: DateTime<Utc>,
) -> Result<question::Model, ApiError> {
    let row = question::Model {
        id: Uuid::now_v7(),
        campaign_id: c.id,
        dimension: q.dimension,
        text: tidy(&q.text),
        position,
        from_version,
        to_version: None,
        created_at: now,
    };
    question::Entity::insert(question::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
    Ok(row)
}

/// The county's campaigns, newest year first.
#[utoipa::path(
    tag = "evaluation",
    responses((status = 200, body = Vec<CampaignView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns")]
pub async fn list_campaigns(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<CampaignView>>, ApiError> {
    let county = county_of(&auth.reach, &auth.actor)?;
    let rows = campaign::Entity::find()
        .filter(campaign::Column::CountyId.eq(county))
        .order_by_desc(campaign::Column::Year)
        .all(&state.db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in &rows {
        out.push(view(&state.db, c).await?);
    }
    Ok(web::Json(out))
}

/// One campaign with its questionnaire as it stands.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, body = CampaignView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}")]
pub async fn get_campaign(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    Ok(web::Json(view(&state.db, &c).await?))
}

/// Moves the questionnaire to a new version when it is already being answered; a draft's is
/// changed in place.
async fn next_version(tx: &impl ConnectionTrait, c: &campaign::Model, now: DateTime<Utc>) -> Result<i32, ApiError> {
    match c.status {
        CampaignStatus::Draft => Ok(c.questionnaire_version),
        CampaignStatus::Open => {
            let next = c.questionnaire_version + 1;
            campaign::Entity::update_many()
                .col_expr(campaign::Column::QuestionnaireVersion, Expr::value(next))
                .col_expr(campaign::Column::UpdatedAt, Expr::value(now))
                .filter(campaign::Column::Id.eq(c.id))
                .exec(tx)
                .await?;
            Ok(next)
        }
        CampaignStatus::Closed => Err(ApiError::Rule(ErrorCode::CampaignWrongStage, None)),
    }
}

/// The group adds a question, e.g. a hot issue the public raised (EV 4(1)).
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    request_body = QuestionRequest,
    responses((status = 200, body = CampaignView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/campaigns/{campaign_id}/questions")]
pub async fn add_question(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<QuestionRequest>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let version = next_version(tx, &c, now).await?;
        let last = questions_of(tx, &c, c.questionnaire_version).await?.iter().map(|q| q.position).max().unwrap_or(0);
        let q = insert_question(tx, &c, &body, last + 1, version, now).await?;
        let rec = AuditRecord::success("evaluation.question.add", SUBJECT, c.id)
            .in_county(Some(c.county_id))
            .with_summary(serde_json::json!({ "question_id": q.id, "version": version }));
        Ok(((), rec))
    })
    .await?;
    let c = campaign_in(&state.db, &auth.reach, c.id).await?;
    Ok(web::Json(view(&state.db, &c).await?))
}

/// The group rewords a question. Once the campaign is open the old wording stays with the answers
/// given to it and the new one is a new version of the questionnaire.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path), ("evaluation_question_id" = Uuid, Path)),
    request_body = QuestionChange,
    responses((status = 200, body = CampaignView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[put("/evaluation/campaigns/{campaign_id}/questions/{evaluation_question_id}")]
pub async fn change_question(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<QuestionChange>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let (campaign_id, question_id) = path.into_inner();
    let c = campaign_in(&state.db, &auth.reach, campaign_id).await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let current = questions_of(tx, &c, c.questionnaire_version).await?;
        let old = current.into_iter().find(|q| q.id == question_id).ok_or(ApiError::NotFound)?;
        let version = next_version(tx, &c, now).await?;
        let text = tidy(&body.text);
        if c.status == CampaignStatus::Draft {
            question::Entity::update_many()
                .col_expr(question::Column::Text, Expr::value(text))
                .filter(question::Column::Id.eq(old.id))
                .exec(tx)
                .await?;
        } else {
            question::Entity::update_many()
                .col_expr(question::Column::ToVersion, Expr::value(version - 1))
                .filter(question::Column::Id.eq(old.id))
                .exec(tx)
                .await?;
            let q = QuestionRequest { dimension: old.dimension, text };
            insert_question(tx, &c, &q, old.position, version, now).await?;
        }
        let rec = AuditRecord::success("evaluation.question.change", SUBJECT, c.id)
            .in_county(Some(c.county_id))
            .with_summary(serde_json::json!({ "question_id": old.id, "version": version }));
        Ok(((), rec))
    })
    .await?;
    let c = campaign_in(&state.db, &auth.reach, c.id).await?;
    Ok(web::Json(view(&state.db, &c).await?))
}

async fn set_status(
    state: &AppState,
    auth: &Authorized<EvaluationManage>,
    c: campaign::Model,
    to: CampaignStatus,
) -> Result<campaign::Model, ApiError> {
    let now = state.time.now();
    crate::work::run(state, &auth.actor.audit_actor(), now, async |tx| {
        let changed = campaign::Entity::update_many()
            .col_expr(campaign::Column::Status, Expr::value(to))
            .col_expr(campaign::Column::UpdatedAt, Expr::value(now))
            .filter(campaign::Column::Id.eq(c.id))
            .filter(campaign::Column::Status.eq(c.status))
            .exec(tx)
            .await?;
        if changed.rows_affected != 1 {
            return Err(ApiError::Rule(ErrorCode::CampaignWrongStage, None));
        }
        let action = if to == CampaignStatus::Open { "evaluation.campaign.open" } else { "evaluation.campaign.close" };
        let rec = AuditRecord::success(action, SUBJECT, c.id).in_county(Some(c.county_id));
        Ok((campaign::Model { status: to, updated_at: now, ..c }, rec))
    })
    .await
}

/// Opens the campaign: from its open date the portal takes responses until its close date.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, body = CampaignView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/campaigns/{campaign_id}/open")]
pub async fn open_campaign(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    if c.status != CampaignStatus::Draft || c.closes_on < beijing_today(state.time.now()) {
        return Err(ApiError::Rule(ErrorCode::CampaignWrongStage, None));
    }
    let c = set_status(&state, &auth, c, CampaignStatus::Open).await?;
    Ok(web::Json(view(&state.db, &c).await?))
}

/// Closes the campaign: no more responses; its results are final.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, body = CampaignView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/campaigns/{campaign_id}/close")]
pub async fn close_campaign(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    if c.status != CampaignStatus::Open {
        return Err(ApiError::Rule(ErrorCode::CampaignWrongStage, None));
    }
    let c = set_status(&state, &auth, c, CampaignStatus::Closed).await?;
    Ok(web::Json(view(&state.db, &c).await?))
}

/// Unit names by id, for views.
pub(crate) async fn unit_names(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<HashMap<Uuid, String>, ApiError> {
    Ok(unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

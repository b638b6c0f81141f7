//! The assessment group's and the office's part (AS 9(3)–(4)): the scoring sheet of every unit,
//! the group's scores of the indicators the platform cannot measure, the proposed grade with the
//! figures it rested on, the office's confirmation, publication to the units, the county ranking
//! with its trend across years, and the Excel export for the performance office (AS 7).

use std::collections::HashMap;

use actix_web::{HttpResponse, get, post, put, web};
use entity::enums::{AssessmentAudience, SchemeStatus, SelfCheckStatus, UnitRole};
use entity::{assessment_result as result, assessment_scheme as scheme, assessment_score as score};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::SCHEME_SUBJECT;
use super::card::{GroupSubtotal, ResultView, Scorecard, scorecard};
use super::scheme::{Grade, IndicatorGroup};
use super::schemes::{assessed_units, county_of, scheme_in};
use super::units::scheme_of_unit;
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::error::{ApiError, ErrorCode};
use crate::extract::ValidatedJson;
use crate::notify::{self, Notice};
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{AssessmentManage, AssessmentRead, AssessmentScore};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};
use crate::text::tidy;
use crate::time::beijing_today;

const RESULT_SUBJECT: &str = "assessment_result";

/// How the group checked an indicator (AS 9(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScoringMethod {
    /// 听取汇报
    Hearing,
    /// 查阅资料
    DocumentReview,
    /// 实地察看
    SiteVisit,
    /// 网上检查
    OnlineCheck,
    /// 综合评议
    OverallReview,
}

impl ScoringMethod {
    fn as_str(self) -> &'static str {
        match self {
            Self::Hearing => "hearing",
            Self::DocumentReview => "document_review",
            Self::SiteVisit => "site_visit",
            Self::OnlineCheck => "online_check",
            Self::OverallReview => "overall_review",
        }
    }
}

/// Only the oversight functions read the county's schemes; to a unit's own staff (who see the
/// scheme in their scorecard) a scheme answers like a missing one.
pub(crate) fn county_reach(auth: &Authorized<AssessmentRead>) -> Result<Uuid, ApiError> {
    match &auth.reach {
        Reach::Units(_) => Err(ApiError::NotFound),
        reach => county_of(reach, &auth.actor),
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SheetRow {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub self_check: SelfCheckStatus,
    pub self_check_late: bool,
    /// Indicators still waiting for the group's score.
    pub awaiting_group: Vec<String>,
    pub groups: Vec<GroupSubtotal>,
    pub total: u32,
    pub maximum: u32,
    pub percent: u32,
    pub live_grade: Grade,
    pub result: Option<ResultView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoringSheet {
    pub scheme_id: Uuid,
    pub year: i32,
    pub status: SchemeStatus,
    pub rows: Vec<SheetRow>,
}

async fn cards(state: &AppState, s: &scheme::Model) -> Result<Vec<Scorecard>, ApiError> {
    let today = beijing_today(state.time.now());
    let mut out = Vec::new();
    for u in assessed_units(&state.db, s).await? {
        out.push(scorecard(&state.db, s, &u, today, true).await?);
    }
    Ok(out)
}

fn sheet_row(c: Scorecard) -> SheetRow {
    SheetRow {
        unit_id: c.unit_id,
        unit_name: c.unit_name,
        self_check: c.self_check.as_ref().map_or(SelfCheckStatus::Draft, |x| x.status),
        self_check_late: c.self_check.as_ref().is_some_and(|x| x.late),
        awaiting_group: c.indicators.iter().filter(|i| i.state == "awaiting_group").map(|i| i.code.clone()).collect(),
        groups: c.groups,
        total: c.total,
        maximum: c.maximum,
        percent: c.percent,
        live_grade: c.live_grade,
        result: c.result,
    }
}

/// Every unit of the scheme with its automatic, self-reported and group figures (AS 9(3)).
#[utoipa::path(
    tag = "assessment",
    params(("scheme_id" = Uuid, Path)),
    responses((status = 200, body = ScoringSheet), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentRead::NAME)))
)]
#[get("/assessment/schemes/{scheme_id}/sheet")]
pub async fn scoring_sheet(
    auth: Authorized<AssessmentRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<ScoringSheet>, ApiError> {
    let county = county_reach(&auth)?;
    let s = scheme_in(&state.db, county, path.into_inner()).await?;
    let rows = cards(&state, &s).await?.into_iter().map(sheet_row).collect();
    Ok(web::Json(ScoringSheet { scheme_id: s.id, year: s.year, status: s.status, rows }))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreRequest {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
    #[validate(length(min = 1, max = 40, code = "length"))]
    #[schema(min_length = 1, max_length = 40)]
    pub indicator_code: String,
    /// In hundredths of a point.
    #[validate(range(min = 0, max = 10000, code = "range"))]
    #[schema(minimum = 0, maximum = 10000)]
    pub score: i32,
    pub method: ScoringMethod,
    /// What the group saw, e.g. which documents or which page.
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub note: String,
}

async fn unconfirmed(
    db: &impl sea_orm::ConnectionTrait,
    unit: UnitRef,
    s: &scheme::Model,
) -> Result<Option<result::Model>, ApiError> {
    if s.status != SchemeStatus::Started {
        return Err(ApiError::Rule(ErrorCode::AssessmentWrongStage, None));
    }
    let r = result::Entity::find_in(unit).filter(result::Column::SchemeId.eq(s.id)).one(db).await?;
    if r.as_ref().is_some_and(|r| r.confirmed_grade.is_some()) {
        return Err(ApiError::Conflict(ErrorCode::AssessmentConfirmed, None));
    }
    Ok(r)
}

/// The group scores an indicator the platform does not measure, with how it checked and what it
/// saw; scoring it again replaces the score.
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path)),
    request_body = ScoreRequest,
    responses((status = 200, body = Scorecard), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentScore::NAME)))
)]
#[put("/units/{unit_id}/assessment/scores")]
pub async fn score_indicator(
    scope: UnitScope<AssessmentScore>,
    state: web::Data<AppState>,
    body: ValidatedJson<ScoreRequest>,
) -> Result<web::Json<Scorecard>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let today = beijing_today(now);
    let unit = scope.unit.clone();
    let s = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let s = scheme_of_unit(tx, &unit, body.year).await?;
        unconfirmed(tx, scope.unit_ref(), &s).await?;
        let indicators = super::card::indicators_of(&s);
        let ind = super::card::indicator_in(&indicators, &body.indicator_code, "indicator_code")?;
        if let Some(m) = ind.rule.measure() {
            let measured = super::measures::measure(tx, &unit, s.year, today, m).await?;
            if super::scheme::automatic_points(ind, &measured.figure).is_some() {
                return Err(ApiError::field("indicator_code", "measured_automatically"));
            }
        }
        if u32::try_from(body.score).unwrap_or(u32::MAX) > ind.points {
            return Err(ApiError::field("score", "over_points"));
        }
        score::Entity::delete_in(scope.unit_ref())
            .filter(score::Column::SchemeId.eq(s.id))
            .filter(score::Column::IndicatorCode.eq(ind.code.clone()))
            .exec(tx)
            .await?;
        let row = score::Model {
            id: Uuid::now_v7(),
            county_id: unit.county_id,
            unit_id: unit.id,
            scheme_id: s.id,
            indicator_code: ind.code.clone(),
            score: body.score,
            method: body.method.as_str().into(),
            note: tidy(&body.note),
            scored_by: scope.actor.user_id,
            scored_at: now,
        };
        score::Entity::insert(score::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
        let rec = AuditRecord::success("assessment.score", RESULT_SUBJECT, row.id)
            .in_unit(unit.county_id, unit.id)
            .with_summary(serde_json::json!({
                "year": s.year, "indicator": row.indicator_code, "score": row.score, "method": row.method,
            }));
        Ok((s, rec))
    })
    .await?;
    Ok(web::Json(scorecard(&state.db, &s, &scope.unit, today, true).await?))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalRequest {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
    /// The group's preliminary opinion (AS 9(4)).
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BreakdownLine {
    pub code: String,
    pub group: IndicatorGroup,
    pub name: String,
    pub points: u32,
    pub score: Option<u32>,
}

/// The group proposes the unit's grade from its scorecard as it stands; the figures are kept with
/// the proposal. Every indicator the group must score has to be scored first.
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path)),
    request_body = ProposalRequest,
    responses((status = 200, body = Scorecard), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentScore::NAME)))
)]
#[post("/units/{unit_id}/assessment/proposal")]
pub async fn propose_grade(
    scope: UnitScope<AssessmentScore>,
    state: web::Data<AppState>,
    body: ValidatedJson<ProposalRequest>,
) -> Result<web::Json<Scorecard>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let today = beijing_today(now);
    let unit = scope.unit.clone();
    let s = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let s = scheme_of_unit(tx, &unit, body.year).await?;
        let existing = unconfirmed(tx, scope.unit_ref(), &s).await?;
        let card = scorecard(tx, &s, &unit, today, true).await?;
        if let Some(waiting) = card.indicators.iter().find(|i| i.state == "awaiting_group") {
            return Err(ApiError::Rule(ErrorCode::AssessmentUnscored, Some(waiting.code.clone())));
        }
        let breakdown: Vec<BreakdownLine> = card
            .indicators
            .iter()
            .map(|i| BreakdownLine {
                code: i.code.clone(),
                group: i.group,
                name: i.name.clone(),
                points: i.points,
                score: i.score,
            })
            .collect();
        if let Some(old) = &existing {
            result::Entity::delete_in(scope.unit_ref()).filter(result::Column::Id.eq(old.id)).exec(tx).await?;
        }
        let r = result::Model {
            id: Uuid::now_v7(),
            county_id: unit.county_id,
            unit_id: unit.id,
            scheme_id: s.id,
            total: i32::try_from(card.total).unwrap_or(i32::MAX),
            maximum: i32::try_from(card.maximum).unwrap_or(i32::MAX),
            percent: i32::try_from(card.percent).unwrap_or(i32::MAX),
            breakdown: serde_json::to_string(&breakdown).map_err(anyhow::Error::from)?,
            proposed_grade: card.live_grade.as_str().into(),
            proposal_note: body.note.as_deref().map(tidy).filter(|n| !n.is_empty()),
            proposed_by: scope.actor.user_id,
            proposed_at: now,
            confirmed_grade: None,
            confirm_note: None,
            confirmed_by: None,
            confirmed_at: None,
        };
        result::Entity::insert(result::ActiveModel::from(r.clone())).exec_without_returning(tx).await?;
        let rec = AuditRecord::success("assessment.propose", RESULT_SUBJECT, r.id)
            .in_unit(unit.county_id, unit.id)
            .with_summary(serde_json::json!({
                "year": s.year, "total": r.total, "maximum": r.maximum, "percent": r.percent, "grade": r.proposed_grade,
            }));
        Ok((s, rec))
    })
    .await?;
    Ok(web::Json(scorecard(&state.db, &s, &scope.unit, today, true).await?))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationRequest {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
    /// The grade confirmed; the group's proposal when left out.
    pub grade: Option<Grade>,
    /// Required when the grade differs from the proposal.
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// The openness office confirms the unit's grade (AS 9(4)).
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path)),
    request_body = ConfirmationRequest,
    responses((status = 200, body = Scorecard), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentManage::NAME)))
)]
#[post("/units/{unit_id}/assessment/confirmation")]
pub async fn confirm_grade(
    scope: UnitScope<AssessmentManage>,
    state: web::Data<AppState>,
    body: ValidatedJson<ConfirmationRequest>,
) -> Result<web::Json<Scorecard>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let unit = scope.unit.clone();
    let s = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let s = scheme_of_unit(tx, &unit, body.year).await?;
        let r = unconfirmed(tx, scope.unit_ref(), &s)
            .await?
            .ok_or(ApiError::Rule(ErrorCode::AssessmentNotProposed, None))?;
        let proposed = Grade::parse(&r.proposed_grade).unwrap_or(Grade::Fail);
        let grade = body.grade.unwrap_or(proposed);
        let note = body.note.as_deref().map(tidy).filter(|n| !n.is_empty());
        if grade != proposed && note.is_none() {
            return Err(ApiError::field("note", "note_required_for_change"));
        }
        result::Entity::update_in(scope.unit_ref())
            .col_expr(result::Column::ConfirmedGrade, Expr::value(grade.as_str()))
            .col_expr(result::Column::ConfirmNote, Expr::value(note.clone()))
            .col_expr(result::Column::ConfirmedBy, Expr::value(scope.actor.user_id))
            .col_expr(result::Column::ConfirmedAt, Expr::value(now))
            .filter(result::Column::Id.eq(r.id))
            .exec(tx)
            .await?;
        let rec = AuditRecord::success("assessment.confirm", RESULT_SUBJECT, r.id)
            .in_unit(unit.county_id, unit.id)
            .with_summary(serde_json::json!({ "year": s.year, "proposed": proposed, "confirmed": grade }));
        Ok((s, rec))
    })
    .await?;
    let today = beijing_today(now);
    Ok(web::Json(scorecard(&state.db, &s, &scope.unit, today, true).await?))
}

/// Publishes the confirmed results: each unit sees its grade and scores and its leaders are told.
/// Every unit the scheme assesses must be confirmed first.
#[utoipa::path(
    tag = "assessment",
    params(("scheme_id" = Uuid, Path)),
    responses((status = 200, body = super::schemes::SchemeView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentManage::NAME)))
)]
#[post("/assessment/schemes/{scheme_id}/publish")]
pub async fn publish_results(
    auth: Authorized<AssessmentManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<super::schemes::SchemeView>, ApiError> {
    let county = county_of(&auth.reach, &auth.actor)?;
    let id = path.into_inner();
    let now = state.time.now();
    let base = state.settings.public_base_url.clone();
    let s = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let s = scheme_in(tx, county, id).await?;
        if s.status != SchemeStatus::Started {
            return Err(ApiError::Rule(ErrorCode::AssessmentWrongStage, None));
        }
        let units = assessed_units(tx, &s).await?;
        let results: HashMap<Uuid, result::Model> = result::Entity::find_within(&Reach::County(county))
            .filter(result::Column::SchemeId.eq(s.id))
            .all(tx)
            .await?
            .into_iter()
            .map(|r| (r.unit_id, r))
            .collect();
        if units.iter().any(|u| results.get(&u.id).is_none_or(|r| r.confirmed_grade.is_none())) {
            return Err(ApiError::Rule(ErrorCode::AssessmentUnconfirmed, None));
        }
        let changed = scheme::Entity::update_many()
            .col_expr(scheme::Column::Status, Expr::value(SchemeStatus::Published))
            .col_expr(scheme::Column::PublishedAt, Expr::value(now))
            .col_expr(scheme::Column::UpdatedAt, Expr::value(now))
            .filter(scheme::Column::Id.eq(s.id))
            .filter(scheme::Column::Status.eq(SchemeStatus::Started))
            .exec(tx)
            .await?;
        if changed.rows_affected != 1 {
            return Err(ApiError::Rule(ErrorCode::AssessmentWrongStage, None));
        }
        let office = crate::units::people::function_unit(tx, county, entity::enums::OversightFunction::OpennessOffice)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        for u in &units {
            let Some(r) = results.get(&u.id) else { continue };
            let grade = r.confirmed_grade.as_deref().and_then(Grade::parse).unwrap_or(Grade::Fail);
            let link = format!("{}/console/units/{}/assessment?year={}", base.trim_end_matches('/'), u.id, s.year);
            for person in crate::units::people::members(tx, u.id, Some(UnitRole::Leader)).await? {
                let n = Notice {
                    kind: "assessment_result",
                    context: serde_json::json!({
                        "recipient_name": person.display_name, "office_name": office, "unit_name": u.name,
                        "year": s.year, "grade": grade.zh(), "grade_en": grade.en(),
                        "total": points_text(r.total), "maximum": points_text(r.maximum), "link": link,
                    }),
                    subject_type: Some(RESULT_SUBJECT.into()),
                    subject_id: Some(r.id.to_string()),
                    link: Some(link.clone()),
                    legal: true,
                };
                notify::deliver(tx, &base, &person, &n, now).await?;
            }
        }
        let rec = AuditRecord::success("assessment.publish", SCHEME_SUBJECT, s.id)
            .in_county(Some(county))
            .with_summary(serde_json::json!({ "year": s.year, "units": units.len() }));
        Ok((scheme_in(tx, county, id).await?, rec))
    })
    .await?;
    Ok(web::Json(super::schemes::SchemeView::from(&s)))
}

/// Hundredths of a point as text: 8550 → "85.5", 9000 → "90".
pub fn points_text(hundredths: i32) -> String {
    let whole = hundredths / 100;
    let frac = (hundredths % 100).abs();
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RankingRow {
    pub rank: u32,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub groups: Vec<GroupSubtotal>,
    pub total: u32,
    pub maximum: u32,
    pub percent: u32,
    /// The confirmed grade, else the proposed one, else the live one.
    pub grade: Grade,
    /// No proposal yet: the figures are the live ones.
    pub provisional: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrendPoint {
    pub year: i32,
    pub units: u32,
    /// The average percentage of the year's results, in hundredths.
    pub average_percent: u32,
    pub excellent: u32,
    pub good: u32,
    pub pass: u32,
    pub fail: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ranking {
    pub scheme_id: Uuid,
    pub year: i32,
    pub audience: AssessmentAudience,
    pub rows: Vec<RankingRow>,
    /// The average per group of indicators across the units, in hundredths of a percent of the
    /// group's points scored.
    pub group_averages: Vec<GroupAverage>,
    /// The audience's results year by year (proposals and confirmations kept in the results).
    pub trend: Vec<TrendPoint>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupAverage {
    pub group: IndicatorGroup,
    pub average_percent: u32,
}

async fn ranking_of(state: &AppState, s: &scheme::Model, cards: &[Scorecard]) -> Result<Ranking, ApiError> {
    let mut rows: Vec<RankingRow> = Vec::new();
    for c in cards {
        let (total, maximum, percent, grade, provisional, groups) = match &c.result {
            Some(r) => {
                (r.total, r.maximum, r.percent, r.confirmed_grade.unwrap_or(r.proposed_grade), false, c.groups.clone())
            }
            None => (c.total, c.maximum, c.percent, c.live_grade, true, c.groups.clone()),
        };
        rows.push(RankingRow {
            rank: 0,
            unit_id: c.unit_id,
            unit_name: c.unit_name.clone(),
            groups,
            total,
            maximum,
            percent,
            grade,
            provisional,
        });
    }
    rows.sort_by(|a, b| b.percent.cmp(&a.percent).then_with(|| a.unit_name.cmp(&b.unit_name)));
    let mut previous: Option<(u32, u32)> = None;
    for (i, r) in rows.iter_mut().enumerate() {
        // Equal percentages share a rank.
        r.rank = match previous {
            Some((p, rank)) if p == r.percent => rank,
            _ => u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        previous = Some((r.percent, r.rank));
    }
    let group_averages = IndicatorGroup::ALL
        .iter()
        .map(|g| {
            let (mut scored, mut maximum) = (0u64, 0u64);
            for r in &rows {
                if let Some(x) = r.groups.iter().find(|x| x.group == *g) {
                    scored += u64::from(x.scored);
                    maximum += u64::from(x.maximum);
                }
            }
            let average = if maximum == 0 { 0 } else { super::scheme::div_half_up(scored * 10_000, maximum) };
            GroupAverage { group: *g, average_percent: u32::try_from(average).unwrap_or(0) }
        })
        .collect();
    let schemes = scheme::Entity::find()
        .filter(scheme::Column::CountyId.eq(s.county_id))
        .filter(scheme::Column::Audience.eq(s.audience))
        .filter(scheme::Column::Year.lte(s.year))
        .order_by_asc(scheme::Column::Year)
        .all(&state.db)
        .await?;
    let mut trend = Vec::new();
    for past in &schemes {
        let results = result::Entity::find_within(&Reach::County(s.county_id))
            .filter(result::Column::SchemeId.eq(past.id))
            .all(&state.db)
            .await?;
        if results.is_empty() {
            continue;
        }
        let mut point =
            TrendPoint { year: past.year, units: 0, average_percent: 0, excellent: 0, good: 0, pass: 0, fail: 0 };
        let mut sum = 0u64;
        for r in &results {
            point.units += 1;
            sum += u64::try_from(r.percent).unwrap_or(0);
            let grade = r.confirmed_grade.as_deref().or(Some(r.proposed_grade.as_str())).and_then(Grade::parse);
            match grade.unwrap_or(Grade::Fail) {
                Grade::Excellent => point.excellent += 1,
                Grade::Good => point.good += 1,
                Grade::Pass => point.pass += 1,
                Grade::Fail => point.fail += 1,
            }
        }
        point.average_percent = u32::try_from(super::scheme::div_half_up(sum, u64::from(point.units))).unwrap_or(0);
        trend.push(point);
    }
    Ok(Ranking { scheme_id: s.id, year: s.year, audience: s.audience, rows, group_averages, trend })
}

/// The county ranking under a scheme, the average per group of indicators, and the trend.
#[utoipa::path(
    tag = "assessment",
    params(("scheme_id" = Uuid, Path)),
    responses((status = 200, body = Ranking), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentRead::NAME)))
)]
#[get("/assessment/schemes/{scheme_id}/ranking")]
pub async fn assessment_ranking(
    auth: Authorized<AssessmentRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<Ranking>, ApiError> {
    let county = county_reach(&auth)?;
    let s = scheme_in(&state.db, county, path.into_inner()).await?;
    let cards = cards(&state, &s).await?;
    Ok(web::Json(ranking_of(&state, &s, &cards).await?))
}

/// The results as an Excel workbook for the performance office (AS 7): one sheet of totals and
/// grades, one of every indicator's score.
#[utoipa::path(
    tag = "assessment",
    params(("scheme_id" = Uuid, Path)),
    responses(
        (status = 200, description = "The workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ErrorResponses
    ),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentRead::NAME)))
)]
#[get("/assessment/schemes/{scheme_id}/export")]
pub async fn export_results(
    auth: Authorized<AssessmentRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    use crate::spreadsheet::{Cell, Sheet, workbook};
    let county = county_reach(&auth)?;
    let s = scheme_in(&state.db, county, path.into_inner()).await?;
    let cards = cards(&state, &s).await?;
    let ranking = ranking_of(&state, &s, &cards).await?;
    let points = |h: u32| Cell::Number(f64::from(h) / 100.0);
    let mut header: Vec<String> = vec!["名次".into(), "单位".into()];
    header.extend(IndicatorGroup::ALL.iter().map(|g| g.zh().to_string()));
    header.extend(["得分", "计分项满分", "得分率（%）", "等次", "状态"].map(String::from));
    let rows = ranking
        .rows
        .iter()
        .map(|r| {
            let mut row: Vec<Cell> = vec![Cell::Number(f64::from(r.rank)), r.unit_name.clone().into()];
            row.extend(
                IndicatorGroup::ALL
                    .iter()
                    .map(|g| r.groups.iter().find(|x| x.group == *g).map_or(Cell::Empty, |x| points(x.scored))),
            );
            row.extend([points(r.total), points(r.maximum), points(r.percent), r.grade.zh().into()]);
            row.push(if r.provisional { "暂无建议等次（实时数据）" } else { "已评定" }.into());
            row
        })
        .collect();
    let summary = Sheet { name: "考核结果".into(), header, rows };
    let indicators = super::card::indicators_of(&s);
    let mut header: Vec<String> = vec!["单位".into()];
    header.extend(
        indicators.iter().map(|i| format!("{}（{}分）", i.name, points_text(i32::try_from(i.points).unwrap_or(0)))),
    );
    let rows = cards
        .iter()
        .map(|c| {
            let mut row: Vec<Cell> = vec![c.unit_name.clone().into()];
            row.extend(c.indicators.iter().map(|i| i.score.map_or(Cell::Empty, points)));
            row
        })
        .collect();
    let detail = Sheet { name: "指标得分".into(), header, rows };
    let bytes = workbook(&[summary, detail]).map_err(ApiError::Internal)?;
    Ok(crate::download::attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}年度政务公开考核结果.xlsx", s.year),
        bytes,
    ))
}

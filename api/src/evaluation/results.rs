//! A campaign's results (EV 5–6): per unit and dimension, the ratings of the public (portal and
//! paper) and of the representatives, the counts of responses counted and discarded by reason, and
//! the unit's final rating by the campaign's rule. Only counted responses are rated.

use std::collections::{BTreeMap, HashMap};

use actix_web::{get, web};
use entity::enums::{DiscardReason, EvaluationDimension, EvaluationRating, RepresentativeCategory, ResponseChannel};
use entity::{evaluation_answer as answer, evaluation_question as question, evaluation_response as response};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::rating::Tally;
use super::routes::{campaign_in, rule_of, unit_names, units_of};
use crate::auth::{Authorized, Reach};
use crate::error::ApiError;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::EvaluationRead;
use crate::state::AppState;
use crate::tenancy::ScopedFind;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DimensionResult {
    pub dimension: EvaluationDimension,
    pub public: Tally,
    pub representatives: Tally,
    /// In hundredths of a point (7800 = 78.00); none without answers.
    pub score: Option<u32>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiscardCount {
    pub reason: DiscardReason,
    pub responses: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryCount {
    pub category: RepresentativeCategory,
    pub responses: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitResult {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub public_responses: u64,
    pub representative_responses: u64,
    /// The counted representatives' responses by who they are (EV 4(2)).
    pub representatives_by_category: Vec<CategoryCount>,
    /// Of the public's: how many were entered from paper.
    pub paper_responses: u64,
    pub discarded: Vec<DiscardCount>,
    pub dimensions: Vec<DimensionResult>,
    /// The public's score, the representatives' and the two weighed by the rule, in hundredths.
    pub public_score: Option<u32>,
    pub representative_score: Option<u32>,
    pub score: Option<u32>,
    /// None until someone has answered for the unit.
    pub rating: Option<EvaluationRating>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CampaignResults {
    pub campaign_id: Uuid,
    pub year: i32,
    pub rule: super::rating::RatingRule,
    pub units: Vec<UnitResult>,
}

/// The results of a campaign, computed from its responses now.
pub async fn compute(
    db: &impl ConnectionTrait,
    c: &entity::evaluation_campaign::Model,
) -> Result<CampaignResults, ApiError> {
    let rule = rule_of(c);
    let reach = Reach::County(c.county_id);
    let responses = response::Entity::find_within(&reach).filter(response::Column::CampaignId.eq(c.id)).all(db).await?;
    let counted: HashMap<Uuid, &response::Model> =
        responses.iter().filter(|r| r.discarded.is_none()).map(|r| (r.id, r)).collect();
    let dimension_of: HashMap<Uuid, EvaluationDimension> = question::Entity::find()
        .filter(question::Column::CampaignId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.dimension))
        .collect();
    let ids: Vec<Uuid> = counted.keys().copied().collect();
    let mut answers = Vec::new();
    for chunk in ids.chunks(500) {
        answers.extend(answer::Entity::find().filter(answer::Column::ResponseId.is_in(chunk.to_vec())).all(db).await?);
    }
    // unit → dimension → (public, representatives)
    let mut tallies: HashMap<Uuid, BTreeMap<EvaluationDimension, (Tally, Tally)>> = HashMap::new();
    let mut overall: HashMap<Uuid, (Tally, Tally)> = HashMap::new();
    for a in &answers {
        let (Some(r), Some(d)) = (counted.get(&a.response_id), dimension_of.get(&a.question_id)) else { continue };
        let representative = r.channel == ResponseChannel::Representative;
        let cell = tallies.entry(r.unit_id).or_default().entry(*d).or_default();
        let all = overall.entry(r.unit_id).or_default();
        if representative {
            cell.1.add(a.rating);
            all.1.add(a.rating);
        } else {
            cell.0.add(a.rating);
            all.0.add(a.rating);
        }
    }
    let units = units_of(db, c).await?;
    let names = unit_names(db, units.iter().map(|u| u.unit_id).collect()).await?;
    let mut out = Vec::new();
    for u in &units {
        let mine: Vec<&response::Model> = responses.iter().filter(|r| r.unit_id == u.unit_id).collect();
        let mut discarded: BTreeMap<&'static str, (DiscardReason, u64)> = BTreeMap::new();
        for r in &mine {
            if let Some(reason) = r.discarded {
                discarded.entry(reason_order(reason)).or_insert((reason, 0)).1 += 1;
            }
        }
        let mut by_category: BTreeMap<RepresentativeCategory, u64> = BTreeMap::new();
        for r in mine.iter().filter(|r| r.discarded.is_none()) {
            if let Some(cat) = r.representative_category {
                *by_category.entry(cat).or_default() += 1;
            }
        }
        let dims = tallies.remove(&u.unit_id).unwrap_or_default();
        let (public, reps) = overall.get(&u.unit_id).copied().unwrap_or_default();
        let public_score = rule.score(&public);
        let representative_score = rule.score(&reps);
        let score = rule.combined(public_score, representative_score);
        out.push(UnitResult {
            unit_id: u.unit_id,
            unit_name: names.get(&u.unit_id).cloned().unwrap_or_default(),
            public_responses: mine
                .iter()
                .filter(|r| r.discarded.is_none() && r.channel != ResponseChannel::Representative)
                .count() as u64,
            representative_responses: mine
                .iter()
                .filter(|r| r.discarded.is_none() && r.channel == ResponseChannel::Representative)
                .count() as u64,
            representatives_by_category: by_category
                .into_iter()
                .map(|(category, responses)| CategoryCount { category, responses })
                .collect(),
            paper_responses: mine
                .iter()
                .filter(|r| r.discarded.is_none() && r.channel == ResponseChannel::Paper)
                .count() as u64,
            discarded: discarded.into_values().map(|(reason, responses)| DiscardCount { reason, responses }).collect(),
            dimensions: dims
                .into_iter()
                .map(|(dimension, (p, r))| DimensionResult {
                    dimension,
                    public: p,
                    representatives: r,
                    score: rule.combined(rule.score(&p), rule.score(&r)),
                })
                .collect(),
            public_score,
            representative_score,
            score,
            rating: score.map(|s| rule.rating(s)),
        });
    }
    Ok(CampaignResults { campaign_id: c.id, year: c.year, rule, units: out })
}

fn reason_order(r: DiscardReason) -> &'static str {
    match r {
        DiscardReason::SameContact => "1",
        DiscardReason::SameDevice => "2",
        DiscardReason::AddressLimit => "3",
        DiscardReason::NearDuplicateText => "4",
        DiscardReason::SameSheet => "5",
        DiscardReason::InvitationUsed => "6",
    }
}

/// An opinion as the leading group reads it to decide what is to be rectified: its words and where
/// they came from, never who wrote them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OpinionView {
    pub response_id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub channel: ResponseChannel,
    pub representative_category: Option<RepresentativeCategory>,
    pub opinion: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
}

/// The counted responses' opinions, oldest first.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, body = Vec<OpinionView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}/opinions")]
pub async fn campaign_opinions(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<Vec<OpinionView>>, ApiError> {
    use sea_orm::QueryOrder;
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let rows = response::Entity::find_within(&Reach::County(c.county_id))
        .filter(response::Column::CampaignId.eq(c.id))
        .filter(response::Column::Discarded.is_null())
        .filter(response::Column::Opinion.is_not_null())
        .order_by_asc(response::Column::ReceivedAt)
        .all(&state.db)
        .await?;
    let names = unit_names(&state.db, rows.iter().map(|r| r.unit_id).collect()).await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|r| OpinionView {
                response_id: r.id,
                unit_name: names.get(&r.unit_id).cloned().unwrap_or_default(),
                unit_id: r.unit_id,
                channel: r.channel,
                representative_category: r.representative_category,
                opinion: r.opinion.unwrap_or_default(),
                received_at: r.received_at,
            })
            .collect(),
    ))
}

/// A campaign's results per unit and dimension, with the final ratings by its rule.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, body = CampaignResults), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}/results")]
pub async fn campaign_results(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignResults>, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    Ok(web::Json(compute(&state.db, &c).await?))
}

fn channel_zh(c: ResponseChannel) -> &'static str {
    match c {
        ResponseChannel::Public => "网上评议",
        ResponseChannel::Paper => "纸质问卷",
        ResponseChannel::Representative => "代表评议",
    }
}

fn discard_zh(r: DiscardReason) -> &'static str {
    match r {
        DiscardReason::SameContact => "同一联系方式重复评议",
        DiscardReason::SameDevice => "同一设备重复评议",
        DiscardReason::AddressLimit => "同一网络地址超过每日上限",
        DiscardReason::NearDuplicateText => "意见内容与已有意见几乎相同",
        DiscardReason::SameSheet => "纸质问卷重复录入",
        DiscardReason::InvitationUsed => "代表重复评议",
    }
}

/// The results and every response, anonymised (no contact, device or address, not even hashed), as
/// an Excel workbook: one sheet of results per unit, one row per response with its ratings.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((
        status = 200,
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body = Vec<u8>
    ), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}/export")]
pub async fn export_campaign(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<actix_web::HttpResponse, ApiError> {
    use super::feedback::{dimension_zh, rating_zh};
    use crate::spreadsheet::{Cell, Sheet, workbook};
    use sea_orm::QueryOrder;
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let results = compute(&state.db, &c).await?;
    let dims = [
        EvaluationDimension::Content,
        EvaluationDimension::Form,
        EvaluationDimension::Procedure,
        EvaluationDimension::Rules,
        EvaluationDimension::Effect,
        EvaluationDimension::HotIssue,
    ];
    let mut header: Vec<String> =
        ["单位", "群众评议（份）", "其中纸质问卷（份）", "代表评议（份）", "未计入（份）"].map(String::from).to_vec();
    header.extend(dims.iter().map(|d| format!("{}得分", dimension_zh(*d))));
    header.extend(["群众评议得分", "代表评议得分", "综合得分", "评议等次"].map(String::from));
    let score = |s: Option<u32>| -> Cell { s.map_or(Cell::Empty, |s| Cell::Number(f64::from(s) / 100.0)) };
    let rows = results
        .units
        .iter()
        .map(|u| {
            let mut row: Vec<Cell> = vec![
                u.unit_name.clone().into(),
                u.public_responses.into(),
                u.paper_responses.into(),
                u.representative_responses.into(),
                u.discarded.iter().map(|d| d.responses).sum::<u64>().into(),
            ];
            row.extend(
                dims.iter().map(|d| score(u.dimensions.iter().find(|x| x.dimension == *d).and_then(|x| x.score))),
            );
            row.extend([score(u.public_score), score(u.representative_score), score(u.score)]);
            row.push(u.rating.map(|r| rating_zh(r).to_string()).into());
            row
        })
        .collect();
    let summary = Sheet { name: "评议结果".into(), header, rows };

    let responses = response::Entity::find_within(&Reach::County(c.county_id))
        .filter(response::Column::CampaignId.eq(c.id))
        .order_by_asc(response::Column::ReceivedAt)
        .all(&state.db)
        .await?;
    let questions = question::Entity::find()
        .filter(question::Column::CampaignId.eq(c.id))
        .order_by_asc(question::Column::Position)
        .order_by_asc(question::Column::FromVersion)
        .all(&state.db)
        .await?;
    let ids: Vec<Uuid> = responses.iter().map(|r| r.id).collect();
    let mut ratings: HashMap<(Uuid, Uuid), EvaluationRating> = HashMap::new();
    for chunk in ids.chunks(500) {
        for a in answer::Entity::find().filter(answer::Column::ResponseId.is_in(chunk.to_vec())).all(&state.db).await? {
            ratings.insert((a.response_id, a.question_id), a.rating);
        }
    }
    let names = unit_names(&state.db, responses.iter().map(|r| r.unit_id).collect()).await?;
    let mut header: Vec<String> =
        ["序号", "单位", "方式", "代表类别", "问卷版本", "收到日期", "是否计入", "未计入原因"]
            .map(String::from)
            .to_vec();
    header.extend(questions.iter().map(|q| format!("{}（v{}）{}", dimension_zh(q.dimension), q.from_version, q.text)));
    header.push("意见和建议".into());
    let rows = responses
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row: Vec<Cell> = vec![
                (i as u64 + 1).into(),
                names.get(&r.unit_id).cloned().unwrap_or_default().into(),
                channel_zh(r.channel).into(),
                r.representative_category.map(|c| super::representatives::category_zh(c).to_string()).into(),
                (r.questionnaire_version.max(0) as u64).into(),
                crate::time::beijing_today(r.received_at).to_string().into(),
                if r.discarded.is_none() { "是" } else { "否" }.into(),
                r.discarded.map(|d| discard_zh(d).to_string()).into(),
            ];
            row.extend(questions.iter().map(|q| ratings.get(&(r.id, q.id)).map(|x| rating_zh(*x).to_string()).into()));
            row.push(r.opinion.clone().into());
            row
        })
        .collect();
    let raw = Sheet { name: "评议问卷（匿名）".into(), header, rows };
    let bytes = workbook(&[summary, raw]).map_err(ApiError::Internal)?;
    Ok(crate::download::attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}年度政务公开社会评议结果.xlsx", c.year),
        bytes,
    ))
}

/// A unit's final result as the portal publishes it once the campaign has closed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicUnitResult {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub responses: u64,
    /// In hundredths of a point.
    pub score: Option<u32>,
    pub rating: Option<EvaluationRating>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicCampaignResults {
    pub campaign_id: Uuid,
    pub year: i32,
    pub title: String,
    pub rule: super::rating::RatingRule,
    pub units: Vec<PublicUnitResult>,
}

#[derive(Debug, serde::Deserialize, validator::Validate, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicResultsQuery {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[param(minimum = 2020, maximum = 2100)]
    pub year: Option<i32>,
}

/// The results of closed campaigns, newest first: each unit's score and rating, never the opinions.
#[utoipa::path(
    tag = "portal",
    params(PublicResultsQuery),
    responses((status = 200, body = Vec<PublicCampaignResults>), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/evaluations/results")]
pub async fn public_results(
    state: web::Data<AppState>,
    query: crate::extract::ValidatedQuery<PublicResultsQuery>,
) -> Result<web::Json<Vec<PublicCampaignResults>>, ApiError> {
    use sea_orm::QueryOrder;
    let q = query.into_inner()?;
    let mut select = entity::evaluation_campaign::Entity::find()
        .filter(entity::evaluation_campaign::Column::Status.eq(entity::enums::CampaignStatus::Closed));
    if let Some(y) = q.year {
        select = select.filter(entity::evaluation_campaign::Column::Year.eq(y));
    }
    let mut out = Vec::new();
    for c in select.order_by_desc(entity::evaluation_campaign::Column::Year).all(&state.db).await? {
        let r = compute(&state.db, &c).await?;
        out.push(PublicCampaignResults {
            campaign_id: c.id,
            year: c.year,
            title: c.title.clone(),
            rule: r.rule,
            units: r
                .units
                .into_iter()
                .map(|u| PublicUnitResult {
                    responses: u.public_responses + u.representative_responses,
                    unit_id: u.unit_id,
                    unit_name: u.unit_name,
                    score: u.score,
                    rating: u.rating,
                })
                .collect(),
        });
    }
    Ok(web::Json(out))
}

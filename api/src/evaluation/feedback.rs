//! The written feedback to each unit (EV 6): a letter from the leading group with the unit's results
//! by dimension and channel, the rule they were rated by, and the opinions concerning it, ending
//! with the request to rectify (EV 7). The group reads any unit's; a unit reads its own once the
//! campaign is closed and its results final.

use actix_web::{HttpResponse, get, web};
use entity::enums::{CampaignStatus, EvaluationDimension, EvaluationRating, OversightFunction, ResponseChannel};
use entity::{evaluation_campaign as campaign, evaluation_response as response};
use gongkai_letters::{Letter, LetterKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::rating::{RatingRule, Tally};
use super::results::{UnitResult, compute};
use super::routes::campaign_in;
use crate::auth::{Authorized, Reach};
use crate::error::{ApiError, ErrorCode};
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{EvaluationRead, EvaluationRectify};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope};

pub fn dimension_zh(d: EvaluationDimension) -> &'static str {
    match d {
        EvaluationDimension::Content => "公开内容",
        EvaluationDimension::Form => "公开形式",
        EvaluationDimension::Procedure => "公开程序和时限",
        EvaluationDimension::Rules => "公开制度",
        EvaluationDimension::Effect => "公开效果",
        EvaluationDimension::HotIssue => "热点问题",
    }
}

pub fn rating_zh(r: EvaluationRating) -> &'static str {
    match r {
        EvaluationRating::Satisfied => "满意",
        EvaluationRating::BasicallySatisfied => "基本满意",
        EvaluationRating::Dissatisfied => "不满意",
    }
}

/// Hundredths of a point as written: 7800 → "78.00".
pub fn points(hundredths: u32) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn tally(t: &Tally) -> String {
    format!("满意{}项次、基本满意{}项次、不满意{}项次", t.satisfied, t.basically_satisfied, t.dissatisfied)
}

/// The letter's own paragraphs for one unit's results and the opinions concerning it.
pub fn feedback_paragraphs(u: &UnitResult, rule: &RatingRule, opinions: &[String]) -> Vec<String> {
    let counted = u.public_responses + u.representative_responses;
    let discarded: u64 = u.discarded.iter().map(|d| d.responses).sum();
    let mut out = vec![format!(
        "一、评议情况。本次评议共收到对你单位的有效评议{counted}份，其中群众评议{}份（含纸质问卷{}份）、代表评议{}份；另有{discarded}份因重复评议等原因未计入结果。",
        u.public_responses, u.paper_responses, u.representative_responses
    )];
    out.push(match (u.score, u.rating) {
        (Some(score), Some(rating)) => format!(
            "二、评议结果。你单位综合得分{}分，评议等次为“{}”。评分规则：满意计{}分、基本满意计{}分、不满意计{}分，\
             群众评议占{}%、代表评议占{}%，{}分以上为满意、{}分以上为基本满意、其余为不满意。",
            points(score),
            rating_zh(rating),
            rule.satisfied_points,
            rule.basically_satisfied_points,
            rule.dissatisfied_points,
            rule.public_weight,
            rule.representative_weight,
            points(rule.satisfied_from),
            points(rule.basically_satisfied_from)
        ),
        _ => "二、评议结果。本次评议未收到对你单位的有效评议，不评定等次。".to_string(),
    });
    for d in &u.dimensions {
        let mut line = format!("{}：群众评议{}", dimension_zh(d.dimension), tally(&d.public));
        if d.representatives.total() > 0 {
            line.push_str(&format!("，代表评议{}", tally(&d.representatives)));
        }
        if let Some(s) = d.score {
            line.push_str(&format!("，得分{}分", points(s)));
        }
        line.push('。');
        out.push(line);
    }
    if opinions.is_empty() {
        out.push("三、意见和建议。本次评议中未收到针对你单位的意见和建议。".into());
    } else {
        out.push(format!("三、意见和建议。评议人对你单位提出意见和建议{}条：", opinions.len()));
        for (i, o) in opinions.iter().enumerate() {
            out.push(format!("{}. {}", i + 1, o.trim()));
        }
    }
    out
}

async fn letter_for(state: &AppState, c: &campaign::Model, unit_id: Uuid) -> Result<Letter, ApiError> {
    let results = compute(&state.db, c).await?;
    let u = results.units.iter().find(|u| u.unit_id == unit_id).ok_or(ApiError::NotFound)?;
    let opinions: Vec<String> = response::Entity::find_within(&Reach::County(c.county_id))
        .filter(response::Column::CampaignId.eq(c.id))
        .filter(response::Column::UnitId.eq(unit_id))
        .filter(response::Column::Discarded.is_null())
        .filter(response::Column::Opinion.is_not_null())
        .order_by_asc(response::Column::ReceivedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|r| {
            matches!(r.channel, ResponseChannel::Public | ResponseChannel::Paper | ResponseChannel::Representative)
        })
        .filter_map(|r| r.opinion)
        .collect();
    let county =
        entity::county::Entity::find_by_id(c.county_id).one(&state.db).await?.map(|x| x.name).unwrap_or_default();
    let group = crate::units::people::function_unit(&state.db, c.county_id, OversightFunction::LeadingGroup)
        .await?
        .map(|g| g.name)
        .unwrap_or_else(|| format!("{county}政务公开领导小组"));
    Ok(Letter {
        kind: LetterKind::EvaluationFeedback,
        issuer: group,
        recipient: u.unit_name.clone(),
        tracking_code: String::new(),
        document_number: String::new(),
        issued_on: crate::time::beijing_today(state.time.now()),
        received_on: None,
        request_summary: c.title.clone(),
        due_on: None,
        body: feedback_paragraphs(u, &results.rule, &opinions),
        legal_basis: vec![format!("《{county}政务公开社会评议制度》第五条、第六条、第七条")],
        contact: String::new(),
        amount_yuan: None,
        agreed_by: None,
        remedy: gongkai_letters::Remedy::default(),
    })
}

async fn pdf(state: &AppState, c: &campaign::Model, unit_id: Uuid) -> Result<HttpResponse, ApiError> {
    let letter = letter_for(state, c, unit_id).await?;
    let name = format!("{}年度社会评议结果反馈函-{}.pdf", c.year, letter.recipient);
    let bytes = crate::download::render_letter(&state.letters, letter).await?;
    Ok(crate::download::attachment("application/pdf", &name, bytes))
}

/// A unit's feedback letter, for the leading group (and the bodies that read the results).
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path), ("unit_id" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}/feedback-letters/{unit_id}")]
pub async fn group_letter(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (campaign_id, unit_id) = path.into_inner();
    let c = campaign_in(&state.db, &auth.reach, campaign_id).await?;
    pdf(&state, &c, unit_id).await
}

/// Which year's campaign.
#[derive(Debug, serde::Deserialize, validator::Validate, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedbackQuery {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[param(minimum = 2020, maximum = 2100)]
    pub year: i32,
}

/// The unit's own feedback letter for a year's campaign, once it has closed.
#[utoipa::path(
    tag = "evaluation",
    params(("unit_id" = Uuid, Path), FeedbackQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRectify::NAME)))
)]
#[get("/units/{unit_id}/evaluation-feedback")]
pub async fn unit_letter(
    scope: UnitScope<EvaluationRectify>,
    state: web::Data<AppState>,
    query: crate::extract::ValidatedQuery<FeedbackQuery>,
) -> Result<HttpResponse, ApiError> {
    let year = query.into_inner()?.year;
    let c = campaign::Entity::find()
        .filter(campaign::Column::CountyId.eq(scope.unit.county_id))
        .filter(campaign::Column::Year.eq(year))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if c.status != CampaignStatus::Closed {
        return Err(ApiError::Rule(ErrorCode::CampaignWrongStage, None));
    }
    pdf(&state, &c, scope.unit.id).await
}

/// The circulated notice's paragraphs: the units by final rating, then those without responses.
pub fn circulation_paragraphs(units: &[UnitResult]) -> Vec<String> {
    let mut out = Vec::new();
    let labels = ["一", "二", "三", "四"];
    let mut n = 0;
    for rating in [EvaluationRating::Satisfied, EvaluationRating::BasicallySatisfied, EvaluationRating::Dissatisfied] {
        let names: Vec<&str> =
            units.iter().filter(|u| u.rating == Some(rating)).map(|u| u.unit_name.as_str()).collect();
        if names.is_empty() {
            continue;
        }
        out.push(format!(
            "{}、评议等次为“{}”的单位（{}个）：{}。",
            labels[n],
            rating_zh(rating),
            names.len(),
            names.join("、")
        ));
        n += 1;
    }
    let none: Vec<&str> = units.iter().filter(|u| u.rating.is_none()).map(|u| u.unit_name.as_str()).collect();
    if !none.is_empty() {
        out.push(format!("{}、未收到有效评议、不评定等次的单位（{}个）：{}。", labels[n], none.len(), none.join("、")));
    }
    out
}

/// The circulated results notice (通报, EV 6), once the campaign has closed.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationRead::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}/circular")]
pub async fn circular(
    auth: Authorized<EvaluationRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    if c.status != CampaignStatus::Closed {
        return Err(ApiError::Rule(ErrorCode::CampaignWrongStage, None));
    }
    let results = compute(&state.db, &c).await?;
    let county =
        entity::county::Entity::find_by_id(c.county_id).one(&state.db).await?.map(|x| x.name).unwrap_or_default();
    let group = crate::units::people::function_unit(&state.db, c.county_id, OversightFunction::LeadingGroup)
        .await?
        .map(|g| g.name)
        .unwrap_or_else(|| format!("{county}政务公开领导小组"));
    let letter = Letter {
        kind: LetterKind::EvaluationCirculation,
        issuer: group,
        recipient: "各有关单位".into(),
        tracking_code: String::new(),
        document_number: String::new(),
        issued_on: crate::time::beijing_today(state.time.now()),
        received_on: None,
        request_summary: c.title.clone(),
        due_on: None,
        body: circulation_paragraphs(&results.units),
        legal_basis: vec![format!("《{county}政务公开社会评议制度》第六条")],
        contact: String::new(),
        amount_yuan: None,
        agreed_by: None,
        remedy: gongkai_letters::Remedy::default(),
    };
    let name = format!("{}年度政务公开社会评议结果通报.pdf", c.year);
    let bytes = crate::download::render_letter(&state.letters, letter).await?;
    Ok(crate::download::attachment("application/pdf", &name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::results::{CategoryCount, DimensionResult, DiscardCount};
    use entity::enums::{DiscardReason, RepresentativeCategory};

    #[test]
    fn the_letter_states_the_results_the_rule_and_the_opinions() {
        let u = UnitResult {
            unit_id: Uuid::nil(),
            unit_name: "永吉县口前镇人民政府".into(),
            public_responses: 2,
            representative_responses: 1,
            representatives_by_category: vec![CategoryCount { category: RepresentativeCategory::Deputy, responses: 1 }],
            paper_responses: 1,
            discarded: vec![DiscardCount { reason: DiscardReason::SameSheet, responses: 1 }],
            dimensions: vec![DimensionResult {
                dimension: EvaluationDimension::Content,
                public: Tally { satisfied: 1, basically_satisfied: 1, dissatisfied: 0 },
                representatives: Tally { satisfied: 0, basically_satisfied: 1, dissatisfied: 0 },
                score: Some(7000),
            }],
            public_score: Some(5600),
            representative_score: Some(6000),
            score: Some(5800),
            rating: Some(EvaluationRating::Dissatisfied),
        };
        let p = feedback_paragraphs(&u, &RatingRule::default(), &["希望及时公开村级财务收支明细。".into()]);
        let mut other = u.clone();
        other.unit_name = "永吉县西阳镇人民政府".into();
        other.rating = Some(EvaluationRating::Satisfied);
        let mut silent = u.clone();
        silent.unit_name = "永吉县万昌镇人民政府".into();
        silent.rating = None;
        assert_eq!(
            circulation_paragraphs(&[u.clone(), other, silent]),
            [
                "一、评议等次为“满意”的单位（1个）：永吉县西阳镇人民政府。",
                "二、评议等次为“不满意”的单位（1个）：永吉县口前镇人民政府。",
                "三、未收到有效评议、不评定等次的单位（1个）：永吉县万昌镇人民政府。",
            ]
        );
        assert_eq!(
            p,
            [
                "一、评议情况。本次评议共收到对你单位的有效评议3份，其中群众评议2份（含纸质问卷1份）、代表评议1份；另有1份因重复评议等原因未计入结果。",
                "二、评议结果。你单位综合得分58.00分，评议等次为“不满意”。评分规则：满意计100分、基本满意计60分、不满意计0分，群众评议占50%、代表评议占50%，85.00分以上为满意、60.00分以上为基本满意、其余为不满意。",
                "公开内容：群众评议满意1项次、基本满意1项次、不满意0项次，代表评议满意0项次、基本满意1项次、不满意0项次，得分70.00分。",
                "三、意见和建议。评议人对你单位提出意见和建议1条：",
                "1. 希望及时公开村级财务收支明细。",
            ]
        );
    }
}

//! The portal's questionnaire (EV 4(1)): anyone answers without an account, once per unit and
//! campaign. Ballot stuffing is resisted without turning people away: a response from a contact,
//! a device or an address that already answered — or an opinion nearly the same as one counted —
//! is kept with its reason and counted as discarded, never silently dropped, and the respondent is
//! told it was not counted. Contacts, devices and addresses are kept only as keyed hashes, so no
//! one's personal data reaches the unit evaluated.

use std::collections::HashSet;
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::NaiveDate;
use entity::enums::{CampaignStatus, DiscardReason, EvaluationRating, ResponseChannel};
use entity::evaluation_campaign as campaign;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::responses;
use super::routes::{EvaluatedUnit, QuestionView, questions_of, units_of};
use crate::audit::{AuditActor, AuditRecord};
use crate::error::ApiError;
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::state::AppState;
use crate::time::beijing_today;

const DEVICE_HEADER: &str = "X-Device-Token";

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(open_campaigns)
        .service(super::representatives::invited_questionnaire)
        .service(super::representatives::invited_respond)
        .service(super::rectification::public_rectifications)
        .service(super::results::public_results)
        .service(respond);
}

/// A campaign as the portal shows it to respondents.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicCampaign {
    pub id: Uuid,
    pub year: i32,
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub questionnaire_version: i32,
    pub units: Vec<EvaluatedUnit>,
    pub questions: Vec<QuestionView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    pub question_id: Uuid,
    pub rating: EvaluationRating,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseRequest {
    /// The unit evaluated.
    pub unit_id: Uuid,
    /// A mobile number or an email address: one response per person and unit.
    #[validate(length(min = 5, max = 254, code = "length"))]
    #[schema(min_length = 5, max_length = 254)]
    pub contact: String,
    /// A rating for every question of the questionnaire.
    #[validate(length(min = 1, max = 100, code = "length"), nested)]
    pub answers: Vec<AnswerRequest>,
    /// Opinions and suggestions about the unit's disclosure work.
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub opinion: Option<String>,
}

/// What the respondent is told.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResponseReceipt {
    pub counted: bool,
    /// Why it was not counted.
    pub discarded: Option<DiscardReason>,
    pub message: String,
}

/// A mobile number (11 digits starting with 1) or an email address, as one key for the person.
fn contact_identity(raw: &str) -> Result<String, ApiError> {
    let t = raw.trim();
    let digits: String = t.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    if digits.len() == 11 && digits.starts_with('1') && digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(format!("phone:{digits}"));
    }
    if validator::ValidateEmail::validate_email(&t) {
        return Ok(format!("email:{}", t.to_lowercase()));
    }
    Err(ApiError::field("contact", "invalid_format"))
}

/// An opinion as compared for near-duplicates: letters, digits and Chinese characters only.
fn normalised(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether two opinions are nearly the same text: the same once spaces and punctuation are gone,
/// or nine in ten of their pairs of characters shared (short opinions such as "很好" never count).
pub fn near_duplicate(a: &str, b: &str) -> bool {
    let (a, b) = (normalised(a), normalised(b));
    if a.chars().count() < 10 || b.chars().count() < 10 {
        return false;
    }
    if a == b {
        return true;
    }
    let pairs = |s: &str| -> HashSet<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, pb) = (pairs(&a), pairs(&b));
    let shared = pa.intersection(&pb).count();
    let union = pa.union(&pb).count();
    union > 0 && shared * 10 >= union * 9
}

/// The campaigns taking responses today, with their units and questionnaire.
#[utoipa::path(
    tag = "portal",
    responses((status = 200, body = Vec<PublicCampaign>), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/evaluations")]
pub async fn open_campaigns(state: web::Data<AppState>) -> Result<web::Json<Vec<PublicCampaign>>, ApiError> {
    let today = beijing_today(state.time.now());
    let rows = campaign::Entity::find()
        .filter(campaign::Column::Status.eq(CampaignStatus::Open))
        .filter(campaign::Column::OpensOn.lte(today))
        .filter(campaign::Column::ClosesOn.gte(today))
        .all(&state.db)
        .await?;
    let mut out = Vec::new();
    for c in rows {
        let questions = questions_of(&state.db, &c, c.questionnaire_version).await?;
        out.push(PublicCampaign {
            id: c.id,
            year: c.year,
            title: c.title.clone(),
            opens_on: c.opens_on,
            closes_on: c.closes_on,
            questionnaire_version: c.questionnaire_version,
            units: units_of(&state.db, &c).await?,
            questions: questions.iter().map(QuestionView::from).collect(),
        });
    }
    Ok(web::Json(out))
}

/// Answers the questionnaire for one unit. A response that is not counted is still kept, with its
/// reason, and the answer says so.
#[utoipa::path(
    tag = "portal",
    params(("campaign_id" = Uuid, Path)),
    request_body = ResponseRequest,
    responses((status = 201, body = ResponseReceipt), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/evaluations/{campaign_id}/responses")]
pub async fn respond(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<ResponseRequest>,
) -> Result<HttpResponse, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "evaluation").await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    let today = beijing_today(now);
    let c = campaign::Entity::find_by_id(path.into_inner()).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    responses::ensure_open(&c, now)?;
    let unit = responses::evaluated(&state.db, &c, body.unit_id).await?;
    responses::check_answers(&state.db, &c, &body.answers).await?;
    let identity = contact_identity(&body.contact)?;
    let key = |purpose: &str, value: &str| {
        hex::encode(crate::tracking::keyed(&state.audit_key.derive(purpose), &[&c.id.to_string(), value]))
    };
    let contact_key = key("evaluation-contact", &identity);
    let device_key = req
        .headers()
        .get(DEVICE_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| (16..=128).contains(&t.len()))
        .map(|t| key("evaluation-device", t));
    let ip = crate::context::client_ip(&req, state.settings.trust_forwarded_for);
    let address_key = key("evaluation-address", &format!("{ip}/{today}"));
    // Counted across replicas before the response is written, so parallel requests cannot slip past it.
    let from_address = state
        .counters
        .hit(&format!("evaluation:{}:{}:{address_key}", c.id, unit.unit_id()), Duration::from_secs(86_400))
        .await?;
    let over_address_limit = from_address.value > u64::try_from(c.address_daily_limit).unwrap_or(0);
    let opinion = body.opinion.as_deref().map(crate::text::tidy).filter(|o| !o.is_empty());
    // The trail says a respondent answered, not who: the address stays out of it.
    let actor = AuditActor {
        user_id: None,
        name: "respondent (portal)".into(),
        request_id: crate::context::RequestMeta::from_request(&req, &state.settings).request_id,
        client_ip: "withheld".into(),
    };
    let receipt = crate::work::run(&state, &actor, now, async |tx| {
        responses::serialise_per_unit(tx, c.id, unit.unit_id()).await?;
        let counted = responses::counted(tx, &c, unit).await?;
        let discarded = if counted.iter().any(|r| r.contact_key.as_deref() == Some(&contact_key)) {
            Some(DiscardReason::SameContact)
        } else if device_key.is_some() && counted.iter().any(|r| r.device_key == device_key) {
            Some(DiscardReason::SameDevice)
        } else if over_address_limit {
            Some(DiscardReason::AddressLimit)
        } else if opinion
            .as_deref()
            .is_some_and(|o| counted.iter().filter_map(|r| r.opinion.as_deref()).any(|other| near_duplicate(o, other)))
        {
            Some(DiscardReason::NearDuplicateText)
        } else {
            None
        };
        let from = responses::Provenance {
            contact_key: Some(contact_key.clone()),
            device_key: device_key.clone(),
            address_key: Some(address_key.clone()),
            ..Default::default()
        };
        let id = responses::record(
            tx,
            &c,
            unit,
            ResponseChannel::Public,
            from,
            opinion.clone(),
            &body.answers,
            discarded,
            now,
        )
        .await?;
        let rec = AuditRecord::success("evaluation.respond", "evaluation_response", id)
            .in_county(Some(c.county_id))
            .with_summary(serde_json::json!({ "campaign_id": c.id, "discarded": discarded }));
        Ok((discarded, rec))
    })
    .await?;
    let message = match receipt {
        None => "感谢您的评议，您的意见已计入评议结果。",
        Some(DiscardReason::SameContact | DiscardReason::SameDevice) => {
            "您已对该单位进行过评议，本次评议已记录但不重复计入结果。"
        }
        Some(DiscardReason::AddressLimit) => "同一网络地址今日对该单位的评议已达上限，本次评议已记录但不计入结果。",
        Some(DiscardReason::NearDuplicateText) => "您的意见与已有意见几乎相同，本次评议已记录但不重复计入结果。",
        Some(DiscardReason::SameSheet | DiscardReason::InvitationUsed) => {
            "本次评议已记录，但与已计入的评议重复，不再计入结果。"
        }
    };
    Ok(HttpResponse::Created().json(ResponseReceipt {
        counted: receipt.is_none(),
        discarded: receipt,
        message: message.into(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_a_mobile_number_or_an_email() {
        assert_eq!(contact_identity("+86 138-0000-1234").unwrap(), "phone:13800001234");
        assert_eq!(contact_identity(" Li@Example.CN ").unwrap(), "email:li@example.cn");
        assert!(contact_identity("0432-6420").is_err());
    }

    #[test]
    fn near_duplicates_are_the_same_words_give_or_take_punctuation() {
        let a = "希望口前镇及时公开低保资金发放明细，方便群众监督。";
        assert!(near_duplicate(a, "希望口前镇及时公开低保资金发放明细 方便群众监督"));
        assert!(!near_duplicate(a, "建议县教育局公开义务教育招生工作方案和划片范围。"));
        assert!(!near_duplicate("很好", "很好"));
    }
}

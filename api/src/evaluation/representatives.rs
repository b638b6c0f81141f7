//! Representative evaluation (EV 4(2)): the leading group invites deputies, CPPCC members, the
//! media, social supervisors and public representatives by email, each for the units they are asked
//! about. The link's token is random and kept only as a keyed hash; it is sent in a header, never in
//! a path, so it stays out of access logs. Each invitation answers once per unit; the category is
//! recorded on every response and reported in the results.

use std::collections::HashSet;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use entity::enums::{DiscardReason, RepresentativeCategory, ResponseChannel};
use entity::{evaluation_campaign as campaign, evaluation_invitation as invitation, evaluation_response as response};
use rand::Rng;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::public::{AnswerRequest, ResponseReceipt};
use super::responses::{self, Provenance};
use super::routes::{EvaluatedUnit, QuestionView, campaign_in, questions_of, unit_names, units_of};
use crate::audit::{AuditActor, AuditKey, AuditRecord};
use crate::auth::{Authorized, Reach};
use crate::error::ApiError;
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::EvaluationManage;
use crate::state::AppState;
use crate::tenancy::ScopedFind;
use crate::text::tidy;

const TOKEN_HEADER: &str = "X-Invitation-Token";

pub fn category_zh(c: RepresentativeCategory) -> &'static str {
    match c {
        RepresentativeCategory::Deputy => "人大代表",
        RepresentativeCategory::CppccMember => "政协委员",
        RepresentativeCategory::Media => "新闻媒体代表",
        RepresentativeCategory::SocialSupervisor => "社会监督员",
        RepresentativeCategory::PublicRepresentative => "群众代表",
    }
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationRequest {
    #[validate(length(min = 1, max = 100, code = "length"))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    pub category: RepresentativeCategory,
    #[validate(email(code = "email"), length(max = 254, code = "length"))]
    #[schema(max_length = 254)]
    pub email: String,
    /// The units they are asked about (units the campaign evaluates).
    #[validate(length(min = 1, max = 100, code = "length"))]
    pub unit_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: Uuid,
    pub name: String,
    pub category: RepresentativeCategory,
    pub email: String,
    pub units: Vec<EvaluatedUnit>,
    /// The units already answered for.
    pub answered: Vec<Uuid>,
}

/// What the invited person sees.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitedQuestionnaire {
    pub campaign_id: Uuid,
    pub title: String,
    pub name: String,
    pub category: RepresentativeCategory,
    pub units: Vec<EvaluatedUnit>,
    pub answered: Vec<Uuid>,
    pub questions: Vec<QuestionView>,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitedResponseRequest {
    pub unit_id: Uuid,
    #[validate(length(min = 1, max = 100, code = "length"), nested)]
    pub answers: Vec<AnswerRequest>,
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub opinion: Option<String>,
}

fn token_key(key: &AuditKey, token: &str) -> String {
    hex::encode(crate::tracking::keyed(&key.derive("evaluation-invitation"), &[token.trim()]))
}

fn asked(i: &invitation::Model) -> Vec<Uuid> {
    serde_json::from_str(&i.unit_ids).unwrap_or_default()
}

async fn answered(db: &impl sea_orm::ConnectionTrait, i: &invitation::Model) -> Result<Vec<Uuid>, ApiError> {
    Ok(response::Entity::find_within(&Reach::County(i.county_id))
        .filter(response::Column::InvitationId.eq(i.id))
        .filter(response::Column::Discarded.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.unit_id)
        .collect())
}

/// The leading group invites a representative; the link goes out by email through the outbox.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    request_body = InvitationRequest,
    responses((status = 201, body = InvitationView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/campaigns/{campaign_id}/invitations")]
pub async fn invite(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<InvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let body = body.into_inner()?;
    if c.status == entity::enums::CampaignStatus::Closed {
        return Err(ApiError::Rule(crate::error::ErrorCode::CampaignWrongStage, None));
    }
    let evaluated: HashSet<Uuid> = units_of(&state.db, &c).await?.into_iter().map(|u| u.unit_id).collect();
    let unit_ids: Vec<Uuid> = {
        let mut seen = HashSet::new();
        body.unit_ids.iter().copied().filter(|u| seen.insert(*u)).collect()
    };
    if unit_ids.iter().any(|u| !evaluated.contains(u)) {
        return Err(ApiError::field("unit_ids", "invalid_reference"));
    }
    let token: String = {
        const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
        let mut rng = rand::rng();
        (0..32).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
    };
    let now = state.time.now();
    let names = unit_names(&state.db, unit_ids.clone()).await?;
    let county_name =
        entity::county::Entity::find_by_id(c.county_id).one(&state.db).await?.map(|x| x.name).unwrap_or_default();
    let row = invitation::Model {
        id: Uuid::now_v7(),
        campaign_id: c.id,
        county_id: c.county_id,
        name: tidy(&body.name),
        category: body.category,
        email: body.email.trim().to_string(),
        token_key: token_key(&state.audit_key, &token),
        unit_ids: serde_json::to_string(&unit_ids).map_err(anyhow::Error::from)?,
        invited_by: auth.actor.user_id,
        created_at: now,
    };
    let base = state.settings.public_base_url.trim_end_matches('/').to_string();
    crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        invitation::Entity::insert(invitation::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
        let notice = crate::notify::Notice {
            kind: "evaluation_invitation",
            context: serde_json::json!({
                "recipient_name": row.name, "county_name": county_name, "campaign_title": c.title, "year": c.year,
                "category_name": category_zh(row.category),
                "unit_names": unit_ids.iter().filter_map(|u| names.get(u).cloned()).collect::<Vec<_>>().join("、"),
                "opens_on": c.opens_on, "closes_on": c.closes_on,
                "link": format!("{base}/evaluate/invited#{token}"),
            }),
            subject_type: Some("evaluation_invitation".into()),
            subject_id: Some(row.id.to_string()),
            link: None,
            legal: false,
        };
        let to =
            crate::notify::Addressee { county_id: Some(c.county_id), address: &row.email, name: &row.name, lang: "zh" };
        crate::notify::email_address(tx, &state.settings.public_base_url, &to, &notice, now).await?;
        let rec = AuditRecord::success("evaluation.invite", "evaluation_invitation", row.id)
            .in_county(Some(c.county_id))
            .with_summary(
                serde_json::json!({ "campaign_id": c.id, "category": row.category, "units": unit_ids.len() }),
            );
        Ok(((), rec))
    })
    .await?;
    let units =
        unit_ids.iter().map(|u| EvaluatedUnit { unit_id: *u, unit_name: names.get(u).cloned().unwrap_or_default() });
    Ok(HttpResponse::Created().json(InvitationView {
        id: row.id,
        name: row.name.clone(),
        category: row.category,
        email: row.email.clone(),
        units: units.collect(),
        answered: Vec::new(),
    }))
}

/// The invitations of a campaign, with what each has answered.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    responses((status = 200, body = Vec<InvitationView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[get("/evaluation/campaigns/{campaign_id}/invitations")]
pub async fn list_invitations(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<Vec<InvitationView>>, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let rows = invitation::Entity::find().filter(invitation::Column::CampaignId.eq(c.id)).all(&state.db).await?;
    let names = unit_names(&state.db, rows.iter().flat_map(asked).collect()).await?;
    let mut out = Vec::new();
    for i in rows {
        let units = asked(&i)
            .into_iter()
            .map(|u| EvaluatedUnit { unit_id: u, unit_name: names.get(&u).cloned().unwrap_or_default() })
            .collect();
        out.push(InvitationView {
            answered: answered(&state.db, &i).await?,
            id: i.id,
            name: i.name,
            category: i.category,
            email: i.email,
            units,
        });
    }
    Ok(web::Json(out))
}

async fn invitation_of(state: &AppState, req: &HttpRequest) -> Result<(invitation::Model, campaign::Model), ApiError> {
    crate::limiter::check_public_rate(state, req, "invitation").await?;
    let token = req.headers().get(TOKEN_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("").trim();
    if token.len() < 16 {
        return Err(ApiError::NotFound);
    }
    let i = invitation::Entity::find()
        .filter(invitation::Column::TokenKey.eq(token_key(&state.audit_key, token)))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let c = campaign::Entity::find_by_id(i.campaign_id).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    Ok((i, c))
}

/// The questionnaire an invitation opens (token in `X-Invitation-Token`).
#[utoipa::path(
    tag = "portal",
    params(("X-Invitation-Token" = String, Header)),
    responses((status = 200, body = InvitedQuestionnaire), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/evaluations/invitation")]
pub async fn invited_questionnaire(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<web::Json<InvitedQuestionnaire>, ApiError> {
    let (i, c) = invitation_of(&state, &req).await?;
    let names = unit_names(&state.db, asked(&i)).await?;
    let questions = questions_of(&state.db, &c, c.questionnaire_version).await?;
    Ok(web::Json(InvitedQuestionnaire {
        campaign_id: c.id,
        title: c.title.clone(),
        name: i.name.clone(),
        category: i.category,
        units: asked(&i)
            .into_iter()
            .map(|u| EvaluatedUnit { unit_id: u, unit_name: names.get(&u).cloned().unwrap_or_default() })
            .collect(),
        answered: answered(&state.db, &i).await?,
        questions: questions.iter().map(QuestionView::from).collect(),
    }))
}

/// A representative answers for one of the units asked about; a second answer for the same unit is
/// kept and counted as discarded.
#[utoipa::path(
    tag = "portal",
    params(("X-Invitation-Token" = String, Header)),
    request_body = InvitedResponseRequest,
    responses((status = 201, body = ResponseReceipt), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/evaluations/invitation/responses")]
pub async fn invited_respond(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<InvitedResponseRequest>,
) -> Result<HttpResponse, ApiError> {
    let (i, c) = invitation_of(&state, &req).await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    responses::ensure_open(&c, now)?;
    if !asked(&i).contains(&body.unit_id) {
        return Err(ApiError::field("unit_id", "invalid_reference"));
    }
    let unit = responses::evaluated(&state.db, &c, body.unit_id).await?;
    responses::check_answers(&state.db, &c, &body.answers).await?;
    let opinion = body.opinion.as_deref().map(tidy).filter(|o| !o.is_empty());
    let actor = AuditActor {
        user_id: None,
        name: format!("representative ({})", category_zh(i.category)),
        request_id: crate::context::RequestMeta::from_request(&req, &state.settings).request_id,
        client_ip: "withheld".into(),
    };
    let discarded = crate::work::run(&state, &actor, now, async |tx| {
        responses::serialise_per_unit(tx, c.id, unit.unit_id()).await?;
        let counted = responses::counted(tx, &c, unit).await?;
        let discarded = counted.iter().any(|r| r.invitation_id == Some(i.id)).then_some(DiscardReason::InvitationUsed);
        let from =
            Provenance { invitation_id: Some(i.id), representative_category: Some(i.category), ..Default::default() };
        let id = responses::record(
            tx,
            &c,
            unit,
            ResponseChannel::Representative,
            from,
            opinion.clone(),
            &body.answers,
            discarded,
            now,
        )
        .await?;
        let rec = AuditRecord::success("evaluation.respond", "evaluation_response", id)
            .in_county(Some(c.county_id))
            .with_summary(serde_json::json!({ "campaign_id": c.id, "category": i.category, "discarded": discarded }));
        Ok((discarded, rec))
    })
    .await?;
    let message = if discarded.is_some() {
        "您已对该单位进行过评议，本次评议已记录但不重复计入结果。"
    } else {
        "感谢您的评议，您的意见已计入评议结果。"
    };
    Ok(HttpResponse::Created().json(ResponseReceipt {
        counted: discarded.is_none(),
        discarded,
        message: message.into(),
    }))
}

//! Art. 44 on the API: the handler names what an application asks for, the unit reads the prompts
//! and suggestions and decides them, and an applicant suggests from the tracking page.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use entity::enums::{SuggestionSource, SuggestionStatus};
use entity::{application, publication_suggestion};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::read::load;
use super::service::{self, Step};
use super::views::ApplicationDetail;
use super::{SUBJECT, public};
use crate::audit::AuditRecord;
use crate::db::write_tx;
use crate::error::ApiError;
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{ApplicationApprove, ApplicationHandle, ApplicationRead};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope};

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(set_topic).service(list_suggestions).service(decide_suggestion).service(suggest_publication);
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicRequest {
    /// The information asked for, in the unit's own words (e.g. 2026年农村公路建设项目招标结果):
    /// applications given the same topic are counted together.
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub topic: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestionDecisionRequest {
    /// Publish it proactively, or not.
    pub accept: bool,
    /// The reason, which an applicant who suggested it reads.
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub note: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationSuggestionRequest {
    /// Why the information should be published for everyone.
    #[validate(length(min = 5, max = 2000, code = "length"))]
    #[schema(min_length = 5, max_length = 2000)]
    pub reason: String,
}

/// A prompt (several applicants asked for the same information) or an applicant's suggestion.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SuggestionView {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub topic: String,
    /// `applications` (the unit was prompted) or `applicant` (suggested on the portal).
    pub source: SuggestionSource,
    pub application_id: Option<Uuid>,
    /// Different applicants who had asked for it when it was raised.
    pub applicants: i32,
    pub reason: Option<String>,
    /// `open`, `accepted` or `declined`.
    pub status: SuggestionStatus,
    pub decision_note: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The unit's applications that ask for it.
    pub application_ids: Vec<Uuid>,
}

impl SuggestionView {
    fn new(s: publication_suggestion::Model, application_ids: Vec<Uuid>) -> Self {
        Self {
            id: s.id,
            unit_id: s.unit_id,
            topic: s.topic,
            source: s.source,
            application_id: s.application_id,
            applicants: s.applicants,
            reason: s.reason,
            status: s.status,
            decision_note: s.decision_note,
            decided_by: s.decided_by,
            decided_at: s.decided_at,
            created_at: s.created_at,
            application_ids,
        }
    }
}

/// Names what an application asks for; when enough different applicants have asked the unit for
/// the same information, its leaders are prompted to consider proactive disclosure (Art. 44).
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("application_id" = Uuid, Path)),
    request_body = TopicRequest,
    responses((status = 200, body = ApplicationDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationHandle::NAME)))
)]
#[put("/units/{unit_id}/applications/{application_id}/topic")]
pub async fn set_topic(
    scope: UnitScope<ApplicationHandle>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<TopicRequest>,
) -> Result<web::Json<ApplicationDetail>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = load(&tx, scope.unit_ref(), path.1).await?;
    let step = Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now };
    let threshold = state.settings.applications.art44_same_topic;
    let (after, prompt) = service::set_topic(&tx, step, before, &body.topic, threshold).await?;
    let record = AuditRecord::success("application.topic", SUBJECT, after.id)
        .in_unit(after.county_id, after.unit_id)
        .with_summary(serde_json::json!({ "topic": after.topic, "prompt": prompt.map(|p| p.id) }));
    crate::work::commit(tx, &state, &scope.actor.audit_actor(), record, now).await?;
    let detail = super::read::detail(&state.db, after, super::read::disclosure(scope.via), now).await?;
    Ok(web::Json(detail))
}

/// The unit's applications each suggestion stands for: the applicant's own one, or those named with
/// its topic — read in one query for the whole list.
async fn applications_asking(
    db: &impl sea_orm::ConnectionTrait,
    scope: crate::tenancy::UnitRef,
    suggestions: &[publication_suggestion::Model],
) -> Result<Vec<Vec<Uuid>>, ApiError> {
    use sea_orm::QuerySelect;
    let topics: Vec<String> =
        suggestions.iter().filter(|s| s.application_id.is_none()).map(|s| s.topic.clone()).collect();
    let named: Vec<(Uuid, Option<String>)> = if topics.is_empty() {
        Vec::new()
    } else {
        application::Entity::find_in(scope)
            .select_only()
            .column(application::Column::Id)
            .column(application::Column::Topic)
            .filter(application::Column::Topic.is_in(topics))
            .order_by_asc(application::Column::SubmittedAt)
            .into_tuple()
            .all(db)
            .await?
    };
    Ok(suggestions
        .iter()
        .map(|s| match s.application_id {
            Some(id) => vec![id],
            None => named.iter().filter(|(_, t)| t.as_deref() == Some(s.topic.as_str())).map(|(id, _)| *id).collect(),
        })
        .collect())
}

/// The unit's Art. 44 prompts and suggestions, open ones first.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path)),
    responses((status = 200, body = Vec<SuggestionView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/units/{unit_id}/publication-suggestions")]
pub async fn list_suggestions(
    scope: UnitScope<ApplicationRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<SuggestionView>>, ApiError> {
    let rows = publication_suggestion::Entity::find_in(scope.unit_ref())
        .order_by_desc(publication_suggestion::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let asking = applications_asking(&state.db, scope.unit_ref(), &rows).await?;
    let mut out: Vec<SuggestionView> =
        rows.into_iter().zip(asking).map(|(s, ids)| SuggestionView::new(s, ids)).collect();
    out.sort_by_key(|s| s.status != SuggestionStatus::Open);
    Ok(web::Json(out))
}

/// The unit's leader decides whether the information becomes proactive disclosure, with the reason.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), ("suggestion_id" = Uuid, Path)),
    request_body = SuggestionDecisionRequest,
    responses((status = 200, body = SuggestionView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationApprove::NAME)))
)]
#[post("/units/{unit_id}/publication-suggestions/{suggestion_id}/decision")]
pub async fn decide_suggestion(
    scope: UnitScope<ApplicationApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<SuggestionDecisionRequest>,
) -> Result<web::Json<SuggestionView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let suggestion = publication_suggestion::Entity::find_in(scope.unit_ref())
        .filter(publication_suggestion::Column::Id.eq(path.1))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let step = Step { unit: scope.unit_ref(), base_url: &state.settings.public_base_url, now };
    let decided =
        service::decide_suggestion(&tx, step, suggestion, body.accept, &body.note, scope.actor.user_id).await?;
    let ids = applications_asking(&tx, scope.unit_ref(), std::slice::from_ref(&decided)).await?.remove(0);
    let record = AuditRecord::success("publication_suggestion.decide", "publication_suggestion", decided.id)
        .in_unit(decided.county_id, decided.unit_id)
        .with_summary(serde_json::json!({ "topic": decided.topic, "accepted": body.accept }));
    crate::work::commit(tx, &state, &scope.actor.audit_actor(), record, now).await?;
    Ok(web::Json(SuggestionView::new(decided, ids)))
}

/// An applicant suggests that what they asked for be published proactively (Art. 44).
#[utoipa::path(
    tag = "portal",
    params(("tracking_code" = String, Path), ("X-Tracking-Secret" = String, Header)),
    request_body = PublicationSuggestionRequest,
    responses((status = 201, body = super::views::PublicStatus), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/applications/{tracking_code}/publication-suggestion")]
pub async fn suggest_publication(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: ValidatedJson<PublicationSuggestionRequest>,
) -> Result<HttpResponse, ApiError> {
    let app = public::authorized(&state, &req, &path.into_inner()).await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let suggestion =
        service::suggest_publication(&tx, &state.settings.public_base_url, app.clone(), &body.reason, now).await?;
    let record = AuditRecord::success("application.publication_suggested", SUBJECT, app.id)
        .in_unit(app.county_id, app.unit_id)
        .with_summary(serde_json::json!({ "tracking_code": app.tracking_code, "suggestion_id": suggestion.id }));
    crate::work::commit(tx, &state, &public::public_actor(&req, &state), record, now).await?;
    Ok(HttpResponse::Created().json(public::public_status(&state, app).await?))
}

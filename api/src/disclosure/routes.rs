//! The unit's console for its information items, and the openness office's catalogue headings.
//! Each write runs in one transaction with one audit event.

use actix_web::{delete, get, post, put, web};
use entity::enums::{ItemStatus, SuggestionStatus};
use entity::{catalogue_heading, information_item as item, item_consultation, publication_suggestion};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::requests::*;
use super::service::{self, Step};
use super::views::*;
use super::{SUBJECT, read};
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::Permission;
use crate::policy::permissions::{
    CatalogueManage, DirectoryRead, ItemApprove, ItemDraft as ItemDraftPermission, ItemPublish, ItemRead, ItemReview,
};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope, Via};
use sea_orm::DatabaseTransaction;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_items)
        .service(create_item)
        .service(get_item)
        .service(change_item)
        .service(submit_item)
        .service(mask_hit)
        .service(review_item)
        .service(consult_on_item)
        .service(answer_item_consultation)
        .service(approve_item)
        .service(publish_item)
        .service(withdraw_item)
        .service(repeal_item)
        .service(attach_to_item)
        .service(detach_from_item)
        .service(download_item_attachment)
        .service(reevaluate_item)
        .service(list_headings)
        .service(unit_freshness)
        .service(create_heading)
        .service(update_heading);
}

fn step<'a>(state: &'a AppState, unit: UnitRef) -> Step<'a> {
    Step { unit, base_url: &state.settings.public_base_url, now: state.time.now() }
}

/// The item's page as the caller may see it, after a read or a write.
async fn page(state: &AppState, unit: UnitRef, via: Via, it: item::Model) -> Result<web::Json<ItemDetail>, ApiError> {
    let words = crate::secrecy::words::matcher(&state.db, unit.county_id()).await?;
    let files = service::attachments(&state.db, unit, it.id).await?;
    let hits = service::scan_item(&it, &files, words.as_deref());
    Ok(web::Json(read::detail(&state.db, unit, via, it, &files, &hits).await?))
}

fn record(action: &str, it: &item::Model) -> AuditRecord {
    AuditRecord::success(action, SUBJECT, it.id)
        .in_unit(it.county_id, it.unit_id)
        .with_summary(serde_json::json!({ "revision": it.revision, "status": it.status }))
}

/// One write on one of the unit's items: loads it in the transaction, runs the step, keeps the audit
/// record the step returns, and answers with the item's page.
async fn write_item<'a, P: Permission>(
    state: &'a AppState,
    scope: &UnitScope<P>,
    item_id: Uuid,
    run: impl AsyncFnOnce(&DatabaseTransaction, Step<'a>, item::Model) -> Result<(item::Model, AuditRecord), ApiError>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let unit = scope.unit_ref();
    let s = step(state, unit);
    let it = crate::work::run(state, &scope.actor.audit_actor(), s.now, async |tx| {
        let it = service::load(tx, unit, item_id).await?;
        run(tx, s, it).await
    })
    .await?;
    page(state, unit, scope.via, it).await
}

/// The unit's information items, newest change first.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ItemQuery),
    responses((status = 200, body = Page<ItemSummary>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/units/{unit_id}/items")]
pub async fn list_items(
    scope: UnitScope<ItemRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ItemQuery>,
) -> Result<web::Json<Page<ItemSummary>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = item::Entity::find_in(scope.unit_ref());
    if let Some(s) = &q.status {
        // An unknown status matches no item.
        select = select.filter(
            item::Column::Status.is_in(<ItemStatus as sea_orm::ActiveEnum>::try_from_value(&s.to_string()).ok()),
        );
    }
    if let Some(words) = q.q.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        select = select.filter(item::Column::Title.contains(words));
    }
    let (rows, total) = paging.rows(select.order_by_desc(item::Column::UpdatedAt), &state.db).await?;
    let dues = read::publish_by(&state.db, &Reach::Units(vec![scope.unit.id]), &rows).await?;
    let items = rows.iter().map(|it| ItemSummary::new(it, dues.get(&it.id).copied())).collect();
    Ok(web::Json(paging.page_of(items, total)))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewItemRequest {
    #[validate(nested)]
    pub draft: ItemDraft,
    /// The accepted Art. 44 suggestion the item answers.
    pub suggestion_id: Option<Uuid>,
}

/// Drafts an item with its disclosure attribute (SR 6(1)); a proactive item's Art. 26 period
/// starts from the day it was formed.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path)),
    request_body = NewItemRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemDraftPermission::NAME)))
)]
#[post("/units/{unit_id}/items")]
pub async fn create_item(
    scope: UnitScope<ItemDraftPermission>,
    state: web::Data<AppState>,
    body: ValidatedJson<NewItemRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    let unit = scope.unit_ref();
    let s = step(&state, unit);
    let it = crate::work::run(&state, &scope.actor.audit_actor(), s.now, async |tx| {
        if let Some(id) = body.suggestion_id {
            let suggestion = publication_suggestion::Entity::get_in(unit, id).one(tx).await?;
            if suggestion.is_none_or(|sg| sg.status != SuggestionStatus::Accepted) {
                return Err(ApiError::field("suggestion_id", "invalid_reference"));
            }
        }
        let it = service::create(tx, s, &body.draft, body.suggestion_id, scope.actor.user_id).await?;
        let rec = record("item.draft", &it);
        Ok((it, rec))
    })
    .await?;
    page(&state, unit, scope.via, it).await
}

/// An item's page.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/units/{unit_id}/items/{item_id}")]
pub async fn get_item(
    scope: UnitScope<ItemRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let it = service::load(&state.db, scope.unit_ref(), path.1).await?;
    page(&state, scope.unit_ref(), scope.via, it).await
}

/// Changes the working copy; after a review, approval or publication the change needs a new review.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = ItemChange,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemDraftPermission::NAME)))
)]
#[put("/units/{unit_id}/items/{item_id}")]
pub async fn change_item(
    scope: UnitScope<ItemDraftPermission>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ItemChange>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let it = service::update(tx, s, it, body.revision, &body.draft, scope.actor.user_id).await?;
        let rec = record("item.change", &it);
        Ok((it, rec))
    })
    .await
}

/// Submits the current revision to the unit's secrecy reviewer.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = RevisionRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemDraftPermission::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/submit")]
pub async fn submit_item(
    scope: UnitScope<ItemDraftPermission>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<RevisionRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let it = service::submit(tx, s, it, body.revision, scope.actor.user_id).await?;
        let rec = record("item.submit", &it);
        Ok((it, rec))
    })
    .await
}

/// Masks one finding of the scan in its official form; the mask is on the audit trail.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = MaskRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemDraftPermission::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/mask")]
pub async fn mask_hit(
    scope: UnitScope<ItemDraftPermission>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<MaskRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    let words = crate::secrecy::words::matcher(&state.db, scope.unit.county_id).await?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let (it, masked) = service::mask(tx, s, it, &body, words.as_deref(), scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.mask", SUBJECT, it.id)
            .in_unit(it.county_id, it.unit_id)
            .with_summary(serde_json::json!({ "revision": it.revision, "masked": masked }));
        Ok((it, rec))
    })
    .await
}

/// The designated reviewer's review of the current revision (SR 3–7).
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = ReviewRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemReview::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/review")]
pub async fn review_item(
    scope: UnitScope<ItemReview>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ReviewRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    let words = crate::secrecy::words::matcher(&state.db, scope.unit.county_id).await?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let files = service::attachments(tx, s.unit, it.id).await?;
        let hits = service::scan_item(&it, &files, words.as_deref());
        let (it, review) = service::review(tx, s, it, &body, &hits, scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.review", SUBJECT, it.id)
            .in_unit(it.county_id, it.unit_id)
            .with_summary(serde_json::json!({ "revision": review.revision, "outcome": review.outcome }));
        Ok((it, rec))
    })
    .await
}

/// Refers the item to the secrecy bureau or a department, or consults a right holder.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = ItemConsultRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemReview::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/consultations")]
pub async fn consult_on_item(
    scope: UnitScope<ItemReview>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ItemConsultRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let (it, c) = service::consult(tx, s, it, &body, scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.consult", SUBJECT, it.id)
            .in_unit(it.county_id, it.unit_id)
            .with_summary(serde_json::json!({ "consultation_id": c.id, "party": c.party }));
        Ok((it, rec))
    })
    .await
}

/// Records a department's or right holder's answer, or that its period ran out unanswered.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path), ("item_consultation_id" = Uuid, Path)),
    request_body = ItemConsultAnswerRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemReview::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/consultations/{item_consultation_id}/answer")]
pub async fn answer_item_consultation(
    scope: UnitScope<ItemReview>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: ValidatedJson<ItemConsultAnswerRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    let unit = scope.unit_ref();
    let s = step(&state, unit);
    let (_, item_id, consultation_id) = path.into_inner();
    let it = crate::work::run(&state, &scope.actor.audit_actor(), s.now, async |tx| {
        let c = item_consultation::Entity::get_in(unit, consultation_id)
            .filter(item_consultation::Column::ItemId.eq(item_id))
            .one(tx)
            .await?
            .ok_or(ApiError::NotFound)?;
        let (it, c) = service::record_answer(tx, s, c, &body, scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.consultation_answer", SUBJECT, it.id)
            .in_unit(it.county_id, it.unit_id)
            .with_summary(serde_json::json!({ "consultation_id": c.id, "status": c.status }));
        Ok((it, rec))
    })
    .await?;
    page(&state, unit, scope.via, it).await
}

/// The leader approves the reviewed revision, or returns it.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = ItemApprovalRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemApprove::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/approval")]
pub async fn approve_item(
    scope: UnitScope<ItemApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ItemApprovalRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let it = service::approve(tx, s, it, &body, scope.actor.user_id).await?;
        let action = if body.approved { "item.approve" } else { "item.approval_return" };
        let rec = record(action, &it);
        Ok((it, rec))
    })
    .await
}

/// Publishes the approved revision under the unit's next index number (or as a correction).
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = PublishRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemPublish::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/publish")]
pub async fn publish_item(
    scope: UnitScope<ItemPublish>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<PublishRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let it = service::publish(tx, s, it, &body, scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.publish", SUBJECT, it.id)
            .in_unit(it.county_id, it.unit_id)
            .with_summary(serde_json::json!({ "revision": it.revision, "index_number": it.index_number }));
        Ok((it, rec))
    })
    .await
}

/// Takes a published item out of the catalogue, with the reason the public sees.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = WithdrawRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemApprove::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/withdraw")]
pub async fn withdraw_item(
    scope: UnitScope<ItemApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<WithdrawRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let it = service::withdraw(tx, s, it, &body.reason, scope.actor.user_id).await?;
        let rec = record("item.withdraw", &it);
        Ok((it, rec))
    })
    .await
}

/// Records the repeal of a published rule or normative document; the catalogue shows it.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = RepealRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemApprove::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/repeal")]
pub async fn repeal_item(
    scope: UnitScope<ItemApprove>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<RepealRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let it = service::repeal(tx, s, it, &body, scope.actor.user_id).await?;
        let rec = record("item.repeal", &it);
        Ok((it, rec))
    })
    .await
}

/// The designated reviewer re-evaluates a withheld item or its classification (Art. 18, SR 8(2)).
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path)),
    request_body = ReevaluationRequest,
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemReview::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/reevaluations")]
pub async fn reevaluate_item(
    scope: UnitScope<ItemReview>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ReevaluationRequest>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let body = body.into_inner()?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let (it, r) = service::reevaluate(tx, s, it, &body, scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.reevaluate", SUBJECT, it.id)
            .in_unit(it.county_id, it.unit_id)
            .with_summary(serde_json::json!({ "outcome": r.outcome, "status": it.status }));
        Ok((it, rec))
    })
    .await
}

/// Attaches a file to the item (PDF, Word .docx, Excel .xlsx, JPEG or PNG; the body is the file
/// itself). Its text is read for the scan; the item needs a new review.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path), AttachQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemDraftPermission::NAME)))
)]
#[post("/units/{unit_id}/items/{item_id}/attachments")]
pub async fn attach_to_item(
    scope: UnitScope<ItemDraftPermission>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    query: ValidatedQuery<AttachQuery>,
    payload: web::Payload,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let q = query.into_inner()?;
    let bytes = crate::download::read_limited(payload, service::MAX_ATTACHMENT_BYTES).await?;
    if bytes.is_empty() {
        return Err(ApiError::field("content", "required"));
    }
    let document = service::read_document(bytes).await?;
    write_item(&state, &scope, path.1, async |tx, s, it| {
        let (it, file) = service::attach(tx, s, it, q.revision, &q.file_name, document, scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.attach", SUBJECT, it.id).in_unit(it.county_id, it.unit_id).with_summary(
            serde_json::json!({ "revision": it.revision, "attachment_id": file.id, "sha256": file.sha256 }),
        );
        Ok((it, rec))
    })
    .await
}

/// Takes a file off the item from the next revision on (published versions keep theirs).
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path), ("item_attachment_id" = Uuid, Path), RevisionQuery),
    responses((status = 200, body = ItemDetail), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemDraftPermission::NAME)))
)]
#[delete("/units/{unit_id}/items/{item_id}/attachments/{item_attachment_id}")]
pub async fn detach_from_item(
    scope: UnitScope<ItemDraftPermission>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    query: ValidatedQuery<RevisionQuery>,
) -> Result<web::Json<ItemDetail>, ApiError> {
    let q = query.into_inner()?;
    let (_, item_id, attachment_id) = path.into_inner();
    write_item(&state, &scope, item_id, async |tx, s, it| {
        let it = service::detach(tx, s, it, q.revision, attachment_id, scope.actor.user_id).await?;
        let rec = AuditRecord::success("item.detach", SUBJECT, it.id)
            .in_unit(it.county_id, it.unit_id)
            .with_summary(serde_json::json!({ "revision": it.revision, "attachment_id": attachment_id }));
        Ok((it, rec))
    })
    .await
}

/// A file of the item; before publication it may hold personal data, so only the unit's own staff
/// download it.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), ("item_id" = Uuid, Path), ("item_attachment_id" = Uuid, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/units/{unit_id}/items/{item_id}/attachments/{item_attachment_id}")]
pub async fn download_item_attachment(
    scope: UnitScope<ItemRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let (_, item_id, attachment_id) = path.into_inner();
    if scope.via != Via::OwnRole {
        return Err(ApiError::Forbidden);
    }
    let file = entity::item_attachment::Entity::get_in(scope.unit_ref(), attachment_id)
        .filter(entity::item_attachment::Column::ItemId.eq(item_id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(crate::download::attachment(&file.content_type, &file.file_name, file.content))
}

/// A heading with an update period, as one unit keeps it (AC 6(1)).
#[derive(Debug, Clone, serde::Serialize, ToSchema)]
pub struct FreshnessView {
    pub heading_id: Uuid,
    pub heading_name: String,
    pub update_every_days: Option<i32>,
    pub last_published_on: chrono::NaiveDate,
    /// The last day to publish under it again, while the period runs.
    pub publish_again_by: Option<chrono::NaiveDate>,
}

/// The unit's headings with an update period: when it last published under each, and by when again.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path)),
    responses((status = 200, body = Vec<FreshnessView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/units/{unit_id}/catalogue-freshness")]
pub async fn unit_freshness(
    scope: UnitScope<ItemRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<FreshnessView>>, ApiError> {
    use entity::catalogue_freshness as freshness;
    let unit = scope.unit_ref();
    let rows = freshness::Entity::find_in(unit).all(&state.db).await?;
    let headings: std::collections::HashMap<Uuid, catalogue_heading::Model> = catalogue_heading::Entity::find()
        .filter(catalogue_heading::Column::CountyId.eq(unit.county_id()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let subject = crate::clocks::Subject::new(super::HEADING_FRESHNESS, r.id, unit);
        let due = crate::clocks::find_open(&state.db, &subject, &super::FRESHNESS).await?.map(|c| c.due_date);
        let h = headings.get(&r.heading_id);
        out.push(FreshnessView {
            heading_id: r.heading_id,
            heading_name: h.map(|h| h.name.clone()).unwrap_or_default(),
            update_every_days: h.and_then(|h| h.update_every_days),
            last_published_on: r.last_published_on,
            publish_again_by: due,
        });
    }
    out.sort_by(|a, b| a.heading_name.cmp(&b.heading_name));
    Ok(web::Json(out))
}

fn county_of(actor: &crate::auth::Actor) -> Result<Uuid, ApiError> {
    actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None))
}

/// The county's catalogue headings, in their order.
#[utoipa::path(
    tag = "disclosure",
    responses((status = 200, body = Vec<HeadingView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(DirectoryRead::NAME)))
)]
#[get("/catalogue-headings")]
pub async fn list_headings(
    auth: Authorized<DirectoryRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<HeadingView>>, ApiError> {
    let county = county_of(&auth.actor)?;
    let rows = catalogue_heading::Entity::find()
        .filter(catalogue_heading::Column::CountyId.eq(county))
        .order_by_asc(catalogue_heading::Column::Position)
        .order_by_asc(catalogue_heading::Column::Name)
        .all(&state.db)
        .await?;
    Ok(web::Json(rows.into_iter().map(HeadingView::from).collect()))
}

fn heading_row(
    county: Uuid,
    id: Uuid,
    body: &HeadingRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> catalogue_heading::Model {
    catalogue_heading::Model {
        id,
        county_id: county,
        name: body.name.trim().to_string(),
        name_en: body.name_en.trim().to_string(),
        category: body.category,
        publish_within_days: body.publish_within_days,
        position: body.position,
        active: body.active,
        update_every_days: body.update_every_days,
        created_at: now,
        updated_at: now,
    }
}

/// The openness office adds a heading to the county's catalogue.
#[utoipa::path(
    tag = "disclosure",
    request_body = HeadingRequest,
    responses((status = 200, body = HeadingView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CatalogueManage::NAME)))
)]
#[post("/catalogue-headings")]
pub async fn create_heading(
    auth: Authorized<CatalogueManage>,
    state: web::Data<AppState>,
    body: ValidatedJson<HeadingRequest>,
) -> Result<web::Json<HeadingView>, ApiError> {
    let body = body.into_inner()?;
    let county = county_of(&auth.actor)?;
    let now = state.time.now();
    let row = heading_row(county, Uuid::now_v7(), &body, now);
    let view = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        catalogue_heading::Entity::insert(catalogue_heading::ActiveModel::from(row.clone()))
            .exec_without_returning(tx)
            .await?;
        let rec = AuditRecord::success("catalogue.heading_create", "catalogue_heading", row.id).in_county(Some(county));
        Ok((HeadingView::from(row), rec))
    })
    .await?;
    Ok(web::Json(view))
}

/// The openness office changes a heading (its name, limit, order, or takes it out of use).
#[utoipa::path(
    tag = "disclosure",
    params(("heading_id" = Uuid, Path)),
    request_body = HeadingRequest,
    responses((status = 200, body = HeadingView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CatalogueManage::NAME)))
)]
#[put("/catalogue-headings/{heading_id}")]
pub async fn update_heading(
    auth: Authorized<CatalogueManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<HeadingRequest>,
) -> Result<web::Json<HeadingView>, ApiError> {
    let body = body.into_inner()?;
    let county = county_of(&auth.actor)?;
    let now = state.time.now();
    let id = path.into_inner();
    let view = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let before = catalogue_heading::Entity::find_by_id(id)
            .filter(catalogue_heading::Column::CountyId.eq(county))
            .one(tx)
            .await?
            .ok_or(ApiError::NotFound)?;
        let mut row = heading_row(county, id, &body, now);
        row.created_at = before.created_at;
        use sea_orm::ActiveModelTrait;
        catalogue_heading::ActiveModel::from(row.clone()).reset_all().update(tx).await?;
        let rec = AuditRecord::success("catalogue.heading_update", "catalogue_heading", id)
            .in_county(Some(county))
            .change(HeadingView::from(before), HeadingView::from(row.clone()));
        Ok((HeadingView::from(row), rec))
    })
    .await?;
    Ok(web::Json(view))
}

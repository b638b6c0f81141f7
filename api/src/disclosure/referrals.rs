//! The secrecy bureau's side of item referrals (SR 10), beside the applications' referrals in the
//! same inbox: the bureau reads the item it is asked about (personal data masked) and answers
//! within 5 working days; its answer binds the item.

use actix_web::{get, post, web};
use chrono::NaiveDate;
use entity::enums::{ConsultationStatus, DisclosureAttribute, ItemConsultedParty, ItemOpinion};
use entity::{information_item as item, item_consultation as consultation, unit, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::requests::BureauAnswerRequest;
use super::service::{self, Step};
use super::views::mask_personal;
use super::{SUBJECT, read};
use crate::applications::oversight::ReferralQuery;
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::error::ApiError;
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::ReferralAnswer;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef};

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_item_referrals).service(answer_item_referral);
}

/// A referral of an item, as the bureau sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemReferralView {
    pub id: Uuid,
    pub item_id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub question: String,
    pub started_on: NaiveDate,
    pub answer_by: Option<NaiveDate>,
    pub status: ConsultationStatus,
    pub opinion: Option<ItemOpinion>,
    pub answer: Option<String>,
    pub answered_on: Option<NaiveDate>,
    pub title: String,
    pub summary: String,
    /// The item's text as referred, personal data masked.
    pub body: String,
    pub attribute: DisclosureAttribute,
    pub doc_number: Option<String>,
}

/// The bureaus the caller answers for.
async fn views(state: &AppState, rows: Vec<consultation::Model>) -> Result<Vec<ItemReferralView>, ApiError> {
    let mut out = Vec::with_capacity(rows.len());
    let dues = read::answer_by(&state.db, &Reach::Platform, &rows).await?;
    for c in rows {
        // The bureau reaches the asking unit's item only through the referral it was sent.
        let asking = UnitRef::owning_row(c.unit_id, c.county_id);
        let Some(it) = item::Entity::get_in(asking, c.item_id).one(&state.db).await? else { continue };
        let unit_name = unit::Entity::find_by_id(c.unit_id).one(&state.db).await?.map(|u| u.name).unwrap_or_default();
        out.push(ItemReferralView {
            id: c.id,
            item_id: c.item_id,
            unit_id: c.unit_id,
            unit_name,
            question: c.question,
            started_on: c.started_on,
            answer_by: dues.get(&c.id).copied(),
            status: c.status,
            opinion: c.opinion,
            answer: c.answer,
            answered_on: c.answered_on,
            title: mask_personal(&it.title),
            summary: mask_personal(&it.summary),
            body: mask_personal(&it.body),
            attribute: it.attribute,
            doc_number: it.doc_number,
        });
    }
    Ok(out)
}

/// The items referred to the bureau.
#[utoipa::path(
    tag = "secrecy",
    params(ReferralQuery),
    responses((status = 200, body = Page<ItemReferralView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ReferralAnswer::NAME)))
)]
#[get("/referrals/items")]
pub async fn list_item_referrals(
    auth: Authorized<ReferralAnswer>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ReferralQuery>,
) -> Result<web::Json<Page<ItemReferralView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let targets = crate::units::people::secrecy_bureaus(&state.db, &auth.reach, auth.actor.county_id).await?;
    let mut select = consultation::Entity::find_within(&auth.reach)
        .filter(consultation::Column::Party.eq(ItemConsultedParty::SecrecyBureau))
        .filter(consultation::Column::TargetUnitId.is_in(targets));
    if let Some(s) = q.status.as_deref() {
        select = select.filter(
            consultation::Column::Status
                .is_in(<ConsultationStatus as sea_orm::ActiveEnum>::try_from_value(&s.to_string()).ok()),
        );
    }
    let (rows, total) = paging.rows(select.order_by_desc(consultation::Column::CreatedAt), &state.db).await?;
    Ok(web::Json(paging.page_of(views(&state, rows).await?, total)))
}

/// The bureau answers an item referral; `must_not` makes the item not disclosed (binding).
#[utoipa::path(
    tag = "secrecy",
    params(("item_referral_id" = Uuid, Path)),
    request_body = BureauAnswerRequest,
    responses((status = 200, body = ItemReferralView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ReferralAnswer::NAME)))
)]
#[post("/referrals/items/{item_referral_id}/answer")]
pub async fn answer_item_referral(
    auth: Authorized<ReferralAnswer>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<BureauAnswerRequest>,
) -> Result<web::Json<ItemReferralView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let targets = crate::units::people::secrecy_bureaus(&state.db, &auth.reach, auth.actor.county_id).await?;
    let person = user::Entity::find_by_id(auth.actor.user_id).one(&state.db).await?.ok_or(ApiError::Unauthenticated)?;
    let id = path.into_inner();
    let answered = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let c = consultation::Entity::find_within(&auth.reach)
            .filter(consultation::Column::Id.eq(id))
            .filter(consultation::Column::Party.eq(ItemConsultedParty::SecrecyBureau))
            .filter(consultation::Column::TargetUnitId.is_in(targets))
            .one(tx)
            .await?
            .ok_or(ApiError::NotFound)?;
        let bureau = c.target_unit_id.unwrap_or(c.unit_id);
        let step =
            Step { unit: UnitRef::owning_row(c.unit_id, c.county_id), base_url: &state.settings.public_base_url, now };
        let (_, c) = service::bureau_answer(tx, step, c, &body, &person).await?;
        let rec = AuditRecord::success("referral.item_answer", SUBJECT, c.item_id)
            .in_unit(c.county_id, bureau)
            .with_summary(serde_json::json!({ "consultation_id": c.id, "opinion": c.opinion }));
        Ok((c, rec))
    })
    .await?;
    let mut v = views(&state, vec![answered]).await?;
    v.pop().map(web::Json).ok_or(ApiError::NotFound)
}

//! Leaks (SR 8(4), SR 11): the unit, or the secrecy bureau on its inspections, records what went out
//! that should not have, where and when it was found, the remedy and who was told. Each incident
//! raises an AC 6(4) lead, which the openness office turns into a case in one call; when it leaked
//! through a published item the lead names that item, so AC 9 reads the item's approval trail.

use actix_web::{get, post, web};
use chrono::NaiveDate;
use entity::enums::LeadStatus;
use entity::{information_item as item, leak_incident as leak, violation_lead as lead};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::audit::AuditRecord;
use crate::error::ApiError;
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{ItemRead, LeakRecord};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};
use crate::text::tidy;
use crate::time::beijing_today;

/// The AC 6 item a leak breaches: 泄露国家秘密、商业秘密、个人隐私 through disclosure.
pub const LEAK_VIOLATION_ITEM: &str = "6.4";
const LEAK_SUBJECT: &str = "leak_incident";

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_leaks).service(record_leak);
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeakRequest {
    /// The unit's published item it leaked through, if it did.
    pub item_id: Option<Uuid>,
    /// What leaked (described, never copied in full).
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub what: String,
    /// Where it was found (the page, the platform, the channel).
    #[validate(length(min = 2, max = 300, code = "length"))]
    #[schema(min_length = 2, max_length = 300)]
    pub where_found: String,
    pub found_on: NaiveDate,
    /// What was done to stop it (taken down, recalled…).
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub remedy: String,
    /// Who was told (the secrecy bureau, the leader, the people concerned…).
    #[validate(length(min = 2, max = 1000, code = "length"))]
    #[schema(min_length = 2, max_length = 1000)]
    pub told: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LeakView {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub item_id: Option<Uuid>,
    pub item_title: Option<String>,
    pub what: String,
    pub where_found: String,
    pub found_on: NaiveDate,
    pub remedy: String,
    pub told: String,
    /// The AC 6(4) lead the incident raised.
    pub lead_id: Option<Uuid>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn view(l: leak::Model, item_title: Option<String>) -> LeakView {
    LeakView {
        id: l.id,
        unit_id: l.unit_id,
        item_id: l.item_id,
        item_title,
        what: l.what,
        where_found: l.where_found,
        found_on: l.found_on,
        remedy: l.remedy,
        told: l.told,
        lead_id: l.lead_id,
        created_at: l.created_at,
    }
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct LeakQuery {}
}

/// A phrase without its closing full stop, to sit inside a sentence.
fn bare(text: &str) -> &str {
    text.trim_end_matches(['。', '.', '；', ';'])
}

/// Raises the incident's AC 6(4) lead, or joins the open one on the same item: one breach per
/// published item, however often it is found.
async fn raise_lead(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    incident: &leak::Model,
    leaked: Option<&item::Model>,
) -> Result<Uuid, ApiError> {
    let (subject_type, subject_id) = match leaked {
        Some(it) => ("information_item", it.id.to_string()),
        None => (LEAK_SUBJECT, incident.id.to_string()),
    };
    let through = leaked
        .map(|it| {
            format!("泄露途径：主动公开的《{}》（索引号 {}）。", it.title, it.index_number.as_deref().unwrap_or("无"))
        })
        .unwrap_or_default();
    let facts = format!(
        "{}，在{}发现泄露：{}。{}补救措施：{}。已告知：{}。",
        incident.found_on,
        bare(&incident.where_found),
        bare(&incident.what),
        through,
        bare(&incident.remedy),
        bare(&incident.told)
    );
    lead::Entity::insert(lead::ActiveModel {
        id: Set(Uuid::now_v7()),
        county_id: Set(unit.county_id()),
        unit_id: Set(unit.unit_id()),
        item: Set(LEAK_VIOLATION_ITEM.into()),
        subject_type: Set(subject_type.into()),
        subject_id: Set(subject_id.clone()),
        clock_id: Set(None),
        facts: Set(facts),
        detected_at: Set(incident.created_at),
        status: Set(LeadStatus::Open),
        triaged_by: Set(None),
        triaged_at: Set(None),
        triage_reason: Set(None),
    })
    .on_conflict(
        OnConflict::columns([lead::Column::SubjectType, lead::Column::SubjectId, lead::Column::Item])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(tx)
    .await?;
    let row = lead::Entity::find()
        .filter(lead::Column::CountyId.eq(unit.county_id()))
        .filter(lead::Column::SubjectType.eq(subject_type))
        .filter(lead::Column::SubjectId.eq(subject_id))
        .filter(lead::Column::Item.eq(LEAK_VIOLATION_ITEM))
        .one(tx)
        .await?
        .ok_or(ApiError::Internal(anyhow::anyhow!("leak lead missing after insert")))?;
    Ok(row.id)
}

/// Records a leak and raises its AC 6(4) lead for the openness office.
#[utoipa::path(
    tag = "secrecy",
    params(("unit_id" = Uuid, Path)),
    request_body = LeakRequest,
    responses((status = 200, body = LeakView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(LeakRecord::NAME)))
)]
#[post("/units/{unit_id}/leaks")]
pub async fn record_leak(
    scope: UnitScope<LeakRecord>,
    state: web::Data<AppState>,
    body: ValidatedJson<LeakRequest>,
) -> Result<web::Json<LeakView>, ApiError> {
    let body = body.into_inner()?;
    let unit = scope.unit_ref();
    let now = state.time.now();
    if body.found_on > beijing_today(now) {
        return Err(ApiError::field("found_on", "in_future"));
    }
    let out = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let leaked = match body.item_id {
            Some(id) => Some(
                item::Entity::get_in(unit, id)
                    .one(tx)
                    .await?
                    .ok_or_else(|| ApiError::field("item_id", "invalid_reference"))?,
            ),
            None => None,
        };
        let mut incident = leak::Model {
            id: Uuid::now_v7(),
            county_id: unit.county_id(),
            unit_id: unit.unit_id(),
            item_id: leaked.as_ref().map(|it| it.id),
            what: tidy(&body.what),
            where_found: tidy(&body.where_found),
            found_on: body.found_on,
            remedy: tidy(&body.remedy),
            told: tidy(&body.told),
            lead_id: None,
            reported_by: scope.actor.user_id,
            created_at: now,
        };
        incident.lead_id = Some(raise_lead(tx, unit, &incident, leaked.as_ref()).await?);
        leak::Entity::insert(leak::ActiveModel::from(incident.clone())).exec_without_returning(tx).await?;
        let rec = AuditRecord::success("leak.record", LEAK_SUBJECT, incident.id)
            .in_unit(incident.county_id, incident.unit_id)
            .with_summary(serde_json::json!({ "item_id": incident.item_id, "lead_id": incident.lead_id }));
        Ok((view(incident, leaked.map(|it| it.title)), rec))
    })
    .await?;
    Ok(web::Json(out))
}

/// The unit's leak incidents, newest found first.
#[utoipa::path(
    tag = "secrecy",
    params(("unit_id" = Uuid, Path), LeakQuery),
    responses((status = 200, body = Page<LeakView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/units/{unit_id}/leaks")]
pub async fn list_leaks(
    scope: UnitScope<ItemRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<LeakQuery>,
) -> Result<web::Json<Page<LeakView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let unit = scope.unit_ref();
    let select =
        leak::Entity::find_in(unit).order_by_desc(leak::Column::FoundOn).order_by_desc(leak::Column::CreatedAt);
    let (rows, total) = paging.rows(select, &state.db).await?;
    let ids: Vec<Uuid> = rows.iter().filter_map(|l| l.item_id).collect();
    let titles: std::collections::HashMap<Uuid, String> = item::Entity::find_in(unit)
        .filter(item::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    let views = rows
        .into_iter()
        .map(|l| {
            let title = l.item_id.and_then(|id| titles.get(&id).cloned());
            view(l, title)
        })
        .collect();
    Ok(web::Json(paging.page_of(views, total)))
}

//! The public catalogue (公开目录, Art. 12) on the portal: every published item under its index
//! number, name, summary and date formed, with its corrections and withdrawal on the record.

use std::collections::HashMap;

use actix_web::{get, web};
use entity::enums::ItemStatus;
use entity::{information_item as item, item_event, item_version, unit};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::requests::{CatalogueQuery, PublicHeadingsQuery};
use super::views::{CatalogueEntry, PublicAttachment, PublicChange, PublicHeading, PublicItem};
use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef};

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(catalogue).service(headings).service(catalogue_item).service(catalogue_attachment);
}

/// Items ever published; drafts, filed and never-published items are not public.
fn published() -> sea_orm::Select<item::Entity> {
    item::Entity::find().filter(item::Column::FirstPublishedOn.is_not_null())
}

/// The latest published version of each item, by item id.
pub(crate) async fn latest_versions(
    state: &AppState,
    items: &[item::Model],
) -> Result<HashMap<Uuid, Vec<item_version::Model>>, ApiError> {
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let mut by_item: HashMap<Uuid, Vec<item_version::Model>> = HashMap::new();
    for v in item_version::Entity::find()
        .filter(item_version::Column::ItemId.is_in(ids))
        .order_by_asc(item_version::Column::Revision)
        .all(&state.db)
        .await?
    {
        by_item.entry(v.item_id).or_default().push(v);
    }
    Ok(by_item)
}

fn entry(it: &item::Model, versions: &[item_version::Model], unit_name: &str) -> Option<CatalogueEntry> {
    let first = versions.first()?;
    let last = versions.last()?;
    Some(CatalogueEntry {
        item_id: it.id,
        unit_id: it.unit_id,
        unit_name: unit_name.to_string(),
        index_number: last.index_number.clone(),
        title: last.title.clone(),
        summary: last.summary.clone(),
        category: last.category,
        doc_number: last.doc_number.clone(),
        formed_on: last.formed_on,
        published_on: first.published_on,
        corrected_on: (versions.len() > 1).then_some(last.published_on),
        withdrawn_on: it.withdrawn_on.filter(|_| it.status == ItemStatus::Withdrawn),
        repealed_on: it.repealed_on,
    })
}

/// The catalogue: published items, newest first, of one unit or the whole county.
#[utoipa::path(
    tag = "portal",
    params(CatalogueQuery),
    responses((status = 200, body = Page<CatalogueEntry>), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/catalogue")]
pub async fn catalogue(
    state: web::Data<AppState>,
    query: ValidatedQuery<CatalogueQuery>,
) -> Result<web::Json<Page<CatalogueEntry>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = published();
    if let Some(u) = q.unit_id {
        select = select.filter(item::Column::UnitId.eq(u));
    }
    if let Some(c) = q.category {
        select = select.filter(item::Column::Category.eq(c));
    }
    if let Some(h) = q.heading_id {
        select = select.filter(item::Column::HeadingId.eq(h));
    }
    if let Some(words) = q.q.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        // Titles as published, never the working copy of a change not yet reviewed.
        let published_titles = sea_orm::sea_query::Query::select()
            .column(item_version::Column::ItemId)
            .from(item_version::Entity)
            .and_where(item_version::Column::Title.contains(words))
            .to_owned();
        select = select.filter(item::Column::Id.in_subquery(published_titles));
    }
    let (rows, total) = paging
        .rows(select.order_by_desc(item::Column::FirstPublishedOn).order_by_desc(item::Column::IndexNumber), &state.db)
        .await?;
    let versions = latest_versions(&state, &rows).await?;
    let units: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(rows.iter().map(|r| r.unit_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let entries = rows
        .iter()
        .filter_map(|it| {
            let v = versions.get(&it.id)?;
            entry(it, v, units.get(&it.unit_id).map_or("", String::as_str))
        })
        .collect();
    Ok(web::Json(paging.page_of(entries, total)))
}

/// The catalogue's headings with something published under them, of one unit or the whole county,
/// in the openness office's order: what the portal's heading filter offers.
#[utoipa::path(
    tag = "portal",
    params(PublicHeadingsQuery),
    responses((status = 200, body = Vec<PublicHeading>), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/catalogue/headings")]
pub async fn headings(
    state: web::Data<AppState>,
    query: ValidatedQuery<PublicHeadingsQuery>,
) -> Result<web::Json<Vec<PublicHeading>>, ApiError> {
    use entity::catalogue_heading as heading;
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Expr, ExprTrait};
    let q = query.into_inner()?;
    let mut select = published().filter(item::Column::Status.ne(ItemStatus::Withdrawn));
    if let Some(u) = q.unit_id {
        select = select.filter(item::Column::UnitId.eq(u));
    }
    let counts: Vec<(Uuid, i64)> = select
        .filter(item::Column::HeadingId.is_not_null())
        .select_only()
        .column(item::Column::HeadingId)
        .column_as(Expr::col(item::Column::Id).count(), "published")
        .group_by(item::Column::HeadingId)
        .into_tuple()
        .all(&state.db)
        .await?;
    let counts: HashMap<Uuid, i64> = counts.into_iter().collect();
    let rows = heading::Entity::find()
        .filter(heading::Column::Id.is_in(counts.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(heading::Column::Position)
        .order_by_asc(heading::Column::Name)
        .all(&state.db)
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|h| PublicHeading {
                published: counts.get(&h.id).copied().and_then(|n| u64::try_from(n).ok()).unwrap_or(0),
                id: h.id,
                name: h.name,
                name_en: h.name_en,
                category: h.category,
            })
            .collect(),
    ))
}

/// One published item as the public sees it, with the record of its corrections and withdrawal.
#[utoipa::path(
    tag = "portal",
    params(("item_id" = Uuid, Path)),
    responses((status = 200, body = PublicItem), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/catalogue/{item_id}")]
pub async fn catalogue_item(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<PublicItem>, ApiError> {
    let it =
        published().filter(item::Column::Id.eq(path.into_inner())).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    let versions = latest_versions(&state, std::slice::from_ref(&it)).await?.remove(&it.id).unwrap_or_default();
    let unit_name = unit::Entity::find_by_id(it.unit_id).one(&state.db).await?.map(|u| u.name).unwrap_or_default();
    let entry = entry(&it, &versions, &unit_name).ok_or(ApiError::NotFound)?;
    let last = versions.last().ok_or(ApiError::NotFound)?;
    let withdrawn = it.status == ItemStatus::Withdrawn;
    let events = item_event::Entity::find_in(UnitRef::owning_row(it.unit_id, it.county_id))
        .filter(item_event::Column::ItemId.eq(it.id))
        .filter(item_event::Column::Public.eq(true))
        .order_by_asc(item_event::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let history = events
        .into_iter()
        .map(|e| {
            let details: serde_json::Value = serde_json::from_str(&e.details).unwrap_or_default();
            let note =
                details.get("note").or_else(|| details.get("reason")).and_then(|n| n.as_str()).map(str::to_string);
            PublicChange { on: e.on_date, kind: e.kind, note }
        })
        .collect();
    let files = if withdrawn { Vec::new() } else { published_files(&state, &it, last.revision).await? };
    Ok(web::Json(PublicItem {
        entry,
        body: if withdrawn { String::new() } else { last.body.clone() },
        valid_from: last.valid_from,
        valid_until: last.valid_until,
        withdrawal_reason: it.withdrawal_reason.clone().filter(|_| withdrawn),
        history,
        attachments: files
            .iter()
            .map(|f| PublicAttachment {
                id: f.id,
                file_name: f.file_name.clone(),
                content_type: f.content_type.clone(),
                size_bytes: f.size_bytes,
            })
            .collect(),
    }))
}

/// The files of the version the public sees: those of the revision last published.
async fn published_files(
    state: &AppState,
    it: &item::Model,
    revision: i32,
) -> Result<Vec<super::service::AttachmentMeta>, ApiError> {
    let unit = UnitRef::owning_row(it.unit_id, it.county_id);
    Ok(super::service::attachments(&state.db, unit, it.id)
        .await?
        .into_iter()
        .filter(|f| f.in_revision(revision))
        .collect())
}

/// A file of a published item, as a download; a withdrawn item's files are gone from the public.
#[utoipa::path(
    tag = "portal",
    params(("item_id" = Uuid, Path), ("item_attachment_id" = Uuid, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/catalogue/{item_id}/attachments/{item_attachment_id}")]
pub async fn catalogue_attachment(
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let (item_id, attachment_id) = path.into_inner();
    let it = published().filter(item::Column::Id.eq(item_id)).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    if it.status == ItemStatus::Withdrawn {
        return Err(ApiError::NotFound);
    }
    let last = item_version::Entity::find_in(UnitRef::owning_row(it.unit_id, it.county_id))
        .filter(item_version::Column::ItemId.eq(it.id))
        .order_by_desc(item_version::Column::Revision)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !published_files(&state, &it, last.revision).await?.iter().any(|f| f.id == attachment_id) {
        return Err(ApiError::NotFound);
    }
    let file = entity::item_attachment::Entity::get_in(UnitRef::owning_row(it.unit_id, it.county_id), attachment_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(crate::download::attachment(&file.content_type, &file.file_name, file.content))
}

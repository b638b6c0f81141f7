//! Feeds of the catalogue (Atom and RSS, per unit and per heading) and its records as open data
//! (JSON). Only what the catalogue shows goes out: never-published and withdrawn items do not.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{InformationCategory, ItemStatus};
use entity::{catalogue_heading, information_item as item, unit};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::state::AppState;
use crate::text::escape_markup;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(feed).service(export);
}

/// The newest entries of a feed.
const FEED_ENTRIES: u64 = 50;
/// The most records one export holds; a county's year fits well within it.
const EXPORT_LIMIT: u64 = 20_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    #[default]
    Atom,
    Rss,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    pub unit_id: Option<Uuid>,
    pub heading_id: Option<Uuid>,
    /// `atom` (the default) or `rss`.
    #[param(inline)]
    pub format: Option<FeedFormat>,
}

/// What can be listed: published, not withdrawn.
fn listed() -> sea_orm::Select<item::Entity> {
    item::Entity::find()
        .filter(item::Column::FirstPublishedOn.is_not_null())
        .filter(item::Column::Status.ne(ItemStatus::Withdrawn))
}

/// The feed's title: the unit's and the heading's names, or the county's catalogue.
async fn feed_title(state: &AppState, q: &FeedQuery) -> Result<String, ApiError> {
    let mut parts = Vec::new();
    if let Some(u) = q.unit_id {
        parts.push(unit::Entity::find_by_id(u).one(&state.db).await?.ok_or(ApiError::NotFound)?.name);
    }
    if let Some(h) = q.heading_id {
        parts.push(catalogue_heading::Entity::find_by_id(h).one(&state.db).await?.ok_or(ApiError::NotFound)?.name);
    }
    parts.push("政府信息公开目录".into());
    Ok(parts.join(" · "))
}

/// Atom or RSS of the newest published items, of a unit or a heading or both.
#[utoipa::path(
    tag = "portal",
    params(FeedQuery),
    responses(
        (status = 200, description = "An Atom feed, or RSS 2.0 with `format=rss`", content(
            (String = "application/atom+xml"),
            (String = "application/rss+xml"),
        )),
        ErrorResponses
    ),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/catalogue/feed")]
pub async fn feed(state: web::Data<AppState>, query: ValidatedQuery<FeedQuery>) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner()?;
    let title = feed_title(&state, &q).await?;
    let mut select = listed();
    if let Some(u) = q.unit_id {
        select = select.filter(item::Column::UnitId.eq(u));
    }
    if let Some(h) = q.heading_id {
        select = select.filter(item::Column::HeadingId.eq(h));
    }
    let rows = select.order_by_desc(item::Column::UpdatedAt).limit(FEED_ENTRIES).all(&state.db).await?;
    let base = state.settings.public_base_url.trim_end_matches('/');
    // What went out is the last published version, never the working copy being changed.
    let versions = super::public::latest_versions(&state, &rows).await?;
    let entries: Vec<Entry> = rows
        .iter()
        .filter_map(|r| {
            let v = versions.get(&r.id)?.last()?;
            Some(Entry {
                id: r.id,
                title: v.title.clone(),
                summary: v.summary.clone(),
                index_number: v.index_number.clone(),
                published_at: v.published_at,
            })
        })
        .collect();
    let updated = entries.iter().map(|e| e.published_at).max().unwrap_or_else(|| state.time.now());
    let self_link = format!(
        "{base}/api/v1/public/catalogue/feed{}",
        [q.unit_id.map(|u| format!("unit_id={u}")), q.heading_id.map(|h| format!("heading_id={h}"))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("&")
            .chars()
            .fold(String::new(), |mut acc, c| {
                if acc.is_empty() {
                    acc.push('?');
                }
                acc.push(c);
                acc
            })
    );
    let body = match q.format.unwrap_or_default() {
        FeedFormat::Atom => atom(&title, &self_link, base, updated, &entries),
        FeedFormat::Rss => rss(&title, base, &entries),
    };
    let content_type = match q.format.unwrap_or_default() {
        FeedFormat::Atom => "application/atom+xml; charset=utf-8",
        FeedFormat::Rss => "application/rss+xml; charset=utf-8",
    };
    Ok(HttpResponse::Ok().content_type(content_type).insert_header(("Cache-Control", "public, max-age=300")).body(body))
}

/// A feed entry: the item's last published version.
struct Entry {
    id: Uuid,
    title: String,
    summary: String,
    index_number: String,
    published_at: DateTime<Utc>,
}

fn atom(title: &str, self_link: &str, base: &str, updated: DateTime<Utc>, rows: &[Entry]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!("  <title>{}</title>\n", escape_markup(title)));
    out.push_str(&format!("  <id>{}</id>\n", escape_markup(self_link)));
    out.push_str(&format!("  <link rel=\"self\" href=\"{}\"/>\n", escape_markup(self_link)));
    out.push_str(&format!("  <updated>{}</updated>\n", updated.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)));
    for it in rows {
        let link = format!("{base}/catalogue/{}", it.id);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", escape_markup(&it.title)));
        out.push_str(&format!("    <id>urn:uuid:{}</id>\n", it.id));
        out.push_str(&format!("    <link href=\"{}\"/>\n", escape_markup(&link)));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            it.published_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ));
        out.push_str(&format!("    <category term=\"{}\"/>\n", escape_markup(&it.index_number)));
        out.push_str(&format!("    <summary>{}</summary>\n", escape_markup(&it.summary)));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn rss(title: &str, base: &str, rows: &[Entry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
    out.push_str(&format!(
        "  <title>{}</title>\n  <link>{}/catalogue</link>\n",
        escape_markup(title),
        escape_markup(base)
    ));
    out.push_str(&format!("  <description>{}</description>\n", escape_markup(title)));
    for it in rows {
        let link = format!("{base}/catalogue/{}", it.id);
        out.push_str("  <item>\n");
        out.push_str(&format!("    <title>{}</title>\n", escape_markup(&it.title)));
        out.push_str(&format!("    <link>{}</link>\n", escape_markup(&link)));
        out.push_str(&format!("    <guid isPermaLink=\"false\">urn:uuid:{}</guid>\n", it.id));
        out.push_str(&format!("    <pubDate>{}</pubDate>\n", it.published_at.to_rfc2822()));
        out.push_str(&format!("    <description>{}</description>\n", escape_markup(&it.summary)));
        out.push_str("  </item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    pub unit_id: Option<Uuid>,
    /// Records published in this year.
    #[validate(range(min = 2008, max = 2100, code = "range"))]
    #[param(minimum = 2008, maximum = 2100)]
    pub year: Option<i32>,
}

/// One catalogue record as open data (Art. 12's fields and the record of its changes).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OpenRecord {
    pub index_number: String,
    pub title: String,
    pub summary: String,
    pub category: InformationCategory,
    pub heading: Option<String>,
    pub unit: String,
    pub doc_number: Option<String>,
    pub formed_on: NaiveDate,
    pub published_on: NaiveDate,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub repealed_on: Option<NaiveDate>,
    pub url: String,
}

/// The catalogue's records as JSON open data, of a unit or the county, for a year or all years.
#[utoipa::path(
    tag = "portal",
    params(ExportQuery),
    responses((status = 200, body = Vec<OpenRecord>), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/catalogue/export")]
pub async fn export(
    state: web::Data<AppState>,
    query: ValidatedQuery<ExportQuery>,
) -> Result<web::Json<Vec<OpenRecord>>, ApiError> {
    let q = query.into_inner()?;
    let mut select = listed();
    if let Some(u) = q.unit_id {
        select = select.filter(item::Column::UnitId.eq(u));
    }
    if let Some(y) = q.year {
        let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y, 12, 31)) else {
            return Err(ApiError::field("year", "range"));
        };
        select = select.filter(item::Column::FirstPublishedOn.between(first, last));
    }
    let rows = select.order_by_asc(item::Column::IndexNumber).limit(EXPORT_LIMIT).all(&state.db).await?;
    let units: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(rows.iter().map(|r| r.unit_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let headings: HashMap<Uuid, String> = catalogue_heading::Entity::find()
        .filter(catalogue_heading::Column::Id.is_in(rows.iter().filter_map(|r| r.heading_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|h| (h.id, h.name))
        .collect();
    let base = state.settings.public_base_url.trim_end_matches('/');
    let versions = super::public::latest_versions(&state, &rows).await?;
    Ok(web::Json(
        rows.into_iter()
            .filter_map(|r| {
                let v = versions.get(&r.id)?.last()?;
                Some(OpenRecord {
                    index_number: v.index_number.clone(),
                    url: format!("{base}/catalogue/{}", r.id),
                    heading: v.heading_id.and_then(|h| headings.get(&h).cloned()),
                    unit: units.get(&r.unit_id).cloned().unwrap_or_default(),
                    title: v.title.clone(),
                    summary: v.summary.clone(),
                    category: v.category,
                    doc_number: v.doc_number.clone(),
                    formed_on: v.formed_on,
                    published_on: r.first_published_on?,
                    valid_from: v.valid_from,
                    valid_until: v.valid_until,
                    repealed_on: r.repealed_on,
                })
            })
            .collect(),
    ))
}

//! The catalogue's full-text search in Chinese. Text is cut into words by jieba (search mode, with
//! its HMM for words outside the dictionary); a title also gives its pairs of characters, so a
//! two-character query finds every title holding it whatever jieba made of the context. PostgreSQL
//! matches the words through a GIN index on a `simple` tsvector, SQLite through FTS5. The index holds
//! the last published version of each item not withdrawn, and is written in the publishing
//! transaction, so a take-down leaves the results at once on every replica.

use std::sync::LazyLock;

use actix_web::{get, web};
use chrono::NaiveDate;
use entity::enums::InformationCategory;
use entity::{catalogue_search as search, information_item as item};
use jieba_rs::Jieba;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Statement, Value,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::state::AppState;
use crate::tenancy::UnitRef;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The most words a query is cut into; the rest are ignored.
const MAX_QUERY_WORDS: usize = 8;

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The words of a text as the index and the queries both cut them: lowercased, without punctuation.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in JIEBA.cut_for_search(text, true) {
        let w: String = w.word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// A title's pairs of Chinese characters.
fn pairs(title: &str) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    chars.windows(2).filter(|w| is_cjk(w[0]) && is_cjk(w[1])).map(|w| w.iter().collect()).collect()
}

/// The words a query must all match: a two-character Chinese query is one pair; otherwise jieba's words.
pub fn query_words(q: &str) -> Vec<String> {
    let q = q.trim();
    let chars: Vec<char> = q.chars().collect();
    if chars.len() == 2 && chars.iter().all(|c| is_cjk(*c)) {
        return vec![q.to_string()];
    }
    words(q).into_iter().take(MAX_QUERY_WORDS).collect()
}

/// What the index holds of a version: the words of its title, summary, body and attachments, then
/// its title's pairs of characters, each once, separated by spaces.
pub fn tokens(title: &str, summary: &str, body: &str, files_text: &[String]) -> String {
    let mut tokens = words(&format!("{title}\n{summary}\n{body}"));
    for text in files_text {
        for w in words(text) {
            if !tokens.contains(&w) {
                tokens.push(w);
            }
        }
    }
    for p in pairs(title) {
        if !tokens.contains(&p) {
            tokens.push(p);
        }
    }
    tokens.join(" ")
}

/// Puts the item's published version in the index, or brings it up to date (a correction, a repeal).
pub async fn index(tx: &impl ConnectionTrait, it: &item::Model, files_text: &[String]) -> Result<(), ApiError> {
    let Some(published_on) = it.first_published_on else { return Ok(()) };
    let tokens = tokens(&it.title, &it.summary, &it.body, files_text);
    search::Entity::insert(search::ActiveModel {
        item_id: Set(it.id),
        county_id: Set(it.county_id),
        unit_id: Set(it.unit_id),
        heading_id: Set(it.heading_id),
        category: Set(it.category),
        published_on: Set(published_on),
        valid_until: Set(it.valid_until),
        repealed_on: Set(it.repealed_on),
        tokens: Set(tokens.clone()),
    })
    .on_conflict(
        OnConflict::column(search::Column::ItemId)
            .update_columns([
                search::Column::HeadingId,
                search::Column::Category,
                search::Column::ValidUntil,
                search::Column::RepealedOn,
                search::Column::Tokens,
            ])
            .to_owned(),
    )
    .exec_without_returning(tx)
    .await?;
    if tx.get_database_backend() != DatabaseBackend::Postgres {
        fts(tx, "DELETE FROM catalogue_fts WHERE item_id = ?", vec![it.id.into()]).await?;
        let values = vec![it.id.into(), tokens.into()];
        fts(tx, "INSERT INTO catalogue_fts (item_id, tokens) VALUES (?, ?)", values).await?;
    }
    Ok(())
}

/// Takes an item out of the index (withdrawn).
pub async fn unindex(tx: &impl ConnectionTrait, unit: UnitRef, item_id: Uuid) -> Result<(), ApiError> {
    use crate::tenancy::ScopedFind;
    search::Entity::delete_in(unit).filter(search::Column::ItemId.eq(item_id)).exec(tx).await?;
    if tx.get_database_backend() != DatabaseBackend::Postgres {
        fts(tx, "DELETE FROM catalogue_fts WHERE item_id = ?", vec![item_id.into()]).await?;
    }
    Ok(())
}

/// Builds the index again from the last published versions (for items published before it existed,
/// or after a change of how text is cut). Returns how many items it holds.
pub async fn reindex_all(db: &sea_orm::DatabaseConnection) -> Result<u64, ApiError> {
    use crate::tenancy::ScopedFind;
    use entity::enums::ItemStatus;
    let reach = crate::auth::Reach::Platform;
    let tx = crate::db::write_tx(db).await?;
    let items = item::Entity::find_within(&reach)
        .filter(item::Column::FirstPublishedOn.is_not_null())
        .filter(item::Column::Status.ne(ItemStatus::Withdrawn))
        .all(&tx)
        .await?;
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let mut latest: std::collections::HashMap<Uuid, entity::item_version::Model> = std::collections::HashMap::new();
    for v in entity::item_version::Entity::find_within(&reach)
        .filter(entity::item_version::Column::ItemId.is_in(ids.clone()))
        .all(&tx)
        .await?
    {
        if latest.get(&v.item_id).is_none_or(|l| l.revision < v.revision) {
            latest.insert(v.item_id, v);
        }
    }
    let mut files: std::collections::HashMap<Uuid, Vec<super::service::AttachmentMeta>> =
        std::collections::HashMap::new();
    for f in super::service::attachments_within(&tx, &reach, ids).await? {
        files.entry(f.item_id).or_default().push(f);
    }
    let mut count = 0;
    for it in items {
        let Some(v) = latest.get(&it.id) else { continue };
        // What the public sees: the version, not a working copy being changed.
        let shown = item::Model {
            title: v.title.clone(),
            summary: v.summary.clone(),
            body: v.body.clone(),
            category: v.category,
            heading_id: v.heading_id,
            valid_until: v.valid_until,
            ..it
        };
        let texts: Vec<String> = files
            .get(&shown.id)
            .into_iter()
            .flatten()
            .filter(|f| f.in_revision(v.revision))
            .filter_map(|f| f.text.clone())
            .collect();
        index(&tx, &shown, &texts).await?;
        count += 1;
    }
    tx.commit().await?;
    Ok(count)
}

/// Records a repeal in the index, for the "in force" filter.
pub async fn set_repealed(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    item_id: Uuid,
    on: NaiveDate,
) -> Result<(), ApiError> {
    use crate::tenancy::ScopedFind;
    search::Entity::update_in(unit)
        .col_expr(search::Column::RepealedOn, sea_orm::sea_query::Expr::value(on))
        .filter(search::Column::ItemId.eq(item_id))
        .exec(tx)
        .await?;
    Ok(())
}

async fn fts(tx: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<(), ApiError> {
    tx.execute_raw(Statement::from_sql_and_values(DatabaseBackend::Sqlite, sql, values)).await?;
    Ok(())
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(search_catalogue);
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct SearchQuery {
        /// Words to find, in Chinese or otherwise (at least two characters).
        #[validate(length(min = 2, max = 50, code = "length"))]
        #[param(min_length = 2, max_length = 50)]
        pub q: String,
        pub unit_id: Option<Uuid>,
        pub heading_id: Option<Uuid>,
        /// Published in this year.
        #[validate(range(min = 2008, max = 2100, code = "range"))]
        #[param(minimum = 2008, maximum = 2100)]
        pub year: Option<i32>,
        /// Only what is in force (not repealed, not expired).
        pub valid_only: Option<bool>,
    }
}

/// Matches counted exactly up to this many; past it the count says "more than" (a frequent word
/// matches a tenth of a county's items, and counting them all would cost more than the page).
pub const COUNT_CAP: u64 = 1000;

/// A page of results. `total` is exact up to [`COUNT_CAP`]; above it `total` is the cap and
/// `total_capped` is true. Pages reach no further than the cap.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResults {
    pub items: Vec<SearchHit>,
    pub total: u64,
    pub total_capped: bool,
    pub page: u64,
    pub page_size: u64,
}

/// A result with where the query's words are in its title and summary (character offsets).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHit {
    pub item_id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub index_number: String,
    pub title: String,
    pub summary: String,
    pub category: InformationCategory,
    pub published_on: NaiveDate,
    /// `[start, end)` character ranges of the matched words in the title.
    pub title_marks: Vec<[u32; 2]>,
    pub summary_marks: Vec<[u32; 2]>,
}

/// Where the words are in a text, as character ranges, merged and in order.
pub fn marks(text: &str, words: &[String]) -> Vec<[u32; 2]> {
    let lower = text.to_lowercase();
    let mut ranges: Vec<[u32; 2]> = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        for (byte, _) in lower.match_indices(w.as_str()) {
            let start = lower[..byte].chars().count() as u32;
            ranges.push([start, start + w.chars().count() as u32]);
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<[u32; 2]> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            _ => merged.push(r),
        }
    }
    merged
}

/// Full-text search of the catalogue, across the county or within a unit, newest first.
#[utoipa::path(
    tag = "portal",
    params(SearchQuery),
    responses((status = 200, body = SearchResults), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/search")]
pub async fn search_catalogue(
    state: web::Data<AppState>,
    query: ValidatedQuery<SearchQuery>,
) -> Result<web::Json<SearchResults>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let wanted = query_words(&q.q);
    if wanted.is_empty() {
        return Err(ApiError::field("q", "required"));
    }
    let backend = state.db.get_database_backend();
    let pg = backend == DatabaseBackend::Postgres;
    let mut values: Vec<Value> = Vec::new();
    let arg = |v: Value, values: &mut Vec<Value>| {
        values.push(v);
        if pg { format!("${}", values.len()) } else { "?".to_string() }
    };
    let mut filter = if pg {
        let p = arg(wanted.join(" ").into(), &mut values);
        format!("s.tokens_tsv @@ plainto_tsquery('simple', {p})")
    } else {
        let expr = wanted.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ");
        let p = arg(expr.into(), &mut values);
        format!("s.item_id IN (SELECT item_id FROM catalogue_fts WHERE catalogue_fts MATCH {p})")
    };
    if let Some(u) = q.unit_id {
        let p = arg(u.into(), &mut values);
        filter.push_str(&format!(" AND s.unit_id = {p}"));
    }
    if let Some(h) = q.heading_id {
        let p = arg(h.into(), &mut values);
        filter.push_str(&format!(" AND s.heading_id = {p}"));
    }
    if let Some(y) = q.year {
        let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y, 12, 31)) else {
            return Err(ApiError::field("year", "range"));
        };
        let a = arg(first.into(), &mut values);
        let b = arg(last.into(), &mut values);
        filter.push_str(&format!(" AND s.published_on BETWEEN {a} AND {b}"));
    }
    if q.valid_only == Some(true) {
        let today = crate::time::beijing_today(state.time.now());
        let p = arg(today.into(), &mut values);
        filter.push_str(&format!(" AND s.repealed_on IS NULL AND (s.valid_until IS NULL OR s.valid_until >= {p})"));
    }
    let cap = COUNT_CAP + 1;
    let count_sql =
        format!("SELECT COUNT(*) AS n FROM (SELECT 1 FROM catalogue_search s WHERE {filter} LIMIT {cap}) c");
    let offset = (paging.page() - 1).saturating_mul(paging.size());
    let limit = paging.size().min(COUNT_CAP.saturating_sub(offset));
    let page_sql = format!(
        "SELECT s.item_id AS item_id FROM catalogue_search s WHERE {filter} \
         ORDER BY s.published_on DESC, s.item_id DESC LIMIT {limit} OFFSET {offset}"
    );
    let total: i64 = state
        .db
        .query_one_raw(Statement::from_sql_and_values(backend, &count_sql, values.clone()))
        .await?
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    let rows = state.db.query_all_raw(Statement::from_sql_and_values(backend, &page_sql, values)).await?;
    let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.try_get::<Uuid>("", "item_id").ok()).collect();
    let items = item::Entity::find().filter(item::Column::Id.is_in(ids.clone())).all(&state.db).await?;
    let versions = super::public::latest_versions(&state, &items).await?;
    let units: std::collections::HashMap<Uuid, String> = entity::unit::Entity::find()
        .filter(entity::unit::Column::Id.is_in(items.iter().map(|i| i.unit_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut marks_words = wanted.clone();
    marks_words.push(q.q.trim().to_lowercase());
    let hits = ids
        .iter()
        .filter_map(|id| {
            let it = items.iter().find(|i| i.id == *id)?;
            let v = versions.get(id)?.last()?;
            Some(SearchHit {
                item_id: it.id,
                unit_id: it.unit_id,
                unit_name: units.get(&it.unit_id).cloned().unwrap_or_default(),
                index_number: v.index_number.clone(),
                title_marks: marks(&v.title, &marks_words),
                summary_marks: marks(&v.summary, &marks_words),
                title: v.title.clone(),
                summary: v.summary.clone(),
                category: v.category,
                published_on: it.first_published_on.unwrap_or(v.published_on),
            })
        })
        .collect();
    let total = u64::try_from(total).unwrap_or(0);
    Ok(web::Json(SearchResults {
        items: hits,
        total: total.min(COUNT_CAP),
        total_capped: total > COUNT_CAP,
        page: paging.page(),
        page_size: paging.size(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_merge_overlapping_words_and_count_characters() {
        let words = vec!["低保".to_string(), "低保资金".to_string(), "资金".to_string()];
        assert_eq!(marks("口前镇农村低保资金发放", &words), vec![[5, 9]]);
        assert_eq!(marks("无关", &words), Vec::<[u32; 2]>::new());
    }

    #[test]
    fn a_two_character_query_is_one_pair_and_titles_give_their_pairs() {
        assert_eq!(query_words(" 低保 "), vec!["低保".to_string()]);
        assert_eq!(pairs("低保a资金"), vec!["低保".to_string(), "资金".to_string()]);
    }
}

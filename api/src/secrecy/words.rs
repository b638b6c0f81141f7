//! The county's sensitive-word list (SR 9), kept by the secrecy bureau. Every replica builds its
//! matcher from the table and builds it again when the list's fingerprint (how many words, and the
//! newest id) changes, so an edit on one replica holds on all of them at the next scan.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use actix_web::{HttpResponse, delete, get, post, web};
use aho_corasick::AhoCorasick;
use chrono::{DateTime, Utc};
use entity::sensitive_word as word;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::audit::AuditRecord;
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::SensitiveWordManage;
use crate::state::AppState;

type Fingerprint = (u64, Option<Uuid>);

type Built = (Fingerprint, Option<Arc<AhoCorasick>>);

static MATCHERS: LazyLock<Mutex<HashMap<Uuid, Built>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// The county's matcher, rebuilt when the list changed; `None` when the list is empty.
pub async fn matcher(db: &impl ConnectionTrait, county_id: Uuid) -> Result<Option<Arc<AhoCorasick>>, ApiError> {
    let count = word::Entity::find().filter(word::Column::CountyId.eq(county_id)).count(db).await?;
    let newest: Option<Uuid> = word::Entity::find()
        .filter(word::Column::CountyId.eq(county_id))
        .select_only()
        .column(word::Column::Id)
        .order_by_desc(word::Column::Id)
        .into_tuple()
        .one(db)
        .await?;
    let fingerprint = (count, newest);
    if let Some((seen, m)) = MATCHERS.lock().unwrap_or_else(|e| e.into_inner()).get(&county_id)
        && *seen == fingerprint
    {
        return Ok(m.clone());
    }
    let words: Vec<String> = word::Entity::find()
        .filter(word::Column::CountyId.eq(county_id))
        .select_only()
        .column(word::Column::Word)
        .into_tuple()
        .all(db)
        .await?;
    let built = super::scan::word_matcher(&words).map(Arc::new);
    MATCHERS.lock().unwrap_or_else(|e| e.into_inner()).insert(county_id, (fingerprint, built.clone()));
    Ok(built)
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_words).service(add_words).service(remove_word);
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SensitiveWordView {
    pub id: Uuid,
    pub word: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddWordsRequest {
    /// One to 1,000 words of 1 to 50 characters; words already on the list are skipped.
    #[validate(length(min = 1, max = 1000, code = "length"), custom(function = "word_lengths"))]
    #[schema(min_items = 1, max_items = 1000)]
    pub words: Vec<String>,
    #[validate(length(max = 200, code = "length"))]
    #[schema(max_length = 200)]
    pub note: Option<String>,
}

fn word_lengths(words: &[String]) -> Result<(), validator::ValidationError> {
    if words.iter().all(|w| (1..=50).contains(&w.trim().chars().count())) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("length"))
    }
}

fn county_of(auth: &Authorized<SensitiveWordManage>) -> Result<Uuid, ApiError> {
    auth.actor.county_id.ok_or(ApiError::Rule(crate::error::ErrorCode::PlatformAdminHasNoCounty, None))
}

/// The county's sensitive-word list, as the secrecy bureau keeps it.
#[utoipa::path(
    tag = "secrecy",
    responses((status = 200, body = Vec<SensitiveWordView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SensitiveWordManage::NAME)))
)]
#[get("/sensitive-words")]
pub async fn list_words(
    auth: Authorized<SensitiveWordManage>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<SensitiveWordView>>, ApiError> {
    let county = county_of(&auth)?;
    let rows = word::Entity::find()
        .filter(word::Column::CountyId.eq(county))
        .order_by_asc(word::Column::Word)
        .all(&state.db)
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|w| SensitiveWordView { id: w.id, word: w.word, note: w.note, created_at: w.created_at })
            .collect(),
    ))
}

/// Adds words to the list; the next scan on every replica uses them.
#[utoipa::path(
    tag = "secrecy",
    request_body = AddWordsRequest,
    responses((status = 200, description = "How many words were new", body = AddedWords), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SensitiveWordManage::NAME)))
)]
#[post("/sensitive-words")]
pub async fn add_words(
    auth: Authorized<SensitiveWordManage>,
    state: web::Data<AppState>,
    body: ValidatedJson<AddWordsRequest>,
) -> Result<web::Json<AddedWords>, ApiError> {
    let body = body.into_inner()?;
    let county = county_of(&auth)?;
    let now = state.time.now();
    let added = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let existing: Vec<String> = word::Entity::find()
            .filter(word::Column::CountyId.eq(county))
            .select_only()
            .column(word::Column::Word)
            .into_tuple()
            .all(tx)
            .await?;
        let mut known: std::collections::HashSet<String> = existing.into_iter().collect();
        let mut added = 0u32;
        for w in &body.words {
            let w = w.trim().to_string();
            if !known.insert(w.clone()) {
                continue;
            }
            let row = word::Model {
                id: Uuid::now_v7(),
                county_id: county,
                word: w,
                note: body.note.as_ref().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
                created_by: auth.actor.user_id,
                created_at: now,
            };
            word::Entity::insert(word::ActiveModel::from(row)).exec_without_returning(tx).await?;
            added += 1;
        }
        let record = AuditRecord::success("secrecy.words_add", "sensitive_word_list", county)
            .in_county(Some(county))
            .with_summary(serde_json::json!({ "added": added }));
        Ok((AddedWords { added }, record))
    })
    .await?;
    Ok(web::Json(added))
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AddedWords {
    pub added: u32,
}

/// Takes a word off the list.
#[utoipa::path(
    tag = "secrecy",
    params(("word_id" = Uuid, Path)),
    responses((status = 204, description = "Removed"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SensitiveWordManage::NAME)))
)]
#[delete("/sensitive-words/{word_id}")]
pub async fn remove_word(
    auth: Authorized<SensitiveWordManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let county = county_of(&auth)?;
    let id = path.into_inner();
    let now = state.time.now();
    crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let found = word::Entity::find_by_id(id)
            .filter(word::Column::CountyId.eq(county))
            .one(tx)
            .await?
            .ok_or(ApiError::NotFound)?;
        word::Entity::delete_by_id(id).exec(tx).await?;
        let record = AuditRecord::success("secrecy.word_remove", "sensitive_word_list", county)
            .in_county(Some(county))
            .with_summary(serde_json::json!({ "word": found.word }));
        Ok(((), record))
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

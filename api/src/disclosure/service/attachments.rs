//! Files attached to an item. Adding or removing one is a change of the item: a new revision that
//! needs a new review (SR 3). The text of each file is read once, when it is stored, so every scan
//! of the item reads its attachments as it reads the body.

use entity::enums::ItemStatus;
use entity::{information_item as item, item_attachment as attachment};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::*;
use crate::secrecy::extract::{self, DocumentKind, Unreadable};

/// Files an item may carry, and their size.
pub const MAX_ATTACHMENTS: u64 = 20;
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// An attachment without its bytes: what lists, scans and pages need.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct AttachmentMeta {
    pub id: Uuid,
    pub item_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    pub text: Option<String>,
    pub unreadable: Option<String>,
    pub added_revision: i32,
    pub removed_revision: Option<i32>,
    pub created_at: DateTime<Utc>,
}

impl AttachmentMeta {
    /// Whether the file is part of a revision.
    pub fn in_revision(&self, revision: i32) -> bool {
        self.added_revision <= revision && self.removed_revision.is_none_or(|r| r > revision)
    }
}

/// The files of an item, with or without those removed, oldest first.
pub async fn attachments(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    item_id: Uuid,
) -> Result<Vec<AttachmentMeta>, ApiError> {
    Ok(attachment::Entity::find_in(unit)
        .select_only()
        .columns([
            attachment::Column::Id,
            attachment::Column::ItemId,
            attachment::Column::FileName,
            attachment::Column::ContentType,
            attachment::Column::SizeBytes,
            attachment::Column::Sha256,
            attachment::Column::Text,
            attachment::Column::Unreadable,
            attachment::Column::AddedRevision,
            attachment::Column::RemovedRevision,
            attachment::Column::CreatedAt,
        ])
        .filter(attachment::Column::ItemId.eq(item_id))
        .order_by_asc(attachment::Column::CreatedAt)
        .into_model::<AttachmentMeta>()
        .all(db)
        .await?)
}

/// The files of several items within a reach (the online inspection reads the whole catalogue).
pub async fn attachments_within(
    db: &impl ConnectionTrait,
    reach: &crate::auth::Reach,
    item_ids: Vec<Uuid>,
) -> Result<Vec<AttachmentMeta>, ApiError> {
    Ok(attachment::Entity::find_within(reach)
        .select_only()
        .columns([
            attachment::Column::Id,
            attachment::Column::ItemId,
            attachment::Column::FileName,
            attachment::Column::ContentType,
            attachment::Column::SizeBytes,
            attachment::Column::Sha256,
            attachment::Column::Text,
            attachment::Column::Unreadable,
            attachment::Column::AddedRevision,
            attachment::Column::RemovedRevision,
            attachment::Column::CreatedAt,
        ])
        .filter(attachment::Column::ItemId.is_in(item_ids))
        .into_model::<AttachmentMeta>()
        .all(db)
        .await?)
}

/// The name as stored: no path, no quotes, no control characters, at most 200 characters.
fn stored_name(file_name: &str) -> Result<String, ApiError> {
    let name: String =
        file_name.trim().chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"')).take(200).collect();
    if name.is_empty() { Err(ApiError::field("file_name", "required")) } else { Ok(name) }
}

/// Reads a document's kind and text; run off the request threads, since a PDF can take a while.
pub async fn read_document(bytes: Vec<u8>) -> Result<(Vec<u8>, DocumentKind, Result<String, Unreadable>), ApiError> {
    tokio::task::spawn_blocking(move || {
        let kind = extract::sniff(&bytes).ok_or(ApiError::UnsupportedMediaType)?;
        let text = extract::text_of(kind, &bytes);
        Ok((bytes, kind, text))
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("document reader stopped: {e}")))?
}

/// The item, changed: back to the draft stage under a new revision, its withheld clocks stopped.
async fn changed(tx: &impl ConnectionTrait, it: item::Model, now: DateTime<Utc>) -> Result<item::Model, ApiError> {
    let was_filed = it.status == ItemStatus::Filed;
    let next = it.revision + 1;
    let it = save(
        tx,
        it,
        |a| {
            a.status = Set(ItemStatus::Draft);
            a.revision = Set(next);
        },
        now,
    )
    .await?;
    if was_filed {
        stop_withheld_clocks(tx, &it, clocks::Ending::Cancel, now).await?;
    }
    Ok(it)
}

const CHANGEABLE: [ItemStatus; 7] = [
    ItemStatus::Draft,
    ItemStatus::InReview,
    ItemStatus::Reviewed,
    ItemStatus::Approved,
    ItemStatus::Published,
    ItemStatus::Filed,
    ItemStatus::Withdrawn,
];

/// Stores a file on the item (its kind and text already read) as part of the next revision.
pub async fn attach(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    revision: i32,
    file_name: &str,
    document: (Vec<u8>, DocumentKind, Result<String, Unreadable>),
    by: Uuid,
) -> Result<(item::Model, attachment::Model), ApiError> {
    require(&it, &CHANGEABLE)?;
    require_revision(&it, revision)?;
    let name = stored_name(file_name)?;
    let (bytes, kind, text) = document;
    let current = attachment::Entity::find_in(step.unit)
        .filter(attachment::Column::ItemId.eq(it.id))
        .filter(attachment::Column::RemovedRevision.is_null())
        .count(tx)
        .await?;
    if current >= MAX_ATTACHMENTS {
        return Err(ApiError::Rule(ErrorCode::TooManyAttachments, None));
    }
    let it = changed(tx, it, step.now).await?;
    let (text, unreadable) = match text {
        Ok(t) => (Some(clean(&t)), None),
        Err(u) => (None, Some(u.code().to_string())),
    };
    let row = attachment::Model {
        id: Uuid::now_v7(),
        county_id: it.county_id,
        unit_id: it.unit_id,
        item_id: it.id,
        file_name: name,
        content_type: kind.content_type().into(),
        size_bytes: i32::try_from(bytes.len()).unwrap_or(i32::MAX),
        sha256: hex::encode(Sha256::digest(&bytes)),
        content: bytes,
        text,
        unreadable,
        added_revision: it.revision,
        removed_revision: None,
        uploaded_by: by,
        created_at: step.now,
    };
    attachment::Entity::insert(attachment::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
    let details = serde_json::json!({ "attachment_id": row.id, "file_name": row.file_name, "sha256": row.sha256 });
    event(tx, &it, "attached", false, Some(by), details, step.now).await?;
    Ok((it, row))
}

/// Takes a file off the item from the next revision on; earlier published versions keep it.
pub async fn detach(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    revision: i32,
    attachment_id: Uuid,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    require(&it, &CHANGEABLE)?;
    require_revision(&it, revision)?;
    let file = attachment::Entity::get_in(step.unit, attachment_id)
        .filter(attachment::Column::ItemId.eq(it.id))
        .filter(attachment::Column::RemovedRevision.is_null())
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let it = changed(tx, it, step.now).await?;
    attachment::Entity::update_in(step.unit)
        .col_expr(attachment::Column::RemovedRevision, sea_orm::sea_query::Expr::value(it.revision))
        .filter(attachment::Column::Id.eq(file.id))
        .exec(tx)
        .await?;
    let details = serde_json::json!({ "attachment_id": file.id, "file_name": file.file_name });
    event(tx, &it, "detached", false, Some(by), details, step.now).await?;
    Ok(it)
}

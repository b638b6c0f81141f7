//! Files an applicant or a handler attaches to an application.

use super::*;

pub async fn attach(
    tx: &impl ConnectionTrait,
    limits: &ApplicationSettings,
    app: &application::Model,
    (purpose, by_staff): (&str, bool),
    file_name: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<application_attachment::Model, ApiError> {
    if !matches!(purpose, "identity_proof" | "correction" | "other") {
        return Err(ApiError::field("purpose", "invalid_value"));
    }
    let name: String =
        file_name.trim().chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"')).take(200).collect();
    if name.is_empty() {
        return Err(ApiError::field("file_name", "required"));
    }
    if bytes.is_empty() {
        return Err(ApiError::field("content", "required"));
    }
    if bytes.len() > limits.attachment_max_bytes {
        return Err(ApiError::PayloadTooLarge);
    }
    // Identity proofs and corrections: PDF, JPEG or PNG only.
    let content_type = crate::download::sniff(&bytes, false).ok_or(ApiError::UnsupportedMediaType)?;
    // The application row is locked first, so parallel uploads count one after another (SQLite's
    // write transaction holds the whole database already).
    if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        sea_orm::QuerySelect::lock_exclusive(
            application::Entity::find_in(handling_unit(app)).filter(application::Column::Id.eq(app.id)),
        )
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    }
    let existing = application_attachment::Entity::find_in(handling_unit(app))
        .filter(application_attachment::Column::ByStaff.eq(by_staff))
        .filter(application_attachment::Column::ApplicationId.eq(app.id))
        .count(tx)
        .await?;
    if existing >= limits.attachments_per_application {
        return Err(ApiError::Rule(ErrorCode::TooManyAttachments, None));
    }
    let model = application_attachment::Model {
        id: Uuid::now_v7(),
        application_id: app.id,
        unit_id: app.unit_id,
        purpose: purpose.into(),
        file_name: name,
        content_type: content_type.into(),
        size_bytes: i32::try_from(bytes.len()).unwrap_or(i32::MAX),
        sha256: hex::encode(Sha256::digest(&bytes)),
        content: bytes,
        created_at: now,
        by_staff,
    };
    application_attachment::Entity::insert(application_attachment::ActiveModel::from(model.clone()))
        .exec_without_returning(tx)
        .await?;
    Ok(model)
}

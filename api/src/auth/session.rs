//! Sessions: opaque random tokens, stored only as their SHA-256, with idle and absolute expiry.

use base64::Engine;
use chrono::{DateTime, TimeDelta, Utc};
use entity::session;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::context::RequestMeta;

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: Uuid,
    pub token: String,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn create(
    tx: &impl ConnectionTrait,
    user_id: Uuid,
    meta: &RequestMeta,
    now: DateTime<Utc>,
    absolute: TimeDelta,
) -> Result<NewSession, sea_orm::DbErr> {
    let token = random_token();
    let csrf_token = random_token();
    let id = Uuid::now_v7();
    let expires_at = now + absolute;
    session::Entity::insert(session::ActiveModel {
        id: Set(id),
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        csrf_token: Set(csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        client_ip: Set(meta.client_ip.clone()),
        user_agent: Set(meta.user_agent.clone()),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(NewSession { id, token, csrf_token, expires_at })
}

/// Ends every open session of a user (optionally keeping one), e.g. on disabling or a password change.
pub async fn revoke_all(
    tx: &impl ConnectionTrait,
    user_id: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    let mut update = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep));
    }
    Ok(update.exec(tx).await?.rows_affected)
}

pub async fn revoke(tx: &impl ConnectionTrait, session_id: Uuid, now: DateTime<Utc>) -> Result<(), sea_orm::DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(tx)
        .await?;
    Ok(())
}

//! A Redis cache of sessions, so most requests authenticate without the database.
//!
//! Correctness rests on a per-user epoch: every revocation (sign-out, password change, disabling)
//! increments `epoch:<user>` after its transaction commits, and a cached session is used only while
//! its recorded epoch is current. A request that misses reads the epoch *before* the database, so a
//! session cached from a read that raced with a revocation carries the old epoch and is never used.
//! Without Redis there is no cache: every replica reads the database.

use chrono::{DateTime, Utc};
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::state::AppState;

const TTL_SECONDS: u64 = 60;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CachedSession {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub csrf_token: String,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub username: String,
    pub display_name: String,
    pub county_id: Option<Uuid>,
    pub is_platform_admin: bool,
    pub epoch: i64,
}

fn session_key(state: &AppState, token_hash: &str) -> String {
    format!("{}session:{token_hash}", state.settings.redis_prefix)
}

fn epoch_key(state: &AppState, user_id: Uuid) -> String {
    format!("{}epoch:{user_id}", state.settings.redis_prefix)
}

/// A cached session still valid for its user's current epoch.
pub async fn lookup(state: &AppState, token_hash: &str) -> Option<CachedSession> {
    let link = state.redis.as_ref()?;
    let mut conn = link.manager.clone();
    let raw: Option<String> = conn.get(session_key(state, token_hash)).await.ok()?;
    let cached: CachedSession = serde_json::from_str(&raw?).ok()?;
    let epoch: Option<i64> = conn.get(epoch_key(state, cached.user_id)).await.ok()?;
    (epoch.unwrap_or(0) == cached.epoch).then_some(cached)
}

/// The user's epoch, read before the database on a miss.
pub async fn current_epoch(state: &AppState, user_id: Uuid) -> Option<i64> {
    let link = state.redis.as_ref()?;
    let mut conn = link.manager.clone();
    conn.get::<_, Option<i64>>(epoch_key(state, user_id)).await.ok().map(|e| e.unwrap_or(0))
}

pub async fn store(state: &AppState, token_hash: &str, cached: &CachedSession) {
    let Some(link) = state.redis.as_ref() else { return };
    let mut conn = link.manager.clone();
    if let Ok(json) = serde_json::to_string(cached) {
        let stored: Result<(), _> = conn.set_ex(session_key(state, token_hash), json, TTL_SECONDS).await;
        if let Err(err) = stored {
            tracing::warn!(error = %err, "session cache write failed");
        }
    }
}

pub async fn forget(state: &AppState, token_hash: &str) {
    let Some(link) = state.redis.as_ref() else { return };
    let mut conn = link.manager.clone();
    let _: Result<(), _> = conn.del(session_key(state, token_hash)).await;
}

/// Invalidates every cached session of a user. Call after the revoking transaction has committed.
pub async fn revoke_user(state: &AppState, user_id: Uuid) {
    let Some(link) = state.redis.as_ref() else { return };
    let mut conn = link.manager.clone();
    let bumped: Result<i64, _> = conn.incr(epoch_key(state, user_id), 1).await;
    if let Err(err) = bumped {
        tracing::error!(error = %err, %user_id, "could not invalidate cached sessions");
    }
}

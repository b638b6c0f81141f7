//! Anchoring: a signed checkpoint of every chain's head, written outside the database each day.
//! Someone able to rewrite the database can delete the newest events and set the head row to the
//! shortened tail, which the chain alone cannot reveal; an earlier checkpoint still names the events
//! that were there and their hashes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use entity::audit_chain_head as head;
use entity::audit_event as event;
use hmac::{Hmac, Mac};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::AuditKey;
use super::verify::BrokenLink;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub chain_key: String,
    pub last_seq: i64,
    pub last_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub taken_at: DateTime<Utc>,
    pub heads: Vec<ChainHead>,
    /// HMAC-SHA256 with the key derived for checkpoints, over `taken_at` and the heads.
    pub signature: String,
}

fn mac(key: &AuditKey, taken_at: DateTime<Utc>, heads: &[ChainHead]) -> Option<Hmac<sha2::Sha256>> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key.derive("audit-checkpoint")).ok()?;
    mac.update(taken_at.to_rfc3339().as_bytes());
    for h in heads {
        mac.update(format!("\n{}|{}|{}", h.chain_key, h.last_seq, h.last_hash).as_bytes());
    }
    Some(mac)
}

/// The heads of every chain now, signed.
pub async fn take(db: &impl ConnectionTrait, key: &AuditKey, now: DateTime<Utc>) -> Result<Checkpoint, sea_orm::DbErr> {
    let heads: Vec<ChainHead> = head::Entity::find()
        .order_by_asc(head::Column::ChainKey)
        .all(db)
        .await?
        .into_iter()
        .map(|h| ChainHead { chain_key: h.chain_key, last_seq: h.last_seq, last_hash: h.last_hash })
        .collect();
    let signature = mac(key, now, &heads).map(|m| hex::encode(m.finalize().into_bytes())).unwrap_or_default();
    Ok(Checkpoint { taken_at: now, heads, signature })
}

pub fn signature_ok(key: &AuditKey, c: &Checkpoint) -> bool {
    let Ok(given) = hex::decode(&c.signature) else { return false };
    mac(key, c.taken_at, &c.heads).is_some_and(|m| m.verify_slice(&given).is_ok())
}

/// Writes the checkpoint as a file of its own in `dir`; files are never overwritten.
pub fn write(dir: &Path, c: &Checkpoint) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("audit-checkpoint-{}.json", c.taken_at.format("%Y%m%dT%H%M%SZ")));
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
    std::io::Write::write_all(&mut file, serde_json::to_string_pretty(c)?.as_bytes())?;
    Ok(path)
}

/// Every checkpoint file in `dir`, oldest first; a file that does not parse is reported as forged.
pub fn read_all(dir: &Path) -> anyhow::Result<Vec<(PathBuf, Option<Checkpoint>)>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|p| {
            let parsed = std::fs::read_to_string(&p).ok().and_then(|t| serde_json::from_str(&t).ok());
            (p, parsed)
        })
        .collect())
}

/// The first checkpoint the database no longer agrees with: a forged checkpoint, or a recorded
/// head whose event is gone (`checkpoint_missing`) or differs (`checkpoint_mismatch`).
pub async fn verify_against(
    db: &impl ConnectionTrait,
    key: &AuditKey,
    checkpoints: &[Option<Checkpoint>],
    include: &impl Fn(&str) -> bool,
) -> Result<Option<BrokenLink>, sea_orm::DbErr> {
    for c in checkpoints {
        let Some(c) = c.as_ref().filter(|c| signature_ok(key, c)) else {
            return Ok(Some(BrokenLink {
                chain_key: String::new(),
                seq: 0,
                event_id: None,
                reason: "checkpoint_forged".into(),
            }));
        };
        for h in c.heads.iter().filter(|h| h.last_seq > 0 && include(&h.chain_key)) {
            let found = event::Entity::find()
                .filter(event::Column::ChainKey.eq(h.chain_key.clone()))
                .filter(event::Column::Seq.eq(h.last_seq))
                .one(db)
                .await?;
            let reason = match found {
                None => "checkpoint_missing",
                Some(e) if e.hash != h.last_hash => "checkpoint_mismatch",
                Some(_) => continue,
            };
            return Ok(Some(BrokenLink {
                chain_key: h.chain_key.clone(),
                seq: h.last_seq,
                event_id: None,
                reason: reason.into(),
            }));
        }
    }
    Ok(None)
}

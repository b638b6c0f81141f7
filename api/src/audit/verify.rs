//! Walks audit chains and reports the first broken link.

use entity::audit_chain_head as head;
use entity::audit_event as event;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{AuditKey, GENESIS, link_hash};

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct VerifyReport {
    pub ok: bool,
    pub chains_checked: u64,
    pub events_checked: u64,
    /// Signed checkpoints (written outside the database) the chains were checked against.
    pub checkpoints_checked: u64,
    /// The first broken link found, if any.
    pub first_broken: Option<BrokenLink>,
}

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct BrokenLink {
    pub chain_key: String,
    /// The sequence number at which the chain stops verifying.
    pub seq: i64,
    pub event_id: Option<Uuid>,
    /// `hash_mismatch` (an event was altered or forged), `sequence_gap` (an event was removed),
    /// `prev_hash_mismatch` (events were reordered or replaced), `tail_truncated` (the newest events
    /// are gone), `head_mismatch` (events exist beyond the recorded head); against a checkpoint,
    /// `checkpoint_missing` (an event it recorded is gone, even if the head was rewritten to match),
    /// `checkpoint_mismatch` (that event differs) or `checkpoint_forged` (its signature fails).
    pub reason: String,
}

const PAGE: u64 = 2000;

/// Verifies the chains whose keys satisfy `include`.
pub async fn verify_chains(
    db: &impl ConnectionTrait,
    key: &AuditKey,
    include: impl Fn(&str) -> bool,
) -> Result<VerifyReport, sea_orm::DbErr> {
    let mut chain_keys: Vec<String> = head::Entity::find().all(db).await?.into_iter().map(|h| h.chain_key).collect();
    let event_chains: Vec<String> =
        event::Entity::find().select_only().column(event::Column::ChainKey).distinct().into_tuple().all(db).await?;
    chain_keys.extend(event_chains);
    chain_keys.sort();
    chain_keys.dedup();
    let mut report =
        VerifyReport { ok: true, chains_checked: 0, events_checked: 0, checkpoints_checked: 0, first_broken: None };
    for chain_key in chain_keys.into_iter().filter(|k| include(k)) {
        report.chains_checked += 1;
        if let Some(broken) = verify_chain(db, key, &chain_key, &mut report.events_checked).await? {
            report.ok = false;
            report.first_broken = Some(broken);
            break;
        }
    }
    Ok(report)
}

/// Verifies the chains, then checks them against every signed checkpoint in `dir`.
pub async fn verify_with_checkpoints(
    db: &impl ConnectionTrait,
    key: &AuditKey,
    dir: &std::path::Path,
    include: impl Fn(&str) -> bool,
) -> Result<VerifyReport, crate::error::ApiError> {
    let mut report = verify_chains(db, key, &include).await?;
    if !report.ok {
        return Ok(report);
    }
    let checkpoints: Vec<_> = super::checkpoint::read_all(dir)?.into_iter().map(|(_, checkpoint)| checkpoint).collect();
    report.checkpoints_checked = checkpoints.len() as u64;
    if let Some(broken) = super::checkpoint::verify_against(db, key, &checkpoints, &include).await? {
        report.ok = false;
        report.first_broken = Some(broken);
    }
    Ok(report)
}

async fn verify_chain(
    db: &impl ConnectionTrait,
    key: &AuditKey,
    chain_key: &str,
    counted: &mut u64,
) -> Result<Option<BrokenLink>, sea_orm::DbErr> {
    let broken = |seq: i64, event_id: Option<Uuid>, reason: &str| BrokenLink {
        chain_key: chain_key.to_string(),
        seq,
        event_id,
        reason: reason.to_string(),
    };
    let mut running = GENESIS.to_string();
    let mut last_seq = 0_i64;
    loop {
        let page = event::Entity::find()
            .filter(event::Column::ChainKey.eq(chain_key))
            .filter(event::Column::Seq.gt(last_seq))
            .order_by_asc(event::Column::Seq)
            .limit(PAGE)
            .all(db)
            .await?;
        let page_len = page.len() as u64;
        for e in page {
            *counted += 1;
            if e.seq != last_seq + 1 {
                return Ok(Some(broken(last_seq + 1, None, "sequence_gap")));
            }
            if e.prev_hash != running {
                return Ok(Some(broken(e.seq, Some(e.id), "prev_hash_mismatch")));
            }
            if link_hash(key, &e) != e.hash {
                return Ok(Some(broken(e.seq, Some(e.id), "hash_mismatch")));
            }
            running = e.hash;
            last_seq = e.seq;
        }
        if page_len < PAGE {
            break;
        }
    }
    let head = head::Entity::find_by_id(chain_key.to_string()).one(db).await?;
    match head {
        Some(h) if h.last_seq > last_seq => Ok(Some(broken(last_seq + 1, None, "tail_truncated"))),
        Some(h) if h.last_seq < last_seq || h.last_hash != running => {
            Ok(Some(broken(h.last_seq + 1, None, "head_mismatch")))
        }
        Some(_) => Ok(None),
        None if last_seq > 0 => Ok(Some(broken(last_seq, None, "head_mismatch"))),
        None => Ok(None),
    }
}

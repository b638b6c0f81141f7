//! The audit trail: every state change and every denied request, hash-chained per unit (or per
//! county, or the platform) with a keyed HMAC, so that editing, removing, reordering, forging or
//! truncating events is detected by `verify`.

pub mod checkpoint;
pub mod routes;
pub mod verify;

use chrono::{DateTime, SecondsFormat, Utc};
use entity::audit_chain_head as head;
use entity::audit_event as event;
use entity::enums::AuditOutcome;
use hmac::{Hmac, Mac};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use sha2::Sha256;
use uuid::Uuid;

use crate::config::Secret;

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The HMAC key of the chain. Without it nobody can compute a link that verifies.
#[derive(Debug, Clone)]
pub struct AuditKey(Secret<Vec<u8>>);

impl AuditKey {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(Secret::new(bytes))
    }

    /// A key for another purpose (tracking secrets, applicant matching), derived so the replicas
    /// share it without another setting, and so no derived value reveals the chain key.
    pub fn derive(&self, purpose: &str) -> Vec<u8> {
        use hmac::{Hmac, Mac};
        let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(self.0.expose()) else { return Vec::new() };
        mac.update(b"gongkai-derive:");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

/// Who acted, as the audit trail records it.
#[derive(Debug, Clone)]
pub struct AuditActor {
    pub user_id: Option<Uuid>,
    pub name: String,
    pub request_id: String,
    pub client_ip: String,
}

/// The platform acting by itself: a scheduled job, named so the trail says which.
pub fn system_actor(job: &str) -> AuditActor {
    AuditActor { user_id: None, name: format!("system ({job})"), request_id: job.into(), client_ip: "local".into() }
}

/// What happened.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub county_id: Option<Uuid>,
    pub unit_id: Option<Uuid>,
    pub outcome: AuditOutcome,
    pub summary: serde_json::Value,
}

impl AuditRecord {
    pub fn success(action: &str, object_type: &str, object_id: impl ToString) -> Self {
        Self {
            action: action.into(),
            object_type: object_type.into(),
            object_id: Some(object_id.to_string()),
            county_id: None,
            unit_id: None,
            outcome: AuditOutcome::Success,
            summary: serde_json::Value::Null,
        }
    }

    pub fn denied(action: &str, object_type: &str, reason: &str) -> Self {
        Self {
            action: action.into(),
            object_type: object_type.into(),
            object_id: None,
            county_id: None,
            unit_id: None,
            outcome: AuditOutcome::Denied,
            summary: serde_json::json!({ "reason": reason }),
        }
    }

    pub fn in_unit(mut self, county_id: Uuid, unit_id: Uuid) -> Self {
        self.county_id = Some(county_id);
        self.unit_id = Some(unit_id);
        self
    }

    pub fn in_county(mut self, county_id: Option<Uuid>) -> Self {
        self.county_id = county_id;
        self
    }

    pub fn object(mut self, object_id: impl ToString) -> Self {
        self.object_id = Some(object_id.to_string());
        self
    }

    pub fn change(mut self, before: impl serde::Serialize, after: impl serde::Serialize) -> Self {
        self.summary = serde_json::json!({
            "before": serde_json::to_value(before).unwrap_or_default(),
            "after": serde_json::to_value(after).unwrap_or_default(),
        });
        self
    }

    pub fn with_summary(mut self, summary: serde_json::Value) -> Self {
        self.summary = summary;
        self
    }

    fn chain_key(&self) -> String {
        match (self.unit_id, self.county_id) {
            (Some(unit), _) => format!("unit:{unit}"),
            (None, Some(county)) => format!("county:{county}"),
            (None, None) => "platform".into(),
        }
    }
}

/// Appends one event, inside the caller's transaction. The chain head's row is updated first, which
/// locks it until commit and so serialises appends to one chain across replicas.
pub async fn append(
    tx: &impl ConnectionTrait,
    key: &AuditKey,
    actor: &AuditActor,
    record: AuditRecord,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let chain_key = record.chain_key();
    head::Entity::insert(head::ActiveModel {
        chain_key: Set(chain_key.clone()),
        last_seq: Set(0),
        last_hash: Set(GENESIS.into()),
        updated_at: Set(now),
    })
    .on_conflict(OnConflict::column(head::Column::ChainKey).do_nothing().to_owned())
    .exec_without_returning(tx)
    .await?;

    let advance = Query::update()
        .table(head::Entity)
        .value(head::Column::LastSeq, Expr::col(head::Column::LastSeq).add(1))
        .and_where(Expr::col(head::Column::ChainKey).eq(chain_key.clone()))
        .returning(Query::returning().columns([head::Column::LastSeq, head::Column::LastHash]))
        .to_owned();
    let row =
        tx.query_one(&advance).await?.ok_or_else(|| DbErr::RecordNotFound(format!("audit chain head {chain_key}")))?;
    let seq: i64 = row.try_get("", "last_seq")?;
    let prev_hash: String = row.try_get("", "last_hash")?;

    let mut model = event::Model {
        id: Uuid::now_v7(),
        chain_key: chain_key.clone(),
        seq,
        county_id: record.county_id,
        unit_id: record.unit_id,
        actor_user_id: actor.user_id,
        actor_name: truncate(&actor.name, 128),
        action: record.action,
        object_type: record.object_type,
        object_id: record.object_id.map(|s| truncate(&s, 128)),
        outcome: record.outcome,
        summary: record.summary.to_string(),
        request_id: truncate(&actor.request_id, 64),
        client_ip: truncate(&actor.client_ip, 64),
        created_at: now,
        prev_hash,
        hash: String::new(),
    };
    model.hash = link_hash(key, &model);
    let id = model.id;
    let hash = model.hash.clone();
    event::Entity::insert(event::ActiveModel::from(model)).exec_without_returning(tx).await?;

    let close = Query::update()
        .table(head::Entity)
        .value(head::Column::LastHash, hash)
        .value(head::Column::UpdatedAt, now)
        .and_where(Expr::col(head::Column::ChainKey).eq(chain_key))
        .to_owned();
    tx.execute(&close).await?;
    Ok(id)
}

/// The HMAC of an event over its predecessor's hash and every recorded field.
pub fn link_hash(key: &AuditKey, e: &event::Model) -> String {
    let canonical = serde_json::json!([
        e.id,
        e.chain_key,
        e.seq,
        e.county_id,
        e.unit_id,
        e.actor_user_id,
        e.actor_name,
        e.action,
        e.object_type,
        e.object_id,
        e.outcome.as_str(),
        e.summary,
        e.request_id,
        e.client_ip,
        e.created_at.to_rfc3339_opts(SecondsFormat::Micros, true),
    ]);
    let mut mac = match Hmac::<Sha256>::new_from_slice(key.0.expose()) {
        Ok(mac) => mac,
        // HMAC accepts keys of any length; this arm cannot be reached.
        Err(_) => return String::new(),
    };
    mac.update(e.prev_hash.as_bytes());
    mac.update(b"|");
    mac.update(canonical.to_string().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn truncate(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn event_with(actor_name: String, action: String, summary: String, prev_hash: String) -> event::Model {
        event::Model {
            id: Uuid::nil(),
            chain_key: "unit:x".into(),
            seq: 1,
            county_id: None,
            unit_id: None,
            actor_user_id: None,
            actor_name,
            action,
            object_type: "application".into(),
            object_id: None,
            outcome: entity::enums::AuditOutcome::Success,
            summary,
            request_id: "r".into(),
            client_ip: "127.0.0.1".into(),
            created_at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            prev_hash,
            hash: String::new(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The encoding is unambiguous: moving text from one field into its neighbour, or changing
        /// any field or the predecessor's hash, changes the link.
        #[test]
        fn no_two_different_events_share_a_link(
            a in "\\PC{0,20}", b in "\\PC{1,20}", summary in "\\PC{0,40}", prev in "[0-9a-f]{64}",
        ) {
            let key = AuditKey::new(b"property-test-key-0123456789abcdef".to_vec());
            let base = link_hash(&key, &event_with(a.clone(), b.clone(), summary.clone(), prev.clone()));
            let first: String = b.chars().take(1).collect();
            let rest: String = b.chars().skip(1).collect();
            let moved = event_with(format!("{a}{first}"), rest, summary.clone(), prev.clone());
            prop_assert_ne!(&base, &link_hash(&key, &moved));
            let edited = event_with(a.clone(), b.clone(), format!("{summary}x"), prev.clone());
            prop_assert_ne!(&base, &link_hash(&key, &edited));
            let relinked = event_with(a, b, summary, "0".repeat(64));
            if prev != "0".repeat(64) {
                prop_assert_ne!(&base, &link_hash(&key, &relinked));
            }
        }
    }
}

//! Authorization with casbin (RBAC with domains).
//!
//! The permission rows come from `policies/*.csv`, compiled in. Who holds which role where comes
//! from the database: every replica rebuilds its enforcer when the policy version in the database
//! changes (polled) or when Redis announces a change, so a change holds everywhere within a second.

pub mod permissions;
pub mod routes;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context;
use casbin::{CoreApi, DefaultModel, Enforcer, MemoryAdapter, MgmtApi};
use entity::enums::{OversightFunction, UnitRole, UserStatus};
use entity::{role_assignment, system_state, unit, user};
use futures_util::StreamExt;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::redis_conn::RedisLink;

pub const MODEL: &str = include_str!("../../../policies/model.conf");
pub const POLICY_FILES: &[(&str, &str)] = &[
    ("unit_roles.csv", include_str!("../../../policies/unit_roles.csv")),
    ("county_functions.csv", include_str!("../../../policies/county_functions.csv")),
    ("platform.csv", include_str!("../../../policies/platform.csv")),
];
pub const PLATFORM_ADMIN_ROLE: &str = "platform_admin";
const VERSION_KEY: &str = "policy_version";

/// A casbin domain. Built only from typed ids, so no request text can smuggle a pattern into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    Platform,
    County(Uuid),
    Unit(Uuid),
}

impl std::fmt::Display for Domain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Platform => f.write_str("platform"),
            Self::County(id) => write!(f, "county:{id}"),
            Self::Unit(id) => write!(f, "unit:{id}"),
        }
    }
}

/// One role a user holds in one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub unit_id: Uuid,
    pub county_id: Uuid,
    pub role: UnitRole,
    pub function: Option<OversightFunction>,
}

/// A permission row from the policy files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRow {
    pub role: String,
    pub object: String,
    pub action: String,
}

/// Parses `p, role, object, action` rows; comments and blank lines are skipped.
pub fn policy_rows() -> anyhow::Result<Vec<PolicyRow>> {
    let mut rows = Vec::new();
    for (file, text) in POLICY_FILES {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split(',').map(str::trim).collect();
            match parts.as_slice() {
                ["p", role, object, action] if !role.is_empty() && !object.is_empty() && !action.is_empty() => rows
                    .push(PolicyRow {
                        role: (*role).to_string(),
                        object: (*object).to_string(),
                        action: (*action).to_string(),
                    }),
                _ => anyhow::bail!("{file}:{}: expected `p, role, object, action`", n + 1),
            }
        }
    }
    Ok(rows)
}

pub fn function_role(function: OversightFunction, role: UnitRole) -> String {
    format!("{}:{}", function.as_str(), role.as_str())
}

struct Snapshot {
    enforcer: Enforcer,
    memberships: HashMap<Uuid, Vec<Membership>>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("users", &self.memberships.len()).finish()
    }
}

pub struct PolicyStore {
    snapshot: RwLock<Arc<Snapshot>>,
    notice_channel: std::sync::OnceLock<String>,
    version: AtomicI64,
    reload: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for PolicyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PolicyStore").field("version", &self.version.load(Ordering::Relaxed)).finish()
    }
}

impl PolicyStore {
    pub async fn load(db: &DatabaseConnection) -> anyhow::Result<Self> {
        let version = read_version(db).await?;
        let snapshot = build_snapshot(db).await?;
        Ok(Self {
            snapshot: RwLock::new(Arc::new(snapshot)),
            notice_channel: std::sync::OnceLock::new(),
            version: AtomicI64::new(version),
            reload: tokio::sync::Mutex::new(()),
        })
    }

    fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Whether `user` may do `object.action` in `domain`.
    pub fn allows(&self, user: Uuid, domain: Domain, object: &str, action: &str) -> bool {
        let snapshot = self.current();
        let (user, domain) = (user.to_string(), domain.to_string());
        snapshot.enforcer.enforce((user.as_str(), domain.as_str(), object, action)).unwrap_or(false)
    }

    pub fn memberships(&self, user: Uuid) -> Vec<Membership> {
        self.current().memberships.get(&user).cloned().unwrap_or_default()
    }

    /// Rebuilds the enforcer if the database holds a newer version than this replica has.
    pub async fn refresh(&self, db: &DatabaseConnection) -> anyhow::Result<bool> {
        let _guard = self.reload.lock().await;
        let version = read_version(db).await?;
        if version == self.version.load(Ordering::Acquire) {
            return Ok(false);
        }
        let snapshot = build_snapshot(db).await?;
        match self.snapshot.write() {
            Ok(mut s) => *s = Arc::new(snapshot),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(snapshot),
        }
        self.version.store(version, Ordering::Release);
        tracing::info!(version, "authorization policy reloaded");
        Ok(true)
    }

    /// Keeps this replica current: polls the version, and listens to Redis for immediate notices.
    pub fn spawn_watchers(
        self: &Arc<Self>,
        db: DatabaseConnection,
        redis: Option<RedisLink>,
        notice_channel: String,
        poll: Duration,
    ) {
        let _ = self.notice_channel.set(notice_channel);
        let store = self.clone();
        let poll_db = db.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(poll);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(err) = store.refresh(&poll_db).await {
                    tracing::warn!(error = %err, "policy refresh failed");
                }
            }
        });
        if let Some(redis) = redis {
            let store = self.clone();
            tokio::spawn(async move {
                loop {
                    if let Err(err) = listen_for_notices(&store, &db, &redis).await {
                        tracing::warn!(error = %err, "policy notice subscription lost; retrying");
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            });
        }
    }
}

async fn listen_for_notices(store: &PolicyStore, db: &DatabaseConnection, redis: &RedisLink) -> anyhow::Result<()> {
    let channel = store.notice_channel.get().cloned().unwrap_or_default();
    let mut pubsub = redis.client.get_async_pubsub().await?;
    pubsub.subscribe(channel).await?;
    let mut messages = pubsub.on_message();
    while messages.next().await.is_some() {
        store.refresh(db).await?;
    }
    Ok(())
}

/// Records that roles changed, inside the transaction that changed them.
pub async fn bump_version(tx: &impl ConnectionTrait, now: chrono::DateTime<chrono::Utc>) -> Result<(), sea_orm::DbErr> {
    let insert = system_state::Entity::insert(system_state::ActiveModel {
        key: Set(VERSION_KEY.into()),
        value: Set(1),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(system_state::Column::Key)
            .value(system_state::Column::Value, Expr::col((system_state::Entity, system_state::Column::Value)).add(1))
            .value(system_state::Column::UpdatedAt, Expr::val(now))
            .to_owned(),
    );
    insert.exec_without_returning(tx).await?;
    Ok(())
}

/// After the commit: tell other replicas at once (when Redis is there) and refresh this one.
pub async fn announce_change(store: &PolicyStore, db: &DatabaseConnection, redis: Option<&RedisLink>) {
    if let Some(redis) = redis {
        let mut conn = redis.manager.clone();
        let channel = store.notice_channel.get().cloned().unwrap_or_default();
        let sent: Result<i64, _> = redis::cmd("PUBLISH").arg(channel).arg("1").query_async(&mut conn).await;
        if let Err(err) = sent {
            tracing::warn!(error = %err, "could not publish policy change; replicas will poll");
        }
    }
    if let Err(err) = store.refresh(db).await {
        tracing::warn!(error = %err, "policy refresh after change failed");
    }
}

async fn read_version(db: &DatabaseConnection) -> anyhow::Result<i64> {
    Ok(system_state::Entity::find_by_id(VERSION_KEY.to_string()).one(db).await?.map(|row| row.value).unwrap_or(0))
}

async fn build_snapshot(db: &DatabaseConnection) -> anyhow::Result<Snapshot> {
    let model = DefaultModel::from_str(MODEL).await.context("parsing policies/model.conf")?;
    let mut enforcer = Enforcer::new(model, MemoryAdapter::default()).await.context("building the enforcer")?;
    let rows: Vec<Vec<String>> = policy_rows()?.into_iter().map(|r| vec![r.role, r.object, r.action]).collect();
    enforcer.add_policies(rows).await.context("loading permission rows")?;

    let active_users: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Status.eq(UserStatus::Active))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let units: HashMap<Uuid, unit::Model> = unit::Entity::find()
        .filter(unit::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let assignments = role_assignment::Entity::find().all(db).await?;

    let mut grouping = Vec::new();
    let mut memberships: HashMap<Uuid, Vec<Membership>> = HashMap::new();
    for user in active_users.values().filter(|u| u.is_platform_admin) {
        grouping.push(vec![user.id.to_string(), PLATFORM_ADMIN_ROLE.into(), Domain::Platform.to_string()]);
    }
    for a in assignments {
        let (Some(user), Some(unit)) = (active_users.get(&a.user_id), units.get(&a.unit_id)) else {
            continue;
        };
        if user.county_id != Some(unit.county_id) {
            continue;
        }
        grouping.push(vec![a.user_id.to_string(), a.role.as_str().into(), Domain::Unit(a.unit_id).to_string()]);
        if let Some(function) = unit.function {
            grouping.push(vec![
                a.user_id.to_string(),
                function_role(function, a.role),
                Domain::County(unit.county_id).to_string(),
            ]);
        }
        memberships.entry(a.user_id).or_default().push(Membership {
            unit_id: a.unit_id,
            county_id: unit.county_id,
            role: a.role,
            function: unit.function,
        });
    }
    grouping.sort();
    grouping.dedup();
    if !grouping.is_empty() {
        enforcer.add_grouping_policies(grouping).await.context("loading role assignments")?;
    }
    Ok(Snapshot { enforcer, memberships })
}

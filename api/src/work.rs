//! The end every writing request shares: its audit event appended in the request's own transaction,
//! what must be bumped bumped, then the commit — so no step can commit without its record, and the
//! record never outlives a rolled-back change.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;

use crate::audit::{self, AuditActor, AuditRecord};
use crate::error::ApiError;
use crate::policy;
use crate::state::AppState;

/// Appends the audit event of the request and commits its transaction.
pub async fn commit(
    tx: DatabaseTransaction,
    state: &AppState,
    actor: &AuditActor,
    record: AuditRecord,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    audit::append(&tx, &state.audit_key, actor, record, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The same for a request that changed who may do what: the authorization version moves in the same
/// transaction, and every replica is told after the commit.
pub async fn commit_authorization_change(
    tx: DatabaseTransaction,
    state: &AppState,
    actor: &AuditActor,
    record: AuditRecord,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    audit::append(&tx, &state.audit_key, actor, record, now).await?;
    policy::bump_version(&tx, now).await?;
    tx.commit().await?;
    policy::announce_change(&state.policy, &state.db, state.redis.as_ref()).await;
    Ok(())
}

/// Runs one step of a request as a unit of work: opens the write transaction, runs the step, appends
/// the audit event the step returns, commits. Any error rolls the whole step back.
pub async fn run<T>(
    state: &AppState,
    actor: &AuditActor,
    now: DateTime<Utc>,
    step: impl AsyncFnOnce(&DatabaseTransaction) -> Result<(T, AuditRecord), ApiError>,
) -> Result<T, ApiError> {
    let tx = crate::db::write_tx(&state.db).await?;
    let (value, record) = step(&tx).await?;
    commit(tx, state, actor, record, now).await?;
    Ok(value)
}

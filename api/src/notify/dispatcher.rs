//! The email dispatcher: claims due outbox rows, sends them, and records the outcome. A row is
//! claimed with a lease, so a dispatcher that dies mid-batch loses nothing: the lease runs out and
//! another run sends the row, with the same Message-ID.

use chrono::{DateTime, TimeDelta, Utc};
use entity::email_outbox as outbox;
use entity::enums::OutboxState;
use lettre::message::Mailbox;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{ColumnTrait, Condition, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::mailer::{Mailer, Outgoing, SendError};
use crate::db::write_tx;
use crate::state::AppState;

pub const MAX_ATTEMPTS: i32 = 8;
const LEASE: TimeDelta = TimeDelta::minutes(2);
const BATCH: u64 = 20;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct DispatchReport {
    pub sent: u64,
    pub retried: u64,
    pub dead: u64,
}

impl DispatchReport {
    pub fn handled(&self) -> u64 {
        self.sent + self.retried + self.dead
    }
}

/// Exponential backoff: 30 s, 1 min, 2 min … capped at an hour.
pub fn backoff(attempts: i32) -> TimeDelta {
    let exp = u32::try_from(attempts.clamp(0, 7)).unwrap_or(0);
    TimeDelta::seconds((30_i64 << exp).min(3600))
}

/// Claims up to one batch of due rows by setting their lease. Public so tests can simulate a
/// dispatcher that claims and then dies.
pub async fn claim(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<Vec<outbox::Model>> {
    let tx = write_tx(&state.db).await?;
    let mut select = outbox::Entity::find()
        .filter(outbox::Column::State.eq(OutboxState::Pending))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(Condition::any().add(outbox::Column::LockedUntil.is_null()).add(outbox::Column::LockedUntil.lte(now)))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .limit(BATCH);
    if state.db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = select.all(&tx).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    if !ids.is_empty() {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::LockedUntil, Expr::value(Some(now + LEASE)))
            .filter(outbox::Column::Id.is_in(ids))
            .exec(&tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows)
}

/// One dispatcher step: claim a batch, send it, record each outcome. Tests drive this directly.
pub async fn dispatch_once(state: &AppState, mailer: &Mailer, now: DateTime<Utc>) -> anyhow::Result<DispatchReport> {
    let from: Mailbox = state.settings.mail_from.parse().map_err(|e| anyhow::anyhow!("MAIL_FROM is invalid: {e}"))?;
    let mut report = DispatchReport::default();
    for row in claim(state, now).await? {
        let mail = Outgoing {
            message_id: row.message_id.clone(),
            to_address: row.to_address.clone(),
            to_name: row.to_name.clone(),
            subject: row.subject.clone(),
            text: row.body_text.clone(),
            html: row.body_html.clone(),
        };
        let outcome = mailer.send(&from, &mail).await;
        let attempts = row.attempts + 1;
        let mut update = outbox::Entity::update_many()
            .col_expr(outbox::Column::Attempts, Expr::value(attempts))
            .col_expr(outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(outbox::Column::Id.eq(row.id));
        match outcome {
            Ok(()) => {
                report.sent += 1;
                update = update
                    .col_expr(outbox::Column::State, Expr::value(OutboxState::Sent))
                    .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
                    .col_expr(outbox::Column::LastError, Expr::value(Option::<String>::None));
            }
            Err(SendError::Transient(err)) if attempts < MAX_ATTEMPTS => {
                report.retried += 1;
                tracing::warn!(message_id = %row.message_id, attempts, error = %err, "email deferred");
                update = update
                    .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + backoff(attempts)))
                    .col_expr(outbox::Column::LastError, Expr::value(Some(err)));
            }
            Err(SendError::Transient(err) | SendError::Permanent(err)) => {
                report.dead += 1;
                tracing::error!(message_id = %row.message_id, attempts, error = %err, "email dead-lettered");
                update = update
                    .col_expr(outbox::Column::State, Expr::value(OutboxState::Dead))
                    .col_expr(outbox::Column::LastError, Expr::value(Some(err)));
            }
        }
        update.exec(&state.db).await?;
    }
    Ok(report)
}

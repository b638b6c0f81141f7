//! Database connection, migrations and write transactions for SQLite and PostgreSQL.

use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionOptions, TransactionTrait,
};

use crate::config::Settings;

pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    connect_url(settings.database_url.expose(), settings.database_max_connections).await
}

pub async fn connect_url(url: &str, max_connections: u32) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file_path(url)
        && let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut opts = ConnectOptions::new(url.to_string());
    opts.max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    let db = Database::connect(opts).await.context("connecting to the database")?;
    Ok(db)
}

fn sqlite_file_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Runs pending migrations. On PostgreSQL an advisory lock, held by an open transaction for the
/// duration, makes replicas that start together take turns; the later ones find nothing to do.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let lock = db.begin().await?;
            lock.execute_raw(Statement::from_string(DbBackend::Postgres, "SELECT pg_advisory_xact_lock(7220221001)"))
                .await
                .context("taking the migration lock")?;
            let result = Migrator::up(db, None).await;
            lock.commit().await?;
            result.context("running migrations")?;
        }
        _ => Migrator::up(db, None).await.context("running migrations")?,
    }
    Ok(())
}

/// Begins a transaction that will write. On SQLite it starts as IMMEDIATE so two writers never
/// deadlock upgrading read locks; busy_timeout then queues them.
pub async fn write_tx(db: &DatabaseConnection) -> Result<DatabaseTransaction, sea_orm::DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_are_found_in_urls() {
        assert_eq!(sqlite_file_path("sqlite://./data/g.db?mode=rwc"), Some("./data/g.db"));
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://x"), None);
    }
}

//! Portal retries are recognised by a keyed hash of the client's Idempotency-Key, bound to a
//! fingerprint of the request body and an expiry, in a table of their own: the raw key is never
//! stored, and the read-only audit role cannot read the table.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("idempotency_keys")
                    .col(string_len("key_hash", 64).primary_key())
                    .col(string_len("fingerprint", 64))
                    .col(uuid("application_id"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name("ux_applications_idempotency_key").table("applications").to_owned())
            .await?;
        manager.alter_table(Table::alter().table("applications").drop_column("idempotency_key").to_owned()).await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "DO $$ BEGIN \
                     IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongkai_audit_reader') THEN \
                     REVOKE ALL ON idempotency_keys FROM gongkai_audit_reader; END IF; END $$",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("applications")
                    .add_column(string_len_null("idempotency_key", 100).to_owned())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_applications_idempotency_key")
                    .table("applications")
                    .col("idempotency_key")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table("idempotency_keys").to_owned()).await?;
        Ok(())
    }
}

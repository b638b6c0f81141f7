//! The catalogue's full-text index: each published version's words, segmented in Chinese, with the
//! filters a search uses. PostgreSQL searches it through a GIN index on its `simple` tsvector;
//! SQLite through an FTS5 table beside it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("catalogue_search")
                    .col(uuid("item_id").primary_key())
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(uuid_null("heading_id"))
                    .col(string_len("category", 32))
                    .col(date("published_on"))
                    .col(date_null("valid_until"))
                    .col(date_null("repealed_on"))
                    .col(text("tokens"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "catalogue_search",
                "ix_catalogue_search_county_published",
                &["county_id", "published_on"],
            ))
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE INDEX ix_catalogue_search_tokens ON catalogue_search USING GIN (to_tsvector('simple', tokens))",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared("CREATE VIRTUAL TABLE catalogue_fts USING fts5(item_id UNINDEXED, tokens)")
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP TABLE IF EXISTS catalogue_fts").await?;
        }
        manager.drop_table(Table::drop().table("catalogue_search").to_owned()).await
    }
}

//! Takes back the newest-first index of 000035. With it, PostgreSQL walks the whole catalogue in
//! date order for a word it guesses common but which is rare or absent (the benchmark's p99 went
//! from 0.15 s to 17 s); without it every search goes through the full-text index, and the count is
//! capped instead (`disclosure::search::COUNT_CAP`).

use sea_orm_migration::prelude::*;

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_catalogue_search_newest").table("catalogue_search").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("catalogue_search", "ix_catalogue_search_newest", &["published_on", "item_id"]))
            .await
    }
}

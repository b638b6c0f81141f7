//! The catalogue search lists matches newest first. For a frequent word (a tenth of the items) the
//! planner can then walk the index in that order and stop at the page, instead of fetching and
//! sorting every match; a rare word still goes through the full-text index.

use sea_orm_migration::prelude::*;

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("catalogue_search", "ix_catalogue_search_newest", &["published_on", "item_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_catalogue_search_newest").table("catalogue_search").to_owned()).await
    }
}

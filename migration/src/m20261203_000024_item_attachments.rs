//! Files attached to an information item, with the text the scan reads in them. A file belongs to
//! the revisions from the one it was added in until the one it was removed in, so the public sees
//! only the files of the revision that was reviewed and published.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, unit_owned};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                unit_owned("item_attachments")
                    .col(uuid("item_id"))
                    .col(string_len("file_name", 200))
                    .col(string_len("content_type", 100))
                    .col(integer("size_bytes"))
                    .col(string_len("sha256", 64))
                    .col(blob("content"))
                    .col(text_null("text"))
                    .col(string_len_null("unreadable", 24))
                    .col(integer("added_revision"))
                    .col(integer_null("removed_revision"))
                    .col(uuid("uploaded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("item_attachments", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("item_attachments", "ix_item_attachments_item", &["item_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("item_attachments").to_owned()).await
    }
}

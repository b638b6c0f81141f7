//! Attachment quotas count the applicant's files and the staff's separately, so neither can use up
//! the other's.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = boolean("by_staff").default(false).not_null().to_owned();
        manager.alter_table(Table::alter().table("application_attachments").add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("application_attachments").drop_column("by_staff").to_owned()).await
    }
}

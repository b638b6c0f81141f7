//! The help a counter gave an applicant with reading, visual or hearing difficulties (Art. 43), so
//! the handler knows how to answer them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("applications").add_column(string_len_null("assistance", 500)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("applications").drop_column("assistance").to_owned()).await
    }
}

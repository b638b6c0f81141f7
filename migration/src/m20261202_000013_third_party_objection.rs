//! Art. 32: a third party consulted may object to disclosure; a body that discloses anyway in the
//! public interest gives its reason and tells the third party in writing.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("application_consultations")
                    .add_column(boolean("objected").default(false).not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("applications").add_column(text_null("draft_public_interest")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("applications").drop_column("draft_public_interest").to_owned())
            .await?;
        manager.alter_table(Table::alter().table("application_consultations").drop_column("objected").to_owned()).await
    }
}

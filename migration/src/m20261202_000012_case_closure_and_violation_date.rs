//! AC 10 / AC 5: a case may close without measures — exempted from handling (免予处理) or no
//! violation found — with its reasons. AC 11(4): "twice within one year" is counted on the dates of
//! the violations, so a case records the day its violation happened.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [string_len_null("closure", 16).to_owned(), date_null("violated_on").to_owned()] {
            manager.alter_table(Table::alter().table("cases").add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["closure", "violated_on"] {
            manager.alter_table(Table::alter().table("cases").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

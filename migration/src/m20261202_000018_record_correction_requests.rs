//! Art. 41: a request to correct a record about oneself is received like an application, routed to
//! the body that holds the record, and answered with its own outcome (corrected, not corrected, or
//! the body with power to correct named), never with a table-3 outcome.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 4] = ["request_kind", "correction_sought", "correction_outcome", "correction_body"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len("request_kind", 16).default("disclosure").to_owned(),
            text_null("correction_sought").to_owned(),
            string_len_null("correction_outcome", 24).to_owned(),
            string_len_null("correction_body", 200).to_owned(),
        ] {
            manager.alter_table(Table::alter().table("applications").add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager.alter_table(Table::alter().table("applications").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

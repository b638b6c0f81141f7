//! A review or appeal that goes to a body outside the county — the body above the county
//! government, or the higher supervisory commission for the supervisory track's 复核 — is recorded
//! as an external step: which body, the day it was filed there, and the day it decided.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 3] = ["external_body", "external_filed_on", "external_decided_on"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len_null("external_body", 200).to_owned(),
            date_null("external_filed_on").to_owned(),
            date_null("external_decided_on").to_owned(),
        ] {
            manager.alter_table(Table::alter().table("case_filings").add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager.alter_table(Table::alter().table("case_filings").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

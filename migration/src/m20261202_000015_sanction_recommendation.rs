//! A sanction (处分) is imposed by the body with authority over the person — the appointing body, or
//! the supervisory commission for a 政务处分. When another body decides a case, its sanction is a
//! recommendation to that body, which records its own decision.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 4] = ["sanction_status", "sanction_decided_on", "sanction_decided_by", "sanction_note"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len_null("sanction_status", 16).to_owned(),
            date_null("sanction_decided_on").to_owned(),
            uuid_null("sanction_decided_by").to_owned(),
            text_null("sanction_note").to_owned(),
        ] {
            manager.alter_table(Table::alter().table("case_parties").add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager.alter_table(Table::alter().table("case_parties").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

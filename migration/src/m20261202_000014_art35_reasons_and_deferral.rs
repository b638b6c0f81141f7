//! Art. 35: a body may ask an applicant whose requests clearly exceed a reasonable quantity or
//! frequency to state reasons; if they are reasonable but the reply cannot be given in time, it sets
//! a reasonable later period and tells the applicant.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 6] = [
    "reasons_question",
    "reasons_requested_on",
    "reasons_given",
    "reasons_given_on",
    "deferred_until",
    "deferral_reason",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            text_null("reasons_question").to_owned(),
            date_null("reasons_requested_on").to_owned(),
            text_null("reasons_given").to_owned(),
            date_null("reasons_given_on").to_owned(),
            date_null("deferred_until").to_owned(),
            text_null("deferral_reason").to_owned(),
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

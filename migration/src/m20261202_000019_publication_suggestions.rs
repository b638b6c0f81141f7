//! Art. 44: information many applicants ask for may be moved to proactive disclosure. Applications
//! carry the handler's name for the information asked (`topic`); a prompt or an applicant's
//! suggestion waits for the unit's decision.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("publication_suggestions")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("topic", 200))
                    .col(string_len("source", 16))
                    .col(uuid_null("application_id"))
                    .col(integer("applicants"))
                    .col(text_null("reason"))
                    .col(string_len("status", 16))
                    .col(text_null("decision_note"))
                    .col(uuid_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("publication_suggestions", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        // One prompt per unit and information; one suggestion per application.
        manager
            .create_index(
                index("publication_suggestions", "ix_publication_suggestions_unit_topic", &["unit_id", "topic"])
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table("applications").add_column(string_len_null("topic", 200).to_owned()).to_owned(),
            )
            .await?;
        manager
            .create_index(index("applications", "ix_applications_unit_topic", &["unit_id", "topic"]).to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_applications_unit_topic").table("applications").to_owned()).await?;
        manager.alter_table(Table::alter().table("applications").drop_column("topic").to_owned()).await?;
        manager.drop_table(Table::drop().table("publication_suggestions").to_owned()).await?;
        Ok(())
    }
}

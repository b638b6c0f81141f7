//! Social evaluation (社会评议, EV 1–9): the leading group's yearly campaigns, their versioned
//! questionnaires and the units evaluated, and the responses with their ratings — discarded ones
//! kept with the reason.

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
                Table::create()
                    .table("evaluation_campaigns")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(integer("year"))
                    .col(string_len("title", 200))
                    .col(date("opens_on"))
                    .col(date("closes_on"))
                    .col(string_len("status", 16))
                    .col(integer("questionnaire_version"))
                    .col(text("rule"))
                    .col(integer("address_daily_limit"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("evaluation_campaigns", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("evaluation_campaigns", "ux_evaluation_campaigns_county_year", &["county_id", "year"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                unit_owned("evaluation_targets")
                    .col(uuid("campaign_id"))
                    .foreign_key(&mut fk("evaluation_targets", "campaign_id", "evaluation_campaigns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("evaluation_targets", "ux_evaluation_targets_campaign_unit", &["campaign_id", "unit_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("evaluation_questions")
                    .col(uuid("id").primary_key())
                    .col(uuid("campaign_id"))
                    .col(string_len("dimension", 16))
                    .col(string_len("text", 300))
                    .col(integer("position"))
                    .col(integer("from_version"))
                    .col(integer_null("to_version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("evaluation_questions", "campaign_id", "evaluation_campaigns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                unit_owned("evaluation_responses")
                    .col(uuid("campaign_id"))
                    .col(string_len("channel", 16))
                    .col(integer("questionnaire_version"))
                    .col(string_len_null("contact_key", 64))
                    .col(string_len_null("device_key", 64))
                    .col(string_len_null("address_key", 64))
                    .col(text_null("opinion"))
                    .col(string_len_null("discarded", 24))
                    .col(timestamp_with_time_zone("received_at"))
                    .foreign_key(&mut fk("evaluation_responses", "campaign_id", "evaluation_campaigns"))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("ix_evaluation_responses_unit", &["campaign_id", "unit_id", "discarded"][..]),
            ("ix_evaluation_responses_contact", &["campaign_id", "unit_id", "contact_key"][..]),
            ("ix_evaluation_responses_device", &["campaign_id", "unit_id", "device_key"][..]),
        ] {
            manager.create_index(index("evaluation_responses", name, cols)).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("evaluation_answers")
                    .col(uuid("id").primary_key())
                    .col(uuid("response_id"))
                    .col(uuid("question_id"))
                    .col(string_len("rating", 24))
                    .foreign_key(&mut fk("evaluation_answers", "response_id", "evaluation_responses"))
                    .foreign_key(&mut fk("evaluation_answers", "question_id", "evaluation_questions"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("evaluation_answers", "ix_evaluation_answers_response", &["response_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "evaluation_answers",
            "evaluation_responses",
            "evaluation_questions",
            "evaluation_targets",
            "evaluation_campaigns",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

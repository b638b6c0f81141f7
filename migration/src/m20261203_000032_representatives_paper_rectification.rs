//! Social evaluation, continued: representatives' invitations (EV 4(2)), paper questionnaires with
//! their batch (EV 4(1)), and rectification tasks on the clocks (EV 7) — a task not done in time
//! raises a lead for the openness office.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, reminder_stage, unit_owned};

#[derive(DeriveMigrationName)]
pub struct Migration;

const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    ("evaluation.rectification", "assignee_3", -3, "unit_leaders", None),
    ("evaluation.rectification", "leader_due", 0, "unit_leaders", None),
    ("evaluation.rectification", "overdue", 1, "openness_office", Some("6.10")),
];

const RESPONSE_COLUMNS: &[&str] =
    &["invitation_id", "representative_category", "paper_batch", "paper_sheet", "entered_by"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("evaluation_invitations")
                    .col(uuid("id").primary_key())
                    .col(uuid("campaign_id"))
                    .col(uuid("county_id"))
                    .col(string_len("name", 100))
                    .col(string_len("category", 24))
                    .col(string_len("email", 254))
                    .col(string_len("token_key", 64))
                    .col(text("unit_ids"))
                    .col(uuid("invited_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("evaluation_invitations", "campaign_id", "evaluation_campaigns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("evaluation_invitations", "ux_evaluation_invitations_token", &["token_key"]).unique().to_owned(),
            )
            .await?;
        for column in [
            uuid_null("invitation_id").to_owned(),
            string_len_null("representative_category", 24).to_owned(),
            string_len_null("paper_batch", 200).to_owned(),
            string_len_null("paper_sheet", 40).to_owned(),
            uuid_null("entered_by").to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(Table::alter().table("evaluation_responses").add_column(&mut column).to_owned())
                .await?;
        }
        manager
            .create_table(
                unit_owned("rectification_tasks")
                    .col(uuid("campaign_id"))
                    .col(uuid_null("response_id"))
                    .col(text("opinion"))
                    .col(text("requirement"))
                    .col(date("due_on"))
                    .col(string_len("status", 16))
                    .col(text_null("report"))
                    .col(string_len_null("feedback_method", 16))
                    .col(text_null("feedback_note"))
                    .col(uuid_null("reported_by"))
                    .col(timestamp_with_time_zone_null("reported_at"))
                    .col(text_null("review_note"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("rectification_tasks", "campaign_id", "evaluation_campaigns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("rectification_tasks", "ix_rectification_tasks_campaign", &["campaign_id", "unit_id"]))
            .await?;
        for (kind, stage, offset, audience, item) in STAGES {
            manager.exec_stmt(reminder_stage(kind, stage, *offset, audience, *item)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table("reminder_stages")
            .and_where(Expr::col("clock_kind").eq("evaluation.rectification"))
            .to_owned();
        manager.exec_stmt(delete).await?;
        manager.drop_table(Table::drop().table("rectification_tasks").to_owned()).await?;
        for column in RESPONSE_COLUMNS {
            manager.alter_table(Table::alter().table("evaluation_responses").drop_column(*column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table("evaluation_invitations").to_owned()).await
    }
}

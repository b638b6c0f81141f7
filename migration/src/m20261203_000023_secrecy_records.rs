//! What secrecy review keeps after the decision (SR 8, SR 11; Regulations Art. 18): the table-2
//! figures an item reports, repeals of published documents, re-evaluations of withheld items and of
//! classification terms with the county's schedule, and leak incidents.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, reminder_stage, unit_owned};

#[derive(DeriveMigrationName)]
pub struct Migration;

const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    // SR 8(2): decide on the level or declassify before the term ends.
    ("item.classification_term", "assignee_30", -30, "assignee", None),
    ("item.classification_term", "leader_due", 0, "unit_leaders", None),
    // Art. 18: withheld items are re-evaluated on the county's schedule.
    ("item.reevaluation", "assignee_10", -10, "assignee", None),
    ("item.reevaluation", "leader_due", 0, "unit_leaders", None),
];

const ITEM_COLUMNS: [&str; 4] = ["report_kind", "decisions", "amount_fen", "repealed_on"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            string_len_null("report_kind", 24).to_owned(),
            integer_null("decisions").to_owned(),
            big_integer_null("amount_fen").to_owned(),
            date_null("repealed_on").to_owned(),
        ];
        for column in columns {
            manager.alter_table(Table::alter().table("information_items").add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                unit_owned("item_reevaluations")
                    .col(uuid("item_id"))
                    .col(string_len("outcome", 16))
                    .col(string_len_null("level_before", 8))
                    .col(string_len_null("level_after", 8))
                    .col(date_null("until_before"))
                    .col(date_null("until_after"))
                    .col(text("note"))
                    .col(uuid("reviewer_id"))
                    .col(date("on_date"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("item_reevaluations", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("item_reevaluations", "ix_item_reevaluations_item", &["item_id"])).await?;
        manager
            .create_table(
                unit_owned("leak_incidents")
                    .col(uuid_null("item_id"))
                    .col(text("what"))
                    .col(string_len("where_found", 300))
                    .col(date("found_on"))
                    .col(text("remedy"))
                    .col(text("told"))
                    .col(uuid_null("lead_id"))
                    .col(uuid("reported_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("leak_incidents", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("leak_incidents", "ix_leak_incidents_unit", &["unit_id", "found_on"])).await?;
        manager
            .create_table(
                Table::create()
                    .table("secrecy_settings")
                    .col(uuid("county_id").primary_key())
                    .col(integer("reevaluation_days"))
                    .col(uuid("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("secrecy_settings", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        for (kind, stage, offset, audience, item) in STAGES {
            manager.exec_stmt(reminder_stage(kind, stage, *offset, audience, *item)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let kinds = ["item.classification_term", "item.reevaluation"];
        let delete =
            Query::delete().from_table("reminder_stages").and_where(Expr::col("clock_kind").is_in(kinds)).to_owned();
        manager.exec_stmt(delete).await?;
        for table in ["secrecy_settings", "leak_incidents", "item_reevaluations"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in ITEM_COLUMNS {
            manager.alter_table(Table::alter().table("information_items").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

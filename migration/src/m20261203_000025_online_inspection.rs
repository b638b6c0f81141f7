//! The secrecy bureau's online inspection of everything published (SR 9(4)): its runs, the findings
//! per unit, and the remedy period a finding's order starts (AC 6(4) when missed).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, reminder_stage, unit_owned};

#[derive(DeriveMigrationName)]
pub struct Migration;

const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    ("inspection.remedy", "assignee_1", -1, "assignee", None),
    ("inspection.remedy", "leader_due", 0, "unit_leaders", None),
    ("inspection.remedy", "overdue", 1, "openness_office", Some("6.4")),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("inspection_runs")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(string_len("trigger", 16))
                    .col(uuid_null("started_by"))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(integer("items_scanned"))
                    .col(integer("findings_new"))
                    .foreign_key(&mut fk("inspection_runs", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                unit_owned("inspection_findings")
                    .col(uuid("run_id"))
                    .col(uuid("item_id"))
                    .col(integer("revision"))
                    .col(string_len("field", 16))
                    .col(uuid_null("attachment_id"))
                    .col(string_len("kind", 24))
                    .col(integer("start_at"))
                    .col(string_len("fingerprint", 120))
                    .col(text("excerpt"))
                    .col(string_len("status", 16))
                    .col(string_len_null("remedy", 16))
                    .col(text_null("order_note"))
                    .col(uuid_null("ordered_by"))
                    .col(timestamp_with_time_zone_null("ordered_at"))
                    .col(text_null("answer_note"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("inspection_findings", "run_id", "inspection_runs"))
                    .foreign_key(&mut fk("inspection_findings", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("inspection_findings", "ux_inspection_findings_item_fingerprint", &["item_id", "fingerprint"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("inspection_findings", "ix_inspection_findings_unit_status", &["unit_id", "status"]))
            .await?;
        for (kind, stage, offset, audience, item) in STAGES {
            manager.exec_stmt(reminder_stage(kind, stage, *offset, audience, *item)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table("reminder_stages")
            .and_where(Expr::col("clock_kind").eq("inspection.remedy"))
            .to_owned();
        manager.exec_stmt(delete).await?;
        for table in ["inspection_findings", "inspection_runs"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

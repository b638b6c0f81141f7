//! Complaints about a unit's disclosure work (Regulations Arts. 47, 51; AC 6(9)), handled by the
//! openness office on the clocks.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, reminder_stage};

#[derive(DeriveMigrationName)]
pub struct Migration;

const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    ("complaint.answer", "assignee_2", -2, "assignee", None),
    ("complaint.answer", "leader_due", 0, "unit_leaders", None),
    ("complaint.answer", "overdue", 1, "openness_office", Some("6.9")),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("complaints")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(uuid("office_unit_id"))
                    .col(string_len("code", 20))
                    .col(string_len("complainant", 100))
                    .col(string_len("contact", 100))
                    .col(string_len_null("email", 254))
                    .col(string_len("subject", 200))
                    .col(text("details"))
                    .col(date("received_on"))
                    .col(string_len("status", 16))
                    .col(string_len_null("finding", 16))
                    .col(text_null("answer"))
                    .col(uuid_null("answered_by"))
                    .col(timestamp_with_time_zone_null("answered_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("complaints", "county_id", "counties"))
                    .foreign_key(&mut fk("complaints", "unit_id", "units"))
                    .foreign_key(&mut fk("complaints", "office_unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("complaints", "ux_complaints_code", &["code"]).unique().to_owned()).await?;
        manager.create_index(index("complaints", "ix_complaints_county_status", &["county_id", "status"])).await?;
        for (kind, stage, offset, audience, item) in STAGES {
            manager.exec_stmt(reminder_stage(kind, stage, *offset, audience, *item)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table("reminder_stages")
            .and_where(Expr::col("clock_kind").eq("complaint.answer"))
            .to_owned();
        manager.exec_stmt(delete).await?;
        manager.drop_table(Table::drop().table("complaints").to_owned()).await
    }
}

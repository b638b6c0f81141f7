//! Freshness of the guide (AC 6(1), Art. 12): the openness office sets how often each unit confirms
//! its disclosure guide; each save starts the period again, and a period that runs out reminds the
//! unit's leaders and then raises an AC 6(1) lead.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, reminder_stage};

#[derive(DeriveMigrationName)]
pub struct Migration;

const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    ("guide.freshness", "leader_30", -30, "unit_leaders", None),
    ("guide.freshness", "leader_due", 0, "unit_leaders", None),
    ("guide.freshness", "overdue", 1, "openness_office", Some("6.1")),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("disclosure_settings")
                    .col(uuid("county_id").primary_key())
                    .col(integer("guide_review_days"))
                    .col(uuid("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("disclosure_settings", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        for (kind, stage, offset, audience, item) in STAGES {
            manager.exec_stmt(reminder_stage(kind, stage, *offset, audience, *item)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table("reminder_stages")
            .and_where(Expr::col("clock_kind").eq("guide.freshness"))
            .to_owned();
        manager.exec_stmt(delete).await?;
        manager.drop_table(Table::drop().table("disclosure_settings").to_owned()).await
    }
}

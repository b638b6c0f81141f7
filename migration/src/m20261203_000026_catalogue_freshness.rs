//! Freshness of the catalogue (AC 6(1)): each heading may carry an update period set by the openness
//! office; each unit's last publication under it starts the period again, and a period that runs out
//! reminds the unit and then raises an AC 6(1) lead.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, reminder_stage, unit_owned};

#[derive(DeriveMigrationName)]
pub struct Migration;

const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    ("catalogue.freshness", "assignee_5", -5, "assignee", None),
    ("catalogue.freshness", "leader_due", 0, "unit_leaders", None),
    ("catalogue.freshness", "overdue", 1, "openness_office", Some("6.1")),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = integer_null("update_every_days").to_owned();
        manager.alter_table(Table::alter().table("catalogue_headings").add_column(column).to_owned()).await?;
        manager
            .create_table(
                unit_owned("catalogue_freshness")
                    .col(uuid("heading_id"))
                    .col(date("last_published_on"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("catalogue_freshness", "heading_id", "catalogue_headings"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("catalogue_freshness", "ux_catalogue_freshness_unit_heading", &["unit_id", "heading_id"])
                    .unique()
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
            .and_where(Expr::col("clock_kind").eq("catalogue.freshness"))
            .to_owned();
        manager.exec_stmt(delete).await?;
        manager.drop_table(Table::drop().table("catalogue_freshness").to_owned()).await?;
        manager
            .alter_table(Table::alter().table("catalogue_headings").drop_column("update_every_days").to_owned())
            .await
    }
}

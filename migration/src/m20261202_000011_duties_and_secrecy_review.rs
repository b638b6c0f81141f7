//! Who answers for what inside a unit (AC 9, SR 4–5, Art. 33): the duties a unit designates —
//! its principal leader, the head of its disclosure office, its secrecy reviewers — and the secrecy
//! review of a reply as a step of its own. Approval records say which act they approve and whether
//! that act releases information, so AC 9 reads the record of the act in breach.

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
                    .table("unit_duties")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("duty", 32))
                    .col(uuid("user_id"))
                    .col(uuid_null("designated_by"))
                    .col(timestamp_with_time_zone("designated_at"))
                    .foreign_key(&mut fk("unit_duties", "unit_id", "units"))
                    .foreign_key(&mut fk("unit_duties", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("unit_duties", "ux_unit_duties_unit_duty_user", &["unit_id", "duty", "user_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        for column in [
            ColumnDef::new("secrecy_reviewed_by").uuid().null().to_owned(),
            ColumnDef::new("secrecy_reviewed_at").timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new("secrecy_review_note").text().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table("applications").add_column(column).to_owned()).await?;
        }
        for column in [
            string_len("act", 32).default("").not_null().to_owned(),
            boolean("releases_information").default(false).not_null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table("approval_records").add_column(column).to_owned()).await?;
        }
        // Records written before: an extension's decision reads 延期答复…, a reply's 答复：….
        for (pattern, act) in [("延期答复%", "extension"), ("答复：%", "reply")] {
            let backfill = Query::update()
                .table("approval_records")
                .value("act", act)
                .and_where(Expr::col("subject_type").eq("application"))
                .and_where(Expr::col("decision").like(pattern))
                .to_owned();
            manager.exec_stmt(backfill).await?;
        }
        let releasing = Query::update()
            .table("approval_records")
            .value("releases_information", true)
            .and_where(Expr::col("act").eq("reply"))
            .and_where(Expr::col("decision").is_in(["答复：予以公开", "答复：部分公开"]))
            .to_owned();
        manager.exec_stmt(releasing).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["act", "releases_information"] {
            manager.alter_table(Table::alter().table("approval_records").drop_column(column).to_owned()).await?;
        }
        for column in ["secrecy_reviewed_by", "secrecy_reviewed_at", "secrecy_review_note"] {
            manager.alter_table(Table::alter().table("applications").drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table("unit_duties").to_owned()).await
    }
}

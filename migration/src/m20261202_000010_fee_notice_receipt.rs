//! The day the applicant received the fee notice: the 20 working days to pay run from the day after
//! it (State Council General Office 2020 No. 109), not from the day the notice was written.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("applications").add_column(date_null("fee_notice_received_on")).to_owned(),
            )
            .await?;
        // Notices sent before this change started their payment clock on the day they were sent.
        let backfill = Query::update()
            .table("applications")
            .value("fee_notice_received_on", Expr::col("fee_notice_on"))
            .and_where(Expr::col("fee_notice_on").is_not_null())
            .to_owned();
        manager.exec_stmt(backfill).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("applications").drop_column("fee_notice_received_on").to_owned()).await
    }
}

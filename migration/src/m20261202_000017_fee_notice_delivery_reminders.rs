//! A fee notice on paper starts its payment period only when its delivery is recorded; these
//! stages remind the handler, then the unit's leaders, to record it.

use sea_orm_migration::prelude::*;

use crate::helpers::reminder_stage;

#[derive(DeriveMigrationName)]
pub struct Migration;

const KIND: &str = "application.fee_notice_delivery";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (stage, offset, audience) in [("assignee_1", -1, "assignee"), ("leader_due", 1, "unit_leaders")] {
            manager.exec_stmt(reminder_stage(KIND, stage, offset, audience, None)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete =
            Query::delete().from_table("reminder_stages").and_where(Expr::col("clock_kind").eq(KIND)).to_owned();
        manager.exec_stmt(delete).await?;
        Ok(())
    }
}

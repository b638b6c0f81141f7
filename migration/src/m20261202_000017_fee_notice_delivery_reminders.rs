//! A fee notice on paper starts its payment period only when its delivery is recorded; these
//! stages remind the handler, then the unit's leaders, to record it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const KIND: &str = "application.fee_notice_delivery";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (stage, offset, audience) in [("assignee_1", -1, "assignee"), ("leader_due", 1, "unit_leaders")] {
            let insert = Query::insert()
                .into_table("reminder_stages")
                .columns(["id", "clock_kind", "stage", "offset_days", "audience", "violation_item"])
                .values_panic([
                    uuid::Uuid::now_v7().into(),
                    KIND.into(),
                    stage.into(),
                    offset.into(),
                    audience.into(),
                    Option::<String>::None.into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
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

//! The contact data a unit's 政府信息公开指南 (Art. 12) is generated from, kept by the unit.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("unit_guides")
                    .col(uuid("unit_id").primary_key())
                    .col(uuid("county_id"))
                    .col(string_len("office_name", 100))
                    .col(string_len("address", 200))
                    .col(string_len("postal_code", 6))
                    .col(string_len("office_hours", 200))
                    .col(string_len("phone", 50))
                    .col(string_len_null("fax", 50))
                    .col(string_len_null("email", 254))
                    .col(text_null("notes"))
                    .col(uuid("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("unit_guides", "unit_id", "units"))
                    .foreign_key(&mut fk("unit_guides", "county_id", "counties"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("unit_guides").to_owned()).await
    }
}

//! The working-day calendar of each county.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("calendar_days")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(date("date"))
                    .col(string_len("kind", 16))
                    .col(string_len("name", 64))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_days_county_id")
                            .from("calendar_days", "county_id")
                            .to("counties", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_calendar_days_county_date")
                    .table("calendar_days")
                    .col("county_id")
                    .col("date")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("calendar_years")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(integer("year"))
                    .col(string_len("source", 200))
                    .col(timestamp_with_time_zone("loaded_at"))
                    .col(uuid_null("loaded_by"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_years_county_id")
                            .from("calendar_years", "county_id")
                            .to("counties", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_calendar_years_county_year")
                    .table("calendar_years")
                    .col("county_id")
                    .col("year")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("calendar_years").if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table("calendar_days").if_exists().to_owned()).await
    }
}

//! Optional citizen accounts: an applicant who signs up sees all of their applications in one place.
//! Kept apart from staff users, who hold roles in units; a citizen holds none.

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
                    .table("citizens")
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("email", 254))
                    .col(string_len("display_name", 100))
                    .col(string_len("password_hash", 255))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("citizen_sessions")
                    .col(pk_uuid("id"))
                    .col(uuid("citizen_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(&mut fk("citizen_sessions", "citizen_id", "citizens"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("applications").add_column(uuid_null("citizen_id")).to_owned())
            .await?;
        manager.create_index(index("applications", "ix_applications_citizen", &["citizen_id", "submitted_at"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_applications_citizen").table("applications").to_owned()).await?;
        manager.alter_table(Table::alter().table("applications").drop_column("citizen_id").to_owned()).await?;
        manager.drop_table(Table::drop().table("citizen_sessions").to_owned()).await?;
        manager.drop_table(Table::drop().table("citizens").to_owned()).await?;
        Ok(())
    }
}

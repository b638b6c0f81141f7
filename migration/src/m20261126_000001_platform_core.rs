//! Counties, units, users, role assignments, sessions, the audit trail and shared counters.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("counties")
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("name", 64))
                    .col(string_len("name_en", 128))
                    .col(string_len_uniq("division_code", 6))
                    .col(string_len("province", 64))
                    .col(string_len("city", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("units")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(uuid_null("parent_id"))
                    .col(string_len("slug", 32))
                    .col(string_len("name", 128))
                    .col(string_len("short_name", 64))
                    .col(string_len("name_en", 160))
                    .col(string_len("kind", 32))
                    .col(string_len_null("sector", 32))
                    .col(string_len_null("function", 32))
                    .col(string_len_uniq("credit_code", 18))
                    .col(boolean("active"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("units", "county_id", "counties"))
                    .foreign_key(&mut fk("units", "parent_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("units", "ux_units_county_slug", &["county_id", "slug"]).unique().to_owned())
            .await?;
        manager
            .create_index(index("units", "ux_units_county_name", &["county_id", "name"]).unique().to_owned())
            .await?;
        manager.create_index(index("units", "ix_units_parent", &["parent_id"])).await?;
        // One holder of each oversight function per county.
        manager
            .create_index(
                index("units", "ux_units_county_function", &["county_id", "function"])
                    .unique()
                    .and_where(Expr::col("function").is_not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(pk_uuid("id"))
                    .col(uuid_null("county_id"))
                    .col(string_len_uniq("username", 64))
                    .col(string_len("display_name", 64))
                    .col(string_len_null("email", 254))
                    .col(string_len_null("phone", 32))
                    .col(string_len("password_hash", 255))
                    .col(boolean("is_platform_admin"))
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone("password_changed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("users", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("users", "ix_users_county", &["county_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("role_assignments")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    .col(uuid("unit_id"))
                    .col(uuid("county_id"))
                    .col(string_len("role", 16))
                    .col(boolean("is_principal"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(uuid_null("created_by"))
                    .foreign_key(&mut fk("role_assignments", "user_id", "users"))
                    .foreign_key(&mut fk("role_assignments", "unit_id", "units"))
                    .foreign_key(&mut fk("role_assignments", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("role_assignments", "ux_role_assignments_user_unit_role", &["user_id", "unit_id", "role"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("role_assignments", "ix_role_assignments_unit", &["unit_id"])).await?;
        // AC 9(3) and CL 7 single out one principal leader per unit.
        manager
            .create_index(
                index("role_assignments", "ux_role_assignments_principal", &["unit_id"])
                    .unique()
                    .and_where(Expr::col("is_principal").eq(true))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(string_len("csrf_token", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(string_len("client_ip", 64))
                    .col(string_len("user_agent", 256))
                    .foreign_key(&mut fk("sessions", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("sessions", "ix_sessions_user", &["user_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("audit_events")
                    .col(pk_uuid("id"))
                    .col(string_len("chain_key", 64))
                    .col(big_integer("seq"))
                    .col(uuid_null("county_id"))
                    .col(uuid_null("unit_id"))
                    .col(uuid_null("actor_user_id"))
                    .col(string_len("actor_name", 128))
                    .col(string_len("action", 64))
                    .col(string_len("object_type", 64))
                    .col(string_len_null("object_id", 128))
                    .col(string_len("outcome", 16))
                    .col(text("summary"))
                    .col(string_len("request_id", 64))
                    .col(string_len("client_ip", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(string_len("prev_hash", 64))
                    .col(string_len("hash", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("audit_events", "ux_audit_events_chain_seq", &["chain_key", "seq"]).unique().to_owned())
            .await?;
        manager.create_index(index("audit_events", "ix_audit_events_unit_time", &["unit_id", "created_at"])).await?;
        manager
            .create_index(index("audit_events", "ix_audit_events_county_time", &["county_id", "created_at"]))
            .await?;
        manager
            .create_index(index("audit_events", "ix_audit_events_actor_time", &["actor_user_id", "created_at"]))
            .await?;
        manager.create_index(index("audit_events", "ix_audit_events_object", &["object_type", "object_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("audit_chain_heads")
                    .col(string_len("chain_key", 64).primary_key())
                    .col(big_integer("last_seq"))
                    .col(string_len("last_hash", 64))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("system_state")
                    .col(string_len("key", 64).primary_key())
                    .col(big_integer("value"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;

        protect_audit_events(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "system_state",
            "audit_chain_heads",
            "audit_events",
            "sessions",
            "role_assignments",
            "users",
            "units",
            "counties",
        ] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION IF EXISTS audit_events_append_only()").await?;
        }
        Ok(())
    }
}

/// The audit trail is append-only in the database itself, not only in the application: an update,
/// delete or truncate fails whoever issues it, and the verifier catches anyone who bypasses this.
async fn protect_audit_events(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(
                "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN \
                 RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege'; \
                 END $$",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events \
                 FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events \
                 FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()",
            )
            .await?;
            db.execute_unprepared("REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC").await?;
        }
        DbBackend::Sqlite => {
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
                 BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events \
                 BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

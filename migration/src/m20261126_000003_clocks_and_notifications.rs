//! Statutory clocks, reminders, notifications, the email outbox, scheduled job runs, violation leads
//! and the approval trail.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The language of a person's emails and inbox.
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .add_column(string_len("locale", 8).default("zh-CN").not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("statutory_clocks")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("subject_type", 32))
                    .col(string_len("subject_id", 64))
                    .col(string_len("kind", 48))
                    .col(string_len("legal_basis", 128))
                    .col(date("start_date"))
                    .col(string_len("period_mode", 16))
                    .col(integer("period_days"))
                    .col(integer("extension_days"))
                    .col(string_len("state", 16))
                    .col(uuid_null("assignee_user_id"))
                    .col(date("due_date"))
                    .col(date("schedule_from"))
                    .col(date_null("next_reminder_on"))
                    .col(timestamp_with_time_zone_null("completed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("statutory_clocks", "county_id", "counties"))
                    .foreign_key(&mut fk("statutory_clocks", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("statutory_clocks", "ux_statutory_clocks_subject_kind", &["subject_type", "subject_id", "kind"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("statutory_clocks", "ix_statutory_clocks_unit_due", &["unit_id", "due_date"]))
            .await?;
        // The reminder scan reads only clocks with a stage due; finished clocks drop out of this index.
        manager
            .create_index(
                index("statutory_clocks", "ix_statutory_clocks_next_reminder", &["next_reminder_on"])
                    .and_where(Expr::col("next_reminder_on").is_not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("clock_pauses")
                    .col(pk_uuid("id"))
                    .col(uuid("clock_id"))
                    .col(date("from_date"))
                    .col(date_null("to_date"))
                    .col(string_len("reason", 200))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("clock_pauses", "clock_id", "statutory_clocks"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("clock_pauses", "ix_clock_pauses_clock", &["clock_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("clock_changes")
                    .col(pk_uuid("id"))
                    .col(uuid("clock_id"))
                    .col(string_len("change", 16))
                    .col(integer_null("days"))
                    .col(date_null("previous_start"))
                    .col(date_null("new_start"))
                    .col(string_len("reason", 200))
                    .col(uuid_null("approved_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("clock_changes", "clock_id", "statutory_clocks"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("clock_changes", "ix_clock_changes_clock", &["clock_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("reminder_stages")
                    .col(pk_uuid("id"))
                    .col(string_len("clock_kind", 48))
                    .col(string_len("stage", 32))
                    .col(integer("offset_days"))
                    .col(string_len("audience", 24))
                    .col(string_len_null("violation_item", 8))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("reminder_stages", "ux_reminder_stages_kind_stage", &["clock_kind", "stage"]).unique().to_owned(),
            )
            .await?;
        // Defaults for every kind ('*'): the assignee 3 and 1 working days before, the unit's leaders
        // on the due day, the openness office (and a violation lead) once overdue.
        let defaults = [
            ("assignee_3", -3, "assignee", None),
            ("assignee_1", -1, "assignee", None),
            ("leader_due", 0, "unit_leaders", None),
            ("overdue", 1, "openness_office", Some("6.2")),
        ];
        for (stage, offset, audience, item) in defaults {
            let insert = Query::insert()
                .into_table("reminder_stages")
                .columns(["id", "clock_kind", "stage", "offset_days", "audience", "violation_item"])
                .values_panic([
                    uuid::Uuid::now_v7().into(),
                    "*".into(),
                    stage.into(),
                    offset.into(),
                    audience.into(),
                    item.map(|s: &str| s.to_string()).into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("clock_reminders")
                    .col(pk_uuid("id"))
                    .col(uuid("clock_id"))
                    .col(string_len("stage", 32))
                    .col(date("due_date"))
                    .col(timestamp_with_time_zone("fired_at"))
                    .foreign_key(&mut fk("clock_reminders", "clock_id", "statutory_clocks"))
                    .to_owned(),
            )
            .await?;
        // A stage fires once per clock and due date, whatever the number of replicas.
        manager
            .create_index(
                index("clock_reminders", "ux_clock_reminders_once", &["clock_id", "stage", "due_date"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("notifications")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    .col(uuid_null("county_id"))
                    .col(string_len("kind", 48))
                    .col(string_len("title", 200))
                    .col(text("body"))
                    .col(string_len_null("subject_type", 32))
                    .col(string_len_null("subject_id", 64))
                    .col(string_len_null("link", 300))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .foreign_key(&mut fk("notifications", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("notifications", "ix_notifications_user_time", &["user_id", "created_at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("notification_preferences")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    .col(string_len("kind", 48))
                    .col(boolean("email"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("notification_preferences", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("notification_preferences", "ux_notification_preferences_user_kind", &["user_id", "kind"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("email_outbox")
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("message_id", 200))
                    .col(uuid_null("county_id"))
                    .col(uuid_null("user_id"))
                    .col(string_len("to_address", 254))
                    .col(string_len("to_name", 128))
                    .col(string_len("kind", 48))
                    .col(string_len("lang", 8))
                    .col(string_len("subject", 300))
                    .col(text("body_text"))
                    .col(text("body_html"))
                    .col(boolean("legal_notice"))
                    .col(string_len("state", 16))
                    .col(integer("attempts"))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("email_outbox", "ix_email_outbox_state_next", &["state", "next_attempt_at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("job_runs")
                    .col(pk_uuid("id"))
                    .col(string_len("job", 48))
                    .col(string_len("slot", 32))
                    .col(string_len("replica", 64))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .col(big_integer("items"))
                    .col(text_null("error"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("job_runs", "ux_job_runs_job_slot", &["job", "slot"]).unique().to_owned()).await?;
        manager.create_index(index("job_runs", "ix_job_runs_started", &["started_at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("violation_leads")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("item", 8))
                    .col(string_len("subject_type", 32))
                    .col(string_len("subject_id", 64))
                    .col(uuid_null("clock_id"))
                    .col(text("facts"))
                    .col(timestamp_with_time_zone("detected_at"))
                    .col(string_len("status", 16))
                    .col(uuid_null("triaged_by"))
                    .col(timestamp_with_time_zone_null("triaged_at"))
                    .col(text_null("triage_reason"))
                    .foreign_key(&mut fk("violation_leads", "county_id", "counties"))
                    .foreign_key(&mut fk("violation_leads", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("violation_leads", "ux_violation_leads_subject_item", &["subject_type", "subject_id", "item"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("violation_leads", "ix_violation_leads_county_status", &["county_id", "status"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("approval_records")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("subject_type", 32))
                    .col(string_len("subject_id", 64))
                    .col(string_len("decision", 200))
                    .col(uuid("drafter_id"))
                    .col(text("reviewer_ids"))
                    .col(uuid_null("approver_id"))
                    .col(boolean("leader_instructed"))
                    .col(boolean("handler_objected"))
                    .col(text_null("objection"))
                    .col(boolean("collective"))
                    .col(text("collective_members"))
                    .col(uuid_null("principal_leader_id"))
                    .col(boolean("secrecy_reviewed"))
                    .col(timestamp_with_time_zone("decided_at"))
                    .foreign_key(&mut fk("approval_records", "county_id", "counties"))
                    .foreign_key(&mut fk("approval_records", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("approval_records", "ix_approval_records_subject", &["subject_type", "subject_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "approval_records",
            "violation_leads",
            "job_runs",
            "email_outbox",
            "notification_preferences",
            "notifications",
            "clock_reminders",
            "reminder_stages",
            "clock_changes",
            "clock_pauses",
            "statutory_clocks",
        ] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("users").drop_column("locale").to_owned()).await
    }
}

//! Applications for disclosure (依申请公开): the applications themselves, their timeline of notices,
//! attachments, consultations and referrals, administrative review and litigation (table 4),
//! supervision notices from the openness office, and the reminder stages of their clocks.

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
                    .table("applications")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("tracking_code", 24))
                    .col(string_len("channel", 32))
                    .col(string_len("status", 32))
                    .col(string_len("applicant_kind", 32))
                    .col(string_len("applicant_name", 200))
                    .col(string_len("id_type", 16))
                    .col(string_len("id_number", 64))
                    // A keyed hash of the identity, to find the same applicant across units (Art. 35,
                    // monthly fee allowance) without comparing identity numbers in the clear.
                    .col(string_len("applicant_key", 64))
                    .col(string_len_null("contact_person", 100))
                    .col(string_len("phone", 32))
                    .col(string_len_null("email", 254))
                    .col(string_len("address", 300))
                    .col(text("description"))
                    .col(text_null("purpose"))
                    .col(string_len("delivery_form", 16))
                    .col(timestamp_with_time_zone("submitted_at"))
                    .col(date_null("received_on"))
                    .col(uuid_null("received_by"))
                    .col(uuid_null("handler_user_id"))
                    .col(uuid_null("transferred_from_unit_id"))
                    .col(text_null("correction_items"))
                    .col(date_null("correction_requested_on"))
                    .col(date_null("corrected_on"))
                    .col(integer("extension_days").default(0))
                    .col(string_len_null("fee_method", 16))
                    .col(integer_null("fee_quantity"))
                    .col(big_integer_null("fee_amount_fen"))
                    .col(date_null("fee_notice_on"))
                    .col(date_null("fee_paid_on"))
                    .col(string_len_null("draft_outcome", 40))
                    .col(text_null("draft_text"))
                    .col(boolean("draft_leader_instructed").default(false))
                    .col(text_null("draft_objection"))
                    .col(boolean("secrecy_reviewed").default(false))
                    .col(uuid_null("drafted_by"))
                    .col(timestamp_with_time_zone_null("drafted_at"))
                    .col(string_len_null("outcome", 40))
                    .col(text_null("reply_text"))
                    .col(date_null("closed_on"))
                    .col(uuid_null("approved_by"))
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .col(string_len_null("delivery_note", 300))
                    .col(boolean("art35_flag").default(false))
                    .col(text_null("flag_note"))
                    .col(string_len_null("idempotency_key", 100))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("applications", "county_id", "counties"))
                    .foreign_key(&mut fk("applications", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            ("ux_applications_tracking_code", &["tracking_code"][..], true),
            ("ux_applications_idempotency_key", &["idempotency_key"][..], true),
            // The handler's lists: a unit's applications by stage, newest first.
            ("ix_applications_unit_status_submitted", &["unit_id", "status", "submitted_at"][..], false),
            ("ix_applications_unit_submitted", &["unit_id", "submitted_at"][..], false),
            ("ix_applications_county_status", &["county_id", "status"][..], false),
            ("ix_applications_applicant", &["county_id", "applicant_key", "submitted_at"][..], false),
            ("ix_applications_unit_received", &["unit_id", "received_on"][..], false),
        ] {
            let mut stmt = index("applications", name, cols);
            if unique {
                stmt.unique();
            }
            manager.create_index(stmt.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("application_events")
                    .col(pk_uuid("id"))
                    .col(uuid("application_id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("kind", 40))
                    .col(boolean("public"))
                    .col(uuid_null("actor_user_id"))
                    .col(date("on_date"))
                    .col(text("details"))
                    .col(string_len_null("letter", 32))
                    .col(string_len_null("document_number", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("application_events", "application_id", "applications"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "application_events",
                "ix_application_events_application",
                &["application_id", "created_at"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("application_attachments")
                    .col(pk_uuid("id"))
                    .col(uuid("application_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("purpose", 32))
                    .col(string_len("file_name", 200))
                    .col(string_len("content_type", 64))
                    .col(integer("size_bytes"))
                    .col(string_len("sha256", 64))
                    // In the database, so every replica behind the load balancer serves the same file.
                    .col(blob("content"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("application_attachments", "application_id", "applications"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "application_attachments",
                "ix_application_attachments_application",
                &["application_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("application_consultations")
                    .col(pk_uuid("id"))
                    .col(uuid("application_id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("party", 16))
                    .col(string_len("party_name", 200))
                    .col(uuid_null("target_unit_id"))
                    .col(text("question"))
                    .col(uuid_null("clock_id"))
                    .col(date("started_on"))
                    .col(date_null("answered_on"))
                    .col(text_null("answer"))
                    .col(uuid_null("answered_by"))
                    .col(string_len("status", 16))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("application_consultations", "application_id", "applications"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("application_consultations", "ix_consultations_application", &["application_id"]))
            .await?;
        manager
            .create_index(index("application_consultations", "ix_consultations_target", &["target_unit_id", "status"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("legal_proceedings")
                    .col(pk_uuid("id"))
                    .col(uuid("application_id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("kind", 32))
                    .col(date("filed_on"))
                    .col(string_len("result", 16))
                    .col(date_null("decided_on"))
                    .col(string_len_null("note", 500))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("legal_proceedings", "application_id", "applications"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("legal_proceedings", "ix_legal_proceedings_unit", &["unit_id", "filed_on"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("supervision_notices")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(uuid_null("application_id"))
                    .col(uuid("from_unit_id"))
                    .col(text("message"))
                    .col(date_null("respond_by"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("supervision_notices", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("supervision_notices", "ix_supervision_notices_unit", &["unit_id", "created_at"]))
            .await?;

        // Once-per-day guards for alerts (a surge at one unit, an applicant flagged under Art. 35).
        manager
            .create_table(
                Table::create()
                    .table("application_alerts")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(string_len("kind", 32))
                    .col(string_len("subject", 64))
                    .col(date("on_date"))
                    .col(integer("count"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("application_alerts", "ux_application_alerts_once", &["kind", "subject", "on_date"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        // Stages for the clocks of applications. Waiting on the applicant (correction, payment) is not
        // the unit's delay, so those clocks only tell the handler when the period lapsed; signing
        // for an application late is "not accepted" (AC 6(3)); a late reply is AC 6(2).
        let stages: &[(&str, &str, i32, &str, Option<&str>)] = &[
            ("application.sign", "assignee_0", 0, "assignee", None),
            ("application.sign", "overdue", 1, "openness_office", Some("6.3")),
            ("application.correction_wait", "lapsed", 1, "assignee", None),
            ("application.payment", "lapsed", 1, "assignee", None),
            ("application.consultation", "assignee_1", -1, "assignee", None),
            ("application.consultation", "lapsed", 1, "assignee", None),
            ("referral.answer", "assignee_1", -1, "assignee", None),
            ("referral.answer", "leader_due", 0, "unit_leaders", None),
            ("referral.answer", "overdue", 1, "openness_office", Some("6.8")),
        ];
        for (kind, stage, offset, audience, item) in stages {
            let insert = Query::insert()
                .into_table("reminder_stages")
                .columns(["id", "clock_kind", "stage", "offset_days", "audience", "violation_item"])
                .values_panic([
                    uuid::Uuid::now_v7().into(),
                    (*kind).into(),
                    (*stage).into(),
                    (*offset).into(),
                    (*audience).into(),
                    item.map(|s: &str| s.to_string()).into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "application_alerts",
            "supervision_notices",
            "legal_proceedings",
            "application_consultations",
            "application_attachments",
            "application_events",
            "applications",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        let delete = Query::delete()
            .from_table("reminder_stages")
            .and_where(Expr::col("clock_kind").is_in([
                "application.sign",
                "application.correction_wait",
                "application.payment",
                "application.consultation",
                "referral.answer",
            ]))
            .to_owned();
        manager.exec_stmt(delete).await?;
        Ok(())
    }
}

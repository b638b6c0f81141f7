//! Accountability cases (AC 1–15): the case, the units and people concerned, linked subjects,
//! evidence, circumstances, circulations of criticism, and review and appeal filings. Evidence files
//! live in the database, so any replica behind the load balancer can serve them.

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
                    .table("cases")
                    .col(pk_uuid("id"))
                    .col(uuid("county_id"))
                    .col(uuid("deciding_unit_id"))
                    .col(string_len("number", 32))
                    .col(string_len("title", 200))
                    .col(text("facts"))
                    // JSON array of AC 6 violation types.
                    .col(text("violation_types"))
                    .col(uuid_null("lead_id"))
                    .col(string_len("status", 16))
                    .col(string_len_null("severity", 24))
                    // JSON array of AC 7 measures.
                    .col(text("measures"))
                    .col(text_null("departure_reason"))
                    .col(text_null("allocation_reason"))
                    .col(string_len("approval", 16))
                    .col(uuid_null("approved_by"))
                    .col(timestamp_with_time_zone_null("approved_at"))
                    .col(text_null("approval_note"))
                    .col(date_null("hearing_deadline"))
                    .col(timestamp_with_time_zone_null("hearing_opened_at"))
                    .col(text_null("reasons"))
                    .col(string_len_null("track", 32))
                    .col(uuid_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("cases", "county_id", "counties"))
                    .foreign_key(&mut fk("cases", "deciding_unit_id", "units"))
                    .foreign_key(&mut fk("cases", "lead_id", "violation_leads"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("cases", "ux_cases_number", &["county_id", "number"]).unique().to_owned()).await?;
        manager.create_index(index("cases", "ix_cases_deciding_unit", &["deciding_unit_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_parties")
                    .col(pk_uuid("id"))
                    .col(uuid("case_id"))
                    // `unit` or `person`.
                    .col(string_len("kind", 8))
                    .col(uuid("unit_id"))
                    .col(uuid_null("user_id"))
                    .col(string_len_null("proposed_share", 16))
                    .col(string_len_null("proposed_basis", 16))
                    .col(string_len_null("share", 16))
                    // JSON array of the measures that apply to this party after any review or appeal.
                    .col(text("measures"))
                    .col(date_null("sanction_ends_on"))
                    .col(text_null("statement"))
                    .col(uuid_null("statement_by"))
                    .col(timestamp_with_time_zone_null("statement_at"))
                    .col(date_null("learned_on"))
                    .foreign_key(&mut fk("case_parties", "case_id", "cases"))
                    .foreign_key(&mut fk("case_parties", "unit_id", "units"))
                    .foreign_key(&mut fk("case_parties", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("case_parties", "ix_case_parties_case", &["case_id"])).await?;
        manager.create_index(index("case_parties", "ix_case_parties_unit", &["unit_id"])).await?;
        manager.create_index(index("case_parties", "ix_case_parties_user", &["user_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_subjects")
                    .col(pk_uuid("id"))
                    .col(uuid("case_id"))
                    .col(string_len("subject_type", 32))
                    .col(string_len("subject_id", 64))
                    .foreign_key(&mut fk("case_subjects", "case_id", "cases"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("case_subjects", "ux_case_subjects", &["case_id", "subject_type", "subject_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("case_evidence")
                    .col(pk_uuid("id"))
                    .col(uuid("case_id"))
                    // `file` or `reference`.
                    .col(string_len("kind", 16))
                    .col(string_len("title", 200))
                    .col(string_len_null("file_name", 200))
                    .col(string_len_null("content_type", 100))
                    .col(big_integer("size_bytes"))
                    // Base64 of the file: portable across SQLite and PostgreSQL and small by rule.
                    .col(text_null("content"))
                    .col(string_len_null("reference", 500))
                    .col(uuid("added_by"))
                    .col(timestamp_with_time_zone("added_at"))
                    .foreign_key(&mut fk("case_evidence", "case_id", "cases"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("case_evidence", "ix_case_evidence_case", &["case_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_circumstances")
                    .col(pk_uuid("id"))
                    .col(uuid("case_id"))
                    // `mitigating` or `aggravating`.
                    .col(string_len("kind", 16))
                    .col(string_len("factor", 32))
                    .col(text("note"))
                    .foreign_key(&mut fk("case_circumstances", "case_id", "cases"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("case_circumstances", "ix_case_circumstances_case", &["case_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_circulations")
                    .col(pk_uuid("id"))
                    .col(uuid("case_id"))
                    .col(uuid("unit_id"))
                    .foreign_key(&mut fk("case_circulations", "case_id", "cases"))
                    .foreign_key(&mut fk("case_circulations", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("case_circulations", "ux_case_circulations", &["unit_id", "case_id"]).unique().to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("case_filings")
                    .col(pk_uuid("id"))
                    .col(uuid("case_id"))
                    .col(uuid("party_id"))
                    // `review` or `appeal`.
                    .col(string_len("kind", 8))
                    .col(uuid("deciding_unit_id"))
                    .col(uuid("filed_by"))
                    .col(timestamp_with_time_zone("filed_at"))
                    .col(date("due_on"))
                    .col(text("grounds"))
                    .col(date("decide_by"))
                    .col(uuid_null("clock_id"))
                    // `pending` or `decided`.
                    .col(string_len("status", 16))
                    .col(string_len_null("outcome", 16))
                    .col(text_null("outcome_measures"))
                    .col(text_null("outcome_reason"))
                    .col(uuid_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .foreign_key(&mut fk("case_filings", "case_id", "cases"))
                    .foreign_key(&mut fk("case_filings", "party_id", "case_parties"))
                    .foreign_key(&mut fk("case_filings", "deciding_unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("case_filings", "ix_case_filings_case", &["case_id"])).await?;

        // Filing windows remind the person only: letting a window pass is a right not used, not a
        // breach. Deciding limits escalate to the openness office like any other clock.
        let stages = [
            ("case.review_file", "assignee_3", -3, "assignee"),
            ("case.appeal_file", "assignee_3", -3, "assignee"),
            ("case.review_decide", "assignee_3", -3, "assignee"),
            ("case.review_decide", "leader_due", 0, "unit_leaders"),
            ("case.review_decide", "overdue", 1, "openness_office"),
            ("case.appeal_decide", "assignee_3", -3, "assignee"),
            ("case.appeal_decide", "leader_due", 0, "unit_leaders"),
            ("case.appeal_decide", "overdue", 1, "openness_office"),
        ];
        for (kind, stage, offset, audience) in stages {
            let insert = Query::insert()
                .into_table("reminder_stages")
                .columns(["id", "clock_kind", "stage", "offset_days", "audience", "violation_item"])
                .values_panic([
                    uuid::Uuid::now_v7().into(),
                    kind.into(),
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
        manager
            .exec_stmt(
                Query::delete()
                    .from_table("reminder_stages")
                    .and_where(Expr::col("clock_kind").like("case.%"))
                    .to_owned(),
            )
            .await?;
        for table in [
            "case_filings",
            "case_circulations",
            "case_circumstances",
            "case_evidence",
            "case_subjects",
            "case_parties",
            "cases",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

//! The annual assessment (考核制度, AS 1–11): the openness office's yearly schemes of indicators
//! (versioned until the assessment starts), its daily-check findings, each unit's self-check with
//! evidence files on a deadline clock, the assessment group's scores and the results with their
//! grades, kept for the annual report.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, reminder_stage, unit_owned};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A self-check not submitted by its deadline is a breach of the assessment rules: AC 6(10).
const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    ("assessment.self_check", "assignee_3", -3, "unit_leaders", None),
    ("assessment.self_check", "leader_due", 0, "unit_leaders", None),
    ("assessment.self_check", "overdue", 1, "openness_office", Some("6.10")),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("assessment_schemes")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(integer("year"))
                    .col(string_len("audience", 16))
                    .col(string_len("title", 200))
                    .col(integer("version"))
                    .col(string_len("status", 16))
                    .col(text("indicators"))
                    .col(text("grades"))
                    .col(date("self_check_due"))
                    .col(timestamp_with_time_zone_null("started_at"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("assessment_schemes", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("assessment_schemes", "ux_assessment_schemes_year", &["county_id", "year", "audience"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("assessment_scheme_versions")
                    .col(uuid("id").primary_key())
                    .col(uuid("scheme_id"))
                    .col(integer("version"))
                    .col(text("indicators"))
                    .col(text("grades"))
                    .col(date("self_check_due"))
                    .col(uuid("saved_by"))
                    .col(timestamp_with_time_zone("saved_at"))
                    .foreign_key(&mut fk("assessment_scheme_versions", "scheme_id", "assessment_schemes"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("assessment_scheme_versions", "ux_assessment_scheme_versions", &["scheme_id", "version"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                unit_owned("assessment_findings")
                    .col(integer("year"))
                    .col(string_len("indicator_code", 40))
                    .col(text("description"))
                    .col(string_len_null("evidence_url", 500))
                    .col(integer("deduction"))
                    .col(uuid_null("notice_id"))
                    .col(uuid("recorded_by"))
                    .col(timestamp_with_time_zone("recorded_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("assessment_findings", "ix_assessment_findings_year", &["unit_id", "year"])).await?;
        manager
            .create_table(
                unit_owned("assessment_self_checks")
                    .col(uuid("scheme_id"))
                    .col(text("report"))
                    .col(text("self_scores"))
                    .col(string_len("status", 16))
                    .col(uuid_null("submitted_by"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("assessment_self_checks", "scheme_id", "assessment_schemes"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("assessment_self_checks", "ux_assessment_self_checks", &["scheme_id", "unit_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                unit_owned("assessment_evidence")
                    .col(uuid("scheme_id"))
                    .col(string_len("file_name", 200))
                    .col(string_len("content_type", 100))
                    .col(integer("size_bytes"))
                    .col(string_len("sha256", 64))
                    .col(blob("content"))
                    .col(uuid("uploaded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("assessment_evidence", "scheme_id", "assessment_schemes"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("assessment_evidence", "ix_assessment_evidence_scheme", &["scheme_id", "unit_id"]))
            .await?;
        manager
            .create_table(
                unit_owned("assessment_scores")
                    .col(uuid("scheme_id"))
                    .col(string_len("indicator_code", 40))
                    .col(integer("score"))
                    .col(string_len("method", 24))
                    .col(text("note"))
                    .col(uuid("scored_by"))
                    .col(timestamp_with_time_zone("scored_at"))
                    .foreign_key(&mut fk("assessment_scores", "scheme_id", "assessment_schemes"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("assessment_scores", "ux_assessment_scores", &["scheme_id", "unit_id", "indicator_code"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                unit_owned("assessment_results")
                    .col(uuid("scheme_id"))
                    .col(integer("total"))
                    .col(integer("maximum"))
                    .col(integer("percent"))
                    .col(text("breakdown"))
                    .col(string_len("proposed_grade", 16))
                    .col(text_null("proposal_note"))
                    .col(uuid("proposed_by"))
                    .col(timestamp_with_time_zone("proposed_at"))
                    .col(string_len_null("confirmed_grade", 16))
                    .col(text_null("confirm_note"))
                    .col(uuid_null("confirmed_by"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .foreign_key(&mut fk("assessment_results", "scheme_id", "assessment_schemes"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("assessment_results", "ux_assessment_results", &["scheme_id", "unit_id"]).unique().to_owned(),
            )
            .await?;
        for (kind, stage, offset, audience, item) in STAGES {
            manager.exec_stmt(reminder_stage(kind, stage, *offset, audience, *item)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table("reminder_stages")
            .and_where(Expr::col("clock_kind").eq("assessment.self_check"))
            .to_owned();
        manager.exec_stmt(delete).await?;
        for table in [
            "assessment_results",
            "assessment_scores",
            "assessment_evidence",
            "assessment_self_checks",
            "assessment_findings",
            "assessment_scheme_versions",
            "assessment_schemes",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

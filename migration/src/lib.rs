//! Schema migrations, shared by SQLite and PostgreSQL. One file per change; never edit a migration
//! that has shipped.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261126_000001_platform_core;
mod m20261126_000002_calendar;
mod m20261126_000003_clocks_and_notifications;
mod m20261126_000004_applications;
mod m20261126_000005_accountability;
mod m20261126_000006_citizen_accounts;
mod m20261126_000007_applicant_language;
mod m20261202_000008_clock_subjects;
mod m20261202_000009_application_assistance;
mod m20261202_000010_fee_notice_receipt;
mod m20261202_000011_duties_and_secrecy_review;
mod m20261202_000012_case_closure_and_violation_date;
mod m20261202_000013_third_party_objection;
mod m20261202_000014_art35_reasons_and_deferral;
mod m20261202_000015_sanction_recommendation;
mod m20261202_000016_external_remedy_steps;
mod m20261202_000017_fee_notice_delivery_reminders;
mod m20261202_000018_record_correction_requests;
mod m20261202_000019_publication_suggestions;
mod m20261202_000020_idempotency_keys;
mod m20261202_000021_attachment_uploader;
mod m20261202_000022_proactive_disclosure;
mod m20261203_000023_secrecy_records;
mod m20261203_000024_item_attachments;
mod m20261203_000025_online_inspection;
mod m20261203_000026_catalogue_freshness;
mod m20261203_000027_complaints;
mod m20261203_000028_unit_guides;
mod m20261203_000029_catalogue_search;
mod m20261203_000030_guide_freshness;
mod m20261203_000031_social_evaluation;
mod m20261203_000032_representatives_paper_rectification;
mod m20261203_000033_search_stored_tsvector;
mod m20261204_000034_assessment;
mod m20261204_000035_search_newest_first;
mod m20261204_000036_search_without_newest_first;

#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_platform_core::Migration),
            Box::new(m20261126_000002_calendar::Migration),
            Box::new(m20261126_000003_clocks_and_notifications::Migration),
            Box::new(m20261126_000004_applications::Migration),
            Box::new(m20261126_000005_accountability::Migration),
            Box::new(m20261126_000006_citizen_accounts::Migration),
            Box::new(m20261126_000007_applicant_language::Migration),
            Box::new(m20261202_000008_clock_subjects::Migration),
            Box::new(m20261202_000009_application_assistance::Migration),
            Box::new(m20261202_000010_fee_notice_receipt::Migration),
            Box::new(m20261202_000011_duties_and_secrecy_review::Migration),
            Box::new(m20261202_000012_case_closure_and_violation_date::Migration),
            Box::new(m20261202_000013_third_party_objection::Migration),
            Box::new(m20261202_000014_art35_reasons_and_deferral::Migration),
            Box::new(m20261202_000015_sanction_recommendation::Migration),
            Box::new(m20261202_000016_external_remedy_steps::Migration),
            Box::new(m20261202_000017_fee_notice_delivery_reminders::Migration),
            Box::new(m20261202_000018_record_correction_requests::Migration),
            Box::new(m20261202_000019_publication_suggestions::Migration),
            Box::new(m20261202_000020_idempotency_keys::Migration),
            Box::new(m20261202_000021_attachment_uploader::Migration),
            Box::new(m20261202_000022_proactive_disclosure::Migration),
            Box::new(m20261203_000023_secrecy_records::Migration),
            Box::new(m20261203_000024_item_attachments::Migration),
            Box::new(m20261203_000025_online_inspection::Migration),
            Box::new(m20261203_000026_catalogue_freshness::Migration),
            Box::new(m20261203_000027_complaints::Migration),
            Box::new(m20261203_000028_unit_guides::Migration),
            Box::new(m20261203_000029_catalogue_search::Migration),
            Box::new(m20261203_000030_guide_freshness::Migration),
            Box::new(m20261203_000031_social_evaluation::Migration),
            Box::new(m20261203_000032_representatives_paper_rectification::Migration),
            Box::new(m20261203_000033_search_stored_tsvector::Migration),
            Box::new(m20261204_000034_assessment::Migration),
            Box::new(m20261204_000035_search_newest_first::Migration),
            Box::new(m20261204_000036_search_without_newest_first::Migration),
        ]
    }
}

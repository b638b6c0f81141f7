//! Proactive disclosure under secrecy review (SR 1–13; Regulations Arts. 12, 14–21, 26): information
//! items with their disclosure attribute, reviews, consultations and referrals, the published
//! versions behind the catalogue, gap-free index-number serials, the county's catalogue headings and
//! the secrecy bureau's sensitive-word list.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index, reminder_stage};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 8] = [
    "index_serials",
    "item_events",
    "item_consultations",
    "item_reviews",
    "item_versions",
    "information_items",
    "catalogue_headings",
    "sensitive_words",
];

const STAGES: &[(&str, &str, i32, &str, Option<&str>)] = &[
    // Art. 26: published within 20 working days of formation; late publication is AC 6(2).
    ("item.publication", "assignee_5", -5, "assignee", None),
    ("item.publication", "leader_due", 0, "unit_leaders", None),
    ("item.publication", "overdue", 1, "openness_office", Some("6.2")),
    // SR 10: the bureau answers within 5 working days; the bureau's leaders at the last day.
    ("item.referral_answer", "leader_due", 0, "unit_leaders", None),
    ("item.referral_answer", "overdue", 1, "openness_office", Some("6.8")),
    // Art. 32: a right holder's 15 working days, watched by the handler who asked.
    ("item.consultation", "assignee_1", -1, "assignee", None),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("catalogue_headings")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(string_len("name", 100))
                    .col(string_len("name_en", 100))
                    .col(string_len("category", 32))
                    .col(integer_null("publish_within_days"))
                    .col(integer("position"))
                    .col(boolean("active"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("catalogue_headings", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("information_items")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("title", 200))
                    .col(string_len("summary", 500))
                    .col(text("body"))
                    .col(string_len("category", 32))
                    .col(uuid_null("heading_id"))
                    .col(date("formed_on"))
                    .col(string_len_null("doc_number", 100))
                    .col(date_null("valid_from"))
                    .col(date_null("valid_until"))
                    .col(string_len("attribute", 16))
                    .col(string_len_null("ground", 32))
                    .col(text_null("attribute_reason"))
                    .col(text("sensitive_domains"))
                    .col(string_len_null("domain_authority", 200))
                    .col(text_null("domain_procedure"))
                    .col(string_len_null("classification_level", 8))
                    .col(date_null("classified_until"))
                    .col(string_len("status", 16))
                    .col(integer("revision"))
                    .col(integer_null("reviewed_revision"))
                    .col(string_len_null("index_number", 64).unique_key())
                    .col(date_null("first_published_on"))
                    .col(date_null("withdrawn_on"))
                    .col(text_null("withdrawal_reason"))
                    .col(uuid("drafter_id"))
                    .col(uuid_null("suggestion_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("information_items", "unit_id", "units"))
                    .foreign_key(&mut fk("information_items", "heading_id", "catalogue_headings"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("information_items", "ix_information_items_unit_status", &["unit_id", "status"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("item_versions")
                    .col(uuid("id").primary_key())
                    .col(uuid("item_id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(integer("revision"))
                    .col(string_len("index_number", 64))
                    .col(string_len("title", 200))
                    .col(string_len("summary", 500))
                    .col(text("body"))
                    .col(string_len("category", 32))
                    .col(uuid_null("heading_id"))
                    .col(date("formed_on"))
                    .col(string_len_null("doc_number", 100))
                    .col(date_null("valid_from"))
                    .col(date_null("valid_until"))
                    .col(date("published_on"))
                    .col(text_null("correction_note"))
                    .col(uuid("drafter_id"))
                    .col(uuid("reviewer_id"))
                    .col(uuid("approver_id"))
                    .col(uuid("published_by"))
                    .col(timestamp_with_time_zone("published_at"))
                    .foreign_key(&mut fk("item_versions", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("item_versions", "ix_item_versions_item", &["item_id", "revision"])).await?;
        manager
            .create_table(
                Table::create()
                    .table("item_reviews")
                    .col(uuid("id").primary_key())
                    .col(uuid("item_id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(integer("revision"))
                    .col(uuid("reviewer_id"))
                    .col(text("checklist"))
                    .col(text("findings"))
                    .col(text("open_hits"))
                    .col(string_len("outcome", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("item_reviews", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("item_consultations")
                    .col(uuid("id").primary_key())
                    .col(uuid("item_id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("party", 24))
                    .col(string_len("party_name", 200))
                    .col(uuid_null("target_unit_id"))
                    .col(integer("revision"))
                    .col(text("question"))
                    .col(date("started_on"))
                    .col(string_len("status", 16))
                    .col(string_len_null("opinion", 16))
                    .col(text_null("answer"))
                    .col(date_null("answered_on"))
                    .col(uuid_null("answered_by"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("item_consultations", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("item_consultations", "ix_item_consultations_target", &["target_unit_id", "status"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("item_events")
                    .col(uuid("id").primary_key())
                    .col(uuid("item_id"))
                    .col(uuid("county_id"))
                    .col(uuid("unit_id"))
                    .col(string_len("kind", 32))
                    .col(boolean("public"))
                    .col(uuid_null("actor_id"))
                    .col(integer("revision"))
                    .col(text("details"))
                    .col(date("on_date"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("item_events", "item_id", "information_items"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("item_events", "ix_item_events_item", &["item_id", "created_at"])).await?;
        // The next serial of a unit's index numbers in a year; taken by an upsert in the publishing
        // transaction, so numbers are neither shared nor skipped.
        manager
            .create_table(
                Table::create()
                    .table("index_serials")
                    .col(uuid("unit_id"))
                    .col(integer("year"))
                    .col(integer("last_serial"))
                    .primary_key(Index::create().col("unit_id").col("year"))
                    .foreign_key(&mut fk("index_serials", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sensitive_words")
                    .col(uuid("id").primary_key())
                    .col(uuid("county_id"))
                    .col(string_len("word", 50))
                    .col(string_len_null("note", 200))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("sensitive_words", "county_id", "counties"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("sensitive_words", "ux_sensitive_words_county_word", &["county_id", "word"]).unique().to_owned(),
            )
            .await?;
        for (kind, stage, offset, audience, item) in STAGES {
            manager.exec_stmt(reminder_stage(kind, stage, *offset, audience, *item)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let kinds = ["item.publication", "item.referral_answer", "item.consultation"];
        let delete =
            Query::delete().from_table("reminder_stages").and_where(Expr::col("clock_kind").is_in(kinds)).to_owned();
        manager.exec_stmt(delete).await?;
        for table in TABLES {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

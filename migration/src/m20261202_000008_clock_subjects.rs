//! Clocks carry what people call their subject and where it is handled, given by the workflow that
//! starts them, so the clock module never reads a workflow's tables. A subject may have a clock of a
//! kind in each unit that handled it (a transferred application keeps the first unit's cancelled
//! sign-for clock), so uniqueness is per unit.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, TryGetable};

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("statutory_clocks")
                    .add_column(string_len("subject_label", 200).default("").not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table("statutory_clocks").add_column(string_len_null("subject_link", 300)).to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name("ux_statutory_clocks_subject_kind").table("statutory_clocks").to_owned())
            .await?;
        manager
            .create_index(
                index(
                    "statutory_clocks",
                    "ux_statutory_clocks_unit_subject_kind",
                    &["unit_id", "subject_type", "subject_id", "kind"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        label_existing_clocks(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop().name("ux_statutory_clocks_unit_subject_kind").table("statutory_clocks").to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("statutory_clocks", "ux_statutory_clocks_subject_kind", &["subject_type", "subject_id", "kind"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        for col in ["subject_link", "subject_label"] {
            manager.alter_table(Table::alter().table("statutory_clocks").drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

fn get<T: TryGetable>(row: &sea_orm_migration::sea_orm::QueryResult, col: &str) -> Result<T, DbErr> {
    row.try_get::<T>("", col)
}

/// Clocks started before this migration get the label their workflow gives new ones today: an
/// application by its tracking code, masked applicant and request; anything else by what it is.
async fn label_existing_clocks(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let clocks = db
        .query_all(
            &Query::select()
                .columns(["id", "subject_type", "subject_id", "unit_id"].map(Alias::new))
                .from("statutory_clocks")
                .and_where(Expr::col("subject_label").eq(""))
                .to_owned(),
        )
        .await?;
    for row in clocks {
        let id: uuid::Uuid = get(&row, "id")?;
        let subject_type: String = get(&row, "subject_type")?;
        let subject_id: String = get(&row, "subject_id")?;
        let unit_id: uuid::Uuid = get(&row, "unit_id")?;
        let (label, link) = match subject_type.as_str() {
            "application" => match uuid::Uuid::parse_str(&subject_id) {
                Ok(app_id) => application_label(db, app_id, unit_id).await?,
                Err(_) => ("依申请公开".to_string(), None),
            },
            "consultation" => ("征求意见".to_string(), None),
            "case_filing" | "case_party" => ("问责案件 复核申诉".to_string(), Some("/console/cases".to_string())),
            other => (other.to_string(), None),
        };
        db.execute(
            &Query::update()
                .table("statutory_clocks")
                .value("subject_label", label)
                .value("subject_link", link)
                .and_where(Expr::col("id").eq(id))
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

async fn application_label(
    db: &impl ConnectionTrait,
    app_id: uuid::Uuid,
    unit_id: uuid::Uuid,
) -> Result<(String, Option<String>), DbErr> {
    let row = db
        .query_one(
            &Query::select()
                .columns(["tracking_code", "applicant_name", "applicant_kind", "description"].map(Alias::new))
                .from("applications")
                .and_where(Expr::col("id").eq(app_id))
                .to_owned(),
        )
        .await?;
    let Some(row) = row else { return Ok(("依申请公开".to_string(), None)) };
    let code: String = get(&row, "tracking_code")?;
    let name: String = get(&row, "applicant_name")?;
    let kind: String = get(&row, "applicant_kind")?;
    let description: String = get(&row, "description")?;
    // The same masking the application lists use: a person's name keeps its first character.
    let shown_name = if kind == "natural_person" {
        let mut chars = name.chars();
        chars.next().map(|first| format!("{first}{}", "*".repeat(chars.count().max(1)))).unwrap_or_default()
    } else {
        name
    };
    let mut request: String = description.chars().take(12).collect();
    if description.chars().count() > 12 {
        request.push('…');
    }
    Ok((format!("依申请 {code} · {shown_name} · {request}"), Some(format!("/console/applications/{unit_id}/{app_id}"))))
}

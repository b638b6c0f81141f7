use sea_orm::entity::prelude::*;

/// Evidence of a case: a small file kept in the database, or a reference to a record elsewhere.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_evidence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    /// `file` or `reference`.
    pub kind: String,
    pub title: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: i64,
    /// Base64 of the file.
    #[sea_orm(column_type = "Text", nullable)]
    pub content: Option<String>,
    pub reference: Option<String>,
    pub added_by: Uuid,
    pub added_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

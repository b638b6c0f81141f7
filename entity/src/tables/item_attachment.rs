use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// A file attached to an information item (type read from its bytes), with the text the scan reads
/// in it, or why it has none. It belongs to revisions `added_revision..removed_revision`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item_attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub item_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    pub content: Vec<u8>,
    #[sea_orm(column_type = "Text", nullable)]
    pub text: Option<String>,
    /// `image`, `no_text_layer`, `encrypted` or `damaged`.
    pub unreadable: Option<String>,
    pub added_revision: i32,
    pub removed_revision: Option<i32>,
    pub uploaded_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// What the online inspection found in a published item (SR 9(4)), and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_findings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub run_id: Uuid,
    pub item_id: Uuid,
    /// The published revision it was found in.
    pub revision: i32,
    /// `title`, `summary`, `body` or `attachment`.
    pub field: String,
    pub attachment_id: Option<Uuid>,
    /// The scan's hit kind, e.g. `mobile`.
    pub kind: String,
    pub start_at: i32,
    /// The same finding is recorded once per item: revision, field, file, kind and offset.
    pub fingerprint: String,
    #[sea_orm(column_type = "Text")]
    pub excerpt: String,
    /// `open`, `ordered`, `remedied` or `dismissed`.
    pub status: String,
    /// `take_down`, `mask` or `correct`.
    pub remedy: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub order_note: Option<String>,
    pub ordered_by: Option<Uuid>,
    pub ordered_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer_note: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
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

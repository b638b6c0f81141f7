use sea_orm::entity::prelude::*;

use crate::enums::InformationCategory;
use crate::scope::UnitOwned;

/// One publication of an item, as the public saw it: the first, then each correction.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub revision: i32,
    pub index_number: String,
    pub title: String,
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub category: InformationCategory,
    pub heading_id: Option<Uuid>,
    pub formed_on: Date,
    pub doc_number: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub published_on: Date,
    /// What the correction changed, for every version after the first.
    #[sea_orm(column_type = "Text", nullable)]
    pub correction_note: Option<String>,
    pub drafter_id: Uuid,
    pub reviewer_id: Uuid,
    pub approver_id: Uuid,
    pub published_by: Uuid,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

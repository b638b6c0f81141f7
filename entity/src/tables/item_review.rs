use sea_orm::entity::prelude::*;

use crate::enums::ReviewOutcome;
use crate::scope::UnitOwned;

/// A secrecy review of one revision of an item (SR 3–7), by the unit's designated reviewer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub revision: i32,
    pub reviewer_id: Uuid,
    /// The SR 7 checklist as answered, JSON.
    #[sea_orm(column_type = "Text")]
    pub checklist: String,
    #[sea_orm(column_type = "Text")]
    pub findings: String,
    /// Scan hits still in the text when reviewed, by kind, JSON.
    #[sea_orm(column_type = "Text")]
    pub open_hits: String,
    pub outcome: ReviewOutcome,
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

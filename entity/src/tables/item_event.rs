use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// A step in an item's history: drafted, changed, masked, submitted, reviewed, consulted,
/// approved, published, corrected, withdrawn. Public steps are shown on the portal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub kind: String,
    pub public: bool,
    pub actor_id: Option<Uuid>,
    pub revision: i32,
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub on_date: Date,
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

use sea_orm::entity::prelude::*;

use crate::enums::UnitDuty;
use crate::scope::UnitOwned;

/// A member designated for a duty of the unit by its principal leader.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit_duties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub duty: UnitDuty,
    pub user_id: Uuid,
    pub designated_by: Option<Uuid>,
    pub designated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

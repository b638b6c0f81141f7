use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// A supervision notice (督办) from the openness office to a unit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_notices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub application_id: Option<Uuid>,
    pub from_unit_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub respond_by: Option<Date>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Self::Column {
        Column::UnitId
    }
}

use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// A leak of information that should not have gone out (SR 8(4), SR 11), recorded against the unit
/// it came from; it raises an AC 6(4) lead.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "leak_incidents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    /// The published item it leaked through, when it did.
    pub item_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub what: String,
    pub where_found: String,
    pub found_on: Date,
    #[sea_orm(column_type = "Text")]
    pub remedy: String,
    /// Who was told (the bureau, the leader, the people concerned…).
    #[sea_orm(column_type = "Text")]
    pub told: String,
    pub lead_id: Option<Uuid>,
    pub reported_by: Uuid,
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

use sea_orm::entity::prelude::*;

use crate::enums::{ProceedingKind, ProceedingResult};
use crate::scope::UnitOwned;

/// An administrative review or a lawsuit over an application's handling (annual report table 4).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "legal_proceedings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub kind: ProceedingKind,
    pub filed_on: Date,
    pub result: ProceedingResult,
    pub decided_on: Option<Date>,
    pub note: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Self::Column {
        Column::UnitId
    }
}

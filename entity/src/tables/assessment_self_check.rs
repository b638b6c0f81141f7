use sea_orm::entity::prelude::*;

use crate::enums::SelfCheckStatus;
use crate::scope::UnitOwned;

/// A unit's written self-check under a scheme (AS 9(2)).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_self_checks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub scheme_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub report: String,
    /// The unit's own score per indicator, as JSON.
    #[sea_orm(column_type = "Text")]
    pub self_scores: String,
    pub status: SelfCheckStatus,
    pub submitted_by: Option<Uuid>,
    pub submitted_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

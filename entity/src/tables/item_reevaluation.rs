use sea_orm::entity::prelude::*;

use crate::enums::ReevaluationOutcome;
use crate::scope::UnitOwned;

/// A periodic re-evaluation of a withheld item (Art. 18) or of its classification (SR 8(2)).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item_reevaluations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub item_id: Uuid,
    pub outcome: ReevaluationOutcome,
    pub level_before: Option<String>,
    pub level_after: Option<String>,
    pub until_before: Option<Date>,
    pub until_after: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub reviewer_id: Uuid,
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

use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// A finding of the openness office's daily checks on a unit (AS 8), with its evidence and the
/// points it takes off an indicator of the year's scheme.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_findings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub year: i32,
    pub indicator_code: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// A link to the page or screenshot that shows it.
    pub evidence_url: Option<String>,
    /// Points taken off, in hundredths of a point.
    pub deduction: i32,
    /// The supervision notice it became, if it did.
    pub notice_id: Option<Uuid>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

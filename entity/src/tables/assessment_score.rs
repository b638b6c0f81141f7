use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// The assessment group's score of one indicator of a unit (AS 9(3)), with how it was checked.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_scores")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub scheme_id: Uuid,
    pub indicator_code: String,
    /// In hundredths of a point.
    pub score: i32,
    /// hearing, document_review, site_visit, online_check or overall_review.
    pub method: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub scored_by: Uuid,
    pub scored_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

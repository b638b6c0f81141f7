use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// A unit's result under a scheme: the group's proposal with the figures it rested on, and the
/// openness office's confirmation (AS 9(4)). Kept for the annual report (Art. 50).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub scheme_id: Uuid,
    /// Points scored, in hundredths.
    pub total: i32,
    /// Points of the indicators that were scored, in hundredths.
    pub maximum: i32,
    /// total / maximum, in hundredths of a percent, rounded half up.
    pub percent: i32,
    /// Every indicator's score at the proposal, as JSON.
    #[sea_orm(column_type = "Text")]
    pub breakdown: String,
    pub proposed_grade: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub proposal_note: Option<String>,
    pub proposed_by: Uuid,
    pub proposed_at: DateTimeUtc,
    pub confirmed_grade: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub confirm_note: Option<String>,
    pub confirmed_by: Option<Uuid>,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

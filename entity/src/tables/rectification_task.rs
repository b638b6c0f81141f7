use sea_orm::entity::prelude::*;

use crate::enums::{FeedbackMethod, RectificationStatus};
use crate::scope::UnitOwned;

/// An opinion the leading group deems reasonable, for the unit to rectify by a deadline (EV 7).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rectification_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub campaign_id: Uuid,
    /// The response the opinion came from, when it came from one.
    pub response_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub opinion: String,
    /// What the group asks the unit to do.
    #[sea_orm(column_type = "Text")]
    pub requirement: String,
    pub due_on: Date,
    pub status: RectificationStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub report: Option<String>,
    pub feedback_method: Option<FeedbackMethod>,
    #[sea_orm(column_type = "Text", nullable)]
    pub feedback_note: Option<String>,
    pub reported_by: Option<Uuid>,
    pub reported_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_note: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
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

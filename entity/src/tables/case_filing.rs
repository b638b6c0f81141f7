use sea_orm::entity::prelude::*;

use crate::enums::{FilingStatus, RemedyKind};

/// A review (复核; 复审 on the supervisory track) to the deciding body, or an appeal (申诉; 复核 to
/// the higher commission on the supervisory track) to the body above it (AC 12).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_filings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub party_id: Uuid,
    pub kind: RemedyKind,
    /// The body that must decide it.
    pub deciding_unit_id: Uuid,
    pub filed_by: Uuid,
    pub filed_at: DateTimeUtc,
    /// The last day it could be filed.
    pub due_on: Date,
    #[sea_orm(column_type = "Text")]
    pub grounds: String,
    pub decide_by: Date,
    pub clock_id: Option<Uuid>,
    pub status: FilingStatus,
    /// `upheld`, `changed` or `revoked`.
    pub outcome: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome_measures: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome_reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    /// The body outside the county that decides it (上一级机关, 上一级监察机关); `None` inside the
    /// county, where `deciding_unit_id` decides. Outside, `deciding_unit_id` is the body that
    /// records the step and its result.
    pub external_body: Option<String>,
    /// The day it was filed with the external body.
    pub external_filed_on: Option<Date>,
    /// The day the external body decided.
    pub external_decided_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

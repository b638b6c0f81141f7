use sea_orm::entity::prelude::*;

use crate::enums::{AssessmentAudience, SchemeStatus};

/// A year's assessment scheme of the openness office (AS 9(1)): the indicator tree over AS 6's
/// four groups with weights and scoring rules, and the grades with their thresholds, for one
/// audience (AS 4 or, by reference, AS 10). Frozen once the assessment starts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_schemes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub year: i32,
    pub audience: AssessmentAudience,
    pub title: String,
    /// Goes up with every change before the start; each version is kept.
    pub version: i32,
    pub status: SchemeStatus,
    /// The indicators as JSON (see `assessment::scheme::Indicator`).
    #[sea_orm(column_type = "Text")]
    pub indicators: String,
    /// The grades and their thresholds as JSON (see `assessment::scheme::GradeBand`).
    #[sea_orm(column_type = "Text")]
    pub grades: String,
    /// The day each unit's self-check report is due (AS 9(2)).
    pub self_check_due: Date,
    pub started_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::enums::LeadStatus;

/// A possible breach found by the platform (AC 6), for the openness office and the supervisory
/// commission to dismiss or turn into an accountability case. One per subject and item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "violation_leads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    /// The AC 6 item, e.g. `6.2`.
    pub item: String,
    pub subject_type: String,
    pub subject_id: String,
    pub clock_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub facts: String,
    pub detected_at: DateTimeUtc,
    pub status: LeadStatus,
    pub triaged_by: Option<Uuid>,
    pub triaged_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub triage_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::enums::{CaseApproval, CaseClosure, CaseStatus};

/// An accountability case (AC 1–15), decided by the body that opened it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    /// The body that pursues the case (AC 4) and decides it.
    pub deciding_unit_id: Uuid,
    pub number: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub facts: String,
    /// JSON array of AC 6 violation types.
    #[sea_orm(column_type = "Text")]
    pub violation_types: String,
    pub lead_id: Option<Uuid>,
    pub status: CaseStatus,
    pub severity: Option<String>,
    /// JSON array of AC 7 measures.
    #[sea_orm(column_type = "Text")]
    pub measures: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub departure_reason: Option<String>,
    /// Why the deciding body changed the AC 9 proposal.
    #[sea_orm(column_type = "Text", nullable)]
    pub allocation_reason: Option<String>,
    /// The county government's approval (AC 8).
    pub approval: CaseApproval,
    pub approved_by: Option<Uuid>,
    pub approved_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub approval_note: Option<String>,
    pub hearing_deadline: Option<Date>,
    pub hearing_opened_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reasons: Option<String>,
    pub track: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    /// Set when the case closed without measures.
    pub closure: Option<CaseClosure>,
    /// The day the violation happened (AC 11(4) counts repeats on these dates).
    pub violated_on: Option<Date>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::enums::ClockState;
use crate::scope::UnitOwned;

/// A statutory time limit running for a subject (an application, a referral, a case…). The due
/// date is derived from the start, the period, extensions, pauses and the county calendar; it is
/// stored only so the reminder scan can use an index.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "statutory_clocks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub subject_type: String,
    pub subject_id: String,
    /// What people call the subject (e.g. `依申请 2026-E36KBCPU · 李* · 请公开…`), given by its workflow.
    pub subject_label: String,
    /// The console page where the subject is handled, relative to the public base address.
    pub subject_link: Option<String>,
    pub kind: String,
    pub legal_basis: String,
    pub start_date: Date,
    /// `working_days` or `calendar_days`.
    pub period_mode: String,
    pub period_days: i32,
    pub extension_days: i32,
    pub state: ClockState,
    pub assignee_user_id: Option<Uuid>,
    pub due_date: Date,
    /// Reminder stages whose date falls before this day (the day the current schedule began) are
    /// not sent late.
    pub schedule_from: Date,
    pub next_reminder_on: Option<Date>,
    pub completed_at: Option<DateTimeUtc>,
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

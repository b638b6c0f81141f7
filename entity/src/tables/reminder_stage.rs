use sea_orm::entity::prelude::*;

/// A reminder or escalation stage of a clock kind (`*` = every kind without its own stages).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder_stages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clock_kind: String,
    pub stage: String,
    /// Negative: working days before the due date; 0: the due day; positive: days after it ended.
    pub offset_days: i32,
    /// `assignee`, `unit_leaders` or `openness_office`.
    pub audience: String,
    /// The AC 6 item of the violation lead this stage raises, if any.
    pub violation_item: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

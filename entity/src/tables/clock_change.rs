use sea_orm::entity::prelude::*;

/// An approved extension or a restart of a clock, kept for the explanation and for AC 9.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clock_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clock_id: Uuid,
    /// `extension` or `restart`.
    pub change: String,
    pub days: Option<i32>,
    pub previous_start: Option<Date>,
    pub new_start: Option<Date>,
    pub reason: String,
    pub approved_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// One pass of the secrecy bureau's online inspection over a county's published items.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    /// `schedule` or `on_demand`.
    pub trigger: String,
    pub started_by: Option<Uuid>,
    pub started_at: DateTimeUtc,
    pub items_scanned: i32,
    pub findings_new: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

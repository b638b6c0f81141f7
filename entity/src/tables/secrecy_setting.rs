use sea_orm::entity::prelude::*;

/// A county's schedule for secrecy work, set by its secrecy bureau.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "secrecy_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub county_id: Uuid,
    /// Calendar days between re-evaluations of a withheld item (Art. 18).
    pub reevaluation_days: i32,
    pub updated_by: Uuid,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

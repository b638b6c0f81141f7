use sea_orm::entity::prelude::*;

/// A county's schedule for its disclosure guides, set by its openness office.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "disclosure_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub county_id: Uuid,
    /// Calendar days within which each unit confirms its guide again (Art. 12, AC 6(1)).
    pub guide_review_days: i32,
    pub updated_by: Uuid,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

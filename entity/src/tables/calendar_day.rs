use sea_orm::entity::prelude::*;

/// A date on which a county's calendar departs from Monday–Friday: a public holiday or a weekend day
/// worked in exchange (调休).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_days")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub date: Date,
    /// `holiday` or `make_up_workday`.
    pub kind: String,
    /// The holiday's name, or the holiday a make-up day serves.
    pub name: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A year whose official holiday schedule a county has loaded. Years without a row are flagged.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_years")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub year: i32,
    /// Where the schedule came from, e.g. the State Council notice or an uploaded file.
    pub source: String,
    pub loaded_at: DateTimeUtc,
    pub loaded_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::enums::InformationCategory;

/// A heading of the county's disclosure catalogue (公开目录), kept by the openness office. A heading
/// may set a shorter publication limit than Art. 26's 20 working days.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_headings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub name: String,
    pub name_en: String,
    /// The Art. 20–21 kind the heading belongs to.
    pub category: InformationCategory,
    /// Working days from formation or change to publication; `None` is Art. 26's 20.
    pub publish_within_days: Option<i32>,
    pub position: i32,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Calendar days within which each unit publishing under the heading must publish again (AC 6(1)).
    pub update_every_days: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

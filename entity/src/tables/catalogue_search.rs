use sea_orm::entity::prelude::*;

use crate::enums::InformationCategory;
use crate::scope::UnitOwned;

/// A published item in the catalogue's full-text index: its last published version's words,
/// segmented, and the columns searches filter on. Withdrawn items are not in it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_search")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub heading_id: Option<Uuid>,
    pub category: InformationCategory,
    pub published_on: Date,
    pub valid_until: Option<Date>,
    pub repealed_on: Option<Date>,
    /// Space-separated words of the title, summary, text and files, and the title's character pairs.
    #[sea_orm(column_type = "Text")]
    pub tokens: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

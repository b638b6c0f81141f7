use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// What a unit's disclosure guide (政府信息公开指南, Art. 12) is generated from: its disclosure
/// office's contact data, kept by the unit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit_guides")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: Uuid,
    pub county_id: Uuid,
    /// The office that receives applications, e.g. 口前镇党政综合办公室.
    pub office_name: String,
    pub address: String,
    pub postal_code: String,
    pub office_hours: String,
    pub phone: String,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// Anything else the unit tells applicants.
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    pub updated_by: Uuid,
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

use sea_orm::entity::prelude::*;

use crate::enums::UnitRole;
use crate::scope::UnitOwned;

/// Who holds which role in which unit. The casbin grouping rules are built from these rows.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub unit_id: Uuid,
    pub county_id: Uuid,
    pub role: UnitRole,
    /// The unit's principal leader (主要负责人); at most one per unit.
    pub is_principal: bool,
    pub created_at: DateTimeUtc,
    pub created_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

use sea_orm::entity::prelude::*;

use crate::enums::{OversightFunction, Sector, UnitKind};

/// A unit (单位): the tenant. Townships, departments, stationed bodies, public enterprises and the
/// county bodies are all units.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub parent_id: Option<Uuid>,
    /// Short ASCII handle, unique within the county (used in demo logins and exports).
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub name_en: String,
    pub kind: UnitKind,
    pub sector: Option<Sector>,
    pub function: Option<OversightFunction>,
    /// Unified social credit code (统一社会信用代码); index numbers are built from it.
    pub credit_code: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

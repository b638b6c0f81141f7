use sea_orm::entity::prelude::*;

/// One saved version of a scheme, kept when the next one replaces it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_scheme_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub scheme_id: Uuid,
    pub version: i32,
    #[sea_orm(column_type = "Text")]
    pub indicators: String,
    #[sea_orm(column_type = "Text")]
    pub grades: String,
    pub self_check_due: Date,
    pub saved_by: Uuid,
    pub saved_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

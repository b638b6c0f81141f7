use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// A file sent with an application (identity proof, a correction).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    pub unit_id: Uuid,
    /// `identity_proof`, `correction` or `other`.
    pub purpose: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    pub content: Vec<u8>,
    pub created_at: DateTimeUtc,
    /// Uploaded by the unit's staff (else by the applicant): each has its own quota.
    pub by_staff: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Self::Column {
        Column::UnitId
    }
}

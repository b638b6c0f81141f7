use sea_orm::entity::prelude::*;

use crate::enums::RepresentativeCategory;

/// An invitation to a representative (EV 4(2)): a one-time link by email for the units they are
/// asked about. Only a keyed hash of the link's token is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_invitations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub county_id: Uuid,
    pub name: String,
    pub category: RepresentativeCategory,
    pub email: String,
    pub token_key: String,
    /// The units asked about, as a JSON array of ids.
    #[sea_orm(column_type = "Text")]
    pub unit_ids: String,
    pub invited_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

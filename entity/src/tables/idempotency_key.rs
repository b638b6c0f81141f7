use sea_orm::entity::prelude::*;

/// A portal submission's Idempotency-Key, as a keyed hash, bound to a fingerprint of the request it
/// came with; a retry within its life gets the first answer, any other use of it a conflict.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key_hash: String,
    pub fingerprint: String,
    pub application_id: Uuid,
    pub expires_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

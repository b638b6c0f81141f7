use sea_orm::entity::prelude::*;

use crate::enums::AuditOutcome;

/// One audited action. Rows form a hash chain per `chain_key` (a unit, a county or the platform):
/// `hash = HMAC(key, prev_hash || canonical(row))`, so an edited, removed, swapped or forged row breaks
/// the chain.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub chain_key: String,
    pub seq: i64,
    pub county_id: Option<Uuid>,
    pub unit_id: Option<Uuid>,
    pub actor_user_id: Option<Uuid>,
    pub actor_name: String,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub outcome: AuditOutcome,
    /// JSON text: `{"before": …, "after": …}` or the reason of a denial.
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub request_id: String,
    pub client_ip: String,
    pub created_at: DateTimeUtc,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// How a decision on a subject was made (AC 9): who drafted, reviewed and approved it, whether a
/// leader instructed it and the handler objected, or whether the leadership decided collectively.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "approval_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub subject_type: String,
    pub subject_id: String,
    pub decision: String,
    pub drafter_id: Uuid,
    /// JSON array of user ids.
    #[sea_orm(column_type = "Text")]
    pub reviewer_ids: String,
    pub approver_id: Option<Uuid>,
    pub leader_instructed: bool,
    pub handler_objected: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub objection: Option<String>,
    pub collective: bool,
    /// JSON array of user ids.
    #[sea_orm(column_type = "Text")]
    pub collective_members: String,
    pub principal_leader_id: Option<Uuid>,
    pub secrecy_reviewed: bool,
    pub decided_at: DateTimeUtc,
    /// The act approved, e.g. `reply` or `extension`.
    pub act: String,
    /// Whether the act releases information (公开, 部分公开): only then is secrecy review required.
    pub releases_information: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

use sea_orm::entity::prelude::*;

use crate::enums::PartyKind;

/// A unit or a person concerned by a case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_parties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: PartyKind,
    /// The unit concerned, or the person's unit.
    pub unit_id: Uuid,
    pub user_id: Option<Uuid>,
    /// The AC 9 share proposed from the approval trail.
    pub proposed_share: Option<String>,
    pub proposed_basis: Option<String>,
    /// The share the deciding body settled on.
    pub share: Option<String>,
    /// JSON array of the measures in force for this party (after any review or appeal).
    #[sea_orm(column_type = "Text")]
    pub measures: String,
    pub sanction_ends_on: Option<Date>,
    /// For a sanction: `recommended` to the body with authority over the person, then `imposed` or
    /// `declined` by it; `imposed` at once when the supervisory commission decided the case.
    pub sanction_status: Option<String>,
    pub sanction_decided_on: Option<Date>,
    pub sanction_decided_by: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub sanction_note: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub statement: Option<String>,
    pub statement_by: Option<Uuid>,
    pub statement_at: Option<DateTimeUtc>,
    /// The day the party was told of the decision; review and appeal limits run from it.
    pub learned_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::scope::UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

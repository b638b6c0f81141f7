use sea_orm::entity::prelude::*;

use crate::enums::{ConsultationStatus, ConsultedParty};
use crate::scope::UnitOwned;

/// A consultation of a third party or another body, or a referral to the secrecy bureau, while the
/// reply clock is suspended.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_consultations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    pub county_id: Uuid,
    /// The unit handling the application.
    pub unit_id: Uuid,
    pub party: ConsultedParty,
    pub party_name: String,
    /// The unit that must answer, for a referral inside the county (the secrecy bureau).
    pub target_unit_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub question: String,
    pub clock_id: Option<Uuid>,
    pub started_on: Date,
    pub answered_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    pub answered_by: Option<Uuid>,
    pub status: ConsultationStatus,
    /// The third party answered that it does not agree to disclosure (Art. 32).
    pub objected: bool,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Self::Column {
        Column::UnitId
    }
}

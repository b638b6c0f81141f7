use sea_orm::entity::prelude::*;

use crate::enums::{ConsultationStatus, ItemConsultedParty, ItemOpinion};
use crate::scope::UnitOwned;

/// A question about an item put to the secrecy bureau, the competent department or a right holder
/// (SR 6(2), SR 7(3), SR 10; Art. 32).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item_consultations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub county_id: Uuid,
    /// The unit that asks (the item's unit).
    pub unit_id: Uuid,
    pub party: ItemConsultedParty,
    pub party_name: String,
    /// The unit that must answer, when it is inside the county (the bureau, a department).
    pub target_unit_id: Option<Uuid>,
    pub revision: i32,
    #[sea_orm(column_type = "Text")]
    pub question: String,
    pub started_on: Date,
    pub status: ConsultationStatus,
    pub opinion: Option<ItemOpinion>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    pub answered_on: Option<Date>,
    pub answered_by: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

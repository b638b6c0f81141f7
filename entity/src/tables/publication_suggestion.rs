use sea_orm::entity::prelude::*;

use crate::enums::{SuggestionSource, SuggestionStatus};
use crate::scope::UnitOwned;

/// Art. 44: information that several applicants asked for, or that an applicant suggested, put to
/// the unit to decide whether it becomes proactive disclosure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "publication_suggestions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    /// The information, as the unit's handlers named it (`applications`) or as the applicant asked
    /// for it (`applicant`).
    pub topic: String,
    pub source: SuggestionSource,
    /// The applicant's application, for a suggestion made on the portal.
    pub application_id: Option<Uuid>,
    /// Different applicants who asked for it when the prompt was raised.
    pub applicants: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub status: SuggestionStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_note: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
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

use sea_orm::entity::prelude::*;

use crate::scope::UnitOwned;

/// One step of an application's history. Public steps are the notices the applicant sees.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub application_id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub kind: String,
    pub public: bool,
    pub actor_user_id: Option<Uuid>,
    /// The date the step takes effect (e.g. the receipt date of a posted correction).
    pub on_date: Date,
    /// JSON object with the step's facts.
    #[sea_orm(column_type = "Text")]
    pub details: String,
    /// The letter this step produced, if any (`receipt`, `correction_notice`…).
    pub letter: Option<String>,
    pub document_number: Option<String>,
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

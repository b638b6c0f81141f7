use sea_orm::entity::prelude::*;

/// The once-per-day guard of an alert about applications (a surge at one unit, an applicant
/// flagged under Art. 35).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_alerts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    /// `surge` or `art35`.
    pub kind: String,
    pub subject: String,
    pub on_date: Date,
    pub count: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

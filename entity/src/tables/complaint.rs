use sea_orm::entity::prelude::*;

/// A complaint to the openness office about a unit's disclosure work (Regulations Arts. 47, 51).
/// Not unit-owned: the unit complained about does not read it; the county's openness office
/// (`office_unit_id`) handles it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    /// The unit complained about.
    pub unit_id: Uuid,
    pub office_unit_id: Uuid,
    /// The complainant's tracking code, e.g. `TS2026-7K3QM9XA`.
    pub code: String,
    pub complainant: String,
    pub contact: String,
    pub email: Option<String>,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub received_on: Date,
    /// `open` or `answered`.
    pub status: String,
    /// `upheld`, `partly_upheld` or `not_upheld`.
    pub finding: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    pub answered_by: Option<Uuid>,
    pub answered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

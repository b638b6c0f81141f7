use sea_orm::entity::prelude::*;

use crate::enums::CampaignStatus;

/// A year's social evaluation (社会评议, EV 6), run by the county's leading group.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_campaigns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub year: i32,
    pub title: String,
    pub opens_on: Date,
    pub closes_on: Date,
    pub status: CampaignStatus,
    /// The questionnaire's version: it goes up when a question changes after opening.
    pub questionnaire_version: i32,
    /// Points per rating, the public's and the representatives' weights and the thresholds of the
    /// final rating, as JSON (see `evaluation::rating::RatingRule`).
    #[sea_orm(column_type = "Text")]
    pub rule: String,
    /// Responses one address may send for one unit in a day before further ones are discarded.
    pub address_daily_limit: i32,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

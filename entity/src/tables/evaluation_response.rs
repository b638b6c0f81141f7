use sea_orm::entity::prelude::*;

use crate::enums::{DiscardReason, RepresentativeCategory, ResponseChannel};
use crate::scope::UnitOwned;

/// One questionnaire answered for one unit. Discarded responses are kept with their reason and
/// counted; the keys are keyed hashes, so the rows name no one.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_responses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub channel: ResponseChannel,
    pub questionnaire_version: i32,
    /// Keyed hash of the respondent's phone or email, for one response per person and unit.
    pub contact_key: Option<String>,
    /// Keyed hash of the device's token.
    pub device_key: Option<String>,
    /// Keyed hash of the address it came from and the day.
    pub address_key: Option<String>,
    /// Free-text opinions about the unit's disclosure work.
    #[sea_orm(column_type = "Text", nullable)]
    pub opinion: Option<String>,
    /// `None` when counted.
    pub discarded: Option<DiscardReason>,
    pub received_at: DateTimeUtc,
    /// The invitation a representative answered through (EV 4(2)), and its category.
    pub invitation_id: Option<Uuid>,
    pub representative_category: Option<RepresentativeCategory>,
    /// For paper: where and when the batch was handed out, and the sheet's number in it.
    pub paper_batch: Option<String>,
    pub paper_sheet: Option<String>,
    /// The staff member who entered a paper questionnaire.
    pub entered_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

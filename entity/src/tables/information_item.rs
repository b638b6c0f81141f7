use sea_orm::entity::prelude::*;

use crate::enums::{DisclosureAttribute, InformationCategory, ItemStatus, ReportKind, WithholdingGround};
use crate::scope::UnitOwned;

/// A piece of government information (政府信息) as the unit drafts, reviews and publishes it. The
/// row is the working copy; each publication is kept in `item_versions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "information_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    pub title: String,
    pub summary: String,
    /// Markdown text; rendered escaped, so it never carries markup of its own.
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub category: InformationCategory,
    pub heading_id: Option<Uuid>,
    /// The day the information was formed or last changed (Art. 26 counts from it).
    pub formed_on: Date,
    /// 文号.
    pub doc_number: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub attribute: DisclosureAttribute,
    pub ground: Option<WithholdingGround>,
    #[sea_orm(column_type = "Text", nullable)]
    pub attribute_reason: Option<String>,
    /// JSON array of the SR 7(2) sensitive domains the item touches.
    #[sea_orm(column_type = "Text")]
    pub sensitive_domains: String,
    pub domain_authority: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub domain_procedure: Option<String>,
    /// 绝密 / 机密 / 秘密, for an item withheld as a state secret.
    pub classification_level: Option<String>,
    pub classified_until: Option<Date>,
    pub status: ItemStatus,
    /// Raised by every change of the working copy; a review holds for the revision it read.
    pub revision: i32,
    pub reviewed_revision: Option<i32>,
    /// 索引号, given at first publication and kept for good.
    pub index_number: Option<String>,
    pub first_published_on: Option<Date>,
    pub withdrawn_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub withdrawal_reason: Option<String>,
    pub drafter_id: Uuid,
    /// The Art. 44 suggestion the draft was opened from.
    pub suggestion_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// What the item counts as in table 2 of the annual report.
    pub report_kind: Option<ReportKind>,
    /// The licensing, penalty or enforcement decisions the item publishes.
    pub decisions: Option<i32>,
    /// The fees collected that the item reports, in fen.
    pub amount_fen: Option<i64>,
    /// The day a published rule or normative document was repealed.
    pub repealed_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Column {
        Column::UnitId
    }
}

//! Validated request bodies and queries of the disclosure module.

use chrono::NaiveDate;
use entity::enums::{
    DisclosureAttribute, InformationCategory, ItemConsultedParty, ItemOpinion, ReevaluationOutcome, ReportKind,
    WithholdingGround,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::secrecy::checklist::Checklist;
use crate::secrecy::scan::HitKind;

/// The SR 7(2) domains whose publication has its own authority and procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SensitiveDomain {
    /// 农产品质量安全.
    AgriculturalProductQuality,
    /// 重大传染病疫情.
    InfectiousDiseaseEpidemic,
    /// 重大动物疫情.
    AnimalEpidemic,
    /// 重要地理信息数据.
    GeographicData,
    /// 统计信息.
    Statistics,
}

/// The working copy of an item, as drafted or changed.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDraft {
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub title: String,
    /// The catalogue's summary (内容概述).
    #[validate(length(max = 500, code = "length"))]
    #[schema(max_length = 500)]
    #[serde(default)]
    pub summary: String,
    /// Markdown; shown escaped, never as markup.
    #[validate(length(min = 1, max = 100000, code = "length"))]
    #[schema(min_length = 1, max_length = 100000)]
    pub body: String,
    pub category: InformationCategory,
    /// A heading of the county's catalogue, of the same category.
    pub heading_id: Option<Uuid>,
    /// The day the information was formed or changed (Art. 26 counts from it).
    pub formed_on: NaiveDate,
    #[validate(length(max = 100, code = "length"))]
    #[schema(max_length = 100)]
    pub doc_number: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub attribute: DisclosureAttribute,
    /// Required for on-application and not-disclosed items (Arts. 14–16, 27).
    pub ground: Option<WithholdingGround>,
    /// Required for on-application and not-disclosed items (SR 6(3)).
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub attribute_reason: Option<String>,
    #[serde(default)]
    #[validate(length(max = 5, code = "length"))]
    #[schema(max_items = 5)]
    pub sensitive_domains: Vec<SensitiveDomain>,
    /// The competent authority of the sensitive domains (SR 7(2)).
    #[validate(length(max = 200, code = "length"))]
    #[schema(max_length = 200)]
    pub domain_authority: Option<String>,
    /// Its procedure for publication, and that it was followed.
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub domain_procedure: Option<String>,
    /// 绝密, 机密 or 秘密, for an item withheld as a state secret.
    #[validate(length(max = 8, code = "length"))]
    #[schema(max_length = 8)]
    pub classification_level: Option<String>,
    /// The end of the classification term; none for a term without end (长期).
    pub classified_until: Option<NaiveDate>,
    /// What the item counts as in table 2 of the annual report, when it counts at all.
    #[serde(default)]
    pub report_kind: Option<ReportKind>,
    /// The licensing, penalty or enforcement decisions it publishes (required for those kinds).
    #[serde(default)]
    #[validate(range(min = 1, max = 1000000, code = "range"))]
    #[schema(minimum = 1, maximum = 1000000)]
    pub decisions: Option<i32>,
    /// The fees collected that it reports, in fen (required for a fee collection).
    #[serde(default)]
    #[validate(range(min = 0, max = 100000000000i64, code = "range"))]
    #[schema(minimum = 0, maximum = 100000000000i64)]
    pub amount_fen: Option<i64>,
}

/// A change of the working copy: the draft and the revision it was made from.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemChange {
    #[validate(range(min = 1, code = "range"))]
    #[schema(minimum = 1)]
    pub revision: i32,
    #[validate(nested)]
    pub draft: ItemDraft,
}

/// An act on a given revision (submit, publish…): refused when the item changed meanwhile.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevisionRequest {
    #[validate(range(min = 1, code = "range"))]
    #[schema(minimum = 1)]
    pub revision: i32,
}

/// Which text of an item a scan hit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemField {
    Title,
    Summary,
    Body,
    /// The text read from an attached file.
    Attachment,
}

/// Masks one hit of the scan, as the scan reported it on this revision.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MaskRequest {
    #[validate(range(min = 1, code = "range"))]
    #[schema(minimum = 1)]
    pub revision: i32,
    pub field: ItemField,
    pub kind: HitKind,
    /// Byte offsets of the hit, as the scan gave them.
    pub start: u32,
    pub end: u32,
}

/// The reviewer's review of the current revision.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    #[validate(range(min = 1, code = "range"))]
    #[schema(minimum = 1)]
    pub revision: i32,
    /// `true` passes the review; `false` sends the item back to the drafter.
    pub passed: bool,
    pub checklist: Checklist,
    #[validate(length(min = 2, max = 5000, code = "length"))]
    #[schema(min_length = 2, max_length = 5000)]
    pub findings: String,
}

/// A referral to the secrecy bureau or a department, or a right holder's consultation.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemConsultRequest {
    pub party: ItemConsultedParty,
    /// The department or right holder; the bureau is found by the platform.
    #[validate(length(max = 200, code = "length"))]
    #[schema(max_length = 200)]
    #[serde(default)]
    pub party_name: String,
    #[validate(length(min = 2, max = 5000, code = "length"))]
    #[schema(min_length = 2, max_length = 5000)]
    pub question: String,
}

/// The answer of a department or right holder, recorded by the unit; without `opinion`, the period
/// ran out unanswered.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemConsultAnswerRequest {
    pub opinion: Option<ItemOpinion>,
    #[validate(length(max = 5000, code = "length"))]
    #[schema(max_length = 5000)]
    pub answer: Option<String>,
    pub answered_on: NaiveDate,
}

/// The secrecy bureau's answer to a referral (SR 10); it binds the item.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BureauAnswerRequest {
    pub opinion: ItemOpinion,
    /// The bureau's reasons, shown to the unit.
    #[validate(length(min = 2, max = 5000, code = "length"))]
    #[schema(min_length = 2, max_length = 5000)]
    pub answer: String,
    /// For `must_not`: the ground; a state secret when not given.
    pub ground: Option<WithholdingGround>,
}

/// The leader's decision on a reviewed item.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemApprovalRequest {
    #[validate(range(min = 1, code = "range"))]
    #[schema(minimum = 1)]
    pub revision: i32,
    pub approved: bool,
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Publishing an approved item; a correction of a published one says what it changed.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    #[validate(range(min = 1, code = "range"))]
    #[schema(minimum = 1)]
    pub revision: i32,
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub correction_note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    /// Shown to the public with the day of withdrawal.
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub reason: String,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct ItemQuery {
        /// One status, e.g. `in_review`.
        #[validate(length(max = 16, code = "length"))]
        #[param(max_length = 16)]
        pub status: Option<String>,
        /// Words of the title.
        #[validate(length(max = 50, code = "length"))]
        #[param(max_length = 50)]
        pub q: Option<String>,
    }
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct CatalogueQuery {
        pub unit_id: Option<Uuid>,
        pub category: Option<InformationCategory>,
        pub heading_id: Option<Uuid>,
        /// Words of the title.
        #[validate(length(max = 50, code = "length"))]
        #[param(max_length = 50)]
        pub q: Option<String>,
    }
}

/// Whose headings the portal lists: one unit's, or the whole county's.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicHeadingsQuery {
    pub unit_id: Option<Uuid>,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadingRequest {
    #[validate(length(min = 2, max = 100, code = "length"))]
    #[schema(min_length = 2, max_length = 100)]
    pub name: String,
    #[validate(length(max = 100, code = "length"))]
    #[schema(max_length = 100)]
    #[serde(default)]
    pub name_en: String,
    pub category: InformationCategory,
    /// Working days from formation to publication, 1 to 20 (Art. 26 allows shorter only).
    #[validate(range(min = 1, max = 20, code = "range"))]
    #[schema(minimum = 1, maximum = 20)]
    pub publish_within_days: Option<i32>,
    #[validate(range(min = 0, max = 9999, code = "range"))]
    #[schema(minimum = 0, maximum = 9999)]
    #[serde(default)]
    pub position: i32,
    #[serde(default = "yes")]
    pub active: bool,
    /// Calendar days within which each unit publishing under the heading must publish again, 7 to
    /// 366 (AC 6(1)); none for a heading without a period.
    #[validate(range(min = 7, max = 366, code = "range"))]
    #[schema(minimum = 7, maximum = 366)]
    #[serde(default)]
    pub update_every_days: Option<i32>,
}

fn yes() -> bool {
    true
}

/// The day a published rule or normative document was repealed, and the decision that did it.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepealRequest {
    pub repealed_on: NaiveDate,
    /// The repealing decision (its 文号 or title).
    #[validate(length(min = 2, max = 500, code = "length"))]
    #[schema(min_length = 2, max_length = 500)]
    pub note: String,
}

/// A re-evaluation of a withheld item (Art. 18) or of its classification (SR 8(2)).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReevaluationRequest {
    pub outcome: ReevaluationOutcome,
    /// The new level, for a change (绝密, 机密 or 秘密).
    #[validate(length(max = 8, code = "length"))]
    #[schema(max_length = 8)]
    pub classification_level: Option<String>,
    /// The new end of the term, for a change; none for a term without end.
    pub classified_until: Option<NaiveDate>,
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub note: String,
}

/// Where a file is attached: its name, and the revision it changes.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AttachQuery {
    #[validate(length(min = 1, max = 200, code = "length"))]
    #[param(min_length = 1, max_length = 200)]
    pub file_name: String,
    #[validate(range(min = 1, code = "range"))]
    #[param(minimum = 1)]
    pub revision: i32,
}

/// The revision a removal changes.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RevisionQuery {
    #[validate(range(min = 1, code = "range"))]
    #[param(minimum = 1)]
    pub revision: i32,
}

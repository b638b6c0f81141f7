//! What the case API accepts: each request body checked on arrival (lengths, required text), so a
//! step only ever sees well-formed input.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use super::rules::{Measure, Severity, Share, ViolationType};
use super::service::Factor;

fn not_blank(s: &str) -> Result<(), ValidationError> {
    if s.trim().is_empty() { Err(ValidationError::new("required")) } else { Ok(()) }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    /// e.g. `application`.
    #[validate(length(min = 1, max = 32, code = "length"))]
    #[schema(min_length = 1, max_length = 32)]
    pub subject_type: String,
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64)]
    pub subject_id: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenCaseRequest {
    /// Open from this violation lead: its facts, unit, subject and AC 6 item are carried over.
    pub lead_id: Option<Uuid>,
    /// The body that pursues the case, when the caller belongs to several.
    pub deciding_unit_id: Option<Uuid>,
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub title: String,
    /// Required unless opened from a lead.
    #[validate(length(max = 20000, code = "length"))]
    #[schema(max_length = 20000)]
    pub facts: Option<String>,
    #[validate(length(max = 10, code = "length"))]
    #[serde(default)]
    pub violation_types: Vec<ViolationType>,
    /// Units concerned (public enterprises and empowered organisations alike, AC 13).
    #[validate(length(max = 20, code = "length"))]
    #[serde(default)]
    pub unit_ids: Vec<Uuid>,
    /// People concerned, besides those the approval trail names.
    #[validate(length(max = 50, code = "length"))]
    #[serde(default)]
    pub person_ids: Vec<Uuid>,
    #[validate(length(max = 20, code = "length"), nested)]
    #[serde(default)]
    pub subjects: Vec<SubjectInput>,
    /// The day the violation happened. From a lead: the day after the missed limit's last day.
    pub violated_on: Option<chrono::NaiveDate>,
}

/// How a case closes without measures (AC 10, AC 5).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureRequest {
    /// `exempted` (免予处理, needs a mitigating circumstance on record) or `no_violation`.
    pub closure: entity::enums::CaseClosure,
    #[validate(length(min = 5, max = 20000, code = "length"))]
    #[schema(min_length = 5, max_length = 20000)]
    pub reasons: String,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct CaseQuery {
        /// `open`, `hearing` or `decided`.
        #[validate(length(max = 16, code = "length"))]
        #[param(max_length = 16)]
        pub status: Option<String>,
    }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareInput {
    pub party_id: Uuid,
    pub share: Share,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationRequest {
    #[validate(length(min = 1, max = 100, code = "length"))]
    pub shares: Vec<ShareInput>,
    /// Required when any share differs from the AC 9 proposal.
    #[validate(length(max = 4000, code = "length"))]
    #[schema(max_length = 4000)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CircumstanceInput {
    pub factor: Factor,
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub note: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CircumstancesRequest {
    #[validate(length(max = 20, code = "length"), nested)]
    pub items: Vec<CircumstanceInput>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasuresRequest {
    pub severity: Severity,
    #[validate(length(min = 1, max = 8, code = "length"))]
    pub measures: Vec<Measure>,
    /// Required when the measures depart from AC 8 (e.g. lighter handling under AC 10).
    #[validate(length(max = 4000, code = "length"))]
    #[schema(max_length = 4000)]
    pub departure_reason: Option<String>,
    /// Units a circulated criticism goes to; required with that measure.
    #[validate(length(max = 100, code = "length"))]
    #[serde(default)]
    pub circulate_to: Vec<Uuid>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRequest {
    pub approved: bool,
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HearingRequest {
    /// The last day for statements and defence (Beijing date).
    pub deadline: NaiveDate,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementRequest {
    /// The party the statement is for: oneself, or a unit one leads.
    pub party_id: Uuid,
    #[validate(length(min = 2, max = 20000, code = "length"), custom(function = "not_blank"))]
    #[schema(min_length = 2, max_length = 20000)]
    pub statement: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// The decision's reasons, sent to every party.
    #[validate(length(min = 2, max = 20000, code = "length"), custom(function = "not_blank"))]
    #[schema(min_length = 2, max_length = 20000)]
    pub reasons: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequest {
    #[validate(length(min = 1, max = 200, code = "length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[validate(length(min = 1, max = 200, code = "length"))]
    #[schema(max_length = 200)]
    pub file_name: Option<String>,
    /// The file, Base64-encoded (at most 512 KiB decoded): PDF, JPEG, PNG or plain UTF-8 text. Its
    /// type is read from its bytes.
    #[validate(length(max = 700_000, code = "length"))]
    pub content_base64: Option<String>,
    /// A reference to a record elsewhere (a document number, a URL).
    #[validate(length(min = 1, max = 500, code = "length"))]
    #[schema(max_length = 500)]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FilingKind {
    /// 复核, to the deciding body.
    Review,
    /// 申诉, to the body above it.
    Appeal,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilingRequest {
    pub kind: FilingKind,
    /// File for a unit concerned, as one of its leaders (AC 12); without it, for oneself.
    pub party_id: Option<Uuid>,
    #[validate(length(min = 2, max = 20000, code = "length"), custom(function = "not_blank"))]
    #[schema(min_length = 2, max_length = 20000)]
    pub grounds: String,
    /// For a step that leaves the county (an appeal above the county government, the supervisory
    /// track's 复核 by the higher commission): the body it was filed with. Required there, refused
    /// inside the county.
    #[validate(length(min = 2, max = 200, code = "length"), custom(function = "not_blank"))]
    #[schema(min_length = 2, max_length = 200)]
    pub external_body: Option<String>,
    /// For a step that leaves the county: the day it was filed there.
    pub filed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Upheld,
    Changed,
    Revoked,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilingDecisionRequest {
    pub outcome: Outcome,
    /// The measures after the change; required with `changed`, never heavier than before.
    #[validate(length(max = 8, code = "length"))]
    pub measures: Option<Vec<Measure>>,
    #[validate(length(min = 2, max = 20000, code = "length"), custom(function = "not_blank"))]
    #[schema(min_length = 2, max_length = 20000)]
    pub reason: String,
    /// For a step decided outside the county: the day that body decided. Required there.
    pub decided_on: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplexAppealRequest {
    /// Why the appeal is complex.
    #[validate(length(min = 2, max = 2000, code = "length"))]
    #[schema(min_length = 2, max_length = 2000)]
    pub reason: String,
}

/// The decision of the body with authority over the person on a recommended sanction.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SanctionDecisionRequest {
    /// Imposed as recommended, or not imposed.
    pub imposed: bool,
    /// The day of that body's decision; the sanction period runs from it.
    pub decided_on: chrono::NaiveDate,
    /// Its document number or remarks.
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

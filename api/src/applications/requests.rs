//! What the application API accepts: every request body and query checked on arrival (lengths,
//! formats, required fields), so a service step only sees well-formed input.

use chrono::NaiveDate;
use entity::enums::{
    ApplicantKind, ApplicationChannel, ApplicationStatus, ConsultedParty, CorrectionOutcome, DeliveryForm,
    ProceedingKind, ProceedingResult, ReplyOutcome, RequestKind,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::applications::fees::FeeMethod;
use crate::applications::identity::IdType;
use crate::applications::service::{Applicant, ApplicantForm};
use crate::error::ApiError;

/// The applicant as given on a form.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicantInput {
    pub kind: ApplicantKind,
    /// Name of the person or organisation.
    #[validate(length(min = 1, max = 200, code = "length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub id_type: IdType,
    /// A mainland ID card number is checked, check digit included.
    #[validate(length(min = 5, max = 64, code = "length"))]
    #[schema(min_length = 5, max_length = 64)]
    pub id_number: String,
    /// Required for an organisation.
    #[validate(length(max = 100, code = "length"))]
    #[schema(max_length = 100)]
    pub contact_person: Option<String>,
    #[validate(length(min = 5, max = 32, code = "length"))]
    #[schema(min_length = 5, max_length = 32)]
    pub phone: String,
    #[validate(email(code = "email"), length(max = 254, code = "length"))]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[validate(length(min = 2, max = 300, code = "length"))]
    #[schema(min_length = 2, max_length = 300)]
    pub address: String,
}

impl ApplicantInput {
    pub fn parse(&self) -> Result<Applicant, ApiError> {
        Applicant::new(&ApplicantForm {
            kind: self.kind,
            name: &self.name,
            id_type: self.id_type,
            id_number: &self.id_number,
            contact_person: self.contact_person.as_deref(),
            phone: &self.phone,
            email: self.email.as_deref(),
            address: &self.address,
        })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[validate(nested)]
    pub applicant: ApplicantInput,
    /// What information is asked for.
    #[validate(length(min = 5, max = 5000, code = "length"))]
    #[schema(min_length = 5, max_length = 5000)]
    pub description: String,
    #[validate(length(max = 1000, code = "length"))]
    #[schema(max_length = 1000)]
    pub purpose: Option<String>,
    pub delivery_form: DeliveryForm,
    /// How it arrived: `in_person`, `registered_post`, `ordinary_post`, `fax` or `email`.
    pub channel: ApplicationChannel,
    /// The receipt date per Art. 31 (in person: that day; registered post: signed for; ordinary post:
    /// confirmed with the applicant; fax or email: both sides confirmed).
    pub received_on: NaiveDate,
    /// Help given at the counter to an applicant with reading, visual or hearing difficulties
    /// (Art. 43), e.g. 工作人员代为填写申请表并当面读给申请人确认.
    #[validate(length(max = 500, code = "length"))]
    #[schema(max_length = 500)]
    pub assistance: Option<String>,
    /// `disclosure` (the default) or `correction`: an Art. 41 request to correct a record about the
    /// applicant, which `description` then names.
    #[serde(default)]
    pub request_kind: RequestKind,
    /// Art. 41: what is wrong in the record and what it should say; required for a correction.
    #[validate(length(min = 5, max = 5000, code = "length"))]
    #[schema(min_length = 5, max_length = 5000)]
    pub correction_sought: Option<String>,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct ListQuery {
        #[param(inline)]
        pub status: Option<ApplicationStatus>,
        /// Only applications whose running clock is past its due date.
        pub overdue: Option<bool>,
        /// Only applications flagged for Art. 35.
        pub art35: Option<bool>,
        /// A tracking code, or the start of the applicant's name.
        #[validate(length(max = 100, code = "length"))]
        #[param(max_length = 100)]
        pub q: Option<String>,
        pub year: Option<i32>,
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    pub to_unit_id: Uuid,
    #[validate(length(min = 2, max = 1000, code = "length"))]
    #[schema(min_length = 2, max_length = 1000)]
    pub reason: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionNoticeRequest {
    /// Everything the applicant must correct, at once (Art. 30).
    #[validate(length(min = 2, max = 3000, code = "length"))]
    #[schema(min_length = 2, max_length = 3000)]
    pub items: String,
    /// Working days the applicant has (default from the county's settings).
    #[validate(range(min = 1, max = 60, code = "range"))]
    #[schema(minimum = 1, maximum = 60)]
    pub days: Option<u32>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionReceivedRequest {
    /// The corrected description of the information asked for.
    #[validate(length(min = 5, max = 5000, code = "length"))]
    #[schema(min_length = 5, max_length = 5000)]
    pub description: String,
    /// The day the corrected application arrived (the reply period starts again from it).
    pub received_on: NaiveDate,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtensionRequest {
    /// At most 20 working days, once (Art. 33).
    #[validate(range(min = 1, max = 20, code = "range"))]
    #[schema(minimum = 1, maximum = 20)]
    pub days: u32,
    #[validate(length(min = 2, max = 1000, code = "length"))]
    #[schema(min_length = 2, max_length = 1000)]
    pub reason: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultRequest {
    pub party: ConsultedParty,
    /// The third party or body consulted (the secrecy bureau is found by its function).
    #[validate(length(max = 200, code = "length"))]
    #[schema(max_length = 200)]
    pub party_name: Option<String>,
    #[validate(length(min = 2, max = 3000, code = "length"))]
    #[schema(min_length = 2, max_length = 3000)]
    pub question: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationAnswerRequest {
    /// The answer; leave empty to record that the period ended without one.
    #[validate(length(min = 1, max = 5000, code = "length"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub answer: Option<String>,
    /// A third party's answer does not agree to disclosure (Art. 32); disclosing anyway then needs
    /// a public-interest reason and a written notice to it.
    #[serde(default)]
    pub objects: bool,
    pub answered_on: NaiveDate,
}

#[derive(Debug, Deserialize, Validate, IntoParams, ToSchema)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeeRequest {
    #[param(inline)]
    pub method: FeeMethod,
    /// Items (per item) or pages (per page) of this application.
    #[validate(range(min = 1, max = 100_000, code = "range"))]
    #[param(minimum = 1, maximum = 100_000)]
    #[schema(minimum = 1, maximum = 100_000)]
    pub quantity: u64,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    pub paid_on: NaiveDate,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeNoticeReceiptRequest {
    /// The day the paper notice reached the applicant (postal receipt, or handed over).
    pub received_on: NaiveDate,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftRequest {
    /// Only the categories of the annual report's table 3.
    pub outcome: ReplyOutcome,
    #[validate(length(min = 5, max = 20000, code = "length"))]
    #[schema(min_length = 5, max_length = 20000)]
    pub text: String,
    /// The draft follows the leader's direct instruction.
    #[serde(default)]
    pub leader_instructed: bool,
    /// The handler's written objection to that instruction (AC 9: an overruled objector bears none).
    #[validate(length(min = 2, max = 3000, code = "length"))]
    #[schema(min_length = 2, max_length = 3000)]
    pub objection: Option<String>,
    /// Required when the draft discloses what a consulted third party objected to: why not disclosing
    /// could greatly harm the public interest (Art. 32). Sent to the third party in writing.
    #[validate(length(min = 5, max = 3000, code = "length"))]
    #[schema(min_length = 5, max_length = 3000)]
    pub public_interest_reason: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecrecyReviewRequest {
    /// Cleared for release, or sent back to the handler.
    pub cleared: bool,
    /// What was checked (required when not cleared: what must change).
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// The answer to an Art. 41 request to correct a record.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionAnswerRequest {
    /// `corrected`, `not_corrected` (with the reasons), or `directed_elsewhere` (the record is not
    /// this body's to correct and the body that holds it is outside the county; inside the county,
    /// forward it with `transfer`).
    pub outcome: CorrectionOutcome,
    /// What was corrected, or why not, as the applicant will read it.
    #[validate(length(min = 5, max = 5000, code = "length"))]
    #[schema(min_length = 5, max_length = 5000)]
    pub text: String,
    /// The body with power to correct, with `directed_elsewhere`.
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub body_name: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyDecisionRequest {
    /// Approve and send the reply, or return the draft. A reply that releases information must
    /// have been cleared by the unit's secrecy reviewer first.
    pub approve: bool,
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryRequest {
    /// How and when the reply was delivered (post receipt number, pickup, email).
    #[validate(length(min = 2, max = 300, code = "length"))]
    #[schema(min_length = 2, max_length = 300)]
    pub note: String,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// `identity_proof`, `correction` or `other`.
    #[validate(length(min = 1, max = 32, code = "length"))]
    #[param(max_length = 32)]
    pub purpose: String,
    #[validate(length(min = 1, max = 200, code = "length"))]
    #[param(max_length = 200)]
    pub file_name: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProceedingRequest {
    pub kind: ProceedingKind,
    pub filed_on: NaiveDate,
    pub result: ProceedingResult,
    pub decided_on: Option<NaiveDate>,
    #[validate(length(max = 500, code = "length"))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProceedingUpdate {
    pub result: ProceedingResult,
    pub decided_on: Option<NaiveDate>,
    #[validate(length(max = 500, code = "length"))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonsRequest {
    /// What the applicant is asked to explain (Art. 35).
    #[validate(length(min = 5, max = 2000, code = "length"))]
    #[schema(min_length = 5, max_length = 2000)]
    pub question: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonsAnswer {
    /// The applicant's reasons for the quantity or frequency of the requests.
    #[validate(length(min = 2, max = 5000, code = "length"))]
    #[schema(min_length = 2, max_length = 5000)]
    pub reasons: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeferralRequest {
    /// The reasonable later reply date (Art. 35), after the present one.
    pub until: NaiveDate,
    /// Why the reasonable request cannot be answered in the Art. 33 period; told to the applicant.
    #[validate(length(min = 5, max = 2000, code = "length"))]
    #[schema(min_length = 5, max_length = 2000)]
    pub reason: String,
}

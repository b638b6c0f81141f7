//! What the API shows of an application. Personal data is masked unless the caller handles the
//! application in its own unit; the applicant's view shows only public steps.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{
    ApplicantKind, ApplicationChannel, ApplicationStatus, ConsultedParty, CorrectionOutcome, DeliveryForm,
    ProceedingKind, ProceedingResult, ReplyOutcome, RequestKind,
};
use entity::{
    application, application_attachment, application_consultation, application_event, legal_proceeding,
    supervision_notice,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::identity::{mask_address, mask_email, mask_id, mask_name, mask_phone};
use crate::approvals::ApprovalView;
use crate::calendar::DueDateExplanation;
use crate::clocks::ClockView;

/// Whether the caller may see the applicant's personal data whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    Whole,
    Masked,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicantView {
    pub kind: ApplicantKind,
    pub name: String,
    /// `resident_id`, `passport`, `credit_code` or `other`.
    pub id_type: String,
    pub id_number: String,
    pub contact_person: Option<String>,
    pub phone: String,
    pub email: Option<String>,
    pub address: String,
    /// False when the values above are masked.
    pub whole: bool,
}

impl ApplicantView {
    pub fn new(a: &application::Model, d: Disclosure) -> Self {
        let natural = a.applicant_kind == ApplicantKind::NaturalPerson;
        match d {
            Disclosure::Whole => Self {
                kind: a.applicant_kind,
                name: a.applicant_name.clone(),
                id_type: a.id_type.clone(),
                id_number: a.id_number.clone(),
                contact_person: a.contact_person.clone(),
                phone: a.phone.clone(),
                email: a.email.clone(),
                address: a.address.clone(),
                whole: true,
            },
            Disclosure::Masked => Self {
                kind: a.applicant_kind,
                name: mask_name(&a.applicant_name, natural),
                id_type: a.id_type.clone(),
                id_number: mask_id(&a.id_number),
                contact_person: a.contact_person.as_deref().map(|c| mask_name(c, true)),
                phone: mask_phone(&a.phone),
                email: a.email.as_deref().map(mask_email),
                address: mask_address(&a.address),
                whole: false,
            },
        }
    }
}

/// One row of a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationSummary {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub tracking_code: String,
    pub channel: ApplicationChannel,
    pub status: ApplicationStatus,
    pub applicant: ApplicantView,
    /// The first 80 characters of the description.
    pub description_excerpt: String,
    pub submitted_at: DateTime<Utc>,
    pub received_on: Option<NaiveDate>,
    pub handler_user_id: Option<Uuid>,
    pub outcome: Option<ReplyOutcome>,
    /// `disclosure`, or `correction` for an Art. 41 request to correct a record.
    pub request_kind: RequestKind,
    /// The answer to a correction request.
    pub correction_outcome: Option<CorrectionOutcome>,
    pub closed_on: Option<NaiveDate>,
    pub art35_flag: bool,
    /// The running clock's due date (sign-for before receipt, reply after).
    pub due_date: Option<NaiveDate>,
    pub overdue: bool,
}

impl ApplicationSummary {
    pub fn new(a: &application::Model, d: Disclosure, clock: Option<&ClockView>) -> Self {
        Self {
            id: a.id,
            unit_id: a.unit_id,
            tracking_code: a.tracking_code.clone(),
            channel: a.channel,
            status: a.status,
            applicant: ApplicantView::new(a, d),
            description_excerpt: a.description.chars().take(80).collect(),
            submitted_at: a.submitted_at,
            received_on: a.received_on,
            handler_user_id: a.handler_user_id,
            outcome: a.outcome,
            request_kind: a.request_kind,
            correction_outcome: a.correction_outcome,
            closed_on: a.closed_on,
            art35_flag: a.art35_flag,
            due_date: clock.map(|c| c.due_date),
            overdue: clock.is_some_and(|c| c.overdue),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventView {
    pub id: Uuid,
    pub kind: String,
    pub public: bool,
    pub actor_user_id: Option<Uuid>,
    pub on_date: NaiveDate,
    pub details: serde_json::Value,
    /// The letter of this step, downloadable as PDF.
    pub letter: Option<String>,
    pub document_number: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<application_event::Model> for EventView {
    fn from(e: application_event::Model) -> Self {
        Self {
            id: e.id,
            kind: e.kind,
            public: e.public,
            actor_user_id: e.actor_user_id,
            on_date: e.on_date,
            details: serde_json::from_str(&e.details).unwrap_or(serde_json::Value::Null),
            letter: e.letter,
            document_number: e.document_number,
            created_at: e.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema, sea_orm::FromQueryResult)]
pub struct AttachmentView {
    pub id: Uuid,
    pub purpose: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

impl From<&application_attachment::Model> for AttachmentView {
    fn from(a: &application_attachment::Model) -> Self {
        Self {
            id: a.id,
            purpose: a.purpose.clone(),
            file_name: a.file_name.clone(),
            content_type: a.content_type.clone(),
            size_bytes: a.size_bytes,
            sha256: a.sha256.clone(),
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsultationView {
    pub id: Uuid,
    pub application_id: Uuid,
    pub unit_id: Uuid,
    pub party: ConsultedParty,
    pub party_name: String,
    pub target_unit_id: Option<Uuid>,
    pub question: String,
    pub clock_id: Option<Uuid>,
    pub started_on: NaiveDate,
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    /// `open`, `answered` or `lapsed`.
    pub status: String,
    /// The third party does not agree to disclosure (Art. 32).
    pub objected: bool,
    pub due_date: Option<NaiveDate>,
}

impl ConsultationView {
    pub fn new(c: application_consultation::Model, due_date: Option<NaiveDate>) -> Self {
        Self {
            id: c.id,
            application_id: c.application_id,
            unit_id: c.unit_id,
            party: c.party,
            party_name: c.party_name,
            target_unit_id: c.target_unit_id,
            question: c.question,
            clock_id: c.clock_id,
            started_on: c.started_on,
            answered_on: c.answered_on,
            answer: c.answer,
            status: c.status.as_str().to_string(),
            objected: c.objected,
            due_date,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProceedingView {
    pub id: Uuid,
    pub application_id: Uuid,
    pub kind: ProceedingKind,
    pub filed_on: NaiveDate,
    pub result: ProceedingResult,
    pub decided_on: Option<NaiveDate>,
    pub note: Option<String>,
}

impl From<legal_proceeding::Model> for ProceedingView {
    fn from(p: legal_proceeding::Model) -> Self {
        Self {
            id: p.id,
            application_id: p.application_id,
            kind: p.kind,
            filed_on: p.filed_on,
            result: p.result,
            decided_on: p.decided_on,
            note: p.note,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupervisionView {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub application_id: Option<Uuid>,
    pub from_unit_id: Uuid,
    pub message: String,
    pub respond_by: Option<NaiveDate>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

impl From<supervision_notice::Model> for SupervisionView {
    fn from(s: supervision_notice::Model) -> Self {
        Self {
            id: s.id,
            unit_id: s.unit_id,
            application_id: s.application_id,
            from_unit_id: s.from_unit_id,
            message: s.message,
            respond_by: s.respond_by,
            created_by: s.created_by,
            created_at: s.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeeView {
    /// `per_item` or `per_page`.
    pub method: Option<String>,
    pub quantity: Option<i32>,
    pub amount_fen: Option<i64>,
    pub notice_on: Option<NaiveDate>,
    /// The day the applicant received the notice; the 20 working days to pay run from the next day.
    /// Empty while a notice sent on paper has not been confirmed delivered.
    pub notice_received_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DraftView {
    pub outcome: Option<ReplyOutcome>,
    pub text: Option<String>,
    pub leader_instructed: bool,
    pub objection: Option<String>,
    /// Why the draft discloses over a third party's objection (Art. 32).
    pub public_interest_reason: Option<String>,
    pub drafted_by: Option<Uuid>,
    pub drafted_at: Option<DateTime<Utc>>,
}

/// Everything about one application, for the handling unit and the oversight bodies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationDetail {
    /// Art. 41: what is wrong in the record and what it should say.
    pub correction_sought: Option<String>,
    /// Art. 41: the body with power to correct, named to the applicant.
    pub correction_body: Option<String>,
    /// Art. 44: what information it asks for, named by the handler.
    pub topic: Option<String>,
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub county_id: Uuid,
    pub description: String,
    pub purpose: Option<String>,
    pub delivery_form: DeliveryForm,
    pub received_by: Option<Uuid>,
    pub transferred_from_unit_id: Option<Uuid>,
    pub correction_items: Option<String>,
    pub correction_requested_on: Option<NaiveDate>,
    pub corrected_on: Option<NaiveDate>,
    pub extension_days: i32,
    pub fee: FeeView,
    pub draft: DraftView,
    pub reply_text: Option<String>,
    pub approved_by: Option<Uuid>,
    /// The current draft was cleared by the unit's secrecy reviewer.
    pub secrecy_reviewed: bool,
    /// Who cleared it and when, and the reviewer's note (also the reason a draft was sent back).
    pub secrecy_reviewed_by: Option<Uuid>,
    pub secrecy_reviewed_at: Option<DateTime<Utc>>,
    pub secrecy_review_note: Option<String>,
    /// Art. 35: what the applicant was asked to explain, when, and the reasons given.
    pub reasons_question: Option<String>,
    pub reasons_requested_on: Option<NaiveDate>,
    pub reasons_given: Option<String>,
    pub reasons_given_on: Option<NaiveDate>,
    /// Art. 35: the reasonable later reply date, and why.
    pub deferred_until: Option<NaiveDate>,
    pub deferral_reason: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub delivery_note: Option<String>,
    pub flag_note: Option<String>,
    /// Help given at intake for reading, visual or hearing difficulties (Art. 43); shown to the
    /// handling unit only, since it says something about the person.
    pub assistance: Option<String>,
    pub clocks: Vec<ClockView>,
    /// How the current due date was reached.
    pub due_explanation: Option<DueDateExplanation>,
    pub events: Vec<EventView>,
    pub attachments: Vec<AttachmentView>,
    pub consultations: Vec<ConsultationView>,
    pub approvals: Vec<ApprovalView>,
    pub proceedings: Vec<ProceedingView>,
    pub supervision: Vec<SupervisionView>,
}

/// What the applicant sees with the tracking code and secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicStatus {
    pub tracking_code: String,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub status: ApplicationStatus,
    pub applicant_name: String,
    pub description: String,
    pub submitted_at: DateTime<Utc>,
    pub received_on: Option<NaiveDate>,
    pub correction_items: Option<String>,
    /// The statutory due date of the stage the application is in, with its explanation.
    pub due_date: Option<NaiveDate>,
    pub due_kind: Option<String>,
    pub due_explanation: Option<DueDateExplanation>,
    pub fee_amount_fen: Option<i64>,
    pub outcome: Option<ReplyOutcome>,
    pub outcome_label: Option<String>,
    pub request_kind: RequestKind,
    pub correction_sought: Option<String>,
    pub correction_outcome: Option<CorrectionOutcome>,
    /// The answer to a correction request in words (予以更正…).
    pub correction_label: Option<String>,
    pub correction_body: Option<String>,
    pub reply_text: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub events: Vec<EventView>,
}

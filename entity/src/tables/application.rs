use sea_orm::entity::prelude::*;

use crate::enums::{
    ApplicantKind, ApplicationChannel, ApplicationStatus, CorrectionOutcome, DeliveryForm, ReplyOutcome, RequestKind,
};
use crate::scope::UnitOwned;

/// An application for government information (依申请公开). `unit_id` is the unit handling it now;
/// a transfer moves it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Uuid,
    pub unit_id: Uuid,
    /// 查询号, shown to the applicant.
    pub tracking_code: String,
    pub channel: ApplicationChannel,
    pub status: ApplicationStatus,
    pub applicant_kind: ApplicantKind,
    pub applicant_name: String,
    /// `resident_id`, `passport`, `credit_code` or `other`.
    pub id_type: String,
    pub id_number: String,
    pub applicant_key: String,
    pub contact_person: Option<String>,
    pub phone: String,
    pub email: Option<String>,
    pub address: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub purpose: Option<String>,
    pub delivery_form: DeliveryForm,
    pub submitted_at: DateTimeUtc,
    /// The receipt date of Art. 31; the reply period counts from the next working day.
    pub received_on: Option<Date>,
    pub received_by: Option<Uuid>,
    pub handler_user_id: Option<Uuid>,
    pub transferred_from_unit_id: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub correction_items: Option<String>,
    pub correction_requested_on: Option<Date>,
    pub corrected_on: Option<Date>,
    pub extension_days: i32,
    /// `per_item` or `per_page`.
    pub fee_method: Option<String>,
    pub fee_quantity: Option<i32>,
    pub fee_amount_fen: Option<i64>,
    pub fee_notice_on: Option<Date>,
    /// The day the applicant received the fee notice: the day it was sent when it went by email or to
    /// an online applicant's tracking page, else the day its delivery was recorded.
    pub fee_notice_received_on: Option<Date>,
    pub fee_paid_on: Option<Date>,
    pub draft_outcome: Option<ReplyOutcome>,
    #[sea_orm(column_type = "Text", nullable)]
    pub draft_text: Option<String>,
    /// The draft follows the leader's direct instruction (AC 9).
    pub draft_leader_instructed: bool,
    /// The handler's written objection to that instruction.
    #[sea_orm(column_type = "Text", nullable)]
    pub draft_objection: Option<String>,
    /// Why the draft discloses over a third party's objection (Art. 32: major public interest).
    #[sea_orm(column_type = "Text", nullable)]
    pub draft_public_interest: Option<String>,
    /// The reply went through secrecy review before release (SR).
    pub secrecy_reviewed: bool,
    /// The designated secrecy reviewer who cleared the current draft (SR 4–5), and when.
    pub secrecy_reviewed_by: Option<Uuid>,
    pub secrecy_reviewed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub secrecy_review_note: Option<String>,
    pub drafted_by: Option<Uuid>,
    pub drafted_at: Option<DateTimeUtc>,
    pub outcome: Option<ReplyOutcome>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reply_text: Option<String>,
    pub closed_on: Option<Date>,
    pub approved_by: Option<Uuid>,
    pub delivered_at: Option<DateTimeUtc>,
    pub delivery_note: Option<String>,
    /// Flagged for Art. 35 handling (many applications by the same applicant); never dropped.
    pub art35_flag: bool,
    /// Art. 35: the unit asked the applicant to state reasons, and the applicant's answer.
    #[sea_orm(column_type = "Text", nullable)]
    pub reasons_question: Option<String>,
    pub reasons_requested_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reasons_given: Option<String>,
    pub reasons_given_on: Option<Date>,
    /// Art. 35: the reasonable later reply date set for a reasonable but very large request.
    pub deferred_until: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub deferral_reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub flag_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The citizen account that follows this application, if the applicant has one.
    pub citizen_id: Option<Uuid>,
    /// `zh` or `en`: the language of the applicant's emails.
    pub lang: String,
    /// Help given at intake for reading, visual or hearing difficulties (Art. 43).
    pub assistance: Option<String>,
    /// An application for information, or an Art. 41 request to correct a record about oneself.
    pub request_kind: RequestKind,
    /// Art. 41: what is wrong in the record and what it should say.
    #[sea_orm(column_type = "Text", nullable)]
    pub correction_sought: Option<String>,
    /// Art. 41: the answer to a correction request.
    pub correction_outcome: Option<CorrectionOutcome>,
    /// Art. 41: the body with power to correct, named to the applicant.
    pub correction_body: Option<String>,
    /// Art. 44: what information it asks for, named by the handler so that applications asking
    /// for the same information are counted together.
    pub topic: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl UnitOwned for Entity {
    fn unit_id_column() -> Self::Column {
        Column::UnitId
    }
}

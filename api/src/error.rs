//! The one error type of the API. Each variant has a stable snake_case code that clients
//! translate; the message is Chinese by default and English with `Accept-Language: en`.
//! Nothing internal (SQL, paths, stack traces) ever reaches a response.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `validation_failed`, `not_found`.
    #[schema(example = "validation_failed")]
    pub code: String,
    /// Human-readable message in the requested language (zh-CN by default).
    pub message: String,
    /// Field-level problems; empty when the error is not about a field.
    pub fields: Vec<FieldError>,
}

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path of the field at fault, e.g. `password` or `members[0].role`.
    pub field: String,
    /// Stable code of the problem, e.g. `required`, `too_long`, `invalid_format`.
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str) -> Self {
        Self { field: field.into(), code: code.to_string(), message: String::new() }
    }
}

/// The stable code of every rule, conflict and lateness error a service raises. Clients translate
/// them; the name a client sees is the snake_case string, and it never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    AllocationReasonRequired,
    AlreadyDelivered,
    AlreadyExists,
    AppealAfterReview,
    AppealAlreadyComplex,
    ApplicationLinkedElsewhere,
    ApplicationWrongStage,
    ApprovalNotPending,
    CannotDisableSelf,
    CaseDecided,
    CaseNotDecided,
    ClockClosed,
    ClockNotPaused,
    CollectiveOrApprover,
    ConsultationClosed,
    ConsultationStillRunning,
    CorrectionOnlyOnce,
    CorrectionWindowClosed,
    CountyApprovalRequired,
    CountyNameTaken,
    CreditCodeTaken,
    DepartureReasonRequired,
    EmailNotDead,
    EmailTaken,
    ExtensionAfterDueDate,
    ExtensionOnlyOnce,
    FeeNoticeOnlyOnce,
    FeeNoticeAlreadyReceived,
    FeePerPageNotApplicable,
    FeeWithinAllowance,
    FilingDecided,
    FilingLate,
    FilingPending,
    FilingUsed,
    FunctionTaken,
    HearingClosed,
    HearingNotHeld,
    HearingNotOver,
    InvalidReference,
    LeadAlreadyTriaged,
    MeasuresMissing,
    ExternalStep,
    NoSecrecyBureau,
    NotACivilServiceAppeal,
    NotAParty,
    NotDecidingBody,
    IdempotencyConflict,
    NotACorrection,
    SuggestionDecided,
    SuggestionMade,
    NotForCorrection,
    ObjectionWithoutInstruction,
    NoRecommendedSanction,
    DeferralOnlyOnce,
    DeferralNeedsReasons,
    ReasonsAlreadyGiven,
    ReasonsNotRequested,
    ReasonsAlreadyRequested,
    PublicInterestReasonRequired,
    ExemptionNeedsMitigation,
    OnlyPrincipalLeaderDesignates,
    ExtensionApproverOnly,
    SecrecyReviewNotNeeded,
    NotSecrecyReviewer,
    SecrecyReviewRequired,
    OutcomeHeavier,
    OutsideOwnSystem,
    ParentCycle,
    ParentInOtherCounty,
    PlatformAdminHasNoCounty,
    PrincipalLeaderExists,
    PrincipalMustBeLeader,
    ReferralAnsweredByBureau,
    RoleAlreadyAssigned,
    SlugTaken,
    StatementGiven,
    TooManyAttachments,
    UnitNameTaken,
    UserInOtherCounty,
    UsernameTaken,
    ItemWrongStage,
    StaleRevision,
    ScanHitGone,
    HitNotMaskable,
    ChecklistIncomplete,
    ClassificationMarkPresent,
    ConsultationOpen,
    BoundByReferral,
    ItemNotProactive,
    WrongCurrentPassword,
    FindingNotOpen,
    RemedyNotPublished,
    CampaignWrongStage,
    CampaignNotOpen,
    CampaignYearTaken,
    RectificationNotOpen,
    RectificationNotReported,
    AssessmentSchemeTaken,
    AssessmentSchemeFrozen,
    AssessmentWrongStage,
    AssessmentNoScheme,
    AssessmentUnscored,
    AssessmentNotProposed,
    AssessmentUnconfirmed,
    AssessmentConfirmed,
    SelfCheckSubmitted,
}

impl ErrorCode {
    pub const ALL: &[Self] = &[
        Self::AllocationReasonRequired,
        Self::AlreadyDelivered,
        Self::AlreadyExists,
        Self::AppealAfterReview,
        Self::AppealAlreadyComplex,
        Self::ApplicationLinkedElsewhere,
        Self::ApplicationWrongStage,
        Self::ApprovalNotPending,
        Self::CannotDisableSelf,
        Self::CaseDecided,
        Self::CaseNotDecided,
        Self::ClockClosed,
        Self::ClockNotPaused,
        Self::CollectiveOrApprover,
        Self::ConsultationClosed,
        Self::ConsultationStillRunning,
        Self::CorrectionOnlyOnce,
        Self::CorrectionWindowClosed,
        Self::CountyApprovalRequired,
        Self::CountyNameTaken,
        Self::CreditCodeTaken,
        Self::DepartureReasonRequired,
        Self::EmailNotDead,
        Self::EmailTaken,
        Self::ExtensionAfterDueDate,
        Self::ExtensionOnlyOnce,
        Self::FeeNoticeOnlyOnce,
        Self::FeeNoticeAlreadyReceived,
        Self::FeePerPageNotApplicable,
        Self::FeeWithinAllowance,
        Self::FilingDecided,
        Self::FilingLate,
        Self::FilingPending,
        Self::FilingUsed,
        Self::FunctionTaken,
        Self::HearingClosed,
        Self::HearingNotHeld,
        Self::HearingNotOver,
        Self::InvalidReference,
        Self::LeadAlreadyTriaged,
        Self::MeasuresMissing,
        Self::ExternalStep,
        Self::NoSecrecyBureau,
        Self::NotACivilServiceAppeal,
        Self::NotAParty,
        Self::NotDecidingBody,
        Self::IdempotencyConflict,
        Self::NotACorrection,
        Self::SuggestionDecided,
        Self::SuggestionMade,
        Self::NotForCorrection,
        Self::ObjectionWithoutInstruction,
        Self::NoRecommendedSanction,
        Self::DeferralOnlyOnce,
        Self::DeferralNeedsReasons,
        Self::ReasonsAlreadyGiven,
        Self::ReasonsNotRequested,
        Self::ReasonsAlreadyRequested,
        Self::PublicInterestReasonRequired,
        Self::ExemptionNeedsMitigation,
        Self::OnlyPrincipalLeaderDesignates,
        Self::ExtensionApproverOnly,
        Self::SecrecyReviewNotNeeded,
        Self::NotSecrecyReviewer,
        Self::SecrecyReviewRequired,
        Self::OutcomeHeavier,
        Self::OutsideOwnSystem,
        Self::ParentCycle,
        Self::ParentInOtherCounty,
        Self::PlatformAdminHasNoCounty,
        Self::PrincipalLeaderExists,
        Self::PrincipalMustBeLeader,
        Self::ReferralAnsweredByBureau,
        Self::RoleAlreadyAssigned,
        Self::SlugTaken,
        Self::StatementGiven,
        Self::TooManyAttachments,
        Self::UnitNameTaken,
        Self::UserInOtherCounty,
        Self::UsernameTaken,
        Self::WrongCurrentPassword,
        Self::ItemWrongStage,
        Self::StaleRevision,
        Self::ScanHitGone,
        Self::HitNotMaskable,
        Self::ChecklistIncomplete,
        Self::ClassificationMarkPresent,
        Self::ConsultationOpen,
        Self::BoundByReferral,
        Self::ItemNotProactive,
        Self::FindingNotOpen,
        Self::RemedyNotPublished,
        Self::CampaignWrongStage,
        Self::CampaignNotOpen,
        Self::CampaignYearTaken,
        Self::RectificationNotOpen,
        Self::RectificationNotReported,
        Self::AssessmentSchemeTaken,
        Self::AssessmentSchemeFrozen,
        Self::AssessmentWrongStage,
        Self::AssessmentNoScheme,
        Self::AssessmentUnscored,
        Self::AssessmentNotProposed,
        Self::AssessmentUnconfirmed,
        Self::AssessmentConfirmed,
        Self::SelfCheckSubmitted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AllocationReasonRequired => "allocation_reason_required",
            Self::AlreadyDelivered => "already_delivered",
            Self::AlreadyExists => "already_exists",
            Self::AppealAfterReview => "appeal_after_review",
            Self::AppealAlreadyComplex => "appeal_already_complex",
            Self::ApplicationLinkedElsewhere => "application_linked_elsewhere",
            Self::ApplicationWrongStage => "application_wrong_stage",
            Self::ApprovalNotPending => "approval_not_pending",
            Self::CannotDisableSelf => "cannot_disable_self",
            Self::CaseDecided => "case_decided",
            Self::CaseNotDecided => "case_not_decided",
            Self::ClockClosed => "clock_closed",
            Self::ClockNotPaused => "clock_not_paused",
            Self::CollectiveOrApprover => "collective_or_approver",
            Self::ConsultationClosed => "consultation_closed",
            Self::ConsultationStillRunning => "consultation_still_running",
            Self::CorrectionOnlyOnce => "correction_only_once",
            Self::CorrectionWindowClosed => "correction_window_closed",
            Self::CountyApprovalRequired => "county_approval_required",
            Self::CountyNameTaken => "county_name_taken",
            Self::CreditCodeTaken => "credit_code_taken",
            Self::DepartureReasonRequired => "departure_reason_required",
            Self::EmailNotDead => "email_not_dead",
            Self::EmailTaken => "email_taken",
            Self::ExtensionAfterDueDate => "extension_after_due_date",
            Self::ExtensionOnlyOnce => "extension_only_once",
            Self::FeeNoticeOnlyOnce => "fee_notice_only_once",
            Self::FeeNoticeAlreadyReceived => "fee_notice_already_received",
            Self::FeePerPageNotApplicable => "fee_per_page_not_applicable",
            Self::FeeWithinAllowance => "fee_within_allowance",
            Self::FilingDecided => "filing_decided",
            Self::FilingLate => "filing_late",
            Self::FilingPending => "filing_pending",
            Self::FilingUsed => "filing_used",
            Self::FunctionTaken => "function_taken",
            Self::HearingClosed => "hearing_closed",
            Self::HearingNotHeld => "hearing_not_held",
            Self::HearingNotOver => "hearing_not_over",
            Self::InvalidReference => "invalid_reference",
            Self::LeadAlreadyTriaged => "lead_already_triaged",
            Self::MeasuresMissing => "measures_missing",
            Self::ExternalStep => "external_step",
            Self::NoSecrecyBureau => "no_secrecy_bureau",
            Self::NotACivilServiceAppeal => "not_a_civil_service_appeal",
            Self::NotAParty => "not_a_party",
            Self::NotDecidingBody => "not_deciding_body",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::NotACorrection => "not_a_correction",
            Self::SuggestionDecided => "suggestion_decided",
            Self::SuggestionMade => "suggestion_made",
            Self::NotForCorrection => "not_for_correction",
            Self::ObjectionWithoutInstruction => "objection_without_instruction",
            Self::NoRecommendedSanction => "no_recommended_sanction",
            Self::DeferralOnlyOnce => "deferral_only_once",
            Self::DeferralNeedsReasons => "deferral_needs_reasons",
            Self::ReasonsAlreadyGiven => "reasons_already_given",
            Self::ReasonsNotRequested => "reasons_not_requested",
            Self::ReasonsAlreadyRequested => "reasons_already_requested",
            Self::PublicInterestReasonRequired => "public_interest_reason_required",
            Self::ExemptionNeedsMitigation => "exemption_needs_mitigation",
            Self::OnlyPrincipalLeaderDesignates => "only_principal_leader_designates",
            Self::ExtensionApproverOnly => "extension_approver_only",
            Self::SecrecyReviewNotNeeded => "secrecy_review_not_needed",
            Self::ItemWrongStage => "item_wrong_stage",
            Self::StaleRevision => "stale_revision",
            Self::ScanHitGone => "scan_hit_gone",
            Self::HitNotMaskable => "hit_not_maskable",
            Self::ChecklistIncomplete => "checklist_incomplete",
            Self::ClassificationMarkPresent => "classification_mark_present",
            Self::ConsultationOpen => "consultation_open",
            Self::BoundByReferral => "bound_by_referral",
            Self::ItemNotProactive => "item_not_proactive",
            Self::FindingNotOpen => "finding_not_open",
            Self::RemedyNotPublished => "remedy_not_published",
            Self::CampaignWrongStage => "campaign_wrong_stage",
            Self::CampaignNotOpen => "campaign_not_open",
            Self::CampaignYearTaken => "campaign_year_taken",
            Self::RectificationNotOpen => "rectification_not_open",
            Self::RectificationNotReported => "rectification_not_reported",
            Self::AssessmentSchemeTaken => "assessment_scheme_taken",
            Self::AssessmentSchemeFrozen => "assessment_scheme_frozen",
            Self::AssessmentWrongStage => "assessment_wrong_stage",
            Self::AssessmentNoScheme => "assessment_no_scheme",
            Self::AssessmentUnscored => "assessment_unscored",
            Self::AssessmentNotProposed => "assessment_not_proposed",
            Self::AssessmentUnconfirmed => "assessment_unconfirmed",
            Self::AssessmentConfirmed => "assessment_confirmed",
            Self::SelfCheckSubmitted => "self_check_submitted",
            Self::NotSecrecyReviewer => "not_secrecy_reviewer",
            Self::SecrecyReviewRequired => "secrecy_review_required",
            Self::OutcomeHeavier => "outcome_heavier",
            Self::OutsideOwnSystem => "outside_own_system",
            Self::ParentCycle => "parent_cycle",
            Self::ParentInOtherCounty => "parent_in_other_county",
            Self::PlatformAdminHasNoCounty => "platform_admin_has_no_county",
            Self::PrincipalLeaderExists => "principal_leader_exists",
            Self::PrincipalMustBeLeader => "principal_must_be_leader",
            Self::ReferralAnsweredByBureau => "referral_answered_by_bureau",
            Self::RoleAlreadyAssigned => "role_already_assigned",
            Self::SlugTaken => "slug_taken",
            Self::StatementGiven => "statement_given",
            Self::TooManyAttachments => "too_many_attachments",
            Self::UnitNameTaken => "unit_name_taken",
            Self::UserInOtherCounty => "user_in_other_county",
            Self::UsernameTaken => "username_taken",
            Self::WrongCurrentPassword => "wrong_current_password",
        }
    }

    /// The message in Chinese and in English.
    pub fn texts(self) -> (&'static str, &'static str) {
        match self {
            Self::AllocationReasonRequired => {
                ("变更系统提出的责任划分时，须写明理由。", "Changing the proposed allocation needs a written reason.")
            }
            Self::AlreadyDelivered => ("已登记送达。", "Delivery has already been recorded."),
            Self::AlreadyExists => ("该记录已存在。", "This already exists."),
            Self::AppealAfterReview => (
                "监察机关作出的处理，须先申请复审，再申请复核。",
                "Against the supervisory commission, the second step follows its first review.",
            ),
            Self::AppealAlreadyComplex => {
                ("该申诉的决定期限已经延长。", "This appeal's deciding time has already been extended.")
            }
            Self::ApplicationLinkedElsewhere => {
                ("该申请已关联到其他账号。", "This application already belongs to another account.")
            }
            Self::ApplicationWrongStage => {
                ("该申请当前所处环节不能进行此操作。", "The application is not at a stage that allows this.")
            }
            Self::ApprovalNotPending => {
                ("该案件没有待批准的处理意见。", "Nothing in this case is waiting for approval.")
            }
            Self::CannotDisableSelf => ("不能停用自己的账号。", "You cannot disable your own account."),
            Self::CaseDecided => ("该案件已作出决定。", "This case has been decided."),
            Self::CaseNotDecided => ("该案件尚未作出决定。", "This case has not been decided yet."),
            Self::ClockClosed => ("该期限已结束。", "This clock has ended."),
            Self::ClockNotPaused => ("该期限未中止。", "This clock is not paused."),
            Self::CollectiveOrApprover => ("集体决定不另设审批人。", "A collective decision has no single approver."),
            Self::ConsultationClosed => ("该征求意见已结束。", "This consultation has ended."),
            Self::ConsultationStillRunning => {
                ("征求意见期限未届满，请填写对方意见。", "The consultation period is still running; record the answer.")
            }
            Self::CorrectionOnlyOnce => {
                ("补正只能告知一次（条例第三十条）。", "A correction may be requested only once (Art. 30).")
            }
            Self::CorrectionWindowClosed => (
                "补正告知应在收到申请之日起7个工作日内一次性发出，期限已过（最后一日为 {due}）。",
                "A correction notice must go out within 7 working days of receipt; the last day was {due}.",
            ),
            Self::CountyApprovalRequired => (
                "情节重大或特别重大的案件须经县人民政府批准后方可作出决定。",
                "A major or especially major case needs the county government's approval before it is decided.",
            ),
            Self::CountyNameTaken => ("该县已存在。", "This county already exists."),
            Self::CreditCodeTaken => {
                ("该统一社会信用代码已被使用。", "This unified social credit code is already used.")
            }
            Self::DepartureReasonRequired => {
                ("处理措施与第八条规定不一致时，须写明理由。", "The measures depart from AC 8: give the reason.")
            }
            Self::EmailNotDead => ("只有发送失败的邮件可以重发。", "Only dead letters can be retried."),
            Self::EmailTaken => ("该邮箱已注册。", "This email address is already registered."),
            Self::ExtensionAfterDueDate => {
                ("答复期限已届满，不能再延长。", "The reply period has ended; it can no longer be extended.")
            }
            Self::ExtensionOnlyOnce => {
                ("答复期限只能延长一次（条例第三十三条）。", "The reply period may be extended only once (Art. 33).")
            }
            Self::FeeNoticeOnlyOnce => {
                ("该申请已发出收费通知。", "A fee notice has already been sent for this application.")
            }
            Self::FeeNoticeAlreadyReceived => (
                "收费通知的送达日期已记录，缴费期限已开始计算。",
                "The fee notice's delivery is already recorded and the payment period is running.",
            ),
            Self::FeePerPageNotApplicable => (
                "按量计收只适用于以纸质、电子邮件或复制件等形式提供的信息，网上查阅不按页收费。",
                "Per-page charges apply only to paper, email or copies; information read online is not charged per page.",
            ),
            Self::FeeWithinAllowance => (
                "该申请在本月免费额度内，不收取信息处理费。",
                "This application is within the monthly free allowance; no fee is due.",
            ),
            Self::FilingDecided => ("该复核或申诉已作出决定。", "This review or appeal has been decided."),
            Self::FilingLate => ("已超过申请期限（最后一日为 {due}）。", "Filed too late: the last day was {due}."),
            Self::FilingPending => ("已有正在办理的复核或申诉。", "A review or appeal is already under way."),
            Self::FilingUsed => ("该救济途径已使用过。", "This remedy has already been used."),
            Self::FunctionTaken => {
                ("本县已有单位承担该职能。", "Another unit of the county already holds this function.")
            }
            Self::HearingClosed => ("陈述申辩期限已过。", "The hearing period has ended."),
            Self::HearingNotHeld => (
                "作出决定前须告知当事人并听取其陈述和申辩。",
                "The people concerned must be heard before the decision.",
            ),
            Self::HearingNotOver => (
                "陈述申辩期限届满前，须所有当事人均已陈述方可作出决定。",
                "Before the hearing deadline, the decision needs every party's statement.",
            ),
            Self::InvalidReference => ("引用的记录不存在。", "A referenced record does not exist."),
            Self::LeadAlreadyTriaged => ("该线索已处理。", "This lead has been dealt with already."),
            Self::MeasuresMissing => ("请先确定情节和处理措施。", "Set the severity and the measures first."),
            Self::ExternalStep => (
                "该步骤由县外机关办理，平台只记录其结果。",
                "A body outside the county handles this step; the platform only records its result.",
            ),
            Self::NoSecrecyBureau => ("本县未设置保密工作部门。", "The county has no secrecy bureau on the platform."),
            Self::NotACivilServiceAppeal => (
                "只有公务员处分的申诉可因情况复杂延长决定期限。",
                "Only an appeal against a civil-service sanction can be extended as complex.",
            ),
            Self::NotAParty => ("您不是该案件的当事人。", "You are not a party to this case."),
            Self::NotDecidingBody => ("只有作出决定的机关可以办理此事项。", "Only the deciding body may do this."),
            Self::SecrecyReviewRequired => (
                "公开或部分公开政府信息前，须由本单位指定的保密审查人完成保密审查（先审查、后公开）。",
                "Information may be released only after the unit's designated secrecy reviewer has reviewed it (review before release).",
            ),
            Self::ItemWrongStage => {
                ("该信息当前所处环节不能进行此操作。", "The item is not at a stage where this can be done.")
            }
            Self::StaleRevision => {
                ("该信息已被他人修改，请刷新后重试。", "The item changed since it was loaded; reload it and try again.")
            }
            Self::ScanHitGone => {
                ("该检测结果已不在当前文本中，请重新检测。", "That finding is no longer in the text; scan again.")
            }
            Self::HitNotMaskable => (
                "密级标志不能遮盖，须重新确定该信息的公开属性。",
                "A classification mark cannot be masked; the item's disclosure attribute must be decided again.",
            ),
            Self::ChecklistIncomplete => (
                "保密审查清单尚未全部确认，审查不能通过。",
                "Not every point of the review checklist is confirmed; the review cannot pass.",
            ),
            Self::ClassificationMarkPresent => (
                "文本中有密级标志，不能按主动公开通过审查。",
                "The text bears a classification mark; it cannot pass review for proactive disclosure.",
            ),
            Self::ConsultationOpen => {
                ("尚有请示或征求意见未答复。", "A referral or consultation is still waiting for its answer.")
            }
            Self::BoundByReferral => (
                "保密行政管理部门已答复不得公开，该信息不能公开。",
                "The secrecy bureau answered that this must not be disclosed; the item cannot be published.",
            ),
            Self::ItemNotProactive => {
                ("只有公开属性为主动公开的信息才能发布。", "Only items marked for proactive disclosure are published.")
            }
            Self::FindingNotOpen => {
                ("该巡查发现已处理，不能再作此操作。", "This inspection finding has already been dealt with.")
            }
            Self::RemedyNotPublished => (
                "尚未发布更正后的版本，也未撤下该信息，不能报告已整改。",
                "Neither a corrected version has been published nor the item taken down yet.",
            ),
            Self::CampaignWrongStage => (
                "评议活动当前所处阶段不能进行此操作。",
                "The evaluation campaign is not at a stage where this can be done.",
            ),
            Self::CampaignNotOpen => {
                ("该评议活动不在评议期内，不能提交评议。", "The evaluation campaign is not taking responses now.")
            }
            Self::CampaignYearTaken => {
                ("本县该年度已有评议活动。", "The county already has an evaluation campaign for that year.")
            }
            Self::RectificationNotOpen => {
                ("该整改任务已报告或已办结，不能再报告。", "This rectification has already been reported or closed.")
            }
            Self::RectificationNotReported => {
                ("该整改任务尚未报告整改情况，不能审核。", "This rectification has not been reported yet.")
            }
            Self::AssessmentSchemeTaken => (
                "本县该年度已有面向该类单位的考核方案。",
                "The county already has an assessment scheme for that year and audience.",
            ),
            Self::AssessmentSchemeFrozen => (
                "考核已经开始，考核方案已冻结，不能修改。",
                "The assessment has started: its scheme is frozen and cannot be changed.",
            ),
            Self::AssessmentWrongStage => {
                ("考核当前所处阶段不能进行此操作。", "The assessment is not at a stage where this can be done.")
            }
            Self::AssessmentNoScheme => {
                ("该单位本年度没有适用的考核方案。", "There is no assessment scheme for this unit and year.")
            }
            Self::AssessmentUnscored => (
                "还有须由考核组评分的指标尚未评分。",
                "Some indicators the assessment group must score are not scored yet.",
            ),
            Self::AssessmentNotProposed => {
                ("考核组尚未提出该单位的考核等次建议。", "The assessment group has not proposed this unit's grade yet.")
            }
            Self::AssessmentUnconfirmed => (
                "还有单位的考核结果尚未确认，不能公布。",
                "Some units' results are not confirmed yet, so they cannot be published.",
            ),
            Self::AssessmentConfirmed => (
                "该单位的考核结果已确认，不能再修改。",
                "This unit's result is confirmed and can no longer be changed.",
            ),
            Self::SelfCheckSubmitted => (
                "自查报告已提交，不能再修改。",
                "The self-check report has been submitted and can no longer be changed.",
            ),
            Self::NotSecrecyReviewer => (
                "只有本单位主要负责人指定的保密审查人可以进行保密审查。",
                "Only a secrecy reviewer designated by the unit's principal leader may record a secrecy review.",
            ),
            Self::SecrecyReviewNotNeeded => (
                "该答复不公开任何政府信息，无需保密审查。",
                "This reply releases no information, so it needs no secrecy review.",
            ),
            Self::ExtensionApproverOnly => (
                "延长答复期限须经本单位政府信息公开工作机构负责人或主要负责人同意（条例第三十三条）。",
                "An extension must be agreed by the head of the unit's disclosure office or its principal leader (Art. 33).",
            ),
            Self::OnlyPrincipalLeaderDesignates => (
                "只有本单位主要负责人可以指定政府信息公开工作机构负责人和保密审查人。",
                "Only the unit's principal leader designates the head of the disclosure office and the secrecy reviewers.",
            ),
            Self::ExemptionNeedsMitigation => (
                "免予处理须以已记录的从轻、减轻或免予处理情形为依据（问责办法第十条）。",
                "An exemption needs a mitigating circumstance on record (AC 10).",
            ),
            Self::PublicInterestReasonRequired => (
                "第三方不同意公开的，只有在不公开可能对公共利益造成重大影响时方可决定公开，须写明理由（条例第三十二条），该理由将书面告知第三方。",
                "A consulted third party objected: disclosing anyway needs the reason why not disclosing could greatly harm the public interest (Art. 32); the third party is told it in writing.",
            ),
            Self::ReasonsAlreadyRequested => {
                ("已要求申请人说明理由。", "The applicant has already been asked to state reasons.")
            }
            Self::ReasonsNotRequested => ("本机关未要求说明理由。", "No statement of reasons was asked for."),
            Self::ReasonsAlreadyGiven => ("申请人已说明理由。", "The applicant has already stated the reasons."),
            Self::DeferralNeedsReasons => (
                "确定延迟答复期限前，须先要求申请人说明理由并认定理由合理（条例第三十五条）。",
                "A deferred reply date needs the applicant's reasons first, found reasonable (Art. 35).",
            ),
            Self::DeferralOnlyOnce => {
                ("延迟答复的合理期限只能确定一次。", "The reasonable later reply date may be set only once.")
            }
            Self::NoRecommendedSanction => (
                "该当事人没有待有权机关决定的处分建议。",
                "This person has no recommended sanction waiting for the decision of the body with authority.",
            ),
            Self::IdempotencyConflict => (
                "该幂等键已用于另一份申请，请换一个新的键再提交。",
                "This Idempotency-Key was used for another request; send the new one with a new key.",
            ),
            Self::SuggestionDecided => ("该建议已作出决定。", "This suggestion has been decided already."),
            Self::SuggestionMade => (
                "您已就本申请提出过主动公开建议。",
                "You have already suggested publishing what this application asks for.",
            ),
            Self::NotACorrection => {
                ("这不是更正申请（条例第四十一条）。", "This is not a request to correct a record (Art. 41).")
            }
            Self::NotForCorrection => (
                "更正申请不适用此步骤：请作出更正答复，或转送有权更正的机关。",
                "A request for correction does not take this step: answer it, or forward it to the body with power to correct.",
            ),
            Self::ObjectionWithoutInstruction => (
                "只有领导直接指示时才记录承办人异议。",
                "An objection is recorded only against a leader's direct instruction.",
            ),
            Self::OutcomeHeavier => {
                ("复核或申诉不得加重处理。", "A review or appeal can never make the outcome heavier.")
            }
            Self::OutsideOwnSystem => {
                ("只能对本系统内的单位立案追责。", "A department may open cases only for units within its own system.")
            }
            Self::ParentCycle => {
                ("上级单位不能是本单位或其下级。", "A unit cannot sit under itself or its own sub-units.")
            }
            Self::ParentInOtherCounty => ("上级单位必须属于同一个县。", "The parent unit must be in the same county."),
            Self::PlatformAdminHasNoCounty => {
                ("平台管理员不属于任何县。", "A platform administrator belongs to no county.")
            }
            Self::PrincipalLeaderExists => ("本单位已有主要负责人。", "This unit already has a principal leader."),
            Self::PrincipalMustBeLeader => {
                ("只有领导可以被设为主要负责人。", "Only a leader can be the principal leader.")
            }
            Self::ReferralAnsweredByBureau => {
                ("保密审查请示由保密局答复。", "The secrecy bureau answers its referrals itself.")
            }
            Self::RoleAlreadyAssigned => ("该人员已担任此角色。", "This person already holds this role."),
            Self::SlugTaken => ("本县已有相同简码的单位。", "A unit with this handle already exists in the county."),
            Self::StatementGiven => ("已提交过陈述和申辩。", "A statement has already been given."),
            Self::TooManyAttachments => {
                ("附件数量已达上限。", "The application has the maximum number of attachments.")
            }
            Self::UnitNameTaken => ("本县已有同名单位。", "A unit with this name already exists in the county."),
            Self::UserInOtherCounty => ("该人员属于其他县，不能在本县任职。", "This person belongs to another county."),
            Self::UsernameTaken => ("该用户名已被使用。", "This username is taken."),
            Self::WrongCurrentPassword => ("当前密码不正确。", "The current password is wrong."),
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("malformed request body")]
    MalformedBody(Vec<FieldError>),
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("session expired")]
    SessionExpired,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("csrf token missing or invalid")]
    CsrfRejected,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("route not found")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("conflict: {0}")]
    Conflict(ErrorCode, Option<String>),
    #[error("rule violated: {0}")]
    Rule(ErrorCode, Option<String>),
    /// A time limit has passed; the answer names the last day it could have been met.
    #[error("too late: {0}, due {1}")]
    Late(ErrorCode, chrono::NaiveDate),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// Scripted submissions from one address on the portal: the answer says how to apply on paper,
    /// since a person is never turned away without another way in.
    #[error("portal flood")]
    PortalFlood { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable,
    /// Too many password checks at once: the caller retries shortly.
    #[error("busy")]
    Busy { retry_after_secs: u64 },
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for ApiError {
    /// A constraint the services did not foresee still answers as a client error, never a 500.
    fn from(err: sea_orm::DbErr) -> Self {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Self::Conflict(ErrorCode::AlreadyExists, None),
            Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => Self::Rule(ErrorCode::InvalidReference, None),
            _ => Self::Internal(anyhow::Error::new(err)),
        }
    }
}

impl From<sea_orm::TransactionError<ApiError>> for ApiError {
    fn from(err: sea_orm::TransactionError<ApiError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields = Vec::new();
        collect_validation_errors("", &errors, &mut fields);
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        Self::Validation(fields)
    }
}

fn collect_validation_errors(prefix: &str, errors: &validator::ValidationErrors, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.push(FieldError::new(path.clone(), &e.code));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect_validation_errors(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect_validation_errors(&format!("{path}[{i}]"), inner, out);
                }
            }
        }
    }
}

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::MalformedBody(_) => "malformed_request",
            Self::Unauthenticated => "unauthenticated",
            Self::SessionExpired => "session_expired",
            Self::InvalidCredentials => "invalid_credentials",
            Self::CsrfRejected => "csrf_rejected",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::RouteNotFound => "route_not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict(code, _) | Self::Rule(code, _) | Self::Late(code, _) => code.as_str(),
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::PortalFlood { .. } => "portal_flood",
            Self::Unavailable => "service_unavailable",
            Self::Busy { .. } => "busy",
            Self::Internal(_) => "internal_error",
        }
    }

    /// A field-level validation error on one field.
    pub fn field(field: &str, code: &str) -> Self {
        Self::Validation(vec![FieldError::new(field, code)])
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::Validation(f) | Self::MalformedBody(f) => f.clone(),
            Self::Conflict(code, Some(field)) | Self::Rule(code, Some(field)) => {
                vec![FieldError::new(field.clone(), code.as_str())]
            }
            Self::Late(code, _) => vec![FieldError::new("due_on", code.as_str())],
            _ => Vec::new(),
        }
    }

    /// The value a message's `{due}` stands for.
    fn detail(&self) -> Option<String> {
        match self {
            Self::Late(_, due) => Some(due.to_string()),
            _ => None,
        }
    }

    pub fn body(&self, lang: Lang) -> ErrorBody {
        LocalizableError { code: self.code(), fields: self.fields(), detail: self.detail() }.body(lang)
    }

    pub fn to_response(&self, lang: Lang) -> HttpResponse {
        let mut resp = HttpResponse::build(self.status_code());
        if let Self::TooManyRequests { retry_after_secs }
        | Self::PortalFlood { retry_after_secs }
        | Self::Busy { retry_after_secs } = self
        {
            resp.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        resp.insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
        resp.json(self.body(lang))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) | Self::MalformedBody(_) => StatusCode::BAD_REQUEST,
            Self::Unauthenticated | Self::SessionExpired | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::CsrfRejected | Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound | Self::RouteNotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(..) => StatusCode::CONFLICT,
            Self::Rule(..) | Self::Late(..) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooManyRequests { .. } | Self::PortalFlood { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable | Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(err) = self {
            tracing::error!(error = ?err, "internal error");
        }
        // The language is applied by the `localize_errors` middleware, which sees the request.
        let mut resp = self.to_response(Lang::Zh);
        resp.extensions_mut().insert(LocalizableError {
            code: self.code(),
            fields: self.fields(),
            detail: self.detail(),
        });
        resp
    }
}

/// Left on an error response so the middleware can re-render it in the client's language.
#[derive(Debug, Clone)]
pub struct LocalizableError {
    pub code: &'static str,
    pub fields: Vec<FieldError>,
    /// Fills the `{due}` of a message, e.g. the last day of a missed time limit.
    pub detail: Option<String>,
}

impl LocalizableError {
    pub fn body(&self, lang: Lang) -> ErrorBody {
        let fill = |text: &str| match &self.detail {
            Some(detail) => text.replace("{due}", detail),
            None => text.to_string(),
        };
        ErrorBody {
            code: self.code.to_string(),
            message: fill(message(self.code, lang)),
            fields: self
                .fields
                .iter()
                .cloned()
                .map(|mut f| {
                    f.message = fill(field_message(&f.code, lang));
                    f
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Chinese unless the client prefers English.
    pub fn from_request(req: &HttpRequest) -> Self {
        Self::from_header(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
    }

    pub fn from_header(value: Option<&str>) -> Self {
        let Some(value) = value else { return Self::Zh };
        let first = value.split(',').next().unwrap_or("").trim().to_ascii_lowercase();
        if first.starts_with("en") { Self::En } else { Self::Zh }
    }
}

/// Messages per error code. Unknown codes fall back to a generic sentence rather than leaking the
/// code's internals.
pub fn message(code: &str, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        code if ErrorCode::parse(code).is_some() => ErrorCode::parse(code).map(ErrorCode::texts).unwrap_or_default(),
        "validation_failed" => {
            ("提交的内容有误，请检查标出的字段。", "Some fields are invalid; see the fields listed.")
        }
        "malformed_request" => ("请求格式不正确。", "The request is malformed."),
        "unauthenticated" => ("请先登录。", "Please sign in."),
        "session_expired" => ("登录已过期，请重新登录。", "Your session has expired; please sign in again."),
        "invalid_credentials" => ("用户名或密码错误。", "Wrong username or password."),
        "csrf_rejected" => ("页面已失效，请刷新后重试。", "The page is stale; reload it and try again."),
        "forbidden" => ("您没有执行此操作的权限。", "You are not allowed to do this."),
        "not_found" => ("未找到该资源。", "Not found."),
        "route_not_found" => ("接口不存在。", "No such endpoint."),
        "method_not_allowed" => ("该接口不支持此请求方法。", "This endpoint does not accept this method."),
        "payload_too_large" => ("提交的内容过大。", "The request body is too large."),
        "unsupported_media_type" => ("请以 JSON 格式提交。", "Send the body as JSON."),
        "too_many_requests" => ("操作过于频繁，请稍后再试。", "Too many attempts; try again later."),
        "portal_flood" => (
            "本网络地址提交过于频繁，请稍后再试。您也可以随时以信函、传真或当面递交书面申请的方式向该机关提出政府信息公开申请。",
            "Too many submissions from this address; try again later. You can always apply in writing instead: by letter, fax or in person at the body.",
        ),
        "service_unavailable" => ("服务暂不可用。", "The service is unavailable."),
        "busy" => ("登录的人较多，请稍后重试。", "Many people are signing in; try again in a moment."),
        "internal_error" => ("系统内部错误，请稍后再试。", "Something went wrong on our side; try again later."),
        _ => detailed(code).unwrap_or(("请求无法完成。", "The request cannot be completed.")),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Messages per field-problem and rule code, for a field or the whole error.
fn detailed(code: &str) -> Option<(&'static str, &'static str)> {
    if let Some(known) = ErrorCode::parse(code) {
        return Some(known.texts());
    }
    Some(match code {
        "required" => ("必填。", "Required."),
        "unknown_field" => ("不认识的字段。", "Unknown field."),
        "invalid_type" => ("类型不正确。", "Wrong type."),
        "invalid_value" => ("取值无效。", "Invalid value."),
        "invalid_format" => ("格式不正确。", "Invalid format."),
        "invalid_json" => ("不是有效的 JSON。", "Not valid JSON."),
        "length" | "too_long" | "too_short" => ("长度不符合要求。", "Wrong length."),
        "range" => ("超出允许范围。", "Out of range."),
        "email" => ("邮箱地址格式不正确。", "Not a valid email address."),
        "password_too_weak" => {
            ("密码至少 10 位，且须包含字母和数字。", "At least 10 characters with letters and digits.")
        }
        "invalid_birth_date" => ("身份证号码中的出生日期无效。", "The date of birth in the ID card number is invalid."),
        "invalid_phone" => {
            ("请填写手机号码或带区号的固定电话。", "Give a mobile number or a landline with its area code.")
        }
        "id_type_mismatch" => ("证件类型与申请人类型不符。", "The document type does not fit the kind of applicant."),
        "same_unit" => ("不能转给本单位。", "Choose another unit."),
        "in_future" => ("日期不能晚于今天。", "The date cannot be later than today."),
        "in_past" => ("日期不能早于今天。", "The date cannot be earlier than today."),
        "term_ended" => (
            "保密期限已届满，须变更密级或期限，或者解密后重新确定公开属性。",
            "The classification term has ended: change the level or term, or reopen the item.",
        ),
        "invalid_check_digit" => ("校验位不正确。", "Wrong check digit."),
        "invalid_credit_code" => ("统一社会信用代码不正确。", "Not a valid unified social credit code."),
        "invalid_username" => (
            "用户名须为 3–64 位小写字母、数字、点、横线或下划线。",
            "3–64 lowercase letters, digits, dots, dashes or underscores.",
        ),
        "sector_required" => ("公共企事业单位须填写行业。", "A public enterprise needs a sector."),
        "sector_not_allowed" => ("只有公共企事业单位才有行业。", "Only public enterprises have a sector."),
        "invalid_range" => ("开始时间不能晚于结束时间。", "The start must not be after the end."),
        "outside_year" => ("日期不在该年度内。", "The date is outside this year."),
        "duplicate_date" => ("同一日期只能出现一次。", "Each date may appear only once."),
        "one_only" => ("只能指定一人。", "Only one person may be designated."),
        "not_after_due_date" => ("须晚于现在的答复期限。", "Must be later than the present reply date."),
        "not_a_member" => ("此人不是本单位成员。", "This person is not a member of the unit."),
        "must_be_leader" => ("须为本单位领导。", "Must be a leader of the unit."),
        "duplicate" => ("重复出现。", "Appears more than once."),
        "make_up_not_weekend" => {
            ("调休上班日必须是周六或周日。", "A make-up working day must be a Saturday or Sunday.")
        }
        "exactly_one_period" => (
            "请填写工作日天数或自然日天数中的一项。",
            "Give either working_days or calendar_days, not both or neither.",
        ),
        "duplicate_stage" => ("阶段名称重复。", "Each stage name may appear once."),
        "clock_already_paused" => ("该期限已处于中止状态。", "This clock is already paused."),
        "year_missing" => ("文件中没有该年度的安排。", "The file has no schedule for this year."),
        "deadline_not_after_today" => ("期限须晚于今天。", "The deadline must be after today."),
        "unknown_party" => ("不是该案件的当事人。", "Not a party to this case."),
        "measure_needs_sanction" => ("给予处分须写明处分种类。", "A disciplinary sanction needs its kind."),
        "invalid_base64" => ("文件内容不是有效的 Base64。", "The file content is not valid Base64."),
        "file_too_large" => ("文件过大。", "The file is too large."),
        "not_external" => (
            "该步骤由县内机关办理，无需填写县外机关及日期。",
            "This step is handled inside the county; leave the outside body and its dates out.",
        ),
        "correction_only" => ("只有更正申请填写此项。", "Only a request for correction has this."),
        "directed_only" => (
            "只有告知向有权更正的机关提出时才填写机关名称。",
            "Name a body only when directing the applicant to the body with power to correct.",
        ),
        "before_filed" => ("决定日期不能早于提出日期。", "The decision cannot predate the filing."),
        "file_or_reference" => {
            ("证据须为文件或引用中的一种。", "Evidence is either a file or a reference, not both or neither.")
        }
        "before_start" => ("结束日期不能早于开始日期。", "The end cannot be before the start."),
        "points_total" => ("各项指标分值合计须为100分。", "The indicators' points must add up to 100."),
        "duplicate_code" => ("指标编号重复。", "Two indicators have the same code."),
        "rule_mismatch" => ("该计分规则不适用于所选的自动指标。", "This scoring rule does not fit the measure chosen."),
        "grade_bands" => (
            "等次须按分数线从高到低排列，且最低一档分数线为0。",
            "Grades run from the highest threshold down, and the lowest starts at 0.",
        ),
        "unknown_indicator" => ("考核方案中没有该指标。", "The scheme has no such indicator."),
        "over_points" => ("不能超过该指标的分值。", "It cannot exceed the indicator's points."),
        "measured_automatically" => (
            "该指标由平台自动计分，考核组不另行评分。",
            "The platform scores this indicator from its records; the group does not score it.",
        ),
        "due_not_ahead" => ("截止日期须晚于今天。", "The deadline must be after today."),
        "note_required_for_change" => (
            "确认的等次与考核组建议不同，须说明理由。",
            "Give the reason when confirming a grade other than the group proposed.",
        ),
        "not_allowed" => ("此情形不填写该项。", "Leave this out in this case."),
        "category_mismatch" => ("栏目与信息类别不一致。", "The heading belongs to another category."),
        "every_question_once" => (
            "请对问卷中的每个问题各评价一次（问卷如已更新，请刷新后重新填写）。",
            "Rate every question of the questionnaire once (if it has changed, reload it and answer again).",
        ),
        _ => return None,
    })
}

/// Messages per field-problem code.
pub fn field_message(code: &str, lang: Lang) -> &'static str {
    match detailed(code) {
        Some((zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => message(code, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_chosen_only_when_preferred() {
        assert_eq!(Lang::from_header(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_header(Some("zh-CN,en;q=0.5")), Lang::Zh);
        assert_eq!(Lang::from_header(None), Lang::Zh);
    }

    #[test]
    fn field_errors_carry_translated_messages() {
        let body = ApiError::field("password", "password_too_weak").body(Lang::En);
        assert_eq!(body.code, "validation_failed");
        assert_eq!(body.fields[0].field, "password");
        assert!(body.fields[0].message.contains("10 characters"));
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let err = ApiError::Internal(anyhow::anyhow!("SELECT * FROM secret_table failed at /srv/x.rs"));
        let body = err.body(Lang::En);
        assert!(!body.message.contains("secret_table"));
        assert_eq!(body.code, "internal_error");
    }
}

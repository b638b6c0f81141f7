//! Enumerations stored as short strings, so both SQLite and PostgreSQL hold the same values and
//! adding a variant never needs a database type change.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The kind of a unit (DOMAIN.md §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 乡镇人民政府
    #[sea_orm(string_value = "township")]
    Township,
    /// 开发区管委会
    #[sea_orm(string_value = "development_zone")]
    DevelopmentZone,
    /// 县政府各部门
    #[sea_orm(string_value = "department")]
    Department,
    /// 县政府直属机构
    #[sea_orm(string_value = "affiliated")]
    Affiliated,
    /// 中省直驻县部门
    #[sea_orm(string_value = "stationed")]
    Stationed,
    /// 公共企事业单位
    #[sea_orm(string_value = "public_enterprise")]
    PublicEnterprise,
    /// 法律法规授权的组织
    #[sea_orm(string_value = "non_admin_org")]
    NonAdminOrg,
    /// County-level bodies outside the government's departments (县政府, 监委, 保密局, 领导小组…).
    #[sea_orm(string_value = "county_body")]
    CountyBody,
}

/// The public service sector of a public enterprise (公共企事业单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    #[sea_orm(string_value = "education")]
    Education,
    #[sea_orm(string_value = "healthcare")]
    Healthcare,
    #[sea_orm(string_value = "family_planning")]
    FamilyPlanning,
    #[sea_orm(string_value = "water")]
    Water,
    #[sea_orm(string_value = "power")]
    Power,
    #[sea_orm(string_value = "gas")]
    Gas,
    #[sea_orm(string_value = "heating")]
    Heating,
    #[sea_orm(string_value = "environment")]
    Environment,
    #[sea_orm(string_value = "public_transport")]
    PublicTransport,
    #[sea_orm(string_value = "telecom")]
    Telecom,
    #[sea_orm(string_value = "post")]
    Post,
}

/// A county-wide oversight function held by one unit of the county; its members act across units,
/// but only for this function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum OversightFunction {
    /// 县政务公开主管部门
    #[sea_orm(string_value = "openness_office")]
    OpennessOffice,
    /// 监察机关
    #[sea_orm(string_value = "supervisory_commission")]
    SupervisoryCommission,
    /// 保密工作部门
    #[sea_orm(string_value = "secrecy_bureau")]
    SecrecyBureau,
    /// 县人民政府
    #[sea_orm(string_value = "county_government")]
    CountyGovernment,
    /// 政务公开领导小组
    #[sea_orm(string_value = "leading_group")]
    LeadingGroup,
    /// 考核组
    #[sea_orm(string_value = "assessment_group")]
    AssessmentGroup,
    /// 绩效评估部门
    #[sea_orm(string_value = "performance_office")]
    PerformanceOffice,
}

impl OversightFunction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpennessOffice => "openness_office",
            Self::SupervisoryCommission => "supervisory_commission",
            Self::SecrecyBureau => "secrecy_bureau",
            Self::CountyGovernment => "county_government",
            Self::LeadingGroup => "leading_group",
            Self::AssessmentGroup => "assessment_group",
            Self::PerformanceOffice => "performance_office",
        }
    }
}

/// A person's role inside one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum UnitRole {
    /// 领导: approves and decides.
    #[sea_orm(string_value = "leader")]
    Leader,
    /// 承办人: does the work.
    #[sea_orm(string_value = "handler")]
    Handler,
}

impl UnitRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leader => "leader",
            Self::Handler => "handler",
        }
    }
}

/// A duty a unit's principal leader designates members for (the principal leader is a flag of the
/// role assignment itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum UnitDuty {
    /// 政府信息公开工作机构负责人: one leader, who agrees to extensions (Art. 33).
    #[sea_orm(string_value = "disclosure_office_head")]
    DisclosureOfficeHead,
    /// 保密审查人: reviews what the unit releases before it is approved (SR 4–5).
    #[sea_orm(string_value = "secrecy_reviewer")]
    SecrecyReviewer,
}

impl UnitDuty {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DisclosureOfficeHead => "disclosure_office_head",
            Self::SecrecyReviewer => "secrecy_reviewer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    #[sea_orm(string_value = "active")]
    Active,
    #[sea_orm(string_value = "disabled")]
    Disabled,
}

/// Whether an audited request changed state or was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    #[sea_orm(string_value = "success")]
    Success,
    #[sea_orm(string_value = "denied")]
    Denied,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Denied => "denied",
        }
    }
}

/// Who applied, in the columns of the annual report's table 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ApplicantKind {
    /// 自然人
    #[sea_orm(string_value = "natural_person")]
    NaturalPerson,
    /// 商业企业
    #[sea_orm(string_value = "commercial_enterprise")]
    CommercialEnterprise,
    /// 科研机构
    #[sea_orm(string_value = "research_institution")]
    ResearchInstitution,
    /// 社会公益组织
    #[sea_orm(string_value = "social_welfare_org")]
    SocialWelfareOrg,
    /// 法律服务机构
    #[sea_orm(string_value = "legal_service_org")]
    LegalServiceOrg,
    /// 其他
    #[sea_orm(string_value = "other_org")]
    OtherOrg,
}

/// How an application arrived; it decides the receipt date (Regulations Art. 31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ApplicationChannel {
    /// The portal or the API: received when the unit signs for it (both sides confirm).
    #[sea_orm(string_value = "online")]
    Online,
    /// At the counter: received that day.
    #[sea_orm(string_value = "in_person")]
    InPerson,
    /// Registered post: the day the unit signs for it.
    #[sea_orm(string_value = "registered_post")]
    RegisteredPost,
    /// Ordinary post: the day the unit confirms with the applicant.
    #[sea_orm(string_value = "ordinary_post")]
    OrdinaryPost,
    /// Fax: the day both sides confirm.
    #[sea_orm(string_value = "fax")]
    Fax,
    /// Email: the day both sides confirm.
    #[sea_orm(string_value = "email")]
    Email,
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Submitted online, waiting for the unit to sign for it.
    #[sea_orm(string_value = "submitted")]
    Submitted,
    /// Received; the reply clock runs.
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    /// A correction notice went out; waiting for the applicant.
    #[sea_orm(string_value = "awaiting_correction")]
    AwaitingCorrection,
    /// Third parties or other bodies are consulted; the reply clock is suspended.
    #[sea_orm(string_value = "consulting")]
    Consulting,
    /// A fee notice went out; waiting for payment.
    #[sea_orm(string_value = "awaiting_payment")]
    AwaitingPayment,
    /// A reply is drafted and waits for the leader.
    #[sea_orm(string_value = "reply_pending")]
    ReplyPending,
    /// Closed with a table-3 outcome.
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// Where an Art. 44 suggestion came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum SuggestionSource {
    /// Several applicants asked for the same information (the unit is prompted).
    #[sea_orm(string_value = "applications")]
    Applications,
    /// An applicant suggested it on the portal.
    #[sea_orm(string_value = "applicant")]
    Applicant,
}

/// Where an Art. 44 suggestion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum SuggestionStatus {
    /// Waiting for the unit's decision.
    #[sea_orm(string_value = "open")]
    Open,
    /// To be published proactively (the disclosure module takes it from there).
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// Not to be published proactively, with the reason.
    #[sea_orm(string_value = "declined")]
    Declined,
}

/// What an application asks for.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// 政府信息公开申请 (Arts. 27–45); counted in table 3.
    #[default]
    #[sea_orm(string_value = "disclosure")]
    Disclosure,
    /// 更正申请 (Art. 41): a record about the applicant is inaccurate; not counted in table 3.
    #[sea_orm(string_value = "correction")]
    Correction,
}

/// The answer to an Art. 41 correction request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "snake_case")]
pub enum CorrectionOutcome {
    /// 审核属实，予以更正.
    #[sea_orm(string_value = "corrected")]
    Corrected,
    /// 经审核，记录准确或证据不足，不予更正.
    #[sea_orm(string_value = "not_corrected")]
    NotCorrected,
    /// 不属于本机关职能范围，告知申请人向有权更正的机关提出.
    #[sea_orm(string_value = "directed_elsewhere")]
    DirectedElsewhere,
}

/// The closing outcome, only from the categories of the annual report's table 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
#[serde(rename_all = "snake_case")]
pub enum ReplyOutcome {
    /// (一) 予以公开
    #[sea_orm(string_value = "disclosed")]
    Disclosed,
    /// (二) 部分公开
    #[sea_orm(string_value = "partially_disclosed")]
    PartiallyDisclosed,
    /// (三)1 属于国家秘密
    #[sea_orm(string_value = "withheld_state_secret")]
    WithheldStateSecret,
    /// (三)2 其他法律行政法规禁止公开
    #[sea_orm(string_value = "withheld_prohibited_by_law")]
    WithheldProhibitedByLaw,
    /// (三)3 危及"三安全一稳定"
    #[sea_orm(string_value = "withheld_security_stability")]
    WithheldSecurityStability,
    /// (三)4 保护第三方合法权益
    #[sea_orm(string_value = "withheld_third_party_rights")]
    WithheldThirdPartyRights,
    /// (三)5 属于三类内部事务信息
    #[sea_orm(string_value = "withheld_internal_affairs")]
    WithheldInternalAffairs,
    /// (三)6 属于四类过程性信息
    #[sea_orm(string_value = "withheld_process_information")]
    WithheldProcessInformation,
    /// (三)7 属于行政执法案卷
    #[sea_orm(string_value = "withheld_enforcement_file")]
    WithheldEnforcementFile,
    /// (三)8 属于行政查询事项
    #[sea_orm(string_value = "withheld_inquiry_matter")]
    WithheldInquiryMatter,
    /// (四)1 本机关不掌握相关政府信息
    #[sea_orm(string_value = "unavailable_not_held")]
    UnavailableNotHeld,
    /// (四)2 没有现成信息需要另行制作
    #[sea_orm(string_value = "unavailable_needs_creation")]
    UnavailableNeedsCreation,
    /// (四)3 补正后申请内容仍不明确
    #[sea_orm(string_value = "unavailable_still_unclear")]
    UnavailableStillUnclear,
    /// (五)1 信访举报投诉类申请
    #[sea_orm(string_value = "not_processed_petition")]
    NotProcessedPetition,
    /// (五)2 重复申请
    #[sea_orm(string_value = "not_processed_repeated")]
    NotProcessedRepeated,
    /// (五)3 要求提供公开出版物
    #[sea_orm(string_value = "not_processed_publication")]
    NotProcessedPublication,
    /// (五)4 无正当理由大量反复申请
    #[sea_orm(string_value = "not_processed_mass_repeated")]
    NotProcessedMassRepeated,
    /// (五)5 要求行政机关确认或重新出具已获取信息
    #[sea_orm(string_value = "not_processed_confirmation")]
    NotProcessedConfirmation,
    /// (六)1 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
    #[sea_orm(string_value = "other_no_correction")]
    OtherNoCorrection,
    /// (六)2 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
    #[sea_orm(string_value = "other_unpaid")]
    OtherUnpaid,
    /// (六)3 其他
    #[sea_orm(string_value = "other_other")]
    OtherOther,
}

impl ReplyOutcome {
    /// Whether the reply releases information (予以公开, 部分公开 — including a reply that points to
    /// information already published): only such a reply needs a secrecy review before approval.
    pub fn releases_information(self) -> bool {
        matches!(self, Self::Disclosed | Self::PartiallyDisclosed)
    }
}

/// The form in which the applicant wants the information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum DeliveryForm {
    #[sea_orm(string_value = "paper")]
    Paper,
    #[sea_orm(string_value = "email")]
    Email,
    #[sea_orm(string_value = "pickup")]
    Pickup,
    #[sea_orm(string_value = "online")]
    Online,
}

/// Whom a unit consults before replying (Regulations Arts. 32, 34; SR 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ConsultedParty {
    /// A third party whose rights may be harmed (Art. 32, 15 working days).
    #[sea_orm(string_value = "third_party")]
    ThirdParty,
    /// A body that produced the information jointly (Art. 34, 15 working days).
    #[sea_orm(string_value = "other_body")]
    OtherBody,
    /// The secrecy bureau, when secrecy is uncertain (SR 10, 5 working days).
    #[sea_orm(string_value = "secrecy_bureau")]
    SecrecyBureau,
}

/// Table 4: administrative review and litigation over an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ProceedingKind {
    /// 行政复议
    #[sea_orm(string_value = "administrative_review")]
    AdministrativeReview,
    /// 未经复议直接起诉
    #[sea_orm(string_value = "litigation_direct")]
    LitigationDirect,
    /// 复议后起诉
    #[sea_orm(string_value = "litigation_after_review")]
    LitigationAfterReview,
}

/// Table 4 result columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ProceedingResult {
    /// 结果维持
    #[sea_orm(string_value = "maintained")]
    Maintained,
    /// 结果纠正
    #[sea_orm(string_value = "corrected")]
    Corrected,
    /// 其他结果
    #[sea_orm(string_value = "other")]
    Other,
    /// 尚未审结
    #[sea_orm(string_value = "pending")]
    Pending,
}

/// Where a statutory clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// The period runs.
    #[sea_orm(string_value = "running")]
    Running,
    /// Stopped for a consultation; the days do not count.
    #[sea_orm(string_value = "suspended")]
    Suspended,
    /// Done on or before the due date.
    #[sea_orm(string_value = "met")]
    Met,
    /// Done after the due date.
    #[sea_orm(string_value = "missed")]
    Missed,
    /// No longer owed.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl ClockState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Suspended => "suspended",
            Self::Met => "met",
            Self::Missed => "missed",
            Self::Cancelled => "cancelled",
        }
    }

    /// Still owed: running or suspended.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Running | Self::Suspended)
    }

    pub const OPEN: [Self; 2] = [Self::Running, Self::Suspended];
}

/// Where an accountability case (问责案件) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Opened (立案); facts, allocation and measures are being settled.
    #[sea_orm(string_value = "open")]
    Open,
    /// The parties were told and may give their statement and defence (陈述申辩, AC 12).
    #[sea_orm(string_value = "hearing")]
    Hearing,
    /// The decision (处理决定) is issued; only a review or appeal can change it.
    #[sea_orm(string_value = "decided")]
    Decided,
    /// Closed without measures: exempted from handling or no violation found (AC 10, AC 5).
    #[sea_orm(string_value = "closed")]
    Closed,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Hearing => "hearing",
            Self::Decided => "decided",
            Self::Closed => "closed",
        }
    }

    /// Whether the case is concluded, by a decision or a closure.
    pub fn is_concluded(self) -> bool {
        matches!(self, Self::Decided | Self::Closed)
    }
}

/// How a case closed without measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum CaseClosure {
    /// 免予处理: a violation, but mitigating circumstances under AC 10 excuse it.
    #[sea_orm(string_value = "exempted")]
    Exempted,
    /// 未发现违规: the facts show no violation.
    #[sea_orm(string_value = "no_violation")]
    NoViolation,
}

/// Whether a case's handling needs, awaits or got the county government's approval (县政府批准, AC 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum CaseApproval {
    /// Not a major case: no approval needed (无需报批).
    #[sea_orm(string_value = "not_needed")]
    NotNeeded,
    /// Sent to the county government, awaiting its approval (待审批).
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Approved by the county government (批准).
    #[sea_orm(string_value = "approved")]
    Approved,
    /// Rejected by the county government (不予批准); the measures must change.
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

impl CaseApproval {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotNeeded => "not_needed",
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

/// Who is concerned by a case (AC 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// A unit concerned (责任单位); its leaders speak for it.
    #[sea_orm(string_value = "unit")]
    Unit,
    /// A person concerned (责任人员), who may bear a share.
    #[sea_orm(string_value = "person")]
    Person,
}

impl PartyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unit => "unit",
            Self::Person => "person",
        }
    }
}

/// The remedy a person concerned files against a decision (AC 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")]
#[serde(rename_all = "snake_case")]
pub enum RemedyKind {
    /// A review (复核), decided by the body that decided the case.
    #[sea_orm(string_value = "review")]
    Review,
    /// An appeal (申诉), decided by the body above it.
    #[sea_orm(string_value = "appeal")]
    Appeal,
}

impl RemedyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Review => "review",
            Self::Appeal => "appeal",
        }
    }
}

/// Where a review or appeal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum FilingStatus {
    /// Filed, waiting for the deciding body (待决定); the decision stays in force meanwhile.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Decided (已决定): upheld, changed or revoked.
    #[sea_orm(string_value = "decided")]
    Decided,
}

impl FilingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Decided => "decided",
        }
    }
}

/// Where a violation lead (违规线索, AC 6) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    /// Found by the platform, not yet triaged (待处理).
    #[sea_orm(string_value = "open")]
    Open,
    /// Not a breach, with the reason on the record (不予立案).
    #[sea_orm(string_value = "dismissed")]
    Dismissed,
    /// Turned into an accountability case (已立案).
    #[sea_orm(string_value = "case_opened")]
    CaseOpened,
}

impl LeadStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Dismissed => "dismissed",
            Self::CaseOpened => "case_opened",
        }
    }
}

/// Where a consultation (征求意见) or secrecy referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ConsultationStatus {
    /// Asked, waiting for the answer; the reply clock is suspended.
    #[sea_orm(string_value = "open")]
    Open,
    /// Answered (已答复).
    #[sea_orm(string_value = "answered")]
    Answered,
    /// The period ran out unanswered (逾期未答复); the body decides by itself (Art. 32).
    #[sea_orm(string_value = "lapsed")]
    Lapsed,
}

impl ConsultationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Answered => "answered",
            Self::Lapsed => "lapsed",
        }
    }
}

/// Where an email in the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting to be sent, first or again after a transient failure.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Accepted by the mail server.
    #[sea_orm(string_value = "sent")]
    Sent,
    /// A dead letter: failed permanently or too often; only a retry sends it again.
    #[sea_orm(string_value = "dead")]
    Dead,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Dead => "dead",
        }
    }
}

// ---- Proactive disclosure and secrecy review (SR 1–13; Regulations Arts. 10, 14–21, 26) ----

/// The disclosure attribute the drafter marks (公开属性, SR 6(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum DisclosureAttribute {
    /// 主动公开.
    #[sea_orm(string_value = "proactive")]
    Proactive,
    /// 依申请公开.
    #[sea_orm(string_value = "on_application")]
    OnApplication,
    /// 不予公开 (免予公开).
    #[sea_orm(string_value = "not_disclosed")]
    NotDisclosed,
}

/// The legal ground of an on-application or not-disclosed attribute (Arts. 14–16, 27).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum WithholdingGround {
    /// 国家秘密 (Art. 14).
    #[sea_orm(string_value = "state_secret")]
    StateSecret,
    /// 法律、行政法规禁止公开 (Art. 14).
    #[sea_orm(string_value = "prohibited_by_law")]
    ProhibitedByLaw,
    /// 公开后可能危及国家安全、公共安全、经济安全、社会稳定 (Art. 14).
    #[sea_orm(string_value = "security_stability")]
    SecurityStability,
    /// 商业秘密、个人隐私等，公开会对第三方合法权益造成损害 (Art. 15).
    #[sea_orm(string_value = "third_party_rights")]
    ThirdPartyRights,
    /// 人事管理、后勤管理、内部工作流程等内部事务信息 (Art. 16).
    #[sea_orm(string_value = "internal_affairs")]
    InternalAffairs,
    /// 讨论记录、过程稿、磋商信函、请示报告等过程性信息 (Art. 16).
    #[sea_orm(string_value = "process_information")]
    ProcessInformation,
    /// 行政执法案卷信息 (Art. 16).
    #[sea_orm(string_value = "enforcement_file")]
    EnforcementFile,
    /// 不属于主动公开范围、依申请提供 (Art. 27): only for the on-application attribute.
    #[sea_orm(string_value = "outside_proactive_scope")]
    OutsideProactiveScope,
}

/// The kinds of information to be published proactively (Arts. 20–21).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum InformationCategory {
    /// 行政法规、规章和规范性文件 (Art. 20(1)).
    #[sea_orm(string_value = "normative_documents")]
    NormativeDocuments,
    /// 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名 (Art. 20(2)).
    #[sea_orm(string_value = "organisation")]
    Organisation,
    /// 规划及相关政策 (Art. 20(3)).
    #[sea_orm(string_value = "plans_policies")]
    PlansPolicies,
    /// 国民经济和社会发展统计信息 (Art. 20(4)).
    #[sea_orm(string_value = "statistics")]
    Statistics,
    /// 行政许可和其他对外管理服务事项 (Art. 20(5)).
    #[sea_orm(string_value = "licensing")]
    Licensing,
    /// 行政处罚、行政强制 (Art. 20(6)).
    #[sea_orm(string_value = "penalty_enforcement")]
    PenaltyEnforcement,
    /// 财政预算、决算 (Art. 20(7)).
    #[sea_orm(string_value = "budget")]
    Budget,
    /// 行政事业性收费项目及其依据、标准 (Art. 20(8)).
    #[sea_orm(string_value = "fees")]
    Fees,
    /// 政府集中采购 (Art. 20(9)).
    #[sea_orm(string_value = "procurement")]
    Procurement,
    /// 重大建设项目 (Art. 20(10)).
    #[sea_orm(string_value = "major_projects")]
    MajorProjects,
    /// 扶贫、教育、医疗、社会保障、促进就业 (Art. 20(11)).
    #[sea_orm(string_value = "social_policies")]
    SocialPolicies,
    /// 突发公共事件 (Art. 20(12)).
    #[sea_orm(string_value = "emergencies")]
    Emergencies,
    /// 环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查 (Art. 20(13)).
    #[sea_orm(string_value = "inspections")]
    Inspections,
    /// 公务员招考 (Art. 20(14)).
    #[sea_orm(string_value = "recruitment")]
    Recruitment,
    /// 其他应当主动公开的政府信息 (Art. 20(15)).
    #[sea_orm(string_value = "other_statutory")]
    OtherStatutory,
    /// 县、乡级的市政建设、公共服务、土地征收、社会救助等 (Art. 21).
    #[sea_orm(string_value = "local_affairs")]
    LocalAffairs,
}

/// Where an information item stands on its way to the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Being drafted or changed; any change after a review brings the item back here.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Submitted to the unit's secrecy reviewer.
    #[sea_orm(string_value = "in_review")]
    InReview,
    /// Waiting for a referral or a right holder's answer.
    #[sea_orm(string_value = "consulting")]
    Consulting,
    /// Reviewed; waiting for the leader's approval.
    #[sea_orm(string_value = "reviewed")]
    Reviewed,
    /// Approved for publication.
    #[sea_orm(string_value = "approved")]
    Approved,
    /// In the catalogue.
    #[sea_orm(string_value = "published")]
    Published,
    /// Reviewed and approved as on-application or not disclosed: kept on file, not published.
    #[sea_orm(string_value = "filed")]
    Filed,
    /// Taken out of the catalogue, with the reason shown to the public.
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
}

/// Who is asked about an item before it is decided (SR 6(2), SR 7(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "snake_case")]
pub enum ItemConsultedParty {
    /// The county's secrecy bureau: answers within 5 working days (SR 10).
    #[sea_orm(string_value = "secrecy_bureau")]
    SecrecyBureau,
    /// The competent department of a sensitive domain or of the matter (SR 6(2)).
    #[sea_orm(string_value = "competent_department")]
    CompetentDepartment,
    /// The holder of a commercial secret or of personal privacy: 15 working days (Art. 32).
    #[sea_orm(string_value = "right_holder")]
    RightHolder,
}

/// What the party asked about an item answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ItemOpinion {
    /// May be disclosed as drafted.
    #[sea_orm(string_value = "may_disclose")]
    MayDisclose,
    /// May be disclosed once the parts named are removed.
    #[sea_orm(string_value = "in_part")]
    InPart,
    /// Must not be disclosed.
    #[sea_orm(string_value = "must_not")]
    MustNot,
}

/// The reviewer's conclusion (SR 3–7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// Nothing stands in the way of the attribute as marked.
    #[sea_orm(string_value = "passed")]
    Passed,
    /// Sent back to the drafter with the findings.
    #[sea_orm(string_value = "returned")]
    Returned,
}

/// What an item counts as in table 2 of the annual report (2021 No. 30, 第二项).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 规章: issued, repealed, in force.
    #[sea_orm(string_value = "rule")]
    Rule,
    /// 行政规范性文件: issued, repealed, in force.
    #[sea_orm(string_value = "normative_document")]
    NormativeDocument,
    /// 行政许可: the number of decisions the item publishes.
    #[sea_orm(string_value = "licensing")]
    Licensing,
    /// 行政处罚: the number of decisions.
    #[sea_orm(string_value = "penalty")]
    Penalty,
    /// 行政强制: the number of decisions.
    #[sea_orm(string_value = "enforcement")]
    Enforcement,
    /// 行政事业性收费: the amount collected.
    #[sea_orm(string_value = "fee_collection")]
    FeeCollection,
}

/// What a re-evaluation of a withheld item decided (SR 8(2), Art. 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ReevaluationOutcome {
    /// Still withheld as it is.
    #[sea_orm(string_value = "keep")]
    Keep,
    /// Still a state secret, at another level or for another term.
    #[sea_orm(string_value = "change")]
    Change,
    /// Declassified, or no longer needing to be withheld: back to drafting for a new attribute
    /// and a new review.
    #[sea_orm(string_value = "reopen")]
    Reopen,
}

/// The five dimensions a unit's disclosure is evaluated on (EV 3), and the hot issues the leading
/// group adds from what the public raised (EV 4(1)).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum EvaluationDimension {
    /// 公开内容: complete, true, accurate.
    #[sea_orm(string_value = "content")]
    Content,
    /// 公开形式: easy to get.
    #[sea_orm(string_value = "form")]
    Form,
    /// 公开程序和时限.
    #[sea_orm(string_value = "procedure")]
    Procedure,
    /// 公开制度: practical, complete, applied.
    #[sea_orm(string_value = "rules")]
    Rules,
    /// 公开效果: recognised by the public; its rights to know, take part and supervise.
    #[sea_orm(string_value = "effect")]
    Effect,
    /// 热点问题 the group adds (EV 4(1)).
    #[sea_orm(string_value = "hot_issue")]
    HotIssue,
}

/// The three ratings of EV 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "snake_case")]
pub enum EvaluationRating {
    /// 满意
    #[sea_orm(string_value = "satisfied")]
    Satisfied,
    /// 基本满意
    #[sea_orm(string_value = "basically_satisfied")]
    BasicallySatisfied,
    /// 不满意
    #[sea_orm(string_value = "dissatisfied")]
    Dissatisfied,
}

/// Where an evaluation campaign stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    /// Being prepared: units and questions can change freely.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Taking responses between its open and close dates.
    #[sea_orm(string_value = "open")]
    Open,
    /// Closed: the results are final.
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// How a response came in (EV 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ResponseChannel {
    /// The portal's public questionnaire (EV 4(1)).
    #[sea_orm(string_value = "public")]
    Public,
    /// A paper questionnaire entered by staff (EV 4(1)).
    #[sea_orm(string_value = "paper")]
    Paper,
    /// An invited representative (EV 4(2)).
    #[sea_orm(string_value = "representative")]
    Representative,
}

/// Why a response is not counted; every discarded response is kept with one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "snake_case")]
pub enum DiscardReason {
    /// The same phone or email already answered for this unit in this campaign.
    #[sea_orm(string_value = "same_contact")]
    SameContact,
    /// The same device already answered for this unit in this campaign.
    #[sea_orm(string_value = "same_device")]
    SameDevice,
    /// The address sent more responses for this unit than the campaign allows in a day.
    #[sea_orm(string_value = "address_limit")]
    AddressLimit,
    /// The opinion is nearly the same text as one already counted for this unit.
    #[sea_orm(string_value = "near_duplicate_text")]
    NearDuplicateText,
    /// The same paper sheet of the same batch was entered again.
    #[sea_orm(string_value = "same_sheet")]
    SameSheet,
    /// The invited representative already answered for this unit.
    #[sea_orm(string_value = "invitation_used")]
    InvitationUsed,
}

/// Who a representative evaluator is (EV 4(2)).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeCategory {
    /// 人大代表
    #[sea_orm(string_value = "deputy")]
    Deputy,
    /// 政协委员
    #[sea_orm(string_value = "cppcc_member")]
    CppccMember,
    /// 新闻媒体
    #[sea_orm(string_value = "media")]
    Media,
    /// 社会监督员
    #[sea_orm(string_value = "social_supervisor")]
    SocialSupervisor,
    /// 群众代表
    #[sea_orm(string_value = "public_representative")]
    PublicRepresentative,
}

/// Where a rectification task stands (EV 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum RectificationStatus {
    /// The unit is rectifying.
    #[sea_orm(string_value = "open")]
    Open,
    /// The unit reported what it did; the group is to judge it.
    #[sea_orm(string_value = "reported")]
    Reported,
    /// The group accepted the rectification.
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// The group judged it done badly: a lead was raised and the unit rectifies again.
    #[sea_orm(string_value = "returned")]
    Returned,
}

/// How the unit told the person who raised the opinion what it did (EV 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum FeedbackMethod {
    /// 网上公告
    #[sea_orm(string_value = "online_notice")]
    OnlineNotice,
    /// 书面函告
    #[sea_orm(string_value = "letter")]
    Letter,
    /// 登门走访
    #[sea_orm(string_value = "visit")]
    Visit,
}

/// Whom an assessment scheme assesses: the administrative bodies of AS 4, or the public
/// enterprises and empowered organisations assessed by reference (AS 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum AssessmentAudience {
    /// 乡镇、开发区、县政府各部门（含直属机构、驻县单位）
    #[sea_orm(string_value = "administrative")]
    Administrative,
    /// 公共企事业单位、法律法规授权的组织（参照执行）
    #[sea_orm(string_value = "by_reference")]
    ByReference,
}

impl AssessmentAudience {
    /// Whether a unit of this kind is assessed under a scheme for this audience; the county's
    /// oversight bodies assess and are not assessed.
    pub fn covers(self, kind: UnitKind) -> bool {
        match self {
            Self::Administrative => matches!(
                kind,
                UnitKind::Township
                    | UnitKind::DevelopmentZone
                    | UnitKind::Department
                    | UnitKind::Affiliated
                    | UnitKind::Stationed
            ),
            Self::ByReference => matches!(kind, UnitKind::PublicEnterprise | UnitKind::NonAdminOrg),
        }
    }
}

/// Where a year's assessment scheme stands (AS 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum SchemeStatus {
    /// Being written; every change is a new version.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// The assessment started: the scheme is frozen, units self-check, the group scores.
    #[sea_orm(string_value = "started")]
    Started,
    /// The confirmed results were handed to the units and the performance office.
    #[sea_orm(string_value = "published")]
    Published,
}

/// A self-check report's stage (AS 9(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum SelfCheckStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "submitted")]
    Submitted,
}

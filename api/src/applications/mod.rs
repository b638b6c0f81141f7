//! Applications for disclosure (依申请公开, Regulations Arts. 29–42): intake from the portal, the
//! API and the counter; signing for, correction, consultation, extension, fees and the reply, each
//! on the shared statutory clocks; the applicant's tracking page; the openness office's oversight;
//! and the annual report's tables 3 and 4 computed from the records.

pub mod citizens;
pub mod fees;
pub mod identity;
pub mod letters;
pub mod oversight;
pub mod public;
pub mod read;
pub mod requests;
pub mod routes;
pub mod service;
pub mod stats;
pub mod suggestions;
pub mod views;

use entity::enums::ReplyOutcome;

use crate::clocks::{ClockKind, SubjectKind};

/// The `subject_type` of an application's clocks, approvals, leads and notifications.
pub const SUBJECT: &str = "application";

/// An application, as the subject of its clocks.
pub const APPLICATION: SubjectKind = SubjectKind::new(SUBJECT);
/// A consultation of a third party, another body or the secrecy bureau about an application.
pub const CONSULTATION: SubjectKind = SubjectKind::new("consultation");

pub static SIGN: ClockKind = ClockKind {
    code: "application.sign",
    subject: APPLICATION,
    name_zh: "签收期限",
    name_en: "Sign-for period",
    answered_by: None,
};
pub static REPLY: ClockKind = ClockKind {
    code: "application.reply",
    subject: APPLICATION,
    name_zh: "答复期限",
    name_en: "Reply period",
    answered_by: Some("reply"),
};
pub static CORRECTION_WAIT: ClockKind = ClockKind {
    code: "application.correction_wait",
    subject: APPLICATION,
    name_zh: "补正期限",
    name_en: "Correction period",
    answered_by: None,
};
pub static PAYMENT: ClockKind = ClockKind {
    code: "application.payment",
    subject: APPLICATION,
    name_zh: "缴费期限",
    name_en: "Payment period",
    answered_by: None,
};
/// A fee notice sent on paper: the payment period waits for its delivery, so staff are reminded to
/// record it (or the reply period would stay suspended with nothing running).
pub static FEE_NOTICE_DELIVERY: ClockKind = ClockKind {
    code: "application.fee_notice_delivery",
    subject: APPLICATION,
    name_zh: "收费通知送达登记期限",
    name_en: "Recording the fee notice's delivery",
    answered_by: None,
};
pub static CONSULTATION_ANSWER: ClockKind = ClockKind {
    code: "application.consultation",
    subject: CONSULTATION,
    name_zh: "征求意见期限",
    name_en: "Consultation period",
    answered_by: None,
};
pub static REFERRAL_ANSWER: ClockKind = ClockKind {
    code: "referral.answer",
    subject: CONSULTATION,
    name_zh: "保密审查答复期限",
    name_en: "Secrecy referral answer period",
    answered_by: None,
};

/// What this module registers with the core.
pub const MANIFEST: crate::modules::Manifest = crate::modules::Manifest {
    name: "applications",
    clock_kinds: &[
        &SIGN,
        &REPLY,
        &CORRECTION_WAIT,
        &PAYMENT,
        &FEE_NOTICE_DELIVERY,
        &CONSULTATION_ANSWER,
        &REFERRAL_ANSWER,
    ],
};

/// The table-3 wording of an outcome.
pub fn outcome_label(outcome: ReplyOutcome) -> &'static str {
    use ReplyOutcome::*;
    match outcome {
        Disclosed => "予以公开",
        PartiallyDisclosed => "部分公开",
        WithheldStateSecret => "不予公开：属于国家秘密",
        WithheldProhibitedByLaw => "不予公开：其他法律行政法规禁止公开",
        WithheldSecurityStability => "不予公开：危及“三安全一稳定”",
        WithheldThirdPartyRights => "不予公开：保护第三方合法权益",
        WithheldInternalAffairs => "不予公开：属于三类内部事务信息",
        WithheldProcessInformation => "不予公开：属于四类过程性信息",
        WithheldEnforcementFile => "不予公开：属于行政执法案卷",
        WithheldInquiryMatter => "不予公开：属于行政查询事项",
        UnavailableNotHeld => "无法提供：本机关不掌握相关政府信息",
        UnavailableNeedsCreation => "无法提供：没有现成信息需要另行制作",
        UnavailableStillUnclear => "无法提供：补正后申请内容仍不明确",
        NotProcessedPetition => "不予处理：信访举报投诉类申请",
        NotProcessedRepeated => "不予处理：重复申请",
        NotProcessedPublication => "不予处理：要求提供公开出版物",
        NotProcessedMassRepeated => "不予处理：无正当理由大量反复申请",
        NotProcessedConfirmation => "不予处理：要求行政机关确认或重新出具已获取信息",
        OtherNoCorrection => "其他处理：申请人无正当理由逾期不补正",
        OtherUnpaid => "其他处理：申请人逾期未按收费通知要求缴纳费用",
        OtherOther => "其他处理：其他",
    }
}

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
pub mod routes;
pub mod service;
pub mod stats;
pub mod views;

use entity::enums::ReplyOutcome;

/// The `subject_type` of an application's clocks, approvals, leads and notifications.
pub const SUBJECT: &str = "application";

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

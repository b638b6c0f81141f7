//! The fixed wording of each letter, composed in Rust so the Typst template stays a pure layout and every
//! caller string reaches it as data.
//!
//! The sentences follow the 2019 Regulations on the Disclosure of Government Information (《中华人民共和国
//! 政府信息公开条例》) and the State Council General Office's 2020 fee measures (国办函〔2020〕109号).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::{Letter, LetterKind};

const REGULATIONS: &str = "《中华人民共和国政府信息公开条例》";
const FEE_MEASURES: &str = "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）";

/// What the template receives as `/letter.json`: only strings, already in reading order.
#[derive(Debug, Serialize)]
pub(crate) struct Page {
    pub(crate) title: &'static str,
    pub(crate) document_number: String,
    pub(crate) salutation: String,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) legal_basis: Option<String>,
    pub(crate) issuer: String,
    pub(crate) date: String,
    pub(crate) contact: Option<String>,
}

impl LetterKind {
    /// The conventional title of the letter.
    pub fn title(self) -> &'static str {
        match self {
            LetterKind::Receipt => "政府信息公开申请登记回执",
            LetterKind::CorrectionNotice => "补正申请告知书",
            LetterKind::ExtensionNotice => "延长答复期限告知书",
            LetterKind::ThirdPartyConsultation => "征求第三方意见书",
            LetterKind::FeeNotice => "收取信息处理费通知书",
            LetterKind::Reply => "政府信息公开申请答复书",
            LetterKind::ThirdPartyDisclosureNotice => "决定公开告知书",
            LetterKind::EvaluationFeedback => "政务公开社会评议结果反馈函",
            LetterKind::EvaluationCirculation => "政务公开社会评议结果通报",
        }
    }
}

/// A date as written in Chinese official documents: full year, no leading zeros (GB/T 9704-2012 7.3.5.2).
pub fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

pub(crate) fn compose(letter: &Letter) -> Page {
    let mut paragraphs = fixed_paragraphs(letter);
    paragraphs.extend(letter.body.iter().filter(|p| !p.trim().is_empty()).cloned());
    if letter.kind == LetterKind::ThirdPartyDisclosureNotice {
        paragraphs.push(THIRD_PARTY_REMEDY.to_owned());
    }
    if letter.kind == LetterKind::Reply {
        // The remedies close the decision, so they follow the caller's decision text.
        paragraphs.push(remedy_sentence(letter.remedy).to_owned());
    }
    if letter.kind == LetterKind::EvaluationFeedback {
        paragraphs.push(EVALUATION_RECTIFY.to_owned());
    }
    if letter.kind == LetterKind::EvaluationCirculation {
        paragraphs.push(EVALUATION_CIRCULATION_CLOSE.to_owned());
    }

    let basis: Vec<&str> = letter.legal_basis.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    let legal_basis = (!basis.is_empty()).then(|| format!("法律依据：{}。", basis.join("；")));

    let contact = letter.contact.trim();
    Page {
        title: letter.kind.title(),
        document_number: letter.document_number.clone(),
        salutation: format!("{}：", letter.recipient),
        paragraphs,
        legal_basis,
        issuer: letter.issuer.clone(),
        date: chinese_date(letter.issued_on),
        contact: (!contact.is_empty()).then(|| format!("（{contact}）")),
    }
}

/// The opening sentence that identifies the application. It names the tracking code so the applicant
/// can quote it.
fn application_reference(letter: &Letter) -> String {
    let received = match letter.received_on {
        Some(date) => format!("本机关于{}收到", chinese_date(date)),
        None => "本机关已收到".to_owned(),
    };
    format!(
        "{received}你（单位）提交的政府信息公开申请（查询号：{}），申请获取的政府信息为：{}。",
        letter.tracking_code,
        summary(letter)
    )
}

fn summary(letter: &Letter) -> &str {
    letter.request_summary.trim().trim_end_matches(['。', '.'])
}

fn due(letter: &Letter) -> Option<String> {
    letter.due_on.map(chinese_date)
}

fn fixed_paragraphs(letter: &Letter) -> Vec<String> {
    match letter.kind {
        LetterKind::Receipt => receipt(letter),
        LetterKind::CorrectionNotice => correction_notice(letter),
        LetterKind::ExtensionNotice => extension_notice(letter),
        LetterKind::ThirdPartyConsultation => third_party_consultation(letter),
        LetterKind::FeeNotice => fee_notice(letter),
        LetterKind::Reply => reply(letter),
        LetterKind::ThirdPartyDisclosureNotice => third_party_disclosure_notice(letter),
        LetterKind::EvaluationFeedback => {
            vec![format!("{}组织开展了{}。现将你单位的评议结果书面反馈如下：", letter.issuer.trim(), summary(letter))]
        }
        LetterKind::EvaluationCirculation => vec![format!(
            "{}组织开展了{}，采取网上评议、纸质问卷和代表评议相结合的方式，对各单位政务公开工作进行了评议。现将评议结果通报如下：",
            letter.issuer.trim(),
            summary(letter)
        )],
    }
}

/// What closes the circulated notice.
const EVALUATION_CIRCULATION_CLOSE: &str =
    "各单位要对照评议结果和反馈意见，认真查摆问题，及时整改到位。评议结果作为年度政务公开工作考核的重要依据。";

/// What closes a feedback letter: reasonable opinions are to be rectified and the people told (EV 7).
const EVALUATION_RECTIFY: &str = "对评议中提出的合理意见和建议，请你单位认真研究，及时整改，\
并将整改情况通过网上公告、书面函告或者登门走访等方式反馈评议人；整改不到位的，将依照责任追究制度追究责任。";

fn receipt(letter: &Letter) -> Vec<String> {
    let mut first = application_reference(letter);
    first.push_str("现予登记。");
    if letter.received_on.is_some() {
        first.push_str(&format!("依照{REGULATIONS}第三十一条的规定，上述日期为本机关收到申请之日。"));
    }
    let deadline = match due(letter) {
        Some(date) => format!("本机关将自收到申请之日起20个工作日内，即于{date}前作出答复。"),
        None => "本机关将自收到申请之日起20个工作日内作出答复。".to_owned(),
    };
    vec![
        first,
        format!(
            "{deadline}确需延长答复期限的，本机关将书面告知，延长的期限最长不超过20个工作日。\
             征求第三方或者其他机关意见所需的时间不计算在答复期限内；需要你（单位）补正申请的，\
             答复期限自本机关收到补正的申请之日起计算。"
        ),
        format!("你（单位）可凭查询号{}查询办理进度。请妥善保存本回执。", letter.tracking_code),
    ]
}

fn correction_notice(letter: &Letter) -> Vec<String> {
    let deadline = match due(letter) {
        Some(date) => format!("请你（单位）于{date}前向本机关提交补正后的申请。"),
        None => "请你（单位）在收到本告知书后及时向本机关提交补正后的申请。".to_owned(),
    };
    vec![
        application_reference(letter),
        format!(
            "经审查，你（单位）的申请内容不够明确，本机关无法据此确定你（单位）所需的政府信息。\
             依照{REGULATIONS}第三十条的规定，现一次性告知你（单位）作出补正。{deadline}\
             答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，\
             本机关将不再处理该政府信息公开申请。"
        ),
        "需要补正的事项及要求如下：".to_owned(),
    ]
}

fn extension_notice(letter: &Letter) -> Vec<String> {
    let deadline = match due(letter) {
        Some(date) => format!("本机关将于{date}前作出答复。"),
        None => "本机关将在延长的期限内作出答复。".to_owned(),
    };
    let agreed =
        letter.agreed_by.as_deref().map(str::trim).filter(|a| !a.is_empty()).unwrap_or("政府信息公开工作机构负责人");
    vec![
        application_reference(letter),
        format!(
            "因存在正当理由，本机关不能在法定期限内作出答复。依照{REGULATIONS}第三十三条第二款的规定，\
             经本机关{agreed}同意，决定延长答复期限，延长的期限不超过20个工作日。{deadline}"
        ),
    ]
}

fn third_party_consultation(letter: &Letter) -> Vec<String> {
    let received = match letter.received_on {
        Some(date) => format!("本机关于{}收到", chinese_date(date)),
        None => "本机关已收到".to_owned(),
    };
    let deadline = match due(letter) {
        Some(date) => format!("请你（单位）自收到本意见书之日起15个工作日内，即于{date}前"),
        None => "请你（单位）自收到本意见书之日起15个工作日内".to_owned(),
    };
    vec![
        format!(
            "{received}一份政府信息公开申请（查询号：{}），申请公开的政府信息为：{}。",
            letter.tracking_code,
            summary(letter)
        ),
        format!(
            "经审查，公开上述政府信息可能损害你（单位）的合法权益。依照{REGULATIONS}第三十二条的规定，\
             现书面征求你（单位）的意见。{deadline}向本机关提出书面意见；不同意公开的，请说明理由。\
             逾期未提出意见的，由本机关依照{REGULATIONS}的规定决定是否公开。"
        ),
        "你（单位）不同意公开且有合理理由的，本机关不予公开。本机关认为不公开可能对公共利益造成重大影响的，\
         可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你（单位）。"
            .to_owned(),
    ]
}

fn fee_notice(letter: &Letter) -> Vec<String> {
    let amount = match letter.amount_yuan.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(amount) => format!("应缴纳信息处理费人民币{amount}元。"),
        None => "应缴纳的信息处理费按下列标准计算。".to_owned(),
    };
    let deadline = match due(letter) {
        // The notice went by email or to the tracking page: received the day it was sent.
        Some(date) => format!(
            "请你（单位）自收到本通知之日起20个工作日内缴纳费用。本通知以电子方式送达，发出当日即为收到之日，\
             缴费期限至{date}止"
        ),
        None => "请你（单位）自收到本通知之日起20个工作日内缴纳费用，期限自本通知送达之日的次日起计算".to_owned(),
    };
    vec![
        application_reference(letter),
        format!(
            "经审查，你（单位）申请公开政府信息的数量、频次明显超过合理范围。依照{REGULATIONS}第四十二条\
             和{FEE_MEASURES}的规定，本机关决定收取信息处理费，{amount}"
        ),
        format!(
            "{deadline}。逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。\
             自本机关发出本通知之日起至你（单位）缴纳费用之日止的期间，不计算在答复期限内。"
        ),
    ]
}

fn third_party_disclosure_notice(letter: &Letter) -> Vec<String> {
    vec![
        format!(
            "本机关就政府信息公开申请（查询号：{}）书面征求了你（单位）的意见，你（单位）不同意公开。\
             申请公开的政府信息为：{}。",
            letter.tracking_code,
            summary(letter)
        ),
        format!(
            "经审查，本机关认为不公开可能对公共利益造成重大影响。依照{REGULATIONS}第三十二条的规定，\
             本机关决定予以公开，现将决定公开的政府信息内容和理由书面告知你（单位）。"
        ),
    ]
}

/// The third party's remedies against a decision to disclose over its objection (Administrative
/// Reconsideration Law Art. 20; Administrative Litigation Law Art. 46): either route, its choice.
const THIRD_PARTY_REMEDY: &str = "你（单位）对本决定不服的，可以自收到本告知书之日起60日内依法申请行政复议，\
                                  或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。";

fn reply(letter: &Letter) -> Vec<String> {
    vec![application_reference(letter), "经审查，现答复如下：".to_owned()]
}

/// The remedy sentence a reply ends with.
pub fn remedy_sentence(remedy: crate::Remedy) -> &'static str {
    match remedy {
        crate::Remedy::ReviewOrLawsuit => {
            "如对本答复不服，可以自收到本答复书之日起60日内依法申请行政复议，\
             或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼。"
        }
        crate::Remedy::ReviewFirst => {
            "如对本答复不服，应当自收到本答复书之日起60日内先依法申请行政复议；\
             对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
        }
        crate::Remedy::ReviewFirstForTheWithheldPart => {
            "如对本答复中不予公开的部分不服，应当自收到本答复书之日起60日内先依法申请行政复议，\
             对行政复议决定不服的，可以依法向人民法院提起行政诉讼；\
             对本答复其他内容不服的，可以自收到本答复书之日起60日内依法申请行政复议，\
             或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼。"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(kind: LetterKind) -> Letter {
        Letter {
            kind,
            issuer: "永吉县口前镇人民政府".to_owned(),
            recipient: "张三".to_owned(),
            tracking_code: "YJ2026-000123".to_owned(),
            document_number: "口前政依申〔2026〕12号".to_owned(),
            issued_on: NaiveDate::from_ymd_opt(2026, 10, 29).unwrap(),
            received_on: None,
            request_summary: "招标文件。".to_owned(),
            due_on: None,
            body: vec!["调用方正文".to_owned(), "  ".to_owned()],
            legal_basis: vec!["第一条".to_owned(), "第二条".to_owned()],
            contact: String::new(),
            amount_yuan: None,
            agreed_by: None,
            remedy: crate::Remedy::default(),
        }
    }

    #[test]
    fn the_callers_body_follows_the_fixed_wording_and_a_reply_ends_with_the_remedies() {
        let page = compose(&letter(LetterKind::Reply));
        assert_eq!(page.paragraphs.len(), 4, "{:?}", page.paragraphs);
        assert!(page.paragraphs[0].contains("本机关已收到你（单位）提交的政府信息公开申请（查询号：YJ2026-000123）"));
        assert!(page.paragraphs[0].ends_with("申请获取的政府信息为：招标文件。"), "no doubled full stop");
        assert_eq!(page.paragraphs[2], "调用方正文");
        assert!(page.paragraphs[3].contains("60日内") && page.paragraphs[3].contains("6个月内"));
    }

    #[test]
    fn optional_parts_are_left_out_rather_than_printed_empty() {
        let page = compose(&letter(LetterKind::FeeNotice));
        assert_eq!(page.contact, None);
        assert_eq!(page.legal_basis.as_deref(), Some("法律依据：第一条；第二条。"));
        assert!(page.paragraphs.iter().all(|p| !p.contains("None") && !p.contains("元元")));
        assert!(page.paragraphs.iter().all(|p| !p.trim().is_empty()));
    }

    #[test]
    fn the_fee_notice_states_the_rule_its_payment_clock_uses() {
        let tail = "逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。\
                    自本机关发出本通知之日起至你（单位）缴纳费用之日止的期间，不计算在答复期限内。";
        let paper = compose(&letter(LetterKind::FeeNotice));
        assert_eq!(
            paper.paragraphs[2],
            format!("请你（单位）自收到本通知之日起20个工作日内缴纳费用，期限自本通知送达之日的次日起计算。{tail}")
        );
        let electronic =
            compose(&Letter { due_on: NaiveDate::from_ymd_opt(2026, 12, 1), ..letter(LetterKind::FeeNotice) });
        assert_eq!(
            electronic.paragraphs[2],
            format!(
                "请你（单位）自收到本通知之日起20个工作日内缴纳费用。本通知以电子方式送达，发出当日即为收到之日，\
                 缴费期限至2026年12月1日止。{tail}"
            )
        );
    }

    #[test]
    fn the_extension_notice_names_who_agreed() {
        let notice = Letter {
            agreed_by: Some("政府信息公开工作机构负责人李明".to_owned()),
            due_on: NaiveDate::from_ymd_opt(2026, 11, 26),
            ..letter(LetterKind::ExtensionNotice)
        };
        assert_eq!(
            compose(&notice).paragraphs[1],
            "因存在正当理由，本机关不能在法定期限内作出答复。依照《中华人民共和国政府信息公开条例》第三十三条第二款的规定，\
             经本机关政府信息公开工作机构负责人李明同意，决定延长答复期限，延长的期限不超过20个工作日。\
             本机关将于2026年11月26日前作出答复。"
        );
    }

    #[test]
    fn every_kind_has_its_conventional_title() {
        let titles: Vec<&str> = LetterKind::ALL.iter().map(|kind| kind.title()).collect();
        assert_eq!(
            titles,
            [
                "政府信息公开申请登记回执",
                "补正申请告知书",
                "延长答复期限告知书",
                "征求第三方意见书",
                "收取信息处理费通知书",
                "政府信息公开申请答复书",
                "决定公开告知书",
                "政务公开社会评议结果反馈函",
                "政务公开社会评议结果通报"
            ]
        );
    }
}

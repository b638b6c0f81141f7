//! Tenancy: what a unit, a county and a person can reach.
//!
//! The matrix is built from the committed OpenAPI spec: every operation with an id in its path is
//! either called here, with a real row the caller may not reach and with a missing id (the two must
//! answer alike, status and body), or excluded with a reason. A route added to the API without a
//! line in `MATRIX` or `EXCLUDED` fails `every_operation_with_an_id_in_its_path_is_in_the_matrix`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

use gongkai_api::clocks::reminders;
use gongkai_tests::{Session, TestApp, beijing, json, spawn_app};
use reqwest::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

/// How the matrix makes an operation's body.
#[derive(Clone, Copy, Debug)]
enum Payload {
    None,
    /// JSON; `$name` stands for a value of the test's fixtures (`Vars`).
    Json(&'static str),
    /// A small PNG, sent as `application/octet-stream`.
    Png,
}

use Payload::{Json as J, None as NoBody, Png};

const REGISTER: &str = r#"{"applicant": {"kind": "natural_person", "name": "张三", "id_type": "resident_id",
    "id_number": "11010519491231002X", "phone": "13812341234", "address": "吉林省永吉县口前镇"},
    "description": "请公开本单位2026年度部门预算及说明。", "delivery_form": "paper", "channel": "in_person",
    "received_on": "2026-10-12"}"#;

const SERIOUS: &str = r#"{"severity": "serious", "measures": [{"measure": "order_to_correct"},
    {"measure": "circulated_criticism"}, {"measure": "disciplinary_sanction", "sanction": "demerit"}],
    "circulate_to": ["$unit_c"]}"#;

/// How to call each operation with an id in its path, keyed "METHOD path" as in the spec: the query
/// string (a value for every required query parameter) and a valid body, so that a refusal can only
/// come from whose row it is. The ids come from the fixtures of the path's `Family`.
const MATRIX: &[(&str, &str, Payload)] = &[
    ("GET /api/v1/units/{unit_id}", "", NoBody),
    ("PATCH /api/v1/units/{unit_id}", "", J(r#"{"short_name": "改名"}"#)),
    ("GET /api/v1/units/{unit_id}/applications", "", NoBody),
    ("POST /api/v1/units/{unit_id}/applications", "", J(REGISTER)),
    ("GET /api/v1/units/{unit_id}/applications/{application_id}", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/attachments",
        "purpose=identity_proof&file_name=id.png",
        Png,
    ),
    ("GET /api/v1/units/{unit_id}/applications/{application_id}/attachments/{attachment_id}", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/consultations",
        "",
        J(
            r#"{"party": "third_party", "party_name": "吉林某某建筑有限公司", "question": "拟公开贵公司投标报价，是否同意？"}"#,
        ),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/consultations/{consultation_id}/answer",
        "",
        J(r#"{"answer": "同意公开。", "answered_on": "2026-10-12"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/correction",
        "",
        J(r#"{"description": "补正后的申请内容", "received_on": "2026-10-12"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/correction-notice",
        "",
        J(r#"{"items": "请写明所需信息的年份"}"#),
    ),
    ("POST /api/v1/units/{unit_id}/applications/{application_id}/delivery", "", J(r#"{"note": "邮寄送达"}"#)),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/extension",
        "",
        J(r#"{"days": 5, "reason": "需要协调"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/fee-notice",
        "",
        J(r#"{"method": "per_page", "quantity": 40}"#),
    ),
    ("GET /api/v1/units/{unit_id}/applications/{application_id}/fee-quote", "method=per_page&quantity=40", NoBody),
    ("GET /api/v1/units/{unit_id}/applications/{application_id}/letters/{event_id}", "", NoBody),
    ("POST /api/v1/units/{unit_id}/applications/{application_id}/payment", "", J(r#"{"paid_on": "2026-10-12"}"#)),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/fee-notice-receipt",
        "",
        J(r#"{"received_on": "2026-10-12"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/correction-answer",
        "",
        J(r#"{"outcome": "corrected", "text": "已更正记录内容。"}"#),
    ),
    ("PUT /api/v1/units/{unit_id}/applications/{application_id}/topic", "", J(r#"{"topic": "部门预算"}"#)),
    ("GET /api/v1/units/{unit_id}/publication-suggestions", "", NoBody),
    ("GET /api/v1/units/{unit_id}/items", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/items",
        "",
        J(
            r#"{"draft": {"title": "口前镇2026年农村低保资金发放情况", "summary": "低保资金发放", "body": "本镇2026年第三季度发放农村低保资金。", "category": "social_policies", "formed_on": "2026-10-12", "attribute": "proactive"}}"#,
        ),
    ),
    ("GET /api/v1/units/{unit_id}/items/{item_id}", "", NoBody),
    (
        "PUT /api/v1/units/{unit_id}/items/{item_id}",
        "",
        J(
            r#"{"revision": 1, "draft": {"title": "口前镇2026年农村低保资金发放情况", "summary": "低保资金发放", "body": "本镇2026年第三季度发放农村低保资金。", "category": "social_policies", "formed_on": "2026-10-12", "attribute": "proactive"}}"#,
        ),
    ),
    ("POST /api/v1/units/{unit_id}/items/{item_id}/submit", "", J(r#"{"revision": 1}"#)),
    (
        "POST /api/v1/units/{unit_id}/items/{item_id}/mask",
        "",
        J(r#"{"revision": 1, "field": "body", "kind": "mobile", "start": 0, "end": 11}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/items/{item_id}/review",
        "",
        J(
            r#"{"revision": 1, "passed": false, "checklist": {"no_state_secret": true, "no_security_risk": true, "sensitive_domains_cleared": true, "third_party": "none", "remaining_hits_lawful": true, "attribute_confirmed": true}, "findings": "退回修改"}"#,
        ),
    ),
    (
        "POST /api/v1/units/{unit_id}/items/{item_id}/consultations",
        "",
        J(
            r#"{"party": "right_holder", "party_name": "吉林某某农业有限公司", "question": "拟公开贵公司补贴金额，是否同意？"}"#,
        ),
    ),
    (
        "POST /api/v1/units/{unit_id}/items/{item_id}/consultations/{item_consultation_id}/answer",
        "",
        J(r#"{"opinion": "may_disclose", "answer": "同意公开。", "answered_on": "2026-10-12"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/items/{item_id}/approval",
        "",
        J(r#"{"revision": 1, "approved": false, "note": "退回"}"#),
    ),
    ("POST /api/v1/units/{unit_id}/items/{item_id}/publish", "", J(r#"{"revision": 1}"#)),
    ("POST /api/v1/units/{unit_id}/items/{item_id}/withdraw", "", J(r#"{"reason": "内容有误"}"#)),
    ("GET /api/v1/units/{unit_id}/items/{item_id}/attachments/{item_attachment_id}", "", NoBody),
    ("DELETE /api/v1/units/{unit_id}/items/{item_id}/attachments/{item_attachment_id}", "revision=1", NoBody),
    ("POST /api/v1/units/{unit_id}/items/{item_id}/attachments", "file_name=photo.png&revision=1", Png),
    (
        "POST /api/v1/units/{unit_id}/items/{item_id}/repeal",
        "",
        J(r#"{"repealed_on": "2026-10-12", "note": "口政发〔2026〕9号"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/items/{item_id}/reevaluations",
        "",
        J(r#"{"outcome": "keep", "note": "维持不予公开"}"#),
    ),
    ("GET /api/v1/units/{unit_id}/leaks", "", NoBody),
    ("GET /api/v1/units/{unit_id}/catalogue-freshness", "", NoBody),
    (
        "PUT /api/v1/units/{unit_id}/guide",
        "",
        J(
            r#"{"office_name": "党政综合办公室", "address": "永吉县某镇1号", "postal_code": "132200", "office_hours": "工作日 8:30—17:00", "phone": "0432-64201234"}"#,
        ),
    ),
    ("GET /api/v1/units/{unit_id}/inspection-findings", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/inspection-findings/{inspection_finding_id}/remedied",
        "",
        J(r#"{"note": "已遮盖"}"#),
    ),
    (
        "POST /api/v1/secrecy/findings/{inspection_finding_id}/order",
        "",
        J(r#"{"remedy": "mask", "working_days": 5, "note": "遮盖手机号码"}"#),
    ),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}", "", NoBody),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}/results", "", NoBody),
    (
        "POST /api/v1/evaluation/campaigns/{campaign_id}/questions",
        "",
        J(r#"{"dimension": "hot_issue", "text": "您对该单位公开低保资金发放情况是否满意？"}"#),
    ),
    (
        "PUT /api/v1/evaluation/campaigns/{campaign_id}/questions/{evaluation_question_id}",
        "",
        J(r#"{"text": "该单位公开的政府信息是否全面、及时、准确？"}"#),
    ),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}/opinions", "", NoBody),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}/export", "", NoBody),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}/invitations", "", NoBody),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}/rectifications", "", NoBody),
    ("POST /api/v1/evaluation/campaigns/{campaign_id}/open", "", NoBody),
    (
        "POST /api/v1/evaluation/campaigns/{campaign_id}/paper-responses",
        "",
        J(
            r#"{"unit_id": "$unit_c", "handed_out_at": "万昌镇政务服务中心", "handed_out_on": "2026-10-12", "sheet": "001", "answers": []}"#,
        ),
    ),
    (
        "POST /api/v1/evaluation/campaigns/{campaign_id}/invitations",
        "",
        J(r#"{"name": "王代表", "category": "deputy", "email": "wang@example.cn", "unit_ids": ["$unit_c"]}"#),
    ),
    (
        "POST /api/v1/evaluation/campaigns/{campaign_id}/rectifications",
        "",
        J(
            r#"{"unit_id": "$unit_c", "opinion": "希望及时公开财务明细。", "requirement": "按月公开财务明细。", "working_days": 10}"#,
        ),
    ),
    (
        "POST /api/v1/evaluation/rectifications/{rectification_id}/review",
        "",
        J(r#"{"accepted": true, "note": "同意验收"}"#),
    ),
    ("POST /api/v1/evaluation/campaigns/{campaign_id}/close", "", NoBody),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}/circular", "", NoBody),
    ("GET /api/v1/units/{unit_id}/rectifications", "", NoBody),
    ("GET /api/v1/units/{unit_id}/evaluation-feedback", "year=2025", NoBody),
    ("GET /api/v1/evaluation/campaigns/{campaign_id}/feedback-letters/{unit_id}", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/rectifications/{rectification_id}/report",
        "",
        J(
            r#"{"report": "已按月公开各村财务收支明细。", "feedback_method": "online_notice", "feedback_note": "镇政府网站公告"}"#,
        ),
    ),
    (
        "POST /api/v1/complaints/{complaint_id}/answer",
        "",
        J(r#"{"finding": "not_upheld", "answer": "经调查，该单位已按期答复，投诉不成立。"}"#),
    ),
    ("POST /api/v1/secrecy/findings/{inspection_finding_id}/dismiss", "", J(r#"{"note": "办公电话，可以公开"}"#)),
    (
        "POST /api/v1/units/{unit_id}/leaks",
        "",
        J(
            r#"{"what": "名单中的住址未遮盖", "where_found": "政府网站", "found_on": "2026-10-12", "remedy": "已撤下", "told": "县保密局"}"#,
        ),
    ),
    (
        "POST /api/v1/referrals/items/{item_referral_id}/answer",
        "",
        J(r#"{"opinion": "may_disclose", "answer": "经审查，可以公开。"}"#),
    ),
    (
        "PUT /api/v1/catalogue-headings/{heading_id}",
        "",
        J(r#"{"name": "农村低保", "category": "social_policies", "publish_within_days": 10}"#),
    ),
    ("DELETE /api/v1/sensitive-words/{word_id}", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/publication-suggestions/{suggestion_id}/decision",
        "",
        J(r#"{"accept": true, "note": "同意主动公开。"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/proceedings",
        "",
        J(r#"{"kind": "administrative_review", "filed_on": "2026-10-12", "result": "pending"}"#),
    ),
    (
        "PATCH /api/v1/units/{unit_id}/applications/{application_id}/proceedings/{proceeding_id}",
        "",
        J(r#"{"result": "maintained", "decided_on": "2026-10-12"}"#),
    ),
    ("POST /api/v1/units/{unit_id}/applications/{application_id}/reply-decision", "", J(r#"{"approve": true}"#)),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/reasons-request",
        "",
        J(r#"{"question": "请说明申请的用途和理由。"}"#),
    ),
    ("POST /api/v1/units/{unit_id}/applications/{application_id}/reasons", "", J(r#"{"reasons": "编写村志。"}"#)),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/deferral",
        "",
        J(r#"{"until": "2026-12-31", "reason": "档案数量较大。"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/secrecy-review",
        "",
        J(r#"{"cleared": true, "note": "已审查"}"#),
    ),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/reply-draft",
        "",
        J(r#"{"outcome": "disclosed", "text": "予以公开全部信息。"}"#),
    ),
    ("POST /api/v1/units/{unit_id}/applications/{application_id}/sign", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/applications/{application_id}/transfer",
        "",
        J(r#"{"to_unit_id": "$unit_c", "reason": "不属本单位职责"}"#),
    ),
    ("GET /api/v1/units/{unit_id}/approvals", "", NoBody),
    ("GET /api/v1/units/{unit_id}/cases", "", NoBody),
    ("GET /api/v1/units/{unit_id}/circulated-criticisms", "", NoBody),
    ("GET /api/v1/units/{unit_id}/clocks", "", NoBody),
    ("GET /api/v1/units/{unit_id}/clocks/{clock_id}", "", NoBody),
    (
        "POST /api/v1/units/{unit_id}/handlers",
        "",
        J(r#"{"username": "probe.user", "display_name": "探测", "password": "Probe2026abc"}"#),
    ),
    ("GET /api/v1/units/{unit_id}/members", "", NoBody),
    ("GET /api/v1/units/{unit_id}/duties", "", NoBody),
    ("PUT /api/v1/units/{unit_id}/duties", "", J(r#"{"duty": "secrecy_reviewer", "user_ids": []}"#)),
    ("POST /api/v1/units/{unit_id}/members", "", J(r#"{"user_id": "$user", "role": "handler"}"#)),
    ("DELETE /api/v1/units/{unit_id}/members/{assignment_id}", "", NoBody),
    ("GET /api/v1/units/{unit_id}/statistics/applications", "year=2026", NoBody),
    ("GET /api/v1/units/{unit_id}/statistics/items", "year=2026", NoBody),
    ("GET /api/v1/units/{unit_id}/supervision-notices", "", NoBody),
    ("GET /api/v1/units/{unit_id}/assessment", "year=2026", NoBody),
    (
        "POST /api/v1/units/{unit_id}/assessment/findings",
        "",
        J(
            r#"{"year": 2026, "indicator_code": "org.rules", "description": "未公开本单位政务公开制度。", "deduction": 100}"#,
        ),
    ),
    (
        "PUT /api/v1/units/{unit_id}/assessment/self-check",
        "",
        J(r#"{"year": 2026, "report": "本单位建立了政务公开工作制度，按时答复依申请公开。", "self_scores": []}"#),
    ),
    ("POST /api/v1/units/{unit_id}/assessment/self-check/evidence", "year=2026&file_name=evidence.png", Png),
    ("GET /api/v1/units/{unit_id}/assessment/evidence/{assessment_evidence_id}", "", NoBody),
    ("POST /api/v1/units/{unit_id}/assessment/self-check/submit", "", J(r#"{"year": 2026}"#)),
    (
        "PUT /api/v1/units/{unit_id}/assessment/scores",
        "",
        J(
            r#"{"year": 2026, "indicator_code": "org.rules", "score": 400, "method": "document_review", "note": "查阅制度文本"}"#,
        ),
    ),
    ("POST /api/v1/units/{unit_id}/assessment/proposal", "", J(r#"{"year": 2026}"#)),
    ("POST /api/v1/units/{unit_id}/assessment/confirmation", "", J(r#"{"year": 2026}"#)),
    ("GET /api/v1/assessment/schemes/{scheme_id}", "", NoBody),
    ("PUT /api/v1/assessment/schemes/{scheme_id}", "", J(SCHEME_CHANGE)),
    ("POST /api/v1/assessment/schemes/{scheme_id}/start", "", NoBody),
    ("GET /api/v1/assessment/schemes/{scheme_id}/sheet", "", NoBody),
    ("GET /api/v1/assessment/schemes/{scheme_id}/ranking", "", NoBody),
    ("GET /api/v1/assessment/schemes/{scheme_id}/export", "", NoBody),
    ("POST /api/v1/assessment/schemes/{scheme_id}/publish", "", NoBody),
    ("POST /api/v1/units/{unit_id}/supervision-notices", "", J(r#"{"message": "请按时答复"}"#)),
    ("GET /api/v1/cases/{case_id}", "", NoBody),
    (
        "PUT /api/v1/cases/{case_id}/allocation",
        "",
        J(r#"{"shares": [{"party_id": "$party", "share": "main"}], "reason": "按审批记录调整"}"#),
    ),
    ("POST /api/v1/cases/{case_id}/approval", "", J(r#"{"approved": true}"#)),
    (
        "PUT /api/v1/cases/{case_id}/circumstances",
        "",
        J(r#"{"items": [{"factor": "cooperated", "note": "主动配合调查"}]}"#),
    ),
    ("POST /api/v1/cases/{case_id}/decision", "", J(r#"{"reasons": "逾期答复，事实清楚。"}"#)),
    (
        "POST /api/v1/cases/{case_id}/parties/{party_id}/sanction",
        "",
        J(r#"{"imposed": true, "decided_on": "2026-10-12"}"#),
    ),
    ("POST /api/v1/cases/{case_id}/closure", "", J(r#"{"closure": "no_violation", "reasons": "经核查未发现违规。"}"#)),
    (
        "POST /api/v1/cases/{case_id}/evidence",
        "",
        J(r#"{"title": "答复书", "file_name": "回复.txt", "content_base64": "5Zue5aSN"}"#),
    ),
    ("GET /api/v1/cases/{case_id}/evidence/{evidence_id}", "", NoBody),
    ("POST /api/v1/cases/{case_id}/filings", "", J(r#"{"kind": "review", "grounds": "处分过重。"}"#)),
    ("POST /api/v1/cases/{case_id}/filings/{filing_id}/complex", "", J(r#"{"reason": "案情复杂"}"#)),
    (
        "POST /api/v1/cases/{case_id}/filings/{filing_id}/decision",
        "",
        J(r#"{"outcome": "upheld", "reason": "事实清楚。"}"#),
    ),
    ("POST /api/v1/cases/{case_id}/hearing", "", J(r#"{"deadline": "2026-10-16"}"#)),
    ("PUT /api/v1/cases/{case_id}/measures", "", J(SERIOUS)),
    ("POST /api/v1/cases/{case_id}/statements", "", J(r#"{"party_id": "$party", "statement": "已整改，请从轻。"}"#)),
    ("POST /api/v1/violation-leads/{lead_id}/dismiss", "", J(r#"{"reason": "申请人书面同意延后答复"}"#)),
    ("POST /api/v1/referrals/{consultation_id}/answer", "", J(r#"{"answer": "经审查，不涉及国家秘密。"}"#)),
    ("POST /api/v1/notifications/{notification_id}/read", "", NoBody),
    ("POST /api/v1/outbox/{email_id}/retry", "", NoBody),
    ("GET /api/v1/users/{user_id}", "", NoBody),
    ("PATCH /api/v1/users/{user_id}", "", J(r#"{"display_name": "改名"}"#)),
    ("POST /api/v1/users/{user_id}/password", "", J(r#"{"new_password": "Probe2026abcd"}"#)),
];

const SCHEME_CHANGE: &str = r#"{"title": "2026年度政务公开考核方案", "self_check_due": "2026-11-30",
    "indicators": [{"code": "all", "group": "work", "name": "政务公开工作", "points": 10000, "rule": {"kind": "manual"}}],
    "grades": [{"grade": "pass", "min_percent": 6000}, {"grade": "fail", "min_percent": 0}], "version": 1}"#;

const BY_SECRET: &str = "public: authorized by the tracking code and its secret (X-Tracking-Secret), not by a unit; \
    applications.rs checks a wrong secret";
const YEAR: &str = "{year} is a year, not anyone's row: the county written is the caller's own, or the one named \
    by county_id in the body (another county answers like a missing one, checked below)";

/// Operations with an id in their path that the matrix does not call, and why.
const EXCLUDED: &[(&str, &str)] = &[
    ("GET /api/v1/public/applications/{tracking_code}", BY_SECRET),
    ("POST /api/v1/public/applications/{tracking_code}/attachments", BY_SECRET),
    ("GET /api/v1/public/complaints/{complaint_code}", BY_SECRET),
    (
        "POST /api/v1/public/evaluations/{campaign_id}/responses",
        "public: anyone answers an open campaign for a unit it evaluates; a unit it does not answers at unit_id (evaluation.rs)",
    ),
    ("GET /api/v1/public/units/{unit_id}/guide", "public: every unit's guide is published information (disclosure.rs)"),
    ("POST /api/v1/public/applications/{tracking_code}/correction", BY_SECRET),
    ("POST /api/v1/public/applications/{tracking_code}/reasons", BY_SECRET),
    ("POST /api/v1/public/applications/{tracking_code}/publication-suggestion", BY_SECRET),
    ("GET /api/v1/public/applications/{tracking_code}/letters/{event_id}", BY_SECRET),
    (
        "GET /api/v1/public/catalogue/{item_id}/attachments/{item_attachment_id}",
        "public: files of published items only; any other answers like a missing one (disclosure.rs)",
    ),
    (
        "GET /api/v1/public/catalogue/{item_id}",
        "public: the published catalogue; an item never published answers like a missing one (disclosure.rs)",
    ),
    ("GET /api/v1/calendar/years/{year}", "public: the working-day calendar is published; {year} is not a row"),
    ("PUT /api/v1/calendar/years/{year}", YEAR),
    ("POST /api/v1/calendar/years/{year}/import", YEAR),
];

/// Whose rows the ids under a path are, which decides the fixtures and the strangers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Unit,
    Case,
    Lead,
    Referral,
    Notification,
    Outbox,
    User,
    Heading,
    Word,
    Finding,
    Complaint,
    Campaign,
    Scheme,
}

impl Family {
    fn of(path: &str) -> Option<Self> {
        Some(match path.strip_prefix("/api/v1/")?.split('/').next()? {
            "units" => Self::Unit,
            "cases" => Self::Case,
            "violation-leads" => Self::Lead,
            "referrals" => Self::Referral,
            "notifications" => Self::Notification,
            "outbox" => Self::Outbox,
            "users" => Self::User,
            "catalogue-headings" => Self::Heading,
            "sensitive-words" => Self::Word,
            "secrecy" => Self::Finding,
            "complaints" => Self::Complaint,
            "evaluation" => Self::Campaign,
            "assessment" => Self::Scheme,
            _ => return None,
        })
    }

    /// The path parameters its fixtures have a real row for.
    fn ids(self) -> &'static [&'static str] {
        match self {
            Self::Unit => &[
                "unit_id",
                "application_id",
                "attachment_id",
                "consultation_id",
                "proceeding_id",
                "event_id",
                "clock_id",
                "assignment_id",
                "suggestion_id",
                "item_id",
                "item_consultation_id",
                "item_attachment_id",
                "inspection_finding_id",
                "rectification_id",
                "assessment_evidence_id",
            ],
            Self::Case => &["case_id", "evidence_id", "filing_id", "party_id"],
            Self::Lead => &["lead_id"],
            Self::Referral => &["consultation_id", "item_referral_id"],
            Self::Notification => &["notification_id"],
            Self::Outbox => &["email_id"],
            Self::User => &["user_id"],
            Self::Heading => &["heading_id"],
            Self::Word => &["word_id"],
            Self::Finding => &["inspection_finding_id"],
            Self::Complaint => &["complaint_id"],
            Self::Campaign => &["campaign_id", "evaluation_question_id", "rectification_id", "unit_id"],
            Self::Scheme => &["scheme_id"],
        }
    }
}

fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/openapi.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("api/openapi.json is JSON")
}

/// Every operation of the spec with a parameter in its path, as ("METHOD path", operation).
fn operations_with_ids(spec: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        if !path.contains('{') {
            continue;
        }
        for (method, op) in item.as_object().expect("path item") {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                out.push((format!("{} {path}", method.to_uppercase()), op.clone()));
            }
        }
    }
    out
}

fn path_params(path: &str) -> Vec<String> {
    path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).map(String::from).collect()
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        Some(name) => &spec["components"]["schemas"][name],
        None => schema,
    }
}

/// What is wrong with the matrix's line for an operation, against the spec.
fn faults_of(spec: &Value, key: &str, op: &Value, query: &str, payload: Payload) -> Vec<String> {
    let mut faults = Vec::new();
    let path = key.split_once(' ').map_or(key, |(_, p)| p);
    let Some(family) = Family::of(path) else {
        return vec![format!("{key}: no fixtures own the ids under this path: add a Family for it")];
    };
    for p in path_params(path) {
        if !family.ids().contains(&p.as_str()) {
            faults.push(format!("{key}: no fill-in for {{{p}}}: give {family:?} a real row for it"));
        }
    }
    let given: Vec<&str> = query.split('&').filter_map(|kv| kv.split('=').next()).filter(|k| !k.is_empty()).collect();
    for param in op["parameters"].as_array().into_iter().flatten() {
        let name = param["name"].as_str().unwrap_or_default();
        if param["in"] == "query" && param["required"] == true && !given.contains(&name) {
            faults.push(format!("{key}: no value for the required query parameter `{name}`"));
        }
    }
    let content = op["requestBody"]["content"].as_object();
    match (content, payload) {
        (None, NoBody) => {}
        (None, _) => faults.push(format!("{key}: sends a body the operation does not take")),
        (Some(c), NoBody) => faults.push(format!("{key}: needs a body ({:?})", c.keys().collect::<Vec<_>>())),
        (Some(c), Png) if !c.contains_key("application/octet-stream") => {
            faults.push(format!("{key}: sends bytes, the operation takes {:?}", c.keys().collect::<Vec<_>>()));
        }
        (Some(_), Png) => {}
        (Some(c), J(text)) => match (c.get("application/json"), serde_json::from_str::<Value>(text)) {
            (None, _) => {
                faults.push(format!("{key}: sends JSON, the operation takes {:?}", c.keys().collect::<Vec<_>>()))
            }
            (_, Err(e)) => faults.push(format!("{key}: the body is not JSON: {e}")),
            (Some(media), Ok(body)) => {
                let schema = resolve(spec, &media["schema"]);
                let fields: BTreeSet<&str> =
                    body.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
                for required in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !fields.contains(required) {
                        faults.push(format!("{key}: the body lacks the required `{required}`"));
                    }
                }
                if let Some(known) = schema["properties"].as_object() {
                    for field in fields.iter().filter(|f| !known.contains_key(**f)) {
                        faults.push(format!("{key}: the body has `{field}`, which the operation does not know"));
                    }
                }
            }
        },
    }
    faults
}

#[test]
fn every_operation_with_an_id_in_its_path_is_in_the_matrix_or_excluded_with_a_reason() {
    let spec = spec();
    let ops = operations_with_ids(&spec);
    let mut faults = Vec::new();
    for (key, op) in &ops {
        let called = MATRIX.iter().filter(|(k, ..)| k == key).collect::<Vec<_>>();
        let excluded = EXCLUDED.iter().filter(|(k, _)| k == key).count();
        match (called.as_slice(), excluded) {
            ([], 0) => faults.push(format!(
                "{key}: not in the tenancy matrix: add to MATRIX how to call it (or, with the reason, to EXCLUDED)"
            )),
            ([(_, query, payload)], 0) => {
                if op["x-permission"] == "public" {
                    faults.push(format!("{key}: public, so authorized by no unit: move it to EXCLUDED"));
                }
                faults.extend(faults_of(&spec, key, op, query, *payload));
            }
            ([], 1) => {}
            _ => faults.push(format!("{key}: listed more than once in MATRIX and EXCLUDED")),
        }
    }
    let in_spec: BTreeSet<&str> = ops.iter().map(|(k, _)| k.as_str()).collect();
    for key in MATRIX.iter().map(|(k, ..)| *k).chain(EXCLUDED.iter().map(|(k, _)| *k)) {
        if !in_spec.contains(key) {
            faults.push(format!("{key}: in the tenancy matrix but not in api/openapi.json"));
        }
    }
    for (key, reason) in EXCLUDED {
        if reason.trim().is_empty() {
            faults.push(format!("{key}: excluded without a reason"));
        }
    }
    assert!(faults.is_empty(), "api/openapi.json and the tenancy matrix disagree:\n{}", faults.join("\n"));
}

/// One operation of the matrix, ready to call.
#[derive(Debug, Clone)]
struct Op {
    key: String,
    method: Method,
    path: String,
    params: Vec<String>,
    query: &'static str,
    payload: Payload,
}

/// The operations of `family` that the matrix calls, in the spec's order.
fn matrix_ops(family: Family) -> Vec<Op> {
    let ops: Vec<Op> = operations_with_ids(&spec())
        .into_iter()
        .filter_map(|(key, _)| {
            let (_, query, payload) = MATRIX.iter().find(|(k, ..)| *k == key)?;
            let (method, path) = key.split_once(' ')?;
            (Family::of(path) == Some(family)).then(|| Op {
                method: Method::from_bytes(method.as_bytes()).unwrap(),
                path: path.to_string(),
                params: path_params(path),
                query,
                payload: *payload,
                key: key.clone(),
            })
        })
        .collect();
    assert!(!ops.is_empty(), "api/openapi.json has no {family:?} operation in the matrix");
    ops
}

/// The id to put in for each path parameter.
#[derive(Clone, Debug, Default)]
struct Ids(BTreeMap<&'static str, Uuid>);

impl Ids {
    fn with(mut self, param: &'static str, id: Uuid) -> Self {
        self.0.insert(param, id);
        self
    }

    /// Ids that name no row, for every parameter of `family`.
    fn missing(family: Family) -> Self {
        Self(family.ids().iter().map(|p| (*p, Uuid::now_v7())).collect())
    }

    fn get(&self, param: &str) -> Uuid {
        *self.0.get(param).unwrap_or_else(|| panic!("no id for {{{param}}} in {self:?}"))
    }
}

/// Values for the `$name`s of the bodies.
type Vars = HashMap<&'static str, String>;

async fn vars(app: &TestApp) -> Vars {
    HashMap::from([
        ("unit_c", app.unit_id("wanchang").await.to_string()),
        ("user", app.user_id("xiyang.handler").await.to_string()),
    ])
}

fn body_of(key: &str, text: &str, vars: &Vars) -> Value {
    let mut text = text.to_string();
    for (name, value) in vars {
        text = text.replace(&format!("${name}"), value);
    }
    assert!(!text.contains('$'), "{key}: a `$name` of the body has no value: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The matrix's body for an operation, which the fixtures use too (so the bodies are known to work).
fn matrix_body(key: &str, vars: &Vars) -> Value {
    match MATRIX.iter().find(|(k, ..)| *k == key) {
        Some((_, _, J(text))) => body_of(key, text, vars),
        _ => panic!("{key}: no JSON body in the matrix"),
    }
}

fn png() -> Vec<u8> {
    [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], &[7u8; 64][..]].concat()
}

/// A status and body, compared byte for byte.
#[derive(PartialEq, Eq)]
struct Answer {
    status: StatusCode,
    body: String,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body: String = self.body.chars().take(300).collect();
        write!(f, "{} {body}", self.status)
    }
}

async fn call(app: &TestApp, s: &Session, op: &Op, ids: &Ids, vars: &Vars) -> Answer {
    let mut path = op.path.clone();
    for p in &op.params {
        let id = *ids.0.get(p.as_str()).unwrap_or_else(|| panic!("{}: no fill-in for {{{p}}}", op.key));
        path = path.replace(&format!("{{{p}}}"), &id.to_string());
    }
    if !op.query.is_empty() {
        path = format!("{path}?{}", op.query);
    }
    let mut req = app.client.request(op.method.clone(), app.url(&path)).bearer_auth(&s.token);
    req = match op.payload {
        NoBody => req,
        J(text) => req.json(&body_of(&op.key, text, vars)),
        Png => req.header(reqwest::header::CONTENT_TYPE, "application/octet-stream").body(png()),
    };
    let resp = req.send().await.unwrap();
    let status = resp.status();
    Answer { status, body: String::from_utf8_lossy(&resp.bytes().await.unwrap()).into_owned() }
}

/// A row the caller may not reach answers exactly like a missing one, and that answer is a refusal.
fn alike(what: &str, foreign: &Answer, missing: &Answer, allowed: &[StatusCode]) {
    assert!(allowed.contains(&foreign.status), "{what}: answers {foreign:?}, not one of {allowed:?}");
    assert_eq!(foreign, missing, "{what}: a real row answers unlike a missing one (left: real, right: missing)");
}

/// Someone who may not reach the rows `ids` name.
struct Stranger {
    who: String,
    session: Session,
    ids: Ids,
}

async fn stranger(app: &TestApp, username: &str, ids: &Ids) -> Stranger {
    Stranger { who: username.to_string(), session: app.login(username).await, ids: ids.clone() }
}

const REFUSED: &[StatusCode] = &[StatusCode::FORBIDDEN, StatusCode::NOT_FOUND];

/// Every operation of `family`, called by every stranger with their foreign ids and with missing ids.
async fn strangers_meet_only_missing_rows(
    app: &TestApp,
    family: Family,
    strangers: &[Stranger],
    vars: &Vars,
    allowed: &[StatusCode],
) {
    for op in matrix_ops(family) {
        for s in strangers {
            let foreign = call(app, &s.session, &op, &s.ids, vars).await;
            let missing = call(app, &s.session, &op, &Ids::missing(family), vars).await;
            alike(&format!("{} {}", s.who, op.key), &foreign, &missing, allowed);
        }
    }
}

/// The fixtures are real: their owner gets another answer for them than for missing ids (2xx for a
/// read). Run last: the writes among `only` change the rows.
async fn owner_reaches(
    app: &TestApp,
    family: Family,
    who: &str,
    owner: &Session,
    ids: &Ids,
    vars: &Vars,
    only: impl Fn(&Op) -> bool,
) {
    for op in matrix_ops(family).into_iter().filter(|op| only(op)) {
        let missing = call(app, owner, &op, &Ids::missing(family), vars).await;
        let real = call(app, owner, &op, ids, vars).await;
        let what = format!("{who} {} on its own rows", op.key);
        assert!(real.status != StatusCode::NOT_FOUND && !real.status.is_server_error(), "{what}: {real:?}");
        assert_ne!(real, missing, "{what}: answers as for missing ids");
        if op.method == Method::GET {
            assert!(real.status.is_success(), "{what}: {real:?}");
        }
    }
}

fn id_of(v: &Value) -> Uuid {
    v.as_str().unwrap_or_else(|| panic!("not an id: {v}")).parse().unwrap()
}

/// A fixed working day (a Monday); the bodies' dates are this day.
async fn app_on_a_working_day() -> TestApp {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    app
}

/// An application registered at a unit's counter, with one child of each kind: a file, a
/// third-party consultation, a review proceeding, and its receipt letter (`events[].letter`).
struct Filed {
    application: Uuid,
    /// Its ids, by path parameter: unit, application, reply clock and the children.
    ids: Ids,
}

async fn application_with_children(app: &TestApp, slug: &str) -> Filed {
    let handler = app.login(&format!("{slug}.handler")).await;
    let unit = app.unit_id(slug).await;
    let vars = vars(app).await;
    let base = format!("/api/v1/units/{unit}/applications");
    let created = app.post(&base, &handler, matrix_body("POST /api/v1/units/{unit_id}/applications", &vars)).await;
    let id = id_of(&json(created, StatusCode::CREATED).await["id"]);
    let upload = app
        .client
        .post(app.url(&format!("{base}/{id}/attachments?purpose=identity_proof&file_name=id.png")))
        .bearer_auth(&handler.token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(png())
        .send()
        .await
        .unwrap();
    json(upload, StatusCode::CREATED).await;
    let key = "POST /api/v1/units/{unit_id}/applications/{application_id}/proceedings";
    json(app.post(&format!("{base}/{id}/proceedings"), &handler, matrix_body(key, &vars)).await, StatusCode::OK).await;
    let key = "POST /api/v1/units/{unit_id}/applications/{application_id}/consultations";
    let detail =
        json(app.post(&format!("{base}/{id}/consultations"), &handler, matrix_body(key, &vars)).await, StatusCode::OK)
            .await;
    let find = |list: &str, field: &str, value: &str| -> Uuid {
        let rows = detail[list].as_array().unwrap_or_else(|| panic!("no {list} in {detail}"));
        let row = rows.iter().find(|r| r[field] == value).unwrap_or_else(|| panic!("no {field} {value} in {list}"));
        id_of(&row["id"])
    };
    let ids = Ids::default()
        .with("unit_id", unit)
        .with("application_id", id)
        .with("clock_id", find("clocks", "kind", "application.reply"))
        .with("attachment_id", find("attachments", "file_name", "id.png"))
        .with("consultation_id", find("consultations", "party", "third_party"))
        .with("proceeding_id", find("proceedings", "kind", "administrative_review"))
        .with("event_id", find("events", "letter", "receipt"))
        .with("suggestion_id", suggestion_for(app, unit, id).await);
    let (item, consultation) = item_in_consultation(app, &handler, unit, "right_holder").await;
    let (_, rectification) = rectification_for(app, unit).await;
    let ids = ids
        .with("item_id", item)
        .with("item_consultation_id", consultation)
        .with("item_attachment_id", attachment_for(app, unit, item).await)
        .with("inspection_finding_id", finding_for(app, unit, item, "ordered").await)
        .with("rectification_id", rectification)
        .with("assessment_evidence_id", evidence_for(app, &handler, unit).await);
    Filed { application: id, ids }
}

/// The county's 2026 assessment scheme for the administrative units, written and started on first
/// use.
async fn assessment_scheme(app: &TestApp) -> Uuid {
    let office = app.login("zhengfuban.handler").await;
    let listed = json(app.get("/api/v1/assessment/schemes?year=2026", &office).await, StatusCode::OK).await;
    if let Some(s) = listed.as_array().and_then(|l| l.iter().find(|s| s["audience"] == "administrative")) {
        return id_of(&s["id"]);
    }
    let setup = json!({"year": 2026, "audience": "administrative", "title": "2026年度政务公开考核方案",
                       "self_check_due": "2026-11-30"});
    let made = json(app.post("/api/v1/assessment/schemes", &office, setup).await, StatusCode::CREATED).await;
    let id = id_of(&made["id"]);
    json(app.post(&format!("/api/v1/assessment/schemes/{id}/start"), &office, json!({})).await, StatusCode::OK).await;
    id
}

/// An evidence file of the unit's 2026 self-check.
async fn evidence_for(app: &TestApp, handler: &Session, unit: Uuid) -> Uuid {
    assessment_scheme(app).await;
    let upload = app
        .client
        .post(app.url(&format!("/api/v1/units/{unit}/assessment/self-check/evidence?year=2026&file_name=自查.png")))
        .bearer_auth(&handler.token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(png())
        .send()
        .await
        .unwrap();
    id_of(&json(upload, StatusCode::CREATED).await["id"])
}

/// A rectification task of the unit from the county's 2025 evaluation, made, opened and closed on
/// first use (closed, so the unit's feedback letter is final): the campaign and the task.
async fn rectification_for(app: &TestApp, unit: Uuid) -> (Uuid, Uuid) {
    let group = app.login("gongkai_lingdao.handler").await;
    let listed = json(app.get("/api/v1/evaluation/campaigns", &group).await, StatusCode::OK).await;
    let (campaign, fresh) = match listed.as_array().and_then(|l| l.iter().find(|c| c["year"] == 2025)) {
        Some(c) => (id_of(&c["id"]), false),
        None => {
            let setup = json!({"year": 2025, "title": "2025年度政务公开社会评议", "opens_on": "2026-10-12",
                               "closes_on": "2026-11-30"});
            let made = json(app.post("/api/v1/evaluation/campaigns", &group, setup).await, StatusCode::CREATED).await;
            let id = id_of(&made["id"]);
            json(app.post(&format!("/api/v1/evaluation/campaigns/{id}/open"), &group, json!({})).await, StatusCode::OK)
                .await;
            (id, true)
        }
    };
    let task = json!({"unit_id": unit, "opinion": "希望及时公开村级财务收支明细。", "requirement": "按月公开各村财务收支明细。",
                      "working_days": 10});
    let task = app.post(&format!("/api/v1/evaluation/campaigns/{campaign}/rectifications"), &group, task).await;
    let task = id_of(&json(task, StatusCode::CREATED).await["id"]);
    if fresh {
        let close = format!("/api/v1/evaluation/campaigns/{campaign}/close");
        json(app.post(&close, &group, json!({})).await, StatusCode::OK).await;
    }
    (campaign, task)
}

/// An information item of the unit, submitted and waiting for a consultation of `party`: the item
/// and the consultation.
async fn item_in_consultation(app: &TestApp, handler: &Session, unit: Uuid, party: &str) -> (Uuid, Uuid) {
    let vars = vars(app).await;
    let base = format!("/api/v1/units/{unit}/items");
    let created = app.post(&base, handler, matrix_body("POST /api/v1/units/{unit_id}/items", &vars)).await;
    let item = id_of(&json(created, StatusCode::OK).await["id"]);
    let key = "POST /api/v1/units/{unit_id}/items/{item_id}/submit";
    json(app.post(&format!("{base}/{item}/submit"), handler, matrix_body(key, &vars)).await, StatusCode::OK).await;
    let ask = json!({"party": party, "party_name": "吉林某某农业有限公司", "question": "拟公开的内容是否可以公开？"});
    let detail = json(app.post(&format!("{base}/{item}/consultations"), handler, ask).await, StatusCode::OK).await;
    (item, id_of(&detail["consultations"][0]["id"]))
}

/// A finding of the online inspection in an item of the unit, in `status`.
async fn finding_for(app: &TestApp, unit: Uuid, item: Uuid, status: &str) -> Uuid {
    let row = entity::unit::Entity::find_by_id(unit).one(&app.state.db).await.unwrap().unwrap();
    let now = gongkai_api::time::TimeSource::now(app.time.as_ref());
    let run = Uuid::now_v7();
    entity::inspection_run::ActiveModel {
        id: Set(run),
        county_id: Set(row.county_id),
        trigger: Set("on_demand".into()),
        started_by: Set(None),
        started_at: Set(now),
        items_scanned: Set(1),
        findings_new: Set(1),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let id = Uuid::now_v7();
    entity::inspection_finding::ActiveModel {
        id: Set(id),
        county_id: Set(row.county_id),
        unit_id: Set(unit),
        run_id: Set(run),
        item_id: Set(item),
        revision: Set(1),
        field: Set("body".into()),
        attachment_id: Set(None),
        kind: Set("mobile".into()),
        start_at: Set(0),
        fingerprint: Set(format!("1:body::mobile:{id}")),
        excerpt: Set("联系人手机【13812345678】".into()),
        status: Set(status.into()),
        remedy: Set(None),
        order_note: Set(None),
        ordered_by: Set(None),
        ordered_at: Set(None),
        answer_note: Set(None),
        closed_at: Set(None),
        created_at: Set(now),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    id
}

/// A picture attached to an item, as an upload leaves it.
async fn attachment_for(app: &TestApp, unit: Uuid, item: Uuid) -> Uuid {
    let row = entity::unit::Entity::find_by_id(unit).one(&app.state.db).await.unwrap().unwrap();
    let id = Uuid::now_v7();
    entity::item_attachment::ActiveModel {
        id: Set(id),
        county_id: Set(row.county_id),
        unit_id: Set(unit),
        item_id: Set(item),
        file_name: Set("现场照片.png".into()),
        content_type: Set("image/png".into()),
        size_bytes: Set(72),
        sha256: Set("0".repeat(64)),
        content: Set(png()),
        text: Set(None),
        unreadable: Set(Some("image".into())),
        added_revision: Set(1),
        removed_revision: Set(None),
        uploaded_by: Set(app.user_id("kouqian.handler").await),
        created_at: Set(gongkai_api::time::TimeSource::now(app.time.as_ref())),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    id
}

/// An Art. 44 suggestion of the unit, as an applicant's suggestion from the portal leaves it.
async fn suggestion_for(app: &TestApp, unit: Uuid, application: Uuid) -> Uuid {
    let row = entity::unit::Entity::find_by_id(unit).one(&app.state.db).await.unwrap().unwrap();
    let id = Uuid::now_v7();
    entity::publication_suggestion::ActiveModel {
        id: Set(id),
        county_id: Set(row.county_id),
        unit_id: Set(unit),
        topic: Set("部门预算".into()),
        source: Set(entity::enums::SuggestionSource::Applicant),
        application_id: Set(Some(application)),
        applicants: Set(1),
        reason: Set(Some("建议主动公开。".into())),
        status: Set(entity::enums::SuggestionStatus::Open),
        decision_note: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(gongkai_api::time::TimeSource::now(app.time.as_ref())),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    id
}

async fn first_assignment(app: &TestApp, unit: Uuid) -> Uuid {
    entity::role_assignment::Entity::find()
        .filter(entity::role_assignment::Column::UnitId.eq(unit))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn another_units_rows_answer_exactly_like_missing_ones() {
    let app = app_on_a_working_day().await;
    let (a, b) = (app.unit_id("kouqian").await, app.unit_id("xiyang").await);
    let theirs = application_with_children(&app, "xiyang").await;
    let b_rows = theirs.ids.clone().with("assignment_id", first_assignment(&app, b).await);
    let vars = vars(&app).await;
    let ops = matrix_ops(Family::Unit);
    for username in ["kouqian.handler", "kouqian.leader"] {
        let s = app.login(username).await;
        for op in &ops {
            let foreign = call(&app, &s, op, &b_rows, &vars).await;
            let missing = call(&app, &s, op, &Ids::missing(Family::Unit), &vars).await;
            alike(&format!("{username} {}", op.key), &foreign, &missing, &[StatusCode::NOT_FOUND]);
            // Unit A's route with unit B's rows.
            if op.params.len() > 1 {
                let crossed = call(&app, &s, op, &b_rows.clone().with("unit_id", a), &vars).await;
                let own_missing = call(&app, &s, op, &Ids::missing(Family::Unit).with("unit_id", a), &vars).await;
                alike(
                    &format!("{username} {} of its own unit with another unit's rows", op.key),
                    &crossed,
                    &own_missing,
                    REFUSED,
                );
            }
        }
    }
    let owner = app.login("xiyang.handler").await;
    owner_reaches(&app, Family::Unit, "xiyang.handler", &owner, &b_rows, &vars, |op| op.method == Method::GET).await;
}

#[tokio::test]
async fn a_child_reached_through_another_application_answers_like_a_missing_one() {
    let app = app_on_a_working_day().await;
    let a = app.unit_id("kouqian").await;
    let (x, y) = (application_with_children(&app, "kouqian").await, application_with_children(&app, "kouqian").await);
    let z = application_with_children(&app, "xiyang").await;
    let vars = vars(&app).await;
    // The operations on a child of an application: a file, a consultation, a proceeding, a letter…
    let nested: Vec<Op> = matrix_ops(Family::Unit)
        .into_iter()
        .filter(|op| op.params.iter().any(|p| p == "application_id") && op.params.len() > 2)
        .collect();
    assert!(!nested.is_empty());
    let through_y = |ids: &Ids| ids.clone().with("unit_id", a).with("application_id", y.application);
    for username in ["kouqian.handler", "kouqian.leader"] {
        let s = app.login(username).await;
        for op in &nested {
            let missing = call(&app, &s, op, &through_y(&Ids::missing(Family::Unit)), &vars).await;
            for (whose, other) in [("another application of its unit", &x), ("another unit's application", &z)] {
                let crossed = call(&app, &s, op, &through_y(&other.ids), &vars).await;
                let what = format!("{username} {} through its own application, with a child of {whose}", op.key);
                alike(&what, &crossed, &missing, &[StatusCode::NOT_FOUND]);
            }
        }
    }
    // Each child is real: reached through its own application it answers.
    let handler = app.login("kouqian.handler").await;
    let keys: BTreeSet<String> = nested.iter().map(|op| op.key.clone()).collect();
    owner_reaches(&app, Family::Unit, "kouqian.handler", &handler, &x.ids, &vars, |op| keys.contains(&op.key)).await;
}

/// A second county, Shulan, with an openness office and a secrecy bureau of its own and one handler
/// in each. Returns the county and the two handlers' sessions, once their roles hold.
async fn another_county(app: &TestApp) -> (Uuid, Session, Session) {
    let admin = app.login("admin").await;
    let county = json!({"name": "舒兰市", "name_en": "Shulan City", "division_code": "220283",
                        "province": "吉林省", "city": "吉林市"});
    let county = json(app.post("/api/v1/counties", &admin, county).await, StatusCode::CREATED).await;
    let county_id = id_of(&county["id"]);
    let mut sessions = Vec::new();
    for (slug, name, function, credit_code, username) in [
        ("zhengfuban", "舒兰市人民政府办公室", "openness_office", "91110000802100433B", "shulan.open"),
        ("baomiju", "舒兰市保密局", "secrecy_bureau", "91440300708461136T", "shulan.secrecy"),
    ] {
        let unit = app
            .post(
                "/api/v1/units",
                &admin,
                json!({"county_id": county_id, "slug": slug, "name": name, "short_name": name,
                       "name_en": format!("Shulan {slug}"), "kind": "department", "function": function,
                       "credit_code": credit_code}),
            )
            .await;
        let unit = id_of(&json(unit, StatusCode::CREATED).await["id"]);
        let person = app
            .post(
                "/api/v1/users",
                &admin,
                json!({"county_id": county_id, "username": username, "display_name": name,
                       "password": "Shulan2026abc"}),
            )
            .await;
        let person = id_of(&json(person, StatusCode::CREATED).await["id"]);
        let assigned = app
            .post(&format!("/api/v1/units/{unit}/members"), &admin, json!({"user_id": person, "role": "handler"}))
            .await;
        assert_eq!(assigned.status(), StatusCode::CREATED);
        sessions.push(app.login_with(username, "Shulan2026abc").await);
    }
    let secrecy = sessions.pop().unwrap();
    let open = sessions.pop().unwrap();
    // Strangers with real powers in their own county, not callers without any.
    for (s, path) in [(&open, "/api/v1/violation-leads"), (&secrecy, "/api/v1/referrals")] {
        let deadline = Instant::now() + Duration::from_secs(2);
        while app.get(path, s).await.status() != StatusCode::OK {
            assert!(Instant::now() < deadline, "{path}: the new role does not hold");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    (county_id, open, secrecy)
}

/// A case of the openness office concerning `slug`, with an approval trail (so its handler and
/// leader are parties) and one piece of evidence.
async fn case_concerning(app: &TestApp, office: &Session, slug: &str, vars: &Vars) -> Value {
    let (_, subject) = clock_in(app, slug).await;
    let unit = app.unit_id(slug).await;
    let case = app
        .post(
            "/api/v1/cases",
            office,
            json!({"title": "逾期答复依申请公开", "facts": "申请逾期未答复。", "violation_types": ["outside_scope_or_time"],
                   "unit_ids": [unit], "subjects": [{"subject_type": "application", "subject_id": subject}]}),
        )
        .await;
    let cid = json(case, StatusCode::CREATED).await["id"].as_str().unwrap().to_string();
    let evidence = app
        .post(
            &format!("/api/v1/cases/{cid}/evidence"),
            office,
            matrix_body("POST /api/v1/cases/{case_id}/evidence", vars),
        )
        .await;
    json(evidence, StatusCode::OK).await
}

fn party_id(case: &Value, pick: impl Fn(&Value) -> bool) -> String {
    let parties = case["parties"].as_array().unwrap();
    let party = parties.iter().find(|p| pick(p)).unwrap_or_else(|| panic!("no such party in {case}"));
    party["id"].as_str().unwrap().to_string()
}

/// Takes a case of `slug` through measures, the hearing with every statement, and the decision; then
/// its handler files a review. Returns the filing.
async fn decided_and_under_review(app: &TestApp, office: &Session, case: &Value, slug: &str, vars: &Vars) -> Uuid {
    let cid = case["id"].as_str().unwrap();
    let step = |what: &str| format!("/api/v1/cases/{cid}/{what}");
    let measures = app
        .request(
            Method::PUT,
            &step("measures"),
            Some(office),
            Some(matrix_body("PUT /api/v1/cases/{case_id}/measures", vars)),
        )
        .await;
    json(measures, StatusCode::OK).await;
    json(
        app.post(&step("hearing"), office, matrix_body("POST /api/v1/cases/{case_id}/hearing", vars)).await,
        StatusCode::OK,
    )
    .await;
    let leader = app.login(&format!("{slug}.leader")).await;
    let handler = app.login(&format!("{slug}.handler")).await;
    for (who, party) in [
        (&leader, party_id(case, |p| p["user_id"] == json!(leader.user_id))),
        (&handler, party_id(case, |p| p["user_id"] == json!(handler.user_id))),
        (&leader, party_id(case, |p| p["kind"] == "unit")),
    ] {
        let mut vars = vars.clone();
        vars.insert("party", party);
        let statement = matrix_body("POST /api/v1/cases/{case_id}/statements", &vars);
        json(app.post(&step("statements"), who, statement).await, StatusCode::OK).await;
    }
    json(
        app.post(&step("decision"), office, matrix_body("POST /api/v1/cases/{case_id}/decision", vars)).await,
        StatusCode::OK,
    )
    .await;
    let filed = app.post(&step("filings"), &handler, matrix_body("POST /api/v1/cases/{case_id}/filings", vars)).await;
    id_of(&json(filed, StatusCode::CREATED).await["filings"][0]["id"])
}

#[tokio::test]
async fn a_case_its_evidence_and_its_filings_answer_a_stranger_like_missing_ones() {
    let app = app_on_a_working_day().await;
    let office = app.login("zhengfuban.handler").await;
    let mut vars = vars(&app).await;
    let open = case_concerning(&app, &office, "xiyang", &vars).await;
    let decided = case_concerning(&app, &office, "xiyang", &vars).await;
    let filing = decided_and_under_review(&app, &office, &decided, "xiyang", &vars).await;
    let handler = app.user_id("xiyang.handler").await;
    vars.insert("party", party_id(&open, |p| p["user_id"] == json!(handler)));
    let rows = |case: &Value| {
        Ids::default()
            .with("case_id", id_of(&case["id"]))
            .with("evidence_id", id_of(&case["evidence"][0]["id"]))
            .with("party_id", id_of(&json!(party_id(case, |p| p["user_id"] == json!(handler)))))
    };
    let (_, shulan_open, _) = another_county(&app).await;
    // Both states: a route that looked at the case's state before at whose it is would answer a
    // stranger differently (`case_decided`, `case_not_decided`) for one of them.
    let mut strangers = Vec::new();
    for (state, case) in [("open", &open), ("decided", &decided)] {
        let ids = rows(case).with("filing_id", filing);
        // Another unit's handler and leader, a county body without case powers, another county's office.
        for username in ["kouqian.handler", "kouqian.leader", "baomiju.leader"] {
            let mut s = stranger(&app, username, &ids).await;
            s.who = format!("{username} on the {state} case");
            strangers.push(s);
        }
        strangers.push(Stranger { who: format!("shulan.open on the {state} case"), session: shulan_open.clone(), ids });
    }
    strangers_meet_only_missing_rows(&app, Family::Case, &strangers, &vars, REFUSED).await;

    // The deciding body reaches both cases, and a child of one through the other is not found.
    // The sanction step is the county government's (the appointing body), not the deciding body's.
    let government = app.login("xianzhengfu.leader").await;
    for op in matrix_ops(Family::Case).into_iter().filter(|op| op.params.len() > 1) {
        let actor = if op.key.ends_with("/sanction") { &government } else { &office };
        let mut tried = 0;
        for (through, of, children) in [
            (&open, "the decided case", rows(&decided).with("filing_id", filing)),
            (&decided, "the open case", rows(&open)),
        ] {
            if !op.params.iter().all(|p| children.0.contains_key(p.as_str())) {
                continue;
            }
            let crossed = children.clone().with("case_id", id_of(&through["id"]));
            let missing = Ids::missing(Family::Case).with("case_id", id_of(&through["id"]));
            let crossed = call(&app, actor, &op, &crossed, &vars).await;
            let missing = call(&app, actor, &op, &missing, &vars).await;
            alike(&format!("{} with a child of {of}", op.key), &crossed, &missing, &[StatusCode::NOT_FOUND]);
            tried += 1;
        }
        assert!(tried > 0, "{}: no case fixture has the children it needs", op.key);
    }
    let owned = rows(&decided).with("filing_id", filing);
    owner_reaches(&app, Family::Case, "zhengfuban.handler", &office, &owned, &vars, |op| op.method == Method::GET)
        .await;
}

#[tokio::test]
async fn leads_referrals_notifications_emails_and_users_answer_a_stranger_like_missing_ones() {
    let app = app_on_a_working_day().await;
    // A reply clock of xiyang's handler runs late: the reminder job notifies, emails and raises a lead.
    let assignee = app.user_id("xiyang.handler").await;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 9, 24).unwrap();
    let (late, _) = app.start_reply_clock("xiyang", "依申请 XY-2026-009", start, 20, Some(assignee)).await;
    assert!(reminders::run(&app.state, beijing("2026-10-30 08:00")).await.unwrap() > 0);
    let lead = entity::violation_lead::Entity::find()
        .filter(entity::violation_lead::Column::SubjectId.eq(late.id().to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the late clock raised a lead")
        .id;
    let note = entity::notification::Entity::find()
        .filter(entity::notification::Column::UserId.eq(assignee))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the assignee was reminded")
        .id;
    let email = entity::email_outbox::Entity::find().one(&app.state.db).await.unwrap().expect("an email was queued").id;
    // A referral to the secrecy bureau, beside a third-party consultation.
    let filed = application_with_children(&app, "xiyang").await;
    let handler = app.login("xiyang.handler").await;
    let consult =
        format!("/api/v1/units/{}/applications/{}/consultations", app.unit_id("xiyang").await, filed.application);
    let referred = app
        .post(&consult, &handler, json!({"party": "secrecy_bureau", "question": "拟公开的中标结果是否涉密？"}))
        .await;
    let referred = json(referred, StatusCode::OK).await;
    let referral =
        referred["consultations"].as_array().unwrap().iter().find(|c| c["party"] == "secrecy_bureau").unwrap();
    let referral = id_of(&referral["id"]);
    let third_party = filed.ids.get("consultation_id");
    let (_, item_referral) = item_in_consultation(&app, &handler, app.unit_id("xiyang").await, "secrecy_bureau").await;
    let right_holder = filed.ids.get("item_consultation_id");
    let office = app.login("zhengfuban.handler").await;
    let heading = json!({"name": "农村低保", "category": "social_policies"});
    let heading = json(app.post("/api/v1/catalogue-headings", &office, heading).await, StatusCode::OK).await;
    let heading = id_of(&heading["id"]);
    let bureau = app.login("baomiju.handler").await;
    json(app.post("/api/v1/sensitive-words", &bureau, json!({"words": ["某某工程"]})).await, StatusCode::OK).await;
    let words = json(app.get("/api/v1/sensitive-words", &bureau).await, StatusCode::OK).await;
    let word = id_of(&words[0]["id"]);
    let (published_item, _) = item_in_consultation(&app, &handler, app.unit_id("xiyang").await, "right_holder").await;
    let finding = finding_for(&app, app.unit_id("xiyang").await, published_item, "open").await;
    let complaint = json!({"unit_id": app.unit_id("xiyang").await, "complainant": "李某", "contact": "13912345678",
                           "subject": "未答复", "details": "本人申请公开的信息至今未收到答复。"});
    let filed_complaint = app.client.post(app.url("/api/v1/public/complaints")).json(&complaint).send().await.unwrap();
    let code = json(filed_complaint, StatusCode::CREATED).await["code"].as_str().unwrap().to_string();
    let complaint = entity::complaint::Entity::find()
        .filter(entity::complaint::Column::Code.eq(code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let group = app.login("gongkai_lingdao.handler").await;
    let campaign = json!({"year": 2026, "title": "2026年度政务公开社会评议", "opens_on": "2026-10-12",
                          "closes_on": "2026-11-30"});
    let campaign = json(app.post("/api/v1/evaluation/campaigns", &group, campaign).await, StatusCode::CREATED).await;
    let campaign_ids = Ids::default()
        .with("campaign_id", id_of(&campaign["id"]))
        .with("evaluation_question_id", id_of(&campaign["questions"][0]["id"]))
        .with("rectification_id", rectification_for(&app, app.unit_id("xiyang").await).await.1)
        .with("unit_id", app.unit_id("xiyang").await);
    let scheme_ids = Ids::default().with("scheme_id", assessment_scheme(&app).await);
    let (shulan, shulan_open, shulan_secrecy) = another_county(&app).await;
    let vars = vars(&app).await;

    let by = |family: Family, id: Uuid| Ids::default().with(family.ids()[0], id);
    let lead_ids = by(Family::Lead, lead);
    let referral_ids = by(Family::Referral, referral).with("item_referral_id", item_referral);
    let heading_ids = by(Family::Heading, heading);
    let word_ids = by(Family::Word, word);
    let finding_ids = by(Family::Finding, finding);
    let complaint_ids = by(Family::Complaint, complaint);
    let note_ids = by(Family::Notification, note);
    let email_ids = by(Family::Outbox, email);
    let user_ids = by(Family::User, assignee);
    let county_stranger = |session: &Session, who: &str, ids: &Ids| Stranger {
        who: who.to_string(),
        session: session.clone(),
        ids: ids.clone(),
    };
    let cases = [
        (Family::Lead, &lead_ids, vec![county_stranger(&shulan_open, "shulan.open", &lead_ids)]),
        (
            Family::Referral,
            &referral_ids,
            vec![
                county_stranger(&shulan_secrecy, "shulan.secrecy", &referral_ids),
                // The bureau reaches referrals only, not the unit's other consultations.
                stranger(
                    &app,
                    "baomiju.handler",
                    &by(Family::Referral, third_party).with("item_referral_id", right_holder),
                )
                .await,
            ],
        ),
        // Another user of the same unit.
        (Family::Notification, &note_ids, vec![stranger(&app, "xiyang.leader", &note_ids).await]),
        (Family::Outbox, &email_ids, vec![county_stranger(&shulan_open, "shulan.open", &email_ids)]),
        (Family::User, &user_ids, vec![county_stranger(&shulan_open, "shulan.open", &user_ids)]),
        (Family::Heading, &heading_ids, vec![county_stranger(&shulan_open, "shulan.open", &heading_ids)]),
        (Family::Word, &word_ids, vec![county_stranger(&shulan_secrecy, "shulan.secrecy", &word_ids)]),
        (Family::Finding, &finding_ids, vec![county_stranger(&shulan_secrecy, "shulan.secrecy", &finding_ids)]),
        (Family::Complaint, &complaint_ids, vec![county_stranger(&shulan_open, "shulan.open", &complaint_ids)]),
        (Family::Campaign, &campaign_ids, vec![county_stranger(&shulan_open, "shulan.open", &campaign_ids)]),
        (Family::Scheme, &scheme_ids, vec![county_stranger(&shulan_open, "shulan.open", &scheme_ids)]),
    ];
    for (family, ids, mut strangers) in cases {
        // Another unit's handler and leader.
        for username in ["kouqian.handler", "kouqian.leader"] {
            strangers.push(stranger(&app, username, ids).await);
        }
        strangers_meet_only_missing_rows(&app, family, &strangers, &vars, REFUSED).await;
    }

    // The calendar of another county answers like a missing county.
    let office = app.login("zhengfuban.handler").await;
    let mut answers = Vec::new();
    for county in [shulan, Uuid::now_v7()] {
        let resp = app
            .request(
                Method::PUT,
                "/api/v1/calendar/years/2027",
                Some(&office),
                Some(json!({"county_id": county, "days": []})),
            )
            .await;
        answers.push(Answer { status: resp.status(), body: resp.text().await.unwrap() });
    }
    alike(
        "zhengfuban.handler PUT /api/v1/calendar/years/{year} of another county",
        &answers[0],
        &answers[1],
        &[StatusCode::NOT_FOUND],
    );

    // The rows are real: their owners reach them (the password reset last: it ends the handler's sessions).
    let all = |_: &Op| true;
    owner_reaches(&app, Family::Notification, "xiyang.handler", &handler, &note_ids, &vars, all).await;
    let admin = app.login("admin").await;
    owner_reaches(&app, Family::Outbox, "admin", &admin, &email_ids, &vars, all).await;
    let bureau = app.login("baomiju.handler").await;
    owner_reaches(&app, Family::Referral, "baomiju.handler", &bureau, &referral_ids, &vars, all).await;
    owner_reaches(&app, Family::Lead, "zhengfuban.handler", &office, &lead_ids, &vars, all).await;
    owner_reaches(&app, Family::Heading, "zhengfuban.handler", &office, &heading_ids, &vars, all).await;
    owner_reaches(&app, Family::Word, "baomiju.handler", &bureau, &word_ids, &vars, all).await;
    owner_reaches(&app, Family::Finding, "baomiju.handler", &bureau, &finding_ids, &vars, all).await;
    owner_reaches(&app, Family::Complaint, "zhengfuban.handler", &office, &complaint_ids, &vars, all).await;
    // The circular exists once the campaign is closed (the spec's order runs the matrix's close
    // before its open, so it is closed here).
    let circular = |op: &Op| op.key == "GET /api/v1/evaluation/campaigns/{campaign_id}/circular";
    let before_closing = |op: &Op| !circular(op);
    owner_reaches(&app, Family::Campaign, "gongkai_lingdao.handler", &group, &campaign_ids, &vars, before_closing)
        .await;
    let close = format!("/api/v1/evaluation/campaigns/{}/close", campaign_ids.get("campaign_id"));
    json(app.post(&close, &group, json!({})).await, StatusCode::OK).await;
    owner_reaches(&app, Family::Campaign, "gongkai_lingdao.handler", &group, &campaign_ids, &vars, circular).await;
    owner_reaches(&app, Family::Scheme, "zhengfuban.handler", &office, &scheme_ids, &vars, all).await;
    owner_reaches(&app, Family::User, "admin", &admin, &user_ids, &vars, all).await;
}

/// Starts a clock and records an approval in a unit, as a workflow module would.
async fn clock_in(app: &TestApp, slug: &str) -> (Uuid, String) {
    use gongkai_api::tenancy::UnitRef;
    use gongkai_api::time::TimeSource;
    let unit = app.unit(slug).await;
    let drafter = app.user_id(&format!("{slug}.handler")).await;
    let approver = app.user_id(&format!("{slug}.leader")).await;
    let (subject, c) =
        app.start_reply_clock(slug, &format!("{slug}-2026-001"), app.time.now().date_naive(), 20, Some(drafter)).await;
    let subject = subject.id().to_string();
    let tx = gongkai_api::db::write_tx(&app.state.db).await.unwrap();
    gongkai_api::approvals::record(
        &tx,
        UnitRef::for_system(&unit),
        gongkai_api::approvals::Approval {
            subject_type: "application".into(),
            subject_id: subject.clone(),
            decision: "予以公开".into(),
            drafter,
            reviewers: vec![drafter],
            approver: Some(approver),
            leader_instructed: false,
            objection: None,
            collective: None,
            secrecy_reviewed: true,
            act: "reply",
            releases_information: true,
        },
        app.time.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (c.id, subject)
}

#[tokio::test]
async fn a_units_lists_hold_none_of_another_units_rows() {
    let app = spawn_app().await;
    let (a, b) = (app.unit_id("kouqian").await, app.unit_id("xiyang").await);
    let (_, own_subject) = clock_in(&app, "kouqian").await;
    clock_in(&app, "xiyang").await;
    let leader = app.login("kouqian.leader").await;
    let members = json(app.get(&format!("/api/v1/units/{a}/members"), &leader).await, StatusCode::OK).await;
    let names: Vec<&str> = members.as_array().unwrap().iter().map(|m| m["username"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.iter().all(|n| n.starts_with("kouqian.")), "{names:?}");

    let events = json(app.get("/api/v1/audit/events?page_size=100", &leader).await, StatusCode::OK).await;
    let items = events["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|e| e["unit_id"] == json!(a)));
    let filtered = json(app.get(&format!("/api/v1/audit/events?unit_id={b}"), &leader).await, StatusCode::OK).await;
    assert_eq!(filtered["total"], 0);

    let clocks = json(app.get(&format!("/api/v1/units/{a}/clocks"), &leader).await, StatusCode::OK).await;
    assert_eq!(clocks["total"], 1);
    assert_eq!(clocks["items"][0]["subject_id"], own_subject);
    assert_eq!(clocks["items"][0]["subject_label"], "kouqian-2026-001");
    let approvals = json(app.get(&format!("/api/v1/units/{a}/approvals"), &leader).await, StatusCode::OK).await;
    assert_eq!(approvals.as_array().unwrap().len(), 1);
    assert_eq!(approvals[0]["subject_id"], own_subject);
    assert_eq!(approvals[0]["secrecy_reviewed"], true);
}

#[tokio::test]
async fn a_leader_manages_the_handlers_of_their_own_unit_only() {
    let app = spawn_app().await;
    let unit = app.unit_id("kouqian").await;
    let leader = app.login("kouqian.leader").await;
    let created = app
        .post(
            &format!("/api/v1/units/{unit}/handlers"),
            &leader,
            json!({"username": "kouqian.zhang", "display_name": "张三", "email": "zhang@yongji.example.org", "password": "Kouqian2026zs"}),
        )
        .await;
    let member = json(created, StatusCode::CREATED).await;
    assert_eq!(member["role"], "handler");
    let zhang = app.login_with("kouqian.zhang", "Kouqian2026zs").await;
    assert_eq!(app.get(&format!("/api/v1/units/{unit}"), &zhang).await.status(), StatusCode::OK);

    let leader_id = app.user_id("wanchang.leader").await;
    let promote = app
        .post(&format!("/api/v1/units/{unit}/members"), &leader, json!({"user_id": leader_id, "role": "leader"}))
        .await;
    assert_eq!(json(promote, StatusCode::FORBIDDEN).await["code"], "forbidden");

    let own_leader_assignment = {
        let list = json(app.get(&format!("/api/v1/units/{unit}/members"), &leader).await, StatusCode::OK).await;
        list.as_array().unwrap().iter().find(|m| m["role"] == "leader").unwrap()["id"].as_str().unwrap().to_string()
    };
    let demote = app.delete(&format!("/api/v1/units/{unit}/members/{own_leader_assignment}"), &leader).await;
    assert_eq!(demote.status(), StatusCode::FORBIDDEN);

    let removed =
        app.delete(&format!("/api/v1/units/{unit}/members/{}", member["id"].as_str().unwrap()), &leader).await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    // Within a second the removed handler's reach is gone.
    let deadline = Instant::now() + Duration::from_secs(1);
    loop {
        let status = app.get(&format!("/api/v1/units/{unit}"), &zhang).await.status();
        if status == StatusCode::NOT_FOUND {
            break;
        }
        assert!(Instant::now() < deadline, "still {status}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let handler = app.login("kouqian.handler").await;
    let denied = app
        .post(
            &format!("/api/v1/units/{unit}/handlers"),
            &handler,
            json!({"username": "kouqian.li", "display_name": "李四", "password": "Kouqian2026ls"}),
        )
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn each_county_body_reaches_across_units_only_for_its_function() {
    let app = spawn_app().await;
    let township = app.unit_id("kouqian").await;
    let members = format!("/api/v1/units/{township}/members");
    let profile = format!("/api/v1/units/{township}");
    let add_handler = format!("/api/v1/units/{township}/handlers");
    let new_handler = json!({"username": "kouqian.wang", "display_name": "王五", "password": "Kouqian2026ww"});

    // Openness office: supervises everything, reads members and the audit trail, verifies it.
    let open = app.login("zhengfuban.handler").await;
    assert_eq!(app.get(&members, &open).await.status(), StatusCode::OK);
    let events = json(app.get(&format!("/api/v1/audit/events?unit_id={township}"), &open).await, StatusCode::OK).await;
    assert!(events["total"].as_u64().unwrap() > 0);
    assert_eq!(app.get("/api/v1/audit/verify", &open).await.status(), StatusCode::OK);
    assert_eq!(app.post(&add_handler, &open, new_handler.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.patch(&profile, &open, json!({"short_name": "x"})).await.status(), StatusCode::FORBIDDEN);

    // Secrecy bureau: sees that the unit exists, nothing else of it.
    let secrecy = app.login("baomiju.leader").await;
    assert_eq!(app.get(&profile, &secrecy).await.status(), StatusCode::OK);
    assert_eq!(app.get(&members, &secrecy).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/audit/events", &secrecy).await.status(), StatusCode::OK); // its own unit's trail only
    let own = json(app.get(&format!("/api/v1/audit/events?unit_id={township}"), &secrecy).await, StatusCode::OK).await;
    assert_eq!(own["total"], 0);
    assert_eq!(app.get("/api/v1/audit/verify", &secrecy).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.post(&add_handler, &secrecy, new_handler.clone()).await.status(), StatusCode::FORBIDDEN);

    // Supervisory commission: reads people and the trail across the county, verifies nothing.
    let supervision = app.login("jianwei.handler").await;
    assert_eq!(app.get(&members, &supervision).await.status(), StatusCode::OK);
    let seen =
        json(app.get(&format!("/api/v1/audit/events?unit_id={township}"), &supervision).await, StatusCode::OK).await;
    assert!(seen["total"].as_u64().unwrap() > 0);
    assert_eq!(app.get("/api/v1/audit/verify", &supervision).await.status(), StatusCode::FORBIDDEN);

    // County government, leading group, assessment group: the unit directory only.
    for username in ["xianzhengfu.handler", "gongkai_lingdao.leader", "gongkai_kaohe.handler"] {
        let s = app.login(username).await;
        assert_eq!(app.get(&profile, &s).await.status(), StatusCode::OK, "{username}");
        assert_eq!(app.get(&members, &s).await.status(), StatusCode::FORBIDDEN, "{username}");
        assert_eq!(app.post(&add_handler, &s, new_handler.clone()).await.status(), StatusCode::FORBIDDEN, "{username}");
    }
    // An ordinary department reaches nothing outside itself.
    let department = app.login("jiaoyu.leader").await;
    assert_eq!(app.get(&profile, &department).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn no_one_but_the_platform_admin_reaches_across_counties() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let county = json(
        app.post(
            "/api/v1/counties",
            &admin,
            json!({"name": "舒兰市", "name_en": "Shulan City", "division_code": "220283", "province": "吉林省", "city": "吉林市"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let county_id = county["id"].as_str().unwrap();
    let unit = json(
        app.post(
            "/api/v1/units",
            &admin,
            json!({"county_id": county_id, "slug": "zhengfuban", "name": "舒兰市人民政府办公室", "short_name": "市政府办",
                   "name_en": "Shulan City Government Office", "kind": "department", "function": "openness_office",
                   "credit_code": "91350100M000100Y43"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let unit_id = unit["id"].as_str().unwrap();
    let person = json(
        app.post(
            "/api/v1/users",
            &admin,
            json!({"county_id": county_id, "username": "shulan.open", "display_name": "舒兰公开办", "password": "Shulan2026abc"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let assigned = app
        .post(&format!("/api/v1/units/{unit_id}/members"), &admin, json!({"user_id": person["id"], "role": "handler"}))
        .await;
    assert_eq!(assigned.status(), StatusCode::CREATED);
    let person_id = person["id"].as_str().unwrap();
    let shown = json(app.get(&format!("/api/v1/users/{person_id}"), &admin).await, StatusCode::OK).await;
    assert_eq!(shown["roles"][0]["unit_name"], "舒兰市人民政府办公室");
    assert_eq!(shown["roles"][0]["role"], "handler");

    // Yongji's openness office cannot see Shulan; Shulan's cannot see Yongji.
    let yongji_open = app.login("zhengfuban.handler").await;
    assert_eq!(app.get(&format!("/api/v1/units/{unit_id}"), &yongji_open).await.status(), StatusCode::NOT_FOUND);
    let list = json(app.get("/api/v1/units?page_size=100", &yongji_open).await, StatusCode::OK).await;
    assert_eq!(list["total"], 53);
    assert!(list["items"].as_array().unwrap().iter().all(|u| u["county_id"] != json!(county_id)));

    let shulan = app.login_with("shulan.open", "Shulan2026abc").await;
    let yongji_unit = app.unit_id("kouqian").await;
    assert_eq!(app.get(&format!("/api/v1/units/{yongji_unit}"), &shulan).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/units/{yongji_unit}/members"), &shulan).await.status(), StatusCode::NOT_FOUND);
    let theirs = json(app.get("/api/v1/units", &shulan).await, StatusCode::OK).await;
    assert_eq!(theirs["total"], 1);
    let trail = json(app.get("/api/v1/audit/events?page_size=100", &shulan).await, StatusCode::OK).await;
    assert!(trail["items"].as_array().unwrap().iter().all(|e| e["county_id"] == json!(county_id)));

    // A Yongji user cannot be given a role in Shulan.
    let yongji_user = app.user_id("kouqian.handler").await;
    let cross = app
        .post(&format!("/api/v1/units/{unit_id}/members"), &admin, json!({"user_id": yongji_user, "role": "handler"}))
        .await;
    assert_eq!(json(cross, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "user_in_other_county");

    // The platform administrator sees both.
    let all = json(app.get("/api/v1/units?page_size=1", &admin).await, StatusCode::OK).await;
    assert_eq!(all["total"], 54);
}

#[tokio::test]
async fn a_role_change_holds_on_every_replica_within_a_second() {
    let app = spawn_app().await;
    let replica = app.replica().await;
    let xiyang = app.unit_id("xiyang").await;
    let visitor = app.login("kouqian.handler").await;
    assert_eq!(replica.get(&format!("/api/v1/units/{xiyang}"), &visitor).await.status(), StatusCode::NOT_FOUND);

    let admin = app.login("admin").await;
    let user_id = app.user_id("kouqian.handler").await;
    let resp = app
        .post(&format!("/api/v1/units/{xiyang}/members"), &admin, json!({"user_id": user_id, "role": "handler"}))
        .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let changed_at = Instant::now();
    loop {
        let status = replica.get(&format!("/api/v1/units/{xiyang}"), &visitor).await.status();
        if status == StatusCode::OK {
            break;
        }
        assert!(changed_at.elapsed() < Duration::from_secs(1), "replica still answers {status}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    println!("role change visible on the replica after {:?}", changed_at.elapsed());
}

#[tokio::test]
async fn login_throttling_is_shared_by_replicas_when_redis_is_configured() {
    let app = spawn_app().await;
    let replica = app.replica().await;
    for _ in 0..5 {
        app.try_login("huangyu.leader", "Not-the-password-1", "203.0.113.50").await;
    }
    let on_replica = replica.try_login("huangyu.leader", gongkai_tests::DEMO_PASSWORD, "203.0.113.50").await.status();
    if gongkai_tests::redis_url().is_some() {
        assert_eq!(on_replica, StatusCode::TOO_MANY_REQUESTS);
    } else {
        // Without Redis each replica counts alone (the embedded setup runs one replica).
        assert_eq!(on_replica, StatusCode::OK);
    }
    assert_eq!(
        app.try_login("huangyu.leader", gongkai_tests::DEMO_PASSWORD, "203.0.113.50").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// Waits until `check` holds on the replica, at most one second, and says how long it took.
async fn within_a_second<F, Fut>(what: &str, mut check: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !check().await {
        assert!(started.elapsed() < Duration::from_secs(1), "{what}: not refused after {:?}", started.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    started.elapsed()
}

/// Revocation: a role removed or a user disabled on one replica is refused on another within a
/// second — with Redis notices, and on a replica that only polls.
#[tokio::test]
async fn a_removed_role_and_a_disabled_user_are_refused_on_other_replicas_within_a_second() {
    let app = spawn_app().await;
    let notified = app.replica().await;
    let polling = app.replica_polling_only().await;
    let unit = app.unit_id("kouqian").await;
    let handler = app.login("kouqian.handler").await;
    let list = format!("/api/v1/units/{unit}/applications");
    for replica in [&notified, &polling] {
        assert_eq!(replica.get(&list, &handler).await.status(), StatusCode::OK);
    }
    let admin = app.login("admin").await;
    let members = json(app.get(&format!("/api/v1/units/{unit}/members"), &admin).await, StatusCode::OK).await;
    let assignment = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == json!(handler.user_id))
        .unwrap_or_else(|| panic!("{members}"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let removed = app.delete(&format!("/api/v1/units/{unit}/members/{assignment}"), &admin).await;
    assert!(removed.status().is_success(), "{}", removed.status());
    for (name, replica) in [("notified", &notified), ("polling", &polling)] {
        let took = within_a_second(&format!("role removed, {name} replica"), || async {
            replica.get(&list, &handler).await.status() != StatusCode::OK
        })
        .await;
        println!("role removal refused on the {name} replica after {took:?}");
    }

    let leader = app.login("kouqian.leader").await;
    let id = app.user_id("kouqian.leader").await;
    let resp = app.patch(&format!("/api/v1/users/{id}"), &admin, json!({"status": "disabled"})).await;
    assert_eq!(resp.status(), StatusCode::OK);
    for (name, replica) in [("notified", &notified), ("polling", &polling)] {
        let took = within_a_second(&format!("user disabled, {name} replica"), || async {
            replica.get("/api/v1/auth/me", &leader).await.status() == StatusCode::UNAUTHORIZED
        })
        .await;
        println!("disabled user refused on the {name} replica after {took:?}");
    }
}

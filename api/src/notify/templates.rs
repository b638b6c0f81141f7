//! Email templates: one subject/text/HTML set per message kind, in Chinese and English, rendered by
//! minijinja. The inbox copy uses the subject and the text.

use std::sync::LazyLock;

use minijinja::{AutoEscape, Environment};

macro_rules! template_set {
    ($($kind:literal),* $(,)?) => {
        &[$(
            (concat!($kind, "/subject.zh"), include_str!(concat!("../../templates/email/", $kind, "/subject.zh.j2"))),
            (concat!($kind, "/text.zh"), include_str!(concat!("../../templates/email/", $kind, "/text.zh.j2"))),
            (concat!($kind, "/html.zh"), include_str!(concat!("../../templates/email/", $kind, "/html.zh.j2"))),
            (concat!($kind, "/subject.en"), include_str!(concat!("../../templates/email/", $kind, "/subject.en.j2"))),
            (concat!($kind, "/text.en"), include_str!(concat!("../../templates/email/", $kind, "/text.en.j2"))),
            (concat!($kind, "/html.en"), include_str!(concat!("../../templates/email/", $kind, "/html.en.j2"))),
        )*]
    };
}

pub const TEMPLATES: &[(&str, &str)] = template_set!(
    "clock_reminder",
    "clock_due_today",
    "clock_overdue",
    "calendar_next_year",
    "application_update",
    "application_alert",
    "application_supervision",
    "referral_received",
    "case_hearing",
    "case_decision",
    "case_closed",
    "case_review_filed",
    "case_review_decided",
    "case_appeal_filed",
    "case_appeal_decided",
    "case_approval_requested",
    "case_appeal_extended",
    "case_sanction_recommended",
    "publication_prompt",
    "evaluation_invitation",
    "assessment_result",
);

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| if name.contains("/html.") { AutoEscape::Html } else { AutoEscape::None });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        if let Err(err) = env.add_template(name, source) {
            tracing::error!(template = name, error = %err, "email template does not parse");
        }
    }
    env
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders a kind in a language (`zh` or `en`).
pub fn render(kind: &str, lang: &str, context: &serde_json::Value) -> anyhow::Result<Rendered> {
    let lang = if lang.starts_with("en") { "en" } else { "zh" };
    let get = |part: &str| -> anyhow::Result<String> {
        let template = ENV.get_template(&format!("{kind}/{part}.{lang}"))?;
        Ok(template.render(context)?)
    };
    Ok(Rendered { subject: get("subject")?.trim().to_string(), text: get("text")?, html: get("html")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> serde_json::Value {
        let mut context = serde_json::json!({
            "recipient_name": "张三", "unit_name": "口前镇", "subject_label": "依申请公开 <2026-001>",
            "legal_basis": "条例第三十三条", "limit_name": "答复期限", "due_date": "2026-10-29", "working_days_left": 3,
            "link": "http://x/console", "violation_item_label": "二", "year": 2027, "county_name": "永吉县",
            "tracking_code": "2026-K7Q9M3XP", "step": "received", "count": 31, "office_name": "县政务公开办",
            "message": "请立即答复", "respond_by": "2026-11-03", "question": "是否涉密",
            "correction": false, "to_unit_name": "县自然资源局", "topic": "2026年农村公路项目招标结果",
            "from_applicant": false, "campaign_title": "2026年度政务公开社会评议", "category_name": "人大代表",
            "unit_names": "口前镇人民政府、西阳镇人民政府", "opens_on": "2026-10-12", "closes_on": "2026-11-30",
            "grade": "良好", "grade_en": "Good", "total": "85.5", "maximum": "100",
        });
        let cases = serde_json::json!({
            "case_number": "永问〔2026〕1号", "case_title": "逾期答复", "deciding_body": "县政务公开办", "facts": "逾期",
            "deadline": "2026-10-20", "measures": "责令改正", "case_measures": "责令改正、通报批评",
            "sanction_ends_on": "", "circulated_to": "口前镇", "reasons": "理由", "remedies": "救济途径：……",
            "next_step": "", "remedy_step": "复核", "external": false, "appellant": "张三", "grounds": "不服",
            "decide_by": "2026-12-20", "outcome": "changed", "measures_before": "记过", "measures_after": "警告",
            "reason": "理由", "severity": "major", "closure": "免予处理", "sanction_recommended": true,
            "recommended": "张三（口前镇）：记过",
        });
        if let (Some(all), Some(more)) = (context.as_object_mut(), cases.as_object()) {
            all.extend(more.clone());
        }
        context
    }

    #[test]
    fn every_kind_renders_in_both_languages() {
        for (kind, _) in
            TEMPLATES.iter().filter_map(|(name, _)| name.split_once('/')).filter(|(_, p)| *p == "subject.zh")
        {
            for lang in ["zh", "en"] {
                let r = render(kind, lang, &sample()).unwrap();
                assert!(!r.subject.is_empty() && !r.text.is_empty() && r.html.contains("<html>"), "{kind} {lang}");
            }
        }
    }

    #[test]
    fn every_step_of_an_application_has_its_own_wording() {
        let mut seen = std::collections::HashSet::new();
        for step in [
            "submitted",
            "received",
            "correction_requested",
            "corrected",
            "extended",
            "fee_notice",
            "replied",
            "lapsed",
            "reasons_requested",
            "deferred",
            "forwarded",
            "correction_answered",
        ] {
            let mut context = sample();
            context["step"] = serde_json::json!(step);
            for lang in ["zh", "en"] {
                let r = render("application_update", lang, &context).unwrap();
                assert!(r.subject.contains("2026-K7Q9M3XP"), "{step} {lang}");
                assert!(seen.insert(r.text.clone()), "{step} {lang} repeats another step's text");
            }
        }
    }

    #[test]
    fn html_is_escaped_and_text_is_not() {
        let r = render("clock_reminder", "zh", &sample()).unwrap();
        assert!(r.html.contains("&lt;2026-001&gt;"));
        assert!(r.text.contains("<2026-001>"));
    }

    #[test]
    fn a_missing_value_is_an_error_not_a_blank() {
        assert!(render("clock_reminder", "zh", &serde_json::json!({})).is_err());
    }
}

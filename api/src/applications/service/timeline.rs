//! The application's history as its applicant and handler see it, and the emails each step sends.

use super::*;

/// One step of the history as a workflow function states it.
#[derive(Debug, Clone)]
pub struct Ev<'a> {
    pub kind: &'a str,
    /// Shown to the applicant.
    pub public: bool,
    pub actor: Option<Uuid>,
    /// The day the step takes effect.
    pub on: NaiveDate,
    pub details: serde_json::Value,
    /// The letter the step sends, if any.
    pub letter: Option<&'a str>,
}

/// Records one step of the history; public steps are what the applicant sees.
pub async fn event(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    e: Ev<'_>,
    now: DateTime<Utc>,
) -> Result<application_event::Model, ApiError> {
    let document_number = e.letter.map(|l| document_number(app, l, e.on));
    let model = application_event::Model {
        id: Uuid::now_v7(),
        application_id: app.id,
        county_id: app.county_id,
        unit_id: app.unit_id,
        kind: e.kind.into(),
        public: e.public,
        actor_user_id: e.actor,
        on_date: e.on,
        details: e.details.to_string(),
        letter: e.letter.map(Into::into),
        document_number,
        created_at: now,
    };
    application_event::Entity::insert(application_event::ActiveModel::from(model.clone()))
        .exec_without_returning(tx)
        .await?;
    Ok(model)
}

/// `〔2026〕K7Q9M3XP-补正` style numbers: unique because the tracking code is, and they say which
/// letter they are.
pub(super) fn document_number(app: &application::Model, letter: &str, on: NaiveDate) -> String {
    let tail = app.tracking_code.split('-').nth(1).unwrap_or(&app.tracking_code);
    let short = match letter {
        "receipt" => "登",
        "correction_notice" => "补",
        "extension_notice" => "延",
        "third_party_consultation" => "征",
        "fee_notice" => "费",
        _ => "复",
    };
    format!("依申请〔{}〕{tail}{short}号", on.format("%Y"))
}

/// Queues the applicant's email for a step, when they gave an address. The applicant has no
/// account, so there is no inbox copy: the tracking page is their inbox.
pub async fn email_applicant(
    tx: &impl ConnectionTrait,
    base_url: &str,
    app: &application::Model,
    step: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    email_applicant_with(tx, base_url, app, step, "", now).await
}

/// The same, naming the unit an Art. 41 request was forwarded to.
pub async fn email_applicant_with(
    tx: &impl ConnectionTrait,
    base_url: &str,
    app: &application::Model,
    step: &str,
    to_unit_name: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let Some(address) = app.email.clone() else { return Ok(()) };
    let unit = unit::Entity::find_by_id(app.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    let due = match clock_of(tx, app, &REPLY).await? {
        Some(c) if c.state.is_open() => c.due_date.to_string(),
        _ => String::new(),
    };
    let notice = Notice {
        kind: "application_update",
        context: serde_json::json!({
            "unit_name": unit.name,
            "tracking_code": app.tracking_code,
            "step": step,
            "due_date": due,
            "correction": app.request_kind == RequestKind::Correction,
            "to_unit_name": to_unit_name,
            "link": format!("{}/track?code={}", base_url.trim_end_matches('/'), app.tracking_code),
        }),
        subject_type: Some(SUBJECT.into()),
        subject_id: Some(app.id.to_string()),
        link: None,
        legal: true,
    };
    // Whatever name was typed on an anonymous form is neither the greeting nor the display name of an
    // official email: the address is not verified, so the message must not speak in someone's name.
    let to = notify::Addressee {
        county_id: Some(app.county_id),
        address: &address,
        name: if app.lang == "en" { "Applicant" } else { "申请人" },
        lang: &app.lang,
    };
    notify::email_address(tx, base_url, &to, &notice, now).await
}

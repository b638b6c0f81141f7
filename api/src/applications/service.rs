//! The rules of handling an application, each step a function that runs in the caller's
//! transaction, checks the stage it starts from, moves the clocks, records a timeline event and
//! queues the applicant's email. Routes authorize and audit; these functions decide.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use entity::enums::{
    ApplicantKind, ApplicationChannel, ApplicationStatus as Status, ConsultedParty, DeliveryForm, OversightFunction,
    ReplyOutcome,
};
use entity::{
    application, application_alert, application_attachment, application_consultation, application_event, unit, user,
};
use hmac::{Hmac, Mac};
use rand::Rng;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::fees::{self, FeeMethod, FeeQuote};
use super::identity::{IdType, IdentityNumber, PhoneNumber};
use super::{
    APPLICATION, CONSULTATION, CONSULTATION_ANSWER, CORRECTION_WAIT, PAYMENT, REFERRAL_ANSWER, REPLY, SIGN, SUBJECT,
};
use crate::approvals::{self, Approval};
use crate::audit::AuditKey;
use crate::calendar::{Period, service as calendar};
use crate::clocks::{self, ClockKind, Label, NewClock, Subject};
use crate::config::ApplicationSettings;
use crate::error::{ApiError, ErrorCode};
use crate::notify::{self, Notice};
use crate::tenancy::{ScopedFind, UnitRef};
use crate::time::beijing_today;
use crate::units::people::{function_unit, members};

pub const KIND_SIGN: &str = SIGN.code;
pub const KIND_REPLY: &str = REPLY.code;

/// Where and when a step happens: the handling unit, the public address for links, the instant.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub unit: UnitRef,
    pub base_url: &'a str,
    pub now: DateTime<Utc>,
}

/// The applicant as typed on a form, before any check.
#[derive(Debug, Clone, Copy)]
pub struct ApplicantForm<'a> {
    pub kind: ApplicantKind,
    pub name: &'a str,
    pub id_type: IdType,
    pub id_number: &'a str,
    pub contact_person: Option<&'a str>,
    pub phone: &'a str,
    pub email: Option<&'a str>,
    pub address: &'a str,
}

/// Everything an applicant states, already checked.
#[derive(Debug, Clone)]
pub struct Applicant {
    pub kind: ApplicantKind,
    pub name: String,
    pub identity: IdentityNumber,
    pub contact_person: Option<String>,
    pub phone: PhoneNumber,
    pub email: Option<String>,
    pub address: String,
}

impl Applicant {
    /// Checks the identity document against the kind of applicant: a natural person gives a
    /// personal document, an organisation its credit code or another registration number.
    pub fn new(given: &ApplicantForm<'_>) -> Result<Self, ApiError> {
        let ApplicantForm { kind, name, id_type, id_number, contact_person, phone, email, address } = *given;
        let natural = kind == ApplicantKind::NaturalPerson;
        match (natural, id_type) {
            (true, IdType::CreditCode) | (false, IdType::ResidentId | IdType::Passport) => {
                return Err(ApiError::field("applicant.id_type", "id_type_mismatch"));
            }
            _ => {}
        }
        if !natural && contact_person.is_none_or(|c| c.trim().is_empty()) {
            return Err(ApiError::field("applicant.contact_person", "required"));
        }
        let identity =
            IdentityNumber::parse(id_type, id_number).map_err(|code| ApiError::field("applicant.id_number", code))?;
        let phone = PhoneNumber::parse(phone).map_err(|code| ApiError::field("applicant.phone", code))?;
        Ok(Self {
            kind,
            name: name.trim().to_string(),
            identity,
            contact_person: contact_person.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()),
            phone,
            email: email.map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()),
            address: address.trim().to_string(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Intake {
    pub applicant: Applicant,
    pub description: String,
    pub purpose: Option<String>,
    pub delivery_form: DeliveryForm,
    pub channel: ApplicationChannel,
    /// For staff intake: the receipt date of Art. 31. Online applications are received when signed for.
    pub received_on: Option<NaiveDate>,
    pub idempotency_key: Option<String>,
    /// The staff member who registers a counter, post, fax or email application.
    pub staff: Option<Uuid>,
    /// The citizen account submitting it, when the applicant is signed in on the portal.
    pub citizen: Option<Uuid>,
    /// The language of the applicant's emails: the portal's, or Chinese at the counter.
    pub lang: crate::error::Lang,
}

/// What the caller learns about a new application.
#[derive(Debug, Clone)]
pub struct Created {
    pub application: application::Model,
    pub secret: String,
    /// False when an idempotency key matched an earlier submission.
    pub new: bool,
}

fn keyed(key: &[u8], parts: &[&str]) -> Vec<u8> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return Vec::new() };
    for p in parts {
        mac.update(p.as_bytes());
        mac.update(b"\x1f");
    }
    mac.finalize().into_bytes().to_vec()
}

/// The applicant's secret for a tracking code, derived rather than stored, so a retried submission
/// can be told it again and a database dump alone does not reveal it.
pub fn tracking_secret(key: &AuditKey, application_id: Uuid) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    keyed(&key.derive("tracking-secret"), &[&application_id.to_string()])
        .iter()
        .take(12)
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

pub fn secret_matches(key: &AuditKey, application_id: Uuid, given: &str) -> bool {
    use subtle::ConstantTimeEq;
    let expected = tracking_secret(key, application_id);
    let given = given.trim().to_ascii_uppercase();
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

/// The same person or organisation across units, without comparing identity numbers in the clear.
pub fn applicant_key(key: &AuditKey, identity: &IdentityNumber) -> String {
    hex::encode(keyed(&key.derive("applicant"), &[identity.id_type.as_str(), identity.as_str()]))
}

fn new_tracking_code(today: NaiveDate) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let tail: String = (0..8).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    format!("{}-{tail}", today.format("%Y"))
}

pub async fn find_by_code(
    db: &impl ConnectionTrait,
    tracking_code: &str,
) -> Result<Option<application::Model>, ApiError> {
    Ok(application::Entity::find()
        .filter(application::Column::TrackingCode.eq(tracking_code.trim().to_ascii_uppercase()))
        .one(db)
        .await?)
}

/// The unit now handling an application the caller already holds: its children (events, files,
/// consultations, approvals, proceedings, notices) are read in that unit.
pub fn handling_unit(app: &application::Model) -> UnitRef {
    UnitRef::owning_row(app.unit_id, app.county_id)
}

/// The application as the subject of its clocks, in the unit now handling it.
pub fn subject(app: &application::Model) -> Subject {
    Subject::new(APPLICATION, app.id, handling_unit(app))
}

/// How staff know an application on "my work", in reminders and leads: its tracking code, the
/// applicant as lists show them (masked) and the start of the request.
pub fn label(app: &application::Model) -> Label {
    let name = super::identity::mask_name(&app.applicant_name, app.applicant_kind == ApplicantKind::NaturalPerson);
    let mut request: String = app.description.chars().take(12).collect();
    if app.description.chars().count() > 12 {
        request.push('…');
    }
    Label::new(
        format!("依申请 {} · {name} · {request}", app.tracking_code),
        Some(format!("/console/applications/{}/{}", app.unit_id, app.id)),
    )
}

/// The application's clock of a kind, open or not.
pub async fn clock_of(
    db: &impl ConnectionTrait,
    app: &application::Model,
    kind: &ClockKind,
) -> Result<Option<clocks::Clock>, ApiError> {
    clocks::find(db, &subject(app), kind).await
}

/// A time limit of the workflow: its kind, the rule it comes from and its length in working days.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub kind: &'static ClockKind,
    pub basis: &'static str,
    pub days: u32,
}

async fn start_clock(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    rule: Rule,
    start: NaiveDate,
    assignee: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<clocks::Clock, ApiError> {
    let new = NewClock {
        kind: rule.kind,
        legal_basis: rule.basis.into(),
        start,
        period: Period::WorkingDays(rule.days),
        assignee,
        label: label(app),
    };
    clocks::start(tx, &subject(app), new, now).await
}

/// Ends an open clock of the application, if it has one.
async fn end_clock(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    kind: &ClockKind,
    ending: clocks::Ending,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::end(tx, &subject(app), kind, ending, now).await?;
    Ok(())
}

/// Stops the reply clock from `from` (the first day that does not count), unless another wait has
/// stopped it already.
async fn suspend_reply(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    from: NaiveDate,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::suspend(tx, &subject(app), &REPLY, from, reason, by, now).await?;
    Ok(())
}

async fn resume_reply(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    last_paused_day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::resume(tx, &subject(app), &REPLY, last_paused_day, now).await?;
    Ok(())
}

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
fn document_number(app: &application::Model, letter: &str, on: NaiveDate) -> String {
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

async fn save(
    tx: &impl ConnectionTrait,
    app: application::Model,
    change: impl FnOnce(&mut application::ActiveModel),
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    let mut active: application::ActiveModel = app.into();
    change(&mut active);
    active.updated_at = Set(now);
    Ok(active.update(tx).await?)
}

fn require(app: &application::Model, allowed: &[Status]) -> Result<(), ApiError> {
    if allowed.contains(&app.status) {
        Ok(())
    } else {
        Err(ApiError::Rule(ErrorCode::ApplicationWrongStage, Some("status".into())))
    }
}

/// A new application. Online ones wait to be signed for; staff intake is received on the date given.
pub async fn intake(
    tx: &impl ConnectionTrait,
    key: &AuditKey,
    limits: &ApplicationSettings,
    base_url: &str,
    unit: &unit::Model,
    input: Intake,
    now: DateTime<Utc>,
) -> Result<Created, ApiError> {
    let staff = input.staff;
    if let Some(idem) = &input.idempotency_key
        && let Some(existing) =
            application::Entity::find().filter(application::Column::IdempotencyKey.eq(idem.clone())).one(tx).await?
    {
        let secret = tracking_secret(key, existing.id);
        return Ok(Created { application: existing, secret, new: false });
    }
    let today = beijing_today(now);
    let staff_intake = staff.is_some();
    let received_on = match (staff_intake, input.received_on) {
        (true, Some(d)) if d > today => return Err(ApiError::field("received_on", "in_future")),
        (true, Some(d)) if d < today - TimeDelta::days(366) => return Err(ApiError::field("received_on", "range")),
        (true, Some(d)) => Some(d),
        (true, None) => return Err(ApiError::field("received_on", "required")),
        (false, _) => None,
    };
    let a = &input.applicant;
    let applicant_key = applicant_key(key, &a.identity);
    let mut app = application::Model {
        id: Uuid::now_v7(),
        county_id: unit.county_id,
        unit_id: unit.id,
        tracking_code: new_tracking_code(today),
        channel: input.channel,
        status: if received_on.is_some() { Status::InProgress } else { Status::Submitted },
        applicant_kind: a.kind,
        applicant_name: a.name.clone(),
        id_type: a.identity.id_type.as_str().into(),
        id_number: a.identity.as_str().into(),
        applicant_key: applicant_key.clone(),
        contact_person: a.contact_person.clone(),
        phone: a.phone.as_str().into(),
        email: a.email.clone(),
        address: a.address.clone(),
        description: input.description.trim().to_string(),
        purpose: input.purpose.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
        delivery_form: input.delivery_form,
        submitted_at: now,
        received_on,
        received_by: staff,
        handler_user_id: staff,
        transferred_from_unit_id: None,
        correction_items: None,
        correction_requested_on: None,
        corrected_on: None,
        extension_days: 0,
        fee_method: None,
        fee_quantity: None,
        fee_amount_fen: None,
        fee_notice_on: None,
        fee_paid_on: None,
        draft_outcome: None,
        draft_text: None,
        draft_leader_instructed: false,
        draft_objection: None,
        secrecy_reviewed: false,
        drafted_by: None,
        drafted_at: None,
        outcome: None,
        reply_text: None,
        closed_on: None,
        approved_by: None,
        delivered_at: None,
        delivery_note: None,
        art35_flag: false,
        flag_note: None,
        idempotency_key: input.idempotency_key.clone(),
        created_at: now,
        updated_at: now,
        citizen_id: input.citizen,
        lang: if input.lang == crate::error::Lang::En { "en".into() } else { "zh".into() },
    };
    // Many applications by one applicant are flagged for Art. 35 handling, never refused here:
    // whether they are unreasonable is the unit's reasoned decision.
    let since = now - TimeDelta::days(30);
    let recent = application::Entity::find_within(&crate::auth::Reach::County(unit.county_id))
        .filter(application::Column::ApplicantKey.eq(applicant_key.clone()))
        .filter(application::Column::SubmittedAt.gte(since))
        .count(tx)
        .await?;
    if recent + 1 >= limits.art35_per_30_days {
        app.art35_flag = true;
        app.flag_note =
            Some(format!("该申请人近30日内在本县提交申请{}件（含本件），请依条例第三十五条审查。", recent + 1));
    }
    application::Entity::insert(application::ActiveModel::from(app.clone())).exec_without_returning(tx).await?;

    match received_on {
        Some(received) => start_handling(tx, &app, received, staff, now).await?,
        None => {
            start_clock(
                tx,
                &app,
                Rule { kind: &SIGN, basis: "条例第三十一条", days: limits.sign_days },
                today,
                None,
                now,
            )
            .await?;
        }
    }
    event(
        tx,
        &app,
        Ev {
            kind: if received_on.is_some() { "received" } else { "submitted" },
            public: true,
            actor: staff,
            on: received_on.unwrap_or(today),
            details: serde_json::json!({ "channel": app.channel }),
            letter: received_on.map(|_| "receipt"),
        },
        now,
    )
    .await?;
    if app.art35_flag {
        alert_once(tx, base_url, unit, "art35", &applicant_key, recent + 1, now).await?;
    }
    let day_ago = now - TimeDelta::days(1);
    let burst = application::Entity::find_in(UnitRef::owning_row(unit.id, unit.county_id))
        .filter(application::Column::SubmittedAt.gte(day_ago))
        .count(tx)
        .await?;
    if burst >= limits.surge_per_day {
        alert_once(tx, base_url, unit, "surge", &unit.id.to_string(), burst, now).await?;
    }
    email_applicant(tx, base_url, &app, if received_on.is_some() { "received" } else { "submitted" }, now).await?;
    let secret = tracking_secret(key, app.id);
    Ok(Created { application: app, secret, new: true })
}

/// The reply clock counts from the receipt date. The 7-working-day window for a correction notice is
/// not a clock: most applications need no correction, so it is a limit the notice is checked against.
async fn start_handling(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    received: NaiveDate,
    handler: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    start_clock(tx, app, Rule { kind: &REPLY, basis: "条例第三十三条", days: 20 }, received, handler, now).await?;
    Ok(())
}

/// Tells the openness office once a day about a surge at a unit or an applicant flagged for Art. 35.
async fn alert_once(
    tx: &impl ConnectionTrait,
    base_url: &str,
    unit: &unit::Model,
    kind: &str,
    subject: &str,
    count: u64,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let inserted = application_alert::Entity::insert(application_alert::ActiveModel {
        id: Set(Uuid::now_v7()),
        county_id: Set(unit.county_id),
        kind: Set(kind.into()),
        subject: Set(subject.chars().take(64).collect()),
        on_date: Set(beijing_today(now)),
        count: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            application_alert::Column::Kind,
            application_alert::Column::Subject,
            application_alert::Column::OnDate,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(tx)
    .await?;
    if inserted == 0 {
        return Ok(());
    }
    let link = format!("{}/console/oversight/applications", base_url.trim_end_matches('/'));
    for person in office_members(tx, unit.county_id).await? {
        let notice = Notice {
            kind: "application_alert",
            context: serde_json::json!({
                "recipient_name": person.display_name, "unit_name": unit.name, "reason": kind,
                "count": count, "link": link,
            }),
            subject_type: Some("unit".into()),
            subject_id: Some(unit.id.to_string()),
            link: Some(link.clone()),
            legal: false,
        };
        notify::deliver(tx, base_url, &person, &notice, now).await?;
    }
    Ok(())
}

async fn office_members(tx: &impl ConnectionTrait, county_id: Uuid) -> Result<Vec<user::Model>, ApiError> {
    match function_unit(tx, county_id, OversightFunction::OpennessOffice).await? {
        Some(office) => members(tx, office.id, None).await,
        None => Ok(Vec::new()),
    }
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
    let Some(address) = app.email.clone() else { return Ok(()) };
    let unit = unit::Entity::find_by_id(app.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    let due = match clock_of(tx, app, &REPLY).await? {
        Some(c) if c.state.is_open() => c.due_date.to_string(),
        _ => String::new(),
    };
    let notice = Notice {
        kind: "application_update",
        context: serde_json::json!({
            "recipient_name": app.applicant_name,
            "unit_name": unit.name,
            "tracking_code": app.tracking_code,
            "step": step,
            "due_date": due,
            "link": format!("{}/track?code={}", base_url.trim_end_matches('/'), app.tracking_code),
        }),
        subject_type: Some(SUBJECT.into()),
        subject_id: Some(app.id.to_string()),
        link: None,
        legal: true,
    };
    let to = notify::Addressee {
        county_id: Some(app.county_id),
        address: &address,
        name: &app.applicant_name,
        lang: &app.lang,
    };
    notify::email_address(tx, base_url, &to, &notice, now).await
}

/// 签收: the online application is received today (Art. 31: both sides confirm).
pub async fn sign(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    by: Uuid,
) -> Result<application::Model, ApiError> {
    let Step { base_url, now, .. } = step;
    require(&app, &[Status::Submitted])?;
    let today = beijing_today(now);
    end_clock(tx, &app, &SIGN, clocks::Ending::Complete, now).await?;
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::InProgress);
            a.received_on = Set(Some(today));
            a.received_by = Set(Some(by));
            a.handler_user_id = Set(Some(by));
        },
        now,
    )
    .await?;
    start_handling(tx, &app, today, Some(by), now).await?;
    event(
        tx,
        &app,
        Ev {
            kind: "received",
            public: true,
            actor: Some(by),
            on: today,
            details: serde_json::json!({}),
            letter: Some("receipt"),
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "received", now).await?;
    Ok(app)
}

/// Moves a misdirected online application, before anyone signed for it, to the unit that holds the
/// information. After receipt the answer is a reply naming that unit (Art. 36(5)).
pub async fn transfer(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    to: &unit::Model,
    app: application::Model,
    reason: &str,
    by: Uuid,
    sign_days: u32,
) -> Result<application::Model, ApiError> {
    let Step { unit: from, now, .. } = step;
    require(&app, &[Status::Submitted])?;
    if to.id == app.unit_id {
        return Err(ApiError::field("to_unit_id", "same_unit"));
    }
    if to.county_id != app.county_id {
        return Err(ApiError::NotFound);
    }
    let today = beijing_today(now);
    end_clock(tx, &app, &SIGN, clocks::Ending::Cancel, now).await?;
    // The new unit gets a sign-for clock of its own: the old one stays cancelled in the old unit.
    let from_unit = app.unit_id;
    let app = save(
        tx,
        app,
        |a| {
            a.unit_id = Set(to.id);
            a.transferred_from_unit_id = Set(Some(from_unit));
        },
        now,
    )
    .await?;
    application_event::Entity::update_in(from)
        .col_expr(application_event::Column::UnitId, sea_orm::sea_query::Expr::value(to.id))
        .filter(application_event::Column::ApplicationId.eq(app.id))
        .exec(tx)
        .await?;
    application_attachment::Entity::update_in(from)
        .col_expr(application_attachment::Column::UnitId, sea_orm::sea_query::Expr::value(to.id))
        .filter(application_attachment::Column::ApplicationId.eq(app.id))
        .exec(tx)
        .await?;
    start_clock(tx, &app, Rule { kind: &SIGN, basis: "条例第三十一条", days: sign_days }, today, None, now).await?;
    event(tx, &app, Ev { kind: "transferred", public: true, actor: Some(by), on: today, details: serde_json::json!({ "from_unit_id": from_unit, "to_unit_id": to.id, "to_unit_name": to.name, "reason": reason }), letter: None }, now)
    .await?;
    Ok(app)
}

/// 补正: once, within 7 working days of receipt. The reply clock stands still until the corrected
/// application arrives and then starts again from that day (Art. 30).
pub async fn request_correction(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    items: &str,
    days: u32,
    by: Uuid,
) -> Result<application::Model, ApiError> {
    let Step { base_url, now, .. } = step;
    require(&app, &[Status::InProgress])?;
    if app.correction_requested_on.is_some() {
        return Err(ApiError::Rule(ErrorCode::CorrectionOnlyOnce, None));
    }
    let today = beijing_today(now);
    let last_day = correction_window_ends(tx, &app).await?;
    if last_day.is_some_and(|last| today > last) {
        return Err(ApiError::Late(ErrorCode::CorrectionWindowClosed, last_day.unwrap_or(today)));
    }
    suspend_reply(tx, &app, today, "等待申请人补正（条例第三十条）", Some(by), now).await?;
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::AwaitingCorrection);
            a.correction_items = Set(Some(items.trim().to_string()));
            a.correction_requested_on = Set(Some(today));
        },
        now,
    )
    .await?;
    let wait = start_clock(
        tx,
        &app,
        Rule { kind: &CORRECTION_WAIT, basis: "条例第三十条", days },
        today,
        app.handler_user_id,
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "correction_requested",
            public: true,
            actor: Some(by),
            on: today,
            details: serde_json::json!({ "items": items.trim(), "correct_by": wait.due_date }),
            letter: Some("correction_notice"),
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "correction_requested", now).await?;
    Ok(app)
}

/// The last day a correction notice may be sent: 7 working days after receipt (Art. 30).
pub async fn correction_window_ends(
    db: &impl ConnectionTrait,
    app: &application::Model,
) -> Result<Option<NaiveDate>, ApiError> {
    let Some(received) = app.received_on else { return Ok(None) };
    let cal = calendar::load(db, app.county_id).await?;
    Ok(Some(cal.due_date(received, Period::WorkingDays(7), &[]).due_date))
}

/// The corrected application arrived on `on` (the portal: today; by post: the day staff record).
pub async fn receive_correction(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    text: &str,
    on: NaiveDate,
    by: Option<Uuid>,
) -> Result<application::Model, ApiError> {
    let Step { base_url, now, .. } = step;
    require(&app, &[Status::AwaitingCorrection])?;
    let today = beijing_today(now);
    if on > today || app.correction_requested_on.is_some_and(|r| on < r) {
        return Err(ApiError::field("received_on", "invalid_value"));
    }
    end_clock(tx, &app, &CORRECTION_WAIT, clocks::Ending::Complete, now).await?;
    {
        clocks::restart(tx, &subject(&app), &REPLY, on, "收到补正后的申请（条例第三十条）", by, now).await?;
    }
    let original = app.description.clone();
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::InProgress);
            a.corrected_on = Set(Some(on));
            a.description = Set(text.trim().to_string());
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "corrected",
            public: true,
            actor: by,
            on,
            details: serde_json::json!({ "original_description": original }),
            letter: None,
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "corrected", now).await?;
    Ok(app)
}

/// One extension of at most 20 working days, approved by the unit's leader (Art. 33).
pub async fn extend(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    days: u32,
    reason: &str,
    leader: Uuid,
) -> Result<application::Model, ApiError> {
    let Step { unit, base_url, now } = step;
    require(&app, &[Status::InProgress, Status::Consulting, Status::ReplyPending])?;
    if app.extension_days > 0 {
        return Err(ApiError::Rule(ErrorCode::ExtensionOnlyOnce, None));
    }
    if !(1..=20).contains(&days) {
        return Err(ApiError::field("days", "range"));
    }
    let reply = subject(&app);
    let c = clocks::find_open(tx, &reply, &REPLY).await?.ok_or(ApiError::Rule(ErrorCode::ClockClosed, None))?;
    let today = beijing_today(now);
    if c.due_date < today {
        return Err(ApiError::Rule(ErrorCode::ExtensionAfterDueDate, None));
    }
    let c = clocks::extend(tx, &reply, &REPLY, days, reason, leader, now).await?;
    let app = save(tx, app, |a| a.extension_days = Set(i32::try_from(days).unwrap_or(20)), now).await?;
    approvals::record(
        tx,
        unit,
        Approval {
            subject_type: SUBJECT.into(),
            subject_id: app.id.to_string(),
            decision: format!("延期答复{days}个工作日"),
            drafter: app.handler_user_id.unwrap_or(leader),
            reviewers: Vec::new(),
            approver: Some(leader),
            leader_instructed: false,
            objection: None,
            collective: None,
            // An extension releases no information, so the secrecy review of SR does not apply to it;
            // recording it as missing would make AC 9(1) put the whole blame on the handler.
            secrecy_reviewed: true,
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "extended",
            public: true,
            actor: Some(leader),
            on: today,
            details: serde_json::json!({ "days": days, "reason": reason, "new_due_date": c.due_date }),
            letter: Some("extension_notice"),
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "extended", now).await?;
    Ok(app)
}

/// Consults a third party or another body (15 working days, Arts. 32 and 34), or refers the secrecy
/// question to the secrecy bureau (5 working days, SR 10). The reply clock stands still meanwhile.
pub async fn consult(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    party: ConsultedParty,
    party_name: &str,
    question: &str,
    by: Uuid,
) -> Result<(application::Model, application_consultation::Model), ApiError> {
    let Step { unit, base_url, now } = step;
    require(&app, &[Status::InProgress, Status::Consulting])?;
    let today = beijing_today(now);
    let consultation_id = Uuid::now_v7();
    let (clock_unit, target, name, kind, days, basis) = match party {
        ConsultedParty::SecrecyBureau => {
            let bureau = function_unit(tx, app.county_id, OversightFunction::SecrecyBureau)
                .await?
                .ok_or(ApiError::Rule(ErrorCode::NoSecrecyBureau, None))?;
            let name = bureau.name.clone();
            (UnitRef::referral_target(&bureau), Some(bureau), name, &REFERRAL_ANSWER, 5, "保密审查制度第十条")
        }
        ConsultedParty::ThirdParty => {
            (unit, None, party_name.trim().to_string(), &CONSULTATION_ANSWER, 15, "条例第三十二条")
        }
        ConsultedParty::OtherBody => {
            (unit, None, party_name.trim().to_string(), &CONSULTATION_ANSWER, 15, "条例第三十四条")
        }
    };
    if name.is_empty() {
        return Err(ApiError::field("party_name", "required"));
    }
    suspend_reply(tx, &app, today, "征求意见期间不计算在答复期限内（条例第三十三条）", Some(by), now).await?;
    let on_application = label(&app);
    let clock_label = match &target {
        Some(_) => {
            Label::new(format!("保密审查请示 · {}", on_application.text), Some("/console/referrals".to_string()))
        }
        None => Label::new(format!("征求意见 · {name} · {}", on_application.text), on_application.link),
    };
    let c = clocks::start(
        tx,
        &Subject::new(CONSULTATION, consultation_id, clock_unit),
        NewClock {
            kind,
            legal_basis: basis.into(),
            start: today,
            period: Period::WorkingDays(days),
            assignee: if target.is_some() { None } else { Some(by) },
            label: clock_label,
        },
        now,
    )
    .await?;
    let consultation = application_consultation::Model {
        id: consultation_id,
        application_id: app.id,
        county_id: app.county_id,
        unit_id: app.unit_id,
        party,
        party_name: name.clone(),
        target_unit_id: target.as_ref().map(|t| t.id),
        question: question.trim().to_string(),
        clock_id: Some(c.id),
        started_on: today,
        answered_on: None,
        answer: None,
        answered_by: None,
        status: "open".into(),
        created_by: by,
        created_at: now,
    };
    application_consultation::Entity::insert(application_consultation::ActiveModel::from(consultation.clone()))
        .exec_without_returning(tx)
        .await?;
    let app = save(tx, app, |a| a.status = Set(Status::Consulting), now).await?;
    let letter = (party == ConsultedParty::ThirdParty).then_some("third_party_consultation");
    event(tx, &app, Ev { kind: "consultation_started", public: true, actor: Some(by), on: today, details: serde_json::json!({ "party": party, "consultation_id": consultation_id, "answer_by": c.due_date,
                            "party_name": if party == ConsultedParty::ThirdParty { String::new() } else { name.clone() } }), letter }, now)
    .await?;
    if let Some(bureau) = target {
        let from = unit::Entity::find_by_id(app.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
        let link = format!("{}/console/referrals", base_url.trim_end_matches('/'));
        for person in members(tx, bureau.id, None).await? {
            let notice = Notice {
                kind: "referral_received",
                context: serde_json::json!({
                    "recipient_name": person.display_name, "unit_name": from.name, "question": question.trim(),
                    "due_date": c.due_date.to_string(), "link": link,
                }),
                subject_type: Some("consultation".into()),
                subject_id: Some(consultation_id.to_string()),
                link: Some(link.clone()),
                legal: false,
            };
            notify::deliver(tx, base_url, &person, &notice, now).await?;
        }
    }
    Ok((app, consultation))
}

/// The clock a consultation's answer runs on: a referral's in the secrecy bureau, any other in the
/// unit that asked.
pub fn consultation_clock(c: &application_consultation::Model) -> (Subject, &'static ClockKind) {
    match (c.party, c.target_unit_id) {
        (ConsultedParty::SecrecyBureau, Some(bureau)) => {
            (Subject::new(CONSULTATION, c.id, UnitRef::owning_row(bureau, c.county_id)), &REFERRAL_ANSWER)
        }
        _ => (Subject::new(CONSULTATION, c.id, UnitRef::owning_row(c.unit_id, c.county_id)), &CONSULTATION_ANSWER),
    }
}

/// The answer-by day of each consultation, by consultation id, from the clocks within a reach.
pub async fn consultation_dues(
    db: &impl ConnectionTrait,
    reach: &crate::auth::Reach,
    consultations: &[application_consultation::Model],
) -> Result<std::collections::HashMap<Uuid, NaiveDate>, ApiError> {
    let ids: Vec<Uuid> = consultations.iter().map(|c| c.id).collect();
    let rows = clocks::for_subjects(db, reach, CONSULTATION, &ids, &[&CONSULTATION_ANSWER, &REFERRAL_ANSWER]).await?;
    Ok(rows.into_iter().filter_map(|c| Some((Uuid::parse_str(&c.subject_id).ok()?, c.due_date))).collect())
}

/// Records the answer of a consultation (or that it lapsed unanswered, after its period: the body then
/// decides by itself, Art. 32). When none is open any more, the reply clock runs again.
pub async fn close_consultation(
    tx: &impl ConnectionTrait,
    handling_unit: UnitRef,
    consultation: application_consultation::Model,
    answer: Option<&str>,
    on: NaiveDate,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    if consultation.status != "open" {
        return Err(ApiError::Rule(ErrorCode::ConsultationClosed, None));
    }
    let today = beijing_today(now);
    if on > today || on < consultation.started_on {
        return Err(ApiError::field("answered_on", "invalid_value"));
    }
    let (asked, kind) = consultation_clock(&consultation);
    let c = clocks::find(tx, &asked, kind).await?;
    if answer.is_none() && c.as_ref().is_some_and(|c| c.due_date >= today) {
        return Err(ApiError::Rule(ErrorCode::ConsultationStillRunning, Some("answer".into())));
    }
    clocks::end(tx, &asked, kind, clocks::Ending::Complete, now).await?;
    let status = if answer.is_some() { "answered" } else { "lapsed" };
    let mut active: application_consultation::ActiveModel = consultation.clone().into();
    active.status = Set(status.into());
    active.answer = Set(answer.map(|a| a.trim().to_string()));
    active.answered_on = Set(Some(on));
    active.answered_by = Set(Some(by));
    active.update(tx).await?;
    let app = application::Entity::find_in(handling_unit)
        .filter(application::Column::Id.eq(consultation.application_id))
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let still_open = application_consultation::Entity::find_in(handling_unit)
        .filter(application_consultation::Column::ApplicationId.eq(app.id))
        .filter(application_consultation::Column::Status.eq("open"))
        .count(tx)
        .await?;
    let mut app = app;
    if still_open == 0 && app.status == Status::Consulting {
        resume_reply(tx, &app, on, now).await?;
        app = save(tx, app, |a| a.status = Set(Status::InProgress), now).await?;
    }
    event(tx, &app, Ev { kind: "consultation_closed", public: true, actor: Some(by), on, details: serde_json::json!({ "consultation_id": consultation.id, "party": consultation.party, "result": status }), letter: None }, now)
    .await?;
    Ok(app)
}

/// The month's earlier units for the fee allowance: the applicant's other applications to this unit
/// received in the same calendar month (each an item, or its quoted pages).
async fn earlier_this_month(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    method: FeeMethod,
    today: NaiveDate,
) -> Result<u64, ApiError> {
    use chrono::Datelike;
    let first = today.with_day(1).unwrap_or(today);
    let others = application::Entity::find_in(handling_unit(app))
        .filter(application::Column::ApplicantKey.eq(app.applicant_key.clone()))
        .filter(application::Column::Id.ne(app.id))
        .filter(application::Column::ReceivedOn.gte(first))
        .filter(application::Column::ReceivedOn.lte(today))
        .all(tx)
        .await?;
    Ok(others
        .iter()
        .map(|o| match (method, o.fee_method.as_deref()) {
            (FeeMethod::PerItem, Some("per_item")) => o.fee_quantity.map_or(1, |q| u64::try_from(q).unwrap_or(1)),
            (FeeMethod::PerItem, _) => 1,
            (FeeMethod::PerPage, Some("per_page")) => o.fee_quantity.map_or(0, |q| u64::try_from(q).unwrap_or(0)),
            (FeeMethod::PerPage, _) => 0,
        })
        .sum())
}

pub async fn fee_quote(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    method: FeeMethod,
    quantity: u64,
    now: DateTime<Utc>,
) -> Result<FeeQuote, ApiError> {
    let earlier = earlier_this_month(tx, app, method, beijing_today(now)).await?;
    Ok(fees::quote(method, quantity, earlier))
}

/// 收费通知: the applicant pays within 20 working days or the application lapses; the wait does not
/// count against the reply period.
pub async fn fee_notice(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    method: FeeMethod,
    quantity: u64,
    by: Uuid,
) -> Result<(application::Model, FeeQuote), ApiError> {
    let Step { base_url, now, .. } = step;
    require(&app, &[Status::InProgress])?;
    if app.fee_notice_on.is_some() {
        return Err(ApiError::Rule(ErrorCode::FeeNoticeOnlyOnce, None));
    }
    let quote = fee_quote(tx, &app, method, quantity, now).await?;
    if quote.amount_fen == 0 {
        return Err(ApiError::Rule(ErrorCode::FeeWithinAllowance, Some("quantity".into())));
    }
    let today = beijing_today(now);
    suspend_reply(tx, &app, today, "等待申请人缴纳信息处理费（国办函〔2020〕109号）", Some(by), now).await?;
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::AwaitingPayment);
            a.fee_method = Set(Some(method.as_str().into()));
            a.fee_quantity = Set(Some(i32::try_from(quantity).unwrap_or(i32::MAX)));
            a.fee_amount_fen = Set(Some(i64::try_from(quote.amount_fen).unwrap_or(i64::MAX)));
            a.fee_notice_on = Set(Some(today));
        },
        now,
    )
    .await?;
    let wait = start_clock(
        tx,
        &app,
        Rule { kind: &PAYMENT, basis: "国办函〔2020〕109号", days: 20 },
        today,
        app.handler_user_id,
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "fee_notice",
            public: true,
            actor: Some(by),
            on: today,
            details: serde_json::json!({ "quote": quote, "pay_by": wait.due_date }),
            letter: Some("fee_notice"),
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "fee_notice", now).await?;
    Ok((app, quote))
}

pub async fn record_payment(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    app: application::Model,
    paid_on: NaiveDate,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    if app.unit_id != unit.unit_id() {
        return Err(ApiError::NotFound);
    }
    require(&app, &[Status::AwaitingPayment])?;
    let today = beijing_today(now);
    if paid_on > today || app.fee_notice_on.is_some_and(|n| paid_on < n) {
        return Err(ApiError::field("paid_on", "invalid_value"));
    }
    end_clock(tx, &app, &PAYMENT, clocks::Ending::Complete, now).await?;
    resume_reply(tx, &app, paid_on, now).await?;
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::InProgress);
            a.fee_paid_on = Set(Some(paid_on));
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "fee_paid",
            public: true,
            actor: Some(by),
            on: paid_on,
            details: serde_json::json!({ "amount_fen": app.fee_amount_fen }),
            letter: None,
        },
        now,
    )
    .await?;
    Ok(app)
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub outcome: ReplyOutcome,
    pub text: String,
    pub leader_instructed: bool,
    pub objection: Option<String>,
}

/// The handler drafts the reply; it goes to the leader.
pub async fn draft_reply(
    tx: &impl ConnectionTrait,
    app: application::Model,
    draft: Draft,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    require(&app, &[Status::InProgress])?;
    if draft.objection.is_some() && !draft.leader_instructed {
        return Err(ApiError::Rule(ErrorCode::ObjectionWithoutInstruction, Some("objection".into())));
    }
    let today = beijing_today(now);
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::ReplyPending);
            a.draft_outcome = Set(Some(draft.outcome));
            a.draft_text = Set(Some(draft.text.trim().to_string()));
            a.draft_leader_instructed = Set(draft.leader_instructed);
            a.draft_objection = Set(draft.objection.map(|o| o.trim().to_string()));
            a.drafted_by = Set(Some(by));
            a.drafted_at = Set(Some(now));
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "reply_drafted",
            public: false,
            actor: Some(by),
            on: today,
            details: serde_json::json!({ "outcome": draft.outcome }),
            letter: None,
        },
        now,
    )
    .await?;
    Ok(app)
}

/// The leader approves the draft (the reply goes out and the case closes) or returns it.
pub async fn decide_reply(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    approve: bool,
    secrecy_reviewed: bool,
    note: Option<&str>,
    leader: Uuid,
) -> Result<application::Model, ApiError> {
    let Step { unit, base_url, now } = step;
    require(&app, &[Status::ReplyPending])?;
    let today = beijing_today(now);
    if !approve {
        let app = save(tx, app, |a| a.status = Set(Status::InProgress), now).await?;
        event(
            tx,
            &app,
            Ev {
                kind: "reply_returned",
                public: false,
                actor: Some(leader),
                on: today,
                details: serde_json::json!({ "note": note }),
                letter: None,
            },
            now,
        )
        .await?;
        return Ok(app);
    }
    let outcome = app.draft_outcome.ok_or(ApiError::Rule(ErrorCode::ApplicationWrongStage, None))?;
    let drafter = app.drafted_by.unwrap_or(leader);
    approvals::record(
        tx,
        unit,
        Approval {
            subject_type: SUBJECT.into(),
            subject_id: app.id.to_string(),
            decision: format!("答复：{}", super::outcome_label(outcome)),
            drafter,
            reviewers: Vec::new(),
            approver: Some(leader),
            leader_instructed: app.draft_leader_instructed,
            objection: app.draft_objection.clone(),
            collective: None,
            secrecy_reviewed,
        },
        now,
    )
    .await?;
    end_clock(tx, &app, &REPLY, clocks::Ending::Complete, now).await?;
    let text = app.draft_text.clone();
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::Closed);
            a.outcome = Set(Some(outcome));
            a.reply_text = Set(text);
            a.closed_on = Set(Some(today));
            a.approved_by = Set(Some(leader));
            a.secrecy_reviewed = Set(secrecy_reviewed);
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "replied",
            public: true,
            actor: Some(leader),
            on: today,
            details: serde_json::json!({ "outcome": outcome }),
            letter: Some("reply"),
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "replied", now).await?;
    Ok(app)
}

pub async fn record_delivery(
    tx: &impl ConnectionTrait,
    app: application::Model,
    note: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    require(&app, &[Status::Closed])?;
    if app.delivered_at.is_some() {
        return Err(ApiError::Rule(ErrorCode::AlreadyDelivered, None));
    }
    let app = save(
        tx,
        app,
        |a| {
            a.delivered_at = Set(Some(now));
            a.delivery_note = Set(Some(note.trim().chars().take(300).collect()));
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "delivered",
            public: true,
            actor: Some(by),
            on: beijing_today(now),
            details: serde_json::json!({ "note": note.trim() }),
            letter: None,
        },
        now,
    )
    .await?;
    Ok(app)
}

/// Closes applications whose applicant let the correction or payment period lapse: 逾期不补正 and
/// 逾期未缴费 of table 3. Returns the closed applications, for the caller's audit trail.
pub async fn close_lapsed(
    tx: &impl ConnectionTrait,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Vec<application::Model>, ApiError> {
    let today = beijing_today(now);
    let lapsed = clocks::expired(tx, APPLICATION, &[&CORRECTION_WAIT, &PAYMENT], today, 200).await?;
    let mut closed = Vec::new();
    for (lapsed_subject, c) in lapsed {
        let kind = if c.kind == PAYMENT.code { &PAYMENT } else { &CORRECTION_WAIT };
        clocks::end(tx, &lapsed_subject, kind, clocks::Ending::Complete, now).await?;
        let Some(app) = application::Entity::find_in(lapsed_subject.unit())
            .filter(application::Column::Id.eq(lapsed_subject.id()))
            .one(tx)
            .await?
        else {
            continue;
        };
        let (expected, outcome) = if kind == &PAYMENT {
            (Status::AwaitingPayment, ReplyOutcome::OtherUnpaid)
        } else {
            (Status::AwaitingCorrection, ReplyOutcome::OtherNoCorrection)
        };
        if app.status != expected {
            continue;
        }
        end_clock(tx, &app, &REPLY, clocks::Ending::Cancel, now).await?;
        let app = save(
            tx,
            app,
            |a| {
                a.status = Set(Status::Closed);
                a.outcome = Set(Some(outcome));
                a.closed_on = Set(Some(today));
            },
            now,
        )
        .await?;
        event(
            tx,
            &app,
            Ev {
                kind: "lapsed",
                public: true,
                actor: None,
                on: today,
                details: serde_json::json!({ "outcome": outcome, "due_date": c.due_date }),
                letter: None,
            },
            now,
        )
        .await?;
        email_applicant(tx, base_url, &app, "lapsed", now).await?;
        closed.push(app);
    }
    Ok(closed)
}

/// The scheduled step: closes lapsed applications batch by batch, each batch in one transaction with
/// one audit event per application. Returns how many were closed.
pub async fn run_lapses(state: &crate::state::AppState, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let mut total = 0;
    loop {
        let tx = crate::db::write_tx(&state.db).await?;
        let closed = close_lapsed(&tx, &state.settings.public_base_url, now).await?;
        for app in &closed {
            let record = crate::audit::AuditRecord::success("application.lapse", SUBJECT, app.id)
                .in_unit(app.county_id, app.unit_id)
                .with_summary(serde_json::json!({ "tracking_code": app.tracking_code, "outcome": app.outcome }));
            crate::audit::append(&tx, &state.audit_key, &crate::audit::system_actor("application_lapses"), record, now)
                .await?;
        }
        tx.commit().await?;
        if closed.is_empty() {
            return Ok(total);
        }
        total += closed.len() as u64;
    }
}

pub async fn attach(
    tx: &impl ConnectionTrait,
    limits: &ApplicationSettings,
    app: &application::Model,
    purpose: &str,
    file_name: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<application_attachment::Model, ApiError> {
    if !matches!(purpose, "identity_proof" | "correction" | "other") {
        return Err(ApiError::field("purpose", "invalid_value"));
    }
    let name: String =
        file_name.trim().chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"')).take(200).collect();
    if name.is_empty() {
        return Err(ApiError::field("file_name", "required"));
    }
    if bytes.is_empty() {
        return Err(ApiError::field("content", "required"));
    }
    if bytes.len() > limits.attachment_max_bytes {
        return Err(ApiError::PayloadTooLarge);
    }
    // Identity proofs and corrections: PDF, JPEG or PNG only.
    let content_type = crate::download::sniff(&bytes, false).ok_or(ApiError::UnsupportedMediaType)?;
    let existing = application_attachment::Entity::find_in(handling_unit(app))
        .filter(application_attachment::Column::ApplicationId.eq(app.id))
        .count(tx)
        .await?;
    if existing >= limits.attachments_per_application {
        return Err(ApiError::Rule(ErrorCode::TooManyAttachments, None));
    }
    let model = application_attachment::Model {
        id: Uuid::now_v7(),
        application_id: app.id,
        unit_id: app.unit_id,
        purpose: purpose.into(),
        file_name: name,
        content_type: content_type.into(),
        size_bytes: i32::try_from(bytes.len()).unwrap_or(i32::MAX),
        sha256: hex::encode(Sha256::digest(&bytes)),
        content: bytes,
        created_at: now,
    };
    application_attachment::Entity::insert(application_attachment::ActiveModel::from(model.clone()))
        .exec_without_returning(tx)
        .await?;
    Ok(model)
}

/// The due date of an application's running reply (or sign-for) clock, with how it was reached.
pub async fn explained_due(
    db: &impl ConnectionTrait,
    app: &application::Model,
    now: DateTime<Utc>,
) -> Result<Option<(clocks::Clock, crate::calendar::DueDateExplanation)>, ApiError> {
    let mut found = None;
    for kind in [&REPLY, &SIGN] {
        if let Some(c) = clock_of(db, app, kind).await? {
            found = Some(c);
            break;
        }
    }
    let Some(c) = found else { return Ok(None) };
    let explanation = clocks::explained(db, &c, now).await?;
    Ok(Some((c, explanation)))
}

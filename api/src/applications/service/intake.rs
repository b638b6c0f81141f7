//! Intake (Arts. 29–31): who the applicant is, the tracking code and its secret, receipt, the
//! Art. 35 flag and surge alerts, signing for an online application, and transfer before signing.

use super::*;

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
    pub request: Request,
    pub purpose: Option<String>,
    pub delivery_form: DeliveryForm,
    pub channel: ApplicationChannel,
    /// For staff intake: the receipt date of Art. 31. Online applications are received when signed for.
    pub received_on: Option<NaiveDate>,
    /// The portal client's Idempotency-Key, hashed and bound to the request.
    pub idempotency: Option<Idempotency>,
    /// The applicant's contact submitted more than the daily count on the portal: received all the
    /// same, and flagged for the unit's Art. 35 review.
    pub contact_flood: bool,
    /// Help given at the counter for reading, visual or hearing difficulties (Art. 43).
    pub assistance: Option<String>,
    /// The staff member who registers a counter, post, fax or email application.
    pub staff: Option<Uuid>,
    /// The citizen account submitting it, when the applicant is signed in on the portal.
    pub citizen: Option<Uuid>,
    /// The language of the applicant's emails: the portal's, or Chinese at the counter.
    pub lang: crate::error::Lang,
}

/// What is asked for: information, or (Art. 41) the correction of a record about the applicant.
#[derive(Debug, Clone)]
pub struct Request {
    pub kind: RequestKind,
    pub correction_sought: Option<String>,
}

impl Request {
    /// A correction names what it seeks; an application for information has nothing to correct.
    pub fn new(kind: RequestKind, correction_sought: Option<String>) -> Result<Self, ApiError> {
        let sought = correction_sought.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        match (kind, &sought) {
            (RequestKind::Correction, None) => Err(ApiError::field("correction_sought", "required")),
            (RequestKind::Disclosure, Some(_)) => Err(ApiError::field("correction_sought", "correction_only")),
            _ => Ok(Self { kind, correction_sought: sought }),
        }
    }
}

/// Art. 41 sets no time limit for answering a correction request; the county reads it as the
/// 20 working days of Art. 33, the reading that protects the applicant.
pub fn reply_basis(app: &application::Model) -> &'static str {
    match app.request_kind {
        RequestKind::Disclosure => "条例第三十三条",
        RequestKind::Correction => "条例第四十一条（未规定期限，参照第三十三条）",
    }
}

/// The registration receipt is worded for an application for information; a correction request
/// is acknowledged by its tracking page and email instead.
fn receipt_letter(app: &application::Model) -> Option<&'static str> {
    (app.request_kind == RequestKind::Disclosure).then_some("receipt")
}

/// A portal client's Idempotency-Key: kept only as a keyed hash, bound to a fingerprint of the
/// request, for a day. A retry of the same request gets the first answer; the same key with
/// another request is a conflict that discloses nothing.
#[derive(Debug, Clone)]
pub struct Idempotency {
    key_hash: String,
    fingerprint: String,
}

/// How long a key is remembered.
const IDEMPOTENCY_HOURS: i64 = 24;

impl Idempotency {
    pub fn new(key: &AuditKey, raw: &str, request: &[&str]) -> Self {
        let key_hash = hex::encode(crate::tracking::keyed(&key.derive("idempotency-key"), &[raw]));
        let fingerprint = hex::encode(crate::tracking::keyed(&key.derive("idempotency-request"), request));
        Self { key_hash, fingerprint }
    }

    async fn row(&self, db: &impl ConnectionTrait) -> Result<Option<entity::idempotency_key::Model>, ApiError> {
        Ok(entity::idempotency_key::Entity::find_by_id(self.key_hash.clone()).one(db).await?)
    }

    /// The application a live key was first used for, if this is a retry of that request.
    async fn earlier(
        &self,
        tx: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> Result<Option<application::Model>, ApiError> {
        match self.row(tx).await? {
            None => Ok(None),
            Some(row) if row.expires_at <= now => {
                // Forgotten: the key may serve a new request.
                entity::idempotency_key::Entity::delete_by_id(row.key_hash).exec(tx).await?;
                Ok(None)
            }
            Some(row) if row.fingerprint != self.fingerprint => {
                Err(ApiError::Conflict(ErrorCode::IdempotencyConflict, Some("Idempotency-Key".into())))
            }
            Some(row) => Ok(application::Entity::find_by_id(row.application_id).one(tx).await?),
        }
    }

    async fn remember(
        &self,
        tx: &impl ConnectionTrait,
        application_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        entity::idempotency_key::Entity::insert(entity::idempotency_key::ActiveModel {
            key_hash: Set(self.key_hash.clone()),
            fingerprint: Set(self.fingerprint.clone()),
            application_id: Set(application_id),
            expires_at: Set(now + TimeDelta::hours(IDEMPOTENCY_HOURS)),
            created_at: Set(now),
        })
        .exec_without_returning(tx)
        .await?;
        Ok(())
    }

    /// Whether this is a retry of the request a live key was first used for (it skips the rate
    /// limits only then).
    pub async fn is_retry(&self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<bool, ApiError> {
        Ok(self.row(db).await?.is_some_and(|row| row.expires_at > now && row.fingerprint == self.fingerprint))
    }
}

/// What the caller learns about a new application.
#[derive(Debug, Clone)]
pub struct Created {
    pub application: application::Model,
    pub secret: String,
    /// False when an idempotency key matched an earlier submission.
    pub new: bool,
}

/// The applicant's secret for a tracking code, derived rather than stored, so a retried submission
/// can be told it again and a database dump alone does not reveal it.
pub fn tracking_secret(key: &AuditKey, application_id: Uuid) -> String {
    crate::tracking::secret(key, "tracking-secret", application_id)
}

pub fn secret_matches(key: &AuditKey, application_id: Uuid, given: &str) -> bool {
    crate::tracking::secret_matches(key, "tracking-secret", application_id, given)
}

/// The same person or organisation across units, without comparing identity numbers in the clear.
pub fn applicant_key(key: &AuditKey, identity: &IdentityNumber) -> String {
    hex::encode(crate::tracking::keyed(&key.derive("applicant"), &[identity.id_type.as_str(), identity.as_str()]))
}

pub(super) fn new_tracking_code(today: NaiveDate) -> String {
    crate::tracking::new_code(&today.format("%Y").to_string())
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
    if let Some(idem) = &input.idempotency
        && let Some(existing) = idem.earlier(tx, now).await?
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
        fee_notice_received_on: None,
        fee_paid_on: None,
        draft_outcome: None,
        draft_text: None,
        draft_leader_instructed: false,
        draft_objection: None,
        draft_public_interest: None,
        secrecy_reviewed: false,
        secrecy_reviewed_by: None,
        secrecy_reviewed_at: None,
        secrecy_review_note: None,
        drafted_by: None,
        drafted_at: None,
        outcome: None,
        reply_text: None,
        closed_on: None,
        approved_by: None,
        delivered_at: None,
        delivery_note: None,
        art35_flag: false,
        reasons_question: None,
        reasons_requested_on: None,
        reasons_given: None,
        reasons_given_on: None,
        deferred_until: None,
        deferral_reason: None,
        flag_note: None,
        created_at: now,
        updated_at: now,
        citizen_id: input.citizen,
        lang: if input.lang == crate::error::Lang::En { "en".into() } else { "zh".into() },
        assistance: input.assistance.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(Into::into),
        request_kind: input.request.kind,
        correction_sought: input.request.correction_sought.clone(),
        correction_outcome: None,
        correction_body: None,
        topic: None,
    };
    // Many applications by one applicant are flagged for Art. 35 handling, never refused here:
    // whether they are unreasonable is the unit's reasoned decision.
    let since = now - TimeDelta::days(30);
    let recent = application::Entity::find_within(&crate::auth::Reach::County(unit.county_id))
        .filter(application::Column::ApplicantKey.eq(applicant_key.clone()))
        .filter(application::Column::RequestKind.eq(RequestKind::Disclosure))
        .filter(application::Column::SubmittedAt.gte(since))
        .count(tx)
        .await?;
    if app.request_kind == RequestKind::Correction {
        // Art. 35 concerns applications for information; a correction request is never flagged.
    } else if recent + 1 >= limits.art35_per_30_days {
        app.art35_flag = true;
        app.flag_note =
            Some(format!("该申请人近30日内在本县提交申请{}件（含本件），请依条例第三十五条审查。", recent + 1));
    } else if input.contact_flood {
        app.art35_flag = true;
        app.flag_note = Some(format!(
            "该联系方式24小时内在平台提交申请超过{}件，已照常接收，请依条例第三十五条审查。",
            limits.rate_per_contact_day
        ));
    }
    application::Entity::insert(application::ActiveModel::from(app.clone())).exec_without_returning(tx).await?;
    if let Some(idem) = &input.idempotency {
        idem.remember(tx, app.id, now).await?;
    }

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
            letter: received_on.and(receipt_letter(&app)),
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
pub(super) async fn start_handling(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    received: NaiveDate,
    handler: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    start_clock(tx, app, Rule { kind: &REPLY, basis: reply_basis(app), days: 20 }, received, handler, now).await?;
    Ok(())
}

/// Tells the openness office once a day about a surge at a unit or an applicant flagged for Art. 35.
pub(super) async fn alert_once(
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

pub(super) async fn office_members(tx: &impl ConnectionTrait, county_id: Uuid) -> Result<Vec<user::Model>, ApiError> {
    match function_unit(tx, county_id, OversightFunction::OpennessOffice).await? {
        Some(office) => members(tx, office.id, None).await,
        None => Ok(Vec::new()),
    }
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
            letter: receipt_letter(&app),
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
    let Step { unit: from, now, base_url } = step;
    // Art. 41: a body that finds, after receipt, it has no power to correct forwards the request.
    let forwarding = app.request_kind == RequestKind::Correction && app.status == Status::InProgress;
    if !forwarding {
        require(&app, &[Status::Submitted])?;
    }
    if to.id == app.unit_id {
        return Err(ApiError::field("to_unit_id", "same_unit"));
    }
    if to.county_id != app.county_id {
        return Err(ApiError::NotFound);
    }
    let today = beijing_today(now);
    if forwarding {
        // The forwarding body's period ends here; the body with power answers in its own.
        end_clock(tx, &app, &REPLY, clocks::Ending::Cancel, now).await?;
        email_applicant_with(tx, base_url, &app, "forwarded", &to.name, now).await?;
    } else {
        end_clock(tx, &app, &SIGN, clocks::Ending::Cancel, now).await?;
    }
    // The new unit gets a sign-for clock of its own: the old one stays cancelled in the old unit.
    let from_unit = app.unit_id;
    let app = save(
        tx,
        app,
        |a| {
            a.unit_id = Set(to.id);
            a.transferred_from_unit_id = Set(Some(from_unit));
            if forwarding {
                a.status = Set(Status::Submitted);
                a.received_on = Set(None);
                a.received_by = Set(None);
                a.handler_user_id = Set(None);
            }
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
    let kind = if forwarding { "forwarded" } else { "transferred" };
    event(tx, &app, Ev { kind, public: true, actor: Some(by), on: today, details: serde_json::json!({ "from_unit_id": from_unit, "to_unit_id": to.id, "to_unit_name": to.name, "reason": reason }), letter: None }, now)
    .await?;
    Ok(app)
}

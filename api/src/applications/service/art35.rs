//! Art. 35: requests that clearly exceed a reasonable quantity or frequency. The unit may ask the
//! applicant to state reasons; unreasonable reasons end in 不予处理 (table 3 (五)4, through the
//! ordinary reply); reasonable ones that cannot be answered in time get a reasonable later reply
//! date, told to the applicant, so a reply by that date is on time and raises no AC 6(2) lead.

use super::*;

/// The unit asks the applicant to state the reasons for the quantity or frequency of their requests.
/// The reply period keeps running: Art. 35 gives no pause, and the applicant is not made to wait.
pub async fn ask_reasons(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    question: &str,
    by: Uuid,
) -> Result<application::Model, ApiError> {
    let Step { base_url, now, .. } = step;
    require(&app, &[Status::InProgress, Status::Consulting])?;
    disclosure_only(&app)?;
    if app.reasons_requested_on.is_some() {
        return Err(ApiError::Rule(ErrorCode::ReasonsAlreadyRequested, None));
    }
    let today = beijing_today(now);
    let question = question.trim().to_string();
    let app = save(
        tx,
        app,
        |a| {
            a.reasons_question = Set(Some(question.clone()));
            a.reasons_requested_on = Set(Some(today));
        },
        now,
    )
    .await?;
    let details = serde_json::json!({ "note": question });
    event(
        tx,
        &app,
        Ev { kind: "reasons_requested", public: true, actor: Some(by), on: today, details, letter: None },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "reasons_requested", now).await?;
    Ok(app)
}

/// The applicant states the reasons (from the tracking page, or recorded by the handler from a
/// letter).
pub async fn give_reasons(
    tx: &impl ConnectionTrait,
    app: application::Model,
    reasons: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    if app.reasons_requested_on.is_none() {
        return Err(ApiError::Rule(ErrorCode::ReasonsNotRequested, None));
    }
    if app.reasons_given.is_some() {
        return Err(ApiError::Rule(ErrorCode::ReasonsAlreadyGiven, None));
    }
    require(&app, &[Status::InProgress, Status::Consulting, Status::ReplyPending])?;
    disclosure_only(&app)?;
    let today = beijing_today(now);
    let reasons = reasons.trim().to_string();
    let app = save(
        tx,
        app,
        |a| {
            a.reasons_given = Set(Some(reasons.clone()));
            a.reasons_given_on = Set(Some(today));
        },
        now,
    )
    .await?;
    let details = serde_json::json!({ "note": reasons });
    event(tx, &app, Ev { kind: "reasons_given", public: true, actor: by, on: today, details, letter: None }, now)
        .await?;
    Ok(app)
}

/// The leader sets the reasonable later reply date for a request whose reasons were found
/// reasonable but which cannot be answered within the Art. 33 period, and the applicant is told.
pub async fn defer_reply(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    until: NaiveDate,
    reason: &str,
    leader: Uuid,
) -> Result<application::Model, ApiError> {
    let Step { base_url, now, .. } = step;
    require(&app, &[Status::InProgress, Status::Consulting, Status::ReplyPending])?;
    if app.reasons_given.is_none() {
        return Err(ApiError::Rule(ErrorCode::DeferralNeedsReasons, None));
    }
    if app.deferred_until.is_some() {
        return Err(ApiError::Rule(ErrorCode::DeferralOnlyOnce, None));
    }
    let reply = subject(&app);
    let c = clocks::find_open(tx, &reply, &REPLY).await?.ok_or(ApiError::Rule(ErrorCode::ClockClosed, None))?;
    let today = beijing_today(now);
    if c.due_date < today {
        return Err(ApiError::Rule(ErrorCode::ExtensionAfterDueDate, None));
    }
    if until <= c.due_date {
        return Err(ApiError::field("until", "not_after_due_date"));
    }
    let cal = calendar::load(tx, app.county_id).await?;
    let days = cal.working_days_between(c.due_date, until);
    if days == 0 || days > crate::calendar::MAX_PERIOD_DAYS / 2 {
        return Err(ApiError::field("until", "range"));
    }
    let reason = reason.trim().to_string();
    let c = clocks::extend(tx, &reply, &REPLY, days, &format!("条例第三十五条：{reason}"), leader, now).await?;
    let app = save(
        tx,
        app,
        |a| {
            a.deferred_until = Set(Some(c.due_date));
            a.deferral_reason = Set(Some(reason.clone()));
        },
        now,
    )
    .await?;
    let details = serde_json::json!({ "reason": reason, "new_due_date": c.due_date });
    event(tx, &app, Ev { kind: "deferred", public: true, actor: Some(leader), on: today, details, letter: None }, now)
        .await?;
    email_applicant(tx, base_url, &app, "deferred", now).await?;
    Ok(app)
}

//! Correction (补正, Art. 30): one notice within 7 working days of receipt; the reply period starts
//! again from the corrected application.

use super::*;

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

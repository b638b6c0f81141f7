//! The information processing fee (Art. 42; State Council General Office 2020 No. 109): quote,
//! notice, payment.

use super::*;

/// The month's earlier units for the fee allowance: the applicant's other applications to this unit
/// received in the same calendar month (each an item, or its quoted pages).
pub(super) async fn earlier_this_month(
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

//! The information processing fee (Art. 42; State Council General Office 2020 No. 109): quote,
//! notice, payment.

use super::*;

/// An application's number among the applicant's applications to this body received in the same
/// calendar month, counted in the order received (ties by registration time): the first is 1. The
/// number never changes once the month has begun, so a later application never raises an earlier
/// one's fee, and the order quotes are asked in does not matter.
pub(super) async fn number_in_month(tx: &impl ConnectionTrait, app: &application::Model) -> Result<u64, ApiError> {
    use chrono::{Datelike, Months};
    use sea_orm::Condition;
    let received = app.received_on.ok_or(ApiError::Rule(ErrorCode::ApplicationWrongStage, None))?;
    let first = received.with_day(1).unwrap_or(received);
    let next_month = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let earlier = Condition::any().add(application::Column::ReceivedOn.lt(received)).add(
        Condition::all().add(application::Column::ReceivedOn.eq(received)).add(
            Condition::any().add(application::Column::SubmittedAt.lt(app.submitted_at)).add(
                Condition::all()
                    .add(application::Column::SubmittedAt.eq(app.submitted_at))
                    .add(application::Column::Id.lt(app.id)),
            ),
        ),
    );
    let before = application::Entity::find_in(handling_unit(app))
        .filter(application::Column::ApplicantKey.eq(app.applicant_key.clone()))
        .filter(application::Column::Id.ne(app.id))
        .filter(application::Column::RequestKind.eq(RequestKind::Disclosure))
        .filter(application::Column::ReceivedOn.gte(first))
        .filter(application::Column::ReceivedOn.lt(next_month))
        .filter(earlier)
        .count(tx)
        .await?;
    Ok(before + 1)
}

/// Per page applies only where the reply produces pages or data: on paper, by email, or copies
/// picked up at the counter; an answer read online has no pages to count.
fn produces_pages(form: DeliveryForm) -> bool {
    matches!(form, DeliveryForm::Paper | DeliveryForm::Email | DeliveryForm::Pickup)
}

/// What a fee notice would charge. Per item: the application is one item, priced by its own number
/// in its month of receipt. Per page: this application's pages alone, never summed with others.
pub async fn fee_quote(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    method: FeeMethod,
    quantity: u64,
) -> Result<FeeQuote, ApiError> {
    match method {
        FeeMethod::PerItem => {
            let number = number_in_month(tx, app).await?;
            Ok(fees::quote(FeeMethod::PerItem, 1, number - 1))
        }
        FeeMethod::PerPage if !produces_pages(app.delivery_form) => {
            Err(ApiError::Rule(ErrorCode::FeePerPageNotApplicable, Some("method".into())))
        }
        FeeMethod::PerPage => Ok(fees::quote(FeeMethod::PerPage, quantity, 0)),
    }
}

/// Whether the applicant receives a notice the day it is sent: by email, or on the tracking page of
/// an application made online. Anything else goes on paper and is received when delivered.
pub fn notice_sent_electronically(app: &application::Model) -> bool {
    app.email.as_deref().is_some_and(|e| !e.trim().is_empty()) || app.channel == ApplicationChannel::Online
}

/// 收费通知: the applicant pays within 20 working days of receiving it, or the application lapses;
/// from the day the notice is sent to the day of payment, the reply period does not run. A notice
/// sent electronically is received the day it is sent, so its payment clock starts at once; one on
/// paper starts when its delivery is recorded (`record_fee_notice_receipt`).
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
    disclosure_only(&app)?;
    if app.fee_notice_on.is_some() {
        return Err(ApiError::Rule(ErrorCode::FeeNoticeOnlyOnce, None));
    }
    let quote = fee_quote(tx, &app, method, quantity).await?;
    if quote.amount_fen == 0 {
        return Err(ApiError::Rule(ErrorCode::FeeWithinAllowance, Some("quantity".into())));
    }
    let today = beijing_today(now);
    let received = notice_sent_electronically(&app).then_some(today);
    suspend_reply(tx, &app, today, "等待申请人缴纳信息处理费（国办函〔2020〕109号）", Some(by), now).await?;
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::AwaitingPayment);
            a.fee_method = Set(Some(method.as_str().into()));
            a.fee_quantity = Set(Some(i32::try_from(quote.quantity).unwrap_or(i32::MAX)));
            a.fee_amount_fen = Set(Some(i64::try_from(quote.amount_fen).unwrap_or(i64::MAX)));
            a.fee_notice_on = Set(Some(today));
            a.fee_notice_received_on = Set(received);
        },
        now,
    )
    .await?;
    let pay_by = match received {
        Some(on) => Some(start_payment_clock(tx, &app, on, now).await?),
        None => {
            let rule = Rule { kind: &FEE_NOTICE_DELIVERY, basis: DELIVERY_BASIS, days: DELIVERY_DAYS };
            start_clock(tx, &app, rule, today, app.handler_user_id, now).await?;
            None
        }
    };
    let delivery = if received.is_some() { "electronic" } else { "paper" };
    event(
        tx,
        &app,
        Ev {
            kind: "fee_notice",
            public: true,
            actor: Some(by),
            on: today,
            details: serde_json::json!({ "quote": quote, "pay_by": pay_by, "notice_delivery": delivery }),
            letter: Some("fee_notice"),
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "fee_notice", now).await?;
    Ok((app, quote))
}

/// Working days within which a notice posted or handed over should be delivered and its delivery
/// recorded; past them the handler and then the unit's leaders are reminded.
const DELIVERY_DAYS: u32 = 5;
const DELIVERY_BASIS: &str = "国办函〔2020〕109号（缴费期限自申请人收到收费通知之次日起计算）";

async fn start_payment_clock(
    tx: &impl ConnectionTrait,
    app: &application::Model,
    received_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<NaiveDate, ApiError> {
    let rule = Rule { kind: &PAYMENT, basis: "国办函〔2020〕109号", days: 20 };
    Ok(start_clock(tx, app, rule, received_on, app.handler_user_id, now).await?.due_date)
}

/// Records the day a fee notice sent on paper reached the applicant (the postal receipt, or the day
/// it was handed over); the 20 working days to pay run from the next day.
pub async fn record_fee_notice_receipt(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    app: application::Model,
    received_on: NaiveDate,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    if app.unit_id != unit.unit_id() {
        return Err(ApiError::NotFound);
    }
    require(&app, &[Status::AwaitingPayment])?;
    if app.fee_notice_received_on.is_some() {
        return Err(ApiError::Rule(ErrorCode::FeeNoticeAlreadyReceived, None));
    }
    let today = beijing_today(now);
    if received_on > today || app.fee_notice_on.is_some_and(|n| received_on < n) {
        return Err(ApiError::field("received_on", "invalid_value"));
    }
    let app = save(tx, app, |a| a.fee_notice_received_on = Set(Some(received_on)), now).await?;
    end_clock(tx, &app, &FEE_NOTICE_DELIVERY, clocks::Ending::Complete, now).await?;
    let pay_by = start_payment_clock(tx, &app, received_on, now).await?;
    event(
        tx,
        &app,
        Ev {
            kind: "fee_notice_received",
            public: true,
            actor: Some(by),
            on: received_on,
            details: serde_json::json!({ "pay_by": pay_by }),
            letter: None,
        },
        now,
    )
    .await?;
    Ok(app)
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
    // Paid before its delivery was recorded: the notice plainly arrived.
    end_clock(tx, &app, &FEE_NOTICE_DELIVERY, clocks::Ending::Complete, now).await?;
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

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
    let quote = fee_quote(tx, &app, method, quantity).await?;
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
            a.fee_quantity = Set(Some(i32::try_from(quote.quantity).unwrap_or(i32::MAX)));
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

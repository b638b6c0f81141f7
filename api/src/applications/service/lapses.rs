//! The scheduled step that closes applications whose applicant let the correction or payment
//! period lapse (逾期不补正, 逾期未缴费).

use super::*;

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
        let consultations = lapse_unanswered_consultations(&tx, &state.clock_kinds, now).await?;
        for lapsed in &consultations {
            let record =
                crate::audit::AuditRecord::success("consultation.lapse", "consultation", lapsed.consultation.id)
                    .in_unit(lapsed.application.county_id, lapsed.application.unit_id)
                    .with_summary(serde_json::json!({
                        "application_id": lapsed.application.id,
                        "party": lapsed.consultation.party,
                        "violation_lead": lapsed.lead_raised,
                    }));
            crate::audit::append(&tx, &state.audit_key, &crate::audit::system_actor("application_lapses"), record, now)
                .await?;
        }
        let closed = close_lapsed(&tx, &state.settings.public_base_url, now).await?;
        for app in &closed {
            let record = crate::audit::AuditRecord::success("application.lapse", SUBJECT, app.id)
                .in_unit(app.county_id, app.unit_id)
                .with_summary(serde_json::json!({ "tracking_code": app.tracking_code, "outcome": app.outcome }));
            crate::audit::append(&tx, &state.audit_key, &crate::audit::system_actor("application_lapses"), record, now)
                .await?;
        }
        tx.commit().await?;
        if closed.is_empty() && consultations.is_empty() {
            return Ok(total);
        }
        total += (closed.len() + consultations.len()) as u64;
    }
}

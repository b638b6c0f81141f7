//! Extension (Art. 33): once, at most 20 working days, agreed by the head of the disclosure office
//! (or the principal leader who designates one), with notice to the applicant naming who agreed.

use super::*;

/// One extension of at most 20 working days, agreed by the head of the unit's disclosure office or
/// its principal leader (Art. 33).
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
    let capacity = crate::units::duties::head_of_disclosure_capacity(tx, unit, leader)
        .await?
        .ok_or(ApiError::Rule(ErrorCode::ExtensionApproverOnly, None))?;
    let agreed_by = user::Entity::find_by_id(leader).one(tx).await?.map(|u| u.display_name).unwrap_or_default();
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
            secrecy_reviewed: false,
            act: "extension",
            releases_information: false,
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
            details: serde_json::json!({
                "days": days, "reason": reason, "new_due_date": c.due_date,
                "agreed_by": agreed_by, "agreed_as": capacity,
            }),
            letter: Some("extension_notice"),
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "extended", now).await?;
    Ok(app)
}

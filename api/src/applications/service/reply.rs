//! The reply (Art. 36): drafted by the handler, approved or returned by the leader, outcomes only
//! from table 3, recorded on the approval trail for AC 9.

use super::*;

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
            decision: format!("答复：{}", crate::applications::outcome_label(outcome)),
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

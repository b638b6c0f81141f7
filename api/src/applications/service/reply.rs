//! The reply (Art. 36): drafted by the handler, reviewed for secrecy by the unit's designated
//! reviewer when it releases information (SR 3–5: review before release), approved or returned by
//! the leader, outcomes only from table 3, recorded on the approval trail for AC 9.

use super::*;

#[derive(Debug, Clone)]
pub struct Draft {
    pub outcome: ReplyOutcome,
    pub text: String,
    pub leader_instructed: bool,
    pub objection: Option<String>,
    pub public_interest_reason: Option<String>,
}

/// The third parties consulted who answered that they do not agree to disclosure (Art. 32).
async fn objecting_third_parties(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    app: &application::Model,
) -> Result<Vec<application_consultation::Model>, ApiError> {
    Ok(application_consultation::Entity::find_in(unit)
        .filter(application_consultation::Column::ApplicationId.eq(app.id))
        .filter(application_consultation::Column::Party.eq(ConsultedParty::ThirdParty))
        .filter(application_consultation::Column::Objected.eq(true))
        .all(tx)
        .await?)
}

/// The handler drafts the reply; it goes to the leader. Disclosing what a consulted third party
/// objected to needs the public-interest reason the third party will be told (Art. 32).
pub async fn draft_reply(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    app: application::Model,
    draft: Draft,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    require(&app, &[Status::InProgress])?;
    disclosure_only(&app)?;
    if draft.objection.is_some() && !draft.leader_instructed {
        return Err(ApiError::Rule(ErrorCode::ObjectionWithoutInstruction, Some("objection".into())));
    }
    let public_interest = draft.public_interest_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let over_objection =
        draft.outcome.releases_information() && !objecting_third_parties(tx, unit, &app).await?.is_empty();
    if over_objection && public_interest.is_none() {
        return Err(ApiError::Rule(ErrorCode::PublicInterestReasonRequired, Some("public_interest_reason".into())));
    }
    let public_interest = if over_objection { public_interest.map(str::to_string) } else { None };
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
            a.draft_public_interest = Set(public_interest);
            a.drafted_by = Set(Some(by));
            a.drafted_at = Set(Some(now));
            // A new draft is a new text: a review of the old one clears nothing.
            a.secrecy_reviewed = Set(false);
            a.secrecy_reviewed_by = Set(None);
            a.secrecy_reviewed_at = Set(None);
            a.secrecy_review_note = Set(None);
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

/// The designated secrecy reviewer reviews a draft that releases information: cleared, it may go to
/// the leader; not cleared, it goes back to the handler with the reviewer's note.
pub async fn review_secrecy(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    app: application::Model,
    cleared: bool,
    note: Option<&str>,
    reviewer: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    require(&app, &[Status::ReplyPending])?;
    let outcome = app.draft_outcome.ok_or(ApiError::Rule(ErrorCode::ApplicationWrongStage, None))?;
    if !outcome.releases_information() {
        return Err(ApiError::Rule(ErrorCode::SecrecyReviewNotNeeded, None));
    }
    if !crate::units::duties::holds(tx, unit, reviewer, entity::enums::UnitDuty::SecrecyReviewer).await? {
        return Err(ApiError::Rule(ErrorCode::NotSecrecyReviewer, None));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    if !cleared && note.is_none() {
        return Err(ApiError::field("note", "required"));
    }
    let today = beijing_today(now);
    let app = save(
        tx,
        app,
        |a| {
            if cleared {
                a.secrecy_reviewed = Set(true);
                a.secrecy_reviewed_by = Set(Some(reviewer));
                a.secrecy_reviewed_at = Set(Some(now));
                a.secrecy_review_note = Set(note.clone());
            } else {
                a.status = Set(Status::InProgress);
                a.secrecy_review_note = Set(note.clone());
            }
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: if cleared { "secrecy_reviewed" } else { "secrecy_review_returned" },
            public: false,
            actor: Some(reviewer),
            on: today,
            details: serde_json::json!({ "outcome": outcome, "note": note }),
            letter: None,
        },
        now,
    )
    .await?;
    Ok(app)
}

/// The leader approves the draft (the reply goes out and the case closes) or returns it. A reply
/// that releases information cannot be approved before its secrecy review.
pub async fn decide_reply(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    approve: bool,
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
    let releases = outcome.releases_information();
    if releases && app.secrecy_reviewed_by.is_none() {
        return Err(ApiError::Rule(ErrorCode::SecrecyReviewRequired, None));
    }
    let secrecy_reviewed = app.secrecy_reviewed_by.is_some();
    let drafter = app.drafted_by.unwrap_or(leader);
    approvals::record(
        tx,
        unit,
        Approval {
            subject_type: SUBJECT.into(),
            subject_id: app.id.to_string(),
            decision: format!("答复：{}", crate::applications::outcome_label(outcome)),
            drafter,
            reviewers: app.secrecy_reviewed_by.into_iter().collect(),
            approver: Some(leader),
            leader_instructed: app.draft_leader_instructed,
            objection: app.draft_objection.clone(),
            collective: None,
            secrecy_reviewed,
            act: "reply",
            releases_information: releases,
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
    if releases {
        // Art. 32: what is disclosed over a third party's objection, and why, goes to it in writing.
        for objector in objecting_third_parties(tx, unit, &app).await? {
            event(
                tx,
                &app,
                Ev {
                    kind: "third_party_disclosure_notice",
                    public: false,
                    actor: Some(leader),
                    on: today,
                    details: serde_json::json!({
                        "consultation_id": objector.id,
                        "party_name": objector.party_name,
                        "reason": app.draft_public_interest,
                    }),
                    letter: Some("third_party_disclosure_notice"),
                },
                now,
            )
            .await?;
        }
    }
    email_applicant(tx, base_url, &app, "replied", now).await?;
    Ok(app)
}

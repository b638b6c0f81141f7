//! Art. 41: a person with evidence that a record about them is inaccurate may ask the body to correct
//! it. The body with power to correct checks it and corrects it, or says why not; a body without
//! that power forwards the request to the one that has it (within the county, `transfer` after
//! receipt) or names it to the applicant. The answer is its own, never a table-3 outcome.

use super::*;

/// The answer to a correction request, checked.
#[derive(Debug, Clone)]
pub struct CorrectionAnswer {
    pub outcome: CorrectionOutcome,
    pub text: String,
    /// The body with power to correct, named to the applicant with `directed_elsewhere`.
    pub body_name: Option<String>,
}

impl CorrectionAnswer {
    pub fn new(outcome: CorrectionOutcome, text: &str, body_name: Option<&str>) -> Result<Self, ApiError> {
        let body_name = body_name.map(str::trim).filter(|b| !b.is_empty()).map(str::to_string);
        match (outcome, &body_name) {
            (CorrectionOutcome::DirectedElsewhere, None) => Err(ApiError::field("body_name", "required")),
            (CorrectionOutcome::Corrected | CorrectionOutcome::NotCorrected, Some(_)) => {
                Err(ApiError::field("body_name", "directed_only"))
            }
            _ => Ok(Self { outcome, text: text.trim().to_string(), body_name }),
        }
    }
}

/// What the answer is called on the trail and the tracking page.
pub fn correction_label(outcome: CorrectionOutcome) -> &'static str {
    match outcome {
        CorrectionOutcome::Corrected => "予以更正",
        CorrectionOutcome::NotCorrected => "不予更正",
        CorrectionOutcome::DirectedElsewhere => "告知向有权更正的机关提出",
    }
}

/// Steps of an application for information that a correction request never takes.
pub(super) fn disclosure_only(app: &application::Model) -> Result<(), ApiError> {
    if app.request_kind == RequestKind::Correction {
        return Err(ApiError::Rule(ErrorCode::NotForCorrection, None));
    }
    Ok(())
}

/// The unit's leader answers a correction request; the reply period ends and the applicant is told.
pub async fn answer_correction(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    answer: CorrectionAnswer,
    leader: Uuid,
) -> Result<application::Model, ApiError> {
    let Step { unit, base_url, now } = step;
    if app.request_kind != RequestKind::Correction {
        return Err(ApiError::Rule(ErrorCode::NotACorrection, None));
    }
    require(&app, &[Status::InProgress])?;
    let today = beijing_today(now);
    approvals::record(
        tx,
        unit,
        Approval {
            subject_type: SUBJECT.into(),
            subject_id: app.id.to_string(),
            decision: format!("更正申请：{}", correction_label(answer.outcome)),
            drafter: app.handler_user_id.unwrap_or(leader),
            reviewers: Vec::new(),
            approver: Some(leader),
            leader_instructed: false,
            objection: None,
            collective: None,
            secrecy_reviewed: false,
            act: "reply",
            releases_information: false,
        },
        now,
    )
    .await?;
    end_clock(tx, &app, &REPLY, clocks::Ending::Complete, now).await?;
    let app = save(
        tx,
        app,
        |a| {
            a.status = Set(Status::Closed);
            a.correction_outcome = Set(Some(answer.outcome));
            a.correction_body = Set(answer.body_name.clone());
            a.reply_text = Set(Some(answer.text.clone()));
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
            kind: "correction_answered",
            public: true,
            actor: Some(leader),
            on: today,
            details: serde_json::json!({
                "outcome": answer.outcome,
                "label": correction_label(answer.outcome),
                "text": answer.text,
                "body_name": answer.body_name,
            }),
            letter: None,
        },
        now,
    )
    .await?;
    email_applicant(tx, base_url, &app, "correction_answered", now).await?;
    Ok(app)
}

//! Consultations (Arts. 32 and 34) and secrecy-bureau referrals (SR 10): the reply period does not
//! run while they wait.

use super::*;

/// Consults a third party or another body (15 working days, Arts. 32 and 34), or refers the secrecy
/// question to the secrecy bureau (5 working days, SR 10). The reply clock stands still meanwhile.
pub async fn consult(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    party: ConsultedParty,
    party_name: &str,
    question: &str,
    by: Uuid,
) -> Result<(application::Model, application_consultation::Model), ApiError> {
    let Step { unit, base_url, now } = step;
    require(&app, &[Status::InProgress, Status::Consulting])?;
    let today = beijing_today(now);
    let consultation_id = Uuid::now_v7();
    let (clock_unit, target, name, kind, days, basis) = match party {
        ConsultedParty::SecrecyBureau => {
            let bureau = function_unit(tx, app.county_id, OversightFunction::SecrecyBureau)
                .await?
                .ok_or(ApiError::Rule(ErrorCode::NoSecrecyBureau, None))?;
            let name = bureau.name.clone();
            (UnitRef::referral_target(&bureau), Some(bureau), name, &REFERRAL_ANSWER, 5, "保密审查制度第十条")
        }
        ConsultedParty::ThirdParty => {
            (unit, None, party_name.trim().to_string(), &CONSULTATION_ANSWER, 15, "条例第三十二条")
        }
        ConsultedParty::OtherBody => {
            (unit, None, party_name.trim().to_string(), &CONSULTATION_ANSWER, 15, "条例第三十四条")
        }
    };
    if name.is_empty() {
        return Err(ApiError::field("party_name", "required"));
    }
    suspend_reply(tx, &app, today, "征求意见期间不计算在答复期限内（条例第三十三条）", Some(by), now).await?;
    let on_application = label(&app);
    let clock_label = match &target {
        Some(_) => {
            Label::new(format!("保密审查请示 · {}", on_application.text), Some("/console/referrals".to_string()))
        }
        None => Label::new(format!("征求意见 · {name} · {}", on_application.text), on_application.link),
    };
    let c = clocks::start(
        tx,
        &Subject::new(CONSULTATION, consultation_id, clock_unit),
        NewClock {
            kind,
            legal_basis: basis.into(),
            start: today,
            period: Period::WorkingDays(days),
            assignee: if target.is_some() { None } else { Some(by) },
            label: clock_label,
        },
        now,
    )
    .await?;
    let consultation = application_consultation::Model {
        id: consultation_id,
        application_id: app.id,
        county_id: app.county_id,
        unit_id: app.unit_id,
        party,
        party_name: name.clone(),
        target_unit_id: target.as_ref().map(|t| t.id),
        question: question.trim().to_string(),
        clock_id: Some(c.id),
        started_on: today,
        answered_on: None,
        answer: None,
        answered_by: None,
        status: ConsultationStatus::Open,
        objected: false,
        created_by: by,
        created_at: now,
    };
    application_consultation::Entity::insert(application_consultation::ActiveModel::from(consultation.clone()))
        .exec_without_returning(tx)
        .await?;
    let app = save(tx, app, |a| a.status = Set(Status::Consulting), now).await?;
    let letter = (party == ConsultedParty::ThirdParty).then_some("third_party_consultation");
    event(tx, &app, Ev { kind: "consultation_started", public: true, actor: Some(by), on: today, details: serde_json::json!({ "party": party, "consultation_id": consultation_id, "answer_by": c.due_date,
                            "party_name": if party == ConsultedParty::ThirdParty { String::new() } else { name.clone() } }), letter }, now)
    .await?;
    if let Some(bureau) = target {
        let from = unit::Entity::find_by_id(app.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
        let link = format!("{}/console/referrals", base_url.trim_end_matches('/'));
        for person in members(tx, bureau.id, None).await? {
            let notice = Notice {
                kind: "referral_received",
                context: serde_json::json!({
                    "recipient_name": person.display_name, "unit_name": from.name, "question": question.trim(),
                    "due_date": c.due_date.to_string(), "link": link,
                }),
                subject_type: Some("consultation".into()),
                subject_id: Some(consultation_id.to_string()),
                link: Some(link.clone()),
                legal: false,
            };
            notify::deliver(tx, base_url, &person, &notice, now).await?;
        }
    }
    Ok((app, consultation))
}

/// The clock a consultation's answer runs on: a referral's in the secrecy bureau, any other in the
/// unit that asked.
pub fn consultation_clock(c: &application_consultation::Model) -> (Subject, &'static ClockKind) {
    match (c.party, c.target_unit_id) {
        (ConsultedParty::SecrecyBureau, Some(bureau)) => {
            (Subject::new(CONSULTATION, c.id, UnitRef::owning_row(bureau, c.county_id)), &REFERRAL_ANSWER)
        }
        _ => (Subject::new(CONSULTATION, c.id, UnitRef::owning_row(c.unit_id, c.county_id)), &CONSULTATION_ANSWER),
    }
}

/// The answer-by day of each consultation, by consultation id, from the clocks within a reach.
pub async fn consultation_dues(
    db: &impl ConnectionTrait,
    reach: &crate::auth::Reach,
    consultations: &[application_consultation::Model],
) -> Result<std::collections::HashMap<Uuid, NaiveDate>, ApiError> {
    let ids: Vec<Uuid> = consultations.iter().map(|c| c.id).collect();
    let rows = clocks::for_subjects(db, reach, CONSULTATION, &ids, &[&CONSULTATION_ANSWER, &REFERRAL_ANSWER]).await?;
    Ok(rows.into_iter().filter_map(|c| Some((Uuid::parse_str(&c.subject_id).ok()?, c.due_date))).collect())
}

/// What silence means when a consultation's period ends unanswered.
fn silence_means(party: ConsultedParty) -> &'static str {
    match party {
        ConsultedParty::ThirdParty => "第三方逾期未提出意见，由本机关依照条例规定决定是否公开（条例第三十二条）。",
        ConsultedParty::OtherBody => "被征求意见机关逾期未提出意见，视为同意公开（条例第三十四条）。",
        ConsultedParty::SecrecyBureau => {
            "保密行政管理部门逾期未答复，答复期限自期满次日起恢复计算（保密审查制度第十条）；已列为违规线索。"
        }
    }
}

/// Records the answer of a consultation (or that it lapsed unanswered, after its period: the body then
/// decides by itself, Art. 32, or takes silence as consent, Art. 34). When none is open any more, the
/// reply clock runs again. The pause never outlasts the consultation's own period: whatever day the
/// answer is recorded on, the reply clock counts again from the day after the period ended. An answer
/// that comes after the period lapsed is still recorded, for the file, and moves no clock.
#[allow(clippy::too_many_arguments)]
pub async fn close_consultation(
    tx: &impl ConnectionTrait,
    handling_unit: UnitRef,
    consultation: application_consultation::Model,
    answer: Option<&str>,
    objected: bool,
    on: NaiveDate,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    let today = beijing_today(now);
    if on > today || on < consultation.started_on {
        return Err(ApiError::field("answered_on", "invalid_value"));
    }
    let late_answer = consultation.status == ConsultationStatus::Lapsed && answer.is_some();
    if consultation.status != ConsultationStatus::Open && !late_answer {
        return Err(ApiError::Rule(ErrorCode::ConsultationClosed, None));
    }
    let (asked, kind) = consultation_clock(&consultation);
    let c = clocks::find(tx, &asked, kind).await?;
    if answer.is_none() && c.as_ref().is_some_and(|c| c.due_date >= today) {
        return Err(ApiError::Rule(ErrorCode::ConsultationStillRunning, Some("answer".into())));
    }
    let period_end = c.as_ref().map(|c| c.due_date);
    if !late_answer {
        clocks::end(tx, &asked, kind, clocks::Ending::Complete, now).await?;
    }
    let status = if answer.is_some() { ConsultationStatus::Answered } else { ConsultationStatus::Lapsed };
    let mut active: application_consultation::ActiveModel = consultation.clone().into();
    active.status = Set(status);
    active.answer = Set(answer.map(|a| a.trim().to_string()));
    active.answered_on = Set(Some(on));
    active.answered_by = Set(Some(by));
    active.objected = Set(objected && answer.is_some() && consultation.party == ConsultedParty::ThirdParty);
    active.update(tx).await?;
    let app = application::Entity::find_in(handling_unit)
        .filter(application::Column::Id.eq(consultation.application_id))
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut app = app;
    if !late_answer {
        let last_paused_day = period_end.map_or(on, |end| on.min(end));
        app = resume_if_none_open(tx, handling_unit, app, last_paused_day, now).await?;
    }
    let note = match (answer, late_answer) {
        (Some(_), true) => "期满后收到的答复，已存档；答复期限已自期满次日起恢复计算。".to_string(),
        (Some(_), false) => String::new(),
        (None, _) => silence_means(consultation.party).to_string(),
    };
    event(tx, &app, Ev { kind: "consultation_closed", public: true, actor: Some(by), on, details: serde_json::json!({ "consultation_id": consultation.id, "party": consultation.party, "result": status.as_str(), "note": note }), letter: None }, now)
    .await?;
    Ok(app)
}

/// Once no consultation of the application is open, the reply clock counts again from the day after
/// `last_paused_day`.
async fn resume_if_none_open(
    tx: &impl ConnectionTrait,
    handling_unit: UnitRef,
    app: application::Model,
    last_paused_day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    let still_open = application_consultation::Entity::find_in(handling_unit)
        .filter(application_consultation::Column::ApplicationId.eq(app.id))
        .filter(application_consultation::Column::Status.eq(ConsultationStatus::Open))
        .count(tx)
        .await?;
    if still_open == 0 && app.status == Status::Consulting {
        resume_reply(tx, &app, last_paused_day, now).await?;
        return save(tx, app, |a| a.status = Set(Status::InProgress), now).await;
    }
    Ok(app)
}

/// A consultation or referral whose period ended unanswered, closed by the lapse job.
#[derive(Debug)]
pub struct LapsedConsultation {
    pub application: application::Model,
    pub consultation: application_consultation::Model,
    /// Set for a secrecy-bureau referral: the lead raised against the bureau (AC 6(8)) was new.
    pub lead_raised: Option<bool>,
}

/// Closes consultations whose period has ended without an answer: the reply clock counts again from
/// the day after the period's last day (a referral the bureau never answers cannot stop the
/// applicant's period, SR 10), an unanswered referral raises an AC 6(8) lead against the bureau, and
/// another body's silence is recorded as consent (Art. 34).
pub async fn lapse_unanswered_consultations(
    tx: &impl ConnectionTrait,
    kinds: &crate::clocks::ClockKinds,
    now: DateTime<Utc>,
) -> Result<Vec<LapsedConsultation>, ApiError> {
    let today = beijing_today(now);
    let expired = clocks::expired(tx, CONSULTATION, &[&CONSULTATION_ANSWER, &REFERRAL_ANSWER], today, 200).await?;
    let mut out = Vec::new();
    for (subject, c) in expired {
        let kind = if c.kind == REFERRAL_ANSWER.code { &REFERRAL_ANSWER } else { &CONSULTATION_ANSWER };
        let lead_raised = if kind == &REFERRAL_ANSWER {
            Some(crate::clocks::reminders::raise_lead(tx, kinds, &c, "6.8", now).await?)
        } else {
            None
        };
        clocks::end(tx, &subject, kind, clocks::Ending::Complete, now).await?;
        let Some(consultation) =
            application_consultation::Entity::find_within(&crate::auth::Reach::County(c.county_id))
                .filter(application_consultation::Column::Id.eq(subject.id()))
                .one(tx)
                .await?
        else {
            continue;
        };
        if consultation.status != ConsultationStatus::Open {
            continue;
        }
        let handling_unit = UnitRef::owning_row(consultation.unit_id, consultation.county_id);
        let mut active: application_consultation::ActiveModel = consultation.clone().into();
        active.status = Set(ConsultationStatus::Lapsed);
        active.answered_on = Set(Some(c.due_date));
        let consultation = active.update(tx).await?;
        let Some(app) = application::Entity::find_in(handling_unit)
            .filter(application::Column::Id.eq(consultation.application_id))
            .one(tx)
            .await?
        else {
            continue;
        };
        let app = resume_if_none_open(tx, handling_unit, app, c.due_date, now).await?;
        event(tx, &app, Ev { kind: "consultation_closed", public: true, actor: None, on: today, details: serde_json::json!({ "consultation_id": consultation.id, "party": consultation.party, "result": ConsultationStatus::Lapsed.as_str(), "note": silence_means(consultation.party), "answer_by": c.due_date }), letter: None }, now)
            .await?;
        out.push(LapsedConsultation { application: app, consultation, lead_raised });
    }
    Ok(out)
}

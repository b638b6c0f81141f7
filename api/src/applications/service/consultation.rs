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

/// Records the answer of a consultation (or that it lapsed unanswered, after its period: the body then
/// decides by itself, Art. 32). When none is open any more, the reply clock runs again.
pub async fn close_consultation(
    tx: &impl ConnectionTrait,
    handling_unit: UnitRef,
    consultation: application_consultation::Model,
    answer: Option<&str>,
    on: NaiveDate,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    if consultation.status != ConsultationStatus::Open {
        return Err(ApiError::Rule(ErrorCode::ConsultationClosed, None));
    }
    let today = beijing_today(now);
    if on > today || on < consultation.started_on {
        return Err(ApiError::field("answered_on", "invalid_value"));
    }
    let (asked, kind) = consultation_clock(&consultation);
    let c = clocks::find(tx, &asked, kind).await?;
    if answer.is_none() && c.as_ref().is_some_and(|c| c.due_date >= today) {
        return Err(ApiError::Rule(ErrorCode::ConsultationStillRunning, Some("answer".into())));
    }
    clocks::end(tx, &asked, kind, clocks::Ending::Complete, now).await?;
    let status = if answer.is_some() { ConsultationStatus::Answered } else { ConsultationStatus::Lapsed };
    let mut active: application_consultation::ActiveModel = consultation.clone().into();
    active.status = Set(status);
    active.answer = Set(answer.map(|a| a.trim().to_string()));
    active.answered_on = Set(Some(on));
    active.answered_by = Set(Some(by));
    active.update(tx).await?;
    let app = application::Entity::find_in(handling_unit)
        .filter(application::Column::Id.eq(consultation.application_id))
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let still_open = application_consultation::Entity::find_in(handling_unit)
        .filter(application_consultation::Column::ApplicationId.eq(app.id))
        .filter(application_consultation::Column::Status.eq(ConsultationStatus::Open))
        .count(tx)
        .await?;
    let mut app = app;
    if still_open == 0 && app.status == Status::Consulting {
        resume_reply(tx, &app, on, now).await?;
        app = save(tx, app, |a| a.status = Set(Status::InProgress), now).await?;
    }
    event(tx, &app, Ev { kind: "consultation_closed", public: true, actor: Some(by), on, details: serde_json::json!({ "consultation_id": consultation.id, "party": consultation.party, "result": status.as_str() }), letter: None }, now)
    .await?;
    Ok(app)
}

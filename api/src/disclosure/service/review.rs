//! The review gate (SR 3–7): the unit's designated reviewer answers the checklist; when unsure the
//! unit refers the item to the secrecy bureau (5 working days, SR 10) or a department, or consults
//! the right holder of a commercial secret or of privacy (15 working days, Art. 32).

use chrono::NaiveDate;
use entity::enums::{
    ConsultationStatus, DisclosureAttribute, ItemConsultedParty, ItemOpinion, ItemStatus, OversightFunction,
    ReviewOutcome, UnitDuty, WithholdingGround,
};
use entity::{information_item as item, item_consultation as consultation, item_review, unit, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use super::*;
use crate::disclosure::requests::{BureauAnswerRequest, ItemConsultAnswerRequest, ItemConsultRequest, ReviewRequest};
use crate::disclosure::{CONSULTATION_ANSWER, ITEM_CONSULTATION, REFERRAL_ANSWER};
use crate::notify::{self, Notice};
use crate::secrecy::scan::HitKind;
use crate::units::people::{function_unit, members};

/// The reviewer's review of the current revision. Passing needs the reviewer's designation, no
/// open consultation, and the checklist complete for the item's attribute; returning sends it back.
pub async fn review(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    req: &ReviewRequest,
    hits: &[FieldHit],
    by: Uuid,
) -> Result<(item::Model, item_review::Model), ApiError> {
    if it.status == ItemStatus::Consulting {
        return Err(ApiError::Rule(ErrorCode::ConsultationOpen, None));
    }
    require(&it, &[ItemStatus::InReview])?;
    require_revision(&it, req.revision)?;
    if !crate::units::duties::holds(tx, step.unit, by, UnitDuty::SecrecyReviewer).await? {
        return Err(ApiError::Rule(ErrorCode::NotSecrecyReviewer, None));
    }
    if open_consultations(tx, step.unit, it.id).await? > 0 {
        return Err(ApiError::Rule(ErrorCode::ConsultationOpen, None));
    }
    let marks = hits.iter().filter(|h| h.hit.kind == HitKind::ClassificationMark).count();
    if req.passed {
        req.checklist.allows_passing(it.attribute, marks)?;
        if bound_not_to_disclose(tx, step.unit, it.id).await? && it.attribute == DisclosureAttribute::Proactive {
            return Err(ApiError::Rule(ErrorCode::BoundByReferral, Some("attribute".into())));
        }
    }
    let mut open_hits = std::collections::BTreeMap::<&str, u32>::new();
    for h in hits {
        *open_hits.entry(h.hit.kind.as_str()).or_default() += 1;
    }
    let outcome = if req.passed { ReviewOutcome::Passed } else { ReviewOutcome::Returned };
    let row = item_review::Model {
        id: Uuid::now_v7(),
        item_id: it.id,
        county_id: it.county_id,
        unit_id: it.unit_id,
        revision: it.revision,
        reviewer_id: by,
        checklist: serde_json::to_string(&req.checklist).unwrap_or_default(),
        findings: crate::text::tidy(&req.findings),
        open_hits: serde_json::to_string(&open_hits).unwrap_or_default(),
        outcome,
        created_at: step.now,
    };
    item_review::Entity::insert(item_review::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
    let revision = it.revision;
    let it = save(
        tx,
        it,
        |a| {
            if req.passed {
                a.status = Set(ItemStatus::Reviewed);
                a.reviewed_revision = Set(Some(revision));
            } else {
                a.status = Set(ItemStatus::Draft);
            }
        },
        step.now,
    )
    .await?;
    let kind = if req.passed { "review_passed" } else { "review_returned" };
    event(tx, &it, kind, false, Some(by), serde_json::json!({ "review_id": row.id }), step.now).await?;
    Ok((it, row))
}

pub(crate) async fn open_consultations(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    item_id: Uuid,
) -> Result<u64, ApiError> {
    Ok(consultation::Entity::find_in(unit)
        .filter(consultation::Column::ItemId.eq(item_id))
        .filter(consultation::Column::Status.eq(ConsultationStatus::Open))
        .count(db)
        .await?)
}

/// Whether the secrecy bureau answered that the item must not be disclosed: that answer binds it,
/// whatever revision follows (SR 10).
pub(crate) async fn bound_not_to_disclose(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    item_id: Uuid,
) -> Result<bool, ApiError> {
    Ok(consultation::Entity::find_in(unit)
        .filter(consultation::Column::ItemId.eq(item_id))
        .filter(consultation::Column::Party.eq(ItemConsultedParty::SecrecyBureau))
        .filter(consultation::Column::Opinion.eq(ItemOpinion::MustNot))
        .count(db)
        .await?
        > 0)
}

/// The clock a consultation's answer runs on: a bureau referral's in the bureau, any other in the
/// unit that asked.
pub fn consultation_clock(c: &consultation::Model) -> (Subject, &'static crate::clocks::ClockKind) {
    match (c.party, c.target_unit_id) {
        (ItemConsultedParty::SecrecyBureau, Some(bureau)) => {
            (Subject::new(ITEM_CONSULTATION, c.id, UnitRef::owning_row(bureau, c.county_id)), &REFERRAL_ANSWER)
        }
        _ => (Subject::new(ITEM_CONSULTATION, c.id, UnitRef::owning_row(c.unit_id, c.county_id)), &CONSULTATION_ANSWER),
    }
}

/// Refers the item to the secrecy bureau (5 working days, in the bureau's inbox, SR 10) or to a
/// department, or consults a right holder (15 working days, Art. 32). The item waits meanwhile.
pub async fn consult(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    req: &ItemConsultRequest,
    by: Uuid,
) -> Result<(item::Model, consultation::Model), ApiError> {
    let Step { unit, base_url, now } = step;
    require(&it, &[ItemStatus::InReview, ItemStatus::Consulting])?;
    let today = beijing_today(now);
    let id = Uuid::now_v7();
    let (bureau, name, kind, days, basis) = match req.party {
        ItemConsultedParty::SecrecyBureau => {
            let bureau = function_unit(tx, it.county_id, OversightFunction::SecrecyBureau)
                .await?
                .ok_or(ApiError::Rule(ErrorCode::NoSecrecyBureau, None))?;
            let name = bureau.name.clone();
            (Some(bureau), name, &REFERRAL_ANSWER, 5, "保密审查制度第十条")
        }
        ItemConsultedParty::CompetentDepartment => {
            (None, req.party_name.trim().to_string(), &CONSULTATION_ANSWER, 15, "保密审查制度第六条")
        }
        ItemConsultedParty::RightHolder => {
            (None, req.party_name.trim().to_string(), &CONSULTATION_ANSWER, 15, "条例第三十二条")
        }
    };
    if name.is_empty() {
        return Err(ApiError::field("party_name", "required"));
    }
    let clock_unit = bureau.as_ref().map_or(unit, UnitRef::referral_target);
    let item_label = label(&it);
    let clock_label = match &bureau {
        Some(_) => Label::new(format!("保密审查请示 · {}", item_label.text), Some("/console/referrals".to_string())),
        None => Label::new(format!("征求意见 · {name} · {}", item_label.text), item_label.link),
    };
    let c = clocks::start(
        tx,
        &Subject::new(ITEM_CONSULTATION, id, clock_unit),
        NewClock {
            kind,
            legal_basis: basis.into(),
            start: today,
            period: Period::WorkingDays(days),
            assignee: if bureau.is_some() { None } else { Some(by) },
            label: clock_label,
        },
        now,
    )
    .await?;
    let row = consultation::Model {
        id,
        item_id: it.id,
        county_id: it.county_id,
        unit_id: it.unit_id,
        party: req.party,
        party_name: name,
        target_unit_id: bureau.as_ref().map(|b| b.id),
        revision: it.revision,
        question: crate::text::tidy(&req.question),
        started_on: today,
        status: ConsultationStatus::Open,
        opinion: None,
        answer: None,
        answered_on: None,
        answered_by: None,
        created_by: by,
        created_at: now,
    };
    consultation::Entity::insert(consultation::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
    let it = save(tx, it, |a| a.status = Set(ItemStatus::Consulting), now).await?;
    event(
        tx,
        &it,
        "consulted",
        false,
        Some(by),
        serde_json::json!({ "consultation_id": id, "party": req.party, "answer_by": c.due_date }),
        now,
    )
    .await?;
    if let Some(bureau) = bureau {
        let from = unit::Entity::find_by_id(it.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
        let link = format!("{}/console/referrals", base_url.trim_end_matches('/'));
        for person in members(tx, bureau.id, None).await? {
            let notice = Notice {
                kind: "referral_received",
                context: serde_json::json!({
                    "recipient_name": person.display_name, "unit_name": from.name, "question": row.question,
                    "due_date": c.due_date.to_string(), "link": link,
                }),
                subject_type: Some("item_consultation".into()),
                subject_id: Some(id.to_string()),
                link: Some(link.clone()),
                legal: false,
            };
            notify::deliver(tx, base_url, &person, &notice, now).await?;
        }
    }
    Ok((it, row))
}

/// Closes a consultation with its answer (or, after its period, without one) and, when none is
/// open any more, puts the item back before the reviewer.
/// How a consultation ends: with an opinion and its text, or (none) its period ran out; on a day.
struct Closing {
    opinion: Option<ItemOpinion>,
    answer: Option<String>,
    on: NaiveDate,
}

async fn close(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    c: consultation::Model,
    closing: Closing,
    by: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(item::Model, consultation::Model), ApiError> {
    let Closing { opinion, answer, on } = closing;
    if c.status != ConsultationStatus::Open {
        return Err(ApiError::Rule(ErrorCode::ConsultationClosed, None));
    }
    let (asked, kind) = consultation_clock(&c);
    let clock = clocks::find(tx, &asked, kind).await?;
    if opinion.is_none() && clock.as_ref().is_some_and(|k| k.due_date >= beijing_today(now)) {
        return Err(ApiError::Rule(ErrorCode::ConsultationStillRunning, Some("opinion".into())));
    }
    clocks::end(tx, &asked, kind, clocks::Ending::Complete, now).await?;
    let mut active: consultation::ActiveModel = c.into();
    active.status = Set(if opinion.is_some() { ConsultationStatus::Answered } else { ConsultationStatus::Lapsed });
    active.opinion = Set(opinion);
    active.answer = Set(answer);
    active.answered_on = Set(Some(on));
    active.answered_by = Set(Some(by));
    let c = active.update(tx).await?;
    let it = load(tx, unit, c.item_id).await?;
    let it = if open_consultations(tx, unit, it.id).await? == 0 && it.status == ItemStatus::Consulting {
        save(tx, it, |a| a.status = Set(ItemStatus::InReview), now).await?
    } else {
        it
    };
    Ok((it, c))
}

/// The unit records a department's or right holder's answer, or that its period ran out; the
/// bureau answers its referrals itself.
pub async fn record_answer(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    c: consultation::Model,
    req: &ItemConsultAnswerRequest,
    by: Uuid,
) -> Result<(item::Model, consultation::Model), ApiError> {
    let today = beijing_today(step.now);
    if req.answered_on > today || req.answered_on < c.started_on {
        return Err(ApiError::field("answered_on", "invalid_value"));
    }
    if c.party == ItemConsultedParty::SecrecyBureau && req.opinion.is_some() {
        return Err(ApiError::Rule(ErrorCode::ReferralAnsweredByBureau, None));
    }
    let answer = opt(&req.answer);
    if req.opinion.is_some() && answer.is_none() {
        return Err(ApiError::field("answer", "required"));
    }
    let (it, c) =
        close(tx, step.unit, c, Closing { opinion: req.opinion, answer, on: req.answered_on }, by, step.now).await?;
    let note = match (c.opinion, c.party) {
        (Some(_), _) => "",
        (None, ItemConsultedParty::SecrecyBureau) => {
            "保密行政管理部门逾期未答复（保密审查制度第十条），已列为违规线索；由本机关审查决定。"
        }
        (None, _) => "逾期未提出意见，由本机关依照规定决定是否公开（条例第三十二条）。",
    };
    event(
        tx,
        &it,
        "consultation_closed",
        false,
        Some(by),
        serde_json::json!({ "consultation_id": c.id, "opinion": c.opinion, "note": note }),
        step.now,
    )
    .await?;
    Ok((it, c))
}

/// The secrecy bureau answers a referral. `must_not` binds the item: it becomes not disclosed on
/// the bureau's ground, a new revision the reviewer confirms.
pub async fn bureau_answer(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    c: consultation::Model,
    req: &BureauAnswerRequest,
    bureau_person: &user::Model,
) -> Result<(item::Model, consultation::Model), ApiError> {
    let today = beijing_today(step.now);
    let asking = UnitRef::owning_row(c.unit_id, c.county_id);
    let answer = crate::text::tidy(&req.answer);
    let (it, c) = close(
        tx,
        asking,
        c,
        Closing { opinion: Some(req.opinion), answer: Some(answer.clone()), on: today },
        bureau_person.id,
        step.now,
    )
    .await?;
    let it = if req.opinion == ItemOpinion::MustNot {
        let ground = req
            .ground
            .filter(|g| *g != WithholdingGround::OutsideProactiveScope)
            .unwrap_or(WithholdingGround::StateSecret);
        let was_proactive = it.attribute == DisclosureAttribute::Proactive;
        let next = it.revision + 1;
        let it = save(
            tx,
            it,
            |a| {
                a.attribute = Set(DisclosureAttribute::NotDisclosed);
                a.ground = Set(Some(ground));
                a.attribute_reason = Set(Some(format!("保密行政管理部门答复：{answer}")));
                a.revision = Set(next);
            },
            step.now,
        )
        .await?;
        if was_proactive && it.first_published_on.is_none() {
            clocks::end(tx, &subject(&it), &PUBLICATION, clocks::Ending::Cancel, step.now).await?;
        }
        it
    } else {
        it
    };
    event(
        tx,
        &it,
        "referral_answered",
        false,
        Some(bureau_person.id),
        serde_json::json!({ "consultation_id": c.id, "opinion": req.opinion, "answer": answer }),
        step.now,
    )
    .await?;
    Ok((it, c))
}

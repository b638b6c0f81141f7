//! The steps of a case, one function each: it takes the caller's authorization, the validated
//! request and the request's transaction, applies the articles (through `rules` and `service`), and
//! returns the case as it now stands with the audit event that records the step. The routes commit.

use base64::Engine;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entity::enums::{CaseApproval, CaseStatus, FilingStatus, LeadStatus, OversightFunction, PartyKind, RemedyKind};
use entity::{
    case, case_circulation, case_circumstance, case_evidence, case_filing, case_party, case_subject, unit,
    violation_lead as lead,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use super::requests::*;
use super::rules::{self, Measure, Share};
use super::service::{self, from_text, name_of, to_text};
use super::views::{self, CaseView};
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::calendar::service as calendar;
use crate::error::{ApiError, ErrorCode};
use crate::policy::permissions::{CaseApprove, CaseDecide, CaseOpen, CaseRead, CaseRespond};
use crate::state::AppState;
use crate::time::beijing_today;
use crate::units::people;

const MAX_EVIDENCE_BYTES: usize = 512 * 1024;

/// A case's circulated criticism goes to no unit (before it is set afresh, or when it closes).
async fn clear_circulations(tx: &DatabaseTransaction, case_id: Uuid) -> Result<(), ApiError> {
    case_circulation::Entity::delete_many().filter(case_circulation::Column::CaseId.eq(case_id)).exec(tx).await?;
    Ok(())
}

/// The case as its API answers it.
pub async fn view(state: &AppState, db: &impl sea_orm::ConnectionTrait, c: case::Model) -> Result<CaseView, ApiError> {
    views::case_view(db, state, c, state.time.now()).await
}

/// Open a case by hand or from a violation lead (AC 4). The AC 9 allocation is proposed at once
/// from the approval trail of the linked subjects.
pub async fn open(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseOpen>,
    body: OpenCaseRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let actor = &auth.actor;

    // The pursuing body: one of the caller's units that may open cases.
    let mut candidates = Vec::new();
    let mut ids: Vec<Uuid> = state.policy.memberships(actor.user_id).into_iter().map(|m| m.unit_id).collect();
    if let Some(wanted) = body.deciding_unit_id {
        ids.retain(|id| *id == wanted);
        if ids.is_empty() && matches!(auth.reach, Reach::Platform) {
            ids.push(wanted);
        }
    }
    for id in ids {
        if let Some(u) = unit::Entity::find_by_id(id).one(tx).await?
            && service::may_act_for::<CaseOpen>(state, actor, &u)
        {
            candidates.push(u);
        }
    }
    let oversight = |u: &unit::Model| {
        matches!(
            u.function,
            Some(
                OversightFunction::OpennessOffice
                    | OversightFunction::SupervisoryCommission
                    | OversightFunction::CountyGovernment
            )
        )
    };
    candidates.sort_by_key(|u| !oversight(u));
    let body_unit = candidates
        .first()
        .cloned()
        .ok_or(ApiError::Rule(ErrorCode::OutsideOwnSystem, Some("deciding_unit_id".into())))?;
    let county_id = body_unit.county_id;

    let mut facts = body.facts.clone().map(|f| f.trim().to_string()).filter(|f| !f.is_empty());
    let mut violation_types = body.violation_types.clone();
    let mut unit_ids = body.unit_ids.clone();
    let mut subjects: Vec<(String, String)> =
        body.subjects.iter().map(|s| (s.subject_type.trim().to_string(), s.subject_id.trim().to_string())).collect();
    let mut breach_on_lead: Option<service::BreachSubject> = None;
    if body.violated_on.is_some_and(|d| d > beijing_today(now)) {
        return Err(ApiError::field("violated_on", "in_future"));
    }
    let mut violated_on = body.violated_on;
    let from_lead = match body.lead_id {
        Some(lead_id) => {
            let l = lead::Entity::find_by_id(lead_id)
                .filter(lead::Column::CountyId.eq(county_id))
                .one(tx)
                .await?
                .ok_or(ApiError::Rule(ErrorCode::InvalidReference, Some("lead_id".into())))?;
            if l.status != LeadStatus::Open {
                return Err(ApiError::Rule(ErrorCode::LeadAlreadyTriaged, Some("lead_id".into())));
            }
            facts.get_or_insert_with(|| l.facts.clone());
            let kind = service::violation_of_item(&l.item);
            if !violation_types.contains(&kind) {
                violation_types.push(kind);
            }
            if !unit_ids.contains(&l.unit_id) {
                unit_ids.push(l.unit_id);
            }
            if !subjects.contains(&(l.subject_type.clone(), l.subject_id.clone())) {
                subjects.push((l.subject_type.clone(), l.subject_id.clone()));
            }
            // The missed limit names the act in breach and the person it was assigned to.
            let missed = match l.clock_id {
                Some(id) => crate::clocks::by_id_within(tx, &Reach::County(county_id), id).await?,
                None => None,
            };
            // A missed limit is breached the day after its last day.
            violated_on = violated_on
                .or_else(|| missed.as_ref().and_then(|c| c.due_date.succ_opt()))
                .or_else(|| Some(beijing_today(l.detected_at)));
            breach_on_lead = Some(service::BreachSubject {
                subject_type: l.subject_type.clone(),
                subject_id: l.subject_id.clone(),
                act: missed.as_ref().and_then(|c| state.clock_kinds.get(&c.kind)).and_then(|k| k.answered_by),
                direct_handler: missed.as_ref().and_then(|c| c.assignee_user_id.map(|u| (u, c.unit_id))),
            });
            Some(l)
        }
        None => None,
    };
    let facts = facts.ok_or_else(|| ApiError::field("facts", "required"))?;
    if violation_types.is_empty() {
        return Err(ApiError::field("violation_types", "required"));
    }
    violation_types.dedup();
    subjects.dedup();

    // People the approval trail names, and those given by hand.
    let breach: Vec<service::BreachSubject> = subjects
        .iter()
        .map(|(subject_type, subject_id)| match &breach_on_lead {
            Some(b) if (&b.subject_type, &b.subject_id) == (subject_type, subject_id) => b.clone(),
            _ => service::BreachSubject {
                subject_type: subject_type.clone(),
                subject_id: subject_id.clone(),
                act: None,
                direct_handler: None,
            },
        })
        .collect();
    let proposal = service::propose(tx, county_id, &breach).await?;
    let mut people: Vec<(Uuid, Uuid, Option<Share>, Option<String>)> =
        proposal.iter().map(|(user, unit, share, basis)| (*user, *unit, Some(*share), Some(basis.clone()))).collect();
    for (i, person) in body.person_ids.iter().enumerate() {
        if people.iter().any(|p| p.0 == *person) {
            continue;
        }
        let unit_id = service::unit_of_person(tx, county_id, *person)
            .await?
            .ok_or_else(|| ApiError::field(&format!("person_ids[{i}]"), "invalid_reference"))?;
        people.push((*person, unit_id, None, None));
    }
    for (_, unit_id, ..) in &people {
        if !unit_ids.contains(unit_id) {
            unit_ids.push(*unit_id);
        }
    }
    if unit_ids.is_empty() {
        return Err(ApiError::field("unit_ids", "required"));
    }
    for (i, id) in unit_ids.iter().enumerate() {
        let u = unit::Entity::find_by_id(*id).one(tx).await?;
        if u.is_none_or(|u| u.county_id != county_id) {
            return Err(ApiError::field(&format!("unit_ids[{i}]"), "invalid_reference"));
        }
        if !oversight(&body_unit)
            && !matches!(auth.reach, Reach::Platform)
            && !service::is_within(tx, *id, body_unit.id).await?
        {
            return Err(ApiError::Rule(ErrorCode::OutsideOwnSystem, Some("unit_ids".into())));
        }
    }

    let year = beijing_today(now).year();
    let c = case::Model {
        id: Uuid::now_v7(),
        county_id,
        deciding_unit_id: body_unit.id,
        number: service::next_number(tx, county_id, year).await?,
        title: body.title.trim().to_string(),
        facts,
        violation_types: to_text(&violation_types),
        lead_id: from_lead.as_ref().map(|l| l.id),
        status: CaseStatus::Open,
        severity: None,
        measures: "[]".into(),
        departure_reason: None,
        allocation_reason: None,
        approval: CaseApproval::NotNeeded,
        approved_by: None,
        approved_at: None,
        approval_note: None,
        hearing_deadline: None,
        hearing_opened_at: None,
        reasons: None,
        track: None,
        decided_by: None,
        decided_at: None,
        closure: None,
        violated_on,
        created_by: actor.user_id,
        created_at: now,
        updated_at: now,
    };
    case::Entity::insert(case::ActiveModel::from(c.clone())).exec_without_returning(tx).await?;
    let party = |kind: PartyKind, unit_id: Uuid, user_id: Option<Uuid>, share: Option<Share>, basis: Option<String>| {
        case_party::ActiveModel {
            id: Set(Uuid::now_v7()),
            case_id: Set(c.id),
            kind: Set(kind),
            unit_id: Set(unit_id),
            user_id: Set(user_id),
            proposed_share: Set(share.map(|s| name_of(&s))),
            proposed_basis: Set(basis),
            share: Set(share.map(|s| name_of(&s))),
            measures: Set("[]".into()),
            sanction_ends_on: Set(None),
            sanction_status: Set(None),
            sanction_decided_on: Set(None),
            sanction_decided_by: Set(None),
            sanction_note: Set(None),
            statement: Set(None),
            statement_by: Set(None),
            statement_at: Set(None),
            learned_on: Set(None),
        }
    };
    for unit_id in &unit_ids {
        case_party::Entity::insert(party(PartyKind::Unit, *unit_id, None, None, None))
            .exec_without_returning(tx)
            .await?;
    }
    for (user_id, unit_id, share, basis) in people {
        case_party::Entity::insert(party(PartyKind::Person, unit_id, Some(user_id), share, basis))
            .exec_without_returning(tx)
            .await?;
    }
    for (subject_type, subject_id) in &subjects {
        case_subject::Entity::insert(case_subject::ActiveModel {
            id: Set(Uuid::now_v7()),
            case_id: Set(c.id),
            subject_type: Set(subject_type.clone()),
            subject_id: Set(subject_id.clone()),
        })
        .exec_without_returning(tx)
        .await?;
    }
    if let Some(l) = &from_lead {
        lead::Entity::update_many()
            .col_expr(lead::Column::Status, Expr::value(LeadStatus::CaseOpened))
            .col_expr(lead::Column::TriagedBy, Expr::value(Some(actor.user_id)))
            .col_expr(lead::Column::TriagedAt, Expr::value(Some(now)))
            .col_expr(lead::Column::TriageReason, Expr::value(Some(format!("立案：{}", c.number))))
            .filter(lead::Column::Id.eq(l.id))
            .exec(tx)
            .await?;
    }
    let out = view(state, tx, c.clone()).await?;
    let record = AuditRecord::success("case.open", "case", c.id)
        .in_unit(county_id, body_unit.id)
        .with_summary(serde_json::json!({ "case": out, "lead_id": body.lead_id }));
    Ok((out, record))
}

/// Settle who bears responsibility. Any change to the AC 9 proposal needs a written reason.
pub async fn allocate(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: Uuid,
    body: AllocationRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let (c, _) = service::for_deciding_body(tx, state, &auth.reach, &auth.actor, target).await?;
    service::ensure_not_decided(&c)?;
    let before = view(state, tx, c.clone()).await?;
    let parties = service::parties(tx, c.id).await?;
    let mut departs = false;
    for (i, s) in body.shares.iter().enumerate() {
        let p = parties
            .iter()
            .find(|p| p.id == s.party_id && p.kind == PartyKind::Person)
            .ok_or_else(|| ApiError::field(&format!("shares[{i}].party_id"), "unknown_party"))?;
        let share = name_of(&s.share);
        if p.proposed_share.as_deref().is_some_and(|proposed| proposed != share) {
            departs = true;
        }
        let mut active: case_party::ActiveModel = p.clone().into();
        active.share = Set(Some(share));
        active.update(tx).await?;
    }
    let reason = body.reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    if departs && reason.is_none() {
        return Err(ApiError::Rule(ErrorCode::AllocationReasonRequired, Some("reason".into())));
    }
    let mut active: case::ActiveModel = c.clone().into();
    active.allocation_reason = Set(if departs { reason } else { None });
    active.updated_at = Set(now);
    let c = active.update(tx).await?;
    let after = view(state, tx, c.clone()).await?;
    let record = AuditRecord::success("case.allocate", "case", c.id)
        .in_unit(c.county_id, c.deciding_unit_id)
        .change(&before.parties, &after.parties);
    Ok((after, record))
}

/// Record the mitigating (AC 10) and aggravating (AC 11) circumstances, replacing earlier ones.
pub async fn record_circumstances(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: Uuid,
    body: CircumstancesRequest,
    _now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let (c, _) = service::for_deciding_body(tx, state, &auth.reach, &auth.actor, target).await?;
    service::ensure_not_decided(&c)?;
    let before = view(state, tx, c.clone()).await?;
    case_circumstance::Entity::delete_many().filter(case_circumstance::Column::CaseId.eq(c.id)).exec(tx).await?;
    for item in &body.items {
        case_circumstance::Entity::insert(case_circumstance::ActiveModel {
            id: Set(Uuid::now_v7()),
            case_id: Set(c.id),
            kind: Set(item.factor.kind().into()),
            factor: Set(name_of(&item.factor)),
            note: Set(item.note.trim().to_string()),
        })
        .exec_without_returning(tx)
        .await?;
    }
    let after = view(state, tx, c.clone()).await?;
    let record = AuditRecord::success("case.circumstances", "case", c.id)
        .in_unit(c.county_id, c.deciding_unit_id)
        .change(&before.circumstances, &after.circumstances);
    Ok((after, record))
}

/// Set the severity and measures, checked against AC 8. A departure needs a reason; a major case
/// goes to the county government for approval.
pub async fn set_measures(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: Uuid,
    body: MeasuresRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let (c, _) = service::for_deciding_body(tx, state, &auth.reach, &auth.actor, target).await?;
    service::ensure_not_decided(&c)?;
    let mut measures = body.measures.clone();
    measures.dedup();
    let check = rules::check_measures(body.severity, &measures);
    let reason = body.departure_reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    if check.departs && reason.is_none() {
        return Err(ApiError::Rule(ErrorCode::DepartureReasonRequired, Some("departure_reason".into())));
    }
    let circulates = measures.contains(&Measure::CirculatedCriticism);
    if circulates && body.circulate_to.is_empty() {
        return Err(ApiError::field("circulate_to", "required"));
    }
    for (i, id) in body.circulate_to.iter().enumerate() {
        let u = unit::Entity::find_by_id(*id).one(tx).await?;
        if u.is_none_or(|u| u.county_id != c.county_id) {
            return Err(ApiError::field(&format!("circulate_to[{i}]"), "invalid_reference"));
        }
    }
    let before = view(state, tx, c.clone()).await?;
    clear_circulations(tx, c.id).await?;
    if circulates {
        let mut targets = body.circulate_to.clone();
        targets.sort();
        targets.dedup();
        for unit_id in targets {
            case_circulation::Entity::insert(case_circulation::ActiveModel {
                id: Set(Uuid::now_v7()),
                case_id: Set(c.id),
                unit_id: Set(unit_id),
            })
            .exec_without_returning(tx)
            .await?;
        }
    }
    let mut active: case::ActiveModel = c.clone().into();
    active.severity = Set(Some(name_of(&body.severity)));
    active.measures = Set(to_text(&measures));
    active.departure_reason = Set(if check.departs { reason } else { None });
    // Any change to the measures needs the county's approval afresh.
    active.approval = Set(if check.needs_county_approval { CaseApproval::Pending } else { CaseApproval::NotNeeded });
    active.approved_by = Set(None);
    active.approved_at = Set(None);
    active.approval_note = Set(None);
    active.updated_at = Set(now);
    let c = active.update(tx).await?;
    if check.needs_county_approval {
        // The county government must learn that a major case waits for it (AC 8).
        if let Some(gov) = people::function_unit(tx, c.county_id, OversightFunction::CountyGovernment).await? {
            let deciding = unit::Entity::find_by_id(c.deciding_unit_id).one(tx).await?;
            let people: Vec<_> = people::members(tx, gov.id, Some(entity::enums::UnitRole::Leader))
                .await?
                .into_iter()
                .map(|person| {
                    let en = person.locale.starts_with("en");
                    let extra = serde_json::json!({
                        "deciding_body": deciding.as_ref().map(|u| if en { u.name_en.clone() } else { u.name.clone() }),
                        "case_measures": service::measures_text(&measures, en),
                        "severity": name_of(&body.severity),
                    });
                    (person, extra)
                })
                .collect();
            service::tell(tx, state, &people, "case_approval_requested", &c, now).await?;
        }
    }
    let after = view(state, tx, c.clone()).await?;
    let record = AuditRecord::success("case.measures", "case", c.id).in_unit(c.county_id, c.deciding_unit_id).change(
        serde_json::json!({"severity": before.severity, "measures": before.measures, "approval": before.approval}),
        serde_json::json!({"severity": after.severity, "measures": after.measures, "approval": after.approval,
                           "departure_reason": after.departure_reason, "check": after.measure_check}),
    );
    Ok((after, record))
}

/// The county government approves (or rejects) the handling of a major case (AC 8).
pub async fn approve(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseApprove>,
    target: Uuid,
    body: ApprovalRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let c = service::find_visible(tx, &auth.reach, &auth.actor, target).await?;
    let government = people::function_unit(tx, c.county_id, OversightFunction::CountyGovernment)
        .await?
        .ok_or(ApiError::Forbidden)?;
    if !service::may_act_for::<CaseApprove>(state, &auth.actor, &government) {
        return Err(ApiError::Forbidden);
    }
    service::ensure_not_decided(&c)?;
    if c.approval != CaseApproval::Pending {
        return Err(ApiError::Rule(ErrorCode::ApprovalNotPending, None));
    }
    let mut active: case::ActiveModel = c.clone().into();
    active.approval = Set(if body.approved { CaseApproval::Approved } else { CaseApproval::Rejected });
    active.approved_by = Set(Some(auth.actor.user_id));
    active.approved_at = Set(Some(now));
    active.approval_note = Set(body.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()));
    active.updated_at = Set(now);
    let c = active.update(tx).await?;
    let record = AuditRecord::success("case.approve", "case", c.id)
        .in_unit(c.county_id, government.id)
        .with_summary(serde_json::json!({"approval": c.approval, "note": c.approval_note, "measures": from_text::<Vec<Measure>>(&c.measures)}));
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

/// Notify the people and units concerned of the hearing (AC 12), with the deadline for their
/// statement and defence.
pub async fn open_hearing(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: Uuid,
    body: HearingRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    if body.deadline <= beijing_today(now) {
        return Err(ApiError::field("deadline", "deadline_not_after_today"));
    }
    let (c, body_unit) = service::for_deciding_body(tx, state, &auth.reach, &auth.actor, target).await?;
    service::ensure_not_decided(&c)?;
    let mut active: case::ActiveModel = c.clone().into();
    active.status = Set(CaseStatus::Hearing);
    active.hearing_deadline = Set(Some(body.deadline));
    active.hearing_opened_at = Set(Some(now));
    active.updated_at = Set(now);
    let c = active.update(tx).await?;
    let parties = service::parties(tx, c.id).await?;
    let people: Vec<_> = service::recipients(tx, &parties)
        .await?
        .into_iter()
        .map(|(person, _)| {
            (
                person,
                serde_json::json!({"deadline": body.deadline.to_string(), "deciding_body": body_unit.name, "facts": c.facts}),
            )
        })
        .collect();
    let told = service::tell(tx, state, &people, "case_hearing", &c, now).await?;
    let record = AuditRecord::success("case.hearing", "case", c.id)
        .in_unit(c.county_id, c.deciding_unit_id)
        .with_summary(serde_json::json!({"deadline": body.deadline, "notified": told}));
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

/// A person concerned (or a leader of a unit concerned) submits the statement and defence.
pub async fn give_statement(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseRespond>,
    target: Uuid,
    body: StatementRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let reach = Reach::for_actor::<CaseRead>(state, &auth.actor).unwrap_or(Reach::Units(Vec::new()));
    let c = service::find_visible(tx, &reach, &auth.actor, target).await?;
    let party = case_party::Entity::find_by_id(body.party_id)
        .filter(case_party::Column::CaseId.eq(c.id))
        .one(tx)
        .await?
        .ok_or_else(|| ApiError::field("party_id", "unknown_party"))?;
    let speaks_for = match party.user_id {
        Some(user) => user == auth.actor.user_id,
        None => state
            .policy
            .memberships(auth.actor.user_id)
            .iter()
            .any(|m| m.unit_id == party.unit_id && m.role == entity::enums::UnitRole::Leader),
    };
    if !speaks_for {
        return Err(ApiError::Rule(ErrorCode::NotAParty, Some("party_id".into())));
    }
    service::ensure_not_decided(&c)?;
    let Some(deadline) = c.hearing_deadline else {
        return Err(ApiError::Rule(ErrorCode::HearingNotHeld, None));
    };
    if beijing_today(now) > deadline {
        return Err(ApiError::Rule(ErrorCode::HearingClosed, None));
    }
    if party.statement.is_some() {
        return Err(ApiError::Rule(ErrorCode::StatementGiven, Some("party_id".into())));
    }
    let mut active: case_party::ActiveModel = party.clone().into();
    active.statement = Set(Some(body.statement.trim().to_string()));
    active.statement_by = Set(Some(auth.actor.user_id));
    active.statement_at = Set(Some(now));
    active.update(tx).await?;
    let record = AuditRecord::success("case.statement", "case", c.id)
        .in_unit(c.county_id, c.deciding_unit_id)
        .with_summary(serde_json::json!({"party_id": party.id, "chars": body.statement.chars().count()}));
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

/// Issue the decision: each person and unit concerned is emailed the decision, the measures, the
/// reasons, and their rights and deadlines to seek review or appeal.
pub async fn decide(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: Uuid,
    body: DecisionRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let today = beijing_today(now);
    let (c, body_unit) = service::for_deciding_body(tx, state, &auth.reach, &auth.actor, target).await?;
    service::ensure_not_decided(&c)?;
    if c.severity.is_none() {
        return Err(ApiError::Rule(ErrorCode::MeasuresMissing, None));
    }
    if matches!(c.approval, CaseApproval::Pending | CaseApproval::Rejected) {
        return Err(ApiError::Rule(ErrorCode::CountyApprovalRequired, None));
    }
    let parties = service::parties(tx, c.id).await?;
    let Some(deadline) = c.hearing_deadline else {
        return Err(ApiError::Rule(ErrorCode::HearingNotHeld, None));
    };
    if today <= deadline && parties.iter().any(|p| p.statement.is_none()) {
        return Err(ApiError::Rule(ErrorCode::HearingNotOver, None));
    }
    let measures: Vec<Measure> = from_text(&c.measures);
    let track = service::track_of(&body_unit, &measures, state.settings.case_review_days_default);
    let calendar = calendar::load(tx, c.county_id).await?;
    let mut active: case::ActiveModel = c.clone().into();
    active.status = Set(CaseStatus::Decided);
    active.reasons = Set(Some(body.reasons.trim().to_string()));
    active.track = Set(Some(service::track_name(track)));
    active.decided_by = Set(Some(auth.actor.user_id));
    active.decided_at = Set(Some(now));
    active.updated_at = Set(now);
    let c = active.update(tx).await?;
    let review_due = rules::filing_deadline(&calendar, track, today, false);
    // Only the supervisory commission imposes a sanction itself; any other deciding body recommends
    // it to the body with authority over the person.
    let imposes = body_unit.function == Some(OversightFunction::SupervisoryCommission);
    let mut decided_parties = Vec::new();
    for p in parties {
        let own = service::measures_for(&p, &measures);
        let sanctioned = own.iter().any(|m| matches!(m, Measure::DisciplinarySanction(_)));
        let mut a: case_party::ActiveModel = p.clone().into();
        a.sanction_ends_on = Set(if imposes { service::sanction_end(today, &own) } else { None });
        a.sanction_status = Set(sanctioned.then(|| if imposes { "imposed" } else { "recommended" }.to_string()));
        a.sanction_decided_on = Set((sanctioned && imposes).then_some(today));
        a.measures = Set(to_text(&own));
        a.learned_on = Set(Some(today));
        let p = a.update(tx).await?;
        if let (Some(user), false) = (p.user_id, own.is_empty()) {
            service::start_clock(
                tx,
                &service::party_subject(&c, p.id),
                (&super::REVIEW_FILE, track),
                (today, review_due),
                Some(user),
                service::case_label(&c, &format!("{}申请", track.step_names(false).0)),
                now,
            )
            .await?;
        }
        decided_parties.push(p);
    }
    let circulated = service::circulations(tx, c.id).await?;
    let (circ_units, _) = service::names(tx, &circulated, &[]).await?;
    let above = service::county_body_above(tx, &c, track, &body_unit).await?;
    let above = service::body_above(above.as_ref());
    let people: Vec<_> = service::recipients(tx, &decided_parties)
        .await?
        .into_iter()
        .map(|(person, p)| {
            let en = person.locale.starts_with("en");
            let own: Vec<Measure> = from_text(&p.measures);
            let context = serde_json::json!({
                "deciding_body": body_unit.name,
                "measures": service::measures_text(&own, en),
                "case_measures": service::measures_text(&measures, en),
                "reasons": c.reasons.clone().unwrap_or_default(),
                "remedies": rules::remedies_sentence(track, en, &body_unit.name, &above, review_due),
                "sanction_ends_on": p.sanction_ends_on.map(|d| d.to_string()).unwrap_or_default(),
                "sanction_recommended": p.sanction_status.as_deref() == Some("recommended"),
                "circulated_to": circ_units.values().cloned().collect::<Vec<_>>().join("、"),
            });
            (person, context)
        })
        .collect();
    let mut told = service::tell(tx, state, &people, "case_decision", &c, now).await?;
    if !imposes {
        told += recommend_sanctions(tx, state, &c, &body_unit, &decided_parties, now).await?;
    }
    let out = view(state, tx, c.clone()).await?;
    let record = AuditRecord::success("case.decide", "case", c.id)
        .in_unit(c.county_id, c.deciding_unit_id)
        .with_summary(serde_json::json!({"measures": measures, "track": c.track, "review_due": review_due,
                                         "notified": told, "parties": out.parties}));
    Ok((out, record))
}

/// A sanction another body recommends goes to the body with authority over the person — the
/// county government as appointing body of county staff — whose leaders are told to decide it.
async fn recommend_sanctions(
    tx: &DatabaseTransaction,
    state: &AppState,
    c: &case::Model,
    deciding: &unit::Model,
    parties: &[case_party::Model],
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let recommended: Vec<_> = parties.iter().filter(|p| p.sanction_status.as_deref() == Some("recommended")).collect();
    if recommended.is_empty() {
        return Ok(0);
    }
    let Some(government) = people::function_unit(tx, c.county_id, OversightFunction::CountyGovernment).await? else {
        return Ok(0);
    };
    let person_ids: Vec<Uuid> = recommended.iter().filter_map(|p| p.user_id).collect();
    let unit_ids: Vec<Uuid> = recommended.iter().map(|p| p.unit_id).collect();
    let (units, persons) = service::names(tx, &unit_ids, &person_ids).await?;
    let lines = |en: bool| {
        recommended
            .iter()
            .map(|p| {
                let who = p.user_id.and_then(|id| persons.get(&id)).cloned().unwrap_or_default();
                let unit = units.get(&p.unit_id).cloned().unwrap_or_default();
                let sanctions: Vec<Measure> = from_text::<Vec<Measure>>(&p.measures)
                    .into_iter()
                    .filter(|m| matches!(m, Measure::DisciplinarySanction(_)))
                    .collect();
                let what = service::measures_text(&sanctions, en);
                if en { format!("{who} ({unit}): {what}") } else { format!("{who}（{unit}）：{what}") }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let people: Vec<_> = people::members(tx, government.id, Some(entity::enums::UnitRole::Leader))
        .await?
        .into_iter()
        .map(|person| {
            let en = person.locale.starts_with("en");
            let context = serde_json::json!({
                "deciding_body": deciding.name,
                "recommended": lines(en),
                "reasons": c.reasons.clone().unwrap_or_default(),
            });
            (person, context)
        })
        .collect();
    service::tell(tx, state, &people, "case_sanction_recommended", c, now).await
}

/// Close without measures (AC 10 exemption, or AC 5 no violation found). An exemption rests on a
/// mitigating circumstance recorded under AC 10; either way no measure is imposed and nothing can
/// be reviewed or appealed, and the case is no accountable event for AC 11(4).
pub async fn close(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: Uuid,
    body: ClosureRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let (c, body_unit) = service::for_deciding_body(tx, state, &auth.reach, &auth.actor, target).await?;
    service::ensure_not_decided(&c)?;
    if body.closure == entity::enums::CaseClosure::Exempted {
        let mitigating = case_circumstance::Entity::find()
            .filter(case_circumstance::Column::CaseId.eq(c.id))
            .filter(case_circumstance::Column::Kind.eq("mitigating"))
            .count(tx)
            .await?;
        if mitigating == 0 {
            return Err(ApiError::Rule(ErrorCode::ExemptionNeedsMitigation, Some("closure".into())));
        }
    }
    let mut active: case::ActiveModel = c.clone().into();
    active.status = Set(CaseStatus::Closed);
    active.closure = Set(Some(body.closure));
    active.reasons = Set(Some(body.reasons.trim().to_string()));
    active.severity = Set(None);
    active.measures = Set("[]".into());
    active.departure_reason = Set(None);
    active.approval = Set(CaseApproval::NotNeeded);
    active.decided_by = Set(Some(auth.actor.user_id));
    active.decided_at = Set(Some(now));
    active.updated_at = Set(now);
    let c = active.update(tx).await?;
    clear_circulations(tx, c.id).await?;
    let parties = service::parties(tx, c.id).await?;
    let (zh, en) = match body.closure {
        entity::enums::CaseClosure::Exempted => ("免予处理", "exempted from handling"),
        entity::enums::CaseClosure::NoViolation => ("未发现违规", "no violation found"),
    };
    let people: Vec<_> = service::recipients(tx, &parties)
        .await?
        .into_iter()
        .map(|(person, _)| {
            let en_locale = person.locale.starts_with("en");
            let context = serde_json::json!({
                "deciding_body": body_unit.name,
                "closure": if en_locale { en } else { zh },
                "reasons": c.reasons.clone().unwrap_or_default(),
            });
            (person, context)
        })
        .collect();
    let told = service::tell(tx, state, &people, "case_closed", &c, now).await?;
    let out = view(state, tx, c.clone()).await?;
    let record = AuditRecord::success("case.close", "case", c.id)
        .in_unit(c.county_id, c.deciding_unit_id)
        .with_summary(serde_json::json!({"closure": body.closure, "notified": told}));
    Ok((out, record))
}

/// Add evidence: a small file (kept in the database) or a reference.
pub async fn add_evidence(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: Uuid,
    body: EvidenceRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let file = match (&body.content_base64, &body.reference) {
        (Some(content), None) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(content.trim())
                .map_err(|_| ApiError::field("content_base64", "invalid_base64"))?;
            if bytes.len() > MAX_EVIDENCE_BYTES {
                return Err(ApiError::field("content_base64", "file_too_large"));
            }
            if body.file_name.is_none() {
                return Err(ApiError::field("file_name", "required"));
            }
            let kind = crate::download::sniff(&bytes, true).ok_or(ApiError::UnsupportedMediaType)?;
            Some((bytes.len(), kind))
        }
        (None, Some(_)) => None,
        _ => return Err(ApiError::field("content_base64", "file_or_reference")),
    };
    let (c, _) = service::for_deciding_body(tx, state, &auth.reach, &auth.actor, target).await?;
    let id = Uuid::now_v7();
    case_evidence::Entity::insert(case_evidence::ActiveModel {
        id: Set(id),
        case_id: Set(c.id),
        kind: Set(if file.is_some() { "file".into() } else { "reference".into() }),
        title: Set(body.title.trim().to_string()),
        file_name: Set(file.and(body.file_name.clone())),
        content_type: Set(file.map(|(_, kind)| kind.to_string())),
        size_bytes: Set(i64::try_from(file.map_or(0, |(size, _)| size)).unwrap_or(0)),
        content: Set(file.and(body.content_base64.map(|c| c.trim().to_string()))),
        reference: Set(body.reference.clone()),
        added_by: Set(auth.actor.user_id),
        added_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    let record = AuditRecord::success("case.evidence", "case", c.id)
        .in_unit(c.county_id, c.deciding_unit_id)
        .with_summary(serde_json::json!({"evidence_id": id, "title": body.title, "size": file.map(|(size, _)| size),
                               "reference": body.reference}));
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

/// The body and the day of a step that leaves the county, which the filer must name; inside the
/// county there is none to name.
fn external_step(
    body: &FilingRequest,
    window: &service::FilingWindow,
    today: NaiveDate,
) -> Result<Option<(String, NaiveDate)>, ApiError> {
    if !window.external {
        if body.external_body.is_some() {
            return Err(ApiError::field("external_body", "not_external"));
        }
        if body.filed_on.is_some() {
            return Err(ApiError::field("filed_on", "not_external"));
        }
        return Ok(None);
    }
    let name =
        body.external_body.as_deref().map(str::trim).ok_or_else(|| ApiError::field("external_body", "required"))?;
    let filed_on = body.filed_on.ok_or_else(|| ApiError::field("filed_on", "required"))?;
    if filed_on > today {
        return Err(ApiError::field("filed_on", "in_future"));
    }
    Ok(Some((name.to_string(), filed_on)))
}

/// A person concerned files a review (复核) with the deciding body or an appeal (申诉) to the body
/// above, within the limits of DOMAIN.md §7. The decision stays in force meanwhile.
pub async fn file_remedy(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseRespond>,
    target: Uuid,
    body: FilingRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let today = beijing_today(now);
    let reach = Reach::for_actor::<CaseRead>(state, &auth.actor).unwrap_or(Reach::Units(Vec::new()));
    let c = service::find_visible(tx, &reach, &auth.actor, target).await?;
    let party = match body.party_id {
        // A unit concerned files through one of its leaders (AC 12).
        Some(party_id) => {
            let unit_party = case_party::Entity::find_by_id(party_id)
                .filter(case_party::Column::CaseId.eq(c.id))
                .filter(case_party::Column::Kind.eq(PartyKind::Unit))
                .one(tx)
                .await?
                .ok_or_else(|| ApiError::field("party_id", "unknown_party"))?;
            let leads = state
                .policy
                .memberships(auth.actor.user_id)
                .iter()
                .any(|m| m.unit_id == unit_party.unit_id && m.role == entity::enums::UnitRole::Leader);
            if !leads {
                return Err(ApiError::Rule(ErrorCode::NotAParty, Some("party_id".into())));
            }
            unit_party
        }
        None => case_party::Entity::find()
            .filter(case_party::Column::CaseId.eq(c.id))
            .filter(case_party::Column::UserId.eq(auth.actor.user_id))
            .one(tx)
            .await?
            .ok_or(ApiError::Rule(ErrorCode::NotAParty, None))?,
    };
    if c.status != CaseStatus::Decided {
        return Err(ApiError::Rule(ErrorCode::CaseNotDecided, None));
    }
    let appeal = body.kind == FilingKind::Appeal;
    let calendar = calendar::load(tx, c.county_id).await?;
    let window = service::filing_window(tx, state, &calendar, &c, &party, appeal).await?;
    let track = service::parse_track(c.track.as_deref().unwrap_or_default(), state.settings.case_review_days_default);
    let external = external_step(&body, &window, today)?;
    let filed_on = external.as_ref().map_or(today, |(_, on)| *on);
    if filed_on > window.due {
        return Err(ApiError::Late(ErrorCode::FilingLate, window.due));
    }
    let decide_by = rules::deciding_deadline(&calendar, track, filed_on, appeal, false);
    let (review_name, appeal_name) = track.step_names(false);
    let (kind, decide_kind, file_kind, what) = if appeal {
        (RemedyKind::Appeal, &super::APPEAL_DECIDE, &super::APPEAL_FILE, appeal_name)
    } else {
        (RemedyKind::Review, &super::REVIEW_DECIDE, &super::REVIEW_FILE, review_name)
    };
    let id = Uuid::now_v7();
    // A body outside the county keeps its own time; the county only records the step.
    let clock = match external {
        Some(_) => None,
        None => Some(
            service::start_clock(
                tx,
                &service::filing_subject(&c, id, window.deciding_unit.id),
                (decide_kind, track),
                (today, decide_by),
                None,
                service::case_label(&c, &format!("{what}决定")),
                now,
            )
            .await?,
        ),
    };
    let windows = service::party_subject(&c, party.id);
    service::complete_clock(tx, &windows, file_kind, now).await?;
    if appeal {
        // A direct appeal closes the review window too.
        service::complete_clock(tx, &windows, &super::REVIEW_FILE, now).await?;
    }
    let filing = case_filing::Model {
        id,
        case_id: c.id,
        party_id: party.id,
        kind,
        deciding_unit_id: window.deciding_unit.id,
        filed_by: auth.actor.user_id,
        filed_at: now,
        due_on: window.due,
        grounds: body.grounds.trim().to_string(),
        decide_by,
        clock_id: clock.map(|c| c.id),
        status: FilingStatus::Pending,
        outcome: None,
        outcome_measures: None,
        outcome_reason: None,
        decided_by: None,
        decided_at: None,
        external_body: external.as_ref().map(|(body, _)| body.clone()),
        external_filed_on: external.as_ref().map(|(_, on)| *on),
        external_decided_on: None,
    };
    case_filing::Entity::insert(case_filing::ActiveModel::from(filing.clone())).exec_without_returning(tx).await?;
    let appellant = auth.actor.display_name.clone();
    let people: Vec<_> = people::members(tx, window.deciding_unit.id, None)
        .await?
        .into_iter()
        .map(|person| {
            let names = track.step_names(person.locale.starts_with("en"));
            let remedy_step = if appeal { names.1 } else { names.0 };
            let context = serde_json::json!({
                "appellant": appellant,
                "grounds": filing.grounds,
                "decide_by": decide_by.to_string(),
                "deciding_body": filing.external_body.clone().unwrap_or_else(|| window.deciding_unit.name.clone()),
                "external": filing.external_body.is_some(),
                "remedy_step": remedy_step,
            });
            (person, context)
        })
        .collect();
    let notice_kind = if appeal { "case_appeal_filed" } else { "case_review_filed" };
    let told = service::tell(tx, state, &people, notice_kind, &c, now).await?;
    let record = AuditRecord::success(&format!("case.{}_file", kind.as_str()), "case", c.id)
        .in_unit(c.county_id, window.deciding_unit.id)
        .with_summary(serde_json::json!({"filing": views::FilingView::from(filing), "notified": told}));
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

/// Decide a review or appeal. The outcome can never be heavier than the decision (AC 12).
pub async fn decide_filing(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: (Uuid, Uuid),
    body: FilingDecisionRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let today = beijing_today(now);
    let (case_id, filing_id) = target;
    let c = service::find_visible(tx, &auth.reach, &auth.actor, case_id).await?;
    let filing = case_filing::Entity::find_by_id(filing_id)
        .filter(case_filing::Column::CaseId.eq(c.id))
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let deciding = unit::Entity::find_by_id(filing.deciding_unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    if !service::may_act_for::<CaseDecide>(state, &auth.actor, &deciding) {
        return Err(ApiError::Rule(ErrorCode::NotDecidingBody, None));
    }
    if filing.status != FilingStatus::Pending {
        return Err(ApiError::Rule(ErrorCode::FilingDecided, None));
    }
    // An external body's decision is recorded with the day it was made.
    let external_decided_on = match (&filing.external_body, body.decided_on) {
        (None, None) => None,
        (None, Some(_)) => return Err(ApiError::field("decided_on", "not_external")),
        (Some(_), None) => return Err(ApiError::field("decided_on", "required")),
        (Some(_), Some(on)) if on > today => return Err(ApiError::field("decided_on", "in_future")),
        (Some(_), Some(on)) if Some(on) < filing.external_filed_on => {
            return Err(ApiError::field("decided_on", "before_filed"));
        }
        (Some(_), Some(on)) => Some(on),
    };
    let party = case_party::Entity::find_by_id(filing.party_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    let original: Vec<Measure> = from_text(&party.measures);
    let outcome_measures = match body.outcome {
        Outcome::Upheld => original.clone(),
        Outcome::Revoked => Vec::new(),
        Outcome::Changed => body.measures.clone().ok_or_else(|| ApiError::field("measures", "required"))?,
    };
    if rules::is_heavier(&outcome_measures, &original) {
        return Err(ApiError::Rule(ErrorCode::OutcomeHeavier, Some("measures".into())));
    }
    let decided_on = c.decided_at.map(beijing_today).unwrap_or(today);
    let mut p: case_party::ActiveModel = party.clone().into();
    p.measures = Set(to_text(&outcome_measures));
    // A sanction still only recommended has no period until the body with authority imposes it.
    let in_force_from = match party.sanction_status.as_deref() {
        Some("recommended" | "declined") => None,
        _ => Some(party.sanction_decided_on.unwrap_or(decided_on)),
    };
    p.sanction_ends_on = Set(in_force_from.and_then(|from| service::sanction_end(from, &outcome_measures)));
    let party = p.update(tx).await?;
    let outcome = match body.outcome {
        Outcome::Upheld => "upheld",
        Outcome::Changed => "changed",
        Outcome::Revoked => "revoked",
    };
    let mut f: case_filing::ActiveModel = filing.clone().into();
    f.status = Set(FilingStatus::Decided);
    f.outcome = Set(Some(outcome.into()));
    f.outcome_measures = Set(Some(to_text(&outcome_measures)));
    f.outcome_reason = Set(Some(body.reason.trim().to_string()));
    f.decided_by = Set(Some(auth.actor.user_id));
    f.decided_at = Set(Some(now));
    f.external_decided_on = Set(external_decided_on);
    let filing = f.update(tx).await?;
    let decide_kind = if filing.kind == RemedyKind::Appeal { &super::APPEAL_DECIDE } else { &super::REVIEW_DECIDE };
    service::complete_clock(tx, &service::filing_subject(&c, filing.id, filing.deciding_unit_id), decide_kind, now)
        .await?;
    let track = service::parse_track(c.track.as_deref().unwrap_or_default(), state.settings.case_review_days_default);
    let calendar = calendar::load(tx, c.county_id).await?;
    let review_decided_on = external_decided_on.unwrap_or(today);
    let appeal_due = if filing.kind == RemedyKind::Review {
        let due = rules::filing_deadline(&calendar, track, review_decided_on, true);
        if let (Some(user), false) = (party.user_id, outcome_measures.is_empty()) {
            service::start_clock(
                tx,
                &service::party_subject(&c, party.id),
                (&super::APPEAL_FILE, track),
                (review_decided_on, due),
                Some(user),
                service::case_label(&c, &format!("{}申请", track.step_names(false).1)),
                now,
            )
            .await?;
        }
        Some(due)
    } else {
        None
    };
    let case_body = unit::Entity::find_by_id(c.deciding_unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    let above = service::county_body_above(tx, &c, track, &case_body).await?;
    let above = service::body_above(above.as_ref());
    let decided_by_name = filing.external_body.clone().unwrap_or_else(|| deciding.name.clone());
    // The appellant, and the leaders of the units concerned.
    let mut told_parties = vec![party.clone()];
    told_parties.extend(service::parties(tx, c.id).await?.into_iter().filter(|p| p.kind == PartyKind::Unit));
    let people: Vec<_> = service::recipients(tx, &told_parties)
        .await?
        .into_iter()
        .map(|(person, _)| {
            let en = person.locale.starts_with("en");
            let names = track.step_names(en);
            let remedy_step = if filing.kind == RemedyKind::Appeal { names.1 } else { names.0 };
            let next_step = match appeal_due {
                Some(due) if !outcome_measures.is_empty() => rules::after_review_sentence(track, en, &above, due),
                _ => String::new(),
            };
            let context = serde_json::json!({
                "deciding_body": decided_by_name,
                "outcome": outcome,
                "measures_before": service::measures_text(&original, en),
                "measures_after": service::measures_text(&outcome_measures, en),
                "reason": filing.outcome_reason.clone().unwrap_or_default(),
                "next_step": next_step,
                "remedy_step": remedy_step,
            });
            (person, context)
        })
        .collect();
    let notice_kind = if filing.kind == RemedyKind::Appeal { "case_appeal_decided" } else { "case_review_decided" };
    let told = service::tell(tx, state, &people, notice_kind, &c, now).await?;
    let record = AuditRecord::success(&format!("case.{}_decide", filing.kind.as_str()), "case", c.id)
        .in_unit(c.county_id, deciding.id)
        .with_summary(serde_json::json!({"filing_id": filing.id, "outcome": outcome, "before": original,
                                         "after": outcome_measures, "notified": told}));
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

/// A complex appeal under the Civil Servant Law may be decided within 90 days instead of 60 (Art.
/// 95): once, by the body deciding it, with the appellant told the new date.
pub async fn extend_appeal_as_complex(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<CaseDecide>,
    target: (Uuid, Uuid),
    body: ComplexAppealRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let (case_id, filing_id) = target;
    let c = service::find_visible(tx, &auth.reach, &auth.actor, case_id).await?;
    let filing = case_filing::Entity::find_by_id(filing_id)
        .filter(case_filing::Column::CaseId.eq(c.id))
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let deciding = unit::Entity::find_by_id(filing.deciding_unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    if !service::may_act_for::<CaseDecide>(state, &auth.actor, &deciding) {
        return Err(ApiError::Rule(ErrorCode::NotDecidingBody, None));
    }
    if filing.status != FilingStatus::Pending {
        return Err(ApiError::Rule(ErrorCode::FilingDecided, None));
    }
    let track = service::parse_track(c.track.as_deref().unwrap_or_default(), state.settings.case_review_days_default);
    if filing.external_body.is_some() {
        return Err(ApiError::Rule(ErrorCode::ExternalStep, None));
    }
    if filing.kind != RemedyKind::Appeal || track != rules::Track::CivilService {
        return Err(ApiError::Rule(ErrorCode::NotACivilServiceAppeal, None));
    }
    let calendar = calendar::load(tx, c.county_id).await?;
    let complex_due = rules::deciding_deadline(&calendar, track, beijing_today(filing.filed_at), true, true);
    if filing.decide_by >= complex_due {
        return Err(ApiError::Rule(ErrorCode::AppealAlreadyComplex, None));
    }
    let days = u32::try_from((complex_due - filing.decide_by).num_days()).unwrap_or(0);
    if filing.clock_id.is_some() {
        crate::clocks::extend(
            tx,
            &service::filing_subject(&c, filing.id, filing.deciding_unit_id),
            &super::APPEAL_DECIDE,
            days,
            body.reason.trim(),
            auth.actor.user_id,
            now,
        )
        .await?;
    }
    let before = filing.decide_by;
    let mut f: case_filing::ActiveModel = filing.clone().into();
    f.decide_by = Set(complex_due);
    let filing = f.update(tx).await?;
    let party = case_party::Entity::find_by_id(filing.party_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    let people: Vec<_> = service::recipients(tx, &[party])
        .await?
        .into_iter()
        .map(|(person, _)| {
            let extra = serde_json::json!({
                "deciding_body": deciding.name, "decide_by": complex_due.to_string(), "reason": body.reason.trim(),
            });
            (person, extra)
        })
        .collect();
    let told = service::tell(tx, state, &people, "case_appeal_extended", &c, now).await?;
    let record = AuditRecord::success("case.appeal_complex", "case", c.id).in_unit(c.county_id, deciding.id).with_summary(
        serde_json::json!({"filing_id": filing.id, "decide_by_before": before, "decide_by": complex_due, "notified": told}),
    );
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

/// The body with authority over the person (the county government as appointing body, or the
/// supervisory commission) records its decision on a sanction another body recommended.
pub async fn decide_sanction(
    tx: &DatabaseTransaction,
    state: &AppState,
    auth: &Authorized<crate::policy::permissions::CaseSanction>,
    target: (Uuid, Uuid),
    body: SanctionDecisionRequest,
    now: DateTime<Utc>,
) -> Result<(CaseView, AuditRecord), ApiError> {
    let (case_id, party_id) = target;
    let c = service::find_visible(tx, &auth.reach, &auth.actor, case_id).await?;
    let mut bodies = Vec::new();
    for function in [OversightFunction::CountyGovernment, OversightFunction::SupervisoryCommission] {
        if let Some(u) = people::function_unit(tx, c.county_id, function).await? {
            bodies.push(u);
        }
    }
    let acting_for = bodies
        .into_iter()
        .find(|u| service::may_act_for::<crate::policy::permissions::CaseSanction>(state, &auth.actor, u))
        .ok_or(ApiError::Forbidden)?;
    let party = case_party::Entity::find_by_id(party_id)
        .filter(case_party::Column::CaseId.eq(c.id))
        .one(tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    if party.sanction_status.as_deref() != Some("recommended") {
        return Err(ApiError::Rule(ErrorCode::NoRecommendedSanction, None));
    }
    let today = beijing_today(now);
    if body.decided_on > today || c.decided_at.is_some_and(|d| body.decided_on < beijing_today(d)) {
        return Err(ApiError::field("decided_on", "invalid_value"));
    }
    let own: Vec<Measure> = from_text(&party.measures);
    let mut a: case_party::ActiveModel = party.clone().into();
    a.sanction_status = Set(Some(if body.imposed { "imposed" } else { "declined" }.to_string()));
    a.sanction_decided_on = Set(Some(body.decided_on));
    a.sanction_decided_by = Set(Some(acting_for.id));
    a.sanction_note = Set(body.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()));
    a.sanction_ends_on = Set(if body.imposed { service::sanction_end(body.decided_on, &own) } else { None });
    let party = a.update(tx).await?;
    let record = AuditRecord::success("case.sanction", "case", c.id).in_unit(c.county_id, acting_for.id).with_summary(
        serde_json::json!({"party_id": party.id, "status": party.sanction_status, "decided_on": body.decided_on,
                           "sanction_ends_on": party.sanction_ends_on}),
    );
    let out = view(state, tx, c).await?;
    Ok((out, record))
}

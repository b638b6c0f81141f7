//! The case workflow: who may act, what each step checks, and what it changes. Every function runs
//! in the caller's transaction; the routes add the one audit event of the request.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{CaseStatus, FilingStatus, OversightFunction, PartyKind, RemedyKind, UnitRole};
use entity::{
    approval_record, case, case_circulation, case_circumstance, case_evidence, case_filing, case_party, case_subject,
    role_assignment, unit, user,
};
use sea_orm::sea_query::{Condition, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::rules::{self, Measure, MeasureCheck, Severity, Share, Track, ViolationType};
use super::{APPEAL_FILE, FILING, PARTY, REVIEW_FILE};
use crate::auth::{Actor, Reach};
use crate::calendar::{Period, WorkCalendar};
use crate::clocks::{self, ClockKind, Label, NewClock, Subject};
use crate::error::{ApiError, ErrorCode};
use crate::notify::{self, Notice};
use crate::policy::Domain;
use crate::policy::permissions::Permission;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef};
use crate::time::beijing_today;
use crate::units::people::{function_unit, members};

/// AC 10 and AC 11: the circumstances a deciding body may find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    /// 10: cooperated with the investigation.
    Cooperated,
    /// 10: corrected in time.
    CorrectedInTime,
    /// 10: prevented or limited the harm.
    LimitedHarm,
    /// 10: other mitigating circumstances by law.
    OtherMitigating,
    /// 11: shifted the blame.
    ShiftingBlame,
    /// 11: obstructed the investigation.
    Obstructing,
    /// 11: let the harm grow without remedy.
    HarmGrew,
    /// 11: two or more accountable events within one year (also detected automatically).
    RepeatWithinYear,
    /// 11: other aggravating circumstances by law.
    OtherAggravating,
}

impl Factor {
    pub fn kind(self) -> &'static str {
        match self {
            Self::Cooperated | Self::CorrectedInTime | Self::LimitedHarm | Self::OtherMitigating => "mitigating",
            _ => "aggravating",
        }
    }
}

pub fn to_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

pub fn from_text<T: for<'de> Deserialize<'de> + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

/// The snake_case name of a unit-variant enum value.
pub fn name_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub fn parse_name<T: for<'de> Deserialize<'de>>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn share_rank(s: Share) -> u8 {
    match s {
        Share::None => 0,
        Share::Secondary => 1,
        Share::Main => 2,
        Share::Full => 3,
    }
}

/// Whether the actor holds `P` for acting in the name of `unit`: as its member, or as the platform.
pub fn may_act_for<P: Permission>(state: &AppState, actor: &Actor, unit: &unit::Model) -> bool {
    let policy = &state.policy;
    if policy.allows(actor.user_id, Domain::Platform, P::OBJECT, P::ACTION) {
        return true;
    }
    if actor.county_id != Some(unit.county_id) {
        return false;
    }
    if policy.allows(actor.user_id, Domain::Unit(unit.id), P::OBJECT, P::ACTION) {
        return true;
    }
    policy.memberships(actor.user_id).iter().any(|m| m.unit_id == unit.id)
        && policy.allows(actor.user_id, Domain::County(unit.county_id), P::OBJECT, P::ACTION)
}

/// Cases the actor may see: the county for the oversight bodies, otherwise the cases their units
/// decide or are concerned by, and the cases naming them as a person concerned.
pub fn visible(select: Select<case::Entity>, reach: &Reach, actor: &Actor) -> Select<case::Entity> {
    let mut mine = Condition::any().add(case_party::Column::UserId.eq(actor.user_id));
    if let Reach::Units(units) = reach {
        mine = mine.add(case_party::Column::UnitId.is_in(units.clone()));
    }
    let concerned =
        Query::select().column(case_party::Column::CaseId).from(case_party::Entity).cond_where(mine).to_owned();
    let any = Condition::any().add(case::Column::Id.in_subquery(concerned));
    match reach.condition(case::Column::CountyId, case::Column::DecidingUnitId) {
        None => select,
        Some(within) => select.filter(any.add(within)),
    }
}

pub async fn find_visible(
    db: &impl ConnectionTrait,
    reach: &Reach,
    actor: &Actor,
    case_id: Uuid,
) -> Result<case::Model, ApiError> {
    visible(case::Entity::find(), reach, actor)
        .filter(case::Column::Id.eq(case_id))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The case, for its deciding body only; others who may see it are refused, others get 404.
pub async fn for_deciding_body(
    db: &impl ConnectionTrait,
    state: &AppState,
    reach: &Reach,
    actor: &Actor,
    case_id: Uuid,
) -> Result<(case::Model, unit::Model), ApiError> {
    let c = find_visible(db, reach, actor, case_id).await?;
    let body = unit::Entity::find_by_id(c.deciding_unit_id).one(db).await?.ok_or(ApiError::NotFound)?;
    if !may_act_for::<crate::policy::permissions::CaseDecide>(state, actor, &body) {
        return Err(ApiError::Rule(ErrorCode::NotDecidingBody, None));
    }
    Ok((c, body))
}

pub fn ensure_not_decided(c: &case::Model) -> Result<(), ApiError> {
    if c.status.is_concluded() { Err(ApiError::Rule(ErrorCode::CaseDecided, None)) } else { Ok(()) }
}

pub async fn parties(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<case_party::Model>, ApiError> {
    Ok(case_party::Entity::find()
        .filter(case_party::Column::CaseId.eq(case_id))
        .order_by_asc(case_party::Column::Kind)
        .order_by_asc(case_party::Column::Id)
        .all(db)
        .await?)
}

/// Whether `unit` sits below `ancestor` in the unit tree (a department's own system, AC 4).
pub async fn is_within(db: &impl ConnectionTrait, unit_id: Uuid, ancestor: Uuid) -> Result<bool, ApiError> {
    // AC 4: a department pursues the bodies of its own system, itself included (本单位).
    if unit_id == ancestor {
        return Ok(true);
    }
    let mut current = unit::Entity::find_by_id(unit_id).one(db).await?;
    for _ in 0..32 {
        match current.and_then(|u| u.parent_id) {
            Some(parent) if parent == ancestor => return Ok(true),
            Some(parent) => current = unit::Entity::find_by_id(parent).one(db).await?,
            None => return Ok(false),
        }
    }
    Ok(false)
}

/// Maps a lead's AC 6 item (`6.2`) to the violation type.
pub fn violation_of_item(item: &str) -> ViolationType {
    match item.trim_start_matches("6.") {
        "1" => ViolationType::NotUpdated,
        "2" => ViolationType::OutsideScopeOrTime,
        "3" => ViolationType::NotAnswered,
        "4" => ViolationType::SecrecyFailure,
        "5" => ViolationType::NotClarified,
        "6" => ViolationType::IllegalFees,
        "7" => ViolationType::Untrue,
        "8" => ViolationType::NoSupervision,
        "9" => ViolationType::ComplaintRules,
        _ => ViolationType::Other,
    }
}

/// A subject a case is about, and what the breach was on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachSubject {
    pub subject_type: String,
    pub subject_id: String,
    /// The act in breach (`reply` for a reply that was late or wrong): AC 9 reads that act's approval
    /// record. `None` (a case opened by hand): the latest record on the subject.
    pub act: Option<&'static str>,
    /// The person the missed limit was assigned to, and their unit: with no approved act on record,
    /// they acted (or failed to act) without a leader's approval (AC 9(1)).
    pub direct_handler: Option<(Uuid, Uuid)>,
}

/// The AC 9 proposal from the approval record of the act in breach on each linked subject. Where a
/// person appears for several subjects, the heavier share stands.
pub async fn propose(
    db: &impl ConnectionTrait,
    county_id: Uuid,
    subjects: &[BreachSubject],
) -> Result<Vec<(Uuid, Uuid, Share, String)>, ApiError> {
    let mut out: Vec<(Uuid, Uuid, Share, String)> = Vec::new();
    let mut add = |user_id: Uuid, unit_id: Uuid, share: Share, basis: String| match out
        .iter_mut()
        .find(|(user, ..)| *user == user_id)
    {
        Some(existing) if share_rank(share) > share_rank(existing.2) => {
            existing.2 = share;
            existing.3 = basis;
        }
        Some(_) => {}
        None => out.push((user_id, unit_id, share, basis)),
    };
    for s in subjects {
        let mut q = approval_record::Entity::find_within(&Reach::County(county_id))
            .filter(approval_record::Column::SubjectType.eq(s.subject_type.clone()))
            .filter(approval_record::Column::SubjectId.eq(s.subject_id.clone()));
        if let Some(act) = s.act {
            q = q.filter(approval_record::Column::Act.eq(act));
        }
        match q.order_by_desc(approval_record::Column::DecidedAt).one(db).await? {
            Some(record) => {
                let unit_id = record.unit_id;
                for a in rules::allocate(&record.into()) {
                    add(a.user_id, unit_id, a.share, a.basis);
                }
            }
            None => {
                if let (Some(_), Some((user, unit))) = (s.act, s.direct_handler) {
                    add(user, unit, Share::Full, "AC 9(1)".into());
                }
            }
        }
    }
    Ok(out)
}

/// The unit a person works in, within the county.
pub async fn unit_of_person(
    db: &impl ConnectionTrait,
    county_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Uuid>, ApiError> {
    let person = user::Entity::find_by_id(user_id).one(db).await?;
    if person.is_none_or(|p| p.county_id != Some(county_id)) {
        return Ok(None);
    }
    Ok(role_assignment::Entity::find()
        .filter(role_assignment::Column::UserId.eq(user_id))
        .order_by_asc(role_assignment::Column::Id)
        .one(db)
        .await?
        .map(|a| a.unit_id))
}

/// The day a case's violation happened: as recorded, else (older cases) the day it was opened.
fn violation_day(c: &case::Model) -> chrono::NaiveDate {
    c.violated_on.unwrap_or_else(|| beijing_today(c.created_at))
}

/// Earlier decided cases naming the same unit (as a unit concerned) or the same person (bearing a
/// share) whose violation happened within one year before this case's violation: AC 11(4)'s "two or
/// more accountable events within one year", counted on the dates of the violations. A case closed
/// without measures is no accountable event.
pub async fn repeats(
    db: &impl ConnectionTrait,
    c: &case::Model,
    case_parties: &[case_party::Model],
    now: DateTime<Utc>,
) -> Result<Vec<(Uuid, String)>, ApiError> {
    let this_violation = violation_day(c);
    let a_year_before = this_violation.checked_sub_months(chrono::Months::new(12)).unwrap_or(this_violation);
    // The database narrows to the window (an unrecorded violation day falls back to the opening
    // day, which is never before the violation); the exact Beijing-day test follows.
    let opened_since =
        a_year_before.pred_opt().and_then(|d| d.and_hms_opt(0, 0, 0)).map_or(DateTime::<Utc>::MIN_UTC, |d| d.and_utc());
    let in_window = sea_orm::Condition::any().add(case::Column::ViolatedOn.between(a_year_before, this_violation)).add(
        sea_orm::Condition::all()
            .add(case::Column::ViolatedOn.is_null())
            .add(case::Column::CreatedAt.gte(opened_since)),
    );
    let earlier: Vec<case::Model> = case::Entity::find()
        .filter(case::Column::CountyId.eq(c.county_id))
        .filter(case::Column::Status.eq(CaseStatus::Decided))
        .filter(case::Column::Id.ne(c.id))
        .filter(case::Column::DecidedAt.lte(now))
        .filter(in_window)
        .all(db)
        .await?
        .into_iter()
        .filter(|e| {
            let day = violation_day(e);
            a_year_before <= day && day <= this_violation
        })
        .collect();
    if earlier.is_empty() {
        return Ok(Vec::new());
    }
    let numbers: HashMap<Uuid, String> = earlier.iter().map(|e| (e.id, e.number.clone())).collect();
    // A decision revoked on review or appeal is no accountable event any more for whoever it was
    // revoked for.
    let revoked: Vec<Uuid> = case_filing::Entity::find()
        .filter(case_filing::Column::CaseId.is_in(numbers.keys().copied().collect::<Vec<_>>()))
        .filter(case_filing::Column::Status.eq(FilingStatus::Decided))
        .filter(case_filing::Column::Outcome.eq("revoked"))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.party_id)
        .collect();
    let earlier_parties: Vec<case_party::Model> = case_party::Entity::find()
        .filter(case_party::Column::CaseId.is_in(numbers.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| !revoked.contains(&p.id))
        .collect();
    let mut found = Vec::new();
    for p in case_parties {
        let hits: Vec<&String> = earlier_parties
            .iter()
            .filter(|e| {
                if p.kind == PartyKind::Unit {
                    e.kind == PartyKind::Unit && e.unit_id == p.unit_id
                } else {
                    e.user_id.is_some() && e.user_id == p.user_id && e.share.as_deref() != Some("none")
                }
            })
            .filter_map(|e| numbers.get(&e.case_id))
            .collect();
        if !hits.is_empty() {
            let mut list: Vec<String> = hits.into_iter().cloned().collect();
            list.sort();
            list.dedup();
            found.push((p.id, list.join("、")));
        }
    }
    Ok(found)
}

/// Measures that fall on a unit (the body) and on a person bearing a share.
pub fn measures_for(party: &case_party::Model, measures: &[Measure]) -> Vec<Measure> {
    if party.kind == PartyKind::Unit {
        return measures
            .iter()
            .copied()
            .filter(|m| matches!(m, Measure::OrderToCorrect | Measure::CirculatedCriticism | Measure::Other))
            .collect();
    }
    if party.share.as_deref() == Some("none") {
        return Vec::new();
    }
    measures
        .iter()
        .copied()
        .filter(|m| {
            matches!(m, Measure::AdmonishmentTalk | Measure::DisciplinarySanction(_) | Measure::CirculatedCriticism)
        })
        .collect()
}

/// The review and appeal rules for a decision (DOMAIN.md §7).
pub fn track_of(body: &unit::Model, measures: &[Measure], county_default_days: u32) -> Track {
    if body.function == Some(OversightFunction::SupervisoryCommission) {
        Track::Supervisory
    } else if measures.iter().any(|m| matches!(m, Measure::DisciplinarySanction(_))) {
        Track::CivilService
    } else {
        Track::CountyDefault(county_default_days)
    }
}

pub fn track_name(t: Track) -> String {
    match t {
        Track::CivilService => "civil_service".into(),
        Track::Supervisory => "supervisory".into(),
        Track::CountyDefault(days) => format!("county_default:{days}"),
    }
}

pub fn parse_track(s: &str, county_default_days: u32) -> Track {
    match s {
        "civil_service" => Track::CivilService,
        "supervisory" => Track::Supervisory,
        other => Track::CountyDefault(
            other.strip_prefix("county_default:").and_then(|d| d.parse().ok()).unwrap_or(county_default_days),
        ),
    }
}

/// The sanction end of a party's measures, counted from the decision.
pub fn sanction_end(decided: NaiveDate, measures: &[Measure]) -> Option<NaiveDate> {
    measures
        .iter()
        .filter_map(|m| match m {
            Measure::DisciplinarySanction(s) => Some(*s),
            _ => None,
        })
        .max()
        .and_then(|s| rules::sanction_ends(decided, s))
}

/// A clock period that ends exactly on `due`, counted from `start`.
pub fn period_until(start: NaiveDate, due: NaiveDate) -> Period {
    Period::CalendarDays(u32::try_from((due - start).num_days().max(1)).unwrap_or(1))
}

/// A party's windows to file a review or appeal run in the body that decided the case.
pub fn party_subject(c: &case::Model, party_id: Uuid) -> Subject {
    Subject::new(PARTY, party_id, UnitRef::owning_row(c.deciding_unit_id, c.county_id))
}

/// A filing's decision period runs in the body that decides it.
pub fn filing_subject(c: &case::Model, filing_id: Uuid, deciding_unit_id: Uuid) -> Subject {
    Subject::new(FILING, filing_id, UnitRef::owning_row(deciding_unit_id, c.county_id))
}

/// How staff know a case on "my work", in reminders and leads.
pub fn case_label(c: &case::Model, what: &str) -> Label {
    Label::new(format!("问责 {} · {} · {what}", c.number, c.title), Some(format!("/console/cases/{}", c.id)))
}

/// Starts a clock for a case step, ending exactly on `due`.
pub async fn start_clock(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    (kind, track): (&'static ClockKind, Track),
    (start, due): (NaiveDate, NaiveDate),
    assignee: Option<Uuid>,
    label: Label,
    now: DateTime<Utc>,
) -> Result<clocks::Clock, ApiError> {
    clocks::start(
        tx,
        subject,
        NewClock {
            kind,
            legal_basis: track.legal_basis().into(),
            start,
            period: period_until(start, due),
            assignee,
            label,
        },
        now,
    )
    .await
}

/// Completes the open clock of a kind for a subject, if there is one.
pub async fn complete_clock(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::end(tx, subject, kind, clocks::Ending::Complete, now).await?;
    Ok(())
}

/// Closes the windows for filing a review or appeal that ended unused: nobody owed anything, so they
/// end cancelled rather than stay on a work list as overdue. Each closure is audited.
pub async fn close_unused_windows(state: &AppState, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let today = beijing_today(now);
    let tx = crate::db::write_tx(&state.db).await?;
    let ended = clocks::expired(&tx, PARTY, &[&REVIEW_FILE, &APPEAL_FILE], today, 500).await?;
    for (window, c) in &ended {
        let kind = if c.kind == APPEAL_FILE.code { &APPEAL_FILE } else { &REVIEW_FILE };
        clocks::end(&tx, window, kind, clocks::Ending::Cancel, now).await?;
        let record = crate::audit::AuditRecord::success("case.filing_window_closed", "statutory_clock", c.id)
            .in_unit(c.county_id, c.unit_id)
            .with_summary(serde_json::json!({ "kind": c.kind, "due_date": c.due_date, "subject_id": c.subject_id }));
        crate::audit::append(&tx, &state.audit_key, &crate::audit::system_actor("lapses"), record, now).await?;
    }
    tx.commit().await?;
    Ok(ended.len() as u64)
}

/// Who is told for each party: the person, or the leaders of the unit concerned. Each person once.
pub async fn recipients(
    db: &impl ConnectionTrait,
    case_parties: &[case_party::Model],
) -> Result<Vec<(user::Model, case_party::Model)>, ApiError> {
    let mut out: Vec<(user::Model, case_party::Model)> = Vec::new();
    for p in case_parties {
        let people = match p.user_id {
            Some(id) => user::Entity::find_by_id(id).one(db).await?.into_iter().collect(),
            None => members(db, p.unit_id, Some(UnitRole::Leader)).await?,
        };
        for person in people {
            if !out.iter().any(|(u, _)| u.id == person.id) {
                out.push((person, p.clone()));
            }
        }
    }
    Ok(out)
}

/// The label of a measure in the person's language.
pub fn measure_label(m: &Measure, en: bool) -> String {
    let sanction = |s: rules::Sanction| match (s, en) {
        (rules::Sanction::Warning, false) => "警告",
        (rules::Sanction::Demerit, false) => "记过",
        (rules::Sanction::MajorDemerit, false) => "记大过",
        (rules::Sanction::Demotion, false) => "降级",
        (rules::Sanction::Removal, false) => "撤职",
        (rules::Sanction::Dismissal, false) => "开除",
        (rules::Sanction::Warning, true) => "warning",
        (rules::Sanction::Demerit, true) => "demerit",
        (rules::Sanction::MajorDemerit, true) => "major demerit",
        (rules::Sanction::Demotion, true) => "demotion",
        (rules::Sanction::Removal, true) => "removal from post",
        (rules::Sanction::Dismissal, true) => "dismissal",
    };
    match (m, en) {
        (Measure::OrderToCorrect, false) => "责令改正".into(),
        (Measure::AdmonishmentTalk, false) => "诫勉谈话".into(),
        (Measure::CirculatedCriticism, false) => "通报批评".into(),
        (Measure::DisciplinarySanction(s), false) => format!("给予处分（{}）", sanction(*s)),
        (Measure::Other, false) => "其他处理".into(),
        (Measure::OrderToCorrect, true) => "order to correct".into(),
        (Measure::AdmonishmentTalk, true) => "admonishment talk".into(),
        (Measure::CirculatedCriticism, true) => "circulated criticism".into(),
        (Measure::DisciplinarySanction(s), true) => format!("disciplinary sanction ({})", sanction(*s)),
        (Measure::Other, true) => "other measures".into(),
    }
}

pub fn measures_text(measures: &[Measure], en: bool) -> String {
    if measures.is_empty() {
        return if en { "none".into() } else { "不予处理".into() };
    }
    measures.iter().map(|m| measure_label(m, en)).collect::<Vec<_>>().join(if en { ", " } else { "、" })
}

/// Sends one legal notice of a case to each recipient (inbox and email; nobody can opt out).
pub async fn tell(
    tx: &impl ConnectionTrait,
    state: &AppState,
    people: &[(user::Model, serde_json::Value)],
    kind: &'static str,
    c: &case::Model,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let base = state.settings.public_base_url.trim_end_matches('/');
    for (person, extra) in people {
        let en = person.locale.starts_with("en");
        let link = format!("{base}/console/cases/{}", c.id);
        let mut context = serde_json::json!({
            "recipient_name": person.display_name,
            "case_number": c.number,
            "case_title": c.title,
            "link": link,
            "en": en,
        });
        if let (Some(obj), Some(more)) = (context.as_object_mut(), extra.as_object()) {
            for (k, v) in more {
                obj.insert(k.clone(), v.clone());
            }
        }
        let notice = Notice {
            kind,
            context,
            subject_type: Some("case".into()),
            subject_id: Some(c.id.to_string()),
            link: Some(link),
            legal: true,
        };
        notify::deliver(tx, &state.settings.public_base_url, person, &notice, now).await?;
    }
    Ok(people.len())
}

/// The next case number of the county for a year: 永问〔2026〕3号.
pub async fn next_number(db: &impl ConnectionTrait, county_id: Uuid, year: i32) -> Result<String, ApiError> {
    let prefix = format!("永问〔{year}〕");
    let taken = case::Entity::find()
        .filter(case::Column::CountyId.eq(county_id))
        .filter(case::Column::Number.starts_with(prefix.clone()))
        .all(db)
        .await?
        .len();
    Ok(format!("{prefix}{}号", taken + 1))
}

/// AC 8's check for a case's current severity and measures.
pub fn check_of(c: &case::Model) -> Option<MeasureCheck> {
    let severity: Severity = parse_name(c.severity.as_deref()?)?;
    Some(rules::check_measures(severity, &from_text::<Vec<Measure>>(&c.measures)))
}

/// The last day the party may file, and the body that decides, for a new filing.
#[derive(Debug)]
pub struct FilingWindow {
    pub due: NaiveDate,
    /// Inside the county, the body that decides; for an external step, the body that records it.
    pub deciding_unit: unit::Model,
    /// The step goes to a body outside the county (above the county government, or the higher
    /// supervisory commission).
    pub external: bool,
}

/// The body in the county that decides a decision's second step: the county government, unless
/// the step leaves the county (the decision is the county government's own, or the supervisory
/// commission's, whose 复核 is the higher commission's).
pub async fn county_body_above(
    db: &impl ConnectionTrait,
    c: &case::Model,
    track: Track,
    deciding: &unit::Model,
) -> Result<Option<unit::Model>, ApiError> {
    if track == Track::Supervisory || deciding.function == Some(OversightFunction::CountyGovernment) {
        return Ok(None);
    }
    function_unit(db, c.county_id, OversightFunction::CountyGovernment).await
}

pub fn body_above(in_county: Option<&unit::Model>) -> rules::BodyAbove {
    in_county.map_or(rules::BodyAbove::Outside, |u| rules::BodyAbove::InCounty(u.name.clone()))
}

pub async fn filing_window(
    db: &impl ConnectionTrait,
    state: &AppState,
    calendar: &WorkCalendar,
    c: &case::Model,
    party: &case_party::Model,
    appeal: bool,
) -> Result<FilingWindow, ApiError> {
    let default_days = state.settings.case_review_days_default;
    let track = parse_track(c.track.as_deref().unwrap_or_default(), default_days);
    let learned = party.learned_on.ok_or(ApiError::Rule(ErrorCode::CaseNotDecided, None))?;
    let earlier = case_filing::Entity::find().filter(case_filing::Column::PartyId.eq(party.id)).all(db).await?;
    if earlier.iter().any(|f| f.status == FilingStatus::Pending) {
        return Err(ApiError::Rule(ErrorCode::FilingPending, None));
    }
    if earlier.iter().any(|f| f.kind == RemedyKind::Appeal)
        || (!appeal && earlier.iter().any(|f| f.kind == RemedyKind::Review))
    {
        return Err(ApiError::Rule(ErrorCode::FilingUsed, Some("kind".into())));
    }
    let body = unit::Entity::find_by_id(c.deciding_unit_id).one(db).await?.ok_or(ApiError::NotFound)?;
    if !appeal {
        let due = rules::filing_deadline(calendar, track, learned, false);
        return Ok(FilingWindow { due, deciding_unit: body, external: false });
    }
    let review = earlier.iter().find(|f| f.kind == RemedyKind::Review);
    if review.is_none() && track == Track::Supervisory {
        return Err(ApiError::Rule(ErrorCode::AppealAfterReview, Some("kind".into())));
    }
    let due = match review.and_then(|r| r.decided_at) {
        Some(decided) => rules::filing_deadline(calendar, track, beijing_today(decided), true),
        None => rules::filing_deadline(calendar, track, learned, false),
    };
    Ok(match county_body_above(db, c, track, &body).await? {
        Some(above) => FilingWindow { due, deciding_unit: above, external: false },
        None => FilingWindow { due, deciding_unit: body, external: true },
    })
}

/// Names of units and people, for views.
pub async fn names(
    db: &impl ConnectionTrait,
    unit_ids: &[Uuid],
    user_ids: &[Uuid],
) -> Result<(BTreeMap<Uuid, String>, BTreeMap<Uuid, String>), ApiError> {
    let units = unit::Entity::find()
        .filter(unit::Column::Id.is_in(unit_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.short_name))
        .collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok((units, users))
}

pub async fn subjects(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<case_subject::Model>, ApiError> {
    Ok(case_subject::Entity::find().filter(case_subject::Column::CaseId.eq(case_id)).all(db).await?)
}

pub async fn circumstances(
    db: &impl ConnectionTrait,
    case_id: Uuid,
) -> Result<Vec<case_circumstance::Model>, ApiError> {
    Ok(case_circumstance::Entity::find().filter(case_circumstance::Column::CaseId.eq(case_id)).all(db).await?)
}

pub async fn evidence(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<case_evidence::Model>, ApiError> {
    Ok(case_evidence::Entity::find()
        .filter(case_evidence::Column::CaseId.eq(case_id))
        .order_by_asc(case_evidence::Column::AddedAt)
        .all(db)
        .await?)
}

pub async fn filings(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<case_filing::Model>, ApiError> {
    Ok(case_filing::Entity::find()
        .filter(case_filing::Column::CaseId.eq(case_id))
        .order_by_asc(case_filing::Column::FiledAt)
        .all(db)
        .await?)
}

pub async fn circulations(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<Uuid>, ApiError> {
    Ok(case_circulation::Entity::find()
        .filter(case_circulation::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.unit_id)
        .collect())
}

//! Statutory clocks: time limits that belong to a subject (an application, a referral, a case…),
//! run on the county calendar, pause for consultations, restart, extend with approval, and end met,
//! missed or cancelled. The due date is always derived; the stored copy only feeds the index that
//! the reminder scan uses.
//!
//! Workflows reach clocks only through the functions here, by [`Subject`] and [`ClockKind`]; this
//! module names no workflow. What a subject is called comes with the clock when it starts.

pub mod reminders;
pub mod routes;
pub mod subject;

use chrono::{DateTime, Days, NaiveDate, Utc};
use entity::enums::ClockState;
use entity::{clock_change, clock_pause, clock_reminder, reminder_stage, statutory_clock as clock};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub use subject::{ClockKind, ClockKinds, Label, Subject, SubjectKind};

/// A statutory clock as stored; workflows read it, only this module writes it.
pub type Clock = clock::Model;

use crate::auth::Reach;
use crate::calendar::{DueDateExplanation, Pause, Period, WorkCalendar, service as calendar};
use crate::error::{ApiError, ErrorCode};
use crate::paging::Paging;
use crate::tenancy::{ScopedFind, UnitRef};
use crate::time::beijing_today;

/// What a workflow module asks for when a time limit starts.
#[derive(Debug, Clone)]
pub struct NewClock {
    pub kind: &'static ClockKind,
    /// e.g. `条例第三十三条`.
    pub legal_basis: String,
    /// The day the period starts from (not counted).
    pub start: NaiveDate,
    pub period: Period,
    pub assignee: Option<Uuid>,
    pub label: Label,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClockView {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub subject_type: String,
    pub subject_id: String,
    /// What people call the subject, e.g. `依申请 2026-E36KBCPU · 李* · 请公开…`.
    pub subject_label: String,
    /// The console page where the subject is handled.
    pub subject_link: Option<String>,
    pub kind: String,
    pub legal_basis: String,
    pub start_date: NaiveDate,
    /// `working_days` or `calendar_days`.
    pub period_mode: String,
    pub period_days: i32,
    pub extension_days: i32,
    /// `running`, `suspended`, `met`, `missed` or `cancelled`.
    pub state: String,
    pub assignee_user_id: Option<Uuid>,
    pub due_date: NaiveDate,
    /// True once the due date has ended in Beijing time and the clock is still open.
    pub overdue: bool,
    pub completed_at: Option<DateTime<Utc>>,
}

impl ClockView {
    pub fn new(c: clock::Model, today: NaiveDate) -> Self {
        Self {
            overdue: c.state.is_open() && today > c.due_date,
            id: c.id,
            unit_id: c.unit_id,
            subject_type: c.subject_type,
            subject_id: c.subject_id,
            subject_label: c.subject_label,
            subject_link: c.subject_link,
            kind: c.kind,
            legal_basis: c.legal_basis,
            start_date: c.start_date,
            period_mode: c.period_mode,
            period_days: c.period_days,
            extension_days: c.extension_days,
            state: c.state.as_str().to_string(),
            assignee_user_id: c.assignee_user_id,
            due_date: c.due_date,
            completed_at: c.completed_at,
        }
    }
}

fn period_of(c: &clock::Model) -> Period {
    let days = u32::try_from(c.period_days + c.extension_days).unwrap_or(0);
    if c.period_mode == "calendar_days" { Period::CalendarDays(days) } else { Period::WorkingDays(days) }
}

/// Pauses as intervals; one still open counts up to `today` (the due date is then provisional).
fn pauses_of(rows: &[clock_pause::Model], today: NaiveDate) -> Vec<Pause> {
    rows.iter().map(|p| Pause { from: p.from_date, to: p.to_date.unwrap_or_else(|| today.max(p.from_date)) }).collect()
}

/// The pauses of a clock the caller has already read.
pub async fn pauses(db: &impl ConnectionTrait, c: &clock::Model) -> Result<Vec<clock_pause::Model>, ApiError> {
    pauses_by_id(db, c.id).await
}

async fn pauses_by_id(db: &impl ConnectionTrait, clock_id: Uuid) -> Result<Vec<clock_pause::Model>, ApiError> {
    Ok(clock_pause::Entity::find()
        .filter(clock_pause::Column::ClockId.eq(clock_id))
        .order_by_asc(clock_pause::Column::FromDate)
        .all(db)
        .await?)
}

/// The extensions and restarts of a clock the caller has already read.
pub async fn changes(db: &impl ConnectionTrait, c: &clock::Model) -> Result<Vec<clock_change::Model>, ApiError> {
    Ok(clock_change::Entity::find()
        .filter(clock_change::Column::ClockId.eq(c.id))
        .order_by_asc(clock_change::Column::CreatedAt)
        .all(db)
        .await?)
}

/// The due date of a clock and how it was reached.
pub fn explain(
    calendar: &WorkCalendar,
    c: &clock::Model,
    pause_rows: &[clock_pause::Model],
    today: NaiveDate,
) -> DueDateExplanation {
    calendar.due_date(c.start_date, period_of(c), &pauses_of(pause_rows, today))
}

/// The due date of a clock with its explanation, on the county's calendar.
pub async fn explained(
    db: &impl ConnectionTrait,
    c: &clock::Model,
    now: DateTime<Utc>,
) -> Result<DueDateExplanation, ApiError> {
    let cal = calendar::load(db, c.county_id).await?;
    let pause_rows = pauses(db, c).await?;
    Ok(explain(&cal, c, &pause_rows, beijing_today(now)))
}

/// The reminder stages of a kind: its own, or the defaults (`*`).
pub async fn stages_for(db: &impl ConnectionTrait, kind: &str) -> Result<Vec<reminder_stage::Model>, ApiError> {
    let own = reminder_stage::Entity::find().filter(reminder_stage::Column::ClockKind.eq(kind)).all(db).await?;
    if !own.is_empty() {
        return Ok(own);
    }
    Ok(reminder_stage::Entity::find().filter(reminder_stage::Column::ClockKind.eq("*")).all(db).await?)
}

/// The day a stage fires for a due date.
pub fn stage_date(calendar: &WorkCalendar, due: NaiveDate, offset_days: i32) -> NaiveDate {
    match offset_days {
        o if o < 0 => calendar.working_days_before(due, o.unsigned_abs()),
        0 => due,
        o => due.checked_add_days(Days::new(u64::from(o.unsigned_abs()))).unwrap_or(due),
    }
}

/// Whether a stage belongs to the current schedule: stages dated before the schedule began are not
/// sent late, except escalations after the due date, which always go out.
pub fn stage_applies(stage: &reminder_stage::Model, on: NaiveDate, schedule_from: NaiveDate) -> bool {
    stage.offset_days > 0 || on >= schedule_from
}

/// Recomputes the derived due date and the next reminder day of a clock.
pub async fn refresh(
    db: &impl ConnectionTrait,
    calendar: &WorkCalendar,
    c: &mut clock::Model,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let pause_rows = pauses_by_id(db, c.id).await?;
    c.due_date = explain(calendar, c, &pause_rows, today).due_date;
    c.next_reminder_on = if c.state == ClockState::Running {
        let fired: Vec<String> = clock_reminder::Entity::find()
            .filter(clock_reminder::Column::ClockId.eq(c.id))
            .filter(clock_reminder::Column::DueDate.eq(c.due_date))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.stage)
            .collect();
        stages_for(db, &c.kind)
            .await?
            .iter()
            .filter(|s| !fired.contains(&s.stage))
            .map(|s| (s, stage_date(calendar, c.due_date, s.offset_days)))
            .filter(|(s, on)| stage_applies(s, *on, c.schedule_from))
            .map(|(_, on)| on)
            .min()
    } else {
        None
    };
    Ok(())
}

/// After any change to a clock: derive its due date and next reminder again, and store them.
async fn rederive(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    mut c: clock::Model,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let calendar = calendar::load(tx, unit.county_id()).await?;
    refresh(tx, &calendar, &mut c, beijing_today(now)).await?;
    save(tx, &c, now).await?;
    Ok(c)
}

async fn save(db: &impl ConnectionTrait, c: &clock::Model, now: DateTime<Utc>) -> Result<(), ApiError> {
    let mut active: clock::ActiveModel = c.clone().into();
    active.due_date = Set(c.due_date);
    active.next_reminder_on = Set(c.next_reminder_on);
    active.state = Set(c.state);
    active.start_date = Set(c.start_date);
    active.extension_days = Set(c.extension_days);
    active.schedule_from = Set(c.schedule_from);
    active.completed_at = Set(c.completed_at);
    active.assignee_user_id = Set(c.assignee_user_id);
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

fn of_subject(subject: &Subject) -> Select<clock::Entity> {
    clock::Entity::find_in(subject.unit())
        .filter(clock::Column::SubjectType.eq(subject.kind().code()))
        .filter(clock::Column::SubjectId.eq(subject.id().to_string()))
}

/// The clock of a kind for a subject, open or not.
pub async fn find(
    db: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
) -> Result<Option<clock::Model>, ApiError> {
    Ok(of_subject(subject).filter(clock::Column::Kind.eq(kind.code)).one(db).await?)
}

/// A clock by its id, within a reach (a lead names the clock it was raised on).
pub async fn by_id_within(
    db: &impl ConnectionTrait,
    reach: &Reach,
    id: Uuid,
) -> Result<Option<clock::Model>, ApiError> {
    Ok(clock::Entity::find_within(reach).filter(clock::Column::Id.eq(id)).one(db).await?)
}

/// The clock of a kind for a subject while it is still owed.
pub async fn find_open(
    db: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
) -> Result<Option<clock::Model>, ApiError> {
    Ok(find(db, subject, kind).await?.filter(|c| c.state.is_open()))
}

/// Every clock of a subject, in the order they started.
pub async fn all_of(db: &impl ConnectionTrait, subject: &Subject) -> Result<Vec<clock::Model>, ApiError> {
    Ok(of_subject(subject).order_by_asc(clock::Column::CreatedAt).all(db).await?)
}

/// Starts a clock in the caller's transaction. Starting the same kind twice for a subject returns the
/// existing clock.
pub async fn start(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    new: NewClock,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    debug_assert_eq!(new.kind.subject, subject.kind(), "a clock kind belongs to one subject kind");
    if let Some(existing) = find(tx, subject, new.kind).await? {
        return Ok(existing);
    }
    let unit = subject.unit();
    let today = beijing_today(now);
    let calendar = calendar::load(tx, unit.county_id()).await?;
    let (mode, days) = match new.period {
        Period::WorkingDays(n) => ("working_days", n),
        Period::CalendarDays(n) => ("calendar_days", n),
    };
    let mut c = clock::Model {
        id: Uuid::now_v7(),
        county_id: unit.county_id(),
        unit_id: unit.unit_id(),
        subject_type: subject.kind().code().into(),
        subject_id: subject.id().to_string(),
        subject_label: new.label.text,
        subject_link: new.label.link,
        kind: new.kind.code.into(),
        legal_basis: new.legal_basis,
        start_date: new.start,
        period_mode: mode.into(),
        period_days: i32::try_from(days).map_err(|_| ApiError::field("period", "range"))?,
        extension_days: 0,
        state: ClockState::Running,
        assignee_user_id: new.assignee,
        due_date: new.start,
        schedule_from: today,
        next_reminder_on: None,
        completed_at: None,
        created_at: now,
        updated_at: now,
    };
    clock::Entity::insert(clock::ActiveModel::from(c.clone())).exec_without_returning(tx).await?;
    refresh(tx, &calendar, &mut c, today).await?;
    save(tx, &c, now).await?;
    Ok(c)
}

async fn require_open(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
) -> Result<clock::Model, ApiError> {
    find_open(tx, subject, kind).await?.ok_or(ApiError::Rule(ErrorCode::ClockClosed, None))
}

/// Stops the clock from `from` (that day does not count; the start day never does, so a pause asked
/// for on it starts with the next day). Nothing happens when the clock is closed or already stopped
/// (several consultations at once stop it once).
pub async fn suspend(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
    from: NaiveDate,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Option<clock::Model>, ApiError> {
    let Some(mut c) = find_open(tx, subject, kind).await? else { return Ok(None) };
    if c.state == ClockState::Suspended {
        return Ok(Some(c));
    }
    let from = from.max(c.start_date.succ_opt().unwrap_or(c.start_date));
    insert_pause(tx, &c, from, reason, by, now).await?;
    c.state = ClockState::Suspended;
    rederive(tx, subject.unit(), c, now).await.map(Some)
}

async fn insert_pause(
    tx: &impl ConnectionTrait,
    c: &clock::Model,
    from: NaiveDate,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clock_pause::Entity::insert(clock_pause::ActiveModel {
        id: Set(Uuid::now_v7()),
        clock_id: Set(c.id),
        from_date: Set(from),
        to_date: Set(None),
        reason: Set(reason.chars().take(200).collect()),
        created_by: Set(by),
        created_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(())
}

/// Ends the open pause: `last_paused_day` is the last day that does not count. A pause that ends
/// before the first day it would have stopped is taken back, so it costs no day.
pub async fn resume(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
    last_paused_day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<clock::Model>, ApiError> {
    let Some(mut c) = find_open(tx, subject, kind).await? else { return Ok(None) };
    if c.state != ClockState::Suspended {
        return Ok(Some(c));
    }
    let open = pauses_by_id(tx, c.id)
        .await?
        .into_iter()
        .find(|p| p.to_date.is_none())
        .ok_or(ApiError::Rule(ErrorCode::ClockNotPaused, None))?;
    if last_paused_day < open.from_date {
        clock_pause::Entity::delete_by_id(open.id).exec(tx).await?;
    } else {
        let mut p: clock_pause::ActiveModel = open.into();
        p.to_date = Set(Some(last_paused_day));
        p.update(tx).await?;
    }
    c.state = ClockState::Running;
    c.schedule_from = beijing_today(now);
    rederive(tx, subject.unit(), c, now).await.map(Some)
}

/// Adds an approved extension (Art. 33: one, at most 20 working days, for applications — the
/// workflow module enforces its own limits).
#[allow(clippy::too_many_arguments)]
pub async fn extend(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
    days: u32,
    reason: &str,
    approved_by: Uuid,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = require_open(tx, subject, kind).await?;
    if days == 0 || days > 366 {
        return Err(ApiError::field("days", "range"));
    }
    clock_change::Entity::insert(clock_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        clock_id: Set(c.id),
        change: Set("extension".into()),
        days: Set(Some(i32::try_from(days).unwrap_or(0))),
        previous_start: Set(None),
        new_start: Set(None),
        reason: Set(reason.chars().take(200).collect()),
        approved_by: Set(Some(approved_by)),
        created_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    c.extension_days += i32::try_from(days).unwrap_or(0);
    c.schedule_from = beijing_today(now);
    rederive(tx, subject.unit(), c, now).await
}

/// Starts the period again from a new day (a corrected application arrived, Art. 30). Nothing
/// happens when the clock is not open.
pub async fn restart(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
    new_start: NaiveDate,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Option<clock::Model>, ApiError> {
    let Some(mut c) = find_open(tx, subject, kind).await? else { return Ok(None) };
    clock_change::Entity::insert(clock_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        clock_id: Set(c.id),
        change: Set("restart".into()),
        days: Set(None),
        previous_start: Set(Some(c.start_date)),
        new_start: Set(Some(new_start)),
        reason: Set(reason.chars().take(200).collect()),
        approved_by: Set(by),
        created_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    // A restart begins a new period: earlier pauses belong to the old one.
    clock_pause::Entity::delete_many().filter(clock_pause::Column::ClockId.eq(c.id)).exec(tx).await?;
    c.start_date = new_start;
    c.state = ClockState::Running;
    c.schedule_from = beijing_today(now);
    rederive(tx, subject.unit(), c, now).await.map(Some)
}

/// Begins the next period of a recurring duty (a withheld item re-evaluated every year, a
/// classification term set anew): the subject's clock of this kind, open or ended, runs again from
/// `new.start` for `new.period`, and the change is on the clock's record. A subject without one
/// gets it started.
pub async fn renew(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    new: NewClock,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let Some(mut c) = find(tx, subject, new.kind).await? else { return start(tx, subject, new, now).await };
    let days = i32::try_from(new.period.days()).map_err(|_| ApiError::field("period", "range"))?;
    clock_change::Entity::insert(clock_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        clock_id: Set(c.id),
        change: Set("renew".into()),
        days: Set(Some(days)),
        previous_start: Set(Some(c.start_date)),
        new_start: Set(Some(new.start)),
        reason: Set(reason.chars().take(200).collect()),
        approved_by: Set(by),
        created_at: Set(now),
    })
    .exec_without_returning(tx)
    .await?;
    clock_pause::Entity::delete_many().filter(clock_pause::Column::ClockId.eq(c.id)).exec(tx).await?;
    clock::Entity::update_in(subject.unit())
        .col_expr(clock::Column::PeriodMode, Expr::value(new.period.mode()))
        .col_expr(clock::Column::PeriodDays, Expr::value(days))
        .col_expr(clock::Column::LegalBasis, Expr::value(new.legal_basis.clone()))
        .col_expr(clock::Column::AssigneeUserId, Expr::value(new.assignee))
        .filter(clock::Column::Id.eq(c.id))
        .exec(tx)
        .await?;
    c.period_mode = new.period.mode().into();
    c.period_days = days;
    c.legal_basis = new.legal_basis;
    c.assignee_user_id = new.assignee;
    c.start_date = new.start;
    c.extension_days = 0;
    c.state = ClockState::Running;
    c.completed_at = None;
    c.schedule_from = beijing_today(now);
    rederive(tx, subject.unit(), c, now).await
}

/// The clocks of some kinds within a reach whose due date falls between two days (yearly figures).
pub async fn due_between(
    db: &impl ConnectionTrait,
    reach: &Reach,
    kinds: &[&'static ClockKind],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<clock::Model>, ApiError> {
    let mut of_kinds = sea_orm::Condition::any();
    for k in kinds {
        of_kinds = of_kinds.add(
            sea_orm::Condition::all()
                .add(clock::Column::SubjectType.eq(k.subject.code()))
                .add(clock::Column::Kind.eq(k.code)),
        );
    }
    Ok(within(reach, None).filter(of_kinds).filter(clock::Column::DueDate.between(first, last)).all(db).await?)
}

/// How an open clock ends when its step is done or no longer owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Met or missed, by the date.
    Complete,
    Cancel,
}

/// Ends the open clock of a kind for a subject, if there is one: workflow steps close the limit they
/// answer without having to know whether an earlier step started it.
pub async fn end(
    tx: &impl ConnectionTrait,
    subject: &Subject,
    kind: &ClockKind,
    ending: Ending,
    now: DateTime<Utc>,
) -> Result<Option<clock::Model>, ApiError> {
    let Some(mut c) = find_open(tx, subject, kind).await? else { return Ok(None) };
    c.state = match ending {
        // Met if done on or before the due date in Beijing time, missed otherwise.
        Ending::Complete if beijing_today(now) <= c.due_date => ClockState::Met,
        Ending::Complete => ClockState::Missed,
        Ending::Cancel => ClockState::Cancelled,
    };
    c.completed_at = Some(now);
    c.next_reminder_on = None;
    save(tx, &c, now).await?;
    Ok(Some(c))
}

/// A cross-unit read within a reach, and in one unit of it when asked.
fn within(reach: &Reach, only_unit: Option<Uuid>) -> Select<clock::Entity> {
    let select = clock::Entity::find_within(reach);
    match only_unit {
        Some(u) => select.filter(clock::Column::UnitId.eq(u)),
        None => select,
    }
}

fn kinds_of(
    select: Select<clock::Entity>,
    subject: SubjectKind,
    kinds: &[&'static ClockKind],
) -> Select<clock::Entity> {
    select
        .filter(clock::Column::SubjectType.eq(subject.code()))
        .filter(clock::Column::Kind.is_in(kinds.iter().map(|k| k.code)))
}

/// The clocks of these kinds for some subjects, within a reach (list rows show their due dates).
pub async fn for_subjects(
    db: &impl ConnectionTrait,
    reach: &Reach,
    subject: SubjectKind,
    ids: &[Uuid],
    kinds: &[&'static ClockKind],
) -> Result<Vec<clock::Model>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let select = kinds_of(within(reach, None), subject, kinds)
        .filter(clock::Column::SubjectId.is_in(ids.iter().map(Uuid::to_string)));
    Ok(select.order_by_asc(clock::Column::CreatedAt).all(db).await?)
}

/// Which clocks an oversight list watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watch {
    /// Open and due from `today` to `until`.
    DueBetween { today: NaiveDate, until: NaiveDate },
    /// Open and past due on `today`.
    OverdueOn(NaiveDate),
    /// Done after the due date.
    Missed,
}

fn watched(select: Select<clock::Entity>, watch: Watch) -> Select<clock::Entity> {
    match watch {
        Watch::DueBetween { today, until } => select
            .filter(clock::Column::State.is_in(ClockState::OPEN))
            .filter(clock::Column::DueDate.gte(today))
            .filter(clock::Column::DueDate.lte(until)),
        Watch::OverdueOn(today) => {
            select.filter(clock::Column::State.is_in(ClockState::OPEN)).filter(clock::Column::DueDate.lt(today))
        }
        Watch::Missed => select.filter(clock::Column::State.eq(ClockState::Missed)),
    }
}

/// A page of watched clocks within a reach, soonest due first, with the total.
pub async fn watch_page(
    db: &impl ConnectionTrait,
    reach: &Reach,
    only_unit: Option<Uuid>,
    subject: SubjectKind,
    kinds: &[&'static ClockKind],
    watch: Watch,
    paging: Paging,
) -> Result<(Vec<clock::Model>, u64), ApiError> {
    let select = watched(kinds_of(within(reach, only_unit), subject, kinds), watch);
    Ok(paging.rows(select.order_by_asc(clock::Column::DueDate).order_by_asc(clock::Column::Id), db).await?)
}

/// The subjects with a clock of these kinds open and past due, within a reach.
pub async fn overdue_subjects(
    db: &impl ConnectionTrait,
    reach: &Reach,
    only_unit: Option<Uuid>,
    subject: SubjectKind,
    kinds: &[&'static ClockKind],
    today: NaiveDate,
) -> Result<Vec<Uuid>, ApiError> {
    let select = watched(kinds_of(within(reach, only_unit), subject, kinds), Watch::OverdueOn(today));
    Ok(select
        .select_only()
        .column(clock::Column::SubjectId)
        .into_tuple::<String>()
        .all(db)
        .await?
        .iter()
        .filter_map(|id| Uuid::parse_str(id).ok())
        .collect())
}

/// For scheduled jobs: running clocks of these kinds whose period ended before `today`, across every
/// county, with the subject each belongs to.
pub async fn expired(
    tx: &impl ConnectionTrait,
    subject: SubjectKind,
    kinds: &[&'static ClockKind],
    today: NaiveDate,
    limit: u64,
) -> Result<Vec<(Subject, clock::Model)>, ApiError> {
    let rows = kinds_of(clock::Entity::find(), subject, kinds)
        .filter(clock::Column::State.eq(ClockState::Running))
        .filter(clock::Column::DueDate.lt(today))
        .order_by_asc(clock::Column::DueDate)
        .order_by_asc(clock::Column::Id)
        .limit(limit)
        .all(tx)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|c| {
            let id = Uuid::parse_str(&c.subject_id).ok()?;
            let unit = UnitRef::owning_row(c.unit_id, c.county_id);
            Some((Subject::new(subject, id, unit), c))
        })
        .collect())
}

/// After a calendar change, every open clock of the county gets its due date derived again.
pub async fn refresh_county(tx: &impl ConnectionTrait, county_id: Uuid, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let calendar = calendar::load(tx, county_id).await?;
    let today = beijing_today(now);
    let open = clock::Entity::find_within(&Reach::County(county_id))
        .filter(clock::Column::State.is_in(ClockState::OPEN))
        .all(tx)
        .await?;
    let mut changed = 0;
    for mut c in open {
        let before = (c.due_date, c.next_reminder_on);
        refresh(tx, &calendar, &mut c, today).await?;
        if before != (c.due_date, c.next_reminder_on) {
            save(tx, &c, now).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Clocks follow the calendar: registered with the calendar at start-up, so the calendar never calls
/// up into the clock module.
#[derive(Debug)]
pub struct DueDatesFollowCalendar;

impl crate::calendar::CalendarListener for DueDatesFollowCalendar {
    fn year_changed<'a>(
        &'a self,
        tx: &'a sea_orm::DatabaseTransaction,
        county_id: Uuid,
        now: DateTime<Utc>,
    ) -> futures_util::future::BoxFuture<'a, Result<u64, ApiError>> {
        Box::pin(refresh_county(tx, county_id, now))
    }
}

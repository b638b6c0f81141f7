//! Statutory clocks: time limits that belong to a subject (an application, a referral, a case…),
//! run on the county calendar, pause for consultations, restart, extend with approval, and end met,
//! missed or cancelled. The due date is always derived; the stored copy only feeds the index that
//! the reminder scan uses.

pub mod reminders;
pub mod routes;

use chrono::{DateTime, Days, NaiveDate, Utc};
use entity::{clock_change, clock_pause, clock_reminder, reminder_stage, statutory_clock as clock};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::calendar::{DueDateExplanation, Pause, Period, WorkCalendar, service as calendar};
use crate::error::ApiError;
use crate::tenancy::UnitRef;
use crate::time::beijing_today;

pub const RUNNING: &str = "running";
pub const SUSPENDED: &str = "suspended";
pub const MET: &str = "met";
pub const MISSED: &str = "missed";
pub const CANCELLED: &str = "cancelled";

/// What a workflow module asks for when a time limit starts.
#[derive(Debug, Clone)]
pub struct NewClock {
    pub subject_type: String,
    pub subject_id: String,
    /// e.g. `application.reply`, `referral.answer`.
    pub kind: String,
    /// e.g. `条例第三十三条`.
    pub legal_basis: String,
    /// The day the period starts from (not counted).
    pub start: NaiveDate,
    pub period: Period,
    pub assignee: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClockView {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub subject_type: String,
    pub subject_id: String,
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
        let open = c.state == RUNNING || c.state == SUSPENDED;
        Self {
            overdue: open && today > c.due_date,
            id: c.id,
            unit_id: c.unit_id,
            subject_type: c.subject_type,
            subject_id: c.subject_id,
            kind: c.kind,
            legal_basis: c.legal_basis,
            start_date: c.start_date,
            period_mode: c.period_mode,
            period_days: c.period_days,
            extension_days: c.extension_days,
            state: c.state,
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

pub async fn pauses(db: &impl ConnectionTrait, clock_id: Uuid) -> Result<Vec<clock_pause::Model>, ApiError> {
    Ok(clock_pause::Entity::find()
        .filter(clock_pause::Column::ClockId.eq(clock_id))
        .order_by_asc(clock_pause::Column::FromDate)
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
    let pause_rows = pauses(db, c.id).await?;
    c.due_date = explain(calendar, c, &pause_rows, today).due_date;
    c.next_reminder_on = if c.state == RUNNING {
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
    active.state = Set(c.state.clone());
    active.start_date = Set(c.start_date);
    active.extension_days = Set(c.extension_days);
    active.schedule_from = Set(c.schedule_from);
    active.completed_at = Set(c.completed_at);
    active.assignee_user_id = Set(c.assignee_user_id);
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

/// Starts a clock in the caller's transaction. Starting the same kind twice for a subject returns the
/// existing clock.
pub async fn start(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    new: NewClock,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    if let Some(existing) = clock::Entity::find()
        .filter(clock::Column::SubjectType.eq(new.subject_type.clone()))
        .filter(clock::Column::SubjectId.eq(new.subject_id.clone()))
        .filter(clock::Column::Kind.eq(new.kind.clone()))
        .one(tx)
        .await?
    {
        return Ok(existing);
    }
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
        subject_type: new.subject_type,
        subject_id: new.subject_id,
        kind: new.kind,
        legal_basis: new.legal_basis,
        start_date: new.start,
        period_mode: mode.into(),
        period_days: i32::try_from(days).map_err(|_| ApiError::field("period", "range"))?,
        extension_days: 0,
        state: RUNNING.into(),
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

async fn load_open(tx: &impl ConnectionTrait, unit: UnitRef, clock_id: Uuid) -> Result<clock::Model, ApiError> {
    use crate::tenancy::ScopedFind;
    let c =
        clock::Entity::find_in(unit).filter(clock::Column::Id.eq(clock_id)).one(tx).await?.ok_or(ApiError::NotFound)?;
    if c.state != RUNNING && c.state != SUSPENDED {
        return Err(ApiError::Rule("clock_closed", None));
    }
    Ok(c)
}

/// Stops the clock from `from` (that day does not count) until `resume`.
pub async fn pause(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    clock_id: Uuid,
    from: NaiveDate,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = load_open(tx, unit, clock_id).await?;
    if c.state == SUSPENDED {
        return Err(ApiError::Rule("clock_already_paused", None));
    }
    if from <= c.start_date {
        return Err(ApiError::field("from", "invalid_value"));
    }
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
    c.state = SUSPENDED.into();
    rederive(tx, unit, c, now).await
}

/// Ends the open pause: `last_paused_day` is the last day that does not count.
pub async fn resume(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    clock_id: Uuid,
    last_paused_day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = load_open(tx, unit, clock_id).await?;
    let open = pauses(tx, c.id)
        .await?
        .into_iter()
        .find(|p| p.to_date.is_none())
        .ok_or(ApiError::Rule("clock_not_paused", None))?;
    if last_paused_day < open.from_date {
        return Err(ApiError::field("to", "invalid_value"));
    }
    let mut p: clock_pause::ActiveModel = open.into();
    p.to_date = Set(Some(last_paused_day));
    p.update(tx).await?;
    c.state = RUNNING.into();
    c.schedule_from = beijing_today(now);
    rederive(tx, unit, c, now).await
}

/// Takes back the open pause when the suspension never reached its first day (a consultation answered
/// before the first day it would have stopped): no day is lost to it.
pub async fn withdraw_pause(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    clock_id: Uuid,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = load_open(tx, unit, clock_id).await?;
    let open = pauses(tx, c.id)
        .await?
        .into_iter()
        .find(|p| p.to_date.is_none())
        .ok_or(ApiError::Rule("clock_not_paused", None))?;
    clock_pause::Entity::delete_by_id(open.id).exec(tx).await?;
    c.state = RUNNING.into();
    c.schedule_from = beijing_today(now);
    rederive(tx, unit, c, now).await
}

/// Adds an approved extension (Art. 33: one, at most 20 working days, for applications — the
/// workflow module enforces its own limits).
pub async fn extend(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    clock_id: Uuid,
    days: u32,
    reason: &str,
    approved_by: Uuid,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = load_open(tx, unit, clock_id).await?;
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
    rederive(tx, unit, c, now).await
}

/// Starts the period again from a new day (a corrected application arrived, Art. 30).
pub async fn restart(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    clock_id: Uuid,
    new_start: NaiveDate,
    reason: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = load_open(tx, unit, clock_id).await?;
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
    c.state = RUNNING.into();
    c.schedule_from = beijing_today(now);
    rederive(tx, unit, c, now).await
}

/// The work is done: met if on or before the due date (Beijing time), missed otherwise.
pub async fn complete(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    clock_id: Uuid,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = load_open(tx, unit, clock_id).await?;
    let today = beijing_today(now);
    c.state = if today <= c.due_date { MET.into() } else { MISSED.into() };
    c.completed_at = Some(now);
    c.next_reminder_on = None;
    save(tx, &c, now).await?;
    Ok(c)
}

pub async fn cancel(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    clock_id: Uuid,
    now: DateTime<Utc>,
) -> Result<clock::Model, ApiError> {
    let mut c = load_open(tx, unit, clock_id).await?;
    c.state = CANCELLED.into();
    c.completed_at = Some(now);
    c.next_reminder_on = None;
    save(tx, &c, now).await?;
    Ok(c)
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
pub async fn end_open(
    tx: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: &str,
    kind: &str,
    ending: Ending,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let open = clock::Entity::find()
        .filter(clock::Column::SubjectType.eq(subject_type))
        .filter(clock::Column::SubjectId.eq(subject_id))
        .filter(clock::Column::Kind.eq(kind))
        .filter(clock::Column::State.is_in([RUNNING, SUSPENDED]))
        .one(tx)
        .await?;
    let Some(c) = open else { return Ok(()) };
    let owner = entity::unit::Entity::find_by_id(c.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    let unit = UnitRef::for_system(&owner);
    match ending {
        Ending::Complete => complete(tx, unit, c.id, now).await?,
        Ending::Cancel => cancel(tx, unit, c.id, now).await?,
    };
    Ok(())
}

/// After a calendar change, every open clock of the county gets its due date derived again.
pub async fn refresh_county(tx: &impl ConnectionTrait, county_id: Uuid, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let calendar = calendar::load(tx, county_id).await?;
    let today = beijing_today(now);
    let open = clock::Entity::find()
        .filter(clock::Column::CountyId.eq(county_id))
        .filter(clock::Column::State.is_in([RUNNING, SUSPENDED]))
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

//! The reminder job: fires every due stage of every clock exactly once, whatever the number of
//! replicas or missed ticks. It reads only clocks whose next stage is due (an index on
//! `next_reminder_on`), so its cost follows the number of due clocks, not of open ones.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{LeadStatus, OversightFunction, UnitRole};
use entity::{clock_reminder, statutory_clock as clock, unit, user, violation_lead};
use sea_orm::sea_query::{LockBehavior, LockType, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use entity::enums::ClockState;

use super::{ClockKinds, refresh, stage_applies, stage_date, stages_for};
use crate::audit::{self, AuditRecord, system_actor};
use crate::calendar::service as calendar;
use crate::db::write_tx;
use crate::error::ApiError;
use crate::notify::{self, Notice};
use crate::state::AppState;
use crate::time::beijing_today;
use crate::units::people;

pub const BATCH: u64 = 200;

/// Runs the scan until no due clock is left; returns the number of stages fired.
pub async fn run(state: &AppState, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let mut fired = 0;
    loop {
        let (batch_fired, batch_len) = run_batch(state, now).await?;
        fired += batch_fired;
        if batch_len < BATCH {
            return Ok(fired);
        }
    }
}

/// One batch in one transaction: claims up to `BATCH` due clocks (skipping those another replica
/// holds), fires their stages, moves their next reminder day on.
pub async fn run_batch(state: &AppState, now: DateTime<Utc>) -> Result<(u64, u64), ApiError> {
    let today = beijing_today(now);
    let tx = write_tx(&state.db).await?;
    let mut select = clock::Entity::find()
        .filter(clock::Column::NextReminderOn.lte(today))
        .filter(clock::Column::State.eq(ClockState::Running))
        .order_by_asc(clock::Column::NextReminderOn)
        .limit(BATCH);
    if state.db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let mut due = select.all(&tx).await?;
    // Audit appends lock each unit's chain head; taking them in one global order keeps concurrent
    // batches on other replicas from deadlocking.
    due.sort_by_key(|c| (c.unit_id, c.id));
    let len = due.len() as u64;
    let mut fired = 0;
    let mut calendars = std::collections::HashMap::new();
    for mut c in due {
        let cal = match calendars.entry(c.county_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(calendar::load(&tx, c.county_id).await?),
        };
        fired += fire_stages(&tx, state, cal, &c, today, now).await?;
        refresh(&tx, cal, &mut c, today).await?;
        clock::Entity::update_many()
            .col_expr(clock::Column::NextReminderOn, sea_orm::sea_query::Expr::value(c.next_reminder_on))
            .col_expr(clock::Column::DueDate, sea_orm::sea_query::Expr::value(c.due_date))
            .filter(clock::Column::Id.eq(c.id))
            .exec(&tx)
            .await?;
    }
    tx.commit().await?;
    Ok((fired, len))
}

async fn fire_stages(
    tx: &impl ConnectionTrait,
    state: &AppState,
    cal: &crate::calendar::WorkCalendar,
    c: &clock::Model,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    let mut fired = 0;
    for stage in stages_for(tx, &c.kind).await? {
        let on = stage_date(cal, c.due_date, stage.offset_days);
        if on > today || !stage_applies(&stage, on, c.schedule_from) {
            continue;
        }
        // The unique (clock, stage, due date) row is the guard: only the transaction that inserts it
        // delivers the stage.
        let inserted = clock_reminder::Entity::insert(clock_reminder::ActiveModel {
            id: Set(Uuid::now_v7()),
            clock_id: Set(c.id),
            stage: Set(stage.stage.clone()),
            due_date: Set(c.due_date),
            fired_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                clock_reminder::Column::ClockId,
                clock_reminder::Column::Stage,
                clock_reminder::Column::DueDate,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(tx)
        .await?;
        if inserted == 0 {
            continue;
        }
        fired += 1;
        let unit = unit::Entity::find_by_id(c.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
        let recipients = audience(tx, c, &unit, &stage.audience).await?;
        let label = &c.subject_label;
        let (kind, item_label) = match (stage.audience.as_str(), stage.violation_item.as_deref()) {
            ("openness_office", item) => ("clock_overdue", item.map(item_label).unwrap_or("十")),
            ("unit_leaders", _) => ("clock_due_today", ""),
            _ => ("clock_reminder", ""),
        };
        let link = format!(
            "{}{}",
            state.settings.public_base_url.trim_end_matches('/'),
            c.subject_link.as_deref().unwrap_or("/console/")
        );
        for person in &recipients {
            let notice = Notice {
                kind,
                context: serde_json::json!({
                    "recipient_name": person.display_name,
                    "unit_name": unit.name,
                    "subject_label": label,
                    "limit_name": state.clock_kinds.name(&c.kind, crate::error::Lang::Zh),
                    "legal_basis": c.legal_basis,
                    "due_date": c.due_date.to_string(),
                    "working_days_left": cal.working_days_between(today, c.due_date),
                    "violation_item_label": item_label,
                    "link": link,
                }),
                subject_type: Some(c.subject_type.clone()),
                subject_id: Some(c.subject_id.clone()),
                link: Some(link.clone()),
                legal: false,
            };
            notify::deliver(tx, &state.settings.public_base_url, person, &notice, now).await?;
        }
        let mut summary = serde_json::json!({
            "stage": stage.stage, "due_date": c.due_date, "recipients": recipients.len(),
        });
        if let Some(item) = &stage.violation_item {
            let lead = raise_lead(tx, &state.clock_kinds, c, item, now).await?;
            summary["violation_lead"] = serde_json::json!(lead);
        }
        let record = AuditRecord::success("clock.stage_fired", "statutory_clock", c.id)
            .in_unit(c.county_id, c.unit_id)
            .with_summary(summary);
        audit::append(tx, &state.audit_key, &system_actor("reminders"), record, now).await?;
    }
    Ok(fired)
}

fn item_label(item: &str) -> &'static str {
    match item.trim_start_matches("6.") {
        "1" => "一",
        "2" => "二",
        "3" => "三",
        "4" => "四",
        "5" => "五",
        "6" => "六",
        "7" => "七",
        "8" => "八",
        "9" => "九",
        _ => "十",
    }
}

/// Raises a violation lead for the clock's subject, once per subject and item.
pub async fn raise_lead(
    tx: &impl ConnectionTrait,
    kinds: &ClockKinds,
    c: &clock::Model,
    item: &str,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let facts = format!(
        "{}：{}（{}）为 {}，期满仍未办结。",
        c.subject_label,
        kinds.name(&c.kind, crate::error::Lang::Zh),
        c.legal_basis,
        c.due_date
    );
    let inserted = violation_lead::Entity::insert(violation_lead::ActiveModel {
        id: Set(Uuid::now_v7()),
        county_id: Set(c.county_id),
        unit_id: Set(c.unit_id),
        item: Set(item.into()),
        subject_type: Set(c.subject_type.clone()),
        subject_id: Set(c.subject_id.clone()),
        clock_id: Set(Some(c.id)),
        facts: Set(facts),
        detected_at: Set(now),
        status: Set(LeadStatus::Open),
        triaged_by: Set(None),
        triaged_at: Set(None),
        triage_reason: Set(None),
    })
    .on_conflict(
        OnConflict::columns([
            violation_lead::Column::SubjectType,
            violation_lead::Column::SubjectId,
            violation_lead::Column::Item,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(tx)
    .await?;
    Ok(inserted > 0)
}

/// The people a stage speaks to.
async fn audience(
    tx: &impl ConnectionTrait,
    c: &clock::Model,
    unit: &unit::Model,
    who: &str,
) -> Result<Vec<user::Model>, ApiError> {
    match who {
        "assignee" if c.assignee_user_id.is_some() => {
            people::active(tx, c.assignee_user_id.into_iter().collect()).await
        }
        "assignee" => people::members(tx, unit.id, Some(UnitRole::Handler)).await,
        "unit_leaders" => people::members(tx, unit.id, Some(UnitRole::Leader)).await,
        "openness_office" => match people::function_unit(tx, c.county_id, OversightFunction::OpennessOffice).await? {
            Some(office) => people::members(tx, office.id, None).await,
            None => Ok(Vec::new()),
        },
        _ => Ok(Vec::new()),
    }
}

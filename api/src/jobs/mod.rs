//! Scheduled jobs. Each job is an ordinary async function taking `now`, which tests call directly.
//! tokio-cron-scheduler ticks in Beijing time on every replica; each tick claims its slot with a
//! unique `(job, slot)` row, so exactly one replica runs it, and every run is recorded. Jobs are
//! idempotent catch-up scans, so a missed tick only delays work.

pub mod routes;

use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use chrono_tz::Asia::Shanghai;
use entity::enums::{OversightFunction, UserStatus};
use entity::{calendar_year, county, job_run, notification, role_assignment, session, unit, user};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter};
use tokio_cron_scheduler::{Job, JobScheduler};
use uuid::Uuid;

use crate::clocks::reminders;
use crate::notify::{self, Notice, dispatcher};
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    ClockReminders,
    EmailDispatch,
    CalendarNextYear,
    Cleanup,
    /// Closes applications whose correction or payment period lapsed, and review or appeal windows
    /// that ended unused.
    Lapses,
    /// Writes the day's signed checkpoint of every audit chain's head outside the database.
    AuditCheckpoint,
    /// The secrecy bureau's nightly scan of everything published (SR 9(4)).
    OnlineInspection,
}

impl JobKind {
    pub const ALL: [JobKind; 7] = [
        Self::ClockReminders,
        Self::EmailDispatch,
        Self::CalendarNextYear,
        Self::Cleanup,
        Self::Lapses,
        Self::AuditCheckpoint,
        Self::OnlineInspection,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::ClockReminders => "clock_reminders",
            Self::EmailDispatch => "email_dispatch",
            Self::CalendarNextYear => "calendar_next_year",
            Self::Cleanup => "cleanup",
            Self::Lapses => "lapses",
            Self::AuditCheckpoint => "audit_checkpoint",
            Self::OnlineInspection => "online_inspection",
        }
    }

    /// Six-field cron (seconds first), Beijing time.
    fn cron(self) -> &'static str {
        match self {
            Self::ClockReminders => "0 * * * * *",
            Self::EmailDispatch => "*/15 * * * * *",
            Self::CalendarNextYear => "0 0 9 * 11 *",
            Self::Cleanup => "0 30 3 * * *",
            Self::Lapses => "0 5 * * * *",
            Self::AuditCheckpoint => "0 0 2 * * *",
            Self::OnlineInspection => "0 30 1 * * *",
        }
    }

    /// The slot a tick belongs to: two replicas ticking for the same moment compute the same slot.
    pub fn slot(self, now: DateTime<Utc>) -> String {
        let t = now.with_timezone(&Shanghai);
        match self {
            Self::EmailDispatch => {
                format!("{}:{:02}", t.format("%Y-%m-%dT%H:%M"), t.second() / 15 * 15)
            }
            Self::ClockReminders => t.format("%Y-%m-%dT%H:%M").to_string(),
            Self::CalendarNextYear | Self::Cleanup | Self::AuditCheckpoint | Self::OnlineInspection => {
                t.format("%Y-%m-%d").to_string()
            }
            Self::Lapses => t.format("%Y-%m-%dT%H").to_string(),
        }
    }
}

/// Runs `job` for the slot of `now` if no replica has claimed it; returns whether this call ran it.
pub async fn run_claimed(state: &AppState, job: JobKind, now: DateTime<Utc>) -> anyhow::Result<bool> {
    // With Redis, replicas that lose a quick lock skip the database altogether; the unique row
    // below stays the fence.
    if let Some(link) = &state.redis {
        let mut conn = link.manager.clone();
        let key = format!("{}joblock:{}:{}", state.settings.redis_prefix, job.name(), job.slot(now));
        let won: Option<String> = redis::cmd("SET")
            .arg(&key)
            .arg(&state.settings.replica_name)
            .arg("NX")
            .arg("PX")
            .arg(120_000)
            .query_async(&mut conn)
            .await
            .unwrap_or(Some("OK".into()));
        if won.is_none() {
            return Ok(false);
        }
    }
    let id = Uuid::now_v7();
    let claimed = job_run::Entity::insert(job_run::ActiveModel {
        id: Set(id),
        job: Set(job.name().into()),
        slot: Set(job.slot(now)),
        replica: Set(state.settings.replica_name.chars().take(64).collect()),
        started_at: Set(now),
        finished_at: Set(None),
        items: Set(0),
        error: Set(None),
    })
    .on_conflict(OnConflict::columns([job_run::Column::Job, job_run::Column::Slot]).do_nothing().to_owned())
    .exec_without_returning(&state.db)
    .await?;
    if claimed == 0 {
        return Ok(false);
    }
    let outcome = run_job(state, job, now).await;
    let (items, error) = match &outcome {
        Ok(items) => (*items, None),
        Err(err) => (0, Some(format!("{err:#}"))),
    };
    job_run::Entity::update_many()
        .col_expr(job_run::Column::FinishedAt, Expr::value(Some(state.time.now())))
        .col_expr(job_run::Column::Items, Expr::value(i64::try_from(items).unwrap_or(i64::MAX)))
        .col_expr(job_run::Column::Error, Expr::value(error))
        .filter(job_run::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    outcome.map(|_| true)
}

/// The job itself, without the claim.
pub async fn run_job(state: &AppState, job: JobKind, now: DateTime<Utc>) -> anyhow::Result<u64> {
    match job {
        JobKind::ClockReminders => Ok(reminders::run(state, now).await?),
        JobKind::EmailDispatch => {
            let mut total = 0;
            loop {
                let report = dispatcher::dispatch_once(state, &state.mailer, now).await?;
                total += report.handled();
                if report.handled() == 0 {
                    return Ok(total);
                }
            }
        }
        JobKind::CalendarNextYear => calendar_next_year(state, now).await,
        JobKind::Cleanup => cleanup(state, now).await,
        JobKind::Lapses => Ok(crate::applications::service::run_lapses(state, now).await?
            + crate::accountability::service::close_unused_windows(state, now).await?),
        JobKind::OnlineInspection => Ok(crate::secrecy::inspection::inspect_all(state, now).await?),
        JobKind::AuditCheckpoint => {
            let checkpoint = crate::audit::checkpoint::take(&state.db, &state.audit_key, now).await?;
            let path = crate::audit::checkpoint::write(&state.settings.audit_checkpoint_dir, &checkpoint)?;
            tracing::info!(path = %path.display(), chains = checkpoint.heads.len(), "audit checkpoint written");
            Ok(checkpoint.heads.len() as u64)
        }
    }
}

/// In November, reminds each county's openness office and the platform administrators to load the
/// next year's holiday schedule, once per person and year.
pub async fn calendar_next_year(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let today = now.with_timezone(&Shanghai).date_naive();
    if today.month() != 11 {
        return Ok(0);
    }
    let year = today.year() + 1;
    let mut sent = 0;
    for c in county::Entity::find().all(&state.db).await? {
        let loaded = calendar_year::Entity::find()
            .filter(calendar_year::Column::CountyId.eq(c.id))
            .filter(calendar_year::Column::Year.eq(year))
            .one(&state.db)
            .await?
            .is_some();
        if loaded {
            continue;
        }
        let office: Vec<Uuid> = match unit::Entity::find()
            .filter(unit::Column::CountyId.eq(c.id))
            .filter(unit::Column::Function.eq(OversightFunction::OpennessOffice))
            .one(&state.db)
            .await?
        {
            Some(office) => role_assignment::Entity::find()
                .filter(role_assignment::Column::UnitId.eq(office.id))
                .all(&state.db)
                .await?
                .into_iter()
                .map(|a| a.user_id)
                .collect(),
            None => Vec::new(),
        };
        let people = user::Entity::find()
            .filter(Condition::any().add(user::Column::Id.is_in(office)).add(user::Column::IsPlatformAdmin.eq(true)))
            .filter(user::Column::Status.eq(UserStatus::Active))
            .all(&state.db)
            .await?;
        let subject_id = format!("{}/{year}", c.id);
        let tx = crate::db::write_tx(&state.db).await?;
        for person in people {
            let already = notification::Entity::find()
                .filter(notification::Column::UserId.eq(person.id))
                .filter(notification::Column::Kind.eq("calendar_next_year"))
                .filter(notification::Column::SubjectId.eq(subject_id.clone()))
                .one(&tx)
                .await?
                .is_some();
            if already {
                continue;
            }
            let link = format!("{}/console/admin/calendar", state.settings.public_base_url.trim_end_matches('/'));
            let notice = Notice {
                kind: "calendar_next_year",
                context: serde_json::json!({
                    "recipient_name": person.display_name, "county_name": c.name, "year": year, "link": link,
                }),
                subject_type: Some("calendar_year".into()),
                subject_id: Some(subject_id.clone()),
                link: Some(link),
                legal: false,
            };
            notify::deliver(&tx, &state.settings.public_base_url, &person, &notice, now).await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

/// Removes sessions that ended over a week ago and job-run records older than 30 days.
pub async fn cleanup(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let week_ago = now - TimeDelta::days(7);
    let sessions = session::Entity::delete_many()
        .filter(
            Condition::any().add(session::Column::ExpiresAt.lt(week_ago)).add(session::Column::RevokedAt.lt(week_ago)),
        )
        .exec(&state.db)
        .await?
        .rows_affected;
    let runs = job_run::Entity::delete_many()
        .filter(job_run::Column::StartedAt.lt(now - TimeDelta::days(30)))
        .exec(&state.db)
        .await?
        .rows_affected;
    Ok(sessions + runs)
}

/// Starts the cron scheduler of this replica.
pub async fn start_scheduler(state: AppState) -> anyhow::Result<JobScheduler> {
    let scheduler = JobScheduler::new().await?;
    for job in JobKind::ALL {
        let state = state.clone();
        let cron_job = Job::new_async_tz(job.cron(), Shanghai, move |_id, _lock| {
            let state = state.clone();
            Box::pin(async move {
                let now = state.time.now();
                if let Err(err) = run_claimed(&state, job, now).await {
                    tracing::error!(job = job.name(), error = %format!("{err:#}"), "scheduled job failed");
                }
            })
        })?;
        scheduler.add(cron_job).await?;
    }
    scheduler.start().await?;
    Ok(scheduler)
}

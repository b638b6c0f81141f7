use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entity::{calendar_day, calendar_year, county};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::{DayOverride, WorkCalendar};
use crate::error::{ApiError, FieldError};

const NATIONAL: &str = include_str!("../../../migration/seed/cn-public-holidays.json");
pub const KIND_HOLIDAY: &str = "holiday";
pub const KIND_MAKE_UP: &str = "make_up_workday";

#[derive(Debug, Deserialize)]
struct ScheduleFile {
    #[serde(default)]
    source: Option<String>,
    years: BTreeMap<String, YearSchedule>,
}

/// One year of the State Council's schedule, in the shape of its published notice.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct YearSchedule {
    pub days_off: Vec<DaysOff>,
    pub make_up_working_days: Vec<MakeUpDay>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct DaysOff {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct MakeUpDay {
    pub date: NaiveDate,
    #[serde(rename = "for")]
    pub for_holiday: String,
}

/// One day of a county calendar, as the console edits it.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Validate, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayInput {
    pub date: NaiveDate,
    /// `holiday` or `make_up_workday`.
    #[schema(example = "holiday")]
    pub kind: String,
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64)]
    pub name: String,
}

/// The official schedules shipped with Gongkai (2025 and 2026), as a calendar.
pub fn national_schedule() -> anyhow::Result<WorkCalendar> {
    let file: ScheduleFile = serde_json::from_str(NATIONAL)?;
    let mut overrides = BTreeMap::new();
    let mut years = BTreeSet::new();
    for (year, schedule) in &file.years {
        years.insert(year.parse::<i32>()?);
        for (date, o) in expand(schedule) {
            overrides.insert(date, o);
        }
    }
    Ok(WorkCalendar::new(overrides, years))
}

fn expand(schedule: &YearSchedule) -> Vec<(NaiveDate, DayOverride)> {
    let mut out = Vec::new();
    for off in &schedule.days_off {
        let mut d = off.from;
        while d <= off.to {
            out.push((d, DayOverride::Holiday(off.name.clone())));
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
    }
    for m in &schedule.make_up_working_days {
        out.push((m.date, DayOverride::MakeUpWorkday(m.for_holiday.clone())));
    }
    out
}

/// Reads the calendar of a county.
pub async fn load(db: &impl ConnectionTrait, county_id: Uuid) -> Result<WorkCalendar, ApiError> {
    let days = calendar_day::Entity::find().filter(calendar_day::Column::CountyId.eq(county_id)).all(db).await?;
    let years = calendar_year::Entity::find().filter(calendar_year::Column::CountyId.eq(county_id)).all(db).await?;
    let overrides = days
        .into_iter()
        .map(|d| {
            let o =
                if d.kind == KIND_MAKE_UP { DayOverride::MakeUpWorkday(d.name) } else { DayOverride::Holiday(d.name) };
            (d.date, o)
        })
        .collect();
    Ok(WorkCalendar::new(overrides, years.into_iter().map(|y| y.year).collect()))
}

/// Checks a year's days: inside the year, one entry per date, known kinds, make-up days on weekends.
pub fn check_year(year: i32, days: &[CalendarDayInput]) -> Result<(), ApiError> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, day) in days.iter().enumerate() {
        if day.date.year() != year {
            problems.push(FieldError::new(format!("days[{i}].date"), "outside_year"));
        }
        if !seen.insert(day.date) {
            problems.push(FieldError::new(format!("days[{i}].date"), "duplicate_date"));
        }
        match day.kind.as_str() {
            KIND_HOLIDAY => {}
            KIND_MAKE_UP => {
                if !matches!(day.date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
                    problems.push(FieldError::new(format!("days[{i}].date"), "make_up_not_weekend"));
                }
            }
            _ => problems.push(FieldError::new(format!("days[{i}].kind"), "invalid_value")),
        }
        if day.name.trim().is_empty() || day.name.chars().count() > 64 {
            problems.push(FieldError::new(format!("days[{i}].name"), "length"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(ApiError::Validation(problems)) }
}

/// Parses an uploaded schedule: the JSON of the published notice (one year, or a file with `years`),
/// or CSV lines `date,kind,name`.
pub fn parse_import(year: i32, format: &str, content: &str) -> Result<Vec<CalendarDayInput>, ApiError> {
    let bad = |code: &str| ApiError::field("content", code);
    match format {
        "json" => {
            let value: serde_json::Value = serde_json::from_str(content).map_err(|_| bad("invalid_json"))?;
            let schedule_value = match value.get("years") {
                Some(years) => years.get(year.to_string()).cloned().ok_or_else(|| bad("year_missing"))?,
                None => value,
            };
            let schedule: YearSchedule = serde_json::from_value(schedule_value).map_err(|_| bad("invalid_format"))?;
            Ok(expand(&schedule)
                .into_iter()
                .map(|(date, o)| match o {
                    DayOverride::Holiday(name) => CalendarDayInput { date, kind: KIND_HOLIDAY.into(), name },
                    DayOverride::MakeUpWorkday(name) => CalendarDayInput { date, kind: KIND_MAKE_UP.into(), name },
                })
                .collect())
        }
        "csv" => {
            let mut out = Vec::new();
            for line in content.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                let cols: Vec<&str> = line.split(',').map(str::trim).collect();
                if cols.first().is_some_and(|c| c.eq_ignore_ascii_case("date")) {
                    continue;
                }
                let [date, kind, name] = cols.as_slice() else { return Err(bad("invalid_format")) };
                let date: NaiveDate = date.parse().map_err(|_| bad("invalid_format"))?;
                let kind = match *kind {
                    "holiday" | "休" | "放假" => KIND_HOLIDAY,
                    "make_up_workday" | "workday" | "班" | "上班" => KIND_MAKE_UP,
                    _ => return Err(bad("invalid_format")),
                };
                out.push(CalendarDayInput { date, kind: kind.into(), name: (*name).to_string() });
            }
            Ok(out)
        }
        _ => Err(ApiError::field("format", "invalid_value")),
    }
}

/// Replaces a county's schedule for one year, inside the caller's transaction.
pub async fn replace_year(
    tx: &impl ConnectionTrait,
    county_id: Uuid,
    year: i32,
    days: &[CalendarDayInput],
    source: &str,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    check_year(year, days)?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| ApiError::field("year", "range"))?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| ApiError::field("year", "range"))?;
    calendar_day::Entity::delete_many()
        .filter(calendar_day::Column::CountyId.eq(county_id))
        .filter(calendar_day::Column::Date.between(first, last))
        .exec(tx)
        .await?;
    if !days.is_empty() {
        let rows = days.iter().map(|d| calendar_day::ActiveModel {
            id: Set(Uuid::now_v7()),
            county_id: Set(county_id),
            date: Set(d.date),
            kind: Set(d.kind.clone()),
            name: Set(d.name.trim().to_string()),
            updated_at: Set(now),
        });
        calendar_day::Entity::insert_many(rows).exec_without_returning(tx).await?;
    }
    calendar_year::Entity::delete_many()
        .filter(calendar_year::Column::CountyId.eq(county_id))
        .filter(calendar_year::Column::Year.eq(year))
        .exec(tx)
        .await?;
    calendar_year::Entity::insert(calendar_year::ActiveModel {
        id: Set(Uuid::now_v7()),
        county_id: Set(county_id),
        year: Set(year),
        source: Set(source.chars().take(200).collect()),
        loaded_at: Set(now),
        loaded_by: Set(actor),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(())
}

/// Gives a new county the official schedules Gongkai ships with.
pub async fn seed_national(tx: &impl ConnectionTrait, county_id: Uuid, now: DateTime<Utc>) -> Result<(), ApiError> {
    let file: ScheduleFile = serde_json::from_str(NATIONAL).map_err(|e| ApiError::Internal(e.into()))?;
    let source = file.source.clone().unwrap_or_else(|| "State Council General Office".into());
    for (year, schedule) in &file.years {
        let year: i32 = year.parse().map_err(|e: std::num::ParseIntError| ApiError::Internal(e.into()))?;
        let days: Vec<CalendarDayInput> = expand(schedule)
            .into_iter()
            .map(|(date, o)| match o {
                DayOverride::Holiday(name) => CalendarDayInput { date, kind: KIND_HOLIDAY.into(), name },
                DayOverride::MakeUpWorkday(name) => CalendarDayInput { date, kind: KIND_MAKE_UP.into(), name },
            })
            .collect();
        replace_year(tx, county_id, year, &days, &source, None, now).await?;
    }
    Ok(())
}

/// The county a public request means: the one named, or the platform's first.
pub async fn resolve_county(db: &impl ConnectionTrait, county_id: Option<Uuid>) -> Result<county::Model, ApiError> {
    let found = match county_id {
        Some(id) => county::Entity::find_by_id(id).one(db).await?,
        None => county::Entity::find().order_by_asc(county::Column::CreatedAt).one(db).await?,
    };
    found.ok_or(ApiError::NotFound)
}

/// The days a year is counted on: its stored days once loaded; before that, the provisional
/// schedule with whatever the county has entered on top (second value `true`).
pub async fn effective_days_of_year(
    db: &impl ConnectionTrait,
    calendar: &WorkCalendar,
    county_id: Uuid,
    year: i32,
) -> Result<(Vec<CalendarDayInput>, bool), ApiError> {
    let stored = days_of_year(db, county_id, year).await?;
    if calendar.is_loaded(year) || !super::provisional::covers(year) {
        return Ok((stored, false));
    }
    let mut days: BTreeMap<NaiveDate, CalendarDayInput> = super::provisional::year(year)
        .into_iter()
        .map(|(date, name)| (date, CalendarDayInput { date, kind: KIND_HOLIDAY.into(), name }))
        .collect();
    days.extend(stored.into_iter().map(|d| (d.date, d)));
    Ok((days.into_values().collect(), true))
}

pub async fn days_of_year(
    db: &impl ConnectionTrait,
    county_id: Uuid,
    year: i32,
) -> Result<Vec<CalendarDayInput>, ApiError> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| ApiError::field("year", "range"))?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| ApiError::field("year", "range"))?;
    Ok(calendar_day::Entity::find()
        .filter(calendar_day::Column::CountyId.eq(county_id))
        .filter(calendar_day::Column::Date.between(first, last))
        .order_by_asc(calendar_day::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(|d| CalendarDayInput { date: d.date, kind: d.kind, name: d.name })
        .collect())
}

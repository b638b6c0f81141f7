use actix_web::{HttpRequest, get, post, put, web};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::service::{self, CalendarDayInput};
use super::{DueDateExplanation, MAX_PERIOD_DAYS, Period};
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::db::write_tx;
use crate::error::{ApiError, FieldError};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::policy::permissions::CalendarManage;
use crate::state::AppState;
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(due_date).service(list_years).service(get_year).service(put_year).service(import_year);
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DueDateQuery {
    /// The start date, `YYYY-MM-DD` (not counted: day 1 is the next working day).
    #[param(example = "2026-09-24")]
    pub from: String,
    /// A period in working days (give this or `calendar_days`).
    #[param(minimum = 0, maximum = 366)]
    pub working_days: Option<i64>,
    /// A period in calendar days; if it ends on a rest day it ends on the next working day.
    #[param(minimum = 0, maximum = 366)]
    pub calendar_days: Option<i64>,
    /// Whose calendar; the platform's first county when omitted.
    pub county_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CountyQuery {
    /// Whose calendar; the platform's first county (staff: their own) when omitted.
    pub county_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct YearStatus {
    pub year: i32,
    /// Whether the official schedule for this year has been loaded. A year that is not loaded is
    /// counted on its provisional schedule (the statutory days off of the national holiday measures,
    /// without 调休); due dates crossing it may move when the official schedule is loaded.
    pub loaded: bool,
    /// True when the days of this year are the provisional schedule, not an official one.
    pub provisional: bool,
    pub source: Option<String>,
    pub holidays: u32,
    pub make_up_workdays: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct YearCalendar {
    pub county_id: Uuid,
    pub year: i32,
    pub loaded: bool,
    /// True when `days` are the provisional schedule computed from the national holiday measures.
    pub provisional: bool,
    pub days: Vec<CalendarDayInput>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutYearRequest {
    /// Required for platform administrators; others edit their own county.
    pub county_id: Option<Uuid>,
    /// Every holiday and make-up working day of the year; replaces what was there.
    #[validate(length(max = 200, code = "length"), nested)]
    #[schema(max_items = 200)]
    pub days: Vec<CalendarDayInput>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportYearRequest {
    pub county_id: Option<Uuid>,
    /// `json` (the published notice's shape, one year or a file with `years`) or `csv`
    /// (`date,kind,name` with kind `holiday` or `make_up_workday`).
    #[schema(example = "json")]
    pub format: String,
    #[validate(length(min = 1, max = 200_000, code = "length"))]
    #[schema(min_length = 1, max_length = 200000)]
    pub content: String,
}

fn period_from(q: &DueDateQuery) -> Result<(NaiveDate, Period), ApiError> {
    let mut problems = Vec::new();
    let from = NaiveDate::parse_from_str(q.from.trim(), "%Y-%m-%d").ok();
    if from.is_none() {
        problems.push(FieldError::new("from", "invalid_format"));
    }
    let check = |name: &str, v: i64, problems: &mut Vec<FieldError>| -> Option<u32> {
        if v < 0 || v > i64::from(MAX_PERIOD_DAYS) {
            problems.push(FieldError::new(name, "range"));
            None
        } else {
            u32::try_from(v).ok()
        }
    };
    let period = match (q.working_days, q.calendar_days) {
        (Some(n), None) => check("working_days", n, &mut problems).map(Period::WorkingDays),
        (None, Some(n)) => check("calendar_days", n, &mut problems).map(Period::CalendarDays),
        (Some(_), Some(_)) => {
            problems.push(FieldError::new("calendar_days", "exactly_one_period"));
            None
        }
        (None, None) => {
            problems.push(FieldError::new("working_days", "exactly_one_period"));
            None
        }
    };
    match (from, period) {
        (Some(from), Some(period)) if problems.is_empty() => Ok((from, period)),
        _ => Err(ApiError::Validation(problems)),
    }
}

/// When is it due? The due date of a period in working or calendar days, with every day counted
/// and every day skipped (weekend, which holiday) and each make-up working day used.
#[utoipa::path(
    tag = "calendar",
    params(DueDateQuery),
    responses((status = 200, body = DueDateExplanation), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/calendar/due-date")]
pub async fn due_date(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: ValidatedQuery<DueDateQuery>,
) -> Result<web::Json<DueDateExplanation>, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "calendar").await?;
    let query = query.into_inner()?;
    let (from, period) = period_from(&query)?;
    let county = service::resolve_county(&state.db, query.county_id).await?;
    let calendar = service::load(&state.db, county.id).await?;
    Ok(web::Json(calendar.due_date(from, period, &[])))
}

/// Which years of the calendar are loaded (last year, this year, next year, and any other loaded).
#[utoipa::path(
    tag = "calendar",
    params(CountyQuery),
    responses((status = 200, body = Vec<YearStatus>), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/calendar/years")]
pub async fn list_years(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: ValidatedQuery<CountyQuery>,
) -> Result<web::Json<Vec<YearStatus>>, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "calendar").await?;
    let query = query.into_inner()?;
    let county = service::resolve_county(&state.db, query.county_id).await?;
    let years = entity::calendar_year::Entity::find()
        .filter(entity::calendar_year::Column::CountyId.eq(county.id))
        .all(&state.db)
        .await?;
    let this_year = beijing_today(state.time.now()).year();
    let mut wanted: std::collections::BTreeSet<i32> = years.iter().map(|y| y.year).collect();
    wanted.extend([this_year - 1, this_year, this_year + 1]);
    let calendar = service::load(&state.db, county.id).await?;
    let mut out = Vec::new();
    for year in wanted {
        let (days, provisional) = service::effective_days_of_year(&state.db, &calendar, county.id, year).await?;
        let loaded = years.iter().find(|y| y.year == year);
        out.push(YearStatus {
            year,
            loaded: calendar.is_loaded(year),
            provisional,
            source: loaded.map(|y| y.source.clone()),
            holidays: u32::try_from(days.iter().filter(|d| d.kind == service::KIND_HOLIDAY).count()).unwrap_or(0),
            make_up_workdays: u32::try_from(days.iter().filter(|d| d.kind == service::KIND_MAKE_UP).count())
                .unwrap_or(0),
        });
    }
    Ok(web::Json(out))
}

/// The holidays and make-up working days of one year.
#[utoipa::path(
    tag = "calendar",
    params(("year" = i32, Path, description = "The year", minimum = 2000, maximum = 2100), CountyQuery),
    responses((status = 200, body = YearCalendar), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/calendar/years/{year}")]
pub async fn get_year(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    query: ValidatedQuery<CountyQuery>,
) -> Result<web::Json<YearCalendar>, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "calendar").await?;
    let query = query.into_inner()?;
    let year = checked_year(path.into_inner())?;
    let county = service::resolve_county(&state.db, query.county_id).await?;
    let calendar = service::load(&state.db, county.id).await?;
    let (days, provisional) = service::effective_days_of_year(&state.db, &calendar, county.id, year).await?;
    Ok(web::Json(YearCalendar { county_id: county.id, year, loaded: calendar.is_loaded(year), provisional, days }))
}

fn checked_year(year: i32) -> Result<i32, ApiError> {
    if (2000..=2100).contains(&year) { Ok(year) } else { Err(ApiError::field("year", "range")) }
}

fn target_county(reach: &Reach, actor_county: Option<Uuid>, asked: Option<Uuid>) -> Result<Uuid, ApiError> {
    match reach {
        Reach::Platform => asked.ok_or_else(|| ApiError::field("county_id", "required")),
        _ => {
            let own = actor_county.ok_or(ApiError::Forbidden)?;
            match asked {
                Some(other) if other != own => Err(ApiError::NotFound),
                _ => Ok(own),
            }
        }
    }
}

async fn store_year(
    state: &AppState,
    auth: &Authorized<CalendarManage>,
    county_id: Uuid,
    year: i32,
    days: Vec<CalendarDayInput>,
    source: &str,
) -> Result<YearCalendar, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = service::days_of_year(&tx, county_id, year).await?;
    service::replace_year(&tx, county_id, year, &days, source, Some(auth.actor.user_id), now).await?;
    let after = service::days_of_year(&tx, county_id, year).await?;
    let mut clocks_moved = 0;
    for listener in state.calendar_listeners.iter() {
        clocks_moved += listener.year_changed(&tx, county_id, now).await?;
    }
    let record = AuditRecord::success("calendar.replace_year", "calendar_year", format!("{county_id}/{year}"))
        .in_county(Some(county_id))
        .with_summary(serde_json::json!({ "before": before, "after": after, "clocks_moved": clocks_moved }));
    crate::work::commit(tx, state, &auth.actor.audit_actor(), record, now).await?;
    Ok(YearCalendar { county_id, year, loaded: true, provisional: false, days: after })
}

/// Replace a year's holidays and make-up working days (the openness office's calendar editor).
#[utoipa::path(
    tag = "calendar",
    params(("year" = i32, Path, description = "The year", minimum = 2000, maximum = 2100)),
    request_body = PutYearRequest,
    responses((status = 200, body = YearCalendar), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CalendarManage::NAME)))
)]
#[put("/calendar/years/{year}")]
pub async fn put_year(
    auth: Authorized<CalendarManage>,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    body: ValidatedJson<PutYearRequest>,
) -> Result<web::Json<YearCalendar>, ApiError> {
    let body = body.into_inner()?;
    let year = checked_year(path.into_inner())?;
    let county = target_county(&auth.reach, auth.actor.county_id, body.county_id)?;
    service::resolve_county(&state.db, Some(county))
        .await
        .map_err(|_| ApiError::field("county_id", "invalid_value"))?;
    Ok(web::Json(store_year(&state, &auth, county, year, body.days, "edited in the console").await?))
}

/// Import a year's schedule from a file (JSON as published, or CSV).
#[utoipa::path(
    tag = "calendar",
    params(("year" = i32, Path, description = "The year", minimum = 2000, maximum = 2100)),
    request_body = ImportYearRequest,
    responses((status = 200, body = YearCalendar), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CalendarManage::NAME)))
)]
#[post("/calendar/years/{year}/import")]
pub async fn import_year(
    auth: Authorized<CalendarManage>,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    body: ValidatedJson<ImportYearRequest>,
) -> Result<web::Json<YearCalendar>, ApiError> {
    let body = body.into_inner()?;
    let year = checked_year(path.into_inner())?;
    let county = target_county(&auth.reach, auth.actor.county_id, body.county_id)?;
    service::resolve_county(&state.db, Some(county))
        .await
        .map_err(|_| ApiError::field("county_id", "invalid_value"))?;
    let days = service::parse_import(year, body.format.as_str(), &body.content)?;
    let source = format!("imported {} file", body.format);
    Ok(web::Json(store_year(&state, &auth, county, year, days, &source).await?))
}

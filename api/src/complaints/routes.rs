//! The portal's complaint form and tracking page, and the openness office's handling.

use std::collections::{BTreeMap, HashMap};

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::OversightFunction;
use entity::{complaint, unit};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{ANSWER, ANSWER_WORKING_DAYS, COMPLAINT};
use crate::audit::{AuditKey, AuditRecord};
use crate::auth::{Authorized, Reach};
use crate::calendar::Period;
use crate::clocks::{self, Label, NewClock, Subject};
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::paging::YearQuery;
use crate::policy::permissions::ComplaintHandle;
use crate::state::AppState;
use crate::tenancy::UnitRef;
use crate::text::tidy;
use crate::time::beijing_today;

const SUBJECT: &str = "complaint";
const SECRET_HEADER: &str = "X-Tracking-Secret";

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(file_complaint)
        .service(track_complaint)
        .service(list_complaints)
        .service(answer_complaint)
        .service(complaint_statistics);
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplaintRequest {
    /// The unit complained about.
    pub unit_id: Uuid,
    #[validate(length(min = 1, max = 100, code = "length"))]
    #[schema(min_length = 1, max_length = 100)]
    pub complainant: String,
    /// A telephone number or an address to answer at.
    #[validate(length(min = 5, max = 100, code = "length"))]
    #[schema(min_length = 5, max_length = 100)]
    pub contact: String,
    #[validate(email(code = "email"), length(max = 254, code = "length"))]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[validate(length(min = 2, max = 200, code = "length"))]
    #[schema(min_length = 2, max_length = 200)]
    pub subject: String,
    #[validate(length(min = 10, max = 5000, code = "length"))]
    #[schema(min_length = 10, max_length = 5000)]
    pub details: String,
}

/// What the complainant is given: keep both to read the answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintReceipt {
    pub code: String,
    pub secret: String,
    pub received_on: NaiveDate,
    pub answer_by: NaiveDate,
}

/// A complaint as the complainant sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintStatus {
    pub code: String,
    pub unit_name: String,
    pub subject: String,
    pub received_on: NaiveDate,
    pub answer_by: Option<NaiveDate>,
    /// `open` or `answered`.
    pub status: String,
    pub finding: Option<String>,
    pub answer: Option<String>,
    pub answered_on: Option<NaiveDate>,
}

/// A complaint as the openness office handles it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintView {
    pub id: Uuid,
    pub code: String,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub complainant: String,
    pub contact: String,
    pub email: Option<String>,
    pub subject: String,
    pub details: String,
    pub received_on: NaiveDate,
    pub answer_by: Option<NaiveDate>,
    pub status: String,
    pub finding: Option<String>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

fn secret_for(key: &AuditKey, id: Uuid) -> String {
    crate::tracking::secret(key, "complaint-secret", id)
}

fn subject_of(c: &complaint::Model) -> Subject {
    Subject::new(COMPLAINT, c.id, UnitRef::owning_row(c.office_unit_id, c.county_id))
}

async fn due_of(db: &impl ConnectionTrait, c: &complaint::Model) -> Result<Option<NaiveDate>, ApiError> {
    Ok(clocks::find(db, &subject_of(c), &ANSWER).await?.map(|k| k.due_date))
}

/// Files a complaint about a unit's disclosure work with the county's openness office.
#[utoipa::path(
    tag = "portal",
    request_body = ComplaintRequest,
    responses((status = 201, body = ComplaintReceipt), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[post("/public/complaints")]
pub async fn file_complaint(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<ComplaintRequest>,
) -> Result<HttpResponse, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "complaint").await?;
    let body = body.into_inner()?;
    let about = unit::Entity::find_by_id(body.unit_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::field("unit_id", "invalid_reference"))?;
    let office = crate::units::people::function_unit(&state.db, about.county_id, OversightFunction::OpennessOffice)
        .await?
        .ok_or_else(|| ApiError::field("unit_id", "invalid_reference"))?;
    let now = state.time.now();
    let today = beijing_today(now);
    let row = complaint::Model {
        id: Uuid::now_v7(),
        county_id: about.county_id,
        unit_id: about.id,
        office_unit_id: office.id,
        code: crate::tracking::new_code(&format!("TS{}", today.format("%Y"))),
        complainant: tidy(&body.complainant),
        contact: tidy(&body.contact),
        email: body.email.as_deref().map(tidy).filter(|e| !e.is_empty()),
        subject: tidy(&body.subject),
        details: tidy(&body.details),
        received_on: today,
        status: "open".into(),
        finding: None,
        answer: None,
        answered_by: None,
        answered_at: None,
        created_at: now,
    };
    let actor = crate::audit::AuditActor {
        user_id: None,
        name: "complainant (portal)".into(),
        request_id: crate::context::RequestMeta::from_request(&req, &state.settings).request_id,
        client_ip: crate::context::client_ip(&req, state.settings.trust_forwarded_for),
    };
    let receipt = crate::work::run(&state, &actor, now, async |tx| {
        complaint::Entity::insert(complaint::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
        let mut subject: String = row.subject.chars().take(24).collect();
        if row.subject.chars().count() > 24 {
            subject.push('…');
        }
        let clock = clocks::start(
            tx,
            &subject_of(&row),
            NewClock {
                kind: &ANSWER,
                legal_basis: "条例第四十七条、第五十一条；本县投诉办理期限".into(),
                start: today,
                period: Period::WorkingDays(ANSWER_WORKING_DAYS),
                assignee: None,
                label: Label::new(format!("投诉 {} · {}", row.code, subject), Some("/console/complaints".into())),
            },
            now,
        )
        .await?;
        let rec = AuditRecord::success("complaint.file", SUBJECT, row.id)
            .in_unit(row.county_id, row.office_unit_id)
            .with_summary(serde_json::json!({ "code": row.code, "about": row.unit_id }));
        let receipt = ComplaintReceipt {
            code: row.code.clone(),
            secret: secret_for(&state.audit_key, row.id),
            received_on: today,
            answer_by: clock.due_date,
        };
        Ok((receipt, rec))
    })
    .await?;
    Ok(HttpResponse::Created().json(receipt))
}

/// The complaint and its answer, for the complainant (the tracking code and its secret).
#[utoipa::path(
    tag = "portal",
    params(("complaint_code" = String, Path), ("X-Tracking-Secret" = String, Header, description = "The secret given when filing")),
    responses((status = 200, body = ComplaintStatus), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/complaints/{complaint_code}")]
pub async fn track_complaint(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<ComplaintStatus>, ApiError> {
    crate::limiter::check_public_rate(&state, &req, "track").await?;
    let code = path.into_inner().trim().to_ascii_uppercase();
    let given =
        req.headers().get(SECRET_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("").trim().to_ascii_uppercase();
    let c = complaint::Entity::find().filter(complaint::Column::Code.eq(code)).one(&state.db).await?;
    // A wrong secret answers exactly like an unknown code.
    let c = c
        .filter(|c| crate::tracking::secret_matches(&state.audit_key, "complaint-secret", c.id, &given))
        .ok_or(ApiError::NotFound)?;
    let unit_name = unit::Entity::find_by_id(c.unit_id).one(&state.db).await?.map(|u| u.name).unwrap_or_default();
    let answer_by = due_of(&state.db, &c).await?;
    Ok(web::Json(ComplaintStatus {
        code: c.code,
        unit_name,
        subject: c.subject,
        received_on: c.received_on,
        answer_by,
        status: c.status,
        finding: c.finding,
        answer: c.answer,
        answered_on: c.answered_at.map(beijing_today),
    }))
}

fn county_of(auth: &Authorized<ComplaintHandle>) -> Result<Uuid, ApiError> {
    match &auth.reach {
        Reach::County(c) => Ok(*c),
        _ => auth.actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None)),
    }
}

async fn views(db: &impl ConnectionTrait, rows: Vec<complaint::Model>) -> Result<Vec<ComplaintView>, ApiError> {
    let names: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(rows.iter().map(|c| c.unit_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let answer_by = due_of(db, &c).await?;
        out.push(ComplaintView {
            id: c.id,
            code: c.code,
            unit_id: c.unit_id,
            unit_name: names.get(&c.unit_id).cloned().unwrap_or_default(),
            complainant: c.complainant,
            contact: c.contact,
            email: c.email,
            subject: c.subject,
            details: c.details,
            received_on: c.received_on,
            answer_by,
            status: c.status,
            finding: c.finding,
            answer: c.answer,
            answered_at: c.answered_at,
        });
    }
    Ok(out)
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct ComplaintQuery {
        /// `open` or `answered`.
        #[validate(length(max = 16, code = "length"))]
        #[param(max_length = 16)]
        pub status: Option<String>,
        pub unit_id: Option<Uuid>,
    }
}

/// The county's complaints, newest first.
#[utoipa::path(
    tag = "complaints",
    params(ComplaintQuery),
    responses((status = 200, body = Page<ComplaintView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ComplaintHandle::NAME)))
)]
#[get("/complaints")]
pub async fn list_complaints(
    auth: Authorized<ComplaintHandle>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ComplaintQuery>,
) -> Result<web::Json<Page<ComplaintView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = complaint::Entity::find().filter(complaint::Column::CountyId.eq(county_of(&auth)?));
    if let Some(s) = &q.status {
        select = select.filter(complaint::Column::Status.eq(s.clone()));
    }
    if let Some(u) = q.unit_id {
        select = select.filter(complaint::Column::UnitId.eq(u));
    }
    let (rows, total) = paging.rows(select.order_by_desc(complaint::Column::CreatedAt), &state.db).await?;
    Ok(web::Json(paging.page_of(views(&state.db, rows).await?, total)))
}

/// What the investigation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Upheld,
    PartlyUpheld,
    NotUpheld,
}

impl Finding {
    fn as_str(self) -> &'static str {
        match self {
            Self::Upheld => "upheld",
            Self::PartlyUpheld => "partly_upheld",
            Self::NotUpheld => "not_upheld",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplaintAnswer {
    pub finding: Finding,
    /// What was investigated, found and done, as the complainant reads it.
    #[validate(length(min = 10, max = 5000, code = "length"))]
    #[schema(min_length = 10, max_length = 5000)]
    pub answer: String,
}

/// The openness office answers a complaint; its period ends, met or missed by the date.
#[utoipa::path(
    tag = "complaints",
    params(("complaint_id" = Uuid, Path)),
    request_body = ComplaintAnswer,
    responses((status = 200, body = ComplaintView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ComplaintHandle::NAME)))
)]
#[post("/complaints/{complaint_id}/answer")]
pub async fn answer_complaint(
    auth: Authorized<ComplaintHandle>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<ComplaintAnswer>,
) -> Result<web::Json<ComplaintView>, ApiError> {
    let body = body.into_inner()?;
    let county = county_of(&auth)?;
    let now = state.time.now();
    let id = path.into_inner();
    let c = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let c = complaint::Entity::find_by_id(id)
            .filter(complaint::Column::CountyId.eq(county))
            .one(tx)
            .await?
            .ok_or(ApiError::NotFound)?;
        if c.status != "open" {
            return Err(ApiError::Rule(ErrorCode::FindingNotOpen, None));
        }
        clocks::end(tx, &subject_of(&c), &ANSWER, clocks::Ending::Complete, now).await?;
        let mut active: complaint::ActiveModel = c.into();
        active.status = Set("answered".into());
        active.finding = Set(Some(body.finding.as_str().into()));
        active.answer = Set(Some(tidy(&body.answer)));
        active.answered_by = Set(Some(auth.actor.user_id));
        active.answered_at = Set(Some(now));
        let c = sea_orm::ActiveModelTrait::update(active, tx).await?;
        let rec = AuditRecord::success("complaint.answer", SUBJECT, c.id)
            .in_unit(c.county_id, c.office_unit_id)
            .with_summary(serde_json::json!({ "finding": c.finding }));
        Ok((c, rec))
    })
    .await?;
    Ok(web::Json(views(&state.db, vec![c]).await?.remove(0)))
}

/// One unit's complaints of a year, for the assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitComplaints {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub received: u64,
    pub upheld: u64,
    pub partly_upheld: u64,
    pub not_upheld: u64,
    pub answered_in_time: u64,
    pub answered_late: u64,
    pub open: u64,
}

/// Complaints received in a year about each unit: findings, and whether they were answered in time.
#[utoipa::path(
    tag = "complaints",
    params(YearQuery),
    responses((status = 200, body = Vec<UnitComplaints>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ComplaintHandle::NAME)))
)]
#[get("/statistics/complaints")]
pub async fn complaint_statistics(
    auth: Authorized<ComplaintHandle>,
    state: web::Data<AppState>,
    query: ValidatedQuery<YearQuery>,
) -> Result<web::Json<Vec<UnitComplaints>>, ApiError> {
    let q = query.into_inner()?;
    let county = county_of(&auth)?;
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(q.year, 1, 1), NaiveDate::from_ymd_opt(q.year, 12, 31))
    else {
        return Err(ApiError::field("year", "range"));
    };
    let rows = complaint::Entity::find()
        .filter(complaint::Column::CountyId.eq(county))
        .filter(complaint::Column::ReceivedOn.between(first, last))
        .all(&state.db)
        .await?;
    let mut by_unit: BTreeMap<Uuid, UnitComplaints> = BTreeMap::new();
    for c in &rows {
        let clock = clocks::find(&state.db, &subject_of(c), &ANSWER).await?;
        let line =
            by_unit.entry(c.unit_id).or_insert_with(|| UnitComplaints { unit_id: c.unit_id, ..Default::default() });
        line.received += 1;
        match c.finding.as_deref() {
            Some("upheld") => line.upheld += 1,
            Some("partly_upheld") => line.partly_upheld += 1,
            Some(_) => line.not_upheld += 1,
            None => line.open += 1,
        }
        match clock.map(|k| k.state) {
            Some(entity::enums::ClockState::Met) => line.answered_in_time += 1,
            Some(entity::enums::ClockState::Missed) => line.answered_late += 1,
            _ => {}
        }
    }
    let names: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(by_unit.keys().copied().collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut out: Vec<UnitComplaints> = by_unit
        .into_values()
        .map(|mut l| {
            l.unit_name = names.get(&l.unit_id).cloned().unwrap_or_default();
            l
        })
        .collect();
    out.sort_by(|a, b| a.unit_name.cmp(&b.unit_name));
    Ok(web::Json(out))
}

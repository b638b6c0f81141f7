//! Across units: the openness office reads every unit's applications (masked), watches the lists of
//! due-soon and overdue ones and sends supervision notices (督办); the secrecy bureau answers the
//! referrals sent to it.

use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDate;
use entity::enums::{ApplicationStatus, ConsultationStatus, ConsultedParty, OversightFunction};
use entity::{application, application_consultation, supervision_notice};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::read::summaries;
use super::service;
use super::views::{ApplicationSummary, ConsultationView, Disclosure, SupervisionView};
use super::{APPLICATION, REPLY, SIGN, SUBJECT};
use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::calendar::service as calendar;
use crate::clocks;
use crate::db::write_tx;
use crate::error::ApiError;
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::notify::{self, Notice};
use crate::openapi::ErrorResponses;
use crate::paging::{Page, Paging};
use crate::policy::permissions::{ApplicationRead, ApplicationSupervise, ReferralAnswer};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_county_applications)
        .service(send_supervision)
        .service(list_supervision)
        .service(list_referrals)
        .service(answer_referral);
}

/// The supervision lists of the openness office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Watch {
    /// Open, due within the next three working days.
    DueSoon,
    /// Open and past the due date.
    OverdueUnhandled,
    /// Answered, but after the due date.
    OverdueHandled,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct CountyQuery {
        #[param(inline)]
        pub watch: Option<Watch>,
        pub unit_id: Option<Uuid>,
        #[param(inline)]
        pub status: Option<ApplicationStatus>,
        pub art35: Option<bool>,
    }
}

/// Every application within the caller's reach, read-only, with personal data masked; or one of the
/// supervision lists.
#[utoipa::path(
    tag = "applications",
    params(CountyQuery),
    responses((status = 200, body = Page<ApplicationSummary>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/applications")]
pub async fn list_county_applications(
    auth: Authorized<ApplicationRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<CountyQuery>,
) -> Result<web::Json<Page<ApplicationSummary>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let now = state.time.now();
    let today = beijing_today(now);
    // Lists never carry whole personal data (the handling unit sees it on the application itself).
    let disclose = |_: &application::Model| Disclosure::Masked;

    if let Some(watch) = q.watch {
        let watch = match watch {
            Watch::DueSoon => {
                let county = auth.actor.county_id.unwrap_or_default();
                let cal = calendar::load(&state.db, county).await?;
                let mut horizon = today;
                for _ in 0..3 {
                    horizon = cal.next_working_day(horizon);
                }
                clocks::Watch::DueBetween { today, until: horizon }
            }
            Watch::OverdueUnhandled => clocks::Watch::OverdueOn(today),
            Watch::OverdueHandled => clocks::Watch::Missed,
        };
        let (clock_rows, total) =
            clocks::watch_page(&state.db, &auth.reach, q.unit_id, APPLICATION, &[&SIGN, &REPLY], watch, paging).await?;
        let ids: Vec<Uuid> = clock_rows.iter().filter_map(|c| Uuid::parse_str(&c.subject_id).ok()).collect();
        let mut rows = application::Entity::find_within(&auth.reach)
            .filter(application::Column::Id.is_in(ids.clone()))
            .all(&state.db)
            .await?;
        rows.sort_by_key(|a| ids.iter().position(|i| *i == a.id));
        let items = summaries(&state.db, rows, disclose, now).await?;
        return Ok(web::Json(paging.page_of(items, total)));
    }

    let mut select = application::Entity::find_within(&auth.reach);
    if let Some(u) = q.unit_id {
        select = select.filter(application::Column::UnitId.eq(u));
    }
    if let Some(s) = q.status {
        select = select.filter(application::Column::Status.eq(s));
    }
    if q.art35 == Some(true) {
        select = select.filter(application::Column::Art35Flag.eq(true));
    }
    let (rows, total) = paging
        .rows(select.order_by_desc(application::Column::SubmittedAt).order_by_desc(application::Column::Id), &state.db)
        .await?;
    let items = summaries(&state.db, rows, disclose, now).await?;
    Ok(web::Json(paging.page_of(items, total)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRequest {
    /// The application concerned, if the notice is about one.
    pub application_id: Option<Uuid>,
    #[validate(length(min = 2, max = 3000, code = "length"))]
    #[schema(min_length = 2, max_length = 3000)]
    pub message: String,
    /// When the unit must report back.
    pub respond_by: Option<NaiveDate>,
}

/// 督办: the openness office tells a unit to act; it lands in the unit's inbox and on the record.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path)),
    request_body = SupervisionRequest,
    responses((status = 201, body = SupervisionView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationSupervise::NAME)))
)]
#[post("/units/{unit_id}/supervision-notices")]
pub async fn send_supervision(
    scope: UnitScope<ApplicationSupervise>,
    state: web::Data<AppState>,
    body: ValidatedJson<SupervisionRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    if body.respond_by.is_some_and(|d| d < beijing_today(now)) {
        return Err(ApiError::field("respond_by", "in_past"));
    }
    let tx = write_tx(&state.db).await?;
    let application = match body.application_id {
        Some(id) => Some(
            application::Entity::find_in(scope.unit_ref())
                .filter(application::Column::Id.eq(id))
                .one(&tx)
                .await?
                .ok_or(ApiError::field("application_id", "not_found"))?,
        ),
        None => None,
    };
    let office = crate::units::people::function_unit(&tx, scope.unit.county_id, OversightFunction::OpennessOffice)
        .await?
        .ok_or(ApiError::Forbidden)?;
    let notice = supervision_notice::Model {
        id: Uuid::now_v7(),
        county_id: scope.unit.county_id,
        unit_id: scope.unit.id,
        application_id: application.as_ref().map(|a| a.id),
        from_unit_id: office.id,
        message: body.message.trim().to_string(),
        respond_by: body.respond_by,
        created_by: scope.actor.user_id,
        created_at: now,
    };
    supervision_notice::Entity::insert(supervision_notice::ActiveModel::from(notice.clone()))
        .exec_without_returning(&tx)
        .await?;
    let base = state.settings.public_base_url.trim_end_matches('/');
    let link = match &application {
        Some(a) => format!("{base}/console/units/{}/applications/{}", a.unit_id, a.id),
        None => format!("{base}/console/inbox"),
    };
    for person in crate::units::people::members(&tx, scope.unit.id, None).await? {
        let n = Notice {
            kind: "application_supervision",
            context: serde_json::json!({
                "recipient_name": person.display_name, "office_name": office.name, "unit_name": scope.unit.name,
                "tracking_code": application.as_ref().map(|a| a.tracking_code.clone()).unwrap_or_default(),
                "message": notice.message, "respond_by": notice.respond_by.map(|d| d.to_string()).unwrap_or_default(),
                "link": link,
            }),
            subject_type: Some(if application.is_some() { SUBJECT.into() } else { "unit".into() }),
            subject_id: Some(application.as_ref().map_or(scope.unit.id, |a| a.id).to_string()),
            link: Some(link.clone()),
            legal: false,
        };
        notify::deliver(&tx, &state.settings.public_base_url, &person, &n, now).await?;
    }
    let record = AuditRecord::success("application.supervise", "supervision_notice", notice.id)
        .in_unit(notice.county_id, notice.unit_id)
        .with_summary(serde_json::json!({ "application_id": notice.application_id, "respond_by": notice.respond_by }));
    crate::work::commit(tx, &state, &scope.actor.audit_actor(), record, now).await?;
    Ok(HttpResponse::Created().json(SupervisionView::from(notice)))
}

/// The supervision notices a unit received, newest first.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), Paging),
    responses((status = 200, body = Page<SupervisionView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/units/{unit_id}/supervision-notices")]
pub async fn list_supervision(
    scope: UnitScope<ApplicationRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<Paging>,
) -> Result<web::Json<Page<SupervisionView>>, ApiError> {
    let paging = query.into_inner()?;
    let select = supervision_notice::Entity::find_in(scope.unit_ref())
        .order_by_desc(supervision_notice::Column::CreatedAt)
        .order_by_desc(supervision_notice::Column::Id);
    Ok(web::Json(Page::fetch(select, &state.db, paging, Into::into).await?))
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct ReferralQuery {
        /// `open`, `answered` or `lapsed`.
        #[validate(length(max = 16, code = "length"))]
        #[param(max_length = 16)]
        pub status: Option<String>,
    }
}

/// The secrecy referrals sent to the bureau (SR 10: answered within 5 working days).
#[utoipa::path(
    tag = "applications",
    params(ReferralQuery),
    responses((status = 200, body = Page<ConsultationView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ReferralAnswer::NAME)))
)]
#[get("/referrals")]
pub async fn list_referrals(
    auth: Authorized<ReferralAnswer>,
    state: web::Data<AppState>,
    query: ValidatedQuery<ReferralQuery>,
) -> Result<web::Json<Page<ConsultationView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let bureaus = crate::units::people::secrecy_bureaus(&state.db, &auth.reach, auth.actor.county_id).await?;
    let mut select = application_consultation::Entity::find_within(&auth.reach)
        .filter(application_consultation::Column::Party.eq(ConsultedParty::SecrecyBureau))
        .filter(application_consultation::Column::TargetUnitId.is_in(bureaus.clone()));
    if let Some(s) = q.status {
        // An unknown status matches no referral.
        select =
            select.filter(application_consultation::Column::Status.is_in(ConsultationStatus::try_from_value(&s).ok()));
    }
    let (rows, total) =
        paging.rows(select.order_by_desc(application_consultation::Column::CreatedAt), &state.db).await?;
    let dues = service::consultation_dues(&state.db, &Reach::Units(bureaus), &rows).await?;
    let items = rows
        .into_iter()
        .map(|c| {
            let due = dues.get(&c.id).copied();
            ConsultationView::new(c, due)
        })
        .collect();
    Ok(web::Json(paging.page_of(items, total)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralAnswerRequest {
    /// The bureau's opinion on whether the information may be disclosed.
    #[validate(length(min = 2, max = 5000, code = "length"))]
    #[schema(min_length = 2, max_length = 5000)]
    pub answer: String,
}

/// The bureau answers a referral; the asking unit's reply clock runs again.
#[utoipa::path(
    tag = "applications",
    params(("consultation_id" = Uuid, Path)),
    request_body = ReferralAnswerRequest,
    responses((status = 200, body = ConsultationView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ReferralAnswer::NAME)))
)]
#[post("/referrals/{consultation_id}/answer")]
pub async fn answer_referral(
    auth: Authorized<ReferralAnswer>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<ReferralAnswerRequest>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let bureaus = crate::units::people::secrecy_bureaus(&state.db, &auth.reach, auth.actor.county_id).await?;
    let tx = write_tx(&state.db).await?;
    let referral = application_consultation::Entity::find_within(&auth.reach)
        .filter(application_consultation::Column::Id.eq(path.into_inner()))
        .filter(application_consultation::Column::Party.eq(ConsultedParty::SecrecyBureau))
        .filter(application_consultation::Column::TargetUnitId.is_in(bureaus))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    // The bureau reaches the asking unit's application only to answer this referral.
    let asking = UnitRef::owning_row(referral.unit_id, referral.county_id);
    let referral_id = referral.id;
    let bureau_id = referral.target_unit_id.unwrap_or(referral.unit_id);
    let app = service::close_consultation(
        &tx,
        asking,
        referral,
        Some(&body.answer),
        false,
        beijing_today(now),
        auth.actor.user_id,
        now,
    )
    .await?;
    let record = AuditRecord::success("referral.answer", "consultation", referral_id)
        .in_unit(app.county_id, bureau_id)
        .with_summary(serde_json::json!({ "application_id": app.id, "clock_kind": super::REFERRAL_ANSWER.code }));
    crate::work::commit(tx, &state, &auth.actor.audit_actor(), record, now).await?;
    // The bureau sees the referral it answered, not the application behind it.
    let answered = application_consultation::Entity::find_within(&auth.reach)
        .filter(application_consultation::Column::Id.eq(referral_id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(web::Json(ConsultationView::new(answered, None)))
}

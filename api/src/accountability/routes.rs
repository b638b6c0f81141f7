use actix_web::{HttpResponse, get, post, put, web};
use base64::Engine;
use chrono::Datelike;
use entity::enums::CaseStatus;
use entity::{case, case_circulation, case_evidence, case_filing, case_party};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::requests::*;
use super::service;
use super::stats::{self, StatsQuery, UnitYearStats};
use super::steps::{self, view};
use super::views::{CaseSummary, CaseView, MyCaseView, party_view};
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::{Page, Paging};
use crate::policy::permissions::{CaseApprove, CaseDecide, CaseOpen, CaseRead, CaseReport, CaseRespond};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope};
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_cases)
        .service(case_stats)
        .service(my_cases)
        .service(open_case)
        .service(get_case)
        .service(set_allocation)
        .service(set_circumstances)
        .service(set_measures)
        .service(approve_case)
        .service(open_hearing)
        .service(give_statement)
        .service(decide_case)
        .service(close_case)
        .service(decide_sanction)
        .service(add_evidence)
        .service(download_evidence)
        .service(file_remedy)
        .service(decide_filing)
        .service(extend_appeal)
        .service(unit_cases)
        .service(unit_circulated);
}

/// Cases the caller may see, newest first.
#[utoipa::path(
    tag = "cases",
    params(CaseQuery),
    responses((status = 200, body = Page<CaseSummary>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRead::NAME)))
)]
#[get("/cases")]
pub async fn list_cases(
    auth: Authorized<CaseRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<CaseQuery>,
) -> Result<web::Json<Page<CaseSummary>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = service::visible(case::Entity::find(), &auth.reach, &auth.actor);
    if let Some(s) = q.status {
        // An unknown status matches no case.
        select = select.filter(case::Column::Status.is_in(CaseStatus::try_from_value(&s).ok()));
    }
    let select = select.order_by_desc(case::Column::CreatedAt).order_by_desc(case::Column::Id);
    Ok(web::Json(Page::fetch(select, &state.db, paging, Into::into).await?))
}

/// One case, whole.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRead::NAME)))
)]
#[get("/cases/{case_id}")]
pub async fn get_case(
    auth: Authorized<CaseRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CaseView>, ApiError> {
    let c = service::find_visible(&state.db, &auth.reach, &auth.actor, path.into_inner()).await?;
    Ok(web::Json(view(&state, &state.db, c).await?))
}

/// Open a case by hand or from a violation lead (AC 4). The AC 9 allocation is proposed at once
/// from the approval trail of the linked subjects.
#[utoipa::path(
    tag = "cases",
    request_body = OpenCaseRequest,
    responses((status = 201, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseOpen::NAME)))
)]
#[post("/cases")]
pub async fn open_case(
    auth: Authorized<CaseOpen>,
    state: web::Data<AppState>,
    body: ValidatedJson<OpenCaseRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::open(tx, &state, &auth, body, now).await
    })
    .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Settle who bears responsibility. Any change to the AC 9 proposal needs a written reason.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = AllocationRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[put("/cases/{case_id}/allocation")]
pub async fn set_allocation(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<AllocationRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let after = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::allocate(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(after))
}

/// Record the mitigating (AC 10) and aggravating (AC 11) circumstances, replacing earlier ones.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = CircumstancesRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[put("/cases/{case_id}/circumstances")]
pub async fn set_circumstances(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<CircumstancesRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let after = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::record_circumstances(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(after))
}

/// Set the severity and measures, checked against AC 8. A departure needs a reason; a major case
/// goes to the county government for approval.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = MeasuresRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[put("/cases/{case_id}/measures")]
pub async fn set_measures(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<MeasuresRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let after = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::set_measures(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(after))
}

/// The county government approves (or rejects) the handling of a major case (AC 8).
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = ApprovalRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseApprove::NAME)))
)]
#[post("/cases/{case_id}/approval")]
pub async fn approve_case(
    auth: Authorized<CaseApprove>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<ApprovalRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::approve(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// Notify the people and units concerned of the hearing (AC 12), with the deadline for their
/// statement and defence.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = HearingRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[post("/cases/{case_id}/hearing")]
pub async fn open_hearing(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<HearingRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::open_hearing(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// A person concerned (or a leader of a unit concerned) submits the statement and defence.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = StatementRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRespond::NAME)))
)]
#[post("/cases/{case_id}/statements")]
pub async fn give_statement(
    auth: Authorized<CaseRespond>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<StatementRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::give_statement(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// Issue the decision: each person and unit concerned is emailed the decision, the measures, the
/// reasons, and their rights and deadlines to seek review or appeal.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = DecisionRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[post("/cases/{case_id}/decision")]
pub async fn decide_case(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<DecisionRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::decide(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// Close the case without measures: exempted from handling under AC 10 (a mitigating circumstance
/// must be on record) or no violation found (AC 5), with the reasons; the people and units
/// concerned are told.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = ClosureRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[post("/cases/{case_id}/closure")]
pub async fn close_case(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<ClosureRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::close(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// The body with authority over the person (county government as appointing body, or supervisory
/// commission) records its decision on a sanction the deciding body recommended.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case"), ("party_id" = Uuid, Path, description = "The person")),
    request_body = SanctionDecisionRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::CaseSanction::NAME)))
)]
#[post("/cases/{case_id}/parties/{party_id}/sanction")]
pub async fn decide_sanction(
    auth: Authorized<crate::policy::permissions::CaseSanction>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<SanctionDecisionRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::decide_sanction(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// Add evidence: a small file (kept in the database) or a reference.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = EvidenceRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[post("/cases/{case_id}/evidence")]
pub async fn add_evidence(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<EvidenceRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::add_evidence(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// Download an evidence file.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case"), ("evidence_id" = Uuid, Path, description = "The file")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRead::NAME)))
)]
#[get("/cases/{case_id}/evidence/{evidence_id}")]
pub async fn download_evidence(
    auth: Authorized<CaseRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (case_id, evidence_id) = path.into_inner();
    let c = service::find_visible(&state.db, &auth.reach, &auth.actor, case_id).await?;
    let e = case_evidence::Entity::find_by_id(evidence_id)
        .filter(case_evidence::Column::CaseId.eq(c.id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let content = e.content.ok_or(ApiError::NotFound)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|err| ApiError::Internal(anyhow::anyhow!("stored evidence is not base64: {err}")))?;
    let name = e.file_name.unwrap_or_else(|| "evidence".into());
    let kind = e.content_type.unwrap_or_else(|| "application/octet-stream".into());
    Ok(crate::download::attachment(&kind, &name, bytes))
}

/// A person concerned files a review (复核) with the deciding body or an appeal (申诉) to the body
/// above, within the limits of DOMAIN.md §7. The decision stays in force meanwhile.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case")),
    request_body = FilingRequest,
    responses((status = 201, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRespond::NAME)))
)]
#[post("/cases/{case_id}/filings")]
pub async fn file_remedy(
    auth: Authorized<CaseRespond>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<FilingRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::file_remedy(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Decide a review or appeal. The outcome can never be heavier than the decision (AC 12).
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case"), ("filing_id" = Uuid, Path, description = "The review or appeal")),
    request_body = FilingDecisionRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[post("/cases/{case_id}/filings/{filing_id}/decision")]
pub async fn decide_filing(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<FilingDecisionRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::decide_filing(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// A complex appeal under the Civil Servant Law may be decided within 90 days instead of 60 (Art.
/// 95): once, by the body deciding it, with the appellant told the new date.
#[utoipa::path(
    tag = "cases",
    params(("case_id" = Uuid, Path, description = "The case"), ("filing_id" = Uuid, Path, description = "The appeal")),
    request_body = ComplexAppealRequest,
    responses((status = 200, body = CaseView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseDecide::NAME)))
)]
#[post("/cases/{case_id}/filings/{filing_id}/complex")]
pub async fn extend_appeal(
    auth: Authorized<CaseDecide>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ComplexAppealRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let out = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        steps::extend_appeal_as_complex(tx, &state, &auth, path.into_inner(), body, now).await
    })
    .await?;
    Ok(web::Json(out))
}

/// Cases naming the caller as a person concerned, or a unit the caller leads as a unit concerned
/// (AC 12), each with its own part and remedies.
#[utoipa::path(
    tag = "cases",
    responses((status = 200, body = Vec<MyCaseView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRespond::NAME)))
)]
#[get("/my/cases")]
pub async fn my_cases(
    auth: Authorized<CaseRespond>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<MyCaseView>>, ApiError> {
    let led: Vec<Uuid> = state
        .policy
        .memberships(auth.actor.user_id)
        .iter()
        .filter(|m| m.role == entity::enums::UnitRole::Leader)
        .map(|m| m.unit_id)
        .collect();
    let mut mine =
        case_party::Entity::find().filter(case_party::Column::UserId.eq(auth.actor.user_id)).all(&state.db).await?;
    mine.extend(
        case_party::Entity::find()
            .filter(case_party::Column::Kind.eq(entity::enums::PartyKind::Unit))
            .filter(case_party::Column::UnitId.is_in(led))
            .all(&state.db)
            .await?,
    );
    let mut out = Vec::new();
    for p in mine {
        let Some(c) = case::Entity::find_by_id(p.case_id).one(&state.db).await? else { continue };
        let (units, users) =
            service::names(&state.db, &[p.unit_id], &p.user_id.into_iter().collect::<Vec<_>>()).await?;
        let filings = case_filing::Entity::find()
            .filter(case_filing::Column::PartyId.eq(p.id))
            .order_by_asc(case_filing::Column::FiledAt)
            .all(&state.db)
            .await?;
        out.push(MyCaseView {
            reasons: c.reasons.clone(),
            hearing_deadline: c.hearing_deadline,
            case: c.into(),
            party: party_view(p, &units, &users),
            filings: filings.into_iter().map(Into::into).collect(),
        });
    }
    out.sort_by_key(|v| std::cmp::Reverse(v.case.created_at));
    Ok(web::Json(out))
}

/// Per unit and year: cases, measures and review/appeal outcomes (assessment; annual report §五).
#[utoipa::path(
    tag = "cases",
    params(StatsQuery),
    responses((status = 200, body = Vec<UnitYearStats>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseReport::NAME)))
)]
#[get("/cases/stats")]
pub async fn case_stats(
    auth: Authorized<CaseReport>,
    state: web::Data<AppState>,
    query: ValidatedQuery<StatsQuery>,
) -> Result<web::Json<Vec<UnitYearStats>>, ApiError> {
    let q = query.into_inner()?;
    let year = q.year.unwrap_or_else(|| beijing_today(state.time.now()).year());
    Ok(web::Json(stats::per_unit(&state.db, &auth.reach, &auth.actor, year).await?))
}

/// The cases concerning a unit (or decided by it).
#[utoipa::path(
    tag = "cases",
    params(("unit_id" = Uuid, Path, description = "The unit"), Paging),
    responses((status = 200, body = Page<CaseSummary>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRead::NAME)))
)]
#[get("/units/{unit_id}/cases")]
pub async fn unit_cases(
    scope: UnitScope<CaseRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<Paging>,
) -> Result<web::Json<Page<CaseSummary>>, ApiError> {
    let paging = query.into_inner()?;
    let unit_id = scope.unit_ref().unit_id();
    let concerned = case_party::Entity::find_in(scope.unit_ref())
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| p.case_id)
        .collect::<Vec<_>>();
    let select = case::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(case::Column::Id.is_in(concerned))
                .add(case::Column::DecidingUnitId.eq(unit_id)),
        )
        .order_by_desc(case::Column::CreatedAt);
    Ok(web::Json(Page::fetch(select, &state.db, paging, Into::into).await?))
}

/// Circulated criticisms (通报批评) circulated to a unit, from decided cases.
#[utoipa::path(
    tag = "cases",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    responses((status = 200, body = Vec<CaseSummary>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CaseRead::NAME)))
)]
#[get("/units/{unit_id}/circulated-criticisms")]
pub async fn unit_circulated(
    scope: UnitScope<CaseRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<CaseSummary>>, ApiError> {
    let ids: Vec<Uuid> = case_circulation::Entity::find_in(scope.unit_ref())
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| c.case_id)
        .collect();
    let rows = case::Entity::find()
        .filter(case::Column::Id.is_in(ids))
        .filter(case::Column::Status.eq(CaseStatus::Decided))
        .order_by_desc(case::Column::DecidedAt)
        .all(&state.db)
        .await?;
    Ok(web::Json(rows.into_iter().map(Into::into).collect()))
}

//! A unit's side of the assessment: its live scorecard (the unit sees what the platform measured
//! during the year), the openness office's daily-check findings on it (AS 8), and its self-check
//! report with evidence files (AS 9(2)).

use actix_web::{HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use entity::enums::{OversightFunction, SchemeStatus, SelfCheckStatus};
use entity::{
    assessment_evidence as evidence, assessment_finding as finding, assessment_scheme as scheme,
    assessment_self_check as self_check, supervision_notice,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::card::{CheckFindingView, Scorecard, SelfScore, indicators_of, scorecard};
use super::schemes::scheme_for;
use super::{SELF_CHECK, self_check_subject};
use crate::audit::AuditRecord;
use crate::clocks::{self, Ending};
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::notify::{self, Notice};
use crate::openapi::ErrorResponses;
use crate::paging::YearQuery;
use crate::policy::permissions::{AssessmentManage, AssessmentRead, AssessmentSelfCheck};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope, Via};
use crate::text::tidy;
use crate::time::beijing_today;

const FINDING_SUBJECT: &str = "assessment_finding";
const SELF_CHECK_AUDIT: &str = "assessment_self_check";

/// Files a unit hands in with its self-check: 20 of at most 10 MiB each.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_EVIDENCE_FILES: u64 = 20;

pub(crate) async fn scheme_of_unit(
    db: &impl ConnectionTrait,
    unit: &entity::unit::Model,
    year: i32,
) -> Result<scheme::Model, ApiError> {
    scheme_for(db, unit, year).await?.ok_or(ApiError::Rule(ErrorCode::AssessmentNoScheme, Some("year".into())))
}

/// The unit's scorecard for a year: live figures with the records behind them. The unit's own
/// staff see the group's scores and the grade once the results are published.
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path), YearQuery),
    responses((status = 200, body = Scorecard), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentRead::NAME)))
)]
#[get("/units/{unit_id}/assessment")]
pub async fn unit_assessment(
    scope: UnitScope<AssessmentRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<YearQuery>,
) -> Result<web::Json<Scorecard>, ApiError> {
    let q = query.into_inner()?;
    let s = scheme_of_unit(&state.db, &scope.unit, q.year).await?;
    let today = beijing_today(state.time.now());
    Ok(web::Json(scorecard(&state.db, &s, &scope.unit, today, scope.via != Via::OwnRole).await?))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeRequest {
    /// What the unit is told to do; the finding's description when left out.
    #[validate(length(min = 4, max = 2000, code = "length"))]
    #[schema(min_length = 4, max_length = 2000)]
    pub message: Option<String>,
    pub respond_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingRequest {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
    #[validate(length(min = 1, max = 40, code = "length"))]
    #[schema(min_length = 1, max_length = 40)]
    pub indicator_code: String,
    #[validate(length(min = 4, max = 2000, code = "length"))]
    #[schema(min_length = 4, max_length = 2000)]
    pub description: String,
    /// A link to the page or screenshot that shows it.
    #[validate(url(code = "invalid_url"), length(max = 500, code = "length"))]
    #[schema(max_length = 500, format = "uri")]
    pub evidence_url: Option<String>,
    /// Points taken off the indicator, in hundredths.
    #[validate(range(min = 0, max = 10000, code = "range"))]
    #[schema(minimum = 0, maximum = 10000)]
    pub deduction: i32,
    /// Also send the unit a supervision notice (督办) about it.
    #[validate(nested)]
    pub notice: Option<NoticeRequest>,
}

/// The openness office records a daily-check finding on a unit (AS 8); it comes off the
/// indicator's score and may be sent to the unit as a supervision notice.
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path)),
    request_body = FindingRequest,
    responses((status = 201, body = CheckFindingView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentManage::NAME)))
)]
#[post("/units/{unit_id}/assessment/findings")]
pub async fn record_finding(
    scope: UnitScope<AssessmentManage>,
    state: web::Data<AppState>,
    body: ValidatedJson<FindingRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    if body.notice.as_ref().and_then(|n| n.respond_by).is_some_and(|d| d < beijing_today(now)) {
        return Err(ApiError::field("notice.respond_by", "in_past"));
    }
    let unit = scope.unit.clone();
    let base = state.settings.public_base_url.clone();
    let f = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let s = scheme_of_unit(tx, &unit, body.year).await?;
        if s.status == SchemeStatus::Published {
            return Err(ApiError::Rule(ErrorCode::AssessmentWrongStage, None));
        }
        let indicators = indicators_of(&s);
        let ind = super::card::indicator_in(&indicators, &body.indicator_code, "indicator_code")?;
        if u32::try_from(body.deduction).unwrap_or(u32::MAX) > ind.points {
            return Err(ApiError::field("deduction", "over_points"));
        }
        let mut f = finding::Model {
            id: Uuid::now_v7(),
            county_id: unit.county_id,
            unit_id: unit.id,
            year: body.year,
            indicator_code: ind.code.clone(),
            description: tidy(&body.description),
            evidence_url: body.evidence_url.as_deref().map(str::trim).map(String::from),
            deduction: body.deduction,
            notice_id: None,
            recorded_by: scope.actor.user_id,
            recorded_at: now,
        };
        if let Some(n) = &body.notice {
            let office = crate::units::people::function_unit(tx, unit.county_id, OversightFunction::OpennessOffice)
                .await?
                .ok_or(ApiError::Forbidden)?;
            let message = n.message.as_deref().map(tidy).unwrap_or_else(|| f.description.clone());
            let notice = supervision_notice::Model {
                id: Uuid::now_v7(),
                county_id: unit.county_id,
                unit_id: unit.id,
                application_id: None,
                from_unit_id: office.id,
                message: format!("【{}年度考核·{}】{}", body.year, ind.name, message),
                respond_by: n.respond_by,
                created_by: scope.actor.user_id,
                created_at: now,
            };
            supervision_notice::Entity::insert(supervision_notice::ActiveModel::from(notice.clone()))
                .exec_without_returning(tx)
                .await?;
            let link =
                format!("{}/console/units/{}/assessment?year={}", base.trim_end_matches('/'), unit.id, body.year);
            for person in crate::units::people::members(tx, unit.id, None).await? {
                let n = Notice {
                    kind: "application_supervision",
                    context: serde_json::json!({
                        "recipient_name": person.display_name, "office_name": office.name, "unit_name": unit.name,
                        "tracking_code": "", "message": notice.message,
                        "respond_by": notice.respond_by.map(|d| d.to_string()).unwrap_or_default(), "link": link,
                    }),
                    subject_type: Some(FINDING_SUBJECT.into()),
                    subject_id: Some(f.id.to_string()),
                    link: Some(link.clone()),
                    legal: false,
                };
                notify::deliver(tx, &base, &person, &n, now).await?;
            }
            f.notice_id = Some(notice.id);
        }
        finding::Entity::insert(finding::ActiveModel::from(f.clone())).exec_without_returning(tx).await?;
        let rec = AuditRecord::success("assessment.finding.record", FINDING_SUBJECT, f.id)
            .in_unit(f.county_id, f.unit_id)
            .with_summary(serde_json::json!({
                "year": f.year, "indicator": f.indicator_code, "deduction": f.deduction, "notice_id": f.notice_id,
            }));
        Ok((f, rec))
    })
    .await?;
    Ok(HttpResponse::Created().json(CheckFindingView::from(&f)))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfCheckRequest {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
    /// The written self-check report.
    #[validate(length(max = 50000, code = "length"))]
    #[schema(max_length = 50000)]
    pub report: String,
    #[validate(length(max = 100, code = "length"))]
    pub self_scores: Vec<SelfScore>,
}

async fn open_self_check(
    tx: &impl ConnectionTrait,
    scope: crate::tenancy::UnitRef,
    s: &scheme::Model,
) -> Result<self_check::Model, ApiError> {
    if s.status != SchemeStatus::Started {
        return Err(ApiError::Rule(ErrorCode::AssessmentWrongStage, None));
    }
    let c = self_check::Entity::find_in(scope)
        .filter(self_check::Column::SchemeId.eq(s.id))
        .one(tx)
        .await?
        .ok_or(ApiError::Rule(ErrorCode::AssessmentWrongStage, None))?;
    if c.status == SelfCheckStatus::Submitted {
        return Err(ApiError::Conflict(ErrorCode::SelfCheckSubmitted, None));
    }
    Ok(c)
}

/// The unit writes its self-check report and scores itself per indicator; it may change them
/// until it submits.
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path)),
    request_body = SelfCheckRequest,
    responses((status = 200, body = Scorecard), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentSelfCheck::NAME)))
)]
#[put("/units/{unit_id}/assessment/self-check")]
pub async fn save_self_check(
    scope: UnitScope<AssessmentSelfCheck>,
    state: web::Data<AppState>,
    body: ValidatedJson<SelfCheckRequest>,
) -> Result<web::Json<Scorecard>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let unit = scope.unit.clone();
    let s = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let s = scheme_of_unit(tx, &unit, body.year).await?;
        let c = open_self_check(tx, scope.unit_ref(), &s).await?;
        let indicators = indicators_of(&s);
        let mut seen = std::collections::HashSet::new();
        let mut scores = Vec::with_capacity(body.self_scores.len());
        for (i, x) in body.self_scores.iter().enumerate() {
            let ind =
                super::card::indicator_in(&indicators, &x.indicator_code, &format!("self_scores[{i}].indicator_code"))?;
            if !seen.insert(ind.code.clone()) {
                return Err(ApiError::field(&format!("self_scores[{i}].indicator_code"), "duplicate_code"));
            }
            if x.score > ind.points {
                return Err(ApiError::field(&format!("self_scores[{i}].score"), "over_points"));
            }
            if x.note.as_ref().is_some_and(|n| n.chars().count() > 500) {
                return Err(ApiError::field(&format!("self_scores[{i}].note"), "length"));
            }
            scores.push(SelfScore {
                indicator_code: ind.code.clone(),
                score: x.score,
                note: x.note.as_deref().map(tidy).filter(|n| !n.is_empty()),
            });
        }
        self_check::Entity::update_in(scope.unit_ref())
            .col_expr(self_check::Column::Report, Expr::value(crate::text::clean(&body.report)))
            .col_expr(
                self_check::Column::SelfScores,
                Expr::value(serde_json::to_string(&scores).map_err(anyhow::Error::from)?),
            )
            .col_expr(self_check::Column::UpdatedAt, Expr::value(now))
            .filter(self_check::Column::Id.eq(c.id))
            .exec(tx)
            .await?;
        let rec = AuditRecord::success("assessment.self_check.save", SELF_CHECK_AUDIT, c.id)
            .in_unit(c.county_id, c.unit_id)
            .with_summary(serde_json::json!({ "year": s.year, "self_scores": scores.len() }));
        Ok((s, rec))
    })
    .await?;
    let today = beijing_today(now);
    Ok(web::Json(scorecard(&state.db, &s, &scope.unit, today, scope.via != Via::OwnRole).await?))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EvidenceQuery {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[param(minimum = 2020, maximum = 2100)]
    pub year: i32,
    #[validate(length(min = 1, max = 200, code = "length"))]
    #[param(min_length = 1, max_length = 200)]
    pub file_name: String,
}

/// Adds an evidence file to the self-check (PDF, JPEG or PNG; the body is the file itself).
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path), EvidenceQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = super::card::SelfCheckEvidence), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentSelfCheck::NAME)))
)]
#[post("/units/{unit_id}/assessment/self-check/evidence")]
pub async fn add_self_check_evidence(
    scope: UnitScope<AssessmentSelfCheck>,
    state: web::Data<AppState>,
    query: ValidatedQuery<EvidenceQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner()?;
    let bytes = crate::download::read_limited(payload, MAX_EVIDENCE_BYTES).await?;
    if bytes.is_empty() {
        return Err(ApiError::field("content", "required"));
    }
    let content_type = crate::download::sniff(&bytes, false).ok_or(ApiError::UnsupportedMediaType)?;
    let name: String =
        q.file_name.trim().chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"')).take(200).collect();
    if name.is_empty() {
        return Err(ApiError::field("file_name", "required"));
    }
    let now = state.time.now();
    let unit = scope.unit.clone();
    let e = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let s = scheme_of_unit(tx, &unit, q.year).await?;
        let c = open_self_check(tx, scope.unit_ref(), &s).await?;
        if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            // Parallel uploads count one after another.
            sea_orm::QuerySelect::lock_exclusive(
                self_check::Entity::find_in(scope.unit_ref()).filter(self_check::Column::Id.eq(c.id)),
            )
            .one(tx)
            .await?;
        }
        let existing =
            evidence::Entity::find_in(scope.unit_ref()).filter(evidence::Column::SchemeId.eq(s.id)).count(tx).await?;
        if existing >= MAX_EVIDENCE_FILES {
            return Err(ApiError::Rule(ErrorCode::TooManyAttachments, None));
        }
        let e = evidence::Model {
            id: Uuid::now_v7(),
            county_id: unit.county_id,
            unit_id: unit.id,
            scheme_id: s.id,
            file_name: name.clone(),
            content_type: content_type.into(),
            size_bytes: i32::try_from(bytes.len()).unwrap_or(i32::MAX),
            sha256: hex::encode(Sha256::digest(&bytes)),
            content: bytes,
            uploaded_by: scope.actor.user_id,
            created_at: now,
        };
        evidence::Entity::insert(evidence::ActiveModel::from(e.clone())).exec_without_returning(tx).await?;
        let rec = AuditRecord::success("assessment.self_check.evidence", SELF_CHECK_AUDIT, c.id)
            .in_unit(c.county_id, c.unit_id)
            .with_summary(serde_json::json!({ "evidence_id": e.id, "sha256": e.sha256 }));
        Ok((e, rec))
    })
    .await?;
    Ok(HttpResponse::Created().json(super::card::SelfCheckEvidence::from(&e)))
}

/// An evidence file of the unit's self-check.
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path), ("assessment_evidence_id" = Uuid, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentRead::NAME)))
)]
#[get("/units/{unit_id}/assessment/evidence/{assessment_evidence_id}")]
pub async fn download_self_check_evidence(
    scope: UnitScope<AssessmentRead>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let e = evidence::Entity::get_in(scope.unit_ref(), path.1).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    Ok(crate::download::attachment(&e.content_type, &e.file_name, e.content))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitSelfCheck {
    #[validate(range(min = 2020, max = 2100, code = "range"))]
    #[schema(minimum = 2020, maximum = 2100)]
    pub year: i32,
}

/// The unit submits its self-check; from then on it is the group's to read. After the deadline it
/// is still taken, and marked late.
#[utoipa::path(
    tag = "assessment",
    params(("unit_id" = Uuid, Path)),
    request_body = SubmitSelfCheck,
    responses((status = 200, body = Scorecard), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(AssessmentSelfCheck::NAME)))
)]
#[post("/units/{unit_id}/assessment/self-check/submit")]
pub async fn submit_self_check(
    scope: UnitScope<AssessmentSelfCheck>,
    state: web::Data<AppState>,
    body: ValidatedJson<SubmitSelfCheck>,
) -> Result<web::Json<Scorecard>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let unit = scope.unit.clone();
    let s = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let s = scheme_of_unit(tx, &unit, body.year).await?;
        let c = open_self_check(tx, scope.unit_ref(), &s).await?;
        if c.report.trim().chars().count() < 20 {
            return Err(ApiError::field("report", "length"));
        }
        let changed = self_check::Entity::update_in(scope.unit_ref())
            .col_expr(self_check::Column::Status, Expr::value(SelfCheckStatus::Submitted))
            .col_expr(self_check::Column::SubmittedBy, Expr::value(scope.actor.user_id))
            .col_expr(self_check::Column::SubmittedAt, Expr::value(now))
            .col_expr(self_check::Column::UpdatedAt, Expr::value(now))
            .filter(self_check::Column::Id.eq(c.id))
            .filter(self_check::Column::Status.eq(SelfCheckStatus::Draft))
            .exec(tx)
            .await?;
        if changed.rows_affected != 1 {
            return Err(ApiError::Conflict(ErrorCode::SelfCheckSubmitted, None));
        }
        clocks::end(tx, &self_check_subject(&c), &SELF_CHECK, Ending::Complete, now).await?;
        let rec = AuditRecord::success("assessment.self_check.submit", SELF_CHECK_AUDIT, c.id)
            .in_unit(c.county_id, c.unit_id)
            .with_summary(serde_json::json!({ "year": s.year, "late": beijing_today(now) > s.self_check_due }));
        Ok((s, rec))
    })
    .await?;
    let today = beijing_today(now);
    Ok(web::Json(scorecard(&state.db, &s, &scope.unit, today, scope.via != Via::OwnRole).await?))
}

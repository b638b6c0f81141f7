//! The secrecy bureau's online inspection (SR 9(4)): the scan run again over everything the county
//! has published — each night and whenever the bureau asks — with the findings per unit. The bureau
//! orders a remedy: a take-down withdraws the item from the catalogue at once; a mask or correction
//! runs a remedy period on the clocks, which raises an AC 6(4) lead when missed. The unit answers by
//! publishing a corrected version (or withdrawing the item) and reporting it. The bureau's periodic
//! report (SR 9(5)) is counted from the findings.

use std::collections::HashMap;

use actix_web::{get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::ItemStatus;
use entity::{information_item as item, inspection_finding as finding, inspection_run as run, item_version, unit};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::audit::AuditRecord;
use crate::auth::{Authorized, Reach};
use crate::calendar::Period;
use crate::clocks::{self, ClockKind, Label, NewClock, Subject, SubjectKind};
use crate::disclosure::service::{self as items, Step};
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{ItemDraft, ItemRead, SecrecyInspect};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};
use crate::text::tidy;
use crate::time::beijing_today;

pub const FINDING: SubjectKind = SubjectKind::new("inspection_finding");

/// The remedy period the bureau sets when it orders a finding masked or corrected.
pub static REMEDY: ClockKind = ClockKind {
    code: "inspection.remedy",
    subject: FINDING,
    name_zh: "网上巡查整改期限",
    name_en: "Remedy period of an inspection finding",
    answered_by: None,
};

pub const MANIFEST: crate::modules::Manifest = crate::modules::Manifest { name: "inspection", clock_kinds: &[&REMEDY] };

const SUBJECT: &str = "inspection_finding";

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(start_inspection)
        .service(list_inspection_runs)
        .service(list_findings)
        .service(order_remedy)
        .service(dismiss_finding)
        .service(inspection_report)
        .service(unit_findings)
        .service(report_remedied);
}

/// How a finding stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    Open,
    Ordered,
    Remedied,
    Dismissed,
}

impl FindingStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Ordered => "ordered",
            Self::Remedied => "remedied",
            Self::Dismissed => "dismissed",
        }
    }
}

/// What the bureau orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    /// Withdrawn from the catalogue at once.
    TakeDown,
    /// The finding masked in a corrected version.
    Mask,
    /// The item corrected otherwise.
    Correct,
}

impl Remedy {
    fn as_str(self) -> &'static str {
        match self {
            Self::TakeDown => "take_down",
            Self::Mask => "mask",
            Self::Correct => "correct",
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunView {
    pub id: Uuid,
    /// `schedule` or `on_demand`.
    pub trigger: String,
    pub started_at: DateTime<Utc>,
    pub items_scanned: i32,
    pub findings_new: i32,
}

impl From<run::Model> for RunView {
    fn from(r: run::Model) -> Self {
        Self {
            id: r.id,
            trigger: r.trigger,
            started_at: r.started_at,
            items_scanned: r.items_scanned,
            findings_new: r.findings_new,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FindingView {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub item_id: Uuid,
    pub item_title: String,
    pub index_number: Option<String>,
    pub revision: i32,
    /// `title`, `summary`, `body` or `attachment`.
    pub field: String,
    pub attachment_id: Option<Uuid>,
    pub kind: String,
    /// The published text around the finding.
    pub excerpt: String,
    pub status: String,
    pub remedy: Option<String>,
    pub order_note: Option<String>,
    pub ordered_at: Option<DateTime<Utc>>,
    /// The last day of the remedy period, while one runs.
    pub remedy_due: Option<NaiveDate>,
    pub answer_note: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

fn subject(f: &finding::Model) -> Subject {
    Subject::new(FINDING, f.id, UnitRef::owning_row(f.unit_id, f.county_id))
}

/// Scans every published item of the county (its last published version and that version's files)
/// and records what is new. One transaction: a run is recorded whole or not at all.
pub async fn inspect(
    state: &AppState,
    county_id: Uuid,
    trigger: &str,
    actor: &crate::audit::AuditActor,
    now: DateTime<Utc>,
) -> Result<run::Model, ApiError> {
    let by = actor.user_id;
    let words = super::words::matcher(&state.db, county_id).await?;
    let reach = Reach::County(county_id);
    let tx = crate::db::write_tx(&state.db).await?;
    let published = item::Entity::find_within(&reach)
        .filter(item::Column::FirstPublishedOn.is_not_null())
        .filter(item::Column::Status.ne(ItemStatus::Withdrawn))
        .all(&tx)
        .await?;
    let ids: Vec<Uuid> = published.iter().map(|i| i.id).collect();
    let mut latest: HashMap<Uuid, item_version::Model> = HashMap::new();
    for v in item_version::Entity::find_within(&reach)
        .filter(item_version::Column::ItemId.is_in(ids.clone()))
        .order_by_asc(item_version::Column::Revision)
        .all(&tx)
        .await?
    {
        latest.insert(v.item_id, v);
    }
    let mut files: HashMap<Uuid, Vec<items::AttachmentMeta>> = HashMap::new();
    for f in items::attachments_within(&tx, &reach, ids).await? {
        files.entry(f.item_id).or_default().push(f);
    }
    let run_row = run::Model {
        id: Uuid::now_v7(),
        county_id,
        trigger: trigger.into(),
        started_by: by,
        started_at: now,
        items_scanned: i32::try_from(latest.len()).unwrap_or(i32::MAX),
        findings_new: 0,
    };
    run::Entity::insert(run::ActiveModel::from(run_row.clone())).exec_without_returning(&tx).await?;
    let mut new_findings = 0u64;
    for it in &published {
        let Some(v) = latest.get(&it.id) else { continue };
        let mut texts: Vec<(&str, Option<Uuid>, &str)> =
            vec![("title", None, &v.title), ("summary", None, &v.summary), ("body", None, &v.body)];
        for f in files.get(&it.id).into_iter().flatten().filter(|f| f.in_revision(v.revision)) {
            texts.push(("attachment", Some(f.id), f.text.as_deref().unwrap_or("")));
        }
        for (field, attachment, text) in texts {
            for hit in super::scan::scan(text, words.as_deref()) {
                let kind = serde_json::to_value(hit.kind)
                    .ok()
                    .and_then(|k| k.as_str().map(str::to_string))
                    .unwrap_or_default();
                let file = attachment.map(|a| a.to_string()).unwrap_or_default();
                let row = finding::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    county_id: Set(it.county_id),
                    unit_id: Set(it.unit_id),
                    run_id: Set(run_row.id),
                    item_id: Set(it.id),
                    revision: Set(v.revision),
                    field: Set(field.into()),
                    attachment_id: Set(attachment),
                    fingerprint: Set(format!("{}:{field}:{file}:{kind}:{}", v.revision, hit.start)),
                    kind: Set(kind),
                    start_at: Set(i32::try_from(hit.start).unwrap_or(i32::MAX)),
                    excerpt: Set(hit.context.clone()),
                    status: Set(FindingStatus::Open.as_str().into()),
                    remedy: Set(None),
                    order_note: Set(None),
                    ordered_by: Set(None),
                    ordered_at: Set(None),
                    answer_note: Set(None),
                    closed_at: Set(None),
                    created_at: Set(now),
                };
                new_findings += finding::Entity::insert(row)
                    .on_conflict(
                        OnConflict::columns([finding::Column::ItemId, finding::Column::Fingerprint])
                            .do_nothing()
                            .to_owned(),
                    )
                    .exec_without_returning(&tx)
                    .await?;
            }
        }
    }
    let findings_new = i32::try_from(new_findings).unwrap_or(i32::MAX);
    run::Entity::update_many()
        .col_expr(run::Column::FindingsNew, sea_orm::sea_query::Expr::value(findings_new))
        .filter(run::Column::Id.eq(run_row.id))
        .exec(&tx)
        .await?;
    let record = AuditRecord::success("inspection.run", "inspection_run", run_row.id)
        .in_county(Some(county_id))
        .with_summary(serde_json::json!({ "trigger": trigger, "items": run_row.items_scanned, "new": findings_new }));
    crate::work::commit(tx, state, actor, record, now).await?;
    Ok(run::Model { findings_new, ..run_row })
}

/// The nightly inspection of every county.
pub async fn inspect_all(state: &AppState, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let counties = entity::county::Entity::find().all(&state.db).await?;
    let mut found = 0;
    for c in counties {
        let actor = crate::audit::system_actor("online_inspection");
        found += u64::try_from(inspect(state, c.id, "schedule", &actor, now).await?.findings_new).unwrap_or(0);
    }
    Ok(found)
}

async fn views(db: &impl ConnectionTrait, rows: Vec<finding::Model>) -> Result<Vec<FindingView>, ApiError> {
    let unit_ids: Vec<Uuid> = rows.iter().map(|f| f.unit_id).collect();
    let names: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(unit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for f in rows {
        let owner = UnitRef::owning_row(f.unit_id, f.county_id);
        let it = item::Entity::get_in(owner, f.item_id).one(db).await?;
        let due = clocks::find_open(db, &subject(&f), &REMEDY).await?.map(|c| c.due_date);
        out.push(FindingView {
            id: f.id,
            unit_id: f.unit_id,
            unit_name: names.get(&f.unit_id).cloned().unwrap_or_default(),
            item_id: f.item_id,
            item_title: it.as_ref().map(|i| i.title.clone()).unwrap_or_default(),
            index_number: it.and_then(|i| i.index_number),
            revision: f.revision,
            field: f.field,
            attachment_id: f.attachment_id,
            kind: f.kind,
            excerpt: f.excerpt,
            status: f.status,
            remedy: f.remedy,
            order_note: f.order_note,
            ordered_at: f.ordered_at,
            remedy_due: due,
            answer_note: f.answer_note,
            closed_at: f.closed_at,
            created_at: f.created_at,
        });
    }
    Ok(out)
}

fn county_of(actor: &crate::auth::Actor) -> Result<Uuid, ApiError> {
    actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None))
}

/// Runs the inspection now over the bureau's county.
#[utoipa::path(
    tag = "secrecy",
    responses((status = 200, body = RunView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SecrecyInspect::NAME)))
)]
#[post("/secrecy/inspections")]
pub async fn start_inspection(
    auth: Authorized<SecrecyInspect>,
    state: web::Data<AppState>,
) -> Result<web::Json<RunView>, ApiError> {
    let county = county_of(&auth.actor)?;
    let now = state.time.now();
    Ok(web::Json(inspect(&state, county, "on_demand", &auth.actor.audit_actor(), now).await?.into()))
}

/// The county's latest inspection runs, newest first.
#[utoipa::path(
    tag = "secrecy",
    responses((status = 200, body = Vec<RunView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SecrecyInspect::NAME)))
)]
#[get("/secrecy/inspections")]
pub async fn list_inspection_runs(
    auth: Authorized<SecrecyInspect>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<RunView>>, ApiError> {
    let county = county_of(&auth.actor)?;
    let rows = run::Entity::find()
        .filter(run::Column::CountyId.eq(county))
        .order_by_desc(run::Column::StartedAt)
        .limit(50)
        .all(&state.db)
        .await?;
    Ok(web::Json(rows.into_iter().map(RunView::from).collect()))
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct FindingQuery {
        /// `open`, `ordered`, `remedied` or `dismissed`.
        #[validate(length(max = 16, code = "length"))]
        #[param(max_length = 16)]
        pub status: Option<String>,
        pub unit_id: Option<Uuid>,
    }
}

/// The findings of the county's units, newest first.
#[utoipa::path(
    tag = "secrecy",
    params(FindingQuery),
    responses((status = 200, body = Page<FindingView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SecrecyInspect::NAME)))
)]
#[get("/secrecy/findings")]
pub async fn list_findings(
    auth: Authorized<SecrecyInspect>,
    state: web::Data<AppState>,
    query: ValidatedQuery<FindingQuery>,
) -> Result<web::Json<Page<FindingView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = finding::Entity::find_within(&auth.reach);
    if let Some(s) = &q.status {
        select = select.filter(finding::Column::Status.eq(s.clone()));
    }
    if let Some(u) = q.unit_id {
        select = select.filter(finding::Column::UnitId.eq(u));
    }
    let (rows, total) = paging.rows(select.order_by_desc(finding::Column::CreatedAt), &state.db).await?;
    Ok(web::Json(paging.page_of(views(&state.db, rows).await?, total)))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    pub remedy: Remedy,
    /// Working days to mask or correct (1–20); not for a take-down.
    #[validate(range(min = 1, max = 20, code = "range"))]
    #[schema(minimum = 1, maximum = 20)]
    pub working_days: Option<u32>,
    #[validate(length(min = 2, max = 1000, code = "length"))]
    #[schema(min_length = 2, max_length = 1000)]
    pub note: String,
}

async fn bureau_finding(db: &impl ConnectionTrait, reach: &Reach, id: Uuid) -> Result<finding::Model, ApiError> {
    finding::Entity::find_within(reach).filter(finding::Column::Id.eq(id)).one(db).await?.ok_or(ApiError::NotFound)
}

/// The bureau orders a remedy: a take-down withdraws the item at once; a mask or correction starts
/// its period on the clocks (a late remedy raises an AC 6(4) lead).
#[utoipa::path(
    tag = "secrecy",
    params(("inspection_finding_id" = Uuid, Path)),
    request_body = OrderRequest,
    responses((status = 200, body = FindingView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SecrecyInspect::NAME)))
)]
#[post("/secrecy/findings/{inspection_finding_id}/order")]
pub async fn order_remedy(
    auth: Authorized<SecrecyInspect>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<OrderRequest>,
) -> Result<web::Json<FindingView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let id = path.into_inner();
    let days = match (body.remedy, body.working_days) {
        (Remedy::TakeDown, _) => None,
        (_, Some(d)) => Some(d),
        (_, None) => return Err(ApiError::field("working_days", "required")),
    };
    let note = tidy(&body.note);
    let f = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let f = bureau_finding(tx, &auth.reach, id).await?;
        if f.status != FindingStatus::Open.as_str() {
            return Err(ApiError::Rule(ErrorCode::FindingNotOpen, None));
        }
        let owner = UnitRef::owning_row(f.unit_id, f.county_id);
        let it = item::Entity::get_in(owner, f.item_id).one(tx).await?.ok_or(ApiError::NotFound)?;
        let mut active: finding::ActiveModel = f.clone().into();
        active.remedy = Set(Some(body.remedy.as_str().into()));
        active.order_note = Set(Some(note.clone()));
        active.ordered_by = Set(Some(auth.actor.user_id));
        active.ordered_at = Set(Some(now));
        match days {
            None => {
                if it.status != ItemStatus::Withdrawn {
                    let step = Step { unit: owner, base_url: &state.settings.public_base_url, now };
                    let reason = format!("县保密局网上巡查发现不宜公开的内容，责令撤下：{note}");
                    items::withdraw(tx, step, it, &reason, auth.actor.user_id).await?;
                }
                active.status = Set(FindingStatus::Remedied.as_str().into());
                active.closed_at = Set(Some(now));
            }
            Some(d) => {
                let mut title: String = it.title.chars().take(24).collect();
                if it.title.chars().count() > 24 {
                    title.push('…');
                }
                let new = NewClock {
                    kind: &REMEDY,
                    legal_basis: "保密审查制度第九条".into(),
                    start: beijing_today(now),
                    period: Period::WorkingDays(d),
                    assignee: Some(it.drafter_id),
                    label: Label::new(
                        format!("网上巡查整改 · {title}"),
                        Some(format!("/console/items/{}/{}", it.unit_id, it.id)),
                    ),
                };
                clocks::start(tx, &subject(&f), new, now).await?;
                active.status = Set(FindingStatus::Ordered.as_str().into());
            }
        }
        let f = sea_orm::ActiveModelTrait::update(active, tx).await?;
        let rec = AuditRecord::success("inspection.order", SUBJECT, f.id)
            .in_unit(f.county_id, f.unit_id)
            .with_summary(serde_json::json!({ "remedy": f.remedy, "working_days": days }));
        Ok((f, rec))
    })
    .await?;
    Ok(web::Json(views(&state.db, vec![f]).await?.remove(0)))
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    #[validate(length(min = 2, max = 1000, code = "length"))]
    #[schema(min_length = 2, max_length = 1000)]
    pub note: String,
}

/// The bureau dismisses a finding that may lawfully stay (an office telephone, a company's code).
#[utoipa::path(
    tag = "secrecy",
    params(("inspection_finding_id" = Uuid, Path)),
    request_body = NoteRequest,
    responses((status = 200, body = FindingView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SecrecyInspect::NAME)))
)]
#[post("/secrecy/findings/{inspection_finding_id}/dismiss")]
pub async fn dismiss_finding(
    auth: Authorized<SecrecyInspect>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<NoteRequest>,
) -> Result<web::Json<FindingView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let id = path.into_inner();
    let f = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let f = bureau_finding(tx, &auth.reach, id).await?;
        if ![FindingStatus::Open.as_str(), FindingStatus::Ordered.as_str()].contains(&f.status.as_str()) {
            return Err(ApiError::Rule(ErrorCode::FindingNotOpen, None));
        }
        clocks::end(tx, &subject(&f), &REMEDY, clocks::Ending::Cancel, now).await?;
        let mut active: finding::ActiveModel = f.into();
        active.status = Set(FindingStatus::Dismissed.as_str().into());
        active.answer_note = Set(Some(tidy(&body.note)));
        active.closed_at = Set(Some(now));
        let f = sea_orm::ActiveModelTrait::update(active, tx).await?;
        let rec = AuditRecord::success("inspection.dismiss", SUBJECT, f.id).in_unit(f.county_id, f.unit_id);
        Ok((f, rec))
    })
    .await?;
    Ok(web::Json(views(&state.db, vec![f]).await?.remove(0)))
}

/// The unit's findings, newest first.
#[utoipa::path(
    tag = "secrecy",
    params(("unit_id" = Uuid, Path), FindingQuery),
    responses((status = 200, body = Page<FindingView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/units/{unit_id}/inspection-findings")]
pub async fn unit_findings(
    scope: UnitScope<ItemRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<FindingQuery>,
) -> Result<web::Json<Page<FindingView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = finding::Entity::find_in(scope.unit_ref());
    if let Some(s) = &q.status {
        select = select.filter(finding::Column::Status.eq(s.clone()));
    }
    let (rows, total) = paging.rows(select.order_by_desc(finding::Column::CreatedAt), &state.db).await?;
    Ok(web::Json(paging.page_of(views(&state.db, rows).await?, total)))
}

/// The unit reports an ordered remedy done: a corrected version is published, or the item is
/// withdrawn. The remedy period ends, met or missed by the date.
#[utoipa::path(
    tag = "secrecy",
    params(("unit_id" = Uuid, Path), ("inspection_finding_id" = Uuid, Path)),
    request_body = NoteRequest,
    responses((status = 200, body = FindingView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemDraft::NAME)))
)]
#[post("/units/{unit_id}/inspection-findings/{inspection_finding_id}/remedied")]
pub async fn report_remedied(
    scope: UnitScope<ItemDraft>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<NoteRequest>,
) -> Result<web::Json<FindingView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.time.now();
    let unit = scope.unit_ref();
    let id = path.1;
    let f = crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        let f = finding::Entity::get_in(unit, id).one(tx).await?.ok_or(ApiError::NotFound)?;
        if f.status != FindingStatus::Ordered.as_str() {
            return Err(ApiError::Rule(ErrorCode::FindingNotOpen, None));
        }
        let it = item::Entity::get_in(unit, f.item_id).one(tx).await?.ok_or(ApiError::NotFound)?;
        let newest: Option<i32> = item_version::Entity::find_in(unit)
            .filter(item_version::Column::ItemId.eq(it.id))
            .select_only()
            .column(item_version::Column::Revision)
            .order_by_desc(item_version::Column::Revision)
            .into_tuple()
            .one(tx)
            .await?;
        if it.status != ItemStatus::Withdrawn && newest.is_none_or(|r| r <= f.revision) {
            return Err(ApiError::Rule(ErrorCode::RemedyNotPublished, None));
        }
        clocks::end(tx, &subject(&f), &REMEDY, clocks::Ending::Complete, now).await?;
        let mut active: finding::ActiveModel = f.into();
        active.status = Set(FindingStatus::Remedied.as_str().into());
        active.answer_note = Set(Some(tidy(&body.note)));
        active.closed_at = Set(Some(now));
        let f = sea_orm::ActiveModelTrait::update(active, tx).await?;
        let rec = AuditRecord::success("inspection.remedied", SUBJECT, f.id).in_unit(f.county_id, f.unit_id);
        Ok((f, rec))
    })
    .await?;
    Ok(web::Json(views(&state.db, vec![f]).await?.remove(0)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One unit's line of the bureau's report.
#[derive(Debug, Clone, Default, Serialize, ToSchema, PartialEq, Eq)]
pub struct UnitInspection {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub findings: u64,
    /// Findings by the scan's kind (`id_number`, `mobile`, `classification_mark`…).
    #[schema(value_type = Object)]
    pub by_kind: std::collections::BTreeMap<String, u64>,
    pub taken_down: u64,
    pub remedied_in_time: u64,
    pub remedied_late: u64,
    /// Ordered and still not remedied after the period's last day.
    pub overdue: u64,
    pub dismissed: u64,
    pub open: u64,
}

/// The bureau's periodic report (SR 9(5)).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InspectionReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub runs: u64,
    pub units: Vec<UnitInspection>,
}

/// The bureau's report over findings recorded between two days: per unit, what was found, taken
/// down, remedied in time or late, still overdue, dismissed, still open.
#[utoipa::path(
    tag = "secrecy",
    params(PeriodQuery),
    responses((status = 200, body = InspectionReport), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SecrecyInspect::NAME)))
)]
#[get("/secrecy/inspection-report")]
pub async fn inspection_report(
    auth: Authorized<SecrecyInspect>,
    state: web::Data<AppState>,
    query: ValidatedQuery<PeriodQuery>,
) -> Result<web::Json<InspectionReport>, ApiError> {
    let q = query.into_inner()?;
    if q.to < q.from {
        return Err(ApiError::field("to", "invalid_range"));
    }
    let county = county_of(&auth.actor)?;
    let start = q.from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - chrono::TimeDelta::hours(8);
    let end = q.to.and_hms_opt(23, 59, 59).unwrap_or_default().and_utc() - chrono::TimeDelta::hours(8);
    let runs = run::Entity::find()
        .filter(run::Column::CountyId.eq(county))
        .filter(run::Column::StartedAt.between(start, end))
        .all(&state.db)
        .await?
        .len() as u64;
    let rows = finding::Entity::find_within(&auth.reach)
        .filter(finding::Column::CreatedAt.between(start, end))
        .all(&state.db)
        .await?;
    let today = beijing_today(state.time.now());
    let mut by_unit: std::collections::BTreeMap<Uuid, UnitInspection> = std::collections::BTreeMap::new();
    for f in rows {
        let clock = clocks::find(&state.db, &subject(&f), &REMEDY).await?;
        let line =
            by_unit.entry(f.unit_id).or_insert_with(|| UnitInspection { unit_id: f.unit_id, ..Default::default() });
        line.findings += 1;
        *line.by_kind.entry(f.kind.clone()).or_default() += 1;
        match (f.status.as_str(), f.remedy.as_deref(), clock) {
            ("remedied", Some("take_down"), _) => line.taken_down += 1,
            ("remedied", _, Some(c)) if c.state == entity::enums::ClockState::Missed => line.remedied_late += 1,
            ("remedied", _, _) => line.remedied_in_time += 1,
            ("ordered", _, Some(c)) if c.due_date < today => line.overdue += 1,
            ("dismissed", _, _) => line.dismissed += 1,
            _ => line.open += 1,
        }
    }
    let names: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(by_unit.keys().copied().collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut units: Vec<UnitInspection> = by_unit
        .into_values()
        .map(|mut l| {
            l.unit_name = names.get(&l.unit_id).cloned().unwrap_or_default();
            l
        })
        .collect();
    units.sort_by(|a, b| a.unit_name.cmp(&b.unit_name));
    Ok(web::Json(InspectionReport { from: q.from, to: q.to, runs, units }))
}

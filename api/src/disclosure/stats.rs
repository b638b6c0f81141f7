//! Table 2 of the annual report (2021 No. 30, 第二项 主动公开政府信息情况) and the timeliness of
//! secrecy review, referrals and publication per unit, computed from the items and their clocks.

use std::collections::HashMap;

use actix_web::{get, web};
use chrono::NaiveDate;
use entity::enums::{ClockState, ItemStatus, ReportKind, ReviewOutcome};
use entity::{information_item as item, item_review, unit};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{PUBLICATION, REFERRAL_ANSWER};
use crate::auth::{Authorized, Reach};
use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::paging::YearQuery;
use crate::policy::permissions::ItemRead;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitScope};
use crate::time::beijing_today;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(unit_item_statistics).service(county_item_statistics);
}

/// 制发, 废止 and 现行有效 of rules or of normative documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct DocumentCounts {
    /// Issued in the year (by the day formed).
    pub issued: u64,
    /// Repealed in the year.
    pub repealed: u64,
    /// In force on 31 December: issued by then, neither repealed nor expired, already valid.
    pub in_force: u64,
}

/// Table 2 as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Table2 {
    pub rules: DocumentCounts,
    pub normative_documents: DocumentCounts,
    /// 行政许可: decisions published in the year.
    pub licensing_decisions: u64,
    /// 行政处罚.
    pub penalty_decisions: u64,
    /// 行政强制.
    pub enforcement_decisions: u64,
    /// 行政事业性收费 collected, in fen.
    pub fees_collected_fen: i64,
    /// The same in 万元 to four places, as the table prints it.
    pub fees_collected_wan_yuan: String,
}

/// How one unit kept the rules of secrecy review and publication in the year (for the assessment).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitTimeliness {
    pub unit_id: Uuid,
    pub unit_name: String,
    /// Items first published in the year, and those of them with a passing secrecy review on record.
    pub published: u64,
    pub published_reviewed: u64,
    /// Art. 26 periods ending in the year: met, and missed (or still open after their last day).
    pub publication_met: u64,
    pub publication_missed: u64,
    /// Referrals to the secrecy bureau due in the year: answered in time, and not.
    pub referrals_met: u64,
    pub referrals_missed: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProactiveStatistics {
    pub year: i32,
    pub unit_ids: Vec<Uuid>,
    pub table2: Table2,
    pub timeliness: Vec<UnitTimeliness>,
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| ApiError::field("year", "range"))?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| ApiError::field("year", "range"))?;
    Ok((first, last))
}

/// 万元 to four places (one yuan), rounded half up from fen.
pub fn wan_yuan(fen: i64) -> String {
    let yuan = (fen + 50).div_euclid(100);
    format!("{}.{:04}", yuan.div_euclid(10_000), yuan.rem_euclid(10_000))
}

/// Table 2 from the published items of some units. An item withdrawn from the catalogue does not
/// count: it was taken back as published in error.
pub fn table2(items: &[item::Model], year: i32) -> Result<Table2, ApiError> {
    let (first, last) = year_bounds(year)?;
    let in_year = |d: NaiveDate| (first..=last).contains(&d);
    let mut t = Table2::default();
    for it in items.iter().filter(|i| i.first_published_on.is_some() && i.status != ItemStatus::Withdrawn) {
        let Some(kind) = it.report_kind else { continue };
        let decisions = u64::try_from(it.decisions.unwrap_or(0)).unwrap_or(0);
        match kind {
            ReportKind::Rule | ReportKind::NormativeDocument => {
                let counts = if kind == ReportKind::Rule { &mut t.rules } else { &mut t.normative_documents };
                if in_year(it.formed_on) {
                    counts.issued += 1;
                }
                if it.repealed_on.is_some_and(in_year) {
                    counts.repealed += 1;
                }
                let in_force = it.formed_on <= last
                    && it.valid_from.is_none_or(|d| d <= last)
                    && it.valid_until.is_none_or(|d| d >= last)
                    && it.repealed_on.is_none_or(|d| d > last);
                if in_force {
                    counts.in_force += 1;
                }
            }
            ReportKind::Licensing if in_year(it.formed_on) => t.licensing_decisions += decisions,
            ReportKind::Penalty if in_year(it.formed_on) => t.penalty_decisions += decisions,
            ReportKind::Enforcement if in_year(it.formed_on) => t.enforcement_decisions += decisions,
            ReportKind::FeeCollection if in_year(it.formed_on) => t.fees_collected_fen += it.amount_fen.unwrap_or(0),
            _ => {}
        }
    }
    t.fees_collected_wan_yuan = wan_yuan(t.fees_collected_fen);
    Ok(t)
}

/// The figures of some units for a year, as of `today` (a period still open after its last day
/// counts as missed).
pub async fn statistics(
    db: &impl ConnectionTrait,
    units: Vec<Uuid>,
    year: i32,
    today: NaiveDate,
) -> Result<ProactiveStatistics, ApiError> {
    let (first, last) = year_bounds(year)?;
    let reach = Reach::Units(units.clone());
    let items = item::Entity::find_within(&reach)
        .filter(
            Condition::any()
                .add(item::Column::ReportKind.is_not_null())
                .add(item::Column::FirstPublishedOn.between(first, last)),
        )
        .all(db)
        .await?;
    let table2 = table2(&items, year)?;
    let published: Vec<&item::Model> =
        items.iter().filter(|i| i.first_published_on.is_some_and(|d| (first..=last).contains(&d))).collect();
    let reviewed: std::collections::HashSet<Uuid> = item_review::Entity::find_within(&reach)
        .filter(item_review::Column::ItemId.is_in(published.iter().map(|i| i.id).collect::<Vec<_>>()))
        .filter(item_review::Column::Outcome.eq(ReviewOutcome::Passed))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.item_id)
        .collect();
    let clocks = crate::clocks::due_between(db, &reach, &[&PUBLICATION, &REFERRAL_ANSWER], first, last).await?;
    let names: HashMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(units.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut rows: Vec<UnitTimeliness> = units
        .iter()
        .map(|u| UnitTimeliness {
            unit_id: *u,
            unit_name: names.get(u).cloned().unwrap_or_default(),
            ..Default::default()
        })
        .collect();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        index.insert(r.unit_id, i);
    }
    for it in &published {
        if let Some(r) = index.get(&it.unit_id).map(|i| &mut rows[*i]) {
            r.published += 1;
            if reviewed.contains(&it.id) {
                r.published_reviewed += 1;
            }
        }
    }
    for c in &clocks {
        let Some(r) = index.get(&c.unit_id).map(|i| &mut rows[*i]) else { continue };
        let met = c.state == ClockState::Met;
        let missed = c.state == ClockState::Missed || (c.state.is_open() && c.due_date < today);
        let (met_count, missed_count) = if c.kind == PUBLICATION.code {
            (&mut r.publication_met, &mut r.publication_missed)
        } else {
            (&mut r.referrals_met, &mut r.referrals_missed)
        };
        if met {
            *met_count += 1;
        } else if missed {
            *missed_count += 1;
        }
    }
    rows.sort_by(|a, b| a.unit_name.cmp(&b.unit_name));
    Ok(ProactiveStatistics { year, unit_ids: units, table2, timeliness: rows })
}

/// Table 2 and the timeliness figures of one unit for a year.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path), YearQuery),
    responses((status = 200, body = ProactiveStatistics), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/units/{unit_id}/statistics/items")]
pub async fn unit_item_statistics(
    scope: UnitScope<ItemRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<YearQuery>,
) -> Result<web::Json<ProactiveStatistics>, ApiError> {
    let q = query.into_inner()?;
    let today = beijing_today(state.time.now());
    Ok(web::Json(statistics(&state.db, vec![scope.unit.id], q.year, today).await?))
}

/// The same over every unit within the caller's reach (the whole county for the openness office).
#[utoipa::path(
    tag = "disclosure",
    params(YearQuery),
    responses((status = 200, body = ProactiveStatistics), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ItemRead::NAME)))
)]
#[get("/statistics/items")]
pub async fn county_item_statistics(
    auth: Authorized<ItemRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<YearQuery>,
) -> Result<web::Json<ProactiveStatistics>, ApiError> {
    let q = query.into_inner()?;
    let units = crate::units::people::units_within(&state.db, &auth.reach, auth.actor.county_id).await?;
    let today = beijing_today(state.time.now());
    Ok(web::Json(statistics(&state.db, units, q.year, today).await?))
}

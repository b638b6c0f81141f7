//! Per unit and year counts of cases, measures and review/appeal outcomes, for the assessment and
//! section 五 of the annual report.

use std::collections::BTreeMap;

use chrono::Datelike;
use entity::enums::{CaseStatus, RemedyKind};
use entity::{case, case_filing, case_party, unit};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::rules::Measure;
use super::service::{self, from_text};
use crate::auth::{Actor, Reach};
use crate::error::ApiError;
use crate::time::beijing_today;

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// The year the cases were opened (Beijing time); this year by default.
    #[validate(range(min = 2000, max = 2100, code = "range"))]
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct UnitYearStats {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub year: i32,
    /// Cases concerning the unit, opened in the year.
    pub cases: u32,
    pub decided: u32,
    /// Closed without measures: exempted (AC 10) or no violation found.
    pub closed_without_measures: u32,
    /// Measures imposed on the unit or its people, by kind.
    pub order_to_correct: u32,
    pub admonishment_talk: u32,
    pub circulated_criticism: u32,
    pub disciplinary_sanction: u32,
    pub other: u32,
    pub reviews: u32,
    pub appeals: u32,
    pub upheld: u32,
    pub changed: u32,
    pub revoked: u32,
}

pub async fn per_unit(
    db: &impl ConnectionTrait,
    reach: &Reach,
    actor: &Actor,
    year: i32,
) -> Result<Vec<UnitYearStats>, ApiError> {
    let cases: Vec<case::Model> = service::visible(case::Entity::find(), reach, actor)
        .all(db)
        .await?
        .into_iter()
        .filter(|c| beijing_today(c.created_at).year() == year)
        .collect();
    let ids: Vec<Uuid> = cases.iter().map(|c| c.id).collect();
    let decided: BTreeMap<Uuid, bool> = cases.iter().map(|c| (c.id, c.status == CaseStatus::Decided)).collect();
    let closed: BTreeMap<Uuid, bool> = cases.iter().map(|c| (c.id, c.status == CaseStatus::Closed)).collect();
    let parties = case_party::Entity::find().filter(case_party::Column::CaseId.is_in(ids.clone())).all(db).await?;
    let filings = case_filing::Entity::find().filter(case_filing::Column::CaseId.is_in(ids)).all(db).await?;
    let mut rows: BTreeMap<Uuid, UnitYearStats> = BTreeMap::new();
    let mut seen: std::collections::BTreeSet<(Uuid, Uuid)> = Default::default();
    for p in &parties {
        let row =
            rows.entry(p.unit_id).or_insert_with(|| UnitYearStats { unit_id: p.unit_id, year, ..Default::default() });
        if seen.insert((p.unit_id, p.case_id)) {
            row.cases += 1;
            if decided.get(&p.case_id).copied().unwrap_or(false) {
                row.decided += 1;
            }
            if closed.get(&p.case_id).copied().unwrap_or(false) {
                row.closed_without_measures += 1;
            }
        }
        for m in from_text::<Vec<Measure>>(&p.measures) {
            match m {
                Measure::OrderToCorrect => row.order_to_correct += 1,
                Measure::AdmonishmentTalk => row.admonishment_talk += 1,
                Measure::CirculatedCriticism => row.circulated_criticism += 1,
                Measure::DisciplinarySanction(_) => row.disciplinary_sanction += 1,
                Measure::Other => row.other += 1,
            }
        }
    }
    for f in &filings {
        let Some(p) = parties.iter().find(|p| p.id == f.party_id) else { continue };
        let Some(row) = rows.get_mut(&p.unit_id) else { continue };
        if f.kind == RemedyKind::Appeal {
            row.appeals += 1;
        } else {
            row.reviews += 1;
        }
        match f.outcome.as_deref() {
            Some("upheld") => row.upheld += 1,
            Some("changed") => row.changed += 1,
            Some("revoked") => row.revoked += 1,
            _ => {}
        }
    }
    let names: BTreeMap<Uuid, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(rows.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut out: Vec<UnitYearStats> = rows
        .into_values()
        .map(|mut r| {
            r.unit_name = names.get(&r.unit_id).cloned().unwrap_or_default();
            r
        })
        .collect();
    out.sort_by(|a, b| b.cases.cmp(&a.cases).then(a.unit_name.cmp(&b.unit_name)));
    Ok(out)
}

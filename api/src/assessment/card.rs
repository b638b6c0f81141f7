//! A unit's scorecard under a scheme: every indicator with what the platform measured, what the
//! unit reported of itself, what the group scored and what the daily checks took off — the one
//! computation behind the unit's live dashboard, the group's sheet and the proposal.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{EvaluationRating, SchemeStatus, SelfCheckStatus};
use entity::{
    assessment_evidence as evidence, assessment_finding as finding, assessment_result as result,
    assessment_scheme as scheme, assessment_score as score, assessment_self_check as self_check, unit,
};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::measures::{self, RecordRef};
use super::scheme::{
    Figure, Grade, GradeBand, Indicator, IndicatorGroup, ScoringRule, after_findings, automatic_points, grade_of, total,
};
use crate::error::ApiError;
use crate::tenancy::{ScopedFind, UnitRef};

pub fn indicators_of(s: &scheme::Model) -> Vec<Indicator> {
    serde_json::from_str(&s.indicators).unwrap_or_default()
}

/// The scheme's indicator of that code; an unknown one is the fault of `field`.
pub fn indicator_in<'a>(indicators: &'a [Indicator], code: &str, field: &str) -> Result<&'a Indicator, ApiError> {
    indicators.iter().find(|i| i.code == code).ok_or(ApiError::field(field, "unknown_indicator"))
}

pub fn grades_of(s: &scheme::Model) -> Vec<GradeBand> {
    serde_json::from_str(&s.grades).unwrap_or_else(|_| super::scheme::standard_grades())
}

/// The unit's own score of an indicator in its self-check.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfScore {
    pub indicator_code: String,
    /// In hundredths of a point.
    pub score: u32,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

pub fn self_scores_of(c: &self_check::Model) -> Vec<SelfScore> {
    serde_json::from_str(&c.self_scores).unwrap_or_default()
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FigureView {
    /// `share`, `count`, `rating` or `unavailable`.
    pub kind: String,
    pub hits: Option<u64>,
    pub counted: Option<u64>,
    pub count: Option<u64>,
    pub rating: Option<EvaluationRating>,
}

impl From<&Figure> for FigureView {
    fn from(f: &Figure) -> Self {
        let none = Self { kind: String::new(), hits: None, counted: None, count: None, rating: None };
        match f {
            Figure::Share { hits, counted } => {
                Self { kind: "share".into(), hits: Some(*hits), counted: Some(*counted), ..none }
            }
            Figure::Count(n) => Self { kind: "count".into(), count: Some(*n), ..none },
            Figure::Rating(r) => Self { kind: "rating".into(), rating: Some(*r), ..none },
            Figure::Unavailable => Self { kind: "unavailable".into(), ..none },
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AutomaticView {
    pub figure: FigureView,
    /// Points the rule gives the figure, before findings; none when it cannot be measured.
    pub points: Option<u32>,
    pub explanation_zh: String,
    pub explanation_en: String,
    /// The records behind the figure (at most 200; those against the unit first).
    pub records: Vec<RecordRef>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupScoreView {
    pub score: u32,
    pub method: String,
    pub note: String,
    pub scored_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorCard {
    pub code: String,
    pub group: IndicatorGroup,
    pub name: String,
    pub points: u32,
    pub rule: ScoringRule,
    pub standard: Option<String>,
    pub automatic: Option<AutomaticView>,
    pub self_score: Option<SelfScore>,
    /// The assessment group's score; shown to the unit itself once the results are published.
    pub group_score: Option<GroupScoreView>,
    /// Points the daily checks' findings take off.
    pub findings_deduction: u32,
    /// The indicator's score; none while it waits for the group or cannot be measured.
    pub score: Option<u32>,
    /// `scored`, `awaiting_group` (a manual indicator, or an unmeasurable one the group may score)
    /// or `not_scored`.
    pub state: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupSubtotal {
    pub group: IndicatorGroup,
    /// The group's points in the scheme.
    pub points: u32,
    /// Scored so far, and the points of the indicators scored.
    pub scored: u32,
    pub maximum: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckFindingView {
    pub id: Uuid,
    pub indicator_code: String,
    pub description: String,
    pub evidence_url: Option<String>,
    pub deduction: u32,
    pub notice_id: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

impl From<&finding::Model> for CheckFindingView {
    fn from(f: &finding::Model) -> Self {
        Self {
            id: f.id,
            indicator_code: f.indicator_code.clone(),
            description: f.description.clone(),
            evidence_url: f.evidence_url.clone(),
            deduction: u32::try_from(f.deduction).unwrap_or(0),
            notice_id: f.notice_id,
            recorded_at: f.recorded_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SelfCheckEvidence {
    pub id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

impl From<&evidence::Model> for SelfCheckEvidence {
    fn from(e: &evidence::Model) -> Self {
        Self {
            id: e.id,
            file_name: e.file_name.clone(),
            content_type: e.content_type.clone(),
            size_bytes: e.size_bytes,
            sha256: e.sha256.clone(),
            created_at: e.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SelfCheckView {
    pub status: SelfCheckStatus,
    pub report: String,
    pub self_scores: Vec<SelfScore>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub due_on: NaiveDate,
    /// Submitted after its deadline.
    pub late: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResultView {
    pub total: u32,
    pub maximum: u32,
    pub percent: u32,
    pub proposed_grade: Grade,
    pub proposal_note: Option<String>,
    pub proposed_at: DateTime<Utc>,
    pub confirmed_grade: Option<Grade>,
    pub confirm_note: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

impl From<&result::Model> for ResultView {
    fn from(r: &result::Model) -> Self {
        Self {
            total: u32::try_from(r.total).unwrap_or(0),
            maximum: u32::try_from(r.maximum).unwrap_or(0),
            percent: u32::try_from(r.percent).unwrap_or(0),
            proposed_grade: Grade::parse(&r.proposed_grade).unwrap_or(Grade::Fail),
            proposal_note: r.proposal_note.clone(),
            proposed_at: r.proposed_at,
            confirmed_grade: r.confirmed_grade.as_deref().and_then(Grade::parse),
            confirm_note: r.confirm_note.clone(),
            confirmed_at: r.confirmed_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SchemeSummary {
    pub id: Uuid,
    pub year: i32,
    pub title: String,
    pub version: i32,
    pub status: SchemeStatus,
    pub self_check_due: NaiveDate,
    pub grades: Vec<GradeBand>,
}

impl From<&scheme::Model> for SchemeSummary {
    fn from(s: &scheme::Model) -> Self {
        Self {
            id: s.id,
            year: s.year,
            title: s.title.clone(),
            version: s.version,
            status: s.status,
            self_check_due: s.self_check_due,
            grades: grades_of(s),
        }
    }
}

/// A unit's scorecard.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Scorecard {
    pub scheme: SchemeSummary,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub indicators: Vec<IndicatorCard>,
    pub groups: Vec<GroupSubtotal>,
    /// The indicators scored so far, in hundredths: points, the points they were worth, and the
    /// percentage (hundredths) the grade is read from.
    pub total: u32,
    pub maximum: u32,
    pub percent: u32,
    /// The grade the figures give as they stand; the confirmed grade is in `result`.
    pub live_grade: Grade,
    pub findings: Vec<CheckFindingView>,
    pub self_check: Option<SelfCheckView>,
    pub evidence: Vec<SelfCheckEvidence>,
    /// The group's proposal and the office's confirmation; shown to the unit once published.
    pub result: Option<ResultView>,
}

/// Everything the scorecard reads of one unit under one scheme.
#[derive(Debug)]
pub struct Inputs {
    pub findings: Vec<finding::Model>,
    pub scores: Vec<score::Model>,
    pub self_check: Option<self_check::Model>,
    pub evidence: Vec<evidence::Model>,
    pub result: Option<result::Model>,
}

pub async fn inputs(db: &impl ConnectionTrait, s: &scheme::Model, unit: UnitRef) -> Result<Inputs, ApiError> {
    Ok(Inputs {
        findings: finding::Entity::find_in(unit)
            .filter(finding::Column::Year.eq(s.year))
            .order_by_asc(finding::Column::RecordedAt)
            .all(db)
            .await?,
        scores: score::Entity::find_in(unit).filter(score::Column::SchemeId.eq(s.id)).all(db).await?,
        self_check: self_check::Entity::find_in(unit).filter(self_check::Column::SchemeId.eq(s.id)).one(db).await?,
        evidence: evidence::Entity::find_in(unit)
            .filter(evidence::Column::SchemeId.eq(s.id))
            .order_by_asc(evidence::Column::CreatedAt)
            .all(db)
            .await?,
        result: result::Entity::find_in(unit).filter(result::Column::SchemeId.eq(s.id)).one(db).await?,
    })
}

/// The scorecard. `as_overseer` shows the group's scores and the result before publication.
pub async fn scorecard(
    db: &impl ConnectionTrait,
    s: &scheme::Model,
    unit: &unit::Model,
    today: NaiveDate,
    as_overseer: bool,
) -> Result<Scorecard, ApiError> {
    let scope = UnitRef::owning_row(unit.id, unit.county_id);
    let inp = inputs(db, s, scope).await?;
    let published = s.status == SchemeStatus::Published;
    let show_group = as_overseer || published;
    let indicators = indicators_of(s);
    let self_scores: HashMap<String, SelfScore> = inp
        .self_check
        .as_ref()
        .map(|c| self_scores_of(c).into_iter().map(|x| (x.indicator_code.clone(), x)).collect())
        .unwrap_or_default();
    let group_scores: HashMap<&str, &score::Model> =
        inp.scores.iter().map(|x| (x.indicator_code.as_str(), x)).collect();
    let mut cards = Vec::with_capacity(indicators.len());
    for ind in &indicators {
        let automatic = match ind.rule.measure() {
            Some(m) => {
                let measured = measures::measure(db, unit, s.year, today, m).await?;
                Some(AutomaticView {
                    figure: FigureView::from(&measured.figure),
                    points: automatic_points(ind, &measured.figure),
                    explanation_zh: measured.explanation_zh,
                    explanation_en: measured.explanation_en,
                    records: measured.records,
                })
            }
            None => None,
        };
        let group = group_scores.get(ind.code.as_str()).copied();
        let base = match &automatic {
            Some(a) if a.points.is_some() => a.points,
            _ => group.map(|g| u32::try_from(g.score).unwrap_or(0)),
        };
        let deduction: u32 = inp
            .findings
            .iter()
            .filter(|f| f.indicator_code == ind.code)
            .map(|f| u32::try_from(f.deduction).unwrap_or(0))
            .sum();
        let score = base.map(|b| after_findings(b, deduction));
        let state = match (&automatic, score) {
            (_, Some(_)) => "scored",
            (None, None) => "awaiting_group",
            (Some(_), None) => "not_scored",
        };
        cards.push(IndicatorCard {
            code: ind.code.clone(),
            group: ind.group,
            name: ind.name.clone(),
            points: ind.points,
            rule: ind.rule.clone(),
            standard: ind.standard.clone(),
            automatic,
            self_score: self_scores.get(&ind.code).cloned(),
            group_score: group.filter(|_| show_group).map(|g| GroupScoreView {
                score: u32::try_from(g.score).unwrap_or(0),
                method: g.method.clone(),
                note: g.note.clone(),
                scored_at: g.scored_at,
            }),
            findings_deduction: deduction,
            // The unit sees, before publication, only what the platform measured.
            score: if show_group || ind.rule.measure().is_some() && group.is_none() { score } else { None },
            state: state.into(),
        });
    }
    let visible: Vec<(u32, Option<u32>)> = cards.iter().map(|c| (c.points, c.score)).collect();
    let (total_points, maximum, percent) = total(&visible);
    let groups = IndicatorGroup::ALL
        .iter()
        .map(|g| {
            let of: Vec<(u32, Option<u32>)> =
                cards.iter().filter(|c| c.group == *g).map(|c| (c.points, c.score)).collect();
            let (scored, max, _) = total(&of);
            GroupSubtotal { group: *g, points: of.iter().map(|(p, _)| p).sum(), scored, maximum: max }
        })
        .collect();
    let self_check = inp.self_check.as_ref().map(|c| SelfCheckView {
        status: c.status,
        report: c.report.clone(),
        self_scores: self_scores_of(c),
        submitted_at: c.submitted_at,
        due_on: s.self_check_due,
        late: c.submitted_at.is_some_and(|at| crate::time::beijing_today(at) > s.self_check_due),
    });
    Ok(Scorecard {
        scheme: SchemeSummary::from(s),
        unit_id: unit.id,
        unit_name: unit.name.clone(),
        indicators: cards,
        groups,
        total: total_points,
        maximum,
        percent,
        live_grade: grade_of(&grades_of(s), percent),
        findings: inp.findings.iter().map(CheckFindingView::from).collect(),
        self_check,
        evidence: inp.evidence.iter().map(SelfCheckEvidence::from).collect(),
        result: inp.result.as_ref().filter(|_| show_group).map(ResultView::from),
    })
}

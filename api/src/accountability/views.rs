//! What the API answers about a case. Built from the rows in one place so every route shows the
//! same case the same way.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{case, case_filing, case_party};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::rules::{Measure, MeasureCheck, Severity, Share, ViolationType};
use super::service::{self, Factor, from_text, parse_name};
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::beijing_today;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartyView {
    pub id: Uuid,
    /// `unit` or `person`.
    pub kind: String,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub user_id: Option<Uuid>,
    pub user_name: Option<String>,
    /// The AC 9 share proposed from the approval trail.
    pub proposed_share: Option<Share>,
    /// e.g. `AC 9(2)`.
    pub proposed_basis: Option<String>,
    pub share: Option<Share>,
    /// The measures in force for this party.
    pub measures: Vec<Measure>,
    pub sanction_ends_on: Option<NaiveDate>,
    /// `recommended` (to the body with authority over the person), `imposed` or `declined`.
    pub sanction_status: Option<String>,
    pub sanction_decided_on: Option<NaiveDate>,
    /// The unit that decided on the sanction.
    pub sanction_decided_by: Option<Uuid>,
    pub sanction_note: Option<String>,
    pub statement: Option<String>,
    pub statement_at: Option<DateTime<Utc>>,
    pub learned_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SubjectView {
    pub subject_type: String,
    pub subject_id: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CircumstanceView {
    /// `mitigating` (AC 10) or `aggravating` (AC 11).
    pub kind: String,
    pub factor: Factor,
    pub note: String,
    /// Found by the system (the one-year repeat), not chosen.
    pub automatic: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceView {
    pub id: Uuid,
    /// `file` or `reference`.
    pub kind: String,
    pub title: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: i64,
    pub reference: Option<String>,
    pub added_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FilingView {
    pub id: Uuid,
    pub party_id: Uuid,
    /// `review` (复核) or `appeal` (申诉).
    pub kind: String,
    pub deciding_unit_id: Uuid,
    pub filed_by: Uuid,
    pub filed_at: DateTime<Utc>,
    /// The last day it could be filed.
    pub due_on: NaiveDate,
    pub grounds: String,
    /// The last day to decide it.
    pub decide_by: NaiveDate,
    pub clock_id: Option<Uuid>,
    /// `pending` or `decided`.
    pub status: String,
    /// `upheld`, `changed` or `revoked`.
    pub outcome: Option<String>,
    pub outcome_measures: Option<Vec<Measure>>,
    pub outcome_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The body outside the county that decides this step; `None` inside the county.
    pub external_body: Option<String>,
    pub external_filed_on: Option<NaiveDate>,
    pub external_decided_on: Option<NaiveDate>,
}

impl From<case_filing::Model> for FilingView {
    fn from(f: case_filing::Model) -> Self {
        Self {
            id: f.id,
            party_id: f.party_id,
            kind: f.kind.as_str().to_string(),
            deciding_unit_id: f.deciding_unit_id,
            filed_by: f.filed_by,
            filed_at: f.filed_at,
            due_on: f.due_on,
            grounds: f.grounds,
            decide_by: f.decide_by,
            clock_id: f.clock_id,
            status: f.status.as_str().to_string(),
            outcome: f.outcome,
            outcome_measures: f.outcome_measures.as_deref().map(from_text),
            outcome_reason: f.outcome_reason,
            decided_at: f.decided_at,
            external_body: f.external_body,
            external_filed_on: f.external_filed_on,
            external_decided_on: f.external_decided_on,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseSummary {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    /// `open`, `hearing` or `decided`.
    pub status: String,
    pub deciding_unit_id: Uuid,
    pub severity: Option<Severity>,
    pub violation_types: Vec<ViolationType>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

impl From<case::Model> for CaseSummary {
    fn from(c: case::Model) -> Self {
        Self {
            id: c.id,
            number: c.number,
            title: c.title,
            status: c.status.as_str().to_string(),
            deciding_unit_id: c.deciding_unit_id,
            severity: c.severity.as_deref().and_then(parse_name),
            violation_types: from_text(&c.violation_types),
            created_at: c.created_at,
            decided_at: c.decided_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseView {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    pub county_id: Uuid,
    pub deciding_unit_id: Uuid,
    pub deciding_unit_name: String,
    pub facts: String,
    pub violation_types: Vec<ViolationType>,
    pub lead_id: Option<Uuid>,
    /// `open`, `hearing`, `decided` or `closed` (without measures).
    pub status: String,
    /// How a closed case closed: `exempted` (免予处理) or `no_violation`.
    pub closure: Option<entity::enums::CaseClosure>,
    /// The day the violation happened.
    pub violated_on: Option<NaiveDate>,
    pub severity: Option<Severity>,
    pub measures: Vec<Measure>,
    /// AC 8's check of the measures against the severity.
    pub measure_check: Option<MeasureCheck>,
    pub departure_reason: Option<String>,
    /// Why the deciding body changed the AC 9 proposal.
    pub allocation_reason: Option<String>,
    /// `not_needed`, `pending`, `approved` or `rejected`.
    pub approval: String,
    pub approved_by: Option<Uuid>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approval_note: Option<String>,
    pub hearing_deadline: Option<NaiveDate>,
    pub reasons: Option<String>,
    /// `civil_service`, `supervisory` or `county_default:<days>`.
    pub track: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub parties: Vec<PartyView>,
    pub subjects: Vec<SubjectView>,
    pub circumstances: Vec<CircumstanceView>,
    pub evidence: Vec<EvidenceView>,
    pub filings: Vec<FilingView>,
    /// Units the circulated criticism goes to.
    pub circulated_to: Vec<Uuid>,
}

pub fn party_view(
    p: case_party::Model,
    units: &std::collections::BTreeMap<Uuid, String>,
    users: &std::collections::BTreeMap<Uuid, String>,
) -> PartyView {
    PartyView {
        id: p.id,
        kind: p.kind.as_str().to_string(),
        unit_name: units.get(&p.unit_id).cloned().unwrap_or_default(),
        unit_id: p.unit_id,
        user_name: p.user_id.and_then(|u| users.get(&u).cloned()),
        user_id: p.user_id,
        proposed_share: p.proposed_share.as_deref().and_then(parse_name),
        proposed_basis: p.proposed_basis,
        share: p.share.as_deref().and_then(parse_name),
        measures: from_text(&p.measures),
        sanction_ends_on: p.sanction_ends_on,
        sanction_status: p.sanction_status,
        sanction_decided_on: p.sanction_decided_on,
        sanction_decided_by: p.sanction_decided_by,
        sanction_note: p.sanction_note,
        statement: p.statement,
        statement_at: p.statement_at,
        learned_on: p.learned_on,
    }
}

/// The whole case as the API shows it. The one-year repeat (AC 11) is found afresh each time
/// until the decision, so it reflects every case decided since the case was opened.
pub async fn case_view(
    db: &impl ConnectionTrait,
    _state: &AppState,
    c: case::Model,
    now: DateTime<Utc>,
) -> Result<CaseView, ApiError> {
    let parties = service::parties(db, c.id).await?;
    let mut unit_ids: Vec<Uuid> = parties.iter().map(|p| p.unit_id).collect();
    unit_ids.push(c.deciding_unit_id);
    let user_ids: Vec<Uuid> = parties.iter().filter_map(|p| p.user_id).collect();
    let (units, users) = service::names(db, &unit_ids, &user_ids).await?;
    let as_of = c.decided_at.unwrap_or(now);
    let mut circumstances: Vec<CircumstanceView> = service::circumstances(db, c.id)
        .await?
        .into_iter()
        .filter_map(|r| {
            let factor: Factor = parse_name(&r.factor)?;
            Some(CircumstanceView { kind: r.kind, factor, note: r.note, automatic: false })
        })
        .collect();
    for (party_id, numbers) in service::repeats(db, &c, &parties, as_of).await? {
        let who = parties
            .iter()
            .find(|p| p.id == party_id)
            .map(|p| match p.user_id {
                Some(u) => users.get(&u).cloned().unwrap_or_default(),
                None => units.get(&p.unit_id).cloned().unwrap_or_default(),
            })
            .unwrap_or_default();
        circumstances.push(CircumstanceView {
            kind: "aggravating".into(),
            factor: Factor::RepeatWithinYear,
            note: format!("{who}：一年内已有被追责事项（{numbers}），本案为第二次及以上。"),
            automatic: true,
        });
    }
    let subjects = service::subjects(db, c.id)
        .await?
        .into_iter()
        .map(|s| SubjectView { subject_type: s.subject_type, subject_id: s.subject_id })
        .collect();
    let evidence = service::evidence(db, c.id)
        .await?
        .into_iter()
        .map(|e| EvidenceView {
            id: e.id,
            kind: e.kind,
            title: e.title,
            file_name: e.file_name,
            content_type: e.content_type,
            size_bytes: e.size_bytes,
            reference: e.reference,
            added_at: e.added_at,
        })
        .collect();
    let filings = service::filings(db, c.id).await?.into_iter().map(Into::into).collect();
    let circulated_to = service::circulations(db, c.id).await?;
    let measure_check = service::check_of(&c);
    Ok(CaseView {
        id: c.id,
        number: c.number,
        title: c.title,
        county_id: c.county_id,
        deciding_unit_name: units.get(&c.deciding_unit_id).cloned().unwrap_or_default(),
        deciding_unit_id: c.deciding_unit_id,
        facts: c.facts,
        violation_types: from_text(&c.violation_types),
        lead_id: c.lead_id,
        status: c.status.as_str().to_string(),
        closure: c.closure,
        violated_on: c.violated_on,
        severity: c.severity.as_deref().and_then(parse_name),
        measures: from_text(&c.measures),
        measure_check,
        departure_reason: c.departure_reason,
        allocation_reason: c.allocation_reason,
        approval: c.approval.as_str().to_string(),
        approved_by: c.approved_by,
        approved_at: c.approved_at,
        approval_note: c.approval_note,
        hearing_deadline: c.hearing_deadline,
        reasons: c.reasons,
        track: c.track,
        decided_at: c.decided_at,
        created_at: c.created_at,
        parties: parties.into_iter().map(|p| party_view(p, &units, &users)).collect(),
        subjects,
        circumstances,
        evidence,
        filings,
        circulated_to,
    })
}

/// A case seen by a person concerned: their own part of it and their remedies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyCaseView {
    pub case: CaseSummary,
    pub party: PartyView,
    pub reasons: Option<String>,
    pub hearing_deadline: Option<NaiveDate>,
    pub filings: Vec<FilingView>,
}

pub fn today(now: DateTime<Utc>) -> NaiveDate {
    beijing_today(now)
}

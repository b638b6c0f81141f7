//! The approval trail: how each decision was made, for AC 9. Workflow modules write it when a
//! decision is taken; the accountability module reads it to propose who bears responsibility.

pub mod routes;

use chrono::{DateTime, Utc};
use entity::approval_record as record;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, ErrorCode};
use crate::tenancy::UnitRef;

/// How a decision was made. Exactly one shape applies: approved by a leader (possibly on the
/// leader's own instruction, possibly over the handler's objection), decided collectively by the
/// leadership, or acted on without approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub subject_type: String,
    pub subject_id: String,
    /// What was decided, in a few words.
    pub decision: String,
    pub drafter: Uuid,
    pub reviewers: Vec<Uuid>,
    /// The leader who approved; `None` when the handler acted without approval.
    pub approver: Option<Uuid>,
    pub leader_instructed: bool,
    /// The handler's written objection to the leader's instruction, if any.
    pub objection: Option<String>,
    /// The members of a collective decision and its principal leader.
    pub collective: Option<(Vec<Uuid>, Uuid)>,
    pub secrecy_reviewed: bool,
    /// The act approved, e.g. `reply`; a clock kind names the act that meets it (`answered_by`).
    pub act: &'static str,
    /// Whether the act releases information; only such acts need a secrecy review first.
    pub releases_information: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApprovalView {
    pub id: Uuid,
    pub subject_type: String,
    pub subject_id: String,
    pub decision: String,
    pub drafter_id: Uuid,
    pub reviewer_ids: Vec<Uuid>,
    pub approver_id: Option<Uuid>,
    pub leader_instructed: bool,
    pub handler_objected: bool,
    pub objection: Option<String>,
    pub collective: bool,
    pub collective_members: Vec<Uuid>,
    pub principal_leader_id: Option<Uuid>,
    pub secrecy_reviewed: bool,
    pub decided_at: DateTime<Utc>,
    pub act: String,
    pub releases_information: bool,
}

impl From<record::Model> for ApprovalView {
    fn from(r: record::Model) -> Self {
        Self {
            id: r.id,
            subject_type: r.subject_type,
            subject_id: r.subject_id,
            decision: r.decision,
            drafter_id: r.drafter_id,
            reviewer_ids: serde_json::from_str(&r.reviewer_ids).unwrap_or_default(),
            approver_id: r.approver_id,
            leader_instructed: r.leader_instructed,
            handler_objected: r.handler_objected,
            objection: r.objection,
            collective: r.collective,
            collective_members: serde_json::from_str(&r.collective_members).unwrap_or_default(),
            principal_leader_id: r.principal_leader_id,
            secrecy_reviewed: r.secrecy_reviewed,
            decided_at: r.decided_at,
            act: r.act,
            releases_information: r.releases_information,
        }
    }
}

/// Records a decision's approval trail in the caller's transaction.
pub async fn record(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    a: Approval,
    now: DateTime<Utc>,
) -> Result<ApprovalView, ApiError> {
    if a.objection.is_some() && !a.leader_instructed {
        return Err(ApiError::Rule(ErrorCode::ObjectionWithoutInstruction, Some("objection".into())));
    }
    if a.secrecy_reviewed && a.reviewers.is_empty() {
        return Err(ApiError::Rule(ErrorCode::SecrecyReviewRequired, Some("reviewers".into())));
    }
    if a.collective.is_some() && a.approver.is_some() {
        return Err(ApiError::Rule(ErrorCode::CollectiveOrApprover, Some("approver".into())));
    }
    let (members, principal) = match &a.collective {
        Some((members, principal)) => (members.clone(), Some(*principal)),
        None => (Vec::new(), None),
    };
    let model = record::Model {
        id: Uuid::now_v7(),
        county_id: unit.county_id(),
        unit_id: unit.unit_id(),
        subject_type: a.subject_type,
        subject_id: a.subject_id,
        decision: a.decision.chars().take(200).collect(),
        drafter_id: a.drafter,
        reviewer_ids: serde_json::to_string(&a.reviewers).unwrap_or_else(|_| "[]".into()),
        approver_id: a.approver,
        leader_instructed: a.leader_instructed,
        handler_objected: a.objection.is_some(),
        objection: a.objection,
        collective: a.collective.is_some(),
        collective_members: serde_json::to_string(&members).unwrap_or_else(|_| "[]".into()),
        principal_leader_id: principal,
        secrecy_reviewed: a.secrecy_reviewed,
        decided_at: now,
        act: a.act.into(),
        releases_information: a.releases_information,
    };
    record::Entity::insert(record::ActiveModel::from(model.clone())).exec_without_returning(tx).await?;
    Ok(model.into())
}

/// The latest decision of an act on a subject in the unit, if any.
pub async fn latest_for(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    subject_type: &str,
    subject_id: &str,
    act: &str,
) -> Result<Option<record::Model>, ApiError> {
    use crate::tenancy::ScopedFind;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(record::Entity::find_in(unit)
        .filter(record::Column::SubjectType.eq(subject_type))
        .filter(record::Column::SubjectId.eq(subject_id))
        .filter(record::Column::Act.eq(act))
        .order_by_desc(record::Column::DecidedAt)
        .one(db)
        .await?)
}

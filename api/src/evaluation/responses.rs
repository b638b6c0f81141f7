//! What every channel shares when it records a response: the unit must be one the campaign
//! evaluates, the answers must rate the current questionnaire once each, and the row is written
//! with its answers — counted or, with its reason, discarded.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use entity::enums::{CampaignStatus, DiscardReason, RepresentativeCategory, ResponseChannel};
use entity::{
    evaluation_answer as answer, evaluation_campaign as campaign, evaluation_response as response,
    evaluation_target as target,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Statement};
use uuid::Uuid;

use super::public::AnswerRequest;
use super::routes::questions_of;
use crate::auth::Reach;
use crate::error::{ApiError, ErrorCode};
use crate::tenancy::{ScopedFind, UnitRef};
use crate::time::beijing_today;

/// How a response came and who it may be traced to, as keyed hashes only.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    pub contact_key: Option<String>,
    pub device_key: Option<String>,
    pub address_key: Option<String>,
    pub invitation_id: Option<Uuid>,
    pub representative_category: Option<RepresentativeCategory>,
    pub paper_batch: Option<String>,
    pub paper_sheet: Option<String>,
    pub entered_by: Option<Uuid>,
}

/// The campaign takes responses today.
pub fn ensure_open(c: &campaign::Model, now: DateTime<Utc>) -> Result<(), ApiError> {
    let today = beijing_today(now);
    if c.status != CampaignStatus::Open || today < c.opens_on || today > c.closes_on {
        return Err(ApiError::Rule(ErrorCode::CampaignNotOpen, None));
    }
    Ok(())
}

/// The unit, if the campaign evaluates it.
pub async fn evaluated(db: &impl ConnectionTrait, c: &campaign::Model, unit_id: Uuid) -> Result<UnitRef, ApiError> {
    let t = target::Entity::find_within(&Reach::County(c.county_id))
        .filter(target::Column::CampaignId.eq(c.id))
        .filter(target::Column::UnitId.eq(unit_id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::field("unit_id", "invalid_reference"))?;
    Ok(UnitRef::owning_row(t.unit_id, t.county_id))
}

/// The answers rate every question of the current questionnaire exactly once.
pub async fn check_answers(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    answers: &[AnswerRequest],
) -> Result<(), ApiError> {
    let asked: HashSet<Uuid> = questions_of(db, c, c.questionnaire_version).await?.iter().map(|q| q.id).collect();
    let given: HashSet<Uuid> = answers.iter().map(|a| a.question_id).collect();
    if given != asked || answers.len() != asked.len() {
        return Err(ApiError::field("answers", "every_question_once"));
    }
    Ok(())
}

/// One writer at a time per campaign and unit, so two responses from one person cannot both be
/// counted: SQLite's write transactions are serial already; PostgreSQL takes a transaction lock.
pub async fn serialise_per_unit(tx: &impl ConnectionTrait, campaign_id: Uuid, unit_id: Uuid) -> Result<(), ApiError> {
    if tx.get_database_backend() == DatabaseBackend::Postgres {
        let key = format!("evaluation:{campaign_id}:{unit_id}");
        tx.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The unit's counted responses in the campaign.
pub async fn counted(
    tx: &impl ConnectionTrait,
    c: &campaign::Model,
    unit: UnitRef,
) -> Result<Vec<response::Model>, ApiError> {
    Ok(response::Entity::find_in(unit)
        .filter(response::Column::CampaignId.eq(c.id))
        .filter(response::Column::Discarded.is_null())
        .all(tx)
        .await?)
}

/// Writes a response and its answers; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    tx: &impl ConnectionTrait,
    c: &campaign::Model,
    unit: UnitRef,
    channel: ResponseChannel,
    from: Provenance,
    opinion: Option<String>,
    answers: &[AnswerRequest],
    discarded: Option<DiscardReason>,
    now: DateTime<Utc>,
) -> Result<Uuid, ApiError> {
    let id = Uuid::now_v7();
    response::Entity::insert(response::ActiveModel {
        id: Set(id),
        campaign_id: Set(c.id),
        county_id: Set(c.county_id),
        unit_id: Set(unit.unit_id()),
        channel: Set(channel),
        questionnaire_version: Set(c.questionnaire_version),
        contact_key: Set(from.contact_key),
        device_key: Set(from.device_key),
        address_key: Set(from.address_key),
        opinion: Set(opinion),
        discarded: Set(discarded),
        received_at: Set(now),
        invitation_id: Set(from.invitation_id),
        representative_category: Set(from.representative_category),
        paper_batch: Set(from.paper_batch),
        paper_sheet: Set(from.paper_sheet),
        entered_by: Set(from.entered_by),
    })
    .exec_without_returning(tx)
    .await?;
    for a in answers {
        answer::Entity::insert(answer::ActiveModel {
            id: Set(Uuid::now_v7()),
            response_id: Set(id),
            question_id: Set(a.question_id),
            rating: Set(a.rating),
        })
        .exec_without_returning(tx)
        .await?;
    }
    Ok(id)
}

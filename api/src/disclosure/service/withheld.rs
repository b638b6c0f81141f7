//! An item once withheld: its classification term (SR 8(2)) and the re-evaluation the county
//! schedules (Art. 18) each run on the shared clocks, so reminders reach the reviewer before the day
//! and the leader on it; every re-evaluation is kept on record.

use chrono::NaiveDate;
use entity::enums::{DisclosureAttribute, ItemStatus, ReevaluationOutcome, UnitDuty};
use entity::{information_item as item, item_reevaluation};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::*;
use crate::disclosure::requests::ReevaluationRequest;
use crate::disclosure::{CLASSIFICATION_TERM, REEVALUATION};

const LEVELS: [&str; 3] = ["绝密", "机密", "秘密"];

/// Starts (or begins anew) the clocks of a filed item from `today`: the re-evaluation of a
/// not-disclosed item, and the review before its classification term ends.
pub(crate) async fn start_withheld_clocks(
    tx: &impl ConnectionTrait,
    it: &item::Model,
    assignee: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let today = beijing_today(now);
    if it.attribute == DisclosureAttribute::NotDisclosed {
        let days = u32::try_from(crate::secrecy::settings::reevaluation_days(tx, it.county_id).await?).unwrap_or(365);
        let new = NewClock {
            kind: &REEVALUATION,
            legal_basis: "条例第十八条".into(),
            start: today,
            period: Period::CalendarDays(days),
            assignee: Some(assignee),
            label: label(it),
        };
        clocks::renew(tx, &subject(it), new, reason, Some(assignee), now).await?;
    }
    match (it.classification_level.as_deref(), it.classified_until) {
        (Some(_), Some(until)) => {
            let days = u32::try_from((until - today).num_days()).unwrap_or(0);
            let new = NewClock {
                kind: &CLASSIFICATION_TERM,
                legal_basis: "保密审查制度第八条；保守国家秘密法".into(),
                start: today,
                period: Period::CalendarDays(days),
                assignee: Some(assignee),
                label: label(it),
            };
            clocks::renew(tx, &subject(it), new, reason, Some(assignee), now).await?;
        }
        _ => {
            clocks::end(tx, &subject(it), &CLASSIFICATION_TERM, clocks::Ending::Cancel, now).await?;
        }
    }
    Ok(())
}

/// An item leaving the file (changed, or reopened) owes neither review any more.
pub(crate) async fn stop_withheld_clocks(
    tx: &impl ConnectionTrait,
    it: &item::Model,
    ending: clocks::Ending,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    clocks::end(tx, &subject(it), &REEVALUATION, ending, now).await?;
    clocks::end(tx, &subject(it), &CLASSIFICATION_TERM, ending, now).await?;
    Ok(())
}

/// The designated reviewer re-evaluates a filed item: keeps it withheld, changes its level or term
/// (a state secret), or reopens it for a new attribute and a new review. A term that has ended
/// cannot be kept as it is: the law declassifies it unless the term is changed.
pub async fn reevaluate(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    req: &ReevaluationRequest,
    by: Uuid,
) -> Result<(item::Model, item_reevaluation::Model), ApiError> {
    require(&it, &[ItemStatus::Filed])?;
    if !crate::units::duties::holds(tx, step.unit, by, UnitDuty::SecrecyReviewer).await? {
        return Err(ApiError::Rule(ErrorCode::NotSecrecyReviewer, None));
    }
    let today = beijing_today(step.now);
    let secret = it.classification_level.is_some();
    let term_ended = |until: Option<NaiveDate>| until.is_some_and(|u| u < today);
    let (level_after, until_after) = match req.outcome {
        ReevaluationOutcome::Keep => {
            if secret && term_ended(it.classified_until) {
                return Err(ApiError::field("classified_until", "term_ended"));
            }
            (it.classification_level.clone(), it.classified_until)
        }
        ReevaluationOutcome::Change => {
            if !secret {
                return Err(ApiError::field("outcome", "not_allowed"));
            }
            let level =
                opt(&req.classification_level).ok_or_else(|| ApiError::field("classification_level", "required"))?;
            if !LEVELS.contains(&level.as_str()) {
                return Err(ApiError::field("classification_level", "invalid_value"));
            }
            if req.classified_until.is_some_and(|u| u <= today) {
                return Err(ApiError::field("classified_until", "deadline_not_after_today"));
            }
            (Some(level), req.classified_until)
        }
        ReevaluationOutcome::Reopen => (it.classification_level.clone(), it.classified_until),
    };
    let row = item_reevaluation::Model {
        id: Uuid::now_v7(),
        county_id: it.county_id,
        unit_id: it.unit_id,
        item_id: it.id,
        outcome: req.outcome,
        level_before: it.classification_level.clone(),
        level_after: level_after.clone(),
        until_before: it.classified_until,
        until_after,
        note: crate::text::tidy(&req.note),
        reviewer_id: by,
        on_date: today,
        created_at: step.now,
    };
    item_reevaluation::Entity::insert(item_reevaluation::ActiveModel::from(row.clone()))
        .exec_without_returning(tx)
        .await?;
    let it = match req.outcome {
        ReevaluationOutcome::Reopen => {
            stop_withheld_clocks(tx, &it, clocks::Ending::Complete, step.now).await?;
            let next = it.revision + 1;
            save(
                tx,
                it,
                |a| {
                    a.status = Set(ItemStatus::Draft);
                    a.revision = Set(next);
                },
                step.now,
            )
            .await?
        }
        ReevaluationOutcome::Keep | ReevaluationOutcome::Change => {
            let it = save(
                tx,
                it,
                |a| {
                    a.classification_level = Set(level_after);
                    a.classified_until = Set(until_after);
                },
                step.now,
            )
            .await?;
            start_withheld_clocks(tx, &it, by, "定期评估审查", step.now).await?;
            it
        }
    };
    let details = serde_json::json!({ "outcome": row.outcome, "level": row.level_after, "until": row.until_after });
    event(tx, &it, "reevaluated", false, Some(by), details, step.now).await?;
    Ok((it, row))
}

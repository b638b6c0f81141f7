//! The read model behind item lists and pages.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{
    information_item as item, item_consultation, item_event, item_reevaluation, item_review, item_version, user,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::service::{self, FieldHit};
use super::views::*;
use super::{
    CLASSIFICATION_TERM, CONSULTATION_ANSWER, ITEM, ITEM_CONSULTATION, PUBLICATION, REEVALUATION, REFERRAL_ANSWER,
};
use crate::auth::Reach;
use crate::clocks;
use crate::error::ApiError;
use crate::tenancy::{ScopedFind, UnitRef, Via};

/// Art. 26's last day of each unpublished item, by item id.
pub async fn publish_by(
    db: &impl ConnectionTrait,
    reach: &Reach,
    items: &[item::Model],
) -> Result<HashMap<Uuid, NaiveDate>, ApiError> {
    let ids: Vec<Uuid> = items.iter().filter(|i| i.first_published_on.is_none()).map(|i| i.id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = clocks::for_subjects(db, reach, ITEM, &ids, &[&PUBLICATION]).await?;
    Ok(rows
        .into_iter()
        .filter(|c| c.state.is_open())
        .filter_map(|c| Some((Uuid::parse_str(&c.subject_id).ok()?, c.due_date)))
        .collect())
}

/// The answer-by day of each consultation, by id.
pub async fn answer_by(
    db: &impl ConnectionTrait,
    reach: &Reach,
    consultations: &[item_consultation::Model],
) -> Result<HashMap<Uuid, NaiveDate>, ApiError> {
    let ids: Vec<Uuid> = consultations.iter().map(|c| c.id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows =
        clocks::for_subjects(db, reach, ITEM_CONSULTATION, &ids, &[&CONSULTATION_ANSWER, &REFERRAL_ANSWER]).await?;
    Ok(rows.into_iter().filter_map(|c| Some((Uuid::parse_str(&c.subject_id).ok()?, c.due_date))).collect())
}

pub async fn names(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<HashMap<Uuid, String>, ApiError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The item's page: the working copy (masked for readers outside the unit), the scan's findings,
/// reviews, consultations, history and published versions.
pub async fn detail(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    via: Via,
    it: item::Model,
    files: &[service::AttachmentMeta],
    hits: &[FieldHit],
) -> Result<ItemDetail, ApiError> {
    let own = via == Via::OwnRole;
    let reviews = item_review::Entity::find_in(unit)
        .filter(item_review::Column::ItemId.eq(it.id))
        .order_by_asc(item_review::Column::CreatedAt)
        .all(db)
        .await?;
    let consultations = item_consultation::Entity::find_in(unit)
        .filter(item_consultation::Column::ItemId.eq(it.id))
        .order_by_asc(item_consultation::Column::CreatedAt)
        .all(db)
        .await?;
    let events = item_event::Entity::find_in(unit)
        .filter(item_event::Column::ItemId.eq(it.id))
        .order_by_asc(item_event::Column::CreatedAt)
        .all(db)
        .await?;
    let versions = item_version::Entity::find_in(unit)
        .filter(item_version::Column::ItemId.eq(it.id))
        .order_by_asc(item_version::Column::Revision)
        .all(db)
        .await?;
    let reevaluations = item_reevaluation::Entity::find_in(unit)
        .filter(item_reevaluation::Column::ItemId.eq(it.id))
        .order_by_asc(item_reevaluation::Column::CreatedAt)
        .all(db)
        .await?;
    let people =
        names(db, reviews.iter().map(|r| r.reviewer_id).chain(reevaluations.iter().map(|r| r.reviewer_id)).collect())
            .await?;
    let subject = service::subject(&it);
    let open_due = async |kind| -> Result<Option<NaiveDate>, ApiError> {
        Ok(clocks::find_open(db, &subject, kind).await?.map(|c| c.due_date))
    };
    let reevaluate_by = open_due(&REEVALUATION).await?;
    let term_review_by = open_due(&CLASSIFICATION_TERM).await?;
    // Answer periods run partly in the secrecy bureau; the county's clocks hold them all.
    let county = Reach::County(it.county_id);
    let dues = answer_by(db, &county, &consultations).await?;
    let publish_by = publish_by(db, &Reach::Units(vec![unit.unit_id()]), std::slice::from_ref(&it)).await?;
    let bound = service::bound_not_to_disclose(db, unit, it.id).await?;
    let text = |s: &str| if own { s.to_string() } else { mask_personal(s) };
    Ok(ItemDetail {
        id: it.id,
        unit_id: it.unit_id,
        title: text(&it.title),
        summary: text(&it.summary),
        body: text(&it.body),
        category: it.category,
        heading_id: it.heading_id,
        formed_on: it.formed_on,
        doc_number: it.doc_number.clone(),
        valid_from: it.valid_from,
        valid_until: it.valid_until,
        attribute: it.attribute,
        ground: it.ground,
        attribute_reason: it.attribute_reason.clone(),
        sensitive_domains: serde_json::from_str(&it.sensitive_domains).unwrap_or_default(),
        domain_authority: it.domain_authority.clone(),
        domain_procedure: it.domain_procedure.clone(),
        classification_level: it.classification_level.clone(),
        classified_until: it.classified_until,
        status: it.status,
        revision: it.revision,
        reviewed_revision: it.reviewed_revision,
        index_number: it.index_number.clone(),
        first_published_on: it.first_published_on,
        withdrawn_on: it.withdrawn_on,
        withdrawal_reason: it.withdrawal_reason.clone(),
        drafter_id: it.drafter_id,
        suggestion_id: it.suggestion_id,
        report_kind: it.report_kind,
        decisions: it.decisions,
        amount_fen: it.amount_fen,
        repealed_on: it.repealed_on,
        reevaluate_by,
        term_review_by,
        attachments: files.iter().filter(|f| f.in_revision(it.revision)).map(ItemAttachmentView::from).collect(),
        reevaluations: reevaluations
            .into_iter()
            .map(|r| {
                let name = people.get(&r.reviewer_id).cloned().unwrap_or_default();
                ReevaluationView::new(r, name)
            })
            .collect(),
        publish_by: publish_by.get(&it.id).copied(),
        bound_not_to_disclose: bound,
        hits: if own { hits.iter().map(HitView::from).collect() } else { Vec::new() },
        reviews: reviews
            .into_iter()
            .filter_map(|r| {
                let name = people.get(&r.reviewer_id).cloned().unwrap_or_default();
                ReviewView::new(r, name)
            })
            .collect(),
        consultations: consultations
            .into_iter()
            .map(|c| {
                let due = dues.get(&c.id).copied();
                ItemConsultationView::new(c, due)
            })
            .collect(),
        events: events.into_iter().map(ItemEventView::from).collect(),
        versions: versions.iter().map(VersionView::from).collect(),
        created_at: it.created_at,
        updated_at: it.updated_at,
    })
}

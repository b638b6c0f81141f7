//! Approval, publication under an index number, corrections and withdrawal.

use entity::enums::{DisclosureAttribute, ItemStatus, ReviewOutcome};
use entity::{index_serial, information_item as item, item_review, item_version, unit};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::*;
use crate::approvals::{self, Approval};
use crate::disclosure::SUBJECT;
use crate::disclosure::requests::{ItemApprovalRequest, PublishRequest};

/// The passing review of the item's current revision, if there is one.
pub(crate) async fn passing_review(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    it: &item::Model,
) -> Result<Option<item_review::Model>, ApiError> {
    if it.reviewed_revision != Some(it.revision) {
        return Ok(None);
    }
    Ok(item_review::Entity::find_in(unit)
        .filter(item_review::Column::ItemId.eq(it.id))
        .filter(item_review::Column::Revision.eq(it.revision))
        .filter(item_review::Column::Outcome.eq(ReviewOutcome::Passed))
        .order_by_desc(item_review::Column::CreatedAt)
        .one(db)
        .await?)
}

/// The leader approves the reviewed revision (a proactive item then waits to be published; any
/// other is filed) or sends it back. The approval trail names drafter, reviewer and approver (AC 9).
pub async fn approve(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    req: &ItemApprovalRequest,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    require(&it, &[ItemStatus::Reviewed])?;
    require_revision(&it, req.revision)?;
    let review =
        passing_review(tx, step.unit, &it).await?.ok_or(ApiError::Rule(ErrorCode::SecrecyReviewRequired, None))?;
    if !req.approved {
        let it = save(tx, it, |a| a.status = Set(ItemStatus::Draft), step.now).await?;
        event(tx, &it, "approval_returned", false, Some(by), serde_json::json!({ "note": opt(&req.note) }), step.now)
            .await?;
        return Ok(it);
    }
    let proactive = it.attribute == DisclosureAttribute::Proactive;
    let decision = match it.attribute {
        DisclosureAttribute::Proactive => "主动公开",
        DisclosureAttribute::OnApplication => "依申请公开",
        DisclosureAttribute::NotDisclosed => "不予公开",
    };
    approvals::record(
        tx,
        step.unit,
        Approval {
            subject_type: SUBJECT.into(),
            subject_id: it.id.to_string(),
            decision: format!("{decision}：{}", it.title),
            drafter: it.drafter_id,
            reviewers: vec![review.reviewer_id],
            approver: Some(by),
            leader_instructed: false,
            objection: None,
            collective: None,
            secrecy_reviewed: true,
            act: if proactive { "publish" } else { "withhold" },
            releases_information: proactive,
        },
        step.now,
    )
    .await?;
    let status = if proactive { ItemStatus::Approved } else { ItemStatus::Filed };
    let it = save(tx, it, |a| a.status = Set(status), step.now).await?;
    if !proactive {
        start_withheld_clocks(tx, &it, review.reviewer_id, "不予公开决定", step.now).await?;
    }
    event(tx, &it, "approved", false, Some(by), serde_json::json!({ "attribute": it.attribute }), step.now).await?;
    Ok(it)
}

/// Records that a published rule or normative document was repealed (table 2 counts it in the year
/// of repeal, and no longer in force). The catalogue keeps it and shows the repeal.
pub async fn repeal(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    req: &crate::disclosure::requests::RepealRequest,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    use entity::enums::ReportKind;
    require(&it, &[ItemStatus::Published])?;
    if !matches!(it.report_kind, Some(ReportKind::Rule | ReportKind::NormativeDocument)) {
        return Err(ApiError::Rule(ErrorCode::ItemWrongStage, Some("report_kind".into())));
    }
    if it.repealed_on.is_some() {
        return Err(ApiError::Rule(ErrorCode::ItemWrongStage, Some("repealed_on".into())));
    }
    if req.repealed_on > beijing_today(step.now) {
        return Err(ApiError::field("repealed_on", "in_future"));
    }
    if req.repealed_on < it.formed_on {
        return Err(ApiError::field("repealed_on", "before_start"));
    }
    let on = req.repealed_on;
    let it = save(tx, it, |a| a.repealed_on = Set(Some(on)), step.now).await?;
    let details = serde_json::json!({ "repealed_on": on, "note": clean(&req.note).trim() });
    event(tx, &it, "repealed", true, Some(by), details, step.now).await?;
    crate::disclosure::search::set_repealed(tx, step.unit, it.id, on).await?;
    Ok(it)
}

/// The next index number of the unit in the year: `<credit code>/<year>-<5-digit serial>`. The
/// serial is taken by an upsert in the publishing transaction, which holds the row until commit,
/// so replicas publishing at once neither share nor skip a number.
pub(crate) async fn next_index_number(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    credit_code: &str,
    year: i32,
) -> Result<String, ApiError> {
    index_serial::Entity::insert(index_serial::ActiveModel {
        unit_id: Set(unit.unit_id()),
        year: Set(year),
        last_serial: Set(1),
    })
    .on_conflict(
        OnConflict::columns([index_serial::Column::UnitId, index_serial::Column::Year])
            .value(
                index_serial::Column::LastSerial,
                Expr::col((index_serial::Entity, index_serial::Column::LastSerial)).add(1),
            )
            .to_owned(),
    )
    .exec_without_returning(tx)
    .await?;
    let row = index_serial::Entity::find_in(unit)
        .filter(index_serial::Column::Year.eq(year))
        .one(tx)
        .await?
        .ok_or(ApiError::Internal(anyhow::anyhow!("index serial row missing after upsert")))?;
    Ok(format!("{credit_code}/{year}-{:05}", row.last_serial))
}

/// Publishes the approved revision of a proactive item: the first time under the unit's next index
/// number (which it keeps), later as a correction that says what changed. The Art. 26 clock ends.
pub async fn publish(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    req: &PublishRequest,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    require(&it, &[ItemStatus::Approved])?;
    require_revision(&it, req.revision)?;
    if it.attribute != DisclosureAttribute::Proactive {
        return Err(ApiError::Rule(ErrorCode::ItemNotProactive, Some("attribute".into())));
    }
    // The gate holds whatever path led here: a passing review of this very revision, and no
    // binding answer of the bureau against disclosure.
    let review =
        passing_review(tx, step.unit, &it).await?.ok_or(ApiError::Rule(ErrorCode::SecrecyReviewRequired, None))?;
    if bound_not_to_disclose(tx, step.unit, it.id).await? {
        return Err(ApiError::Rule(ErrorCode::BoundByReferral, Some("attribute".into())));
    }
    let approval = crate::approvals::latest_for(tx, step.unit, SUBJECT, &it.id.to_string(), "publish")
        .await?
        .ok_or(ApiError::Rule(ErrorCode::ItemWrongStage, None))?;
    let correction = it.index_number.is_some();
    let note = opt(&req.correction_note);
    if correction && note.is_none() {
        return Err(ApiError::field("correction_note", "required"));
    }
    let today = beijing_today(step.now);
    let index_number = match &it.index_number {
        Some(n) => n.clone(),
        None => {
            let unit_row = unit::Entity::find_by_id(step.unit.unit_id()).one(tx).await?.ok_or(ApiError::NotFound)?;
            next_index_number(tx, step.unit, &unit_row.credit_code, chrono::Datelike::year(&today)).await?
        }
    };
    let version = item_version::Model {
        id: Uuid::now_v7(),
        item_id: it.id,
        county_id: it.county_id,
        unit_id: it.unit_id,
        revision: it.revision,
        index_number: index_number.clone(),
        title: it.title.clone(),
        summary: it.summary.clone(),
        body: it.body.clone(),
        category: it.category,
        heading_id: it.heading_id,
        formed_on: it.formed_on,
        doc_number: it.doc_number.clone(),
        valid_from: it.valid_from,
        valid_until: it.valid_until,
        published_on: today,
        correction_note: if correction { note.clone() } else { None },
        drafter_id: it.drafter_id,
        reviewer_id: review.reviewer_id,
        approver_id: approval.approver_id.unwrap_or(by),
        published_by: by,
        published_at: step.now,
    };
    item_version::Entity::insert(item_version::ActiveModel::from(version)).exec_without_returning(tx).await?;
    let first = it.first_published_on.unwrap_or(today);
    let number = index_number.clone();
    let it = save(
        tx,
        it,
        |a| {
            a.status = Set(ItemStatus::Published);
            a.index_number = Set(Some(number));
            a.first_published_on = Set(Some(first));
            a.withdrawn_on = Set(None);
            a.withdrawal_reason = Set(None);
        },
        step.now,
    )
    .await?;
    clocks::end(tx, &subject(&it), &PUBLICATION, clocks::Ending::Complete, step.now).await?;
    keep_fresh(tx, step, &it).await?;
    let files: Vec<String> = attachments(tx, step.unit, it.id)
        .await?
        .into_iter()
        .filter(|f| f.in_revision(it.revision))
        .filter_map(|f| f.text)
        .collect();
    crate::disclosure::search::index(tx, &it, &files).await?;
    let kind = if correction { "corrected" } else { "published" };
    event(tx, &it, kind, true, Some(by), serde_json::json!({ "index_number": index_number, "note": note }), step.now)
        .await?;
    Ok(it)
}

/// A publication under a heading with an update period starts the unit's period again (AC 6(1)).
async fn keep_fresh(tx: &impl ConnectionTrait, step: Step<'_>, it: &item::Model) -> Result<(), ApiError> {
    use entity::{catalogue_freshness as freshness, catalogue_heading};
    let Some(heading_id) = it.heading_id else { return Ok(()) };
    let Some(heading) = catalogue_heading::Entity::find_by_id(heading_id)
        .filter(catalogue_heading::Column::CountyId.eq(it.county_id))
        .one(tx)
        .await?
    else {
        return Ok(());
    };
    let Some(days) = heading.update_every_days.and_then(|d| u32::try_from(d).ok()) else { return Ok(()) };
    let today = beijing_today(step.now);
    let row = match freshness::Entity::find_in(step.unit)
        .filter(freshness::Column::HeadingId.eq(heading_id))
        .one(tx)
        .await?
    {
        Some(row) => {
            freshness::Entity::update_in(step.unit)
                .col_expr(freshness::Column::LastPublishedOn, Expr::value(today))
                .col_expr(freshness::Column::UpdatedAt, Expr::value(step.now))
                .filter(freshness::Column::Id.eq(row.id))
                .exec(tx)
                .await?;
            row
        }
        None => {
            let row = freshness::Model {
                id: Uuid::now_v7(),
                county_id: it.county_id,
                unit_id: it.unit_id,
                heading_id,
                last_published_on: today,
                updated_at: step.now,
            };
            freshness::Entity::insert(freshness::ActiveModel::from(row.clone())).exec_without_returning(tx).await?;
            row
        }
    };
    let new = clocks::NewClock {
        kind: &crate::disclosure::FRESHNESS,
        legal_basis: "责任追究制度第六条第（一）项；本县公开目录规定的更新周期".into(),
        start: today,
        period: crate::calendar::Period::CalendarDays(days),
        assignee: None,
        label: Label::new(format!("公开目录更新 · {}", heading.name), Some(format!("/console/items/{}", it.unit_id))),
    };
    let subject = clocks::Subject::new(crate::disclosure::HEADING_FRESHNESS, row.id, step.unit);
    clocks::renew(tx, &subject, new, "在该目录下发布了信息", None, step.now).await?;
    Ok(())
}

/// Takes a published item out of the catalogue; the public sees that it was withdrawn, when and why.
pub async fn withdraw(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    reason: &str,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    if it.first_published_on.is_none() || it.status == ItemStatus::Withdrawn {
        return Err(ApiError::Rule(ErrorCode::ItemWrongStage, None));
    }
    let reason = crate::text::tidy(reason);
    let today = beijing_today(step.now);
    let it = save(
        tx,
        it,
        |a| {
            a.status = Set(ItemStatus::Withdrawn);
            a.withdrawn_on = Set(Some(today));
            a.withdrawal_reason = Set(Some(reason.clone()));
        },
        step.now,
    )
    .await?;
    event(tx, &it, "withdrawn", true, Some(by), serde_json::json!({ "reason": reason }), step.now).await?;
    crate::disclosure::search::unindex(tx, step.unit, it.id).await?;
    Ok(it)
}

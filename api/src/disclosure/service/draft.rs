//! Drafting: the working copy with its disclosure attribute (SR 6(1)), changes (each one a new
//! revision that needs a new review), the scan and one-hit masking, and submission for review.

use entity::enums::{DisclosureAttribute, ItemStatus, ReportKind};
use entity::information_item as item;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::*;
use crate::disclosure::requests::{ItemDraft, ItemField, MaskRequest};
use crate::secrecy::scan::{self, Hit, HitKind};

/// A scan hit and the text it is in (an attachment's, when `attachment_id` is set).
#[derive(Debug, Clone)]
pub struct FieldHit {
    pub field: ItemField,
    pub attachment_id: Option<Uuid>,
    pub hit: Hit,
}

/// Scans the title, summary and body of the working copy, and the text of the files attached to
/// its current revision.
pub fn scan_item(
    it: &item::Model,
    files: &[AttachmentMeta],
    words: Option<&aho_corasick::AhoCorasick>,
) -> Vec<FieldHit> {
    let own = [(ItemField::Title, &it.title), (ItemField::Summary, &it.summary), (ItemField::Body, &it.body)]
        .into_iter()
        .flat_map(|(field, text)| {
            scan::scan(text, words).into_iter().map(move |hit| FieldHit { field, attachment_id: None, hit })
        });
    let attached = files.iter().filter(|f| f.in_revision(it.revision)).flat_map(|f| {
        scan::scan(f.text.as_deref().unwrap_or(""), words).into_iter().map(|hit| FieldHit {
            field: ItemField::Attachment,
            attachment_id: Some(f.id),
            hit,
        })
    });
    own.chain(attached).collect()
}

fn apply(active: &mut item::ActiveModel, d: &ItemDraft) {
    active.title = Set(crate::text::tidy(&d.title));
    active.summary = Set(crate::text::tidy(&d.summary));
    active.body = Set(clean(&d.body));
    active.category = Set(d.category);
    active.heading_id = Set(d.heading_id);
    active.formed_on = Set(d.formed_on);
    active.doc_number = Set(opt(&d.doc_number));
    active.valid_from = Set(d.valid_from);
    active.valid_until = Set(d.valid_until);
    active.attribute = Set(d.attribute);
    let withheld = d.attribute != DisclosureAttribute::Proactive;
    active.ground = Set(d.ground.filter(|_| withheld));
    active.attribute_reason = Set(opt(&d.attribute_reason).filter(|_| withheld));
    active.sensitive_domains = Set(serde_json::to_string(&d.sensitive_domains).unwrap_or_else(|_| "[]".into()));
    active.domain_authority = Set(opt(&d.domain_authority).filter(|_| !d.sensitive_domains.is_empty()));
    active.domain_procedure = Set(opt(&d.domain_procedure).filter(|_| !d.sensitive_domains.is_empty()));
    active.classification_level = Set(opt(&d.classification_level));
    active.classified_until = Set(d.classified_until.filter(|_| d.classification_level.is_some()));
    active.report_kind = Set(d.report_kind);
    let decisions =
        matches!(d.report_kind, Some(ReportKind::Licensing | ReportKind::Penalty | ReportKind::Enforcement));
    active.decisions = Set(d.decisions.filter(|_| decisions));
    active.amount_fen = Set(d.amount_fen.filter(|_| d.report_kind == Some(ReportKind::FeeCollection)));
}

/// A handler drafts a new item. A proactive item's Art. 26 clock starts from its formation.
pub async fn create(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    d: &ItemDraft,
    suggestion_id: Option<Uuid>,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    let Step { unit, now, .. } = step;
    let heading = check_draft(tx, unit, d, beijing_today(now)).await?;
    let mut active = item::ActiveModel {
        id: Set(Uuid::now_v7()),
        county_id: Set(unit.county_id()),
        unit_id: Set(unit.unit_id()),
        status: Set(ItemStatus::Draft),
        revision: Set(1),
        reviewed_revision: Set(None),
        index_number: Set(None),
        first_published_on: Set(None),
        withdrawn_on: Set(None),
        withdrawal_reason: Set(None),
        drafter_id: Set(by),
        suggestion_id: Set(suggestion_id),
        repealed_on: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut active, d);
    let it = item::Entity::insert(active).exec_with_returning(tx).await?;
    if it.attribute == DisclosureAttribute::Proactive {
        start_publication_clock(tx, &it, heading.as_ref(), now).await?;
    }
    event(tx, &it, "drafted", false, Some(by), serde_json::json!({ "attribute": it.attribute }), now).await?;
    Ok(it)
}

/// Changes the working copy. Any change after a review, an approval or a publication brings the
/// item back to the draft stage under a new revision: it needs a new review (SR 3). What the public
/// sees stays as last published until the change is published.
pub async fn update(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    revision: i32,
    d: &ItemDraft,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    let Step { unit, now, .. } = step;
    require(
        &it,
        &[
            ItemStatus::Draft,
            ItemStatus::InReview,
            ItemStatus::Reviewed,
            ItemStatus::Approved,
            ItemStatus::Published,
            ItemStatus::Filed,
            ItemStatus::Withdrawn,
        ],
    )?;
    require_revision(&it, revision)?;
    let heading = check_draft(tx, unit, d, beijing_today(now)).await?;
    let before = it.clone();
    let mut active: item::ActiveModel = it.into();
    apply(&mut active, d);
    active.revision = Set(before.revision + 1);
    active.status = Set(ItemStatus::Draft);
    active.updated_at = Set(now);
    let it = sea_orm::ActiveModelTrait::update(active, tx).await?;
    if before.status == ItemStatus::Filed {
        stop_withheld_clocks(tx, &it, clocks::Ending::Cancel, now).await?;
    }
    let was_proactive = before.attribute == DisclosureAttribute::Proactive;
    let is_proactive = it.attribute == DisclosureAttribute::Proactive;
    if before.first_published_on.is_none() {
        match (was_proactive, is_proactive) {
            (true, false) => {
                clocks::end(tx, &subject(&it), &PUBLICATION, clocks::Ending::Cancel, now).await?;
            }
            (false, true) => start_publication_clock(tx, &it, heading.as_ref(), now).await?,
            (true, true) if before.formed_on != it.formed_on => {
                clocks::restart(tx, &subject(&it), &PUBLICATION, it.formed_on, "形成日期更正", Some(by), now).await?;
            }
            _ => {}
        }
    }
    event(tx, &it, "changed", false, Some(by), serde_json::json!({ "from_revision": before.revision }), now).await?;
    Ok(it)
}

/// The drafter submits the current revision to the unit's secrecy reviewer.
pub async fn submit(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    revision: i32,
    by: Uuid,
) -> Result<item::Model, ApiError> {
    require(&it, &[ItemStatus::Draft])?;
    require_revision(&it, revision)?;
    let it = save(tx, it, |a| a.status = Set(ItemStatus::InReview), step.now).await?;
    event(tx, &it, "submitted", false, Some(by), serde_json::Value::Null, step.now).await?;
    Ok(it)
}

/// What a mask replaced, for the audit trail: the kind and the masked form, never the original.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Masked {
    pub field: ItemField,
    pub kind: HitKind,
    pub masked_as: String,
}

/// Masks one hit the scan reported on this revision, in its official form. The scan is run again
/// on the stored text, so a stale or invented hit is refused rather than cutting the wrong text.
pub async fn mask(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    it: item::Model,
    req: &MaskRequest,
    words: Option<&aho_corasick::AhoCorasick>,
    by: Uuid,
) -> Result<(item::Model, Masked), ApiError> {
    require(&it, &[ItemStatus::Draft, ItemStatus::InReview])?;
    require_revision(&it, req.revision)?;
    let text = match req.field {
        ItemField::Title => &it.title,
        ItemField::Summary => &it.summary,
        ItemField::Body => &it.body,
        // A file is not edited in place: the drafter replaces it with a masked copy.
        ItemField::Attachment => return Err(ApiError::Rule(ErrorCode::HitNotMaskable, Some("field".into()))),
    };
    let hit = scan::scan(text, words)
        .into_iter()
        .find(|h| h.kind == req.kind && h.start == req.start as usize && h.end == req.end as usize)
        .ok_or(ApiError::Rule(ErrorCode::ScanHitGone, Some("start".into())))?;
    let masked_text =
        scan::apply_mask(text, &hit).ok_or(ApiError::Rule(ErrorCode::HitNotMaskable, Some("kind".into())))?;
    let masked = Masked { field: req.field, kind: hit.kind, masked_as: hit.mask.clone().unwrap_or_default() };
    let next = it.revision + 1;
    let it = save(
        tx,
        it,
        |a| {
            match req.field {
                ItemField::Title => a.title = Set(masked_text),
                ItemField::Summary => a.summary = Set(masked_text),
                ItemField::Body | ItemField::Attachment => a.body = Set(masked_text),
            }
            a.revision = Set(next);
        },
        step.now,
    )
    .await?;
    event(tx, &it, "masked", false, Some(by), serde_json::to_value(&masked).unwrap_or_default(), step.now).await?;
    Ok((it, masked))
}

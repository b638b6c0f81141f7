//! Response bodies of the disclosure module. Staff of the unit see the working copy with the scan's
//! findings; an oversight body sees it with personal data masked and no findings.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{
    ConsultationStatus, DisclosureAttribute, InformationCategory, ItemConsultedParty, ItemOpinion, ItemStatus,
    ReevaluationOutcome, ReportKind, ReviewOutcome, WithholdingGround,
};
use entity::{
    catalogue_heading, information_item as item, item_consultation, item_event, item_reevaluation, item_review,
    item_version,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::requests::{ItemField, SensitiveDomain};
use super::service::{AttachmentMeta, FieldHit};
use crate::secrecy::checklist::Checklist;
use crate::secrecy::extract::Unreadable;
use crate::secrecy::scan::{self, HitKind};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemSummary {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub title: String,
    pub category: InformationCategory,
    pub attribute: DisclosureAttribute,
    pub status: ItemStatus,
    pub revision: i32,
    pub index_number: Option<String>,
    pub formed_on: NaiveDate,
    pub first_published_on: Option<NaiveDate>,
    /// Art. 26's last day, while the item is not yet published.
    pub publish_by: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

impl ItemSummary {
    pub fn new(it: &item::Model, publish_by: Option<NaiveDate>) -> Self {
        Self {
            id: it.id,
            unit_id: it.unit_id,
            title: it.title.clone(),
            category: it.category,
            attribute: it.attribute,
            status: it.status,
            revision: it.revision,
            index_number: it.index_number.clone(),
            formed_on: it.formed_on,
            first_published_on: it.first_published_on,
            publish_by,
            updated_at: it.updated_at,
        }
    }
}

/// One finding of the scan, with the offsets the mask request names.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HitView {
    pub field: ItemField,
    /// The attached file the hit is in, for `attachment`.
    pub attachment_id: Option<Uuid>,
    pub kind: HitKind,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub context: String,
    /// What masking puts in its place; none for a classification mark.
    pub mask: Option<String>,
}

impl From<&FieldHit> for HitView {
    fn from(h: &FieldHit) -> Self {
        Self {
            field: h.field,
            attachment_id: h.attachment_id,
            kind: h.hit.kind,
            start: u32::try_from(h.hit.start).unwrap_or(u32::MAX),
            end: u32::try_from(h.hit.end).unwrap_or(u32::MAX),
            text: h.hit.text.clone(),
            context: h.hit.context.clone(),
            mask: h.hit.mask.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewView {
    pub id: Uuid,
    pub revision: i32,
    pub reviewer_id: Uuid,
    pub reviewer_name: String,
    pub checklist: Checklist,
    pub findings: String,
    /// Findings of the scan still in the text when reviewed, by kind.
    #[schema(value_type = Object)]
    pub open_hits: serde_json::Value,
    pub outcome: ReviewOutcome,
    pub created_at: DateTime<Utc>,
}

impl ReviewView {
    pub fn new(r: item_review::Model, reviewer_name: String) -> Option<Self> {
        Some(Self {
            id: r.id,
            revision: r.revision,
            reviewer_id: r.reviewer_id,
            reviewer_name,
            checklist: serde_json::from_str(&r.checklist).ok()?,
            findings: r.findings,
            open_hits: serde_json::from_str(&r.open_hits).unwrap_or_default(),
            outcome: r.outcome,
            created_at: r.created_at,
        })
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemConsultationView {
    pub id: Uuid,
    pub item_id: Uuid,
    pub unit_id: Uuid,
    pub party: ItemConsultedParty,
    pub party_name: String,
    pub revision: i32,
    pub question: String,
    pub started_on: NaiveDate,
    /// The last day to answer (5 working days for the bureau, 15 for others).
    pub answer_by: Option<NaiveDate>,
    pub status: ConsultationStatus,
    pub opinion: Option<ItemOpinion>,
    pub answer: Option<String>,
    pub answered_on: Option<NaiveDate>,
}

impl ItemConsultationView {
    pub fn new(c: item_consultation::Model, answer_by: Option<NaiveDate>) -> Self {
        Self {
            id: c.id,
            item_id: c.item_id,
            unit_id: c.unit_id,
            party: c.party,
            party_name: c.party_name,
            revision: c.revision,
            question: c.question,
            started_on: c.started_on,
            answer_by,
            status: c.status,
            opinion: c.opinion,
            answer: c.answer,
            answered_on: c.answered_on,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemEventView {
    pub kind: String,
    pub public: bool,
    pub actor_id: Option<Uuid>,
    pub revision: i32,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    pub on_date: NaiveDate,
    pub created_at: DateTime<Utc>,
}

impl From<item_event::Model> for ItemEventView {
    fn from(e: item_event::Model) -> Self {
        Self {
            kind: e.kind,
            public: e.public,
            actor_id: e.actor_id,
            revision: e.revision,
            details: serde_json::from_str(&e.details).unwrap_or_default(),
            on_date: e.on_date,
            created_at: e.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    pub revision: i32,
    pub index_number: String,
    pub title: String,
    pub published_on: NaiveDate,
    pub correction_note: Option<String>,
    pub reviewer_id: Uuid,
    pub approver_id: Uuid,
}

impl From<&item_version::Model> for VersionView {
    fn from(v: &item_version::Model) -> Self {
        Self {
            revision: v.revision,
            index_number: v.index_number.clone(),
            title: v.title.clone(),
            published_on: v.published_on,
            correction_note: v.correction_note.clone(),
            reviewer_id: v.reviewer_id,
            approver_id: v.approver_id,
        }
    }
}

/// An item with everything its page shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemDetail {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: InformationCategory,
    pub heading_id: Option<Uuid>,
    pub formed_on: NaiveDate,
    pub doc_number: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub attribute: DisclosureAttribute,
    pub ground: Option<WithholdingGround>,
    pub attribute_reason: Option<String>,
    pub sensitive_domains: Vec<SensitiveDomain>,
    pub domain_authority: Option<String>,
    pub domain_procedure: Option<String>,
    pub classification_level: Option<String>,
    pub classified_until: Option<NaiveDate>,
    pub status: ItemStatus,
    pub revision: i32,
    pub reviewed_revision: Option<i32>,
    pub index_number: Option<String>,
    pub first_published_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<String>,
    pub drafter_id: Uuid,
    pub suggestion_id: Option<Uuid>,
    pub report_kind: Option<ReportKind>,
    pub decisions: Option<i32>,
    pub amount_fen: Option<i64>,
    pub repealed_on: Option<NaiveDate>,
    pub publish_by: Option<NaiveDate>,
    /// When the next re-evaluation of a withheld item is due (Art. 18).
    pub reevaluate_by: Option<NaiveDate>,
    /// When the classification term's review is due (SR 8(2)).
    pub term_review_by: Option<NaiveDate>,
    pub reevaluations: Vec<ReevaluationView>,
    /// The files of the current revision.
    pub attachments: Vec<ItemAttachmentView>,
    /// The secrecy bureau answered that it must not be disclosed (binding, SR 10).
    pub bound_not_to_disclose: bool,
    /// The scan's findings in the working copy (the unit's own staff only).
    pub hits: Vec<HitView>,
    pub reviews: Vec<ReviewView>,
    pub consultations: Vec<ItemConsultationView>,
    pub events: Vec<ItemEventView>,
    pub versions: Vec<VersionView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Masks the personal data the scan finds (identity, phone, card numbers, home addresses), for
/// readers outside the unit.
pub fn mask_personal(text: &str) -> String {
    let mut out = text.to_string();
    for hit in scan::scan(text, None).into_iter().rev() {
        if matches!(hit.kind, HitKind::IdNumber | HitKind::Mobile | HitKind::BankCard | HitKind::Address)
            && let Some(masked) = scan::apply_mask(&out, &hit)
        {
            out = masked;
        }
    }
    out
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeadingView {
    pub id: Uuid,
    pub name: String,
    pub name_en: String,
    pub category: InformationCategory,
    /// Working days to publish; Art. 26's 20 when none is set.
    pub publish_within_days: Option<i32>,
    pub position: i32,
    pub active: bool,
    /// Calendar days between publications a unit owes under the heading (AC 6(1)).
    pub update_every_days: Option<i32>,
}

/// A catalogue heading as the portal lists it: only headings something is published under.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicHeading {
    pub id: Uuid,
    pub name: String,
    pub name_en: String,
    pub category: InformationCategory,
    /// Items in the public catalogue under the heading (withdrawn ones not counted).
    pub published: u64,
}

impl From<catalogue_heading::Model> for HeadingView {
    fn from(h: catalogue_heading::Model) -> Self {
        Self {
            id: h.id,
            name: h.name,
            name_en: h.name_en,
            category: h.category,
            publish_within_days: h.publish_within_days,
            position: h.position,
            active: h.active,
            update_every_days: h.update_every_days,
        }
    }
}

/// A line of a unit's public catalogue (Art. 12): index number, name, summary, date formed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogueEntry {
    pub item_id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub index_number: String,
    pub title: String,
    pub summary: String,
    pub category: InformationCategory,
    pub doc_number: Option<String>,
    pub formed_on: NaiveDate,
    pub published_on: NaiveDate,
    /// The day of the latest correction, if it was ever corrected.
    pub corrected_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    /// The day a rule or normative document was repealed.
    pub repealed_on: Option<NaiveDate>,
}

/// A correction or withdrawal, as the public sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicChange {
    pub on: NaiveDate,
    /// `published`, `corrected`, `withdrawn` or `repealed`.
    pub kind: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicItem {
    #[serde(flatten)]
    pub entry: CatalogueEntry,
    /// The text as last published; empty once withdrawn.
    pub body: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub withdrawal_reason: Option<String>,
    pub history: Vec<PublicChange>,
    /// The files of the published version; none once withdrawn.
    pub attachments: Vec<PublicAttachment>,
}

/// A file of a published item.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicAttachment {
    pub id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
}

/// A re-evaluation of a withheld item, as its page lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReevaluationView {
    pub id: Uuid,
    pub outcome: ReevaluationOutcome,
    pub level_before: Option<String>,
    pub level_after: Option<String>,
    pub until_before: Option<NaiveDate>,
    pub until_after: Option<NaiveDate>,
    pub note: String,
    pub reviewer_name: String,
    pub on_date: NaiveDate,
}

impl ReevaluationView {
    pub fn new(r: item_reevaluation::Model, reviewer_name: String) -> Self {
        Self {
            id: r.id,
            outcome: r.outcome,
            level_before: r.level_before,
            level_after: r.level_after,
            until_before: r.until_before,
            until_after: r.until_after,
            note: r.note,
            reviewer_name,
            on_date: r.on_date,
        }
    }
}

/// A file of an item, with whether the scan could read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemAttachmentView {
    pub id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    /// Why its text could not be read (it must be checked by eye), if it could not.
    pub unreadable: Option<Unreadable>,
    /// How many characters of text the scan read in it.
    pub text_chars: u64,
    pub added_revision: i32,
    pub created_at: DateTime<Utc>,
}

impl From<&AttachmentMeta> for ItemAttachmentView {
    fn from(a: &AttachmentMeta) -> Self {
        Self {
            id: a.id,
            file_name: a.file_name.clone(),
            content_type: a.content_type.clone(),
            size_bytes: a.size_bytes,
            sha256: a.sha256.clone(),
            unreadable: a.unreadable.as_deref().and_then(Unreadable::from_code),
            text_chars: a.text.as_deref().map_or(0, |t| t.chars().count() as u64),
            added_revision: a.added_revision,
            created_at: a.created_at,
        }
    }
}

//! The steps of an information item, one function each, in the caller's transaction.

mod attachments;
mod draft;
mod publish;
mod review;
mod withheld;

pub use attachments::*;
pub use draft::*;
pub use publish::*;
pub use review::*;
pub use withheld::*;

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{DisclosureAttribute, ItemStatus, WithholdingGround};
use entity::{catalogue_heading, information_item as item, item_event};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::requests::ItemDraft;
use super::{ITEM, PUBLICATION, STATUTORY_PUBLICATION_DAYS};
use crate::calendar::Period;
use crate::clocks::{self, Label, NewClock, Subject};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::tenancy::{ScopedFind, UnitRef};
use crate::time::beijing_today;

/// What every step needs besides its input.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub unit: UnitRef,
    pub base_url: &'a str,
    pub now: DateTime<Utc>,
}

/// The item as the subject of its clocks.
pub fn subject(it: &item::Model) -> Subject {
    Subject::new(ITEM, it.id, UnitRef::owning_row(it.unit_id, it.county_id))
}

/// How staff know an item on "my work", in reminders and leads.
pub fn label(it: &item::Model) -> Label {
    let mut title: String = it.title.chars().take(24).collect();
    if it.title.chars().count() > 24 {
        title.push('…');
    }
    Label::new(format!("主动公开 · {title}"), Some(format!("/console/items/{}/{}", it.unit_id, it.id)))
}

/// An item of the unit, or 404 (another unit's item answers like a missing one).
pub async fn load(db: &impl ConnectionTrait, unit: UnitRef, id: Uuid) -> Result<item::Model, ApiError> {
    item::Entity::get_in(unit, id).one(db).await?.ok_or(ApiError::NotFound)
}

pub(crate) fn require(it: &item::Model, allowed: &[ItemStatus]) -> Result<(), ApiError> {
    if allowed.contains(&it.status) { Ok(()) } else { Err(ApiError::Rule(ErrorCode::ItemWrongStage, None)) }
}

pub(crate) fn require_revision(it: &item::Model, revision: i32) -> Result<(), ApiError> {
    if it.revision == revision {
        Ok(())
    } else {
        Err(ApiError::Conflict(ErrorCode::StaleRevision, Some("revision".into())))
    }
}

/// A draft checked against SR 6–7 and Arts. 14–16 before it is stored; field errors name every
/// part at fault at once.
pub(crate) async fn check_draft(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    d: &ItemDraft,
    today: NaiveDate,
) -> Result<Option<catalogue_heading::Model>, ApiError> {
    let mut errors = Vec::new();
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if d.title.trim().chars().count() < 2 {
        errors.push(FieldError::new("title", "length"));
    }
    if d.body.trim().is_empty() {
        errors.push(FieldError::new("body", "required"));
    }
    if d.formed_on > today {
        errors.push(FieldError::new("formed_on", "in_future"));
    }
    if let (Some(from), Some(until)) = (d.valid_from, d.valid_until)
        && until < from
    {
        errors.push(FieldError::new("valid_until", "before_start"));
    }
    match d.attribute {
        DisclosureAttribute::Proactive => {
            if d.ground.is_some() {
                errors.push(FieldError::new("ground", "not_allowed"));
            }
        }
        DisclosureAttribute::OnApplication | DisclosureAttribute::NotDisclosed => {
            match d.ground {
                None => errors.push(FieldError::new("ground", "required")),
                Some(WithholdingGround::OutsideProactiveScope) if d.attribute == DisclosureAttribute::NotDisclosed => {
                    errors.push(FieldError::new("ground", "invalid_value"))
                }
                _ => {}
            }
            if d.attribute_reason.as_deref().is_none_or(|r| r.trim().chars().count() < 2) {
                errors.push(FieldError::new("attribute_reason", "required"));
            }
        }
    }
    let secret = d.attribute == DisclosureAttribute::NotDisclosed && d.ground == Some(WithholdingGround::StateSecret);
    match d.classification_level.as_deref().map(str::trim) {
        None | Some("") if secret => errors.push(FieldError::new("classification_level", "required")),
        Some(level) if !level.is_empty() && !["绝密", "机密", "秘密"].contains(&level) => {
            errors.push(FieldError::new("classification_level", "invalid_value"))
        }
        Some(level) if !level.is_empty() && !secret => {
            errors.push(FieldError::new("classification_level", "not_allowed"))
        }
        _ => {}
    }
    if !d.sensitive_domains.is_empty() {
        if blank(&d.domain_authority) {
            errors.push(FieldError::new("domain_authority", "required"));
        }
        if blank(&d.domain_procedure) {
            errors.push(FieldError::new("domain_procedure", "required"));
        }
    }
    check_report(d, &mut errors);
    let heading = match d.heading_id {
        Some(id) => {
            let h = catalogue_heading::Entity::find_by_id(id)
                .filter(catalogue_heading::Column::CountyId.eq(unit.county_id()))
                .filter(catalogue_heading::Column::Active.eq(true))
                .one(db)
                .await?;
            match h {
                Some(h) if h.category == d.category => Some(h),
                Some(_) => {
                    errors.push(FieldError::new("heading_id", "category_mismatch"));
                    None
                }
                None => {
                    errors.push(FieldError::new("heading_id", "invalid_reference"));
                    None
                }
            }
        }
        None => None,
    };
    if errors.is_empty() { Ok(heading) } else { Err(ApiError::Validation(errors)) }
}

/// Table 2 counts an item only under the category it belongs to, with the figure its kind needs.
fn check_report(d: &ItemDraft, errors: &mut Vec<FieldError>) {
    use entity::enums::{InformationCategory as C, ReportKind as K};
    let Some(kind) = d.report_kind else { return };
    let fits = match kind {
        K::Rule | K::NormativeDocument => d.category == C::NormativeDocuments,
        K::Licensing => d.category == C::Licensing,
        K::Penalty | K::Enforcement => d.category == C::PenaltyEnforcement,
        K::FeeCollection => d.category == C::Fees,
    };
    if !fits {
        errors.push(FieldError::new("report_kind", "category_mismatch"));
    }
    match kind {
        K::Licensing | K::Penalty | K::Enforcement if d.decisions.is_none() => {
            errors.push(FieldError::new("decisions", "required"))
        }
        K::FeeCollection if d.amount_fen.is_none() => errors.push(FieldError::new("amount_fen", "required")),
        K::Rule | K::NormativeDocument if d.doc_number.as_deref().is_none_or(|n| n.trim().is_empty()) => {
            // A rule or normative document is known by its 文号.
            errors.push(FieldError::new("doc_number", "required"))
        }
        _ => {}
    }
}

pub(crate) use crate::text::clean;

pub(crate) fn opt(text: &Option<String>) -> Option<String> {
    text.as_deref().map(crate::text::tidy).filter(|t| !t.is_empty())
}

/// Art. 26's limit for an item, in working days: its heading's, or 20.
pub(crate) fn publication_days(heading: Option<&catalogue_heading::Model>) -> u32 {
    heading
        .and_then(|h| h.publish_within_days)
        .and_then(|d| u32::try_from(d).ok())
        .filter(|d| (1..=STATUTORY_PUBLICATION_DAYS).contains(d))
        .unwrap_or(STATUTORY_PUBLICATION_DAYS)
}

/// Starts (or keeps) the Art. 26 clock of a proactive item, counted from its formation.
pub(crate) async fn start_publication_clock(
    tx: &impl ConnectionTrait,
    it: &item::Model,
    heading: Option<&catalogue_heading::Model>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let days = publication_days(heading);
    let basis = if days < STATUTORY_PUBLICATION_DAYS {
        "条例第二十六条；本县公开目录规定的期限"
    } else {
        "条例第二十六条"
    };
    clocks::start(
        tx,
        &subject(it),
        NewClock {
            kind: &PUBLICATION,
            legal_basis: basis.into(),
            start: it.formed_on,
            period: Period::WorkingDays(days),
            assignee: Some(it.drafter_id),
            label: label(it),
        },
        now,
    )
    .await?;
    Ok(())
}

/// A step in the item's history.
pub(crate) async fn event(
    tx: &impl ConnectionTrait,
    it: &item::Model,
    kind: &str,
    public: bool,
    actor: Option<Uuid>,
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let row = item_event::Model {
        id: Uuid::now_v7(),
        item_id: it.id,
        county_id: it.county_id,
        unit_id: it.unit_id,
        kind: kind.into(),
        public,
        actor_id: actor,
        revision: it.revision,
        details: details.to_string(),
        on_date: beijing_today(now),
        created_at: now,
    };
    item_event::Entity::insert(item_event::ActiveModel::from(row)).exec_without_returning(tx).await?;
    Ok(())
}

/// Saves a change of status (and whatever else `change` sets).
pub(crate) async fn save(
    tx: &impl ConnectionTrait,
    it: item::Model,
    change: impl FnOnce(&mut item::ActiveModel),
    now: DateTime<Utc>,
) -> Result<item::Model, ApiError> {
    let mut active: item::ActiveModel = it.into();
    change(&mut active);
    active.updated_at = Set(now);
    Ok(active.update(tx).await?)
}

//! Art. 44: information that many applicants ask for may be moved to proactive disclosure, and an
//! applicant may suggest it. The handler names what an application asks for (`topic`); when enough
//! different applicants ask a unit for the same thing, the unit is prompted once; an applicant's
//! suggestion from the portal is put to the unit the same way. The unit decides each, with its
//! reason; what it accepts the disclosure module publishes.

use entity::enums::{SuggestionSource, SuggestionStatus};
use entity::publication_suggestion;
use sea_orm::QuerySelect;

use super::*;

/// How a topic is compared: trimmed, inner whitespace collapsed.
pub fn normalize_topic(topic: &str) -> String {
    topic.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names what an application asks for, and prompts the unit once when `threshold` different
/// applicants have asked it for the same information. Returns the prompt raised, if any.
pub async fn set_topic(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    app: application::Model,
    topic: &str,
    threshold: u64,
) -> Result<(application::Model, Option<publication_suggestion::Model>), ApiError> {
    let Step { unit, base_url, now } = step;
    disclosure_only(&app)?;
    let topic = normalize_topic(topic);
    if topic.chars().count() < 2 {
        return Err(ApiError::field("topic", "length"));
    }
    let app = save(tx, app, |a| a.topic = Set(Some(topic.clone())), now).await?;
    let keys: Vec<String> = application::Entity::find_in(unit)
        .select_only()
        .column(application::Column::ApplicantKey)
        .filter(application::Column::Topic.eq(topic.clone()))
        .filter(application::Column::RequestKind.eq(RequestKind::Disclosure))
        .distinct()
        .into_tuple()
        .all(tx)
        .await?;
    let applicants = keys.len() as u64;
    if applicants < threshold {
        return Ok((app, None));
    }
    let already = publication_suggestion::Entity::find_in(unit)
        .filter(publication_suggestion::Column::Topic.eq(topic.clone()))
        .filter(publication_suggestion::Column::Source.eq(SuggestionSource::Applications))
        .one(tx)
        .await?;
    if already.is_some() {
        return Ok((app, None));
    }
    let prompt = publication_suggestion::Model {
        id: Uuid::now_v7(),
        county_id: app.county_id,
        unit_id: app.unit_id,
        topic: topic.clone(),
        source: SuggestionSource::Applications,
        application_id: None,
        applicants: i32::try_from(applicants).unwrap_or(i32::MAX),
        reason: None,
        status: SuggestionStatus::Open,
        decision_note: None,
        decided_by: None,
        decided_at: None,
        created_at: now,
    };
    publication_suggestion::Entity::insert(publication_suggestion::ActiveModel::from(prompt.clone()))
        .exec_without_returning(tx)
        .await?;
    tell_leaders(tx, base_url, &prompt, now).await?;
    Ok((app, Some(prompt)))
}

/// An applicant suggests, from the tracking page, that what they asked for be published
/// proactively. One suggestion per application.
pub async fn suggest_publication(
    tx: &impl ConnectionTrait,
    base_url: &str,
    app: application::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<publication_suggestion::Model, ApiError> {
    disclosure_only(&app)?;
    let unit = UnitRef::owning_row(app.unit_id, app.county_id);
    let earlier = publication_suggestion::Entity::find_in(unit)
        .filter(publication_suggestion::Column::ApplicationId.eq(app.id))
        .one(tx)
        .await?;
    if earlier.is_some() {
        return Err(ApiError::Rule(ErrorCode::SuggestionMade, None));
    }
    let topic = app.topic.clone().unwrap_or_else(|| app.description.chars().take(200).collect());
    let suggestion = publication_suggestion::Model {
        id: Uuid::now_v7(),
        county_id: app.county_id,
        unit_id: app.unit_id,
        topic,
        source: SuggestionSource::Applicant,
        application_id: Some(app.id),
        applicants: 1,
        reason: Some(reason.trim().to_string()),
        status: SuggestionStatus::Open,
        decision_note: None,
        decided_by: None,
        decided_at: None,
        created_at: now,
    };
    publication_suggestion::Entity::insert(publication_suggestion::ActiveModel::from(suggestion.clone()))
        .exec_without_returning(tx)
        .await?;
    let today = beijing_today(now);
    let details = serde_json::json!({ "suggestion_id": suggestion.id, "reason": suggestion.reason });
    let ev = Ev { kind: "publication_suggested", public: true, actor: None, on: today, details, letter: None };
    event(tx, &app, ev, now).await?;
    tell_leaders(tx, base_url, &suggestion, now).await?;
    Ok(suggestion)
}

/// The unit's leader decides whether the information becomes proactive disclosure. An applicant
/// who suggested it reads the decision on their tracking page.
pub async fn decide_suggestion(
    tx: &impl ConnectionTrait,
    step: Step<'_>,
    suggestion: publication_suggestion::Model,
    accept: bool,
    note: &str,
    by: Uuid,
) -> Result<publication_suggestion::Model, ApiError> {
    let Step { unit, now, .. } = step;
    if suggestion.status != SuggestionStatus::Open {
        return Err(ApiError::Rule(ErrorCode::SuggestionDecided, None));
    }
    let status = if accept { SuggestionStatus::Accepted } else { SuggestionStatus::Declined };
    let mut active: publication_suggestion::ActiveModel = suggestion.clone().into();
    active.status = Set(status);
    active.decision_note = Set(Some(note.trim().to_string()));
    active.decided_by = Set(Some(by));
    active.decided_at = Set(Some(now));
    let decided = active.update(tx).await?;
    if let Some(application_id) = decided.application_id
        && let Some(app) =
            application::Entity::find_in(unit).filter(application::Column::Id.eq(application_id)).one(tx).await?
    {
        let details = serde_json::json!({ "accepted": accept, "note": decided.decision_note });
        let ev = Ev {
            kind: "publication_suggestion_decided",
            public: true,
            actor: Some(by),
            on: beijing_today(now),
            details,
            letter: None,
        };
        event(tx, &app, ev, now).await?;
    }
    Ok(decided)
}

async fn tell_leaders(
    tx: &impl ConnectionTrait,
    base_url: &str,
    suggestion: &publication_suggestion::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let unit = unit::Entity::find_by_id(suggestion.unit_id).one(tx).await?.ok_or(ApiError::NotFound)?;
    let link = format!("{}/console/units/{}/publication-suggestions", base_url.trim_end_matches('/'), unit.id);
    for person in members(tx, unit.id, Some(entity::enums::UnitRole::Leader)).await? {
        let notice = Notice {
            kind: "publication_prompt",
            context: serde_json::json!({
                "recipient_name": person.display_name,
                "unit_name": unit.name,
                "topic": suggestion.topic,
                "count": suggestion.applicants,
                "from_applicant": suggestion.source == SuggestionSource::Applicant,
                "reason": suggestion.reason.clone().unwrap_or_default(),
                "link": link,
            }),
            subject_type: Some("publication_suggestion".into()),
            subject_id: Some(suggestion.id.to_string()),
            link: Some(link.clone()),
            legal: false,
        };
        notify::deliver(tx, base_url, &person, &notice, now).await?;
    }
    Ok(())
}

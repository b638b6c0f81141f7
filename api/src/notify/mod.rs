//! Notifications: the in-app inbox, and email through an outbox written in the same transaction as
//! the change that causes it (so a rolled-back change sends nothing) and sent by the dispatcher.

pub mod dispatcher;
pub mod mailer;
pub mod routes;
pub mod templates;

use chrono::{DateTime, Utc};
use entity::enums::OutboxState;
use entity::{email_outbox, notification, notification_preference, user};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::error::ApiError;

/// One message to one person.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The template kind, e.g. `clock_reminder`.
    pub kind: &'static str,
    pub context: serde_json::Value,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub link: Option<String>,
    /// Decisions and appeals: always emailed, whatever the person's preferences.
    pub legal: bool,
}

/// Kinds a person may choose not to receive by email.
pub const OPTIONAL_EMAIL_KINDS: &[&str] = &[
    "clock_reminder",
    "clock_due_today",
    "clock_overdue",
    "calendar_next_year",
    "application_alert",
    "referral_received",
];

pub fn message_id(id: Uuid, public_base_url: &str) -> String {
    let host = public_base_url
        .split("://")
        .nth(1)
        .unwrap_or(public_base_url)
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("gongkai.localhost");
    format!("<{id}@{host}>")
}

/// Puts a notice in the person's inbox and, unless they opted out of this kind, an email in the
/// outbox — both in the caller's transaction.
pub async fn deliver(
    tx: &impl ConnectionTrait,
    public_base_url: &str,
    person: &user::Model,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let rendered = templates::render(notice.kind, &person.locale, &notice.context).map_err(ApiError::Internal)?;
    notification::Entity::insert(notification::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(person.id),
        county_id: Set(person.county_id),
        kind: Set(notice.kind.into()),
        title: Set(rendered.subject.chars().take(200).collect()),
        body: Set(rendered.text.clone()),
        subject_type: Set(notice.subject_type.clone()),
        subject_id: Set(notice.subject_id.clone()),
        link: Set(notice.link.clone()),
        created_at: Set(now),
        read_at: Set(None),
    })
    .exec_without_returning(tx)
    .await?;

    let Some(address) = person.email.clone().filter(|a| !a.is_empty()) else { return Ok(()) };
    if !notice.legal && !wants_email(tx, person.id, notice.kind).await? {
        return Ok(());
    }
    let to =
        Addressee { county_id: person.county_id, address: &address, name: &person.display_name, lang: &person.locale };
    queue_email(tx, public_base_url, &to, Some(person.id), notice, rendered, now).await
}

/// One row of the outbox; the dispatcher sends it.
async fn queue_email(
    tx: &impl ConnectionTrait,
    public_base_url: &str,
    to: &Addressee<'_>,
    user_id: Option<Uuid>,
    notice: &Notice,
    rendered: templates::Rendered,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let id = Uuid::now_v7();
    email_outbox::Entity::insert(email_outbox::ActiveModel {
        id: Set(id),
        message_id: Set(message_id(id, public_base_url)),
        county_id: Set(to.county_id),
        user_id: Set(user_id),
        to_address: Set(to.address.to_string()),
        to_name: Set(to.name.to_string()),
        kind: Set(notice.kind.into()),
        lang: Set(if to.lang.starts_with("en") { "en".into() } else { "zh".into() }),
        subject: Set(rendered.subject.chars().take(300).collect()),
        body_text: Set(rendered.text),
        body_html: Set(rendered.html),
        legal_notice: Set(notice.legal),
        state: Set(OutboxState::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(())
}

async fn wants_email(tx: &impl ConnectionTrait, user_id: Uuid, kind: &str) -> Result<bool, ApiError> {
    let pref = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(user_id))
        .filter(notification_preference::Column::Kind.eq(kind))
        .one(tx)
        .await?;
    Ok(pref.is_none_or(|p| p.email))
}

/// Someone without an account, reached by email only.
#[derive(Debug, Clone, Copy)]
pub struct Addressee<'a> {
    pub county_id: Option<Uuid>,
    pub address: &'a str,
    pub name: &'a str,
    /// `zh` or `en`.
    pub lang: &'a str,
}

/// Queues an email to someone without an account (an applicant), in the caller's transaction.
/// Such people have no inbox and no preferences: what they are sent concerns their own request.
pub async fn email_address(
    tx: &impl ConnectionTrait,
    public_base_url: &str,
    to: &Addressee<'_>,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let rendered = templates::render(notice.kind, to.lang, &notice.context).map_err(ApiError::Internal)?;
    queue_email(tx, public_base_url, to, None, notice, rendered, now).await
}

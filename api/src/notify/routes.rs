use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use entity::enums::OutboxState;
use entity::{email_outbox, notification, notification_preference};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveEnum, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::OPTIONAL_EMAIL_KINDS;
use crate::audit::AuditRecord;
use crate::auth::{Actor, Authorized};
use crate::db::write_tx;
use crate::error::{ApiError, ErrorCode};
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{OutboxManage, OutboxRead};
use crate::state::AppState;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_notifications)
        .service(unread_count)
        .service(mark_read)
        .service(mark_all_read)
        .service(get_preferences)
        .service(put_preferences)
        .service(list_outbox)
        .service(retry_email);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl From<notification::Model> for NotificationView {
    fn from(n: notification::Model) -> Self {
        Self {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            subject_type: n.subject_type,
            subject_id: n.subject_id,
            link: n.link,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct InboxQuery {
        pub unread_only: Option<bool>,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCount {
    pub unread: u64,
}

/// My inbox, newest first.
#[utoipa::path(
    tag = "notifications",
    params(InboxQuery),
    responses((status = 200, body = Page<NotificationView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[get("/notifications")]
pub async fn list_notifications(
    actor: Actor,
    state: web::Data<AppState>,
    query: ValidatedQuery<InboxQuery>,
) -> Result<web::Json<Page<NotificationView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = notification::Entity::find().filter(notification::Column::UserId.eq(actor.user_id));
    if q.unread_only == Some(true) {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    Ok(web::Json(
        Page::fetch(
            select.order_by_desc(notification::Column::CreatedAt).order_by_desc(notification::Column::Id),
            &state.db,
            paging,
            Into::into,
        )
        .await?,
    ))
}

/// How many unread items are in my inbox.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, body = UnreadCount), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[get("/notifications/unread-count")]
pub async fn unread_count(actor: Actor, state: web::Data<AppState>) -> Result<web::Json<UnreadCount>, ApiError> {
    let unread = notification::Entity::find()
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(&state.db)
        .await?;
    Ok(web::Json(UnreadCount { unread }))
}

/// Mark one item of my inbox as read.
#[utoipa::path(
    tag = "notifications",
    params(("notification_id" = Uuid, Path, description = "The inbox item")),
    responses((status = 204, description = "Marked read"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[post("/notifications/{notification_id}/read")]
pub async fn mark_read(
    actor: Actor,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let found = notification::Entity::find()
        .filter(notification::Column::Id.eq(path.into_inner()))
        .filter(notification::Column::UserId.eq(actor.user_id))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    if found.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
            .filter(notification::Column::Id.eq(found.id))
            .exec(&tx)
            .await?;
    }
    let record = AuditRecord::success("notification.read", "notification", found.id).in_county(actor.county_id);
    crate::work::commit(tx, &state, &actor.audit_actor(), record, now).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mark my whole inbox as read.
#[utoipa::path(
    tag = "notifications",
    responses((status = 204, description = "Marked read"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[post("/notifications/read-all")]
pub async fn mark_all_read(actor: Actor, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let changed = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&tx)
        .await?
        .rows_affected;
    let record = AuditRecord::success("notification.read_all", "notification", actor.user_id)
        .in_county(actor.county_id)
        .with_summary(serde_json::json!({ "marked": changed }));
    crate::work::commit(tx, &state, &actor.audit_actor(), record, now).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EmailPreference {
    /// A reminder kind: `clock_reminder`, `clock_due_today`, `clock_overdue`, `calendar_next_year`.
    pub kind: String,
    pub email: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// Which reminder emails I receive. Legal notices (decisions, appeals) are always emailed.
    #[validate(length(max = 20, code = "length"))]
    #[schema(max_items = 20)]
    pub emails: Vec<EmailPreference>,
}

/// Which reminder emails I receive.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, body = Preferences), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[get("/notifications/preferences")]
pub async fn get_preferences(actor: Actor, state: web::Data<AppState>) -> Result<web::Json<Preferences>, ApiError> {
    preferences_of(&state, actor.user_id).await.map(web::Json)
}

async fn preferences_of(state: &AppState, user_id: Uuid) -> Result<Preferences, ApiError> {
    let rows = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(user_id))
        .all(&state.db)
        .await?;
    let emails = OPTIONAL_EMAIL_KINDS
        .iter()
        .map(|kind| EmailPreference {
            kind: (*kind).into(),
            email: rows.iter().find(|r| r.kind == *kind).is_none_or(|r| r.email),
        })
        .collect();
    Ok(Preferences { emails })
}

/// Choose which reminder emails I receive.
#[utoipa::path(
    tag = "notifications",
    request_body = Preferences,
    responses((status = 200, body = Preferences), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(crate::policy::permissions::SIGNED_IN)))
)]
#[put("/notifications/preferences")]
pub async fn put_preferences(
    actor: Actor,
    state: web::Data<AppState>,
    body: ValidatedJson<Preferences>,
) -> Result<web::Json<Preferences>, ApiError> {
    let body = body.into_inner()?;
    for (i, p) in body.emails.iter().enumerate() {
        if !OPTIONAL_EMAIL_KINDS.contains(&p.kind.as_str()) {
            return Err(ApiError::field(&format!("emails[{i}].kind"), "invalid_value"));
        }
    }
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    for p in &body.emails {
        notification_preference::Entity::insert(notification_preference::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(actor.user_id),
            kind: Set(p.kind.clone()),
            email: Set(p.email),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([notification_preference::Column::UserId, notification_preference::Column::Kind])
                .update_columns([notification_preference::Column::Email, notification_preference::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&tx)
        .await?;
    }
    let record = AuditRecord::success("notification.preferences", "user", actor.user_id)
        .in_county(actor.county_id)
        .with_summary(serde_json::json!({ "emails": body.emails }));
    crate::work::commit(tx, &state, &actor.audit_actor(), record, now).await?;
    preferences_of(&state, actor.user_id).await.map(web::Json)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxView {
    pub id: Uuid,
    pub message_id: String,
    pub to_address: String,
    pub kind: String,
    pub subject: String,
    pub legal_notice: bool,
    /// `pending`, `sent` or `dead`.
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct OutboxQuery {
        /// `pending`, `sent` or `dead` (dead letters).
        #[validate(length(max = 16, code = "length"))]
        #[param(max_length = 16)]
        pub state: Option<String>,
    }
}

/// The email outbox and its dead letters.
#[utoipa::path(
    tag = "notifications",
    params(OutboxQuery),
    responses((status = 200, body = Page<OutboxView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(OutboxRead::NAME)))
)]
#[get("/outbox")]
pub async fn list_outbox(
    _auth: Authorized<OutboxRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<OutboxQuery>,
) -> Result<web::Json<Page<OutboxView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = email_outbox::Entity::find();
    if let Some(s) = q.state {
        // An unknown state matches no email.
        select = select.filter(email_outbox::Column::State.is_in(OutboxState::try_from_value(&s).ok()));
    }
    Ok(web::Json(
        Page::fetch(select.order_by_desc(email_outbox::Column::CreatedAt), &state.db, paging, |m| OutboxView {
            id: m.id,
            message_id: m.message_id,
            to_address: m.to_address,
            kind: m.kind,
            subject: m.subject,
            legal_notice: m.legal_notice,
            state: m.state.as_str().to_string(),
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        })
        .await?,
    ))
}

/// Send a dead letter again (same Message-ID).
#[utoipa::path(
    tag = "notifications",
    params(("email_id" = Uuid, Path, description = "The outbox row")),
    responses((status = 204, description = "Queued again"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(OutboxManage::NAME)))
)]
#[post("/outbox/{email_id}/retry")]
pub async fn retry_email(
    auth: Authorized<OutboxManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let row = email_outbox::Entity::find_by_id(path.into_inner()).one(&tx).await?.ok_or(ApiError::NotFound)?;
    if row.state != OutboxState::Dead {
        return Err(ApiError::Rule(ErrorCode::EmailNotDead, None));
    }
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::State, Expr::value(OutboxState::Pending))
        .col_expr(email_outbox::Column::Attempts, Expr::value(0))
        .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(now))
        .filter(email_outbox::Column::Id.eq(row.id))
        .exec(&tx)
        .await?;
    let record = AuditRecord::success("outbox.retry", "email", row.id).in_county(row.county_id);
    crate::work::commit(tx, &state, &auth.actor.audit_actor(), record, now).await?;
    Ok(HttpResponse::NoContent().finish())
}

use chrono::{DateTime, Utc};
use entity::enums::UserStatus;
use entity::{role_assignment, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::audit::{self, AuditRecord};
use crate::auth::{Actor, Reach, session};
use crate::db::write_tx;
use crate::domain::{NewPassword, Username};
use crate::error::{ApiError, ErrorCode};
use crate::paging::Page;
use crate::policy;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    pub id: Uuid,
    pub county_id: Option<Uuid>,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_platform_admin: bool,
    pub status: UserStatus,
    pub created_at: DateTime<Utc>,
    /// The roles the person holds, unit by unit.
    pub roles: Vec<UserRole>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserRole {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub role: entity::enums::UnitRole,
    pub is_principal: bool,
}

/// Fills in the roles of a page of users with two queries.
async fn with_roles(db: &impl ConnectionTrait, mut users: Vec<UserView>) -> Result<Vec<UserView>, ApiError> {
    let ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    let assignments =
        role_assignment::Entity::find().filter(role_assignment::Column::UserId.is_in(ids)).all(db).await?;
    let unit_ids: Vec<Uuid> = assignments.iter().map(|a| a.unit_id).collect();
    let names: std::collections::HashMap<Uuid, String> = entity::unit::Entity::find()
        .filter(entity::unit::Column::Id.is_in(unit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    for user in &mut users {
        user.roles = assignments
            .iter()
            .filter(|a| a.user_id == user.id)
            .map(|a| UserRole {
                unit_id: a.unit_id,
                unit_name: names.get(&a.unit_id).cloned().unwrap_or_default(),
                role: a.role,
                is_principal: a.is_principal,
            })
            .collect();
    }
    Ok(users)
}

impl From<user::Model> for UserView {
    fn from(u: user::Model) -> Self {
        Self {
            id: u.id,
            county_id: u.county_id,
            username: u.username,
            display_name: u.display_name,
            email: u.email,
            phone: u.phone,
            is_platform_admin: u.is_platform_admin,
            status: u.status,
            created_at: u.created_at,
            roles: Vec::new(),
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// The county the person works in; omitted only for platform administrators.
    pub county_id: Option<Uuid>,
    #[validate(length(min = 3, max = 64, code = "invalid_username"))]
    #[schema(min_length = 3, max_length = 64, pattern = "^[a-z0-9._-]+$")]
    pub username: String,
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64)]
    pub display_name: String,
    #[validate(email(code = "email"), length(max = 254, code = "length"))]
    #[schema(format = "email", max_length = 254)]
    pub email: Option<String>,
    #[validate(length(min = 5, max = 32, code = "length"))]
    #[schema(min_length = 5, max_length = 32)]
    pub phone: Option<String>,
    /// Initial password: 10–128 characters with letters and digits.
    #[validate(length(min = 10, max = 128, code = "password_too_weak"))]
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
    pub is_platform_admin: Option<bool>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64)]
    pub display_name: Option<String>,
    #[validate(email(code = "email"), length(max = 254, code = "length"))]
    #[schema(format = "email", max_length = 254)]
    pub email: Option<String>,
    #[validate(length(min = 5, max = 32, code = "length"))]
    #[schema(min_length = 5, max_length = 32)]
    pub phone: Option<String>,
    /// `disabled` ends every session of the user at once, on every replica.
    pub status: Option<UserStatus>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    #[validate(length(min = 10, max = 128, code = "password_too_weak"))]
    #[schema(min_length = 10, max_length = 128)]
    pub new_password: String,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct UserListQuery {
        pub county_id: Option<Uuid>,
        pub status: Option<UserStatus>,
        /// Part of the username or display name.
        #[validate(length(max = 64, code = "length"))]
        #[param(max_length = 64)]
        pub q: Option<String>,
    }
}

#[derive(Debug)]
pub struct NewUser {
    /// Whether this insert is the request's one audited change; false when the caller records a
    /// single event covering it (a handler account created with its role).
    pub audited: bool,
    pub county_id: Option<Uuid>,
    pub username: Username,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub password_hash: String,
    pub is_platform_admin: bool,
}

/// Restricts a user query to what the reach allows.
fn within_reach(select: sea_orm::Select<user::Entity>, reach: &Reach) -> sea_orm::Select<user::Entity> {
    match reach {
        Reach::Platform => select,
        Reach::County(county) => select.filter(user::Column::CountyId.eq(*county)),
        Reach::Units(units) => select.filter(
            user::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(role_assignment::Column::UserId)
                    .from(role_assignment::Entity)
                    .and_where(role_assignment::Column::UnitId.is_in(units.clone()))
                    .to_owned(),
            ),
        ),
    }
}

pub async fn insert_user(
    tx: &impl ConnectionTrait,
    state: &AppState,
    actor: &Actor,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<user::Model, ApiError> {
    let taken = user::Entity::find().filter(user::Column::Username.eq(new.username.as_str())).count(tx).await?;
    if taken > 0 {
        return Err(ApiError::Conflict(ErrorCode::UsernameTaken, Some("username".into())));
    }
    let model = user::Model {
        id: Uuid::now_v7(),
        county_id: new.county_id,
        username: new.username.as_str().to_string(),
        display_name: new.display_name,
        email: new.email.map(|e| e.trim().to_string()).filter(|e| !e.is_empty()),
        phone: new.phone.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
        password_hash: new.password_hash,
        is_platform_admin: new.is_platform_admin,
        status: UserStatus::Active,
        locale: "zh-CN".into(),
        password_changed_at: now,
        created_at: now,
        updated_at: now,
    };
    user::Entity::insert(user::ActiveModel::from(model.clone())).exec_without_returning(tx).await?;
    if new.audited {
        let record = AuditRecord::success("user.create", "user", model.id)
            .in_county(model.county_id)
            .change(serde_json::Value::Null, UserView::from(model.clone()));
        audit::append(tx, &state.audit_key, &actor.audit_actor(), record, now).await?;
    }
    if model.is_platform_admin {
        policy::bump_version(tx, now).await?;
    }
    Ok(model)
}

pub async fn list_users(state: &AppState, reach: &Reach, query: UserListQuery) -> Result<Page<UserView>, ApiError> {
    let mut select = within_reach(user::Entity::find(), reach);
    if let Some(county) = query.county_id {
        select = select.filter(user::Column::CountyId.eq(county));
    }
    if let Some(status) = query.status {
        select = select.filter(user::Column::Status.eq(status));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(
            Condition::any().add(user::Column::Username.contains(q)).add(user::Column::DisplayName.contains(q)),
        );
    }
    let paging = query.paging();
    let mut page = Page::fetch(select.order_by_asc(user::Column::Username), &state.db, paging, UserView::from).await?;
    page.items = with_roles(&state.db, page.items).await?;
    Ok(page)
}

pub async fn get_user(state: &AppState, reach: &Reach, id: Uuid) -> Result<UserView, ApiError> {
    let found = within_reach(user::Entity::find(), reach)
        .filter(user::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .map(UserView::from)
        .ok_or(ApiError::NotFound)?;
    Ok(with_roles(&state.db, vec![found]).await?.remove(0))
}

pub async fn create_user(
    state: &AppState,
    actor: &Actor,
    reach: &Reach,
    input: CreateUserRequest,
) -> Result<UserView, ApiError> {
    let username = Username::parse(&input.username).map_err(|code| ApiError::field("username", code))?;
    let password = NewPassword::parse(&input.password).map_err(|code| ApiError::field("password", code))?;
    let is_admin = input.is_platform_admin.unwrap_or(false);
    match (is_admin, input.county_id, reach) {
        (true, Some(_), _) => {
            return Err(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, Some("county_id".into())));
        }
        (true, None, Reach::Platform) => {}
        (true, None, _) => return Err(ApiError::Forbidden),
        (false, None, _) => return Err(ApiError::field("county_id", "required")),
        (false, Some(county), Reach::County(mine)) if county != *mine => {
            return Err(ApiError::field("county_id", "invalid_value"));
        }
        (false, Some(_), Reach::Units(_)) => return Err(ApiError::Forbidden),
        _ => {}
    }
    if let Some(county) = input.county_id
        && entity::county::Entity::find_by_id(county).one(&state.db).await?.is_none()
    {
        return Err(ApiError::field("county_id", "invalid_value"));
    }
    let hash = state.passwords.hash(password.expose()).await?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let model = insert_user(
        &tx,
        state,
        actor,
        NewUser {
            audited: true,
            county_id: input.county_id,
            username,
            display_name: input.display_name.trim().to_string(),
            email: input.email,
            phone: input.phone,
            password_hash: hash,
            is_platform_admin: is_admin,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    if is_admin {
        policy::announce_change(&state.policy, &state.db, state.redis.as_ref()).await;
    }
    Ok(model.into())
}

pub async fn update_user(
    state: &AppState,
    actor: &Actor,
    reach: &Reach,
    id: Uuid,
    input: UpdateUserRequest,
) -> Result<UserView, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let current = within_reach(user::Entity::find(), reach)
        .filter(user::Column::Id.eq(id))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    if input.status == Some(UserStatus::Disabled) && current.id == actor.user_id {
        return Err(ApiError::Rule(ErrorCode::CannotDisableSelf, Some("status".into())));
    }
    let before = UserView::from(current.clone());
    let mut active: user::ActiveModel = current.clone().into();
    if let Some(name) = input.display_name {
        active.display_name = Set(name.trim().to_string());
    }
    if let Some(email) = input.email {
        active.email = Set(Some(email.trim().to_string()).filter(|e| !e.is_empty()));
    }
    if let Some(phone) = input.phone {
        active.phone = Set(Some(phone.trim().to_string()).filter(|p| !p.is_empty()));
    }
    let status_changed = input.status.is_some_and(|s| s != current.status);
    if let Some(status) = input.status {
        active.status = Set(status);
    }
    active.updated_at = Set(now);
    let after = UserView::from(active.update(&tx).await?);
    let mut summary = serde_json::json!({ "before": before, "after": after });
    if status_changed {
        if after.status == UserStatus::Disabled {
            let ended = session::revoke_all(&tx, id, None, now).await?;
            summary["sessions_ended"] = ended.into();
        }
        policy::bump_version(&tx, now).await?;
    }
    let record = AuditRecord::success("user.update", "user", id).in_county(after.county_id).with_summary(summary);
    crate::work::commit(tx, state, &actor.audit_actor(), record, now).await?;
    if status_changed {
        crate::auth::session_cache::revoke_user(state, id).await;
        policy::announce_change(&state.policy, &state.db, state.redis.as_ref()).await;
    }
    Ok(after)
}

/// An administrator sets a new password; every session of the user ends.
pub async fn reset_password(
    state: &AppState,
    actor: &Actor,
    reach: &Reach,
    id: Uuid,
    input: ResetPasswordRequest,
) -> Result<(), ApiError> {
    let password = NewPassword::parse(&input.new_password).map_err(|code| ApiError::field("new_password", code))?;
    let target = get_user(state, reach, id).await?;
    let hash = state.passwords.hash(password.expose()).await?;
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, sea_orm::sea_query::Expr::value(hash))
        .col_expr(user::Column::PasswordChangedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(user::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(user::Column::Id.eq(id))
        .exec(&tx)
        .await?;
    let ended = session::revoke_all(&tx, id, None, now).await?;
    let record = AuditRecord::success("user.password_reset", "user", id)
        .in_county(target.county_id)
        .with_summary(serde_json::json!({ "sessions_ended": ended }));
    crate::work::commit(tx, state, &actor.audit_actor(), record, now).await?;
    crate::auth::session_cache::revoke_user(state, id).await;
    Ok(())
}

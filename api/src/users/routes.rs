use actix_web::{HttpResponse, get, patch, post, web};
use uuid::Uuid;

use super::service::{self, CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserListQuery, UserView};
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{UserCreate, UserRead, UserUpdate};
use crate::state::AppState;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_users).service(create_user).service(get_user).service(update_user).service(reset_password);
}

/// Staff accounts.
#[utoipa::path(
    tag = "users",
    params(UserListQuery),
    responses((status = 200, body = Page<UserView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UserRead::NAME)))
)]
#[get("/users")]
pub async fn list_users(
    auth: Authorized<UserRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<UserListQuery>,
) -> Result<web::Json<Page<UserView>>, ApiError> {
    Ok(web::Json(service::list_users(&state, &auth.reach, query.into_inner()?).await?))
}

/// Create a staff account.
#[utoipa::path(
    tag = "users",
    request_body = CreateUserRequest,
    responses((status = 201, body = UserView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UserCreate::NAME)))
)]
#[post("/users")]
pub async fn create_user(
    auth: Authorized<UserCreate>,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let user = service::create_user(&state, &auth.actor, &auth.reach, body.into_inner()?).await?;
    Ok(HttpResponse::Created().json(user))
}

/// One staff account.
#[utoipa::path(
    tag = "users",
    params(("user_id" = Uuid, Path, description = "The user")),
    responses((status = 200, body = UserView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UserRead::NAME)))
)]
#[get("/users/{user_id}")]
pub async fn get_user(
    auth: Authorized<UserRead>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<UserView>, ApiError> {
    Ok(web::Json(service::get_user(&state, &auth.reach, path.into_inner()).await?))
}

/// Edit an account; disabling it ends all its sessions at once.
#[utoipa::path(
    tag = "users",
    params(("user_id" = Uuid, Path, description = "The user")),
    request_body = UpdateUserRequest,
    responses((status = 200, body = UserView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UserUpdate::NAME)))
)]
#[patch("/users/{user_id}")]
pub async fn update_user(
    auth: Authorized<UserUpdate>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<UpdateUserRequest>,
) -> Result<web::Json<UserView>, ApiError> {
    Ok(web::Json(service::update_user(&state, &auth.actor, &auth.reach, path.into_inner(), body.into_inner()?).await?))
}

/// Set a new password for a user; all their sessions end.
#[utoipa::path(
    tag = "users",
    params(("user_id" = Uuid, Path, description = "The user")),
    request_body = ResetPasswordRequest,
    responses((status = 204, description = "Password set"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UserUpdate::NAME)))
)]
#[post("/users/{user_id}/password")]
pub async fn reset_password(
    auth: Authorized<UserUpdate>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    service::reset_password(&state, &auth.actor, &auth.reach, path.into_inner(), body.into_inner()?).await?;
    Ok(HttpResponse::NoContent().finish())
}

use actix_web::{HttpResponse, get, web};
use sea_orm::{ConnectionTrait, Statement};
use serde::Serialize;
use utoipa::ToSchema;

use crate::openapi::ErrorResponses;
use crate::state::AppState;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(live).service(ready);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    pub status: String,
    pub database: Option<String>,
    /// Absent when Redis is not configured.
    pub redis: Option<String>,
}

/// The process is up.
#[utoipa::path(
    tag = "health",
    responses((status = 200, body = Health), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into(), database: None, redis: None })
}

/// The process can serve: the database answers, and Redis when configured.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, body = Health),
        (status = 503, description = "A dependency is down", body = Health),
        ErrorResponses
    ),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let backend = state.db.get_database_backend();
    let db_ok = state.db.query_one_raw(Statement::from_string(backend, "SELECT 1")).await.is_ok();
    let redis_ok = match &state.redis {
        Some(link) => Some(link.ping().await),
        None => None,
    };
    let all_ok = db_ok && redis_ok.unwrap_or(true);
    let word = |ok: bool| if ok { "ok".to_string() } else { "unavailable".to_string() };
    let body = Health { status: word(all_ok), database: Some(word(db_ok)), redis: redis_ok.map(word) };
    if all_ok { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

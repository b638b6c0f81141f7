use actix_web::{get, web};
use chrono::{DateTime, Utc};
use entity::job_run;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Authorized;
use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::JobRead;
use crate::state::AppState;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_runs);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobRunView {
    pub id: Uuid,
    pub job: String,
    pub slot: String,
    pub replica: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub items: i64,
    pub error: Option<String>,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct RunQuery {
        /// `clock_reminders`, `email_dispatch`, `calendar_next_year`, `cleanup`, `lapses` or `audit_checkpoint`.
        #[validate(length(max = 48, code = "length"))]
        #[param(max_length = 48)]
        pub job: Option<String>,
        /// Only runs that failed.
        pub failed: Option<bool>,
    }
}

/// Scheduled job runs, newest first: when each ran, on which replica, how much it handled, and any error.
#[utoipa::path(
    tag = "jobs",
    params(RunQuery),
    responses((status = 200, body = Page<JobRunView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(JobRead::NAME)))
)]
#[get("/jobs/runs")]
pub async fn list_runs(
    _auth: Authorized<JobRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<RunQuery>,
) -> Result<web::Json<Page<JobRunView>>, ApiError> {
    let q = query.into_inner()?;
    let paging = q.paging();
    let mut select = job_run::Entity::find();
    if let Some(job) = q.job {
        select = select.filter(job_run::Column::Job.eq(job));
    }
    if q.failed == Some(true) {
        select = select.filter(job_run::Column::Error.is_not_null());
    }
    Ok(web::Json(
        Page::fetch(
            select.order_by_desc(job_run::Column::StartedAt).order_by_desc(job_run::Column::Id),
            &state.db,
            paging,
            |r| JobRunView {
                id: r.id,
                job: r.job,
                slot: r.slot,
                replica: r.replica,
                started_at: r.started_at,
                finished_at: r.finished_at,
                items: r.items,
                error: r.error,
            },
        )
        .await?,
    ))
}

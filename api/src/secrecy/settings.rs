//! The county's schedule for secrecy work, set by its secrecy bureau: how often a withheld item is
//! re-evaluated (Regulations Art. 18). The new schedule applies from each item's next period.

use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use entity::secrecy_setting as setting;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::audit::AuditRecord;
use crate::auth::Authorized;
use crate::error::{ApiError, ErrorCode};
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{DirectoryRead, SecrecyConfigure};
use crate::state::AppState;

/// Calendar days between re-evaluations of a withheld item when the county has set none.
pub const DEFAULT_REEVALUATION_DAYS: i32 = 365;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(get_settings).service(put_settings);
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SecrecySettings {
    /// Calendar days between re-evaluations of a withheld item: 30 to 730.
    #[validate(range(min = 30, max = 730, code = "range"))]
    #[schema(minimum = 30, maximum = 730)]
    pub reevaluation_days: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SecrecySettingsView {
    pub reevaluation_days: i32,
    /// Whether the bureau has set the schedule (otherwise the default of 365 days applies).
    pub set_by_bureau: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

/// The days between re-evaluations in a county.
pub async fn reevaluation_days(db: &impl sea_orm::ConnectionTrait, county_id: uuid::Uuid) -> Result<i32, ApiError> {
    Ok(setting::Entity::find_by_id(county_id).one(db).await?.map_or(DEFAULT_REEVALUATION_DAYS, |s| s.reevaluation_days))
}

/// The county's secrecy schedule.
#[utoipa::path(
    tag = "secrecy",
    responses((status = 200, body = SecrecySettingsView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(DirectoryRead::NAME)))
)]
#[get("/secrecy/settings")]
pub async fn get_settings(
    auth: Authorized<DirectoryRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<SecrecySettingsView>, ApiError> {
    let county = auth.actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None))?;
    let row = setting::Entity::find_by_id(county).one(&state.db).await?;
    Ok(web::Json(SecrecySettingsView {
        reevaluation_days: row.as_ref().map_or(DEFAULT_REEVALUATION_DAYS, |s| s.reevaluation_days),
        set_by_bureau: row.is_some(),
        updated_at: row.map(|s| s.updated_at),
    }))
}

/// The secrecy bureau sets the county's schedule.
#[utoipa::path(
    tag = "secrecy",
    request_body = SecrecySettings,
    responses((status = 200, body = SecrecySettingsView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(SecrecyConfigure::NAME)))
)]
#[put("/secrecy/settings")]
pub async fn put_settings(
    auth: Authorized<SecrecyConfigure>,
    state: web::Data<AppState>,
    body: ValidatedJson<SecrecySettings>,
) -> Result<web::Json<SecrecySettingsView>, ApiError> {
    let body = body.into_inner()?;
    let county = auth.actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None))?;
    let now = state.time.now();
    crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let before = reevaluation_days(tx, county).await?;
        setting::Entity::insert(setting::ActiveModel {
            county_id: Set(county),
            reevaluation_days: Set(body.reevaluation_days),
            updated_by: Set(auth.actor.user_id),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(setting::Column::CountyId)
                .update_columns([
                    setting::Column::ReevaluationDays,
                    setting::Column::UpdatedBy,
                    setting::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx)
        .await?;
        let rec = AuditRecord::success("secrecy.settings", "county", county)
            .in_county(Some(county))
            .with_summary(serde_json::json!({ "reevaluation_days": { "from": before, "to": body.reevaluation_days } }));
        Ok(((), rec))
    })
    .await?;
    Ok(web::Json(SecrecySettingsView {
        reevaluation_days: body.reevaluation_days,
        set_by_bureau: true,
        updated_at: Some(now),
    }))
}

//! The county's schedule for disclosure guides, set by its openness office: within how many days
//! each unit confirms its guide again (Art. 12 wants it kept current; AC 6(1) holds a stale one to
//! account). The new period applies from each unit's next save.

use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use entity::disclosure_setting as setting;
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
use crate::policy::permissions::{CatalogueManage, DirectoryRead};
use crate::state::AppState;

/// Calendar days between confirmations of a guide when the county has set none: a year, so every
/// guide is looked at again at least once between two annual reports.
pub const DEFAULT_GUIDE_REVIEW_DAYS: i32 = 365;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(get_disclosure_settings).service(put_disclosure_settings);
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DisclosureSettings {
    /// Calendar days within which each unit confirms its guide again: 30 to 730.
    #[validate(range(min = 30, max = 730, code = "range"))]
    #[schema(minimum = 30, maximum = 730)]
    pub guide_review_days: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DisclosureSettingsView {
    pub guide_review_days: i32,
    /// Whether the openness office has set the schedule (otherwise the default of 365 days applies).
    pub set_by_office: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

/// The days within which a unit of the county confirms its guide again.
pub async fn guide_review_days(db: &impl sea_orm::ConnectionTrait, county_id: uuid::Uuid) -> Result<i32, ApiError> {
    Ok(setting::Entity::find_by_id(county_id).one(db).await?.map_or(DEFAULT_GUIDE_REVIEW_DAYS, |s| s.guide_review_days))
}

/// The county's schedule for disclosure guides.
#[utoipa::path(
    tag = "disclosure",
    responses((status = 200, body = DisclosureSettingsView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(DirectoryRead::NAME)))
)]
#[get("/disclosure/settings")]
pub async fn get_disclosure_settings(
    auth: Authorized<DirectoryRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<DisclosureSettingsView>, ApiError> {
    let county = auth.actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None))?;
    let row = setting::Entity::find_by_id(county).one(&state.db).await?;
    Ok(web::Json(DisclosureSettingsView {
        guide_review_days: row.as_ref().map_or(DEFAULT_GUIDE_REVIEW_DAYS, |s| s.guide_review_days),
        set_by_office: row.is_some(),
        updated_at: row.map(|s| s.updated_at),
    }))
}

/// The openness office sets the county's schedule for guides.
#[utoipa::path(
    tag = "disclosure",
    request_body = DisclosureSettings,
    responses((status = 200, body = DisclosureSettingsView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CatalogueManage::NAME)))
)]
#[put("/disclosure/settings")]
pub async fn put_disclosure_settings(
    auth: Authorized<CatalogueManage>,
    state: web::Data<AppState>,
    body: ValidatedJson<DisclosureSettings>,
) -> Result<web::Json<DisclosureSettingsView>, ApiError> {
    let body = body.into_inner()?;
    let county = auth.actor.county_id.ok_or(ApiError::Rule(ErrorCode::PlatformAdminHasNoCounty, None))?;
    let now = state.time.now();
    crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        let before = guide_review_days(tx, county).await?;
        setting::Entity::insert(setting::ActiveModel {
            county_id: Set(county),
            guide_review_days: Set(body.guide_review_days),
            updated_by: Set(auth.actor.user_id),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(setting::Column::CountyId)
                .update_columns([
                    setting::Column::GuideReviewDays,
                    setting::Column::UpdatedBy,
                    setting::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx)
        .await?;
        let rec = AuditRecord::success("disclosure.settings", "county", county)
            .in_county(Some(county))
            .with_summary(serde_json::json!({ "guide_review_days": { "from": before, "to": body.guide_review_days } }));
        Ok(((), rec))
    })
    .await?;
    Ok(web::Json(DisclosureSettingsView {
        guide_review_days: body.guide_review_days,
        set_by_office: true,
        updated_at: Some(now),
    }))
}

use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::service::{
    self, AssignRoleRequest, CountyView, CreateCountyRequest, CreateHandlerRequest, CreateUnitRequest, MemberView,
    UnitListQuery, UnitView, UpdateUnitRequest,
};
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::extract::{ValidatedJson, ValidatedQuery};
use crate::openapi::ErrorResponses;
use crate::paging::Page;
use crate::policy::permissions::{
    CountyCreate, CountyRead, DirectoryRead, MemberManageHandlers, MemberRead, UnitCreate, UnitRead, UnitUpdate,
};
use crate::state::AppState;
use crate::tenancy::UnitScope;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(directory)
        .service(list_counties)
        .service(create_county)
        .service(list_units)
        .service(create_unit)
        .service(get_unit)
        .service(update_unit)
        .service(list_members)
        .service(assign_role)
        .service(remove_role)
        .service(create_handler);
}

/// Counties hosted on the platform.
#[utoipa::path(
    tag = "units",
    responses((status = 200, body = Vec<CountyView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CountyRead::NAME)))
)]
#[get("/counties")]
pub async fn list_counties(
    _auth: Authorized<CountyRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<CountyView>>, ApiError> {
    Ok(web::Json(service::list_counties(&state).await?))
}

/// Add a county to the platform.
#[utoipa::path(
    tag = "units",
    request_body = CreateCountyRequest,
    responses((status = 201, body = CountyView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(CountyCreate::NAME)))
)]
#[post("/counties")]
pub async fn create_county(
    auth: Authorized<CountyCreate>,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateCountyRequest>,
) -> Result<HttpResponse, ApiError> {
    let county = service::create_county(&state, &auth.actor, body.into_inner()?).await?;
    Ok(HttpResponse::Created().json(county))
}

/// The unit tree of the caller's county (platform administrators: any county).
#[utoipa::path(
    tag = "units",
    params(UnitListQuery),
    responses((status = 200, body = Page<UnitView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(DirectoryRead::NAME)))
)]
#[get("/units")]
pub async fn list_units(
    auth: Authorized<DirectoryRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<UnitListQuery>,
) -> Result<web::Json<Page<UnitView>>, ApiError> {
    Ok(web::Json(service::list_units(&state, &auth.actor, &auth.reach, query.into_inner()?).await?))
}

/// Create a unit.
#[utoipa::path(
    tag = "units",
    request_body = CreateUnitRequest,
    responses((status = 201, body = UnitView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UnitCreate::NAME)))
)]
#[post("/units")]
pub async fn create_unit(
    auth: Authorized<UnitCreate>,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    let unit = service::create_unit(&state, &auth.actor, &auth.reach, body.into_inner()?).await?;
    Ok(HttpResponse::Created().json(unit))
}

/// A unit's profile.
#[utoipa::path(
    tag = "units",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    responses((status = 200, body = UnitView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UnitRead::NAME)))
)]
#[get("/units/{unit_id}")]
pub async fn get_unit(scope: UnitScope<UnitRead>) -> Result<web::Json<UnitView>, ApiError> {
    Ok(web::Json(scope.unit.into()))
}

/// Edit a unit's names, parent or active flag.
#[utoipa::path(
    tag = "units",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    request_body = UpdateUnitRequest,
    responses((status = 200, body = UnitView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(UnitUpdate::NAME)))
)]
#[patch("/units/{unit_id}")]
pub async fn update_unit(
    scope: UnitScope<UnitUpdate>,
    state: web::Data<AppState>,
    body: ValidatedJson<UpdateUnitRequest>,
) -> Result<web::Json<UnitView>, ApiError> {
    Ok(web::Json(service::update_unit(&state, &scope, body.into_inner()?).await?))
}

/// Who holds which role in the unit.
#[utoipa::path(
    tag = "units",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    responses((status = 200, body = Vec<MemberView>), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(MemberRead::NAME)))
)]
#[get("/units/{unit_id}/members")]
pub async fn list_members(
    scope: UnitScope<MemberRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<MemberView>>, ApiError> {
    Ok(web::Json(service::list_members(&state, scope.unit_ref()).await?))
}

/// Give a person a role in the unit. A unit's leader may add handlers; leaders and the principal
/// leader need `member.manage`.
#[utoipa::path(
    tag = "units",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    request_body = AssignRoleRequest,
    responses((status = 201, body = MemberView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(MemberManageHandlers::NAME)))
)]
#[post("/units/{unit_id}/members")]
pub async fn assign_role(
    scope: UnitScope<MemberManageHandlers>,
    state: web::Data<AppState>,
    body: ValidatedJson<AssignRoleRequest>,
) -> Result<HttpResponse, ApiError> {
    let member = service::assign_role(&state, &scope, body.into_inner()?).await?;
    Ok(HttpResponse::Created().json(member))
}

/// Take a role away. Leaders may remove handlers of their own unit only.
#[utoipa::path(
    tag = "units",
    params(
        ("unit_id" = Uuid, Path, description = "The unit"),
        ("assignment_id" = Uuid, Path, description = "The role assignment")
    ),
    responses((status = 204, description = "Removed"), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(MemberManageHandlers::NAME)))
)]
#[delete("/units/{unit_id}/members/{assignment_id}")]
pub async fn remove_role(
    scope: UnitScope<MemberManageHandlers>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    service::remove_role(&state, &scope, path.1).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Open an account for a new handler of the unit.
#[utoipa::path(
    tag = "units",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    request_body = CreateHandlerRequest,
    responses((status = 201, body = MemberView), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(MemberManageHandlers::NAME)))
)]
#[post("/units/{unit_id}/handlers")]
pub async fn create_handler(
    scope: UnitScope<MemberManageHandlers>,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateHandlerRequest>,
) -> Result<HttpResponse, ApiError> {
    let member = service::create_handler(&state, &scope, body.into_inner()?).await?;
    Ok(HttpResponse::Created().json(member))
}

#[derive(Debug, serde::Deserialize, validator::Validate, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// Whose units; the platform's first county when omitted.
    pub county_id: Option<Uuid>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Directory {
    pub county: CountyView,
    pub units: Vec<UnitView>,
}

/// The public directory of a county's units: every body whose information citizens may ask for.
#[utoipa::path(
    tag = "units",
    params(DirectoryQuery),
    responses((status = 200, body = Directory), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/directory")]
pub async fn directory(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    query: ValidatedQuery<DirectoryQuery>,
) -> Result<web::Json<Directory>, ApiError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    crate::limiter::check_public_rate(&state, &req, "directory").await?;
    let q = query.into_inner()?;
    let county = crate::calendar::service::resolve_county(&state.db, q.county_id).await?;
    let units = entity::unit::Entity::find()
        .filter(entity::unit::Column::CountyId.eq(county.id))
        .filter(entity::unit::Column::Active.eq(true))
        .order_by_asc(entity::unit::Column::Kind)
        .order_by_asc(entity::unit::Column::Name)
        .all(&state.db)
        .await?;
    Ok(web::Json(Directory { county: county.into(), units: units.into_iter().map(Into::into).collect() }))
}

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::permissions::{CATALOGUE, permission_name};
use super::policy_rows;
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::PolicyRead;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(matrix);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyMatrix {
    /// Every permission, as `object.action`.
    pub permissions: Vec<String>,
    pub roles: Vec<RolePermissions>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RolePermissions {
    /// `leader`, `handler`, `<function>:<role>` or `platform_admin`.
    pub role: String,
    /// Where the role's permissions hold: `unit`, `county` or `platform`.
    pub scope: String,
    pub permissions: Vec<String>,
}

/// The role × permission matrix, read from the policy files.
#[utoipa::path(
    tag = "policy",
    responses((status = 200, body = PolicyMatrix), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(PolicyRead::NAME)))
)]
#[get("/policy/matrix")]
pub async fn matrix(_auth: Authorized<PolicyRead>) -> Result<web::Json<PolicyMatrix>, ApiError> {
    let rows = policy_rows()?;
    let mut roles: Vec<RolePermissions> = Vec::new();
    for row in rows {
        let name = permission_name(&row.object, &row.action);
        match roles.iter_mut().find(|r| r.role == row.role) {
            Some(r) => r.permissions.push(name),
            None => roles.push(RolePermissions {
                scope: if row.role == super::PLATFORM_ADMIN_ROLE {
                    "platform".into()
                } else if row.role.contains(':') {
                    "county".into()
                } else {
                    "unit".into()
                },
                role: row.role,
                permissions: vec![name],
            }),
        }
    }
    Ok(web::Json(PolicyMatrix { permissions: CATALOGUE.iter().map(|(o, a)| permission_name(o, a)).collect(), roles }))
}

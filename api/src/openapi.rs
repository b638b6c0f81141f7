//! The OpenAPI description that mobile clients and the web console are generated from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use validator::Validate;

use crate::error::ErrorBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Gongkai 公开 API",
        description = "Government information disclosure platform of a county: units, staff, roles, audit trail.\n\n\
            Every error answers `{code, message, fields}`; `code` is stable, `message` follows `Accept-Language` \
            (zh-CN by default, `en` for English). Each operation names the permission it needs in `x-permission` \
            (`public` and `signed_in` need none).",
        version = "1.0.0",
        license(name = "Apache-2.0")
    ),
    components(schemas(ErrorBody)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "auth", description = "Sign-in and sessions"),
        (name = "units", description = "Counties, units and who holds which role"),
        (name = "users", description = "Staff accounts"),
        (name = "audit", description = "The audit trail"),
        (name = "policy", description = "Roles and permissions"),
        (name = "calendar", description = "The working-day calendar and due dates"),
        (name = "clocks", description = "Statutory clocks and their explained due dates"),
        (name = "notifications", description = "The inbox, email preferences and the email outbox"),
        (name = "leads", description = "Violation leads for accountability"),
        (name = "applications", description = "Applications for disclosure: handling, oversight, tables 3 and 4"),
        (name = "portal", description = "The public portal: applying, tracking, citizen accounts"),
        (name = "approvals", description = "The approval trail of decisions (AC 9)"),
        (name = "cases", description = "Accountability cases: hearing, decision, review and appeal (AC 4–13)"),
        (name = "jobs", description = "Scheduled job runs"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
#[derive(Debug)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The token returned by POST /api/v1/auth/login (mobile clients)."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "The HttpOnly session cookie set at sign-in (browsers). Unsafe methods also need the \
                 X-CSRF-Token header, whose value is the gk_csrf cookie.",
            ))),
        );
        components.add_security_scheme(
            "citizen",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                crate::applications::citizens::TOKEN_HEADER,
                "A citizen's portal session: the token returned by POST /api/v1/public/citizens/sign-in.",
            ))),
        );
    }
}

/// The error answers any operation may give. Listed on every operation so clients and contract
/// tests know every status that can come back.
#[derive(Debug)]
pub struct ErrorResponses;

impl utoipa::IntoResponses for ErrorResponses {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
        let statuses = [
            ("400", "Invalid input; `fields` names each field at fault."),
            ("401", "Not signed in, or the session has expired."),
            ("403", "Signed in but not allowed, or the CSRF token is missing."),
            ("404", "Not found, or not visible to the caller (the same answer)."),
            ("409", "Conflicts with existing data."),
            ("413", "The body is too large."),
            ("415", "The body is not JSON."),
            ("422", "A business rule forbids it."),
            ("429", "Too many requests; see Retry-After."),
            ("500", "Internal error; nothing internal is disclosed."),
        ];
        statuses
            .into_iter()
            .map(|(status, description)| {
                let response = ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
                    )
                    .build();
                (status.to_string(), RefOr::T(response))
            })
            .collect()
    }
}

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone, Copy, Deserialize, Validate, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 1_000_000, code = "range"))]
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, code = "range"))]
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
}

impl<T: ToSchema> Page<T> {
    /// Runs one page of a query and maps its rows to views.
    pub async fn fetch<E, M>(
        select: sea_orm::Select<E>,
        db: &sea_orm::DatabaseConnection,
        paging: Paging,
        view: impl FnMut(M) -> T,
    ) -> Result<Self, sea_orm::DbErr>
    where
        E: sea_orm::EntityTrait<Model = M>,
        M: sea_orm::FromQueryResult + Sized + Send + Sync,
    {
        let (rows, total) = paging.rows(select, db).await?;
        Ok(paging.page_of(rows.into_iter().map(view).collect(), total))
    }
}

impl Paging {
    /// One page of rows and the total, for lists whose views need more than one row each to build.
    pub async fn rows<E, M>(
        self,
        select: sea_orm::Select<E>,
        db: &sea_orm::DatabaseConnection,
    ) -> Result<(Vec<M>, u64), sea_orm::DbErr>
    where
        E: sea_orm::EntityTrait<Model = M>,
        M: sea_orm::FromQueryResult + Sized + Send + Sync,
    {
        use sea_orm::PaginatorTrait;
        let paginator = select.paginate(db, self.size());
        let total = paginator.num_items().await?;
        Ok((paginator.fetch_page(self.page() - 1).await?, total))
    }

    pub fn page_of<T: ToSchema>(self, items: Vec<T>, total: u64) -> Page<T> {
        Page { items, total, page: self.page(), page_size: self.size() }
    }

    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1)
    }
    pub fn size(&self) -> u64 {
        self.page_size.unwrap_or(20).min(MAX_PAGE_SIZE)
    }
}

//! The OpenAPI description that mobile clients and the web console are generated from.

use std::collections::BTreeMap;

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::error::ErrorBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Gongkai API",
        description = "Gongkai 公开 — the government information disclosure platform of a county: units, staff, roles, \
            applications for disclosure, accountability, the audit trail.\n\n\
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
        (name = "disclosure", description = "Proactive disclosure: information items, review gate, publication, the catalogue headings"),
        (name = "secrecy", description = "Secrecy review: the sensitive-word list and the bureau's item referrals"),
        (name = "cases", description = "Accountability cases: hearing, decision, review and appeal (AC 4–13)"),
        (name = "assessment", description = "The annual assessment: schemes, measured indicators, daily checks, self-checks, scores and grades (AS 4–10)"),
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
                crate::auth::CITIZEN_TOKEN_HEADER,
                "A citizen's portal session: the token returned by POST /api/v1/public/citizens/sign-in.",
            ))),
        );
    }
}

/// What OpenAPI requires of every response and what generators need to type a download: a
/// description on each response (the operation's summary where the annotation gave none) and a
/// binary string schema on every body that is not JSON. Applied to the whole document, after the
/// routes have added their operations.
#[derive(Debug)]
pub struct ResponseContract;

impl Modify for ResponseContract {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
                &mut item.head,
                &mut item.options,
                &mut item.trace,
            ];
            for operation in operations.into_iter().flatten() {
                let summary = operation.summary.clone().unwrap_or_default();
                for (status, response) in &mut operation.responses.responses {
                    let RefOr::T(response) = response else { continue };
                    if response.description.is_empty() {
                        response.description = match (status.as_str(), summary.trim()) {
                            ("201", "") => "Created.".to_string(),
                            (_, "") => "Success.".to_string(),
                            (_, summary) => summary.to_string(),
                        };
                    }
                    for (content_type, content) in &mut response.content {
                        let RefOr::T(content) = content else { continue };
                        if content_type != "application/json" && content.schema.is_none() {
                            content.schema = Some(RefOr::T(
                                ObjectBuilder::new()
                                    .schema_type(Type::String)
                                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                                    .into(),
                            ));
                        }
                    }
                }
            }
        }
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

use std::collections::BTreeSet;

use gongkai_api::policy::permissions::CATALOGUE;
use gongkai_tests::{json, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn spec() -> Value {
    serde_json::to_value(gongkai_api::startup::openapi()).unwrap()
}

fn operations(spec: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                out.push((method.to_uppercase(), path.clone(), op.clone()));
            }
        }
    }
    out
}

fn concrete(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        out.push_str(&uuid::Uuid::now_v7().to_string());
        rest = &rest[rest[start..].find('}').map(|e| start + e + 1).unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// Generated clients name their functions after operation ids: two alike would merge two answers.
#[test]
fn every_operation_id_is_used_once() {
    let spec = spec();
    let mut seen = std::collections::BTreeMap::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if let Some(id) = op["operationId"].as_str() {
                let earlier = seen.insert(id.to_string(), format!("{} {path}", method.to_uppercase()));
                assert!(
                    earlier.is_none(),
                    "operationId {id} is used by {earlier:?} and {} {path}",
                    method.to_uppercase()
                );
            }
        }
    }
}

#[test]
fn the_committed_spec_matches_the_code() {
    let committed: Value = serde_json::from_str(include_str!("../../../api/openapi.json")).expect("api/openapi.json");
    assert!(committed == spec(), "api/openapi.json is out of date: run `make openapi` and commit the result");
}

#[test]
fn every_operation_names_a_known_permission_and_documents_its_errors() {
    let known: BTreeSet<String> = CATALOGUE
        .iter()
        .map(|(o, a)| format!("{o}.{a}"))
        .chain(["public".to_string(), "signed_in".to_string(), "citizen".to_string()])
        .collect();
    let spec = spec();
    for (method, path, op) in operations(&spec) {
        let permission = op["x-permission"].as_str().unwrap_or_else(|| panic!("{method} {path} names no permission"));
        assert!(known.contains(permission), "{method} {path}: unknown permission {permission}");
        for status in ["400", "401", "403", "404", "429", "500"] {
            assert!(op["responses"][status].is_object(), "{method} {path} does not document {status}");
        }
        if permission != "public" {
            assert!(op["security"].is_array(), "{method} {path} declares no security scheme");
        }
    }
}

/// Every handler in the source is registered in the spec (utoipa-actix-web collects only what is
/// registered with `.service`, so a route added another way would be missing here).
#[test]
fn every_route_in_the_source_is_in_the_spec() {
    let spec = spec();
    let documented: BTreeSet<(String, String)> = operations(&spec).into_iter().map(|(m, p, _)| (m, p)).collect();
    let mut found = 0;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let line = line.trim();
                for method in ["get", "post", "put", "patch", "delete"] {
                    let Some(rest) = line.strip_prefix(&format!("#[{method}(\"")) else { continue };
                    let route = rest.split('"').next().unwrap();
                    found += 1;
                    let annotated =
                        lines[..i].iter().rev().take(15).any(|l| l.trim_start().starts_with("#[utoipa::path("));
                    assert!(annotated, "{}: {method} {route} has no #[utoipa::path]", path.display());
                    let full = if route.starts_with("/health") { route.to_string() } else { format!("/api/v1{route}") };
                    assert!(
                        documented.contains(&(method.to_uppercase(), full.clone())),
                        "{method} {full} is not in the spec"
                    );
                }
            }
        }
    }
    assert_eq!(found, documented.len(), "routes in the source vs operations in the spec");
}

#[tokio::test]
async fn every_operation_is_served_and_denies_by_default() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    // A signed-in person with no role anywhere.
    let county: Value = json(app.get("/api/v1/counties", &admin).await, StatusCode::OK).await;
    let created = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"county_id": county[0]["id"], "username": "no.roles", "display_name": "无角色", "password": "NoRoles2026x"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let roleless = app.login_with("no.roles", "NoRoles2026x").await;

    let spec = spec();
    for (method, path, op) in operations(&spec) {
        let permission = op["x-permission"].as_str().unwrap();
        let url = concrete(&path);
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let body = matches!(method.as_str(), "POST" | "PATCH" | "PUT").then(|| json!({}));
        let anonymous = app.request(m.clone(), &url, None, body.clone()).await;
        let status = anonymous.status();
        let text = anonymous.text().await.unwrap();
        assert!(!text.contains("route_not_found"), "{method} {path} is not served");
        if permission != "public" {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} without a session: {text}");
        }
        if permission == "citizen" {
            // A staff session is no citizen's session.
            let r = app.request(m, &url, Some(&roleless), body).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path} took a staff session for a citizen's");
        } else if permission != "public" && permission != "signed_in" {
            let r = app.request(m, &url, Some(&roleless), body).await;
            assert!(
                r.status() == StatusCode::FORBIDDEN || r.status() == StatusCode::NOT_FOUND,
                "{method} {path} let a person with no role through: {}",
                r.status()
            );
        }
    }
}

#[tokio::test]
async fn the_spec_and_swagger_ui_are_served_without_the_internet() {
    let app = spawn_app().await;
    let served: Value = app.client.get(app.url("/api-docs/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(served, spec());
    let ui = app.client.get(app.url("/swagger-ui/")).send().await.unwrap();
    assert_eq!(ui.status(), StatusCode::OK);
    let html = ui.text().await.unwrap();
    assert!(html.contains("swagger-ui"));
    assert!(!html.contains("https://"), "Swagger UI must load only local assets");
    let bundle = app.client.get(app.url("/swagger-ui/swagger-ui-bundle.js")).send().await.unwrap();
    assert_eq!(bundle.status(), StatusCode::OK);
}

/// utoipa keys schemas by their Rust name, so two types with one name would silently share a schema
/// and clients would be generated with the wrong fields.
#[test]
fn every_schema_name_is_declared_once() {
    let mut seen = std::collections::BTreeMap::<String, String>::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let Some(rest) = line.strip_prefix("pub struct ").or_else(|| line.strip_prefix("pub enum ")) else {
                    continue;
                };
                let derives_schema =
                    lines[..i].iter().rev().take(6).any(|l| l.contains("derive(") && l.contains("ToSchema"));
                if !derives_schema {
                    continue;
                }
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if let Some(first) = seen.insert(name.clone(), path.display().to_string()) {
                    panic!("schema {name} is declared in {first} and {}", path.display());
                }
            }
        }
    }
    assert!(seen.len() > 50, "found only {} schemas", seen.len());
}

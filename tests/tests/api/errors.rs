use gongkai_tests::{AppOptions, json, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn unknown_fields_are_rejected_with_the_field_named_in_the_clients_language() {
    let app = spawn_app().await;
    let zh = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "a", "password": "b", "remember": true}))
        .send()
        .await
        .unwrap();
    let zh = json(zh, StatusCode::BAD_REQUEST).await;
    assert_eq!(zh["code"], "validation_failed");
    assert_eq!(zh["fields"][0]["field"], "remember");
    assert_eq!(zh["fields"][0]["code"], "unknown_field");
    assert!(zh["message"].as_str().unwrap().contains("字段"));

    let en = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("accept-language", "en-GB,en;q=0.9")
        .json(&json!({"username": "a"}))
        .send()
        .await
        .unwrap();
    let en = json(en, StatusCode::BAD_REQUEST).await;
    assert_eq!(en["fields"][0]["field"], "password");
    assert_eq!(en["fields"][0]["code"], "required");
    assert_eq!(en["fields"][0]["message"], "Required.");
    assert!(en["message"].as_str().unwrap().starts_with("Some fields"));
}

#[tokio::test]
async fn bad_bodies_paths_and_pages_get_clear_errors() {
    let app = spawn_app_with(AppOptions { env: vec![("MAX_BODY_BYTES", "2048".into())], ..Default::default() }).await;
    let admin = app.login("admin").await;

    let not_json = app.client.post(app.url("/api/v1/auth/login")).body("username=a").send().await.unwrap();
    assert_eq!(json(not_json, StatusCode::UNSUPPORTED_MEDIA_TYPE).await["code"], "unsupported_media_type");

    let broken = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(json(broken, StatusCode::BAD_REQUEST).await["code"], "malformed_request");

    let huge = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "a".repeat(5000), "password": "b"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json(huge, StatusCode::PAYLOAD_TOO_LARGE).await["code"], "payload_too_large");

    let page = app.get("/api/v1/users?page_size=1000", &admin).await;
    let page = json(page, StatusCode::BAD_REQUEST).await;
    assert_eq!(page["fields"][0]["field"], "page_size");

    let wrong_type = app.get("/api/v1/units?kind=castle", &admin).await;
    assert_eq!(json(wrong_type, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "kind");

    let bad_id = app.get("/api/v1/users/not-a-uuid", &admin).await;
    assert_eq!(json(bad_id, StatusCode::NOT_FOUND).await["code"], "not_found");

    let nowhere = app.get("/api/v1/no/such/route", &admin).await;
    assert_eq!(json(nowhere, StatusCode::NOT_FOUND).await["code"], "route_not_found");

    let bad_code = app
        .post(
            "/api/v1/units",
            &admin,
            json!({"county_id": uuid::Uuid::now_v7(), "slug": "abc", "name": "某单位", "short_name": "某", "name_en": "X",
                   "kind": "department", "credit_code": "91350100M000100Y44"}),
        )
        .await;
    let bad_code = json(bad_code, StatusCode::BAD_REQUEST).await;
    assert_eq!(bad_code["fields"][0]["field"], "credit_code");
    assert_eq!(bad_code["fields"][0]["code"], "invalid_check_digit");

    let sector = app
        .post(
            "/api/v1/units",
            &admin,
            json!({"county_id": uuid::Uuid::now_v7(), "slug": "abc", "name": "某公司", "short_name": "某", "name_en": "X",
                   "kind": "public_enterprise", "credit_code": "91350100M000100Y43"}),
        )
        .await;
    assert_eq!(json(sector, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "sector_required");
}

#[tokio::test]
async fn readiness_reports_its_dependencies() {
    let app = spawn_app().await;
    let live = app.client.get(app.url("/health/live")).send().await.unwrap();
    assert_eq!(json(live, StatusCode::OK).await["status"], "ok");
    let ready = json(app.client.get(app.url("/health/ready")).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(ready["database"], "ok");
    if gongkai_tests::redis_url().is_some() {
        assert_eq!(ready["redis"], "ok");
    } else {
        assert!(ready["redis"].is_null());
    }
}

#[tokio::test]
async fn the_web_ui_is_served_with_history_fallbacks_and_never_shadows_the_api() {
    let dir = std::env::temp_dir().join(format!("gongkai-ui-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(dir.join("console")).unwrap();
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<html>portal</html>").unwrap();
    std::fs::write(dir.join("console/index.html"), "<html>console</html>").unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    let app =
        spawn_app_with(AppOptions { env: vec![("FRONTEND_DIR", dir.display().to_string())], ..Default::default() })
            .await;
    let get = |path: &str| app.client.get(app.url(path)).send();
    assert_eq!(get("/").await.unwrap().text().await.unwrap(), "<html>portal</html>");
    assert_eq!(get("/directory").await.unwrap().text().await.unwrap(), "<html>portal</html>");
    assert_eq!(get("/console/").await.unwrap().text().await.unwrap(), "<html>console</html>");
    assert_eq!(get("/console/admin/users").await.unwrap().text().await.unwrap(), "<html>console</html>");
    assert_eq!(get("/assets/app.js").await.unwrap().text().await.unwrap(), "console.log(1)");
    let api = get("/api/v1/no/such/thing").await.unwrap();
    assert_eq!(json(api, StatusCode::NOT_FOUND).await["code"], "route_not_found");
    assert_eq!(get("/health/live").await.unwrap().status(), StatusCode::OK);
    assert!(get("/api-docs/openapi.json").await.unwrap().text().await.unwrap().contains("openapi"));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_public_directory_lists_the_countys_units() {
    let app = spawn_app().await;
    let body = json(app.client.get(app.url("/api/v1/directory")).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(body["county"]["name"], "永吉县");
    assert_eq!(body["units"].as_array().unwrap().len(), 53);
}

/// Every rule, conflict and lateness code has its own message in both languages (the enum makes the
/// list complete), and so does every field code the services name.
#[test]
fn every_error_code_and_every_field_code_raised_in_the_source_has_its_own_message() {
    use gongkai_api::error::{ErrorCode, Lang, field_message, message};
    for lang in [Lang::Zh, Lang::En] {
        let generic = message("no-such-code", lang);
        for code in ErrorCode::ALL {
            assert_ne!(message(code.as_str(), lang), generic, "{code} has only the generic message");
            assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
        }
    }
    assert!(ErrorCode::ALL.len() > 50);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut stack = vec![root];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split("ApiError::field(\"").skip(1) {
                // field("name", "code"); a code held in a variable is not a literal to check.
                let mut parts = piece.split('"');
                parts.next();
                if parts.next() != Some(", ") {
                    continue;
                }
                let code = parts.next().unwrap_or_default();
                if code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    continue;
                }
                checked += 1;
                for lang in [Lang::Zh, Lang::En] {
                    assert_ne!(
                        field_message(code, lang),
                        message("no-such-code", lang),
                        "{code} in {} has no message",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(checked > 20, "found only {checked} field codes");
}

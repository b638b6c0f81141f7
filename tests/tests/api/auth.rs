use std::time::{Duration, Instant};

use chrono::TimeDelta;
use gongkai_tests::{AppOptions, DEMO_PASSWORD, json, spawn_app, spawn_app_with};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_demo_user_signs_in_with_a_bearer_token_and_sees_their_unit() {
    let app = spawn_app().await;
    let s = app.login("kouqian.handler").await;
    let me = json(app.get("/api/v1/auth/me", &s).await, StatusCode::OK).await;
    assert_eq!(me["username"], "kouqian.handler");
    assert_eq!(me["memberships"][0]["unit_name"], "永吉县口前镇人民政府");
    assert_eq!(me["memberships"][0]["role"], "handler");
    let perms = me["memberships"][0]["permissions"].as_array().unwrap();
    assert!(perms.contains(&json!("member.read")));
    assert!(!perms.contains(&json!("member.manage_handlers")));
}

#[tokio::test]
async fn signing_in_sets_an_http_only_cookie_that_needs_the_csrf_header_for_writes() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let resp = client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "kouqian.leader", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let set_cookie: Vec<String> =
        resp.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    assert!(set_cookie.iter().any(|c| c.starts_with("gk_session=") && c.contains("HttpOnly")));
    let body = json(resp, StatusCode::OK).await;
    let csrf = body["csrf_token"].as_str().unwrap().to_string();

    let me = client.get(app.url("/api/v1/auth/me")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);

    let change = json!({"current_password": DEMO_PASSWORD, "new_password": "Kouqian2026new"});
    let without = client.post(app.url("/api/v1/auth/password")).json(&change).send().await.unwrap();
    assert_eq!(json(without, StatusCode::FORBIDDEN).await["code"], "csrf_rejected");
    let with =
        client.post(app.url("/api/v1/auth/password")).header("x-csrf-token", csrf).json(&change).send().await.unwrap();
    assert_eq!(with.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let s = app.login("kouqian.handler").await;
    let out = app.request(Method::POST, "/api/v1/auth/logout", Some(&s), None).await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let after = app.get("/api/v1/auth/me", &s).await;
    assert_eq!(json(after, StatusCode::UNAUTHORIZED).await["code"], "unauthenticated");
}

#[tokio::test]
async fn an_idle_session_expires_and_an_active_one_still_ends_at_its_absolute_limit() {
    let app = spawn_app().await;
    let idle = app.login("kouqian.handler").await;
    app.time.advance(TimeDelta::minutes(31));
    assert_eq!(
        json(app.get("/api/v1/auth/me", &idle).await, StatusCode::UNAUTHORIZED).await["code"],
        "session_expired"
    );

    let active = app.login("kouqian.leader").await;
    for _ in 0..(12 * 3 - 1) {
        app.time.advance(TimeDelta::minutes(20));
        assert_eq!(app.get("/api/v1/auth/me", &active).await.status(), StatusCode::OK);
    }
    app.time.advance(TimeDelta::minutes(21));
    assert_eq!(
        json(app.get("/api/v1/auth/me", &active).await, StatusCode::UNAUTHORIZED).await["code"],
        "session_expired"
    );
}

#[tokio::test]
async fn a_disabled_user_is_rejected_at_once_by_another_replica() {
    let app = spawn_app().await;
    let replica = app.replica().await;
    let victim = app.login("xiyang.handler").await;
    assert_eq!(replica.get("/api/v1/auth/me", &victim).await.status(), StatusCode::OK);

    let admin = app.login("admin").await;
    let id = app.user_id("xiyang.handler").await;
    let resp = app.patch(&format!("/api/v1/users/{id}"), &admin, json!({"status": "disabled"})).await;
    assert_eq!(json(resp, StatusCode::OK).await["status"], "disabled");

    assert_eq!(replica.get("/api/v1/auth/me", &victim).await.status(), StatusCode::UNAUTHORIZED);
    let again = replica.try_login("xiyang.handler", DEMO_PASSWORD, "10.1.1.1").await;
    assert_eq!(json(again, StatusCode::UNAUTHORIZED).await["code"], "invalid_credentials");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer_in_similar_time() {
    // Production-strength hashing, so the comparison means something.
    let app = spawn_app_with(AppOptions {
        env: vec![("PASSWORD_HASH_MEMORY_KIB", "19456".into()), ("PASSWORD_HASH_ITERATIONS", "2".into())],
        ..Default::default()
    })
    .await;
    // One unmeasured pair warms the pools and caches; then the order alternates and the median
    // of each kind is compared, so one slow moment on a busy machine does not decide the outcome.
    let _ = app.try_login("kouqian.leader", "Wrong-password-1", "10.9.2.1").await;
    let _ = app.try_login("nobody.here", "Wrong-password-1", "10.9.2.2").await;
    let mut wrong = Vec::new();
    let mut unknown = Vec::new();
    let mut bodies = Vec::new();
    for i in 0..7 {
        let order = if i % 2 == 0 { ["kouqian.leader", "nobody.here"] } else { ["nobody.here", "kouqian.leader"] };
        for name in order {
            let client = format!("10.9.{}.{i}", usize::from(name == "nobody.here"));
            let t = Instant::now();
            let resp = app.try_login(name, "Wrong-password-1", &client).await;
            let took = t.elapsed();
            bodies.push((resp.status(), resp.text().await.unwrap()));
            if name == "nobody.here" { unknown.push(took) } else { wrong.push(took) }
        }
    }
    let first = bodies[0].clone();
    assert_eq!(first.0, StatusCode::UNAUTHORIZED);
    for body in &bodies {
        assert_eq!(body, &first);
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let (w, u) = (median(wrong), median(unknown));
    println!("median of 7: wrong password {w:.3}s, unknown user {u:.3}s");
    assert!(w / u < 2.0 && u / w < 2.0, "timing differs: wrong {w:.3}s vs unknown {u:.3}s");
}

#[tokio::test]
async fn repeated_failures_throttle_the_attacker_but_not_the_owner_elsewhere() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let r = app.try_login("kouqian.leader", "Not-the-password-1", "203.0.113.7").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let blocked = app.try_login("kouqian.leader", DEMO_PASSWORD, "203.0.113.7").await;
    assert!(blocked.headers().contains_key("retry-after"));
    assert_eq!(json(blocked, StatusCode::TOO_MANY_REQUESTS).await["code"], "too_many_requests");

    let owner = app.try_login("kouqian.leader", DEMO_PASSWORD, "198.51.100.20").await;
    assert_eq!(owner.status(), StatusCode::OK);

    // Spraying many accounts from one address is stopped per address.
    let spray =
        spawn_app_with(AppOptions { env: vec![("LOGIN_MAX_FAILURES_PER_IP", "8".into())], ..Default::default() }).await;
    for i in 0..8 {
        let r = spray.try_login(&format!("user{i}.x"), "Not-the-password-1", "203.0.113.9").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = spray.try_login("kouqian.leader", DEMO_PASSWORD, "203.0.113.9").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(spray.try_login("kouqian.leader", DEMO_PASSWORD, "198.51.100.21").await.status(), StatusCode::OK);
}

/// The count is taken before the password is checked, so parallel guesses get no more than the
/// limit: of 20 at once, 5 are checked and 15 refused.
#[tokio::test]
async fn parallel_guesses_get_no_more_checks_than_the_limit() {
    let app = spawn_app().await;
    let mut guesses = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let request = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .header("x-forwarded-for", "203.0.113.8")
            .json(&json!({"username": "kouqian.leader", "password": "Not-the-password-1"}));
        guesses.spawn(async move { request.send().await.unwrap().status() });
    }
    let answers = guesses.join_all().await;
    let checked = answers.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = answers.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (5, 15));
}

/// Citizen sign-in has the staff limits: per account and address, and per address.
#[tokio::test]
async fn citizen_sign_in_is_limited_per_address_too() {
    let app =
        spawn_app_with(AppOptions { env: vec![("LOGIN_MAX_FAILURES_PER_IP", "6".into())], ..Default::default() }).await;
    let sign_in = |email: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/public/citizens/sign-in"))
                .header("x-forwarded-for", "203.0.113.30")
                .json(&json!({"email": email, "password": "Not-the-password-1"}))
                .send()
                .await
                .unwrap()
        }
    };
    for i in 0..6 {
        assert_eq!(sign_in(format!("nobody{i}@example.org")).await.status(), StatusCode::UNAUTHORIZED);
    }
    let refused = sign_in("someone@example.org".into()).await;
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(json(refused, StatusCode::TOO_MANY_REQUESTS).await["code"], "too_many_requests");
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_and_checks_the_rules() {
    let app = spawn_app().await;
    let here = app.login("shuanghe.leader").await;
    let elsewhere = app.login("shuanghe.leader").await;
    let wrong = app
        .post("/api/v1/auth/password", &here, json!({"current_password": "nope", "new_password": "Shuanghe2026x"}))
        .await;
    assert_eq!(json(wrong, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["field"], "current_password");
    let weak = app
        .post("/api/v1/auth/password", &here, json!({"current_password": DEMO_PASSWORD, "new_password": "onlyletters"}))
        .await;
    let body = json(weak, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["fields"][0]["field"], "new_password");
    assert_eq!(body["fields"][0]["code"], "password_too_weak");
    let ok = app
        .post(
            "/api/v1/auth/password",
            &here,
            json!({"current_password": DEMO_PASSWORD, "new_password": "Shuanghe2026x"}),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/auth/me", &here).await.status(), StatusCode::OK);
    assert_eq!(app.get("/api/v1/auth/me", &elsewhere).await.status(), StatusCode::UNAUTHORIZED);
    app.login_with("shuanghe.leader", "Shuanghe2026x").await;
}

#[tokio::test]
async fn sessions_are_cached_in_redis_and_revocation_still_holds_at_once() {
    let app = spawn_app().await;
    let replica = app.replica().await;
    let s = app.login("beidahu.handler").await;
    assert_eq!(app.get("/api/v1/auth/me", &s).await.status(), StatusCode::OK);
    let hash = gongkai_api::auth::session::token_hash(&s.token);
    let cached = gongkai_api::auth::session_cache::lookup(&app.state, &hash).await;
    match gongkai_tests::redis_url() {
        Some(_) => assert_eq!(cached.map(|c| c.user_id), Some(s.user_id), "served from the cache"),
        None => assert!(cached.is_none(), "no Redis, no cache: the database answers"),
    }
    let admin = replica.login("admin").await;
    let id = s.user_id;
    let r = replica.patch(&format!("/api/v1/users/{id}"), &admin, json!({"status": "disabled"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.get("/api/v1/auth/me", &s).await.status(), StatusCode::UNAUTHORIZED);
}

/// Every answer carries the security headers; API answers are never cached; Swagger UI has its own
/// policy; HSTS is sent when the platform is served over https.
#[tokio::test]
async fn answers_carry_security_headers_and_api_answers_are_not_cached() {
    let app = spawn_app().await;
    let s = app.login("kouqian.handler").await;
    let me = app.get("/api/v1/auth/me", &s).await;
    let h = me.headers();
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h["content-security-policy"].to_str().unwrap().starts_with("default-src 'self'; script-src 'self';"));
    assert!(h["permissions-policy"].to_str().unwrap().contains("camera=()"));
    assert!(!h.contains_key("strict-transport-security"));
    let swagger = app.client.get(app.url("/swagger-ui/")).send().await.unwrap();
    assert!(
        swagger.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self' 'unsafe-inline'")
    );

    let https = spawn_app_with(AppOptions {
        env: vec![("PUBLIC_BASE_URL", "https://gongkai.yongji.gov.cn".into())],
        ..Default::default()
    })
    .await;
    let r = https.client.get(https.url("/health")).send().await.unwrap();
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
}

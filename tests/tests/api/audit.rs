use gongkai_tests::{DEMO_PASSWORD, Session, TestApp, json, spawn_app};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

async fn verify(app: &TestApp, admin: &Session) -> Value {
    json(app.get("/api/v1/audit/verify", admin).await, StatusCode::OK).await
}

/// Performs one request and checks that it left exactly one audit event.
async fn exactly_one_event(
    app: &TestApp,
    label: &str,
    run: impl std::future::Future<Output = reqwest::Response>,
) -> reqwest::Response {
    let before = app.audit_count().await;
    let resp = run.await;
    let after = app.audit_count().await;
    assert_eq!(after - before, 1, "{label} left {} events", after - before);
    resp
}

#[tokio::test]
async fn every_state_changing_request_leaves_exactly_one_event() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let unit = app.unit_id("chaluhe").await;

    let leader =
        exactly_one_event(&app, "login", async { app.try_login("chaluhe.leader", DEMO_PASSWORD, "10.2.0.1").await })
            .await;
    let leader: Value = leader.json().await.unwrap();
    let leader = Session {
        token: leader["token"].as_str().unwrap().into(),
        csrf: leader["csrf_token"].as_str().unwrap().into(),
        user_id: leader["user"]["id"].as_str().unwrap().parse().unwrap(),
    };
    exactly_one_event(&app, "failed login", async {
        app.try_login("chaluhe.leader", "bad-password-1", "10.2.0.2").await
    })
    .await;

    let county = exactly_one_event(&app, "create county", async {
        app.post(
            "/api/v1/counties",
            &admin,
            json!({"name": "蛟河市", "name_en": "Jiaohe City", "division_code": "220281", "province": "吉林省", "city": "吉林市"}),
        )
        .await
    })
    .await;
    let county = json(county, StatusCode::CREATED).await;
    let new_unit = exactly_one_event(&app, "create unit", async {
        app.post(
            "/api/v1/units",
            &admin,
            json!({"county_id": county["id"], "slug": "shuiwu", "name": "蛟河市自来水公司", "short_name": "自来水",
                   "name_en": "Jiaohe Water", "kind": "public_enterprise", "sector": "water",
                   "credit_code": "91110000802100433B"}),
        )
        .await
    })
    .await;
    let new_unit = json(new_unit, StatusCode::CREATED).await;
    let r = exactly_one_event(&app, "update unit", async {
        app.patch(&format!("/api/v1/units/{}", new_unit["id"].as_str().unwrap()), &admin, json!({"short_name": "水司"}))
            .await
    })
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let user = exactly_one_event(&app, "create user", async {
        app.post(
            "/api/v1/users",
            &admin,
            json!({"county_id": county["id"], "username": "jiaohe.water", "display_name": "水司经办", "password": "Jiaohe2026abc"}),
        )
        .await
    })
    .await;
    let user = json(user, StatusCode::CREATED).await;
    let user_id = user["id"].as_str().unwrap();
    let r = exactly_one_event(&app, "update user", async {
        app.patch(&format!("/api/v1/users/{user_id}"), &admin, json!({"display_name": "水司经办人"})).await
    })
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = exactly_one_event(&app, "reset password", async {
        app.post(&format!("/api/v1/users/{user_id}/password"), &admin, json!({"new_password": "Jiaohe2026xyz"})).await
    })
    .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let handler = exactly_one_event(&app, "create handler", async {
        app.post(
            &format!("/api/v1/units/{unit}/handlers"),
            &leader,
            json!({"username": "chaluhe.zhao", "display_name": "赵六", "password": "Chaluhe2026zl"}),
        )
        .await
    })
    .await;
    let handler = json(handler, StatusCode::CREATED).await;
    let r = exactly_one_event(&app, "remove role", async {
        app.delete(&format!("/api/v1/units/{unit}/members/{}", handler["id"].as_str().unwrap()), &leader).await
    })
    .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = exactly_one_event(&app, "assign role", async {
        app.post(
            &format!("/api/v1/units/{unit}/members"),
            &leader,
            json!({"user_id": handler["user_id"], "role": "handler"}),
        )
        .await
    })
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = exactly_one_event(&app, "change password", async {
        app.post(
            "/api/v1/auth/password",
            &leader,
            json!({"current_password": DEMO_PASSWORD, "new_password": "Chaluhe2026new"}),
        )
        .await
    })
    .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = exactly_one_event(&app, "denied request", async { app.get("/api/v1/users", &leader).await }).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = exactly_one_event(&app, "logout", async {
        app.request(Method::POST, "/api/v1/auth/logout", Some(&leader), None).await
    })
    .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    let denied =
        json(app.get("/api/v1/audit/events?outcome=denied&action=user.read", &admin).await, StatusCode::OK).await;
    assert_eq!(denied["items"][0]["actor_user_id"], json!(leader.user_id));
    let report = verify(&app, &admin).await;
    assert_eq!(report["ok"], true, "{report}");
}

#[tokio::test]
async fn the_database_refuses_to_change_audit_events() {
    let app = spawn_app().await;
    use sea_orm::ConnectionTrait;
    let update = app.state.db.execute_unprepared("UPDATE audit_events SET actor_name = 'someone else'").await;
    assert!(update.is_err());
    let delete = app.state.db.execute_unprepared("DELETE FROM audit_events").await;
    assert!(delete.is_err());
}

async fn tampered(sql_for: impl Fn(&TestApp) -> String, expected_reason: &str) {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    assert_eq!(verify(&app, &admin).await["ok"], true);
    app.tamper(&sql_for(&app)).await;
    let report = verify(&app, &admin).await;
    assert_eq!(report["ok"], false, "{expected_reason}: {report}");
    assert_eq!(report["first_broken"]["reason"], expected_reason, "{report}");

    // The CLI subcommand walks the same chains.
    let cli = gongkai_api::audit::verify::verify_chains(&app.state.db, &app.state.audit_key, |_| true).await.unwrap();
    assert!(!cli.ok);
}

/// The chain of the Kouqian township: a few events long after seeding.
const CHAIN: &str = "(SELECT chain_key FROM audit_events WHERE action = 'unit.create' ORDER BY id LIMIT 1)";

#[tokio::test]
async fn an_edited_event_is_detected() {
    tampered(
        |_| format!("UPDATE audit_events SET actor_name = 'forged' WHERE chain_key = {CHAIN} AND seq = 2"),
        "hash_mismatch",
    )
    .await;
}

#[tokio::test]
async fn a_deleted_event_is_detected() {
    tampered(|_| format!("DELETE FROM audit_events WHERE chain_key = {CHAIN} AND seq = 2"), "sequence_gap").await;
}

#[tokio::test]
async fn swapped_events_are_detected() {
    tampered(
        |_| {
            format!(
                "UPDATE audit_events SET seq = CASE seq WHEN 1 THEN 1002 WHEN 2 THEN 1001 END WHERE chain_key = {CHAIN} AND seq IN (1, 2); \
                 UPDATE audit_events SET seq = seq - 1000 WHERE chain_key = {CHAIN} AND seq > 1000"
            )
        },
        "prev_hash_mismatch",
    )
    .await;
}

#[tokio::test]
async fn a_forged_event_is_detected() {
    tampered(
        |app| {
            let id = uuid::Uuid::now_v7();
            let id = if app.is_postgres() { format!("'{id}'") } else { format!("X'{}'", id.simple()) };
            format!(
                "INSERT INTO audit_events (id, chain_key, seq, county_id, unit_id, actor_user_id, actor_name, action, object_type, \
                 object_id, outcome, summary, request_id, client_ip, created_at, prev_hash, hash) \
                 SELECT {id}, chain_key, seq + 1, county_id, unit_id, actor_user_id, 'intruder', 'user.update', 'user', NULL, 'success', \
                 '{{}}', 'forged', '127.0.0.1', created_at, hash, '{}' \
                 FROM audit_events WHERE chain_key = {CHAIN} ORDER BY seq DESC LIMIT 1",
                "f".repeat(64)
            )
        },
        "hash_mismatch",
    )
    .await;
}

#[tokio::test]
async fn a_truncated_tail_is_detected() {
    tampered(
        |_| format!("DELETE FROM audit_events WHERE chain_key = {CHAIN} AND seq = (SELECT MAX(seq) FROM audit_events WHERE chain_key = {CHAIN})"),
        "tail_truncated",
    )
    .await;
}

/// Refusals are aggregated per user, route and minute: 25 refused requests to one route write the
/// first refusal and the tenth with its count; another route has its own.
#[tokio::test]
async fn repeated_refusals_are_aggregated_per_user_route_and_minute() {
    let app = spawn_app().await;
    let handler = app.login("kouqian.handler").await;
    let xiyang = app.unit_id("xiyang").await;
    for _ in 0..25 {
        let id = uuid::Uuid::now_v7();
        let r = app.get(&format!("/api/v1/units/{xiyang}/applications/{id}"), &handler).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(app.get("/api/v1/users", &handler).await.status(), StatusCode::FORBIDDEN);
    let events: Vec<entity::audit_event::Model> = entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::Outcome.eq(entity::enums::AuditOutcome::Denied))
        .filter(entity::audit_event::Column::ActorUserId.eq(handler.user_id))
        .order_by_asc(entity::audit_event::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    let counts: Vec<(String, i64)> = events
        .iter()
        .map(|e| {
            let summary: serde_json::Value = serde_json::from_str(&e.summary).unwrap();
            (summary["route"].as_str().unwrap().to_string(), summary["count_this_minute"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("/api/v1/units/{unit_id}/applications/{application_id}".to_string(), 1),
            ("/api/v1/units/{unit_id}/applications/{application_id}".to_string(), 10),
            ("/api/v1/users".to_string(), 1),
        ]
    );
}

/// Deleting the newest events and rewriting the head row to the shortened tail leaves a chain that
/// verifies on its own; a signed checkpoint written outside the database still names the events that
/// were there. A checkpoint file altered by hand fails its signature.
#[tokio::test]
async fn a_truncated_tail_with_a_rewritten_head_is_caught_by_the_checkpoint() {
    use gongkai_api::audit::{checkpoint, verify};
    use gongkai_api::time::TimeSource;
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let dir = app.state.settings.audit_checkpoint_dir.clone();
    let taken = checkpoint::take(&app.state.db, &app.state.audit_key, app.time.now()).await.unwrap();
    let path = checkpoint::write(&dir, &taken).unwrap();
    let report = verify(&app, &admin).await;
    assert_eq!((report["ok"].as_bool(), report["checkpoints_checked"].as_u64()), (Some(true), Some(1)), "{report}");

    let mut forged = taken.clone();
    forged.heads[0].last_seq += 1;
    let forged_path = dir.join("audit-checkpoint-forged.json");
    std::fs::write(&forged_path, serde_json::to_string(&forged).unwrap()).unwrap();
    assert_eq!(verify(&app, &admin).await["first_broken"]["reason"], "checkpoint_forged");
    std::fs::remove_file(&forged_path).unwrap();

    app.tamper(&format!(
        "DELETE FROM audit_events WHERE chain_key = {CHAIN} AND seq = (SELECT MAX(seq) FROM audit_events WHERE chain_key = {CHAIN}); \
         UPDATE audit_chain_heads SET \
           last_seq = (SELECT MAX(seq) FROM audit_events e WHERE e.chain_key = audit_chain_heads.chain_key), \
           last_hash = (SELECT hash FROM audit_events e WHERE e.chain_key = audit_chain_heads.chain_key ORDER BY seq DESC LIMIT 1) \
         WHERE chain_key = {CHAIN}"
    ))
    .await;
    let alone = verify::verify_chains(&app.state.db, &app.state.audit_key, |_| true).await.unwrap();
    assert!(alone.ok, "the rewritten head hides the truncation from the chain alone");
    let report = verify(&app, &admin).await;
    assert_eq!(
        (report["ok"].as_bool(), report["first_broken"]["reason"].as_str()),
        (Some(false), Some("checkpoint_missing")),
        "{report}"
    );
    assert!(path.exists());
}

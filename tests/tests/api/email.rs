use chrono::TimeDelta;
use entity::email_outbox;
use entity::enums::OutboxState;
use gongkai_api::db::write_tx;
use gongkai_api::jobs::{self, JobKind};
use gongkai_api::notify::{self, Notice, dispatcher};
use gongkai_api::time::TimeSource;
use gongkai_tests::smtp::{Mode, SmtpSink};
use gongkai_tests::{AppOptions, TestApp, beijing, json, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

async fn app_with_smtp(sink: &SmtpSink) -> TestApp {
    spawn_app_with(AppOptions { env: vec![("SMTP_URL", sink.url())], ..Default::default() }).await
}

/// Queues one reminder email to a person, in its own transaction.
async fn queue(app: &TestApp, username: &str, commit: bool) {
    let person =
        entity::user::Entity::find_by_id(app.user_id(username).await).one(&app.state.db).await.unwrap().unwrap();
    let tx = write_tx(&app.state.db).await.unwrap();
    let notice = Notice {
        kind: "clock_reminder",
        context: json!({"recipient_name": person.display_name, "unit_name": "口前镇", "subject_label": "依申请公开 A-1",
                        "legal_basis": "条例第三十三条", "limit_name": "答复期限", "due_date": "2026-10-29", "working_days_left": 3, "link": "http://x"}),
        subject_type: None,
        subject_id: None,
        link: None,
        legal: false,
    };
    notify::deliver(&tx, &app.state.settings.public_base_url, &person, &notice, app.time.now()).await.unwrap();
    if commit { tx.commit().await.unwrap() } else { tx.rollback().await.unwrap() }
}

async fn outbox(app: &TestApp) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().all(&app.state.db).await.unwrap()
}

#[tokio::test]
async fn emails_reach_a_real_smtp_server_once_with_their_message_id() {
    let sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    queue(&app, "kouqian.handler", true).await;
    queue(&app, "kouqian.leader", true).await;
    let now = app.time.now();
    let report = dispatcher::dispatch_once(&app.state, &app.state.mailer, now).await.unwrap();
    assert_eq!(report.sent, 2);
    assert_eq!(dispatcher::dispatch_once(&app.state, &app.state.mailer, now).await.unwrap().handled(), 0);
    let received = sink.messages();
    assert_eq!(received.len(), 2);
    for row in outbox(&app).await {
        assert_eq!(row.state, OutboxState::Sent);
        assert_eq!(received.iter().filter(|m| m.contains(&row.message_id)).count(), 1, "{}", row.message_id);
    }
    assert!(received.iter().any(|m| m.contains("kouqian.handler@yongji.example.org")));
}

#[tokio::test]
async fn a_4xx_is_retried_with_backoff_and_the_same_message_id() {
    let sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    queue(&app, "kouqian.handler", true).await;
    sink.set_mode(Mode::TryLater);
    let now = app.time.now();
    let report = dispatcher::dispatch_once(&app.state, &app.state.mailer, now).await.unwrap();
    assert_eq!(report.retried, 1);
    let row = outbox(&app).await.remove(0);
    assert_eq!((row.state, row.attempts), (OutboxState::Pending, 1));
    assert!(row.next_attempt_at > now);
    assert!(row.last_error.unwrap().contains("451"));

    sink.set_mode(Mode::Accept);
    assert_eq!(
        dispatcher::dispatch_once(&app.state, &app.state.mailer, now).await.unwrap().handled(),
        0,
        "not before the backoff"
    );
    let later = now + dispatcher::backoff(1) + TimeDelta::seconds(1);
    assert_eq!(dispatcher::dispatch_once(&app.state, &app.state.mailer, later).await.unwrap().sent, 1);
    assert_eq!(sink.messages().len(), 1);
    assert!(sink.messages()[0].contains(&row.message_id));
}

#[tokio::test]
async fn a_5xx_is_dead_lettered_and_an_admin_can_retry_it() {
    let sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    queue(&app, "kouqian.handler", true).await;
    sink.set_mode(Mode::Refuse);
    let report = dispatcher::dispatch_once(&app.state, &app.state.mailer, app.time.now()).await.unwrap();
    assert_eq!(report.dead, 1);

    let admin = app.login("admin").await;
    let dead = json(app.get("/api/v1/outbox?state=dead", &admin).await, StatusCode::OK).await;
    assert_eq!(dead["total"], 1);
    assert_eq!(dead["items"][0]["state"], "dead");
    assert_eq!(json(app.get("/api/v1/outbox?state=failed", &admin).await, StatusCode::OK).await["total"], 0);
    let id = dead["items"][0]["id"].as_str().unwrap();
    let handler = app.login("kouqian.handler").await;
    assert_eq!(
        app.post(&format!("/api/v1/outbox/{id}/retry"), &handler, json!({})).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post(&format!("/api/v1/outbox/{id}/retry"), &admin, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );

    sink.set_mode(Mode::Accept);
    assert_eq!(dispatcher::dispatch_once(&app.state, &app.state.mailer, app.time.now()).await.unwrap().sent, 1);
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn a_dispatcher_that_dies_mid_batch_loses_nothing() {
    let sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    for user in ["kouqian.handler", "kouqian.leader", "xiyang.handler"] {
        queue(&app, user, true).await;
    }
    let now = app.time.now();
    // Claimed, then the process dies before sending anything.
    assert_eq!(dispatcher::claim(&app.state, now).await.unwrap().len(), 3);
    let replica = app.replica().await;
    assert_eq!(
        dispatcher::dispatch_once(&replica.state, &replica.state.mailer, now).await.unwrap().handled(),
        0,
        "leased"
    );
    let after_lease = now + TimeDelta::minutes(3);
    assert_eq!(dispatcher::dispatch_once(&replica.state, &replica.state.mailer, after_lease).await.unwrap().sent, 3);
    assert_eq!(sink.messages().len(), 3);
    assert!(outbox(&app).await.iter().all(|r| r.state == OutboxState::Sent));
}

#[tokio::test]
async fn a_rolled_back_change_sends_nothing() {
    let sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    queue(&app, "kouqian.handler", false).await;
    assert!(outbox(&app).await.is_empty());
    assert_eq!(dispatcher::dispatch_once(&app.state, &app.state.mailer, app.time.now()).await.unwrap().handled(), 0);
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn the_embedded_setup_writes_one_eml_file_per_email() {
    let app = spawn_app().await;
    queue(&app, "kouqian.handler", true).await;
    let report = dispatcher::dispatch_once(&app.state, &app.state.mailer, app.time.now()).await.unwrap();
    assert_eq!(report.sent, 1);
    let dir = app.state.settings.data_dir.join("outbox");
    let emls: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(emls.len(), 1);
    let text = std::fs::read_to_string(emls[0].path()).unwrap();
    let row = outbox(&app).await.remove(0);
    assert!(text.contains(&row.message_id));
}

#[tokio::test]
async fn people_choose_their_reminder_emails_but_keep_the_inbox() {
    let app = spawn_app().await;
    let handler = app.login("kouqian.handler").await;
    let prefs = json(app.get("/api/v1/notifications/preferences", &handler).await, StatusCode::OK).await;
    assert!(prefs["emails"].as_array().unwrap().iter().all(|p| p["email"] == true));
    let put = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/notifications/preferences",
            Some(&handler),
            Some(json!({"emails": [{"kind": "clock_reminder", "email": false}]})),
        )
        .await;
    assert_eq!(put.status(), StatusCode::OK);
    queue(&app, "kouqian.handler", true).await;
    assert!(outbox(&app).await.is_empty());
    let inbox = json(app.get("/api/v1/notifications", &handler).await, StatusCode::OK).await;
    assert_eq!(inbox["total"], 1);
    let id = inbox["items"][0]["id"].as_str().unwrap();
    assert_eq!(
        app.post(&format!("/api/v1/notifications/{id}/read"), &handler, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(json(app.get("/api/v1/notifications/unread-count", &handler).await, StatusCode::OK).await["unread"], 0);
    // Someone else's inbox item answers like a missing one.
    let other = app.login("kouqian.leader").await;
    assert_eq!(
        app.post(&format!("/api/v1/notifications/{id}/read"), &other, json!({})).await.status(),
        StatusCode::NOT_FOUND
    );
    let bad = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/notifications/preferences",
            Some(&handler),
            Some(json!({"emails": [{"kind": "decision", "email": false}]})),
        )
        .await;
    assert_eq!(json(bad, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "emails[0].kind");
}

#[tokio::test]
async fn each_scheduled_slot_runs_on_one_replica_and_is_recorded() {
    let app = spawn_app().await;
    let replica = app.replica().await;
    let now = beijing("2026-11-26 09:00");
    assert!(jobs::run_claimed(&app.state, JobKind::CalendarNextYear, now).await.unwrap());
    assert!(!jobs::run_claimed(&replica.state, JobKind::CalendarNextYear, now).await.unwrap());
    // November, and 2027 is not loaded: the openness office (2 people) and the administrator are told.
    let admin = app.login("admin").await;
    let runs = json(app.get("/api/v1/jobs/runs?job=calendar_next_year", &admin).await, StatusCode::OK).await;
    assert_eq!(runs["total"], 1);
    assert_eq!(runs["items"][0]["items"], 3);
    assert!(runs["items"][0]["finished_at"].is_string());
    let inbox = json(app.get("/api/v1/notifications", &admin).await, StatusCode::OK).await;
    assert_eq!(inbox["items"][0]["kind"], "calendar_next_year");
    // Told once per year: the next day's run finds nobody new to tell.
    assert_eq!(jobs::calendar_next_year(&app.state, beijing("2026-11-27 09:00")).await.unwrap(), 0);
    let township = app.login("kouqian.leader").await;
    assert_eq!(app.get("/api/v1/jobs/runs", &township).await.status(), StatusCode::FORBIDDEN);
    let _ = outbox(&app).await.iter().filter(|r| r.kind == "calendar_next_year").count();
    let outbox_rows = email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq("calendar_next_year"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(outbox_rows.len(), 3);
}

//! Complaints about a unit's disclosure work (Regulations Arts. 47, 51; AC 6(9)): dates worked out
//! by hand on the 2026 calendar.

use entity::violation_lead;
use gongkai_api::clocks::reminders;
use gongkai_api::time::TimeSource;
use gongkai_tests::{TestApp, beijing, json, spawn_app};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

async fn file(app: &TestApp, body: Value) -> reqwest::Response {
    app.client.post(app.url("/api/v1/public/complaints")).json(&body).send().await.unwrap()
}

async fn track(app: &TestApp, code: &str, secret: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/v1/public/complaints/{code}"));
    app.client.get(url).header("X-Tracking-Secret", secret).send().await.unwrap()
}

#[tokio::test]
async fn a_complaint_is_answered_by_the_openness_office_in_fifteen_working_days_or_raises_an_ac_6_9_lead() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let kouqian = app.unit_id("kouqian").await;
    let complaint = |subject: &str| {
        json!({"unit_id": kouqian, "complainant": "李某", "contact": "13912345678", "subject": subject,
               "details": "本人于9月申请公开低保名单，至今未收到答复，也未收到延期告知。"})
    };
    let unknown = file(
        &app,
        json!({"unit_id": uuid::Uuid::now_v7(), "complainant": "李某", "contact": "13912345678",
                                    "subject": "未答复", "details": "本人申请公开低保名单，至今未收到答复。"}),
    )
    .await;
    assert_eq!(json(unknown, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "unit_id");
    let first = json(file(&app, complaint("依申请公开逾期未答复")).await, StatusCode::CREATED).await;
    let second = json(file(&app, complaint("主动公开栏目长期未更新")).await, StatusCode::CREATED).await;
    // Received Monday 12 October; 15 working days → Monday 2 November.
    assert_eq!((first["received_on"].as_str(), first["answer_by"].as_str()), (Some("2026-10-12"), Some("2026-11-02")));
    let code = first["code"].as_str().unwrap();
    assert!(code.starts_with("TS2026-"), "{code}");
    assert_eq!(track(&app, code, "WRONGSECRET1").await.status(), StatusCode::NOT_FOUND);
    let seen = json(track(&app, code, first["secret"].as_str().unwrap()).await, StatusCode::OK).await;
    assert_eq!(
        (seen["status"].as_str(), seen["unit_name"].as_str(), seen["answer_by"].as_str()),
        (Some("open"), Some("永吉县口前镇人民政府"), Some("2026-11-02"))
    );

    // The unit complained about does not handle it; the openness office does.
    let township = app.login("kouqian.leader").await;
    assert_eq!(app.get("/api/v1/complaints", &township).await.status(), StatusCode::FORBIDDEN);
    let office = app.login("zhengfuban.handler").await;
    let listed = json(app.get("/api/v1/complaints?status=open", &office).await, StatusCode::OK).await;
    assert_eq!(listed["total"], 2);

    // Both unanswered after Monday 2 November: on Tuesday the 3rd each raises an AC 6(9) lead.
    app.time.set(beijing("2026-11-02 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    let leads = || async {
        violation_lead::Entity::find()
            .filter(violation_lead::Column::Item.eq("6.9"))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.subject_type)
            .collect::<Vec<_>>()
    };
    assert!(leads().await.is_empty());
    app.time.set(beijing("2026-11-03 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads().await, ["complaint", "complaint"]);

    // Answered late on the 3rd.
    let office = app.login("zhengfuban.handler").await;
    let id = listed["items"].as_array().unwrap().iter().find(|c| c["code"] == first["code"]).unwrap()["id"].clone();
    let path = format!("/api/v1/complaints/{}/answer", id.as_str().unwrap());
    let answer =
        json!({"finding": "partly_upheld", "answer": "经调查，口前镇延期未告知属实，已责令其于5个工作日内答复。"});
    let answered = json(app.post(&path, &office, answer.clone()).await, StatusCode::OK).await;
    assert_eq!(answered["status"], "answered");
    let again = app.post(&path, &office, answer).await;
    assert_eq!(json(again, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "finding_not_open");
    let seen = json(track(&app, code, first["secret"].as_str().unwrap()).await, StatusCode::OK).await;
    assert_eq!((seen["finding"].as_str(), seen["answered_on"].as_str()), (Some("partly_upheld"), Some("2026-11-03")));
    assert_eq!(seen["answer"], "经调查，口前镇延期未告知属实，已责令其于5个工作日内答复。");

    // For the assessment: two received about 口前镇, one partly upheld and answered late, one open.
    let stats = json(app.get("/api/v1/statistics/complaints?year=2026", &office).await, StatusCode::OK).await;
    assert_eq!(
        stats,
        json!([{"unit_id": kouqian, "unit_name": "永吉县口前镇人民政府", "received": 2, "upheld": 0, "partly_upheld": 1,
                "not_upheld": 0, "answered_in_time": 0, "answered_late": 1, "open": 1}])
    );
    assert!(second["code"].as_str().unwrap().starts_with("TS2026-"));
}

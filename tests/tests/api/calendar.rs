use gongkai_tests::{json, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn public_due(app: &gongkai_tests::TestApp, query: &str) -> (StatusCode, Value) {
    let resp = app.client.get(app.url(&format!("/api/v1/calendar/due-date?{query}"))).send().await.unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_public_calculator_answers_golden_dates_with_an_explanation() {
    let app = spawn_app().await;
    let (status, body) = public_due(&app, "from=2026-09-24&working_days=20").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["due_date"], "2026-10-29");
    assert_eq!(body["mode"], "working_days");
    assert_eq!(body["counted"].as_array().unwrap().len(), 20);
    assert!(body["skipped"].as_array().unwrap().iter().any(|d| d["reason"] == "holiday" && d["holiday"] == "国庆节"));
    assert!(
        body["counted"].as_array().unwrap().iter().any(|d| d["date"] == "2026-10-10" && d["make_up_for"] == "国庆节")
    );

    let (_, extended) = public_due(&app, "from=2026-09-24&working_days=40").await;
    assert_eq!(extended["due_date"], "2026-11-26");
    let (_, calendar) = public_due(&app, "from=2026-09-24&calendar_days=7").await;
    assert_eq!(calendar["due_date"], "2026-10-08");
    assert_eq!(calendar["rolled_forward_from"], "2026-10-01");
}

#[tokio::test]
async fn bad_calculator_input_names_the_field() {
    let app = spawn_app().await;
    for (query, field, code) in [
        ("from=2026-13-01&working_days=5", "from", "invalid_format"),
        ("from=yesterday&working_days=5", "from", "invalid_format"),
        ("from=2026-01-05&working_days=-1", "working_days", "range"),
        ("from=2026-01-05&calendar_days=100000", "calendar_days", "range"),
        ("from=2026-01-05&working_days=3&calendar_days=3", "calendar_days", "exactly_one_period"),
        ("from=2026-01-05", "working_days", "exactly_one_period"),
        ("from=2026-01-05&working_days=abc", "working_days", "invalid_value"),
        ("working_days=3", "from", "required"),
    ] {
        let (status, body) = public_due(&app, query).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["fields"][0]["field"], field, "{query}: {body}");
        assert_eq!(body["fields"][0]["code"], code, "{query}: {body}");
    }
}

#[tokio::test]
async fn the_openness_office_edits_the_calendar_and_due_dates_follow() {
    let app = spawn_app().await;
    let years: Value = app.client.get(app.url("/api/v1/calendar/years")).send().await.unwrap().json().await.unwrap();
    let y2027 = years.as_array().unwrap().iter().find(|y| y["year"] == 2027).unwrap();
    assert_eq!(y2027["loaded"], false, "next year is flagged until loaded");
    let (_, before) = public_due(&app, "from=2026-12-30&working_days=3").await;
    assert_eq!(before["due_date"], "2027-01-05", "New Year 2027 is off on the provisional schedule");
    assert_eq!(before["years_without_schedule"], json!([2027]));

    let office = app.login("zhengfuban.handler").await;
    let days = json!({"days": [
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
        {"date": "2027-01-04", "kind": "holiday", "name": "元旦"},
        {"date": "2027-01-09", "kind": "make_up_workday", "name": "元旦"}
    ]});
    let stored = json(
        app.request(reqwest::Method::PUT, "/api/v1/calendar/years/2027", Some(&office), Some(days)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(stored["days"].as_array().unwrap().len(), 3);
    let (_, after) = public_due(&app, "from=2026-12-30&working_days=3").await;
    assert_eq!(after["due_date"], "2027-01-06");
    assert_eq!(after["years_without_schedule"], json!([]));

    let csv = "date,kind,name\n2027-02-08,holiday,春节\n2027-02-06,make_up_workday,春节\n";
    let imported =
        app.post("/api/v1/calendar/years/2027/import", &office, json!({"format": "csv", "content": csv})).await;
    assert_eq!(json(imported, StatusCode::OK).await["days"].as_array().unwrap().len(), 2);

    let notice =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../migration/seed/cn-public-holidays.json"))
            .unwrap();
    let replaced =
        app.post("/api/v1/calendar/years/2026/import", &office, json!({"format": "json", "content": notice})).await;
    assert_eq!(replaced.status(), StatusCode::OK);

    let weekday_make_up = json!({"days": [{"date": "2027-03-03", "kind": "make_up_workday", "name": "x"}]});
    let bad =
        app.request(reqwest::Method::PUT, "/api/v1/calendar/years/2027", Some(&office), Some(weekday_make_up)).await;
    let bad = json(bad, StatusCode::BAD_REQUEST).await;
    assert_eq!(bad["fields"][0]["field"], "days[0].date");
    assert_eq!(bad["fields"][0]["code"], "make_up_not_weekend");

    let township = app.login("kouqian.leader").await;
    let denied = app
        .request(reqwest::Method::PUT, "/api/v1/calendar/years/2027", Some(&township), Some(json!({"days": []})))
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);

    let admin = app.login("admin").await;
    let needs_county =
        app.request(reqwest::Method::PUT, "/api/v1/calendar/years/2027", Some(&admin), Some(json!({"days": []}))).await;
    assert_eq!(json(needs_county, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "county_id");
}

#[tokio::test]
async fn scripted_floods_on_the_public_calculator_are_stopped_per_address_across_replicas() {
    let app = gongkai_tests::spawn_app_with(gongkai_tests::AppOptions {
        env: vec![("PUBLIC_RATE_PER_MINUTE", "5".into())],
        ..Default::default()
    })
    .await;
    let replica = app.replica().await;
    let ask = |a: &gongkai_tests::TestApp, ip: &str| {
        a.client
            .get(a.url("/api/v1/calendar/due-date?from=2026-11-23&working_days=5"))
            .header("x-forwarded-for", ip.to_string())
            .send()
    };
    for _ in 0..5 {
        assert_eq!(ask(&app, "203.0.113.80").await.unwrap().status(), StatusCode::OK);
    }
    let flooded = ask(&app, "203.0.113.80").await.unwrap();
    assert!(flooded.headers().contains_key("retry-after"));
    assert_eq!(json(flooded, StatusCode::TOO_MANY_REQUESTS).await["code"], "too_many_requests");
    assert_eq!(ask(&app, "198.51.100.80").await.unwrap().status(), StatusCode::OK, "other citizens are served");
    let on_replica = ask(&replica, "203.0.113.80").await.unwrap().status();
    if gongkai_tests::redis_url().is_some() {
        assert_eq!(on_replica, StatusCode::TOO_MANY_REQUESTS, "Redis shares the count");
    } else {
        assert_eq!(on_replica, StatusCode::OK, "without Redis each replica counts alone");
    }
}

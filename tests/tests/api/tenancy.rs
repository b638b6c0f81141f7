use std::time::{Duration, Instant};

use gongkai_tests::{Session, TestApp, json, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

/// Every unit-scoped route, with `{unit}` and `{assignment}` to fill in.
const UNIT_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/units/{unit}"),
    ("PATCH", "/api/v1/units/{unit}"),
    ("GET", "/api/v1/units/{unit}/members"),
    ("POST", "/api/v1/units/{unit}/members"),
    ("DELETE", "/api/v1/units/{unit}/members/{assignment}"),
    ("POST", "/api/v1/units/{unit}/handlers"),
    ("GET", "/api/v1/units/{unit}/clocks"),
    ("GET", "/api/v1/units/{unit}/clocks/{clock}"),
    ("GET", "/api/v1/units/{unit}/approvals"),
    ("GET", "/api/v1/units/{unit}/cases"),
    ("GET", "/api/v1/units/{unit}/circulated-criticisms"),
    ("GET", "/api/v1/units/{unit}/applications"),
    ("POST", "/api/v1/units/{unit}/applications"),
    ("GET", "/api/v1/units/{unit}/applications/{application}"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/sign"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/transfer"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/correction-notice"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/correction"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/extension"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/consultations"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/consultations/{row}/answer"),
    ("GET", "/api/v1/units/{unit}/applications/{application}/fee-quote?method=per_page&quantity=40"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/fee-notice"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/payment"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/reply-draft"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/reply-decision"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/delivery"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/attachments?purpose=identity_proof&file_name=a.png"),
    ("GET", "/api/v1/units/{unit}/applications/{application}/attachments/{row}"),
    ("POST", "/api/v1/units/{unit}/applications/{application}/proceedings"),
    ("PATCH", "/api/v1/units/{unit}/applications/{application}/proceedings/{row}"),
    ("GET", "/api/v1/units/{unit}/applications/{application}/letters/{row}"),
    ("GET", "/api/v1/units/{unit}/statistics/applications?year=2026"),
    ("POST", "/api/v1/units/{unit}/supervision-notices"),
    ("GET", "/api/v1/units/{unit}/supervision-notices"),
];

/// Valid bodies for the application steps, so a refusal can only come from the unit scope.
fn application_body(template: &str) -> Option<Value> {
    let action = template.split('/').next_back().unwrap_or_default();
    Some(match action {
        "applications" => json!({
            "applicant": {"kind": "natural_person", "name": "探测", "id_type": "resident_id",
                          "id_number": "11010519491231002X", "phone": "13812341234", "address": "永吉县某地"},
            "description": "探测用的申请内容。", "delivery_form": "paper", "channel": "in_person", "received_on": "2026-01-05"}),
        "transfer" => json!({"to_unit_id": Uuid::now_v7(), "reason": "不属本单位"}),
        "correction-notice" => json!({"items": "请写明年份"}),
        "correction" => json!({"description": "补正后的申请内容", "received_on": "2026-01-05"}),
        "extension" => json!({"days": 5, "reason": "需要协调"}),
        "consultations" => json!({"party": "third_party", "party_name": "某公司", "question": "是否同意公开"}),
        "answer" => json!({"answer": "同意", "answered_on": "2026-01-05"}),
        "fee-notice" => json!({"method": "per_page", "quantity": 40}),
        "payment" => json!({"paid_on": "2026-01-05"}),
        "reply-draft" => json!({"outcome": "disclosed", "text": "予以公开全部信息。"}),
        "reply-decision" => json!({"approve": true}),
        "delivery" => json!({"note": "邮寄送达"}),
        "proceedings" => json!({"kind": "administrative_review", "filed_on": "2026-01-05", "result": "pending"}),
        "supervision-notices" => json!({"message": "请按时答复"}),
        _ => return None,
    })
}

fn body_for(method: &str, path: &str, user: Uuid) -> Option<Value> {
    let path = path.split('?').next().unwrap_or(path);
    if path.contains("/applications") || path.ends_with("/supervision-notices") {
        return match method {
            "GET" => None,
            "PATCH" => Some(json!({"result": "maintained", "decided_on": "2026-02-01"})),
            _ => application_body(path),
        };
    }
    match (method, path.ends_with("/members"), path.ends_with("/handlers")) {
        ("POST", true, _) => Some(json!({"user_id": user, "role": "handler"})),
        ("POST", _, true) => {
            Some(json!({"username": "probe.user", "display_name": "探测", "password": "Probe2026abc"}))
        }
        ("PATCH", _, _) => Some(json!({"short_name": "改名"})),
        _ => None,
    }
}

async fn first_assignment(app: &TestApp, unit: Uuid) -> Uuid {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    entity::role_assignment::Entity::find()
        .filter(entity::role_assignment::Column::UnitId.eq(unit))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn call(
    app: &TestApp,
    s: &Session,
    method: &str,
    template: &str,
    unit: Uuid,
    assignment: Uuid,
    user: Uuid,
) -> (StatusCode, String) {
    let path = template
        .replace("{unit}", &unit.to_string())
        .replace("{assignment}", &assignment.to_string())
        .replace("{clock}", &assignment.to_string())
        .replace("{application}", &assignment.to_string())
        .replace("{row}", &assignment.to_string());
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let resp = app.request(method.clone(), &path, Some(s), body_for(method.as_str(), template, user)).await;
    (resp.status(), resp.text().await.unwrap())
}

#[tokio::test]
async fn another_units_rows_answer_exactly_like_missing_ones() {
    let app = spawn_app().await;
    let (a, b) = (app.unit_id("kouqian").await, app.unit_id("xiyang").await);
    let b_assignment = first_assignment(&app, b).await;
    let (b_clock, _) = clock_in(&app, "xiyang").await;
    let b_application = application_in(&app, "xiyang").await;
    let stranger = app.user_id("xiyang.handler").await;
    for username in ["kouqian.handler", "kouqian.leader"] {
        let s = app.login(username).await;
        for (method, template) in UNIT_ROUTES {
            let b_row = if template.contains("{clock}") {
                b_clock
            } else if template.contains("{application}") {
                b_application
            } else {
                b_assignment
            };
            let foreign = call(&app, &s, method, template, b, b_row, stranger).await;
            let missing = call(&app, &s, method, template, Uuid::now_v7(), Uuid::now_v7(), stranger).await;
            assert_eq!(foreign.0, StatusCode::NOT_FOUND, "{username} {method} {template}: {}", foreign.1);
            assert_eq!(foreign, missing, "{username} {method} {template}");
            // Unit A's route with unit B's row.
            if template.contains("{assignment}") || template.contains("{clock}") || template.contains("{application}") {
                let crossed = call(&app, &s, method, template, a, b_row, stranger).await;
                let own_missing = call(&app, &s, method, template, a, Uuid::now_v7(), stranger).await;
                assert_eq!(crossed, own_missing, "{username} {method} {template} with another unit's row");
            }
        }
    }
}

/// Registers an application at a unit's counter.
async fn application_in(app: &TestApp, slug: &str) -> Uuid {
    let handler = app.login(&format!("{slug}.handler")).await;
    let unit = app.unit_id(slug).await;
    let body = application_body("/applications").unwrap();
    let today = chrono::Utc::now().date_naive().to_string();
    let mut body = body;
    body["received_on"] = json!(today);
    let created =
        json(app.post(&format!("/api/v1/units/{unit}/applications"), &handler, body).await, StatusCode::CREATED).await;
    created["id"].as_str().unwrap().parse().unwrap()
}

/// Starts a clock and records an approval in a unit, as a workflow module would.
async fn clock_in(app: &TestApp, slug: &str) -> (Uuid, String) {
    use gongkai_api::tenancy::UnitRef;
    use gongkai_api::time::TimeSource;
    let unit = app.unit(slug).await;
    let drafter = app.user_id(&format!("{slug}.handler")).await;
    let approver = app.user_id(&format!("{slug}.leader")).await;
    let (subject, c) =
        app.start_reply_clock(slug, &format!("{slug}-2026-001"), app.time.now().date_naive(), 20, Some(drafter)).await;
    let subject = subject.id().to_string();
    let tx = gongkai_api::db::write_tx(&app.state.db).await.unwrap();
    gongkai_api::approvals::record(
        &tx,
        UnitRef::for_system(&unit),
        gongkai_api::approvals::Approval {
            subject_type: "application".into(),
            subject_id: subject.clone(),
            decision: "予以公开".into(),
            drafter,
            reviewers: vec![],
            approver: Some(approver),
            leader_instructed: false,
            objection: None,
            collective: None,
            secrecy_reviewed: true,
        },
        app.time.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (c.id, subject)
}

#[tokio::test]
async fn a_units_lists_hold_none_of_another_units_rows() {
    let app = spawn_app().await;
    let (a, b) = (app.unit_id("kouqian").await, app.unit_id("xiyang").await);
    let (_, own_subject) = clock_in(&app, "kouqian").await;
    clock_in(&app, "xiyang").await;
    let leader = app.login("kouqian.leader").await;
    let members = json(app.get(&format!("/api/v1/units/{a}/members"), &leader).await, StatusCode::OK).await;
    let names: Vec<&str> = members.as_array().unwrap().iter().map(|m| m["username"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.iter().all(|n| n.starts_with("kouqian.")), "{names:?}");

    let events = json(app.get("/api/v1/audit/events?page_size=100", &leader).await, StatusCode::OK).await;
    let items = events["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|e| e["unit_id"] == json!(a)));
    let filtered = json(app.get(&format!("/api/v1/audit/events?unit_id={b}"), &leader).await, StatusCode::OK).await;
    assert_eq!(filtered["total"], 0);

    let clocks = json(app.get(&format!("/api/v1/units/{a}/clocks"), &leader).await, StatusCode::OK).await;
    assert_eq!(clocks["total"], 1);
    assert_eq!(clocks["items"][0]["subject_id"], own_subject);
    assert_eq!(clocks["items"][0]["subject_label"], "kouqian-2026-001");
    let approvals = json(app.get(&format!("/api/v1/units/{a}/approvals"), &leader).await, StatusCode::OK).await;
    assert_eq!(approvals.as_array().unwrap().len(), 1);
    assert_eq!(approvals[0]["subject_id"], own_subject);
    assert_eq!(approvals[0]["secrecy_reviewed"], true);
}

#[tokio::test]
async fn a_leader_manages_the_handlers_of_their_own_unit_only() {
    let app = spawn_app().await;
    let unit = app.unit_id("kouqian").await;
    let leader = app.login("kouqian.leader").await;
    let created = app
        .post(
            &format!("/api/v1/units/{unit}/handlers"),
            &leader,
            json!({"username": "kouqian.zhang", "display_name": "张三", "email": "zhang@yongji.example.org", "password": "Kouqian2026zs"}),
        )
        .await;
    let member = json(created, StatusCode::CREATED).await;
    assert_eq!(member["role"], "handler");
    let zhang = app.login_with("kouqian.zhang", "Kouqian2026zs").await;
    assert_eq!(app.get(&format!("/api/v1/units/{unit}"), &zhang).await.status(), StatusCode::OK);

    let leader_id = app.user_id("wanchang.leader").await;
    let promote = app
        .post(&format!("/api/v1/units/{unit}/members"), &leader, json!({"user_id": leader_id, "role": "leader"}))
        .await;
    assert_eq!(json(promote, StatusCode::FORBIDDEN).await["code"], "forbidden");

    let own_leader_assignment = {
        let list = json(app.get(&format!("/api/v1/units/{unit}/members"), &leader).await, StatusCode::OK).await;
        list.as_array().unwrap().iter().find(|m| m["role"] == "leader").unwrap()["id"].as_str().unwrap().to_string()
    };
    let demote = app.delete(&format!("/api/v1/units/{unit}/members/{own_leader_assignment}"), &leader).await;
    assert_eq!(demote.status(), StatusCode::FORBIDDEN);

    let removed =
        app.delete(&format!("/api/v1/units/{unit}/members/{}", member["id"].as_str().unwrap()), &leader).await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    // Within a second the removed handler's reach is gone.
    let deadline = Instant::now() + Duration::from_secs(1);
    loop {
        let status = app.get(&format!("/api/v1/units/{unit}"), &zhang).await.status();
        if status == StatusCode::NOT_FOUND {
            break;
        }
        assert!(Instant::now() < deadline, "still {status}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let handler = app.login("kouqian.handler").await;
    let denied = app
        .post(
            &format!("/api/v1/units/{unit}/handlers"),
            &handler,
            json!({"username": "kouqian.li", "display_name": "李四", "password": "Kouqian2026ls"}),
        )
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn each_county_body_reaches_across_units_only_for_its_function() {
    let app = spawn_app().await;
    let township = app.unit_id("kouqian").await;
    let members = format!("/api/v1/units/{township}/members");
    let profile = format!("/api/v1/units/{township}");
    let add_handler = format!("/api/v1/units/{township}/handlers");
    let new_handler = json!({"username": "kouqian.wang", "display_name": "王五", "password": "Kouqian2026ww"});

    // Openness office: supervises everything, reads members and the audit trail, verifies it.
    let open = app.login("zhengfuban.handler").await;
    assert_eq!(app.get(&members, &open).await.status(), StatusCode::OK);
    let events = json(app.get(&format!("/api/v1/audit/events?unit_id={township}"), &open).await, StatusCode::OK).await;
    assert!(events["total"].as_u64().unwrap() > 0);
    assert_eq!(app.get("/api/v1/audit/verify", &open).await.status(), StatusCode::OK);
    assert_eq!(app.post(&add_handler, &open, new_handler.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.patch(&profile, &open, json!({"short_name": "x"})).await.status(), StatusCode::FORBIDDEN);

    // Secrecy bureau: sees that the unit exists, nothing else of it.
    let secrecy = app.login("baomiju.leader").await;
    assert_eq!(app.get(&profile, &secrecy).await.status(), StatusCode::OK);
    assert_eq!(app.get(&members, &secrecy).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/audit/events", &secrecy).await.status(), StatusCode::OK); // its own unit's trail only
    let own = json(app.get(&format!("/api/v1/audit/events?unit_id={township}"), &secrecy).await, StatusCode::OK).await;
    assert_eq!(own["total"], 0);
    assert_eq!(app.get("/api/v1/audit/verify", &secrecy).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.post(&add_handler, &secrecy, new_handler.clone()).await.status(), StatusCode::FORBIDDEN);

    // Supervisory commission: reads people and the trail across the county, verifies nothing.
    let supervision = app.login("jianwei.handler").await;
    assert_eq!(app.get(&members, &supervision).await.status(), StatusCode::OK);
    let seen =
        json(app.get(&format!("/api/v1/audit/events?unit_id={township}"), &supervision).await, StatusCode::OK).await;
    assert!(seen["total"].as_u64().unwrap() > 0);
    assert_eq!(app.get("/api/v1/audit/verify", &supervision).await.status(), StatusCode::FORBIDDEN);

    // County government, leading group, assessment group: the unit directory only.
    for username in ["xianzhengfu.handler", "gongkai_lingdao.leader", "gongkai_kaohe.handler"] {
        let s = app.login(username).await;
        assert_eq!(app.get(&profile, &s).await.status(), StatusCode::OK, "{username}");
        assert_eq!(app.get(&members, &s).await.status(), StatusCode::FORBIDDEN, "{username}");
        assert_eq!(app.post(&add_handler, &s, new_handler.clone()).await.status(), StatusCode::FORBIDDEN, "{username}");
    }
    // An ordinary department reaches nothing outside itself.
    let department = app.login("jiaoyu.leader").await;
    assert_eq!(app.get(&profile, &department).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn no_one_but_the_platform_admin_reaches_across_counties() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let county = json(
        app.post(
            "/api/v1/counties",
            &admin,
            json!({"name": "舒兰市", "name_en": "Shulan City", "division_code": "220283", "province": "吉林省", "city": "吉林市"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let county_id = county["id"].as_str().unwrap();
    let unit = json(
        app.post(
            "/api/v1/units",
            &admin,
            json!({"county_id": county_id, "slug": "zhengfuban", "name": "舒兰市人民政府办公室", "short_name": "市政府办",
                   "name_en": "Shulan City Government Office", "kind": "department", "function": "openness_office",
                   "credit_code": "91350100M000100Y43"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let unit_id = unit["id"].as_str().unwrap();
    let person = json(
        app.post(
            "/api/v1/users",
            &admin,
            json!({"county_id": county_id, "username": "shulan.open", "display_name": "舒兰公开办", "password": "Shulan2026abc"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let assigned = app
        .post(&format!("/api/v1/units/{unit_id}/members"), &admin, json!({"user_id": person["id"], "role": "handler"}))
        .await;
    assert_eq!(assigned.status(), StatusCode::CREATED);
    let person_id = person["id"].as_str().unwrap();
    let shown = json(app.get(&format!("/api/v1/users/{person_id}"), &admin).await, StatusCode::OK).await;
    assert_eq!(shown["roles"][0]["unit_name"], "舒兰市人民政府办公室");
    assert_eq!(shown["roles"][0]["role"], "handler");

    // Yongji's openness office cannot see Shulan; Shulan's cannot see Yongji.
    let yongji_open = app.login("zhengfuban.handler").await;
    assert_eq!(app.get(&format!("/api/v1/units/{unit_id}"), &yongji_open).await.status(), StatusCode::NOT_FOUND);
    let list = json(app.get("/api/v1/units?page_size=100", &yongji_open).await, StatusCode::OK).await;
    assert_eq!(list["total"], 52);
    assert!(list["items"].as_array().unwrap().iter().all(|u| u["county_id"] != json!(county_id)));

    let shulan = app.login_with("shulan.open", "Shulan2026abc").await;
    let yongji_unit = app.unit_id("kouqian").await;
    assert_eq!(app.get(&format!("/api/v1/units/{yongji_unit}"), &shulan).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/units/{yongji_unit}/members"), &shulan).await.status(), StatusCode::NOT_FOUND);
    let theirs = json(app.get("/api/v1/units", &shulan).await, StatusCode::OK).await;
    assert_eq!(theirs["total"], 1);
    let trail = json(app.get("/api/v1/audit/events?page_size=100", &shulan).await, StatusCode::OK).await;
    assert!(trail["items"].as_array().unwrap().iter().all(|e| e["county_id"] == json!(county_id)));

    // A Yongji user cannot be given a role in Shulan.
    let yongji_user = app.user_id("kouqian.handler").await;
    let cross = app
        .post(&format!("/api/v1/units/{unit_id}/members"), &admin, json!({"user_id": yongji_user, "role": "handler"}))
        .await;
    assert_eq!(json(cross, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "user_in_other_county");

    // The platform administrator sees both.
    let all = json(app.get("/api/v1/units?page_size=1", &admin).await, StatusCode::OK).await;
    assert_eq!(all["total"], 53);
}

#[tokio::test]
async fn a_role_change_holds_on_every_replica_within_a_second() {
    let app = spawn_app().await;
    let replica = app.replica().await;
    let xiyang = app.unit_id("xiyang").await;
    let visitor = app.login("kouqian.handler").await;
    assert_eq!(replica.get(&format!("/api/v1/units/{xiyang}"), &visitor).await.status(), StatusCode::NOT_FOUND);

    let admin = app.login("admin").await;
    let user_id = app.user_id("kouqian.handler").await;
    let resp = app
        .post(&format!("/api/v1/units/{xiyang}/members"), &admin, json!({"user_id": user_id, "role": "handler"}))
        .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let changed_at = Instant::now();
    loop {
        let status = replica.get(&format!("/api/v1/units/{xiyang}"), &visitor).await.status();
        if status == StatusCode::OK {
            break;
        }
        assert!(changed_at.elapsed() < Duration::from_secs(1), "replica still answers {status}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    println!("role change visible on the replica after {:?}", changed_at.elapsed());
}

#[tokio::test]
async fn login_throttling_is_shared_by_replicas_when_redis_is_configured() {
    let app = spawn_app().await;
    let replica = app.replica().await;
    for _ in 0..5 {
        app.try_login("huangyu.leader", "Not-the-password-1", "203.0.113.50").await;
    }
    let on_replica = replica.try_login("huangyu.leader", gongkai_tests::DEMO_PASSWORD, "203.0.113.50").await.status();
    if gongkai_tests::redis_url().is_some() {
        assert_eq!(on_replica, StatusCode::TOO_MANY_REQUESTS);
    } else {
        // Without Redis each replica counts alone (the embedded setup runs one replica).
        assert_eq!(on_replica, StatusCode::OK);
    }
    assert_eq!(
        app.try_login("huangyu.leader", gongkai_tests::DEMO_PASSWORD, "203.0.113.50").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

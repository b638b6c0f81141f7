//! Accountability cases end to end through the API, each with a fixed clock.

use entity::email_outbox;
use entity::enums::OutboxState;
use gongkai_api::approvals::{self, Approval};
use gongkai_api::clocks::reminders;
use gongkai_api::db::write_tx;
use gongkai_api::notify::dispatcher;
use gongkai_api::tenancy::UnitRef;
use gongkai_api::time::TimeSource;
use gongkai_tests::smtp::SmtpSink;
use gongkai_tests::{AppOptions, Session, TestApp, beijing, json, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

#[derive(Clone, Copy)]
enum Trail {
    NoApproval,
    Approved,
    InstructedOverObjection,
    Collective,
}

/// Writes how a decision on `subject` of unit `slug` was made, as a workflow module would.
async fn trail(app: &TestApp, slug: &str, subject: &str, shape: Trail) {
    let unit = app.unit(slug).await;
    let handler = app.user_id(&format!("{slug}.handler")).await;
    let leader = app.user_id(&format!("{slug}.leader")).await;
    let (approver, instructed, objection, collective) = match shape {
        Trail::NoApproval => (None, false, None, None),
        Trail::Approved => (Some(leader), false, None, None),
        Trail::InstructedOverObjection => (Some(leader), true, Some("不应公开".to_string()), None),
        Trail::Collective => (None, false, None, Some((vec![leader, handler], leader))),
    };
    let tx = write_tx(&app.state.db).await.unwrap();
    approvals::record(
        &tx,
        UnitRef::for_system(&unit),
        Approval {
            subject_type: "application".into(),
            subject_id: subject.into(),
            decision: "予以公开".into(),
            drafter: handler,
            reviewers: vec![handler],
            approver,
            leader_instructed: instructed,
            objection,
            collective,
            secrecy_reviewed: true,
            act: "reply",
            releases_information: true,
        },
        app.time.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// An overdue application of `slug` raises a violation lead, as the reminder job does. Returns the
/// lead and the application's id.
async fn overdue_lead(app: &TestApp, slug: &str, subject: &str) -> (Uuid, String) {
    let start = app.time.now().date_naive() - chrono::Days::new(40);
    let (lead_subject, clock) = app.start_reply_clock(slug, &format!("依申请公开 {subject}"), start, 20, None).await;
    let tx = write_tx(&app.state.db).await.unwrap();
    assert!(reminders::raise_lead(&tx, &app.state.clock_kinds, &clock, "6.2", app.time.now()).await.unwrap());
    tx.commit().await.unwrap();
    entity::violation_lead::Entity::find()
        .filter(entity::violation_lead::Column::SubjectId.eq(lead_subject.id().to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .map(|lead| (lead.id, lead_subject.id().to_string()))
        .unwrap()
}

async fn open(app: &TestApp, s: &Session, subject: &str) -> Value {
    let unit = app.unit_id("kouqian").await;
    json(
        app.post(
            "/api/v1/cases",
            s,
            json!({"title": "逾期答复依申请公开", "facts": "申请逾期未答复。", "violation_types": ["outside_scope_or_time"],
                   "unit_ids": [unit], "subjects": [{"subject_type": "application", "subject_id": subject}]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

fn share_of(case: &Value, user: Uuid) -> Value {
    case["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(user)).unwrap()["proposed_share"].clone()
}

fn party_of(case: &Value, user: Uuid) -> String {
    case["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(user)).unwrap()["id"]
        .as_str()
        .unwrap()
        .into()
}

fn unit_party(case: &Value) -> String {
    case["parties"].as_array().unwrap().iter().find(|p| p["kind"] == "unit").unwrap()["id"].as_str().unwrap().into()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

const SERIOUS: &str = r#"{"severity": "serious", "measures": [{"measure": "order_to_correct"}, {"measure": "circulated_criticism"},
    {"measure": "disciplinary_sanction", "sanction": "demerit"}], "circulate_to": []}"#;

fn serious(circulate_to: Uuid) -> Value {
    let mut v: Value = serde_json::from_str(SERIOUS).unwrap();
    v["circulate_to"] = json!([circulate_to]);
    v
}

/// Takes a case through measures, hearing with every statement, and the decision.
async fn decide(app: &TestApp, office: &Session, case: &Value) -> Value {
    let cid = id(case);
    let xiyang = app.unit_id("xiyang").await;
    json(
        app.request(
            reqwest::Method::PUT,
            &format!("/api/v1/cases/{cid}/measures"),
            Some(office),
            Some(serious(xiyang)),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    json(
        app.post(&format!("/api/v1/cases/{cid}/hearing"), office, json!({"deadline": "2026-10-16"})).await,
        StatusCode::OK,
    )
    .await;
    let leader = app.login("kouqian.leader").await;
    let handler = app.login("kouqian.handler").await;
    for (who, party) in [
        (&leader, party_of(case, leader.user_id)),
        (&handler, party_of(case, handler.user_id)),
        (&leader, unit_party(case)),
    ] {
        json(
            app.post(
                &format!("/api/v1/cases/{cid}/statements"),
                who,
                json!({"party_id": party, "statement": "已整改，请从轻。"}),
            )
            .await,
            StatusCode::OK,
        )
        .await;
    }
    json(
        app.post(&format!("/api/v1/cases/{cid}/decision"), office, json!({"reasons": "逾期答复，事实清楚。"})).await,
        StatusCode::OK,
    )
    .await
}

/// Signs in afresh (the fixed clock may have moved past the session's idle limit) and decides.
async fn decide_as(app: &TestApp, cid: &str) -> reqwest::Response {
    let office = app.login("zhengfuban.handler").await;
    app.post(&format!("/api/v1/cases/{cid}/decision"), &office, json!({"reasons": "理由充分。"})).await
}

async fn app_at(when: &str) -> TestApp {
    let app = spawn_app().await;
    app.time.set(beijing(when));
    app
}

#[tokio::test]
async fn ac_9_allocation_follows_the_approval_trail_in_all_four_situations() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    let handler = app.user_id("kouqian.handler").await;
    let leader = app.user_id("kouqian.leader").await;
    let cases = [
        ("A-1", Trail::NoApproval, json!("full"), None),
        ("A-2", Trail::Approved, json!("secondary"), Some(json!("main"))),
        ("A-3", Trail::InstructedOverObjection, json!("none"), Some(json!("main"))),
        ("A-4", Trail::Collective, json!("secondary"), Some(json!("main"))),
    ];
    for (subject, shape, handler_share, leader_share) in cases {
        trail(&app, "kouqian", subject, shape).await;
        let case = open(&app, &office, subject).await;
        assert_eq!(share_of(&case, handler), handler_share, "{subject}: handler");
        match leader_share {
            Some(expected) => assert_eq!(share_of(&case, leader), expected, "{subject}: leader"),
            None => assert!(case["parties"].as_array().unwrap().iter().all(|p| p["user_id"] != json!(leader))),
        }
    }
}

#[tokio::test]
async fn changing_the_proposal_needs_a_written_reason_which_is_recorded() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = open(&app, &office, "A-1").await;
    let cid = id(&case);
    let handler = app.user_id("kouqian.handler").await;
    let body = json!({"shares": [{"party_id": party_of(&case, handler), "share": "none"}]});
    let refused = app
        .request(reqwest::Method::PUT, &format!("/api/v1/cases/{cid}/allocation"), Some(&office), Some(body.clone()))
        .await;
    let err = json(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        (err["code"].as_str(), err["fields"][0]["field"].as_str()),
        (Some("allocation_reason_required"), Some("reason"))
    );
    let mut with_reason = body;
    with_reason["reason"] = json!("承办人曾书面提出异议。");
    let ok = app
        .request(reqwest::Method::PUT, &format!("/api/v1/cases/{cid}/allocation"), Some(&office), Some(with_reason))
        .await;
    let after = json(ok, StatusCode::OK).await;
    assert_eq!(after["allocation_reason"], "承办人曾书面提出异议。");
    let p = after["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(handler)).unwrap().clone();
    assert_eq!((p["proposed_share"].as_str(), p["share"].as_str()), (Some("secondary"), Some("none")));
    // Only the deciding body may change it.
    let jianwei = app.login("jianwei.handler").await;
    let other = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/v1/cases/{cid}/allocation"),
            Some(&jianwei),
            Some(json!({"shares": [{"party_id": party_of(&case, handler), "share": "main"}], "reason": "x理由"})),
        )
        .await;
    assert_eq!(json(other, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "not_deciding_body");
}

#[tokio::test]
async fn a_lead_becomes_a_case_in_one_call() {
    let app = app_at("2026-10-12 09:00").await;
    let (lead, application_id) = overdue_lead(&app, "kouqian", "KQ-2026-007").await;
    trail(&app, "kouqian", &application_id, Trail::NoApproval).await;
    let office = app.login("zhengfuban.leader").await;
    let case = json(
        app.post("/api/v1/cases", &office, json!({"lead_id": lead, "title": "逾期未答复"})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(case["lead_id"], json!(lead));
    assert_eq!(case["violation_types"], json!(["outside_scope_or_time"]));
    assert_eq!(case["subjects"][0]["subject_id"], application_id);
    assert!(case["facts"].as_str().unwrap().contains("KQ-2026-007"));
    assert_eq!(case["deciding_unit_id"], json!(app.unit_id("zhengfuban").await));
    assert_eq!(share_of(&case, app.user_id("kouqian.handler").await), "full");
    let leads = json(app.get("/api/v1/violation-leads?status=case_opened", &office).await, StatusCode::OK).await;
    assert_eq!(leads["total"], 1);
    // The status filters read the stored strings; an unknown one matches nothing.
    let open_cases = json(app.get("/api/v1/cases?status=open", &office).await, StatusCode::OK).await;
    assert_eq!(open_cases["total"], 1);
    assert_eq!(open_cases["items"][0]["status"], "open");
    for unknown in ["/api/v1/cases?status=closed", "/api/v1/violation-leads?status=triaged"] {
        assert_eq!(json(app.get(unknown, &office).await, StatusCode::OK).await["total"], 0, "{unknown}");
    }
    // A lead opens one case only.
    let again = app.post("/api/v1/cases", &office, json!({"lead_id": lead, "title": "再次立案"})).await;
    assert_eq!(json(again, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "lead_already_triaged");
    // A township cannot open cases; a department only within its own system (AC 4, AC 13).
    let township = app.login("kouqian.leader").await;
    let refused = app.post("/api/v1/cases", &township, json!({"title": "越权立案", "facts": "x事实", "violation_types": ["other"], "unit_ids": [app.unit_id("xiyang").await]})).await;
    assert_eq!(json(refused, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "outside_own_system");
    let jiaoyu = app.login("jiaoyu.leader").await;
    let own_school = app.unit_id("yizhong").await;
    let school = app.post("/api/v1/cases", &jiaoyu, json!({"title": "学校未公开收费", "facts": "x事实", "violation_types": ["illegal_fees"], "unit_ids": [own_school]})).await;
    assert_eq!(json(school, StatusCode::CREATED).await["deciding_unit_id"], json!(app.unit_id("jiaoyu").await));
    let hospital = app.post("/api/v1/cases", &jiaoyu, json!({"title": "越权", "facts": "x事实", "violation_types": ["other"], "unit_ids": [app.unit_id("renminyiyuan").await]})).await;
    assert_eq!(json(hospital, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "outside_own_system");
}

#[tokio::test]
async fn ac_8_departures_need_a_reason_and_major_cases_the_county_government() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = open(&app, &office, "A-1").await;
    let cid = id(&case);
    let put = |body: Value| {
        let (app, office, cid) = (&app, &office, cid.clone());
        async move {
            app.request(reqwest::Method::PUT, &format!("/api/v1/cases/{cid}/measures"), Some(office), Some(body)).await
        }
    };
    let lighter = json!({"severity": "minor", "measures": [{"measure": "order_to_correct"}]});
    let err = json(put(lighter.clone()).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(err["code"], "departure_reason_required");
    assert_eq!(err["fields"][0]["field"], "departure_reason");
    let mut with_reason = lighter;
    with_reason["departure_reason"] = json!("及时纠正，依第十条从轻。");
    let ok = json(put(with_reason).await, StatusCode::OK).await;
    assert_eq!(ok["measure_check"]["departs"], true);
    assert_eq!(
        ok["measure_check"]["missing"],
        json!([{"measure": "circulated_criticism"}, {"measure": "admonishment_talk"}])
    );
    let full = json(put(json!({"severity": "minor", "measures": [{"measure": "order_to_correct"}, {"measure": "circulated_criticism"}, {"measure": "admonishment_talk"}], "circulate_to": [app.unit_id("xiyang").await]})).await, StatusCode::OK).await;
    assert_eq!((full["measure_check"]["departs"].as_bool(), full["departure_reason"].is_null()), (Some(false), true));
    // Heavier than AC 8 for a minor case: a sanction added is a departure too.
    let heavier = json!({"severity": "minor", "measures": [{"measure": "order_to_correct"}, {"measure": "circulated_criticism"}, {"measure": "admonishment_talk"}, {"measure": "disciplinary_sanction", "sanction": "warning"}], "circulate_to": [app.unit_id("xiyang").await]});
    let err = json(put(heavier).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(err["code"], "departure_reason_required");

    let mut major = serious(app.unit_id("xiyang").await);
    major["severity"] = json!("major");
    assert_eq!(json(put(major).await, StatusCode::OK).await["approval"], "pending");
    // The county government's leader is told the case waits for approval.
    let gov_leader = app.user_id("xianzhengfu.leader").await;
    let waiting = entity::notification::Entity::find()
        .filter(entity::notification::Column::UserId.eq(gov_leader))
        .filter(entity::notification::Column::Kind.eq("case_approval_requested"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(waiting.len(), 1);
    json(
        app.post(&format!("/api/v1/cases/{cid}/hearing"), &office, json!({"deadline": "2026-10-16"})).await,
        StatusCode::OK,
    )
    .await;
    app.time.set(beijing("2026-10-19 09:00"));
    let office = app.login("zhengfuban.handler").await;
    let early = app.post(&format!("/api/v1/cases/{cid}/decision"), &office, json!({"reasons": "情节重大。"})).await;
    assert_eq!(json(early, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "county_approval_required");
    // Only the county government's leader approves.
    for who in ["zhengfuban.leader", "xianzhengfu.handler"] {
        let s = app.login(who).await;
        let r = app.post(&format!("/api/v1/cases/{cid}/approval"), &s, json!({"approved": true})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
    }
    let government = app.login("xianzhengfu.leader").await;
    let approved = json(
        app.post(&format!("/api/v1/cases/{cid}/approval"), &government, json!({"approved": true, "note": "同意"}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(approved["approval"], "approved");
    let decided = json(
        app.post(&format!("/api/v1/cases/{cid}/decision"), &office, json!({"reasons": "情节重大。"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(decided["status"], "decided");
    assert_eq!(decided["track"], "civil_service");
    // AC 8 / the Civil Servant Law: the openness office only recommends the sanction; the body with
    // authority over the person decides it, and the 12 months of a demerit run from that decision.
    let leader = app.user_id("kouqian.leader").await;
    let p = decided["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(leader)).unwrap().clone();
    assert_eq!((p["sanction_status"].as_str(), p["sanction_ends_on"].clone()), (Some("recommended"), Value::Null));
    let party = p["id"].as_str().unwrap();
    let sanction = format!("/api/v1/cases/{cid}/parties/{party}/sanction");
    let body = json!({"imposed": true, "decided_on": "2026-10-19", "note": "县政府令〔2026〕8号"});
    let by_office = app.post(&sanction, &office, body.clone()).await;
    assert_eq!(by_office.status(), StatusCode::FORBIDDEN);
    let imposed = json(app.post(&sanction, &government, body.clone()).await, StatusCode::OK).await;
    let p = imposed["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(leader)).unwrap().clone();
    assert_eq!((p["sanction_status"].as_str(), p["sanction_ends_on"].as_str()), (Some("imposed"), Some("2027-10-19")));
    let twice = app.post(&sanction, &government, body).await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "no_recommended_sanction");
    let mails = email_outbox::Entity::find().all(&app.state.db).await.unwrap();
    assert!(mails.iter().any(|m| m.body_text.contains("其中的处分是向对您有管理权限的任免机关或监察机关提出的建议")));
    // The circulated criticism is listed for the unit it goes to.
    let xiyang = app.login("xiyang.leader").await;
    let listed = json(
        app.get(&format!("/api/v1/units/{}/circulated-criticisms", app.unit_id("xiyang").await), &xiyang).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(listed[0]["id"], json!(cid));
}

#[tokio::test]
async fn the_decision_waits_for_the_hearing_deadline_unless_everyone_has_answered() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = open(&app, &office, "A-1").await;
    let cid = id(&case);
    json(
        app.request(
            reqwest::Method::PUT,
            &format!("/api/v1/cases/{cid}/measures"),
            Some(&office),
            Some(serious(app.unit_id("xiyang").await)),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let decide = || decide_as(&app, &cid);
    assert_eq!(json(decide().await, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "hearing_not_held");
    let past = app.post(&format!("/api/v1/cases/{cid}/hearing"), &office, json!({"deadline": "2026-10-12"})).await;
    assert_eq!(json(past, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "deadline_not_after_today");
    json(
        app.post(&format!("/api/v1/cases/{cid}/hearing"), &office, json!({"deadline": "2026-10-16"})).await,
        StatusCode::OK,
    )
    .await;
    // Everyone concerned is told: the two people (the leader also for the unit).
    let hearing_mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq("case_hearing"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(hearing_mail.len(), 2);
    assert!(hearing_mail.iter().all(|m| m.legal_notice && m.body_text.contains("2026-10-16")));
    let handler = app.login("kouqian.handler").await;
    json(
        app.post(
            &format!("/api/v1/cases/{cid}/statements"),
            &handler,
            json!({"party_id": party_of(&case, handler.user_id), "statement": "我已按领导指示办理。"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let twice = app
        .post(
            &format!("/api/v1/cases/{cid}/statements"),
            &handler,
            json!({"party_id": party_of(&case, handler.user_id), "statement": "补充。"}),
        )
        .await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "statement_given");
    let not_mine = app
        .post(
            &format!("/api/v1/cases/{cid}/statements"),
            &handler,
            json!({"party_id": unit_party(&case), "statement": "代单位陈述。"}),
        )
        .await;
    assert_eq!(json(not_mine, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "not_a_party");
    app.time.set(beijing("2026-10-16 17:00"));
    assert_eq!(json(decide().await, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "hearing_not_over");
    app.time.set(beijing("2026-10-17 09:00"));
    let late = app
        .post(
            &format!("/api/v1/cases/{cid}/statements"),
            &app.login("kouqian.leader").await,
            json!({"party_id": unit_party(&case), "statement": "迟到的陈述。"}),
        )
        .await;
    assert_eq!(json(late, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "hearing_closed");
    assert_eq!(json(decide().await, StatusCode::OK).await["status"], "decided");
}

#[tokio::test]
async fn two_accountable_events_within_a_year_are_found_and_shown_as_aggravating() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let first = open(&app, &office, "A-1").await;
    let fresh =
        |case: &Value| case["circumstances"].as_array().unwrap().iter().filter(|c| c["automatic"] == true).count();
    assert_eq!(fresh(&first), 0);
    let decided = decide(&app, &office, &first).await;
    trail(&app, "kouqian", "A-2", Trail::NoApproval).await;
    app.time.set(beijing("2027-03-01 09:00"));
    let office = app.login("zhengfuban.handler").await;
    let second = open(&app, &office, "A-2").await;
    let auto: Vec<&Value> =
        second["circumstances"].as_array().unwrap().iter().filter(|c| c["automatic"] == true).collect();
    // The unit and the handler were both held to account in the first case.
    assert_eq!(auto.len(), 2, "{auto:?}");
    assert!(auto.iter().all(|c| c["kind"] == "aggravating" && c["factor"] == "repeat_within_year"));
    assert!(auto[0]["note"].as_str().unwrap().contains(decided["number"].as_str().unwrap()));
    // Chosen circumstances sit beside the detected one.
    let cid = id(&second);
    let set = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/v1/cases/{cid}/circumstances"),
            Some(&office),
            Some(json!({"items": [{"factor": "cooperated", "note": "主动配合调查"}]})),
        )
        .await;
    let after = json(set, StatusCode::OK).await;
    assert!(
        after["circumstances"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["factor"] == "cooperated" && c["kind"] == "mitigating")
    );
    // More than a year later the first case no longer counts.
    app.time.set(beijing("2027-10-20 09:00"));
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-3", Trail::NoApproval).await;
    assert_eq!(fresh(&open(&app, &office, "A-3").await), 0);
}

#[tokio::test]
async fn reviews_never_make_it_heavier_and_late_filings_are_refused_with_their_due_date() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = decide(&app, &office, &open(&app, &office, "A-1").await).await;
    let cid = id(&case);
    let handler = app.login("kouqian.handler").await;
    // The county government, as appointing body, imposes the recommended demerit the same day.
    let government = app.login("xianzhengfu.leader").await;
    let party = party_of(&case, handler.user_id);
    let imposed = app
        .post(
            &format!("/api/v1/cases/{cid}/parties/{party}/sanction"),
            &government,
            json!({"imposed": true, "decided_on": "2026-10-12"}),
        )
        .await;
    json(imposed, StatusCode::OK).await;
    let filed = json(
        app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "review", "grounds": "处分过重。"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let filing = filed["filings"][0].clone();
    assert_eq!((filing["due_on"].as_str(), filing["decide_by"].as_str()), (Some("2026-11-11"), Some("2026-11-11")));
    let pending = app
        .post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "appeal", "grounds": "再申诉。"}))
        .await;
    assert_eq!(json(pending, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "filing_pending");
    let fid = filing["id"].as_str().unwrap();
    let heavier = json!({"outcome": "changed", "reason": "加重。", "measures": [{"measure": "disciplinary_sanction", "sanction": "major_demerit"}]});
    let refused = app.post(&format!("/api/v1/cases/{cid}/filings/{fid}/decision"), &office, heavier).await;
    let err = json(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!((err["code"].as_str(), err["fields"][0]["field"].as_str()), (Some("outcome_heavier"), Some("measures")));
    let lighter = json!({"outcome": "changed", "reason": "有悔改表现。", "measures": [{"measure": "disciplinary_sanction", "sanction": "warning"}]});
    let done =
        json(app.post(&format!("/api/v1/cases/{cid}/filings/{fid}/decision"), &office, lighter).await, StatusCode::OK)
            .await;
    let me =
        done["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(handler.user_id)).unwrap().clone();
    assert_eq!(me["measures"], json!([{"measure": "disciplinary_sanction", "sanction": "warning"}]));
    assert_eq!(me["sanction_ends_on"], "2027-04-12");

    // The leader never filed: 30 days from 2026-10-12 ended on 2026-11-11.
    app.time.set(beijing("2026-11-12 09:00"));
    let leader = app.login("kouqian.leader").await;
    let late = app
        .post(&format!("/api/v1/cases/{cid}/filings"), &leader, json!({"kind": "review", "grounds": "不服。"}))
        .await;
    let err = json(late, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(err["code"], "filing_late");
    assert_eq!(err["fields"][0]["field"], "due_on");
    assert!(err["message"].as_str().unwrap().contains("2026-11-11"), "{err}");
    let en = app
        .client
        .post(app.url(&format!("/api/v1/cases/{cid}/filings")))
        .bearer_auth(&leader.token)
        .header("accept-language", "en")
        .json(&json!({"kind": "review", "grounds": "不服。"}))
        .send()
        .await
        .unwrap();
    assert!(
        json(en, StatusCode::UNPROCESSABLE_ENTITY).await["message"]
            .as_str()
            .unwrap()
            .contains("the last day was 2026-11-11")
    );
    // The leader's unused window leaves the work lists: the lapse job closes it, once.
    let open_windows = || async {
        entity::statutory_clock::Entity::find()
            .filter(entity::statutory_clock::Column::Kind.eq("case.review_file"))
            .filter(entity::statutory_clock::Column::State.eq("running"))
            .all(&app.state.db)
            .await
            .unwrap()
            .len()
    };
    assert!(open_windows().await >= 1);
    let closed = gongkai_api::accountability::service::close_unused_windows(&app.state, app.time.now()).await.unwrap();
    assert!(closed >= 1);
    assert_eq!(open_windows().await, 0);
    assert_eq!(
        gongkai_api::accountability::service::close_unused_windows(&app.state, app.time.now()).await.unwrap(),
        0
    );

    // Someone not concerned cannot file at all.
    let stranger = app.login("xiyang.handler").await;
    assert_eq!(
        app.post(&format!("/api/v1/cases/{cid}/filings"), &stranger, json!({"kind": "review", "grounds": "不服。"}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_unit_sees_only_cases_concerning_it_and_people_their_own() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = open(&app, &office, "A-1").await;
    let cid = id(&case);
    let own = app.login("kouqian.handler").await;
    assert_eq!(app.get(&format!("/api/v1/cases/{cid}"), &own).await.status(), StatusCode::OK);
    assert_eq!(json(app.get("/api/v1/cases", &own).await, StatusCode::OK).await["total"], 1);
    let mine = json(app.get("/api/v1/my/cases", &own).await, StatusCode::OK).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["party"]["user_id"], json!(own.user_id));
    for other in ["xiyang.handler", "xiyang.leader", "baomiju.leader"] {
        let s = app.login(other).await;
        let foreign = app.get(&format!("/api/v1/cases/{cid}"), &s).await;
        let (fs, fb) = (foreign.status(), foreign.text().await.unwrap());
        let missing = app.get(&format!("/api/v1/cases/{}", Uuid::now_v7()), &s).await;
        let (ms, mb) = (missing.status(), missing.text().await.unwrap());
        assert_eq!((fs, &fb), (StatusCode::NOT_FOUND, &mb), "{other}");
        assert_eq!(ms, StatusCode::NOT_FOUND);
        assert_eq!(json(app.get("/api/v1/cases", &s).await, StatusCode::OK).await["total"], 0, "{other}");
        assert!(json(app.get("/api/v1/my/cases", &s).await, StatusCode::OK).await.as_array().unwrap().is_empty());
    }
    // The supervisory commission and the county government see the county's cases.
    for body in ["jianwei.handler", "xianzhengfu.leader"] {
        let s = app.login(body).await;
        assert_eq!(app.get(&format!("/api/v1/cases/{cid}"), &s).await.status(), StatusCode::OK, "{body}");
    }
    let listed =
        json(app.get(&format!("/api/v1/units/{}/cases", app.unit_id("kouqian").await), &own).await, StatusCode::OK)
            .await;
    assert_eq!(listed["items"][0]["id"], json!(cid));
}

#[tokio::test]
async fn bad_input_names_the_field_and_never_fails_inside() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    let no_title = app.post("/api/v1/cases", &office, json!({"facts": "x", "violation_types": ["other"]})).await;
    assert_eq!(no_title.status(), StatusCode::BAD_REQUEST);
    let bad_type = app
        .post("/api/v1/cases", &office, json!({"title": "标题", "facts": "事实", "violation_types": ["stealing"]}))
        .await;
    assert_eq!(bad_type.status(), StatusCode::BAD_REQUEST);
    let no_facts = app
        .post(
            "/api/v1/cases",
            &office,
            json!({"title": "标题", "violation_types": ["other"], "unit_ids": [app.unit_id("kouqian").await]}),
        )
        .await;
    assert_eq!(json(no_facts, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "facts");
    let bad_unit = app
        .post(
            "/api/v1/cases",
            &office,
            json!({"title": "标题", "facts": "事实", "violation_types": ["other"], "unit_ids": [Uuid::now_v7()]}),
        )
        .await;
    assert_eq!(json(bad_unit, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "unit_ids[0]");
    let case = json(app.post("/api/v1/cases", &office, json!({"title": "标题", "facts": "事实", "violation_types": ["other"], "unit_ids": [app.unit_id("kouqian").await]})).await, StatusCode::CREATED).await;
    let cid = id(&case);
    let evidence = app
        .post(
            &format!("/api/v1/cases/{cid}/evidence"),
            &office,
            json!({"title": "截图", "file_name": "a.png", "content_base64": "@@not base64@@"}),
        )
        .await;
    assert_eq!(json(evidence, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "invalid_base64");
    let file = json(
        app.post(
            &format!("/api/v1/cases/{cid}/evidence"),
            &office,
            json!({"title": "答复书", "file_name": "回复.txt", "content_base64": "5Zue5aSN"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let eid = file["evidence"][0]["id"].as_str().unwrap();
    // Stored in the database: another replica serves it.
    let replica = app.replica().await;
    let got = replica.get(&format!("/api/v1/cases/{cid}/evidence/{eid}"), &office).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.headers()["content-type"], "text/plain; charset=utf-8", "the type comes from the bytes");
    assert!(got.headers()["content-disposition"].to_str().unwrap().contains("filename*=UTF-8''%E5%9B%9E%E5%A4%8D.txt"));
    assert_eq!(got.text().await.unwrap(), "回复");
    // Bytes that are neither a document, an image nor text are refused.
    let binary = app
        .post(&format!("/api/v1/cases/{cid}/evidence"), &office, json!({"title": "程序", "file_name": "x.exe", "content_base64": "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA="}))
        .await;
    assert_eq!(binary.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let bad_measure = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/v1/cases/{cid}/measures"),
            Some(&office),
            Some(json!({"severity": "minor", "measures": []})),
        )
        .await;
    assert_eq!(json(bad_measure, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "measures");
}

/// The handler files a review of the decided case `cid`, and the deciding body decides it.
async fn review_decided(app: &TestApp, office: &Session, cid: &str, outcome: &str, reason: &str) {
    let handler = app.login("kouqian.handler").await;
    let filed = json(
        app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "review", "grounds": "处分过重。"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let fid = filed["filings"][0]["id"].as_str().unwrap().to_string();
    json(
        app.post(
            &format!("/api/v1/cases/{cid}/filings/{fid}/decision"),
            office,
            json!({"outcome": outcome, "reason": reason}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
}

/// The five legal emails, each delivered exactly once while three replicas dispatch at once.
async fn walk_through_every_email(app: &TestApp) {
    let office = app.login("zhengfuban.handler").await;
    trail(app, "kouqian", "A-1", Trail::Approved).await;
    let case = decide(app, &office, &open(app, &office, "A-1").await).await;
    let cid = id(&case);
    review_decided(app, &office, &cid, "upheld", "事实清楚。").await;
    app.time.set(beijing("2026-10-20 09:00"));
    let (office, handler) = (app.login("zhengfuban.handler").await, app.login("kouqian.handler").await);
    let appealed = json(
        app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "appeal", "grounds": "仍不服。"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let appeal = appealed["filings"].as_array().unwrap().iter().find(|f| f["kind"] == "appeal").unwrap().clone();
    assert_eq!(appeal["deciding_unit_id"], json!(app.unit_id("xianzhengfu").await));
    assert_eq!(appeal["due_on"], "2026-10-27");
    let aid = appeal["id"].as_str().unwrap();
    // The openness office decided the case; the appeal is the county government's.
    let refused = app
        .post(
            &format!("/api/v1/cases/{cid}/filings/{aid}/decision"),
            &office,
            json!({"outcome": "revoked", "reason": "撤销。"}),
        )
        .await;
    assert_eq!(json(refused, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "not_deciding_body");
    let government = app.login("xianzhengfu.leader").await;
    json(
        app.post(
            &format!("/api/v1/cases/{cid}/filings/{aid}/decision"),
            &government,
            json!({"outcome": "revoked", "reason": "证据不足。"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
}

async fn outbox_of(app: &TestApp, kind: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().filter(email_outbox::Column::Kind.eq(kind)).all(&app.state.db).await.unwrap()
}

#[tokio::test]
async fn decision_review_and_appeal_emails_reach_smtp_once_with_three_replicas() {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(AppOptions { env: vec![("SMTP_URL", sink.url())], ..Default::default() }).await;
    app.time.set(beijing("2026-10-12 09:00"));
    walk_through_every_email(&app).await;
    // Decision: the two people (the leader also for the unit); filed: the deciding body's two
    // members; decided: the appellant and the unit's leader.
    for (kind, expected) in [
        ("case_decision", 2),
        ("case_review_filed", 2),
        ("case_review_decided", 2),
        ("case_appeal_filed", 2),
        ("case_appeal_decided", 2),
    ] {
        let rows = outbox_of(&app, kind).await;
        assert_eq!(rows.len(), expected, "{kind}");
        assert!(rows.iter().all(|r| r.legal_notice), "{kind} is a legal notice");
    }
    let decision = outbox_of(&app, "case_decision").await;
    assert!(decision[0].body_text.contains("记过"), "{}", decision[0].body_text);
    assert!(
        decision[0].body_text.contains(
            "救济途径：对本决定不服的，可以自知道本决定之日起三十日内（至 2026-11-11）向永吉县人民政府办公室申请复核；\
             对复核决定不服的，可以自接到复核决定之日起十五日内向永吉县人民政府提出申诉；也可以不经复核，\
             自知道本决定之日起三十日内（至 2026-11-11）直接向永吉县人民政府提出申诉。\
             复核、申诉期间不停止决定的执行；申诉不加重处理。依据：《中华人民共和国公务员法》第九十五条。"
        ),
        "{}",
        decision[0].body_text
    );
    let (r2, r3) = (app.replica().await, app.replica().await);
    let now = app.time.now();
    let (a, b, c) = tokio::join!(
        dispatcher::dispatch_once(&app.state, &app.state.mailer, now),
        dispatcher::dispatch_once(&r2.state, &r2.state.mailer, now),
        dispatcher::dispatch_once(&r3.state, &r3.state.mailer, now),
    );
    let sent = a.unwrap().sent + b.unwrap().sent + c.unwrap().sent;
    let rows: Vec<email_outbox::Model> = email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.starts_with("case_"))
        .all(&app.state.db)
        .await
        .unwrap();
    let hearing = outbox_of(&app, "case_hearing").await.len();
    // The demerits are recommendations to the county government, whose leader is told.
    let recommended = outbox_of(&app, "case_sanction_recommended").await;
    assert_eq!(recommended.len(), 1);
    assert!(
        recommended[0]
            .body_text
            .contains("口前镇负责人（口前镇）：给予处分（记过）\n口前镇经办人（口前镇）：给予处分（记过）"),
        "{}",
        recommended[0].body_text
    );
    assert!(recommended[0].body_text.contains("请贵机关依法决定是否给予处分"), "{}", recommended[0].body_text);
    assert_eq!(sent as usize, rows.len());
    assert_eq!(rows.len(), 11 + hearing);
    let received = sink.messages();
    assert_eq!(received.len(), rows.len());
    for row in &rows {
        assert_eq!(row.state, OutboxState::Sent);
        assert_eq!(
            received.iter().filter(|m| m.contains(&row.message_id)).count(),
            1,
            "{} {}",
            row.kind,
            row.message_id
        );
    }
}

#[tokio::test]
async fn the_embedded_setup_writes_the_case_emails_as_files() {
    let app = app_at("2026-10-12 09:00").await;
    walk_through_every_email(&app).await;
    let report = dispatcher::dispatch_once(&app.state, &app.state.mailer, app.time.now()).await.unwrap();
    let dir = app.state.settings.data_dir.join("outbox");
    let emls: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(emls.len() as u64, report.sent);
    for kind in
        ["case_decision", "case_review_filed", "case_review_decided", "case_appeal_filed", "case_appeal_decided"]
    {
        for row in outbox_of(&app, kind).await {
            assert_eq!(emls.iter().filter(|e| e.contains(&row.message_id)).count(), 1, "{kind}");
        }
    }
}

#[tokio::test]
async fn stats_count_cases_measures_and_outcomes_per_unit_and_year() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = decide(&app, &office, &open(&app, &office, "A-1").await).await;
    let handler = app.login("kouqian.handler").await;
    let cid = id(&case);
    let filed = json(
        app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "review", "grounds": "过重。"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let fid = filed["filings"][0]["id"].as_str().unwrap();
    json(
        app.post(
            &format!("/api/v1/cases/{cid}/filings/{fid}/decision"),
            &office,
            json!({"outcome": "revoked", "reason": "撤销。"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let stats = json(app.get("/api/v1/cases/stats?year=2026", &office).await, StatusCode::OK).await;
    let kouqian = json!(app.unit_id("kouqian").await);
    let kq = stats.as_array().unwrap().iter().find(|r| r["unit_id"] == kouqian).unwrap().clone();
    assert_eq!((kq["cases"].as_u64(), kq["decided"].as_u64()), (Some(1), Some(1)));
    // Unit: correct + criticism; leader: criticism + sanction; handler's sanction revoked on review.
    assert_eq!(kq["order_to_correct"], 1);
    assert_eq!(kq["circulated_criticism"], 2);
    assert_eq!(kq["disciplinary_sanction"], 1);
    assert_eq!((kq["reviews"].as_u64(), kq["revoked"].as_u64()), (Some(1), Some(1)));
    assert_eq!(json(app.get("/api/v1/cases/stats?year=2025", &office).await, StatusCode::OK).await, json!([]));
    assert_eq!(app.get("/api/v1/cases/stats", &handler).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_complex_appeal_gets_ninety_days_once_and_the_appellant_is_told() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-9", Trail::Approved).await;
    let case = decide(&app, &office, &open(&app, &office, "A-9").await).await;
    let cid = id(&case);
    let handler = app.login("kouqian.handler").await;
    let filed = json(
        app.post(
            &format!("/api/v1/cases/{cid}/filings"),
            &handler,
            json!({"kind": "appeal", "grounds": "处分过重，直接申诉。"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let appeal = filed["filings"][0].clone();
    let fid = appeal["id"].as_str().unwrap();
    // Filed 2026-10-12: 60 days end on Fri 2026-12-11; 90 days on Thu 2027-01-10 → a Sunday, so Mon 2027-01-11.
    assert_eq!(appeal["decide_by"], "2026-12-11");
    let government = app.login("xianzhengfu.leader").await;
    let refused =
        app.post(&format!("/api/v1/cases/{cid}/filings/{fid}/complex"), &handler, json!({"reason": "我说复杂"})).await;
    assert!(matches!(
        refused.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY
    ));
    let extended = json(
        app.post(
            &format!("/api/v1/cases/{cid}/filings/{fid}/complex"),
            &government,
            json!({"reason": "需调取多个单位的材料。"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(extended["filings"][0]["decide_by"], "2027-01-11");
    let clock = entity::statutory_clock::Entity::find()
        .filter(entity::statutory_clock::Column::Kind.eq("case.appeal_decide"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(clock.due_date.to_string(), "2027-01-11", "the deciding clock follows");
    let twice =
        app.post(&format!("/api/v1/cases/{cid}/filings/{fid}/complex"), &government, json!({"reason": "再延"})).await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "appeal_already_complex");
    let told = entity::notification::Entity::find()
        .filter(entity::notification::Column::UserId.eq(handler.user_id))
        .filter(entity::notification::Column::Kind.eq("case_appeal_extended"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(told.len(), 1);
}

#[tokio::test]
async fn a_decision_revoked_on_review_is_no_repeat_for_the_person_it_was_revoked_for() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let first = decide(&app, &office, &open(&app, &office, "A-1").await).await;
    let cid = id(&first);
    review_decided(&app, &office, &cid, "revoked", "证据不足。").await;
    trail(&app, "kouqian", "A-2", Trail::NoApproval).await;
    app.time.set(beijing("2027-03-01 09:00"));
    let office = app.login("zhengfuban.handler").await;
    let second = open(&app, &office, "A-2").await;
    let auto: Vec<&Value> =
        second["circumstances"].as_array().unwrap().iter().filter(|c| c["automatic"] == true).collect();
    // Only the unit's earlier event still counts: the handler's was revoked on review.
    assert_eq!(auto.len(), 1, "{auto:?}");
    let number = first["number"].as_str().unwrap();
    assert_eq!(auto[0]["note"], format!("口前镇：一年内已有被追责事项（{number}），本案为第二次及以上。"));
}

#[tokio::test]
async fn a_department_pursues_itself_as_a_body_of_its_own_system() {
    let app = app_at("2026-10-12 09:00").await;
    let jiaoyu = app.login("jiaoyu.leader").await;
    let own = app.unit_id("jiaoyu").await;
    let case = app
        .post("/api/v1/cases", &jiaoyu, json!({"title": "本局未及时更新公开目录", "facts": "x事实", "violation_types": ["not_updated"], "unit_ids": [own]}))
        .await;
    assert_eq!(json(case, StatusCode::CREATED).await["deciding_unit_id"], json!(own));
}

async fn open_with_violation(app: &TestApp, s: &Session, subject: &str, violated_on: &str) -> Value {
    let unit = app.unit_id("kouqian").await;
    json(
        app.post(
            "/api/v1/cases",
            s,
            json!({"title": "逾期答复依申请公开", "facts": "申请逾期未答复。", "violation_types": ["outside_scope_or_time"],
                   "unit_ids": [unit], "subjects": [{"subject_type": "application", "subject_id": subject}],
                   "violated_on": violated_on}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

/// AC 11(4): "twice within one year" is counted on the dates of the violations, not of the decisions.
#[tokio::test]
async fn repeats_are_counted_on_the_dates_of_the_violations() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    // Violation of 20 November 2025, decided in October 2026.
    let first = open_with_violation(&app, &office, "A-1", "2025-11-20").await;
    assert_eq!(first["violated_on"], "2025-11-20");
    decide(&app, &office, &first).await;
    app.time.set(beijing("2026-12-01 09:00"));
    let office = app.login("zhengfuban.handler").await;
    let repeats = |case: &Value| {
        case["circumstances"].as_array().unwrap().iter().filter(|c| c["factor"] == "repeat_within_year").count()
    };
    // 25 November 2026 is more than a year after 20 November 2025, though the decision is recent.
    trail(&app, "kouqian", "A-2", Trail::NoApproval).await;
    assert_eq!(repeats(&open_with_violation(&app, &office, "A-2", "2026-11-25").await), 0);
    // 15 November 2026 is within the year.
    trail(&app, "kouqian", "A-3", Trail::NoApproval).await;
    assert_eq!(repeats(&open_with_violation(&app, &office, "A-3", "2026-11-15").await), 2);
    let future = app
        .post(
            "/api/v1/cases",
            &office,
            json!({"title": "x案件", "facts": "x事实", "violation_types": ["other"],
            "unit_ids": [app.unit_id("kouqian").await], "violated_on": "2026-12-02"}),
        )
        .await;
    assert_eq!(json(future, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "violated_on");
}

/// AC 10 / AC 5: a case closes with an exemption (a mitigating circumstance on record) or with no
/// violation found, with reasons and no measure; it is no accountable event afterwards.
#[tokio::test]
async fn a_case_closes_exempted_or_with_no_violation_found_and_counts_as_no_event() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = open(&app, &office, "A-1").await;
    let cid = id(&case);
    let close = |body: Value| {
        let app = &app;
        let office = &office;
        let cid = cid.clone();
        async move { app.post(&format!("/api/v1/cases/{cid}/closure"), office, body).await }
    };
    let exempt = json!({"closure": "exempted", "reasons": "主动配合调查并及时纠正，未造成不良影响，免予处理。"});
    let bare = close(exempt.clone()).await;
    assert_eq!(json(bare, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "exemption_needs_mitigation");
    let items = json!({"items": [{"factor": "corrected_in_time", "note": "收到线索当日即答复申请人"}]});
    let set = app
        .request(reqwest::Method::PUT, &format!("/api/v1/cases/{cid}/circumstances"), Some(&office), Some(items))
        .await;
    json(set, StatusCode::OK).await;
    let closed = json(close(exempt.clone()).await, StatusCode::OK).await;
    assert_eq!((closed["status"].as_str(), closed["closure"].as_str()), (Some("closed"), Some("exempted")));
    assert_eq!(closed["measures"], json!([]));
    assert_eq!(closed["reasons"], "主动配合调查并及时纠正，未造成不良影响，免予处理。");
    let again = close(exempt).await;
    assert_eq!(json(again, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "case_decided");
    let mails = email_outbox::Entity::find().all(&app.state.db).await.unwrap();
    let told: Vec<_> = mails.iter().filter(|m| m.subject.starts_with("【结案】")).collect();
    assert!(!told.is_empty() && told.iter().all(|m| m.body_text.contains("结案：免予处理，不作处理。")), "{told:?}");

    trail(&app, "kouqian", "A-2", Trail::NoApproval).await;
    let other = open(&app, &office, "A-2").await;
    let none = app
        .post(
            &format!("/api/v1/cases/{}/closure", id(&other)),
            &office,
            json!({"closure": "no_violation", "reasons": "经核查，申请人撤回申请在先，不存在逾期答复。"}),
        )
        .await;
    assert_eq!(json(none, StatusCode::OK).await["closure"], "no_violation");

    // Neither closure is an accountable event for AC 11(4).
    app.time.set(beijing("2026-11-02 09:00"));
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-3", Trail::NoApproval).await;
    let third = open(&app, &office, "A-3").await;
    assert!(third["circumstances"].as_array().unwrap().iter().all(|c| c["factor"] != "repeat_within_year"));
}

/// AC 12: a unit concerned, through one of its leaders, files a review like a person concerned.
#[tokio::test]
async fn a_unit_concerned_files_a_review_through_its_leader() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = decide(&app, &office, &open(&app, &office, "A-1").await).await;
    let cid = id(&case);
    let unit = unit_party(&case);
    let body = json!({"kind": "review", "party_id": unit, "grounds": "本单位已在期限内整改，通报批评过重。"});
    let handler = app.login("kouqian.handler").await;
    let not_leader = app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, body.clone()).await;
    assert_eq!(json(not_leader, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "not_a_party");
    let leader = app.login("kouqian.leader").await;
    let mine = json(app.get("/api/v1/my/cases", &leader).await, StatusCode::OK).await;
    assert!(mine.as_array().unwrap().iter().any(|m| m["party"]["id"] == json!(unit) && m["party"]["kind"] == "unit"));
    let filed = json(app.post(&format!("/api/v1/cases/{cid}/filings"), &leader, body).await, StatusCode::CREATED).await;
    let filing = filed["filings"].as_array().unwrap().iter().find(|f| f["party_id"] == json!(unit)).unwrap().clone();
    // 30 days from the decision of Mon 2026-10-12 (Civil Servant Law Art. 95 as the county's rule).
    assert_eq!(filing["due_on"], "2026-11-11");
    let foreign = app.login("xiyang.leader").await;
    let stranger = app
        .post(
            &format!("/api/v1/cases/{cid}/filings"),
            &foreign,
            json!({"kind": "appeal", "party_id": unit, "grounds": "不服。"}),
        )
        .await;
    // Another unit's leader is no party to the case: it answers like a missing case.
    assert_eq!(json(stranger, StatusCode::NOT_FOUND).await["code"], "not_found");
}

fn filing_of<'a>(case: &'a Value, kind: &str) -> &'a Value {
    case["filings"].as_array().unwrap().iter().find(|f| f["kind"] == kind).unwrap()
}

async fn clock_basis(app: &TestApp, kind: &str) -> Vec<String> {
    entity::statutory_clock::Entity::find()
        .filter(entity::statutory_clock::Column::Kind.eq(kind))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.legal_basis)
        .collect()
}

#[tokio::test]
async fn the_supervisory_track_is_re_examination_then_review_by_the_higher_commission_outside_the_county() {
    let app = app_at("2026-10-12 09:00").await;
    let commission = app.login("jianwei.handler").await;
    trail(&app, "kouqian", "S-1", Trail::Approved).await;
    let case = decide(&app, &commission, &open(&app, &commission, "S-1").await).await;
    let cid = id(&case);
    assert_eq!(case["track"], "supervisory");
    // One month from Mon 2026-10-12 is Thu 2026-11-12.
    let letter = outbox_of(&app, "case_decision").await;
    assert!(
        letter[0].body_text.contains(
            "救济途径：对本决定不服的，可以自收到本决定之日起一个月内（至 2026-11-12）向永吉县监察委员会申请复审；\
             对复审决定仍不服的，可以自收到复审决定之日起一个月内向上一级监察机关申请复核。\
             复审、复核期间不停止决定的执行。依据：《中华人民共和国监察法》。"
        ),
        "{}",
        letter[0].body_text
    );
    assert!(
        clock_basis(&app, "case.review_file").await.iter().all(|b| b == "《中华人民共和国监察法》关于复审、复核的规定")
    );

    let handler = app.login("kouqian.handler").await;
    let direct = app
        .post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "appeal", "grounds": "直接申请复核。"}))
        .await;
    assert_eq!(json(direct, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "appeal_after_review");
    let inside = json!({"kind": "review", "grounds": "处分过重。", "external_body": "吉林市监察委员会"});
    let refused = app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, inside).await;
    assert_eq!(json(refused, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "external_body");
    let filed = json(
        app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "review", "grounds": "处分过重。"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let review = filing_of(&filed, "review");
    assert_eq!(review["deciding_unit_id"], json!(app.unit_id("jianwei").await));
    assert_eq!((review["decide_by"].as_str(), review["external_body"].as_null()), (Some("2026-11-12"), Some(())));
    let rid = review["id"].as_str().unwrap().to_string();

    app.time.set(beijing("2026-10-15 09:00"));
    let commission = app.login("jianwei.handler").await;
    json(
        app.post(
            &format!("/api/v1/cases/{cid}/filings/{rid}/decision"),
            &commission,
            json!({"outcome": "upheld", "reason": "事实清楚，处理适当。"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // One month from Thu 2026-10-15 is Sunday 2026-11-15: the next working day.
    let decided = outbox_of(&app, "case_review_decided").await;
    let mine = decided.iter().find(|m| m.body_text.contains("复审申请作出决定")).expect("re-examination wording");
    assert!(
        mine.body_text.contains(
            "对复审决定仍不服的，可以在 2026-11-16 前向上一级监察机关申请复核。依据：《中华人民共和国监察法》。"
        ),
        "{}",
        mine.body_text
    );
    assert_eq!(clock_basis(&app, "case.appeal_file").await, ["《中华人民共和国监察法》关于复审、复核的规定"]);

    app.time.set(beijing("2026-10-20 09:00"));
    let handler = app.login("kouqian.handler").await;
    let unnamed = app
        .post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "appeal", "grounds": "仍不服。"}))
        .await;
    let err = json(unnamed, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        (err["fields"][0]["field"].as_str(), err["fields"][0]["code"].as_str()),
        (Some("external_body"), Some("required"))
    );
    let tomorrow =
        json!({"kind": "appeal", "grounds": "仍不服。", "external_body": "吉林市监察委员会", "filed_on": "2026-10-21"});
    let future = app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, tomorrow).await;
    assert_eq!(json(future, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "in_future");
    let body =
        json!({"kind": "appeal", "grounds": "仍不服。", "external_body": "吉林市监察委员会", "filed_on": "2026-10-19"});
    let filed =
        json(app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, body).await, StatusCode::CREATED).await;
    let appeal = filing_of(&filed, "appeal").clone();
    // The higher commission decides within two months of Mon 2026-10-19: Sat 2026-12-19, so Mon 2026-12-21.
    assert_eq!(appeal["decide_by"], "2026-12-21");
    assert_eq!(appeal["due_on"], "2026-11-16");
    assert_eq!(
        (appeal["external_body"].as_str(), appeal["external_filed_on"].as_str()),
        (Some("吉林市监察委员会"), Some("2026-10-19"))
    );
    assert_eq!(appeal["deciding_unit_id"], json!(app.unit_id("jianwei").await));
    assert!(appeal["clock_id"].is_null(), "the county keeps no clock for a body outside it");
    let told = outbox_of(&app, "case_appeal_filed").await;
    assert!(told.iter().all(|m| m.body_text.contains(
        "该复核已向吉林市监察委员会提出，由其依法在 2026-12-21 前作出决定；收到决定后，请在平台记录其结果。"
    )));
    let aid = appeal["id"].as_str().unwrap().to_string();
    let commission = app.login("jianwei.handler").await;
    let complex = app
        .post(&format!("/api/v1/cases/{cid}/filings/{aid}/complex"), &commission, json!({"reason": "案情复杂。"}))
        .await;
    assert_eq!(json(complex, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "external_step");

    app.time.set(beijing("2026-11-25 09:00"));
    let commission = app.login("jianwei.handler").await;
    let url = format!("/api/v1/cases/{cid}/filings/{aid}/decision");
    let undated = app.post(&url, &commission, json!({"outcome": "revoked", "reason": "证据不足。"})).await;
    assert_eq!(json(undated, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "decided_on");
    let early = json!({"outcome": "revoked", "reason": "证据不足。", "decided_on": "2026-10-18"});
    assert_eq!(
        json(app.post(&url, &commission, early).await, StatusCode::BAD_REQUEST).await["fields"][0]["code"],
        "before_filed"
    );
    let recorded = json!({"outcome": "revoked", "reason": "证据不足。", "decided_on": "2026-11-20"});
    let done = json(app.post(&url, &commission, recorded).await, StatusCode::OK).await;
    let appeal = filing_of(&done, "appeal");
    assert_eq!(
        (appeal["status"].as_str(), appeal["external_decided_on"].as_str()),
        (Some("decided"), Some("2026-11-20"))
    );
    assert_eq!(
        done["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(handler.user_id)).unwrap()["measures"],
        json!([])
    );
    let result = outbox_of(&app, "case_appeal_decided").await;
    assert!(result.iter().any(|m| m.body_text.contains("吉林市监察委员会已对责任追究案件")), "{}", result[0].body_text);
}

#[tokio::test]
async fn the_county_governments_own_decision_is_appealed_outside_the_county() {
    let app = app_at("2026-10-12 09:00").await;
    let government = app.login("xianzhengfu.leader").await;
    trail(&app, "kouqian", "G-1", Trail::Approved).await;
    let case = decide(&app, &government, &open(&app, &government, "G-1").await).await;
    let cid = id(&case);
    assert_eq!(case["track"], "civil_service");
    let letter = outbox_of(&app, "case_decision").await;
    assert!(
        letter[0].body_text.contains(
            "救济途径：对本决定不服的，可以自知道本决定之日起三十日内（至 2026-11-11）向永吉县人民政府申请复核；\
             对复核决定不服的，可以自接到复核决定之日起十五日内向上一级机关提出申诉；也可以不经复核，\
             自知道本决定之日起三十日内（至 2026-11-11）直接向上一级机关提出申诉。\
             复核、申诉期间不停止决定的执行；申诉不加重处理。依据：《中华人民共和国公务员法》第九十五条。"
        ),
        "{}",
        letter[0].body_text
    );
    assert!(clock_basis(&app, "case.review_file").await.iter().all(|b| b == "《中华人民共和国公务员法》第九十五条"));
    app.time.set(beijing("2026-10-20 09:00"));
    let handler = app.login("kouqian.handler").await;
    let body =
        json!({"kind": "appeal", "grounds": "直接申诉。", "external_body": "吉林市人民政府", "filed_on": "2026-10-20"});
    let filed =
        json(app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, body).await, StatusCode::CREATED).await;
    let appeal = filing_of(&filed, "appeal");
    // 60 days from Tue 2026-10-20 is Sat 2026-12-19: Mon 2026-12-21.
    assert_eq!((appeal["decide_by"].as_str(), appeal["due_on"].as_str()), (Some("2026-12-21"), Some("2026-11-11")));
    assert_eq!(appeal["deciding_unit_id"], json!(app.unit_id("xianzhengfu").await));
    assert!(appeal["clock_id"].is_null());
}

#[tokio::test]
async fn an_appeal_inside_the_county_names_no_outside_body() {
    let app = app_at("2026-10-12 09:00").await;
    let office = app.login("zhengfuban.handler").await;
    trail(&app, "kouqian", "A-1", Trail::Approved).await;
    let case = decide(&app, &office, &open(&app, &office, "A-1").await).await;
    let cid = id(&case);
    let handler = app.login("kouqian.handler").await;
    let body =
        json!({"kind": "appeal", "grounds": "直接申诉。", "external_body": "吉林市人民政府", "filed_on": "2026-10-12"});
    let refused = app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, body).await;
    let err = json(refused, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        (err["fields"][0]["field"].as_str(), err["fields"][0]["code"].as_str()),
        (Some("external_body"), Some("not_external"))
    );
    let filed = json(
        app.post(&format!("/api/v1/cases/{cid}/filings"), &handler, json!({"kind": "appeal", "grounds": "直接申诉。"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let appeal = filing_of(&filed, "appeal");
    assert_eq!(appeal["deciding_unit_id"], json!(app.unit_id("xianzhengfu").await));
    assert!(appeal["clock_id"].is_string());
    assert_eq!(clock_basis(&app, "case.appeal_decide").await, ["《中华人民共和国公务员法》第九十五条"]);
}

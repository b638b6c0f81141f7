//! Applications for disclosure end to end through the HTTP API, each test on its own database with a
//! fixed clock.

use chrono::NaiveDate;
use entity::enums::{ApplicantKind, ApplicationChannel, ApplicationStatus, DeliveryForm, ReplyOutcome};
use entity::{application, approval_record, email_outbox, notification, violation_lead};
use gongkai_api::applications::service;
use gongkai_api::clocks::reminders;
use gongkai_api::time::TimeSource;
use gongkai_tests::{AppOptions, TestApp, beijing, json, spawn_app_with};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

const ID_CARD: &str = "11010519491231002X";

/// Handling an application spans weeks of the fixed clock: sessions last the longest the settings
/// allow, and tests sign in again after longer jumps.
async fn spawn() -> TestApp {
    spawn_with(vec![]).await
}

async fn spawn_with(mut env: Vec<(&'static str, String)>) -> TestApp {
    env.push(("SESSION_IDLE_MINUTES", "1440".into()));
    env.push(("SESSION_ABSOLUTE_HOURS", "720".into()));
    spawn_app_with(AppOptions { env, ..Default::default() }).await
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn applicant() -> Value {
    json!({
        "kind": "natural_person", "name": "张三", "id_type": "resident_id", "id_number": ID_CARD,
        "phone": "138-1234-1234", "email": "zhangsan@example.org", "address": "吉林省永吉县口前镇幸福路1号",
    })
}

fn submission(unit_id: Uuid) -> Value {
    json!({
        "unit_id": unit_id, "applicant": applicant(),
        "description": "请公开2026年口前镇农村道路建设项目的招标文件和中标结果。",
        "purpose": "了解本村道路建设情况", "delivery_form": "email",
    })
}

async fn submit_raw(app: &TestApp, body: &Value, key: Option<&str>, ip: &str) -> reqwest::Response {
    let mut req = app.client.post(app.url("/api/v1/public/applications")).header("X-Forwarded-For", ip).json(body);
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    req.send().await.unwrap()
}

/// Submits on the portal; returns the tracking code and the secret.
async fn submit(app: &TestApp, slug: &str) -> (String, String) {
    let body =
        json(submit_raw(app, &submission(app.unit_id(slug).await), None, "10.1.1.1").await, StatusCode::CREATED).await;
    (body["tracking_code"].as_str().unwrap().into(), body["secret"].as_str().unwrap().into())
}

async fn track(app: &TestApp, code: &str, secret: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/v1/public/applications/{code}")))
        .header("X-Tracking-Secret", secret)
        .send()
        .await
        .unwrap()
}

async fn by_id(app: &TestApp, id: Uuid) -> application::Model {
    application::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap()
}

async fn by_code(app: &TestApp, code: &str) -> application::Model {
    application::Entity::find()
        .filter(application::Column::TrackingCode.eq(code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

/// Registers an application received at the counter on `received_on`; returns its id.
async fn register(app: &TestApp, handler: &str, slug: &str, received_on: &str) -> Uuid {
    let handler = &app.login(handler).await;
    let unit = app.unit_id(slug).await;
    let body = json!({
        "applicant": applicant(), "description": "请公开本单位2026年度部门预算及说明。", "delivery_form": "paper",
        "channel": "in_person", "received_on": received_on,
    });
    let resp = app.post(&format!("/api/v1/units/{unit}/applications"), handler, body).await;
    json(resp, StatusCode::CREATED).await["id"].as_str().unwrap().parse().unwrap()
}

/// Signs in afresh for each step: the fixed clock jumps over days, past any session's idle limit.
async fn act(app: &TestApp, who: &str, slug: &str, id: Uuid, action: &str, body: Value) -> reqwest::Response {
    let who = &app.login(who).await;
    let unit = app.unit_id(slug).await;
    app.post(&format!("/api/v1/units/{unit}/applications/{id}/{action}"), who, body).await
}

async fn detail(app: &TestApp, who: &str, slug: &str, id: Uuid) -> Value {
    let who = &app.login(who).await;
    let unit = app.unit_id(slug).await;
    json(app.get(&format!("/api/v1/units/{unit}/applications/{id}"), who).await, StatusCode::OK).await
}

fn reply_due(detail: &Value) -> String {
    detail["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "application.reply").unwrap()["due_date"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_portal_application_is_received_when_signed_and_due_twenty_working_days_later() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let unit = app.unit_id("kouqian").await;
    let body = submission(unit);
    let first = json(submit_raw(&app, &body, Some("retry-key-0001"), "10.0.0.1").await, StatusCode::CREATED).await;
    let again = json(submit_raw(&app, &body, Some("retry-key-0001"), "10.0.0.1").await, StatusCode::OK).await;
    assert_eq!(first["tracking_code"], again["tracking_code"]);
    assert_eq!(first["secret"], again["secret"]);
    assert_eq!(app.count::<application::Entity>().await, 1, "a retried submission creates one application");
    let code = first["tracking_code"].as_str().unwrap();
    let secret = first["secret"].as_str().unwrap();

    let status = json(track(&app, code, secret).await, StatusCode::OK).await;
    assert_eq!(status["status"], "submitted");
    assert_eq!(status["due_kind"], "application.sign");
    assert_eq!(track(&app, code, "WRONGSECRET1").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(track(&app, "2026-NOPE0000", secret).await.status(), StatusCode::NOT_FOUND);

    let id = by_code(&app, code).await.id;
    let signed = json(act(&app, "kouqian.handler", "kouqian", id, "sign", json!({})).await, StatusCode::OK).await;
    assert_eq!(signed["status"], "in_progress");
    assert_eq!(signed["received_on"], "2026-09-24");
    // DOMAIN.md §7: received Thu 2026-09-24 → reply due 2026-10-29.
    assert_eq!(reply_due(&signed), "2026-10-29");
    assert_eq!(signed["due_explanation"]["due_date"], "2026-10-29");

    let status = json(track(&app, code, secret).await, StatusCode::OK).await;
    assert_eq!(status["due_date"], "2026-10-29");
    assert_eq!(status["due_explanation"]["days"], 20);
    assert!(status["events"].as_array().unwrap().iter().any(|e| e["kind"] == "received" && e["letter"] == "receipt"));
    assert!(status["events"].as_array().unwrap().iter().all(|e| e["actor_user_id"].is_null()));

    let mails = email_outbox::Entity::find()
        .filter(email_outbox::Column::ToAddress.eq("zhangsan@example.org"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 2, "one email on submission, one on receipt");
    assert!(mails.iter().all(|m| m.kind == "application_update" && m.body_text.contains(code)));
}

#[tokio::test]
async fn bad_applicant_data_is_refused_field_by_field() {
    let app = spawn().await;
    let unit = app.unit_id("kouqian").await;
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({"id_number": "110105194912310021"}), "applicant.id_number", "invalid_check_digit"),
        (json!({"id_number": "110105194913310029"}), "applicant.id_number", "invalid_birth_date"),
        (json!({"id_type": "credit_code", "id_number": "91220221MA0Y3X0F1K"}), "applicant.id_type", "id_type_mismatch"),
        (json!({"phone": "12345"}), "applicant.phone", "invalid_phone"),
        (json!({"email": "not-an-email"}), "applicant.email", "email"),
        (
            json!({"kind": "commercial_enterprise", "id_type": "credit_code", "id_number": "91220221MA0Y3X0F1K"}),
            "applicant.contact_person",
            "required",
        ),
        (json!({"name": ""}), "applicant.name", "length"),
    ];
    for (i, (patch, field, code)) in cases.into_iter().enumerate() {
        let mut body = submission(unit);
        for (k, v) in patch.as_object().unwrap() {
            body["applicant"][k] = v.clone();
        }
        let resp = submit_raw(&app, &body, None, &format!("10.2.0.{i}")).await;
        let err = json(resp, StatusCode::BAD_REQUEST).await;
        assert!(
            err["fields"].as_array().unwrap().iter().any(|f| f["field"] == field && f["code"] == code),
            "{field} {code}: {err}"
        );
        assert!(!err["message"].as_str().unwrap().is_empty());
    }
    let mut body = submission(unit);
    body["unit_id"] = json!(Uuid::now_v7());
    let err = json(submit_raw(&app, &body, None, "10.2.1.1").await, StatusCode::BAD_REQUEST).await;
    assert_eq!(err["fields"][0]["field"], "unit_id");
    body["description"] = json!("短");
    assert_eq!(submit_raw(&app, &body, None, "10.2.1.2").await.status(), StatusCode::BAD_REQUEST);

    let handler = app.login("kouqian.handler").await;
    app.time.set(beijing("2026-09-24 10:00"));
    let future = json!({"applicant": applicant(), "description": "请公开部门预算。", "delivery_form": "paper",
                        "channel": "in_person", "received_on": "2026-09-25"});
    let err =
        json(app.post(&format!("/api/v1/units/{unit}/applications"), &handler, future).await, StatusCode::BAD_REQUEST)
            .await;
    assert_eq!(err["fields"][0]["code"], "in_future");
    assert_eq!(app.count::<application::Entity>().await, 0, "nothing was stored");
}

#[tokio::test]
async fn a_correction_restarts_the_reply_clock_and_silence_closes_the_application() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-25 09:00"));
    let (code, secret) = submit(&app, "kouqian").await;
    let id = by_code(&app, &code).await.id;
    json(act(&app, "kouqian.handler", "kouqian", id, "sign", json!({})).await, StatusCode::OK).await;
    let asked = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "correction-notice",
        json!({"items": "请写明所需信息的具体年份和项目名称。", "days": 10}),
    )
    .await;
    let asked = json(asked, StatusCode::OK).await;
    assert_eq!(asked["status"], "awaiting_correction");
    let again = act(&app, "kouqian.handler", "kouqian", id, "correction-notice", json!({"items": "再补正一次"})).await;
    assert_eq!(json(again, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "application_wrong_stage");

    app.time.set(beijing("2026-10-12 15:00"));
    let corrected = app
        .client
        .post(app.url(&format!("/api/v1/public/applications/{code}/correction")))
        .header("X-Tracking-Secret", &secret)
        .json(&json!({"description": "请公开2026年口前镇东山村至西山村道路硬化项目的招标公告和中标通知书。"}))
        .send()
        .await
        .unwrap();
    let corrected = json(corrected, StatusCode::OK).await;
    assert_eq!(corrected["status"], "in_progress");
    // 20 working days from Mon 2026-10-12, the day after not counted: Tue Oct 13 … Mon Nov 9.
    assert_eq!(corrected["due_date"], "2026-11-09", "the period starts again from the corrected application");
    let row = by_code(&app, &code).await;
    assert_eq!(row.corrected_on, Some(d("2026-10-12")));

    // The window for a correction notice is 7 working days from receipt.
    let late = register(&app, "kouqian.handler", "kouqian", "2026-10-12").await;
    app.time.set(beijing("2026-10-22 09:00"));
    let refused =
        act(&app, "kouqian.handler", "kouqian", late, "correction-notice", json!({"items": "请写明年份。"})).await;
    let refused = json(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused["code"], "correction_window_closed");
    assert!(refused["message"].as_str().unwrap().contains("2026-10-21"), "{refused}");

    // A second application whose applicant never corrects it.
    app.time.set(beijing("2026-10-12 16:00"));
    let silent = register(&app, "kouqian.handler", "kouqian", "2026-10-12").await;
    json(
        act(
            &app,
            "kouqian.handler",
            "kouqian",
            silent,
            "correction-notice",
            json!({"items": "请写明信息名称。", "days": 5}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    app.time.set(beijing("2026-10-19 10:00"));
    assert_eq!(service::run_lapses(&app.state, app.time.now()).await.unwrap(), 0, "the period has not ended yet");
    app.time.set(beijing("2026-10-20 10:00"));
    assert_eq!(service::run_lapses(&app.state, app.time.now()).await.unwrap(), 1);
    assert_eq!(service::run_lapses(&app.state, app.time.now()).await.unwrap(), 0, "closed once");
    let closed = detail(&app, "kouqian.handler", "kouqian", silent).await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["outcome"], "other_no_correction");
}

#[tokio::test]
async fn one_extension_of_at_most_twenty_working_days_approved_by_the_leader() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let leader = app.login("kouqian.leader").await;
    let id = register(&app, "kouqian.handler", "kouqian", "2026-09-24").await;
    app.time.set(beijing("2026-10-20 10:00"));
    let body = json!({"days": 20, "reason": "申请内容涉及多个部门，需要协调。"});
    assert_eq!(
        act(&app, "kouqian.handler", "kouqian", id, "extension", body.clone()).await.status(),
        StatusCode::FORBIDDEN
    );
    let too_long =
        act(&app, "kouqian.leader", "kouqian", id, "extension", json!({"days": 21, "reason": "需要协调"})).await;
    assert_eq!(json(too_long, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "days");
    let extended =
        json(act(&app, "kouqian.leader", "kouqian", id, "extension", body.clone()).await, StatusCode::OK).await;
    // DOMAIN.md §7: with the extension → 2026-11-26.
    assert_eq!(reply_due(&extended), "2026-11-26");
    assert!(extended["events"].as_array().unwrap().iter().any(|e| e["letter"] == "extension_notice"));
    let twice = act(&app, "kouqian.leader", "kouqian", id, "extension", json!({"days": 5, "reason": "再延期"})).await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "extension_only_once");
    let approvals = approval_record::Entity::find()
        .filter(approval_record::Column::SubjectId.eq(id.to_string()))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(approvals.len(), 1);
    assert_eq!(approvals[0].approver_id, Some(leader.user_id));
}

#[tokio::test]
async fn consultations_suspend_the_reply_clock_and_the_bureau_answers_its_referrals() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let id = register(&app, "kouqian.handler", "kouqian", "2026-09-24").await;

    app.time.set(beijing("2026-09-28 10:00"));
    let consulted = act(&app, "kouqian.handler", "kouqian", id, "consultations",
        json!({"party": "third_party", "party_name": "吉林某某建筑有限公司", "question": "拟公开贵公司投标报价，是否同意？"})).await;
    let consulted = json(consulted, StatusCode::OK).await;
    assert_eq!(consulted["status"], "consulting");
    let consultation = consulted["consultations"][0]["id"].as_str().unwrap().to_string();
    let letter_event = consulted["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["letter"] == "third_party_consultation")
        .unwrap()
        .clone();
    // The letter is the third party's: the applicant sees the step, not the letter.
    let code = by_id(&app, id).await.tracking_code;
    let secret = service::tracking_secret(&app.state.audit_key, id);
    let status = json(track(&app, &code, &secret).await, StatusCode::OK).await;
    let step =
        status["events"].as_array().unwrap().iter().find(|e| e["kind"] == "consultation_started").unwrap().clone();
    assert!(step["letter"].is_null() && step["details"]["party_name"] == "", "{step}");
    let letter = app
        .client
        .get(app.url(&format!("/api/v1/public/applications/{code}/letters/{}", letter_event["id"].as_str().unwrap())))
        .header("X-Tracking-Secret", &secret)
        .send()
        .await
        .unwrap();
    assert_eq!(letter.status(), StatusCode::NOT_FOUND);

    app.time.set(beijing("2026-10-12 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let answered = app
        .post(
            &format!("/api/v1/units/{unit}/applications/{id}/consultations/{consultation}/answer"),
            &handler,
            json!({"answer": "同意公开。", "answered_on": "2026-10-12"}),
        )
        .await;
    let answered = json(answered, StatusCode::OK).await;
    assert_eq!(answered["status"], "in_progress");
    // Received Thu 2026-09-24; Sep 25–27 and Oct 1–7 are holidays, Sep 28 – Oct 12 paused (the make-up
    // Saturday Oct 10 with it): day 1 is Tue Oct 13, day 20 Mon Nov 9.
    assert_eq!(reply_due(&answered), "2026-11-09", "the consultation days are not counted");

    // A referral to the secrecy bureau: its own 5-working-day clock, answered by the bureau only.
    let referred = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "consultations",
        json!({"party": "secrecy_bureau", "question": "拟公开的中标结果是否涉密？"}),
    )
    .await;
    let referred = json(referred, StatusCode::OK).await;
    let referral = referred["consultations"][1]["id"].as_str().unwrap().to_string();
    // 5 working days from Mon 2026-10-12: Tue Oct 13 … Mon Oct 19.
    assert_eq!(referred["consultations"][1]["due_date"], "2026-10-19");
    let own = app
        .post(
            &format!("/api/v1/units/{unit}/applications/{id}/consultations/{referral}/answer"),
            &handler,
            json!({"answer": "不涉密", "answered_on": "2026-10-12"}),
        )
        .await;
    assert_eq!(json(own, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "referral_answered_by_bureau");
    assert_eq!(app.get("/api/v1/referrals", &handler).await.status(), StatusCode::FORBIDDEN);
    let bureau = app.login("baomiju.handler").await;
    let list = json(app.get("/api/v1/referrals?status=open", &bureau).await, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
    let inbox = notification::Entity::find()
        .filter(notification::Column::UserId.eq(bureau.user_id))
        .filter(notification::Column::Kind.eq("referral_received"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(inbox.len(), 1);
    let done = app
        .post(&format!("/api/v1/referrals/{referral}/answer"), &bureau, json!({"answer": "经审查，不涉及国家秘密。"}))
        .await;
    // The bureau gets back the referral it answered, not the application behind it.
    let done = json(done, StatusCode::OK).await;
    assert_eq!((done["status"].as_str(), done["party"].as_str()), (Some("answered"), Some("secrecy_bureau")));
    assert!(done.get("applicant").is_none() && done.get("description").is_none(), "{done}");
    assert_eq!(by_id(&app, id).await.status, ApplicationStatus::InProgress);
}

#[tokio::test]
async fn fees_follow_the_published_tiers_and_an_unpaid_notice_closes_the_application() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let id = register(&app, "kouqian.handler", "kouqian", "2026-09-24").await;
    let quote = json(
        app.get(&format!("/api/v1/units/{unit}/applications/{id}/fee-quote?method=per_page&quantity=120"), &handler)
            .await,
        StatusCode::OK,
    )
    .await;
    // 1–30 free, 31–100 at 10 yuan, 101–120 at 20 yuan.
    assert_eq!(quote["amount_fen"], 110_000);
    assert_eq!(quote["tiers"].as_array().unwrap().len(), 3);
    let small =
        act(&app, "kouqian.handler", "kouqian", id, "fee-notice", json!({"method": "per_item", "quantity": 3})).await;
    assert_eq!(json(small, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "fee_within_allowance");
    let noticed = json(
        act(&app, "kouqian.handler", "kouqian", id, "fee-notice", json!({"method": "per_page", "quantity": 120})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(noticed["status"], "awaiting_payment");
    assert_eq!(noticed["fee"]["amount_fen"], 110_000);
    app.time.set(beijing("2026-09-30 10:00"));
    let paid = json(
        act(&app, "kouqian.handler", "kouqian", id, "payment", json!({"paid_on": "2026-09-30"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(paid["status"], "in_progress");
    // Sep 28–30 waited for payment: three working days added to Thu 2026-10-29 → Tue 2026-11-03.
    assert_eq!(reply_due(&paid), "2026-11-03", "the payment wait is not counted");

    let unpaid = register(&app, "kouqian.handler", "kouqian", "2026-09-30").await;
    json(
        act(&app, "kouqian.handler", "kouqian", unpaid, "fee-notice", json!({"method": "per_page", "quantity": 40}))
            .await,
        StatusCode::OK,
    )
    .await;
    let pay_by = d("2026-11-03");
    app.time.set(beijing(&format!("{} 10:00", pay_by.succ_opt().unwrap())));
    assert_eq!(service::run_lapses(&app.state, app.time.now()).await.unwrap(), 1);
    assert_eq!(detail(&app, "kouqian.handler", "kouqian", unpaid).await["outcome"], "other_unpaid");
}

#[tokio::test]
async fn the_reply_is_drafted_by_the_handler_approved_by_the_leader_and_kept_for_accountability() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let (code, secret) = submit(&app, "kouqian").await;
    let handler = app.login("kouqian.handler").await;
    let leader = app.login("kouqian.leader").await;
    let id = by_code(&app, &code).await.id;
    json(act(&app, "kouqian.handler", "kouqian", id, "sign", json!({})).await, StatusCode::OK).await;
    let bad = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "reply-draft",
        json!({"outcome": "granted", "text": "予以公开全部信息。"}),
    )
    .await;
    assert_eq!(json(bad, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "outcome");
    let draft = json!({"outcome": "withheld_third_party_rights", "text": "经征求第三方意见，该信息涉及商业秘密，不予公开。",
                       "leader_instructed": true, "objection": "我认为投标报价已在开标时公开，不应再以商业秘密为由不予公开。"});
    json(act(&app, "kouqian.handler", "kouqian", id, "reply-draft", draft).await, StatusCode::OK).await;
    let approve = json!({"approve": true});
    assert_eq!(
        act(&app, "kouqian.handler", "kouqian", id, "reply-decision", approve.clone()).await.status(),
        StatusCode::FORBIDDEN
    );
    app.time.set(beijing("2026-10-20 10:00"));
    let closed =
        json(act(&app, "kouqian.leader", "kouqian", id, "reply-decision", approve).await, StatusCode::OK).await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["outcome"], "withheld_third_party_rights");
    let reply_clock =
        closed["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "application.reply").unwrap().clone();
    assert_eq!(reply_clock["state"], "met");
    let trail = approval_record::Entity::find()
        .filter(approval_record::Column::SubjectId.eq(id.to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((trail.drafter_id, trail.approver_id), (handler.user_id, Some(leader.user_id)));
    assert!(trail.leader_instructed && trail.handler_objected);
    // A refusal releases nothing: it needs no secrecy review, and the trail says so.
    assert_eq!((trail.act.as_str(), trail.releases_information, trail.secrecy_reviewed), ("reply", false, false));

    let status = json(track(&app, &code, &secret).await, StatusCode::OK).await;
    assert_eq!(status["outcome_label"], "不予公开：保护第三方合法权益");
    assert!(status["reply_text"].as_str().unwrap().contains("商业秘密"));
    let reply_event = status["events"].as_array().unwrap().iter().find(|e| e["letter"] == "reply").unwrap().clone();
    assert!(
        email_outbox::Entity::find().all(&app.state.db).await.unwrap().iter().any(|m| m.body_text.contains("作出答复"))
    );
    if std::path::Path::new(&app.state.settings.letter_font_dir).exists() {
        let pdf = app
            .client
            .get(
                app.url(&format!("/api/v1/public/applications/{code}/letters/{}", reply_event["id"].as_str().unwrap())),
            )
            .header("X-Tracking-Secret", &secret)
            .send()
            .await
            .unwrap();
        assert_eq!(pdf.status(), StatusCode::OK);
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    } else {
        println!("letter fonts missing at {}: PDF not checked", app.state.settings.letter_font_dir.display());
    }
    let delivered =
        act(&app, "kouqian.handler", "kouqian", id, "delivery", json!({"note": "2026-10-21 电子邮件送达"})).await;
    assert!(json(delivered, StatusCode::OK).await["delivered_at"].is_string());
}

#[tokio::test]
async fn an_overdue_application_reminds_escalates_raises_a_lead_and_is_supervised() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let handler = app.login("kouqian.handler").await;
    let id = register(&app, "kouqian.handler", "kouqian", "2026-09-24").await;
    let kinds_for = |user: Uuid| {
        let db = app.state.db.clone();
        async move {
            notification::Entity::find()
                .filter(notification::Column::UserId.eq(user))
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|n| n.kind)
                .collect::<Vec<_>>()
        }
    };
    app.time.set(beijing("2026-10-26 08:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert!(kinds_for(handler.user_id).await.contains(&"clock_reminder".to_string()));
    app.time.set(beijing("2026-10-30 08:00"));
    let handler = app.login("kouqian.handler").await;
    reminders::run(&app.state, app.time.now()).await.unwrap();
    let office = app.login("zhengfuban.handler").await;
    assert!(kinds_for(office.user_id).await.contains(&"clock_overdue".to_string()));
    let leads = violation_lead::Entity::find()
        .filter(violation_lead::Column::SubjectId.eq(id.to_string()))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(leads.len(), 1);
    assert_eq!((leads[0].item.as_str(), leads[0].subject_type.as_str()), ("6.2", "application"));

    let list = json(app.get("/api/v1/applications?watch=overdue_unhandled", &office).await, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], id.to_string());
    assert_eq!(list["items"][0]["applicant"]["id_number"], "11**************2X");
    assert_eq!(list["items"][0]["overdue"], true);
    let soon = json(app.get("/api/v1/applications?watch=due_soon", &office).await, StatusCode::OK).await;
    assert_eq!(soon["total"], 0);

    let unit = app.unit_id("kouqian").await;
    let sent = app
        .post(&format!("/api/v1/units/{unit}/supervision-notices"), &office,
              json!({"application_id": id, "message": "该申请已逾期，请立即答复并说明原因。", "respond_by": "2026-11-03"}))
        .await;
    json(sent, StatusCode::CREATED).await;
    assert!(kinds_for(handler.user_id).await.contains(&"application_supervision".to_string()));
    assert_eq!(
        app.post(&format!("/api/v1/units/{unit}/supervision-notices"), &handler, json!({"message": "自己督办自己"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let seen = detail(&app, "kouqian.handler", "kouqian", id).await;
    assert_eq!(seen["supervision"].as_array().unwrap().len(), 1);

    // Answered late: it moves to the "overdue, handled" list.
    json(
        act(
            &app,
            "kouqian.handler",
            "kouqian",
            id,
            "reply-draft",
            json!({"outcome": "disclosed", "text": "予以公开，见附件。"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    json(act(&app, "kouqian.handler", "kouqian", id, "secrecy-review", json!({"cleared": true})).await, StatusCode::OK)
        .await;
    json(act(&app, "kouqian.leader", "kouqian", id, "reply-decision", json!({"approve": true})).await, StatusCode::OK)
        .await;
    let handled = json(app.get("/api/v1/applications?watch=overdue_handled", &office).await, StatusCode::OK).await;
    assert_eq!(handled["total"], 1);

    // An online application nobody signs for is "not accepted" (AC 6(3)).
    app.time.set(beijing("2026-11-02 09:00"));
    let (code, _) = submit(&app, "xiyang").await;
    app.time.set(beijing("2026-11-04 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    let unsigned = by_code(&app, &code).await;
    let lead = violation_lead::Entity::find()
        .filter(violation_lead::Column::SubjectId.eq(unsigned.id.to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(lead.item, "6.3");
}

#[tokio::test]
async fn personal_data_is_whole_only_for_the_handling_unit() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let (code, secret) = submit(&app, "kouqian").await;
    let id = by_code(&app, &code).await.id;
    let png = [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], &[7u8; 64][..]].concat();
    let upload = |bytes: Vec<u8>, name: &str| {
        app.client
            .post(app.url(&format!(
                "/api/v1/public/applications/{code}/attachments?purpose=identity_proof&file_name={name}"
            )))
            .header("X-Tracking-Secret", &secret)
            .body(bytes)
            .send()
    };
    let saved = json(upload(png.clone(), "id.png").await.unwrap(), StatusCode::CREATED).await;
    assert_eq!(saved["content_type"], "image/png");
    assert_eq!(
        upload(b"MZ\x90\x00 not an image".to_vec(), "x.exe").await.unwrap().status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(upload(vec![0xFF; 6 * 1024 * 1024], "big.jpg").await.unwrap().status(), StatusCode::PAYLOAD_TOO_LARGE);

    let unit = app.unit_id("kouqian").await;
    let handler = app.login("kouqian.handler").await;
    let own = detail(&app, "kouqian.handler", "kouqian", id).await;
    assert_eq!(own["applicant"]["id_number"], ID_CARD);
    let list = json(app.get(&format!("/api/v1/units/{unit}/applications"), &handler).await, StatusCode::OK).await;
    assert_eq!(list["items"][0]["applicant"]["id_number"], "11**************2X", "lists are masked even for the unit");
    assert_eq!(own["applicant"]["phone"], "13812341234");
    let file = app
        .get(&format!("/api/v1/units/{unit}/applications/{id}/attachments/{}", saved["id"].as_str().unwrap()), &handler)
        .await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.bytes().await.unwrap().to_vec(), png);

    let office = app.login("zhengfuban.handler").await;
    let seen = detail(&app, "zhengfuban.handler", "kouqian", id).await;
    assert_eq!(seen["applicant"]["id_number"], "11**************2X");
    assert_eq!(seen["applicant"]["phone"], "138****1234");
    assert_eq!(seen["applicant"]["name"], "张*");
    let file = app
        .get(&format!("/api/v1/units/{unit}/applications/{id}/attachments/{}", saved["id"].as_str().unwrap()), &office)
        .await;
    assert_eq!(file.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        act(&app, "zhengfuban.handler", "kouqian", id, "sign", json!({})).await.status(),
        StatusCode::FORBIDDEN,
        "oversight is read-only"
    );

    let stranger = app.login("xiyang.handler").await;
    assert_eq!(
        app.get(&format!("/api/v1/units/{unit}/applications/{id}"), &stranger).await.status(),
        StatusCode::NOT_FOUND
    );
    let xiyang = app.unit_id("xiyang").await;
    assert_eq!(
        app.get(&format!("/api/v1/units/{xiyang}/applications/{id}"), &stranger).await.status(),
        StatusCode::NOT_FOUND
    );

    // A misdirected application moves to the right unit before anyone signs for it.
    let moved = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "transfer",
        json!({"to_unit_id": xiyang, "reason": "该道路项目由西阳镇负责。"}),
    )
    .await;
    json(moved, StatusCode::OK).await;
    assert_eq!(
        app.get(&format!("/api/v1/units/{unit}/applications/{id}"), &handler).await.status(),
        StatusCode::NOT_FOUND
    );
    let there = detail(&app, "xiyang.handler", "xiyang", id).await;
    assert_eq!(there["status"], "submitted");
    assert_eq!(there["applicant"]["id_number"], ID_CARD);
}

#[tokio::test]
async fn portal_floods_are_stopped_and_mass_applications_are_flagged_not_refused() {
    let app = spawn_with(vec![
        ("APPLICATION_RATE_PER_IP_HOUR", "3".into()),
        ("APPLICATION_ART35_PER_30_DAYS", "3".into()),
        ("APPLICATION_SURGE_PER_DAY", "4".into()),
        ("APPLICATION_RATE_PER_CONTACT_DAY", "50".into()),
    ])
    .await;
    let unit = app.unit_id("kouqian").await;
    // With Redis the replicas share the count: a flood spread over them is stopped all the same.
    let shared = gongkai_tests::redis_url().is_some();
    let other = if shared { Some(app.replica().await) } else { None };
    for i in 0..3 {
        let via = if i == 2 { other.as_ref().unwrap_or(&app) } else { &app };
        json(submit_raw(via, &submission(unit), None, "10.9.9.9").await, StatusCode::CREATED).await;
    }
    let flood = submit_raw(other.as_ref().unwrap_or(&app), &submission(unit), None, "10.9.9.9").await;
    assert_eq!(flood.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(flood.headers().contains_key("retry-after"));
    let flood = json(flood, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(flood["code"], "portal_flood");
    assert_eq!(
        flood["message"],
        "本网络地址提交过于频繁，请稍后再试。您也可以随时以信函、传真或当面递交书面申请的方式向该机关提出政府信息公开申请。"
    );

    // The same applicant's third application within 30 days is flagged; the next one too, but still accepted.
    let rows = application::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(rows.iter().filter(|a| a.art35_flag).count(), 1);
    json(submit_raw(&app, &submission(unit), None, "10.9.9.10").await, StatusCode::CREATED).await;
    let rows = application::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows.iter().filter(|a| a.art35_flag).count(), 2);
    let office = app.user_id("zhengfuban.handler").await;
    let alerts: Vec<_> = notification::Entity::find()
        .filter(notification::Column::UserId.eq(office))
        .filter(notification::Column::Kind.eq("application_alert"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(alerts.len(), 2, "one Art. 35 alert and one surge alert, each once a day: {alerts:?}");
    let handler = app.login("kouqian.handler").await;
    let flagged =
        json(app.get(&format!("/api/v1/units/{unit}/applications?art35=true"), &handler).await, StatusCode::OK).await;
    assert_eq!(flagged["total"], 2);
}

/// An application of the seeded year: unit, applicant kind, received, closed, outcome.
type Seeded<'a> = (&'a entity::unit::Model, ApplicantKind, &'a str, Option<&'a str>, Option<ReplyOutcome>);

#[tokio::test]
async fn tables_3_and_4_equal_a_hand_count_and_pass_the_cross_check() {
    let app = spawn().await;
    app.time.set(beijing("2027-01-10 10:00"));
    let unit = app.unit("kouqian").await;
    let other = app.unit("xiyang").await;
    // (unit, kind, received, closed, outcome)
    let rows: Vec<Seeded> = vec![
        (&unit, ApplicantKind::NaturalPerson, "2025-12-20", Some("2026-01-15"), Some(ReplyOutcome::Disclosed)),
        (&unit, ApplicantKind::CommercialEnterprise, "2025-12-28", None, None),
        (&unit, ApplicantKind::NaturalPerson, "2025-11-01", Some("2025-11-20"), Some(ReplyOutcome::Disclosed)),
        (&unit, ApplicantKind::NaturalPerson, "2026-03-02", Some("2026-03-20"), Some(ReplyOutcome::PartiallyDisclosed)),
        (&unit, ApplicantKind::NaturalPerson, "2026-05-06", Some("2026-05-30"), Some(ReplyOutcome::UnavailableNotHeld)),
        (
            &unit,
            ApplicantKind::LegalServiceOrg,
            "2026-06-01",
            Some("2026-06-20"),
            Some(ReplyOutcome::WithheldStateSecret),
        ),
        (
            &unit,
            ApplicantKind::ResearchInstitution,
            "2026-07-01",
            Some("2026-07-25"),
            Some(ReplyOutcome::OtherNoCorrection),
        ),
        (&unit, ApplicantKind::OtherOrg, "2026-12-25", None, None),
        (&unit, ApplicantKind::SocialWelfareOrg, "2026-12-28", Some("2027-01-05"), Some(ReplyOutcome::Disclosed)),
        (&other, ApplicantKind::NaturalPerson, "2026-04-01", Some("2026-04-10"), Some(ReplyOutcome::Disclosed)),
    ];
    let now = app.time.now();
    for (i, (u, kind, received, closed, outcome)) in rows.iter().enumerate() {
        let model = application::Model {
            id: Uuid::now_v7(),
            county_id: u.county_id,
            unit_id: u.id,
            tracking_code: format!("TEST-{i:08}"),
            channel: ApplicationChannel::InPerson,
            status: if closed.is_some() { ApplicationStatus::Closed } else { ApplicationStatus::InProgress },
            applicant_kind: *kind,
            applicant_name: "甲".into(),
            id_type: "resident_id".into(),
            id_number: ID_CARD.into(),
            applicant_key: format!("k{i}"),
            contact_person: None,
            phone: "13812341234".into(),
            email: None,
            address: "永吉县".into(),
            description: "某信息".into(),
            purpose: None,
            delivery_form: DeliveryForm::Paper,
            submitted_at: now,
            received_on: Some(d(received)),
            received_by: None,
            handler_user_id: None,
            transferred_from_unit_id: None,
            correction_items: None,
            correction_requested_on: None,
            corrected_on: None,
            extension_days: 0,
            fee_method: None,
            fee_quantity: None,
            fee_amount_fen: None,
            fee_notice_on: None,
            fee_notice_received_on: None,
            fee_paid_on: None,
            draft_outcome: None,
            draft_text: None,
            draft_leader_instructed: false,
            draft_objection: None,
            draft_public_interest: None,
            secrecy_reviewed: false,
            secrecy_reviewed_by: None,
            secrecy_reviewed_at: None,
            secrecy_review_note: None,
            drafted_by: None,
            drafted_at: None,
            outcome: *outcome,
            reply_text: None,
            closed_on: closed.map(d),
            approved_by: None,
            delivered_at: None,
            delivery_note: None,
            art35_flag: false,
            reasons_question: None,
            reasons_requested_on: None,
            reasons_given: None,
            reasons_given_on: None,
            deferred_until: None,
            deferral_reason: None,
            flag_note: None,
            created_at: now,
            updated_at: now,
            citizen_id: None,
            lang: "zh".into(),
            assistance: None,
            request_kind: entity::enums::RequestKind::Disclosure,
            correction_sought: None,
            correction_outcome: None,
            correction_body: None,
            topic: None,
        };
        application::Entity::insert(application::ActiveModel::from(model))
            .exec_without_returning(&app.state.db)
            .await
            .unwrap();
    }
    let handler = app.login("kouqian.handler").await;
    let closed_id = application::Entity::find()
        .filter(application::Column::TrackingCode.eq("TEST-00000003"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let proceeding = |body: Value| {
        let (app, handler) = (&app, &handler);
        async move {
            let unit = app.unit_id("kouqian").await;
            json(
                app.post(&format!("/api/v1/units/{unit}/applications/{closed_id}/proceedings"), handler, body).await,
                StatusCode::OK,
            )
            .await
        }
    };
    proceeding(json!({"kind": "administrative_review", "filed_on": "2026-04-10", "result": "maintained", "decided_on": "2026-06-01"})).await;
    proceeding(json!({"kind": "litigation_direct", "filed_on": "2026-05-10", "result": "pending"})).await;
    // Decided in the next year: on 31 December 2026 it was not yet concluded.
    proceeding(json!({"kind": "litigation_after_review", "filed_on": "2026-12-01", "result": "corrected", "decided_on": "2027-01-10"})).await;
    let bad = app
        .post(
            &format!("/api/v1/units/{}/applications/{closed_id}/proceedings", unit.id),
            &handler,
            json!({"kind": "administrative_review", "filed_on": "2026-04-10", "result": "corrected"}),
        )
        .await;
    assert_eq!(json(bad, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "decided_on");

    let stats = json(
        app.get(&format!("/api/v1/units/{}/statistics/applications?year=2026", unit.id), &handler).await,
        StatusCode::OK,
    )
    .await;
    let t3 = &stats["table3"];
    let values = |key: &str| -> Vec<u64> {
        let row = t3["rows"].as_array().unwrap().iter().find(|r| r["key"] == key).unwrap_or_else(|| panic!("{key}"));
        row["values"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect()
    };
    // Columns: natural, commercial, research, welfare, legal, other, total.
    assert_eq!(values("new"), vec![2, 0, 1, 1, 1, 1, 6]);
    assert_eq!(values("carried_over"), vec![1, 1, 0, 0, 0, 0, 2]);
    assert_eq!(values("disclosed"), vec![1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(values("partially_disclosed"), vec![1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(values("withheld_state_secret"), vec![0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(values("unavailable_not_held"), vec![1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(values("other_no_correction"), vec![0, 0, 1, 0, 0, 0, 1]);
    assert_eq!(values("results_total"), vec![3, 0, 1, 0, 1, 0, 5]);
    assert_eq!(values("carried_forward"), vec![0, 1, 0, 1, 0, 1, 3]);
    assert!(t3["check_passes"].as_array().unwrap().iter().all(|v| v == true));
    assert_eq!(t3["rows"].as_array().unwrap().len(), 2 + 21 + 2);
    let t4 = &stats["table4"]["rows"];
    assert_eq!(t4[0]["kind"], "administrative_review");
    assert_eq!(t4[0]["values"], json!([1, 0, 0, 0, 1]));
    assert_eq!(t4[1]["values"], json!([0, 0, 0, 1, 1]));
    assert_eq!(t4[2]["kind"], "litigation_after_review");
    assert_eq!(t4[2]["values"], json!([0, 0, 0, 1, 1]));

    let office = app.login("zhengfuban.handler").await;
    let county = json(app.get("/api/v1/statistics/applications?year=2026", &office).await, StatusCode::OK).await;
    let new_total = county["table3"]["rows"][0]["values"][6].as_u64().unwrap();
    assert_eq!(new_total, 7, "the county rolls up every unit");
    assert_eq!(app.get("/api/v1/statistics/applications?year=1900", &office).await.status(), StatusCode::BAD_REQUEST);
    let _ = other;
}

#[tokio::test]
async fn every_application_step_writes_exactly_one_audit_event() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let before = app.audit_count().await;
    let body = json!({"applicant": applicant(), "description": "请公开部门预算。", "delivery_form": "paper",
                      "channel": "in_person", "received_on": "2026-09-24"});
    let created =
        json(app.post(&format!("/api/v1/units/{unit}/applications"), &handler, body).await, StatusCode::CREATED).await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(app.audit_count().await, before + 1);
    let path = format!("/api/v1/units/{unit}/applications/{id}");
    json(
        app.post(&format!("{path}/correction-notice"), &handler, json!({"items": "请写明年份。"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(app.audit_count().await, before + 2);
    let refused =
        app.post(&format!("{path}/reply-draft"), &handler, json!({"outcome": "disclosed", "text": "予以公开。"})).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_count().await, before + 2, "a refused step changes nothing");
    let row = application::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(row.status, ApplicationStatus::AwaitingCorrection);
}

async fn citizen_call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = app.client.request(method, app.url(path)).header("X-Citizen-Token", token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn a_citizen_account_follows_all_of_its_applications() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let weak = app
        .client
        .post(app.url("/api/v1/public/citizens"))
        .json(&json!({"email": "li@example.org", "display_name": "李四", "password": "short1"}))
        .send()
        .await
        .unwrap();
    let weak = json(weak, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        (weak["fields"][0]["field"].as_str(), weak["fields"][0]["code"].as_str()),
        (Some("password"), Some("password_too_weak"))
    );
    let signed_up = app
        .client
        .post(app.url("/api/v1/public/citizens"))
        .json(&json!({"email": " Li@Example.org ", "display_name": "李四", "password": "Citizen2026pass"}))
        .send()
        .await
        .unwrap();
    let token = json(signed_up, StatusCode::CREATED).await["token"].as_str().unwrap().to_string();
    let again = app
        .client
        .post(app.url("/api/v1/public/citizens"))
        .json(&json!({"email": "li@example.org", "display_name": "李四", "password": "Citizen2026pass"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json(again, StatusCode::CONFLICT).await["code"], "email_taken");

    // Submitted while signed in: followed at once.
    let unit = app.unit_id("kouqian").await;
    let submitted = app
        .client
        .post(app.url("/api/v1/public/applications"))
        .header("X-Citizen-Token", &token)
        .header("X-Forwarded-For", "10.7.0.1")
        .json(&submission(unit))
        .send()
        .await
        .unwrap();
    let first = json(submitted, StatusCode::CREATED).await;
    // Submitted anonymously, linked later with its code and secret.
    let (code, secret) = submit(&app, "xiyang").await;
    let wrong = citizen_call(
        &app,
        reqwest::Method::POST,
        "/api/v1/public/citizens/me/applications",
        &token,
        Some(json!({"tracking_code": code, "secret": "WRONGSECRET1"})),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let linked = citizen_call(
        &app,
        reqwest::Method::POST,
        "/api/v1/public/citizens/me/applications",
        &token,
        Some(json!({"tracking_code": code, "secret": secret})),
    )
    .await;
    assert_eq!(linked.status(), StatusCode::NO_CONTENT);

    let mine = json(
        citizen_call(&app, reqwest::Method::GET, "/api/v1/public/citizens/me/applications", &token, None).await,
        StatusCode::OK,
    )
    .await;
    let codes: Vec<&str> = mine.as_array().unwrap().iter().map(|a| a["tracking_code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 2);
    assert!(codes.contains(&first["tracking_code"].as_str().unwrap()) && codes.contains(&code.as_str()));
    let listed_secret =
        mine.as_array().unwrap().iter().find(|a| a["tracking_code"] == code.as_str()).unwrap()["secret"].clone();
    assert_eq!(listed_secret, json!(secret), "the list opens each tracking page");

    // Another citizen cannot take it over.
    let other = app
        .client
        .post(app.url("/api/v1/public/citizens"))
        .json(&json!({"email": "wang@example.org", "display_name": "王五", "password": "Citizen2026pass"}))
        .send()
        .await
        .unwrap();
    let other = json(other, StatusCode::CREATED).await["token"].as_str().unwrap().to_string();
    let taken = citizen_call(
        &app,
        reqwest::Method::POST,
        "/api/v1/public/citizens/me/applications",
        &other,
        Some(json!({"tracking_code": code, "secret": secret})),
    )
    .await;
    assert_eq!(json(taken, StatusCode::CONFLICT).await["code"], "application_linked_elsewhere");
    let theirs = json(
        citizen_call(&app, reqwest::Method::GET, "/api/v1/public/citizens/me/applications", &other, None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs.as_array().unwrap().len(), 0);

    // Signing in again works; signing out ends the session.
    let signed_in = app
        .client
        .post(app.url("/api/v1/public/citizens/sign-in"))
        .json(&json!({"email": "li@example.org", "password": "Citizen2026pass"}))
        .send()
        .await
        .unwrap();
    let token2 = json(signed_in, StatusCode::OK).await["token"].as_str().unwrap().to_string();
    let bad = app
        .client
        .post(app.url("/api/v1/public/citizens/sign-in"))
        .json(&json!({"email": "li@example.org", "password": "WrongPassword1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json(bad, StatusCode::UNAUTHORIZED).await["code"], "invalid_credentials");
    assert_eq!(
        citizen_call(&app, reqwest::Method::POST, "/api/v1/public/citizens/sign-out", &token2, None).await.status(),
        StatusCode::NO_CONTENT
    );
    let after =
        citizen_call(&app, reqwest::Method::GET, "/api/v1/public/citizens/me/applications", &token2, None).await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_consultation_answered_the_day_it_began_costs_no_day() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let id = register(&app, "kouqian.handler", "kouqian", "2026-09-24").await;
    let consulted = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "consultations",
        json!({"party": "other_body", "party_name": "县财政局", "question": "是否同意公开联合发文？"}),
    )
    .await;
    let consultation = json(consulted, StatusCode::OK).await["consultations"][0]["id"].as_str().unwrap().to_string();
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let answered = app
        .post(
            &format!("/api/v1/units/{unit}/applications/{id}/consultations/{consultation}/answer"),
            &handler,
            json!({"answer": "同意。", "answered_on": "2026-09-24"}),
        )
        .await;
    let answered = json(answered, StatusCode::OK).await;
    assert_eq!(reply_due(&answered), "2026-10-29");
    assert_eq!(
        answered["due_explanation"]["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["reason"] == "suspended")
            .count(),
        0
    );
}

#[tokio::test]
async fn an_applicant_writing_in_english_gets_english_emails() {
    let app = spawn().await;
    let unit = app.unit_id("kouqian").await;
    let resp = app
        .client
        .post(app.url("/api/v1/public/applications"))
        .header("Accept-Language", "en-GB,en;q=0.9")
        .header("X-Forwarded-For", "10.8.0.1")
        .json(&submission(unit))
        .send()
        .await
        .unwrap();
    json(resp, StatusCode::CREATED).await;
    let mail = email_outbox::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(mail.lang, "en");
    assert!(mail.subject.starts_with("[Disclosure]"), "{}", mail.subject);
}

#[tokio::test]
async fn the_demo_work_is_real_applications_on_an_intact_audit_trail() {
    let app = spawn_with(vec![("SEED_DEMO_WORK", "true".into()), ("SEED_DEMO_LEAD", "true".into())]).await;
    let rows = application::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows.iter().filter(|a| a.status == ApplicationStatus::Submitted).count(), 1);
    let overdue = rows.iter().find(|a| a.applicant_name == "周敏").unwrap();
    assert_eq!(overdue.extension_days, 20);
    // The reminder scan raises the lead for the overdue one, as for any application.
    reminders::run(&app.state, app.time.now()).await.unwrap();
    let lead = violation_lead::Entity::find()
        .filter(violation_lead::Column::SubjectId.eq(overdue.id.to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(lead.facts.contains(&overdue.tracking_code), "{}", lead.facts);
    let admin = app.login("admin").await;
    let report = json(app.get("/api/v1/audit/verify", &admin).await, StatusCode::OK).await;
    assert_eq!(report["ok"], true, "{report}");
    let trail = json(app.get("/api/v1/audit/events?page_size=100", &admin).await, StatusCode::OK).await;
    assert!(trail["items"].as_array().unwrap().iter().any(|e| e["action"] == "application.extend"));
}

#[tokio::test]
async fn an_applications_clocks_carry_its_label_and_link_to_my_work_and_through_the_label_migration() {
    use migration::MigratorTrait;
    let app = spawn().await;
    app.time.set(beijing("2026-10-26 09:00"));
    let (code, _) = submit(&app, "kouqian").await;
    let unit = app.unit_id("kouqian").await;
    let created = application::Entity::find()
        .filter(application::Column::TrackingCode.eq(code.clone()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let label = format!("依申请 {code} · 张* · 请公开2026年口前镇农…");
    let link = format!("/console/applications/{unit}/{}", created.id);

    let handler = app.login("kouqian.handler").await;
    let work = json(app.get("/api/v1/my/work", &handler).await, StatusCode::OK).await;
    let item =
        work["items"].as_array().unwrap().iter().find(|i| i["clock"]["subject_id"] == json!(created.id)).unwrap();
    assert_eq!(item["clock"]["subject_label"], label);
    assert_eq!(item["clock"]["subject_link"], link);
    assert_eq!(item["limit_name"], "签收期限");

    // A clock stored before clocks carried labels gets the same label from the migration.
    migration::Migrator::down(&app.state.db, Some(1)).await.unwrap();
    migration::Migrator::up(&app.state.db, None).await.unwrap();
    let migrated = entity::statutory_clock::Entity::find()
        .filter(entity::statutory_clock::Column::SubjectId.eq(created.id.to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(migrated.subject_label, label);
    assert_eq!(migrated.subject_link, Some(link));
}

#[tokio::test]
async fn a_per_item_fee_follows_the_applications_own_number_in_its_month_of_receipt() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-20 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    // Twelve applications of one applicant received from 2 to 13 November, the 5th and 6th on the same
    // day (registered in that order), then one received on 1 December.
    let days = ["02", "03", "04", "05", "06", "06", "09", "10", "11", "12", "13", "13"];
    let mut ids = Vec::new();
    for day in days {
        ids.push(register(&app, "kouqian.handler", "kouqian", &format!("2026-11-{day}")).await);
    }
    let quote = |id: Uuid, method: &'static str, quantity: u32| {
        let app = &app;
        let handler = &handler;
        async move {
            json(
                app.get(
                    &format!("/api/v1/units/{unit}/applications/{id}/fee-quote?method={method}&quantity={quantity}"),
                    handler,
                )
                .await,
                StatusCode::OK,
            )
            .await
        }
    };
    // Asked in shuffled order, later ones first: each answer depends only on the receipt order.
    for (index, expected_fen) in [(11, 10_000), (2, 0), (10, 10_000), (0, 0), (9, 0), (5, 0), (4, 0)] {
        let q = quote(ids[index], "per_item", 7).await;
        assert_eq!(q["amount_fen"], expected_fen, "the {}th application", index + 1);
        assert_eq!(q["quantity"], 1, "an application is one item");
        assert_eq!(q["earlier_this_month"], index);
    }
    // A December receipt starts a new month: its first item is free.
    app.time.set(beijing("2026-12-02 10:00"));
    let handler = app.login("kouqian.handler").await;
    let december = register(&app, "kouqian.handler", "kouqian", "2026-12-01").await;
    let q = json(
        app.get(
            &format!("/api/v1/units/{unit}/applications/{december}/fee-quote?method=per_item&quantity=1"),
            &handler,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(q["amount_fen"], 0);
    assert_eq!(q["earlier_this_month"], 0);
    // The 12th November application is still priced by its own number after December began.
    let q = json(
        app.get(
            &format!("/api/v1/units/{unit}/applications/{}/fee-quote?method=per_item&quantity=1", ids[11]),
            &handler,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(q["amount_fen"], 10_000);
}

#[tokio::test]
async fn a_per_page_fee_counts_only_the_applications_own_pages_and_only_when_it_produces_pages() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-20 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let first = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let second = register(&app, "kouqian.handler", "kouqian", "2026-11-03").await;
    let noticed = json(
        act(&app, "kouqian.handler", "kouqian", first, "fee-notice", json!({"method": "per_page", "quantity": 50}))
            .await,
        StatusCode::OK,
    )
    .await;
    // 31st–50th page at 10 yuan.
    assert_eq!(noticed["fee"]["amount_fen"], 20_000);
    // The second application's 120 pages: 1–30 free, 31–100 at 10 yuan, 101–120 at 20 yuan, whatever
    // the first had.
    let q = json(
        app.get(
            &format!("/api/v1/units/{unit}/applications/{second}/fee-quote?method=per_page&quantity=120"),
            &handler,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(q["amount_fen"], 110_000);
    assert_eq!(q["earlier_this_month"], 0);

    // An answer read online has no pages.
    let body = json!({
        "applicant": applicant(), "description": "请公开本单位2026年度部门预算及说明。", "delivery_form": "online",
        "channel": "in_person", "received_on": "2026-11-04",
    });
    let online: Uuid =
        json(app.post(&format!("/api/v1/units/{unit}/applications"), &handler, body).await, StatusCode::CREATED).await
            ["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
    let refused = app
        .get(&format!("/api/v1/units/{unit}/applications/{online}/fee-quote?method=per_page&quantity=120"), &handler)
        .await;
    let refused = json(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused["code"], "fee_per_page_not_applicable");
    assert_eq!(refused["fields"][0]["field"], "method");
}

#[tokio::test]
async fn a_contact_over_its_daily_count_is_received_and_flagged_never_refused() {
    let app = spawn_with(vec![("APPLICATION_RATE_PER_CONTACT_DAY", "2".into())]).await;
    let unit = app.unit_id("kouqian").await;
    for ip in ["10.7.0.1", "10.7.0.2", "10.7.0.3"] {
        json(submit_raw(&app, &submission(unit), None, ip).await, StatusCode::CREATED).await;
    }
    let mut rows = application::Entity::find().all(&app.state.db).await.unwrap();
    rows.sort_by_key(|a| a.submitted_at);
    assert_eq!(rows.len(), 3, "every application is received");
    assert!(!rows[0].art35_flag && !rows[1].art35_flag);
    assert!(rows[2].art35_flag);
    assert_eq!(
        rows[2].flag_note.as_deref(),
        Some("该联系方式24小时内在平台提交申请超过2件，已照常接收，请依条例第三十五条审查。")
    );
}

#[tokio::test]
async fn help_given_at_the_counter_is_recorded_and_shown_to_the_handling_unit_only() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-20 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let body = json!({
        "applicant": applicant(), "description": "请公开本单位2026年度部门预算及说明。", "delivery_form": "paper",
        "channel": "in_person", "received_on": "2026-11-20",
        "assistance": "申请人视力障碍，工作人员代为填写申请表并当面读给申请人确认（条例第四十三条）。",
    });
    let created =
        json(app.post(&format!("/api/v1/units/{unit}/applications"), &handler, body).await, StatusCode::CREATED).await;
    assert_eq!(created["assistance"], "申请人视力障碍，工作人员代为填写申请表并当面读给申请人确认（条例第四十三条）。");
    let id = created["id"].as_str().unwrap();
    let office = app.login("zhengfuban.handler").await;
    let seen = json(app.get(&format!("/api/v1/units/{unit}/applications/{id}"), &office).await, StatusCode::OK).await;
    assert!(seen["assistance"].is_null(), "oversight sees no note about the person");
}

/// SR 10 and Arts. 32–34: a consultation pauses the reply period for its own period at most.
#[tokio::test]
async fn an_unanswered_referral_or_consultation_stops_pausing_the_reply_when_its_period_ends() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let referred_app = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let consulted_app = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    // Received Mon 2026-11-02: reply due Mon Nov 30 without pauses.
    assert_eq!(reply_due(&detail(&app, "kouqian.handler", "kouqian", referred_app).await), "2026-11-30");
    let other_body = act(
        &app,
        "kouqian.handler",
        "kouqian",
        consulted_app,
        "consultations",
        json!({"party": "other_body", "party_name": "县财政局", "question": "是否同意公开联合发文？"}),
    )
    .await;
    // 15 working days from Mon Nov 2: Tue Nov 3 … Mon Nov 23.
    assert_eq!(json(other_body, StatusCode::OK).await["consultations"][0]["due_date"], "2026-11-23");

    app.time.set(beijing("2026-11-04 10:00"));
    let referred = act(
        &app,
        "kouqian.handler",
        "kouqian",
        referred_app,
        "consultations",
        json!({"party": "secrecy_bureau", "question": "拟公开的会议纪要是否涉密？"}),
    )
    .await;
    let referred = json(referred, StatusCode::OK).await;
    let referral = referred["consultations"][0]["id"].as_str().unwrap().to_string();
    // 5 working days from Wed Nov 4: Thu Nov 5 … Wed Nov 11.
    assert_eq!(referred["consultations"][0]["due_date"], "2026-11-11");

    app.time.set(beijing("2026-11-11 23:00"));
    service::run_lapses(&app.state, app.time.now()).await.unwrap();
    assert_eq!(detail(&app, "kouqian.handler", "kouqian", referred_app).await["status"], "consulting");

    // The bureau never answers: the next day the pause ends by itself on Nov 11, the last day of the
    // referral period. Nov 4–11 (six working days) are not counted: Mon Nov 30 + 6 → Tue Dec 8.
    app.time.set(beijing("2026-11-12 02:00"));
    assert_eq!(service::run_lapses(&app.state, app.time.now()).await.unwrap(), 1);
    let resumed = detail(&app, "kouqian.handler", "kouqian", referred_app).await;
    assert_eq!(resumed["status"], "in_progress");
    assert_eq!(reply_due(&resumed), "2026-12-08");
    assert_eq!(resumed["consultations"][0]["status"], "lapsed");
    let closed = resumed["events"].as_array().unwrap().iter().find(|e| e["kind"] == "consultation_closed").unwrap();
    assert_eq!(
        closed["details"]["note"],
        "保密行政管理部门逾期未答复，答复期限自期满次日起恢复计算（保密审查制度第十条）；已列为违规线索。"
    );
    let bureau_unit = app.unit("baomiju").await;
    let leads = violation_lead::Entity::find()
        .filter(violation_lead::Column::SubjectId.eq(referral.clone()))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(leads.len(), 1);
    assert_eq!((leads[0].item.as_str(), leads[0].unit_id), ("6.8", bureau_unit.id), "the lead is against the bureau");
    assert_eq!(service::run_lapses(&app.state, app.time.now()).await.unwrap(), 0, "lapsed once");

    // A late answer is kept on file and moves nothing.
    app.time.set(beijing("2026-11-13 10:00"));
    let bureau = app.login("baomiju.handler").await;
    let late = app
        .post(&format!("/api/v1/referrals/{referral}/answer"), &bureau, json!({"answer": "经审查，不涉及国家秘密。"}))
        .await;
    assert_eq!(json(late, StatusCode::OK).await["status"], "answered");
    let late = detail(&app, "kouqian.handler", "kouqian", referred_app).await;
    assert_eq!(late["consultations"][0]["status"], "answered");
    assert_eq!(reply_due(&late), "2026-12-08");

    // Art. 34: the other body's silence is consent. Paused Tue Nov 3 – Mon Nov 23, fifteen working
    // days: Mon Nov 30 + 15 → Mon Dec 21.
    app.time.set(beijing("2026-11-24 09:00"));
    assert_eq!(service::run_lapses(&app.state, app.time.now()).await.unwrap(), 1);
    let consented = detail(&app, "kouqian.handler", "kouqian", consulted_app).await;
    assert_eq!(consented["status"], "in_progress");
    assert_eq!(reply_due(&consented), "2026-12-21");
    let closed = consented["events"].as_array().unwrap().iter().find(|e| e["kind"] == "consultation_closed").unwrap();
    assert_eq!(closed["details"]["note"], "被征求意见机关逾期未提出意见，视为同意公开（条例第三十四条）。");
}

/// A handler who records an answer after the period ended cannot stretch the pause past it.
#[tokio::test]
async fn a_pause_never_outlasts_the_consultation_period_whatever_day_is_typed() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let id = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let consulted = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "consultations",
        json!({"party": "third_party", "party_name": "吉林某某建筑有限公司", "question": "是否同意公开？"}),
    )
    .await;
    let consultation = json(consulted, StatusCode::OK).await["consultations"][0]["id"].as_str().unwrap().to_string();
    // Period ends Mon Nov 23; the job has not run; the answer is typed as received Wed Nov 25.
    app.time.set(beijing("2026-11-25 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let answered = app
        .post(
            &format!("/api/v1/units/{unit}/applications/{id}/consultations/{consultation}/answer"),
            &handler,
            json!({"answer": "不同意公开。", "answered_on": "2026-11-25"}),
        )
        .await;
    // Paused Nov 3 – Nov 23 only: Mon Nov 30 + 15 → Mon Dec 21, not + 17.
    assert_eq!(reply_due(&json(answered, StatusCode::OK).await), "2026-12-21");
}

/// 2020 No. 109: 20 working days to pay from receiving the notice; section 六 of the annual report.
#[tokio::test]
async fn the_payment_period_runs_from_the_notices_receipt_and_section_six_counts_the_fees() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let emailed = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let mut on_paper = applicant();
    on_paper["email"] = Value::Null;
    let body = json!({
        "applicant": on_paper, "description": "请公开本单位2026年度部门决算。", "delivery_form": "paper",
        "channel": "in_person", "received_on": "2026-11-02",
    });
    let posted: Uuid =
        json(app.post(&format!("/api/v1/units/{unit}/applications"), &handler, body).await, StatusCode::CREATED).await
            ["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();

    app.time.set(beijing("2026-11-03 10:00"));
    let fee = |id, quantity| {
        act(&app, "kouqian.handler", "kouqian", id, "fee-notice", json!({"method": "per_page", "quantity": quantity}))
    };
    let by_email = json(fee(emailed, 120).await, StatusCode::OK).await;
    // Emailed Tue Nov 3, received that day: 20 working days from Wed Nov 4 → Tue Dec 1.
    assert_eq!(by_email["fee"]["notice_received_on"], "2026-11-03");
    let payment_clock = |d: &Value| {
        d["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "application.payment")
            .map(|c| c["due_date"].clone())
    };
    assert_eq!(payment_clock(&by_email), Some(json!("2026-12-01")));
    let notice = by_email["events"].as_array().unwrap().iter().find(|e| e["kind"] == "fee_notice").unwrap().clone();
    assert_eq!(notice["details"]["pay_by"], "2026-12-01");

    // On paper the period waits for delivery: no payment clock, and no date in the letter.
    let by_post = json(fee(posted, 40).await, StatusCode::OK).await;
    assert_eq!(by_post["status"], "awaiting_payment");
    assert_eq!(by_post["fee"]["notice_received_on"], Value::Null);
    assert_eq!(payment_clock(&by_post), None);
    let notice = by_post["events"].as_array().unwrap().iter().find(|e| e["kind"] == "fee_notice").unwrap().clone();
    assert_eq!(notice["details"]["pay_by"], Value::Null);
    // Instead the handler has five working days to record its delivery: Wed Nov 4 … Tue Nov 10.
    let delivery_clock = |d: &Value| {
        d["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "application.fee_notice_delivery" && c["state"] == "running")
            .map(|c| c["due_date"].clone())
    };
    assert_eq!(delivery_clock(&by_post), Some(json!("2026-11-10")));

    // The day before it ends the handler is reminded, once.
    app.time.set(beijing("2026-11-09 10:00"));
    let reminded = || async {
        email_outbox::Entity::find()
            .filter(email_outbox::Column::Kind.eq("clock_reminder"))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.body_text.contains("收费通知送达登记期限"))
            .count()
    };
    reminders::run(&app.state, app.time.now()).await.unwrap();
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(reminded().await, 1);
    let receipt = |body: Value| act(&app, "kouqian.handler", "kouqian", posted, "fee-notice-receipt", body);
    let early = json(receipt(json!({"received_on": "2026-11-02"})).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(early["fields"][0]["field"], "received_on");
    let delivered = json(receipt(json!({"received_on": "2026-11-06"})).await, StatusCode::OK).await;
    // Delivered Fri Nov 6: 20 working days from Mon Nov 9 → Fri Dec 4.
    assert_eq!(payment_clock(&delivered), Some(json!("2026-12-04")));
    assert_eq!(delivered["fee"]["notice_received_on"], "2026-11-06");
    assert_eq!(delivery_clock(&delivered), None);
    let twice = json(receipt(json!({"received_on": "2026-11-06"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(twice["code"], "fee_notice_already_received");

    app.time.set(beijing("2026-11-20 10:00"));
    json(
        act(&app, "kouqian.handler", "kouqian", emailed, "payment", json!({"paid_on": "2026-11-20"})).await,
        StatusCode::OK,
    )
    .await;
    let handler = app.login("kouqian.handler").await;
    let stats = json(
        app.get(&format!("/api/v1/units/{unit}/statistics/applications?year=2026"), &handler).await,
        StatusCode::OK,
    )
    .await;
    // 120 pages: 70 × 10 + 20 × 20 = 1,100 yuan; 40 pages: 10 × 10 = 100 yuan.
    assert_eq!(
        stats["fees"],
        json!({"year": 2026, "notices": 2, "charged_fen": 120_000, "payments": 1, "collected_fen": 110_000})
    );
}

/// SR 3–5 and AC 9: a reply that releases information is reviewed by the designated reviewer before
/// the leader may approve it, and the trail records who reviewed.
#[tokio::test]
async fn a_releasing_reply_needs_the_designated_reviewers_clearance_before_approval() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let id = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let draft = json!({"outcome": "disclosed", "text": "经审查，现将2026年度部门预算及说明提供给你。"});
    json(act(&app, "kouqian.handler", "kouqian", id, "reply-draft", draft.clone()).await, StatusCode::OK).await;
    let approve = json!({"approve": true});
    let early = act(&app, "kouqian.leader", "kouqian", id, "reply-decision", approve.clone()).await;
    assert_eq!(json(early, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "secrecy_review_required");
    // The leader is not a designated reviewer in the demo unit; the handler is.
    let by_leader = act(&app, "kouqian.leader", "kouqian", id, "secrecy-review", json!({"cleared": true})).await;
    assert_eq!(json(by_leader, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "not_secrecy_reviewer");
    let bare = act(&app, "kouqian.handler", "kouqian", id, "secrecy-review", json!({"cleared": false})).await;
    assert_eq!(json(bare, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "note");
    let returned = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "secrecy-review",
        json!({"cleared": false, "note": "附件三含个人身份证号，须删除后再报。"}),
    )
    .await;
    let returned = json(returned, StatusCode::OK).await;
    assert_eq!(returned["status"], "in_progress");
    assert_eq!(returned["secrecy_review_note"], "附件三含个人身份证号，须删除后再报。");

    json(act(&app, "kouqian.handler", "kouqian", id, "reply-draft", draft).await, StatusCode::OK).await;
    let cleared = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "secrecy-review",
        json!({"cleared": true, "note": "已核对，不含国家秘密、商业秘密和个人隐私。"}),
    )
    .await;
    let cleared = json(cleared, StatusCode::OK).await;
    let reviewer = app.user_id("kouqian.handler").await;
    assert_eq!(
        (cleared["status"].as_str(), cleared["secrecy_reviewed_by"].clone()),
        (Some("reply_pending"), json!(reviewer))
    );
    let closed =
        json(act(&app, "kouqian.leader", "kouqian", id, "reply-decision", approve).await, StatusCode::OK).await;
    assert_eq!(closed["status"], "closed");
    let trail = approval_record::Entity::find()
        .filter(approval_record::Column::SubjectId.eq(id.to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((trail.act.as_str(), trail.releases_information, trail.secrecy_reviewed), ("reply", true, true));
    assert_eq!(trail.reviewer_ids, format!("[\"{reviewer}\"]"));

    // A refusal has nothing to review.
    let refused = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let draft = json!({"outcome": "unavailable_not_held", "text": "经检索，本机关未制作或获取该信息。"});
    json(act(&app, "kouqian.handler", "kouqian", refused, "reply-draft", draft).await, StatusCode::OK).await;
    let needless = act(&app, "kouqian.handler", "kouqian", refused, "secrecy-review", json!({"cleared": true})).await;
    assert_eq!(json(needless, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "secrecy_review_not_needed");
}

/// Art. 33: the head of the disclosure office (designated by the principal leader) or the principal
/// leader agrees to an extension, and the letter says who. AC 9 then reads the reply, not the
/// extension: a reply never approved leaves the direct handler bearing it all (AC 9(1)).
#[tokio::test]
async fn an_extension_is_agreed_by_the_head_of_the_disclosure_office_and_ac_9_reads_the_act_in_breach() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let unit = app.unit_id("kouqian").await;
    let principal = app.login("kouqian.leader").await;
    let created = app
        .post(
            &format!("/api/v1/units/{unit}/handlers"),
            &principal,
            json!({
                "username": "kouqian.deputy", "display_name": "李明", "password": "Deputy2026pass",
            }),
        )
        .await;
    let deputy_id = json(created, StatusCode::CREATED).await["user_id"].as_str().unwrap().to_string();
    let admin = app.login("admin").await;
    let promoted = app
        .post(&format!("/api/v1/units/{unit}/members"), &admin, json!({"user_id": deputy_id, "role": "leader"}))
        .await;
    json(promoted, StatusCode::CREATED).await;
    let deputy = app.login_with("kouqian.deputy", "Deputy2026pass").await;

    let id = register(&app, "kouqian.handler", "kouqian", "2026-09-24").await;
    let extend = json!({"days": 20, "reason": "需要调取历年档案"});
    let path = format!("/api/v1/units/{unit}/applications/{id}/extension");
    let refused = app.post(&path, &deputy, extend.clone()).await;
    assert_eq!(json(refused, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "extension_approver_only");

    let duty = format!("/api/v1/units/{unit}/duties");
    let head = |id: &str| json!({"duty": "disclosure_office_head", "user_ids": [id]});
    let by_deputy = app.request(reqwest::Method::PUT, &duty, Some(&deputy), Some(head(&deputy_id))).await;
    assert_eq!(json(by_deputy, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "only_principal_leader_designates");
    let handler_id = app.user_id("kouqian.handler").await;
    let not_leader =
        app.request(reqwest::Method::PUT, &duty, Some(&principal), Some(head(&handler_id.to_string()))).await;
    assert_eq!(json(not_leader, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "must_be_leader");
    let designated = app.request(reqwest::Method::PUT, &duty, Some(&principal), Some(head(&deputy_id))).await;
    let designated = json(designated, StatusCode::OK).await;
    assert_eq!(designated["disclosure_office_head"][0]["display_name"], "李明");

    let extended = json(app.post(&path, &deputy, extend).await, StatusCode::OK).await;
    // DOMAIN.md §7: with the extension → 2026-11-26.
    assert_eq!(reply_due(&extended), "2026-11-26");
    let notice = extended["events"].as_array().unwrap().iter().find(|e| e["kind"] == "extended").unwrap().clone();
    assert_eq!(
        (notice["details"]["agreed_by"].as_str(), notice["details"]["agreed_as"].as_str()),
        (Some("李明"), Some("disclosure_office_head"))
    );

    // The reply is never approved; the period ends on Nov 26 and the lead is raised.
    app.time.set(beijing("2026-11-27 10:00"));
    let reply_clock = entity::statutory_clock::Entity::find()
        .filter(entity::statutory_clock::Column::SubjectId.eq(id.to_string()))
        .filter(entity::statutory_clock::Column::Kind.eq("application.reply"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let tx = gongkai_api::db::write_tx(&app.state.db).await.unwrap();
    assert!(reminders::raise_lead(&tx, &app.state.clock_kinds, &reply_clock, "6.2", app.time.now()).await.unwrap());
    tx.commit().await.unwrap();
    let lead = violation_lead::Entity::find()
        .filter(violation_lead::Column::SubjectId.eq(id.to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let office = app.login("zhengfuban.handler").await;
    let case = json(
        app.post("/api/v1/cases", &office, json!({"title": "逾期答复", "lead_id": lead.id})).await,
        StatusCode::CREATED,
    )
    .await;
    let parties: Vec<(Value, Value)> = case["parties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "person")
        .map(|p| (p["user_id"].clone(), p["proposed_share"].clone()))
        .collect();
    assert_eq!(parties, vec![(json!(handler_id), json!("full"))], "the extension's approver is not the reply's");
}

/// Art. 32: disclosing over a third party's objection needs the public-interest reason, and the
/// third party is told in writing; the applicant never sees that letter, and table 3 is unchanged.
#[tokio::test]
async fn disclosing_over_a_third_partys_objection_gives_the_reason_and_tells_the_third_party() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let id = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let consulted = act(&app, "kouqian.handler", "kouqian", id, "consultations",
        json!({"party": "third_party", "party_name": "吉林某某建筑有限公司", "question": "拟公开贵公司中标金额，是否同意？"})).await;
    let consultation = json(consulted, StatusCode::OK).await["consultations"][0]["id"].as_str().unwrap().to_string();
    app.time.set(beijing("2026-11-05 10:00"));
    let handler = app.login("kouqian.handler").await;
    let unit = app.unit_id("kouqian").await;
    let answered = app
        .post(
            &format!("/api/v1/units/{unit}/applications/{id}/consultations/{consultation}/answer"),
            &handler,
            json!({"answer": "不同意公开，涉及商业秘密。", "objects": true, "answered_on": "2026-11-05"}),
        )
        .await;
    assert_eq!(json(answered, StatusCode::OK).await["consultations"][0]["objected"], true);
    let text = "经审查，现将中标结果提供给你。";
    let plain =
        act(&app, "kouqian.handler", "kouqian", id, "reply-draft", json!({"outcome": "disclosed", "text": text})).await;
    let plain = json(plain, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(plain["code"], "public_interest_reason_required");
    assert_eq!(plain["fields"][0]["field"], "public_interest_reason");
    let reason = "该项目使用财政资金，中标金额关系公众对政府采购的监督，不公开可能对公共利益造成重大影响。";
    json(
        act(
            &app,
            "kouqian.handler",
            "kouqian",
            id,
            "reply-draft",
            json!({"outcome": "disclosed", "text": text, "public_interest_reason": reason}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    json(act(&app, "kouqian.handler", "kouqian", id, "secrecy-review", json!({"cleared": true})).await, StatusCode::OK)
        .await;
    let closed = json(
        act(&app, "kouqian.leader", "kouqian", id, "reply-decision", json!({"approve": true})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(closed["outcome"], "disclosed", "table 3 counts it as disclosed, as before");
    let notice = closed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "third_party_disclosure_notice")
        .unwrap()
        .clone();
    assert_eq!(notice["letter"], "third_party_disclosure_notice");
    assert_eq!(notice["details"]["party_name"], "吉林某某建筑有限公司");
    assert_eq!(notice["details"]["reason"], reason);
    if std::path::Path::new(&app.state.settings.letter_font_dir).exists() {
        let handler = app.login("kouqian.handler").await;
        let event = notice["id"].as_str().unwrap();
        let pdf = app.get(&format!("/api/v1/units/{unit}/applications/{id}/letters/{event}"), &handler).await;
        assert_eq!(pdf.status(), StatusCode::OK);
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    }
    // The applicant's tracking page does not carry the third party's letter.
    let code = by_id(&app, id).await.tracking_code;
    let secret = service::tracking_secret(&app.state.audit_key, id);
    let status = json(track(&app, &code, &secret).await, StatusCode::OK).await;
    assert!(status["events"].as_array().unwrap().iter().all(|e| e["kind"] != "third_party_disclosure_notice"));
}

/// Art. 35: the unit asks for reasons, the applicant gives them on the tracking page, and a
/// reasonable but very large request gets a reasonable later reply date the applicant is told.
#[tokio::test]
async fn art_35_reasons_are_asked_for_and_a_reasonable_later_reply_date_is_set() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let id = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    app.time.set(beijing("2026-11-03 10:00"));
    let asked = act(
        &app,
        "kouqian.handler",
        "kouqian",
        id,
        "reasons-request",
        json!({"question": "您本月已提交40件申请，请说明申请的用途和理由。"}),
    )
    .await;
    let asked = json(asked, StatusCode::OK).await;
    assert_eq!(reply_due(&asked), "2026-11-30", "asking for reasons does not stop the period");
    let early = act(
        &app,
        "kouqian.leader",
        "kouqian",
        id,
        "deferral",
        json!({"until": "2026-12-14", "reason": "申请涉及2000余份档案，需逐份调阅。"}),
    )
    .await;
    assert_eq!(json(early, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "deferral_needs_reasons");

    app.time.set(beijing("2026-11-04 10:00"));
    let code = by_id(&app, id).await.tracking_code;
    let secret = service::tracking_secret(&app.state.audit_key, id);
    let given = app
        .client
        .post(app.url(&format!("/api/v1/public/applications/{code}/reasons")))
        .header("X-Tracking-Secret", &secret)
        .json(&json!({"reasons": "为编写村志，需要查阅历年土地征收档案。"}))
        .send()
        .await
        .unwrap();
    let given = json(given, StatusCode::OK).await;
    assert!(given["events"].as_array().unwrap().iter().any(|e| e["kind"] == "reasons_given"));

    let not_later = act(
        &app,
        "kouqian.leader",
        "kouqian",
        id,
        "deferral",
        json!({"until": "2026-11-30", "reason": "申请涉及2000余份档案，需逐份调阅。"}),
    )
    .await;
    assert_eq!(json(not_later, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "not_after_due_date");
    let deferred = act(
        &app,
        "kouqian.leader",
        "kouqian",
        id,
        "deferral",
        json!({"until": "2026-12-14", "reason": "申请涉及2000余份档案，需逐份调阅。"}),
    )
    .await;
    let deferred = json(deferred, StatusCode::OK).await;
    // Mon Nov 30 + 10 working days (Dec 1–4, 7–11, 14) = Mon Dec 14.
    assert_eq!(reply_due(&deferred), "2026-12-14");
    assert_eq!(deferred["deferred_until"], "2026-12-14");
    let twice =
        act(&app, "kouqian.leader", "kouqian", id, "deferral", json!({"until": "2026-12-21", "reason": "再次延迟。"}))
            .await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "deferral_only_once");
    let told = email_outbox::Entity::find().all(&app.state.db).await.unwrap();
    assert!(
        told.iter()
            .any(|m| m.body_text.contains("已确定延迟答复的合理期限（条例第三十五条）。答复期限至 2026-12-14。"))
    );
    assert!(told.iter().any(|m| m.body_text.contains("请您说明理由（条例第三十五条）")));
}

/// Art. 41: a request to correct a record about oneself is received like an application, forwarded
/// after receipt to the body that holds the record, answered there with its own outcome, and left
/// out of table 3.
#[tokio::test]
async fn a_request_to_correct_ones_record_is_forwarded_to_the_body_holding_it_and_answered_there() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let handler = app.login("kouqian.handler").await;
    let kouqian = app.unit_id("kouqian").await;
    let xiyang = app.unit_id("xiyang").await;
    let url = format!("/api/v1/units/{kouqian}/applications");
    let mut body = json!({
        "applicant": applicant(), "description": "本人低保档案中的出生日期记录有误。", "delivery_form": "paper",
        "channel": "in_person", "received_on": "2026-11-02", "request_kind": "correction",
    });
    let unsaid = json(app.post(&url, &handler, body.clone()).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        (unsaid["fields"][0]["field"].as_str(), unsaid["fields"][0]["code"].as_str()),
        (Some("correction_sought"), Some("required"))
    );
    body["correction_sought"] = json!("出生日期应为1980年5月1日，现记录为1980年1月5日，附户口簿复印件。");
    let mut disclosure = body.clone();
    disclosure["request_kind"] = json!("disclosure");
    let wrong = json(app.post(&url, &handler, disclosure).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(wrong["fields"][0]["code"], "correction_only");
    let created = json(app.post(&url, &handler, body).await, StatusCode::CREATED).await;
    let id: Uuid = created["id"].as_str().unwrap().parse().unwrap();
    let created = detail(&app, "kouqian.handler", "kouqian", id).await;
    assert_eq!(created["request_kind"], "correction");
    let reply =
        created["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "application.reply").unwrap().clone();
    // Art. 41 sets no period; the county reads it as Art. 33's 20 working days: Tue Nov 3 … Mon Nov 30.
    assert_eq!(reply["legal_basis"], "条例第四十一条（未规定期限，参照第三十三条）");
    assert_eq!(reply["due_date"], "2026-11-30");

    for (step, payload) in [
        ("reply-draft", json!({"outcome": "disclosed", "text": "经审查，现将有关信息提供给你。"})),
        ("fee-notice", json!({"method": "per_page", "quantity": 120})),
        ("reasons-request", json!({"question": "请说明申请的理由。"})),
    ] {
        let refused =
            json(act(&app, "kouqian.handler", "kouqian", id, step, payload).await, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        assert_eq!(refused["code"], "not_for_correction", "{step}");
    }

    // Kouqian finds the file is kept by Xiyang and forwards it there after receipt.
    app.time.set(beijing("2026-11-03 10:00"));
    let forwarded = json(
        act(
            &app,
            "kouqian.handler",
            "kouqian",
            id,
            "transfer",
            json!({"to_unit_id": xiyang, "reason": "该低保档案由西阳镇保管。"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(forwarded["status"], "submitted");
    assert_eq!(forwarded["unit_id"], json!(xiyang));
    let cancelled = entity::statutory_clock::Entity::find()
        .filter(entity::statutory_clock::Column::SubjectId.eq(id.to_string()))
        .filter(entity::statutory_clock::Column::Kind.eq("application.reply"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cancelled.state, entity::enums::ClockState::Cancelled);

    app.time.set(beijing("2026-11-04 10:00"));
    let signed = json(act(&app, "xiyang.handler", "xiyang", id, "sign", json!({})).await, StatusCode::OK).await;
    // Its own period at the body with power to correct: Thu Nov 5 … Wed Dec 2.
    assert_eq!(reply_due(&signed), "2026-12-02");
    let answer = |payload: Value| act(&app, "xiyang.leader", "xiyang", id, "correction-answer", payload);
    let unnamed = json(
        answer(json!({"outcome": "directed_elsewhere", "text": "请向县民政局提出。"})).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        (unnamed["fields"][0]["field"].as_str(), unnamed["fields"][0]["code"].as_str()),
        (Some("body_name"), Some("required"))
    );
    let named = json!({"outcome": "corrected", "text": "已更正出生日期。", "body_name": "县民政局"});
    assert_eq!(json(answer(named).await, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "directed_only");
    let done = json(
        answer(json!({"outcome": "corrected", "text": "经核对户口簿，已将出生日期更正为1980年5月1日。"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((done["status"].as_str(), done["correction_outcome"].as_str()), (Some("closed"), Some("corrected")));
    assert_eq!(done["outcome"], Value::Null);
    let answered =
        done["events"].as_array().unwrap().iter().find(|e| e["kind"] == "correction_answered").unwrap().clone();
    assert_eq!(answered["details"]["label"], "予以更正");
    let trail = approval_record::Entity::find()
        .filter(approval_record::Column::SubjectId.eq(id.to_string()))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(trail.iter().map(|r| r.decision.as_str()).collect::<Vec<_>>(), ["更正申请：予以更正"]);
    // An application for information cannot be answered as a correction.
    let other = register(&app, "xiyang.handler", "xiyang", "2026-11-04").await;
    let refused = act(
        &app,
        "xiyang.leader",
        "xiyang",
        other,
        "correction-answer",
        json!({"outcome": "corrected", "text": "已更正记录内容。"}),
    )
    .await;
    assert_eq!(json(refused, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "not_a_correction");

    // Table 3 counts the one application for information, not the correction request.
    let leader = app.login("xiyang.leader").await;
    let stats = json(
        app.get(&format!("/api/v1/units/{xiyang}/statistics/applications?year=2026"), &leader).await,
        StatusCode::OK,
    )
    .await;
    let new =
        stats["table3"]["rows"].as_array().unwrap().iter().find(|r| r["key"] == "new").unwrap()["values"][6].clone();
    assert_eq!(new, json!(1));
}

/// Art. 44: when three different applicants have asked a unit for the same information, its leaders
/// are prompted once to consider proactive disclosure; an applicant can suggest it from the
/// tracking page; the leader decides each with a reason the applicant reads.
#[tokio::test]
async fn the_same_information_asked_by_three_applicants_prompts_proactive_disclosure_once() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let handler = app.login("kouqian.handler").await;
    let kouqian = app.unit_id("kouqian").await;
    let mut ids = Vec::new();
    for (name, passport) in [("李一", "E10000001"), ("王二", "E10000002"), ("李一", "E10000001"), ("赵三", "E10000003")]
    {
        let person = json!({
            "kind": "natural_person", "name": name, "id_type": "passport", "id_number": passport,
            "phone": "138-1234-1234", "address": "吉林省永吉县口前镇幸福路1号",
        });
        let body = json!({
            "applicant": person, "description": "请公开2026年农村公路建设项目招标结果。", "delivery_form": "paper",
            "channel": "in_person", "received_on": "2026-11-02",
        });
        let created =
            json(app.post(&format!("/api/v1/units/{kouqian}/applications"), &handler, body).await, StatusCode::CREATED)
                .await;
        ids.push(created["id"].as_str().unwrap().parse::<Uuid>().unwrap());
    }
    let prompts = || async {
        email_outbox::Entity::find()
            .filter(email_outbox::Column::Kind.eq("publication_prompt"))
            .all(&app.state.db)
            .await
            .unwrap()
    };
    let name = |id: Uuid, topic: &str| {
        let topic = topic.to_string();
        let app = &app;
        async move {
            let who = app.login("kouqian.handler").await;
            app.request(
                reqwest::Method::PUT,
                &format!("/api/v1/units/{kouqian}/applications/{id}/topic"),
                Some(&who),
                Some(json!({"topic": topic})),
            )
            .await
        }
    };
    // Three applications, but only two applicants: no prompt yet.
    for id in &ids[..3] {
        let named = json(name(*id, " 2026年农村公路  建设项目招标结果 ").await, StatusCode::OK).await;
        assert_eq!(named["topic"], "2026年农村公路 建设项目招标结果");
    }
    assert!(prompts().await.is_empty());
    json(name(ids[3], "2026年农村公路 建设项目招标结果").await, StatusCode::OK).await;
    let sent = prompts().await;
    assert_eq!(sent.len(), 1, "the unit's one leader, once");
    assert!(
        sent[0].body_text.contains("已有 3 位不同的申请人向永吉县口前镇人民政府申请公开“2026年农村公路 建设项目招标结果”。依照条例第四十四条，可以纳入主动公开范围。"),
        "{}",
        sent[0].body_text
    );
    // Naming it again raises nothing new.
    json(name(ids[0], "2026年农村公路 建设项目招标结果").await, StatusCode::OK).await;
    assert_eq!(prompts().await.len(), 1);

    let leader = app.login("kouqian.leader").await;
    let list =
        json(app.get(&format!("/api/v1/units/{kouqian}/publication-suggestions"), &leader).await, StatusCode::OK).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let prompt = list[0].clone();
    assert_eq!(
        (prompt["source"].as_str(), prompt["applicants"].as_i64(), prompt["status"].as_str()),
        (Some("applications"), Some(3), Some("open"))
    );
    assert_eq!(prompt["application_ids"].as_array().unwrap().len(), 4);

    // An applicant suggests it too, from the tracking page of an online application.
    let (code, secret) = submit(&app, "kouqian").await;
    let url = format!("/api/v1/public/applications/{code}/publication-suggestion");
    let suggest = |reason: &str| {
        app.client
            .post(app.url(&url))
            .header("X-Tracking-Secret", secret.clone())
            .json(&json!({"reason": reason}))
            .send()
    };
    let made = suggest("很多村民都关心道路建设，建议公开。").await.unwrap();
    let status = json(made, StatusCode::CREATED).await;
    assert!(status["events"].as_array().unwrap().iter().any(|e| e["kind"] == "publication_suggested"));
    let again = suggest("再次建议公开。").await.unwrap();
    assert_eq!(json(again, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "suggestion_made");
    let wrong = app
        .client
        .post(app.url(&url))
        .header("X-Tracking-Secret", "wrong")
        .json(&json!({"reason": "建议公开这些信息。"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let list =
        json(app.get(&format!("/api/v1/units/{kouqian}/publication-suggestions"), &leader).await, StatusCode::OK).await;
    let theirs = list.as_array().unwrap().iter().find(|s| s["source"] == "applicant").unwrap().clone();
    assert_eq!(theirs["reason"], "很多村民都关心道路建设，建议公开。");

    // The leader decides; the applicant reads the reason on the tracking page.
    let sid = theirs["id"].as_str().unwrap();
    let path = format!("/api/v1/units/{kouqian}/publication-suggestions/{sid}/decision");
    let handler_tries = app
        .post(
            &format!("/api/v1/units/{kouqian}/publication-suggestions/{sid}/decision"),
            &handler,
            json!({"accept": true, "note": "同意主动公开。"}),
        )
        .await;
    assert_eq!(handler_tries.status(), StatusCode::FORBIDDEN);
    let decided = json(
        app.post(&path, &leader, json!({"accept": true, "note": "将在政府信息公开专栏主动公开。"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (decided["status"].as_str(), decided["decision_note"].as_str()),
        (Some("accepted"), Some("将在政府信息公开专栏主动公开。"))
    );
    let twice = app.post(&path, &leader, json!({"accept": false, "note": "不予公开。"})).await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "suggestion_decided");
    let tracked = json(track(&app, &code, &secret).await, StatusCode::OK).await;
    let told = tracked["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "publication_suggestion_decided")
        .unwrap()
        .clone();
    assert_eq!(told["details"]["note"], "将在政府信息公开专栏主动公开。");

    // The accepted suggestion opens a draft item of the disclosure module; an undecided prompt does not.
    let item_draft = json!({"title": "2026年农村公路建设项目招标结果", "summary": "", "body": "招标结果见附表。",
                            "category": "major_projects", "formed_on": "2026-11-02", "attribute": "proactive"});
    let items = format!("/api/v1/units/{kouqian}/items");
    let open_prompt = json!({"draft": item_draft, "suggestion_id": prompt["id"]});
    let refused = json(app.post(&items, &handler, open_prompt).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        refused["fields"][0],
        json!({"field": "suggestion_id", "code": "invalid_reference", "message": refused["fields"][0]["message"]})
    );
    let opened =
        json(app.post(&items, &handler, json!({"draft": item_draft, "suggestion_id": sid})).await, StatusCode::OK)
            .await;
    assert_eq!((opened["suggestion_id"].as_str(), opened["status"].as_str()), (Some(sid), Some("draft")));
}

/// An Idempotency-Key is kept as a keyed hash bound to its request: the same key with another body
/// answers 409 and discloses no code or secret; the raw key is stored nowhere; after a day the key
/// is forgotten.
#[tokio::test]
async fn an_idempotency_key_answers_only_the_request_it_came_with() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let unit = app.unit_id("kouqian").await;
    let body = submission(unit);
    let first = json(submit_raw(&app, &body, Some("shared-key-0001"), "10.0.0.1").await, StatusCode::CREATED).await;
    let mut other = body.clone();
    other["applicant"]["name"] = json!("李四");
    other["description"] = json!("请公开口前镇2026年度财政预算执行情况。");
    let conflict = submit_raw(&app, &other, Some("shared-key-0001"), "10.0.0.2").await;
    let err = json(conflict, StatusCode::CONFLICT).await;
    assert_eq!(err["code"], "idempotency_conflict");
    let text = err.to_string();
    assert!(
        !text.contains(first["tracking_code"].as_str().unwrap()) && !text.contains(first["secret"].as_str().unwrap()),
        "{text}"
    );
    let stored: Vec<entity::idempotency_key::Model> =
        entity::idempotency_key::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].key_hash, "shared-key-0001");
    assert_eq!(stored[0].key_hash.len(), 64);
    assert_eq!(stored[0].expires_at.to_rfc3339(), "2026-09-25T02:00:00+00:00");

    // A day later the key is forgotten: the same key makes a new application.
    app.time.set(beijing("2026-09-25 10:01"));
    let later = json(submit_raw(&app, &body, Some("shared-key-0001"), "10.0.0.1").await, StatusCode::CREATED).await;
    assert_ne!(later["tracking_code"], first["tracking_code"]);
    assert_eq!(app.count::<application::Entity>().await, 2);
}

/// An anonymous portal form can make the platform email any address: the email neither greets nor
/// addresses anyone by the name typed on the form.
#[tokio::test]
async fn a_portal_email_greets_no_one_by_the_name_typed_on_the_form() {
    let app = spawn().await;
    app.time.set(beijing("2026-09-24 10:00"));
    let mut body = submission(app.unit_id("kouqian").await);
    body["applicant"]["name"] = json!("县长办公室（紧急通知）");
    json(submit_raw(&app, &body, None, "10.0.0.1").await, StatusCode::CREATED).await;
    let sent = email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq("application_update"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.to_name, "申请人");
    assert!(sent.body_text.starts_with("申请人，您好：\n"), "{}", sent.body_text);
    assert!(!sent.body_text.contains("县长办公室") && !sent.body_html.contains("县长办公室"));
}

/// Oversight reads masked data everywhere: no name search on its lists (a prefix oracle), the
/// person's name masked in letters, masked detail for the platform administrator after a write; the
/// unit's own staff search names with wildcards taken literally.
#[tokio::test]
async fn oversight_and_the_administrator_see_masked_data_after_writes_in_searches_and_in_letters() {
    let app = spawn().await;
    app.time.set(beijing("2026-11-02 10:00"));
    let id = register(&app, "kouqian.handler", "kouqian", "2026-11-02").await;
    let unit = app.unit_id("kouqian").await;
    let code = by_id(&app, id).await.tracking_code;
    let list = |who: &'static str, q: &'static str| {
        let app = &app;
        async move {
            let s = app.login(who).await;
            let url = format!("/api/v1/units/{unit}/applications?q={}", urlencoding(q));
            json(app.get(&url, &s).await, StatusCode::OK).await["total"].as_u64().unwrap()
        }
    };
    assert_eq!(list("kouqian.handler", "张").await, 1);
    assert_eq!(list("kouqian.handler", "%").await, 0, "a wildcard is a character");
    assert_eq!(list("zhengfuban.handler", "张").await, 0, "no name search for oversight");
    let by_code = format!("/api/v1/units/{unit}/applications?q={code}");
    let office = app.login("zhengfuban.handler").await;
    assert_eq!(json(app.get(&by_code, &office).await, StatusCode::OK).await["total"], 1);

    // The administrator's write answers with masked data too.
    let admin = app.login("admin").await;
    let body = json!({"items": "请补充身份证明材料。"});
    let noticed = json(
        app.post(&format!("/api/v1/units/{unit}/applications/{id}/correction-notice"), &admin, body).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(noticed["applicant"]["name"], "张*");

    // The receipt letter names the applicant whole for the unit, masked for oversight.
    let model = by_id(&app, id).await;
    let receipt = entity::application_event::Entity::find()
        .filter(entity::application_event::Column::ApplicationId.eq(id))
        .filter(entity::application_event::Column::Letter.eq("receipt"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    use gongkai_api::applications::{letters, views::Disclosure};
    let whole = letters::letter_for(&app.state, &model, receipt.id, Disclosure::Whole).await.unwrap();
    let masked = letters::letter_for(&app.state, &model, receipt.id, Disclosure::Masked).await.unwrap();
    assert_eq!((whole.recipient.as_str(), masked.recipient.as_str()), ("张三", "张*"));
}

fn urlencoding(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// The applicant and the unit's staff each have their own attachment quota.
#[tokio::test]
async fn applicant_and_staff_attachment_quotas_are_separate() {
    let app = spawn_with(vec![("ATTACHMENTS_PER_APPLICATION", "2".into())]).await;
    app.time.set(beijing("2026-09-24 10:00"));
    let (code, secret) = submit(&app, "kouqian").await;
    let id = by_code(&app, &code).await.id;
    let png = [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], &[7u8; 64][..]].concat();
    let public = |name: &str| {
        app.client
            .post(app.url(&format!(
                "/api/v1/public/applications/{code}/attachments?purpose=identity_proof&file_name={name}"
            )))
            .header("X-Tracking-Secret", &secret)
            .body(png.clone())
            .send()
    };
    for name in ["a.png", "b.png"] {
        assert_eq!(public(name).await.unwrap().status(), StatusCode::CREATED);
    }
    let third = json(public("c.png").await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(third["code"], "too_many_attachments");
    let unit = app.unit_id("kouqian").await;
    let handler = app.login("kouqian.handler").await;
    let staff = |name: &str| {
        app.client
            .post(
                app.url(&format!("/api/v1/units/{unit}/applications/{id}/attachments?purpose=other&file_name={name}")),
            )
            .bearer_auth(&handler.token)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(png.clone())
            .send()
    };
    for name in ["s1.png", "s2.png"] {
        assert_eq!(
            staff(name).await.unwrap().status(),
            StatusCode::CREATED,
            "the applicant's files leave the staff's quota"
        );
    }
    assert_eq!(staff("s3.png").await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
}

//! Proactive disclosure under secrecy review (SR 3–10; Regulations Arts. 12, 26): the expected
//! dates and numbers are worked out by hand from DOMAIN.md on the 2026 calendar.

use entity::violation_lead;
use gongkai_api::clocks::reminders;
use gongkai_api::time::TimeSource;
use gongkai_tests::{AppOptions, Session, TestApp, beijing, json, spawn_app, spawn_app_with};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

/// 口前镇's unified social credit code, from the county's seed file.
const KOUQIAN_CODE: &str = "112202216197267615";

const BODY: &str = "本镇2026年第三季度农村低保资金已发放。联系人张某，身份证号220221199003074529，手机13812345678。";

fn draft(title: &str, body: &str) -> Value {
    json!({"title": title, "summary": "第三季度农村低保资金发放情况", "body": body,
           "category": "social_policies", "formed_on": "2026-10-12", "attribute": "proactive"})
}

fn complete_checklist() -> Value {
    json!({"no_state_secret": true, "no_security_risk": true, "sensitive_domains_cleared": true,
           "third_party": "masked", "remaining_hits_lawful": true, "attribute_confirmed": true})
}

struct Unit {
    id: Uuid,
    handler: Session,
    leader: Session,
}

async fn kouqian(app: &TestApp) -> Unit {
    Unit {
        id: app.unit_id("kouqian").await,
        handler: app.login("kouqian.handler").await,
        leader: app.login("kouqian.leader").await,
    }
}

async fn put(app: &TestApp, path: &str, s: &Session, body: Value) -> reqwest::Response {
    app.request(Method::PUT, path, Some(s), Some(body)).await
}

fn items(unit: Uuid) -> String {
    format!("/api/v1/units/{unit}/items")
}

async fn create(app: &TestApp, u: &Unit, title: &str, body: &str) -> Value {
    json(app.post(&items(u.id), &u.handler, json!({"draft": draft(title, body)})).await, StatusCode::OK).await
}

async fn act(app: &TestApp, s: &Session, unit: Uuid, item: &Value, step: &str, body: Value) -> reqwest::Response {
    app.post(&format!("{}/{}/{step}", items(unit), item["id"].as_str().unwrap()), s, body).await
}

/// Masks every hit the scan reports, one click each.
async fn mask_all(app: &TestApp, u: &Unit, mut item: Value) -> Value {
    while let Some(hit) = item["hits"].as_array().unwrap().iter().find(|h| !h["mask"].is_null()).cloned() {
        let req = json!({"revision": item["revision"], "field": hit["field"], "kind": hit["kind"],
                         "start": hit["start"], "end": hit["end"]});
        item = json(act(app, &u.handler, u.id, &item, "mask", req).await, StatusCode::OK).await;
    }
    item
}

/// Drafted, masked, submitted and passed by the reviewer: waiting for the leader.
async fn reviewed(app: &TestApp, u: &Unit, title: &str) -> Value {
    let item = mask_all(app, u, create(app, u, title, BODY).await).await;
    let item =
        json(act(app, &u.handler, u.id, &item, "submit", json!({"revision": item["revision"]})).await, StatusCode::OK)
            .await;
    let review = json!({"revision": item["revision"], "passed": true, "checklist": complete_checklist(),
                        "findings": "个人信息已遮盖，无涉密内容。"});
    json(act(app, &u.handler, u.id, &item, "review", review).await, StatusCode::OK).await
}

async fn approved(app: &TestApp, u: &Unit, title: &str) -> Value {
    let item = reviewed(app, u, title).await;
    let ok = json!({"revision": item["revision"], "approved": true});
    json(act(app, &u.leader, u.id, &item, "approval", ok).await, StatusCode::OK).await
}

#[tokio::test]
async fn the_scan_finds_the_id_and_mobile_the_masks_take_official_forms_and_every_mask_is_audited() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let item = create(&app, &u, "口前镇2026年第三季度农村低保资金发放情况", BODY).await;
    let hits: Vec<(&str, &str, &str)> = item["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["kind"].as_str().unwrap(), h["text"].as_str().unwrap(), h["mask"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        hits,
        [("id_number", "220221199003074529", "220***********4529"), ("mobile", "13812345678", "138****5678")]
    );
    assert_eq!(item["hits"][0]["context"], "放。联系人张某，身份证号【220221199003074529】，手机138123456");
    let audit_before = app.audit_count().await;
    let item = mask_all(&app, &u, item).await;
    assert_eq!(
        item["body"],
        "本镇2026年第三季度农村低保资金已发放。联系人张某，身份证号220***********4529，手机138****5678。"
    );
    assert_eq!(item["hits"], json!([]));
    assert_eq!(item["revision"], 3);
    assert_eq!(app.audit_count().await, audit_before + 2);
    // A stale hit (from revision 1) is refused, never applied to the changed text.
    let stale = json!({"revision": 3, "field": "body", "kind": "mobile", "start": 0, "end": 11});
    let resp = act(&app, &u.handler, u.id, &item, "mask", stale).await;
    assert_eq!(json(resp, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "scan_hit_gone");
}

#[tokio::test]
async fn draft_mask_review_refer_bureau_answers_on_day_four_approve_publish_with_the_next_index_number() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let item = mask_all(&app, &u, create(&app, &u, "口前镇2026年第三季度农村低保资金发放情况", BODY).await).await;
    // Art. 26: formed on Monday 12 October, 20 working days → Monday 9 November.
    assert_eq!(item["publish_by"], "2026-11-09");
    let item =
        json(act(&app, &u.handler, u.id, &item, "submit", json!({"revision": item["revision"]})).await, StatusCode::OK)
            .await;
    assert_eq!(item["status"], "in_review");
    // The reviewer is unsure and refers it to the bureau: 5 working days → Monday 19 October.
    let ask = json!({"party": "secrecy_bureau", "question": "低保名单所涉信息能否公开？"});
    let item = json(act(&app, &u.handler, u.id, &item, "consultations", ask).await, StatusCode::OK).await;
    assert_eq!(item["status"], "consulting");
    assert_eq!(item["consultations"][0]["answer_by"], "2026-10-19");
    // The review cannot pass while the referral is open.
    let review = json!({"revision": item["revision"], "passed": true, "checklist": complete_checklist(), "findings": "无涉密内容。"});
    let early = act(&app, &u.handler, u.id, &item, "review", review.clone()).await;
    assert_eq!(json(early, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "consultation_open");

    // Day 4 (Friday 16 October): the bureau answers in its inbox, with the item's text masked.
    app.time.set(beijing("2026-10-16 10:00"));
    let u = kouqian(&app).await;
    let bureau = app.login("baomiju.handler").await;
    let inbox = json(app.get("/api/v1/referrals/items?status=open", &bureau).await, StatusCode::OK).await;
    assert_eq!(inbox["total"], 1);
    let referral = &inbox["items"][0];
    assert_eq!(referral["answer_by"], "2026-10-19");
    assert_eq!(referral["unit_name"], "永吉县口前镇人民政府");
    let referral_id = referral["id"].as_str().unwrap();
    let answer = json!({"opinion": "may_disclose", "answer": "经审查，不涉及国家秘密，可以公开。"});
    let answered =
        json(app.post(&format!("/api/v1/referrals/items/{referral_id}/answer"), &bureau, answer).await, StatusCode::OK)
            .await;
    assert_eq!(answered["status"], "answered");
    assert_eq!(answered["answered_on"], "2026-10-16");

    let item =
        json(app.get(&format!("{}/{}", items(u.id), item["id"].as_str().unwrap()), &u.handler).await, StatusCode::OK)
            .await;
    assert_eq!(item["status"], "in_review");
    assert_eq!(item["consultations"][0]["answer"], "经审查，不涉及国家秘密，可以公开。");
    let item = json(act(&app, &u.handler, u.id, &item, "review", review).await, StatusCode::OK).await;
    assert_eq!(item["status"], "reviewed");
    // Not published before the leader approves.
    let early = act(&app, &u.handler, u.id, &item, "publish", json!({"revision": item["revision"]})).await;
    assert_eq!(json(early, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "item_wrong_stage");
    let item = json(
        act(&app, &u.leader, u.id, &item, "approval", json!({"revision": item["revision"], "approved": true})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(item["status"], "approved");
    let item = json(
        act(&app, &u.handler, u.id, &item, "publish", json!({"revision": item["revision"]})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(item["status"], "published");
    assert_eq!(item["index_number"], format!("{KOUQIAN_CODE}/2026-00001"));
    assert_eq!(item["first_published_on"], "2026-10-16");

    // The approval trail names drafter, reviewer and approver (AC 9).
    let trail = entity::approval_record::Entity::find()
        .filter(entity::approval_record::Column::SubjectId.eq(item["id"].as_str().unwrap()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(trail.drafter_id, app.user_id("kouqian.handler").await);
    assert_eq!(trail.reviewer_ids, format!("[\"{}\"]", app.user_id("kouqian.handler").await));
    assert_eq!(trail.approver_id, Some(app.user_id("kouqian.leader").await));
    assert!(trail.secrecy_reviewed && trail.releases_information);

    // On the portal's catalogue, with the masked text.
    let catalogue =
        app.client.get(app.url(&format!("/api/v1/public/catalogue?unit_id={}", u.id))).send().await.unwrap();
    let catalogue = json(catalogue, StatusCode::OK).await;
    assert_eq!(catalogue["total"], 1);
    assert_eq!(catalogue["items"][0]["index_number"], "112202216197267615/2026-00001");
    assert_eq!(catalogue["items"][0]["formed_on"], "2026-10-12");
    assert_eq!(catalogue["items"][0]["published_on"], "2026-10-16");
    let public = app
        .client
        .get(app.url(&format!("/api/v1/public/catalogue/{}", item["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap();
    let public = json(public, StatusCode::OK).await;
    assert_eq!(
        public["body"],
        "本镇2026年第三季度农村低保资金已发放。联系人张某，身份证号220***********4529，手机138****5678。"
    );

    // The next item of the unit that year takes the next serial.
    let second = approved(&app, &u, "口前镇2026年第三季度临时救助发放情况").await;
    let second = json(
        act(&app, &u.handler, u.id, &second, "publish", json!({"revision": second["revision"]})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(second["index_number"], "112202216197267615/2026-00002");
}

#[tokio::test]
async fn nothing_is_published_without_a_review_of_its_very_revision() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let item = create(&app, &u, "口前镇2026年第三季度农村低保资金发放情况", BODY).await;
    // A draft cannot be approved or published.
    let resp = act(&app, &u.leader, u.id, &item, "approval", json!({"revision": 1, "approved": true})).await;
    assert_eq!(json(resp, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "item_wrong_stage");
    let resp = act(&app, &u.handler, u.id, &item, "publish", json!({"revision": 1})).await;
    assert_eq!(json(resp, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "item_wrong_stage");
    // Unmasked personal data: the checklist's point on remaining hits cannot be left false.
    let item = json(act(&app, &u.handler, u.id, &item, "submit", json!({"revision": 1})).await, StatusCode::OK).await;
    let mut checklist = complete_checklist();
    checklist["remaining_hits_lawful"] = json!(false);
    let review = json!({"revision": 1, "passed": true, "checklist": checklist, "findings": "含个人信息。"});
    let resp = act(&app, &u.handler, u.id, &item, "review", review).await;
    let refused = json(resp, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(refused["code"], "checklist_incomplete");
    // A reviewer the principal leader has not designated cannot review (SR 5).
    let item = approved(&app, &u, "口前镇2026年第三季度临时救助发放情况").await;
    assert_eq!(item["status"], "approved");
    // A change after approval needs a new review: back to draft, and publishing the old approval fails.
    let changed = put(
        &app,
        &format!("{}/{}", items(u.id), item["id"].as_str().unwrap()),
        &u.handler,
        json!({"revision": item["revision"], "draft": draft("口前镇2026年第三季度临时救助发放情况（修订）", "正文已修改。")}),
    )
    .await;
    let changed = json(changed, StatusCode::OK).await;
    assert_eq!(changed["status"], "draft");
    let resp = act(&app, &u.handler, u.id, &changed, "publish", json!({"revision": changed["revision"]})).await;
    assert_eq!(json(resp, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "item_wrong_stage");
    let stale = act(&app, &u.handler, u.id, &changed, "submit", json!({"revision": item["revision"]})).await;
    assert_eq!(json(stale, StatusCode::CONFLICT).await["code"], "stale_revision");
}

#[tokio::test]
async fn a_classification_mark_blocks_a_proactive_review_and_the_bureaus_must_not_binds_the_item() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let item = create(&app, &u, "关于防汛工作的通知", "秘密★1年\n各村：现将防汛预案印发给你们。").await;
    assert_eq!(item["hits"][0]["kind"], "classification_mark");
    assert_eq!(item["hits"][0]["mask"], Value::Null);
    let resp = act(
        &app,
        &u.handler,
        u.id,
        &item,
        "mask",
        json!({"revision": 1, "field": "body", "kind": "classification_mark", "start": 0, "end": 13}),
    )
    .await;
    assert_eq!(json(resp, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "hit_not_maskable");
    let item = json(act(&app, &u.handler, u.id, &item, "submit", json!({"revision": 1})).await, StatusCode::OK).await;
    let review = json!({"revision": 1, "passed": true, "checklist": complete_checklist(), "findings": "无涉密内容。"});
    let resp = act(&app, &u.handler, u.id, &item, "review", review).await;
    assert_eq!(json(resp, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "classification_mark_present");

    let ask = json!({"party": "secrecy_bureau", "question": "该通知是否属于国家秘密？"});
    json(act(&app, &u.handler, u.id, &item, "consultations", ask).await, StatusCode::OK).await;
    let bureau = app.login("baomiju.handler").await;
    let inbox = json(app.get("/api/v1/referrals/items", &bureau).await, StatusCode::OK).await;
    let id = inbox["items"][0]["id"].as_str().unwrap();
    let answer = json!({"opinion": "must_not", "answer": "该文件已定密为秘密级，不得公开。"});
    json(app.post(&format!("/api/v1/referrals/items/{id}/answer"), &bureau, answer).await, StatusCode::OK).await;
    let item =
        json(app.get(&format!("{}/{}", items(u.id), item["id"].as_str().unwrap()), &u.handler).await, StatusCode::OK)
            .await;
    assert_eq!(item["attribute"], "not_disclosed");
    assert_eq!(item["ground"], "state_secret");
    assert_eq!(item["attribute_reason"], "保密行政管理部门答复：该文件已定密为秘密级，不得公开。");
    assert_eq!(item["bound_not_to_disclose"], true);
    // The Art. 26 clock no longer runs for an item that is not to be published.
    assert_eq!(item["publish_by"], Value::Null);
    // Changing it back to proactive does not escape the bureau's answer.
    let back = put(
        &app,
        &format!("{}/{}", items(u.id), item["id"].as_str().unwrap()),
        &u.handler,
        json!({"revision": item["revision"], "draft": draft("关于防汛工作的通知", "各村：现将防汛预案印发给你们。")}),
    )
    .await;
    let back = json(back, StatusCode::OK).await;
    let back =
        json(act(&app, &u.handler, u.id, &back, "submit", json!({"revision": back["revision"]})).await, StatusCode::OK)
            .await;
    let review = json!({"revision": back["revision"], "passed": true, "checklist": complete_checklist(), "findings": "已删去密级标志。"});
    let resp = act(&app, &u.handler, u.id, &back, "review", review).await;
    assert_eq!(json(resp, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "bound_by_referral");
}

async fn leads_of(app: &TestApp, item: &str) -> Vec<String> {
    violation_lead::Entity::find()
        .filter(violation_lead::Column::SubjectId.eq(item))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| format!("{} {}", l.subject_type, l.item))
        .collect()
}

#[tokio::test]
async fn late_publication_and_an_unanswered_referral_raise_their_leads() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let late = create(&app, &u, "口前镇2026年第三季度农村低保资金发放情况", BODY).await;
    let referred = create(&app, &u, "口前镇防汛物资储备情况", "储备编织袋2000条。").await;
    let referred =
        json(act(&app, &u.handler, u.id, &referred, "submit", json!({"revision": 1})).await, StatusCode::OK).await;
    let ask = json!({"party": "secrecy_bureau", "question": "储备数量能否公开？"});
    let referred = json(act(&app, &u.handler, u.id, &referred, "consultations", ask).await, StatusCode::OK).await;
    let referral_id = referred["consultations"][0]["id"].as_str().unwrap().to_string();

    // The referral's last day is Monday 19 October; on Tuesday the 20th it is late (AC 6(8)).
    app.time.set(beijing("2026-10-19 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads_of(&app, &referral_id).await, Vec::<String>::new());
    app.time.set(beijing("2026-10-20 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads_of(&app, &referral_id).await, ["item_consultation 6.8"]);
    // After its period the unit may record that the bureau did not answer, and review by itself.
    // Sessions idle out over the days; the staff sign in again.
    let u = kouqian(&app).await;
    let close = json!({"answered_on": "2026-10-20"});
    let path = format!("{}/{}/consultations/{referral_id}/answer", items(u.id), referred["id"].as_str().unwrap());
    let closed = json(app.post(&path, &u.handler, close).await, StatusCode::OK).await;
    assert_eq!(closed["status"], "in_review");
    assert_eq!(closed["consultations"][0]["status"], "lapsed");

    // The item formed on 12 October is due on 9 November; unpublished on the 10th it is late (AC 6(2)).
    let late_id = late["id"].as_str().unwrap().to_string();
    app.time.set(beijing("2026-11-09 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads_of(&app, &late_id).await, Vec::<String>::new());
    app.time.set(beijing("2026-11-10 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads_of(&app, &late_id).await, ["information_item 6.2"]);
}

#[tokio::test]
async fn two_replicas_publishing_at_once_never_share_or_skip_an_index_number() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let other = app.replica().await;
    let u = kouqian(&app).await;
    let mut ready = Vec::new();
    for n in 0..6 {
        ready.push(approved(&app, &u, &format!("口前镇2026年第{n}批惠农补贴发放情况")).await);
    }
    let publishes = ready.iter().enumerate().map(|(n, item)| {
        let replica = if n % 2 == 0 { &app } else { &other };
        let s = &u.handler;
        async move {
            let resp = act(replica, s, u.id, item, "publish", json!({"revision": item["revision"]})).await;
            json(resp, StatusCode::OK).await["index_number"].as_str().unwrap().to_string()
        }
    });
    let mut numbers = futures_util::future::join_all(publishes).await;
    numbers.sort();
    let expected: Vec<String> = (1..=6).map(|n| format!("112202216197267615/2026-0000{n}")).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn oversight_reads_items_masked_and_corrections_and_withdrawals_stay_on_the_public_record() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let item = create(&app, &u, "口前镇2026年第三季度农村低保资金发放情况", BODY).await;
    let office = app.login("zhengfuban.handler").await;
    let seen =
        json(app.get(&format!("{}/{}", items(u.id), item["id"].as_str().unwrap()), &office).await, StatusCode::OK)
            .await;
    assert_eq!(
        seen["body"],
        "本镇2026年第三季度农村低保资金已发放。联系人张某，身份证号220***********4529，手机138****5678。"
    );
    assert_eq!(seen["hits"], json!([]));
    // Oversight reads but does not draft.
    let resp = app.post(&items(u.id), &office, json!({"draft": draft("越权起草", "正文")})).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    let published = approved(&app, &u, "口前镇2026年第三季度临时救助发放情况").await;
    let published = json(
        act(&app, &u.handler, u.id, &published, "publish", json!({"revision": published["revision"]})).await,
        StatusCode::OK,
    )
    .await;
    let id = published["id"].as_str().unwrap().to_string();
    // Corrected a week later: changed, reviewed, approved, published again under the same number.
    app.time.set(beijing("2026-10-19 09:00"));
    let u = kouqian(&app).await;
    let changed = put(&app, &format!("{}/{id}", items(u.id)), &u.handler,
        json!({"revision": published["revision"], "draft": draft("口前镇2026年第三季度临时救助发放情况", "第三季度临时救助共发放12户。")})).await;
    let changed = json(changed, StatusCode::OK).await;
    // Meanwhile the public still sees the published text.
    let public =
        json(app.client.get(app.url(&format!("/api/v1/public/catalogue/{id}"))).send().await.unwrap(), StatusCode::OK)
            .await;
    assert_eq!(public["corrected_on"], Value::Null);
    let changed = json(
        act(&app, &u.handler, u.id, &changed, "submit", json!({"revision": changed["revision"]})).await,
        StatusCode::OK,
    )
    .await;
    let review = json!({"revision": changed["revision"], "passed": true, "checklist": complete_checklist(), "findings": "无涉密内容。"});
    let changed = json(act(&app, &u.handler, u.id, &changed, "review", review).await, StatusCode::OK).await;
    let changed = json(
        act(&app, &u.leader, u.id, &changed, "approval", json!({"revision": changed["revision"], "approved": true}))
            .await,
        StatusCode::OK,
    )
    .await;
    let no_note = act(&app, &u.handler, u.id, &changed, "publish", json!({"revision": changed["revision"]})).await;
    assert_eq!(json(no_note, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "correction_note");
    let note = json!({"revision": changed["revision"], "correction_note": "更正发放户数。"});
    let corrected = json(act(&app, &u.handler, u.id, &changed, "publish", note).await, StatusCode::OK).await;
    assert_eq!(corrected["index_number"], "112202216197267615/2026-00001");
    app.time.set(beijing("2026-10-21 09:00"));
    let u = kouqian(&app).await;
    let withdrawn =
        act(&app, &u.leader, u.id, &corrected, "withdraw", json!({"reason": "该救助信息已并入年度汇总公开。"})).await;
    json(withdrawn, StatusCode::OK).await;
    let public =
        json(app.client.get(app.url(&format!("/api/v1/public/catalogue/{id}"))).send().await.unwrap(), StatusCode::OK)
            .await;
    assert_eq!(public["corrected_on"], "2026-10-19");
    assert_eq!(public["withdrawn_on"], "2026-10-21");
    assert_eq!(public["withdrawal_reason"], "该救助信息已并入年度汇总公开。");
    assert_eq!(public["body"], "");
    assert_eq!(
        public["history"],
        json!([
            {"on": "2026-10-12", "kind": "published", "note": null},
            {"on": "2026-10-19", "kind": "corrected", "note": "更正发放户数。"},
            {"on": "2026-10-21", "kind": "withdrawn", "note": "该救助信息已并入年度汇总公开。"},
        ])
    );
}

/// Drafted from `d`, submitted, passed by the reviewer and approved by the leader.
async fn approved_draft(app: &TestApp, u: &Unit, d: Value) -> Value {
    let item = json(app.post(&items(u.id), &u.handler, json!({"draft": d})).await, StatusCode::OK).await;
    let item = mask_all(app, u, item).await;
    let item =
        json(act(app, &u.handler, u.id, &item, "submit", json!({"revision": item["revision"]})).await, StatusCode::OK)
            .await;
    let review = json!({"revision": item["revision"], "passed": true, "checklist": complete_checklist(),
                        "findings": "经审查，属性与依据准确。"});
    let item = json(act(app, &u.handler, u.id, &item, "review", review).await, StatusCode::OK).await;
    let ok = json!({"revision": item["revision"], "approved": true});
    json(act(app, &u.leader, u.id, &item, "approval", ok).await, StatusCode::OK).await
}

async fn published_draft(app: &TestApp, u: &Unit, d: Value) -> Value {
    let item = approved_draft(app, u, d).await;
    json(act(app, &u.handler, u.id, &item, "publish", json!({"revision": item["revision"]})).await, StatusCode::OK)
        .await
}

fn secret_draft() -> Value {
    json!({"title": "口前镇民兵应急分队装备配置情况", "summary": "", "body": "民兵应急分队装备数量及存放位置。",
           "category": "other_statutory", "formed_on": "2026-10-12", "attribute": "not_disclosed",
           "ground": "state_secret", "attribute_reason": "经定密责任人确定为秘密级国家秘密。",
           "classification_level": "秘密", "classified_until": "2026-12-31"})
}

#[tokio::test]
async fn a_withheld_item_is_reevaluated_on_the_countys_schedule_and_its_term_reviewed_before_it_ends() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let bureau = app.login("baomiju.handler").await;
    // Only the secrecy bureau sets the county's schedule.
    let refused = put(&app, "/api/v1/secrecy/settings", &u.leader, json!({"reevaluation_days": 90})).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let short = put(&app, "/api/v1/secrecy/settings", &bureau, json!({"reevaluation_days": 7})).await;
    assert_eq!(json(short, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "reevaluation_days");
    let set =
        json(put(&app, "/api/v1/secrecy/settings", &bureau, json!({"reevaluation_days": 90})).await, StatusCode::OK)
            .await;
    assert_eq!((set["reevaluation_days"].as_i64(), set["set_by_bureau"].as_bool()), (Some(90), Some(true)));

    let filed = approved_draft(&app, &u, secret_draft()).await;
    assert_eq!(filed["status"], "filed");
    // Art. 18 on a 90-day schedule: 12 October + 90 days is Sunday 10 January 2027, so Monday the 11th.
    assert_eq!(filed["reevaluate_by"], "2027-01-11");
    // SR 8(2): the term ends on Thursday 31 December; its review is due that day.
    assert_eq!(filed["term_review_by"], "2026-12-31");
    let id = filed["id"].as_str().unwrap().to_string();
    let reevaluate = |s: &Session, body: Value| {
        let path = format!("{}/{id}/reevaluations", items(u.id));
        let s = s.clone();
        let app = &app;
        async move { app.post(&path, &s, body).await }
    };

    // 20 December: kept as it is; the next re-evaluation runs 90 days from today (Saturday 20 March
    // 2027, so Monday the 22nd); the term still ends on 31 December.
    app.time.set(beijing("2026-12-20 10:00"));
    let u = kouqian(&app).await;
    let leader_tries = reevaluate(&u.leader, json!({"outcome": "keep", "note": "维持不予公开。"})).await;
    assert_eq!(json(leader_tries, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "not_secrecy_reviewer");
    let kept = json(
        reevaluate(&u.handler, json!({"outcome": "keep", "note": "情况未变化，维持不予公开。"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (kept["reevaluate_by"].as_str(), kept["term_review_by"].as_str()),
        (Some("2027-03-22"), Some("2026-12-31"))
    );

    // Monday 4 January 2027: the term has ended, so it cannot simply be kept.
    app.time.set(beijing("2027-01-04 10:00"));
    let u = kouqian(&app).await;
    let late = reevaluate(&u.handler, json!({"outcome": "keep", "note": "维持。"})).await;
    let late = json(late, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        (late["fields"][0]["field"].as_str(), late["fields"][0]["code"].as_str()),
        (Some("classified_until"), Some("term_ended"))
    );
    // The term is extended to 30 June; re-evaluation in 90 days: Sunday 4 April, then Qingming, so 6 April.
    let changed = reevaluate(
        &u.handler,
        json!({"outcome": "change", "classification_level": "秘密", "classified_until": "2027-06-30",
               "note": "经定密责任人审核，延长保密期限至2027年6月30日。"}),
    )
    .await;
    let changed = json(changed, StatusCode::OK).await;
    assert_eq!(changed["classified_until"], "2027-06-30");
    assert_eq!(
        (changed["reevaluate_by"].as_str(), changed["term_review_by"].as_str()),
        (Some("2027-04-06"), Some("2027-06-30"))
    );

    // Declassified: back to drafting under a new revision, for a new attribute and a new review.
    let reopened = json(
        reevaluate(&u.handler, json!({"outcome": "reopen", "note": "已解密，可以重新确定公开属性。"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (reopened["status"].as_str(), reopened["revision"].as_i64()),
        (Some("draft"), Some(filed["revision"].as_i64().unwrap() + 1))
    );
    assert!(reopened["reevaluate_by"].is_null() && reopened["term_review_by"].is_null());
    let outcomes: Vec<&str> =
        reopened["reevaluations"].as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["keep", "change", "reopen"]);
    assert_eq!(reopened["reevaluations"][1]["until_before"], "2026-12-31");
    let again = reevaluate(&u.handler, json!({"outcome": "keep", "note": "维持。"})).await;
    assert_eq!(json(again, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "item_wrong_stage");
}

fn report_draft(title: &str, category: &str, extra: Value) -> Value {
    let mut d = json!({"title": title, "summary": "", "body": format!("{title}全文。"), "category": category,
                       "formed_on": "2026-10-12", "attribute": "proactive"});
    for (k, v) in extra.as_object().unwrap() {
        d[k] = v.clone();
    }
    d
}

#[tokio::test]
async fn table_two_is_counted_from_published_items_and_timeliness_per_unit() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    // Each kind needs its figure, and its category.
    let bad = app
        .post(
            &items(u.id),
            &u.handler,
            json!({"draft": report_draft("许可公示", "licensing", json!({"report_kind": "licensing"}))}),
        )
        .await;
    assert_eq!(json(bad, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "decisions");
    let bad = app
        .post(
            &items(u.id),
            &u.handler,
            json!({"draft": report_draft("处罚公示", "licensing", json!({"report_kind": "penalty", "decisions": 2}))}),
        )
        .await;
    assert_eq!(json(bad, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "category_mismatch");

    let doc = |n: u32| json!({"report_kind": "normative_document", "doc_number": format!("口政发〔2026〕{n}号")});
    published_draft(&app, &u, report_draft("口前镇村规民约管理办法", "normative_documents", doc(3))).await;
    let repealed =
        published_draft(&app, &u, report_draft("口前镇集贸市场管理规定", "normative_documents", doc(4))).await;
    published_draft(
        &app,
        &u,
        report_draft("2026年第三季度行政许可决定", "licensing", json!({"report_kind": "licensing", "decisions": 37})),
    )
    .await;
    published_draft(
        &app,
        &u,
        report_draft(
            "2026年第三季度行政处罚决定",
            "penalty_enforcement",
            json!({"report_kind": "penalty", "decisions": 5}),
        ),
    )
    .await;
    published_draft(
        &app,
        &u,
        report_draft(
            "2026年第三季度行政强制决定",
            "penalty_enforcement",
            json!({"report_kind": "enforcement", "decisions": 2}),
        ),
    )
    .await;
    published_draft(
        &app,
        &u,
        report_draft(
            "2026年行政事业性收费情况",
            "fees",
            json!({"report_kind": "fee_collection", "amount_fen": 12_345_650}),
        ),
    )
    .await;
    let withdrawn = published_draft(
        &app,
        &u,
        report_draft("误发的许可决定", "licensing", json!({"report_kind": "licensing", "decisions": 10})),
    )
    .await;
    json(act(&app, &u.leader, u.id, &withdrawn, "withdraw", json!({"reason": "误发，已撤回。"})).await, StatusCode::OK)
        .await;
    // A proactive item formed the same day and never published.
    create(&app, &u, "口前镇2026年秋季防火公告", "秋季防火期自10月15日起。").await;

    // 20 October: the market rules are repealed (not before they were formed, not in the future).
    app.time.set(beijing("2026-10-20 09:00"));
    let u = kouqian(&app).await;
    let repeal = |body: Value| act(&app, &u.leader, u.id, &repealed, "repeal", body);
    let future = repeal(json!({"repealed_on": "2026-10-21", "note": "口政发〔2026〕9号"})).await;
    assert_eq!(json(future, StatusCode::BAD_REQUEST).await["fields"][0]["code"], "in_future");
    let done =
        json(repeal(json!({"repealed_on": "2026-10-20", "note": "口政发〔2026〕9号"})).await, StatusCode::OK).await;
    assert_eq!(done["repealed_on"], "2026-10-20");
    let twice = repeal(json!({"repealed_on": "2026-10-20", "note": "口政发〔2026〕9号"})).await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "item_wrong_stage");
    let public = json(
        app.client
            .get(app.url(&format!("/api/v1/public/catalogue/{}", repealed["id"].as_str().unwrap())))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(public["repealed_on"], "2026-10-20");
    let last = public["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last, json!({"on": "2026-10-20", "kind": "repealed", "note": "口政发〔2026〕9号"}));

    // 10 November: the fire notice formed on 12 October missed its 9 November limit.
    app.time.set(beijing("2026-11-10 09:00"));
    let u = kouqian(&app).await;
    let stats =
        json(app.get(&format!("/api/v1/units/{}/statistics/items?year=2026", u.id), &u.leader).await, StatusCode::OK)
            .await;
    assert_eq!(
        stats["table2"],
        json!({"rules": {"issued": 0, "repealed": 0, "in_force": 0},
               "normative_documents": {"issued": 2, "repealed": 1, "in_force": 1},
               "licensing_decisions": 37, "penalty_decisions": 5, "enforcement_decisions": 2,
               "fees_collected_fen": 12_345_650, "fees_collected_wan_yuan": "12.3457"})
    );
    let row = &stats["timeliness"][0];
    assert_eq!(
        [
            &row["published"],
            &row["published_reviewed"],
            &row["publication_met"],
            &row["publication_missed"],
            &row["referrals_met"],
            &row["referrals_missed"]
        ],
        [&json!(7), &json!(7), &json!(7), &json!(1), &json!(0), &json!(0)]
    );
    // The next year: nothing issued, the village rules still in force.
    let next =
        json(app.get(&format!("/api/v1/units/{}/statistics/items?year=2027", u.id), &u.leader).await, StatusCode::OK)
            .await;
    assert_eq!(next["table2"]["normative_documents"], json!({"issued": 0, "repealed": 0, "in_force": 1}));
    assert_eq!(next["table2"]["fees_collected_wan_yuan"], "0.0000");
    // The openness office reads the county's figures.
    let office = app.login("zhengfuban.handler").await;
    let county = json(app.get("/api/v1/statistics/items?year=2026", &office).await, StatusCode::OK).await;
    assert_eq!(county["table2"], stats["table2"]);
}

#[tokio::test]
async fn a_leak_raises_an_ac_6_4_lead_that_becomes_a_case_naming_who_published_it() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let published = published_draft(&app, &u, draft("口前镇2026年第三季度临时救助发放情况", BODY)).await;
    app.time.set(beijing("2026-10-14 09:00"));
    let u = kouqian(&app).await;
    let leaks = format!("/api/v1/units/{}/leaks", u.id);
    let incident = json!({"item_id": published["id"], "what": "临时救助名单附件中一名群众的家庭住址未遮盖。",
                          "where_found": "县政府门户网站政府信息公开专栏", "found_on": "2026-10-14",
                          "remedy": "当日撤下附件，遮盖后重新发布", "told": "县保密局、镇主要负责人、当事人"});
    let mut tomorrow = incident.clone();
    tomorrow["found_on"] = json!("2026-10-15");
    let future = json(app.post(&leaks, &u.handler, tomorrow).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(future["fields"][0]["field"], "found_on");
    let first = json(app.post(&leaks, &u.handler, incident.clone()).await, StatusCode::OK).await;
    let id = published["id"].as_str().unwrap();
    assert_eq!(leads_of(&app, id).await, ["information_item 6.4"]);
    let lead = violation_lead::Entity::find()
        .filter(violation_lead::Column::SubjectId.eq(id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        lead.facts,
        format!(
            "2026-10-14，在县政府门户网站政府信息公开专栏发现泄露：临时救助名单附件中一名群众的家庭住址未遮盖。泄露途径：主动公开的《口前镇2026年第三季度临时救助发放情况》（索引号 {KOUQIAN_CODE}/2026-00001）。补救措施：当日撤下附件，遮盖后重新发布。已告知：县保密局、镇主要负责人、当事人。"
        )
    );
    assert_eq!(first["lead_id"], json!(lead.id));
    // The bureau finds it again on its inspection: the same breach, the same lead.
    let bureau = app.login("baomiju.handler").await;
    let second = json(
        app.post(
            &leaks,
            &bureau,
            json!({"item_id": published["id"], "what": "同一名单再次被转载。",
        "where_found": "某微信公众号", "found_on": "2026-10-14", "remedy": "联系转载方删除", "told": "口前镇人民政府"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(second["lead_id"], first["lead_id"]);
    // The openness office reads the incidents but does not record them.
    let office = app.login("zhengfuban.leader").await;
    let listed = json(app.get(&leaks, &office).await, StatusCode::OK).await;
    assert_eq!(listed["total"], 2);
    assert_eq!(app.post(&leaks, &office, incident).await.status(), StatusCode::FORBIDDEN);

    // One call opens the case: AC 6(4), and the approval trail of the publication names the people.
    let case = json(
        app.post("/api/v1/cases", &office, json!({"lead_id": lead.id, "title": "主动公开泄露个人信息"})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(case["violation_types"], json!(["secrecy_failure"]));
    assert_eq!(case["subjects"][0]["subject_id"], id);
    let share = |user: Uuid| {
        let p = case["parties"].as_array().unwrap().iter().find(|p| p["user_id"] == json!(user)).unwrap();
        (p["proposed_share"].as_str().unwrap().to_string(), p["proposed_basis"].as_str().unwrap().to_string())
    };
    // AC 9(2): the leader approved the publication the handler drafted and reviewed.
    assert_eq!(share(app.user_id("kouqian.leader").await), ("main".into(), "AC 9(2)".into()));
    assert_eq!(share(app.user_id("kouqian.handler").await), ("secondary".into(), "AC 9(2)".into()));
}

/// A reply letter typeset by the platform's PDF renderer, with an ID number in its text.
fn typeset_pdf() -> Vec<u8> {
    typeset_pdf_with("联系人身份证号220221199003074529。")
}

/// A reply letter typeset by the platform's PDF renderer, with `line` in its text.
fn typeset_pdf_with(line: &str) -> Vec<u8> {
    let renderer =
        gongkai_letters::LetterRenderer::from_font_dir(std::path::Path::new("/usr/share/fonts/opentype/noto")).unwrap();
    let letter = gongkai_letters::Letter {
        kind: gongkai_letters::LetterKind::Reply,
        issuer: "永吉县口前镇人民政府".into(),
        recipient: "张某".into(),
        tracking_code: "YJ2026-000123".into(),
        document_number: "口前政依申〔2026〕12号".into(),
        issued_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
        received_on: None,
        request_summary: "低保发放名单".into(),
        due_on: None,
        body: vec![line.into()],
        legal_basis: vec![],
        contact: "联系电话：0432-64201234".into(),
        amount_yuan: None,
        agreed_by: None,
        remedy: gongkai_letters::Remedy::ReviewOrLawsuit,
    };
    renderer.render(&letter).unwrap()
}

fn png_bytes() -> Vec<u8> {
    [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], &[7u8; 64][..]].concat()
}

#[tokio::test]
async fn attachments_are_scanned_unreadable_ones_are_named_and_the_public_gets_only_the_published_files() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let item = create(&app, &u, "口前镇2026年第三季度农村低保资金发放情况", "低保资金已按时发放，名单见附件。").await;
    let id = item["id"].as_str().unwrap().to_string();
    let upload = |name: &str, revision: i64, bytes: Vec<u8>| {
        let url = app.url(&format!("{}/{id}/attachments?file_name={name}&revision={revision}", items(u.id)));
        let req = app.client.post(url).header(reqwest::header::CONTENT_TYPE, "application/octet-stream").body(bytes);
        req.bearer_auth(&u.handler.token).send()
    };
    // A program is no document.
    let exe = upload("setup.exe", 1, b"MZ\x90\x00rest".to_vec()).await.unwrap();
    assert_eq!(exe.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // The PDF's text layer is read: its ID number is a finding of the scan, in that file.
    let with_pdf = json(upload("低保名单.pdf", 1, typeset_pdf()).await.unwrap(), StatusCode::OK).await;
    assert_eq!(with_pdf["revision"], 2);
    let pdf_id = with_pdf["attachments"][0]["id"].clone();
    assert_eq!(with_pdf["attachments"][0]["unreadable"], Value::Null);
    let hit = with_pdf["hits"].as_array().unwrap().iter().find(|h| h["kind"] == "id_number").unwrap().clone();
    assert_eq!((hit["field"].as_str(), hit["text"].as_str()), (Some("attachment"), Some("220221199003074529")));
    assert_eq!(hit["attachment_id"], pdf_id);
    // A file is not masked in place: the drafter replaces it.
    let mask =
        json!({"revision": 2, "field": "attachment", "kind": "id_number", "start": hit["start"], "end": hit["end"]});
    let refused = act(&app, &u.handler, u.id, &with_pdf, "mask", mask).await;
    assert_eq!(json(refused, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "hit_not_maskable");
    // A photo cannot be read and says so; the reviewer looks at it.
    let with_png = json(upload("现场照片.png", 2, png_bytes()).await.unwrap(), StatusCode::OK).await;
    assert_eq!(with_png["attachments"][1]["unreadable"], "image");
    // The PDF is taken off: its finding goes with it.
    let path = format!("{}/{id}/attachments/{}?revision=3", items(u.id), pdf_id.as_str().unwrap());
    let removed = json(app.delete(&path, &u.handler).await, StatusCode::OK).await;
    assert_eq!(removed["revision"], 4);
    assert_eq!(removed["attachments"].as_array().unwrap().len(), 1);
    assert!(removed["hits"].as_array().unwrap().iter().all(|h| h["field"] != "attachment"));
    // Oversight reads the item but does not download its files.
    let office = app.login("zhengfuban.handler").await;
    let png_id = removed["attachments"][0]["id"].as_str().unwrap().to_string();
    let own = format!("{}/{id}/attachments/{png_id}", items(u.id));
    assert_eq!(app.get(&own, &office).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&own, &u.handler).await.bytes().await.unwrap().to_vec(), png_bytes());

    // Nothing is public before publication; afterwards only the published revision's files are.
    let public =
        |file: &str| app.client.get(app.url(&format!("/api/v1/public/catalogue/{id}/attachments/{file}"))).send();
    assert_eq!(public(&png_id).await.unwrap().status(), StatusCode::NOT_FOUND);
    let item =
        json(act(&app, &u.handler, u.id, &removed, "submit", json!({"revision": 4})).await, StatusCode::OK).await;
    let review = json!({"revision": 4, "passed": true, "checklist": complete_checklist(), "findings": "照片已人工查看，无个人信息。"});
    let item = json(act(&app, &u.handler, u.id, &item, "review", review).await, StatusCode::OK).await;
    let item = json(
        act(&app, &u.leader, u.id, &item, "approval", json!({"revision": 4, "approved": true})).await,
        StatusCode::OK,
    )
    .await;
    json(act(&app, &u.handler, u.id, &item, "publish", json!({"revision": 4})).await, StatusCode::OK).await;
    let page =
        json(app.client.get(app.url(&format!("/api/v1/public/catalogue/{id}"))).send().await.unwrap(), StatusCode::OK)
            .await;
    assert_eq!(
        page["attachments"],
        json!([{"id": png_id, "file_name": "现场照片.png", "content_type": "image/png", "size_bytes": 72}])
    );
    assert_eq!(public(&png_id).await.unwrap().bytes().await.unwrap().to_vec(), png_bytes());
    assert_eq!(public(pdf_id.as_str().unwrap()).await.unwrap().status(), StatusCode::NOT_FOUND);
}

/// Published with a file whose text holds `line`, the reviewer having let it pass.
async fn published_with_file(app: &TestApp, u: &Unit, title: &str, line: &str) -> Value {
    let item = create(app, u, title, "名单见附件。").await;
    let id = item["id"].as_str().unwrap().to_string();
    let url = app.url(&format!("{}/{id}/attachments?file_name=名单.pdf&revision=1", items(u.id)));
    let req = app.client.post(url).header(reqwest::header::CONTENT_TYPE, "application/octet-stream");
    let sent = req.bearer_auth(&u.handler.token).body(typeset_pdf_with(line)).send().await.unwrap();
    let item = json(sent, StatusCode::OK).await;
    let item = json(act(app, &u.handler, u.id, &item, "submit", json!({"revision": 2})).await, StatusCode::OK).await;
    let review = json!({"revision": 2, "passed": true, "checklist": complete_checklist(), "findings": "已审查。"});
    let item = json(act(app, &u.handler, u.id, &item, "review", review).await, StatusCode::OK).await;
    let ok = json!({"revision": 2, "approved": true});
    let item = json(act(app, &u.leader, u.id, &item, "approval", ok).await, StatusCode::OK).await;
    json(act(app, &u.handler, u.id, &item, "publish", json!({"revision": 2})).await, StatusCode::OK).await
}

#[tokio::test]
async fn the_online_inspection_finds_a_planted_mobile_orders_remedies_and_a_missed_deadline_raises_a_lead() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let masked = published_with_file(&app, &u, "口前镇2026年10月临时救助名单", "联系人手机13812345678。").await;
    let taken = published_with_file(&app, &u, "口前镇2026年10月困难群众名单", "联系人手机13912345678。").await;
    let bureau = app.login("baomiju.handler").await;
    let office = app.login("zhengfuban.handler").await;
    assert_eq!(app.post("/api/v1/secrecy/inspections", &office, json!({})).await.status(), StatusCode::FORBIDDEN);
    let run = json(app.post("/api/v1/secrecy/inspections", &bureau, json!({})).await, StatusCode::OK).await;
    assert_eq!((run["items_scanned"].as_i64(), run["findings_new"].as_i64()), (Some(2), Some(2)));
    // A second pass records nothing twice.
    let again = json(app.post("/api/v1/secrecy/inspections", &bureau, json!({})).await, StatusCode::OK).await;
    assert_eq!(again["findings_new"], 0);
    let found = json(app.get("/api/v1/secrecy/findings?status=open", &bureau).await, StatusCode::OK).await;
    let of =
        |item: &Value| found["items"].as_array().unwrap().iter().find(|f| f["item_id"] == item["id"]).unwrap().clone();
    let (to_mask, to_take) = (of(&masked), of(&taken));
    assert_eq!((to_mask["field"].as_str(), to_mask["kind"].as_str()), (Some("attachment"), Some("mobile")));
    assert!(to_mask["excerpt"].as_str().unwrap().contains("13812345678"), "{to_mask}");

    // A mask within 5 working days: ordered Monday 12 October, due Monday 19 October.
    let order = |f: &Value, body: Value| {
        let path = format!("/api/v1/secrecy/findings/{}/order", f["id"].as_str().unwrap());
        let bureau = &bureau;
        let app = &app;
        async move { app.post(&path, bureau, body).await }
    };
    let no_days = order(&to_mask, json!({"remedy": "mask", "note": "遮盖联系人手机号码。"})).await;
    assert_eq!(json(no_days, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "working_days");
    let ordered = json(
        order(&to_mask, json!({"remedy": "mask", "working_days": 5, "note": "遮盖联系人手机号码。"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((ordered["status"].as_str(), ordered["remedy_due"].as_str()), (Some("ordered"), Some("2026-10-19")));
    let twice = order(&to_mask, json!({"remedy": "take_down", "note": "撤下。"})).await;
    assert_eq!(json(twice, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "finding_not_open");
    // The unit cannot report it done before a corrected version is out.
    let done = format!("/api/v1/units/{}/inspection-findings/{}/remedied", u.id, to_mask["id"].as_str().unwrap());
    let early = app.post(&done, &u.handler, json!({"note": "已遮盖。"})).await;
    assert_eq!(json(early, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "remedy_not_published");

    // A take-down withdraws the item at once: gone from the catalogue's files, marked withdrawn.
    let down =
        json(order(&to_take, json!({"remedy": "take_down", "note": "名单含个人手机号码。"})).await, StatusCode::OK)
            .await;
    assert_eq!(down["status"], "remedied");
    let id = taken["id"].as_str().unwrap();
    let public =
        json(app.client.get(app.url(&format!("/api/v1/public/catalogue/{id}"))).send().await.unwrap(), StatusCode::OK)
            .await;
    assert_eq!(public["withdrawn_on"], "2026-10-12");
    assert_eq!(public["withdrawal_reason"], "县保密局网上巡查发现不宜公开的内容，责令撤下：名单含个人手机号码。");
    assert_eq!(public["attachments"], json!([]));

    // Not remedied by Monday 19 October: on Tuesday the 20th an AC 6(4) lead is raised.
    let finding_id = to_mask["id"].as_str().unwrap().to_string();
    app.time.set(beijing("2026-10-19 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads_of(&app, &finding_id).await, Vec::<String>::new());
    app.time.set(beijing("2026-10-20 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads_of(&app, &finding_id).await, ["inspection_finding 6.4"]);

    // The bureau's report for October (SR 9(5)).
    let bureau = app.login("baomiju.handler").await;
    let report =
        json(app.get("/api/v1/secrecy/inspection-report?from=2026-10-01&to=2026-10-31", &bureau).await, StatusCode::OK)
            .await;
    assert_eq!(report["runs"], 2);
    let line = &report["units"][0];
    assert_eq!(line["unit_name"], "永吉县口前镇人民政府");
    assert_eq!(
        [
            &line["findings"],
            &line["by_kind"],
            &line["taken_down"],
            &line["overdue"],
            &line["remedied_in_time"],
            &line["open"]
        ],
        [&json!(2), &json!({"mobile": 2}), &json!(1), &json!(1), &json!(0), &json!(0)]
    );
    // The unit sees its own findings.
    let u = kouqian(&app).await;
    let mine =
        json(app.get(&format!("/api/v1/units/{}/inspection-findings", u.id), &u.leader).await, StatusCode::OK).await;
    assert_eq!(mine["total"], 2);
}

#[tokio::test]
async fn a_heading_not_published_under_within_its_period_reminds_the_unit_then_raises_an_ac_6_1_lead() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let office = app.login("zhengfuban.handler").await;
    let short = json!({"name": "农村低保", "category": "social_policies", "update_every_days": 3});
    let refused = app.post("/api/v1/catalogue-headings", &office, short).await;
    assert_eq!(json(refused, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "update_every_days");
    let heading = json!({"name": "农村低保", "category": "social_policies", "update_every_days": 30});
    let heading = json(app.post("/api/v1/catalogue-headings", &office, heading).await, StatusCode::OK).await;
    assert_eq!(heading["update_every_days"], 30);
    let u = kouqian(&app).await;
    let mut d = draft("口前镇2026年10月农村低保资金发放情况", "十月低保资金已发放。");
    d["heading_id"] = heading["id"].clone();
    published_draft(&app, &u, d).await;
    // Published Monday 12 October: 30 days on is Wednesday 11 November.
    let fresh = format!("/api/v1/units/{}/catalogue-freshness", u.id);
    let seen = json(app.get(&fresh, &u.leader).await, StatusCode::OK).await;
    assert_eq!(
        seen,
        json!([{"heading_id": heading["id"], "heading_name": "农村低保", "update_every_days": 30,
                "last_published_on": "2026-10-12", "publish_again_by": "2026-11-11"}])
    );
    let heading_id = heading["id"].as_str().unwrap().to_string();
    let freshness_leads = || async {
        violation_lead::Entity::find()
            .filter(violation_lead::Column::Item.eq("6.1"))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|l| (l.subject_type, l.facts.contains("农村低保")))
            .collect::<Vec<_>>()
    };
    app.time.set(beijing("2026-11-11 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert!(freshness_leads().await.is_empty());
    app.time.set(beijing("2026-11-12 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(freshness_leads().await, [("catalogue_freshness".to_string(), true)]);
    // Publishing again starts a new period: Friday 13 November + 30 days is Sunday 13 December, so Monday the 14th.
    app.time.set(beijing("2026-11-13 09:00"));
    let u = kouqian(&app).await;
    let mut d = draft("口前镇2026年11月农村低保资金发放情况", "十一月低保资金已发放。");
    d["heading_id"] = json!(heading_id);
    d["formed_on"] = json!("2026-11-13");
    published_draft(&app, &u, d).await;
    let seen = json(app.get(&fresh, &u.leader).await, StatusCode::OK).await;
    assert_eq!(
        (seen[0]["last_published_on"].as_str(), seen[0]["publish_again_by"].as_str()),
        (Some("2026-11-13"), Some("2026-12-14"))
    );
}

#[tokio::test]
async fn feeds_and_open_data_list_the_published_version_and_drop_a_withdrawn_item() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let kept = published_draft(&app, &u, draft("口前镇2026年第三季度临时救助发放情况", "救助资金已发放。")).await;
    let gone = published_draft(&app, &u, draft("口前镇2026年秋季防火公告", "秋季防火期自10月15日起。")).await;
    // A change being drafted stays out of the feed until it is published.
    let path = format!("{}/{}", items(u.id), kept["id"].as_str().unwrap());
    let mut changed = draft("口前镇2026年第三季度临时救助发放情况（修订稿）", "救助资金已发放。");
    changed["summary"] = json!("修订中");
    json(put(&app, &path, &u.handler, json!({"revision": kept["revision"], "draft": changed})).await, StatusCode::OK)
        .await;
    json(act(&app, &u.leader, u.id, &gone, "withdraw", json!({"reason": "内容已过时。"})).await, StatusCode::OK).await;
    let get = |path: String| app.client.get(app.url(&path)).send();
    let atom = get(format!("/api/v1/public/catalogue/feed?unit_id={}", u.id)).await.unwrap();
    assert_eq!(atom.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let atom = atom.text().await.unwrap();
    assert!(atom.contains("<title>永吉县口前镇人民政府 · 政府信息公开目录</title>"), "{atom}");
    assert!(atom.contains("<title>口前镇2026年第三季度临时救助发放情况</title>"), "{atom}");
    assert!(atom.contains(&format!("<category term=\"{KOUQIAN_CODE}/2026-00001\"/>")), "{atom}");
    assert!(!atom.contains("修订稿") && !atom.contains("防火"), "{atom}");
    let rss =
        get(format!("/api/v1/public/catalogue/feed?unit_id={}&format=rss", u.id)).await.unwrap().text().await.unwrap();
    assert!(rss.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">"), "{rss}");
    assert!(
        rss.contains(&format!("<guid isPermaLink=\"false\">urn:uuid:{}</guid>", kept["id"].as_str().unwrap())),
        "{rss}"
    );
    // The catalogue's title search reads published titles only.
    for (words, total) in [("修订稿", 0), ("临时救助", 1)] {
        let url = format!("/api/v1/public/catalogue?q={words}");
        assert_eq!(json(get(url).await.unwrap(), StatusCode::OK).await["total"], total, "{words}");
    }
    let unknown = get(format!("/api/v1/public/catalogue/feed?unit_id={}", Uuid::now_v7())).await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    let records =
        json(get(format!("/api/v1/public/catalogue/export?unit_id={}&year=2026", u.id)).await.unwrap(), StatusCode::OK)
            .await;
    assert_eq!(
        records,
        json!([{"index_number": format!("{KOUQIAN_CODE}/2026-00001"), "title": "口前镇2026年第三季度临时救助发放情况",
                "summary": "第三季度农村低保资金发放情况", "category": "social_policies", "heading": null,
                "unit": "永吉县口前镇人民政府", "doc_number": null, "formed_on": "2026-10-12", "published_on": "2026-10-12",
                "valid_from": null, "valid_until": null, "repealed_on": null,
                "url": format!("http://127.0.0.1:8080/catalogue/{}", kept["id"].as_str().unwrap())}])
    );
}

#[tokio::test]
async fn the_guide_is_generated_from_the_units_data_and_follows_a_change_of_its_phone() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let public = || async {
        let url = app.url(&format!("/api/v1/public/units/{}/guide", u.id));
        json(app.client.get(url).send().await.unwrap(), StatusCode::OK).await
    };
    let empty = public().await;
    assert_eq!(empty["contacts"], Value::Null);
    assert_eq!(
        empty["sections"][1]["paragraphs"][1],
        "受理机构的地址、办公时间和联系电话尚未填写，请通过政府信息公开平台在线提交申请。"
    );
    let mut contacts = json!({"office_name": "口前镇党政综合办公室", "address": "永吉县口前镇建设街1号", "postal_code": "132200",
                              "office_hours": "工作日 8:30—11:30，13:30—17:00", "phone": "0432-64201234"});
    let path = format!("/api/v1/units/{}/guide", u.id);
    let office = app.login("zhengfuban.handler").await;
    assert_eq!(put(&app, &path, &office, contacts.clone()).await.status(), StatusCode::FORBIDDEN);
    let mut bad = contacts.clone();
    bad["postal_code"] = json!("13220A");
    assert_eq!(
        json(put(&app, &path, &u.leader, bad).await, StatusCode::BAD_REQUEST).await["fields"][0]["field"],
        "postal_code"
    );
    let saved = json(put(&app, &path, &u.leader, contacts.clone()).await, StatusCode::OK).await;
    assert_eq!(
        saved["sections"][1]["paragraphs"],
        json!([
            "申请方式：通过政府信息公开平台在线提交（http://127.0.0.1:8080/apply），或者以信函、传真、当面递交等书面形式提出。",
            "受理机构：口前镇党政综合办公室；地址：永吉县口前镇建设街1号；邮政编码：132200。",
            "办公时间：工作日 8:30—11:30，13:30—17:00；联系电话：0432-64201234。",
            "答复期限：能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（条例第三十三条）。",
            "收费：依申请提供政府信息不收取费用；申请公开政府信息的数量、频次明显超过合理范围的，可以依照《政府信息公开信息处理费管理办法》收取信息处理费（条例第四十二条）。"
        ])
    );
    assert_eq!(saved["updated_at"], "2026-10-12T01:00:00Z");
    // A week later the office's phone changes: the guide says so, and when.
    app.time.set(beijing("2026-10-19 10:30"));
    let u = kouqian(&app).await;
    contacts["phone"] = json!("0432-64209999");
    json(put(&app, &path, &u.handler, contacts).await, StatusCode::OK).await;
    let after = public().await;
    assert_eq!(
        after["sections"][1]["paragraphs"][2],
        "办公时间：工作日 8:30—11:30，13:30—17:00；联系电话：0432-64209999。"
    );
    assert_eq!(after["updated_at"], "2026-10-19T02:30:00Z");
    // What it publishes is listed by heading, or by its Art. 20 category where it has none.
    assert_eq!(after["sections"][0]["paragraphs"][1], "公开目录栏目：尚未在公开目录中发布信息。");
    published_draft(&app, &u, draft("口前镇2026年第三季度临时救助发放情况", "救助资金已发放。")).await;
    assert_eq!(public().await["sections"][0]["paragraphs"][1], "公开目录栏目：扶贫、教育、医疗、社会保障、促进就业。");
}

#[tokio::test]
async fn the_portal_item_page_is_rendered_on_the_server_with_its_metadata_block() {
    let dir = std::env::temp_dir().join(format!("gongkai-ui-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(dir.join("console")).unwrap();
    let index = "<!doctype html>\n<html lang=\"zh-CN\">\n  <head>\n    <title>永吉县政务公开 · Gongkai</title>\n  </head>\n  <body>\n    <div id=\"app\"></div>\n  </body>\n</html>\n";
    std::fs::write(dir.join("index.html"), index).unwrap();
    std::fs::write(dir.join("console/index.html"), "<html>console</html>").unwrap();
    let app =
        spawn_app_with(AppOptions { env: vec![("FRONTEND_DIR", dir.display().to_string())], ..Default::default() })
            .await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let mut d = draft("口前镇2026年第三季度临时救助发放情况", "救助资金已发放。\n共救助12户。");
    d["doc_number"] = json!("口政发〔2026〕5号");
    let item = published_draft(&app, &u, d).await;
    let page = app.client.get(app.url(&format!("/catalogue/{}", item["id"].as_str().unwrap()))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<title>口前镇2026年第三季度临时救助发放情况 · 永吉县口前镇人民政府 · 永吉县政务公开</title>"),
        "{page}"
    );
    assert!(page.contains("<meta name=\"description\" content=\"第三季度农村低保资金发放情况\" />"), "{page}");
    for row in [
        format!("<tr><th scope=\"row\">索引号</th><td>{KOUQIAN_CODE}/2026-00001</td></tr>"),
        "<tr><th scope=\"row\">分类</th><td>扶贫、教育、医疗、社会保障、促进就业</td></tr>".into(),
        "<tr><th scope=\"row\">发布机构</th><td>永吉县口前镇人民政府</td></tr>".into(),
        "<tr><th scope=\"row\">成文日期</th><td>2026-10-12</td></tr>".into(),
        "<tr><th scope=\"row\">发布日期</th><td>2026-10-12</td></tr>".into(),
        "<tr><th scope=\"row\">文号</th><td>口政发〔2026〕5号</td></tr>".into(),
        "<tr><th scope=\"row\">有效性</th><td>有效</td></tr>".into(),
    ] {
        assert!(page.contains(&row), "{row} in {page}");
    }
    assert!(page.contains("<p>救助资金已发放。</p>\n<p>共救助12户。</p>"), "{page}");
    assert!(page.contains("<div id=\"app\"><main class=\"prerendered\" lang=\"zh-CN\">"), "{page}");
    // A draft or an unknown item is not rendered.
    let draft_only = create(&app, &u, "未发布的草稿", "草稿正文。").await;
    for id in [draft_only["id"].as_str().unwrap().to_string(), Uuid::now_v7().to_string(), "not-an-id".into()] {
        let resp = app.client.get(app.url(&format!("/catalogue/{id}"))).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{id}");
        assert!(!resp.text().await.unwrap().contains("草稿正文"));
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_catalogue_is_searched_in_chinese_across_the_county_and_per_unit_and_a_withdrawal_leaves_it_at_once() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let u = kouqian(&app).await;
    let xiyang = Unit {
        id: app.unit_id("xiyang").await,
        handler: app.login("xiyang.handler").await,
        leader: app.login("xiyang.leader").await,
    };
    let plain = |title: &str, body: &str| {
        let mut d = draft(title, body);
        d["summary"] = json!("");
        d
    };
    published_draft(&app, &u, plain("口前镇2026年第三季度农村低保资金发放情况", "低保资金已按时发放到户。")).await;
    let fire =
        published_draft(&app, &u, plain("口前镇2026年秋季防火公告", "秋季防火期自10月15日起，禁止野外用火。")).await;
    published_draft(&app, &xiyang, plain("西阳镇2026年第三季度临时救助发放情况", "共救助困难群众12户。")).await;
    let find = |q: &str| {
        let url = app.url(&format!("/api/v1/public/search?{q}"));
        let app = &app;
        async move { json(app.client.get(url).send().await.unwrap(), StatusCode::OK).await }
    };
    let titles = |page: &Value| -> Vec<String> {
        page["items"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_string()).collect()
    };
    // Two characters find the title that holds them, with where they are.
    let hits = find("q=低保").await;
    assert_eq!(titles(&hits), ["口前镇2026年第三季度农村低保资金发放情况"]);
    assert_eq!(hits["items"][0]["title_marks"], json!([[14, 16]]));
    assert_eq!(hits["items"][0]["index_number"], format!("{KOUQIAN_CODE}/2026-00001"));
    assert_eq!(titles(&find("q=临时救助").await), ["西阳镇2026年第三季度临时救助发放情况"]);
    assert_eq!(titles(&find("q=野外用火").await), ["口前镇2026年秋季防火公告"]);
    // Across the county, or one unit's.
    assert_eq!(find("q=第三季度").await["total"], 2);
    assert_eq!(
        titles(&find(&format!("q=第三季度&unit_id={}", xiyang.id)).await),
        ["西阳镇2026年第三季度临时救助发放情况"]
    );
    assert_eq!(find("q=第三季度&year=2025").await["total"], 0);
    let short = app.client.get(app.url("/api/v1/public/search?q=火")).send().await.unwrap();
    assert_eq!(json(short, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "q");
    // Withdrawn: gone from the results in the same request cycle.
    json(act(&app, &u.leader, u.id, &fire, "withdraw", json!({"reason": "已过防火期。"})).await, StatusCode::OK).await;
    assert_eq!(find("q=防火").await["total"], 0);
    // The index is built again from the published versions alone.
    entity::catalogue_search::Entity::delete_many().exec(&app.state.db).await.unwrap();
    assert_eq!(find("q=第三季度").await["total"], 0);
    assert_eq!(gongkai_api::disclosure::search::reindex_all(&app.state.db).await.unwrap(), 2);
    assert_eq!(find("q=第三季度").await["total"], 2);
    assert_eq!(find("q=防火").await["total"], 0);
}

#[tokio::test]
async fn a_guide_not_confirmed_within_the_offices_period_reminds_the_unit_then_raises_an_ac_6_1_lead() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let office = app.login("zhengfuban.handler").await;
    let u = kouqian(&app).await;
    let settings = json(app.get("/api/v1/disclosure/settings", &u.leader).await, StatusCode::OK).await;
    assert_eq!((settings["guide_review_days"].as_i64(), settings["set_by_office"].as_bool()), (Some(365), Some(false)));
    assert_eq!(
        put(&app, "/api/v1/disclosure/settings", &u.leader, json!({"guide_review_days": 30})).await.status(),
        StatusCode::FORBIDDEN
    );
    let short = put(&app, "/api/v1/disclosure/settings", &office, json!({"guide_review_days": 7})).await;
    assert_eq!(json(short, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "guide_review_days");
    let set =
        json(put(&app, "/api/v1/disclosure/settings", &office, json!({"guide_review_days": 30})).await, StatusCode::OK)
            .await;
    assert_eq!((set["guide_review_days"].as_i64(), set["set_by_office"].as_bool()), (Some(30), Some(true)));
    let contacts = json!({"office_name": "口前镇党政综合办公室", "address": "永吉县口前镇建设街1号", "postal_code": "132200",
                          "office_hours": "工作日 8:30—11:30，13:30—17:00", "phone": "0432-64201234"});
    let path = format!("/api/v1/units/{}/guide", u.id);
    let saved = json(put(&app, &path, &u.leader, contacts.clone()).await, StatusCode::OK).await;
    // Saved Monday 12 October: 30 days on is Wednesday 11 November.
    assert_eq!(saved["review_by"], "2026-11-11");
    assert_eq!(
        saved["sections"][2]["paragraphs"][0],
        "认为本机关在政府信息公开工作中侵犯其合法权益的，可以向永吉县人民政府办公室（永吉县政务公开主管部门）投诉、举报（http://127.0.0.1:8080/complaints），\
         也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）；对不予公开等答复不服的，应当先依法申请行政复议。"
    );
    let guide_leads = || async {
        violation_lead::Entity::find()
            .filter(violation_lead::Column::Item.eq("6.1"))
            .filter(violation_lead::Column::SubjectType.eq("unit_guide"))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|l| (l.subject_id, l.unit_id))
            .collect::<Vec<_>>()
    };
    app.time.set(beijing("2026-11-11 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert!(guide_leads().await.is_empty());
    app.time.set(beijing("2026-11-12 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(guide_leads().await, [(u.id.to_string(), u.id)]);
    // Confirming it again starts a new period: Friday 13 November + 30 days is Sunday 13 December, so Monday the 14th.
    app.time.set(beijing("2026-11-13 09:00"));
    let u = kouqian(&app).await;
    let again = json(put(&app, &path, &u.handler, contacts).await, StatusCode::OK).await;
    assert_eq!(again["review_by"], "2026-12-14");
}

#[tokio::test]
async fn the_portal_lists_the_headings_something_is_published_under_and_filters_the_catalogue_by_one() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let office = app.login("zhengfuban.handler").await;
    let heading = json!({"name": "农村低保", "category": "social_policies"});
    let heading = json(app.post("/api/v1/catalogue-headings", &office, heading).await, StatusCode::OK).await;
    let empty = json!({"name": "征地补偿", "category": "social_policies"});
    json(app.post("/api/v1/catalogue-headings", &office, empty).await, StatusCode::OK).await;
    let u = kouqian(&app).await;
    let mut d = draft("口前镇2026年10月农村低保资金发放情况", "十月低保资金已发放。");
    d["heading_id"] = heading["id"].clone();
    let item = published_draft(&app, &u, d).await;
    published_draft(&app, &u, draft("口前镇2026年第三季度临时救助发放情况", "救助资金已发放。")).await;
    let app = &app;
    let public = |path: String| async move {
        let response = app.client.get(app.url(&path)).send().await.unwrap();
        json(response, StatusCode::OK).await
    };
    let listed = public("/api/v1/public/catalogue/headings".into()).await;
    assert_eq!(
        listed,
        json!([{"id": heading["id"], "name": "农村低保", "name_en": "", "category": "social_policies", "published": 1}])
    );
    let elsewhere = app.unit_id("xiyang").await;
    assert_eq!(public(format!("/api/v1/public/catalogue/headings?unit_id={elsewhere}")).await, json!([]));
    let under = public(format!("/api/v1/public/catalogue?heading_id={}", heading["id"].as_str().unwrap())).await;
    assert_eq!((under["total"].as_u64(), &under["items"][0]["item_id"]), (Some(1), &item["id"]));
}

/// A word that matches more than a thousand items is counted to a thousand and said to be more.
#[tokio::test]
async fn a_frequent_word_is_counted_to_the_cap_and_paged_no_further() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    let unit = app.unit("kouqian").await;
    let backend = app.state.db.get_database_backend();
    let pg = app.is_postgres();
    for n in 0..1001u32 {
        let id = Uuid::now_v7();
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(u64::from(n));
        let insert = if pg {
            "INSERT INTO catalogue_search (item_id, county_id, unit_id, heading_id, category, published_on, valid_until, \
             repealed_on, tokens) VALUES ($1, $2, $3, NULL, 'other_statutory', $4, NULL, NULL, '补贴 发放')"
        } else {
            "INSERT INTO catalogue_search (item_id, county_id, unit_id, heading_id, category, published_on, valid_until, \
             repealed_on, tokens) VALUES (?, ?, ?, NULL, 'other_statutory', ?, NULL, NULL, '补贴 发放')"
        };
        let values: Vec<sea_orm::Value> = vec![id.into(), unit.county_id.into(), unit.id.into(), day.into()];
        app.state.db.execute_raw(Statement::from_sql_and_values(backend, insert, values)).await.unwrap();
        if !pg {
            let fts = "INSERT INTO catalogue_fts (item_id, tokens) VALUES (?, '补贴 发放')";
            app.state.db.execute_raw(Statement::from_sql_and_values(backend, fts, vec![id.into()])).await.unwrap();
        }
    }
    let find = |q: &str| {
        let url = app.url(&format!("/api/v1/public/search?{q}"));
        let app = &app;
        async move { json(app.client.get(url).send().await.unwrap(), StatusCode::OK).await }
    };
    let first = find("q=补贴").await;
    assert_eq!((first["total"].as_u64(), first["total_capped"].as_bool()), (Some(1000), Some(true)));
    let narrowed = find("q=补贴&year=2020").await;
    assert_eq!((narrowed["total"].as_u64(), narrowed["total_capped"].as_bool()), (Some(366), Some(false)));
}

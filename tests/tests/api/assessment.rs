//! The annual assessment (AS 4–10): schemes, the figures measured from the records, daily checks,
//! self-checks on their deadline, the group's scores, grades, publication and export.
//!
//! Points are in hundredths (1200 = 12.00 points) and percentages in hundredths of a percent, as
//! the API gives them; every expected value is worked out by hand in the comments.

use entity::enums::{ClockState, LeadStatus};
use entity::{complaint, email_outbox, leak_incident, violation_lead};
use gongkai_api::clocks::{self, Ending, reminders};
use gongkai_api::time::TimeSource;
use gongkai_tests::{TestApp, beijing, json, spawn_app};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

const SCHEMES: &str = "/api/v1/assessment/schemes";

async fn app_on_monday_12_october() -> TestApp {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    app
}

/// The office writes and starts the county's 2026 scheme for `audience`, self-checks due `due`.
async fn started_scheme(app: &TestApp, audience: &str, due: &str, extra: Value) -> Value {
    let office = app.login("zhengfuban.handler").await;
    let mut setup =
        json!({"year": 2026, "audience": audience, "title": "2026年度政务公开考核方案", "self_check_due": due});
    if let (Some(s), Some(e)) = (setup.as_object_mut(), extra.as_object()) {
        s.extend(e.clone());
    }
    let made = json(app.post(SCHEMES, &office, setup).await, StatusCode::CREATED).await;
    let id = made["id"].as_str().unwrap().to_string();
    json(app.post(&format!("{SCHEMES}/{id}/start"), &office, json!({})).await, StatusCode::OK).await
}

fn indicator<'a>(card: &'a Value, code: &str) -> &'a Value {
    card["indicators"].as_array().unwrap().iter().find(|i| i["code"] == code).unwrap_or_else(|| panic!("no {code}"))
}

async fn reply_clock_ended(app: &TestApp, slug: &str, label: &str, start: &str, ended: Option<&str>) {
    let start = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
    let (subject, _) = app.start_reply_clock(slug, label, start, 20, None).await;
    if let Some(at) = ended {
        let tx = gongkai_api::db::write_tx(&app.state.db).await.unwrap();
        clocks::end(&tx, &subject, &gongkai_api::applications::REPLY, Ending::Complete, beijing(at)).await.unwrap();
        tx.commit().await.unwrap();
    }
}

async fn complaint_about(app: &TestApp, slug: &str, code: &str, received_on: &str, finding: Option<&str>) {
    let unit = app.unit(slug).await;
    let office = app.unit("zhengfuban").await;
    complaint::ActiveModel {
        id: Set(Uuid::now_v7()),
        county_id: Set(unit.county_id),
        unit_id: Set(unit.id),
        office_unit_id: Set(office.id),
        code: Set(code.into()),
        complainant: Set("李某".into()),
        contact: Set("13912345678".into()),
        email: Set(None),
        subject: Set("申请逾期未答复".into()),
        details: Set("本人申请公开的信息至今未收到答复。".into()),
        received_on: Set(received_on.parse().unwrap()),
        status: Set(if finding.is_some() { "answered" } else { "open" }.into()),
        finding: Set(finding.map(String::from)),
        answer: Set(finding.map(|_| "经查属实，已责令整改。".to_string())),
        answered_by: Set(None),
        answered_at: Set(None),
        created_at: Set(beijing("2026-10-12 09:00")),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_automatic_indicators_equal_the_records_counted_by_hand() {
    let app = app_on_monday_12_october().await;
    started_scheme(&app, "administrative", "2026-11-30", json!({})).await;
    let xiyang = app.unit("xiyang").await;

    // Reply periods of 20 working days. Met: started 1 June, replied 10 June. Late: started 1 July,
    // still open on 12 October. Missed: started 3 August, replied 12 October. Not counted: started
    // 9 October (due in November), and one due in 2025.
    reply_clock_ended(&app, "xiyang", "依申请 2026-A · 按时", "2026-06-01", Some("2026-06-10 10:00")).await;
    reply_clock_ended(&app, "xiyang", "依申请 2026-B · 逾期未答复", "2026-07-01", None).await;
    reply_clock_ended(&app, "xiyang", "依申请 2026-C · 逾期答复", "2026-08-03", Some("2026-10-12 08:00")).await;
    reply_clock_ended(&app, "xiyang", "依申请 2026-D · 办理中", "2026-10-09", None).await;
    reply_clock_ended(&app, "xiyang", "依申请 2025-E · 上年", "2025-11-03", Some("2025-11-10 10:00")).await;
    // Complaints: one upheld in 2026 counts; one not upheld, one upheld in 2025 and one about
    // another unit do not.
    complaint_about(&app, "xiyang", "TS-2026-0001", "2026-05-06", Some("upheld")).await;
    complaint_about(&app, "xiyang", "TS-2026-0002", "2026-06-08", Some("unfounded")).await;
    complaint_about(&app, "xiyang", "TS-2025-0009", "2025-12-01", Some("upheld")).await;
    complaint_about(&app, "kouqian", "TS-2026-0003", "2026-05-06", Some("upheld")).await;
    // A leak found on 2 March 2026.
    leak_incident::ActiveModel {
        id: Set(Uuid::now_v7()),
        county_id: Set(xiyang.county_id),
        unit_id: Set(xiyang.id),
        item_id: Set(None),
        what: Set("公开的低保名单含身份证号码".into()),
        where_found: Set("镇政府网站".into()),
        found_on: Set("2026-03-02".parse().unwrap()),
        remedy: Set("已撤下并遮盖后重新发布".into()),
        told: Set("已告知县保密局".into()),
        lead_id: Set(None),
        reported_by: Set(app.user_id("xiyang.handler").await),
        created_at: Set(beijing("2026-03-02 10:00")),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    // A daily check takes 1.50 points off the catalogue indicator.
    let office = app.login("zhengfuban.handler").await;
    let finding = json!({"year": 2026, "indicator_code": "work.catalogue", "description": "“财政预决算”栏目2026年未更新。",
                         "evidence_url": "https://www.yongji.gov.cn/xxgk/xiyang/czyjs/", "deduction": 150});
    let recorded = app.post(&format!("/api/v1/units/{}/assessment/findings", xiyang.id), &office, finding).await;
    assert_eq!(json(recorded, StatusCode::CREATED).await["deduction"], 150);

    let own = app.login("xiyang.handler").await;
    let card =
        json(app.get(&format!("/api/v1/units/{}/assessment?year=2026", xiyang.id), &own).await, StatusCode::OK).await;
    // 3 reply periods counted, 1 met: 12.00 × 1/3 = 4.00.
    let replies = indicator(&card, "work.applications");
    assert_eq!(replies["automatic"]["figure"]["hits"], 1);
    assert_eq!(replies["automatic"]["figure"]["counted"], 3);
    assert_eq!(replies["score"], 400);
    assert_eq!(replies["automatic"]["explanation_zh"], "本年度到期的依申请公开答复期限3个，按时1个，逾期2个。");
    let labels: Vec<(&str, bool)> = replies["automatic"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["label"].as_str().unwrap(), r["against"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        labels,
        [("依申请 2026-B · 逾期未答复", true), ("依申请 2026-C · 逾期答复", true), ("依申请 2026-A · 按时", false)]
    );
    assert!(replies["automatic"]["records"][0]["link"].as_str().unwrap().starts_with("/console/applications/"));
    // One upheld complaint: 5.00 − 1.00 = 4.00.
    let complaints = indicator(&card, "sup.complaints");
    assert_eq!(
        (complaints["automatic"]["figure"]["count"].as_u64(), complaints["score"].as_u64()),
        (Some(1), Some(400))
    );
    assert_eq!(complaints["automatic"]["records"][0]["label"], "TS-2026-0001 申请逾期未答复");
    // One leak: 5.00 − 1.00 = 4.00.
    assert_eq!(indicator(&card, "work.inspection")["score"], 400);
    // No catalogue period missed, less the finding: 8.00 − 1.50 = 6.50.
    let catalogue = indicator(&card, "work.catalogue");
    assert_eq!((catalogue["findings_deduction"].as_u64(), catalogue["score"].as_u64()), (Some(150), Some(650)));
    // Nothing due: full points, and said so.
    let proactive = indicator(&card, "work.proactive");
    assert_eq!(proactive["score"], 1000);
    assert_eq!(proactive["automatic"]["explanation_zh"], "本年度没有到期的主动公开期限，按满分计。");
    // No evaluation this year, no annual-report or clarification module yet: not scored, not zero.
    let evaluation = indicator(&card, "work.evaluation");
    assert_eq!((evaluation["score"].clone(), evaluation["state"].as_str()), (Value::Null, Some("not_scored")));
    assert_eq!(evaluation["automatic"]["explanation_zh"], "本年度未开展社会评议，本项不能自动计分。");
    assert_eq!(indicator(&card, "work.clarification")["score"], Value::Null);
    assert_eq!(indicator(&card, "work.annual_report")["state"], "not_scored");
    // Manual indicators wait for the group.
    assert_eq!(indicator(&card, "org.leadership")["state"], "awaiting_group");
    // Scored so far: 6.50 + 10.00 + 4.00 + 5.00 + 4.00 (work) + 4.00 + 5.00 + 5.00 + 5.00
    // (supervision) = 48.50 of 60.00 points; 48.50 / 60.00 = 80.83 % → 良好.
    assert_eq!(
        (card["total"].as_u64(), card["maximum"].as_u64(), card["percent"].as_u64()),
        (Some(4850), Some(6000), Some(8083))
    );
    assert_eq!(card["live_grade"], "good");
    let work = card["groups"].as_array().unwrap().iter().find(|g| g["group"] == "work").unwrap();
    assert_eq!(
        (work["points"].as_u64(), work["scored"].as_u64(), work["maximum"].as_u64()),
        (Some(5500), Some(2950), Some(4000))
    );
}

#[tokio::test]
async fn a_scheme_is_versioned_while_a_draft_and_frozen_once_the_assessment_starts() {
    let app = app_on_monday_12_october().await;
    let office = app.login("zhengfuban.handler").await;
    let setup = json!({"year": 2026, "audience": "by_reference", "title": "2026年度公共企事业单位政务公开考核方案",
                       "self_check_due": "2026-11-30"});
    let made = json(app.post(SCHEMES, &office, setup.clone()).await, StatusCode::CREATED).await;
    assert_eq!((made["version"].as_i64(), made["indicators"].as_array().map(Vec::len)), (Some(1), Some(17)));
    let again = json(app.post(SCHEMES, &office, setup).await, StatusCode::CONFLICT).await;
    assert_eq!(again["code"], "assessment_scheme_taken");
    let id = made["id"].as_str().unwrap();
    let one =
        json!([{"code": "all", "group": "work", "name": "政务公开工作", "points": 10000, "rule": {"kind": "manual"}}]);
    let bands = json!([{"grade": "pass", "min_percent": 6000}, {"grade": "fail", "min_percent": 0}]);
    let change = |version: i64, points: u32| {
        let mut indicators = one.clone();
        indicators[0]["points"] = json!(points);
        json!({"title": "2026年度考核方案（修订）", "self_check_due": "2026-11-30", "indicators": indicators,
               "grades": bands, "version": version})
    };
    // Not 100 points: refused, naming the field.
    let short =
        json(app.put(&format!("{SCHEMES}/{id}"), &office, change(1, 9000)).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        (short["fields"][0]["field"].as_str(), short["fields"][0]["code"].as_str()),
        (Some("indicators"), Some("points_total"))
    );
    let changed = json(app.put(&format!("{SCHEMES}/{id}"), &office, change(1, 10000)).await, StatusCode::OK).await;
    assert_eq!((changed["version"].as_i64(), changed["title"].as_str()), (Some(2), Some("2026年度考核方案（修订）")));
    let kept = entity::assessment_scheme_version::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(kept.iter().map(|v| v.version).collect::<Vec<_>>(), [1]);
    assert!(kept[0].indicators.contains("org.leadership"));
    let stale = json(app.put(&format!("{SCHEMES}/{id}"), &office, change(1, 10000)).await, StatusCode::CONFLICT).await;
    assert_eq!(stale["code"], "stale_revision");

    json(app.post(&format!("{SCHEMES}/{id}/start"), &office, json!({})).await, StatusCode::OK).await;
    let frozen = json(app.put(&format!("{SCHEMES}/{id}"), &office, change(2, 10000)).await, StatusCode::CONFLICT).await;
    assert_eq!(frozen["code"], "assessment_scheme_frozen");
    let restart = app.post(&format!("{SCHEMES}/{id}/start"), &office, json!({})).await;
    assert_eq!(json(restart, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "assessment_wrong_stage");
    // Only the office writes schemes; a unit does not even see them.
    let unit = app.login("kouqian.leader").await;
    assert_eq!(app.post(SCHEMES, &unit, json!({})).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("{SCHEMES}/{id}"), &unit).await.status(), StatusCode::NOT_FOUND);
}

async fn leads_for(app: &TestApp, slug: &str) -> Vec<violation_lead::Model> {
    violation_lead::Entity::find()
        .filter(violation_lead::Column::UnitId.eq(app.unit_id(slug).await))
        .filter(violation_lead::Column::SubjectType.eq("assessment_self_check"))
        .all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_self_check_not_submitted_by_its_deadline_raises_a_lead() {
    let app = app_on_monday_12_october().await;
    started_scheme(&app, "administrative", "2026-10-16", json!({})).await;
    let kouqian = app.unit_id("kouqian").await;
    let handler = app.login("kouqian.handler").await;
    let base = format!("/api/v1/units/{kouqian}/assessment");
    // Too short a report is not a report.
    let draft = json!({"year": 2026, "report": "已自查。", "self_scores": []});
    json(app.put(&format!("{base}/self-check"), &handler, draft).await, StatusCode::OK).await;
    let early = json(
        app.post(&format!("{base}/self-check/submit"), &handler, json!({"year": 2026})).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(early["fields"][0]["field"], "report");
    let report = json!({"year": 2026, "report": "本镇2026年度政务公开自查报告：建立健全了政务公开工作制度，依申请公开均在法定期限内答复。",
                        "self_scores": [{"indicator_code": "org.leadership", "score": 500, "note": "成立了领导小组"}]});
    json(app.put(&format!("{base}/self-check"), &handler, report).await, StatusCode::OK).await;
    let over = json!({"year": 2026, "report": "超过分值的自评", "self_scores": [{"indicator_code": "org.rules", "score": 600}]});
    let over = json(app.put(&format!("{base}/self-check"), &handler, over).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        (over["fields"][0]["field"].as_str(), over["fields"][0]["code"].as_str()),
        (Some("self_scores[0].score"), Some("over_points"))
    );
    let upload = app
        .client
        .post(app.url(&format!("{base}/self-check/evidence?year=2026&file_name=自查报告.pdf")))
        .bearer_auth(&handler.token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap();
    let file = json(upload, StatusCode::CREATED).await;
    assert_eq!(
        (file["file_name"].as_str(), file["content_type"].as_str()),
        (Some("自查报告.pdf"), Some("application/pdf"))
    );
    app.time.set(beijing("2026-10-15 16:00"));
    let handler = app.login("kouqian.handler").await;
    let done =
        json(app.post(&format!("{base}/self-check/submit"), &handler, json!({"year": 2026})).await, StatusCode::OK)
            .await;
    assert_eq!(
        (done["self_check"]["status"].as_str(), done["self_check"]["late"].as_bool()),
        (Some("submitted"), Some(false))
    );
    assert_eq!(done["evidence"][0]["file_name"], "自查报告.pdf");
    let after = json!({"year": 2026, "report": "提交后再修改的自查报告内容。", "self_scores": []});
    let after = json(app.put(&format!("{base}/self-check"), &handler, after).await, StatusCode::CONFLICT).await;
    assert_eq!(after["code"], "self_check_submitted");

    // The deadline passes on Friday 16 October: no lead that day; on Monday 19th one for 西阳镇,
    // which submitted nothing, and none for 口前镇.
    app.time.set(beijing("2026-10-16 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert!(leads_for(&app, "xiyang").await.is_empty());
    app.time.set(beijing("2026-10-19 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    let leads = leads_for(&app, "xiyang").await;
    assert_eq!(leads.len(), 1, "{leads:?}");
    assert_eq!((leads[0].item.as_str(), leads[0].status), ("6.10", LeadStatus::Open));
    assert!(leads[0].facts.contains("2026年度政务公开考核自查 · 永吉县西阳镇人民政府"), "{}", leads[0].facts);
    assert!(leads_for(&app, "kouqian").await.is_empty());
    let met = entity::statutory_clock::Entity::find()
        .filter(entity::statutory_clock::Column::Kind.eq("assessment.self_check"))
        .filter(entity::statutory_clock::Column::UnitId.eq(kouqian))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((met.state, met.due_date.to_string()), (ClockState::Met, "2026-10-16".to_string()));
    // Submitted late, it is still taken and marked so.
    let xiyang = app.unit_id("xiyang").await;
    let late_handler = app.login("xiyang.handler").await;
    let report = json!({"year": 2026, "report": "西阳镇2026年度政务公开自查报告：按要求开展了政务公开各项工作。", "self_scores": []});
    json(
        app.put(&format!("/api/v1/units/{xiyang}/assessment/self-check"), &late_handler, report).await,
        StatusCode::OK,
    )
    .await;
    let late = app
        .post(&format!("/api/v1/units/{xiyang}/assessment/self-check/submit"), &late_handler, json!({"year": 2026}))
        .await;
    assert_eq!(json(late, StatusCode::OK).await["self_check"]["late"], true);
}

const MANUAL: [(&str, u32); 7] = [
    ("org.leadership", 450),
    ("org.rules", 400),
    ("org.resources", 500),
    ("carriers.website", 500),
    ("carriers.reading_places", 300),
    ("work.annual_report", 500),
    ("work.clarification", 400),
];

#[tokio::test]
async fn the_group_scores_and_proposes_and_the_office_confirms_a_grade() {
    let app = app_on_monday_12_october().await;
    let scheme = started_scheme(&app, "administrative", "2026-11-30", json!({})).await;
    let kouqian = app.unit_id("kouqian").await;
    let base = format!("/api/v1/units/{kouqian}/assessment");
    let group = app.login("gongkai_kaohe.handler").await;
    // Proposing before the manual indicators are scored names the first one waiting.
    let early = json(
        app.post(&format!("{base}/proposal"), &group, json!({"year": 2026})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        (early["code"].as_str(), early["fields"][0]["field"].as_str()),
        (Some("assessment_unscored"), Some("org.leadership"))
    );
    // What the platform measures is not the group's to score.
    let measured = json!({"year": 2026, "indicator_code": "work.applications", "score": 100, "method": "online_check", "note": "抽查"});
    let measured = json(app.put(&format!("{base}/scores"), &group, measured).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(measured["fields"][0]["code"], "measured_automatically");
    let over = json!({"year": 2026, "indicator_code": "org.rules", "score": 501, "method": "document_review", "note": "查阅制度"});
    assert_eq!(
        json(app.put(&format!("{base}/scores"), &group, over).await, StatusCode::BAD_REQUEST).await["fields"][0]["code"],
        "over_points"
    );
    for (code, score) in MANUAL {
        let body = json!({"year": 2026, "indicator_code": code, "score": score, "method": "site_visit", "note": "实地察看政务公开专栏和查阅点"});
        json(app.put(&format!("{base}/scores"), &group, body).await, StatusCode::OK).await;
    }
    // A daily check takes 3.00 points off 制度建设: 4.00 − 3.00 = 1.00.
    let office = app.login("zhengfuban.handler").await;
    let finding = json!({"year": 2026, "indicator_code": "org.rules", "description": "政务公开工作制度未在网站公开。", "deduction": 300,
                         "notice": {"respond_by": "2026-10-30"}});
    let finding = json(app.post(&format!("{base}/findings"), &office, finding).await, StatusCode::CREATED).await;
    assert!(finding["notice_id"].is_string());
    let notices =
        json(app.get(&format!("/api/v1/units/{kouqian}/supervision-notices"), &office).await, StatusCode::OK).await;
    assert_eq!(notices["items"][0]["message"], "【2026年度考核·制度建设】政务公开工作制度未在网站公开。");

    // Before the proposal the unit sees only what the platform measured: nothing against it, so
    // the 60.00 measurable points in full (12 + 10 + 8 + 5 + 5 + 4 × 5).
    let own = app.login("kouqian.handler").await;
    let mine = json(app.get(&format!("{base}?year=2026"), &own).await, StatusCode::OK).await;
    assert_eq!((mine["total"].as_u64(), mine["maximum"].as_u64()), (Some(6000), Some(6000)));
    assert_eq!(indicator(&mine, "org.leadership")["group_score"], Value::Null);

    // 60.00 measured + the group's 4.50 + 1.00 + 5.00 + 5.00 + 3.00 + 5.00 + 4.00 = 87.50 points of
    // 95.00 (the evaluation's 5 not measurable); 87.50 / 95.00 = 92.105 % → 92.11 %, 优秀.
    let proposed = app.post(&format!("{base}/proposal"), &group, json!({"year": 2026, "note": "工作扎实"})).await;
    let proposed = json(proposed, StatusCode::OK).await;
    let result = &proposed["result"];
    assert_eq!(
        (result["total"].as_u64(), result["maximum"].as_u64(), result["percent"].as_u64()),
        (Some(8750), Some(9500), Some(9211))
    );
    assert_eq!(result["proposed_grade"], "excellent");
    // The office confirms another grade only with its reason.
    let bare = json(
        app.post(&format!("{base}/confirmation"), &office, json!({"year": 2026, "grade": "good"})).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(bare["fields"][0]["code"], "note_required_for_change");
    let confirm = json!({"year": 2026, "grade": "good", "note": "制度未公开，经考核领导小组研究降为良好。"});
    let confirmed = json(app.post(&format!("{base}/confirmation"), &office, confirm).await, StatusCode::OK).await;
    assert_eq!(
        (confirmed["result"]["confirmed_grade"].as_str(), confirmed["result"]["proposed_grade"].as_str()),
        (Some("good"), Some("excellent"))
    );
    let rescore =
        json!({"year": 2026, "indicator_code": "org.rules", "score": 500, "method": "document_review", "note": "复核"});
    assert_eq!(
        json(app.put(&format!("{base}/scores"), &group, rescore).await, StatusCode::CONFLICT).await["code"],
        "assessment_confirmed"
    );
    // Not every unit is confirmed: nothing is published; the unit still does not see its grade.
    let id = scheme["id"].as_str().unwrap();
    let publish =
        json(app.post(&format!("{SCHEMES}/{id}/publish"), &office, json!({})).await, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    assert_eq!(publish["code"], "assessment_unconfirmed");
    let mine = json(app.get(&format!("{base}?year=2026"), &own).await, StatusCode::OK).await;
    assert_eq!(mine["result"], Value::Null);

    // The sheet and the ranking show it; the export is a workbook.
    let sheet = json(app.get(&format!("{SCHEMES}/{id}/sheet"), &group).await, StatusCode::OK).await;
    let row = sheet["rows"].as_array().unwrap().iter().find(|r| r["unit_id"] == kouqian.to_string()).unwrap();
    assert_eq!(row["result"]["confirmed_grade"], "good");
    let performance = app.login("jixiao.handler").await;
    let ranking = json(app.get(&format!("{SCHEMES}/{id}/ranking"), &performance).await, StatusCode::OK).await;
    let rows = ranking["rows"].as_array().unwrap();
    let ours = rows.iter().find(|r| r["unit_id"] == kouqian.to_string()).unwrap();
    assert_eq!(
        (ours["grade"].as_str(), ours["provisional"].as_bool(), ours["percent"].as_u64()),
        (Some("good"), Some(false), Some(9211))
    );
    assert_eq!(ranking["trend"][0]["year"], 2026);
    let export = app.get(&format!("{SCHEMES}/{id}/export"), &performance).await;
    assert_eq!(export.status(), StatusCode::OK);
    assert!(export.bytes().await.unwrap().starts_with(b"PK"));
}

#[tokio::test]
async fn published_results_reach_each_units_leaders_once() {
    let app = app_on_monday_12_october().await;
    // The enterprises by reference, under a scheme of one manual indicator: 良好 from 80 %.
    let one = json!({"indicators": [{"code": "all", "group": "work", "name": "政务公开工作", "points": 10000, "rule": {"kind": "manual"}}],
                     "grades": [{"grade": "excellent", "min_percent": 9000}, {"grade": "good", "min_percent": 8000},
                                {"grade": "pass", "min_percent": 6000}, {"grade": "fail", "min_percent": 0}]});
    let scheme = started_scheme(&app, "by_reference", "2026-11-30", one).await;
    let id = scheme["id"].as_str().unwrap();
    let group = app.login("gongkai_kaohe.handler").await;
    let office = app.login("zhengfuban.handler").await;
    let sheet = json(app.get(&format!("{SCHEMES}/{id}/sheet"), &group).await, StatusCode::OK).await;
    let units: Vec<String> =
        sheet["rows"].as_array().unwrap().iter().map(|r| r["unit_id"].as_str().unwrap().to_string()).collect();
    assert!(units.contains(&app.unit_id("zilaishui").await.to_string()));
    assert!(!units.contains(&app.unit_id("kouqian").await.to_string()));
    for unit in &units {
        let base = format!("/api/v1/units/{unit}/assessment");
        let body = json!({"year": 2026, "indicator_code": "all", "score": 8550, "method": "overall_review", "note": "综合评议"});
        json(app.put(&format!("{base}/scores"), &group, body).await, StatusCode::OK).await;
        json(app.post(&format!("{base}/proposal"), &group, json!({"year": 2026})).await, StatusCode::OK).await;
        json(app.post(&format!("{base}/confirmation"), &office, json!({"year": 2026})).await, StatusCode::OK).await;
    }
    let published = json(app.post(&format!("{SCHEMES}/{id}/publish"), &office, json!({})).await, StatusCode::OK).await;
    assert_eq!(published["status"], "published");
    let again = app.post(&format!("{SCHEMES}/{id}/publish"), &office, json!({})).await;
    assert_eq!(json(again, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "assessment_wrong_stage");
    let water = app.unit_id("zilaishui").await;
    let leader = app.user_id("zilaishui.leader").await;
    let mails = email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq("assessment_result"))
        .all(&app.state.db)
        .await
        .unwrap();
    // One email per unit, to its leader.
    assert_eq!(mails.len(), units.len());
    let mail = mails.iter().find(|m| m.user_id == Some(leader)).expect("the water company's leader is told");
    assert_eq!(mail.subject, "【考核结果】2026年度政务公开考核结果：良好");
    assert!(mail.body_text.contains("得分 85.5（满分 100），等次为“良好”。"), "{}", mail.body_text);
    // The unit now sees its scores and grade.
    let own = app.login("zilaishui.handler").await;
    let mine = json(app.get(&format!("/api/v1/units/{water}/assessment?year=2026"), &own).await, StatusCode::OK).await;
    assert_eq!(
        (mine["result"]["confirmed_grade"].as_str(), indicator(&mine, "all")["group_score"]["score"].as_u64()),
        (Some("good"), Some(8550))
    );
}

#[tokio::test]
async fn the_closed_evaluations_rating_scores_the_evaluation_indicator() {
    let app = app_on_monday_12_october().await;
    started_scheme(&app, "administrative", "2026-11-30", json!({})).await;
    let (kouqian, xiyang, shuanghe) =
        (app.unit_id("kouqian").await, app.unit_id("xiyang").await, app.unit_id("shuanghe").await);
    let leading = app.login("gongkai_lingdao.handler").await;
    let setup = json!({"year": 2026, "title": "2026年度政务公开社会评议", "opens_on": "2026-10-12",
                       "closes_on": "2026-11-30", "unit_ids": [kouqian, xiyang]});
    let campaign = json(app.post("/api/v1/evaluation/campaigns", &leading, setup).await, StatusCode::CREATED).await;
    let id = campaign["id"].as_str().unwrap();
    json(app.post(&format!("/api/v1/evaluation/campaigns/{id}/open"), &leading, json!({})).await, StatusCode::OK).await;
    // One paper sheet for 口前镇, 基本满意 throughout: 60.00 points, so 基本满意 under the standard rule.
    let answers: Vec<Value> = campaign["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| json!({"question_id": q["id"], "rating": "basically_satisfied"}))
        .collect();
    let sheet = json!({"unit_id": kouqian, "handed_out_at": "口前镇政务服务中心", "handed_out_on": "2026-10-10", "sheet": "001",
                       "answers": answers});
    let paper = format!("/api/v1/evaluation/campaigns/{id}/paper-responses");
    json(app.post(&paper, &leading, sheet).await, StatusCode::CREATED).await;
    let group = app.login("gongkai_kaohe.handler").await;
    let evaluation_of = |unit: Uuid| {
        let (app, group) = (&app, &group);
        async move {
            let card =
                json(app.get(&format!("/api/v1/units/{unit}/assessment?year=2026"), group).await, StatusCode::OK).await;
            indicator(&card, "work.evaluation").clone()
        }
    };
    let open = evaluation_of(kouqian).await;
    assert_eq!(open["score"], Value::Null);
    assert_eq!(open["automatic"]["explanation_zh"], "本年度社会评议尚未结束，评议结果确定后自动计分。");
    json(app.post(&format!("/api/v1/evaluation/campaigns/{id}/close"), &leading, json!({})).await, StatusCode::OK)
        .await;
    // 5.00 points × 60 % for 基本满意 = 3.00.
    let rated = evaluation_of(kouqian).await;
    assert_eq!(
        (rated["automatic"]["figure"]["rating"].as_str(), rated["score"].as_u64()),
        (Some("basically_satisfied"), Some(300))
    );
    assert_eq!(rated["automatic"]["explanation_zh"], "本年度社会评议结果：基本满意。");
    assert_eq!(rated["automatic"]["records"][0]["link"], format!("/console/evaluation/{id}"));
    assert_eq!(evaluation_of(xiyang).await["automatic"]["explanation_zh"], "本年度社会评议中无人评议该单位。");
    assert_eq!(
        evaluation_of(shuanghe).await["automatic"]["explanation_zh"],
        "该单位未列入本年度社会评议，本项不能自动计分。"
    );
}

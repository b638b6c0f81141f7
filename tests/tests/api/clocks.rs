use chrono::NaiveDate;
use entity::enums::ClockState;
use entity::{clock_reminder, email_outbox, notification, violation_lead};
use gongkai_api::applications::REPLY;
use gongkai_api::calendar::Period;
use gongkai_api::clocks::{self, Label, NewClock, Subject, reminders};
use gongkai_api::db::write_tx;
use gongkai_api::tenancy::UnitRef;
use gongkai_api::time::TimeSource;
use gongkai_tests::{TestApp, beijing, json, spawn_app};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn start_clock(
    app: &TestApp,
    slug: &str,
    label: &str,
    start: &str,
    days: u32,
    assignee: Option<Uuid>,
) -> (Subject, entity::statutory_clock::Model) {
    app.start_reply_clock(slug, label, d(start), days, assignee).await
}

#[tokio::test]
async fn a_clock_pauses_extends_restarts_and_ends_with_its_due_date_always_derived() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-09-24 09:00"));
    let unit = app.unit("kouqian").await;
    let (r, c) = start_clock(&app, "kouqian", "A-100", "2026-09-24", 20, None).await;
    assert_eq!(c.due_date, d("2026-10-29"));
    let now = app.time.now();

    // Third-party consultation from Oct 12 to Oct 16: five working days do not count.
    let tx = write_tx(&app.state.db).await.unwrap();
    let paused = clocks::suspend(&tx, &r, &REPLY, d("2026-10-12"), "征求第三方意见", None, now).await.unwrap().unwrap();
    assert_eq!(paused.state, ClockState::Suspended);
    let resumed = clocks::resume(&tx, &r, &REPLY, d("2026-10-16"), now).await.unwrap().unwrap();
    assert_eq!(resumed.due_date, d("2026-11-05"));
    let extended =
        clocks::extend(&tx, &r, &REPLY, 20, "情况复杂", app.user_id("kouqian.leader").await, now).await.unwrap();
    assert_eq!(extended.due_date, d("2026-12-03"));
    tx.commit().await.unwrap();

    let handler = app.login("kouqian.handler").await;
    let detail =
        json(app.get(&format!("/api/v1/units/{}/clocks/{}", unit.id, c.id), &handler).await, StatusCode::OK).await;
    assert_eq!(detail["clock"]["due_date"], "2026-12-03");
    assert_eq!(detail["explanation"]["due_date"], "2026-12-03");
    let suspended: Vec<_> =
        detail["explanation"]["skipped"].as_array().unwrap().iter().filter(|s| s["reason"] == "suspended").collect();
    assert_eq!(suspended.len(), 5);
    assert_eq!(detail["changes"][0]["change"], "extension");
    assert_eq!(detail["pauses"][0]["to"], "2026-10-16");

    // A corrected application restarts the period from its receipt.
    let tx = write_tx(&app.state.db).await.unwrap();
    let restarted =
        clocks::restart(&tx, &r, &REPLY, d("2026-11-02"), "补正后重新起算", None, now).await.unwrap().unwrap();
    assert_eq!(restarted.start_date, d("2026-11-02"));
    assert_eq!(restarted.due_date, d("2026-12-28"), "20 + 20 working days from Nov 2");
    tx.commit().await.unwrap();

    app.time.set(beijing("2026-12-29 09:00"));
    let tx = write_tx(&app.state.db).await.unwrap();
    let done = clocks::end(&tx, &r, &REPLY, clocks::Ending::Complete, app.time.now()).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    assert_eq!(done.state, ClockState::Missed);
    let handler = app.login("kouqian.handler").await;
    assert!(done.next_reminder_on.is_none());

    let list =
        json(app.get(&format!("/api/v1/units/{}/clocks?state=missed", unit.id), &handler).await, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
}

#[tokio::test]
async fn reminders_escalation_and_the_violation_lead_fire_once_each_on_their_days() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-09-24 09:00"));
    let assignee = app.user_id("kouqian.handler").await;
    let (subject, c) = start_clock(&app, "kouqian", "依申请 A-200", "2026-09-24", 20, Some(assignee)).await;
    assert_eq!(c.due_date, d("2026-10-29"));
    assert_eq!(c.next_reminder_on, Some(d("2026-10-26")));

    assert_eq!(reminders::run(&app.state, beijing("2026-10-23 10:00")).await.unwrap(), 0);
    assert_eq!(reminders::run(&app.state, beijing("2026-10-26 10:00")).await.unwrap(), 1);
    assert_eq!(reminders::run(&app.state, beijing("2026-10-26 10:01")).await.unwrap(), 0, "a stage fires once");

    let handler = app.login("kouqian.handler").await;
    let inbox = json(app.get("/api/v1/notifications", &handler).await, StatusCode::OK).await;
    assert_eq!(inbox["total"], 1);
    assert!(inbox["items"][0]["title"].as_str().unwrap().contains("2026-10-29"));

    // Ticks were missed from the 27th to the 30th: the catch-up fires the three stages due meanwhile.
    assert_eq!(reminders::run(&app.state, beijing("2026-10-30 08:00")).await.unwrap(), 3);
    assert_eq!(reminders::run(&app.state, beijing("2026-10-31 08:00")).await.unwrap(), 0);
    assert_eq!(app.count::<clock_reminder::Entity>().await, 4);
    assert_eq!(json(app.get("/api/v1/notifications/unread-count", &handler).await, StatusCode::OK).await["unread"], 2);

    let leader = app.login("kouqian.leader").await;
    let leader_inbox = json(app.get("/api/v1/notifications", &leader).await, StatusCode::OK).await;
    assert_eq!(leader_inbox["total"], 1);
    assert_eq!(leader_inbox["items"][0]["kind"], "clock_due_today");

    let office = app.login("zhengfuban.handler").await;
    let office_inbox = json(app.get("/api/v1/notifications", &office).await, StatusCode::OK).await;
    assert_eq!(office_inbox["items"][0]["kind"], "clock_overdue");

    let leads = json(app.get("/api/v1/violation-leads?status=open", &office).await, StatusCode::OK).await;
    assert_eq!(leads["total"], 1);
    assert_eq!(leads["items"][0]["item"], "6.2");
    assert_eq!(leads["items"][0]["subject_id"], subject.id().to_string());
    assert_eq!(leads["items"][0]["facts"], "依申请 A-200：答复期限（条例第三十三条）为 2026-10-29，期满仍未办结。");
    assert_eq!(app.get("/api/v1/violation-leads", &leader).await.status(), StatusCode::FORBIDDEN);

    let lead_id = leads["items"][0]["id"].as_str().unwrap();
    let dismissed = app
        .post(
            &format!("/api/v1/violation-leads/{lead_id}/dismiss"),
            &office,
            json!({"reason": "申请人书面同意延后答复"}),
        )
        .await;
    assert_eq!(json(dismissed, StatusCode::OK).await["status"], "dismissed");
    let again =
        app.post(&format!("/api/v1/violation-leads/{lead_id}/dismiss"), &office, json!({"reason": "再次"})).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Every email the stages caused is in the outbox, once.
    assert_eq!(app.count::<email_outbox::Entity>().await, app.count::<notification::Entity>().await);
    let admin = app.login("admin").await;
    assert_eq!(json(app.get("/api/v1/audit/verify", &admin).await, StatusCode::OK).await["ok"], true);
}

#[tokio::test]
async fn a_clock_started_late_does_not_send_stale_reminders() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-28 09:00"));
    let (_, c) = start_clock(&app, "xiyang", "A-300", "2026-09-24", 20, None).await;
    assert_eq!(c.next_reminder_on, Some(d("2026-10-28")));
    assert_eq!(reminders::run(&app.state, beijing("2026-10-28 10:00")).await.unwrap(), 1);
    let fired: Vec<String> =
        clock_reminder::Entity::find_all(&app.state.db).await.into_iter().map(|r| r.stage).collect();
    assert_eq!(fired, vec!["assignee_1".to_string()]);
}

trait FindAll: sea_orm::EntityTrait {
    async fn find_all(db: &sea_orm::DatabaseConnection) -> Vec<Self::Model> {
        Self::find().all(db).await.unwrap()
    }
}
impl<E: sea_orm::EntityTrait> FindAll for E {}

#[tokio::test]
async fn three_replicas_running_the_reminder_job_at_once_fire_every_stage_exactly_once() {
    let app = spawn_app().await;
    let (b, c) = (app.replica().await, app.replica().await);
    app.time.set(beijing("2026-09-01 09:00"));
    let townships = ["kouqian", "shuanghe", "xiyang", "beidahu", "yilaxi", "wanchang"];
    let starts = ["2026-09-01", "2026-09-08", "2026-09-15", "2026-09-22", "2026-09-29"];
    let mut n = 0;
    for (i, slug) in townships.iter().enumerate() {
        let assignee = app.user_id(&format!("{slug}.handler")).await;
        for (j, start) in starts.iter().enumerate() {
            for k in 0..8 {
                n += 1;
                start_clock(&app, slug, &format!("R-{i}-{j}-{k}"), start, 20, Some(assignee)).await;
            }
        }
    }
    assert_eq!(n, 240);
    let now = beijing("2026-10-30 10:00");
    let (x, y, z) =
        tokio::join!(reminders::run(&app.state, now), reminders::run(&b.state, now), reminders::run(&c.state, now));
    let fired = x.unwrap() + y.unwrap() + z.unwrap();
    let rows = app.count::<clock_reminder::Entity>().await;
    assert_eq!(fired, rows, "each fired stage has exactly one guard row");
    assert_eq!(reminders::run(&app.state, now).await.unwrap(), 0, "nothing was missed");

    // Expected stages: every clock due by Oct 29 has all four stages; later ones only those dated by Oct 30.
    let calendar =
        gongkai_api::calendar::service::load(&app.state.db, app.unit("kouqian").await.county_id).await.unwrap();
    let mut expected_stages = 0;
    let mut expected_notes = 0;
    for start in starts {
        let due = calendar.due_date(d(start), Period::WorkingDays(20), &[]).due_date;
        for (offset, recipients) in [(-3, 1), (-1, 1), (0, 1), (1, 2)] {
            if clocks::stage_date(&calendar, due, offset) <= d("2026-10-30") {
                expected_stages += 6 * 8;
                expected_notes += 6 * 8 * recipients;
            }
        }
    }
    assert_eq!(rows, expected_stages);
    assert_eq!(app.count::<notification::Entity>().await, expected_notes);
    assert_eq!(app.count::<email_outbox::Entity>().await, expected_notes);
    let leads = app.count::<violation_lead::Entity>().await;
    assert!(leads > 0 && leads <= 240);
    let admin = app.login("admin").await;
    assert_eq!(json(app.get("/api/v1/audit/verify", &admin).await, StatusCode::OK).await["ok"], true);
}

#[tokio::test]
async fn editing_the_calendar_moves_the_due_dates_of_open_clocks() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-12-20 09:00"));
    let (_, c) = start_clock(&app, "jinjia", "A-400", "2026-12-21", 10, None).await;
    // Provisional 2027: New Year Fri Jan 1 off, so day 10 after Mon Dec 21 is Tue Jan 5.
    assert_eq!(c.due_date, d("2027-01-05"));
    let office = app.login("zhengfuban.leader").await;
    let days = json!({"days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}, {"date": "2027-01-04", "kind": "holiday", "name": "元旦"}]});
    let resp = app.request(reqwest::Method::PUT, "/api/v1/calendar/years/2027", Some(&office), Some(days)).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let moved = entity::statutory_clock::Entity::find_all(&app.state.db).await;
    // The official schedule replaces the provisional one: Jan 4 off as well → Wed Jan 6.
    assert_eq!(moved[0].due_date, d("2027-01-06"));
}

#[tokio::test]
async fn the_approval_trail_records_the_four_ways_a_decision_is_made() {
    use gongkai_api::approvals::{self, Approval};
    let app = spawn_app().await;
    let unit = app.unit("wanchang").await;
    let r = UnitRef::for_system(&unit);
    let handler = app.user_id("wanchang.handler").await;
    let leader = app.user_id("wanchang.leader").await;
    let base = Approval {
        subject_type: "application".into(),
        subject_id: "W-1".into(),
        decision: "予以公开".into(),
        drafter: handler,
        reviewers: vec![],
        approver: None,
        leader_instructed: false,
        objection: None,
        collective: None,
        secrecy_reviewed: false,
        act: "reply",
        releases_information: true,
    };
    let now = app.time.now();
    let tx = write_tx(&app.state.db).await.unwrap();
    approvals::record(&tx, r, base.clone(), now).await.unwrap();
    approvals::record(
        &tx,
        r,
        Approval { approver: Some(leader), secrecy_reviewed: true, reviewers: vec![handler], ..base.clone() },
        now,
    )
    .await
    .unwrap();
    approvals::record(
        &tx,
        r,
        Approval {
            approver: Some(leader),
            leader_instructed: true,
            objection: Some("涉及第三方隐私".into()),
            ..base.clone()
        },
        now,
    )
    .await
    .unwrap();
    approvals::record(&tx, r, Approval { collective: Some((vec![leader, handler], leader)), ..base.clone() }, now)
        .await
        .unwrap();
    let refused = approvals::record(&tx, r, Approval { objection: Some("x".into()), ..base.clone() }, now).await;
    assert!(refused.is_err(), "an objection stands only against a leader's instruction");
    let unnamed = approvals::record(&tx, r, Approval { secrecy_reviewed: true, ..base.clone() }, now).await;
    assert!(unnamed.is_err(), "a secrecy review is recorded with the reviewer who made it");
    tx.commit().await.unwrap();

    let office = app.login("jianwei.handler").await;
    let trail =
        json(app.get(&format!("/api/v1/units/{}/approvals?subject_id=W-1", unit.id), &office).await, StatusCode::OK)
            .await;
    let trail = trail.as_array().unwrap();
    assert_eq!(trail.len(), 4);
    assert!(trail.iter().any(|a| a["approver_id"].is_null() && !a["collective"].as_bool().unwrap()));
    assert!(trail.iter().any(|a| a["handler_objected"] == true && a["objection"] == "涉及第三方隐私"));
    assert!(trail.iter().any(|a| a["collective"] == true && a["principal_leader_id"] == json!(leader)));
}

#[tokio::test]
async fn stages_are_configured_per_clock_kind() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let defaults = json(app.get("/api/v1/reminder-stages?kind=application.reply", &admin).await, StatusCode::OK).await;
    assert_eq!(defaults["stages"].as_array().unwrap().len(), 4);
    let custom = json!({"stages": [
        {"stage": "assignee_2", "offset_days": -2, "audience": "assignee", "violation_item": null},
        {"stage": "overdue", "offset_days": 1, "audience": "openness_office", "violation_item": "6.4"}
    ]});
    let put = app
        .request(reqwest::Method::PUT, "/api/v1/reminder-stages?kind=referral.answer", Some(&admin), Some(custom))
        .await;
    assert_eq!(json(put, StatusCode::OK).await["stages"][0]["stage"], "assignee_2");

    app.time.set(beijing("2026-11-02 09:00"));
    let unit = app.unit("baomiju").await;
    let tx = write_tx(&app.state.db).await.unwrap();
    let referral = Subject::new(gongkai_api::applications::CONSULTATION, Uuid::now_v7(), UnitRef::for_system(&unit));
    let c = clocks::start(
        &tx,
        &referral,
        NewClock {
            kind: &gongkai_api::applications::REFERRAL_ANSWER,
            legal_basis: "保密审查制度第十条".into(),
            start: d("2026-11-02"),
            period: Period::WorkingDays(5),
            assignee: None,
            label: Label::new("保密审查请示 SR-1", Some("/console/referrals".into())),
        },
        app.time.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(c.due_date, d("2026-11-09"));
    assert_eq!(c.next_reminder_on, Some(d("2026-11-05")));
    assert_eq!(reminders::run(&app.state, beijing("2026-11-10 09:00")).await.unwrap(), 2);
    let lead = violation_lead::Entity::find_all(&app.state.db).await.remove(0);
    assert_eq!(lead.item, "6.4");

    let bad = json!({"stages": [{"stage": "x", "offset_days": -1, "audience": "everyone", "violation_item": null}]});
    let r = app.request(reqwest::Method::PUT, "/api/v1/reminder-stages?kind=x", Some(&admin), Some(bad)).await;
    assert_eq!(json(r, StatusCode::BAD_REQUEST).await["fields"][0]["field"], "stages[0].audience");
    let leader = app.login("kouqian.leader").await;
    assert_eq!(app.get("/api/v1/reminder-stages?kind=x", &leader).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn my_work_lists_what_is_assigned_to_me_and_for_leaders_their_units_open_clocks() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-26 09:00"));
    let handler_id = app.user_id("kouqian.handler").await;
    start_clock(&app, "kouqian", "W-1", "2026-09-24", 20, Some(handler_id)).await;
    start_clock(&app, "kouqian", "W-2", "2026-10-20", 20, Some(app.user_id("kouqian.leader").await)).await;
    start_clock(&app, "xiyang", "W-3", "2026-10-20", 20, None).await;
    let handler = app.login("kouqian.handler").await;
    let mine = json(app.get("/api/v1/my/work", &handler).await, StatusCode::OK).await;
    assert_eq!(mine["total"], 1);
    assert_eq!(mine["items"][0]["clock"]["subject_label"], "W-1");
    assert_eq!(mine["items"][0]["limit_name"], "答复期限");
    let en = app
        .client
        .get(app.url("/api/v1/my/work"))
        .bearer_auth(&handler.token)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(json(en, StatusCode::OK).await["items"][0]["limit_name"], "Reply period");
    assert_eq!(mine["items"][0]["working_days_left"], 3);
    assert_eq!(mine["items"][0]["due_soon"], true);
    assert_eq!(mine["items"][0]["assigned_to_me"], true);
    let leader = app.login("kouqian.leader").await;
    let theirs = json(app.get("/api/v1/my/work", &leader).await, StatusCode::OK).await;
    assert_eq!(theirs["total"], 2, "a leader sees every open clock of the unit, and nothing of other units");
}

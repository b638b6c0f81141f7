//! Social evaluation (EV 1–9): the leading group's campaign, the portal's questionnaire and its
//! defences against ballot stuffing, and the results by the group's rule, against tables worked out
//! by hand.

use gongkai_tests::{TestApp, beijing, json, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const CAMPAIGNS: &str = "/api/v1/evaluation/campaigns";

async fn respond(app: &TestApp, campaign: &Value, body: Value, device: Option<&str>) -> reqwest::Response {
    let url = app.url(&format!("/api/v1/public/evaluations/{}/responses", campaign["id"].as_str().unwrap()));
    let mut req = app.client.post(url).json(&body);
    if let Some(d) = device {
        req = req.header("X-Device-Token", d);
    }
    req.send().await.unwrap()
}

/// Answers for every question of the questionnaire: `content` for the first (公开内容), `rest` for the others.
fn answers(campaign: &Value, content: &str, rest: &str) -> Value {
    let questions = campaign["questions"].as_array().unwrap();
    Value::Array(
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| json!({"question_id": q["id"], "rating": if i == 0 { content } else { rest }}))
            .collect(),
    )
}

async fn put(app: &TestApp, path: &str, session: &gongkai_tests::Session, body: Value) -> reqwest::Response {
    app.request(Method::PUT, path, Some(session), Some(body)).await
}

#[tokio::test]
async fn a_campaign_is_answered_on_the_portal_stuffing_is_kept_and_counted_and_units_are_rated_by_the_rule() {
    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let group = app.login("gongkai_lingdao.handler").await;
    let office = app.login("zhengfuban.handler").await;
    let kouqian = app.unit_id("kouqian").await;
    let xiyang = app.unit_id("xiyang").await;
    let setup = json!({"year": 2026, "title": "2026年度政务公开社会评议", "opens_on": "2026-10-12",
                       "closes_on": "2026-11-30", "unit_ids": [kouqian, xiyang], "address_daily_limit": 6});
    assert_eq!(app.post(CAMPAIGNS, &office, setup.clone()).await.status(), StatusCode::FORBIDDEN);
    let mut backwards = setup.clone();
    backwards["closes_on"] = json!("2026-10-01");
    assert_eq!(
        json(app.post(CAMPAIGNS, &group, backwards).await, StatusCode::BAD_REQUEST).await["fields"][0]["field"],
        "closes_on"
    );
    let campaign = json(app.post(CAMPAIGNS, &group, setup.clone()).await, StatusCode::CREATED).await;
    assert_eq!((campaign["status"].as_str(), campaign["questionnaire_version"].as_i64()), (Some("draft"), Some(1)));
    let dims: Vec<&str> =
        campaign["questions"].as_array().unwrap().iter().map(|q| q["dimension"].as_str().unwrap()).collect();
    assert_eq!(dims, ["content", "form", "procedure", "rules", "effect"]);
    assert_eq!(campaign["units"].as_array().unwrap().len(), 2);
    let again = json(app.post(CAMPAIGNS, &group, setup).await, StatusCode::CONFLICT).await;
    assert_eq!(
        (again["code"].as_str(), again["fields"][0]["field"].as_str()),
        (Some("campaign_year_taken"), Some("year"))
    );

    // Not open yet: the portal refuses, and lists nothing.
    let first =
        json!({"unit_id": kouqian, "contact": "13800000001", "answers": answers(&campaign, "satisfied", "satisfied")});
    let early = json(respond(&app, &campaign, first.clone(), None).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(early["code"], "campaign_not_open");
    let open_url = format!("{CAMPAIGNS}/{}/open", campaign["id"].as_str().unwrap());
    json(app.post(&open_url, &group, json!({})).await, StatusCode::OK).await;
    let listed =
        json(app.client.get(app.url("/api/v1/public/evaluations")).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(
        (listed[0]["id"].clone(), listed[0]["questions"].as_array().unwrap().len()),
        (campaign["id"].clone(), 5)
    );

    // Four counted responses for 口前镇 (public, all from one address): the table worked by hand is
    // 满意 5+0+4+5 = 14, 基本满意 0+5+0+0 = 5, 不满意 0+0+1+0 = 1 over 20 answers.
    let receipt =
        json(respond(&app, &campaign, first.clone(), Some("device-aaaaaaaaaaaa-1")).await, StatusCode::CREATED).await;
    assert_eq!(
        receipt,
        json!({"counted": true, "discarded": null, "message": "感谢您的评议，您的意见已计入评议结果。"})
    );
    let second = json!({"unit_id": kouqian, "contact": "li@example.cn",
                        "answers": answers(&campaign, "basically_satisfied", "basically_satisfied")});
    json(respond(&app, &campaign, second, Some("device-bbbbbbbbbbbb-2")).await, StatusCode::CREATED).await;
    let third = json!({"unit_id": kouqian, "contact": "138 0000 0003", "answers": answers(&campaign, "dissatisfied", "satisfied"),
                       "opinion": "希望口前镇及时公开低保资金发放明细，方便群众监督。"});
    json(respond(&app, &campaign, third, None).await, StatusCode::CREATED).await;
    let fourth =
        json!({"unit_id": kouqian, "contact": "13800000004", "answers": answers(&campaign, "satisfied", "satisfied")});
    json(respond(&app, &campaign, fourth, None).await, StatusCode::CREATED).await;
    // Stuffing: the same phone written otherwise; the same device with another contact; a seventh
    // from the address where the campaign allows six a day. Each is kept, told and counted.
    let mut same_phone = first.clone();
    same_phone["contact"] = json!("+86 138-0000-0001");
    let told = json(respond(&app, &campaign, same_phone, None).await, StatusCode::CREATED).await;
    assert_eq!(
        told,
        json!({"counted": false, "discarded": "same_contact", "message": "您已对该单位进行过评议，本次评议已记录但不重复计入结果。"})
    );
    let mut same_device = first.clone();
    same_device["contact"] = json!("13800000006");
    let told =
        json(respond(&app, &campaign, same_device, Some("device-bbbbbbbbbbbb-2")).await, StatusCode::CREATED).await;
    assert_eq!(told["discarded"], "same_device");
    let mut seventh = first.clone();
    seventh["contact"] = json!("13800000007");
    let told = json(respond(&app, &campaign, seventh, None).await, StatusCode::CREATED).await;
    assert_eq!(
        (told["discarded"].as_str(), told["message"].as_str()),
        (Some("address_limit"), Some("同一网络地址今日对该单位的评议已达上限，本次评议已记录但不计入结果。"))
    );
    // 西阳镇: an opinion nearly the same as one counted.
    let opinion = "建议西阳镇把村务公开栏的内容同步到网上，及时更新。";
    let x1 = json!({"unit_id": xiyang, "contact": "13900000001", "answers": answers(&campaign, "satisfied", "basically_satisfied"),
                    "opinion": opinion});
    json(respond(&app, &campaign, x1, None).await, StatusCode::CREATED).await;
    let x2 = json!({"unit_id": xiyang, "contact": "13900000002", "answers": answers(&campaign, "satisfied", "basically_satisfied"),
                    "opinion": "建议西阳镇把村务公开栏的内容同步到网上 及时更新"});
    assert_eq!(
        json(respond(&app, &campaign, x2, None).await, StatusCode::CREATED).await["discarded"],
        "near_duplicate_text"
    );

    // Bad input is refused at its field and stores nothing.
    let mut short = first.clone();
    short["contact"] = json!("13900000009");
    short["answers"].as_array_mut().unwrap().pop();
    assert_eq!(
        json(respond(&app, &campaign, short, None).await, StatusCode::BAD_REQUEST).await["fields"][0]["field"],
        "answers"
    );
    let mut landline = first.clone();
    landline["contact"] = json!("0432-6420");
    assert_eq!(
        json(respond(&app, &campaign, landline, None).await, StatusCode::BAD_REQUEST).await["fields"][0]["field"],
        "contact"
    );
    let mut elsewhere = first.clone();
    elsewhere["unit_id"] = json!(app.unit_id("wanchang").await);
    elsewhere["contact"] = json!("13900000010");
    assert_eq!(
        json(respond(&app, &campaign, elsewhere, None).await, StatusCode::BAD_REQUEST).await["fields"][0]["field"],
        "unit_id"
    );

    // A question reworded while open is a new version; answers keep the old wording's question.
    let q1 = campaign["questions"][0]["id"].as_str().unwrap().to_string();
    let reworded = put(
        &app,
        &format!("{CAMPAIGNS}/{}/questions/{q1}", campaign["id"].as_str().unwrap()),
        &group,
        json!({"text": "该单位公开的政府信息是否全面、及时、准确？"}),
    )
    .await;
    let reworded = json(reworded, StatusCode::OK).await;
    assert_eq!(reworded["questionnaire_version"], 2);
    assert_eq!(reworded["questions"][0]["text"], "该单位公开的政府信息是否全面、及时、准确？");
    assert_ne!(reworded["questions"][0]["id"].as_str(), Some(q1.as_str()));
    assert_eq!(reworded["questions"][1]["from_version"], 1);
    let mut stale = first.clone();
    stale["contact"] = json!("13900000011");
    assert_eq!(
        json(respond(&app, &campaign, stale, None).await, StatusCode::BAD_REQUEST).await["fields"][0]["field"],
        "answers"
    );

    // The results: 口前镇 (14×100 + 5×60 + 1×0) / 20 = 85.00, 满意 at the threshold; its 公开内容
    // (2×100 + 1×60 + 1×0) / 4 = 65.00. 西阳镇's one counted response, 1 满意 and 4 基本满意:
    // (100 + 4×60) / 5 = 68.00, 基本满意.
    let results_url = format!("{CAMPAIGNS}/{}/results", campaign["id"].as_str().unwrap());
    let kq = app.login("kouqian.leader").await;
    assert_eq!(app.get(&results_url, &kq).await.status(), StatusCode::FORBIDDEN);
    let results = json(app.get(&results_url, &office).await, StatusCode::OK).await;
    let unit = |id: uuid::Uuid| {
        results["units"].as_array().unwrap().iter().find(|u| u["unit_id"] == json!(id)).unwrap().clone()
    };
    let k = unit(kouqian);
    assert_eq!(
        (&k["public_responses"], &k["representative_responses"], &k["public_score"], &k["score"], &k["rating"]),
        (&json!(4), &json!(0), &json!(8500), &json!(8500), &json!("satisfied"))
    );
    assert_eq!(
        k["discarded"],
        json!([{"reason": "same_contact", "responses": 1}, {"reason": "same_device", "responses": 1},
               {"reason": "address_limit", "responses": 1}])
    );
    assert_eq!(
        k["dimensions"][0],
        json!({"dimension": "content", "public": {"satisfied": 2, "basically_satisfied": 1, "dissatisfied": 1},
               "representatives": {"satisfied": 0, "basically_satisfied": 0, "dissatisfied": 0}, "score": 6500})
    );
    let x = unit(xiyang);
    assert_eq!((&x["score"], &x["rating"]), (&json!(6800), &json!("basically_satisfied")));
    assert_eq!(x["discarded"], json!([{"reason": "near_duplicate_text", "responses": 1}]));
    let listed = json(app.get(CAMPAIGNS, &office).await, StatusCode::OK).await;
    assert_eq!((&listed[0]["responses_counted"], &listed[0]["responses_discarded"]), (&json!(5), &json!(4)));

    // The Excel export: results per unit and every response, without anyone's contact.
    let export = app.get(&format!("{CAMPAIGNS}/{}/export", campaign["id"].as_str().unwrap()), &office).await;
    assert_eq!(export.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = export.bytes().await.unwrap();
    use gongkai_api::secrecy::extract::{DocumentKind, sniff, text_of};
    assert_eq!(sniff(&bytes), Some(DocumentKind::Xlsx));
    let cells = text_of(DocumentKind::Xlsx, &bytes).unwrap();
    for expected in [
        "永吉县口前镇人民政府",
        "85",
        "68",
        "基本满意",
        "同一联系方式重复评议",
        "同一网络地址超过每日上限",
        "希望口前镇及时公开低保资金发放明细，方便群众监督。",
        "公开内容（v1）该单位公开的政府信息是否全面、真实、准确？",
    ] {
        assert!(cells.contains(expected), "{expected} in {cells}");
    }
    for personal in ["13800000001", "li@example.cn", "127.0.0.1"] {
        assert!(!cells.contains(personal), "{personal} in the export");
    }

    // Closed: the results are final and the portal refuses.
    json(
        app.post(&format!("{CAMPAIGNS}/{}/close", campaign["id"].as_str().unwrap()), &group, json!({})).await,
        StatusCode::OK,
    )
    .await;
    let mut late = first.clone();
    late["contact"] = json!("13900000012");
    late["answers"] = answers(&reworded, "satisfied", "satisfied");
    assert_eq!(
        json(respond(&app, &campaign, late, None).await, StatusCode::UNPROCESSABLE_ENTITY).await["code"],
        "campaign_not_open"
    );
}

#[tokio::test]
async fn paper_and_representatives_count_by_channel_and_a_reasonable_opinion_is_rectified_or_held_to_account() {
    use entity::{email_outbox, violation_lead};
    use gongkai_api::clocks::reminders;
    use gongkai_api::time::TimeSource;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app().await;
    app.time.set(beijing("2026-10-12 09:00"));
    let group = app.login("gongkai_lingdao.handler").await;
    let kouqian = app.unit_id("kouqian").await;
    let setup = json!({"year": 2026, "title": "2026年度政务公开社会评议", "opens_on": "2026-10-12",
                       "closes_on": "2026-11-30", "unit_ids": [kouqian]});
    let campaign = json(app.post(CAMPAIGNS, &group, setup).await, StatusCode::CREATED).await;
    let id = campaign["id"].as_str().unwrap().to_string();
    json(app.post(&format!("{CAMPAIGNS}/{id}/open"), &group, json!({})).await, StatusCode::OK).await;

    // The public: one on the portal, all 满意, with an opinion; one on paper, 基本满意 for content and
    // 不满意 for the rest, entered twice by mistake.
    let portal = json!({"unit_id": kouqian, "contact": "13800000001", "answers": answers(&campaign, "satisfied", "satisfied"),
                        "opinion": "希望口前镇及时公开村级财务收支明细。"});
    json(respond(&app, &campaign, portal, None).await, StatusCode::CREATED).await;
    let sheet = json!({"unit_id": kouqian, "handed_out_at": "口前镇政务服务中心", "handed_out_on": "2026-10-10", "sheet": "001",
                       "answers": answers(&campaign, "basically_satisfied", "dissatisfied")});
    let paper_url = format!("{CAMPAIGNS}/{id}/paper-responses");
    let kq = app.login("kouqian.handler").await;
    assert_eq!(app.post(&paper_url, &kq, sheet.clone()).await.status(), StatusCode::FORBIDDEN);
    let entered = json(app.post(&paper_url, &group, sheet.clone()).await, StatusCode::CREATED).await;
    assert_eq!(entered["counted"], true);
    let twice = json(app.post(&paper_url, &group, sheet).await, StatusCode::CREATED).await;
    assert_eq!(
        (twice["discarded"].as_str(), twice["message"].as_str()),
        (Some("same_sheet"), Some("该批次的这份问卷已录入过，本次录入已记录但不重复计入结果。"))
    );

    // A deputy, invited by email, answers 基本满意 throughout — once; a second try is kept and discarded.
    let invitation = json!({"name": "王代表", "category": "deputy", "email": "wang@example.cn", "unit_ids": [kouqian]});
    let invited =
        json(app.post(&format!("{CAMPAIGNS}/{id}/invitations"), &group, invitation).await, StatusCode::CREATED).await;
    assert_eq!(invited["units"][0]["unit_name"], "永吉县口前镇人民政府");
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq("evaluation_invitation"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (mail.to_address.as_str(), mail.subject.as_str()),
        ("wang@example.cn", "邀请您参加2026年度政务公开社会评议")
    );
    assert!(
        mail.body_text.contains("永吉县政务公开领导小组邀请您以人大代表身份参加2026年度政务公开社会评议，对以下单位的政务公开工作进行评议：永吉县口前镇人民政府。"),
        "{}",
        mail.body_text
    );
    let token =
        mail.body_text.split("/evaluate/invited#").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let invited_get = |token: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url("/api/v1/public/evaluations/invitation"))
                .header("X-Invitation-Token", token)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(invited_get("not-the-token-at-all-000".into()).await.status(), StatusCode::NOT_FOUND);
    let form = json(invited_get(token.clone()).await, StatusCode::OK).await;
    assert_eq!((form["category"].as_str(), form["answered"].clone()), (Some("deputy"), json!([])));
    let answer =
        json!({"unit_id": kouqian, "answers": answers(&campaign, "basically_satisfied", "basically_satisfied")});
    let post_invited = |body: Value| {
        let (app, token) = (&app, token.clone());
        async move {
            app.client
                .post(app.url("/api/v1/public/evaluations/invitation/responses"))
                .header("X-Invitation-Token", token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(json(post_invited(answer.clone()).await, StatusCode::CREATED).await["counted"], true);
    assert_eq!(json(post_invited(answer).await, StatusCode::CREATED).await["discarded"], "invitation_used");
    assert_eq!(json(invited_get(token.clone()).await, StatusCode::OK).await["answered"], json!([kouqian]));

    // By hand: the public 满意 5 + 0, 基本满意 0 + 1, 不满意 0 + 4 over 10 answers: (500 + 60) / 10 = 56.00;
    // the deputy (5 × 60) / 5 = 60.00; half and half 58.00 — 不满意, under 60.00.
    let results = json(app.get(&format!("{CAMPAIGNS}/{id}/results"), &group).await, StatusCode::OK).await;
    let k = &results["units"][0];
    assert_eq!(
        [
            &k["public_responses"],
            &k["paper_responses"],
            &k["representative_responses"],
            &k["public_score"],
            &k["representative_score"],
            &k["score"],
            &k["rating"]
        ],
        [&json!(2), &json!(1), &json!(1), &json!(5600), &json!(6000), &json!(5800), &json!("dissatisfied")]
    );
    assert_eq!(k["representatives_by_category"], json!([{"category": "deputy", "responses": 1}]));
    assert_eq!(
        k["discarded"],
        json!([{"reason": "same_sheet", "responses": 1}, {"reason": "invitation_used", "responses": 1}])
    );

    // The opinion becomes a rectification task: 10 working days from Monday 12 October is Monday 26 October.
    let opinions = json(app.get(&format!("{CAMPAIGNS}/{id}/opinions"), &group).await, StatusCode::OK).await;
    assert_eq!(opinions.as_array().unwrap().len(), 1);
    assert_eq!(opinions[0]["opinion"], "希望口前镇及时公开村级财务收支明细。");
    let task = json!({"unit_id": kouqian, "response_id": opinions[0]["response_id"],
                      "requirement": "在公开目录中按月公开各村财务收支明细。", "working_days": 10});
    let task =
        json(app.post(&format!("{CAMPAIGNS}/{id}/rectifications"), &group, task).await, StatusCode::CREATED).await;
    assert_eq!((task["due_on"].as_str(), task["status"].as_str()), (Some("2026-10-26"), Some("open")));
    let mine = format!("/api/v1/units/{kouqian}/rectifications");
    let listed = json(app.get(&mine, &kq).await, StatusCode::OK).await;
    assert_eq!(listed[0]["opinion"], "希望口前镇及时公开村级财务收支明细。");
    let xy = app.login("xiyang.leader").await;
    assert_eq!(app.get(&mine, &xy).await.status(), StatusCode::NOT_FOUND);
    let report = json!({"report": "已在公开目录“村务公开”栏目按月公开各村财务收支明细。", "feedback_method": "online_notice",
                        "feedback_note": "2026年10月20日在镇政府网站发布整改公告"});
    let report_url = format!("{mine}/{}/report", task["id"].as_str().unwrap());
    json(app.post(&report_url, &kq, report.clone()).await, StatusCode::OK).await;
    // Done badly, in the group's judgement: a lead at once, and five more working days (to Monday 19 October).
    let review_url = format!("/api/v1/evaluation/rectifications/{}/review", task["id"].as_str().unwrap());
    let returned = json!({"accepted": false, "note": "只公开了一个村", "working_days": 5});
    let returned = json(app.post(&review_url, &group, returned).await, StatusCode::OK).await;
    assert_eq!((returned["status"].as_str(), returned["due_on"].as_str()), (Some("returned"), Some("2026-10-19")));
    let leads = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            violation_lead::Entity::find()
                .filter(violation_lead::Column::Item.eq("6.10"))
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|l| (l.subject_type, l.facts))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        leads(&app).await,
        [(
            "rectification_task".to_string(),
            "永吉县口前镇人民政府：社会评议意见整改经政务公开领导小组审核认定整改不到位（只公开了一个村）。"
                .to_string()
        )]
    );
    assert_eq!(
        json(
            app.post(&review_url, &group, json!({"accepted": true, "note": "同意验收"})).await,
            StatusCode::UNPROCESSABLE_ENTITY
        )
        .await["code"],
        "rectification_not_reported"
    );
    json(app.post(&report_url, &kq, report.clone()).await, StatusCode::OK).await;
    // Returned a second time: still one lead for the task.
    let again = json!({"accepted": false, "note": "仍有两个村未公开", "working_days": 5});
    assert_eq!(json(app.post(&review_url, &group, again).await, StatusCode::OK).await["status"], "returned");
    assert_eq!(leads(&app).await.len(), 1);
    json(app.post(&report_url, &kq, report).await, StatusCode::OK).await;
    json(app.post(&review_url, &group, json!({"accepted": true, "note": "已整改到位"})).await, StatusCode::OK).await;
    let notice = json(
        app.client.get(app.url("/api/v1/public/evaluations/rectifications?year=2026")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        notice,
        json!([{"unit_id": kouqian, "unit_name": "永吉县口前镇人民政府", "year": 2026,
                "requirement": "在公开目录中按月公开各村财务收支明细。",
                "report": "已在公开目录“村务公开”栏目按月公开各村财务收支明细。", "feedback_method": "online_notice",
                "reported_on": "2026-10-12"}])
    );

    // The written feedback: the group reads any unit's letter; the unit its own once the campaign is closed.
    let letter = app.get(&format!("{CAMPAIGNS}/{id}/feedback-letters/{kouqian}"), &group).await;
    assert_eq!(letter.status(), StatusCode::OK);
    assert!(letter.bytes().await.unwrap().starts_with(b"%PDF-"));
    let own = format!("/api/v1/units/{kouqian}/evaluation-feedback?year=2026");
    assert_eq!(json(app.get(&own, &kq).await, StatusCode::UNPROCESSABLE_ENTITY).await["code"], "campaign_wrong_stage");

    // A task not reported in time: due Monday 19 October; the day after, a lead for the openness office.
    let late = json!({"unit_id": kouqian, "opinion": "建议在镇政府门口设置政务公开栏。", "requirement": "设置政务公开栏并定期更新。",
                      "working_days": 5});
    let late =
        json(app.post(&format!("{CAMPAIGNS}/{id}/rectifications"), &group, late).await, StatusCode::CREATED).await;
    assert_eq!(late["due_on"], "2026-10-19");
    app.time.set(beijing("2026-10-19 18:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    assert_eq!(leads(&app).await.len(), 1);
    app.time.set(beijing("2026-10-20 09:00"));
    reminders::run(&app.state, app.time.now()).await.unwrap();
    let all = leads(&app).await;
    assert_eq!(all.len(), 2);
    assert!(all[1].1.contains("评议意见整改 · 永吉县口前镇人民政府"), "{all:?}");
    let group = app.login("gongkai_lingdao.handler").await;
    json(app.post(&format!("{CAMPAIGNS}/{id}/close"), &group, json!({})).await, StatusCode::OK).await;
    let kq = app.login("kouqian.handler").await;
    let own = app.get(&own, &kq).await;
    assert_eq!(own.status(), StatusCode::OK);
    assert!(own.bytes().await.unwrap().starts_with(b"%PDF-"));
}

//! `make bench-applications`: 1,000,000 applications over 100 units on PostgreSQL, served by the
//! real server (release build). Prints a handler's filtered list latency (p50, p99) under a paced
//! load at half of the measured maximum rate, the list's throughput as a ratio to `GET /health/live`
//! measured in the same run, the query plan of the list, and portal submissions per second.
//! A benchmark that prints figures, not a test.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gongkai_api::startup::Application;
use gongkai_api::time::ManualTime;
use gongkai_tests::bench;
use sea_orm::{ConnectionTrait, Statement};

const APPLICATIONS: u32 = 1_000_000;
const UNITS: usize = 100;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    bench::with_database("gk_bench_apps", |url| async move { run(&url).await }).await
}

async fn run(url: &str) -> anyhow::Result<()> {
    // The production path: PostgreSQL and Redis (sessions are cached there).
    let settings = bench::settings(url)?;
    let app = Application::build_with_time(settings, ManualTime::new(chrono::Utc::now())).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());

    let backend = db.get_database_backend();
    let one = |sql: &str| Statement::from_string(backend, sql.to_string());
    let county: String = db
        .query_one_raw(one("SELECT CAST(id AS TEXT) AS id FROM counties LIMIT 1"))
        .await?
        .unwrap()
        .try_get("", "id")?;
    let seeded: i64 = db.query_one_raw(one("SELECT COUNT(*) AS n FROM units")).await?.unwrap().try_get("", "n")?;
    let extra = UNITS as i64 - seeded;
    db.execute_unprepared(&format!(
        "INSERT INTO units (id, county_id, parent_id, slug, name, short_name, name_en, kind, sector, function, credit_code, \
         active, created_at, updated_at) \
         SELECT gen_random_uuid(), '{county}'::uuid, NULL, 'bench' || g, '基准单位' || g, '基准' || g, 'Bench ' || g, \
         'department', NULL, NULL, 'BENCH' || lpad(g::text, 13, '0'), true, now(), now() FROM generate_series(1, {extra}) g"
    ))
    .await?;
    let kouqian: String = db
        .query_one_raw(one("SELECT CAST(id AS TEXT) AS id FROM units WHERE slug = 'kouqian'"))
        .await?
        .unwrap()
        .try_get("", "id")?;

    let t = Instant::now();
    // Spread over every unit; a tenth still open, the rest closed with table-3 outcomes, two years of dates.
    db.execute_unprepared(&format!(
        "WITH u AS (SELECT array_agg(id ORDER BY slug) AS ids FROM units) \
         INSERT INTO applications (id, county_id, unit_id, tracking_code, channel, status, applicant_kind, applicant_name, \
         id_type, id_number, applicant_key, contact_person, phone, email, address, description, purpose, delivery_form, \
         submitted_at, received_on, received_by, handler_user_id, transferred_from_unit_id, correction_items, \
         correction_requested_on, corrected_on, extension_days, fee_method, fee_quantity, fee_amount_fen, fee_notice_on, \
         fee_paid_on, draft_outcome, draft_text, draft_leader_instructed, draft_objection, secrecy_reviewed, drafted_by, \
         drafted_at, outcome, reply_text, closed_on, approved_by, delivered_at, delivery_note, art35_flag, flag_note, \
         created_at, updated_at) \
         SELECT gen_random_uuid(), '{county}'::uuid, u.ids[1 + (g % {UNITS})], 'B' || lpad(g::text, 12, '0'), 'online', \
         CASE WHEN (g / {UNITS}) % 10 = 0 THEN 'in_progress' WHEN (g / {UNITS}) % 10 = 1 THEN 'submitted' ELSE 'closed' END, \
         (ARRAY['natural_person','commercial_enterprise','research_institution','social_welfare_org','legal_service_org','other_org'])[1 + g % 6], \
         '申请人' || g, 'resident_id', '11010519491231002X', md5(g::text), NULL, '13800000000', NULL, '吉林省永吉县', \
         '请公开某项政府信息（基准数据）。', NULL, 'email', \
         TIMESTAMPTZ '2025-01-01' + (g % 700) * INTERVAL '1 day' + (g % 86400) * INTERVAL '1 second', \
         CASE WHEN (g / {UNITS}) % 10 = 1 THEN NULL ELSE DATE '2025-01-01' + (g % 700) END, NULL, NULL, NULL, NULL, NULL, NULL, 0, \
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, false, NULL, NULL, \
         CASE WHEN (g / {UNITS}) % 10 > 1 THEN (ARRAY['disclosed','partially_disclosed','unavailable_not_held','withheld_third_party_rights'])[1 + g % 4] END, \
         NULL, CASE WHEN (g / {UNITS}) % 10 > 1 THEN DATE '2025-01-01' + (g % 700) + 15 END, NULL, NULL, NULL, false, NULL, now(), now() \
         FROM generate_series(1, {APPLICATIONS}) g, u"
    ))
    .await?;
    db.execute_unprepared("ANALYZE applications").await?;
    println!("inserted {APPLICATIONS} applications over {UNITS} units in {:.1}s", t.elapsed().as_secs_f64());

    let plan_sql = format!(
        "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM applications WHERE unit_id = '{kouqian}'::uuid AND status = 'in_progress' \
         ORDER BY submitted_at DESC, id DESC LIMIT 20"
    );
    println!("\nquery plan of a handler's filtered list (page of 20):");
    for row in db.query_all_raw(one(&plan_sql)).await? {
        println!("  {}", row.try_get::<String>("", "QUERY PLAN")?);
    }

    let client = reqwest::Client::builder().pool_max_idle_per_host(64).build()?;
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "kouqian.handler", "password": "Yongji@2026"}))
        .send()
        .await?
        .json()
        .await?;
    let token = login["token"].as_str().unwrap().to_string();
    let list_url = format!("{base}/api/v1/units/{kouqian}/applications?status=in_progress&page_size=20");
    let check = client.get(&list_url).bearer_auth(&token).send().await?;
    anyhow::ensure!(check.status().is_success(), "list answered {}", check.status());
    let body: serde_json::Value = check.json().await?;
    println!(
        "\nthe handler's list: {} open applications in the unit, page of {}",
        body["total"],
        body["items"].as_array().map_or(0, Vec::len)
    );

    let health_url = format!("{base}/health/live");
    let health_max = bench::max_rate(&client, std::slice::from_ref(&health_url), None).await;
    let list_max = bench::max_rate(&client, std::slice::from_ref(&list_url), Some(&token)).await;
    println!("\nmaximum rate, 16 concurrent clients for 5 s each:");
    println!("  GET /health/live                      {health_max:>8.0} req/s");
    println!(
        "  GET handler's filtered list (20 rows) {list_max:>8.0} req/s = {:.3} × /health/live",
        list_max / health_max
    );

    let target = list_max / 2.0;
    let latencies =
        bench::paced(&client, std::slice::from_ref(&list_url), Some(&token), target, Duration::from_secs(10)).await;
    let pct = |p: f64| bench::quantile(&latencies, p);
    println!(
        "\npaced at half the maximum ({target:.0} req/s for 10 s, {} requests): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (goal p99 ≤ 25 ms)",
        latencies.len(),
        pct(0.50),
        pct(0.99),
        latencies.last().copied().unwrap_or_default()
    );

    let submitted = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut workers = Vec::new();
    for w in 0..8u64 {
        let (client, base, kouqian, submitted) = (client.clone(), base.clone(), kouqian.clone(), submitted.clone());
        workers.push(tokio::spawn(async move {
            let mut i = 0u64;
            while Instant::now() < deadline {
                i += 1;
                let body = serde_json::json!({
                    "unit_id": kouqian, "delivery_form": "email", "description": "请公开某项政府信息（基准提交）。",
                    "applicant": {"kind": "natural_person", "name": "基准", "id_type": "resident_id",
                                  "id_number": "11010519491231002X", "phone": format!("139{:08}", w * 10_000_000 + i),
                                  "address": "吉林省永吉县"},
                });
                let resp = client
                    .post(format!("{base}/api/v1/public/applications"))
                    .header("X-Forwarded-For", format!("10.{}.{}.{}", w, (i / 250) % 250, i % 250))
                    .json(&body)
                    .send()
                    .await;
                if resp.is_ok_and(|r| r.status() == reqwest::StatusCode::CREATED) {
                    submitted.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for w in workers {
        w.await?;
    }
    println!(
        "\nportal submissions (8 concurrent clients, 5 s): {:.0} per second",
        submitted.load(Ordering::Relaxed) as f64 / 5.0
    );
    Ok(())
}

//! `make bench-clocks`: 1,000,000 running clocks of which 500 are due, on PostgreSQL. Prints the
//! query plan of the reminder scan, the time to claim a batch and to process each batch, and
//! due-date computations per second. A benchmark that prints figures, not a test.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chrono::{NaiveDate, TimeDelta};
use gongkai_api::calendar::{Period, service::national_schedule};
use gongkai_api::clocks::reminders;
use gongkai_api::config::Settings;
use gongkai_api::startup::prepare_state;
use gongkai_api::time::ManualTime;
use sea_orm::{ConnectionTrait, Database, Statement, TransactionTrait};

const CLOCKS: u32 = 1_000_000;
const DUE: u32 = 500;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    due_date_throughput();
    let admin =
        std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    if !admin.starts_with("postgres") {
        println!("the database part of this benchmark needs PostgreSQL (BENCH_DATABASE_URL)");
        return Ok(());
    }
    let name = format!("gk_bench_{}", chrono::Utc::now().format("%Y%m%d%H%M%S"));
    let conn = Database::connect(admin.as_str()).await?;
    conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await?;
    let url = format!("{}/{name}", admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin));
    let result = run(&url).await;
    conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await?;
    result
}

fn due_date_throughput() {
    let calendar = national_schedule().expect("schedule");
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let n = 200_000;
    let t = Instant::now();
    let mut last = start;
    for i in 0..n {
        let from = start + TimeDelta::days(i64::from(i % 600));
        last = calendar.due_date(from, Period::WorkingDays(20), &[]).due_date;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "due-date computations (20 working days, with explanation): {:.0} per second ({n} in {secs:.2}s; last {last})",
        f64::from(n) / secs
    );
}

async fn run(url: &str) -> anyhow::Result<()> {
    let env = [
        ("DATABASE_URL", url.to_string()),
        ("AUDIT_KEY", "bench-audit-key-0123456789".to_string()),
        ("SEED_DEMO", "true".to_string()),
        ("SCHEDULER_ENABLED", "false".to_string()),
        ("PASSWORD_HASH_MEMORY_KIB", "1024".to_string()),
        ("PASSWORD_HASH_ITERATIONS", "1".to_string()),
    ];
    let settings = Settings::from_lookup(|k| env.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()))?;
    let now = chrono::NaiveDateTime::parse_from_str("2026-11-20 02:00", "%Y-%m-%d %H:%M")?.and_utc();
    let state = prepare_state(settings, ManualTime::new(now)).await?;
    let db = &state.db;
    let units: Vec<String> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(id AS TEXT) AS id FROM units WHERE kind = 'township'",
        ))
        .await?
        .into_iter()
        .map(|r| r.try_get::<String>("", "id").unwrap())
        .collect();
    let county: String = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(id AS TEXT) AS id FROM counties LIMIT 1",
        ))
        .await?
        .unwrap()
        .try_get("", "id")?;
    let array = units.iter().map(|u| format!("'{u}'::uuid")).collect::<Vec<_>>().join(",");
    let t = Instant::now();
    db.execute_unprepared(&format!(
        "INSERT INTO statutory_clocks (id, county_id, unit_id, subject_type, subject_id, kind, legal_basis, start_date, \
         period_mode, period_days, extension_days, state, assignee_user_id, due_date, schedule_from, next_reminder_on, \
         completed_at, created_at, updated_at) \
         SELECT gen_random_uuid(), '{county}'::uuid, (ARRAY[{array}])[1 + g % {n}], 'bench', 'B-' || g, 'application.reply', \
         '条例第三十三条', \
         CASE WHEN g <= {DUE} THEN DATE '2026-10-26' ELSE DATE '2026-11-19' + (g % 60) END, 'working_days', 20, 0, 'running', NULL, \
         CASE WHEN g <= {DUE} THEN DATE '2026-11-23' ELSE DATE '2026-12-17' + (g % 60) END, DATE '2026-10-26', \
         CASE WHEN g <= {DUE} THEN DATE '2026-11-18' ELSE DATE '2026-12-12' + (g % 60) END, NULL, now(), now() \
         FROM generate_series(1, {CLOCKS}) g",
        n = units.len()
    ))
    .await?;
    db.execute_unprepared("ANALYZE statutory_clocks").await?;
    println!("inserted {CLOCKS} running clocks ({DUE} due) in {:.1}s", t.elapsed().as_secs_f64());

    let scan = "SELECT * FROM statutory_clocks WHERE next_reminder_on <= DATE '2026-11-20' AND state = 'running' \
                ORDER BY next_reminder_on LIMIT 200 FOR UPDATE SKIP LOCKED";
    println!("\nquery plan of the reminder scan:");
    for row in db
        .query_all_raw(Statement::from_string(db.get_database_backend(), format!("EXPLAIN (ANALYZE, BUFFERS) {scan}")))
        .await?
    {
        println!("  {}", row.try_get::<String>("", "QUERY PLAN")?);
    }

    let mut claims = Vec::new();
    for _ in 0..20 {
        let tx = db.begin().await?;
        let t = Instant::now();
        let rows = tx.query_all_raw(Statement::from_string(db.get_database_backend(), scan.to_string())).await?;
        claims.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(rows.len(), 200);
        tx.rollback().await?;
    }
    claims.sort_by(f64::total_cmp);
    println!(
        "\nclaim one batch of 200 due clocks out of {CLOCKS}: median {:.2} ms, max {:.2} ms (20 runs)",
        claims[10], claims[19]
    );

    let mut fired_total = 0;
    let mut batch = 0;
    loop {
        let t = Instant::now();
        let (fired, len) = reminders::run_batch(&state, now).await?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if len == 0 {
            break;
        }
        batch += 1;
        fired_total += fired;
        println!(
            "process batch {batch}: {len} clocks, {fired} stages fired (inbox, outbox, audit and next reminder each) in {ms:.1} ms \
             = {:.2} ms per clock",
            ms / len as f64
        );
    }
    println!("total stages fired: {fired_total}");
    Ok(())
}

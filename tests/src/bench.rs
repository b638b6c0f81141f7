//! What the benchmarks share: a PostgreSQL database of their own, the production settings, and the
//! two ways of loading the server (flat out, and paced at a fixed rate).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gongkai_api::config::Settings;
use sea_orm::{ConnectionTrait, Database};

/// Creates a database named after `prefix` and the time, runs `body` with its URL, then drops it.
pub async fn with_database<F, Fut>(prefix: &str, body: F) -> anyhow::Result<()>
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let admin =
        std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    anyhow::ensure!(admin.starts_with("postgres"), "this benchmark needs PostgreSQL (BENCH_DATABASE_URL)");
    let name = format!("{prefix}_{}", chrono::Utc::now().format("%Y%m%d%H%M%S"));
    let conn = Database::connect(admin.as_str()).await?;
    conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await?;
    let url = format!("{}/{name}", admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin));
    let result = body(url).await;
    conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await?;
    result
}

/// The production path's settings (PostgreSQL and Redis) for a benchmark run on `url`, with the
/// public limits raised so the load measures the server and not its rate limiter.
pub fn settings(url: &str) -> anyhow::Result<Settings> {
    let redis = std::env::var("BENCH_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let env = [
        ("REDIS_URL", redis),
        ("REDIS_PREFIX", format!("gk-bench:{}:", std::process::id())),
        ("DATABASE_URL", url.to_string()),
        ("DATABASE_MAX_CONNECTIONS", "16".to_string()),
        ("BIND", "127.0.0.1:0".to_string()),
        ("AUDIT_KEY", "bench-audit-key-4c8e1a7f3b9d2065e7a1c3f9".to_string()),
        ("SEED_DEMO", "true".to_string()),
        ("SEED_DEMO_WORK", "false".to_string()),
        ("SCHEDULER_ENABLED", "false".to_string()),
        ("PASSWORD_HASH_MEMORY_KIB", "1024".to_string()),
        ("PASSWORD_HASH_ITERATIONS", "1".to_string()),
        ("TRUST_FORWARDED_FOR", "true".to_string()),
        ("PUBLIC_RATE_PER_MINUTE", "1000000".to_string()),
        ("APPLICATION_RATE_PER_IP_HOUR", "1000000".to_string()),
        ("APPLICATION_RATE_PER_CONTACT_DAY", "1000000".to_string()),
        ("APPLICATION_SURGE_PER_DAY", "100000".to_string()),
        ("APPLICATION_ART35_PER_30_DAYS", "100000".to_string()),
        ("LOG_FORMAT", "text".to_string()),
        ("RUST_LOG", "error".to_string()),
    ];
    Ok(Settings::from_lookup(|k| env.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()))?)
}

/// Requests per second with 16 clients sending back to back for 5 seconds, cycling through `urls`.
pub async fn max_rate(client: &reqwest::Client, urls: &[String], token: Option<&str>) -> f64 {
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut workers = Vec::new();
    for w in 0..16 {
        let (client, urls, token, done) = (client.clone(), urls.to_vec(), token.map(String::from), done.clone());
        workers.push(tokio::spawn(async move {
            let mut i = w;
            while Instant::now() < deadline {
                i += 1;
                let mut req = client.get(&urls[i % urls.len()]);
                if let Some(t) = &token {
                    req = req.bearer_auth(t);
                }
                if req.send().await.is_ok_and(|r| r.status().is_success()) {
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for w in workers {
        let _ = w.await;
    }
    done.load(Ordering::Relaxed) as f64 / 5.0
}

/// Sends requests at a fixed rate whatever the answers' speed (an open loop, so slow answers do not
/// slow the load down), cycling through `urls`, and returns each latency in milliseconds, sorted.
pub async fn paced(
    client: &reqwest::Client,
    urls: &[String],
    token: Option<&str>,
    rate: f64,
    length: Duration,
) -> Vec<f64> {
    let interval = Duration::from_secs_f64(1.0 / rate.max(1.0));
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let start = Instant::now();
    let mut tasks = Vec::new();
    let mut i = 0;
    while start.elapsed() < length {
        ticker.tick().await;
        i += 1;
        let (client, url, token) = (client.clone(), urls[i % urls.len()].clone(), token.map(String::from));
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let mut req = client.get(&url);
            if let Some(t) = &token {
                req = req.bearer_auth(t);
            }
            let ok = req.send().await.is_ok_and(|r| r.status().is_success());
            ok.then(|| t.elapsed().as_secs_f64() * 1000.0)
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        if let Ok(Some(ms)) = t.await {
            out.push(ms);
        }
    }
    out.sort_by(f64::total_cmp);
    out
}

/// The `p`-quantile (0 to 1) of sorted figures.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

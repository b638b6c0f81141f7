//! `gongkai [serve|migrate|seed|audit-verify|audit-checkpoint|reindex-catalogue|run-job|openapi]`

// The command line is where this binary talks to its operator.
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use gongkai_api::config::Settings;
use gongkai_api::startup::{Application, load_audit_key};
use gongkai_api::time::{SystemTime, TimeSource};
use gongkai_api::{audit, db, seed, telemetry};

const USAGE: &str = "usage: gongkai [serve | migrate | seed | audit-verify | audit-checkpoint | reindex-catalogue \
                     | run-job <job> [--as-of <RFC 3339 instant>] | openapi]";

#[tokio::main]
async fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let result = match command.as_str() {
        "serve" => serve(settings).await,
        "migrate" => migrate(settings).await,
        "seed" => seed_command(settings).await,
        "audit-verify" => return audit_verify(settings).await,
        "audit-checkpoint" => return audit_checkpoint(settings).await,
        "reindex-catalogue" => reindex(settings).await,
        "run-job" => run_job(settings, std::env::args().skip(2).collect()).await,
        "openapi" => openapi(),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command {other:?}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %format!("{err:#}"), "gongkai {command} failed");
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let seeded = settings.seed_demo;
    let base_url = settings.public_base_url.clone();
    let app = Application::build(settings).await?;
    println!("\nGongkai 公开 is running at {base_url}/  (API docs: {base_url}/swagger-ui/)");
    if seeded {
        println!("Demo logins (password: the DEMO_PASSWORD setting, default Yongji@2026):");
        for login in seed::featured_logins() {
            println!("  {:<28} {:<10} {}", login.username, login.role, login.unit);
        }
        println!("  …and <unit>.leader / <unit>.handler for every unit of the county (see README).");
    }
    app.run_until_stopped().await?;
    Ok(())
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let conn = db::connect(&settings).await?;
    db::migrate(&conn).await?;
    println!("migrations applied");
    Ok(())
}

async fn seed_command(settings: Settings) -> anyhow::Result<()> {
    let conn = db::connect(&settings).await?;
    db::migrate(&conn).await?;
    let key = load_audit_key(&settings)?;
    let passwords = gongkai_api::auth::password::PasswordHasher::new(
        settings.password_hash_memory_kib,
        settings.password_hash_iterations,
        settings.password_hash_concurrency,
    )?;
    let seeded = seed::seed_demo(&conn, &settings, &passwords, &key, SystemTime.now()).await?;
    println!("{}", if seeded { "demo county seeded" } else { "a county exists already; nothing seeded" });
    Ok(())
}

async fn audit_verify(settings: Settings) -> ExitCode {
    let run = async {
        let conn = db::connect(&settings).await?;
        let key = load_audit_key(&settings)?;
        let dir = settings.audit_checkpoint_dir.clone();
        Ok::<_, anyhow::Error>(audit::verify::verify_with_checkpoints(&conn, &key, &dir, |_| true).await?)
    };
    match run.await {
        Ok(report) => {
            println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Writes a signed checkpoint of every chain's head now (the scheduler does it daily).
async fn audit_checkpoint(settings: Settings) -> ExitCode {
    let run = async {
        let conn = db::connect(&settings).await?;
        let key = load_audit_key(&settings)?;
        let checkpoint = audit::checkpoint::take(&conn, &key, chrono::Utc::now()).await?;
        audit::checkpoint::write(&settings.audit_checkpoint_dir, &checkpoint)
    };
    match run.await {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Builds the catalogue's search index again from the published versions.
async fn reindex(settings: Settings) -> anyhow::Result<()> {
    let conn = db::connect(&settings).await?;
    let count = gongkai_api::disclosure::search::reindex_all(&conn).await?;
    println!("{count} published items indexed");
    Ok(())
}

/// Runs one scheduled job now, or as of an earlier moment (a night the scheduler missed), claiming
/// its slot like a scheduler tick so no replica runs it twice.
async fn run_job(settings: Settings, args: Vec<String>) -> anyhow::Result<()> {
    use gongkai_api::jobs::{self, JobKind};
    let (name, as_of) = match args.as_slice() {
        [name] => (name, None),
        [name, flag, at] if flag == "--as-of" => (name, Some(at)),
        _ => anyhow::bail!("{USAGE}"),
    };
    let job = JobKind::ALL.into_iter().find(|j| j.name() == name).ok_or_else(|| {
        let names: Vec<_> = JobKind::ALL.iter().map(|j| j.name()).collect();
        anyhow::anyhow!("unknown job {name:?}; jobs: {}", names.join(", "))
    })?;
    let now = SystemTime.now();
    let at = match as_of {
        None => now,
        Some(at) => chrono::DateTime::parse_from_rfc3339(at)
            .map_err(|e| anyhow::anyhow!("--as-of {at:?} is not an RFC 3339 instant: {e}"))?
            .with_timezone(&chrono::Utc),
    };
    if at > now && !settings.allow_future_job_runs {
        anyhow::bail!("--as-of {at} is still to come; set ALLOW_FUTURE_JOB_RUNS=true on a rehearsal copy only");
    }
    let time = gongkai_api::time::ManualTime::new(at);
    let state = gongkai_api::startup::prepare_state(settings, time).await?;
    let ran = jobs::run_claimed(&state, job, at).await?;
    println!("{} {} as of {at}", job.name(), if ran { "ran" } else { "had already run for this slot" });
    Ok(())
}

fn openapi() -> anyhow::Result<()> {
    println!("{}", gongkai_api::startup::openapi().to_pretty_json()?);
    Ok(())
}

//! One typed configuration, read once from the environment. Defaults give the embedded setup: a
//! SQLite file under `./data/`, no Redis, emails written as files.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

/// A value that must never reach a log line or a response.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub public_base_url: String,
    pub data_dir: PathBuf,
    /// Where the daily signed audit checkpoints are written: somewhere the database's users cannot
    /// rewrite (another volume, a mounted share the secrecy bureau keeps).
    pub audit_checkpoint_dir: PathBuf,
    pub database_url: Secret<String>,
    pub database_max_connections: u32,
    pub redis_url: Option<Secret<String>>,
    /// Key of the audit chain's HMAC. When unset in embedded mode, a random key is created once
    /// under the data directory.
    pub audit_key: Option<Secret<String>>,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    pub cookie_secure: bool,
    pub trust_forwarded_for: bool,
    pub login_max_failures_per_account_ip: u64,
    pub login_max_failures_per_ip: u64,
    pub login_window_seconds: u64,
    pub password_hash_memory_kib: u32,
    pub password_hash_iterations: u32,
    /// Password hashes computed at once; beyond it a sign-in waits briefly, then gets 503.
    pub password_hash_concurrency: usize,
    pub max_body_bytes: usize,
    pub seed_demo: bool,
    /// With the demo seed, also a few running time limits for the work list.
    pub seed_demo_work: bool,
    /// With the demo seed, also an overdue application that has raised a violation lead (for the
    /// end-to-end test of accountability cases).
    pub seed_demo_lead: bool,
    pub demo_password: Secret<String>,
    pub log_format: LogFormat,
    pub policy_poll_millis: u64,
    pub migrate_on_start: bool,
    /// Prefix of every Redis key and channel, so several deployments (or tests) can share a server.
    pub redis_prefix: String,
    /// `smtp://user:pass@host:587?tls=required` or `smtps://…`; unset = emails are written as `.eml`
    /// files under `$DATA_DIR/outbox/`.
    pub smtp_url: Option<Secret<String>>,
    /// A PEM file of the CA that signed the SMTP server's certificate, when it is not a public one.
    pub smtp_ca_file: Option<PathBuf>,
    pub mail_from: String,
    /// Runs the scheduled jobs (reminders, email dispatch, calendar check, clean-up) in this process.
    pub scheduler_enabled: bool,
    /// Lets `gongkai run-job --as-of` run a job as of a moment still to come: for rehearsals and
    /// browser tests only, since a run ahead of time sends reminders and raises leads early.
    pub allow_future_job_runs: bool,
    /// Name of this replica in job-run records.
    pub replica_name: String,
    /// Requests per minute one client address may make to the public (signed-out) endpoints.
    pub public_rate_per_minute: u64,
    /// The built web UI (portal at `/`, console at `/console/`); served when it exists.
    pub frontend_dir: PathBuf,
    /// Days to seek review of an admonishment talk or circulated criticism: no statute sets them,
    /// so the county does (DOMAIN.md §7).
    pub case_review_days_default: u32,
    pub applications: ApplicationSettings,
    /// Where the CJK fonts for PDF letters are (every .otf/.ttc/.ttf in it is loaded).
    pub letter_font_dir: PathBuf,
}

/// Limits of the applications workflow that a county may tune.
#[derive(Debug, Clone)]
pub struct ApplicationSettings {
    /// Working days a unit has to sign for an online application.
    pub sign_days: u32,
    /// Working days the applicant has to correct an application unless the handler sets another.
    pub correction_days: u32,
    /// Applications to one unit within 24 hours that alert the openness office.
    pub surge_per_day: u64,
    /// Applications by one applicant in the county within 30 days that flag them for Art. 35.
    pub art35_per_30_days: u64,
    /// Different applicants asking a unit for the same information that prompt it to consider
    /// proactive disclosure (Art. 44).
    pub art44_same_topic: u64,
    /// Portal submissions per client address and hour.
    pub rate_per_ip_hour: u64,
    /// Portal submissions per phone number or email and day.
    pub rate_per_contact_day: u64,
    pub attachment_max_bytes: usize,
    pub attachments_per_application: u64,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {name} = {value:?} is invalid: {reason}")]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
    pub reason: String,
}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests can configure an app without touching the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(get("DATA_DIR").unwrap_or_else(|| "./data".into()));
        let public_base_url = get("PUBLIC_BASE_URL").unwrap_or_else(|| "http://127.0.0.1:8080".into());
        let default_db = format!("sqlite://{}/gongkai.db?mode=rwc", data_dir.display());
        Ok(Self {
            bind: parse(&get, "BIND", "127.0.0.1:8080")?,
            cookie_secure: parse(&get, "COOKIE_SECURE", &public_base_url.starts_with("https://").to_string())?,
            public_base_url,
            database_url: Secret::new(get("DATABASE_URL").unwrap_or(default_db)),
            audit_checkpoint_dir: get("AUDIT_CHECKPOINT_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("audit-checkpoints")),
            data_dir,
            database_max_connections: parse(&get, "DATABASE_MAX_CONNECTIONS", "10")?,
            redis_url: get("REDIS_URL").map(Secret::new),
            audit_key: get("AUDIT_KEY").map(Secret::new),
            session_idle_minutes: parse_range(&get, "SESSION_IDLE_MINUTES", "30", 1, 24 * 60)?,
            session_absolute_hours: parse_range(&get, "SESSION_ABSOLUTE_HOURS", "12", 1, 24 * 30)?,
            trust_forwarded_for: parse(&get, "TRUST_FORWARDED_FOR", "false")?,
            login_max_failures_per_account_ip: parse_range(&get, "LOGIN_MAX_FAILURES_PER_ACCOUNT_IP", "5", 1, 1000)?,
            login_max_failures_per_ip: parse_range(&get, "LOGIN_MAX_FAILURES_PER_IP", "50", 1, 100_000)?,
            login_window_seconds: parse_range(&get, "LOGIN_WINDOW_SECONDS", "900", 1, 86_400)?,
            password_hash_memory_kib: parse_range(&get, "PASSWORD_HASH_MEMORY_KIB", "19456", 8, 1 << 21)?,
            password_hash_iterations: parse_range(&get, "PASSWORD_HASH_ITERATIONS", "2", 1, 64)?,
            password_hash_concurrency: parse_range(&get, "PASSWORD_HASH_CONCURRENCY", "4", 1, 256)?,
            max_body_bytes: parse_range(&get, "MAX_BODY_BYTES", "1048576", 1024, 64 << 20)?,
            seed_demo: parse(&get, "SEED_DEMO", "false")?,
            seed_demo_work: parse(&get, "SEED_DEMO_WORK", "true")?,
            seed_demo_lead: parse(&get, "SEED_DEMO_LEAD", "false")?,
            demo_password: Secret::new(get("DEMO_PASSWORD").unwrap_or_else(|| "Yongji@2026".into())),
            log_format: match get("LOG_FORMAT").as_deref() {
                None | Some("text") => LogFormat::Text,
                Some("json") => LogFormat::Json,
                Some(other) => {
                    return Err(ConfigError {
                        name: "LOG_FORMAT",
                        value: other.into(),
                        reason: "expected text or json".into(),
                    });
                }
            },
            policy_poll_millis: parse_range(&get, "POLICY_POLL_MILLIS", "500", 50, 60_000)?,
            migrate_on_start: parse(&get, "MIGRATE_ON_START", "true")?,
            redis_prefix: get("REDIS_PREFIX").unwrap_or_else(|| "gongkai:".into()),
            smtp_url: get("SMTP_URL").map(Secret::new),
            smtp_ca_file: get("SMTP_CA_FILE").map(PathBuf::from),
            mail_from: get("MAIL_FROM").unwrap_or_else(|| "政务公开平台 <noreply@gongkai.localhost>".into()),
            scheduler_enabled: parse(&get, "SCHEDULER_ENABLED", "true")?,
            allow_future_job_runs: parse(&get, "ALLOW_FUTURE_JOB_RUNS", "false")?,
            frontend_dir: PathBuf::from(get("FRONTEND_DIR").unwrap_or_else(|| "./frontend/dist".into())),
            applications: ApplicationSettings {
                sign_days: parse_range(&get, "APPLICATION_SIGN_DAYS", "1", 1, 5)?,
                correction_days: parse_range(&get, "APPLICATION_CORRECTION_DAYS", "15", 1, 60)?,
                surge_per_day: parse_range(&get, "APPLICATION_SURGE_PER_DAY", "30", 1, 100_000)?,
                art35_per_30_days: parse_range(&get, "APPLICATION_ART35_PER_30_DAYS", "10", 2, 100_000)?,
                art44_same_topic: parse_range(&get, "APPLICATION_ART44_SAME_TOPIC", "3", 2, 10_000)?,
                rate_per_ip_hour: parse_range(&get, "APPLICATION_RATE_PER_IP_HOUR", "20", 1, 1_000_000)?,
                rate_per_contact_day: parse_range(&get, "APPLICATION_RATE_PER_CONTACT_DAY", "10", 1, 1_000_000)?,
                attachment_max_bytes: parse_range(&get, "ATTACHMENT_MAX_BYTES", "5242880", 1024, 64 << 20)?,
                attachments_per_application: parse_range(&get, "ATTACHMENTS_PER_APPLICATION", "5", 1, 50)?,
            },
            letter_font_dir: PathBuf::from(
                get("LETTER_FONT_DIR").unwrap_or_else(|| "/usr/share/fonts/opentype/noto".into()),
            ),
            public_rate_per_minute: parse_range(&get, "PUBLIC_RATE_PER_MINUTE", "120", 1, 1_000_000)?,
            case_review_days_default: parse_range(&get, "CASE_REVIEW_DAYS_DEFAULT", "30", 1, 365)?,
            replica_name: get("REPLICA_NAME")
                .or_else(|| get("HOSTNAME"))
                .unwrap_or_else(|| format!("replica-{}", std::process::id())),
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose().starts_with("sqlite:")
    }
}

fn parse<T: FromStr>(get: &impl Fn(&str) -> Option<String>, name: &'static str, default: &str) -> Result<T, ConfigError>
where
    T::Err: fmt::Display,
{
    let raw = get(name).unwrap_or_else(|| default.to_string());
    raw.trim().parse::<T>().map_err(|e| ConfigError { name, value: raw.clone(), reason: e.to_string() })
}

fn parse_range<T>(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: &str,
    min: T,
    max: T,
) -> Result<T, ConfigError>
where
    T: FromStr + PartialOrd + fmt::Display + Copy,
    T::Err: fmt::Display,
{
    let value: T = parse(get, name, default)?;
    if value < min || value > max {
        return Err(ConfigError { name, value: value.to_string(), reason: format!("must be between {min} and {max}") });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_embedded_setup() {
        let s = Settings::from_lookup(|_| None).unwrap();
        assert!(s.is_sqlite());
        assert!(s.redis_url.is_none());
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert!(!s.cookie_secure);
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let s = Settings::from_lookup(|k| (k == "DATABASE_URL").then(|| "postgres://u:hunter2@db/x".into())).unwrap();
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn out_of_range_values_name_the_setting() {
        let err = Settings::from_lookup(|k| (k == "SESSION_IDLE_MINUTES").then(|| "0".into())).unwrap_err();
        assert_eq!(err.name, "SESSION_IDLE_MINUTES");
    }
}

//! Builds the application: configuration → database → shared parts → HTTP server. Tests use the same
//! path through `Application::build`.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceResponse};
use actix_web::http::header;
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;
use rand::RngCore;
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

use crate::audit::AuditKey;
use crate::auth::password::PasswordHasher;
use crate::config::Settings;
use crate::error::{ApiError, Lang, LocalizableError};
use crate::limiter::Counters;
use crate::notify::mailer::Mailer;
use crate::openapi::ApiDoc;
use crate::policy::PolicyStore;
use crate::redis_conn::RedisLink;
use crate::state::AppState;
use crate::time::{SystemTime, TimeSource};
use crate::{
    accountability, applications, approvals, audit, auth, calendar, clocks, complaints, db, disclosure, health, jobs,
    leads, notify, policy, secrecy, seed, units, users,
};

/// Registers every documented route. Used by the server and by `openapi()`, so the spec and the
/// router cannot disagree.
pub fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(
        scope::scope("/api/v1")
            .configure(auth::routes::routes)
            .configure(units::routes::routes)
            .configure(units::duties::routes)
            .configure(users::routes::routes)
            .configure(audit::routes::routes)
            .configure(policy::routes::routes)
            .configure(calendar::routes::routes)
            .configure(clocks::routes::routes)
            .configure(notify::routes::routes)
            .configure(leads::routes::routes)
            .configure(approvals::routes::routes)
            .configure(accountability::routes::routes)
            .configure(jobs::routes::routes)
            .configure(applications::routes::routes)
            .configure(applications::public::routes)
            .configure(applications::oversight::routes)
            .configure(applications::stats::routes)
            .configure(applications::suggestions::routes)
            .configure(applications::citizens::routes)
            .configure(disclosure::routes::routes)
            .configure(disclosure::referrals::routes)
            // The feeds' fixed paths before the catalogue's `/{item_id}`.
            .configure(disclosure::feeds::routes)
            .configure(disclosure::guide::routes)
            .configure(disclosure::settings::routes)
            .configure(disclosure::search::routes)
            .configure(disclosure::public::routes)
            .configure(disclosure::stats::routes)
            .configure(secrecy::words::routes)
            .configure(secrecy::settings::routes)
            .configure(secrecy::leaks::routes)
            .configure(secrecy::inspection::routes)
            .configure(complaints::routes::routes)
            .configure(crate::evaluation::routes::routes)
            .configure(crate::evaluation::public::routes)
            .configure(crate::assessment::routes),
    )
    .configure(health::routes);
}

/// The OpenAPI document of the API, as served at `/api-docs/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut spec) = App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(api_routes).split_for_parts();
    utoipa::Modify::modify(&crate::openapi::ResponseContract, &mut spec);
    spec
}

pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application").field("port", &self.port).finish()
    }
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with_time(settings, Arc::new(SystemTime)).await
    }

    pub async fn build_with_time(settings: Settings, time: Arc<dyn TimeSource>) -> anyhow::Result<Self> {
        let state = prepare_state(settings, time).await?;
        if state.settings.scheduler_enabled {
            // The scheduler lives as long as the process; its handle is not needed to keep it running.
            let _scheduler = jobs::start_scheduler(state.clone()).await?;
        }
        let listener =
            TcpListener::bind(state.settings.bind).with_context(|| format!("binding {}", state.settings.bind))?;
        let port = listener.local_addr()?.port();
        let server = run(listener, state.clone())?;
        Ok(Self { port, server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    pub fn into_server(self) -> Server {
        self.server
    }
}

/// Connects, migrates, seeds when asked, and assembles the shared state.
pub async fn prepare_state(settings: Settings, time: Arc<dyn TimeSource>) -> anyhow::Result<AppState> {
    let db = db::connect(&settings).await?;
    if settings.migrate_on_start {
        db::migrate(&db).await?;
    }
    let audit_key = load_audit_key(&settings)?;
    let passwords = PasswordHasher::new(
        settings.password_hash_memory_kib,
        settings.password_hash_iterations,
        settings.password_hash_concurrency,
    )?;
    if settings.seed_demo {
        seed::seed_demo(&db, &settings, &passwords, &audit_key, time.now()).await?;
    }
    let redis = match &settings.redis_url {
        Some(url) => Some(RedisLink::connect(url.expose()).await?),
        None => None,
    };
    let counters = match &redis {
        Some(link) => Counters::redis(link.clone(), format!("{}counter:", settings.redis_prefix)),
        None => Counters::local(),
    };
    let policy = Arc::new(PolicyStore::load(&db).await?);
    policy.spawn_watchers(
        db.clone(),
        redis.clone(),
        format!("{}policy-changed", settings.redis_prefix),
        std::time::Duration::from_millis(settings.policy_poll_millis),
    );
    let mailer = Mailer::from_settings(&settings)?;
    Ok(AppState {
        letters: Arc::new(gongkai_letters::LetterService::new(settings.letter_font_dir.clone())),
        mailer,
        clock_kinds: Arc::new(crate::modules::clock_kinds()),
        calendar_listeners: Arc::from(vec![
            Box::new(crate::clocks::DueDatesFollowCalendar) as Box<dyn crate::calendar::CalendarListener>
        ]),
        db,
        settings: Arc::new(settings),
        policy,
        counters: Arc::new(counters),
        redis,
        time,
        audit_key,
        passwords,
    })
}

/// The HMAC key of the audit chain. Replicas must share it, so a server database needs AUDIT_KEY;
/// the embedded setup keeps a generated key beside its database.
pub fn load_audit_key(settings: &Settings) -> anyhow::Result<AuditKey> {
    if let Some(key) = &settings.audit_key {
        check_key_strength(key.expose()).map_err(|reason| anyhow::anyhow!("AUDIT_KEY is refused: {reason}"))?;
        return Ok(AuditKey::new(key.expose().as_bytes().to_vec()));
    }
    anyhow::ensure!(settings.is_sqlite(), "AUDIT_KEY must be set when the database is not the embedded SQLite file");
    let path = settings.data_dir.join("audit.key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let key = existing.trim().to_string();
        anyhow::ensure!(key.len() >= 32, "{} is corrupt", path.display());
        return Ok(AuditKey::new(key.into_bytes()));
    }
    std::fs::create_dir_all(&settings.data_dir)?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    write_private(&path, &key)?;
    Ok(AuditKey::new(key.into_bytes()))
}

/// Example values shipped in the repository, which anyone can read.
const EXAMPLE_KEYS: &[&str] = &["dev-only-insecure-audit-key-change-me", "change-me", "changeme", "secret"];

/// Refuses a key anyone could guess: an example from the repository, or one with little entropy
/// (fewer than 32 characters, or under 128 bits by its character frequencies).
pub fn check_key_strength(key: &str) -> Result<(), &'static str> {
    let lower = key.trim().to_ascii_lowercase();
    if EXAMPLE_KEYS.iter().any(|e| lower == *e) || lower.contains("change-me") || lower.contains("insecure") {
        return Err("it is an example value from the repository; generate one with `openssl rand -hex 32`");
    }
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < 32 {
        return Err("it is shorter than 32 characters; generate one with `openssl rand -hex 32`");
    }
    let mut counts = std::collections::HashMap::new();
    for c in &chars {
        *counts.entry(*c).or_insert(0usize) += 1;
    }
    let n = chars.len() as f64;
    let per_char: f64 = counts.values().map(|&k| k as f64 / n).map(|p| -p * p.log2()).sum();
    if per_char * n < 128.0 {
        return Err("it has too little entropy; generate one with `openssl rand -hex 32`");
    }
    Ok(())
}

fn write_private(path: &std::path::Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}

pub fn run(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let spec_json = Arc::new(serde_json::to_string(&openapi())?);
    let max_body = state.settings.max_body_bytes;
    let frontend = state.settings.frontend_dir.clone();
    let has_frontend = frontend.join("index.html").is_file();
    if !has_frontend {
        tracing::warn!(dir = %frontend.display(), "no built web UI; serving the API only");
    }
    let hsts = state.settings.public_base_url.starts_with("https://");
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        let spec_json = spec_json.clone();
        let (app, spec) = App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .app_data(data.clone())
            .app_data(web::PayloadConfig::new(max_body))
            .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
            .app_data(web::QueryConfig::default().error_handler(|_, _| ApiError::field("", "invalid_value").into()))
            .configure(api_routes)
            .split_for_parts();
        app.route(
            "/api-docs/openapi.json",
            web::get().to(move || {
                let body = spec_json.clone();
                async move { HttpResponse::Ok().content_type("application/json").body(body.to_string()) }
            }),
        )
        .service(SwaggerUi::new("/swagger-ui/{_:.*}").url("/api-docs/openapi-ui.json", spec))
        .configure(|cfg| {
            if has_frontend {
                web_ui(cfg, frontend.clone());
            }
        })
        .default_service(web::to(|| async { Err::<HttpResponse, _>(ApiError::RouteNotFound) }))
        .wrap_fn(|req, srv| {
            use actix_web::dev::Service;
            let lang = Lang::from_header(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
            let fut = srv.call(req);
            async move { fut.await.map(|res| localize(res, lang)) }
        })
        .wrap_fn(move |req, srv| {
            use actix_web::dev::Service;
            let path = req.path().to_string();
            let fut = srv.call(req);
            async move { fut.await.map(|res| security_headers(res, &path, hsts)) }
        })
        .wrap(TracingLogger::default())
    })
    .listen(listener)?
    .shutdown_timeout(10)
    .run();
    Ok(server)
}

/// The web UI: assets, the console's history routes under `/console/`, and the portal's everywhere
/// else. API and documentation paths are never answered with a page.
fn web_ui(cfg: &mut web::ServiceConfig, dir: std::path::PathBuf) {
    let console_index = dir.join("console").join("index.html");
    let portal_index = dir.join("index.html");
    cfg.service(actix_files::Files::new("/assets", dir.join("assets")).prefer_utf8(true))
        .route(
            "/console",
            web::get().to(|| async { HttpResponse::Found().insert_header((header::LOCATION, "/console/")).finish() }),
        )
        .route(
            "/console/{tail:.*}",
            web::get().to(move || {
                let file = console_index.clone();
                async move { actix_files::NamedFile::open(file) }
            }),
        )
        .route("/catalogue/{item_id}", {
            let file = portal_index.clone();
            web::get().to(move |state: web::Data<AppState>, path: web::Path<String>| {
                let file = file.clone();
                async move { prerendered_item(&state, &file, &path).await }
            })
        })
        .service(actix_files::Files::new("/", dir).index_file("index.html").prefer_utf8(true).default_handler(
            web::to(move |req: actix_web::HttpRequest| {
                let file = portal_index.clone();
                async move {
                    let path = req.path();
                    if ["/api", "/health", "/api-docs", "/swagger-ui"].iter().any(|p| path.starts_with(p)) {
                        return Err(actix_web::Error::from(ApiError::RouteNotFound));
                    }
                    Ok(actix_files::NamedFile::open(file)?.into_response(&req))
                }
            }),
        ));
}

/// A catalogue item's portal page with the item rendered in it (an unknown one: the page as it is, 404).
async fn prerendered_item(state: &AppState, index: &std::path::Path, id: &str) -> Result<HttpResponse, ApiError> {
    let page =
        std::fs::read_to_string(index).map_err(|e| ApiError::Internal(anyhow::anyhow!("{}: {e}", index.display())))?;
    let rendered = match id.parse::<uuid::Uuid>() {
        Ok(id) => disclosure::prerender::item_page(state, id, &page).await?,
        Err(_) => None,
    };
    let html = "text/html; charset=utf-8";
    Ok(match rendered {
        Some(page) => HttpResponse::Ok().content_type(html).body(page),
        None => HttpResponse::NotFound().content_type(html).body(page),
    })
}

/// The console and portal load nothing from elsewhere; Element Plus sets inline styles. Swagger UI
/// needs its own inline script and styles, on its own pages only.
const CSP_APP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
                       font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
                       frame-ancestors 'none'";
const CSP_SWAGGER: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
                           img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Headers every answer carries. API answers may hold personal data or secrets: no cache keeps them.
fn security_headers<B>(mut res: ServiceResponse<B>, path: &str, hsts: bool) -> ServiceResponse<B> {
    let headers = res.headers_mut();
    let csp = if path.starts_with("/swagger-ui") { CSP_SWAGGER } else { CSP_APP };
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::HeaderName::from_static("permissions-policy"), PERMISSIONS_POLICY),
    ];
    for (name, value) in fixed {
        headers.insert(name, header::HeaderValue::from_static(value));
    }
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            header::HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if path.starts_with("/api/") && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    }
    res
}

/// Re-renders an error body in English when the client asked for it.
fn localize<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
    lang: Lang,
) -> ServiceResponse<actix_web::body::BoxBody> {
    let error = res.response().extensions().get::<LocalizableError>().cloned();
    match (lang, error) {
        (Lang::En, Some(error)) => {
            let (req, old) = res.into_parts();
            let mut fresh = HttpResponse::build(old.status());
            for (name, value) in old.headers() {
                if name != header::CONTENT_LENGTH && name != header::CONTENT_TYPE {
                    fresh.append_header((name.clone(), value.clone()));
                }
            }
            ServiceResponse::new(req, fresh.json(error.body(Lang::En)))
        }
        _ => res.map_into_boxed_body(),
    }
}

#[cfg(test)]
mod key_tests {
    use super::check_key_strength;

    #[test]
    fn example_short_and_repetitive_keys_are_refused() {
        assert!(check_key_strength("dev-only-insecure-audit-key-change-me").is_err());
        assert!(check_key_strength("0123456789abcdef").is_err(), "16 characters");
        assert!(check_key_strength(&"ab".repeat(40)).is_err(), "80 characters of 1 bit each");
        assert!(check_key_strength("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").is_ok());
    }
}

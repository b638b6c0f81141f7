use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::audit::AuditKey;
use crate::auth::password::PasswordHasher;
use crate::config::Settings;
use crate::limiter::Counters;
use crate::notify::mailer::Mailer;
use crate::policy::PolicyStore;
use crate::redis_conn::RedisLink;
use crate::time::TimeSource;

/// What every request handler can reach. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub policy: Arc<PolicyStore>,
    pub counters: Arc<Counters>,
    pub redis: Option<RedisLink>,
    pub time: Arc<dyn TimeSource>,
    pub audit_key: AuditKey,
    pub passwords: PasswordHasher,
    pub mailer: Mailer,
    pub letters: Arc<gongkai_letters::LetterService>,
    /// Every clock kind the rule modules declared, with its name.
    pub clock_kinds: Arc<crate::clocks::ClockKinds>,
    /// Told when a year of a county's calendar changes.
    pub calendar_listeners: Arc<[Box<dyn crate::calendar::CalendarListener>]>,
}

//! Sign-in, sessions and the extractors that authenticate and authorize a request.

pub mod extract;
pub mod password;
pub mod routes;
pub mod session;
pub mod session_cache;

pub use extract::{Actor, Authorized, Reach};

pub const SESSION_COOKIE: &str = "gk_session";
/// The header carrying a citizen's portal session token.
pub const CITIZEN_TOKEN_HEADER: &str = "X-Citizen-Token";
pub const CSRF_COOKIE: &str = "gk_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

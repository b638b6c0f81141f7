//! Sign-in, sessions and the extractors that authenticate and authorize a request.

pub mod extract;
pub mod password;
pub mod routes;
pub mod session;
pub mod session_cache;

pub use extract::{Actor, Authorized, Reach};

pub const SESSION_COOKIE: &str = "gk_session";
pub const CSRF_COOKIE: &str = "gk_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

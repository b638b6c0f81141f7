//! Facts about the current request that the audit trail and the throttles need.

use actix_web::http::header;
use actix_web::{HttpMessage, HttpRequest};
use tracing_actix_web::RequestId;

use crate::config::Settings;
use crate::error::Lang;

#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub request_id: String,
    pub client_ip: String,
    pub user_agent: String,
    pub lang: Lang,
}

impl RequestMeta {
    pub fn from_request(req: &HttpRequest, settings: &Settings) -> Self {
        let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string()).unwrap_or_default();
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(256)
            .collect();
        Self {
            request_id,
            client_ip: client_ip(req, settings.trust_forwarded_for),
            user_agent,
            lang: Lang::from_request(req),
        }
    }
}

/// The client's address. Behind the load balancer the last `X-Forwarded-For` entry is the one the
/// balancer itself appended; earlier entries are whatever the client chose to send, so they are
/// never trusted.
pub fn client_ip(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for
        && let Some(last) = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|s| s.parse::<std::net::IpAddr>().is_ok())
            .last()
    {
        return last.to_string();
    }
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

//! Fixed-window failure counters for login throttling and public rate limits: in Redis when
//! configured (shared by every replica), otherwise in this process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::AsyncCommands;

use crate::redis_conn::RedisLink;

#[derive(Debug)]
pub enum Counters {
    Local(Mutex<HashMap<String, (u64, Instant)>>),
    Redis { link: RedisLink, prefix: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub value: u64,
    /// Seconds until the window resets.
    pub resets_in: u64,
}

impl Counters {
    pub fn local() -> Self {
        Self::Local(Mutex::new(HashMap::new()))
    }

    pub fn redis(link: RedisLink, prefix: impl Into<String>) -> Self {
        Self::Redis { link, prefix: prefix.into() }
    }

    /// The current count of `key` in its window.
    pub async fn get(&self, key: &str) -> anyhow::Result<Count> {
        match self {
            Self::Local(map) => {
                let now = Instant::now();
                let map = map.lock().map_err(|_| anyhow::anyhow!("counter lock poisoned"))?;
                Ok(match map.get(key) {
                    Some((value, until)) if *until > now => {
                        Count { value: *value, resets_in: until.duration_since(now).as_secs().max(1) }
                    }
                    _ => Count { value: 0, resets_in: 0 },
                })
            }
            Self::Redis { link, prefix } => {
                let mut conn = link.manager.clone();
                let full = format!("{prefix}{key}");
                let (value, ttl): (Option<u64>, i64) =
                    redis::pipe().get(&full).ttl(&full).query_async(&mut conn).await?;
                Ok(Count { value: value.unwrap_or(0), resets_in: u64::try_from(ttl).unwrap_or(0) })
            }
        }
    }

    /// Adds one to `key`; the window starts with the first hit.
    pub async fn hit(&self, key: &str, window: Duration) -> anyhow::Result<Count> {
        match self {
            Self::Local(map) => {
                let now = Instant::now();
                let mut map = map.lock().map_err(|_| anyhow::anyhow!("counter lock poisoned"))?;
                if map.len() > 100_000 {
                    map.retain(|_, (_, until)| *until > now);
                }
                let entry = map.entry(key.to_string()).or_insert((0, now + window));
                if entry.1 <= now {
                    *entry = (0, now + window);
                }
                entry.0 += 1;
                Ok(Count { value: entry.0, resets_in: entry.1.duration_since(now).as_secs().max(1) })
            }
            Self::Redis { link, prefix } => {
                let mut conn = link.manager.clone();
                let full = format!("{prefix}{key}");
                let millis = i64::try_from(window.as_millis()).unwrap_or(i64::MAX);
                // INCR and set the expiry only when the key is new, atomically.
                let script = redis::Script::new(
                    "local v = redis.call('INCR', KEYS[1]) \
                     if v == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end \
                     return {v, redis.call('PTTL', KEYS[1])}",
                );
                let (value, pttl): (u64, i64) = script.key(&full).arg(millis).invoke_async(&mut conn).await?;
                Ok(Count { value, resets_in: u64::try_from(pttl / 1000).unwrap_or(0).max(1) })
            }
        }
    }

    /// Takes back one hit of `key` (an attempt that turned out not to be a failure).
    pub async fn forgive(&self, key: &str) -> anyhow::Result<()> {
        match self {
            Self::Local(map) => {
                let mut map = map.lock().map_err(|_| anyhow::anyhow!("counter lock poisoned"))?;
                if let Some(entry) = map.get_mut(key) {
                    entry.0 = entry.0.saturating_sub(1);
                }
            }
            Self::Redis { link, prefix } => {
                let mut conn = link.manager.clone();
                let script = redis::Script::new(
                    "local v = tonumber(redis.call('GET', KEYS[1]) or '0') \
                     if v > 0 then redis.call('DECR', KEYS[1]) end return 0",
                );
                let _: i64 = script.key(format!("{prefix}{key}")).invoke_async(&mut conn).await?;
            }
        }
        Ok(())
    }

    /// Counts an attempt under every key before it is made, so parallel attempts cannot slip past
    /// a limit read earlier: the attempt that takes a key over its limit is refused.
    pub async fn claim(&self, limits: &[(&str, u64)], window: Duration) -> Result<(), crate::error::ApiError> {
        for (key, max) in limits {
            let count = self.hit(key, window).await?;
            if count.value > *max {
                return Err(crate::error::ApiError::TooManyRequests { retry_after_secs: count.resets_in });
            }
        }
        Ok(())
    }

    pub async fn reset(&self, key: &str) -> anyhow::Result<()> {
        match self {
            Self::Local(map) => {
                map.lock().map_err(|_| anyhow::anyhow!("counter lock poisoned"))?.remove(key);
            }
            Self::Redis { link, prefix } => {
                let mut conn = link.manager.clone();
                let _: () = conn.del(format!("{prefix}{key}")).await?;
            }
        }
        Ok(())
    }
}

/// Stops scripted floods on the public endpoints: at most `PUBLIC_RATE_PER_MINUTE` requests per
/// client address and minute, counted across replicas when Redis is configured.
pub async fn check_public_rate(
    state: &crate::state::AppState,
    req: &actix_web::HttpRequest,
    bucket: &str,
) -> Result<(), crate::error::ApiError> {
    let ip = crate::context::client_ip(req, state.settings.trust_forwarded_for);
    let count = state.counters.hit(&format!("public:{bucket}:{ip}"), Duration::from_secs(60)).await?;
    if count.value > state.settings.public_rate_per_minute {
        return Err(crate::error::ApiError::TooManyRequests { retry_after_secs: count.resets_in });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_counter_counts_within_its_window_and_resets() {
        let c = Counters::local();
        assert_eq!(c.get("k").await.unwrap().value, 0);
        c.hit("k", Duration::from_secs(60)).await.unwrap();
        assert_eq!(c.hit("k", Duration::from_secs(60)).await.unwrap().value, 2);
        c.reset("k").await.unwrap();
        assert_eq!(c.get("k").await.unwrap().value, 0);
        c.hit("short", Duration::from_millis(1)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(c.get("short").await.unwrap().value, 0);
    }
}

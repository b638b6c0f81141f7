//! The optional Redis connection. Without `REDIS_URL`, every user of Redis has an in-process
//! fallback, which is correct for a single replica.

use std::time::Duration;

use anyhow::Context;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

#[derive(Clone)]
pub struct RedisLink {
    pub client: redis::Client,
    pub manager: ConnectionManager,
}

impl std::fmt::Debug for RedisLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedisLink")
    }
}

impl RedisLink {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let client = redis::Client::open(url).context("parsing REDIS_URL")?;
        let config = ConnectionManagerConfig::new()
            .set_response_timeout(Some(Duration::from_secs(2)))
            .set_connection_timeout(Some(Duration::from_secs(5)));
        let manager =
            ConnectionManager::new_with_config(client.clone(), config).await.context("connecting to Redis")?;
        Ok(Self { client, manager })
    }

    pub async fn ping(&self) -> bool {
        let mut conn = self.manager.clone();
        redis::cmd("PING").query_async::<String>(&mut conn).await.is_ok()
    }
}

//! Password hashing with argon2id, off the async threads.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::ApiError;

#[derive(Clone, Debug)]
pub struct PasswordHasher {
    params: Params,
    /// A hash of a random password, verified against when the user is unknown, so an unknown name
    /// costs the same time as a wrong password.
    dummy_hash: Arc<String>,
    /// Each hash holds `memory_kib` of memory: at most this many run at once, so a burst of
    /// sign-ins cannot exhaust memory.
    permits: Arc<Semaphore>,
}

/// How long a password check waits for a free slot before the caller is told to retry.
const WAIT_FOR_SLOT: Duration = Duration::from_secs(2);

impl PasswordHasher {
    pub fn new(memory_kib: u32, iterations: u32, concurrency: usize) -> anyhow::Result<Self> {
        let params = Params::new(memory_kib, iterations, 1, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
        let dummy_password = crate::auth::session::random_token();
        let dummy_hash = hash_with(&params, &dummy_password)?;
        Ok(Self { params, dummy_hash: Arc::new(dummy_hash), permits: Arc::new(Semaphore::new(concurrency.max(1))) })
    }

    async fn slot(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        match tokio::time::timeout(WAIT_FOR_SLOT, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(ApiError::Busy { retry_after_secs: 1 }),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String, ApiError> {
        let _slot = self.slot().await?;
        let params = self.params.clone();
        let password = password.to_string();
        tokio::task::spawn_blocking(move || hash_with(&params, &password))
            .await
            .map_err(|e| ApiError::Internal(e.into()))?
            .map_err(ApiError::Internal)
    }

    /// Verifies `password` against `stored`, or against the dummy hash when there is no user.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool, ApiError> {
        let _slot = self.slot().await?;
        let found = stored.is_some();
        let hash = stored.map(str::to_string).unwrap_or_else(|| self.dummy_hash.to_string());
        let password = password.to_string();
        let ok = tokio::task::spawn_blocking(move || {
            Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok()
        })
        .await
        .unwrap_or(false);
        Ok(ok && found)
    }
}

fn hash_with(params: &Params, password: &str) -> anyhow::Result<String> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let hash = argon.hash_password(password.as_bytes()).map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
    Ok(hash.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_check_beyond_the_concurrent_limit_is_told_to_retry() {
        let hasher = PasswordHasher::new(8, 1, 1).unwrap();
        let stored = hasher.hash("Correct-horse-1").await.unwrap();
        let held = hasher.permits.clone().try_acquire_owned().unwrap();
        let busy = hasher.verify("Correct-horse-1", Some(&stored)).await;
        assert!(matches!(busy, Err(ApiError::Busy { retry_after_secs: 1 })), "{busy:?}");
        drop(held);
        assert!(hasher.verify("Correct-horse-1", Some(&stored)).await.unwrap());
    }
}

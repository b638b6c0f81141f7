//! Password hashing with argon2id, off the async threads.

use std::sync::Arc;

use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::ApiError;

#[derive(Clone, Debug)]
pub struct PasswordHasher {
    params: Params,
    /// A hash of a random password, verified against when the user is unknown, so an unknown name
    /// costs the same time as a wrong password.
    dummy_hash: Arc<String>,
}

impl PasswordHasher {
    pub fn new(memory_kib: u32, iterations: u32) -> anyhow::Result<Self> {
        let params = Params::new(memory_kib, iterations, 1, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
        let dummy_password = crate::auth::session::random_token();
        let dummy_hash = hash_with(&params, &dummy_password)?;
        Ok(Self { params, dummy_hash: Arc::new(dummy_hash) })
    }

    pub async fn hash(&self, password: &str) -> Result<String, ApiError> {
        let params = self.params.clone();
        let password = password.to_string();
        tokio::task::spawn_blocking(move || hash_with(&params, &password))
            .await
            .map_err(|e| ApiError::Internal(e.into()))?
            .map_err(ApiError::Internal)
    }

    /// Verifies `password` against `stored`, or against the dummy hash when there is no user.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let found = stored.is_some();
        let hash = stored.map(str::to_string).unwrap_or_else(|| self.dummy_hash.to_string());
        let password = password.to_string();
        let ok = tokio::task::spawn_blocking(move || {
            Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok()
        })
        .await
        .unwrap_or(false);
        ok && found
    }
}

fn hash_with(params: &Params, password: &str) -> anyhow::Result<String> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let hash = argon.hash_password(password.as_bytes()).map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
    Ok(hash.to_string())
}

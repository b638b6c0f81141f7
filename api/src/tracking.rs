//! Tracking codes and their secrets, for anything a citizen files without an account (applications,
//! complaints, questionnaires…): the code is random and shown on receipts; the secret is derived
//! from the row's id with the server's key rather than stored, so a retried submission can be told
//! it again and a database dump alone does not reveal it.

use rand::Rng;
use uuid::Uuid;

use crate::audit::AuditKey;

/// Letters and digits that cannot be misread for one another (no I, O, 0 or 1).
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A fresh random code: the prefix, a hyphen and eight characters.
pub fn new_code(prefix: &str) -> String {
    let mut rng = rand::rng();
    let tail: String = (0..8).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    format!("{prefix}-{tail}")
}

/// The HMAC of the parts under `key`, each part closed by a unit separator so `["ab","c"]` and
/// `["a","bc"]` differ.
pub fn keyed(key: &[u8], parts: &[&str]) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key) else { return Vec::new() };
    for p in parts {
        mac.update(p.as_bytes());
        mac.update(b"\x1f");
    }
    mac.finalize().into_bytes().to_vec()
}

/// The twelve-character secret for row `id`; `purpose` keeps one kind's secrets apart from another's.
pub fn secret(key: &AuditKey, purpose: &str, id: Uuid) -> String {
    keyed(&key.derive(purpose), &[&id.to_string()])
        .iter()
        .take(12)
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// Whether `given` is row `id`'s secret, compared in constant time and forgiving case and spaces.
pub fn secret_matches(key: &AuditKey, purpose: &str, id: Uuid, given: &str) -> bool {
    use subtle::ConstantTimeEq;
    let expected = secret(key, purpose, id);
    let given = given.trim().to_ascii_uppercase();
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

//! Files that users upload and download: their type is read from their bytes, never taken from the
//! client, and they are always served as downloads so a file can never run as a page of this site.

use actix_web::{HttpResponse, web};
use futures_util::StreamExt;

use crate::error::ApiError;

/// Reads a raw upload, refusing it as soon as it grows past the limit.
pub async fn read_limited(mut payload: web::Payload, limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::MalformedBody(vec![]))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The type of a file from its first bytes: PDF, JPEG or PNG, and plain UTF-8 text where the caller
/// accepts it (notes kept as evidence).
pub fn sniff(bytes: &[u8], text_allowed: bool) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if text_allowed && std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')) {
        Some("text/plain; charset=utf-8")
    } else {
        None
    }
}

/// `attachment` with an ASCII fallback name and the real name in UTF-8 (RFC 6266 / RFC 5987), so
/// Chinese file names survive in every browser.
pub fn content_disposition(file_name: &str) -> String {
    let ascii: String =
        file_name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'.' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A stored file as a private download.
pub fn attachment(content_type: &str, file_name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type.to_string())
        .insert_header(("Content-Disposition", content_disposition(file_name)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}

/// Renders a formal letter to PDF off the async threads: typesetting is CPU-bound.
pub async fn render_letter(
    service: &gongkai_letters::LetterService,
    letter: gongkai_letters::Letter,
) -> Result<Vec<u8>, crate::error::ApiError> {
    use crate::error::ApiError;
    let renderer = service.renderer().map_err(|e| ApiError::Internal(anyhow::anyhow!(e)))?;
    tokio::task::spawn_blocking(move || renderer.render(&letter))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("letter task: {e}")))?
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("letter: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_keep_their_utf8_form_beside_an_ascii_fallback() {
        let header = content_disposition("办理记录.txt");
        assert!(header.starts_with("attachment; filename=\"____.txt\""));
        assert!(header.contains("filename*=UTF-8''%E5%8A%9E%E7%90%86%E8%AE%B0%E5%BD%95.txt"));
    }

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(b"%PDF-1.7 ...", false), Some("application/pdf"));
        assert_eq!(sniff("会议记录".as_bytes(), true), Some("text/plain; charset=utf-8"));
        assert_eq!(sniff("会议记录".as_bytes(), false), None);
        assert_eq!(sniff(b"<html>\0", true), None);
        assert_eq!(sniff(&[0x4D, 0x5A, 0x90, 0x00], true), None);
    }
}

//! Request bodies and query strings that are parsed and validated before a handler sees them.
//! Every failure names the field at fault.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use validator::Validate;

use crate::error::{ApiError, FieldError};

/// A JSON body of type `T`: unknown fields rejected (via `deny_unknown_fields` on `T`), every rule
/// of `T` checked.
///
/// Extraction itself never fails: the outcome is handed over by `into_inner`, which the handler calls
/// after every other extractor (above all the permission check) has passed. Otherwise a quick 400
/// would overtake a slower 401/403 and tell an unauthorized caller about the route's input.
#[derive(Debug)]
pub struct ValidatedJson<T>(Result<T, ApiError>);

impl<T> ValidatedJson<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|ct| {
                let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                essence == "application/json" || essence.ends_with("+json")
            })
            .unwrap_or(false);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let outcome = async {
                let bytes = bytes.await.map_err(|err| {
                    if err.as_response_error().status_code() == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
                        ApiError::PayloadTooLarge
                    } else {
                        ApiError::MalformedBody(vec![FieldError::new("", "invalid_json")])
                    }
                })?;
                if !is_json {
                    return Err(ApiError::UnsupportedMediaType);
                }
                let value: T = parse_json(&bytes)?;
                value.validate()?;
                Ok(value)
            };
            Ok(Self(outcome.await))
        })
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let (field, code) = classify(&path, &inner.to_string());
        if inner.is_syntax() || inner.is_eof() {
            ApiError::MalformedBody(vec![FieldError::new("", "invalid_json")])
        } else {
            ApiError::Validation(vec![FieldError::new(field, code)])
        }
    })
}

/// A query string of type `T`, checked like a body (and handed over the same way).
#[derive(Debug)]
pub struct ValidatedQuery<T>(Result<T, ApiError>);

impl<T> ValidatedQuery<T> {
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Self(parse_query(req.query_string()))))
    }
}

pub fn parse_query<T: DeserializeOwned + Validate>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    let value: T = serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let (field, code) = classify(&path, &err.into_inner().to_string());
        ApiError::Validation(vec![FieldError::new(field, code)])
    })?;
    value.validate()?;
    Ok(value)
}

/// Turns a serde message into the field at fault and a stable code.
fn classify(path: &str, message: &str) -> (String, &'static str) {
    let quoted = message.split('`').nth(1).map(str::to_string);
    let join = |name: String| {
        if path == "." || path.is_empty() {
            name
        } else if path == name || path.ends_with(&format!(".{name}")) {
            path.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    if message.starts_with("unknown field") {
        (join(quoted.unwrap_or_default()), "unknown_field")
    } else if message.starts_with("missing field") {
        (join(quoted.unwrap_or_default()), "required")
    } else if message.starts_with("invalid type") {
        (path.trim_start_matches('.').to_string(), "invalid_type")
    } else {
        (path.trim_start_matches('.').to_string(), "invalid_value")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    struct Input {
        #[validate(length(min = 1, max = 5, code = "length"))]
        name: String,
        count: Option<u32>,
    }

    fn fields(err: ApiError) -> Vec<(String, String)> {
        match err {
            ApiError::Validation(f) | ApiError::MalformedBody(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_missing_and_mistyped_fields_are_named() {
        let e = parse_json::<Input>(br#"{"name":"a","extra":1}"#).unwrap_err();
        assert_eq!(fields(e), vec![("extra".into(), "unknown_field".into())]);
        let e = parse_json::<Input>(br#"{}"#).unwrap_err();
        assert_eq!(fields(e), vec![("name".into(), "required".into())]);
        let e = parse_json::<Input>(br#"{"name":"a","count":"x"}"#).unwrap_err();
        assert_eq!(fields(e), vec![("count".into(), "invalid_type".into())]);
        let e = parse_json::<Input>(br#"{"name":"#).unwrap_err();
        assert_eq!(fields(e), vec![("".into(), "invalid_json".into())]);
    }

    #[test]
    fn query_strings_are_validated() {
        let e = parse_query::<Input>("name=toolongname").unwrap_err();
        assert_eq!(fields(e), vec![("name".into(), "length".into())]);
        let ok: Input = parse_query("name=ab&count=3").unwrap();
        assert_eq!(ok.count, Some(3));
    }
}

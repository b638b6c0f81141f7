//! Sending one email: SMTP through lettre in production, one `.eml` file per message in embedded
//! mode.

use std::path::PathBuf;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp(_) => f.write_str("Mailer::Smtp"),
            Self::Files(_, dir) => write!(f, "Mailer::Files({})", dir.display()),
        }
    }
}

/// Whether a failed send may succeed later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    Transient(String),
    Permanent(String),
}

#[derive(Debug, Clone)]
pub struct Outgoing {
    pub message_id: String,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The message as it goes on the wire. Names and subjects come from forms: lettre encodes them
/// (RFC 2047) and folds long lines, so no input can add a header or break the header section.
pub fn build(from: &Mailbox, mail: &Outgoing) -> Result<Message, SendError> {
    let name = header_text(&mail.to_name);
    let to: Mailbox = match mail.to_address.parse::<lettre::Address>() {
        Ok(address) => Mailbox::new(Some(name).filter(|n| !n.is_empty()), address),
        Err(e) => return Err(SendError::Permanent(format!("bad recipient address: {e}"))),
    };
    Message::builder()
        .message_id(Some(mail.message_id.clone()))
        .from(from.clone())
        .to(to)
        .subject(header_text(&mail.subject))
        .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
        .map_err(|e| SendError::Permanent(format!("building the message: {e}")))
}

/// Text fit for a header: line breaks and other control characters become spaces (a header is one
/// line; the property test found a display name with a CR that made lettre's encoder fail).
fn header_text(raw: &str) -> String {
    let cleaned: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        match &settings.smtp_url {
            Some(url) => {
                let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| anyhow::anyhow!("SMTP_URL is invalid: {e}"))?;
                if let Some(ca_file) = &settings.smtp_ca_file {
                    let pem = std::fs::read(ca_file)?;
                    let host =
                        url.expose().split('@').next_back().unwrap_or("").split([':', '/', '?']).next().unwrap_or("");
                    let params = TlsParameters::builder(host.to_string())
                        .add_root_certificate(Certificate::from_pem(&pem)?)
                        .build_rustls()?;
                    let tls =
                        if url.expose().starts_with("smtps://") { Tls::Wrapper(params) } else { Tls::Required(params) };
                    builder = builder.tls(tls);
                }
                Ok(Self::Smtp(builder.timeout(Some(std::time::Duration::from_secs(20))).build()))
            }
            None => {
                let dir = settings.data_dir.join("outbox");
                std::fs::create_dir_all(&dir)?;
                Ok(Self::Files(AsyncFileTransport::<Tokio1Executor>::new(&dir), dir))
            }
        }
    }

    pub async fn send(&self, from: &Mailbox, mail: &Outgoing) -> Result<(), SendError> {
        let message = build(from, mail)?;
        match self {
            Self::Smtp(transport) => transport.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() { SendError::Permanent(e.to_string()) } else { SendError::Transient(e.to_string()) }
            }),
            Self::Files(transport, _) => {
                transport.send(message).await.map(|_| ()).map_err(|e| SendError::Transient(e.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn headers(message: &Message) -> String {
        let raw = String::from_utf8_lossy(&message.formatted()).to_string();
        raw.split("\r\n\r\n").next().unwrap_or_default().to_string()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever a form puts in the name or subject — CR, LF, colons, 10,000 characters —
        /// the message keeps its headers: one Subject, one To, no Bcc, no line over 998 octets.
        #[test]
        fn form_text_never_adds_a_header_or_overlong_line(
            name in "(\\PC|\r|\n|:){0,300}",
            subject in "(\\PC|\r|\n|Bcc: x@evil.example){0,400}",
            long in 0usize..10_000,
        ) {
            let from: Mailbox = "平台 <noreply@gongkai.localhost>".parse().unwrap();
            let mail = Outgoing {
                message_id: "<m1@gongkai.localhost>".into(),
                to_address: "someone@example.org".into(),
                to_name: name,
                subject: format!("{subject}{}", "长".repeat(long)),
                text: "正文".into(),
                html: "<p>正文</p>".into(),
            };
            let message = build(&from, &mail).unwrap();
            let head = headers(&message);
            let starts = |prefix: &str| head.split("\r\n").filter(|l| l.to_ascii_lowercase().starts_with(prefix)).count();
            prop_assert_eq!(starts("subject:"), 1);
            prop_assert_eq!(starts("to:"), 1);
            prop_assert_eq!(starts("bcc:"), 0);
            prop_assert!(head.split("\r\n").all(|l| l.len() <= 998), "{}", head);
        }
    }
}

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
        let to: Mailbox = match mail.to_address.parse::<lettre::Address>() {
            Ok(address) => Mailbox::new(Some(mail.to_name.clone()).filter(|n| !n.is_empty()), address),
            Err(e) => return Err(SendError::Permanent(format!("bad recipient address: {e}"))),
        };
        let message = Message::builder()
            .message_id(Some(mail.message_id.clone()))
            .from(from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
            .map_err(|e| SendError::Permanent(format!("building the message: {e}")))?;
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

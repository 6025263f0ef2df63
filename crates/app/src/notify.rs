//! Telling moderators about held comments: a digest by email (SMTP, when
//! `[comments] smtp_host` is set) and/or a JSON POST to a webhook, batched so
//! a burst of spam makes one message, not hundreds.
//!
//! [`run`] waits for a wake-up (a comment was held), waits `batch` more for
//! others to arrive, then sends one digest of every pending comment nobody
//! was told about, and marks them notified. A failed send is logged and
//! retried with the next batch.

use khabar_comments::digest::{self, Digest};
use khabar_i18n::{I18n, LocaleSettings, Noun};
use khabar_store::CommentStore;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine.
    None,
}

/// Where digests go.
#[derive(Clone)]
pub struct NotifySettings {
    pub batch: Duration,
    pub webhook_url: Option<String>,
    pub smtp: Option<SmtpSettings>,
    pub base_url: String,
    pub locale: LocaleSettings,
}

#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: String,
    pub password: String,
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &"***")
            .finish_non_exhaustive()
    }
}

/// The email of a digest. The subject went through `digest::one_line`, and
/// lettre encodes headers itself: a name cannot add a header.
///
/// # Errors
/// When the message cannot be built (no recipient).
pub fn email(smtp: &SmtpSettings, d: &Digest) -> anyhow::Result<Message> {
    let mut builder = Message::builder()
        .from(smtp.from.clone())
        .subject(d.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    for to in &smtp.to {
        builder = builder.to(to.clone());
    }
    Ok(builder.body(d.text.clone())?)
}

async fn send_email(smtp: &SmtpSettings, d: &Digest) -> anyhow::Result<()> {
    let builder = match smtp.security {
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
        SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?,
        SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
    };
    let mut builder = builder
        .port(smtp.port)
        .timeout(Some(Duration::from_secs(20)));
    if !smtp.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            smtp.username.clone(),
            smtp.password.clone(),
        ));
    }
    builder.build().send(email(smtp, d)?).await?;
    Ok(())
}

async fn send_webhook(url: &str, d: &Digest) -> anyhow::Result<()> {
    let res = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .redirect(reqwest::redirect::Policy::none())
        .build()?
        .post(url)
        .json(&serde_json::json!({
            "event": "comments_held",
            "subject": d.subject,
            "comments": d.items,
        }))
        .send()
        .await?;
    anyhow::ensure!(
        res.status().is_success(),
        "webhook answered {}",
        res.status()
    );
    Ok(())
}

/// Sends one digest of the pending comments nobody was told about yet;
/// returns how many it covered.
///
/// # Errors
/// When the store fails or every configured channel failed.
pub async fn flush(
    store: &dyn CommentStore,
    settings: &NotifySettings,
    i18n: &I18n,
) -> anyhow::Result<usize> {
    let held = store.unnotified_pending(100).await?;
    if held.is_empty() {
        return Ok(0);
    }
    let l = i18n.localizer(&settings.locale);
    let subject = l.t_args(
        "comment-digest-subject",
        &[(
            "count",
            khabar_i18n::Arg::Str(&l.count(Noun::Comment, held.len() as u64)),
        )],
    );
    let d = digest::build(&subject, &settings.base_url, &held);
    let mut sent = false;
    let mut last_error = None;
    if let Some(smtp) = &settings.smtp {
        match send_email(smtp, &d).await {
            Ok(()) => sent = true,
            Err(e) => last_error = Some(e),
        }
    }
    if let Some(url) = &settings.webhook_url {
        match send_webhook(url, &d).await {
            Ok(()) => sent = true,
            Err(e) => last_error = Some(e),
        }
    }
    if !sent && let Some(e) = last_error {
        return Err(e);
    }
    let ids: Vec<_> = held.iter().map(|c| c.id).collect();
    store.mark_notified(&ids, jiff::Timestamp::now()).await?;
    Ok(held.len())
}

/// The notifier loop; when every sender of `wake` is gone (the server
/// stopped), it sends what it has gathered and ends.
pub async fn run(
    store: Arc<dyn CommentStore>,
    settings: NotifySettings,
    mut wake: mpsc::Receiver<()>,
) {
    let i18n = I18n::new();
    // Comments held while the server was down are reported once at start.
    let mut pending = true;
    loop {
        if !pending && wake.recv().await.is_none() {
            return;
        }
        pending = false;
        // Gather the batch; wake-ups meanwhile join it.
        let closed = tokio::select! {
            () = tokio::time::sleep(settings.batch) => false,
            () = async { while wake.recv().await.is_some() {} } => true,
        };
        match flush(&*store, &settings, &i18n).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(comments = n, "moderators notified"),
            Err(e) => tracing::warn!(error = %e, "moderator notification failed"),
        }
        if closed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_in_names_never_reaches_the_headers() {
        let smtp = SmtpSettings {
            host: "localhost".into(),
            port: 25,
            security: SmtpSecurity::None,
            username: String::new(),
            password: "secret".into(),
            from: "Khabar <news@example.com>".parse().unwrap(),
            to: vec!["mods@example.com".parse().unwrap()],
        };
        let held = khabar_core::Comment {
            id: khabar_core::CommentId(1),
            article_id: khabar_core::ArticleId(2),
            parent_id: None,
            author_name: "x\r\nBcc: victim@example.com\r\n".into(),
            body: "body\r\n.\r\nRCPT TO:<a@b.c>".into(),
            status: khabar_core::CommentStatus::Pending,
            hold_reason: None,
            is_staff: false,
            created_at: jiff::Timestamp::UNIX_EPOCH,
            moderated_at: None,
        };
        let d = digest::build("1 تعليق\r\nBcc: victim@example.com", "http://x", &[held]);
        let raw = String::from_utf8(email(&smtp, &d).unwrap().formatted()).unwrap();
        let head = raw.split("\r\n\r\n").next().unwrap();
        assert!(!head.to_lowercase().contains("\r\nbcc:"), "{head}");
        assert!(!raw.contains("\r\n.\r\n"), "{raw}");
        assert!(!format!("{smtp:?}").contains("secret"));
    }
}

//! The moderators' digest: held comments batched into one message, as text
//! for email and as JSON for a webhook. Pure: sending is the caller's job.
//!
//! Commenters choose their names, so every piece of their text that could
//! reach a header (the subject) or break a line-oriented format goes through
//! [`one_line`]: CR, LF, the Unicode line and paragraph separators, every
//! other control character and bidi controls become spaces.

use khabar_core::Comment;
use serde::Serialize;

/// `text` on one line: control characters, line separators and bidi controls
/// replaced by spaces, runs of spaces folded, at most `max` characters.
pub fn one_line(text: &str, max: usize) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{0085}')
                || khabar_arabic::is_bidi_control(c)
            {
                ' '
            } else {
                c
            }
        })
        .collect();
    let folded = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > max {
        let mut cut: String = folded.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        folded
    }
}

/// One held comment as the digest lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DigestItem {
    pub id: i64,
    pub article_id: i64,
    pub author: String,
    pub excerpt: String,
    pub reason: String,
    pub article_url: String,
}

/// A batch of held comments for moderators.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    pub subject: String,
    pub text: String,
    pub items: Vec<DigestItem>,
}

/// Builds the digest of `held` comments; `subject` is already localised
/// (e.g. «3 تعليقات بانتظار المراجعة») and is made one line here too.
pub fn build(subject: &str, base_url: &str, held: &[Comment]) -> Digest {
    let items: Vec<DigestItem> = held
        .iter()
        .map(|c| DigestItem {
            id: c.id.0,
            article_id: c.article_id.0,
            author: one_line(&c.author_name, 80),
            excerpt: one_line(&c.body, 200),
            reason: one_line(c.hold_reason.as_deref().unwrap_or(""), 80),
            article_url: format!("{base_url}/article/{}", c.article_id),
        })
        .collect();
    let mut text = String::new();
    for item in &items {
        text.push_str(&format!(
            "#{} — {} [{}]\n{}\n{}\n\n",
            item.id, item.author, item.reason, item.excerpt, item.article_url
        ));
    }
    text.push_str("khabar comments list --status pending\n");
    Digest {
        subject: one_line(subject, 150),
        text,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_core::{ArticleId, CommentId, CommentStatus};

    #[test]
    fn names_and_subjects_stay_on_one_line() {
        let cases = [
            (
                "هالة\r\nBcc: victim@example.com",
                "هالة Bcc: victim@example.com",
            ),
            ("a\u{2028}b\u{0085}c\u{0000}d", "a b c d"),
            ("\u{202E}علي\u{202C}", "علي"),
            ("   ", ""),
        ];
        for (input, want) in cases {
            assert_eq!(one_line(input, 100), want, "{input:?}");
        }
        assert_eq!(one_line("أبجدهوز", 4), "أبج…");
    }

    #[test]
    fn a_digest_lists_every_held_comment() {
        let c = Comment {
            id: CommentId(7),
            article_id: ArticleId(3),
            parent_id: None,
            author_name: "Eve\r\nSubject: pwned".into(),
            body: "سطر\nسطر <script>".into(),
            status: CommentStatus::Pending,
            hold_reason: Some("links".into()),
            is_staff: false,
            created_at: jiff::Timestamp::UNIX_EPOCH,
            moderated_at: None,
        };
        let d = build(
            "تعليقان\r\nبانتظار المراجعة",
            "https://news.example",
            &[c.clone(), c],
        );
        assert_eq!(d.subject, "تعليقان بانتظار المراجعة");
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[0].author, "Eve Subject: pwned");
        assert!(d.text.contains(
            "#7 — Eve Subject: pwned [links]\nسطر سطر <script>\nhttps://news.example/article/3\n"
        ));
        assert!(!d.text.contains("\r"));
    }
}

//! Readers' comments (تعليقات): what a reader submits, what moderators decide,
//! and the rules a submission must pass before any anti-spam check runs.
//!
//! The moderation vocabulary follows Lemmy's: a comment *removed* by staff
//! and a comment *deleted* by its author are different things, and neither
//! erases the original text (moderators can always see what was written).

use crate::ids::{ArticleId, CommentId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Waiting for a moderator (held by the policy or an anti-spam rule).
    Pending,
    /// Shown under the article.
    Approved,
    /// Marked as spam by a moderator or a rule; trains the spam filter.
    Spam,
    /// Taken down by staff; the text is kept for the record.
    Removed,
    /// Withdrawn by its author; the text is kept for the record.
    Deleted,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 5] = [
        CommentStatus::Pending,
        CommentStatus::Approved,
        CommentStatus::Spam,
        CommentStatus::Removed,
        CommentStatus::Deleted,
    ];

    /// The stored and wire spelling, e.g. `pending`.
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Approved => "approved",
            CommentStatus::Spam => "spam",
            CommentStatus::Removed => "removed",
            CommentStatus::Deleted => "deleted",
        }
    }

    /// The status spelled `s`, if any.
    pub fn parse(s: &str) -> Option<CommentStatus> {
        CommentStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A stored comment, as moderators see it (readers see only approved ones,
/// and never the commenter key or the hold reason).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub id: CommentId,
    pub article_id: ArticleId,
    /// The top-level comment this one answers (threads are two levels deep).
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    /// The text exactly as submitted (after validation), plain text.
    pub body: String,
    pub status: CommentStatus,
    /// Why a rule held or flagged it (`links`, `word_list`, `bayes`, …).
    pub hold_reason: Option<String>,
    /// Written by a member of staff (a moderator's reply).
    pub is_staff: bool,
    pub created_at: Timestamp,
    pub moderated_at: Option<Timestamp>,
}

/// What a reader submits through «اترك تعليقاً».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub article_id: ArticleId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    /// Optional, never shown; only its keyed hash is stored.
    pub email: String,
    pub body: String,
}

/// Bounds on a comment, in characters (never bytes). Over a bound the comment
/// is refused, never truncated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentLimits {
    pub name_chars: usize,
    pub body_chars: usize,
    pub email_chars: usize,
    /// Combining marks in a row at most: Arabic needs two or three (shadda
    /// and a vowel); "zalgo" text stacks hundreds.
    pub combining_run: usize,
}

impl Default for CommentLimits {
    fn default() -> Self {
        CommentLimits {
            name_chars: 60,
            body_chars: 3_000,
            email_chars: 254,
            combining_run: 4,
        }
    }
}

/// One reason a comment was refused, as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CommentError {
    #[error("name is required")]
    NameRequired,
    #[error("name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("comment is empty")]
    BodyRequired,
    #[error("comment is longer than {max} characters")]
    BodyTooLong { max: usize },
    #[error("email address is not valid")]
    EmailInvalid,
    #[error("{field} contains control characters")]
    ControlCharacters { field: &'static str },
    #[error("{field} stacks too many combining marks")]
    TooManyCombiningMarks { field: &'static str },
}

impl CommentError {
    /// The stable machine-readable code, e.g. `body_too_long`.
    pub fn code(&self) -> &'static str {
        match self {
            CommentError::NameRequired => "name_required",
            CommentError::NameTooLong { .. } => "name_too_long",
            CommentError::BodyRequired => "body_required",
            CommentError::BodyTooLong { .. } => "body_too_long",
            CommentError::EmailInvalid => "email_invalid",
            CommentError::ControlCharacters { .. } => "control_characters",
            CommentError::TooManyCombiningMarks { .. } => "too_many_combining_marks",
        }
    }
}

/// Returns true if and only if `c` is a combining mark (general categories
/// Mn, Mc, Me) in the ranges that matter for abuse and for Arabic.
fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}' | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}'
        | '\u{0E47}'..='\u{0E4E}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn longest_combining_run(s: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        if is_combining(c) {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
}

impl NewComment {
    /// Checks every rule and returns all violations at once. Callers strip
    /// bidi controls from the name and trim both fields first.
    ///
    /// # Errors
    /// Each failed rule, name first.
    pub fn validate(&self, limits: &CommentLimits) -> Result<(), Vec<CommentError>> {
        let mut errors = Vec::new();
        let name = self.author_name.trim();
        if name.is_empty() {
            errors.push(CommentError::NameRequired);
        } else if name.chars().count() > limits.name_chars {
            errors.push(CommentError::NameTooLong {
                max: limits.name_chars,
            });
        } else if has_control(name, false) {
            errors.push(CommentError::ControlCharacters { field: "name" });
        } else if longest_combining_run(name) > limits.combining_run {
            errors.push(CommentError::TooManyCombiningMarks { field: "name" });
        }
        let email = self.email.trim();
        if !email.is_empty()
            && (email.chars().count() > limits.email_chars
                || has_control(email, false)
                || email.chars().any(char::is_whitespace)
                || !email
                    .split_once('@')
                    .is_some_and(|(user, host)| !user.is_empty() && host.contains('.')))
        {
            errors.push(CommentError::EmailInvalid);
        }
        let body = self.body.trim();
        if body.is_empty() {
            errors.push(CommentError::BodyRequired);
        } else if body.chars().count() > limits.body_chars {
            errors.push(CommentError::BodyTooLong {
                max: limits.body_chars,
            });
        } else if has_control(body, true) {
            errors.push(CommentError::ControlCharacters { field: "body" });
        } else if longest_combining_run(body) > limits.combining_run {
            errors.push(CommentError::TooManyCombiningMarks { field: "body" });
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(name: &str, email: &str, body: &str) -> NewComment {
        NewComment {
            author_name: name.into(),
            email: email.into(),
            body: body.into(),
            article_id: ArticleId(1),
            parent_id: None,
        }
    }

    fn codes(c: &NewComment) -> Vec<&'static str> {
        match c.validate(&CommentLimits::default()) {
            Ok(()) => vec![],
            Err(errors) => errors.iter().map(CommentError::code).collect(),
        }
    }

    #[test]
    fn rules_table() {
        let long_body = "ب".repeat(3_001);
        let exact_body = "ب".repeat(3_000);
        let zalgo = format!("a{}", "\u{0301}".repeat(10_000));
        let cases: &[(NewComment, &[&str])] = &[
            (comment("هالة", "", "مقال مفيد، شكراً."), &[]),
            (comment("مُحَمَّدٌ", "reader@example.com", "شُكْرًا جَزِيلًا"), &[]),
            (comment("", "", "نص"), &["name_required"]),
            (comment("   ", "", "نص"), &["name_required"]),
            (comment(&"ع".repeat(61), "", "نص"), &["name_too_long"]),
            (comment("علي", "", "  \n "), &["body_required"]),
            (comment("علي", "", &long_body), &["body_too_long"]),
            (comment("علي", "", &exact_body), &[]),
            (comment("علي", "", &zalgo), &["body_too_long"]),
            (
                comment("علي", "", &format!("a{}", "\u{0301}".repeat(5))),
                &["too_many_combining_marks"],
            ),
            (comment("علي\u{0007}", "", "نص"), &["control_characters"]),
            (comment("علي", "", "سطر\nسطر"), &[]),
            (comment("علي", "not-an-email", "نص"), &["email_invalid"]),
            (
                comment("علي", "a@b.c\r\nBcc: x@y.z", "نص"),
                &["email_invalid"],
            ),
            (comment("", "", ""), &["name_required", "body_required"]),
        ];
        for (input, want) in cases {
            assert_eq!(codes(input), *want, "{input:?}");
        }
    }

    #[test]
    fn statuses_round_trip() {
        for s in CommentStatus::ALL {
            assert_eq!(CommentStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(CommentStatus::parse("hidden"), None);
    }
}

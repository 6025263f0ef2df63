//! The moderation decision: from the site's setting and what the rules saw
//! in a comment, publish it, hold it for a moderator, or file it as spam.
//!
//! Refusals (bad token, too fast, rate limit, duplicate, invalid input)
//! happen before this point and store nothing; everything that reaches
//! [`decide`] is stored, so a moderator can always see what a rule did.

use crate::text::{WordAction, WordHit};
use serde::{Deserialize, Serialize};

/// The `[comments] moderation` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    /// Every comment waits for a moderator.
    All,
    /// Commenters with an earlier approved comment are published directly.
    #[default]
    FirstTime,
    /// Comments are published unless a rule holds them.
    None,
}

/// Why a comment was held or filed as spam; stored with the comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The moderation setting holds this commenter's comments.
    Policy,
    /// Two links or more.
    Links,
    /// A link from someone with no approved comment yet.
    FirstTimeLink,
    /// A phrase on the moderators' hold or spam list.
    WordList,
    /// The spam filter scored it as likely spam.
    Bayes,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Policy => "policy",
            Reason::Links => "links",
            Reason::FirstTimeLink => "first_time_link",
            Reason::WordList => "word_list",
            Reason::Bayes => "bayes",
        }
    }
}

/// What the rules saw in one comment.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    /// The commenter has an approved comment already (by email hash).
    pub known_commenter: bool,
    pub link_count: usize,
    pub word_hit: Option<WordHit>,
    /// From [`crate::bayes::Counts::spam_probability`].
    pub spam_probability: Option<f64>,
}

/// Spam probability from which the filter holds a comment.
pub const BAYES_HOLD_AT: f64 = 0.9;

/// The outcome for a comment that passed every refusal rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Publish,
    Hold(Vec<Reason>),
    Spam(Reason),
}

/// Decides a comment's fate. Rules, in order:
///
/// 1. a phrase on the spam list → spam;
/// 2. two or more links → hold; one link from a first-time commenter → hold;
///    a phrase on the hold list → hold; a spam probability ≥ 0.9 → hold;
/// 3. the setting: `all` holds everything, `first_time` holds commenters
///    without an approved comment, `none` holds nothing more.
pub fn decide(moderation: Moderation, s: &Signals) -> Decision {
    if let Some(hit) = &s.word_hit
        && hit.action == WordAction::Spam
    {
        return Decision::Spam(Reason::WordList);
    }
    let mut reasons = Vec::new();
    let policy_holds = match moderation {
        Moderation::All => true,
        Moderation::FirstTime => !s.known_commenter,
        Moderation::None => false,
    };
    if policy_holds {
        reasons.push(Reason::Policy);
    }
    if s.link_count >= 2 {
        reasons.push(Reason::Links);
    } else if s.link_count == 1 && !s.known_commenter {
        reasons.push(Reason::FirstTimeLink);
    }
    if s.word_hit.is_some() {
        reasons.push(Reason::WordList);
    }
    if s.spam_probability.is_some_and(|p| p >= BAYES_HOLD_AT) {
        reasons.push(Reason::Bayes);
    }
    if reasons.is_empty() {
        Decision::Publish
    } else {
        Decision::Hold(reasons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Moderation::{All, FirstTime, None as Open};
    use Reason::*;

    fn signals(known: bool, links: usize, word: Option<WordAction>, p: Option<f64>) -> Signals {
        Signals {
            known_commenter: known,
            link_count: links,
            word_hit: word.map(|action| WordHit {
                phrase: "x".into(),
                action,
            }),
            spam_probability: p,
        }
    }

    #[test]
    fn decision_table() {
        let hold = |r: &[Reason]| Decision::Hold(r.to_vec());
        let cases = [
            // The three settings, for a plain comment.
            (All, signals(true, 0, None, None), hold(&[Policy])),
            (FirstTime, signals(true, 0, None, None), Decision::Publish),
            (FirstTime, signals(false, 0, None, None), hold(&[Policy])),
            (Open, signals(false, 0, None, None), Decision::Publish),
            // Links.
            (Open, signals(true, 1, None, None), Decision::Publish),
            (Open, signals(false, 1, None, None), hold(&[FirstTimeLink])),
            (Open, signals(true, 2, None, None), hold(&[Links])),
            (
                FirstTime,
                signals(false, 3, None, None),
                hold(&[Policy, Links]),
            ),
            // Word lists.
            (
                Open,
                signals(true, 0, Some(WordAction::Hold), None),
                hold(&[WordList]),
            ),
            (
                Open,
                signals(true, 0, Some(WordAction::Spam), None),
                Decision::Spam(WordList),
            ),
            (
                All,
                signals(true, 5, Some(WordAction::Spam), None),
                Decision::Spam(WordList),
            ),
            // The filter holds, never files as spam.
            (Open, signals(true, 0, None, Some(0.95)), hold(&[Bayes])),
            (Open, signals(true, 0, None, Some(0.89)), Decision::Publish),
            (FirstTime, signals(true, 0, None, Some(1.0)), hold(&[Bayes])),
        ];
        for (moderation, s, want) in cases {
            assert_eq!(decide(moderation, &s), want, "{moderation:?} {s:?}");
        }
    }
}

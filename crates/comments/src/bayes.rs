//! A naive Bayes spam score learned from moderators' decisions.
//!
//! Each approved comment is a "ham" document and each comment marked as spam
//! a "spam" document; a document is the set of its stems
//! ([`crate::text::learnable_tokens`]). The store keeps, per stem, how many
//! documents of each class contained it, and the number of documents per
//! class; [`Counts`] is that slice of the model for one comment's stems.
//!
//! P(stem | class) uses Laplace smoothing, (n + 1) / (docs + 2), so a stem
//! seen in one class only never gives a probability of 0 or 1. Stems never
//! seen in training are skipped: they say nothing. The score is computed in
//! log space (no underflow on long comments).
//!
//! The score is advisory: [`crate::policy::decide`] may hold a comment on it,
//! and nothing is ever dropped because of it.

use std::collections::HashMap;

/// The part of the trained model one comment needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub spam_docs: u64,
    pub ham_docs: u64,
    /// Per stem: (spam documents containing it, ham documents containing it).
    pub tokens: HashMap<String, (u64, u64)>,
}

/// Documents of each class the model needs before its score is used.
pub const MIN_DOCS_PER_CLASS: u64 = 5;

impl Counts {
    /// Returns true if and only if both classes have enough documents for the
    /// score to mean something.
    pub fn is_trained(&self) -> bool {
        self.spam_docs >= MIN_DOCS_PER_CLASS && self.ham_docs >= MIN_DOCS_PER_CLASS
    }

    /// The probability that a comment made of `tokens` is spam, in 0..=1, or
    /// `None` while the model is not trained or knows none of the stems.
    pub fn spam_probability(&self, tokens: &[String]) -> Option<f64> {
        if !self.is_trained() {
            return None;
        }
        let (spam_docs, ham_docs) = (self.spam_docs as f64, self.ham_docs as f64);
        let total = spam_docs + ham_docs;
        let mut log_spam = (spam_docs / total).ln();
        let mut log_ham = (ham_docs / total).ln();
        let mut known = 0;
        for t in tokens {
            let Some(&(s, h)) = self.tokens.get(t) else {
                continue;
            };
            if s == 0 && h == 0 {
                continue;
            }
            known += 1;
            log_spam += ((s as f64 + 1.0) / (spam_docs + 2.0)).ln();
            log_ham += ((h as f64 + 1.0) / (ham_docs + 2.0)).ln();
        }
        if known == 0 {
            return None;
        }
        // P(spam) = 1 / (1 + e^(log_ham - log_spam)), stable for large gaps.
        Some(1.0 / (1.0 + (log_ham - log_spam).exp()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::learnable_tokens;

    /// Trains counts the way the store does, from labelled bodies.
    fn train(docs: &[(&str, bool)]) -> Counts {
        let mut c = Counts::default();
        for (body, spam) in docs {
            if *spam {
                c.spam_docs += 1;
            } else {
                c.ham_docs += 1;
            }
            for t in learnable_tokens(body) {
                let e = c.tokens.entry(t).or_default();
                if *spam {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        c
    }

    fn corpus() -> Vec<(&'static str, bool)> {
        vec![
            ("اربح المال بسرعة من القمار اضغط الرابط", true),
            ("كازينو مجاني اربح الآن جوائز", true),
            ("قروض سريعة بدون فوائد اتصل الآن", true),
            ("اربح جوائز القمار مجانا اليوم", true),
            ("خصم كبير على الساعات اضغط هنا الآن", true),
            ("مقال مفيد شكرا للكاتب على التحليل", false),
            ("أختلف مع الكاتب في قراءة الميزانية", false),
            ("شكرا على التغطية الدقيقة للأحداث", false),
            ("متى تبدأ المرحلة الثانية من خطة النقل؟", false),
            ("تحليل ممتاز للوضع الاقتصادي في المنطقة", false),
        ]
    }

    #[test]
    fn an_untrained_model_says_nothing() {
        let few = train(&corpus()[..4]);
        assert_eq!(few.spam_probability(&learnable_tokens("اربح القمار")), None);
        let trained = train(&corpus());
        assert!(trained.is_trained());
        assert_eq!(
            trained.spam_probability(&learnable_tokens("zzz qqq")),
            None,
            "unknown stems only"
        );
    }

    #[test]
    fn spam_scores_high_and_ham_scores_low() {
        let c = train(&corpus());
        let cases = [
            ("اربح جوائز القمار الآن", true),
            ("كازينو مجاني اضغط الرابط", true),
            ("شكرا للكاتب على التحليل الدقيق", false),
            ("أختلف مع قراءة الكاتب للميزانية", false),
        ];
        for (body, spam) in cases {
            let p = c
                .spam_probability(&learnable_tokens(body))
                .expect("known stems");
            assert!((0.0..=1.0).contains(&p));
            assert_eq!(p > 0.5, spam, "{body}: {p}");
        }
    }

    #[test]
    fn long_comments_do_not_underflow() {
        let c = train(&corpus());
        let body = "اربح القمار الآن ".repeat(500);
        let p = c.spam_probability(&learnable_tokens(&body)).expect("score");
        assert!(p.is_finite() && p > 0.5);
    }
}

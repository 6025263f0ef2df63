//! Demo content: the Arabic articles written for this project (embedded from
//! `demo/articles/`), and a generator of synthetic articles built from their
//! sentences for load tests.

use anyhow::Context;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use khabar_core::{ArticleStatus, NewArticle, NewTaxonomy};
use khabar_ingest::{ImportOptions, parse_article};
use khabar_store::SharedStore;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../demo/articles/"]
#[include = "*.md"]
struct DemoFiles;

/// The demo articles, in file-name order.
///
/// # Errors
/// A demo file that does not parse (a bug caught by the test suite).
pub fn demo_articles(time_zone: &TimeZone) -> anyhow::Result<Vec<NewArticle>> {
    let options = ImportOptions {
        time_zone: time_zone.clone(),
        now: Timestamp::now(),
    };
    let mut names: Vec<_> = DemoFiles::iter().collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let file = DemoFiles::get(name).context("demo file vanished")?;
            let text = std::str::from_utf8(&file.data)
                .with_context(|| format!("demo/articles/{name}: not UTF-8"))?;
            parse_article(text, &options)
                .map(|(article, _)| article)
                .with_context(|| format!("demo/articles/{name}"))
        })
        .collect()
}

/// Loads the demo articles when the database has no article at all; returns
/// how many were loaded (0 when the site already has content).
///
/// # Errors
/// Database errors, or a demo file that does not parse.
pub async fn load_if_empty(store: &SharedStore, time_zone: &TimeZone) -> anyhow::Result<usize> {
    if store.article_count().await? > 0 {
        return Ok(0);
    }
    let articles = demo_articles(time_zone)?;
    store.create_articles(&articles, Timestamp::now()).await?;
    Ok(articles.len())
}

/// Makes plausible synthetic Arabic articles from the demo corpus: titles from
/// its words, bodies from its paragraphs, the demo sections, tags and authors,
/// dates spread over the past two years. Deterministic for a given seed.
pub struct Generator {
    rng: fastrand::Rng,
    paragraphs: Vec<String>,
    headings: Vec<String>,
    title_words: Vec<String>,
    leads: Vec<String>,
    sections: Vec<NewTaxonomy>,
    tags: Vec<NewTaxonomy>,
    authors: Vec<NewTaxonomy>,
    now: Timestamp,
}

impl Generator {
    /// # Errors
    /// When the demo corpus cannot be read.
    pub fn new(seed: u64) -> anyhow::Result<Generator> {
        let demo = demo_articles(&TimeZone::UTC)?;
        let mut g = Generator {
            rng: fastrand::Rng::with_seed(seed),
            paragraphs: Vec::new(),
            headings: Vec::new(),
            title_words: Vec::new(),
            leads: Vec::new(),
            sections: Vec::new(),
            tags: Vec::new(),
            authors: Vec::new(),
            now: Timestamp::now(),
        };
        for a in demo {
            for block in a.body.split("\n\n") {
                let block = block.trim();
                if let Some(h) = block.strip_prefix("## ") {
                    g.headings.push(h.to_string());
                } else if !block.is_empty() && !block.starts_with(['#', '>', '-', '1']) {
                    g.paragraphs.push(block.to_string());
                }
            }
            g.title_words
                .extend(a.title.split_whitespace().map(str::to_string));
            g.leads.push(a.lead);
            g.sections.extend(a.section);
            g.authors.extend(a.author);
            g.tags.extend(a.tags);
        }
        for list in [&mut g.sections, &mut g.authors, &mut g.tags] {
            list.sort_by(|a, b| a.name.cmp(&b.name));
            list.dedup_by(|a, b| a.name == b.name);
        }
        anyhow::ensure!(
            !g.paragraphs.is_empty() && !g.sections.is_empty() && !g.headings.is_empty(),
            "the demo corpus is empty"
        );
        Ok(g)
    }

    fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
        &items[rng.usize(..items.len())]
    }

    /// The next synthetic article.
    pub fn article(&mut self) -> NewArticle {
        let words = self.rng.usize(6..12);
        let title: Vec<&str> = (0..words)
            .map(|_| Self::pick(&mut self.rng, &self.title_words).as_str())
            .collect();
        let title = title.join(" ");
        let mut body = String::new();
        let paragraphs = self.rng.usize(4..8);
        for i in 0..paragraphs {
            if i == 2 {
                body.push_str("## ");
                body.push_str(Self::pick(&mut self.rng, &self.headings).as_str());
                body.push_str("\n\n");
            }
            body.push_str(Self::pick(&mut self.rng, &self.paragraphs).as_str());
            body.push_str("\n\n");
        }
        let tags = (0..self.rng.usize(1..4))
            .map(|_| Self::pick(&mut self.rng, &self.tags).clone())
            .collect::<Vec<_>>();
        let mut unique_tags: Vec<NewTaxonomy> = Vec::new();
        for t in tags {
            if !unique_tags.iter().any(|u| u.name == t.name) {
                unique_tags.push(t);
            }
        }
        let age = SignedDuration::from_secs(self.rng.i64(60..2 * 365 * 24 * 3600));
        NewArticle {
            slug: khabar_arabic::slugify(&title, 80),
            lead: Self::pick(&mut self.rng, &self.leads).clone(),
            body,
            section: Some(Self::pick(&mut self.rng, &self.sections).clone()),
            tags: unique_tags,
            author: Some(Self::pick(&mut self.rng, &self.authors).clone()),
            source: None,
            status: ArticleStatus::Published,
            published_at: Some(self.now - age),
            cover: None,
            title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_article_parses_and_meets_the_content_bar() {
        let articles = demo_articles(&TimeZone::UTC).expect("demo parses");
        assert!(articles.len() >= 30, "{} demo articles", articles.len());
        let mut sections: Vec<_> = articles
            .iter()
            .filter_map(|a| a.section.as_ref().map(|s| s.name.clone()))
            .collect();
        sections.sort();
        sections.dedup();
        assert!(sections.len() >= 5, "{sections:?}");
        for a in &articles {
            assert!(!a.lead.is_empty(), "{}: no lead", a.title);
            assert!(a.body.contains("\n## "), "{}: no sub-heading", a.title);
            let paragraphs = a
                .body
                .split("\n\n")
                .filter(|b| !b.trim_start().starts_with(['#', '>', '-']))
                .count();
            assert!(paragraphs >= 4, "{}: {paragraphs} paragraphs", a.title);
        }
        assert!(articles.iter().filter(|a| a.source.is_some()).count() >= 5);
    }

    #[test]
    fn synthetic_articles_are_valid_and_deterministic() {
        let mut a = Generator::new(7).expect("generator");
        let mut b = Generator::new(7).expect("generator");
        for _ in 0..200 {
            let x = a.article();
            let y = b.article();
            assert_eq!(x.title, y.title);
            assert_eq!(x.validate(), Ok(()), "{}", x.title);
        }
    }
}

//! Search at scale: Khabar's index against SQLite FTS5 on the same text.
//!
//! `cargo bench -p khabar-bench --bench search` (release build). Articles:
//! `KHABAR_BENCH_ARTICLES` (default 100000), synthetic, from the demo
//! corpus (`khabar_app::demo::Generator`). Measures, in one run:
//!
//! - index build time (tantivy on disk; FTS5 `unicode61 remove_diacritics 2`
//!   in a SQLite file, the baseline a user might otherwise pick);
//! - search latency p50/p95/p99 for common and rare words (Khabar with
//!   snippets, FTS5 with `snippet()` and `order by rank`, 10 results);
//! - recall on variant-spelling queries (hamza, clitics, taa marbuta, alef
//!   maqsura, hamza seats), relevant = articles containing one of the
//!   surface forms listed per query;
//! - related-article computation time per article;
//! - near-duplicate lookups: how many rewritten copies of indexed articles
//!   (other hamza and taa marbuta spelling, no diacritics, last paragraph
//!   dropped, a sentence added) find their original, and how long it takes;
//! - peak memory (VmHWM) after building and searching.
//!
//! Not a criterion bench: percentiles over a fixed query set are the
//! figures wanted, and the build runs once.

use jiff::Timestamp;
use khabar_core::{
    Article, ArticleId, Author, AuthorId, NewArticle, Section, SectionId, Tag, TagId,
};
use khabar_search::{ReaderQuery, SearchIndex, SearchRequest, Subject, Watermark};
use sqlx::Row;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// Variant queries: what the reader types, and the written forms that make
/// an article relevant.
const VARIANTS: &[(&str, &[&str])] = &[
    (
        "ادارة",
        &[
            "إدارة",
            "الإدارة",
            "وإدارة",
            "والإدارة",
            "بإدارة",
            "لإدارة",
            "ادارة",
            "الادارة",
        ],
    ),
    (
        "اسعار",
        &[
            "أسعار",
            "الأسعار",
            "وأسعار",
            "بأسعار",
            "والأسعار",
            "بالأسعار",
            "للأسعار",
            "اسعار",
            "الاسعار",
        ],
    ),
    (
        "مسئول",
        &[
            "مسؤول",
            "المسؤول",
            "مسئول",
            "المسئول",
            "والمسؤول",
            "مسؤولون",
            "المسؤولون",
        ],
    ),
    (
        "المستشفي",
        &[
            "مستشفى",
            "المستشفى",
            "بالمستشفى",
            "والمستشفى",
            "للمستشفى",
            "المستشفي",
        ],
    ),
    ("الاولى", &["الأولى", "الاولى", "والأولى"]),
    (
        "البيانات",
        &[
            "بيانات",
            "البيانات",
            "وبيانات",
            "بالبيانات",
            "والبيانات",
            "للبيانات",
        ],
    ),
    (
        "لجنه",
        &["لجنة", "اللجنة", "لجنه", "واللجنة", "باللجنة", "للجنة"],
    ),
    ("اضافة", &["إضافة", "الإضافة", "بالإضافة", "وإضافة", "اضافة"]),
];

struct Corpus {
    articles: Vec<Article>,
}

fn generate(n: usize) -> anyhow::Result<Corpus> {
    let mut generator = khabar_app::demo::Generator::new(7)?;
    let mut sections: HashMap<String, i64> = HashMap::new();
    let mut tags: HashMap<String, i64> = HashMap::new();
    let mut authors: HashMap<String, i64> = HashMap::new();
    let id_of = |map: &mut HashMap<String, i64>, name: &str| {
        let next = map.len() as i64 + 1;
        *map.entry(name.to_owned()).or_insert(next)
    };
    let now = Timestamp::now();
    let mut articles = Vec::with_capacity(n);
    for i in 0..n {
        let a: NewArticle = generator.article();
        let section = a.section.as_ref().map(|s| Section {
            id: SectionId(id_of(&mut sections, &s.name)),
            slug: s.slug.clone(),
            name: s.name.clone(),
            position: 0,
        });
        let author = a.author.as_ref().map(|s| Author {
            id: AuthorId(id_of(&mut authors, &s.name)),
            slug: s.slug.clone(),
            name: s.name.clone(),
            bio: String::new(),
        });
        let tag_list = a
            .tags
            .iter()
            .map(|t| Tag {
                id: TagId(id_of(&mut tags, &t.name)),
                slug: t.slug.clone(),
                name: t.name.clone(),
            })
            .collect();
        articles.push(Article {
            id: ArticleId(i as i64 + 1),
            slug: a.slug,
            title: a.title,
            lead: a.lead,
            body: a.body,
            section,
            tags: tag_list,
            author,
            source: None,
            status: a.status,
            published_at: a.published_at,
            created_at: now,
            updated_at: now,
            cover: None,
            index_changed_at: None,
        });
    }
    Ok(Corpus { articles })
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort_unstable();
    let at = |p: f64| {
        let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
        samples.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        at(0.50),
        at(0.95),
        at(0.99)
    )
}

fn vm(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or_else(|| "?".into(), |kb| format!("{} MB", kb / 1024))
}

/// Words by document frequency (in the first 20,000 articles): the 100 most
/// and the 100 least frequent of four letters or more.
fn word_sets(corpus: &Corpus) -> (Vec<String>, Vec<String>) {
    let mut df: HashMap<String, usize> = HashMap::new();
    for a in corpus.articles.iter().take(20_000) {
        let mut seen = HashSet::new();
        let text = khabar_search::schema::matching_text(a);
        for w in khabar_arabic::words(&text) {
            if w.text.chars().count() >= 4 && seen.insert(w.text) {
                *df.entry(w.text.to_owned()).or_default() += 1;
            }
        }
    }
    let mut by_df: Vec<(String, usize)> = df.into_iter().collect();
    by_df.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let common = by_df.iter().take(100).map(|(w, _)| w.clone()).collect();
    let rare = by_df
        .iter()
        .rev()
        .take(100)
        .map(|(w, _)| w.clone())
        .collect();
    (common, rare)
}

/// Min and max number of matching articles of `words` in the whole index.
fn rare_df(index: &SearchIndex, words: &[String]) -> (usize, usize) {
    let counts: Vec<usize> = words
        .iter()
        .map(|w| {
            index
                .matching_ids(&ReaderQuery::parse(w))
                .map_or(0, |v| v.len())
        })
        .collect();
    (
        counts.iter().copied().min().unwrap_or(0),
        counts.iter().copied().max().unwrap_or(0),
    )
}

fn khabar_latency(index: &SearchIndex, words: &[String]) -> anyhow::Result<Vec<Duration>> {
    let now = Timestamp::now();
    let mut out = Vec::with_capacity(words.len() * 2);
    for _ in 0..2 {
        for w in words {
            let request = SearchRequest {
                query: ReaderQuery::parse(w),
                limit: 10,
                ..SearchRequest::default()
            };
            let t = Instant::now();
            let r = index.search(&request, now)?;
            out.push(t.elapsed());
            std::hint::black_box(r);
        }
    }
    Ok(out)
}

async fn fts_latency(pool: &sqlx::SqlitePool, words: &[String]) -> anyhow::Result<Vec<Duration>> {
    let mut out = Vec::with_capacity(words.len() * 2);
    for _ in 0..2 {
        for w in words {
            let t = Instant::now();
            let rows = sqlx::query(
                "select rowid, title, snippet(fts, 2, '<mark>', '</mark>', '…', 20) from fts \
                 where fts match ? order by rank limit 10",
            )
            .bind(format!("\"{w}\""))
            .fetch_all(pool)
            .await?;
            let _total: i64 = sqlx::query_scalar("select count(*) from fts where fts match ?")
                .bind(format!("\"{w}\""))
                .fetch_one(pool)
                .await?;
            out.push(t.elapsed());
            std::hint::black_box(rows);
        }
    }
    Ok(out)
}

fn relevant(corpus: &Corpus, forms: &[&str]) -> HashSet<i64> {
    let forms: HashSet<&str> = forms.iter().copied().collect();
    corpus
        .articles
        .iter()
        .filter(|a| {
            let text = khabar_search::schema::matching_text(a);
            khabar_arabic::words(&text).any(|w| forms.contains(w.text))
        })
        .map(|a| a.id.0)
        .collect()
}

/// A copy of `a` as another outlet might run it: bare alef for every hamza
/// seat, ه for a final taa marbuta, no diacritics, the last paragraph
/// dropped and a sentence of its own in front.
fn rewritten_copy(a: &Article) -> String {
    let mut paragraphs: Vec<&str> = a.body.split("\n\n").collect();
    if paragraphs.len() > 2 {
        paragraphs.pop();
    }
    let text = format!(
        "{}\n\nنقلت وكالات الأنباء اليوم التفاصيل التالية. {}\n\n{}",
        a.title,
        a.lead,
        paragraphs.join("\n\n")
    );
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'أ' | 'إ' | 'آ' => out.push('ا'),
            'ة' if !chars.peek().is_some_and(|n| n.is_alphabetic()) => out.push('ه'),
            '\u{064B}'..='\u{0652}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Looks up rewritten copies of 200 indexed articles with
/// `find_near_duplicates`, as ingestion does before publishing.
fn near_duplicates(index: &SearchIndex, corpus: &Corpus, n: usize) -> anyhow::Result<()> {
    let mut times = Vec::new();
    let (mut found, mut listed) = (0usize, 0usize);
    for a in corpus.articles.iter().step_by((n / 200).max(1)).take(200) {
        let copy = Subject {
            id: ArticleId(i64::MAX),
            text: rewritten_copy(a),
            tag_ids: Vec::new(),
            section_id: None,
        };
        let t = Instant::now();
        let dups = index.find_near_duplicates(&copy)?;
        times.push(t.elapsed());
        listed += dups.len();
        if dups.iter().any(|d| d.id == a.id) {
            found += 1;
        }
    }
    let total = times.len();
    println!(
        "near-duplicate lookups ({total} rewritten copies): original found {found}/{total}, \
         {:.1} suspected duplicates listed per copy, {}",
        listed as f64 / total.max(1) as f64,
        percentiles(times)
    );
    Ok(())
}

async fn build_fts(
    corpus: &Corpus,
    path: &std::path::Path,
) -> anyhow::Result<(sqlx::SqlitePool, Duration)> {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    sqlx::query("create virtual table fts using fts5(title, lead, body, tokenize = 'unicode61 remove_diacritics 2')")
        .execute(&pool)
        .await?;
    let t = Instant::now();
    for chunk in corpus.articles.chunks(1_000) {
        let mut tx = pool.begin().await?;
        for a in chunk {
            sqlx::query("insert into fts (rowid, title, lead, body) values (?, ?, ?, ?)")
                .bind(a.id.0)
                .bind(&a.title)
                .bind(&a.lead)
                .bind(khabar_search::schema::plain_text(&a.body))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    Ok((pool, t.elapsed()))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let n: usize = std::env::var("KHABAR_BENCH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    println!("# search benchmark: {n} synthetic articles");
    let corpus = generate(n)?;
    println!("RSS after generating: {}", vm("VmRSS"));

    let (index, _) = SearchIndex::open(&dir.path().join("index"))?;
    let t = Instant::now();
    for chunk in corpus.articles.chunks(1_000) {
        index.apply(chunk, &[])?;
    }
    index.commit(Watermark::default())?;
    let khabar_build = t.elapsed();
    println!(
        "khabar index build: {:.1} s ({} docs), peak RSS {}",
        khabar_build.as_secs_f64(),
        index.len(),
        vm("VmHWM")
    );

    let (pool, fts_build) = build_fts(&corpus, &dir.path().join("fts.db")).await?;
    println!("fts5 index build:   {:.1} s", fts_build.as_secs_f64());

    let (common, rare) = word_sets(&corpus);
    for (label, words) in [("common", &common), ("rare", &rare)] {
        let k = khabar_latency(&index, words)?;
        let f = fts_latency(&pool, words).await?;
        println!(
            "{label:>6} words ({} queries): khabar {} | fts5 {}",
            k.len(),
            percentiles(k),
            percentiles(f)
        );
        let (min, max) = rare_df(&index, words);
        println!("        ({label} words match {min} to {max} articles each)");
    }

    println!("variant-spelling recall (relevant = articles with one of the listed written forms):");
    let (mut k_sum, mut f_sum) = (0.0, 0.0);
    for (query, forms) in VARIANTS {
        let want = relevant(&corpus, forms);
        let got: HashSet<i64> = index
            .matching_ids(&ReaderQuery::parse(query))?
            .into_iter()
            .map(|id| id.0)
            .collect();
        let fts: HashSet<i64> = sqlx::query("select rowid from fts where fts match ?")
            .bind(format!("\"{query}\""))
            .fetch_all(&pool)
            .await?
            .iter()
            .map(|r| r.get::<i64, _>(0))
            .collect();
        let recall = |found: &HashSet<i64>| {
            if want.is_empty() {
                1.0
            } else {
                found.intersection(&want).count() as f64 / want.len() as f64
            }
        };
        let (k, f) = (recall(&got), recall(&fts));
        k_sum += k;
        f_sum += f;
        println!(
            "  {query:<10} relevant {:>6}: khabar {:>5.1}% ({} hits) | fts5 {:>5.1}%",
            want.len(),
            k * 100.0,
            got.len(),
            f * 100.0
        );
    }
    let q = VARIANTS.len() as f64;
    println!(
        "  mean recall: khabar {:.1}% | fts5 {:.1}%",
        k_sum / q * 100.0,
        f_sum / q * 100.0
    );

    let now = Timestamp::now();
    let mut related = Vec::new();
    for a in corpus.articles.iter().step_by((n / 200).max(1)).take(200) {
        let subject = Subject::of(a);
        let t = Instant::now();
        let r = index.related(&subject, 5, now)?;
        related.push(t.elapsed());
        std::hint::black_box(r);
    }
    println!(
        "related articles ({} articles): {}",
        related.len(),
        percentiles(related)
    );
    near_duplicates(&index, &corpus, n)?;
    println!("peak RSS (whole run, both engines): {}", vm("VmHWM"));
    pool.close().await;
    Ok(())
}

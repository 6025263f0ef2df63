//! Arabic analysis throughput: Khabar's normalise + tokenize + stem against
//! tantivy's default tokenizer (SimpleTokenizer + LowerCaser) on the same
//! text. Run with `cargo bench -p khabar-bench --bench analysis`.
//!
//! The text is the Markdown of `demo/articles/` when at least
//! [`MIN_ARTICLES`] articles are there, else a synthetic Arabic corpus built
//! here (the run says which).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar_arabic::tantivy_adapter::ArabicTokenizer;
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream};

/// Fewer demo articles than this and the bench uses the synthetic corpus.
const MIN_ARTICLES: usize = 5;

fn demo_articles() -> Option<(String, usize)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    if paths.len() < MIN_ARTICLES {
        return None;
    }
    paths.sort();
    let mut text = String::new();
    for p in &paths {
        text.push_str(&std::fs::read_to_string(p).ok()?);
        text.push_str("\n\n");
    }
    Some((text, paths.len()))
}

/// About 200 KB of newsy Arabic: real vocabulary with clitics, some harakat
/// and tatweel, Latin names, both digit sets and punctuation, from a fixed
/// pseudo-random sequence so every run measures the same text.
fn synthetic_corpus() -> String {
    const WORDS: &[&str] = &[
        "وزير",
        "الخارجية",
        "أحمد",
        "وبالصين",
        "الاتفاقية",
        "للتجارة",
        "والاقتصاد",
        "فلسطين",
        "الفلسطينيين",
        "بوتين",
        "لافروف",
        "واشنطن",
        "الولايات",
        "المتحدة",
        "الأمم",
        "مسؤول",
        "مسئولية",
        "السيارات",
        "الكهربائية",
        "الانتخابات",
        "البرلمانية",
        "الحكومة",
        "قالَ",
        "إنَّ",
        "المفاوضاتِ",
        "ستُستأنف",
        "الأسبوع",
        "المقبل",
        "في",
        "من",
        "على",
        "إلى",
        "عن",
        "مع",
        "التي",
        "الذي",
        "كما",
        "أكّد",
        "وأضاف",
        "اللاجئين",
        "مساعدات",
        "إنسانية",
        "التلفزيون",
        "الإنترنت",
        "شركة",
        "Google",
        "Reuters",
        "عـــاجل",
        "٢٠٢٦",
        "2027",
        "٪",
        "١٥",
        "مليون",
        "دولار",
        "الاقتصادية",
        "الأردنية",
        "عمّان",
        "بيروت",
        "القاهرة",
        "غزة",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut text = String::new();
    while text.len() < 200_000 {
        for _ in 0..(8 + next(12)) {
            text.push_str(WORDS.get(next(WORDS.len())).copied().unwrap_or("خبر"));
            text.push(if next(9) == 0 { '،' } else { ' ' });
        }
        text.push_str(if next(4) == 0 { "؟\n\n" } else { ".\n" });
    }
    text
}

fn analysis(c: &mut Criterion) {
    let (text, source) = match demo_articles() {
        Some((text, n)) => (text, format!("{n} demo articles")),
        None => (
            synthetic_corpus(),
            "synthetic corpus (fewer than 5 demo articles)".to_owned(),
        ),
    };
    eprintln!(
        "analysis bench: {source}, {} bytes, {} chars",
        text.len(),
        text.chars().count()
    );

    let mut group = c.benchmark_group("arabic_analysis");
    group.throughput(Throughput::Bytes(text.len() as u64));

    // Khabar's allocation-free path: words, normalise into one buffer, stem.
    group.bench_function("khabar_for_each_token", |b| {
        b.iter(|| {
            let mut bytes = 0usize;
            khabar_arabic::for_each_token(black_box(&text), |t| bytes += t.stem.len());
            bytes
        });
    });

    // The same through tantivy's TokenStream, as the search index sees it.
    let mut khabar = TextAnalyzer::from(ArabicTokenizer::stemmed());
    group.bench_function("khabar_tantivy_stemmed", |b| {
        b.iter(|| {
            let mut stream = khabar.token_stream(black_box(&text));
            let mut bytes = 0usize;
            while stream.advance() {
                bytes += stream.token().text.len();
            }
            bytes
        });
    });

    // Baseline: tantivy's default tokenizer.
    let mut default = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    group.bench_function("tantivy_default_baseline", |b| {
        b.iter(|| {
            let mut stream = default.token_stream(black_box(&text));
            let mut bytes = 0usize;
            while stream.advance() {
                bytes += stream.token().text.len();
            }
            bytes
        });
    });

    // The convenience API, allocating two Strings per token.
    group.bench_function("khabar_tokenize_vec", |b| {
        b.iter(|| khabar_arabic::tokenize(black_box(&text)).len());
    });

    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);

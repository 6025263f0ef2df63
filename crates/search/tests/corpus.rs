//! Table tests over a fixed Arabic corpus: which query finds which article,
//! where the highlights fall, related choices and near-duplicates.

use jiff::Timestamp;
use khabar_core::{Article, ArticleId, ArticleStatus, Section, SectionId, Tag, TagId};
use khabar_search::{ReaderQuery, SearchIndex, SearchRequest, Subject, Watermark};

const DAY: i64 = 86_400;
const NOW: i64 = 1_795_000_000;

fn section(id: i64, name: &str) -> Section {
    Section {
        id: SectionId(id),
        slug: name.into(),
        name: name.into(),
        position: id,
    }
}

fn tag(id: i64, name: &str) -> Tag {
    Tag {
        id: TagId(id),
        slug: name.into(),
        name: name.into(),
    }
}

struct Doc {
    id: i64,
    title: &'static str,
    body: &'static str,
    section: i64,
    tags: &'static [(i64, &'static str)],
    age_days: i64,
}

fn article(d: &Doc) -> Article {
    let at = Timestamp::from_second(NOW - d.age_days * DAY).expect("time");
    Article {
        id: ArticleId(d.id),
        slug: format!("a-{}", d.id),
        title: d.title.into(),
        lead: String::new(),
        body: d.body.into(),
        section: Some(section(
            d.section,
            if d.section == 1 {
                "سياسة"
            } else {
                "اقتصاد"
            },
        )),
        tags: d.tags.iter().map(|(id, n)| tag(*id, n)).collect(),
        author: None,
        source: None,
        status: ArticleStatus::Published,
        published_at: Some(at),
        created_at: at,
        updated_at: at,
        cover: None,
        index_changed_at: None,
    }
}

const CORPUS: &[Doc] = &[
    Doc {
        id: 1,
        title: "أحمد يزور المدرسة الجديدة",
        body: "زار الوزير أَحْمَد مدرسة في الإسكندرية صباح اليوم.",
        section: 1,
        tags: &[(1, "تعليم")],
        age_days: 1,
    },
    Doc {
        id: 2,
        title: "قمة اقتصادية بالصين",
        body: "تبحث القمة وللصين دور كبير في التجارة العالمية وسلاسل الإمداد.",
        section: 2,
        tags: &[(2, "الصين"), (3, "تجارة")],
        age_days: 2,
    },
    Doc {
        id: 3,
        title: "مستشفى جديد في المدينة",
        body: "افتتحت وزارة الصحه مستشفى بسعة ٢٠٠ سرير في العاصمة.",
        section: 1,
        tags: &[(4, "صحة")],
        age_days: 3,
    },
    Doc {
        id: 4,
        title: "مصطفى يفوز بالجائزة",
        body: "فاز الكاتب مصطفي بجائزة الرواية العربية لعام 2026.",
        section: 1,
        tags: &[],
        age_days: 4,
    },
    Doc {
        id: 5,
        title: "Apple تطلق هاتفا جديدا",
        body: "أعلنت شركة Apple عن هاتف iPhone جديد في مؤتمرها السنوي.",
        section: 2,
        tags: &[(5, "تقنية")],
        age_days: 5,
    },
    Doc {
        id: 6,
        title: "المسؤول يعلن موازنة العام",
        body: "قال المسئول المالي إن الموازنة الجديدة تركز على الاستثمار في الصين والهند.",
        section: 2,
        tags: &[(3, "تجارة")],
        age_days: 6,
    },
    Doc {
        id: 7,
        title: "تطور العلاقات التجارية مع الصين",
        body: "زادت صادرات الصين إلى المنطقة وتوسعت التجارة بين البلدين في الموانئ وسلاسل الإمداد.",
        section: 2,
        tags: &[(2, "الصين"), (3, "تجارة")],
        age_days: 30,
    },
];

fn index() -> SearchIndex {
    let index = SearchIndex::in_ram().expect("index");
    let articles: Vec<Article> = CORPUS.iter().map(article).collect();
    index.apply(&articles, &[]).expect("apply");
    index.commit(Watermark::default()).expect("commit");
    index
}

fn now() -> Timestamp {
    Timestamp::from_second(NOW).expect("now")
}

fn ids(index: &SearchIndex, q: &str) -> Vec<i64> {
    let request = SearchRequest {
        query: ReaderQuery::parse(q),
        limit: 20,
        ..SearchRequest::default()
    };
    let mut found: Vec<i64> = index
        .search(&request, now())
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.id.0)
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn queries_find_articles_across_spellings() {
    let index = index();
    let table: &[(&str, &[i64])] = &[
        // Hamza variants, both ways.
        ("احمد", &[1]),
        ("أحمد", &[1]),
        ("إسكندرية", &[1]),
        // Clitics: «الصين» finds «بالصين» and «وللصين».
        ("الصين", &[2, 6, 7]),
        ("وللصين", &[2, 6, 7]),
        // Taa marbuta and alef maqsura.
        ("الصحة", &[3]),
        ("مصطفي", &[4]),
        ("مصطفى", &[4]),
        // Hamza on waw and yaa.
        ("مسئول", &[6]),
        ("المسؤول", &[6]),
        // Diacritised query, Arabic-Indic and Western digits.
        ("مَدْرَسَة", &[1]),
        ("200", &[3]),
        ("٢٠٢٦", &[4]),
        // Latin words, any case.
        ("apple", &[5]),
        ("IPHONE", &[5]),
        // Every word must match…
        ("الصين التجارة", &[2, 6, 7]),
        ("الصين الموانئ", &[7]),
        // …a quoted phrase in order…
        ("\"سلاسل الإمداد\"", &[2, 7]),
        ("«الإمداد سلاسل»", &[]),
        // …and a quoted single word exactly, without stemming.
        ("\"بالصين\"", &[2]),
    ];
    for (q, expected) in table {
        assert_eq!(&ids(&index, q), expected, "query {q:?}");
    }
}

#[test]
fn exact_matches_rank_above_stem_conflations() {
    let index = index();
    let request = SearchRequest {
        query: ReaderQuery::parse("بالصين"),
        limit: 10,
        ..SearchRequest::default()
    };
    let hits = index.search(&request, now()).expect("search").hits;
    assert_eq!(hits.first().map(|h| h.id.0), Some(2), "{hits:?}");
}

#[test]
fn highlights_mark_the_original_words() {
    let index = index();
    let request = SearchRequest {
        query: ReaderQuery::parse("احمد"),
        limit: 10,
        ..SearchRequest::default()
    };
    let hit = index
        .search(&request, now())
        .expect("search")
        .hits
        .remove(0);
    // Matched through hamza and harakat: the word as written is marked.
    assert!(
        hit.snippet_html.contains("<mark>أَحْمَد</mark>"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.title_html.contains("<mark>أحمد</mark>"),
        "{}",
        hit.title_html
    );

    let request = SearchRequest {
        query: ReaderQuery::parse("الصين"),
        limit: 10,
        ..SearchRequest::default()
    };
    let hits = index.search(&request, now()).expect("search").hits;
    let two = hits.iter().find(|h| h.id.0 == 2).expect("article 2");
    assert!(
        two.snippet_html.contains("<mark>وللصين</mark>"),
        "{}",
        two.snippet_html
    );
    assert!(
        two.title_html.contains("<mark>بالصين</mark>"),
        "{}",
        two.title_html
    );
}

#[test]
fn snippets_escape_and_never_split_letters() {
    let index = SearchIndex::in_ram().expect("index");
    let mut a = article(&CORPUS[0]);
    a.title = "<script>alert(1)</script> أحمد".into();
    a.body = format!(
        "{} 1 < 2 & script أحمد {}",
        "كلمة طويلة ".repeat(200),
        "نهاية ".repeat(200)
    );
    index.apply(&[a], &[]).expect("apply");
    index.commit(Watermark::default()).expect("commit");
    let request = SearchRequest {
        query: ReaderQuery::parse("احمد script"),
        limit: 10,
        ..SearchRequest::default()
    };
    let hit = index
        .search(&request, now())
        .expect("search")
        .hits
        .remove(0);
    assert!(
        hit.snippet_html
            .contains("1 &lt; 2 &amp; <mark>script</mark> <mark>أحمد</mark>"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.title_html.starts_with("&lt;<mark>script</mark>&gt;"),
        "{}",
        hit.title_html
    );
    assert!(
        hit.snippet_html.chars().count() < 400,
        "{}",
        hit.snippet_html
    );
}

#[test]
fn bad_queries_give_results_or_nothing() {
    let index = index();
    let long = "الصين ".repeat(2_000);
    for q in [
        "",
        "!!!",
        "َُِ",
        "\"",
        "«الصين",
        "title:الصين",
        "*",
        "الصين~2",
        "(( AND OR",
        long.as_str(),
    ] {
        let request = SearchRequest {
            query: ReaderQuery::parse(q),
            limit: 10,
            offset: u64::MAX,
            ..SearchRequest::default()
        };
        let r = index.search(&request, now()).expect("never an error");
        assert!(r.hits.is_empty(), "{q:?} at a huge offset");
    }
    assert_eq!(ids(&index, "title:الصين"), [2, 6, 7]);
}

#[test]
fn filters_by_section_and_dates() {
    let index = index();
    let request = SearchRequest {
        query: ReaderQuery::parse("الصين"),
        section: Some(SectionId(2)),
        from: Some(Timestamp::from_second(NOW - 10 * DAY).expect("t")),
        limit: 10,
        ..SearchRequest::default()
    };
    let mut found: Vec<i64> = index
        .search(&request, now())
        .expect("search")
        .hits
        .iter()
        .map(|h| h.id.0)
        .collect();
    found.sort_unstable();
    assert_eq!(found, [2, 6]);
}

#[test]
fn related_articles_are_the_obvious_ones() {
    let index = index();
    let subject = Subject::of(&article(&CORPUS[1]));
    let related = index.related(&subject, 3, now()).expect("related");
    let ids: Vec<i64> = related.iter().map(|r| r.id.0).collect();
    assert_eq!(
        ids.first(),
        Some(&7),
        "the other China trade story first: {related:?}"
    );
    assert!(!ids.contains(&2), "never itself");
    assert!(!ids.contains(&1), "nothing about a school: {related:?}");
}

#[test]
fn related_skips_near_duplicates_and_duplicates_are_found() {
    let index = index();
    let mut copy = article(&CORPUS[6]);
    copy.id = ArticleId(8);
    copy.title = "تطور العلاقات التجارية مع الصين".into();
    copy.body =
        "زادت صادرات الصين للمنطقة وتوسعت التجارة بين البلدين في الموانئ وسلاسل الامداد.".into();
    index.apply(&[copy.clone()], &[]).expect("apply");
    index.commit(Watermark::default()).expect("commit");

    let dups = index
        .find_near_duplicates(&Subject::of(&article(&CORPUS[6])))
        .expect("dups");
    assert_eq!(
        dups.iter().map(|d| d.id.0).collect::<Vec<_>>(),
        [8],
        "{dups:?}"
    );

    let related = index
        .related(&Subject::of(&article(&CORPUS[6])), 5, now())
        .expect("related");
    assert!(
        related.iter().all(|r| r.id.0 != 8),
        "the copy is not suggested: {related:?}"
    );
    assert!(related.iter().any(|r| r.id.0 == 2), "{related:?}");

    // From article 2's point of view 7 and 8 are copies of each other: one only.
    let related = index
        .related(&Subject::of(&article(&CORPUS[1])), 5, now())
        .expect("related");
    let both = related
        .iter()
        .filter(|r| r.id.0 == 7 || r.id.0 == 8)
        .count();
    assert_eq!(both, 1, "{related:?}");
}

/// A regression: one rare word shared in a short title used to outweigh a
/// whole text on the same subject (the demo's trade agreement suggested a
/// story about bicycle lanes through «ممرات»).
#[test]
fn one_shared_title_word_does_not_beat_a_shared_subject() {
    let docs = [
        Doc {
            id: 1,
            title: "اتفاق على ممرات عبور سريعة للشاحنات بين الدول العربية",
            body: "اتفق وزراء التجارة على توحيد إجراءات العبور الجمركي في المنافذ الحدودية \
                   وتقليص زمن انتظار الشاحنات، واعتماد وثيقة جمركية إلكترونية موحدة للبضائع.",
            section: 1,
            tags: &[],
            age_days: 1,
        },
        Doc {
            id: 2,
            title: "ممرات جديدة للدراجات",
            body: "افتتحت البلدية ممرات للدراجات الهوائية في وسط المدينة وحدائقها.",
            section: 2,
            tags: &[],
            age_days: 1,
        },
        Doc {
            id: 3,
            title: "الجمارك تختبر النظام الإلكتروني في المنافذ",
            body: "بدأت مصلحة الجمارك تجربة الوثيقة الجمركية الإلكترونية في ثلاثة منافذ حدودية، \
                   وقال مسؤولون إن زمن انتظار الشاحنات وعبور البضائع انخفض إلى النصف.",
            section: 2,
            tags: &[],
            age_days: 20,
        },
        Doc {
            id: 4,
            title: "مهرجان للموسيقى في الساحل",
            body: "يستضيف المسرح المفتوح فرقا موسيقية من مدن كثيرة طوال أسبوع.",
            section: 2,
            tags: &[],
            age_days: 2,
        },
    ];
    let index = SearchIndex::in_ram().expect("index");
    let articles: Vec<Article> = docs.iter().map(article).collect();
    index.apply(&articles, &[]).expect("apply");
    index.commit(Watermark::default()).expect("commit");
    let related = index
        .related(&Subject::of(&articles[0]), 3, now())
        .expect("related");
    let ids: Vec<i64> = related.iter().map(|r| r.id.0).collect();
    assert_eq!(
        ids.first(),
        Some(&3),
        "the customs story first: {related:?}"
    );
    assert!(
        !ids.contains(&4),
        "nothing shared with the festival: {related:?}"
    );
}

/// A copy is found even when forty articles made of the same words (and so
/// ranked above it by the text query) crowd it out of the candidates: the
/// MinHash band keys indexed with every article find it.
#[test]
fn copies_are_found_among_many_articles_with_the_same_words() {
    const STORY: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الإسكندرية \
        بسعة مئتي سرير، ويضم المستشفى أقساما للطوارئ والجراحة والأطفال، وقال الوزير إن \
        المشروع تكلف ثلاثمئة مليون جنيه وإنه سيخدم أكثر من مليون مواطن في المحافظة \
        والمحافظات المجاورة، على أن يبدأ استقبال المرضى مطلع الشهر المقبل.";
    let words: Vec<&str> = STORY.split_whitespace().collect();
    let with = |id: i64, title: &str, body: String| {
        let mut a = article(&CORPUS[0]);
        a.id = ArticleId(id);
        a.slug = format!("a-{id}");
        a.title = title.into();
        a.body = body;
        a.tags.clear();
        a
    };
    let title = "مستشفى جديد في الإسكندرية";
    // The same words in other orders: as relevant to a text
    // query, but sharing almost no three-word shingle with the story.
    let mut articles: Vec<Article> = (0..40)
        .map(|k| {
            let n = words.len();
            let order: Vec<&str> = (0..n).map(|i| words[(i * 7 + k * 3 + 1) % n]).collect();
            with(100 + k as i64, title, order.join(" "))
        })
        .collect();
    articles.push(with(1, title, STORY.into()));
    // Other news, so that the story's words are not in most articles.
    let topics = ["الطقس", "الدوري", "المعرض", "البورصة", "الانتخابات"];
    articles.extend((0..150).map(|i| {
        let topic = topics[i % topics.len()];
        let body = format!("تقرير رقم {i} عن {topic} في العاصمة، مع آراء الجمهور والخبراء.");
        with(1000 + i as i64, topic, body)
    }));
    let index = SearchIndex::in_ram().expect("index");
    index.apply(&articles, &[]).expect("apply");
    index.commit(Watermark::default()).expect("commit");

    // Another outlet's copy: bare alefs, a sentence dropped.
    let copy = STORY
        .replace(['أ', 'إ'], "ا")
        .replace("، على أن يبدأ استقبال المرضى مطلع الشهر المقبل", "");
    let mut subject = Subject::of(&with(999, title, copy));
    subject.section_id = None;
    let found: Vec<i64> = index
        .find_near_duplicates(&subject)
        .expect("dups")
        .iter()
        .map(|d| d.id.0)
        .collect();
    assert_eq!(found, [1], "only the story, not its shuffles");
}

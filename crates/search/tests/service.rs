//! The index kept in step with a real SQLite store: edits, unpublishing,
//! deletion, scheduled publication, rebuilds and restarts.

use jiff::{SignedDuration, Timestamp};
use khabar_core::{ArticleId, ArticleStatus, NewArticle, NewTaxonomy};
use khabar_search::{ReaderQuery, SearchRequest, SearchService, SearchSettings};
use khabar_store::{RelatedStore, SearchStore, Store};
use khabar_store_sqlite::SqliteStore;
use std::sync::Arc;
use std::time::Duration;

fn new_article(title: &str, body: &str) -> NewArticle {
    NewArticle {
        slug: khabar_arabic::slugify(title, 80),
        title: title.into(),
        lead: String::new(),
        body: body.into(),
        section: Some(NewTaxonomy {
            name: "اقتصاد".into(),
            slug: "اقتصاد".into(),
        }),
        tags: Vec::new(),
        author: None,
        source: None,
        status: ArticleStatus::Published,
        published_at: Some(Timestamp::now() - SignedDuration::from_hours(1)),
        cover: None,
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    url: String,
    store: Arc<SqliteStore>,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}/k.db", dir.path().display());
    let store = Arc::new(SqliteStore::open(&url).await.expect("store"));
    Fixture {
        _dir: dir,
        url,
        store,
    }
}

fn service(f: &Fixture, on_disk: bool) -> SearchService {
    let feed: Arc<dyn SearchStore> = f.store.clone();
    SearchService::open(
        feed,
        SearchSettings {
            index_dir: on_disk.then(|| f._dir.path().join("search")),
            related_count: 3,
            poll_interval: Duration::from_secs(2),
        },
    )
    .expect("service")
}

async fn found(s: &SearchService, q: &str) -> Vec<i64> {
    let r = s
        .search(SearchRequest {
            query: ReaderQuery::parse(q),
            limit: 50,
            ..SearchRequest::default()
        })
        .await
        .expect("search");
    let mut ids: Vec<i64> = r.hits.iter().map(|h| h.id.0).collect();
    ids.sort_unstable();
    ids
}

/// The ids the page of `id` shows in its related block.
async fn shown(s: &SearchService, id: i64) -> Vec<i64> {
    s.shown_related(ArticleId(id), Timestamp::now())
        .await
        .expect("related")
        .iter()
        .map(|r| r.id.0)
        .collect()
}

async fn sql(f: &Fixture, statement: &str, id: ArticleId) {
    let pool = sqlx::SqlitePool::connect(&f.url).await.expect("pool");
    sqlx::query(statement)
        .bind(Timestamp::now().as_second() + 1)
        .bind(id.0)
        .execute(&pool)
        .await
        .expect("update");
    pool.close().await;
}

#[tokio::test]
async fn index_follows_edits_unpublishing_and_deletion() {
    let f = fixture().await;
    let now = Timestamp::now();
    let a = f
        .store
        .create_article(
            &new_article("مصرف مركزي يرفع الفائدة", "قرر المصرف رفع الفائدة."),
            now,
        )
        .await
        .expect("a");
    let b = f
        .store
        .create_article(
            &new_article("معرض للكتاب في الرياض", "افتتح معرض الكتاب."),
            now,
        )
        .await
        .expect("b");
    let s = service(&f, false);
    let report = s.catch_up().await.expect("catch up");
    assert!(report.rebuilt);
    assert_eq!(found(&s, "الفائدة").await, [a.0]);

    // An edit (another process writing the row) is picked up.
    sql(&f, "update articles set title = 'مصرف مركزي يخفض الضرائب', body = 'قرر المصرف خفض الضرائب.', updated_at = ? where id = ?", a).await;
    s.catch_up().await.expect("catch up");
    assert!(
        found(&s, "الفائدة").await.is_empty(),
        "the old words are gone"
    );
    assert_eq!(found(&s, "الضرائب").await, [a.0]);

    // Unpublishing removes it; deleting the row removes the other one.
    sql(
        &f,
        "update articles set status = 'unpublished', updated_at = ? where id = ?",
        a,
    )
    .await;
    s.catch_up().await.expect("catch up");
    assert!(found(&s, "الضرائب").await.is_empty());
    sql(&f, "delete from articles where ? > 0 and id = ?", b).await;
    s.catch_up_fully().await.expect("catch up");
    assert!(found(&s, "الكتاب").await.is_empty());
    assert!(s.index().is_empty());
}

#[tokio::test]
async fn scheduled_articles_appear_when_due() {
    let f = fixture().await;
    let mut soon = new_article("قمة المناخ تبدأ", "تبدأ قمة المناخ.");
    soon.published_at = Some(Timestamp::now() + SignedDuration::from_secs(2));
    let id = f
        .store
        .create_article(&soon, Timestamp::now())
        .await
        .expect("create");
    let s = service(&f, false);
    s.catch_up().await.expect("catch up");
    assert!(found(&s, "المناخ").await.is_empty(), "not yet public");
    // Wait for the publication time itself, not for the indexer.
    while Timestamp::now() <= soon.published_at.expect("at") {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.catch_up().await.expect("catch up");
    assert_eq!(found(&s, "المناخ").await, [id.0]);
}

#[tokio::test]
async fn rebuild_equals_incremental_and_restarts_continue() {
    let f = fixture().await;
    let mut generator = khabar_app_free_generator();
    let now = Timestamp::now();
    let articles: Vec<NewArticle> = (0..40).map(|_| generator()).collect();
    f.store
        .create_articles(&articles, now)
        .await
        .expect("create");

    let s = service(&f, true);
    s.catch_up().await.expect("catch up");
    let queries = ["الصين", "وزير", "الاقتصاد", "مدينة"];
    let mut before = Vec::new();
    for q in queries {
        before.push(found(&s, q).await);
    }
    let related_before = shown(&s, 1).await;
    assert!(!related_before.is_empty());
    assert_eq!(s.rebuild(|_, _| {}).await.expect("rebuild"), 40);
    for (q, ids) in queries.iter().zip(&before) {
        assert_eq!(&found(&s, q).await, ids, "{q}");
    }
    drop(s);

    // A restart opens the same index (no rebuild).
    let s = service(&f, true);
    let report = s.catch_up().await.expect("catch up");
    assert!(!report.rebuilt);
    // Rows changed within the lag window are looked at again (harmless).
    assert!(report.upserted <= 40);
    assert_eq!(s.index().len(), 40);
    // Rows inside the lag window were indexed again and their lists
    // recomputed under the index's new term statistics (re-indexed documents
    // leave deleted ones counted until segments merge), so the list may
    // differ from the first one; what is stored must be what the index now
    // computes.
    let after = shown(&s, 1).await;
    assert_eq!(after.len(), related_before.len());
    assert!(after.iter().all(|id| *id != 1));
    let subject = s
        .index()
        .subject(ArticleId(1))
        .expect("subject")
        .expect("indexed");
    let fresh: Vec<i64> = s
        .index()
        .related(&subject, 3, Timestamp::now())
        .expect("related")
        .iter()
        .map(|r| r.id.0)
        .collect();
    assert_eq!(after, fresh, "stored / computed now");
}

/// Articles with varied words, without depending on the application crate.
fn khabar_app_free_generator() -> impl FnMut() -> NewArticle {
    let words = [
        "الصين",
        "وزير",
        "الاقتصاد",
        "مدينة",
        "التجارة",
        "المياه",
        "الطاقة",
        "المدارس",
        "الصحة",
        "الرياضة",
        "النقل",
        "الموانئ",
        "الزراعة",
        "القمح",
        "المطار",
        "السياحة",
        "البرلمان",
        "الانتخابات",
        "الجامعة",
        "المستشفى",
        "الشرطة",
        "المحكمة",
        "البنك",
        "النفط",
        "الغاز",
        "الأمطار",
        "الفيضانات",
        "المهرجان",
        "السينما",
        "الكتاب",
        "المتحف",
        "الحديقة",
        "القطار",
        "الجسر",
        "الميناء",
        "السفينة",
        "الطائرة",
        "الفندق",
        "المطعم",
        "السوق",
        "الذهب",
    ];
    let mut n = 0usize;
    move || {
        n += 1;
        let pick = |k: usize| words[(n * 13 + k * k * 5 + k) % words.len()];
        let title = format!("{} {} {} {n}", pick(0), pick(1), pick(2));
        let body = format!(
            "{} و{} في {}.\n\n{} {} {}.\n\nخبر رقم {n}.",
            pick(3),
            pick(4),
            pick(5),
            pick(6),
            pick(1),
            pick(7)
        );
        new_article(&title, &body)
    }
}

#[tokio::test]
async fn related_lists_survive_a_restart_without_recomputation() {
    let f = fixture().await;
    let mut generator = khabar_app_free_generator();
    let articles: Vec<NewArticle> = (0..30).map(|_| generator()).collect();
    // Written an hour ago: outside the indexer's look-back window, so a
    // restart has no row to read again.
    let written = Timestamp::now() - SignedDuration::from_hours(1);
    f.store
        .create_articles(&articles, written)
        .await
        .expect("create");

    let s = service(&f, true);
    s.catch_up().await.expect("catch up");
    assert_eq!(s.related_computations(), 30, "every list computed once");
    assert_eq!(f.store.related_list_count().await.expect("count"), 30);
    let before: Vec<Vec<i64>> = {
        let mut all = Vec::new();
        for id in 1..=30 {
            all.push(shown(&s, id).await);
        }
        all
    };
    assert!(before.iter().all(|l| !l.is_empty() && l.len() <= 3));
    drop(s);

    let s = service(&f, true);
    let report = s.catch_up().await.expect("catch up");
    assert!(!report.rebuilt);
    assert_eq!(report.upserted, 0);
    assert_eq!(s.related_computations(), 0, "a restart computes nothing");
    for (id, list) in (1..=30).zip(&before) {
        assert_eq!(&shown(&s, id).await, list, "article {id}");
    }

    // A rebuild recomputes every list.
    s.rebuild(|_, _| {}).await.expect("rebuild");
    s.catch_up().await.expect("catch up");
    assert_eq!(s.related_computations(), 30);
    assert_eq!(f.store.related_list_count().await.expect("count"), 30);
}

#[tokio::test]
async fn unpublished_related_articles_disappear_and_pins_come_first() {
    let f = fixture().await;
    let now = Timestamp::now();
    let trade = |t: &str| {
        new_article(
            t,
            "وقعت الحكومة اتفاقية تجارة حرة مع دول الجوار لخفض الرسوم الجمركية على \
             الصادرات الزراعية وتسهيل عبور الشاحنات في المنافذ الحدودية.",
        )
    };
    let a = f
        .store
        .create_article(&trade("اتفاقية تجارة حرة مع دول الجوار"), now)
        .await
        .expect("a");
    let b = f
        .store
        .create_article(
            &new_article(
                "الشاحنات تنتظر في المنافذ الحدودية",
                "تنتظر الشاحنات المحملة بالصادرات الزراعية ساعات في المنافذ الحدودية \
                 بسبب الرسوم الجمركية وإجراءات العبور.",
            ),
            now,
        )
        .await
        .expect("b");
    let c = f
        .store
        .create_article(
            &new_article("مهرجان للسينما", "يفتتح المهرجان دورته بعرض عشرة أفلام."),
            now,
        )
        .await
        .expect("c");
    let mut draft = new_article("مسودة عن الموانئ", "نص لم يُنشر بعد عن الموانئ.");
    draft.status = ArticleStatus::Draft;
    draft.published_at = None;
    let d = f.store.create_article(&draft, now).await.expect("d");
    let s = service(&f, false);
    s.catch_up().await.expect("catch up");
    assert_eq!(shown(&s, a.0).await.first(), Some(&b.0));

    // Unpublished: gone from the list at once, before the indexer runs.
    sql(
        &f,
        "update articles set status = 'unpublished', updated_at = ? where id = ?",
        b,
    )
    .await;
    assert!(!shown(&s, a.0).await.contains(&b.0));
    s.catch_up().await.expect("catch up");
    assert!(!shown(&s, a.0).await.contains(&b.0));

    // Pins first, in order; a pinned draft waits until it is published.
    f.store.set_pins(a, &[d, c]).await.expect("pins");
    let list = s.shown_related(a, Timestamp::now()).await.expect("related");
    assert_eq!(list.first().map(|r| (r.id, r.pinned)), Some((c, true)));
    assert!(list.iter().all(|r| r.id != d));
    sql(
        &f,
        "update articles set status = 'published', published_at = 1, updated_at = ? where id = ?",
        d,
    )
    .await;
    assert_eq!(shown(&s, a.0).await.get(..2), Some(&[d.0, c.0][..]));
    // Deleting a pinned article removes the pin with it.
    sql(&f, "delete from articles where ? > 0 and id = ?", d).await;
    assert_eq!(
        f.store
            .pins(a)
            .await
            .expect("pins")
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        [c]
    );
}

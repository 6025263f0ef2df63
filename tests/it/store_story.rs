//! The storage story: what every backend must do, told once and run against
//! SQLite and PostgreSQL (when `KHABAR_TEST_POSTGRES_URL` names a server; CI
//! always does).

use jiff::{SignedDuration, Timestamp};
use khabar_core::{ArticleStatus, NewArticle, NewTaxonomy, Source, Window};
use khabar_store::{ArticleFilter, SharedStore};
use khabar_testkit::TestPostgres;
use std::future::Future;

/// Where a story runs: a database that can be opened again (to reopen it, or
/// to open a second handle as another process would).
#[derive(Clone)]
struct Backend {
    name: &'static str,
    url: String,
}

impl Backend {
    async fn open(&self) -> SharedStore {
        khabar_app::open_store(&self.url)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:#}", self.name))
    }
}

/// Runs `story` once per available backend, each on a fresh database.
async fn for_each_backend<F, Fut>(story: F)
where
    F: Fn(Backend) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    story(Backend {
        name: "sqlite",
        url: format!("sqlite://{}/story.db", dir.path().display()),
    })
    .await;
    if let Some(pg) = TestPostgres::create().await {
        story(Backend {
            name: "postgres",
            url: pg.url.clone(),
        })
        .await;
        pg.drop_database().await;
    }
}

fn tax(name: &str) -> NewTaxonomy {
    NewTaxonomy {
        name: name.into(),
        slug: khabar_arabic::slugify(name, 60),
    }
}

fn article(title: &str, section: &str, tags: &[&str], at: Timestamp) -> NewArticle {
    NewArticle {
        slug: khabar_arabic::slugify(title, 80),
        title: title.into(),
        lead: "مقدمة".into(),
        body: "نص.\n\n## عنوان\n\nنص آخر.".into(),
        section: Some(tax(section)),
        tags: tags.iter().map(|t| tax(t)).collect(),
        author: Some(tax("سلمى الحسيني")),
        source: Some(Source {
            name: "وكالة أنباء الواحة".into(),
            url: "https://wahanews.example.org/x".into(),
        }),
        status: ArticleStatus::Published,
        published_at: Some(at),
        cover: None,
    }
}

fn window(limit: u32, offset: u64) -> Window {
    Window { limit, offset }
}

#[tokio::test]
async fn articles_taxonomy_and_visibility() {
    for_each_backend(articles_taxonomy_and_visibility_on).await;
}

async fn articles_taxonomy_and_visibility_on(backend: Backend) {
    let store = backend.open().await;
    let now = Timestamp::now();
    let hour = SignedDuration::from_hours(1);

    let first = store
        .create_article(
            &article("الأول", "سياسة", &["الصين", "تجارة"], now - hour * 3),
            now,
        )
        .await
        .unwrap();
    let second = store
        .create_article(&article("الثاني", "سياسة", &["الصين"], now - hour * 2), now)
        .await
        .unwrap();
    let mut draft = article("مسودة", "اقتصاد", &["الصين"], now - hour);
    draft.status = ArticleStatus::Draft;
    let draft = store.create_article(&draft, now).await.unwrap();
    let future = store
        .create_article(&article("لاحقاً", "سياسة", &[], now + hour), now)
        .await
        .unwrap();

    // Taxonomy is found by name, not duplicated.
    let sections = store.sections().await.unwrap();
    assert_eq!(
        sections.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["سياسة", "اقتصاد"],
        "in creation order"
    );
    let politics = store.section_by_slug("سياسة").await.unwrap().unwrap();
    let china = store.tag_by_slug("الصين").await.unwrap().unwrap();
    let author = store.author_by_slug("سلمى-الحسيني").await.unwrap().unwrap();

    // The full article comes back with its taxonomy in order.
    let a = store.article(first).await.unwrap().unwrap();
    assert_eq!(a.title, "الأول");
    assert_eq!(a.section.as_ref().unwrap().id, politics.id);
    assert_eq!(
        a.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["الصين", "تجارة"]
    );
    assert_eq!(a.author.as_ref().unwrap().id, author.id);
    assert_eq!(a.source.as_ref().unwrap().name, "وكالة أنباء الواحة");
    assert!(a.is_public(now));
    assert!(!store.article(draft).await.unwrap().unwrap().is_public(now));
    assert!(!store.article(future).await.unwrap().unwrap().is_public(now));
    assert!(
        store
            .article(khabar_core::ArticleId(9999))
            .await
            .unwrap()
            .is_none()
    );

    // Lists show only what readers may see, newest first, with totals.
    let all = store
        .published(ArticleFilter::All, window(10, 0), now)
        .await
        .unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(
        all.items.iter().map(|a| a.id).collect::<Vec<_>>(),
        [second, first]
    );
    let tagged = store
        .published(ArticleFilter::Tag(china.id), window(10, 0), now)
        .await
        .unwrap();
    assert_eq!(tagged.total, 2, "the draft is not counted");
    let paged = store
        .published(ArticleFilter::Section(politics.id), window(1, 1), now)
        .await
        .unwrap();
    assert_eq!((paged.total, paged.items[0].id), (2, first));
    let by_author = store
        .published(ArticleFilter::Author(author.id), window(10, 0), now)
        .await
        .unwrap();
    assert_eq!(by_author.total, 2);
    // The future article appears once its time has come.
    let later = store
        .published(ArticleFilter::All, window(10, 0), now + hour * 2)
        .await
        .unwrap();
    assert_eq!(later.items[0].id, future);

    let latest = store.latest_by_section(5, now).await.unwrap();
    assert_eq!(latest.len(), 1, "economy has only a draft");
    assert_eq!(latest[0].0.id, politics.id);
    assert_eq!(
        latest[0].1.iter().map(|a| a.id).collect::<Vec<_>>(),
        [second, first],
        "newest first, the future one left out"
    );
    let one = store.latest_by_section(1, now).await.unwrap();
    assert_eq!(one[0].1.len(), 1, "at most per_section articles");
    assert_eq!(store.article_count().await.unwrap(), 4);
}

#[tokio::test]
async fn taxonomy_slug_collisions_get_a_suffix() {
    for_each_backend(taxonomy_slug_collisions_get_a_suffix_on).await;
}

async fn taxonomy_slug_collisions_get_a_suffix_on(backend: Backend) {
    let store = backend.open().await;
    let now = Timestamp::now();
    let mut a = article("أ", "سياسة", &[], now);
    a.tags = vec![
        NewTaxonomy {
            name: "الصين".into(),
            slug: "china".into(),
        },
        NewTaxonomy {
            name: "China".into(),
            slug: "china".into(),
        },
    ];
    store.create_article(&a, now).await.unwrap();
    assert_eq!(
        store.tag_by_slug("china").await.unwrap().unwrap().name,
        "الصين"
    );
    assert_eq!(
        store.tag_by_slug("china-2").await.unwrap().unwrap().name,
        "China"
    );
}

#[tokio::test]
async fn concurrent_writers_and_readers_never_see_a_locked_database() {
    for_each_backend(concurrent_writers_and_readers_on).await;
}

async fn concurrent_writers_and_readers_on(backend: Backend) {
    // Two independent stores on one database: the server and a CLI import.
    let server = backend.open().await;
    let cli = backend.open().await;
    let now = Timestamp::now();
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = if i % 2 == 0 {
            server.clone()
        } else {
            cli.clone()
        };
        tasks.push(tokio::spawn(async move {
            let a = article(
                &format!("خبر {i}"),
                &format!("قسم {}", i % 3),
                &["وسم"],
                now,
            );
            store.create_article(&a, now).await.map(|_| ())
        }));
        let reader = server.clone();
        tasks.push(tokio::spawn(async move {
            reader
                .published(ArticleFilter::All, window(20, 0), now)
                .await
                .map(|_| ())
        }));
    }
    for t in tasks {
        t.await
            .unwrap()
            .unwrap_or_else(|e| panic!("{}: {e}", backend.name));
    }
    assert_eq!(server.article_count().await.unwrap(), 40);
    assert_eq!(server.sections().await.unwrap().len(), 3);
}

/// Requests abandoned at every moment of a write (a reader closing the tab
/// while the handler waits for the database) leave the database writable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_abandoned_mid_way_leave_the_database_writable() {
    for_each_backend(abandoned_writes_on).await;
}

async fn abandoned_writes_on(backend: Backend) {
    let store = backend.open().await;
    let now = Timestamp::now();
    for round in 0..200u64 {
        let mut writes = tokio::task::JoinSet::new();
        for k in 0..8u64 {
            let store = store.clone();
            let a = article(&format!("خبر متروك {round}-{k}"), "قسم", &[], now);
            // Deadlines from nothing to a few milliseconds: some cancel the
            // write while it waits for the writer, some inside `BEGIN`,
            // some after it.
            let deadline = std::time::Duration::from_micros((round * 8 + k) * 37 % 2000);
            writes.spawn(async move {
                let _ = tokio::time::timeout(deadline, store.create_article(&a, now)).await;
            });
        }
        writes.join_all().await;
    }
    let a = article("خبر بعد المتروك", "قسم", &[], now);
    store
        .create_article(&a, now)
        .await
        .unwrap_or_else(|e| panic!("{}: the database no longer takes writes: {e}", backend.name));
}

#[tokio::test]
async fn data_survives_reopening() {
    for_each_backend(data_survives_reopening_on).await;
}

async fn data_survives_reopening_on(backend: Backend) {
    let now = Timestamp::now();
    let id = {
        let store = backend.open().await;
        let id = store
            .create_article(&article("باق", "سياسة", &[], now), now)
            .await
            .unwrap();
        store.close().await;
        id
    };
    let store = backend.open().await;
    assert_eq!(store.article(id).await.unwrap().unwrap().title, "باق");
    store.close().await;
}

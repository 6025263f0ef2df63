//! The comment store's moderation operations, as the CLI and the newsroom
//! queue use them: listing by status with search and paging, bulk decisions,
//! the text kept on removal, deleted comments left alone.

use jiff::Timestamp;
use khabar_core::{ArticleId, CommentId, CommentStatus, NewArticle, Window};
use khabar_store::comments::{CommentQuery, CommentRecord, ModerationAction};
use khabar_store::{CommentStore, Store};
use khabar_store_sqlite::SqliteStore;

async fn store() -> (tempfile::TempDir, SqliteStore, ArticleId) {
    let dir = tempfile::tempdir().unwrap();
    let s = SqliteStore::open(&format!("sqlite://{}/c.db", dir.path().display()))
        .await
        .unwrap();
    let article = NewArticle {
        slug: "خبر".into(),
        title: "خبر".into(),
        lead: String::new(),
        body: "نص".into(),
        section: None,
        tags: vec![],
        author: None,
        source: None,
        status: khabar_core::ArticleStatus::Published,
        published_at: Some(Timestamp::now()),
        cover: None,
    };
    let id = s.create_article(&article, Timestamp::now()).await.unwrap();
    (dir, s, id)
}

fn record(article: ArticleId, name: &str, body: &str, status: CommentStatus) -> CommentRecord {
    CommentRecord {
        article_id: article,
        parent_id: None,
        author_name: name.into(),
        body: body.into(),
        status,
        hold_reason: None,
        is_staff: false,
        email_hash: None,
        visitor_hash: "v".into(),
        commenter_key: format!("key-{name}"),
        body_fingerprint: body.into(),
        tokens: body.split(' ').map(str::to_string).collect(),
        delete_key_hash: None,
        spam_score: None,
    }
}

fn query(
    status: Option<CommentStatus>,
    search: Option<&str>,
    limit: u32,
    offset: u64,
) -> CommentQuery {
    CommentQuery {
        status,
        article_id: None,
        search: search.map(|text| khabar_store::comments::CommentSearch::new(text.to_string())),
        window: Window { limit, offset },
    }
}

#[tokio::test]
async fn listing_by_status_with_search_and_paging() {
    let (_dir, s, a) = store().await;
    let now = Timestamp::now();
    for i in 0..25 {
        let status = if i % 5 == 0 {
            CommentStatus::Approved
        } else {
            CommentStatus::Pending
        };
        s.insert_comment(
            &record(a, &format!("قارئ {i}"), &format!("تعليق {i}"), status),
            now,
        )
        .await
        .unwrap();
    }
    s.insert_comment(
        &record(a, "خبير", "خصم 100% على_كل شيء", CommentStatus::Pending),
        now,
    )
    .await
    .unwrap();
    let pending = s
        .list_comments(&query(Some(CommentStatus::Pending), None, 10, 0))
        .await
        .unwrap();
    assert_eq!((pending.total, pending.items.len()), (21, 10));
    let last = s
        .list_comments(&query(Some(CommentStatus::Pending), None, 10, 20))
        .await
        .unwrap();
    assert_eq!(last.items.len(), 1);
    // Newest first.
    assert_eq!(pending.items[0].author_name, "خبير");
    // Search in bodies and names; % and _ are literal.
    let found = s
        .list_comments(&query(None, Some("100%"), 10, 0))
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    let found = s
        .list_comments(&query(None, Some("%"), 10, 0))
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    let found = s
        .list_comments(&query(None, Some("على_كل"), 10, 0))
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    let found = s
        .list_comments(&query(None, Some("قارئ 2"), 10, 0))
        .await
        .unwrap();
    assert_eq!(found.total, 6, "قارئ 2, 20…24");
    // Search also meets other spellings and clitics, through the stems the
    // spam filter keeps: «احمد» finds «أحمد», «الصين» finds «بالصين».
    let mut r = record(a, "زائرة", "زار أحمدُ المعرضَ بالصين", CommentStatus::Pending);
    r.tokens = khabar_comments::text::learnable_tokens(&r.body);
    s.insert_comment(&r, now).await.unwrap();
    for q in ["احمد", "الصين", "المعرض احمد", "أحمد"] {
        let found = s.list_comments(&query(None, Some(q), 10, 0)).await.unwrap();
        assert_eq!(found.total, 1, "{q}");
        assert_eq!(found.items[0].author_name, "زائرة", "{q}");
    }
    let found = s
        .list_comments(&query(None, Some("احمد اليابان"), 10, 0))
        .await
        .unwrap();
    assert_eq!(found.total, 0, "every word must be there");
    let counts = s.comment_status_counts().await.unwrap();
    assert!(counts.contains(&(CommentStatus::Pending, 22)));
    assert!(counts.contains(&(CommentStatus::Approved, 5)));
    assert!(counts.contains(&(CommentStatus::Removed, 0)));
}

#[tokio::test]
async fn bulk_decisions_keep_the_text_and_leave_deleted_comments_alone() {
    let (_dir, s, a) = store().await;
    let now = Timestamp::now();
    let mut ids = Vec::new();
    for body in ["أول", "ثان", "ثالث"] {
        ids.push(
            s.insert_comment(&record(a, "علي", body, CommentStatus::Pending), now)
                .await
                .unwrap(),
        );
    }
    let deleted = s
        .insert_comment(&record(a, "علي", "سحبته", CommentStatus::Deleted), now)
        .await
        .unwrap();
    let mut all = ids.clone();
    all.push(deleted);
    all.push(CommentId(999_999));
    assert_eq!(
        s.moderate(&all, ModerationAction::Remove, now)
            .await
            .unwrap(),
        ids,
        "the changed comments, for the audit log"
    );
    for id in &ids {
        let c = s.comment(*id).await.unwrap().unwrap();
        assert_eq!(c.status, CommentStatus::Removed);
        assert!(!c.body.is_empty(), "the original text is kept");
        assert!(c.moderated_at.is_some());
    }
    assert_eq!(
        s.comment(deleted).await.unwrap().unwrap().status,
        CommentStatus::Deleted
    );
    // Approving twice changes nothing the second time.
    assert_eq!(
        s.moderate(&ids, ModerationAction::Approve, now)
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        s.moderate(&ids, ModerationAction::Approve, now)
            .await
            .unwrap(),
        []
    );
    assert_eq!(s.approved_comments(a).await.unwrap().len(), 3);
    let counts = s.bayes_counts(&["أول".to_string()]).await.unwrap();
    assert_eq!(
        (counts.ham_docs, counts.tokens.get("أول")),
        (3, Some(&(0, 1)))
    );
    // Removal is not a verdict: training stays.
    s.moderate(&ids, ModerationAction::Remove, now)
        .await
        .unwrap();
    assert_eq!(s.bayes_counts(&[]).await.unwrap().ham_docs, 3);
    assert!(
        !s.commenter_is_known("key-علي").await.unwrap(),
        "no approved comment left"
    );
}

#[tokio::test]
async fn the_secret_is_made_once_and_tokens_are_single_use() {
    let (_dir, s, _) = store().await;
    let first = s.comment_secret(&[7; 32]).await.unwrap();
    assert_eq!(first, vec![7; 32]);
    assert_eq!(
        s.comment_secret(&[9; 32]).await.unwrap(),
        first,
        "kept, not replaced"
    );
    assert!(s.use_form_token("n1:v", 2_000, 1_000).await.unwrap());
    assert!(!s.use_form_token("n1:v", 2_000, 1_000).await.unwrap());
    // Expired keys are forgotten.
    assert!(s.use_form_token("n2:v", 2_000, 3_000).await.unwrap());
    assert!(s.use_form_token("n1:v", 4_000, 3_000).await.unwrap());
}

#[tokio::test]
async fn the_queue_lists_article_titles_and_spam_scores() {
    let (_dir, s, a) = store().await;
    let now = Timestamp::now();
    let mut held = record(a, "هالة", "ربح سريع", CommentStatus::Pending);
    held.spam_score = Some(0.93);
    held.hold_reason = Some("bayes".into());
    s.insert_comment(&held, now).await.unwrap();
    s.insert_comment(&record(a, "علي", "شكرا", CommentStatus::Approved), now)
        .await
        .unwrap();
    let page = s
        .list_queue(&query(Some(CommentStatus::Pending), None, 10, 0))
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    let item = &page.items[0];
    assert_eq!(
        (
            item.article_title.as_str(),
            item.article_slug.as_str(),
            item.spam_score
        ),
        ("خبر", "خبر", Some(0.93))
    );
    assert_eq!(item.comment.hold_reason.as_deref(), Some("bayes"));
    let found = s
        .list_queue(&query(None, Some("شكرا"), 10, 0))
        .await
        .unwrap();
    assert_eq!(
        (found.total, found.items[0].spam_score),
        (1, None),
        "no score when the filter gave none"
    );
}

#[tokio::test]
async fn writers_delete_pending_and_approved_comments_only() {
    let (_dir, s, a) = store().await;
    let now = Timestamp::now();
    let mut ids = Vec::new();
    for status in [
        CommentStatus::Pending,
        CommentStatus::Approved,
        CommentStatus::Spam,
        CommentStatus::Removed,
    ] {
        let mut r = record(a, "منى", status.as_str(), status);
        r.delete_key_hash = Some(format!("hash-{}", status.as_str()));
        ids.push(s.insert_comment(&r, now).await.unwrap());
    }
    assert_eq!(
        s.delete_key_hash(ids[0]).await.unwrap().as_deref(),
        Some("hash-pending")
    );
    assert_eq!(s.delete_key_hash(CommentId(999_999)).await.unwrap(), None);
    let results: Vec<bool> = delete_each(&s, &ids, now).await;
    assert_eq!(results, [true, true, false, false]);
    let mut statuses = Vec::new();
    for id in &ids {
        statuses.push(s.comment(*id).await.unwrap().unwrap().status);
    }
    assert_eq!(
        statuses,
        [
            CommentStatus::Deleted,
            CommentStatus::Deleted,
            CommentStatus::Spam,
            CommentStatus::Removed
        ],
        "staff decisions stay as staff left them"
    );
    let kept = s.comment(ids[1]).await.unwrap().unwrap();
    assert_eq!(kept.body, "approved", "the text is kept for the record");
    // Deleting twice changes nothing; a moderator cannot bring it back.
    assert!(!s.delete_by_author(ids[0], now).await.unwrap());
    assert_eq!(
        s.moderate(&ids[..2], ModerationAction::Approve, now)
            .await
            .unwrap(),
        []
    );
    assert!(s.approved_comments(a).await.unwrap().is_empty());
}

async fn delete_each(s: &SqliteStore, ids: &[CommentId], now: Timestamp) -> Vec<bool> {
    let mut out = Vec::new();
    for id in ids {
        out.push(s.delete_by_author(*id, now).await.unwrap());
    }
    out
}

//! The scheduler through real HTTP: a due article is published with no
//! request at all, and articles that fell due while the server was down are
//! published when it starts.

use crate::common;
use crate::kit::newsroom as kit;

use common::*;
use jiff::{Timestamp, ToSpan};
use khabar_core::{ArticleStatus, Role};
use kit::*;
use std::time::Duration;

#[tokio::test]
async fn the_scheduler_publishes_with_no_requests_and_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = khabar_testkit::test_config(&dir);
    config.newsroom.scheduler_interval = Duration::from_secs(1);
    // Before the server starts: an article that fell due while it was down.
    let backend = khabar_app::open_backend(&config.database_url)
        .await
        .unwrap();
    let owner = backend
        .accounts
        .as_ref()
        .expect("SQLite has accounts")
        .create_user(
            &khabar_core::NewUser {
                email: "a@example.com".into(),
                name: "أمل".into(),
                role: Role::Admin,
                password_hash: "x".into(),
            },
            Timestamp::now(),
        )
        .await
        .unwrap();
    let now = Timestamp::now();
    let missed = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .create_owned(
            &article("فات موعده", ArticleStatus::Scheduled, Some(now - 1.hours())),
            owner,
            now,
        )
        .await
        .unwrap();
    let soon = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .create_owned(
            &article(
                "بعد ثانيتين",
                ArticleStatus::Scheduled,
                Some(now + 2.seconds()),
            ),
            owner,
            now,
        )
        .await
        .unwrap();
    let server = TestServer::start_in(dir, config, false).await;
    // Nobody visits the site: only the store is watched.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let a = backend.store.article(missed).await.unwrap().unwrap();
        let b = backend.store.article(soon).await.unwrap().unwrap();
        if a.status == ArticleStatus::Published && b.status == ArticleStatus::Published {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not published: {:?} {:?}",
            a.status,
            b.status
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Published once: a second run finds nothing to do.
    assert!(
        backend
            .editorial
            .as_ref()
            .expect("SQLite has the editorial store")
            .publish_due(Timestamp::now())
            .await
            .unwrap()
            .is_empty()
    );
    let meta = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .editorial_meta(soon)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(meta.revision, 2);
    let doc = page(&server, "/", 200).await;
    assert!(doc.html().contains("بعد ثانيتين"));
    backend.store.close().await;
}

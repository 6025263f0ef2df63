//! Sections and tags management through real HTTP: who may, CSRF, create,
//! rename, slug rules and collisions, the navigation order, delete (refused
//! or moving the articles), tag merges — and the reading site showing each
//! change at once, through its page cache. (Old addresses and the search
//! index after a change: tests/it/newsroom_renames.rs.)

use crate::common;
use crate::kit::newsroom as kit;

use common::*;
use khabar_core::{ArticleStatus, NewTaxonomy, Role};
use kit::*;
use std::time::Duration;

fn tax(name: &str) -> NewTaxonomy {
    NewTaxonomy {
        name: name.into(),
        slug: khabar_arabic::slugify(name, 60),
    }
}

/// A published article in `section` with `tags`, owned by `owner`.
async fn filed(
    server: &TestServer,
    owner: khabar_core::UserId,
    title: &str,
    section: &str,
    tags: &[&str],
) -> i64 {
    let mut a = article(
        title,
        ArticleStatus::Published,
        Some(jiff::Timestamp::now()),
    );
    a.section = Some(tax(section));
    a.tags = tags.iter().map(|t| tax(t)).collect();
    create_owned(server, &a, owner).await
}

/// The id in the first edit link of a list page, for the row named `name`.
fn row_id(doc: &scraper::Html, kind: &str, name: &str) -> i64 {
    let link = doc
        .select(&sel(&format!("a[href^='/newsroom/{kind}/']")))
        .find(|a| a.text().collect::<String>().trim() == name)
        .unwrap_or_else(|| panic!("{name} is listed"));
    link.value()
        .attr("href")
        .and_then(|h| h.rsplit('/').next())
        .and_then(|id| id.parse().ok())
        .expect("an id")
}

/// Anonymous GET (no cookie), as a reader: goes through the page cache.
async fn reader_page(server: &TestServer, path: &str) -> scraper::Html {
    page(server, path, 200).await
}

#[tokio::test]
async fn only_editors_and_admins_manage_sections_and_tags() {
    let server = TestServer::start().await;
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let editor = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    let author = signed_in(&server, "author@example.com", "كاتبة", Role::Author).await;
    let moderator = signed_in(&server, "mod@example.com", "مشرف", Role::Moderator).await;
    let owner = add_user(&server, "owner@example.com", "مالك", Role::Editor).await;
    filed(&server, owner, "خبر أول", "محليات", &["النقل"]).await;
    let doc = page_with(&admin, &server, "/newsroom/sections").await;
    let section = row_id(&doc, "sections", "محليات");
    let doc = page_with(&admin, &server, "/newsroom/tags").await;
    let tag = row_id(&doc, "tags", "النقل");
    let pages = [
        "/newsroom/sections".to_string(),
        "/newsroom/tags".to_string(),
        format!("/newsroom/sections/{section}"),
        format!("/newsroom/tags/{tag}"),
    ];
    for path in &pages {
        for (who, b, status) in [
            ("admin", &admin, 200),
            ("editor", &editor, 200),
            ("author", &author, 403),
            ("moderator", &moderator, 403),
        ] {
            let res = b.get(&server, path).await;
            assert_eq!(res.status().as_u16(), status, "{who} GET {path}");
            assert_eq!(res.headers()["cache-control"], "no-store", "{who} {path}");
        }
        let res = Browser::new().get(&server, path).await;
        assert_eq!(res.status(), 303, "signed out GET {path}");
        let to = res.headers()["location"].to_str().unwrap();
        assert!(to.starts_with("/newsroom/login?next="), "{to}");
    }
    // Writes: refused for authors and moderators even with their own valid
    // form token, and for nobody signed in.
    let writes: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("/newsroom/sections".into(), vec![("name", "جديد")]),
        (
            format!("/newsroom/sections/{section}"),
            vec![("name", "اسم آخر")],
        ),
        (
            format!("/newsroom/sections/{section}/move"),
            vec![("direction", "up")],
        ),
        (format!("/newsroom/sections/{section}/delete"), vec![]),
        ("/newsroom/tags".into(), vec![("name", "وسم")]),
        (format!("/newsroom/tags/{tag}/merge"), vec![("into", "x")]),
        (format!("/newsroom/tags/{tag}/delete"), vec![]),
    ];
    for (path, fields) in &writes {
        for (who, b) in [("author", &author), ("moderator", &moderator)] {
            let csrf = session_csrf(&server, b).await;
            let mut form = fields.clone();
            form.push(("csrf", &csrf));
            let res = b.post(&server, path, &form).await;
            assert_eq!(res.status(), 403, "{who} POST {path}");
        }
        let res = Browser::new().post(&server, path, fields).await;
        assert_eq!(res.status(), 303, "signed out POST {path}");
    }
    // Nothing changed.
    let doc = page_with(&admin, &server, "/newsroom/sections").await;
    assert_eq!(row_id(&doc, "sections", "محليات"), section);
    assert_eq!(count(&doc, ".nr-tax-table tbody tr"), 1);
    // The newsroom's menu shows the pages to those who may use them.
    let doc = page_with(&editor, &server, "/newsroom/").await;
    assert_eq!(count(&doc, ".nr-nav a[href='/newsroom/sections']"), 1);
    let doc = page_with(&author, &server, "/newsroom/").await;
    assert_eq!(count(&doc, ".nr-nav a[href='/newsroom/sections']"), 0);
}

#[tokio::test]
async fn taxonomy_writes_need_the_form_token_and_the_same_origin() {
    let server = TestServer::start().await;
    let editor = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    let csrf = editor.csrf(&server, "/newsroom/sections").await;
    for token in ["", "0000"] {
        let res = editor
            .post(
                &server,
                "/newsroom/sections",
                &[("csrf", token), ("name", "اقتصاد")],
            )
            .await;
        assert_eq!(res.status(), 403, "token {token:?}");
    }
    let res = editor
        .client
        .post(server.url("/newsroom/sections"))
        .header("cookie", editor.cookie.clone().unwrap())
        .header("origin", "https://evil.example")
        .form(&[("csrf", csrf.as_str()), ("name", "اقتصاد")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "another site's form");
    let doc = page_with(&editor, &server, "/newsroom/sections").await;
    assert_eq!(
        count(&doc, ".nr-tax-table tbody tr"),
        0,
        "nothing was created"
    );
}

#[tokio::test]
async fn sections_are_created_renamed_reordered_and_deleted_and_the_site_follows_at_once() {
    // A long page cache: only the newsroom's invalidation can make readers
    // see a change within this test.
    let server = TestServer::start_with(false, |c| c.page_cache = Duration::from_secs(600)).await;
    let owner = add_user(&server, "owner@example.com", "مالك", Role::Editor).await;
    let b = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    let in_local = filed(&server, owner, "المجلس يقر خطة النقل", "محليات", &[]).await;
    let csrf = b.csrf(&server, "/newsroom/sections").await;
    assert_eq!(nav_names(&reader_page(&server, "/").await), ["محليات"]);

    // Created with a slug made from the Arabic name; it appears in the nav.
    let res = b
        .post(
            &server,
            "/newsroom/sections",
            &[("csrf", &csrf), ("name", "اقتصاد وأعمال"), ("slug", "")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = page_with(&b, &server, "/newsroom/sections?notice=created").await;
    assert!(is_arabic(&text(&doc, ".nr-notice")));
    let economy = row_id(&doc, "sections", "اقتصاد وأعمال");
    assert_eq!(
        nav_names(&reader_page(&server, "/").await),
        ["محليات", "اقتصاد وأعمال"]
    );
    let listing = reader_page(&server, &khabar_web::urls::section("اقتصاد-وأعمال")).await;
    assert_eq!(text(&listing, "h1"), "اقتصاد وأعمال");

    // Refusals: a taken slug, a taken name, a slug no URL can hold, no
    // name — each next to its field, the typed name kept.
    let res = b
        .post(
            &server,
            "/newsroom/sections",
            &[("csrf", &csrf), ("name", "رياضة"), ("slug", "محليات")],
        )
        .await;
    assert_eq!(res.status(), 422, "slug collision");
    let doc = body_of(res).await;
    assert!(
        is_arabic(&text(&doc, "#e-slug")),
        "message next to the slug"
    );
    assert_eq!(attr(&doc, "#f-name", "value").as_deref(), Some("رياضة"));
    for (name, slug, field) in [
        ("محليات", "local", "#e-name"),
        ("رياضة", "a b/c", "#e-slug"),
        ("", "", "#e-name"),
        (&"س".repeat(101), "", "#e-name"),
    ] {
        let res = b
            .post(
                &server,
                "/newsroom/sections",
                &[("csrf", &csrf), ("name", name), ("slug", slug)],
            )
            .await;
        assert_eq!(res.status(), 422, "{name:?} {slug:?}");
        let doc = body_of(res).await;
        assert!(is_arabic(&text(&doc, field)), "{field} for {name:?}");
        assert_eq!(attr(&doc, "#f-slug", "value").as_deref(), Some(slug));
    }

    // Renamed, with a new slug: the header, the section page and the
    // article's breadcrumb follow.
    let local = row_id(
        &page_with(&b, &server, "/newsroom/sections").await,
        "sections",
        "محليات",
    );
    let res = b
        .post(
            &server,
            &format!("/newsroom/sections/{local}"),
            &[("csrf", &csrf), ("name", "شؤون محلية"), ("slug", "local")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        nav_names(&reader_page(&server, "/").await),
        ["شؤون محلية", "اقتصاد وأعمال"]
    );
    assert_eq!(
        text(&reader_page(&server, "/section/local").await, "h1"),
        "شؤون محلية"
    );
    let article_path = format!("/article/{in_local}");
    let res = get(&server, &article_path).await;
    let canonical = res.headers()["location"].to_str().unwrap().to_string();
    let doc = reader_page(&server, &canonical).await;
    assert!(text(&doc, ".breadcrumb").contains("شؤون محلية"));
    // Renaming onto the other section's slug is refused on the edit page.
    let res = b
        .post(
            &server,
            &format!("/newsroom/sections/{economy}"),
            &[("csrf", &csrf), ("name", "اقتصاد"), ("slug", "local")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let doc = body_of(res).await;
    assert!(is_arabic(&text(&doc, "#e-slug")));
    assert_eq!(attr(&doc, "#f-name", "value").as_deref(), Some("اقتصاد"));

    // Reordered with plain forms: the site's navigation follows.
    let res = b
        .post(
            &server,
            &format!("/newsroom/sections/{economy}/move"),
            &[("csrf", &csrf), ("direction", "up")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        nav_names(&reader_page(&server, "/").await),
        ["اقتصاد وأعمال", "شؤون محلية"]
    );
    // The first one moving up changes nothing.
    let res = b
        .post(
            &server,
            &format!("/newsroom/sections/{economy}/move"),
            &[("csrf", &csrf), ("direction", "up")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        nav_names(&reader_page(&server, "/").await),
        ["اقتصاد وأعمال", "شؤون محلية"]
    );
    let doc = page_with(&b, &server, "/newsroom/sections").await;
    assert_eq!(
        attr(
            &doc,
            ".nr-tax-table tbody tr:first-child button[value=up]",
            "disabled"
        )
        .as_deref(),
        Some("")
    );

    // A section with articles is not deleted until its articles have
    // somewhere to go; then they move and the old page is gone.
    let res = b
        .post(
            &server,
            &format!("/newsroom/sections/{local}/delete"),
            &[("csrf", &csrf), ("move_to", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let doc = body_of(res).await;
    let message = text(&doc, "#e-delete");
    assert!(message.contains("مقال واحد"), "{message}");
    let res = b
        .post(
            &server,
            &format!("/newsroom/sections/{local}/delete"),
            &[("csrf", &csrf), ("move_to", &economy.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        nav_names(&reader_page(&server, "/").await),
        ["اقتصاد وأعمال"]
    );
    // Its address leads where its articles went (tests/it/newsroom_renames.rs).
    let res = get(&server, "/section/local").await;
    assert_eq!(res.status(), 301);
    assert_eq!(
        res.headers()["location"],
        khabar_web::urls::section("اقتصاد-وأعمال").as_str()
    );
    let doc = reader_page(&server, &canonical).await;
    assert!(text(&doc, ".breadcrumb").contains("اقتصاد وأعمال"));
    // An empty section is deleted at once.
    let res = b
        .post(
            &server,
            "/newsroom/sections",
            &[("csrf", &csrf), ("name", "منوعات"), ("slug", "")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let misc = row_id(
        &page_with(&b, &server, "/newsroom/sections").await,
        "sections",
        "منوعات",
    );
    let res = b
        .post(
            &server,
            &format!("/newsroom/sections/{misc}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        b.get(&server, &format!("/newsroom/sections/{misc}"))
            .await
            .status(),
        404
    );

    // Every write is in the audit log.
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let audit = page_with(&admin, &server, "/newsroom/audit").await;
    let log = text(&audit, "main");
    for action in [
        "section_create",
        "section_update",
        "section_move",
        "section_delete",
    ] {
        assert!(log.contains(action), "{action} in the audit log");
    }
}

#[tokio::test]
async fn tags_are_renamed_and_merged_and_not_deleted_while_in_use() {
    let server = TestServer::start_with(false, |c| c.page_cache = Duration::from_secs(600)).await;
    let owner = add_user(&server, "owner@example.com", "مالك", Role::Editor).await;
    let b = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    let both = filed(&server, owner, "خبر عن الوباء", "صحة", &["كورونا", "كوفيد"]).await;
    let only_old = filed(&server, owner, "خبر عن اللقاح", "صحة", &["كوفيد"]).await;
    let csrf = b.csrf(&server, "/newsroom/tags").await;
    let doc = page_with(&b, &server, "/newsroom/tags").await;
    let corona = row_id(&doc, "tags", "كورونا");
    let covid = row_id(&doc, "tags", "كوفيد");
    assert!(
        text(&doc, ".nr-tax-table").contains("مقالان"),
        "counts in Arabic plurals"
    );

    // Renamed: the article page shows the new name and links the new slug.
    let res = b
        .post(
            &server,
            &format!("/newsroom/tags/{corona}"),
            &[("csrf", &csrf), ("name", "فيروس كورونا"), ("slug", "")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let canonical = get(&server, &format!("/article/{both}")).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    let doc = reader_page(&server, &canonical).await;
    assert!(text(&doc, ".tags").contains("فيروس كورونا"));
    let tag_url = khabar_web::urls::tag(&khabar_arabic::slugify("فيروس كورونا", 60));
    assert_eq!(attr(&doc, ".tags a", "href"), Some(tag_url.clone()));
    assert_eq!(
        text(&reader_page(&server, &tag_url).await, "h1"),
        "فيروس كورونا"
    );

    // A tag with articles is not deleted: merge it instead.
    let res = b
        .post(
            &server,
            &format!("/newsroom/tags/{covid}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 422);
    let message = text(&body_of(res).await, "#e-delete");
    assert!(message.contains("مقالان"), "{message}");
    // Merging into an unknown tag or into itself is refused next to the field.
    for into in ["لا وجود له", "كوفيد"] {
        let res = b
            .post(
                &server,
                &format!("/newsroom/tags/{covid}/merge"),
                &[("csrf", &csrf), ("into", into)],
            )
            .await;
        assert_eq!(res.status(), 422, "{into}");
        let doc = body_of(res).await;
        assert!(is_arabic(&text(&doc, "#e-into")), "{into}");
        assert_eq!(attr(&doc, "#f-into", "value").as_deref(), Some(into));
    }
    // «كوفيد» into «فيروس كورونا»: the article that had both keeps one tag,
    // the other gets the target; the old tag's page is gone.
    let res = b
        .post(
            &server,
            &format!("/newsroom/tags/{covid}/merge"),
            &[("csrf", &csrf), ("into", "فيروس كورونا")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/newsroom/tags/{corona}?notice=merged").as_str()
    );
    let doc = page_with(&b, &server, "/newsroom/tags").await;
    assert_eq!(count(&doc, ".nr-tax-table tbody tr"), 1);
    assert!(text(&doc, ".nr-tax-table").contains("مقالان"));
    for id in [both, only_old] {
        let canonical = get(&server, &format!("/article/{id}")).await.headers()["location"]
            .to_str()
            .unwrap()
            .to_string();
        let doc = reader_page(&server, &canonical).await;
        assert_eq!(count(&doc, ".tags li"), 1, "article {id}");
        assert_eq!(text(&doc, ".tags li"), "فيروس كورونا");
    }
    let res = get(
        &server,
        &khabar_web::urls::tag(&khabar_arabic::slugify("كوفيد", 60)),
    )
    .await;
    assert_eq!(
        res.status(),
        301,
        "the old tag's page leads to the merged one"
    );
    assert_eq!(res.headers()["location"], tag_url.as_str());
    // The editor's tag suggestions moved to /newsroom/tags/suggest.
    let res = b
        .get(&server, "/newsroom/tags/suggest?q=%D9%81%D9%8A")
        .await;
    assert_eq!(res.status(), 200);
    let j: serde_json::Value = res.json().await.unwrap();
    assert_eq!(j["tags"][0], "فيروس كورونا");
    // An unused tag is deleted at once.
    let res = b
        .post(
            &server,
            "/newsroom/tags",
            &[("csrf", &csrf), ("name", "مهمل")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let unused = row_id(
        &page_with(&b, &server, "/newsroom/tags?q=%D9%85%D9%87%D9%85%D9%84").await,
        "tags",
        "مهمل",
    );
    let res = b
        .post(
            &server,
            &format!("/newsroom/tags/{unused}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 303);
}

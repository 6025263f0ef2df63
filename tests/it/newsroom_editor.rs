//! The editor's server-side autosave and its full-page preview, through real
//! HTTP: autosaves kept per account and article and offered back from any
//! browser, never published and never anyone else's, never left behind by
//! a request that lands after the save; the preview rendering
//! unsaved text in the reading site's own template, for signed-in editors
//! only and never cached or indexed.

use crate::common;
use crate::kit::newsroom as kit;

use common::*;
use khabar_core::{ArticleStatus, Role};
use kit::*;

async fn autosave(
    b: &Browser,
    server: &TestServer,
    article: Option<i64>,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let path = match article {
        Some(id) => format!("/newsroom/autosave?article={id}"),
        None => "/newsroom/autosave".to_string(),
    };
    b.post(server, &path, form).await
}

async fn revision_count(b: &Browser, server: &TestServer, id: i64) -> usize {
    let doc = page_with(b, server, &format!("/newsroom/articles/{id}/revisions")).await;
    count(&doc, ".nr-revision")
}

#[tokio::test]
async fn autosaves_are_offered_back_from_any_browser_and_never_published() {
    let server = TestServer::start().await;
    let author = signed_in(&server, "author@example.com", "كاتبة", Role::Author).await;
    add_user(&server, "owner@example.com", "مالكة", Role::Author).await;
    let mut owner = Browser::new();
    owner.login(&server, "owner@example.com", PASSWORD).await;
    let csrf = owner.csrf(&server, "/newsroom/articles/new").await;
    let res = owner
        .post(
            &server,
            "/newsroom/articles/new",
            &editor_form(&csrf, "0", "العنوان المحفوظ", "draft"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let editor_path = res.headers()["location"]
        .to_str()
        .unwrap()
        .replace("?saved=1", "");
    let id: i64 = editor_path.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(revision_count(&owner, &server, id).await, 1);

    // Typed, not saved: the background request keeps it server-side.
    let res = autosave(
        &owner,
        &server,
        Some(id),
        &editor_form(&csrf, "1", "عنوان كُتب ولم يُحفظ", "draft"),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let j: serde_json::Value = res.json().await.unwrap();
    assert!(is_arabic(j["label"].as_str().unwrap()), "{j}");

    // Reopened from another browser (a new sign-in): the saved text is in
    // the form and the autosave is offered beside it.
    let mut laptop = Browser::new();
    laptop.login(&server, "owner@example.com", PASSWORD).await;
    let doc = page_with(&laptop, &server, &editor_path).await;
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("العنوان المحفوظ")
    );
    assert_eq!(count(&doc, "#autosave-offer"), 1);
    assert!(is_arabic(&text(&doc, "#autosave-offer p")));
    let restore = attr(&doc, "#autosave-offer a", "href").expect("a restore link");
    let doc = page_with(&laptop, &server, &restore).await;
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("عنوان كُتب ولم يُحفظ")
    );
    assert_eq!(
        attr(&doc, "input[name=revision]", "value").as_deref(),
        Some("1")
    );
    assert_eq!(count(&doc, "#autosave-offer"), 0);

    // Not a revision, not published, not on the site.
    assert_eq!(revision_count(&owner, &server, id).await, 1);
    let list = page_with(&owner, &server, "/newsroom/").await;
    assert!(text(&list, ".nr-table").contains("العنوان المحفوظ"));
    assert!(!text(&list, ".nr-table").contains("عنوان كُتب"));

    // Nobody else reaches it: another author gets a 404 for the article and
    // cannot write into its slot; an editor opening it sees no offer.
    let res = autosave(
        &author,
        &server,
        Some(id),
        &editor_form(&csrf, "1", "تطفل", "draft"),
    )
    .await;
    assert_eq!(res.status(), 403, "with the owner's form token");
    let author_csrf = author.csrf(&server, "/newsroom/articles/new").await;
    let res = autosave(
        &author,
        &server,
        Some(id),
        &editor_form(&author_csrf, "1", "تطفل", "draft"),
    )
    .await;
    assert_eq!(res.status(), 404, "another author's article");
    assert_eq!(author.get(&server, &restore).await.status(), 404);
    let editor = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    let doc = page_with(&editor, &server, &editor_path).await;
    assert_eq!(
        count(&doc, "#autosave-offer"),
        0,
        "the owner's autosave is theirs"
    );
    let doc = page_with(&editor, &server, &restore).await;
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("العنوان المحفوظ"),
        "restoring finds no autosave of the editor's own"
    );

    // A save empties the slot.
    let res = owner
        .post(
            &server,
            &editor_path,
            &editor_form(&csrf, "1", "عنوان كُتب ولم يُحفظ", "draft"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = page_with(&owner, &server, &editor_path).await;
    assert_eq!(count(&doc, "#autosave-offer"), 0);

    // Discarding empties it too; an autosave equal to the saved text is
    // not offered.
    let res = autosave(
        &owner,
        &server,
        Some(id),
        &editor_form(&csrf, "2", "فكرة عابرة", "draft"),
    )
    .await;
    assert_eq!(res.status(), 200);
    let doc = page_with(&owner, &server, &editor_path).await;
    let discard = attr(&doc, "#autosave-offer form", "action").expect("a discard form");
    let res = owner.post(&server, &discard, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    let doc = page_with(&owner, &server, &editor_path).await;
    assert_eq!(count(&doc, "#autosave-offer"), 0);
    let slug = attr(&doc, "#f-slug", "value").expect("the stored slug");
    let mut same = editor_form(&csrf, "2", "عنوان كُتب ولم يُحفظ", "draft");
    same.retain(|(k, _)| *k != "slug");
    same.push(("slug", &slug));
    let res = autosave(&owner, &server, Some(id), &same).await;
    assert_eq!(res.status(), 200);
    let doc = page_with(&owner, &server, &editor_path).await;
    assert_eq!(count(&doc, "#autosave-offer"), 0, "nothing new to offer");
}

#[tokio::test]
async fn a_new_article_has_its_own_autosave_slot_per_account() {
    let server = TestServer::start().await;
    let a = signed_in(&server, "a@example.com", "أمل", Role::Author).await;
    let b = signed_in(&server, "b@example.com", "بشير", Role::Author).await;
    let moderator = signed_in(&server, "m@example.com", "مشرف", Role::Moderator).await;
    let csrf = a.csrf(&server, "/newsroom/articles/new").await;
    let res = autosave(
        &a,
        &server,
        None,
        &editor_form(&csrf, "0", "مسودة لم تُحفظ قط", "draft"),
    )
    .await;
    assert_eq!(res.status(), 200);
    let doc = page_with(&a, &server, "/newsroom/articles/new").await;
    assert_eq!(count(&doc, "#autosave-offer"), 1);
    assert_eq!(attr(&doc, "#f-title", "value").as_deref(), Some(""));
    let doc = page_with(&a, &server, "/newsroom/articles/new?restore=autosave").await;
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("مسودة لم تُحفظ قط")
    );
    assert_eq!(
        text(&doc, "#f-body"),
        "فقرة أولى عن Apple في 2026.\n\n## عنوان فرعي\n\nفقرة ثانية."
    );
    // Another author's new article starts empty.
    let doc = page_with(&b, &server, "/newsroom/articles/new").await;
    assert_eq!(count(&doc, "#autosave-offer"), 0);
    let doc = page_with(&b, &server, "/newsroom/articles/new?restore=autosave").await;
    assert_eq!(attr(&doc, "#f-title", "value").as_deref(), Some(""));
    // Moderators have no articles to autosave; signed out, nothing is kept.
    let m_csrf = session_csrf(&server, &moderator).await;
    let res = autosave(
        &moderator,
        &server,
        None,
        &editor_form(&m_csrf, "0", "x", "draft"),
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = autosave(
        &Browser::new(),
        &server,
        None,
        &editor_form(&csrf, "0", "x", "draft"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = autosave(&a, &server, None, &editor_form("", "0", "x", "draft")).await;
    assert_eq!(res.status(), 403, "without the form token");
    // Creating the article empties the new-article slot.
    let res = a
        .post(
            &server,
            "/newsroom/articles/new",
            &editor_form(&csrf, "0", "مسودة لم تُحفظ قط", "draft"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = page_with(&a, &server, "/newsroom/articles/new").await;
    assert_eq!(count(&doc, "#autosave-offer"), 0);
}

#[tokio::test]
async fn the_full_preview_renders_unsaved_text_in_the_reading_sites_template() {
    let server = TestServer::start().await;
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let csrf = admin.csrf(&server, "/newsroom/articles/new").await;
    let res = admin
        .post(
            &server,
            "/newsroom/articles/new",
            &editor_form(&csrf, "0", "العنوان المنشور", "published"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let editor_path = res.headers()["location"]
        .to_str()
        .unwrap()
        .replace("?saved=1", "");
    let id: i64 = editor_path.rsplit('/').next().unwrap().parse().unwrap();
    let doc = page_with(&admin, &server, &editor_path).await;
    assert_eq!(
        attr(&doc, "button[formaction]", "formaction"),
        Some(format!("{editor_path}/preview"))
    );
    assert_eq!(
        attr(&doc, "button[formaction]", "formtarget").as_deref(),
        Some("_blank")
    );

    let mut form = editor_form(&csrf, "1", "عنوان لم يُحفظ بعد", "published");
    form.retain(|(k, _)| *k != "body");
    form.push((
        "body",
        "فقرة جديدة لم تُحفظ.\n\n## عنوان فرعي جديد\n\nفقرة أخيرة.",
    ));
    let res = admin
        .post(&server, &format!("{editor_path}/preview"), &form)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.headers()["x-robots-tag"], "noindex, nofollow");
    let doc = body_of(res).await;
    assert_eq!(
        attr(&doc, "meta[name=robots]", "content").as_deref(),
        Some("noindex, nofollow")
    );
    assert!(is_arabic(&text(&doc, ".preview-banner")));
    // The reading site's page: its header and navigation, the article
    // template with the unsaved text, by-line, source and tags.
    assert_eq!(count(&doc, "header.site-header .brand"), 1);
    assert_eq!(count(&doc, "nav.site-nav"), 1);
    assert_eq!(text(&doc, "article h1"), "عنوان لم يُحفظ بعد");
    assert_eq!(text(&doc, ".article-body h2"), "عنوان فرعي جديد");
    assert!(text(&doc, ".article-body").contains("فقرة جديدة لم تُحفظ."));
    assert!(text(&doc, ".byline").contains("هالة منصور"));
    assert!(text(&doc, ".source").contains("صحيفة الساحل"));
    assert!(text(&doc, ".tags").contains("النقل"));
    assert!(text(&doc, ".breadcrumb").contains("محليات"));
    assert!(
        attr(&doc, "link[rel=stylesheet]", "href").is_some_and(|h| h.contains("site")),
        "the site's stylesheet"
    );
    assert_eq!(
        count(&doc, "script[src*='views']"),
        0,
        "a preview counts no view"
    );
    assert_eq!(count(&doc, ".hit-pixel"), 0);
    // The stored article is untouched.
    let public = get(&server, &format!("/article/{id}")).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        text(&page(&server, &public, 200).await, "article h1"),
        "العنوان المنشور"
    );

    // A new, never-saved article previews too; a hostile source address is
    // not linked.
    let mut form = editor_form(&csrf, "0", "", "draft");
    form.retain(|(k, _)| *k != "source_url");
    form.push(("source_url", "javascript:alert(1)"));
    let res = admin
        .post(&server, "/newsroom/articles/new/preview", &form)
        .await;
    assert_eq!(res.status(), 200);
    let doc = body_of(res).await;
    assert!(
        is_arabic(&text(&doc, "article h1")),
        "an untitled draft says so"
    );
    assert_eq!(count(&doc, "a[href^='javascript']"), 0);
}

#[tokio::test]
async fn the_preview_is_for_signed_in_editors_of_the_article_only() {
    let server = TestServer::start().await;
    let owner = add_user(&server, "owner@example.com", "مالكة", Role::Author).await;
    let id = create_owned(
        &server,
        &article("مسودة سرية", ArticleStatus::Draft, None),
        owner,
    )
    .await;
    let path = format!("/newsroom/articles/{id}/preview");
    let other = signed_in(&server, "other@example.com", "كاتب آخر", Role::Author).await;
    let moderator = signed_in(&server, "m@example.com", "مشرف", Role::Moderator).await;
    let mut mine = Browser::new();
    mine.login(&server, "owner@example.com", PASSWORD).await;
    let csrf = mine
        .csrf(&server, &format!("/newsroom/articles/{id}"))
        .await;
    let form = editor_form(&csrf, "1", "مسودة سرية", "draft");
    assert_eq!(mine.post(&server, &path, &form).await.status(), 200);
    // Signed out: to the sign-in page, nothing rendered.
    let res = Browser::new().post(&server, &path, &form).await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/newsroom/login")
    );
    let res = client()
        .post(server.url(&path))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(!res.text().await.unwrap().contains("مسودة سرية"));
    // Not by GET, not for someone else's draft, not for moderators, not
    // without the form token.
    assert_eq!(mine.get(&server, &path).await.status(), 405);
    let other_csrf = other.csrf(&server, "/newsroom/articles/new").await;
    let form_other = editor_form(&other_csrf, "1", "x", "draft");
    assert_eq!(other.post(&server, &path, &form_other).await.status(), 404);
    let m_csrf = session_csrf(&server, &moderator).await;
    let form_m = editor_form(&m_csrf, "1", "x", "draft");
    assert_eq!(moderator.post(&server, &path, &form_m).await.status(), 403);
    assert_eq!(
        moderator
            .post(&server, "/newsroom/articles/new/preview", &form_m)
            .await
            .status(),
        403
    );
    let form_none = editor_form("", "1", "x", "draft");
    assert_eq!(mine.post(&server, &path, &form_none).await.status(), 403);
}

/// The autosave token of an editor page ("" when the page has none).
fn page_token(doc: &scraper::Html) -> String {
    attr(doc, "input[name=autosave_token]", "value").unwrap_or_default()
}

/// The editor's form as its page sends it, with the page's autosave token.
fn with_token<'a>(mut form: Vec<(&'a str, &'a str)>, token: &'a str) -> Vec<(&'a str, &'a str)> {
    form.push(("autosave_token", token));
    form
}

#[tokio::test]
async fn an_autosave_arriving_after_the_save_leaves_nothing_to_offer() {
    let server = TestServer::start().await;
    let b = signed_in(&server, "author@example.com", "كاتبة", Role::Author).await;
    let doc = page_with(&b, &server, "/newsroom/articles/new").await;
    let csrf = attr(&doc, "input[name=csrf]", "value").expect("csrf");
    let token = page_token(&doc);
    // Another tab's page, with its own new article typed but not saved.
    let other = page_token(&page_with(&b, &server, "/newsroom/articles/new").await);

    // The editor saves; the autosave sent just before lands just after.
    let typed = editor_form(&csrf, "0", "خبر كتب ثم حفظ", "draft");
    let res = b
        .post(
            &server,
            "/newsroom/articles/new",
            &with_token(typed.clone(), &token),
        )
        .await;
    assert_eq!(res.status(), 303);
    let editor_path = res.headers()["location"]
        .to_str()
        .unwrap()
        .replace("?saved=1", "");
    let late = autosave(&b, &server, None, &with_token(typed.clone(), &token)).await;
    assert_eq!(late.status(), 409, "the saved page's autosave is refused");
    let doc = page_with(&b, &server, "/newsroom/articles/new").await;
    assert_eq!(count(&doc, "#autosave-offer"), 0, "no stale new article");
    assert_ne!(token, other, "every page its own token");

    // The other tab's text is its own: autosaved, and kept by this save.
    let theirs = editor_form(&csrf, "0", "خبر في نافذة أخرى", "draft");
    let res = autosave(&b, &server, None, &with_token(theirs, &other)).await;
    assert_eq!(res.status(), 200);
    let res = b
        .post(
            &server,
            "/newsroom/articles/new",
            &with_token(
                editor_form(&csrf, "0", "خبر ثالث", "draft"),
                &page_token(&page_with(&b, &server, "/newsroom/articles/new").await),
            ),
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = page_with(&b, &server, "/newsroom/articles/new").await;
    assert_eq!(
        count(&doc, "#autosave-offer"),
        1,
        "the other tab's text kept"
    );

    // The same on an existing article: saved, then the late autosave.
    let doc = page_with(&b, &server, &editor_path).await;
    let token = page_token(&doc);
    let revision = attr(&doc, "input[name=revision]", "value").expect("revision");
    let id: i64 = editor_path.rsplit('/').next().unwrap().parse().unwrap();
    let edited = editor_form(&csrf, &revision, "خبر كتب ثم عدل", "draft");
    let res = b
        .post(&server, &editor_path, &with_token(edited.clone(), &token))
        .await;
    assert_eq!(res.status(), 303);
    // What the page held a moment before the save (the title not yet edited).
    let before = editor_form(&csrf, &revision, "خبر كتب ثم", "draft");
    let late = autosave(&b, &server, Some(id), &with_token(before, &token)).await;
    assert_eq!(late.status(), 409);
    let doc = page_with(&b, &server, &editor_path).await;
    assert_eq!(count(&doc, "#autosave-offer"), 0, "nothing stale offered");
    assert_ne!(page_token(&doc), token, "a new page, a new token");

    // A refused save keeps its page's token; a token no page had is refused.
    let res = b
        .post(
            &server,
            "/newsroom/articles/new",
            &with_token(editor_form(&csrf, "0", "", "draft"), &other),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(page_token(&body_of(res).await), other);
    let res = autosave(&b, &server, None, &with_token(typed, "not-a-token")).await;
    assert_eq!(res.status(), 400);
}

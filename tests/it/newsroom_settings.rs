//! The site settings page through real HTTP: admins only, CSRF, each
//! setting applied to the reading site at once (name, logo, digits, month
//! names, time zone, Hijri date, comment policy), bad values refused next
//! to their field with what was typed kept, and the saved values outliving
//! a restart until they are reset to the configuration's.

use crate::common;
use crate::kit::comments as comments_kit;
use crate::kit::newsroom as kit;

use common::*;
use jiff::{Timestamp, ToSpan};
use khabar_comments::policy::Moderation;
use khabar_core::{ArticleStatus, Role};
use khabar_i18n::{DigitStyle, I18n, LocaleSettings, MonthNames};
use kit::*;
use std::time::Duration;

/// The settings form as a browser without JavaScript posts it: multipart,
/// with the logo file when one is given.
async fn post_settings(
    b: &Browser,
    server: &TestServer,
    fields: &[(&str, &str)],
    logo: Option<(Vec<u8>, &str)>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    form = match logo {
        Some((bytes, name)) => form.part(
            "logo_file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        ),
        None => form.part(
            "logo_file",
            reqwest::multipart::Part::bytes(Vec::new()).file_name(""),
        ),
    };
    b.client
        .post(server.url("/newsroom/settings"))
        .header("cookie", b.cookie.clone().unwrap())
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Every field, valid, with `changes` over it.
fn settings<'a>(csrf: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("site_name", "خبر"),
        ("logo_url", ""),
        ("logo_alt", ""),
        ("digits", "western"),
        ("month_names", "egypt"),
        ("time_zone", "Asia/Riyadh"),
        ("comment_moderation", "first_time"),
        ("comments_close_after_days", "0"),
    ];
    for (k, v) in changes {
        fields.retain(|(f, _)| f != k);
        fields.push((k, v));
    }
    fields
}

/// Fields to change, over [`settings`].
type Changes<'a> = Vec<(&'a str, &'a str)>;
/// A logo file: its bytes and name.
type Logo<'a> = (Vec<u8>, &'a str);

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(width, height, image::Rgb([200, 40, 40]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("png");
    bytes
}

#[tokio::test]
async fn only_admins_change_the_settings() {
    let server = TestServer::start().await;
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let editor = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    let author = signed_in(&server, "author@example.com", "كاتبة", Role::Author).await;
    let moderator = signed_in(&server, "mod@example.com", "مشرف", Role::Moderator).await;
    let doc = page_with(&admin, &server, "/newsroom/settings").await;
    assert_eq!(attr(&doc, "#f-site_name", "value").as_deref(), Some("خبر"));
    assert_eq!(count(&doc, ".nr-nav a[href='/newsroom/settings']"), 1);
    for (who, b) in [
        ("editor", &editor),
        ("author", &author),
        ("moderator", &moderator),
    ] {
        assert_eq!(
            b.get(&server, "/newsroom/settings").await.status(),
            403,
            "{who}"
        );
        let csrf = session_csrf(&server, b).await;
        let fields = settings(&csrf, &[("site_name", "استيلاء")]);
        let res = post_settings(b, &server, &fields, None).await;
        assert_eq!(res.status(), 403, "{who} saves");
        let res = b
            .post(&server, "/newsroom/settings/reset", &[("csrf", &csrf)])
            .await;
        assert_eq!(res.status(), 403, "{who} resets");
    }
    let res = Browser::new().get(&server, "/newsroom/settings").await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/newsroom/login")
    );
    // A stale token and another site's form are refused too.
    let csrf = admin.csrf(&server, "/newsroom/settings").await;
    let res = post_settings(
        &admin,
        &server,
        &settings("0000", &[("site_name", "x")]),
        None,
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = admin
        .client
        .post(server.url("/newsroom/settings"))
        .header("cookie", admin.cookie.clone().unwrap())
        .header("sec-fetch-site", "cross-site")
        .multipart(reqwest::multipart::Form::new().text("csrf", csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(text(&page(&server, "/", 200).await, ".brand-name"), "خبر");
}

#[tokio::test]
async fn saved_settings_change_the_reading_site_at_once() {
    // A long page cache: readers see the change only because saving clears it.
    let server = TestServer::start_with(true, |c| c.page_cache = Duration::from_secs(600)).await;
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let owner = add_user(&server, "owner@example.com", "مالك", Role::Editor).await;
    let at: Timestamp = "2026-03-10T09:15:00Z".parse().unwrap();
    let id = create_owned(
        &server,
        &article("خبر بتوقيت معروف", ArticleStatus::Published, Some(at)),
        owner,
    )
    .await;
    let path = get(&server, &format!("/article/{id}")).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    let before = page(&server, &path, 200).await;
    assert_eq!(text(&before, ".brand-name"), "خبر");
    assert_eq!(
        text(&before, ".dateline time"),
        "10 مارس 2026، 12:15",
        "Riyadh, Western digits"
    );
    assert_eq!(count(&before, ".hijri"), 0);

    let csrf = admin.csrf(&server, "/newsroom/settings").await;
    let fields = settings(
        &csrf,
        &[
            ("site_name", "صحيفة الواحة"),
            ("digits", "arabic_indic"),
            ("month_names", "levant"),
            ("time_zone", "Africa/Cairo"),
            ("show_hijri", "on"),
        ],
    );
    let res = post_settings(&admin, &server, &fields, None).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/newsroom/settings?notice=saved");

    let after = page(&server, &path, 200).await;
    assert_eq!(text(&after, ".brand-name"), "صحيفة الواحة");
    assert!(text(&after, "title").ends_with("— صحيفة الواحة"));
    let i18n = I18n::new();
    let cairo = LocaleSettings {
        digits: DigitStyle::ArabicIndic,
        months: MonthNames::Levant,
        time_zone: jiff::tz::TimeZone::get("Africa/Cairo").unwrap(),
        show_hijri: true,
        ..LocaleSettings::default()
    };
    let expected = i18n.localizer(&cairo).date_time(at);
    assert_eq!(expected, "١٠ آذار ٢٠٢٦، ١١:١٥");
    assert_eq!(text(&after, ".dateline time"), expected);
    assert!(
        !text(&after, ".hijri").is_empty(),
        "the Hijri date is shown"
    );
    let home = page(&server, "/", 200).await;
    assert_eq!(text(&home, ".brand-name"), "صحيفة الواحة");
    assert!(
        text(&home, ".copyright").contains('٢'),
        "the footer year in Arabic-Indic digits"
    );
    // The newsroom follows the site's digits and zone too.
    let doc = page_with(&admin, &server, &format!("/newsroom/articles/{id}")).await;
    assert!(text(&doc, ".nr-editor-side").contains("Africa/Cairo"));
    // The page says where its values come from now.
    let doc = page_with(&admin, &server, "/newsroom/settings").await;
    assert!(text(&doc, "main").contains("مديرة"), "saved by the admin");
    assert_eq!(
        attr(&doc, "#f-digits option[selected]", "value").as_deref(),
        Some("arabic_indic")
    );
    let audit = page_with(&admin, &server, "/newsroom/audit").await;
    assert!(text(&audit, "main").contains("settings_save"));
}

/// The comment form token of article `id`, which the API gives only while
/// its comments are open.
async fn open_token(site: &comments_kit::Site, id: i64) -> Option<String> {
    let url = format!("/api/v1/articles/{id}/comments");
    let v: serde_json::Value = get(&site.server, &url).await.json().await.unwrap();
    v["token"].as_str().map(str::to_string)
}

#[tokio::test]
async fn the_comment_policy_follows_the_settings_page() {
    let site = comments_kit::site(|c| c.moderation = Moderation::None).await;
    let server = &site.server;
    let admin = signed_in(server, "admin@example.com", "مديرة", Role::Admin).await;
    let (status, v) = comments_kit::comment(&site, "سارة", "", "قبل التغيير").await;
    assert_eq!(
        (status, v["status"].as_str()),
        (201, Some("approved")),
        "{v}"
    );

    let csrf = admin.csrf(server, "/newsroom/settings").await;
    let doc = page_with(&admin, server, "/newsroom/settings").await;
    assert_eq!(
        attr(&doc, "#f-comment_moderation option[selected]", "value").as_deref(),
        Some("none"),
        "the form starts from the configured policy"
    );
    let res = post_settings(
        &admin,
        server,
        &settings(&csrf, &[("comment_moderation", "all")]),
        None,
    )
    .await;
    assert_eq!(res.status(), 303);
    let (status, v) = comments_kit::comment(&site, "سارة", "", "بعد التغيير").await;
    assert_eq!(
        (status, v["status"].as_str()),
        (202, Some("pending")),
        "{v}"
    );

    // Closing after N days: an article published five days ago closes
    // with 3, and opens again with 0.
    let owner = add_user(server, "owner@example.com", "مالك", Role::Editor).await;
    let old = create_owned(
        server,
        &article(
            "خبر قديم",
            ArticleStatus::Published,
            Some(Timestamp::now() - (5 * 24).hours()),
        ),
        owner,
    )
    .await;
    assert!(open_token(&site, old).await.is_some(), "open by default");
    let fields = settings(
        &csrf,
        &[
            ("comment_moderation", "all"),
            ("comments_close_after_days", "٣"),
        ],
    );
    let res = post_settings(&admin, server, &fields, None).await;
    assert_eq!(
        res.status(),
        303,
        "days may be typed in Arabic-Indic digits"
    );
    assert_eq!(
        open_token(&site, old).await,
        None,
        "closed after three days"
    );
    let res = post_settings(&admin, server, &settings(&csrf, &[]), None).await;
    assert_eq!(res.status(), 303);
    assert!(open_token(&site, old).await.is_some(), "open again");
}

#[tokio::test]
async fn bad_settings_are_refused_next_to_the_field_and_keep_what_was_typed() {
    let server = TestServer::start().await;
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let csrf = admin.csrf(&server, "/newsroom/settings").await;
    let long = "ن".repeat(81);
    let huge = "ن".repeat(100_000);
    let cases: Vec<(Changes, Option<Logo>, &str)> = vec![
        (vec![("time_zone", "Asia/Atlantis")], None, "#e-time_zone"),
        (vec![("time_zone", "")], None, "#e-time_zone"),
        (vec![("site_name", &long)], None, "#e-site_name"),
        (vec![("site_name", &huge)], None, "#e-site_name"),
        (vec![("site_name", "  ")], None, "#e-site_name"),
        (vec![("digits", "roman")], None, "#e-digits"),
        (vec![("month_names", "mars")], None, "#e-month_names"),
        (
            vec![("comment_moderation", "sometimes")],
            None,
            "#e-comment_moderation",
        ),
        (
            vec![("comments_close_after_days", "-1")],
            None,
            "#e-comments_close_after_days",
        ),
        (
            vec![("comments_close_after_days", "99999")],
            None,
            "#e-comments_close_after_days",
        ),
        // A fake logo: not an image, an SVG, a broken PNG, or an address
        // that is not an upload of this site.
        (
            vec![("logo_alt", "شعار")],
            Some((b"MZ\x90\x00 not an image".to_vec(), "logo.png")),
            "#e-logo",
        ),
        (
            vec![("logo_alt", "شعار")],
            Some((
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
                "logo.svg",
            )),
            "#e-logo",
        ),
        (
            vec![("logo_alt", "شعار")],
            Some((b"\x89PNG\r\n\x1a\n broken".to_vec(), "logo.png")),
            "#e-logo",
        ),
        (
            vec![
                ("logo_url", "https://evil.example/logo.png"),
                ("logo_alt", "شعار"),
            ],
            None,
            "#e-logo",
        ),
        (
            vec![("logo_url", "javascript:alert(1)"), ("logo_alt", "شعار")],
            None,
            "#e-logo",
        ),
        (
            vec![
                ("logo_url", "/media/2026/01/deadbeef-480.png"),
                ("logo_alt", "شعار"),
            ],
            None,
            "#e-logo",
        ),
    ];
    for (changes, logo, field) in cases {
        let typed = changes
            .iter()
            .find(|(k, _)| *k == "site_name")
            .map_or("خبر", |(_, v)| v);
        let mut fields = settings(&csrf, &[("month_names", "levant")]);
        for (k, v) in &changes {
            fields.retain(|(f, _)| f != k);
            fields.push((k, v));
        }
        let res = post_settings(&admin, &server, &fields, logo).await;
        assert_eq!(res.status(), 422, "{field} {changes:?}");
        assert_eq!(res.headers()["cache-control"], "no-store");
        let doc = body_of(res).await;
        let message = text(&doc, field);
        assert!(
            is_arabic(&message),
            "{field}: Arabic message next to the field, got {message:?}"
        );
        assert_eq!(
            attr(&doc, "#f-site_name", "value").as_deref(),
            Some(typed),
            "{field}: the site name as typed"
        );
        let typed_of = |name: &str| fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        for input in ["time_zone", "comments_close_after_days", "logo_alt"] {
            assert_eq!(
                attr(&doc, &format!("#f-{input}"), "value").as_deref(),
                typed_of(input),
                "{field}: {input} as typed"
            );
        }
        if field != "#e-month_names" {
            assert_eq!(
                attr(&doc, "#f-month_names option[selected]", "value").as_deref(),
                Some("levant"),
                "{field}: the month names as chosen"
            );
        }
    }
    // Nothing of it reached the site.
    assert_eq!(text(&page(&server, "/", 200).await, ".brand-name"), "خبر");
    let doc = page_with(&admin, &server, "/newsroom/settings").await;
    assert_eq!(
        attr(&doc, "#f-month_names option[selected]", "value").as_deref(),
        Some("egypt")
    );
}

#[tokio::test]
async fn an_uploaded_logo_shows_in_the_header_and_survives_a_refused_save() {
    let server = TestServer::start().await;
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let csrf = admin.csrf(&server, "/newsroom/settings").await;
    // A good logo with a bad time zone: refused, but the stored logo stays
    // in the form, so the admin does not upload it again.
    let fields = settings(
        &csrf,
        &[("logo_alt", "شعار الواحة"), ("time_zone", "Nowhere/City")],
    );
    let res = post_settings(&admin, &server, &fields, Some((png(900, 300), "logo.png"))).await;
    assert_eq!(res.status(), 422);
    let doc = body_of(res).await;
    let kept = attr(&doc, "input[name=logo_url]", "value").expect("the logo's address");
    assert!(
        kept.starts_with("/media/") && kept.ends_with("-480.png"),
        "{kept}"
    );
    assert_eq!(
        attr(&doc, ".nr-logo-preview", "src").as_deref(),
        Some(kept.as_str())
    );
    assert_eq!(
        attr(&doc, "#f-logo_alt", "value").as_deref(),
        Some("شعار الواحة")
    );
    // A logo needs its description.
    let fields = settings(&csrf, &[("logo_url", &kept), ("logo_alt", "")]);
    let res = post_settings(&admin, &server, &fields, None).await;
    assert_eq!(res.status(), 422);
    assert!(is_arabic(&text(&body_of(res).await, "#e-logo_alt")));

    let fields = settings(&csrf, &[("logo_url", &kept), ("logo_alt", "شعار الواحة")]);
    let res = post_settings(&admin, &server, &fields, None).await;
    assert_eq!(res.status(), 303);
    let home = page(&server, "/", 200).await;
    assert_eq!(
        attr(&home, ".brand .brand-logo", "src").as_deref(),
        Some(kept.as_str())
    );
    assert_eq!(
        attr(&home, ".brand .brand-logo", "alt").as_deref(),
        Some("شعار الواحة")
    );
    assert_eq!(count(&home, ".brand-mark"), 0);
    let res = get(&server, &kept).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    // Removing it brings the letter mark back.
    let fields = settings(
        &csrf,
        &[
            ("logo_url", &kept),
            ("logo_alt", "شعار الواحة"),
            ("logo_remove", "on"),
        ],
    );
    let res = post_settings(&admin, &server, &fields, None).await;
    assert_eq!(res.status(), 303);
    let home = page(&server, "/", 200).await;
    assert_eq!(count(&home, ".brand-logo"), 0);
    assert_eq!(count(&home, ".brand-mark"), 1);
}

#[tokio::test]
async fn saved_settings_outlive_a_restart_until_reset_to_the_configuration() {
    let server = TestServer::start().await;
    let admin = signed_in(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let csrf = admin.csrf(&server, "/newsroom/settings").await;
    let fields = settings(
        &csrf,
        &[("site_name", "صحيفة الواحة"), ("digits", "arabic_indic")],
    );
    assert_eq!(
        post_settings(&admin, &server, &fields, None).await.status(),
        303
    );
    let config = khabar_testkit::test_config(&server.dir);
    let dir = server.stop().await;
    let server = TestServer::start_in(dir, config, false).await;
    assert_eq!(
        text(&page(&server, "/", 200).await, ".brand-name"),
        "صحيفة الواحة"
    );
    let mut admin = Browser::new();
    admin.login(&server, "admin@example.com", PASSWORD).await;
    let csrf = admin.csrf(&server, "/newsroom/settings").await;
    let res = admin
        .post(&server, "/newsroom/settings/reset", &[("csrf", &csrf)])
        .await;
    assert_eq!(res.status(), 303);
    let home = page(&server, "/", 200).await;
    assert_eq!(
        text(&home, ".brand-name"),
        "خبر",
        "the configured (default) name"
    );
    assert!(
        !text(&home, ".copyright").contains('٢'),
        "Western digits again"
    );
    let doc = page_with(&admin, &server, "/newsroom/settings").await;
    assert!(
        text(&doc, "main").contains("ملف الإعدادات"),
        "values from the configuration"
    );
}

//! Image uploads through real HTTP: checked by content, resized, served
//! with `srcset`; and the editor's form carrying its cover without
//! JavaScript.

use crate::common;
use crate::kit::newsroom as kit;

use common::*;
use khabar_core::Role;
use kit::*;

#[tokio::test]
async fn uploads_are_checked_resized_and_served_with_srcset() {
    let server = TestServer::start().await;
    add_user(&server, "a@example.com", "أمل", Role::Admin).await;
    add_user(&server, "m@example.com", "مشرف", Role::Moderator).await;
    let mut b = Browser::new();
    b.login(&server, "a@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, "/newsroom/articles/new").await;

    // Refused by content, whatever the name says.
    for (bytes, name, code) in [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
            "a.png",
            "media_svg",
        ),
        (
            b"MZ\x90\x00 not an image".to_vec(),
            "photo.jpg",
            "media_not_an_image",
        ),
        (
            b"\x89PNG\r\n\x1a\n broken".to_vec(),
            "photo.png",
            "media_broken",
        ),
    ] {
        let res = upload(&b, &server, &csrf, bytes, name).await;
        assert_eq!(res.status(), 422, "{name}");
        let j: serde_json::Value = res.json().await.unwrap();
        assert_eq!(j["error"], code, "{name}");
    }
    let res = upload(&b, &server, "wrong", vec![1, 2, 3], "x.png").await;
    assert_eq!(res.status(), 403, "upload without the form token");
    let mut m = Browser::new();
    m.login(&server, "m@example.com", PASSWORD).await;
    let res = upload(&m, &server, &csrf, vec![1], "x.png").await;
    assert_eq!(res.status(), 403, "moderators cannot upload");
    let res = upload(&b, &server, &csrf, vec![0; 21 * 1024 * 1024], "big.png").await;
    assert_eq!(res.status(), 413);

    // A good image: variants at 480 and 960 and its own 1200, WebP and PNG.
    let mut png = Vec::new();
    image::RgbImage::from_pixel(1200, 600, image::Rgb([20, 90, 200]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let res = upload(&b, &server, &csrf, png, "../../etc/passwd").await;
    assert_eq!(res.status(), 200);
    let j: serde_json::Value = res.json().await.unwrap();
    let url = j["url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with("/media/") && url.ends_with("-1200.png"),
        "{url}"
    );
    for variant in [url.clone(), url.replace("-1200.png", "-480.webp")] {
        let res = get(&server, &variant).await;
        assert_eq!(res.status(), 200, "{variant}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert!(
            res.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
    }
    assert_eq!(
        get(&server, "/media/2026/11/..%2f..%2fkhabar.db")
            .await
            .status(),
        404
    );

    // Used as a cover, the site offers the sizes with srcset.
    let mut form = editor_form(&csrf, "0", "خبر بصورة", "published");
    form.push(("cover_url", &url));
    form.push(("cover_alt", "صورة زرقاء"));
    form.push(("cover_credit", "تصوير: أمل"));
    let res = b.post(&server, "/newsroom/articles/new", &form).await;
    assert_eq!(res.status(), 303);
    let doc = page(&server, "/", 200).await;
    let link = attr(&doc, "a[href^='/article/']", "href").expect("the article on the home page");
    let doc = page(&server, &link, 200).await;
    let srcset =
        attr(&doc, ".article-cover source[type='image/webp']", "srcset").expect("webp srcset");
    assert!(
        srcset.contains("-480.webp 480w") && srcset.contains("-1200.webp 1200w"),
        "{srcset}"
    );
    assert_eq!(
        attr(&doc, ".article-cover img", "alt").as_deref(),
        Some("صورة زرقاء")
    );
}

/// The editor's form as a browser without JavaScript sends it: multipart,
/// the cover file among the text fields.
async fn post_editor_multipart(
    b: &Browser,
    server: &TestServer,
    path: &str,
    fields: &[(&str, &str)],
    cover: Option<Vec<u8>>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    let part = reqwest::multipart::Part::bytes(cover.unwrap_or_default()).file_name("photo.jpg");
    form = form.part("cover_file", part);
    b.client
        .post(server.url(path))
        .header("cookie", b.cookie.clone().unwrap())
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_cover_uploads_with_the_article_form_without_javascript() {
    let server = TestServer::start().await;
    add_user(&server, "a@example.com", "أمل", Role::Admin).await;
    let mut b = Browser::new();
    b.login(&server, "a@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, "/newsroom/articles/new").await;
    // The editor page has the file field in the article form itself,
    // visible, and the form is multipart.
    let doc = page_with(&b, &server, "/newsroom/articles/new").await;
    assert_eq!(
        attr(&doc, "#editor", "enctype").as_deref(),
        Some("multipart/form-data")
    );
    assert_eq!(
        attr(&doc, "#editor input[type=file]", "name").as_deref(),
        Some("cover_file")
    );
    assert_eq!(count(&doc, ".nr-upload[hidden]"), 0);

    // A file that is not an image: refused next to the file field, with
    // everything typed kept.
    let fields = editor_form(&csrf, "0", "خبر بصورة بلا سكربت", "draft");
    let res = post_editor_multipart(
        &b,
        &server,
        "/newsroom/articles/new",
        &fields,
        Some(b"MZ\x90\x00 not an image".to_vec()),
    )
    .await;
    assert_eq!(res.status(), 422);
    let doc = body_of(res).await;
    assert!(
        is_arabic(&text(&doc, "#e-upload")),
        "a message next to the file field"
    );
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("خبر بصورة بلا سكربت")
    );
    assert_eq!(text(&doc, "#f-lead"), "مقدمة الخبر");

    // A good image without its description: the image is stored and kept
    // in the form, only the description is asked for.
    let mut jpeg = Vec::new();
    image::RgbImage::from_pixel(1000, 500, image::Rgb([30, 120, 60]))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let res = post_editor_multipart(
        &b,
        &server,
        "/newsroom/articles/new",
        &fields,
        Some(jpeg.clone()),
    )
    .await;
    assert_eq!(res.status(), 422);
    let doc = body_of(res).await;
    assert!(is_arabic(&text(&doc, "#e-cover_alt")));
    let kept = attr(&doc, "#f-cover_url", "value").expect("the stored cover");
    assert!(
        kept.starts_with("/media/") && kept.ends_with("-1000.jpg"),
        "{kept}"
    );
    assert_eq!(
        attr(&doc, ".nr-cover-preview", "src").as_deref(),
        Some(kept.as_str())
    );

    // With the description, the article saves with its cover, and the
    // reading site serves the sizes.
    let mut fields = editor_form(&csrf, "0", "خبر بصورة بلا سكربت", "published");
    fields.push(("cover_alt", "حقل أخضر"));
    let res =
        post_editor_multipart(&b, &server, "/newsroom/articles/new", &fields, Some(jpeg)).await;
    assert_eq!(res.status(), 303);
    let editor = res.headers()["location"].to_str().unwrap().to_string();
    let doc = page_with(&b, &server, &editor).await;
    let cover = attr(&doc, "#f-cover_url", "value").expect("a cover");
    assert!(cover.ends_with("-1000.jpg"), "{cover}");
    let public = attr(&doc, ".nr-editor-side a[href^='/article/']", "href").expect("public link");
    let doc = page(&server, &public, 200).await;
    assert_eq!(
        attr(&doc, ".article-cover img", "src").as_deref(),
        Some(cover.as_str())
    );
    assert_eq!(
        attr(&doc, ".article-cover img", "alt").as_deref(),
        Some("حقل أخضر")
    );
    assert!(
        attr(&doc, ".article-cover source[type='image/webp']", "srcset")
            .is_some_and(|s| s.contains("-480.webp 480w")),
    );
    // Saving again with the file field left empty keeps the cover.
    let id = editor
        .trim_end_matches("?saved=1")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let mut fields = editor_form(&csrf, "1", "خبر بصورة بلا سكربت", "published");
    fields.push(("cover_url", &cover));
    fields.push(("cover_alt", "حقل أخضر"));
    let res = post_editor_multipart(
        &b,
        &server,
        &format!("/newsroom/articles/{id}"),
        &fields,
        None,
    )
    .await;
    assert_eq!(res.status(), 303);
    let doc = page(&server, &public, 200).await;
    assert_eq!(
        attr(&doc, ".article-cover img", "src").as_deref(),
        Some(cover.as_str())
    );
}

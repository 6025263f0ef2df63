//! The `khabar` command line, run as a user runs it.

use crate::common;

use common::*;
use khabar_store::Store;
use std::path::Path;
use std::process::{Command, Output};

fn khabar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .env_remove("KHABAR_DATABASE_URL")
        .env_remove("KHABAR_LISTEN")
        .env_remove("KHABAR_CONFIG")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run khabar")
}

fn db_url(dir: &Path) -> String {
    format!("sqlite://{}/site.db", dir.display())
}

async fn article_count(url: &str) -> u64 {
    let store = khabar_store_sqlite::SqliteStore::open(url)
        .await
        .expect("open");
    let n = store.article_count().await.expect("count");
    store.close().await;
    n
}

const GOOD: &str = "---\ntitle: \"مجلس المدينة يقر خطة للنقل العام\"\nlead: \"أقر المجلس خطة من ثلاث مراحل.\"\nsection: \"محليات\"\ntags: [\"النقل\", \"المدينة\"]\nauthor: \"هالة منصور\"\nsource_name: \"صحيفة الساحل\"\nsource_url: \"https://alsahel.example.com/transport\"\nstatus: \"published\"\npublished_at: \"2026-11-20T10:00:00+03:00\"\n---\nالفقرة الأولى.\n\n## المرحلة الأولى\n\nالفقرة الثانية.\n";

#[tokio::test]
async fn article_add_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("transport.md");
    std::fs::write(&file, GOOD).unwrap();
    let url = db_url(dir.path());
    let out = khabar(&["article", "add", "--database", &url, file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let (id, printed_url) = stdout.trim().split_once('\t').expect("id<TAB>url");
    let id: i64 = id.parse().expect("numeric id");
    assert!(
        printed_url.contains(&format!("/article/{id}/")),
        "{printed_url}"
    );

    // The article is served at the printed path.
    let mut config = khabar_testkit::test_config(&dir);
    config.database_url = url.clone();
    let server = TestServer::start_in(dir, config, false).await;
    let path = printed_url
        .find("/article/")
        .and_then(|i| printed_url.get(i..))
        .unwrap()
        .to_string();
    let doc = page(&server, &path, 200).await;
    assert_eq!(text(&doc, "h1"), "مجلس المدينة يقر خطة للنقل العام");
    assert_eq!(text(&doc, ".source a"), "صحيفة الساحل");
    assert_eq!(count(&doc, ".tags a"), 2);
    assert_eq!(text(&doc, ".breadcrumb li:last-child a"), "محليات");
}

#[tokio::test]
async fn bad_front_matter_names_file_and_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = db_url(dir.path());
    let cases = [
        ("no-title.md", "---\nlead: x\n---\nنص\n", "title"),
        (
            "bad-url.md",
            "---\ntitle: عنوان\nsource_name: س\nsource_url: \"javascript:alert(1)\"\n---\n",
            "source_url",
        ),
        (
            "bad-date.md",
            "---\ntitle: عنوان\npublished_at: أمس\n---\n",
            "published_at",
        ),
        (
            "bad-status.md",
            "---\ntitle: عنوان\nstatus: live\n---\n",
            "status",
        ),
        (
            "bad-yaml.md",
            "---\ntitle: [unclosed\n---\n",
            "front matter",
        ),
        ("no-front.md", "just text", "front matter"),
    ];
    for (name, text, field) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let out = khabar(&["article", "add", "--database", &url, file.to_str().unwrap()]);
        assert!(!out.status.success(), "{name} must fail");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "{name}: one line, got {stderr}"
        );
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(stderr.contains(field), "{name}: {field} in {stderr}");
        std::fs::remove_file(&file).unwrap();
    }
    assert_eq!(article_count(&url).await, 0, "nothing written");

    // Not UTF-8, and missing paths.
    let file = dir.path().join("latin1.md");
    std::fs::write(&file, b"---\ntitle: \xe9\n---\n").unwrap();
    let out = khabar(&["article", "add", "--database", &url, file.to_str().unwrap()]);
    assert!(!out.status.success());
    let out = khabar(&["article", "add", "--database", &url, "/no/such/file.md"]);
    assert!(!out.status.success());
}

#[tokio::test]
async fn a_folder_is_imported_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("posts")).unwrap();
    std::fs::write(content.join("one.md"), GOOD).unwrap();
    std::fs::write(
        content.join("posts/two.md"),
        "+++\ntitle = \"خبر بصيغة TOML\"\ndate = 2026-11-01T08:00:00Z\ncategories = [\"اقتصاد\"]\n+++\nنص الخبر.\n",
    )
    .unwrap();
    std::fs::write(content.join("notes.txt"), "ignored").unwrap();
    std::fs::write(content.join("posts/bad.md"), "---\ntitle: \"\"\n---\n").unwrap();
    let url = db_url(dir.path());
    let out = khabar(&[
        "article",
        "add",
        "--database",
        &url,
        content.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.md"));
    assert_eq!(article_count(&url).await, 0);

    std::fs::remove_file(content.join("posts/bad.md")).unwrap();
    let out = khabar(&[
        "article",
        "add",
        "--database",
        &url,
        content.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    assert_eq!(article_count(&url).await, 2);
}

#[tokio::test]
async fn demo_generate_adds_synthetic_articles() {
    let dir = tempfile::tempdir().unwrap();
    let url = db_url(dir.path());
    let out = khabar(&["demo", "generate", "--articles", "1500", "--database", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(article_count(&url).await, 1500);
    let out = khabar(&["demo", "generate", "--articles", "0", "--database", &url]);
    assert!(!out.status.success());
}

#[test]
fn analyze_shows_normalised_forms_and_stems() {
    let out = khabar(&["analyze", "--json", "--slug", "وبالصين أحمدُ"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let tokens = json["tokens"].as_array().expect("tokens");
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0]["text"], "وبالصين");
    assert_eq!(tokens[0]["stem"], "صين");
    assert_eq!(tokens[1]["text"], "أحمدُ");
    assert_eq!(tokens[1]["normalized"], "احمد");
    assert!(json["slug"].is_string());
    let table = khabar(&["analyze", "وبالصين"]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("صين"));
}

#[test]
fn configuration_errors_are_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let example = khabar(&["config", "example"]);
    assert!(example.status.success());
    let cfg = dir.path().join("khabar.toml");
    std::fs::write(&cfg, &example.stdout).unwrap();

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[server]\nlisten = \"127.0.0.1:0\"\ncolour = \"blue\"\n",
    )
    .unwrap();
    let out = khabar(&["serve", "--config", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("colour"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");

    let out = khabar(&["serve", "--config", "/no/such.toml"]);
    assert!(!out.status.success());
    let out = khabar(&["serve", "--listen", "not-an-address"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("server.listen"));
}

const STORY: &str = "أعلنت وزارة النقل اليوم عن خطة لتوسيع شبكة القطارات بين المدن الكبرى خلال خمسة أعوام، وتشمل الخطة محطات جديدة وخطوطا سريعة تربط الموانئ بالمناطق الصناعية، وقال الوزير إن المشروع سيخفض زمن الرحلة بين العاصمة والساحل إلى النصف.";
const OTHER: &str = "افتتح المهرجان السينمائي دورته العاشرة بعرض عشرة أفلام عربية قصيرة، وتتنافس على جوائزه أعمال من ثماني دول، فيما تخصص لجنة التحكيم جائزة جديدة لأفضل فيلم وثائقي عن البيئة والمدن الساحلية.";

fn story_file(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nstatus: \"published\"\npublished_at: \"2026-11-20T10:00:00+03:00\"\n---\n{body}\n"
    )
}

#[tokio::test]
async fn article_add_skips_near_copies_and_names_what_they_copy() {
    let dir = tempfile::tempdir().unwrap();
    let url = db_url(dir.path());
    let first = dir.path().join("trains.md");
    std::fs::write(&first, story_file("خطة لتوسيع شبكة القطارات", STORY)).unwrap();
    let out = khabar(&[
        "article",
        "add",
        "--database",
        &url,
        first.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A folder with another outlet's rewrite of it, a new story, and a copy
    // of that new story.
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let rewrite = STORY
        .replace("أعلنت", "وأعلنت")
        .replace("اليوم", "")
        .replace("الكبرى", "الكبيرة");
    std::fs::write(
        content.join("a-trains-copy.md"),
        story_file("وزارة النقل توسع شبكة القطارات", &rewrite),
    )
    .unwrap();
    std::fs::write(
        content.join("b-cinema.md"),
        story_file("المهرجان السينمائي يفتتح دورته", OTHER),
    )
    .unwrap();
    std::fs::write(
        content.join("c-cinema-again.md"),
        story_file(
            "افتتاح المهرجان السينمائي",
            &OTHER.replace("افتتح", "وافتتح"),
        ),
    )
    .unwrap();
    let out = khabar(&[
        "article",
        "add",
        "--database",
        &url,
        content.to_str().unwrap(),
    ]);
    assert!(!out.status.success(), "near-copies make the command fail");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("skipped, a near-copy"))
        .collect();
    assert_eq!(lines.len(), 2, "one line per skipped file: {stderr}");
    assert!(
        lines.iter().any(|l| l.contains("a-trains-copy.md")
            && l.contains("article 1 «خطة لتوسيع شبكة القطارات»")),
        "{stderr}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("c-cinema-again.md") && l.contains("b-cinema.md in this import")),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-duplicates"), "{stderr}");
    assert_eq!(article_count(&url).await, 2, "the new story was added");

    // Importing the same file again: it is a copy of what it added.
    let out = khabar(&[
        "article",
        "add",
        "--database",
        &url,
        first.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert_eq!(article_count(&url).await, 2);

    // Asked to, they are added anyway.
    let out = khabar(&[
        "article",
        "add",
        "--allow-duplicates",
        "--database",
        &url,
        content.join("a-trains-copy.md").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(article_count(&url).await, 3);
}

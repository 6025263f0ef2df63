//! Shared helpers for the end-to-end tests: an HTTP client that does not follow
//! redirects (so tests see the 301s) and HTML parsing.

#![allow(dead_code)]

pub use khabar_testkit::TestServer;
use scraper::{Html, Selector};

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

pub async fn get(server: &TestServer, path: &str) -> reqwest::Response {
    client()
        .get(server.url(path))
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// GET a page and parse it; panics unless the status is `status`.
pub async fn page(server: &TestServer, path: &str, status: u16) -> Html {
    let res = get(server, path).await;
    assert_eq!(res.status().as_u16(), status, "GET {path}");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.starts_with("text/html"), "GET {path}: content-type {ct}");
    Html::parse_document(&res.text().await.expect("body"))
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

pub fn count(doc: &Html, s: &str) -> usize {
    doc.select(&sel(s)).count()
}

pub fn text(doc: &Html, s: &str) -> String {
    doc.select(&sel(s))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
        .trim()
        .to_string()
}

pub fn attr(doc: &Html, s: &str, a: &str) -> Option<String> {
    doc.select(&sel(s))
        .next()
        .and_then(|e| e.value().attr(a))
        .map(str::to_string)
}

/// The API's article list, to find demo articles by title.
pub async fn api_articles(server: &TestServer, query: &str) -> serde_json::Value {
    let res = get(server, &format!("/api/v1/articles?{query}")).await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

/// The path (without origin) of an absolute URL returned by the API.
pub fn path_of(server: &TestServer, url: &str) -> String {
    url.strip_prefix(&server.base)
        .unwrap_or_else(|| panic!("{url} is not on {}", server.base))
        .to_string()
}

/// A newsroom browser: a client that keeps the session cookie and the form
/// token of the last page it read.
pub struct Browser {
    pub client: reqwest::Client,
    pub cookie: Option<String>,
}

impl Default for Browser {
    fn default() -> Self {
        Browser::new()
    }
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            client: client(),
            cookie: None,
        }
    }

    fn with_cookie(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.cookie {
            Some(c) => req.header("cookie", c),
            None => req,
        }
    }

    pub async fn get(&self, server: &TestServer, path: &str) -> reqwest::Response {
        self.with_cookie(self.client.get(server.url(path)))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    pub async fn post(
        &self,
        server: &TestServer,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.with_cookie(self.client.post(server.url(path)))
            .form(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Signs in; panics unless the server answers with a session cookie.
    pub async fn login(&mut self, server: &TestServer, email: &str, password: &str) {
        let res = self
            .post(
                server,
                "/newsroom/login",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(res.status(), 303, "login of {email}");
        let set = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a session cookie")
            .to_string();
        self.cookie = Some(set.split(';').next().unwrap_or("").to_string());
    }

    /// The form token of a newsroom page.
    pub async fn csrf(&self, server: &TestServer, path: &str) -> String {
        let res = self.get(server, path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        let doc = Html::parse_document(&res.text().await.expect("body"));
        attr(&doc, "input[name=csrf]", "value").expect("a form token")
    }
}

/// The password every test account gets.
pub const PASSWORD: &str = "غرفة الأخبار 2026";

/// Creates an account directly in the server's database.
///
/// Waits for the server to answer first, so its migrations are done.
pub async fn add_user(
    server: &TestServer,
    email: &str,
    name: &str,
    role: khabar_core::Role,
) -> khabar_core::UserId {
    assert_eq!(get(server, "/healthz").await.status(), 200);
    let backend = khabar_app::open_backend(&server.database_url)
        .await
        .expect("open");
    let id = backend
        .accounts
        .as_ref()
        .expect("SQLite has accounts")
        .create_user(
            &khabar_core::NewUser {
                email: email.into(),
                name: name.into(),
                role,
                password_hash: khabar_web::newsroom::password::hash(PASSWORD).expect("hash"),
            },
            jiff::Timestamp::now(),
        )
        .await
        .expect("create user");
    backend.store.close().await;
    id
}

//! Static files (CSS, fonts, scripts) embedded in the binary and served under
//! content-hashed names (`css/site.3f2a9c1e.css`) with a one-year immutable
//! cache lifetime: a new release changes the name, never the content behind one.
//!
//! Only names in the table built at start-up are served, so no request path
//! can reach the file system (`/static/..%2f..%2fetc/passwd` is simply unknown).

use crate::AppState;
use crate::error::WebError;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::RustEmbed;
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(RustEmbed)]
#[folder = "static/"]
#[exclude = "*.md"]
#[exclude = "*.txt"]
struct Embedded;

struct Asset {
    data: Cow<'static, [u8]>,
    mime: String,
}

/// The table of embedded files by hashed name, and hashed names by plain name.
pub struct Assets {
    by_hashed: HashMap<String, Asset>,
    hashed: HashMap<String, String>,
}

impl std::fmt::Debug for Assets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assets")
            .field("files", &self.hashed.len())
            .finish()
    }
}

fn hashed_name(path: &str, hash: &[u8; 32]) -> String {
    let short: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{short}.{ext}")
        }
        _ => format!("{path}.{short}"),
    }
}

impl Assets {
    /// Reads the embedded files and computes their hashed names.
    pub fn load() -> Assets {
        let mut by_hashed = HashMap::new();
        let mut hashed = HashMap::new();
        for path in Embedded::iter() {
            let Some(file) = Embedded::get(&path) else {
                continue;
            };
            let name = hashed_name(&path, &file.metadata.sha256_hash());
            hashed.insert(path.to_string(), name.clone());
            by_hashed.insert(
                name,
                Asset {
                    data: file.data,
                    mime: file.metadata.mimetype().to_string(),
                },
            );
        }
        Assets { by_hashed, hashed }
    }

    /// `@font-face` rules for the embedded fonts, with their hashed URLs (a
    /// stylesheet cannot know those names, so the page inlines these rules).
    pub fn font_faces(&self) -> String {
        const RANGE: &str = "U+0020-007E, U+00A0-00FF, U+0600-06FF, U+0750-077F, \
            U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F, U+2010-2027, U+2030-205E, \
            U+2066-2069, U+FEFF";
        [
            ("Khabar Naskh", 400, "fonts/naskh-regular.woff2"),
            ("Khabar Naskh", 700, "fonts/naskh-bold.woff2"),
            ("Khabar Sans", 400, "fonts/sans-regular.woff2"),
            ("Khabar Sans", 700, "fonts/sans-bold.woff2"),
        ]
        .iter()
        .map(|(family, weight, path)| {
            format!(
                "@font-face{{font-family:\"{family}\";src:url(\"{}\") format(\"woff2\");\
                 font-weight:{weight};font-style:normal;font-display:swap;unicode-range:{RANGE}}}",
                self.url(path)
            )
        })
        .collect()
    }

    /// The public URL of a static file by its plain name, e.g. `css/site.css`.
    /// An unknown name is a programming error: it is logged and yields a URL that 404s.
    pub fn url(&self, path: &str) -> String {
        match self.hashed.get(path) {
            Some(name) => format!("/static/{name}"),
            None => {
                tracing::error!(path, "unknown static asset");
                format!("/static/missing/{path}")
            }
        }
    }
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/static/{*path}", get(serve_asset))
}

async fn serve_asset(
    State(state): State<AppState>,
    Path(path): Path<String>,
) -> Result<Response, WebError> {
    let asset = state
        .assets
        .by_hashed
        .get(&path)
        .ok_or(WebError::NotFound("not_found"))?;
    let mime = HeaderValue::from_str(&asset.mime)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        asset.data.clone(),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_the_extension() {
        let h = [0xab; 32];
        assert_eq!(hashed_name("css/site.css", &h), "css/site.ababababab.css");
        assert_eq!(hashed_name("LICENSE", &h), "LICENSE.ababababab");
    }

    #[test]
    fn the_stylesheet_is_embedded() {
        let assets = Assets::load();
        assert!(assets.url("css/site.css").starts_with("/static/css/site."));
    }
}

//! The full-page preview: the editor's current form, saved or not, rendered
//! by the reading site's own article template — header, navigation, fonts,
//! by-line, source, tags, cover, «اقرأ أيضا» where the article already has
//! related articles — in the readers' language and settings.
//!
//! The editor's «معاينة كما سيراها القارئ» button posts the whole form here
//! into a new tab, so it works without JavaScript. The page is for signed-in
//! editors only (the `Signed` extractor sends anyone else to sign in), is
//! never cached (`no-store`), is marked `noindex` twice (meta and
//! `X-Robots-Tag`), counts no view and shows no comment form.

use super::Signed;
use super::articles::{editable, parse_article_id};
use super::form::{ArticleForm, suggest_slug};
use crate::AppState;
use crate::error::WebError;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use jiff::Timestamp;
use jiff::civil::DateTime;
use khabar_core::{
    Action, Article, ArticleId, ArticleStatus, Author, AuthorId, Cover, Limits, Ownership, Section,
    SectionId, Source, Tag, TagId,
};

/// `POST /newsroom/articles/new/preview`.
pub(crate) async fn preview_new(
    State(state): State<AppState>,
    signed: Signed,
    Form(form): Form<ArticleForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::CreateArticle, Ownership::None)?;
    render(&state, &form, None).await
}

/// `POST /newsroom/articles/{id}/preview`: the form over the stored
/// article (its id, creation time and related articles).
pub(crate) async fn preview_article(
    State(state): State<AppState>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(form): Form<ArticleForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let id = parse_article_id(&raw_id)?;
    let (article, _) = editable(&state, &signed, id, Action::ReadArticle).await?;
    render(&state, &form, Some(&article)).await
}

async fn render(
    state: &AppState,
    form: &ArticleForm,
    stored: Option<&Article>,
) -> Result<Response, WebError> {
    let article = article_of(state, form, stored).await?;
    let body = khabar_markup::render_markdown(&article.body);
    let l = state.l();
    let mut view = crate::public::article_view(state, &l, &article, &body, String::new()).await?;
    view.chrome.robots = Some("noindex, nofollow");
    view.chrome.banner = Some(l.t("nr-preview-banner"));
    // A preview is not a reading: no beacon, no pixel.
    view.views_js = None;
    let mut res = super::page(StatusCode::OK, view)?;
    res.headers_mut().insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    Ok(res)
}

fn clean(s: &str) -> String {
    khabar_arabic::strip_bidi_controls(s.trim()).to_string()
}

/// The section, tags and by-line as typed; a section that exists keeps its
/// slug, so the breadcrumb links where the published page will.
fn taxonomy_of(
    form: &ArticleForm,
    sections: &[Section],
) -> (Option<Section>, Vec<Tag>, Option<Author>) {
    let section = Some(clean(&form.section))
        .filter(|n| !n.is_empty())
        .map(|name| {
            sections
                .iter()
                .find(|s| s.name == name)
                .cloned()
                .unwrap_or_else(|| Section {
                    id: SectionId(0),
                    slug: khabar_arabic::slugify(&name, 60),
                    name,
                    position: 0,
                })
        });
    let tags = form
        .tags
        .split([',', '،'])
        .map(clean)
        .filter(|t| !t.is_empty())
        .take(Limits::TAGS)
        .map(|name| Tag {
            id: TagId(0),
            slug: khabar_arabic::slugify(&name, 60),
            name,
        })
        .collect();
    let author = Some(clean(&form.author))
        .filter(|n| !n.is_empty())
        .map(|name| Author {
            id: AuthorId(0),
            slug: khabar_arabic::slugify(&name, 60),
            name,
            bio: String::new(),
        });
    (section, tags, author)
}

/// The form as an article, leniently: a draft still missing fields is
/// previewed as far as it goes, but nothing the real page would refuse to
/// link (a source or cover address that is not http(s) or on this site) is
/// shown as a link.
async fn article_of(
    state: &AppState,
    form: &ArticleForm,
    stored: Option<&Article>,
) -> Result<Article, WebError> {
    if form.body.chars().count() > Limits::BODY_CHARS
        || form.title.chars().count() > 10 * Limits::TITLE_CHARS
        || form.lead.chars().count() > 10 * Limits::LEAD_CHARS
    {
        return Err(WebError::PayloadTooLarge("form_too_large"));
    }
    let now = Timestamp::now();
    let l = state.l();
    let mut title = clean(&form.title);
    if title.is_empty() {
        title = l.t("nr-preview-untitled");
    }
    let slug = Some(form.slug.trim().to_string())
        .filter(|s| khabar_core::is_valid_slug(s))
        .or_else(|| Some(suggest_slug(&title)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "preview".into());
    let (section, tags, author) = taxonomy_of(form, &state.store.sections().await?);
    let source_url = form.source_url.trim();
    let source = (!form.source_name.trim().is_empty()
        && (source_url.is_empty() || khabar_core::is_http_url(source_url)))
    .then(|| Source {
        name: clean(&form.source_name),
        url: source_url.to_string(),
    });
    let cover_url = form.cover_url.trim();
    let cover = (khabar_core::is_http_url(cover_url)
        || (cover_url.starts_with('/') && !cover_url.starts_with("//")))
    .then(|| Cover {
        url: cover_url.to_string(),
        alt: form.cover_alt.trim().to_string(),
        credit: form.cover_credit.trim().to_string(),
    });
    let typed_time = form
        .publish_at
        .trim()
        .parse::<DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(state.site().locale.time_zone.clone()).ok())
        .map(|z| z.timestamp());
    let published_at = typed_time
        .or(stored.and_then(|a| a.published_at))
        .unwrap_or(now);
    Ok(Article {
        id: stored.map_or(ArticleId(0), |a| a.id),
        slug,
        title,
        lead: form.lead.trim().to_string(),
        body: form.body.replace("\r\n", "\n"),
        section,
        tags,
        author,
        source,
        status: ArticleStatus::Published,
        published_at: Some(published_at),
        created_at: stored.map_or(now, |a| a.created_at),
        // The reader sees «updated» only for a real later edit.
        updated_at: published_at,
        cover,
        index_changed_at: None,
    })
}

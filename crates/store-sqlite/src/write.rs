//! Writes, always inside a transaction the caller began with `BEGIN IMMEDIATE`.

use crate::{backend, slug_history};
use jiff::Timestamp;
use khabar_core::{ArticleId, NewArticle, NewTaxonomy};
use khabar_store::{StoreResult, TaxonomyKind};
use sqlx::SqliteConnection;

/// The taxonomy tables; names come from this enum only, never from input.
#[derive(Clone, Copy)]
pub(crate) enum Taxonomy {
    Section,
    Tag,
    Author,
}

impl Taxonomy {
    fn table(self) -> &'static str {
        match self {
            Taxonomy::Section => "sections",
            Taxonomy::Tag => "tags",
            Taxonomy::Author => "authors",
        }
    }
}

/// Finds a section, tag or author by name, or creates it with a slug made
/// unique by a numeric suffix.
pub(crate) async fn find_or_create(
    conn: &mut SqliteConnection,
    kind: Taxonomy,
    item: &NewTaxonomy,
) -> StoreResult<i64> {
    let table = kind.table();
    let name = item.name.trim();
    let found: Option<i64> = sqlx::query_scalar(&format!("select id from {table} where name = ?"))
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?;
    if let Some(id) = found {
        return Ok(id);
    }
    let mut slug = item.slug.clone();
    let mut n = 2;
    loop {
        let taken: Option<i64> =
            sqlx::query_scalar(&format!("select id from {table} where slug = ?"))
                .bind(&slug)
                .fetch_optional(&mut *conn)
                .await
                .map_err(backend)?;
        if taken.is_none() {
            break;
        }
        slug = format!("{}-{n}", item.slug);
        n += 1;
    }
    let sql = match kind {
        Taxonomy::Section => "insert into sections (slug, name, position) \
             values (?, ?, (select coalesce(max(position), 0) + 1 from sections)) returning id"
            .to_string(),
        _ => format!("insert into {table} (slug, name) values (?, ?) returning id"),
    };
    let id = sqlx::query_scalar(&sql)
        .bind(&slug)
        .bind(name)
        .fetch_one(&mut *conn)
        .await
        .map_err(backend)?;
    // A new section or tag wins over a redirect from the slug it takes.
    match kind {
        Taxonomy::Section => slug_history::claim(conn, TaxonomyKind::Section, &slug).await?,
        Taxonomy::Tag => slug_history::claim(conn, TaxonomyKind::Tag, &slug).await?,
        Taxonomy::Author => {}
    }
    Ok(id)
}

pub(crate) async fn insert_article(
    conn: &mut SqliteConnection,
    a: &NewArticle,
    now: Timestamp,
) -> StoreResult<ArticleId> {
    let section_id = match &a.section {
        Some(s) => Some(find_or_create(conn, Taxonomy::Section, s).await?),
        None => None,
    };
    let author_id = match &a.author {
        Some(s) => Some(find_or_create(conn, Taxonomy::Author, s).await?),
        None => None,
    };
    let id: i64 = sqlx::query_scalar(
        "insert into articles (slug, title, lead, body, section_id, author_id, source_name, \
         source_url, status, published_at, created_at, updated_at, cover_url, cover_alt, \
         cover_credit) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
    )
    .bind(&a.slug)
    .bind(a.title.trim())
    .bind(a.lead.trim())
    .bind(&a.body)
    .bind(section_id)
    .bind(author_id)
    .bind(a.source.as_ref().map(|s| s.name.trim()))
    .bind(a.source.as_ref().map(|s| s.url.as_str()))
    .bind(a.status.as_str())
    .bind(a.published_at.map(|t| t.as_second()))
    .bind(now.as_second())
    .bind(a.initial_updated_at(now).as_second())
    .bind(a.cover.as_ref().map(|c| c.url.as_str()))
    .bind(a.cover.as_ref().map(|c| c.alt.as_str()))
    .bind(a.cover.as_ref().map(|c| c.credit.as_str()))
    .fetch_one(&mut *conn)
    .await
    .map_err(backend)?;
    insert_tags(conn, id, &a.tags).await?;
    Ok(ArticleId(id))
}

/// Links an article to its tags, in order, creating tags that are new.
pub(crate) async fn insert_tags(
    conn: &mut SqliteConnection,
    article_id: i64,
    tags: &[NewTaxonomy],
) -> StoreResult<()> {
    for (position, tag) in tags.iter().enumerate() {
        let tag_id = find_or_create(conn, Taxonomy::Tag, tag).await?;
        sqlx::query(
            "insert into article_tags (article_id, tag_id, position) values (?, ?, ?) \
             on conflict do nothing",
        )
        .bind(article_id)
        .bind(tag_id)
        .bind(position as i64)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

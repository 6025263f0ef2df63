//! Writes, inside a transaction the caller began.

use jiff::Timestamp;
use khabar_core::{ArticleId, NewArticle, NewTaxonomy};
use khabar_store::StoreResult;
use khabar_store::sqlx_rows::backend;
use sqlx::PgConnection;

/// The taxonomy tables; names come from this enum only, never from input.
#[derive(Clone, Copy)]
enum Taxonomy {
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
/// unique by a numeric suffix. Safe against another server creating the same
/// name at the same moment (`on conflict do nothing`, then read it back).
async fn find_or_create(
    conn: &mut PgConnection,
    kind: Taxonomy,
    item: &NewTaxonomy,
) -> StoreResult<i64> {
    let table = kind.table();
    let name = item.name.trim();
    let select = format!("select id from {table} where name = $1");
    if let Some(id) = sqlx::query_scalar::<_, i64>(&select)
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
    {
        return Ok(id);
    }
    let mut slug = item.slug.clone();
    let mut n = 2;
    loop {
        let taken: Option<i64> =
            sqlx::query_scalar(&format!("select id from {table} where slug = $1"))
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
    let insert = match kind {
        Taxonomy::Section => "insert into sections (slug, name, position) \
             values ($1, $2, (select coalesce(max(position), 0) + 1 from sections)) \
             on conflict (name) do nothing"
            .to_string(),
        _ => format!(
            "insert into {table} (slug, name) values ($1, $2) on conflict (name) do nothing"
        ),
    };
    sqlx::query(&insert)
        .bind(&slug)
        .bind(name)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    sqlx::query_scalar(&select)
        .bind(name)
        .fetch_one(&mut *conn)
        .await
        .map_err(backend)
}

pub(crate) async fn insert_article(
    conn: &mut PgConnection,
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
         cover_credit) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         returning id",
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
    for (position, tag) in a.tags.iter().enumerate() {
        let tag_id = find_or_create(conn, Taxonomy::Tag, tag).await?;
        sqlx::query(
            "insert into article_tags (article_id, tag_id, position) values ($1, $2, $3) \
             on conflict do nothing",
        )
        .bind(id)
        .bind(tag_id)
        .bind(position as i64)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(ArticleId(id))
}

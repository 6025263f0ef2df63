//! Row → domain type mapping and error mapping shared by the sqlx backends
//! (SQLite, PostgreSQL): the same column names mean the same thing in both.

use crate::{StoreError, StoreResult};
use jiff::Timestamp;
use khabar_core::{
    Article, ArticleId, ArticleStatus, ArticleSummary, Author, AuthorId, Cover, Section, SectionId,
    Source, Tag, TagId,
};
use sqlx::{ColumnIndex, Decode, Row, Type};

/// Maps a driver error to what callers can act on; the message stays in logs.
pub fn backend(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(db.message().to_string())
        }
        sqlx::Error::Database(db) if db.is_foreign_key_violation() || db.is_check_violation() => {
            StoreError::Invalid(db.message().to_string())
        }
        _ => StoreError::Backend(Box::new(e)),
    }
}

fn ts(secs: i64) -> StoreResult<Timestamp> {
    Timestamp::from_second(secs).map_err(|e| StoreError::Backend(Box::new(e)))
}

pub fn section<R>(row: &R) -> StoreResult<Section>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(Section {
        id: SectionId(row.try_get("id").map_err(backend)?),
        slug: row.try_get("slug").map_err(backend)?,
        name: row.try_get("name").map_err(backend)?,
        position: row.try_get("position").map_err(backend)?,
    })
}

pub fn tag<R>(row: &R) -> StoreResult<Tag>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(Tag {
        id: TagId(row.try_get("id").map_err(backend)?),
        slug: row.try_get("slug").map_err(backend)?,
        name: row.try_get("name").map_err(backend)?,
    })
}

pub fn author<R>(row: &R) -> StoreResult<Author>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(Author {
        id: AuthorId(row.try_get("id").map_err(backend)?),
        slug: row.try_get("slug").map_err(backend)?,
        name: row.try_get("name").map_err(backend)?,
        bio: row.try_get("bio").map_err(backend)?,
    })
}

pub fn joined_section<R>(row: &R) -> StoreResult<Option<Section>>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    let id: Option<i64> = row.try_get("s_id").map_err(backend)?;
    let Some(id) = id else { return Ok(None) };
    Ok(Some(Section {
        id: SectionId(id),
        slug: row.try_get("s_slug").map_err(backend)?,
        name: row.try_get("s_name").map_err(backend)?,
        position: row.try_get("s_position").map_err(backend)?,
    }))
}

pub fn joined_author<R>(row: &R) -> StoreResult<Option<Author>>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    let id: Option<i64> = row.try_get("au_id").map_err(backend)?;
    let Some(id) = id else { return Ok(None) };
    Ok(Some(Author {
        id: AuthorId(id),
        slug: row.try_get("au_slug").map_err(backend)?,
        name: row.try_get("au_name").map_err(backend)?,
        bio: row.try_get("au_bio").map_err(backend)?,
    }))
}

pub fn cover<R>(row: &R) -> StoreResult<Option<Cover>>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    let url: Option<String> = row.try_get("cover_url").map_err(backend)?;
    let Some(url) = url else { return Ok(None) };
    Ok(Some(Cover {
        url,
        alt: row
            .try_get::<Option<String>, _>("cover_alt")
            .map_err(backend)?
            .unwrap_or_default(),
        credit: row
            .try_get::<Option<String>, _>("cover_credit")
            .map_err(backend)?
            .unwrap_or_default(),
    }))
}

pub fn summary<R>(row: &R) -> StoreResult<ArticleSummary>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(ArticleSummary {
        id: ArticleId(row.try_get("id").map_err(backend)?),
        slug: row.try_get("slug").map_err(backend)?,
        title: row.try_get("title").map_err(backend)?,
        lead: row.try_get("lead").map_err(backend)?,
        section: joined_section(row)?,
        author: joined_author(row)?,
        published_at: row
            .try_get::<Option<i64>, _>("published_at")
            .map_err(backend)?
            .map(ts)
            .transpose()?,
        updated_at: ts(row.try_get("updated_at").map_err(backend)?)?,
        cover: cover(row)?,
    })
}

pub fn article<R>(row: &R, tags: Vec<Tag>) -> StoreResult<Article>
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    let s = summary(row)?;
    let status: String = row.try_get("status").map_err(backend)?;
    let source_name: Option<String> = row.try_get("source_name").map_err(backend)?;
    let source_url: Option<String> = row.try_get("source_url").map_err(backend)?;
    Ok(Article {
        id: s.id,
        slug: s.slug,
        title: s.title,
        lead: s.lead,
        body: row.try_get("body").map_err(backend)?,
        section: s.section,
        tags,
        author: s.author,
        source: match (source_name, source_url) {
            (Some(name), Some(url)) => Some(Source { name, url }),
            _ => None,
        },
        status: ArticleStatus::parse(&status)
            .ok_or_else(|| StoreError::Invalid(format!("unknown status {status}")))?,
        published_at: s.published_at,
        created_at: ts(row.try_get("created_at").map_err(backend)?)?,
        updated_at: s.updated_at,
        cover: s.cover,
        index_changed_at: None,
    })
}

/// Groups summaries that arrive ordered by section into (section, articles).
pub fn group_by_section(
    summaries: impl Iterator<Item = StoreResult<ArticleSummary>>,
) -> StoreResult<Vec<(Section, Vec<ArticleSummary>)>> {
    let mut out: Vec<(Section, Vec<ArticleSummary>)> = Vec::new();
    for summary in summaries {
        let summary = summary?;
        let Some(section) = summary.section.clone() else {
            continue;
        };
        match out.last_mut() {
            Some((last, items)) if last.id == section.id => items.push(summary),
            _ => out.push((section, vec![summary])),
        }
    }
    Ok(out)
}

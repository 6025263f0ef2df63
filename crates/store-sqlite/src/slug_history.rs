//! The slugs sections and tags gave up, and which item each now leads to
//! (`former_section_slugs`, `former_tag_slugs`): what lets `/section/OLD`
//! answer 301 instead of 404. Every write here runs inside the caller's
//! `BEGIN IMMEDIATE` transaction, beside the change that retires or takes
//! the slug.

use crate::{SqliteStore, backend};
use jiff::Timestamp;
use khabar_store::{StoreResult, TaxonomyKind};
use sqlx::SqliteConnection;

/// The history table of a kind and its column naming the item; names come
/// from this match only, never from input.
fn history(kind: TaxonomyKind) -> (&'static str, &'static str) {
    match kind {
        TaxonomyKind::Section => ("former_section_slugs", "section_id"),
        TaxonomyKind::Tag => ("former_tag_slugs", "tag_id"),
    }
}

/// `slug` belongs to an item again (a new one, or one taking it back): it
/// leads nowhere else any more.
pub(crate) async fn claim(
    conn: &mut SqliteConnection,
    kind: TaxonomyKind,
    slug: &str,
) -> StoreResult<()> {
    let (table, _) = history(kind);
    sqlx::query(&format!("delete from {table} where slug = ?"))
        .bind(slug)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    Ok(())
}

/// `slug` is given up and leads to item `to` from now on (replacing where
/// it led before).
pub(crate) async fn retire(
    conn: &mut SqliteConnection,
    kind: TaxonomyKind,
    slug: &str,
    to: i64,
    now: Timestamp,
) -> StoreResult<()> {
    let (table, column) = history(kind);
    sqlx::query(&format!(
        "insert into {table} (slug, {column}, retired_at) values (?, ?, ?) \
         on conflict (slug) do update set {column} = excluded.{column}, \
         retired_at = excluded.retired_at"
    ))
    .bind(slug)
    .bind(to)
    .bind(now.as_second())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Item `from` (whose slug is `from_slug`) is about to go into item `into`:
/// its slug and the slugs it had before lead to `into`.
pub(crate) async fn hand_on(
    conn: &mut SqliteConnection,
    kind: TaxonomyKind,
    from: i64,
    from_slug: &str,
    into: i64,
    now: Timestamp,
) -> StoreResult<()> {
    let (table, column) = history(kind);
    sqlx::query(&format!(
        "update {table} set {column} = ? where {column} = ?"
    ))
    .bind(into)
    .bind(from)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    retire(conn, kind, from_slug, into, now).await
}

/// Item `id` is deleted outright: the slugs it had lead nowhere.
pub(crate) async fn forget(
    conn: &mut SqliteConnection,
    kind: TaxonomyKind,
    id: i64,
) -> StoreResult<()> {
    let (table, column) = history(kind);
    sqlx::query(&format!("delete from {table} where {column} = ?"))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    Ok(())
}

impl SqliteStore {
    /// The current slug of the item that gave up `former`, if one did.
    pub(crate) async fn slug_now(
        &self,
        kind: TaxonomyKind,
        former: &str,
    ) -> StoreResult<Option<String>> {
        let (table, column) = history(kind);
        let items = match kind {
            TaxonomyKind::Section => "sections",
            TaxonomyKind::Tag => "tags",
        };
        sqlx::query_scalar(&format!(
            "select x.slug from {table} f join {items} x on x.id = f.{column} where f.slug = ?"
        ))
        .bind(former)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)
    }
}

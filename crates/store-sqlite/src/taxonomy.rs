//! [`TaxonomyStore`] on SQLite: sections and tags with article counts,
//! create/rename/re-slug with uniqueness answered as outcomes, navigation
//! order, delete (moving a section's articles first), tag merges.

use crate::{SqliteStore, backend, slug_history};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{Page, Window};
use khabar_store::{
    StoreResult, TagMerge, TaxonomyDelete, TaxonomyItem, TaxonomyKind, TaxonomyStore, TaxonomyWrite,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

/// The table of a kind; names come from this match only, never from input.
fn table(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Section => "sections",
        TaxonomyKind::Tag => "tags",
    }
}

/// The count of articles filed under an item, as a correlated subquery.
fn count_sql(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Section => "(select count(*) from articles a where a.section_id = x.id)",
        TaxonomyKind::Tag => "(select count(*) from article_tags at where at.tag_id = x.id)",
    }
}

fn position_sql(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Section => "x.position",
        TaxonomyKind::Tag => "0",
    }
}

fn item(row: &SqliteRow) -> StoreResult<TaxonomyItem> {
    Ok(TaxonomyItem {
        id: row.try_get("id").map_err(backend)?,
        name: row.try_get("name").map_err(backend)?,
        slug: row.try_get("slug").map_err(backend)?,
        position: row.try_get("position").map_err(backend)?,
        article_count: u64::try_from(row.try_get::<i64, _>("article_count").map_err(backend)?)
            .unwrap_or(0),
    })
}

fn select(kind: TaxonomyKind) -> String {
    format!(
        "select x.id, x.name, x.slug, {} as position, {} as article_count from {} x",
        position_sql(kind),
        count_sql(kind),
        table(kind)
    )
}

/// `%`, `_` and `\` taken literally in a `like … escape '\'` pattern.
fn like_contains(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Why `name`/`slug` cannot be used by item `except` of `kind`, if either is taken.
async fn taken(
    conn: &mut SqliteConnection,
    kind: TaxonomyKind,
    name: &str,
    slug: &str,
    except: i64,
) -> StoreResult<Option<TaxonomyWrite>> {
    let t = table(kind);
    let by_name: Option<i64> =
        sqlx::query_scalar(&format!("select id from {t} where name = ? and id <> ?"))
            .bind(name)
            .bind(except)
            .fetch_optional(&mut *conn)
            .await
            .map_err(backend)?;
    if by_name.is_some() {
        return Ok(Some(TaxonomyWrite::NameTaken));
    }
    let by_slug: Option<i64> =
        sqlx::query_scalar(&format!("select id from {t} where slug = ? and id <> ?"))
            .bind(slug)
            .bind(except)
            .fetch_optional(&mut *conn)
            .await
            .map_err(backend)?;
    Ok(by_slug.map(|_| TaxonomyWrite::SlugTaken))
}

/// What a taxonomy change does to the articles it touches: a new revision
/// number, so an editor with one open sees a conflict instead of silently
/// filing it back under the old name, and an index stamp, so the search
/// index re-reads it. `updated_at` — the «updated» date readers see — stays:
/// the article itself did not change.
const BUMP: &str = "revision = revision + 1, index_changed_at = ?";

/// The articles filed under item `?` of `kind`, as a condition on `articles`.
fn filed_under(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Section => "section_id = ?",
        TaxonomyKind::Tag => "id in (select article_id from article_tags where tag_id = ?)",
    }
}

#[async_trait]
impl TaxonomyStore for SqliteStore {
    async fn sections_with_counts(&self) -> StoreResult<Vec<TaxonomyItem>> {
        let sql = format!(
            "{} order by x.position, x.id",
            select(TaxonomyKind::Section)
        );
        sqlx::query(&sql)
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(item)
            .collect()
    }

    async fn tags_with_counts(
        &self,
        text: Option<&str>,
        window: Window,
    ) -> StoreResult<Page<TaxonomyItem>> {
        let clause = if text.is_some() {
            " where x.name like ? escape '\\'"
        } else {
            ""
        };
        let sql = format!(
            "{}{clause} order by x.name, x.id limit ? offset ?",
            select(TaxonomyKind::Tag)
        );
        let mut q = sqlx::query(&sql);
        if let Some(t) = text {
            q = q.bind(like_contains(t));
        }
        let items = q
            .bind(i64::from(window.limit))
            .bind(i64::try_from(window.offset).unwrap_or(i64::MAX))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(item)
            .collect::<StoreResult<Vec<_>>>()?;
        let count_sql = format!("select count(*) from tags x{clause}");
        let mut q = sqlx::query_scalar::<_, i64>(&count_sql);
        if let Some(t) = text {
            q = q.bind(like_contains(t));
        }
        let total = q.fetch_one(&self.reader).await.map_err(backend)?;
        Ok(Page {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    async fn taxonomy_item(
        &self,
        kind: TaxonomyKind,
        id: i64,
    ) -> StoreResult<Option<TaxonomyItem>> {
        let sql = format!("{} where x.id = ?", select(kind));
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .as_ref()
            .map(item)
            .transpose()
    }

    async fn tag_by_name(&self, name: &str) -> StoreResult<Option<TaxonomyItem>> {
        let sql = format!("{} where x.name = ?", select(TaxonomyKind::Tag));
        sqlx::query(&sql)
            .bind(name)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .as_ref()
            .map(item)
            .transpose()
    }

    async fn create_taxonomy(
        &self,
        kind: TaxonomyKind,
        name: &str,
        slug: &str,
    ) -> StoreResult<TaxonomyWrite> {
        let mut tx = self.begin_immediate().await?;
        if let Some(refused) = taken(&mut tx, kind, name, slug, -1).await? {
            return Ok(refused);
        }
        let sql = match kind {
            TaxonomyKind::Section => {
                "insert into sections (name, slug, position) \
                 values (?, ?, (select coalesce(max(position), 0) + 1 from sections)) returning id"
            }
            TaxonomyKind::Tag => "insert into tags (name, slug) values (?, ?) returning id",
        };
        let id: i64 = sqlx::query_scalar(sql)
            .bind(name)
            .bind(slug)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        // A new item wins over a redirect from the slug it takes.
        slug_history::claim(&mut tx, kind, slug).await?;
        tx.commit().await.map_err(backend)?;
        Ok(TaxonomyWrite::Done(id))
    }

    async fn update_taxonomy(
        &self,
        kind: TaxonomyKind,
        id: i64,
        name: &str,
        slug: &str,
        now: Timestamp,
    ) -> StoreResult<TaxonomyWrite> {
        let mut tx = self.begin_immediate().await?;
        let t = table(kind);
        let Some(before) = sqlx::query(&format!("select name, slug from {t} where id = ?"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?
        else {
            return Ok(TaxonomyWrite::NotFound);
        };
        let old_name: String = before.try_get("name").map_err(backend)?;
        let old_slug: String = before.try_get("slug").map_err(backend)?;
        if old_name == name && old_slug == slug {
            return Ok(TaxonomyWrite::Done(id));
        }
        if let Some(refused) = taken(&mut tx, kind, name, slug, id).await? {
            return Ok(refused);
        }
        sqlx::query(&format!("update {t} set name = ?, slug = ? where id = ?"))
            .bind(name)
            .bind(slug)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        if old_slug != slug {
            slug_history::claim(&mut tx, kind, slug).await?;
            slug_history::retire(&mut tx, kind, &old_slug, id, now).await?;
        }
        // The articles' indexed text and links carry the name and slug.
        sqlx::query(&format!(
            "update articles set {BUMP} where {}",
            filed_under(kind)
        ))
        .bind(now.as_second())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(TaxonomyWrite::Done(id))
    }

    async fn move_section(&self, id: i64, up: bool) -> StoreResult<bool> {
        let mut tx = self.begin_immediate().await?;
        let mut order: Vec<i64> =
            sqlx::query_scalar("select id from sections order by position, id")
                .fetch_all(&mut *tx)
                .await
                .map_err(backend)?;
        let Some(at) = order.iter().position(|s| *s == id) else {
            return Ok(false);
        };
        let other = if up { at.checked_sub(1) } else { Some(at + 1) };
        if let Some(other) = other.filter(|o| *o < order.len()) {
            order.swap(at, other);
        }
        // Positions are renumbered 1…n: imported sections may share one.
        for (position, section) in order.iter().enumerate() {
            sqlx::query("update sections set position = ? where id = ? and position <> ?")
                .bind(position as i64 + 1)
                .bind(section)
                .bind(position as i64 + 1)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn delete_taxonomy(
        &self,
        kind: TaxonomyKind,
        id: i64,
        move_to: Option<i64>,
        now: Timestamp,
    ) -> StoreResult<TaxonomyDelete> {
        let mut tx = self.begin_immediate().await?;
        let sql = format!("{} where x.id = ?", select(kind));
        let Some(found) = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?
            .as_ref()
            .map(item)
            .transpose()?
        else {
            return Ok(TaxonomyDelete::NotFound);
        };
        let mut moved = 0;
        if found.article_count > 0 {
            let target = match (kind, move_to) {
                (TaxonomyKind::Section, Some(target)) => target,
                _ => return Ok(TaxonomyDelete::HasArticles(found.article_count)),
            };
            let exists: Option<i64> =
                sqlx::query_scalar("select id from sections where id = ? and id <> ?")
                    .bind(target)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(backend)?;
            if exists.is_none() {
                return Ok(TaxonomyDelete::TargetNotFound);
            }
            moved = sqlx::query(&format!(
                "update articles set section_id = ?, {BUMP} where section_id = ?"
            ))
            .bind(target)
            .bind(now.as_second())
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
            // Its old addresses lead where its articles went.
            slug_history::hand_on(&mut tx, kind, id, &found.slug, target, now).await?;
        } else {
            slug_history::forget(&mut tx, kind, id).await?;
        }
        sqlx::query(&format!("delete from {} where id = ?", table(kind)))
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(TaxonomyDelete::Deleted { moved })
    }

    async fn slug_now(&self, kind: TaxonomyKind, former: &str) -> StoreResult<Option<String>> {
        SqliteStore::slug_now(self, kind, former).await
    }

    async fn merge_tags(&self, from: i64, into: i64, now: Timestamp) -> StoreResult<TagMerge> {
        if from == into {
            return Ok(TagMerge::SameTag);
        }
        let mut tx = self.begin_immediate().await?;
        let found: i64 = sqlx::query_scalar("select count(*) from tags where id in (?, ?)")
            .bind(from)
            .bind(into)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        if found != 2 {
            return Ok(TagMerge::NotFound);
        }
        let from_slug: String = sqlx::query_scalar("select slug from tags where id = ?")
            .bind(from)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        slug_history::hand_on(&mut tx, TaxonomyKind::Tag, from, &from_slug, into, now).await?;
        let articles = sqlx::query(&format!(
            "update articles set {BUMP} where {}",
            filed_under(TaxonomyKind::Tag)
        ))
        .bind(now.as_second())
        .bind(from)
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected();
        // Articles that had both keep one link, at the earlier position.
        sqlx::query(
            "update article_tags set tag_id = ? where tag_id = ? and article_id not in \
             (select article_id from article_tags where tag_id = ?)",
        )
        .bind(into)
        .bind(from)
        .bind(into)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("delete from article_tags where tag_id = ?")
            .bind(from)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query("delete from tags where id = ?")
            .bind(from)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(TagMerge::Merged { articles })
    }
}

//! [`EditorialStore`] on SQLite: owned articles, saves checked against the
//! revision they were based on, revisions, and the scheduler's publish.

use crate::write::{Taxonomy, find_or_create, insert_article, insert_tags};
use crate::{SqliteStore, backend};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{ArticleId, ArticleStatus, NewArticle, Page, UserId, Window};
use khabar_store::{
    Autosave, EditorialMeta, EditorialStore, NewsroomFilter, NewsroomRow, Revision, SaveOutcome,
    StoreError, StoreResult,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

/// How long a spent autosave token is remembered: far longer than any
/// request can be in flight.
const SPENT_TOKENS_KEPT_SECS: i64 = 2 * 24 * 3600;

fn ts(secs: i64) -> StoreResult<Timestamp> {
    Timestamp::from_second(secs).map_err(|e| StoreError::Backend(Box::new(e)))
}

fn status(row: &SqliteRow) -> StoreResult<ArticleStatus> {
    let s: String = row.try_get("status").map_err(backend)?;
    ArticleStatus::parse(&s).ok_or_else(|| StoreError::Invalid(format!("unknown status {s}")))
}

async fn record_revision(
    conn: &mut SqliteConnection,
    id: i64,
    revision: i64,
    a: &NewArticle,
    editor: UserId,
    now: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "insert into article_revisions (article_id, revision, title, lead, body, slug, status, \
         editor_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(revision)
    .bind(a.title.trim())
    .bind(a.lead.trim())
    .bind(&a.body)
    .bind(&a.slug)
    .bind(a.status.as_str())
    .bind(editor.0)
    .bind(now.as_second())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
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

fn bind_filter<'q>(
    sql: &'q str,
    filter: &NewsroomFilter,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    let mut q = sqlx::query(sql);
    if let Some(s) = filter.status {
        q = q.bind(s.as_str());
    }
    if let Some(s) = filter.section {
        q = q.bind(s.0);
    }
    if let Some(o) = filter.owner {
        q = q.bind(o.0);
    }
    if let Some(t) = &filter.text {
        q = q.bind(like_contains(t));
    }
    q
}

#[async_trait]
impl EditorialStore for SqliteStore {
    async fn create_owned(
        &self,
        a: &NewArticle,
        owner: UserId,
        now: Timestamp,
    ) -> StoreResult<ArticleId> {
        let mut tx = self.begin_immediate().await?;
        let id = insert_article(&mut tx, a, now).await?;
        sqlx::query("update articles set owner_id = ?, updated_at = ? where id = ?")
            .bind(owner.0)
            .bind(now.as_second())
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        record_revision(&mut tx, id.0, 1, a, owner, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(id)
    }

    async fn update_article(
        &self,
        id: ArticleId,
        a: &NewArticle,
        base_revision: i64,
        editor: UserId,
        now: Timestamp,
    ) -> StoreResult<SaveOutcome> {
        let mut tx = self.begin_immediate().await?;
        let current: Option<i64> = sqlx::query_scalar("select revision from articles where id = ?")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
        let Some(current) = current else {
            return Ok(SaveOutcome::NotFound);
        };
        if current != base_revision {
            return Ok(SaveOutcome::Conflict { current });
        }
        let section_id = match &a.section {
            Some(s) => Some(find_or_create(&mut tx, Taxonomy::Section, s).await?),
            None => None,
        };
        let author_id = match &a.author {
            Some(s) => Some(find_or_create(&mut tx, Taxonomy::Author, s).await?),
            None => None,
        };
        let revision = current + 1;
        // `updated_at` keys the rendered-body cache: it must change on every
        // save, even two saves within one second.
        sqlx::query(
            "update articles set slug = ?, title = ?, lead = ?, body = ?, section_id = ?, \
             author_id = ?, source_name = ?, source_url = ?, status = ?, published_at = ?, \
             cover_url = ?, cover_alt = ?, cover_credit = ?, revision = ?, \
             updated_at = max(?, updated_at + 1) where id = ? and revision = ?",
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
        .bind(a.cover.as_ref().map(|c| c.url.as_str()))
        .bind(a.cover.as_ref().map(|c| c.alt.as_str()))
        .bind(a.cover.as_ref().map(|c| c.credit.as_str()))
        .bind(revision)
        .bind(now.as_second())
        .bind(id.0)
        .bind(current)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("delete from article_tags where article_id = ?")
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        insert_tags(&mut tx, id.0, &a.tags).await?;
        record_revision(&mut tx, id.0, revision, a, editor, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(SaveOutcome::Saved { revision })
    }

    async fn editorial_meta(&self, id: ArticleId) -> StoreResult<Option<EditorialMeta>> {
        let Some(row) = sqlx::query("select owner_id, revision from articles where id = ?")
            .bind(id.0)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some(EditorialMeta {
            owner: row
                .try_get::<Option<i64>, _>("owner_id")
                .map_err(backend)?
                .map(UserId),
            revision: row.try_get("revision").map_err(backend)?,
        }))
    }

    async fn newsroom_articles(
        &self,
        filter: &NewsroomFilter,
        window: Window,
    ) -> StoreResult<Page<NewsroomRow>> {
        let mut clause = String::from("1 = 1");
        if filter.status.is_some() {
            clause.push_str(" and a.status = ?");
        }
        if filter.section.is_some() {
            clause.push_str(" and a.section_id = ?");
        }
        if filter.owner.is_some() {
            clause.push_str(" and a.owner_id = ?");
        }
        if filter.text.is_some() {
            clause.push_str(" and a.title like ? escape '\\'");
        }
        let list_sql = format!(
            "select a.id, a.title, a.slug, a.status, a.published_at, a.updated_at, \
             s.name as section_name, u.name as owner_name from articles a \
             left join sections s on s.id = a.section_id left join users u on u.id = a.owner_id \
             where {clause} order by a.updated_at desc, a.id desc limit ? offset ?"
        );
        let rows = bind_filter(&list_sql, filter)
            .bind(i64::from(window.limit))
            .bind(i64::try_from(window.offset).unwrap_or(i64::MAX))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        let items = rows
            .iter()
            .map(|row| {
                Ok(NewsroomRow {
                    id: ArticleId(row.try_get("id").map_err(backend)?),
                    title: row.try_get("title").map_err(backend)?,
                    slug: row.try_get("slug").map_err(backend)?,
                    status: status(row)?,
                    section: row.try_get("section_name").map_err(backend)?,
                    owner_name: row.try_get("owner_name").map_err(backend)?,
                    published_at: row
                        .try_get::<Option<i64>, _>("published_at")
                        .map_err(backend)?
                        .map(ts)
                        .transpose()?,
                    updated_at: ts(row.try_get("updated_at").map_err(backend)?)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let count_sql = format!("select count(*) from articles a where {clause}");
        let total: i64 = bind_filter(&count_sql, filter)
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;
        Ok(Page {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    async fn revisions(&self, id: ArticleId) -> StoreResult<Vec<Revision>> {
        sqlx::query(
            "select r.article_id, r.revision, r.title, r.lead, r.body, r.slug, r.status, \
             r.created_at, u.name as editor_name from article_revisions r \
             left join users u on u.id = r.editor_id where r.article_id = ? \
             order by r.revision desc",
        )
        .bind(id.0)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?
        .iter()
        .map(|row| {
            Ok(Revision {
                article_id: ArticleId(row.try_get("article_id").map_err(backend)?),
                revision: row.try_get("revision").map_err(backend)?,
                title: row.try_get("title").map_err(backend)?,
                lead: row.try_get("lead").map_err(backend)?,
                body: row.try_get("body").map_err(backend)?,
                slug: row.try_get("slug").map_err(backend)?,
                status: status(row)?,
                editor_name: row.try_get("editor_name").map_err(backend)?,
                created_at: ts(row.try_get("created_at").map_err(backend)?)?,
            })
        })
        .collect()
    }

    async fn slug_taken(&self, slug: &str, except: Option<ArticleId>) -> StoreResult<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("select id from articles where slug = ? and id <> ? limit 1")
                .bind(slug)
                .bind(except.map_or(-1, |a| a.0))
                .fetch_optional(&self.reader)
                .await
                .map_err(backend)?;
        Ok(found.is_some())
    }

    async fn tag_names(&self, prefix: &str, limit: u32) -> StoreResult<Vec<String>> {
        let mut pattern = like_contains(prefix);
        pattern.remove(0);
        sqlx::query_scalar(
            "select name from tags where name like ? escape '\\' order by name limit ?",
        )
        .bind(pattern)
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await
        .map_err(backend)
    }

    async fn save_autosave(&self, a: &Autosave) -> StoreResult<bool> {
        let mut tx = self.begin_immediate().await?;
        if let Some(token) = &a.token {
            let spent: Option<i64> = sqlx::query_scalar(
                "select 1 from spent_autosave_tokens where user_id = ? and token = ?",
            )
            .bind(a.user_id.0)
            .bind(token)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
            if spent.is_some() {
                return Ok(false);
            }
        }
        // `is` matches a null article id too (the new-article slot).
        sqlx::query("delete from article_autosaves where user_id = ? and article_id is ?")
            .bind(a.user_id.0)
            .bind(a.article_id.map(|id| id.0))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query(
            "insert into article_autosaves \
             (user_id, article_id, base_revision, fields, saved_at, token) \
             values (?, ?, ?, ?, ?, ?)",
        )
        .bind(a.user_id.0)
        .bind(a.article_id.map(|id| id.0))
        .bind(a.base_revision)
        .bind(&a.fields)
        .bind(a.saved_at.as_second())
        .bind(&a.token)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn autosave(
        &self,
        user: UserId,
        article: Option<ArticleId>,
    ) -> StoreResult<Option<Autosave>> {
        let Some(row) = sqlx::query(
            "select base_revision, fields, saved_at, token from article_autosaves \
             where user_id = ? and article_id is ?",
        )
        .bind(user.0)
        .bind(article.map(|id| id.0))
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some(Autosave {
            user_id: user,
            article_id: article,
            base_revision: row.try_get("base_revision").map_err(backend)?,
            fields: row.try_get("fields").map_err(backend)?,
            saved_at: ts(row.try_get("saved_at").map_err(backend)?)?,
            token: row.try_get("token").map_err(backend)?,
        }))
    }

    async fn delete_autosave(&self, user: UserId, article: Option<ArticleId>) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        sqlx::query("delete from article_autosaves where user_id = ? and article_id is ?")
            .bind(user.0)
            .bind(article.map(|id| id.0))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn finish_autosave(
        &self,
        user: UserId,
        article: Option<ArticleId>,
        token: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        let article = article.map(|id| id.0);
        match token {
            Some(token) => {
                sqlx::query(
                    "insert into spent_autosave_tokens (user_id, token, spent_at) \
                     values (?, ?, ?) on conflict do nothing",
                )
                .bind(user.0)
                .bind(token)
                .bind(now.as_second())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                sqlx::query(
                    "delete from article_autosaves where user_id = ? and article_id is ? \
                     and (token is null or token = ?)",
                )
                .bind(user.0)
                .bind(article)
                .bind(token)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            }
            None => {
                sqlx::query("delete from article_autosaves where user_id = ? and article_id is ?")
                    .bind(user.0)
                    .bind(article)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
            }
        }
        sqlx::query("delete from spent_autosave_tokens where spent_at < ?")
            .bind(now.as_second() - SPENT_TOKENS_KEPT_SECS)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn publish_due(&self, now: Timestamp) -> StoreResult<Vec<ArticleId>> {
        let mut tx = self.begin_immediate().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "update articles set status = 'published', revision = revision + 1, \
             updated_at = max(?, updated_at + 1) \
             where status = 'scheduled' and published_at <= ? returning id",
        )
        .bind(now.as_second())
        .bind(now.as_second())
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }
}

//! [`CommentStore`] on SQLite. Rules (transitions, training) are in Rust;
//! the SQL is portable to PostgreSQL.

use crate::{SqliteStore, backend};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{ArticleId, Comment, CommentId, CommentStatus, Page};
use khabar_store::comments::{
    BayesCounts, CommentQuery, CommentRecord, CommentStore, ModerationAction, QueueItem, StoredWord,
};
use khabar_store::{StoreError, StoreResult};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

const COLUMNS: &str = "id, article_id, parent_id, author_name, body, status, hold_reason, \
    is_staff, created_at, moderated_at";

fn ts(secs: i64) -> StoreResult<Timestamp> {
    Timestamp::from_second(secs).map_err(|e| StoreError::Backend(Box::new(e)))
}

fn comment(row: &SqliteRow) -> StoreResult<Comment> {
    let status: String = row.try_get("status").map_err(backend)?;
    let moderated: Option<i64> = row.try_get("moderated_at").map_err(backend)?;
    Ok(Comment {
        id: CommentId(row.try_get("id").map_err(backend)?),
        article_id: ArticleId(row.try_get("article_id").map_err(backend)?),
        parent_id: row
            .try_get::<Option<i64>, _>("parent_id")
            .map_err(backend)?
            .map(CommentId),
        author_name: row.try_get("author_name").map_err(backend)?,
        body: row.try_get("body").map_err(backend)?,
        status: CommentStatus::parse(&status)
            .ok_or_else(|| StoreError::Invalid(format!("unknown comment status {status}")))?,
        hold_reason: row.try_get("hold_reason").map_err(backend)?,
        is_staff: row.try_get::<i64, _>("is_staff").map_err(backend)? != 0,
        created_at: ts(row.try_get("created_at").map_err(backend)?)?,
        moderated_at: moderated.map(ts).transpose()?,
    })
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Escapes `%`, `_` and `\` for a `like … escape '\'` pattern.
fn like_pattern(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The `where` clause of a moderator's listing and its values, in order.
/// Columns are qualified with `c.` so the clause also fits a join.
fn query_filter(q: &CommentQuery) -> (String, Vec<Value>) {
    let mut clause = String::from("1 = 1");
    let mut values = Vec::new();
    if let Some(s) = q.status {
        clause.push_str(" and c.status = ?");
        values.push(Value::Text(s.as_str().to_string()));
    }
    if let Some(a) = q.article_id {
        clause.push_str(" and c.article_id = ?");
        values.push(Value::Int(a.0));
    }
    if let Some(search) = &q.search {
        let text = search.text.trim();
        clause.push_str(" and (c.body like ? escape '\\' or c.author_name like ? escape '\\'");
        let p = like_pattern(text);
        values.push(Value::Text(p.clone()));
        values.push(Value::Text(p));
        if !search.stems.is_empty() {
            // `tokens` holds a comment's distinct stems separated by spaces.
            let all = vec!["(' ' || c.tokens || ' ') like ? escape '\\'"; search.stems.len()];
            clause.push_str(&format!(" or ({})", all.join(" and ")));
            for stem in &search.stems {
                values.push(Value::Text(like_pattern(&format!(" {stem} "))));
            }
        }
        clause.push(')');
    }
    (clause, values)
}

/// A value bound to a listing's query.
#[derive(Clone)]
enum Value {
    Text(String),
    Int(i64),
}

fn bind_rows<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    values: &[Value],
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    for v in values {
        query = match v {
            Value::Text(t) => query.bind(t.clone()),
            Value::Int(n) => query.bind(*n),
        };
    }
    query
}

fn class_of(status: CommentStatus) -> Option<&'static str> {
    match status {
        CommentStatus::Approved => Some("ham"),
        CommentStatus::Spam => Some("spam"),
        _ => None,
    }
}

/// Adds `delta` (±1) documents of `class` made of `tokens` to the model.
async fn train(
    conn: &mut SqliteConnection,
    class: &str,
    tokens: &str,
    delta: i64,
) -> StoreResult<()> {
    sqlx::query(
        "update comment_bayes_classes set document_count = max(0, document_count + ?) \
         where class = ?",
    )
    .bind(delta)
    .bind(class)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    let (spam, ham) = if class == "spam" {
        (delta, 0)
    } else {
        (0, delta)
    };
    for token in tokens.split(' ').filter(|t| !t.is_empty()) {
        sqlx::query(
            "insert into comment_bayes_tokens (token, spam_count, ham_count) \
             values (?, max(0, ?), max(0, ?)) \
             on conflict (token) do update set \
             spam_count = max(0, comment_bayes_tokens.spam_count + ?), \
             ham_count = max(0, comment_bayes_tokens.ham_count + ?)",
        )
        .bind(token)
        .bind(spam)
        .bind(ham)
        .bind(spam)
        .bind(ham)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

impl SqliteStore {
    /// The number of comments (aliased `c`) matching `clause`.
    async fn count_where(&self, clause: &str, values: &[Value]) -> StoreResult<u64> {
        let sql = format!("select count(*) as n from comments c where {clause}");
        let row = bind_rows(sqlx::query(&sql), values)
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?;
        Ok(to_u64(row.try_get("n").map_err(backend)?))
    }
}

#[async_trait]
impl CommentStore for SqliteStore {
    async fn comment_secret(&self, candidate: &[u8]) -> StoreResult<Vec<u8>> {
        let hex: String = candidate.iter().map(|b| format!("{b:02x}")).collect();
        let mut tx = self.begin_immediate().await?;
        sqlx::query(
            "insert into comment_settings (name, value) values ('secret', ?) \
             on conflict (name) do nothing",
        )
        .bind(&hex)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let stored: String =
            sqlx::query_scalar("select value from comment_settings where name = 'secret'")
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        (0..stored.len() / 2)
            .map(|i| {
                stored
                    .get(2 * i..2 * i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .filter(|k| k.len() >= 16)
            .ok_or_else(|| StoreError::Invalid("the stored comment secret is malformed".into()))
    }

    async fn use_form_token(&self, key: &str, expires_at: i64, now: i64) -> StoreResult<bool> {
        let mut tx = self.begin_immediate().await?;
        sqlx::query("delete from comment_form_tokens where expires_at < ?")
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let inserted = sqlx::query(
            "insert into comment_form_tokens (token_key, expires_at) values (?, ?) \
             on conflict (token_key) do nothing",
        )
        .bind(key)
        .bind(expires_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected();
        tx.commit().await.map_err(backend)?;
        Ok(inserted == 1)
    }

    async fn commenter_is_known(&self, commenter_key: &str) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "select 1 from comments where commenter_key = ? and status = 'approved' limit 1",
        )
        .bind(commenter_key)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?;
        Ok(found.is_some())
    }

    async fn is_duplicate(&self, commenter_key: &str, fingerprint: &str) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "select 1 from comments where commenter_key = ? and body_fingerprint = ? \
             and status <> 'deleted' limit 1",
        )
        .bind(commenter_key)
        .bind(fingerprint)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?;
        Ok(found.is_some())
    }

    async fn insert_comment(&self, c: &CommentRecord, now: Timestamp) -> StoreResult<CommentId> {
        let mut tx = self.begin_immediate().await?;
        let id: i64 = sqlx::query_scalar(
            "insert into comments (article_id, parent_id, author_name, body, status, hold_reason, \
             is_staff, email_hash, visitor_hash, commenter_key, body_fingerprint, tokens, \
             delete_key_hash, spam_score, created_at) \
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
        )
        .bind(c.article_id.0)
        .bind(c.parent_id.map(|p| p.0))
        .bind(&c.author_name)
        .bind(&c.body)
        .bind(c.status.as_str())
        .bind(&c.hold_reason)
        .bind(i64::from(c.is_staff))
        .bind(&c.email_hash)
        .bind(&c.visitor_hash)
        .bind(&c.commenter_key)
        .bind(&c.body_fingerprint)
        .bind(c.tokens.join(" "))
        .bind(&c.delete_key_hash)
        .bind(c.spam_score)
        .bind(now.as_second())
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(CommentId(id))
    }

    async fn comment(&self, id: CommentId) -> StoreResult<Option<Comment>> {
        sqlx::query(&format!("select {COLUMNS} from comments where id = ?"))
            .bind(id.0)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .as_ref()
            .map(comment)
            .transpose()
    }

    async fn approved_comments(&self, article: ArticleId) -> StoreResult<Vec<Comment>> {
        sqlx::query(&format!(
            "select {COLUMNS} from comments where article_id = ? and status = 'approved' \
             order by created_at, id"
        ))
        .bind(article.0)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?
        .iter()
        .map(comment)
        .collect()
    }

    async fn list_comments(&self, q: &CommentQuery) -> StoreResult<Page<Comment>> {
        let (clause, values) = query_filter(q);
        let list_sql = format!(
            "select {COLUMNS} from comments c where {clause} \
             order by c.created_at desc, c.id desc limit ? offset ?"
        );
        let items = bind_rows(sqlx::query(&list_sql), &values)
            .bind(i64::from(q.window.limit))
            .bind(i64::try_from(q.window.offset).unwrap_or(i64::MAX))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(comment)
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Page {
            items,
            total: self.count_where(&clause, &values).await?,
        })
    }

    async fn list_queue(&self, q: &CommentQuery) -> StoreResult<Page<QueueItem>> {
        let (clause, values) = query_filter(q);
        let columns = COLUMNS
            .split(", ")
            .map(|c| format!("c.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let list_sql = format!(
            "select {columns}, c.spam_score, a.title as article_title, a.slug as article_slug \
             from comments c join articles a on a.id = c.article_id where {clause} \
             order by c.created_at desc, c.id desc limit ? offset ?"
        );
        let items = bind_rows(sqlx::query(&list_sql), &values)
            .bind(i64::from(q.window.limit))
            .bind(i64::try_from(q.window.offset).unwrap_or(i64::MAX))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(|row| {
                Ok(QueueItem {
                    comment: comment(row)?,
                    article_title: row.try_get("article_title").map_err(backend)?,
                    article_slug: row.try_get("article_slug").map_err(backend)?,
                    spam_score: row.try_get("spam_score").map_err(backend)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Page {
            items,
            total: self.count_where(&clause, &values).await?,
        })
    }

    async fn comment_status_counts(&self) -> StoreResult<Vec<(CommentStatus, u64)>> {
        let rows = sqlx::query("select status, count(*) as n from comments group by status")
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        let mut out: Vec<(CommentStatus, u64)> =
            CommentStatus::ALL.iter().map(|s| (*s, 0)).collect();
        for row in rows {
            let status: String = row.try_get("status").map_err(backend)?;
            let n: i64 = row.try_get("n").map_err(backend)?;
            if let Some(slot) = out.iter_mut().find(|(s, _)| s.as_str() == status) {
                slot.1 = to_u64(n);
            }
        }
        Ok(out)
    }

    async fn moderate(
        &self,
        ids: &[CommentId],
        action: ModerationAction,
        now: Timestamp,
    ) -> StoreResult<Vec<CommentId>> {
        let target = action.status();
        let mut tx = self.begin_immediate().await?;
        let mut changed = Vec::new();
        for id in ids {
            let Some(row) =
                sqlx::query("select status, trained_as, tokens from comments where id = ?")
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(backend)?
            else {
                continue;
            };
            let status: String = row.try_get("status").map_err(backend)?;
            let trained: Option<String> = row.try_get("trained_as").map_err(backend)?;
            let tokens: String = row.try_get("tokens").map_err(backend)?;
            if status == target.as_str() || status == CommentStatus::Deleted.as_str() {
                continue;
            }
            // Removal is not a verdict on the text: training stays as it was.
            let learn = class_of(target).map(str::to_string).or(trained.clone());
            if learn != trained {
                if let Some(old) = &trained {
                    train(&mut tx, old, &tokens, -1).await?;
                }
                if let Some(new) = &learn {
                    train(&mut tx, new, &tokens, 1).await?;
                }
            }
            sqlx::query(
                "update comments set status = ?, trained_as = ?, moderated_at = ? where id = ?",
            )
            .bind(target.as_str())
            .bind(&learn)
            .bind(now.as_second())
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            changed.push(*id);
        }
        tx.commit().await.map_err(backend)?;
        Ok(changed)
    }

    async fn delete_key_hash(&self, id: CommentId) -> StoreResult<Option<String>> {
        let hash: Option<Option<String>> =
            sqlx::query_scalar("select delete_key_hash from comments where id = ?")
                .bind(id.0)
                .fetch_optional(&self.reader)
                .await
                .map_err(backend)?;
        Ok(hash.flatten())
    }

    async fn delete_by_author(&self, id: CommentId, now: Timestamp) -> StoreResult<bool> {
        let mut tx = self.begin_immediate().await?;
        let changed = sqlx::query(
            "update comments set status = 'deleted', moderated_at = ? \
             where id = ? and status in ('pending', 'approved')",
        )
        .bind(now.as_second())
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected();
        tx.commit().await.map_err(backend)?;
        Ok(changed == 1)
    }

    async fn bayes_counts(&self, tokens: &[String]) -> StoreResult<BayesCounts> {
        let mut counts = BayesCounts::default();
        for row in sqlx::query("select class, document_count from comment_bayes_classes")
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
        {
            let class: String = row.try_get("class").map_err(backend)?;
            let n = to_u64(row.try_get("document_count").map_err(backend)?);
            if class == "spam" {
                counts.spam_docs = n;
            } else {
                counts.ham_docs = n;
            }
        }
        for chunk in tokens.chunks(100) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "select token, spam_count, ham_count from comment_bayes_tokens \
                 where token in ({marks})"
            );
            let mut query = sqlx::query(&sql);
            for t in chunk {
                query = query.bind(t);
            }
            for row in query.fetch_all(&self.reader).await.map_err(backend)? {
                counts.tokens.insert(
                    row.try_get("token").map_err(backend)?,
                    (
                        to_u64(row.try_get("spam_count").map_err(backend)?),
                        to_u64(row.try_get("ham_count").map_err(backend)?),
                    ),
                );
            }
        }
        Ok(counts)
    }

    async fn word_list(&self) -> StoreResult<Vec<StoredWord>> {
        sqlx::query("select phrase, action from comment_words order by normalized")
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(|row| {
                Ok(StoredWord {
                    phrase: row.try_get("phrase").map_err(backend)?,
                    action: row.try_get("action").map_err(backend)?,
                })
            })
            .collect()
    }

    async fn put_word(&self, phrase: &str, normalized: &str, action: &str) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        sqlx::query(
            "insert into comment_words (normalized, phrase, action) values (?, ?, ?) \
             on conflict (normalized) do update set phrase = excluded.phrase, \
             action = excluded.action",
        )
        .bind(normalized)
        .bind(phrase)
        .bind(action)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn remove_word(&self, normalized: &str) -> StoreResult<bool> {
        let mut tx = self.begin_immediate().await?;
        let n = sqlx::query("delete from comment_words where normalized = ?")
            .bind(normalized)
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
        tx.commit().await.map_err(backend)?;
        Ok(n > 0)
    }

    async fn comments_closed(&self, article: ArticleId) -> StoreResult<bool> {
        let closed: Option<i64> =
            sqlx::query_scalar("select closed from article_comment_settings where article_id = ?")
                .bind(article.0)
                .fetch_optional(&self.reader)
                .await
                .map_err(backend)?;
        Ok(closed.unwrap_or(0) != 0)
    }

    async fn set_comments_closed(&self, article: ArticleId, closed: bool) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        sqlx::query(
            "insert into article_comment_settings (article_id, closed) values (?, ?) \
             on conflict (article_id) do update set closed = excluded.closed",
        )
        .bind(article.0)
        .bind(i64::from(closed))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn unnotified_pending(&self, limit: u32) -> StoreResult<Vec<Comment>> {
        sqlx::query(&format!(
            "select {COLUMNS} from comments where status = 'pending' and notified_at is null \
             order by created_at, id limit ?"
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?
        .iter()
        .map(comment)
        .collect()
    }

    async fn mark_notified(&self, ids: &[CommentId], now: Timestamp) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        for id in ids {
            sqlx::query("update comments set notified_at = ? where id = ?")
                .bind(now.as_second())
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }
}

//! `khabar comments list | approve | spam | remove | close | open | words`:
//! the moderation operations of the store, from a terminal. The newsroom
//! queue calls the same operations, and both write the same audit lines
//! (from here with the address `cli` and no user).

use super::{audit, load_config};
use crate::cli::{CommentsCommand, SiteArgs};
use anyhow::{Context, bail};
use jiff::Timestamp;
use khabar_core::{ArticleId, CommentId, CommentStatus, Window};
use khabar_store::CommentStore;
use khabar_store::comments::{CommentQuery, CommentSearch, ModerationAction};
use std::sync::Arc;

/// The stores a moderation command works with.
struct Stores {
    comments: Arc<dyn CommentStore>,
    articles: khabar_store::SharedStore,
    accounts: khabar_store::SharedAccounts,
}

async fn open(site: &SiteArgs) -> anyhow::Result<Stores> {
    let config = load_config(site, None)?;
    let backend = khabar_app::open_backend(&config.database_url).await?;
    let unavailable = "comments are not available on this database backend yet";
    Ok(Stores {
        comments: backend.comments.context(unavailable)?,
        accounts: backend.accounts.context(unavailable)?,
        articles: backend.store,
    })
}

pub async fn run(command: CommentsCommand) -> anyhow::Result<()> {
    match command {
        CommentsCommand::List {
            site,
            status,
            search,
            article,
            limit,
            json,
        } => list(&site, status, search, article, limit, json).await,
        CommentsCommand::Approve { site, ids } => {
            moderate(&site, &ids, ModerationAction::Approve, "approved").await
        }
        CommentsCommand::Spam { site, ids } => {
            moderate(&site, &ids, ModerationAction::Spam, "marked as spam").await
        }
        CommentsCommand::Remove { site, ids } => {
            moderate(&site, &ids, ModerationAction::Remove, "removed").await
        }
        CommentsCommand::Close { site, article } => set_closed(&site, article, true).await,
        CommentsCommand::Open { site, article } => set_closed(&site, article, false).await,
        CommentsCommand::Words {
            site,
            hold,
            spam,
            remove,
        } => words(&site, hold, spam, remove).await,
    }
}

async fn list(
    site: &SiteArgs,
    status: Option<String>,
    search: Option<String>,
    article: Option<i64>,
    limit: u32,
    json: bool,
) -> anyhow::Result<()> {
    let status = match status.as_deref() {
        None => None,
        Some(s) => Some(CommentStatus::parse(s).with_context(|| {
            format!("--status: `{s}` is not one of pending, approved, spam, removed, deleted")
        })?),
    };
    let store = open(site).await?.comments;
    let page = store
        .list_comments(&CommentQuery {
            status,
            article_id: article.map(ArticleId),
            search: search.map(CommentSearch::new),
            window: Window { limit, offset: 0 },
        })
        .await?;
    for c in &page.items {
        if json {
            println!("{}", serde_json::to_string(c)?);
        } else {
            // One line per comment; control characters cannot reach the terminal.
            let body: String = c
                .body
                .chars()
                .map(|ch| if ch.is_control() { ' ' } else { ch })
                .take(80)
                .collect();
            let name: String = c
                .author_name
                .chars()
                .filter(|ch| !ch.is_control())
                .collect();
            println!(
                "{}\t{}\tarticle {}\t{}\t{}\t{}\t{}",
                c.id,
                c.status.as_str(),
                c.article_id,
                c.created_at,
                c.hold_reason.as_deref().unwrap_or("-"),
                name,
                body
            );
        }
    }
    if !json {
        eprintln!("{} of {} comments", page.items.len(), page.total);
    }
    Ok(())
}

async fn moderate(
    site: &SiteArgs,
    ids: &[i64],
    action: ModerationAction,
    done: &str,
) -> anyhow::Result<()> {
    let stores = open(site).await?;
    let ids: Vec<CommentId> = ids.iter().copied().map(CommentId).collect();
    for id in &ids {
        if stores.comments.comment(*id).await?.is_none() {
            bail!("comment {id} does not exist");
        }
    }
    let changed = stores
        .comments
        .moderate(&ids, action, Timestamp::now())
        .await?;
    for id in &changed {
        let target = format!("comment:{id}");
        audit(&stores.accounts, action.audit_action(), &target).await?;
    }
    println!("{} comment(s) {done}", changed.len());
    Ok(())
}

async fn set_closed(site: &SiteArgs, article: i64, closed: bool) -> anyhow::Result<()> {
    let stores = open(site).await?;
    if stores.articles.article(ArticleId(article)).await?.is_none() {
        bail!("article {article} does not exist");
    }
    stores
        .comments
        .set_comments_closed(ArticleId(article), closed)
        .await?;
    let what = if closed {
        "comments_close"
    } else {
        "comments_open"
    };
    audit(&stores.accounts, what, &format!("article:{article}")).await?;
    println!(
        "comments {} on article {article}",
        if closed { "closed" } else { "open" }
    );
    Ok(())
}

async fn words(
    site: &SiteArgs,
    hold: Vec<String>,
    spam: Vec<String>,
    remove: Vec<String>,
) -> anyhow::Result<()> {
    let stores = open(site).await?;
    let store = &stores.comments;
    for (phrases, action) in [(hold, "hold"), (spam, "spam")] {
        for phrase in phrases {
            let normalized = khabar_comments::text::normalize_phrase(&phrase);
            if normalized.is_empty() {
                bail!("`{phrase}` has no words to match");
            }
            store.put_word(phrase.trim(), &normalized, action).await?;
            let target = format!("{action}:{}", phrase.trim());
            audit(&stores.accounts, "comment_word_add", &target).await?;
        }
    }
    for phrase in remove {
        let normalized = khabar_comments::text::normalize_phrase(&phrase);
        if !store.remove_word(&normalized).await? {
            bail!("`{phrase}` is on no list");
        }
        audit(&stores.accounts, "comment_word_remove", phrase.trim()).await?;
    }
    for w in store.word_list().await? {
        println!("{}\t{}", w.action, w.phrase);
    }
    Ok(())
}

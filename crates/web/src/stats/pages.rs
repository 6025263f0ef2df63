//! What the reading pages show of statistics: the «N مشاهدة» label and the
//! "most read" lists.

use crate::AppState;
use crate::error::WebError;
use crate::views::Card;
use jiff::Timestamp;
use khabar_core::{ArticleId, ArticleSummary};
use khabar_i18n::{Localizer, Noun};

/// «N مشاهدة» for an article, in the site's plural rules and digits.
pub(crate) async fn views_label(
    state: &AppState,
    l: &Localizer<'_>,
    id: ArticleId,
) -> Result<String, WebError> {
    let n = super::views_of(state, id).await?;
    Ok(l.count(Noun::View, n))
}

/// The most read published articles of the last `hours`, as cards.
pub(crate) async fn most_read_cards(
    state: &AppState,
    l: &Localizer<'_>,
    hours: i64,
    limit: u32,
    now: Timestamp,
) -> Result<Vec<Card>, WebError> {
    let Some(stats) = state.stats.as_ref() else {
        return Ok(Vec::new());
    };
    let since = (now.as_second() - hours * 3600).div_euclid(3600) * 3600;
    let ranked = stats.store().most_read(since, limit, now).await?;
    let mut cards = Vec::with_capacity(ranked.len());
    for (id, _) in ranked {
        if let Some(a) = state.store.article(id).await?.filter(|a| a.is_public(now)) {
            let summary = ArticleSummary {
                id: a.id,
                slug: a.slug,
                title: a.title,
                lead: a.lead,
                section: a.section,
                author: a.author,
                published_at: a.published_at,
                updated_at: a.updated_at,
                cover: a.cover,
            };
            cards.push(Card::new(l, &summary, now));
        }
    }
    Ok(cards)
}

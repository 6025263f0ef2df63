//! The front page: the lead story, the next top stories, each section's newest.

use super::html_page;
use crate::AppState;
use crate::error::WebError;
use crate::views::{Card, Chrome, HomePage, Link, SectionBlock};
use axum::extract::State;
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::Window;
use khabar_store::ArticleFilter;

const TOP_STORIES: u32 = 5;
const LATEST: u32 = 10;
const PER_SECTION: u32 = 4;
const MOST_READ: u32 = 5;

pub(crate) async fn show_home(State(state): State<AppState>) -> Result<Response, WebError> {
    let now = Timestamp::now();
    let latest = state
        .store
        .published(
            ArticleFilter::All,
            Window {
                limit: LATEST,
                offset: 0,
            },
            now,
        )
        .await?;
    let by_section = state.store.latest_by_section(PER_SECTION, now).await?;
    let sections = state.store.sections().await?;
    let l = state.l();
    let cards: Vec<Card> = latest.items.iter().map(|a| Card::new(&l, a, now)).collect();
    let mut front = cards.iter().take(TOP_STORIES as usize).cloned();
    let page = HomePage {
        chrome: Chrome::new(&state, &l, &sections, "", "", "/", None),
        lead: front.next(),
        top: front.collect(),
        latest: cards,
        most_read: crate::stats::most_read_cards(&state, &l, 24, MOST_READ, now).await?,
        most_read_week: crate::stats::most_read_cards(&state, &l, 24 * 7, MOST_READ, now).await?,
        sections: by_section
            .iter()
            .map(|(section, items)| SectionBlock {
                link: Link {
                    name: section.name.clone(),
                    url: crate::urls::section(&section.slug),
                },
                cards: items.iter().map(|a| Card::new(&l, a, now)).collect(),
            })
            .collect(),
    };
    html_page(&state, page)
}

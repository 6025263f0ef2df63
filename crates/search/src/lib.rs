//! Khabar's search: Arabic full-text search, «اقرأ أيضا» related articles and
//! near-duplicate detection, on a tantivy index on local disk.
//!
//! # A tour
//!
//! - [`SearchIndex`] is the index. Its schema ([`schema`]) keeps each text
//!   twice: stemmed (the Arabic layer's [`khabar_arabic::tantivy_adapter`]
//!   in stemmed mode: «وبالصين» → «صين») and exact (normalised, unstemmed),
//!   boosted so literal matches rank above stem-only conflations. Offsets
//!   point into the original text, so snippets highlight words as written.
//! - [`ReaderQuery`] is what a reader typed: words and quoted phrases, capped
//!   in length; tantivy's query syntax is never exposed, so no input is an
//!   error. [`SearchIndex::search`] runs it with filters, a recency boost,
//!   counts and highlighted snippets.
//! - [`SearchIndex::related`] is a "more like this" over stems plus shared
//!   tags and section with a recency decay, without the article's
//!   near-duplicates ([`dup::Signature`], MinHash over stem shingles);
//!   [`SearchIndex::find_near_duplicates`] lists copies of an article, and
//!   [`DuplicateGuard`] tells an import which of its files are copies.
//! - [`SearchService`] keeps the index in step with the store by polling
//!   it ([`khabar_store::SearchFeed`]) and writes each article's related
//!   list and near-duplicates to it ([`khabar_store::RelatedStore`]), so a
//!   restart computes nothing; the server runs it in the background and
//!   tests await [`SearchService::catch_up`].
//!
//! # Bytes, not letters
//!
//! tantivy measures snippet length ([`search::SNIPPET_BYTES`]) and term
//! length (the adapter's `MAX_TERM_BYTES`) in bytes, and an Arabic letter is
//! two; the related-article query measures stems in characters
//! ([`related::MIN_STEM_CHARS`]).

mod copies;
pub mod dup;
mod guard;
mod index;
mod lists;
pub mod query;
pub mod related;
pub mod schema;
pub mod search;
mod service;

pub use guard::{CopyOf, DuplicateGuard};
pub use index::{Opened, SearchIndex, Watermark};
pub use query::ReaderQuery;
pub use related::{NearDuplicate, RelatedArticle, Relations, Subject};
pub use search::{SearchHit, SearchRequest, SearchResults};
pub use service::{PassReport, SearchService, SearchSettings};

//! Khabar's first-party visitor statistics, without I/O or an async runtime.
//!
//! A hit travels through four pieces:
//!
//! - [`bots::classify`] decides whether a request may count at all: crawlers
//!   (the crawler-user-agents / isbot patterns), headless browsers, empty or
//!   malformed user agents, prefetches and opt-outs (DNT/GPC) are answered but
//!   not counted, and tallied per [`bots::FilterReason`].
//! - [`visitor::VisitorId`] names a visitor without a cookie: a BLAKE3 keyed
//!   hash of (IP, User-Agent, site) under a random [`visitor::Salt`] that
//!   rotates every day. Raw addresses and user agents never leave memory.
//! - [`aggregate::Aggregator`] applies the counting rule (one view per visitor
//!   and article per dedup window), keeps bounded in-memory state, and hands
//!   out a [`aggregate::Batch`] of additive counts for the store to flush.
//! - [`referrer`] and [`agent`] turn a referrer and a user agent into the
//!   groups the dashboard shows (search, social, direct …; browser, OS,
//!   device class).
//!
//! [`chart`] draws the dashboard's daily chart as SVG and [`csv`] writes
//! reports that spreadsheets cannot mistake for formulas.

pub mod agent;
pub mod aggregate;
pub mod bots;
pub mod chart;
pub mod csv;
pub mod referrer;
pub mod visitor;

pub use aggregate::{Aggregator, AggregatorLimits, Batch, Hit, Outcome};
pub use bots::FilterReason;
pub use visitor::{Salt, VisitorId};

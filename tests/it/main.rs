//! The end-to-end tests: the real server over real HTTP and a real SQLite
//! file (and PostgreSQL for the storage story when one answers), and the
//! real `khabar` binary for the CLI. One module per area, all in one test
//! binary so the shared code is compiled and linked once; run one area with
//! `cargo test --test it newsroom::` or one test by its name.

mod common;
mod kit {
    pub mod comments;
    pub mod newsroom;
}

mod api;
mod bad_input;
mod cli;
mod comments;
mod comments_delete;
mod comments_spam;
mod comments_store;
mod moderation;
mod newsroom;
mod newsroom_editor;
mod newsroom_media;
mod newsroom_renames;
mod newsroom_scheduler;
mod newsroom_security;
mod newsroom_settings;
mod newsroom_taxonomy;
mod search;
mod site;
mod stats;
mod stats_newsroom;
mod stats_store;
mod store_story;

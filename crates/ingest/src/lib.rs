//! Bringing articles into Khabar.
//!
//! [`markdown::parse_article`] reads one Markdown file with YAML (`---`) or TOML
//! (`+++`) front matter, the way Hugo, Jekyll and Zola write them, into a
//! validated [`khabar_core::NewArticle`]. Nothing here writes to a store: the
//! caller decides (the CLI validates a whole folder before writing anything).

pub mod markdown;

pub use markdown::{ImportError, ImportOptions, parse_article};

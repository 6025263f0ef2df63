//! The command line: `khabar serve`, `article add`, `demo generate`, `analyze`,
//! `index rebuild|duplicates`, `config example`. Flags also read from the environment where noted.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "khabar",
    version,
    about = "Khabar (خبر): an Arabic-first news site in one binary"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the configuration and the database come from; shared by every
/// command that touches the site.
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// TOML configuration file (see `khabar config example`).
    #[arg(long, env = "KHABAR_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database URL, e.g. sqlite://khabar-data/khabar.db.
    #[arg(long = "database", env = "KHABAR_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Address to listen on [default: 127.0.0.1:8080].
        #[arg(long, env = "KHABAR_LISTEN", value_name = "ADDR")]
        listen: Option<String>,
        /// Fill an empty database with the demo articles first.
        #[arg(long)]
        demo: bool,
    },
    /// Manage articles.
    Article {
        #[command(subcommand)]
        command: ArticleCommand,
    },
    /// Demo and synthetic content.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// Show how Khabar analyses Arabic text for search: each token's
    /// normalised form and stem.
    Analyze {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also print the URL slug of the text.
        #[arg(long)]
        slug: bool,
        /// The text (several arguments are joined with spaces).
        #[arg(required = true)]
        text: Vec<String>,
    },
    /// Newsroom accounts. There is no default account: create the first
    /// admin with `khabar user add --role admin`.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Moderate readers' comments (until the newsroom queue does it in a browser).
    Comments {
        #[command(subcommand)]
        command: CommentsCommand,
    },
    /// Visitor statistics for editors: views and visitors per day, most
    /// read articles and sections, referrers, browsers, devices, and what
    /// was filtered. A table by default; --csv or --json for other tools.
    Stats {
        #[command(flatten)]
        site: SiteArgs,
        /// The last N days, today included.
        #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=3660))]
        days: u32,
        /// First day (YYYY-MM-DD) of a custom range; with --to.
        #[arg(long, requires = "to", value_name = "DATE")]
        from: Option<jiff::civil::Date>,
        /// Last day (YYYY-MM-DD) of a custom range.
        #[arg(long, requires = "from", value_name = "DATE")]
        to: Option<jiff::civil::Date>,
        /// One article's views per day instead of the site report.
        #[arg(long, value_name = "ID")]
        article: Option<i64>,
        /// Entries per list.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
        limit: u32,
        /// Print CSV (safe to open in a spreadsheet).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also write the daily chart as an SVG file.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// The search index.
    Index {
        #[command(subcommand)]
        command: IndexCommand,
    },
    /// Configuration helpers.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Add an article from a Markdown file with YAML (---) or TOML (+++) front
    /// matter, or every .md file of a folder (Hugo, Jekyll, Zola content).
    Add {
        #[command(flatten)]
        site: SiteArgs,
        /// A .md file or a folder of them.
        path: PathBuf,
        /// Also add articles whose text is a near-copy of a published
        /// article or of another file of the import (by default they are
        /// skipped, one line each, and the command exits with an error).
        #[arg(long)]
        allow_duplicates: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Add synthetic articles (for load tests), built from the demo corpus.
    Generate {
        #[command(flatten)]
        site: SiteArgs,
        /// How many articles to add.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        articles: u64,
        /// Random seed, for reproducible content.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Add a synthetic view history (for dashboard benchmarks) over the
    /// site's published articles.
    GenerateHits {
        #[command(flatten)]
        site: SiteArgs,
        /// How many counted views.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
        hits: u64,
        /// Spread over the last N days.
        #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=3660))]
        days: u32,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Rebuild the search index from the database (stop the server first).
    Rebuild {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// List suspected duplicate articles (near-identical text).
    Duplicates {
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a commented configuration file with every key at its default.
    Example,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is prompted for, or read from stdin.
    Add {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long)]
        email: String,
        /// The name shown in the newsroom.
        #[arg(long)]
        name: String,
        /// admin, editor, author or moderator.
        #[arg(long)]
        role: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password (ends the account's sessions).
    Passwd {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Disable an account (ends its sessions), or enable it again with --enable.
    Disable {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        enable: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CommentsCommand {
    /// List comments, newest first.
    List {
        #[command(flatten)]
        site: SiteArgs,
        /// pending, approved, spam, removed or deleted [default: all].
        #[arg(long)]
        status: Option<String>,
        /// Only comments containing these words (in the body or the name).
        #[arg(long)]
        search: Option<String>,
        /// Only the comments of this article.
        #[arg(long)]
        article: Option<i64>,
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=1000))]
        limit: u32,
        /// Print JSON lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Approve comments (publish them; teaches the spam filter "not spam").
    Approve {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Mark comments as spam (hides them; teaches the spam filter "spam").
    Spam {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Remove comments (hidden by staff; the text is kept).
    Remove {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Close comments on an article.
    Close {
        #[command(flatten)]
        site: SiteArgs,
        article: i64,
    },
    /// Reopen comments on an article.
    Open {
        #[command(flatten)]
        site: SiteArgs,
        article: i64,
    },
    /// Show or edit the word lists (matched on normalised Arabic).
    Words {
        #[command(flatten)]
        site: SiteArgs,
        /// Add phrases that hold a comment for a moderator.
        #[arg(long, value_name = "PHRASE")]
        hold: Vec<String>,
        /// Add phrases that file a comment as spam.
        #[arg(long, value_name = "PHRASE")]
        spam: Vec<String>,
        /// Remove phrases from either list.
        #[arg(long, value_name = "PHRASE")]
        remove: Vec<String>,
    },
}

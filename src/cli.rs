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

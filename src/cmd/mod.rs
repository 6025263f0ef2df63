//! One module per subcommand.

mod analyze;
mod article;
mod comments;
mod demo;
mod index;
mod serve;
mod stats;
mod user;

use crate::cli::{ArticleCommand, Command, ConfigCommand, DemoCommand, IndexCommand, SiteArgs};
use khabar_app::config::{Config, Overrides, RawConfig};

pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve { site, listen, demo } => serve::run(&site, listen, demo).await,
        Command::Article {
            command:
                ArticleCommand::Add {
                    site,
                    path,
                    allow_duplicates,
                },
        } => article::add(&site, &path, allow_duplicates).await,
        Command::Demo {
            command:
                DemoCommand::Generate {
                    site,
                    articles,
                    seed,
                },
        } => demo::generate(&site, articles, seed).await,
        Command::Comments { command } => comments::run(command).await,
        Command::Demo {
            command:
                DemoCommand::GenerateHits {
                    site,
                    hits,
                    days,
                    seed,
                },
        } => demo::generate_hits(&site, hits, days, seed).await,
        Command::Stats {
            site,
            days,
            from,
            to,
            article,
            limit,
            csv,
            json,
            svg,
        } => {
            stats::run(
                &site,
                stats::Options {
                    days,
                    from,
                    to,
                    article,
                    limit,
                    csv,
                    json,
                    svg,
                },
            )
            .await
        }
        Command::Analyze { json, slug, text } => analyze::run(&text.join(" "), json, slug),
        Command::User { command } => user::run(command).await,
        Command::Index {
            command: IndexCommand::Rebuild { site },
        } => index::rebuild(&site).await,
        Command::Index {
            command: IndexCommand::Duplicates { site },
        } => index::duplicates(&site).await,
        Command::Config {
            command: ConfigCommand::Example,
        } => {
            print!("{}", khabar_app::config::EXAMPLE);
            Ok(())
        }
    }
}

/// Loads and validates the configuration for a command.
fn load_config(site: &SiteArgs, listen: Option<String>) -> anyhow::Result<Config> {
    RawConfig::load(site.config.as_deref())?.validate(Overrides {
        listen,
        database_url: site.database_url.clone(),
    })
}

/// Writes an audit line for a change made from the terminal: no user, the
/// address `cli` (the newsroom writes the same actions with its user).
async fn audit(
    accounts: &khabar_store::SharedAccounts,
    action: &str,
    target: &str,
) -> anyhow::Result<()> {
    accounts
        .audit(&khabar_store::AuditEntry {
            at: jiff::Timestamp::now(),
            user_id: None,
            action: action.into(),
            target: target.into(),
            address: "cli".into(),
        })
        .await?;
    Ok(())
}

/// A progress bar in the house style.
fn progress(len: u64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

//! `khabar user add | passwd | list | disable`: newsroom accounts.

use super::{audit, load_config};
use crate::cli::{SiteArgs, UserCommand};
use anyhow::{Context, bail};
use jiff::Timestamp;
use khabar_core::{NewUser, PasswordPolicy, Role, check_user_name, normalize_email};
use khabar_store::{SharedAccounts, StoreError};
use khabar_web::newsroom::password;
use std::io::{BufRead, IsTerminal};

async fn accounts(site: &SiteArgs) -> anyhow::Result<SharedAccounts> {
    let config = load_config(site, None)?;
    khabar_app::open_backend(&config.database_url)
        .await?
        .accounts
        .context("newsroom accounts are not available on this database backend yet")
}

/// The password from stdin's first line (`--password-stdin`) or the terminal.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from stdin")?;
        return Ok(line.trim_end_matches(['\n', '\r']).to_string());
    }
    if !std::io::stdin().is_terminal() {
        bail!("no terminal to ask for the password: use --password-stdin");
    }
    let first = rpassword::prompt_password("Password: ")?;
    let again = rpassword::prompt_password("Again: ")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

fn policy_message(e: khabar_core::AccountError) -> String {
    format!("{e} ({})", e.code())
}

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            site,
            email,
            name,
            role,
            password_stdin,
        } => {
            let email = normalize_email(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            check_user_name(&name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
            let Some(role) = Role::parse(&role) else {
                bail!("--role: `{role}` is not one of admin, editor, author, moderator");
            };
            let pw = read_password(password_stdin)?;
            PasswordPolicy::check(&pw, &email, &name)
                .map_err(|e| anyhow::anyhow!("password: {}", policy_message(e)))?;
            let accounts = accounts(&site).await?;
            let user = NewUser {
                email: email.clone(),
                name: khabar_arabic::strip_bidi_controls(name.trim()).to_string(),
                role,
                password_hash: password::hash(&pw)?,
            };
            match accounts.create_user(&user, Timestamp::now()).await {
                Ok(id) => {
                    audit(&accounts, "user_add", &email).await?;
                    println!("created {} account {email} (id {id})", role.as_str());
                    Ok(())
                }
                Err(StoreError::Conflict(_)) => bail!("an account with {email} already exists"),
                Err(e) => Err(e.into()),
            }
        }
        UserCommand::Passwd {
            site,
            email,
            password_stdin,
        } => {
            let email = normalize_email(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let accounts = accounts(&site).await?;
            let Some((user, _)) = accounts.user_by_email(&email).await? else {
                bail!("no account with {email}");
            };
            let pw = read_password(password_stdin)?;
            PasswordPolicy::check(&pw, &user.email, &user.name)
                .map_err(|e| anyhow::anyhow!("password: {}", policy_message(e)))?;
            accounts
                .set_password(user.id, &password::hash(&pw)?)
                .await?;
            audit(&accounts, "user_passwd", &email).await?;
            println!("password changed for {email}; its sessions have ended");
            Ok(())
        }
        UserCommand::List { site } => {
            let accounts = accounts(&site).await?;
            for u in accounts.users().await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    u.id,
                    u.email,
                    u.role.as_str(),
                    if u.disabled { "disabled" } else { "active" },
                    u.name
                );
            }
            Ok(())
        }
        UserCommand::Disable {
            site,
            email,
            enable,
        } => {
            let email = normalize_email(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let accounts = accounts(&site).await?;
            let Some((user, _)) = accounts.user_by_email(&email).await? else {
                bail!("no account with {email}");
            };
            accounts.set_disabled(user.id, !enable).await?;
            let what = if enable {
                "user_enable"
            } else {
                "user_disable"
            };
            audit(&accounts, what, &email).await?;
            println!("{email} {}", if enable { "enabled" } else { "disabled" });
            Ok(())
        }
    }
}

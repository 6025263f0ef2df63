//! Newsroom accounts (حسابات): who may do what, and the password policy.
//!
//! [`can`] is the whole permission matrix as one pure function, so the web
//! layer asks one question per request and a table test pins every answer.

use crate::ids::UserId;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What a newsroom account is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including accounts and site settings.
    Admin,
    /// Every article, sections and tags; no accounts or settings.
    Editor,
    /// Writes and edits their own articles as drafts; an editor publishes them.
    Author,
    /// Comments only; cannot touch articles.
    Moderator,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Author, Role::Moderator];

    /// The stable lower-case name used in storage and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Author => "author",
            Role::Moderator => "moderator",
        }
    }

    /// Parses the name written by [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Something a newsroom account may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the list of articles (authors see only their own in it).
    ListArticles,
    CreateArticle,
    /// Open an article in the editor, with its drafts and revisions.
    ReadArticle,
    /// Save changes to an article's text, taxonomy or slug.
    EditArticle,
    /// Publish, schedule or unpublish an article.
    PublishArticle,
    UploadMedia,
    ManageTaxonomy,
    ManageSettings,
    ManageUsers,
    ModerateComments,
    ViewAuditLog,
    /// Read the visitor statistics (views, visitors, referrers, top articles).
    ViewStats,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::ListArticles,
        Action::CreateArticle,
        Action::ReadArticle,
        Action::EditArticle,
        Action::PublishArticle,
        Action::UploadMedia,
        Action::ManageTaxonomy,
        Action::ManageSettings,
        Action::ManageUsers,
        Action::ModerateComments,
        Action::ViewAuditLog,
        Action::ViewStats,
    ];
}

/// Whose thing the action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ownership {
    /// The acting account's own article.
    Own,
    /// Someone else's article (or one without an owner, e.g. imported).
    Others,
    /// The action is not about one article (e.g. settings).
    None,
}

/// Returns true if and only if `role` may do `action` on a thing of `ownership`.
pub fn can(role: Role, action: Action, ownership: Ownership) -> bool {
    use Action::*;
    match role {
        Role::Admin => true,
        Role::Editor => !matches!(action, ManageSettings | ManageUsers | ViewAuditLog),
        Role::Author => match action {
            ListArticles | CreateArticle | UploadMedia => true,
            ReadArticle | EditArticle => ownership == Ownership::Own,
            _ => false,
        },
        Role::Moderator => action == ModerateComments,
    }
}

/// A newsroom account. The password hash never leaves the store in this type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    /// Interface language code ("ar" or "en").
    pub lang: String,
    pub created_at: Timestamp,
}

/// Input for a new account; `password_hash` is already an argon2id PHC string.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
}

/// Why a password or an account field was refused, as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("password is shorter than {min} characters")]
    PasswordTooShort { min: usize },
    #[error("password is longer than {max} characters")]
    PasswordTooLong { max: usize },
    #[error("password is on the list of common passwords")]
    PasswordCommon,
    #[error("password must not be the e-mail address or the name")]
    PasswordPersonal,
    #[error("e-mail address is not valid")]
    EmailInvalid,
    #[error("name is empty or longer than 100 characters")]
    NameInvalid,
}

impl AccountError {
    /// The stable machine-readable code, e.g. `password_too_short`.
    pub fn code(self) -> &'static str {
        match self {
            AccountError::PasswordTooShort { .. } => "password_too_short",
            AccountError::PasswordTooLong { .. } => "password_too_long",
            AccountError::PasswordCommon => "password_common",
            AccountError::PasswordPersonal => "password_personal",
            AccountError::EmailInvalid => "email_invalid",
            AccountError::NameInvalid => "name_invalid",
        }
    }
}

/// The password policy (OWASP ASVS / NIST 800-63B: length and a block list, no
/// composition rules). Lengths count characters, so Arabic passphrases work.
pub struct PasswordPolicy;

impl PasswordPolicy {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    /// Checks `password` for an account with `email` and `name`.
    ///
    /// # Errors
    /// The first rule the password breaks.
    pub fn check(password: &str, email: &str, name: &str) -> Result<(), AccountError> {
        let n = password.chars().count();
        if n < Self::MIN_CHARS {
            return Err(AccountError::PasswordTooShort {
                min: Self::MIN_CHARS,
            });
        }
        if n > Self::MAX_CHARS {
            return Err(AccountError::PasswordTooLong {
                max: Self::MAX_CHARS,
            });
        }
        let lower = password.to_lowercase();
        if common_passwords().contains(lower.as_str()) {
            return Err(AccountError::PasswordCommon);
        }
        let local = email.split('@').next().unwrap_or("").to_lowercase();
        if lower == email.to_lowercase()
            || (local.chars().count() >= 4 && lower == local)
            || lower == name.trim().to_lowercase()
        {
            return Err(AccountError::PasswordPersonal);
        }
        Ok(())
    }
}

/// The shipped list of common passwords (see `data/common-passwords.LICENSE`).
fn common_passwords() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../data/common-passwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Lower-cases and checks an e-mail address: one `@`, a dot in the domain, no
/// spaces or control characters, at most 254 characters.
///
/// # Errors
/// [`AccountError::EmailInvalid`].
pub fn normalize_email(raw: &str) -> Result<String, AccountError> {
    let email = raw.trim().to_lowercase();
    let ok = email.chars().count() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if ok {
        Ok(email)
    } else {
        Err(AccountError::EmailInvalid)
    }
}

/// Checks a display name: not empty, at most 100 characters, no control characters.
///
/// # Errors
/// [`AccountError::NameInvalid`].
pub fn check_user_name(name: &str) -> Result<(), AccountError> {
    let n = name.trim().chars().count();
    if n == 0 || n > 100 || name.chars().any(char::is_control) {
        Err(AccountError::NameInvalid)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Ownership as O;

    /// The permission matrix, written out in full. Columns: admin, editor,
    /// author, moderator. `A` allowed whatever the ownership, `O` only on the
    /// account's own article, `-` refused.
    #[test]
    fn permission_matrix() {
        let table: &[(Action, [char; 4])] = &[
            (ListArticles, ['A', 'A', 'A', '-']),
            (CreateArticle, ['A', 'A', 'A', '-']),
            (ReadArticle, ['A', 'A', 'O', '-']),
            (EditArticle, ['A', 'A', 'O', '-']),
            (PublishArticle, ['A', 'A', '-', '-']),
            (UploadMedia, ['A', 'A', 'A', '-']),
            (ManageTaxonomy, ['A', 'A', '-', '-']),
            (ManageSettings, ['A', '-', '-', '-']),
            (ManageUsers, ['A', '-', '-', '-']),
            (ModerateComments, ['A', 'A', '-', 'A']),
            (ViewAuditLog, ['A', '-', '-', '-']),
            (ViewStats, ['A', 'A', '-', '-']),
        ];
        assert_eq!(table.len(), Action::ALL.len());
        for (action, cells) in table {
            for (role, cell) in Role::ALL.into_iter().zip(cells) {
                for ownership in [O::Own, O::Others, O::None] {
                    let expected = match cell {
                        'A' => true,
                        'O' => ownership == O::Own,
                        _ => false,
                    };
                    assert_eq!(
                        can(role, *action, ownership),
                        expected,
                        "{role:?} {action:?} {ownership:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn password_policy() {
        let check = |p: &str| PasswordPolicy::check(p, "hala@example.com", "هالة منصور");
        assert_eq!(
            check("short"),
            Err(AccountError::PasswordTooShort { min: 8 })
        );
        assert_eq!(check("password1"), Err(AccountError::PasswordCommon));
        assert_eq!(check("PassWord1"), Err(AccountError::PasswordCommon));
        assert_eq!(check("qwertyuiop"), Err(AccountError::PasswordCommon));
        assert_eq!(
            check("hala@example.com"),
            Err(AccountError::PasswordPersonal)
        );
        assert_eq!(check("هالة منصور"), Err(AccountError::PasswordPersonal));
        // Eight Arabic letters are eight characters (sixteen bytes).
        assert_eq!(check("كلمةسرية"), Ok(()));
        assert_eq!(check("correct horse battery staple"), Ok(()));
        assert_eq!(check(&"x".repeat(64)), Ok(()));
        assert_eq!(
            check(&"x".repeat(129)),
            Err(AccountError::PasswordTooLong { max: 128 })
        );
        assert!(common_passwords().len() > 5_000);
    }

    #[test]
    fn emails_and_names() {
        assert_eq!(
            normalize_email(" Hala@Example.COM "),
            Ok("hala@example.com".into())
        );
        for bad in [
            "",
            "hala",
            "@example.com",
            "a@b",
            "a b@c.d",
            "a@@b.c",
            "a@.com",
        ] {
            assert_eq!(
                normalize_email(bad),
                Err(AccountError::EmailInvalid),
                "{bad}"
            );
        }
        assert!(check_user_name("هالة").is_ok());
        assert!(check_user_name("  ").is_err());
        assert!(check_user_name(&"x".repeat(101)).is_err());
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}

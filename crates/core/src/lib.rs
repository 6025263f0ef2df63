//! Khabar's domain: what a news site publishes, with no I/O.
//!
//! The principal types are [`Article`] (what readers read), the taxonomy it
//! hangs from ([`Section`], [`Tag`], [`Author`]) and [`NewArticle`], the input
//! every writer (CLI import, demo loader, later the newsroom) fills in and
//! checks with [`NewArticle::validate`] before it reaches a store.
//!
//! Newsroom accounts are [`User`]s with a [`Role`]; [`can`] answers whether a
//! role may do an [`Action`], and [`PasswordPolicy`] checks new passwords.
//! Readers' comments are [`Comment`]s, submitted as [`NewComment`] and checked
//! with [`NewComment::validate`] against [`CommentLimits`].
//!
//! Validation failures are [`ValidationError`] *codes*, never sentences: the
//! i18n layer turns a code into Arabic or English for whoever made the mistake.
//!
//! This crate must not depend on HTTP, SQL, a search engine or an async
//! runtime; CI checks that with `cargo tree`.

mod account;
mod article;
mod comment;
mod ids;
mod taxonomy;
mod validation;

pub use account::{
    AccountError, Action, NewUser, Ownership, PasswordPolicy, Role, User, can, check_user_name,
    normalize_email,
};
pub use article::{Article, ArticleStatus, ArticleSummary, Cover, NewArticle, Source};
pub use comment::{Comment, CommentError, CommentLimits, CommentStatus, NewComment};
pub use ids::{ArticleId, AuthorId, CommentId, SectionId, TagId, UserId};
pub use taxonomy::{Author, NewTaxonomy, Section, Tag};
pub use validation::{Limits, ValidationError, ValidationErrors, is_http_url, is_valid_slug};

/// A page of results with the total number of items across all pages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Which slice of a list to return; `limit` is already clamped by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub limit: u32,
    pub offset: u64,
}

impl Window {
    /// The window for 1-based page `page` of `per_page` items, or `None` when
    /// the offset would overflow.
    pub fn page(page: u64, per_page: u32) -> Option<Window> {
        let offset = page.checked_sub(1)?.checked_mul(u64::from(per_page))?;
        // SQLite and PostgreSQL take signed 64-bit offsets.
        if offset > i64::MAX as u64 {
            return None;
        }
        Some(Window {
            limit: per_page,
            offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_windows() {
        assert_eq!(
            Window::page(1, 20),
            Some(Window {
                limit: 20,
                offset: 0
            })
        );
        assert_eq!(Window::page(3, 20).map(|w| w.offset), Some(40));
        assert_eq!(Window::page(0, 20), None);
        assert_eq!(Window::page(u64::MAX, 20), None);
    }
}

//! Newsroom page contexts.

use super::Signed;
use super::form::{ArticleForm, FieldErrors};
use crate::AppState;
use askama::Template;
use khabar_core::{Action, Ownership, Role, can};
use khabar_i18n::{Lang, Localizer};

/// What every newsroom page shares.
pub struct NrChrome<'a> {
    pub l: Localizer<'a>,
    pub lang: &'static str,
    pub dir: &'static str,
    pub title: String,
    pub css: String,
    pub site_css: String,
    pub js: String,
    /// Name and role label of the signed-in account.
    pub user: Option<(String, String)>,
    pub csrf: String,
    pub is_admin: bool,
    /// Sections and tags pages (editors and admins).
    pub can_taxonomy: bool,
    /// The site settings page (admins).
    pub can_settings: bool,
    /// Editors and admins see the suspected duplicates (when search runs).
    pub may_review_duplicates: bool,
    /// The account may list articles (moderators may not).
    pub articles_link: bool,
    /// The account moderates comments on a site that has them.
    pub comments_link: bool,
    /// Pending comments for the header: the number, and its label with the
    /// plural («3 تعليقات بانتظار المراجعة»); `None` when none or unknown.
    pub pending_comments: Option<(String, String)>,
    /// The account may read the statistics (the header links them).
    pub can_view_stats: bool,
}

/// The language of the newsroom for this request: `?lang=` first, then the
/// account's choice, then Arabic.
pub fn newsroom_lang(query: Option<&str>, user: Option<&Signed>) -> Lang {
    query
        .or(user.map(|s| s.user.lang.as_str()))
        .and_then(|s| s.parse().ok())
        .unwrap_or(Lang::Ar)
}

pub fn role_label(l: &Localizer<'_>, role: Role) -> String {
    l.t(&format!("nr-role-{}", role.as_str()))
}

impl<'a> NrChrome<'a> {
    pub fn new(state: &'a AppState, signed: Option<&Signed>, lang: Lang, title: &str) -> Self {
        let mut settings = state.site().locale.clone();
        settings.lang = lang;
        let l = state.i18n.localizer(&settings);
        let user = signed.map(|s| (s.user.name.clone(), role_label(&l, s.user.role)));
        let may = |action| signed.is_some_and(|s| can(s.user.role, action, Ownership::None));
        let comments_link = may(Action::ModerateComments) && state.comments.is_some();
        let pending_comments = state
            .comments
            .as_ref()
            .filter(|_| comments_link)
            .and_then(|c| c.pending_hint())
            .filter(|n| *n > 0)
            .map(|n| {
                let label = l.t_args(
                    "nr-cm-pending-badge",
                    &[(
                        "count",
                        khabar_i18n::Arg::Str(&l.count(khabar_i18n::Noun::Comment, n)),
                    )],
                );
                (l.number(i64::try_from(n).unwrap_or(i64::MAX)), label)
            });
        NrChrome {
            articles_link: may(Action::ListArticles),
            comments_link,
            pending_comments,
            title: format!("{title} — {}", l.t("nr-newsroom")),
            lang: lang.code(),
            dir: lang.dir(),
            css: state.assets.url("css/newsroom.css"),
            site_css: state.assets.url("css/site.css"),
            js: state.assets.url("js/editor.js"),
            user,
            csrf: signed
                .map(|s| s.session.csrf_token.clone())
                .unwrap_or_default(),
            is_admin: may(Action::ViewAuditLog),
            can_taxonomy: may(Action::ManageTaxonomy),
            can_settings: may(Action::ManageSettings),
            may_review_duplicates: state.search.is_some()
                && signed.is_some_and(|s| can(s.user.role, Action::EditArticle, Ownership::Others)),
            can_view_stats: may(Action::ViewStats),
            l,
        }
    }
}

#[derive(Template)]
#[template(path = "newsroom/login.html")]
pub struct LoginPage<'a> {
    pub chrome: NrChrome<'a>,
    pub email: String,
    pub next: String,
    pub error: Option<String>,
    pub notice: Option<String>,
}

pub struct ArticleRowView {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub status_label: String,
    pub section: String,
    pub owner: String,
    pub date: String,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "newsroom/articles.html")]
pub struct ArticlesPage<'a> {
    pub chrome: NrChrome<'a>,
    pub rows: Vec<ArticleRowView>,
    pub statuses: Vec<Choice>,
    pub sections: Vec<Choice>,
    pub q: String,
    pub total: String,
    pub can_create: bool,
    pub notice: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "newsroom/editor.html")]
pub struct EditorPage<'a> {
    pub chrome: NrChrome<'a>,
    pub heading: String,
    pub action: String,
    /// Where the full-page preview button posts the form.
    pub preview_action: String,
    /// This account's autosave, offered back.
    pub autosave: Option<super::autosave::AutosaveOffer>,
    pub form: ArticleForm,
    pub errors: FieldErrors,
    pub statuses: Vec<Choice>,
    pub sections: Vec<String>,
    pub article_id: Option<i64>,
    pub public_url: Option<String>,
    pub notice: Option<String>,
    pub conflict: Option<ConflictView>,
    pub time_zone: String,
    /// Pinned related links and the near-duplicate warning.
    pub related: crate::search::pins::EditorRelated,
}

/// The version someone else saved, shown beside the editor's own.
pub struct ConflictView {
    pub revision: i64,
    pub title: String,
    pub lead: String,
    pub diff: Vec<DiffLine>,
}

pub struct DiffLine {
    /// `del`, `ins` or `same`.
    pub kind: &'static str,
    pub old: String,
    pub new: String,
}

pub struct RevisionView {
    pub revision: i64,
    pub editor: String,
    pub date: String,
    pub status: String,
    pub diff: Vec<DiffLine>,
    pub is_current: bool,
}

#[derive(Template)]
#[template(path = "newsroom/revisions.html")]
pub struct RevisionsPage<'a> {
    pub chrome: NrChrome<'a>,
    pub article_id: i64,
    pub title: String,
    pub revisions: Vec<RevisionView>,
}

pub struct AuditView {
    pub date: String,
    pub user: String,
    pub action: String,
    pub target: String,
    pub address: String,
}

#[derive(Template)]
#[template(path = "newsroom/audit.html")]
pub struct AuditPage<'a> {
    pub chrome: NrChrome<'a>,
    pub entries: Vec<AuditView>,
}

/// A side-by-side line diff: each row has the old line, the new line, or both.
pub fn side_by_side(old: &str, new: &str) -> Vec<DiffLine> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_lines(old, new);
    let mut rows: Vec<DiffLine> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().trim_end_matches('\n').to_string();
        match change.tag() {
            ChangeTag::Equal => rows.push(DiffLine {
                kind: "same",
                old: text.clone(),
                new: text,
            }),
            ChangeTag::Delete => rows.push(DiffLine {
                kind: "del",
                old: text,
                new: String::new(),
            }),
            ChangeTag::Insert => {
                // Pair an insertion with the deletion just before it.
                if let Some(last) = rows
                    .last_mut()
                    .filter(|r| r.kind == "del" && r.new.is_empty())
                {
                    last.new = text;
                    last.kind = "mod";
                } else {
                    rows.push(DiffLine {
                        kind: "ins",
                        old: String::new(),
                        new: text,
                    });
                }
            }
        }
    }
    rows
}

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
        let mut settings = state.site.locale.clone();
        settings.lang = lang;
        let l = state.i18n.localizer(&settings);
        let user = signed.map(|s| (s.user.name.clone(), role_label(&l, s.user.role)));
        NrChrome {
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
            is_admin: signed
                .is_some_and(|s| can(s.user.role, Action::ViewAuditLog, Ownership::None)),
            can_view_stats: signed
                .is_some_and(|s| can(s.user.role, Action::ViewStats, Ownership::None)),
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
    pub form: ArticleForm,
    pub errors: FieldErrors,
    pub statuses: Vec<Choice>,
    pub sections: Vec<String>,
    pub article_id: Option<i64>,
    pub public_url: Option<String>,
    pub notice: Option<String>,
    pub conflict: Option<ConflictView>,
    pub time_zone: String,
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

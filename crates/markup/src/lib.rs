//! Article bodies: Markdown in, safe HTML out, one top-level block at a time.
//!
//! [`render_markdown`] turns an editor's Markdown into a [`RenderedBody`]: a list
//! of [`Block`]s (paragraph, sub-heading, quotation, list …), each already
//! sanitised by ammonia, plus the [`Heading`]s with their stable anchors for a
//! table of contents. Keeping blocks apart is what lets the page insert a
//! «اقرأ أيضا» link after paragraph N ([`RenderedBody::to_html_with_insert`])
//! without re-parsing HTML, and lets the insertion rules (never inside a quote or
//! list, never right before a sub-heading) be checked on block kinds.
//!
//! Rules: `#` in a body becomes `<h2>` (the page owns the only `<h1>`); `##` and
//! `###` keep their level; deeper headings become `<h4>`. Anchors are the
//! heading's Arabic slug (`khabar_arabic::slugify`), made unique with `-2`, `-3` ….
//! Raw HTML in Markdown passes through ammonia like everything else.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::sync::LazyLock;

/// What kind of top-level block a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    Quote,
    List,
    Code,
    Other,
}

/// One top-level block of the body, already sanitised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub html: String,
}

/// A sub-heading of the body and its anchor (the `id` of the heading element).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// A body rendered to safe HTML blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedBody {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"));
    b
});

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

fn level_tag(level: u8) -> HeadingLevel {
    match level {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        _ => HeadingLevel::H4,
    }
}

fn unique_anchor(text: &str, used: &mut HashSet<String>, index: usize) -> String {
    let mut base = khabar_arabic::slugify(text, 60);
    if base.is_empty() {
        base = format!("section-{}", index + 1);
    }
    let mut anchor = base.clone();
    let mut n = 2;
    while !used.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}

/// Renders Markdown to sanitised blocks. Never fails: anything Markdown cannot
/// parse is text.
pub fn render_markdown(markdown: &str) -> RenderedBody {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut body = RenderedBody::default();
    let mut used = HashSet::new();
    let mut depth = 0usize;
    let mut pending: Vec<Event<'_>> = Vec::new();
    let mut kind = BlockKind::Other;
    let mut heading_text = String::new();

    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    kind = match &tag {
                        Tag::Paragraph => BlockKind::Paragraph,
                        Tag::Heading { level, .. } => BlockKind::Heading(heading_level(*level)),
                        Tag::BlockQuote(_) => BlockKind::Quote,
                        Tag::List(_) => BlockKind::List,
                        Tag::CodeBlock(_) => BlockKind::Code,
                        _ => BlockKind::Other,
                    };
                    heading_text.clear();
                }
                depth += 1;
                let tag = match (depth, tag) {
                    (1, Tag::Heading { level, .. }) => Tag::Heading {
                        level: level_tag(heading_level(level)),
                        id: None,
                        classes: vec![],
                        attrs: vec![],
                    },
                    (_, t) => t,
                };
                pending.push(Event::Start(tag));
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                let end = match (depth, end) {
                    (0, TagEnd::Heading(level)) => TagEnd::Heading(level_tag(heading_level(level))),
                    (_, e) => e,
                };
                pending.push(Event::End(end));
                if depth == 0 {
                    finish_block(&mut body, &mut pending, kind, &heading_text, &mut used);
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if matches!(kind, BlockKind::Heading(_)) {
                    heading_text.push_str(t);
                }
                pending.push(event);
            }
            other => {
                pending.push(other);
                if depth == 0 {
                    finish_block(&mut body, &mut pending, BlockKind::Other, "", &mut used);
                }
            }
        }
    }
    body
}

fn finish_block(
    body: &mut RenderedBody,
    pending: &mut Vec<Event<'_>>,
    kind: BlockKind,
    heading_text: &str,
    used: &mut HashSet<String>,
) {
    if let BlockKind::Heading(level) = kind {
        let anchor = unique_anchor(heading_text.trim(), used, body.headings.len());
        if let Some(Event::Start(Tag::Heading { id, .. })) = pending.first_mut() {
            *id = Some(anchor.clone().into());
        }
        body.headings.push(Heading {
            level,
            text: heading_text.trim().to_string(),
            anchor,
        });
    }
    let mut raw = String::new();
    html::push_html(&mut raw, pending.drain(..));
    let clean = SANITIZER.clean(&raw).to_string();
    if !clean.trim().is_empty() {
        body.blocks.push(Block {
            kind,
            html: clean.trim_end().to_string(),
        });
    }
}

impl RenderedBody {
    /// The whole body as HTML.
    pub fn to_html(&self) -> String {
        self.to_html_with_insert(None, "")
    }

    /// The number of paragraph blocks.
    pub fn paragraph_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count()
    }

    /// The index of the block after which an inline insert belongs when asked for
    /// "after paragraph `n`" (1-based): the `n`-th paragraph, or the next paragraph
    /// after it when the block that follows is a sub-heading, a quote or a list
    /// (an insert must not sit directly before a heading or break a quotation
    /// from its context). `None` when the body has no such place, or when the
    /// chosen place would be the very end (the insert would read as a footer).
    pub fn insertion_point(&self, n: usize) -> Option<usize> {
        if n == 0 {
            return None;
        }
        let mut seen = 0;
        for (i, block) in self.blocks.iter().enumerate() {
            if block.kind != BlockKind::Paragraph {
                continue;
            }
            seen += 1;
            if seen < n {
                continue;
            }
            match self.blocks.get(i + 1) {
                Some(next) if next.kind == BlockKind::Paragraph => return Some(i),
                _ => continue,
            }
        }
        None
    }

    /// The body as HTML with `insert_html` placed after block `after` (see
    /// [`RenderedBody::insertion_point`]).
    pub fn to_html_with_insert(&self, after: Option<usize>, insert_html: &str) -> String {
        let mut out = String::with_capacity(self.blocks.iter().map(|b| b.html.len() + 1).sum());
        for (i, block) in self.blocks.iter().enumerate() {
            out.push_str(&block.html);
            out.push('\n');
            if after == Some(i) {
                out.push_str(insert_html);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "الفقرة الأولى.\n\nالفقرة الثانية مع [رابط](https://example.org).\n\n## شراكة استراتيجية\n\nالفقرة الثالثة.\n\n> اقتباس من مسؤول.\n\nالفقرة الرابعة.\n\nالفقرة الخامسة.\n\n## شراكة استراتيجية\n\n- بند\n- بند آخر\n";

    #[test]
    fn blocks_and_kinds() {
        let r = render_markdown(BODY);
        let kinds: Vec<_> = r.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [
                Paragraph,
                Paragraph,
                Heading(2),
                Paragraph,
                Quote,
                Paragraph,
                Paragraph,
                Heading(2),
                List
            ]
        );
        assert_eq!(r.paragraph_count(), 5);
    }

    #[test]
    fn headings_get_unique_arabic_anchors() {
        let r = render_markdown(BODY);
        assert_eq!(r.headings.len(), 2);
        assert_eq!(r.headings[0].anchor, "شراكة-استراتيجية");
        assert_eq!(r.headings[1].anchor, "شراكة-استراتيجية-2");
        assert!(
            r.blocks[2].html.contains("id=\"شراكة-استراتيجية\""),
            "{}",
            r.blocks[2].html
        );
    }

    #[test]
    fn body_h1_is_demoted() {
        let r = render_markdown("# عنوان\n\nنص");
        assert!(r.blocks[0].html.starts_with("<h2"), "{}", r.blocks[0].html);
        assert!(!r.to_html().contains("<h1"));
    }

    #[test]
    fn scripts_and_bad_links_are_removed() {
        let r = render_markdown(
            "نص <script>alert(1)</script> و<img src=x onerror=alert(1)>\n\n[انقر](javascript:alert(1))\n\n<a href=\"https://example.org\" onclick=\"x()\">ر</a>",
        );
        let html = r.to_html();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }

    #[test]
    fn insertion_point_respects_headings_quotes_and_the_end() {
        let r = render_markdown(BODY);
        // Paragraph 1 is followed by paragraph 2: insert after block 0.
        assert_eq!(r.insertion_point(1), Some(0));
        // Paragraph 2 is followed by a heading: move on to paragraph 4 (block 5),
        // since paragraph 3 is followed by a quote.
        assert_eq!(r.insertion_point(2), Some(5));
        assert_eq!(r.insertion_point(5), None);
        let html = r.to_html_with_insert(r.insertion_point(1), "<aside>اقرأ أيضا</aside>");
        let first = html.find("الفقرة الأولى").unwrap();
        let aside = html.find("<aside>").unwrap();
        let second = html.find("الفقرة الثانية").unwrap();
        assert!(first < aside && aside < second);
    }

    #[test]
    fn odd_input_never_panics() {
        for md in [
            "",
            "#",
            "> ",
            "- ",
            "```",
            "\u{064B}".repeat(10_000).as_str(),
            "|a|\n|-|\n|b|",
        ] {
            let _ = render_markdown(md).to_html();
        }
    }
}

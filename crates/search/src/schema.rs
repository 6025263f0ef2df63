//! The index schema and how an [`Article`] becomes a tantivy document.

use crate::dup::Signature;
use khabar_arabic::tantivy_adapter::{EXACT, STEMMED};
use khabar_core::Article;
use pulldown_cmark::{Event, Parser, TagEnd};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or the analysis changes: an index written
/// with another version is rebuilt at start-up.
pub const SCHEMA_VERSION: u32 = 2;

/// The fields of the index, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub slug: Field,
    pub title: Field,
    pub title_exact: Field,
    pub lead: Field,
    pub lead_exact: Field,
    pub body: Field,
    pub body_exact: Field,
    /// Tag, section, author and source names, stemmed.
    pub meta: Field,
    pub tag_ids: Field,
    pub section_id: Field,
    pub author_id: Field,
    pub published_at: Field,
    /// The text's MinHash band keys ([`Signature::bands`]).
    pub dup_bands: Field,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

impl Fields {
    /// The schema and its fields.
    pub fn build() -> (Schema, Fields) {
        let mut s = Schema::builder();
        let fields = Fields {
            id: s.add_u64_field("id", INDEXED | STORED | FAST),
            slug: s.add_text_field("slug", STORED),
            title: s.add_text_field("title", text(STEMMED, true)),
            title_exact: s.add_text_field("title_exact", text(EXACT, false)),
            lead: s.add_text_field("lead", text(STEMMED, true)),
            lead_exact: s.add_text_field("lead_exact", text(EXACT, false)),
            body: s.add_text_field("body", text(STEMMED, true)),
            body_exact: s.add_text_field("body_exact", text(EXACT, false)),
            meta: s.add_text_field("meta", text(STEMMED, false)),
            tag_ids: s.add_u64_field("tag_ids", INDEXED | STORED),
            section_id: s.add_u64_field("section_id", INDEXED | STORED),
            author_id: s.add_u64_field("author_id", INDEXED | STORED),
            published_at: s.add_i64_field("published_at", INDEXED | STORED | FAST),
            dup_bands: s.add_u64_field("dup_bands", INDEXED),
        };
        (s.build(), fields)
    }

    /// The document of a public article.
    pub fn document(&self, article: &Article) -> TantivyDocument {
        let body = plain_text(&article.body);
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.id, id_u64(article.id.0));
        doc.add_text(self.slug, &article.slug);
        doc.add_text(self.title, &article.title);
        doc.add_text(self.title_exact, &article.title);
        doc.add_text(self.lead, &article.lead);
        doc.add_text(self.lead_exact, &article.lead);
        doc.add_text(self.body, &body);
        doc.add_text(self.body_exact, &body);
        for tag in &article.tags {
            doc.add_text(self.meta, &tag.name);
            doc.add_u64(self.tag_ids, id_u64(tag.id.0));
        }
        if let Some(section) = &article.section {
            doc.add_text(self.meta, &section.name);
            doc.add_u64(self.section_id, id_u64(section.id.0));
        }
        if let Some(author) = &article.author {
            doc.add_text(self.meta, &author.name);
            doc.add_u64(self.author_id, id_u64(author.id.0));
        }
        if let Some(source) = &article.source {
            doc.add_text(self.meta, &source.name);
        }
        let published = article.published_at.unwrap_or(article.created_at);
        doc.add_i64(self.published_at, published.as_second());
        // The text of `matching_text`, without parsing the body again.
        let text = format!("{}\n\n{}\n\n{body}", article.title, article.lead);
        for band in Signature::of(&text).bands() {
            doc.add_u64(self.dup_bands, band);
        }
        doc
    }
}

/// Ids are positive in every backend; a negative one (never stored) maps to 0.
pub(crate) fn id_u64(id: i64) -> u64 {
    u64::try_from(id).unwrap_or(0)
}

/// The readable text of a Markdown body: paragraphs separated by blank
/// lines, no markup, link targets and images' URLs left out (their alt text
/// kept). Snippets are cut from this text, so it is what readers recognise.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) if !out.ends_with("\n\n") => out.push_str("\n\n"),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The text relatedness and duplicate detection read: title, lead, body.
pub fn matching_text(article: &Article) -> String {
    matching_text_of(&article.title, &article.lead, &article.body)
}

/// [`matching_text`] of an article not stored yet (an import).
pub fn matching_text_of(title: &str, lead: &str, markdown_body: &str) -> String {
    format!("{title}\n\n{lead}\n\n{}", plain_text(markdown_body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_keeps_words() {
        let md = "## عنوان فرعي\n\nفقرة **مهمة** مع [رابط](https://x.example) و`رمز`.\n\n> اقتباس\n\n- بند";
        assert_eq!(
            plain_text(md),
            "عنوان فرعي\n\nفقرة مهمة مع رابط و رمز.\n\nاقتباس\n\nبند".replace("و رمز", "ورمز")
        );
    }
}

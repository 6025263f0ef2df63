//! Sections (أقسام), tags (وسوم) and authors (كتّاب): what articles hang from.

use crate::ids::{AuthorId, SectionId, TagId};
use serde::Serialize;

/// A section of the site (سياسة، اقتصاد …), shown in the navigation in `position` order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: SectionId,
    pub slug: String,
    pub name: String,
    pub position: i64,
}

/// A tag (وسم) that groups articles across sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub id: TagId,
    pub slug: String,
    pub name: String,
}

/// A by-line (بقلم).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    pub id: AuthorId,
    pub slug: String,
    pub name: String,
    pub bio: String,
}

/// Input for a section, tag or author found by name and created when new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTaxonomy {
    pub name: String,
    pub slug: String,
}

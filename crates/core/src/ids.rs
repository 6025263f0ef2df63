//! Typed ids, so an article id is never passed where a tag id is meant.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// The numeric id every article URL carries, so a slug edit never breaks a link.
    ArticleId
);
id_type!(
    /// A section (قسم) id.
    SectionId
);
id_type!(
    /// A tag (وسم) id.
    TagId
);
id_type!(
    /// An author (كاتب) id.
    AuthorId
);
id_type!(
    /// A newsroom account (حساب) id.
    UserId
);
id_type!(
    /// A reader's comment (تعليق) id.
    CommentId
);

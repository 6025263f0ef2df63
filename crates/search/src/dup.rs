//! Near-duplicate detection: MinHash over word shingles of analysed text.
//!
//! A text becomes the set of its 3-word shingles, each word reduced to its
//! stem, so a rewritten copy that only adds clitics («الصين» → «بالصين»),
//! changes hamza spelling or diacritics still shares most shingles. A
//! [`Signature`] keeps, for each of [`HASHES`] hash functions, the smallest
//! hash of any shingle; the share of equal positions between two signatures
//! estimates the Jaccard similarity of the two shingle sets (standard error
//! about 1/√128 ≈ 0.09).
//!
//! Implemented here rather than with a crate: it is forty lines, and the
//! shingles must come from the Arabic layer's stems anyway.

use std::hash::{Hash, Hasher};

/// Hash functions per signature.
pub const HASHES: usize = 128;
/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Estimated Jaccard similarity from which two texts are near-duplicates.
pub const NEAR_DUPLICATE: f32 = 0.5;

/// The MinHash signature of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(Box<[u64; HASHES]>);

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl Signature {
    /// The signature of `text`. A text of fewer than [`SHINGLE`] words is
    /// one shingle; an empty text has the signature of nothing (similar to
    /// nothing, itself included).
    pub fn of(text: &str) -> Signature {
        let mut stems: Vec<String> = Vec::new();
        khabar_arabic::for_each_token(text, |t| stems.push(t.stem.to_owned()));
        Signature::of_stems(&stems)
    }

    /// The signature of a text already reduced to its stems, in order (the
    /// related-article ranking tokenizes each candidate once for both).
    pub fn of_stems(stems: &[String]) -> Signature {
        let mut mins = Box::new([u64::MAX; HASHES]);
        let windows: Vec<&[String]> = if stems.len() < SHINGLE {
            if stems.is_empty() {
                Vec::new()
            } else {
                vec![stems]
            }
        } else {
            stems.windows(SHINGLE).collect()
        };
        for window in windows {
            let mut hasher = std::hash::DefaultHasher::new();
            window.hash(&mut hasher);
            let base = hasher.finish();
            for (i, slot) in mins.iter_mut().enumerate() {
                let h = splitmix(base ^ splitmix(i as u64));
                if h < *slot {
                    *slot = h;
                }
            }
        }
        Signature(mins)
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets, 0–1.
    pub fn similarity(&self, other: &Signature) -> f32 {
        let equal = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b && **a != u64::MAX)
            .count();
        equal as f32 / HASHES as f32
    }

    /// Returns true if and only if the two texts are near-duplicates.
    pub fn is_near_duplicate(&self, other: &Signature) -> bool {
        self.similarity(other) >= NEAR_DUPLICATE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الإسكندرية \
        بسعة مئتي سرير، ويضم المستشفى أقساما للطوارئ والجراحة والأطفال، وقال الوزير إن \
        المشروع تكلف ثلاثمئة مليون جنيه وإنه سيخدم أكثر من مليون مواطن في المحافظة \
        والمحافظات المجاورة، على أن يبدأ استقبال المرضى مطلع الشهر المقبل.";

    #[test]
    fn rewritten_copies_are_near_duplicates() {
        let original = Signature::of(STORY);
        // Another outlet's copy: different hamza and taa marbuta spelling,
        // diacritics, a clitic added, a sentence dropped at the end.
        let copy = Signature::of(
            "اعلنت وزارة الصحه اليوم عن افتتاح مستشفى جديد في مدينة الاسكندرية \
             بسعة مئتي سرير، ويضم المستشفى أقساماً للطوارئ والجراحة والأطفال، وقال الوزير إنّ \
             المشروع تكلف ثلاثمئة مليون جنيه وإنه سيخدم أكثر من مليون مواطن بالمحافظة \
             والمحافظات المجاورة.",
        );
        let sim = original.similarity(&copy);
        assert!(sim >= NEAR_DUPLICATE, "copy similarity {sim}");
        assert!(original.is_near_duplicate(&copy));
        assert!((original.similarity(&original) - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn different_stories_on_the_same_topic_are_not() {
        let original = Signature::of(STORY);
        let other = Signature::of(
            "افتتح وزير الصحة مستشفى للأطفال في مدينة أسوان بعد أعوام من العمل، وقال \
             مدير المستشفى إن الأقسام الجديدة ستستقبل الحالات الحرجة من القرى المجاورة، \
             فيما أكد المحافظ أن الطريق إلى المستشفى سيعاد رصفه قبل نهاية العام.",
        );
        let sim = original.similarity(&other);
        assert!(sim < 0.2, "unrelated similarity {sim}");
        assert_eq!(Signature::of("").similarity(&Signature::of("")), 0.0);
        assert!(Signature::of("كلمة").is_near_duplicate(&Signature::of("كلمة")));
    }
}

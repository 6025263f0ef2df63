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
/// Signature positions per band of the index's duplicate lookup
/// ([`Signature::bands`]).
pub const BAND_ROWS: usize = 3;
/// Bands per signature (the last two positions are in none).
pub const BANDS: usize = HASHES / BAND_ROWS;

/// The MinHash signature of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(Box<[u64; HASHES]>);

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// One seed per hash function, fixed so that signatures compare across runs.
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0; HASHES];
    let mut i = 0;
    while i < HASHES {
        seeds[i] = splitmix(i as u64);
        i += 1;
    }
    seeds
};

/// The `i`-th hash of an already well-mixed shingle hash: a seed, one
/// multiplication and a shift. Cheap matters — it runs 128 times per
/// shingle, for every candidate of every related-article list.
#[inline]
fn nth_hash(base: u64, seed: u64) -> u64 {
    let z = (base ^ seed).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    z ^ (z >> 32)
}

/// The hash a stem enters a shingle with ([`Signature::of_hashes`]).
pub fn stem_hash(stem: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    stem.hash(&mut hasher);
    hasher.finish()
}

impl Signature {
    /// The signature of `text`. A text of fewer than [`SHINGLE`] words is
    /// one shingle; an empty text has the signature of nothing (similar to
    /// nothing, itself included).
    pub fn of(text: &str) -> Signature {
        let mut hashes: Vec<u64> = Vec::new();
        khabar_arabic::for_each_token(text, |t| hashes.push(stem_hash(t.stem)));
        Signature::of_hashes(&hashes)
    }

    /// The signature of a text already reduced to its stems' hashes
    /// ([`stem_hash`]), in order: the related-article ranking tokenizes each
    /// candidate once for this and for its term vector.
    pub fn of_hashes(hashes: &[u64]) -> Signature {
        let mut mins = Box::new([u64::MAX; HASHES]);
        if hashes.is_empty() {
            return Signature(mins);
        }
        // A shingle's hash mixes its words' hashes in order.
        let shingle = |w: &[u64]| {
            w.iter()
                .fold(0u64, |acc, h| splitmix(acc.rotate_left(23) ^ h))
        };
        let bases: Vec<u64> = if hashes.len() < SHINGLE {
            vec![shingle(hashes)]
        } else {
            hashes.windows(SHINGLE).map(shingle).collect()
        };
        for base in bases {
            for (slot, seed) in mins.iter_mut().zip(SEEDS) {
                *slot = (*slot).min(nth_hash(base, seed));
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

    /// The signature's band keys, indexed with each article so that its
    /// near-duplicates are found among all articles, not only among those a
    /// text query ranks first (locality-sensitive hashing): a band is
    /// [`BAND_ROWS`] consecutive positions, and two texts of similarity `s`
    /// share at least one of the [`BANDS`] keys with probability
    /// 1 − (1 − s³)⁴² — 0.996 at 0.5, 0.68 at 0.3, 0.04 at 0.1. An empty
    /// text has none.
    pub fn bands(&self) -> Vec<u64> {
        self.0
            .chunks_exact(BAND_ROWS)
            .enumerate()
            .filter(|(_, rows)| rows.iter().all(|h| *h != u64::MAX))
            .map(|(band, rows)| {
                rows.iter()
                    .fold(splitmix(band as u64), |acc, h| splitmix(acc ^ h))
            })
            .collect()
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

    /// The estimate follows the true Jaccard similarity of the shingle sets
    /// (within three standard errors, about 0.13 at 128 hashes).
    #[test]
    fn estimates_the_jaccard_similarity_of_the_shingles() {
        let words = |from: usize, to: usize| -> Signature {
            let hashes: Vec<u64> = (from..to).map(|i| stem_hash(&format!("w{i}"))).collect();
            Signature::of_hashes(&hashes)
        };
        let a = words(0, 600);
        for (from, to) in [(300, 900), (150, 750), (60, 660), (0, 600), (600, 1200)] {
            let b = words(from, to);
            let shared = 600usize.saturating_sub(from).saturating_sub(SHINGLE - 1) as f32;
            let each = (600 - (SHINGLE - 1)) as f32;
            let exact = shared / (2.0 * each - shared);
            let estimate = a.similarity(&b);
            assert!(
                (estimate - exact).abs() < 0.13,
                "words {from}..{to}: estimate {estimate}, exact {exact}"
            );
        }
    }

    #[test]
    fn copies_share_band_keys_and_other_stories_do_not() {
        let original = Signature::of(STORY);
        let copy = Signature::of(&STORY.replace("الإسكندرية", "الاسكندرية"));
        let shared = |a: &Signature, b: &Signature| {
            let theirs = b.bands();
            a.bands().iter().filter(|k| theirs.contains(k)).count()
        };
        assert_eq!(original.bands().len(), BANDS);
        assert!(shared(&original, &copy) > 0);
        let other = Signature::of("افتتح وزير النقل طريقا جديدا بين مدينتين في الصعيد اليوم");
        assert_eq!(shared(&original, &other), 0);
        assert!(Signature::of("").bands().is_empty());
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

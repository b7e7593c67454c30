//! Wording groups: documents of one kind that say the same thing in
//! different agencies' policies (the regulator's template, copied), found
//! at build time so that search returns them as one result.
//!
//! Two documents share a group when their title and text (a remedy body's
//! name) are the same once the agency's names, spacing and punctuation are
//! set aside (and, for articles and remedies, numbers: 제3조 and 제4조 of
//! the same wording are the same wording), or nearly the same: their character 5-gram sets
//! have an estimated Jaccard similarity of at least [`NEAR`], estimated
//! with a one-permutation MinHash sketch and found through banded
//! locality-sensitive hashing. Trustee rows and contacts keep their digits
//! (a phone number tells two desks apart) and are grouped only when equal.
//!
//! Written by hand: the sketch is a few dozen lines, and the crates that
//! offer MinHash bring a hashing stack and allocation patterns sized for
//! other problems; this one must be deterministic across machines, which a
//! seeded FNV-1a and splitmix64 make plain.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use bangchim_core::intent::{city_short, region_short};
use bangchim_core::jamo::is_syllable;
use bangchim_core::schema::DocKind;

use crate::index::SearchDoc;

/// Bins of the sketch.
const BINS: usize = 32;
/// Bins per band of the locality-sensitive hashing (8 bands of 4).
const ROWS: usize = 4;
/// Shingle length, in characters.
const SHINGLE: usize = 5;
/// Shortest normalised text compared for near-duplicates: below this, a
/// few different words are a large share and "nearly the same" says little.
const MIN_NEAR: usize = 60;
/// Least share of equal bins for two texts to be nearly the same.
pub const NEAR: f64 = 0.8;

/// Each document's group, and the group's size in documents and agencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    /// The group of each document: the index of its first document.
    pub id: Vec<u64>,
    /// Documents in each document's group.
    pub size: Vec<u64>,
    /// Agencies in each document's group.
    pub agencies: Vec<u64>,
}

/// The wording groups of `docs` (in content order).
pub fn groups(docs: &[SearchDoc]) -> Groups {
    let mut sets = DisjointSets::new(docs.len());
    // Each agency's name forms once; every document's wording on every
    // core (a national index has hundreds of thousands).
    let mut forms: HashMap<&str, Vec<String>> = HashMap::new();
    for d in docs {
        forms
            .entry(d.agency.as_str())
            .or_insert_with(|| name_forms(&d.agency));
    }
    let keys: Vec<String> = docs
        .par_iter()
        .map(|d| normalised_with(d, &forms[d.agency.as_str()]))
        .collect();
    // Exact: the same normalised wording.
    let mut first: HashMap<(DocKind, &str), usize> = HashMap::new();
    let mut distinct: Vec<(usize, &str)> = Vec::new();
    for (i, (d, key)) in docs.iter().zip(&keys).enumerate() {
        match first.get(&(d.kind, key.as_str())) {
            Some(&j) => sets.union(i, j),
            None => {
                first.insert((d.kind, key), i);
                if matches!(d.kind, DocKind::Article | DocKind::Remedy) {
                    distinct.push((i, key));
                }
            }
        }
    }
    near_duplicates(docs, &distinct, &mut sets);
    sizes(docs, &mut sets)
}

/// Joins the distinct wordings that are nearly the same.
fn near_duplicates(docs: &[SearchDoc], distinct: &[(usize, &str)], sets: &mut DisjointSets) {
    // The sketches on every core; the bands in content order.
    let sketches: Vec<(usize, [u64; BINS])> = distinct
        .par_iter()
        .filter_map(|(i, text)| {
            let chars: Vec<char> = text.chars().collect();
            (chars.len() >= MIN_NEAR).then(|| (*i, sketch(&chars)))
        })
        .collect();
    let mut bands: HashMap<(DocKind, usize, u64), (usize, [u64; BINS])> = HashMap::new();
    for (i, sketch) in &sketches {
        for band in 0..BINS / ROWS {
            let key = (
                docs[*i].kind,
                band,
                fnv(sketch[band * ROWS..(band + 1) * ROWS]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())),
            );
            match bands.get(&key) {
                Some((j, other)) => {
                    if similarity(sketch, other) >= NEAR {
                        sets.union(*i, *j);
                    }
                }
                None => {
                    bands.insert(key, (*i, *sketch));
                }
            }
        }
    }
}

/// Group ids (the smallest member index, so that ids follow content order
/// whatever order unions came in) and sizes.
fn sizes(docs: &[SearchDoc], sets: &mut DisjointSets) -> Groups {
    let n = docs.len();
    let roots: Vec<usize> = (0..n).map(|i| sets.find(i)).collect();
    let mut least: HashMap<usize, usize> = HashMap::new();
    let mut count: HashMap<usize, u64> = HashMap::new();
    // A set per group: a template article is one group of ten thousand
    // agencies, where a list's `contains` is quadratic (0.57 s for the
    // lists alone at 10,000 policies; all of this, with sets, 0.37 s).
    let mut agencies: HashMap<usize, HashSet<&str>> = HashMap::new();
    for (i, &r) in roots.iter().enumerate() {
        least.entry(r).or_insert(i);
        *count.entry(r).or_default() += 1;
        agencies.entry(r).or_default().insert(&docs[i].agency);
    }
    Groups {
        id: roots.iter().map(|r| least[r] as u64).collect(),
        size: roots.iter().map(|r| count[r]).collect(),
        agencies: roots.iter().map(|r| agencies[r].len() as u64).collect(),
    }
}

/// Title and text with the agency's names, spacing and punctuation (and,
/// for articles and remedies, digits) set aside. A remedy body is known by
/// its name alone: every policy lists the same national bodies, each
/// writing their phone numbers and duties its own way.
pub fn normalised(d: &SearchDoc) -> String {
    normalised_with(d, &name_forms(&d.agency))
}

/// [`normalised`], given the agency's [`name_forms`].
fn normalised_with(d: &SearchDoc, forms: &[String]) -> String {
    let mut text = match d.kind {
        DocKind::Remedy => d.title.clone(),
        _ => format!("{}\n{}", d.title, d.text),
    };
    for name in forms {
        if text.contains(name.as_str()) {
            text = text.replace(name.as_str(), "");
        }
    }
    let keep_digits = matches!(d.kind, DocKind::Trustee | DocKind::Contact);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Hangul syllables first: most of the text, and no case.
        if is_syllable(c) {
            out.push(c);
        } else if c.is_alphabetic() {
            out.extend(c.to_lowercase());
        } else if keep_digits && c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

/// The ways a policy writes its agency's name, longest first: the full
/// name with and without spaces, each part, a part without 시/군/구, the
/// region's short names (서울특별시 중구: 서울시, 서울, 중구, 서울특별시 …).
fn name_forms(full: &str) -> Vec<String> {
    let parts: Vec<&str> = full.split_whitespace().collect();
    let mut out = vec![full.to_string(), parts.concat()];
    for p in &parts {
        out.push(p.to_string());
        out.push(region_short(p).to_string());
        out.extend(city_short(p));
        for suffix in ["시", "군", "구"] {
            if let Some(s) = p.strip_suffix(suffix)
                && s.chars().count() >= 2
            {
                out.push(s.to_string());
            }
        }
    }
    out.retain(|n| n.chars().count() >= 2);
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

/// One-permutation MinHash: each shingle's hash goes to one bin, which
/// keeps the least; an empty bin borrows the next filled bin's value
/// (rotation densification), so short texts still compare bin by bin.
fn sketch(chars: &[char]) -> [u64; BINS] {
    let mut bins = [u64::MAX; BINS];
    for w in chars.windows(SHINGLE) {
        let h = mix(fnv(w.iter().flat_map(|c| (*c as u32).to_le_bytes())));
        let bin = (h % BINS as u64) as usize;
        let value = h / BINS as u64;
        bins[bin] = bins[bin].min(value);
    }
    let filled: Vec<usize> = (0..BINS).filter(|&b| bins[b] != u64::MAX).collect();
    if filled.is_empty() {
        return bins;
    }
    let mut out = bins;
    for b in 0..BINS {
        if bins[b] == u64::MAX {
            let next = filled.iter().find(|&&f| f > b).unwrap_or(&filled[0]);
            out[b] = mix(bins[*next] ^ (b as u64 + 1));
        }
    }
    out
}

/// The share of equal bins: an estimate of the Jaccard similarity.
fn similarity(a: &[u64; BINS], b: &[u64; BINS]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / BINS as f64
}

/// FNV-1a over bytes.
fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64's finaliser: spreads FNV's weak low bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Union-find with path halving.
struct DisjointSets(Vec<usize>);

impl DisjointSets {
    fn new(n: usize) -> DisjointSets {
        DisjointSets((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: DocKind, agency: &str, title: &str, text: &str) -> SearchDoc {
        SearchDoc {
            kind,
            agency: agency.into(),
            policy: String::new(),
            region: String::new(),
            category: String::new(),
            title: title.into(),
            text: text.into(),
            url: String::new(),
        }
    }

    const COOKIE: &str = "은(는) 이용자에게 개별적인 맞춤서비스를 제공하기 위해 이용정보를 저장하고 수시로 불러오는 쿠키(cookie)를 사용합니다. 쿠키는 웹사이트를 운영하는데 이용되는 서버가 이용자의 컴퓨터 브라우저에게 보내는 소량의 정보이며 이용자의 하드디스크에 저장되기도 합니다.";

    #[test]
    fn the_same_wording_under_other_names_and_numbers_is_one_group() {
        let docs = [
            doc(
                DocKind::Article,
                "경기도 남양주시",
                "제7조(쿠키)",
                &format!("남양주시{COOKIE}"),
            ),
            doc(
                DocKind::Article,
                "서울특별시 중구",
                "제9조 (쿠키)",
                &format!("서울특별시 중구{COOKIE}"),
            ),
            doc(
                DocKind::Article,
                "서울특별시",
                "제1조(목적)",
                "이 방침은 목적을 정합니다.",
            ),
        ];
        let g = groups(&docs);
        assert_eq!(g.id, [0, 0, 2]);
        assert_eq!(g.size, [2, 2, 1]);
        assert_eq!(g.agencies, [2, 2, 1]);
    }

    #[test]
    fn nearly_the_same_wording_joins_and_a_different_one_does_not() {
        let near = COOKIE.replace("소량의 정보", "아주 작은 정보");
        let other = "정보주체는 개인정보 열람, 정정·삭제, 처리정지 요구 등의 권리를 언제든지 행사할 수 있으며 대리인을 통하여서도 할 수 있습니다.";
        let docs = [
            doc(DocKind::Article, "가군", "쿠키", COOKIE),
            doc(DocKind::Article, "나군", "쿠키", &near),
            doc(DocKind::Article, "다군", "권리", other),
        ];
        let g = groups(&docs);
        assert_eq!(g.id[1], 0, "a two-word change is the same wording");
        assert_eq!(g.id[2], 2);
    }

    #[test]
    fn desks_with_other_phone_numbers_stay_apart_and_kinds_never_mix() {
        let docs = [
            doc(
                DocKind::Contact,
                "가군",
                "보호책임자",
                "총무과 전화번호 02-120",
            ),
            doc(
                DocKind::Contact,
                "나군",
                "보호책임자",
                "총무과 전화번호 02-121",
            ),
            doc(
                DocKind::Remedy,
                "가군",
                "분쟁조정위원회",
                "전화번호 1833-6972",
            ),
            doc(
                DocKind::Remedy,
                "나군",
                "분쟁조정위원회",
                "전화번호 1833-6972",
            ),
            doc(
                DocKind::Article,
                "다군",
                "분쟁조정위원회",
                "전화번호 1833-6972",
            ),
        ];
        let g = groups(&docs);
        assert_eq!(g.id, [0, 1, 2, 2, 4]);
    }

    #[test]
    fn agency_names_are_set_aside_in_every_form() {
        let forms = name_forms("서울특별시 중구");
        for f in [
            "서울특별시 중구",
            "서울특별시중구",
            "서울특별시",
            "서울시",
            "서울",
            "중구",
        ] {
            assert!(forms.contains(&f.to_string()), "{f}");
        }
        assert_eq!(
            normalised(&doc(
                DocKind::Article,
                "경기도 남양주시",
                "",
                "남양주시는 3월"
            )),
            "는월"
        );
    }
}

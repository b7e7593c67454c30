//! What a query asks for beyond its words: an agency it names (남양주시,
//! 서울 중구) and a kind of answer it wants (업체 → trustees, 연락처 →
//! contacts, 신고 → remedies).
//!
//! Agencies are recognised from the index's own agency column (full names
//! such as `경기도 남양주시`), so a site knows the names of the agencies it
//! publishes without a list sent to the browser. A name is known by its
//! whole (`경기도 남양주시`, `경기도남양주시`), by its last part (`남양주시`,
//! and `남양주` without 시/군/구), and by its last part after its region's
//! short name (`서울 중구`, `부산 중구`). A last part shared by several
//! agencies (`중구`) names all of them; a region first narrows it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::lexicon::COMMON_SUFFIXES;
use crate::schema::DocKind;

/// Words that ask for a kind of answer, as typed or with a particle.
const KIND_WORDS: &[(DocKind, &[&str])] = &[
    (
        DocKind::Trustee,
        &[
            "업체",
            "수탁",
            "수탁자",
            "수탁업체",
            "수탁사",
            "수탁기관",
            "위탁업체",
            "위탁사",
            "용역업체",
            "수탁회사",
        ],
    ),
    (
        DocKind::Contact,
        &[
            "연락처",
            "전화",
            "전화번호",
            "폰번호",
            "전번",
            "담당자",
            "책임자",
            "보호책임자",
            "보호담당자",
            "담당부서",
            "문의처",
            "이메일",
            "팩스",
        ],
    ),
    (
        DocKind::Remedy,
        &[
            "신고",
            "구제",
            "분쟁",
            "분쟁조정",
            "신고센터",
            "구제기관",
            "침해신고",
            "권익침해",
        ],
    ),
];

/// One thing the searcher understood in a query, shown as a removable chip.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Understood {
    /// The query word(s) it was read from, as typed.
    pub word: String,
    /// `agency` or `kind`.
    pub intent: String,
    /// Agency full names, or the kind's value (`trustee`).
    pub values: Vec<String>,
    /// What the chip says (`남양주시`, `연락처`).
    pub label: String,
}

/// A query's intents, and which of its words (by index) they consumed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intent {
    /// Agencies the query names (full names).
    pub agencies: Vec<String>,
    /// The kind it asks for.
    pub kind: Option<DocKind>,
    /// The chips.
    pub understood: Vec<Understood>,
    /// Indexes of the words read as agency names.
    pub agency_words: Vec<usize>,
    /// Indexes of the words read as kinds.
    pub kind_words: Vec<usize>,
}

/// A region's short name: 서울특별시 → 서울, 경기도 → 경기, 제주특별자치도 → 제주.
pub fn region_short(region: &str) -> &str {
    for suffix in ["특별자치시", "특별자치도", "특별시", "광역시", "도"] {
        if let Some(s) = region.strip_suffix(suffix)
            && s.chars().count() >= 2
        {
            return s;
        }
    }
    region
}

/// A metropolitan city's everyday name: 서울특별시 → 서울시, 부산광역시 →
/// 부산시.
pub fn city_short(part: &str) -> Option<String> {
    ["특별자치시", "특별시", "광역시"]
        .iter()
        .find_map(|suffix| part.strip_suffix(suffix))
        .filter(|s| s.chars().count() >= 2)
        .map(|s| format!("{s}시"))
}

/// The names a query may call an agency by (normalised: no spaces).
fn aliases(full: &str) -> Vec<String> {
    let parts: Vec<&str> = full.split_whitespace().collect();
    let mut out = vec![parts.concat()];
    if let Some((&last, before)) = parts.split_last() {
        out.push(last.to_string());
        out.extend(bare(last));
        match before.first() {
            Some(&first) => out.push(format!("{}{last}", region_short(first))),
            None => {
                out.push(region_short(last).to_string());
                out.extend(city_short(last));
                // 강원특별자치도 is 강원도 to its people.
                if last.ends_with('도') && region_short(last) != last {
                    out.push(format!("{}도", region_short(last)));
                }
            }
        }
    }
    // A body's name has shorter forms its people use (단국대, 정보화진흥원).
    let mut bases = vec![parts.concat()];
    if let [first, _, ..] = parts.as_slice()
        && !is_local_government(first)
    {
        // 한양대학교 of 한양대학교 학생생활관: the body it belongs to.
        bases.push(first.to_string());
    }
    for base in bases {
        out.extend(short_forms(&base));
    }
    // A local government is also called by its office: 중구청, 남양주시청,
    // 서울시청, 경기도청.
    let offices: Vec<String> = out
        .iter()
        .filter(|a| is_local_government(a))
        .map(|a| format!("{a}청"))
        .collect();
    out.extend(offices);
    out.sort();
    out.dedup();
    out
}

/// A local government's name without its 시, 군 or 구, if two syllables or
/// more remain (남양주시 → 남양주; 중구 has none).
fn bare(last: &str) -> Option<String> {
    ["시", "군", "구"]
        .iter()
        .find_map(|suffix| last.strip_suffix(suffix))
        .filter(|s| s.chars().count() >= 2)
        .map(String::from)
}

/// Whether a name part is a local government's (서울특별시, 중구, 경기도):
/// its name alone names the government, not the bodies under it.
fn is_local_government(part: &str) -> bool {
    part.ends_with(['시', '군', '구', '도'])
}

/// What a body's name starts with that its people leave out: its legal
/// form, and 한국 or 국립 before a name that stays distinct without it.
const DROPPED_PREFIXES: &[&str] = &[
    "(사)",
    "(재)",
    "(주)",
    "사단법인",
    "재단법인",
    "학교법인",
    "한국",
    "국립",
];

/// How schools are called short: 단국대학교 → 단국대, 소프트웨어고등학교 →
/// 소프트웨어고.
const SHORT_SCHOOLS: &[(&str, &str)] = &[
    ("대학교", "대"),
    ("여자고등학교", "여고"),
    ("고등학교", "고"),
    ("여자중학교", "여중"),
    ("중학교", "중"),
    ("초등학교", "초"),
];

/// The shorter names a body's name (without spaces) is called by, each of
/// three syllables or more: without its legal form or 한국/국립 (여성인권진흥원,
/// 세종도서관), without the city that runs it (부산광역시립부전도서관 →
/// 부전도서관) or the school it is attached to (단국대학교부속소프트웨어고등학교
/// → 소프트웨어고등학교), and with a school's short form (단국대, 한양대병원,
/// 소프트웨어고).
fn short_forms(name: &str) -> Vec<String> {
    let long_enough = |s: &str, n: usize| s.chars().count() >= n;
    let mut forms = vec![name.to_string()];
    let mut rest = name;
    for prefix in DROPPED_PREFIXES {
        if let Some(r) = rest.strip_prefix(prefix)
            && long_enough(r, 4)
        {
            forms.push(r.to_string());
            rest = r;
        }
    }
    // 시립, 도립, 구립, 군립: the body of a local government.
    if let Some((at, _)) = rest
        .match_indices('립')
        .find(|(at, _)| is_local_government(&rest[..*at]) && long_enough(&rest[..*at], 2))
        && long_enough(&rest[at + '립'.len_utf8()..], 4)
    {
        forms.push(rest[at + '립'.len_utf8()..].to_string());
    }
    for joint in ["부속", "부설", "병설"] {
        if let Some((_, attached)) = rest.split_once(joint)
            && long_enough(attached, 4)
        {
            forms.push(attached.to_string());
        }
    }
    let shortened: Vec<String> = forms
        .iter()
        .filter_map(|f| {
            SHORT_SCHOOLS
                .iter()
                .find(|(long, _)| f.contains(long))
                .map(|(long, short)| f.replacen(long, short, 1))
        })
        .collect();
    forms.extend(shortened);
    forms.retain(|f| long_enough(f, 3));
    forms
}

/// Agency names and kind words a query can name, built from the agencies
/// an index holds.
#[derive(Debug, Clone, Default)]
pub struct Names {
    by_alias: BTreeMap<String, Vec<String>>,
    /// The names that are a local government's without its suffix
    /// (남양주, 부서): a query word of the text as often as a name.
    bare: BTreeSet<String>,
}

impl Names {
    /// The names of these agencies (full names).
    pub fn new<'a>(agencies: impl IntoIterator<Item = &'a str>) -> Names {
        let mut by_alias: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut bare_names = BTreeSet::new();
        for full in agencies {
            if full.trim().is_empty() {
                continue;
            }
            for alias in aliases(full) {
                by_alias.entry(alias).or_default().push(full.to_string());
            }
            bare_names.extend(full.split_whitespace().last().and_then(bare));
        }
        Names {
            by_alias,
            bare: bare_names,
        }
    }

    /// The agencies `word` names (also before a particle), unless it is a
    /// bare name (see [`Names::bare`]) that `common` says the documents'
    /// text uses as a word beyond those agencies' documents: 부서
    /// ("department", in every policy) does not name 부서시.
    fn agencies(
        &self,
        word: &str,
        common: &dyn Fn(&str, &[String]) -> bool,
    ) -> Option<&Vec<String>> {
        let word: String = word.split_whitespace().collect();
        let name = |w: &str| {
            let full = self.by_alias.get(w)?;
            (!(self.bare.contains(w) && common(w, full))).then_some(full)
        };
        name(&word).or_else(|| without_particle(&word).and_then(name))
    }

    /// An agency's name and a kind word typed as one word
    /// (`단국대학교위탁업체`): where the name ends, its agencies and the kind.
    fn name_and_kind(
        &self,
        word: &str,
        common: &dyn Fn(&str, &[String]) -> bool,
    ) -> Option<(usize, &Vec<String>, DocKind)> {
        let cuts: Vec<usize> = word.char_indices().skip(2).map(|(at, _)| at).collect();
        cuts.into_iter().rev().find_map(|at| {
            let kind = kind_of(&word[at..])?;
            Some((at, self.agencies(&word[..at], common)?, kind))
        })
    }

    /// Reads the intents of a query's words (plain words, not phrases).
    /// `literal` lists words the person asked to take literally (a removed
    /// chip). The last agency or kind named wins. Intent words still match
    /// text; they only do not count among the words a document should hold
    /// all of.
    pub fn read(&self, words: &[&str], literal: &[String]) -> Intent {
        self.read_with(words, literal, &|_, _| false)
    }

    /// [`Names::read`], with `common` saying which words the documents'
    /// text uses so often beside the agencies they would name (given) that,
    /// bare, they name none.
    pub fn read_with(
        &self,
        words: &[&str],
        literal: &[String],
        common: &dyn Fn(&str, &[String]) -> bool,
    ) -> Intent {
        let mut intent = Intent::default();
        let mut i = 0;
        while i < words.len() {
            let is_literal = |w: &str| literal.iter().any(|l| l == w);
            // Two words first: 서울 중구.
            if let Some(pair) = words.get(i..i + 2).map(|p| p.join(" "))
                && !is_literal(&pair)
                && let Some(full) = self.agencies(&pair, common)
            {
                intent.add_agency(&pair, full, &[i, i + 1]);
                i += 2;
                continue;
            }
            let w = words[i];
            if !is_literal(w) {
                if let Some(full) = self.agencies(w, common) {
                    intent.add_agency(w, full, &[i]);
                } else if let Some(kind) = kind_of(w) {
                    intent.add_kind(w, kind, i);
                } else if let Some((at, full, kind)) = self.name_and_kind(w, common) {
                    // Typed as one word: 단국대학교위탁업체.
                    let (name, kind_word) = w.split_at(at);
                    if !is_literal(name) {
                        intent.add_agency(name, full, &[i]);
                    }
                    if !is_literal(kind_word) {
                        intent.add_kind(kind_word, kind, i);
                    }
                }
            }
            i += 1;
        }
        intent
    }
}

impl Intent {
    fn add_kind(&mut self, word: &str, kind: DocKind, at: usize) {
        self.kind = Some(kind);
        self.kind_words.push(at);
        self.understood.push(Understood {
            word: word.to_string(),
            intent: "kind".into(),
            values: vec![kind.as_str().into()],
            label: kind.label().into(),
        });
    }

    fn add_agency(&mut self, word: &str, full: &[String], at: &[usize]) {
        self.agencies = full.to_vec();
        self.agency_words.extend_from_slice(at);
        self.understood.push(Understood {
            word: word.to_string(),
            intent: "agency".into(),
            values: full.to_vec(),
            label: if full.len() == 1 {
                full[0].clone()
            } else {
                word.to_string()
            },
        });
    }
}

/// A query word less the longest particle or ending it carries
/// (`남양주시의`, `업체는`), if two syllables or more remain: the suffixes
/// the browser's lexicon strips.
fn without_particle(word: &str) -> Option<&str> {
    COMMON_SUFFIXES
        .iter()
        .filter_map(|p| word.strip_suffix(p))
        .filter(|w| w.chars().count() >= 2)
        .min_by_key(|w| w.len())
}

/// The kind a word asks for, if any.
pub fn kind_of(word: &str) -> Option<DocKind> {
    let find = |w: &str| {
        KIND_WORDS
            .iter()
            .find(|(_, words)| words.contains(&w))
            .map(|(k, _)| *k)
    };
    find(word).or_else(|| without_particle(word).and_then(find))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::new([
            "경기도 남양주시",
            "서울특별시 중구",
            "부산광역시 중구",
            "서울특별시",
            "광주광역시 서구",
        ])
    }

    #[test]
    fn an_agency_by_its_last_part_with_or_without_its_suffix() {
        let i = names().read(&["남양주시", "보호책임자", "연락처"], &[]);
        assert_eq!(i.agencies, ["경기도 남양주시"]);
        assert_eq!(i.agency_words, [0]);
        assert_eq!(i.kind, Some(DocKind::Contact));
        assert_eq!(i.kind_words, [1, 2]);
        assert_eq!(i.understood[0].label, "경기도 남양주시");
        assert_eq!(
            names().read(&["남양주의"], &[]).agencies,
            ["경기도 남양주시"]
        );
    }

    #[test]
    fn a_region_narrows_a_shared_name() {
        let n = names();
        let both = n.read(&["중구", "쿠키"], &[]);
        assert_eq!(both.agencies, ["서울특별시 중구", "부산광역시 중구"]);
        assert_eq!(both.understood[0].label, "중구");
        assert_eq!(n.read(&["부산", "중구"], &[]).agencies, ["부산광역시 중구"]);
        assert_eq!(
            n.read(&["서울특별시", "중구"], &[]).agencies,
            ["서울특별시 중구"]
        );
        assert_eq!(n.read(&["서울"], &[]).agencies, ["서울특별시"]);
        assert_eq!(n.read(&["서울시"], &[]).agencies, ["서울특별시"]);
    }

    #[test]
    fn an_agency_by_its_office() {
        let n = names();
        assert_eq!(
            n.read(&["중구청"], &[]).agencies,
            ["서울특별시 중구", "부산광역시 중구"]
        );
        assert_eq!(
            n.read(&["서울", "중구청"], &[]).agencies,
            ["서울특별시 중구"]
        );
        assert_eq!(n.read(&["남양주시청에"], &[]).agencies, ["경기도 남양주시"]);
        assert_eq!(n.read(&["서울시청"], &[]).agencies, ["서울특별시"]);
        let provinces = Names::new(["강원특별자치도", "경기도"]);
        assert_eq!(
            provinces.read(&["강원도청"], &[]).agencies,
            ["강원특별자치도"]
        );
        assert_eq!(provinces.read(&["경기도청"], &[]).agencies, ["경기도"]);
        // Not every word ending in 청 is an office.
        assert!(n.read(&["열람청구"], &[]).agencies.is_empty());
    }

    #[test]
    fn a_body_by_the_short_name_its_people_use() {
        let n = Names::new([
            "단국대학교",
            "단국대학교부속소프트웨어고등학교",
            "한국여성인권진흥원",
            "부산광역시립부전도서관",
            "한양대학교 학생생활관",
            "(사)부산항시설관리센터",
            "국립세종도서관",
            "서울특별시 중구",
        ]);
        let named = |w: &str| n.read(&[w], &[]).agencies;
        assert_eq!(named("단국대"), ["단국대학교"]);
        assert_eq!(named("단국대의"), ["단국대학교"]);
        assert_eq!(named("소프트웨어고"), ["단국대학교부속소프트웨어고등학교"]);
        assert_eq!(
            named("소프트웨어고등학교"),
            ["단국대학교부속소프트웨어고등학교"]
        );
        assert_eq!(named("여성인권진흥원"), ["한국여성인권진흥원"]);
        assert_eq!(named("부전도서관"), ["부산광역시립부전도서관"]);
        assert_eq!(named("한양대"), ["한양대학교 학생생활관"]);
        assert_eq!(named("한양대학교"), ["한양대학교 학생생활관"]);
        assert_eq!(named("부산항시설관리센터"), ["(사)부산항시설관리센터"]);
        assert_eq!(named("세종도서관"), ["국립세종도서관"]);
        // A city names itself, not the bodies under it; a name cut too
        // short names nothing.
        assert!(named("서울특별시").is_empty());
        assert!(named("도서관").is_empty());
        assert!(named("단국").is_empty());
    }

    #[test]
    fn a_bare_name_the_text_uses_as_a_word_names_no_agency() {
        let n = Names::new(["대전광역시 부서시", "경기도 남양주시"]);
        let common = |w: &str, _: &[String]| w == "부서";
        let agencies = |words: &[&str]| n.read_with(words, &[], &common).agencies;
        assert!(agencies(&["부서", "연락처"]).is_empty());
        assert!(agencies(&["부서에"]).is_empty());
        assert_eq!(agencies(&["부서시"]), ["대전광역시 부서시"]);
        assert_eq!(agencies(&["대전", "부서시"]), ["대전광역시 부서시"]);
        assert_eq!(agencies(&["남양주"]), ["경기도 남양주시"]);
        // Without word counts, a bare name names its agency.
        assert_eq!(n.read(&["부서"], &[]).agencies, ["대전광역시 부서시"]);
    }

    #[test]
    fn a_name_and_a_kind_typed_as_one_word() {
        let n = Names::new(["단국대학교", "경기도 남양주시"]);
        let i = n.read(&["단국대학교위탁업체"], &[]);
        assert_eq!(i.agencies, ["단국대학교"]);
        assert_eq!(i.kind, Some(DocKind::Trustee));
        let chips: Vec<&str> = i.understood.iter().map(|u| u.word.as_str()).collect();
        assert_eq!(chips, ["단국대학교", "위탁업체"]);
        let i = n.read(&["남양주시연락처는"], &["남양주시".into()]);
        assert!(i.agencies.is_empty(), "a removed chip stays removed");
        assert_eq!(i.kind, Some(DocKind::Contact));
        assert_eq!(n.read(&["단국대학교쿠키"], &[]), Intent::default());
    }

    #[test]
    fn a_removed_chip_is_taken_literally() {
        let i = names().read(&["남양주시", "업체"], &["남양주시".into(), "업체".into()]);
        assert_eq!(i, Intent::default());
    }

    #[test]
    fn kind_words() {
        assert_eq!(kind_of("업체"), Some(DocKind::Trustee));
        assert_eq!(kind_of("위탁업체를"), Some(DocKind::Trustee));
        assert_eq!(kind_of("전화번호"), Some(DocKind::Contact));
        assert_eq!(kind_of("폰번호는"), Some(DocKind::Contact));
        assert_eq!(kind_of("분쟁"), Some(DocKind::Remedy));
        assert_eq!(kind_of("쿠키"), None);
        assert_eq!(region_short("제주특별자치도"), "제주");
        assert_eq!(region_short("경기도"), "경기");
    }
}

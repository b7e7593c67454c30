//! The effective date and the earlier versions a policy lists.
//!
//! Where a policy says when it applies: a sentence in its last article
//! (`이 방침은 2024년 4월 15일부터 시행합니다`, `2024. 10. 22.부터 적용`),
//! `시행일자 :` / `변경일자 :` lines, a revision list under the title
//! (`2018.06.19. 개정` … `2013.07.19. 제정`), a 부칙 line, a sentence
//! anywhere else, or — for a CCTV policy — the date it was 제정. Lines
//! with other dates in the last article (links to earlier texts, ranges
//! `2017. 6. 20 ~ 2019. 1. 28 적용`) are the earlier versions.

use super::extract::blocks_in;
use super::text::{parse_dates, parse_year_month, squash};
use crate::model::{Block, BlockKind, Category, Date, Policy, Version};

/// Whether a line states when the current text applies.
fn states_effective(line: &str) -> bool {
    let key = squash(line);
    let applies = key.contains("적용") || key.contains("시행") || key.contains("효력");
    (key.contains("부터") && applies && !key.contains("까지"))
        || key.starts_with("시행일:")
        || key.starts_with("적용일:")
        || (key.starts_with("부칙") && applies)
}

/// A revision-list entry: `2018.06.19. 개정`, `2013.07.19. 제정`.
fn revision_entry(line: &str) -> Option<Date> {
    let dates = parse_dates(line);
    let [d] = dates.as_slice() else { return None };
    let key = squash(line);
    let words = ["개정", "제정", "시행", "변경"];
    (key.chars().count() <= 24 && words.iter().any(|w| key.ends_with(w) || key.starts_with(w)))
        .then_some(*d)
}

/// The versions a line lists: ranges `A ~ B`, `~ B` (until), `B까지`, or a
/// single date (from).
fn versions_of(line: &str) -> Vec<Version> {
    let found = parse_dates(line);
    let key = squash(line);
    let label = line.to_string();
    if found.is_empty() || key.contains("이후") {
        return Vec::new();
    }
    if key.starts_with('~') || (found.len() == 1 && key.contains("까지")) {
        return vec![Version {
            label,
            from: None,
            until: Some(found[0]),
        }];
    }
    if key.contains('~') && found.len() >= 2 {
        return found
            .chunks(2)
            .map(|p| Version {
                label: label.clone(),
                from: Some(p[0]),
                until: p.get(1).copied(),
            })
            .collect();
    }
    let (from, until) = match found.as_slice() {
        [a, b, ..] => (Some(*a), Some(*b)),
        [a] => (Some(*a), None),
        [] => (None, None),
    };
    vec![Version { label, from, until }]
}

fn text_lines<'a>(blocks: impl Iterator<Item = &'a Block>) -> Vec<String> {
    blocks
        .filter(|b| b.kind != BlockKind::Table)
        .map(|b| b.text.clone())
        .collect()
}

/// Reads the last article: its effective sentence (or `변경일자`, else
/// `시행일자`) and the earlier versions its other dated lines list.
fn from_changes(changes: &[String]) -> (Option<Date>, Vec<Version>) {
    let mut effective = None;
    let (mut changed, mut enforced) = (None, None);
    let mut versions = Vec::new();
    for line in changes {
        let Some(&first) = parse_dates(line).first() else {
            continue;
        };
        if effective.is_none() && states_effective(line) {
            effective = Some(first);
            continue;
        }
        let key = squash(line);
        if key.starts_with("변경일자") {
            changed = Some(first);
        } else if key.starts_with("시행일자") {
            enforced = Some(first);
        }
        versions.extend(versions_of(line));
    }
    // `변경일자` is the date the current text took effect.
    if effective.is_none()
        && let Some(e) = changed.or(enforced)
    {
        effective = Some(e);
        if changed.is_some() {
            versions.retain(|v| v.from != Some(e) || !squash(&v.label).starts_with("변경일자"));
        }
    }
    (effective, versions)
}

/// Where else a policy says when it applies, in order: an effective
/// sentence anywhere, the latest 부칙 (`부칙 (2021. 3. 2.)` over `이 방침은
/// 공포한 날부터 시행한다`), the latest revision-list entry, the date it was
/// 제정, the date it was announced (공고), a month without its day.
fn elsewhere(everything: &[String], revisions: &[(String, Date)]) -> Option<Date> {
    let effective_lines = || everything.iter().filter(|l| states_effective(l));
    effective_lines()
        .find_map(|l| parse_dates(l).first().copied())
        .or_else(|| {
            let addenda = everything.iter().filter(|l| squash(l).starts_with("부칙"));
            addenda
                .filter_map(|l| parse_dates(l).first().copied())
                .max()
        })
        .or_else(|| revisions.iter().map(|r| r.1).max())
        .or_else(|| enactment(everything))
        // `공고일자 : 2024. 3. 1.` alone: the day it was announced.
        .or_else(|| {
            let notices = everything.iter().filter(|l| squash(l).starts_with("공고"));
            notices
                .filter_map(|l| parse_dates(l).first().copied())
                .max()
        })
        .or_else(|| effective_lines().find_map(|l| parse_year_month(l)))
}

/// Fills `effective` and `versions`.
pub fn fill(policy: &mut Policy) {
    let changes = text_lines(blocks_in(policy, &[Category::Changes]));
    let all_blocks = policy
        .preamble
        .iter()
        .chain(policy.articles.iter().flat_map(|a| a.blocks.iter()));
    let everything: Vec<String> = text_lines(all_blocks);
    let (mut effective, mut versions) = from_changes(&changes);
    // A revision list under the title, in the preamble or anywhere.
    let revisions: Vec<(String, Date)> = everything
        .iter()
        .filter_map(|l| Some((l.clone(), revision_entry(l)?)))
        .collect();
    if effective.is_none() {
        effective = elsewhere(&everything, &revisions);
    }
    for (label, d) in revisions {
        if !versions.iter().any(|v| v.label == label) {
            versions.push(Version {
                label,
                from: Some(d),
                until: None,
            });
        }
    }
    // The current version is not an earlier one, nor is a later text
    // linked, nor the announcement (공고) of the current one a month before.
    if let Some(e) = effective {
        let announced = |v: &Version| {
            squash(&v.label).starts_with("공고")
                && v.from
                    .is_some_and(|f| days(f) <= days(e) && days(e) - days(f) <= 31)
        };
        versions
            .retain(|v| !(announced(v) || (v.until.is_none() && v.from.is_some_and(|f| f >= e))));
    }
    policy.effective = effective;
    policy.versions = versions;
}

/// Days since an arbitrary origin, for spans of a few weeks.
fn days(d: Date) -> i64 {
    i64::from(d.year) * 372 + i64::from(d.month) * 31 + i64::from(d.day)
}

/// `…2016년 10월 30일에 제정되었으며`: the date a policy was enacted.
fn enactment(lines: &[String]) -> Option<Date> {
    lines
        .iter()
        .filter(|l| squash(l).contains("제정"))
        .find_map(|l| parse_dates(l).first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, import_text};

    fn dates(src: &str) -> (Option<String>, Vec<Version>) {
        let p = import_text(src, &ImportOptions::default())
            .agency
            .policies
            .remove(0);
        (p.effective.map(|d| d.to_string()), p.versions)
    }

    #[test]
    fn effective_sentences_in_every_spelling() {
        for (line, want) in [
            ("이 방침은 2024년 4월 15일부터 시행합니다.", "2024-04-15"),
            (
                "① 이 개인정보 처리방침은 2024. 10. 22.부터 적용됩니다.",
                "2024-10-22",
            ),
            (
                "본 개인정보처리방침은 2018.7.27.부터 적용되며, 이전의 방침은 아래에서 확인하실 수 있습니다.",
                "2018-07-27",
            ),
            (
                "이 개인정보 처리방침은 2024. 10. 14 부터 적용됩니다.",
                "2024-10-14",
            ),
            (
                "○ 본 방침은 부터 2018년 07월 01일부터 시행됩니다.",
                "2018-07-01",
            ),
            ("이 방침은 2024.4.15부터 시행한다.", "2024-04-15"),
            ("이 방침은 2017. 06.부터 시행합니다.", "2017-06-01"),
            ("부칙 이 방침은 2021년 3월 2일부터 시행한다", "2021-03-02"),
        ] {
            let src = format!("방침\n제1조(처리 목적)\n본문\n제2조(처리방침의 변경)\n{line}\n");
            assert_eq!(dates(&src).0.as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn an_announcement_date_alone() {
        let src = "방침\n제1조(처리 목적)\n본문\n제2조(처리방침의 변경)\n공고일자 : 2024. 3. 1.\n";
        assert_eq!(dates(src).0.as_deref(), Some("2024-03-01"));
    }

    #[test]
    fn the_latest_addendum() {
        let src = "방침\n제1조(처리 목적)\n본문\n제2조(파기)\n본문\n부칙 (2019. 5. 1.)\n이 방침은 공포한 날부터 시행한다.\n부칙 (2021. 3. 2.)\n이 방침은 공포한 날부터 시행한다.\n";
        assert_eq!(dates(src).0.as_deref(), Some("2021-03-02"));
    }

    #[test]
    fn a_revision_list_under_the_title() {
        let src = "진흥원 개인정보처리방침\n2018.06.19. 개정\n2017.08.09. 개정\n2013.07.19. 제정\n제1조 (처리목적)\n본문\n제2조 (파기)\n본문\n";
        let (eff, versions) = dates(src);
        assert_eq!(eff.as_deref(), Some("2018-06-19"));
        assert_eq!(versions.len(), 2);
    }

    #[test]
    fn ranges_of_earlier_versions() {
        let src = "방침\n제1조(처리 목적)\n본문\n제2조(처리방침 변경)\n① 이 개인정보 처리방침은 2019. 1. 29부터 적용됩니다.\n- 2017. 6. 20 ~ 2019. 1. 28 적용 - 2016. 5. 23 ~ 2017. 6. 19 적용\n~ 2013. 10. 1 적용\n";
        let (eff, versions) = dates(src);
        assert_eq!(eff.as_deref(), Some("2019-01-29"));
        assert_eq!(versions.len(), 3);
        assert_eq!(
            versions[2].until.map(|d| d.to_string()).as_deref(),
            Some("2013-10-01")
        );
    }
}

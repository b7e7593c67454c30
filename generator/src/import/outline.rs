//! The outline: which lines are the policy's section headings.
//!
//! Every text line that could be a heading is a candidate (see
//! `heading.rs`). For each numbering style the best chain of candidates
//! is found by dynamic programming: numbers that follow each other score,
//! skipped numbers and restarts cost, titles that name a standard topic
//! score, titles that read like sentences cost, and a candidate with no
//! text under it (a line of a table of contents, a label tile) costs. The
//! style whose chain scores best gives the articles.

use super::heading::{Candidate, Style, candidate, topic_score};
use super::lines::Unit;

/// Source lines (1-based) that a saved page marks up as headings, with
/// their level (`h1` = 1): evidence for the outline.
pub type Headings = std::collections::BTreeMap<usize, u8>;

/// The headings chosen, by unit index.
#[derive(Debug, Clone)]
pub struct Outline {
    /// The numbering style chosen, if any headings were found.
    pub style: Option<Style>,
    /// Unit index and heading, in order.
    pub headings: Vec<(usize, Candidate)>,
    /// Numbers skipped or repeated in the chosen sequence, for the report.
    pub irregular: Vec<String>,
}

/// How good a candidate is as a heading, before its neighbours count.
fn own_score(c: &Candidate, has_body: bool) -> f64 {
    let title = c.title.trim();
    let mut s = match c.style {
        Style::Jo => 4.0,
        Style::Number | Style::Roman => 1.0,
        Style::Topic => 0.5,
    };
    s += match topic_score(title) {
        2 => 2.5,
        1 => 0.5,
        _ => -2.0,
    };
    let ends = ["경우", "니다", "다.", "함", "음", "것", "등"];
    if ends.iter().any(|e| title.ends_with(e)) {
        s -= 3.0;
    }
    if title.chars().count() > 45 {
        s -= 1.0;
    }
    if !c.before.is_empty() {
        s -= 0.5;
    }
    // A section title names its subject first: 개인정보의 …, 정보주체의 ….
    let subject = ["개인정보", "정보주체", "권익침해", "영상정보", "처리하는"];
    if c.style == Style::Topic && subject.iter().any(|w| title.starts_with(w)) {
        s += 1.0;
    }
    if !has_body {
        s -= 3.0;
    }
    s
}

/// Whether the unit after `i` is text under a heading rather than the next
/// candidate of the same style (a table of contents lists titles with
/// nothing between). Unnumbered titles count as a list only in runs of
/// three or more: a section title may stand right above a sub-title.
fn has_body(units: &[Unit], cands: &[Option<Candidate>], i: usize) -> bool {
    let Some(c) = cands[i].as_ref() else {
        return false;
    };
    if !c.rest.is_empty() {
        return true;
    }
    let same = |k: usize| {
        cands
            .get(k)
            .and_then(Option::as_ref)
            .is_some_and(|n| n.style == c.style)
    };
    match units.get(i + 1) {
        None => false,
        Some(Unit::Table { .. }) => true,
        Some(Unit::Text { .. }) if c.style == Style::Topic => {
            let run = (i.saturating_sub(2)..=i + 2).filter(|&k| same(k)).count();
            !(same(i + 1) && run >= 3)
        }
        Some(Unit::Text { .. }) => !same(i + 1),
    }
}

/// What it costs to go from heading number `a` to `b` in one style.
fn step(style: Style, a: u32, b: u32) -> Option<f64> {
    if b == a + 1 {
        Some(0.0)
    } else if b > a + 1 && b <= a + 4 {
        Some(-1.5 * f64::from(b - a - 1))
    } else if style != Style::Jo && b == a {
        Some(-2.5)
    } else if style != Style::Jo && b == 1 && a >= 3 {
        Some(-4.0)
    } else {
        None
    }
}

/// The best chain of numbered candidates of one style: (score, indices).
fn best_chain(style: Style, items: &[(usize, u32, f64)]) -> (f64, Vec<usize>) {
    let n = items.len();
    let mut best = vec![f64::MIN; n];
    let mut from = vec![None; n];
    for i in 0..n {
        let (_, num, own) = items[i];
        best[i] = own - 2.0 * f64::from(num.saturating_sub(1));
        for j in 0..i {
            if let Some(cost) = step(style, items[j].1, num)
                && best[j] + own + cost > best[i]
            {
                best[i] = best[j] + own + cost;
                from[i] = Some(j);
            }
        }
    }
    let Some(end) = (0..n).max_by(|&a, &b| best[a].total_cmp(&best[b])) else {
        return (0.0, Vec::new());
    };
    let mut chain = vec![end];
    while let Some(p) = from[*chain.last().unwrap_or(&end)] {
        chain.push(p);
    }
    chain.reverse();
    (best[end], chain.into_iter().map(|k| items[k].0).collect())
}

/// Chooses the outline of a document whose body starts at unit `start`.
pub fn outline(units: &[Unit], start: usize) -> Outline {
    outline_with(units, start, &Headings::new())
}

/// The heading level most lines of the body are marked up with, when a
/// page marks up three or more: its sections (the title's level and
/// sub-headings' levels have fewer lines).
fn section_level(units: &[Unit], start: usize, headings: &Headings) -> Option<u8> {
    let mut counts = std::collections::BTreeMap::<u8, usize>::new();
    for u in units.iter().skip(start) {
        if let Some(level) = headings.get(&u.line()) {
            *counts.entry(*level).or_default() += 1;
        }
    }
    let (level, n) = counts
        .into_iter()
        .max_by_key(|&(level, n)| (n, std::cmp::Reverse(level)))?;
    (n >= 3).then_some(level)
}

/// Chooses the outline, with the heading lines a saved page marks up as
/// evidence: a marked-up candidate scores more, and a document without
/// numbered sections takes the lines of its section level as headings.
pub fn outline_with(units: &[Unit], start: usize, headings: &Headings) -> Outline {
    let cands: Vec<Option<Candidate>> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            if i < start {
                None
            } else {
                u.text().and_then(candidate)
            }
        })
        .collect();
    let (style, chosen) = match best_numbered(units, &cands, headings) {
        Some((style, chain)) => (Some(style), chain),
        None => match section_level(units, start, headings) {
            // A marked-up `제N조` line is a heading only in a 제N조 outline.
            Some(level) => {
                let jo = |i: usize| cands[i].as_ref().is_some_and(|c| c.style == Style::Jo);
                let at_level = (start..units.len())
                    .filter(|&i| headings.get(&units[i].line()) == Some(&level) && !jo(i))
                    .collect();
                (Some(Style::Topic), at_level)
            }
            None => topic_outline(units, &cands),
        },
    };
    let headings: Vec<(usize, Candidate)> = chosen
        .into_iter()
        .filter_map(|i| Some((i, cands[i].clone().or_else(|| marked_line(&units[i]))?)))
        .collect();
    let irregular = irregularities(&headings);
    Outline {
        style,
        headings,
        irregular,
    }
}

/// The numbered style whose best chain scores best, if any chain is long
/// enough and scores above zero; a line marked up as a heading scores more.
fn best_numbered(
    units: &[Unit],
    cands: &[Option<Candidate>],
    headings: &Headings,
) -> Option<(Style, Vec<usize>)> {
    let mut best: Option<(f64, Style, Vec<usize>)> = None;
    for style in [Style::Jo, Style::Number, Style::Roman] {
        let items: Vec<(usize, u32, f64)> = cands
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let c = c.as_ref().filter(|c| c.style == style)?;
                let bonus = if headings.contains_key(&units[i].line()) {
                    2.5
                } else {
                    0.0
                };
                Some((
                    i,
                    c.number?,
                    own_score(c, has_body(units, cands, i)) + bonus,
                ))
            })
            .collect();
        let (score, chain) = best_chain(style, &items);
        let enough = chain.len() >= 3 || (style == Style::Jo && chain.len() >= 2);
        if enough && score > 0.0 && best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, style, chain));
        }
    }
    best.map(|(_, style, chain)| (style, chain))
}

/// Unnumbered headings: the topic lines that score as section titles,
/// when there are two or more.
fn topic_outline(units: &[Unit], cands: &[Option<Candidate>]) -> (Option<Style>, Vec<usize>) {
    let topics: Vec<usize> = (0..units.len())
        .filter(|&i| {
            cands[i].as_ref().is_some_and(|c| {
                c.style == Style::Topic && own_score(c, has_body(units, cands, i)) > 2.2
            })
        })
        .collect();
    if topics.len() >= 2 {
        (Some(Style::Topic), topics)
    } else {
        (None, Vec::new())
    }
}

/// A marked-up heading line that names no standard topic, as a heading.
fn marked_line(unit: &Unit) -> Option<Candidate> {
    let text = unit.text()?;
    Some(Candidate {
        style: Style::Topic,
        number: None,
        title: text.to_string(),
        heading: text.to_string(),
        rest: String::new(),
        before: String::new(),
    })
}

/// Skipped, repeated and restarted numbers of a chosen outline.
fn irregularities(headings: &[(usize, Candidate)]) -> Vec<String> {
    let mut out = Vec::new();
    for pair in headings.windows(2) {
        let (Some(a), Some(b)) = (pair[0].1.number, pair[1].1.number) else {
            continue;
        };
        if b == a {
            out.push(format!(
                "section {b} numbered twice: \"{}\"",
                pair[1].1.heading
            ));
        } else if b < a {
            out.push(format!("numbering restarts at \"{}\"", pair[1].1.heading));
        } else if b > a + 1 {
            let skipped = if b == a + 2 {
                format!("number {}", a + 1)
            } else {
                format!("numbers {}–{}", a + 1, b - 1)
            };
            out.push(format!(
                "{skipped} skipped before \"{}\"",
                pair[1].1.heading
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::units;

    fn titles(src: &str) -> Vec<String> {
        let u = units(src);
        outline(&u, 0)
            .headings
            .into_iter()
            .map(|(_, c)| c.title)
            .collect()
    }

    #[test]
    fn numbered_sections_with_numbered_items_inside() {
        let src = "1. 개인정보의 처리 목적\n기관은 처리합니다.\n1. 정보주체로부터 별도의 동의를 받은 경우\n2. 다른 법률에 특별한 규정이 있는 경우\n2. 개인정보의 파기\n파기합니다.\n3. 권익침해 구제방법\n문의하실 수 있습니다.\n";
        assert_eq!(
            titles(src),
            [
                "개인정보의 처리 목적",
                "개인정보의 파기",
                "권익침해 구제방법"
            ]
        );
    }

    #[test]
    fn a_table_of_contents_is_not_the_outline() {
        let src = "목차\n제1조(처리 목적)\n제2조(파기)\n제3조(구제방법)\n제1조(처리 목적)\n본문\n제2조(파기)\n본문\n제3조(구제방법)\n본문\n";
        let u = units(src);
        let o = outline(&u, 0);
        assert_eq!(
            o.headings.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            [4, 6, 8]
        );
    }

    #[test]
    fn a_skipped_number_is_kept_and_reported() {
        let src = "제1조(처리 목적)\n본문\n제2조(파기)\n본문\n제4조(처리방침 변경)\n본문\n";
        let u = units(src);
        let o = outline(&u, 0);
        assert_eq!(o.headings.len(), 3);
        assert_eq!(o.irregular.len(), 1);
    }

    #[test]
    fn unnumbered_topic_headings() {
        let src = "개인정보의 수집 및 보유\n기관은 수집합니다.\n개인정보의 파기\n지체 없이 파기합니다.\n권익침해 구제방법\n아래 기관에 문의하십시오.\n";
        assert_eq!(
            titles(src),
            [
                "개인정보의 수집 및 보유",
                "개인정보의 파기",
                "권익침해 구제방법"
            ]
        );
    }

    #[test]
    fn two_parts_numbered_from_one_each() {
        let src = "1.자동으로 수집되는 개인정보\n본문\n2.이메일을 통한 수집정보\n본문\n3.링크 사이트\n본문\n1.개인정보의 처리 목적\n본문\n2.개인정보의 파기\n본문\n3.권익침해 구제방법\n본문\n";
        assert_eq!(titles(src).len(), 6);
    }

    #[test]
    fn references_in_the_text_do_not_break_the_chain() {
        let src = "제1조(목적)\n본문\n제9조(건강검사 결과의 관리)\n제2조(개인정보의 제3자 제공)\n본문\n제3조(개인정보의 파기)\n본문\n";
        assert_eq!(
            titles(src),
            ["목적", "개인정보의 제3자 제공", "개인정보의 파기"]
        );
    }
}

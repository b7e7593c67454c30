//! Which article of one version is which article of the next: matched by
//! title first, then by wording, so that a renumbered or renamed article
//! is shown beside its former self rather than as one removed and one
//! added.

use similar::TextDiff;

use crate::model::{Article, Block};

/// How an article changed between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleChange {
    /// Same number, title and wording.
    Unchanged,
    /// Same number and title, other wording.
    Changed,
    /// Another number (and maybe other wording), same title.
    Renumbered,
    /// Another title (and maybe other wording).
    Renamed,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

/// An article of the older version and its counterpart in the newer.
#[derive(Debug, Clone)]
pub struct Pair<'a> {
    /// The older version's article, if any.
    pub old: Option<&'a Article>,
    /// The newer version's article, if any.
    pub new: Option<&'a Article>,
    /// What happened to it.
    pub change: ArticleChange,
}

/// An article's title with spacing and particles that vary between
/// revisions taken out (`개인정보의 처리 목적` = `개인정보 처리목적`): a
/// word's final `의` and the word `및` go, the `의` inside a word
/// (`의무`, `동의`) stays.
fn title_key(a: &Article) -> String {
    a.title
        .split_whitespace()
        .filter(|w| *w != "및")
        .map(|w| w.strip_suffix('의').filter(|r| !r.is_empty()).unwrap_or(w))
        .collect::<String>()
        .chars()
        .filter(|c| !matches!(c, '·' | 'ㆍ' | ',' | '(' | ')'))
        .collect()
}

/// An article's wording, a line per block.
pub fn body(a: &Article) -> String {
    a.blocks
        .iter()
        .map(Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The least wording (in characters) two articles are paired by.
const MIN_WORDING: usize = 20;

/// How alike two wordings are, 0–1 (word by word).
fn likeness(a: &str, b: &str) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    TextDiff::from_words(a, b).ratio()
}

/// Pairs the articles of `old` and `new`, in the newer version's order
/// with each removed article after its older neighbour.
pub fn align<'a>(old: &'a [Article], new: &'a [Article]) -> Vec<Pair<'a>> {
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    // Same title.
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| !taken[i] && title_key(&old[i]) == title_key(n)) {
            partner[j] = Some(i);
            taken[i] = true;
        }
    }
    // Same wording, mostly: a renamed article.
    for (j, n) in new.iter().enumerate() {
        if partner[j].is_some() {
            continue;
        }
        // Too little wording to tell (`삭제`, `해당 없음`): not paired.
        if body(n).chars().count() < MIN_WORDING {
            continue;
        }
        let best = (0..old.len())
            .filter(|&i| !taken[i] && body(&old[i]).chars().count() >= MIN_WORDING)
            .map(|i| (i, likeness(&body(&old[i]), &body(n))))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best.filter(|(_, s)| *s >= 0.6) {
            partner[j] = Some(i);
            taken[i] = true;
        }
    }
    let mut pairs = Vec::new();
    let mut emitted_old = vec![false; old.len()];
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = partner[j] {
            // Removed articles that came before this one in the old order.
            for k in 0..i {
                if !taken[k] && !emitted_old[k] {
                    emitted_old[k] = true;
                    pairs.push(removed(&old[k]));
                }
            }
            emitted_old[i] = true;
            pairs.push(Pair {
                old: Some(&old[i]),
                new: Some(n),
                change: change_of(&old[i], n),
            });
        } else {
            pairs.push(Pair {
                old: None,
                new: Some(n),
                change: ArticleChange::Added,
            });
        }
    }
    for (k, a) in old.iter().enumerate() {
        if !emitted_old[k] {
            pairs.push(removed(a));
        }
    }
    pairs
}

fn removed(a: &Article) -> Pair<'_> {
    Pair {
        old: Some(a),
        new: None,
        change: ArticleChange::Removed,
    }
}

fn change_of(old: &Article, new: &Article) -> ArticleChange {
    if title_key(old) != title_key(new) {
        ArticleChange::Renamed
    } else if old.number != new.number {
        ArticleChange::Renumbered
    } else if body(old) != body(new) {
        ArticleChange::Changed
    } else {
        ArticleChange::Unchanged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn art(number: u32, title: &str, text: &str) -> Article {
        Article {
            number,
            title: title.into(),
            heading: format!("제{number}조({title})"),
            category: Category::from_title(title),
            blocks: vec![Block::text(text)],
        }
    }

    #[test]
    fn renumbered_renamed_added_removed() {
        let old = [
            art(1, "개인정보의 처리 목적", "민원 처리를 위하여 처리합니다."),
            art(2, "개인정보의 처리 및 보유기간", "보유기간은 3년입니다."),
            art(3, "쿠키", "쿠키를 사용하지 않습니다."),
            art(
                4,
                "개인정보의 파기",
                "지체 없이 파기합니다. 전자적 파일은 영구 삭제합니다.",
            ),
        ];
        let new = [
            art(1, "개인정보 처리목적", "민원 처리를 위하여 처리합니다."),
            art(2, "처리하는 개인정보의 항목", "성명, 전화번호"),
            art(3, "개인정보의 처리 및 보유기간", "보유기간은 5년입니다."),
            art(
                4,
                "개인정보 파기 절차 및 방법",
                "지체 없이 파기합니다. 전자적 파일은 영구 삭제합니다.",
            ),
        ];
        let changes: Vec<(Option<u32>, Option<u32>, ArticleChange)> = align(&old, &new)
            .iter()
            .map(|p| (p.old.map(|a| a.number), p.new.map(|a| a.number), p.change))
            .collect();
        assert_eq!(
            changes,
            vec![
                (Some(1), Some(1), ArticleChange::Unchanged),
                (None, Some(2), ArticleChange::Added),
                (Some(2), Some(3), ArticleChange::Renumbered),
                (Some(3), None, ArticleChange::Removed),
                (Some(4), Some(4), ArticleChange::Renamed),
            ]
        );
    }
}

//! The pages of a policy's history: each earlier version at its own
//! address, a 신·구 대조표 for each version that followed another, and
//! the views that list them.

use serde::Serialize;

use super::views::{EarlierNotice, PolicyView, VersionLink, policy};
use crate::history::{self, ArticleChange, Summary, words::Segment};
use crate::model::{Agency, Article, Policy};
pub use crate::urls::{agency_feed_path, changes_path, policy_path, version_path};

/// Each consecutive pair of versions with text, older first:
/// `(older, newer)`.
pub fn pairs(current: &Policy) -> Vec<(&Policy, &Policy)> {
    let all = history::versions(current);
    all.windows(2).map(|w| (w[1], w[0])).collect()
}

/// The versions of `current`, newest first, linked.
pub fn version_links(agency: &Agency, current: &Policy) -> Vec<VersionLink> {
    let all = history::versions(current);
    all.iter()
        .enumerate()
        .map(|(i, v)| {
            let before = all.get(i + 1);
            VersionLink {
                date: date_label(v),
                url: if i == 0 {
                    policy_path(agency, v)
                } else {
                    version_path(agency, v)
                },
                current: i == 0,
                changes_url: before.map_or(String::new(), |_| changes_path(agency, v)),
                summary: before.map_or(String::new(), |b| history::summarize(b, v).line()),
            }
        })
        .collect()
}

/// The page of an earlier version: the policy page of its text, marked as
/// not in force, with the version list of the current policy.
pub fn earlier_view(agency: &Agency, current: &Policy, version: &Policy) -> PolicyView {
    let mut view = policy(agency, version);
    view.texts = version_links(agency, current);
    view.earlier = Some(EarlierNotice {
        current_url: policy_path(agency, current),
        current_date: current.effective.map_or(String::new(), |d| d.to_string()),
    });
    // Findings are about the version in force: `missing` stays empty.
    view
}

/// One row of a 대조표: an article before and after.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    /// `changed`, `added`, `removed`, `renumbered`, `renamed`,
    /// `unchanged`.
    pub change: &'static str,
    /// The change in Korean.
    pub label: &'static str,
    /// The older heading, empty if added.
    pub old_heading: String,
    /// The newer heading, empty if removed.
    pub new_heading: String,
    /// The older wording, changed words marked.
    pub old: Vec<Segment>,
    /// The newer wording, changed words marked.
    pub new: Vec<Segment>,
    /// Link to the article in the older version's page.
    pub old_url: String,
    /// Link to the article in the newer version's page.
    pub new_url: String,
    /// Whether only its number or title changed (its wording is shown once).
    pub same_wording: bool,
}

/// A 신·구 대조표 page.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesView {
    /// Agency full name.
    pub agency: String,
    /// The policy's name (with its agency's unless its title has it).
    pub title: String,
    /// The older version's date and page.
    pub old_date: String,
    /// The older version's page (relative to base).
    pub old_url: String,
    /// The newer version's date.
    pub new_date: String,
    /// The newer version's page (relative to base).
    pub new_url: String,
    /// What changed, in one line.
    pub summary: String,
    /// The summary as data.
    pub data: Summary,
    /// Articles that changed in any way.
    pub rows: Vec<ChangeRow>,
    /// Headings of the articles that did not change (folded).
    pub unchanged: Vec<String>,
}

/// The 대조표 from `old` to `new` of `current`'s history.
pub fn changes_view(agency: &Agency, current: &Policy, old: &Policy, new: &Policy) -> ChangesView {
    let url_of = |v: &Policy| {
        if std::ptr::eq(v, current) {
            policy_path(agency, v)
        } else {
            version_path(agency, v)
        }
    };
    let (old_url, new_url) = (url_of(old), url_of(new));
    let summary = history::summarize(old, new);
    let mut rows = Vec::new();
    let mut unchanged = Vec::new();
    for pair in history::align(&old.articles, &new.articles) {
        if pair.change == ArticleChange::Unchanged {
            unchanged.extend(pair.new.map(heading));
            continue;
        }
        let text = |a: Option<&Article>| a.map(history::align::body).unwrap_or_default();
        let (before, after) = history::words::compare(&text(pair.old), &text(pair.new));
        let link = |base: &str, a: Option<&Article>| {
            a.map_or(String::new(), |a| format!("{base}#{}", a.anchor()))
        };
        rows.push(ChangeRow {
            change: change_id(pair.change),
            label: change_label(pair.change),
            old_heading: pair.old.map(heading).unwrap_or_default(),
            new_heading: pair.new.map(heading).unwrap_or_default(),
            old: before,
            new: after,
            old_url: link(&old_url, pair.old),
            new_url: link(&new_url, pair.new),
            same_wording: matches!((pair.old, pair.new), (Some(o), Some(n))
                if history::align::body(o) == history::align::body(n)),
        });
    }
    ChangesView {
        agency: agency.full_name.clone(),
        title: crate::urls::policy_full_label(agency, new),
        old_date: date_label(old),
        old_url,
        new_date: date_label(new),
        new_url,
        summary: summary.line(),
        data: summary,
        rows,
        unchanged,
    }
}

/// A version's effective date as its pages show it.
pub fn date_label(v: &Policy) -> String {
    crate::urls::date_label(v.effective)
}

fn heading(a: &Article) -> String {
    if a.heading.is_empty() {
        a.title.clone()
    } else {
        a.heading.clone()
    }
}

fn change_id(c: ArticleChange) -> &'static str {
    match c {
        ArticleChange::Unchanged => "unchanged",
        ArticleChange::Changed => "changed",
        ArticleChange::Renumbered => "renumbered",
        ArticleChange::Renamed => "renamed",
        ArticleChange::Added => "added",
        ArticleChange::Removed => "removed",
    }
}

fn change_label(c: ArticleChange) -> &'static str {
    match c {
        ArticleChange::Unchanged => "변경 없음",
        ArticleChange::Changed => "문구 변경",
        ArticleChange::Renumbered => "조 번호 변경",
        ArticleChange::Renamed => "제목 변경",
        ArticleChange::Added => "신설",
        ArticleChange::Removed => "삭제",
    }
}

/// One revision in `data/changes.json`.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionRecord {
    /// `<agency>/<policy>`.
    pub policy: String,
    /// The 대조표's page (relative to base).
    pub url: String,
    /// What changed, in one line.
    pub summary: String,
    /// What changed, as data (`from`, `to`, the articles, trustees,
    /// contacts and retention).
    #[serde(flatten)]
    pub changes: Summary,
}

/// Every revision of every policy, newest first, for `data/changes.json`.
pub fn revisions(agencies: &[Agency]) -> Vec<RevisionRecord> {
    let mut out: Vec<RevisionRecord> = agencies
        .iter()
        .flat_map(|a| {
            a.policies.iter().flat_map(move |p| {
                pairs(p).into_iter().map(move |(old, new)| {
                    let changes = history::summarize(old, new);
                    RevisionRecord {
                        policy: format!("{}/{}", a.slug, p.slug),
                        url: changes_path(a, new),
                        summary: changes.line(),
                        changes,
                    }
                })
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.changes
            .to
            .cmp(&a.changes.to)
            .then(a.policy.cmp(&b.policy))
    });
    out
}

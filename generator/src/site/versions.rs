//! The pages of a policy's history: each earlier version at its own
//! address, a 신·구 대조표 for each version that followed another, and
//! the views that list them.

use serde::Serialize;

use super::views::{PolicyView, policy, policy_path};
use crate::history::{self, ArticleChange, Summary, words::Segment};
use crate::model::{Agency, Article, Policy};

/// The address of an earlier version's page: its effective date under the
/// policy (`seoul/poll/2019-01-29/`).
pub fn version_path(agency: &Agency, version: &Policy) -> String {
    format!(
        "{}{}/",
        policy_path(agency, version),
        version
            .effective
            .map_or("undated".into(), |d| d.to_string())
    )
}

/// The address of the 신·구 대조표 that leads to `version` from the
/// version before it (`seoul/poll/changes/2024-02-01/`).
pub fn changes_path(agency: &Agency, version: &Policy) -> String {
    format!(
        "{}changes/{}/",
        policy_path(agency, version),
        version
            .effective
            .map_or("undated".into(), |d| d.to_string())
    )
}

/// The address of an agency's Atom feed.
pub fn agency_feed_path(agency: &Agency) -> String {
    format!("{}/feed.xml", agency.slug)
}

/// A version held in full, as the version list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLink {
    /// Effective date (`2024-02-01`), or `시행일 미상`.
    pub date: String,
    /// Its page (relative to base).
    pub url: String,
    /// Whether it is the version in force.
    pub current: bool,
    /// The 대조표 from the version before it, if there is one.
    pub changes_url: String,
    /// What changed from the version before it, in one line.
    pub summary: String,
}

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
                date: v.effective.map_or("시행일 미상".into(), |d| d.to_string()),
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
    // Findings are about the version in force.
    view.missing.clear();
    view
}

/// What an earlier version's page says at its top.
#[derive(Debug, Clone, Serialize)]
pub struct EarlierNotice {
    /// The current policy's page.
    pub current_url: String,
    /// The current version's effective date.
    pub current_date: String,
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
}

/// A 신·구 대조표 page.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesView {
    /// Agency full name.
    pub agency: String,
    /// Policy title.
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
        });
    }
    ChangesView {
        agency: agency.full_name.clone(),
        title: new.title.clone(),
        old_date: date(old),
        old_url,
        new_date: date(new),
        new_url,
        summary: summary.line(),
        data: summary,
        rows,
        unchanged,
    }
}

fn date(v: &Policy) -> String {
    v.effective.map_or("시행일 미상".into(), |d| d.to_string())
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

//! A policy's versions: ordering them, adding an imported text as a
//! version, and what changed from one version to the next (the data of a
//! 신·구 대조표 and its one-line summary).

pub mod align;
pub mod words;

use serde::Serialize;

pub use align::{ArticleChange, Pair, align};

use std::path::Path;

use crate::model::{Agency, Date, Policy, Trustee};

/// Why an imported text cannot become a version of a policy.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// Versions are ordered by their effective dates.
    #[error(
        "{policy}: the imported text has no effective date, so it cannot be placed among the policy's versions (add `effective = \"YYYY-MM-DD\"` to its .toml, or import a text that states its date)"
    )]
    NoDate {
        /// `<agency>/<policy>`.
        policy: String,
    },
}

/// Every version with text, newest first: the current one, then its
/// history.
pub fn versions(policy: &Policy) -> Vec<&Policy> {
    std::iter::once(policy).chain(&policy.history).collect()
}

/// Adds `incoming` to `existing` as a version: the newer becomes current
/// and the older joins the history; a text of a date already held replaces
/// it, and so does any text for an undated version (most likely the same
/// version, now dated). Versions the texts mention are kept from both. An
/// undated text replaces an undated policy and is refused otherwise.
pub fn merge(existing: Policy, incoming: Policy, name: &str) -> Result<Policy, MergeError> {
    let held = versions(&existing).iter().any(|v| v.effective.is_some());
    if incoming.effective.is_none() && held {
        return Err(MergeError::NoDate {
            policy: name.to_string(),
        });
    }
    let slug = existing.slug.clone();
    let mut known = existing.versions.clone();
    for v in &incoming.versions {
        if !known.iter().any(|k| k.label == v.label) {
            known.push(v.clone());
        }
    }
    let date = incoming.effective;
    let mut existing = existing;
    let earlier = std::mem::take(&mut existing.history);
    let mut all: Vec<Policy> = std::iter::once(existing)
        .chain(earlier)
        .filter(|p| p.effective.is_some() && p.effective != date)
        .chain(std::iter::once(incoming))
        .map(|mut p| {
            p.slug = slug.clone();
            p.history.clear();
            p
        })
        .collect();
    // Newest first.
    all.sort_by_key(|p| std::cmp::Reverse(p.effective));
    let mut all = all.into_iter();
    let mut current = all.next().expect("at least the incoming version");
    current.history = all.collect();
    current.versions = known;
    Ok(current)
}

/// Whether two texts are versions of one policy: the same site or service
/// and the same kind of document.
fn same_policy(a: &Policy, b: &Policy) -> bool {
    a.site == b.site && a.kind == b.kind
}

/// Folds the texts of one import that are versions of one policy (same
/// agency, site and kind, both dated, other dates; or, when the user named
/// the policy with `--slug`, the same slug) into one policy each. Other
/// texts stay apart (and [`crate::import::distinct_slugs`] names them).
pub fn gather(agencies: Vec<Agency>, named: bool) -> Result<Vec<Agency>, MergeError> {
    let mut out: Vec<Agency> = Vec::new();
    for agency in agencies {
        let Some(held) = out.iter_mut().find(|a| a.slug == agency.slug) else {
            out.push(agency);
            continue;
        };
        for p in agency.policies {
            add(held, p, named)?;
        }
    }
    Ok(out)
}

/// Adds `incoming` to `agency`: as a version of the policy it is a
/// version of (the same slug when `by_slug`, else the same site and kind
/// with both dated), or as a policy of its own. Returns the policy's slug
/// and, for a version, a note.
fn add(
    agency: &mut Agency,
    incoming: Policy,
    by_slug: bool,
) -> Result<(String, Option<String>), MergeError> {
    let at = agency
        .policies
        .iter()
        .position(|p| by_slug && p.slug == incoming.slug)
        .or_else(|| {
            agency.policies.iter().position(|p| {
                same_policy(p, &incoming)
                    && p.effective.is_some()
                    && incoming.effective.is_some()
                    && p.effective != incoming.effective
            })
        });
    match at {
        Some(i) => {
            let name = format!("{}/{}", agency.slug, agency.policies[i].slug);
            let date = incoming.effective;
            let existing = agency.policies.remove(i);
            let held = versions(&existing).iter().any(|v| v.effective == date);
            let merged = merge(existing, incoming, &name)?;
            let current = merged.effective == date;
            let slug = merged.slug.clone();
            agency.policies.insert(i, merged);
            let note = format!(
                "{name}: the text of {} is {}",
                date.map_or("no date".into(), |d| d.to_string()),
                match (held, current) {
                    (true, _) => "the version of that date again (it replaces it)",
                    (false, true) => "its new current version",
                    (false, false) => "an earlier version",
                }
            );
            Ok((slug, Some(note)))
        }
        None => {
            let slug = incoming.slug.clone();
            agency.policies.push(incoming);
            Ok((slug, None))
        }
    }
}

/// Merges each imported policy with the policy of `content/` it is a
/// version of, if any: the agency comes back with every policy of its
/// folder it touches, and a note per version added.
pub fn add_to_content(root: &Path, agency: Agency) -> Result<(Agency, Vec<String>), HistoryError> {
    let dir = root.join(&agency.slug);
    if !dir.join("agency.toml").is_file() {
        return Ok((agency, Vec::new()));
    }
    let mut held = crate::content::read_agency(&dir)?;
    let mut notes = Vec::new();
    let mut touched = Vec::new();
    for p in agency.policies {
        // A policy of the same slug would be overwritten: it is the one.
        let (slug, note) = add(&mut held, p, true)?;
        notes.extend(note);
        touched.push(slug);
    }
    held.policies.retain(|p| touched.contains(&p.slug));
    Ok((held, notes))
}

/// Errors of adding versions to `content/`.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The folder's content is invalid.
    #[error(transparent)]
    Content(#[from] crate::content::ContentError),
    /// A text cannot be placed among the versions.
    #[error(transparent)]
    Merge(#[from] MergeError),
}

/// What changed from one version to the next, as data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The older version's effective date.
    pub from: Option<Date>,
    /// The newer version's effective date.
    pub to: Option<Date>,
    /// Articles whose wording changed (renumbered or renamed ones too).
    pub articles_changed: Vec<String>,
    /// Articles only in the newer version.
    pub articles_added: Vec<String>,
    /// Articles only in the older version.
    pub articles_removed: Vec<String>,
    /// Articles with another number or title.
    pub articles_moved: Vec<String>,
    /// Trustee companies only in the newer version.
    pub trustees_added: Vec<String>,
    /// Trustee companies only in the older version.
    pub trustees_removed: Vec<String>,
    /// Whether the contacts (officers, desks) changed.
    pub contacts_changed: bool,
    /// Whether the retention periods changed (tabled or in the retention
    /// article).
    pub retention_changed: bool,
}

impl Summary {
    /// The change in one line of Korean (`조항 3개 변경, 수탁자 2곳 추가,
    /// 보유기간 변경`).
    pub fn line(&self) -> String {
        let counted = [
            (self.articles_changed.len(), "조항", "개 변경"),
            (self.articles_added.len(), "조항", "개 신설"),
            (self.articles_removed.len(), "조항", "개 삭제"),
            (self.trustees_added.len(), "수탁자", "곳 추가"),
            (self.trustees_removed.len(), "수탁자", "곳 제외"),
        ];
        let mut parts: Vec<String> = counted
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, what, how)| format!("{what} {n}{how}"))
            .collect();
        if self.contacts_changed {
            parts.push("연락처 변경".into());
        }
        if self.retention_changed {
            parts.push("보유기간 변경".into());
        }
        if parts.is_empty() {
            "내용 변경 없음".into()
        } else {
            parts.join(", ")
        }
    }
}

/// What changed from `old` to `new`.
pub fn summarize(old: &Policy, new: &Policy) -> Summary {
    let pairs = align(&old.articles, &new.articles);
    let name = |p: &Pair| {
        let a = p.new.or(p.old).expect("a side");
        if a.heading.is_empty() {
            a.title.clone()
        } else {
            a.heading.clone()
        }
    };
    let reworded = |p: &Pair| match (p.old, p.new) {
        (Some(o), Some(n)) => align::body(o) != align::body(n),
        _ => false,
    };
    let of = |want: ArticleChange| -> Vec<String> {
        pairs
            .iter()
            .filter(|p| p.change == want)
            .map(&name)
            .collect()
    };
    let companies = |p: &Policy| -> Vec<String> {
        let mut v: Vec<String> = p.trustees.iter().map(company).collect();
        v.sort();
        v.dedup();
        v
    };
    let (before, after) = (companies(old), companies(new));
    Summary {
        from: old.effective,
        to: new.effective,
        articles_changed: pairs.iter().filter(|p| reworded(p)).map(&name).collect(),
        articles_added: of(ArticleChange::Added),
        articles_removed: of(ArticleChange::Removed),
        articles_moved: pairs
            .iter()
            .filter(|p| matches!(p.change, ArticleChange::Renumbered | ArticleChange::Renamed))
            .map(&name)
            .collect(),
        trustees_added: after
            .iter()
            .filter(|c| !before.contains(c))
            .cloned()
            .collect(),
        trustees_removed: before
            .iter()
            .filter(|c| !after.contains(c))
            .cloned()
            .collect(),
        contacts_changed: contact_keys(old) != contact_keys(new),
        retention_changed: retention_changed(old, new, &pairs),
    }
}

fn company(t: &Trustee) -> String {
    t.company.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contact_keys(p: &Policy) -> Vec<String> {
    let mut v: Vec<String> = p
        .contacts
        .iter()
        .map(|c| {
            format!(
                "{:?}|{}|{}|{}|{}",
                c.role,
                c.department,
                c.name,
                c.phones.join(","),
                c.email
            )
        })
        .collect();
    v.sort();
    v
}

fn retention_changed(old: &Policy, new: &Policy, pairs: &[Pair]) -> bool {
    let rows = |p: &Policy| -> Vec<(String, String)> {
        let mut v: Vec<_> = p
            .retention
            .iter()
            .map(|r| (r.service.clone(), r.period.clone()))
            .collect();
        v.sort();
        v
    };
    rows(old) != rows(new)
        || pairs.iter().any(|p| {
            let retention = |a: Option<&crate::model::Article>| {
                a.is_some_and(|a| a.category == crate::model::Category::Retention)
            };
            (retention(p.old) || retention(p.new))
                && p.old.map(align::body) != p.new.map(align::body)
        })
}

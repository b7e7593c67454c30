//! Atom feeds (RFC 4287) of new policy versions: one per agency and one for
//! the whole site, an entry per version with its summary and a link to its
//! 대조표 (or, for the first version held, to its page). Written with
//! `atom_syndication`, whose writer escapes text and attributes.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};

use super::versions::pairs;
use crate::history;
use crate::model::{Agency, Date, Policy};
use crate::urls::{SITE_FEED, agency_feed_path, changes_path, policy_path, version_path};

/// One version's entry, before it is placed in a feed.
struct Item {
    date: Date,
    entry: Entry,
}

/// Midnight in Korea on `date`: versions apply from a day, not a time.
fn day(date: Date) -> FixedDateTime {
    format!("{date}T00:00:00+09:00")
        .parse()
        .expect("a date in RFC 3339")
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Link::default()
    }
}

/// The entries of every dated version of `current`, newest first.
fn items(agency: &Agency, current: &Policy, base_url: &str) -> Vec<Item> {
    let name = crate::urls::policy_full_label(agency, current);
    let mut out = Vec::new();
    for (old, new) in pairs(current) {
        let Some(date) = new.effective else { continue };
        let href = format!("{base_url}{}", changes_path(agency, new));
        out.push(item(
            date,
            format!("{name}: {date} 개정"),
            history::summarize(old, new).line(),
            href,
            entry_id(agency, current, base_url, date),
        ));
    }
    // The oldest version held has no 대조표: its entry links to its page.
    let oldest = history::versions(current)
        .pop()
        .expect("the current version");
    if let Some(date) = oldest.effective {
        let path = if std::ptr::eq(oldest, current) {
            policy_path(agency, current)
        } else {
            version_path(agency, oldest)
        };
        out.push(item(
            date,
            format!("{name}: {date} 시행"),
            format!(
                "조항 {}개, 수탁자 {}곳",
                oldest.articles.len(),
                oldest.trustees.len()
            ),
            format!("{base_url}{path}"),
            entry_id(agency, current, base_url, date),
        ));
    }
    out
}

/// A version's entry id: the policy's address and the version's date, so
/// that it stays the same when a newer version arrives and the version's
/// own page moves (RFC 4287 §4.2.6: ids are permanent).
fn entry_id(agency: &Agency, policy: &Policy, base_url: &str, date: Date) -> String {
    format!("{base_url}{}#{date}", policy_path(agency, policy))
}

fn item(date: Date, title: String, summary: String, href: String, id: String) -> Item {
    Item {
        date,
        entry: Entry {
            title: Text::plain(title),
            id,
            updated: day(date),
            summary: Some(Text::plain(summary)),
            links: vec![link(href, "alternate", "text/html")],
            ..Entry::default()
        },
    }
}

fn feed(
    title: String,
    path: &str,
    page: &str,
    base_url: &str,
    operator: &str,
    mut items: Vec<Item>,
) -> String {
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.entry.id.cmp(&b.entry.id)));
    let updated = items.first().map_or_else(
        || {
            day(Date {
                year: 1970,
                month: 1,
                day: 1,
            })
        },
        |i| day(i.date),
    );
    let feed = Feed {
        title: Text::plain(title),
        id: format!("{base_url}{path}"),
        updated,
        authors: vec![Person {
            name: operator.to_string(),
            ..Person::default()
        }],
        links: vec![
            link(format!("{base_url}{path}"), "self", "application/atom+xml"),
            link(format!("{base_url}{page}"), "alternate", "text/html"),
        ],
        entries: items.into_iter().map(|i| i.entry).collect(),
        ..Feed::default()
    };
    feed.to_string()
}

/// The feed of one agency's policies (`<agency>/feed.xml`).
pub fn agency_feed(agency: &Agency, base_url: &str, operator: &str) -> String {
    let items = agency
        .policies
        .iter()
        .flat_map(|p| items(agency, p, base_url))
        .collect();
    feed(
        format!("{}의 개인정보 처리방침 변경", agency.full_name),
        &agency_feed_path(agency),
        &agency
            .policies
            .first()
            .map_or(String::new(), |p| policy_path(agency, p)),
        base_url,
        operator,
        items,
    )
}

/// The feed of every agency (`feed.xml`).
pub fn site_feed(agencies: &[Agency], title: &str, base_url: &str, operator: &str) -> String {
    let items = agencies
        .iter()
        .flat_map(|a| a.policies.iter().flat_map(move |p| items(a, p, base_url)))
        .collect();
    feed(
        format!("{title}: 처리방침 변경"),
        SITE_FEED,
        "",
        base_url,
        operator,
        items,
    )
}

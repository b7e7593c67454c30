//! What the regulator requires of a policy, and what each policy has.

use crate::import::squash;
use crate::model::{Category, Date, Policy};

/// Columns of the compliance matrix: the categories and whether the
/// regulator makes them mandatory for every policy (the others are
/// mandatory when the processing happens, or recommended).
pub const COLUMNS: [(Category, bool); 16] = [
    (Category::Purpose, true),
    (Category::Items, true),
    (Category::Retention, true),
    (Category::Destruction, true),
    (Category::Rights, true),
    (Category::Safety, true),
    (Category::Officer, true),
    (Category::Changes, true),
    (Category::ThirdParty, false),
    (Category::Entrustment, false),
    (Category::AutoCollection, false),
    (Category::Sensitive, false),
    (Category::Pseudonymised, false),
    (Category::FurtherUse, false),
    (Category::RegisteredFiles, false),
    (Category::Remedies, false),
];

/// Whether a policy covers a required item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// An article covers it.
    Present,
    /// An article says the processing does not happen (`쿠키를 사용하지 않습니다`).
    NotApplicable,
    /// No article covers it.
    Missing,
}

/// Words in an article title that show it also covers a category (`처리
/// 목적 및 항목` covers the items too).
fn title_words(c: Category) -> &'static [&'static str] {
    match c {
        Category::Items => &["항목"],
        Category::Purpose => &["목적"],
        Category::Retention => &["보유"],
        Category::Destruction => &["파기"],
        Category::AccessRequest => &["열람청구"],
        _ => &[],
    }
}

/// How `policy` stands on category `c`.
pub fn status(policy: &Policy, c: Category) -> Status {
    let covering: Vec<_> = policy
        .articles
        .iter()
        .filter(|a| a.category == c || title_words(c).iter().any(|w| squash(&a.title).contains(w)))
        .collect();
    if covering.is_empty() {
        if c == Category::RegisteredFiles && mentions_registered_files(policy) {
            return Status::Present;
        }
        return Status::Missing;
    }
    let mandatory = COLUMNS.iter().any(|(k, m)| *k == c && *m);
    let says_none = covering.iter().all(|a| {
        a.blocks.iter().any(|b| {
            let t = squash(&b.plain_text());
            ["사용하지않", "제공하지않", "처리하지않", "위탁하지않"]
                .iter()
                .any(|n| t.contains(n))
        }) && a.blocks.len() <= 2
    });
    if !mandatory && says_none {
        Status::NotApplicable
    } else {
        Status::Present
    }
}

/// Public bodies may point to the national portal for their registered files.
fn mentions_registered_files(policy: &Policy) -> bool {
    policy
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| squash(&b.plain_text()))
        .any(|t| {
            t.contains("개인정보파일")
                && (t.contains("목록") || t.contains("대장") || t.contains("포털"))
        })
}

/// The mandatory categories a policy lacks.
pub fn missing_mandatory(policy: &Policy) -> Vec<Category> {
    // A CCTV policy answers other requirements than a privacy policy's.
    if !policy.kind.is_privacy() {
        return Vec::new();
    }
    COLUMNS
        .iter()
        .filter(|(c, m)| *m && status(policy, *c) == Status::Missing)
        .map(|(c, _)| *c)
        .collect()
}

/// Whole years from `from` to `to`.
pub fn years_between(from: Date, to: Date) -> u32 {
    let mut years = to.year as i32 - from.year as i32;
    if (to.month, to.day) < (from.month, from.day) {
        years -= 1;
    }
    years.max(0) as u32
}

/// The date policy ages are counted to: the day in Korea (UTC+9, no
/// daylight saving) at `SOURCE_DATE_EPOCH` when set (for reproducible
/// builds), else now.
pub fn reference_date() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    korean_day(secs)
}

/// The calendar day in Korea at a Unix time.
fn korean_day(secs: i64) -> Date {
    civil_from_days((secs + 9 * 3600).div_euclid(86_400))
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    Date {
        year: (if m <= 2 { y + 1 } else { y }) as u16,
        month: m as u8,
        day: d as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_is_the_day_in_korea() {
        // 2026-11-29 23:30 UTC is 2026-11-30 08:30 in Seoul.
        assert_eq!(korean_day(1_795_995_000).to_string(), "2026-11-30");
        // 2026-11-29 14:59 UTC is still the 29th there.
        assert_eq!(korean_day(1_795_964_340).to_string(), "2026-11-29");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(20_414).to_string(), "2025-11-22");
    }

    #[test]
    fn ages() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(years_between(d("2015-08-26"), d("2026-08-25")), 10);
        assert_eq!(years_between(d("2015-08-26"), d("2026-08-26")), 11);
    }
}

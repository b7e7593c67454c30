//! How old a policy is: whole years, to the day in Korea (jiff, with the
//! time-zone database bundled).

use jiff::{Timestamp, Unit, civil, tz::TimeZone};

use crate::model::Date;

fn civil(d: Date) -> civil::Date {
    civil::date(d.year as i16, d.month as i8, d.day as i8)
}

/// Whole years from `from` to `to` (none when `to` comes first).
pub fn years_between(from: Date, to: Date) -> u32 {
    civil(from)
        .until((Unit::Year, civil(to)))
        .map_or(0, |span| span.get_years().max(0) as u32)
}

/// The date policy ages are counted to: the day in Asia/Seoul at
/// `SOURCE_DATE_EPOCH` when set (for reproducible builds), else now.
pub fn reference_date() -> Date {
    let at = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| Timestamp::from_second(secs).ok())
        .unwrap_or_else(Timestamp::now);
    korean_day(at)
}

/// The calendar day in Korea at an instant.
fn korean_day(at: Timestamp) -> Date {
    let seoul = TimeZone::get("Asia/Seoul").unwrap_or_else(|_| {
        // The bundled database always has it; Korea keeps UTC+9 all year.
        TimeZone::fixed(jiff::tz::offset(9))
    });
    let d = at.to_zoned(seoul).date();
    Date {
        year: d.year() as u16,
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(secs).unwrap()
    }

    #[test]
    fn the_day_is_the_day_in_korea() {
        // 2026-11-29 23:30 UTC is 2026-11-30 08:30 in Seoul.
        assert_eq!(korean_day(at(1_795_995_000)).to_string(), "2026-11-30");
        // 2026-11-29 14:59 UTC is still the 29th there.
        assert_eq!(korean_day(at(1_795_964_340)).to_string(), "2026-11-29");
    }

    #[test]
    fn ages() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(years_between(d("2015-08-26"), d("2026-08-25")), 10);
        assert_eq!(years_between(d("2015-08-26"), d("2026-08-26")), 11);
        assert_eq!(years_between(d("2024-02-29"), d("2025-02-28")), 0);
        assert_eq!(years_between(d("2026-01-01"), d("2025-01-01")), 0);
    }
}

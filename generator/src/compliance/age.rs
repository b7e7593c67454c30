//! How old a policy is: whole years to the day in Korea.

use crate::model::Date;

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

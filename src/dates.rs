//! Calendar dates, the one home for them: checking the data's `YYYY-MM-DD` dates (with the
//! `time` crate), the document date (`SOURCE_DATE_EPOCH` or the dataset's), and dates as the
//! briefs print them ("17 May 2022", "17–20 May 2022", "November 2023").

use crate::error::{Error, Result};
use crate::model::Dataset;

/// The expected form, named in every date problem.
pub const FORM: &str = "YYYY-MM-DD, a real calendar date such as 2022-05-17";

/// Checks `text` is a real date in `YYYY-MM-DD` form; returns the problem's message otherwise.
pub fn check(text: &str) -> std::result::Result<time::Date, String> {
    let bad = || format!("`{}` is not a date (expected {FORM})", clip(text));
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u16>().map_err(|_| bad());
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(bad)?;
    time::Date::from_calendar_date(i32::from(year), month, day as u8).map_err(|_| {
        format!(
            "`{text}` is not a real calendar date (expected {FORM}): {} {year} has no day {day}",
            month
        )
    })
}

/// At most 40 characters of `text`, for messages.
fn clip(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_string(),
    }
}

/// The document date: SOURCE_DATE_EPOCH if set, else the dataset's date.
pub fn document_date(dataset: &Dataset) -> Result<String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        // Empty means unset, as reproducible-builds.org specifies.
        Ok(epoch) if !epoch.trim().is_empty() => {
            let secs: i64 = epoch.trim().parse().map_err(|_| {
                Error::Usage(format!(
                    "SOURCE_DATE_EPOCH={epoch} is not a number of seconds"
                ))
            })?;
            let day = time::OffsetDateTime::from_unix_timestamp(secs)
                .map_err(|_| {
                    Error::Usage(format!(
                        "SOURCE_DATE_EPOCH={epoch} is outside the years the calendar covers"
                    ))
                })?
                .date();
            Ok(format!(
                "{:04}-{:02}-{:02}",
                day.year(),
                u8::from(day.month()),
                day.day()
            ))
        }
        _ => Ok(dataset.declared.date.clone()),
    }
}

/// A typst date from `YYYY-MM-DD`, or `None` for anything else.
pub fn parse_date(date: &str) -> Option<typst::foundations::Datetime> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i32>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    typst::foundations::Datetime::from_ymd(y, m.try_into().ok()?, d.try_into().ok()?)
}

/// "17–20 May 2022" from two ISO dates of the same month, else both dates in full.
pub fn date_range(start: &str, end: &str) -> String {
    match (human_date(start), human_date(end)) {
        (Some((d1, m1, y1)), Some((d2, m2, y2))) if m1 == m2 && y1 == y2 => {
            format!("{d1}–{d2} {m1} {y1}")
        }
        _ => format!("{} – {}", format_date(start), format_date(end)),
    }
}

/// "2022-05-17" -> "17 May 2022"; other text unchanged.
pub fn format_date(date: &str) -> String {
    human_date(date).map_or_else(|| date.to_string(), |(d, m, y)| format!("{d} {m} {y}"))
}

fn human_date(date: &str) -> Option<(u32, &'static str, &str)> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let month = MONTHS.get(m.parse::<usize>().ok()?.checked_sub(1)?)?;
    Some((d.parse().ok()?, month, y))
}

/// "2020-06-04" -> "4 June 2020", "2023-11" -> "November 2023"; other text unchanged.
pub fn month_date(date: &str) -> String {
    let formatted = format_date(date);
    if formatted != date {
        return formatted;
    }
    format_date(&format!("{date}-01"))
        .strip_prefix("1 ")
        .map_or_else(|| date.to_string(), str::to_string)
}

/// `month_date` with the month abbreviated as the UN does in tables: "2023-11" -> "Nov. 2023",
/// "2020-06-04" -> "4 June 2020", "2021-09" -> "Sept. 2021"; other text unchanged.
pub fn short_month_date(date: &str) -> String {
    const SHORT: [(&str, &str); 7] = [
        ("January", "Jan."),
        ("February", "Feb."),
        ("August", "Aug."),
        ("September", "Sept."),
        ("October", "Oct."),
        ("November", "Nov."),
        ("December", "Dec."),
    ];
    let long = month_date(date);
    if long == date {
        return long;
    }
    SHORT
        .iter()
        .find(|(month, _)| long.contains(month))
        .map_or_else(|| long.clone(), |(month, short)| long.replace(month, short))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_dates_are_short() {
        assert_eq!(short_month_date("2023-11"), "Nov. 2023");
        assert_eq!(short_month_date("2021-09-01"), "1 Sept. 2021");
        assert_eq!(short_month_date("2020-06-04"), "4 June 2020");
        assert_eq!(short_month_date("2020"), "2020");
        assert_eq!(short_month_date("an article"), "an article");
    }

    #[test]
    fn months_read_well() {
        assert_eq!(month_date("2023-11"), "November 2023");
        assert_eq!(month_date("2020-06-04"), "4 June 2020");
        assert_eq!(month_date("2020"), "2020");
    }

    #[test]
    fn only_real_dates_pass() {
        assert!(check("2022-05-17").is_ok());
        assert!(check("2024-02-29").is_ok());
        for bad in [
            "2026-13-45",
            "2022-02-30",
            "yesterday",
            "2022-5-17",
            "",
            "2023-02-29",
        ] {
            let message = check(bad).unwrap_err();
            assert!(message.contains("YYYY-MM-DD"), "{bad}: {message}");
        }
        assert!(check("2022-02-30")
            .unwrap_err()
            .contains("February 2022 has no day 30"));
    }
}

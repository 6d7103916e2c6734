//! Calendar dates in the data: `YYYY-MM-DD`, and a real day of the Gregorian calendar.

/// The expected form, named in every date problem.
pub const FORM: &str = "YYYY-MM-DD, a real calendar date such as 2022-05-17";

/// Checks `text` is a real date in `YYYY-MM-DD` form; returns the problem's message otherwise.
pub fn check(text: &str) -> Result<time::Date, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_pass() {
        assert!(check("2022-05-17").is_ok());
        assert!(check("2024-02-29").is_ok());
        for bad in ["2026-13-45", "2022-02-30", "yesterday", "2022-5-17", "", "2023-02-29"] {
            let message = check(bad).unwrap_err();
            assert!(message.contains("YYYY-MM-DD"), "{bad}: {message}");
        }
        assert!(check("2022-02-30").unwrap_err().contains("February 2022 has no day 30"));
    }
}

//! Optional country indicators (`indicators/*.csv`: iso3, indicator, year, value, unit, source).
//!
//! Headers may be in any case and the file may start with a BOM. Rows for the areas of the areas
//! table (`areas.csv`: the territories and other areas of a UN DESA table, which have no brief)
//! are set aside with one notice per file, but still count towards the totals over all areas (for
//! UN DESA's migrant stock, the world figure). A code that is neither a State nor such an area is
//! a typo: an error at its line, so that no State's figures are dropped from its brief unseen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{read_csv, Lines};
use crate::error::Problem;
use crate::model::{AreaTotal, Country, Indicator};

const COLUMNS: [&str; 6] = ["iso3", "indicator", "year", "value", "unit", "source"];

/// Indicator values by country, and per indicator and year the totals over every area read.
#[derive(Default)]
pub struct Indicators {
    pub by_country: BTreeMap<String, Vec<Indicator>>,
    pub totals: BTreeMap<String, BTreeMap<i32, AreaTotal>>,
}

/// Reads every indicator file; values are grouped by country and sorted by indicator and year.
pub fn load(
    files: &[PathBuf],
    countries: &[Country],
    known_areas: Option<&BTreeSet<String>>,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<Problem>,
) -> Indicators {
    let mut out = Indicators::default();
    let mut areas: BTreeMap<(String, i32), BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let mut set_aside = BTreeSet::new();
        let mut rows_aside = 0;
        for (line, iso3, value) in read(path, problems, notices) {
            let total = out
                .totals
                .entry(value.indicator.clone())
                .or_default()
                .entry(value.year)
                .or_default();
            total.value += value.value;
            areas
                .entry((value.indicator.clone(), value.year))
                .or_default()
                .insert(iso3.clone());
            if countries.binary_search_by(|c| c.iso3.cmp(&iso3)).is_ok() {
                out.by_country.entry(iso3).or_default().push(value);
            } else if !is_code(&iso3) {
                let message = format!("`{iso3}` is not an ISO 3166 alpha-3 code");
                problems.push(Problem::new(path, Some(line), "iso3", message));
            } else if known_areas.is_none_or(|known| known.contains(&iso3)) {
                rows_aside += 1;
                set_aside.insert(iso3);
            } else {
                let message = format!(
                    "`{iso3}` is neither a State of the countries table nor an area of the areas \
                     table (a typo? an area that is not a State goes in the areas table, with its \
                     source)"
                );
                problems.push(Problem::new(path, Some(line), "iso3", message));
            }
        }
        if rows_aside > 0 {
            let codes: Vec<&str> = set_aside.iter().map(String::as_str).collect();
            let message = format!(
                "{rows_aside} rows for {} areas that are not States (no brief) set aside{}: {}",
                codes.len(),
                if known_areas.is_some() {
                    ""
                } else {
                    " unchecked (dataset.yaml names no `areas` table)"
                },
                codes.join(", ")
            );
            notices.push(Problem::new(path, None, "iso3", message));
        }
    }
    for ((indicator, year), set) in areas {
        if let Some(total) = out
            .totals
            .get_mut(&indicator)
            .and_then(|t| t.get_mut(&year))
        {
            total.areas = set.len();
        }
    }
    for values in out.by_country.values_mut() {
        values.sort_by(|a, b| a.indicator.cmp(&b.indicator).then(a.year.cmp(&b.year)));
    }
    out
}

/// Whether `iso3` has the form of an ISO 3166 alpha-3 code: three capital letters.
pub(super) fn is_code(iso3: &str) -> bool {
    iso3.len() == 3 && iso3.chars().all(|c| c.is_ascii_uppercase())
}

/// The rows of one file with their lines; every bad field is a problem naming file, line and
/// field. As in pledge files, unknown columns are notices and a second column for a field is an
/// error (which of the two holds the values is anyone's guess).
fn read(
    path: &Path,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<Problem>,
) -> Vec<(usize, String, Indicator)> {
    let Some(file) = read_csv(path, problems) else {
        return Vec::new();
    };
    let headers: Vec<&str> = file
        .headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim())
        .collect();
    let names: Vec<String> = headers.iter().map(|h| h.to_lowercase()).collect();
    for (i, (header, name)) in headers.iter().zip(&names).enumerate() {
        if !COLUMNS.contains(&name.as_str()) {
            notices.push(Problem::new(
                path,
                Some(1),
                *header,
                "unknown column, ignored",
            ));
        } else if names[..i].contains(name) {
            problems.push(Problem::new(
                path,
                Some(1),
                *header,
                "a second column for the same field",
            ));
        }
    }
    let mut at = [0; COLUMNS.len()];
    let mut missing = false;
    for (slot, column) in at.iter_mut().zip(COLUMNS) {
        match names.iter().position(|n| n == column) {
            Some(i) => *slot = i,
            None => {
                missing = true;
                let message = format!(
                    "missing column `{column}` (expected {})",
                    COLUMNS.join(", ")
                );
                problems.push(Problem::new(path, Some(1), column, message));
            }
        }
    }
    if missing {
        return Vec::new();
    }
    let mut rows = Vec::new();
    let mut lines = Lines::new(&file.bytes);
    for record in file.records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(super::csv_problem(path, &file.bytes, &err));
                continue;
            }
        };
        let line = lines.of(&record);
        let field = |i: usize| record.get(at[i]).unwrap_or("").trim();
        let bad = |column: &str, message: String| Problem::new(path, Some(line), column, message);
        let year = match field(2).parse::<i32>() {
            Ok(year) => year,
            Err(_) => {
                problems.push(bad("year", format!("`{}` is not a year", field(2))));
                continue;
            }
        };
        let value = match field(3).parse::<f64>() {
            Ok(value) if value.is_finite() => value,
            _ => {
                let message = format!("`{}` is not a finite number", field(3));
                problems.push(bad("value", message));
                continue;
            }
        };
        if field(1).is_empty() {
            problems.push(bad("indicator", "empty".to_string()));
            continue;
        }
        rows.push((
            line,
            field(0).to_string(),
            Indicator {
                indicator: field(1).to_string(),
                year,
                value,
                unit: field(4).to_string(),
                source: field(5).to_string(),
            },
        ));
    }
    rows
}

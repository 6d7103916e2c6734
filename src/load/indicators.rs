//! Optional country indicators (`indicators/*.csv`: iso3, indicator, year, value, unit, source).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::read_rows;
use crate::error::Problem;
use crate::model::{Country, Indicator};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    iso3: String,
    indicator: String,
    year: i32,
    value: f64,
    unit: String,
    source: String,
}

/// Reads every indicator file; values are grouped by country and sorted by indicator and year.
pub fn load(
    files: &[PathBuf],
    countries: &[Country],
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Vec<Indicator>> {
    let mut by_country: BTreeMap<String, Vec<Indicator>> = BTreeMap::new();
    for path in files {
        for (line, row) in read_rows::<Row>(path, problems) {
            if countries.iter().any(|c| c.iso3 == row.iso3) {
                let Row {
                    iso3,
                    indicator,
                    year,
                    value,
                    unit,
                    source,
                } = row;
                let value = Indicator {
                    indicator,
                    year,
                    value,
                    unit,
                    source,
                };
                by_country.entry(iso3).or_default().push(value);
            } else {
                let message = format!("`{}` is not an ISO3 code of data/countries.csv", row.iso3);
                problems.push(Problem::new(path, Some(line), "iso3", message));
            }
        }
    }
    for values in by_country.values_mut() {
        values.sort_by(|a, b| a.indicator.cmp(&b.indicator).then(a.year.cmp(&b.year)));
    }
    by_country
}

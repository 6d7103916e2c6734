//! Loads the areas table (`areas:` in `dataset.yaml`, bundled as `areas.csv`: iso3, source): the
//! areas other than States that indicator files may name, such as the territories of a UN DESA
//! table. Their rows are set aside; an ISO3 code that is neither a State nor such an area is a
//! typo, reported at its file, line and field.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use super::read_rows;
use crate::error::Problem;
use crate::model::Country;

/// One row of the areas table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Area {
    iso3: String,
    /// Where the code is published (e.g. "UN DESA, International Migrant Stock 2024").
    source: String,
}

/// The ISO3 codes of the table at `path`; a malformed, repeated or sourceless code, or a State of
/// `countries` (which has a brief, so is no area to set aside), is a problem naming its line.
pub fn load(path: &Path, countries: &[Country], problems: &mut Vec<Problem>) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for (line, area) in read_rows::<Area>(path, problems) {
        let bad = |field: &str, message: String| Problem::new(path, Some(line), field, message);
        let iso3 = area.iso3.trim();
        if !super::indicators::is_code(iso3) {
            problems.push(bad("iso3", format!("`{iso3}` is not an ISO3-style code")));
        } else if countries
            .binary_search_by(|c| c.iso3.as_str().cmp(iso3))
            .is_ok()
        {
            let message = format!("`{iso3}` is a State of the countries table, not another area");
            problems.push(bad("iso3", message));
        } else if !codes.insert(iso3.to_string()) {
            problems.push(bad("iso3", format!("`{iso3}` is listed twice")));
        }
        if area.source.trim().is_empty() {
            problems.push(bad(
                "source",
                "empty: say where the code is published".into(),
            ));
        }
    }
    codes
}

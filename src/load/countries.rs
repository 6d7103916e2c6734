//! Loads `countries.csv`: the Member States and observer States with their regions and groups.

use std::path::Path;

use super::read_rows;
use crate::error::Problem;
use crate::model::Country;

/// Reads the countries table, sorted by ISO3, each with its line; every bad row is a problem
/// naming its line.
pub fn load(path: &Path, problems: &mut Vec<Problem>) -> Vec<(usize, Country)> {
    let mut countries = Vec::new();
    for (line, country) in read_rows::<Country>(path, problems) {
        let valid = country.iso3.len() == 3 && country.iso3.chars().all(|c| c.is_ascii_uppercase());
        if !valid {
            let message = format!("`{}` is not an ISO 3166 alpha-3 code", country.iso3);
            problems.push(Problem::new(path, Some(line), "iso3", message));
        }
        countries.push((line, country));
    }
    countries.sort_by(|a, b| a.1.iso3.cmp(&b.1.iso3));
    countries
}

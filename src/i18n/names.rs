//! Sourced names and titles in an edition's language: country short names (`countries.csv`,
//! `name_fr`, `name_es`), M49 region names, the GCM's objective titles and guiding principles,
//! and UN terms (`data/i18n/*.csv`, each string seen in public material; see its README). The
//! English edition has none: every lookup gives the English back.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Problem, Result};

/// One edition's sourced names.
#[derive(Default, Debug)]
pub struct Names {
    countries: HashMap<String, String>,
    regions: HashMap<String, String>,
    objectives: HashMap<u16, String>,
    principles: HashMap<String, String>,
    terms: HashMap<String, String>,
}

/// Files larger than this are refused.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

fn rows(path: &Path) -> Result<Vec<HashMap<String, String>>> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(Vec::new());
    };
    if meta.len() > MAX_BYTES {
        return Err(Error::Data(vec![Problem::new(
            path,
            None,
            "",
            format!("{} bytes, over the limit of {MAX_BYTES}", meta.len()),
        )]));
    }
    let mut reader = csv::Reader::from_path(path).map_err(|err| csv_problem(path, &err))?;
    let headers = reader.headers().map_err(|e| csv_problem(path, &e))?.clone();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| csv_problem(path, &err))?;
        out.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect(),
        );
    }
    Ok(out)
}

fn csv_problem(path: &Path, err: &csv::Error) -> Error {
    let line = err.position().map(|p| p.line() as usize);
    Error::Data(vec![Problem::new(path, line, "", err.to_string())])
}

impl Names {
    /// The names of `lang` from the data folder `data` (none for English).
    pub fn load(data: &Path, lang: &str) -> Result<Names> {
        let mut names = Names::default();
        if lang == "en" {
            return Ok(names);
        }
        let column = format!("name_short_{lang}");
        let alt = format!("name_{lang}");
        for row in rows(&data.join("countries.csv"))? {
            let name = row.get(&column).or_else(|| row.get(&alt));
            if let (Some(iso3), Some(name)) = (row.get("iso3"), name) {
                if !name.is_empty() {
                    names.countries.insert(iso3.clone(), name.clone());
                }
            }
        }
        let i18n = data.join("i18n");
        let m49 = rows(&i18n.join("m49-names-i18n.csv"))?;
        let english: HashMap<&str, &str> = m49
            .iter()
            .filter(|r| r["lang"] == "en")
            .map(|r| (r["m49_code"].as_str(), r["name"].as_str()))
            .collect();
        for r in m49.iter().filter(|r| r["lang"] == lang) {
            if let Some(en) = english.get(r["m49_code"].as_str()) {
                names.regions.insert(en.to_string(), r["name"].clone());
            }
        }
        for r in rows(&i18n.join("gcm-objectives-i18n.csv"))? {
            if r["lang"] == lang && !r["title"].is_empty() {
                if let Ok(n) = r["number"].parse() {
                    names.objectives.insert(n, r["title"].clone());
                }
            }
        }
        for r in rows(&i18n.join("gcm-principles-i18n.csv"))? {
            if r["lang"] == lang {
                names.principles.insert(r["key"].clone(), r["name"].clone());
            }
        }
        // The first row of a term is the one printed (the file lists the fullest form first).
        for r in rows(&i18n.join("terms-i18n.csv"))? {
            if r["lang"] == lang {
                names
                    .terms
                    .entry(r["term_en"].clone())
                    .or_insert_with(|| r["term"].clone());
            }
        }
        Ok(names)
    }

    /// The State's short name, or `english`.
    pub fn country(&self, iso3: &str, english: &str) -> String {
        self.countries
            .get(iso3)
            .cloned()
            .unwrap_or_else(|| english.to_string())
    }

    /// An M49 region's name by its English name, or `english`.
    pub fn region(&self, english: &str) -> String {
        self.regions
            .get(english)
            .cloned()
            .unwrap_or_else(|| english.to_string())
    }

    /// Whether the region has a sourced name.
    pub fn has_region(&self, english: &str) -> bool {
        self.regions.contains_key(english)
    }

    /// The sourced title of objective `n`, if the data has one.
    pub fn objective(&self, n: u16) -> Option<&str> {
        self.objectives.get(&n).map(String::as_str)
    }

    /// The sourced name of guiding principle `key` (a-j), if the data has one.
    pub fn principle(&self, key: &str) -> Option<&str> {
        self.principles.get(key).map(String::as_str)
    }

    /// A UN term by its English wording (as `terms-i18n.csv` lists it), if the data has one.
    pub fn term(&self, english: &str) -> Option<&str> {
        self.terms.get(english).map(String::as_str)
    }

    /// A UN regional group as `countries.csv` names it ("Asia and the Pacific Group").
    pub fn group(&self, english: &str) -> Option<&str> {
        let key = match english {
            "Asia and the Pacific Group" => "Asia-Pacific Group",
            other => other,
        };
        self.term(key)
    }
}

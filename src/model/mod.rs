//! The typed data model: the forum, the reference tables and the pledges, as loaded and checked.
//! The Compact and the forum file are in [`forum`], the States' record in [`record`].

mod forum;
mod record;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use forum::*;
pub use record::*;
/// A GCM objective number, 1 to 23. Deserializing anything else fails with the value's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ObjectiveNo(u8);

impl ObjectiveNo {
    pub const COUNT: u8 = 23;

    pub fn new(n: i64) -> Option<Self> {
        (1..=i64::from(Self::COUNT))
            .contains(&n)
            .then_some(ObjectiveNo(n as u8))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = ObjectiveNo> {
        (1..=Self::COUNT).map(ObjectiveNo)
    }
}

impl fmt::Display for ObjectiveNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for ObjectiveNo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(deserializer)?;
        ObjectiveNo::new(n).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "objective {n} does not exist (the GCM has objectives 1 to 23)"
            ))
        })
    }
}

/// What `data/dataset.yaml` declares about the data folder.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dataset.yaml")]
pub struct DatasetFile {
    /// The dataset's name, printed in every colophon.
    pub name: String,
    /// Whether the data comes from official, cited sources. Briefs from other data carry a notice.
    pub official: bool,
    /// The document date printed on every brief (overridden by SOURCE_DATE_EPOCH).
    pub date: String,
    /// The Forum's YAML (round tables, policy debate, plenary), relative to the data folder.
    pub forum: PathBuf,
    /// The GCM's objectives and guiding principles (YAML), relative to the data folder.
    pub objectives: PathBuf,
    /// The countries table (CSV), relative to the data folder.
    pub countries: PathBuf,
    /// The areas other than States that indicator files may name (CSV: `iso3,source`, relative
    /// to the data folder; optional), e.g. the territories of a UN DESA table: their rows are set
    /// aside, and any other code that is not a State is an error at its line. Without it, rows of
    /// every code that is not a State are set aside unchecked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub areas: Option<PathBuf>,
    /// The pledge records and their coverage.
    pub pledges: PledgeCoverage,
    /// The States' record on the Compact and their roles at the Forum (optional).
    #[serde(default)]
    pub record: Option<RecordFiles>,
    /// Attribution lines the licences of the data ask for, printed with the provenance.
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Remote copies of data files that `imrf-briefs pull` fetches into the folder (optional).
    /// A build never fetches: it reads the last good copies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote: Vec<RemoteSource>,
}

/// One remote data file (`remote:` in `dataset.yaml`), fetched by `imrf-briefs pull`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RemoteSource {
    /// Where the file is published: `https://` (`http://` only for a loopback host, for tests).
    pub url: String,
    /// Where it goes, relative to the data folder (e.g. `pledges/export.csv`); never outside it.
    pub file: PathBuf,
    /// The file's expected sha256 (hex), to pin one exact version.
    #[serde(default)]
    pub sha256: Option<String>,
}

/// The files of the States' record (`record:` in `dataset.yaml`), relative to the data folder.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordFiles {
    /// Recorded General Assembly votes (`iso3,resolution,date,title,vote`).
    pub votes: PathBuf,
    /// How the votes are cited on the page.
    pub votes_source: String,
    /// GCM Champion countries with the earliest date a source shows (`iso3,since,source_url,note`).
    pub champions: PathBuf,
    /// What the champions list covers, printed beside it (it is partial).
    pub champions_note: String,
    /// Sourced facts on the States' record (`iso3,fact,source_url,note`, optional `text`).
    pub facts: PathBuf,
    /// Named roles at the Forum (`iso3,role,person,capacity,source_section`).
    pub roles: PathBuf,
    /// States that take part in a UN regional group as observers, not members (the United States
    /// in the Western European and Others Group).
    #[serde(default)]
    pub group_observers: Vec<String>,
}

/// Where the pledges come from and how complete they are.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PledgeCoverage {
    /// The folder of pledge CSVs (every CSV in it is read), relative to the data folder.
    pub folder: PathBuf,
    /// `complete` or `partial`.
    pub coverage: Coverage,
    /// The total the records are part of, as reported (e.g. "about 214").
    pub reported_total: Option<String>,
    /// A note on the records, printed where the briefs count pledges.
    pub note: Option<String>,
    /// Where the records come from.
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Complete,
    Partial,
}

/// A Member State or observer State (`data/countries.csv`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    pub m49: String,
    pub name: String,
    pub name_formal: String,
    pub name_fr: String,
    pub name_es: String,
    pub un_status: String,
    pub region_code: String,
    pub region: String,
    pub subregion_code: String,
    pub subregion: String,
    pub intermediate_region_code: String,
    pub intermediate_region: String,
    pub un_regional_group: String,
    pub income_level: String,
}

impl Country {
    /// The English short name as running text writes it, read from the sourced formal name: "the
    /// United States of America" and "the Philippines" (formal "the Republic of the
    /// Philippines"), "the Kingdom of the Netherlands" for "Netherlands (Kingdom of the)",
    /// "Mexico" (formal "the United Mexican States").
    pub fn name_in_text(&self) -> String {
        let (name, formal) = (self.name.as_str(), self.name_formal.as_str());
        let with_article = format!("the {name}");
        if formal == with_article || formal.ends_with(&format!(" {with_article}")) {
            with_article
        } else if name.ends_with(" the)") && formal.starts_with("the ") {
            formal.to_string()
        } else {
            name.to_string()
        }
    }
}

/// A field value with an optional caveat from the source, e.g. "(inferred)".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Flagged<T> {
    pub value: T,
    /// The caveat, without parentheses; printed beside the value.
    pub flag: Option<String>,
}

/// Where a record was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// One pledge record.
#[derive(Debug, Clone, Serialize)]
pub struct Pledge {
    pub id: String,
    pub title: String,
    pub entity: String,
    pub entity_type: Flagged<String>,
    /// ISO3 codes of the countries of implementation; empty when not country-specific.
    pub countries: Flagged<Vec<String>>,
    pub region: Option<String>,
    pub pledge_type: Flagged<Option<String>>,
    pub nature: Flagged<Vec<String>>,
    pub objectives: Flagged<Vec<ObjectiveNo>>,
    pub principles: Flagged<Vec<String>>,
    pub submitted: Option<String>,
    pub source_url: Option<String>,
    pub summary: Option<String>,
    /// Set when the record was submitted after the Forum (after 20 May 2022: not when the pledge
    /// was made or announced) or made at another forum ("after the Forum", "Global Refugee
    /// Forum"), with its caveat; empty when the source does not say.
    pub made_at: Flagged<Option<String>>,
    pub origin: Origin,
}

/// Everything the briefs are made from, loaded and checked.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub root: PathBuf,
    /// What `dataset.yaml` declares.
    pub declared: DatasetFile,
    pub compact: Compact,
    pub forum: Forum,
    pub countries: Vec<Country>,
    pub pledges: Vec<Pledge>,
    /// Country indicators keyed by ISO3 (optional `indicators/*.csv`).
    pub indicators: BTreeMap<String, Vec<Indicator>>,
    /// Per indicator and year, the sum over every area of the indicator files, territories
    /// included (for UN DESA's migrant stock, the world total), with the number of areas.
    pub indicator_totals: BTreeMap<String, BTreeMap<i32, AreaTotal>>,
    /// The States' record: votes, Champion status, sourced facts, Forum roles.
    pub record: Record,
    /// A short hash of every input file, printed in colophons.
    pub data_hash: String,
    /// Every data file read, as loaded (what `--deps` lists).
    pub files: Vec<PathBuf>,
}

impl Dataset {
    /// What the one-line notice of covers, catalogs and binders says: data not marked official,
    /// or pledge figures that rest on partial records; `None` for complete official data.
    pub fn notice_of(&self) -> Option<Notice<'_>> {
        let m = &self.declared;
        if !m.official {
            Some(Notice::NotOfficial { dataset: &m.name })
        } else if m.pledges.coverage == Coverage::Partial {
            Some(Notice::Partial {
                pledges: self.pledges.len(),
                reported: m.pledges.reported_total.as_deref(),
            })
        } else {
            None
        }
    }

    /// That notice in English (the catalog page's); binders say it in their edition's words.
    pub fn notice(&self) -> Option<String> {
        self.notice_of().map(|notice| match notice {
            Notice::NotOfficial { dataset } => {
                format!("Built from data not marked official ({dataset}).")
            }
            Notice::Partial { pledges, reported } => format!(
                "Pledge figures count the {pledges} pledge records available{}; they are partial.",
                reported
                    .map(|t| format!(", out of {t} reported"))
                    .unwrap_or_default()
            ),
        })
    }
}

/// What a cover's notice says of the data (see [`Dataset::notice_of`]).
pub enum Notice<'a> {
    /// The data is not marked official: its name.
    NotOfficial { dataset: &'a str },
    /// The pledge records are partial: how many there are, and how many were reported (in
    /// words, "about 214"), if known.
    Partial {
        pledges: usize,
        reported: Option<&'a str>,
    },
}

/// One value of a country indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Indicator {
    pub indicator: String,
    pub year: i32,
    pub value: f64,
    pub unit: String,
    pub source: String,
}

/// A sum of one indicator over the areas of the indicator files.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct AreaTotal {
    pub value: f64,
    pub areas: usize,
}

#[cfg(test)]
mod tests {
    use super::Country;

    fn country(name: &str, formal: &str) -> Country {
        let row = format!(
            "iso3,iso2,m49,name,name_formal,name_fr,name_es,un_status,region_code,region,subregion_code,subregion,intermediate_region_code,intermediate_region,un_regional_group,income_level\n\
             XXX,XX,999,\"{name}\",\"{formal}\",,,member,,,,,,,,\n"
        );
        csv::Reader::from_reader(row.as_bytes())
            .deserialize()
            .next()
            .unwrap()
            .unwrap()
    }

    #[test]
    fn running_text_takes_the_article_the_formal_name_gives() {
        for (name, formal, in_text) in [
            (
                "United States of America",
                "the United States of America",
                "the United States of America",
            ),
            (
                "Philippines",
                "the Republic of the Philippines",
                "the Philippines",
            ),
            (
                "Netherlands (Kingdom of the)",
                "the Kingdom of the Netherlands",
                "the Kingdom of the Netherlands",
            ),
            ("Mexico", "the United Mexican States", "Mexico"),
            ("Maldives", "the Republic of Maldives", "Maldives"),
            ("Solomon Islands", "Solomon Islands", "Solomon Islands"),
        ] {
            assert_eq!(country(name, formal).name_in_text(), in_text);
        }
    }
}

//! Loads pledge CSVs: the bundled columns or the pledging dashboard's export headers, in any order.
//!
//! Cells are mapped to the model here: lists split on `;` or `,`, objectives given as numbers,
//! "Objective 5" or titles, countries as ISO3, ISO2 or names, and caveats such as "(inferred)"
//! kept beside the value they qualify.

use std::collections::HashMap;
use std::path::Path;

use super::lists::{split_caveat, split_list, split_objectives};
use super::{csv_problem, read_csv, CsvFile, Lines};
use crate::error::Problem;
use crate::model::{Compact, Country, Flagged, ObjectiveNo, Origin, Pledge};

/// The model fields a pledge column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Id,
    Title,
    Entity,
    EntityType,
    Countries,
    Region,
    PledgeType,
    Nature,
    Objectives,
    Principles,
    Submitted,
    SourceUrl,
    Summary,
    MadeAt,
}

/// Accepted headers per field, normalized (lower case, single spaces). The first is the bundled name;
/// the dashboard export's form field names follow.
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Id,
        &["id", "pledge id", "submission id", "serial number", "sid"],
    ),
    (
        Column::Title,
        &["title", "name of the pledge", "pledge title", "pledge name"],
    ),
    (
        Column::Entity,
        &[
            "entity",
            "name of entity submitting the pledge",
            "submitting entity",
        ],
    ),
    (
        Column::EntityType,
        &["entity type", "pledging entity", "type of entity"],
    ),
    (
        Column::Countries,
        &[
            "country iso3",
            "country of implementation",
            "country",
            "countries",
        ],
    ),
    (Column::Region, &["region", "region of implementation"]),
    (Column::PledgeType, &["pledge type", "type of pledge"]),
    (Column::Nature, &["nature", "nature of the pledge"]),
    (
        Column::Objectives,
        &["objectives", "main three gcm objectives", "gcm objectives"],
    ),
    (
        Column::Principles,
        &[
            "guiding principles",
            "gcm guiding principle",
            "gcm guiding principles",
        ],
    ),
    (
        Column::Submitted,
        &["submitted", "submission date", "submitted on", "date"],
    ),
    (Column::SourceUrl, &["source url", "source", "url", "link"]),
    (
        Column::Summary,
        &["summary", "description", "pledge description"],
    ),
    (Column::MadeAt, &["made at", "context"]),
];

const REQUIRED: &[Column] = &[Column::Title, Column::Entity];

/// Entity types as briefs group them, with the spellings accepted for each.
const ENTITY_TYPES: &[(&str, &[&str])] = &[
    ("State", &["state", "states", "member state", "government"]),
    (
        "Local authority",
        &[
            "local authority",
            "cities, municipalities, and local authority",
            "local government",
            "city",
        ],
    ),
    (
        "UN entity",
        &["un entity", "united nations", "un system", "un"],
    ),
    (
        "Other stakeholder",
        &["other stakeholder", "other", "stakeholder", "stakeholders"],
    ),
];

fn normalize_header(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Lookups from the reference tables that pledge cells are resolved against.
pub struct Resolver<'a> {
    countries: HashMap<String, &'a str>,
    objectives: HashMap<String, ObjectiveNo>,
    /// The most comma-separated pieces an objective's title or label has.
    objective_pieces: usize,
    principles: HashMap<String, &'a str>,
}

impl<'a> Resolver<'a> {
    pub fn new(countries: &'a [Country], compact: &'a Compact) -> Self {
        let mut by_name = HashMap::new();
        for c in countries {
            for key in [
                &c.iso3,
                &c.iso2,
                &c.name,
                &c.name_formal,
                &c.name_fr,
                &c.name_es,
            ] {
                if !key.is_empty() {
                    by_name.insert(fold(key.trim_start_matches("the ")), c.iso3.as_str());
                }
            }
        }
        let mut objectives = HashMap::new();
        for o in &compact.objectives {
            objectives.insert(fold(&o.title), o.number);
            objectives.insert(fold(&o.short_label), o.number);
        }
        let principles = compact
            .guiding_principles
            .iter()
            .flat_map(|p| {
                [
                    (fold(&p.name), p.name.as_str()),
                    (fold(&p.key), p.name.as_str()),
                ]
            })
            .collect();
        let objective_pieces = objectives
            .keys()
            .map(|k| k.matches(',').count() + 1)
            .max()
            .unwrap_or(1);
        Resolver {
            countries: by_name,
            objectives,
            objective_pieces,
            principles,
        }
    }

    fn country(&self, text: &str) -> Option<String> {
        self.countries.get(&fold(text)).map(|iso3| iso3.to_string())
    }

    fn objective(&self, text: &str) -> Option<ObjectiveNo> {
        let folded = fold(text);
        let number = folded
            .strip_prefix("objective")
            .or_else(|| folded.strip_prefix("obj."))
            .unwrap_or(&folded)
            .trim_start();
        let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
        let rest = number[digits.len()..].trim_start_matches([':', '.', ' ', '-']);
        if !digits.is_empty() {
            let n = ObjectiveNo::new(digits.parse().ok()?)?;
            // "Objective 5: Enhance availability..." must name the same objective.
            return (rest.is_empty() || self.objectives.get(rest) == Some(&n)).then_some(n);
        }
        self.objectives.get(&folded).copied()
    }
}

/// Case- and spacing-insensitive form of a name, without a final full stop.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

/// Reads one pledge CSV. Problems are located by file, line and column; unknown columns are notices.
pub fn load(
    path: &Path,
    resolver: &Resolver,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<Problem>,
) -> Vec<Pledge> {
    let Some(CsvFile {
        bytes,
        headers,
        records,
    }) = read_csv(path, problems)
    else {
        return Vec::new();
    };
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        let name = normalize_header(header);
        match HEADERS
            .iter()
            .find(|(_, names)| names.contains(&name.as_str()))
        {
            Some((column, _)) if columns.contains_key(column) => problems.push(Problem::new(
                path,
                Some(1),
                header,
                "a second column for the same field",
            )),
            Some((column, _)) => {
                columns.insert(*column, index);
            }
            None => notices.push(Problem::new(
                path,
                Some(1),
                header,
                "unknown column, ignored",
            )),
        }
    }
    let mut missing = false;
    for required in REQUIRED {
        if !columns.contains_key(required) {
            let (_, names) = HEADERS
                .iter()
                .find(|(c, _)| c == required)
                .expect("every column has headers");
            let accepted = names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let message = format!("required column is missing (accepted headers: {accepted})");
            problems.push(Problem::new(path, Some(1), names[0], message));
            missing = true;
        }
    }
    if missing {
        return Vec::new();
    }

    let mut pledges = Vec::new();
    let mut lines = Lines::new(&bytes);
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(csv_problem(path, &bytes, &err));
                continue;
            }
        };
        let line = lines.of(&record);
        let cell = |column: Column| -> (&str, &str) {
            let header = columns.get(&column).map_or("", |&i| &headers[i]);
            let value = columns
                .get(&column)
                .and_then(|&i| record.get(i))
                .unwrap_or("")
                .trim();
            (header, value)
        };
        let mut row = Row {
            path,
            line,
            problems: &mut *problems,
        };
        if let Some(pledge) = row.pledge(&cell, resolver) {
            pledges.push(pledge);
        }
    }
    pledges
}

/// One CSV row being mapped; its problems carry the row's line.
struct Row<'p> {
    path: &'p Path,
    line: usize,
    problems: &'p mut Vec<Problem>,
}

impl Row<'_> {
    fn problem(&mut self, field: &str, message: String) {
        self.problems
            .push(Problem::new(self.path, Some(self.line), field, message));
    }

    fn pledge<'c>(
        &mut self,
        cell: &dyn Fn(Column) -> (&'c str, &'c str),
        resolver: &Resolver,
    ) -> Option<Pledge> {
        let before = self.problems.len();
        let required = |row: &mut Self, column| {
            let (header, value) = cell(column);
            if value.is_empty() {
                row.problem(header, "is empty".into());
            }
            value.to_string()
        };
        let title = required(self, Column::Title);
        let entity = required(self, Column::Entity);
        let optional = |column| Some(cell(column).1.to_string()).filter(|v| !v.is_empty());

        let id = optional(Column::Id).unwrap_or_else(|| {
            let stem = self
                .path
                .file_stem()
                .map_or("pledges".into(), |s| s.to_string_lossy());
            format!("{stem}-{}", self.line)
        });
        let entity_type = self.entity_type(cell(Column::EntityType));
        let countries = self.list(cell(Column::Countries), |text| {
            // With no countries read, the countries file's own problem says it all.
            if text.eq_ignore_ascii_case("global") || resolver.countries.is_empty() {
                return Ok(None);
            }
            resolver.country(text).map(Some).ok_or_else(|| {
                format!(
                    "`{text}` is not a country of data/countries.csv (use ISO3, ISO2 or the name)"
                )
            })
        });
        let objectives = self.objectives(cell(Column::Objectives), resolver);
        let principles = self.list(cell(Column::Principles), |text| {
            resolver
                .principles
                .get(&fold(text))
                .map(|name| Some(name.to_string()))
                .ok_or_else(|| format!("`{text}` is not one of the 10 GCM guiding principles"))
        });
        let nature = self.list(cell(Column::Nature), |text| Ok(Some(text.to_string())));
        let (pledge_type, type_flag) = split_caveat(cell(Column::PledgeType).1);
        let (url_header, url) = cell(Column::SourceUrl);
        if !url.is_empty() {
            if let Err(message) = super::validate::link(url) {
                self.problem(url_header, message);
            }
        }
        let (submitted_header, submitted) = cell(Column::Submitted);
        if !submitted.is_empty() {
            if let Err(message) = crate::dates::check(submitted) {
                self.problem(submitted_header, message);
            }
        }
        let (made_at, made_at_flag) = split_caveat(cell(Column::MadeAt).1);

        if self.problems.len() > before {
            return None;
        }
        Some(Pledge {
            id,
            title,
            entity,
            entity_type,
            countries,
            region: optional(Column::Region),
            pledge_type: Flagged {
                value: Some(pledge_type).filter(|t| !t.is_empty()),
                flag: type_flag,
            },
            nature,
            objectives,
            principles,
            submitted: optional(Column::Submitted),
            source_url: optional(Column::SourceUrl),
            summary: optional(Column::Summary),
            made_at: Flagged {
                value: Some(made_at).filter(|t| !t.is_empty()),
                flag: made_at_flag,
            },
            origin: Origin {
                file: self.path.to_path_buf(),
                line: self.line,
            },
        })
    }

    fn entity_type(&mut self, (header, text): (&str, &str)) -> Flagged<String> {
        let (value, flag) = split_caveat(text);
        if value.is_empty() {
            return Flagged {
                value: "Not stated".into(),
                flag,
            };
        }
        let folded = fold(&value);
        match ENTITY_TYPES
            .iter()
            .find(|(_, names)| names.contains(&folded.as_str()))
        {
            Some((name, _)) => Flagged {
                value: name.to_string(),
                flag,
            },
            None => {
                let accepted = ENTITY_TYPES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ");
                self.problem(
                    header,
                    format!("unknown entity type `{value}` (accepted: {accepted})"),
                );
                Flagged { value, flag }
            }
        }
    }

    /// Splits a list cell and maps each item; caveats on items or on the whole cell are kept.
    fn list<T>(
        &mut self,
        (header, text): (&str, &str),
        mut map: impl FnMut(&str) -> Result<Option<T>, String>,
    ) -> Flagged<Vec<T>> {
        let mut values = Vec::new();
        let mut flags = Vec::new();
        for item in split_list(text) {
            let (item, flag) = split_caveat(&item);
            flags.extend(flag);
            if item.is_empty() {
                continue;
            }
            match map(&item) {
                Ok(Some(value)) => values.push(value),
                Ok(None) => {}
                Err(message) => self.problem(header, message),
            }
        }
        Flagged {
            value: values,
            flag: join_flags(flags),
        }
    }

    fn objectives(
        &mut self,
        (header, text): (&str, &str),
        resolver: &Resolver,
    ) -> Flagged<Vec<ObjectiveNo>> {
        let (items, flags) = split_objectives(text, resolver.objective_pieces, |item| {
            resolver.objective(item).is_some()
        });
        let mut values = Vec::new();
        for item in items {
            match resolver.objective(&item) {
                Some(n) if !values.contains(&n) => values.push(n),
                Some(_) => {}
                None => self.problem(
                    header,
                    format!("`{item}` is not a GCM objective (write 1-23, \"Objective 5\" or the title)"),
                ),
            }
        }
        Flagged {
            value: values,
            flag: join_flags(flags),
        }
    }
}

fn join_flags(flags: Vec<String>) -> Option<String> {
    let mut unique: Vec<String> = Vec::new();
    for flag in flags {
        if !unique.contains(&flag) {
            unique.push(flag);
        }
    }
    (!unique.is_empty()).then(|| unique.join("; "))
}

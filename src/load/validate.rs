//! Cross-reference checks on the typed data, each problem pointed at its file, line and field.

use std::collections::HashMap;
use std::path::Path;

use super::yaml::YamlFile;
use crate::error::Problem;
use crate::model::{Compact, Country, DatasetFile, Forum, ObjectiveNo, Pledge};

/// `dataset.yaml`: its date is a real calendar date.
pub fn dataset_file(path: &Path, file: &YamlFile<DatasetFile>, problems: &mut Vec<Problem>) {
    date(path, &file.lines, "date", &file.value.date, problems);
}

/// A link printed in briefs: `http`, `https` or `mailto` only, without spaces or control
/// characters (so no `javascript:` or `file:` link reaches a PDF).
pub fn link(text: &str) -> Result<(), String> {
    let lower = text.to_ascii_lowercase();
    let scheme = ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len());
    if scheme && !text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a link briefs may print (only http://, https:// and mailto: links, without spaces)",
            crate::error::terminal_safe(&text.chars().take(60).collect::<String>())
        ))
    }
}

/// A date field holds a real calendar date.
fn date(
    path: &Path,
    lines: &super::LineIndex,
    field: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<time::Date> {
    crate::dates::check(text)
        .map_err(|message| problems.push(Problem::new(path, lines.line(field), field, message)))
        .ok()
}

/// Every objective 1-23 exactly once; principles present.
pub fn compact(path: &Path, file: &YamlFile<Compact>, problems: &mut Vec<Problem>) {
    let numbers: Vec<_> = file.value.objectives.iter().map(|o| o.number).collect();
    once_each(
        path,
        &file.lines,
        "objectives",
        &numbers,
        "is listed",
        problems,
    );
    if file.value.guiding_principles.is_empty() {
        let line = file.lines.line("guiding_principles");
        problems.push(Problem::new(
            path,
            line,
            "guiding_principles",
            "no guiding principles",
        ));
    }
}

/// Round tables cover each objective exactly once; every objective has key points.
pub fn forum(path: &Path, file: &YamlFile<Forum>, problems: &mut Vec<Problem>) {
    let forum = &file.value;
    let info = &forum.forum;
    let start = date(
        path,
        &file.lines,
        "forum.start_date",
        &info.start_date,
        problems,
    );
    let end = date(
        path,
        &file.lines,
        "forum.end_date",
        &info.end_date,
        problems,
    );
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            let field = "forum.end_date";
            let message = format!("ends ({end}) before it starts ({start})");
            problems.push(Problem::new(path, file.lines.line(field), field, message));
        }
    }
    if let Some(hearing) = &info.hearing {
        date(
            path,
            &file.lines,
            "forum.hearing.date",
            &hearing.date,
            problems,
        );
    }
    if let Some(url) = &forum.plenary.pledging.dashboard {
        if let Err(message) = link(url) {
            let field = "plenary.pledging.dashboard";
            problems.push(Problem::new(path, file.lines.line(field), field, message));
        }
    }
    for (i, table) in forum.round_tables.iter().enumerate() {
        if let Some(text) = &table.date {
            let field = format!("round_tables[{i}].date");
            date(path, &file.lines, &field, text, problems);
        }
    }
    let mut covered: HashMap<ObjectiveNo, usize> = HashMap::new();
    for (i, table) in forum.round_tables.iter().enumerate() {
        for (j, &n) in table.objectives.iter().enumerate() {
            if let Some(&first) = covered.get(&n) {
                let field = format!("round_tables[{i}].objectives[{j}]");
                let message = format!(
                    "objective {n} is already covered by round table {}",
                    forum.round_tables[first].number
                );
                problems.push(Problem::new(path, file.lines.line(&field), field, message));
            } else {
                covered.insert(n, i);
            }
        }
    }
    for n in ObjectiveNo::all().filter(|n| !covered.contains_key(n)) {
        let line = file.lines.line("round_tables");
        let message = format!("objective {n} is not covered by any round table");
        problems.push(Problem::new(path, line, "round_tables", message));
    }

    let numbers: Vec<_> = forum.objectives.iter().map(|o| o.number).collect();
    once_each(
        path,
        &file.lines,
        "objectives",
        &numbers,
        "has key points",
        problems,
    );
    for (i, objective) in forum.objectives.iter().enumerate() {
        if objective.key_points.is_empty() {
            let field = format!("objectives[{i}].key_points");
            let message = format!("objective {} has no key points", objective.number);
            problems.push(Problem::new(path, file.lines.line(&field), field, message));
        }
    }
}

/// `numbers` (the `number` fields of the list at `field`) hold each objective exactly once.
fn once_each(
    path: &Path,
    lines: &super::LineIndex,
    field: &str,
    numbers: &[ObjectiveNo],
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashMap::new();
    for (i, n) in numbers.iter().enumerate() {
        if let Some(first) = seen.insert(*n, i) {
            let at = format!("{field}[{i}].number");
            let message = format!("objective {n} appears twice (first at {field}[{first}])");
            problems.push(Problem::new(path, lines.line(&at), at, message));
        }
    }
    for n in ObjectiveNo::all().filter(|n| !seen.contains_key(n)) {
        let message = format!("objective {n} is missing: every objective 1-23 {what}");
        problems.push(Problem::new(path, lines.line(field), field, message));
    }
}

/// The table has rows; ISO3 codes are unique; no two regions share a file name. `countries` is
/// sorted by ISO3 and `lines` gives each one's line.
pub fn countries(path: &Path, countries: &[Country], lines: &[usize], problems: &mut Vec<Problem>) {
    if countries.is_empty() {
        problems.push(Problem::new(
            path,
            Some(1),
            "",
            "the countries table is empty: it needs a row per Member State and observer State",
        ));
        return;
    }
    for (i, pair) in countries.windows(2).enumerate() {
        if pair[0].iso3 == pair[1].iso3 {
            let (first, again) = (lines[i].min(lines[i + 1]), lines[i].max(lines[i + 1]));
            let message = format!(
                "duplicate ISO3 code `{}` (also on line {first})",
                pair[1].iso3
            );
            problems.push(Problem::new(path, Some(again), "iso3", message));
        }
    }
    let mut slugs: HashMap<String, String> = HashMap::new();
    for region in super::regions::regions(countries) {
        match slugs.get(&region.slug) {
            Some(other) => {
                let line = countries
                    .iter()
                    .zip(lines)
                    .find(|(c, _)| {
                        [&c.region, &c.subregion, &c.intermediate_region].contains(&&region.name)
                    })
                    .map(|(_, &line)| line);
                let message = format!(
                    "region {:?} and region {other:?} would both be written to regions/{}.pdf; rename one",
                    region.name, region.slug
                );
                problems.push(Problem::new(path, line, "region", message));
            }
            None => {
                slugs.insert(region.slug.clone(), region.name.clone());
            }
        }
    }
}

/// The same pledge id twice, in one file or across files, names both places.
pub fn unique_pledge_ids(pledges: &[Pledge], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, &Pledge> = HashMap::new();
    for pledge in pledges {
        match seen.get(pledge.id.as_str()) {
            Some(first) => {
                let message = format!("pledge id `{}` is also used at {}", pledge.id, first.origin);
                problems.push(Problem::new(
                    &pledge.origin.file,
                    Some(pledge.origin.line),
                    "id",
                    message,
                ));
            }
            None => {
                seen.insert(&pledge.id, pledge);
            }
        }
    }
}

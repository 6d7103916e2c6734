//! Cross-reference checks on the typed data, each problem pointed at its file, line and field.

use std::collections::HashMap;
use std::path::Path;

use super::yaml::YamlFile;
use crate::error::Problem;
use crate::model::{Compact, Country, Forum, ObjectiveNo, Pledge};

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

/// ISO3 codes are unique.
pub fn countries(path: &Path, countries: &[Country], problems: &mut Vec<Problem>) {
    for pair in countries.windows(2) {
        if pair[0].iso3 == pair[1].iso3 {
            let message = format!("`{}` appears twice", pair[1].iso3);
            problems.push(Problem::new(path, None, "iso3", message));
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

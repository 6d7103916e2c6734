//! Reads a YAML file into a typed value, turning serde_yaml's errors into located problems.

use std::collections::BTreeSet;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::locate::LineIndex;
use super::read_text;
use crate::error::Problem;

/// A parsed YAML file with the line of every field, for later cross-reference errors.
pub struct YamlFile<T> {
    pub value: T,
    pub lines: LineIndex,
}

/// Parses `path`; on failure, records the problem (file, line, field) and returns `None`.
pub fn read<T: DeserializeOwned>(path: &Path, problems: &mut Vec<Problem>) -> Option<YamlFile<T>> {
    let text = match read_text(path) {
        Ok(text) => text,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    if let Some((line, c)) = control_character(&text) {
        let message = format!(
            "the text holds a control character (U+{:04X}), which YAML does not allow",
            c as u32
        );
        problems.push(Problem::new(path, Some(line), "", message));
        return None;
    }
    if let Some(exceeded) = super::limits::yaml(&text) {
        problems.push(Problem::new(
            path,
            Some(exceeded.line),
            exceeded.field,
            exceeded.message,
        ));
        return None;
    }
    match serde_yaml::from_str(&text) {
        Ok(value) => Some(YamlFile {
            value,
            lines: LineIndex::new(text),
        }),
        Err(err) => {
            let first = problem_from(path, &err);
            let more = further_problems::<T>(path, &text, &first);
            problems.push(first);
            problems.extend(more);
            None
        }
    }
}

/// At most this many more problems of one file are looked for after its first.
const FURTHER: usize = 20;

/// The problems of a file after its `first` (serde stops at one): the value at the problem's
/// field is replaced by a stand-in of the type serde expected there (a missing field added, an
/// unknown one removed) and the file read again, until it reads or a problem names no type to
/// stand in. A stand-in's own problems (a map's missing fields, an empty field's type) are not
/// the file's and are not reported. Lines are looked up in the file as written.
fn further_problems<T: DeserializeOwned>(path: &Path, text: &str, first: &Problem) -> Vec<Problem> {
    use serde_yaml::Value;
    let Ok(mut value) = serde_yaml::from_str::<Value>(text) else {
        return Vec::new();
    };
    let lines = LineIndex::new(text.to_string());
    // The fields given a stand-in, and those of them added as null (given a type once).
    let mut stand_ins: Vec<String> = Vec::new();
    let mut nulls: BTreeSet<String> = BTreeSet::new();
    let mut problems = Vec::new();
    let mut problem = first.clone();
    for round in 0..FURTHER {
        let field = problem.field.clone();
        let own = stand_ins.iter().any(|at| within(&field, at));
        if round > 0 && !own {
            // An unknown field is shown at its own line, not its map's.
            let at = quoted(&problem.message, "unknown field `").map(|name| join(&field, name));
            problem.line = lines.line(at.as_deref().unwrap_or(&field)).or(problem.line);
            problems.push(problem.clone());
        }
        let message = &problem.message;
        let Some(node) = node_at(&mut value, &field) else {
            break;
        };
        if let Some(name) = quoted(message, "missing field `") {
            let Some(map) = node.as_mapping_mut() else {
                break;
            };
            map.insert(Value::from(name), Value::Null);
            stand_ins.push(join(&field, name));
            nulls.insert(join(&field, name));
        } else if let Some(name) = quoted(message, "unknown field `") {
            let Some(map) = node.as_mapping_mut() else {
                break;
            };
            map.remove(name);
        } else {
            match stand_in(message) {
                Some(typed) if !own || nulls.remove(&field) => {
                    *node = typed;
                    stand_ins.push(field);
                }
                _ => break,
            }
        }
        let Ok(text) = serde_yaml::to_string(&value) else {
            break;
        };
        match serde_yaml::from_str::<T>(&text) {
            Ok(_) => break,
            Err(err) => problem = problem_from(path, &err),
        }
    }
    problems
}

/// A value of the type that `message` ("..., expected u32") says was expected.
fn stand_in(message: &str) -> Option<serde_yaml::Value> {
    use serde_yaml::Value;
    let expected = &message[message.rfind("expected ")? + "expected ".len()..];
    let number = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "f32", "f64",
    ];
    Some(match expected {
        "a string" | "string" => Value::from(""),
        "a boolean" => Value::from(false),
        "a sequence" => Value::Sequence(Vec::new()),
        e if number.contains(&e) => Value::from(0),
        e if e.starts_with("struct ") || e == "a map" => Value::Mapping(Default::default()),
        e => Value::from(quoted(e, "one of `").or_else(|| quoted(e, "`"))?),
    })
}

/// The text between `opening` (ending in a backtick) and the next backtick, at `text`'s start.
fn quoted<'a>(text: &'a str, opening: &str) -> Option<&'a str> {
    text.strip_prefix(opening)?.split('`').next()
}

/// The node at a field path such as `round_tables[1].objectives` ("" for the document).
fn node_at<'a>(
    mut value: &'a mut serde_yaml::Value,
    field: &str,
) -> Option<&'a mut serde_yaml::Value> {
    for part in field
        .replace('[', ".[")
        .split('.')
        .filter(|p| !p.is_empty())
    {
        value = match part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            Some(index) => value.get_mut(index.parse::<usize>().ok()?)?,
            None => value.get_mut(part)?,
        };
    }
    Some(value)
}

/// `field` followed by `name`: `forum` and `venue` make `forum.venue`.
fn join(field: &str, name: &str) -> String {
    if field.is_empty() {
        name.to_string()
    } else {
        format!("{field}.{name}")
    }
}

/// Whether `field` is `at` or lies inside it.
fn within(field: &str, at: &str) -> bool {
    field
        .strip_prefix(at)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The line and character of the first control character YAML refuses (serde_yaml reports it at
/// line 1, whatever its line).
fn control_character(text: &str) -> Option<(usize, char)> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{85}') || !c.is_control();
    let at = text.find(|c: char| !allowed(c))?;
    let c = text[at..].chars().next()?;
    Some((text[..at].matches('\n').count() + 1, c))
}

/// Splits serde_yaml's "path: message at line L column C" into its parts.
fn problem_from(path: &Path, err: &serde_yaml::Error) -> Problem {
    let line = err.location().map(|location| location.line());
    let mut message = err.to_string();
    if let Some(at) = message.find(" at line ") {
        message.truncate(at);
    }
    let (field, message) = match message.split_once(": ") {
        Some((field, rest)) if is_field_path(field) => {
            (field.trim_start_matches('.').to_string(), rest.to_string())
        }
        _ => (String::new(), message),
    };
    Problem::new(path, line, field, message)
}

fn is_field_path(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KeyPoint;

    fn problem(text: &str) -> Problem {
        let err = serde_yaml::from_str::<Vec<KeyPoint>>(text).unwrap_err();
        problem_from(Path::new("f.yaml"), &err)
    }

    #[test]
    fn unknown_kind_names_line_and_field() {
        let p = problem(
            "- kind: progress\n  text: a\n  source: s\n- kind: opinion\n  text: b\n  source: s\n",
        );
        assert_eq!(p.line, Some(4));
        assert_eq!(p.field, "[1].kind");
        assert!(
            p.message.contains("unknown variant `opinion`"),
            "{}",
            p.message
        );
    }

    #[test]
    fn objective_out_of_range_names_line_and_field() {
        let p = problem("- kind: progress\n  text: a\n  source: s\n  objectives: [3, 24]\n");
        assert_eq!(p.line, Some(4));
        assert_eq!(p.field, "[0].objectives");
        assert!(
            p.message.contains("objective 24 does not exist"),
            "{}",
            p.message
        );
    }

    #[test]
    fn a_control_character_is_reported_at_its_line() {
        assert_eq!(control_character("a: 1\nb: x\u{0}y\n"), Some((2, '\u{0}')));
        assert_eq!(control_character("a: \"tab\there\"\r\n"), None);
    }

    #[test]
    fn the_problems_after_the_first_are_found_and_stand_ins_report_none() {
        let text = "- kind: opinion\n  text: a\n  source: s\n- kind: progress\n  text: [b]\n- kind: call\n  text: c\n  source: s\n  colour: red\n";
        let first = problem(text);
        let more = further_problems::<Vec<KeyPoint>>(Path::new("f.yaml"), text, &first);
        let found: Vec<(Option<usize>, &str)> =
            more.iter().map(|p| (p.line, p.field.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(5), "[1].text"),
                (Some(4), "[1]"),
                (Some(6), "[2].kind"),
                (Some(9), "[2]")
            ],
            "{more:?}"
        );
        assert!(
            more[1].message.contains("missing field `source`"),
            "{more:?}"
        );
        assert!(
            more[3].message.contains("unknown field `colour`"),
            "{more:?}"
        );
    }

    #[test]
    fn syntax_error_has_a_line() {
        let p = problem("- kind: progress\n  text: \"unclosed\n");
        assert!(p.line.is_some());
    }
}

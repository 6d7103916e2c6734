//! Reads a YAML file into a typed value, turning serde_yaml's errors into located problems.

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
            problems.push(problem_from(path, &err));
            None
        }
    }
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
    fn syntax_error_has_a_line() {
        let p = problem("- kind: progress\n  text: \"unclosed\n");
        assert!(p.line.is_some());
    }
}

//! How problems reach the user: `--message-format human|short|json|github` and `--color`.
//!
//! Errors are produced as today ([`Error`], and each failed brief's formatted typst diagnostics);
//! this layer only prints them. `json` gives one object per problem per line on stdout (file,
//! line, field, severity, message); `github` gives workflow commands (`::error file=..,line=..::`)
//! that GitHub Actions shows as annotations, and is the default when `GITHUB_ACTIONS=true`.
//! Briefs failing with the same error are reported once, with the count and the briefs' keys.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use crate::error::{Error, Problem};
use crate::fresh::Entry;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// As written for people: `file:line: field: message`, typst's source excerpts.
    Human,
    /// One line per problem.
    Short,
    /// One JSON object per problem per line.
    Json,
    /// GitHub Actions workflow commands (`::error file=...,line=...::message`).
    Github,
}

/// The output settings of this process, set once from the command line.
static SETTINGS: OnceLock<(ColorChoice, MessageFormat)> = OnceLock::new();

/// Records `--color` and `--message-format` (resolving the default from the environment).
pub fn init(color: ColorChoice, format: Option<MessageFormat>) {
    let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let format = format.unwrap_or(if github {
        MessageFormat::Github
    } else {
        MessageFormat::Human
    });
    let _ = SETTINGS.set((color, format));
}

/// The message format in effect.
pub fn format() -> MessageFormat {
    SETTINGS.get().map_or(MessageFormat::Human, |s| s.1)
}

/// Whether diagnostics on stderr are coloured: `--color`, else `NO_COLOR` (when set and not
/// empty, see no-color.org) and whether stderr is a terminal. Never in machine formats.
pub fn color() -> bool {
    let choice = SETTINGS.get().map_or(ColorChoice::Auto, |s| s.0);
    if !matches!(format(), MessageFormat::Human | MessageFormat::Short) {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

/// One problem, as machine formats print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// "error", "warning" or "notice".
    pub severity: &'static str,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub field: Option<String>,
    pub message: String,
    /// For brief failures: the keys of every brief that failed this way.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub briefs: Vec<String>,
}

impl Diagnostic {
    fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: "error",
            file: None,
            line: None,
            field: None,
            message: message.into(),
            briefs: Vec::new(),
        }
    }
}

/// The problems an error stands for: one per data problem, else one.
pub fn diagnostics(err: &Error) -> Vec<Diagnostic> {
    match err {
        Error::Data(problems) => problems
            .iter()
            .map(|p| Diagnostic {
                file: Some(p.file.display().to_string()),
                line: p.line,
                field: (!p.field.is_empty()).then(|| p.field.clone()),
                ..Diagnostic::error(p.message.clone())
            })
            .collect(),
        Error::Io { path, source } => vec![Diagnostic {
            file: Some(path.display().to_string()),
            ..Diagnostic::error(source.to_string())
        }],
        other => vec![Diagnostic::error(other.to_string())],
    }
}

/// Prints the error that ends a command, in the message format in effect.
pub fn print_error(err: &Error) {
    match format() {
        MessageFormat::Human => eprintln!("{}{err}", label("error")),
        MessageFormat::Short => {
            for d in diagnostics(err) {
                eprintln!("{}", short(&d));
            }
        }
        // Brief failures were reported one by one; the final count goes to the log only.
        MessageFormat::Json | MessageFormat::Github
            if matches!(err, Error::BriefsFailed { .. }) =>
        {
            eprintln!("error: {err}")
        }
        MessageFormat::Json | MessageFormat::Github => {
            emit(&diagnostics(err));
            if let Error::Data(problems) = err {
                let n = problems.len();
                eprintln!(
                    "error: {n} problem{} in the input data",
                    if n == 1 { "" } else { "s" }
                );
            }
        }
    }
}

/// Prints a line meant for people (a summary): on stdout in human formats, on stderr when stdout
/// carries machine output.
pub fn summary(line: &str) -> std::io::Result<()> {
    match format() {
        MessageFormat::Human | MessageFormat::Short => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{line}").and_then(|()| out.flush())
        }
        MessageFormat::Json | MessageFormat::Github => {
            eprintln!("{line}");
            Ok(())
        }
    }
}

/// Reports failed briefs (entry, typst's or minijinja's formatted diagnostics), grouping briefs
/// that failed with the same error. `templates` locates render errors, which name a template.
pub fn report_failures(failures: &[(Entry, String)], templates: &Path) {
    let mut groups: Vec<(Diagnostic, &Entry, &str)> = Vec::new();
    for (entry, text) in failures {
        let d = parse_failure(entry, text, templates);
        match groups.iter_mut().find(|(g, _, _)| same(g, &d)) {
            Some((group, _, _)) => group.briefs.push(entry.key.clone()),
            None => groups.push((d, entry, text)),
        }
    }
    for (d, first, text) in &groups {
        match format() {
            MessageFormat::Human => {
                eprintln!(
                    "{}brief {} ({}) failed:\n{text}",
                    label("error"),
                    first.key,
                    first.path.display()
                );
                if d.briefs.len() > 1 {
                    eprintln!(
                        "note: the same error in {} more brief{}: {}",
                        d.briefs.len() - 1,
                        if d.briefs.len() == 2 { "" } else { "s" },
                        keys(&d.briefs[1..])
                    );
                }
            }
            MessageFormat::Short => eprintln!("{}", short(d)),
            MessageFormat::Json | MessageFormat::Github => emit(std::slice::from_ref(d)),
        }
    }
}

/// Prints a notice about the input (e.g. an ignored column): `::notice::` under GitHub Actions,
/// a JSON object with severity "notice" in json.
pub fn notice(problem: &Problem) {
    let d = Diagnostic {
        severity: "notice",
        ..diagnostics(&Error::Data(vec![problem.clone()])).remove(0)
    };
    match format() {
        MessageFormat::Human => eprintln!("notice: {problem}"),
        MessageFormat::Short => eprintln!("{}", short(&d)),
        MessageFormat::Json | MessageFormat::Github => emit(&[d]),
    }
}

/// Reports a warning from compiling brief `entry` (typst's formatted text).
pub fn report_warning(entry: &Entry, text: &str, templates: &Path) {
    match format() {
        MessageFormat::Human => eprintln!(
            "warning in brief {} ({}):\n{text}",
            entry.key,
            entry.path.display()
        ),
        MessageFormat::Short => eprintln!("{}", short(&parse_failure(entry, text, templates))),
        MessageFormat::Json | MessageFormat::Github => {
            emit(&[parse_failure(entry, text, templates)])
        }
    }
}

/// Two failures are "the same error" when message and location agree (a location in a brief's
/// own generated source differs per brief and is left out).
fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.severity == b.severity && a.message == b.message && a.file == b.file && a.line == b.line
}

/// The first diagnostic of a brief's text (an error, else a warning), located in a template
/// where possible.
fn parse_failure(entry: &Entry, text: &str, templates: &Path) -> Diagnostic {
    let plain = strip_ansi(text);
    let lines = || plain.lines();
    let (severity, first) = match lines().find(|l| l.starts_with("error:")) {
        Some(line) => ("error", line),
        None => match lines().find(|l| l.starts_with("warning:")) {
            Some(line) => ("warning", line),
            None => ("error", lines().next().unwrap_or_default()),
        },
    };
    let message = first
        .strip_prefix(severity)
        .and_then(|m| m.strip_prefix(':'))
        .unwrap_or(first)
        .trim();
    let mut d = Diagnostic {
        severity,
        briefs: vec![entry.key.clone()],
        ..Diagnostic::error(message)
    };
    // A render error: "error: objective.typ.j2:12: message".
    if let Some((file, line, rest)) = file_line_prefix(message) {
        d.file = Some(templates.join(file).display().to_string());
        d.line = Some(line);
        d.message = rest.to_string();
        return d;
    }
    // A typst error: "┌─ FILE:LINE:COL"; in the generated source, its template origin if known.
    let location = plain
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("┌─ "))
        .and_then(|l| {
            let mut parts = l.trim().rsplitn(3, ':');
            let (_col, line, file) = (parts.next()?, parts.next()?, parts.next()?);
            Some((file.to_string(), line.parse::<usize>().ok()?))
        });
    let origin = plain
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("= generated from "))
        .and_then(|l| {
            let (file, line) = l.trim().rsplit_once(':')?;
            Some((file.to_string(), line.parse::<usize>().ok()?))
        });
    match (location, origin) {
        (Some((file, _)), Some(origin)) if file.contains("(generated from") => {
            (d.file, d.line) = (Some(origin.0), Some(origin.1));
        }
        (Some((file, _)), None) if file.contains("(generated from") => {
            // Only the generated file is known: name its template, without a line.
            let template = file
                .split_once("(generated from ")
                .map(|(_, t)| t.trim_end_matches(')').to_string());
            d.file = template;
        }
        (Some((file, line)), _) => (d.file, d.line) = (Some(file), Some(line)),
        (None, _) => {}
    }
    d
}

/// "name.typ.j2:12: rest" -> (name, 12, rest).
fn file_line_prefix(text: &str) -> Option<(&str, usize, &str)> {
    let (file, rest) = text.split_once(':')?;
    let (line, rest) = rest.split_once(':')?;
    let line = line.trim().parse().ok()?;
    (file.ends_with(".j2") && !file.contains(' ')).then_some((file, line, rest.trim()))
}

fn keys(briefs: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut text = briefs
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if briefs.len() > SHOWN {
        text.push_str(&format!(", ... ({} more)", briefs.len() - SHOWN));
    }
    text
}

/// `file:line: error: field: message (N briefs)` on one line.
fn short(d: &Diagnostic) -> String {
    let mut text = String::new();
    if let Some(file) = &d.file {
        text.push_str(file);
        if let Some(line) = d.line {
            text.push_str(&format!(":{line}"));
        }
        text.push_str(": ");
    }
    text.push_str(d.severity);
    text.push_str(": ");
    if let Some(field) = &d.field {
        text.push_str(field);
        text.push_str(": ");
    }
    text.push_str(&d.message.replace('\n', " "));
    if d.briefs.len() > 1 {
        text.push_str(&format!(
            " ({} briefs: {})",
            d.briefs.len(),
            keys(&d.briefs)
        ));
    }
    text
}

/// Prints machine diagnostics on stdout: JSON lines or GitHub workflow commands.
fn emit(diagnostics: &[Diagnostic]) {
    let mut out = std::io::stdout().lock();
    for d in diagnostics {
        let line = match format() {
            MessageFormat::Github => github(d),
            _ => serde_json::to_string(d).expect("diagnostics serialize"),
        };
        // A closed stdout (e.g. piped into `head`) is not worth a panic.
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// `::error file=F,line=L,title=FIELD::MESSAGE`, escaped as the workflow command syntax requires.
pub fn github(d: &Diagnostic) -> String {
    let property = |v: &str| escape_data(v).replace(':', "%3A").replace(',', "%2C");
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", property(file)));
        if let Some(line) = d.line {
            props.push(format!("line={line}"));
        }
    }
    if let Some(field) = &d.field {
        props.push(format!("title={}", property(field)));
    }
    let mut message = d.message.clone();
    if d.briefs.len() > 1 {
        message.push_str(&format!(
            " ({} briefs: {})",
            d.briefs.len(),
            keys(&d.briefs)
        ));
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!(" {}", props.join(","))
    };
    format!("::{}{props}::{}", d.severity, escape_data(&message))
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// "error: " in bold red when colour is on.
fn label(severity: &str) -> String {
    if color() {
        format!("\x1b[1;31m{severity}\x1b[0m: ")
    } else {
        format!("{severity}: ")
    }
}

/// Removes ANSI colour sequences (typst's diagnostics are coloured on a terminal).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str) -> Entry {
        serde_json::from_value(serde_json::json!({
            "kind": "delegation", "key": key, "title": key, "path": format!("delegations/{key}.pdf"),
            "pages": 0, "bytes": 0, "sha256": "", "status": "failed", "input_hash": ""
        }))
        .unwrap()
    }

    #[test]
    fn typst_errors_in_generated_sources_point_at_the_template() {
        let text = "error: unknown variable: nope\n   ┌─ delegations/MEX.typ (generated from templates/delegation.typ.j2):40:2\n   │\n40 │ #nope\n   │  ^^^^\n\n  = generated from templates/delegation.typ.j2:12\n";
        let d = parse_failure(&entry("MEX"), text, Path::new("templates"));
        assert_eq!(d.message, "unknown variable: nope");
        assert_eq!(d.file.as_deref(), Some("templates/delegation.typ.j2"));
        assert_eq!(d.line, Some(12));
    }

    #[test]
    fn warnings_keep_their_severity() {
        let text = "warning: no font has glyphs for \"\u{4e2d}\"; they print as boxes";
        let d = parse_failure(&entry("CHN"), text, Path::new("templates"));
        assert_eq!(d.severity, "warning");
        assert!(d.message.starts_with("no font has glyphs"));
        assert!(github(&d).starts_with("::warning::no font has glyphs"));
    }

    #[test]
    fn render_errors_name_the_template_file() {
        let text = "error: objective.typ.j2:7: undefined value (in objective.typ.j2:7)";
        let d = parse_failure(&entry("05"), text, Path::new("tpl"));
        assert_eq!(d.file.as_deref(), Some("tpl/objective.typ.j2"));
        assert_eq!(d.line, Some(7));
        assert!(d.message.starts_with("undefined value"));
    }

    #[test]
    fn github_commands_escape_their_values() {
        let d = Diagnostic {
            file: Some("data/p,1.csv".into()),
            line: Some(3),
            field: Some("a: b".into()),
            ..Diagnostic::error("50% done\nnext")
        };
        assert_eq!(
            github(&d),
            "::error file=data/p%2C1.csv,line=3,title=a%3A b::50%25 done%0Anext"
        );
    }

    #[test]
    fn ansi_sequences_are_stripped() {
        assert_eq!(strip_ansi("\x1b[1;31merror\x1b[0m: x"), "error: x");
    }
}

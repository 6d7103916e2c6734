//! How problems reach the user: `--message-format human|short|json|github` and `--color`.
//!
//! Errors are produced as today ([`Error`], and each failed brief's formatted typst diagnostics);
//! this layer only prints them. `json` gives one object per problem per line on stdout (file,
//! line, field, severity, message); `github` gives workflow commands (`::error file=..,line=..::`)
//! that GitHub Actions shows as annotations, and is the default when `GITHUB_ACTIONS=true`;
//! `gitlab` gives a Code Quality report (one JSON array, printed when the command ends) that
//! GitLab shows in merge requests.
//! Briefs failing with the same error are reported once, with the count and the briefs' keys.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Serialize;

use crate::error::{shown_path, Error, Problem, Report};
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
    /// A GitLab Code Quality report: one JSON array of findings on stdout, printed when the
    /// command ends (`check --message-format gitlab > gl-code-quality-report.json`).
    Gitlab,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub field: Option<String>,
    pub message: String,
    /// Hints typst gives with an error.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
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
            column: None,
            field: None,
            message: message.into(),
            hints: Vec::new(),
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
                file: Some(shown_path(&p.file)),
                line: p.line,
                field: (!p.field.is_empty()).then(|| p.field.clone()),
                ..Diagnostic::error(p.message.clone())
            })
            .collect(),
        Error::Io { path, source } => vec![Diagnostic {
            file: Some(shown_path(path)),
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
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab
            if matches!(err, Error::BriefsFailed { .. }) =>
        {
            eprintln!("error: {err}")
        }
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => {
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
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => {
            eprintln!("{line}");
            Ok(())
        }
    }
}

/// With `--message-format json`, one record of the run's results on stdout beside the
/// problems (as cargo's `compiler-artifact` and `build-finished`): `reason` says which kind.
pub fn record(reason: &str, fields: serde_json::Value) {
    if format() != MessageFormat::Json {
        return;
    }
    let mut record = serde_json::json!({ "reason": reason });
    if let (Some(record), serde_json::Value::Object(fields)) = (record.as_object_mut(), fields) {
        record.extend(fields);
    }
    let mut out = std::io::stdout().lock();
    // A closed stdout (e.g. piped into `head`) is not worth a panic.
    let _ = writeln!(out, "{record}").and_then(|()| out.flush());
}

/// A brief's or binder's record for [`record`]: what it is (its edition and variant as its
/// manifest entry records them, so that CI can tell variants apart), where, and what happened.
pub fn entry_record(reason: &str, entry: &Entry) {
    let mut fields = serde_json::json!({
        "kind": entry.kind,
        "key": entry.key,
        "format": entry.format,
        "lang": entry.lang,
        "paper": entry.paper,
        "pdf_standard": entry.pdf_standard,
        "path": entry.path,
        "status": entry.status,
        "pages": entry.pages,
        "bytes": entry.bytes,
        "sha256": entry.sha256,
    });
    if let Some(one_sided) = entry.one_sided {
        fields["one_sided"] = one_sided.into();
    }
    record(reason, fields);
}

/// The diagnostics of a brief's [`Report`], as machine formats print them.
fn located(entry: &Entry, report: &Report) -> Vec<Diagnostic> {
    let severity = |s: &str| if s == "warning" { "warning" } else { "error" };
    report
        .diagnostics
        .iter()
        .map(|l| Diagnostic {
            severity: severity(&l.severity),
            file: l.file.clone(),
            line: l.line,
            column: l.column,
            field: None,
            message: l.message.clone(),
            hints: l.hints.clone(),
            briefs: vec![entry.key.clone()],
        })
        .collect()
}

/// Reports failed briefs (entry, their [`Report`]), grouping briefs that failed with the same
/// errors: people read the first brief's text and the others' keys; machine formats get every
/// diagnostic of the group, each with file, line and column.
pub fn report_failures(failures: &[(Entry, Report)]) {
    let mut groups: Vec<(Vec<Diagnostic>, &Entry, &Report)> = Vec::new();
    for (entry, report) in failures {
        let found = located(entry, report);
        let same_group = groups.iter_mut().find(|(g, _, _)| {
            g.len() == found.len() && g.iter().zip(&found).all(|(a, b)| same(a, b))
        });
        match same_group {
            Some((group, _, _)) => {
                for d in group.iter_mut() {
                    d.briefs.push(entry.key.clone());
                }
            }
            None => groups.push((found, entry, report)),
        }
    }
    for (diagnostics, first, report) in &groups {
        let briefs = diagnostics.first().map_or(&[][..], |d| &d.briefs[..]);
        match format() {
            MessageFormat::Human => {
                eprintln!(
                    "{}{} {} ({}) failed:\n{}",
                    label("error"),
                    if first.kind == "binder" || first.kind == "pack" {
                        first.kind.as_str()
                    } else {
                        "brief"
                    },
                    first.key,
                    first.path.display(),
                    report.human
                );
                if briefs.len() > 1 {
                    eprintln!(
                        "note: the same error in {} more brief{}: {}",
                        briefs.len() - 1,
                        if briefs.len() == 2 { "" } else { "s" },
                        keys(&briefs[1..])
                    );
                }
            }
            MessageFormat::Short => {
                for d in diagnostics {
                    eprintln!("{}", short(d));
                }
            }
            MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => {
                emit(diagnostics)
            }
        }
    }
}

/// Reports the `what`s ("brief", "binder") whose files could not be written for one `cause` (a
/// full disk): one message for all.
pub fn not_written(what: &str, cause: &str, paths: &[PathBuf]) {
    let more = match paths.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    let message = format!(
        "{} {what}{} not written: {cause} ({}{more})",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" },
        paths
            .first()
            .map_or(String::new(), |p| p.display().to_string())
    );
    let d = Diagnostic {
        file: paths.first().map(|p| shown_path(p)),
        ..Diagnostic::error(message)
    };
    match format() {
        MessageFormat::Human => eprintln!("{}{}", label("error"), d.message),
        MessageFormat::Short => eprintln!("{}", short(&d)),
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => emit(&[d]),
    }
}

/// A file the run refused (e.g. a pulled file that does not load): machine formats get it as an
/// error on `path`; people read it in the command's own report.
pub fn refused(path: &std::path::Path, message: &str) {
    let d = Diagnostic {
        file: Some(shown_path(path)),
        ..Diagnostic::error(message)
    };
    match format() {
        MessageFormat::Human => {}
        MessageFormat::Short => eprintln!("{}", short(&d)),
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => emit(&[d]),
    }
}

/// A warning about the run, not the input (e.g. fewer threads than asked for).
pub fn warning(message: &str) {
    let d = Diagnostic {
        severity: "warning",
        ..Diagnostic::error(message)
    };
    match format() {
        MessageFormat::Human | MessageFormat::Short => eprintln!("warning: {message}"),
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => emit(&[d]),
    }
}

/// A note about the run (e.g. binders left alone since briefs failed).
pub fn note(message: &str) {
    let d = Diagnostic {
        severity: "notice",
        ..Diagnostic::error(message)
    };
    match format() {
        MessageFormat::Human | MessageFormat::Short => eprintln!("note: {message}"),
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => emit(&[d]),
    }
}

/// Prints a notice about the input (e.g. an ignored column): `::notice::` under GitHub Actions,
/// a JSON object with severity "notice" in json.
pub fn notice(problem: &Problem) {
    input_diagnostic("notice", problem);
}

/// A located warning on the input (a stale translation), as `check` reports it.
pub fn located_warning(problem: &Problem) {
    input_diagnostic("warning", problem);
}

fn input_diagnostic(severity: &'static str, problem: &Problem) {
    let d = Diagnostic {
        severity,
        ..diagnostics(&Error::Data(vec![problem.clone()])).remove(0)
    };
    match format() {
        MessageFormat::Human => eprintln!("{severity}: {problem}"),
        MessageFormat::Short => eprintln!("{}", short(&d)),
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => emit(&[d]),
    }
}

/// Reports the warnings of brief `entry` (new, or kept from the build that made its file).
pub fn report_warning(entry: &Entry, report: &Report) {
    match format() {
        MessageFormat::Human => eprintln!(
            "warning in brief {} ({}):\n{}",
            entry.key,
            entry.path.display(),
            report.human
        ),
        MessageFormat::Short => {
            for d in located(entry, report) {
                eprintln!("{}", short(&d));
            }
        }
        MessageFormat::Json | MessageFormat::Github | MessageFormat::Gitlab => {
            emit(&located(entry, report))
        }
    }
}

/// Two failures are "the same error" when message and location agree (a location in a brief's
/// own generated source differs per brief and is left out).
fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.severity == b.severity
        && a.message == b.message
        && a.file == b.file
        && a.line == b.line
        && a.column == b.column
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
            if let Some(column) = d.column {
                text.push_str(&format!(":{column}"));
            }
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

/// The Code Quality findings of this run, printed by [`finish`].
static FINDINGS: std::sync::Mutex<Vec<serde_json::Value>> = std::sync::Mutex::new(Vec::new());

/// Prints machine diagnostics on stdout: JSON lines or GitHub workflow commands (Code Quality
/// findings are kept for [`finish`]).
fn emit(diagnostics: &[Diagnostic]) {
    if format() == MessageFormat::Gitlab {
        let mut findings = FINDINGS.lock().unwrap_or_else(|e| e.into_inner());
        findings.extend(diagnostics.iter().map(code_quality));
        return;
    }
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

/// Ends the command's machine output: with `--message-format gitlab`, the Code Quality report
/// (an empty array when nothing was found).
pub fn finish() {
    if format() != MessageFormat::Gitlab {
        return;
    }
    let findings = std::mem::take(&mut *FINDINGS.lock().unwrap_or_else(|e| e.into_inner()));
    let mut out = std::io::stdout().lock();
    let json = serde_json::to_string_pretty(&findings).expect("findings serialize");
    let _ = writeln!(out, "{json}").and_then(|()| out.flush());
}

/// One finding of a GitLab Code Quality report: where (GitLab needs a path: a problem with no
/// file is on the working folder), how bad, and a fingerprint that tells it from the others.
fn code_quality(d: &Diagnostic) -> serde_json::Value {
    let mut description = d.message.clone();
    if let Some(field) = &d.field {
        description = format!("{field}: {description}");
    }
    if d.briefs.len() > 1 {
        description.push_str(&format!(
            " ({} briefs: {})",
            d.briefs.len(),
            keys(&d.briefs)
        ));
    }
    let path = d.file.clone().unwrap_or_else(|| ".".into());
    let line = d.line.unwrap_or(1);
    let fingerprint = crate::files::bytes_hash([
        path.as_bytes(),
        b"\0",
        line.to_string().as_bytes(),
        b"\0",
        d.severity.as_bytes(),
        b"\0",
        description.as_bytes(),
    ]);
    serde_json::json!({
        "description": description,
        "check_name": d.field.as_deref().unwrap_or(if d.file.is_some() { "input" } else { "run" }),
        "fingerprint": fingerprint,
        "severity": match d.severity {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        },
        "location": { "path": path, "lines": { "begin": line } },
    })
}

/// `::error file=F,line=L,title=FIELD::MESSAGE`, escaped as the workflow command syntax requires.
pub fn github(d: &Diagnostic) -> String {
    let property = |v: &str| escape_data(v).replace(':', "%3A").replace(',', "%2C");
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", property(file)));
        if let Some(line) = d.line {
            props.push(format!("line={line}"));
            if let Some(column) = d.column {
                props.push(format!("col={column}"));
            }
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
    fn warnings_keep_their_severity_and_every_diagnostic_its_place() {
        let report = Report {
            human: String::new(),
            diagnostics: vec![
                crate::error::Located {
                    severity: "warning".into(),
                    ..crate::error::Located::error("no font has glyphs for \"\u{4e2d}\"")
                },
                crate::error::Located {
                    file: Some("templates/lib/page.typ".into()),
                    line: Some(3),
                    column: Some(7),
                    ..crate::error::Located::error("unknown variable: x")
                },
            ],
        };
        let found = located(&entry("CHN"), &report);
        assert_eq!(found.len(), 2);
        assert!(github(&found[0]).starts_with("::warning::no font has glyphs"));
        assert_eq!(
            github(&found[1]),
            "::error file=templates/lib/page.typ,line=3,col=7::unknown variable: x"
        );
        assert_eq!(
            short(&found[1]),
            "templates/lib/page.typ:3:7: error: unknown variable: x"
        );
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
}

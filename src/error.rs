//! Errors and their exit codes: data problems located by file, line and field; I/O errors by path.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Exit code of a run in which at least one brief failed (the others were still built).
pub const EXIT_BRIEF_FAILED: i32 = 1;
/// Exit code for bad input data or bad usage: nothing was built.
pub const EXIT_BAD_INPUT: i32 = 2;

/// One problem in the input data, located as precisely as the format allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line; `None` where the problem belongs to the file as a whole.
    pub line: Option<usize>,
    /// The field (YAML path such as `round_tables[1].objectives`, or CSV column).
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: &Path,
        line: Option<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.to_path_buf(),
            line,
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", terminal_safe(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if self.field.is_empty() {
            write!(f, ": {}", terminal_safe(&self.message))
        } else {
            write!(
                f,
                ": {}: {}",
                terminal_safe(&self.field),
                terminal_safe(&self.message)
            )
        }
    }
}

/// `text` safe to print on a terminal: control characters (escape sequences, carriage returns)
/// and bidirectional overrides are shown as `\u{..}` escapes instead of acting on the terminal.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Everything that stops a command before or instead of building.
#[derive(Debug)]
pub enum Error {
    /// The input data has problems; all of them are listed.
    Data(Vec<Problem>),
    /// A file or folder could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The command line asks for something impossible.
    Usage(String),
    /// Some briefs, binders or packs failed (`bound` of the `failed` are binders and packs);
    /// their diagnostics were already printed.
    BriefsFailed { failed: usize, bound: usize },
    /// Writing had begun when the build had to stop; the manifest describes what is on disk.
    Incomplete(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process exit code for this error, as documented in `--help`.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::BriefsFailed { .. } | Error::Incomplete(_) => EXIT_BRIEF_FAILED,
            Error::Data(_) | Error::Io { .. } | Error::Usage(_) => EXIT_BAD_INPUT,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Data(problems) => {
                for problem in problems {
                    writeln!(f, "{problem}")?;
                }
                let n = problems.len();
                write!(
                    f,
                    "{n} problem{} in the input data",
                    if n == 1 { "" } else { "s" }
                )
            }
            Error::Io { path, source } => {
                write!(
                    f,
                    "{}: {source}",
                    terminal_safe(&path.display().to_string())
                )
            }
            Error::Usage(message) | Error::Incomplete(message) => write!(f, "{message}"),
            Error::BriefsFailed { failed, bound } => {
                let counted = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                let parts: Vec<String> = [
                    (failed - bound, counted(failed - bound, "brief", "briefs")),
                    (
                        *bound,
                        counted(*bound, "binder or pack", "binders or packs"),
                    ),
                ]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(_, said)| said)
                .collect();
                write!(f, "{} failed", parts.join(" and "))
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong with one brief (or binder), typed from where it was found (typst, minijinja, a
/// time or memory limit) to the one place that prints it ([`crate::diag`]), also across the pipe
/// of a compile worker: every diagnostic located, and the text people read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// As people read it: typst's source excerpts, or one `error: message` line.
    pub human: String,
    /// Every diagnostic, in the order found.
    pub diagnostics: Vec<Located>,
}

/// One diagnostic of a brief, located as far as the tool can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located {
    /// "error" or "warning".
    pub severity: String,
    pub message: String,
    /// The file, relative to the working folder where it lies inside it: a template (for the
    /// generated main file, the template line that produced it) or a Typst file it imports.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
}

impl Located {
    /// An error with no location.
    pub fn error(message: impl Into<String>) -> Self {
        Located {
            severity: "error".into(),
            message: message.into(),
            file: None,
            line: None,
            column: None,
            hints: Vec::new(),
        }
    }
}

impl Report {
    /// One error with no location, e.g. a brief past its time limit.
    pub fn error(message: impl Into<String>) -> Self {
        let message = message.into();
        Report {
            human: format!("error: {message}\n"),
            diagnostics: vec![Located::error(message)],
        }
    }

    /// One diagnostic, printed for people as `file:line: message`.
    pub fn located(located: Located) -> Self {
        let place = match (&located.file, located.line) {
            (Some(file), Some(line)) => format!("{file}:{line}: "),
            (Some(file), None) => format!("{file}: "),
            _ => String::new(),
        };
        Report {
            human: format!("{}: {place}{}\n", located.severity, located.message),
            diagnostics: vec![located],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty() && self.human.is_empty()
    }

    /// `self` followed by `other`.
    pub fn append(&mut self, other: Report) {
        self.human.push_str(&other.human);
        self.diagnostics.extend(other.diagnostics);
    }
}

/// `path` as messages print it: relative to the working folder when it lies inside it (GitHub
/// attaches annotations only to relative paths), else as given.
pub fn shown_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
            path.strip_prefix(&cwd).ok().map(Path::to_path_buf)
        })
        .filter(|p| !p.as_os_str().is_empty());
    relative.as_deref().unwrap_or(path).display().to_string()
}

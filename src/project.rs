//! The project file `imrf-briefs.yaml` (in the working folder): the settings people repeat (data,
//! templates, out, paper, standard, format, binder, parameters for templates) and named profiles,
//! selected by `--profile NAME` or `IMRF_BRIEFS_PROFILE`. Flags on the command line win.
//!
//! The file's settings become flags placed before the user's own (right after the subcommand);
//! clap's `args_override_self` lets a later flag replace an earlier one, so what is typed wins.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Problem, Result};

/// The project file's name, looked for in the working folder.
pub const FILE: &str = "imrf-briefs.yaml";
/// The environment variable naming a profile when `--profile` is not given.
pub const PROFILE_ENV: &str = "IMRF_BRIEFS_PROFILE";

/// `imrf-briefs.yaml`: the fields of [`Settings`] and `profiles`. (Spelled out rather than
/// `#[serde(flatten)]`, which would lose the line of an unknown field.)
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub data: Option<PathBuf>,
    pub templates: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub paper: Option<String>,
    pub standard: Option<String>,
    pub format: Option<String>,
    pub binder: Option<bool>,
    pub system_fonts: Option<bool>,
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// Named sets of settings laid over the top-level ones.
    #[serde(default)]
    pub profiles: BTreeMap<String, Settings>,
}

impl Project {
    /// The top-level settings.
    fn settings(&self) -> Settings {
        Settings {
            data: self.data.clone(),
            templates: self.templates.clone(),
            out: self.out.clone(),
            paper: self.paper.clone(),
            standard: self.standard.clone(),
            format: self.format.clone(),
            binder: self.binder,
            system_fonts: self.system_fonts,
            params: self.params.clone(),
        }
    }
}

/// Settings of the file or of one profile; each maps to the flag of the same name.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub data: Option<PathBuf>,
    pub templates: Option<PathBuf>,
    pub out: Option<PathBuf>,
    /// `a4` or `us-letter`.
    pub paper: Option<String>,
    /// `a-2b`, `a-3b` or `ua-1` (`--pdf-standard`).
    pub standard: Option<String>,
    /// `pdf`, `png`, `svg` or `typ`.
    pub format: Option<String>,
    pub binder: Option<bool>,
    pub system_fonts: Option<bool>,
    /// Values passed to every template as `params` (e.g. a meeting name or a "DRAFT" stamp).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

impl Settings {
    /// `self` with every setting `over` has replaced (params merged).
    fn overlaid(mut self, over: &Settings) -> Settings {
        macro_rules! take {
            ($($field:ident),*) => { $( if over.$field.is_some() { self.$field = over.$field.clone(); } )* };
        }
        take!(
            data,
            templates,
            out,
            paper,
            standard,
            format,
            binder,
            system_fonts
        );
        self.params
            .extend(over.params.iter().map(|(k, v)| (k.clone(), v.clone())));
        self
    }

    /// The flags these settings stand for, for `subcommand`.
    fn flags(&self, subcommand: &str) -> Vec<OsString> {
        let mut flags: Vec<OsString> = Vec::new();
        let mut push = |flag: &str, value: Option<&OsString>| {
            flags.push(flag.into());
            if let Some(value) = value {
                flags.push(value.clone());
            }
        };
        if let Some(data) = &self.data {
            push("--data", Some(&data.clone().into_os_string()));
        }
        if !matches!(subcommand, "build" | "watch") {
            return flags;
        }
        let paths = [("--templates", &self.templates), ("--out", &self.out)];
        for (flag, value) in paths {
            if let Some(value) = value {
                push(flag, Some(&value.clone().into_os_string()));
            }
        }
        let values = [
            ("--paper", &self.paper),
            ("--pdf-standard", &self.standard),
            ("--format", &self.format),
        ];
        for (flag, value) in values {
            if let Some(value) = value {
                push(flag, Some(&value.into()));
            }
        }
        if self.binder == Some(true) {
            push("--binder", None);
        }
        if self.system_fonts == Some(true) {
            push("--system-fonts", None);
        }
        flags
    }
}

/// The template parameters of this run (empty without a project file).
static PARAMS: OnceLock<BTreeMap<String, String>> = OnceLock::new();

/// The parameters passed to templates as `params`.
pub fn params() -> &'static BTreeMap<String, String> {
    PARAMS.get_or_init(BTreeMap::new)
}

/// The command line with the project file's settings (in `dir`) inserted after the subcommand.
/// Without a project file, `args` is returned unchanged (a profile asked for is then an error).
pub fn expand(args: Vec<OsString>, dir: &Path) -> Result<Vec<OsString>> {
    let profile = profile_asked(&args);
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return match profile {
                Some(name) => Err(Error::Usage(format!(
                    "profile {name}: there is no {FILE} in {}",
                    dir.display()
                ))),
                None => Ok(args),
            };
        }
        Err(err) => return Err(Error::io(&path, err)),
    };
    let project: Project = serde_yaml::from_str(&text).map_err(|err| {
        let line = err.location().map(|l| l.line());
        Error::Data(vec![Problem::new(&path, line, "", err.to_string())])
    })?;
    let mut settings = project.settings();
    if let Some(name) = &profile {
        let chosen = project.profiles.get(name).ok_or_else(|| {
            let known: Vec<&str> = project.profiles.keys().map(String::as_str).collect();
            Error::Usage(format!(
                "profile {name}: {} defines {}",
                path.display(),
                if known.is_empty() {
                    "no profiles".to_string()
                } else {
                    format!("only {}", known.join(", "))
                }
            ))
        })?;
        settings = settings.overlaid(chosen);
    }
    let _ = PARAMS.set(settings.params.clone());
    // The subcommand is the first argument naming one; the file's flags go right after it.
    let Some(at) = args
        .iter()
        .skip(1)
        .position(|a| matches!(a.to_str(), Some("build" | "watch" | "list" | "check")))
    else {
        return Ok(args);
    };
    let at = at + 1;
    let subcommand = args[at].to_string_lossy().into_owned();
    let mut expanded = args[..=at].to_vec();
    expanded.extend(settings.flags(&subcommand));
    expanded.extend_from_slice(&args[at + 1..]);
    Ok(expanded)
}

/// `--profile NAME` / `--profile=NAME` on the command line, else `IMRF_BRIEFS_PROFILE`.
fn profile_asked(args: &[OsString]) -> Option<String> {
    let mut iter = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--profile" {
            return iter.next().map(String::from);
        }
        if let Some(name) = arg.strip_prefix("--profile=") {
            return Some(name.to_string());
        }
    }
    std::env::var(PROFILE_ENV).ok().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<OsString> {
        text.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn settings_become_flags_before_the_users_own() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        std::fs::write(
            dir.join(FILE),
            "out: site\npaper: us-letter\nprofiles:\n  print:\n    binder: true\n    params: {stamp: DRAFT}\n",
        )
        .unwrap();
        let expanded = expand(args("imrf-briefs --color never build --paper a4"), &dir).unwrap();
        assert_eq!(
            expanded,
            args("imrf-briefs --color never build --out site --paper us-letter --paper a4")
        );
        let expanded = expand(args("imrf-briefs build --profile print"), &dir).unwrap();
        assert_eq!(
            expanded,
            args("imrf-briefs build --out site --paper us-letter --binder --profile print")
        );
        let expanded = expand(args("imrf-briefs list"), &dir).unwrap();
        assert_eq!(expanded, args("imrf-briefs list"));
        let err = expand(args("imrf-briefs build --profile web"), &dir).unwrap_err();
        assert!(err.to_string().contains("defines only print"), "{err}");
    }
}

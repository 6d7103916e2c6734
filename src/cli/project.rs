//! The project file `imrf-briefs.yaml` (in the working folder or the nearest parent holding one;
//! its paths are relative to its folder): the settings people repeat (data,
//! templates, out, paper, standard, format, binder, parameters for templates) and named profiles,
//! selected by `--profile NAME` or `IMRF_BRIEFS_PROFILE`. Flags on the command line win.
//!
//! The file's settings become flags placed before the user's own (right after the subcommand);
//! clap's `args_override_self` lets a later flag replace an earlier one, so what is typed wins.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Problem, Result};
use crate::files::Refusal;

/// The project file's name, looked for in the working folder.
pub const FILE: &str = "imrf-briefs.yaml";
/// The environment variable naming a profile when `--profile` is not given.
pub const PROFILE_ENV: &str = "IMRF_BRIEFS_PROFILE";

/// `imrf-briefs.yaml`: the fields of [`Settings`] and `profiles`. (Spelled out rather than
/// `#[serde(flatten)]`, which would lose the line of an unknown field.)
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "imrf-briefs.yaml",
    description = "The project file of imrf-briefs: settings for every command (flags on the command line win), named profiles and briefing packs."
)]
pub struct Project {
    /// The data folder (`--data`), relative to this file.
    pub data: Option<PathBuf>,
    /// The templates folder (`--templates`), relative to this file.
    pub templates: Option<PathBuf>,
    /// The output folder (`--out`), relative to this file.
    pub out: Option<PathBuf>,
    /// `a4` or `us-letter` (`--paper`).
    #[schemars(extend("enum" = ["a4", "us-letter", null]))]
    pub paper: Option<String>,
    /// `a-2b`, `a-3b` or `ua-1` (`--pdf-standard`).
    #[schemars(extend("enum" = ["a-2b", "a-3b", "ua-1", null]))]
    pub standard: Option<String>,
    /// `pdf`, `png`, `svg` or `typ` (`--format`).
    #[schemars(extend("enum" = ["pdf", "png", "svg", "typ", null]))]
    pub format: Option<String>,
    /// Also bind one binder per kind (`--binder`).
    pub binder: Option<bool>,
    /// Also use the fonts installed on this machine (`--system-fonts`).
    pub system_fonts: Option<bool>,
    /// Values passed to every template as `params` (e.g. `stamp: DRAFT`, `meeting: ...`).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// The editions to build (`--lang`), e.g. `[en, fr, es]`; English alone by default.
    pub languages: Option<Vec<String>>,
    /// Named sets of settings laid over the top-level ones.
    #[serde(default)]
    pub profiles: BTreeMap<String, Settings>,
    /// Briefing packs: what one meeting needs, built by `build --pack NAME` or `pack NAME`.
    #[serde(default)]
    pub packs: BTreeMap<String, Pack>,
}

/// A briefing pack as the project file defines it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// The meeting's name, the cover's title.
    pub title: String,
    /// The meeting's date, `YYYY-MM-DD`.
    pub date: String,
    /// Where the meeting is held.
    pub place: String,
    /// An optional line on the cover, e.g. "DRAFT" or a classification.
    pub stamp: Option<String>,
    /// Print one-sided (no blank backs); two-sided by default.
    #[serde(default)]
    pub one_sided: bool,
    /// The briefs in contents order, keyed as `--only` keys them.
    pub briefs: Vec<PackKey>,
}

/// A brief key in a pack: `5` or `"05"`, `GHA`, `western-africa`, `Ghana`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PackKey {
    Number(u64),
    Text(String),
}

impl std::fmt::Display for PackKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackKey::Number(n) => write!(f, "{n}"),
            PackKey::Text(text) => write!(f, "{text}"),
        }
    }
}

/// A pack chosen for this run, checked: its name, file and the line of each brief key.
#[derive(Debug, Clone)]
pub struct PackSpec {
    pub name: String,
    /// The project file, for messages.
    pub file: PathBuf,
    pub title: String,
    /// `YYYY-MM-DD`, a real date.
    pub date: String,
    pub place: String,
    pub stamp: Option<String>,
    pub one_sided: bool,
    /// Each brief key as written, with its line in the project file.
    pub briefs: Vec<(String, Option<usize>)>,
}

/// The project file of this run, as a value the commands are handed: what `--pack` and the
/// templates' `params` read.
#[derive(Debug, Clone)]
pub struct ProjectFile {
    path: PathBuf,
    /// The folder holding the file: its paths and the default folders are relative to it.
    dir: PathBuf,
    text: String,
    packs: BTreeMap<String, Pack>,
    /// `data`, `templates` and `out` as the file (and the chosen profile) set them, resolved
    /// against `dir`.
    folders: BTreeMap<&'static str, PathBuf>,
    /// The template parameters, with the chosen profile's laid over the file's.
    pub params: BTreeMap<String, String>,
    /// `languages`, as the file (or the chosen profile) sets them.
    pub languages: Option<Vec<String>>,
}

impl ProjectFile {
    /// The project file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder holding the project file.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `data`, `templates` or `out` as the file set it (resolved against its folder).
    pub fn setting(&self, name: &str) -> Option<&Path> {
        self.folders.get(name).map(PathBuf::as_path)
    }

    /// The line of the top-level setting `name` (or of a profile's, if only a profile sets it).
    pub fn line_of_setting(&self, name: &str) -> Option<usize> {
        let key = format!("{name}:");
        let lines = || self.text.lines().enumerate();
        lines()
            .find(|(_, l)| l.starts_with(&key))
            .or_else(|| lines().find(|(_, l)| l.trim_start().starts_with(&key)))
            .map(|(at, _)| at + 1)
    }

    /// The names of the packs the file defines, in order.
    pub fn pack_names(&self) -> impl Iterator<Item = &str> {
        self.packs.keys().map(String::as_str)
    }
}

/// The pack `name` of the project file, checked (name, date, keys listed).
pub fn pack(project: Option<&ProjectFile>, name: &str) -> Result<PackSpec> {
    let Some(loaded) = project else {
        return Err(Error::Usage(format!(
            "pack {name}: there is no {FILE} in the working folder or its parents (packs are defined there; see README, \"Briefing packs\")"
        )));
    };
    let path = &loaded.path;
    let Some(pack) = loaded.packs.get(name) else {
        let known: Vec<&str> = loaded.packs.keys().map(String::as_str).collect();
        return Err(Error::Usage(format!(
            "pack {name}: {} defines {}",
            path.display(),
            if known.is_empty() {
                "no packs".to_string()
            } else {
                format!("only {}", known.join(", "))
            }
        )));
    };
    let field = |f: &str| format!("packs.{name}.{f}");
    let line = |f: &str, needle: Option<&str>| line_of(&loaded.text, name, f, needle);
    let mut problems = Vec::new();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        problems.push(Problem::new(
            path,
            line_of(&loaded.text, name, "", None),
            format!("packs.{name}"),
            "a pack's name becomes its file name: use letters, digits, `-` and `_` only",
        ));
    }
    if let Err(message) = crate::dates::check(&pack.date) {
        problems.push(Problem::new(
            path,
            line("date", None),
            field("date"),
            message,
        ));
    }
    for (f, value) in [("title", &pack.title), ("place", &pack.place)] {
        if value.trim().is_empty() {
            problems.push(Problem::new(path, line(f, None), field(f), "is empty"));
        }
    }
    if pack.briefs.is_empty() {
        problems.push(Problem::new(
            path,
            line("briefs", None),
            field("briefs"),
            "lists no brief",
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Data(problems));
    }
    Ok(PackSpec {
        name: name.to_string(),
        file: path.clone(),
        title: pack.title.clone(),
        date: pack.date.clone(),
        place: pack.place.clone(),
        stamp: pack.stamp.clone().filter(|s| !s.trim().is_empty()),
        one_sided: pack.one_sided,
        briefs: pack
            .briefs
            .iter()
            .map(|key| {
                let key = key.to_string();
                let at = line("briefs", Some(&key));
                (key, at)
            })
            .collect(),
    })
}

/// The line (1-based) of `field` in pack `pack` of the project file `text`: the pack's own line
/// when `field` is empty, else the field's; with `needle`, the first line from the field's on
/// that holds `needle` as a word (an item of the list). Falls back to the nearest line found.
fn line_of(text: &str, pack: &str, field: &str, needle: Option<&str>) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let starts = |l: &str, key: &str| {
        let t = l.trim_start();
        [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .any(|k| t.starts_with(k.as_str()))
    };
    let packs = lines
        .iter()
        .position(|l| indent(l) == 0 && starts(l, "packs"))?;
    let own = (packs + 1..lines.len()).find(|&i| indent(lines[i]) > 0 && starts(lines[i], pack))?;
    if field.is_empty() {
        return Some(own + 1);
    }
    let depth = indent(lines[own]);
    let end = (own + 1..lines.len())
        .find(|&i| !lines[i].trim().is_empty() && indent(lines[i]) <= depth)
        .unwrap_or(lines.len());
    let Some(at) = (own + 1..end).find(|&i| starts(lines[i], field)) else {
        return Some(own + 1);
    };
    let Some(needle) = needle else {
        return Some(at + 1);
    };
    let word = |l: &str| {
        l.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == ' '))
            .any(|w| w.trim().trim_start_matches("- ").trim() == needle)
    };
    let after = lines[at].split_once(':').map_or("", |(_, rest)| rest);
    if word(after) {
        return Some(at + 1);
    }
    Some(
        (at + 1..end)
            .find(|&i| word(lines[i].trim_start().trim_start_matches('-')))
            .map_or(at + 1, |i| i + 1),
    )
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
            languages: self.languages.clone(),
        }
    }
}

/// Settings of the file or of one profile; each maps to the flag of the same name.
#[derive(Debug, Default, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The data folder (`--data`).
    pub data: Option<PathBuf>,
    /// The templates folder (`--templates`).
    pub templates: Option<PathBuf>,
    /// The output folder (`--out`).
    pub out: Option<PathBuf>,
    /// `a4` or `us-letter`.
    #[schemars(extend("enum" = ["a4", "us-letter", null]))]
    pub paper: Option<String>,
    /// `a-2b`, `a-3b` or `ua-1` (`--pdf-standard`).
    #[schemars(extend("enum" = ["a-2b", "a-3b", "ua-1", null]))]
    pub standard: Option<String>,
    /// `pdf`, `png`, `svg` or `typ`.
    #[schemars(extend("enum" = ["pdf", "png", "svg", "typ", null]))]
    pub format: Option<String>,
    /// Also bind one binder per kind (`--binder`).
    pub binder: Option<bool>,
    /// Also use the fonts installed on this machine (`--system-fonts`).
    pub system_fonts: Option<bool>,
    /// Values passed to every template as `params` (e.g. a meeting name or a "DRAFT" stamp).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// The editions to build (`--lang`), e.g. `[en, fr, es]`.
    pub languages: Option<Vec<String>>,
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
            system_fonts,
            languages
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
        if !matches!(subcommand, "build" | "watch" | "serve" | "pack" | "merge") {
            return flags;
        }
        // `merge` puts the shards together into `out`, with the catalog page from `templates`.
        let paths = [("--templates", &self.templates), ("--out", &self.out)];
        for (flag, value) in paths {
            if let Some(value) = value {
                push(flag, Some(&value.clone().into_os_string()));
            }
        }
        if subcommand == "merge" {
            return flags;
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

/// The folder of the project file: the working folder (as `.`) or the nearest of its parents
/// holding `imrf-briefs.yaml`, as cargo finds `Cargo.toml`; the working folder when none does.
pub fn discover() -> PathBuf {
    let here = PathBuf::from(".");
    let Ok(cwd) = std::env::current_dir() else {
        return here;
    };
    // A link or pipe of that name counts as found: `expand` then refuses it, as it always has.
    cwd.ancestors()
        .position(|dir| std::fs::symlink_metadata(dir.join(FILE)).is_ok())
        .map_or(here.clone(), |at| match at {
            0 => here,
            _ => cwd.ancestors().nth(at).expect("found above").to_path_buf(),
        })
}

/// The command line with the project file's settings (in `dir`) inserted after the subcommand,
/// and the project file itself for the commands to read (packs, params). Without a project file,
/// `args` is returned unchanged (a profile asked for is then an error).
pub fn expand(args: Vec<OsString>, dir: &Path) -> Result<(Vec<OsString>, Option<ProjectFile>)> {
    let profile = profile_asked(&args);
    let path = dir.join(FILE);
    // Read as the loaders read data: a regular file of the folder (no link, pipe or device), of
    // bounded size, its aliases bounded in how far they expand.
    let limit = crate::load::limits::MAX_FILE_BYTES;
    let bytes = match crate::files::read_listed(dir, Path::new(FILE), limit) {
        Ok(bytes) => bytes,
        Err(Refusal::Unresolved(err)) if err.kind() == std::io::ErrorKind::NotFound => {
            return match profile {
                Some(name) => Err(Error::Usage(format!(
                    "profile {name}: there is no {FILE} in {}",
                    dir.display()
                ))),
                None => Ok((args, None)),
            };
        }
        Err(refusal) => {
            return Err(Error::Data(vec![Problem::new(
                &path,
                None,
                "",
                format!("refused: {refusal}"),
            )]))
        }
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Data(vec![Problem::new(&path, None, "", "not UTF-8 text")]))?;
    if let Some(exceeded) = crate::load::limits::yaml(&text) {
        return Err(Error::Data(vec![Problem::new(
            &path,
            Some(exceeded.line),
            exceeded.field,
            exceeded.message,
        )]));
    }
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
    // The file's paths are relative to its folder, wherever the command runs.
    for value in [
        &mut settings.data,
        &mut settings.templates,
        &mut settings.out,
    ] {
        if let Some(relative) = value.as_mut().filter(|p| p.is_relative()) {
            if dir != Path::new(".") {
                *relative = dir.join(&*relative);
            }
        }
    }
    let folders = [
        ("data", &settings.data),
        ("templates", &settings.templates),
        ("out", &settings.out),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.clone().map(|v| (name, v)))
    .collect();
    let loaded = ProjectFile {
        path: path.clone(),
        dir: dir.to_path_buf(),
        text: text.clone(),
        packs: project.packs,
        folders,
        params: settings.params.clone(),
        languages: settings.languages.clone(),
    };
    // The subcommand is the first argument naming one; the file's flags go right after it.
    let Some(at) = args.iter().skip(1).position(|a| {
        matches!(
            a.to_str(),
            Some("build" | "watch" | "serve" | "pack" | "list" | "check" | "pull" | "merge")
        )
    }) else {
        return Ok((args, Some(loaded)));
    };
    let at = at + 1;
    let subcommand = args[at].to_string_lossy().into_owned();
    let mut expanded = args[..=at].to_vec();
    expanded.extend(settings.flags(&subcommand));
    expanded.extend_from_slice(&args[at + 1..]);
    Ok((expanded, Some(loaded)))
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
        let expanded = expand(args("imrf-briefs --color never build --paper a4"), &dir)
            .unwrap()
            .0;
        // The file's paths are relative to its folder.
        let site = dir.join("site");
        let site = site.display();
        assert_eq!(
            expanded,
            args(&format!(
                "imrf-briefs --color never build --out {site} --paper us-letter --paper a4"
            ))
        );
        let expanded = expand(args("imrf-briefs build --profile print"), &dir)
            .unwrap()
            .0;
        assert_eq!(
            expanded,
            args(&format!(
                "imrf-briefs build --out {site} --paper us-letter --binder --profile print"
            ))
        );
        let expanded = expand(args("imrf-briefs list"), &dir).unwrap().0;
        assert_eq!(expanded, args("imrf-briefs list"));
        let err = expand(args("imrf-briefs build --profile web"), &dir).unwrap_err();
        assert!(err.to_string().contains("defines only print"), "{err}");
    }

    #[test]
    fn pack_fields_and_brief_keys_are_found_on_their_lines() {
        let text = "out: site\npacks:\n  a:\n    title: A\n    briefs: [GHA, \"Western Africa\", 5]\n  b:\n    date: 2026-01-01\n    briefs:\n      - 5\n      - NGA\nprofiles: {}\n";
        assert_eq!(line_of(text, "a", "", None), Some(3));
        assert_eq!(
            line_of(text, "a", "briefs", Some("Western Africa")),
            Some(5)
        );
        assert_eq!(line_of(text, "b", "date", None), Some(7));
        assert_eq!(line_of(text, "b", "briefs", Some("NGA")), Some(10));
        assert_eq!(line_of(text, "b", "briefs", Some("5")), Some(9));
        // A field the pack lacks points at the pack.
        assert_eq!(line_of(text, "b", "place", None), Some(6));
        assert_eq!(line_of(text, "c", "", None), None);
    }
}

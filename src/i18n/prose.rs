//! Our translations of the data's prose: `data/translations/LANG/**/*.yaml`, one entry per
//! distinct English text, holding the English it translates (`en`, exactly) beside the
//! translation (`text`). A brief asks for a text by its English; an entry whose English is no
//! longer in its file (`of`) is stale: `check` warns, and `--deny-warnings` fails.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Problem, Result};

/// Translation files larger than this are refused.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep translation folders may nest.
const MAX_DEPTH: usize = 4;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    lang: String,
    /// The English file (or files) it translates, relative to the data folder.
    of: Of,
    #[serde(default)]
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Of {
    One(String),
    Many(Vec<String>),
}

impl Of {
    fn files(&self) -> Vec<&str> {
        match self {
            Of::One(file) => vec![file],
            Of::Many(files) => files.iter().map(String::as_str).collect(),
        }
    }
}

impl std::fmt::Display for Of {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.files().join(", "))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Where the English first occurs (a hint for translators).
    #[allow(dead_code)]
    at: String,
    en: String,
    text: String,
}

/// One edition's translations, by English text.
#[derive(Default)]
pub(super) struct Prose {
    by_english: HashMap<String, String>,
}

impl Prose {
    pub(super) fn get(&self, english: &str) -> Option<&str> {
        self.by_english.get(english).map(String::as_str)
    }

    /// Each translation rewritten by `respelled` (the edition's typography).
    pub(super) fn respell(&mut self, respelled: impl Fn(&str) -> String) {
        for text in self.by_english.values_mut() {
            *text = respelled(text);
        }
    }

    /// Every translation file of `lang` under `data/translations/LANG/`.
    pub(super) fn load(data: &Path, lang: &str) -> Result<Prose> {
        let mut prose = Prose::default();
        if lang == "en" {
            return Ok(prose);
        }
        for (path, file) in files(data, lang)? {
            check_lang(&path, &file, lang)?;
            for entry in file.entries {
                if !entry.text.trim().is_empty() {
                    prose.by_english.insert(entry.en, entry.text);
                }
            }
        }
        Ok(prose)
    }
}

fn check_lang(path: &Path, file: &File, lang: &str) -> Result<()> {
    if file.lang == lang {
        return Ok(());
    }
    Err(Error::Data(vec![Problem::new(
        path,
        None,
        "lang",
        format!("says `lang: {}` in the folder of `{lang}`", file.lang),
    )]))
}

/// The translation files of `lang`, sorted by path.
fn files(data: &Path, lang: &str) -> Result<Vec<(PathBuf, File)>> {
    let root = data.join("translations").join(lang);
    let mut paths = Vec::new();
    collect(&root, 0, &mut paths)?;
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let size = std::fs::metadata(&path)
                .map_err(|err| Error::io(&path, err))?
                .len();
            if size > MAX_FILE_BYTES {
                return Err(Error::Data(vec![Problem::new(
                    &path,
                    None,
                    "",
                    format!(
                        "{size} bytes, over the limit of {MAX_FILE_BYTES} for a translation file"
                    ),
                )]));
            }
            let text = std::fs::read_to_string(&path).map_err(|err| Error::io(&path, err))?;
            let file: File = serde_yaml::from_str(&text).map_err(|err| {
                Error::Data(vec![Problem::new(
                    &path,
                    err.location().map(|l| l.line()),
                    "",
                    format!("not a translation file: {err}"),
                )])
            })?;
            Ok((path, file))
        })
        .collect()
}

fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|err| Error::io(&path, err))?;
        if kind.is_dir() && depth < MAX_DEPTH {
            collect(&path, depth + 1, out)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}

/// A language's stale and missing translations, as `check` reports them.
#[derive(Default)]
pub struct Stale {
    /// Entries whose English is no longer in their file, located.
    pub stale: Vec<Problem>,
    /// How many entries the language has.
    pub entries: usize,
}

/// The entries of `lang` whose English text is no longer in the file they translate.
pub fn stale_translations(data: &Path, lang: &str) -> Result<Stale> {
    let mut report = Stale::default();
    for (path, file) in files(data, lang)? {
        check_lang(&path, &file, lang)?;
        let english: Vec<String> = file
            .of
            .files()
            .into_iter()
            .flat_map(|of| strings_of(&data.join(of)))
            .collect();
        let raw = std::fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<usize> = raw
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("en:"))
            .map(|(i, _)| i + 1)
            .collect();
        report.entries += file.entries.len();
        for (i, entry) in file.entries.iter().enumerate() {
            if !english.iter().any(|s| s.contains(entry.en.as_str())) {
                report.stale.push(Problem::new(
                    &path,
                    lines.get(i).copied(),
                    "en",
                    format!(
                        "stale translation: its English text (at {}) is no longer in {}; translate the new text and replace `en`",
                        entry.at, file.of
                    ),
                ));
            }
        }
    }
    Ok(report)
}

/// Every string of a YAML file, or every cell of a CSV file.
fn strings_of(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    if path.extension().is_some_and(|e| e == "csv") {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        return reader
            .records()
            .flatten()
            .flat_map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&text) {
        walk(&value, &mut out);
    }
    out
}

fn walk(value: &serde_yaml::Value, out: &mut Vec<String>) {
    match value {
        serde_yaml::Value::String(s) => out.push(s.clone()),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| walk(v, out)),
        serde_yaml::Value::Mapping(map) => map.values().for_each(|v| walk(v, out)),
        serde_yaml::Value::Tagged(tagged) => walk(&tagged.value, out),
        _ => {}
    }
}

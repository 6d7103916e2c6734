//! What is in the output folder and whether it is current: the manifest, the content hashes that
//! decide freshness, the build id, the lock that keeps one writer, and clean-up of temporary files.
//!
//! A brief is up to date only when its key (everything it is made from) equals the recorded one
//! and its files on disk hash to the recorded sha256: sizes and timestamps are never trusted. The
//! manifest describes the output folder, not one run: a selection build merges its entries into
//! it, so the next full build reuses everything that is still current.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::export::write_atomic;

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = "manifest.json";
/// The lock file that keeps a second build from writing into the same folder.
pub const LOCK: &str = ".imrf-briefs.lock";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub tool: String,
    pub data_hash: String,
    pub briefs: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub kind: String,
    pub key: String,
    pub title: String,
    /// "pdf", "png", "svg" or "typ": each format of a brief is its own entry.
    #[serde(default)]
    pub format: String,
    /// The main output file, relative to the output folder.
    pub path: PathBuf,
    /// Every file written for the brief (one per page for images).
    #[serde(default)]
    pub files: Vec<PathBuf>,
    pub pages: usize,
    pub bytes: u64,
    /// The hash of the files' bytes, in order, as they are on disk.
    pub sha256: String,
    /// "built", "up-to-date" or "failed" (a failed brief's files are its last good ones, if any).
    pub status: String,
    /// Hash of everything the brief is made from; empty when it must be rebuilt.
    pub input_hash: String,
}

impl Entry {
    /// The identity of a brief's output: kind, key and format.
    pub fn id(&self) -> String {
        format!("{}/{}/{}", self.kind, self.key, self.format)
    }
}

/// What happened to one brief.
pub enum Outcome {
    Built(Entry),
    UpToDate(Entry),
    /// The brief failed: its diagnostics.
    Failed(Entry, String),
    /// Its files could not be written: the cause (the same for every brief it hit, so it is
    /// reported once) and the path.
    NotWritten(Entry, String, PathBuf),
}

impl Outcome {
    pub fn entry(&self) -> &Entry {
        match self {
            Outcome::Built(e)
            | Outcome::UpToDate(e)
            | Outcome::Failed(e, _)
            | Outcome::NotWritten(e, ..) => e,
        }
    }
}

/// The output folder of one build: locked for this process, temporary files of killed runs
/// removed, the previous manifest read.
pub struct Outputs {
    dir: PathBuf,
    previous: BTreeMap<String, Entry>,
    force: bool,
    _lock: fs::File,
}

impl Outputs {
    /// Creates and locks `dir`. Fails (before anything is written) when another build holds it.
    pub fn open(dir: &Path, force: bool) -> Result<Self> {
        fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
        let lock_path = dir.join(LOCK);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|err| Error::io(&lock_path, err))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::Usage(format!(
                    "{}: another imrf-briefs build is writing into this folder (it holds {}); \
                     run again when it has finished",
                    dir.display(),
                    lock_path.display()
                )))
            }
            Err(fs::TryLockError::Error(err)) => return Err(Error::io(&lock_path, err)),
        }
        remove_temporary_files(dir);
        let previous = read_manifest(&dir.join(MANIFEST))
            .briefs
            .into_iter()
            .map(|e| (e.id(), e))
            .collect();
        Ok(Outputs {
            dir: dir.to_path_buf(),
            previous,
            force,
            _lock: lock,
        })
    }

    /// The previous entry of brief `id`, whatever its state.
    pub fn previous(&self, id: &str) -> Option<&Entry> {
        self.previous.get(id)
    }

    /// The previous entry of `id` if it is current: same key, not failed, and its files on disk
    /// hash to what was recorded.
    pub fn current(&self, id: &str, input_hash: &str) -> Option<Entry> {
        if self.force {
            return None;
        }
        let entry = self.previous.get(id)?;
        let fresh = !entry.input_hash.is_empty()
            && entry.input_hash == input_hash
            && entry.status != "failed"
            && !entry.files.is_empty()
            && files_hash(&self.dir, &entry.files).as_deref() == Some(entry.sha256.as_str());
        fresh.then(|| entry.clone())
    }

    /// Writes the manifest: the previous entries whose files are still on disk, updated with this
    /// run's outcomes. A failed brief keeps its last good files, marked failed so that the next
    /// build tries it again.
    pub fn write_manifest(&self, tool: &str, data_hash: &str, outcomes: &[Outcome]) -> Result<()> {
        let mut entries: BTreeMap<String, Entry> = self
            .previous
            .iter()
            .filter(|(_, e)| e.files.iter().all(|f| self.dir.join(f).is_file()))
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect();
        for outcome in outcomes {
            let entry = outcome.entry();
            let id = entry.id();
            let recorded = match outcome {
                Outcome::Built(e) | Outcome::UpToDate(e) => e.clone(),
                Outcome::Failed(e, _) | Outcome::NotWritten(e, ..) => {
                    let mut kept = entries.get(&id).cloned().unwrap_or_else(|| e.clone());
                    kept.status = "failed".into();
                    kept.input_hash = String::new();
                    kept
                }
            };
            entries.insert(id, recorded);
        }
        let mut briefs: Vec<Entry> = entries.into_values().collect();
        briefs.sort_by(|a, b| (&a.format, &a.path).cmp(&(&b.format, &b.path)));
        let manifest = Manifest {
            tool: tool.to_string(),
            data_hash: data_hash.to_string(),
            briefs,
        };
        let mut json = serde_json::to_vec_pretty(&manifest).expect("manifests serialize");
        json.push(b'\n');
        write_atomic(&self.dir.join(MANIFEST), &json)
    }
}

/// The manifest at `path`; an absent or unreadable one is empty (everything is rebuilt).
pub fn read_manifest(path: &Path) -> Manifest {
    fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .unwrap_or_default()
}

/// The sha256 of `files` (relative to `dir`) read in order; `None` if one is missing.
pub fn files_hash(dir: &Path, files: &[PathBuf]) -> Option<String> {
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(fs::read(dir.join(file)).ok()?);
    }
    Some(hex(&hasher.finalize()))
}

/// The sha256 of byte strings in order.
pub fn bytes_hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// Removes the temporary files (`.NAME.PID.tmp`, see `write_atomic`) that a process killed
/// mid-write left behind. Runs under the lock, so no live writer owns them.
fn remove_temporary_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            remove_temporary_files(&path);
        } else if kind.is_file() && is_temporary(&entry.file_name().to_string_lossy()) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// `.NAME.PID.tmp`, as `write_atomic` names its temporary files.
fn is_temporary(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
    else {
        return false;
    };
    rest.rsplit_once('.')
        .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Identifies the running binary: its version and the linker's build id (a hash of the linked
/// program) or else a hash of the whole executable, computed once. A rebuilt binary with the same
/// version number thus never reuses old outputs.
pub fn build_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok();
        let id = exe
            .as_deref()
            .and_then(|exe| {
                gnu_build_id(exe).or_else(|| {
                    fs::read(exe)
                        .ok()
                        .map(|bytes| bytes_hash([bytes.as_slice()]))
                })
            })
            .unwrap_or_else(|| "unknown-executable".into());
        format!("{} {id}", env!("CARGO_PKG_VERSION"))
    })
}

/// The GNU build-id note (SHA-1, written by the linker) from the executable's first pages, with
/// the file's length; reading it costs microseconds where hashing a large binary costs a tenth of
/// a second.
fn gnu_build_id(exe: &Path) -> Option<String> {
    use std::io::Read;
    const NOTE: [u8; 16] = [4, 0, 0, 0, 20, 0, 0, 0, 3, 0, 0, 0, b'G', b'N', b'U', 0];
    let file = fs::File::open(exe).ok()?;
    let len = file.metadata().ok()?.len();
    let mut head = Vec::new();
    file.take(64 * 1024).read_to_end(&mut head).ok()?;
    let at = head.windows(NOTE.len()).position(|w| w == NOTE)?;
    let id = head.get(at + NOTE.len()..at + NOTE.len() + 20)?;
    Some(format!("{}-{len}", hex(id)))
}

/// Computes brief keys: the rendered source, the templates it was rendered from, the Typst files
/// and fonts of the templates folder, the export settings and the build id.
pub struct Keys {
    shared: String,
    /// Hash of each template's own text and of every template it extends, includes or imports.
    templates: HashMap<String, String>,
}

impl Keys {
    /// Reads the templates folder once; names in it are relative, so how the folder is spelled
    /// (`templates`, `./templates/`, an absolute path) does not matter, and hidden and editor
    /// files are left out.
    pub fn new(config: &Config) -> Result<Self> {
        let files = template_files(&config.templates)?;
        let mut shared = Sha256::new();
        shared.update(build_id());
        shared.update(format!(
            "\n{:?} {:?} {:?} {}\n",
            config.format, config.standard, config.paper, config.system_fonts
        ));
        let mut sources = BTreeMap::new();
        for (name, bytes) in &files {
            if name.ends_with(".j2") {
                sources.insert(name.clone(), String::from_utf8_lossy(bytes).into_owned());
            } else {
                shared.update((name.len() as u64).to_le_bytes());
                shared.update(name);
                shared.update((bytes.len() as u64).to_le_bytes());
                shared.update(bytes);
            }
        }
        let templates = sources
            .keys()
            .map(|name| {
                let mut hasher = Sha256::new();
                for dep in template_closure(name, &sources) {
                    let text = &sources[&dep];
                    hasher.update((dep.len() as u64).to_le_bytes());
                    hasher.update(&dep);
                    hasher.update((text.len() as u64).to_le_bytes());
                    hasher.update(text);
                }
                (name.clone(), hex(&hasher.finalize()))
            })
            .collect();
        Ok(Keys {
            shared: hex(&shared.finalize()),
            templates,
        })
    }

    /// The key of a brief rendered from `template` into `source`.
    pub fn key(&self, template: &str, source: &str) -> String {
        let templates = self.templates.get(template).map_or("", String::as_str);
        bytes_hash([
            self.shared.as_bytes(),
            templates.as_bytes(),
            source.as_bytes(),
        ])[..32]
            .to_string()
    }
}

/// A hidden, backup or editor file (`.x.swp`, `x~`, `.#x`, `#x#`), which no build reads.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Every regular file below `root` that a build may read, by relative name (`lib/brief.typ`),
/// sorted. Hidden and editor files, and symbolic links leaving the folder, are left out.
pub fn template_files(root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let real_root = fs::canonicalize(root).map_err(|err| Error::io(root, err))?;
    let mut files = Vec::new();
    let mut pending = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(|err| Error::io(&dir, err))? {
            let entry = entry.map_err(|err| Error::io(&dir, err))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_ignored(&name) {
                continue;
            }
            let path = entry.path();
            let Ok(real) = fs::canonicalize(&path) else {
                continue;
            };
            if !real.starts_with(&real_root) {
                continue;
            }
            let relative = format!("{prefix}{name}");
            let Ok(meta) = fs::metadata(&real) else {
                continue;
            };
            if meta.is_dir() {
                pending.push((path, format!("{relative}/")));
            } else if meta.is_file() {
                let bytes = fs::read(&real).map_err(|err| Error::io(&path, err))?;
                files.push((relative, bytes));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// `name` and every template it reaches through `extends`, `include`, `import` and `from`. A
/// reference that is not a plain string (a variable) could be any template: all are included.
fn template_closure(name: &str, sources: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![name.to_string()];
    while let Some(name) = pending.pop() {
        let Some(text) = sources.get(&name) else {
            continue;
        };
        if !seen.insert(name) {
            continue;
        }
        match references(text) {
            Some(names) => pending.extend(names),
            None => return sources.keys().cloned().collect(),
        }
    }
    seen
}

/// The template names a template refers to, or `None` when one is not a string literal.
fn references(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let block = &rest[start + 2..];
        let end = block.find("%}").unwrap_or(block.len());
        let body = block[..end].trim_start_matches(['-', '+']).trim();
        rest = &block[end..];
        let word = body.split_whitespace().next().unwrap_or("");
        if !matches!(word, "extends" | "include" | "import" | "from") {
            continue;
        }
        let literals = string_literals(body);
        if literals.is_empty() {
            return None;
        }
        names.extend(literals);
    }
    Some(names)
}

fn string_literals(text: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            let literal: String = chars.by_ref().take_while(|&d| d != c).collect();
            literals.push(literal);
        }
    }
    literals
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_and_editor_files_are_recognised() {
        assert!(is_temporary(".MEX.pdf.1234.tmp"));
        assert!(!is_temporary("MEX.pdf"));
        assert!(!is_temporary(".MEX.pdf.x.tmp"));
        for name in [".base.typ.j2.swp", "base.typ.j2~", ".#base.typ.j2", "#base#"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("base.typ.j2"));
    }

    #[test]
    fn template_references_are_followed() {
        let sources: BTreeMap<String, String> = [
            ("a.j2", "{% extends \"base.j2\" %}{%- include 'p/x.j2' -%}"),
            ("base.j2", "{% from \"m.j2\" import f %}"),
            ("m.j2", ""),
            ("b.j2", "{% include name %}"),
            ("p/x.j2", ""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let a: Vec<_> = template_closure("a.j2", &sources).into_iter().collect();
        assert_eq!(a, ["a.j2", "base.j2", "m.j2", "p/x.j2"]);
        assert_eq!(template_closure("b.j2", &sources).len(), sources.len());
    }
}

//! What is in the output folder and whether it is current: the manifest, the content hashes that
//! decide freshness, the build id, the lock that keeps one writer, and clean-up of temporary files.
//!
//! A brief is up to date only when its key (everything it is made from) equals the recorded one
//! and its files on disk hash to the recorded sha256: sizes and timestamps are never trusted. The
//! manifest describes the output folder, not one run: a selection build merges its entries into
//! it, so the next full build reuses everything that is still current.

mod keys;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::export::write_atomic;

pub use keys::{build_id, is_ignored, template_files, Keys};

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = "manifest.json";
/// The lock file that keeps a second build from writing into the same folder.
pub const LOCK: &str = ".imrf-briefs.lock";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub tool: String,
    /// The binary's version and build id ([`build_id`]): `merge` accepts only shards of one binary.
    #[serde(default)]
    pub build_id: String,
    pub data_hash: String,
    pub briefs: Vec<Entry>,
    /// Binders and briefing packs (kind "binder" or "pack"), bound from the briefs above and
    /// reused, like them, while their key and their files' sha256 are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bound: Vec<Entry>,
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
    /// The hash of the dataset the brief was built from, as its colophon prints it. A brief that
    /// a later data edit leaves unchanged keeps its PDF, and so the hash of the data it shows.
    #[serde(default)]
    pub data_hash: String,
    /// Typst's warnings on the brief, kept so that an up-to-date build repeats them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Entry {
    /// The entry of an output about to be built: no files yet, marked failed until it is.
    pub fn pending(
        kind: String,
        key: String,
        title: String,
        format: &str,
        path: PathBuf,
        data_hash: &str,
    ) -> Self {
        Entry {
            kind,
            key,
            title,
            format: format.into(),
            path,
            files: Vec::new(),
            pages: 0,
            bytes: 0,
            sha256: String::new(),
            status: "failed".into(),
            input_hash: String::new(),
            data_hash: data_hash.into(),
            warnings: Vec::new(),
        }
    }

    /// The identity of a brief's output: kind, key and format.
    pub fn id(&self) -> String {
        format!("{}/{}/{}", self.kind, self.key, self.format)
    }

    /// Records `files` (path and bytes, main file first) as this entry's output, just built.
    pub fn built(&mut self, files: &[(PathBuf, Vec<u8>)]) {
        self.path = files[0].0.clone();
        self.files = files.iter().map(|(p, _)| p.clone()).collect();
        self.bytes = files.iter().map(|(_, b)| b.len() as u64).sum();
        self.sha256 = bytes_hash(files.iter().map(|(_, b)| b.as_slice()));
        self.status = "built".into();
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
    previous_bound: BTreeMap<String, Entry>,
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
        let manifest = read_manifest(&dir.join(MANIFEST));
        let by_id = |entries: Vec<Entry>| entries.into_iter().map(|e| (e.id(), e)).collect();
        Ok(Outputs {
            dir: dir.to_path_buf(),
            previous: by_id(manifest.briefs),
            previous_bound: by_id(manifest.bound),
            force,
            _lock: lock,
        })
    }

    /// The previous entry of brief `id`, whatever its state.
    pub fn previous(&self, id: &str) -> Option<&Entry> {
        self.previous.get(id)
    }

    /// The previous entry of brief `id` if it is current: same key, not failed, and its files on
    /// disk hash to what was recorded.
    pub fn current(&self, id: &str, input_hash: &str) -> Option<Entry> {
        self.fresh(self.previous.get(id)?, input_hash)
    }

    /// The previous entry of binder or pack `id` if it is current, as [`Outputs::current`].
    pub fn current_bound(&self, id: &str, input_hash: &str) -> Option<Entry> {
        self.fresh(self.previous_bound.get(id)?, input_hash)
    }

    fn fresh(&self, entry: &Entry, input_hash: &str) -> Option<Entry> {
        let fresh = !self.force
            && !entry.input_hash.is_empty()
            && entry.input_hash == input_hash
            && entry.status != "failed"
            && !entry.files.is_empty()
            && files_hash(&self.dir, &entry.files).as_deref() == Some(entry.sha256.as_str());
        fresh.then(|| entry.clone())
    }

    /// Writes the manifest: the previous entries whose files are still on disk, updated with this
    /// run's outcomes. A failed brief keeps its last good files, marked failed so that the next
    /// build tries it again. Binders and packs are as they were until [`Outputs::write_bound`].
    pub fn write_manifest(
        &self,
        tool: &str,
        data_hash: &str,
        outcomes: &[Outcome],
    ) -> Result<Manifest> {
        let manifest = Manifest {
            tool: tool.to_string(),
            build_id: build_id().to_string(),
            data_hash: data_hash.to_string(),
            briefs: self.updated(&self.previous, outcomes),
            bound: self.updated(&self.previous_bound, &[]),
        };
        write_manifest_file(&self.dir, &manifest)?;
        Ok(manifest)
    }

    /// Every binder and pack of the previous manifest as failed: what a build whose briefs failed
    /// makes of them (their files stay, marked failed, and are bound again next time).
    pub fn previous_bound_failed(&self) -> Vec<Outcome> {
        self.previous_bound
            .values()
            .map(|e| Outcome::Failed(e.clone(), String::new()))
            .collect()
    }

    /// Writes `manifest` again with this run's binders and packs.
    pub fn write_bound(&self, mut manifest: Manifest, outcomes: &[Outcome]) -> Result<Manifest> {
        manifest.bound = self.updated(&self.previous_bound, outcomes);
        write_manifest_file(&self.dir, &manifest)?;
        Ok(manifest)
    }

    /// `previous` (the entries whose files are all still on disk) updated with `outcomes`.
    fn updated(&self, previous: &BTreeMap<String, Entry>, outcomes: &[Outcome]) -> Vec<Entry> {
        let mut entries: BTreeMap<String, Entry> = previous
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
        let mut entries: Vec<Entry> = entries.into_values().collect();
        entries.sort_by(|a, b| (&a.format, &a.path).cmp(&(&b.format, &b.path)));
        entries
    }
}

/// Writes `manifest` as `dir/manifest.json`, atomically. The caller holds `dir`'s lock.
pub fn write_manifest_file(dir: &Path, manifest: &Manifest) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(manifest).expect("manifests serialize");
    json.push(b'\n');
    write_atomic(&dir.join(MANIFEST), &json)
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
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    rest.rsplit_once('.')
        .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_are_recognised() {
        assert!(is_temporary(".MEX.pdf.1234.tmp"));
        assert!(!is_temporary("MEX.pdf"));
        assert!(!is_temporary(".MEX.pdf.x.tmp"));
    }
}

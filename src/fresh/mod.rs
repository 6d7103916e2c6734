//! What is in the output folder and whether it is current: the manifest, the content hashes that
//! decide freshness, the build id, the lock that keeps one writer, and clean-up of temporary files.
//!
//! A brief is up to date only when its key (everything it is made from) equals the recorded one
//! and its files on disk hash to the recorded sha256: sizes and timestamps are never trusted. The
//! manifest describes the output folder, not one run: a selection build merges its entries into
//! it, so the next full build reuses everything that is still current.

mod fingerprint;
mod manifest;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Report, Result};
use crate::files::{
    confine_listed, files_hash, is_relative_inside, remove_listed, remove_temporary_files,
    MAX_OUTPUT_BYTES,
};

pub use fingerprint::{build_id, Fingerprints};
pub use manifest::{
    output_id, read_manifest, write_manifest_file, Entry, Manifest, Outcome, MANIFEST,
    MAX_MANIFEST_BYTES,
};

/// Refuses (exit 2, before anything is written) an output folder that is or holds one of
/// `inputs` (what, folder): a build removes and replaces files in its output folder, so it must
/// never hold the data, the templates or the project.
pub fn refuse_enclosing(out: &Path, inputs: &[(&str, &Path)]) -> Result<()> {
    let out_real = resolved(out);
    for (what, dir) in inputs {
        let Ok(real) = fs::canonicalize(dir) else {
            continue;
        };
        if real.starts_with(&out_real) {
            return Err(Error::Usage(format!(
                "--out {}: the output folder {} the {what} folder {}; a build replaces and \
                 removes files in its output folder, so give it a folder of its own (e.g. output)",
                out.display(),
                if real == out_real { "is" } else { "holds" },
                dir.display()
            )));
        }
    }
    Ok(())
}

/// `path` made absolute with its links resolved as far as it exists.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// The output folder itself, locked (flock on its descriptor, Unix); elsewhere folders cannot
/// be opened as files, and the lock file alone guards it.
fn lock_folder(dir: &Path) -> std::result::Result<Option<fs::File>, fs::TryLockError> {
    #[cfg(unix)]
    {
        let folder = fs::File::open(dir).map_err(fs::TryLockError::Error)?;
        folder.try_lock()?;
        Ok(Some(folder))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}

/// The lock file that keeps a second build from writing into the same folder.
pub const LOCK: &str = ".imrf-briefs.lock";

/// The output folder of one build: locked for this process, temporary files of killed runs
/// removed, the previous manifest read.
pub struct Outputs {
    dir: PathBuf,
    previous: BTreeMap<String, Entry>,
    previous_bound: BTreeMap<String, Entry>,
    force: bool,
    /// The manifest lists this run's briefs only (a `--shard` build): see [`Outputs::exact`].
    exact: bool,
    _lock: fs::File,
    /// The folder itself, locked too (Unix): a lock file deleted under a running build (a
    /// cache restore, `rm -rf out/.*`) must not let a second build in.
    _folder_lock: Option<fs::File>,
}

impl Outputs {
    /// Creates and locks `dir`. Fails (before anything is written) when another build holds it.
    pub fn open(dir: &Path, force: bool) -> Result<Self> {
        fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
        let busy = || {
            Error::Usage(format!(
                "{}: another imrf-briefs build is writing into this folder (it holds {}); \
                 run again when it has finished",
                dir.display(),
                dir.join(LOCK).display()
            ))
        };
        let folder_lock = lock_folder(dir).map_err(|err| match err {
            fs::TryLockError::WouldBlock => busy(),
            fs::TryLockError::Error(err) => Error::io(dir, err),
        })?;
        let lock_path = dir.join(LOCK);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|err| Error::io(&lock_path, err))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(busy()),
            Err(fs::TryLockError::Error(err)) => return Err(Error::io(&lock_path, err)),
        }
        remove_temporary_files(dir);
        let manifest = read_manifest(&dir.join(MANIFEST));
        // A manifest can be forged (a poisoned cache): an entry naming anything but regular
        // files of this folder, reached without a link, is dropped unread.
        let by_id = |entries: Vec<Entry>| {
            entries
                .into_iter()
                .filter(|e| is_relative_inside(&e.path) && on_disk(dir, e))
                .map(|e| (e.id(), e))
                .collect()
        };
        Ok(Outputs {
            dir: dir.to_path_buf(),
            previous: by_id(manifest.briefs),
            previous_bound: by_id(manifest.bound),
            force,
            exact: false,
            _lock: lock,
            _folder_lock: folder_lock,
        })
    }

    /// Makes the manifest describe exactly this run's briefs, for a `--shard` build: the entries
    /// of briefs no longer in the run (dealt to another shard after a data change) are dropped
    /// and their files removed, so that `merge` finds every brief in exactly one shard.
    pub fn exact(mut self, exact: bool) -> Self {
        self.exact = exact;
        self
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
            briefs: self.updated(&self.kept_briefs(outcomes), outcomes),
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
            .map(|e| Outcome::Failed(e.clone(), Report::default()))
            .collect()
    }

    /// Writes `manifest` again with this run's binders and packs.
    pub fn write_bound(&self, mut manifest: Manifest, outcomes: &[Outcome]) -> Result<Manifest> {
        manifest.bound = self.updated(&self.previous_bound, outcomes);
        write_manifest_file(&self.dir, &manifest)?;
        Ok(manifest)
    }

    /// The previous briefs' entries that this run keeps: all (whose files are still on disk),
    /// or for an [`Outputs::exact`] run only those of its own briefs, the others' files removed.
    fn kept_briefs(&self, outcomes: &[Outcome]) -> BTreeMap<String, Entry> {
        if !self.exact {
            return self.previous.clone();
        }
        let ids: BTreeSet<String> = outcomes.iter().map(|o| o.entry().id()).collect();
        let (kept, dropped): (BTreeMap<_, _>, BTreeMap<_, _>) = self
            .previous
            .clone()
            .into_iter()
            .partition(|(id, _)| ids.contains(id));
        let listed: BTreeSet<&PathBuf> = kept
            .values()
            .flat_map(|e| e.files.iter())
            .chain(outcomes.iter().flat_map(|o| o.entry().files.iter()))
            .collect();
        for entry in dropped.values() {
            for file in entry.files.iter().filter(|f| !listed.contains(f)) {
                remove_listed(&self.dir, file);
            }
        }
        kept
    }

    /// `previous` (the entries whose files are all still on disk) updated with `outcomes`.
    fn updated(&self, previous: &BTreeMap<String, Entry>, outcomes: &[Outcome]) -> Vec<Entry> {
        let mut entries: BTreeMap<String, Entry> = previous
            .iter()
            .filter(|(_, e)| on_disk(&self.dir, e))
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

/// Whether every file of `entry` is a regular file of `dir` (no link, device or pipe; see
/// [`confine_listed`]), judged without reading it.
fn on_disk(dir: &Path, entry: &Entry) -> bool {
    entry
        .files
        .iter()
        .all(|f| confine_listed(dir, f, MAX_OUTPUT_BYTES).is_ok())
}

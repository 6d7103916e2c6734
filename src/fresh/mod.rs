//! What is in the output folder and whether it is current: the manifest, the content hashes that
//! decide freshness, the build id, the lock that keeps one writer, clean-up of temporary files,
//! and putting built files in place without the manifest ever listing other bytes ([`journal`]).
//!
//! A brief is up to date only when its key (everything it is made from) equals the recorded one
//! and its files on disk hash to the recorded sha256: sizes and timestamps are never trusted. The
//! manifest describes the output folder, not one run: a selection build merges its entries into
//! it, so the next full build reuses everything that is still current.

mod fingerprint;
mod journal;
mod manifest;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::error::{Error, Report, Result};
use crate::files::{
    confine_listed, files_below, files_hash, is_relative_inside, remove_listed,
    remove_temporary_files, MAX_OUTPUT_BYTES,
};

pub use fingerprint::{build_id, Fingerprints};
pub use manifest::{
    output_id, read_manifest, Entry, Manifest, Outcome, MANIFEST, MAX_MANIFEST_BYTES,
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
    /// What the manifest on disk and the files in place hold, as files are put in place.
    journal: Mutex<journal::Journal>,
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
        let by_id = |entries: &[Entry]| -> BTreeMap<String, Entry> {
            entries
                .iter()
                .filter(|e| is_relative_inside(&e.path) && on_disk(dir, e))
                .map(|e| (e.id(), e.clone()))
                .collect()
        };
        let (previous, previous_bound) = (by_id(&manifest.briefs), by_id(&manifest.bound));
        let journal = journal::Journal::new(&manifest, previous.clone(), previous_bound.clone());
        Ok(Outputs {
            dir: dir.to_path_buf(),
            previous,
            previous_bound,
            force,
            exact: false,
            journal: Mutex::new(journal),
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

    /// Names the tool, build id and data hash that the manifests written from now on record.
    pub fn describing(self, tool: &str, build_id: &str, data_hash: &str) -> Self {
        self.journal().header = (tool.into(), build_id.into(), data_hash.into());
        self
    }

    fn journal(&self) -> MutexGuard<'_, journal::Journal> {
        self.journal.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Puts the files of `entry` (just built, recorded with [`Entry::built`]) in place, so that
    /// the manifest on disk describes them whenever the run stops (see [`journal`]): written
    /// now, and renamed into place with the next batch. Returns the cause and the path (relative
    /// to the folder) when they could not be written (nothing replaced); [`Outputs::settle`]
    /// reports later failures.
    pub fn install(
        &self,
        entry: &Entry,
        bound: bool,
        files: &[(PathBuf, Vec<u8>)],
    ) -> std::result::Result<(), (String, PathBuf)> {
        let relative = |(cause, path): (String, PathBuf)| {
            let path = path.strip_prefix(&self.dir).map(Path::to_path_buf);
            (cause, path.unwrap_or_default())
        };
        let staged = journal::Journal::stage(&self.dir, entry, bound, files).map_err(relative)?;
        self.journal().add(&self.dir, staged);
        Ok(())
    }

    /// Puts every waiting file in place, and marks the outcomes whose files could not be put in
    /// place as not written.
    pub fn settle(&self, outcomes: &mut [Outcome]) {
        let mut journal = self.journal();
        journal.flush(&self.dir);
        for outcome in outcomes.iter_mut() {
            let Outcome::Built(entry) = outcome else {
                continue;
            };
            if let Some((cause, path)) = journal.failures.get(&entry.id()) {
                let mut entry = entry.clone();
                entry.files.clear();
                entry.bytes = 0;
                entry.sha256.clear();
                let path = path.strip_prefix(&self.dir).unwrap_or(path).to_path_buf();
                *outcome = Outcome::NotWritten(entry, cause.clone(), path);
            }
        }
    }

    /// Writes the manifest of what is in place now, e.g. after writing stopped half-way.
    pub fn write_current(&self) -> Result<Manifest> {
        let manifest = self.journal().manifest();
        self.write(&manifest)?;
        Ok(manifest)
    }

    /// Writes `manifest` as the folder's, through the journal, so that later batches know what it
    /// lists; then removes the files of earlier entries that it no longer lists (`exact`), or
    /// that nothing lists now.
    fn write(&self, manifest: &Manifest) -> Result<()> {
        let mut journal = self.journal();
        journal
            .write(&self.dir, manifest)
            .map_err(crate::error::Error::Incomplete)?;
        // Less entries than `manifest` if a full disk made the journal remove some files.
        let shed = std::mem::take(&mut journal.shed);
        let entries = |entries: &[Entry]| {
            entries
                .iter()
                .filter(|e| !shed.contains_key(&e.id()))
                .map(|e| (e.id(), e.clone()))
                .collect()
        };
        journal.briefs = entries(&manifest.briefs);
        journal.bound = entries(&manifest.bound);
        journal.shed = shed;
        Ok(())
    }

    /// Writes `manifest` as the whole folder's (`merge`): once it is written, the files of
    /// earlier entries that it does not list are removed, and so are the files named as this
    /// tool names its outputs (`is_own_file`: an earlier build's brief, binder or pack, whose
    /// manifest was lost or replaced) that it does not list. Other files stay: this tool did not
    /// make them.
    pub fn replace_manifest(
        &self,
        manifest: &Manifest,
        is_own_file: impl Fn(&Path) -> bool,
    ) -> Result<()> {
        self.replace_listed(manifest)?;
        let listed = listed(manifest);
        // `VARIANT/LANG/KIND/FILE`: brief, binder and pack files lie at most three folders down.
        for file in files_below(&self.dir, 3) {
            if is_own_file(&file) && !listed.contains(&file) {
                remove_listed(&self.dir, &file);
            }
        }
        Ok(())
    }

    /// Writes `manifest`; then removes the files of earlier entries that it does not list.
    fn replace_listed(&self, manifest: &Manifest) -> Result<()> {
        self.write(manifest)?;
        let listed = listed(manifest);
        for entry in self.previous.values().chain(self.previous_bound.values()) {
            for file in entry.files.iter().filter(|f| !listed.contains(*f)) {
                remove_listed(&self.dir, file);
            }
        }
        Ok(())
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
    /// run's outcomes (put in place first: see [`Outputs::settle`]). A failed brief keeps its last
    /// good files, marked failed so that the next build tries it again. Binders and packs are as
    /// they were until [`Outputs::write_bound`]. An [`Outputs::exact`] run keeps only the entries
    /// of its own briefs; the others' files are removed once the manifest no longer lists them.
    pub fn write_manifest(
        &self,
        tool: &str,
        data_hash: &str,
        outcomes: &[Outcome],
    ) -> Result<Manifest> {
        let ids: BTreeSet<String> = outcomes.iter().map(|o| o.entry().id()).collect();
        let kept: BTreeMap<String, Entry> = self
            .previous
            .iter()
            .filter(|(id, _)| !self.exact || ids.contains(*id))
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect();
        let bound = self.journal().bound.clone();
        let manifest = Manifest {
            tool: tool.to_string(),
            build_id: build_id().to_string(),
            data_hash: data_hash.to_string(),
            briefs: self.updated(&kept, outcomes),
            bound: self.updated(&bound, &[]),
        };
        self.journal().header = (
            manifest.tool.clone(),
            manifest.build_id.clone(),
            manifest.data_hash.clone(),
        );
        self.replace_listed(&manifest)?;
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

    /// Writes `manifest` again with this run's binders and packs (put in place first: see
    /// [`Outputs::settle`]).
    pub fn write_bound(&self, mut manifest: Manifest, outcomes: &[Outcome]) -> Result<Manifest> {
        manifest.bound = self.updated(&self.previous_bound, outcomes);
        self.replace_listed(&manifest)?;
        Ok(manifest)
    }

    /// `previous` (the entries whose files are all still on disk and were not replaced by this
    /// run) updated with `outcomes`.
    fn updated(&self, previous: &BTreeMap<String, Entry>, outcomes: &[Outcome]) -> Vec<Entry> {
        let installed = self.journal().installed.clone();
        let mut entries: BTreeMap<String, Entry> = previous
            .iter()
            .filter(|(_, e)| on_disk(&self.dir, e))
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect();
        let replaced: BTreeSet<String> = outcomes.iter().map(|o| o.entry().id()).collect();
        // An entry of another id whose files this run replaced no longer has its bytes.
        entries.retain(|id, e| {
            replaced.contains(id) || !e.files.iter().any(|f| installed.contains(f))
        });
        // A brief that was not written may have had some of its files replaced before the write
        // failed: its last good files are kept only if they still have their sha256.
        for outcome in outcomes {
            if let Outcome::NotWritten(e, ..) = outcome {
                let id = e.id();
                if entries.get(&id).is_some_and(|kept| {
                    files_hash(&self.dir, &kept.files).as_deref() != Some(kept.sha256.as_str())
                }) {
                    entries.remove(&id);
                }
            }
        }
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

/// Every file that `manifest` lists.
fn listed(manifest: &Manifest) -> BTreeSet<PathBuf> {
    manifest
        .briefs
        .iter()
        .chain(&manifest.bound)
        .flat_map(|e| e.files.iter().cloned())
        .collect()
}

/// Whether every file of `entry` is a regular file of `dir` (no link, device or pipe; see
/// [`confine_listed`]), judged without reading it.
fn on_disk(dir: &Path, entry: &Entry) -> bool {
    entry
        .files
        .iter()
        .all(|f| confine_listed(dir, f, MAX_OUTPUT_BYTES).is_ok())
}

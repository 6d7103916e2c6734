//! Putting built files in place so that `manifest.json` describes the disk whenever the writer
//! is killed or the disk fills: it never claims bytes that are not there, and it names every
//! file put in place.
//!
//! A file is written beside its place under a temporary name, then renamed into place, in a
//! batch, one manifest write per interval ([`INTERVAL`]) rather than one per brief. Before a
//! batch is renamed, a manifest is written that lists its entries as [`PLACING`] (their paths
//! hold these bytes or the earlier ones) and no longer lists the entries they replace; the next
//! write lists them as built. So a killed build leaves no file that the manifest does not
//! describe and no listed file with other bytes; a reader settles the entries being placed
//! ([`Manifest::settled`]). A build that replaces nothing (every brief up to date) writes no
//! manifest here, only its final one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::manifest::{Entry, Manifest, MANIFEST, PLACING};
use crate::files::{folders_inside, renamed, write_atomic, write_temporary, LINKED_FOLDER};

/// How often, at most, the manifest is rewritten while files are put in place.
const INTERVAL: Duration = Duration::from_millis(250);

/// The output folder's state as the manifest on disk and the files in place have it.
pub(super) struct Journal {
    /// Tool, build id and data hash of the manifests written.
    pub header: (String, String, String),
    /// The brief entries true to the disk now, by id (their files are the bytes recorded).
    pub briefs: BTreeMap<String, Entry>,
    /// The binder and pack entries, likewise.
    pub bound: BTreeMap<String, Entry>,
    /// The files that the manifest on disk lists.
    claimed: BTreeSet<PathBuf>,
    /// Files written under temporary names, waiting for the manifest that lists them as placing.
    pending: Vec<Staged>,
    /// Files were put in place that the manifest on disk lists as placing, or not at all (its
    /// write failed), rather than as built.
    unlisted: bool,
    last_write: Instant,
    /// Why the files of an entry could not be put in place, by id: (cause, path).
    pub failures: BTreeMap<String, (String, PathBuf)>,
    /// Every file put in place by this run.
    pub installed: BTreeSet<PathBuf>,
    /// Entries of this run whose files were removed to make room for the manifest on a full
    /// disk, by id, with those files.
    pub shed: BTreeMap<String, Vec<PathBuf>>,
}

/// One entry's files, written under temporary names.
pub(super) struct Staged {
    entry: Entry,
    bound: bool,
    /// (temporary file, path relative to the output folder).
    files: Vec<(PathBuf, PathBuf)>,
}

impl Journal {
    /// The journal of a folder whose manifest on disk is `manifest` (its entries filtered to
    /// those whose files are regular files of the folder: `briefs`, `bound`).
    pub fn new(
        manifest: &Manifest,
        briefs: BTreeMap<String, Entry>,
        bound: BTreeMap<String, Entry>,
    ) -> Self {
        let claimed = super::listed(manifest);
        Journal {
            header: (
                manifest.tool.clone(),
                manifest.build_id.clone(),
                manifest.data_hash.clone(),
            ),
            briefs,
            bound,
            claimed,
            pending: Vec::new(),
            unlisted: false,
            last_write: Instant::now(),
            failures: BTreeMap::new(),
            installed: BTreeSet::new(),
            shed: BTreeMap::new(),
        }
    }

    /// Stages `files` (path relative to `dir`, bytes) of `entry` (already recorded as built):
    /// written under temporary names now, renamed into place with the next batch. Fails (nothing
    /// replaced) when a file cannot be written, or its folder is reached through a link.
    pub fn stage(
        dir: &Path,
        entry: &Entry,
        bound: bool,
        files: &[(PathBuf, Vec<u8>)],
    ) -> Result<Staged, (String, PathBuf)> {
        let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
        let give_up = |written: &[(PathBuf, PathBuf)], cause: String, path: &Path| {
            for (temp, _) in written {
                let _ = fs::remove_file(temp);
            }
            Err((cause, path.to_path_buf()))
        };
        for (relative, bytes) in files {
            let path = dir.join(relative);
            // A link inside the output folder never lets a build write elsewhere.
            if !folders_inside(dir, relative) {
                return give_up(&written, LINKED_FOLDER.to_string(), &path);
            }
            match write_temporary(&path, bytes) {
                Ok(temp) => written.push((temp, relative.clone())),
                Err(crate::error::Error::Io { source, .. }) => {
                    return give_up(&written, source.to_string(), &path)
                }
                Err(other) => return give_up(&written, other.to_string(), &path),
            }
        }
        Ok(Staged {
            entry: entry.clone(),
            bound,
            files: written,
        })
    }

    /// Queues `staged` for the next batch, and puts the batch in place if the interval has
    /// passed. Its failures are in [`Journal::failures`] once it has gone in.
    pub fn add(&mut self, dir: &Path, staged: Staged) {
        self.pending.push(staged);
        if self.last_write.elapsed() >= INTERVAL {
            self.flush(dir);
        }
    }

    /// Writes a manifest that lists what is in place, and the waiting files as placing, then
    /// renames them into place. If no such manifest can be written (a full disk), the one on
    /// disk is removed instead; if even that fails, the waiting files that it lists with other
    /// bytes are not put in place.
    pub fn flush(&mut self, dir: &Path) {
        let pending = std::mem::take(&mut self.pending);
        for staged in &pending {
            self.forget(staged);
        }
        let mut manifest = self.manifest();
        for staged in &pending {
            let entry = Entry {
                status: PLACING.into(),
                ..staged.entry.clone()
            };
            match staged.bound {
                true => manifest.bound.push(entry),
                false => manifest.briefs.push(entry),
            }
        }
        sort(&mut manifest.briefs);
        sort(&mut manifest.bound);
        let written = self.write(dir, &manifest).is_ok();
        for staged in pending {
            let claimed = staged.files.iter().any(|(_, r)| self.claimed.contains(r));
            if written || !claimed {
                self.rename(dir, staged);
                continue;
            }
            // The manifest on disk still lists these files' earlier bytes: they stay.
            for (temp, _) in &staged.files {
                let _ = fs::remove_file(temp);
            }
            let cause = "manifest.json could not be rewritten first (it lists the earlier bytes)";
            let path = dir.join(&staged.entry.path);
            self.failures
                .insert(staged.entry.id(), (cause.to_string(), path));
        }
    }

    /// The manifest of what is in place now.
    pub fn manifest(&self) -> Manifest {
        let sorted = |entries: &BTreeMap<String, Entry>| {
            let mut entries: Vec<Entry> = entries.values().cloned().collect();
            sort(&mut entries);
            entries
        };
        Manifest {
            tool: self.header.0.clone(),
            build_id: self.header.1.clone(),
            data_hash: self.header.2.clone(),
            briefs: sorted(&self.briefs),
            bound: sorted(&self.bound),
        }
    }

    /// Writes `manifest` atomically; when that fails the one on disk is removed (it may list
    /// files about to be replaced) and the write tried once more. Afterwards the journal knows
    /// what the manifest on disk claims; the error says whether the earlier one is gone.
    pub fn write(&mut self, dir: &Path, manifest: &Manifest) -> Result<(), String> {
        let mut json = serde_json::to_vec_pretty(manifest).expect("manifests serialize");
        json.push(b'\n');
        let path = dir.join(MANIFEST);
        self.last_write = Instant::now();
        let result = write_atomic(&path, &json).or_else(|err| {
            let gone = match fs::remove_file(&path) {
                Ok(()) => true,
                Err(err) => err.kind() == std::io::ErrorKind::NotFound,
            };
            if !gone {
                return Err(format!(
                    "{err}; the earlier manifest.json could not be removed"
                ));
            }
            self.claimed.clear();
            write_atomic(&path, &json).or_else(|_| {
                // A full disk: the files in place, listed compactly, may still fit, or fit
                // once files of this run have made room.
                if self.make_room(dir, slim(manifest)) {
                    return Ok(());
                }
                Err(format!(
                    "{err}; the earlier manifest.json was removed, so the next build rebuilds \
                     every brief"
                ))
            })
        });
        if result.is_ok() {
            let shed: BTreeSet<&PathBuf> = self.shed.values().flatten().collect();
            self.claimed = super::listed(manifest)
                .into_iter()
                .filter(|f| !shed.contains(f))
                .collect();
            self.unlisted = false;
        }
        result
    }

    /// Writes `manifest` compactly on a full disk, first as it is, then after each removal of
    /// the files of one entry this run put in place (the last listed first): a manifest that
    /// lists fewer files beats none, which would leave every file in place described by nothing.
    /// The entries removed are in [`Journal::shed`] and fail as not written. False if no
    /// manifest could be written.
    fn make_room(&mut self, dir: &Path, mut manifest: Manifest) -> bool {
        loop {
            let json = serde_json::to_vec(&manifest).expect("manifests serialize");
            if write_atomic(&dir.join(MANIFEST), &json).is_ok() {
                return true;
            }
            let installed = &self.installed;
            let own =
                |e: &Entry| !e.files.is_empty() && e.files.iter().all(|f| installed.contains(f));
            let entry = match manifest.bound.iter().rposition(own) {
                Some(at) => manifest.bound.remove(at),
                None => match manifest.briefs.iter().rposition(own) {
                    Some(at) => manifest.briefs.remove(at),
                    None => return false,
                },
            };
            for file in &entry.files {
                let _ = fs::remove_file(dir.join(file));
                self.installed.remove(file);
            }
            let id = entry.id();
            self.briefs.remove(&id);
            self.bound.remove(&id);
            let cause = "removed to make room for manifest.json on a full disk".to_string();
            self.failures
                .insert(id.clone(), (cause, dir.join(&entry.path)));
            self.shed.insert(id, entry.files);
        }
    }

    fn entries(&mut self, bound: bool) -> &mut BTreeMap<String, Entry> {
        if bound {
            &mut self.bound
        } else {
            &mut self.briefs
        }
    }

    /// Drops the entries that `staged` replaces: its own id's, and any other listing its files.
    fn forget(&mut self, staged: &Staged) {
        let files: BTreeSet<&PathBuf> = staged.files.iter().map(|(_, r)| r).collect();
        for entries in [&mut self.briefs, &mut self.bound] {
            entries.retain(|_, e| !e.files.iter().any(|f| files.contains(f)));
        }
        self.entries(staged.bound).remove(&staged.entry.id());
    }

    /// Renames `staged`'s files into place (the manifest on disk does not list them) and records
    /// its entry, to be listed by the next manifest written.
    fn rename(&mut self, dir: &Path, staged: Staged) {
        self.forget(&staged);
        let id = staged.entry.id();
        let mut files = staged.files.iter();
        for (temp, relative) in files.by_ref() {
            let path = dir.join(relative);
            if let Err(err) = fs::rename(temp, &path) {
                let _ = fs::remove_file(temp);
                for (temp, _) in files {
                    let _ = fs::remove_file(temp);
                }
                self.failures.insert(id, (err.to_string(), path));
                self.unlisted = true;
                return;
            }
            renamed();
            self.installed.insert(relative.clone());
        }
        self.unlisted = true;
        self.entries(staged.bound).insert(id, staged.entry);
    }
}

/// Sorts entries as manifests list them: by format, then path.
fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| (&a.format, &a.path).cmp(&(&b.format, &b.path)));
}

/// `manifest` with only the entries that have files in place: what a full disk leaves room for.
fn slim(manifest: &Manifest) -> Manifest {
    let placed = |entries: &[Entry]| {
        entries
            .iter()
            .filter(|e| !e.files.is_empty())
            .cloned()
            .collect()
    };
    Manifest {
        briefs: placed(&manifest.briefs),
        bound: placed(&manifest.bound),
        ..manifest.clone()
    }
}

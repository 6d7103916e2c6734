//! `manifest.json`: what the output folder holds, brief by brief, and how each was made.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Report;
use crate::files::{bytes_hash, read_listed};

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = "manifest.json";
/// The largest manifest read: 248 briefs take about 200 KB, so this leaves room for thousands
/// of briefs and page images while a forged or damaged one cannot exhaust memory.
pub const MAX_MANIFEST_BYTES: u64 = 32 << 20;

/// The output folder's manifest.
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
    #[serde(default, skip_serializing_if = "Report::is_empty")]
    pub warnings: Report,
    /// The edition's language: "en", "fr", "es".
    #[serde(default = "english")]
    pub lang: String,
}

fn english() -> String {
    "en".into()
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
            warnings: Report::default(),
            lang: english(),
        }
    }

    /// The identity of a brief's output: kind, key and format.
    pub fn id(&self) -> String {
        if self.lang != "en" {
            return format!("{}/{}/{}/{}", self.kind, self.key, self.format, self.lang);
        }
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
    Failed(Entry, Report),
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

/// The manifest at `path`; an absent, unreadable, oversized or non-regular one (a link, a pipe,
/// a device) is empty: everything is rebuilt.
pub fn read_manifest(path: &Path) -> Manifest {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(Path::new)
        .unwrap_or(Path::new(MANIFEST));
    read_listed(dir, name, MAX_MANIFEST_BYTES)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .unwrap_or_default()
}

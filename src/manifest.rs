//! The build manifest (`manifest.json`): every brief with its files, size, hash and status.
//! Written last, atomically; the next build reads it to skip briefs whose inputs are unchanged.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::export::write_atomic;

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
    /// The main output file, relative to the output folder.
    pub path: PathBuf,
    /// Every file written for the brief (one per page for images).
    #[serde(default)]
    pub files: Vec<PathBuf>,
    pub pages: usize,
    pub bytes: u64,
    pub sha256: String,
    /// "built", "up-to-date" or "failed".
    pub status: String,
    /// Hash of everything the brief is made from; equal hashes mean nothing needs rebuilding.
    pub input_hash: String,
}

/// The manifest's file name: `manifest.json`, or `manifest.I-of-N.json` for a shard.
pub fn file_name(shard: Option<(u32, u32)>) -> String {
    match shard {
        Some((i, n)) => format!("manifest.{i}-of-{n}.json"),
        None => "manifest.json".into(),
    }
}

/// The previous manifest's entries by path; an absent or unreadable one means "rebuild all".
pub fn previous(path: &Path) -> BTreeMap<PathBuf, Entry> {
    fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .map(|m| m.briefs.into_iter().map(|e| (e.path.clone(), e)).collect())
        .unwrap_or_default()
}

pub fn write(path: &Path, manifest: &Manifest) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(manifest).expect("manifests serialize");
    json.push(b'\n');
    write_atomic(path, &json)
}

//! `manifest.json`: what the output folder holds, brief by brief, and how each was made.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Report;
use crate::files::{bytes_hash, read_listed, MAX_OUTPUT_BYTES};
use crate::plan::Variant;

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = "manifest.json";
/// The largest manifest read: 248 briefs take about 200 KB, so this leaves room for thousands
/// of briefs and page images while a forged or damaged one cannot exhaust memory.
pub const MAX_MANIFEST_BYTES: u64 = 32 << 20;

/// The status of an entry whose files were being renamed into place when the manifest was
/// written: on disk they have its sha256 or are still the earlier bytes (or none). A run killed
/// then leaves such entries, which [`Manifest::settled`] settles against the disk.
pub const PLACING: &str = "placing";

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
    /// "built", "up-to-date" or "failed" (a failed brief's files are its last good ones, if any);
    /// on disk also [`PLACING`], which no reader of the manifest ([`Manifest::settled`]) sees.
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
    /// The paper: "a4" or "us-letter" (older manifests, which lack it, were A4 builds).
    #[serde(default = "a4")]
    pub paper: String,
    /// The PDF standard enforced at export ("a-2b", "a-3b", "ua-1"); `null`: none.
    #[serde(default)]
    pub pdf_standard: Option<String>,
    /// Binders and packs: whether laid out for one-sided printing (absent for briefs, which are
    /// the same either way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_sided: Option<bool>,
}

fn english() -> String {
    "en".into()
}

fn a4() -> String {
    Variant::default().paper
}

impl Manifest {
    /// The manifest with each entry [`PLACING`] its files in `dir` (a run killed while it renamed
    /// them) settled against the disk: built if its files hash to its sha256; if they are the
    /// earlier bytes, or only some are there, failed with the files that are there and their
    /// sha256 (kept as a failed brief's last files, rebuilt next time); dropped if none is.
    pub fn settled(mut self, dir: &Path) -> Self {
        for entries in [&mut self.briefs, &mut self.bound] {
            entries.retain_mut(|entry| {
                if entry.status != PLACING {
                    return true;
                }
                let present: Vec<(PathBuf, Vec<u8>)> = entry
                    .files
                    .iter()
                    .filter_map(|f| {
                        let bytes = read_listed(dir, f, MAX_OUTPUT_BYTES).ok()?;
                        Some((f.clone(), bytes))
                    })
                    .collect();
                let sha256 = bytes_hash(present.iter().map(|(_, b)| b.as_slice()));
                if present.len() == entry.files.len() && sha256 == entry.sha256 {
                    entry.status = "built".into();
                    return true;
                }
                entry.files = present.iter().map(|(f, _)| f.clone()).collect();
                entry.bytes = present.iter().map(|(_, b)| b.len() as u64).sum();
                entry.sha256 = sha256;
                entry.status = "failed".into();
                entry.input_hash.clear();
                !present.is_empty()
            });
        }
        self
    }
}

/// The identity of an output: `kind/key/format`, then `/lang` for an edition other than English
/// and `/variant` for a variant other than the default (`delegation/GHA/pdf/fr/us-letter`).
pub fn output_id(kind: &str, key: &str, format: &str, lang: &str, variant: &Variant) -> String {
    let mut id = format!("{kind}/{key}/{format}");
    if lang != "en" {
        id.push('/');
        id.push_str(lang);
    }
    if !variant.is_default() {
        id.push('/');
        id.push_str(&variant.name());
    }
    id
}

impl Entry {
    /// The entry of an output about to be built in `variant`: no files yet, marked failed until
    /// it is. Its sidedness is recorded for binders and packs only.
    pub fn pending(
        kind: String,
        key: String,
        title: String,
        format: &str,
        variant: &Variant,
        path: PathBuf,
        data_hash: &str,
    ) -> Self {
        let bound = matches!(kind.as_str(), "binder" | "pack");
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
            paper: variant.paper.clone(),
            pdf_standard: variant.standard.clone(),
            one_sided: bound.then_some(variant.one_sided),
        }
    }

    /// The variant the entry's files were made in.
    pub fn variant(&self) -> Variant {
        Variant {
            paper: self.paper.clone(),
            standard: self.pdf_standard.clone(),
            one_sided: self.one_sided.unwrap_or(false),
        }
    }

    /// The identity of an output: kind, key, format, edition and variant ([`output_id`]).
    pub fn id(&self) -> String {
        output_id(
            &self.kind,
            &self.key,
            &self.format,
            &self.lang,
            &self.variant(),
        )
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
        .settled(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_being_placed_settle_against_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let placing = |key: &str, bytes: &[u8]| Entry {
            files: vec![PathBuf::from(format!("{key}.pdf"))],
            sha256: bytes_hash([bytes]),
            bytes: bytes.len() as u64,
            status: PLACING.into(),
            input_hash: "key".into(),
            ..Entry::pending(
                "delegation".into(),
                key.into(),
                key.into(),
                "pdf",
                &Variant::default(),
                PathBuf::from(format!("{key}.pdf")),
                "",
            )
        };
        std::fs::write(dir.path().join("NEW.pdf"), b"new").unwrap();
        std::fs::write(dir.path().join("OLD.pdf"), b"earlier").unwrap();
        let manifest = Manifest {
            briefs: vec![
                placing("NEW", b"new"),
                placing("OLD", b"new"),
                placing("NONE", b"new"),
            ],
            ..Manifest::default()
        }
        .settled(dir.path());
        let [new, old] = &manifest.briefs[..] else {
            panic!("{:?}", manifest.briefs);
        };
        assert_eq!((new.key.as_str(), new.status.as_str()), ("NEW", "built"));
        assert_eq!(new.input_hash, "key");
        assert_eq!((old.key.as_str(), old.status.as_str()), ("OLD", "failed"));
        assert_eq!(old.sha256, bytes_hash([b"earlier".as_slice()]));
        assert_eq!(old.bytes, 7);
        assert!(old.input_hash.is_empty(), "rebuilt next time");
    }

    #[test]
    fn an_entry_of_an_older_manifest_reads_as_the_default_variant() {
        let entry: Entry = serde_json::from_value(serde_json::json!({
            "kind": "delegation", "key": "MEX", "title": "Mexico", "format": "pdf",
            "path": "delegations/MEX.pdf", "pages": 3, "bytes": 1, "sha256": "",
            "status": "built", "input_hash": ""
        }))
        .unwrap();
        assert!(entry.variant().is_default());
        assert_eq!(entry.id(), "delegation/MEX/pdf");
        let letter = Entry {
            paper: "us-letter".into(),
            lang: "fr".into(),
            ..entry
        };
        assert_eq!(letter.id(), "delegation/MEX/pdf/fr/us-letter");
    }
}

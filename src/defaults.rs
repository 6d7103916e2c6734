//! The defaults built into the binary, so that the tool works outside its own repository: the
//! bundled templates and data, embedded at compile time. A templates folder is laid over the
//! embedded templates file by file (a file of the folder wins, as in mdBook's `theme/`); a data
//! folder replaces the embedded data as a whole.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir, DirEntry};

use crate::error::{Error, Result};
use crate::files::{confine, is_ignored, real_root, template_files, Refusal, Want};

/// The templates of this repository at compile time (build.rs reruns when they change).
static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
/// The bundled data folder at compile time, with its README and licences.
static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// How an embedded file is named in diagnostics, `list`, `check` and errors.
pub const EMBEDDED: &str = "(embedded)";

/// Every file of an embedded folder by relative name (`lib/brief.typ`), sorted; hidden, editor,
/// office and OS files left out, as a folder's are.
fn embedded_files(dir: &'static Dir<'static>) -> Vec<(String, &'static [u8])> {
    let mut files = Vec::new();
    let mut pending = vec![dir];
    while let Some(dir) = pending.pop() {
        for entry in dir.entries() {
            let name = entry.path().file_name().map(|n| n.to_string_lossy());
            if name.is_none_or(|n| is_ignored(&n)) {
                continue;
            }
            match entry {
                DirEntry::Dir(dir) => pending.push(dir),
                DirEntry::File(file) => files.push((
                    file.path().to_string_lossy().replace('\\', "/"),
                    file.contents(),
                )),
            }
        }
    }
    files.sort();
    files
}

/// The embedded data folder's files (relative name, bytes), README and licences included.
pub fn data_files() -> Vec<(String, &'static [u8])> {
    embedded_files(&DATA)
}

/// The embedded templates (relative name, bytes), their README (if any) included.
pub fn template_set() -> Vec<(String, &'static [u8])> {
    embedded_files(&TEMPLATES)
}

/// The templates a build reads: the embedded set, with the files of a templates folder (if there
/// is one) in place of the embedded ones of the same name and beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Templates {
    /// The folder as given and made canonical, if one is used.
    folder: Option<(PathBuf, PathBuf)>,
}

impl Templates {
    /// The embedded templates alone.
    pub fn embedded() -> Self {
        Templates { folder: None }
    }

    /// The embedded templates under the folder `dir`, which must exist.
    pub fn folder(dir: &Path) -> Self {
        Templates {
            folder: Some((dir.to_path_buf(), real_root(dir))),
        }
    }

    /// The folder, if one is used (as given).
    pub fn dir(&self) -> Option<&Path> {
        self.folder.as_ref().map(|(dir, _)| dir.as_path())
    }

    /// What `list`, `check` and `watch` print: "embedded", the folder, or the folder over the
    /// embedded templates when it lacks some of them.
    pub fn describe(&self) -> String {
        match (self.dir(), self.embedded_left()) {
            (None, _) => "embedded".into(),
            (Some(dir), 0) => dir.display().to_string(),
            (Some(dir), left) => format!(
                "{} over the embedded templates ({left} of them not in the folder)",
                dir.display()
            ),
        }
    }

    /// How many embedded templates the folder has no file for (all of them without a folder).
    pub fn embedded_left(&self) -> usize {
        let own: BTreeSet<String> = match self.dir() {
            Some(dir) => template_files(dir, dir)
                .unwrap_or_default()
                .into_iter()
                .map(|(name, _)| name)
                .collect(),
            None => Default::default(),
        };
        template_set()
            .iter()
            .filter(|(name, _)| !name.to_ascii_lowercase().ends_with(".md"))
            .filter(|(name, _)| !own.contains(name))
            .count()
    }

    /// Where the file `name` comes from: the folder, when it has the name (even if the file is
    /// then refused: a folder's file is never silently replaced), else the embedded set.
    pub fn find(&self, name: &str, max_bytes: u64) -> Result<Found, Refusal> {
        if let Some((dir, real)) = &self.folder {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok() {
                let real = confine(real, &path, Want::File { max_bytes })?;
                return Ok(Found::Folder(real));
            }
        }
        let embedded = TEMPLATES
            .get_file(name)
            .filter(|_| name.split('/').all(|part| !is_ignored(part)))
            .ok_or_else(|| Refusal::Unresolved(std::io::ErrorKind::NotFound.into()))?;
        let bytes = embedded.contents();
        if bytes.len() as u64 > max_bytes {
            return Err(Refusal::TooLarge {
                bytes: bytes.len() as u64,
                limit: max_bytes,
            });
        }
        Ok(Found::Embedded(bytes))
    }

    /// The bytes of `name` (see [`Templates::find`]).
    pub fn read(&self, name: &str, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
        match self.find(name, max_bytes)? {
            Found::Folder(real) => std::fs::read(real).map_err(Refusal::Unresolved),
            Found::Embedded(bytes) => Ok(bytes.to_vec()),
        }
    }

    /// How `name` is shown in diagnostics: the folder's path when the folder has it, else
    /// `(embedded) templates/NAME`.
    pub fn display(&self, name: &str) -> PathBuf {
        match &self.folder {
            Some((dir, _)) if std::fs::symlink_metadata(dir.join(name)).is_ok() => dir.join(name),
            _ => PathBuf::from(format!("{EMBEDDED} templates/{name}")),
        }
    }

    /// Every file a build may read, by relative name, sorted: the embedded set overlaid by the
    /// folder's files (see [`template_files`], which leaves the output folder `out` out).
    pub fn files(&self, out: &Path) -> Result<Vec<(String, Vec<u8>)>> {
        let mut files: std::collections::BTreeMap<String, Vec<u8>> = template_set()
            .into_iter()
            .filter(|(name, _)| !name.to_ascii_lowercase().ends_with(".md"))
            .map(|(name, bytes)| (name, bytes.to_vec()))
            .collect();
        if let Some((dir, _)) = &self.folder {
            files.extend(template_files(dir, out)?);
        }
        Ok(files.into_iter().collect())
    }
}

/// The colophon's sentence on what a brief was built from, when its data or some of the
/// templates it uses (`used`, relative names) are embedded; `None` for a data folder and a
/// templates folder holding every template the brief uses, so that an override changes only the
/// briefs using it. Folders are named by their own name only, so that where a project lies does
/// not change its briefs.
pub fn built_from(data: &Data, templates: &Templates, used: &BTreeSet<String>) -> Option<String> {
    let name = |dir: &Path| {
        let real = real_root(dir);
        let name = real.file_name().unwrap_or(real.as_os_str());
        format!("\u{201c}{}\u{201d}", name.to_string_lossy())
    };
    let own: BTreeSet<String> = match templates.dir() {
        Some(dir) => template_files(dir, dir)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| used.contains(name))
            .collect(),
        None => BTreeSet::new(),
    };
    let all_own = own.len() == used.len();
    if data.dir().is_some() && all_own {
        return None;
    }
    let data = match data.dir() {
        Some(dir) => format!("the data folder {}", name(dir)),
        None => "the data embedded in imrf-briefs".into(),
    };
    let templates = match templates.dir() {
        Some(dir) if all_own => format!("the templates folder {}", name(dir)),
        Some(dir) if !own.is_empty() => format!(
            "the templates folder {} over the embedded templates",
            name(dir)
        ),
        _ => "the embedded templates".into(),
    };
    Some(format!("Built from {data} and {templates}."))
}

/// Where a template file was found.
pub enum Found {
    /// The real path of a file of the templates folder (confined).
    Folder(PathBuf),
    /// The embedded file's bytes.
    Embedded(&'static [u8]),
}

/// The data folder a command reads: a folder, or a private copy of the embedded data written for
/// this run (the loader reads folders only) and removed when the last clone is dropped.
#[derive(Debug, Clone)]
pub struct Data {
    path: PathBuf,
    embedded: Option<Arc<tempfile::TempDir>>,
}

impl Data {
    /// The folder `dir`.
    pub fn folder(dir: &Path) -> Self {
        Data {
            path: dir.to_path_buf(),
            embedded: None,
        }
    }

    /// A fresh copy of the embedded data in a private temporary folder.
    pub fn embedded() -> Result<Self> {
        let temp = tempfile::Builder::new()
            .prefix(".imrf-briefs-data-")
            .tempdir()
            .map_err(|err| Error::io(&std::env::temp_dir(), err))?;
        for (name, bytes) in data_files() {
            let path = temp.path().join(&name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|err| Error::io(parent, err))?;
            }
            std::fs::write(&path, bytes).map_err(|err| Error::io(&path, err))?;
        }
        Ok(Data {
            path: temp.path().to_path_buf(),
            embedded: Some(Arc::new(temp)),
        })
    }

    /// The folder to load.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The user's folder, `None` for the embedded data.
    pub fn dir(&self) -> Option<&Path> {
        self.embedded.is_none().then_some(self.path.as_path())
    }

    /// `path` as messages show it: a file of the embedded data as `(embedded) data/NAME`, not
    /// by the private copy's path.
    pub fn shown(&self, path: &Path) -> PathBuf {
        match path.strip_prefix(&self.path) {
            Ok(relative) if self.embedded.is_some() => {
                PathBuf::from(format!("{EMBEDDED} data")).join(relative)
            }
            _ => path.to_path_buf(),
        }
    }

    /// What `list` and `check` print: the folder, or "embedded".
    pub fn describe(&self) -> String {
        match self.dir() {
            Some(dir) => dir.display().to_string(),
            None => "embedded".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_sets_hold_the_bundled_files() {
        let templates: Vec<String> = template_set().into_iter().map(|(n, _)| n).collect();
        for name in ["base.typ.j2", "lib/brief.typ", "partials/points.typ.j2"] {
            assert!(templates.iter().any(|n| n == name), "{name}: {templates:?}");
        }
        let data: Vec<String> = data_files().into_iter().map(|(n, _)| n).collect();
        for name in ["dataset.yaml", "README.md", "countries.LICENSE.md"] {
            assert!(data.iter().any(|n| n == name), "{name}: {data:?}");
        }
    }

    #[test]
    fn a_folder_file_wins_and_the_rest_is_embedded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("base.typ.j2"), "mine").unwrap();
        let templates = Templates::folder(dir.path());
        assert_eq!(templates.read("base.typ.j2", 100).unwrap(), b"mine");
        assert!(matches!(
            templates.find("lib/brief.typ", 1 << 20),
            Ok(Found::Embedded(_))
        ));
        assert!(templates.find("missing.typ", 1 << 20).is_err());
        let files = templates.files(dir.path()).unwrap();
        let base = files.iter().find(|(n, _)| n == "base.typ.j2").unwrap();
        assert_eq!(base.1, b"mine");
        assert_eq!(
            files.len(),
            Templates::embedded().files(dir.path()).unwrap().len()
        );
    }
}

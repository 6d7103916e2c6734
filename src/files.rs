//! Files and bytes, the one home for them: atomic writes, content hashes in hex, which files of a
//! folder a build reads, the temporary files a killed writer leaves, and the sort order of names.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that
/// readers see the old file or the new one, never a part. Not synced to disk first: what a build
/// writes can be built again (and a sync per PDF would cost about 1% of a build).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, bytes, false)
}

/// As [`write_atomic`], with the new file on disk before it replaces the old one: for pulled
/// data, where the file replaced is the last good copy and nothing could make it again.
pub fn write_durable(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, bytes, true)
}

fn replace(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let temp = write_temporary_synced(path, bytes, sync)?;
    fs::rename(&temp, path).map_err(|err| {
        let _ = fs::remove_file(&temp);
        Error::io(path, err)
    })?;
    renamed();
    Ok(())
}

/// Writes `bytes` beside `path` under a temporary name of this process (see [`TEMPORARY`]),
/// creating the folder; returns the temporary file, for the caller to rename into place.
pub fn write_temporary(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    write_temporary_synced(path, bytes, false)
}

fn write_temporary_synced(path: &Path, bytes: &[u8], sync: bool) -> Result<PathBuf> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Several files of one name can wait for their rename at once (see fresh::journal).
    static SEQUENCE: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(
        ".{name}.{sequence}.{}{TEMPORARY}",
        std::process::id()
    ));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        Ok(())
    })();
    result.map(|()| temp.clone()).map_err(|err| {
        let _ = fs::remove_file(&temp);
        Error::io(path, err)
    })
}

/// The environment variable of the kill tests: `IMRF_BRIEFS_KILL_AFTER_RENAMES=N` makes the
/// process kill itself (SIGKILL, Unix) right after its Nth rename of a written file into place,
/// so that tests can stop a build or merge at a chosen moment. For tests only.
pub const KILL_AFTER_RENAMES: &str = "IMRF_BRIEFS_KILL_AFTER_RENAMES";

/// Counts a rename into place (see [`KILL_AFTER_RENAMES`]).
pub fn renamed() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;
    static LIMIT: OnceLock<Option<usize>> = OnceLock::new();
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let limit = LIMIT.get_or_init(|| std::env::var(KILL_AFTER_RENAMES).ok()?.parse().ok());
    if let Some(limit) = *limit {
        if COUNT.fetch_add(1, Ordering::SeqCst) + 1 == limit {
            #[cfg(unix)]
            // SAFETY: kill(2) on this process; it does not return once delivered.
            unsafe {
                libc::kill(libc::getpid(), libc::SIGKILL);
            }
            std::process::abort();
        }
    }
}

/// What a reader expects to find at a path it confines.
#[derive(Debug, Clone, Copy)]
pub enum Want {
    /// A regular file of at most this many bytes.
    File { max_bytes: u64 },
    /// A folder.
    Folder,
}

/// Why a path is not read (see [`confine`]).
#[derive(Debug)]
pub enum Refusal {
    /// It cannot be resolved (missing, unreadable).
    Unresolved(std::io::Error),
    /// After symbolic links are followed, it lies outside the root.
    Outside,
    /// It is not what was wanted: a folder, device or pipe for a file; a file for a folder.
    NotRegular,
    /// A file larger than the limit.
    TooLarge { bytes: u64, limit: u64 },
}

/// The one confinement rule, for every reader of data, templates, Typst files and fingerprints
/// and for `pull`'s writes: `path`, with symbolic links followed, must lie inside `real_root`
/// (already canonical) and be what is wanted; a regular file no larger than its limit. Returns the
/// real path to read. Nothing is read before this says yes.
pub fn confine(real_root: &Path, path: &Path, want: Want) -> Result<PathBuf, Refusal> {
    let real = fs::canonicalize(path).map_err(Refusal::Unresolved)?;
    if !real.starts_with(real_root) {
        return Err(Refusal::Outside);
    }
    let meta = fs::metadata(&real).map_err(Refusal::Unresolved)?;
    match want {
        Want::Folder if meta.is_dir() => Ok(real),
        Want::File { max_bytes } if meta.is_file() => {
            if meta.len() > max_bytes {
                Err(Refusal::TooLarge {
                    bytes: meta.len(),
                    limit: max_bytes,
                })
            } else {
                Ok(real)
            }
        }
        _ => Err(Refusal::NotRegular),
    }
}

/// A relative path that stays inside its folder: no `..`, no root, no prefix, not empty.
pub fn is_relative_inside(path: &Path) -> bool {
    use std::path::Component;
    path.components().next().is_some()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Whether every folder on the way from `dir` to `relative`'s is a real folder of `dir` (no
/// symbolic link) or does not exist yet, so that a file written there, and the folders made for
/// it, stay inside `dir`. Judged before anything is written.
pub fn folders_inside(dir: &Path, relative: &Path) -> bool {
    let mut folder = dir.to_path_buf();
    for part in relative.parent().into_iter().flat_map(Path::components) {
        folder.push(part);
        match fs::symlink_metadata(&folder) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return false,
            Err(_) => return true,
        }
    }
    is_relative_inside(relative)
}

/// Why a file is not written by [`write_inside`] and the output folder's writers.
pub const LINKED_FOLDER: &str = "its folder is a symbolic link (or leads out of the output \
                                 folder): refused, nothing written through it";

/// [`write_atomic`] of `dir/relative`, refused (nothing written) unless its folders are
/// [`folders_inside`] `dir`.
pub fn write_inside(dir: &Path, relative: &Path, bytes: &[u8]) -> Result<()> {
    let path = dir.join(relative);
    if !folders_inside(dir, relative) {
        return Err(Error::Usage(format!("{}: {LINKED_FOLDER}", path.display())));
    }
    write_atomic(&path, bytes)
}

/// Removes `dir/relative`, a file that an earlier run listed in its manifest, if it is a regular
/// file (not a link, device or pipe) whose folder, links followed, lies inside `dir`. Anything
/// else is left alone: a manifest may be stale or forged, so what it names is never trusted.
pub fn remove_listed(dir: &Path, relative: &Path) {
    if !is_relative_inside(relative) {
        return;
    }
    let path = dir.join(relative);
    let root = real_root(dir);
    let Some(parent) = path.parent() else {
        return;
    };
    if confine(&root, parent, Want::Folder).is_err() {
        return;
    }
    if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
        let _ = fs::remove_file(&path);
    }
}

/// `root` made canonical for [`confine`] (as given, should that fail: then nothing confines in it).
pub fn real_root(root: &Path) -> PathBuf {
    fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// The largest output file (a brief's PDF, a page image, a binder) that is hashed or copied
/// because a manifest lists it.
pub const MAX_OUTPUT_BYTES: u64 = 1 << 30;

/// A file that a manifest (of the output folder, or of a shard) lists as `relative` to `dir`:
/// a relative path with no `..`, no symbolic link on the way or at its end, naming a regular
/// file of at most `max_bytes`. Manifests can be stale or forged: what they name is confined.
pub fn confine_listed(dir: &Path, relative: &Path, max_bytes: u64) -> Result<PathBuf, Refusal> {
    if !is_relative_inside(relative) {
        return Err(Refusal::Outside);
    }
    let root = fs::canonicalize(dir).map_err(Refusal::Unresolved)?;
    let real = confine(&root, &dir.join(relative), Want::File { max_bytes })?;
    if real != root.join(relative) {
        return Err(Refusal::Outside);
    }
    Ok(real)
}

/// The bytes of a listed file (see [`confine_listed`]), read without blocking on a pipe or
/// following a link swapped in after the check, and never more than `max_bytes`.
pub fn read_listed(dir: &Path, relative: &Path, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
    use std::io::Read;
    let real = confine_listed(dir, relative, max_bytes)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(&real).map_err(Refusal::Unresolved)?;
    if !file.metadata().map_err(Refusal::Unresolved)?.is_file() {
        return Err(Refusal::NotRegular);
    }
    let mut bytes = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Unresolved)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Refusal::TooLarge {
            bytes: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unresolved(err) => write!(f, "{err}"),
            Refusal::Outside => f.write_str("a link, or a path leading outside its folder"),
            Refusal::NotRegular => f.write_str("not a regular file (a folder, device or pipe)"),
            Refusal::TooLarge { bytes, limit } => {
                write!(f, "{bytes} bytes, more than the limit of {limit}")
            }
        }
    }
}

/// The sha256 of `files` (relative to `dir`) read in order; `None` if one is missing or refused
/// (see [`read_listed`]).
pub fn files_hash(dir: &Path, files: &[PathBuf]) -> Option<String> {
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(read_listed(dir, file, MAX_OUTPUT_BYTES).ok()?);
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

/// How the temporary files of [`write_atomic`] end: `.NAME.PID.imrf-briefs.tmp`, a name only
/// this tool uses, so that clean-up never removes another program's `.x.123.tmp`.
pub const TEMPORARY: &str = ".imrf-briefs.tmp";

/// Removes the temporary files (see [`TEMPORARY`]) that a process killed mid-write left below
/// `dir`, the output folder. Runs under the lock, so no live writer owns them; never follows a
/// symbolic link, so it stays inside `dir`.
pub fn remove_temporary_files(dir: &Path) {
    remove_temporary_files_if(dir, |_| true);
}

/// Removes the temporary files (see [`TEMPORARY`]) below `dir` whose writer is gone (no process
/// has the id in the name): what a killed `pull` leaves in the data folder, which no lock keeps
/// other writers out of. Never follows a symbolic link.
pub fn remove_orphaned_temporary_files(dir: &Path) {
    remove_temporary_files_if(dir, |pid| !is_running(pid));
}

fn remove_temporary_files_if(dir: &Path, orphaned: impl Fn(u32) -> bool) {
    for file in files_below(dir, usize::MAX) {
        let name = file.file_name().map(|n| n.to_string_lossy());
        if name.and_then(|n| temporary_pid(&n)).is_some_and(&orphaned) {
            let _ = fs::remove_file(dir.join(file));
        }
    }
}

/// Whether a process of id `pid` runs (Unix; elsewhere every process is taken to run).
fn is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = i32::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        let found = unsafe { libc::kill(pid, 0) } == 0;
        found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The regular files below `dir` (relative to it), at most `depth` folders down, never following
/// a symbolic link (a link to a folder is not a folder here), so that it stays inside `dir`.
pub fn files_below(dir: &Path, depth: usize) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![(PathBuf::new(), 0)];
    while let Some((folder, level)) = pending.pop() {
        let Ok(entries) = fs::read_dir(dir.join(&folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let relative = folder.join(entry.file_name());
            if kind.is_dir() && level < depth {
                pending.push((relative, level + 1));
            } else if kind.is_file() {
                files.push(relative);
            }
        }
    }
    files
}

/// The id of the process that wrote temporary file `name`: `.NAME.PID.imrf-briefs.tmp`, as
/// `write_atomic` names its temporary files; `None` for any other name.
fn temporary_pid(name: &str) -> Option<u32> {
    let rest = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMPORARY))?;
    let (_, pid) = rest.rsplit_once('.')?;
    pid.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| pid.parse().ok())
        .flatten()
}

/// Lower-case hexadecimal, as sha256 digests are printed.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A hidden, backup, editor, office or OS file (`.x.swp`, `x~`, `.#x`, `#x#`, Excel's lock file
/// `~$x.csv`, `Thumbs.db`, `desktop.ini`, `.DS_Store`), which no build reads.
pub fn is_ignored(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || lower == "thumbs.db"
        || lower == "desktop.ini"
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Every regular file below `root` that a build may read, by relative name (`lib/brief.typ`),
/// sorted. Hidden, editor, office and OS files, Markdown documentation, symbolic links leaving the folder and the output folder `out`
/// (should it lie inside) are left out.
pub fn template_files(root: &Path, out: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let real_root = fs::canonicalize(root).map_err(|err| Error::io(root, err))?;
    let real_out = fs::canonicalize(out).ok();
    let mut files = Vec::new();
    let mut pending = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(|err| Error::io(&dir, err))? {
            let entry = entry.map_err(|err| Error::io(&dir, err))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // Documentation (a README.md) is no template and changes no brief's key.
            if is_ignored(&name) || name.to_ascii_lowercase().ends_with(".md") {
                continue;
            }
            let path = entry.path();
            let relative = format!("{prefix}{name}");
            let file = Want::File {
                max_bytes: u64::MAX,
            };
            match confine(&real_root, &path, file) {
                Ok(real) => {
                    let bytes = fs::read(&real).map_err(|err| Error::io(&path, err))?;
                    files.push((relative, bytes));
                }
                // A folder (not the output folder), else nothing a build reads.
                Err(Refusal::NotRegular) => {
                    if let Ok(real) = confine(&real_root, &path, Want::Folder) {
                        if real_out.as_ref() != Some(&real) {
                            pending.push((path, format!("{relative}/")));
                        }
                    }
                }
                Err(_) => {}
            }
        }
    }
    files.sort();
    Ok(files)
}

/// A name as alphabetical order reads it in English, French and Spanish: "Côte d'Ivoire" among
/// the Cs, "Égypte" among the Es, "Türkiye" among the Ts (accents folded), ligatures spelled out
/// ("Œ" as "oe"), case ignored; "ñ" after every "n" and before "o", as Spanish orders it.
pub fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'À'..='Å' | 'à'..='å' => key.push('a'),
            'Ç' | 'ç' => key.push('c'),
            'È'..='Ë' | 'è'..='ë' => key.push('e'),
            'Ì'..='Ï' | 'ì'..='ï' => key.push('i'),
            // '{' sorts after 'z': "n" followed by anything sorts before "ñ".
            'Ñ' | 'ñ' => key.push_str("n{"),
            'Ò'..='Ö' | 'ò'..='ö' => key.push('o'),
            'Ù'..='Ü' | 'ù'..='ü' => key.push('u'),
            'Œ' | 'œ' => key.push_str("oe"),
            'Æ' | 'æ' => key.push_str("ae"),
            c => key.push(c.to_ascii_lowercase()),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_are_recognised() {
        assert_eq!(temporary_pid(".MEX.pdf.0.1234.imrf-briefs.tmp"), Some(1234));
        assert_eq!(temporary_pid("MEX.pdf"), None);
        assert_eq!(temporary_pid(".MEX.pdf.x.imrf-briefs.tmp"), None);
        assert_eq!(temporary_pid(".MEX.pdf.+5.imrf-briefs.tmp"), None);
        // Another program's temporary files are not ours.
        assert_eq!(temporary_pid(".MEX.pdf.1234.tmp"), None);
        assert_eq!(temporary_pid(".draft.csv.4242.tmp"), None);
    }

    #[test]
    fn accented_names_sort_with_their_letter() {
        let mut names = vec!["Türkiye", "Cuba", "Côte d'Ivoire", "Czechia"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["Côte d'Ivoire", "Cuba", "Czechia", "Türkiye"]);
    }

    #[test]
    fn french_and_spanish_names_sort_as_their_readers_expect() {
        let mut french = vec![
            "Érythrée",
            "Espagne",
            "Émirats arabes unis",
            "Équateur",
            "Égypte",
            "El Salvador",
            "Estonie",
        ];
        french.sort_by_key(|n| sort_key(n));
        assert_eq!(
            french,
            [
                "Égypte",
                "El Salvador",
                "Émirats arabes unis",
                "Équateur",
                "Érythrée",
                "Espagne",
                "Estonie"
            ]
        );
        // Spanish orders "ñ" as a letter of its own, after "n".
        let mut spanish = vec!["Ñandutí", "Oman", "Nueva Zelandia", "Níger"];
        spanish.sort_by_key(|n| sort_key(n));
        assert_eq!(spanish, ["Níger", "Nueva Zelandia", "Ñandutí", "Oman"]);
        assert!(sort_key("España") > sort_key("Espanz"));
    }

    #[test]
    fn editor_files_are_ignored() {
        for name in [
            ".base.typ.j2.swp",
            "base.typ.j2~",
            ".#base.typ.j2",
            "#base#",
            "~$imrf-2022.csv",
            "Thumbs.db",
            "desktop.ini",
            ".DS_Store",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("base.typ.j2"));
    }

    #[cfg(unix)]
    #[test]
    fn confine_refuses_links_out_devices_pipes_and_oversized_files() {
        let root = tempfile::tempdir().unwrap();
        let real = real_root(root.path());
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "x").unwrap();
        fs::write(root.path().join("ok.csv"), "abc").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.path().join("out")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.path().join("zero")).unwrap();
        let fifo = root.path().join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success()));
        let file = |max_bytes| Want::File { max_bytes };
        assert!(confine(&real, &root.path().join("ok.csv"), file(3)).is_ok());
        assert!(matches!(
            confine(&real, &root.path().join("ok.csv"), file(2)),
            Err(Refusal::TooLarge { bytes: 3, limit: 2 })
        ));
        let refused = |name: &str| confine(&real, &root.path().join(name), file(1 << 20));
        assert!(matches!(refused("out"), Err(Refusal::Outside)));
        assert!(matches!(refused("zero"), Err(Refusal::Outside)));
        assert!(matches!(refused("fifo"), Err(Refusal::NotRegular)));
        assert!(matches!(refused("missing"), Err(Refusal::Unresolved(_))));
        assert!(confine(&real, root.path(), Want::Folder).is_ok());
        assert!(matches!(
            confine(&real, &root.path().join("ok.csv"), Want::Folder),
            Err(Refusal::NotRegular)
        ));
    }
}

//! `watch`: build, then rebuild whenever data or templates change, until interrupted.
//!
//! Changes come from the platform's file notifications (the `notify` crate, as typst-cli and mdBook
//! use), or from polling sizes and modification times where notifications cannot be had; hidden
//! and editor files and the output folder are not edits. The incremental build then recompiles
//! only the briefs whose rendered source changed, and atomic writes keep the last good PDF of a
//! brief whose edit broke it.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::batch::{
    self,
    config::{Config, Verbosity},
};
use crate::error::Error;

/// How often the folders are scanned when polling: a few dozen `stat` calls, cheap enough to keep
/// the time from a save to its rebuild small. Also how long a notified change must hold still.
const POLL: Duration = Duration::from_millis(25);

/// Builds, then rebuilds on every change. Returns only on an error that no edit can fix.
pub fn watch(config: &Config) -> crate::error::Result<()> {
    let mut config = config.clone();
    let verbose = config.verbosity == Verbosity::Verbose;
    config.verbosity = if verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Quiet
    };
    let _ = fs::create_dir_all(&config.out);
    let folders = Folders {
        // Embedded data or templates never change under a running build.
        roots: [config.data.dir(), config.templates.dir()]
            .into_iter()
            .flatten()
            .map(Path::to_path_buf)
            .collect(),
        // The output folder may lie inside a watched folder: our own writes are not edits.
        skip: fs::canonicalize(&config.out).unwrap_or_else(|_| config.out.clone()),
    };
    let notified = notifications(&folders);
    let mut seen = snapshot(&folders);
    rebuild(&config);
    eprintln!(
        "watching data {} and templates {} for changes (Ctrl-C to stop)",
        config.data.describe(),
        config.templates.describe()
    );
    if let Ok((_watcher, events)) = notified {
        // Wait for an edit, then until the events stop for one POLL, so that a save still being
        // written (or several files saved together) gives one rebuild of the finished files.
        while let Ok(event) = events.recv() {
            if !is_edit(&folders, &event) {
                continue;
            }
            while events.recv_timeout(POLL).is_ok() {}
            rebuild(&config);
        }
        return Err(Error::Usage("watch: the file notifications stopped".into()));
    }
    loop {
        std::thread::sleep(POLL);
        let now = snapshot(&folders);
        if now != seen {
            seen = settle(&folders, now);
            rebuild(&config);
        }
    }
}

/// File notifications for the watched folders, or an error where the platform has none (then
/// `watch` polls).
fn notifications(
    folders: &Folders,
) -> notify::Result<(notify::RecommendedWatcher, mpsc::Receiver<notify::Event>)> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event);
        }
    })?;
    for root in &folders.roots {
        watcher.watch(root, RecursiveMode::Recursive)?;
    }
    Ok((watcher, events))
}

/// Whether `event` changed an input: not a read, not in the output folder, not a hidden or
/// editor file.
fn is_edit(folders: &Folders, event: &notify::Event) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|path| {
        // Only the names below a watched folder count (a temporary folder may itself be hidden).
        let below = folders
            .roots
            .iter()
            .find_map(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        let ignored = below.components().any(|c| {
            matches!(c, Component::Normal(name) if crate::files::is_ignored(&name.to_string_lossy()))
        });
        let real = path
            .parent()
            .and_then(|p| fs::canonicalize(p).ok())
            .unwrap_or_else(|| path.to_path_buf());
        !ignored && !real.starts_with(&folders.skip)
    })
}

/// One incremental build, reporting what it rebuilt; errors are printed, never fatal.
fn rebuild(config: &Config) {
    let started = Instant::now();
    let stamp = clock();
    match batch::build(config) {
        Ok(entries) => {
            let built: Vec<String> = entries
                .iter()
                .filter(|e| e.status == "built")
                .map(|e| e.path.display().to_string())
                .collect();
            let ms = started.elapsed().as_millis();
            if built.is_empty() {
                eprintln!("[{stamp}] no brief changed ({ms} ms)");
            } else if built.len() <= 12 {
                eprintln!(
                    "[{stamp}] rebuilt {} of {} briefs in {ms} ms: {}",
                    built.len(),
                    entries.len(),
                    built.join(", ")
                );
            } else {
                eprintln!(
                    "[{stamp}] rebuilt {} of {} briefs in {ms} ms",
                    built.len(),
                    entries.len()
                );
            }
        }
        Err(Error::BriefsFailed { failed }) => {
            eprintln!("[{stamp}] {failed} brief(s) failed; their last good files are kept");
        }
        Err(err) => {
            crate::diag::print_error(&err);
            eprintln!("[{stamp}] nothing rebuilt; fix the input and save again");
        }
    }
}

/// Polls until the folders look the same twice in a row; returns that state.
fn settle(folders: &Folders, mut last: Snapshot) -> Snapshot {
    loop {
        std::thread::sleep(POLL);
        let now = snapshot(folders);
        if now == last {
            return now;
        }
        last = now;
    }
}

/// Path, size and modification time of every file below the folders.
type Snapshot = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// The watched folders, and the output folder that is never watched.
struct Folders {
    roots: Vec<PathBuf>,
    skip: PathBuf,
}

fn snapshot(folders: &Folders) -> Snapshot {
    let mut files = Vec::new();
    for folder in &folders.roots {
        collect(folder, &folders.skip, &mut files);
    }
    files.sort();
    files
}

fn collect(dir: &Path, skip: &Path, files: &mut Snapshot) {
    if fs::canonicalize(dir).is_ok_and(|real| real == skip) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if crate::files::is_ignored(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let path = entry.path();
        match entry.metadata() {
            Ok(meta) if meta.is_dir() => collect(&path, skip, files),
            Ok(meta) => files.push((path, meta.len(), meta.modified().ok())),
            Err(_) => {}
        }
    }
}

/// The time of day (UTC) for log lines.
fn clock() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

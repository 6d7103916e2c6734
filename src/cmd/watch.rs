//! `watch`, and the rebuild loop it shares with `serve`: build, then rebuild whenever data,
//! templates or the project file change, until Ctrl-C or SIGTERM.
//!
//! Changes come from the platform's file notifications (the `notify` crate, as typst-cli and mdBook
//! use), or from polling sizes and modification times where notifications cannot be had; hidden
//! and editor files and the output folder are not edits. The incremental build then recompiles
//! only the briefs whose rendered source changed, and atomic writes keep the last good PDF of a
//! brief whose edit broke it. A saved `imrf-briefs.yaml` is read again as the command line first
//! read it (its settings laid under the flags typed); a broken one is reported and the last good
//! settings stay. A signal lets the build under way finish, so no temporary file is left and the
//! output folder's lock is released, and the command exits 0.

use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::batch::{
    self,
    config::{Config, Verbosity},
};
use crate::cli::project::FILE;
use crate::error::{Error, Report, Result};
use crate::fresh::Entry;

/// How often the folders are scanned when polling: a few dozen `stat` calls, cheap enough to keep
/// the time from a save to its rebuild small. Also how long a notified change must hold still.
const POLL: Duration = Duration::from_millis(25);

/// How to read the settings again: the command line as typed and the folder of the project
/// file, which are expanded again when the project file changes.
#[derive(Debug, Clone)]
pub struct Settings {
    line: Vec<OsString>,
    dir: PathBuf,
}

impl Settings {
    /// The command line `line` (program name first), whose project file lies in `dir`.
    pub fn new(line: &[OsString], dir: &Path) -> Self {
        Settings {
            line: line.to_vec(),
            dir: dir.to_path_buf(),
        }
    }

    fn project_file(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// The build configuration from the project file as it is now and the flags typed.
    fn reload(&self) -> Result<Config> {
        use clap::Parser;
        let (args, project) = crate::cli::project::expand(self.line.clone(), &self.dir)?;
        let cli = crate::cli::Cli::try_parse_from(args).map_err(|err| {
            let text = err.to_string();
            let first = text.lines().next().unwrap_or_default();
            Error::Usage(format!(
                "{}: {}",
                self.project_file().display(),
                first.trim_start_matches("error: ")
            ))
        })?;
        let args = match cli.command {
            crate::cli::Command::Watch(args) => args,
            crate::cli::Command::Serve(args) => args.build,
            _ => return Err(Error::Usage("not a watch or serve command line".into())),
        };
        Config::from_args(args, project.as_ref()).map(quietened)
    }
}

/// One rebuild as the loop hands it on: the configuration it ran with and what came of it.
pub struct Rebuilt<'a> {
    pub config: &'a Config,
    /// This run's entries, or why the build stopped or which briefs failed.
    pub result: &'a Result<Vec<Entry>>,
    /// The failed briefs, binders and packs with their diagnostics.
    pub failures: &'a [(Entry, Report)],
    /// Whether this is the first build of the session.
    pub first: bool,
}

/// `watch`: builds, then rebuilds on every change; `open` opens what the first build made.
pub fn watch(config: Config, settings: &Settings, open: bool) -> Result<()> {
    run(config, settings, |rebuilt| {
        if rebuilt.first {
            if let (true, Ok(entries)) = (open, rebuilt.result) {
                let target = super::open::made(rebuilt.config, entries);
                super::open::open(target.as_os_str());
            }
        }
    })
}

/// The loop: builds, calls `after`, then waits for a change and does it again, until a signal
/// (then `Ok`) or an error that no edit can fix.
pub fn run(config: Config, settings: &Settings, mut after: impl FnMut(&Rebuilt)) -> Result<()> {
    let (sender, events) = mpsc::channel();
    stop_on_signals(sender.clone());
    let mut config = quietened(config);
    let mut project = fs::read(settings.project_file()).ok();
    let mut first = true;
    loop {
        let _ = fs::create_dir_all(&config.out);
        let folders = Folders::of(&config, &settings.project_file());
        // Without notifications (or when they stop) the folders are polled.
        let watcher = notifications(&folders, sender.clone()).ok();
        let mut seen = snapshot(&folders);
        rebuild(&config, first, &mut after);
        if first {
            eprintln!(
                "watching data {}, templates {} and {} for changes (Ctrl-C to stop)",
                config.data.describe(),
                config.templates.describe(),
                FILE
            );
            first = false;
        }
        loop {
            if !wait(&events, watcher.is_some(), &folders, &mut seen) {
                return Ok(());
            }
            let now = fs::read(settings.project_file()).ok();
            if now != project {
                project = now;
                match settings.reload() {
                    Ok(reloaded) => {
                        eprintln!("[{}] {FILE} read again", clock());
                        let moved = Folders::of(&reloaded, &settings.project_file()) != folders;
                        config = reloaded;
                        if moved {
                            // Watch the new folders, then build.
                            break;
                        }
                    }
                    Err(err) => {
                        crate::diag::print_error(&err);
                        eprintln!("[{}] {FILE}: keeping the last good settings", clock());
                    }
                }
            }
            rebuild(&config, false, &mut after);
        }
    }
}

/// `verbose` stays; anything else prints only errors and the loop's own lines.
fn quietened(mut config: Config) -> Config {
    if config.verbosity != Verbosity::Verbose {
        config.verbosity = Verbosity::Quiet;
    }
    config
}

/// What reaches the loop: a file notification, or a signal to stop.
enum Wake {
    Changed(notify::Event),
    Stop,
}

/// Sends [`Wake::Stop`] on SIGINT, SIGTERM or SIGHUP (Ctrl-C or closing the console on Windows);
/// a second signal ends the process at once (exit 130), for a build that will not finish.
fn stop_on_signals(sender: mpsc::Sender<Wake>) {
    static SIGNALS: AtomicUsize = AtomicUsize::new(0);
    let handler = move || {
        if SIGNALS.fetch_add(1, Ordering::SeqCst) > 0 {
            std::process::exit(130);
        }
        eprintln!("stopping (after the build under way, if any)");
        let _ = sender.send(Wake::Stop);
    };
    // Set once per process; a second loop in the same process keeps the first handler.
    let _ = ctrlc::set_handler(handler);
}

/// Waits for an edit, then until the changes stop for one POLL, so that a save still being
/// written (or several files saved together) gives one rebuild of the finished files. Returns
/// false on a signal to stop.
fn wait(
    events: &mpsc::Receiver<Wake>,
    notified: bool,
    folders: &Folders,
    seen: &mut Snapshot,
) -> bool {
    if notified {
        loop {
            match events.recv() {
                Ok(Wake::Stop) | Err(_) => return false,
                Ok(Wake::Changed(event)) if is_edit(folders, &event) => break,
                Ok(Wake::Changed(_)) => {}
            }
        }
        loop {
            match events.recv_timeout(POLL) {
                Ok(Wake::Stop) => return false,
                Ok(Wake::Changed(_)) => {}
                Err(_) => return true,
            }
        }
    }
    loop {
        match events.recv_timeout(POLL) {
            Ok(Wake::Stop) => return false,
            Ok(Wake::Changed(_)) | Err(_) => {}
        }
        let now = snapshot(folders);
        if now != *seen {
            *seen = settle(folders, now);
            return true;
        }
    }
}

/// File notifications for the watched folders and the project file (through its folder), or an
/// error where the platform has none (then the loop polls).
fn notifications(
    folders: &Folders,
    sender: mpsc::Sender<Wake>,
) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(Wake::Changed(event));
        }
    })?;
    for root in &folders.roots {
        watcher.watch(root, RecursiveMode::Recursive)?;
    }
    if let Some(dir) = folders.project.parent() {
        // The folder, not the file: editors save by renaming a new file over the old one.
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
    }
    Ok(watcher)
}

/// Whether `event` changed an input: not a read, not in the output folder, not a hidden or
/// editor file; in the project file's folder, the project file only.
fn is_edit(folders: &Folders, event: &notify::Event) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|path| {
        // Resolved through the parent, which still exists when the file was removed.
        let real = match (path.parent().map(fs::canonicalize), path.file_name()) {
            (Some(Ok(parent)), Some(name)) => parent.join(name),
            _ => path.to_path_buf(),
        };
        if real == folders.project_real {
            return true;
        }
        // Only the names below a watched folder count (a temporary folder may itself be hidden).
        let Some(below) = folders
            .roots
            .iter()
            .chain(&folders.roots_real)
            .find_map(|root| real.strip_prefix(root).or(path.strip_prefix(root)).ok())
        else {
            return false;
        };
        let ignored = below.components().any(|c| {
            matches!(c, Component::Normal(name) if crate::files::is_ignored(&name.to_string_lossy()))
        });
        !ignored && !real.starts_with(&folders.skip)
    })
}

/// One incremental build, reporting what it rebuilt; errors are printed, never fatal.
fn rebuild(config: &Config, first: bool, after: &mut impl FnMut(&Rebuilt)) {
    let started = Instant::now();
    let stamp = clock();
    let mut failures = Vec::new();
    let result = batch::build_reporting(config, &mut failures);
    match &result {
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
        Err(err @ Error::BriefsFailed { .. }) => {
            eprintln!("[{stamp}] {err}; their last good files are kept");
        }
        Err(err) => {
            crate::diag::print_error(err);
            eprintln!("[{stamp}] nothing rebuilt; fix the input and save again");
        }
    }
    after(&Rebuilt {
        config,
        result: &result,
        failures: &failures,
        first,
    });
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

/// The watched folders and project file, and the output folder that is never watched.
#[derive(Debug, PartialEq)]
struct Folders {
    roots: Vec<PathBuf>,
    /// `roots` with their links resolved, as notifications may name them.
    roots_real: Vec<PathBuf>,
    project: PathBuf,
    /// `project` with its folder's links resolved.
    project_real: PathBuf,
    skip: PathBuf,
}

impl Folders {
    fn of(config: &Config, project: &Path) -> Folders {
        // Embedded data or templates never change under a running build.
        let roots: Vec<PathBuf> = [config.data.dir(), config.templates.dir()]
            .into_iter()
            .flatten()
            .map(Path::to_path_buf)
            .collect();
        let parent = project.parent().filter(|p| !p.as_os_str().is_empty());
        let project_real = fs::canonicalize(parent.unwrap_or(Path::new(".")))
            .map(|dir| dir.join(FILE))
            .unwrap_or_else(|_| project.to_path_buf());
        Folders {
            roots_real: roots
                .iter()
                .filter_map(|r| fs::canonicalize(r).ok())
                .collect(),
            roots,
            project: project.to_path_buf(),
            project_real,
            // The output folder may lie inside a watched folder: our own writes are not edits.
            skip: fs::canonicalize(&config.out).unwrap_or_else(|_| config.out.clone()),
        }
    }
}

fn snapshot(folders: &Folders) -> Snapshot {
    let mut files = Vec::new();
    for folder in &folders.roots {
        collect(folder, &folders.skip, &mut files);
    }
    if let Ok(meta) = fs::metadata(&folders.project) {
        files.push((folders.project.clone(), meta.len(), meta.modified().ok()));
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

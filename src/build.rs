//! The batch: plan -> render -> compile -> export for every selected brief, in parallel,
//! incrementally, reporting failures and carrying on; the manifest is written last.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::cli::Format;
pub use crate::config::{Config, Verbosity};
use crate::context::{self, Index, Settings};
use crate::error::{Error, Result};
use crate::export::{self, write_atomic, ExportOptions};
use crate::manifest::{self, Entry, Manifest};
use crate::model::Dataset;
use crate::plan::{self, Brief};
use crate::progress::Progress;
use crate::render::Renderer;
use crate::world::{font_store, Engine, FontOptions};
use crate::{compile, load};

/// The pipeline's stages, for `--timings`.
#[derive(Default)]
struct Timings {
    stages: [AtomicU64; 6],
}

const STAGES: [&str; 6] = ["load", "plan", "render", "compile", "export", "write"];

impl Timings {
    fn add(&self, stage: usize, since: Instant) -> Instant {
        let now = Instant::now();
        self.stages[stage].fetch_add((now - since).as_nanos() as u64, Ordering::Relaxed);
        now
    }

    fn report(&self) -> String {
        STAGES
            .iter()
            .zip(&self.stages)
            .map(|(name, t)| format!("{name} {:.1} ms", t.load(Ordering::Relaxed) as f64 / 1e6))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What happened to one brief.
pub(crate) enum Outcome {
    Built(Entry),
    UpToDate(Entry),
    Failed(Entry, String),
}

/// Runs a build; returns the manifest entries. Failed briefs make the result an error after
/// everything else was built and the manifest written.
pub fn build(config: &Config) -> Result<Vec<Entry>> {
    let started = Instant::now();
    let timings = Timings::default();
    let t = Instant::now();
    let loaded = load::load(&config.data)?;
    for notice in &loaded.notices {
        if config.verbosity > Verbosity::Quiet {
            crate::diag::notice(notice);
        }
    }
    let dataset = loaded.dataset;
    let t = timings.add(0, t);

    let briefs = plan::select(plan::plan(&dataset), &config.kinds, &config.only)?;
    let briefs: Vec<Brief> = match config.shard {
        Some(shard) => briefs.into_iter().filter(|b| shard.contains(b)).collect(),
        None => briefs,
    };
    let index = Index::new(&dataset);
    let settings = Settings {
        paper: config.paper,
        date: document_date(&dataset)?,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let today = parse_date(&settings.date)
        .ok_or_else(|| Error::Usage(format!("bad document date {}", settings.date)))?;
    timings.add(1, t);

    let renderer = Renderer::new(&config.templates);
    let fonts = FontOptions {
        dirs: vec![config.templates.join("fonts")],
        system: config.system_fonts,
    };
    let engine = Engine::new(&config.templates, font_store(&fonts), today);
    let export_options = ExportOptions {
        format: config.format,
        standard: config.standard,
        date: today,
        creator: format!("imrf-briefs {} (typst 0.15.1)", env!("CARGO_PKG_VERSION")),
    };
    let manifest_path = config.out.join(manifest::file_name(
        config.shard.map(|s| (s.index, s.count)),
    ));
    let previous = if config.force {
        BTreeMap::new()
    } else {
        manifest::previous(&manifest_path)
    };
    let shared_hash = shared_inputs_hash(config)?;
    if config.format == Format::Typ {
        copy_support_files(&config.templates, &config.out)?;
    }

    let progress = Progress::new(config, briefs.len());
    let job = Job {
        config,
        index: &index,
        settings: &settings,
        renderer: &renderer,
        engine: &engine,
        export: &export_options,
        previous: &previous,
        shared_hash: &shared_hash,
        timings: &timings,
        sources: Mutex::default(),
    };
    let outcomes = run_parallel(&briefs, config.jobs, |brief| {
        let outcome = job.run(brief);
        progress.done(brief, &outcome);
        outcome
    })?;
    progress.finish();

    let t = Instant::now();
    let mut failed = 0;
    let (mut built, mut current, mut pages) = (0, 0, 0);
    let mut entries = Vec::new();
    let mut failures = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Built(e) => {
                built += 1;
                pages += e.pages;
                entries.push(e);
            }
            Outcome::UpToDate(e) => {
                current += 1;
                pages += e.pages;
                entries.push(e);
            }
            Outcome::Failed(e, diagnostics) => {
                failed += 1;
                failures.push((e.clone(), diagnostics));
                entries.push(e);
            }
        }
    }
    crate::diag::report_failures(&failures, &config.templates);
    let manifest = Manifest {
        tool: export_options.creator.clone(),
        data_hash: dataset.data_hash.clone(),
        briefs: entries.clone(),
    };
    manifest::write(&manifest_path, &manifest)?;
    timings.add(5, t);
    if config.binder {
        if failed > 0 {
            eprintln!("note: binders not written, since some briefs failed");
        } else {
            let sources = job.sources.lock().expect("sources");
            match crate::binder::write(&job, &briefs, &sources) {
                Ok(paths) if config.verbosity > Verbosity::Quiet => {
                    for path in paths {
                        eprintln!("    binder {}", path.display());
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    eprintln!("error: {err}");
                    failed += 1;
                }
            }
        }
    }

    crate::catalog::write(
        &config.templates,
        &config.out,
        &dataset,
        &entries,
        &settings.date,
    )?;

    if config.verbosity > Verbosity::Quiet {
        eprintln!(
            "{built} built, {current} up to date, {failed} failed; {pages} pages in {:.2} s -> {}",
            started.elapsed().as_secs_f64(),
            config.out.display()
        );
    }
    if config.timings {
        eprintln!(
            "timings: {}; jobs {}; wall {:.1} ms",
            timings.report(),
            config.jobs,
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    if failed > 0 {
        return Err(Error::BriefsFailed { failed });
    }
    Ok(entries)
}

/// Runs `f` on every brief with `jobs` worker threads, returning outcomes in plan order.
///
/// Plain threads rather than a rayon pool: typst lays out pages on rayon's global pool, and a
/// rayon worker waiting for that would steal other briefs, nesting their timings.
fn run_parallel<F>(briefs: &[Brief], jobs: usize, f: F) -> Result<Vec<Outcome>>
where
    F: Fn(&Brief) -> Outcome + Sync,
{
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..briefs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.min(briefs.len()).max(1))
            .map(|_| {
                std::thread::Builder::new()
                    // Typst's layout recurses deeply on long tables; 2 MiB stacks overflow.
                    .stack_size(64 * 1024 * 1024)
                    .spawn_scoped(scope, || loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(brief) = briefs.get(i) else { break };
                        let outcome = f(brief);
                        results.lock().expect("results")[i] = Some(outcome);
                    })
            })
            .collect();
        for worker in workers {
            let joined = worker
                .map_err(|err| Error::Usage(format!("cannot start a worker thread: {err}")))?;
            if joined.join().is_err() {
                return Err(Error::Usage("a worker thread panicked".into()));
            }
        }
        Ok(())
    })?;
    Ok(results
        .into_inner()
        .expect("results")
        .into_iter()
        .flatten()
        .collect())
}

/// Everything one brief needs, shared by the worker threads.
pub(crate) struct Job<'a> {
    pub config: &'a Config,
    pub index: &'a Index<'a>,
    pub settings: &'a Settings,
    pub renderer: &'a Renderer,
    pub engine: &'a Engine,
    pub export: &'a ExportOptions,
    previous: &'a BTreeMap<PathBuf, Entry>,
    shared_hash: &'a str,
    timings: &'a Timings,
    /// Rendered sources by stem, kept for binders.
    sources: Mutex<BTreeMap<String, String>>,
}

impl Job<'_> {
    fn run(&self, brief: &Brief) -> Outcome {
        let extension = match self.config.format {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Typ => "typ",
        };
        let mut entry = Entry {
            kind: format!("{:?}", brief.kind).to_lowercase(),
            key: brief.key.clone(),
            title: brief.title.clone(),
            path: brief.path(extension),
            files: Vec::new(),
            pages: 0,
            bytes: 0,
            sha256: String::new(),
            status: "failed".into(),
            input_hash: String::new(),
        };
        let t = Instant::now();
        let context = context::context(self.index, brief, self.settings);
        let source = match self.renderer.render(&brief.template, &context) {
            Ok(source) => source,
            Err(err) => return Outcome::Failed(entry, format!("error: {err}")),
        };
        let t = self.timings.add(2, t);
        if self.config.binder {
            let mut sources = self.sources.lock().expect("sources");
            sources.insert(brief.stem.clone(), source.clone());
        }
        entry.input_hash =
            hex(&Sha256::digest(format!("{}\n{source}", self.shared_hash)))[..16].to_string();

        if let Some(previous) = self.previous.get(&entry.path) {
            if previous.input_hash == entry.input_hash
                && previous.status != "failed"
                && self.files_intact(previous)
            {
                let mut entry = previous.clone();
                entry.status = "up-to-date".into();
                return Outcome::UpToDate(entry);
            }
        }
        let files = if self.config.format == Format::Typ {
            vec![(entry.path.clone(), source.into_bytes())]
        } else {
            let path = format!("/{}.typ", brief.stem);
            let color = crate::diag::color();
            let compiled = compile::compile(self.engine, &path, &brief.template, source, color);
            // Trim typst's memo cache so memory stays flat over a batch; a small age keeps what the
            // next brief reuses (the layout library, shaped fonts) and measured fastest.
            typst::comemo::evict(3);
            let compiled = match compiled {
                Ok(compiled) => compiled,
                Err(diagnostics) => return Outcome::Failed(entry, diagnostics),
            };
            for warning in &compiled.warnings {
                if self.config.verbosity > Verbosity::Quiet {
                    crate::diag::report_warning(&entry, warning, &self.config.templates);
                }
            }
            let t = self.timings.add(3, t);
            entry.pages = compiled.document.pages().len();
            let files = match export::export(&compiled.document, &brief.stem, self.export) {
                Ok(files) => files,
                Err(err) => return Outcome::Failed(entry, err),
            };
            self.timings.add(4, t);
            files
        };
        let t = Instant::now();
        for (path, bytes) in &files {
            if let Err(err) = write_atomic(&self.config.out.join(path), bytes) {
                return Outcome::Failed(entry, format!("error: {err}"));
            }
        }
        self.timings.add(5, t);
        entry.path = files[0].0.clone();
        entry.files = files.iter().map(|(p, _)| p.clone()).collect();
        entry.bytes = files.iter().map(|(_, b)| b.len() as u64).sum();
        let mut hasher = Sha256::new();
        for (_, bytes) in &files {
            hasher.update(bytes);
        }
        entry.sha256 = hex(&hasher.finalize());
        entry.status = "built".into();
        Outcome::Built(entry)
    }

    /// The files of a previous build are still there, with the size recorded.
    fn files_intact(&self, entry: &Entry) -> bool {
        let total: Option<u64> = entry
            .files
            .iter()
            .map(|f| fs::metadata(self.config.out.join(f)).ok().map(|m| m.len()))
            .sum();
        !entry.files.is_empty() && total == Some(entry.bytes)
    }
}

/// The document date: SOURCE_DATE_EPOCH if set, else the dataset's date.
fn document_date(dataset: &Dataset) -> Result<String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        // Empty means unset, as reproducible-builds.org specifies.
        Ok(epoch) if !epoch.trim().is_empty() => {
            let secs: i64 = epoch.trim().parse().map_err(|_| {
                Error::Usage(format!(
                    "SOURCE_DATE_EPOCH={epoch} is not a number of seconds"
                ))
            })?;
            let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
            Ok(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => Ok(dataset.manifest.date.clone()),
    }
}

/// Days since 1970-01-01 -> (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn parse_date(date: &str) -> Option<typst::foundations::Datetime> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i32>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    typst::foundations::Datetime::from_ymd(y, m.try_into().ok()?, d.try_into().ok()?)
}

/// A hash of what every brief depends on besides its own source: the templates folder, the
/// fonts, the tool version and the export settings.
fn shared_inputs_hash(config: &Config) -> Result<String> {
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION"));
    hasher.update(format!(
        "{:?}{:?}{:?}{}",
        config.format, config.standard, config.paper, config.system_fonts
    ));
    for file in tree_files(&config.templates)? {
        let bytes = fs::read(&file).map_err(|err| Error::io(&file, err))?;
        hasher.update(file.to_string_lossy().as_bytes());
        hasher.update(&bytes);
    }
    Ok(hex(&hasher.finalize()))
}

/// Every file below `dir`, sorted.
fn tree_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(|err| Error::io(&dir, err))? {
            let path = entry.map_err(|err| Error::io(&dir, err))?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// For `--format typ`: copies what the rendered sources import (every template file that is not
/// a minijinja template) beside them, and the bundled fonts into `fonts/`, so that
/// `typst compile --root OUT --font-path OUT/fonts` compiles them unchanged.
fn copy_support_files(templates: &Path, out: &Path) -> Result<()> {
    for (name, bytes) in crate::world::BUNDLED_FONTS {
        write_atomic(&out.join("fonts").join(name), bytes)?;
    }
    for file in tree_files(templates)? {
        if file.extension().is_some_and(|e| e == "j2") {
            continue;
        }
        let relative = file
            .strip_prefix(templates)
            .expect("tree files are below the folder");
        let bytes = fs::read(&file).map_err(|err| Error::io(&file, err))?;
        write_atomic(&out.join(relative), &bytes)?;
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

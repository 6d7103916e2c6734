//! The batch: plan -> render -> compile -> export for every selected brief, in parallel,
//! incrementally, reporting failures and carrying on; the manifest is written last. What is
//! current and what the output folder holds is decided in [`crate::fresh`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::binder::Inputs;
use crate::cli::Format;
pub use crate::config::{Config, Verbosity};
use crate::context::{self, Index, Settings};
use crate::error::{Error, Result};
use crate::export::{write_atomic, ExportOptions};
pub use crate::fresh::Entry;
use crate::fresh::{template_files, Keys, Outcome, Outputs};
use crate::isolate::{Exported, Request};
use crate::load;
use crate::model::Dataset;
use crate::plan::{self, Brief};
use crate::progress::Progress;
use crate::render::Renderer;
use crate::timeout::{on_thread, Failure};
use crate::world::{font_store, Engine, FontOptions};

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

/// Runs a build; returns the manifest entries of this run's briefs. Failed briefs make the result
/// an error after everything else was built and the manifest written.
///
/// Exit codes follow from where a failure happens: before the output folder is locked nothing
/// has been written (bad data, bad usage, another build running: exit 2); after it, the manifest
/// is written whatever happens, and failures are exit 1.
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

    let briefs = match &config.pack {
        Some(pack) => pack_briefs(plan::plan(&dataset), pack)?,
        None => plan::select(plan::plan(&dataset), &config.kinds, &config.only)?,
    };
    let briefs: Vec<Brief> = match config.shard {
        Some(shard) => shard.select(briefs, &dataset),
        None => briefs,
    };
    if briefs.is_empty() {
        return Err(Error::Usage(
            "the selection (--by, --only, --shard) matches no brief; nothing to build".into(),
        ));
    }
    let index = Index::new(&dataset);
    let settings = Settings {
        paper: config.paper,
        date: document_date(&dataset)?,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let today = parse_date(&settings.date)
        .ok_or_else(|| Error::Usage(format!("bad document date {}", settings.date)))?;
    timings.add(1, t);

    let renderer = Arc::new(Renderer::new(&config.templates));
    let fonts = FontOptions {
        dirs: vec![config.templates.join("fonts")],
        system: config.system_fonts,
    };
    let engine = Arc::new(Engine::new(&config.templates, font_store(&fonts), today));
    let export_options = ExportOptions {
        format: config.format,
        standard: config.standard,
        date: today,
        creator: format!("imrf-briefs {} (typst 0.15.1)", env!("CARGO_PKG_VERSION")),
    };
    let keys = Keys::new(config)?;
    // From here on the output folder is ours; a failure leaves a manifest and exits 1.
    let outputs = Outputs::open(&config.out, config.force)?;
    if config.format == Format::Typ {
        if let Err(err) = copy_support_files(&config.templates, &config.out) {
            return Err(Error::Incomplete(format!(
                "support files for --format typ not written: {err}"
            )));
        }
    }

    let progress = Progress::new(config, briefs.len());
    let job = Job {
        inputs: Inputs {
            config,
            index: &index,
            settings: &settings,
            renderer: &renderer,
            engine: &engine,
            export: &export_options,
            keys: &keys,
            outputs: &outputs,
        },
        timings: &timings,
        pool: config.memory_limit.map(|_| {
            let worker = crate::isolate::WorkerConfig::new(config, &export_options, &settings.date);
            crate::isolate::Pool::new(&worker)
        }),
        sources: Mutex::default(),
    };
    let outcomes = run_parallel(&briefs, config.jobs, |brief| {
        let outcome = job.run(brief);
        progress.done(brief, &outcome);
        outcome
    });
    progress.finish();

    let t = Instant::now();
    let mut failed = 0;
    let (mut built, mut current, mut pages) = (0, 0, 0);
    let mut not_written: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut failures = Vec::new();
    for outcome in &outcomes {
        match outcome {
            Outcome::Built(e) => {
                built += 1;
                pages += e.pages;
            }
            Outcome::UpToDate(e) => {
                current += 1;
                pages += e.pages;
            }
            Outcome::Failed(e, diagnostics) => {
                failed += 1;
                failures.push((e.clone(), diagnostics.clone()));
            }
            Outcome::NotWritten(_, cause, path) => {
                failed += 1;
                not_written
                    .entry(cause.clone())
                    .or_default()
                    .push(path.clone());
            }
        }
    }
    crate::diag::report_failures(&failures, &config.templates);
    // One message per cause (a full disk, a file where a folder should be), not one per brief.
    for (cause, paths) in &not_written {
        let more = match paths.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        eprintln!(
            "error: {} brief{} not written: {cause} ({}{more})",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" },
            paths[0].display()
        );
    }
    let mut manifest = outputs
        .write_manifest(&export_options.creator, &dataset.data_hash, &outcomes)
        .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    timings.add(5, t);
    // Binders and the pack are bound from this run's rendered sources, once every brief is good.
    let bindings = config.binder || config.pack.is_some();
    if bindings && failed > 0 {
        eprintln!("note: binders and packs not written, since some briefs failed");
        // Those on disk no longer match the briefs: kept, but recorded as failed.
        manifest = outputs
            .write_bound(manifest, &outputs.previous_bound_failed())
            .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    } else if bindings {
        let sources = job.sources.lock().expect("sources");
        let inputs = &job.inputs;
        let mut bound = Vec::new();
        if config.binder {
            bound.extend(crate::binder::write(inputs, &briefs, &sources));
        }
        if let Some(pack) = &config.pack {
            let listed: Vec<&Brief> = briefs.iter().collect();
            bound.extend(crate::binder::write_pack(inputs, pack, &listed, &sources));
        }
        for outcome in &bound {
            let entry = outcome.entry();
            match outcome {
                Outcome::Built(_) | Outcome::UpToDate(_) => {
                    if config.verbosity > Verbosity::Quiet {
                        eprintln!(
                            "    {:<8} {} ({})",
                            entry.kind,
                            entry.path.display(),
                            entry.status
                        );
                    }
                }
                Outcome::Failed(_, err) => {
                    eprintln!("error: {err}");
                    failed += 1;
                }
                Outcome::NotWritten(_, cause, path) => {
                    eprintln!("error: {} not written: {cause}", path.display());
                    failed += 1;
                }
            }
        }
        manifest = outputs
            .write_bound(manifest, &bound)
            .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    }

    crate::catalog::write(
        &config.templates,
        &config.out,
        &dataset,
        &manifest.briefs,
        &settings.date,
    )
    // Briefs and the manifest are on disk by now: a catalog that cannot be written is exit 1.
    .map_err(|err| Error::Incomplete(format!("catalog not written: {err}")))?;

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
    let warned = outcomes
        .iter()
        .filter(|o| !o.entry().warnings.is_empty())
        .count();
    if config.deny_warnings && warned > 0 {
        return Err(Error::Incomplete(format!(
            "{warned} brief{} had warnings (--deny-warnings)",
            if warned == 1 { "" } else { "s" }
        )));
    }
    Ok(outcomes.iter().map(|o| o.entry().clone()).collect())
}

/// The briefs of `pack`, in the order it lists them; a key that names no brief is an error naming
/// the project file, line and field (with the closest key when there is one).
fn pack_briefs(all: Vec<Brief>, pack: &crate::project::PackSpec) -> Result<Vec<Brief>> {
    let mut chosen: Vec<Brief> = Vec::new();
    let mut problems = Vec::new();
    for (given, line) in &pack.briefs {
        match crate::keys::find(&all, given) {
            Some(key) => {
                if !chosen.iter().any(|b| b.key == key) {
                    chosen.extend(all.iter().find(|b| b.key == key).cloned());
                }
            }
            None => {
                let mut message = format!(
                    "`{given}` names no brief (use an objective number, an ISO3 code, a country or region name or a region slug; `imrf-briefs list` shows them)"
                );
                if let Some(suggestion) = crate::keys::suggestion(&all, given) {
                    message.push_str("; ");
                    message.push_str(&suggestion);
                }
                problems.push(crate::error::Problem::new(
                    &pack.file,
                    *line,
                    format!("packs.{}.briefs", pack.name),
                    message,
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(chosen)
    } else {
        Err(Error::Data(problems))
    }
}

/// Runs `f` on every brief with `jobs` workers, returning outcomes in plan order.
///
/// Plain threads rather than a rayon pool: typst lays out pages on rayon's global pool, and a
/// rayon worker waiting for that would steal other briefs, nesting their timings. The calling
/// thread is one of the workers, so a batch runs even when no other thread can be started.
fn run_parallel<F>(briefs: &[Brief], jobs: usize, f: F) -> Vec<Outcome>
where
    F: Fn(&Brief) -> Outcome + Sync,
{
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..briefs.len()).map(|_| None).collect());
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(brief) = briefs.get(i) else { break };
        let outcome = f(brief);
        results.lock().expect("results")[i] = Some(outcome);
    };
    std::thread::scope(|scope| {
        let mut refused = None;
        for _ in 1..jobs.min(briefs.len()).max(1) {
            if let Err(err) = std::thread::Builder::new().spawn_scoped(scope, work) {
                refused = Some(err);
                break;
            }
        }
        if let Some(err) = refused {
            eprintln!("warning: cannot start another worker thread ({err}); building with fewer");
        }
        work();
    });
    results
        .into_inner()
        .expect("results")
        .into_iter()
        .flatten()
        .collect()
}

/// Everything one brief needs, shared by the worker threads.
struct Job<'a> {
    inputs: Inputs<'a>,
    timings: &'a Timings,
    /// Worker processes for `--memory-limit`; `None` compiles in this process.
    pool: Option<crate::isolate::Pool>,
    /// Rendered sources by stem, kept for binders.
    sources: Mutex<BTreeMap<String, String>>,
}

impl Job<'_> {
    fn run(&self, brief: &Brief) -> Outcome {
        let format = self.inputs.config.format.name();
        let entry = Entry::pending(
            format!("{:?}", brief.kind).to_lowercase(),
            brief.key.clone(),
            brief.title.clone(),
            format,
            brief.path(format),
            &self.inputs.index.data.data_hash,
        );
        match self.build(brief, entry.clone()) {
            Ok(outcome) => outcome,
            Err(Failure::Brief(diagnostics)) => Outcome::Failed(entry, diagnostics),
            Err(Failure::Cause(cause)) => {
                let path = entry.path.clone();
                Outcome::NotWritten(entry, cause, path)
            }
        }
    }

    fn build(&self, brief: &Brief, mut entry: Entry) -> std::result::Result<Outcome, Failure> {
        let limit = self.inputs.config.brief_timeout;
        let deadline = Instant::now() + limit;
        let t = Instant::now();
        let context = context::context(self.inputs.index, brief, self.inputs.settings);
        let renderer = Arc::clone(self.inputs.renderer);
        let template = brief.template.clone();
        let request = |source: String| Request {
            path: format!("/{}.typ", brief.stem),
            template: brief.template.clone(),
            source,
            stem: brief.stem.clone(),
        };
        // With --force every brief is compiled in this process: its render and compile go to the
        // helper as one task, one hand-over instead of two (worth a few percent of a full build).
        let at_once = self.inputs.config.force
            && self.pool.is_none()
            && self.inputs.config.format != Format::Typ;
        let (source, compiled) = if at_once {
            let engine = Arc::clone(self.inputs.engine);
            let export = self.inputs.export.clone();
            let request = request(String::new());
            let ((source, render_time), compiled) = on_thread(deadline, limit, move || {
                let t = Instant::now();
                let source = renderer.render(&template, &context)?;
                let render_time = t.elapsed();
                let request = Request {
                    source: source.clone(),
                    ..request
                };
                let compiled =
                    crate::isolate::compile(&engine, &export, request, crate::diag::color());
                Ok::<_, crate::render::RenderError>(((source, render_time), compiled))
            })?
            .map_err(|err| Failure::Brief(format!("error: {err}")))?;
            // The stages' timings as if they had run one after the other here.
            self.timings.add(2, Instant::now() - render_time);
            (source, Some((compiled, t + render_time)))
        } else {
            let source = on_thread(deadline, limit, move || {
                renderer.render(&template, &context)
            })?
            .map_err(|err| Failure::Brief(format!("error: {err}")))?;
            self.timings.add(2, t);
            (source, None)
        };
        // When the compile stage began.
        let t = compiled
            .as_ref()
            .map_or_else(Instant::now, |(_, began)| *began);
        let mut compiled = compiled.map(|(compiled, _)| compiled);
        if self.inputs.config.binder || self.inputs.config.pack.is_some() {
            let mut sources = self.sources.lock().expect("sources");
            sources.insert(brief.stem.clone(), source.clone());
        }
        // The colophon prints the dataset's hash; leaving it out of the key means an edit rebuilds
        // only the briefs whose content it changes (an unchanged brief keeps its earlier PDF).
        let content = source.replace(&self.inputs.index.data.data_hash, "");
        entry.input_hash = self.inputs.keys.key(&brief.template, &content);
        if let Some(mut previous) = self.inputs.outputs.current(&entry.id(), &entry.input_hash) {
            previous.status = "up-to-date".into();
            // An unchanged brief has the warnings it had: they are said again, not lost.
            self.report_warnings(&previous);
            return Ok(Outcome::UpToDate(previous));
        }
        let files = if self.inputs.config.format == Format::Typ {
            vec![(entry.path.clone(), source.into_bytes())]
        } else {
            let request = request(source);
            let compiled: Exported = match (compiled.take(), &self.pool) {
                (Some(compiled), _) => compiled,
                (None, Some(pool)) => pool.compile(&request, deadline, limit)?,
                (None, None) => {
                    let engine = Arc::clone(self.inputs.engine);
                    let export = self.inputs.export.clone();
                    on_thread(deadline, limit, move || {
                        crate::isolate::compile(&engine, &export, request, crate::diag::color())
                    })?
                }
            };
            let (pages, files, warnings) = compiled.map_err(Failure::Brief)?;
            entry.warnings = warnings;
            self.report_warnings(&entry);
            self.timings.add(3, t);
            entry.pages = pages;
            files
        };
        let t = Instant::now();
        for (path, bytes) in &files {
            if let Err(err) = write_atomic(&self.inputs.config.out.join(path), bytes) {
                let cause = match err {
                    Error::Io { source, .. } => source.to_string(),
                    other => other.to_string(),
                };
                return Ok(Outcome::NotWritten(entry, cause, path.clone()));
            }
        }
        self.timings.add(5, t);
        entry.built(&files);
        Ok(Outcome::Built(entry))
    }

    fn report_warnings(&self, entry: &Entry) {
        if self.inputs.config.verbosity > Verbosity::Quiet || self.inputs.config.deny_warnings {
            for warning in &entry.warnings {
                crate::diag::report_warning(entry, warning, &self.inputs.config.templates);
            }
        }
    }
}

/// The document date: SOURCE_DATE_EPOCH if set, else the dataset's date.
pub(crate) fn document_date(dataset: &Dataset) -> Result<String> {
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

pub(crate) fn parse_date(date: &str) -> Option<typst::foundations::Datetime> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i32>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    typst::foundations::Datetime::from_ymd(y, m.try_into().ok()?, d.try_into().ok()?)
}

/// For `--format typ`: copies what the rendered sources import (every template file that is not
/// a minijinja template) beside them, and the bundled fonts into `fonts/`, so that
/// `typst compile --root OUT --font-path OUT/fonts` compiles them unchanged.
fn copy_support_files(templates: &Path, out: &Path) -> Result<()> {
    for (name, bytes) in crate::world::BUNDLED_FONTS {
        write_atomic(&out.join("fonts").join(name), bytes)?;
    }
    // Only regular files inside the templates folder: no symbolic link leading out of it.
    for (name, bytes) in template_files(templates, out)? {
        if !name.ends_with(".j2") {
            write_atomic(&out.join(name), &bytes)?;
        }
    }
    Ok(())
}

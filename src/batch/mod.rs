//! The batch: plan -> render -> compile -> export for every selected brief, in parallel,
//! incrementally, reporting failures and carrying on; the manifest is rewritten as files are put
//! in place and written last. What is
//! current and what the output folder holds is decided in [`crate::fresh`].

pub mod alloc;
mod assemble;
mod bind;
pub mod config;
pub mod deps;
mod job;
pub(crate) mod pack;
mod progress;
mod threads;
mod timeout;
mod timings;
pub mod worker;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::compile::world::{font_store, Engine, FontOptions};
use crate::context::{Index, Settings};
use crate::defaults::Templates;
use crate::error::{Error, Result};
use crate::export::{ExportOptions, Format};
use crate::files::write_inside;
use crate::fresh::{Entry, Fingerprints, Outcome, Outputs};
use crate::load;
use crate::plan::{self, Brief};
use crate::render::Renderer;
use config::{Config, Verbosity};
use job::{run_parallel, Job, Shared};
use progress::Progress;
use timings::{Stage, Timings};

/// Runs a build; returns the manifest entries of this run's briefs. Failed briefs make the result
/// an error after everything else was built and the manifest written.
///
/// Exit codes follow from where a failure happens: before the output folder is locked nothing
/// has been written (bad data, bad usage, another build running: exit 2); after it, the manifest
/// is written whatever happens, and failures are exit 1.
pub fn build(config: &Config) -> Result<Vec<Entry>> {
    build_reporting(config, &mut Vec::new())
}

/// As [`build`], also handing back the failed briefs, binders and packs with their diagnostics
/// (for `serve`, which shows them in the page).
pub fn build_reporting(
    config: &Config,
    failed_reports: &mut Vec<(Entry, crate::error::Report)>,
) -> Result<Vec<Entry>> {
    let started = Instant::now();
    let timings = Timings::default();
    let t = Instant::now();
    // A killed pull's temporary files in the data folder go (a cheap walk of a small folder).
    if let Some(dir) = config.data.dir() {
        crate::files::remove_orphaned_temporary_files(dir);
    }
    let loaded = load::load_data(&config.data)?;
    for notice in &loaded.notices {
        if config.verbosity > Verbosity::Quiet {
            crate::diag::notice(notice);
        }
    }
    let dataset = loaded.dataset;
    let t = timings.add(Stage::Load, t);

    let briefs = match &config.pack {
        Some(pack) => pack::pack_briefs(plan::plan(&dataset), pack)?,
        None => plan::select(plan::plan(&dataset), &config.kinds, &config.only)?,
    };
    // Every edition's catalog is parsed once, here, and checked against the English one.
    let editions =
        crate::i18n::Editions::load(&config.langs, &config.templates, config.data.path())?;
    let briefs = plan::editions(briefs, &config.langs);
    let briefs = plan::variant(briefs, &config.variant());
    if briefs.is_empty() {
        return Err(Error::Usage(
            "the selection (--by, --only) matches no brief; nothing to build".into(),
        ));
    }
    // A shard may hold none of a small selection: it builds nothing and says so in its manifest.
    let briefs: Vec<Brief> = match config.shard {
        Some(shard) => shard.select(briefs),
        None => briefs,
    };
    let english = match editions.list.iter().find(|e| e.lang == "en") {
        Some(_) => None,
        None => Some(crate::i18n::Edition::load(
            "en",
            &config.templates,
            config.data.path(),
        )?),
    };
    let index = Index::new(
        &dataset,
        english.as_ref().unwrap_or_else(|| editions.get("en")),
    );
    let indexes: Vec<Index> = editions
        .list
        .iter()
        .map(|ed| Index::new(&dataset, ed))
        .collect();
    let mut settings = Settings {
        paper: config.paper,
        date: crate::dates::document_date(&dataset)?,
        tool_version: env!("CARGO_PKG_VERSION"),
        params: config.params.clone(),
        built_from: BTreeMap::new(),
    };
    let today = crate::dates::parse_date(&settings.date)
        .ok_or_else(|| Error::Usage(format!("bad document date {}", settings.date)))?;
    timings.add(Stage::Plan, t);

    let renderer = Arc::new(Renderer::new(&config.templates));
    for edition in &editions.list {
        renderer.with_catalog(Arc::clone(&edition.catalog));
    }
    let fonts = FontOptions {
        dirs: config
            .templates
            .dir()
            .map(|d| d.join("fonts"))
            .into_iter()
            .chain(config.font_paths.iter().cloned())
            .collect(),
        system: config.system_fonts,
    };
    let engine = Arc::new(Engine::new(&config.templates, font_store(&fonts), today));
    // An edition whose script no font covers would print empty boxes: refused before writing.
    for edition in &editions.list {
        if let Some((script, sample)) = crate::i18n::script_needing_font(&edition.lang) {
            if !engine.covers(sample) {
                return Err(Error::Usage(format!(
                    "the {} edition needs a font for {script} script, and none was found: put one (e.g. Noto Sans {}) in {} or name a folder with --font-path, or use --system-fonts",
                    edition.lang,
                    if edition.lang == "ar" { "Arabic" } else { "CJK" },
                    config.templates.display("fonts").display(),
                )));
            }
        }
    }
    let export_options = ExportOptions {
        format: config.format,
        standard: config.standard,
        date: today,
        creator: format!("imrf-briefs {}", crate::export::VERSION),
    };
    let settings_line = format!(
        "{:?} {:?} {:?} {}",
        config.format, config.standard, config.paper, config.system_fonts
    );
    let mut inputs: Vec<(&str, &Path)> = [
        ("data", config.data.dir()),
        ("templates", config.templates.dir()),
    ]
    .into_iter()
    .filter_map(|(what, dir)| dir.map(|dir| (what, dir)))
    .collect();
    inputs.extend(config.project.as_deref().map(|dir| ("project", dir)));
    crate::fresh::refuse_enclosing(&config.out, &inputs)?;
    let fingerprints = Fingerprints::new(&config.templates, &config.out, &settings_line)?;
    let kinds: std::collections::BTreeSet<&str> =
        briefs.iter().map(|b| b.template.as_str()).collect();
    // The briefs' templates compiled before any render is armed with its byte budget: a render
    // that passes it stops where it is for good, and must not do so while it holds the lock under
    // which minijinja loads and compiles a template the first time (see `alloc`).
    for template in &kinds {
        renderer.preload(fingerprints.closure(template));
    }
    if config.binder || config.pack.is_some() {
        renderer.preload(fingerprints.closure(bind::TEMPLATE));
    }
    settings.built_from = kinds
        .into_iter()
        .filter_map(|template| {
            let used = fingerprints.inputs(template);
            crate::defaults::built_from(&config.data, &config.templates, &used)
                .map(|sentence| (template.to_string(), sentence))
        })
        .collect();
    // From here on the output folder is ours; a failure leaves a manifest and exits 1.
    let outputs = Outputs::open(&config.out, config.force)?
        .exact(config.shard.is_some())
        .describing(
            &export_options.creator,
            crate::fresh::build_id(),
            &dataset.data_hash,
        );
    if config.format == Format::Typ {
        if let Err(err) = copy_support_files(&config.templates, &config.out) {
            return Err(Error::Incomplete(format!(
                "support files for --format typ not written: {err}"
            )));
        }
    }

    let progress = Progress::new(config, briefs.len());
    let worker = worker::WorkerConfig::new(config, &export_options, &settings.date);
    let pool = config.memory_limit.map(|_| worker::Pool::new(&worker));
    let render_pool = job::RenderPool {
        worker,
        pool: std::sync::OnceLock::new(),
    };
    let job = Job {
        inputs: Shared {
            config,
            index: &index,
            indexes: &indexes,
            settings: &settings,
            renderer: &renderer,
            engine: &engine,
            export: &export_options,
            pool: pool.as_ref(),
            render_pool: &render_pool,
            fingerprints: &fingerprints,
            outputs: &outputs,
        },
        timings: &timings,
        sources: Mutex::default(),
    };
    let mut outcomes: Vec<Outcome> = run_parallel(&briefs, config.jobs, |brief| {
        let outcome = job.run(brief);
        progress.done(brief, &outcome);
        outcome
    })
    .into_iter()
    .flatten()
    .collect();
    progress.finish();
    outputs.settle(&mut outcomes);

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
    crate::diag::report_failures(&failures);
    failed_reports.extend(failures);
    // One message per cause (a full disk, a file where a folder should be), not one per brief.
    for (cause, paths) in &not_written {
        let paths: Vec<PathBuf> = paths.iter().map(|p| config.out.join(p)).collect();
        crate::diag::not_written("brief", cause, &paths);
    }
    let mut manifest = outputs
        .write_manifest(&export_options.creator, &dataset.data_hash, &outcomes)
        .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    timings.add(Stage::Write, t);
    // Binders and the pack are bound from this run's rendered sources, once every brief is good.
    let bindings = config.binder || config.pack.is_some();
    let (mut bound_count, mut bound_failed) = (0, 0);
    if bindings && failed > 0 {
        crate::diag::note("binders and packs not written, since some briefs failed");
        // Those on disk no longer match the briefs: kept, but recorded as failed.
        manifest = outputs
            .write_bound(manifest, &outputs.previous_bound_failed())
            .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    } else if bindings {
        let sources = job.sources.lock().expect("sources");
        let inputs = &job.inputs;
        // This run's brief PDFs by stem, which binders and packs are assembled from.
        let pdfs: BTreeMap<String, crate::fresh::Entry> = briefs
            .iter()
            .zip(&outcomes)
            .filter_map(|(brief, outcome)| match outcome {
                Outcome::Built(e) | Outcome::UpToDate(e)
                    if e.format == "pdf" && e.path == brief.path("pdf") =>
                {
                    Some((brief.stem.clone(), e.clone()))
                }
                _ => None,
            })
            .collect();
        let mut bound = Vec::new();
        if config.binder {
            bound.extend(bind::write(inputs, &briefs, &sources, &pdfs));
        }
        if let Some(pack) = &config.pack {
            let listed: Vec<&Brief> = briefs.iter().collect();
            bound.extend(pack::write_pack(inputs, pack, &listed, &sources, &pdfs));
        }
        outputs.settle(&mut bound);
        let mut bound_failures = Vec::new();
        for outcome in &bound {
            let entry = outcome.entry();
            crate::diag::entry_record("bound", entry);
            match outcome {
                Outcome::Built(_) | Outcome::UpToDate(_) => {
                    bound_count += 1;
                    if config.verbosity > Verbosity::Quiet {
                        eprintln!(
                            "    {:<8} {} ({})",
                            entry.kind,
                            entry.path.display(),
                            entry.status
                        );
                    }
                }
                Outcome::Failed(entry, report) => {
                    bound_failures.push((entry.clone(), report.clone()));
                    bound_failed += 1;
                }
                Outcome::NotWritten(_, cause, path) => {
                    crate::diag::not_written(&entry.kind, cause, &[config.out.join(path)]);
                    bound_failed += 1;
                }
            }
        }
        crate::diag::report_failures(&bound_failures);
        failed_reports.extend(bound_failures);
        manifest = outputs
            .write_bound(manifest, &bound)
            .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    }

    let loaded: Vec<&crate::i18n::Edition> = editions.list.iter().chain(&english).collect();
    let catalog = crate::catalog::page(
        &config.templates,
        config.data.path(),
        &loaded,
        &config.out,
        &dataset,
        &manifest.briefs,
        &settings.date,
    );
    // Briefs and the manifest are on disk by now: a catalog that cannot be written is exit 1.
    catalog
        .and_then(|page| write_catalog(page, config.brief_timeout))
        .map_err(|err| Error::Incomplete(format!("catalog not written: {err}")))?;
    if let Some(path) = &config.deps {
        deps::write(config, path, &dataset, &briefs, &fingerprints).map_err(|err| {
            Error::Incomplete(format!("--deps {} not written: {err}", path.display()))
        })?;
    }

    let seconds = started.elapsed().as_secs_f64();
    if config.verbosity > Verbosity::Quiet {
        let mut bound = match bound_count {
            0 => String::new(),
            1 => ", 1 binder or pack".to_string(),
            n => format!(", {n} binders and packs"),
        };
        match bound_failed {
            0 => {}
            1 => bound.push_str(", 1 binder or pack failed"),
            n => bound.push_str(&format!(", {n} binders or packs failed")),
        }
        eprintln!(
            "{built} built, {current} up to date, {failed} failed{bound}; {pages} pages in \
             {seconds:.2} s -> {}",
            config.out.display()
        );
    }
    crate::diag::record(
        "build-finished",
        serde_json::json!({
            "success": failed + bound_failed == 0,
            "built": built,
            "up_to_date": current,
            "failed": failed,
            "bound": bound_count,
            "bound_failed": bound_failed,
            "pages": pages,
            "seconds": seconds,
            "out": config.out,
        }),
    );
    if config.timings {
        eprintln!(
            "timings: {}; jobs {}; wall {:.1} ms",
            timings.report(),
            config.jobs,
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    if failed + bound_failed > 0 {
        return Err(Error::BriefsFailed {
            failed: failed + bound_failed,
            bound: bound_failed,
        });
    }
    // A data text with no translation is printed in English: said once per edition.
    let mut untranslated = 0;
    for edition in &editions.list {
        let missing = edition.untranslated();
        if missing.is_empty() {
            continue;
        }
        untranslated += 1;
        let listed = if config.verbosity == Verbosity::Verbose {
            missing.len()
        } else {
            3
        };
        let shown: Vec<String> = missing
            .iter()
            .take(listed)
            .map(|t| format!("{t:?}"))
            .collect();
        crate::diag::warning(&format!(
            "{} text{} of the data {} no {} translation and {} printed in English (`check` lists stale translations): {}{}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            if missing.len() == 1 { "has" } else { "have" },
            edition.lang,
            if missing.len() == 1 { "is" } else { "are" },
            shown.join(", "),
            if missing.len() > listed { ", ... (-v lists them all)" } else { "" }
        ));
    }
    let warned = outcomes
        .iter()
        .filter(|o| !o.entry().warnings.is_empty())
        .count()
        + untranslated;
    if config.deny_warnings && warned > 0 {
        return Err(Error::Incomplete(format!(
            "{warned} brief{} had warnings (--deny-warnings)",
            if warned == 1 { "" } else { "s" }
        )));
    }
    Ok(outcomes.iter().map(|o| o.entry().clone()).collect())
}

/// For `--format typ`: copies what the rendered sources import (every template file that is not
/// a minijinja template) beside them, and the bundled fonts into `fonts/`, so that
/// `typst compile --root OUT --font-path OUT/fonts` compiles them unchanged.
fn copy_support_files(templates: &Templates, out: &Path) -> Result<()> {
    for (name, bytes) in crate::compile::world::BUNDLED_FONTS {
        write_inside(out, &Path::new("fonts").join(name), bytes)?;
    }
    // The embedded files and regular files inside the templates folder: no symbolic link
    // leading out of it.
    for (name, bytes) in templates.files(out)? {
        if !name.ends_with(".j2") {
            write_inside(out, Path::new(&name), &bytes)?;
        }
    }
    Ok(())
}

/// Renders the catalog `page` as a binder's template is, and writes it: on a helper thread,
/// within the render budget and the binders' time limit (`brief_timeout` times
/// [`bind::TIME_FACTOR`]), so that a catalog template that loops or builds a value without bound
/// fails alone. A page that cannot be rendered or written takes the old one with it, which
/// would list what the folder may no longer hold.
pub fn write_catalog(
    page: crate::catalog::Page,
    brief_timeout: std::time::Duration,
) -> Result<PathBuf> {
    let path = page.path.clone();
    let template = page.template();
    let limit = brief_timeout * bind::TIME_FACTOR;
    let rendered =
        timeout::on_thread_within_budget("catalog", Instant::now() + limit, limit, move |wire| {
            alloc::budgeted(wire, || page.render())
        });
    // A page that cannot be rendered or written takes the old one with it.
    let failed = |err: Error| {
        let _ = std::fs::remove_file(&path);
        Err(err)
    };
    let html = match rendered {
        Ok(Ok(html)) => html,
        Ok(Err(err)) => return failed(err),
        Err(timeout::Failure::Brief(report)) => {
            let messages: Vec<String> = report.diagnostics.into_iter().map(|d| d.message).collect();
            return failed(Error::Usage(format!("{template}: {}", messages.join("; "))));
        }
        Err(timeout::Failure::Cause(cause)) => return failed(Error::Usage(cause)),
    };
    if let Err(err) = crate::files::write_atomic(&path, html.as_bytes()) {
        return failed(err);
    }
    Ok(path)
}

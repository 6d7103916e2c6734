//! One brief's job (context -> render -> compile -> export -> write, or up to date), and the
//! worker threads that run the jobs of a batch.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::alloc::{self, budgeted};
use super::config::{Config, Verbosity};
use super::timeout::{on_thread, on_thread_budgeted, Failure};
use super::timings::{Stage, Timings};
use super::worker::Pool;
use crate::compile::world::Engine;
use crate::compile::{compile_and_export, Export, Exported, Request};
use crate::context::{self, Index, Settings};
use crate::export::{ExportOptions, Format};
use crate::fresh::{Entry, Fingerprints, Outcome, Outputs};
use crate::plan::Brief;
use crate::render::Renderer;

/// What briefs, binders and packs are made with: the build's configuration, data and engines.
pub(crate) struct Shared<'a> {
    pub config: &'a Config,
    /// The English edition's index (binders, packs).
    pub index: &'a Index<'a>,
    /// One index per edition, in `config.langs` order.
    pub indexes: &'a [Index<'a>],
    pub settings: &'a Settings,
    pub renderer: &'a Arc<Renderer>,
    pub engine: &'a Arc<Engine>,
    pub export: &'a ExportOptions,
    /// Worker processes for `--memory-limit`; `None` compiles in this process.
    pub pool: Option<&'a Pool>,
    /// Worker processes for the renders of a build without `--memory-limit` once renders that
    /// passed their byte budget hold all the memory allowed them ([`alloc::render_room`]):
    /// started only then, capped at twice the budget.
    pub render_pool: &'a RenderPool,
    pub fingerprints: &'a Fingerprints,
    pub outputs: &'a Outputs,
}

/// The workers that render briefs once no more renders may start in the build process, and what
/// they are started with.
pub(crate) struct RenderPool {
    pub worker: super::worker::WorkerConfig,
    pub pool: std::sync::OnceLock<Pool>,
}

impl RenderPool {
    fn get(&self) -> &Pool {
        self.pool.get_or_init(|| {
            let mut worker = self.worker.clone();
            worker.memory_limit_mb = ((2 * alloc::RENDER_BUDGET) >> 20) as u64;
            Pool::new(&worker).for_renders()
        })
    }
}

impl<'a> Shared<'a> {
    /// The index of `lang`'s edition.
    pub fn index_of(&self, lang: &str) -> &'a Index<'a> {
        self.indexes
            .iter()
            .find(|i| i.ed.lang == lang)
            .unwrap_or(self.index)
    }
}

/// Runs `f` on every brief (or other item) with `jobs` workers, returning results in their
/// order; `None` for those no worker could take (no helper thread could start).
///
/// Plain threads rather than a rayon pool: typst lays out pages on rayon's global pool, and a
/// rayon worker waiting for that would steal other briefs, nesting their timings. The calling
/// thread is one of the workers, so a batch runs even when no other thread can be started.
pub(super) fn run_parallel<T, R, F>(briefs: &[T], jobs: usize, f: F) -> Vec<Option<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..briefs.len()).map(|_| None).collect());
    // Workers numbered at or above this stop before their next brief: when a thread cannot
    // start, memory is short, and half of those started step back so that the rest can grow
    // their stacks (typst's deep layouts map more of them on demand).
    let allowed = AtomicUsize::new(usize::MAX);
    let work = |worker: usize| loop {
        if worker >= allowed.load(Ordering::Relaxed) {
            break;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(brief) = briefs.get(i) else { break };
        let outcome = f(brief);
        results.lock().expect("results")[i] = Some(outcome);
    };
    // A worker whose helper thread cannot start takes no briefs: the others build them.
    let short = AtomicUsize::new(0);
    // The other workers are numbered from 1.
    let other = |i: usize, helper: bool| {
        if helper {
            work(i + 1);
        } else {
            short.fetch_add(1, Ordering::Relaxed);
        }
    };
    // The calling thread's helper first, so that it has one if any thread does.
    let ready = super::timeout::ready();
    std::thread::scope(|scope| {
        let others = jobs.min(briefs.len()).max(1) - 1;
        let started = super::threads::start(scope, others, "brief", &other);
        if let Some(err) = &started.refused {
            allowed.store((started.len() + 1).div_ceil(2), Ordering::Relaxed);
            crate::diag::warning(&format!(
                "cannot start another worker thread ({err}); building with fewer"
            ));
        }
        drop(started.open());
        if ready {
            work(0);
        }
    });
    // Without a helper of its own, the calling thread takes what is left once the others are
    // done (nothing, unless no thread could start a helper: then those briefs fail).
    if !ready {
        work(0);
    }
    let short = short.into_inner();
    if short > 0 {
        crate::diag::warning(&format!(
            "{short} worker threads could not start their helper thread; building with fewer"
        ));
    }
    results.into_inner().expect("results")
}

/// Everything one brief needs, shared by the worker threads.
pub(super) struct Job<'a> {
    pub(super) inputs: Shared<'a>,
    pub(super) timings: &'a Timings,
    /// Rendered sources by stem, kept for binders.
    pub(super) sources: Mutex<BTreeMap<String, String>>,
}

impl Job<'_> {
    pub(super) fn run(&self, brief: &Brief) -> Outcome {
        let format = self.inputs.config.format.name();
        let index = self.inputs.index_of(&brief.lang);
        let mut entry = Entry::pending(
            format!("{:?}", brief.kind).to_lowercase(),
            brief.key.clone(),
            context::brief_title(index, brief),
            format,
            &self.inputs.config.variant(),
            brief.path(format),
            &self.inputs.index.data.data_hash,
        );
        entry.lang = brief.lang.clone();
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
        let index = self.inputs.index_of(&brief.lang);
        let context = context::context(index, brief, self.inputs.settings);
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
        let render_pool = match self.inputs.pool {
            Some(pool) => Some(pool),
            None if !alloc::render_room() => Some(self.inputs.render_pool.get()),
            None => None,
        };
        let at_once = self.inputs.config.force
            && render_pool.is_none()
            && self.inputs.config.format != Format::Typ;
        let (source, compiled) = if at_once {
            let engine = Arc::clone(self.inputs.engine);
            let export = self.inputs.export.clone();
            let request = request(String::new());
            let ((source, render_time), compiled) =
                on_thread_budgeted("brief", deadline, limit, move |wire| {
                    let t = Instant::now();
                    let source = budgeted(wire, || renderer.render(&template, &context))?;
                    let render_time = t.elapsed();
                    let request = Request {
                        source: source.clone(),
                        ..request
                    };
                    let compiled =
                        compile_and_export(&engine, &export, request, crate::diag::color());
                    Ok::<_, crate::render::RenderError>(((source, render_time), compiled))
                })?
                .map_err(|err| Failure::Brief(err.into()))?;
            // The render ended where the compile began.
            let end = match &compiled {
                Ok(e) => Instant::now() - e.compile_time - e.export_time,
                Err(_) => Instant::now(),
            };
            self.timings.interval(Stage::Render, end - render_time, end);
            (source, Some(compiled))
        } else if let Some(pool) = render_pool {
            // Under --memory-limit the render too runs in a worker, within its memory cap.
            let source = pool
                .render(&template, &context, deadline, limit)?
                .map_err(Failure::Brief)?;
            self.timings.add(Stage::Render, t);
            (source, None)
        } else {
            let source = on_thread_budgeted("brief", deadline, limit, move |wire| {
                budgeted(wire, || renderer.render(&template, &context))
            })?
            .map_err(|err| Failure::Brief(err.into()))?;
            self.timings.add(Stage::Render, t);
            (source, None)
        };
        let mut compiled = compiled;
        if self.inputs.config.binder || self.inputs.config.pack.is_some() {
            let mut sources = self.sources.lock().expect("sources");
            sources.insert(brief.stem.clone(), source.clone());
        }
        // The colophon prints the dataset's hash; leaving it out of the key means an edit rebuilds
        // only the briefs whose content it changes (an unchanged brief keeps its earlier PDF).
        let content = source.replace(&self.inputs.index.data.data_hash, "");
        entry.input_hash = self.inputs.fingerprints.of(&brief.template, &content);
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
            let compiled: Exported = match (compiled.take(), self.inputs.pool) {
                (Some(compiled), _) => compiled,
                (None, Some(pool)) => pool.compile(&request, deadline, limit)?,
                (None, None) => {
                    let engine = Arc::clone(self.inputs.engine);
                    let export = self.inputs.export.clone();
                    on_thread("brief", deadline, limit, move || {
                        compile_and_export(&engine, &export, request, crate::diag::color())
                    })?
                }
            };
            let Export {
                pages,
                files,
                warnings,
                compile_time,
                export_time,
            } = compiled.map_err(Failure::Brief)?;
            let exported = Instant::now();
            self.timings
                .interval(Stage::Export, exported - export_time, exported);
            let compiled = exported - export_time;
            self.timings
                .interval(Stage::Compile, compiled - compile_time, compiled);
            entry.warnings = warnings;
            self.report_warnings(&entry);
            entry.pages = pages;
            files
        };
        let t = Instant::now();
        let mut built = entry.clone();
        built.built(&files);
        // In place now or with the next batch: the manifest on disk never lists other bytes.
        if let Err((cause, path)) = self.inputs.outputs.install(&built, false, &files) {
            return Ok(Outcome::NotWritten(entry, cause, path));
        }
        self.timings.add(Stage::Write, t);
        Ok(Outcome::Built(built))
    }

    fn report_warnings(&self, entry: &Entry) {
        let shown =
            self.inputs.config.verbosity > Verbosity::Quiet || self.inputs.config.deny_warnings;
        if shown && !entry.warnings.is_empty() {
            crate::diag::report_warning(entry, &entry.warnings);
        }
    }
}

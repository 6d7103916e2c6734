//! Binders for printed handouts: one PDF per kind of brief, with a cover, a contents page and
//! every brief of that kind, page numbers continuous and each brief bookmarked; and briefing
//! packs, the same for the briefs one meeting needs (`packs:` in the project file).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::alloc::budgeted;
use super::job::Shared;
use super::timeout::{on_thread, on_thread_budgeted, Failure};
use super::worker::BindRequest;
use crate::compile::world::Engine;
use crate::compile::{compile_world, Export, Exported};
use crate::error::Report;
use crate::export::{self, Format};
use crate::files::{bytes_hash, read_listed, sort_key, MAX_OUTPUT_BYTES};
use crate::fresh::{Entry, Outcome};
use crate::model::Notice;
use crate::plan::{Brief, Kind};

pub(super) const TEMPLATE: &str = "binder.typ.j2";

/// The line of a brief's rendered source after its title block (base.typ.j2): what a binder's
/// frame reads of it. A source without it (a template of one's own) is read whole.
const FRAME_END: &str = "\n// imrf-briefs: the frame of a binder ends here\n";

/// A binding may take this many times `--brief-timeout`: it holds many briefs (the delegations
/// binder, 195 of them, compiles in 5-20 s on two busy cores).
pub const TIME_FACTOR: u32 = 5;

/// One bound document: a cover, one contents page, then its briefs with page numbers running on.
/// Binders and briefing packs are both made by [`bind`].
pub(super) struct Binding<'a> {
    /// The edition's language ("en", "fr", "es"): its cover speaks it.
    pub(super) lang: String,
    /// "binder" or "pack", as the manifest records it.
    pub(super) kind: &'static str,
    /// The output path without extension, e.g. `binders/objectives` or `packs/geneva`.
    pub(super) name: String,
    /// The cover's title and subtitle.
    pub(super) title: String,
    pub(super) subtitle: String,
    /// A line above the title naming what the document is ("Briefing pack"), if any.
    pub(super) label: Option<String>,
    /// A draft or classification line on the cover, if any.
    pub(super) stamp: Option<String>,
    /// The briefs in contents order, each with its contents level.
    pub(super) briefs: Vec<(&'a Brief, usize)>,
    /// Whether the contents are grouped by kind, each group under a heading (a pack's; its
    /// briefs come in kind order).
    pub(super) grouped: bool,
    pub(super) one_sided: bool,
}

/// Writes `binders/<kind>s.pdf` for every kind among `briefs`; `sources` holds each brief's
/// rendered Typst source by stem. Returns what became of each binder.
pub(crate) fn write(
    job: &Shared,
    briefs: &[Brief],
    sources: &BTreeMap<String, String>,
    pdfs: &BTreeMap<String, Entry>,
) -> Vec<Outcome> {
    let mut written = Vec::new();
    // One set of binders per edition, in the order the briefs come (English first).
    let mut langs: Vec<&str> = Vec::new();
    for b in briefs {
        if !langs.contains(&b.lang.as_str()) {
            langs.push(&b.lang);
        }
    }
    for lang in langs {
        written.extend(write_edition(job, lang, briefs, sources, pdfs));
    }
    written
}

/// The binders of one edition: `binders/...` in English, `LANG/binders/...` for the others,
/// under the variant's folder for other than A4 two-sided without a PDF standard.
fn write_edition(
    job: &Shared,
    lang: &str,
    briefs: &[Brief],
    sources: &BTreeMap<String, String>,
    pdfs: &BTreeMap<String, Entry>,
) -> Vec<Outcome> {
    let index = job.index_of(lang);
    let mut bindings = Vec::new();
    for kind in [
        Kind::Overview,
        Kind::Objective,
        Kind::Region,
        Kind::Delegation,
    ] {
        let mut of_kind: Vec<(&Brief, usize)> = briefs
            .iter()
            .filter(|b| b.kind == kind && b.lang == lang)
            .map(|b| (b, 1))
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        contents_order(job, index, kind, &mut of_kind);
        let name = plural(kind);
        let title = kind_title(index, kind);
        let subtitle = index
            .ed
            .t(&format!("binder-{name}-subtitle"), &crate::args![]);
        // A binder of a selection says what it holds, never the full title over some briefs.
        let held: Vec<&Brief> = of_kind
            .iter()
            .map(|(b, _)| *b)
            .filter(|b| sources.contains_key(&b.stem))
            .collect();
        // It has a file of its own, so that it never replaces the binder of the whole kind.
        let (name, title, subtitle) =
            match selection_title_in(index, kind, &held, &crate::plan::plan(index.data)) {
                Some((title, subtitle)) => (format!("{name}-selection"), title, subtitle),
                None => (name.to_string(), title, subtitle),
            };
        let binding = Binding {
            lang: lang.to_string(),
            kind: "binder",
            name: format!(
                "{}{}binders/{name}",
                variant(job, job.config.one_sided).prefix(),
                crate::i18n::prefix(lang)
            ),
            title,
            subtitle,
            label: None,
            stamp: None,
            briefs: of_kind,
            grouped: false,
            one_sided: job.config.one_sided,
        };
        bindings.push(binding);
    }
    // The bindings side by side: a frame's layout is one thread's work, and the four together
    // keep both cores busy. A binding whose thread or helper cannot start binds on this thread.
    let work = |i: usize, helper: bool| helper.then(|| bind(job, &bindings[i], sources, pdfs));
    std::thread::scope(|scope| {
        let handles = super::threads::start(scope, bindings.len(), "bind", &work).open();
        let mut bound: Vec<_> = handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        bound.resize_with(bindings.len(), || None);
        bound
            .into_iter()
            .zip(&bindings)
            .flat_map(|(done, binding)| done.unwrap_or_else(|| bind(job, binding, sources, pdfs)))
            .collect()
    })
}

/// Whether bindings are assembled from briefs' PDFs rather than typeset whole (see [`bind`]).
fn assembles(job: &Shared) -> bool {
    job.config.format == Format::Pdf && job.config.variant().standard.is_none()
}

/// A kind's binder's file name and catalog key: "overview", "objectives", "regions", "delegations".
/// (`plan::BINDER_NAMES`, by which `merge` knows a binder's file).
fn plural(kind: Kind) -> &'static str {
    let [overview, objectives, regions, delegations] = crate::plan::BINDER_NAMES;
    match kind {
        Kind::Overview => overview,
        Kind::Objective => objectives,
        Kind::Region => regions,
        Kind::Delegation => delegations,
    }
}

/// The title of a kind's binder in the edition's language ("Objective briefs"), also the heading
/// of its group in a pack's contents.
fn kind_title(index: &crate::context::Index, kind: Kind) -> String {
    index
        .ed
        .t(&format!("binder-{}-title", plural(kind)), &crate::args![])
}

/// The variant of this build's binders and packs: its briefs', laid out one- or two-sided.
pub(super) fn variant(job: &Shared, one_sided: bool) -> crate::plan::Variant {
    crate::plan::Variant {
        one_sided,
        ..job.config.variant()
    }
}

/// Renders, compiles and writes one binding, the shared path of binders and packs; a binding
/// whose key (its source, its briefs' sources and PDFs, the templates and settings) and files are
/// as the manifest records them is kept. `None` when it holds none of this run's briefs.
///
/// A PDF binding is assembled from its briefs' PDFs: typst lays out only its frame (see
/// [`super::assemble`]). Two-sided, they are this run's (`pdfs`, entries by stem); one-sided, each
/// brief is compiled one-sided for it first (the briefs' own PDFs are laid out two-sided, with
/// mirrored margins and running heads). Bindings of a PDF standard (whose conformance a merge of
/// the briefs' files could not vouch for) are typeset whole, as is a binding whose assembly fails.
pub(super) fn bind(
    job: &Shared,
    binding: &Binding,
    sources: &BTreeMap<String, String>,
    pdfs: &BTreeMap<String, Entry>,
) -> Option<Outcome> {
    let name = &binding.name;
    let mut parts = Vec::new();
    let mut placed = Vec::new();
    let index = job.index_of(&binding.lang);
    for (brief, level) in &binding.briefs {
        let Some(source) = sources.get(&brief.stem) else {
            continue;
        };
        let text = if binding.one_sided {
            source.replacen(
                "#show: brief.with(",
                "#show: brief.with(one-sided: true, ",
                1,
            )
        } else {
            source.clone()
        };
        // A group begins with the first brief of each kind.
        let starts = binding.grouped && placed.last().is_none_or(|p: &Placed| p.kind != brief.kind);
        placed.push(Placed {
            kind: brief.kind,
            level: *level,
            group: starts.then(|| kind_title(index, brief.kind)),
            stem: &brief.stem,
            template: &brief.template,
        });
        parts.push((format!("/{}.typ", brief.stem), text));
    }
    if parts.is_empty() {
        return None;
    }
    let format = job.config.format.name();
    let short = name.rsplit('/').next().unwrap_or(name);
    let mut entry = Entry::pending(
        binding.kind.into(),
        if binding.lang == "en" {
            short.into()
        } else {
            format!("{}-{short}", binding.lang)
        },
        binding.title.clone(),
        format,
        &variant(job, binding.one_sided),
        PathBuf::from(format!("{name}.{format}")),
        &job.index.data.data_hash,
    );
    // The briefs' PDF entries, when a two-sided binding is assembled from them.
    let on_disk: Option<Vec<&Entry>> = (assembles(job) && !binding.one_sided)
        .then(|| placed.iter().map(|p| pdfs.get(p.stem)).collect())
        .flatten();
    let source = match render(job, binding, &parts, &placed) {
        Ok(source) => source,
        Err(err) => return Some(Outcome::Failed(entry, err)),
    };
    let mut content = source.clone();
    for (i, (path, text)) in parts.iter().enumerate() {
        content.extend(["\0", path, "\0", text]);
        if let Some(entries) = &on_disk {
            content.extend(["\0", &entries[i].sha256]);
        }
    }
    entry.input_hash = job.fingerprints.of(TEMPLATE, &content);
    if let Some(mut previous) = job.outputs.current_bound(&entry.id(), &entry.input_hash) {
        previous.status = "up-to-date".into();
        return Some(Outcome::UpToDate(previous));
    }
    let limit = job.config.brief_timeout * TIME_FACTOR;
    let deadline = std::time::Instant::now() + limit;
    // Assembled from the briefs' PDFs if it can be; an assembly that fails (a brief's PDF that
    // cannot be read or followed) is typeset whole instead.
    let compiled = match (&on_disk, assembles(job) && binding.one_sided) {
        (Some(entries), _) => read_briefs(job, entries).and_then(|pieces| {
            assembled(job, binding, &source, &parts, &placed, &pieces, deadline)
        }),
        (None, true) => match one_sided_briefs(job, binding, &parts, &placed, deadline, limit) {
            Ok(pieces) => assembled(job, binding, &source, &parts, &placed, &pieces, deadline),
            Err(failure) => Ok(Err(failure)),
        },
        (None, false) => Ok(compile(
            job,
            binding,
            source.clone(),
            &parts,
            false,
            deadline,
        )),
    };
    let compiled = compiled.unwrap_or_else(|why| {
        crate::diag::warning(&format!(
            "{}: not assembled from the briefs' PDFs ({why}); typeset whole instead",
            entry.path.display()
        ));
        compile(job, binding, source, &parts, false, deadline)
    });
    let files = match compiled {
        Ok(Ok(compiled)) => {
            entry.pages = compiled.pages;
            compiled.files
        }
        Ok(Err(err)) | Err(Failure::Brief(err)) => return Some(Outcome::Failed(entry, err)),
        Err(Failure::Cause(cause)) => {
            let path = entry.path.clone();
            return Some(Outcome::NotWritten(entry, cause, path));
        }
    };
    let mut built = entry.clone();
    built.built(&files);
    if let Err((cause, path)) = job.outputs.install(&built, true, &files) {
        return Some(Outcome::NotWritten(entry, cause, path));
    }
    Some(Outcome::Built(built))
}

/// One brief's PDF to assemble a binding from: its number of pages and its bytes.
type Piece = (usize, Vec<u8>);

/// This run's PDFs of `entries`, read from the output folder and checked against their hashes.
fn read_briefs(job: &Shared, entries: &[&Entry]) -> Result<Vec<Piece>, String> {
    use rayon::prelude::*;
    entries
        .par_iter()
        .map(|entry| {
            let bytes = read_listed(&job.config.out, &entry.path, MAX_OUTPUT_BYTES)
                .map_err(|refusal| format!("{}: {refusal}", entry.path.display()))?;
            if bytes_hash([bytes.as_slice()]) != entry.sha256 {
                return Err(format!("{} changed during the build", entry.path.display()));
            }
            Ok((entry.pages, bytes))
        })
        .collect()
}

/// Each brief of a one-sided binding (its `parts`, sources laid out one-sided) compiled as a
/// brief is, side by side, in this process or under --memory-limit in a worker, all within the
/// binding's time limit. A brief that fails here fails the binding (the brief itself was built).
fn one_sided_briefs(
    job: &Shared,
    binding: &Binding,
    parts: &[(String, String)],
    placed: &[Placed],
    deadline: std::time::Instant,
    limit: std::time::Duration,
) -> Result<Vec<Piece>, Failure> {
    let requests: Vec<crate::compile::Request> = parts
        .iter()
        .zip(placed)
        .map(|((path, text), placed)| crate::compile::Request {
            path: path.clone(),
            template: placed.template.to_string(),
            source: text.clone(),
            stem: placed.stem.to_string(),
        })
        .collect();
    let compile = |request: &crate::compile::Request| -> Result<Piece, Failure> {
        let compiled = match job.pool {
            Some(pool) => pool.compile(request, deadline, limit)?,
            None => {
                let engine = std::sync::Arc::clone(job.engine);
                let export = job.export.clone();
                let request = request.clone();
                on_thread(binding.kind, deadline, limit, move || {
                    crate::compile::compile_and_export(&engine, &export, request, false)
                })?
            }
        }
        .map_err(Failure::Brief)?;
        let pdf = compiled.files.into_iter().next().map(|(_, bytes)| bytes);
        let pdf = pdf.ok_or_else(|| Failure::Cause("a brief was not exported".into()))?;
        Ok((compiled.pages, pdf))
    };
    super::job::run_parallel(&requests, job.config.jobs, compile)
        .into_iter()
        .map(|piece| piece.unwrap_or_else(|| Err(Failure::Cause("cannot start a thread".into()))))
        .collect()
}

/// A binding assembled from `pieces`, its briefs' PDFs: its frame compiled, each brief's pages
/// laid on the frame's. An error says why it could not be assembled.
fn assembled(
    job: &Shared,
    binding: &Binding,
    source: &str,
    parts: &[(String, String)],
    placed: &[Placed],
    pieces: &[Piece],
    deadline: std::time::Instant,
) -> Result<std::result::Result<Exported, Failure>, String> {
    // A frame needs of each brief only what comes before its body (see base.typ.j2), and its
    // number of pages and contents level (`frame-part` in templates/lib/page.typ).
    let frame_parts: Vec<(String, String)> = parts
        .iter()
        .zip(pieces)
        .zip(placed)
        .map(|(((path, text), (pages, _)), placed)| {
            let head = text
                .find(FRAME_END)
                .map_or(text.as_str(), |end| &text[..end]);
            let part = format!("\n#frame-part(pages: {pages}, level: {})\n", placed.level);
            (path.clone(), [head, &part].concat())
        })
        .collect();
    let mut compiled = compile(
        job,
        binding,
        source.to_string(),
        &frame_parts,
        true,
        deadline,
    );
    if let Ok(Ok(frame)) = &mut compiled {
        let file = frame
            .files
            .first_mut()
            .ok_or("the frame was not exported")?;
        let briefs: Vec<&[u8]> = pieces.iter().map(|(_, bytes)| bytes.as_slice()).collect();
        file.1 = super::assemble::assemble(&file.1, &briefs)?;
    }
    Ok(compiled)
}

/// Compiles a binding's `source` (its frame, if `frame`) within a time limit, and under
/// --memory-limit in a worker: a binder template that loops or needs too much memory fails its
/// binding alone.
fn compile(
    job: &Shared,
    binding: &Binding,
    source: String,
    parts: &[(String, String)],
    frame: bool,
    deadline: std::time::Instant,
) -> std::result::Result<Exported, Failure> {
    let limit = job.config.brief_timeout * TIME_FACTOR;
    let request = BindRequest {
        name: binding.name.clone(),
        source,
        parts: parts.to_vec(),
        frame,
    };
    match job.pool {
        Some(pool) => pool.bind(binding.kind, request, deadline, limit),
        None => {
            let engine = std::sync::Arc::clone(job.engine);
            let export = job.export.clone();
            let jobs = job.config.jobs;
            // typst lays out a document's page runs (here, one per brief) side by side on the
            // current rayon pool: one of `jobs` threads rather than the helper's one, so that a
            // binding laid out alone (a pack, the last binder) takes every core.
            on_thread(
                binding.kind,
                deadline,
                limit,
                move || match super::timeout::pool(jobs) {
                    Some(pool) => pool.install(|| compile_binding(&engine, &export, request)),
                    None => compile_binding(&engine, &export, request),
                },
            )
        }
    }
}

/// Compiles and exports a binding (see [`BindRequest`]); with `frame`, the binding's frame (see
/// `frame-mode` in templates/lib/page.typ).
pub(super) fn compile_binding(
    engine: &Engine,
    options: &export::ExportOptions,
    request: BindRequest,
) -> Exported {
    let BindRequest {
        name,
        source,
        parts,
        frame,
    } = request;
    let started = std::time::Instant::now();
    let world = engine.binder_world(&format!("/{name}.typ"), TEMPLATE, source, &parts, frame);
    let compiled = compile_world(&world, false);
    typst::comemo::evict(0);
    let compiled = compiled?;
    let exporting = std::time::Instant::now();
    let files = export::export(&compiled.document, &name, options)?;
    Ok(Export {
        pages: compiled.document.pages().len(),
        files,
        warnings: Report::default(),
        compile_time: exporting - started,
        export_time: exporting.elapsed(),
    })
}

/// Orders a binder's briefs as its contents should read, with each brief's contents level:
/// delegations by English name (not ISO3 code); regions nested under their parent region.
fn contents_order(
    job: &Shared,
    index: &crate::context::Index,
    kind: Kind,
    briefs: &mut Vec<(&Brief, usize)>,
) {
    match kind {
        Kind::Delegation if index.ed.lang == "en" => {
            briefs.sort_by_cached_key(|(b, _)| sort_key(&b.title));
        }
        Kind::Delegation => {
            briefs.sort_by_cached_key(|(b, _)| sort_key(&crate::context::brief_title(index, b)));
        }
        Kind::Region => {
            let regions = &job.index.regions;
            // Each region's path from the top: its ancestors' positions, then its own.
            let path = |slug: &str| {
                let mut path = Vec::new();
                let mut at = regions.iter().position(|r| r.slug == slug);
                while let Some(i) = at {
                    path.push(i);
                    at = regions[i]
                        .parent
                        .as_ref()
                        .and_then(|p| regions.iter().position(|r| &r.name == p));
                }
                path.reverse();
                path
            };
            for entry in briefs.iter_mut() {
                entry.1 = path(&entry.0.key).len().clamp(1, 3);
            }
            briefs.sort_by_key(|(b, _)| path(&b.key));
        }
        Kind::Overview | Kind::Objective => {}
    }
}

/// [`selection_title`] in the edition's language.
fn selection_title_in(
    index: &crate::context::Index,
    kind: Kind,
    held: &[&Brief],
    plan: &[Brief],
) -> Option<(String, String)> {
    let total = plan.iter().filter(|b| b.kind == kind).count();
    if index.ed.lang == "en" || held.len() >= total {
        return selection_title(kind, held, plan);
    }
    let names: Vec<String> = held
        .iter()
        .map(|b| match kind {
            Kind::Objective => b.key.trim_start_matches('0').to_string(),
            _ => crate::context::brief_title(index, b),
        })
        .collect();
    let kind_key = kind_noun(kind);
    let n = names.len();
    let title = match (kind, n) {
        (Kind::Objective, n) if n <= 12 => index.ed.t(
            "binder-selection-objectives",
            &crate::args!["n" => n, "list" => names.join(", ")],
        ),
        (_, n) if n <= 4 => index.ed.t(
            "binder-selection-few",
            &crate::args!["kind" => kind_key, "list" => names.join(", ")],
        ),
        _ => index
            .ed
            .t("binder-selection-many", &crate::args!["kind" => kind_key]),
    };
    let subtitle = index.ed.t(
        "binder-selection-subtitle",
        &crate::args![
            "kind" => kind_key,
            "n" => held.len(),
            "held" => index.ed.integer(held.len() as i64),
            "total_n" => total,
            "total" => index.ed.integer(total as i64)
        ],
    );
    Some((title, subtitle))
}

/// The title and subtitle of a binder holding only some of the planned briefs of its kind
/// ("Objectives 1, 2, 3" and "3 of 23 objective briefs"); `None` when it holds them all.
fn selection_title(kind: Kind, held: &[&Brief], plan: &[Brief]) -> Option<(String, String)> {
    let total = plan.iter().filter(|b| b.kind == kind).count();
    if held.len() >= total {
        return None;
    }
    let noun = match kind {
        Kind::Overview => "overview",
        Kind::Objective => "objective",
        Kind::Region => "region",
        Kind::Delegation => "delegation",
    };
    let names: Vec<String> = held
        .iter()
        .map(|b| match kind {
            Kind::Objective => b.key.trim_start_matches('0').to_string(),
            _ => b.title.clone(),
        })
        .collect();
    let title = match (kind, names.len()) {
        (Kind::Objective, 1) => format!("Objective {}", names[0]),
        (Kind::Objective, n) if n <= 12 => format!("Objectives {}", names.join(", ")),
        (_, n) if n <= 4 => format!("{} briefs: {}", capitalized(noun), names.join(", ")),
        _ => format!("Selected {noun} briefs"),
    };
    let subtitle = format!(
        "{} of {total} {noun} brief{}",
        held.len(),
        if total == 1 { "" } else { "s" }
    );
    Some((title, subtitle))
}

fn kind_noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Overview => "overview",
        Kind::Objective => "objective",
        Kind::Region => "region",
        Kind::Delegation => "delegation",
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Everything `binder.typ.j2` may read.
#[derive(Serialize)]
struct BinderContext<'a> {
    /// The edition's language ("en", "fr", "es"), for `t()` and typst's `lang`.
    lang: &'a str,
    /// "ltr" or "rtl".
    dir: crate::i18n::Direction,
    /// The cover's title.
    title: &'a str,
    /// The cover's subtitle.
    subtitle: &'a str,
    /// A line above the title naming what the document is ("Briefing pack"), if any.
    label: Option<&'a str>,
    /// A draft or classification line on the cover, if any.
    stamp: Option<&'a str>,
    /// The Forum: name, dates in words, venue.
    forum: BinderForum<'a>,
    /// The document date in words ("17 May 2022").
    date_human: String,
    /// The document date as numbers: year, month, day.
    date_parts: Vec<u32>,
    /// The paper size: "a4" or "us-letter".
    paper: &'static str,
    /// The briefs included, in contents order.
    briefs: Vec<BinderPart<'a>>,
    /// The notice on data not marked official or partial, if any, in the edition's words.
    notice: Option<String>,
    /// Whether the document is laid out for one-sided printing.
    one_sided: bool,
}

/// The Forum as a binder's cover names it.
#[derive(Serialize)]
struct BinderForum<'a> {
    /// Its full name.
    name: &'a str,
    /// Its dates in words.
    dates: String,
    /// Where it met.
    venue: &'a str,
}

/// A brief included in a binder.
#[derive(Serialize)]
struct BinderPart<'a> {
    /// The path of the brief's Typst source, as the binder includes it.
    path: &'a str,
    /// Its contents level (1 for a chapter).
    level: usize,
    /// The heading of the group of the contents it begins, if any (a pack's "Region briefs").
    group: Option<String>,
}

/// Where a brief is placed in a binding's contents (its source and path aside).
struct Placed<'a> {
    kind: Kind,
    level: usize,
    group: Option<String>,
    stem: &'a str,
    /// The brief's template (where a one-sided compile's errors are located).
    template: &'a str,
}

fn render(
    job: &Shared,
    binding: &Binding,
    parts: &[(String, String)],
    placed: &[Placed],
) -> Result<String, Report> {
    let index = job.index_of(&binding.lang);
    let ed = index.ed;
    let data = index.data;
    let forum = &data.forum.forum;
    let notice = data.notice_of().map(|notice| match notice {
        Notice::NotOfficial { dataset } => ed.t(
            "binder-notice-not-official",
            &crate::args!["dataset" => dataset],
        ),
        Notice::Partial {
            pledges,
            reported: None,
        } => ed.t("binder-notice-partial", &crate::args!["pledges" => pledges]),
        Notice::Partial {
            pledges,
            reported: Some(reported),
        } => ed.t(
            "binder-notice-partial-reported",
            &crate::args!["pledges" => pledges, "reported" => ed.prose(reported)],
        ),
    });
    let date = &job.settings.date;
    let forum_name = ed
        .names
        .term(&forum.name)
        .map_or_else(|| forum.name.clone(), str::to_string);
    let venue = ed.prose(&forum.venue);
    let context = BinderContext {
        lang: &ed.lang,
        dir: ed.dir,
        title: &binding.title,
        subtitle: &binding.subtitle,
        label: binding.label.as_deref(),
        stamp: binding.stamp.as_deref(),
        forum: BinderForum {
            name: &forum_name,
            dates: ed.date_range(&forum.start_date, &forum.end_date),
            venue: &venue,
        },
        date_human: ed.date(date),
        date_parts: date.split('-').filter_map(|p| p.parse().ok()).collect(),
        paper: job.settings.paper.typst_name(),
        briefs: parts
            .iter()
            .zip(placed)
            .map(|((path, _), placed)| BinderPart {
                path,
                level: placed.level,
                group: placed.group.clone(),
            })
            .collect(),
        notice,
        one_sided: binding.one_sided,
    };
    // On a helper thread within the render budget, as a brief's template (see `alloc`).
    let context = minijinja::Value::from_serialize(&context);
    let renderer = std::sync::Arc::clone(job.renderer);
    let limit = job.config.brief_timeout * TIME_FACTOR;
    let deadline = std::time::Instant::now() + limit;
    match on_thread_budgeted(binding.kind, deadline, limit, move |wire| {
        budgeted(wire, || renderer.render(TEMPLATE, &context))
    }) {
        Ok(rendered) => rendered.map_err(Report::from),
        Err(Failure::Brief(report)) => Err(report),
        Err(Failure::Cause(cause)) => Err(Report::error(cause)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(kind: Kind, key: &str, title: &str) -> Brief {
        Brief {
            kind,
            key: key.into(),
            title: title.into(),
            stem: key.into(),
            template: String::new(),
            lang: "en".into(),
        }
    }

    #[test]
    fn a_partial_binder_says_what_it_holds() {
        let plan: Vec<Brief> = (1..=23)
            .map(|n| brief(Kind::Objective, &format!("{n:02}"), "Objective"))
            .collect();
        let held: Vec<&Brief> = plan[..3].iter().collect();
        assert_eq!(
            selection_title(Kind::Objective, &held, &plan),
            Some((
                "Objectives 1, 2, 3".into(),
                "3 of 23 objective briefs".into()
            ))
        );
        let all: Vec<&Brief> = plan.iter().collect();
        assert_eq!(selection_title(Kind::Objective, &all, &plan), None);
        let states = [
            brief(Kind::Delegation, "ZZA", "Atlantis"),
            brief(Kind::Delegation, "ZZB", "Borduria"),
        ];
        let held: Vec<&Brief> = states[..1].iter().collect();
        assert_eq!(
            selection_title(Kind::Delegation, &held, &states),
            Some((
                "Delegation briefs: Atlantis".into(),
                "1 of 2 delegation briefs".into()
            ))
        );
    }
}

//! `merge`: puts the output folders of a sharded build (`build --shard I/N`, one per CI job) back
//! together into one output folder with one manifest, as if one build had made it.
//!
//! Everything is checked before anything is written: the shards were made by the same binary
//! (version and build id) from the same data, together they hold every planned brief exactly once
//! per format, and every file hashes to the sha256 its shard recorded. Then the files are copied
//! atomically under the output folder's lock and the manifest is written with the shards' entries
//! unchanged (input hashes included), so that a later `build` into the folder finds them current.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::cli::project::ProjectFile;
use crate::cli::MergeArgs;
use crate::error::{terminal_safe, Error, Result};
use crate::files::{bytes_hash, read_listed, Refusal, MAX_OUTPUT_BYTES};
use crate::fresh::{output_id, Entry, Manifest, Outcome, Outputs, MANIFEST, MAX_MANIFEST_BYTES};
use crate::{load, plan};

/// At most this many problems are listed; the rest are counted.
const SHOWN: usize = 20;

pub fn merge(args: MergeArgs, project: Option<&ProjectFile>) -> Result<()> {
    let data = crate::cli::inputs::data(args.data.data.as_deref(), project)?;
    let templates = crate::cli::inputs::templates(args.templates.as_deref(), project)?;
    let out = crate::cli::inputs::out(args.out.as_deref(), project);
    let loaded = load::load_data(&data)?;
    let dataset = loaded.dataset;
    let planned = plan::select(plan::plan(&dataset), &args.select.kinds, &args.select.only)?;

    let shards: Vec<(PathBuf, Manifest)> = args
        .shards
        .iter()
        .map(|dir| Ok((dir.clone(), read_shard(dir)?)))
        .collect::<Result<_>>()?;
    // The editions the shards were built in (each shard holds a part of every edition's plan).
    let mut langs: Vec<String> = shards
        .iter()
        .flat_map(|(_, m)| m.briefs.iter().map(|e| e.lang.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if langs.is_empty() {
        langs.push("en".into());
    }
    langs.sort_by_key(|l| (l != "en", l.clone()));
    let planned = plan::editions(planned, &langs);
    let edition_id = |kind_key: String, lang: &str| {
        if lang == "en" {
            kind_key
        } else {
            format!("{kind_key}@{lang}")
        }
    };
    let name = |dir: &Path| terminal_safe(&dir.display().to_string());

    // One binary and one data set.
    let (first_dir, first) = &shards[0];
    for (dir, manifest) in &shards[1..] {
        if (&manifest.tool, &manifest.build_id) != (&first.tool, &first.build_id) {
            return Err(Error::Usage(format!(
                "{} was built by {} (build {}) but {} by {} (build {}): shards must come from \
                 the same imrf-briefs binary",
                name(dir),
                manifest.tool,
                or_unknown(&manifest.build_id),
                name(first_dir),
                first.tool,
                or_unknown(&first.build_id),
            )));
        }
    }
    for (dir, manifest) in &shards {
        if manifest.data_hash != dataset.data_hash {
            return Err(Error::Usage(format!(
                "{} was built from data {} but {} holds data {}: shards must be built from the \
                 data being merged",
                name(dir),
                manifest.data_hash,
                terminal_safe(&data.describe()),
                dataset.data_hash
            )));
        }
    }

    // Every planned brief exactly once per format and variant (paper, PDF standard).
    let mut holders: BTreeMap<String, Vec<&Path>> = BTreeMap::new();
    let mut formats = BTreeSet::new();
    for (dir, manifest) in &shards {
        for entry in &manifest.briefs {
            formats.insert((entry.format.clone(), entry.variant()));
            holders.entry(entry.id()).or_default().push(dir);
        }
    }
    let mut problems = Vec::new();
    let mut expected = BTreeSet::new();
    for (format, variant) in &formats {
        for brief in &planned {
            let shown = format!("{}/{}", kind_name(brief.kind), brief.key);
            let id = output_id(
                &kind_name(brief.kind),
                &brief.key,
                format,
                &brief.lang,
                variant,
            );
            let shown = edition_id(shown, &brief.lang);
            let format = match variant.name() {
                name if name.is_empty() => format.clone(),
                name => format!("{format}, {name}"),
            };
            match holders.get(&id).map(Vec::as_slice) {
                None | Some([]) => problems.push(format!(
                    "{} ({}, {format}) is in none of the shards",
                    terminal_safe(&brief.title),
                    terminal_safe(&shown)
                )),
                Some([_]) => {}
                Some(dirs) => problems.push(format!(
                    "{} ({}, {format}) is in more than one shard: {}",
                    terminal_safe(&brief.title),
                    terminal_safe(&shown),
                    dirs.iter().map(|d| name(d)).collect::<Vec<_>>().join(", ")
                )),
            }
            expected.insert(id);
        }
    }
    for (id, dirs) in &holders {
        if !expected.contains(id) {
            problems.push(format!(
                "{} in {} is not in the plan of {} (other data, or other --by/--only?)",
                terminal_safe(id),
                dirs.iter().map(|d| name(d)).collect::<Vec<_>>().join(", "),
                terminal_safe(&data.describe())
            ));
        }
    }
    refuse("the shards do not cover the plan exactly once", problems)?;

    // Every file where its manifest says, its brief's own, a regular file of the shard (no link,
    // device or pipe) with the bytes it recorded. A failed entry's files are its last good ones
    // only if they hash to its sha256; else they are not copied.
    let stems: BTreeMap<String, &str> = planned
        .iter()
        .map(|b| {
            (
                edition_id(format!("{}/{}", kind_name(b.kind), b.key), &b.lang),
                b.stem.as_str(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut owners: BTreeMap<&Path, String> = BTreeMap::new();
    let mut copies: Vec<(&Path, Entry)> = Vec::new();
    for (dir, manifest) in &shards {
        let shown = name(&dir.join(MANIFEST));
        for entry in &manifest.briefs {
            let id = entry.id();
            let stem = stems[&edition_id(format!("{}/{}", entry.kind, entry.key), &entry.lang)];
            let stem = format!("{}{stem}", entry.variant().prefix());
            if let Some(bad) = entry
                .files
                .iter()
                .chain([&entry.path])
                .find(|f| !plan::owns(&stem, &entry.format, f))
            {
                problems.push(format!(
                    "{shown}: {}: file {} is not one of this brief's files",
                    terminal_safe(&id),
                    name(bad)
                ));
                continue;
            }
            if entry.files.first().is_some_and(|f| f != &entry.path) {
                problems.push(format!(
                    "{shown}: {}: path {} is not its first file",
                    terminal_safe(&id),
                    name(&entry.path)
                ));
                continue;
            }
            for file in &entry.files {
                if let Some(other) = owners.insert(file, id.clone()) {
                    problems.push(format!(
                        "{shown}: {}: file {} is listed by {} too",
                        terminal_safe(&id),
                        name(file),
                        terminal_safe(&other)
                    ));
                }
            }
            let hashed = hash_listed(dir, &entry.files);
            let mut entry = entry.clone();
            match hashed {
                Ok(sha256) if sha256 == entry.sha256 && !entry.files.is_empty() => {}
                _ if entry.status == "failed" => {
                    // No last good files that can be trusted: none are copied.
                    entry.files.clear();
                    entry.bytes = 0;
                    entry.sha256.clear();
                }
                Err((file, refusal)) => {
                    problems.push(format!(
                        "{}: {refusal} (the shard's files must be its build's own)",
                        name(&dir.join(file))
                    ));
                    continue;
                }
                Ok(_) => {
                    problems.push(format!(
                        "{}: missing, or does not match the sha256 recorded in {shown} \
                         (corrupted or changed after the build)",
                        entry
                            .files
                            .iter()
                            .map(|f| name(&dir.join(f)))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ));
                    continue;
                }
            }
            copies.push((dir.as_path(), entry));
        }
    }
    refuse("refusing to merge damaged shards", problems)?;

    let mut inputs: Vec<(&str, &Path)> = [("data", data.dir()), ("templates", templates.dir())]
        .into_iter()
        .filter_map(|(what, dir)| dir.map(|dir| (what, dir)))
        .collect();
    inputs.extend(args.shards.iter().map(|dir| ("shard", dir.as_path())));
    crate::fresh::refuse_enclosing(&out, &inputs)?;

    // Checked: now write, under the output folder's lock. A file that the folder's manifest
    // lists is replaced only once a manifest that no longer lists it is on disk, and the manifest
    // is rewritten as files go in: after a kill or a failure it lists only files that hash to
    // their sha256 (see fresh::journal).
    let outputs =
        Outputs::open(&out, false)?.describing(&first.tool, &first.build_id, &first.data_hash);
    let mut merged = Manifest {
        tool: first.tool.clone(),
        build_id: first.build_id.clone(),
        data_hash: first.data_hash.clone(),
        briefs: Vec::new(),
        bound: Vec::new(),
    };
    let mut failed = 0;
    for (dir, entry) in copies {
        if let Err(err) = copy_entry(dir, &entry, &outputs) {
            outputs.settle(&mut []);
            let recorded = match outputs.write_current() {
                Ok(_) => "the manifest lists the files in place".to_string(),
                Err(err) => format!("and the manifest not written either: {err}"),
            };
            return Err(Error::Incomplete(format!(
                "merge not finished: {err}; {recorded}"
            )));
        }
        if entry.status == "failed" {
            failed += 1;
        }
        merged.briefs.push(entry);
    }
    // A file whose rename waited for the manifest and then failed is not in place.
    let mut placed: Vec<Outcome> = merged.briefs.drain(..).map(Outcome::Built).collect();
    outputs.settle(&mut placed);
    for outcome in placed {
        match outcome {
            Outcome::NotWritten(_, cause, path) => {
                outputs.write_current().ok();
                return Err(Error::Incomplete(format!(
                    "merge not finished: {}: {cause}; the manifest lists the files in place",
                    out.join(path).display()
                )));
            }
            other => merged.briefs.push(other.entry().clone()),
        }
    }
    sort(&mut merged.briefs);
    // The merged manifest is the folder's whole description: files of earlier builds that it
    // does not list go (those the folder's manifest listed, and any named as a brief's, a
    // binder's or a pack's of the project file). It lists no binder or pack: those of earlier
    // builds bound other briefs, and a shard's bind its part of the plan only.
    let slugs: BTreeSet<String> = plan::regions(&dataset.countries)
        .into_iter()
        .map(|r| r.slug)
        .collect();
    let packs: BTreeSet<String> = project
        .map(|p| p.pack_names().map(str::to_string).collect())
        .unwrap_or_default();
    outputs
        .replace_manifest(&merged, |file| {
            plan::is_brief_file(file, &slugs) || plan::is_bound_file(file, &packs)
        })
        .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    for (dir, manifest) in &shards {
        if !manifest.bound.is_empty() {
            crate::diag::note(&format!(
                "{}: {} not merged: a shard's binders and packs bind its part of the plan only; \
                 bind them in the merged folder (`build --binder`, `pack NAME`)",
                name(dir),
                match manifest.bound.len() {
                    1 => "1 binder or pack".to_string(),
                    n => format!("{n} binders and packs"),
                }
            ));
        }
    }
    let date = crate::dates::document_date(&dataset)?;
    let brief_timeout = std::time::Duration::from_secs_f64(crate::cli::DEFAULT_BRIEF_TIMEOUT);
    crate::catalog::page(
        &templates,
        data.path(),
        &[],
        &out,
        &dataset,
        &merged.briefs,
        &date,
    )
    .and_then(|page| crate::batch::write_catalog(page, brief_timeout))
    .map_err(|err| Error::Incomplete(format!("catalog not written: {err}")))?;
    drop(outputs);

    eprintln!(
        "merged {} briefs from {} shards, {failed} failed -> {}",
        merged.briefs.len(),
        shards.len(),
        name(&out)
    );
    if failed > 0 {
        return Err(Error::BriefsFailed { failed, bound: 0 });
    }
    Ok(())
}

/// A shard folder's manifest; a folder without one is not a build output. Read only if it is a
/// regular file of the folder no larger than [`MAX_MANIFEST_BYTES`].
fn read_shard(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    let shown = terminal_safe(&path.display().to_string());
    let bytes = read_listed(dir, Path::new(MANIFEST), MAX_MANIFEST_BYTES).map_err(|refusal| {
        Error::Usage(format!(
            "{shown}: {refusal} (is {} the output folder of a build?)",
            terminal_safe(&dir.display().to_string())
        ))
    })?;
    serde_json::from_slice::<Manifest>(&bytes)
        .map(|manifest| manifest.settled(dir))
        .map_err(|err| Error::Usage(format!("{shown}:{}: {err}", err.line())))
}

/// The sha256 of a shard entry's files, each read confined to the shard folder.
fn hash_listed(dir: &Path, files: &[PathBuf]) -> std::result::Result<String, (PathBuf, Refusal)> {
    let mut parts = Vec::new();
    for file in files {
        parts.push(read_listed(dir, file, MAX_OUTPUT_BYTES).map_err(|r| (file.clone(), r))?);
    }
    Ok(bytes_hash(parts.iter().map(Vec::as_slice)))
}

/// Copies a checked entry's files from shard `dir` into the output folder, checking their bytes
/// again as they are read (the shard could change between the check and the copy).
fn copy_entry(dir: &Path, entry: &Entry, outputs: &Outputs) -> Result<()> {
    let mut parts = Vec::new();
    for file in &entry.files {
        let bytes = read_listed(dir, file, MAX_OUTPUT_BYTES)
            .map_err(|refusal| Error::Usage(format!("{}: {refusal}", dir.join(file).display())))?;
        parts.push((file.clone(), bytes));
    }
    if parts.is_empty() {
        return Ok(());
    }
    if bytes_hash(parts.iter().map(|(_, b)| b.as_slice())) != entry.sha256 {
        return Err(Error::Usage(format!(
            "{}: changed since it was checked",
            dir.join(&entry.path).display()
        )));
    }
    outputs
        .install(entry, false, &parts)
        .map_err(|(cause, path)| Error::Incomplete(format!("{}: {cause}", path.display())))
}

fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| (&a.format, &a.path).cmp(&(&b.format, &b.path)));
}

/// An error listing `problems` under `heading`, if there are any.
fn refuse(heading: &str, problems: Vec<String>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let mut message = format!("{heading}; nothing was written:");
    for problem in problems.iter().take(SHOWN) {
        message.push_str("\n  ");
        message.push_str(problem);
    }
    if problems.len() > SHOWN {
        message.push_str(&format!("\n  and {} more", problems.len() - SHOWN));
    }
    Err(Error::Usage(message))
}

fn kind_name(kind: crate::plan::Kind) -> String {
    format!("{kind:?}").to_lowercase()
}

fn or_unknown(id: &str) -> &str {
    if id.is_empty() {
        "unknown"
    } else {
        id
    }
}

//! `merge`: puts the output folders of a sharded build (`build --shard I/N`, one per CI job) back
//! together into one output folder with one manifest, as if one build had made it.
//!
//! Everything is checked before anything is written: the shards were made by the same binary
//! (version and build id) from the same data, together they hold every planned brief exactly once
//! per format, and every file hashes to the sha256 its shard recorded. Then the files are copied
//! atomically under the output folder's lock and the manifest is written with the shards' entries
//! unchanged (input hashes included), so that a later `build` into the folder finds them current.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::MergeArgs;
use crate::error::{terminal_safe, Error, Result};
use crate::files::write_atomic;
use crate::files::{files_hash, is_relative_inside};
use crate::fresh::{write_manifest_file, Entry, Manifest, Outputs, MANIFEST};
use crate::{load, plan};

/// At most this many problems are listed; the rest are counted.
const SHOWN: usize = 20;

pub fn merge(args: MergeArgs) -> Result<()> {
    let loaded = load::load(&args.data.data)?;
    let dataset = loaded.dataset;
    let planned = plan::select(plan::plan(&dataset), &args.select.kinds, &args.select.only)?;

    let shards: Vec<(PathBuf, Manifest)> = args
        .shards
        .iter()
        .map(|dir| Ok((dir.clone(), read_shard(dir)?)))
        .collect::<Result<_>>()?;
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
                name(&args.data.data),
                dataset.data_hash
            )));
        }
    }

    // Every planned brief exactly once per format.
    let mut holders: BTreeMap<String, Vec<&Path>> = BTreeMap::new();
    let mut formats = BTreeSet::new();
    for (dir, manifest) in &shards {
        for entry in &manifest.briefs {
            formats.insert(entry.format.clone());
            holders.entry(entry.id()).or_default().push(dir);
        }
    }
    let mut problems = Vec::new();
    let mut expected = BTreeSet::new();
    for format in &formats {
        for brief in &planned {
            let shown = format!("{}/{}", kind_name(brief.kind), brief.key);
            let id = format!("{shown}/{format}");
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
                name(&args.data.data)
            ));
        }
    }
    refuse("the shards do not cover the plan exactly once", problems)?;

    // Every file where its manifest says, with the bytes it recorded.
    let mut problems = Vec::new();
    for (dir, manifest) in &shards {
        for entry in &manifest.briefs {
            if let Some(bad) = entry
                .files
                .iter()
                .chain([&entry.path])
                .find(|f| !is_relative_inside(f))
            {
                problems.push(format!(
                    "{}: {}: file {} is not inside the shard folder",
                    name(&dir.join(MANIFEST)),
                    terminal_safe(&entry.id()),
                    name(bad)
                ));
                continue;
            }
            if entry.status == "failed" {
                continue;
            }
            if entry.files.is_empty()
                || files_hash(dir, &entry.files).as_deref() != Some(entry.sha256.as_str())
            {
                problems.push(format!(
                    "{}: missing, or does not match the sha256 recorded in {} (corrupted or \
                     changed after the build)",
                    entry
                        .files
                        .iter()
                        .map(|f| name(&dir.join(f)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    name(&dir.join(MANIFEST))
                ));
            }
        }
    }
    refuse("refusing to merge damaged shards", problems)?;

    // Checked: now write, under the output folder's lock.
    let outputs = Outputs::open(&args.out, false)?;
    let mut briefs: Vec<Entry> = Vec::new();
    let mut failed = 0;
    for (dir, manifest) in &shards {
        for entry in &manifest.briefs {
            if entry.status == "failed" {
                failed += 1;
            }
            for file in &entry.files {
                let from = dir.join(file);
                // A failed brief's last good files are carried over when its shard still had them.
                let bytes = match fs::read(&from) {
                    Err(_) if entry.status == "failed" => continue,
                    read => read.map_err(|err| Error::io(&from, err))?,
                };
                write_atomic(&args.out.join(file), &bytes)
                    .map_err(|err| Error::Incomplete(format!("merge not finished: {err}")))?;
            }
            briefs.push(entry.clone());
        }
    }
    briefs.sort_by(|a, b| (&a.format, &a.path).cmp(&(&b.format, &b.path)));
    let merged = Manifest {
        tool: first.tool.clone(),
        build_id: first.build_id.clone(),
        data_hash: first.data_hash.clone(),
        briefs,
        bound: Vec::new(),
    };
    write_manifest_file(&args.out, &merged)
        .map_err(|err| Error::Incomplete(format!("manifest not written: {err}")))?;
    let date = crate::dates::document_date(&dataset)?;
    crate::catalog::write(&args.templates, &args.out, &dataset, &merged.briefs, &date)
        .map_err(|err| Error::Incomplete(format!("catalog not written: {err}")))?;
    drop(outputs);

    eprintln!(
        "merged {} briefs from {} shards, {failed} failed -> {}",
        merged.briefs.len(),
        shards.len(),
        name(&args.out)
    );
    if failed > 0 {
        return Err(Error::BriefsFailed { failed });
    }
    Ok(())
}

/// A shard folder's manifest; a folder without one is not a build output.
fn read_shard(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    let bytes = fs::read(&path).map_err(|err| {
        Error::Usage(format!(
            "{}: {err} (is {} the output folder of a build?)",
            terminal_safe(&path.display().to_string()),
            terminal_safe(&dir.display().to_string())
        ))
    })?;
    serde_json::from_slice(&bytes).map_err(|err| {
        Error::Usage(format!(
            "{}:{}: {err}",
            terminal_safe(&path.display().to_string()),
            err.line()
        ))
    })
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

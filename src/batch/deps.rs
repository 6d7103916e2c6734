//! `--deps FILE`: for every brief of the run, the files it was made from (data files, the
//! templates it extends, includes or imports, the Typst files of the templates), as JSON or as a
//! Makefile fragment, so that make or ninja can schedule it (as `typst compile --deps` does).
//! Embedded data and templates are no files: the executable that holds them stands for them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::config::Config;
use crate::defaults::Found;
use crate::error::Result;
use crate::files::write_atomic;
use crate::fresh::Fingerprints;
use crate::model::Dataset;
use crate::plan::Brief;

/// `--deps-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DepsFormat {
    /// `{"briefs": [{"output": ..., "inputs": [...]}]}`.
    Json,
    /// One rule per brief: `OUTPUT: INPUT ...`, spaces and `$` escaped.
    Make,
}

/// One brief's output and inputs.
#[derive(Debug, Serialize)]
struct Deps {
    output: PathBuf,
    inputs: Vec<PathBuf>,
}

/// Writes the deps file for `briefs` (all of this run's, whatever their outcome).
pub fn write(
    config: &Config,
    path: &Path,
    dataset: &Dataset,
    briefs: &[Brief],
    fingerprints: &Fingerprints,
) -> Result<()> {
    let exe = std::env::current_exe().ok();
    let mut data: Vec<PathBuf> = match config.data.dir() {
        Some(_) => dataset.files.clone(),
        None => exe.iter().cloned().collect(),
    };
    data.sort();
    let deps: Vec<Deps> = briefs
        .iter()
        .map(|brief| {
            let mut inputs: BTreeSet<PathBuf> = data.iter().cloned().collect();
            for name in fingerprints.inputs(&brief.template) {
                match config.templates.find(&name, u64::MAX) {
                    Ok(Found::Folder(_)) => {
                        inputs.insert(config.templates.display(&name));
                    }
                    _ => inputs.extend(exe.iter().cloned()),
                }
            }
            Deps {
                output: config.out.join(brief.path(config.format.name())),
                inputs: inputs.into_iter().collect(),
            }
        })
        .collect();
    let text = match config.deps_format {
        DepsFormat::Json => {
            serde_json::to_string_pretty(&serde_json::json!({ "briefs": deps }))
                .expect("paths serialize")
                + "\n"
        }
        DepsFormat::Make => deps
            .iter()
            .map(|d| {
                let inputs: Vec<String> = d.inputs.iter().map(|p| make_escape(p)).collect();
                format!("{}: {}\n", make_escape(&d.output), inputs.join(" "))
            })
            .collect(),
    };
    write_atomic(path, text.as_bytes())
}

/// A path as a make target or prerequisite: spaces, `#`, `:` and `$` escaped.
fn make_escape(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '$' => out.push_str("$$"),
            ' ' | '#' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn make_paths_are_escaped() {
        assert_eq!(
            super::make_escape(std::path::Path::new("a b/$x#1.pdf")),
            "a\\ b/$$x\\#1.pdf"
        );
    }
}

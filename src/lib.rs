//! imrf-briefs: turns forum data, pledges and reference tables into typeset PDF briefings.
//!
//! The pipeline, one module per stage: [`load`] (a checked `Dataset`) -> [`plan`] (the briefs) ->
//! [`render`] (minijinja -> Typst source) -> [`compile`] (embedded Typst) -> [`export`] (files and
//! the files). [`build`] runs the batch; [`fresh`] owns the output folder: manifest, hashes, lock.

pub mod alloc;
pub mod binder;
pub mod build;
pub mod catalog;
pub mod cli;
pub mod compile;
pub mod config;
pub mod context;
pub mod diag;
pub mod error;
pub mod export;
pub mod fresh;
pub mod isolate;
mod keys;
pub mod list;
pub mod load;
pub mod merge;
pub mod model;
pub mod plan;
mod progress;
pub mod project;
pub mod pull;
pub mod render;
mod timeout;
pub mod watch;
pub mod world;

use clap::CommandFactory;
use cli::{Cli, Command};
use error::{printable, Error, Result};

/// Runs one command line.
pub fn run(cli: Cli) -> Result<()> {
    diag::init(cli.color, cli.message_format);
    match cli.command {
        Command::Check(args) => check(&args.data),
        Command::Build(args) => build::build(&build::Config::from_args(args)?).map(|_| ()),
        Command::List(args) => list::list(args),
        Command::Pack(args) => {
            let mut build = args.build;
            if build.pack.is_some()
                || build.shard.is_some()
                || !build.select.only.is_empty()
                || !build.select.kinds.is_empty()
            {
                return Err(Error::Usage(
                    "pack NAME: the pack lists its briefs (no --pack, --only, --by or --shard)"
                        .into(),
                ));
            }
            build.pack = Some(args.name);
            build::build(&build::Config::from_args(build)?).map(|_| ())
        }
        Command::Merge(args) => merge::merge(args),
        Command::Watch(args) => watch::watch(&build::Config::from_args(args)?),
        Command::Completions { shell } => {
            let mut buffer = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "imrf-briefs", &mut buffer);
            list::write_stdout(&String::from_utf8_lossy(&buffer))
        }
        Command::Man => {
            let mut buffer = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buffer)
                .map_err(|err| Error::io(std::path::Path::new("<stdout>"), err))?;
            list::write_stdout(&String::from_utf8_lossy(&buffer))
        }
        Command::Pull(args) => pull::pull(&pull::Config::from_args(args)?),
    }
}

/// `check`: loads and validates the data folder and prints a one-line summary.
fn check(data: &std::path::Path) -> Result<()> {
    let loaded = load::load(data)?;
    for notice in &loaded.notices {
        diag::notice(notice);
    }
    let d = &loaded.dataset;
    let points: usize = d.forum.objectives.iter().map(|o| o.key_points.len()).sum();
    let coverage = match &d.manifest.pledges.reported_total {
        Some(total) if d.manifest.pledges.coverage == model::Coverage::Partial => {
            format!(" (partial: {} of {total})", d.pledges.len())
        }
        _ => String::new(),
    };
    let summary = format!(
        "ok: {}: {} round tables, policy debate and plenary; {} objectives with {points} key points; \
         {} guiding principles; {} countries; {} pledges{coverage}; data hash {}",
        printable(&data.display().to_string()),
        d.forum.round_tables.len(),
        d.forum.objectives.len(),
        d.compact.guiding_principles.len(),
        d.countries.len(),
        d.pledges.len(),
        d.data_hash,
    );
    diag::summary(&summary).or_else(|err| match err.kind() {
        std::io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(Error::io(std::path::Path::new("<stdout>"), err)),
    })
}

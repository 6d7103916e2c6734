//! imrf-briefs: turns forum data, pledges and reference tables into typeset PDF briefings.
//!
//! The pipeline, one module per stage: [`load`] (a checked `Dataset`) -> [`plan`] (the briefs) ->
//! [`render`] (minijinja -> Typst source) -> [`compile`] (embedded Typst) -> [`export`] (files and
//! the files). [`build`] runs the batch; [`fresh`] owns the output folder: manifest, hashes, lock.

pub mod binder;
pub mod build;
pub mod cli;
pub mod compile;
pub mod config;
pub mod context;
pub mod error;
pub mod export;
pub mod fresh;
pub mod load;
pub mod model;
pub mod plan;
mod progress;
pub mod pull;
pub mod render;
pub mod watch;
pub mod world;

use cli::{Cli, Command};
use error::{printable, Result};

/// Runs one command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Check(args) => check(&args.data),
        Command::Build(args) => build::build(&build::Config::from_args(args)?).map(|_| ()),
        Command::List(args) => list(args),
        Command::Watch(args) => watch::watch(&build::Config::from_args(args)?),
        Command::Pull(args) => pull::pull(&pull::Config::from_args(args)?),
    }
}

/// `check`: loads and validates the data folder and prints a one-line summary.
fn check(data: &std::path::Path) -> Result<()> {
    let loaded = load::load(data)?;
    for notice in &loaded.notices {
        eprintln!("notice: {notice}");
    }
    let d = &loaded.dataset;
    let points: usize = d.forum.objectives.iter().map(|o| o.key_points.len()).sum();
    let coverage = match &d.manifest.pledges.reported_total {
        Some(total) if d.manifest.pledges.coverage == model::Coverage::Partial => {
            format!(" (partial: {} of {total})", d.pledges.len())
        }
        _ => String::new(),
    };
    println!(
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
    Ok(())
}

/// `list`: the planned briefs, as a table or JSON, on stdout.
fn list(args: cli::ListArgs) -> Result<()> {
    let loaded = load::load(&args.data.data)?;
    let briefs = plan::select(
        plan::plan(&loaded.dataset),
        &args.select.kinds,
        &args.select.only,
    )?;
    if args.json {
        let json = serde_json::to_string_pretty(&briefs).expect("briefs serialize");
        println!("{json}");
    } else {
        for b in &briefs {
            // Data echoed to a terminal carries no control sequences.
            println!(
                "{:<11} {:<34} {:<40} {}",
                format!("{:?}", b.kind).to_lowercase(),
                printable(&b.key),
                printable(&b.stem),
                printable(&b.title)
            );
        }
    }
    Ok(())
}

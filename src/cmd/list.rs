//! `list`: the planned briefs (kind, key, output path, title) on stdout, optionally those of one
//! shard; a closed pipe (`list | head`) ends it quietly.

use std::path::PathBuf;

use serde::Serialize;

use crate::cli::ListArgs;
use crate::error::{terminal_safe, Result};
use crate::load;
use crate::plan::{self, Brief, Shard};

/// One row of `list --json`: the brief and its output path.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    brief: &'a Brief,
    path: PathBuf,
}

pub fn list(args: ListArgs, project: Option<&crate::cli::project::ProjectFile>) -> Result<()> {
    let data = crate::cli::inputs::data(args.data.data.as_deref(), project)?;
    let templates =
        crate::cli::inputs::templates(project.and_then(|p| p.setting("templates")), project)?;
    let loaded = load::load_data(&data)?;
    // On stderr (stdout is the list, for scripts), and only when something embedded is used:
    // inside a project the folders are what one expects.
    if data.dir().is_none() || templates.embedded_left() > 0 {
        eprintln!(
            "data {}, templates {}",
            terminal_safe(&data.describe()),
            terminal_safe(&templates.describe())
        );
    }
    let mut briefs = plan::select(
        plan::plan(&loaded.dataset),
        &args.select.kinds,
        &args.select.only,
    )?;
    if let Some(shard) = args.shard.as_deref().map(Shard::parse).transpose()? {
        briefs = shard.select(briefs);
    }
    let text = if args.json {
        let rows: Vec<Row> = briefs
            .iter()
            .map(|brief| Row {
                brief,
                path: brief.path("pdf"),
            })
            .collect();
        serde_json::to_string_pretty(&rows).expect("briefs serialize") + "\n"
    } else {
        table(&briefs)
    };
    super::write_stdout(&text)
}

/// The briefs as aligned columns under a header line.
fn table(briefs: &[Brief]) -> String {
    let rows: Vec<[String; 4]> = briefs
        .iter()
        .map(|b| {
            [
                // Data echoed to a terminal carries no control sequences.
                format!("{:?}", b.kind).to_lowercase(),
                terminal_safe(&b.key),
                terminal_safe(&b.path("pdf").display().to_string()),
                terminal_safe(&b.title),
            ]
        })
        .collect();
    let header = ["KIND", "KEY", "PATH", "TITLE"].map(String::from);
    let width = |i: usize| {
        rows.iter()
            .chain([&header])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut text = String::new();
    for row in [&header].into_iter().chain(&rows) {
        text.push_str(&format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {}\n",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
        ));
    }
    text
}

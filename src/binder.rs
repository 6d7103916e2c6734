//! Binders for printed handouts: one PDF per kind of brief, with a cover, a contents page and
//! every brief of that kind, page numbers continuous and each brief bookmarked.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::json;

use crate::cli::{Kind, Paper};
use crate::compile::compile_world;
use crate::config::Config;
use crate::context::{date_range, format_date, Index, Settings};
use crate::error::{Error, Result};
use crate::export::{self, write_atomic, ExportOptions};
use crate::model::Coverage;
use crate::plan::Brief;
use crate::render::Renderer;
use crate::world::Engine;

/// What binders are made with: the build's configuration, data and engines.
pub(crate) struct Inputs<'a> {
    pub config: &'a Config,
    pub index: &'a Index<'a>,
    pub settings: &'a Settings,
    pub renderer: &'a Renderer,
    pub engine: &'a Engine,
    pub export: &'a ExportOptions,
}

const TEMPLATE: &str = "binder.typ.j2";

/// Writes `binders/<kind>s.pdf` for every kind among `briefs`; `sources` holds each brief's
/// rendered Typst source by stem. Returns the paths written.
pub(crate) fn write(
    job: &Inputs,
    briefs: &[Brief],
    sources: &BTreeMap<String, String>,
) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for kind in [
        Kind::Overview,
        Kind::Objective,
        Kind::Region,
        Kind::Delegation,
    ] {
        let parts: Vec<(String, String)> = briefs
            .iter()
            .filter(|b| b.kind == kind)
            .filter_map(|b| {
                sources
                    .get(&b.stem)
                    .map(|s| (format!("/{}.typ", b.stem), s.clone()))
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let name = match kind {
            Kind::Overview => "overview",
            Kind::Objective => "objectives",
            Kind::Region => "regions",
            Kind::Delegation => "delegations",
        };
        let source = render(job, kind, &parts)?;
        let path = format!("/binders/{name}.typ");
        let world = job.engine.binder_world(&path, TEMPLATE, source, &parts);
        let compiled = compile_world(&world, false)
            .map_err(|diagnostics| Error::Usage(format!("binder {name} failed:\n{diagnostics}")))?;
        typst::comemo::evict(0);
        let files = export::export(&compiled.document, &format!("binders/{name}"), job.export)
            .map_err(|err| Error::Usage(format!("binder {name}: {err}")))?;
        for (file, bytes) in files {
            let target = job.config.out.join(&file);
            write_atomic(&target, &bytes)?;
            written.push(file);
        }
    }
    Ok(written)
}

fn render(job: &Inputs, kind: Kind, parts: &[(String, String)]) -> Result<String> {
    let data = job.index.data;
    let forum = &data.forum.forum;
    let (title, subtitle) = match kind {
        Kind::Overview => ("Overview", "The Forum at a glance"),
        Kind::Objective => (
            "Objective briefs",
            "The 23 objectives of the Global Compact for Migration at the Forum",
        ),
        Kind::Region => (
            "Region briefs",
            "M49 regions, sub-regions and intermediate regions",
        ),
        Kind::Delegation => ("Delegation briefs", "Member States and observer States"),
    };
    let notice = if !data.manifest.official {
        Some(format!(
            "Built from data not marked official ({}).",
            data.manifest.name
        ))
    } else if data.manifest.pledges.coverage == Coverage::Partial {
        Some(format!(
            "Pledge figures count the {} pledge records available{}; they are partial.",
            data.pledges.len(),
            data.manifest
                .pledges
                .reported_total
                .as_ref()
                .map(|t| format!(", out of {t} reported"))
                .unwrap_or_default()
        ))
    } else {
        None
    };
    let date = &job.settings.date;
    let context = json!({
        "title": title,
        "subtitle": subtitle,
        "forum": { "name": forum.name, "dates": date_range(&forum.start_date, &forum.end_date), "venue": forum.venue },
        "date_human": format_date(date),
        "date_parts": date.split('-').filter_map(|p| p.parse::<u32>().ok()).collect::<Vec<_>>(),
        "paper": match job.settings.paper { Paper::A4 => "a4", Paper::UsLetter => "us-letter" },
        "briefs": parts.iter().map(|(path, _)| path).collect::<Vec<_>>(),
        "notice": notice,
    });
    job.renderer
        .render(TEMPLATE, &context)
        .map_err(|err| Error::Usage(format!("binder: {err}")))
}

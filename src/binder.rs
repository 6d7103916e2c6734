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
        let mut of_kind: Vec<(&Brief, usize)> = briefs
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| (b, 1))
            .collect();
        contents_order(job, kind, &mut of_kind);
        let parts: Vec<(String, String)> = of_kind
            .iter()
            .filter_map(|(b, _)| {
                sources.get(&b.stem).map(|s| {
                    let text = if job.config.one_sided {
                        s.replacen(
                            "#show: brief.with(",
                            "#show: brief.with(one-sided: true, ",
                            1,
                        )
                    } else {
                        s.clone()
                    };
                    (format!("/{}.typ", b.stem), text)
                })
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let levels: BTreeMap<String, usize> = of_kind
            .iter()
            .map(|(b, level)| (format!("/{}.typ", b.stem), *level))
            .collect();
        let name = match kind {
            Kind::Overview => "overview",
            Kind::Objective => "objectives",
            Kind::Region => "regions",
            Kind::Delegation => "delegations",
        };
        let held: Vec<&Brief> = of_kind
            .iter()
            .map(|(b, _)| *b)
            .filter(|b| sources.contains_key(&b.stem))
            .collect();
        let source = render(job, kind, &held, &parts, &levels)?;
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

/// Orders a binder's briefs as its contents should read, with each brief's contents level:
/// delegations by English name (not ISO3 code); regions nested under their parent region.
fn contents_order(job: &Inputs, kind: Kind, briefs: &mut Vec<(&Brief, usize)>) {
    match kind {
        Kind::Delegation => briefs.sort_by_cached_key(|(b, _)| sort_key(&b.title)),
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

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A name as English alphabetical order reads it: accents folded ("Côte d'Ivoire" among the Cs,
/// "Türkiye" among the Ts), case ignored.
fn sort_key(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'Å' => 'a',
            'ç' | 'Ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' => 'i',
            'ñ' => 'n',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ü' => 'u',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

fn render(
    job: &Inputs,
    kind: Kind,
    held: &[&Brief],
    parts: &[(String, String)],
    levels: &BTreeMap<String, usize>,
) -> Result<String> {
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
    let (title, subtitle) = match selection_title(kind, held, &crate::plan::plan(data)) {
        Some((title, subtitle)) => (title, subtitle),
        None => (title.to_string(), subtitle.to_string()),
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
        "briefs": parts.iter().map(|(path, _)| json!({"path": path, "level": levels.get(path).copied().unwrap_or(1)})).collect::<Vec<_>>(),
        "notice": notice,
        "one_sided": job.config.one_sided,
    });
    job.renderer
        .render(TEMPLATE, &context)
        .map_err(|err| Error::Usage(format!("binder: {err}")))
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

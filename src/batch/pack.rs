//! Briefing packs (`packs:` in the project file): the briefs a pack lists, and its bound PDF.

use std::collections::BTreeMap;

use super::bind::{bind, Binding};
use super::config::Config;
use super::job::Shared;
use crate::cli::project::PackSpec;
use crate::error::{Error, Result};
use crate::fresh::{Entry, Outcome};
use crate::plan::Brief;

/// The briefs of `pack`, in the order it lists them; a key that names no brief is an error naming
/// the project file, line and field (with the closest key when there is one).
pub(super) fn pack_briefs(all: Vec<Brief>, pack: &PackSpec) -> Result<Vec<Brief>> {
    let mut chosen: Vec<Brief> = Vec::new();
    let mut problems = Vec::new();
    for (given, line) in &pack.briefs {
        match crate::plan::find(&all, given) {
            Some(key) => {
                if !chosen.iter().any(|b| b.key == key) {
                    chosen.extend(all.iter().find(|b| b.key == key).cloned());
                }
            }
            None => {
                let mut message = format!(
                    "`{given}` names no brief (use an objective number, an ISO3 code, a country or region name or a region slug; `imrf-briefs list` shows them)"
                );
                if let Some(suggestion) = crate::plan::suggestion(&all, given) {
                    message.push_str("; ");
                    message.push_str(&suggestion);
                }
                problems.push(crate::error::Problem::new(
                    &pack.file,
                    *line,
                    format!("packs.{}.briefs", pack.name),
                    message,
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(chosen)
    } else {
        Err(Error::Data(problems))
    }
}

/// Writes `packs/<name>.pdf`: the pack's cover (meeting, date, place, stamp), one contents page
/// and `briefs` grouped by kind, in the order given (the pack's) within each kind.
pub(super) fn write_pack(
    job: &Shared,
    pack: &PackSpec,
    briefs: &[&Brief],
    sources: &BTreeMap<String, String>,
    pdfs: &BTreeMap<String, Entry>,
) -> Option<Outcome> {
    // A pack speaks the language of its briefs (the first one's edition).
    let lang = briefs.first().map_or("en", |b| b.lang.as_str());
    let index = job.index_of(lang);
    let binding = Binding {
        lang: lang.to_string(),
        kind: "pack",
        name: name(job.config, pack, lang),
        title: pack.title.clone(),
        subtitle: format!("{} · {}", index.ed.date(&pack.date), pack.place),
        label: Some(index.ed.t("pack-label", &crate::args![])),
        stamp: pack.stamp.clone(),
        briefs: in_kind_order(briefs),
        grouped: true,
        one_sided: one_sided(job.config, pack),
    };
    bind(job, &binding, sources, pdfs)
}

/// A pack's briefs grouped by kind (the overview, objectives, regions, delegations), each group
/// in the order the pack lists it, at contents level 1.
fn in_kind_order<'a>(briefs: &[&'a Brief]) -> Vec<(&'a Brief, usize)> {
    let mut ordered: Vec<(&Brief, usize)> = briefs.iter().map(|b| (*b, 1)).collect();
    ordered.sort_by_key(|(b, _)| b.kind);
    ordered
}

fn one_sided(config: &Config, pack: &PackSpec) -> bool {
    pack.one_sided || config.one_sided
}

/// The path of `pack`'s PDF in edition `lang`, without extension: `packs/NAME`, under the
/// edition's folder and the variant's (`us-letter-one-sided/packs/NAME`).
pub(crate) fn name(config: &Config, pack: &PackSpec, lang: &str) -> String {
    let variant = crate::plan::Variant {
        one_sided: one_sided(config, pack),
        ..config.variant()
    };
    format!(
        "{}{}packs/{}",
        variant.prefix(),
        crate::i18n::prefix(lang),
        pack.name
    )
}

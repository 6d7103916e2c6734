//! Planning (stage 2): a dataset -> the list of briefs to build, and the selections (`--by`,
//! `--only`, `--shard`) that narrow it.

mod naming;
mod select;
mod shard;
mod variant;

use std::path::PathBuf;

use serde::Serialize;

use crate::model::Dataset;

pub use crate::load::regions::{regions, Region};
pub use naming::{is_bound_file, is_brief_file, owns, BINDER_NAMES};
pub use select::{find, select, suggestion};
pub use shard::Shard;
pub use variant::Variant;

/// A kind of brief.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Overview,
    Objective,
    Region,
    Delegation,
}

/// One brief to build.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    pub kind: Kind,
    /// The key `--only` matches: "overview", "05", "MEX" or a region slug.
    pub key: String,
    pub title: String,
    /// The output path relative to the output folder, without extension.
    pub stem: String,
    /// The minijinja template that renders it.
    pub template: String,
    /// The edition's language ("en", "fr", "es").
    pub lang: String,
}

impl Brief {
    /// The PDF's path relative to the output folder.
    pub fn path(&self, extension: &str) -> PathBuf {
        PathBuf::from(format!("{}.{extension}", self.stem))
    }
}

/// Every brief the dataset calls for, in a stable order: overview, objectives, regions, delegations.
pub fn plan(dataset: &Dataset) -> Vec<Brief> {
    let mut briefs = vec![Brief {
        kind: Kind::Overview,
        key: "overview".into(),
        title: format!("{}: overview", dataset.forum.forum.short_name),
        stem: "overview".into(),
        template: "overview.typ.j2".into(),
        lang: "en".into(),
    }];
    for o in &dataset.compact.objectives {
        briefs.push(Brief {
            kind: Kind::Objective,
            key: format!("{:02}", o.number.get()),
            title: format!("Objective {}: {}", o.number, o.short_label),
            stem: format!("objectives/objective-{:02}", o.number.get()),
            template: "objective.typ.j2".into(),
            lang: "en".into(),
        });
    }
    for r in regions(&dataset.countries) {
        briefs.push(Brief {
            kind: Kind::Region,
            title: r.name.clone(),
            stem: format!("regions/{}", r.slug),
            key: r.slug,
            template: "region.typ.j2".into(),
            lang: "en".into(),
        });
    }
    for c in &dataset.countries {
        briefs.push(Brief {
            kind: Kind::Delegation,
            key: c.iso3.clone(),
            title: c.name.clone(),
            stem: format!("delegations/{}", c.iso3),
            template: "delegation.typ.j2".into(),
            lang: "en".into(),
        });
    }
    briefs
}

/// `briefs` in each edition of `langs`, edition by edition: English files keep their paths, the
/// others go under `LANG/` (`fr/objectives/objective-05`).
pub fn editions(briefs: Vec<Brief>, langs: &[String]) -> Vec<Brief> {
    if langs == ["en"] {
        return briefs;
    }
    langs
        .iter()
        .flat_map(|lang| {
            briefs.iter().map(move |b| Brief {
                stem: format!("{}{}", crate::i18n::prefix(lang), b.stem),
                lang: lang.clone(),
                ..b.clone()
            })
        })
        .collect()
}

/// `briefs` made in `variant`: the default keeps their paths, any other goes under its folder,
/// above the edition's (`us-letter/fr/objectives/objective-05`).
pub fn variant(briefs: Vec<Brief>, variant: &Variant) -> Vec<Brief> {
    let prefix = variant.prefix();
    briefs
        .into_iter()
        .map(|b| Brief {
            stem: format!("{prefix}{}", b.stem),
            ..b
        })
        .collect()
}

//! Template contexts: for each planned brief, the data its template needs, already selected,
//! grouped, counted and cited, so that templates only lay it out.

mod delegation;
mod in_brief;
mod index;
mod objective;
mod overview;
mod parts;
mod region;
mod state;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Coverage, ObjectiveNo};
use crate::plan::{Brief, Kind};

pub use index::{Citations, Index};
use parts::{
    by_entity_type, by_objective, grouped_points, m49_region_of, objective_ref, people, person,
    pledge_rows, point, point_kind_label,
};
pub use parts::{
    count_text, Bar, CountText, ObjectiveBar, ObjectiveRef, PledgeRow, PointGroup, PointView,
    RegionCount,
};

pub use delegation::Delegation;
pub use objective::ObjectiveBrief;
pub use overview::Overview;
pub use region::RegionBrief;

/// `--paper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Paper {
    A4,
    UsLetter,
}

impl Paper {
    /// The name templates read (`paper`): typst's paper name.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::UsLetter => "us-letter",
        }
    }
}

/// What every brief's context holds besides its own data.
#[derive(Debug, Clone)]
pub struct Settings {
    pub paper: Paper,
    /// The document date, `YYYY-MM-DD`.
    pub date: String,
    pub tool_version: &'static str,
    /// Values from the project file (imrf-briefs.yaml `params`), passed to templates as `params`.
    pub params: BTreeMap<String, String>,
    /// By brief template (`objective.typ.j2`): what the data and the templates it uses came
    /// from, when any of them is embedded in the binary (see `defaults::built_from`).
    pub built_from: BTreeMap<String, String>,
}

/// Everything a brief's template (`base.typ.j2` and the kind's template) may read. Owned, so
/// that it can be moved to the thread that renders it.
#[derive(Serialize)]
pub struct Context {
    /// The edition's language ("en", "fr", "es"): typst's `lang`, and the catalog `t()` reads.
    pub lang: String,
    /// "ltr" or "rtl".
    pub dir: crate::i18n::Direction,
    /// Page 1's notice that the edition is our unofficial translation; `None` in English.
    pub translation_notice: Option<String>,
    /// The title block's heading ("Objective 5", the region's or State's name, ...).
    pub heading: String,
    /// The title block's subtitle (the objective's title, "M49 sub-region", the State's groups).
    pub subtitle: Option<String>,
    /// PDF keywords: the forum's short name, "GCM", objective numbers or ISO3 codes.
    pub keywords: Vec<String>,
    /// The PDF author: always "imrf-briefs".
    pub author: &'static str,
    /// Values from the project file (imrf-briefs.yaml `params`), e.g. a meeting or a stamp:
    /// names and texts of the user's choosing, so a map rather than fields.
    pub params: BTreeMap<String, String>,
    /// The PDF description: "Objective brief on the <forum>, <dates>".
    pub description: String,
    /// Whether the document counts pledges (always true for a brief).
    pub counts_pledges: bool,
    /// The document date in words ("17 May 2022").
    pub date_human: String,
    /// The document date as numbers: year, month, day.
    pub date_parts: Vec<u32>,
    /// What the brief is: kind, its label, its key and its title.
    pub brief: BriefInfo,
    /// The paper size: "a4" or "us-letter".
    pub paper: &'static str,
    /// The document date, `YYYY-MM-DD`.
    pub date: String,
    /// The Forum: name, short name, dates and venue.
    pub forum: ForumView,
    /// The dataset the brief was built from, for the colophon and notices.
    pub data: DataInfo,
    /// The version of imrf-briefs that built the brief.
    pub tool_version: &'static str,
    /// A sentence for the colophon naming the data and templates, when any of them is embedded
    /// in imrf-briefs (e.g. "Data and templates embedded in imrf-briefs."); `None` for a data
    /// folder and a templates folder holding every template.
    pub built_from: Option<String>,
    /// The kind's own data: see [`Body`].
    pub body: Body,
    /// The brief's numbered sources, in number order (source `i + 1` at index `i`).
    pub sources: Vec<String>,
}

/// What the brief is.
#[derive(Serialize)]
pub struct BriefInfo {
    /// "overview", "objective", "region" or "delegation".
    pub kind: Kind,
    /// "Overview", "Objective brief", "Region brief", "Delegation brief".
    pub kind_label: String,
    /// The brief's key: "overview", an objective number ("05"), a region slug, an ISO3 code.
    pub key: String,
    /// The brief's title as the plan gives it.
    pub title: String,
}

/// The Forum as every brief names it.
#[derive(Serialize)]
pub struct ForumView {
    /// The Forum's full name.
    pub name: String,
    /// Its short name ("IMRF 2022").
    pub short_name: String,
    /// Its dates in words ("17–20 May 2022").
    pub dates: String,
    /// Where it met.
    pub venue: String,
}

/// The dataset behind the brief, as colophons and notices describe it.
#[derive(Serialize)]
pub struct DataInfo {
    /// Whether the dataset is marked official.
    pub official: bool,
    /// The dataset's name.
    pub name: String,
    /// Whether the pledge records are only part of those reported.
    pub partial: bool,
    /// How many pledge records the dataset holds.
    pub pledges: usize,
    /// How many pledges were reported in all, as the source says it, if it does.
    pub reported_total: Option<String>,
    /// A note on the pledge records' coverage.
    pub coverage_note: Option<String>,
    /// Where the pledge records come from.
    pub pledge_source: Option<String>,
    /// Attribution lines the data's licences ask for.
    pub attribution: Vec<String>,
    /// The dataset's hash, as `manifest.json` records it. The build leaves it out of a brief's
    /// input hash, so an edit still rebuilds only the briefs whose content changed.
    pub hash: String,
    /// The title of the Forum's summary document.
    pub source_title: String,
}

/// The kind's own part of the context, read by its template as `body`: serialized as the
/// variant's fields only (untagged: each kind's template knows its own).
#[derive(Serialize)]
#[serde(untagged)]
pub enum Body {
    /// For `overview.typ.j2`.
    Overview(Box<Overview>),
    /// For `objective.typ.j2`.
    Objective(Box<ObjectiveBrief>),
    /// For `region.typ.j2`.
    Region(Box<RegionBrief>),
    /// For `delegation.typ.j2`.
    Delegation(Box<Delegation>),
}

/// Builds the template context of `brief`.
pub fn context(index: &Index, brief: &Brief, settings: &Settings) -> Context {
    let mut cite = Citations::default();
    let body = match brief.kind {
        Kind::Overview => Body::Overview(Box::new(overview::context(index, &mut cite))),
        Kind::Objective => {
            Body::Objective(Box::new(objective::context(index, &brief.key, &mut cite)))
        }
        Kind::Region => Body::Region(Box::new(region::context(index, &brief.key, &mut cite))),
        Kind::Delegation => {
            Body::Delegation(Box::new(delegation::context(index, &brief.key, &mut cite)))
        }
    };
    let sources = cite.into_entries();
    let data = index.data;
    let forum = &data.forum.forum;
    let coverage = &data.declared.pledges;
    let partial = coverage.coverage == Coverage::Partial;
    let (heading, subtitle, keywords) = headline(index, brief);
    let date_parts: Vec<u32> = settings
        .date
        .split('-')
        .filter_map(|p| p.parse().ok())
        .collect();
    let ed = index.ed;
    let notice = ed.t("translation-notice", &crate::args![]);
    Context {
        lang: ed.lang.clone(),
        dir: ed.dir,
        translation_notice: (!notice.trim().is_empty()).then_some(notice),
        heading,
        subtitle,
        keywords,
        author: "imrf-briefs",
        params: settings.params.clone(),
        description: ed.t(
            "pdf-description",
            &crate::args![
                "kind" => kind_label(index, brief.kind),
                "forum" => forum_name(index),
                "dates" => ed.date_range(&forum.start_date, &forum.end_date)
            ],
        ),
        counts_pledges: true,
        date_human: ed.date(&settings.date),
        date_parts,
        brief: BriefInfo {
            kind: brief.kind,
            kind_label: kind_label(index, brief.kind),
            key: brief.key.clone(),
            title: brief_title(index, brief),
        },
        paper: settings.paper.typst_name(),
        date: settings.date.clone(),
        forum: ForumView {
            name: forum_name(index),
            short_name: forum.short_name.clone(),
            dates: ed.date_range(&forum.start_date, &forum.end_date),
            venue: ed.prose(&forum.venue),
        },
        data: DataInfo {
            official: data.declared.official,
            name: data.declared.name.clone(),
            partial,
            pledges: data.pledges.len(),
            reported_total: ed.prose_opt(coverage.reported_total.as_deref()),
            coverage_note: ed.prose_opt(coverage.note.as_deref()),
            pledge_source: ed.prose_opt(coverage.source.as_deref()),
            attribution: data
                .declared
                .attribution
                .iter()
                .map(|a| ed.prose(a))
                .collect(),
            hash: data.data_hash.clone(),
            source_title: data.forum.source.title.clone(),
        },
        tool_version: settings.tool_version,
        built_from: settings.built_from.get(&brief.template).cloned(),
        body,
        sources,
    }
}

/// The title block's heading and subtitle, and the PDF keywords (objective numbers, ISO3 codes).
fn headline(index: &Index, brief: &Brief) -> (String, Option<String>, Vec<String>) {
    let forum = &index.data.forum.forum;
    let mut keywords = vec![forum.short_name.clone(), "GCM".to_string()];
    let ed = index.ed;
    let (heading, subtitle) = match brief.kind {
        Kind::Overview => (
            ed.t(
                "heading-overview",
                &crate::args!["forum" => forum.short_name.as_str()],
            ),
            None,
        ),
        Kind::Objective => {
            let n: u8 = brief.key.parse().unwrap_or(0);
            let heading = ed.t("heading-objective", &crate::args!["n" => n]);
            keywords.push(heading.clone());
            let title = ObjectiveNo::new(n.into()).map(|n| index.objective_title(n).0);
            (heading, title)
        }
        Kind::Region => {
            let region = index.regions.iter().find(|r| r.slug == brief.key);
            keywords.extend(region.map(|r| r.iso3.clone()).unwrap_or_default());
            (
                brief_title(index, brief),
                region.map(|r| {
                    ed.t(
                        &format!("m49-level-{}", level_key(r.level)),
                        &crate::args![],
                    )
                }),
            )
        }
        Kind::Delegation => {
            keywords.push(brief.key.clone());
            let country = index.data.countries.iter().find(|c| c.iso3 == brief.key);
            (
                brief_title(index, brief),
                country.map(|c| {
                    format!(
                        "{} · {}",
                        index.region_name(&c.subregion),
                        state::regional_group(index, c)
                    )
                    .trim_end_matches(" · ")
                    .to_string()
                }),
            )
        }
    };
    (heading, subtitle, keywords)
}

/// "Overview", "Objective brief", ... in the edition's language.
fn kind_label(index: &Index, kind: Kind) -> String {
    let key = match kind {
        Kind::Overview => "kind-overview",
        Kind::Objective => "kind-objective",
        Kind::Region => "kind-region",
        Kind::Delegation => "kind-delegation",
    };
    index.t(key, &crate::args![])
}

/// The message-key part of an M49 level ("Sub-region" -> "sub-region").
fn level_key(level: &str) -> String {
    level.to_lowercase().replace(' ', "-")
}

/// The Forum's name: the sourced UN term in the edition's language, or the data's English.
fn forum_name(index: &Index) -> String {
    let name = &index.data.forum.forum.name;
    index
        .ed
        .names
        .term(name)
        .map_or_else(|| name.clone(), str::to_string)
}

/// The brief's title as the catalog page, the manifest and the PDF's title show it, in the
/// edition's language: "Objective 5: Regular pathways", "Western Africa", "Senegal".
pub fn brief_title(index: &Index, brief: &Brief) -> String {
    let data = index.data;
    // In the house style's quotes, as the page prints it ("Democratic People’s Republic of Korea").
    let title = match brief.kind {
        Kind::Overview => index.t(
            "title-overview",
            &crate::args!["forum" => data.forum.forum.short_name.as_str()],
        ),
        Kind::Objective => {
            let n: u8 = brief.key.parse().unwrap_or(0);
            match ObjectiveNo::new(n.into()) {
                Some(no) => index.t(
                    "title-objective",
                    &crate::args!["n" => n, "label" => index.objective_title(no).1],
                ),
                None => brief.title.clone(),
            }
        }
        Kind::Region => index
            .regions
            .iter()
            .find(|r| r.slug == brief.key)
            .map_or_else(|| brief.title.clone(), |r| index.region_name(&r.name)),
        Kind::Delegation => index.country_name(&brief.key),
    };
    crate::render::curly_quotes(&title).into_owned()
}

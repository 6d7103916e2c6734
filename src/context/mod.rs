//! Template contexts: for each planned brief, the data its template needs, already selected,
//! grouped, counted and cited, so that templates only lay it out.

mod delegation;
mod figures;
mod objective;
mod overview;
mod region;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cli::{Kind, Paper};
use crate::model::{Coverage, Dataset, Flagged, KeyPoint, ObjectiveNo, Person, Pledge, PointKind};
use crate::plan::{regions, Brief, Region};

pub use delegation::Delegation;
pub use objective::ObjectiveBrief;
pub use overview::Overview;
pub use region::RegionBrief;

/// What every brief's context holds besides its own data.
#[derive(Debug, Clone)]
pub struct Settings {
    pub paper: Paper,
    /// The document date, `YYYY-MM-DD`.
    pub date: String,
    pub tool_version: &'static str,
}

/// Indexes over the dataset shared by all contexts of a run.
pub struct Index<'a> {
    pub data: &'a Dataset,
    pub regions: Vec<Region>,
    /// For each pledge (by position), the ISO3 of the State that made it, if a State did.
    pledging_state: Vec<Option<String>>,
}

impl<'a> Index<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        let pledging_state = data
            .pledges
            .iter()
            .map(|p| pledging_state(data, p))
            .collect();
        Index {
            data,
            regions: regions(&data.countries),
            pledging_state,
        }
    }

    fn country_name(&self, iso3: &str) -> String {
        self.data
            .countries
            .iter()
            .find(|c| c.iso3 == iso3)
            .map_or_else(|| iso3.to_string(), |c| c.name.clone())
    }

    fn objective_title(&self, n: ObjectiveNo) -> (&str, &str) {
        let o = &self.data.compact.objectives[usize::from(n.get()) - 1];
        (&o.title, &o.short_label)
    }

    /// The forum's key points on objective `n`.
    fn key_points(&self, n: ObjectiveNo) -> &'a [KeyPoint] {
        let objectives = &self.data.forum.objectives;
        objectives
            .iter()
            .find(|o| o.number == n)
            .map_or(&[], |o| &o.key_points)
    }

    /// Pledges whose countries of implementation include one of `iso3`.
    fn pledges_in<'s>(&'s self, iso3: &'s [String]) -> impl Iterator<Item = &'a Pledge> + 's {
        self.data
            .pledges
            .iter()
            .filter(move |p| p.countries.value.iter().any(|c| iso3.contains(c)))
    }
}

/// The State behind a pledge: its single country of implementation, or the country named in the
/// entity ("Germany (Federal Government)", "Government of Brazil"), longest name first.
fn pledging_state(data: &Dataset, pledge: &Pledge) -> Option<String> {
    if pledge.entity_type.value != "State" {
        return None;
    }
    if let [iso3] = pledge.countries.value.as_slice() {
        return Some(iso3.clone());
    }
    data.countries
        .iter()
        .filter(|c| contains_word(&pledge.entity, &c.name))
        .max_by_key(|c| c.name.len())
        .map(|c| c.iso3.clone())
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Numbered sources of one brief: each distinct citation gets a number, listed at the end.
#[derive(Default)]
pub struct Citations {
    entries: Vec<String>,
}

impl Citations {
    /// The number of `text` in this brief's source list, adding it if new.
    pub fn cite(&mut self, text: &str) -> usize {
        match self.entries.iter().position(|e| e == text) {
            Some(i) => i + 1,
            None => {
                self.entries.push(text.to_string());
                self.entries.len()
            }
        }
    }

    fn summaries(&mut self, data: &Dataset, section: &str) -> usize {
        self.cite(&format!("{}, {section}.", data.forum.source.short))
    }

    /// The sources in citation order: entry `i` is source number `i + 1`.
    pub fn into_entries(self) -> Vec<String> {
        self.entries
    }
}

/// Everything a brief's template (`base.typ.j2` and the kind's template) may read. Owned, so
/// that it can be moved to the thread that renders it.
#[derive(Serialize)]
pub struct Context {
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
    pub params: &'static BTreeMap<String, String>,
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
    pub kind_label: &'static str,
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
    let coverage = &data.manifest.pledges;
    let partial = coverage.coverage == Coverage::Partial;
    let (heading, subtitle, keywords) = headline(index, brief);
    let date_parts: Vec<u32> = settings
        .date
        .split('-')
        .filter_map(|p| p.parse().ok())
        .collect();
    Context {
        heading,
        subtitle,
        keywords,
        author: "imrf-briefs",
        params: crate::project::params(),
        description: format!(
            "{} on the {}, {}",
            kind_label(brief.kind),
            forum.name,
            date_range(&forum.start_date, &forum.end_date)
        ),
        counts_pledges: true,
        date_human: format_date(&settings.date),
        date_parts,
        brief: BriefInfo {
            kind: brief.kind,
            kind_label: kind_label(brief.kind),
            key: brief.key.clone(),
            title: brief.title.clone(),
        },
        paper: match settings.paper {
            Paper::A4 => "a4",
            Paper::UsLetter => "us-letter",
        },
        date: settings.date.clone(),
        forum: ForumView {
            name: forum.name.clone(),
            short_name: forum.short_name.clone(),
            dates: date_range(&forum.start_date, &forum.end_date),
            venue: forum.venue.clone(),
        },
        data: DataInfo {
            official: data.manifest.official,
            name: data.manifest.name.clone(),
            partial,
            pledges: data.pledges.len(),
            reported_total: coverage.reported_total.clone(),
            coverage_note: coverage.note.clone(),
            pledge_source: coverage.source.clone(),
            attribution: data.manifest.attribution.clone(),
            hash: data.data_hash.clone(),
            source_title: data.forum.source.title.clone(),
        },
        tool_version: settings.tool_version,
        body,
        sources,
    }
}

/// The title block's heading and subtitle, and the PDF keywords (objective numbers, ISO3 codes).
fn headline(index: &Index, brief: &Brief) -> (String, Option<String>, Vec<String>) {
    let forum = &index.data.forum.forum;
    let mut keywords = vec![forum.short_name.clone(), "GCM".to_string()];
    let (heading, subtitle) = match brief.kind {
        Kind::Overview => (format!("{}: the Forum at a glance", forum.short_name), None),
        Kind::Objective => {
            let n: u8 = brief.key.parse().unwrap_or(0);
            keywords.push(format!("Objective {n}"));
            let title = ObjectiveNo::new(n.into()).map(|n| index.objective_title(n).0.to_string());
            (format!("Objective {n}"), title)
        }
        Kind::Region => {
            let region = index.regions.iter().find(|r| r.slug == brief.key);
            keywords.extend(region.map(|r| r.iso3.clone()).unwrap_or_default());
            (
                brief.title.clone(),
                region.map(|r| format!("M49 {}", r.level.to_lowercase())),
            )
        }
        Kind::Delegation => {
            keywords.push(brief.key.clone());
            let country = index.data.countries.iter().find(|c| c.iso3 == brief.key);
            (
                brief.title.clone(),
                country.map(|c| {
                    format!("{} · {}", c.subregion, figures::regional_group(index, c))
                        .trim_end_matches(" · ")
                        .to_string()
                }),
            )
        }
    };
    (heading, subtitle, keywords)
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Overview => "Overview",
        Kind::Objective => "Objective brief",
        Kind::Region => "Region brief",
        Kind::Delegation => "Delegation brief",
    }
}

/// "17-20 May 2022" from two ISO dates of the same month, else both dates in full.
pub fn date_range(start: &str, end: &str) -> String {
    match (human_date(start), human_date(end)) {
        (Some((d1, m1, y1)), Some((d2, m2, y2))) if m1 == m2 && y1 == y2 => {
            format!("{d1}–{d2} {m1} {y1}")
        }
        _ => format!("{} – {}", format_date(start), format_date(end)),
    }
}

/// "2022-05-17" -> "17 May 2022"; other text unchanged.
pub fn format_date(date: &str) -> String {
    human_date(date).map_or_else(|| date.to_string(), |(d, m, y)| format!("{d} {m} {y}"))
}

fn human_date(date: &str) -> Option<(u32, &'static str, &str)> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let month = MONTHS.get(m.parse::<usize>().ok()?.checked_sub(1)?)?;
    Some((d.parse().ok()?, month, y))
}

/// A person as one line: "Name, Title (Affiliation)".
fn person(p: &Person) -> String {
    let mut text = p.name.clone();
    if let Some(title) = &p.title {
        text.push_str(", ");
        text.push_str(title);
    }
    if let Some(affiliation) = &p.affiliation {
        text.push_str(&format!(" ({affiliation})"));
    }
    text
}

fn people(list: &[Person]) -> Vec<String> {
    list.iter().map(person).collect()
}

/// Key points of one kind, under their heading (`partials/points.typ.j2`).
#[derive(Serialize)]
pub struct PointGroup {
    /// The points' kind ("challenge", ...).
    pub kind: PointKind,
    /// The group's heading ("Challenges", "Calls to action", ...).
    pub label: &'static str,
    /// The points, in source order.
    pub points: Vec<PointView>,
}

/// Key points grouped by kind, in a fixed order, each with its citation number.
fn grouped_points(data: &Dataset, points: &[KeyPoint], cite: &mut Citations) -> Vec<PointGroup> {
    let groups = [
        (PointKind::Progress, "Progress"),
        (PointKind::Challenge, "Challenges"),
        (PointKind::Practice, "Practices"),
        (PointKind::CallToAction, "Calls to action"),
        (PointKind::Commitment, "Commitments"),
        (PointKind::Observation, "Observations"),
    ];
    groups
        .iter()
        .filter_map(|&(kind, label)| {
            let items: Vec<PointView> = points
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| point(data, p, cite))
                .collect();
            (!items.is_empty()).then_some(PointGroup {
                kind,
                label,
                points: items,
            })
        })
        .collect()
}

/// The label of a key point's kind, for a point printed outside its group.
pub(super) fn point_kind_label(kind: PointKind) -> &'static str {
    match kind {
        PointKind::Observation => "Observation",
        PointKind::Progress => "Progress",
        PointKind::Challenge => "Challenge",
        PointKind::Practice => "Practice",
        PointKind::CallToAction => "Call to action",
        PointKind::Commitment => "Commitment",
    }
}

/// A key point of the Forum as a brief prints it.
#[derive(Serialize)]
pub struct PointView {
    /// Its kind ("progress", "challenge", ...).
    pub kind: PointKind,
    /// The kind as a label ("Challenge", "Call to action").
    pub kind_label: &'static str,
    /// The point, in our words.
    pub text: String,
    /// The objectives it is tagged with.
    pub objectives: Vec<ObjectiveNo>,
    /// The number of its source (a section of the summaries).
    #[serde(rename = "ref")]
    pub reference: usize,
}

fn point(data: &Dataset, p: &KeyPoint, cite: &mut Citations) -> PointView {
    PointView {
        kind: p.kind,
        kind_label: point_kind_label(p.kind),
        text: p.text.clone(),
        objectives: p.objectives.clone(),
        reference: cite.summaries(data, &p.source),
    }
}

/// The most pledge rows a brief prints in one table: enough for any real delegation, and a bound
/// on a brief's size (and so on time and memory) when the records run to tens of thousands.
pub const MAX_TABLE_ROWS: usize = 250;

/// Pledges as a table's rows, at most [`MAX_TABLE_ROWS`] in record order.
fn pledge_rows(index: &Index, pledges: &[&Pledge], cite: &mut Citations) -> Vec<PledgeRow> {
    pledges
        .iter()
        .take(MAX_TABLE_ROWS)
        .map(|p| pledge(index, p, cite))
        .collect()
}

/// A pledge as a table row shows it (`partials/pledge_table.typ.j2`). A flagged field carries
/// the source's caveat ("inferred") as `flag`, printed beside its `value`.
#[derive(Serialize)]
pub struct PledgeRow {
    /// The record's id.
    pub id: String,
    /// The pledge's title.
    pub title: String,
    /// Who made it.
    pub entity: String,
    /// What kind of entity made it ("State", "City", ...).
    pub entity_type: Flagged<String>,
    /// Where it is implemented: its countries, else its own region, else "Global or not stated".
    pub countries: Flagged<String>,
    /// The region the record names, if any.
    pub region: Option<String>,
    /// The pledge type, if stated.
    pub pledge_type: Flagged<Option<String>>,
    /// Its nature ("Policy; Funding"), joined; empty when not stated.
    pub nature: Flagged<String>,
    /// The objectives it names.
    pub objectives: Flagged<Vec<ObjectiveNo>>,
    /// The guiding principles it names, joined; empty when not stated.
    pub principles: Flagged<String>,
    /// Set when it was made after the Forum or at another forum; `None` otherwise.
    pub made_at: Option<MadeAt>,
    /// The date it was submitted, in words.
    pub submitted: Option<String>,
    /// The record's page, if any.
    pub source_url: Option<String>,
    /// A summary of the pledge, if the record has one.
    pub summary: Option<String>,
    /// The number of its source (its page); `None` without a source URL.
    #[serde(rename = "ref")]
    pub reference: Option<usize>,
}

/// When a pledge was made, where not at the Forum.
#[derive(Serialize)]
pub struct MadeAt {
    /// "made after the Forum", "made at the Global Refugee Forum".
    pub text: String,
    /// The same as a line of its own ("Made after the Forum").
    pub label: String,
    /// The caveat on it ("inferred"), if any.
    pub flag: Option<String>,
}

/// A pledge as templates show it; its source URL becomes a numbered source.
fn pledge(index: &Index, p: &Pledge, cite: &mut Citations) -> PledgeRow {
    let reference = p
        .source_url
        .as_ref()
        .map(|url| cite.cite(&format!("Pledge {}: {url}", p.id)));
    PledgeRow {
        id: p.id.clone(),
        title: p.title.clone(),
        entity: p.entity.clone(),
        entity_type: p.entity_type.clone(),
        countries: place_of(index, p),
        region: p.region.clone(),
        pledge_type: p.pledge_type.clone(),
        nature: Flagged {
            value: p.nature.value.join("; "),
            flag: p.nature.flag.clone(),
        },
        objectives: p.objectives.clone(),
        principles: Flagged {
            value: p.principles.value.join("; "),
            flag: p.principles.flag.clone(),
        },
        made_at: p.made_at.value.as_ref().map(|m| {
            let text = made_at_text(m);
            let label = text.replacen("made", "Made", 1);
            MadeAt {
                text,
                label,
                flag: p.made_at.flag.clone(),
            }
        }),
        submitted: p.submitted.as_deref().map(format_date),
        source_url: p.source_url.clone(),
        summary: p.summary.clone(),
        reference,
    }
}

/// Where a pledge is implemented, as a table cell shows it: its countries, else its own region.
fn place_of(index: &Index, p: &Pledge) -> Flagged<String> {
    let countries: Vec<String> = p
        .countries
        .value
        .iter()
        .map(|c| index.country_name(c))
        .collect();
    let value = match (countries.is_empty(), &p.region) {
        (false, _) => countries.join(", "),
        (true, Some(region)) => format!("{region} (region)"),
        (true, None) => "Global or not stated".to_string(),
    };
    Flagged {
        value,
        flag: p.countries.flag.clone(),
    }
}

/// "after the Forum" -> "made after the Forum"; a forum's name -> "made at the <name>".
fn made_at_text(made_at: &str) -> String {
    if made_at.starts_with("after") || made_at.starts_with("before") {
        format!("made {made_at}")
    } else {
        format!("made at the {}", made_at.trim_start_matches("the "))
    }
}

/// The M49 region a pledge's own `region` names (a region, sub-region or intermediate region of
/// `countries.csv`), for records with no country.
pub(super) fn m49_region_of(index: &Index, region: &str) -> Option<String> {
    index
        .data
        .countries
        .iter()
        .find(|c| {
            [&c.region, &c.subregion, &c.intermediate_region]
                .iter()
                .any(|r| r.eq_ignore_ascii_case(region))
        })
        .map(|c| c.region.clone())
}

/// A pledge count and what it rests on.
#[derive(Serialize)]
pub struct CountText {
    /// The count.
    pub total: usize,
    /// What it rests on ("2 made after the Forum; 1 resting on a value marked inferred or
    /// truncated"); empty when nothing needs saying.
    pub note: String,
    /// The count with its note: "12" or "12 (note)".
    pub text: String,
}

/// A pledge count and what it rests on: "12" or "12, 2 of them made after the Forum; 1 on an
/// inferred value". `flagged` says whether the value counted carries a caveat for a record.
pub fn count_text(pledges: &[&Pledge], flagged: impl Fn(&Pledge) -> bool) -> CountText {
    let total = pledges.len();
    let mut notes: Vec<String> = Vec::new();
    let mut made: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for p in pledges {
        if let Some(m) = &p.made_at.value {
            let entry = made.entry(made_at_text(m)).or_insert((0, 0));
            entry.0 += 1;
            entry.1 += usize::from(p.made_at.flag.is_some());
        }
    }
    for (text, (n, inferred)) in made {
        notes.push(match inferred {
            0 => format!("{n} {text}"),
            i => format!("{n} {text}, {i} of these inferred"),
        });
    }
    let on_flags = pledges.iter().filter(|p| flagged(p)).count();
    if on_flags > 0 {
        notes.push(format!(
            "{on_flags} resting on a value marked inferred or truncated"
        ));
    }
    let note = notes.join("; ");
    CountText {
        total,
        text: if note.is_empty() {
            total.to_string()
        } else {
            format!("{total} ({note})")
        },
        note,
    }
}

/// One bar of a chart (`bar-chart` in `lib/brief.typ`).
#[derive(Serialize)]
pub struct Bar {
    /// What the bar counts ("State", "Africa").
    pub label: String,
    /// The count.
    pub value: usize,
}

/// Counts as chart bars, largest first, ties by label.
fn bars(counts: BTreeMap<String, usize>) -> Vec<Bar> {
    let mut bars: Vec<(String, usize)> = counts.into_iter().collect();
    bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    bars.into_iter()
        .map(|(label, value)| Bar { label, value })
        .collect()
}

fn by_entity_type<'p>(pledges: impl Iterator<Item = &'p Pledge>) -> Vec<Bar> {
    let mut counts = BTreeMap::new();
    for p in pledges {
        *counts.entry(p.entity_type.value.clone()).or_insert(0) += 1;
    }
    bars(counts)
}

/// One bar of a chart of pledges per objective.
#[derive(Serialize)]
pub struct ObjectiveBar {
    /// The objective's number and short label ("5. Regular pathways").
    pub label: String,
    /// How many pledges name the objective.
    pub value: usize,
    /// The objective's number.
    pub number: ObjectiveNo,
}

/// Pledges per objective, as bars labelled "5 Regular pathways"; objectives without pledges omitted.
fn by_objective<'p>(index: &Index, pledges: impl Iterator<Item = &'p Pledge>) -> Vec<ObjectiveBar> {
    let mut counts: BTreeMap<ObjectiveNo, usize> = BTreeMap::new();
    for p in pledges {
        for &n in &p.objectives.value {
            *counts.entry(n).or_insert(0) += 1;
        }
    }
    let mut bars: Vec<(ObjectiveNo, usize)> = counts.into_iter().collect();
    bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    bars.into_iter()
        .map(|(n, value)| ObjectiveBar {
            label: format!("{n}. {}", index.objective_title(n).1),
            value,
            number: n,
        })
        .collect()
}

/// An objective of the Compact, named.
#[derive(Serialize)]
pub struct ObjectiveRef {
    /// Its number, 1 to 23.
    pub number: ObjectiveNo,
    /// Its full title.
    pub title: String,
    /// Its short label ("Regular pathways").
    pub short_label: String,
}

fn objective_ref(index: &Index, n: ObjectiveNo) -> ObjectiveRef {
    let (title, short) = index.objective_title(n);
    ObjectiveRef {
        number: n,
        title: title.to_string(),
        short_label: short.to_string(),
    }
}

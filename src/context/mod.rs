//! Template contexts: for each planned brief, the data its template needs, already selected,
//! grouped, counted and cited, so that templates only lay it out.

mod delegation;
mod figures;
mod objective;
mod overview;
mod region;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::cli::{Kind, Paper};
use crate::model::{Coverage, Dataset, KeyPoint, ObjectiveNo, Person, Pledge, PointKind};
use crate::plan::{regions, Brief, Region};

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

    pub fn into_value(self) -> Value {
        json!(self.entries)
    }
}

/// Builds the template context of `brief`.
pub fn context(index: &Index, brief: &Brief, settings: &Settings) -> Value {
    let mut cite = Citations::default();
    let body = match brief.kind {
        Kind::Overview => overview::context(index, &mut cite),
        Kind::Objective => objective::context(index, &brief.key, &mut cite),
        Kind::Region => region::context(index, &brief.key, &mut cite),
        Kind::Delegation => delegation::context(index, &brief.key, &mut cite),
    };
    let sources = cite.into_value();
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
    json!({
        "heading": heading,
        "subtitle": subtitle,
        "keywords": keywords,
        "author": "imrf-briefs",
        // Values from the project file (imrf-briefs.yaml `params`), e.g. a meeting or a stamp.
        "params": crate::project::params(),
        "description": format!("{} on the {}, {}", kind_label(brief.kind), forum.name, date_range(&forum.start_date, &forum.end_date)),
        "counts_pledges": true,
        "date_human": format_date(&settings.date),
        "date_parts": date_parts,
        "brief": {
            "kind": brief.kind,
            "kind_label": kind_label(brief.kind),
            "key": brief.key,
            "title": brief.title,
        },
        "paper": match settings.paper { Paper::A4 => "a4", Paper::UsLetter => "us-letter" },
        "date": settings.date,
        "forum": {
            "name": forum.name,
            "short_name": forum.short_name,
            "dates": date_range(&forum.start_date, &forum.end_date),
            "venue": forum.venue,
        },
        "data": {
            "official": data.manifest.official,
            "name": data.manifest.name,
            "partial": partial,
            "pledges": data.pledges.len(),
            "reported_total": coverage.reported_total,
            "coverage_note": coverage.note,
            "pledge_source": coverage.source,
            "attribution": data.manifest.attribution,
            // The dataset's hash, as `manifest.json` records it. The build leaves it out of a
            // brief's input hash, so an edit still rebuilds only the briefs whose content changed.
            "hash": data.data_hash,
            "source_title": data.forum.source.title,
        },
        "tool_version": settings.tool_version,
        "body": body,
        "sources": sources,
    })
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

/// Key points grouped by kind, in a fixed order, each with its citation number.
fn grouped_points(data: &Dataset, points: &[KeyPoint], cite: &mut Citations) -> Value {
    let groups = [
        (PointKind::Progress, "Progress"),
        (PointKind::Challenge, "Challenges"),
        (PointKind::Practice, "Practices"),
        (PointKind::CallToAction, "Calls to action"),
        (PointKind::Commitment, "Commitments"),
        (PointKind::Observation, "Observations"),
    ];
    let groups: Vec<Value> = groups
        .iter()
        .filter_map(|(kind, label)| {
            let items: Vec<Value> = points
                .iter()
                .filter(|p| p.kind == *kind)
                .map(|p| point(data, p, cite))
                .collect();
            (!items.is_empty()).then(|| json!({ "kind": kind, "label": label, "points": items }))
        })
        .collect();
    json!(groups)
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

fn point(data: &Dataset, p: &KeyPoint, cite: &mut Citations) -> Value {
    json!({
        "kind": p.kind,
        "kind_label": point_kind_label(p.kind),
        "text": p.text,
        "objectives": p.objectives,
        "ref": cite.summaries(data, &p.source),
    })
}

/// The most pledge rows a brief prints in one table: enough for any real delegation, and a bound
/// on a brief's size (and so on time and memory) when the records run to tens of thousands.
pub const MAX_TABLE_ROWS: usize = 250;

/// Pledges as a table's rows, at most [`MAX_TABLE_ROWS`] in record order.
fn pledge_rows(index: &Index, pledges: &[&Pledge], cite: &mut Citations) -> Vec<Value> {
    pledges
        .iter()
        .take(MAX_TABLE_ROWS)
        .map(|p| pledge(index, p, cite))
        .collect()
}

/// A pledge as templates show it; its source URL becomes a numbered source.
fn pledge(index: &Index, p: &Pledge, cite: &mut Citations) -> Value {
    let reference = p
        .source_url
        .as_ref()
        .map(|url| cite.cite(&format!("Pledge {}: {url}", p.id)));
    json!({
        "id": p.id,
        "title": p.title,
        "entity": p.entity,
        "entity_type": p.entity_type,
        // Where it is implemented: its countries, else its own region, else "Global or not stated".
        "countries": place_of(index, p),
        "region": p.region,
        "pledge_type": p.pledge_type,
        "nature": { "value": p.nature.value.join("; "), "flag": p.nature.flag },
        "objectives": { "value": p.objectives.value, "flag": p.objectives.flag },
        "principles": { "value": p.principles.value.join("; "), "flag": p.principles.flag },
        "made_at": p.made_at.value.as_ref().map(|m| {
            let text = made_at_text(m);
            let label = text.replacen("made", "Made", 1);
            json!({"text": text, "label": label, "flag": p.made_at.flag})
        }),
        "submitted": p.submitted.as_deref().map(format_date),
        "source_url": p.source_url,
        "summary": p.summary,
        "ref": reference,
    })
}

/// Where a pledge is implemented, as a table cell shows it: its countries, else its own region.
fn place_of(index: &Index, p: &Pledge) -> Value {
    let countries: Vec<String> = p
        .countries
        .value
        .iter()
        .map(|c| index.country_name(c))
        .collect();
    match (countries.is_empty(), &p.region) {
        (false, _) => json!({"value": countries.join(", "), "flag": p.countries.flag}),
        (true, Some(region)) => {
            json!({"value": format!("{region} (region)"), "flag": p.countries.flag})
        }
        (true, None) => json!({"value": "Global or not stated", "flag": p.countries.flag}),
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

/// A pledge count and what it rests on: "12" or "12, 2 of them made after the Forum; 1 on an
/// inferred value". `flagged` says whether the value counted carries a caveat for a record.
pub fn count_text(pledges: &[&Pledge], flagged: impl Fn(&Pledge) -> bool) -> Value {
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
    json!({
        "total": total,
        "note": note,
        "text": if note.is_empty() { total.to_string() } else { format!("{total} ({note})") },
    })
}

/// Counts as chart bars, largest first, ties by label.
fn bars(counts: BTreeMap<String, usize>) -> Value {
    let mut bars: Vec<(String, usize)> = counts.into_iter().collect();
    bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    json!(bars
        .into_iter()
        .map(|(label, value)| json!({"label": label, "value": value}))
        .collect::<Vec<_>>())
}

fn by_entity_type<'p>(pledges: impl Iterator<Item = &'p Pledge>) -> Value {
    let mut counts = BTreeMap::new();
    for p in pledges {
        *counts.entry(p.entity_type.value.clone()).or_insert(0) += 1;
    }
    bars(counts)
}

/// Pledges per objective, as bars labelled "5 Regular pathways"; objectives without pledges omitted.
fn by_objective<'p>(index: &Index, pledges: impl Iterator<Item = &'p Pledge>) -> Value {
    let mut counts: BTreeMap<ObjectiveNo, usize> = BTreeMap::new();
    for p in pledges {
        for &n in &p.objectives.value {
            *counts.entry(n).or_insert(0) += 1;
        }
    }
    let mut bars: Vec<(ObjectiveNo, usize)> = counts.into_iter().collect();
    bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    json!(bars
        .into_iter()
        .map(|(n, value)| json!({"label": format!("{n}. {}", index.objective_title(n).1), "value": value, "number": n}))
        .collect::<Vec<_>>())
}

fn objective_ref(index: &Index, n: ObjectiveNo) -> Value {
    let (title, short) = index.objective_title(n);
    json!({"number": n, "title": title, "short_label": short})
}

fn serialize<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

//! The parts several kinds of brief print: people, key points, pledge rows and counts, chart
//! bars, objectives named.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Citations, Index};
use crate::model::{Flagged, KeyPoint, ObjectiveNo, Person, Pledge, PointKind, TaggedBy};

/// A person as one line: "Name, Title (Affiliation)".
pub(super) fn person(index: &Index, p: &Person) -> String {
    let mut text = p.name.clone();
    if let Some(title) = &p.title {
        text.push_str(", ");
        text.push_str(&index.ed.prose(title));
    }
    if let Some(affiliation) = &p.affiliation {
        text.push_str(&format!(" ({})", index.ed.prose(affiliation)));
    }
    text
}

pub(super) fn people(index: &Index, list: &[Person]) -> Vec<String> {
    list.iter().map(|p| person(index, p)).collect()
}

/// Key points of one kind, under their heading (`partials/points.typ.j2`).
#[derive(Serialize)]
pub struct PointGroup {
    /// The points' kind ("challenge", ...).
    pub kind: PointKind,
    /// The group's heading ("Challenges", "Calls to action", ...).
    pub label: String,
    /// The points, in source order.
    pub points: Vec<PointView>,
}

/// Key points grouped by kind, in a fixed order, each with its citation number.
pub(super) fn grouped_points(
    index: &Index,
    points: &[KeyPoint],
    cite: &mut Citations,
) -> Vec<PointGroup> {
    let groups = [
        (PointKind::Progress, "points-progress"),
        (PointKind::Challenge, "points-challenges"),
        (PointKind::Practice, "points-practices"),
        (PointKind::CallToAction, "points-calls-to-action"),
        (PointKind::Commitment, "points-commitments"),
        (PointKind::Observation, "points-observations"),
    ];
    groups
        .iter()
        .filter_map(|&(kind, label)| {
            let items: Vec<PointView> = points
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| point(index, p, cite))
                .collect();
            (!items.is_empty()).then_some(PointGroup {
                kind,
                label: index.t(label, &crate::args![]),
                points: items,
            })
        })
        .collect()
}

/// The label of a key point's kind, for a point printed outside its group.
pub(super) fn point_kind_label(index: &Index, kind: PointKind) -> String {
    let key = match kind {
        PointKind::Observation => "point-observation",
        PointKind::Progress => "point-progress",
        PointKind::Challenge => "point-challenge",
        PointKind::Practice => "point-practice",
        PointKind::CallToAction => "point-call-to-action",
        PointKind::Commitment => "point-commitment",
    };
    index.t(key, &crate::args![])
}

/// A key point of the Forum as a brief prints it.
#[derive(Serialize)]
pub struct PointView {
    /// Its kind ("progress", "challenge", ...).
    pub kind: PointKind,
    /// The kind as a label ("Challenge", "Call to action").
    pub kind_label: String,
    /// The point, in our words.
    pub text: String,
    /// The objectives it is tagged with.
    pub objectives: Vec<ObjectiveNo>,
    /// True where those tags are the editors', not the summaries' (printed as such).
    pub tags_ours: bool,
    /// The guiding principles the summaries tag it with, as they name them.
    pub principles: Vec<String>,
    /// The number of its source (a section of the summaries).
    #[serde(rename = "ref")]
    pub reference: usize,
}

pub(super) fn point(index: &Index, p: &KeyPoint, cite: &mut Citations) -> PointView {
    PointView {
        kind: p.kind,
        kind_label: point_kind_label(index, p.kind),
        text: index.ed.prose(&p.text),
        objectives: p.objectives.clone(),
        tags_ours: tags_ours(p),
        principles: p.principles.iter().map(|l| index.ed.prose(l)).collect(),
        reference: cite.summaries(index.data, &p.source),
    }
}

/// Whether a point's objective tags are the editors' (and it has any).
pub(super) fn tags_ours(p: &KeyPoint) -> bool {
    p.tagged_by == TaggedBy::Editors && !p.objectives.is_empty()
}

/// The most pledge rows a brief prints in one table: enough for any real delegation, and a bound
/// on a brief's size (and so on time and memory) when the records run to tens of thousands.
pub const MAX_TABLE_ROWS: usize = 250;

/// Pledges as a table's rows, at most [`MAX_TABLE_ROWS`] in record order.
pub(super) fn pledge_rows(
    index: &Index,
    pledges: &[&Pledge],
    cite: &mut Citations,
) -> Vec<PledgeRow> {
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
    /// Set when it was submitted after the Forum or made at another forum; `None` otherwise.
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

/// When a pledge was submitted or made, where not at the Forum.
#[derive(Serialize)]
pub struct MadeAt {
    /// "submitted after the Forum", "made at the Global Refugee Forum".
    pub text: String,
    /// The same as a line of its own, with the submission date where the record gives one
    /// ("Submitted after the Forum (7 July 2022)").
    pub label: String,
    /// The caveat on it ("inferred"), if any.
    pub flag: Option<String>,
}

/// A pledge as templates show it; its source URL becomes a numbered source.
pub(super) fn pledge(index: &Index, p: &Pledge, cite: &mut Citations) -> PledgeRow {
    // The source's own record number ("2250") names the pledge; ids the data made up for records
    // that have none ("la:...", "gfmd:...") are not printed.
    let shown_id = (!p.id.contains(':')).then(|| p.id.clone());
    let reference = p.source_url.as_ref().map(|url| match &shown_id {
        Some(id) => cite.cite(&index.t(
            "source-pledge",
            &crate::args!["id" => id.as_str(), "url" => url.as_str()],
        )),
        None => cite.cite(&index.t("source-pledge-page", &crate::args!["url" => url.as_str()])),
    });
    let ed = index.ed;
    let flagged = |f: &Flagged<String>| Flagged {
        value: ed.prose(&f.value),
        flag: ed.prose_opt(f.flag.as_deref()),
    };
    let joined = |f: &Flagged<Vec<String>>| Flagged {
        value: f
            .value
            .iter()
            .map(|v| ed.prose(v))
            .collect::<Vec<_>>()
            .join("; "),
        flag: ed.prose_opt(f.flag.as_deref()),
    };
    PledgeRow {
        id: p.id.clone(),
        title: ed.prose(&p.title),
        entity: p.entity.clone(),
        entity_type: flagged(&p.entity_type),
        countries: place_of(index, p),
        region: p.region.as_deref().map(|r| region_in_edition(index, r)),
        pledge_type: Flagged {
            value: ed.prose_opt(p.pledge_type.value.as_deref()),
            flag: ed.prose_opt(p.pledge_type.flag.as_deref()),
        },
        nature: joined(&p.nature),
        objectives: Flagged {
            value: p.objectives.value.clone(),
            flag: ed.prose_opt(p.objectives.flag.as_deref()),
        },
        principles: joined(&p.principles),
        made_at: p.made_at.value.as_ref().map(|m| {
            let text = made_at_text(index, m);
            let mut label = capitalized(&text);
            if let (true, Some(date)) = (m.starts_with("after"), &p.submitted) {
                label.push_str(&format!(" ({})", ed.date(date)));
            }
            MadeAt {
                text,
                label,
                flag: ed.prose_opt(p.made_at.flag.as_deref()),
            }
        }),
        submitted: p.submitted.as_deref().map(|d| ed.date(d)),
        source_url: p.source_url.clone(),
        summary: ed.prose_opt(p.summary.as_deref()),
        reference,
    }
}

/// A region a record names, in the edition's language: its M49 name where it is one, else our
/// translation of the record's words.
pub(super) fn region_in_edition(index: &Index, region: &str) -> String {
    if index.ed.names.has_region(region) {
        index.region_name(region)
    } else {
        index.ed.prose(region)
    }
}

/// Where a pledge is implemented, as a table cell shows it: its countries, else its own region.
pub(super) fn place_of(index: &Index, p: &Pledge) -> Flagged<String> {
    let countries: Vec<String> = p
        .countries
        .value
        .iter()
        .map(|c| index.country_name(c))
        .collect();
    let value = match (countries.is_empty(), &p.region) {
        (false, _) => countries.join(", "),
        (true, Some(region)) => index.t(
            "place-region",
            &crate::args!["region" => region_in_edition(index, region)],
        ),
        (true, None) => index.t("place-global-or-not-stated", &crate::args![]),
    };
    Flagged {
        value,
        flag: index.ed.prose_opt(p.countries.flag.as_deref()),
    }
}

/// "after the Forum" -> "submitted after the Forum" (the data knows only when the record was
/// submitted, not when the pledge was made or announced); a forum's name -> "made at the <name>".
pub(super) fn made_at_text(index: &Index, made_at: &str) -> String {
    if made_at.starts_with("after") || made_at.starts_with("before") {
        index.t(
            "made-at-submitted",
            &crate::args!["when" => index.ed.prose(made_at)],
        )
    } else {
        let forum = made_at.trim_start_matches("the ");
        let forum = index
            .ed
            .names
            .term(forum)
            .map_or_else(|| index.ed.prose(forum), str::to_string);
        index.t("made-at-forum", &crate::args!["forum" => forum])
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
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
    /// What it rests on ("2 submitted after the Forum; 1 resting on a value marked inferred or
    /// truncated"); empty when nothing needs saying.
    pub note: String,
    /// The count with its note: "12" or "12 (note)".
    pub text: String,
}

/// A pledge count and what it rests on: "12" or "12, 2 of them submitted after the Forum; 1 on an
/// inferred value". `flagged` says whether the value counted carries a caveat for a record.
pub fn count_text(
    index: &Index,
    pledges: &[&Pledge],
    flagged: impl Fn(&Pledge) -> bool,
) -> CountText {
    let total = pledges.len();
    let mut notes: Vec<String> = Vec::new();
    let mut made: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for p in pledges {
        if let Some(m) = &p.made_at.value {
            let entry = made.entry(made_at_text(index, m)).or_insert((0, 0));
            entry.0 += 1;
            entry.1 += usize::from(p.made_at.flag.is_some());
        }
    }
    for (text, (n, inferred)) in made {
        notes.push(index.t(
            "count-made-at",
            &crate::args![
                "n" => n,
                "count" => index.count(n),
                "text" => text,
                "inferred" => inferred,
                "inferred_count" => index.count(inferred)
            ],
        ));
    }
    let on_flags = pledges.iter().filter(|p| flagged(p)).count();
    if on_flags > 0 {
        notes.push(index.t(
            "count-on-flags",
            &crate::args!["n" => on_flags, "count" => index.count(on_flags)],
        ));
    }
    let note = notes.join("; ");
    CountText {
        total,
        text: if note.is_empty() {
            index.count(total)
        } else {
            format!("{} ({note})", index.count(total))
        },
        note,
    }
}

/// How many pledges are implemented in a region, with the caveats the count rests on: one
/// count for every brief, so that a delegation's "Country and region" and the region's own brief
/// print the same figures.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RegionCount {
    /// All pledges implemented in the region ([`Index::pledges_in_region`]).
    pub total: usize,
    /// Of these, the ones whose country is inferred, not stated by the source.
    pub inferred: usize,
    /// Of these, the ones that name no country, only the region or one within it.
    pub region_only: usize,
    /// What the count rests on: "3 with an inferred country; 1 naming a region but no
    /// country"; empty when nothing needs saying.
    pub note: String,
    /// The count with its note: "14" or "14 (3 with an inferred country)".
    pub text: String,
    /// The same, short, for a chart bar: "14 (3 inferred; 1 region only)".
    pub short: String,
}

impl RegionCount {
    pub(super) fn of(index: &Index, region: &crate::plan::Region) -> Self {
        let pledges: Vec<&Pledge> = index.pledges_in_region(region).collect();
        let total = pledges.len();
        let inferred = pledges
            .iter()
            .filter(|p| p.countries.flag.is_some())
            .count();
        let region_only = pledges
            .iter()
            .filter(|p| p.countries.value.is_empty())
            .count();
        let mut long = Vec::new();
        let mut short = Vec::new();
        let n_args = |n: usize| crate::args!["n" => n, "count" => index.count(n)];
        if inferred > 0 {
            long.push(index.t("region-count-inferred", &n_args(inferred)));
            short.push(index.t("region-count-inferred-short", &n_args(inferred)));
        }
        if region_only > 0 {
            long.push(index.t("region-count-region-only", &n_args(region_only)));
            short.push(index.t("region-count-region-only-short", &n_args(region_only)));
        }
        let with = |notes: &[String]| {
            if notes.is_empty() {
                index.count(total)
            } else {
                format!("{} ({})", index.count(total), notes.join("; "))
            }
        };
        RegionCount {
            total,
            inferred,
            region_only,
            note: long.join("; "),
            text: with(&long),
            short: with(&short),
        }
    }
}

/// One bar of a chart (`bar-chart` in `lib/charts.typ`).
#[derive(Serialize)]
pub struct Bar {
    /// What the bar counts ("State", "Africa").
    pub label: String,
    /// The count.
    pub value: usize,
    /// The count as printed, where it needs a caveat ("8 (2 inferred)"); else the bare count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// Counts as chart bars, largest first, ties by label.
pub(super) fn bars(counts: BTreeMap<String, usize>) -> Vec<Bar> {
    let mut bars: Vec<(String, usize)> = counts.into_iter().collect();
    bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    bars.into_iter()
        .map(|(label, value)| Bar {
            label,
            value,
            display: None,
        })
        .collect()
}

/// Pledges per entity type, as bars; a type that rests on an inferred value for some records
/// says how many ("Other stakeholder: 8 (2 inferred)"), so the chart hides no flag.
pub(super) fn by_entity_type<'p>(
    index: &Index,
    pledges: impl Iterator<Item = &'p Pledge>,
) -> Vec<Bar> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut flagged: BTreeMap<String, usize> = BTreeMap::new();
    for p in pledges {
        let label = index.ed.prose(&p.entity_type.value);
        if p.entity_type.flag.is_some() {
            *flagged.entry(label.clone()).or_insert(0) += 1;
        }
        *counts.entry(label).or_insert(0) += 1;
    }
    let mut bars = bars(counts);
    for bar in &mut bars {
        if let Some(&n) = flagged.get(&bar.label) {
            bar.display = Some(index.t(
                "bar-inferred",
                &crate::args![
                    "value" => index.count(bar.value),
                    "n" => n,
                    "count" => index.count(n)
                ],
            ));
        }
    }
    bars
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
pub(super) fn by_objective<'p>(
    index: &Index,
    pledges: impl Iterator<Item = &'p Pledge>,
) -> Vec<ObjectiveBar> {
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

pub(super) fn objective_ref(index: &Index, n: ObjectiveNo) -> ObjectiveRef {
    let (title, short) = index.objective_title(n);
    ObjectiveRef {
        number: n,
        title: title.to_string(),
        short_label: short.to_string(),
    }
}

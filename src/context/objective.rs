//! The objective brief's context: its round table, key points, mentions and pledges.

use serde::Serialize;

use super::{
    by_entity_type, count_text, grouped_points, m49_region_of, objective_ref, people, person,
    pledge_rows, point_kind_label, Bar, Citations, CountText, Index, ObjectiveRef, PledgeRow,
    PointGroup, PointView,
};
use crate::model::{ObjectiveNo, PointKind};

/// Everything `objective.typ.j2` may read as `body`.
#[derive(Serialize)]
pub struct ObjectiveBrief {
    /// "In brief": what page 1 says first, each sentence with its source.
    pub in_brief: Vec<super::in_brief::Sentence>,
    /// The objective: number, title, short label.
    pub objective: ObjectiveRef,
    /// The round table that reviewed it; `None` if none did.
    pub round_table: Option<RoundTableView>,
    /// The Forum's key points on it, grouped by kind.
    pub groups: Vec<PointGroup>,
    /// How many key points the Forum made on it.
    pub point_count: usize,
    /// Where it came up outside its round table: points of the debates tagged with it.
    pub mentions: Vec<Mention>,
    /// How many of them the editors, not the summaries, tied to the objective.
    pub mentions_tagged_by_us: usize,
    /// The pledges naming it, as table rows.
    pub pledges: Vec<PledgeRow>,
    /// How many pledges name it.
    pub pledge_count: usize,
    /// That count with what it rests on.
    pub pledge_count_text: CountText,
    /// How many pledge records (of all) state no objective.
    pub pledges_without_objectives: usize,
    /// The pledges naming it per entity type, as chart bars.
    pub chart_entity_type: Vec<Bar>,
    /// The pledges naming it per M49 region of implementation, as chart bars.
    pub chart_region: Vec<Bar>,
    /// How many challenges the Forum raised on it (listed with the key points): the questions
    /// box asks about them without repeating them.
    pub challenges: usize,
}

/// The round table that reviewed the objective.
#[derive(Serialize)]
pub struct RoundTableView {
    /// Its number.
    pub number: u8,
    /// Its date, if recorded.
    pub date: Option<String>,
    /// Its co-chairs, one line each.
    pub co_chairs: Vec<String>,
    /// The entities that supported it.
    pub supporting_entities: Vec<String>,
    /// Its keynote speakers, one line each.
    pub keynote_speakers: Vec<String>,
    /// Its moderator, one line, if recorded.
    pub moderator: Option<String>,
    /// Its panellists, one line each.
    pub panellists: Vec<String>,
    /// How many statements were made in its discussion, if recorded.
    pub statements: Option<u32>,
    /// The other objectives it reviewed.
    pub others: Vec<ObjectiveRef>,
    /// The source of its section.
    #[serde(rename = "ref")]
    pub reference: usize,
    /// Points it made across its objectives.
    pub cross_cutting: Vec<PointView>,
    /// What the summaries say of all four round tables at once.
    pub common: Vec<PointView>,
}

/// A key point tagged with the objective, made outside its round table.
#[derive(Serialize)]
pub struct Mention {
    /// Where it was made ("Policy debate", "Plenary, pledging", ...).
    #[serde(rename = "where")]
    pub place: String,
    /// Its kind as a label ("Challenge").
    pub kind_label: String,
    /// The point, in our words.
    pub text: String,
    /// True where the editors, not the summaries, tied the point to this objective.
    pub tags_ours: bool,
    /// The guiding principles the summaries also tag it with.
    pub principles: Vec<String>,
    /// The source of its section.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The chart's key for pledges with no country or region (a label only once localized).
const GLOBAL: &str = "\u{0}global";

pub fn context(index: &Index, key: &str, cite: &mut Citations) -> ObjectiveBrief {
    let data = index.data;
    let n = key
        .parse()
        .ok()
        .and_then(ObjectiveNo::new)
        .expect("planned objective keys are 01-23");
    let points = index.key_points(n);

    let table = data
        .forum
        .round_tables
        .iter()
        .find(|t| t.objectives.contains(&n));
    let round_table = table.map(|t| RoundTableView {
        number: t.number,
        date: t.date.as_deref().map(|d| {
            if index.ed.lang == "en" {
                d.to_string()
            } else {
                index.ed.date(d)
            }
        }),
        co_chairs: people(index, &t.co_chairs),
        supporting_entities: t
            .supporting_entities
            .iter()
            .map(|e| index.ed.prose(e))
            .collect(),
        keynote_speakers: people(index, &t.keynote_speakers),
        moderator: t.moderator.as_ref().map(|p| person(index, p)),
        panellists: people(index, &t.panellists),
        statements: t.statements,
        others: t
            .objectives
            .iter()
            .filter(|&&o| o != n)
            .map(|&o| objective_ref(index, o))
            .collect(),
        // Cited before the cross-cutting points, as the brief prints them.
        reference: cite.summaries(data, &t.source),
        cross_cutting: t
            .cross_cutting
            .iter()
            .map(|p| super::point(index, p, cite))
            .collect(),
        common: data
            .forum
            .round_tables_introduction
            .iter()
            .map(|p| super::point(index, p, cite))
            .collect(),
    });

    // Where the objective came up outside its round table: the points tagged with it.
    let debate = &data.forum.policy_debate;
    let plenary = &data.forum.plenary;
    let mut tagged: Vec<(String, &crate::model::KeyPoint)> = debate
        .key_points
        .iter()
        .map(|p| (index.t("mention-policy-debate", &crate::args![]), p))
        .collect();
    for theme in &plenary.themes {
        let place = index.t(
            "mention-general-debate",
            &crate::args!["theme" => index.ed.prose(&theme.title).to_lowercase()],
        );
        tagged.extend(theme.key_points.iter().map(|p| (place.clone(), p)));
    }
    tagged.extend(
        plenary
            .pledging
            .key_points
            .iter()
            .map(|p| (index.t("mention-pledging", &crate::args![]), p)),
    );
    let mentions: Vec<Mention> = tagged
        .into_iter()
        .filter(|(_, p)| p.objectives.contains(&n))
        .map(|(place, p)| Mention {
            place,
            kind_label: point_kind_label(index, p.kind),
            text: index.ed.prose(&p.text),
            tags_ours: super::parts::tags_ours(p),
            principles: p.principles.iter().map(|l| index.ed.prose(l)).collect(),
            reference: cite.summaries(data, &p.source),
        })
        .collect();
    let mentions_tagged_by_us = mentions.iter().filter(|m| m.tags_ours).count();

    let pledges: Vec<_> = data
        .pledges
        .iter()
        .filter(|p| p.objectives.value.contains(&n))
        .collect();
    // Pledges per M49 region of implementation: a record's countries, else its own region.
    let mut regions: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for p in &pledges {
        let mut names: Vec<String> = p
            .countries
            .value
            .iter()
            .filter_map(|iso3| data.countries.iter().find(|c| &c.iso3 == iso3))
            .map(|c| c.region.clone())
            .collect();
        names.sort();
        names.dedup();
        if names.is_empty() {
            let own = p
                .region
                .as_deref()
                .map(|r| m49_region_of(index, r).unwrap_or_else(|| r.to_string()));
            names.push(own.unwrap_or_else(|| GLOBAL.to_string()));
        }
        for name in names {
            let entry = regions.entry(name).or_insert((0, 0));
            entry.0 += 1;
            entry.1 += usize::from(p.countries.flag.is_some());
        }
    }
    let regions = regions
        .into_iter()
        .map(|(name, (n, inferred))| {
            let name = if name == GLOBAL {
                index.t("place-global-or-not-stated", &crate::args![])
            } else {
                super::parts::region_in_edition(index, &name)
            };
            let label = match inferred {
                0 => name,
                i => index.t(
                    "chart-region-inferred",
                    &crate::args!["region" => name, "n" => i, "count" => index.count(i)],
                ),
            };
            (label, n)
        })
        .collect();
    let challenges = points
        .iter()
        .filter(|p| p.kind == PointKind::Challenge)
        .count();

    // Fields are built in this order on purpose: sources are numbered as they are cited.
    let mut brief = ObjectiveBrief {
        objective: objective_ref(index, n),
        round_table,
        groups: grouped_points(index, points, cite),
        point_count: points.len(),
        mentions,
        mentions_tagged_by_us,
        pledges: pledge_rows(index, &pledges, cite),
        pledge_count: pledges.len(),
        pledge_count_text: count_text(index, &pledges, |p| p.objectives.flag.is_some()),
        pledges_without_objectives: data
            .pledges
            .iter()
            .filter(|p| p.objectives.value.is_empty())
            .count(),
        chart_entity_type: by_entity_type(index, pledges.iter().copied()),
        chart_region: super::parts::bars(regions),
        challenges,
        in_brief: Vec::new(),
    };
    brief.in_brief = super::in_brief::objective(index, &brief, cite);
    brief
}

//! The region brief's context: each State's figures, vote, Champion status, roles and pledges in
//! one table; the region's totals and share of the world's migrants; the pledges implemented
//! there, the objectives they address, and a comparison with the other regions of the same level.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::state::{self, figure, short_figure_of, EMIGRANTS, GCM_RESOLUTION, IMMIGRANTS};
use super::{
    by_entity_type, by_objective, objective_ref, pledge_rows, Bar, Citations, Index, ObjectiveBar,
    ObjectiveRef, PledgeRow, PointView, RegionCount,
};
use crate::model::{Indicator, ObjectiveNo, Pledge, PointKind, VoteCast};
use crate::plan::Region;

/// Everything `region.typ.j2` may read as `body`.
#[derive(Serialize)]
pub struct RegionBrief {
    /// "In brief": what page 1 says first, each sentence with its source.
    pub in_brief: Vec<super::in_brief::Sentence>,
    /// The region: `name`, `slug`, `level` ("Region", "Sub-region", ...), `parent`, `iso3`.
    pub region: Region,
    /// The region's M49 level as a message-key part ("region", "sub-region",
    /// "intermediate-region"), for the templates' `t()` (the `level` itself stays English).
    pub level_key: String,
    /// The UN regional group when every State of the region has the same one (said once);
    /// `None` when they differ (then each row names its own).
    pub common_group: Option<String>,
    /// One row per State, by English name.
    pub countries: Vec<CountryRow>,
    /// The table's columns that hold something on some row (a column empty or zero on every
    /// row is left out, and the brief says so in a sentence).
    pub columns: Columns,
    /// The hedges of the table's Champion dates, each once with its mark ("* year inferred; the
    /// source gives none"), printed in the table's note.
    pub champion_hedges: Vec<String>,
    /// Migrant totals over the region's States, with the world figure; `None` without UN DESA data.
    pub totals: Option<Totals>,
    /// The region's States' votes on the GCM (A/RES/73/195), as "label: count", largest first.
    pub gcm_votes: Vec<Count>,
    /// The votes' source number.
    pub votes_ref: Option<usize>,
    /// How many of the region's States the (partial) Champion list shows.
    pub champions: usize,
    /// What the Champion list covers.
    pub champions_note: String,
    /// Pledge records implemented in the region, as table rows (at most
    /// [`super::MAX_TABLE_ROWS`]).
    pub pledges: Vec<PledgeRow>,
    /// How many pledge records are implemented in the region (all, not only the rows).
    pub pledge_count: usize,
    /// The same count with its caveats (inferred countries, records naming only the region), as
    /// every brief that counts the region's pledges prints it.
    pub pledge_counts: RegionCount,
    /// Records that name no country or region of implementation at all, counted in no region.
    pub records_without_place: usize,
    /// The region's pledges per objective, as chart bars.
    pub chart_objective: Vec<ObjectiveBar>,
    /// The region's pledges per entity type, as chart bars.
    pub chart_entity_type: Vec<Bar>,
    /// How many of the pledges state no objective.
    pub pledges_without_objectives: usize,
    /// The objectives the region's pledges address, with the challenges raised on each.
    pub objectives: Vec<RegionObjective>,
    /// The regions of the same level and parent (this one included): their pledges.
    pub comparison: Vec<Comparison>,
    /// Other indicators of the indicator files (not the migrant stock): latest value per State.
    pub indicators: Vec<IndicatorLatest>,
}

/// An objective the region's pledges address.
#[derive(Serialize)]
pub struct RegionObjective {
    /// The objective: `number`, `title`, `short_label`.
    #[serde(flatten)]
    pub objective: ObjectiveRef,
    /// The challenges the Forum raised on it.
    pub challenges: Vec<PointView>,
    /// How many of the region's pledges name it.
    pub pledges: usize,
}

/// A region in the comparison chart.
#[derive(Serialize)]
pub struct Comparison {
    /// Its name.
    pub label: String,
    /// How many States it has.
    pub countries: usize,
    /// How many pledge records are implemented in it.
    pub value: usize,
    /// That count as printed: "12" or "12 (3 inferred)".
    pub display: String,
    /// Whether it is the brief's own region.
    pub current: bool,
}

/// An indicator other than the migrant stock: each State's latest value.
#[derive(Serialize)]
pub struct IndicatorLatest {
    /// The indicator's name.
    pub name: String,
    /// One bar per State that has a value, in the region's order.
    pub values: Vec<LatestValue>,
    /// The source of the values.
    pub source: String,
    /// Its number in the brief's sources.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// A State's latest value of an indicator.
#[derive(Serialize)]
pub struct LatestValue {
    /// "Country (year)".
    pub label: String,
    /// The value.
    pub value: f64,
    /// Its unit.
    pub unit: String,
}

/// One State in the region's table.
#[derive(Serialize)]
pub struct CountryRow {
    /// Its English short name.
    pub name: String,
    /// Its ISO3 code.
    pub iso3: String,
    /// Its UN regional group, short ("WEOG", "WEOG (observer)"); empty for the observer States.
    pub group: String,
    /// Migrants living in the State and its emigrants abroad, latest year, in full; `None`: no figure.
    pub migrants: Option<String>,
    /// Its emigrants living abroad, likewise.
    pub emigrants: Option<String>,
    /// Its vote on the GCM ("In favour", "Abstained", ...); `None` without vote data.
    pub vote: Option<String>,
    /// "by Nov. 2023", "4 June 2020", "by Nov. 2023*" (a mark of `champion_hedges`) where the
    /// Champion list shows it; `None` says nothing either way.
    pub champion: Option<String>,
    /// The source of the Champion date.
    pub champion_ref: Option<usize>,
    /// Roles at the Forum, short ("co-chair of Round Table 2"); roles of a city or institution
    /// say so.
    pub roles: Vec<String>,
    /// Pledge records by the State itself.
    pub pledges_by: usize,
    /// Pledge records by anyone implemented in the State, and how many of those are flagged.
    pub pledges_in: usize,
    /// Of those, how many rest on a flagged country of implementation.
    pub pledges_in_flagged: usize,
}

/// Which of the region table's optional columns hold something.
#[derive(Serialize)]
pub struct Columns {
    pub champion: bool,
    pub roles: bool,
    pub pledges_by: bool,
    pub pledges_in: bool,
}

/// The mark of a table's `n`th hedged date: "*", "**", ...
fn mark(n: usize) -> String {
    "*".repeat(n + 1)
}

/// A label and a count.
#[derive(Serialize)]
pub struct Count {
    /// What is counted ("In favour").
    pub label: String,
    /// How many.
    pub count: usize,
    /// The count said in words: "14 in favour", "2 absent".
    pub phrase: String,
}

/// The region's migrant figures against the world's.
#[derive(Serialize)]
pub struct Totals {
    /// The year of the figures (the latest in the data).
    pub year: i32,
    /// Migrants living in the region's States, in full.
    pub migrants: String,
    /// The same in words ("16.8 million").
    pub migrants_short: String,
    /// Emigrants from the region's States living abroad, in full.
    pub emigrants: String,
    /// The same in words ("11.3 million").
    pub emigrants_short: String,
    /// States of the region without a figure for the year.
    pub states_without_figure: usize,
    /// The world's migrants that year, in full, if the data has the total.
    pub world: Option<String>,
    /// Areas summed for the world figure (the whole UN DESA table, territories included).
    pub world_areas: usize,
    /// The region's share of the world's migrants, one decimal ("5.6"; "less than 0.1").
    pub share: Option<String>,
    /// The source of the figures.
    pub source: String,
    /// Its number in the brief's sources.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The pledges implemented in `region`: in one of its countries, or naming no country but the
/// region itself or a region within it (Central America counts in the Americas too).
fn latest<'v>(values: &'v [Indicator], name: &str, year: i32) -> Option<&'v Indicator> {
    values
        .iter()
        .rfind(|v| v.indicator == name && v.year == year)
}

pub fn context(index: &Index, slug: &str, cite: &mut Citations) -> RegionBrief {
    let data = index.data;
    let region = index
        .regions
        .iter()
        .find(|r| r.slug == slug)
        .expect("planned region slugs exist");
    let mut members: Vec<_> = region
        .iso3
        .iter()
        .filter_map(|iso3| data.countries.iter().find(|c| &c.iso3 == iso3))
        .collect();
    if index.ed.lang == "en" {
        members.sort_by(|a, b| a.name.cmp(&b.name));
    } else {
        members.sort_by_cached_key(|c| crate::files::sort_key(&index.country_name(&c.iso3)));
    }

    let groups: BTreeSet<String> = members
        .iter()
        .map(|c| state::regional_group(index, c))
        .collect();
    let common_group =
        (groups.len() == 1).then(|| groups.iter().next().cloned().unwrap_or_default());

    let has_votes = !data.record.votes.is_empty();
    let votes_ref = has_votes.then(|| cite.cite(&data.record.votes_source));
    // The latest year of the migrant stock in the data.
    let year = data
        .indicator_totals
        .get(IMMIGRANTS)
        .and_then(|t| t.keys().next_back().copied());
    let mut vote_counts: BTreeMap<VoteCast, usize> = BTreeMap::new();
    let mut champion_refs = Vec::new();
    let mut champion_hedges: Vec<String> = Vec::new();
    let mut sum = (0.0, 0.0, 0usize);
    let mut source = String::new();
    let countries: Vec<CountryRow> = members
        .iter()
        .map(|c| {
            let values = data.indicators.get(&c.iso3).map_or(&[][..], Vec::as_slice);
            let (immigrants, emigrants) = match year {
                Some(y) => (latest(values, IMMIGRANTS, y), latest(values, EMIGRANTS, y)),
                None => (None, None),
            };
            if let Some(v) = immigrants {
                sum.0 += v.value;
                source.clone_from(&v.source);
            } else {
                sum.2 += 1;
            }
            if let Some(v) = emigrants {
                sum.1 += v.value;
            }
            let vote = data
                .record
                .votes
                .get(&c.iso3)
                .and_then(|vs| vs.iter().find(|v| v.resolution == GCM_RESOLUTION));
            if let Some(v) = vote {
                *vote_counts.entry(v.vote).or_insert(0) += 1;
            }
            let champion = state::champion(index, &c.iso3, cite);
            if champion.is_some() {
                champion_refs.push(c.iso3.clone());
            }
            let roles = data
                .record
                .roles
                .iter()
                .filter(|r| r.iso3 == c.iso3)
                .map(|r| match &r.holder {
                    Some(holder) => index.t(
                        "region-role-not-the-state",
                        &crate::args![
                            "role" => index.ed.prose(&r.role),
                            "holder" => index.ed.prose(holder)
                        ],
                    ),
                    None => index.ed.prose(&r.role),
                })
                .collect();
            let pledges_in: Vec<&Pledge> =
                index.pledges_in(std::slice::from_ref(&c.iso3)).collect();
            CountryRow {
                name: index.country_name(&c.iso3),
                iso3: c.iso3.clone(),
                group: short_group(index, c),
                migrants: immigrants.map(|v| figure(index, v.value)),
                emigrants: emigrants.map(|v| figure(index, v.value)),
                vote: vote.map(|v| state::vote_short_label(index, v.vote)),
                champion_ref: champion.as_ref().map(|ch| ch.reference),
                champion: champion.map(|ch| match ch.hedge {
                    None => ch.short,
                    Some(hedge) => {
                        let at = champion_hedges
                            .iter()
                            .position(|h| *h == hedge)
                            .unwrap_or_else(|| {
                                champion_hedges.push(hedge);
                                champion_hedges.len() - 1
                            });
                        format!("{}{}", ch.short, mark(at))
                    }
                }),
                roles,
                pledges_by: index
                    .pledging_state
                    .iter()
                    .filter(|s| s.as_deref() == Some(c.iso3.as_str()))
                    .count(),
                pledges_in_flagged: pledges_in
                    .iter()
                    .filter(|p| p.countries.flag.is_some())
                    .count(),
                pledges_in: pledges_in.len(),
            }
        })
        .collect();

    let totals = year.filter(|_| !source.is_empty()).map(|y| {
        let world = data
            .indicator_totals
            .get(IMMIGRANTS)
            .and_then(|t| t.get(&y));
        Totals {
            year: y,
            migrants: figure(index, sum.0),
            migrants_short: short_figure_of(index, sum.0),
            emigrants_short: short_figure_of(index, sum.1),
            emigrants: figure(index, sum.1),
            states_without_figure: sum.2,
            world: world.map(|w| figure(index, w.value)),
            world_areas: world.map_or(0, |w| w.areas),
            share: world
                .filter(|w| w.value > 0.0)
                .map(|w| share(index, 100.0 * sum.0 / w.value)),
            reference: cite.cite(&source),
            source: source.clone(),
        }
    });
    let mut gcm_votes: Vec<Count> = vote_counts
        .into_iter()
        .map(|(vote, count)| Count {
            label: state::vote_short_label(index, vote),
            count,
            phrase: state::tally_phrase(index, vote, count).unwrap_or_else(|| {
                index.t(
                    "tally-not-member",
                    &crate::args!["n" => count, "count" => index.count(count)],
                )
            }),
        })
        .collect();
    gcm_votes.sort_by_key(|v| std::cmp::Reverse(v.count));

    let pledges: Vec<&Pledge> = index.pledges_in_region(region).collect();
    let addressed: BTreeSet<ObjectiveNo> = pledges
        .iter()
        .flat_map(|p| p.objectives.value.iter().copied())
        .collect();
    let objectives: Vec<RegionObjective> = addressed
        .iter()
        .map(|&n| RegionObjective {
            objective: objective_ref(index, n),
            challenges: index
                .key_points(n)
                .iter()
                .filter(|p| p.kind == PointKind::Challenge)
                .map(|p| super::point(index, p, cite))
                .collect(),
            pledges: pledges
                .iter()
                .filter(|p| p.objectives.value.contains(&n))
                .count(),
        })
        .collect();

    let comparison: Vec<Comparison> = index
        .regions
        .iter()
        .filter(|r| r.level == region.level && r.parent == region.parent)
        .map(|r| {
            let count = RegionCount::of(index, r);
            Comparison {
                label: index.region_name(&r.name),
                countries: r.iso3.len(),
                value: count.total,
                display: count.short,
                current: r.slug == region.slug,
            }
        })
        .collect();

    let counts = RegionCount::of(index, region);
    let columns = Columns {
        champion: countries.iter().any(|c| c.champion.is_some()),
        roles: countries.iter().any(|c| !c.roles.is_empty()),
        pledges_by: countries.iter().any(|c| c.pledges_by > 0),
        pledges_in: countries.iter().any(|c| c.pledges_in > 0),
    };
    let mut brief = RegionBrief {
        common_group,
        columns,
        champion_hedges: champion_hedges
            .iter()
            .enumerate()
            .map(|(n, hedge)| format!("{} {hedge}", mark(n)))
            .collect(),
        countries,
        totals,
        gcm_votes,
        votes_ref,
        champions: champion_refs.len(),
        champions_note: index.ed.prose(&data.record.champions_note),
        pledge_count: pledges.len(),
        pledge_counts: counts,
        records_without_place: data
            .pledges
            .iter()
            .filter(|p| p.countries.value.is_empty() && p.region.is_none())
            .count(),
        pledges_without_objectives: pledges
            .iter()
            .filter(|p| p.objectives.value.is_empty())
            .count(),
        chart_objective: by_objective(index, pledges.iter().copied()),
        chart_entity_type: by_entity_type(index, pledges.iter().copied()),
        pledges: pledge_rows(index, &pledges, cite),
        objectives,
        comparison,
        indicators: other_indicators(index, region, cite),
        region: Region {
            name: index.region_name(&region.name),
            parent: region.parent.as_deref().map(|p| index.region_name(p)),
            ..region.clone()
        },
        level_key: super::level_key(region.level),
        in_brief: Vec::new(),
    };
    brief.in_brief = super::in_brief::region(index, &brief, cite);
    brief
}

/// Indicators other than the migrant stock: each State's latest value, per indicator (values are
/// not summed: not every indicator adds up across countries).
fn other_indicators(index: &Index, region: &Region, cite: &mut Citations) -> Vec<IndicatorLatest> {
    let mut indicators: BTreeMap<&str, Vec<LatestValue>> = BTreeMap::new();
    let mut sources: BTreeMap<&str, &str> = BTreeMap::new();
    for iso3 in &region.iso3 {
        let mut latest: BTreeMap<&str, &Indicator> = BTreeMap::new();
        for value in index.data.indicators.get(iso3).into_iter().flatten() {
            if value.indicator != IMMIGRANTS && value.indicator != EMIGRANTS {
                latest.insert(&value.indicator, value);
            }
        }
        for (name, value) in latest {
            sources.insert(name, &value.source);
            indicators.entry(name).or_default().push(LatestValue {
                label: format!("{} ({})", index.country_name(iso3), value.year),
                value: value.value,
                unit: index.ed.prose(&value.unit),
            });
        }
    }
    indicators
        .into_iter()
        .map(|(name, values)| {
            let source = sources[name];
            IndicatorLatest {
                name: index.ed.prose(name),
                values,
                source: source.to_string(),
                reference: cite.cite(source),
            }
        })
        .collect()
}

/// A UN regional group as a narrow table column names it.
fn short_group(index: &Index, country: &crate::model::Country) -> String {
    let key = match country.un_regional_group.as_str() {
        "Western European and Others Group" => Some("group-short-weog"),
        "Latin American and Caribbean Group" => Some("group-short-grulac"),
        "Eastern European Group" => Some("group-short-eeg"),
        "Asia and the Pacific Group" => Some("group-short-asia-pacific"),
        _ => None,
    };
    let short = match key {
        Some(key) => index.t(key, &crate::args![]),
        None => {
            let other = &country.un_regional_group;
            index
                .ed
                .names
                .group(other)
                .map_or_else(|| other.clone(), str::to_string)
        }
    };
    if index.data.record.group_observers.contains(&country.iso3) {
        index.t("group-short-observer", &crate::args!["group" => short])
    } else {
        short
    }
}

/// A percentage to one decimal; below 0.05 it would read "0.0", which says none.
fn share(index: &Index, percent: f64) -> String {
    if percent > 0.0 && percent < 0.05 {
        index.t(
            "share-less-than",
            &crate::args!["value" => index.ed.decimal(0.1, 1)],
        )
    } else if index.ed.lang == "en" {
        format!("{percent:.1}")
    } else {
        index.ed.decimal(percent, 1)
    }
}

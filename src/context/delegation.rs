//! The delegation brief's context: the State in brief, its roles at the Forum, its record on
//! the Compact, its migrant figures, its pledges and others' pledges in it, the Forum's points on
//! the objectives they address, and the regional picture.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::state::{self, ChampionView, Migrants, RoleView, VoteView};
use super::{
    by_objective, grouped_points, objective_ref, pledge_rows, Citations, Index, ObjectiveBar,
    ObjectiveRef, PledgeRow, PointGroup, RegionCount,
};
use crate::model::{Country, Indicator, ObjectiveNo, Pledge};

/// Everything `delegation.typ.j2` may read as `body`.
#[derive(Serialize)]
pub struct Delegation {
    /// "In brief": what page 1 says first, each sentence with its source.
    pub in_brief: Vec<super::in_brief::Sentence>,
    /// The countries-file row (name, ISO3, M49 code, regions, income level).
    pub country: Country,
    /// "United Mexican States": the formal name without its article.
    pub official_name: String,
    /// The name as running text writes it: "the United States of America" in English
    /// ([`crate::model::Country::name_in_text`]), the edition's name in the others.
    pub name_in_text: String,
    /// True for the observer States (Holy See, State of Palestine).
    pub observer: bool,
    /// The UN regional group, saying "as an observer" where the State is one; empty for none.
    pub regional_group: String,
    /// Immigrant and emigrant stock over the years (UN DESA), if the indicator files have it.
    pub migrants: Option<Migrants>,
    /// Roles the State's representatives held at the Forum.
    pub roles: Vec<RoleView>,
    /// Roles held by a city or an independent institution of the State: not the State's own.
    pub roles_by_others: Vec<RoleView>,
    /// The State's recorded General Assembly votes of December 2018, the GCM first.
    pub votes: Vec<VoteView>,
    /// The source of the votes, as cited.
    pub votes_source: String,
    /// Champion status where a source shows it; `None` says nothing either way (the list is partial).
    pub champion: Option<ChampionView>,
    /// What the Champion list covers.
    pub champions_note: String,
    /// Sourced facts on a national implementation plan or strategy.
    pub plan_facts: Vec<FactView>,
    /// Other sourced facts on the State's record.
    pub facts: Vec<FactView>,
    /// Whether the dataset has record files at all (else the record section is left out).
    pub has_record: bool,
    /// Pledges by the State, as table rows (at most [`super::MAX_TABLE_ROWS`]).
    pub own: Vec<PledgeRow>,
    /// How many pledges the State made (all of them, not only the rows).
    pub own_count: usize,
    /// Pledges by others implemented in the State, as table rows.
    pub by_others: Vec<PledgeRow>,
    /// How many pledges by others are implemented in the State.
    pub by_others_count: usize,
    /// The objectives those pledges address, each with the Forum's key points grouped by kind.
    pub objectives: Vec<ObjectivePoints>,
    /// The State's sub-region: pledges implemented there and the objectives most pledged.
    pub subregion: Option<RegionSummary>,
    /// The State's region, likewise.
    pub region: Option<RegionSummary>,
    /// Other indicators of the indicator files (not the migrant stock), one chart each.
    pub indicators: Vec<IndicatorChart>,
}

/// An objective the State's pledges address, with what the Forum said on it.
#[derive(Serialize)]
pub struct ObjectivePoints {
    /// The objective: `number`, `title`, `short_label`.
    #[serde(flatten)]
    pub objective: ObjectiveRef,
    /// The Forum's key points on it, grouped by kind.
    pub groups: Vec<PointGroup>,
}

/// A sub-region or region as the "Country and region" section shows it.
#[derive(Serialize)]
pub struct RegionSummary {
    /// Its name.
    pub name: String,
    /// Its region brief's key.
    pub slug: String,
    /// How many States it has.
    pub countries: usize,
    /// How many pledges are implemented in it, with their caveats: the same count as its region
    /// brief prints.
    pub pledges: RegionCount,
    /// The names of its States in which some pledge is implemented, by ISO3.
    pub countries_with_pledges: Vec<String>,
    /// Its pledges per objective, as chart bars.
    pub chart_objective: Vec<ObjectiveBar>,
}

/// One indicator of the indicator files over the years, as a chart.
#[derive(Serialize)]
pub struct IndicatorChart {
    /// The indicator's name.
    pub name: String,
    /// Its values, as the indicator files give them (`indicator`, `year`, `value`, `unit`,
    /// `source`), in file order.
    pub values: Vec<Indicator>,
    /// The source of its latest value.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// A sourced fact in our words.
#[derive(Serialize)]
pub struct FactView {
    /// The fact.
    pub text: String,
    /// The fact in the data's English (what "In brief" matches words in).
    #[serde(skip)]
    pub english: String,
    /// Its source.
    #[serde(rename = "ref")]
    pub reference: usize,
}

pub fn context(index: &Index, iso3: &str, cite: &mut Citations) -> Delegation {
    let data = index.data;
    let country = data
        .countries
        .iter()
        .find(|c| c.iso3 == iso3)
        .expect("planned ISO3 codes exist");
    let own: Vec<&Pledge> = data
        .pledges
        .iter()
        .zip(&index.pledging_state)
        .filter(|(_, state)| state.as_deref() == Some(iso3))
        .map(|(p, _)| p)
        .collect();
    let by_others: Vec<&Pledge> = index
        .pledges_in(std::slice::from_ref(&country.iso3))
        .filter(|p| !own.iter().any(|o| std::ptr::eq(*o, *p)))
        .collect();

    // Cited in reading order: roles, record, figures, pledges.
    let (roles, roles_by_others) = state::roles(index, iso3, cite);
    let votes = state::votes(index, iso3, cite);
    let champion = state::champion(index, iso3, cite);
    let (plan_facts, facts): (Vec<FactView>, Vec<FactView>) = {
        let mut plan = Vec::new();
        let mut other = Vec::new();
        for fact in data.record.facts.get(iso3).into_iter().flatten() {
            let view = FactView {
                text: index.ed.prose(&fact.text),
                english: fact.text.clone(),
                reference: cite.cite(&fact.source_url),
            };
            let lower = fact.text.to_lowercase();
            if [
                "implementation plan",
                "national plan",
                "strategic framework",
            ]
            .iter()
            .any(|k| lower.contains(k))
            {
                plan.push(view);
            } else {
                other.push(view);
            }
        }
        (plan, other)
    };
    let indicator_values = data.indicators.get(iso3).map_or(&[][..], Vec::as_slice);
    let migrants = state::migrants(index, indicator_values, cite);

    let addressed: BTreeSet<ObjectiveNo> = own
        .iter()
        .chain(&by_others)
        .flat_map(|p| p.objectives.value.iter().copied())
        .collect();
    let objectives: Vec<ObjectivePoints> = addressed
        .iter()
        .map(|&n| ObjectivePoints {
            objective: objective_ref(index, n),
            groups: grouped_points(index, index.key_points(n), cite),
        })
        .collect();

    let mut brief = Delegation {
        // A formal name in another language only from sourced data, which has none yet: the
        // edition's short name stands for it.
        official_name: if index.ed.lang == "en" {
            official_name(&country.name_formal, &country.name)
        } else {
            index.country_name(&country.iso3)
        },
        name_in_text: if index.ed.lang == "en" {
            country.name_in_text()
        } else {
            index.country_name(&country.iso3)
        },
        observer: country.un_status != "member",
        regional_group: state::regional_group(index, country),
        migrants,
        roles,
        roles_by_others,
        votes_source: data.record.votes_source.clone(),
        votes,
        champion,
        champions_note: index.ed.prose(&data.record.champions_note),
        plan_facts,
        facts,
        has_record: !data.record.votes.is_empty() || !data.record.roles.is_empty(),
        own: pledge_rows(index, &own, cite),
        own_count: own.len(),
        by_others: pledge_rows(index, &by_others, cite),
        by_others_count: by_others.len(),
        objectives,
        subregion: region_summary(index, &country.subregion),
        region: region_summary(index, &country.region),
        indicators: other_indicators(index, iso3, cite),
        country: Country {
            name: index.country_name(&country.iso3),
            region: index.region_name(&country.region),
            subregion: index.region_name(&country.subregion),
            intermediate_region: index.region_name(&country.intermediate_region),
            income_level: index.ed.prose(&country.income_level),
            ..country.clone()
        },
        in_brief: Vec::new(),
    };
    brief.in_brief = super::in_brief::delegation(index, &brief, cite);
    brief
}

/// A sub-region or region as the delegation brief's "Country and region" shows it.
fn region_summary(index: &Index, name: &str) -> Option<RegionSummary> {
    index.regions.iter().find(|r| r.name == name).map(|r| {
        let pledges: Vec<&Pledge> = index.pledges_in_region(r).collect();
        let countries_with: BTreeSet<&str> = pledges
            .iter()
            .flat_map(|p| p.countries.value.iter().map(String::as_str))
            .filter(|c| r.iso3.iter().any(|i| i == c))
            .collect();
        RegionSummary {
            name: index.region_name(&r.name),
            slug: r.slug.clone(),
            countries: r.iso3.len(),
            pledges: RegionCount::of(index, r),
            countries_with_pledges: countries_with
                .iter()
                .map(|c| index.country_name(c))
                .collect(),
            chart_objective: by_objective(index, pledges.iter().copied()),
        }
    })
}

/// Indicators other than the migrant stock, one chart each.
fn other_indicators(index: &Index, iso3: &str, cite: &mut Citations) -> Vec<IndicatorChart> {
    let mut indicators: BTreeMap<&str, Vec<Indicator>> = BTreeMap::new();
    for value in index.data.indicators.get(iso3).into_iter().flatten() {
        if value.indicator == state::IMMIGRANTS || value.indicator == state::EMIGRANTS {
            continue;
        }
        indicators
            .entry(&value.indicator)
            .or_default()
            .push(value.clone());
    }
    indicators
        .into_iter()
        .map(|(name, values)| {
            let source = values.last().map_or("", |v| v.source.as_str());
            IndicatorChart {
                name: index.ed.prose(name),
                reference: cite.cite(source),
                values,
            }
        })
        .collect()
}

/// "the United Mexican States" -> "United Mexican States"; the short name where none is given.
fn official_name(formal: &str, short: &str) -> String {
    let name = formal.strip_prefix("the ").unwrap_or(formal);
    if name.is_empty() {
        return short.to_string();
    }
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

//! The delegation brief's context: the State at a glance, its roles at the Forum, its record on
//! the Compact, its migrant figures, its pledges and others' pledges in it, the Forum's points on
//! the objectives they address, and the regional picture.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{json, Value};

use super::figures::{self, ChampionView, Migrants, RoleView, VoteView};
use super::{
    by_objective, grouped_points, objective_ref, pledge_rows, serialize, Citations, Index,
};
use crate::model::{Country, ObjectiveNo, Pledge};

/// Everything `delegation.typ.j2` may read as `body`.
#[derive(Serialize)]
pub struct Delegation {
    /// The countries-file row (name, ISO3, M49 code, regions, income level).
    pub country: Country,
    /// "United Mexican States": the formal name without its article.
    pub official_name: String,
    /// True for the observer States (Holy See, State of Palestine).
    pub observer: bool,
    /// The UN regional group, saying "as an observer" where the State is one; empty for none.
    pub regional_group: String,
    /// The "At a glance" tiles: figures that carry information for every State.
    pub glance: Vec<Tile>,
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
    /// Pledges by the State, as table rows (see `pledge` in `context/mod.rs`), and their count.
    pub own: Vec<Value>,
    pub own_count: usize,
    /// Pledges by others implemented in the State.
    pub by_others: Vec<Value>,
    pub by_others_count: usize,
    /// The objectives those pledges address, each with the Forum's key points grouped by kind.
    pub objectives: Vec<Value>,
    /// The sub-region and region: pledges implemented there and the objectives most pledged.
    pub subregion: Option<Value>,
    pub region: Option<Value>,
    /// Other indicators of the indicator files (not the migrant stock), one chart each.
    pub indicators: Vec<Value>,
}

/// One "At a glance" figure.
#[derive(Serialize)]
pub struct Tile {
    pub value: String,
    pub label: String,
}

/// A sourced fact in our words.
#[derive(Serialize)]
pub struct FactView {
    pub text: String,
    #[serde(rename = "ref")]
    pub reference: usize,
}

pub fn context(index: &Index, iso3: &str, cite: &mut Citations) -> Value {
    serialize(&build(index, iso3, cite))
}

fn build(index: &Index, iso3: &str, cite: &mut Citations) -> Delegation {
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
    let (roles, roles_by_others) = figures::roles(index, iso3, cite);
    let votes = figures::votes(index, iso3, cite);
    let champion = figures::champion(index, iso3, cite);
    let (plan_facts, facts): (Vec<FactView>, Vec<FactView>) = {
        let mut plan = Vec::new();
        let mut other = Vec::new();
        for fact in data.record.facts.get(iso3).into_iter().flatten() {
            let view = FactView {
                text: fact.text.clone(),
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
    let migrants = figures::migrants(indicator_values, cite);

    let addressed: BTreeSet<ObjectiveNo> = own
        .iter()
        .chain(&by_others)
        .flat_map(|p| p.objectives.value.iter().copied())
        .collect();
    let objectives: Vec<Value> = addressed
        .iter()
        .map(|&n| {
            let points = index.key_points(n);
            let mut value = objective_ref(index, n);
            value["groups"] = grouped_points(data, points, cite);
            value
        })
        .collect();

    let inferred = by_others
        .iter()
        .filter(|p| p.countries.flag.is_some())
        .count();
    let glance = glance(
        index,
        country,
        &migrants,
        &votes,
        own.len(),
        (by_others.len(), inferred),
    );
    Delegation {
        official_name: official_name(&country.name_formal, &country.name),
        observer: country.un_status != "member",
        regional_group: figures::regional_group(index, country),
        glance,
        migrants,
        roles,
        roles_by_others,
        votes_source: data.record.votes_source.clone(),
        votes,
        champion,
        champions_note: data.record.champions_note.clone(),
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
        country: country.clone(),
    }
}

/// Four figures that say something for every State: migrants in, emigrants out, the GCM vote,
/// the pledges recorded.
fn glance(
    index: &Index,
    country: &Country,
    migrants: &Option<Migrants>,
    votes: &[VoteView],
    own: usize,
    (by_others, inferred): (usize, usize),
) -> Vec<Tile> {
    let mut tiles = Vec::new();
    if let Some(m) = migrants {
        for (series, what) in [
            (
                &m.immigrants,
                format!("migrants living in {}", country.name),
            ),
            (
                &m.emigrants,
                format!("emigrants from {} living abroad", country.name),
            ),
        ] {
            tiles.push(match (&series.latest, &series.latest_short) {
                (Some(p), Some(short)) => Tile {
                    value: short.clone(),
                    label: format!("{what}, {} (UN DESA)", p.year),
                },
                _ => Tile {
                    value: "no figure".into(),
                    label: format!("{what} (UN DESA)"),
                },
            });
        }
    }
    if let Some(v) = votes.iter().find(|v| v.gcm) {
        let value = match v.vote {
            crate::model::VoteCast::Absent => "Absent".to_string(),
            crate::model::VoteCast::NotMember => "No vote".to_string(),
            _ => v.label.clone(),
        };
        tiles.push(Tile {
            value,
            label: format!("vote on the GCM, General Assembly, {}", v.date),
        });
    }
    let recorded = index.data.pledges.len();
    tiles.push(Tile {
        value: own.to_string(),
        label: format!(
            "pledges by the State among the {recorded} recorded; {by_others} by others implemented here{}",
            if inferred > 0 {
                format!(", {inferred} of them with an inferred country")
            } else {
                String::new()
            }
        ),
    });
    tiles
}

/// A sub-region or region as the delegation brief's "Regional context" shows it.
fn region_summary(index: &Index, name: &str) -> Option<Value> {
    index.regions.iter().find(|r| r.name == name).map(|r| {
        let pledges: Vec<&Pledge> = index.pledges_in(&r.iso3).collect();
        let countries_with: BTreeSet<&str> = pledges
            .iter()
            .flat_map(|p| p.countries.value.iter().map(String::as_str))
            .filter(|c| r.iso3.iter().any(|i| i == c))
            .collect();
        json!({
            "name": r.name,
            "slug": r.slug,
            "countries": r.iso3.len(),
            "pledges": pledges.len(),
            "countries_with_pledges": countries_with.iter().map(|c| index.country_name(c)).collect::<Vec<_>>(),
            "chart_objective": by_objective(index, pledges.iter().copied()),
        })
    })
}

/// Indicators other than the migrant stock, one chart each.
fn other_indicators(index: &Index, iso3: &str, cite: &mut Citations) -> Vec<Value> {
    let mut indicators: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for value in index.data.indicators.get(iso3).into_iter().flatten() {
        if value.indicator == figures::IMMIGRANTS || value.indicator == figures::EMIGRANTS {
            continue;
        }
        indicators
            .entry(&value.indicator)
            .or_default()
            .push(serialize(value));
    }
    indicators
        .into_iter()
        .map(|(name, values)| {
            let source = values
                .last()
                .and_then(|v| v["source"].as_str())
                .unwrap_or("")
                .to_string();
            json!({"name": name, "values": values, "ref": cite.cite(&source)})
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

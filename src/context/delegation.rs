//! The delegation brief's context: the country, its pledges, pledges by others in it, the forum's
//! key points on the objectives they address, the regional picture and optional indicators.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::{
    by_objective, grouped_points, objective_ref, pledge_rows, serialize, Citations, Index,
};
use crate::model::{ObjectiveNo, Pledge};

pub fn context(index: &Index, iso3: &str, cite: &mut Citations) -> Value {
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

    let context_of = |name: &str| {
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
    };

    let mut indicators: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for value in data.indicators.get(iso3).into_iter().flatten() {
        indicators
            .entry(&value.indicator)
            .or_default()
            .push(serialize(value));
    }
    let indicators: Vec<Value> = indicators
        .into_iter()
        .map(|(name, values)| {
            let source = values
                .last()
                .and_then(|v| v["source"].as_str())
                .unwrap_or("")
                .to_string();
            json!({"name": name, "values": values, "ref": cite.cite(&source)})
        })
        .collect();

    json!({
        "country": country,
        "official_name": official_name(&country.name_formal, &country.name),
        "observer": country.un_status != "member",
        "own": pledge_rows(index, &own, cite),
        "own_count": own.len(),
        "by_others": pledge_rows(index, &by_others, cite),
        "by_others_count": by_others.len(),
        "objectives": objectives,
        "subregion": context_of(&country.subregion),
        "region": context_of(&country.region),
        "indicators": indicators,
    })
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

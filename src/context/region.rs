//! The region brief's context: countries, pledges implemented there, the objectives they address,
//! and a comparison with the other regions of the same level.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::{by_entity_type, by_objective, objective_ref, pledge_rows, Citations, Index};
use crate::model::{Indicator, ObjectiveNo, PointKind};

pub fn context(index: &Index, slug: &str, cite: &mut Citations) -> Value {
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
    members.sort_by(|a, b| a.name.cmp(&b.name));
    let countries: Vec<Value> = members
        .into_iter()
        .map(|c| {
            let pledges = index.pledges_in(std::slice::from_ref(&c.iso3)).count();
            json!({"name": c.name, "iso3": c.iso3, "group": c.un_regional_group, "income": c.income_level, "pledges": pledges})
        })
        .collect();
    let pledges: Vec<_> = index.pledges_in(&region.iso3).collect();

    let addressed: BTreeSet<ObjectiveNo> = pledges
        .iter()
        .flat_map(|p| p.objectives.value.iter().copied())
        .collect();
    let objectives: Vec<Value> = addressed
        .iter()
        .map(|&n| {
            let challenges: Vec<Value> = data
                .forum
                .objectives
                .iter()
                .filter(|o| o.number == n)
                .flat_map(|o| {
                    o.key_points
                        .iter()
                        .filter(|p| p.kind == PointKind::Challenge)
                })
                .map(|p| super::point(data, p, cite))
                .collect();
            let mut value = objective_ref(index, n);
            value["challenges"] = json!(challenges);
            value["pledges"] = json!(pledges
                .iter()
                .filter(|p| p.objectives.value.contains(&n))
                .count());
            value
        })
        .collect();

    let comparison: Vec<Value> = index
        .regions
        .iter()
        .filter(|r| r.level == region.level)
        .map(|r| {
            let count = index.pledges_in(&r.iso3).count();
            json!({
                "label": r.name,
                "countries": r.iso3.len(),
                "pledges": count,
                "per_country": format!("{:.2}", count as f64 / r.iso3.len() as f64),
                "value": count as f64 / r.iso3.len() as f64,
                "current": r.slug == region.slug,
            })
        })
        .collect();

    // Indicators: each country's latest value, per indicator (values are not summed: not every
    // indicator adds up across countries).
    let mut indicators: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut sources: BTreeMap<&str, &str> = BTreeMap::new();
    for iso3 in &region.iso3 {
        let mut latest: BTreeMap<&str, &Indicator> = BTreeMap::new();
        for value in data.indicators.get(iso3).into_iter().flatten() {
            latest.insert(&value.indicator, value);
        }
        for (name, value) in latest {
            sources.insert(name, &value.source);
            indicators.entry(name).or_default().push(json!({
                "label": format!("{} ({})", index.country_name(iso3), value.year),
                "value": value.value,
                "unit": value.unit,
            }));
        }
    }
    let indicators: Vec<Value> = indicators
        .into_iter()
        .map(|(name, values)| {
            let source = sources[name];
            json!({"name": name, "values": values, "source": source, "ref": cite.cite(source)})
        })
        .collect();

    json!({
        "indicators": indicators,
        "region": region,
        "countries": countries,
        "pledges": pledge_rows(index, &pledges, cite),
        "pledge_count": pledges.len(),
        "chart_objective": by_objective(index, pledges.iter().copied()),
        "chart_entity_type": by_entity_type(pledges.iter().copied()),
        "objectives": objectives,
        "comparison": comparison,
        "groups": region.iso3.iter().filter_map(|iso3| data.countries.iter().find(|c| &c.iso3 == iso3))
            .map(|c| c.un_regional_group.as_str()).filter(|g| !g.is_empty()).collect::<BTreeSet<_>>(),
    })
}

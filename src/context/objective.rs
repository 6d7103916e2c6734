//! The objective brief's context: its round table, key points, mentions and pledges.

use serde_json::{json, Value};

use super::{
    by_entity_type, grouped_points, objective_ref, people, person, pledge_rows, Citations, Index,
};
use crate::model::{ObjectiveNo, PointKind};

pub fn context(index: &Index, key: &str, cite: &mut Citations) -> Value {
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
    let round_table = table.map(|t| {
        json!({
            "number": t.number,
            "date": t.date,
            "co_chairs": people(&t.co_chairs),
            "supporting_entities": t.supporting_entities,
            "keynote_speakers": people(&t.keynote_speakers),
            "moderator": t.moderator.as_ref().map(person),
            "panellists": people(&t.panellists),
            "statements": t.statements,
            "others": t.objectives.iter().filter(|&&o| o != n).map(|&o| objective_ref(index, o)).collect::<Vec<_>>(),
            "ref": cite.summaries(data, &t.source),
            "cross_cutting": t.cross_cutting.iter().map(|p| super::point(data, p, cite)).collect::<Vec<_>>(),
        })
    });

    // Where the objective came up outside its round table.
    let debate = &data.forum.policy_debate;
    let mut mentions: Vec<Value> = debate
        .key_points
        .iter()
        .filter(|p| p.objectives.contains(&n))
        .map(|p| json!({"where": "Policy debate", "text": p.text, "ref": cite.summaries(data, &p.source)}))
        .collect();
    for theme in &data.forum.plenary.themes {
        for p in theme
            .key_points
            .iter()
            .filter(|p| p.objectives.contains(&n))
        {
            let place = format!("Plenary, general debate: {}", theme.title.to_lowercase());
            mentions.push(
                json!({"where": place, "text": p.text, "ref": cite.summaries(data, &p.source)}),
            );
        }
    }

    let pledges: Vec<_> = data
        .pledges
        .iter()
        .filter(|p| p.objectives.value.contains(&n))
        .collect();
    let mut regions = std::collections::BTreeMap::new();
    for p in &pledges {
        let mut names: Vec<&str> = p
            .countries
            .value
            .iter()
            .filter_map(|iso3| data.countries.iter().find(|c| &c.iso3 == iso3))
            .map(|c| c.region.as_str())
            .collect();
        names.dedup();
        if names.is_empty() {
            names.push("Global or not stated");
        }
        for name in names {
            *regions.entry(name.to_string()).or_insert(0) += 1;
        }
    }
    let challenges: Vec<&str> = points
        .iter()
        .filter(|p| p.kind == PointKind::Challenge)
        .map(|p| p.text.as_str())
        .collect();

    json!({
        "objective": objective_ref(index, n),
        "round_table": round_table,
        "groups": grouped_points(data, points, cite),
        "point_count": points.len(),
        "mentions": mentions,
        "pledges": pledge_rows(index, &pledges, cite),
        "pledge_count": pledges.len(),
        "pledges_without_objectives": data.pledges.iter().filter(|p| p.objectives.value.is_empty()).count(),
        "chart_entity_type": by_entity_type(pledges.iter().copied()),
        "chart_region": super::bars(regions),
        "questions": challenges,
    })
}

//! The objective brief's context: its round table, key points, mentions and pledges.

use serde_json::{json, Value};

use super::{
    by_entity_type, count_text, grouped_points, m49_region_of, objective_ref, people, person,
    pledge_rows, point_kind_label, Citations, Index,
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

    // Where the objective came up outside its round table: the points tagged with it.
    let debate = &data.forum.policy_debate;
    let plenary = &data.forum.plenary;
    let mut tagged: Vec<(String, &crate::model::KeyPoint)> = debate
        .key_points
        .iter()
        .map(|p| ("Policy debate".to_string(), p))
        .collect();
    for theme in &plenary.themes {
        let place = format!("Plenary, general debate: {}", theme.title.to_lowercase());
        tagged.extend(theme.key_points.iter().map(|p| (place.clone(), p)));
    }
    tagged.extend(
        plenary
            .pledging
            .key_points
            .iter()
            .map(|p| ("Plenary, pledging".to_string(), p)),
    );
    let mentions: Vec<Value> = tagged
        .into_iter()
        .filter(|(_, p)| p.objectives.contains(&n))
        .map(|(place, p)| {
            json!({"where": place, "kind_label": point_kind_label(p.kind), "text": p.text, "ref": cite.summaries(data, &p.source)})
        })
        .collect();

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
            names.push(own.unwrap_or_else(|| "Global or not stated".to_string()));
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
            let label = match inferred {
                0 => name,
                i => format!("{name} ({i} on an inferred country)"),
            };
            (label, n)
        })
        .collect();
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
        "pledge_count_text": count_text(&pledges, |p| p.objectives.flag.is_some()),
        "pledges_without_objectives": data.pledges.iter().filter(|p| p.objectives.value.is_empty()).count(),
        "chart_entity_type": by_entity_type(pledges.iter().copied()),
        "chart_region": super::bars(regions),
        "questions": challenges,
    })
}

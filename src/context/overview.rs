//! The overview's context: programme, round tables, plenary figures, all objectives, pledge charts.

use serde_json::{json, Value};

use super::{
    by_entity_type, by_objective, count_text, date_range, format_date, people, person, point,
    Citations, Index,
};
use crate::model::{Dataset, ObjectiveNo, Speaker};

/// A speaker with their remarks, one line each, and the citation of the section.
fn speaker(data: &Dataset, s: &Speaker, cite: &mut Citations) -> Value {
    let mut line = s.name.clone();
    if let Some(title) = &s.title {
        line.push_str(&format!(", {title}"));
    }
    if let Some(affiliation) = &s.affiliation {
        line.push_str(&format!(", {affiliation}"));
    }
    json!({
        "name": line,
        "role": s.role,
        "remarks": s.remarks,
        "ref": cite.summaries(data, &s.source),
    })
}

pub fn context(index: &Index, cite: &mut Citations) -> Value {
    let data = index.data;
    let forum = &data.forum;
    let info = &forum.forum;
    let plenary = &forum.plenary;
    let debate = &forum.policy_debate;

    let round_tables: Vec<Value> = forum
        .round_tables
        .iter()
        .map(|t| {
            json!({
                "number": t.number,
                "objectives": t.objectives,
                "labels": t.objectives.iter().map(|&n| format!("{n}. {}", index.objective_title(n).1)).collect::<Vec<_>>(),
                "co_chairs": people(&t.co_chairs),
                "statements": t.statements,
                "ref": cite.summaries(data, &t.source),
            })
        })
        .collect();

    let objectives: Vec<Value> = ObjectiveNo::all()
        .map(|n| {
            let points = index.key_points(n).len();
            let table = forum.round_tables.iter().find(|t| t.objectives.contains(&n)).map(|t| t.number);
            let naming: Vec<_> = data.pledges.iter().filter(|p| p.objectives.value.contains(&n)).collect();
            let pledges = count_text(&naming, |p| p.objectives.flag.is_some());
            let (title, short) = index.objective_title(n);
            json!({"number": n, "title": title, "short_label": short, "round_table": table, "points": points, "pledges": pledges})
        })
        .collect();

    let gd = &plenary.general_debate;
    json!({
        "world": super::figures::world(index, cite),
        "chair": person(&info.chair),
        "chair_ref": info.chair.source.as_deref().map(|s| cite.summaries(data, s)),
        "edition": info.edition,
        "mandate": info.mandate,
        "hearing": info.hearing.as_ref().map(|h| json!({"date": format_date(&h.date), "description": h.description, "ref": cite.summaries(data, &h.source)})),
        "side_events": info.side_events.as_ref().map(|s| json!({"in_person": s.in_person, "virtual": s.online, "ref": cite.summaries(data, &s.source)})),
        "forum_ref": cite.summaries(data, &info.source),
        "dates": date_range(&info.start_date, &info.end_date),
        "round_tables": round_tables,
        "total_statements": forum.round_tables.iter().filter_map(|t| t.statements).sum::<u32>(),
        "policy_debate": {
            "focus": debate.focus,
            "opening": debate.opening_speaker.as_ref().map(|s| speaker(data, s, cite)),
            "moderator": debate.moderator.as_ref().map(person),
            "panellists": people(&debate.panellists),
            "closing": debate.closing_speaker.as_ref().map(|s| speaker(data, s, cite)),
            "statements": debate.statements,
            "principle": debate.principle.as_ref().map(|p| json!({"text": p.text, "ref": cite.summaries(data, &p.source)})),
            "points": debate.key_points.iter().map(|p| point(data, p, cite)).collect::<Vec<_>>(),
            "ref": cite.summaries(data, &debate.source),
        },
        "general_debate": {
            "state_statements": gd.state_statements,
            "observer_statements": gd.observer_statements,
            "group_statements": gd.group_statements,
            "on_behalf_of": gd.group_statements_on_behalf_of,
            "heads_of_government": gd.heads_of_government,
            "ministers": gd.ministers,
            "vice_ministers": gd.vice_ministers,
            "ref": cite.summaries(data, &gd.source),
        },
        "opening_speakers": plenary.opening_speakers.iter().map(|s| speaker(data, s, cite)).collect::<Vec<_>>(),
        "themes": plenary.themes.iter().map(|t| json!({
            "title": t.title,
            "points": t.key_points.iter().map(|p| point(data, p, cite)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "pledging": plenary.pledging.figures.iter().map(|f| json!({
            "value": f.value, "label": f.label, "ref": cite.summaries(data, &f.source),
        })).collect::<Vec<_>>(),
        "pledging_points": plenary.pledging.key_points.iter().map(|p| point(data, p, cite)).collect::<Vec<_>>(),
        "dashboard": plenary.pledging.dashboard,
        "declaration": {
            "considered": plenary.progress_declaration.considered,
            "document": plenary.progress_declaration.document,
            "adoption": plenary.progress_declaration.adoption,
            "co_facilitators": people(&plenary.progress_declaration.co_facilitators),
            "points": plenary.progress_declaration.key_points.iter().map(|p| point(data, p, cite)).collect::<Vec<_>>(),
            "ref": cite.summaries(data, &plenary.progress_declaration.source),
        },
        "objectives": objectives,
        "chart_objective": by_objective(index, data.pledges.iter()),
        "chart_entity_type": by_entity_type(data.pledges.iter()),
        "pledges_with_objectives": data.pledges.iter().filter(|p| !p.objectives.value.is_empty()).count(),
        "all_pledges": count_text(&data.pledges.iter().collect::<Vec<_>>(), |_| false),
    })
}

//! The overview's context: programme, round tables, plenary figures, all objectives, pledge charts.

use serde_json::{json, Value};

use super::{
    by_entity_type, by_objective, date_range, format_date, grouped_points, people, person,
    Citations, Index,
};
use crate::model::ObjectiveNo;

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
            let pledges = data.pledges.iter().filter(|p| p.objectives.value.contains(&n)).count();
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
            "moderator": debate.moderator.as_ref().map(person),
            "panellists": people(&debate.panellists),
            "closing_speaker": debate.closing_speaker.as_ref().map(person),
            "statements": debate.statements,
            "groups": grouped_points(data, &debate.key_points, cite),
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
        "opening_speakers": plenary.opening_speakers.iter().map(|s| json!({
            "name": s.name, "role": s.role, "summary": s.summary, "ref": cite.summaries(data, &s.source),
        })).collect::<Vec<_>>(),
        "pledging": plenary.pledging.figures.iter().map(|f| json!({
            "value": f.value, "label": f.label, "ref": cite.summaries(data, &f.source),
        })).collect::<Vec<_>>(),
        "dashboard": plenary.pledging.dashboard,
        "declaration": {
            "document": plenary.progress_declaration.document,
            "adoption": plenary.progress_declaration.adoption,
            "co_facilitators": people(&plenary.progress_declaration.co_facilitators),
            "summary": plenary.progress_declaration.summary,
            "ref": cite.summaries(data, &plenary.progress_declaration.source),
        },
        "objectives": objectives,
        "chart_objective": by_objective(index, data.pledges.iter()),
        "chart_entity_type": by_entity_type(data.pledges.iter()),
        "pledges_with_objectives": data.pledges.iter().filter(|p| !p.objectives.value.is_empty()).count(),
    })
}

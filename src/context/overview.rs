//! The overview's context: programme, round tables, plenary figures, all objectives, pledge charts.

use serde::Serialize;

use super::state::World;
use super::{
    by_entity_type, by_objective, count_text, people, person, point, Bar, Citations, CountText,
    Index, ObjectiveBar, PointView,
};
use crate::model::{ObjectiveNo, Speaker};

/// Everything `overview.typ.j2` may read as `body`.
#[derive(Serialize)]
pub struct Overview {
    /// "In brief": what page 1 says first, each sentence with its source.
    pub in_brief: Vec<super::in_brief::Sentence>,
    /// The world's migrants and the GCM vote (`partials/world.typ.j2`).
    pub world: World,
    /// The Forum's chair as one line ("Name, Title (Affiliation)").
    pub chair: String,
    /// The source of the chair, if the data names one.
    pub chair_ref: Option<usize>,
    /// Which Forum this is ("first"), if stated.
    pub edition: Option<String>,
    /// The mandate the Forum met under, if stated.
    pub mandate: Option<String>,
    /// The multi-stakeholder hearing before the Forum, if there was one.
    pub hearing: Option<HearingView>,
    /// How many side events were held, if recorded.
    pub side_events: Option<SideEventsView>,
    /// The source of the Forum's programme.
    pub forum_ref: usize,
    /// The Forum's dates in words.
    pub dates: String,
    /// Who took part in the Forum and who supported it (sect. I).
    pub participation: Vec<CitedText>,
    /// The round tables, by number.
    pub round_tables: Vec<RoundTableSummary>,
    /// What the summaries say of all four round tables at once.
    pub round_tables_introduction: Vec<PointView>,
    /// The statements made at all round tables.
    pub total_statements: u32,
    /// The policy debate.
    pub policy_debate: PolicyDebateView,
    /// The plenary's general debate in figures.
    pub general_debate: GeneralDebateView,
    /// The plenary's opening speakers.
    pub opening_speakers: Vec<SpeakerView>,
    /// The themes of the general debate, each with its key points.
    pub themes: Vec<ThemeView>,
    /// The pledging figures, as the source states them.
    pub pledging: Vec<FigureView>,
    /// What the pledges covered, as the summaries describe them.
    pub pledging_points: Vec<PointView>,
    /// The pledging dashboard's address, if any.
    pub dashboard: Option<String>,
    /// The Progress Declaration and how it was adopted.
    pub declaration: DeclarationView,
    /// All 23 objectives, with their round table, key points and pledges.
    pub objectives: Vec<ObjectiveSummary>,
    /// Pledges per objective, as chart bars.
    pub chart_objective: Vec<ObjectiveBar>,
    /// Pledges per entity type, as chart bars.
    pub chart_entity_type: Vec<Bar>,
    /// How many pledge records state at least one objective.
    pub pledges_with_objectives: usize,
    /// All pledge records counted, with what the count rests on.
    pub all_pledges: CountText,
}

/// A speaker as `partials/speaker.typ.j2` prints them.
#[derive(Serialize)]
pub struct SpeakerView {
    /// "Name, Title, Affiliation".
    pub name: String,
    /// Their role in the session, if stated.
    pub role: Option<String>,
    /// Their main remarks, one sentence each.
    pub remarks: Vec<String>,
    /// The source of the section.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// A speaker with their remarks, one line each, and the citation of the section.
fn speaker(index: &Index, s: &Speaker, cite: &mut Citations) -> SpeakerView {
    let ed = index.ed;
    let mut line = s.name.clone();
    if let Some(title) = &s.title {
        line.push_str(&format!(", {}", ed.prose(title)));
    }
    if let Some(affiliation) = &s.affiliation {
        line.push_str(&format!(", {}", ed.prose(affiliation)));
    }
    SpeakerView {
        name: line,
        role: ed.prose_opt(s.role.as_deref()),
        remarks: s.remarks.iter().map(|r| ed.prose(r)).collect(),
        reference: cite.summaries(index.data, &s.source),
    }
}

/// A round table in the overview's list.
#[derive(Serialize)]
pub struct RoundTableSummary {
    /// Its number.
    pub number: u8,
    /// The objectives it reviewed.
    pub objectives: Vec<ObjectiveNo>,
    /// Those objectives as "5. Regular pathways".
    pub labels: Vec<String>,
    /// Its co-chairs, one line each.
    pub co_chairs: Vec<String>,
    /// How many statements were made in its discussion, if recorded.
    pub statements: Option<u32>,
    /// The source of its section.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The hearing before the Forum.
#[derive(Serialize)]
pub struct HearingView {
    /// Its date in words.
    pub date: String,
    /// What it was.
    pub description: String,
    /// Its source.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The side events held around the Forum.
#[derive(Serialize)]
pub struct SideEventsView {
    /// How many were held in person.
    pub in_person: u32,
    /// How many were held online, if recorded.
    #[serde(rename = "virtual")]
    pub online: Option<u32>,
    /// Their source.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// A sourced statement.
#[derive(Serialize)]
pub struct CitedText {
    /// The statement, in our words.
    pub text: String,
    /// Its source.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The policy debate.
#[derive(Serialize)]
pub struct PolicyDebateView {
    /// What it focused on.
    pub focus: String,
    /// Who opened it, if recorded.
    pub opening: Option<SpeakerView>,
    /// Its moderator, one line, if recorded.
    pub moderator: Option<String>,
    /// Its panellists, one line each.
    pub panellists: Vec<String>,
    /// Who closed it, if recorded.
    pub closing: Option<SpeakerView>,
    /// How many statements were made, if recorded.
    pub statements: Option<u32>,
    /// The principle the debate put first, if the summaries say.
    pub principle: Option<CitedText>,
    /// Its key points.
    pub points: Vec<PointView>,
    /// The source of its section.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The plenary's general debate in figures.
#[derive(Serialize)]
pub struct GeneralDebateView {
    /// Statements by Member States.
    pub state_statements: u32,
    /// Statements by observers.
    pub observer_statements: u32,
    /// Statements on behalf of groups of States.
    pub group_statements: u32,
    /// The groups those were made for.
    pub on_behalf_of: Vec<String>,
    /// How many heads of State or government spoke.
    pub heads_of_government: u32,
    /// How many ministers spoke.
    pub ministers: u32,
    /// How many vice-ministers spoke.
    pub vice_ministers: u32,
    /// The source of its section.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// A theme of the general debate.
#[derive(Serialize)]
pub struct ThemeView {
    /// The theme.
    pub title: String,
    /// What was said on it.
    pub points: Vec<PointView>,
}

/// A figure exactly as the source states it ("more than 150").
#[derive(Serialize)]
pub struct FigureView {
    /// The figure.
    pub value: String,
    /// What it counts.
    pub label: String,
    /// Its source.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The Progress Declaration.
#[derive(Serialize)]
pub struct DeclarationView {
    /// The draft documents the closing segment considered.
    pub considered: Vec<String>,
    /// The document adopted.
    pub document: String,
    /// How it was adopted.
    pub adoption: String,
    /// Its co-facilitators, one line each.
    pub co_facilitators: Vec<String>,
    /// What was said in the closing segment.
    pub points: Vec<PointView>,
    /// The source of its section.
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// One objective in the overview's table of all 23.
#[derive(Serialize)]
pub struct ObjectiveSummary {
    /// Its number.
    pub number: ObjectiveNo,
    /// Its full title.
    pub title: String,
    /// Its short label.
    pub short_label: String,
    /// The round table that reviewed it, if one did.
    pub round_table: Option<u8>,
    /// How many key points the Forum made on it.
    pub points: usize,
    /// The pledge records naming it, with what the count rests on.
    pub pledges: CountText,
}

pub fn context(index: &Index, cite: &mut Citations) -> Overview {
    let data = index.data;
    let forum = &data.forum;
    let info = &forum.forum;
    let plenary = &forum.plenary;
    let debate = &forum.policy_debate;

    let round_tables: Vec<RoundTableSummary> = forum
        .round_tables
        .iter()
        .map(|t| RoundTableSummary {
            number: t.number,
            objectives: t.objectives.clone(),
            labels: t
                .objectives
                .iter()
                .map(|&n| format!("{n}. {}", index.objective_title(n).1))
                .collect(),
            co_chairs: people(index, &t.co_chairs),
            statements: t.statements,
            reference: cite.summaries(data, &t.source),
        })
        .collect();

    let objectives: Vec<ObjectiveSummary> = ObjectiveNo::all()
        .map(|n| {
            let points = index.key_points(n).len();
            let table = forum
                .round_tables
                .iter()
                .find(|t| t.objectives.contains(&n))
                .map(|t| t.number);
            let naming: Vec<_> = data
                .pledges
                .iter()
                .filter(|p| p.objectives.value.contains(&n))
                .collect();
            let pledges = count_text(index, &naming, |p| p.objectives.flag.is_some());
            let (title, short) = index.objective_title(n);
            ObjectiveSummary {
                number: n,
                title: title.to_string(),
                short_label: short.to_string(),
                round_table: table,
                points,
                pledges,
            }
        })
        .collect();

    let gd = &plenary.general_debate;
    let declaration = &plenary.progress_declaration;
    // Fields are built in this order on purpose: sources are numbered as they are cited.
    let mut brief = Overview {
        world: super::state::world(index, cite),
        chair: person(index, &info.chair),
        chair_ref: info
            .chair
            .source
            .as_deref()
            .map(|s| cite.summaries(data, s)),
        edition: index.ed.prose_opt(info.edition.as_deref()),
        mandate: index.ed.prose_opt(info.mandate.as_deref()),
        hearing: info.hearing.as_ref().map(|h| HearingView {
            date: index.ed.date(&h.date),
            description: index.ed.prose(&h.description),
            reference: cite.summaries(data, &h.source),
        }),
        side_events: info.side_events.as_ref().map(|s| SideEventsView {
            in_person: s.in_person,
            online: s.online,
            reference: cite.summaries(data, &s.source),
        }),
        forum_ref: cite.summaries(data, &info.source),
        participation: info
            .participation
            .iter()
            .map(|p| CitedText {
                text: index.ed.prose(&p.text),
                reference: cite.summaries(data, &p.source),
            })
            .collect(),
        dates: index.ed.date_range(&info.start_date, &info.end_date),
        round_tables,
        round_tables_introduction: forum
            .round_tables_introduction
            .iter()
            .map(|p| point(index, p, cite))
            .collect(),
        total_statements: forum.round_tables.iter().filter_map(|t| t.statements).sum(),
        policy_debate: PolicyDebateView {
            focus: index.ed.prose(&debate.focus),
            opening: debate
                .opening_speaker
                .as_ref()
                .map(|s| speaker(index, s, cite)),
            moderator: debate.moderator.as_ref().map(|p| person(index, p)),
            panellists: people(index, &debate.panellists),
            closing: debate
                .closing_speaker
                .as_ref()
                .map(|s| speaker(index, s, cite)),
            statements: debate.statements,
            principle: debate.principle.as_ref().map(|p| CitedText {
                text: index.ed.prose(&p.text),
                reference: cite.summaries(data, &p.source),
            }),
            points: debate
                .key_points
                .iter()
                .map(|p| point(index, p, cite))
                .collect(),
            reference: cite.summaries(data, &debate.source),
        },
        general_debate: GeneralDebateView {
            state_statements: gd.state_statements,
            observer_statements: gd.observer_statements,
            group_statements: gd.group_statements,
            on_behalf_of: gd
                .group_statements_on_behalf_of
                .iter()
                .map(|g| index.ed.prose(g))
                .collect(),
            heads_of_government: gd.heads_of_government,
            ministers: gd.ministers,
            vice_ministers: gd.vice_ministers,
            reference: cite.summaries(data, &gd.source),
        },
        opening_speakers: plenary
            .opening_speakers
            .iter()
            .map(|s| speaker(index, s, cite))
            .collect(),
        themes: plenary
            .themes
            .iter()
            .map(|t| ThemeView {
                title: index.ed.prose(&t.title),
                points: t.key_points.iter().map(|p| point(index, p, cite)).collect(),
            })
            .collect(),
        pledging: plenary
            .pledging
            .figures
            .iter()
            .map(|f| FigureView {
                value: index.ed.prose(&f.value),
                label: index.ed.prose(&f.label),
                reference: cite.summaries(data, &f.source),
            })
            .collect(),
        pledging_points: plenary
            .pledging
            .key_points
            .iter()
            .map(|p| point(index, p, cite))
            .collect(),
        dashboard: plenary.pledging.dashboard.clone(),
        declaration: DeclarationView {
            considered: declaration
                .considered
                .iter()
                .map(|c| index.ed.prose(c))
                .collect(),
            document: declaration.document.clone(),
            adoption: index.ed.prose(&declaration.adoption),
            co_facilitators: people(index, &declaration.co_facilitators),
            points: declaration
                .key_points
                .iter()
                .map(|p| point(index, p, cite))
                .collect(),
            reference: cite.summaries(data, &declaration.source),
        },
        objectives,
        chart_objective: by_objective(index, data.pledges.iter()),
        chart_entity_type: by_entity_type(index, data.pledges.iter()),
        pledges_with_objectives: data
            .pledges
            .iter()
            .filter(|p| !p.objectives.value.is_empty())
            .count(),
        all_pledges: count_text(index, &data.pledges.iter().collect::<Vec<_>>(), |_| false),
        in_brief: Vec::new(),
    };
    brief.in_brief = super::in_brief::overview(index, &brief, cite);
    brief
}

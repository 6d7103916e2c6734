//! "In brief": three to five sentences on page 1 of every brief that say its point, each with the
//! number of the source that says it. They are built only from what the brief itself prints and
//! cites: a vote, a role, a key point, a count; nothing here is new to the brief.

use serde::Serialize;

use super::delegation::Delegation;
use super::objective::ObjectiveBrief;
use super::overview::Overview;
use super::region::RegionBrief;
use super::{Citations, Index};
use crate::model::{PointKind, VoteCast};

/// One sentence of "In brief", with its source's number.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub text: String,
    #[serde(rename = "ref")]
    pub reference: usize,
}

fn sentence(text: String, reference: usize) -> Sentence {
    Sentence { text, reference }
}

/// The source of every pledge count: the pledge records, as the dataset names them.
fn pledge_records(index: &Index, cite: &mut Citations) -> usize {
    let pledges = &index.data.declared.pledges;
    match &pledges.source {
        Some(source) => cite.cite(&format!("Recorded pledges: {source}")),
        None => cite.cite(&format!(
            "Recorded pledges of the dataset “{}”",
            index.data.declared.name
        )),
    }
}

/// "the 39 recorded pledges (about 214 were reported)" or "the 39 recorded pledges".
fn recorded(index: &Index) -> String {
    let data = index.data;
    match &data.declared.pledges.reported_total {
        Some(total) if data.declared.pledges.coverage == crate::model::Coverage::Partial => {
            format!(
                "the {} recorded pledges (of {total} reported)",
                data.pledges.len()
            )
        }
        _ => format!("the {} recorded pledges", data.pledges.len()),
    }
}

/// The short names the United Nations writes with "the" in running text (UNTERM).
const WITH_ARTICLE: [&str; 24] = [
    "Bahamas",
    "Central African Republic",
    "Comoros",
    "Congo",
    "Democratic People's Republic of Korea",
    "Democratic Republic of the Congo",
    "Dominican Republic",
    "Gambia",
    "Holy See",
    "Lao People's Democratic Republic",
    "Maldives",
    "Marshall Islands",
    "Niger",
    "Philippines",
    "Republic of Korea",
    "Republic of Moldova",
    "Russian Federation",
    "Solomon Islands",
    "State of Palestine",
    "Sudan",
    "Syrian Arab Republic",
    "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland",
    "United Republic of Tanzania",
];

/// `name` as running text writes it: "the Philippines", "the United States of America".
fn in_text(name: &str) -> String {
    if WITH_ARTICLE.contains(&name) || name == "United States of America" {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// "panellist of Round Table 1" -> "a panellist of Round Table 1" ("an" before a vowel).
fn with_indefinite_article(role: &str) -> String {
    match role.chars().next() {
        Some(c) if "aeiou".contains(c) => format!("an {role}"),
        Some(c) if c.is_lowercase() => format!("a {role}"),
        _ => role.to_string(),
    }
}

/// `text` with its first letter in capitals, to open a sentence.
fn opening(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The first four-digit year `text` names, for ordering (none sorts last).
fn first_year(text: &str) -> u32 {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .and_then(|w| w.parse().ok())
        .unwrap_or(u32::MAX)
}

/// A delegation: its vote on the Compact and any later recorded change, its role at the Forum,
/// Champion status, its migrants and emigrants, its pledges.
pub(super) fn delegation(index: &Index, d: &Delegation, cite: &mut Citations) -> Vec<Sentence> {
    let name = &in_text(&d.country.name);
    let subject = opening(name);
    let mut said = Vec::new();
    if let Some(v) = d.votes.iter().find(|v| v.gcm) {
        let how = match v.vote {
            VoteCast::Yes => format!("{subject} voted in favour of"),
            VoteCast::No => format!("{subject} voted against"),
            VoteCast::Abstain => format!("{subject} abstained on"),
            VoteCast::Absent => format!("{subject} cast no vote on"),
            VoteCast::NotMember => format!("{subject}, an observer State, had no vote on"),
        };
        said.push(sentence(
            format!(
                "{how} the Global Compact for Migration ({}) in the General Assembly on {}.",
                v.resolution, v.date
            ),
            v.reference,
        ));
    }
    // A change of position on the Compact, in the record's own words (two at most: Brazil left
    // and came back).
    const CHANGE: [&str; 6] = ["revis", "withdr", "dissociat", "return", "rejoin", "revers"];
    let mut changes: Vec<_> = d
        .facts
        .iter()
        .filter(|f| {
            let lower = f.text.to_lowercase();
            (lower.contains("gcm") || lower.contains("compact"))
                && CHANGE.iter().any(|w| lower.contains(w))
        })
        .collect();
    // In the order they happened: by the first year each names.
    changes.sort_by_key(|f| first_year(&f.text));
    for f in changes.into_iter().take(2) {
        said.push(sentence(f.text.clone(), f.reference));
    }
    let role_at = d.roles.first().map(|r| {
        let more = match d.roles.len() {
            1 => String::new(),
            n => format!(
                "; the summaries name {} more role(s) of its delegation",
                n - 1
            ),
        };
        said.push(sentence(
            format!(
                "At the Forum, {}, {}, was {}{more}.",
                r.person,
                r.capacity,
                with_indefinite_article(&r.role)
            ),
            r.reference,
        ));
        said.len() - 1
    });
    let champion_at = d.champion.as_ref().map(|c| {
        said.push(sentence(format!("{}.", c.sentence), c.reference));
        said.len() - 1
    });
    if let Some(m) = &d.migrants {
        if let (Some(latest), Some(short)) = (&m.immigrants.latest, &m.immigrants.latest_short) {
            let since = m
                .immigrants
                .points
                .iter()
                .find(|p| p.year == 2000 && latest.year > 2000)
                .map_or(String::new(), |p| {
                    format!(" (2000: {})", super::state::short_number(p.value))
                });
            let abroad = m
                .emigrants
                .latest_short
                .as_ref()
                .map_or(String::new(), |e| {
                    format!("; {e} people from {name} lived abroad")
                });
            said.push(sentence(
                format!(
                    "In {}, {short} migrants lived in {name}{since}{abroad} (UN DESA).",
                    latest.year
                ),
                m.reference,
            ));
        }
    }
    let inferred = d
        .by_others
        .iter()
        .filter(|p| p.countries.flag.is_some())
        .count();
    let hedge = match inferred {
        0 => String::new(),
        n => format!(" ({n} of them on an inferred country)"),
    };
    let others = match d.by_others_count {
        0 => "none by others is implemented there".to_string(),
        1 => format!("1 by others is implemented there{hedge}"),
        n => format!("{n} by others are implemented there{hedge}"),
    };
    said.push(sentence(
        format!(
            "Of {}, {} made by {name}, and {others}.",
            recorded(index),
            match d.own_count {
                0 => "none was".to_string(),
                1 => "1 was".to_string(),
                n => format!("{n} were"),
            }
        ),
        pledge_records(index, cite),
    ));
    // Five at most: the Champion line, then the role (both printed below) give way to a change
    // of position.
    for at in [champion_at, role_at].into_iter().flatten() {
        if said.len() > 5 {
            said.remove(at);
        }
    }
    said
}

/// An objective: the round table that reviewed it, one point of progress and one challenge the
/// Forum recorded, the pledges naming it.
pub(super) fn objective(index: &Index, o: &ObjectiveBrief, cite: &mut Citations) -> Vec<Sentence> {
    let number = o.objective.number;
    let mut said = Vec::new();
    if let Some(rt) = &o.round_table {
        let others: Vec<String> = rt.others.iter().map(|r| r.number.to_string()).collect();
        let with = match others.len() {
            0 => String::new(),
            _ => format!(" together with objectives {}", others.join(", ")),
        };
        said.push(sentence(
            format!(
                "Round table {} reviewed objective {number}{with}.",
                rt.number
            ),
            rt.reference,
        ));
    }
    // What the Forum recorded as progress and as a challenge; where it recorded none of one,
    // the first point of the nearest kind, under its own heading.
    for kinds in [
        [
            PointKind::Progress,
            PointKind::Practice,
            PointKind::Observation,
        ],
        [
            PointKind::Challenge,
            PointKind::CallToAction,
            PointKind::Commitment,
        ],
    ] {
        let first = kinds.iter().find_map(|kind| {
            o.groups
                .iter()
                .filter(|g| g.kind == *kind)
                .flat_map(|g| &g.points)
                .next()
        });
        if let Some(p) = first {
            said.push(sentence(
                format!("{}: {}", p.kind_label, p.text),
                p.reference,
            ));
        }
    }
    if o.point_count == 0 {
        if let Some(rt) = &o.round_table {
            said.push(sentence(
                format!("The summaries record no key point on objective {number}."),
                rt.reference,
            ));
        }
    }
    said.push(counted(
        index,
        cite,
        o.pledge_count,
        ("names", "name"),
        &format!("objective {number}"),
        &o.pledge_count_text.note,
    ));
    said
}

/// "Of the 39 recorded pledges (of about 214 reported), 4 are implemented in Europe (1 naming a
/// region but no country)." `verbs`: the singular and the plural; `note`: what the count rests on.
fn counted(
    index: &Index,
    cite: &mut Citations,
    count: usize,
    (one, many): (&str, &str),
    what: &str,
    note: &str,
) -> Sentence {
    let note = if note.is_empty() {
        String::new()
    } else {
        format!(" ({note})")
    };
    // "none names objective 5", not "0 name objective 5".
    let (count, verb) = match count {
        0 => ("none".to_string(), one),
        1 => ("1".to_string(), one),
        n => (n.to_string(), many),
    };
    sentence(
        format!("Of {}, {count} {verb} {what}{note}.", recorded(index)),
        pledge_records(index, cite),
    )
}

/// A region: its States' migrants and share of the world's, their votes on the Compact, the
/// pledges implemented there.
pub(super) fn region(index: &Index, r: &RegionBrief, cite: &mut Citations) -> Vec<Sentence> {
    let name = &r.region.name;
    let states = r.region.iso3.len();
    let mut said = Vec::new();
    if let Some(t) = &r.totals {
        let share = t
            .share
            .as_ref()
            .map_or(String::new(), |s| format!(", {s} per cent of the world's"));
        said.push(sentence(
            format!(
                "In {}, {} migrants lived in the {states} States of {name}{share}; {} people from them lived abroad (UN DESA).",
                t.year, t.migrants_short, t.emigrants_short
            ),
            t.reference,
        ));
    }
    if let Some(reference) = r.votes_ref {
        let votes: Vec<String> = r
            .gcm_votes
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| format!("{} {}", c.count, c.label.to_lowercase()))
            .collect();
        if !votes.is_empty() {
            said.push(sentence(
                format!(
                    "On the Global Compact for Migration (A/RES/73/195, 19 December 2018) its States' votes were: {}.",
                    votes.join(", ")
                ),
                reference,
            ));
        }
    }
    said.push(counted(
        index,
        cite,
        r.pledge_counts.total,
        ("is", "are"),
        &format!("implemented in {name}"),
        &r.pledge_counts.note,
    ));
    said
}

/// The overview: what the Forum adopted, the summaries' headline figures on pledges, and what
/// the pledge figures of these briefs rest on.
pub(super) fn overview(index: &Index, o: &Overview, cite: &mut Citations) -> Vec<Sentence> {
    let mut said = Vec::new();
    let d = &o.declaration;
    said.push(sentence(
        format!(
            "The Forum {} the Progress Declaration of the International Migration Review Forum, contained in document {}.",
            d.adoption, d.document
        ),
        d.reference,
    ));
    if let Some(first) = o.pledging.first() {
        let figures: Vec<String> = o
            .pledging
            .iter()
            .filter(|f| f.reference == first.reference)
            .map(|f| format!("{} {}", f.value, f.label))
            .collect();
        said.push(sentence(
            format!("The summaries count {}.", figures.join("; ")),
            first.reference,
        ));
    }
    said.push(sentence(
        format!(
            "The pledge figures of these briefs count {}: what was recorded, not the full picture.",
            recorded(index)
        ),
        pledge_records(index, cite),
    ));
    said
}

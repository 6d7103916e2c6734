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
        Some(source) => cite.cite(&index.t(
            "source-recorded-pledges",
            &crate::args!["source" => source.as_str()],
        )),
        None => cite.cite(&index.t(
            "source-recorded-pledges-of-dataset",
            &crate::args!["dataset" => index.data.declared.name.as_str()],
        )),
    }
}

/// "the 39 recorded pledges (about 214 were reported)" or "the 39 recorded pledges".
fn recorded(index: &Index) -> String {
    let data = index.data;
    let n = data.pledges.len();
    match &data.declared.pledges.reported_total {
        Some(total) if data.declared.pledges.coverage == crate::model::Coverage::Partial => index
            .t(
                "brief-recorded-of-reported",
                &crate::args![
                    "n" => n,
                    "count" => index.count(n),
                    "reported" => index.ed.prose(total)
                ],
            ),
        _ => index.t(
            "brief-recorded",
            &crate::args!["n" => n, "count" => index.count(n)],
        ),
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
    let english = index.ed.lang == "en";
    let name = &d.name_in_text;
    let subject = if english { opening(name) } else { name.clone() };
    let mut said = Vec::new();
    if let Some(v) = d.votes.iter().find(|v| v.gcm) {
        let vote = match v.vote {
            VoteCast::Yes => "yes",
            VoteCast::No => "no",
            VoteCast::Abstain => "abstain",
            VoteCast::Absent => "absent",
            VoteCast::NotMember => "not-member",
        };
        said.push(sentence(
            index.t(
                "brief-gcm-vote",
                &crate::args![
                    "vote" => vote,
                    "country" => subject.as_str(),
                    "resolution" => v.resolution.as_str(),
                    "date" => v.date.as_str()
                ],
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
            let lower = f.english.to_lowercase();
            (lower.contains("gcm") || lower.contains("compact"))
                && CHANGE.iter().any(|w| lower.contains(w))
        })
        .collect();
    // In the order they happened: by the first year each names.
    changes.sort_by_key(|f| first_year(&f.english));
    for f in changes.into_iter().take(2) {
        said.push(sentence(f.text.clone(), f.reference));
    }
    let role_at = d.roles.first().map(|r| {
        let more = match d.roles.len() {
            1 => String::new(),
            n => index.t(
                "brief-role-more",
                &crate::args!["n" => n - 1, "count" => index.count(n - 1)],
            ),
        };
        let role = if english {
            with_indefinite_article(&r.role)
        } else {
            r.role.clone()
        };
        said.push(sentence(
            index.t(
                "brief-role",
                &crate::args![
                    "person" => r.person.as_str(),
                    "capacity" => r.capacity.as_str(),
                    "role" => role,
                    "more" => more
                ],
            ),
            r.reference,
        ));
        said.len() - 1
    });
    let champion_at = d.champion.as_ref().map(|c| {
        said.push(sentence(
            index.t(
                "brief-champion",
                &crate::args!["sentence" => c.sentence.as_str()],
            ),
            c.reference,
        ));
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
                    format!(
                        " {}",
                        index.t(
                            "brief-migrants-since",
                            &crate::args![
                                "year" => p.year,
                                "value" => super::state::short_figure(index, p.value)
                            ],
                        )
                    )
                });
            let text = match &m.emigrants.latest_short {
                Some(e) => index.t(
                    "brief-migrants-and-abroad",
                    &crate::args![
                        "year" => latest.year,
                        "migrants" => short.as_str(),
                        "country" => name.as_str(),
                        "since" => since,
                        "emigrants" => e.as_str()
                    ],
                ),
                None => index.t(
                    "brief-migrants",
                    &crate::args![
                        "year" => latest.year,
                        "migrants" => short.as_str(),
                        "country" => name.as_str(),
                        "since" => since
                    ],
                ),
            };
            said.push(sentence(text, m.reference));
        }
    }
    let inferred = d
        .by_others
        .iter()
        .filter(|p| p.countries.flag.is_some())
        .count();
    let hedge = match inferred {
        0 => String::new(),
        n => format!(
            " {}",
            index.t(
                "brief-on-inferred-country",
                &crate::args!["n" => n, "count" => index.count(n)],
            )
        ),
    };
    said.push(sentence(
        index.t(
            "brief-delegation-pledges",
            &crate::args![
                "recorded" => recorded(index),
                "own" => d.own_count,
                "own_count" => index.count(d.own_count),
                "country" => name.as_str(),
                "others" => d.by_others_count,
                "others_count" => index.count(d.by_others_count),
                "hedge" => hedge
            ],
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
        let text = match others.len() {
            0 => index.t(
                "brief-round-table",
                &crate::args!["table" => rt.number, "objective" => number.to_string()],
            ),
            n => index.t(
                "brief-round-table-with",
                &crate::args![
                    "table" => rt.number,
                    "objective" => number.to_string(),
                    "n" => n,
                    "others" => others.join(", ")
                ],
            ),
        };
        said.push(sentence(text, rt.reference));
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
                index.t(
                    "brief-point",
                    &crate::args!["kind" => p.kind_label.as_str(), "text" => p.text.as_str()],
                ),
                p.reference,
            ));
        }
    }
    if o.point_count == 0 {
        if let Some(rt) = &o.round_table {
            said.push(sentence(
                index.t(
                    "brief-no-key-point",
                    &crate::args!["objective" => number.to_string()],
                ),
                rt.reference,
            ));
        }
    }
    said.push(counted(
        index,
        cite,
        o.pledge_count,
        ("brief-objective-pledges", "objective", &number.to_string()),
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
    (key, what, name): (&str, &str, &str),
    note: &str,
) -> Sentence {
    let note = if note.is_empty() {
        String::new()
    } else {
        format!(" ({note})")
    };
    // "none names objective 5", not "0 name objective 5": the messages say so.
    let mut args = crate::args![
        "recorded" => recorded(index),
        "n" => count,
        "count" => index.count(count),
        "note" => note
    ];
    args.set(what, crate::i18n::arg(name));
    sentence(index.t(key, &args), pledge_records(index, cite))
}

/// A region: its States' migrants and share of the world's, their votes on the Compact, the
/// pledges implemented there.
pub(super) fn region(index: &Index, r: &RegionBrief, cite: &mut Citations) -> Vec<Sentence> {
    let name = &r.region.name;
    let states = r.region.iso3.len();
    let mut said = Vec::new();
    if let Some(t) = &r.totals {
        let mut args = crate::args![
            "year" => t.year,
            "migrants" => t.migrants_short.as_str(),
            "n" => states,
            "states" => index.count(states),
            "region" => name.as_str(),
            "emigrants" => t.emigrants_short.as_str()
        ];
        let key = match &t.share {
            Some(share) => {
                args.set("share", crate::i18n::arg(share));
                "brief-region-migrants-share"
            }
            None => "brief-region-migrants",
        };
        said.push(sentence(index.t(key, &args), t.reference));
    }
    if let Some(reference) = r.votes_ref {
        let votes: Vec<String> = r
            .gcm_votes
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| c.phrase.clone())
            .collect();
        if !votes.is_empty() {
            said.push(sentence(
                index.t(
                    "brief-region-votes",
                    &crate::args![
                        "resolution" => super::state::GCM_RESOLUTION,
                        "date" => index.ed.date("2018-12-19"),
                        "votes" => votes.join(", ")
                    ],
                ),
                reference,
            ));
        }
    }
    said.push(counted(
        index,
        cite,
        r.pledge_counts.total,
        ("brief-region-pledges", "region", name),
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
        index.t(
            "brief-declaration",
            &crate::args![
                "adoption" => d.adoption.as_str(),
                "document" => d.document.as_str()
            ],
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
            index.t(
                "brief-summaries-count",
                &crate::args!["figures" => figures.join("; ")],
            ),
            first.reference,
        ));
    }
    said.push(sentence(
        index.t(
            "brief-pledge-figures",
            &crate::args!["recorded" => recorded(index)],
        ),
        pledge_records(index, cite),
    ));
    said
}

//! The States' record (`record:` in `dataset.yaml`): General Assembly votes, GCM Champions,
//! sourced facts and named roles at the Forum, each keyed by ISO3 and checked against the countries.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::read_rows;
use crate::error::Problem;
use crate::model::{
    Champion, Country, Fact, ForumRole, Origin, Record, RecordFiles, Vote, VoteCast,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteRow {
    iso3: String,
    resolution: String,
    date: String,
    title: String,
    vote: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChampionRow {
    iso3: String,
    since: String,
    source_url: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactRow {
    iso3: String,
    fact: String,
    /// Our own wording, when it differs from `fact`.
    #[serde(default)]
    text: Option<String>,
    source_url: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleRow {
    iso3: String,
    role: String,
    person: String,
    capacity: String,
    source_section: String,
}

/// Reads the record files named in `files`; every row's ISO3 must be a country of the dataset.
pub fn load(
    root: &Path,
    files: &RecordFiles,
    countries: &[Country],
    problems: &mut Vec<Problem>,
) -> Record {
    let known = |path: &Path, line: usize, iso3: &str, problems: &mut Vec<Problem>| {
        let found = countries
            .binary_search_by(|c| c.iso3.as_str().cmp(iso3))
            .is_ok();
        if !found {
            let message = format!("`{iso3}` is not an ISO3 code of the countries file");
            problems.push(Problem::new(path, Some(line), "iso3", message));
        }
        found
    };
    let mut record = Record {
        votes_source: files.votes_source.clone(),
        champions_note: files.champions_note.clone(),
        group_observers: files.group_observers.clone(),
        ..Record::default()
    };

    let path = root.join(&files.votes);
    for (line, row) in read_rows::<VoteRow>(&path, problems) {
        let cast = match row.vote.trim() {
            "yes" => VoteCast::Yes,
            "no" => VoteCast::No,
            "abstain" => VoteCast::Abstain,
            "absent" => VoteCast::Absent,
            "not a member" => VoteCast::NotMember,
            other => {
                let message =
                    format!("`{other}` is not a vote (yes, no, abstain, absent or not a member)");
                problems.push(Problem::new(&path, Some(line), "vote", message));
                continue;
            }
        };
        if known(&path, line, &row.iso3, problems) {
            let vote = Vote {
                resolution: row.resolution,
                date: row.date,
                title: row.title,
                vote: cast,
            };
            record.votes.entry(row.iso3).or_default().push(vote);
        }
    }

    let path = root.join(&files.champions);
    for (line, row) in read_rows::<ChampionRow>(&path, problems) {
        if known(&path, line, &row.iso3, problems) {
            let champion = Champion {
                since: row.since,
                source_url: row.source_url,
                note: row.note.filter(|n| !n.is_empty()),
            };
            if record
                .champions
                .insert(row.iso3.clone(), champion)
                .is_some()
            {
                let message = format!("`{}` is listed twice", row.iso3);
                problems.push(Problem::new(&path, Some(line), "iso3", message));
            }
        }
    }

    let path = root.join(&files.facts);
    for (line, row) in read_rows::<FactRow>(&path, problems) {
        if known(&path, line, &row.iso3, problems) {
            let text = row
                .text
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(row.fact);
            let fact = Fact {
                text,
                source_url: row.source_url,
                note: row.note.filter(|n| !n.is_empty()),
            };
            record.facts.entry(row.iso3).or_default().push(fact);
        }
    }

    let path = root.join(&files.roles);
    for (line, row) in read_rows::<RoleRow>(&path, problems) {
        if known(&path, line, &row.iso3, problems) {
            record.roles.push(role(&path, line, row));
        }
    }
    for iso3 in &files.group_observers {
        if countries.binary_search_by(|c| c.iso3.cmp(iso3)).is_err() {
            let message = format!("`{iso3}` is not an ISO3 code of the countries file");
            problems.push(Problem::new(
                &root.join(super::DATASET_FILE),
                None,
                "record.group_observers",
                message,
            ));
        }
    }
    record
}

/// A role row: "panellist of Round Table 2 (local authority)" is held by a local authority, not
/// by the State; the round table's number is read from the role.
fn role(path: &Path, line: usize, row: RoleRow) -> ForumRole {
    let (role, holder) = match row.role.trim_end().strip_suffix(')') {
        Some(rest) => match rest.rsplit_once(" (") {
            Some((role, holder)) => (role.to_string(), Some(holder.to_string())),
            None => (row.role.clone(), None),
        },
        None => (row.role.clone(), None),
    };
    ForumRole {
        iso3: row.iso3,
        round_table: round_table(&role),
        held_by_state: holder.is_none(),
        role,
        holder,
        person: row.person,
        capacity: row.capacity,
        source_section: row.source_section,
        origin: Origin {
            file: path.to_path_buf(),
            line,
        },
    }
}

fn round_table(role: &str) -> Option<u8> {
    let at = role.find("Round Table ")? + "Round Table ".len();
    let digits: String = role[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Totals of the votes on `resolution`, in the order yes, no, abstain, absent, no vote.
pub fn tally(record: &Record, resolution: &str) -> BTreeMap<VoteCast, usize> {
    let mut counts = BTreeMap::new();
    for vote in record.votes.values().flatten() {
        if vote.resolution == resolution {
            *counts.entry(vote.vote).or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_held_by_others_and_round_tables_are_read() {
        let row = RoleRow {
            iso3: "ZZZ".into(),
            role: "panellist of Round Table 12 (local authority)".into(),
            person: "P".into(),
            capacity: "C".into(),
            source_section: "S".into(),
        };
        let role = role(Path::new("f.csv"), 2, row);
        assert_eq!(role.round_table, Some(12));
        assert!(!role.held_by_state);
        assert_eq!(role.holder.as_deref(), Some("local authority"));
        assert_eq!(role.role, "panellist of Round Table 12");
        assert_eq!(
            round_table("co-facilitator of the Progress Declaration"),
            None
        );
    }
}

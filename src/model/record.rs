//! The States' record: 2018 votes, GCM Champion status, sourced facts, roles at the Forum.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Origin;
/// The States' record, by ISO3; empty when `dataset.yaml` names no record files.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub votes: BTreeMap<String, Vec<Vote>>,
    pub votes_source: String,
    pub champions: BTreeMap<String, Champion>,
    pub champions_note: String,
    pub facts: BTreeMap<String, Vec<Fact>>,
    /// Roles in file order.
    pub roles: Vec<ForumRole>,
    pub group_observers: Vec<String>,
}

/// A State's recorded vote on one General Assembly resolution.
#[derive(Debug, Clone, Serialize)]
pub struct Vote {
    pub resolution: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    pub vote: VoteCast,
}

/// How a State voted; `NotMember` for observer States, which have no vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteCast {
    Yes,
    No,
    Abstain,
    Absent,
    #[serde(rename = "not a member")]
    NotMember,
}

impl VoteCast {
    /// As a brief prints it, in the UN's words for a recorded vote.
    pub fn label(self) -> &'static str {
        match self {
            VoteCast::Yes => "Voted in favour",
            VoteCast::No => "Voted against",
            VoteCast::Abstain => "Abstained",
            VoteCast::Absent => "Absent",
            VoteCast::NotMember => "Not a member (observer State)",
        }
    }

    /// As a table column headed by the vote prints it ("In favour", "Against", ...).
    pub fn short_label(self) -> &'static str {
        match self {
            VoteCast::Yes => "In favour",
            VoteCast::No => "Against",
            other => other.label(),
        }
    }
}

/// The earliest sourced date at which a State is shown as a GCM Champion.
#[derive(Debug, Clone, Serialize)]
pub struct Champion {
    /// As the source allows: "2020-06-04", "2020-07", "by 2023-11", "2020 or 2021 (date unclear)".
    pub since: String,
    pub source_url: String,
    pub note: Option<String>,
}

/// One sourced fact on a State's record, in our own words.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub text: String,
    pub source_url: String,
    pub note: Option<String>,
}

/// A named role at the Forum held by a State's representative, or by a city or an independent
/// institution of that State (`held_by_state` false).
#[derive(Debug, Clone, Serialize)]
pub struct ForumRole {
    pub iso3: String,
    pub role: String,
    pub person: String,
    pub capacity: String,
    /// The section of the summaries that names the role.
    pub source_section: String,
    /// The round table, when the role is at one.
    pub round_table: Option<u8>,
    /// False for a mayor or a national human rights institution: not the State's own role.
    pub held_by_state: bool,
    /// What holds the role when not the State ("local authority", ...), from the file.
    pub holder: Option<String>,
    pub origin: Origin,
}

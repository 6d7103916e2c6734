//! The GCM's objectives and guiding principles, and the forum file: round tables, policy debate,
//! plenary, their speakers and key points.

use serde::{Deserialize, Serialize};

use super::ObjectiveNo;
/// The GCM's objectives and guiding principles (`data/objectives.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Compact {
    pub guiding_principles: Vec<Principle>,
    pub objectives: Vec<Objective>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub number: ObjectiveNo,
    pub title: String,
    pub short_label: String,
    pub verification: String,
    pub note: Option<String>,
}

/// A person on the programme, as the summaries name them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub source: Option<String>,
}

/// How a key point reads in a brief: the heading the source gives the statement. A neutral remark
/// (neither progress, challenge, practice, call nor commitment) is an `observation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    Observation,
    Progress,
    Challenge,
    Practice,
    CallToAction,
    Commitment,
}

/// One briefing bullet, with the section of the source it comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPoint {
    pub kind: PointKind,
    pub text: String,
    #[serde(default)]
    pub objectives: Vec<ObjectiveNo>,
    /// Who tied the point to its `objectives`: the summaries (the default), or the editors of the
    /// data where the summaries tag nothing (the policy debate, two general-debate points). A
    /// brief says on the page which tags are ours.
    #[serde(default, skip_serializing_if = "TaggedBy::is_summaries")]
    pub tagged_by: TaggedBy,
    /// The guiding-principle labels the summaries print in brackets after the point, as they
    /// print them ("international cooperation", "guiding principles"); general debate only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    pub source: String,
}

/// Who tied a key point to its objectives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaggedBy {
    /// The summaries name the objectives for the point.
    #[default]
    Summaries,
    /// The summaries name none; the editors tied the point to the objectives it is about.
    Editors,
}

impl TaggedBy {
    fn is_summaries(&self) -> bool {
        *self == TaggedBy::Summaries
    }
}

/// The forum file (`data/forum/*.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Forum {
    pub source: SourceDoc,
    pub forum: ForumInfo,
    pub round_tables: Vec<RoundTable>,
    /// What the summaries say of all four round tables at once (sect. II, before Round Table
    /// One), in our words: printed with every round table, never as one round table's point.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub round_tables_introduction: Vec<KeyPoint>,
    pub objectives: Vec<ObjectivePoints>,
    pub policy_debate: PolicyDebate,
    pub plenary: Plenary,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    pub title: String,
    pub short: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ForumInfo {
    pub name: String,
    pub short_name: String,
    pub edition: Option<String>,
    pub start_date: String,
    pub end_date: String,
    pub venue: String,
    pub mandate: Option<String>,
    pub chair: Person,
    pub hearing: Option<Hearing>,
    pub side_events: Option<SideEvents>,
    /// Who took part and who supported the Forum, as sect. I says, in our words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participation: Vec<Statement>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hearing {
    pub date: String,
    pub description: String,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SideEvents {
    pub in_person: u32,
    #[serde(rename = "virtual")]
    pub online: Option<u32>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoundTable {
    pub number: u8,
    pub objectives: Vec<ObjectiveNo>,
    #[serde(default)]
    pub date: Option<String>,
    pub co_chairs: Vec<Person>,
    #[serde(default)]
    pub supporting_entities: Vec<String>,
    #[serde(default)]
    pub keynote_speakers: Vec<Person>,
    pub moderator: Option<Person>,
    #[serde(default)]
    pub panellists: Vec<Person>,
    pub statements: Option<u32>,
    #[serde(default)]
    pub cross_cutting: Vec<KeyPoint>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectivePoints {
    pub number: ObjectiveNo,
    pub key_points: Vec<KeyPoint>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDebate {
    pub focus: String,
    #[serde(default)]
    pub co_chairs: Vec<Person>,
    pub opening_speaker: Option<Speaker>,
    pub moderator: Option<Person>,
    #[serde(default)]
    pub panellists: Vec<Person>,
    pub closing_speaker: Option<Speaker>,
    pub statements: Option<u32>,
    /// A principle the summaries say was emphasized in the debate (printed under "Emphasized in
    /// the policy debate": the summaries do not rank it first).
    pub principle: Option<Statement>,
    pub key_points: Vec<KeyPoint>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plenary {
    pub opening_speakers: Vec<Speaker>,
    pub general_debate: GeneralDebate,
    pub themes: Vec<Theme>,
    pub pledging: Pledging,
    pub progress_declaration: ProgressDeclaration,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub name: String,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub role: Option<String>,
    /// The speaker's main remarks, one sentence each, paraphrased.
    #[serde(default)]
    pub remarks: Vec<String>,
    pub source: String,
}

/// A statement with the section of the source it comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GeneralDebate {
    pub state_statements: u32,
    pub observer_statements: u32,
    pub group_statements: u32,
    #[serde(default)]
    pub group_statements_on_behalf_of: Vec<String>,
    pub heads_of_government: u32,
    pub ministers: u32,
    pub vice_ministers: u32,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub title: String,
    pub key_points: Vec<KeyPoint>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pledging {
    pub figures: Vec<Figure>,
    /// What the pledges covered, as the summaries describe them.
    #[serde(default)]
    pub key_points: Vec<KeyPoint>,
    pub dashboard: Option<String>,
    pub source: String,
}

/// A figure exactly as the source states it ("more than 150").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub value: String,
    pub label: String,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressDeclaration {
    /// The draft documents the closing segment considered.
    #[serde(default)]
    pub considered: Vec<String>,
    /// The document adopted.
    pub document: String,
    pub adoption: String,
    #[serde(default)]
    pub co_facilitators: Vec<Person>,
    /// What was said in the closing segment.
    #[serde(default)]
    pub key_points: Vec<KeyPoint>,
    pub source: String,
}

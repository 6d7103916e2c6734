//! The typed data model: the forum, the reference tables and the pledges, as loaded and checked.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A GCM objective number, 1 to 23. Deserializing anything else fails with the value's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ObjectiveNo(u8);

impl ObjectiveNo {
    pub const COUNT: u8 = 23;

    pub fn new(n: i64) -> Option<Self> {
        (1..=i64::from(Self::COUNT))
            .contains(&n)
            .then_some(ObjectiveNo(n as u8))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = ObjectiveNo> {
        (1..=Self::COUNT).map(ObjectiveNo)
    }
}

impl fmt::Display for ObjectiveNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for ObjectiveNo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(deserializer)?;
        ObjectiveNo::new(n).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "objective {n} does not exist (the GCM has objectives 1 to 23)"
            ))
        })
    }
}

/// What `data/dataset.yaml` declares about the data folder.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile {
    pub name: String,
    /// Whether the data comes from official, cited sources. Briefs from other data carry a notice.
    pub official: bool,
    /// The document date printed on every brief (overridden by SOURCE_DATE_EPOCH).
    pub date: String,
    pub forum: PathBuf,
    pub objectives: PathBuf,
    pub countries: PathBuf,
    pub pledges: PledgeCoverage,
    /// The States' record on the Compact and their roles at the Forum (optional).
    #[serde(default)]
    pub record: Option<RecordFiles>,
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Remote copies of data files that `imrf-briefs pull` fetches into the folder (optional).
    /// A build never fetches: it reads the last good copies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote: Vec<RemoteSource>,
}

/// One remote data file (`remote:` in `dataset.yaml`), fetched by `imrf-briefs pull`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteSource {
    /// Where the file is published: `https://` (`http://` only for a loopback host, for tests).
    pub url: String,
    /// Where it goes, relative to the data folder (e.g. `pledges/export.csv`); never outside it.
    pub file: PathBuf,
    /// The file's expected sha256 (hex), to pin one exact version.
    #[serde(default)]
    pub sha256: Option<String>,
}

/// The files of the States' record (`record:` in `dataset.yaml`), relative to the data folder.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecordFiles {
    /// Recorded General Assembly votes (`iso3,resolution,date,title,vote`).
    pub votes: PathBuf,
    /// How the votes are cited on the page.
    pub votes_source: String,
    /// GCM Champion countries with the earliest date a source shows (`iso3,since,source_url,note`).
    pub champions: PathBuf,
    /// What the champions list covers, printed beside it (it is partial).
    pub champions_note: String,
    /// Sourced facts on the States' record (`iso3,fact,source_url,note`, optional `text`).
    pub facts: PathBuf,
    /// Named roles at the Forum (`iso3,role,person,capacity,source_section`).
    pub roles: PathBuf,
    /// States that take part in a UN regional group as observers, not members (the United States
    /// in the Western European and Others Group).
    #[serde(default)]
    pub group_observers: Vec<String>,
}

/// Where the pledges come from and how complete they are.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PledgeCoverage {
    pub folder: PathBuf,
    /// `complete` or `partial`.
    pub coverage: Coverage,
    /// The total the records are part of, as reported (e.g. "about 214").
    pub reported_total: Option<String>,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Complete,
    Partial,
}

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

/// A Member State or observer State (`data/countries.csv`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    pub m49: String,
    pub name: String,
    pub name_formal: String,
    pub name_fr: String,
    pub name_es: String,
    pub un_status: String,
    pub region_code: String,
    pub region: String,
    pub subregion_code: String,
    pub subregion: String,
    pub intermediate_region_code: String,
    pub intermediate_region: String,
    pub un_regional_group: String,
    pub income_level: String,
}

/// A field value with an optional caveat from the source, e.g. "(inferred)".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Flagged<T> {
    pub value: T,
    /// The caveat, without parentheses; printed beside the value.
    pub flag: Option<String>,
}

/// Where a record was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// One pledge record.
#[derive(Debug, Clone, Serialize)]
pub struct Pledge {
    pub id: String,
    pub title: String,
    pub entity: String,
    pub entity_type: Flagged<String>,
    /// ISO3 codes of the countries of implementation; empty when not country-specific.
    pub countries: Flagged<Vec<String>>,
    pub region: Option<String>,
    pub pledge_type: Flagged<Option<String>>,
    pub nature: Flagged<Vec<String>>,
    pub objectives: Flagged<Vec<ObjectiveNo>>,
    pub principles: Flagged<Vec<String>>,
    pub submitted: Option<String>,
    pub source_url: Option<String>,
    pub summary: Option<String>,
    /// Set when the record was submitted after the Forum (after 20 May 2022: not when the pledge
    /// was made or announced) or made at another forum ("after the Forum", "Global Refugee
    /// Forum"), with its caveat; empty when the source does not say.
    pub made_at: Flagged<Option<String>>,
    pub origin: Origin,
}

/// Everything the briefs are made from, loaded and checked.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub root: PathBuf,
    /// What `dataset.yaml` declares.
    pub declared: DatasetFile,
    pub compact: Compact,
    pub forum: Forum,
    pub countries: Vec<Country>,
    pub pledges: Vec<Pledge>,
    /// Country indicators keyed by ISO3 (optional `indicators/*.csv`).
    pub indicators: BTreeMap<String, Vec<Indicator>>,
    /// Per indicator and year, the sum over every area of the indicator files, territories
    /// included (for UN DESA's migrant stock, the world total), with the number of areas.
    pub indicator_totals: BTreeMap<String, BTreeMap<i32, AreaTotal>>,
    /// The States' record: votes, Champion status, sourced facts, Forum roles.
    pub record: Record,
    /// A short hash of every input file, printed in colophons.
    pub data_hash: String,
}

impl Dataset {
    /// The one-line notice that covers, catalogs and binders carry: data not marked official, or
    /// pledge figures that rest on partial records; `None` for complete official data.
    pub fn notice(&self) -> Option<String> {
        let m = &self.declared;
        if !m.official {
            Some(format!("Built from data not marked official ({}).", m.name))
        } else if m.pledges.coverage == Coverage::Partial {
            let total = m.pledges.reported_total.as_ref();
            Some(format!(
                "Pledge figures count the {} pledge records available{}; they are partial.",
                self.pledges.len(),
                total
                    .map(|t| format!(", out of {t} reported"))
                    .unwrap_or_default()
            ))
        } else {
            None
        }
    }
}

/// One value of a country indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Indicator {
    pub indicator: String,
    pub year: i32,
    pub value: f64,
    pub unit: String,
    pub source: String,
}

/// A sum of one indicator over the areas of the indicator files.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct AreaTotal {
    pub value: f64,
    pub areas: usize,
}

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
    /// As a brief prints it.
    pub fn label(self) -> &'static str {
        match self {
            VoteCast::Yes => "Yes",
            VoteCast::No => "No",
            VoteCast::Abstain => "Abstained",
            VoteCast::Absent => "Absent (no vote recorded)",
            VoteCast::NotMember => "No vote (observer State)",
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

//! Typed pieces shared by the delegation and region contexts: a State's migrant figures, its
//! 2018 votes, its Champion status and its roles at the Forum, each carrying its citation.

use serde::Serialize;

use super::{Citations, Index};
use crate::dates::month_date;
use crate::model::{Country, ForumRole, Indicator, ObjectiveNo, VoteCast};

/// UN DESA's indicator for migrants living in a country.
pub const IMMIGRANTS: &str = "International migrant stock";
/// UN DESA's indicator for a country's emigrants living abroad.
pub const EMIGRANTS: &str = "Emigrants living abroad";
/// The resolution adopting the Global Compact for Migration.
pub const GCM_RESOLUTION: &str = "A/RES/73/195";

/// One year's figure.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
    /// The figure with thousands separators ("16,750,000").
    pub display: String,
}

/// One indicator over the years, as a chart line.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// What the line shows ("Migrants living in the country").
    pub label: String,
    pub points: Vec<Point>,
    /// The latest year's figure, if any.
    pub latest: Option<Point>,
    /// The latest figure in words, before a noun ("16.8 million", "16,8 millions de").
    pub latest_short: Option<String>,
    /// Years of the other series (or of the table) with no figure here.
    pub missing_years: Vec<i32>,
    /// Whether any figure is below zero (drawn below the axis and said in the note).
    pub has_negative: bool,
}

/// A State's migrant stock: immigrants and emigrants, with the edition cited.
#[derive(Debug, Clone, Serialize)]
pub struct Migrants {
    pub immigrants: Series,
    pub emigrants: Series,
    /// The source as the table gives it ("UN DESA, International Migrant Stock 2024").
    pub source: String,
    /// Its number in the brief's sources.
    #[serde(rename = "ref")]
    pub reference: usize,
    /// Every year that has a figure in either series, in order.
    pub years: Vec<i32>,
    /// First and last year of the figures.
    pub first_year: i32,
    pub last_year: i32,
}

/// The State's migrant figures from the indicator files; `None` where the files have none.
pub fn migrants(index: &Index, values: &[Indicator], cite: &mut Citations) -> Option<Migrants> {
    fn of<'a>(values: &'a [Indicator], name: &str) -> Vec<&'a Indicator> {
        values.iter().filter(|v| v.indicator == name).collect()
    }
    let (immigrants, emigrants) = (of(values, IMMIGRANTS), of(values, EMIGRANTS));
    if immigrants.is_empty() && emigrants.is_empty() {
        return None;
    }
    let mut years: Vec<i32> = immigrants
        .iter()
        .chain(&emigrants)
        .map(|v| v.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let source = immigrants
        .iter()
        .chain(&emigrants)
        .map(|v| v.source.as_str())
        .find(|s| !s.is_empty())
        .map_or_else(
            || index.t("source-not-stated", &crate::args![]),
            str::to_string,
        );
    Some(Migrants {
        immigrants: series(
            index,
            &index.t("series-immigrants", &crate::args![]),
            &immigrants,
            &years,
        ),
        emigrants: series(
            index,
            &index.t("series-emigrants", &crate::args![]),
            &emigrants,
            &years,
        ),
        reference: cite.cite(&source),
        source,
        first_year: years[0],
        last_year: years[years.len() - 1],
        years,
    })
}

fn series(index: &Index, label: &str, values: &[&Indicator], years: &[i32]) -> Series {
    let points: Vec<Point> = values
        .iter()
        .map(|v| Point {
            year: v.year,
            value: v.value,
            display: figure(index, v.value),
        })
        .collect();
    let latest = points.last().cloned();
    Series {
        label: label.to_string(),
        latest_short: latest.as_ref().map(|p| short_figure_of(index, p.value)),
        latest,
        missing_years: years
            .iter()
            .copied()
            .filter(|y| !points.iter().any(|p| p.year == *y))
            .collect(),
        has_negative: points.iter().any(|p| p.value < 0.0),
        points,
    }
}

/// "16750000" -> "16,750,000"; fractions to one decimal.
pub fn thousands(value: f64) -> String {
    let negative = value < 0.0;
    let abs = value.abs();
    let whole = abs.trunc() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    let fraction = abs - abs.trunc();
    if fraction >= 0.05 {
        out.push_str(&format!(".{}", ((fraction * 10.0).round() as u64).min(9)));
    }
    if negative {
        format!("−{out}")
    } else {
        out
    }
}

/// [`thousands`] in the edition's way: "304,021,813" in English, "304 021 813" in French.
pub fn figure(index: &Index, value: f64) -> String {
    if index.ed.lang == "en" {
        return thousands(value);
    }
    let abs = value.abs();
    let mut out = index.ed.integer(abs.trunc() as i64);
    let fraction = abs - abs.trunc();
    if fraction >= 0.05 {
        out.push_str(&index.t("number-decimal", &crate::args![]));
        out.push_str(&((fraction * 10.0).round() as u64).min(9).to_string());
    }
    if value < 0.0 {
        format!("−{out}")
    } else {
        out
    }
}

/// [`short_number`] in the edition's way: "16.8 million", "16,8 millions".
pub fn short_figure(index: &Index, value: f64) -> String {
    millions(index, value, "number-millions")
}

/// [`short_figure`] before a noun: "8.2 million", "8,2 millions de", "8,2 millones de".
pub fn short_figure_of(index: &Index, value: f64) -> String {
    millions(index, value, "number-millions-of")
}

fn millions(index: &Index, value: f64, key: &str) -> String {
    if index.ed.lang == "en" {
        return short_number(value);
    }
    if value.abs() >= 1e6 {
        let millions = value / 1e6;
        index.t(
            key,
            &crate::args![
                "n" => (millions * 10.0).round() / 10.0,
                "value" => index.ed.decimal(millions, 1)
            ],
        )
    } else {
        figure(index, value)
    }
}

/// "16750000" -> "16.8 million"; below a million, the figure in full.
pub fn short_number(value: f64) -> String {
    if value.abs() >= 1e6 {
        format!("{:.1} million", value / 1e6).replace('-', "−")
    } else {
        thousands(value)
    }
}

/// A recorded vote as a brief shows it.
#[derive(Debug, Clone, Serialize)]
pub struct VoteView {
    pub resolution: String,
    pub title: String,
    /// "19 December 2018".
    pub date: String,
    pub vote: VoteCast,
    /// "Voted in favour", "Voted against", "Abstained", "Absent", "Not a member (observer State)".
    pub label: String,
    /// Whether this is the vote adopting the GCM.
    pub gcm: bool,
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The State's recorded votes, the GCM first.
pub fn votes(index: &Index, iso3: &str, cite: &mut Citations) -> Vec<VoteView> {
    let record = &index.data.record;
    let mut views: Vec<VoteView> = record
        .votes
        .get(iso3)
        .into_iter()
        .flatten()
        .map(|v| VoteView {
            resolution: v.resolution.clone(),
            title: index.ed.prose(&v.title),
            date: index.ed.date(&v.date),
            vote: v.vote,
            label: vote_label(index, v.vote),
            gcm: v.resolution == GCM_RESOLUTION,
            reference: cite.cite(&record.votes_source),
        })
        .collect();
    views.sort_by_key(|v| (!v.gcm, v.resolution.clone()));
    views
}

/// "Voted in favour", "Voted against", ... in the edition's language.
pub fn vote_label(index: &Index, vote: VoteCast) -> String {
    index.t(&format!("vote-{}", vote_key(vote)), &crate::args![])
}

/// "In favour", "Against", ... as a table column prints them.
pub fn vote_short_label(index: &Index, vote: VoteCast) -> String {
    match vote {
        VoteCast::Yes | VoteCast::No => {
            index.t(&format!("vote-short-{}", vote_key(vote)), &crate::args![])
        }
        other => vote_label(index, other),
    }
}

fn vote_key(vote: VoteCast) -> &'static str {
    match vote {
        VoteCast::Yes => "yes",
        VoteCast::No => "no",
        VoteCast::Abstain => "abstain",
        VoteCast::Absent => "absent",
        VoteCast::NotMember => "not-member",
    }
}

/// Champion status as far as the (partial) list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ChampionView {
    /// "4 June 2020", "November 2023", "Nov. 2023 (year inferred; the source gives none)".
    pub by: String,
    /// How the date bounds the status: "by" where the source shows the State as a Champion by
    /// then (the list's `since` starts with "by ", or is not a date: an upper bound, or the
    /// words of the row); "on" or "in" where the row gives the day, month or year it became one.
    pub prep: &'static str,
    /// The preposition and the date: "by 2 November 2023", "on 4 June 2020", "in 2020".
    pub when: String,
    /// The sentence a delegation brief prints: "Shown as a Champion country by 2 November 2023",
    /// "Became a Champion country on 4 June 2020".
    pub sentence: String,
    /// The date as a table cell: "by Nov. 2020", "4 June 2020", "2020", "by Nov. 2023" (with the
    /// hedge apart), "undated" (a source's words, all in the hedge).
    pub short: String,
    /// What the row says of its own date beside the date ("year inferred; the source gives
    /// none"), for a table note; `None` for a plain date.
    pub hedge: Option<String>,
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// A Champion date as a short table cell and the hedge it carries (see [`ChampionView::short`]).
fn short_champion(date: &str, prep: &str) -> (String, Option<String>) {
    let by = if prep == "by" { "by " } else { "" };
    if month_date(date) != date || date.chars().all(|c| c.is_ascii_digit()) {
        return (
            format!("{by}{}", crate::dates::short_month_date(date)),
            None,
        );
    }
    match date.split_once(" (") {
        Some((head, rest)) if head.len() <= 12 => (
            format!("{by}{head}"),
            Some(rest.strip_suffix(')').unwrap_or(rest).to_string()),
        ),
        _ => ("undated".to_string(), Some(date.to_string())),
    }
}

/// [`short_champion`] in the edition's language (the English is [`short_champion`]'s own).
fn short_champion_in(index: &Index, date: &str, prep: &str) -> (String, Option<String>) {
    if index.ed.lang == "en" {
        return short_champion(date, prep);
    }
    let by = |text: String| {
        if prep == "by" {
            index.t(
                "champion-short-by",
                &crate::args!["date" => text, "precision" => precision(date)],
            )
        } else {
            text
        }
    };
    if month_date(date) != date || date.chars().all(|c| c.is_ascii_digit()) {
        return (by(index.ed.short_month_date(date)), None);
    }
    match date.split_once(" (") {
        Some((head, rest)) if head.len() <= 12 => (
            by(index.ed.prose(head)),
            Some(index.ed.prose(rest.strip_suffix(')').unwrap_or(rest))),
        ),
        _ => (
            index.t("champion-undated", &crate::args![]),
            Some(index.ed.prose(date)),
        ),
    }
}

/// What a Champion date gives: "day", "month" (or a year), or "text" (words of the row).
fn precision(date: &str) -> &'static str {
    let iso = |s: &str| s.chars().all(|ch| ch.is_ascii_digit() || ch == '-');
    match date.len() {
        10 if iso(date) => "day",
        4 | 7 if iso(date) => "month",
        _ => "text",
    }
}

pub fn champion(index: &Index, iso3: &str, cite: &mut Citations) -> Option<ChampionView> {
    let c = index.data.record.champions.get(iso3)?;
    let (date, prep) = champion_date(&c.since);
    let by = if index.ed.lang == "en" {
        month_date(date)
    } else if precision(date) == "text" {
        index.ed.prose(date)
    } else {
        index.ed.month_date(date)
    };
    let when = index.t(
        &format!("champion-when-{prep}"),
        &crate::args!["date" => by.as_str(), "precision" => precision(date)],
    );
    let sentence = match prep {
        "by" => index.t("champion-shown", &crate::args!["when" => when.as_str()]),
        _ => index.t("champion-became", &crate::args!["when" => when.as_str()]),
    };
    let (short, hedge) = short_champion_in(index, date, prep);
    Some(ChampionView {
        by,
        prep,
        when,
        sentence,
        short,
        hedge,
        reference: cite.cite(&index.t(
            "source-champion",
            &crate::args!["url" => c.source_url.as_str()],
        )),
    })
}

/// A Champion row's `since` and the preposition it takes: "by 2023-11-02" is an upper bound
/// ("by"); a bare ISO day is exact ("on"), a bare month or year too ("in"); anything else (a
/// hedged date, a source's words) keeps "by", the weakest reading.
pub fn champion_date(since: &str) -> (&str, &'static str) {
    if let Some(date) = since.strip_prefix("by ") {
        return (date, "by");
    }
    let iso = |s: &str| s.chars().all(|ch| ch.is_ascii_digit() || ch == '-');
    match since.len() {
        10 if iso(since) => (since, "on"),
        4 | 7 if iso(since) => (since, "in"),
        _ => (since, "by"),
    }
}

/// A named role at the Forum, with what its round table covered.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    /// "co-chair and co-moderator of Round Table 1".
    pub role: String,
    pub person: String,
    pub capacity: String,
    /// Who held it when not the State ("local authority").
    pub holder: Option<String>,
    pub round_table: Option<u8>,
    /// The round table's objectives ("2 Better data", ...); empty when not at a round table.
    pub objectives: Vec<String>,
    #[serde(rename = "ref")]
    pub reference: usize,
}

/// The State's roles: its own, and (second) those held by a city or institution of the State.
pub fn roles(index: &Index, iso3: &str, cite: &mut Citations) -> (Vec<RoleView>, Vec<RoleView>) {
    let data = index.data;
    let (own, others): (Vec<&ForumRole>, Vec<&ForumRole>) = data
        .record
        .roles
        .iter()
        .filter(|r| r.iso3 == iso3)
        .partition(|r| r.held_by_state);
    let mut view = |r: &ForumRole| RoleView {
        role: index.ed.prose(&r.role),
        person: r.person.clone(),
        capacity: index.ed.prose(&r.capacity),
        holder: index.ed.prose_opt(r.holder.as_deref()),
        round_table: r.round_table,
        objectives: r
            .round_table
            .and_then(|n| data.forum.round_tables.iter().find(|t| t.number == n))
            .map(|t| {
                t.objectives
                    .iter()
                    .map(|&o| objective_label(index, o))
                    .collect()
            })
            .unwrap_or_default(),
        reference: cite.summaries(data, &r.source_section),
    };
    (
        own.into_iter().map(&mut view).collect(),
        others.into_iter().map(&mut view).collect(),
    )
}

fn objective_label(index: &Index, n: ObjectiveNo) -> String {
    format!("{n} {}", index.objective_title(n).1)
}

/// The UN regional group as a brief prints it: an observer is said to be one.
pub fn regional_group(index: &Index, country: &Country) -> String {
    let english = &country.un_regional_group;
    if english.is_empty() {
        return String::new();
    }
    let group = index
        .ed
        .names
        .group(english)
        .map_or_else(|| english.clone(), str::to_string);
    if index.data.record.group_observers.contains(&country.iso3) {
        index.t("group-observer", &crate::args!["group" => group])
    } else {
        group
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(304_021_813.0), "304,021,813");
        assert_eq!(thousands(-1200.0), "−1,200");
        assert_eq!(thousands(12.0), "12");
        assert_eq!(short_number(16_750_000.0), "16.8 million");
        assert_eq!(short_number(2548.0), "2,548");
    }

    #[test]
    fn champion_dates_fit_a_table_cell_and_keep_their_hedge() {
        let short = |since: &str| {
            let (date, prep) = champion_date(since);
            short_champion(date, prep)
        };
        assert_eq!(short("by 2023-11-02"), ("by 2 Nov. 2023".into(), None));
        assert_eq!(short("2020-07"), ("July 2020".into(), None));
        assert_eq!(short("2020"), ("2020".into(), None));
        assert_eq!(
            short("Nov. 2023 (year inferred; the source gives none)"),
            (
                "by Nov. 2023".into(),
                Some("year inferred; the source gives none".into())
            )
        );
        let words = "an article of unknown date (asked in 2020)";
        assert_eq!(short(words), ("undated".into(), Some(words.into())));
    }
}

/// The world's migrants and the GCM vote, for the overview's "World figures" partial.
#[derive(Debug, Clone, Serialize)]
pub struct World {
    /// Migrants in the world, latest year, over every area of the UN DESA table.
    pub migrants: Option<Point>,
    pub migrants_short: Option<String>,
    /// How many countries and areas the world figure sums.
    pub areas: usize,
    pub migrants_source: Option<String>,
    pub migrants_ref: Option<usize>,
    /// The GCM vote (A/RES/73/195) as phrases: "152 in favour", "5 against", ...
    pub gcm_votes: Vec<String>,
    pub votes_ref: Option<usize>,
}

/// The overview's world figures.
pub fn world(index: &Index, cite: &mut Citations) -> World {
    let data = index.data;
    let latest = data
        .indicator_totals
        .get(IMMIGRANTS)
        .and_then(|t| t.iter().next_back());
    let source = data
        .indicators
        .values()
        .flatten()
        .find(|v| v.indicator == IMMIGRANTS)
        .map(|v| v.source.clone());
    let tally = crate::load::tally(&data.record, GCM_RESOLUTION);
    let votes_ref = (!tally.is_empty()).then(|| cite.cite(&data.record.votes_source));
    World {
        migrants: latest.map(|(year, t)| Point {
            year: *year,
            value: t.value,
            display: figure(index, t.value),
        }),
        migrants_short: latest.map(|(_, t)| short_figure(index, t.value)),
        areas: latest.map_or(0, |(_, t)| t.areas),
        migrants_ref: source.as_ref().map(|s| cite.cite(s)),
        migrants_source: source,
        gcm_votes: tally
            .into_iter()
            .filter_map(|(vote, count)| tally_phrase(index, vote, count))
            .collect(),
        votes_ref,
    }
}

/// "152 in favour", "5 against", "12 abstentions", "24 absent"; observers have no vote.
pub fn tally_phrase(index: &Index, vote: VoteCast, count: usize) -> Option<String> {
    (vote != VoteCast::NotMember).then(|| {
        index.t(
            &format!("tally-{}", vote_key(vote)),
            &crate::args!["n" => count, "count" => index.count(count)],
        )
    })
}

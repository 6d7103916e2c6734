//! The sourced facts (`data/record/gcm-record-facts.csv`): the briefs print the `text` column, our
//! own wording of each `fact` (copied verbatim from the shared reference file, whose terms ask for
//! the sentences to be rewritten). Every row has its own wording, the wording does not copy the
//! source's phrasing, and it names no year the row's source does not give.

use std::collections::HashSet;
use std::path::Path;

const FACTS: &str = "data/record/gcm-record-facts.csv";

/// Longest run of consecutive words a `text` may share with its `fact`, plus one.
const MAX_SHARED_RUN: usize = 8;

/// Proper names longer than the limit that a paraphrase has to repeat as they are: each counts
/// as a single word when comparing.
const LONG_NAMES: &[&str] =
    &["Inter-State Consultation Mechanism on Migration in Africa and the Americas"];

/// Lower-case alphanumeric words; everything else separates words.
fn words(s: &str) -> Vec<String> {
    let mut s = s.to_lowercase();
    for (i, name) in LONG_NAMES.iter().enumerate() {
        s = s.replace(&name.to_lowercase(), &format!(" longname{i} "));
    }
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The longest run of consecutive words found in both `a` and `b`, and where it starts in `a`.
fn longest_shared_run(a: &[String], b: &[String]) -> (usize, usize) {
    let mut best = (0, 0);
    // prev[j + 1]: length of the common run ending at a[i - 1] and b[j].
    let mut prev = vec![0usize; b.len() + 1];
    for (i, word) in a.iter().enumerate() {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, other) in b.iter().enumerate() {
            if word == other {
                cur[j + 1] = prev[j] + 1;
                if cur[j + 1] > best.0 {
                    best = (cur[j + 1], i + 1 - cur[j + 1]);
                }
            }
        }
        prev = cur;
    }
    best
}

/// Tokens of four digits between 1900 and 2099.
fn years(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| (1900..=2099).contains(&w.parse::<u32>().unwrap()))
        .map(str::to_owned)
        .collect()
}

struct Row {
    line: u64,
    iso3: String,
    fact: String,
    text: String,
    note: String,
}

fn rows() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FACTS);
    let mut reader =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{FACTS}: cannot open: {e}"));
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{FACTS}: no `{name}` column (columns: {headers:?})"))
    };
    let (iso3, fact, text, note) = (
        column("iso3"),
        column("fact"),
        column("text"),
        column("note"),
    );
    let rows: Vec<Row> = reader
        .records()
        .map(|record| {
            let record = record.unwrap_or_else(|e| panic!("{FACTS}: invalid CSV: {e}"));
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(i).unwrap_or_default().to_owned();
            Row {
                line,
                iso3: field(iso3),
                fact: field(fact),
                text: field(text),
                note: field(note),
            }
        })
        .collect();
    assert!(!rows.is_empty(), "{FACTS}: no rows");
    rows
}

#[test]
fn every_fact_has_its_own_wording() {
    for row in rows() {
        assert!(
            !row.text.trim().is_empty(),
            "{FACTS} line {} ({}): `text` is empty; write the fact in our own words",
            row.line,
            row.iso3
        );
    }
}

#[test]
fn wording_does_not_copy_the_source_phrasing() {
    let mut copied = Vec::new();
    for row in rows() {
        let text = words(&row.text);
        let (len, start) = longest_shared_run(&text, &words(&row.fact));
        if len >= MAX_SHARED_RUN {
            copied.push(format!(
                "{FACTS} line {} ({}): `text` shares {len} consecutive words with `fact`: \"{}\"",
                row.line,
                row.iso3,
                text[start..start + len].join(" ")
            ));
        }
    }
    assert!(copied.is_empty(), "{}", copied.join("\n"));
}

#[test]
fn wording_names_no_year_the_source_does_not_give() {
    let mut invented = Vec::new();
    for row in rows() {
        let given: HashSet<String> = years(&row.fact)
            .into_iter()
            .chain(years(&row.note))
            .collect();
        for year in years(&row.text) {
            if !given.contains(&year) {
                invented.push(format!(
                    "{FACTS} line {} ({}): `text` names the year {year}, which neither `fact` nor `note` gives",
                    row.line, row.iso3
                ));
            }
        }
    }
    assert!(invented.is_empty(), "{}", invented.join("\n"));
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let fact = words("Voted against A/RES/73/326 (IMRF modalities, 19 Jul 2019).");
    let copy = words("It voted against A/RES/73/326 (IMRF modalities, 19 Jul 2019), it says.");
    assert_eq!(longest_shared_run(&copy, &fact).0, 11);
    let own = words("It cast a no vote on A/RES/73/326, on the IMRF modalities, on 19 Jul 2019.");
    assert!(longest_shared_run(&own, &fact).0 < MAX_SHARED_RUN);
    assert_eq!(
        years("on 26 April (year not in excerpt), 2025-2029, 1850, 12345"),
        ["2025", "2029"]
    );
    assert_eq!(words(LONG_NAMES[0]).len(), 1);
}

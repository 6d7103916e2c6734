//! The record, third reading (issue 19): what the built briefs print agrees across briefs and
//! keeps the data's hedges. One count of a region's pledges, with its "inferred" flag, in the
//! delegation and region briefs; "submitted after the Forum", never "made"; Champion dates no
//! stronger than their rows; our objective tags marked as ours; a State without a regional group
//! described exactly; no point printed twice in an objective brief.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{pdf_text, root, run, stderr};

/// Builds every brief of the bundled data into a fresh folder.
fn build_all() -> tempfile::TempDir {
    let out_dir = tempfile::tempdir().unwrap();
    let out = run(&["build", "-q", "--out", out_dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    out_dir
}

/// The text of every PDF of `out/<folder>`, by file stem.
fn texts(out: &Path, folder: &str) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for entry in fs::read_dir(out.join(folder)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            texts.insert(stem, pdf_text(&path));
        }
    }
    texts
}

/// Rows of a csv file of the bundled data, as header -> value maps.
fn csv_rows(path: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(root().join("data").join(path)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn forum() -> serde_yaml::Value {
    let text = fs::read_to_string(root().join("data/forum/imrf-2022.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// Lower-case letters and digits only, ligatures spelt out: text compared across line breaks,
/// quotes and the PDF extractor's spacing.
fn norm(s: &str) -> String {
    s.replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .replace('ﬀ', "ff")
        .replace('ﬃ', "ffi")
        .replace('ﬄ', "ffl")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A region brief's key, as the plan makes it from the region's name.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

/// The count printed right after `text[at..]`: "4" or "4 (3 with an inferred country; ...)",
/// up to the bracket that closes its note.
fn count_at(text: &str, at: usize) -> String {
    let rest = &text[at..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    assert!(
        !digits.is_empty(),
        "no count at {:?}",
        &rest[..rest.len().min(60)]
    );
    let after = &rest[digits.len()..];
    match after.strip_prefix(" (") {
        Some(note) => {
            let mut depth = 1;
            let end = note
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map(|(i, _)| i)
                .expect("the count's note closes");
            format!("{digits} ({})", &note[..end])
        }
        None => digits,
    }
}

#[test]
fn regional_context_counts_are_the_counts_of_the_region_briefs() {
    let out = build_all();
    let delegations = texts(out.path(), "delegations");
    let regions = texts(out.path(), "regions");
    const HERE: &str = "Recorded pledges implemented here: ";
    let region_count = |name: &str| -> String {
        let text = regions
            .get(&slug(name))
            .unwrap_or_else(|| panic!("no region brief for {name}"));
        let at = text
            .find(HERE)
            .unwrap_or_else(|| panic!("{name}: no pledge count"));
        count_at(text, at + HERE.len())
    };
    let countries = csv_rows("countries.csv");
    let mut compared = 0;
    let mut flagged = 0;
    for (iso3, text) in &delegations {
        let country = countries
            .iter()
            .find(|c| &c["iso3"] == iso3)
            .unwrap_or_else(|| panic!("{iso3} is in countries.csv"));
        let context = &text[text
            .find("Country and region")
            .unwrap_or_else(|| panic!("{iso3}: no regional context"))..];
        for name in [&country["subregion"], &country["region"]] {
            if name.is_empty() {
                continue;
            }
            let lead = format!("{name} (");
            // The entry itself, not a longer name ending in it ("Southern Asia" for "Asia"):
            // after a sentence, or after a running head when a page breaks before it.
            let head = format!("{} ", country["name"]);
            let at = context
                .match_indices(&lead)
                .map(|(i, _)| i)
                .find(|&i| {
                    let before = &context[..i];
                    before.ends_with(". ") || before.ends_with("brief ") || before.ends_with(&head)
                })
                .unwrap_or_else(|| panic!("{iso3}: {name} missing from the regional context"));
            let line = &context[at + lead.len()..];
            let line = &line[line.find("): ").expect("the region's size closes") + 3..];
            const SOME: &str = "recorded pledges implemented there: ";
            let printed = if let Some(count) = line.strip_prefix(SOME) {
                count_at(count, 0)
            } else {
                assert!(
                    line.starts_with("none of the recorded pledges is implemented there"),
                    "{iso3}: {name}: {line:.120}"
                );
                "0".to_string()
            };
            let theirs = region_count(name);
            assert_eq!(
                printed.split_whitespace().collect::<String>(),
                theirs.split_whitespace().collect::<String>(),
                "{iso3}'s regional context and the {name} brief count differently"
            );
            compared += 1;
            flagged += usize::from(printed.contains("inferred"));
        }
    }
    assert!(compared > 300, "only {compared} counts compared");
    // Northern America's and the Americas' records with an inferred country keep their flag.
    assert!(flagged > 0, "no regional count carries its inferred flag");
    let usa = &delegations["USA"];
    assert!(
        usa.contains("Northern America (2 countries): recorded pledges implemented there: 4 (3 with an inferred country)"),
        "{usa}"
    );
}

#[test]
fn pledges_are_submitted_after_the_forum_never_made_after_it() {
    let out = build_all();
    let mut all = texts(out.path(), "delegations");
    all.extend(texts(out.path(), "regions"));
    all.extend(texts(out.path(), "objectives"));
    all.insert(
        "overview".into(),
        pdf_text(&out.path().join("overview.pdf")),
    );
    for (brief, text) in &all {
        let lower = text.to_lowercase();
        for wrong in [
            "made after the forum",
            "made at the forum",
            "at the 2022 imrf it pledged",
        ] {
            assert!(!lower.contains(wrong), "{brief} says {wrong:?}");
        }
    }
    // The table rows carry the submission date; the State's own pledge detail the flag.
    assert!(
        all["objective-01"].contains("Submitted after the Forum (7 July 2022)"),
        "objective 1"
    );
    let prt = &all["PRT"];
    assert_eq!(
        prt.matches("7 July 2022; submitted after the Forum")
            .count(),
        2,
        "PRT's two own pledges (2250, 2252): {prt}"
    );
    assert!(all["overview"].contains("submitted after the Forum"));
}

/// "by" unless the row gives a bare ISO date (day, month or year): how the test reads a row.
fn exact(since: &str) -> bool {
    !since.starts_with("by ")
        && [4, 7, 10].contains(&since.len())
        && since.chars().all(|c| c.is_ascii_digit() || c == '-')
}

#[test]
fn champion_dates_are_no_stronger_than_their_rows() {
    let out = build_all();
    let delegations = texts(out.path(), "delegations");
    let regions = texts(out.path(), "regions");
    let champions = csv_rows("record/gcm-champions.csv");
    assert!(champions.len() > 30);
    for row in &champions {
        let (iso3, since, note) = (&row["iso3"], &row["since"], row["note"].to_lowercase());
        let text = &delegations[iso3.as_str()];
        let at = text
            .find("Champion country ")
            .unwrap_or_else(|| panic!("{iso3}: no Champion sentence"));
        let sentence = &text[at..];
        let sentence = &sentence[..sentence.find('[').unwrap_or(sentence.len())];
        let upper_bound = !exact(since) || note.contains("upper bound");
        if upper_bound {
            assert!(
                sentence.starts_with("Champion country by ") && text[..at].ends_with("Shown as a "),
                "{iso3}: {since:?} is an upper bound, the brief says {sentence:?}"
            );
        } else {
            assert!(
                text[..at].ends_with("Became a ")
                    && (sentence.starts_with("Champion country on ")
                        || sentence.starts_with("Champion country in ")),
                "{iso3}: {since:?} is exact, the brief says {sentence:?}"
            );
        }
        // The year the row gives, and only that one.
        let year: String = since
            .trim_start_matches("by ")
            .chars()
            .filter(char::is_ascii_digit)
            .take(4)
            .collect();
        if year.len() == 4 {
            assert!(
                sentence.contains(&year),
                "{iso3}: {sentence:?} lacks {year}"
            );
        }
        // A hedged row's hedge word reaches the page.
        for hedge in ["inferred", "likely", "unknown", "unclear"] {
            if since.contains(hedge) {
                assert!(
                    sentence.contains(hedge),
                    "{iso3}: {sentence:?} drops {hedge:?}"
                );
            }
        }
        if note.contains("likely") || note.contains("inferred") {
            assert!(
                sentence.contains("inferred") || sentence.contains("likely"),
                "{iso3}: the row's year is only likely, the brief says {sentence:?}"
            );
        }
    }
    // The region tables carry the same hedge: a short date with a mark ("by Nov. 2023*") on
    // each State whose row has it, and the hedge itself, with its mark, in the table's note.
    let countries = csv_rows("countries.csv");
    for (slug_, text) in &regions {
        let expected = champions
            .iter()
            .filter(|r| r["since"].contains("year inferred"))
            .filter(|r| {
                countries.iter().any(|c| {
                    c["iso3"] == r["iso3"]
                        && [&c["region"], &c["subregion"], &c["intermediate_region"]]
                            .iter()
                            .any(|n| slug(n) == *slug_)
                })
            })
            .count();
        let folded: String = text.split_whitespace().collect();
        let marked = folded.matches("byNov.2023*").count();
        assert_eq!(
            marked, expected,
            "{slug_}: Champion dates without their mark"
        );
        if expected > 0 {
            assert!(
                folded.contains("*yearinferred;thesourcegivesnone"),
                "{slug_}: the hedge of the marked Champion dates is not in the note"
            );
        }
        assert!(
            !folded.contains("byNovember2023(yearinferred"),
            "{slug_}: the long Champion date is back in the table"
        );
    }
}

#[test]
fn objective_tags_of_ours_say_so_and_the_summaries_tags_do_not() {
    let forum = forum();
    let points = |v: &serde_yaml::Value| -> Vec<serde_yaml::Value> {
        v["key_points"].as_sequence().cloned().unwrap_or_default()
    };
    let mut tagged: Vec<serde_yaml::Value> = points(&forum["policy_debate"]);
    for theme in forum["plenary"]["themes"].as_sequence().unwrap() {
        tagged.extend(points(theme));
    }
    tagged.extend(points(&forum["plenary"]["pledging"]));
    let ours = |p: &serde_yaml::Value| p["tagged_by"].as_str() == Some("editors");
    let objectives = |p: &serde_yaml::Value| -> Vec<u64> {
        p["objectives"]
            .as_sequence()
            .map(|s| s.iter().filter_map(serde_yaml::Value::as_u64).collect())
            .unwrap_or_default()
    };
    // The summaries tag no policy-debate point: every tag there is ours and says so.
    for p in points(&forum["policy_debate"]) {
        if !objectives(&p).is_empty() {
            assert!(
                ours(&p),
                "policy-debate point tagged as the summaries': {p:?}"
            );
        }
    }
    let out = build_all();
    let briefs = texts(out.path(), "objectives");
    for n in 1..=23u64 {
        let text = &briefs[&format!("objective-{n:02}")];
        let ours_here = tagged
            .iter()
            .filter(|p| objectives(p).contains(&n) && ours(p))
            .count();
        let marked = text.matches("(tagged by the editors)").count();
        assert_eq!(marked, ours_here, "objective {n}: tags of ours marked");
    }
    let overview = pdf_text(&out.path().join("overview.pdf"));
    assert!(overview.contains("The summaries tie no policy-debate point to an objective"));
    let ours_anywhere = tagged
        .iter()
        .filter(|p| ours(p) && !objectives(p).is_empty())
        .count();
    assert_eq!(
        overview.matches("; tagged by the editors)").count(),
        ours_anywhere,
        "overview: tags of ours marked"
    );
}

#[test]
fn a_state_outside_the_regional_groups_is_described_exactly() {
    let out = build_all();
    let delegations = texts(out.path(), "delegations");
    for (iso3, text) in &delegations {
        assert!(
            !text.contains("belong to none"),
            "{iso3} makes a general claim about observer States"
        );
    }
    assert!(delegations["PSE"].contains("Asia and the Pacific Group"));
    assert!(delegations["VAT"].contains("not placed in a UN regional group by the bundled sources"));
}

#[test]
fn no_point_of_the_forum_is_printed_twice_in_an_objective_brief() {
    fn collect(v: &serde_yaml::Value, into: &mut Vec<String>) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    if k.as_str() == Some("text") {
                        if let Some(s) = v.as_str() {
                            into.push(s.to_string());
                        }
                    } else {
                        collect(v, into);
                    }
                }
            }
            serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| collect(v, into)),
            _ => {}
        }
    }
    // The points of the debates, which reach an objective brief through their tags, besides
    // the round tables' own points (whose challenges the "Questions" aside repeats on purpose).
    let forum = forum();
    let mut texts_ = Vec::new();
    collect(&forum["policy_debate"], &mut texts_);
    collect(&forum["plenary"], &mut texts_);
    assert!(texts_.len() > 80, "{} texts", texts_.len());
    let out = build_all();
    let briefs = texts(out.path(), "objectives");
    assert_eq!(briefs.len(), 23);
    let mut found = 0;
    for (brief, text) in &briefs {
        let page = norm(text);
        for point in &texts_ {
            let n = page.matches(&norm(point)).count();
            assert!(n <= 1, "{brief} prints {n} times: {point}");
            found += n;
        }
    }
    // The comparison reads the PDFs at all: most points reach some objective brief.
    assert!(
        found > 40,
        "only {found} points found in the objective briefs"
    );
}

#[test]
fn the_entity_chart_shows_how_many_types_are_inferred() {
    let pledges = csv_rows("pledges/imrf-2022.csv");
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for p in &pledges {
        let cell = &p["entity_type"];
        let (value, flagged) = match cell.find(" (") {
            Some(i) if cell.ends_with(')') => (&cell[..i], true),
            _ => (cell.as_str(), false),
        };
        let entry = counts.entry(value.to_string()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(flagged);
    }
    let out = build_all();
    let overview = pdf_text(&out.path().join("overview.pdf"));
    let chart = &overview[overview.find("By entity type").expect("the chart")..];
    let mut flagged_types = 0;
    for (value, (n, inferred)) in counts {
        if inferred > 0 {
            flagged_types += 1;
            let printed = format!("{value} {n} ({inferred} inferred)");
            assert!(
                norm(chart).contains(&norm(&printed)),
                "the overview's entity chart lacks {printed:?}"
            );
        }
    }
    assert!(flagged_types >= 2, "{flagged_types} flagged entity types");
}

#[test]
fn the_general_debates_guiding_principle_tags_reach_the_overview() {
    let forum = forum();
    let names: Vec<String> = {
        let text = fs::read_to_string(root().join("data/objectives.yaml")).unwrap();
        let compact: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        compact["guiding_principles"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_lowercase())
            .collect()
    };
    let out = build_all();
    let overview = norm(&pdf_text(&out.path().join("overview.pdf")));
    let mut tagged = 0;
    for theme in forum["plenary"]["themes"].as_sequence().unwrap() {
        for p in theme["key_points"].as_sequence().unwrap() {
            let Some(labels) = p["principles"].as_sequence() else {
                continue;
            };
            let labels: Vec<&str> = labels.iter().map(|l| l.as_str().unwrap()).collect();
            // Each label is "guiding principles" or names principles of the Compact.
            for label in &labels {
                for part in label.split(" and ") {
                    assert!(
                        part == "guiding principles" || names.iter().any(|n| n.starts_with(part)),
                        "{label:?} names no guiding principle of the Compact"
                    );
                }
            }
            let mut tags = labels.join("; ");
            if let Some(objectives) = p["objectives"].as_sequence().filter(|o| !o.is_empty()) {
                let numbers: Vec<String> = objectives
                    .iter()
                    .map(|o| o.as_u64().unwrap().to_string())
                    .collect();
                let label = if numbers.len() == 1 {
                    "objective"
                } else {
                    "objectives"
                };
                tags.push_str(&format!("; {label} {}", numbers.join(", ")));
            }
            let text = p["text"].as_str().unwrap();
            assert!(
                overview.contains(&norm(&format!("{text} ({tags})"))),
                "the overview drops the tags ({tags}) of: {text}"
            );
            tagged += 1;
        }
    }
    assert!(tagged >= 7, "{tagged} points with principle tags");
}

#[test]
fn sections_one_and_two_reach_the_overview_and_every_round_table() {
    let forum = forum();
    let participation: Vec<String> = forum["forum"]["participation"]
        .as_sequence()
        .expect("forum.participation")
        .iter()
        .map(|p| {
            assert_eq!(p["source"].as_str(), Some("sect. I"));
            p["text"].as_str().unwrap().to_string()
        })
        .collect();
    let common: Vec<String> = forum["round_tables_introduction"]
        .as_sequence()
        .expect("round_tables_introduction")
        .iter()
        .map(|p| {
            assert_eq!(p["source"].as_str(), Some("sect. II"));
            p["text"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(participation.len(), 2);
    assert_eq!(common.len(), 4);
    let out = build_all();
    let overview = norm(&pdf_text(&out.path().join("overview.pdf")));
    for text in participation.iter().chain(&common) {
        assert_eq!(overview.matches(&norm(text)).count(), 1, "overview: {text}");
    }
    // Every objective brief has its round table, and the common points once.
    for (brief, text) in texts(out.path(), "objectives") {
        let text = norm(&text);
        for point in &common {
            assert_eq!(text.matches(&norm(point)).count(), 1, "{brief}: {point}");
        }
    }
}

/// Page 1 of every brief says its point first: an "In brief" of three to five sentences, each
/// with its source marker.
#[test]
fn every_brief_opens_with_in_brief_sentences_that_each_cite_a_source() {
    let out = tempfile::tempdir().unwrap();
    let built = run(&[
        "build",
        "-q",
        "--format",
        "typ",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    let pdfs = tempfile::tempdir().unwrap();
    let built = run(&["build", "-q", "--out", pdfs.path().to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let briefs = manifest["briefs"].as_array().unwrap();
    assert_eq!(briefs.len(), 248);
    for brief in briefs {
        let path = brief["path"].as_str().unwrap();
        let source = std::fs::read_to_string(out.path().join(path)).unwrap();
        let line = source
            .lines()
            .find(|l| l.starts_with("#in-brief(("))
            .unwrap_or_else(|| panic!("{path}: no In brief"));
        let sentences = line.matches("(text: ").count();
        let cited = line.matches(", ref: ").count() - line.matches(", ref: none").count();
        assert!(
            (3..=5).contains(&sentences),
            "{path}: {sentences} sentences: {line}"
        );
        assert_eq!(
            cited, sentences,
            "{path}: a sentence without its source: {line}"
        );
        // And it is on page 1 of the PDF.
        let pdf = pdfs.path().join(path.replace(".typ", ".pdf"));
        let bytes = std::fs::read(&pdf).unwrap();
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
        assert!(
            pages[0].contains("IN BRIEF"),
            "{}: not on page 1",
            pdf.display()
        );
    }
}

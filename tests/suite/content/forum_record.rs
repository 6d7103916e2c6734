//! The Forum's record: facts fixed against the official summaries stay fixed, in the data and in
//! the built PDFs; the plenary and the policy debate reach the overview; objective briefs carry
//! the points tied to them; every source a brief lists is cited in its text.

use std::fs;
use std::path::Path;

use crate::support::{pdf_text, root, run, stderr};

fn data_file(path: &str) -> String {
    fs::read_to_string(root().join("data").join(path)).unwrap()
}

/// Builds `args` (plus `-q --out DIR`) and returns the output folder.
fn build(args: &[&str]) -> tempfile::TempDir {
    let out_dir = tempfile::tempdir().unwrap();
    let mut all = vec!["build", "-q", "--out", out_dir.path().to_str().unwrap()];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    out_dir
}

/// Wordings that distorted the summaries and must not come back (issue 9).
const DISTORTIONS: &[&str] = &[
    "now open safe routes",
    "much remains to be done",
    "many regular pathways were reported",
    "reported new procedures",
    "procedures now include screening",
    "welcomed the stronger link",
    "more sustainable return",
    "not inherently vulnerable",
    "members of the inter-agency group on protection of refugees and migrants moving by sea endorsed",
    "many pandemic measures were temporary",
    "under-recognized in some countries",
    "documents and visa extensions for undocumented migrants",
    "such policies curb",
    "reaffirmed their commitment to international cooperation through whole-of-government",
];

/// "migration detention" anywhere but inside "immigration detention".
fn says_migration_detention(text: &str) -> bool {
    text.to_lowercase()
        .replace("immigration detention", "")
        .contains("migration detention")
}

#[test]
fn distorted_wordings_and_wrong_names_stay_out_of_the_data() {
    let forum = data_file("forum/imrf-2022.yaml").to_lowercase();
    for wording in DISTORTIONS {
        assert!(
            !forum.contains(wording),
            "forum data says {wording:?} again"
        );
    }
    let countries = data_file("countries.csv");
    assert!(!countries.contains("Naoero"));
    assert!(countries.contains("NRU,NR,520,Nauru,"));
    let objectives = data_file("objectives.yaml");
    let thirteen = objectives
        .lines()
        .skip_while(|l| !l.contains("number: 13"))
        .nth(1)
        .unwrap();
    assert!(thirteen.contains("Use immigration detention only as a measure of last resort"));
    assert!(
        !says_migration_detention(&forum),
        "the forum data uses the other form"
    );
}

/// Every country name is the UN M49 English short name given in the shared reference table
/// (checked when that table is present next to the repository).
#[test]
fn country_names_are_the_m49_short_names() {
    let reference = root().join("../shared/data/countries-m49.csv");
    let Ok(reference) = fs::read_to_string(&reference) else {
        eprintln!("skipped: {} not present", reference.display());
        return;
    };
    let column = |text: &str, name: &str| -> Vec<(String, String)> {
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let headers = rows.headers().unwrap().clone();
        let at = headers.iter().position(|h| h == name).unwrap();
        rows.records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[at].to_string())
            })
            .collect()
    };
    let ours = column(&data_file("countries.csv"), "name");
    let m49 = column(&reference, "name_m49_en");
    assert_eq!(ours.len(), 195);
    for (iso3, name) in &ours {
        let expected = m49.iter().find(|(i, _)| i == iso3).map(|(_, n)| n);
        assert_eq!(Some(name), expected, "{iso3}");
    }
}

/// Canada's record 2358 is implemented in Central America (its own summary says so), and records
/// not made at the Forum are marked.
#[test]
fn pledge_records_say_where_and_when() {
    let csv_text = data_file("pledges/imrf-2022.csv");
    let mut rows = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, country, region, made_at) = (
        col("id"),
        col("country_iso3"),
        col("region"),
        col("made_at"),
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let find = |key: &str| records.iter().find(|r| &r[id] == key).unwrap();
    let canada = find("2358");
    assert_eq!(&canada[country], "");
    assert_eq!(&canada[region], "Central America");
    assert_eq!(&canada[made_at], "after the Forum");
    let uclg = records
        .iter()
        .find(|r| r[id].starts_with("la:uclg-brings-call"))
        .unwrap();
    assert_eq!(&uclg[made_at], "Global Refugee Forum");
    let eurocities = records
        .iter()
        .find(|r| r[id].starts_with("eurocities"))
        .unwrap();
    assert_eq!(&eurocities[region], "Europe");
}

#[test]
fn overview_carries_the_plenary_and_the_policy_debate() {
    let out = build(&["--only", "overview"]);
    let text = pdf_text(&out.path().join("overview.pdf"));
    for expected in [
        // Opening segment: every speaker, with a main remark.
        "Opening segment of the plenary",
        "Abdulla Shahid",
        "António Guterres",
        "Elana Wong",
        "Colin Rajah",
        "more than 15,000 dead or missing",
        "see migration as a solution rather than a problem",
        // Policy debate: speakers, headline principle, conditions, civil society and youth.
        "Catherine M Russell",
        "Ronald Skeldon",
        "Sawyerr",
        "Florencio Venté",
        "must at all times be respected, protected and fulfilled",
        "essential response to particular economic, political and social conditions",
        "Civil society actors and youth",
        // General debate points tied to no objective.
        "48 States had updated",
        "Funding remains one of the main shortfalls",
        "fundraising for the Migration MPTF",
        "Many Champion countries recommitted",
        // Pledging and closing.
        "regularization, data collection and dissemination, ending child detention",
        "links between climate change and mobility",
        "further contributions to the Migration MPTF",
        "A/AC.293/2022/L.1 and A/AC.293/2022/L.2",
        "some delegations spoke to explain their positions",
        "call to tie the Global Compact more closely to the 2030 Agenda",
    ] {
        assert!(text.contains(expected), "overview lacks {expected:?}");
    }
    for wording in DISTORTIONS {
        assert!(
            !text.to_lowercase().contains(wording),
            "overview says {wording:?}"
        );
    }
    assert!(!text.contains("Naoero"));
}

#[test]
fn objective_briefs_carry_the_points_tied_to_them() {
    let out = build(&[
        "--only", "5", "--only", "6", "--only", "13", "--only", "16", "--only", "3",
    ]);
    let brief = |n: &str| pdf_text(&out.path().join(format!("objectives/objective-{n}.pdf")));
    let five = brief("05");
    assert!(five.contains("developing regional frameworks and guidelines intended to open safe"));
    assert!(five.contains("potential benefits as a way of adapting to climate change"));
    let six = brief("06");
    assert!(
        six.contains("wage theft included"),
        "objective 6 lacks the wage-theft point"
    );
    let thirteen = brief("13");
    assert!(thirteen.contains("Use immigration detention only as a measure of last resort"));
    assert!(!says_migration_detention(&thirteen));
    assert!(thirteen.contains("still held in immigration detention"));
    assert!(thirteen.contains("Much has been achieved, yet more is needed"));
    let sixteen = brief("16");
    assert!(sixteen.contains("accessible financing and investment at the grassroots"));
    assert!(sixteen.contains("diasporas can take part in sustainable development"));
    // Canada's 2358 names objective 3: listed as implemented in Central America, counted in the
    // Americas, and marked as submitted after the Forum, with its date.
    let three = brief("03");
    assert!(three.contains("Central America (region)"), "{three}");
    assert!(three.contains("Submitted after the Forum (21 December 2022)"));
    // Two records naming objective 3 were submitted after the Forum (2358 and a Montreal one).
    assert!(three.contains("2 submitted after the Forum"), "{three}");
    for text in [&five, &six, &thirteen, &sixteen, &three] {
        for wording in DISTORTIONS {
            assert!(
                !text.to_lowercase().contains(wording),
                "a brief says {wording:?}"
            );
        }
    }
}

/// The numbers of a brief's source list that its text never cites. The text before the source
/// list must hold "[n]" for every entry n the list holds.
fn uncited_sources(text: &str) -> Vec<usize> {
    let Some(at) = text.rfind("Sources [1]") else {
        return Vec::new();
    };
    let (body, list) = text.split_at(at);
    let count = (1..)
        .take_while(|n| list.contains(&format!("[{n}]")))
        .count();
    (1..=count)
        .filter(|n| !body.contains(&format!("[{n}]")))
        .collect()
}

#[test]
fn every_listed_source_is_cited_in_every_brief() {
    let out = build(&[]);
    let mut pdfs = Vec::new();
    collect_pdfs(out.path(), &mut pdfs);
    assert!(pdfs.len() >= 248, "only {} briefs", pdfs.len());
    let mut failures = Vec::new();
    for pdf in &pdfs {
        let text = pdf_text(pdf);
        // A brief that cites nothing (a region or delegation without pledges) has no source
        // list; the overview and the objective briefs always cite the summaries.
        let kind = pdf.parent().and_then(|d| d.file_name()).unwrap_or_default();
        if kind == "objectives" || pdf.ends_with("overview.pdf") {
            assert!(
                text.contains("Sources [1]"),
                "{} has no source list",
                pdf.display()
            );
        }
        let missing = uncited_sources(&text);
        if !missing.is_empty() {
            failures.push(format!("{}: {missing:?}", pdf.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "sources listed but never cited:\n{}",
        failures.join("\n")
    );
}

fn collect_pdfs(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_pdfs(&path, into);
        } else if path.extension().is_some_and(|e| e == "pdf") {
            into.push(path);
        }
    }
}

#[test]
fn the_uncited_check_finds_an_uncited_source() {
    assert_eq!(
        uncited_sources("Text[1] more[2]. Sources [1] A [2] B [3] C"),
        vec![3]
    );
    assert!(uncited_sources("Text[1]. Sources [1] A").is_empty());
}

#[test]
fn the_colophon_prints_the_dataset_hash_of_the_manifest() {
    let out = build(&["--only", "5", "--only", "overview"]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    let hash = manifest["data_hash"].as_str().unwrap();
    for pdf in ["overview.pdf", "objectives/objective-05.pdf"] {
        let text = pdf_text(&out.path().join(pdf));
        assert!(text.contains(&format!("data hash {hash}")), "{pdf}");
        let entry = manifest["briefs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == pdf)
            .unwrap();
        assert_eq!(entry["data_hash"], hash, "{pdf}");
    }
}

/// A data edit that leaves a brief's content alone keeps its PDF: its manifest entry then names
/// the dataset hash its colophon prints, not the new one.
#[test]
fn a_brief_kept_after_a_data_edit_is_recorded_with_the_hash_it_prints() {
    let data = crate::support::data_with("none");
    let out = tempfile::tempdir().unwrap();
    let build = || {
        let run = crate::support::cmd()
            .args(["build", "-q", "--only", "5,MEX", "--data"])
            .arg(data.path())
            .arg("--out")
            .arg(out.path())
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(
            &fs::read(out.path().join("manifest.json")).unwrap(),
        )
        .unwrap()
    };
    let before = build();
    // A pledge implemented in Mexico only is retitled: MEX changes, objective 5 does not.
    let csv = data.path().join("pledges/imrf-2022.csv");
    let text = fs::read_to_string(&csv).unwrap();
    let title = "Facilitating Dual Nationality";
    assert!(text.contains(title), "the bundled pledge in Mexico");
    fs::write(
        &csv,
        text.replacen(title, "Facilitating Double Nationality", 1),
    )
    .unwrap();
    let after = build();
    assert_ne!(before["data_hash"], after["data_hash"]);
    let entry = |m: &serde_json::Value, path: &str| {
        m["briefs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == path)
            .unwrap()
            .clone()
    };
    let kept = entry(&after, "objectives/objective-05.pdf");
    assert_eq!(kept["status"], "up-to-date");
    assert_eq!(kept["data_hash"], before["data_hash"]);
    let text = pdf_text(&out.path().join("objectives/objective-05.pdf"));
    assert!(text.contains(&format!(
        "data hash {}",
        before["data_hash"].as_str().unwrap()
    )));
    let rebuilt = entry(&after, "delegations/MEX.pdf");
    assert_eq!(rebuilt["status"], "built");
    assert_eq!(rebuilt["data_hash"], after["data_hash"]);
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// `text` without parenthesised objective tags and superscript footnote marks.
fn untagged(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("(objective") {
        out.push_str(&rest[..at]);
        rest = rest[at..].find(')').map_or("", |end| &rest[at + end + 1..]);
    }
    out.push_str(rest);
    out.chars().filter(|c| !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c)).collect()
}

/// The paraphrased texts of the forum file: key points, remarks, summaries.
fn paraphrases(value: &serde_yaml::Value, key: &str, into: &mut Vec<String>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                paraphrases(v, k.as_str().unwrap_or(""), into);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for item in items {
                paraphrases(item, key, into);
            }
        }
        serde_yaml::Value::String(s) if ["text", "remarks", "focus"].contains(&key) => {
            into.push(s.clone());
        }
        _ => {}
    }
}

/// No key point copies the summaries nearly whole: no run of 9 words matches the source (checked
/// when the source text is present next to the repository).
#[test]
fn key_points_are_paraphrased_not_copied() {
    let source = root().join("../shared/sources/imrf-2022-summaries.txt");
    let Ok(source) = fs::read_to_string(&source) else {
        eprintln!("skipped: {} not present", source.display());
        return;
    };
    const RUN: usize = 9;
    // Read the source as a reader would copy it: without its objective tags ("(objectives 5 and
    // 7)") and footnote marks, which would otherwise break a copied run in two.
    let source = words(&untagged(&source.replace('’', "'")));
    let runs: std::collections::HashSet<&[String]> = source.windows(RUN).collect();
    let forum: serde_yaml::Value =
        serde_yaml::from_str(&data_file("forum/imrf-2022.yaml")).unwrap();
    let mut texts = Vec::new();
    paraphrases(&forum, "", &mut texts);
    assert!(texts.len() > 250, "only {} texts", texts.len());
    let copied: Vec<&String> = texts
        .iter()
        .filter(|t| words(t).windows(RUN).any(|w| runs.contains(w)))
        .collect();
    assert!(copied.is_empty(), "copied from the source: {copied:#?}");
}

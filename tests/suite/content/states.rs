//! Delegation and region briefs carry each State's record: its Forum roles, its 2018 vote, its
//! Champion status and its migrant figures, each sourced; the data behind them loads as it should.

use std::fs;
use std::path::Path;

use crate::support::{cmd, data_with, pdf_text, root, stderr};
use imrf_briefs::model::VoteCast;

/// The text of a PDF with its line breaks kept (whitespace inside a line folded).
fn pdf_lines(path: &Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn build_into(out: &Path, args: &[&str]) {
    let output = cmd()
        .arg("build")
        .args(args)
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn gcm_vote_totals_and_world_migrant_stock_are_the_official_ones() {
    let loaded = imrf_briefs::load::load(&root().join("data")).unwrap_or_else(|e| panic!("{e:?}"));
    let data = loaded.dataset;
    let tally = imrf_briefs::load::tally(&data.record, "A/RES/73/195");
    assert_eq!(tally.get(&VoteCast::Yes), Some(&152));
    assert_eq!(tally.get(&VoteCast::No), Some(&5));
    assert_eq!(tally.get(&VoteCast::Abstain), Some(&12));
    assert_eq!(tally.get(&VoteCast::Absent), Some(&24));
    let world = data.indicator_totals["International migrant stock"][&2024];
    assert_eq!(world.value, 304_021_813.0);
    // Every State has a brief with migrant figures, and territories were set aside with one notice.
    for c in &data.countries {
        assert!(
            data.indicators.contains_key(&c.iso3),
            "{} has no figures",
            c.iso3
        );
    }
    let notices: Vec<String> = loaded.notices.iter().map(|n| n.to_string()).collect();
    let aside: Vec<&String> = notices.iter().filter(|n| n.contains("set aside")).collect();
    assert_eq!(aside.len(), 1, "{notices:?}");
    assert!(
        aside[0].contains("39 areas") && aside[0].contains("ABW"),
        "{}",
        aside[0]
    );
}

#[test]
fn every_person_of_the_roles_file_is_named_in_the_forum_file() {
    let forum = fs::read_to_string(root().join("data/forum/imrf-2022.yaml")).unwrap();
    let roles = fs::read_to_string(root().join("data/forum/roles-2022.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(roles.as_bytes());
    let mut n = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let surname = row[2].split_whitespace().last().unwrap();
        assert!(
            forum.contains(surname),
            "{} is not in the forum file",
            &row[2]
        );
        n += 1;
    }
    assert_eq!(n, 19);
}

#[test]
fn delegation_briefs_show_roles_votes_champions_and_migrant_figures() {
    let out = tempfile::tempdir().unwrap();
    let keys = [
        "DEU", "EGY", "BGD", "LUX", "USA", "AUS", "CAN", "UGA", "NRU", "ISL",
    ];
    let mut args = vec![];
    for k in keys {
        args.extend(["--only", k]);
    }
    build_into(out.path(), &args);
    let text = |iso3: &str| pdf_text(&out.path().join(format!("delegations/{iso3}.pdf")));
    for (iso3, person) in [
        ("DEU", "Tobias Lindner"),
        ("EGY", "Neveen E. Hussein"),
        ("BGD", "Rabab Fatima"),
        ("BGD", "Mohammad Shahriar Alam"),
        ("LUX", "Olivier Maes"),
        ("USA", "Marta Youth"),
    ] {
        let t = text(iso3);
        assert!(t.contains(person), "{iso3} lacks its role ({person})");
        assert!(t.contains("At the Forum"), "{iso3}");
    }
    let deu = text("DEU");
    assert!(
        deu.contains("co-chair and co") && deu.contains("of Round Table 1"),
        "{deu}"
    );
    assert!(
        deu.contains("2 Better data") || deu.contains("objectives 2"),
        "{deu}"
    );
    for iso3 in keys {
        let t = text(iso3);
        assert!(
            t.contains("UN DESA, International Migrant Stock 2024"),
            "{iso3} lacks the source"
        );
        assert!(t.contains("Vote on the GCM"), "{iso3} lacks its vote");
        assert!(
            !t.contains("not a Champion"),
            "{iso3} reads a missing row as a fact"
        );
    }
    let usa = text("USA");
    assert!(usa.contains("Voted against"), "USA vote");
    assert!(usa.contains("as an observer, not a member"), "USA in WEOG");
    assert!(text("AUS").contains("Abstained"), "AUS vote");
    assert!(text("CAN").contains("Became a Champion country on 4 June 2020"));
    let uga = text("UGA");
    assert!(uga.contains("no named role in the summaries"), "UGA");
    assert!(
        uga.contains("Not a role of the State") && uga.contains("Entebbe"),
        "UGA"
    );
    let nru = text("NRU");
    assert!(
        nru.to_lowercase()
            .contains("no named role in the summaries")
            && nru.contains("2,548"),
        "NRU"
    );
    // Figures that carry information, never a row of zeros: Iceland has its migrants and vote.
    let isl = text("ISL");
    assert!(
        isl.contains("migrants lived in Iceland") && isl.contains("voted in favour of"),
        "ISL in brief"
    );
}

#[test]
fn region_briefs_have_the_country_table_totals_and_votes() {
    let out = tempfile::tempdir().unwrap();
    build_into(
        out.path(),
        &[
            "--only",
            "africa",
            "--only",
            "western-africa",
            "--only",
            "europe",
            "--only",
            "micronesia",
            "--only",
            "central-america,americas",
        ],
    );
    for slug in ["africa", "western-africa", "europe", "micronesia"] {
        let t = pdf_text(&out.path().join(format!("regions/{slug}.pdf")));
        // A column that would be zero on every row is a sentence instead.
        for (column, sentence) in [
            ("Pledges by the State", "made one of the recorded pledges"),
            (
                "Pledges implemented there",
                "is named by a recorded pledge as a place of implementation",
            ),
        ] {
            assert!(
                t.contains(column) != t.contains(sentence),
                "{slug}: {column:?} is neither a column nor said once"
            );
        }
        for expected in [
            "Migrants living there",
            "The region in figures",
            "304,021,813",
            "UN DESA, International Migrant Stock 2024",
            "On the Global Compact for Migration",
        ] {
            assert!(t.contains(expected), "{slug} lacks {expected:?}");
        }
    }
    let west = pdf_text(&out.path().join("regions/western-africa.pdf"));
    assert_eq!(
        west.matches("African Group").count(),
        1,
        "the group is said once"
    );
    let europe = pdf_text(&out.path().join("regions/europe.pdf"));
    assert!(europe.contains("Eurocities"), "Eurocities counts in Europe");
    assert!(
        europe.contains("Pledges by the State") && europe.contains("Pledges implemented there"),
        "Europe's States pledged: the columns are there"
    );
    assert!(
        west.contains("None of its States made one of the recorded pledges"),
        "no State of Western Africa pledged, said in a sentence"
    );
    assert!(
        europe.contains("Recorded pledges implemented here: 4 (1 naming a region but no country)")
    );
    // Canada's pledge 2358 names Central America only: it counts there and in the Americas.
    for region in ["central-america", "americas"] {
        let text = pdf_text(&out.path().join(format!("regions/{region}.pdf")));
        assert!(text.contains("Settlement and Inclusion"), "{region}");
    }
    assert!(!europe.contains(".00"), "no two-decimal rates");
}

#[test]
fn indicator_files_accept_upper_case_headers_and_a_bom() {
    let data = data_with("none");
    let path = data.path().join("indicators/undesa-migrant-stock-2024.csv");
    let text = fs::read_to_string(&path).unwrap();
    let (header, rest) = text.split_once('\n').unwrap();
    fs::write(&path, format!("\u{feff}{}\n{rest}", header.to_uppercase())).unwrap();
    let out = cmd()
        .args(["check", "--data", data.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("set aside"), "{}", stderr(&out));
    let out_dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .args([
            "build",
            "--only",
            "NRU",
            "--data",
            data.path().to_str().unwrap(),
        ])
        .args(["--out", out_dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pdf_text(&out_dir.path().join("delegations/NRU.pdf")).contains("2,548"));
}

#[test]
fn a_value_that_is_not_a_finite_number_names_file_line_and_field() {
    let data = data_with("none");
    fs::write(
        data.path().join("indicators/zz-fictional.csv"),
        "iso3,indicator,year,value,unit,source\nNRU,Fictional indicator,2000,1,x,Synthetic\nNRU,Fictional indicator,2001,NaN,x,Synthetic\nNRU,Fictional indicator,20x1,3,x,Synthetic\n",
    )
    .unwrap();
    let out = cmd()
        .args(["check", "--data", data.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("zz-fictional.csv:3: value: `NaN` is not a finite number"),
        "{err}"
    );
    assert!(err.contains("zz-fictional.csv:4: year:"), "{err}");
}

#[test]
fn a_template_reading_a_field_that_no_longer_exists_fails() {
    let templates = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&root().join("templates"), templates.path());
    let path = templates.path().join("delegation.typ.j2");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("b.official_name", "b.official_title")).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .args([
            "build",
            "--only",
            "MEX",
            "--templates",
            templates.path().to_str().unwrap(),
        ])
        .args(["--out", out_dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("delegation.typ.j2"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_header_band_keeps_the_venue_whole_and_binders_order_their_contents() {
    let out = tempfile::tempdir().unwrap();
    build_into(out.path(), &["--by", "region", "--binder"]);
    let regions = pdf_text(&out.path().join("binders/regions.pdf"));
    build_into(
        out.path(),
        &[
            "--only", "DNK", "--only", "DEU", "--only", "CIV", "--only", "HRV", "--binder",
        ],
    );
    for path in ["delegations/DEU.pdf", "regions/western-africa.pdf"] {
        let lines = pdf_lines(&out.path().join(path));
        let venue = lines
            .iter()
            .find(|l| l.contains("Headquarters"))
            .unwrap_or_else(|| panic!("{path}: no venue in {lines:?}"));
        assert!(
            venue.contains("United Nations Headquarters, New York"),
            "{path}: {venue}"
        );
    }
    let delegations = pdf_text(&out.path().join("binders/delegations-selection.pdf"));
    let contents = &delegations[delegations.find("Contents").unwrap()..];
    let at = |name: &str| {
        contents
            .find(name)
            .unwrap_or_else(|| panic!("{name} not in contents"))
    };
    // By English name, not ISO3 (CIV < DEU < DNK < HRV).
    assert!(at("Côte d’Ivoire") < at("Croatia"));
    assert!(at("Croatia") < at("Denmark") && at("Denmark") < at("Germany"));
    let contents = &regions[regions.find("Contents").unwrap()..];
    let at = |name: &str| {
        contents
            .find(name)
            .unwrap_or_else(|| panic!("{name} not in contents"))
    };
    // Sub-regions follow their region, before the next region.
    assert!(at("Northern Africa") < at("Americas"));
    assert!(at("Western Africa") < at("Americas"));
    assert!(at("Oceania") < at("Micronesia"));
}

#[test]
fn long_words_bidi_overrides_and_stacked_marks_stay_on_the_page() {
    let (_data, out_dir, out) = crate::support::build_fixture("long-names", &["--only", "FJI"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&out_dir.path().join("delegations/FJI.pdf"));
    // The override is dropped, the words kept in their order; the long name is all there.
    let at = text.find("Fictional entity").expect("the entity prints");
    assert!(
        text[at..].starts_with("Fictional entity with an override and isolate"),
        "override: {}",
        &text[at..at + 80]
    );
    let at = text
        .find("Fictional pledge")
        .expect("the long title prints");
    assert!(
        text[at..].contains("xxxxxxxxxx"),
        "long name: {}",
        &text[at..at + 200]
    );
}

/// Records the characters of a PDF that start outside their page's media box (page, character,
/// x).
#[derive(Default)]
struct OffPage {
    page: u32,
    bounds: (f64, f64),
    off: Vec<(u32, String, f64)>,
}

impl pdf_extract::OutputDev for OffPage {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page = page;
        self.bounds = (media_box.llx, media_box.urx);
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        _: f64,
        _: f64,
        _: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // Where the glyph starts: pdf-extract reads no glyph widths from typst's fonts.
        let x = trm.m31;
        if x < self.bounds.0 || x > self.bounds.1 {
            self.off.push((self.page, char.to_string(), x));
        }
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

#[test]
fn a_300_character_name_of_a_state_or_the_forum_stays_on_every_page() {
    let word = "Internationalmigrationreviewforum".repeat(10)[..300].to_string();
    let data = data_with("long-names");
    let countries = data.path().join("countries.csv");
    let text = fs::read_to_string(&countries).unwrap();
    fs::write(&countries, text.replacen(",Fiji,", &format!(",{word},"), 1)).unwrap();
    let forum = data.path().join("forum/imrf-2022.yaml");
    let text = fs::read_to_string(&forum).unwrap();
    let short = format!("short_name: \"{word}\"");
    fs::write(
        &forum,
        text.replacen("short_name: \"IMRF 2022\"", &short, 1),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = cmd()
        .args(["build", "--only", "FJI,overview,melanesia", "--data"])
        .arg(data.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    for pdf in [
        "delegations/FJI.pdf",
        "overview.pdf",
        "regions/melanesia.pdf",
    ] {
        let doc = pdf_extract::Document::load(out.path().join(pdf)).unwrap();
        let mut found = OffPage::default();
        pdf_extract::output_doc(&doc, &mut found).unwrap();
        assert!(
            found.off.is_empty(),
            "{pdf}: {:?}",
            &found.off[..found.off.len().min(5)]
        );
    }
}

#[test]
fn missing_years_leave_a_gap_and_negative_values_stay_negative() {
    let data = data_with("none");
    let path = data.path().join("indicators/undesa-migrant-stock-2024.csv");
    let text = fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("NRU,International migrant stock,2010,"))
        .collect();
    fs::write(&path, kept.join("\n") + "\n").unwrap();
    fs::write(
        data.path().join("indicators/zz-fictional.csv"),
        "iso3,indicator,year,value,unit,source\nNRU,Fictional balance,2000,12,units,Synthetic test values (not real data)\nNRU,Fictional balance,2010,-5,units,Synthetic test values (not real data)\n",
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .args([
            "build",
            "--only",
            "NRU",
            "--data",
            data.path().to_str().unwrap(),
        ])
        .args(["--out", out_dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&out_dir.path().join("delegations/NRU.pdf"));
    // ("fi" may come out of the PDF as a ligature.)
    assert!(
        text.contains("is published for migrants living here in 2010"),
        "{text}"
    );
    assert!(
        text.contains("no figure") || text.contains("no \u{fb01}gure"),
        "the table says so too"
    );
    assert!(
        text.contains("2010 − 5") || text.contains("2010 −5"),
        "{text}"
    );
}

#[test]
fn every_delegation_brief_has_its_figures_vote_and_forum_role_or_the_statement_of_none() {
    let out = tempfile::tempdir().unwrap();
    build_into(out.path(), &["--by", "delegation"]);
    let mut count = 0;
    for entry in fs::read_dir(out.path().join("delegations")).unwrap() {
        let path = entry.unwrap().path();
        let text = pdf_text(&path);
        let name = path.display();
        assert!(
            text.contains("UN DESA, International Migrant Stock 2024")
                && text.contains("Living in"),
            "{name}: migrant figures"
        );
        assert!(text.contains("Vote on the GCM"), "{name}: vote");
        assert!(
            text.contains("no named role in the summaries")
                || text.contains("Round Table")
                || text.contains("Progress Declaration"),
            "{name}: role"
        );
        count += 1;
    }
    assert_eq!(count, 195);
}

/// The number of pages of a PDF, counted from its page objects.
fn page_count(path: &Path) -> usize {
    lopdf::Document::load(path).unwrap().get_pages().len()
}

#[test]
fn one_sided_binders_have_no_blank_backs() {
    let two = tempfile::tempdir().unwrap();
    let one = tempfile::tempdir().unwrap();
    let briefs = ["--only", "NRU", "--only", "NZL", "--binder"];
    build_into(two.path(), &briefs);
    let mut args = briefs.to_vec();
    args.push("--one-sided");
    build_into(one.path(), &args);
    let brief_pages: usize = ["NRU", "NZL"]
        .iter()
        .map(|k| page_count(&one.path().join(format!("delegations/{k}.pdf"))))
        .sum();
    // Cover and contents, then the briefs back to back: no page without text. (A bound brief
    // may take a page fewer than alone, its last lines fitting beside the binder's footer.)
    let one_sided = one
        .path()
        .join("one-sided/binders/delegations-selection.pdf");
    let pages =
        pdf_extract::extract_text_from_mem_by_pages(&fs::read(&one_sided).unwrap()).unwrap();
    assert!(pages.len() <= 2 + brief_pages, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(!page.trim().is_empty(), "page {} is blank", i + 1);
    }
    // Two-sided, each brief starts on a right-hand page: there are blank backs.
    let two_sided = two.path().join("binders/delegations-selection.pdf");
    assert!(page_count(&two_sided) > pages.len());
}

#[test]
fn a_bad_vote_or_an_unknown_state_in_the_record_names_file_line_and_field() {
    let data = data_with("none");
    let path = data.path().join("record/ga-votes-2018.csv");
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replacen(",absent\n", ",perhaps\n", 1);
    fs::write(&path, text).unwrap();
    let roles = data.path().join("forum/roles-2022.csv");
    let mut text = fs::read_to_string(&roles).unwrap();
    text.push_str(
        "ZZZ,panellist of Round Table 9,Fictional Person,Fictional capacity,\"sect. II\"\n",
    );
    fs::write(&roles, text).unwrap();
    let out = cmd()
        .args(["check", "--data", data.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("ga-votes-2018.csv:2: vote:"), "{err}");
    assert!(err.contains("roles-2022.csv:21: iso3: `ZZZ`"), "{err}");
}

#[test]
fn running_headers_and_footers_name_their_own_brief_alone_and_in_a_binder() {
    // The page setup is shared by all briefs; the title and key come from each brief's metadata.
    let out = tempfile::tempdir().unwrap();
    build_into(out.path(), &["--only", "DEU", "--only", "FRA", "--binder"]);
    let lines = pdf_lines(&out.path().join("delegations/DEU.pdf"));
    // The footer says the key and date, the head the kind and title (each once, mirrored on
    // left-hand pages).
    let footers: Vec<_> = lines.iter().filter(|l| l.contains("DEU · ")).collect();
    assert!(footers.len() >= 2, "a footer a page: {lines:?}");
    let heads = [
        "IMRF 2022 · Delegation brief Germany",
        "Germany IMRF 2022 · Delegation brief",
    ];
    assert!(
        lines.iter().any(|l| heads.contains(&l.as_str())),
        "no running header from page 2: {lines:?}"
    );
    assert!(lines.iter().all(|l| !l.contains("FRA")), "{lines:?}");
    let binder = pdf_lines(&out.path().join("binders/delegations-selection.pdf"));
    for (key, title) in [("DEU", "Germany"), ("FRA", "France")] {
        let footer = format!("{key} · ");
        assert!(
            binder.iter().any(|l| l.contains(&footer)),
            "{footer}: {binder:?}"
        );
        let heads = [
            format!("IMRF 2022 · Delegation brief {title}"),
            format!("{title} IMRF 2022 · Delegation brief"),
        ];
        assert!(
            binder.iter().any(|l| heads.contains(l)),
            "{title}: {binder:?}"
        );
    }
}

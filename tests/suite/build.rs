//! `imrf-briefs build` and `list` driven through the real binary on the bundled data and fixtures.

use std::collections::BTreeSet;
use std::fs;

use crate::support::{
    build_fixture, cmd, copy_tree, pdf_text, root, run, stderr, stdout, straight_quotes,
};

fn build(args: &[&str]) -> std::process::Output {
    let mut all = vec!["build", "-q"];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn objective_brief_holds_title_key_points_pledges_and_sources() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = build(&["--only", "7,2", "--out", out_dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Objective 2's round table named challenges; objective 7's did not.
    let text = pdf_text(&out_dir.path().join("objectives/objective-02.pdf"));
    assert!(text.contains("Questions for the next Forum"));
    let text = pdf_text(&out_dir.path().join("objectives/objective-07.pdf"));
    for expected in [
        "Objective 7",
        "Address and reduce vulnerabilities in migration",
        "Round table 4",
        "Settlement and Inclusion", // a pledge naming objective 7
        "IMRF 2022 Summaries, sect. II",
        "migrationnetwork.un.org",
        "Partial pledge data",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out_dir.path().join("manifest.json")).unwrap()).unwrap();
    let entry = &manifest["briefs"][1];
    assert_eq!(entry["key"], "07");
    assert_eq!(entry["status"], "built");
    assert!(entry["pages"].as_u64().unwrap() >= 2);
    assert_eq!(entry["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn each_kind_builds_with_its_content() {
    let out_dir = tempfile::tempdir().unwrap();
    let dir = out_dir.path();
    let out = build(&[
        "--only",
        "overview",
        "--only",
        "MEX",
        "--only",
        "western-africa",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let overview = pdf_text(&dir.join("overview.pdf"));
    for expected in [
        "the Forum at a glance",
        "113",
        "Progress Declaration",
        "A/AC.293/2022/L.1",
        "The 23 objectives",
    ] {
        assert!(overview.contains(expected), "overview lacks {expected:?}");
    }
    let mexico = pdf_text(&dir.join("delegations/MEX.pdf"));
    for expected in [
        "Mexico",
        "United Mexican States",
        "Latin American and Caribbean Group",
        "State of Tlaxcala",
        "Country and region",
    ] {
        assert!(mexico.contains(expected), "MEX lacks {expected:?}");
    }
    let region = pdf_text(&dir.join("regions/western-africa.pdf"));
    for expected in [
        "Western Africa",
        "Nigeria",
        "NGA",
        "African Group",
        "Compared with other",
        // The footer names the region, not its file slug.
        "Western Africa · ",
    ] {
        assert!(region.contains(expected), "region lacks {expected:?}");
    }
}

#[test]
fn a_state_without_pledges_is_told_plainly() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = build(&[
        "--only",
        "ISL,FSM",
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&out_dir.path().join("delegations/ISL.pdf"));
    assert!(
        text.contains("No pledge by Iceland is among the 39 recorded pledges"),
        "{text}"
    );
    // A region where no recorded pledge is implemented says so in words, not "0 pledges".
    let text = pdf_text(&out_dir.path().join("delegations/FSM.pdf"));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(
            "Micronesia (5 countries): none of the recorded pledges is implemented there"
        ),
        "{text}"
    );
    assert!(!text.contains("0 recorded pledges"), "{text}");
}

#[test]
fn list_json_and_selection_by_kind() {
    let out = run(&["list", "--json"]);
    assert!(out.status.success());
    let all: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(all.iter().filter(|b| b["kind"] == "objective").count(), 23);
    assert_eq!(
        all.iter().filter(|b| b["kind"] == "delegation").count(),
        195
    );
    assert_eq!(all.iter().filter(|b| b["kind"] == "overview").count(), 1);
    assert!(all.iter().any(|b| b["key"] == "western-africa"));

    let out = run(&["list", "--json", "--by", "objective"]);
    let objectives: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(objectives.len(), 23);

    let out = run(&["list", "--only", "atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--only atlantis: no brief has this key"));
}

#[test]
fn shards_partition_the_plan() {
    let out = run(&["list", "--json"]);
    let all: BTreeSet<String> = serde_json::from_str::<Vec<serde_json::Value>>(&stdout(&out))
        .unwrap()
        .iter()
        .map(|b| b["stem"].as_str().unwrap().to_string())
        .collect();
    let mut union = BTreeSet::new();
    let mut total = 0;
    for i in 1..=3 {
        // One output folder per shard, as on the machines of a CI matrix.
        let out_dir = tempfile::tempdir().unwrap();
        let shard = format!("{i}/3");
        let out = build(&[
            "--format",
            "typ",
            "--shard",
            &shard,
            "--out",
            out_dir.path().to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(out_dir.path().join("manifest.json")).unwrap())
                .unwrap();
        let stems: Vec<String> = manifest["briefs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                b["path"]
                    .as_str()
                    .unwrap()
                    .trim_end_matches(".typ")
                    .to_string()
            })
            .collect();
        assert!(!stems.is_empty());
        total += stems.len();
        union.extend(stems);
    }
    assert_eq!(total, all.len(), "shards overlap");
    assert_eq!(union, all);
}

#[test]
fn builds_are_reproducible() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        let out = build(&[
            "--only",
            "5",
            "--only",
            "CAN",
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for file in [
        "objectives/objective-05.pdf",
        "delegations/CAN.pdf",
        "manifest.json",
    ] {
        assert_eq!(
            fs::read(a.path().join(file)).unwrap(),
            fs::read(b.path().join(file)).unwrap(),
            "{file} differs"
        );
    }
}

#[test]
fn a_failing_brief_keeps_the_earlier_pdf_and_the_others_build() {
    let templates = tempfile::tempdir().unwrap();
    copy_tree(&root().join("templates"), templates.path());
    let out_dir = tempfile::tempdir().unwrap();
    let (t, o) = (
        templates.path().to_str().unwrap(),
        out_dir.path().to_str().unwrap(),
    );
    let out = build(&["--only", "5", "--only", "MEX", "--templates", t, "--out", o]);
    assert!(out.status.success(), "{}", stderr(&out));
    let good = fs::read(out_dir.path().join("objectives/objective-05.pdf")).unwrap();

    // Break the objective template with a Typst error; the delegation brief does not use it.
    let path = templates.path().join("objective.typ.j2");
    let broken = fs::read_to_string(&path).unwrap().replace(
        "= Key points from the Forum",
        "= Key points\n#undefined-function()",
    );
    fs::write(&path, broken).unwrap();
    let out = build(&[
        "--only",
        "5",
        "--only",
        "MEX",
        "--templates",
        t,
        "--out",
        o,
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("brief 05"), "{err}");
    assert!(
        err.contains("unknown variable: undefined-function"),
        "{err}"
    );
    assert!(err.contains("objectives/objective-05.typ"), "{err}");
    let line = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .position(|l| l.contains("#undefined-function()"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("generated from {}:{line}", path.display())),
        "{err}"
    );
    assert_eq!(
        fs::read(out_dir.path().join("objectives/objective-05.pdf")).unwrap(),
        good
    );
    assert!(out_dir.path().join("delegations/MEX.pdf").exists());
    let leftovers: Vec<_> = fs::read_dir(out_dir.path().join("objectives"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temp files left: {leftovers:?}");
}

#[test]
fn a_template_syntax_error_names_template_and_line() {
    let templates = tempfile::tempdir().unwrap();
    copy_tree(&root().join("templates"), templates.path());
    let path = templates.path().join("objective.typ.j2");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("{% if b.challenges %}", "{% if b.challenges %%}", 1),
    )
    .unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("{% if b.challenges %}"))
        .unwrap()
        + 1;
    let out_dir = tempfile::tempdir().unwrap();
    let out = build(&[
        "--only",
        "5",
        "--templates",
        templates.path().to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("objective.typ.j2:{line}:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn incremental_rebuild_skips_unchanged_briefs() {
    let out_dir = tempfile::tempdir().unwrap();
    let o = out_dir.path().to_str().unwrap();
    let first = build(&["--only", "5", "--out", o]);
    assert!(first.status.success());
    let out = cmd()
        .args(["build", "--only", "5", "--out", o])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("0 built, 1 up to date, 0 failed"),
        "{}",
        stderr(&out)
    );
    let out = cmd()
        .args(["build", "--only", "5", "--out", o, "--force"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("1 built, 0 up to date"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hostile_strings_print_literally_and_no_file_outside_templates_is_read() {
    let (_data, out_dir, out) = build_fixture("hostile", &["-q", "--only", "MEX"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&out_dir.path().join("delegations/MEX.pdf"));
    for literal in [
        "#read(\"/etc/passwd\")",
        "*bold?* _x_ $y$",
        "= not a heading",
        "@ref <label> // not a comment",
        "\\ back`slash`",
    ] {
        // Printed as written, in the house style's quotes.
        let literal = imrf_briefs::render::printable(literal);
        assert!(text.contains(&*literal), "missing {literal:?} in {text}");
    }
    assert!(text.contains("#read(“/etc/passwd”)"), "{text}");
    assert!(!text.contains("root:x:0:0"));
    assert!(
        text.contains("Not official data"),
        "synthetic data must carry the notice"
    );
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["build", "--shard", "0/2"][..],
        &["build", "--jobs", "0"],
        &["build", "--templates", "nope"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn image_formats_write_one_file_per_page_and_ua1_letter_pdfs_pass_typst_checks() {
    let out_dir = tempfile::tempdir().unwrap();
    let o = out_dir.path().to_str().unwrap();
    for format in ["png", "svg"] {
        let out = build(&["--only", "5", "--format", format, "--out", o]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(out_dir
            .path()
            .join(format!("objectives/objective-05-01.{format}"))
            .exists());
    }
    let png = fs::read(out_dir.path().join("objectives/objective-05-01.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));

    let out = build(&[
        "--only",
        "5",
        "--only",
        "BRA",
        "--pdf-standard",
        "ua-1",
        "--paper",
        "us-letter",
        "--out",
        o,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A variant's own folder (the A4 build's files are left as they were).
    let pdf = fs::read(
        out_dir
            .path()
            .join("us-letter-pdf-ua-1/objectives/objective-05.pdf"),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("MediaBox[0 0 612 792]"), "not US Letter");
    assert!(text.contains("pdfuaid"), "no PDF/UA identification");
}

#[test]
fn typ_output_is_self_contained() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = build(&[
        "--only",
        "5",
        "--format",
        "typ",
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let source = fs::read_to_string(out_dir.path().join("objectives/objective-05.typ")).unwrap();
    assert!(source.contains("#import \"/lib/brief.typ\""));
    assert!(out_dir.path().join("lib/brief.typ").exists());
}

#[test]
fn binders_chain_every_brief_with_contents_and_continuous_pages() {
    let out_dir = tempfile::tempdir().unwrap();
    let o = out_dir.path().to_str().unwrap();
    let out = build(&["--by", "objective", "--binder", "--out", o]);
    assert!(out.status.success(), "{}", stderr(&out));
    let binder = out_dir.path().join("binders/objectives.pdf");
    let text = pdf_text(&binder);
    assert!(text.contains("Objective briefs"));
    assert!(text.contains("Contents"));
    for n in [1, 12, 23] {
        assert!(
            text.contains(&format!("Objective {n}")),
            "binder lacks objective {n}"
        );
    }
    // Page numbers run on across briefs: the last page says "Page N of N" with N beyond one brief.
    let pages = pdf_extract::extract_text_from_mem_by_pages(&fs::read(&binder).unwrap()).unwrap();
    let last = pages.last().unwrap();
    let n = pages.len();
    assert!(n > 40, "only {n} pages");
    assert!(
        last.contains(&format!("Page {n} of {n}")),
        "last page: {last}"
    );
}

#[test]
fn sixty_pledges_long_titles_and_other_scripts_lay_out_and_missing_glyphs_are_named() {
    let (_data, out_dir, out) =
        build_fixture("many-pledges", &["--only", "KAZ", "--only", "central-asia"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning in brief KAZ") && err.contains("no font has glyphs for \"合成实体\""),
        "{err}"
    );
    let text = pdf_text(&out_dir.path().join("delegations/KAZ.pdf"));
    for expected in [
        "Synthetic pledge 0060",
        "Синтетическая организация 0005",
        "Not official data",
        "Fictional indicator",
        "Synthetic test values (not real data)",
        "a deliberately very long title",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    let region = pdf_text(&out_dir.path().join("regions/central-asia.pdf"));
    assert!(
        region.contains("Fictional indicator") && region.contains("Kazakhstan (2020)"),
        "region lacks the indicator"
    );
}

#[test]
fn long_pledge_tables_are_capped_with_a_note() {
    let data = crate::support::data_with("many-pledges");
    let mut csv = String::from("id,title,entity,entity_type,country_iso3\n");
    for i in 61..=300 {
        csv.push_str(&format!(
            "zz-extra-{i},Synthetic pledge {i:04},Synthetic Entity {i:04},Other stakeholder,KAZ\n"
        ));
    }
    fs::write(data.path().join("pledges/zz-extra.csv"), csv).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .args([
            "build",
            "-q",
            "--only",
            "KAZ",
            "--data",
            data.path().to_str().unwrap(),
        ])
        .args(["--out", out_dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&out_dir.path().join("delegations/KAZ.pdf"));
    assert!(
        text.contains("Showing the first 250 of 300 pledges"),
        "no cap note"
    );
    // Record order: files by name (zz-extra.csv, then zz-synthetic.csv), rows as written.
    assert!(text.contains("Synthetic pledge 0300") && text.contains("Synthetic pledge 0010"));
    assert!(!text.contains("Synthetic pledge 0011"));
}

#[test]
fn source_date_epoch_sets_the_document_date() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args([
            "build",
            "-q",
            "--only",
            "5",
            "--out",
            out_dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&out_dir.path().join("objectives/objective-05.pdf"));
    assert!(
        text.contains("14 November 2023"),
        "date not taken from SOURCE_DATE_EPOCH"
    );
    assert!(!text.contains("28 November 2026"));
}

#[test]
fn a_template_reading_a_field_the_context_lacks_fails_naming_template_and_line() {
    // Contexts are typed structs and undefined values are strict: a template that reads a field
    // which does not exist (renamed, removed, misspelt) is an error, not an empty string.
    let templates = tempfile::tempdir().unwrap();
    copy_tree(&root().join("templates"), templates.path());
    let out_dir = tempfile::tempdir().unwrap();
    let path = templates.path().join("objective.typ.j2");
    let broken = fs::read_to_string(&path).unwrap().replace(
        "= Key points from the Forum",
        "= Key points from the Forum\n{{ body.no_such_field }}",
    );
    fs::write(&path, broken).unwrap();
    let line = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .position(|l| l.contains("no_such_field"))
        .unwrap()
        + 1;
    let out = build(&[
        "--only",
        "5",
        "--format",
        "typ",
        "--templates",
        templates.path().to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:{line}: undefined value", path.display())),
        "{err}"
    );
    assert!(!out_dir.path().join("objectives/objective-05.typ").exists());
}

/// Every `http(s)` address printed in any brief is a link annotation, every source marker of a
/// standalone brief links to its line, and no internal record id or straight quote is printed.
#[test]
fn every_printed_url_is_a_link() {
    let out = tempfile::tempdir().unwrap();
    let built = build(&["-q", "--out", out.path().to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    let mut checked = 0;
    for kind in ["objectives", "regions", "delegations"] {
        for entry in fs::read_dir(out.path().join(kind)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = fs::read(&path).unwrap();
            let text = pdf_text(&path);
            let document = pdf_extract::Document::load_mem(&bytes).unwrap();
            let (mut uris, mut internal) = (Vec::new(), 0);
            for object in document.objects.values() {
                let Ok(dict) = object.as_dict() else { continue };
                if !dict
                    .get(b"Subtype")
                    .is_ok_and(|s| s.as_name().ok() == Some(b"Link"))
                {
                    continue;
                }
                match dict
                    .get(b"A")
                    .and_then(|a| document.dereference(a))
                    .map(|(_, a)| a)
                {
                    Ok(action) => {
                        if let Ok(uri) = action.as_dict().and_then(|a| a.get(b"URI")) {
                            uris.push(String::from_utf8_lossy(uri.as_str().unwrap()).into_owned());
                        } else {
                            internal += 1;
                        }
                    }
                    Err(_) => internal += 1,
                }
            }
            let printed: Vec<&str> = text
                .split_whitespace()
                .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
                .collect();
            for url in &printed {
                // Printed decoded, as people read an address; linked encoded (ASCII).
                let escaped = url
                    .as_bytes()
                    .windows(3)
                    .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit());
                assert!(
                    !escaped,
                    "{}: {url} is printed percent-encoded",
                    path.display()
                );
                // Extracted text may break a long address; its start must be a link's start.
                let start: String = url.chars().take(30).collect();
                assert!(
                    uris.iter().any(|u| u.starts_with(&start)),
                    "{}: {url} is printed but not a link ({uris:?})",
                    path.display()
                );
                checked += 1;
            }
            assert!(
                uris.iter().all(|u| u.is_ascii()),
                "{}: {uris:?}",
                path.display()
            );
            if text.contains("[1]") {
                assert!(
                    internal > 0,
                    "{}: no marker links to its source",
                    path.display()
                );
            }
            let straight = straight_quotes(&text);
            assert!(straight.is_empty(), "{}: {straight:?}", path.display());
            // No record id the data made up for a record that has none ("la:...", "gfmd:...").
            for prefix in [" la:", " lc:", " gfmd:", " ext:"] {
                assert!(!text.contains(prefix), "{}: prints{prefix}", path.display());
            }
        }
    }
    assert!(checked > 100, "only {checked} addresses found");
}

/// Viewers show a PDF's title, not its file name ("Egypt", not "EGY.pdf"): every PDF's catalog
/// sets `DisplayDocTitle` (once, also where PDF/UA-1 sets it itself), its title is the brief's or
/// binder's, and the file still reads as a whole (the cross-reference table where `startxref`
/// says, every object where the table says).
#[test]
fn viewers_show_the_document_title() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    for args in [
        &["--binder", "--only", "EGY,5"][..],
        &["--only", "EGY", "--pdf-standard", "ua-1"],
        &["--only", "EGY", "--pdf-standard", "a-2b"],
    ] {
        let built = build(&[args, &["-q", "--out", o]].concat());
        assert!(built.status.success(), "{}", stderr(&built));
    }
    for (path, title) in [
        ("delegations/EGY.pdf", "Egypt"),
        ("objectives/objective-05.pdf", "Objective 5"),
        (
            "binders/delegations-selection.pdf",
            "Delegation briefs: Egypt",
        ),
        ("pdf-ua-1/delegations/EGY.pdf", "Egypt"),
        ("pdf-a-2b/delegations/EGY.pdf", "Egypt"),
    ] {
        let bytes = fs::read(out.path().join(path)).unwrap();
        let document = pdf_extract::Document::load_mem(&bytes).unwrap();
        let preferences = document
            .catalog()
            .and_then(|c| c.get(b"ViewerPreferences"))
            .and_then(|p| p.as_dict())
            .unwrap_or_else(|e| panic!("{path}: no viewer preferences: {e}"));
        assert_eq!(
            preferences
                .get(b"DisplayDocTitle")
                .and_then(|d| d.as_bool())
                .ok(),
            Some(true),
            "{path}"
        );
        let info = document
            .trailer
            .get(b"Info")
            .and_then(|i| document.dereference(i))
            .and_then(|(_, i)| i.as_dict())
            .unwrap();
        let shown = info.get(b"Title").unwrap().as_str().unwrap();
        assert!(
            String::from_utf8_lossy(shown).starts_with(title),
            "{path}: {:?}",
            String::from_utf8_lossy(shown)
        );
        // The cross-reference section where startxref says: an assembled binder's is a stream
        // (its objects packed in object streams), which lopdf has read above.
        let end = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
        let tail = String::from_utf8_lossy(&bytes[end..]);
        let xref: usize = tail.split_whitespace().nth(1).unwrap().parse().unwrap();
        if path.starts_with("binders/") {
            let head = String::from_utf8_lossy(&bytes[xref..xref + 200]);
            assert!(head.contains(" 0 obj\n<</Type /XRef"), "{path}: {head}");
            continue;
        }
        // typst's: a table, each entry at its object (offsets are of bytes), and the
        // preference set once (PDF/UA-1 sets it too).
        let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
        assert_eq!(count(b"/DisplayDocTitle"), 1, "{path}");
        assert!(bytes[xref..].starts_with(b"xref\n0 "), "{path}");
        let table = String::from_utf8_lossy(&bytes[xref..end]);
        for (n, entry) in table.lines().skip(2).enumerate() {
            if entry.starts_with("trailer") {
                break;
            }
            if entry.trim_end().ends_with(" n") {
                let at: usize = entry[..10].parse().unwrap();
                assert!(
                    bytes[at..].starts_with(format!("{n} 0 obj").as_bytes()),
                    "{path}: object {n}"
                );
            }
        }
    }
}

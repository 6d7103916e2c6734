//! Variants (`--paper`, `--pdf-standard`, `--one-sided`): each has its own files and its own
//! manifest entry saying what it is, beside the default build (A4, no standard, two-sided), whose
//! paths and bytes stay as they are; the catalog lists a brief once, with a link to each file.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::{cmd, file_sha256, stderr};

/// Builds into `out` with `args`; returns stderr, after checking the build succeeded.
fn build(out: &Path, args: &[&str]) -> String {
    let output = cmd()
        .args(["build", "--out"])
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stderr(&output)
}

fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

/// The manifest entries (under `list`: "briefs" or "bound") of `kind` and `key`.
fn entries(out: &Path, list: &str, kind: &str, key: &str) -> Vec<Value> {
    manifest(out)[list]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind && e["key"] == key)
        .cloned()
        .collect()
}

/// Checks that `path` has an entry recording `paper` and `standard`, with the file's sha256.
fn assert_recorded(out: &Path, entries: &[Value], path: &str, paper: &str, standard: Value) {
    let entry = entries
        .iter()
        .find(|e| e["path"] == path)
        .unwrap_or_else(|| panic!("no entry for {path}: {entries:#?}"));
    assert_eq!(entry["paper"], paper, "{entry:#}");
    assert_eq!(entry["pdf_standard"], standard, "{entry:#}");
    assert_eq!(
        entry["sha256"].as_str().unwrap(),
        file_sha256(&out.join(path)),
        "{path}: the manifest's sha256 is the file's"
    );
}

#[test]
fn paper_and_standard_variants_have_their_own_files_and_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    build(&out, &["--only", "MEX"]);
    let default = fs::read(out.join("delegations/MEX.pdf")).unwrap();
    build(&out, &["--only", "MEX", "--paper", "us-letter"]);
    build(&out, &["--only", "MEX", "--pdf-standard", "ua-1"]);

    // Three files, three contents; the default's path and bytes are as before.
    let letter = fs::read(out.join("us-letter/delegations/MEX.pdf")).unwrap();
    let ua = fs::read(out.join("pdf-ua-1/delegations/MEX.pdf")).unwrap();
    assert_eq!(fs::read(out.join("delegations/MEX.pdf")).unwrap(), default);
    assert_ne!(letter, default);
    assert_ne!(ua, default);
    assert_ne!(ua, letter);
    let alone = tmp.path().join("alone");
    build(&alone, &["--only", "MEX"]);
    assert_eq!(
        fs::read(alone.join("delegations/MEX.pdf")).unwrap(),
        default,
        "the default build is the same with or without variants beside it"
    );

    // One entry per variant, saying what it is.
    let found = entries(&out, "briefs", "delegation", "MEX");
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_recorded(&out, &found, "delegations/MEX.pdf", "a4", Value::Null);
    assert_recorded(
        &out,
        &found,
        "us-letter/delegations/MEX.pdf",
        "us-letter",
        Value::Null,
    );
    assert_recorded(
        &out,
        &found,
        "pdf-ua-1/delegations/MEX.pdf",
        "a4",
        "ua-1".into(),
    );

    // A second run of each is up to date: no variant replaced another.
    for args in [
        &["--only", "MEX"][..],
        &["--only", "MEX", "--paper", "us-letter"],
        &["--only", "MEX", "--pdf-standard", "ua-1"],
    ] {
        let said = build(&out, args);
        assert!(said.contains("0 built, 1 up to date"), "{args:?}: {said}");
    }
    assert_eq!(fs::read(out.join("delegations/MEX.pdf")).unwrap(), default);
}

#[test]
fn editions_and_variants_compose() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    build(
        &out,
        &[
            "--only",
            "5",
            "--lang",
            "en",
            "--lang",
            "fr",
            "--paper",
            "us-letter",
        ],
    );
    build(&out, &["--only", "5", "--lang", "fr"]);
    let found = entries(&out, "briefs", "objective", "05");
    let paths: Vec<&str> = found.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths.len(),
        3,
        "English and French on Letter, French on A4: {paths:?}"
    );
    for path in [
        "us-letter/objectives/objective-05.pdf",
        "us-letter/fr/objectives/objective-05.pdf",
        "fr/objectives/objective-05.pdf",
    ] {
        let entry = found.iter().find(|e| e["path"] == path).expect(path);
        assert_eq!(
            entry["sha256"].as_str().unwrap(),
            file_sha256(&out.join(path))
        );
    }
}

#[test]
fn the_catalog_lists_a_brief_once_with_a_link_to_each_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    for format in ["pdf", "png", "svg", "typ"] {
        build(&out, &["--only", "MEX", "--format", format]);
    }
    build(&out, &["--only", "MEX", "--paper", "us-letter"]);
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(
        index.matches("<li data-search=\"Mexico ").count(),
        1,
        "Mexico once"
    );
    let row = index
        .split("<li data-search=\"Mexico ")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(
        row.contains("<a href=\"delegations/MEX.pdf\">Mexico</a>"),
        "{row}"
    );
    for link in [
        "<a href=\"delegations/MEX.pdf\">PDF</a>",
        "<a href=\"delegations/MEX-01.png\">PNG</a>",
        "<a href=\"delegations/MEX-01.svg\">SVG</a>",
        "<a href=\"delegations/MEX.typ\">Typst source</a>",
        "<a href=\"us-letter/delegations/MEX.pdf\">US Letter PDF</a>",
    ] {
        assert!(row.contains(link), "{link} in {row}");
    }
    // The header counts briefs, not files.
    assert!(index.contains("<p>1 brief, 3 pages;"), "{index}");
}

#[test]
fn one_sided_and_letter_binders_are_their_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    build(&out, &["--only", "5", "--binder"]);
    let two_sided = fs::read(out.join("binders/objectives-selection.pdf")).unwrap();
    let said = build(&out, &["--only", "5", "--binder", "--one-sided"]);
    assert!(
        said.contains("0 built, 1 up to date"),
        "the brief is the same: {said}"
    );
    let one_sided = fs::read(out.join("one-sided/binders/objectives-selection.pdf")).unwrap();
    assert_ne!(one_sided, two_sided);
    assert_eq!(
        fs::read(out.join("binders/objectives-selection.pdf")).unwrap(),
        two_sided,
        "the two-sided binder is kept"
    );
    let bound = entries(&out, "bound", "binder", "objectives-selection");
    assert_eq!(bound.len(), 2, "{bound:#?}");
    for (path, sides) in [
        ("binders/objectives-selection.pdf", false),
        ("one-sided/binders/objectives-selection.pdf", true),
    ] {
        let entry = bound.iter().find(|e| e["path"] == path).expect(path);
        assert_eq!(entry["one_sided"], sides, "{entry:#}");
        assert_eq!(entry["paper"], "a4", "{entry:#}");
        assert_eq!(
            entry["sha256"].as_str().unwrap(),
            file_sha256(&out.join(path))
        );
    }
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index
            .contains("<a href=\"one-sided/binders/objectives-selection.pdf\">PDF (one-sided)</a>"),
        "{index}"
    );

    // A binder on Letter goes beside them; the A4 ones stay.
    build(&out, &["--only", "5", "--binder", "--paper", "us-letter"]);
    assert!(out
        .join("us-letter/binders/objectives-selection.pdf")
        .is_file());
    assert_eq!(
        entries(&out, "bound", "binder", "objectives-selection").len(),
        3
    );
    assert_eq!(
        fs::read(out.join("binders/objectives-selection.pdf")).unwrap(),
        two_sided
    );
}

#[test]
fn shards_built_on_letter_merge_with_their_paper() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = |name: &str| tmp.path().join(name);
    for i in 1..=2 {
        build(
            &dir(&format!("shard-{i}")),
            &[
                "--only",
                "5",
                "--only",
                "6",
                "--paper",
                "us-letter",
                "--shard",
                &format!("{i}/2"),
            ],
        );
    }
    let merged = cmd()
        .args(["merge", "--only", "5", "--only", "6", "--out"])
        .arg(dir("merged"))
        .arg(dir("shard-1"))
        .arg(dir("shard-2"))
        .output()
        .unwrap();
    assert!(merged.status.success(), "{}", stderr(&merged));
    let out = dir("merged");
    for key in ["05", "06"] {
        let found = entries(&out, "briefs", "objective", key);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_recorded(
            &out,
            &found,
            &format!("us-letter/objectives/objective-{key}.pdf"),
            "us-letter",
            Value::Null,
        );
    }
    // A Letter build into the merged folder finds them current.
    let said = build(
        &out,
        &["--only", "5", "--only", "6", "--paper", "us-letter"],
    );
    assert!(said.contains("0 built, 2 up to date"), "{said}");
}

//! Outside this repository: the binary run from folders that hold no data or templates uses the
//! ones embedded in it; a templates folder overrides them file by file.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{pdf_text, root, Run};

/// Every brief's path and sha256 in `out/manifest.json`.
fn hashes(out: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(out.join("manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    manifest["briefs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let field = |f: &str| b[f].as_str().unwrap().to_string();
            (field("path"), field("sha256"))
        })
        .collect()
}

#[test]
fn an_empty_folder_builds_every_brief_from_the_embedded_defaults_and_a_template_overrides_its_briefs_only(
) {
    let dir = tempfile::tempdir().unwrap();
    Run::new(&["build", "-q"]).current_dir(dir.path()).go();
    let out = dir.path().join("output");
    let before = hashes(&out);
    assert_eq!(before.len(), 248);
    assert!(before.values().all(|sha| sha.len() == 64));
    assert!(out.join("index.html").is_file());
    // Nothing but the output folder was written.
    let written: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let text = pdf_text(&out.join("delegations/MEX.pdf"));
    assert!(text.contains("Mexico"), "{text}");
    assert!(
        text.contains("Built from the data embedded in imrf-briefs and the embedded templates."),
        "{text}"
    );

    // One template of the folder, the rest embedded: only the briefs using it change.
    let templates = dir.path().join("templates");
    fs::create_dir(&templates).unwrap();
    let objective = fs::read_to_string(root().join("templates/objective.typ.j2")).unwrap();
    let marked = objective.replacen(
        "{% block body %}",
        "{% block body %}\nLocally customised objective brief.\n",
        1,
    );
    assert_ne!(marked, objective, "the objective template has a body block");
    fs::write(templates.join("objective.typ.j2"), marked).unwrap();
    Run::new(&["build", "-q"]).current_dir(dir.path()).go();
    let after = hashes(&out);
    let changed: Vec<&String> = before
        .keys()
        .filter(|path| before[*path] != after[*path])
        .collect();
    assert_eq!(changed.len(), 23, "{changed:?}");
    assert!(
        changed.iter().all(|p| p.starts_with("objectives/")),
        "{changed:?}"
    );
    let text = pdf_text(&out.join("objectives/objective-05.pdf"));
    assert!(
        text.contains("Locally customised objective brief."),
        "{text}"
    );
    assert!(
        text.contains("the templates folder “templates” over the embedded templates"),
        "{text}"
    );
}

#[test]
fn check_and_list_name_the_embedded_data_and_templates() {
    let dir = tempfile::tempdir().unwrap();
    let checked = Run::new(&["check"])
        .current_dir(dir.path())
        .stdout_has("ok: data embedded, templates embedded: ")
        .go();
    // A problem or notice names an embedded file as such, not by a temporary copy's path.
    assert!(
        checked.stderr.contains("(embedded) data/indicators/"),
        "{}",
        checked.stderr
    );
    assert!(
        !checked.stderr.contains("imrf-briefs-data-"),
        "{}",
        checked.stderr
    );
    Run::new(&["list", "--only", "MEX"])
        .current_dir(dir.path())
        .stdout_has("delegations/MEX.pdf")
        .stderr_has("data embedded, templates embedded")
        .go();
    // Inside the repository the folders are used, as before.
    Run::new(&["check"])
        .stdout_has("ok: data data, templates templates: ")
        .go();
}

#[test]
fn a_folder_asked_for_that_is_missing_is_an_error_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let ran = Run::new(&["build", "--templates", "mine"])
        .current_dir(dir.path())
        .status(2)
        .stderr_has("--templates mine: no such templates folder")
        .stderr_has("imrf-briefs init")
        .go();
    let looked_for = format!("looked for {}", dir.path().join("mine").display());
    assert!(ran.stderr.contains(&looked_for), "{}", ran.stderr);
    Run::new(&["check", "--data", "nowhere"])
        .current_dir(dir.path())
        .status(2)
        .stderr_has("--data nowhere: no such data folder")
        .go();
    assert!(!dir.path().join("output").exists());
}

#[test]
fn format_typ_writes_the_embedded_templates_it_used() {
    let dir = tempfile::tempdir().unwrap();
    Run::new(&["build", "-q", "--format", "typ", "--only", "MEX"])
        .current_dir(dir.path())
        .go();
    let out = dir.path().join("output");
    let lib = fs::read_to_string(out.join("lib/brief.typ")).unwrap();
    assert_eq!(
        lib,
        fs::read_to_string(root().join("templates/lib/brief.typ")).unwrap()
    );
    assert!(out.join("delegations/MEX.typ").is_file());
}

#[test]
fn commands_run_from_a_subfolder_find_the_project_file_and_resolve_its_paths_from_there() {
    let project = tempfile::tempdir().unwrap();
    fs::write(
        project.path().join("imrf-briefs.yaml"),
        "out: site\nparams:\n  stamp: \"FICTIONAL TEST STAMP\"\n",
    )
    .unwrap();
    let deeper = project.path().join("notes/drafts");
    fs::create_dir_all(&deeper).unwrap();
    Run::new(&["build", "-q", "--only", "MEX"])
        .current_dir(&deeper)
        .go();
    let pdf = project.path().join("site/delegations/MEX.pdf");
    assert!(pdf.is_file(), "the file's out: is relative to its folder");
    assert!(!deeper.join("site").exists() && !deeper.join("output").exists());
    assert!(pdf_text(&pdf).contains("FICTIONAL TEST STAMP"));

    // A folder the file asks for that is missing: the file and line, what was looked for, a fix.
    fs::write(
        project.path().join("imrf-briefs.yaml"),
        "paper: a4\ndata: my-data\n",
    )
    .unwrap();
    let ran = Run::new(&["check"])
        .current_dir(&deeper)
        .status(2)
        .stderr_has("imrf-briefs.yaml:2: data: no such folder ")
        .stderr_has("imrf-briefs init")
        .go();
    let looked_for = project.path().join("my-data").display().to_string();
    assert!(ran.stderr.contains(&looked_for), "{}", ran.stderr);
}

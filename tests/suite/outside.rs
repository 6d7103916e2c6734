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
fn pull_outside_a_project_says_there_is_no_data_folder_to_update() {
    let dir = tempfile::tempdir().unwrap();
    Run::new(&["pull"])
        .current_dir(dir.path())
        .status(2)
        .stderr_has("pull updates a data folder, and there is none")
        .stderr_has("imrf-briefs init")
        .go();
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
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

#[test]
fn init_then_build_works_in_a_new_folder() {
    let parent = tempfile::tempdir().unwrap();
    Run::new(&["init", "briefs", "--templates"])
        .current_dir(parent.path())
        .stderr_has("wrote imrf-briefs.yaml, data/")
        .go();
    let project = parent.path().join("briefs");
    for file in [
        "imrf-briefs.yaml",
        "data/dataset.yaml",
        "data/README.md",
        "data/countries.LICENSE.md",
        "templates/base.typ.j2",
        "templates/lib/brief.typ",
    ] {
        assert!(project.join(file).is_file(), "{file}");
    }
    let yaml = fs::read_to_string(project.join("imrf-briefs.yaml")).unwrap();
    for setting in ["paper:", "stamp:", "meeting:", "profiles:", "packs:"] {
        assert!(yaml.contains(setting), "{setting}\n{yaml}");
    }
    Run::new(&["check"])
        .current_dir(&project)
        .stdout_has("ok: data data, templates templates: ")
        .go();
    Run::new(&["build", "-q"]).current_dir(&project).go();
    assert_eq!(hashes(&project.join("output")).len(), 248);
    let text = pdf_text(&project.join("output/delegations/GHA.pdf"));
    assert!(text.contains("DRAFT"), "the project file's stamp: {text}");
    // The folders are complete copies: the colophon names no embedded source.
    assert!(!text.contains("Built from"), "{text}");
    Run::new(&["pack", "example", "-q"])
        .current_dir(&project)
        .go();
    assert!(project.join("output/packs/example.pdf").is_file());
}

#[test]
fn init_into_a_folder_holding_any_of_its_files_refuses_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("data")).unwrap();
    fs::write(dir.path().join("data/mine.csv"), "a,b\n").unwrap();
    let listing = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = walk(dir);
        names.sort();
        names
    };
    let before = listing(dir.path());
    Run::new(&["init"])
        .current_dir(dir.path())
        .status(2)
        .stderr_has("already exists; init never overwrites, so nothing was written")
        .go();
    assert_eq!(listing(dir.path()), before);
    // The project file alone is enough to refuse, also with --templates.
    let other = tempfile::tempdir().unwrap();
    fs::write(other.path().join("imrf-briefs.yaml"), "paper: a4\n").unwrap();
    Run::new(&["init", "--templates", &other.path().display().to_string()])
        .status(2)
        .stderr_has("imrf-briefs.yaml already exists")
        .go();
    assert_eq!(listing(other.path()), ["imrf-briefs.yaml"]);
    assert_eq!(
        fs::read_to_string(other.path().join("imrf-briefs.yaml")).unwrap(),
        "paper: a4\n"
    );
}

/// Every path below `dir`, relative.
fn walk(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            names.extend(
                walk(&entry.path())
                    .into_iter()
                    .map(|n| format!("{name}/{n}")),
            );
        }
        names.push(name);
    }
    names
}

#[test]
fn inputs_override_the_project_files_params_and_freshness_sees_them() {
    let project = tempfile::tempdir().unwrap();
    fs::write(
        project.path().join("imrf-briefs.yaml"),
        "params:\n  stamp: FROM-THE-FILE\n  meeting: Fictional file meeting\n",
    )
    .unwrap();
    let build = |args: &[&str]| {
        let mut all = vec!["build", "--only", "MEX"];
        all.extend_from_slice(args);
        Run::new(&all).current_dir(project.path()).go().stderr
    };
    build(&[]);
    let pdf = project.path().join("output/delegations/MEX.pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("FROM-THE-FILE") && text.contains("Fictional file meeting"),
        "{text}"
    );
    let err = build(&[
        "--input",
        "stamp=XSTAMP",
        "--input",
        "meeting=Fictional review, Atlantis",
    ]);
    assert!(err.contains("1 built, 0 up to date"), "{err}");
    let text = pdf_text(&pdf);
    assert!(text.contains("XSTAMP"), "{text}");
    assert!(text.contains("Fictional review, Atlantis"), "{text}");
    assert!(!text.contains("FROM-THE-FILE"), "{text}");
    let err = build(&[
        "--input",
        "stamp=XSTAMP",
        "--input",
        "meeting=Fictional review, Atlantis",
    ]);
    assert!(err.contains("0 built, 1 up to date"), "{err}");
    let err = build(&[
        "--input",
        "stamp=YSTAMP",
        "--input",
        "meeting=Fictional review, Atlantis",
    ]);
    assert!(err.contains("1 built, 0 up to date"), "{err}");
    Run::new(&["build", "--input", "stamp"])
        .current_dir(project.path())
        .status(2)
        .stderr_has("give KEY=VALUE")
        .go();
}

#[test]
fn deps_list_each_briefs_data_and_template_files() {
    let out = tempfile::tempdir().unwrap();
    let deps = out.path().join("deps.json");
    let (out_arg, deps_arg) = (out.path().display().to_string(), deps.display().to_string());
    Run::new(&[
        "build", "-q", "--only", "MEX,5", "--out", &out_arg, "--deps", &deps_arg,
    ])
    .go();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&deps).unwrap()).unwrap();
    let inputs = |output: &str| -> Vec<String> {
        let brief = json["briefs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["output"].as_str().unwrap().ends_with(output))
            .unwrap_or_else(|| panic!("{output}: {json}"));
        brief["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect()
    };
    let mex = inputs("delegations/MEX.pdf");
    for file in [
        "data/dataset.yaml",
        "data/countries.csv",
        "data/pledges/imrf-2022.csv",
        "templates/base.typ.j2",
        "templates/delegation.typ.j2",
        "templates/lib/brief.typ",
        "templates/lib/colophon.typ",
    ] {
        assert!(mex.iter().any(|i| i == file), "{file}: {mex:?}");
    }
    for file in ["templates/objective.typ.j2", "templates/catalog.html.j2"] {
        assert!(!mex.iter().any(|i| i == file), "{file}: {mex:?}");
    }
    let objective = inputs("objectives/objective-05.pdf");
    assert!(objective.iter().any(|i| i == "templates/objective.typ.j2"));
    assert!(!objective.iter().any(|i| i == "templates/delegation.typ.j2"));
    assert_eq!(json["briefs"].as_array().unwrap().len(), 2);

    // Make rules; embedded inputs are the executable that holds them.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("templates")).unwrap();
    fs::copy(
        root().join("templates/objective.typ.j2"),
        dir.path().join("templates/objective.typ.j2"),
    )
    .unwrap();
    Run::new(&[
        "build",
        "-q",
        "--only",
        "5,MEX",
        "--deps",
        "deps.mk",
        "--deps-format",
        "make",
    ])
    .current_dir(dir.path())
    .go();
    let rules = fs::read_to_string(dir.path().join("deps.mk")).unwrap();
    let exe = fs::canonicalize(env!("CARGO_BIN_EXE_imrf-briefs")).unwrap();
    let rule = |target: &str| -> Vec<String> {
        let line = rules
            .lines()
            .find(|l| l.starts_with(&format!("{target}:")))
            .unwrap_or_else(|| panic!("{target}: {rules}"));
        line.split_once(": ")
            .unwrap()
            .1
            .split(' ')
            .map(String::from)
            .collect()
    };
    let exe = exe.display().to_string();
    assert_eq!(
        rule("output/objectives/objective-05.pdf"),
        [exe.clone(), "templates/objective.typ.j2".into()]
    );
    assert_eq!(rule("output/delegations/MEX.pdf"), [exe]);
}

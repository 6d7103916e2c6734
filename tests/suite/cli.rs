//! The command line as users meet it: `--version`, `list` (header, paths, shards, closed pipes),
//! `--only` lists and names, completions and the man page, `-q`, `--color`, SOURCE_DATE_EPOCH.

use std::collections::BTreeSet;
use std::io::Read;
use std::process::Stdio;

use crate::support::{cmd, root, run, stderr, stdout};

#[test]
fn version_names_the_typst_version() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    let cargo_toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let typst = cargo_toml
        .lines()
        .find_map(|l| l.strip_prefix("typst = \"="))
        .and_then(|v| v.strip_suffix('"'))
        .expect("typst is pinned in Cargo.toml");
    assert_eq!(
        stdout(&out).trim(),
        format!("imrf-briefs {} (typst {typst})", env!("CARGO_PKG_VERSION"))
    );
}

/// The PATH column of `list`, each row's third field.
fn listed_paths(args: &[&str]) -> Vec<String> {
    let mut all = vec!["list"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["KIND", "KEY", "PATH", "TITLE"]);
    lines
        .map(|l| l.split_whitespace().nth(2).unwrap().to_string())
        .collect()
}

#[test]
fn list_prints_a_header_and_the_output_paths() {
    let paths = listed_paths(&[]);
    assert_eq!(paths.len(), 248);
    assert_eq!(paths[0], "overview.pdf");
    assert!(paths.contains(&"objectives/objective-05.pdf".to_string()));
    assert!(paths.contains(&"regions/western-africa.pdf".to_string()));
    assert!(paths.contains(&"delegations/MEX.pdf".to_string()));
    for path in &paths {
        assert!(
            std::path::Path::new(path)
                .extension()
                .is_some_and(|e| e == "pdf"),
            "{path}"
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&run(&["list", "--json"]).stdout).unwrap();
    assert_eq!(json[1]["path"], "objectives/objective-01.pdf");
}

#[test]
fn list_shard_shows_what_each_shard_builds() {
    let all: BTreeSet<String> = listed_paths(&[]).into_iter().collect();
    let mut union = BTreeSet::new();
    let mut total = 0;
    for i in 1..=3 {
        let shard = listed_paths(&["--shard", &format!("{i}/3")]);
        assert!(!shard.is_empty() && shard.len() < all.len());
        total += shard.len();
        union.extend(shard);
    }
    assert_eq!(total, all.len(), "shards overlap");
    assert_eq!(union, all);
    let out = run(&["list", "--shard", "4/3"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn list_into_a_closed_pipe_exits_quietly() {
    let mut child = cmd()
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `head -0`: the reader goes away before the list is written.
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn only_takes_comma_lists_and_english_names() {
    let paths = listed_paths(&[
        "--only",
        "Mexico, 5,western africa",
        "--only",
        "côte d'ivoire",
    ]);
    assert_eq!(
        paths,
        [
            "objectives/objective-05.pdf",
            "regions/western-africa.pdf",
            "delegations/CIV.pdf",
            "delegations/MEX.pdf"
        ]
    );
}

#[test]
fn an_unknown_only_key_suggests_the_closest() {
    for (typo, suggestion) in [
        ("Mexco", "`MEX` (Mexico)"),
        ("westren-africa", "`western-africa` (Western Africa)"),
    ] {
        let out = run(&["list", "--only", typo]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("--only {typo}: no brief has this key")),
            "{err}"
        );
        assert!(
            err.contains(&format!("did you mean {suggestion}?")),
            "{err}"
        );
    }
    let err = stderr(&run(&["list", "--only", "zzzzzzzz"]));
    assert!(!err.contains("did you mean"), "{err}");
}

/// The candidates the binary offers when the shell's completion script asks it to complete the
/// last of `words` (as bash does at a <Tab>), run in `dir`.
fn candidates(dir: &std::path::Path, words: &[&str]) -> Vec<String> {
    let out = cmd()
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words)
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(String::from).collect()
}

#[test]
fn completion_knows_subcommand_options_their_values_brief_keys_and_packs() {
    // The registration scripts call the binary back at each <Tab>.
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert!(out.status.success());
        let script = stdout(&out);
        assert!(
            script.contains("COMPLETE=") || script.contains("COMPLETE\""),
            "{script}"
        );
        assert!(script.contains("imrf-briefs"), "{script}");
    }
    let here = root();
    // After a subcommand (what the static bash script of a hyphenated program never completed).
    let options = candidates(&here, &["imrf-briefs", "build", "--pa"]);
    assert!(options.contains(&"--paper".to_string()), "{options:?}");
    assert!(options.contains(&"--pack".to_string()), "{options:?}");
    let papers = candidates(&here, &["imrf-briefs", "build", "--paper", ""]);
    assert_eq!(papers, ["a4", "us-letter"]);
    // Brief keys from the data, also as the last item of a comma list.
    let keys = candidates(&here, &["imrf-briefs", "list", "--only", "ME"]);
    assert!(keys.iter().any(|k| k == "MEX"), "{keys:?}");
    let keys = candidates(&here, &["imrf-briefs", "build", "--only", "05,western-af"]);
    assert_eq!(keys, ["05,western-africa"]);
    // The compile worker of `--memory-limit` is internal: never offered.
    let top = candidates(&here, &["imrf-briefs", ""]);
    assert!(top.contains(&"build".to_string()), "{top:?}");
    assert!(!top.iter().any(|c| c.contains("worker")), "{top:?}");
    // Pack names from the project file of the working folder.
    let project = tempfile::tempdir().unwrap();
    std::fs::write(
        project.path().join("imrf-briefs.yaml"),
        "packs:\n  fictional-lunch:\n    title: Fictional lunch\n    date: 2026-02-27\n    \
         place: Nowhere\n    briefs: [5]\n",
    )
    .unwrap();
    let packs = candidates(project.path(), &["imrf-briefs", "pack", "fic"]);
    assert_eq!(packs, ["fictional-lunch"]);
    // From a subfolder, the project file is found as commands find it; with no data folder
    // anywhere, the keys come from the embedded data.
    let sub = project.path().join("notes");
    std::fs::create_dir(&sub).unwrap();
    let packs = candidates(&sub, &["imrf-briefs", "build", "--pack", ""]);
    assert_eq!(packs, ["fictional-lunch"]);
    let keys = candidates(&sub, &["imrf-briefs", "build", "--only", "MEX"]);
    assert_eq!(keys, ["MEX"]);
}

#[test]
fn man_pages_come_from_the_clap_definitions_one_per_subcommand() {
    let man = run(&["man"]);
    assert!(man.status.success());
    let man = stdout(&man);
    assert!(man.starts_with(".ie") || man.starts_with(".TH"), "{man}");
    assert!(man.contains(".TH imrf-briefs 1"), "{man}");
    assert!(man.contains("Typeset PDF briefings"));
    assert!(man.contains("build") && man.contains("completions"));

    let build = stdout(&run(&["man", "build"]));
    assert!(build.contains(".TH imrf-briefs-build 1"), "{build}");
    assert!(build.contains("paper"), "{build}");
    let unknown = run(&["man", "bulid"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("one of build"),
        "{}",
        stderr(&unknown)
    );

    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let out = cmd().args(["man", "--dir"]).arg(&pages).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let written: BTreeSet<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for page in [
        "imrf-briefs.1",
        "imrf-briefs-build.1",
        "imrf-briefs-pack.1",
        "imrf-briefs-pull.1",
    ] {
        assert!(written.contains(page), "{written:?}");
    }
    let pack = std::fs::read_to_string(pages.join("imrf-briefs-pack.1")).unwrap();
    assert!(pack.contains("NAME"), "{pack}");
}

#[test]
fn quiet_prints_nothing_on_success_and_empty_source_date_epoch_is_unset() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .args(["build", "-q", "--only", "5", "--out"])
        .arg(out_dir.path())
        .env("SOURCE_DATE_EPOCH", "")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out), "");
    let text = crate::support::pdf_text(&out_dir.path().join("objectives/objective-05.pdf"));
    assert!(
        text.contains("28 November 2026"),
        "the dataset's date: {text}"
    );
}

#[test]
fn verbose_prints_each_brief() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .args(["build", "-v", "--only", "5,MEX", "--out"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("built objectives/objective-05.pdf"), "{err}");
    assert!(err.contains("built delegations/MEX.pdf"), "{err}");
}

#[test]
fn shipped_schemas_are_the_ones_the_serde_types_give() {
    for (file, shipped) in [
        ("dataset", "schemas/dataset.schema.json"),
        ("project", "schemas/imrf-briefs.schema.json"),
    ] {
        let out = run(&["schema", file]);
        assert!(out.status.success(), "{}", stderr(&out));
        let generated = stdout(&out);
        let kept = std::fs::read_to_string(root().join(shipped)).unwrap();
        assert_eq!(
            generated, kept,
            "{shipped} is stale: run `imrf-briefs schema {file} > {shipped}`"
        );
        let schema: serde_json::Value = serde_json::from_str(&generated).unwrap();
        // A typo in a key is an error for the loaders, so for the editor too.
        assert_eq!(schema["additionalProperties"], false, "{shipped}");
    }
    let project: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["schema", "project"]))).unwrap();
    let paper = &project["properties"]["paper"]["enum"];
    assert!(
        paper.as_array().unwrap().contains(&"us-letter".into()),
        "{paper}"
    );
    assert!(project["$defs"]["Pack"]["required"]
        .as_array()
        .unwrap()
        .contains(&"date".into()));
}

//! `--message-format` and GitHub annotations: every problem with file, line and field, in a form
//! CI tools read; briefs failing with the same error are reported once.

mod common;

use std::fs;

use common::{cmd, copy_tree, data_with, root, stderr, stdout};

/// `check` on the bundled data overlaid with the broken pledge file, with extra arguments and
/// environment; returns (exit code, stdout, stderr) with the data folder written as DATA.
fn check_broken(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let data = data_with("broken-pledges");
    let d = data.path().to_str().unwrap();
    let mut command = cmd();
    command
        .env_remove("GITHUB_ACTIONS")
        .args(["check", "--data", d])
        .args(args);
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    (
        out.status.code(),
        stdout(&out).replace(d, "DATA"),
        stderr(&out).replace(d, "DATA"),
    )
}

#[test]
fn check_json_gives_one_object_per_problem_with_file_and_line() {
    let (code, out, _) = check_broken(&["--message-format", "json"], &[]);
    assert_eq!(code, Some(2));
    let problems: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(problems.len() >= 6, "{out}");
    for p in &problems {
        assert_eq!(p["severity"], "error", "{p}");
        assert!(p["message"].as_str().is_some_and(|m| !m.is_empty()), "{p}");
        assert!(p["file"].as_str().is_some(), "{p}");
    }
    let find = |line: u64| {
        problems
            .iter()
            .find(|p| p["file"] == "DATA/pledges/zz-broken.csv" && p["line"] == line)
            .unwrap_or_else(|| panic!("no problem at line {line}: {out}"))
    };
    assert_eq!(find(2)["field"], "main three GCM objectives");
    assert!(find(2)["message"]
        .as_str()
        .unwrap()
        .starts_with("`Objective 99` is not a GCM objective"));
    assert_eq!(find(3)["field"], "Country of implementation");
    assert_eq!(find(5)["field"], "Name of the pledge");
}

#[test]
fn github_actions_get_annotations() {
    let expected = "::error file=DATA/pledges/zz-broken.csv,line=3,title=Country of implementation::`Atlantis` is not a country of data/countries.csv";
    let (code, out, _) = check_broken(&[], &[("GITHUB_ACTIONS", "true")]);
    assert_eq!(code, Some(2));
    assert!(out.lines().any(|l| l.starts_with(expected)), "{out}");
    let (_, out, _) = check_broken(&["--message-format", "github"], &[]);
    assert!(out.lines().any(|l| l.starts_with(expected)), "{out}");
    // Outside GitHub Actions the default stays human, on stderr.
    let (_, out, err) = check_broken(&[], &[]);
    assert_eq!(out, "");
    assert!(
        err.contains(
            "DATA/pledges/zz-broken.csv:3: Country of implementation: `Atlantis` is not a country"
        ),
        "{err}"
    );
}

#[test]
fn short_format_prints_one_line_per_problem() {
    let (_, _, err) = check_broken(&["--message-format", "short"], &[]);
    assert!(
        err.lines().any(|l| l.starts_with(
            "DATA/pledges/zz-broken.csv:4: error: Pledging entity: unknown entity type `Planet`"
        )),
        "{err}"
    );
}

/// Breaks the objective template with a Typst error; returns the templates folder and the line.
fn broken_objective_template() -> (tempfile::TempDir, usize) {
    let templates = tempfile::tempdir().unwrap();
    copy_tree(&root().join("templates"), templates.path());
    let path = templates.path().join("objective.typ.j2");
    let broken = fs::read_to_string(&path).unwrap().replace(
        "= Key points from the Forum",
        "= Key points\n#undefined-function()",
    );
    let line = broken
        .lines()
        .position(|l| l.contains("#undefined-function()"))
        .unwrap()
        + 1;
    fs::write(&path, broken).unwrap();
    (templates, line)
}

#[test]
fn the_same_error_in_many_briefs_is_printed_once_with_a_count() {
    let (templates, line) = broken_objective_template();
    let t = templates.path().to_str().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let o = out_dir.path().to_str().unwrap();
    let build = |format: &str| {
        cmd()
            .env_remove("GITHUB_ACTIONS")
            .args([
                "build",
                "-q",
                "--force",
                "--only",
                "5,7,12,MEX",
                "--templates",
                t,
            ])
            .args(["--out", o, "--message-format", format])
            .output()
            .unwrap()
    };

    let out = build("human");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        err.matches("unknown variable: undefined-function").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("error: brief 05 (objectives/objective-05.pdf) failed"),
        "{err}"
    );
    assert!(
        err.contains("note: the same error in 2 more briefs: 07, 12"),
        "{err}"
    );

    let out = build("json");
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{}", stdout(&out));
    let d = &lines[0];
    let template = templates.path().join("objective.typ.j2");
    assert_eq!(d["file"], template.to_str().unwrap());
    assert_eq!(d["line"], line);
    assert_eq!(d["message"], "unknown variable: undefined-function");
    assert_eq!(d["briefs"], serde_json::json!(["05", "07", "12"]));
    assert!(out_dir.path().join("delegations/MEX.pdf").exists());

    let out = build("github");
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("::error file={},line={line}::unknown variable: undefined-function (3 briefs: 05, 07, 12)", template.display())),
        "{text}"
    );
}

#[test]
fn color_always_and_never_are_honoured() {
    let (templates, _) = broken_objective_template();
    let out_dir = tempfile::tempdir().unwrap();
    let run = |color: &str| {
        let out = cmd()
            .args([
                "build",
                "-q",
                "--only",
                "5",
                "--color",
                color,
                "--templates",
            ])
            .arg(templates.path())
            .arg("--out")
            .arg(out_dir.path())
            .output()
            .unwrap();
        stderr(&out)
    };
    assert!(run("always").contains("\x1b["));
    assert!(!run("never").contains("\x1b["));
    let out = cmd()
        .args(["build", "-q", "--only", "5", "--templates"])
        .arg(templates.path())
        .arg("--out")
        .arg(out_dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("\x1b["));
}

#[test]
fn warnings_are_json_objects_too() {
    let (_data, _out_dir, out) = common::build_fixture(
        "many-pledges",
        &["--only", "KAZ", "--message-format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        warnings.iter().any(|w| w["severity"] == "warning"
            && w["briefs"] == serde_json::json!(["KAZ"])
            && w["message"]
                .as_str()
                .unwrap()
                .starts_with("no font has glyphs for \"合成实体\"")),
        "{warnings:?}"
    );
}

#[test]
fn notices_become_notice_annotations() {
    let data = data_with("dashboard-export");
    let d = data.path().to_str().unwrap();
    let out = cmd()
        .args(["check", "--data", d, "--message-format", "github"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out).replace(d, "DATA");
    assert!(
        text.lines().any(|l| l
            == "::notice file=DATA/pledges/zz-dashboard.csv,line=1,title=Favourite colour::unknown column, ignored"),
        "{text}"
    );
    // The summary moves to stderr, leaving stdout to the annotations.
    assert!(stderr(&out).contains("ok: "), "{}", stderr(&out));
}

//! `--message-format` and GitHub annotations: every problem with file, line and field, in a form
//! CI tools read; briefs failing with the same error are reported once.

use std::fs;

use crate::support::{cmd, copy_tree, data_with, root, stderr, stdout, Run};

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
fn gitlab_gets_one_code_quality_report_with_a_finding_per_problem() {
    let (code, out, _) = check_broken(&["--message-format", "gitlab"], &[]);
    assert_eq!(code, Some(2));
    // One JSON document: the array GitLab reads as `reports: codequality`.
    let report: Vec<serde_json::Value> =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(report.len() >= 6, "{out}");
    let mut fingerprints = std::collections::BTreeSet::new();
    for finding in &report {
        assert_eq!(finding["severity"], "major", "{finding}");
        assert_eq!(
            finding["location"]["path"], "DATA/pledges/zz-broken.csv",
            "{finding}"
        );
        assert!(
            finding["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|l| l >= 2),
            "{finding}"
        );
        assert!(
            finding["check_name"]
                .as_str()
                .is_some_and(|c| !c.is_empty()),
            "{finding}"
        );
        assert!(
            fingerprints.insert(finding["fingerprint"].as_str().unwrap().to_string()),
            "{finding}"
        );
    }
    let atlantis = report
        .iter()
        .find(|f| f["location"]["lines"]["begin"] == 3)
        .unwrap_or_else(|| panic!("no finding at line 3: {out}"));
    assert_eq!(atlantis["check_name"], "Country of implementation");
    assert!(atlantis["description"]
        .as_str()
        .unwrap()
        .starts_with("Country of implementation: `Atlantis` is not a country"));

    // A build's failures are findings too, each once, with the template's line; nothing else
    // reaches stdout. A clean run reports an empty array.
    let (templates, line) = broken_objective_template();
    let out_dir = tempfile::tempdir().unwrap();
    let build = |only: &str| {
        cmd()
            .env_remove("GITHUB_ACTIONS")
            .args(["build", "--force", "--only", only, "--templates"])
            .arg(templates.path())
            .arg("--out")
            .arg(out_dir.path())
            .args(["--message-format", "gitlab"])
            .output()
            .unwrap()
    };
    let run = build("5,7,MEX");
    assert_eq!(run.status.code(), Some(1));
    let report: Vec<serde_json::Value> = serde_json::from_str(&stdout(&run)).unwrap();
    let failures: Vec<_> = report.iter().filter(|f| f["severity"] == "major").collect();
    assert_eq!(failures.len(), 1, "{report:?}");
    let template = templates.path().join("objective.typ.j2");
    assert_eq!(failures[0]["location"]["path"], template.to_str().unwrap());
    assert_eq!(failures[0]["location"]["lines"]["begin"], line);
    assert!(failures[0]["description"]
        .as_str()
        .unwrap()
        .ends_with("(2 briefs: 05, 07)"));
    let run = build("MEX");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let report: Vec<serde_json::Value> = serde_json::from_str(&stdout(&run)).unwrap();
    assert!(report.iter().all(|f| f["severity"] == "info"), "{report:?}");
    // A report printed at the end is no use to commands that run until stopped.
    for command in ["watch", "serve"] {
        let run = cmd()
            .args([command, "--message-format", "gitlab", "--out"])
            .arg(out_dir.path())
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{command}: {}", stderr(&run));
        // Said as the format says everything: a finding of the report.
        let report: Vec<serde_json::Value> = serde_json::from_str(&stdout(&run)).unwrap();
        assert_eq!(report.len(), 1, "{report:?}");
        assert!(report[0]["description"]
            .as_str()
            .unwrap()
            .contains("`watch` and `serve` run until stopped"));
    }
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
    // The problems, beside the records of each brief and the summary.
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v.get("severity").is_some())
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
    let (_data, _out_dir, out) = crate::support::build_fixture(
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

#[test]
fn a_brief_that_cannot_be_written_is_a_json_problem_and_a_github_error() {
    let out = tempfile::tempdir().unwrap();
    // A folder (not empty) where the PDF should go: the rename over it fails.
    fs::create_dir_all(out.path().join("delegations/MEX.pdf/x")).unwrap();
    let out_arg = out.path().to_str().unwrap();
    let json = Run::new(&["build", "--only", "MEX", "--message-format", "json"])
        .args(&["--out", out_arg])
        .status(1)
        .go();
    let problems: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v.get("severity").is_some())
        .collect();
    let problem = problems
        .iter()
        .find(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .contains("1 brief not written")
        })
        .unwrap_or_else(|| panic!("no problem for the brief: {}", json.stdout));
    assert_eq!(problem["severity"], "error");
    assert!(problem["file"]
        .as_str()
        .unwrap()
        .ends_with("delegations/MEX.pdf"));
    Run::new(&["build", "--only", "MEX", "--message-format", "github"])
        .args(&["--out", out_arg])
        .status(1)
        .stdout_has("::error file=")
        .stdout_has("delegations/MEX.pdf::1 brief not written")
        .go();
}

#[test]
fn a_template_with_three_errors_gives_three_json_problems_with_line_and_column() {
    let templates = tempfile::tempdir().unwrap();
    copy_tree(&root().join("templates"), templates.path());
    // Three syntax errors in a Typst file the objective template imports.
    let lib = templates.path().join("lib/forum.typ");
    let mut text = fs::read_to_string(&lib).unwrap();
    let first = text.lines().count() + 1;
    text.push_str("#let = 1\n\n#f(a: 1, a 2)\n\n#let x == 3\n");
    fs::write(&lib, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let ran = Run::new(&["build", "--only", "5", "--message-format", "json"])
        .args(&["--templates", templates.path().to_str().unwrap()])
        .args(&["--out", out.path().to_str().unwrap()])
        .status(1)
        .go();
    let problems: Vec<serde_json::Value> = ran
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|p: &serde_json::Value| p["severity"] == "error")
        .collect();
    assert_eq!(problems.len(), 3, "{}", ran.stdout);
    let lines: Vec<u64> = problems
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    let first = first as u64;
    assert_eq!(lines, [first, first + 2, first + 4], "{}", ran.stdout);
    for p in &problems {
        assert!(
            p["file"].as_str().unwrap().ends_with("lib/forum.typ"),
            "{p}"
        );
        assert!(p["column"].as_u64().unwrap() >= 1, "{p}");
        assert_eq!(p["briefs"], serde_json::json!(["05"]));
    }
}

#[test]
fn timings_give_each_stage_its_wall_time_and_export_its_own() {
    let out = tempfile::tempdir().unwrap();
    let ran = Run::new(&["build", "--only", "5,MEX", "--force", "--timings"])
        .args(&["--out", out.path().to_str().unwrap()])
        .stderr_has("(wall); thread time:")
        .go();
    let ms = |stage: &str| -> f64 {
        let at = ran.stderr.find(&format!("{stage} ")).unwrap() + stage.len() + 1;
        let rest = &ran.stderr[at..];
        rest[..rest.find(" ms").unwrap()].parse().unwrap()
    };
    assert!(ms("export") > 0.0, "{}", ran.stderr);
    assert!(ms("compile") > 0.0, "{}", ran.stderr);
    assert!(ms("render") > 0.0, "{}", ran.stderr);
}

#[test]
fn under_github_actions_problems_are_annotations_by_default() {
    Run::new(&["check"])
        .data("broken-pledges")
        .env("GITHUB_ACTIONS", "true")
        .status(2)
        .stdout_has("::error file=")
        .stdout_has("line=3,title=Country of implementation::`Atlantis` is not a country")
        .stdout_lacks("\"severity\"")
        .go();
}

#[test]
fn json_gives_a_record_per_brief_and_a_final_summary_and_a_no_change_build_one_line() {
    let out = tempfile::tempdir().unwrap();
    let build = |extra: &[&str]| {
        cmd()
            .args(["build", "--only", "5,MEX", "--out"])
            .arg(out.path())
            .args(extra)
            .output()
            .unwrap()
    };
    let first = build(&["--message-format", "json"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let records: Vec<serde_json::Value> = stdout(&first)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|r: &serde_json::Value| r.get("reason").is_some())
        .collect();
    let briefs: Vec<&serde_json::Value> =
        records.iter().filter(|r| r["reason"] == "brief").collect();
    assert_eq!(briefs.len(), 2, "{records:?}");
    for brief in &briefs {
        assert_eq!(brief["status"], "built", "{brief}");
        let path = out.path().join(brief["path"].as_str().unwrap());
        assert_eq!(
            brief["sha256"].as_str().unwrap(),
            crate::support::file_sha256(&path),
            "{brief}"
        );
    }
    let last = records.last().unwrap();
    assert_eq!(last["reason"], "build-finished", "{records:?}");
    assert_eq!(last["success"], true);
    assert_eq!(last["built"], 2);
    assert_eq!(last["up_to_date"], 0);

    // Off a terminal, a build with nothing to do prints its summary alone (-v lists the briefs).
    let again = build(&[]);
    assert!(again.status.success());
    let lines: Vec<String> = stderr(&again)
        .lines()
        .filter(|l| !l.starts_with("notice:"))
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("0 built, 2 up to date, 0 failed"),
        "{lines:?}"
    );
    let verbose = build(&["-v"]);
    assert_eq!(
        stderr(&verbose).matches("up to date ").count(),
        2,
        "{}",
        stderr(&verbose)
    );
}

#[test]
fn json_records_carry_the_edition_and_variant_of_their_manifest_entry() {
    let out = tempfile::tempdir().unwrap();
    let run = cmd()
        .args(["build", "--only", "5", "--lang", "en", "--lang", "fr"])
        .args(["--paper", "us-letter", "--pdf-standard", "ua-1"])
        .args(["--message-format", "json", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    let briefs: Vec<serde_json::Value> = stdout(&run)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|r: &serde_json::Value| r["reason"] == "brief")
        .collect();
    let langs: Vec<&str> = briefs.iter().map(|b| b["lang"].as_str().unwrap()).collect();
    assert_eq!(langs.len(), 2, "{briefs:?}");
    assert!(langs.contains(&"en") && langs.contains(&"fr"), "{briefs:?}");
    for brief in &briefs {
        assert_eq!(brief["paper"], "us-letter", "{brief}");
        assert_eq!(brief["pdf_standard"], "ua-1", "{brief}");
        let entry = manifest["briefs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == brief["path"])
            .unwrap_or_else(|| panic!("{brief} not in the manifest"));
        for field in ["lang", "paper", "pdf_standard", "one_sided"] {
            assert_eq!(brief.get(field), entry.get(field), "{field}: {brief}");
        }
    }
}

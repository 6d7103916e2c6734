//! What a build promises when nobody watches it: no stale file called up to date, one writer per
//! output folder, exit codes that say what was written, bounded time per brief, reads confined
//! to the data and templates folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{cmd, copy_tree, data_with, file_sha256, root, stderr, stdout};

/// Runs `build -v` with the bundled data (or `data`) into `out`.
fn build_into(out: &Path, data: Option<&Path>, args: &[&str]) -> Output {
    let default = root().join("data");
    cmd()
        .args(["build", "-v", "--data"])
        .arg(data.unwrap_or(&default))
        .arg("--out")
        .arg(out)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest written"))
        .expect("manifest parses")
}

/// The manifest entry of `key` in format `format`.
fn entry(out: &Path, key: &str, format: &str) -> Option<serde_json::Value> {
    manifest(out)["briefs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["key"] == key && b["format"] == format)
        .cloned()
}

fn status(out: &Path, key: &str) -> String {
    entry(out, key, "pdf").expect("entry")["status"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Every entry of the manifest matches the bytes on disk.
fn assert_manifest_matches_disk(out: &Path) {
    for brief in manifest(out)["briefs"].as_array().unwrap() {
        if brief["files"].as_array().unwrap().is_empty() {
            continue;
        }
        let path = out.join(brief["path"].as_str().unwrap());
        assert_eq!(file_sha256(&path), brief["sha256"], "{}", path.display());
    }
}

#[test]
fn a_corrupted_pdf_of_the_same_size_is_rebuilt() {
    let out = tempfile::tempdir().unwrap();
    let run = build_into(out.path(), None, &["--only", "5"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = out.path().join("objectives/objective-05.pdf");
    let good = fs::read(&pdf).unwrap();
    let mut bad = good.clone();
    let middle = bad.len() / 2;
    bad[middle] ^= 0x20;
    fs::write(&pdf, &bad).unwrap();

    let run = build_into(out.path(), None, &["--only", "5"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(status(out.path(), "05"), "built");
    assert_eq!(fs::read(&pdf).unwrap(), good);
    assert_manifest_matches_disk(out.path());
}

#[test]
fn an_interrupted_build_followed_by_a_revert_leaves_no_stale_pdf() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let run = build_into(out.path(), Some(data.path()), &["--only", "PRT"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = out.path().join("delegations/PRT.pdf");
    let original = fs::read(&pdf).unwrap();
    let manifest_before = fs::read(out.path().join("manifest.json")).unwrap();

    // An edit is built, but the run "dies" before its manifest: the old manifest comes back.
    let pledges = data.path().join("pledges/imrf-2022.csv");
    let text = fs::read_to_string(&pledges).unwrap();
    let edited = text.replace(
        "Review of the National Implementation Plan",
        "Revised Review of the National Implementation Plan",
    );
    assert_ne!(text, edited);
    fs::write(&pledges, &edited).unwrap();
    let run = build_into(out.path(), Some(data.path()), &["--only", "PRT"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_ne!(fs::read(&pdf).unwrap(), original);
    fs::write(out.path().join("manifest.json"), &manifest_before).unwrap();

    // The edit is reverted: the PDF on disk is the edited one, so it is not up to date.
    fs::write(&pledges, &text).unwrap();
    let run = build_into(out.path(), Some(data.path()), &["--only", "PRT"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(status(out.path(), "PRT"), "built");
    assert_eq!(fs::read(&pdf).unwrap(), original);
    assert_manifest_matches_disk(out.path());
}

#[test]
fn selection_builds_merge_into_the_manifest() {
    let out = tempfile::tempdir().unwrap();
    for args in [
        &["--only", "5"][..],
        &["--only", "MEX"],
        &["--only", "5", "--format", "typ"],
    ] {
        let run = build_into(out.path(), None, args);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    assert!(
        entry(out.path(), "05", "pdf").is_some(),
        "the first selection is kept"
    );
    assert!(entry(out.path(), "MEX", "pdf").is_some());
    assert!(entry(out.path(), "05", "typ").is_some());
    // A later, wider build reuses what the selections built.
    let run = build_into(
        out.path(),
        None,
        &["--only", "5", "--only", "MEX", "--only", "7"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(status(out.path(), "05"), "up-to-date");
    assert_eq!(status(out.path(), "MEX"), "up-to-date");
    assert_eq!(status(out.path(), "07"), "built");
    assert_manifest_matches_disk(out.path());
}

#[test]
fn an_empty_selection_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    let run = build_into(out.path(), None, &["--only", "5", "--by", "delegation"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("matches no brief"),
        "{}",
        stderr(&run)
    );
    assert!(!out.path().join("manifest.json").exists());
}

/// Runs `build -v` with the bundled data and the templates folder `templates` into `out`.
fn build_with_templates(out: &Path, templates: &Path, args: &[&str]) -> Output {
    let templates = ["--templates", templates.to_str().expect("UTF-8 temp path")];
    build_into(out, None, &[args, &templates[..]].concat())
}

/// A copy of the templates folder, to edit.
fn templates_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("templates"), dir.path());
    dir
}

#[test]
fn the_cache_key_ignores_path_spelling_and_editor_files_and_follows_template_use() {
    let templates = templates_copy();
    let out = tempfile::tempdir().unwrap();
    let plain = templates.path().to_str().unwrap().to_string();
    let spelled = format!("{plain}/./");
    let args = |t: &str| {
        vec!["--only", "5", "--only", "MEX", "--templates"]
            .into_iter()
            .map(String::from)
            .chain([t.to_string()])
            .collect::<Vec<_>>()
    };
    let run_with = |t: &str| {
        let args = args(t);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        build_into(out.path(), None, &args)
    };
    let run = run_with(&plain);
    assert!(run.status.success(), "{}", stderr(&run));
    fs::write(templates.path().join(".objective.typ.j2.swp"), "x").unwrap();
    fs::write(templates.path().join("objective.typ.j2~"), "x").unwrap();
    fs::write(templates.path().join("partials/.#points.typ.j2"), "x").unwrap();
    let run = run_with(&spelled);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(status(out.path(), "05"), "up-to-date", "{}", stderr(&run));
    assert_eq!(status(out.path(), "MEX"), "up-to-date");

    // A change to the delegation template rebuilds delegation briefs only.
    let delegation = templates.path().join("delegation.typ.j2");
    let mut text = fs::read_to_string(&delegation).unwrap();
    text.push_str("{# edited #}\n");
    fs::write(&delegation, text).unwrap();
    let run = run_with(&plain);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(status(out.path(), "05"), "up-to-date");
    assert_eq!(status(out.path(), "MEX"), "built");
}

#[test]
fn an_output_folder_inside_the_templates_folder_is_not_an_input() {
    let templates = templates_copy();
    let out = templates.path().join("output");
    let t = templates.path().to_str().unwrap();
    for _ in 0..2 {
        let run = build_into(
            &out,
            None,
            &["--only", "5", "--format", "typ", "--templates", t],
        );
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let typ = entry(&out, "05", "typ").unwrap();
    assert_eq!(typ["status"], "up-to-date");
}

#[test]
fn a_rebuilt_binary_with_the_same_version_does_not_reuse_old_pdfs() {
    let out = tempfile::tempdir().unwrap();
    let run = build_into(out.path(), None, &["--only", "5"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // The same program with one more byte at the end: a different executable.
    let bin = tempfile::tempdir().unwrap();
    let copy = bin.path().join("imrf-briefs");
    let mut bytes = fs::read(env!("CARGO_BIN_EXE_imrf-briefs")).unwrap();
    bytes.push(0);
    fs::write(&copy, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let run = std::process::Command::new(&copy)
        .current_dir(root())
        .args(["build", "-q", "--only", "5", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(status(out.path(), "05"), "built");
}

#[test]
fn temporary_files_of_a_killed_build_are_removed() {
    let out = tempfile::tempdir().unwrap();
    let leftover = out
        .path()
        .join("objectives/.objective-05.pdf.4242.imrf-briefs.tmp");
    fs::create_dir_all(leftover.parent().unwrap()).unwrap();
    fs::write(&leftover, b"%PDF-half").unwrap();
    let run = build_into(out.path(), None, &["--only", "overview"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!leftover.exists());
}

#[test]
fn a_second_build_into_a_locked_folder_refuses_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.path().join(".imrf-briefs.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let run = build_into(out.path(), None, &["--only", "5"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("another imrf-briefs build is writing into this folder"),
        "{}",
        stderr(&run)
    );
    assert!(!out.path().join("manifest.json").exists());
    assert!(!out.path().join("objectives").exists());
    drop(lock);
    let run = build_into(out.path(), None, &["--only", "5"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// CC01: a build's lock file deleted under it (a cache restore, `rm -rf out/.*`) does not let a
/// second build write: the folder itself is locked too.
#[cfg(unix)]
#[test]
fn a_deleted_lock_file_does_not_let_a_second_build_in() {
    let out = tempfile::tempdir().unwrap();
    // What a running build holds once its lock file is gone: the folder's own lock.
    let folder = fs::File::open(out.path()).unwrap();
    folder.try_lock().unwrap();
    assert!(!out.path().join(".imrf-briefs.lock").exists());
    let run = build_into(out.path(), None, &["--only", "5"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("another imrf-briefs build is writing into this folder"),
        "{}",
        stderr(&run)
    );
    assert!(!out.path().join("manifest.json").exists());
    drop(folder);
    let run = build_into(out.path(), None, &["--only", "5"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn an_unwritable_folder_fails_once_with_exit_1_and_an_honest_manifest() {
    let out = tempfile::tempdir().unwrap();
    // A file where the delegations folder should be.
    fs::write(out.path().join("delegations"), "not a folder").unwrap();
    let run = build_into(
        out.path(),
        None,
        &["--only", "MEX", "--only", "CAN", "--only", "5"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert_eq!(err.matches("not written").count(), 1, "{err}");
    assert!(err.contains("2 briefs not written"), "{err}");
    assert_eq!(status(out.path(), "05"), "built");
    assert_eq!(status(out.path(), "MEX"), "failed");
    assert!(entry(out.path(), "MEX", "pdf").unwrap()["files"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_manifest_matches_disk(out.path());
}

#[test]
fn an_error_in_a_shared_template_is_reported_once() {
    let templates = templates_copy();
    let base = templates.path().join("base.typ.j2");
    let text = fs::read_to_string(&base).unwrap();
    fs::write(&base, format!("{{{{ no_such_variable.x }}}}\n{text}")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build_with_templates(
        out.path(),
        templates.path(),
        &["--only", "5", "--only", "7", "--only", "MEX"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert_eq!(err.matches("base.typ.j2:1:").count(), 1, "{err}");
    assert!(err.contains("the same error in 2 more briefs"), "{err}");
}

#[test]
fn a_brief_that_loops_forever_is_stopped_and_the_others_are_built() {
    let templates = templates_copy();
    let delegation = templates.path().join("delegation.typ.j2");
    let text = fs::read_to_string(&delegation).unwrap().replacen(
        "{% block body %}",
        "{% block body %}\n#for i in range(100000) { for j in range(100000) { } }\n",
        1,
    );
    fs::write(&delegation, text).unwrap();
    // A brief's render and compile are two tasks for its helper thread, or one with --force.
    for force in [&[][..], &["--force"][..]] {
        let out = tempfile::tempdir().unwrap();
        let started = std::time::Instant::now();
        let args = [
            &["--only", "MEX", "--only", "5", "--brief-timeout", "3"][..],
            force,
        ]
        .concat();
        let run = build_with_templates(out.path(), templates.path(), &args);
        assert_eq!(run.status.code(), Some(1), "{force:?}: {}", stderr(&run));
        assert!(
            started.elapsed().as_secs() < 60,
            "{force:?}: the build was not stopped"
        );
        let err = stderr(&run);
        assert!(err.contains("time limit of 3 s"), "{force:?}: {err}");
        assert_eq!(status(out.path(), "05"), "built");
        assert_eq!(status(out.path(), "MEX"), "failed");
    }
}

/// Processes whose command line mentions `needle` (Linux).
fn processes_mentioning(needle: &str) -> usize {
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|p| fs::read(p.path().join("cmdline")).ok())
        .filter(|cmdline| String::from_utf8_lossy(cmdline).contains(needle))
        .count()
}

#[test]
fn with_a_memory_limit_a_brief_that_exhausts_memory_or_time_fails_alone() {
    let templates = templates_copy();
    let delegation = templates.path().join("delegation.typ.j2");
    let text = fs::read_to_string(&delegation).unwrap().replacen(
        "{% block body %}",
        "{% block body %}\n{% if brief.key == \"MEX\" %}#let big = range(40000000).map(i => (i, i)){% endif %}\n\
         {% if brief.key == \"CAN\" %}#for i in range(100000) { for j in range(100000) { } }{% endif %}\n",
        1,
    );
    fs::write(&delegation, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build_with_templates(
        out.path(),
        templates.path(),
        &[
            "--only",
            "MEX,CAN,5,GHA",
            "--jobs",
            "2",
            "--memory-limit",
            "300",
            // Long enough for MEX to reach the memory cap first on a loaded machine.
            "--brief-timeout",
            "12",
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("needed more memory than the limit of 300 MB (--memory-limit)"),
        "{err}"
    );
    assert!(err.contains("time limit of 12 s"), "{err}");
    assert_eq!(status(out.path(), "MEX"), "failed");
    assert_eq!(status(out.path(), "CAN"), "failed");
    assert_eq!(status(out.path(), "05"), "built");
    assert_eq!(status(out.path(), "GHA"), "built");
    assert_manifest_matches_disk(out.path());
    // The brief past its time limit was stopped with its worker, not left running.
    let needle = templates.path().to_str().unwrap();
    assert_eq!(
        processes_mentioning(needle),
        0,
        "a compile worker outlived the build"
    );
}

#[test]
fn a_render_that_writes_without_end_or_builds_a_huge_string_fails_its_brief_alone() {
    let templates = templates_copy();
    let objective = templates.path().join("objective.typ.j2");
    let line = "x".repeat(10_000);
    let writes = format!(
        "{{% block body %}}\n{{% for i in range(100000) %}}{{% for j in range(100000) %}}{line}\n{{% endfor %}}{{% endfor %}}\n"
    );
    let text = fs::read_to_string(&objective).unwrap();
    fs::write(&objective, text.replacen("{% block body %}", &writes, 1)).unwrap();
    let delegation = templates.path().join("delegation.typ.j2");
    let text = fs::read_to_string(&delegation).unwrap().replacen(
        "{% block body %}",
        "{% block body %}\n{% if brief.key == \"MEX\" %}{% set ns = namespace(s=\"0123456789abcdef\") %}\
         {% for i in range(25) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}{% endif %}\n",
        1,
    );
    fs::write(&delegation, text).unwrap();
    // In threads: the output bound stops the runaway writer.
    let out = tempfile::tempdir().unwrap();
    let run = build_with_templates(out.path(), templates.path(), &["--only", "5,GHA"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("objective.typ.j2")
            && err.contains("wrote more than the limit of 67108864 bytes"),
        "{err}"
    );
    assert_eq!(status(out.path(), "05"), "failed");
    assert_eq!(status(out.path(), "GHA"), "built");
    // Under --memory-limit the render runs in a worker: a 512 MB string fails its brief alone.
    let out = tempfile::tempdir().unwrap();
    let args = ["--only", "5,MEX,GHA", "--memory-limit", "256"];
    let run = build_with_templates(out.path(), templates.path(), &args);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("needed more memory than the limit of 256 MB"),
        "{err}"
    );
    assert!(err.contains("wrote more than the limit"), "{err}");
    assert_eq!(status(out.path(), "05"), "failed");
    assert_eq!(status(out.path(), "MEX"), "failed");
    assert_eq!(status(out.path(), "GHA"), "built");
    assert_manifest_matches_disk(out.path());
}

#[test]
fn without_a_memory_limit_a_template_that_builds_a_huge_string_fails_its_brief_alone() {
    let templates = templates_copy();
    // A string doubled 40 times (16 TB): without a bound it takes the build down with it.
    let bomb = "{% block body %}\n{% set ns = namespace(x=\"0123456789abcdef\") %}\
                {% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}\n";
    let objective = templates.path().join("objective.typ.j2");
    let text = fs::read_to_string(&objective).unwrap();
    fs::write(&objective, text.replacen("{% block body %}", bomb, 1)).unwrap();
    let delegation = templates.path().join("delegation.typ.j2");
    let text = fs::read_to_string(&delegation).unwrap().replacen(
        "{% block body %}",
        &bomb
            .replace("{% set ns =", "{% if brief.key == \"MEX\" %}{% set ns =")
            .replace("{{ ns.x }}", "{{ ns.x }}{% endif %}"),
        1,
    );
    fs::write(&delegation, text).unwrap();
    // Both ways a brief is rendered in the build process: alone, and with its compile (--force).
    for force in [false, true] {
        let out = tempfile::tempdir().unwrap();
        // Two renders that passed their budget are as many as the build keeps: the later ones,
        // Ghana's too, render in worker processes.
        let mut args = vec!["--only", "1,2,3,4,5,6,7,GHA,MEX,overview"];
        if force {
            args.push("--force");
        }
        let started = std::time::Instant::now();
        let run = build_with_templates(out.path(), templates.path(), &args);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        let err = stderr(&run);
        assert!(
            err.contains("the template needed more than 256 MB of memory for this brief"),
            "{err}"
        );
        assert!(
            err.contains("the template needed more memory than the 512 MB its render worker"),
            "{err}"
        );
        for failed in ["01", "02", "03", "04", "05", "06", "07", "MEX"] {
            assert_eq!(status(out.path(), failed), "failed", "{failed}: {err}");
        }
        assert_eq!(status(out.path(), "GHA"), "built");
        assert_eq!(status(out.path(), "overview"), "built");
        assert!(out.path().join("index.html").is_file());
        assert_manifest_matches_disk(out.path());
    }
}

#[test]
fn a_binder_template_that_loops_or_exhausts_memory_fails_its_binder_alone() {
    let bombs = [
        (
            "#for i in range(100000) { for j in range(100000) { } }",
            &[][..],
            "the binder took longer than the time limit of 5 s (5 × --brief-timeout)",
        ),
        (
            "#range(200000000).map(x => str(x)).len()",
            &["--memory-limit", "256"][..],
            "the binder needed more memory than the limit of 256 MB",
        ),
        // A string doubled 40 times by the binder's template, without --memory-limit.
        (
            "{% set ns = namespace(x=\"0123456789abcdef\") %}{% for i in range(40) %}\
             {% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}",
            &[][..],
            "the template needed more than 256 MB of memory for this binder",
        ),
    ];
    for (bomb, extra, said) in bombs {
        let templates = templates_copy();
        let binder = templates.path().join("binder.typ.j2");
        let text = fs::read_to_string(&binder).unwrap();
        fs::write(&binder, format!("{text}\n{bomb}\n")).unwrap();
        let out = tempfile::tempdir().unwrap();
        let args = [
            &["--binder", "--only", "5,6", "--brief-timeout", "1"][..],
            extra,
        ]
        .concat();
        let run = build_with_templates(out.path(), templates.path(), &args);
        assert_eq!(run.status.code(), Some(1), "{bomb}: {}", stderr(&run));
        let err = stderr(&run);
        assert!(err.contains(said), "{bomb}: {err}");
        assert!(
            err.contains("2 built, 0 up to date, 0 failed, 1 binder or pack failed;")
                && err.contains("error: 1 binder or pack failed"),
            "{bomb}: {err}"
        );
        assert_eq!(status(out.path(), "05"), "built");
        assert_eq!(status(out.path(), "06"), "built");
        assert!(!out.path().join("binders/objectives.pdf").exists());
        assert!(out.path().join("index.html").is_file());
        assert_manifest_matches_disk(out.path());
    }
}

#[test]
fn a_catalog_template_that_loops_or_exhausts_memory_fails_the_catalog_alone() {
    let bombs = [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "the template ran too long",
        ),
        (
            "{% set ns = namespace(x=\"0123456789abcdef\") %}{% for i in range(40) %}\
             {% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}",
            "the template needed more than 256 MB of memory for this catalog",
        ),
    ];
    for (bomb, said) in bombs {
        let templates = templates_copy();
        let out = tempfile::tempdir().unwrap();
        let args = ["--only", "5,6"];
        let good = build_with_templates(out.path(), templates.path(), &args);
        assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
        assert!(out.path().join("index.html").is_file());
        let catalog = templates.path().join("catalog.html.j2");
        let text = fs::read_to_string(&catalog).unwrap();
        fs::write(&catalog, format!("{text}\n{bomb}\n")).unwrap();
        let run = build_with_templates(
            out.path(),
            templates.path(),
            &[&args[..], &["--force"]].concat(),
        );
        assert_eq!(run.status.code(), Some(1), "{bomb}: {}", stderr(&run));
        let err = stderr(&run);
        assert!(err.contains("catalog not written: "), "{bomb}: {err}");
        assert!(err.contains("catalog.html.j2"), "{bomb}: {err}");
        assert!(err.contains(said), "{bomb}: {err}");
        assert_eq!(status(out.path(), "05"), "built");
        assert_eq!(status(out.path(), "06"), "built");
        // The old page would list what the folder may no longer hold.
        assert!(!out.path().join("index.html").exists());
        assert_manifest_matches_disk(out.path());
    }
}

#[test]
fn when_threads_cannot_start_the_build_uses_fewer() {
    // Under a 3 GB address space, 248 worker threads with their 64 MB helper stacks do not fit.
    // Threads are started one at a time with room to spare: a thread that got its stack but not
    // its signal stack would abort the process (it did, one run in six on a busy machine).
    let out = tempfile::tempdir().unwrap();
    let script = format!(
        "ulimit -v 3000000 && exec \"$0\" build -q --binder --force --jobs 1000 --out '{}'",
        out.path().display()
    );
    let run = std::process::Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_imrf-briefs")])
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("building with fewer"),
        "{}",
        stderr(&run)
    );
    let briefs = manifest(out.path())["briefs"].as_array().unwrap().clone();
    assert_eq!(briefs.len(), 248);
    assert!(briefs.iter().all(|b| b["status"] == "built"));
    for binder in ["overview", "objectives", "regions", "delegations"] {
        assert!(out.path().join(format!("binders/{binder}.pdf")).is_file());
    }
    assert_manifest_matches_disk(out.path());
}

/// The PDFs under `out`, relative to it.
fn pdfs_on_disk(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for dir in ["", "objectives", "regions", "delegations"] {
        let Ok(entries) = fs::read_dir(out.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".pdf") {
                found.push(if dir.is_empty() {
                    name
                } else {
                    format!("{dir}/{name}")
                });
            }
        }
    }
    found
}

#[test]
fn after_a_full_disk_the_manifest_lists_every_file_in_place_with_its_sha256() {
    let Some(disk) = crate::support::SmallDisk::new("2m") else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let out = disk.dir.path();
    let run = build_into(out, None, &["--only", "5"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let run = build_into(out, None, &["--force"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("No space left on device"),
        "{}",
        stderr(&run)
    );
    // A manifest true to the disk: every PDF listed, every listed file its sha256 (a compact one
    // when the whole one does not fit).
    assert_manifest_matches_disk(out);
    let listed: Vec<String> = manifest(out)["briefs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| !b["files"].as_array().unwrap().is_empty())
        .map(|b| b["path"].as_str().unwrap().to_string())
        .collect();
    let on_disk = pdfs_on_disk(out);
    assert!(on_disk.len() > 1, "{on_disk:?}");
    for pdf in on_disk {
        assert!(
            listed.contains(&pdf),
            "{pdf} is on disk but not in the manifest"
        );
    }
}

/// Ids of the processes whose command line mentions `needle` (Linux).
fn pids_mentioning(needle: &str) -> Vec<i32> {
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|p| {
            let pid = p.file_name().to_str()?.parse().ok()?;
            let cmdline = fs::read(p.path().join("cmdline")).ok()?;
            String::from_utf8_lossy(&cmdline)
                .contains(needle)
                .then_some(pid)
        })
        .collect()
}

/// Waits up to `secs` for `done`, checking every 100 ms.
fn within(secs: u64, done: impl Fn() -> bool) -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    done()
}

#[test]
fn compile_workers_die_with_a_killed_build() {
    let templates = templates_copy();
    let objective = templates.path().join("objective.typ.j2");
    let text = fs::read_to_string(&objective).unwrap().replacen(
        "{% block body %}",
        "{% block body %}\n#for i in range(100000) { for j in range(100000) { } }\n",
        1,
    );
    fs::write(&objective, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut build = cmd()
        .args(["build", "-q", "--only", "5", "--memory-limit", "256"])
        .args(["--brief-timeout", "3600", "--templates"])
        .arg(templates.path())
        .arg("--out")
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary runs");
    let needle = templates.path().to_str().unwrap().to_string();
    // The build itself names the templates folder too: wait for a second process, its worker.
    let started = within(120, || pids_mentioning(&needle).len() >= 2);
    build.kill().unwrap();
    build.wait().unwrap();
    assert!(started, "no compile worker started");
    let gone = within(30, || pids_mentioning(&needle).is_empty());
    for pid in pids_mentioning(&needle) {
        // SIGKILL, by pid, for the workers this test started.
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status();
    }
    assert!(gone, "a compile worker outlived its killed build");
}

#[test]
fn a_memory_limit_builds_the_same_pdfs_as_threads() {
    let threads = tempfile::tempdir().unwrap();
    let workers = tempfile::tempdir().unwrap();
    let only = ["--only", "5,GHA,western-africa,overview"];
    let run = build_into(threads.path(), None, &only);
    assert!(run.status.success(), "{}", stderr(&run));
    let run = build_into(
        workers.path(),
        None,
        &[&only[..], &["--memory-limit", "400"]].concat(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    for key in ["05", "GHA", "western-africa", "overview"] {
        let a = entry(threads.path(), key, "pdf").unwrap();
        let b = entry(workers.path(), key, "pdf").unwrap();
        assert_eq!(a["sha256"], b["sha256"], "{key}");
    }
    let run = build_into(workers.path(), None, &["--memory-limit", "10"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("--memory-limit must be at least 64"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_template_that_loops_forever_runs_out_of_fuel_or_time() {
    let templates = templates_copy();
    let objective = templates.path().join("objective.typ.j2");
    let text = fs::read_to_string(&objective).unwrap();
    let looping = text.replacen(
        "{% block body %}",
        "{% block body %}{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        1,
    );
    fs::write(&objective, looping).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build_with_templates(
        out.path(),
        templates.path(),
        &["--only", "5", "--only", "overview", "--brief-timeout", "3"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(status(out.path(), "overview"), "built");
    assert_eq!(status(out.path(), "05"), "failed");
}

#[test]
fn templates_cannot_reach_outside_their_folder() {
    let templates = templates_copy();
    let secret = tempfile::tempdir().unwrap();
    fs::write(secret.path().join("secret.j2"), "TOP-SECRET-CONTENT").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        secret.path().join("secret.j2"),
        templates.path().join("partials/leak.typ.j2"),
    )
    .unwrap();
    let objective = templates.path().join("objective.typ.j2");
    let text = fs::read_to_string(&objective).unwrap();
    let text = text.replacen(
        "{% block body %}",
        "{% block body %}{% include \"partials/leak.typ.j2\" %}",
        1,
    );
    fs::write(&objective, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build_with_templates(out.path(), templates.path(), &["--only", "5"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("leads outside the templates folder"), "{err}");
    assert!(!err.contains("TOP-SECRET"), "{err}");
}

/// `check` on a copy of the bundled data after `edit`; returns its stderr (exit 2 expected).
fn check_after(edit: impl FnOnce(&Path)) -> String {
    let data = data_with("none");
    edit(data.path());
    let run = cmd()
        .args(["check", "--data", data.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    stderr(&run).replace(data.path().to_str().unwrap(), "DATA")
}

fn replace_in(path: PathBuf, from: &str, to: &str) {
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn data_files_outside_the_data_folder_or_not_regular_are_refused_unread() {
    let secret = tempfile::tempdir().unwrap();
    fs::write(
        secret.path().join("secret.csv"),
        "title,entity\nTOP-SECRET,x\n",
    )
    .unwrap();
    let err = check_after(|data| {
        replace_in(
            data.join("dataset.yaml"),
            "forum: forum/imrf-2022.yaml",
            "forum: ../../../../../../etc/passwd",
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                secret.path().join("secret.csv"),
                data.join("pledges/leak.csv"),
            )
            .unwrap();
            let fifo = data.join("pledges/pipe.csv");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            assert!(made.is_ok_and(|s| s.success()));
        }
    });
    assert!(
        err.contains("DATA/dataset.yaml:7: forum: `../../../../../../etc/passwd`: refused: it lies outside the data folder"),
        "{err}"
    );
    assert!(
        err.contains("DATA/pledges/leak.csv: refused: it lies outside"),
        "{err}"
    );
    assert!(
        err.contains("DATA/pledges/pipe.csv: refused: not a regular file"),
        "{err}"
    );
    assert!(
        !err.contains("TOP-SECRET") && !err.contains("root:"),
        "{err}"
    );
}

#[test]
fn a_pledges_folder_outside_the_data_folder_is_refused_at_its_line_unread() {
    let outside = tempfile::tempdir().unwrap();
    let pledges = crate::support::root().join("data/pledges/imrf-2022.csv");
    fs::copy(pledges, outside.path().join("outside.csv")).unwrap();
    let folder = outside.path().to_str().unwrap();
    let err = check_after(|data| {
        replace_in(
            data.join("dataset.yaml"),
            "  folder: pledges",
            &format!("  folder: {folder}"),
        )
    });
    assert!(
        err.contains(&format!(
            "DATA/dataset.yaml:11: pledges.folder: `{folder}`: refused: it lies outside the data folder"
        )),
        "{err}"
    );
    assert!(!err.contains("outside.csv"), "{err}");
}

#[test]
fn links_other_than_http_https_mailto_are_refused() {
    let err = check_after(|data| {
        replace_in(
            data.join("pledges/imrf-2022.csv"),
            "https://migrationnetwork.un.org/node/7516/webform/submission/7696/text",
            "javascript:alert(1)",
        );
    });
    assert!(
        err.contains(
            "DATA/pledges/imrf-2022.csv:2: source_url: `javascript:alert(1)` is not a link"
        ),
        "{err}"
    );
}

#[test]
fn terminal_control_sequences_in_data_are_not_echoed() {
    let err = check_after(|data| {
        replace_in(
            data.join("pledges/imrf-2022.csv"),
            ",PRT,",
            ",\u{1b}[2J\u{1b}]0;pwned\u{7},",
        );
    });
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}[2J"), "{err}");

    let data = data_with("none");
    replace_in(
        data.path().join("countries.csv"),
        "Mexico",
        "Mex\u{1b}[31mico",
    );
    let run = cmd()
        .args([
            "list",
            "--data",
            data.path().to_str().unwrap(),
            "--only",
            "MEX",
        ])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stdout(&run).contains('\u{1b}'), "{}", stdout(&run));
}

#[test]
fn dates_must_be_real_and_every_file_is_checked_in_one_run() {
    let err = check_after(|data| {
        replace_in(
            data.join("dataset.yaml"),
            "date: 2026-11-28",
            "date: 2026-13-45",
        );
        replace_in(
            data.join("forum/imrf-2022.yaml"),
            "start_date: 2022-05-17",
            "start_date: 2022-02-30",
        );
        replace_in(
            data.join("pledges/imrf-2022.csv"),
            ",2022-07-07,",
            ",yesterday,",
        );
    });
    assert!(
        err.contains("DATA/dataset.yaml:6: date: `2026-13-45` is not a date (expected YYYY-MM-DD"),
        "{err}"
    );
    // The line of `start_date:` in the bundled forum file, wherever its header leaves it.
    let forum =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/forum/imrf-2022.yaml"))
            .unwrap();
    let line = 1 + forum
        .lines()
        .position(|l| l.trim_start().starts_with("start_date:"))
        .unwrap();
    assert!(
        err.contains(&format!(
            "DATA/forum/imrf-2022.yaml:{line}: forum.start_date: `2022-02-30` is not a real calendar date"
        )),
        "{err}"
    );
    assert!(
        err.contains("DATA/pledges/imrf-2022.csv:2: submitted: `yesterday` is not a date"),
        "{err}"
    );
}

#[test]
fn an_empty_or_refused_countries_file_is_one_problem_not_one_per_row_that_names_a_country() {
    let empty = check_after(|data| fs::write(data.join("countries.csv"), "").unwrap());
    assert!(
        empty.contains("DATA/countries.csv:1: the countries table is empty"),
        "{empty}"
    );
    let refused = check_after(|data| {
        replace_in(
            data.join("dataset.yaml"),
            "countries: countries.csv",
            "countries: /etc/passwd",
        )
    });
    assert!(
        refused.contains("DATA/dataset.yaml:9: countries: `/etc/passwd`: refused"),
        "{refused}"
    );
    for err in [empty, refused] {
        assert!(err.contains("\n1 problem in the input data"), "{err}");
    }
}

#[test]
fn countries_table_problems_are_named() {
    let err = check_after(|data| {
        let path = data.join("countries.csv");
        let text = fs::read_to_string(&path).unwrap();
        let mexico = text
            .lines()
            .find(|l| l.starts_with("MEX,"))
            .unwrap()
            .to_string();
        fs::write(&path, format!("{text}{mexico}\n")).unwrap();
    });
    assert!(
        err.contains("iso3: duplicate ISO3 code `MEX` (also on line"),
        "{err}"
    );

    let err = check_after(|data| {
        let path = data.join("countries.csv");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("{}\n", text.lines().next().unwrap())).unwrap();
    });
    assert!(
        err.contains("DATA/countries.csv:1: the countries table is empty"),
        "{err}"
    );

    // Two regions whose names give the same file name.
    let err = check_after(|data| {
        replace_in(
            data.join("countries.csv"),
            "Western Africa",
            "Western  Africa!",
        );
    });
    assert!(
        err.contains("would both be written to regions/western-africa.pdf"),
        "{err}"
    );
}

#[test]
fn csv_errors_in_crlf_files_name_the_right_line() {
    let err = check_after(|data| {
        let path = data.join("pledges/imrf-2022.csv");
        let text = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        lines[3] = "9999,too,few".into(); // line 4
        fs::write(&path, lines.join("\r\n") + "\r\n").unwrap();
    });
    assert!(
        err.contains("DATA/pledges/imrf-2022.csv:4: row has 3 fields"),
        "{err}"
    );
}

#[test]
fn oversized_values_are_refused_with_the_limit() {
    let err = check_after(|data| {
        let big = "x".repeat(10 * 1024 * 1024);
        replace_in(
            data.join("pledges/imrf-2022.csv"),
            "Portugal commits to review",
            &format!("Portugal commits to review{big}"),
        );
        let mut bomb = String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let refs = vec![format!("*{prev}"); 9].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        fs::write(data.join("forum/imrf-2022.yaml"), bomb).unwrap();
    });
    assert!(
        err.contains("DATA/pledges/imrf-2022.csv:2: summary: the cell holds 10485"),
        "{err}"
    );
    assert!(err.contains("limit of 65536 bytes per cell"), "{err}");
    assert!(err.contains("DATA/forum/imrf-2022.yaml:"), "{err}");
    assert!(err.contains("limit of 33554432 bytes"), "{err}");
}

#[test]
fn a_long_comma_separated_objectives_cell_is_parsed_quickly() {
    let started = std::time::Instant::now();
    let err = check_after(|data| {
        let cell = vec!["Objective 5"; 800].join(", ") + ", Objective 99";
        replace_in(
            data.join("pledges/imrf-2022.csv"),
            ",1;2;3;4;5;6;7;8,",
            &format!(",\"{cell}\","),
        );
    });
    assert!(
        err.contains("`Objective 99` is not a GCM objective"),
        "{err}"
    );
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn watch_ignores_its_own_output_folder_inside_the_data_folder() {
    let data = data_with("none");
    let out = data.path().join("output");
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = cmd()
        .args([
            "watch",
            "--only",
            "5",
            "--data",
            data.path().to_str().unwrap(),
        ])
        .arg("--out")
        .arg(&out)
        .stderr(log.reopen().unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !fs::read_to_string(log.path()).unwrap().contains("watching") {
        assert!(std::time::Instant::now() < deadline, "watch did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_secs(2));
    let _ = child.kill();
    let _ = child.wait();
    let text = fs::read_to_string(log.path()).unwrap();
    let builds = text.matches("rebuilt").count() + text.matches("no brief changed").count();
    assert_eq!(builds, 1, "{text}");
}

/// Typst's warnings are kept in the manifest, said again when the brief is up to date, and with
/// `--deny-warnings` fail the run (exit 1) while the briefs and the manifest stay written.
#[test]
fn warnings_are_kept_repeated_and_can_be_denied() {
    let templates = templates_copy();
    let base = templates.path().join("objective.typ.j2");
    let text = fs::read_to_string(&base).unwrap();
    fs::write(
        &base,
        text.replacen(
            "{% block body %}",
            "{% block body %}\n#text(font: \"No Such Font Family\")[]",
            1,
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let build = |extra: &[&str]| {
        cmd()
            .args(["build", "--only", "5", "--templates"])
            .arg(templates.path())
            .arg("--out")
            .arg(out.path())
            .args(extra)
            .output()
            .unwrap()
    };
    let first = build(&[]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("No Such Font Family"),
        "{}",
        stderr(&first)
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    let entry = &manifest["briefs"][0];
    // Kept typed, as typst gave them, to be said again by an up-to-date build.
    let warning = &entry["warnings"]["diagnostics"][0];
    assert_eq!(warning["severity"], "warning");
    assert!(warning["message"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("no such font family"));

    let again = build(&[]);
    assert!(
        stderr(&again).contains("1 up to date"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("No Such Font Family"),
        "{}",
        stderr(&again)
    );

    let denied = build(&["--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));
    assert!(
        stderr(&denied).contains("--deny-warnings"),
        "{}",
        stderr(&denied)
    );
    assert!(out.path().join("objectives/objective-05.pdf").is_file());
}

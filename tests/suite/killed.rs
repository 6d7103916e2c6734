//! A build, binder or merge killed at any moment (SIGKILL) leaves an output folder whose
//! `manifest.json` names every brief file on disk and lists as built only files that hash to
//! their recorded sha256 (an entry whose files were being renamed is `placing`: they have its
//! bytes or the earlier ones); the next run settles them. The moments are chosen with
//! `IMRF_BRIEFS_KILL_AFTER_RENAMES` (the process kills itself after its Nth rename into place)
//! and, as a kill from outside would come, after a delay.

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::support::{cmd, sha256, stderr};
use serde_json::Value;

const DAY: u64 = 86_400;
/// 2022-05-17, the bundled forum's first day: the date printed in every brief, so a build on
/// another day rewrites every file.
const FIRST_DAY: u64 = 1_652_745_600;

/// What is wrong with `out`: (entries not being placed whose files are missing or have other
/// bytes than their sha256, brief files on disk that no entry lists, temporary files left).
fn audit(out: &Path) -> (Vec<String>, Vec<String>, Vec<String>) {
    let manifest: Value = fs::read(out.join("manifest.json"))
        .ok()
        .map(|bytes| serde_json::from_slice(&bytes).expect("manifest.json parses"))
        .unwrap_or_else(|| serde_json::json!({"briefs": []}));
    let mut mismatched = Vec::new();
    let mut listed = std::collections::BTreeSet::new();
    let bound = manifest["bound"].as_array().cloned().unwrap_or_default();
    for entry in manifest["briefs"].as_array().unwrap().iter().chain(&bound) {
        let files = entry["files"].as_array().unwrap();
        if files.is_empty() {
            continue;
        }
        let mut bytes = Vec::new();
        let mut missing = false;
        for file in files {
            let file = file.as_str().unwrap();
            listed.insert(file.to_string());
            match fs::read(out.join(file)) {
                Ok(b) => bytes.extend(b),
                Err(_) => missing = true,
            }
        }
        let placing = entry["status"] == "placing";
        if !placing && (missing || sha256(&bytes) != entry["sha256"].as_str().unwrap()) {
            mismatched.push(entry["path"].as_str().unwrap().to_string());
        }
    }
    let (mut unlisted, mut temporary) = (Vec::new(), Vec::new());
    for file in walk(out) {
        let relative = file
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".imrf-briefs.tmp") {
            temporary.push(relative);
        } else if name.ends_with(".pdf") && !listed.contains(&relative) {
            unlisted.push(relative);
        }
    }
    (mismatched, unlisted, temporary)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// `imrf-briefs ARGS` dated `day` days after the forum's first, its output discarded.
fn on_day(day: u64, args: &[&str]) -> Command {
    let mut command = cmd();
    command
        .env("SOURCE_DATE_EPOCH", (FIRST_DAY + day * DAY).to_string())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Runs `command`, killing itself after its `renames`th rename into place.
fn killed_after(mut command: Command, renames: usize) -> Output {
    command
        .env("IMRF_BRIEFS_KILL_AFTER_RENAMES", renames.to_string())
        .output()
        .unwrap()
}

/// After a kill the manifest claims no bytes that are not on disk, and names every brief file.
fn assert_true_to_disk(out: &Path, moment: &str) {
    let (mismatched, unlisted, _) = audit(out);
    assert!(
        mismatched.is_empty(),
        "killed {moment}: manifest.json lists files with other bytes: {mismatched:?}"
    );
    assert!(
        unlisted.is_empty(),
        "killed {moment}: files that manifest.json does not name: {unlisted:?}"
    );
}

/// A run after the kills lists every file, each with its bytes, and leaves no temporary file.
fn assert_repaired(out: &Path, run: &Output) {
    assert!(run.status.success(), "{}", stderr(run));
    assert_eq!(audit(out), (vec![], vec![], vec![]), "after the repair");
}

fn build_args(out: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["build".to_string(), "-q".into()];
    args.extend(extra.iter().map(|a| a.to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn a_build_killed_after_any_rename_leaves_a_manifest_true_to_the_disk() {
    let out = tempfile::tempdir().unwrap();
    let args = build_args(out.path(), &["--by", "objective"]);
    let first = on_day(0, &strs(&args)).output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    // 23 briefs, the manifests and the catalog: every moment of a build that replaces them all.
    for (day, renames) in [1, 2, 3, 5, 12, 20, 23, 24, 25, 26].into_iter().enumerate() {
        let run = killed_after(on_day(day as u64 + 1, &strs(&args)), renames);
        assert_eq!(run.status.signal(), Some(9), "not killed: {}", stderr(&run));
        assert_true_to_disk(out.path(), &format!("after rename {renames}"));
    }
    let repair = on_day(0, &strs(&args)).output().unwrap();
    assert_repaired(out.path(), &repair);
}

#[test]
fn a_full_build_killed_from_outside_leaves_a_manifest_true_to_the_disk() {
    let out = tempfile::tempdir().unwrap();
    let args = build_args(out.path(), &[]);
    let first = on_day(0, &strs(&args)).output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    for (day, delay_ms) in [300, 600, 900, 1300].into_iter().enumerate() {
        let mut child = on_day(day as u64 + 1, &strs(&args)).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_true_to_disk(out.path(), &format!("after {delay_ms} ms"));
    }
    let repair = on_day(0, &strs(&args)).output().unwrap();
    assert_repaired(out.path(), &repair);
}

#[test]
fn a_binder_build_killed_while_binding_leaves_a_manifest_true_to_the_disk() {
    let out = tempfile::tempdir().unwrap();
    let args = build_args(out.path(), &["--by", "objective", "--binder"]);
    let first = on_day(0, &strs(&args)).output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    // The briefs' renames, then the binder's, the manifests' and the catalog's.
    for (day, renames) in [20, 24, 25, 26, 27, 28, 29].into_iter().enumerate() {
        let run = killed_after(on_day(day as u64 + 1, &strs(&args)), renames);
        if renames <= 26 {
            assert_eq!(run.status.signal(), Some(9), "not killed: {}", stderr(&run));
        }
        assert_true_to_disk(out.path(), &format!("after rename {renames}"));
    }
    for (day, delay_ms) in [250, 500, 750, 1000].into_iter().enumerate() {
        let mut child = on_day(day as u64 + 10, &strs(&args)).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_true_to_disk(out.path(), &format!("after {delay_ms} ms"));
    }
    let repair = on_day(0, &strs(&args)).output().unwrap();
    assert_repaired(out.path(), &repair);
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["bound"].as_array().unwrap().len(), 1);
}

#[test]
fn a_merge_killed_after_any_rename_leaves_a_manifest_true_to_the_disk() {
    let tmp = tempfile::tempdir().unwrap();
    // Two nights' shards: each merge replaces every file of the one before.
    let shards = |day: u64| -> Vec<PathBuf> {
        (1..=3)
            .map(|i| {
                let dir = tmp.path().join(format!("day-{day}/shard-{i}"));
                let shard = format!("{i}/3");
                let args = build_args(&dir, &["--by", "objective", "--shard", &shard]);
                let built = on_day(day, &strs(&args)).output().unwrap();
                assert!(built.status.success(), "{}", stderr(&built));
                dir
            })
            .collect()
    };
    let nights = [shards(0), shards(1)];
    let out = tmp.path().join("output");
    let merge = |night: usize| {
        let mut command = cmd();
        command
            .args(["merge", "--by", "objective", "--out"])
            .arg(&out)
            .args(&nights[night])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    };
    let first = merge(0).output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    for (round, renames) in [1, 2, 5, 12, 23, 24, 25].into_iter().enumerate() {
        let run = killed_after(merge((round + 1) % 2), renames);
        assert_eq!(run.status.signal(), Some(9), "not killed: {}", stderr(&run));
        assert_true_to_disk(&out, &format!("merging, after rename {renames}"));
    }
    let repair = merge(0).output().unwrap();
    assert_repaired(&out, &repair);
}

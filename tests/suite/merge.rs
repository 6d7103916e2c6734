//! `merge`: the shards of a build, each built by its own process as on a CI matrix, put back
//! together equal the unsharded build; shards that overlap, miss briefs or were damaged are
//! refused with nothing written; a build into the merged folder rebuilds nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{cmd, pdf_text, stderr};
use serde_json::Value;

/// The manifest's briefs as id -> sha256, and the titles by id.
fn briefs(dir: &Path) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let manifest: Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let mut hashes = BTreeMap::new();
    let mut titles = BTreeMap::new();
    for e in manifest["briefs"].as_array().unwrap() {
        let id = format!("{}/{}/{}", e["kind"], e["key"], e["format"]).replace('"', "");
        hashes.insert(id.clone(), e["sha256"].as_str().unwrap().to_string());
        titles.insert(id, e["title"].as_str().unwrap().to_string());
    }
    (hashes, titles)
}

fn merge(shards: &[&Path], out: &Path) -> std::process::Output {
    let mut command = cmd();
    command
        .args(["merge", "--by", "objective", "--out"])
        .arg(out);
    command.args(shards);
    command.output().unwrap()
}

#[test]
fn three_shards_merge_into_the_unsharded_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = |name: &str| tmp.path().join(name);
    // Three shards in three processes at once, as three CI jobs would, and the whole selection.
    let mut children = Vec::new();
    for i in 1..=3 {
        children.push(
            cmd()
                .args(["build", "-q", "--by", "objective", "-j", "1", "--shard"])
                .arg(format!("{i}/3"))
                .arg("--out")
                .arg(dir(&format!("shard-{i}")))
                .spawn()
                .unwrap(),
        );
    }
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let whole = cmd()
        .args(["build", "-q", "--by", "objective", "--out"])
        .arg(dir("whole"))
        .output()
        .unwrap();
    assert!(whole.status.success(), "{}", stderr(&whole));
    let shards = [dir("shard-1"), dir("shard-2"), dir("shard-3")];
    let shard_refs: Vec<&Path> = shards.iter().map(|p| p.as_path()).collect();
    for shard in &shards {
        let (hashes, _) = briefs(shard);
        assert!(
            !hashes.is_empty() && hashes.len() < 23,
            "{}",
            shard.display()
        );
    }

    // Missing: shard 3 left out. Nothing is written and shard 3's briefs are named.
    let out = dir("merged");
    let missing = merge(&shard_refs[..2], &out);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    let (third, titles) = briefs(&shards[2]);
    let absent = &titles[third.keys().next().unwrap()];
    assert!(
        stderr(&missing).contains(absent.as_str()),
        "{}",
        stderr(&missing)
    );
    assert!(stderr(&missing).contains("in none of the shards"));
    assert!(!out.exists(), "a refused merge wrote {}", out.display());

    // Overlapping: shard 1 twice (under another folder name). Both folders are named.
    let again = dir("shard-1-again");
    crate::support::copy_tree(&shards[0], &again);
    let overlap = merge(
        &[&shards[0], &again, &shards[1], &shards[2]].map(|p| p.as_path()),
        &out,
    );
    assert_eq!(overlap.status.code(), Some(2), "{}", stderr(&overlap));
    let (first, titles) = briefs(&shards[0]);
    let doubled = &titles[first.keys().next().unwrap()];
    let text = stderr(&overlap);
    assert!(
        text.contains(doubled.as_str())
            && text.contains("in more than one shard")
            && text.contains("shard-1-again"),
        "{text}"
    );
    assert!(!out.exists());

    // Damaged: one byte of a shard's PDF changed after the build.
    let damaged = dir("shard-2-damaged");
    crate::support::copy_tree(&shards[1], &damaged);
    let manifest: Value =
        serde_json::from_slice(&fs::read(damaged.join("manifest.json")).unwrap()).unwrap();
    let pdf = damaged.join(manifest["briefs"][0]["path"].as_str().unwrap());
    let mut bytes = fs::read(&pdf).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    fs::write(&pdf, bytes).unwrap();
    let corrupt = merge(
        &[&shards[0], &damaged, &shards[2]].map(|p| p.as_path()),
        &out,
    );
    assert_eq!(corrupt.status.code(), Some(2), "{}", stderr(&corrupt));
    assert!(
        stderr(&corrupt).contains("does not match the sha256")
            && stderr(&corrupt).contains(&pdf.file_name().unwrap().to_string_lossy().to_string()),
        "{}",
        stderr(&corrupt)
    );
    assert!(!out.exists());

    // The real merge: the same briefs with the same bytes as the unsharded build.
    let merged = merge(&shard_refs, &out);
    assert!(merged.status.success(), "{}", stderr(&merged));
    let (merged_hashes, _) = briefs(&out);
    let (whole_hashes, _) = briefs(&dir("whole"));
    assert_eq!(merged_hashes.len(), 23);
    assert_eq!(merged_hashes, whole_hashes);
    assert!(out.join("index.html").is_file());
    assert!(pdf_text(&out.join("objectives/objective-05.pdf")).contains("Objective 5"));

    // A build into the merged folder finds every brief current, and makes the binder from them.
    let rebuild = cmd()
        .args(["build", "--by", "objective", "--binder", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(rebuild.status.success(), "{}", stderr(&rebuild));
    assert!(
        stderr(&rebuild).contains("0 built, 23 up to date, 0 failed"),
        "{}",
        stderr(&rebuild)
    );
    let binder = pdf_text(&out.join("binders/objectives.pdf"));
    assert!(binder.contains("Objective briefs"), "{binder}");
    assert!(!binder.contains(" of 23 objective briefs"));
    let (after, _) = briefs(&out);
    assert_eq!(after, whole_hashes);
}

#[test]
fn a_binder_of_a_selection_says_what_it_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let built = cmd()
        .args(["build", "-q", "--only", "1,2,3", "--binder", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let text = pdf_text(&out.join("binders/objectives.pdf"));
    assert!(text.contains("Objectives 1, 2, 3"), "{text}");
    assert!(text.contains("3 of 23 objective briefs"), "{text}");
}

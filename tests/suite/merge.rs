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
fn a_binder_of_a_selection_says_what_it_holds_and_never_replaces_the_whole_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let build = |args: &[&str]| {
        let built = cmd()
            .args(["build", "-q"])
            .args(args)
            .args(["--binder", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(built.status.success(), "{}", stderr(&built));
    };
    build(&["--by", "objective"]);
    let whole = fs::read(out.join("binders/objectives.pdf")).unwrap();
    build(&["--only", "1,2,3"]);
    let text = pdf_text(&out.join("binders/objectives-selection.pdf"));
    assert!(text.contains("Objectives 1, 2, 3"), "{text}");
    assert!(text.contains("3 of 23 objective briefs"), "{text}");
    // The binder of all 23 is still there, unchanged, and the manifest lists both.
    assert_eq!(fs::read(out.join("binders/objectives.pdf")).unwrap(), whole);
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let bound: Vec<&str> = manifest["bound"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["path"].as_str().unwrap())
        .collect();
    assert!(bound.contains(&"binders/objectives.pdf"), "{bound:?}");
    assert!(
        bound.contains(&"binders/objectives-selection.pdf"),
        "{bound:?}"
    );
}

/// The manifest's briefs as path -> sha256 of the file on disk.
fn files_by_path(dir: &Path) -> BTreeMap<String, String> {
    let manifest: Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    manifest["briefs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let path = e["path"].as_str().unwrap().to_string();
            let hash = crate::support::file_sha256(&dir.join(&path));
            (path, hash)
        })
        .collect()
}

/// `count` obviously fictional pledges for the State `iso3`, as a pledge CSV.
fn fictional_pledges(iso3: &str, count: usize, objective: u32) -> String {
    let mut csv = "id,title,entity,entity_type,country_iso3,pledge_type,nature,objectives,\
                   guiding_principles,submitted,source_url,summary\n"
        .to_string();
    for i in 1..=count {
        csv.push_str(&format!(
            "zz-{iso3}-{i:03},Fictional pledge {i} for the shard tests,Fictional Body {i},\
             State,{iso3},Individual,Policy-oriented,{objective},,2022-05-18,\
             https://example.org/fictional/{iso3}/{i},Fictional record for tests; no real \
             entity.\n"
        ));
    }
    csv
}

#[test]
fn restored_shards_merge_after_data_changes_three_nights_running() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = |name: &str| tmp.path().join(name);
    let data = crate::support::data_with("none");
    let extra = data.path().join("pledges/zz-fictional-shard-moves.csv");
    // Night 1: the bundled data; night 2: 30 fictional pledges for Nigeria (which moved 106
    // briefs between shards when shards were balanced by cost); night 3: those gone and 30 for
    // Brazil. Each night rebuilds the shards into the folders the last night left.
    let nights = [
        None,
        Some(fictional_pledges("NGA", 30, 5)),
        Some(fictional_pledges("BRA", 30, 11)),
    ];
    let mut dealt: Vec<Vec<BTreeMap<String, String>>> = Vec::new();
    for (night, pledges) in nights.iter().enumerate() {
        match pledges {
            Some(csv) => fs::write(&extra, csv).unwrap(),
            None => {
                let _ = fs::remove_file(&extra);
            }
        }
        let mut shards = Vec::new();
        for i in 1..=3 {
            let shard = dir(&format!("shard-{i}"));
            let built = cmd()
                .args(["build", "-q", "--shard"])
                .arg(format!("{i}/3"))
                .arg("--data")
                .arg(data.path())
                .arg("--out")
                .arg(&shard)
                .output()
                .unwrap();
            assert!(built.status.success(), "night {night}: {}", stderr(&built));
            shards.push(shard);
        }
        dealt.push(shards.iter().map(|s| files_by_path(s)).collect());
        let whole = cmd()
            .args(["build", "-q", "--data"])
            .arg(data.path())
            .arg("--out")
            .arg(dir("whole"))
            .output()
            .unwrap();
        assert!(whole.status.success(), "night {night}: {}", stderr(&whole));
        let out = dir(&format!("merged-{night}"));
        let mut command = cmd();
        command
            .arg("merge")
            .arg("--data")
            .arg(data.path())
            .arg("--out")
            .arg(&out);
        command.args(&shards);
        let merged = command.output().unwrap();
        assert!(
            merged.status.success(),
            "night {night}: {}",
            stderr(&merged)
        );
        let merged_files = files_by_path(&out);
        assert!(merged_files.len() > 200, "night {night}");
        assert_eq!(merged_files, files_by_path(&dir("whole")), "night {night}");
        // No shard folder holds a brief file its manifest does not list.
        for shard in &shards {
            let listed = files_by_path(shard);
            for sub in ["delegations", "objectives", "regions"] {
                for file in fs::read_dir(shard.join(sub)).unwrap() {
                    let name = format!("{sub}/{}", file.unwrap().file_name().to_string_lossy());
                    assert!(listed.contains_key(&name), "night {night}: {name} unlisted");
                }
            }
        }
    }
    // A brief stays in its shard whatever the data says, so its cache stays in its folder.
    let members = |night: usize| -> Vec<Vec<String>> {
        dealt[night]
            .iter()
            .map(|s| s.keys().cloned().collect())
            .collect()
    };
    assert_eq!(members(0), members(1));
    assert_eq!(members(1), members(2));
    // The data changes did change briefs (else this test proves nothing).
    assert_ne!(dealt[0], dealt[1]);
    assert_ne!(dealt[1], dealt[2]);

    // Two shards instead of three: the restored folders hold briefs dealt elsewhere now. Each
    // shard's manifest lists its own briefs only (the others' files removed), and they merge.
    let shards = [dir("shard-1"), dir("shard-2")];
    for (i, shard) in shards.iter().enumerate() {
        let built = cmd()
            .args(["build", "-q", "--shard"])
            .arg(format!("{}/2", i + 1))
            .arg("--data")
            .arg(data.path())
            .arg("--out")
            .arg(shard)
            .output()
            .unwrap();
        assert!(built.status.success(), "{}", stderr(&built));
        let count = fs::read_dir(shard.join("delegations")).unwrap().count();
        assert_eq!(
            count,
            files_by_path(shard)
                .keys()
                .filter(|p| p.starts_with("delegations/"))
                .count()
        );
    }
    let out = dir("merged-two");
    let mut command = cmd();
    command
        .arg("merge")
        .arg("--data")
        .arg(data.path())
        .arg("--out")
        .arg(&out);
    command.args(&shards);
    let merged = command.output().unwrap();
    assert!(merged.status.success(), "{}", stderr(&merged));
    // Briefs that changed shard were rebuilt today, so only the paths are the unsharded build's.
    let paths = |dir: &Path| files_by_path(dir).into_keys().collect::<Vec<_>>();
    assert_eq!(paths(&out), paths(&dir("whole")));
}

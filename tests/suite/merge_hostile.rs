//! `merge` trusts nothing in a shard folder (a cache or an artifact can be stale, damaged or
//! forged): links, pipes and devices, entries that list another brief's file, failed entries
//! with unchecked bytes and oversized manifests are refused quickly with nothing written; a
//! merge that cannot finish writing leaves a manifest that is true to the disk.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::support::{cmd, copy_tree, sha256, stderr};
use serde_json::Value;

/// Three shards of `--by objective`, built once for every case here.
fn shards() -> &'static Path {
    static SHARDS: OnceLock<tempfile::TempDir> = OnceLock::new();
    SHARDS
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            for i in 1..=3 {
                let built = cmd()
                    .args(["build", "-q", "--by", "objective", "--shard"])
                    .arg(format!("{i}/3"))
                    .arg("--out")
                    .arg(tmp.path().join(format!("shard-{i}")))
                    .output()
                    .unwrap();
                assert!(built.status.success(), "{}", stderr(&built));
            }
            tmp
        })
        .path()
}

/// A fresh copy of the three shards, the manifest of shard-1 and the case's output folder.
struct Case {
    _tmp: tempfile::TempDir,
    dirs: Vec<PathBuf>,
    out: PathBuf,
}

impl Case {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dirs: Vec<PathBuf> = (1..=3)
            .map(|i| {
                let to = tmp.path().join(format!("shard-{i}"));
                copy_tree(&shards().join(format!("shard-{i}")), &to);
                to
            })
            .collect();
        let out = tmp.path().join("output");
        Case {
            _tmp: tmp,
            dirs,
            out,
        }
    }

    fn manifest(&self) -> Value {
        serde_json::from_slice(&fs::read(self.dirs[0].join("manifest.json")).unwrap()).unwrap()
    }

    fn set_manifest(&self, manifest: &Value) {
        fs::write(
            self.dirs[0].join("manifest.json"),
            serde_json::to_vec_pretty(manifest).unwrap(),
        )
        .unwrap();
    }

    /// The first brief of shard-1: its file's path in the shard.
    fn first_file(&self) -> PathBuf {
        self.dirs[0].join(self.manifest()["briefs"][0]["path"].as_str().unwrap())
    }

    /// Runs the merge, killed after 20 s (a hang is a failure, not a stuck test).
    fn merge(&self) -> (Output, Duration) {
        let started = Instant::now();
        let mut child = cmd()
            .args(["merge", "--by", "objective", "--out"])
            .arg(&self.out)
            .args(&self.dirs)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("merge hung");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        (child.wait_with_output().unwrap(), started.elapsed())
    }

    /// The merge is refused quickly (exit 2), naming `says`, with nothing written.
    fn refused(&self, says: &str) {
        let (output, took) = self.merge();
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains(says), "{}", stderr(&output));
        assert!(took < Duration::from_secs(5), "took {took:?}");
        assert!(
            !self.out.exists(),
            "a refused merge wrote {}",
            self.out.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_shard_is_refused_even_with_its_sha256_forged() {
    let case = Case::new();
    let pdf = case.first_file();
    fs::remove_file(&pdf).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", &pdf).unwrap();
    let mut manifest = case.manifest();
    manifest["briefs"][0]["sha256"] = sha256(&fs::read("/etc/passwd").unwrap()).into();
    case.set_manifest(&manifest);
    case.refused("a link, or a path leading outside its folder");
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_and_a_pipe_are_refused_without_reading_them() {
    let case = Case::new();
    std::os::unix::fs::symlink("/dev/zero", case.dirs[0].join("zero.pdf")).unwrap();
    let mut manifest = case.manifest();
    manifest["briefs"][0]["files"]
        .as_array_mut()
        .unwrap()
        .push("zero.pdf".into());
    case.set_manifest(&manifest);
    case.refused("is not one of this brief's files");

    let case = Case::new();
    let pdf = case.first_file();
    fs::remove_file(&pdf).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &pdf).unwrap();
    case.refused("a link, or a path leading outside its folder");

    let case = Case::new();
    let pdf = case.first_file();
    fs::remove_file(&pdf).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&pdf)
        .status()
        .unwrap();
    assert!(made.success());
    case.refused("not a regular file");
}

#[test]
fn an_entry_that_lists_another_briefs_file_is_refused() {
    let case = Case::new();
    let mut manifest = case.manifest();
    let briefs = manifest["briefs"].as_array_mut().unwrap();
    assert!(briefs.len() >= 2);
    let other = briefs[1]["path"].clone();
    briefs[0]["path"] = other.clone();
    briefs[0]["files"] = serde_json::json!([other]);
    briefs[0]["sha256"] = briefs[1]["sha256"].clone();
    case.set_manifest(&manifest);
    case.refused("is not one of this brief's files");
}

#[test]
fn a_huge_shard_manifest_is_refused_unread() {
    let case = Case::new();
    let mut manifest = case.manifest();
    manifest["briefs"][0]["title"] = "x".repeat(40 << 20).into();
    case.set_manifest(&manifest);
    case.refused("more than the limit");
}

#[cfg(unix)]
#[test]
fn a_failed_entry_is_checked_like_any_other_and_its_unchecked_files_not_copied() {
    for link in [true, false] {
        let case = Case::new();
        let pdf = case.first_file();
        let relative = pdf.strip_prefix(&case.dirs[0]).unwrap().to_path_buf();
        fs::remove_file(&pdf).unwrap();
        if link {
            std::os::unix::fs::symlink("/etc/passwd", &pdf).unwrap();
        } else {
            fs::write(&pdf, "not the bytes the shard recorded").unwrap();
        }
        let mut manifest = case.manifest();
        manifest["briefs"][0]["status"] = "failed".into();
        case.set_manifest(&manifest);
        let (output, _) = case.merge();
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(
            !case.out.join(&relative).exists(),
            "{} copied",
            relative.display()
        );
        let merged: Value =
            serde_json::from_slice(&fs::read(case.out.join("manifest.json")).unwrap()).unwrap();
        for entry in merged["briefs"].as_array().unwrap() {
            for file in entry["files"].as_array().unwrap() {
                assert!(case.out.join(file.as_str().unwrap()).is_file());
            }
        }
    }
}

#[test]
fn a_merge_that_cannot_finish_leaves_a_manifest_true_to_the_disk() {
    let case = Case::new();
    // A folder where one brief's file should go: its copy fails, as on a full disk.
    let blocked = case.out.join("objectives/objective-12.pdf");
    fs::create_dir_all(blocked.join("in-the-way")).unwrap();
    let (output, _) = case.merge();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("merge not finished"),
        "{}",
        stderr(&output)
    );
    assert_true_to_disk(&case.out);
}

/// `out` has a manifest whose every listed file hashes to its sha256, and lists every brief file.
fn assert_true_to_disk(out: &Path) {
    let merged: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let mut listed = std::collections::BTreeSet::new();
    for entry in merged["briefs"].as_array().unwrap() {
        let mut bytes = Vec::new();
        for file in entry["files"].as_array().unwrap() {
            let file = file.as_str().unwrap();
            bytes.extend(fs::read(out.join(file)).unwrap());
            listed.insert(file.to_string());
        }
        assert_eq!(sha256(&bytes), entry["sha256"].as_str().unwrap());
    }
    for file in fs::read_dir(out.join("objectives")).unwrap() {
        let file = file.unwrap();
        if file.file_type().unwrap().is_file() {
            let name = format!("objectives/{}", file.file_name().to_string_lossy());
            assert!(listed.contains(&name), "{name} on disk but not listed");
        }
    }
}

#[test]
fn a_merge_that_fills_the_disk_makes_room_for_a_manifest_true_to_the_disk() {
    let Some(disk) = crate::support::SmallDisk::new("1m") else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let mut case = Case::new();
    case.out = disk.dir.path().to_path_buf();
    // The disk takes the first three briefs of shard-1 and not a byte more: when the fourth does
    // not fit, no room is left for a manifest either.
    let page = 4096;
    let needed: u64 = case.manifest()["briefs"].as_array().unwrap()[..3]
        .iter()
        .map(|b| b["bytes"].as_u64().unwrap().div_ceil(page) * page)
        .sum();
    let mut filler = fs::File::create(case.out.join("filler")).unwrap();
    while filler.write(&[0; 4096]).is_ok_and(|n| n == 4096) {}
    let full = filler.metadata().unwrap().len() / page * page;
    filler.set_len(full - needed).unwrap();
    let (output, _) = case.merge();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("No space left on device"), "{err}");
    assert_true_to_disk(&case.out);
}

#[test]
fn a_merge_into_a_used_folder_removes_the_earlier_builds_files_and_nothing_else() {
    let case = Case::new();
    // An earlier build in the output folder: Mexico and objective 5, listed in its manifest.
    let earlier = cmd()
        .args(["build", "-q", "--only", "MEX", "--only", "5", "--out"])
        .arg(&case.out)
        .output()
        .unwrap();
    assert!(earlier.status.success(), "{}", stderr(&earlier));
    // A stale brief that no manifest lists, and files this tool did not make.
    fs::copy(
        case.out.join("delegations/MEX.pdf"),
        case.out.join("delegations/ZZZ.pdf"),
    )
    .unwrap();
    fs::write(case.out.join("delegations/notes.txt"), "mine").unwrap();
    fs::write(case.out.join("keep.pdf"), "mine").unwrap();
    fs::write(case.out.join("objectives/reading-list.pdf"), "mine").unwrap();
    let (output, _) = case.merge();
    assert!(output.status.success(), "{}", stderr(&output));

    let merged: Value =
        serde_json::from_slice(&fs::read(case.out.join("manifest.json")).unwrap()).unwrap();
    let listed: std::collections::BTreeSet<String> = merged["briefs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["files"].as_array().unwrap().clone())
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed.len(), 23);
    assert!(
        !case.out.join("delegations/MEX.pdf").exists(),
        "unlisted MEX.pdf left"
    );
    assert!(
        !case.out.join("delegations/ZZZ.pdf").exists(),
        "unlisted ZZZ.pdf left"
    );
    for theirs in [
        "delegations/notes.txt",
        "keep.pdf",
        "objectives/reading-list.pdf",
    ] {
        assert!(case.out.join(theirs).is_file(), "{theirs} was removed");
    }
    for folder in ["", "objectives", "delegations"] {
        for file in fs::read_dir(case.out.join(folder)).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let path = if folder.is_empty() {
                name.clone()
            } else {
                format!("{folder}/{name}")
            };
            if name.ends_with(".pdf")
                && !["keep.pdf", "objectives/reading-list.pdf"].contains(&path.as_str())
            {
                assert!(listed.contains(&path), "{path} on disk but not listed");
            }
        }
    }
}

#[test]
fn a_merge_removes_binders_and_packs_that_it_does_not_list_and_takes_none_from_a_shard() {
    let case = Case::new();
    let root = crate::support::root();
    // A project file with a pack, so that its PDF is known as this tool's.
    let project = case.out.parent().unwrap().join("project");
    fs::create_dir_all(&project).unwrap();
    fs::write(
        project.join("imrf-briefs.yaml"),
        format!(
            "data: {}\ntemplates: {}\npacks:\n  geneva:\n    title: A consultation\n    \
             date: 2026-12-03\n    place: Geneva\n    briefs: [5]\n",
            root.join("data").display(),
            root.join("templates").display()
        ),
    )
    .unwrap();
    let run = |args: &[&str], dirs: &[&Path]| {
        let output = cmd()
            .current_dir(&project)
            .args(args)
            .args(dirs)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        output
    };
    // shard-1 bound its part of the plan too; an earlier build left a listed binder in the
    // output folder, and earlier runs (whose manifests are gone) left binders and a pack.
    run(
        &[
            "build",
            "-q",
            "--by",
            "objective",
            "--shard",
            "1/3",
            "--binder",
        ],
        &[Path::new("--out"), &case.dirs[0]],
    );
    assert!(case.dirs[0]
        .join("binders/objectives-selection.pdf")
        .is_file());
    run(
        &["build", "-q", "--only", "5", "--binder"],
        &[Path::new("--out"), &case.out],
    );
    let binder = case.out.join("binders/objectives-selection.pdf");
    assert!(binder.is_file());
    let ours = [
        "binders/delegations.pdf",
        "fr/binders/regions.pdf",
        "us-letter-one-sided/binders/objectives.pdf",
        "packs/geneva.pdf",
    ];
    let theirs = [
        "binders/notes.pdf",
        "packs/mine.pdf",
        "binders/old/objectives.pdf",
    ];
    for file in ours.iter().chain(&theirs) {
        let to = case.out.join(file);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&binder, to).unwrap();
    }
    let mut args = vec!["merge", "--by", "objective", "--out"];
    let out = case.out.to_str().unwrap();
    args.push(out);
    let dirs: Vec<&Path> = case.dirs.iter().map(PathBuf::as_path).collect();
    let merged = run(&args, &dirs);
    let err = stderr(&merged);
    assert!(
        err.contains("shard-1: 1 binder or pack not merged"),
        "{err}"
    );

    let manifest: Value =
        serde_json::from_slice(&fs::read(case.out.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest.get("bound").is_none(), "{}", manifest["bound"]);
    for file in ["binders/objectives-selection.pdf"].iter().chain(&ours) {
        assert!(!case.out.join(file).exists(), "{file} left, unlisted");
    }
    for file in theirs {
        assert!(case.out.join(file).is_file(), "{file} was removed");
    }
    assert_true_to_disk(&case.out);
}

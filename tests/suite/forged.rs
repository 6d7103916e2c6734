//! A forged or damaged `manifest.json` in the output folder (a poisoned cache): entries naming
//! files outside the folder, links or devices are ignored, so the brief is rebuilt and nothing
//! outside is read or linked from the catalog; an oversized or piped manifest is not read.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{cmd, pdf_text, sha256, stderr};
use serde_json::Value;

fn build(out: &Path, only: &str) -> (std::process::Output, Duration) {
    let started = Instant::now();
    let output = cmd()
        .args(["build", "--only", only, "--out"])
        .arg(out)
        .output()
        .unwrap();
    (output, started.elapsed())
}

fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

#[cfg(unix)]
#[test]
fn entries_pointing_outside_the_output_folder_or_at_devices_are_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (built, _) = build(&out, "MEX,GHA");
    assert!(built.status.success(), "{}", stderr(&built));
    let mut forged = manifest(&out);
    let passwd = fs::read("/etc/passwd").unwrap();
    std::os::unix::fs::symlink("/dev/zero", out.join("delegations/zero.pdf")).unwrap();
    for e in forged["briefs"].as_array_mut().unwrap() {
        let (path, sha) = match e["key"].as_str().unwrap() {
            "GHA" => ("../../../../../../etc/passwd", sha256(&passwd)),
            _ => ("delegations/zero.pdf", sha256(b"")),
        };
        e["path"] = path.into();
        e["files"] = serde_json::json!([path]);
        e["sha256"] = sha.into();
    }
    fs::write(out.join("manifest.json"), forged.to_string()).unwrap();

    // MEX rebuilt, not taken as up to date; GHA (not in this run) dropped, not read.
    let (again, took) = build(&out, "MEX");
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("1 built"), "{}", stderr(&again));
    assert!(took < Duration::from_secs(10), "{took:?}");
    let text = manifest(&out).to_string();
    assert!(
        !text.contains("passwd") && !text.contains("zero.pdf"),
        "{text}"
    );
    let catalog = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!catalog.contains("passwd") && !catalog.contains("zero.pdf"));
    assert!(pdf_text(&out.join("delegations/MEX.pdf")).contains("Mexico"));
}

#[cfg(unix)]
#[test]
fn an_oversized_or_piped_manifest_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (built, _) = build(&out, "MEX");
    assert!(built.status.success(), "{}", stderr(&built));
    let mut huge = manifest(&out);
    huge["briefs"][0]["title"] = "x".repeat(40 << 20).into();
    fs::write(out.join("manifest.json"), huge.to_string()).unwrap();
    let (again, took) = build(&out, "MEX");
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("1 built"), "{}", stderr(&again));
    assert!(took < Duration::from_secs(10), "{took:?}");

    fs::remove_file(out.join("manifest.json")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(out.join("manifest.json"))
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = cmd()
        .args(["build", "-q", "--only", "MEX", "--out"])
        .arg(&out)
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("build hung on a piped manifest");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(child.wait().unwrap().success());
}

//! `imrf-briefs watch`: an edit to one pledge rebuilds only the briefs it affects.

mod common;

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{cmd, data_with};

/// Waits until `path` exists and differs from `before`; gives up after a minute.
fn wait_for_change(path: &Path, before: Option<&[u8]>) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(bytes) = fs::read(path) {
            if before != Some(&bytes[..])
                && serde_json::from_slice::<serde_json::Value>(&bytes).is_ok()
            {
                return bytes;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{} did not change in time",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn editing_one_pledge_rebuilds_only_the_briefs_it_affects() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let mut child = cmd()
        .args([
            "watch",
            "--data",
            data.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ])
        .args(["--by", "delegation", "--by", "region", "--by", "objective"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let manifest = out.path().join("manifest.json");
    let first = wait_for_change(&manifest, None);
    let mex_before = fs::read(out.path().join("delegations/MEX.pdf")).unwrap();
    let can_before = fs::read(out.path().join("delegations/CAN.pdf")).unwrap();

    // Retitle a pledge implemented in Mexico.
    let pledges = data.path().join("pledges/imrf-2022.csv");
    let text = fs::read_to_string(&pledges).unwrap();
    let edited = text.replace(
        "Facilitating Dual Nationality, Preventing Statelessness",
        "Facilitating Dual Nationality and Preventing Statelessness",
    );
    assert_ne!(text, edited);
    fs::write(&pledges, edited).unwrap();
    let second = wait_for_change(&manifest, Some(&first));
    let _ = child.kill();
    let _ = child.wait();

    let manifest: serde_json::Value = serde_json::from_slice(&second).unwrap();
    let mut rebuilt: Vec<&str> = manifest["briefs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["status"] == "built")
        .map(|b| b["path"].as_str().unwrap())
        .collect();
    rebuilt.sort();
    assert_eq!(
        rebuilt,
        [
            "delegations/MEX.pdf",
            "regions/americas.pdf",
            "regions/central-america.pdf",
            "regions/latin-america-and-the-caribbean.pdf"
        ]
    );
    assert_ne!(
        fs::read(out.path().join("delegations/MEX.pdf")).unwrap(),
        mex_before
    );
    assert_eq!(
        fs::read(out.path().join("delegations/CAN.pdf")).unwrap(),
        can_before
    );
}

/// Waits until the text of `path` contains `needle`; gives up after a minute.
fn wait_for_text(path: &Path, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let text = fs::read_to_string(path).unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{needle:?} did not appear in {}:\n{text}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_broken_edit_is_reported_with_its_line_and_the_last_good_pdf_is_kept() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let log = out.path().join("watch.log");
    let mut child = cmd()
        .args([
            "watch",
            "--data",
            data.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--only",
            "MEX",
        ])
        .stderr(fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let manifest = out.path().join("manifest.json");
    let first = wait_for_change(&manifest, None);
    wait_for_text(&log, "watching");
    let mex = out.path().join("delegations/MEX.pdf");
    let mex_before = fs::read(&mex).unwrap();

    // A fictional pledge row with an objective that does not exist, on the file's next line.
    let pledges = data.path().join("pledges/imrf-2022.csv");
    let good = fs::read_to_string(&pledges).unwrap();
    let line = good.lines().count() + 1;
    let bad_row = "9999,Fictional pledge,Fictional Entity,State,MEX,,Individual,,24,,2022-07-07,https://example.org,Test\n";
    fs::write(&pledges, format!("{good}{bad_row}")).unwrap();
    let text = wait_for_text(&log, "nothing rebuilt");
    assert!(
        text.contains(&format!(
            "imrf-2022.csv:{line}: objectives: `24` is not a GCM objective"
        )),
        "{text}"
    );
    assert_eq!(fs::read(&mex).unwrap(), mex_before);
    assert_eq!(fs::read(&manifest).unwrap(), first);

    // Saving the good file again brings the watcher back, with nothing to rebuild.
    fs::write(&pledges, good).unwrap();
    wait_for_text(&log, "no brief changed");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(fs::read(&mex).unwrap(), mex_before);
}

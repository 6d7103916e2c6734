//! `imrf-briefs watch`: an edit to one pledge rebuilds only the briefs it affects; a broken edit is
//! reported and keeps the last good output.

use std::fs;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::support::{cmd, data_with};

/// A running `imrf-briefs watch`, its stderr in a log file; stopped when dropped, also when a
/// test fails.
struct Watch {
    child: Child,
    log: std::path::PathBuf,
}

impl Watch {
    fn start(data: &Path, out: &Path, args: &[&str]) -> Watch {
        let log = out.join("watch.log");
        let child = cmd()
            .args(["watch", "--data", data.to_str().unwrap()])
            .args(["--out", out.to_str().unwrap()])
            .args(args)
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Watch { child, log }
    }

    /// Waits until the watcher has printed `needle`; returns everything it printed.
    fn wait_for_text(&self, needle: &str) -> String {
        wait_until(&format!("{needle:?} in the watch output"), || {
            let text = fs::read_to_string(&self.log).unwrap_or_default();
            text.contains(needle).then_some(text)
        })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `probe` until it gives a value; gives up after a minute.
fn wait_until<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(Instant::now() < deadline, "no {what} within a minute");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the manifest `path` exists, parses, and differs from `before`.
fn wait_for_manifest(path: &Path, before: Option<&[u8]>) -> Vec<u8> {
    wait_until(&format!("new {}", path.display()), || {
        let bytes = fs::read(path).ok()?;
        let complete = serde_json::from_slice::<serde_json::Value>(&bytes).is_ok();
        (complete && before != Some(&bytes[..])).then_some(bytes)
    })
}

#[test]
fn editing_one_pledge_rebuilds_only_the_briefs_it_affects() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let watch = Watch::start(
        data.path(),
        out.path(),
        &["--by", "delegation", "--by", "region", "--by", "objective"],
    );
    let manifest = out.path().join("manifest.json");
    // The manifest is rewritten while files go in place: the log says when a build is done.
    watch.wait_for_text("watching");
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
    wait_until("the rebuild", || {
        let text = fs::read_to_string(&watch.log).unwrap_or_default();
        (text.matches("] rebuilt ").count() == 2).then_some(())
    });
    let second = fs::read(&manifest).unwrap();
    drop(watch);

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

#[test]
fn a_broken_edit_is_reported_with_its_line_and_the_last_good_pdf_is_kept() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let watch = Watch::start(data.path(), out.path(), &["--only", "MEX"]);
    let manifest = out.path().join("manifest.json");
    watch.wait_for_text("watching");
    let first = fs::read(&manifest).unwrap();
    let mex = out.path().join("delegations/MEX.pdf");
    let mex_before = fs::read(&mex).unwrap();

    // A fictional pledge row with an objective that does not exist, on the file's next line.
    let pledges = data.path().join("pledges/imrf-2022.csv");
    let good = fs::read_to_string(&pledges).unwrap();
    let line = good.lines().count() + 1;
    let bad_row = "9999,Fictional pledge,Fictional Entity,State,MEX,,Individual,,24,,2022-07-07,https://example.org,Test,\n";
    fs::write(&pledges, format!("{good}{bad_row}")).unwrap();
    let text = watch.wait_for_text("nothing rebuilt");
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
    watch.wait_for_text("no brief changed");
    drop(watch);
    assert_eq!(fs::read(&mex).unwrap(), mex_before);
}

/// Editor swap and backup files, hidden files and the watcher's own output are not edits: saving
/// them rebuilds nothing; a real save afterwards still does.
#[test]
fn swap_and_hidden_files_are_not_edits() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let watch = Watch::start(data.path(), out.path(), &["--only", "5"]);
    watch.wait_for_text("watching");
    let pledges = data.path().join("pledges");
    fs::write(pledges.join(".imrf-2022.csv.swp"), "swap").unwrap();
    fs::write(pledges.join("imrf-2022.csv~"), "backup").unwrap();
    fs::write(data.path().join(".hidden"), "x").unwrap();
    // Give a notified change time to be (wrongly) picked up before the real save.
    std::thread::sleep(Duration::from_millis(500));
    let objectives = data.path().join("objectives.yaml");
    let text = fs::read_to_string(&objectives).unwrap();
    fs::write(&objectives, format!("{text}\n# saved\n")).unwrap();
    let log = watch.wait_for_text("no brief changed");
    let after = &log[log.find("watching").unwrap()..];
    assert_eq!(
        after.matches("no brief changed").count() + after.matches("rebuilt").count(),
        1,
        "one rebuild, for the real save only:\n{log}"
    );
}

/// The first page's MediaBox of `pdf`, e.g. "0 0 612 792".
fn media_box(pdf: &Path) -> String {
    let bytes = fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let at = text.find("/MediaBox").expect("a MediaBox");
    let rest = &text[at..];
    rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()]
        .trim()
        .to_string()
}

/// A saved `imrf-briefs.yaml` is read again: a new paper size rebuilds the brief on it; a broken
/// file is reported with its line and the last good settings stay.
#[test]
fn editing_the_project_file_rebuilds_with_its_new_settings() {
    let data = data_with("none");
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("imrf-briefs.yaml");
    let settings = |paper: &str| {
        format!(
            "data: {}\ntemplates: {}\nout: site\npaper: {paper}\n",
            data.path().display(),
            crate::support::root().join("templates").display()
        )
    };
    fs::write(&project, settings("a4")).unwrap();
    let log = dir.path().join("watch.log");
    let child = cmd()
        .current_dir(dir.path())
        .env_remove("IMRF_BRIEFS_PROFILE")
        .args(["watch", "--only", "5"])
        .stderr(fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let watch = Watch { child, log };
    watch.wait_for_text("watching");
    let pdf = dir.path().join("site/objectives/objective-05.pdf");
    assert_ne!(media_box(&pdf), "0 0 612 792");
    let manifest = dir.path().join("site/manifest.json");
    let first = fs::read(&manifest).unwrap();

    fs::write(&project, settings("us-letter")).unwrap();
    wait_for_manifest(&manifest, Some(&first));
    let text = wait_until("the rebuild with the new settings", || {
        let text = fs::read_to_string(&watch.log).unwrap_or_default();
        (text.matches("rebuilt 1 of 1").count() == 2).then_some(text)
    });
    assert!(text.contains("imrf-briefs.yaml read again"), "{text}");
    // Letter is a variant of its own: its folder, beside the A4 file (kept).
    let letter = dir
        .path()
        .join("site/us-letter/objectives/objective-05.pdf");
    assert_eq!(
        media_box(&letter),
        "0 0 612 792",
        "US Letter from the saved file"
    );
    assert_ne!(media_box(&pdf), "0 0 612 792");

    // A broken file: reported with its line, the last good settings kept.
    fs::write(&project, format!("{}colour: blue\n", settings("a4"))).unwrap();
    let text = watch.wait_for_text("keeping the last good settings");
    assert!(text.contains("imrf-briefs.yaml:5"), "{text}");
    assert_eq!(media_box(&letter), "0 0 612 792");
    drop(watch);
}

//! The project file `imrf-briefs.yaml`: its settings apply, profiles (by `--profile` or
//! `IMRF_BRIEFS_PROFILE`) lay over them, flags win, and mistakes name file and line.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{cmd, root, stderr};

/// A working folder holding `imrf-briefs.yaml` with `extra` appended.
fn project(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "data: {}\ntemplates: {}\nout: site\npaper: us-letter\n{extra}",
        root().join("data").display(),
        root().join("templates").display()
    );
    fs::write(dir.path().join("imrf-briefs.yaml"), text).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = cmd();
    command
        .current_dir(dir)
        .env_remove("IMRF_BRIEFS_PROFILE")
        .args(args);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

/// The first page's MediaBox, e.g. "0 0 612 792".
fn media_box(pdf: &Path) -> String {
    let bytes = fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let at = text
        .find("/MediaBox [")
        .or_else(|| text.find("/MediaBox["))
        .expect("a MediaBox");
    let rest = &text[at..];
    rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()]
        .trim()
        .to_string()
}

const PROFILES: &str =
    "profiles:\n  print:\n    binder: true\n  web:\n    format: svg\n    out: web\n";

#[test]
fn settings_apply_and_flags_override_them() {
    let dir = project(PROFILES);
    let out = run_in(dir.path(), &["build", "-q", "--only", "5"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir
        .path()
        .join("site/us-letter/objectives/objective-05.pdf");
    assert_eq!(media_box(&pdf), "0 0 612 792", "US Letter from the file");
    assert!(!dir.path().join("site/binders").exists());

    let out = run_in(
        dir.path(),
        &["build", "-q", "--only", "5", "--paper", "a4", "--out", "a4"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(media_box(&dir.path().join("a4/objectives/objective-05.pdf")).starts_with("0 0 595.2"));
}

#[test]
fn profiles_come_from_the_flag_or_the_environment() {
    let dir = project(PROFILES);
    let out = run_in(
        dir.path(),
        &["build", "-q", "--only", "5"],
        &[("IMRF_BRIEFS_PROFILE", "print")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir
        .path()
        .join("site/us-letter/binders/objectives-selection.pdf")
        .exists());

    let out = run_in(
        dir.path(),
        &["--profile", "web", "build", "-q", "--only", "5"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir
        .path()
        .join("web/us-letter/objectives/objective-05-01.svg")
        .exists());
    assert!(!dir
        .path()
        .join("site/us-letter/objectives/objective-05-01.svg")
        .exists());

    let out = run_in(dir.path(), &["build", "--profile", "paper"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("profile paper:") && stderr(&out).contains("defines only print, web"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_mistake_in_the_project_file_names_file_and_line() {
    let dir = project("profiles:\n  print:\n    bindr: true\n");
    let out = run_in(dir.path(), &["build"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("imrf-briefs.yaml:7: profiles.print: unknown field `bindr`"),
        "{err}"
    );
}

/// A project folder whose `imrf-briefs.yaml` says `data: mydata`, with a copy of the bundled data
/// there (and none in `data/`).
fn project_with_own_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&root().join("data"), &dir.path().join("mydata"));
    let text = format!(
        "data: mydata\ntemplates: {}\n",
        root().join("templates").display()
    );
    fs::write(dir.path().join("imrf-briefs.yaml"), text).unwrap();
    dir
}

#[test]
fn pull_reads_the_data_folder_from_the_project_file() {
    let dir = project_with_own_data();
    crate::support::Run::new(&["pull"])
        .current_dir(dir.path())
        .stdout_has("nothing to pull: mydata/dataset.yaml names no `remote:` sources")
        .go();
}

#[test]
fn merge_reads_the_data_folder_from_the_project_file() {
    let dir = project_with_own_data();
    for shard in ["1/2", "2/2"] {
        let out = format!("shard-{}", &shard[..1]);
        crate::support::Run::new(&["build", "-q", "--by", "objective", "--shard", shard])
            .args(&["--out", &out])
            .current_dir(dir.path())
            .go();
    }
    crate::support::Run::new(&["merge", "shard-1", "shard-2", "--by", "objective"])
        .args(&["--out", "merged"])
        .current_dir(dir.path())
        .stderr_has("merged 23 briefs from 2 shards")
        .go();
    assert!(dir
        .path()
        .join("merged/objectives/objective-23.pdf")
        .is_file());
}

/// `check` in `dir`, killed after 20 s (a hang fails the test rather than stalling it).
fn check_within(dir: &Path) -> (Output, std::time::Duration) {
    use std::process::Stdio;
    let started = std::time::Instant::now();
    let mut child = cmd()
        .current_dir(dir)
        .env_remove("IMRF_BRIEFS_PROFILE")
        .arg("check")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("check hung on {}", dir.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (child.wait_with_output().unwrap(), started.elapsed())
}

#[cfg(unix)]
#[test]
fn a_piped_endless_or_alias_bombed_project_file_is_refused_quickly() {
    let file = |dir: &tempfile::TempDir| dir.path().join("imrf-briefs.yaml");
    let fifo = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(file(&fifo))
        .status()
        .unwrap();
    assert!(made.success());
    let zero = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", file(&zero)).unwrap();
    let bomb = project("");
    let mut text = format!("params:\n  big: &big \"{}\"\n", "x".repeat(60_000));
    text.push_str("profiles:\n  many:\n    params:\n");
    for i in 0..3000 {
        text.push_str(&format!("      p{i}: *big\n"));
    }
    fs::write(file(&bomb), text).unwrap();
    for (dir, says) in [
        (&fifo, "not a regular file"),
        (&zero, "refused"),
        (&bomb, "expands the document beyond the limit"),
    ] {
        let (output, took) = check_within(dir.path());
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("imrf-briefs.yaml"),
            "{}",
            stderr(&output)
        );
        assert!(stderr(&output).contains(says), "{}", stderr(&output));
        assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    }
}

#[test]
fn a_deeply_nested_project_file_is_refused_with_file_and_line() {
    let deep = format!(
        "params:\n  deep: {}1{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let dir = project(&deep);
    let out = run_in(dir.path(), &["list"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("imrf-briefs.yaml:6: params.deep"), "{err}");
    assert!(err.contains("nests more than 64 levels deep"), "{err}");
}

//! The output folder is the tool's own: one that is or holds the data, the templates or the
//! project is refused before anything is written, clean-up removes only the temporary files
//! this tool names, never another program's, and a folder in it that links elsewhere is never
//! written through.

use std::fs;
use std::path::Path;

use crate::support::{cmd, copy_tree, root, stderr};

/// A project folder of its own: data and templates copied, `imrf-briefs.yaml` as given.
fn project(yaml: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("data"), &dir.path().join("data"));
    copy_tree(&root().join("templates"), &dir.path().join("templates"));
    if let Some(yaml) = yaml {
        fs::write(dir.path().join("imrf-briefs.yaml"), yaml).unwrap();
    }
    dir
}

/// Every file below `dir`, as relative names, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                names.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    names.sort();
    names
}

#[test]
fn an_output_folder_holding_the_data_templates_or_project_is_refused() {
    let cases: [(&[&str], Option<&str>, &str); 5] = [
        (&["--out", "."], None, "holds the data folder"),
        (&["--out", "data"], None, "is the data folder"),
        (&["--out", "templates"], None, "is the templates folder"),
        (
            &["--only", "MEX"],
            Some("out: /\n"),
            "holds the data folder",
        ),
        (
            &["--out", "data/.."],
            Some("data: data\n"),
            "holds the data folder",
        ),
    ];
    for (args, yaml, says) in cases {
        let dir = project(yaml);
        let before = listing(dir.path());
        let mut command = cmd();
        command.current_dir(dir.path()).arg("build").args(args);
        let run = command.output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
        assert!(stderr(&run).contains(says), "{args:?}: {}", stderr(&run));
        assert_eq!(
            listing(dir.path()),
            before,
            "{args:?} wrote or removed files"
        );
    }
    // The project folder itself, with data and templates elsewhere.
    let dir = project(Some("paper: a4\n"));
    fs::remove_dir_all(dir.path().join("data")).unwrap();
    fs::remove_dir_all(dir.path().join("templates")).unwrap();
    let run = cmd()
        .current_dir(dir.path())
        .args(["build", "--only", "MEX", "--data"])
        .arg(root().join("data"))
        .arg("--templates")
        .arg(root().join("templates"))
        .args(["--out", "."])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("is the project folder"),
        "{}",
        stderr(&run)
    );
    assert_eq!(listing(dir.path()), ["imrf-briefs.yaml"]);
}

#[test]
fn clean_up_removes_only_this_tools_temporary_files() {
    let out = tempfile::tempdir().unwrap();
    let theirs = [
        ".draft.csv.4242.tmp",
        "delegations/.wip.typ.j2.99.tmp",
        "notes/.index.123.tmp",
    ];
    for name in theirs {
        let path = out.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "someone else's").unwrap();
    }
    let ours = out.path().join("delegations/.MEX.pdf.4242.imrf-briefs.tmp");
    fs::write(&ours, "%PDF-half").unwrap();
    let run = cmd()
        .args(["build", "-q", "--only", "MEX", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!ours.exists());
    for name in theirs {
        assert!(out.path().join(name).exists(), "{name} removed");
    }
}

#[cfg(unix)]
#[test]
fn a_linked_folder_inside_the_output_folder_is_never_written_through() {
    // out/objectives links elsewhere, and so does out/us-letter (whose folders a build makes).
    for (link, args) in [
        ("objectives", &["--only", "5"][..]),
        ("us-letter", &["--only", "5", "--paper", "us-letter"][..]),
        ("fonts", &["--only", "5", "--format", "typ"][..]),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let (out, elsewhere) = (tmp.path().join("out"), tmp.path().join("elsewhere"));
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("keep.txt"), "mine").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join(link)).unwrap();
        let run = cmd()
            .args(["build", "-q", "--force", "--out"])
            .arg(&out)
            .args(args)
            .output()
            .unwrap();
        assert!(!run.status.success(), "{link}: {}", stderr(&run));
        assert!(stderr(&run).contains("symbolic link"), "{}", stderr(&run));
        assert_eq!(listing(&elsewhere), ["keep.txt"], "{link}");
        let empty = fs::read_dir(&elsewhere).unwrap().count() == 1;
        assert!(empty, "{link}: a folder was made through the link");
    }
}

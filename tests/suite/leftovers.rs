//! Files people and their tools leave behind (Excel's lock file, Thumbs.db, desktop.ini,
//! .DS_Store, a README.md among the templates) are ignored: the data still loads and no brief's
//! key changes. `--only ""` is a usage error, not "everything".

use std::fs;

use crate::support::{cmd, copy_tree, data_with, root, stderr};

const LEFT_BEHIND: [(&str, &str); 4] = [
    ("Thumbs.db", "\u{0}\u{1}binary"),
    ("desktop.ini", "[.ShellClassInfo]\n"),
    (".DS_Store", "\u{0}\u{0}\u{0}\u{1}Bud1"),
    ("~$imrf-2022.csv", "\u{7}locked by someone\n"),
];

#[test]
fn office_and_os_files_in_the_data_are_ignored() {
    let data = data_with("none");
    for folder in ["", "pledges", "indicators"] {
        for (name, bytes) in LEFT_BEHIND {
            fs::write(data.path().join(folder).join(name), bytes).unwrap();
        }
    }
    let run = cmd()
        .arg("check")
        .arg("--data")
        .arg(data.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn office_os_and_readme_files_in_the_templates_change_no_key() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    copy_tree(&root().join("templates"), &templates);
    let out = tmp.path().join("out");
    let build = || {
        cmd()
            .args(["build", "--only", "MEX", "--templates"])
            .arg(&templates)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let first = build();
    assert!(first.status.success(), "{}", stderr(&first));
    for (name, bytes) in LEFT_BEHIND {
        fs::write(templates.join(name), bytes).unwrap();
        fs::write(templates.join("partials").join(name), bytes).unwrap();
    }
    fs::write(
        templates.join("README.md"),
        "# Notes for template authors\n",
    )
    .unwrap();
    let again = build();
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("0 built, 1 up to date"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn an_empty_only_is_a_usage_error() {
    for only in ["", ",", " "] {
        let tmp = tempfile::tempdir().unwrap();
        let run = cmd()
            .args(["build", "--only", only, "--out"])
            .arg(tmp.path().join("out"))
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{only:?}: {}", stderr(&run));
        assert!(stderr(&run).contains("--only"), "{}", stderr(&run));
        assert!(!tmp.path().join("out").exists());
    }
}

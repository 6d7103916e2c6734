//! Helpers for driving the real binary on fixture folders.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary with its working directory at the project root.
pub fn cmd() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_imrf-briefs"));
    cmd.current_dir(root()).env_remove("SOURCE_DATE_EPOCH");
    cmd
}

pub fn run(args: &[&str]) -> Output {
    cmd().args(args).output().expect("the binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// A temporary copy of the bundled data with the files of `tests/fixtures/<case>/` laid over it.
pub fn data_with(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("data"), dir.path());
    let overlay = root().join("tests/fixtures").join(case);
    if overlay.exists() {
        copy_tree(&overlay, dir.path());
    }
    dir
}

/// The text of a PDF, read with a Rust PDF parser, whitespace folded.
pub fn pdf_text(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"%PDF"),
        "{} is not a PDF",
        path.display()
    );
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("PDF text extracts");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds with the bundled data overlaid by fixture `case` into a fresh output folder; returns
/// the data folder, the output folder and the process output.
pub fn build_fixture(case: &str, args: &[&str]) -> (tempfile::TempDir, tempfile::TempDir, Output) {
    let data = data_with(case);
    let out_dir = tempfile::tempdir().unwrap();
    let output = cmd()
        .arg("build")
        .args(args)
        .args([
            "--data",
            data.path().to_str().unwrap(),
            "--out",
            out_dir.path().to_str().unwrap(),
        ])
        .output()
        .expect("the binary runs");
    (data, out_dir, output)
}

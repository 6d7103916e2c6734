//! Helpers for driving the real binary on fixture folders: a [`Run`] builder that checks status,
//! stdout and stderr together, fixture data folders, PDF text, and a deterministic [`Rng`].

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

/// The words of `text` (outside web addresses) that print a straight quote or apostrophe, which
/// the house style sets as ’ “ ” ‘.
pub fn straight_quotes(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|w| !w.contains("://") && w.contains(['\'', '"']))
        .collect()
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

/// One run of the real binary, checked as a whole: exit status, stdout and stderr together, so a
/// failure shows all three.
///
/// ```ignore
/// Run::new(&["check"]).data("broken-yaml-syntax").status(2).stderr_has("imrf-briefs.yaml:3").go();
/// ```
pub struct Run {
    command: Command,
    data: Option<tempfile::TempDir>,
    status: i32,
    stdout: Vec<String>,
    stderr: Vec<String>,
    stdout_lacks: Vec<String>,
}

/// What a [`Run`] printed, once its expectations held.
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The binary with `args`, in the project root, expected to exit 0.
    pub fn new(args: &[&str]) -> Self {
        let mut command = cmd();
        // GitHub's environment would change the default message format.
        command.env_remove("GITHUB_ACTIONS").args(args);
        Run {
            command,
            data: None,
            status: 0,
            stdout: Vec::new(),
            stderr: Vec::new(),
            stdout_lacks: Vec::new(),
        }
    }

    /// Runs on a copy of the bundled data with fixture `case` laid over it (`--data DIR`).
    pub fn data(mut self, case: &str) -> Self {
        let data = data_with(case);
        self.command.arg("--data").arg(data.path());
        self.data = Some(data);
        self
    }

    /// More arguments.
    pub fn args(mut self, args: &[&str]) -> Self {
        self.command.args(args);
        self
    }

    /// An environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    /// The working folder of the run.
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// The exit status expected (0 unless said).
    pub fn status(mut self, code: i32) -> Self {
        self.status = code;
        self
    }

    /// A text stdout must hold.
    pub fn stdout_has(mut self, text: &str) -> Self {
        self.stdout.push(text.into());
        self
    }

    /// A text stdout must not hold.
    pub fn stdout_lacks(mut self, text: &str) -> Self {
        self.stdout_lacks.push(text.into());
        self
    }

    /// A text stderr must hold.
    pub fn stderr_has(mut self, text: &str) -> Self {
        self.stderr.push(text.into());
        self
    }

    /// Runs it and checks every expectation, printing status, stdout and stderr on a failure.
    pub fn go(mut self) -> Ran {
        let output = self.command.output().expect("the binary runs");
        let (out, err) = (stdout(&output), stderr(&output));
        let report = || {
            format!(
                "status {:?}\n--- stdout\n{out}\n--- stderr\n{err}",
                output.status.code()
            )
        };
        assert_eq!(output.status.code(), Some(self.status), "{}", report());
        for text in &self.stdout {
            assert!(
                out.contains(text.as_str()),
                "stdout lacks {text:?}\n{}",
                report()
            );
        }
        for text in &self.stdout_lacks {
            assert!(
                !out.contains(text.as_str()),
                "stdout has {text:?}\n{}",
                report()
            );
        }
        for text in &self.stderr {
            assert!(
                err.contains(text.as_str()),
                "stderr lacks {text:?}\n{}",
                report()
            );
        }
        // The fixture's data folder (if any) goes with `self`.
        Ran {
            stdout: out,
            stderr: err,
        }
    }
}

/// The sha256 of `bytes` in lower-case hex, as manifests record it.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 of the file at `path`.
pub fn file_sha256(path: &Path) -> String {
    sha256(&fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// A small deterministic generator (xorshift), so failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// One of `pool`, at random.
    pub fn pick<'a>(&mut self, pool: &[&'a str]) -> &'a str {
        pool[(self.next() % pool.len() as u64) as usize]
    }
}

/// A small tmpfs mounted on a fresh folder, unmounted when dropped; `None` where mounting is not
/// permitted (not root, or no mount namespace rights), so that the test can skip.
pub struct SmallDisk {
    pub dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn new(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

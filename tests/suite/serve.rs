//! `imrf-briefs serve`: the catalog page over HTTP with the live-reload script, the reload signal
//! and the new PDF after an edit, the problem banner after a broken one (the last good PDF kept),
//! only files of the output folder served, and a clean end on SIGINT and SIGTERM. Also `--open`
//! (through `IMRF_BRIEFS_OPENER`, so nothing is launched).

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{cmd, data_with, pdf_text, root, stdout};

const TITLE: &str = "Facilitating Dual Nationality, Preventing Statelessness";
const RETITLED: &str = "Facilitating Dual Nationality and Preventing Statelessness";

/// A running `imrf-briefs serve --port 0`, its stderr in a log file; stopped when dropped.
struct Serve {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Serve {
    fn start(data: &Path, out: &Path, args: &[&str]) -> Serve {
        let log = out.with_extension("serve.log");
        let mut child = cmd()
            .args(["serve", "--port", "0", "--data", data.to_str().unwrap()])
            .args(["--out", out.to_str().unwrap()])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        // The URL comes on stdout once the first build is done.
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver.recv_timeout(Duration::from_secs(120));
        let mut serve = Serve {
            child,
            port: 0,
            log,
        };
        let line = line.unwrap_or_else(|_| panic!("no URL within 2 minutes:\n{}", serve.log()));
        let port = line
            .trim()
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("not a URL: {line:?}\n{}", serve.log()));
        serve.port = port;
        serve
    }

    fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `GET target` as given (not normalised): status, headers, body. HTTP/1.0, so that the
    /// body comes whole rather than in chunks.
    fn get(&self, target: &str) -> (u16, String, Vec<u8>) {
        self.request(&format!(
            "GET {target} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        ))
    }

    fn request(&self, text: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(90)))
            .unwrap();
        stream.write_all(text.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP response");
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status code");
        (status, head, bytes[split + 4..].to_vec())
    }

    /// The page's text, checked to be a 200.
    fn page(&self, target: &str) -> String {
        let (status, head, body) = self.get(target);
        assert_eq!(status, 200, "{target}: {head}");
        String::from_utf8(body).unwrap()
    }

    /// The live-reload state after generation `since` (waits for a build after it).
    fn state(&self, since: u64) -> serde_json::Value {
        let body = self.page(&format!("/__livereload?since={since}"));
        serde_json::from_str(&body).unwrap()
    }

    /// Long-polls until `done` holds for a state; gives up after two minutes.
    fn wait_for(&self, since: u64, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut since = since;
        loop {
            let state = self.state(since);
            if done(&state) {
                return state;
            }
            assert!(
                Instant::now() < deadline,
                "not within 2 minutes:\n{}",
                self.log()
            );
            since = state["generation"].as_u64().unwrap();
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The generation a page was served at, from its script.
fn generation(page: &str) -> u64 {
    let at = page.find("generation: ").expect("the live-reload script") + 12;
    page[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

fn changed(state: &serde_json::Value) -> Vec<&str> {
    state["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect()
}

#[test]
fn an_edit_reloads_the_page_of_its_brief_with_the_new_pdf() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("output");
    let serve = Serve::start(data.path(), &out, &["--only", "MEX", "--only", "CAN"]);
    let catalog = serve.page("/");
    assert!(catalog.contains("<script>") && catalog.contains("/__livereload"));
    assert!(catalog.contains("delegations/MEX.pdf"), "{catalog}");
    assert!(
        !catalog.contains("http://") || !catalog.contains("<script src"),
        "no external script"
    );
    let since = generation(&catalog);
    let (status, head, pdf) = serve.get("/delegations/MEX.pdf");
    assert_eq!(status, 200);
    assert!(head.contains("application/pdf"), "{head}");
    assert!(
        pdf == fs::read(out.join("delegations/MEX.pdf")).unwrap(),
        "the PDF as on disk"
    );
    assert!(pdf_text(&out.join("delegations/MEX.pdf")).contains(TITLE));
    let preview = serve.page("/__preview/delegations/MEX.pdf");
    assert!(
        preview.contains("src=\"/delegations/MEX.pdf?v="),
        "{preview}"
    );
    assert!(
        preview.contains("watched: \"delegations/MEX.pdf\""),
        "{preview}"
    );

    let pledges = data.path().join("pledges/imrf-2022.csv");
    let text = fs::read_to_string(&pledges).unwrap();
    assert!(text.contains(TITLE));
    fs::write(&pledges, text.replace(TITLE, RETITLED)).unwrap();
    let state = serve.wait_for(since, |s| changed(s).contains(&"delegations/MEX.pdf"));
    let changed = changed(&state);
    assert!(!changed.contains(&"delegations/CAN.pdf"), "{changed:?}");
    assert!(state["error"].is_null(), "{state}");
    let text = pdf_text(&out.join("delegations/MEX.pdf"));
    assert!(text.contains(RETITLED) && !text.contains(TITLE), "{text}");
    let (_, _, served) = serve.get("/delegations/MEX.pdf?v=2");
    assert!(
        served == fs::read(out.join("delegations/MEX.pdf")).unwrap(),
        "the new PDF"
    );
}

#[test]
fn a_broken_edit_shows_the_problem_in_the_page_and_keeps_the_last_good_pdf() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("output");
    let serve = Serve::start(data.path(), &out, &["--only", "MEX"]);
    let catalog = serve.page("/");
    assert!(
        catalog.contains("id=\"imrf-briefs-problem\" role=\"alert\" style=")
            && catalog.contains(" hidden>")
    );
    let since = generation(&catalog);
    let mex = out.join("delegations/MEX.pdf");
    let before = fs::read(&mex).unwrap();

    // A fictional pledge row with an objective that does not exist, on the file's next line.
    let pledges = data.path().join("pledges/imrf-2022.csv");
    let good = fs::read_to_string(&pledges).unwrap();
    let line = good.lines().count() + 1;
    let bad_row = "9999,Fictional <pledge>,Fictional Entity,State,MEX,,Individual,,24,,2022-07-07,https://example.org,Test,\n";
    fs::write(&pledges, format!("{good}{bad_row}")).unwrap();
    let expected = format!("imrf-2022.csv:{line}: objectives: `24` is not a GCM objective");
    let state = serve.wait_for(since, |s| !s["error"].is_null());
    let problem = state["error"].as_str().unwrap();
    assert!(problem.contains(&expected), "{problem}");
    let catalog = serve.page("/");
    let banner = &catalog[catalog.find("imrf-briefs-problem").unwrap()..];
    assert!(!banner[..200].contains(" hidden>"), "{banner}");
    assert!(banner.contains(&expected), "{banner}");
    assert!(fs::read(&mex).unwrap() == before, "the last good PDF");
    assert!(
        serve.get("/delegations/MEX.pdf").2 == before,
        "the last good PDF served"
    );

    // Saving the good file again clears the banner.
    fs::write(&pledges, good).unwrap();
    let since = state["generation"].as_u64().unwrap();
    serve.wait_for(since, |s| s["error"].is_null());
    assert!(serve.page("/").contains(" hidden>"));
}

#[test]
fn only_files_of_the_output_folder_are_served() {
    let data = data_with("none");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("output");
    let serve = Serve::start(data.path(), &out, &["--only", "5"]);
    let cargo_toml = root().join("Cargo.toml");
    let absolute = cargo_toml.to_str().unwrap().to_string();
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/objectives/../../Cargo.toml",
        "//etc/passwd",
        absolute.as_str(),
        "/.imrf-briefs.lock",
        "/objectives/",
        "/no-such.pdf",
    ] {
        let (status, head, body) = serve.get(target);
        assert!(status == 404 || status == 403, "{target}: {head}");
        assert!(
            !String::from_utf8_lossy(&body).contains("[package]"),
            "{target}"
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&cargo_toml, out.join("link.json")).unwrap();
        let (status, head, _) = serve.get("/link.json");
        assert_eq!(status, 403, "{head}");
    }
    let (status, head, _) = serve.get("/manifest.json");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: application/json"), "{head}");
    let (status, head, _) = serve.get("/index.html");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    // Another host name (DNS rebinding) and other methods are refused.
    let (status, ..) =
        serve.request("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 403);
    let (status, ..) = serve.request(&format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        serve.port
    ));
    assert_eq!(status, 405);
}

/// Every temporary file of `write_atomic` below `dir`.
#[cfg(target_os = "linux")]
fn temporaries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temporaries(&path));
        } else if path.to_string_lossy().ends_with(".imrf-briefs.tmp") {
            found.push(path);
        }
    }
    found
}

/// SIGINT (during a rebuild) and SIGTERM (while idle) end `serve` with exit 0, the output
/// folder's lock released and no temporary file left.
#[cfg(target_os = "linux")]
#[test]
fn sigint_and_sigterm_end_it_cleanly() {
    for (signal, during_a_build) in [(libc::SIGINT, true), (libc::SIGTERM, false)] {
        let data = data_with("none");
        let out = tempfile::tempdir().unwrap();
        let out = out.path().join("output");
        let mut serve = Serve::start(data.path(), &out, &["--by", "delegation"]);
        if during_a_build {
            let objectives = data.path().join("objectives.yaml");
            let text = fs::read_to_string(&objectives).unwrap();
            fs::write(&objectives, text.replacen("title:", "title: ", 1)).unwrap();
            std::thread::sleep(Duration::from_millis(150));
        }
        let pid = serve.child.id() as libc::pid_t;
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = serve.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "still running:\n{}", serve.log());
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(status.code(), Some(0), "signal {signal}:\n{}", serve.log());
        assert!(serve.log().contains("stopping"), "{}", serve.log());
        let lock = fs::OpenOptions::new()
            .write(true)
            .open(out.join(".imrf-briefs.lock"))
            .unwrap();
        lock.try_lock().expect("the lock is released");
        assert_eq!(temporaries(&out), Vec::<std::path::PathBuf>::new());
    }
}

/// `--open` hands the opener what was made: one brief's PDF, else the catalog page; for
/// `serve`, its URL.
#[cfg(unix)]
#[test]
fn open_names_what_was_made() {
    let out = tempfile::tempdir().unwrap();
    let open = |args: &[&str]| {
        let output = cmd()
            .args([
                "build",
                "-q",
                "--open",
                "--out",
                out.path().to_str().unwrap(),
            ])
            .args(args)
            .env("IMRF_BRIEFS_OPENER", "echo")
            .output()
            .unwrap();
        assert!(output.status.success());
        stdout(&output)
    };
    assert_eq!(
        open(&["--only", "MEX"]).trim(),
        out.path().join("delegations/MEX.pdf").to_str().unwrap()
    );
    assert_eq!(
        open(&["--only", "MEX,CAN"]).trim(),
        out.path().join("index.html").to_str().unwrap()
    );
    // A pack: its PDF.
    let dir = tempfile::tempdir().unwrap();
    let project = format!(
        "data: {}\ntemplates: {}\nout: site\npacks:\n  fictional-lunch:\n    title: \"Lunch of the Fictional Working Group\"\n    date: 2026-02-27\n    place: \"Nowhere\"\n    briefs: [5]\n",
        root().join("data").display(),
        root().join("templates").display()
    );
    fs::write(dir.path().join("imrf-briefs.yaml"), project).unwrap();
    let output = cmd()
        .current_dir(dir.path())
        .env_remove("IMRF_BRIEFS_PROFILE")
        .args(["pack", "fictional-lunch", "-q", "--open"])
        .env("IMRF_BRIEFS_OPENER", "echo")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    assert_eq!(stdout(&output).trim(), "site/packs/fictional-lunch.pdf");
    // Without --open nothing is opened.
    let output = cmd()
        .args([
            "build",
            "-q",
            "--only",
            "MEX",
            "--out",
            out.path().to_str().unwrap(),
        ])
        .env("IMRF_BRIEFS_OPENER", "echo")
        .output()
        .unwrap();
    assert_eq!(stdout(&output), "");

    let data = data_with("none");
    let served = out.path().join("served");
    let mut child = cmd()
        .args(["serve", "--port", "0", "--open", "--only", "5"])
        .args(["--data", data.path().to_str().unwrap()])
        .args(["--out", served.to_str().unwrap()])
        .env("IMRF_BRIEFS_OPENER", "echo")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    let opened = lines.next().unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(opened, url);
}

/// A port already taken is a usage error (exit 2) before anything is built.
#[test]
fn a_port_in_use_is_refused_before_building() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = tempfile::tempdir().unwrap();
    let output = cmd()
        .args(["serve", "--port", &port, "--only", "5"])
        .args(["--out", out.path().to_str().unwrap()])
        .output()
        .unwrap();
    let err = crate::support::stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
    assert!(!out.path().join("manifest.json").exists(), "nothing built");
}

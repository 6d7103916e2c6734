//! `pull` against a tiny HTTP server on 127.0.0.1 that the test starts: a changed file replaces
//! the last good copy, a 304 leaves it alone, a file that does not load or does not match its
//! pinned sha256 is refused, and a server that never answers fails in bounded time.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{cmd, stderr, stdout};

/// A fictional pledge file that loads with the bundled data.
const GOOD: &str = "id,title,entity,entity_type,country_iso3,pledge_type,nature,objectives,guiding_principles,submitted,source_url,summary
zz-pull-1,Fictional pledge fetched by the pull test,Fictional Test Coalition,Other stakeholder,,Individual,Financial,5,,2022-05-18,https://example.org/fictional/1,Fictional record for the pull tests; no real entity.
";

/// The same with a second record.
const GOOD_V2: &str = "id,title,entity,entity_type,country_iso3,pledge_type,nature,objectives,guiding_principles,submitted,source_url,summary
zz-pull-1,Fictional pledge fetched by the pull test,Fictional Test Coalition,Other stakeholder,,Individual,Financial,5,,2022-05-18,https://example.org/fictional/1,Fictional record for the pull tests; no real entity.
zz-pull-2,Second fictional pledge of a later export,Fictional Test Coalition,Other stakeholder,,Individual,Financial,7,,2022-05-18,https://example.org/fictional/2,Fictional record for the pull tests; no real entity.
";

/// Line 3 names an objective the Compact does not have.
const BROKEN: &str = "id,title,entity,entity_type,country_iso3,pledge_type,nature,objectives,guiding_principles,submitted,source_url,summary
zz-pull-1,Fictional pledge fetched by the pull test,Fictional Test Coalition,Other stakeholder,,Individual,Financial,5,,2022-05-18,https://example.org/fictional/1,Fictional record for the pull tests; no real entity.
zz-pull-2,Fictional pledge with a bad objective,Fictional Test Coalition,Other stakeholder,,Individual,Financial,99,,2022-05-18,https://example.org/fictional/2,Fictional record for the pull tests; no real entity.
";

/// One request as the server saw it: its path and headers (names lower-cased).
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Serves `requests` connections, answering each with `respond`, then stops. Returns the base
/// URL and a channel of the requests seen.
fn serve(
    requests: usize,
    respond: impl Fn(&Seen) -> Option<Vec<u8>> + Send + 'static,
) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let Some(seen) = read_request(&stream) else {
                continue;
            };
            let _ = tx.send(seen.clone());
            match respond(&seen) {
                Some(bytes) => {
                    let _ = stream.write_all(&bytes);
                }
                // Accept and never answer: hold the connection until the client gives up.
                None => thread::sleep(Duration::from_secs(8)),
            }
        }
    });
    (url, rx)
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    Some(Seen { path, headers })
}

fn ok(body: &str, etag: &str) -> Option<Vec<u8>> {
    Some(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {}\r\nETag: {etag}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

/// A copy of the bundled data whose dataset.yaml names `remote` (YAML list items).
fn data_with_remote(remote: &str) -> tempfile::TempDir {
    let data = crate::support::data_with("none");
    let manifest = data.path().join("dataset.yaml");
    let mut text = fs::read_to_string(&manifest).unwrap();
    text.push_str("remote:\n");
    text.push_str(remote);
    fs::write(&manifest, text).unwrap();
    data
}

fn pull(data: &Path, extra: &[&str]) -> std::process::Output {
    cmd()
        .args(["pull", "--data", data.to_str().unwrap()])
        .args(extra)
        .output()
        .expect("the binary runs")
}

fn both(output: &std::process::Output) -> String {
    format!("{}{}", stdout(output), stderr(output))
}

#[test]
fn changed_file_replaces_the_old_one_and_304_leaves_it_alone() {
    let (url, seen) = serve(3, |req| match req.header("if-none-match") {
        Some("\"v1\"") if req.path == "/pledges.csv" => {
            Some(b"HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n".to_vec())
        }
        _ => ok(GOOD, "\"v1\""),
    });
    let data = data_with_remote(&format!(
        "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n"
    ));
    let target = data.path().join("pledges/remote.csv");
    fs::write(&target, GOOD_V2.replace("zz-pull-2", "zz-pull-old")).unwrap();

    // First pull: the server's file differs from the local one and replaces it.
    let first = pull(data.path(), &[]);
    assert_eq!(first.status.code(), Some(0), "{}", both(&first));
    assert!(
        stdout(&first).contains("updated    pledges/remote.csv"),
        "{}",
        both(&first)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), GOOD);
    assert!(seen.recv().unwrap().header("if-none-match").is_none());
    let state = fs::read_to_string(data.path().join(".pull-state.json")).unwrap();
    assert!(state.contains("\\\"v1\\\""), "{state}");
    // The new copy is part of the dataset: check counts it.
    let check = cmd()
        .args(["check", "--data", data.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", both(&check));

    // Second pull: the ETag is sent back, the server answers 304, nothing changes.
    let modified = fs::metadata(&target).unwrap().modified().unwrap();
    let second = pull(data.path(), &[]);
    assert_eq!(second.status.code(), Some(0), "{}", both(&second));
    assert_eq!(seen.recv().unwrap().header("if-none-match"), Some("\"v1\""));
    assert!(
        stdout(&second)
            .contains("unchanged  pledges/remote.csv (not modified since the last pull)"),
        "{}",
        both(&second)
    );
    assert_eq!(fs::metadata(&target).unwrap().modified().unwrap(), modified);

    // A local edit makes the remembered ETag stale: the file is fetched whole again.
    fs::write(&target, GOOD_V2).unwrap();
    let third = pull(data.path(), &[]);
    assert_eq!(third.status.code(), Some(0), "{}", both(&third));
    assert!(seen.recv().unwrap().header("if-none-match").is_none());
    assert_eq!(fs::read_to_string(&target).unwrap(), GOOD);
}

#[test]
fn a_304_to_a_request_for_the_whole_file_is_refused() {
    let (url, seen) = serve(1, |_| {
        Some(b"HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n".to_vec())
    });
    let data = data_with_remote(&format!(
        "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n"
    ));
    let output = pull(data.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", both(&output));
    assert!(seen.recv().unwrap().header("if-none-match").is_none());
    assert!(
        stdout(&output).contains(
            "refused    pledges/remote.csv: the server answered 304 Not Modified to a request \
             for the whole file"
        ),
        "{}",
        both(&output)
    );
    assert!(
        stdout(&output).contains("nothing was written"),
        "{}",
        both(&output)
    );
    assert!(!data.path().join("pledges/remote.csv").exists());
}

#[test]
fn broken_file_does_not_replace_the_good_copy() {
    let (url, _seen) = serve(1, |_| ok(BROKEN, "\"broken\""));
    let data = data_with_remote(&format!(
        "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n"
    ));
    let target = data.path().join("pledges/remote.csv");
    fs::write(&target, GOOD).unwrap();

    let output = pull(data.path(), &[]);
    let text = both(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("refused    pledges/remote.csv: the downloaded file does not load"),
        "{text}"
    );
    let located = format!("{}:3: objectives:", target.display());
    assert!(text.contains(&located), "missing {located:?} in\n{text}");
    assert!(text.contains("the last good copy was kept"), "{text}");
    assert_eq!(fs::read_to_string(&target).unwrap(), GOOD);
    // Nothing half-written is left beside it.
    let names: Vec<_> = fs::read_dir(data.path().join("pledges"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_pledge_id_used_by_another_file_is_refused_naming_both_in_the_data_folder() {
    let (url, _seen) = serve(2, |_| ok(GOOD, "\"v1\""));
    let data = data_with_remote(&format!(
        "  - url: {url}/a.csv\n    file: pledges/export.csv\n  - url: {url}/b.csv\n    file: pledges/export2.csv\n"
    ));
    let output = pull(data.path(), &[]);
    let text = both(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let pledges = data.path().join("pledges");
    let problem = format!(
        "{}:2: id: pledge id `zz-pull-1` is also used at {}:2",
        pledges.join("export2.csv").display(),
        pledges.join("export.csv").display()
    );
    assert!(text.contains(&problem), "missing {problem:?} in\n{text}");
    assert!(!pledges.join("export2.csv").exists());
}

#[test]
fn pinned_sha256_mismatch_is_refused() {
    let (url, _seen) = serve(1, |_| ok(GOOD_V2, "\"v2\""));
    let pin = "0".repeat(64);
    let data = data_with_remote(&format!(
        "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n    sha256: \"{pin}\"\n"
    ));
    let target = data.path().join("pledges/remote.csv");
    fs::write(&target, GOOD).unwrap();

    let output = pull(data.path(), &[]);
    let text = both(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("refused    pledges/remote.csv: sha256 mismatch"),
        "{text}"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), GOOD);
}

#[test]
fn a_server_that_never_answers_fails_in_bounded_time() {
    let (url, _seen) = serve(1, |_| None);
    let data = data_with_remote(&format!(
        "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n"
    ));
    let start = Instant::now();
    let output = pull(data.path(), &["--timeout", "1"]);
    let elapsed = start.elapsed();
    let text = both(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("refused    pledges/remote.csv: no complete answer within 1 s (timed out); nothing was written"), "{text}");
    assert!(elapsed < Duration::from_secs(6), "took {elapsed:?}");
    assert!(!data.path().join("pledges/remote.csv").exists());
}

#[test]
fn bad_remote_entries_are_usage_errors_with_their_line() {
    let data =
        data_with_remote("  - url: http://example.org/pledges.csv\n    file: ../outside.csv\n");
    let output = pull(data.path(), &[]);
    let text = both(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    let manifest = data.path().join("dataset.yaml");
    let lines = fs::read_to_string(&manifest).unwrap().lines().count();
    let url_line = format!(
        "{}:{}: remote[0].url: plain http is allowed only for a loopback host",
        manifest.display(),
        lines - 1
    );
    let file_line = format!(
        "{}:{}: remote[0].file: must be a relative path inside the data folder",
        manifest.display(),
        lines
    );
    assert!(text.contains(&url_line), "missing {url_line:?} in\n{text}");
    assert!(
        text.contains(&file_line),
        "missing {file_line:?} in\n{text}"
    );
}

#[test]
fn one_file_named_twice_in_two_spellings_is_a_usage_error_and_nothing_is_fetched() {
    let (url, seen) = serve(2, |_| ok(GOOD, "\"v1\""));
    let data = data_with_remote(&format!(
        "  - url: {url}/a.csv\n    file: pledges/export.csv\n  - url: {url}/b.csv\n    file: ./pledges/export.csv\n"
    ));
    let before = fs::read_dir(data.path()).unwrap().count();
    let output = pull(data.path(), &[]);
    let text = both(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    let manifest = data.path().join("dataset.yaml");
    let lines = fs::read_to_string(&manifest).unwrap().lines().count();
    let file_line = format!(
        "{}:{lines}: remote[1].file: also the file of remote[0]",
        manifest.display()
    );
    assert!(
        text.contains(&file_line),
        "missing {file_line:?} in\n{text}"
    );
    assert!(seen.try_recv().is_err(), "a source was fetched");
    assert!(!data.path().join("pledges/export.csv").exists());
    assert_eq!(fs::read_dir(data.path()).unwrap().count(), before);
}

#[test]
fn the_same_bytes_are_reported_unchanged_and_not_rewritten() {
    let (url, _seen) = serve(1, |_| ok(GOOD, "\"same\""));
    let data = data_with_remote(&format!(
        "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n"
    ));
    let target = data.path().join("pledges/remote.csv");
    fs::write(&target, GOOD).unwrap();
    let modified = fs::metadata(&target).unwrap().modified().unwrap();
    thread::sleep(Duration::from_millis(20));

    let output = pull(data.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", both(&output));
    assert!(
        stdout(&output).contains("unchanged  pledges/remote.csv (same bytes)"),
        "{}",
        both(&output)
    );
    assert_eq!(fs::metadata(&target).unwrap().modified().unwrap(), modified);
    // The validators are remembered for the next, conditional, request.
    let state = fs::read_to_string(data.path().join(".pull-state.json")).unwrap();
    assert!(state.contains("\\\"same\\\""), "{state}");
}

#[cfg(unix)]
#[test]
fn a_killed_pulls_temporary_files_go_with_the_next_pull_or_build() {
    let (url, _seen) = serve(1, |_| ok(GOOD, "\"v1\""));
    let data = data_with_remote(&format!(
        "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n"
    ));
    // The id of a process that has ended: a killed pull's.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let orphan = |n: u32| {
        let path = data.path().join(format!(
            "pledges/.remote.csv.{n}.{}.imrf-briefs.tmp",
            gone.id()
        ));
        fs::write(&path, "id,title\nzz-half").unwrap();
        path
    };
    let left = orphan(0);
    // A pull still running (this process, as far as the names tell), and another program's.
    let running = data.path().join(format!(
        "pledges/.remote.csv.0.{}.imrf-briefs.tmp",
        std::process::id()
    ));
    let theirs = data.path().join("pledges/.draft.csv.4242.tmp");
    for path in [&running, &theirs] {
        fs::write(path, "not ours to remove").unwrap();
    }

    let output = pull(data.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", both(&output));
    assert!(!left.exists(), "the killed pull's temporary file stayed");
    assert!(running.exists() && theirs.exists());

    let left = orphan(1);
    let out = tempfile::tempdir().unwrap();
    let built = cmd()
        .args(["build", "-q", "--only", "5", "--data"])
        .arg(data.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        !left.exists(),
        "build left the killed pull's temporary file"
    );
    assert!(running.exists() && theirs.exists());
}

#[cfg(unix)]
#[test]
fn a_link_or_pipe_where_the_copy_should_be_is_replaced_not_read() {
    for (name, make) in [
        (
            "link to /dev/zero",
            Box::new(|p: &Path| std::os::unix::fs::symlink("/dev/zero", p).unwrap())
                as Box<dyn Fn(&Path)>,
        ),
        (
            "named pipe",
            Box::new(|p: &Path| {
                let made = std::process::Command::new("mkfifo").arg(p).status();
                assert!(made.is_ok_and(|s| s.success()));
            }),
        ),
    ] {
        let (url, _seen) = serve(1, |_| ok(GOOD, "\"v1\""));
        let data = data_with_remote(&format!(
            "  - url: {url}/pledges.csv\n    file: pledges/remote.csv\n"
        ));
        let target = data.path().join("pledges/remote.csv");
        make(&target);
        let started = Instant::now();
        let out = pull(data.path(), &[]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", both(&out));
        assert!(started.elapsed() < Duration::from_secs(20), "{name}");
        // The new file took the place of the link or pipe; nothing was written through it.
        assert!(fs::symlink_metadata(&target).unwrap().is_file(), "{name}");
        assert_eq!(fs::read_to_string(&target).unwrap(), GOOD, "{name}");
    }
}

/// An https server on 127.0.0.1 with the fictional test CA's certificate
/// (tests/fixtures/tls), answering every connection with `GOOD` until the test ends.
fn serve_tls() -> String {
    let tls = crate::support::root().join("tests/fixtures/tls");
    let pem = |name: &str| fs::read(tls.join(name)).unwrap();
    let cert = ureq::tls::parse_pem(&pem("server.pem"))
        .find_map(|item| match item.unwrap() {
            ureq::tls::PemItem::Certificate(cert) => Some(cert.der().to_vec()),
            _ => None,
        })
        .unwrap();
    let key = ureq::tls::parse_pem(&pem("server.key"))
        .find_map(|item| match item.unwrap() {
            ureq::tls::PemItem::PrivateKey(key) => Some(key.der().to_vec()),
            _ => None,
        })
        .unwrap();
    let config = std::sync::Arc::new(
        rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![rustls::pki_types::CertificateDer::from(cert)],
            rustls::pki_types::PrivateKeyDer::try_from(key).unwrap(),
        )
        .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "https://127.0.0.1:{}",
        listener.local_addr().unwrap().port()
    );
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let config = config.clone();
            thread::spawn(move || {
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let connection = rustls::ServerConnection::new(config).unwrap();
                let mut tls = rustls::StreamOwned::new(connection, stream);
                let mut reader = BufReader::new(&mut tls);
                // The request line and headers, up to the blank line.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                    if line == "\r\n" || line == "\n" {
                        break;
                    }
                    line.clear();
                }
                drop(reader);
                let _ = tls.write_all(&ok(GOOD, "\"tls-1\"").unwrap());
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    url
}

#[test]
fn https_sources_are_checked_against_the_system_store_or_the_cacert_bundle() {
    let url = serve_tls();
    let data = data_with_remote(&format!(
        "  - file: pledges/tls.csv\n    url: {url}/pledges.csv\n"
    ));
    // The test CA is in no system store: the certificate is refused, nothing written.
    let refused = pull(data.path(), &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", both(&refused));
    assert!(both(&refused).contains("certificate"), "{}", both(&refused));
    assert!(!data.path().join("pledges/tls.csv").exists());
    // Trusting the office's (here the test's) CA, the file arrives.
    let ca = crate::support::root().join("tests/fixtures/tls/ca.pem");
    let fetched = pull(data.path(), &["--cacert", ca.to_str().unwrap()]);
    assert!(fetched.status.success(), "{}", both(&fetched));
    assert_eq!(
        fs::read_to_string(data.path().join("pledges/tls.csv")).unwrap(),
        GOOD
    );
    // A file that is no certificate bundle is bad usage, named, before any request.
    let not_pem = crate::support::root().join("Cargo.toml");
    let bad = pull(data.path(), &["--cacert", not_pem.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2), "{}", both(&bad));
    assert!(
        stderr(&bad).contains("Cargo.toml") && stderr(&bad).contains("no certificate"),
        "{}",
        stderr(&bad)
    );
}

//! `serve`: a live preview. Builds, serves the output folder on 127.0.0.1 (the catalog page as
//! index) with `tiny_http`, rebuilds through `watch`'s loop on every saved change, and tells the
//! open pages what changed: each HTML page served carries a small script that long-polls
//! `/__livereload` and reloads when a brief it shows was rebuilt (as `mdbook serve` does), and a
//! banner with the problem when the last save did not build (the last good files stay served).
//!
//! Only regular files of the output folder are served, read as the manifest's files are (no
//! `..`, no link leading out, no hidden file such as the lock); requests must name this server
//! as their host (127.0.0.1 or localhost), so that another site cannot read it by DNS rebinding.

mod page;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response, Server};

use super::watch::{self, Rebuilt};
use crate::batch::config::Config;
use crate::error::{Error, Result};
use crate::files::{bytes_hash, read_listed, Refusal, MAX_OUTPUT_BYTES};

/// How long a long-poll waits for a build before answering "nothing yet".
const LONG_POLL: Duration = Duration::from_secs(25);
/// Long-polls waiting at once; more are answered at once (each holds a thread).
const MAX_WAITING: usize = 64;

/// Serves and rebuilds until a signal (exit 0) or an error no edit can fix.
pub fn serve(config: Config, settings: &watch::Settings, port: u16, open: bool) -> Result<()> {
    // Listen first: a port in use is a usage error before anything is built.
    let server = Server::http(("127.0.0.1", port))
        .map_err(|err| Error::Usage(format!("serve: cannot listen on 127.0.0.1:{port}: {err}")))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(port, |address| address.port());
    let server = Arc::new(server);
    let shared = Arc::new(Shared {
        live: Mutex::new(Live {
            out: config.out.clone(),
            ..Live::default()
        }),
        wake: Condvar::new(),
        port,
        waiting: AtomicUsize::new(0),
    });
    let answering = {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                answer(&shared, request);
            }
        })
    };
    let url = format!("http://127.0.0.1:{port}/");
    let result = watch::run(config, settings, |rebuilt| {
        shared.update(rebuilt);
        if rebuilt.first {
            // stdout holds the URL alone, for scripts; people read it on stderr too.
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{url}").and_then(|()| stdout.flush());
            eprintln!("serving {url} (the catalog page; briefs reload when rebuilt)");
            if open {
                super::open::open(url.as_ref());
            }
        }
    });
    shared.live.lock().expect("live").stopping = true;
    shared.wake.notify_all();
    server.unblock();
    let _ = answering.join();
    result
}

/// What the open pages are told.
#[derive(Default)]
struct Live {
    /// Counts builds; a page knows the generation it was served at.
    generation: u64,
    /// Every file of the output folder that a build changed, with the generation that last did.
    changed: BTreeMap<String, u64>,
    /// The sha256 of each brief's files (and of the catalog page) after the last build.
    hashes: BTreeMap<String, String>,
    /// The last build's problem, as the terminal showed it (without colours).
    problem: Option<String>,
    out: PathBuf,
    stopping: bool,
}

struct Shared {
    live: Mutex<Live>,
    /// Wakes the long-polls after a build, or to stop.
    wake: Condvar,
    port: u16,
    waiting: AtomicUsize,
}

impl Shared {
    /// Records a build: what it changed on disk (judged by the manifest's hashes and the catalog
    /// page's bytes) and its problem; wakes the long-polls.
    fn update(&self, rebuilt: &Rebuilt) {
        let out = &rebuilt.config.out;
        let manifest = crate::fresh::read_manifest(&out.join(crate::fresh::MANIFEST));
        let mut hashes: BTreeMap<String, String> = manifest
            .briefs
            .iter()
            .chain(&manifest.bound)
            .map(|e| (slashed(&e.path), e.sha256.clone()))
            .collect();
        if let Ok(bytes) = std::fs::read(out.join(crate::catalog::FILE)) {
            hashes.insert(crate::catalog::FILE.into(), bytes_hash([&bytes[..]]));
        }
        let mut live = self.live.lock().expect("live");
        live.generation += 1;
        let generation = live.generation;
        for (path, hash) in &hashes {
            if live.hashes.get(path) != Some(hash) {
                live.changed.insert(path.clone(), generation);
            }
        }
        live.hashes = hashes;
        live.problem = problem(rebuilt);
        live.out = out.clone();
        drop(live);
        self.wake.notify_all();
    }

    /// `since`'s answer: the generation, the files changed after `since`, the problem.
    fn state(&self, live: &Live, since: u64) -> String {
        let changed: Vec<&String> = live
            .changed
            .iter()
            .filter(|(_, &generation)| generation > since)
            .map(|(path, _)| path)
            .collect();
        serde_json::json!({
            "generation": live.generation,
            "changed": changed,
            "error": live.problem,
        })
        .to_string()
    }
}

/// The problem text of a build: the data or usage error, or each failed brief's diagnostics once
/// per distinct text; `None` when it built.
fn problem(rebuilt: &Rebuilt) -> Option<String> {
    let err = rebuilt.result.as_ref().err()?;
    if rebuilt.failures.is_empty() {
        return Some(page::strip_ansi(&err.to_string()));
    }
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (entry, report) in rebuilt.failures {
        match groups.iter_mut().find(|(text, _)| *text == report.human) {
            Some((_, keys)) => keys.push(&entry.key),
            None => groups.push((&report.human, vec![&entry.key])),
        }
    }
    let text = groups
        .iter()
        .map(|(text, keys)| {
            let more = match keys.len() {
                1 => String::new(),
                n => format!(
                    " (and the same in {} more: {})",
                    n - 1,
                    keys[1..].join(", ")
                ),
            };
            format!("{} failed{more}:\n{}", keys[0], page::strip_ansi(text))
        })
        .collect::<Vec<_>>()
        .join("\n");
    Some(text)
}

/// A path of the output folder as URLs write it.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Answers one request: a file, a preview page or a long-poll (on a thread of its own).
fn answer(shared: &Arc<Shared>, request: Request) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"GET only\n".to_vec(),
        );
    }
    if !host_allowed(&request, shared.port) {
        return respond(
            request,
            403,
            "text/plain; charset=utf-8",
            b"wrong host\n".to_vec(),
        );
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == page::LIVE_RELOAD {
        let since = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("since="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        if shared.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
            shared.waiting.fetch_sub(1, Ordering::SeqCst);
            return long_poll(shared, request, since, Duration::ZERO);
        }
        let shared = Arc::clone(shared);
        std::thread::spawn(move || {
            long_poll(&shared, request, since, LONG_POLL);
            shared.waiting.fetch_sub(1, Ordering::SeqCst);
        });
        return;
    }
    let (preview, path) = match path.strip_prefix(page::PREVIEW) {
        Some(rest) => (true, format!("/{rest}")),
        None => (false, path.to_string()),
    };
    let Some(relative) = page::resolve(&path) else {
        return not_found(request);
    };
    let (out, generation, problem) = {
        let live = shared.live.lock().expect("live");
        (live.out.clone(), live.generation, live.problem.clone())
    };
    let bytes = match read_listed(&out, &relative, MAX_OUTPUT_BYTES) {
        Ok(bytes) => bytes,
        // No catalog yet (the first build failed): a page that shows why and reloads when a
        // build succeeds.
        Err(Refusal::Unresolved(_)) if !preview && relative == Path::new(crate::catalog::FILE) => {
            let html = page::inject(page::NO_CATALOG, generation, None, problem.as_deref());
            return respond(request, 200, "text/html; charset=utf-8", html.into_bytes());
        }
        Err(Refusal::Unresolved(_)) => return not_found(request),
        Err(_) => {
            return respond(
                request,
                403,
                "text/plain; charset=utf-8",
                b"not a file of the output folder\n".to_vec(),
            )
        }
    };
    let kind = page::content_type(&relative);
    if preview {
        let html = page::preview(&slashed(&relative), generation, problem.as_deref());
        return respond(request, 200, "text/html; charset=utf-8", html.into_bytes());
    }
    if kind.starts_with("text/html") {
        let html = page::inject(
            &String::from_utf8_lossy(&bytes),
            generation,
            None,
            problem.as_deref(),
        );
        return respond(request, 200, kind, html.into_bytes());
    }
    respond(request, 200, kind, bytes);
}

/// Answers a long-poll once a build after `since` is recorded, or after `wait`, or on stop.
fn long_poll(shared: &Shared, request: Request, since: u64, wait: Duration) {
    let deadline = Instant::now() + wait;
    let mut live = shared.live.lock().expect("live");
    while live.generation <= since && !live.stopping {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        live = shared.wake.wait_timeout(live, left).expect("live").0;
    }
    let body = shared.state(&live, since);
    drop(live);
    respond(request, 200, "application/json", body.into_bytes());
}

/// Whether the request names this server as its host (or names none, as HTTP/1.0 may).
fn host_allowed(request: &Request, port: u16) -> bool {
    let Some(host) = request.headers().iter().find(|h| h.field.equiv("Host")) else {
        return true;
    };
    let host = host.value.as_str();
    [format!("127.0.0.1:{port}"), format!("localhost:{port}")]
        .iter()
        .any(|allowed| host.eq_ignore_ascii_case(allowed))
}

fn not_found(request: Request) {
    respond(
        request,
        404,
        "text/plain; charset=utf-8",
        b"not found in the output folder\n".to_vec(),
    );
}

/// Sends a response that no cache keeps (every build may change it) and no browser sniffs.
fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>) {
    let header = |name: &str, value: &str| {
        Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
    };
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    // A browser that went away is not our problem.
    let _ = request.respond(response);
}

//! `pull`: fetches the remote data files named in `dataset.yaml` into the data folder.
//!
//! Each source is asked with a conditional request (the ETag and Last-Modified of the last
//! download, remembered in `.pull-state.json`). A new version replaces the last good copy only
//! after the whole dataset loads with it in place (in a staged copy of the folder) and its pinned
//! sha256, if any, matches; the replacement is a rename in the same folder. Builds never fetch.

use std::collections::BTreeMap;
use std::fs;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::tls::{RootCerts, TlsConfig};

use crate::error::{terminal_safe, Error, Problem, Result};
use crate::files::{confine, real_root, Refusal, Want};
use crate::load::{self, LineIndex, DATASET_FILE};
use crate::model::{DatasetFile, RemoteSource};

/// The file in the data folder remembering what each source last sent (hidden: no build reads it).
pub const STATE: &str = ".pull-state.json";
/// The largest file a source may send.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
/// How long to wait for a connection, whatever the overall time limit.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A checked `pull` command line.
#[derive(Debug, Clone)]
pub struct Config {
    pub data: PathBuf,
    /// The time one source may take, from connecting to the last byte.
    pub timeout: Duration,
    /// The roots https sources are checked against: the system's certificate store (where an
    /// office's proxy certificate is installed), or those of `--cacert`.
    pub roots: RootCerts,
}

/// The largest `--cacert` file read: a bundle of every public root is about 250 KB.
const MAX_CACERT_BYTES: u64 = 4 << 20;

impl Config {
    pub fn from_args(
        args: crate::cli::PullArgs,
        project: Option<&crate::cli::project::ProjectFile>,
    ) -> Result<Self> {
        if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 86_400.0) {
            return Err(Error::Usage(format!(
                "--timeout {}: give a number of seconds over 0, at most 86400",
                args.timeout
            )));
        }
        let roots = match &args.cacert {
            Some(path) => cacert(path)?,
            None => RootCerts::PlatformVerifier,
        };
        let data = crate::cli::inputs::data(args.data.data.as_deref(), project)?;
        let Some(dir) = data.dir() else {
            return Err(Error::Usage(format!(
                "pull updates a data folder, and there is none: no data/ in {} (run `imrf-briefs init` for a copy of the bundled data, or pass --data DIR)",
                std::path::absolute(crate::cli::inputs::base(project))
                    .unwrap_or_default()
                    .display()
            )));
        };
        Ok(Config {
            data: dir.to_path_buf(),
            timeout: Duration::from_secs_f64(args.timeout),
            roots,
        })
    }
}

/// The certificates of a PEM file, read as data files are (a regular file of bounded size).
fn cacert(path: &Path) -> Result<RootCerts> {
    let problem =
        |message: String| Error::Data(vec![Problem::new(path, None, "--cacert", message)]);
    // A link is fine (system bundles are links); what it names must be a regular file.
    let meta = fs::metadata(path).map_err(|err| problem(err.to_string()))?;
    if !meta.is_file() {
        return Err(problem(format!("refused: {}", Refusal::NotRegular)));
    }
    if meta.len() > MAX_CACERT_BYTES {
        return Err(problem(format!(
            "refused: {}",
            Refusal::TooLarge {
                bytes: meta.len(),
                limit: MAX_CACERT_BYTES
            }
        )));
    }
    let mut pem = Vec::new();
    let file = fs::File::open(path).map_err(|err| problem(err.to_string()))?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_CACERT_BYTES), &mut pem)
        .map_err(|err| problem(err.to_string()))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(err) => return Err(problem(format!("not a PEM certificate file: {err}"))),
        }
    }
    if certs.is_empty() {
        return Err(problem(
            "holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    Ok(RootCerts::new_with_certs(&certs))
}

/// What `pull` remembers about one file between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
struct Remembered {
    url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
    /// The sha256 of the copy these validators describe; a copy edited since is fetched whole.
    sha256: String,
}

/// What happened to one source.
enum Outcome {
    Updated { bytes: usize, sha256: String },
    Unchanged(&'static str),
    Refused(String),
}

/// Fetches every remote source; fails with exit 1 if any was refused (its last good copy kept).
pub fn pull(config: &Config) -> Result<()> {
    let root = &config.data;
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "{}: no such data folder",
            terminal_safe(&root.display().to_string())
        )));
    }
    // The temporary files of a killed pull (never of one still running) go.
    crate::files::remove_orphaned_temporary_files(root);
    let sources = sources(root)?;
    if sources.is_empty() {
        say(&format!(
            "nothing to pull: {} names no `remote:` sources",
            terminal_safe(&root.join(DATASET_FILE).display().to_string())
        ));
        return Ok(());
    }
    let state_path = root.join(STATE);
    let mut state: BTreeMap<String, Remembered> = fs::read(&state_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();

    // Candidates are validated in a copy of the folder that always holds the last good files.
    let staging = tempfile::tempdir().map_err(|err| Error::io(&std::env::temp_dir(), err))?;
    copy_tree(root, staging.path())?;

    let mut refused = 0;
    for source in &sources {
        let key = state_key(&source.file);
        let kept = if root.join(&source.file).is_file() {
            "the last good copy was kept"
        } else {
            "nothing was written"
        };
        let outcome = pull_one(config, source, &key, staging.path(), &mut state);
        let name = terminal_safe(&key);
        match outcome {
            Outcome::Updated { bytes, sha256 } => {
                say(&format!(
                    "updated    {name} ({bytes} bytes, sha256 {})",
                    &sha256[..12]
                ));
            }
            Outcome::Unchanged(why) => say(&format!("unchanged  {name} ({why})")),
            Outcome::Refused(reason) => {
                refused += 1;
                // The first line says why; problem lines of a file that does not load follow.
                let (why, details) = reason.split_once('\n').unwrap_or((&reason, ""));
                say(&format!("refused    {name}: {why}; {kept}"));
                if !details.is_empty() {
                    say(details);
                }
                crate::diag::refused(&root.join(&source.file), &format!("{why}; {kept}"));
            }
        }
    }
    // Forget the validators of files no longer named, so a source added back is fetched whole.
    state.retain(|key, _| sources.iter().any(|s| state_key(&s.file) == *key));
    crate::files::write_durable(
        &state_path,
        &serde_json::to_vec_pretty(&state).expect("state serializes"),
    )?;
    if refused > 0 {
        return Err(Error::Incomplete(format!(
            "{refused} of {} remote source{} refused; their last good copies were kept",
            sources.len(),
            if sources.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// Fetches, checks and installs one source.
fn pull_one(
    config: &Config,
    source: &RemoteSource,
    key: &str,
    staging: &Path,
    state: &mut BTreeMap<String, Remembered>,
) -> Outcome {
    let dest = config.data.join(&source.file);
    // The current copy is read only if the loader would read it: a link out of the data folder,
    // a device or a pipe in its place is no copy (and is replaced by the new file, not written
    // through).
    let want = Want::File {
        max_bytes: crate::load::limits::MAX_FILE_BYTES,
    };
    let current = confine(&real_root(&config.data), &dest, want)
        .ok()
        .and_then(|real| fs::read(real).ok());
    let current_hash = current
        .as_deref()
        .map(|bytes| crate::files::bytes_hash([bytes]));
    // Validators are sent only if they describe the copy on disk, from the same URL.
    let known = state
        .get(key)
        .filter(|r| r.url == source.url && Some(&r.sha256) == current_hash.as_ref());
    let fetched = match fetch(&source.url, known, config.timeout, &config.roots) {
        Ok(fetched) => fetched,
        Err(reason) => return Outcome::Refused(reason),
    };
    let Some(body) = fetched.body else {
        // 304 answers a conditional request only: asked for the whole file, it sends nothing.
        let conditional = known.is_some_and(|k| k.etag.is_some() || k.last_modified.is_some());
        if !conditional {
            return Outcome::Refused(
                "the server answered 304 Not Modified to a request for the whole file (no \
                 ETag or date of an earlier download was sent): no file was sent"
                    .into(),
            );
        }
        return Outcome::Unchanged("not modified since the last pull");
    };
    let hash = crate::files::bytes_hash([body.as_slice()]);
    if let Some(pinned) = &source.sha256 {
        if !pinned.eq_ignore_ascii_case(&hash) {
            return Outcome::Refused(format!(
                "sha256 mismatch: got {hash}, {DATASET_FILE} pins {}",
                terminal_safe(pinned)
            ));
        }
    }
    let remember = Remembered {
        url: source.url.clone(),
        etag: fetched.etag,
        last_modified: fetched.last_modified,
        sha256: hash.clone(),
    };
    if current_hash.as_deref() == Some(hash.as_str()) {
        state.insert(key.to_string(), remember);
        return Outcome::Unchanged("same bytes");
    }
    if let Err(reason) = validate(
        &config.data,
        staging,
        &source.file,
        current.as_deref(),
        &body,
    ) {
        return Outcome::Refused(reason);
    }
    if let Err(err) = install(&config.data, &dest, &body) {
        // Keep the staged copy equal to the folder for the sources after this one.
        restore(&staging.join(&source.file), current.as_deref());
        return Outcome::Refused(err.to_string());
    }
    state.insert(key.to_string(), remember);
    Outcome::Updated {
        bytes: body.len(),
        sha256: hash,
    }
}

/// The answer to one request: `None` body for 304 Not Modified.
struct Fetched {
    body: Option<Vec<u8>>,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// One conditional GET, bounded in size and time. The error is a sentence for the report.
fn fetch(
    url: &str,
    known: Option<&Remembered>,
    timeout: Duration,
    roots: &RootCerts,
) -> Result<Fetched, String> {
    let https = url_scheme(url)? == "https";
    let tls = TlsConfig::builder().root_certs(roots.clone()).build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        // Redirects of an https source must stay https; a loopback http source never redirects.
        .https_only(https)
        .max_redirects(if https { 5 } else { 0 })
        .http_status_as_error(false)
        .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
        .timeout_global(Some(timeout))
        .user_agent(concat!("imrf-briefs/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(known) = known {
        if let Some(etag) = &known.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &known.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let secs = timeout.as_secs_f64();
    let describe = |err: ureq::Error| match err {
        ureq::Error::Timeout(_) => format!("no complete answer within {secs} s (timed out)"),
        ureq::Error::BodyExceedsLimit(_) => {
            format!(
                "the file is larger than the {} MB limit",
                MAX_BYTES / 1_000_000
            )
        }
        other => format!("download failed: {other}"),
    };
    let response = request.call().map_err(describe)?;
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    if status.as_u16() == 304 {
        return Ok(Fetched {
            body: None,
            etag: etag.or_else(|| known.and_then(|k| k.etag.clone())),
            last_modified: last_modified.or_else(|| known.and_then(|k| k.last_modified.clone())),
        });
    }
    if !status.is_success() {
        return Err(format!("the server answered HTTP {status}"));
    }
    let body = response
        .into_body()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(describe)?;
    Ok(Fetched {
        body: Some(body),
        etag,
        last_modified,
    })
}

/// The scheme of an allowed URL: `https`, or `http` for a loopback host.
fn url_scheme(url: &str) -> Result<&'static str, String> {
    let uri: ureq::http::Uri = url.parse().map_err(|err| format!("not a URL: {err}"))?;
    let host = uri.host().unwrap_or_default();
    match uri.scheme_str() {
        Some("https") if !host.is_empty() => Ok("https"),
        Some("http") if is_loopback(host) => Ok("http"),
        Some("http") => Err("plain http is allowed only for a loopback host; use https".into()),
        _ => Err("not an https URL".into()),
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Loads the staged dataset with `body` as `file`; on problems, puts the old copy back and
/// returns them, located in the data folder's terms.
fn validate(
    root: &Path,
    staging: &Path,
    file: &Path,
    old: Option<&[u8]>,
    body: &[u8],
) -> Result<(), String> {
    let staged = staging.join(file);
    let write = || -> std::io::Result<()> {
        if let Some(parent) = staged.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&staged, body)
    };
    if let Err(err) = write() {
        restore(&staged, old);
        return Err(format!("{}: {err}", staged.display()));
    }
    let problems = match load::load(staging) {
        Ok(_) => return Ok(()),
        Err(Error::Data(problems)) => problems,
        Err(other) => vec![Problem::new(&staged, None, "", other.to_string())],
    };
    restore(&staged, old);
    // Every path in the problems (their files, and other places their messages name, such as a
    // duplicate id's first use) in the data folder's terms, never the staged copy's.
    let staged_as = [staging.to_path_buf(), real_root(staging)];
    let shown: Vec<String> = problems
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if let Ok(rel) = p.file.strip_prefix(staging) {
                p.file = root.join(rel);
            }
            for staged in &staged_as {
                let staged = staged.display().to_string();
                p.message = p.message.replace(&staged, &root.display().to_string());
            }
            format!("\n    {p}")
        })
        .collect();
    Err(format!(
        "the downloaded file does not load ({} problem{}){}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        shown.concat()
    ))
}

/// Puts the last good copy (or nothing) back at `path` in the staged folder.
fn restore(path: &Path, old: Option<&[u8]>) {
    let _ = match old {
        Some(bytes) => fs::write(path, bytes),
        None => fs::remove_file(path),
    };
}

/// Writes `body` to `dest` by a rename in its folder, which must resolve inside `root`.
fn install(root: &Path, dest: &Path, body: &[u8]) -> Result<()> {
    let parent = dest.parent().unwrap_or(root);
    fs::create_dir_all(parent).map_err(|err| Error::io(parent, err))?;
    match confine(&real_root(root), parent, Want::Folder) {
        Ok(_) => {}
        Err(Refusal::Unresolved(err)) => return Err(Error::io(parent, err)),
        Err(_) => {
            return Err(Error::Usage(format!(
                "{}: resolves outside the data folder",
                terminal_safe(&parent.display().to_string())
            )))
        }
    }
    crate::files::write_durable(dest, body)
}

/// The `remote:` list of the data folder's manifest, each entry checked (exit 2 on a bad one).
fn sources(root: &Path) -> Result<Vec<RemoteSource>> {
    let path = root.join(DATASET_FILE);
    let text = fs::read_to_string(&path).map_err(|err| Error::io(&path, err))?;
    let manifest: DatasetFile = serde_yaml::from_str(&text).map_err(|err| {
        let line = err.location().map(|l| l.line());
        Error::Data(vec![Problem::new(&path, line, "", err.to_string())])
    })?;
    let lines = LineIndex::new(text);
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    // `./pledges/export.csv` is `pledges/export.csv`: one spelling for the duplicate check, the
    // state file and the report.
    let mut remote = manifest.remote;
    for source in &mut remote {
        source.file = source
            .file
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect();
    }
    for (i, source) in remote.iter().enumerate() {
        let mut problem = |field: &str, message: String| {
            let field = format!("remote[{i}].{field}");
            problems.push(Problem::new(&path, lines.line(&field), field, message));
        };
        if let Err(reason) = url_scheme(&source.url) {
            problem("url", reason);
        }
        if let Err(reason) = check_file(&source.file) {
            problem("file", reason);
        } else if let Some(first) = seen.insert(source.file.clone(), i) {
            problem("file", format!("also the file of remote[{first}]"));
        }
        if let Some(pin) = &source.sha256 {
            if pin.len() != 64 || !pin.bytes().all(|b| b.is_ascii_hexdigit()) {
                problem("sha256", "expected 64 hexadecimal digits".into());
            }
        }
    }
    if problems.is_empty() {
        Ok(remote)
    } else {
        Err(Error::Data(problems))
    }
}

/// A remote source's `file`: a plain relative path inside the data folder, not hidden, not the
/// manifest itself.
fn check_file(file: &Path) -> Result<(), String> {
    let mut parts = 0;
    for component in file.components() {
        match component {
            Component::Normal(name) if !name.to_string_lossy().starts_with('.') => parts += 1,
            Component::Normal(_) => return Err("a hidden file is never read by a build".into()),
            Component::CurDir => {}
            _ => {
                return Err(
                    "must be a relative path inside the data folder (no `..`, no absolute path)"
                        .into(),
                )
            }
        }
    }
    if parts == 0 {
        return Err("names no file".into());
    }
    if file == Path::new(DATASET_FILE) {
        return Err(format!("{DATASET_FILE} itself cannot be pulled"));
    }
    Ok(())
}

/// Copies the regular files and folders of `from` (hidden ones skipped) into `to`.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(|err| Error::io(to, err))?;
    for entry in fs::read_dir(from).map_err(|err| Error::io(from, err))? {
        let entry = entry.map_err(|err| Error::io(from, err))?;
        if crate::files::is_ignored(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().map_err(|err| Error::io(&path, err))?;
        if kind.is_dir() {
            copy_tree(&path, &target)?;
        } else if kind.is_file() {
            fs::copy(&path, &target).map_err(|err| Error::io(&path, err))?;
        }
    }
    Ok(())
}

/// How a source's file is named in the state file (and the report).
fn state_key(file: &Path) -> String {
    file.to_string_lossy().replace('\\', "/")
}

/// A line of the pull's report: on stdout, or on stderr when stdout carries machine output.
fn say(line: &str) {
    let _ = crate::diag::summary(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http() {
        assert_eq!(url_scheme("https://example.org/p.csv"), Ok("https"));
        assert_eq!(url_scheme("http://127.0.0.1:8080/p.csv"), Ok("http"));
        assert_eq!(url_scheme("http://[::1]:8080/p.csv"), Ok("http"));
        assert_eq!(url_scheme("http://localhost/p.csv"), Ok("http"));
        assert!(url_scheme("http://example.org/p.csv").is_err());
        assert!(url_scheme("ftp://example.org/p.csv").is_err());
        assert!(url_scheme("file:///etc/passwd").is_err());
    }

    #[test]
    fn files_stay_inside_the_data_folder() {
        assert!(check_file(Path::new("pledges/export.csv")).is_ok());
        assert!(check_file(Path::new("./indicators/stock.csv")).is_ok());
        assert!(check_file(Path::new("../outside.csv")).is_err());
        assert!(check_file(Path::new("pledges/../../x.csv")).is_err());
        assert!(check_file(Path::new("/etc/passwd")).is_err());
        assert!(check_file(Path::new("pledges/.hidden.csv")).is_err());
        assert!(check_file(Path::new("dataset.yaml")).is_err());
        assert!(check_file(Path::new("")).is_err());
    }
}

//! Briefs compiled in worker processes (`build --memory-limit MB`). Each worker is this same
//! executable (`imrf-briefs compile-worker`), with its allocations capped: a brief that would
//! exhaust memory stops its worker, not the build, and a brief past its time limit has its worker
//! killed rather than left running. Workers are reused from brief to brief, so fonts are loaded
//! once per worker and typst's caches stay warm.
//!
//! The parent renders each brief's source and sends it as one JSON line; the worker compiles and
//! exports it and answers with one JSON line (pages, warnings, file names and sizes, or the
//! diagnostics) followed by the files' bytes.
//!
//! A worker dies with its build: on Linux the kernel kills it when the build does
//! (`PR_SET_PDEATHSIG`), and everywhere it exits as soon as its stdin closes, which happens when
//! the build ends in any way, also in the middle of a brief.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use super::timeout::{single_thread_pool, too_long, Failure};
use crate::compile::world::{font_store, Engine, FontOptions};
use crate::compile::{compile_and_export, Export, Exported, Request};
use crate::defaults::Templates;
use crate::error::{Error, Report, Result};
use crate::export::{ExportOptions, Format, PdfStandard};

/// The first argument that makes this executable a compile worker (see [`serve`]); not a
/// subcommand of the command line, so help, completions and the man page do not offer it.
pub const WORKER_ARG: &str = "compile-worker";

/// What a worker needs to compile like the parent would, given as its one argument (JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerConfig {
    /// The templates folder laid over the embedded templates, if any.
    pub templates: Option<PathBuf>,
    pub system_fonts: bool,
    /// `--font-path` folders.
    #[serde(default)]
    pub font_paths: Vec<PathBuf>,
    /// `Format::name()`.
    pub format: String,
    /// The `--pdf-standard` value, if any.
    pub standard: Option<String>,
    /// The document date, YYYY-MM-DD.
    pub date: String,
    pub creator: String,
    pub memory_limit_mb: u64,
    pub color: bool,
    /// The build's process id: a worker whose parent is already another process exits at once.
    pub parent: u32,
}

/// The answer's first line; the files' bytes follow it, in order.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    pages: usize,
    warnings: Report,
    files: Vec<(PathBuf, usize)>,
    error: Option<Report>,
    /// Seconds spent compiling and exporting, for `--timings`.
    compile_time: f64,
    export_time: f64,
    /// The rendered source, the answer to a [`Task::Render`].
    #[serde(default)]
    source: Option<String>,
}

/// What the build asks of a worker, one JSON line each.
#[derive(Debug, Serialize, Deserialize)]
enum Task {
    /// Render `template` with `context` (the JSON of the brief's context): a template that
    /// builds a huge string then fails under the memory cap, not in the build process.
    Render {
        template: String,
        context: String,
    },
    Compile(Request),
    /// Compile and export a binder or pack: its source, the briefs' sources beside it.
    Bind(BindRequest),
}

/// A binder or pack to compile and export, as `name` (`binders/objectives`): its `source`, the
/// briefs' sources beside it (`parts`, path and text).
#[derive(Debug, Serialize, Deserialize)]
pub struct BindRequest {
    pub name: String,
    pub source: String,
    pub parts: Vec<(String, String)>,
    /// Only the binding's frame (see `frame-mode` in templates/lib/page.typ).
    #[serde(default)]
    pub frame: bool,
}

/// A worker's answer: the header and the files' bytes.
type Answer = (Header, Vec<(PathBuf, Vec<u8>)>);

impl WorkerConfig {
    pub fn new(config: &super::config::Config, options: &ExportOptions, date: &str) -> Self {
        let standard = options
            .standard
            .and_then(|s| s.to_possible_value())
            .map(|v| v.get_name().to_string());
        WorkerConfig {
            templates: config.templates.dir().map(Path::to_path_buf),
            system_fonts: config.system_fonts,
            font_paths: config.font_paths.clone(),
            format: options.format.name().into(),
            standard,
            date: date.into(),
            creator: options.creator.clone(),
            memory_limit_mb: config.memory_limit.unwrap_or(0),
            color: crate::diag::color(),
            parent: std::process::id(),
        }
    }
}

/// The worker's side: caps this process's memory, then compiles the requests read from stdin
/// until it closes.
pub fn serve(config: &str) -> Result<()> {
    let config: WorkerConfig = serde_json::from_str(config)
        .map_err(|err| Error::Usage(format!("compile-worker: bad configuration: {err}")))?;
    die_with_parent(config.parent);
    let requests = requests_until_stdin_closes();
    if config.memory_limit_mb > 0 {
        super::alloc::set_limit((config.memory_limit_mb as usize).saturating_mul(1 << 20));
    }
    let bad = |what: &str| Error::Usage(format!("compile-worker: bad {what}"));
    let today = crate::dates::parse_date(&config.date).ok_or_else(|| bad("date"))?;
    let options = ExportOptions {
        format: Format::from_str(&config.format, false).map_err(|_| bad("format"))?,
        standard: match &config.standard {
            Some(s) => Some(PdfStandard::from_str(s, false).map_err(|_| bad("standard"))?),
            None => None,
        },
        date: today,
        creator: config.creator.clone(),
    };
    let fonts = FontOptions {
        dirs: config
            .templates
            .iter()
            .map(|d| d.join("fonts"))
            .chain(config.font_paths.iter().cloned())
            .collect(),
        system: config.system_fonts,
    };
    let templates = match &config.templates {
        Some(dir) => Templates::folder(dir),
        None => Templates::embedded(),
    };
    let engine = Engine::new(&templates, font_store(&fonts), today);
    let renderer = crate::render::Renderer::new(&templates);
    // typst's layout recurses deeply on long tables: compile on a thread with a large stack, the
    // one thread of its rayon pool (see `single_thread_pool`).
    let pool = single_thread_pool()
        .map_err(|err| Error::Usage(format!("compile-worker: cannot start a thread: {err}")))?;
    pool.install(move || -> io::Result<()> {
        let mut out = io::stdout().lock();
        for line in requests {
            let task: Task = serde_json::from_str(&line)
                .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
            match task {
                Task::Compile(request) => {
                    let exported = compile_and_export(&engine, &options, request, config.color);
                    answer(&mut out, exported)?;
                }
                Task::Bind(request) => {
                    let exported = super::bind::compile_binding(&engine, &options, request);
                    answer(&mut out, exported)?;
                }
                Task::Render { template, context } => {
                    let context: minijinja::Value = serde_json::from_str(&context)
                        .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
                    let rendered = renderer.render(&template, &context);
                    answer_render(&mut out, rendered.map_err(Report::from))?;
                }
            }
        }
        Ok(())
    })
    .map_err(|err| Error::Usage(format!("compile-worker: {err}")))
}

/// Ties this worker's life to the build's `parent`: on Linux the kernel sends SIGKILL when the
/// thread that started the worker ends (the pool's spawner thread, which lives as long as the
/// build). A parent that died before this call is noticed by its id.
fn die_with_parent(parent: u32) {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_PDEATHSIG takes a signal number and changes nothing but this process.
    unsafe {
        libc::prctl(
            libc::PR_SET_PDEATHSIG,
            libc::SIGKILL as libc::c_ulong,
            0,
            0,
            0,
        );
    }
    #[cfg(unix)]
    if std::os::unix::process::parent_id() != parent {
        std::process::exit(1);
    }
    #[cfg(not(unix))]
    let _ = parent;
}

/// The requests read from stdin by a thread of their own, which ends this process when stdin
/// closes: the build has ended (or died), even while a brief is being compiled.
fn requests_until_stdin_closes() -> mpsc::Receiver<String> {
    let (send, requests) = mpsc::channel();
    std::thread::spawn(move || {
        for line in io::stdin().lock().lines().map_while(io::Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
        std::process::exit(0);
    });
    requests
}

fn answer(out: &mut impl Write, exported: Exported) -> io::Result<()> {
    let (header, files) = match exported {
        Ok(Export {
            pages,
            files,
            warnings,
            compile_time,
            export_time,
        }) => {
            let sizes = files.iter().map(|(p, b)| (p.clone(), b.len())).collect();
            let header = Header {
                pages,
                warnings,
                files: sizes,
                error: None,
                compile_time: compile_time.as_secs_f64(),
                export_time: export_time.as_secs_f64(),
                source: None,
            };
            (header, files)
        }
        Err(error) => {
            let header = Header {
                pages: 0,
                warnings: Report::default(),
                files: Vec::new(),
                error: Some(error),
                compile_time: 0.0,
                export_time: 0.0,
                source: None,
            };
            (header, Vec::new())
        }
    };
    write_answer(out, &header, &files)
}

fn answer_render(
    out: &mut impl Write,
    rendered: std::result::Result<String, Report>,
) -> io::Result<()> {
    let (source, error) = match rendered {
        Ok(source) => (Some(source), None),
        Err(error) => (None, Some(error)),
    };
    let header = Header {
        pages: 0,
        warnings: Report::default(),
        files: Vec::new(),
        error,
        compile_time: 0.0,
        export_time: 0.0,
        source,
    };
    write_answer(out, &header, &[])
}

fn write_answer(
    out: &mut impl Write,
    header: &Header,
    files: &[(PathBuf, Vec<u8>)],
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, header)?;
    out.write_all(b"\n")?;
    for (_, bytes) in files {
        out.write_all(bytes)?;
    }
    out.flush()
}

/// Reads one answer; `None` at the end of the stream (the worker is gone).
fn read_answer(from: &mut impl BufRead) -> Option<Answer> {
    let mut line = String::new();
    if from.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let header: Header = serde_json::from_str(&line).ok()?;
    let mut files = Vec::new();
    for (path, size) in &header.files {
        let mut bytes = vec![0; *size];
        from.read_exact(&mut bytes).ok()?;
        files.push((path.clone(), bytes));
    }
    Some((header, files))
}

/// A compile's answer as the build uses it.
fn exported((header, files): Answer) -> Exported {
    if let Some(error) = header.error {
        return Err(error);
    }
    Ok(Export {
        pages: header.pages,
        files,
        warnings: header.warnings,
        compile_time: Duration::from_secs_f64(header.compile_time),
        export_time: Duration::from_secs_f64(header.export_time),
    })
}

/// The workers of one build: started when first needed, reused while they live.
pub struct Pool {
    config: String,
    memory_limit_mb: u64,
    /// The workers only render templates, for a build without `--memory-limit` (see
    /// `job::RenderPool`).
    renders_only: bool,
    idle: Mutex<Vec<Worker>>,
    /// Asks the spawner thread for a new worker process; `None` if that thread could not start.
    spawner: Option<Mutex<mpsc::Sender<Spawned>>>,
}

/// Where the spawner thread sends a started worker.
type Spawned = mpsc::Sender<io::Result<Child>>;

struct Worker {
    child: Child,
    stdin: ChildStdin,
    answers: mpsc::Receiver<Option<Answer>>,
    /// Collects what the worker prints on stderr (the last 4 KB), to say why it died.
    stderr: Option<JoinHandle<Vec<u8>>>,
}

impl Pool {
    pub fn new(worker: &WorkerConfig) -> Self {
        let config = serde_json::to_string(worker).expect("worker configurations serialize");
        // Workers are started from one thread that lives as long as the pool, since on Linux a
        // worker dies with the thread that started it, and brief threads end before the pool.
        let (requests, asked) = mpsc::channel::<Spawned>();
        let spawner = {
            let config = config.clone();
            std::thread::Builder::new().spawn(move || {
                for reply in asked {
                    let _ = reply.send(spawn(&config));
                }
            })
        };
        Pool {
            config,
            memory_limit_mb: worker.memory_limit_mb,
            renders_only: false,
            idle: Mutex::default(),
            spawner: spawner.ok().map(|_| Mutex::new(requests)),
        }
    }

    /// The pool of workers that only render, whose errors say so.
    pub fn for_renders(mut self) -> Self {
        self.renders_only = true;
        self
    }

    fn start(&self) -> std::result::Result<Worker, Failure> {
        let cause =
            |err: io::Error| Failure::Cause(format!("cannot start a compile worker: {err}"));
        let spawned = match &self.spawner {
            Some(requests) => {
                let (reply, child) = mpsc::channel();
                let asked = requests.lock().expect("spawner").send(reply).is_ok();
                let gone = || io::Error::other("the thread that starts workers has ended");
                if asked {
                    child.recv().unwrap_or_else(|_| Err(gone()))
                } else {
                    Err(gone())
                }
            }
            None => spawn(&self.config),
        };
        let mut child = spawned.map_err(cause)?;
        let stdin = child.stdin.take().expect("piped");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let mut errors = child.stderr.take().expect("piped");
        let (send, answers) = mpsc::channel();
        // A reader that cannot start leaves the worker without stdin: it ends.
        let thread = || std::thread::Builder::new().name("worker-io".into());
        thread()
            .spawn(move || loop {
                let answer = read_answer(&mut stdout);
                let gone = answer.is_none();
                if send.send(answer).is_err() || gone {
                    break;
                }
            })
            .map_err(cause)?;
        let stderr = thread()
            .spawn(move || {
                let mut kept = Vec::new();
                let mut buffer = [0; 4096];
                while let Ok(n @ 1..) = errors.read(&mut buffer) {
                    kept.extend_from_slice(&buffer[..n]);
                    let excess = kept.len().saturating_sub(4096);
                    kept.drain(..excess);
                }
                kept
            })
            .map_err(cause)?;
        Ok(Worker {
            child,
            stdin,
            answers,
            stderr: Some(stderr),
        })
    }

    /// Compiles `request` in a worker, waiting until `deadline`. A worker that dies (memory
    /// limit, crash) or runs past the deadline (killed) fails this brief alone.
    pub fn compile(
        &self,
        request: &Request,
        deadline: Instant,
        limit: Duration,
    ) -> std::result::Result<Exported, Failure> {
        let task = Task::Compile(request.clone());
        self.ask("brief", &task, deadline, limit).map(exported)
    }

    /// Compiles and exports a binder or pack (`what`) in a worker (see
    /// [`super::bind::compile_binding`]).
    pub fn bind(
        &self,
        what: &str,
        request: BindRequest,
        deadline: Instant,
        limit: Duration,
    ) -> std::result::Result<Exported, Failure> {
        let task = Task::Bind(request);
        self.ask(what, &task, deadline, limit).map(exported)
    }

    /// Renders `template` with `context` in a worker, under its memory cap and `deadline`.
    pub fn render(
        &self,
        template: &str,
        context: &impl Serialize,
        deadline: Instant,
        limit: Duration,
    ) -> std::result::Result<std::result::Result<String, Report>, Failure> {
        let task = Task::Render {
            template: template.into(),
            context: serde_json::to_string(context).expect("contexts serialize"),
        };
        let (header, _) = self.ask("brief", &task, deadline, limit)?;
        Ok(match (header.error, header.source) {
            (Some(error), _) => Err(error),
            (None, Some(source)) => Ok(source),
            (None, None) => Err(Report::error("internal error: the worker rendered nothing")),
        })
    }

    /// Has a worker do `task`, the work of one `what` ("brief", "binder", "pack"): the word its
    /// errors use.
    fn ask(
        &self,
        what: &str,
        task: &Task,
        deadline: Instant,
        limit: Duration,
    ) -> std::result::Result<Answer, Failure> {
        let mut line = serde_json::to_vec(task).expect("tasks serialize");
        line.push(b'\n');
        let idle = self.idle.lock().expect("workers").pop();
        let mut worker = match idle {
            Some(worker) => worker,
            None => self.start()?,
        };
        if worker.stdin.write_all(&line).is_err() {
            // An idle worker that has died since its last brief: start another.
            worker.stop();
            worker = self.start()?;
            if let Err(err) = worker.stdin.write_all(&line) {
                worker.stop();
                return Err(Failure::Cause(format!(
                    "a compile worker ended at once: {err}"
                )));
            }
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        match worker.answers.recv_timeout(wait) {
            Ok(Some(answer)) => {
                self.idle.lock().expect("workers").push(worker);
                Ok(answer)
            }
            Err(RecvTimeoutError::Timeout) => {
                worker.stop();
                Err(Failure::Brief(too_long(
                    what,
                    limit,
                    "its worker was stopped",
                )))
            }
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                let status = worker.stop();
                // The worker has exited: its stderr is at its end, and the reader returns.
                let stderr = worker.stderr.take().and_then(|h| h.join().ok());
                let stderr = String::from_utf8_lossy(stderr.as_deref().unwrap_or_default());
                Err(Failure::Brief(Report::error(
                    self.death(what, status, &stderr),
                )))
            }
        }
    }

    /// Why a worker died, as the error of the `what` it was doing.
    fn death(&self, what: &str, status: Option<ExitStatus>, stderr: &str) -> String {
        if stderr.contains("memory allocation of") && self.renders_only {
            return format!(
                "the template needed more memory than the {} MB its render worker may use for \
                 this {what} (a value it builds grows without bound?); its worker was stopped",
                self.memory_limit_mb
            );
        }
        if stderr.contains("memory allocation of") && self.memory_limit_mb > 0 {
            return format!(
                "the {what} needed more memory than the limit of {} MB (--memory-limit); its worker was stopped",
                self.memory_limit_mb
            );
        }
        let status = status.map_or("unknown status".into(), |s| s.to_string());
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
        let said = last.map_or(String::new(), |l| {
            format!(": {}", crate::error::terminal_safe(l))
        });
        format!("the {what}'s compile worker ended unexpectedly ({status}){said}")
    }
}

/// Starts one worker process.
fn spawn(config: &str) -> io::Result<Child> {
    Command::new(std::env::current_exe()?)
        .arg(WORKER_ARG)
        .arg(config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
}

impl Worker {
    /// Kills the worker (if it still runs) and reaps it.
    fn stop(&mut self) -> Option<ExitStatus> {
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        for mut worker in self.idle.lock().expect("workers").drain(..) {
            // Closing its stdin ends the worker's loop; then it exits.
            drop(worker.stdin);
            let _ = worker.child.wait();
        }
    }
}

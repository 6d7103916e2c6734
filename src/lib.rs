//! imrf-briefs: turns forum data, pledges and reference tables into typeset PDF briefings.
//!
//! # Code map
//!
//! One line per folder or file of `src/`, from the face down to the shared homes:
//!
//! - `main.rs`: the process: a compile worker, or one command line run through [`cmd::main`].
//! - [`cli`]: what users type: the clap types (their doc comments are `--help`) and the
//!   project file `imrf-briefs.yaml`, which becomes flags, profiles, packs and `params`.
//! - [`cmd`]: one file per subcommand: its arguments -> a checked configuration -> library calls.
//! - [`batch`]: runs stages 2-6 for many briefs: the per-brief job, worker threads and processes,
//!   timeouts, memory caps, progress, timings, then binders and packs.
//! - [`fresh`]: the output folder: the manifest, fingerprints that decide what is current, the
//!   lock that keeps one writer, and the journal that puts files in place so that the manifest
//!   never lists other bytes.
//! - [`catalog`]: the catalog page, `index.html`, from the manifest.
//! - The stages, in order: [`load`], [`plan`], [`context`], [`render`], [`compile`], [`export`].
//! - Shared homes: [`model`] (the typed data), [`error`] (errors, problems, exit codes),
//!   [`diag`] (how problems are printed), [`dates`] (calendar dates), [`files`] (atomic writes,
//!   hashes, which files a build reads, the order of names), [`defaults`] (the templates and
//!   data embedded in the binary, and a templates folder laid over them).
//!
//! # The stages and what each hands on
//!
//! ```text
//! load     data folder         -> Dataset            (checked; every problem with file:line)
//! plan     Dataset             -> Vec<Brief>         (--by, --only, --shard, packs)
//! context  Brief + Index       -> Context            (the typed template contract)
//! render   Context + template  -> Typst source       (minijinja)
//! compile  Typst source        -> PagedDocument      (embedded typst, one shared World)
//! export   PagedDocument       -> files              (PDF, PNG, SVG), then manifest.json
//! ```
//!
//! Imports point down this list only: a stage never imports `cli`, `cmd` or `batch`.

pub mod batch;
pub(crate) mod catalog;
pub mod cli;
pub mod cmd;
pub mod compile;
pub(crate) mod context;
pub mod dates;
pub mod defaults;
pub mod diag;
pub mod error;
pub(crate) mod export;
pub(crate) mod files;
pub(crate) mod fresh;
pub mod i18n;
pub mod load;
pub mod model;
pub(crate) mod plan;
pub mod render;

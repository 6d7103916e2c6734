//! The build configuration: command-line arguments checked and completed before any I/O.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::cli::project::ProjectFile;
use crate::cli::BuildArgs;
use crate::context::Paper;
use crate::defaults::{Data, Templates};
use crate::error::{Error, Result};
use crate::export::{Format, PdfStandard};
use crate::plan::Kind;
use crate::plan::Shard;

/// A checked build configuration: everything a build needs, decided before any output is written.
#[derive(Debug, Clone)]
pub struct Config {
    pub data: Data,
    pub templates: Templates,
    pub out: PathBuf,
    pub kinds: Vec<Kind>,
    pub only: Vec<String>,
    pub jobs: usize,
    pub shard: Option<Shard>,
    pub format: Format,
    pub standard: Option<PdfStandard>,
    pub paper: Paper,
    pub binder: bool,
    /// Binders without blank backs (`--one-sided`).
    pub one_sided: bool,
    /// The briefing pack to build (`--pack NAME`), from the project file.
    pub pack: Option<crate::cli::project::PackSpec>,
    pub system_fonts: bool,
    /// More folders of fonts (`--font-path`), e.g. for a script the bundled fonts lack.
    pub font_paths: Vec<PathBuf>,
    pub force: bool,
    pub timings: bool,
    /// Warnings fail the run (exit 1).
    pub deny_warnings: bool,
    pub verbosity: Verbosity,
    /// How long one brief may take to render, compile and export before it is failed.
    pub brief_timeout: Duration,
    /// Compile in worker processes capped at this many MB (`--memory-limit`).
    pub memory_limit: Option<u64>,
    /// Values templates read as `params`: the project file's, with `--input` laid over them.
    pub params: BTreeMap<String, String>,
    /// The editions, in order (`--lang`, else the project file's `languages`, else English).
    pub langs: Vec<String>,
    /// The folder of the project file, if there is one.
    pub project: Option<PathBuf>,
    /// Where to write each brief's inputs (`--deps FILE`), and how.
    pub deps: Option<PathBuf>,
    pub deps_format: super::deps::DepsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Config {
    /// The variant this build's briefs are made in (sidedness applies to binders and packs only,
    /// which set it themselves).
    pub fn variant(&self) -> crate::plan::Variant {
        crate::plan::Variant {
            paper: self.paper.typst_name().into(),
            standard: self.standard.map(|s| s.name().to_string()),
            one_sided: false,
        }
    }

    /// Checks `args`; `project` is the project file, if any (packs and template params).
    pub fn from_args(args: BuildArgs, project: Option<&ProjectFile>) -> Result<Self> {
        let jobs = match args.jobs {
            Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        // The pack first: without a project file, its absence is the problem to name.
        let pack = args
            .pack
            .as_deref()
            .map(|name| crate::cli::project::pack(project, name))
            .transpose()?;
        if args.pdf_standard.is_some() && args.format != Format::Pdf {
            return Err(Error::Usage(
                "--pdf-standard applies to --format pdf only".into(),
            ));
        }
        if args.binder && args.format != Format::Pdf {
            return Err(Error::Usage("--binder applies to --format pdf only".into()));
        }
        if args.one_sided && !args.binder && args.pack.is_none() {
            return Err(Error::Usage(
                "--one-sided applies to --binder or --pack only".into(),
            ));
        }
        if pack.is_some() && args.format != Format::Pdf {
            return Err(Error::Usage("--pack applies to --format pdf only".into()));
        }
        if !(args.brief_timeout.is_finite() && args.brief_timeout > 0.0) {
            return Err(Error::Usage(
                "--brief-timeout must be a positive number of seconds".into(),
            ));
        }
        if args.memory_limit.is_some_and(|mb| mb < 64) {
            return Err(Error::Usage(
                "--memory-limit must be at least 64 (MB): a worker needs about 40 MB for its fonts"
                    .into(),
            ));
        }
        if args.memory_limit.is_some() && args.format == Format::Typ {
            return Err(Error::Usage(
                "--memory-limit applies to compiled formats (pdf, png, svg) only".into(),
            ));
        }
        let templates = crate::cli::inputs::templates(args.templates.as_deref(), project)?;
        let data = crate::cli::inputs::data(args.data.data.as_deref(), project)?;
        Ok(Config {
            data,
            templates,
            out: crate::cli::inputs::out(args.out.as_deref(), project),
            kinds: args.select.kinds,
            only: args.select.only,
            jobs,
            shard: args.shard.as_deref().map(Shard::parse).transpose()?,
            format: args.format,
            standard: args.pdf_standard,
            paper: args.paper,
            binder: args.binder,
            one_sided: args.one_sided,
            pack,
            system_fonts: args.system_fonts,
            font_paths: args.font_paths.clone(),
            force: args.force,
            timings: args.timings,
            deny_warnings: args.deny_warnings,
            brief_timeout: Duration::from_secs_f64(args.brief_timeout.min(1e9)),
            memory_limit: args.memory_limit,
            // `--input` wins over the project file's `params` (and its profile's).
            params: {
                let mut params = project.map(|p| p.params.clone()).unwrap_or_default();
                params.extend(args.inputs.iter().cloned());
                params
            },
            langs: if !args.langs.is_empty() {
                args.langs.clone()
            } else {
                match project.and_then(|p| p.languages.clone()) {
                    Some(langs) => {
                        for lang in &langs {
                            crate::i18n::check_code(lang).map_err(|err| {
                                Error::Usage(format!(
                                    "{}: languages: {err}",
                                    project
                                        .map(|p| p.path().display().to_string())
                                        .unwrap_or_default()
                                ))
                            })?;
                        }
                        langs
                    }
                    None => crate::i18n::default_langs(),
                }
            },
            project: project.map(|p| p.dir().to_path_buf()),
            deps: args.deps,
            deps_format: args.deps_format,
            verbosity: if args.quiet {
                Verbosity::Quiet
            } else if args.verbose > 0 {
                Verbosity::Verbose
            } else {
                Verbosity::Normal
            },
        })
    }
}

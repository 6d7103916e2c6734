//! The command line: clap types only. Their doc comments are the `--help` text.

use std::path::PathBuf;

pub mod complete;
pub mod inputs;
pub mod project;

use clap::{Args, Parser, Subcommand};

use crate::context::Paper;
use crate::diag::{ColorChoice, MessageFormat};
use crate::export::{Format, PdfStandard};
use crate::plan::Kind;

const AFTER_HELP: &str = "\
Examples:
  imrf-briefs init my-briefs --templates      start a project: settings, data, templates
  imrf-briefs build                          all briefs from data/ into output/
  imrf-briefs build --only 5 --only MEX      objective 5 and Mexico's delegation brief
  imrf-briefs build --by region --paper us-letter
  imrf-briefs build --shard 1/4              a quarter of the plan, for a CI matrix job
  imrf-briefs pack geneva-consultation       a briefing pack defined in imrf-briefs.yaml
  imrf-briefs merge shard-1 shard-2 shard-3 --out output
                                             the shards' folders back together, checked
  imrf-briefs list --json                    the planned briefs, for scripts
  imrf-briefs check --data my-data           validate a data folder
  imrf-briefs check --message-format json    one JSON object per problem, for CI
  imrf-briefs completions bash > /etc/bash_completion.d/imrf-briefs
  imrf-briefs pull                           fetch the remote data files named in dataset.yaml
  imrf-briefs serve --open                   live preview in the browser, rebuilt on every save

Exit status:
  0  every brief built (or the check passed)
  1  some briefs failed, or writing failed after it began; the others were built and
     manifest.json describes what is in the output folder
  2  bad input data or bad usage, or another build holds the output folder; nothing was written";

/// `--version`: "0.1.0 (typst 0.15.1)", as the PDFs' creator names it.
const VERSION: &str = crate::export::VERSION;

/// `--brief-timeout`'s default (seconds); `merge`, which has no such flag, renders the catalog
/// within it.
pub const DEFAULT_BRIEF_TIMEOUT: f64 = 60.0;

/// Typeset PDF briefings on the UN International Migration Review Forum and its pledges.
#[derive(Debug, Parser)]
// `args_override_self`: a flag given twice takes the last value, so the flags a project file
// (imrf-briefs.yaml) inserts before the user's are overridden by them.
#[command(name = "imrf-briefs", version = VERSION, after_help = AFTER_HELP, args_override_self = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// How problems are printed: human, short (one line each), json (one object per line) or
    /// github (workflow annotations) [default: github when GITHUB_ACTIONS=true, else human].
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub message_format: Option<MessageFormat>,
    /// Use this profile of imrf-briefs.yaml (else $IMRF_BRIEFS_PROFILE); flags still win.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build briefs (PDF by default) into the output folder.
    #[command(after_help = AFTER_HELP)]
    Build(BuildArgs),
    /// List the planned briefs on stdout.
    List(ListArgs),
    /// Put the output folders of `build --shard I/N` back together into one, checked: same binary
    /// and data, every brief exactly once, every file as its shard recorded it.
    Merge(MergeArgs),
    /// Load and validate the data folder; print every problem as file:line: field: message.
    Check(CheckArgs),
    /// Build the briefing pack NAME of imrf-briefs.yaml into packs/NAME.pdf (as `build --pack`).
    #[command(after_help = AFTER_HELP)]
    Pack(PackArgs),
    /// Build, then rebuild the briefs whose inputs change whenever data, templates or
    /// imrf-briefs.yaml are saved, until Ctrl-C.
    Watch(BuildArgs),
    /// Build, serve the output folder on 127.0.0.1 with the catalog page as index, and rebuild
    /// and reload the open page on every saved change (a live preview), until Ctrl-C.
    Serve(ServeArgs),
    /// Start a project in DIR (default: here): a commented imrf-briefs.yaml, data/ (a copy of the
    /// embedded data) and with --templates a copy of the templates. Overwrites nothing: if any of
    /// them exists, nothing is written (exit 2).
    Init(InitArgs),
    /// Print the script that registers completion for SHELL on stdout (e.g. `imrf-briefs
    /// completions bash`): subcommands, options, their values, brief keys for --only and the
    /// project's pack names, asked of imrf-briefs at each <Tab>.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout (e.g. `imrf-briefs man > imrf-briefs.1`), or with
    /// --dir write one page per subcommand (imrf-briefs.1, imrf-briefs-build.1, ...) into DIR.
    Man {
        /// The subcommand whose page to print (e.g. build); the main page without one.
        subcommand: Option<String>,
        /// Write every page into this folder instead.
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
        dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of dataset.yaml or imrf-briefs.yaml (as shipped in schemas/), for
    /// editors that complete and check YAML.
    Schema {
        /// Which file.
        #[arg(value_enum)]
        file: SchemaFile,
    },
    /// Fetch the remote data files named in dataset.yaml (`remote:`); each new version replaces
    /// the last good copy only if the data still loads with it. Exit 1 if a source was refused.
    Pull(PullArgs),
}

/// A file whose JSON Schema `schema` prints.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SchemaFile {
    /// data/dataset.yaml
    Dataset,
    /// imrf-briefs.yaml
    Project,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The project folder (made if missing).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Also write a copy of the templates into templates/, to customise (a file kept there
    /// overrides the embedded one of the same name; delete the others to keep the embedded ones).
    #[arg(long)]
    pub templates: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PullArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Give up on a source that has not sent its whole file after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120.0)]
    pub timeout: f64,
    /// Trust only the root certificates of this PEM file for https sources (e.g. an office
    /// proxy's, which re-signs TLS) instead of the system's certificate store.
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// The data folder (holding dataset.yaml) [default: data/ of the project folder if there is
    /// one, else the data embedded in imrf-briefs].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Fail (exit 1) when there are warnings, such as a translation whose English text changed.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Args)]
pub struct SelectArgs {
    /// Only briefs of these kinds (repeatable).
    #[arg(long = "by", value_enum, value_name = "KIND")]
    pub kinds: Vec<Kind>,
    /// Only these briefs: an objective number (5), an ISO3 code (MEX), a country or region name
    /// (Mexico, "Western Africa") or a region slug (western-africa); repeatable or comma-separated.
    #[arg(long, value_name = "KEY", add = complete::only_keys())]
    pub only: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// List only what `build --shard I/N` builds, e.g. 2/4.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct PackArgs {
    /// The pack's name in imrf-briefs.yaml (`packs:`).
    #[arg(add = complete::pack_names())]
    pub name: String,
    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The port to listen on, on 127.0.0.1 only; 0 takes any free port. The URL is printed on
    /// stdout once the first build is done.
    #[arg(long, value_name = "N", default_value_t = 3000)]
    pub port: u16,
    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// The shards' output folders.
    #[arg(required = true, value_name = "DIR")]
    pub shards: Vec<PathBuf>,
    /// The merged output folder [default: output/ of the project folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// The same --by and --only as the shards were built with.
    #[command(flatten)]
    pub select: SelectArgs,
    /// The templates folder (for the catalog page, index.html) [default: templates/ of the
    /// project folder, else the embedded templates].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    /// The templates folder (minijinja templates producing Typst, and Typst files they import),
    /// laid file by file over the embedded templates [default: templates/ of the project folder
    /// if there is one, else the embedded templates alone].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The output folder [default: output/ of the project folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// How many briefs to compile at once [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Build only slice I of N of the plan (1-based), e.g. 2/4.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Output format: PDF, PNG or SVG pages, or the rendered Typst source.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    /// Enforce a PDF standard (checked by typst at export).
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandard>,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Also write one binder PDF per kind (cover, contents, every brief) into binders/.
    #[arg(long)]
    pub binder: bool,
    /// Also write the briefing pack NAME of imrf-briefs.yaml (one cover, one contents, its
    /// briefs in the order listed) into packs/NAME.pdf, building only its briefs.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["only", "kinds", "shard"], add = complete::pack_names())]
    pub pack: Option<String>,
    /// Binders and packs for one-sided printing: each brief starts on the next page, no blank
    /// backs.
    #[arg(long)]
    pub one_sided: bool,
    /// A template parameter KEY=VALUE (repeatable), read by templates as `params.KEY`,
    /// overriding `params` of imrf-briefs.yaml; the bundled templates read `stamp` (a line in
    /// every running footer) and `meeting` (a line in the title block).
    #[arg(long = "input", value_name = "KEY=VALUE", value_parser = parse_input)]
    pub inputs: Vec<(String, String)>,
    /// An edition to build (repeatable): en, fr, es. English files stay where they are; the
    /// others go to LANG/ of the output folder [default: `languages` of imrf-briefs.yaml, else en].
    #[arg(long = "lang", value_name = "LANG", value_parser = parse_lang)]
    pub langs: Vec<String>,
    /// A folder of fonts (.ttf, .otf) to use besides the bundled ones and templates/fonts/
    /// (repeatable), e.g. one with Noto Sans CJK for a Chinese edition.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
    /// Write the files each brief of the run depends on (data files, templates, imported Typst
    /// files; the executable for embedded ones) to FILE, for make or ninja.
    #[arg(long, value_name = "FILE")]
    pub deps: Option<PathBuf>,
    /// The format of --deps: json, or make (one rule per brief).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = crate::batch::deps::DepsFormat::Json)]
    pub deps_format: crate::batch::deps::DepsFormat,
    /// Also use the fonts installed on this machine (e.g. for CJK text).
    #[arg(long)]
    pub system_fonts: bool,
    /// Rebuild every brief, even those that are up to date.
    #[arg(long)]
    pub force: bool,
    /// Fail a brief that takes longer than this to render, compile and export (seconds); the
    /// others are still built.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_BRIEF_TIMEOUT)]
    pub brief_timeout: f64,
    /// Compile each brief in a worker process that may use at most this much memory (MB): a
    /// brief that would need more fails alone, and one past its time limit is stopped, not left
    /// running. Off by default (briefs compile in threads of this process).
    #[arg(long, value_name = "MB")]
    pub memory_limit: Option<u64>,
    /// Treat Typst warnings (new, or kept from an earlier build of an up-to-date brief) as
    /// failures: the run exits 1.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print the time spent in each stage.
    #[arg(long)]
    pub timings: bool,
    /// Open what was made with the platform's opener (or $IMRF_BRIEFS_OPENER): one brief's file,
    /// the pack, else the catalog page; for `serve`, its URL.
    #[arg(long)]
    pub open: bool,
    /// Print nothing but errors.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print each brief as it is built (instead of a progress bar on a terminal).
    #[arg(long, short = 'v', action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// `--input KEY=VALUE`: a non-empty key of letters, digits, `_` and `-`, then `=`, then any text.
fn parse_lang(value: &str) -> Result<String, String> {
    crate::i18n::check_code(value).map(|()| value.to_string())
}

fn parse_input(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?}: give KEY=VALUE, e.g. stamp=DRAFT"))?;
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(format!(
            "{key:?}: a key is letters, digits, `_` and `-` (as templates read params.KEY)"
        ));
    }
    Ok((key.to_string(), value.to_string()))
}

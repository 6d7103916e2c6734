//! The commands: one file per subcommand, each turning its arguments into a checked
//! configuration and calling the library.

mod check;
mod init;
pub mod list;
pub mod merge;
pub mod open;
pub mod pull;
pub mod schema;
pub mod serve;
pub mod watch;

use clap::CommandFactory;
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use crate::batch::{self, config::Config};
use crate::cli::project::ProjectFile;
use crate::cli::{Cli, Command};
use crate::diag;
use crate::error::{Error, Result};

/// The process: a compile worker of `build --memory-limit` (told everything by its build, it
/// reads no project file and takes no flags), or one command line. An error that ends it is
/// printed here, once, and gives the exit code.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let result = if args.len() == 3 && args[1] == batch::worker::WORKER_ARG {
        batch::worker::serve(&args[2].to_string_lossy())
    } else {
        command_line(args)
    };
    let code = match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            diag::print_error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    };
    diag::finish();
    code
}

/// The project file's settings laid into `args`, then the command they name.
fn command_line(args: Vec<OsString>) -> Result<()> {
    crate::cli::complete::answer_if_asked();
    let dir = crate::cli::project::discover();
    let (expanded, project) = crate::cli::project::expand(args.clone(), &dir)?;
    let again = watch::Settings::new(&args, &dir);
    run(Cli::parse_from(expanded), project.as_ref(), &again)
}

/// Runs one command line; `again` reads its settings again (for `watch` and `serve`, when the
/// project file changes).
pub fn run(cli: Cli, project: Option<&ProjectFile>, again: &watch::Settings) -> Result<()> {
    diag::init(cli.color, cli.message_format);
    // A Code Quality report is printed when its command ends; `watch` and `serve` do not end.
    if diag::format() == diag::MessageFormat::Gitlab
        && matches!(cli.command, Command::Watch(_) | Command::Serve(_))
    {
        return Err(Error::Usage(
            "--message-format gitlab prints one report when the command ends, and `watch` and \
             `serve` run until stopped: use json or github"
                .into(),
        ));
    }
    match cli.command {
        Command::Check(args) => check::check(
            &crate::cli::inputs::data(args.data.data.as_deref(), project)?,
            &crate::cli::inputs::templates(project.and_then(|p| p.setting("templates")), project)?,
            args.deny_warnings,
        ),
        Command::Build(args) => build(args, project),
        Command::List(args) => list::list(args, project),
        Command::Pack(args) => {
            let mut build = args.build;
            if build.pack.is_some()
                || build.shard.is_some()
                || !build.select.only.is_empty()
                || !build.select.kinds.is_empty()
            {
                return Err(Error::Usage(
                    "pack NAME: the pack lists its briefs (no --pack, --only, --by or --shard)"
                        .into(),
                ));
            }
            build.pack = Some(args.name);
            self::build(build, project)
        }
        Command::Merge(args) => merge::merge(args, project),
        Command::Init(args) => init::init(&args),
        Command::Watch(args) => {
            let open = args.open;
            watch::watch(Config::from_args(args, project)?, again, open)
        }
        Command::Serve(args) => {
            let config = Config::from_args(args.build.clone(), project)?;
            serve::serve(config, again, args.port, args.build.open)
        }
        Command::Completions { shell } => write_stdout(&String::from_utf8_lossy(
            &crate::cli::complete::registration(shell),
        )),
        Command::Man { subcommand, dir } => man(subcommand.as_deref(), dir.as_deref()),
        Command::Schema { file } => schema::schema(file),
        Command::Pull(args) => pull::pull(&pull::Config::from_args(args, project)?),
    }
}

/// `build` and `pack`: one build, then (`--open`) what it made opened.
fn build(args: crate::cli::BuildArgs, project: Option<&ProjectFile>) -> Result<()> {
    let open = args.open;
    let config = Config::from_args(args, project)?;
    let entries = batch::build(&config)?;
    if open {
        open::open(open::made(&config, &entries).as_os_str());
    }
    Ok(())
}

/// `man`: the main page or one subcommand's on stdout, or every page into `dir`.
fn man(subcommand: Option<&str>, dir: Option<&Path>) -> Result<()> {
    let mut command = Cli::command()
        .disable_help_subcommand(true)
        .propagate_version(true);
    // Built, the subcommands carry their display names ("imrf-briefs-build"), which name their
    // pages and files.
    command.build();
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
        return clap_mangen::generate_to(command, dir).map_err(|err| Error::io(dir, err));
    }
    let page = match subcommand {
        None => command,
        Some(name) => command.find_subcommand(name).cloned().ok_or_else(|| {
            let known: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            Error::Usage(format!(
                "man {name}: no such subcommand (one of {})",
                known.join(", ")
            ))
        })?,
    };
    let mut buffer = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buffer)
        .map_err(|err| Error::io(Path::new("<stdout>"), err))?;
    write_stdout(&String::from_utf8_lossy(&buffer))
}

/// Writes `text` to stdout; a reader that went away (a closed pipe) is not an error.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(Error::io(Path::new("<stdout>"), err)),
        Ok(()) => Ok(()),
    }
}

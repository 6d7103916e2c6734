//! The commands: one file per subcommand, each turning its arguments into a checked
//! configuration and calling the library.

mod check;
mod init;
pub mod list;
pub mod merge;
pub mod pull;
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
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            diag::print_error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

/// The project file's settings laid into `args`, then the command they name.
fn command_line(args: Vec<OsString>) -> Result<()> {
    let dir = crate::cli::project::discover();
    let (args, project) = crate::cli::project::expand(args, &dir)?;
    run(Cli::parse_from(args), project.as_ref())
}

/// Runs one command line.
pub fn run(cli: Cli, project: Option<&ProjectFile>) -> Result<()> {
    diag::init(cli.color, cli.message_format);
    match cli.command {
        Command::Check(args) => check::check(
            &crate::cli::inputs::data(args.data.as_deref(), project)?,
            &crate::cli::inputs::templates(project.and_then(|p| p.setting("templates")), project)?,
        ),
        Command::Build(args) => batch::build(&Config::from_args(args, project)?).map(|_| ()),
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
            batch::build(&Config::from_args(build, project)?).map(|_| ())
        }
        Command::Merge(args) => merge::merge(args, project),
        Command::Init(args) => init::init(&args),
        Command::Watch(args) => watch::watch(&Config::from_args(args, project)?),
        Command::Completions { shell } => {
            let mut buffer = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "imrf-briefs", &mut buffer);
            write_stdout(&String::from_utf8_lossy(&buffer))
        }
        Command::Man => {
            let mut buffer = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buffer)
                .map_err(|err| Error::io(std::path::Path::new("<stdout>"), err))?;
            write_stdout(&String::from_utf8_lossy(&buffer))
        }
        Command::Pull(args) => pull::pull(&pull::Config::from_args(args, project)?),
    }
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

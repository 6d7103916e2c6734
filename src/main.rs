use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: imrf_briefs::batch::alloc::Capped = imrf_briefs::batch::alloc::Capped;

fn main() -> ExitCode {
    imrf_briefs::batch::alloc::tune_for_builds();
    let args: Vec<_> = std::env::args_os().collect();
    // A compile worker of `build --memory-limit`: told everything by its build, it reads no
    // project file and takes no flags.
    if args.len() == 3 && args[1] == imrf_briefs::batch::worker::WORKER_ARG {
        let config = args[2].to_string_lossy();
        return match imrf_briefs::batch::worker::serve(&config) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                imrf_briefs::diag::print_error(&err);
                ExitCode::from(err.exit_code() as u8)
            }
        };
    }
    let args = match imrf_briefs::cli::project::expand(args, std::path::Path::new(".")) {
        Ok(args) => args,
        Err(err) => {
            imrf_briefs::diag::print_error(&err);
            return ExitCode::from(err.exit_code() as u8);
        }
    };
    let cli = imrf_briefs::cli::Cli::parse_from(args);
    match imrf_briefs::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            imrf_briefs::diag::print_error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

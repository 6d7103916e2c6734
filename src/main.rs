use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = std::env::args_os().collect();
    let args = match imrf_briefs::project::expand(args, std::path::Path::new(".")) {
        Ok(args) => args,
        Err(err) => {
            imrf_briefs::diag::print_error(&err);
            return ExitCode::from(err.exit_code() as u8);
        }
    };
    let cli = imrf_briefs::cli::Cli::parse_from(args);
    match imrf_briefs::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            imrf_briefs::diag::print_error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = imrf_briefs::cli::Cli::parse();
    match imrf_briefs::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            imrf_briefs::diag::print_error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = imrf_briefs::cli::Cli::parse();
    match imrf_briefs::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

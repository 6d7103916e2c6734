use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: imrf_briefs::alloc::Capped = imrf_briefs::alloc::Capped;

fn main() -> ExitCode {
    imrf_briefs::alloc::keep_freed_memory();
    let args: Vec<_> = std::env::args_os().collect();
    // A compile worker is told everything by its build: it reads no project file.
    let worker = args.get(1).is_some_and(|a| a == "compile-worker");
    let expanded = if worker {
        Ok(args)
    } else {
        imrf_briefs::project::expand(args, std::path::Path::new("."))
    };
    let args = match expanded {
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

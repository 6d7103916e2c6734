use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: imrf_briefs::batch::alloc::Capped = imrf_briefs::batch::alloc::Capped;

fn main() -> ExitCode {
    imrf_briefs::batch::alloc::tune_for_builds();
    imrf_briefs::cmd::main(std::env::args_os().collect())
}

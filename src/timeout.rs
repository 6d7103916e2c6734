//! One brief's work on a thread of its own, under a time limit: a brief whose template or Typst
//! code loops for minutes fails alone, and the batch goes on.

use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Stack size for a brief's compile: typst's layout recurses deeply on long tables.
pub const COMPILE_STACK: usize = 64 * 1024 * 1024;
/// Stack size for rendering a template.
pub const RENDER_STACK: usize = 8 * 1024 * 1024;

/// Runs `f` on a thread of its own and waits for it until `deadline`. A brief past its time limit
/// is abandoned: its thread writes nothing and ends with the process (minijinja's fuel also ends
/// runaway templates). A panic fails the brief alone.
pub fn on_thread<T: Send + 'static>(
    deadline: Instant,
    limit: Duration,
    stack: usize,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::result::Result<T, Failure> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let _ = sender.send(f());
        })
        .map_err(|err| Failure::Cause(format!("cannot start a thread: {err}")))?;
    match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(value) => Ok(value),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::Brief(format!(
            "error: the brief took longer than the time limit of {} s (--brief-timeout); it was abandoned",
            limit.as_secs_f64()
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Brief(
            "error: internal error: building the brief panicked (message above)".into(),
        )),
    }
}

/// Why a brief was not built: its own problem, or a cause that hits every brief alike.
pub enum Failure {
    Brief(String),
    Cause(String),
}

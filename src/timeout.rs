//! One brief's work on a thread of its own, under a time limit: a brief whose template or Typst
//! code loops for minutes fails alone, and the batch goes on.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Stack size for a brief's compile: typst's layout recurses deeply on long tables.
pub const COMPILE_STACK: usize = 64 * 1024 * 1024;
/// Stack size for rendering a template.
pub const RENDER_STACK: usize = 8 * 1024 * 1024;

/// A unit of work sent to a helper thread.
type Task = Box<dyn FnOnce() + Send>;

thread_local! {
    /// This worker's helper threads, by stack size. They live as long as the worker, so the
    /// allocator's per-thread heaps and typst's thread-local caches stay warm from one brief to
    /// the next (a fresh thread per brief made every compile about 10% slower).
    static HELPERS: RefCell<BTreeMap<usize, mpsc::Sender<Task>>> = const { RefCell::new(BTreeMap::new()) };
}

/// The calling worker's helper thread with a stack of `stack` bytes, started when first needed.
fn helper(stack: usize) -> std::io::Result<mpsc::Sender<Task>> {
    HELPERS.with(|helpers| {
        if let Some(sender) = helpers.borrow().get(&stack) {
            return Ok(sender.clone());
        }
        let (sender, tasks) = mpsc::channel::<Task>();
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || {
                for task in tasks {
                    task();
                }
            })?;
        helpers.borrow_mut().insert(stack, sender.clone());
        Ok(sender)
    })
}

/// Forgets the helper thread of `stack` size: it is stuck in an abandoned brief or has died.
fn forget(stack: usize) {
    HELPERS.with(|helpers| helpers.borrow_mut().remove(&stack));
}

/// Runs `f` on the calling worker's helper thread and waits for it until `deadline`. A brief past
/// its time limit is abandoned with its helper (which writes nothing and ends with the process;
/// minijinja's fuel also ends runaway templates), and the next brief gets a new helper. A panic
/// fails the brief alone.
pub fn on_thread<T: Send + 'static>(
    deadline: Instant,
    limit: Duration,
    stack: usize,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::result::Result<T, Failure> {
    let (sender, receiver) = mpsc::channel();
    let mut task: Task = Box::new(move || {
        let _ = sender.send(f());
    });
    // A helper that died with an earlier brief's panic refuses the task: start another.
    let start = |err: std::io::Error| Failure::Cause(format!("cannot start a thread: {err}"));
    if let Err(mpsc::SendError(back)) = helper(stack).map_err(start)?.send(task) {
        forget(stack);
        task = back;
        if helper(stack).map_err(start)?.send(task).is_err() {
            return Err(Failure::Cause(
                "cannot start a thread: it ended at once".into(),
            ));
        }
    }
    match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(value) => Ok(value),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            forget(stack);
            Err(Failure::Brief(format!(
                "error: the brief took longer than the time limit of {} s (--brief-timeout); it was abandoned",
                limit.as_secs_f64()
            )))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            forget(stack);
            Err(Failure::Brief(
                "error: internal error: building the brief panicked (message above)".into(),
            ))
        }
    }
}

/// Why a brief was not built: its own problem, or a cause that hits every brief alike.
pub enum Failure {
    Brief(String),
    Cause(String),
}

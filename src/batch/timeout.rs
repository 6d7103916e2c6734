//! One brief's work on a thread of its own, under a time limit: a brief whose template or Typst
//! code loops for minutes, or whose template builds a value without bound, fails alone, and the
//! batch goes on.

use std::cell::RefCell;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use super::alloc::{self, Tripwire};
use crate::error::Report;

/// Stack size for a brief's render and compile: typst's layout recurses deeply on long tables.
pub const STACK: usize = 64 * 1024 * 1024;

/// A unit of work sent to a helper thread.
type Task = Box<dyn FnOnce() + Send>;

thread_local! {
    /// This worker's helper thread. It lives as long as the worker, so the allocator's
    /// per-thread heaps and typst's thread-local caches stay warm from one brief to the next (a
    /// fresh thread per brief made every compile about 10% slower).
    static HELPER: RefCell<Option<mpsc::Sender<Task>>> = const { RefCell::new(None) };
}

/// A rayon pool of one thread with a `STACK`-sized stack. typst and krilla hand page layout and
/// PDF stream compression to the current rayon pool; in a pool of the compiling thread alone that
/// work runs inline, instead of waking the threads of a global pool on cores that other briefs
/// keep busy (which cost about 8% more CPU time and many context switches in a full build).
pub fn single_thread_pool() -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .stack_size(STACK)
        .build()
}

/// A rayon pool of `threads` threads with `STACK`-sized stacks, if they fit and start.
pub fn pool(threads: usize) -> Option<rayon::ThreadPool> {
    if !super::threads::room_for(threads * STACK) {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(STACK)
        .build()
        .ok()
}

/// The calling worker's helper thread, started when first needed: the thread of a
/// `single_thread_pool`, running tasks as they come. It waits for them asleep on a channel, where
/// an idle rayon thread would spin, taking turns from the worker that writes the last PDF.
fn helper() -> Result<mpsc::Sender<Task>, Failure> {
    HELPER.with(|helper| {
        if let Some(sender) = &*helper.borrow() {
            return Ok(sender.clone());
        }
        let cannot =
            |why: &dyn std::fmt::Display| Failure::Cause(format!("cannot start a thread: {why}"));
        if !super::threads::room_for(STACK) {
            return Err(cannot(&"no room left in the address space for its stack"));
        }
        let pool = single_thread_pool().map_err(|err| cannot(&err))?;
        let (sender, tasks) = mpsc::channel::<Task>();
        let (up, is_up) = mpsc::channel();
        // The pool ends when its thread does: when this worker drops the sender.
        pool.spawn(move || {
            let _ = up.send(());
            for task in tasks {
                // A panic fails its brief (its result never arrives); the thread lives on.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(task));
            }
        });
        // Running, its signal stack mapped (see `threads`).
        let _ = is_up.recv();
        *helper.borrow_mut() = Some(sender.clone());
        Ok(sender)
    })
}

/// Starts the calling worker's helper thread now; `false` if it cannot be started (too many
/// threads for the memory or the system), so that the worker takes no briefs.
pub fn ready() -> bool {
    helper().is_ok()
}

/// Forgets the calling worker's helper thread: it is stuck in an abandoned brief.
fn forget() {
    HELPER.with(|helper| helper.borrow_mut().take());
}

/// Runs `f`, the work of one `what` ("brief", "binder", "pack"), on the calling worker's helper
/// thread and waits for it until `deadline`. Work past its time limit is abandoned with its helper
/// (which writes nothing and ends with the process; minijinja's fuel also ends runaway templates),
/// and the next task gets a new helper. A panic fails this `what` alone.
pub fn on_thread<T: Send + 'static>(
    what: &str,
    deadline: Instant,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::result::Result<T, Failure> {
    watched(what, deadline, limit, None, f)
}

/// [`on_thread`] for work that renders a template: `f` is given a wire, under which it renders
/// within [`alloc::budgeted`]. A render that passes its byte budget fails this `what` at once,
/// and its helper, which sleeps for good holding that memory, is abandoned. No render is started
/// once such helpers hold [`alloc::PARKED_CAP`] bytes.
pub fn on_thread_budgeted<T: Send + 'static>(
    what: &str,
    deadline: Instant,
    limit: Duration,
    f: impl FnOnce(&Arc<Tripwire>) -> T + Send + 'static,
) -> std::result::Result<T, Failure> {
    if !alloc::render_room() {
        return Err(Failure::Brief(Report::error(format!(
            "not rendered: templates that needed more than {} MB each already hold {} MB in \
             this build, so no more renders are started (with --memory-limit they render in \
             worker processes instead)",
            alloc::RENDER_BUDGET >> 20,
            alloc::PARKED_CAP >> 20
        ))));
    }
    on_thread_within_budget(what, deadline, limit, f)
}

/// [`on_thread_budgeted`] even once no more renders may start: for the build's one render after
/// its briefs (the catalog), which can add at most one budget to what tripped renders hold.
pub fn on_thread_within_budget<T: Send + 'static>(
    what: &str,
    deadline: Instant,
    limit: Duration,
    f: impl FnOnce(&Arc<Tripwire>) -> T + Send + 'static,
) -> std::result::Result<T, Failure> {
    let wire = Arc::new(Tripwire::default());
    let armed = Arc::clone(&wire);
    watched(what, deadline, limit, Some(&wire), move || f(&armed))
}

fn watched<T: Send + 'static>(
    what: &str,
    deadline: Instant,
    limit: Duration,
    wire: Option<&Arc<Tripwire>>,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::result::Result<T, Failure> {
    let (sender, receiver) = mpsc::channel();
    let waiting = std::thread::current();
    let task: Task = Box::new(move || {
        let _ = sender.send(f());
        waiting.unpark();
    });
    // A render that trips its wire wakes this thread too (see `alloc`).
    if let Some(wire) = wire {
        wire.wakes(std::thread::current());
    }
    if helper()?.send(task).is_err() {
        return Err(Failure::Cause(
            "cannot start a thread: it ended at once".into(),
        ));
    }
    loop {
        match receiver.try_recv() {
            Ok(value) => return Ok(value),
            // The helper's pool caught the panic; its thread serves the next brief.
            Err(mpsc::TryRecvError::Disconnected) => {
                return Err(Failure::Brief(Report::error(format!(
                    "internal error: building the {what} panicked (message above)"
                ))))
            }
            Err(mpsc::TryRecvError::Empty) => {}
        }
        if wire.is_some_and(|w| w.tripped()) {
            forget();
            return Err(Failure::Brief(Report::error(format!(
                "the template needed more than {} MB of memory for this {what} (a value it \
                 builds grows without bound?); its render was stopped",
                alloc::RENDER_BUDGET >> 20
            ))));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            forget();
            return Err(Failure::Brief(too_long(what, limit, "it was abandoned")));
        }
        // Woken by the result, a tripped wire, the deadline, or spuriously: looked at again.
        std::thread::park_timeout(left);
    }
}

/// The error of a `what` stopped at its time `limit`; `then` says what became of its work.
/// Binders and packs get [`TIME_FACTOR`](super::bind::TIME_FACTOR) times `--brief-timeout`.
pub fn too_long(what: &str, limit: Duration, then: &str) -> Report {
    let flag = match what {
        "brief" => "--brief-timeout".to_string(),
        _ => format!("{} × --brief-timeout", super::bind::TIME_FACTOR),
    };
    Report::error(format!(
        "the {what} took longer than the time limit of {} s ({flag}); {then}",
        limit.as_secs_f64()
    ))
}

/// Why a brief was not built: its own problem, or a cause that hits every brief alike.
pub enum Failure {
    Brief(Report),
    Cause(String),
}

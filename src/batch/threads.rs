//! Starting a batch's threads so that one that cannot start is refused, and never takes the
//! process down.
//!
//! Rust's standard library maps a small signal stack for each new thread before running its code,
//! and aborts the whole process if that fails ("failed to allocate an alternative stack"). Under a
//! cap on the address space (`ulimit -v`), that happens when a thread's stack still fits but other
//! threads take the last room before its signal stack is mapped. So threads are started one at a
//! time, each after a check that its stacks fit with room to spare, and each with its helper
//! thread ([`super::timeout`]) running before the next is started; threads already started wait,
//! allocating nothing, until the last has started.

use std::io;
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread::{Scope, ScopedJoinHandle};

/// A worker thread's own stack (the standard library's default, set here so that
/// `RUST_MIN_STACK` does not change what is checked).
const WORKER_STACK: usize = 2 << 20;

/// Room asked for beyond a thread's stack: its signal stack, thread-local storage and the
/// allocator's first pages for it.
const MARGIN: usize = 16 << 20;

/// Whether `stack` bytes of stack, and a margin, fit in the address space now: mapped untouchable
/// and unmapped at once.
pub fn room_for(stack: usize) -> bool {
    let bytes = stack + MARGIN;
    #[cfg(unix)]
    {
        // SAFETY: maps fresh address space that nothing else uses, never touches it, and unmaps
        // exactly what was mapped.
        unsafe {
            let at = libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            );
            if at == libc::MAP_FAILED {
                return false;
            }
            libc::munmap(at, bytes);
        }
    }
    #[cfg(not(unix))]
    let _ = bytes;
    true
}

/// Threads started by [`start`], waiting at their gate until [`Started::open`] (or a drop).
pub struct Started<'scope, T> {
    handles: Vec<ScopedJoinHandle<'scope, T>>,
    /// Why the thread after the last of `handles` could not start.
    pub refused: Option<io::Error>,
    gate: Arc<(Mutex<bool>, Condvar)>,
}

impl<'scope, T> Started<'scope, T> {
    /// How many started.
    pub fn len(&self) -> usize {
        self.handles.len()
    }

    /// Lets the threads run their work; their handles, in the order started.
    pub fn open(mut self) -> Vec<ScopedJoinHandle<'scope, T>> {
        std::mem::take(&mut self.handles)
    }
}

impl<T> Drop for Started<'_, T> {
    fn drop(&mut self) {
        let (open, opened) = &*self.gate;
        *open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        opened.notify_all();
    }
}

/// Starts up to `count` threads named `name` in `scope`, one after another, stopping at the first
/// that cannot start. Thread `i` starts its helper thread, then waits for the gate and runs
/// `work(i, helper)`, where `helper` says whether its helper thread started.
pub fn start<'scope, 'env, T, F>(
    scope: &'scope Scope<'scope, 'env>,
    count: usize,
    name: &str,
    work: &'env F,
) -> Started<'scope, T>
where
    F: Fn(usize, bool) -> T + Sync,
    T: Send + 'scope,
{
    let gate = Arc::new((Mutex::new(false), Condvar::new()));
    let mut started = Started {
        handles: Vec::with_capacity(count),
        refused: None,
        gate: Arc::clone(&gate),
    };
    for i in 0..count {
        // Its helper's too: a worker without its helper is of no use.
        if !room_for(WORKER_STACK + super::timeout::STACK) {
            started.refused = Some(io::Error::new(
                io::ErrorKind::OutOfMemory,
                "no room left in the address space for its stack",
            ));
            break;
        }
        let (up, is_up) = mpsc::channel();
        let gate = Arc::clone(&gate);
        let thread = std::thread::Builder::new()
            .name(name.to_string())
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, move || {
                let helper = super::timeout::ready();
                let _ = up.send(());
                drop(up);
                let (open, opened) = &*gate;
                let mut is_open = open.lock().unwrap_or_else(|e| e.into_inner());
                while !*is_open {
                    is_open = opened.wait(is_open).unwrap_or_else(|e| e.into_inner());
                }
                drop(is_open);
                work(i, helper)
            });
        match thread {
            Ok(handle) => {
                // Up, with its helper: the next thread's room is measured after theirs.
                let _ = is_up.recv();
                started.handles.push(handle);
            }
            Err(err) => {
                started.refused = Some(err);
                break;
            }
        }
    }
    started
}

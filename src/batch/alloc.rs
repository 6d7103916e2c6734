//! The global allocator: mimalloc, with an optional cap on the bytes in use, and a byte budget for
//! each template render.
//!
//! The cap is set only in a compile worker (`build --memory-limit`): an allocation past it fails,
//! Rust reports "memory allocation of N bytes failed" and the worker aborts, and its brief fails
//! alone.
//!
//! The render budget ([`budgeted`]) is armed only while a thread renders a brief's template:
//! minijinja bounds a render's steps (fuel) but not the size of the values it builds, and a
//! string that doubles in a loop would otherwise take the build process down. An armed thread
//! that would pass its budget can neither be given a null pointer (Rust aborts the process) nor
//! unwind out of the allocator (undefined behaviour), so it trips its [`Tripwire`] and sleeps for
//! good, holding at most its budget until the process ends; the thread waiting for its result
//! ([`super::timeout`]) fails the brief at once. Once tripped renders may hold [`PARKED_CAP`]
//! bytes, no further render is started ([`render_room`]), so a template that does this for every
//! brief holds a bounded amount of memory: at most `PARKED_CAP` and a budget for each other
//! render under way. Unarmed threads pay one thread-local load per allocation.
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

use mimalloc::MiMalloc;

/// mimalloc, counting the bytes in use once [`set_limit`] has been called.
pub struct Capped;

/// The cap in bytes; 0 means none (and nothing is counted).
static LIMIT: AtomicUsize = AtomicUsize::new(0);
/// Bytes allocated since the cap was set, less those freed (signed: memory allocated before the
/// cap and freed after it makes it go down).
static USED: AtomicIsize = AtomicIsize::new(0);

/// mimalloc's `mi_option_purge_delay`: the 16th entry of `mi_option_e` in mimalloc 3 (the
/// libmimalloc-sys crate names no constant for it; a test checks the index by its default).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets memory up for a build, which frees and allocates about the same memory brief after
/// brief. Call it first in `main`.
/// - Freed memory stays in the process instead of going back to the system a second later
///   (mimalloc's default). Given back, it came back as fresh pages that the kernel had to fault
///   in and zero: 2.5 times the page faults and 5-10% more CPU time over a full build (`perf
///   stat`, paired runs).
/// - On Linux, memory comes in 4 KiB pages, not transparent huge pages of 2 MiB (which mimalloc
///   asks for, before `main`). The kernel zeroes a huge page whole when it is first touched:
///   about a tenth of a full build's CPU time went to `clear_page` (`perf record`), and peak
///   memory was 180-190 MB instead of 130 MB. With small pages a build takes about 5% less CPU
///   time (paired runs).
pub fn tune_for_builds() {
    // SAFETY: sets one numeric option, before the process starts other threads.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    small_pages();
}

fn small_pages() {
    // SAFETY: sets a flag of this process; no memory is touched. A kernel without the flag
    // refuses it, and memory stays as it was.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(
            libc::PR_SET_THP_DISABLE,
            1 as libc::c_ulong,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
        );
    }
}

/// Caps the bytes this process may have allocated at `bytes` from now on.
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes, Relaxed);
}

/// The bytes a brief's render may hold at once (net of what it frees), its context's template
/// values included: the largest render of the bundled data held 0.2 MB, and of the synthetic
/// 20,000-pledge data set 0.8 MB (measured); a render's output may be up to
/// [`crate::render::MAX_OUTPUT_BYTES`] (64 MB), so that limit's clearer error comes first.
pub const RENDER_BUDGET: usize = 256 << 20;

/// Once tripped renders may hold this many bytes (a budget each), no further render is started.
pub const PARKED_CAP: usize = 2 * RENDER_BUDGET;

/// The budgets of tripped renders, whose threads sleep for good holding up to that much.
static PARKED: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The tripwire of the render this thread is doing; null when no render is armed. A `const`
    /// cell without a destructor: reading it never allocates, as the allocator requires.
    static ARMED: Cell<*const Tripwire> = const { Cell::new(std::ptr::null()) };
    /// The bytes the armed render may still take.
    static LEFT: Cell<isize> = const { Cell::new(0) };
}

/// Set when a render passed its budget: its thread sleeps for good, and wakes the thread that
/// waits for the render, which reports it failed.
#[derive(Default)]
pub struct Tripwire {
    tripped: AtomicBool,
    waiting: std::sync::OnceLock<std::thread::Thread>,
}

impl Tripwire {
    /// Whether the render passed its budget.
    pub fn tripped(&self) -> bool {
        self.tripped.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Makes a trip unpark `thread` (set before the render starts).
    pub fn wakes(&self, thread: std::thread::Thread) {
        let _ = self.waiting.set(thread);
    }
}

/// Runs `f` (a template render) with this thread's allocations counted against
/// [`RENDER_BUDGET`]: past it, `wire` trips and the thread never returns from the allocation
/// that would pass it. Disarmed when `f` returns or unwinds.
pub fn budgeted<T>(wire: &std::sync::Arc<Tripwire>, f: impl FnOnce() -> T) -> T {
    struct Armed;
    impl Drop for Armed {
        fn drop(&mut self) {
            ARMED.set(std::ptr::null());
        }
    }
    LEFT.set(RENDER_BUDGET as isize);
    // The pointer stays valid while armed: the caller's Arc outlives `f`, and a tripped thread
    // never returns to drop it.
    ARMED.set(std::sync::Arc::as_ptr(wire));
    let _armed = Armed;
    f()
}

/// Whether a render may be started: false once tripped renders may hold [`PARKED_CAP`] bytes.
pub fn render_room() -> bool {
    PARKED.load(Relaxed) < PARKED_CAP
}

/// Counts `size` more bytes against the armed render's budget, if any; past it, trips.
#[inline]
fn charge(size: usize) {
    let wire = ARMED.get();
    if wire.is_null() {
        return;
    }
    let left = LEFT.get() - size as isize;
    if left < 0 {
        trip(wire);
    }
    LEFT.set(left);
}

/// Gives `size` bytes back to the armed render's budget, if any.
#[inline]
fn credit(size: usize) {
    if !ARMED.get().is_null() {
        LEFT.set(LEFT.get() + size as isize);
    }
}

/// Trips `wire` and sleeps for good, without allocating: the render's memory stays with this
/// thread until the process ends.
#[cold]
fn trip(wire: *const Tripwire) -> ! {
    ARMED.set(std::ptr::null());
    PARKED.fetch_add(RENDER_BUDGET, Relaxed);
    // SAFETY: armed by `budgeted`, whose caller keeps the tripwire alive while `f` runs, and `f`
    // never returns from here.
    let wire = unsafe { &*wire };
    wire.tripped
        .store(true, std::sync::atomic::Ordering::Release);
    // Unparking wakes a futex (or the platform's like): nothing is allocated.
    if let Some(waiting) = wire.waiting.get() {
        waiting.unpark();
    }
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// Takes `size` bytes from the budget; false (and nothing taken) if that would pass the cap.
fn reserve(limit: usize, size: usize) -> bool {
    let size = size as isize;
    let used = USED.fetch_add(size, Relaxed) + size;
    if used > limit as isize {
        USED.fetch_sub(size, Relaxed);
        return false;
    }
    true
}

fn release(size: usize) {
    USED.fetch_sub(size as isize, Relaxed);
}

/// An allocation of `size` bytes by `allocate`, counted against the limit when one is set: null
/// when it would pass the limit (or mimalloc has no memory).
#[inline]
fn capped(size: usize, allocate: impl FnOnce() -> *mut u8) -> *mut u8 {
    charge(size);
    let limit = LIMIT.load(Relaxed);
    if limit == 0 {
        return allocate();
    }
    if !reserve(limit, size) {
        return std::ptr::null_mut();
    }
    let ptr = allocate();
    if ptr.is_null() {
        release(size);
    }
    ptr
}

// SAFETY: every call is passed on to mimalloc unchanged; the cap only turns some allocations
// into failures (a null pointer), which callers must handle anyway, and the render budget only
// keeps some calls from returning (the thread sleeps; nothing unwinds).
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        capped(layout.size(), || unsafe { MiMalloc.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        capped(layout.size(), || unsafe { MiMalloc.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) };
        credit(layout.size());
        if LIMIT.load(Relaxed) != 0 {
            release(layout.size());
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted before the call: a tripped render never reaches it, so nothing is lost.
        if new_size > layout.size() {
            charge(new_size - layout.size());
        } else {
            credit(layout.size() - new_size);
        }
        let limit = LIMIT.load(Relaxed);
        if limit == 0 {
            return unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        }
        let old = layout.size();
        if new_size > old && !reserve(limit, new_size - old) {
            return std::ptr::null_mut();
        }
        let new = unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        match (new.is_null(), new_size > old) {
            (true, true) => release(new_size - old),
            (false, false) => release(old - new_size),
            _ => {}
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // mimalloc 3's purge delay defaults to 1000 ms; no other option has that default.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn builds_use_small_pages() {
        small_pages();
        assert_eq!(
            unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) },
            1
        );
    }

    #[test]
    fn the_budget_refuses_what_would_pass_the_cap_and_takes_nothing() {
        USED.store(0, Relaxed);
        assert!(reserve(100, 60));
        assert!(!reserve(100, 50));
        assert_eq!(USED.load(Relaxed), 60);
        release(60);
        assert!(reserve(100, 100));
        release(100);
    }
}

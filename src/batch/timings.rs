//! `--timings`: time spent in each stage of a batch.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// A stage of the pipeline, as `--timings` names it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Stage {
    Load,
    Plan,
    Render,
    Compile,
    Export,
    Write,
}

impl Stage {
    const ALL: [Stage; 6] = [
        Stage::Load,
        Stage::Plan,
        Stage::Render,
        Stage::Compile,
        Stage::Export,
        Stage::Write,
    ];

    fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Plan => "plan",
            Stage::Render => "render",
            Stage::Compile => "compile",
            Stage::Export => "export",
            Stage::Write => "write",
        }
    }
}

/// Time spent per stage, summed over the worker threads.
#[derive(Default)]
pub(super) struct Timings {
    stages: [AtomicU64; 6],
}

impl Timings {
    /// Adds the time from `since` to now to `stage`; returns now.
    pub(super) fn add(&self, stage: Stage, since: Instant) -> Instant {
        let now = Instant::now();
        self.stages[stage as usize].fetch_add((now - since).as_nanos() as u64, Ordering::Relaxed);
        now
    }

    pub(super) fn report(&self) -> String {
        Stage::ALL
            .iter()
            .zip(&self.stages)
            .map(|(stage, t)| {
                let ms = t.load(Ordering::Relaxed) as f64 / 1e6;
                format!("{} {ms:.1} ms", stage.name())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

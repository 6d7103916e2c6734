//! `--timings`: how long each stage of a batch took, as wall time (the stretch of the run during
//! which any worker was in that stage) and as thread time (summed over the workers).

use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// The stretches of time each stage ran, on any thread.
#[derive(Default)]
pub(super) struct Timings {
    intervals: Mutex<[Vec<(Instant, Instant)>; 6]>,
}

impl Timings {
    /// Records that `stage` ran from `since` until now; returns now.
    pub(super) fn add(&self, stage: Stage, since: Instant) -> Instant {
        let now = Instant::now();
        self.interval(stage, since, now);
        now
    }

    /// Records that `stage` ran from `start` to `end`.
    pub(super) fn interval(&self, stage: Stage, start: Instant, end: Instant) {
        self.intervals.lock().expect("timings")[stage as usize].push((start, end));
    }

    /// "load 8.1 ms, ..., export 80.2 ms, write 12.3 ms (wall); thread time: render 50.1 ms, ...".
    pub(super) fn report(&self) -> String {
        let intervals = self.intervals.lock().expect("timings");
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        let wall: Vec<String> = Stage::ALL
            .iter()
            .map(|s| format!("{} {}", s.name(), ms(wall(&intervals[*s as usize]))))
            .collect();
        let threads: Vec<String> = Stage::ALL
            .iter()
            .map(|s| {
                let sum: Duration = intervals[*s as usize].iter().map(|(a, b)| *b - *a).sum();
                format!("{} {}", s.name(), ms(sum))
            })
            .collect();
        format!(
            "{} (wall); thread time: {}",
            wall.join(", "),
            threads.join(", ")
        )
    }
}

/// The length of the union of `intervals`.
fn wall(intervals: &[(Instant, Instant)]) -> Duration {
    let mut sorted = intervals.to_vec();
    sorted.sort();
    let mut total = Duration::ZERO;
    let mut current: Option<(Instant, Instant)> = None;
    for (start, end) in sorted {
        current = match current {
            Some((a, b)) if start <= b => Some((a, b.max(end))),
            Some((a, b)) => {
                total += b - a;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    total + current.map_or(Duration::ZERO, |(a, b)| b - a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_time_counts_overlapping_stretches_once() {
        let t = Instant::now();
        let ms = Duration::from_millis;
        let stretches = [
            (t, t + ms(10)),
            (t + ms(5), t + ms(12)),
            (t + ms(20), t + ms(21)),
        ];
        assert_eq!(wall(&stretches), ms(13));
        assert_eq!(wall(&[]), Duration::ZERO);
    }
}

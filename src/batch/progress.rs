//! Progress on stderr while a batch runs.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use super::config::{Config, Verbosity};
use crate::fresh::Outcome;
use crate::plan::Brief;

/// Progress on stderr: a bar on a terminal; off a terminal a line per brief built or failed
/// (a no-change build prints only its summary); with `-v` a line per brief; nothing with `-q`.
/// With `--message-format json`, also a record per brief on stdout.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    lines: bool,
    verbose: bool,
    lock: Mutex<()>,
}

impl Progress {
    pub fn new(config: &Config, total: usize) -> Self {
        let quiet = config.verbosity == Verbosity::Quiet;
        let verbose = config.verbosity == Verbosity::Verbose;
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && !verbose && terminal).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} briefs {msg}")
                    .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            lines: verbose || (!quiet && !terminal),
            verbose,
            lock: Mutex::new(()),
        }
    }

    pub fn done(&self, brief: &Brief, outcome: &Outcome) {
        let (status, entry) = match outcome {
            Outcome::Built(e) => ("built", e),
            Outcome::UpToDate(e) => ("up to date", e),
            Outcome::Failed(e, _) | Outcome::NotWritten(e, ..) => ("FAILED", e),
        };
        crate::diag::entry_record("brief", entry);
        let up_to_date = matches!(outcome, Outcome::UpToDate(_));
        if let Some(bar) = &self.bar {
            bar.set_message(brief.key.clone());
            bar.inc(1);
        } else if self.lines && (self.verbose || !up_to_date) {
            let _guard = self.lock.lock();
            let unit = if entry.pages == 1 { "page" } else { "pages" };
            eprintln!(
                "{status:>10} {} ({} {unit})",
                entry.path.display(),
                entry.pages
            );
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

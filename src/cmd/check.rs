//! `check`: loads and validates the data folder and prints a one-line summary.

use crate::diag;
use crate::error::{terminal_safe, Error, Result};
use crate::{load, model};

/// `check`: loads and validates the data folder and prints a one-line summary.
pub(super) fn check(
    data: &crate::defaults::Data,
    templates: &crate::defaults::Templates,
) -> Result<()> {
    let loaded = load::load_data(data)?;
    for notice in &loaded.notices {
        diag::notice(notice);
    }
    let d = &loaded.dataset;
    let points: usize = d.forum.objectives.iter().map(|o| o.key_points.len()).sum();
    let coverage = match &d.declared.pledges.reported_total {
        Some(total) if d.declared.pledges.coverage == model::Coverage::Partial => {
            format!(" (partial: {} of {total})", d.pledges.len())
        }
        _ => String::new(),
    };
    let summary = format!(
        "ok: data {}, templates {}: {} round tables, policy debate and plenary; {} objectives with {points} key points; \
         {} guiding principles; {} countries; {} pledges{coverage}; data hash {}",
        terminal_safe(&data.describe()),
        terminal_safe(&templates.describe()),
        d.forum.round_tables.len(),
        d.forum.objectives.len(),
        d.compact.guiding_principles.len(),
        d.countries.len(),
        d.pledges.len(),
        d.data_hash,
    );
    diag::summary(&summary).or_else(|err| match err.kind() {
        std::io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(Error::io(std::path::Path::new("<stdout>"), err)),
    })
}

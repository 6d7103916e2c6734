//! `check`: loads and validates the data folder and prints a one-line summary.

use crate::diag;
use crate::error::{terminal_safe, Error, Result};
use crate::{load, model};

/// `check`: loads and validates the data folder and prints a one-line summary.
pub(super) fn check(
    data: &crate::defaults::Data,
    templates: &crate::defaults::Templates,
    deny_warnings: bool,
) -> Result<()> {
    let loaded = load::load_data(data)?;
    for notice in &loaded.notices {
        diag::notice(notice);
    }
    // Every edition with a catalog: its catalog complete against the English one, its
    // translations of the data current (a changed English text leaves its translation stale).
    let langs = crate::i18n::available(templates);
    let editions = crate::i18n::Editions::load(&langs, templates, data.path())?;
    let mut warnings = 0;
    let mut translated = Vec::new();
    for edition in editions.list.iter().filter(|e| e.lang != "en") {
        let report = crate::i18n::stale_translations(data.path(), &edition.lang)?;
        for problem in &report.stale {
            let mut problem = problem.clone();
            problem.file = data.shown(&problem.file);
            diag::located_warning(&problem);
        }
        warnings += report.stale.len();
        translated.push(format!(
            "{} ({} translations{})",
            edition.lang,
            report.entries,
            match report.stale.len() {
                0 => String::new(),
                n => format!(", {n} stale"),
            }
        ));
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
         {} guiding principles; {} countries; {} pledges{coverage}; editions: en{}; data hash {}",
        terminal_safe(&data.describe()),
        terminal_safe(&templates.describe()),
        d.forum.round_tables.len(),
        d.forum.objectives.len(),
        d.compact.guiding_principles.len(),
        d.countries.len(),
        d.pledges.len(),
        translated
            .iter()
            .map(|t| format!(", {t}"))
            .collect::<String>(),
        d.data_hash,
    );
    diag::summary(&summary).or_else(|err| match err.kind() {
        std::io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(Error::io(std::path::Path::new("<stdout>"), err)),
    })?;
    if deny_warnings && warnings > 0 {
        return Err(Error::Incomplete(format!(
            "{warnings} warning{} (--deny-warnings)",
            if warnings == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

//! `--open`: shows what a command made, with the platform's opener (the `open` crate: xdg-open
//! and its fallbacks, macOS `open`, Windows `start`) or with the program named by
//! `IMRF_BRIEFS_OPENER` (so that tests and unusual desktops can see or choose what is opened).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::batch::config::Config;
use crate::fresh::Entry;

/// The environment variable naming a program to open things with instead of the platform's
/// opener; it is run with the file or URL as its one argument, and waited for.
pub const OPENER_ENV: &str = "IMRF_BRIEFS_OPENER";

/// What a build made, to open: the pack's PDF, else the one brief's file, else the catalog page.
pub fn made(config: &Config, entries: &[Entry]) -> PathBuf {
    if let Some(pack) = &config.pack {
        let lang = entries.first().map_or("en", |e| e.lang.as_str());
        let name = crate::batch::pack::name(config, pack, lang);
        return config.out.join(format!("{name}.pdf"));
    }
    match entries {
        [one] => config.out.join(&one.path),
        _ => config.out.join(crate::catalog::FILE),
    }
}

/// Opens `target` (a file or a URL); a failure is a warning, never the command's error.
pub fn open(target: &OsStr) {
    let shown = Path::new(target).display().to_string();
    let result = match std::env::var_os(OPENER_ENV).filter(|v| !v.is_empty()) {
        Some(program) => std::process::Command::new(&program)
            .arg(target)
            .status()
            .map_err(|err| format!("{}: {err}", Path::new(&program).display()))
            .and_then(|status| match status.success() {
                true => Ok(()),
                false => Err(format!(
                    "{} exited with {status}",
                    Path::new(&program).display()
                )),
            }),
        None => open::that_detached(target).map_err(|err| err.to_string()),
    };
    if let Err(err) = result {
        crate::diag::warning(&format!("--open: could not open {shown}: {err}"));
    }
}

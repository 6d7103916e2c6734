//! `init [DIR]`: a starter project: a commented `imrf-briefs.yaml`, `data/` (a copy of the
//! embedded data with its README and licences) and, with `--templates`, a copy of the templates.
//! It never overwrites: if any file it would write exists, nothing is written (exit 2).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::project::FILE;
use crate::cli::InitArgs;
use crate::defaults;
use crate::error::{Error, Result};

/// The project file `init` writes: every setting shown, most commented out.
const PROJECT: &str = include_str!("init.yaml");

pub fn init(args: &InitArgs) -> Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let mut files: Vec<(PathBuf, &[u8])> = vec![(PathBuf::from(FILE), PROJECT.as_bytes())];
    files.extend(
        defaults::data_files()
            .into_iter()
            .map(|(name, bytes)| (Path::new("data").join(name), bytes)),
    );
    if args.templates {
        files.extend(
            defaults::template_set()
                .into_iter()
                .map(|(name, bytes)| (Path::new("templates").join(name), bytes)),
        );
    }
    // Whole folders too: files written into an existing data folder would mix with its own.
    let mut targets = vec![PathBuf::from(FILE), PathBuf::from("data")];
    if args.templates {
        targets.push(PathBuf::from("templates"));
    }
    let existing: Vec<String> = targets
        .iter()
        .filter(|t| fs::symlink_metadata(dir.join(t)).is_ok())
        .map(|t| dir.join(t).display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "init: {} already exist{}; init never overwrites, so nothing was written (choose \
             another folder: imrf-briefs init DIR)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        )));
    }
    for (relative, bytes) in &files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|err| Error::io(parent, err))?;
        }
        // `create_new`: a file that appeared since the check is not overwritten either.
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|err| Error::Incomplete(format!("{}: {err}", path.display())))?;
    }
    eprintln!(
        "wrote {FILE}, data/ ({} files){} in {}; next: {}imrf-briefs build",
        defaults::data_files().len(),
        if args.templates {
            format!(", templates/ ({} files)", defaults::template_set().len())
        } else {
            String::new()
        },
        dir.display(),
        if dir == Path::new(".") {
            String::new()
        } else {
            format!("cd {} && ", dir.display())
        }
    );
    Ok(())
}

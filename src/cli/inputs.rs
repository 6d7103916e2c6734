//! Which data, templates and output folder a command uses: a folder asked for (by a flag or the
//! project file) must exist; otherwise `data/` and `templates/` of the project folder (the folder
//! of `imrf-briefs.yaml`, else the working folder) when they exist, else the embedded defaults.

use std::path::{Path, PathBuf};

use crate::cli::project::ProjectFile;
use crate::defaults::{Data, Templates};
use crate::error::{Error, Problem, Result};

/// The folder defaults are relative to: the project file's, else the working folder.
pub fn base(project: Option<&ProjectFile>) -> PathBuf {
    project.map_or_else(|| PathBuf::from("."), |p| p.dir().to_path_buf())
}

/// `name` inside `base`, spelled without a leading `./` for the working folder.
fn under(base: &Path, name: &str) -> PathBuf {
    if base == Path::new(".") {
        PathBuf::from(name)
    } else {
        base.join(name)
    }
}

/// The data a command reads: `asked` (which must be a folder), else the project folder's `data/`,
/// else the embedded data.
pub fn data(asked: Option<&Path>, project: Option<&ProjectFile>) -> Result<Data> {
    match asked {
        Some(dir) if dir.is_dir() => Ok(Data::folder(dir)),
        Some(dir) => Err(missing("data", dir, project, "a copy of the bundled data")),
        None => {
            let dir = under(&base(project), "data");
            if dir.is_dir() {
                Ok(Data::folder(&dir))
            } else {
                Data::embedded()
            }
        }
    }
}

/// The templates a build reads: `asked` (which must be a folder) over the embedded set, else the
/// project folder's `templates/` over it, else the embedded set alone.
pub fn templates(asked: Option<&Path>, project: Option<&ProjectFile>) -> Result<Templates> {
    match asked {
        Some(dir) if dir.is_dir() => Ok(Templates::folder(dir)),
        Some(dir) => Err(missing(
            "templates",
            dir,
            project,
            "a copy of the templates (--templates)",
        )),
        None => {
            let dir = under(&base(project), "templates");
            Ok(if dir.is_dir() {
                Templates::folder(&dir)
            } else {
                Templates::embedded()
            })
        }
    }
}

/// The output folder: `asked`, else `output/` of the project folder.
pub fn out(asked: Option<&Path>, project: Option<&ProjectFile>) -> PathBuf {
    asked.map_or_else(|| under(&base(project), "output"), Path::to_path_buf)
}

/// A folder asked for that is not there: named by the project file's line when the file asked
/// for it, else as a flag's value; with what was looked for and how to fix it.
fn missing(what: &str, dir: &Path, project: Option<&ProjectFile>, init: &str) -> Error {
    let fix = format!(
        "leave it out to use {what}/ of the project folder, else the embedded {what}; or run \
         `imrf-briefs init` to write {init}"
    );
    if let Some(project) = project.filter(|p| p.setting(what) == Some(dir)) {
        return Error::Data(vec![Problem::new(
            project.path(),
            project.line_of_setting(what),
            what,
            format!(
                "no such folder {} (the file's paths are relative to its folder); {fix}",
                dir.display()
            ),
        )]);
    }
    Error::Usage(format!(
        "--{what} {}: no such {what} folder (looked for {}); {fix}",
        dir.display(),
        std::path::absolute(dir)
            .unwrap_or_else(|_| dir.to_path_buf())
            .display()
    ))
}

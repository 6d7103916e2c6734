//! Shell completion: clap_complete's dynamic completion, where the shell asks this executable
//! for candidates at each <Tab>. The generated static scripts complete nothing after a
//! subcommand when the program's name has a hyphen (clap-rs/clap#6421), and they cannot know
//! the brief keys of `--only` or the pack names of the project file, which come from the data.

use std::ffi::OsStr;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use super::Cli;

/// The environment variable through which the shell's registration script calls back.
const VAR: &str = "COMPLETE";

/// Answers a completion request and exits, if this process is one (`COMPLETE=bash
/// imrf-briefs -- ...`, as the script that `completions` prints runs it); otherwise returns.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .bin("imrf-briefs")
        .complete();
}

/// The script that registers the completion for `shell`, calling back the executable named
/// `imrf-briefs` on the PATH.
pub fn registration(shell: clap_complete::Shell) -> Vec<u8> {
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        _ => &Bash,
    };
    let mut script = Vec::new();
    completer
        .write_registration(
            VAR,
            "imrf-briefs",
            "imrf-briefs",
            "imrf-briefs",
            &mut script,
        )
        .expect("writing to memory");
    script
}

/// `--only`: the brief keys of the data folder in the working folder, each with its title; a
/// comma list completes its last item.
pub fn only_keys() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let current = current.to_string_lossy();
        let (done, last) = match current.rfind(',') {
            Some(at) => current.split_at(at + 1),
            None => ("", current.as_ref()),
        };
        // The data a build here would use: the project's (found as commands find it), a data
        // folder, or the embedded set.
        let project = project_here();
        let Ok(data) = super::inputs::data(None, project.as_ref()) else {
            return Vec::new();
        };
        let Ok(loaded) = crate::load::load_data(&data) else {
            return Vec::new();
        };
        crate::plan::plan(&loaded.dataset)
            .into_iter()
            .filter(|brief| brief.key.starts_with(last))
            .map(|brief| {
                CompletionCandidate::new(format!("{done}{}", brief.key))
                    .help(Some(brief.title.into()))
            })
            .collect()
    })
}

/// `pack NAME` and `--pack`: the packs of the project file in the working folder.
pub fn pack_names() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(project) = project_here() else {
            return Vec::new();
        };
        project
            .pack_names()
            .map(|name| CompletionCandidate::new(name.to_string()))
            .collect()
    })
}

/// The project file commands run here would read (in this folder or a parent), if any.
fn project_here() -> Option<super::project::ProjectFile> {
    let dir = super::project::discover();
    super::project::expand(Vec::new(), &dir).ok()?.1
}

//! `.github/workflows/briefs.yml` stays in step with the tool: every imrf-briefs command it runs
//! parses with the real command-line definitions, and the jobs are wired as documented.
//! (`actionlint .github/workflows/briefs.yml` checks the workflow syntax itself.)

use clap::Parser;
use imrf_briefs::cli::Cli;

fn workflow() -> serde_yaml::Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/briefs.yml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every `run:` script of job `job`.
fn scripts(wf: &serde_yaml::Value, job: &str) -> Vec<String> {
    wf["jobs"][job]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str().map(String::from))
        .collect()
}

/// The shell scripts of every workflow: GitHub's `run:` steps and GitLab's `script:` lists.
fn all_scripts() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for name in ["briefs.yml", "review.yml", "release.yml"] {
        let path = root.join(".github/workflows").join(name);
        let wf: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for job in wf["jobs"].as_mapping().unwrap().keys() {
            for script in scripts(&wf, job.as_str().unwrap()) {
                found.push((name.to_string(), script));
            }
        }
    }
    let gitlab: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join(".gitlab-ci.yml")).unwrap())
            .unwrap();
    for (_, job) in gitlab.as_mapping().unwrap() {
        for line in job["script"].as_sequence().into_iter().flatten() {
            found.push((".gitlab-ci.yml".into(), line.as_str().unwrap().to_string()));
        }
    }
    found
}

#[test]
fn every_imrf_briefs_command_in_the_workflows_parses() {
    let mut checked = 0;
    for (file, script) in all_scripts() {
        for line in script.lines() {
            let line = line
                .trim()
                .replace("${{ matrix.shard }}", "1")
                .replace("$CI_NODE_INDEX/$CI_NODE_TOTAL", "1/3")
                .replace("$CI_NODE_INDEX", "1")
                .replace('"', "");
            if line.starts_with("echo") {
                continue;
            }
            // Each command of a shell list (`a || b`, `a && b`, `a; b`), up to a redirection.
            for command in line
                .split("||")
                .flat_map(|c| c.split("&&"))
                .flat_map(|c| c.split(';'))
            {
                // The tool run as the command (`bin/imrf-briefs build ...`), not named by one
                // (`cp target/release/imrf-briefs bin/`).
                let command = command
                    .trim()
                    .trim_start_matches("if ")
                    .trim_start_matches("! ");
                let Some(program) = command.split_whitespace().next() else {
                    continue;
                };
                if !program.ends_with("imrf-briefs") {
                    continue;
                }
                let words: Vec<&str> = command
                    .split(" >")
                    .next()
                    .unwrap()
                    .split_whitespace()
                    .collect();
                match Cli::try_parse_from(&words) {
                    Err(err) if err.kind() != clap::error::ErrorKind::DisplayHelp => {
                        panic!("{file}: {line}: {err}")
                    }
                    _ => {}
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} commands found");
}

#[test]
fn shards_merge_and_publish_are_wired() {
    let wf = workflow();
    let jobs = &wf["jobs"];
    let shards: Vec<u64> = jobs["shard"]["strategy"]["matrix"]["shard"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(shards, [1, 2, 3]);
    assert!(scripts(&wf, "shard")
        .iter()
        .any(|s| s.contains("build --shard \"${{ matrix.shard }}/3\"")));
    assert_eq!(jobs["merge"]["needs"], "shard");
    let merge = scripts(&wf, "merge").join("\n");
    assert!(merge.contains("merge shard-1 shard-2 shard-3 --out output"));
    assert!(merge.contains("build --binder --out output"));
    let uses = |job: &str| -> Vec<String> {
        jobs[job]["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|s| s["uses"].as_str().map(String::from))
            .collect()
    };
    assert!(uses("merge")
        .iter()
        .any(|u| u.starts_with("actions/upload-pages-artifact@")));
    assert!(uses("deploy")
        .iter()
        .any(|u| u.starts_with("actions/deploy-pages@")));
    let text = serde_yaml::to_string(&jobs["tool"]).unwrap();
    assert!(
        text.contains("hashFiles('Cargo.lock')") && text.contains("cargo build --release --locked")
    );
    assert!(wf["on"]["schedule"][0]["cron"].as_str().is_some());
}

#[test]
fn every_job_has_a_timeout_the_cargo_cache_knows_the_rust_version_and_a_refused_pull_still_builds()
{
    let wf = workflow();
    for (name, job) in wf["jobs"].as_mapping().unwrap() {
        assert!(
            job["timeout-minutes"].as_u64().is_some_and(|m| m > 0),
            "job {name:?} has no timeout"
        );
    }
    let tool = serde_yaml::to_string(&wf["jobs"]["tool"]).unwrap();
    assert!(tool.contains("steps.toolchain.outputs.cachekey"), "{tool}");
    let pull = scripts(&wf, "tool").join("\n");
    assert!(
        pull.contains("if ! target/release/imrf-briefs pull") && pull.contains("::warning"),
        "{pull}"
    );
}

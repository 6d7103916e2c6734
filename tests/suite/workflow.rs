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

#[test]
fn every_imrf_briefs_command_in_the_workflow_parses() {
    let wf = workflow();
    let mut checked = 0;
    for job in wf["jobs"].as_mapping().unwrap().keys() {
        for script in scripts(&wf, job.as_str().unwrap()) {
            for line in script.lines() {
                let line = line
                    .trim()
                    .replace("${{ matrix.shard }}", "1")
                    .replace('"', "");
                let Some(at) = line.find("imrf-briefs ") else {
                    continue;
                };
                if line.starts_with("echo") {
                    continue;
                }
                let words: Vec<&str> = line[at..]
                    .split(" >")
                    .next()
                    .unwrap()
                    .split_whitespace()
                    .collect();
                // `merge` and `pull` come from other work on the same issue and may be missing.
                if matches!(words[1], "merge" | "pull") {
                    continue;
                }
                if let Err(err) = Cli::try_parse_from(&words) {
                    panic!("{line}: {err}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "only {checked} commands found");
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

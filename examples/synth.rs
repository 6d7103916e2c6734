//! Writes a synthetic dataset for scale runs and benchmarks:
//! `cargo run --example synth -- --pledges 20000 --out /tmp/synth`.
//!
//! Every other data file (forum, objectives, countries, record, indicators) is the bundled one;
//! the pledges are obviously fictional
//! ("Synthetic Entity 0001") and spread deterministically over the real countries and objectives.
//! The dataset is marked not official, so every brief built from it carries a notice saying so.

use std::fs;
use std::path::{Path, PathBuf};

const TYPES: [&str; 4] = ["State", "Local authority", "UN entity", "Other stakeholder"];
const NATURES: [&str; 4] = [
    "Financial",
    "Policy-oriented",
    "Process-oriented",
    "Human resources",
];

fn main() {
    let mut pledges = 2000usize;
    let mut out = PathBuf::from("target/synth");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pledges" => {
                pledges = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--pledges N")
            }
            "--out" => out = args.next().map(PathBuf::from).expect("--out DIR"),
            other => panic!("unknown argument {other}; usage: synth --pledges N --out DIR"),
        }
    }
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_all_but_pledges(&data, &out);
    fs::create_dir_all(out.join("pledges")).unwrap();
    let manifest = fs::read_to_string(data.join("dataset.yaml"))
        .unwrap()
        .replace("official: true", "official: false")
        .replace(
            "name: \"IMRF 2022 briefing data\"",
            &format!("name: \"Synthetic data, {pledges} fictional pledges\""),
        )
        .replace("coverage: partial", "coverage: complete");
    fs::write(out.join("dataset.yaml"), manifest).unwrap();

    let countries: Vec<String> = fs::read_to_string(data.join("countries.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| line[..3].to_string())
        .collect();
    let mut writer = csv::Writer::from_path(out.join("pledges/synthetic.csv")).unwrap();
    writer
        .write_record([
            "id",
            "title",
            "entity",
            "entity_type",
            "country_iso3",
            "nature",
            "objectives",
            "summary",
        ])
        .unwrap();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    for i in 1..=pledges {
        let country = &countries[next() % countries.len()];
        let objectives: Vec<String> = (0..1 + next() % 3)
            .map(|_| (1 + next() % 23).to_string())
            .collect();
        writer
            .write_record([
                format!("synthetic-{i:05}"),
                format!("Synthetic pledge {i:05}"),
                format!("Synthetic Entity {:04}", 1 + next() % 9999),
                TYPES[next() % 4].to_string(),
                country.clone(),
                NATURES[next() % 4].to_string(),
                objectives.join(";"),
                "Fictional record generated for scale tests.".to_string(),
            ])
            .unwrap();
    }
    writer.flush().unwrap();
    eprintln!("wrote {pledges} synthetic pledges to {}", out.display());
}

/// Copies the folder `from` into `to`, leaving out its pledge files.
fn copy_all_but_pledges(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "pledges" {
                copy_all_but_pledges(&path, &target);
            }
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

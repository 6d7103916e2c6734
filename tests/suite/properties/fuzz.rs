//! Property tests of the loaders on random input: no panic, time linear in the input's size, and
//! either a loaded dataset or problems that each name their file and line.

use crate::support::Rng;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::data_with;
use imrf_briefs::dates;
use imrf_briefs::error::Error;
use imrf_briefs::load::load;

/// Pieces that mean something to CSV, YAML, lists and dates.
const POOL: &[&str] = &[
    ",",
    ";",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "(",
    ")",
    "(inferred)",
    ":",
    "- ",
    "  ",
    "#",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    "'",
    "Objective 5",
    "5",
    "23",
    "24",
    "MEX",
    "Global",
    "State",
    "2022-02-30",
    "2022-05-17",
    "x",
    "ü",
    "\u{1b}",
    "\u{0}",
    "\u{feff}",
    "\t",
    "|",
    ">",
    "!!str ",
    "~",
    "null",
    "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    (0..pieces).map(|_| rng.pick(POOL)).collect()
}

/// Loads `data`: a dataset, or problems that all name their file and line.
fn assert_loads_or_locates(data: &Path, what: &str) {
    match load(data) {
        Ok(_) => {}
        Err(Error::Data(problems)) => {
            assert!(!problems.is_empty(), "{what}: no problem given");
            for problem in &problems {
                assert!(problem.file.starts_with(data), "{what}: {problem}");
                assert!(problem.line.is_some(), "{what}: no line in {problem}");
            }
        }
        Err(other) => panic!("{what}: {other}"),
    }
}

#[test]
fn random_pledge_files_load_or_give_located_problems() {
    let data = data_with("none");
    let pledges = data.path().join("pledges/imrf-2022.csv");
    let original = fs::read_to_string(&pledges).unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for case in 0..60 {
        // Random rows after the real header, or random bytes spliced into the real file.
        let text = if case % 2 == 0 {
            let header = original.lines().next().unwrap();
            format!("{header}\n{}", random_text(&mut rng, 200))
        } else {
            let at = (rng.next() as usize) % original.len();
            let at = (0..=at)
                .rev()
                .find(|&i| original.is_char_boundary(i))
                .unwrap();
            format!(
                "{}{}{}",
                &original[..at],
                random_text(&mut rng, 30),
                &original[at..]
            )
        };
        fs::write(&pledges, &text).unwrap();
        assert_loads_or_locates(data.path(), &format!("pledge case {case}: {text:?}"));
    }
}

#[test]
fn random_edits_of_yaml_files_load_or_give_located_problems() {
    let data = data_with("none");
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    for file in ["forum/imrf-2022.yaml", "objectives.yaml", "dataset.yaml"] {
        let path = data.path().join(file);
        let original = fs::read_to_string(&path).unwrap();
        for case in 0..25 {
            let at = (rng.next() as usize) % original.len();
            let at = (0..=at)
                .rev()
                .find(|&i| original.is_char_boundary(i))
                .unwrap();
            let pieces = 1 + (rng.next() % 6) as usize;
            let insert = random_text(&mut rng, pieces);
            let text = format!("{}{insert}{}", &original[..at], &original[at..]);
            fs::write(&path, &text).unwrap();
            assert_loads_or_locates(
                data.path(),
                &format!("{file} case {case}: {insert:?} at {at}"),
            );
        }
        fs::write(&path, original).unwrap();
    }
}

#[test]
fn random_dates_are_checked_without_panic() {
    let mut rng = Rng(0x5eed_1234_abcd_0003);
    let digits = ["0", "1", "2", "3", "9", "-", "x", "é", ""];
    for _ in 0..5000 {
        let text: String = (0..(rng.next() % 12)).map(|_| rng.pick(&digits)).collect();
        if let Ok(date) = dates::check(&text) {
            assert_eq!(date.to_string(), text, "accepted {text:?}");
        }
    }
    for good in ["2022-05-17", "2000-02-29", "1999-12-31"] {
        assert!(dates::check(good).is_ok(), "{good}");
    }
}

/// Time to load the bundled data with one pledge's objectives cell made of `pieces` items.
fn load_time_with_objectives(data: &Path, original: &str, pieces: usize) -> Duration {
    let items = [
        "Objective 5",
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "7 (inferred)",
        "Strengthen international cooperation and global partnerships for safe",
    ];
    let cell: Vec<&str> = (0..pieces).map(|i| items[i % items.len()]).collect();
    let text = original.replacen(
        ",1;2;3;4;5;6;7;8,",
        &format!(",\"{}\",", cell.join(", ")),
        1,
    );
    fs::write(data.join("pledges/imrf-2022.csv"), text).unwrap();
    let started = Instant::now();
    let _ = load(data);
    started.elapsed()
}

#[test]
fn objectives_cells_parse_in_linear_time() {
    let data = data_with("none");
    let original = fs::read_to_string(data.path().join("pledges/imrf-2022.csv")).unwrap();
    // Warm up, then compare a cell with 8 times as many items (cubic time: 512 times as long).
    load_time_with_objectives(data.path(), &original, 10);
    let small = (0..3)
        .map(|_| load_time_with_objectives(data.path(), &original, 400))
        .min()
        .unwrap();
    let large = (0..3)
        .map(|_| load_time_with_objectives(data.path(), &original, 3200))
        .min()
        .unwrap();
    assert!(
        large < small * 40 + Duration::from_millis(50),
        "400 items: {small:?}, 3200 items: {large:?}"
    );
}

#[test]
fn yaml_aliases_cost_time_linear_in_the_text_not_in_the_expansion() {
    let data = data_with("none");
    let path = data.path().join("objectives.yaml");
    let mut bomb = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
    {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    fs::write(&path, bomb).unwrap();
    let started = Instant::now();
    match load(data.path()) {
        Err(Error::Data(problems)) => {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert!(
                text.iter()
                    .any(|p| p.contains("objectives.yaml:") && p.contains("bytes")),
                "{text:?}"
            );
        }
        Ok(_) => panic!("a billion laughs loaded"),
        Err(other) => panic!("{other}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

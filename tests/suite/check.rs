//! `imrf-briefs check`: the bundled data passes; every broken input gives file, line, field, exit 2.

use std::fs;

use crate::support::{data_with, run, stderr, stdout, Run};

#[test]
fn bundled_data_passes_with_counts() {
    Run::new(&["check"])
        .stdout_has("4 round tables")
        .stdout_has("23 objectives with")
        .stdout_has("10 guiding principles")
        .stdout_has("195 countries")
        .stdout_has("39 pledges (partial: 39 of about 214)")
        .go();
}

/// Runs `check` on the bundled data overlaid with a broken fixture; returns stderr.
fn check_fails(case: &str) -> String {
    let data = data_with(case);
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{case}: {}", stderr(&out));
    // Paths in messages are relative to the data folder given.
    stderr(&out).replace(data.path().to_str().unwrap(), "DATA")
}

#[test]
fn yaml_syntax_error_names_file_and_line() {
    let err = check_fails("broken-yaml-syntax");
    assert!(
        err.contains("DATA/forum/imrf-2022.yaml:10: did not find expected key"),
        "{err}"
    );
}

#[test]
fn unknown_objective_number_names_field_and_line() {
    let err = check_fails("broken-objective-number");
    assert!(
        err.contains(
            "DATA/forum/imrf-2022.yaml:14: round_tables[0].objectives: objective 24 does not exist"
        ),
        "{err}"
    );
}

#[test]
fn cross_references_are_all_reported() {
    let err = check_fails("broken-coverage");
    assert!(
        err.contains(
            "round_tables[1].objectives[0]: objective 2 is already covered by round table 1"
        ),
        "{err}"
    );
    assert!(
        err.contains("round_tables: objective 4 is not covered by any round table"),
        "{err}"
    );
    assert!(
        err.contains("objectives: objective 23 is missing: every objective 1-23 has key points"),
        "{err}"
    );
}

#[test]
fn bad_pledge_rows_name_file_line_and_column() {
    let err = check_fails("broken-pledges");
    let expected = [
        "DATA/pledges/zz-broken.csv:2: main three GCM objectives: `Objective 99` is not a GCM objective",
        "DATA/pledges/zz-broken.csv:3: Country of implementation: `Atlantis` is not a country",
        "DATA/pledges/zz-broken.csv:4: Pledging entity: unknown entity type `Planet`",
        "DATA/pledges/zz-broken.csv:5: Name of the pledge: is empty",
        "DATA/pledges/zz-broken.csv:6: id: pledge id `2250` is also used at DATA/pledges/imrf-2022.csv:2",
        "DATA/pledges/zz-broken.csv:7: row has 3 fields, the header has 9",
    ];
    for line in expected {
        assert!(err.contains(line), "missing {line:?} in\n{err}");
    }
}

#[test]
fn missing_required_column_is_named() {
    let err = check_fails("broken-pledge-columns");
    assert!(
        err.contains("DATA/pledges/zz-nocolumns.csv:1: title: required column is missing"),
        "{err}"
    );
}

#[test]
fn dashboard_export_headers_load_with_notices_for_unknown_columns() {
    let data = data_with("dashboard-export");
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("42 pledges"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("Favourite colour: unknown column, ignored"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_indicator_column_is_a_located_notice_as_in_pledge_files() {
    let data = data_with("none");
    let indicators = data.path().join("indicators/undesa-migrant-stock-2024.csv");
    let text = fs::read_to_string(&indicators).unwrap();
    let text: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { "note" } else { "" }))
        .collect();
    fs::write(&indicators, text).unwrap();
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out).replace(data.path().to_str().unwrap(), "DATA");
    assert!(
        err.contains(
            "DATA/indicators/undesa-migrant-stock-2024.csv:1: note: unknown column, ignored"
        ),
        "{err}"
    );
}

#[test]
fn a_duplicated_indicator_column_is_an_error_as_in_pledge_files() {
    let data = data_with("none");
    fs::write(
        data.path().join("indicators/zz.csv"),
        "iso3,indicator,year,value,unit,source,Year\nMEX,Fictional,1990,1,persons,Test,1991\n",
    )
    .unwrap();
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out).replace(data.path().to_str().unwrap(), "DATA");
    assert!(
        err.contains("DATA/indicators/zz.csv:1: Year: a second column for the same field"),
        "{err}"
    );
}

#[test]
fn an_indicator_code_that_is_neither_a_state_nor_a_known_area_is_an_error_at_its_line() {
    let data = data_with("none");
    fs::write(
        data.path().join("indicators/zz.csv"),
        "iso3,indicator,year,value,unit,source\n\
         MEX,Fictional,1990,1,persons,Test\n\
         ABW,Fictional,1990,1,persons,Test\n\
         XXX,Fictional,1990,1,persons,Test\n\
         XCX,Fictional,1990,1,persons,Test\n",
    )
    .unwrap();
    for command in ["check", "build"] {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec![command, "--data", data.path().to_str().unwrap()];
        if command == "build" {
            args.extend(["--only", "MEX", "--out", out.path().to_str().unwrap()]);
        }
        let ran = run(&args);
        assert_eq!(ran.status.code(), Some(2), "{}", stderr(&ran));
        let err = stderr(&ran).replace(data.path().to_str().unwrap(), "DATA");
        assert!(
            err.contains("DATA/indicators/zz.csv:4: iso3: `XXX` is neither a State"),
            "{err}"
        );
        // Aruba and the Channel Islands are areas UN DESA publishes: no problem.
        assert_eq!(err.matches("is neither a State").count(), 1, "{err}");
        assert!(!out.path().join("manifest.json").exists());
    }
}

#[test]
fn the_bundled_areas_set_aside_are_the_undesa_tables_areas_that_are_not_states() {
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // One notice for the bundled UN DESA file, and nothing else.
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("undesa-migrant-stock-2024.csv: iso3: ") && err.contains("39 areas"),
        "{err}"
    );
    // The areas table is derived from the bundled UN DESA table (data/README.md): its codes
    // that are not States of countries.csv, and nothing else.
    let codes = |file: &str, column: usize| -> std::collections::BTreeSet<String> {
        let text = fs::read_to_string(crate::support::root().join("data").join(file)).unwrap();
        text.lines()
            .skip(1)
            .map(|l| l.split(',').nth(column).unwrap().to_string())
            .collect()
    };
    let states = codes("countries.csv", 0);
    let undesa = codes("indicators/undesa-migrant-stock-2024.csv", 0);
    let expected: std::collections::BTreeSet<String> =
        undesa.difference(&states).cloned().collect();
    assert_eq!(codes("areas.csv", 0), expected);
    assert_eq!(expected.len(), 39);
}

#[test]
fn without_an_areas_table_codes_that_are_not_states_are_set_aside_unchecked() {
    let data = data_with("none");
    let dataset = data.path().join("dataset.yaml");
    let text = fs::read_to_string(&dataset).unwrap();
    fs::write(&dataset, text.replace("areas: areas.csv\n", "")).unwrap();
    fs::write(
        data.path().join("indicators/zz.csv"),
        "iso3,indicator,year,value,unit,source\nXXX,Fictional,1990,1,persons,Test\n",
    )
    .unwrap();
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out).replace(data.path().to_str().unwrap(), "DATA");
    assert!(
        err.contains(
            "DATA/indicators/zz.csv: iso3: 1 rows for 1 areas that are not States (no brief) set \
             aside unchecked (dataset.yaml names no `areas` table): XXX"
        ),
        "{err}"
    );
}

#[test]
fn an_areas_table_row_that_is_a_state_repeated_or_unsourced_is_an_error_at_its_line() {
    let data = data_with("none");
    fs::write(
        data.path().join("areas.csv"),
        "iso3,source\nABW,UN DESA\nMEX,UN DESA\nABW,UN DESA\nAIA,\nab1,UN DESA\n",
    )
    .unwrap();
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out).replace(data.path().to_str().unwrap(), "DATA");
    for expected in [
        "DATA/areas.csv:3: iso3: `MEX` is a State of the countries table",
        "DATA/areas.csv:4: iso3: `ABW` is listed twice",
        "DATA/areas.csv:5: source: empty",
        "DATA/areas.csv:6: iso3: `ab1` is not",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
}

#[test]
fn every_problem_of_a_forum_file_is_listed_in_one_run() {
    let data = data_with("none");
    let forum = data.path().join("forum/imrf-2022.yaml");
    let text = fs::read_to_string(&forum).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("venue:"))
        .map(|l| {
            format!(
                "{}\n",
                l.replace("in_person: 19", "in_person: \"nineteen\"")
            )
        })
        .collect();
    let line = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    // A missing field is reported where its map's fields start, as serde_yaml reports it.
    let (in_person, forum_line) = (line("    in_person:"), line("forum:") + 1);
    fs::write(&forum, &text).unwrap();
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out).replace(data.path().to_str().unwrap(), "DATA");
    for problem in [
        format!("DATA/forum/imrf-2022.yaml:{in_person}: forum.side_events.in_person: invalid type: string \"nineteen\", expected u32"),
        format!("DATA/forum/imrf-2022.yaml:{forum_line}: forum: missing field `venue`"),
    ] {
        assert!(err.contains(&problem), "missing {problem:?} in\n{err}");
    }
    assert!(err.contains("2 problems in the input data"), "{err}");
}

#[test]
fn missing_data_folder_is_a_usage_error() {
    let out = run(&["check", "--data", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/folder: no such data folder"));
}

#[test]
fn objectives_may_be_listed_in_any_order() {
    let (_data, out_dir, out) =
        crate::support::build_fixture("objectives-reordered", &["-q", "--only", "5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = crate::support::pdf_text(&out_dir.path().join("objectives/objective-05.pdf"));
    assert!(text.contains("Enhance availability and flexibility of pathways for regular migration"));
    // With the list reversed, a lookup by position would give objective 19's title.
    assert!(!text.contains("Create conditions for migrants and diasporas"));
}

#[test]
fn deeply_nested_yaml_is_refused_with_file_line_and_field() {
    let block_maps: String = (0..3_000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i + 1)))
        .collect();
    // Each with the line of its 65th level, after the file's own lines.
    let cases = [
        (format!("deep:\n{block_maps}"), 65),
        (
            format!("deep: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            1,
        ),
        (format!("deep:\n{}1\n", "- ".repeat(30_000)), 2),
    ];
    for (case, line) in cases {
        let data = data_with("none");
        let forum = data.path().join("forum/imrf-2022.yaml");
        let lines = fs::read_to_string(&forum).unwrap().lines().count();
        let mut text = fs::read_to_string(&forum).unwrap();
        text.push_str(&case);
        fs::write(&forum, text).unwrap();
        for command in ["check", "build"] {
            let out = tempfile::tempdir().unwrap();
            let mut args = vec![command, "--data", data.path().to_str().unwrap()];
            if command == "build" {
                args.extend(["--only", "5", "--out", out.path().to_str().unwrap()]);
            }
            let run = run(&args);
            assert_eq!(run.status.code(), Some(2), "{command}: {}", stderr(&run));
            let err = stderr(&run).replace(data.path().to_str().unwrap(), "DATA");
            let at = format!("DATA/forum/imrf-2022.yaml:{}: deep", lines + line);
            assert!(
                err.contains(&at),
                "{command}: {at}: {}",
                &err[..err.len().min(600)]
            );
            assert!(err.contains("nests more than 64 levels deep"), "{command}");
            assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0, "{command}");
        }
    }
}

#[test]
fn a_nul_in_a_csv_cell_names_file_line_and_field() {
    let data = data_with("none");
    let pledges = data.path().join("pledges/imrf-2022.csv");
    let text = fs::read_to_string(&pledges).unwrap();
    fs::write(&pledges, text.replacen("Review of", "Review\0 of", 1)).unwrap();
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out).replace(data.path().to_str().unwrap(), "DATA");
    assert!(
        err.contains(
            "DATA/pledges/imrf-2022.csv:2: title: the cell holds a control character (U+0000)"
        ),
        "{err}"
    );
}

#[test]
fn a_nul_byte_in_yaml_is_reported_at_its_line() {
    let data = data_with("none");
    let forum = data.path().join("forum/imrf-2022.yaml");
    let text = fs::read_to_string(&forum).unwrap();
    let line = text.lines().position(|l| l.contains("venue:")).unwrap() + 1;
    fs::write(&forum, text.replacen("venue: ", "venue: \0", 1)).unwrap();
    let out = run(&["check", "--data", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out).replace(data.path().to_str().unwrap(), "DATA");
    let at =
        format!("DATA/forum/imrf-2022.yaml:{line}: the text holds a control character (U+0000)");
    assert!(err.contains(&at), "{err}");
}

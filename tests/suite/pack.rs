//! Briefing packs (`packs:` in imrf-briefs.yaml): `build --pack NAME` and `pack NAME` write one
//! PDF with one cover, one contents page, the briefs grouped by kind (in the order listed within
//! a kind) and page numbers running
//! on; two-sided (each brief on a right-hand page) or one-sided; mistakes name file and line.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{cmd, root, sha256, stderr};

/// The meeting is fictional; the briefs are the bundled data's.
const PACKS: &str = r#"packs:
  fictional-consultation:
    title: "Consultation of the Fictional Working Group"
    date: 2026-12-03
    place: "Geneva"
    stamp: "DRAFT"
    briefs: [GHA, western-africa, 5, Nigeria]
  fictional-lunch:
    title: "Working lunch of the Fictional Working Group"
    date: 2026-02-27
    place: "New York"
    one_sided: true
    briefs:
      - 5
      - GHA
"#;

/// A working folder holding `imrf-briefs.yaml` (bundled data and templates, out `site`) with
/// `packs` appended.
fn project(packs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "data: {}\ntemplates: {}\nout: site\n{packs}",
        root().join("data").display(),
        root().join("templates").display()
    );
    fs::write(dir.path().join("imrf-briefs.yaml"), text).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    cmd()
        .current_dir(dir)
        .env_remove("IMRF_BRIEFS_PROFILE")
        .args(args)
        .output()
        .unwrap()
}

/// The text of each page of a PDF, whitespace folded.
fn pages(path: &Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf_extract::extract_text_from_mem_by_pages(&bytes)
        .expect("PDF text extracts")
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The pages of each brief as the manifest records them, by key.
fn brief_pages(out: &Path, key: &str) -> usize {
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    manifest["briefs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["key"] == key)
        .unwrap_or_else(|| panic!("{key} in the manifest"))["pages"]
        .as_u64()
        .unwrap() as usize
}

/// The page number the contents page gives after `title`.
fn contents_page(contents: &str, title: &str) -> usize {
    let at = contents
        .find(title)
        .unwrap_or_else(|| panic!("{title} in the contents: {contents}"));
    let rest = &contents[at + title.len()..];
    // The number after the dot leaders (a title may hold digits, as "M49" does).
    let digits: String = rest
        .chars()
        .skip_while(|c| *c != '.')
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

/// Every "Page N of M" footer: N is the page's own position and M the page count; returns how
/// many pages carry one.
fn check_page_numbers(pages: &[String]) -> usize {
    let total = pages.len();
    let mut numbered = 0;
    for (i, text) in pages.iter().enumerate() {
        if let Some(at) = text.rfind("Page ") {
            let footer = &text[at..];
            assert!(
                footer.starts_with(&format!("Page {} of {total}", i + 1)),
                "page {} reads {footer:?}",
                i + 1
            );
            numbered += 1;
        }
    }
    numbered
}

/// Contents titles of the pack's briefs (listed as GHA, western-africa, 5, Nigeria), grouped by
/// kind: the objective, the region, then the delegations in the order listed.
const TITLES: [&str; 4] = ["Objective 5:", "Western Africa", "Ghana", "Nigeria"];

#[test]
fn a_two_sided_pack_has_one_cover_one_contents_and_continuous_page_numbers() {
    let dir = project(PACKS);
    let out = run_in(dir.path(), &["build", "--pack", "fictional-consultation"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Assembled from the briefs' PDFs, not typeset again.
    assert!(!stderr(&out).contains("not assembled"), "{}", stderr(&out));
    let site = dir.path().join("site");
    let pdf = site.join("packs/fictional-consultation.pdf");
    let pages = pages(&pdf);
    let all = pages.join(" ");

    let cover = &pages[0];
    for wanted in [
        "Consultation of the Fictional Working Group",
        "3 December 2026",
        "Geneva",
        "DRAFT",
        "4 briefs",
    ] {
        assert!(cover.contains(wanted), "cover lacks {wanted}: {cover}");
    }
    // The stamp and the pack's name on the cover and in the footer of every page of its briefs.
    for (i, page) in pages.iter().enumerate().skip(1) {
        if page.contains("Page ") {
            assert!(
                page.contains("DRAFT"),
                "page {} has no stamp: {page}",
                i + 1
            );
            assert!(
                page.contains("Consultation of the Fictional Working Group ·"),
                "page {} does not name the pack: {page}",
                i + 1
            );
        }
    }
    assert_eq!(all.matches("Contents").count(), 1, "one contents page");

    // Two-sided: the cover's back is blank, the contents on page 3, each brief on an odd page.
    let contents = &pages[2];
    assert!(contents.starts_with("Contents"), "{contents}");
    let starts: Vec<usize> = TITLES.iter().map(|t| contents_page(contents, t)).collect();
    assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "grouped order: {starts:?}"
    );
    // Each group under its heading, in kind order; no heading for a kind the pack lacks.
    let group = |heading: &str, first: &str| {
        let at = contents
            .find(heading)
            .unwrap_or_else(|| panic!("{heading}: {contents}"));
        assert!(
            contents[at + heading.len()..]
                .trim_start()
                .starts_with(first),
            "{heading} is not followed by {first}: {contents}"
        );
        at
    };
    let headings = [
        group("Objective briefs", "Objective 5:"),
        group("Region briefs", "Western Africa"),
        group("Delegation briefs", "Ghana"),
    ];
    assert!(headings.windows(2).all(|w| w[0] < w[1]), "{contents}");
    assert!(!contents.contains("Overview"), "{contents}");
    for (title, start) in TITLES.iter().zip(&starts) {
        assert_eq!(
            start % 2,
            1,
            "{title} starts on page {start}, a left-hand page"
        );
        let page = &pages[start - 1];
        let name = title.trim_end_matches(':');
        assert!(page.contains(name), "page {start} is not {title}'s: {page}");
    }
    // Each brief keeps its own pages; a blank back only where a brief ends on a right-hand page.
    let keys = ["05", "western-africa", "GHA", "NGA"];
    for (i, key) in keys.iter().enumerate() {
        let length = brief_pages(&site, key);
        let next = starts.get(i + 1).copied().unwrap_or(pages.len() + 1);
        let end = starts[i] + length;
        assert!(
            next == end || (next == end + 1 && end.is_multiple_of(2)),
            "{key}: {starts:?}"
        );
    }
    let numbered = check_page_numbers(&pages);
    let body: usize = keys.iter().map(|k| brief_pages(&site, k)).sum();
    // Every page of every brief and the contents page are numbered; the cover and the blank
    // backs are not (a blank page stays blank: no footer either).
    assert_eq!(numbered, body + 1, "every page but the cover and blanks");
    assert!(!pages[0].contains("Page "), "the cover is not numbered");
    assert!(
        contents.contains(&format!("Page 3 of {}", pages.len())),
        "{contents}"
    );
    assert!(
        contents.contains("Consultation of the Fictional Working Group · DRAFT"),
        "the contents footer names the pack and its stamp: {contents}"
    );
    assert!(
        pages[1].is_empty() && pages[3].is_empty(),
        "blank backs stay blank"
    );
    assert!(pages
        .last()
        .unwrap()
        .contains(&format!("Page {0} of {0}", pages.len())));

    // The catalog lists the pack.
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("packs/fictional-consultation.pdf"));
}

#[test]
fn a_one_sided_pack_has_no_blank_pages_and_reuses_built_briefs() {
    let dir = project(PACKS);
    let out = run_in(
        dir.path(),
        &["pack", "fictional-lunch", "--paper", "us-letter"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("site");
    // One-sided on Letter: the variant's folder (see the README's Variants).
    let printed = pages(&site.join("us-letter-one-sided/packs/fictional-lunch.pdf"));
    let body = brief_pages(&site, "05") + brief_pages(&site, "GHA");
    assert_eq!(
        printed.len(),
        2 + body,
        "cover, contents, then the briefs back to back"
    );
    assert!(printed.iter().all(|p| !p.is_empty()), "no blank page");
    // The contents page is numbered too, and numbering it added no page.
    assert_eq!(check_page_numbers(&printed), body + 1);
    let contents = &printed[1];
    assert!(
        contents.contains(&format!("Page 2 of {}", printed.len())),
        "{contents}"
    );
    assert_eq!(contents_page(contents, "Objective 5:"), 3);
    assert_eq!(
        contents_page(contents, "Ghana"),
        3 + brief_pages(&site, "05")
    );
    assert!(!printed[0].contains("DRAFT"), "no stamp unless asked for");

    // The manifest records the pack like a brief: path, pages and the sha256 of its bytes.
    let pack = site.join("us-letter-one-sided/packs/fictional-lunch.pdf");
    let recorded = || {
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(site.join("manifest.json")).unwrap()).unwrap();
        let bound = manifest["bound"]
            .as_array()
            .expect("bound in manifest")
            .clone();
        assert_eq!(bound.len(), 1, "{bound:?}");
        bound[0].clone()
    };
    let entry = recorded();
    assert_eq!(entry["kind"], "pack");
    assert_eq!(
        entry["path"],
        "us-letter-one-sided/packs/fictional-lunch.pdf"
    );
    assert_eq!(entry["paper"], "us-letter");
    assert_eq!(entry["one_sided"], true);
    assert_eq!(entry["pages"], printed.len());
    assert_eq!(
        entry["sha256"].as_str().unwrap(),
        sha256(&fs::read(&pack).unwrap())
    );

    // Built again: the briefs and the pack are reused, not compiled again.
    let again = || {
        run_in(
            dir.path(),
            &["pack", "fictional-lunch", "--paper", "us-letter"],
        )
    };
    let out = again();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 built, 2 up to date"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("packs/fictional-lunch.pdf (up-to-date)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(recorded()["status"], "up-to-date");

    // A pack file damaged on disk (same size) is bound again, never called up to date.
    let mut bytes = fs::read(&pack).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x20;
    fs::write(&pack, &bytes).unwrap();
    let out = again();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("packs/fictional-lunch.pdf (built)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        recorded()["sha256"],
        entry["sha256"],
        "the same bytes as the first time"
    );

    // Another stamp in the project file changes the pack (only): it is bound again.
    let text = fs::read_to_string(dir.path().join("imrf-briefs.yaml")).unwrap();
    let stamped = text.replace(
        "one_sided: true",
        "one_sided: true\n    stamp: \"RESTRICTED\"",
    );
    fs::write(dir.path().join("imrf-briefs.yaml"), stamped).unwrap();
    let out = again();
    assert!(
        stderr(&out).contains("0 built, 2 up to date"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("packs/fictional-lunch.pdf (built)"),
        "{}",
        stderr(&out)
    );
    assert!(pages(&pack)[0].contains("RESTRICTED"));

    // A brief of the pack fails: the pack on disk no longer matches its briefs, so it is kept
    // but recorded as failed, and bound again by the next good build.
    let templates = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&root().join("templates"), templates.path());
    let delegation = templates.path().join("delegation.typ.j2");
    let text = fs::read_to_string(&delegation).unwrap();
    fs::write(
        &delegation,
        text.replacen("{% block body %}", "{% block body %}\n#(", 1),
    )
    .unwrap();
    let t = templates.path().to_str().unwrap();
    let out = run_in(
        dir.path(),
        &[
            "pack",
            "fictional-lunch",
            "--paper",
            "us-letter",
            "--templates",
            t,
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("binders and packs not written"),
        "{}",
        stderr(&out)
    );
    assert!(pack.exists());
    assert_eq!(recorded()["status"], "failed");
    let out = again();
    assert!(
        stderr(&out).contains("packs/fictional-lunch.pdf (built)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_pack_or_brief_or_a_bad_date_names_the_file_and_line() {
    let dir = project(PACKS);
    let out = run_in(dir.path(), &["pack", "fictional-dinner"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("pack fictional-dinner:")
            && err
                .contains("imrf-briefs.yaml defines only fictional-consultation, fictional-lunch"),
        "{err}"
    );
    assert!(!dir.path().join("site").exists(), "nothing written");

    let bad = PACKS
        .replace("2026-02-27", "2026-02-30")
        .replace("      - GHA", "      - GHX");
    let dir = project(&bad);
    let out = run_in(dir.path(), &["pack", "fictional-lunch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("imrf-briefs.yaml:13: packs.fictional-lunch.date: `2026-02-30` is not a real calendar date"),
        "{err}"
    );
    let fixed = bad.replace("2026-02-30", "2026-02-27");
    let dir = project(&fixed);
    let out = run_in(dir.path(), &["build", "--pack", "fictional-lunch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("imrf-briefs.yaml:18: packs.fictional-lunch.briefs: `GHX` names no brief")
            && err.contains("did you mean `GHA` (Ghana)?"),
        "{err}"
    );

    let out = run_in(dir.path(), &["pack", "fictional-lunch", "--only", "5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the pack lists its briefs"),
        "{}",
        stderr(&out)
    );

    let empty = tempfile::tempdir().unwrap();
    let out = run_in(empty.path(), &["pack", "fictional-lunch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("there is no imrf-briefs.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_readme_example_pack_builds() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Project file").expect("the section")..];
    let start = section.find("```yaml\n").expect("an example") + "```yaml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    assert!(example.contains("packs:"), "{example}");
    let dir = tempfile::tempdir().unwrap();
    let example = example
        .replace(
            "data: data\n",
            &format!("data: {}\n", root().join("data").display()),
        )
        .replace(
            "templates: templates\n",
            &format!("templates: {}\n", root().join("templates").display()),
        );
    fs::write(dir.path().join("imrf-briefs.yaml"), example).unwrap();
    let out = run_in(dir.path(), &["pack", "geneva-consultation", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = pages(&dir.path().join("output/packs/geneva-consultation.pdf"));
    assert!(
        pages[0].contains("Regional consultation, Western Africa") && pages[0].contains("DRAFT")
    );
    assert_eq!(pages.join(" ").matches("Contents").count(), 1);
}

#[test]
fn ua1_packs_and_binders_build_and_bound_briefs_carry_the_stamp_and_the_pack_name() {
    let dir = project(PACKS);
    let out = run_in(
        dir.path(),
        &["pack", "fictional-consultation", "--pdf-standard", "ua-1"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pack = pages(
        &dir.path()
            .join("site/pdf-ua-1/packs/fictional-consultation.pdf"),
    );
    // A brief's second page inside the pack: its footer names the pack.
    let footers = pack
        .iter()
        .filter(|p| {
            p.contains("Consultation of the Fictional Working Group ·") && p.contains("DRAFT")
        })
        .count();
    assert!(footers > 2, "{pack:?}");
    let out = run_in(
        dir.path(),
        &[
            "build",
            "--binder",
            "--by",
            "objective",
            "--only",
            "1,2",
            "--pdf-standard",
            "ua-1",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir
        .path()
        .join("site/pdf-ua-1/binders/objectives-selection.pdf")
        .is_file());
}

//! How delegation briefs end their last page, on A4 and US Letter, read from typst's own laid-out
//! document: never on the colophon alone, never on less than a quarter page (issue 20; the
//! fuller survey, with binders and type sizes, is `bench/pages.py`).

use crate::support::run;
use imrf_briefs::compile::compile;
use imrf_briefs::compile::world::{font_store, Engine, FontOptions};
use std::fs;
use typst::foundations::Datetime;
use typst::layout::{Abs, Frame, FrameItem, Point};

/// The page margins of templates/lib/page.typ: the running head sits above the top one, the
/// footer below the bottom one.
const TOP_MM: f64 = 26.0;
const BOTTOM_MM: f64 = 24.0;

/// A line of text in a page's body: its baseline and its text.
struct Line {
    y: Abs,
    text: String,
}

/// The text runs and shapes of a frame with their positions on the page.
fn walk(frame: &Frame, at: Point, lines: &mut Vec<Line>) {
    for (pos, item) in frame.items() {
        let here = at + *pos;
        match item {
            FrameItem::Group(group) => walk(&group.frame, here, lines),
            FrameItem::Text(text) => lines.push(Line {
                y: here.y,
                text: text.text.to_string(),
            }),
            FrameItem::Shape(..) | FrameItem::Image(..) => lines.push(Line {
                y: here.y,
                text: String::new(),
            }),
            _ => {}
        }
    }
}

/// A delegation brief's key, its page count and (last page) the share of the body height its
/// content reaches down to and the first text of its body.
type LastPage = (String, usize, f64, String);

/// [`compile_last_pages`] of `paper`, once per test run (the tests of both papers share them).
fn last_pages(paper: &str) -> &'static [LastPage] {
    static A4: std::sync::OnceLock<Vec<LastPage>> = std::sync::OnceLock::new();
    static LETTER: std::sync::OnceLock<Vec<LastPage>> = std::sync::OnceLock::new();
    match paper {
        "a4" => A4.get_or_init(|| compile_last_pages("a4")),
        _ => LETTER.get_or_init(|| compile_last_pages("us-letter")),
    }
}

/// Compiles every delegation brief's rendered source for `paper` ([`LastPage`] each).
fn compile_last_pages(paper: &str) -> Vec<LastPage> {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let built = run(&[
        "build",
        "--format",
        "typ",
        "--by",
        "delegation",
        "--paper",
        paper,
        "-q",
        "--out",
        dir,
    ]);
    assert!(built.status.success(), "{built:?}");
    let engine = Engine::new(
        &imrf_briefs::defaults::Templates::folder(out.path()),
        font_store(&FontOptions::default()),
        Datetime::from_ymd(2026, 11, 28).unwrap(),
    );
    let mut found = Vec::new();
    // Letter's sources are in the variant's folder (see the README's Variants).
    let folder = match paper {
        "a4" => "delegations".to_string(),
        other => format!("{other}/delegations"),
    };
    let mut sources: Vec<_> = fs::read_dir(out.path().join(&folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    for path in sources {
        let key = path.file_stem().unwrap().to_string_lossy().into_owned();
        let source = fs::read_to_string(&path).unwrap();
        let main = format!("/{folder}/{key}.typ");
        let compiled = compile(&engine, &main, "delegation.typ.j2", source, false)
            .unwrap_or_else(|e| panic!("{key}: {}", e.human));
        let pages = compiled.document.pages();
        let last = &pages.last().expect("a page").frame;
        let (top, bottom) = (Abs::mm(TOP_MM), last.height() - Abs::mm(BOTTOM_MM));
        let mut lines = Vec::new();
        walk(last, Point::zero(), &mut lines);
        lines.retain(|l| l.y > top && l.y < bottom);
        let reach = lines.iter().map(|l| l.y).fold(top, Abs::max);
        let first = lines
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .map(|l| l.text.clone())
            .next()
            .unwrap_or_default();
        found.push((key, pages.len(), (reach - top) / (bottom - top), first));
    }
    assert_eq!(found.len(), 195, "every delegation brief was compiled");
    found
}

fn assert_no_short_ending(paper: &str) {
    let mut short = Vec::new();
    for (key, pages, filled, first) in last_pages(paper) {
        let (pages, filled) = (*pages, *filled);
        if first.starts_with("About this brief") {
            short.push(format!("{key}: last page {pages} holds the colophon alone"));
        } else if pages > 1 && filled < 0.25 {
            short.push(format!(
                "{key}: last page {pages} filled {:.0}%",
                filled * 100.0
            ));
        }
    }
    assert!(short.is_empty(), "on {paper}:\n{}", short.join("\n"));
}

/// US Letter laid out with the same care as A4: a delegation brief takes as many sheets on
/// both papers (two pages a sheet), but for the few whose content does not fit Letter's shorter
/// page (a long list of pledges or facts: 4 of 195 today, CAN, CHL, COL and ESP).
#[test]
fn a_delegation_brief_takes_as_many_sheets_on_letter_as_on_a4() {
    let a4: std::collections::BTreeMap<&str, usize> = last_pages("a4")
        .iter()
        .map(|(key, pages, ..)| (key.as_str(), *pages))
        .collect();
    let more: Vec<String> = last_pages("us-letter")
        .iter()
        .filter(|(key, pages, ..)| pages.div_ceil(2) > a4[key.as_str()].div_ceil(2))
        .map(|(key, pages, ..)| {
            format!("{key}: {} pages on A4, {pages} on Letter", a4[key.as_str()])
        })
        .collect();
    assert!(
        more.len() <= 4,
        "{} take a sheet more on Letter:\n{}",
        more.len(),
        more.join("\n")
    );
}

#[test]
fn no_delegation_brief_ends_on_a_short_page_on_a4() {
    assert_no_short_ending("a4");
}

#[test]
fn no_delegation_brief_ends_on_a_short_page_on_us_letter() {
    assert_no_short_ending("us-letter");
}

/// The objective briefs' "Questions for the next Forum" box asks about the challenges listed
/// above it without repeating them (issue 20: no box that repeats the bullets above it).
#[test]
fn the_questions_box_does_not_repeat_the_challenges() {
    let out = tempfile::tempdir().unwrap();
    let built = run(&[
        "build",
        "--by",
        "objective",
        "-q",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{built:?}");
    let mut boxes = 0;
    for n in 1..=23 {
        let text =
            crate::support::pdf_text(&out.path().join(format!("objectives/objective-{n:02}.pdf")));
        let Some((before, after)) = text.split_once("Questions for the next Forum") else {
            continue;
        };
        boxes += 1;
        let challenges = before.rsplit_once("Challenges").map(|(_, c)| c).unwrap();
        let asked: String = after.chars().take(400).collect();
        assert!(
            asked.contains("under “Challenges” above"),
            "objective {n}: {asked}"
        );
        // No run of 40 characters of the challenges is printed again in the box.
        let chars: Vec<char> = challenges.chars().collect();
        for window in chars.windows(40).step_by(10) {
            let run: String = window.iter().collect();
            assert!(!asked.contains(&run), "objective {n} repeats: {run}");
        }
    }
    assert!(boxes >= 3, "{boxes} objective briefs have the box");
}

/// The texts set in a frame, a run of a line each.
fn texts(frame: &Frame, found: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => texts(&group.frame, found),
            FrameItem::Text(text) => found.push(text.text.to_string()),
            _ => {}
        }
    }
}

/// The overview's bar charts set every label on one line (a wrapped label reads into the next
/// row's label), in each edition and on both papers: each label is one run of text on the page.
#[test]
fn the_overviews_chart_labels_are_never_wrapped() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    for paper in ["a4", "us-letter"] {
        let built = run(&[
            "build", "--format", "typ", "--only", "overview", "--lang", "en", "--lang", "fr",
            "--lang", "es", "--paper", paper, "-q", "--out", dir,
        ]);
        assert!(built.status.success(), "{built:?}");
    }
    let engine = Engine::new(
        &imrf_briefs::defaults::Templates::folder(out.path()),
        font_store(&FontOptions::default()),
        Datetime::from_ymd(2026, 11, 28).unwrap(),
    );
    for folder in [
        "",
        "fr/",
        "es/",
        "us-letter/",
        "us-letter/fr/",
        "us-letter/es/",
    ] {
        let main = format!("/{folder}overview.typ");
        let source = fs::read_to_string(out.path().join(&main[1..])).unwrap();
        // The labels the charts are given: `"label": "..."` in each `bar-chart(` call.
        let mut labels = Vec::new();
        for line in source.lines().filter(|l| l.contains("bar-chart(")) {
            for part in line.split("\"label\": \"").skip(1) {
                labels.push(part[..part.find('"').unwrap()].to_string());
            }
        }
        assert!(labels.len() > 10, "{main}: {labels:?}");
        let compiled = compile(&engine, &main, "overview.typ.j2", source, false)
            .unwrap_or_else(|e| panic!("{main}: {}", e.human));
        let mut set = Vec::new();
        for page in compiled.document.pages() {
            texts(&page.frame, &mut set);
        }
        let wrapped: Vec<&String> = labels.iter().filter(|l| !set.contains(l)).collect();
        assert!(wrapped.is_empty(), "{main}: labels wrapped: {wrapped:?}");
    }
}

/// A French or Spanish brief's notice that it is an unofficial translation is printed on page 1
/// above the title band, in the top margin where a first page has no running head: it takes no
/// room from the brief, whose page 1 begins where the English one's does (issue 23: an edition
/// no dearer than the English one; before, the boxed notice pushed 29 Spanish delegation briefs
/// onto one page more than their English ones).
#[test]
fn a_translation_notice_takes_no_room_from_page_one() {
    let out = tempfile::tempdir().unwrap();
    let built = run(&[
        "build",
        "--format",
        "typ",
        "--lang",
        "en",
        "--lang",
        "fr",
        "--lang",
        "es",
        "--only",
        "SEN",
        "--only",
        "ATG",
        "-q",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{built:?}");
    let engine = Engine::new(
        &imrf_briefs::defaults::Templates::folder(out.path()),
        font_store(&FontOptions::default()),
        Datetime::from_ymd(2026, 11, 28).unwrap(),
    );
    // Page 1's lines, and where its body (the title band's text) begins.
    let page_one = |folder: &str, key: &str| {
        let main = format!("/{folder}/{key}.typ");
        let source = fs::read_to_string(out.path().join(&main[1..])).unwrap();
        let compiled = compile(&engine, &main, "delegation.typ.j2", source, false)
            .unwrap_or_else(|e| panic!("{main}: {}", e.human));
        let mut lines = Vec::new();
        walk(
            &compiled.document.pages()[0].frame,
            Point::zero(),
            &mut lines,
        );
        lines
    };
    let top = Abs::mm(TOP_MM);
    let body_starts = |lines: &[Line]| {
        lines
            .iter()
            .filter(|l| l.y >= top && !l.text.trim().is_empty())
            .map(|l| l.y)
            .fold(Abs::inf(), Abs::min)
    };
    for key in ["SEN", "ATG"] {
        let english = body_starts(&page_one("delegations", key));
        for (folder, notice) in [
            ("fr/delegations", "Traduction non officielle"),
            ("es/delegations", "Traducción no oficial"),
        ] {
            let lines = page_one(folder, key);
            let said = lines
                .iter()
                .find(|l| l.text.contains(notice.split(' ').next().unwrap()))
                .unwrap_or_else(|| panic!("{folder}/{key}: no notice on page 1"));
            assert!(said.y < top, "{folder}/{key}: the notice is in the body");
            let starts = body_starts(&lines);
            assert!(
                (starts - english).abs() < Abs::pt(0.5),
                "{folder}/{key}: page 1 begins at {starts:?}, the English one at {english:?}"
            );
        }
    }
}

//! Property test of the escaping design: any data string rendered through a template and compiled
//! by the embedded Typst prints exactly as given.

use crate::support::Rng;
use imrf_briefs::compile::world::{font_store, Engine, FontOptions};
use imrf_briefs::compile::{compile, document_text};
use imrf_briefs::defaults::Templates;
use imrf_briefs::render::{printable, Renderer};
use typst::foundations::Datetime;

/// Characters that mean something to Typst markup or code, plus scripts and emoji.
const POOL: &[&str] = &[
    "#",
    "*",
    "_",
    "$",
    "[",
    "]",
    "<",
    ">",
    "@",
    "\\",
    "`",
    "//",
    "/*",
    "*/",
    "=",
    "- ",
    "+ ",
    "~",
    "\"",
    "'",
    "{",
    "}",
    "(",
    ")",
    ";",
    ":",
    ".",
    ",",
    "#read(\"/etc/passwd\")",
    "#panic(\"x\")",
    "a",
    "Zz",
    "é",
    "Ж",
    "Ω",
    "مرحبا",
    "🚀",
    "1.",
    "--",
    "---",
    "...",
    "%",
    "&",
    "|",
    "^",
    "!",
    "?",
    "0",
    "x",
    "ü",
];

/// Text without whitespace: layout splits text runs at font and line changes, so spaces between
/// runs are not the data's; every other character must match exactly.
fn fold(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn random_strings_print_literally() {
    let templates = tempfile::tempdir().unwrap();
    // The value at line start, mid-line and in a heading: the positions where markup is special.
    std::fs::write(
        templates.path().join("t.typ.j2"),
        "#set page(width: 20cm, height: auto)\n{% for v in values %}{{ v }}\n\nX{{ v }}Y\n\n= {{ v }}\n\n{% endfor %}",
    )
    .unwrap();
    let folder = Templates::folder(templates.path());
    let renderer = Renderer::new(&folder);
    let engine = Engine::new(
        &folder,
        font_store(&FontOptions::default()),
        Datetime::from_ymd(2022, 5, 17).unwrap(),
    );
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..150 {
        let len = 1 + (rng.next() % 8) as usize;
        let value: String = (0..len)
            .map(|_| POOL[(rng.next() % POOL.len() as u64) as usize])
            .collect();
        let source = renderer
            .render("t.typ.j2", &serde_json::json!({ "values": [value] }))
            .unwrap();
        let compiled = compile(&engine, "/t.typ", "t.typ.j2", source.clone(), false)
            .unwrap_or_else(|e| {
                panic!(
                    "case {case}: {value:?} failed to compile:\n{}\n{source}",
                    e.human
                )
            });
        let text = fold(&document_text(&compiled.document).concat());
        // What the data says, in the house style's quotes and dashes (`printable`).
        let want = fold(&printable(&value));
        if want.is_empty() {
            continue;
        }
        assert_eq!(
            text,
            format!("{want}X{want}Y{want}"),
            "case {case}: {value:?}\n{source}"
        );
        typst::comemo::evict(0);
    }
}

#[test]
fn templates_cannot_read_outside_their_folder_or_fetch_packages() {
    let templates = tempfile::tempdir().unwrap();
    let engine = Engine::new(
        &Templates::folder(templates.path()),
        font_store(&FontOptions::default()),
        Datetime::from_ymd(2022, 5, 17).unwrap(),
    );
    let err = compile(
        &engine,
        "/t.typ",
        "t.typ.j2",
        "#read(\"../../../../../../etc/passwd\")".into(),
        false,
    )
    .err()
    .expect("reading outside the templates folder fails")
    .human;
    assert!(!err.contains("root:"), "{err}");
    assert!(err.contains("error"), "{err}");
    let err = compile(
        &engine,
        "/t.typ",
        "t.typ.j2",
        "#import \"@preview/cetz:0.3.0\"".into(),
        false,
    )
    .err()
    .expect("package imports fail")
    .human;
    assert!(
        err.contains("@preview/cetz:0.3.0 cannot be downloaded"),
        "{err}"
    );
}

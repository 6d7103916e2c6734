//! The catalog page `output/index.html`: every link resolves to a built file, nothing is loaded
//! from outside, regions nest under their parents, delegations sort by English name, data is
//! HTML-escaped.

use std::fs;
use std::path::Path;

use crate::support::{build_fixture, stderr};

/// The values of every `attr="..."` in `html`.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').expect("attribute closes")]
        })
        .collect()
}

/// An `href` as a browser reads it: HTML entities, then `%XX`, decoded.
fn decode(href: &str) -> String {
    let href = href
        .replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let bytes = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&href[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Checks that every link and resource of the page is local and exists; returns the file links.
fn check_links(out: &Path, html: &str) -> Vec<String> {
    let ids = attributes(html, "id");
    let mut files = Vec::new();
    for href in attributes(html, "href") {
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(ids.contains(&anchor), "anchor #{anchor} has no target");
            continue;
        }
        assert!(
            !href.contains("//") && !href.starts_with('/') && !href.contains(':'),
            "non-relative link {href}"
        );
        let path = out.join(decode(href));
        assert!(
            path.is_file(),
            "link {href} does not resolve to a built file"
        );
        files.push(href.to_string());
    }
    assert!(
        attributes(html, "src").is_empty(),
        "the page loads resources"
    );
    // No URL anywhere outside the sources in the footer.
    let body = &html[..html.find("<footer>").expect("footer")];
    assert!(
        !body.contains("http:") && !body.contains("https:"),
        "external URL in the page"
    );
    assert!(
        !html.contains("@import") && !html.contains("url("),
        "external CSS resource"
    );
    files
}

#[test]
fn catalog_links_every_built_brief_and_binder() {
    let only = [
        "overview",
        "5",
        "17",
        "MEX",
        "FRA",
        "CIV",
        "western-africa",
        "africa",
        "sub-saharan-africa",
        "europe",
    ];
    let mut args = vec!["-q", "--binder"];
    for key in &only {
        args.extend(["--only", key]);
    }
    let (_data, out_dir, out) = build_fixture("none", &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = out_dir.path();
    let html = fs::read_to_string(out.join("index.html")).expect("index.html written");

    let links = check_links(out, &html);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let briefs = manifest["briefs"].as_array().unwrap();
    assert_eq!(briefs.len(), only.len());
    for brief in briefs {
        let path = brief["path"].as_str().unwrap();
        assert!(links.iter().any(|l| l == path), "{path} not linked");
    }
    // The overview's binder holds all there is of its kind; the others, a selection each.
    for binder in [
        "binders/overview.pdf",
        "binders/objectives-selection.pdf",
        "binders/regions-selection.pdf",
        "binders/delegations-selection.pdf",
    ] {
        assert!(links.iter().any(|l| l == binder), "{binder} not linked");
    }
    assert_eq!(links.len(), only.len() + 4, "{links:?}");

    // Title, pages and size beside each link; the document date.
    assert!(html.contains(">Objective 5: "), "objective title");
    assert!(html.contains(" pages · "), "page counts");
    assert!(html.contains(" KB · 2026-11-28"), "sizes and dates");

    // Regions nest: Western Africa inside Sub-Saharan Africa inside Africa; Europe beside Africa.
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let africa = at("href=\"regions/africa.pdf\"");
    let sub = at("href=\"regions/sub-saharan-africa.pdf\"");
    let west = at("href=\"regions/western-africa.pdf\"");
    let europe = at("href=\"regions/europe.pdf\"");
    assert!(africa < sub && sub < west && west < europe);
    let nesting = |from: usize, to: usize| {
        let between = &html[from..to];
        between.matches("<ul>").count() as i64 - between.matches("</ul>").count() as i64
    };
    assert_eq!(
        nesting(africa, west),
        2,
        "Western Africa two levels below Africa"
    );
    assert_eq!(nesting(africa, europe), 0, "Europe at Africa's level");

    // Delegations by English name: Côte d'Ivoire, France, Mexico.
    let civ = at("href=\"delegations/CIV.pdf\"");
    let fra = at("href=\"delegations/FRA.pdf\"");
    let mex = at("href=\"delegations/MEX.pdf\"");
    assert!(civ < fra && fra < mex);
    // A delegation is found by its region too.
    assert!(html.contains(
        "data-search=\"Mexico MEX Americas Latin America and the Caribbean Central America\""
    ));
    // A search box and its script, inline.
    assert!(html.contains("<input id=\"q\" type=\"search\""));
    assert!(html.contains("addEventListener(\"input\""));
}

#[test]
fn catalog_escapes_data() {
    let (_data, out_dir, out) = build_fixture("catalog-hostile", &["-q", "--only", "MEX"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(out_dir.path().join("index.html")).unwrap();
    assert!(
        html.contains(
            "Synthetic &lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; &quot;data&quot;"
        ),
        "{html}"
    );
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<b>bold"));
    check_links(out_dir.path(), &html);
}

#[test]
fn a_templates_folder_without_a_catalog_template_uses_the_bundled_one() {
    let templates = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&crate::support::root().join("templates"), templates.path());
    fs::remove_file(templates.path().join("catalog.html.j2")).unwrap();
    let t = templates.path().to_str().unwrap();
    let (_data, out_dir, out) = build_fixture("none", &["-q", "--only", "MEX", "--templates", t]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(out_dir.path().join("index.html")).unwrap();
    assert_eq!(check_links(out_dir.path(), &html), ["delegations/MEX.pdf"]);
}

#[test]
fn a_catalog_template_that_loops_or_writes_without_end_fails_the_catalog_alone() {
    let line = "x".repeat(10_000);
    let bombs = [
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}".to_string(), "ran too long"),
        (format!("{{% for i in range(100000) %}}{{% for j in range(100000) %}}{line}{{% endfor %}}{{% endfor %}}"), "wrote more than the limit"),
    ];
    for (bomb, said) in bombs {
        let templates = tempfile::tempdir().unwrap();
        crate::support::copy_tree(&crate::support::root().join("templates"), templates.path());
        let catalog = templates.path().join("catalog.html.j2");
        let text = fs::read_to_string(&catalog).unwrap();
        fs::write(&catalog, format!("{bomb}{text}")).unwrap();
        let t = templates.path().to_str().unwrap();
        let (_data, out_dir, out) =
            build_fixture("none", &["-q", "--only", "MEX", "--templates", t]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("catalog not written") && err.contains("catalog.html.j2"),
            "{err}"
        );
        assert!(err.contains(said), "{err}");
        assert!(out_dir.path().join("delegations/MEX.pdf").is_file());
        let manifest = fs::read_to_string(out_dir.path().join("manifest.json")).unwrap();
        assert!(manifest.contains("delegations/MEX.pdf"), "{manifest}");
        assert!(!out_dir.path().join("index.html").exists());
    }
}

/// The catalog and the manifest title a brief as its page does, in the house style's quotes.
#[test]
fn titles_print_as_the_brief_does() {
    let out = tempfile::tempdir().unwrap();
    let run = crate::support::run(&[
        "build",
        "-q",
        "--only",
        "PRK",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let index = fs::read_to_string(out.path().join("index.html")).unwrap();
    let manifest = fs::read_to_string(out.path().join("manifest.json")).unwrap();
    for text in [&index, &manifest] {
        assert!(text.contains("Democratic People’s Republic of Korea"));
        assert!(!text.contains("People's") && !text.contains("People&#x27;s"));
    }
}

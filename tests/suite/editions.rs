//! French and Spanish editions (`--lang`): sourced names and titles, local dates and numbers,
//! the unofficial-translation notice, no English fixed string left, stale translations, and the
//! machinery for editions not shipped (a right-to-left test edition, a script without a font).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use crate::support::{copy_tree, pdf_text, root, run, stderr, stdout, straight_quotes};

/// The briefs the reading tests open, built once in French and Spanish (and English, which
/// must stay where it always was).
const ONLY: [&str; 7] = [
    "overview",
    "3",
    "5",
    "SEN",
    "MEX",
    "western-africa",
    "latin-america-and-the-caribbean",
];

fn built() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec!["build", "-q", "--out", out.path().to_str().unwrap()];
        for lang in ["en", "fr", "es"] {
            args.extend(["--lang", lang]);
        }
        for key in ONLY {
            args.extend(["--only", key]);
        }
        let run = run(&args);
        assert!(run.status.success(), "{}", stderr(&run));
        out
    })
    .path()
}

fn text(rel: &str) -> String {
    pdf_text(&built().join(rel))
}

/// The sourced title of objective `n` in `lang`, from the data.
fn sourced_title(n: &str, lang: &str) -> Option<String> {
    let mut reader =
        csv::Reader::from_path(root().join("data/i18n/gcm-objectives-i18n.csv")).unwrap();
    reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(Result::unwrap)
        .find(|r| r["number"] == n && r["lang"] == lang)
        .map(|r| r["title"].clone())
}

/// `s` with whitespace folded, as `pdf_text` gives text.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_edition_has_its_own_folder_and_the_manifest_says_its_language() {
    let out = built();
    for rel in [
        "objectives/objective-05.pdf",
        "fr/objectives/objective-05.pdf",
        "es/objectives/objective-05.pdf",
        "fr/delegations/SEN.pdf",
        "es/regions/latin-america-and-the-caribbean.pdf",
    ] {
        assert!(out.join(rel).is_file(), "{rel}");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let briefs = manifest["briefs"].as_array().unwrap();
    assert_eq!(briefs.len(), 3 * ONLY.len());
    let sen_fr = briefs
        .iter()
        .find(|b| b["key"] == "SEN" && b["lang"] == "fr")
        .expect("the French Senegal brief is listed");
    assert_eq!(sen_fr["path"], "fr/delegations/SEN.pdf");
    assert_eq!(sen_fr["title"], "Sénégal");
    let mex_es = briefs
        .iter()
        .find(|b| b["key"] == "MEX" && b["lang"] == "es")
        .unwrap();
    assert_eq!(mex_es["title"], "México");
    assert!(briefs
        .iter()
        .any(|b| b["key"] == "MEX" && b["lang"] == "en" && b["path"] == "delegations/MEX.pdf"));
}

#[test]
fn french_briefs_carry_sourced_titles_names_french_dates_and_the_notice() {
    let objective = text("fr/objectives/objective-05.pdf");
    let title = sourced_title("5", "fr").unwrap();
    assert!(objective.contains(&folded(&title)), "{title}: {objective}");
    assert!(objective.contains("Objectif 5"), "{objective}");
    assert!(objective.contains("17–20 mai 2022"), "{objective}");
    assert!(
        objective.contains("Traduction non officielle"),
        "{objective}"
    );
    assert!(objective.contains("texte anglais fait foi"), "{objective}");
    let senegal = text("fr/delegations/SEN.pdf");
    assert!(senegal.contains("Sénégal"), "{senegal}");
    assert!(senegal.contains("Afrique de l’Ouest") || senegal.contains("Afrique occidentale"));
    let region = text("fr/regions/western-africa.pdf");
    assert!(region.contains("Côte d’Ivoire"), "{region}");
}

#[test]
fn spanish_briefs_carry_sourced_titles_names_spanish_dates_and_mark_our_titles() {
    let objective = text("es/objectives/objective-05.pdf");
    let title = sourced_title("5", "es").unwrap();
    assert!(objective.contains(&folded(&title)), "{objective}");
    assert!(objective.contains("17–20 de mayo de 2022"), "{objective}");
    assert!(objective.contains("Traducción no oficial"), "{objective}");
    // Objective 3 has no sourced Spanish title: ours, marked as such, never the UN's.
    assert!(sourced_title("3", "es").is_none());
    let three = text("es/objectives/objective-03.pdf");
    assert!(three.contains("(traducción no oficial)"), "{three}");
    let mexico = text("es/delegations/MEX.pdf");
    assert!(mexico.contains("México"), "{mexico}");
    let region = text("es/regions/latin-america-and-the-caribbean.pdf");
    assert!(region.contains("América Latina y el Caribe"), "{region}");
}

#[test]
fn numbers_are_grouped_and_written_as_each_language_writes_them() {
    // UN DESA's migrant stock figures: "526,172" and "1.7 million" in English; a space between
    // thousands (a narrow no-break one) and a decimal comma in French and Spanish.
    let english = text("delegations/MEX.pdf");
    assert!(english.contains("526,172"), "{english}");
    assert!(english.contains("1.7 million"), "{english}");
    for lang in ["fr", "es"] {
        let page = text(&format!("{lang}/delegations/MEX.pdf"));
        assert!(!page.contains("526,172"), "{lang}: {page}");
        assert!(
            page.contains("526\u{202f}172") || page.contains("526 172"),
            "{lang}: {page}"
        );
        assert!(page.contains("1,7 mill"), "{lang}: {page}");
    }
}

#[test]
fn no_english_fixed_string_is_left_in_a_french_or_spanish_brief() {
    // Every message of the English catalog whose translation differs must not appear in the
    // other editions: its static words (between placeables), when they make a phrase that the
    // edition's own catalogs and translations do not also use (Spanish "no figure" is no English).
    let english = catalog_phrases("en");
    for lang in ["fr", "es"] {
        let own = catalog_phrases(lang);
        let own_words = own_text(lang);
        for rel in [
            "overview.pdf",
            "objectives/objective-05.pdf",
            "delegations/SEN.pdf",
            "delegations/MEX.pdf",
            "regions/western-africa.pdf",
            "regions/latin-america-and-the-caribbean.pdf",
            "objectives/objective-03.pdf",
        ] {
            let page = text(&format!("{lang}/{rel}"));
            for (id, phrase) in &english {
                if own.get(id) == Some(phrase) || own_words.contains(phrase.as_str()) {
                    continue;
                }
                assert!(
                    !page.contains(phrase.as_str()),
                    "{lang}/{rel}: English `{id}` (\"{phrase}\") left in: {page}"
                );
            }
        }
    }
}

#[test]
fn quotes_and_apostrophes_are_typographic_in_every_edition() {
    // The translated key points of objectives 3 and 5 and of the overview hold apostrophes
    // ("l'accès"), which the data types straight.
    for lang in ["fr", "es", "en"] {
        for rel in [
            "overview.pdf",
            "objectives/objective-03.pdf",
            "objectives/objective-05.pdf",
            "regions/latin-america-and-the-caribbean.pdf",
        ] {
            let rel = if lang == "en" {
                rel.to_string()
            } else {
                format!("{lang}/{rel}")
            };
            let page = text(&rel);
            let straight = straight_quotes(&page);
            assert!(straight.is_empty(), "{rel}: {straight:?}");
            if lang == "fr" {
                assert!(page.contains("d’") && page.contains("l’"), "{rel}: {page}");
            }
        }
    }
}

#[test]
fn a_french_or_spanish_binder_speaks_its_edition_on_its_cover_and_contents() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    let built = run(&[
        "build", "--binder", "--lang", "fr", "--lang", "es", "--only", "5", "-q", "--out", o,
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    let english = catalog_phrases("en");
    for (lang, contents, page) in [
        ("fr", "Table des matières", "Page 3 sur"),
        ("es", "Índice", "Página 3 de"),
    ] {
        let path = out
            .path()
            .join(format!("{lang}/binders/objectives-selection.pdf"));
        let pages = pdf_extract::extract_text_from_mem_by_pages(&fs::read(&path).unwrap()).unwrap();
        // The binder's own pages: its cover, the cover's blank back, its contents.
        let own = folded(&pages[..3].join(" "));
        assert!(folded(&pages[2]).starts_with(contents), "{lang}: {own}");
        assert!(
            own.contains(page),
            "{lang}: the contents page is numbered: {own}"
        );
        // Its fixed strings, the data notice among them, are the edition's.
        let own_phrases = catalog_phrases(lang);
        let own_words = own_text(lang);
        for (id, phrase) in &english {
            if own_phrases.get(id) == Some(phrase) || own_words.contains(phrase.as_str()) {
                continue;
            }
            assert!(
                !own.contains(phrase.as_str()),
                "{lang}: English `{id}` (\"{phrase}\") left in: {own}"
            );
        }
        for word in ["Contents", "Pledge figures", "brief", "Page 3 of"] {
            assert!(!own.contains(word), "{lang}: {word:?} in {own}");
        }
    }
}

/// Everything `lang`'s catalogs and translated data say, whitespace folded.
fn own_text(lang: &str) -> String {
    let mut text = String::new();
    for dir in [
        root().join("templates/locales").join(lang),
        root().join("data/translations").join(lang),
    ] {
        for entry in walkdir(&dir) {
            text.push_str(&fs::read_to_string(entry).unwrap());
            text.push('\n');
        }
    }
    folded(&text)
}

/// The files under `dir`, at any depth.
fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// For each message of `lang`'s catalogs (and each variant of a selector, as `id[variant]`), its
/// longest static run of text between placeables when it has at least two words: what a page
/// would show of it word for word.
fn catalog_phrases(lang: &str) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let dir = root().join("templates/locales").join(lang);
    for entry in fs::read_dir(&dir).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut id = String::new();
        for line in text.lines() {
            let (key, value) = if let Some((key, value)) = line.split_once(" = ") {
                if key.starts_with(['#', '-']) || key.contains(' ') {
                    continue;
                }
                id = key.to_string();
                (id.clone(), value)
            } else if let Some((variant, value)) = line.trim_start().split_once(']') {
                if !line.starts_with(' ') || id.is_empty() {
                    continue;
                }
                let variant = variant.trim_start_matches(['*', '[']);
                (format!("{id}[{variant}]"), value)
            } else {
                continue;
            };
            let longest = value
                .split(['{', '}'])
                .step_by(2)
                .map(str::trim)
                .max_by_key(|s| s.len())
                .unwrap_or_default();
            if longest.split_whitespace().count() >= 2 {
                out.insert(key, folded(longest));
            }
        }
    }
    out
}

#[test]
fn a_changed_english_key_point_makes_its_translations_stale() {
    let data = tempfile::tempdir().unwrap();
    copy_tree(&root().join("data"), data.path());
    let forum = data.path().join("forum/imrf-2022.yaml");
    let text = fs::read_to_string(&forum).unwrap();
    let old = "Background notes for the four round tables were written by the Secretary-General";
    assert!(text.contains(old));
    fs::write(
        &forum,
        text.replace(
            old,
            "Background notes for the four round tables were drafted by the Secretary-General",
        ),
    )
    .unwrap();
    let data_arg = data.path().to_str().unwrap();
    let check = run(&["check", "--data", data_arg]);
    assert!(check.status.success(), "{}", stderr(&check));
    let err = stderr(&check);
    for lang in ["fr", "es"] {
        let file = format!("translations/{lang}/forum/imrf-2022.yaml:");
        assert!(
            err.lines().any(|l| l.contains(&file)
                && l.contains("stale translation")
                && l.contains("round_tables_introduction.0.text")),
            "{lang}: {err}"
        );
    }
    assert!(stdout(&check).contains("1 stale"), "{}", stdout(&check));
    let denied = run(&["check", "--data", data_arg, "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));
    // The build prints the new English (never the stale translation) and says so.
    let out = tempfile::tempdir().unwrap();
    let build = run(&[
        "build",
        "-q",
        "--data",
        data_arg,
        "--lang",
        "fr",
        "--only",
        "overview",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("no fr translation"),
        "{}",
        stderr(&build)
    );
}

/// Builds `only` in `lang` with the templates of `templates` into a new folder.
fn build_with(templates: &Path, lang: &str, only: &[&str]) -> (Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["build", "-q", "--lang", lang];
    for key in only {
        args.extend(["--only", key]);
    }
    args.extend([
        "--templates",
        templates.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    (run(&args), out)
}

#[test]
fn a_catalog_missing_a_message_fails_naming_the_key_and_the_english_line() {
    let templates = tempfile::tempdir().unwrap();
    let fr = templates.path().join("locales/fr");
    fs::create_dir_all(&fr).unwrap();
    let common = fs::read_to_string(root().join("templates/locales/fr/common.ftl")).unwrap();
    let without: String = common
        .lines()
        .filter(|l| !l.starts_with("month-5 ="))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(fr.join("common.ftl"), without).unwrap();
    let (build, out) = build_with(templates.path(), "fr", &["5"]);
    assert_eq!(build.status.code(), Some(2), "{}", stderr(&build));
    let err = stderr(&build);
    assert!(err.contains("`month-5`"), "{err}");
    assert!(err.contains("locales/en/common.ftl:"), "{err}");
    assert!(!out.path().join("fr").exists());
}

#[test]
fn a_template_asking_for_an_unknown_message_fails_with_its_file_and_line() {
    let templates = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(root().join("templates/objective.typ.j2")).unwrap();
    let broken = base.replacen(
        "{% block body %}",
        "{% block body %}\n{{ t(\"no-such-message\") }}",
        1,
    );
    fs::write(templates.path().join("objective.typ.j2"), broken).unwrap();
    let (build, _out) = build_with(templates.path(), "fr", &["5"]);
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    let err = stderr(&build);
    assert!(err.contains("no-such-message"), "{err}");
    assert!(err.contains("objective.typ.j2:"), "{err}");
}

/// A pseudo-translation of the English catalogs into Arabic letters (placeables kept), for a
/// right-to-left test edition: not a translation, never shipped.
fn arabic_test_catalogs(templates: &Path) {
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    let ar = templates.join("locales/ar");
    fs::create_dir_all(&ar).unwrap();
    for entry in fs::read_dir(root().join("templates/locales/en")).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let mut out = String::new();
        for line in text.lines() {
            let keep =
                line.starts_with('#') || !line.contains(" = ") || line.starts_with("number-");
            if keep {
                out.push_str(line);
            } else {
                let mut depth = 0;
                let (id, value) = line.split_once(" = ").unwrap();
                out.push_str(id);
                out.push_str(" = ");
                for c in value.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 && c.is_ascii_alphabetic() {
                        let i = (c.to_ascii_lowercase() as u8 - b'a') as usize;
                        out.push(letters[i % letters.len()]);
                    } else {
                        out.push(c);
                    }
                }
            }
            out.push('\n');
        }
        fs::write(ar.join(path.file_name().unwrap()), out).unwrap();
    }
}

#[test]
fn a_right_to_left_test_edition_builds_with_its_script() {
    let templates = tempfile::tempdir().unwrap();
    arabic_test_catalogs(templates.path());
    let (build, out) = build_with(templates.path(), "ar", &["5", "SEN"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = pdf_text(&out.path().join("ar/objectives/objective-05.pdf"));
    assert!(
        page.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
        "{page}"
    );
    let source = fs::read_to_string(root().join("templates/lib/page.typ")).unwrap();
    assert!(
        source.contains("set text(dir: rtl) if dir == \"rtl\""),
        "the page shell sets the direction"
    );
}

#[test]
fn an_edition_whose_script_has_no_font_is_refused_not_printed_as_boxes() {
    let templates = tempfile::tempdir().unwrap();
    let zh = templates.path().join("locales/zh");
    fs::create_dir_all(&zh).unwrap();
    for name in ["common.ftl", "contexts.ftl", "templates.ftl"] {
        let en = root().join("templates/locales/en").join(name);
        if en.exists() {
            fs::copy(en, zh.join(name)).unwrap();
        }
    }
    let (build, out) = build_with(templates.path(), "zh", &["5"]);
    assert_eq!(build.status.code(), Some(2), "{}", stderr(&build));
    let err = stderr(&build);
    assert!(err.contains("needs a font for Chinese"), "{err}");
    assert!(err.contains("--font-path"), "{err}");
    assert!(!out.path().join("zh").exists());
}

#[test]
fn an_unknown_language_names_the_editions_there_are() {
    let out = tempfile::tempdir().unwrap();
    let build = run(&[
        "build",
        "-q",
        "--lang",
        "de",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(2));
    let err = stderr(&build);
    assert!(err.contains("no catalog for language `de`"), "{err}");
    assert!(err.contains("en, fr, es"), "{err}");
    let bad = run(&["build", "--lang", "French"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("not a language code"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn shards_of_several_editions_merge_into_one_folder() {
    let (a, b, merged) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    for (shard, out) in [("1/2", &a), ("2/2", &b)] {
        let build = run(&[
            "build",
            "-q",
            "--lang",
            "en",
            "--lang",
            "es",
            "--by",
            "objective",
            "--shard",
            shard,
            "--out",
            out.path().to_str().unwrap(),
        ]);
        assert!(build.status.success(), "{}", stderr(&build));
    }
    let merge = run(&[
        "merge",
        "--by",
        "objective",
        a.path().to_str().unwrap(),
        b.path().to_str().unwrap(),
        "--out",
        merged.path().to_str().unwrap(),
    ]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    for n in 1..=23 {
        for prefix in ["", "es/"] {
            let rel = format!("{prefix}objectives/objective-{n:02}.pdf");
            assert!(merged.path().join(&rel).is_file(), "{rel}");
        }
    }
}

/// The single-line `catalog-*` messages of `lang`'s common catalog with no placeable, by id.
fn catalog_page_words(lang: &str) -> std::collections::BTreeMap<String, String> {
    let text =
        fs::read_to_string(root().join(format!("templates/locales/{lang}/common.ftl"))).unwrap();
    text.lines()
        .filter_map(|line| line.split_once(" = "))
        .filter(|(id, value)| id.starts_with("catalog-") && !value.contains('{'))
        .map(|(id, value)| (id.to_string(), value.trim().to_string()))
        .collect()
}

#[test]
fn the_catalog_page_shows_each_edition_in_its_own_words() {
    let index = fs::read_to_string(built().join("index.html")).unwrap();
    let english = catalog_page_words("en");
    for lang in ["fr", "es"] {
        // Every block the language switch shows for this edition (the switch itself speaks
        // every edition's language).
        let blocks: String = index
            .split(&format!("data-edition=\"{lang}\""))
            .skip(1)
            .map(|rest| rest.split("data-edition=").next().unwrap())
            .map(|block| block.split("<nav class=\"langs\"").next().unwrap())
            // The sources' own (English) names, marked as English.
            .map(|block| match block.split_once("<ul lang=\"en\">") {
                Some((before, after)) => {
                    before.to_string() + after.split_once("</ul>").map_or("", |(_, a)| a)
                }
                None => block.to_string(),
            })
            .collect();
        assert!(
            blocks.contains(&format!("lang=\"{lang}\"")),
            "{lang}: {blocks}"
        );
        let own = catalog_page_words(lang);
        assert!(own.len() >= 10, "{lang}: {own:?}");
        for (id, words) in &english {
            if own.get(id) == Some(words) {
                continue;
            }
            let escaped = words.replace('\'', "&#x27;");
            assert!(
                !blocks.contains(&escaped),
                "{lang}: English `{id}` ({words}) in the edition's blocks"
            );
        }
        for id in [
            "catalog-objectives",
            "catalog-delegations",
            "catalog-regions",
        ] {
            assert!(blocks.contains(&own[id]), "{lang}: {id} missing");
        }
        // Page counts and the summary in the edition's words, the notice of a translation.
        let (pages, notice) = match lang {
            "fr" => (" pages ·", "Traduction non officielle"),
            _ => (" páginas ·", "Traducción no oficial"),
        };
        assert!(blocks.contains(pages) && blocks.contains(notice), "{lang}");
    }
    // English keeps its words.
    assert!(index.contains("<h2>Delegations</h2>") && index.contains(" pages · "));
}

#[test]
fn a_french_binder_is_listed_under_the_french_edition_in_its_words() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = run(&[
        "build", "-q", "--lang", "fr", "--only", "5", "--binder", "--out", dir,
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let index = fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"fr\""), "{index}");
    assert!(
        index.contains(
            "<a href=\"fr/binders/objectives-selection.pdf\">Notes par objectif (sélection)</a>"
        ),
        "{index}"
    );
    assert!(
        index.contains("<h2>Recueils</h2>") && !index.contains("Binders"),
        "{index}"
    );
}

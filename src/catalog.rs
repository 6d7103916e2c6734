//! The catalog page: `output/index.html`, every built brief once, by kind (regions nested under
//! their parent region, delegations by English name) with its title, pages, size, date and link,
//! and a labelled link to each of its files when it has several (formats, papers, PDF
//! standards), plus the binders and packs found in the output folder and its variants' folders. Rendered from `catalog.html.j2` (the
//! templates folder's, else the embedded one) with HTML auto-escaping; self-contained (inline CSS
//! and JS, relative links), so it works offline and from `file://`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::defaults::Templates;
use crate::error::{Error, Result};
use crate::files::sort_key;
use crate::fresh::Entry;
use crate::i18n::{Catalog as Messages, Direction, Edition};
use crate::model::{Coverage, Dataset};
use crate::plan::{self, Variant};

/// The template's file name in the templates folder.
pub const TEMPLATE: &str = "catalog.html.j2";
/// The page's file name in the output folder.
pub const FILE: &str = "index.html";

/// What the catalog template reads.
#[derive(Debug, Serialize)]
pub struct Catalog {
    /// "IMRF 2022 briefs".
    pub title: String,
    pub forum_name: String,
    pub forum_dates: String,
    pub venue: String,
    /// The document date printed on the briefs (YYYY-MM-DD).
    pub date: String,
    /// A notice on the data (not official, or partial pledges), if any.
    pub notice: Option<String>,
    pub brief_count: usize,
    pub page_count: usize,
    /// Non-empty sections in order: overview, objectives, regions, delegations, binders, packs:
    /// those of the first edition (English when it was built).
    pub sections: Vec<Section>,
    /// Every edition built, English first: the page's language switch shows one at a time (none
    /// when there is one edition).
    pub editions: Vec<EditionSections>,
    /// The data's attribution lines, printed at the foot of the page.
    pub attribution: Vec<String>,
    /// The page's words in the first edition's language (English when it was built).
    pub words: Words,
}

/// The page's fixed words in one edition's language, from its catalog (`catalog-*` messages):
/// the language switch shows each edition with its own.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    pub lang: String,
    pub dir: Direction,
    /// The language's name in itself ("Français"), for the switch.
    pub name: String,
    /// "IMRF 2022 briefs".
    pub title: String,
    /// The Forum's name, dates and venue.
    pub forum: String,
    /// "248 briefs, 686 pages; dated 17 May 2022".
    pub summary: String,
    /// The edition's translation notice (none in English).
    pub translation: Option<String>,
    /// A notice on the data (not official, or partial pledges), if any.
    pub notice: Option<String>,
    pub language: String,
    pub search: String,
    pub search_example: String,
    pub sections: String,
    /// The search's count, with `SHOWN` and `TOTAL` for the page's script to fill in.
    pub matches: String,
    pub files: String,
    pub stale: String,
    pub file_stale: String,
    pub sources: String,
    pub made_by: String,
}

/// The briefs of one edition ("en", "fr", "es"), by kind, titled as the manifest gives them.
#[derive(Debug, Serialize)]
pub struct EditionSections {
    pub lang: String,
    /// The language's name in itself ("Français"), for the switch.
    pub name: String,
    pub brief_count: usize,
    pub sections: Vec<Section>,
    pub words: Words,
}

/// One kind of output.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The anchor id: "overview", "objectives", ...
    pub id: &'static str,
    pub heading: String,
    pub items: Vec<Item>,
}

/// One brief (or binder, or pack), once: its title links to its first file, and `links` to
/// every file when it has several (formats, papers, PDF standards); regions carry their
/// sub-regions as `children`.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub title: String,
    /// The brief's key ("05", "MEX", a region slug), or the file name for binders and packs.
    pub key: String,
    /// A relative URL; `None` for a region shown only to hold its built sub-regions.
    pub href: Option<String>,
    pub pages: Option<usize>,
    /// The page count in words ("4 pages", "4 páginas").
    pub pages_text: Option<String>,
    /// Human size, e.g. "84 KB".
    pub size: Option<String>,
    pub date: String,
    /// Whether the last build of this brief failed (the link is its last good file).
    pub stale: bool,
    /// More words the search box matches (a delegation's regions), not shown.
    pub also: String,
    /// Each file of the brief, labelled ("PDF", "PNG", "US Letter PDF"), the title's first;
    /// empty when it has one file only.
    pub links: Vec<Link>,
    pub children: Vec<Item>,
}

/// One of a brief's files, as its row links to it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The format and variant, e.g. "US Letter PDF" ([`label`]).
    pub label: String,
    /// A relative URL.
    pub href: String,
    /// Whether the last build of this file failed (the link is its last good one).
    pub stale: bool,
}

/// The catalog page of an output folder, ready to render (on any thread: the batch renders it
/// within a template's limits) and write.
pub struct Page {
    templates: Templates,
    catalog: Catalog,
    /// `out/index.html`.
    pub path: PathBuf,
}

impl Page {
    /// Renders the page with HTML auto-escaping.
    pub fn render(&self) -> Result<String> {
        render(&self.templates, &self.catalog)
    }

    /// The template's path as messages name it.
    pub fn template(&self) -> String {
        self.templates.display(TEMPLATE).display().to_string()
    }
}

/// The catalog page `out/index.html` for the briefs the output folder holds (the manifest's
/// `entries`), each edition's with its words: those of `loaded` (the build's), else loaded from
/// its catalog in `templates` and the data folder `data`.
pub fn page(
    templates: &Templates,
    data: &Path,
    loaded: &[&Edition],
    out: &Path,
    dataset: &Dataset,
    entries: &[Entry],
    date: &str,
) -> Result<Page> {
    let mut langs: Vec<&str> = entries.iter().map(|e| e.lang.as_str()).collect();
    langs.push("en");
    langs.sort_unstable();
    langs.dedup();
    let mut owned = Vec::new();
    for lang in langs {
        if loaded.iter().any(|e| e.lang == lang) {
            continue;
        }
        // English is every page's fallback; an edition whose catalog is gone since its briefs
        // were built is listed with the English words.
        match Edition::load(lang, templates, data) {
            Ok(edition) => owned.push(edition),
            Err(err) if lang == "en" => return Err(err),
            Err(_) => {}
        }
    }
    let editions: BTreeMap<&str, &Edition> = loaded
        .iter()
        .copied()
        .chain(&owned)
        .map(|e| (e.lang.as_str(), e))
        .collect();
    Ok(Page {
        templates: templates.clone(),
        catalog: catalog(out, dataset, &editions, entries, date),
        path: out.join(FILE),
    })
}

/// Renders the catalog with HTML auto-escaping.
fn render(templates: &Templates, catalog: &Catalog) -> Result<String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // The project's own copy, read as confined as the briefs' templates; else the embedded one.
    env.set_loader(crate::render::confined_loader(templates));
    let name = templates.display(TEMPLATE).display().to_string();
    // The same step and output limits as the briefs' templates: a contributed catalog that
    // loops fails the catalog alone.
    env.set_fuel(Some(crate::render::FUEL));
    let located = |name: &str, err: minijinja::Error| {
        let line = err.line().map(|l| format!(":{l}")).unwrap_or_default();
        let message = crate::render::over_limit(&err).unwrap_or_else(|| err.to_string());
        Error::Usage(format!("{name}{line}: {message}"))
    };
    env.get_template(TEMPLATE)
        .and_then(|t| crate::render::render_bounded(&t, minijinja::Value::from_serialize(catalog)))
        .map_err(|err| located(&name, err))
}

/// Builds the catalog's data from the manifest entries whose main file exists in `out`, in the
/// words of `editions` (by language; English is the fallback and must be there).
fn catalog(
    out: &Path,
    dataset: &Dataset,
    editions: &BTreeMap<&str, &Edition>,
    entries: &[Entry],
    date: &str,
) -> Catalog {
    let present: Vec<&Entry> = entries
        .iter()
        .filter(|e| out.join(&e.path).is_file())
        .collect();
    // Editions in the order English, then as the manifest first lists them.
    let mut langs: Vec<&str> = Vec::new();
    if present.iter().any(|e| e.lang == "en") || present.is_empty() {
        langs.push("en");
    }
    for e in &present {
        if !langs.contains(&e.lang.as_str()) {
            langs.push(&e.lang);
        }
    }
    let edition = |lang: &str| editions.get(lang).copied().unwrap_or(editions["en"]);
    let mut list: Vec<EditionSections> = langs
        .iter()
        .map(|lang| {
            let of_lang: Vec<&Entry> = present
                .iter()
                .copied()
                .filter(|e| e.lang == *lang)
                .collect();
            let ed = edition(lang);
            let words = words(ed, dataset, &of_lang, date);
            EditionSections {
                lang: lang.to_string(),
                name: words.name.clone(),
                brief_count: rows(&of_lang).len(),
                sections: sections_of(out, dataset, ed, &of_lang, date),
                words,
            }
        })
        .collect();
    // The first edition's sections and words are the page's own (all of it when there is one).
    let sections = list[0].sections.clone();
    let words = list[0].words.clone();
    if list.len() < 2 {
        list.clear();
    }
    let forum = &dataset.forum.forum;
    Catalog {
        title: words.title.clone(),
        forum_name: forum.name.clone(),
        forum_dates: crate::dates::date_range(&forum.start_date, &forum.end_date),
        venue: forum.venue.clone(),
        date: date.to_string(),
        notice: words.notice.clone(),
        brief_count: rows(&present).len(),
        page_count: rows(&present).iter().map(|row| row[0].pages).sum(),
        sections,
        editions: list,
        attribution: dataset.declared.attribution.clone(),
        words,
    }
}

/// The page's words for the briefs of one edition (`present`, all in `ed`'s language).
fn words(ed: &Edition, dataset: &Dataset, present: &[&Entry], date: &str) -> Words {
    let t = |key: &str| ed.t(key, &crate::args![]);
    let forum = &dataset.forum.forum;
    let declared = &dataset.declared;
    let notice = if !declared.official {
        Some(ed.t(
            "catalog-not-official",
            &crate::args!["dataset" => declared.name.as_str()],
        ))
    } else if declared.pledges.coverage == Coverage::Partial {
        let pledges = dataset.pledges.len();
        Some(match &declared.pledges.reported_total {
            Some(total) => ed.t(
                "catalog-partial-reported",
                &crate::args!["pledges" => pledges, "reported" => ed.prose(total)],
            ),
            None => ed.t("catalog-partial", &crate::args!["pledges" => pledges]),
        })
    } else {
        None
    };
    let rows = rows(present);
    let name = ed
        .names
        .term(&forum.name)
        .map_or_else(|| forum.name.clone(), str::to_string);
    Words {
        lang: ed.lang.clone(),
        dir: ed.dir,
        name: t("language-name"),
        title: ed.t(
            "catalog-title",
            &crate::args!["forum" => forum.short_name.as_str()],
        ),
        forum: format!(
            "{name}, {}, {}",
            ed.date_range(&forum.start_date, &forum.end_date),
            ed.prose(&forum.venue)
        ),
        summary: ed.t(
            "catalog-summary",
            &crate::args![
                "briefs" => rows.len(),
                "pages" => rows.iter().map(|row| row[0].pages).sum::<usize>(),
                "date" => ed.date(date),
            ],
        ),
        translation: Some(t("translation-notice")).filter(|n| !n.is_empty()),
        notice,
        language: t("catalog-language"),
        search: t("catalog-search"),
        search_example: t("catalog-search-example"),
        sections: t("catalog-sections"),
        matches: ed.t(
            "catalog-matches",
            &crate::args!["shown" => "SHOWN", "total" => "TOTAL"],
        ),
        files: ed.t("catalog-files", &crate::args!["total" => "TOTAL"]),
        stale: t("catalog-stale"),
        file_stale: t("catalog-file-stale"),
        sources: t("catalog-sources"),
        made_by: t("catalog-made-by"),
    }
}

/// The sections of one edition's briefs (`present`, all in `ed`'s language), and the edition's
/// binders and packs found in `out`.
fn sections_of(
    out: &Path,
    dataset: &Dataset,
    ed: &Edition,
    present: &[&Entry],
    date: &str,
) -> Vec<Section> {
    let pages_text =
        |pages: usize| (pages > 0).then(|| ed.t("catalog-pages", &crate::args!["pages" => pages]));
    // A row per brief: its first file (see `rows`) gives the title's link and the figures.
    let item = |row: &[&Entry], title: String| {
        let e = row[0];
        Item {
            title,
            key: e.key.clone(),
            href: Some(href(&e.path)),
            pages: (e.pages > 0).then_some(e.pages),
            pages_text: pages_text(e.pages),
            size: Some(human_size(ed, size_of(out, e))),
            date: date.to_string(),
            stale: e.status == "failed",
            also: String::new(),
            links: match row {
                [_] => Vec::new(),
                _ => row
                    .iter()
                    .map(|e| Link {
                        label: label(ed, &e.format, &e.variant()),
                        href: href(&e.path),
                        stale: e.status == "failed",
                    })
                    .collect(),
            },
            children: Vec::new(),
        }
    };
    let rows = rows(present);
    let of_kind = |kind: &'static str| {
        rows.iter()
            .filter(move |row| row[0].kind == kind)
            .map(|row| (row[0], row.as_slice()))
    };

    let overview: Vec<Item> = of_kind("overview")
        .map(|(e, row)| item(row, e.title.clone()))
        .collect();
    let mut objectives: Vec<(String, Item)> = of_kind("objective")
        .map(|(e, row)| (e.key.clone(), item(row, e.title.clone())))
        .collect();
    objectives.sort_by(|a, b| a.0.cmp(&b.0));

    let countries: BTreeMap<&str, &crate::model::Country> = dataset
        .countries
        .iter()
        .map(|c| (c.iso3.as_str(), c))
        .collect();
    let english = ed.lang == "en";
    let mut delegations: Vec<Item> = of_kind("delegation")
        .map(|(e, row)| match countries.get(e.key.as_str()) {
            Some(c) if english => Item {
                also: [&c.region, &c.subregion, &c.intermediate_region]
                    .map(|s| s.as_str())
                    .join(" "),
                ..item(row, e.title.clone())
            },
            Some(c) => Item {
                also: [&c.name, &c.region, &c.subregion, &c.intermediate_region]
                    .map(|s| s.as_str())
                    .join(" "),
                ..item(row, e.title.clone())
            },
            None => item(row, e.title.clone()),
        })
        .collect();
    delegations.sort_by_key(|i| sort_key(&i.title));

    // Regions: the M49 tree, each node with its brief (if built) and its sub-regions.
    let built: BTreeMap<&str, &[&Entry]> = of_kind("region")
        .map(|(e, row)| (e.key.as_str(), row))
        .collect();
    let tree = plan::regions(&dataset.countries);
    let node = |r: &plan::Region| match built.get(r.slug.as_str()) {
        Some(row) if english => item(row, r.name.clone()),
        Some(row) => Item {
            also: r.name.clone(),
            ..item(row, row[0].title.clone())
        },
        None => Item {
            title: ed.names.region(&r.name),
            key: r.slug.clone(),
            href: None,
            pages: None,
            pages_text: None,
            size: None,
            date: date.to_string(),
            stale: false,
            also: String::new(),
            links: Vec::new(),
            children: Vec::new(),
        },
    };
    fn grow(
        parent: Option<&str>,
        tree: &[plan::Region],
        node: &dyn Fn(&plan::Region) -> Item,
    ) -> Vec<Item> {
        tree.iter()
            .filter(|r| r.parent.as_deref() == parent)
            .map(|r| {
                let mut item = node(r);
                item.children = grow(Some(&r.name), tree, node);
                item
            })
            .filter(|i| i.href.is_some() || !i.children.is_empty())
            .collect()
    }
    let regions = grow(None, &tree, &node);

    let edition = crate::i18n::prefix(&ed.lang);
    let mut sections = vec![
        ("overview", overview),
        (
            "objectives",
            objectives.into_iter().map(|(_, i)| i).collect(),
        ),
        ("regions", regions),
        ("delegations", delegations),
        (
            "binders",
            files_in(ed, out, &format!("{edition}binders"), date),
        ),
        ("packs", files_in(ed, out, &format!("{edition}packs"), date)),
    ];
    sections.retain(|(_, items)| !items.is_empty());
    sections
        .into_iter()
        .map(|(id, items)| Section {
            id,
            heading: ed.t(&format!("catalog-{id}"), &crate::args![]),
            items,
        })
        .collect()
}

/// A file's label among its brief's files: its format, and its variant when not the default
/// ("PDF", "PNG", "US Letter PDF", "PDF/UA-1", "PDF (one-sided)"), in `ed`'s words.
fn label(ed: &Edition, format: &str, variant: &Variant) -> String {
    let mut label = match variant.paper.as_str() {
        "us-letter" => "US Letter ".to_string(),
        _ => String::new(),
    };
    label.push_str(match (format, variant.standard.as_deref()) {
        ("pdf", Some("a-2b")) => "PDF/A-2b",
        ("pdf", Some("a-3b")) => "PDF/A-3b",
        ("pdf", Some("ua-1")) => "PDF/UA-1",
        ("pdf", _) => "PDF",
        ("png", _) => "PNG",
        ("svg", _) => "SVG",
        ("typ", _) => return label + &ed.t("catalog-typst-source", &crate::args![]),
        (other, _) => other,
    });
    if variant.one_sided {
        label.push(' ');
        label.push_str(&ed.t("catalog-one-sided", &crate::args![]));
    }
    label
}

/// `entries` a row per brief (kind, key and edition), each row's files in the order its links
/// show them: the default variant first, then by variant; in each, PDF, PNG, SVG, Typst source.
fn rows<'a>(entries: &[&'a Entry]) -> Vec<Vec<&'a Entry>> {
    let mut rows: BTreeMap<(&str, &str, &str), Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        rows.entry((e.lang.as_str(), e.kind.as_str(), e.key.as_str()))
            .or_default()
            .push(e);
    }
    let format = |f: &str| ["pdf", "png", "svg", "typ"].iter().position(|&g| g == f);
    rows.into_values()
        .map(|mut row| {
            row.sort_by_cached_key(|e| {
                let variant = e.variant();
                (
                    !variant.is_default(),
                    variant,
                    format(&e.format),
                    e.format.clone(),
                )
            });
            row
        })
        .collect()
}

/// The PDFs in `out/<folder>/` and in the same folder of every variant's (`us-letter/binders/`),
/// a row per file name; a binder titled in `ed`'s words, a pack by its name.
fn files_in(ed: &Edition, out: &Path, folder: &str, date: &str) -> Vec<Item> {
    let mut files: BTreeMap<String, Vec<(Variant, PathBuf, u64)>> = BTreeMap::new();
    for variant in Variant::all() {
        let folder = format!("{}{folder}", variant.prefix());
        let Ok(dir) = fs::read_dir(out.join(&folder)) else {
            continue;
        };
        for e in dir.filter_map(|e| e.ok()) {
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            let Some(bytes) = e.metadata().ok().filter(|m| m.is_file()).map(|m| m.len()) else {
                continue;
            };
            if name.ends_with(".pdf") && !name.starts_with('.') {
                let path = Path::new(&folder).join(&name);
                files
                    .entry(name)
                    .or_default()
                    .push((variant.clone(), path, bytes));
            }
        }
    }
    files
        .into_iter()
        .map(|(name, row)| {
            let stem = name.trim_end_matches(".pdf");
            let (kind, selection) = match stem.strip_suffix("-selection") {
                Some(kind) => (kind, true),
                None => (stem, false),
            };
            let key = format!("binder-{kind}-title");
            let mut title = if folder.ends_with("binders") && ed.has(&key) {
                ed.t(&key, &crate::args![])
            } else {
                stem.replace('-', " ")
            };
            if selection {
                title = ed.t("catalog-selection", &crate::args!["title" => title]);
            }
            if let Some(first) = title.get(..1) {
                title = first.to_uppercase() + &title[1..];
            }
            let (_, path, bytes) = &row[0];
            Item {
                title,
                key: name.clone(),
                href: Some(href(path)),
                pages: None,
                pages_text: None,
                size: Some(human_size(ed, *bytes)),
                date: date.to_string(),
                stale: false,
                also: String::new(),
                links: match row.as_slice() {
                    [_] => Vec::new(),
                    _ => row
                        .iter()
                        .map(|(variant, path, _)| Link {
                            label: label(ed, "pdf", variant),
                            href: href(path),
                            stale: false,
                        })
                        .collect(),
                },
                children: Vec::new(),
            }
        })
        .collect()
}

/// The bytes of every file of a brief, as on disk (falling back to the manifest's figure).
fn size_of(out: &Path, entry: &Entry) -> u64 {
    let files = if entry.files.is_empty() {
        std::slice::from_ref(&entry.path)
    } else {
        entry.files.as_slice()
    };
    let on_disk: Option<u64> = files
        .iter()
        .map(|f| fs::metadata(out.join(f)).ok().map(|m| m.len()))
        .sum();
    on_disk.unwrap_or(entry.bytes)
}

/// A relative path as a URL: `/` separators, every byte outside the unreserved set escaped.
pub fn href(path: &Path) -> String {
    let mut url = String::new();
    for (i, part) in path.components().enumerate() {
        if i > 0 {
            url.push('/');
        }
        for b in part.as_os_str().to_string_lossy().bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                url.push(b as char);
            } else {
                url.push_str(&format!("%{b:02X}"));
            }
        }
    }
    url
}

/// A file size as people read it, in `catalog`'s words and number style: "850 B", "84 KB",
/// "1.2 MB" ("1,2 Mo" in French).
fn human_size(catalog: &Messages, bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (key, n) = if b < KB {
        ("catalog-bytes", catalog.integer(bytes as i64))
    } else if b < KB * KB {
        ("catalog-kb", catalog.integer((b / KB).round() as i64))
    } else {
        ("catalog-mb", catalog.decimal(b / KB / KB, 1))
    };
    catalog.t(key, &crate::args!["n" => n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_expect() {
        let templates = Templates::embedded();
        let en = Messages::load("en", &templates).unwrap();
        assert_eq!(human_size(&en, 850), "850 B");
        assert_eq!(human_size(&en, 84 * 1024), "84 KB");
        assert_eq!(human_size(&en, 1_300_000), "1.2 MB");
        let fr = Messages::load("fr", &templates).unwrap();
        assert_eq!(human_size(&fr, 84 * 1024), "84 Ko");
        assert_eq!(human_size(&fr, 1_300_000), "1,2 Mo");
    }

    #[test]
    fn hrefs_are_relative_and_escaped() {
        assert_eq!(
            href(Path::new("delegations/MEX.pdf")),
            "delegations/MEX.pdf"
        );
        assert_eq!(href(Path::new("packs/a b&c.pdf")), "packs/a%20b%26c.pdf");
    }
}

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
use crate::files::{sort_key, write_atomic};
use crate::fresh::Entry;
use crate::model::Dataset;
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
}

/// The briefs of one edition ("en", "fr", "es"), by kind, titled as the manifest gives them.
#[derive(Debug, Serialize)]
pub struct EditionSections {
    pub lang: String,
    /// The language's name in itself ("Français"), for the switch.
    pub name: String,
    pub brief_count: usize,
    pub sections: Vec<Section>,
}

/// The language's name in itself, for the catalog page's switch.
fn language_name(lang: &str) -> String {
    match lang {
        "en" => "English".into(),
        "fr" => "Français".into(),
        "es" => "Español".into(),
        other => other.to_string(),
    }
}

/// One kind of output.
#[derive(Debug, Serialize)]
pub struct Section {
    /// The anchor id: "overview", "objectives", ...
    pub id: &'static str,
    pub heading: &'static str,
    pub items: Vec<Item>,
}

/// One brief (or binder, or pack), once: its title links to its first file, and `links` to
/// every file when it has several (formats, papers, PDF standards); regions carry their
/// sub-regions as `children`.
#[derive(Debug, Serialize)]
pub struct Item {
    pub title: String,
    /// The brief's key ("05", "MEX", a region slug), or the file name for binders and packs.
    pub key: String,
    /// A relative URL; `None` for a region shown only to hold its built sub-regions.
    pub href: Option<String>,
    pub pages: Option<usize>,
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
#[derive(Debug, Serialize)]
pub struct Link {
    /// The format and variant, e.g. "US Letter PDF" ([`label`]).
    pub label: String,
    /// A relative URL.
    pub href: String,
    /// Whether the last build of this file failed (the link is its last good one).
    pub stale: bool,
}

/// Writes `out/index.html` for the briefs the output folder holds (the manifest's `entries`).
/// Returns its path.
pub fn write(
    templates: &Templates,
    out: &Path,
    dataset: &Dataset,
    entries: &[Entry],
    date: &str,
) -> Result<PathBuf> {
    let catalog = catalog(out, dataset, entries, date);
    let html = render(templates, &catalog)?;
    let path = out.join(FILE);
    write_atomic(&path, html.as_bytes())?;
    Ok(path)
}

/// Renders the catalog with HTML auto-escaping.
pub fn render(templates: &Templates, catalog: &Catalog) -> Result<String> {
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

/// Builds the catalog's data from the manifest entries whose main file exists in `out`.
pub fn catalog(out: &Path, dataset: &Dataset, entries: &[Entry], date: &str) -> Catalog {
    let present: Vec<&Entry> = entries
        .iter()
        .filter(|e| out.join(&e.path).is_file())
        .collect();
    // Editions in the order English, then as the manifest first lists them.
    let mut langs: Vec<&str> = Vec::new();
    if present.iter().any(|e| e.lang == "en") {
        langs.push("en");
    }
    for e in &present {
        if !langs.contains(&e.lang.as_str()) {
            langs.push(&e.lang);
        }
    }
    let mut editions: Vec<EditionSections> = langs
        .iter()
        .enumerate()
        .map(|(n, lang)| {
            let of_lang: Vec<&Entry> = present
                .iter()
                .copied()
                .filter(|e| e.lang == *lang)
                .collect();
            EditionSections {
                lang: lang.to_string(),
                name: language_name(lang),
                brief_count: rows(&of_lang).len(),
                sections: sections_of(out, dataset, &of_lang, date, n == 0),
            }
        })
        .collect();
    let sections = if editions.is_empty() {
        sections_of(out, dataset, &[], date, true)
    } else {
        std::mem::take(&mut editions[0].sections)
    };
    if editions.len() < 2 {
        editions.clear();
    } else {
        editions[0].sections = sections_of(
            out,
            dataset,
            &present
                .iter()
                .copied()
                .filter(|e| e.lang == langs[0])
                .collect::<Vec<_>>(),
            date,
            true,
        );
    }
    let forum = &dataset.forum.forum;
    let manifest = &dataset.declared;
    let notice = dataset.notice();
    Catalog {
        title: format!("{} briefs", forum.short_name),
        forum_name: forum.name.clone(),
        forum_dates: crate::dates::date_range(&forum.start_date, &forum.end_date),
        venue: forum.venue.clone(),
        date: date.to_string(),
        notice,
        brief_count: rows(&present).len(),
        page_count: rows(&present).iter().map(|row| row[0].pages).sum(),
        sections,
        editions,
        attribution: manifest.attribution.clone(),
    }
}

/// The sections of one edition's briefs (`present`, all of one language); `with_files`: also
/// the binders and packs found in `out`.
fn sections_of(
    out: &Path,
    dataset: &Dataset,
    present: &[&Entry],
    date: &str,
    with_files: bool,
) -> Vec<Section> {
    // A row per brief: its first file (see `rows`) gives the title's link and the figures.
    let item = |row: &[&Entry], title: String| {
        let e = row[0];
        Item {
            title,
            key: e.key.clone(),
            href: Some(href(&e.path)),
            pages: (e.pages > 0).then_some(e.pages),
            size: Some(human_size(size_of(out, e))),
            date: date.to_string(),
            stale: e.status == "failed",
            also: String::new(),
            links: match row {
                [_] => Vec::new(),
                _ => row
                    .iter()
                    .map(|e| Link {
                        label: label(&e.format, &e.variant()),
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
    let english = present.iter().all(|e| e.lang == "en");
    let mut delegations: Vec<Item> = of_kind("delegation")
        .map(|(e, row)| match countries.get(e.key.as_str()) {
            Some(c) if english => Item {
                also: [&c.region, &c.subregion, &c.intermediate_region]
                    .map(|s| s.as_str())
                    .join(" "),
                ..item(row, c.name.clone())
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
            title: r.name.clone(),
            key: r.slug.clone(),
            href: None,
            pages: None,
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

    let mut sections = vec![
        section("overview", "Overview", overview),
        section(
            "objectives",
            "Objectives",
            objectives.into_iter().map(|(_, i)| i).collect(),
        ),
        section("regions", "Regions", regions),
        section("delegations", "Delegations", delegations),
    ];
    // Binders and packs are English: listed with the first edition.
    if with_files {
        sections.push(section(
            "binders",
            "Binders",
            files_in(out, "binders", date),
        ));
        sections.push(section(
            "packs",
            "Briefing packs",
            files_in(out, "packs", date),
        ));
    }
    sections.retain(|s| !s.items.is_empty());
    sections
}

fn section(id: &'static str, heading: &'static str, items: Vec<Item>) -> Section {
    Section { id, heading, items }
}

/// A file's label among its brief's files: its format, and its variant when not the default
/// ("PDF", "PNG", "US Letter PDF", "PDF/UA-1", "PDF (one-sided)").
pub fn label(format: &str, variant: &Variant) -> String {
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
        ("typ", _) => "Typst source",
        (other, _) => other,
    });
    if variant.one_sided {
        label.push_str(" (one-sided)");
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
/// a row per file name.
fn files_in(out: &Path, folder: &str, date: &str) -> Vec<Item> {
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
            let mut title = stem.replace('-', " ");
            if let Some(first) = title.get(..1) {
                title = first.to_uppercase() + &title[1..];
            }
            let (_, path, bytes) = &row[0];
            Item {
                title,
                key: name.clone(),
                href: Some(href(path)),
                pages: None,
                size: Some(human_size(*bytes)),
                date: date.to_string(),
                stale: false,
                also: String::new(),
                links: match row.as_slice() {
                    [_] => Vec::new(),
                    _ => row
                        .iter()
                        .map(|(variant, path, _)| Link {
                            label: label("pdf", variant),
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

/// 850 -> "850 B", 84_000 -> "82 KB", 1_300_000 -> "1.2 MB" (binary units, as file managers show).
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(human_size(850), "850 B");
        assert_eq!(human_size(84 * 1024), "84 KB");
        assert_eq!(human_size(1_300_000), "1.2 MB");
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

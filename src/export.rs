//! Exporting: a compiled document -> PDF, PNG or SVG bytes, and atomic writes to the output folder.

use std::path::PathBuf;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard as TypstStandard, PdfStandards, Timestamp};

use crate::error::{Located, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Png,
    Svg,
    Typ,
}

impl Format {
    /// The name given on the command line and recorded in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Typ => "typ",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStandard {
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "a-3b")]
    A3b,
    #[value(name = "ua-1")]
    Ua1,
}

impl PdfStandard {
    /// The name given on the command line and recorded in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::A2b => "a-2b",
            PdfStandard::A3b => "a-3b",
            PdfStandard::Ua1 => "ua-1",
        }
    }
}

/// How documents are exported.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: Format,
    pub standard: Option<PdfStandard>,
    pub date: Datetime,
    pub creator: String,
}

/// This tool's version and the typst version compiled in (pinned in Cargo.toml): `--version` and
/// the PDFs' creator name it.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (typst 0.15.1)");

/// The files of one exported brief: (path relative to the output folder, bytes).
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// Exports `document` as the files of brief `stem`: one PDF, or one image per page.
pub fn export(
    document: &PagedDocument,
    stem: &str,
    options: &ExportOptions,
) -> Result<Files, Report> {
    match options.format {
        Format::Pdf => Ok(vec![(
            PathBuf::from(format!("{stem}.pdf")),
            pdf(document, stem, options)?,
        )]),
        Format::Png => document
            .pages()
            .iter()
            .enumerate()
            .map(|(i, page)| {
                let pixmap = typst_render::render(page, &typst_render::RenderOptions::default());
                let png = pixmap
                    .encode_png()
                    .map_err(|err| Report::error(format!("PNG encoding failed: {err}")))?;
                Ok((page_path(stem, i, "png"), png))
            })
            .collect(),
        Format::Svg => Ok(document
            .pages()
            .iter()
            .enumerate()
            .map(|(i, page)| {
                let svg = typst_svg::svg(page, &typst_svg::SvgOptions::default());
                (page_path(stem, i, "svg"), svg.into_bytes())
            })
            .collect()),
        Format::Typ => Err(Report::error("typ output is written before compiling")),
    }
}

fn page_path(stem: &str, index: usize, extension: &str) -> PathBuf {
    PathBuf::from(format!("{stem}-{:02}.{extension}", index + 1))
}

fn pdf(document: &PagedDocument, stem: &str, options: &ExportOptions) -> Result<Vec<u8>, Report> {
    let standards: &[TypstStandard] = match options.standard {
        None => &[],
        Some(PdfStandard::A2b) => &[TypstStandard::A_2b],
        Some(PdfStandard::A3b) => &[TypstStandard::A_3b],
        Some(PdfStandard::Ua1) => &[TypstStandard::Ua_1],
    };
    let pdf_options = PdfOptions {
        ident: Smart::Custom(stem.to_string()),
        creator: Smart::Custom(Some(options.creator.clone())),
        timestamp: Some(Timestamp::new_utc(options.date)),
        standards: PdfStandards::new(standards)
            .map_err(|err| Report::error(format!("PDF export: {}", err.message())))?,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(document, &pdf_options).map_err(|errors| {
        let mut report = Report::default();
        for e in errors.iter() {
            let hints: Vec<String> = e.hints.iter().map(|h| h.v.to_string()).collect();
            let shown: String = hints.iter().map(|h| format!("\n  hint: {h}")).collect();
            report
                .human
                .push_str(&format!("error: PDF export: {}{shown}\n", e.message));
            report.diagnostics.push(Located {
                hints,
                ..Located::error(format!("PDF export: {}", e.message))
            });
        }
        report
    })?;
    Ok(display_doc_title(pdf))
}

/// Sets `DisplayDocTitle` in the document catalog's viewer preferences, so that viewers show the
/// document's title ("Egypt") rather than its file name ("EGY.pdf"); typst-pdf 0.15.1 has no
/// option for it and sets it for PDF/UA-1 only.
///
/// An edit in place, made only where the file is laid out as typst-pdf (krilla, pdf-writer)
/// writes it: one classic cross-reference table, no `/Prev`, and the catalog the last object,
/// right before the table. The bytes inserted into the catalog then move no object but the
/// table itself, so `startxref` is the only number to change. Any other layout, or a catalog
/// that already says `DisplayDocTitle`, leaves the bytes as they are.
fn display_doc_title(pdf: Vec<u8>) -> Vec<u8> {
    let Some(edit) = TitleEdit::find(&pdf) else {
        return pdf;
    };
    let mut out = Vec::with_capacity(pdf.len() + edit.insert.len());
    out.extend_from_slice(&pdf[..edit.at]);
    out.extend_from_slice(edit.insert);
    out.extend_from_slice(&pdf[edit.at..edit.startxref.start]);
    out.extend_from_slice((edit.xref + edit.insert.len()).to_string().as_bytes());
    out.extend_from_slice(&pdf[edit.startxref.end..]);
    out
}

/// What [`display_doc_title`] inserts where, and the `startxref` digits it then changes.
struct TitleEdit {
    at: usize,
    insert: &'static [u8],
    startxref: std::ops::Range<usize>,
    xref: usize,
}

impl TitleEdit {
    fn find(pdf: &[u8]) -> Option<TitleEdit> {
        // The file's end: `startxref`, the table's offset, `%%EOF`.
        let keyword = rfind(pdf, b"startxref")?;
        let startxref = digits(pdf, keyword + b"startxref\n".len())?;
        let xref = number(&pdf[startxref.clone()])?;
        if pdf[startxref.end..].trim_ascii() != b"%%EOF" {
            return None;
        }
        // One table of `size` entries of 20 bytes from object 0, then the trailer.
        let head = pdf.get(xref..)?.strip_prefix(b"xref\n0 ")?;
        let size_digits = digits(head, 0)?;
        let size = number(&head[size_digits.clone()])?;
        let entries = xref + b"xref\n0 ".len() + size_digits.end + 1;
        let entry = |i: usize| pdf.get(entries + 20 * i..entries + 20 * i + 20);
        let trailer = pdf
            .get(entries + 20 * size..keyword)?
            .strip_prefix(b"trailer\n<<")?;
        if find(trailer, b"/Prev").is_some() {
            return None;
        }
        let root_digits = digits(trailer, find(trailer, b"/Root ")? + b"/Root ".len())?;
        let root = number(&trailer[root_digits])?;
        // The catalog is the object last in the file, right before the table.
        let mut last = 0;
        for i in 0..size {
            let entry = entry(i)?;
            if entry[17] == b'n' {
                last = last.max(number(&entry[..10])?);
            }
        }
        let catalog = number(&entry(root)?[..10])?;
        let object = pdf.get(catalog..xref)?;
        if catalog != last
            || !object.starts_with(format!("{root} 0 obj\n<</Type/Catalog").as_bytes())
            || !object.ends_with(b">>\nendobj\n")
            || find(object, b"/DisplayDocTitle").is_some()
        {
            return None;
        }
        let (at, insert): (usize, &'static [u8]) = match find(object, b"/ViewerPreferences<<") {
            Some(at) => (at + b"/ViewerPreferences<<".len(), b"/DisplayDocTitle true"),
            None => (
                find(object, b"/Type/Catalog")? + b"/Type/Catalog".len(),
                b"/ViewerPreferences<</DisplayDocTitle true>>",
            ),
        };
        Some(TitleEdit {
            at: catalog + at,
            insert,
            startxref,
            xref,
        })
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The run of ASCII digits starting at `at`, if any.
fn digits(bytes: &[u8], at: usize) -> Option<std::ops::Range<usize>> {
    let len = bytes
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (len > 0).then_some(at..at + len)
}

fn number(bytes: &[u8]) -> Option<usize> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF laid out as typst-pdf writes one: `objects` in order, the last one the catalog.
    fn pdf(objects: &[&str]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%....\n\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n\r\n").bytes());
        }
        let root = objects.len();
        out.extend(
            format!(
                "trailer\n<</Size {}/Root {root} 0 R>>\nstartxref\n{xref}\n%%EOF",
                root + 1
            )
            .bytes(),
        );
        out
    }

    /// The object each cross-reference entry points at begins there, and `startxref` finds the
    /// table: the file reads as a whole.
    fn assert_consistent(pdf: &[u8]) {
        let text = String::from_utf8_lossy(pdf);
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .trim_end_matches("\n%%EOF")
            .parse()
            .unwrap();
        assert!(text[xref..].starts_with("xref\n0 "), "{text}");
        for (i, line) in text[xref..]
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n\r"))
            .enumerate()
        {
            let offset: usize = line[..10].parse().unwrap();
            assert!(
                text[offset..].starts_with(&format!("{} 0 obj", i + 1)),
                "{text}"
            );
        }
    }

    const PAGES: &str = "<</Type/Pages/Kids[]/Count 0>>";

    #[test]
    fn display_doc_title_joins_the_viewer_preferences() {
        let before = pdf(&[
            PAGES,
            "<</Type/Catalog/Pages 1 0 R/Lang(en)/ViewerPreferences<</Direction/L2R>>>>",
        ]);
        let after = display_doc_title(before.clone());
        assert_eq!(after.len(), before.len() + "/DisplayDocTitle true".len());
        assert!(String::from_utf8_lossy(&after)
            .contains("/ViewerPreferences<</DisplayDocTitle true/Direction/L2R>>"));
        assert_consistent(&after);
        // Once is enough: a second pass changes nothing.
        assert_eq!(display_doc_title(after.clone()), after);
    }

    #[test]
    fn display_doc_title_adds_viewer_preferences_when_there_are_none() {
        let after = display_doc_title(pdf(&[PAGES, "<</Type/Catalog/Pages 1 0 R>>"]));
        assert!(String::from_utf8_lossy(&after)
            .contains("<</Type/Catalog/ViewerPreferences<</DisplayDocTitle true>>/Pages 1 0 R>>"));
        assert_consistent(&after);
    }

    #[test]
    fn display_doc_title_leaves_other_layouts_alone() {
        // The catalog not last: inserting would move the objects after it.
        let mut moved = pdf(&["<</Type/Catalog/Pages 2 0 R>>", PAGES]);
        let text = String::from_utf8(moved.clone())
            .unwrap()
            .replace("/Root 2 0 R", "/Root 1 0 R");
        moved = text.into_bytes();
        assert_eq!(display_doc_title(moved.clone()), moved);
        // An incremental update, a cross-reference stream, a truncated file.
        let base = pdf(&[PAGES, "<</Type/Catalog/Pages 1 0 R>>"]);
        let updated = String::from_utf8(base.clone())
            .unwrap()
            .replace("/Root 2 0 R", "/Root 2 0 R/Prev 9");
        assert_eq!(
            display_doc_title(updated.clone().into_bytes()),
            updated.into_bytes()
        );
        let stream = String::from_utf8(base.clone())
            .unwrap()
            .replace("xref\n0 3", "3 0 obj <</Type/XRef");
        assert_eq!(
            display_doc_title(stream.clone().into_bytes()),
            stream.into_bytes()
        );
        let truncated = base[..base.len() - 40].to_vec();
        assert_eq!(display_doc_title(truncated.clone()), truncated);
    }
}

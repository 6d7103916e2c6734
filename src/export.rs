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
    typst_pdf::pdf(document, &pdf_options).map_err(|errors| {
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
    })
}

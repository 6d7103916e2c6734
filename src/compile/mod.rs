//! Compiling: a rendered Typst source -> a laid-out document, with its diagnostics as text, and
//! then its files ([`compile_and_export`]), as builds and compile workers alike do it.

pub mod world;

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::layout::{Frame, FrameItem};
use typst_kit::diagnostics::{termcolor, DiagnosticFormat};
use typst_layout::PagedDocument;

use crate::error::{shown_path, Located, Report};
use crate::export::{ExportOptions, Files};
use world::{BriefWorld, Engine};

/// A compiled brief: the document and its warnings.
pub struct Compiled {
    pub document: PagedDocument,
    pub warnings: Report,
}

/// A compiled and exported brief; or its diagnostics.
pub type Exported = std::result::Result<Export, Report>;

/// A compiled and exported brief: its pages, files and warnings, and the time each step took.
#[derive(Debug)]
pub struct Export {
    pub pages: usize,
    pub files: Files,
    pub warnings: Report,
    pub compile_time: Duration,
    pub export_time: Duration,
}

/// One brief to compile.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// The main file's path inside the templates folder, e.g. `/delegations/MEX.typ`.
    pub path: String,
    pub template: String,
    pub source: String,
    /// The output path without extension, e.g. `delegations/MEX`.
    pub stem: String,
}

/// typst's memo cache is trimmed whenever another `MEMO_PAGES` pages have been laid out (counted
/// over all workers), dropping what the last `MEMO_AGE` trims found unused. Briefs share their
/// page setup and the library's rows, notes and colophon, so what one brief laid out serves the
/// next ones, and a trim walks the whole cache: with the bundled data (2.5 pages a brief) this
/// trims after about every 8th brief, which costs 1.5% more instructions than never trimming
/// (3.3% after every 4th brief; callgrind) at 130 MB peak memory instead of 450 MB. Counting pages,
/// not briefs, keeps memory flat when briefs grow: at 2,000 and 20,000 synthetic pledges (long
/// pledge tables) peak memory was 220 and 290 MB, where trimming every 8th brief took 525 and
/// 815 MB.
const MEMO_PAGES: usize = 20;
const MEMO_AGE: usize = 2;
static PAGES: AtomicUsize = AtomicUsize::new(0);

/// Compiles and exports one brief, trimming typst's memo cache now and then so that memory stays
/// flat over a batch (see `MEMO_PAGES`). Used by the workers and by in-process builds alike.
pub fn compile_and_export(
    engine: &Engine,
    options: &ExportOptions,
    request: Request,
    color: bool,
) -> Exported {
    let Request {
        path,
        template,
        source,
        stem,
    } = request;
    let started = Instant::now();
    let compiled = compile(engine, &path, &template, source, color);
    let pages = compiled
        .as_ref()
        .map_or(1, |c| c.document.pages().len().max(1));
    let before = PAGES.fetch_add(pages, Ordering::Relaxed);
    if (before + pages) / MEMO_PAGES > before / MEMO_PAGES {
        typst::comemo::evict(MEMO_AGE);
    }
    let compiled = compiled?;
    let exporting = Instant::now();
    let files = crate::export::export(&compiled.document, &stem, options)?;
    Ok(Export {
        pages: compiled.document.pages().len(),
        files,
        warnings: compiled.warnings,
        compile_time: exporting - started,
        export_time: exporting.elapsed(),
    })
}

/// Compiles `source` as the main file at `path` (inside the templates folder).
/// An error carries the formatted diagnostics, pointing into the generated source or the
/// template files it imports.
pub fn compile(
    engine: &Engine,
    path: &str,
    template: &str,
    source: String,
    color: bool,
) -> Result<Compiled, Report> {
    compile_world(&engine.world(path, template, source), color)
}

/// Compiles a prepared world: a brief's, or a binder's.
pub fn compile_world(world: &BriefWorld, color: bool) -> Result<Compiled, Report> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let mut warned = report(world, &warnings, color);
    match output {
        Ok(document) => {
            let missing = missing_glyphs(&document);
            if !missing.is_empty() {
                warned.append(Report::located(Located {
                    severity: "warning".into(),
                    ..Located::error(format!(
                        "no font has glyphs for {:?}; they print as boxes (add a font to templates/fonts/ or use --system-fonts)",
                        missing.concat()
                    ))
                }));
            }
            Ok(Compiled {
                document,
                warnings: warned,
            })
        }
        Err(errors) => {
            let mut failed = report(world, &errors, color);
            failed.append(warned);
            Err(failed)
        }
    }
}

/// typst's diagnostics as a [`Report`]: typst's own text with source excerpts for people, and
/// each one located (in the generated main file: the template line that produced it).
fn report(world: &BriefWorld, diagnostics: &[SourceDiagnostic], color: bool) -> Report {
    if diagnostics.is_empty() {
        return Report::default();
    }
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let mut human = match typst_kit::diagnostics::emit(
        &mut buffer,
        world,
        diagnostics,
        DiagnosticFormat::Human,
    ) {
        Ok(()) => String::from_utf8_lossy(buffer.as_slice()).into_owned(),
        Err(err) => format!("(diagnostics could not be formatted: {err})\n"),
    };
    let mut located = Vec::new();
    for diagnostic in diagnostics {
        let origin = template_origin(world, diagnostic);
        if let Some((path, line)) = &origin {
            human.push_str(&format!("  = generated from {}:{line}\n", shown_path(path)));
        }
        located.push(locate(world, diagnostic, origin));
    }
    Report {
        human,
        diagnostics: located,
    }
}

/// Where `diagnostic` points: its template line for the generated main file (else the template,
/// with no line), or the Typst file, line and column.
fn locate(
    world: &BriefWorld,
    diagnostic: &SourceDiagnostic,
    origin: Option<(PathBuf, usize)>,
) -> Located {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut located = Located {
        severity: severity.into(),
        hints: diagnostic.hints.iter().map(|h| h.v.to_string()).collect(),
        ..Located::error(diagnostic.message.to_string())
    };
    let Some(id) = diagnostic.span.id() else {
        return located;
    };
    if id == world.main_source().id() {
        let (file, line) = match origin {
            Some((path, line)) => (path, Some(line)),
            None => (world.template_path(), None),
        };
        located.file = Some(shown_path(&file));
        located.line = line;
        return located;
    }
    located.file = world.file_path(id).map(|p| shown_path(&p));
    if let (Some(range), Ok(source)) = (
        typst::WorldExt::range(world, diagnostic.span),
        typst::World::source(world, id),
    ) {
        let lines = source.lines();
        located.line = lines.byte_to_line(range.start).map(|l| l + 1);
        located.column = lines.byte_to_column(range.start).map(|c| c + 1);
    }
    located
}

/// For a diagnostic in the generated main file: the template line that most likely produced it,
/// found by the line's literal text once the interpolated values (`#"...";`) are taken out.
fn template_origin(world: &BriefWorld, diagnostic: &SourceDiagnostic) -> Option<(PathBuf, usize)> {
    let main = world.main_source();
    if diagnostic.span.id() != Some(main.id()) {
        return None;
    }
    let range = typst::WorldExt::range(world, diagnostic.span)?;
    let line = main.lines().byte_to_line(range.start)?;
    let text = &main.text()[main.lines().line_to_range(line)?];
    let fragment = static_fragments(text)
        .into_iter()
        .max_by_key(|f| f.len())
        .filter(|f| f.len() >= 4)?;
    world
        .template_files()
        .into_iter()
        .find_map(|(path, template)| {
            let found = template
                .lines()
                .position(|l| l.contains(fragment.as_str()))?;
            Some((path, found + 1))
        })
}

/// The parts of a generated line that are template text, not interpolated string literals.
fn static_fragments(line: &str) -> Vec<String> {
    let mut fragments = vec![String::new()];
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '#' && chars.peek() == Some(&'"') {
            chars.next();
            // Skip the literal up to its closing quote and the `;` after it.
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    _ => {}
                }
            }
            if chars.peek() == Some(&';') {
                chars.next();
            }
            fragments.push(String::new());
        } else if let Some(last) = fragments.last_mut() {
            last.push(c);
        }
    }
    fragments
        .into_iter()
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

/// The text of every glyph that no font could provide (glyph id 0, ".notdef").
pub fn missing_glyphs(document: &PagedDocument) -> Vec<String> {
    let mut missing = Vec::new();
    for page in document.pages() {
        walk_text(&page.frame, &mut |item| {
            for glyph in item.glyphs.iter().filter(|g| g.id == 0) {
                let text = item.text.get(glyph.range()).unwrap_or("").to_string();
                if !text.trim().is_empty() && !missing.contains(&text) {
                    missing.push(text);
                }
            }
        });
    }
    missing
}

/// The document's text, page by page, in reading order of the frames.
pub fn document_text(document: &PagedDocument) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut text = String::new();
            walk_text(&page.frame, &mut |item| {
                text.push_str(&item.text);
                text.push(' ');
            });
            text
        })
        .collect()
}

fn walk_text(frame: &Frame, f: &mut dyn FnMut(&typst::text::TextItem)) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => walk_text(&group.frame, f),
            FrameItem::Text(text) => f(text),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::static_fragments;

    #[test]
    fn interpolated_literals_are_not_template_text() {
        assert_eq!(
            static_fragments(r#"- *Objective #"5";.* #"a \" b";#undefined()"#),
            vec![
                "- *Objective".to_string(),
                ".*".into(),
                "#undefined()".into()
            ]
        );
    }
}

//! Our Typst `World`: fonts and the standard library built once and shared by every compilation,
//! the rendered brief as a virtual main file, file reads confined to the templates folder (and the
//! embedded templates beneath it).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::fonts::FontStore;

use crate::defaults::Templates;
use crate::files::Refusal;

/// The largest file (image, data, Typst source) a brief may read from the templates folder.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Fonts bundled in the binary beside typst's own: Noto Sans for Latin, Greek and Cyrillic text,
/// Noto Sans Arabic for Arabic (SIL Open Font License, see assets/fonts/).
pub const BUNDLED_FONTS: &[(&str, &[u8])] = &[
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic.ttf",
        include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic.ttf",
        include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf"),
    ),
];

/// Where fonts come from, besides the bundled ones.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Folders scanned for .ttf/.otf files (e.g. templates/fonts/).
    pub dirs: Vec<PathBuf>,
    /// Also use the fonts installed on this machine.
    pub system: bool,
}

/// Builds the font store once per process.
pub fn font_store(options: &FontOptions) -> FontStore {
    let mut store = FontStore::new();
    store.extend(typst_kit::fonts::embedded());
    for (_, data) in BUNDLED_FONTS {
        for font in Font::iter(Bytes::new(*data)) {
            let info = font.info().clone();
            store.push((font, info));
        }
    }
    for dir in &options.dirs {
        if dir.is_dir() {
            store.extend(typst_kit::fonts::scan(dir));
        }
    }
    if options.system {
        store.extend(typst_kit::fonts::system());
    }
    store
}

/// What all compilations of a run share: library, fonts, the templates folder and its files.
pub struct Engine {
    library: LazyHash<Library>,
    /// The library for binders: `sys.inputs.binder` tells the layout to chain briefs.
    binder_library: LazyHash<Library>,
    /// The library for binders' frames (`sys.inputs.binder` is "frame": see `bind`).
    frame_library: LazyHash<Library>,
    fonts: FontStore,
    templates: Templates,
    today: Datetime,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

/// A library whose `sys.inputs.binder` is `mode`.
fn binder_library(mode: &str) -> LazyHash<Library> {
    LazyHash::new(
        Library::builder()
            .with_inputs([("binder".into(), mode.into_value())].into_iter().collect())
            .build(),
    )
}

impl Engine {
    /// An engine reading files from `templates` and dating documents `today`.
    pub fn new(templates: &Templates, fonts: FontStore, today: Datetime) -> Self {
        Engine {
            library: LazyHash::new(Library::builder().build()),
            binder_library: binder_library("true"),
            frame_library: binder_library("frame"),
            fonts,
            templates: templates.clone(),
            today,
            files: Mutex::default(),
            sources: Mutex::default(),
        }
    }

    /// Whether any font of the run has a glyph for `c` (an edition's script needs one).
    pub fn covers(&self, c: char) -> bool {
        let book = self.fonts.book();
        (0..)
            .map_while(|i| book.info(i))
            .any(|info| info.coverage.contains(c as u32))
    }

    /// A world whose main file is `text`, placed at `path` inside the templates folder
    /// (so that its relative imports resolve there).
    pub fn world<'a>(&'a self, path: &str, template: &'a str, text: String) -> BriefWorld<'a> {
        BriefWorld {
            engine: self,
            library: &self.library,
            main: Source::new(file_id(path), text),
            template,
            parts: HashMap::new(),
        }
    }

    /// A world for a binder: its main file includes the briefs' rendered sources (`parts`,
    /// path and text), which are served as virtual files at their paths. With `frame`, the
    /// briefs are only placeholders for their PDFs' pages.
    pub fn binder_world<'a>(
        &'a self,
        path: &str,
        template: &'a str,
        text: String,
        parts: &[(String, String)],
        frame: bool,
    ) -> BriefWorld<'a> {
        let parts = parts
            .iter()
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, text.clone()))
            })
            .collect();
        BriefWorld {
            engine: self,
            library: if frame {
                &self.frame_library
            } else {
                &self.binder_library
            },
            main: Source::new(file_id(path), text),
            template,
            parts,
        }
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(result) = self.files.lock().expect("file cache").get(&id) {
            return result.clone();
        }
        let result = self.read_uncached(id);
        self.files
            .lock()
            .expect("file cache")
            .insert(id, result.clone());
        result
    }

    /// Reads a file of the templates folder; packages and paths leaving the folder are refused.
    fn read_uncached(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("package {spec} cannot be downloaded: imrf-briefs works offline; vendor the package under the templates folder and import it by path").into(),
            ))));
        }
        let name = id.vpath().get_without_slash();
        let path = self.templates.display(name);
        // A device or pipe could block the compile or never end: only regular files are read.
        let found = self
            .templates
            .read(name, MAX_FILE_BYTES)
            .map_err(|refusal| match refusal {
                Refusal::Unresolved(err) => FileError::from_io(err, &path),
                Refusal::Outside => FileError::Other(Some(
                    format!("{} is outside the templates folder", path.display()).into(),
                )),
                Refusal::NotRegular if path.is_dir() => FileError::IsDirectory,
                Refusal::NotRegular => FileError::Other(Some(
                    format!("{} is not a regular file", path.display()).into(),
                )),
                Refusal::TooLarge { bytes, limit } => FileError::Other(Some(
                    format!(
                        "{} holds {bytes} bytes, more than the limit of {limit}",
                        path.display()
                    )
                    .into(),
                )),
            })?;
        Ok(Bytes::new(found))
    }
}

/// The file id of a virtual path inside the templates folder.
fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("brief paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The world of one brief (or one binder).
pub struct BriefWorld<'a> {
    engine: &'a Engine,
    library: &'a LazyHash<Library>,
    main: Source,
    /// Rendered briefs a binder includes, by file id.
    parts: HashMap<FileId, Source>,
    /// The template the main file was rendered from, named in diagnostics.
    template: &'a str,
}

impl World for BriefWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(part) = self.parts.get(&id) {
            return Ok(part.clone());
        }
        if let Some(result) = self.engine.sources.lock().expect("source cache").get(&id) {
            return result.clone();
        }
        let result = self.engine.read(id).and_then(|bytes| {
            let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_string()))
        });
        self.engine
            .sources
            .lock()
            .expect("source cache")
            .insert(id, result.clone());
        result
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.engine.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.engine.today)
    }
}

impl BriefWorld<'_> {
    pub fn main_source(&self) -> &Source {
        &self.main
    }

    /// The minijinja template the main file was rendered from.
    pub fn template_path(&self) -> PathBuf {
        self.engine.templates.display(self.template)
    }

    /// The file of `id` in the templates folder (none for packages, which are never read).
    pub fn file_path(&self, id: FileId) -> Option<PathBuf> {
        if matches!(id.root(), VirtualRoot::Package(_)) {
            return None;
        }
        Some(
            self.engine
                .templates
                .display(id.vpath().get_without_slash()),
        )
    }

    /// The minijinja templates (path, text), the main file's own template first: the files a
    /// build reads ([`Templates::files`]), for placing a diagnostic (an error path).
    pub fn template_files(&self) -> Vec<(PathBuf, String)> {
        let templates = &self.engine.templates;
        // No output folder to leave out: the folder itself stands for "none" (it is not a file).
        let none = templates.dir().unwrap_or(std::path::Path::new(""));
        let listed = templates.files(none).unwrap_or_default();
        let mut files: Vec<(PathBuf, String)> = listed
            .into_iter()
            .filter(|(name, _)| name.ends_with(".j2"))
            .map(|(name, bytes)| {
                (
                    templates.display(&name),
                    String::from_utf8_lossy(&bytes).into_owned(),
                )
            })
            .collect();
        let own = templates.display(self.template);
        if let Some(at) = files.iter().position(|(path, _)| *path == own) {
            let first = files.remove(at);
            files.insert(0, first);
        }
        files
    }
}

impl DiagnosticWorld for BriefWorld<'_> {
    fn name(&self, id: FileId) -> String {
        let path = id.vpath().get_without_slash().to_string();
        if id == self.main.id() {
            format!(
                "{path} (generated from {})",
                self.engine.templates.display(self.template).display()
            )
        } else {
            self.engine.templates.display(&path).display().to_string()
        }
    }
}

//! The PDF writer: the minutes typeset by Typst, embedded as a library.
//!
//! The template (`minutes.typ`, compiled into the binary) is the only
//! source. It reads the minutes as data (`/minutes.json`) and the figures
//! as images (`/figures/NAME.svg`): participants' texts are values, never
//! markup, so `#read("/etc/passwd")` or `*bold*` in a pain point is
//! printed as typed. The Typst world serves exactly those files and
//! refuses every other path; it has no package access and no clock.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt as _, World};

use super::{Minutes, MinutesError, fonts};

/// The Typst template of the minutes.
const TEMPLATE: &str = include_str!("minutes.typ");

/// The minutes as PDF bytes.
///
/// # Errors
/// [`MinutesError::Typeset`] when Typst reports an error (a defect of the
/// template, never of the session's texts).
pub fn pdf(minutes: &Minutes) -> Result<Vec<u8>, MinutesError> {
    let data = serde_json::to_vec(minutes).map_err(|e| MinutesError::Typeset(e.to_string()))?;
    let mut files = vec![("/minutes.json".to_owned(), data)];
    for (name, svg) in minutes.figures() {
        files.push((format!("/figures/{name}.svg"), svg.as_bytes().to_vec()));
    }
    let world = MinutesWorld::new(files, minutes.needs_system_fonts());
    let warned = typst::compile::<typst_layout::PagedDocument>(&world);
    let document = warned.output.map_err(|errors| {
        MinutesError::Typeset(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let options = typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some("Rhythm".to_owned())),
        // Untagged: Debian 12's poppler (pdftoppm 22.12) reports a tagged
        // PDF's `/Suspects false` as a syntax error on every page. The
        // HTML page is the accessible form of the minutes.
        tagged: false,
        ..typst_pdf::PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| {
        MinutesError::Typeset(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    });
    // Typst memoises layout across compilations; minutes are written once,
    // so its caches are dropped rather than kept growing in the window.
    typst::comemo::evict(0);
    bytes
}

/// A font of the world: shipped (loaded), or a system file read when
/// Typst first asks for it.
enum FontSlot {
    Shipped(Font),
    System {
        face: &'static fonts::SystemFace,
        font: OnceLock<Option<Font>>,
    },
}

/// The Typst world of one set of minutes: the template, its data and
/// figures, the fonts; nothing else.
struct MinutesWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<FontSlot>,
    main: Source,
    files: HashMap<FileId, Bytes>,
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The library, built once per process (it is the same every time).
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build()))
}

impl MinutesWorld {
    fn new(files: Vec<(String, Vec<u8>)>, system_fonts: bool) -> Self {
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for data in fonts::shipped() {
            for font in Font::iter(Bytes::new(data)) {
                book.push(font.info().clone());
                slots.push(FontSlot::Shipped(font));
            }
        }
        if system_fonts {
            for (face, info) in fonts::system() {
                book.push(info.clone());
                slots.push(FontSlot::System {
                    face,
                    font: OnceLock::new(),
                });
            }
        }
        let main_id = file_id("/minutes.typ");
        let main = match main_id {
            Some(id) => Source::new(id, TEMPLATE.to_owned()),
            None => Source::detached(TEMPLATE),
        };
        let files = files
            .into_iter()
            .filter_map(|(path, data)| Some((file_id(&path)?, Bytes::new(data))))
            .collect();
        Self {
            library: library().clone(),
            book: LazyHash::new(book),
            fonts: slots,
            main,
            files,
        }
    }
}

impl World for MinutesWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        match self.fonts.get(index)? {
            FontSlot::Shipped(font) => Some(font.clone()),
            FontSlot::System { face, font } => font
                .get_or_init(|| {
                    let data = std::fs::read(&face.path).ok()?;
                    Font::new(Bytes::new(data), face.index)
                })
                .clone(),
        }
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

//! The fonts of the minutes: Inter (shipped in the binary, SIL Open Font
//! License, `assets/fonts/`), egui's own Hack and Noto Emoji for arrows,
//! shapes and symbols (already in the binary for the window), and the
//! system's fonts as a fallback for scripts none of them has (CJK, …),
//! searched only when a text needs them.

use std::path::PathBuf;
use std::sync::OnceLock;

/// Inter Regular (OpenType, CFF outlines).
pub const INTER_REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
/// Inter Bold.
pub const INTER_BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-Bold.otf");
/// Inter Italic.
pub const INTER_ITALIC: &[u8] = include_bytes!("../../assets/fonts/Inter-Italic.otf");

/// Every font shipped in the binary, text face first.
pub fn shipped() -> [&'static [u8]; 5] {
    [
        INTER_REGULAR,
        INTER_BOLD,
        INTER_ITALIC,
        epaint_default_fonts::HACK_REGULAR,
        epaint_default_fonts::NOTO_EMOJI_REGULAR,
    ]
}

/// Whether a shipped font draws `c` (white space and control characters
/// count as drawn).
pub fn shipped_covers(c: char) -> bool {
    static FACES: OnceLock<Vec<ttf_parser::Face<'static>>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        shipped()
            .into_iter()
            .filter_map(|data| ttf_parser::Face::parse(data, 0).ok())
            .collect()
    });
    c.is_whitespace() || c.is_control() || faces.iter().any(|f| f.glyph_index(c).is_some())
}

/// A font file of the system, and which face in it.
#[derive(Clone, Debug)]
pub struct SystemFace {
    /// The file.
    pub path: PathBuf,
    /// The face's index in a collection (0 for a plain font file).
    pub index: u32,
}

/// The system's font faces with what Typst needs to choose among them,
/// searched once per process (fontconfig's folders, then the usual ones).
pub fn system() -> &'static [(SystemFace, typst::text::FontInfo)] {
    static SYSTEM: OnceLock<Vec<(SystemFace, typst::text::FontInfo)>> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut out = Vec::new();
        for face in db.faces() {
            let fontdb::Source::File(path) = &face.source else {
                continue;
            };
            let info = db.with_face_data(face.id, |data, index| {
                typst::text::FontInfo::new(data, index)
            });
            if let Some(Some(info)) = info {
                out.push((
                    SystemFace {
                        path: path.clone(),
                        index: face.index,
                    },
                    info,
                ));
            }
        }
        out
    })
}

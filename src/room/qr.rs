//! The join URL as a QR code: dark and light modules as pixel data, for
//! the join panel to draw as a texture with nearest filtering (sharp
//! edges at any size, so a phone can scan it from the back of the room).

use qrcode::render::unicode::Dense1x2;
use qrcode::{Color, EcLevel, QrCode};

/// The join URL as a QR code for a terminal (`rhythm room`): two modules
/// per character cell in Unicode half blocks, quiet zone included, light
/// modules drawn and dark ones left blank, so that it scans on the usual
/// light-on-dark terminal. One line per two rows of modules.
///
/// # Errors
/// When the text is too long for any QR code (over ~2 KB).
pub fn terminal_text(text: &str) -> Result<String, qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

/// Light modules around the code, as the QR standard asks (4).
pub const QUIET_ZONE: usize = 4;

/// A QR code as a square of modules, quiet zone included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// Row by row, `true` for a dark module; `width × width` entries.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// The code of `text` at error-correction level M (15 % of the code
    /// may be unreadable: glare on a projector), with its quiet zone.
    ///
    /// # Errors
    /// When the text is too long for any QR code (over ~2 KB).
    pub fn of(text: &str) -> Result<Self, qrcode::types::QrError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
        let inner = code.width();
        let width = inner + 2 * QUIET_ZONE;
        let colors = code.to_colors();
        let mut dark = vec![false; width * width];
        for (i, color) in colors.iter().enumerate() {
            let (x, y) = (i % inner + QUIET_ZONE, i / inner + QUIET_ZONE);
            if let Some(cell) = dark.get_mut(y * width + x) {
                *cell = *color == Color::Dark;
            }
        }
        Ok(Self { width, dark })
    }

    /// Whether the module at column `x`, row `y` is dark (outside: light).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// Grey pixels (0 dark, 255 light), `scale` pixels per module, row by
    /// row: an image `width × scale` pixels square.
    pub fn pixels(&self, scale: usize) -> Vec<u8> {
        let side = self.width * scale;
        let mut out = Vec::with_capacity(side * side);
        for py in 0..side {
            for px in 0..side {
                out.push(if self.is_dark(px / scale, py / scale) {
                    0
                } else {
                    255
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_url_makes_a_square_code_with_finder_patterns_and_a_quiet_zone() {
        let url = "http://192.168.1.20:48213/#0123456789abcdef0123456789abcdef";
        let qr = QrMatrix::of(url).unwrap();
        assert_eq!(qr.dark.len(), qr.width * qr.width);
        assert!(qr.width >= 21 + 2 * QUIET_ZONE);
        // The quiet zone is light all round.
        for i in 0..qr.width {
            assert!(!qr.is_dark(i, 0) && !qr.is_dark(0, i));
            assert!(!qr.is_dark(i, qr.width - 1) && !qr.is_dark(qr.width - 1, i));
        }
        // The top-left finder pattern: a dark 7×7 ring around a light ring.
        let q = QUIET_ZONE;
        assert!(qr.is_dark(q, q) && qr.is_dark(q + 6, q) && qr.is_dark(q, q + 6));
        assert!(!qr.is_dark(q + 1, q + 1));
        assert!(qr.is_dark(q + 3, q + 3));
        let terminal = terminal_text(url).unwrap();
        let lines: Vec<&str> = terminal.lines().collect();
        assert_eq!(lines.len(), qr.width.div_ceil(2), "two module rows a line");
        assert!(lines.iter().all(|l| l.chars().count() == qr.width));
        let pixels = qr.pixels(3);
        assert_eq!(pixels.len(), (qr.width * 3).pow(2));
        assert_eq!(pixels[(q * 3) * qr.width * 3 + q * 3], 0);
    }
}

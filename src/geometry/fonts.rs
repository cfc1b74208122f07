//! The fonts the board is drawn and measured with: egui's default fonts,
//! with the bundled Hack font as the first fallback of proportional text,
//! because arrows and shapes (→ ● ▲ ▼ ⚠) are in Hack and not in
//! Ubuntu-Light. The window installs them on its egui context
//! ([`crate::ui::theme::install`]); the geometry measures with the same
//! definitions where there is no context ([`super::measure::OwnFonts`]).

use epaint::text::{FontDefinitions, FontFamily};

/// The font definitions of every text Rhythm draws.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&FontFamily::Proportional) {
        let at = proportional.len().min(1);
        proportional.insert(at, "Hack".to_owned());
    }
    fonts
}

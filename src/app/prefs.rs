//! Preferences kept across restarts in eframe's persistence under
//! [`PREFS_KEY`]: UI scales, the high-contrast theme, the minimap and the
//! step timeboxes. Never session data: sessions live only in their files.
//! (The window size is kept by eframe itself; the last opened file is the
//! first of the recent files.)

use serde::{Deserialize, Serialize};

use crate::ui::timer;

/// The eframe storage key of the preferences (a RON struct).
pub const PREFS_KEY: &str = "preferences";
/// Range of the UI scale, as a multiple of the normal size.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=3.0;
/// Projector mode's default scale: legible from 6–8 m (issue 6).
pub const DEFAULT_PROJECTOR_SCALE: f32 = 1.75;
/// One Ctrl+= / Ctrl+- step of the scale.
pub const SCALE_STEP: f32 = 0.125;

/// What the app remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// UI scale outside projector mode, within [`SCALE_RANGE`].
    pub scale: f32,
    /// UI scale in projector mode, within [`SCALE_RANGE`].
    pub projector_scale: f32,
    /// High-contrast outlines outside projector mode too.
    pub high_contrast: bool,
    /// Show the minimap in the board's corner.
    pub minimap: bool,
    /// Timebox per step, minutes, in the order of the four steps.
    pub timebox_minutes: [u32; 4],
    /// Anti-aliased edges even when a software rasteriser draws the window
    /// (no GPU driver): smoother diagonals and circles, fewer frames per
    /// second. With a GPU, edges are always smooth.
    pub smooth_edges: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            scale: 1.0,
            projector_scale: DEFAULT_PROJECTOR_SCALE,
            high_contrast: false,
            minimap: true,
            timebox_minutes: crate::ui::steps::Step::ALL.map(timer::default_minutes),
            smooth_edges: false,
        }
    }
}

impl Prefs {
    /// The stored preferences; defaults when there are none. Values out of
    /// range (a hand-edited or damaged store) are brought back in range.
    pub fn load(storage: &dyn eframe::Storage) -> Self {
        let prefs: Self = eframe::get_value(storage, PREFS_KEY).unwrap_or_default();
        prefs.sane()
    }

    /// Store the preferences.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, self);
    }

    /// The preferences with every value in its range.
    pub fn sane(mut self) -> Self {
        self.scale = clamp_scale(self.scale, 1.0);
        self.projector_scale = clamp_scale(self.projector_scale, DEFAULT_PROJECTOR_SCALE);
        self.timebox_minutes = self.timebox_minutes.map(|m| m.clamp(1, timer::MAX_MINUTES));
        self
    }
}

/// `scale` within [`SCALE_RANGE`], or `fallback` when it is not a number.
pub fn clamp_scale(scale: f32, fallback: f32) -> f32 {
    if scale.is_finite() {
        scale.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end())
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Memory(std::collections::HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    use eframe::Storage as _;

    #[test]
    fn preferences_survive_a_restart_and_absurd_values_are_brought_in_range() {
        let mut storage = Memory::default();
        assert_eq!(Prefs::load(&storage), Prefs::default());
        let prefs = Prefs {
            projector_scale: 2.25,
            minimap: false,
            timebox_minutes: [5, 10, 15, 20],
            ..Prefs::default()
        };
        prefs.store(&mut storage);
        assert_eq!(Prefs::load(&storage), prefs);

        storage.set_string(
            PREFS_KEY,
            "(scale: 1e30, projector_scale: NaN, timebox_minutes: (0, 9999, 3, 4))".to_owned(),
        );
        let loaded = Prefs::load(&storage);
        assert_eq!(loaded.scale, *SCALE_RANGE.end());
        assert_eq!(loaded.projector_scale, DEFAULT_PROJECTOR_SCALE);
        assert_eq!(loaded.timebox_minutes, [1, timer::MAX_MINUTES, 3, 4]);

        storage.set_string(PREFS_KEY, "not ron at all".to_owned());
        assert_eq!(Prefs::load(&storage), Prefs::default());
    }
}

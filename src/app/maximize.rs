//! Starting maximised. winit on X11 drops
//! `ViewportBuilder::with_maximized`: the request goes out before the
//! window is mapped, and the window manager ignores it (winit issue 2360),
//! so the window opened at its inner size in the middle of the screen. The
//! request is sent again once the window is on screen.

use serde::Deserialize;

/// eframe's key for the window geometry it keeps between runs.
const WINDOW_KEY: &str = "window";

/// The one field of eframe's saved window settings read here.
#[derive(Deserialize)]
struct SavedWindow {
    #[serde(default)]
    maximized: bool,
}

/// Whether the window should start maximised: on the first launch
/// (nothing saved yet), when it was maximised when last closed, or when
/// what was saved cannot be read. A window the user made smaller keeps
/// its size (eframe restores it).
pub fn wanted(storage: Option<&dyn eframe::Storage>) -> bool {
    match storage.and_then(|s| s.get_string(WINDOW_KEY)) {
        None => true,
        Some(saved) => ron::from_str::<SavedWindow>(&saved).map_or(true, |w| w.maximized),
    }
}

/// A maximise request waiting for the window to be on screen. (The board
/// fits itself to the grown window: it refits on a resize until the user
/// moves the view.)
#[derive(Debug, Default)]
pub struct StartMaximized {
    pending: bool,
}

impl StartMaximized {
    /// Pending when `wanted` (see [`wanted`]).
    pub fn new(wanted: bool) -> Self {
        Self { pending: wanted }
    }

    /// Call once per frame: from the third pass on (the window is mapped
    /// after the first frame is painted) asks once for the maximised
    /// window; until then asks for the next frame.
    pub fn frame(&mut self, ctx: &egui::Context) {
        if !self.pending {
            return;
        }
        if ctx.cumulative_pass_nr() < 2 {
            ctx.request_repaint();
            return;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
        self.pending = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Memory(Option<String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            (key == WINDOW_KEY).then(|| self.0.clone()).flatten()
        }
        fn set_string(&mut self, _key: &str, value: String) {
            self.0 = Some(value);
        }
        fn remove_string(&mut self, _key: &str) {
            self.0 = None;
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn the_first_launch_and_a_window_closed_maximised_start_maximised() {
        assert!(wanted(None));
        assert!(wanted(Some(&Memory(None))));
        let closed_maximised = "(normal_geometry:(inner_position_pixels:None,outer_position_pixels:None,inner_size_points:Some((x:1600.0,y:900.0))),fullscreen:false,maximized:true)";
        assert!(wanted(Some(&Memory(Some(closed_maximised.into())))));
    }

    #[test]
    fn a_window_the_user_made_smaller_keeps_its_size() {
        let smaller = "(normal_geometry:(inner_position_pixels:None,outer_position_pixels:None,inner_size_points:Some((x:1200.0,y:800.0))),fullscreen:false,maximized:false)";
        assert!(!wanted(Some(&Memory(Some(smaller.into())))));
    }
}

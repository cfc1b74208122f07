//! The window never exceeds the screen it is on (issue 18.0).
//!
//! A laptop that ran Rhythm on a 1920×1080 display and is then plugged
//! into a 1280×800 projector (displays mirrored) used to open a 1680×1050
//! window there: eframe restores the saved zoom (×1.75 in projector mode)
//! before the window is made, and the window's minimum size, given in
//! points, became 1680×1050 pixels, larger than the screen; fullscreen
//! could not shrink it. eframe also restores a saved position as it was
//! (on Linux it is never checked against the monitors).
//!
//! Here, once per frame, the window is compared with the monitor it is on
//! (physical pixels, desktop coordinates, as the windowing system reports
//! them):
//! - the minimum size is [`MIN_WINDOW_POINTS`] at the monitor's own scale
//!   (not the UI zoom), never more than the monitor leaves for it;
//! - a normal window larger than its monitor is shrunk to it, always;
//! - a normal window reaching past its monitor's edges is moved onto it at
//!   start-up ([`START_UP_SECONDS`]) and whenever it lands on another
//!   monitor (never while the user simply drags it about);
//! - fullscreen and maximised windows are sized by the window manager:
//!   with the minimum size above they take the monitor's size.
//!
//! The decision is a pure function ([`fitted`], [`min_inner_size`]) of an
//! [`OnScreen`] snapshot; [`ScreenFit::frame`] carries it out on the
//! window in physical pixels, straight through winit: egui's viewport
//! commands are in points, converted with whatever zoom is in force when
//! they are carried out, and a frame that switches projector mode on
//! changes the zoom in between (a 960×600-point minimum then became
//! 1680×1050 pixels).

use egui::{Pos2, Rect, Vec2, vec2};

/// The smallest window the normal layout is made for, points at the
/// monitor's own scale (egui's zoom left out): the board, the grid and
/// the live score side by side.
pub const MIN_WINDOW_POINTS: Vec2 = vec2(960.0, 600.0);

/// How long after the first frame a window reaching past its monitor is
/// moved onto it, seconds: the window manager maps and decorates the
/// window in that time.
pub const START_UP_SECONDS: f64 = 3.0;

/// The window and the monitor it is on, as the windowing system reports
/// them: physical pixels, desktop coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OnScreen {
    /// The monitor the window is on.
    pub monitor: Rect,
    /// The window's frame, title bar and borders included.
    pub outer: Rect,
    /// The window's content size (without the window manager's frame).
    pub inner: Vec2,
    /// The monitor's own scale (physical pixels per point at zoom 1).
    pub native_pixels_per_point: f32,
    /// In fullscreen (projector mode).
    pub fullscreen: bool,
    /// Maximised.
    pub maximized: bool,
}

impl OnScreen {
    /// The window manager's frame around the content: title bar and
    /// borders, width and height, pixels (zero or more).
    pub fn decorations(&self) -> Vec2 {
        (self.outer.size() - self.inner).max(Vec2::ZERO)
    }
}

/// The smallest content size to allow, physical pixels:
/// [`MIN_WINDOW_POINTS`] at the monitor's own scale, at most what the
/// monitor leaves once the window's frame is drawn (at least 1×1).
pub fn min_inner_size(on: &OnScreen) -> Vec2 {
    (MIN_WINDOW_POINTS * on.native_pixels_per_point.max(0.1))
        .min(on.monitor.size() - on.decorations())
        .max(Vec2::splat(1.0))
}

/// Where a normal window should be so that it fits its monitor: its frame
/// (title bar included) as a rectangle in desktop pixels, or `None` when
/// it may stay as it is. A window larger than its monitor is shrunk to
/// it; one that reaches past the monitor's edges is moved onto it only
/// when `move_in` (start-up, another monitor). Fullscreen and maximised
/// windows are left to the window manager (`None`).
pub fn fitted(on: &OnScreen, move_in: bool) -> Option<Rect> {
    if on.fullscreen || on.maximized || !on.monitor.is_positive() {
        return None;
    }
    // Half a pixel of slack: sizes come back rounded.
    let too_big = on.outer.width() > on.monitor.width() + 0.5
        || on.outer.height() > on.monitor.height() + 0.5;
    let sticks_out = !on.monitor.expand(0.5).contains_rect(on.outer);
    if !(too_big || move_in && sticks_out) {
        return None;
    }
    let size = on.outer.size().min(on.monitor.size());
    let pos = on.outer.min.clamp(on.monitor.min, on.monitor.max - size);
    Some(Rect::from_min_size(pos, size))
}

/// The window and the monitor it is on, as the windowing system reports
/// them (physical pixels); `None` when either is unknown (e.g. Wayland
/// does not tell a window's position).
pub fn on_screen(window: &winit::window::Window) -> Option<OnScreen> {
    let monitor = window.current_monitor()?;
    let (at, size) = (monitor.position(), monitor.size());
    let outer_at = window.outer_position().ok()?;
    let (outer, inner) = (window.outer_size(), window.inner_size());
    Some(OnScreen {
        monitor: Rect::from_min_size(
            Pos2::new(at.x as f32, at.y as f32),
            vec2(size.width as f32, size.height as f32),
        ),
        outer: Rect::from_min_size(
            Pos2::new(outer_at.x as f32, outer_at.y as f32),
            vec2(outer.width as f32, outer.height as f32),
        ),
        inner: vec2(inner.width as f32, inner.height as f32),
        native_pixels_per_point: window.scale_factor() as f32,
        fullscreen: window.fullscreen().is_some(),
        maximized: window.is_maximized(),
    })
}

/// Keeps the window on its screen, frame by frame (see the module docs).
#[derive(Debug, Default)]
pub struct ScreenFit {
    /// The monitor seen last frame.
    monitor: Option<Rect>,
    /// The minimum size last asked for, physical pixels.
    min_sent: Option<Vec2>,
    /// The window as it was when it was last moved or resized here: the
    /// same state is never acted on twice (the window manager may refuse).
    acted_on: Option<OnScreen>,
    /// Input time of the first frame with a window, seconds.
    first_seen: Option<f64>,
}

impl ScreenFit {
    /// Call once per frame with the window (`None` without a native
    /// window, e.g. under a test harness) and egui's input clock
    /// (seconds): sets the minimum size, and moves or shrinks the window
    /// onto its monitor where [`fitted`] says so, in physical pixels (so
    /// egui's zoom, which projector mode changes, never scales them).
    /// Returns whether to look again soon (during start-up).
    pub fn frame(&mut self, window: Option<&winit::window::Window>, now: f64) -> bool {
        let Some(window) = window else {
            return false;
        };
        let Some(on) = on_screen(window) else {
            return false;
        };
        let first_seen = *self.first_seen.get_or_insert(now);
        let starting = now - first_seen < START_UP_SECONDS;

        let min = min_inner_size(&on);
        if self.min_sent.is_none_or(|sent| (sent - min).length() > 0.5) {
            window.set_min_inner_size(Some(winit::dpi::PhysicalSize::new(
                min.x.round() as u32,
                min.y.round() as u32,
            )));
            self.min_sent = Some(min);
        }

        let moved_monitor = self.monitor.is_some_and(|m| m != on.monitor);
        self.monitor = Some(on.monitor);
        if let Some(frame) = fitted(&on, starting || moved_monitor)
            && self.acted_on != Some(on)
        {
            self.acted_on = Some(on);
            let inner = frame.size() - on.decorations();
            if (inner - on.inner).length() > 0.5 {
                let _ = window.request_inner_size(winit::dpi::PhysicalSize::new(
                    inner.x.round().max(1.0) as u32,
                    inner.y.round().max(1.0) as u32,
                ));
            }
            if (frame.min - on.outer.min).length() > 0.5 {
                window.set_outer_position(winit::dpi::PhysicalPosition::new(
                    frame.min.x.round() as i32,
                    frame.min.y.round() as i32,
                ));
            }
            tracing::info!(
                "window {:?} does not fit its monitor {:?}: moved to {:?}",
                on.outer,
                on.monitor,
                frame
            );
        }
        starting
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), vec2(w, h))
    }

    /// A normal window on a 1280×800 monitor, with a 30-pixel title bar.
    fn window(outer: Rect) -> OnScreen {
        OnScreen {
            monitor: rect(0.0, 0.0, 1280.0, 800.0),
            outer,
            inner: outer.size() - vec2(0.0, 30.0),
            native_pixels_per_point: 1.0,
            fullscreen: false,
            maximized: false,
        }
    }

    #[test]
    fn a_remembered_window_larger_than_the_screen_is_shrunk_onto_it() {
        // The 1680×1050 window of a 1920×1080 display, on a 1280×800 one.
        let on = window(rect(100.0, 80.0, 1680.0, 1080.0));
        let frame = fitted(&on, true).expect("it must move");
        assert_eq!(frame, rect(0.0, 0.0, 1280.0, 800.0));
        // Even after start-up, too large is shrunk (kept where it is when
        // it then fits).
        let frame = fitted(&window(rect(0.0, 0.0, 1400.0, 700.0)), false).expect("too wide");
        assert_eq!(frame, rect(0.0, 0.0, 1280.0, 700.0));
    }

    #[test]
    fn a_window_off_the_edge_is_moved_in_at_start_up_and_on_another_monitor_only() {
        let off = window(rect(900.0, 500.0, 800.0, 600.0));
        assert_eq!(fitted(&off, true), Some(rect(480.0, 200.0, 800.0, 600.0)));
        assert_eq!(fitted(&off, false), None, "the user may drag it there");
        // A second monitor right of the first: moved onto that one.
        let second = OnScreen {
            monitor: rect(1280.0, 0.0, 1024.0, 768.0),
            ..window(rect(1200.0, 300.0, 1100.0, 600.0))
        };
        assert_eq!(
            fitted(&second, true),
            Some(rect(1280.0, 168.0, 1024.0, 600.0))
        );
    }

    #[test]
    fn a_window_that_fits_or_is_fullscreen_is_left_alone() {
        assert_eq!(fitted(&window(rect(10.0, 10.0, 1000.0, 700.0)), true), None);
        let fullscreen = OnScreen {
            fullscreen: true,
            ..window(rect(0.0, 0.0, 1680.0, 1050.0))
        };
        assert_eq!(fitted(&fullscreen, true), None);
    }

    #[test]
    fn the_minimum_size_never_exceeds_the_monitor_whatever_the_zoom() {
        // 960×600 points at the monitor's own scale, never egui's ×1.75.
        let on = window(rect(0.0, 0.0, 1280.0, 800.0));
        assert_eq!(min_inner_size(&on), vec2(960.0, 600.0));
        // A small or high-dpi screen: what the monitor leaves.
        let hidpi = OnScreen {
            native_pixels_per_point: 2.0,
            ..on
        };
        assert_eq!(min_inner_size(&hidpi), vec2(1280.0, 770.0));
    }
}

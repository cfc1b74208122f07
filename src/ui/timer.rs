//! The step timer: a timebox per step of the method (METHOD.md), started,
//! paused, reset and extended by the facilitator, counting down in large
//! figures in projector mode, and flashing when time is up.
//!
//! Time comes from egui's input clock (`InputState::time`, seconds), so the
//! timer runs in simulated time under egui_kittest. While it runs it asks
//! for a repaint about once a second, never continuously.

use egui::{Color32, RichText, Ui};

use super::steps::Step;
use super::theme;

/// How long the "time is up" alert flashes, seconds.
pub const FLASH_SECONDS: f64 = 10.0;
/// Longest timebox the facilitator can set, minutes.
pub const MAX_MINUTES: u32 = 180;
/// Below this window width (points) the large timer's buttons show icons
/// only: 1280 pixels at the projector's scale.
const NARROW_BAR: f32 = 1000.0;

/// Default timebox of a step, minutes: the autopsy and the typology take
/// the longest in a 90-minute workshop, pain points and the hybrid score a
/// little less (Steps 1–4, METHOD.md).
pub fn default_minutes(step: Step) -> u32 {
    match step {
        Step::Autopsy => 20,
        Step::PainPoints => 15,
        Step::Typology => 20,
        Step::HybridScore => 15,
    }
}

/// The timebox of one step: its length and how much of it has run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timebox {
    /// Length, seconds (1 minute – [`MAX_MINUTES`]).
    budget: f64,
    /// Time run before the current start, seconds.
    run_before: f64,
    /// Clock time of the current start, seconds, while running.
    started_at: Option<f64>,
    /// Clock time at which it reached zero, once it has.
    ended_at: Option<f64>,
}

impl Timebox {
    /// A stopped timebox of `minutes` (clamped to 1–[`MAX_MINUTES`]).
    pub fn of_minutes(minutes: u32) -> Self {
        Self {
            budget: f64::from(minutes.clamp(1, MAX_MINUTES)) * 60.0,
            run_before: 0.0,
            started_at: None,
            ended_at: None,
        }
    }

    /// Its length, whole minutes.
    pub fn minutes(&self) -> u32 {
        (self.budget / 60.0).round() as u32
    }

    /// Whether it is counting down.
    pub fn is_running(&self) -> bool {
        self.started_at.is_some()
    }

    /// Seconds run at clock time `now`.
    fn run(&self, now: f64) -> f64 {
        self.run_before + self.started_at.map_or(0.0, |t| (now - t).max(0.0))
    }

    /// Seconds left at clock time `now`, 0 – length.
    pub fn left(&self, now: f64) -> f64 {
        (self.budget - self.run(now)).max(0.0)
    }

    /// Start (or go on) counting down at `now`; nothing when time is up.
    pub fn start(&mut self, now: f64) {
        if self.started_at.is_none() && self.left(now) > 0.0 {
            self.started_at = Some(now);
        }
    }

    /// Pause at `now`.
    pub fn pause(&mut self, now: f64) {
        self.run_before = self.run(now);
        self.started_at = None;
    }

    /// Back to the full length, stopped.
    pub fn reset(&mut self) {
        *self = Self {
            budget: self.budget,
            ..Self::of_minutes(1)
        };
    }

    /// One more minute: to the time left if it runs or is paused, to the
    /// length if it has not started. After time is up, one minute to go.
    pub fn add_minute(&mut self, now: f64) {
        if self.ended_at.is_some() {
            self.run_before = self.budget - 60.0;
            self.started_at = None;
            self.ended_at = None;
            self.start(now);
        } else {
            let most = f64::from(MAX_MINUTES) * 60.0;
            self.budget = (self.budget + 60.0).min(most);
        }
    }

    /// Set the length to `minutes` (1–[`MAX_MINUTES`]) and stop.
    pub fn set_minutes(&mut self, minutes: u32) {
        *self = Self::of_minutes(minutes);
    }

    /// Advance to `now`: stops at zero and remembers when. Returns true on
    /// the frame time runs out.
    pub fn tick(&mut self, now: f64) -> bool {
        if self.is_running() && self.left(now) <= 0.0 {
            self.run_before = self.budget;
            self.started_at = None;
            self.ended_at = Some(now);
            return true;
        }
        false
    }

    /// Whether time is up (until reset or extended).
    pub fn is_up(&self) -> bool {
        self.ended_at.is_some()
    }

    /// Whether the "time is up" alert is in its flash at `now`, and in
    /// which phase (on/off, alternating each half second).
    pub fn flash(&self, now: f64) -> Option<bool> {
        let since = now - self.ended_at?;
        (0.0..FLASH_SECONDS)
            .contains(&since)
            .then(|| (since * 2.0).floor() as i64 % 2 == 0)
    }
}

/// "mm:ss" of a number of seconds, rounded up (a timer shows 0:01 until
/// the very end); hours roll into minutes ("75:00").
pub fn mm_ss(seconds: f64) -> String {
    let whole = seconds.max(0.0).ceil() as u64;
    format!("{}:{:02}", whole / 60, whole % 60)
}

/// One timebox per step, for the step the room is in.
#[derive(Clone, Debug)]
pub struct StepTimer {
    boxes: [Timebox; 4],
}

impl Default for StepTimer {
    fn default() -> Self {
        Self {
            boxes: Step::ALL.map(|s| Timebox::of_minutes(default_minutes(s))),
        }
    }
}

/// What the timer asks of the app after a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerEvent {
    /// Time ran out on this frame.
    TimeUp,
}

impl StepTimer {
    /// Timeboxes of the given lengths, minutes per step in [`Step::ALL`]
    /// order (from the preferences).
    pub fn with_minutes(minutes: [u32; 4]) -> Self {
        Self {
            boxes: minutes.map(Timebox::of_minutes),
        }
    }

    /// Lengths in minutes, per step in [`Step::ALL`] order.
    pub fn minutes(&self) -> [u32; 4] {
        self.boxes.map(|b| b.minutes())
    }

    /// The timebox of `step`.
    pub fn timebox(&self, step: Step) -> &Timebox {
        &self.boxes[index(step)]
    }

    /// The timebox of `step`, to change it.
    pub fn timebox_mut(&mut self, step: Step) -> &mut Timebox {
        &mut self.boxes[index(step)]
    }

    /// Advance every timebox to `now` and ask for the next repaint: about
    /// once a second while one runs, twice a second while one flashes,
    /// none otherwise.
    pub fn tick(&mut self, ctx: &egui::Context) -> Option<TimerEvent> {
        let now = ctx.input(|i| i.time);
        let mut event = None;
        for b in &mut self.boxes {
            if b.tick(now) {
                event = Some(TimerEvent::TimeUp);
            }
        }
        if let Some(b) = self.boxes.iter().find(|b| b.is_running()) {
            // Wake just after the displayed second changes.
            let left = b.left(now);
            let to_next = left - (left.ceil() - 1.0);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                to_next.clamp(0.05, 1.0) + 0.01,
            ));
        } else if self.boxes.iter().any(|b| b.flash(now).is_some()) {
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
        if event.is_some() {
            ctx.request_repaint();
        }
        event
    }

    /// The timer bar for `step`: the countdown (large when `large`), then
    /// start/pause, +1 min, reset and the length in minutes.
    pub fn ui(&mut self, ui: &mut Ui, step: Step, large: bool) {
        let now = ui.input(|i| i.time);
        let b = self.timebox_mut(step);
        let narrow = large && ui.ctx().content_rect().width() < NARROW_BAR;
        let size = match (large, narrow) {
            (true, true) => 30.0,
            (true, false) => 34.0,
            (false, _) => 24.0,
        };
        let text = if b.is_up() {
            format!("⏱ {} time is up", mm_ss(0.0))
        } else {
            format!("⏱ {}", mm_ss(b.left(now)))
        };
        let mut rich = RichText::new(text).size(size).strong();
        if let Some(on) = b.flash(now) {
            let (fg, bg) = if on {
                (theme::TAG_INK, theme::WARNING_INK)
            } else {
                (theme::WARNING_INK, theme::PANEL_FILL)
            };
            rich = rich.color(fg).background_color(bg);
        } else if b.is_up() {
            rich = rich.color(theme::WARNING_INK);
        }
        ui.add(egui::Label::new(rich).wrap_mode(egui::TextWrapMode::Extend))
            .on_hover_text(format!("Timebox of {}", step.title()));
        // Large and narrow (a 1280-pixel projector): icons only, their
        // names on hover, so the bar stays one row.
        let name = |full: &'static str, short: &'static str| if narrow { short } else { full };
        if b.is_running() {
            if ui
                .button(name("⏸ Pause", "⏸"))
                .on_hover_text("Pause the timer (T)")
                .clicked()
            {
                b.pause(now);
            }
        } else if !b.is_up()
            && ui
                .button(name("▶ Start", "▶"))
                .on_hover_text("Start the timer (T)")
                .clicked()
        {
            b.start(now);
            ui.ctx().request_repaint();
        }
        if ui
            .button(name("+1 min", "+1"))
            .on_hover_text("One more minute")
            .clicked()
        {
            b.add_minute(now);
            ui.ctx().request_repaint();
        }
        if ui
            .button(name("Reset", "↺"))
            .on_hover_text("Reset: back to the full timebox")
            .clicked()
        {
            b.reset();
        }
        if !large && !b.is_running() && !b.is_up() && b.left(now) >= b.budget {
            let mut minutes = b.minutes();
            let label = ui.label("min");
            let changed = ui
                .add(egui::DragValue::new(&mut minutes).range(1..=MAX_MINUTES))
                .labelled_by(label.id)
                .changed();
            if changed {
                b.set_minutes(minutes);
            }
        }
    }

    /// Start or pause the timebox of `step` (the T key).
    pub fn toggle(&mut self, step: Step, now: f64) {
        let b = self.timebox_mut(step);
        if b.is_running() {
            b.pause(now);
        } else {
            b.start(now);
        }
    }

    /// The banner colours while a timebox of any step flashes.
    pub fn alert(&self, now: f64) -> Option<Color32> {
        self.boxes.iter().find_map(|b| b.flash(now)).map(|on| {
            if on {
                theme::WARNING_INK
            } else {
                theme::WARNING_BG
            }
        })
    }
}

fn index(step: Step) -> usize {
    match step {
        Step::Autopsy => 0,
        Step::PainPoints => 1,
        Step::Typology => 2,
        Step::HybridScore => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timebox_counts_down_pauses_and_stops_at_zero() {
        let mut b = Timebox::of_minutes(15);
        assert_eq!(b.left(100.0), 900.0);
        b.start(100.0);
        assert_eq!(b.left(160.0), 840.0);
        b.pause(160.0);
        assert_eq!(b.left(500.0), 840.0, "paused time does not count");
        b.start(500.0);
        assert!(!b.tick(1000.0));
        assert!(b.tick(1340.0), "reaches zero after 900 s of running");
        assert!(b.is_up() && !b.is_running());
        assert_eq!(b.left(2000.0), 0.0);
        assert_eq!(b.flash(1341.0), Some(true));
        assert_eq!(b.flash(1341.6), Some(false));
        assert_eq!(b.flash(1340.0 + FLASH_SECONDS + 1.0), None);
    }

    #[test]
    fn one_more_minute_extends_a_running_or_finished_timebox() {
        let mut b = Timebox::of_minutes(1);
        b.start(0.0);
        b.add_minute(30.0);
        assert_eq!(b.left(30.0), 90.0);
        assert!(b.tick(120.0));
        b.add_minute(130.0);
        assert!(!b.is_up() && b.is_running());
        assert_eq!(b.left(130.0), 60.0);
        b.reset();
        assert_eq!(b.left(500.0), b.budget);
        assert!(!b.is_running());
    }

    #[test]
    fn countdown_text_rounds_up_to_the_second() {
        assert_eq!(mm_ss(900.0), "15:00");
        assert_eq!(mm_ss(0.2), "0:01");
        assert_eq!(mm_ss(0.0), "0:00");
        assert_eq!(mm_ss(4500.0), "75:00");
        assert_eq!(Timebox::of_minutes(100_000).minutes(), MAX_MINUTES);
        assert_eq!(Timebox::of_minutes(0).minutes(), 1);
    }
}

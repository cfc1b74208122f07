//! The facilitator's join screen (issues 11 and 17): what the room reads
//! on the wall to join from their phones, and the facilitator's controls.
//!
//! Two forms of one content:
//! - on the wall ([`RoomPanel::wall_ui`], projector mode): the whole board
//!   area. The QR code of the join URL takes at least 40 % of the screen's
//!   height (drawn with nearest filtering, so its modules stay sharp); the
//!   URL to type is on one line in a large monospace font, sized to fit;
//!   the six-digit code is the largest text on screen; who joined shows as
//!   chips below; a few large controls (lock, reveal, back to the board,
//!   close).
//! - in a window ([`RoomPanel::window_ui`], normal mode): the same join
//!   block at a fixed size that never wraps a word per line, then the
//!   network picker, who joined with remove / undo, reveal, lock and close.
//!
//! Both list the phones that wait to join under a name already in the
//! session ("Priya Raman wants to join as the listed participant",
//! Accept / Refuse): a listed name needs the facilitator's yes.
//!
//! A plain state struct and `ui` functions that draw and return intentions
//! ([`RoomAction`]); the app carries them out on its
//! [`RoomHandle`](crate::room::RoomHandle). Nothing here does I/O: the
//! networks to offer come in the [`RoomView`].

mod wall;
mod window;

use std::net::SocketAddr;

use egui::{Color32, ColorImage, Rect, RichText, TextureHandle, TextureOptions, Ui};

use super::steps::Step;
use super::theme;
use crate::model::{HiddenCounts, Id};
use crate::room::net::Candidate;
use crate::room::qr::QrMatrix;
use crate::room::{Focus, RoomInfo, RosterEntry, WaitingJoin};

/// What to tell the room when phones cannot reach the laptop.
pub const HOTSPOT_ADVICE: &str = "Phones cannot open the page? Guest and office Wi-Fi often keep \
devices apart. Turn on your own phone's hotspot, connect this laptop and the participants' \
phones to it, then open the room again.";

/// Share of the wall's height the QR code takes at least (issue 17: at
/// least 40 % of the screen).
pub const WALL_QR_SHARE: f32 = 0.8;
/// Size of the wall's prompts and chips, points.
pub const WALL_TEXT_SIZE: f32 = 20.0;

/// What the facilitator asked for on the join screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomAction {
    /// Open the room on this address (port 0: a free port); when a room is
    /// open, close it first (its URL and code change).
    Open(SocketAddr),
    /// Close the room.
    Close,
    /// Lock (`true`: no new joiners, the code stops working) or unlock.
    Lock(bool),
    /// Remove a participant from the room (their phones are told).
    Remove(Id),
    /// Undo everything a participant did from their phone, as one step.
    UndoEverything(Id),
    /// Show the hidden pain points on the projector.
    RevealPainPoints,
    /// Show the hidden scores on the projector.
    RevealScores,
    /// Let a phone waiting to join under a listed name in (`true`) or send
    /// it away (`false`), by its ticket ([`WaitingJoin::ticket`]).
    Admit(u64, bool),
    /// List the laptop's networks again.
    LookAgain,
    /// Fold the join screen away (F4) and show the board again.
    Hide,
}

/// What the join screen shows: the open room (if any), the session's
/// counts and the networks to offer.
#[derive(Clone, Copy, Debug)]
pub struct RoomView<'a> {
    /// The open room's URL and code; `None` while closed.
    pub info: Option<&'a RoomInfo>,
    /// Who joined from phones.
    pub roster: &'a [RosterEntry],
    /// Phones waiting for the facilitator's yes to join under a listed
    /// name, oldest first.
    pub waiting: &'a [WaitingJoin],
    /// Whether the room is locked.
    pub locked: bool,
    /// What is hidden until revealed.
    pub hidden: HiddenCounts,
    /// Why the room could not open, if it just failed.
    pub error: Option<&'a str>,
    /// The laptop's networks, best first ([`crate::room::net::candidates`]).
    pub candidates: &'a [Candidate],
}

/// A participant action waiting for confirmation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Confirm {
    Remove(Id),
    Undo(Id),
}

/// The join screen's own state (not saved).
#[derive(Default)]
pub struct RoomPanel {
    /// The QR code's texture and the URL it encodes.
    qr: Option<(String, TextureHandle)>,
    confirm: Option<Confirm>,
    /// Height of the wall's lower block (who joined) as last laid out,
    /// points: the code takes what is left above it.
    wall_lower: f32,
    /// Height of the wall's strip of controls as last laid out, points.
    wall_controls: f32,
}

impl std::fmt::Debug for RoomPanel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomPanel")
            .field("qr", &self.qr.as_ref().map(|(url, _)| url))
            .finish()
    }
}

/// The indicator kept visible in normal and projector mode while a room
/// is open: "● Room open · 7 joined", or with `compact` (the projector
/// bar, which must hold one row at 1280×800) "● 7 joined"; a locked room
/// adds " · locked" (compact: " 🔒").
pub fn indicator(roster: &[RosterEntry], locked: bool, compact: bool) -> String {
    let n = roster.len();
    match (compact, locked) {
        (true, true) => format!("● {n} joined 🔒"),
        (true, false) => format!("● {n} joined"),
        (false, true) => format!("● Room open · {n} joined · locked"),
        (false, false) => format!("● Room open · {n} joined"),
    }
}

/// The room's step for the step the window shows (phones follow it).
pub fn focus_of(step: Step) -> Focus {
    match step {
        Step::Autopsy => Focus::Autopsy,
        Step::PainPoints => Focus::PainPoints,
        Step::Typology => Focus::Typology,
        Step::HybridScore => Focus::HybridScore,
    }
}

/// The short code as shown: "482 719".
pub fn spaced_code(code: &str) -> String {
    match (code.get(..3), code.get(3..)) {
        (Some(a), Some(b)) if code.len() == 6 => format!("{a} {b}"),
        _ => code.to_owned(),
    }
}

/// "Priya Raman wants to join as the listed participant".
pub fn waiting_text(waiting: &WaitingJoin) -> String {
    format!("{} wants to join as the listed participant", waiting.name)
}

impl RoomPanel {
    /// Make (or keep) the QR code's texture for `url`.
    fn ensure_qr(&mut self, ctx: &egui::Context, url: &str) {
        let stale = self.qr.as_ref().is_none_or(|(u, _)| u != url);
        if stale {
            self.qr = QrMatrix::of(url).ok().map(|qr| {
                let side = qr.width;
                let image = ColorImage::from_gray([side, side], &qr.pixels(1));
                let texture = ctx.load_texture("room join QR code", image, TextureOptions::NEAREST);
                (url.to_owned(), texture)
            });
        }
    }

    /// The QR code in `rect`, on white, named for screen readers and tests.
    fn qr_ui(&self, ui: &mut Ui, rect: Rect, info: &RoomInfo) {
        let Some((_, texture)) = &self.qr else {
            return;
        };
        let response = ui.put(
            rect,
            egui::Image::new(texture)
                .fit_to_exact_size(rect.size())
                .bg_fill(Color32::WHITE),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Image, true, format!("QR code: {}", info.url))
        });
    }
}

/// "1 person", "5 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// The phones waiting for the facilitator's yes, as a notice over the
/// board while the join screen is folded away.
pub fn waiting_list_ui(ui: &mut Ui, waiting: &[WaitingJoin], out: &mut Vec<RoomAction>) {
    waiting_ui(ui, waiting, WALL_TEXT_SIZE, out);
}

/// The phones waiting for the facilitator's yes, each with Accept and
/// Refuse; nothing when none waits.
fn waiting_ui(ui: &mut Ui, waiting: &[WaitingJoin], size: f32, out: &mut Vec<RoomAction>) {
    for w in waiting {
        egui::Frame::new()
            .fill(theme::WARNING_BG)
            .stroke(egui::Stroke::new(2.0, theme::WARNING_INK))
            .corner_radius(6)
            .inner_margin(8)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(waiting_text(w))
                            .size(size)
                            .strong()
                            .color(theme::WARNING_INK),
                    );
                    if ui
                        .button(RichText::new("Accept").size(size))
                        .on_hover_text(format!(
                            "This phone becomes {}: it sees their scores and notes",
                            w.name
                        ))
                        .clicked()
                    {
                        out.push(RoomAction::Admit(w.ticket, true));
                    }
                    if ui
                        .button(RichText::new("Refuse").size(size))
                        .on_hover_text("The phone is told to join with another name")
                        .clicked()
                    {
                        out.push(RoomAction::Admit(w.ticket, false));
                    }
                });
            });
    }
}

fn lock_button(ui: &mut Ui, locked: bool, out: &mut Vec<RoomAction>) {
    let label = if locked {
        "Unlock the room"
    } else {
        "Lock the room (no new joiners)"
    };
    if ui
        .button(label)
        .on_hover_text("Locked: nobody new can join and the code stops working")
        .clicked()
    {
        out.push(RoomAction::Lock(!locked));
    }
}

fn closed_ui(
    ui: &mut Ui,
    candidates: &[Candidate],
    error: Option<&str>,
    out: &mut Vec<RoomAction>,
) {
    ui.label(
        "Open the room and participants join from their phones on this network: \
         nothing leaves this laptop.",
    );
    if let Some(error) = error {
        ui.label(RichText::new(error).color(theme::WARNING_INK));
    }
    match candidates.first() {
        Some(best) => {
            if ui
                .button(
                    RichText::new(format!("Open the room on {} ({})", best.ip, best.name)).strong(),
                )
                .clicked()
            {
                out.push(RoomAction::Open(SocketAddr::new(best.ip, 0)));
            }
            for other in candidates.iter().skip(1) {
                if ui
                    .button(format!(
                        "… or on {} ({}: {})",
                        other.ip,
                        other.name,
                        other.reach.note()
                    ))
                    .clicked()
                {
                    out.push(RoomAction::Open(SocketAddr::new(other.ip, 0)));
                }
            }
        }
        None => {
            ui.label(RichText::new("No network found.").color(theme::WARNING_INK));
        }
    }
    ui.label(RichText::new(HOTSPOT_ADVICE).color(theme::INK_SOFT));
}

fn interface_ui(ui: &mut Ui, info: &RoomInfo, candidates: &[Candidate], out: &mut Vec<RoomAction>) {
    let current = candidates
        .iter()
        .find(|c| c.ip == info.addr.ip())
        .map_or_else(
            || info.addr.ip().to_string(),
            |c| format!("{} ({})", c.ip, c.name),
        );
    egui::ComboBox::from_label("Network")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for c in candidates {
                let text = format!("{} ({}: {})", c.ip, c.name, c.reach.note());
                if ui.selectable_label(c.ip == info.addr.ip(), text).clicked()
                    && c.ip != info.addr.ip()
                {
                    out.push(RoomAction::Open(SocketAddr::new(c.ip, 0)));
                }
            }
        });
}

/// "Reveal 7 pain points written by 5 people" and "Reveal the scores (9
/// of 12 have scored)", for what is hidden: the counts the room sees until
/// the facilitator reveals.
pub fn hidden_ui(ui: &mut Ui, hidden: HiddenCounts, out: &mut Vec<RoomAction>) {
    if hidden.pain_points > 0 {
        let label = format!(
            "Reveal {} pain point{} written by {}",
            hidden.pain_points,
            if hidden.pain_points == 1 { "" } else { "s" },
            people(hidden.pain_writers)
        );
        if ui
            .button(RichText::new(label).strong())
            .on_hover_text("R")
            .clicked()
        {
            out.push(RoomAction::RevealPainPoints);
        }
    }
    if hidden.scores_hidden > 0 {
        let label = format!(
            "Reveal the scores ({} of {} have scored)",
            hidden.scored, hidden.participants
        );
        if ui
            .button(RichText::new(label).strong())
            .on_hover_text("Shift+R")
            .clicked()
        {
            out.push(RoomAction::RevealScores);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_shown_in_two_groups_and_the_indicator_counts_joiners() {
        assert_eq!(spaced_code("482719"), "482 719");
        assert_eq!(spaced_code("12"), "12");
        let entry = RosterEntry {
            id: Id(1),
            name: "Priya".into(),
            colour: [0, 0, 0],
            connected: true,
            scoring_started: false,
            finished_scoring: false,
        };
        assert_eq!(
            indicator(&[entry.clone(), entry.clone()], false, false),
            "● Room open · 2 joined"
        );
        assert_eq!(
            indicator(&[], true, false),
            "● Room open · 0 joined · locked"
        );
        assert_eq!(indicator(&[entry], true, true), "● 1 joined 🔒");
        assert_eq!(focus_of(Step::PainPoints), Focus::PainPoints);
    }
}

//! The facilitator's join panel (issue 11): big enough to read and scan
//! from the back of the room. A QR code of the join URL (drawn with
//! nearest filtering, so its modules stay sharp at any size), the URL and
//! the short code for people who type, the network interface the room is
//! on (and the others to pick from), what to do when phones cannot reach
//! the laptop, who joined (connected or not, finished scoring or not), and
//! the facilitator's controls: lock, remove a participant, undo everything
//! a participant did, reveal what is hidden, close.
//!
//! A plain state struct and a `ui` function that draws and returns
//! intentions ([`RoomAction`]); the app carries them out on its
//! [`RoomHandle`](crate::room::RoomHandle).

use std::net::SocketAddr;

use egui::{Color32, ColorImage, RichText, TextureHandle, TextureOptions, Ui, vec2};

use super::steps::Step;
use super::theme;
use crate::model::{HiddenCounts, Id};
use crate::room::net::{self, Candidate};
use crate::room::qr::QrMatrix;
use crate::room::{Focus, RoomInfo, RosterEntry};

/// What to tell the room when phones cannot reach the laptop.
pub const HOTSPOT_ADVICE: &str = "Phones cannot open the page? Guest and office Wi-Fi often keep \
devices apart. Turn on your own phone's hotspot, connect this laptop and the participants' \
phones to it, then open the room again.";

/// Side of the QR code on screen, points (about 9 cm on a 1080p wall).
pub const QR_SIDE: f32 = 320.0;
/// Size of the URL and code text, points.
pub const JOIN_TEXT_SIZE: f32 = 28.0;

/// What the facilitator asked for in the panel.
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
}

/// What the panel shows: the open room (if any) and the session's counts.
#[derive(Clone, Copy, Debug)]
pub struct RoomView<'a> {
    /// The open room's URL and code; `None` while closed.
    pub info: Option<&'a RoomInfo>,
    /// Who joined from phones.
    pub roster: &'a [RosterEntry],
    /// Whether the room is locked.
    pub locked: bool,
    /// What is hidden until revealed.
    pub hidden: HiddenCounts,
    /// Why the room could not open, if it just failed.
    pub error: Option<&'a str>,
}

/// A participant action waiting for confirmation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Confirm {
    Remove(Id),
    Undo(Id),
}

/// The join panel's own state (not saved).
#[derive(Default)]
pub struct RoomPanel {
    /// The QR code's texture and the URL it encodes.
    qr: Option<(String, TextureHandle)>,
    /// Interfaces to offer, best first (listed when the panel first shows
    /// and on "Look again").
    candidates: Option<Vec<Candidate>>,
    confirm: Option<Confirm>,
}

impl std::fmt::Debug for RoomPanel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomPanel")
            .field("qr", &self.qr.as_ref().map(|(url, _)| url))
            .field("candidates", &self.candidates)
            .finish()
    }
}

/// The indicator kept visible in normal and projector mode while a room
/// is open: "● Room open · 7 joined".
pub fn indicator(roster: &[RosterEntry], locked: bool) -> String {
    let lock = if locked { " · locked" } else { "" };
    format!("● Room open · {} joined{lock}", roster.len())
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

impl RoomPanel {
    /// Draw the panel; returns what the facilitator asked for.
    pub fn ui(&mut self, ui: &mut Ui, view: &RoomView<'_>) -> Vec<RoomAction> {
        let mut out = Vec::new();
        let candidates = self.candidates.get_or_insert_with(net::candidates).clone();
        match view.info {
            None => {
                self.qr = None;
                closed_ui(ui, &candidates, view.error, &mut out);
            }
            Some(info) => {
                self.join_ui(ui, info);
                ui.add_space(theme::BLOCK_MARGIN);
                interface_ui(ui, info, &candidates, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                self.roster_ui(ui, view, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                hidden_ui(ui, view.hidden, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                ui.horizontal(|ui| {
                    let lock_label = if view.locked {
                        "Unlock the room"
                    } else {
                        "Lock the room (no new joiners)"
                    };
                    if ui.button(lock_label).clicked() {
                        out.push(RoomAction::Lock(!view.locked));
                    }
                    if ui.button("Close the room").clicked() {
                        out.push(RoomAction::Close);
                    }
                });
            }
        }
        if ui.small_button("Look again for networks").clicked() {
            self.candidates = Some(net::candidates());
        }
        out
    }

    fn join_ui(&mut self, ui: &mut Ui, info: &RoomInfo) {
        let stale = self.qr.as_ref().is_none_or(|(url, _)| *url != info.url);
        if stale {
            self.qr = QrMatrix::of(&info.url).ok().map(|qr| {
                let side = qr.width;
                let image = ColorImage::from_gray([side, side], &qr.pixels(1));
                let texture =
                    ui.ctx()
                        .load_texture("room join QR code", image, TextureOptions::NEAREST);
                (info.url.clone(), texture)
            });
        }
        ui.horizontal(|ui| {
            if let Some((_, texture)) = &self.qr {
                let response = ui.add(
                    egui::Image::new(texture)
                        .fit_to_exact_size(vec2(QR_SIDE, QR_SIDE))
                        .bg_fill(Color32::WHITE),
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Image,
                        true,
                        format!("QR code: {}", info.url),
                    )
                });
            }
            ui.vertical(|ui| {
                ui.label(
                    RichText::new("Join from your phone")
                        .size(JOIN_TEXT_SIZE)
                        .strong(),
                );
                ui.label("Scan the code with the camera, or open");
                ui.label(
                    RichText::new(&info.typed_url)
                        .size(JOIN_TEXT_SIZE)
                        .monospace()
                        .color(theme::INK),
                );
                ui.label("and type the code");
                ui.label(
                    RichText::new(spaced_code(&info.code))
                        .size(JOIN_TEXT_SIZE * 1.4)
                        .monospace()
                        .strong()
                        .color(theme::INK),
                );
                ui.add_space(theme::BLOCK_MARGIN);
                ui.label(RichText::new(HOTSPOT_ADVICE).color(theme::INK_SOFT));
            });
        });
    }

    fn roster_ui(&mut self, ui: &mut Ui, view: &RoomView<'_>, out: &mut Vec<RoomAction>) {
        let connected = view.roster.iter().filter(|r| r.connected).count();
        let finished = view.roster.iter().filter(|r| r.finished_scoring).count();
        ui.label(
            RichText::new(format!(
                "{} joined · {connected} connected · {finished} finished scoring",
                view.roster.len()
            ))
            .strong(),
        );
        if view.roster.is_empty() {
            ui.label("Nobody has joined yet.");
        }
        for entry in view.roster {
            ui.horizontal(|ui| {
                let [r, g, b] = entry.colour;
                ui.label(RichText::new("●").color(Color32::from_rgb(r, g, b)));
                ui.label(RichText::new(&entry.name).strong());
                ui.label(if entry.connected {
                    "connected"
                } else {
                    "offline"
                });
                ui.label(if entry.finished_scoring {
                    "scored all 8"
                } else if entry.scoring_started {
                    "scoring…"
                } else {
                    ""
                });
                match self.confirm {
                    Some(Confirm::Remove(id)) if id == entry.id => {
                        if ui.button(format!("Yes, remove {}", entry.name)).clicked() {
                            out.push(RoomAction::Remove(id));
                            self.confirm = None;
                        }
                        if ui.button("Cancel").clicked() {
                            self.confirm = None;
                        }
                    }
                    Some(Confirm::Undo(id)) if id == entry.id => {
                        if ui
                            .button(format!("Yes, undo all of {}'s edits", entry.name))
                            .clicked()
                        {
                            out.push(RoomAction::UndoEverything(id));
                            self.confirm = None;
                        }
                        if ui.button("Cancel").clicked() {
                            self.confirm = None;
                        }
                    }
                    _ => {
                        if ui
                            .button("Remove")
                            .on_hover_text("Disconnect this phone; the name cannot join again")
                            .clicked()
                        {
                            self.confirm = Some(Confirm::Remove(entry.id));
                        }
                        if ui
                            .button("Undo all")
                            .on_hover_text("Undo everything this participant did, as one step")
                            .clicked()
                        {
                            self.confirm = Some(Confirm::Undo(entry.id));
                        }
                    }
                }
            });
        }
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
            "Reveal {} pain point{} written by {} {}",
            hidden.pain_points,
            if hidden.pain_points == 1 { "" } else { "s" },
            hidden.pain_writers,
            if hidden.pain_writers == 1 {
                "person"
            } else {
                "people"
            }
        );
        if ui.button(RichText::new(label).strong()).clicked() {
            out.push(RoomAction::RevealPainPoints);
        }
    }
    if hidden.scores_hidden > 0 {
        let label = format!(
            "Reveal the scores ({} of {} have scored)",
            hidden.scored, hidden.participants
        );
        if ui.button(RichText::new(label).strong()).clicked() {
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
            indicator(&[entry.clone(), entry], false),
            "● Room open · 2 joined"
        );
        assert_eq!(indicator(&[], true), "● Room open · 0 joined · locked");
        assert_eq!(focus_of(Step::PainPoints), Focus::PainPoints);
    }
}

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

use std::net::SocketAddr;

use egui::{
    Align, Color32, ColorImage, FontId, Layout, Rect, RichText, TextureHandle, TextureOptions, Ui,
    vec2,
};

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

/// Side of the QR code in the window, points (about 9 cm on a 1080p wall).
pub const QR_SIDE: f32 = 320.0;
/// Size of the URL and code text in the window, points.
pub const JOIN_TEXT_SIZE: f32 = 28.0;
/// Width of the window's text column beside the QR code, points: wide
/// enough for "Join from your phone" and a LAN URL on one line each.
pub const JOIN_COLUMN_WIDTH: f32 = 470.0;
/// Share of the wall's height the QR code takes at least (issue 17: at
/// least 40 % of the screen).
pub const WALL_QR_SHARE: f32 = 0.8;
/// Smallest size of the URL on the wall, points (it shortens to the
/// address before it gets smaller than this).
pub const WALL_URL_MIN: f32 = 20.0;
/// Largest size of the URL on the wall, points.
pub const WALL_URL_MAX: f32 = 44.0;
/// Smallest size of the code on the wall, points: above every other text
/// on screen (the projector bar's timer is 34).
pub const WALL_CODE_MIN: f32 = 48.0;
/// Largest size of the code on the wall, points.
pub const WALL_CODE_MAX: f32 = 150.0;
/// Size of the wall's title ("Join from your phone"), points.
pub const WALL_TITLE_SIZE: f32 = 32.0;
/// Size of the wall's prompts and chips, points.
pub const WALL_TEXT_SIZE: f32 = 20.0;
/// Size of the wall's controls (reveal, lock, back to the board, close),
/// points: one row on a 1280-pixel projector.
pub const WALL_CONTROL_SIZE: f32 = 17.0;

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

/// The largest font size in `min..=max` at which `text` in `family` fits
/// `width` points on one line, or `None` when it does not fit even at
/// `min`.
fn fitting_size(
    ui: &Ui,
    text: &str,
    family: egui::FontFamily,
    width: f32,
    [min, max]: [f32; 2],
) -> Option<f32> {
    let probe = 20.0;
    let measured = ui.fonts_mut(|f| {
        f.layout_no_wrap(
            text.to_owned(),
            FontId::new(probe, family),
            Color32::PLACEHOLDER,
        )
        .size()
        .x
    });
    if measured <= 0.0 || !measured.is_finite() {
        return Some(max);
    }
    // Glyph widths scale with the size, give or take hinting: keep 3 %.
    let size = (probe * width / measured * 0.97).min(max);
    (size >= min).then_some(size)
}

impl RoomPanel {
    /// The join screen in a window (normal mode); returns what the
    /// facilitator asked for.
    pub fn window_ui(&mut self, ui: &mut Ui, view: &RoomView<'_>) -> Vec<RoomAction> {
        let mut out = Vec::new();
        waiting_ui(ui, view.waiting, WALL_TEXT_SIZE, &mut out);
        match view.info {
            None => {
                self.qr = None;
                closed_ui(ui, view.candidates, view.error, &mut out);
            }
            Some(info) => {
                self.join_block_ui(ui, info);
                ui.add_space(theme::BLOCK_MARGIN);
                interface_ui(ui, info, view.candidates, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                self.roster_ui(ui, view, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                hidden_ui(ui, view.hidden, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                ui.horizontal(|ui| {
                    lock_button(ui, view.locked, &mut out);
                    if ui.button("Close the room").clicked() {
                        out.push(RoomAction::Close);
                    }
                });
            }
        }
        if ui.small_button("Look again for networks").clicked() {
            out.push(RoomAction::LookAgain);
        }
        out
    }

    /// The join screen on the wall (projector mode): fills `ui`'s whole
    /// area; returns what the facilitator asked for.
    pub fn wall_ui(&mut self, ui: &mut Ui, view: &RoomView<'_>) -> Vec<RoomAction> {
        let mut out = Vec::new();
        let Some(info) = view.info else {
            self.qr = None;
            ui.scope(|ui| {
                ui.style_mut().override_font_id = Some(FontId::proportional(WALL_TEXT_SIZE));
                ui.label(
                    RichText::new("The room is closed")
                        .size(WALL_TITLE_SIZE)
                        .strong(),
                );
                waiting_ui(ui, view.waiting, WALL_TEXT_SIZE, &mut out);
                closed_ui(ui, view.candidates, view.error, &mut out);
                if ui.button("Back to the board (F4)").clicked() {
                    out.push(RoomAction::Hide);
                }
            });
            return out;
        };
        self.ensure_qr(ui.ctx(), &info.url);
        let full = ui.available_rect_before_wrap();
        let margin = 16.0;
        // The controls take a strip along the bottom (its height as laid
        // out last frame); the QR code and the text share the rest.
        let area = Rect::from_min_max(
            full.min,
            egui::pos2(
                full.right(),
                (full.bottom() - self.wall_controls).max(full.top()),
            ),
        );
        // Landscape: the QR code left, the text right; a tall area stacks
        // them.
        let landscape = area.width() >= area.height();
        let qr_side = if landscape {
            (area.height() - margin).min(area.width() * 0.46)
        } else {
            (area.width() * 0.8).min(area.height() * 0.45)
        }
        .max(0.0);
        let qr_rect = if landscape {
            Rect::from_min_size(
                area.left_top() + vec2(margin, (area.height() - qr_side) / 2.0),
                vec2(qr_side, qr_side),
            )
        } else {
            Rect::from_min_size(
                area.center_top() + vec2(-qr_side / 2.0, margin),
                vec2(qr_side, qr_side),
            )
        };
        self.qr_ui(ui, qr_rect, info);
        let text_rect = if landscape {
            Rect::from_min_max(
                egui::pos2(qr_rect.right() + 2.0 * margin, area.top() + margin),
                area.right_bottom() - vec2(margin, 0.0),
            )
        } else {
            Rect::from_min_max(
                egui::pos2(area.left() + margin, qr_rect.bottom() + margin),
                area.right_bottom() - vec2(margin, 0.0),
            )
        };
        ui.scope_builder(
            egui::UiBuilder::new()
                .max_rect(text_rect)
                .layout(Layout::top_down(Align::Min)),
            |ui| self.wall_text_ui(ui, view, info, &mut out),
        );
        let strip = Rect::from_min_max(
            egui::pos2(full.left() + margin, area.bottom()),
            egui::pos2(full.right() - margin, full.bottom()),
        );
        let controls = ui
            .scope_builder(
                egui::UiBuilder::new()
                    .max_rect(strip)
                    .layout(Layout::left_to_right(Align::Min).with_main_wrap(true)),
                |ui| {
                    ui.style_mut().override_font_id = Some(FontId::proportional(WALL_CONTROL_SIZE));
                    wall_controls_ui(ui, view, &mut out);
                },
            )
            .response
            .rect;
        // At most half the screen, whatever the controls ask for.
        let controls = (controls.height() + 8.0).min(full.height() / 2.0);
        self.remember(ui.ctx(), |panel| &mut panel.wall_controls, controls);
        ui.advance_cursor_after_rect(full);
        out
    }

    /// Keep a height laid out this pass for the next; when it changed, lay
    /// the screen out again before anyone sees this pass.
    fn remember(&mut self, ctx: &egui::Context, field: fn(&mut Self) -> &mut f32, height: f32) {
        let slot = field(self);
        if (height - *slot).abs() > 1.0 {
            *slot = height;
            ctx.request_discard("join screen: a block resized");
        }
    }

    /// The wall's text column: title, URL, code, who joined.
    fn wall_text_ui(
        &mut self,
        ui: &mut Ui,
        view: &RoomView<'_>,
        info: &RoomInfo,
        out: &mut Vec<RoomAction>,
    ) {
        let width = ui.available_width();
        ui.style_mut().override_font_id = Some(FontId::proportional(WALL_TEXT_SIZE));
        ui.style_mut().spacing.item_spacing.y = 4.0;
        ui.add(
            egui::Label::new(
                RichText::new("Join from your phone")
                    .size(WALL_TITLE_SIZE)
                    .strong()
                    .color(theme::INK),
            )
            .wrap_mode(egui::TextWrapMode::Wrap),
        );
        ui.label(RichText::new("Scan the QR code, or open").color(theme::INK_SOFT));
        let mono = egui::FontFamily::Monospace;
        let (url, url_size) = match fitting_size(
            ui,
            &info.typed_url,
            mono.clone(),
            width,
            [WALL_URL_MIN, WALL_URL_MAX],
        ) {
            Some(size) => (info.typed_url.clone(), size),
            // An IPv6 address can be long: the address alone, smaller.
            None => {
                let short = info.addr.to_string();
                let size = fitting_size(ui, &short, mono.clone(), width, [1.0, WALL_URL_MAX])
                    .unwrap_or(WALL_URL_MIN);
                (short, size)
            }
        };
        ui.add(
            egui::Label::new(
                RichText::new(url)
                    .size(url_size)
                    .monospace()
                    .strong()
                    .color(theme::INK),
            )
            .wrap_mode(egui::TextWrapMode::Extend),
        );
        ui.label(RichText::new("and type the code").color(theme::INK_SOFT));
        let code = spaced_code(&info.code);
        // The code takes the height left above the lower block (as laid
        // out last frame), and the width: the largest text on screen.
        let spacing = ui.spacing().item_spacing.y;
        let room_left = ui.available_height() - self.wall_lower - 2.0 * spacing;
        let code_size = fitting_size(ui, &code, mono, width, [WALL_CODE_MIN, WALL_CODE_MAX])
            .unwrap_or(WALL_CODE_MIN)
            // A line of text is about 1.2 times its font size high.
            .min(room_left / 1.2)
            .max(WALL_CODE_MIN);
        ui.add(
            egui::Label::new(
                RichText::new(code)
                    .size(code_size)
                    .monospace()
                    .strong()
                    .color(theme::INK),
            )
            .wrap_mode(egui::TextWrapMode::Extend),
        );
        let top = ui.cursor().top();
        waiting_ui(ui, view.waiting, WALL_TEXT_SIZE, out);
        roster_chips_ui(ui, view.roster);
        let lower = ui.min_rect().bottom() - top;
        self.remember(ui.ctx(), |panel| &mut panel.wall_lower, lower);
    }

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

    /// The window's join block: the QR code and beside it a column of
    /// fixed width, so that no word wraps onto a line of its own.
    fn join_block_ui(&mut self, ui: &mut Ui, info: &RoomInfo) {
        self.ensure_qr(ui.ctx(), &info.url);
        ui.horizontal_top(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(QR_SIDE, QR_SIDE), egui::Sense::hover());
            self.qr_ui(ui, rect, info);
            ui.vertical(|ui| {
                ui.set_width(JOIN_COLUMN_WIDTH);
                let line = |ui: &mut Ui, text: RichText| {
                    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
                };
                line(
                    ui,
                    RichText::new("Join from your phone")
                        .size(JOIN_TEXT_SIZE)
                        .strong(),
                );
                line(ui, RichText::new("Scan the code with the camera, or open"));
                line(
                    ui,
                    RichText::new(&info.typed_url)
                        .size(JOIN_TEXT_SIZE)
                        .monospace()
                        .color(theme::INK),
                );
                line(ui, RichText::new("and type the code"));
                line(
                    ui,
                    RichText::new(spaced_code(&info.code))
                        .size(JOIN_TEXT_SIZE * 1.6)
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
                self.person_buttons_ui(ui, entry, out);
            });
        }
    }

    fn person_buttons_ui(&mut self, ui: &mut Ui, entry: &RosterEntry, out: &mut Vec<RoomAction>) {
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
    }
}

/// The wall's controls, short labels in one row: reveal what is hidden,
/// lock, back to the board, close.
fn wall_controls_ui(ui: &mut Ui, view: &RoomView<'_>, out: &mut Vec<RoomAction>) {
    let h = view.hidden;
    if h.pain_points > 0 {
        let label = format!(
            "Reveal {} pain point{} (R)",
            h.pain_points,
            if h.pain_points == 1 { "" } else { "s" }
        );
        if ui
            .button(RichText::new(label).strong())
            .on_hover_text(format!("Written by {} in silence", people(h.pain_writers)))
            .clicked()
        {
            out.push(RoomAction::RevealPainPoints);
        }
    }
    if h.scores_hidden > 0 {
        let label = format!("Reveal the scores ({}/{})", h.scored, h.participants);
        if ui
            .button(RichText::new(label).strong())
            .on_hover_text("Shift+R: show everyone's work-model scores")
            .clicked()
        {
            out.push(RoomAction::RevealScores);
        }
    }
    let lock = if view.locked { "Unlock" } else { "Lock" };
    if ui
        .button(lock)
        .on_hover_text("Lock the room: nobody new can join and the code stops working")
        .clicked()
    {
        out.push(RoomAction::Lock(!view.locked));
    }
    if ui
        .button("Show the board")
        .on_hover_text("Fold the join screen away (F4)")
        .clicked()
    {
        out.push(RoomAction::Hide);
    }
    if ui
        .button("Close the room")
        .on_hover_text("Phones are told; what they sent stays in the session")
        .clicked()
    {
        out.push(RoomAction::Close);
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

/// Who joined, as chips in their colours ("● Priya"), wrapped; "Nobody has
/// joined yet." before anyone does.
fn roster_chips_ui(ui: &mut Ui, roster: &[RosterEntry]) {
    let connected = roster.iter().filter(|r| r.connected).count();
    ui.label(
        RichText::new(format!("{} joined · {connected} connected", roster.len()))
            .strong()
            .color(theme::INK),
    );
    if roster.is_empty() {
        ui.label(RichText::new("Nobody has joined yet.").color(theme::INK_SOFT));
        return;
    }
    // A big room's chips are smaller, so that they stay a few rows.
    let size = if roster.len() > 8 {
        WALL_TEXT_SIZE * 0.8
    } else {
        WALL_TEXT_SIZE
    };
    ui.horizontal_wrapped(|ui| {
        ui.style_mut().override_font_id = Some(FontId::proportional(size));
        for entry in roster {
            let [r, g, b] = entry.colour;
            egui::Frame::new()
                .fill(theme::FIELD_FILL)
                .stroke(egui::Stroke::new(2.0, Color32::from_rgb(r, g, b)))
                .corner_radius(12)
                .inner_margin(vec2(10.0, 4.0))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("●").color(Color32::from_rgb(r, g, b)));
                        ui.label(RichText::new(&entry.name).color(theme::INK));
                        if !entry.connected {
                            ui.label(RichText::new("(offline)").color(theme::INK_SOFT));
                        }
                    });
                });
        }
    });
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

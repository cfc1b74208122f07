//! The join screen on the wall (projector mode): it takes the board's
//! whole area, the QR code at least 40 % of the height, the URL on one
//! line, the code as the largest text, who joined as chips.

use egui::{Align, Color32, FontId, Layout, Rect, RichText, Ui, vec2};

use crate::room::{RoomInfo, RosterEntry};
use crate::ui::theme;

use super::{
    RoomAction, RoomPanel, RoomView, WALL_TEXT_SIZE, closed_ui, people, spaced_code, waiting_ui,
};

/// Largest size of the code on the wall, points.
const WALL_CODE_MAX: f32 = 150.0;
/// Smallest size of the code on the wall, points: above every other text
/// on screen (the projector bar's timer is 34).
const WALL_CODE_MIN: f32 = 48.0;
/// Size of the wall's controls (reveal, lock, back to the board, close),
/// points: one row on a 1280-pixel projector.
const WALL_CONTROL_SIZE: f32 = 17.0;
/// Size of the wall's title ("Join from your phone"), points.
const WALL_TITLE_SIZE: f32 = 32.0;
/// Largest size of the URL on the wall, points.
const WALL_URL_MAX: f32 = 44.0;
/// Smallest size of the URL on the wall, points (it shortens to the
/// address before it gets smaller than this).
const WALL_URL_MIN: f32 = 20.0;

impl RoomPanel {
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
}

/// The largest font size in `min..=max` at which `text` in `family` fits
/// `width` points on one line, or `None` when it does not fit even at
/// `min`.
pub(super) fn fitting_size(
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

/// The wall's controls, short labels in one row: reveal what is hidden,
/// lock, back to the board, close.
pub(super) fn wall_controls_ui(ui: &mut Ui, view: &RoomView<'_>, out: &mut Vec<RoomAction>) {
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

/// Who joined, as chips in their colours ("● Priya"), wrapped; "Nobody has
/// joined yet." before anyone does.
pub(super) fn roster_chips_ui(ui: &mut Ui, roster: &[RosterEntry]) {
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

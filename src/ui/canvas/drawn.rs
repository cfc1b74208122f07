//! What the board drew at the last frame, listed for the legibility check
//! (`rhythm layout`, the tests) from the same layout the paint functions
//! draw: the flows' lines and texts, the notes and their texts, the task
//! chip, the legend, the step title and the plate the pointer opens.
//! Nothing is recorded while painting. Only with the `diagnostics`
//! feature.

use super::fit::{TITLE_FONT, title_text};
use super::flow::{FlowTexts, marks_of};
use super::flow_marks::LabelForm;
use super::paint::{Frame, NoteItem};
use super::{BoardInput, CanvasState};
use crate::ui::legibility::{Drawn, TextKind};

impl CanvasState {
    /// Every card, flow and text the board drew at the last frame on
    /// `ctx`, for `input` (what that frame was given), at rest (no glide).
    /// Empty before the board was first shown.
    pub fn drawn(&mut self, ctx: &egui::Context, input: &BoardInput<'_>) -> Drawn {
        let mut drawn = Drawn::default();
        let Some(canvas) = self.last_rect else {
            return drawn;
        };
        let layout = self.layout_for(ctx, input.session, input.revision);
        let overview = self.overview_for(ctx, input, &layout);
        let painter = egui::Painter::new(ctx.clone(), egui::LayerId::background(), canvas);
        let frame = Frame {
            painter: &painter,
            canvas,
            input,
            layout: &layout,
            overview: overview.as_deref(),
            glide: None,
        };
        self.note_flows(&frame, &mut drawn);
        self.note_notes(&frame, &mut drawn);
        if let Some((plate, legend)) = self.legend_plate(&frame) {
            let size = input.legibility.floor;
            for entry in &legend.entries {
                let at = plate.min + entry.at;
                drawn.galley(TextKind::Legend, entry.text(), &entry.galley, at, size);
            }
            drawn.covered.push(plate);
        }
        if let (Some((title, plate)), Some((text, _))) = (title_text(&frame), input.title) {
            drawn.galley(TextKind::Title, text, &title.galley, title.at, TITLE_FONT);
            drawn.covered.push(plate);
        }
        drawn.board = Some(canvas);
        if let Some(rect) = self.minimap_rect {
            drawn.covered.push(rect);
        }
        let hover = ctx.pointer_hover_pos().filter(|p| canvas.contains(*p));
        if let Some(plate) = self.peek_plate(ctx, &painter, hover, &frame) {
            drawn.plate(&plate);
        }
        drawn
    }

    /// The flows' lines, and their labels, markers and badges.
    fn note_flows(&mut self, frame: &Frame<'_, '_>, drawn: &mut Drawn) {
        let session = frame.input.session;
        let origin = self.board_origin(frame.canvas);
        for shown in self.flows_shown(frame) {
            let (i, placed, flow, (a, b)) = (shown.index, shown.placed, shown.flow, shown.cards);
            if let Some((start, end)) = crate::geometry::flow_endpoints(a, b, self.view.zoom) {
                let name = |id| session.tool(id).map_or("", |t| t.name.as_str());
                let label = crate::geometry::flow_label_text(flow);
                drawn.flow(&label, [name(flow.from), name(flow.to)], [start, end]);
            }
            match frame.overview {
                Some(o) => {
                    for (mark, form) in o.flows.get(i).into_iter().flat_map(marks_of) {
                        let kind = match form {
                            Some(LabelForm::Full) => TextKind::FlowLabel,
                            Some(LabelForm::Marker | LabelForm::Numbered(_)) => TextKind::Marker,
                            None => TextKind::Badge,
                        };
                        let at = mark.rect.translate(origin).min + mark.text.at;
                        let text = &mark.text;
                        drawn.galley(kind, &text.full, &text.galley, at, text.size);
                    }
                }
                None => {
                    if let Some(laid) = self.flow_close_up(frame, placed, flow, (a, b)) {
                        note_close_up(&laid, drawn);
                    }
                }
            }
        }
    }

    /// The notes (tools, tasks, pain points) and their texts, the tools'
    /// hours badges, and the task chip.
    fn note_notes(&mut self, frame: &Frame<'_, '_>, drawn: &mut Drawn) {
        let session = frame.input.session;
        for (i, placed) in frame.layout.notes.iter().enumerate() {
            let Some((rect, look)) = self.note_on_screen(frame, i, placed) else {
                continue;
            };
            let Some(item) = NoteItem::of(session, placed) else {
                continue;
            };
            drawn.card(item.text_kind(), item.text(), rect);
            let Some(lines) = self.note_lines(frame, placed, item, rect, look) else {
                continue;
            };
            for line in &lines {
                let full = line.full.unwrap_or_else(|| line.galley.text());
                drawn.galley(line.kind, full, &line.galley, line.at, line.size);
            }
            if let NoteItem::Tool(tool) = item
                && let Some(badge) = self.tool_badge(frame, tool.id)
            {
                let full = badge.galley.text();
                drawn.galley(TextKind::Badge, full, &badge.galley, badge.at, badge.size);
            }
        }
        if let Some((rect, chip)) = self.tasks_chip(frame) {
            let text = &chip.text;
            drawn.card(TextKind::Tasks, &text.full, rect);
            let at = rect.min + text.at;
            drawn.galley(TextKind::Tasks, &text.full, &text.galley, at, text.size);
        }
    }
}

/// A flow's hours badge and label close up.
fn note_close_up(laid: &FlowTexts, drawn: &mut Drawn) {
    if let Some(badge) = &laid.badge {
        let full = badge.galley.text();
        drawn.galley(TextKind::Badge, full, &badge.galley, badge.at, badge.size);
    }
    if let Some(label) = &laid.label {
        let at = label.text_at();
        drawn.galley(
            TextKind::FlowLabel,
            &label.text,
            &label.galley,
            at,
            label.size,
        );
    }
}

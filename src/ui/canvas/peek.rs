//! The full form of what the board shortened (issue 13): hovering a card,
//! note or flow whose text was cut or folded, or selecting it, shows its
//! full name, label and pain points large, on a plate beside it.

use std::collections::HashSet;

use egui::{Color32, Pos2, Rect, Response, Ui, vec2};

use super::CanvasState;
use super::flow_marks::LabelForm;
use super::hit::{self, Hit};
use super::note_fit::summary_text;
use super::paint::{Frame, pain_colours};
use crate::format::hours as format_hours;
use crate::geometry::flow_label_text;
use crate::model::{Attachment, Id, NoteRef, PainPoint, Session};
use crate::ui::plate;

/// Notes and flows whose text was cut close up in the last frame.
#[derive(Clone, Debug, Default)]
pub(super) struct Cut {
    pub(super) notes: HashSet<NoteRef>,
    pub(super) flows: HashSet<Id>,
}

/// Most pain points listed on a plate.
const MAX_PAINS: usize = 6;
/// Most task names listed on the task chip's plate.
const MAX_TASKS: usize = 16;

/// One line of a plate: its text and a swatch (a pain note's colour).
struct Line {
    text: String,
    swatch: Option<Color32>,
}

impl CanvasState {
    /// The plate for what is hovered (or else the single selection), when
    /// the board shows less of it than there is.
    pub(super) fn peek_ui(&self, ui: &Ui, response: &Response, frame: &Frame<'_, '_>) {
        let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("board peek"));
        let painter = ui.ctx().layer_painter(layer);
        if let Some(plate) = self.peek_plate(ui.ctx(), &painter, response.hover_pos(), frame) {
            plate::paint(&painter, &plate);
        }
    }

    /// The plate for what is under `hover` (the pointer over the board),
    /// or else the single selection, laid out with `painter`; `None` when
    /// everything of it is shown, or while a drag, an edit or a glide is
    /// under way.
    pub(super) fn peek_plate(
        &self,
        ctx: &egui::Context,
        painter: &egui::Painter,
        hover: Option<Pos2>,
        frame: &Frame<'_, '_>,
    ) -> Option<plate::Plate> {
        if self.gesture.is_some() || self.editing.is_some() || self.animation.is_some() {
            return None;
        }
        let canvas = frame.canvas;
        let hovered = hover
            .filter(|p| !self.minimap_rect.is_some_and(|m| m.contains(*p)))
            .filter(|_| !egui::Popup::is_any_open(ctx))
            .and_then(|p| hit::hit(frame.layout, &self.view, canvas, p, frame.overview))
            .map(Hit::handle_as_note);
        let selected = match (self.single_selected(), self.selection.flow) {
            (Some(note), None) => Some(Hit::Note(note)),
            (None, Some(flow)) => Some(Hit::Flow(flow)),
            _ => None,
        };
        let (anchor, title, lines) = [hovered, selected]
            .into_iter()
            .flatten()
            .find_map(|hit| self.peek_content(frame, hit))?;
        Some(plate_for(painter, frame, anchor, &title, &lines))
    }

    /// What the plate for `hit` says, and the screen rectangle it goes
    /// beside; `None` when everything of it is shown already.
    fn peek_content(&self, frame: &Frame<'_, '_>, hit: Hit) -> Option<(Rect, String, Vec<Line>)> {
        let (session, layout, canvas) = (frame.input.session, frame.layout, frame.canvas);
        let origin = self.view.screen_from_board(canvas, Pos2::ZERO).to_vec2();
        match hit {
            Hit::Note(note) => {
                let i = *layout.index.get(&note)?;
                let (rect, cut) = match frame.overview {
                    Some(o) => {
                        let look = o.notes.get(i)?.as_ref()?;
                        let cut = look
                            .name
                            .as_ref()
                            .is_none_or(|n| n.galley.elided || n.galley.text() != n.full);
                        (look.rect.translate(origin), cut)
                    }
                    None => (
                        self.view.screen_rect(canvas, layout.notes.get(i)?.rect),
                        self.cut.notes.contains(&note),
                    ),
                };
                let folded = frame.overview.is_some();
                let (title, mut lines) = match note {
                    NoteRef::Tool(id) => {
                        let tool = session.tool(id)?;
                        let pains = pains_on(session, Attachment::Tool(id));
                        if !cut && (!folded || pains.is_empty()) {
                            return None;
                        }
                        let mut lines = Vec::new();
                        if let Some(f) = layout.folded.get(&Attachment::Tool(id)) {
                            lines.push(plain(summary_text(*f, false)));
                        }
                        lines.extend(pain_lines(&pains));
                        (tool.name.clone(), lines)
                    }
                    NoteRef::Task(id) if cut => (session.task(id)?.name.clone(), Vec::new()),
                    NoteRef::Pain(id) if cut => {
                        let pain = session.pain_point(id)?;
                        (pain.text.clone(), vec![plain(pain_caption(pain))])
                    }
                    _ => return None,
                };
                if lines.is_empty() && title.is_empty() {
                    lines.push(plain("(no name)".to_owned()));
                }
                Some((rect, title, lines))
            }
            Hit::Flow(id) => {
                let i = layout.flows.iter().position(|f| f.id == id)?;
                let placed = layout.flows.get(i)?;
                let flow = session.flow(id)?;
                let label = flow_label_text(flow);
                let pains = pains_on(session, Attachment::Flow(id));
                let (shown_in_full, anchor) = match frame.overview {
                    Some(o) => {
                        let look = o.flows.get(i)?;
                        let full = look
                            .label
                            .as_ref()
                            .is_some_and(|(_, form)| *form == LabelForm::Full);
                        let mark = look
                            .label
                            .as_ref()
                            .map(|(m, _)| m.rect)
                            .or(look.badge.as_ref().map(|m| m.rect))
                            .map(|r| r.translate(origin));
                        let ends = o.flow_rects(layout, i)?;
                        (
                            (full || label.is_empty()) && pains.is_empty(),
                            mark.unwrap_or_else(|| mid_rect(&self.view, canvas, ends)),
                        )
                    }
                    None => (
                        !self.cut.flows.contains(&id),
                        placed.label.map_or_else(
                            || {
                                mid_rect(
                                    &self.view,
                                    canvas,
                                    layout
                                        .flow_rects(placed)
                                        .unwrap_or((Rect::ZERO, Rect::ZERO)),
                                )
                            },
                            |r| self.view.screen_rect(canvas, r),
                        ),
                    ),
                };
                if shown_in_full {
                    return None;
                }
                let from = session.tool(flow.from).map_or("?", |t| t.name.as_str());
                let to = session.tool(flow.to).map_or("?", |t| t.name.as_str());
                let mut lines = Vec::new();
                if !label.is_empty() {
                    lines.push(plain(label));
                }
                if let Some(f) = layout.folded.get(&Attachment::Flow(id)) {
                    lines.push(plain(summary_text(*f, true)));
                }
                lines.extend(pain_lines(&pains));
                Some((anchor, format!("{from} → {to}"), lines))
            }
            Hit::Tasks => {
                let chip = frame.overview?.tasks.as_ref()?;
                let names: Vec<Line> = chip
                    .notes
                    .iter()
                    .filter_map(|&i| {
                        let placed = layout.notes.get(i)?;
                        Some(plain(session.tasks.get(placed.source)?.name.clone()))
                    })
                    .collect();
                let mut lines: Vec<Line> = names.into_iter().take(MAX_TASKS).collect();
                if chip.notes.len() > MAX_TASKS {
                    lines.push(plain(format!("+{} more", chip.notes.len() - MAX_TASKS)));
                }
                Some((chip.rect.translate(origin), chip.text.full.clone(), lines))
            }
            Hit::Handle(_) => None,
        }
    }
}

fn plain(text: String) -> Line {
    Line { text, swatch: None }
}

fn mid_rect(view: &super::View, canvas: Rect, (a, b): (Rect, Rect)) -> Rect {
    let mid = view
        .screen_rect(canvas, a)
        .center()
        .lerp(view.screen_rect(canvas, b).center(), 0.5);
    Rect::from_center_size(mid, vec2(24.0, 24.0))
}

fn pains_on(session: &Session, on: Attachment) -> Vec<&PainPoint> {
    session
        .pain_points
        .iter()
        .filter(|p| p.attached == on)
        .collect()
}

/// "■ ORCHESTRA PAIN · 2 h/wk".
fn pain_caption(pain: &PainPoint) -> String {
    let mut caption = format!("{} {}", pain.category.marker(), pain.category.title());
    if let Some(h) = pain.hours_per_week {
        caption.push_str(&format!(" · {} h/wk", format_hours(h)));
    }
    caption
}

fn pain_lines(pains: &[&PainPoint]) -> Vec<Line> {
    let mut lines: Vec<Line> = pains
        .iter()
        .take(MAX_PAINS)
        .map(|p| {
            let hours = p
                .hours_per_week
                .map(|h| format!(" ({} h/wk)", format_hours(h)))
                .unwrap_or_default();
            Line {
                text: format!("{} {}{hours}", p.category.marker(), p.text),
                swatch: Some(pain_colours(p.category).0),
            }
        })
        .collect();
    if pains.len() > MAX_PAINS {
        lines.push(plain(format!("+{} more", pains.len() - MAX_PAINS)));
    }
    lines
}

/// The plate: the title and lines, large, beside `anchor`, inside the
/// canvas, laid out with `painter` (it goes over everything).
fn plate_for(
    painter: &egui::Painter,
    frame: &Frame<'_, '_>,
    anchor: Rect,
    title: &str,
    lines: &[Line],
) -> plate::Plate {
    let floor = frame.input.legibility.floor;
    let title_size = (floor * 1.3).max(20.0);
    let line_size = (floor * 1.1).max(16.0);
    let mut all = vec![plate::Line::plain(title, title_size)];
    all.extend(lines.iter().map(|l| plate::Line {
        text: l.text.clone(),
        size: line_size,
        swatch: l.swatch,
    }));
    plate::lay_out(painter, frame.canvas, anchor, &all)
}

//! Drawing the board: background, notes (cards, task and pain notes),
//! selection, dot-vote marks, and the gesture under way.

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, Galley, Mesh, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use super::flow::{flow_may_show, flow_shapes, hours_badge};
use super::layout::{Layout, Placed};
use super::text_cache::TextKey;
use super::{BoardInput, CanvasState, Gesture, TextTarget};
use crate::model::{Id, NoteRef, PainCategory, PainPoint, Session, Task, Tool};
use crate::ui::theme;

impl CanvasState {
    pub(super) fn paint(
        &mut self,
        painter: &egui::Painter,
        canvas: Rect,
        input: &BoardInput<'_>,
        layout: &Layout,
    ) {
        let (session, pain, highlight) = (input.session, &input.stats.pain, input.highlight);
        // No fill of the board: the window is cleared to its colour
        // (`theme::WINDOW_CLEAR`), and the canvas's panel has no frame.
        self.paint_dots(painter, canvas);
        let view = self.view;
        let zoom = view.zoom;
        let font = theme::NOTE_FONT * zoom;
        let legible = font >= theme::MIN_LEGIBLE_FONT;
        let clip = painter.clip_rect();
        let texts = &mut self.texts;
        texts.begin_frame(painter);

        // One batch: adding thousands of shapes one by one costs a lock each.
        let mut arrows = Vec::new();
        for placed in &layout.flows {
            let (Some(flow), Some((a, b))) =
                (session.flows.get(placed.source), layout.flow_rects(placed))
            else {
                continue;
            };
            let a = view.screen_rect(canvas, a);
            let b = view.screen_rect(canvas, b);
            if !flow_may_show(clip, a, b, legible) {
                continue;
            }
            let selected = self.selection.flow == Some(flow.id);
            let hours = pain.per_flow.get(&flow.id).copied();
            flow_shapes(
                &mut arrows,
                painter,
                texts,
                flow,
                a,
                b,
                zoom,
                selected,
                legible,
                hours,
            );
        }
        painter.extend(arrows);

        let faded = {
            let mut faded = painter.clone();
            faded.set_opacity(DIMMED_OPACITY);
            faded
        };
        // Below a legible size every note is a plain rectangle, all of them
        // in one mesh; selection outlines and hours badges go on top.
        let mut blocks = (!legible).then(Mesh::default);
        let mut on_top: Vec<(Rect, u8, Option<f32>, NoteRef, bool)> = Vec::new();
        for placed in &layout.order {
            let rect = view.screen_rect(canvas, placed.rect);
            if !clip.intersects(rect) {
                continue;
            }
            let Some(item) = NoteItem::of(session, placed) else {
                continue;
            };
            let note = placed.note;
            let selected = self.selection.notes.contains(&note);
            let dimmed = highlight.is_some_and(|who| item.author() != Some(who));
            let hours = match item {
                NoteItem::Tool(tool) => pain.per_tool.get(&tool.id).copied().filter(|h| *h > 0.0),
                _ => None,
            };
            if let Some(mesh) = &mut blocks {
                let (fill, stroke) = item.colours();
                let fade = |c: Color32| {
                    if dimmed {
                        c.gamma_multiply(DIMMED_OPACITY)
                    } else {
                        c
                    }
                };
                push_block(mesh, rect, fade(fill), fade(stroke));
                if selected || hours.is_some() {
                    on_top.push((rect, item.corner(), hours, note, dimmed));
                }
                continue;
            }
            let editing = self
                .editing
                .as_ref()
                .is_some_and(|e| e.target == TextTarget::of(note));
            let painter = if dimmed { &faded } else { painter };
            let width = rect.shrink(CARD_PADDING).width();
            let (fill, stroke) = item.colours();
            match item {
                NoteItem::Tool(tool) => {
                    let name = (!editing).then(|| {
                        texts.wrapped(painter, TextKey::Name(note), &tool.name, font, width)
                    });
                    paint_card(
                        painter,
                        rect,
                        (fill, stroke),
                        name,
                        None,
                        selected,
                        item.corner(),
                    );
                    painter.circle(
                        rect.right_center(),
                        theme::HANDLE_RADIUS,
                        theme::TOOL_FILL,
                        Stroke::new(2.5, theme::TOOL_STROKE),
                    );
                    if let Some(hours) = hours {
                        let key = TextKey::ToolBadge(tool.id);
                        painter.extend(hours_badge(
                            painter,
                            texts,
                            key,
                            rect.right_top(),
                            hours,
                            zoom,
                        ));
                    }
                }
                NoteItem::Pain(p) => {
                    let size = font * 0.8;
                    let caption_size = size * CAPTION_SCALE;
                    let caption = (!editing && caption_size >= theme::MIN_CAPTION_FONT)
                        .then(|| texts.pain_caption(painter, p, caption_size));
                    let text = (!editing)
                        .then(|| texts.wrapped(painter, TextKey::Name(note), &p.text, size, width));
                    paint_card(
                        painter,
                        rect,
                        (fill, stroke),
                        text,
                        caption.map(|c| (c, caption_size)),
                        selected,
                        item.corner(),
                    );
                }
                NoteItem::Task(task) => {
                    let size = font * 0.9;
                    let caption_size = size * CAPTION_SCALE;
                    let caption = (caption_size >= theme::MIN_CAPTION_FONT)
                        .then(|| texts.task_caption(painter, task, caption_size));
                    let name = (!editing).then(|| {
                        texts.wrapped(painter, TextKey::Name(note), &task.name, size, width)
                    });
                    paint_card(
                        painter,
                        rect,
                        (fill, stroke),
                        name,
                        caption.map(|c| (c, caption_size)),
                        selected,
                        item.corner(),
                    );
                }
            }
        }
        if let Some(mesh) = blocks
            && !mesh.is_empty()
        {
            painter.add(Shape::mesh(mesh));
        }
        for (rect, corner, hours, note, dimmed) in on_top {
            let painter = if dimmed { &faded } else { painter };
            if self.selection.notes.contains(&note) {
                paint_selection(painter, rect, corner);
            }
            if let (Some(hours), NoteRef::Tool(id)) = (hours, note) {
                let key = TextKey::ToolBadge(id);
                painter.extend(hours_badge(
                    painter,
                    texts,
                    key,
                    rect.right_top(),
                    hours,
                    zoom,
                ));
            }
        }
        texts.end_frame();

        match &self.gesture {
            Some(Gesture::Connect { from, to_in_screen }) => {
                if let Some(a) = layout.tool_rect(*from) {
                    let a = self.view.screen_rect(canvas, a).right_center();
                    painter.line_segment([a, *to_in_screen], Stroke::new(3.0, theme::SELECTION));
                    painter.circle_filled(*to_in_screen, 6.0, theme::SELECTION);
                }
            }
            Some(Gesture::RubberBand {
                start_in_board,
                end_in_board,
                ..
            }) => {
                let band = self
                    .view
                    .screen_rect(canvas, Rect::from_two_pos(*start_in_board, *end_in_board));
                painter.rect(
                    band,
                    CornerRadius::ZERO,
                    theme::RUBBER_BAND,
                    Stroke::new(1.5, theme::SELECTION),
                    StrokeKind::Inside,
                );
            }
            _ => {}
        }
    }

    /// Dot-vote marks: the dots in a row along each note's top edge, and
    /// the total ("● 7") in a badge at its top-left once revealed.
    pub(super) fn paint_marks(&self, painter: &egui::Painter, canvas: Rect, layout: &Layout) {
        if self.marks.is_empty() {
            return;
        }
        let radius = (9.0 * self.view.zoom).clamp(5.0, 14.0);
        for (note, mark) in &self.marks {
            let Some(rect) = layout.rect_of(*note) else {
                continue;
            };
            let rect = self.view.screen_rect(canvas, rect);
            let mut at = rect.left_top() + vec2(radius * 1.4, -radius * 0.2);
            if let Some(total) = mark.total {
                let galley = painter.layout_no_wrap(
                    format!("● {total}"),
                    egui::FontId::proportional((radius * 1.8).max(14.0)),
                    theme::TAG_INK,
                );
                let badge = Rect::from_min_size(
                    rect.left_top() - vec2(radius, radius * 1.6),
                    galley.size() + vec2(12.0, 4.0),
                );
                painter.rect_filled(badge, CornerRadius::same(6), theme::BADGE_FILL);
                painter.galley(badge.min + vec2(6.0, 2.0), galley, theme::TAG_INK);
                at.x = badge.right() + radius * 1.4;
            }
            for colour in &mark.dots {
                painter.circle(at, radius, *colour, Stroke::new(2.0, theme::INK));
                at.x += radius * 2.3;
            }
        }
    }

    /// The background dots, every [`theme::BOARD_DOT_SPACING`] board
    /// units, as one mesh of pixel-aligned squares (no anti-aliasing, one
    /// quad a dot); left out below [`theme::MIN_DOT_STEP`].
    pub(super) fn paint_dots(&self, painter: &egui::Painter, canvas: Rect) {
        let step = theme::BOARD_DOT_SPACING * self.view.zoom;
        if step < theme::MIN_DOT_STEP {
            return;
        }
        let first = self.view.board_from_screen(canvas, canvas.min);
        let start_x = (first.x / theme::BOARD_DOT_SPACING).floor() * theme::BOARD_DOT_SPACING;
        let start_y = (first.y / theme::BOARD_DOT_SPACING).floor() * theme::BOARD_DOT_SPACING;
        let origin = self.view.screen_from_board(canvas, pos2(start_x, start_y));
        let (cols, rows) = (
            (canvas.width() / step).ceil() as usize + 1,
            (canvas.height() / step).ceil() as usize + 1,
        );
        let mut mesh = Mesh::default();
        mesh.reserve_triangles(rows * cols * 2);
        mesh.reserve_vertices(rows * cols * 4);
        let ppp = painter.pixels_per_point();
        // A hard 3 × 3 square carries more ink than egui's soft round dot
        // of radius 1.6 did: lighten it to the same weight.
        let colour = theme::BOARD_DOTS.lerp_to_gamma(theme::BOARD_BG, 0.2);
        for row in 0..rows {
            for col in 0..cols {
                let p = origin + vec2(col as f32 * step, row as f32 * step);
                push_dot(&mut mesh, p, ppp, colour);
            }
        }
        painter.add(Shape::mesh(mesh));
    }
}

/// Opacity of notes by other participants while one is highlighted.
const DIMMED_OPACITY: f32 = 0.3;
/// Space between a card's border and its text, screen points.
const CARD_PADDING: f32 = 8.0;
/// Caption size relative to the card's text size.
const CAPTION_SCALE: f32 = 0.62;

/// The session item behind a note.
#[derive(Clone, Copy)]
enum NoteItem<'a> {
    Tool(&'a Tool),
    Task(&'a Task),
    Pain(&'a PainPoint),
}

impl<'a> NoteItem<'a> {
    fn of(session: &'a Session, placed: &Placed) -> Option<Self> {
        match placed.note {
            NoteRef::Tool(id) => session
                .tools
                .get(placed.source)
                .filter(|t| t.id == id)
                .map(Self::Tool),
            NoteRef::Task(id) => session
                .tasks
                .get(placed.source)
                .filter(|t| t.id == id)
                .map(Self::Task),
            NoteRef::Pain(id) => session
                .pain_points
                .get(placed.source)
                .filter(|p| p.id == id)
                .map(Self::Pain),
        }
    }

    fn author(self) -> Option<Id> {
        match self {
            Self::Tool(t) => t.author,
            Self::Task(t) => t.author,
            Self::Pain(p) => p.author,
        }
    }

    /// Fill and outline colours.
    fn colours(self) -> (Color32, Color32) {
        match self {
            Self::Tool(_) => (theme::TOOL_FILL, theme::TOOL_STROKE),
            Self::Task(_) => (theme::TASK_FILL, theme::TASK_STROKE),
            // A pain note: coral with square corners and ■ for orchestra
            // pain, lavender with round corners and ≈ for jam pain.
            Self::Pain(p) => match p.category {
                PainCategory::Orchestra => (theme::ORCHESTRA_PAIN_FILL, theme::PAIN_STROKE),
                PainCategory::Jam => (theme::JAM_PAIN_FILL, theme::PAIN_STROKE),
            },
        }
    }

    /// Corner radius, screen points.
    fn corner(self) -> u8 {
        match self {
            Self::Tool(_) => 6,
            Self::Task(_) => 2,
            Self::Pain(p) => match p.category {
                PainCategory::Orchestra => 0,
                PainCategory::Jam => 16,
            },
        }
    }
}

/// A background dot centred near `centre` (points): one pixel-aligned
/// square [`theme::BOARD_DOT_SIZE`] wide, without anti-aliasing (two
/// triangles; egui's smallest round dot is as many, but one shape each).
fn push_dot(mesh: &mut Mesh, centre: Pos2, pixels_per_point: f32, colour: Color32) {
    let ppp = pixels_per_point.max(0.1);
    let side = (theme::BOARD_DOT_SIZE * ppp).round().max(2.0);
    let x0 = (centre.x * ppp - side / 2.0).round();
    let y0 = (centre.y * ppp - side / 2.0).round();
    let rect = Rect::from_min_size(pos2(x0 / ppp, y0 / ppp), Vec2::splat(side / ppp));
    mesh.add_colored_rect(rect, colour);
}

/// A note too small to read, as a plain rectangle: its outline colour with
/// its fill inside (when there is room for it).
pub(super) fn push_block(mesh: &mut Mesh, rect: Rect, fill: Color32, stroke: Color32) {
    mesh.add_colored_rect(rect, stroke);
    let inner = rect.shrink(theme::NOTE_STROKE_WIDTH);
    if inner.width() >= 1.0 && inner.height() >= 1.0 {
        mesh.add_colored_rect(inner, fill);
    }
}

fn paint_selection(painter: &egui::Painter, rect: Rect, corner: u8) {
    painter.rect_stroke(
        rect.expand(4.0),
        CornerRadius::same(corner),
        Stroke::new(3.0, theme::SELECTION),
        StrokeKind::Outside,
    );
}

/// A card: rounded rectangle, selection outline, an optional caption
/// (with its font size) at the top and its text centred below.
fn paint_card(
    painter: &egui::Painter,
    rect: Rect,
    (fill, stroke): (Color32, Color32),
    text: Option<Arc<Galley>>,
    caption: Option<(Arc<Galley>, f32)>,
    selected: bool,
    corner: u8,
) {
    painter.rect(
        rect,
        CornerRadius::same(corner),
        fill,
        theme::note_stroke(stroke),
        StrokeKind::Inside,
    );
    if selected {
        paint_selection(painter, rect, corner);
    }
    let mut inner = rect.shrink(CARD_PADDING);
    if let Some((caption, caption_size)) = caption {
        galley_within(painter, rect, inner.left_top(), caption, theme::INK_SOFT);
        inner.min.y += caption_size * 1.2;
    }
    if let Some(text) = text {
        // Centred when it fits; a longer text starts at the top, so the
        // room reads its first words rather than its middle.
        let mut pos = inner.center() - text.size() / 2.0;
        pos.y = pos.y.max(inner.top());
        galley_within(painter, rect, pos, text, theme::INK);
    }
}

/// Paint a galley at `pos`, cut off at the edges of `card`. A text that
/// fits needs no cutting, and painting it without its own clip rectangle
/// keeps the board in a few large meshes instead of one per card.
fn galley_within(
    painter: &egui::Painter,
    card: Rect,
    pos: Pos2,
    galley: Arc<Galley>,
    ink: Color32,
) {
    if card.contains_rect(galley.rect.translate(pos.to_vec2())) {
        painter.galley(pos, galley, ink);
    } else {
        painter.with_clip_rect(card).galley(pos, galley, ink);
    }
}

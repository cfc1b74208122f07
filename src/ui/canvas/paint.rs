//! Drawing the board: background, flows, notes (cards, task and pain
//! notes), selection, dot-vote marks and the gesture under way; close up
//! every note and label where the layout put it, zoomed out the
//! [`Overview`] (issue 13).

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, Galley, Mesh, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use super::detail::{CAPTION_SCALE, NAME_FONT, PADDING, PAIN_FONT, TASK_FONT};
use super::flow::{flow_may_show, flow_shapes, mark_shapes};
use super::flow_marks::LabelForm;
use super::overview::Overview;
use super::text_cache::TextKey;
use super::{BoardInput, CanvasState, Gesture, TextTarget};
use crate::geometry::{Geometry, PlacedNote};
use crate::model::{Id, NoteRef, PainCategory, PainPoint, Session, Task, Tool};
use crate::ui::legibility::{Recorder, TextKind};
use crate::ui::theme;

/// What a frame's painting needs besides the state.
pub(super) struct Frame<'a, 'b> {
    pub(super) painter: &'a egui::Painter,
    pub(super) canvas: Rect,
    pub(super) input: &'a BoardInput<'b>,
    pub(super) layout: &'a Geometry,
    pub(super) overview: Option<&'a Overview>,
    pub(super) recorder: Option<&'a Recorder>,
    /// Where each note is drawn while cards glide to their places (board
    /// units, per note of the layout); labels, markers and badges wait
    /// until they land.
    pub(super) glide: Option<&'a [Option<Rect>]>,
}

impl CanvasState {
    pub(super) fn paint(&mut self, frame: &Frame<'_, '_>) {
        let (painter, canvas) = (frame.painter, frame.canvas);
        // No fill of the board: the window is cleared to its colour
        // (`theme::WINDOW_CLEAR`), and the canvas's panel has no frame.
        self.paint_dots(painter, canvas);
        self.paint_flows(frame);
        self.paint_notes(frame);
        self.paint_gesture(painter, canvas, frame.layout);
    }

    /// Arrows, labels (or markers) and hours badges of the flows.
    fn paint_flows(&mut self, frame: &Frame<'_, '_>) {
        let (painter, canvas, layout) = (frame.painter, frame.canvas, frame.layout);
        let session = frame.input.session;
        let view = self.view;
        let clip = painter.clip_rect();
        let texts = &mut self.texts;
        // One batch: adding thousands of shapes one by one costs a lock each.
        let mut shapes = Vec::new();
        for (i, placed) in layout.flows.iter().enumerate() {
            let ends = match (frame.glide, frame.overview) {
                (Some(g), _) => g
                    .get(placed.from)
                    .copied()
                    .flatten()
                    .zip(g.get(placed.to).copied().flatten()),
                (None, Some(o)) => o.flow_rects(layout, i),
                (None, None) => layout.flow_rects(placed),
            };
            let (Some(flow), Some((a, b))) = (session.flows.get(placed.source), ends) else {
                continue;
            };
            let a = view.screen_rect(canvas, a);
            let b = view.screen_rect(canvas, b);
            if !flow_may_show(clip, a, b) {
                continue;
            }
            let selected = self.selection.flow == Some(flow.id);
            let origin = view.screen_from_board(canvas, Pos2::ZERO).to_vec2();
            if let (Some(rec), Some((start, end))) = (
                frame.recorder,
                crate::geometry::flow_endpoints(a, b, view.zoom),
            ) {
                let name = |id| session.tool(id).map_or("", |t| t.name.as_str());
                let label = crate::geometry::flow_label_text(flow);
                rec.flow(&label, [name(flow.from), name(flow.to)], [start, end]);
            }
            if frame.glide.is_some() {
                board_arrow(&mut shapes, a, b, flow.kind, view.zoom, selected);
                continue;
            }
            match frame.overview {
                Some(o) => {
                    board_arrow(&mut shapes, a, b, flow.kind, view.zoom, selected);
                    if let Some(look) = o.flows.get(i) {
                        for (mark, form) in look
                            .label
                            .iter()
                            .map(|(m, f)| (m, Some(*f)))
                            .chain(look.badge.iter().map(|m| (m, None)))
                        {
                            let rect = mark.rect.translate(origin);
                            mark_shapes(&mut shapes, rect, &mark.text, flow.kind, form, selected);
                            if let Some(rec) = frame.recorder {
                                let kind = match form {
                                    Some(LabelForm::Full) => TextKind::FlowLabel,
                                    Some(LabelForm::Marker | LabelForm::Numbered(_)) => {
                                        TextKind::Marker
                                    }
                                    None => TextKind::Badge,
                                };
                                let at = rect.min + mark.text.at;
                                rec.galley(
                                    kind,
                                    &mark.text.full,
                                    &mark.text.galley,
                                    at,
                                    mark.text.size,
                                );
                            }
                        }
                    }
                }
                None => {
                    let hours = frame.input.stats.pain.per_flow.get(&flow.id).copied();
                    let marks = (
                        placed.label.map(|r| view.screen_rect(canvas, r)),
                        placed.badge.map(|r| view.screen_rect(canvas, r)),
                    );
                    flow_shapes(
                        &mut shapes,
                        painter,
                        texts,
                        flow,
                        (a, b),
                        marks,
                        view.zoom,
                        selected,
                        hours,
                        frame.recorder,
                    );
                }
            }
        }
        painter.extend(shapes);
    }

    /// Notes, their selection outlines and the tools' hours badges.
    fn paint_notes(&mut self, frame: &Frame<'_, '_>) {
        let (painter, canvas, layout) = (frame.painter, frame.canvas, frame.layout);
        let (session, highlight) = (frame.input.session, frame.input.highlight);
        let view = self.view;
        let zoom = view.zoom;
        let clip = painter.clip_rect();
        let faded = {
            let mut faded = painter.clone();
            faded.set_opacity(DIMMED_OPACITY);
            faded
        };
        let origin = view.screen_from_board(canvas, Pos2::ZERO).to_vec2();
        // Notes too small for any text are plain rectangles, all of them in
        // one mesh; selection outlines go on top.
        let mut blocks = Mesh::default();
        let mut on_top: Vec<(Rect, u8, NoteRef, bool)> = Vec::new();
        let floor = frame.input.legibility.floor;
        for (i, placed) in layout.notes.iter().enumerate() {
            let look = match frame.overview {
                Some(o) => match o.notes.get(i) {
                    Some(Some(look)) => Some(look),
                    _ => continue, // folded into its tool's or flow's badge
                },
                None => None,
            };
            let glided = frame
                .glide
                .and_then(|g| g.get(i).copied().flatten())
                .map(|r| view.screen_rect(canvas, r));
            let rect = match (glided, look) {
                (Some(rect), _) => rect,
                (None, Some(look)) => look.rect.translate(origin),
                (None, None) => view.screen_rect(canvas, placed.rect),
            };
            if !clip.intersects(rect) {
                continue;
            }
            let Some(item) = NoteItem::of(session, placed) else {
                continue;
            };
            let note = placed.note;
            if let Some(rec) = frame.recorder {
                rec.card(item.text_kind(), item.text(), rect);
            }
            let selected = self.selection.notes.contains(&note);
            let dimmed = highlight.is_some_and(|who| item.author() != Some(who));
            let editing = self
                .editing
                .as_ref()
                .is_some_and(|e| e.target == TextTarget::of(note));
            let painter = if dimmed { &faded } else { painter };
            let (fill, stroke) = item.colours();
            let mut lines: Vec<Line> = Vec::new();
            match look {
                Some(look) => {
                    if look.name.is_none() && look.summary.is_none() {
                        let fade = |c: Color32| {
                            if dimmed {
                                c.gamma_multiply(DIMMED_OPACITY)
                            } else {
                                c
                            }
                        };
                        push_block(&mut blocks, rect, fade(fill), fade(stroke));
                        if selected {
                            on_top.push((rect, item.corner(), note, dimmed));
                        }
                        continue;
                    }
                    let kind = item.text_kind();
                    // The look's top-left, kept centred on a gliding card.
                    let corner = rect.center() - look.rect.size() / 2.0;
                    for (text, kind) in [(&look.name, kind), (&look.summary, TextKind::Summary)] {
                        if let Some(t) = text.as_ref().filter(|_| !editing) {
                            lines.push(Line {
                                galley: Arc::clone(&t.galley),
                                at: corner + t.at,
                                kind,
                                full: Some(&t.full),
                                size: t.size,
                                ink: theme::INK,
                            });
                        }
                    }
                }
                None => {
                    let pad = PADDING * zoom;
                    let inner = rect.shrink(pad);
                    let (font, text) = match item {
                        NoteItem::Tool(t) => (NAME_FONT * zoom, t.name.as_str()),
                        NoteItem::Task(t) => (TASK_FONT * zoom, t.name.as_str()),
                        NoteItem::Pain(p) => (PAIN_FONT * zoom, p.text.as_str()),
                    };
                    let caption_size = font * CAPTION_SCALE;
                    let caption = match item {
                        NoteItem::Task(task) if caption_size >= floor => {
                            Some(self.texts.task_caption(painter, task, caption_size))
                        }
                        NoteItem::Pain(p) if caption_size >= floor && !editing => {
                            Some(self.texts.pain_caption(painter, p, caption_size))
                        }
                        _ => None,
                    };
                    let mut top = inner.min.y;
                    if let Some(caption) = caption {
                        lines.push(Line {
                            at: inner.left_top(),
                            kind: TextKind::Caption,
                            full: None,
                            size: caption_size,
                            ink: theme::INK_SOFT,
                            galley: caption,
                        });
                        top += caption_size * 1.2;
                    }
                    if !editing {
                        let room = vec2(inner.width(), inner.bottom() - top);
                        let galley = self.texts.fitted(painter, note, text, font, room);
                        if let Some(galley) = galley {
                            // Centred when it fits; a longer text starts at
                            // the top, so the room reads its first words.
                            let mut at = pos2(inner.center().x, (top + inner.bottom()) / 2.0)
                                - galley.size() / 2.0;
                            at.y = at.y.max(top);
                            lines.push(Line {
                                galley,
                                at,
                                kind: item.text_kind(),
                                full: Some(text),
                                size: font,
                                ink: theme::INK,
                            });
                        }
                    }
                }
            }
            paint_card(painter, rect, (fill, stroke), selected, item.corner());
            for line in &lines {
                painter.galley(line.at, Arc::clone(&line.galley), line.ink);
                if let Some(rec) = frame.recorder {
                    let full = line.full.unwrap_or_else(|| line.galley.text());
                    rec.galley(line.kind, full, &line.galley, line.at, line.size);
                }
            }
            if let NoteItem::Tool(tool) = item {
                painter.circle(
                    rect.right_center(),
                    theme::HANDLE_RADIUS,
                    theme::TOOL_FILL,
                    Stroke::new(2.5, theme::TOOL_STROKE),
                );
                if frame.overview.is_none()
                    && frame.glide.is_none()
                    && let Some(badge) = layout.tool_badges.get(&tool.id)
                {
                    self.paint_tool_badge(frame, painter, tool.id, *badge);
                }
            }
        }
        if !blocks.is_empty() {
            painter.add(Shape::mesh(blocks));
        }
        if let Some(chip) = frame.overview.and_then(|o| o.tasks.as_ref()) {
            let rect = chip.rect.translate(origin);
            if clip.intersects(rect) {
                let colours = (theme::TASK_FILL, theme::TASK_STROKE);
                paint_card(painter, rect, colours, false, 2);
                let at = rect.min + chip.text.at;
                painter.galley(at, Arc::clone(&chip.text.galley), theme::INK);
                if let Some(rec) = frame.recorder {
                    rec.card(TextKind::Tasks, &chip.text.full, rect);
                    let size = chip.text.size;
                    rec.galley(
                        TextKind::Tasks,
                        &chip.text.full,
                        &chip.text.galley,
                        at,
                        size,
                    );
                }
            }
        }
        for (rect, corner, _, dimmed) in on_top {
            let painter = if dimmed { &faded } else { painter };
            paint_selection(painter, rect, corner);
        }
        self.texts.end_frame();
    }

    fn paint_tool_badge(
        &mut self,
        frame: &Frame<'_, '_>,
        painter: &egui::Painter,
        tool: Id,
        badge_in_board: Rect,
    ) {
        let Some(hours) = frame.input.stats.pain.per_tool.get(&tool).copied() else {
            return;
        };
        let rect = self.view.screen_rect(frame.canvas, badge_in_board);
        let zoom = self.view.zoom;
        let key = TextKey::ToolBadge(tool);
        let shapes = super::flow::hours_badge(painter, &mut self.texts, key, rect, hours, zoom);
        super::flow::record_badge(frame.recorder, &shapes);
        painter.extend(shapes);
    }

    fn paint_gesture(&self, painter: &egui::Painter, canvas: Rect, layout: &Geometry) {
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

    /// The legend of the overview's numbered flow markers, on a plate
    /// along the bottom of the room "fit all" fits the map into.
    pub(super) fn paint_legend(&self, frame: &Frame<'_, '_>) {
        let Some(legend) = frame.overview.and_then(|o| o.legend.as_ref()) else {
            return;
        };
        let room = self.room_in_screen(frame.canvas);
        let plate = Rect::from_min_size(pos2(room.min.x, room.max.y - legend.size.y), legend.size);
        frame.painter.rect(
            plate,
            CornerRadius::same(6),
            theme::FLOW_LABEL_BG,
            Stroke::new(1.5, theme::INK_SOFT),
            StrokeKind::Inside,
        );
        for entry in &legend.entries {
            let at = plate.min + entry.at;
            let ink = crate::ui::board_paint::flow_colour(entry.kind);
            frame.painter.galley(at, Arc::clone(&entry.galley), ink);
            if let Some(rec) = frame.recorder {
                let size = frame.input.legibility.floor;
                rec.galley(TextKind::Legend, entry.text(), &entry.galley, at, size);
            }
        }
        if let Some(rec) = frame.recorder {
            rec.covered(plate);
        }
    }

    /// Dot-vote marks: the dots in a row along each note's top edge, and
    /// the total ("● 7") in a badge at its top-left once revealed.
    pub(super) fn paint_marks(
        &self,
        painter: &egui::Painter,
        canvas: Rect,
        layout: &Geometry,
        overview: Option<&Overview>,
    ) {
        if self.marks.is_empty() {
            return;
        }
        let radius = (9.0 * self.view.zoom).clamp(5.0, 14.0);
        for (note, mark) in &self.marks {
            let Some(&i) = layout.index.get(note) else {
                continue;
            };
            let rect = match overview {
                Some(o) => o.note_rect(i),
                None => layout.notes.get(i).map(|p| p.rect),
            };
            let Some(rect) = rect else { continue };
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

/// A text of a note, laid out, where it goes.
struct Line<'a> {
    galley: Arc<Galley>,
    at: Pos2,
    kind: TextKind,
    /// The full text, when the galley may show less of it.
    full: Option<&'a str>,
    /// Font size, points.
    size: f32,
    ink: Color32,
}

/// An arrow between two cards on screen (no label).
fn board_arrow(
    out: &mut Vec<Shape>,
    a: Rect,
    b: Rect,
    kind: crate::model::FlowKind,
    zoom: f32,
    selected: bool,
) {
    use crate::ui::board_paint;
    if let Some(ends) = board_paint::flow_endpoints(a, b, zoom) {
        let width = board_paint::flow_width(zoom) + if selected { 2.0 } else { 0.0 };
        board_paint::arrow_shapes(out, ends, kind, zoom, width, selected);
    }
}

/// Opacity of notes by other participants while one is highlighted.
const DIMMED_OPACITY: f32 = 0.3;

/// The session item behind a note.
#[derive(Clone, Copy)]
pub(super) enum NoteItem<'a> {
    Tool(&'a Tool),
    Task(&'a Task),
    Pain(&'a PainPoint),
}

impl<'a> NoteItem<'a> {
    pub(super) fn of(session: &'a Session, placed: &PlacedNote) -> Option<Self> {
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

    /// Its name (tool, task) or text (pain point).
    fn text(self) -> &'a str {
        match self {
            Self::Tool(t) => &t.name,
            Self::Task(t) => &t.name,
            Self::Pain(p) => &p.text,
        }
    }

    fn author(self) -> Option<Id> {
        match self {
            Self::Tool(t) => t.author,
            Self::Task(t) => t.author,
            Self::Pain(p) => p.author,
        }
    }

    fn text_kind(self) -> TextKind {
        match self {
            Self::Tool(_) => TextKind::Tool,
            Self::Task(_) => TextKind::Task,
            Self::Pain(_) => TextKind::Pain,
        }
    }

    /// Fill and outline colours.
    pub(super) fn colours(self) -> (Color32, Color32) {
        match self {
            Self::Tool(_) => (theme::TOOL_FILL, theme::TOOL_STROKE),
            Self::Task(_) => (theme::TASK_FILL, theme::TASK_STROKE),
            // A pain note: coral with square corners and ■ for orchestra
            // pain, lavender with round corners and ≈ for jam pain.
            Self::Pain(p) => pain_colours(p.category),
        }
    }

    /// Corner radius, screen points.
    pub(super) fn corner(self) -> u8 {
        match self {
            Self::Tool(_) => 6,
            Self::Task(_) => 2,
            Self::Pain(p) => pain_corner(p.category),
        }
    }
}

/// Fill and outline of a pain note of `category`.
pub(super) fn pain_colours(category: PainCategory) -> (Color32, Color32) {
    match category {
        PainCategory::Orchestra => (theme::ORCHESTRA_PAIN_FILL, theme::PAIN_STROKE),
        PainCategory::Jam => (theme::JAM_PAIN_FILL, theme::PAIN_STROKE),
    }
}

/// Corner radius of a pain note of `category`, points.
pub(super) fn pain_corner(category: PainCategory) -> u8 {
    match category {
        PainCategory::Orchestra => 0,
        PainCategory::Jam => 16,
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

pub(super) fn paint_selection(painter: &egui::Painter, rect: Rect, corner: u8) {
    painter.rect_stroke(
        rect.expand(4.0),
        CornerRadius::same(corner),
        Stroke::new(3.0, theme::SELECTION),
        StrokeKind::Outside,
    );
}

/// A card: rounded rectangle and selection outline.
pub(super) fn paint_card(
    painter: &egui::Painter,
    rect: Rect,
    (fill, stroke): (Color32, Color32),
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
}

//! Drawing the board: background, flows, notes (cards, task and pain
//! notes), selection, dot-vote marks and the gesture under way; close up
//! every note and label where the layout put it, zoomed out the
//! [`Overview`] (issue 13).

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, Galley, Mesh, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use super::detail::{CAPTION_SCALE, NAME_FONT, PADDING, PAIN_FONT, TASK_FONT};
use super::flow::{
    Badge, FlowTexts, flow_may_show, flow_shapes, flow_texts, hours_badge, mark_shapes, marks_of,
};
use super::flow_marks::Legend;
use super::note_fit::{NoteLook, TaskChip};
use super::overview::Overview;
use super::text_cache::TextKey;
use super::{BoardInput, CanvasState, Gesture, TextTarget};
use crate::geometry::{Geometry, PlacedFlow, PlacedNote};
use crate::model::{Flow, Id, NoteRef, PainCategory, PainPoint, Session, Task, Tool};
use crate::ui::legibility::TextKind;
use crate::ui::theme;

/// What a frame's painting needs besides the state.
pub(super) struct Frame<'a, 'b> {
    pub(super) painter: &'a egui::Painter,
    pub(super) canvas: Rect,
    pub(super) input: &'a BoardInput<'b>,
    pub(super) layout: &'a Geometry,
    pub(super) overview: Option<&'a Overview>,
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
        let zoom = self.view.zoom;
        let origin = self.board_origin(frame.canvas);
        // One batch: adding thousands of shapes one by one costs a lock each.
        let mut shapes = Vec::new();
        for shown in self.flows_shown(frame) {
            let (i, placed, flow, (a, b)) = (shown.index, shown.placed, shown.flow, shown.cards);
            let selected = self.selection.flow == Some(flow.id);
            match (frame.glide, frame.overview) {
                (Some(_), _) => board_arrow(&mut shapes, a, b, flow.kind, zoom, selected),
                (None, Some(o)) => {
                    board_arrow(&mut shapes, a, b, flow.kind, zoom, selected);
                    for (mark, form) in o.flows.get(i).into_iter().flat_map(marks_of) {
                        let rect = mark.rect.translate(origin);
                        mark_shapes(&mut shapes, rect, &mark.text, flow.kind, form, selected);
                    }
                }
                (None, None) => {
                    if let Some(laid) = self.flow_close_up(frame, placed, flow, (a, b)) {
                        flow_shapes(&mut shapes, flow, &laid, zoom, selected);
                    }
                }
            }
        }
        frame.painter.extend(shapes);
    }

    /// Where the board's origin is on screen this frame.
    pub(super) fn board_origin(&self, canvas: Rect) -> Vec2 {
        self.view.screen_from_board(canvas, Pos2::ZERO).to_vec2()
    }

    /// The flows that may show this frame, with their cards on screen.
    pub(super) fn flows_shown<'a>(&self, frame: &Frame<'a, '_>) -> Vec<FlowShown<'a>> {
        let session = frame.input.session;
        let flows = frame.layout.flows.iter().enumerate();
        flows
            .filter_map(|(index, placed)| {
                Some(FlowShown {
                    index,
                    placed,
                    flow: session.flows.get(placed.source)?,
                    cards: self.flow_cards(frame, index, placed)?,
                })
            })
            .collect()
    }

    /// A flow's two cards on screen this frame (gliding, as the overview
    /// moved them, or where the layout put them); `None` when one is
    /// missing or nothing of the flow can show in the painter's clip.
    fn flow_cards(
        &self,
        frame: &Frame<'_, '_>,
        i: usize,
        placed: &PlacedFlow,
    ) -> Option<(Rect, Rect)> {
        let (a, b) = match (frame.glide, frame.overview) {
            (Some(g), _) => g
                .get(placed.from)
                .copied()
                .flatten()
                .zip(g.get(placed.to).copied().flatten()),
            (None, Some(o)) => o.flow_rects(frame.layout, i),
            (None, None) => frame.layout.flow_rects(placed),
        }?;
        let a = self.view.screen_rect(frame.canvas, a);
        let b = self.view.screen_rect(frame.canvas, b);
        flow_may_show(frame.painter.clip_rect(), a, b).then_some((a, b))
    }

    /// A flow close up between its cards `a` and `b` (screen), laid out:
    /// its label and hours badge where the layout put them.
    pub(super) fn flow_close_up(
        &mut self,
        frame: &Frame<'_, '_>,
        placed: &PlacedFlow,
        flow: &Flow,
        (a, b): (Rect, Rect),
    ) -> Option<FlowTexts> {
        let (view, canvas) = (self.view, frame.canvas);
        let hours = frame.input.stats.pain.per_flow.get(&flow.id).copied();
        let marks = (
            placed.label.map(|r| view.screen_rect(canvas, r)),
            placed.badge.map(|r| view.screen_rect(canvas, r)),
        );
        let painter = frame.painter;
        flow_texts(
            painter,
            &mut self.texts,
            flow,
            (a, b),
            marks,
            view.zoom,
            hours,
        )
    }

    /// Notes, their selection outlines and the tools' hours badges.
    fn paint_notes(&mut self, frame: &Frame<'_, '_>) {
        let (painter, layout) = (frame.painter, frame.layout);
        let (session, highlight) = (frame.input.session, frame.input.highlight);
        let faded = {
            let mut faded = painter.clone();
            faded.set_opacity(DIMMED_OPACITY);
            faded
        };
        // Notes too small for any text are plain rectangles, all of them in
        // one mesh; selection outlines go on top.
        let mut blocks = Mesh::default();
        let mut on_top: Vec<(Rect, u8, NoteRef, bool)> = Vec::new();
        for (i, placed) in layout.notes.iter().enumerate() {
            let Some((rect, look)) = self.note_on_screen(frame, i, placed) else {
                continue;
            };
            let Some(item) = NoteItem::of(session, placed) else {
                continue;
            };
            let note = placed.note;
            let selected = self.selection.notes.contains(&note);
            let dimmed = highlight.is_some_and(|who| item.author() != Some(who));
            let painter = if dimmed { &faded } else { painter };
            let (fill, stroke) = item.colours();
            let Some(lines) = self.note_lines(frame, placed, item, rect, look) else {
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
            };
            paint_card(painter, rect, (fill, stroke), selected, item.corner());
            for line in &lines {
                painter.galley(line.at, Arc::clone(&line.galley), line.ink);
            }
            if let NoteItem::Tool(tool) = item {
                painter.circle(
                    rect.right_center(),
                    theme::HANDLE_RADIUS,
                    theme::TOOL_FILL,
                    Stroke::new(2.5, theme::TOOL_STROKE),
                );
                if let Some(badge) = self.tool_badge(frame, tool.id) {
                    painter.extend(badge.shapes());
                }
            }
        }
        if !blocks.is_empty() {
            painter.add(Shape::mesh(blocks));
        }
        if let Some((rect, chip)) = self.tasks_chip(frame) {
            let colours = (theme::TASK_FILL, theme::TASK_STROKE);
            paint_card(painter, rect, colours, false, 2);
            let at = rect.min + chip.text.at;
            painter.galley(at, Arc::clone(&chip.text.galley), theme::INK);
        }
        for (rect, corner, _, dimmed) in on_top {
            let painter = if dimmed { &faded } else { painter };
            paint_selection(painter, rect, corner);
        }
        self.texts.end_frame();
    }

    /// Where a note is drawn this frame (screen) and its look in the
    /// overview; `None` when it is folded into its tool's or flow's badge
    /// or lies outside the painter's clip.
    pub(super) fn note_on_screen<'a>(
        &self,
        frame: &Frame<'a, '_>,
        i: usize,
        placed: &PlacedNote,
    ) -> Option<(Rect, Option<&'a NoteLook>)> {
        let (view, canvas) = (self.view, frame.canvas);
        let look = match frame.overview {
            Some(o) => Some(o.notes.get(i)?.as_ref()?),
            None => None,
        };
        let glided = frame
            .glide
            .and_then(|g| g.get(i).copied().flatten())
            .map(|r| view.screen_rect(canvas, r));
        let rect = match (glided, look) {
            (Some(rect), _) => rect,
            (None, Some(look)) => look.rect.translate(self.board_origin(canvas)),
            (None, None) => view.screen_rect(canvas, placed.rect),
        };
        frame
            .painter
            .clip_rect()
            .intersects(rect)
            .then_some((rect, look))
    }

    /// A note's texts laid out in `rect` (screen): in the overview its
    /// look's name and summary, close up its caption and text; `None` when
    /// the overview left it too small for any text (a plain block). The
    /// note being edited shows no text (the editor is over it).
    pub(super) fn note_lines<'a>(
        &mut self,
        frame: &Frame<'a, '_>,
        placed: &PlacedNote,
        item: NoteItem<'a>,
        rect: Rect,
        look: Option<&'a NoteLook>,
    ) -> Option<Vec<Line<'a>>> {
        let (painter, zoom) = (frame.painter, self.view.zoom);
        let floor = frame.input.legibility.floor;
        let editing = self
            .editing
            .as_ref()
            .is_some_and(|e| e.target == TextTarget::of(placed.note));
        let mut lines: Vec<Line<'a>> = Vec::new();
        if let Some(look) = look {
            if look.name.is_none() && look.summary.is_none() {
                return None;
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
            return Some(lines);
        }
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
            if let Some(galley) = self.texts.fitted(painter, placed.note, text, font, room) {
                // Centred when it fits; a longer text starts at the top,
                // so the room reads its first words.
                let mut at =
                    pos2(inner.center().x, (top + inner.bottom()) / 2.0) - galley.size() / 2.0;
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
        Some(lines)
    }

    /// A tool's hours badge close up, laid out (none in the overview,
    /// while cards glide, or without hours lost on it).
    pub(super) fn tool_badge(&mut self, frame: &Frame<'_, '_>, tool: Id) -> Option<Badge> {
        if frame.overview.is_some() || frame.glide.is_some() {
            return None;
        }
        let badge = *frame.layout.tool_badges.get(&tool)?;
        let hours = frame.input.stats.pain.per_tool.get(&tool).copied()?;
        let rect = self.view.screen_rect(frame.canvas, badge);
        let key = TextKey::ToolBadge(tool);
        let zoom = self.view.zoom;
        Some(hours_badge(
            frame.painter,
            &mut self.texts,
            key,
            rect,
            hours,
            zoom,
        ))
    }

    /// The overview's chip the task notes fold into, on screen, when it
    /// shows.
    pub(super) fn tasks_chip<'a>(&self, frame: &Frame<'a, '_>) -> Option<(Rect, &'a TaskChip)> {
        let chip = frame.overview?.tasks.as_ref()?;
        let rect = chip.rect.translate(self.board_origin(frame.canvas));
        frame
            .painter
            .clip_rect()
            .intersects(rect)
            .then_some((rect, chip))
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
        let Some((plate, legend)) = self.legend_plate(frame) else {
            return;
        };
        frame.painter.rect(
            plate,
            CornerRadius::same(6),
            theme::FLOW_LABEL_BG,
            Stroke::new(1.5, theme::INK_SOFT),
            StrokeKind::Inside,
        );
        for entry in &legend.entries {
            let ink = crate::ui::board_paint::flow_colour(entry.kind);
            frame
                .painter
                .galley(plate.min + entry.at, Arc::clone(&entry.galley), ink);
        }
    }

    /// The legend's plate on screen, and the legend, when the overview
    /// numbered any flow.
    pub(super) fn legend_plate<'a>(&self, frame: &Frame<'a, '_>) -> Option<(Rect, &'a Legend)> {
        let legend = frame.overview?.legend.as_ref()?;
        let room = self.room_in_screen(frame.canvas);
        let plate = Rect::from_min_size(pos2(room.min.x, room.max.y - legend.size.y), legend.size);
        Some((plate, legend))
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

/// A flow that may show this frame.
pub(super) struct FlowShown<'a> {
    /// Its place in the layout's flows.
    pub(super) index: usize,
    pub(super) placed: &'a PlacedFlow,
    pub(super) flow: &'a Flow,
    /// Its two cards on screen, from and to.
    pub(super) cards: (Rect, Rect),
}

/// A text of a note, laid out, where it goes.
pub(super) struct Line<'a> {
    pub(super) galley: Arc<Galley>,
    /// Its top-left, screen points.
    pub(super) at: Pos2,
    #[cfg_attr(
        not(feature = "diagnostics"),
        expect(dead_code, reason = "read by the legibility listing")
    )]
    pub(super) kind: TextKind,
    /// The full text, when the galley may show less of it.
    #[cfg_attr(
        not(feature = "diagnostics"),
        expect(dead_code, reason = "read by the legibility listing")
    )]
    pub(super) full: Option<&'a str>,
    /// Font size, points.
    #[cfg_attr(
        not(feature = "diagnostics"),
        expect(dead_code, reason = "read by the legibility listing")
    )]
    pub(super) size: f32,
    pub(super) ink: Color32,
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
    #[cfg(feature = "diagnostics")]
    pub(super) fn text(self) -> &'a str {
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

    /// What its name or text is, as a drawn text.
    pub(super) fn text_kind(self) -> TextKind {
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

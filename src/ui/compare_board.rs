//! Side-by-side boards of the compare view (METHOD.md, "Comparing
//! quarters"; issue 4): the tool maps of two sessions, read-only, with one
//! shared pan and zoom — dragging or scrolling either board moves both,
//! and "Fit" frames what both hold.
//!
//! Tools are drawn as cards and flows as arrows, shadow flows dashed and
//! crimson with a hollow head and "⚠ SHADOW", as on the main board
//! ([`crate::ui::canvas`]). What the later session added is outlined solid
//! green with "+ added"; what it removed is outlined dashed purple on the
//! earlier board with "− removed": a style and a text as well as a colour.
//! Entities are matched as the comparison matches them (by id, then by
//! name), through the [`SessionDiff`] of the pair.

use std::collections::HashSet;

use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, RichText, Sense, Shape, Stroke, StrokeKind,
    Ui, Vec2, vec2,
};

use crate::model::{FlowKind, Id, Session, SessionDiff};
use crate::ui::board_paint::{self, SHADOW_MARKER_RADIUS, flow_endpoints};
use crate::ui::canvas::{View, tool_rect_in_board};
use crate::ui::theme;

/// Outline and label colour of what the later session added (green).
pub const ADDED: Color32 = theme::GOOD_INK;
/// Outline and label colour of what the later session removed (purple).
pub const REMOVED: Color32 = theme::REMOVED_INK;
/// The mark of an added tool or flow (with [`ADDED`], solid outline).
pub const ADDED_MARK: &str = "+ added";
/// The mark of a removed tool or flow (with [`REMOVED`], dashed outline).
pub const REMOVED_MARK: &str = "− removed";
/// Width of the added/removed outlines, points.
const MARK_WIDTH: f32 = 4.0;
/// Gap between a card and its added/removed outline, points.
const MARK_GAP: f32 = 5.0;
/// Font size of the "+ added" / "− removed" tags, points (not zoomed: they
/// stay legible however far the boards are zoomed out).
const MARK_FONT: f32 = 17.0;
/// Smallest font of flow labels and card names, points: below it the
/// boards' zoom would make them unreadable, so they stay this size
/// (cut at the card's edges) until [`MIN_TEXT_ZOOM`].
const MIN_BOARD_FONT: f32 = 13.0;
/// Card names shrink below [`MIN_BOARD_FONT`] down to this, points, to
/// keep their longest word whole.
const MIN_CARD_FONT: f32 = 9.0;
/// Below this zoom, card names are left out.
const MIN_TEXT_ZOOM: f32 = 0.3;
/// Below this zoom, flow labels are left out (they would cover each other
/// and the cards); shadow flows keep a ⚠ marker.
const MIN_LABEL_ZOOM: f32 = 0.7;
/// Radius of a flow's "+" / "−" badge, points.
const FLOW_BADGE_RADIUS: f32 = 13.0;
/// Height of a board at least, points.
const MIN_BOARD_HEIGHT: f32 = 240.0;

/// One of the two boards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The earlier session, on the left.
    Earlier,
    /// The later session, on the right.
    Later,
}

impl Side {
    fn index(self) -> usize {
        match self {
            Self::Earlier => 0,
            Self::Later => 1,
        }
    }
}

/// State of the side-by-side boards: the one view (pan and zoom) both
/// boards share, and where the boards were last drawn.
#[derive(Clone, Debug)]
pub struct CompareBoards {
    view: View,
    fit_pending: bool,
    canvases: [Option<Rect>; 2],
    /// While a board is dragged: where the pointer was pressed (screen)
    /// and the pan then.
    drag: Option<(Pos2, Vec2)>,
}

impl Default for CompareBoards {
    fn default() -> Self {
        Self {
            view: View::default(),
            fit_pending: true,
            canvases: [None; 2],
            drag: None,
        }
    }
}

/// What the pair's diff marks on each board: ids of the earlier session
/// (removed) and of the later one (added).
struct Marks {
    removed_tools: HashSet<Id>,
    removed_flows: HashSet<Id>,
    added_tools: HashSet<Id>,
    added_flows: HashSet<Id>,
}

impl Marks {
    fn of(diff: &SessionDiff) -> Self {
        let ids = |v: &[crate::model::Named]| v.iter().map(|n| n.id).collect::<HashSet<Id>>();
        Self {
            removed_tools: ids(&diff.tools.removed),
            removed_flows: ids(&diff.flows.removed),
            added_tools: ids(&diff.tools.added),
            added_flows: ids(&diff.flows.added),
        }
    }

    /// The marked tools and flows of one side, with the mark's colour,
    /// text and whether its outline is dashed.
    fn for_side(&self, side: Side) -> (&HashSet<Id>, &HashSet<Id>, Mark) {
        match side {
            Side::Earlier => (&self.removed_tools, &self.removed_flows, Mark::Removed),
            Side::Later => (&self.added_tools, &self.added_flows, Mark::Added),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Added,
    Removed,
}

impl Mark {
    fn colour(self) -> Color32 {
        match self {
            Self::Added => ADDED,
            Self::Removed => REMOVED,
        }
    }

    fn text(self) -> &'static str {
        match self {
            Self::Added => ADDED_MARK,
            Self::Removed => REMOVED_MARK,
        }
    }
}

impl CompareBoards {
    /// The view both boards share: `pos_in_screen = canvas.min + pan +
    /// pos_in_board × zoom` on each board's own canvas.
    pub fn view(&self) -> View {
        self.view
    }

    /// Frame what both boards hold at the next frame ("Fit").
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Where a board was drawn last frame, screen points.
    pub fn canvas_rect(&self, side: Side) -> Option<Rect> {
        self.canvases.get(side.index()).copied().flatten()
    }

    /// Where a board position shows on screen on one board (as last
    /// drawn); `None` before the boards were drawn.
    pub fn screen_from_board(&self, side: Side, pos_in_board: Pos2) -> Option<Pos2> {
        self.canvas_rect(side)
            .map(|canvas| self.view.screen_from_board(canvas, pos_in_board))
    }

    /// Draw both boards side by side in the space given, with a toolbar
    /// ("Fit", the zoom, a legend of the marks) above them. `before` and
    /// `after` are the pair `diff` was computed from.
    pub fn ui(&mut self, ui: &mut Ui, before: &Session, after: &Session, diff: &SessionDiff) {
        let marks = Marks::of(diff);
        // Measured before the toolbar: a toolbar wider than the view must
        // not widen the boards past its edge.
        let width = ui.available_width();
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(RichText::new("Fit both boards").size(theme::CAPTION_FONT))
                .on_hover_text("Frame both boards (or double-click a board)")
                .clicked()
            {
                self.request_fit();
            }
            ui.label(format!("{:.0} %", self.view.zoom * 100.0))
                .on_hover_text("Drag or scroll either board: both move");
            ui.separator();
            ui.label(
                RichText::new(format!("{ADDED_MARK} (solid outline)"))
                    .color(ADDED)
                    .strong(),
            )
            .on_hover_text("In the later session only");
            ui.label(
                RichText::new(format!("{REMOVED_MARK} (dashed outline)"))
                    .color(REMOVED)
                    .strong(),
            )
            .on_hover_text("In the earlier session only");
        });
        let gap = ui.spacing().item_spacing.x;
        let board_width = ((width - gap) / 2.0).max(100.0);
        let title_height = ui.text_style_height(&egui::TextStyle::Heading) + 8.0;
        let board_height = (ui.available_height() - title_height).max(MIN_BOARD_HEIGHT);
        let size = vec2(board_width, board_height);
        ui.horizontal_top(|ui| {
            for (side, session, label) in [
                (Side::Earlier, before, &diff.before),
                (Side::Later, after, &diff.after),
            ] {
                ui.vertical(|ui| {
                    ui.set_width(board_width);
                    let role = match side {
                        Side::Earlier => "earlier",
                        Side::Later => "later",
                    };
                    ui.label(
                        RichText::new(format!("{} ({role})", label.short()))
                            .size(theme::FIGURE_FONT)
                            .strong(),
                    );
                    self.board_ui(ui, side, session, &marks, size, &label.short());
                });
            }
        });
        if self.fit_pending
            && let Some(canvas) = self.canvas_rect(Side::Earlier)
        {
            // The boards show tools and flows only (not task notes).
            let content = before
                .tools
                .iter()
                .chain(&after.tools)
                .map(tool_rect_in_board)
                .filter(|r| r.is_finite())
                .reduce(|a, b| a.union(b));
            // Room above the cards for the "+ added" tags.
            let content = content.map(|r| r.expand2(vec2(20.0, 40.0)));
            self.view = View::fitting(canvas, content);
            self.fit_pending = false;
            ui.ctx().request_repaint();
        }
    }

    fn board_ui(
        &mut self,
        ui: &mut Ui,
        side: Side,
        session: &Session,
        marks: &Marks,
        size: Vec2,
        quarter: &str,
    ) {
        let (canvas, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        let (tools, flows, mark) = marks.for_side(side);
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                format!(
                    "Board {quarter}: {} tools, {} flows, {} {}",
                    session.tools.len(),
                    session.flows.len(),
                    tools.len() + flows.len(),
                    mark.text()
                ),
            )
        });
        if let Some(slot) = self.canvases.get_mut(side.index()) {
            *slot = Some(canvas);
        }
        self.pan_and_zoom(ui, canvas, &response);

        let painter = ui.painter_at(canvas);
        painter.rect_filled(canvas, CornerRadius::ZERO, theme::BOARD_BG);
        painter.rect_stroke(
            canvas,
            CornerRadius::ZERO,
            Stroke::new(1.0, theme::INK_SOFT),
            StrokeKind::Inside,
        );
        let view = self.view;
        let zoom = view.zoom;
        let screen = |r: Rect| view.screen_rect(canvas, r);

        // Flows under the cards.
        let mut tags: Vec<(Rect, String)> = Vec::new();
        let mut badges: Vec<(Pos2, String)> = Vec::new();
        for flow in &session.flows {
            let (Some(a), Some(b)) = (session.tool(flow.from), session.tool(flow.to)) else {
                continue;
            };
            let (a, b) = (screen(tool_rect_in_board(a)), screen(tool_rect_in_board(b)));
            let Some((start, end)) = flow_endpoints(a, b, zoom) else {
                continue;
            };
            let marked = flows.contains(&flow.id);
            if marked {
                let halo = Stroke::new(MARK_WIDTH + 8.0, mark.colour().gamma_multiply(0.45));
                match mark {
                    Mark::Added => {
                        painter.line_segment([start, end], halo);
                    }
                    Mark::Removed => {
                        painter.extend(Shape::dashed_line(&[start, end], halo, 14.0, 9.0));
                    }
                }
            }
            paint_flow(&painter, flow, start, end, zoom);
            if marked {
                let unit = (end - start).normalized();
                // On the arrow's left; its label sits on the right.
                let side_dir = vec2(unit.y, -unit.x);
                // Along the arrow, clear of the cards and of the ⚠ marker
                // in its middle where possible.
                let cards: Vec<Rect> = session
                    .tools
                    .iter()
                    .map(|t| screen(tool_rect_in_board(t)).expand(FLOW_BADGE_RADIUS))
                    .collect();
                let offset = side_dir * (FLOW_BADGE_RADIUS + 6.0);
                let at = [0.3, 0.7, 0.2, 0.8, 0.5]
                    .into_iter()
                    .map(|t| start.lerp(end, t) + offset)
                    .find(|p| !cards.iter().any(|c| c.contains(*p)))
                    .unwrap_or(start.lerp(end, 0.3) + offset);
                badges.push((
                    at,
                    format!("{} flow: {}", mark.text(), session.flow_text(flow)),
                ));
            }
        }

        let hover = response.hover_pos();
        for tool in &session.tools {
            let rect = screen(tool_rect_in_board(tool));
            if !rect.intersects(canvas) {
                continue;
            }
            let cut = paint_card(&painter, rect, &tool.name, zoom);
            // A cut name reads whole, large, on hover.
            if cut && hover.is_some_and(|p| rect.contains(p)) {
                response.clone().on_hover_ui(|ui| {
                    ui.label(egui::RichText::new(&tool.name).size(theme::FIGURE_FONT));
                });
            }
            if tools.contains(&tool.id) {
                let outline = rect.expand(MARK_GAP);
                let stroke = Stroke::new(MARK_WIDTH, mark.colour());
                match mark {
                    Mark::Added => {
                        painter.rect_stroke(
                            outline,
                            CornerRadius::same(10),
                            stroke,
                            StrokeKind::Outside,
                        );
                    }
                    Mark::Removed => {
                        let c = [
                            outline.left_top(),
                            outline.right_top(),
                            outline.right_bottom(),
                            outline.left_bottom(),
                            outline.left_top(),
                        ];
                        painter.extend(Shape::dashed_line(&c, stroke, 12.0, 8.0));
                    }
                }
                let at = outline.left_top() - vec2(0.0, 2.0);
                let tag = paint_tag(&painter, at, Align2::LEFT_BOTTOM, mark);
                tags.push((tag, format!("{} tool: {}", mark.text(), tool.name)));
            }
        }

        // A flow's mark on top of the cards: a round "+" / "−" badge (the
        // full "+ added" would not fit on a short arrow).
        for (at, text) in badges {
            tags.push((paint_flow_badge(&painter, at, mark), text));
        }

        // The tags as accessible nodes, where they show.
        for (k, (rect, text)) in tags.into_iter().enumerate() {
            let shown = rect.intersect(canvas);
            if !shown.is_positive() {
                continue;
            }
            let id = response.id.with(("mark", k));
            ui.interact(shown, id, Sense::hover())
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
        }
    }

    fn pan_and_zoom(&mut self, ui: &Ui, canvas: Rect, response: &egui::Response) {
        // Follow the pointer from where it was pressed: the whole drag
        // moves the boards, including the threshold before egui calls it one.
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            self.drag = origin.map(|o| (o, self.view.pan));
        }
        // The release may come with a last move (applied too).
        if (response.dragged() || response.drag_stopped())
            && let Some((origin, pan)) = self.drag
            && let Some(pointer) = ui.input(|i| i.pointer.interact_pos())
        {
            self.view.pan = pan + (pointer - origin);
        }
        if response.drag_stopped() {
            self.drag = None;
        }
        if response.double_clicked() {
            self.request_fit();
        }
        self.view.follow_wheel(ui, canvas, response);
    }
}

/// A tool card: white, navy outline, its name centred, wrapped, and cut
/// with "…" after the last row that fits (never a half line). True when
/// the name was cut (hovering the card then shows it whole).
fn paint_card(painter: &egui::Painter, rect: Rect, name: &str, zoom: f32) -> bool {
    painter.rect(
        rect,
        CornerRadius::same(8),
        theme::TOOL_FILL,
        theme::note_stroke(theme::TOOL_STROKE),
        StrokeKind::Inside,
    );
    if zoom < MIN_TEXT_ZOOM {
        return !name.is_empty();
    }
    let inner = rect.shrink(6.0 * zoom.min(1.0));
    let mut font = (theme::NOTE_FONT * zoom).max(MIN_BOARD_FONT);
    // Smaller rather than a word broken in two ("WordPres / s").
    let widest = name
        .split_whitespace()
        .map(|word| {
            painter
                .layout_no_wrap(word.to_owned(), FontId::proportional(font), theme::INK)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    if widest > inner.width() && widest > 0.0 {
        font = (font * inner.width() / widest).max(MIN_CARD_FONT);
    }
    let row = painter
        .layout_no_wrap("Ag".to_owned(), FontId::proportional(font), theme::INK)
        .size()
        .y;
    let rows = ((inner.height() + 0.5) / row.max(1.0)).floor() as usize;
    if rows == 0 {
        return !name.is_empty();
    }
    let mut job = egui::text::LayoutJob::simple(
        name.to_owned(),
        FontId::proportional(font),
        theme::INK,
        inner.width().max(1.0),
    );
    job.wrap.max_rows = rows;
    let galley = painter.layout_job(job);
    let cut = galley.elided;
    let mut pos = inner.center() - galley.size() / 2.0;
    pos.y = pos.y.max(inner.top());
    painter.galley(pos, galley, theme::INK);
    cut
}

/// A flow's arrow (and its label when legible): designed solid navy with a
/// filled head, shadow dashed crimson with a hollow head and "⚠ SHADOW",
/// drawn as on the main board.
fn paint_flow(
    painter: &egui::Painter,
    flow: &crate::model::Flow,
    start: Pos2,
    end: Pos2,
    zoom: f32,
) {
    let shadow = flow.kind == FlowKind::Shadow;
    let colour = board_paint::flow_colour(flow.kind);
    let mut shapes = Vec::new();
    let width = board_paint::flow_width(zoom).max(2.0);
    board_paint::arrow_shapes(&mut shapes, (start, end), flow.kind, zoom, width, false);
    if zoom < MIN_LABEL_ZOOM {
        // Too far out for labels: a shadow flow still shows its ⚠ marker
        // (as on the main board), where the arrow is long enough for it.
        if shadow && start.distance(end) >= 4.0 * SHADOW_MARKER_RADIUS {
            let glyph = painter.layout_no_wrap("⚠".to_owned(), FontId::proportional(13.0), colour);
            board_paint::shadow_marker_shapes(&mut shapes, start.lerp(end, 0.5), glyph);
        }
        painter.extend(shapes);
        return;
    }
    let text = board_paint::flow_label_text(flow);
    if !text.is_empty() {
        let font = (16.0 * zoom).clamp(MIN_BOARD_FONT - 1.0, 24.0);
        let wrap = (start.distance(end) - 12.0).max(60.0);
        let mut job = egui::text::LayoutJob::simple(text, FontId::proportional(font), colour, wrap);
        job.wrap.max_rows = 2;
        job.halign = egui::Align::Center;
        let galley = painter.layout_job(job);
        let rect = board_paint::label_rect((start, end), galley.size() + vec2(10.0, 4.0));
        board_paint::label_shapes(&mut shapes, rect, galley, flow.kind, false);
    }
    painter.extend(shapes);
}

/// A flow's round "+" / "−" badge centred at `at`; returns its rectangle.
fn paint_flow_badge(painter: &egui::Painter, at: Pos2, mark: Mark) -> Rect {
    painter.circle(
        at,
        FLOW_BADGE_RADIUS,
        mark.colour(),
        Stroke::new(2.0, Color32::WHITE),
    );
    let glyph = match mark {
        Mark::Added => "+",
        Mark::Removed => "−",
    };
    painter.text(
        at,
        Align2::CENTER_CENTER,
        glyph,
        FontId::proportional(FLOW_BADGE_RADIUS * 1.8),
        Color32::WHITE,
    );
    Rect::from_center_size(at, Vec2::splat(FLOW_BADGE_RADIUS * 2.0))
}

/// A "+ added" / "− removed" tag anchored at `at`; returns its rectangle.
fn paint_tag(painter: &egui::Painter, at: Pos2, anchor: Align2, mark: Mark) -> Rect {
    let galley = painter.layout_no_wrap(
        mark.text().to_owned(),
        FontId::proportional(MARK_FONT),
        Color32::WHITE,
    );
    let size = galley.size() + vec2(12.0, 4.0);
    let rect = anchor.anchor_size(at, size);
    painter.rect_filled(rect, CornerRadius::same(5), mark.colour());
    painter.galley(rect.min + vec2(6.0, 2.0), galley, Color32::WHITE);
    rect
}

//! Step 1, Toolchain Autopsy (METHOD.md): the tool-map whiteboard.
//!
//! An unbounded board of tool cards and task notes with directed flows
//! between tools. The view only draws and emits [`Edit`]s; the app applies
//! them. Coordinates are named by space: `*_in_board` (board units, stored
//! in the session) and `*_in_screen` (egui points), related by [`View`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::epaint::{CircleShape, RectShape};
use egui::{
    Align2, Color32, CornerRadius, CursorIcon, FontId, Galley, Key, Mesh, Modifiers, Pos2, Rect,
    Response, Sense, Shape, Stroke, StrokeKind, Ui, Vec2, pos2, vec2,
};

use super::theme;
use super::typology::TaskDrag;
use crate::model::{
    Attachment, AutomationLabel, BoardPos, Edit, Flow, FlowKind, Id, Item, NoteRef, PainCategory,
    PainPoint, PainStats, Placement, Session, Stats, TASK_NOTE_SIZE, TOOL_CARD_SIZE, Task, Tool,
    UnexpectedWay,
};

/// Zoom limits of the board: 10 %–400 %.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.1..=4.0;
/// Share of the canvas that "fit all" fills with the board's content.
const FIT_MARGIN: f32 = 0.9;
/// How far from a flow (screen points) a click still hits it: a 26-point
/// band, over 44 px at projector scale (touch screens, issue 6).
const FLOW_HIT_DISTANCE: f32 = 13.0;
/// How far an arrow key nudges the selected notes, board units (Shift: ×5).
pub const NUDGE: f32 = 10.0;
/// Size of the minimap in the board's bottom-right corner, points.
pub const MINIMAP_SIZE: [f32; 2] = [200.0, 130.0];
/// Gap between the minimap and the board's edges, points.
const MINIMAP_MARGIN: f32 = 12.0;
/// Wheel sensitivity: zoom factor per scrolled point.
const WHEEL_ZOOM_RATE: f32 = 0.0015;

/// The board-to-screen transform: `pos_in_screen = canvas.min + pan +
/// pos_in_board × zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Screen offset of the board origin from the canvas's top-left, points.
    pub pan: Vec2,
    /// Screen points per board unit, within [`ZOOM_RANGE`].
    pub zoom: f32,
}

impl Default for View {
    fn default() -> Self {
        Self {
            pan: vec2(40.0, 40.0),
            zoom: 1.0,
        }
    }
}

impl View {
    /// Where a board position appears on screen inside `canvas`.
    pub fn screen_from_board(&self, canvas: Rect, pos_in_board: Pos2) -> Pos2 {
        canvas.min + self.pan + pos_in_board.to_vec2() * self.zoom
    }

    /// The board position under a screen position.
    pub fn board_from_screen(&self, canvas: Rect, pos_in_screen: Pos2) -> Pos2 {
        ((pos_in_screen - canvas.min - self.pan) / self.zoom).to_pos2()
    }

    /// A board rectangle on screen.
    pub fn screen_rect(&self, canvas: Rect, rect_in_board: Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_board(canvas, rect_in_board.min),
            self.screen_from_board(canvas, rect_in_board.max),
        )
    }

    /// Zoom by `factor` keeping the board point under `anchor_in_screen`
    /// fixed; the result stays within [`ZOOM_RANGE`].
    pub fn zoom_around(&mut self, canvas: Rect, anchor_in_screen: Pos2, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor_in_board = self.board_from_screen(canvas, anchor_in_screen);
        self.zoom = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        self.pan = anchor_in_screen - canvas.min - anchor_in_board.to_vec2() * self.zoom;
    }

    /// Follow the wheel and pinch while the pointer is over `response`:
    /// vertical scrolling and pinching zoom around the pointer,
    /// horizontal scrolling pans. True when the view changed.
    pub fn follow_wheel(&mut self, ui: &Ui, canvas: Rect, response: &Response) -> bool {
        if !response.contains_pointer() {
            return false;
        }
        let (scroll, zoom_delta, pointer) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        let Some(pointer) = pointer else {
            return false;
        };
        let mut changed = false;
        let factor = zoom_delta * (scroll.y * WHEEL_ZOOM_RATE).exp();
        if (factor - 1.0).abs() > f32::EPSILON {
            self.zoom_around(canvas, pointer, factor);
            changed = true;
        }
        if scroll.x != 0.0 {
            self.pan.x += scroll.x;
            changed = true;
        }
        changed
    }

    /// The view that shows `content_in_board` centred in `canvas`.
    pub fn fitting(canvas: Rect, content_in_board: Option<Rect>) -> Self {
        let Some(content) = content_in_board.filter(|r| r.is_finite() && r.is_positive()) else {
            return Self {
                pan: canvas.size() / 2.0,
                zoom: 1.0,
            };
        };
        let zoom = (canvas.width() / content.width())
            .min(canvas.height() / content.height())
            .mul_add(FIT_MARGIN, 0.0)
            .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        Self {
            pan: canvas.size() / 2.0 - content.center().to_vec2() * zoom,
            zoom,
        }
    }

    /// Like [`Self::fitting`], but at whatever zoom it takes to show all of
    /// `content_in_board`, even below [`ZOOM_RANGE`] (benchmarks compare
    /// boards with the whole board in view).
    pub fn showing_all(canvas: Rect, content_in_board: Option<Rect>) -> Self {
        let Some(content) = content_in_board.filter(|r| r.is_finite() && r.is_positive()) else {
            return Self::fitting(canvas, None);
        };
        let zoom =
            (canvas.width() / content.width()).min(canvas.height() / content.height()) * FIT_MARGIN;
        if !(zoom.is_finite() && zoom > 0.0) {
            return Self::fitting(canvas, None);
        }
        Self {
            pan: canvas.size() / 2.0 - content.center().to_vec2() * zoom,
            zoom,
        }
    }
}

/// What is selected on the board: notes, or one flow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Selected tool cards and task notes.
    pub notes: HashSet<NoteRef>,
    /// The selected flow, if any.
    pub flow: Option<Id>,
}

impl Selection {
    /// Nothing selected.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty() && self.flow.is_none()
    }

    fn only(note: NoteRef) -> Self {
        Self {
            notes: HashSet::from([note]),
            flow: None,
        }
    }
}

/// What lies under a point of the board.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Hit {
    /// A tool card's connector handle (drag it onto another card: a flow).
    Handle(Id),
    Note(NoteRef),
    Flow(Id),
}

impl Hit {
    /// A click on a handle counts as a click on its card.
    fn handle_as_note(self) -> Self {
        match self {
            Self::Handle(id) => Self::Note(NoteRef::Tool(id)),
            other => other,
        }
    }
}

#[derive(Clone, Debug)]
enum Gesture {
    Pan,
    /// Moving the selected notes; `delta` is in board units.
    Move {
        moving: Vec<NoteRef>,
        delta: Vec2,
    },
    /// Drawing a new flow from a tool's handle.
    Connect {
        from: Id,
        to_in_screen: Pos2,
    },
    RubberBand {
        start_in_board: Pos2,
        end_in_board: Pos2,
        additive: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum TextTarget {
    Tool(Id),
    Task(Id),
    Pain(Id),
    FlowLabel(Id),
}

impl TextTarget {
    fn of(note: NoteRef) -> Self {
        match note {
            NoteRef::Tool(id) => Self::Tool(id),
            NoteRef::Task(id) => Self::Task(id),
            NoteRef::Pain(id) => Self::Pain(id),
        }
    }
}

#[derive(Clone, Debug)]
struct InlineEdit {
    target: TextTarget,
    text: String,
    /// Set until the text field has taken focus and selected its text.
    fresh: bool,
}

/// State of the tool-map view (not saved in the session).
#[derive(Debug, Default)]
pub struct CanvasState {
    /// The board-to-screen transform.
    pub view: View,
    /// What is selected.
    pub selection: Selection,
    gesture: Option<Gesture>,
    editing: Option<InlineEdit>,
    context_target: Option<Option<Hit>>,
    fit_pending: bool,
    /// Set once the user pans or zooms; until then the view keeps fitting
    /// the board as the window and panels settle or resize.
    view_touched: bool,
    /// The canvas rectangle of the last frame, screen points.
    last_rect: Option<Rect>,
    /// How many notes the toolbar has added, to stagger them.
    added_from_toolbar: u32,
    /// Where the context menu was opened, board units.
    context_pos_in_board: Option<Pos2>,
    /// The participant new notes are credited to (set by the app).
    pub author: Option<Id>,
    /// The board layout, reused from frame to frame while the session's
    /// geometry is unchanged and nothing is being dragged.
    layout: Option<Arc<Layout>>,
    /// Laid-out texts of notes, flow labels and badges, reused while the
    /// text, its size and the zoom are unchanged.
    texts: TextCache,
    /// Show the minimap in the bottom-right corner (set by the app).
    pub minimap: bool,
    /// "Fit all" never zooms out below this (projector mode keeps note
    /// text legible from the back of the room), within [`ZOOM_RANGE`].
    pub min_fit_zoom: f32,
    /// Dot-vote marks drawn on notes (set by the app during a vote).
    pub marks: HashMap<NoteRef, NoteMark>,
    /// The note clicked this frame, if any (read by the app: a click
    /// during a dot vote places or removes a dot).
    pub clicked_note: Option<NoteRef>,
    /// Where the minimap was drawn last frame, screen points.
    minimap_rect: Option<Rect>,
    /// Tab (false) or Shift+Tab (true) pressed, for the next frame's
    /// keyboard navigation.
    pending_tab: Option<bool>,
}

/// Dot-vote marks on one note: the dots shown (one colour per dot, the
/// voter's), and the total once revealed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoteMark {
    /// One entry per dot shown, in the voter's colour.
    pub dots: Vec<Color32>,
    /// The note's total, shown only after the facilitator reveals it.
    pub total: Option<u32>,
}

/// Board rectangle of a tool card.
pub fn tool_rect_in_board(tool: &Tool) -> Rect {
    Rect::from_min_size(pos2(tool.pos.x, tool.pos.y), TOOL_CARD_SIZE.into())
}

/// Board rectangle of a task note on the board, if it is on it.
pub fn task_rect_in_board(task: &Task) -> Option<Rect> {
    task.board_pos
        .map(|p| Rect::from_min_size(pos2(p.x, p.y), TASK_NOTE_SIZE.into()))
}

/// Bounding box of everything on the board, board units.
pub fn content_rect_in_board(session: &Session) -> Option<Rect> {
    let tools = session.tools.iter().map(tool_rect_in_board);
    let tasks = session.tasks.iter().filter_map(task_rect_in_board);
    tools
        .chain(tasks)
        .filter(|r| r.is_finite())
        .reduce(|a, b| a.union(b))
}

impl CanvasState {
    /// Frame everything on the board at the next frame ("fit all", F).
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Show the board through `view` from now on, as if the user had
    /// panned and zoomed there (the view no longer follows window
    /// resizes). Used to drive the view from benchmarks.
    pub fn set_view(&mut self, view: View) {
        self.view = view;
        self.view_touched = true;
        self.fit_pending = false;
    }

    /// Where a note is on screen (as of the last frame), if drawn.
    pub fn screen_rect_of(&self, session: &Session, note: NoteRef) -> Option<Rect> {
        let canvas = self.last_rect?;
        let key = geometry_key(session);
        let rect = match self.layout.as_ref().filter(|l| l.key == Some(key)) {
            Some(layout) => layout.rect_of(note)?,
            None => Layout::of(session, None).rect_of(note)?,
        };
        Some(self.view.screen_rect(canvas, rect))
    }

    /// The single selected note, if exactly one note and no flow is selected.
    pub fn single_selected(&self) -> Option<NoteRef> {
        match (self.selection.notes.len(), self.selection.flow) {
            (1, None) => self.selection.notes.iter().next().copied(),
            _ => None,
        }
    }

    /// Select just this note (e.g. after creating it from a panel).
    pub fn select(&mut self, note: NoteRef) {
        self.selection = Selection::only(note);
    }

    /// Where a tool's connector handle is on screen (as of the last frame).
    pub fn handle_pos_of(&self, session: &Session, tool: Id) -> Option<Pos2> {
        self.screen_rect_of(session, NoteRef::Tool(tool))
            .map(|r| r.right_center())
    }

    /// The canvas rectangle of the last frame, screen points.
    pub fn canvas_rect(&self) -> Option<Rect> {
        self.last_rect
    }

    /// A free-ish board position in the middle of the view for a note added
    /// from the toolbar (staggered so repeated adds don't stack exactly).
    pub fn spot_for_new_note(&mut self, size: [f32; 2]) -> BoardPos {
        let canvas = self
            .last_rect
            .unwrap_or(Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0)));
        let centre = self.view.board_from_screen(canvas, canvas.center());
        let step = (self.added_from_toolbar % 8) as f32 * 24.0;
        self.added_from_toolbar = self.added_from_toolbar.wrapping_add(1);
        BoardPos::new(
            centre.x - size[0] / 2.0 + step,
            centre.y - size[1] / 2.0 + step,
        )
    }

    /// Start renaming a tool or task right away (after creating it).
    pub fn start_rename(&mut self, note: NoteRef, current: &str) {
        let target = TextTarget::of(note);
        self.editing = Some(InlineEdit {
            target,
            text: current.to_owned(),
            fresh: true,
        });
        self.selection = Selection::only(note);
    }

    /// Tab or Shift+Tab (`backwards`) was pressed while no widget had
    /// keyboard focus: select the next or previous note in reading order
    /// when the board is drawn. The caller keeps egui from moving widget
    /// focus (it must consume the key before any widget is drawn).
    pub fn queue_tab(&mut self, backwards: bool) {
        self.pending_tab = Some(backwards);
    }

    /// Whether a gesture (drag) is under way on the board.
    pub fn is_busy(&self) -> bool {
        self.gesture.is_some()
    }

    /// Show the board; every change the user makes is pushed to `out`.
    /// `stats` are the session's figures (hours per tool and flow for the
    /// badges), computed once per change by the caller; `highlight`
    /// dims every note not authored by that participant.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        stats: &Stats,
        highlight: Option<Id>,
        out: &mut Vec<Edit>,
    ) {
        let (canvas, response) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Tool map"));
        let resized = self.last_rect.is_none_or(|r| r.size() != canvas.size());
        if self.fit_pending || (resized && !self.view_touched) {
            self.view = View::fitting(canvas, content_rect_in_board(session));
            if self.view.zoom < self.min_fit_zoom {
                let factor = self.min_fit_zoom / self.view.zoom;
                self.view.zoom_around(canvas, canvas.center(), factor);
            }
            self.fit_pending = false;
        }
        self.last_rect = Some(canvas);
        self.clicked_note = None;

        let touching = self.touch(ui, canvas, &response);
        if !touching {
            self.zoom_and_scroll(ui, canvas, &response);
        }
        let layout = self.layout_for(session);
        self.forget_missing(session, &layout);
        if !touching {
            self.gestures(ui, canvas, &response, session, &layout, out);
        }
        self.clicks(ui, canvas, &response, session, &layout, out);
        self.keys(ui, session, &layout, out);

        let painter = ui.painter_at(canvas);
        self.paint(&painter, canvas, session, &layout, &stats.pain, highlight);
        self.paint_marks(&painter, canvas, &layout);
        if self.minimap {
            self.minimap_ui(ui, canvas, session, &layout);
        } else {
            self.minimap_rect = None;
        }
        self.inline_edit_ui(ui, canvas, session, &layout, out);
        self.context_menu(&response, session, out);
        self.hover_cursor(ui, canvas, &response, &layout);
    }

    /// This frame's board layout: the cached one while the session's
    /// geometry is unchanged and nothing is being dragged, else a new one.
    fn layout_for(&mut self, session: &Session) -> Arc<Layout> {
        if let Some(moving) = self.moving_offset() {
            // Dragged notes move every frame: not worth caching.
            return Arc::new(Layout::of(session, Some(moving)));
        }
        let key = geometry_key(session);
        if let Some(layout) = self.layout.as_ref().filter(|l| l.key == Some(key)) {
            return Arc::clone(layout);
        }
        let mut layout = Layout::of(session, None);
        layout.key = Some(key);
        let layout = Arc::new(layout);
        self.layout = Some(Arc::clone(&layout));
        layout
    }

    /// Drop selection and edits of things that no longer exist (after
    /// undo, or a deletion). `layout` holds every note on the board.
    fn forget_missing(&mut self, session: &Session, layout: &Layout) {
        // A task note is in the layout only while it is on the board.
        self.selection
            .notes
            .retain(|n| layout.index.contains_key(n));
        if self
            .selection
            .flow
            .is_some_and(|id| session.flow(id).is_none())
        {
            self.selection.flow = None;
        }
    }

    fn moving_offset(&self) -> Option<(HashSet<NoteRef>, Vec2)> {
        match &self.gesture {
            Some(Gesture::Move { moving, delta }) => {
                Some((moving.iter().copied().collect(), *delta))
            }
            _ => None,
        }
    }

    /// Two-finger pinch and pan (touch screens, smart boards): zoom around
    /// the fingers' centre and follow their movement. True while two or
    /// more fingers are down; the one-finger gestures then pause.
    fn touch(&mut self, ui: &Ui, canvas: Rect, response: &Response) -> bool {
        let Some(touch) = ui.input(|i| i.multi_touch()) else {
            return false;
        };
        if !canvas.contains(touch.center_pos) && !response.contains_pointer() {
            return false;
        }
        if matches!(self.gesture, Some(Gesture::Pan)) {
            self.gesture = None;
        }
        self.view.pan += touch.translation_delta;
        self.view
            .zoom_around(canvas, touch.center_pos, touch.zoom_delta);
        self.view_touched = true;
        true
    }

    fn zoom_and_scroll(&mut self, ui: &Ui, canvas: Rect, response: &Response) {
        if self.view.follow_wheel(ui, canvas, response) {
            self.view_touched = true;
        }
    }

    fn gestures(
        &mut self,
        ui: &Ui,
        canvas: Rect,
        response: &Response,
        session: &Session,
        layout: &Layout,
        out: &mut Vec<Edit>,
    ) {
        let (origin, pointer, shift, space, middle) = ui.input(|i| {
            (
                i.pointer.press_origin(),
                i.pointer.interact_pos(),
                i.modifiers.shift,
                i.key_down(Key::Space),
                i.pointer.middle_down(),
            )
        });
        if response.drag_started() {
            let hit = origin.and_then(|o| layout.hit(&self.view, canvas, o));
            self.gesture = Some(match hit {
                _ if middle || space => Gesture::Pan,
                Some(Hit::Handle(from)) => Gesture::Connect {
                    from,
                    to_in_screen: origin.unwrap_or(canvas.center()),
                },
                Some(Hit::Note(note)) => {
                    if !self.selection.notes.contains(&note) {
                        if shift {
                            self.selection.notes.insert(note);
                        } else {
                            self.selection = Selection::only(note);
                        }
                    }
                    if let NoteRef::Task(id) = note {
                        egui::DragAndDrop::set_payload(
                            ui.ctx(),
                            TaskDrag {
                                id,
                                grab: Vec2::ZERO,
                            },
                        );
                    }
                    let mut moving: Vec<NoteRef> = self.selection.notes.iter().copied().collect();
                    moving.sort_by_key(note_order);
                    Gesture::Move {
                        moving,
                        delta: Vec2::ZERO,
                    }
                }
                _ if shift => {
                    let start = self
                        .view
                        .board_from_screen(canvas, origin.unwrap_or(canvas.center()));
                    Gesture::RubberBand {
                        start_in_board: start,
                        end_in_board: start,
                        additive: true,
                    }
                }
                _ => Gesture::Pan,
            });
        }

        if response.dragged() {
            let drag = response.drag_delta();
            match &mut self.gesture {
                Some(Gesture::Pan) => {
                    self.view.pan += drag;
                    self.view_touched = true;
                }
                Some(Gesture::Move { delta, .. }) => *delta += drag / self.view.zoom,
                Some(Gesture::Connect { to_in_screen, .. }) => {
                    if let Some(p) = pointer {
                        *to_in_screen = p;
                    }
                }
                Some(Gesture::RubberBand { end_in_board, .. }) => {
                    if let Some(p) = pointer {
                        *end_in_board = self.view.board_from_screen(canvas, p);
                    }
                }
                None => {}
            }
        }

        if response.drag_stopped() {
            let released_at = pointer.or(ui.input(|i| i.pointer.latest_pos()));
            match self.gesture.take() {
                Some(Gesture::Move { moving, delta }) => {
                    let inside = released_at.is_some_and(|p| canvas.contains(p));
                    if let ([NoteRef::Pain(id)], Some(at), true) =
                        (moving.as_slice(), released_at, inside)
                        && delta != Vec2::ZERO
                    {
                        out.extend(self.drop_pain(session, layout, canvas, *id, at, delta));
                    } else if inside && delta != Vec2::ZERO {
                        out.push(Edit::MoveNotes {
                            moves: moves_by(session, &moving, delta),
                        });
                    }
                }
                Some(Gesture::Connect { from, .. }) => {
                    let target = released_at.and_then(|p| layout.hit(&self.view, canvas, p));
                    if let Some(Hit::Note(NoteRef::Tool(to)) | Hit::Handle(to)) = target
                        && to != from
                    {
                        let id = session.peek_id(0);
                        out.push(Edit::InsertFlow {
                            index: session.flows.len(),
                            flow: Flow {
                                id,
                                from,
                                to,
                                label: String::new(),
                                kind: FlowKind::Designed,
                                share: None,
                            },
                        });
                        self.selection = Selection {
                            notes: HashSet::new(),
                            flow: Some(id),
                        };
                        self.editing = Some(InlineEdit {
                            target: TextTarget::FlowLabel(id),
                            text: String::new(),
                            fresh: true,
                        });
                    }
                }
                Some(Gesture::RubberBand {
                    start_in_board,
                    end_in_board,
                    additive,
                }) => {
                    let band = Rect::from_two_pos(start_in_board, end_in_board);
                    if !additive {
                        self.selection = Selection::default();
                    }
                    self.selection.flow = None;
                    self.selection
                        .notes
                        .extend(layout.notes_in(band).map(|(note, _)| note));
                }
                Some(Gesture::Pan) | None => {}
            }
        }
    }

    fn clicks(
        &mut self,
        ui: &Ui,
        canvas: Rect,
        response: &Response,
        session: &Session,
        layout: &Layout,
        out: &mut Vec<Edit>,
    ) {
        let shift = ui.input(|i| i.modifiers.shift);
        let at = response.interact_pointer_pos();
        let hit = at.and_then(|p| layout.hit(&self.view, canvas, p));

        if response.double_clicked() {
            match hit {
                Some(Hit::Note(note)) => {
                    let name = note_name(session, note).unwrap_or_default();
                    self.start_rename(note, &name);
                }
                Some(Hit::Flow(id)) => self.start_label_edit(session, id),
                Some(Hit::Handle(_)) => {}
                None => {
                    if let Some(p) = at {
                        let centre = self.view.board_from_screen(canvas, p);
                        let pos = centred_at(centre, TOOL_CARD_SIZE);
                        let (edit, note) = new_tool_at(session, pos, self.author);
                        out.push(edit);
                        self.start_rename(note, NEW_TOOL_NAME);
                    }
                }
            }
        } else if response.clicked() {
            match hit.map(Hit::handle_as_note) {
                Some(Hit::Note(note)) => {
                    self.clicked_note = Some(note);
                    if shift {
                        if !self.selection.notes.remove(&note) {
                            self.selection.notes.insert(note);
                        }
                        self.selection.flow = None;
                    } else {
                        self.selection = Selection::only(note);
                    }
                }
                Some(Hit::Flow(id)) => {
                    self.selection = Selection {
                        notes: HashSet::new(),
                        flow: Some(id),
                    };
                }
                Some(Hit::Handle(_)) => {}
                None => {
                    if !shift {
                        self.selection = Selection::default();
                    }
                }
            }
        }
        if response.secondary_clicked() {
            if let Some(Hit::Flow(id)) = hit {
                self.selection = Selection {
                    notes: HashSet::new(),
                    flow: Some(id),
                };
            }
            if let Some(Hit::Note(note)) = hit
                && !self.selection.notes.contains(&note)
            {
                self.selection = Selection::only(note);
            }
            self.context_target = Some(hit.map(Hit::handle_as_note));
            self.context_pos_in_board = at.map(|p| self.view.board_from_screen(canvas, p));
        }
    }

    fn keys(&mut self, ui: &Ui, session: &Session, layout: &Layout, out: &mut Vec<Edit>) {
        if ui.ctx().egui_wants_keyboard_input() || self.editing.is_some() {
            return;
        }
        self.keyboard_navigation(ui, session, layout, out);
        let (delete, fit, escape) = ui.input(|i| {
            (
                i.key_pressed(Key::Delete) || i.key_pressed(Key::Backspace),
                i.key_pressed(Key::F) && i.modifiers.is_none(),
                i.key_pressed(Key::Escape),
            )
        });
        if delete && let Some(edit) = self.delete_selection(session) {
            out.push(edit);
        }
        if fit {
            self.request_fit();
        }
        if escape {
            if self.gesture.is_some() {
                self.gesture = None;
            } else {
                self.selection = Selection::default();
            }
        }
    }

    /// Tab / Shift+Tab: next / previous note in reading order (top to
    /// bottom, then left to right), shown in view; arrows: nudge the
    /// selected notes by [`NUDGE`] (×5 with Shift); Enter: edit the
    /// selected note's text. Only while no widget has keyboard focus.
    fn keyboard_navigation(
        &mut self,
        ui: &Ui,
        session: &Session,
        layout: &Layout,
        out: &mut Vec<Edit>,
    ) {
        let pending = self.pending_tab.take();
        let (tab, back_tab) = (pending == Some(false), pending == Some(true));
        let (enter, arrows) = ui.ctx().input_mut(|i| {
            let enter = i.consume_key(Modifiers::NONE, Key::Enter);
            let step = if i.modifiers.shift {
                NUDGE * 5.0
            } else {
                NUDGE
            };
            let mut arrows = Vec2::ZERO;
            for (key, dir) in [
                (Key::ArrowLeft, vec2(-1.0, 0.0)),
                (Key::ArrowRight, vec2(1.0, 0.0)),
                (Key::ArrowUp, vec2(0.0, -1.0)),
                (Key::ArrowDown, vec2(0.0, 1.0)),
            ] {
                let pressed = i.events.iter().any(|e| {
                    matches!(e, egui::Event::Key { key: k, pressed: true, modifiers, .. }
                        if *k == key && (modifiers.is_none() || modifiers.shift_only()))
                });
                if pressed {
                    arrows += dir * step;
                }
            }
            (enter, arrows)
        });
        if arrows != Vec2::ZERO {
            // Keep egui from handing keyboard focus to the first widget.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        if tab || back_tab {
            let mut notes: Vec<(NoteRef, Rect)> =
                layout.order.iter().map(|p| (p.note, p.rect)).collect();
            notes.sort_by(|a, b| {
                (a.1.min.y, a.1.min.x)
                    .partial_cmp(&(b.1.min.y, b.1.min.x))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let current = self
                .single_selected()
                .and_then(|n| notes.iter().position(|(m, _)| *m == n));
            let count = notes.len();
            let next = match (current, back_tab) {
                _ if count == 0 => None,
                (None, false) => Some(0),
                (None, true) => Some(count - 1),
                (Some(i), false) => Some((i + 1) % count),
                (Some(i), true) => Some((i + count - 1) % count),
            };
            if let Some((note, rect)) = next.and_then(|i| notes.get(i)).copied() {
                self.selection = Selection::only(note);
                self.reveal(rect);
            }
        }
        if arrows != Vec2::ZERO && !self.selection.notes.is_empty() {
            let mut moving: Vec<NoteRef> = self.selection.notes.iter().copied().collect();
            moving.sort_by_key(note_order);
            let moves = moves_by(session, &moving, arrows);
            if !moves.is_empty() {
                out.push(Edit::MoveNotes { moves });
            }
        }
        if enter && let Some(note) = self.single_selected() {
            let text = match note {
                NoteRef::Pain(id) => session.pain_point(id).map(|p| p.text.clone()),
                _ => note_name(session, note),
            };
            self.start_rename(note, &text.unwrap_or_default());
        } else if enter && let Some(id) = self.selection.flow {
            self.start_label_edit(session, id);
        }
    }

    /// Pan so that a board rectangle is in view (with a margin), if it is
    /// not already.
    fn reveal(&mut self, rect_in_board: Rect) {
        let Some(canvas) = self.last_rect else { return };
        let on_screen = self.view.screen_rect(canvas, rect_in_board);
        let inner = canvas.shrink(40.0);
        if inner.contains_rect(on_screen) {
            return;
        }
        let centre = self.view.screen_from_board(canvas, rect_in_board.center());
        self.view.pan += canvas.center() - centre;
        self.view_touched = true;
    }

    /// The edit that deletes everything selected (one undo step), if any.
    pub fn delete_selection(&mut self, session: &Session) -> Option<Edit> {
        // Pain points first, then the flow, then tasks and tools: removing
        // a tool also removes its flows and their pain points, which must
        // not be removed twice.
        let mut notes: Vec<NoteRef> = self.selection.notes.drain().collect();
        notes.sort_by_key(note_order);
        let tools: Vec<Id> = notes
            .iter()
            .filter_map(|n| match n {
                NoteRef::Tool(id) => Some(*id),
                _ => None,
            })
            .collect();
        let flow = self.selection.flow.take().and_then(|id| session.flow(id));
        let flow_goes_with_tool =
            flow.is_some_and(|f| tools.contains(&f.from) || tools.contains(&f.to));
        let mut edits: Vec<Edit> = notes
            .iter()
            .filter_map(|n| match *n {
                NoteRef::Pain(id) => Some(Edit::Remove { id }),
                _ => None,
            })
            .collect();
        if let Some(flow) = flow
            && !flow_goes_with_tool
        {
            edits.push(Edit::RemoveFlow { id: flow.id });
        }
        for note in notes {
            match note {
                NoteRef::Tool(id) => edits.push(Edit::RemoveTool { id }),
                NoteRef::Task(id) => edits.push(Edit::RemoveTask { id }),
                NoteRef::Pain(_) => {}
            }
        }
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    fn start_label_edit(&mut self, session: &Session, id: Id) {
        let text = session
            .flow(id)
            .map(|f| f.label.clone())
            .unwrap_or_default();
        self.selection = Selection {
            notes: HashSet::new(),
            flow: Some(id),
        };
        self.editing = Some(InlineEdit {
            target: TextTarget::FlowLabel(id),
            text,
            fresh: true,
        });
    }

    fn paint(
        &mut self,
        painter: &egui::Painter,
        canvas: Rect,
        session: &Session,
        layout: &Layout,
        pain: &PainStats,
        highlight: Option<Id>,
    ) {
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
    fn paint_marks(&self, painter: &egui::Painter, canvas: Rect, layout: &Layout) {
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

    /// The minimap: the whole board and the part in view, in the canvas's
    /// bottom-right corner. Clicking or dragging in it centres the view
    /// there.
    fn minimap_ui(&mut self, ui: &Ui, canvas: Rect, session: &Session, layout: &Layout) {
        // At most a quarter of the board's width and height.
        let full: Vec2 = MINIMAP_SIZE.into();
        let shrink = (canvas.width() * 0.25 / full.x)
            .min(canvas.height() * 0.25 / full.y)
            .min(1.0);
        let size = full * shrink;
        if size.x < full.x * 0.5 {
            self.minimap_rect = None;
            return;
        }
        let rect = Rect::from_min_size(canvas.max - size - Vec2::splat(MINIMAP_MARGIN), size);
        self.minimap_rect = Some(rect);
        let visible = Rect::from_min_max(
            self.view.board_from_screen(canvas, canvas.min),
            self.view.board_from_screen(canvas, canvas.max),
        );
        let world = content_rect_in_board(session)
            .map_or(visible, |c| c.union(visible))
            .expand(40.0);
        let inner = rect.shrink(6.0);
        let scale = (inner.width() / world.width()).min(inner.height() / world.height());
        if !(scale.is_finite() && scale > 0.0) {
            return;
        }
        let offset = inner.center() - world.center().to_vec2() * scale;
        let to_mini = |p: Pos2| offset + p.to_vec2() * scale;
        let mini_rect = |r: Rect| Rect::from_min_max(to_mini(r.min), to_mini(r.max));

        let response = ui.interact(rect, ui.scope_id().with("minimap"), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Minimap"));
        if let Some(p) = response.interact_pointer_pos()
            && (response.clicked() || response.dragged())
        {
            let target = (p - offset) / scale;
            self.view.pan = canvas.size() / 2.0 - target * self.view.zoom;
            self.view_touched = true;
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }

        let painter = ui.painter_at(rect);
        painter.rect(
            rect,
            CornerRadius::same(6),
            theme::FIELD_FILL,
            Stroke::new(2.0, theme::INK_SOFT),
            StrokeKind::Inside,
        );
        let mut mesh = Mesh::default();
        for placed in &layout.order {
            let (fill, stroke) = match placed.note {
                NoteRef::Tool(_) => (theme::TOOL_STROKE, theme::TOOL_STROKE),
                NoteRef::Task(_) => (theme::TASK_FILL, theme::TASK_STROKE),
                NoteRef::Pain(_) => (theme::ORCHESTRA_PAIN_FILL, theme::PAIN_STROKE),
            };
            let r = mini_rect(placed.rect);
            let r = Rect::from_center_size(r.center(), r.size().max(vec2(3.0, 3.0)));
            push_block(&mut mesh, r, fill, stroke);
        }
        painter.add(Shape::mesh(mesh));
        painter.rect_stroke(
            mini_rect(visible).intersect(rect.shrink(2.0)),
            CornerRadius::ZERO,
            Stroke::new(2.5, theme::SELECTION),
            StrokeKind::Middle,
        );
    }

    /// Where the minimap was drawn on the last frame (screen points), if it
    /// was.
    pub fn minimap_rect(&self) -> Option<Rect> {
        self.minimap_rect
    }

    /// The background dots, every [`theme::BOARD_DOT_SPACING`] board
    /// units, as one mesh of pixel-aligned squares (no anti-aliasing, one
    /// quad a dot); left out below [`theme::MIN_DOT_STEP`].
    fn paint_dots(&self, painter: &egui::Painter, canvas: Rect) {
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

    fn inline_edit_ui(
        &mut self,
        ui: &mut Ui,
        canvas: Rect,
        session: &Session,
        layout: &Layout,
        out: &mut Vec<Edit>,
    ) {
        let Some(editing) = &mut self.editing else {
            return;
        };
        let rect_in_board = match editing.target {
            TextTarget::Tool(id) => layout.tool_rect(id),
            TextTarget::Task(id) => session.task(id).and_then(task_rect_in_board),
            TextTarget::Pain(id) => layout.rect_of(NoteRef::Pain(id)),
            TextTarget::FlowLabel(id) => session.flow(id).and_then(|f| {
                let a = layout.tool_rect(f.from)?;
                let b = layout.tool_rect(f.to)?;
                let mid = a.center().lerp(b.center(), 0.5);
                Some(Rect::from_center_size(mid, vec2(220.0, 44.0)))
            }),
        };
        // A new note appears one frame after its creation edit is applied.
        let Some(rect_in_board) = rect_in_board else {
            if editing.fresh {
                return;
            }
            self.editing = None;
            return;
        };
        let rect = self.view.screen_rect(canvas, rect_in_board).shrink(6.0);
        let rect = Rect::from_center_size(rect.center(), vec2(rect.width().max(160.0), 40.0));
        let id = ui.scope_id().with("inline_edit");
        let output = egui::TextEdit::singleline(&mut editing.text)
            .id(id)
            .font(FontId::proportional(20.0))
            .align(egui::Align2::CENTER_CENTER)
            .hint_text(match editing.target {
                TextTarget::FlowLabel(_) => "what passes?",
                _ => "name",
            })
            .show(&mut ui.new_child(egui::UiBuilder::new().max_rect(rect)));
        if editing.fresh {
            output.response.request_focus();
            let mut state = output.state;
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(editing.text.chars().count()),
            );
            state.cursor.set_char_range(Some(all));
            state.store(ui.ctx(), id);
            editing.fresh = false;
            return;
        }
        if output.response.lost_focus() {
            let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
            if !cancelled {
                let text = editing.text.trim().to_owned();
                out.extend(match editing.target {
                    TextTarget::Tool(id) if session.tool(id).is_some_and(|t| t.name != text) => {
                        Some(Edit::RenameTool { id, name: text })
                    }
                    TextTarget::Task(id) if session.task(id).is_some_and(|t| t.name != text) => {
                        Some(Edit::RenameTask { id, name: text })
                    }
                    TextTarget::FlowLabel(id)
                        if session.flow(id).is_some_and(|f| f.label != text) =>
                    {
                        Some(Edit::SetFlowLabel { id, label: text })
                    }
                    TextTarget::Pain(id) => session
                        .pain_point(id)
                        .filter(|p| p.text != text)
                        .map(|p| Edit::Update(Item::PainPoint(PainPoint { text, ..p.clone() }))),
                    _ => None,
                });
            }
            self.editing = None;
        }
    }

    fn context_menu(&mut self, response: &Response, session: &Session, out: &mut Vec<Edit>) {
        let target = self.context_target.flatten();
        response.context_menu(|ui| {
            ui.set_min_width(220.0);
            match target {
                Some(Hit::Flow(id)) => {
                    if let Some(flow) = session.flow(id) {
                        self.flow_menu_ui(ui, session, flow, out);
                    }
                }
                Some(Hit::Note(note)) => {
                    let what = match note {
                        NoteRef::Tool(_) => "tool",
                        NoteRef::Task(_) => "task note",
                        NoteRef::Pain(_) => "pain point",
                    };
                    if let NoteRef::Tool(id) = note
                        && ui.button("Add a pain point to this tool").clicked()
                    {
                        self.add_pain(session, Attachment::Tool(id), BoardPos::default(), out);
                        ui.close();
                    }
                    if let NoteRef::Pain(id) = note
                        && let Some(pain) = session.pain_point(id)
                    {
                        pain_menu_ui(ui, pain, out);
                    }
                    if ui.button(format!("Edit {what} text")).clicked() {
                        let name = note_name(session, note).unwrap_or_default();
                        self.start_rename(note, &name);
                        ui.close();
                    }
                    if let NoteRef::Task(id) = note
                        && ui.button("Take off the board (keep the task)").clicked()
                    {
                        out.push(Edit::SetTaskBoardPos { id, pos: None });
                        ui.close();
                    }
                    if ui.button(format!("Delete {what}  (Del)")).clicked() {
                        if !self.selection.notes.contains(&note) {
                            self.selection = Selection::only(note);
                        }
                        out.extend(self.delete_selection(session));
                        ui.close();
                    }
                }
                Some(Hit::Handle(_)) | None => {
                    let at = self.context_pos_in_board.unwrap_or_default();
                    if ui.button("New tool here").clicked() {
                        let pos = centred_at(at, TOOL_CARD_SIZE);
                        let (edit, note) = new_tool_at(session, pos, self.author);
                        out.push(edit);
                        self.start_rename(note, NEW_TOOL_NAME);
                        ui.close();
                    }
                    if ui.button("New task note here").clicked() {
                        let pos = centred_at(at, TASK_NOTE_SIZE);
                        let (edit, note) = new_task_note_at(session, pos, self.author);
                        out.push(edit);
                        self.start_rename(note, NEW_TASK_NAME);
                        ui.close();
                    }
                    if ui.button("New pain point here").clicked() {
                        let pos = centred_at(at, PAIN_NOTE_SIZE);
                        self.add_pain(session, Attachment::Free, pos, out);
                        ui.close();
                    }
                }
            }
        });
    }

    /// A pain note dropped at `at`: onto a tool card or a flow it attaches
    /// there; onto empty board it stands free where it was dropped.
    fn drop_pain(
        &self,
        session: &Session,
        layout: &Layout,
        canvas: Rect,
        id: Id,
        at: Pos2,
        delta: Vec2,
    ) -> Option<Edit> {
        let pain = session.pain_point(id)?;
        let at_in_board = self.view.board_from_screen(canvas, at);
        let onto_tool = layout
            .order
            .iter()
            .rev()
            .find_map(|placed| match placed.note {
                NoteRef::Tool(tool) if placed.rect.contains(at_in_board) => {
                    Some(Attachment::Tool(tool))
                }
                _ => None,
            });
        let onto_flow = || {
            layout.flows.iter().find_map(|flow| {
                let (a, b) = layout.flow_rects(flow)?;
                let a = self.view.screen_rect(canvas, a);
                let b = self.view.screen_rect(canvas, b);
                let (start, end) = flow_endpoints(a, b, self.view.zoom)?;
                (distance_to_segment(at, start, end) <= FLOW_HIT_DISTANCE * 2.0)
                    .then_some(Attachment::Flow(flow.id))
            })
        };
        let attached = onto_tool.or_else(onto_flow).unwrap_or(Attachment::Free);
        let pos = match (attached, pain.attached) {
            // Attached after the drop: its own position is not used.
            (Attachment::Tool(_) | Attachment::Flow(_), _) => pain.pos,
            // Free before and after: moved by the drag.
            (Attachment::Free, Attachment::Free) => {
                BoardPos::new(pain.pos.x + delta.x, pain.pos.y + delta.y)
            }
            // Detached by the drop: it stays where it was drawn.
            (Attachment::Free, _) => layout
                .rect_of(NoteRef::Pain(id))
                .map_or(pain.pos, |r| BoardPos::new(r.min.x, r.min.y)),
        };
        (attached != pain.attached || pos != pain.pos).then(|| {
            Edit::Update(Item::PainPoint(PainPoint {
                attached,
                pos,
                ..pain.clone()
            }))
        })
    }

    /// Add a pain point (free at `pos`, or attached), select it and start
    /// typing its text.
    pub fn add_pain(
        &mut self,
        session: &Session,
        attached: Attachment,
        pos: BoardPos,
        out: &mut Vec<Edit>,
    ) {
        let id = session.peek_id(0);
        out.push(Edit::Insert {
            index: session.pain_points.len(),
            item: Item::PainPoint(PainPoint {
                id,
                text: NEW_PAIN_TEXT.to_owned(),
                category: PainCategory::Orchestra,
                hours_per_week: None,
                attached,
                pos,
                author: self.author,
                reassess: false,
            }),
        });
        self.start_rename(NoteRef::Pain(id), NEW_PAIN_TEXT);
    }

    fn flow_menu_ui(&mut self, ui: &mut Ui, session: &Session, flow: &Flow, out: &mut Vec<Edit>) {
        let from = session.tool(flow.from).map_or("?", |t| t.name.as_str());
        let to = session.tool(flow.to).map_or("?", |t| t.name.as_str());
        ui.strong(format!("{from} → {to}"));
        ui.horizontal(|ui| {
            for kind in [FlowKind::Designed, FlowKind::Shadow] {
                let label = match kind {
                    FlowKind::Designed => "Designed",
                    FlowKind::Shadow => "⚠ Shadow",
                };
                if ui.selectable_label(flow.kind == kind, label).clicked() && flow.kind != kind {
                    out.push(Edit::SetFlowKind { id: flow.id, kind });
                }
            }
        });
        if flow.kind == FlowKind::Shadow {
            let mut known = flow.share.is_some();
            let mut share = flow.share.unwrap_or(0);
            ui.horizontal(|ui| {
                if ui.checkbox(&mut known, "Share of traffic").changed() {
                    out.push(Edit::SetFlowShare {
                        id: flow.id,
                        share: known.then_some(share),
                    });
                }
                if known
                    && ui
                        .add(egui::Slider::new(&mut share, 0..=100).suffix(" %"))
                        .changed()
                {
                    out.push(Edit::SetFlowShare {
                        id: flow.id,
                        share: Some(share),
                    });
                }
            });
        }
        if ui.button("Add a pain point to this flow").clicked() {
            self.add_pain(session, Attachment::Flow(flow.id), BoardPos::default(), out);
            ui.close();
        }
        if ui.button("Edit label (what passes)").clicked() {
            self.start_label_edit(session, flow.id);
            ui.close();
        }
        if ui.button("Delete flow  (Del)").clicked() {
            out.push(Edit::RemoveFlow { id: flow.id });
            ui.close();
        }
    }

    fn hover_cursor(&self, ui: &Ui, canvas: Rect, response: &Response, layout: &Layout) {
        let icon = match &self.gesture {
            Some(Gesture::Pan) => Some(CursorIcon::Grabbing),
            Some(Gesture::Move { .. }) => Some(CursorIcon::Grabbing),
            Some(Gesture::Connect { .. }) => Some(CursorIcon::Crosshair),
            Some(Gesture::RubberBand { .. }) => Some(CursorIcon::Crosshair),
            None => response
                .hover_pos()
                .map(|p| match layout.hit(&self.view, canvas, p) {
                    Some(Hit::Handle(_)) => CursorIcon::Crosshair,
                    Some(Hit::Note(_)) => CursorIcon::Grab,
                    Some(Hit::Flow(_)) => CursorIcon::PointingHand,
                    None => CursorIcon::Default,
                }),
        };
        if let Some(icon) = icon {
            ui.ctx().set_cursor_icon(icon);
        }
        // While a task note is dragged out of the board, draw it under the
        // pointer so it can be dropped on the typology grid.
        if let (Some(Gesture::Move { moving, .. }), Some(p)) =
            (&self.gesture, ui.input(|i| i.pointer.hover_pos()))
            && !canvas.contains(p)
            && let Some(NoteRef::Task(_)) = moving.first()
        {
            let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("ghost"));
            let painter = ui.ctx().layer_painter(layer);
            let rect = Rect::from_center_size(p, theme::GRID_NOTE_SIZE.into());
            painter.rect(
                rect,
                CornerRadius::same(4),
                theme::TASK_FILL,
                theme::note_stroke(theme::TASK_STROKE),
                StrokeKind::Inside,
            );
        }
    }
}

/// Size of a free-standing pain note, board units.
pub const PAIN_NOTE_SIZE: [f32; 2] = [170.0, 90.0];
/// Size of a pain note attached to a tool or flow, board units.
pub const ATTACHED_PAIN_SIZE: [f32; 2] = [170.0, 62.0];

/// The top-left corner that centres a note of `size` (board units) on `at`.
fn centred_at(at: Pos2, size: [f32; 2]) -> BoardPos {
    BoardPos::new(at.x - size[0] / 2.0, at.y - size[1] / 2.0)
}

/// Text of a new pain point until it is typed.
pub const NEW_PAIN_TEXT: &str = "What hurts?";

/// Category switch and detach for a pain point's context menu.
fn pain_menu_ui(ui: &mut Ui, pain: &PainPoint, out: &mut Vec<Edit>) {
    ui.horizontal(|ui| {
        for category in PainCategory::ALL {
            let label = format!("{} {}", category.marker(), category.title());
            if ui
                .selectable_label(pain.category == category, label)
                .clicked()
                && pain.category != category
            {
                out.push(Edit::Update(Item::PainPoint(PainPoint {
                    category,
                    ..pain.clone()
                })));
            }
        }
    });
    if pain.attached != Attachment::Free && ui.button("Detach (free-standing)").clicked() {
        out.push(Edit::Update(Item::PainPoint(PainPoint {
            attached: Attachment::Free,
            ..pain.clone()
        })));
        ui.close();
    }
}

/// Name of a new tool until it is renamed.
pub const NEW_TOOL_NAME: &str = "New tool";
/// Name of a new task until it is renamed.
pub const NEW_TASK_NAME: &str = "New task";

/// The edit that adds a tool card at `pos` and the note it creates.
pub fn new_tool_at(session: &Session, pos: BoardPos, author: Option<Id>) -> (Edit, NoteRef) {
    let id = session.peek_id(0);
    let edit = Edit::InsertTool {
        index: session.tools.len(),
        tool: Tool {
            id,
            name: NEW_TOOL_NAME.to_owned(),
            pos,
            author,
        },
    };
    (edit, NoteRef::Tool(id))
}

/// The edit that adds a task note on the board at `pos`.
pub fn new_task_note_at(session: &Session, pos: BoardPos, author: Option<Id>) -> (Edit, NoteRef) {
    let id = session.peek_id(0);
    let edit = Edit::InsertTask {
        index: session.tasks.len(),
        task: Task {
            id,
            name: NEW_TASK_NAME.to_owned(),
            board_pos: Some(pos),
            grid: None,
            author,
            ..Task::default()
        },
    };
    (edit, NoteRef::Task(id))
}

fn note_name(session: &Session, note: NoteRef) -> Option<String> {
    match note {
        NoteRef::Tool(id) => session.tool(id).map(|t| t.name.clone()),
        NoteRef::Task(id) => session.task(id).map(|t| t.name.clone()),
        NoteRef::Pain(id) => session.pain_point(id).map(|p| p.text.clone()),
    }
}

fn note_order(note: &NoteRef) -> (u8, Id) {
    match *note {
        NoteRef::Pain(id) => (0, id),
        NoteRef::Task(id) => (1, id),
        NoteRef::Tool(id) => (2, id),
    }
}

fn moves_by(session: &Session, notes: &[NoteRef], delta: Vec2) -> Vec<(NoteRef, BoardPos)> {
    notes
        .iter()
        .filter_map(|&note| {
            let pos = match note {
                NoteRef::Tool(id) => session.tool(id)?.pos,
                NoteRef::Task(id) => session.task(id)?.board_pos?,
                NoteRef::Pain(id) => session.pain_point(id)?.pos,
            };
            Some((note, BoardPos::new(pos.x + delta.x, pos.y + delta.y)))
        })
        .collect()
}

/// A note on the board as laid out.
#[derive(Clone, Copy, Debug)]
struct Placed {
    note: NoteRef,
    /// Where it is drawn, board units (dragged notes offset).
    rect: Rect,
    /// Its index in the session's `tools`, `tasks` or `pain_points`.
    source: usize,
}

/// A flow between two tools that are on the board.
#[derive(Clone, Copy, Debug)]
struct PlacedFlow {
    id: Id,
    /// Its index in the session's `flows`.
    source: usize,
    /// Indices of its two tools in [`Layout::order`].
    from: usize,
    to: usize,
}

/// Board rectangles of the notes, with the notes being dragged offset.
/// Built when the session's geometry changes (see [`geometry_key`]) or
/// while notes are dragged, and reused otherwise.
#[derive(Debug)]
struct Layout {
    /// The [`geometry_key`] of the session it was built from; `None` for a
    /// layout with dragged notes offset (never reused).
    key: Option<u64>,
    /// Each note's index in `order`.
    index: HashMap<NoteRef, usize>,
    /// Draw order: tools, then task notes, then pain notes (on top).
    order: Vec<Placed>,
    /// Flows whose two tools exist, in the session's order.
    flows: Vec<PlacedFlow>,
}

impl Layout {
    fn of(session: &Session, moving: Option<(HashSet<NoteRef>, Vec2)>) -> Self {
        let offset = |note: NoteRef, rect: Rect| match &moving {
            Some((set, delta)) if set.contains(&note) => rect.translate(*delta),
            _ => rect,
        };
        let capacity = session.tools.len() + session.tasks.len() + session.pain_points.len();
        let mut index = HashMap::with_capacity(capacity);
        let mut order = Vec::with_capacity(capacity);
        let mut place = |note: NoteRef, rect: Rect, source: usize| {
            index.insert(note, order.len());
            order.push(Placed { note, rect, source });
        };
        for (source, tool) in session.tools.iter().enumerate() {
            let note = NoteRef::Tool(tool.id);
            place(note, offset(note, tool_rect_in_board(tool)), source);
        }
        for (source, task) in session.tasks.iter().enumerate() {
            if let Some(rect) = task_rect_in_board(task) {
                let note = NoteRef::Task(task.id);
                place(note, offset(note, rect), source);
            }
        }
        let tool_rect = |order: &[Placed], index: &HashMap<NoteRef, usize>, id: Id| {
            index
                .get(&NoteRef::Tool(id))
                .and_then(|&i| order.get(i))
                .map(|p| p.rect)
        };
        // The first flow of an id wins, as with `Session::flow`.
        let flow_index: HashMap<Id, usize> = session
            .flows
            .iter()
            .enumerate()
            .rev()
            .map(|(i, f)| (f.id, i))
            .collect();
        // Pain points: free ones where they are; attached ones stacked
        // under their tool card, or under their flow's middle.
        let mut stacked: HashMap<Attachment, usize> = HashMap::new();
        for (source, pain) in session.pain_points.iter().enumerate() {
            let anchor = match pain.attached {
                Attachment::Free => None,
                Attachment::Tool(id) => {
                    tool_rect(&order, &index, id).map(|r| r.left_bottom() + vec2(4.0, 10.0))
                }
                Attachment::Flow(id) => flow_index
                    .get(&id)
                    .and_then(|&i| session.flows.get(i))
                    .and_then(|f| {
                        let a = tool_rect(&order, &index, f.from)?;
                        let b = tool_rect(&order, &index, f.to)?;
                        let mid = a.center().lerp(b.center(), 0.5);
                        Some(mid + vec2(-ATTACHED_PAIN_SIZE[0] / 2.0, 34.0))
                    }),
            };
            let rect = match anchor {
                Some(anchor) => {
                    let n = stacked.entry(pain.attached).or_default();
                    let top = anchor + vec2(0.0, *n as f32 * (ATTACHED_PAIN_SIZE[1] + 6.0));
                    *n += 1;
                    Rect::from_min_size(top, ATTACHED_PAIN_SIZE.into())
                }
                None => Rect::from_min_size(pos2(pain.pos.x, pain.pos.y), PAIN_NOTE_SIZE.into()),
            };
            let note = NoteRef::Pain(pain.id);
            index.insert(note, order.len());
            order.push(Placed {
                note,
                rect: offset(note, rect),
                source,
            });
        }
        let flows = session
            .flows
            .iter()
            .enumerate()
            .filter_map(|(source, f)| {
                Some(PlacedFlow {
                    id: f.id,
                    source,
                    from: *index.get(&NoteRef::Tool(f.from))?,
                    to: *index.get(&NoteRef::Tool(f.to))?,
                })
            })
            .collect();
        Self {
            key: None,
            index,
            order,
            flows,
        }
    }

    /// Where a note is, board units.
    fn rect_of(&self, note: NoteRef) -> Option<Rect> {
        self.index
            .get(&note)
            .and_then(|&i| self.order.get(i))
            .map(|p| p.rect)
    }

    /// Where a tool card is, board units.
    fn tool_rect(&self, id: Id) -> Option<Rect> {
        self.rect_of(NoteRef::Tool(id))
    }

    /// The board rectangles of a flow's two tools.
    fn flow_rects(&self, flow: &PlacedFlow) -> Option<(Rect, Rect)> {
        Some((
            self.order.get(flow.from)?.rect,
            self.order.get(flow.to)?.rect,
        ))
    }

    fn notes_in(&self, band_in_board: Rect) -> impl Iterator<Item = (NoteRef, Rect)> + '_ {
        self.order
            .iter()
            .filter(move |p| band_in_board.intersects(p.rect))
            .map(|p| (p.note, p.rect))
    }

    /// What is under a screen point: handles first, then notes (topmost
    /// first), then flows.
    fn hit(&self, view: &View, canvas: Rect, pos_in_screen: Pos2) -> Option<Hit> {
        for placed in self.order.iter().rev() {
            if let NoteRef::Tool(id) = placed.note {
                let handle = view.screen_rect(canvas, placed.rect).right_center();
                if handle.distance(pos_in_screen) <= theme::HANDLE_HIT_RADIUS {
                    return Some(Hit::Handle(id));
                }
            }
        }
        let pos_in_board = view.board_from_screen(canvas, pos_in_screen);
        if let Some(placed) = self
            .order
            .iter()
            .rev()
            .find(|p| p.rect.contains(pos_in_board))
        {
            return Some(Hit::Note(placed.note));
        }
        self.flows.iter().find_map(|flow| {
            let (a, b) = self.flow_rects(flow)?;
            let a = view.screen_rect(canvas, a);
            let b = view.screen_rect(canvas, b);
            let (start, end) = flow_endpoints(a, b, view.zoom)?;
            let near_line = distance_to_segment(pos_in_screen, start, end) <= FLOW_HIT_DISTANCE;
            // Labels sit beside the arrow's middle, on its right-hand side.
            let unit = (end - start).normalized();
            let label_centre = start.lerp(end, 0.5) + vec2(-unit.y, unit.x) * 16.0;
            let near_label = pos_in_screen.distance(label_centre) <= 26.0;
            (near_line || near_label).then_some(Hit::Flow(flow.id))
        })
    }
}

/// A fingerprint of everything [`Layout`] is built from: the ids and board
/// positions of tools, task notes and pain points (with what they are
/// attached to), and which tools each flow joins, in order. Any single
/// changed value changes it (each step of the mix is a bijection), so a
/// cached layout is never used for a session it was not built from.
/// A few nanoseconds per note: far cheaper than building the layout.
fn geometry_key(session: &Session) -> u64 {
    let mut key = KeyMix::default();
    let pos = |p: BoardPos| (u64::from(p.x.to_bits()) << 32) | u64::from(p.y.to_bits());
    key.add(session.tools.len() as u64);
    for tool in &session.tools {
        key.add(tool.id.0);
        key.add(pos(tool.pos));
    }
    key.add(session.tasks.len() as u64);
    for task in &session.tasks {
        key.add(task.id.0);
        match task.board_pos {
            Some(p) => {
                key.add(1);
                key.add(pos(p));
            }
            None => key.add(0),
        }
    }
    key.add(session.pain_points.len() as u64);
    for pain in &session.pain_points {
        key.add(pain.id.0);
        key.add(pos(pain.pos));
        match pain.attached {
            Attachment::Free => key.add(0),
            Attachment::Tool(id) => {
                key.add(1);
                key.add(id.0);
            }
            Attachment::Flow(id) => {
                key.add(2);
                key.add(id.0);
            }
        }
    }
    key.add(session.flows.len() as u64);
    for flow in &session.flows {
        key.add(flow.id.0);
        key.add(flow.from.0);
        key.add(flow.to.0);
    }
    key.0
}

/// The multiply-rotate mix of rustc's FxHasher, one `u64` at a time.
#[derive(Default)]
struct KeyMix(u64);

impl KeyMix {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Screen endpoints of a flow arrow between two card rectangles: from
/// border to border along the line between their centres, shifted a little
/// to the right of the direction so that A→B and B→A don't overlap. `None`
/// when the cards overlap.
fn flow_endpoints(a: Rect, b: Rect, zoom: f32) -> Option<(Pos2, Pos2)> {
    let dir = b.center() - a.center();
    let len = dir.length();
    if len < 1.0 || a.intersects(b) {
        return None;
    }
    let unit = dir / len;
    let side = vec2(-unit.y, unit.x) * (8.0 * zoom.min(1.5));
    let start = border_point(a, unit) + side;
    let end = border_point(b, -unit) + side;
    Some((start, end))
}

/// Where a ray from the rectangle's centre in direction `unit` leaves it.
fn border_point(rect: Rect, unit: Vec2) -> Pos2 {
    let half = rect.size() / 2.0;
    let tx = if unit.x.abs() > f32::EPSILON {
        half.x / unit.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if unit.y.abs() > f32::EPSILON {
        half.y / unit.y.abs()
    } else {
        f32::INFINITY
    };
    rect.center() + unit * tx.min(ty)
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    if len_sq <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// The shapes of a flow's arrow (and its label, marker or hours badge),
/// pushed onto `out`; `painter` lays out the texts.
#[expect(clippy::too_many_arguments)]
fn flow_shapes(
    out: &mut Vec<Shape>,
    painter: &egui::Painter,
    texts: &mut TextCache,
    flow: &Flow,
    a: Rect,
    b: Rect,
    zoom: f32,
    selected: bool,
    legible: bool,
    pain_hours: Option<f32>,
) {
    let Some((start, end)) = flow_endpoints(a, b, zoom) else {
        return;
    };
    let shadow = flow.kind == FlowKind::Shadow;
    let color = if shadow {
        theme::FLOW_SHADOW
    } else {
        theme::FLOW_DESIGNED
    };
    let width =
        (theme::FLOW_WIDTH * zoom.sqrt()).clamp(1.5, 5.0) + if selected { 2.0 } else { 0.0 };
    let stroke = Stroke::new(width, color);
    let arrow = (16.0 * zoom.sqrt()).clamp(8.0, 22.0);
    let unit = (end - start).normalized();
    let tip_base = end - unit * arrow;
    if selected {
        out.push(Shape::line_segment(
            [start, tip_base],
            Stroke::new(width + 6.0, theme::RUBBER_BAND),
        ));
    }
    if shadow {
        let dash = (14.0 * zoom.sqrt()).max(4.0);
        Shape::dashed_line_many(&[start, tip_base], stroke, dash, dash * 0.7, out);
    } else {
        out.push(Shape::line_segment([start, tip_base], stroke));
    }
    let normal = vec2(-unit.y, unit.x) * arrow * 0.5;
    let head = vec![end, tip_base + normal, tip_base - normal];
    if shadow {
        // Hollow head: another cue besides colour and dashes.
        out.push(Shape::closed_line(head, Stroke::new(width, color)));
    } else {
        out.push(Shape::convex_polygon(head, color, Stroke::NONE));
    }

    if let Some(hours) = pain_hours.filter(|h| *h > 0.0) {
        let mid = start.lerp(end, 0.5);
        let side = vec2(unit.y, -unit.x);
        let key = TextKey::FlowBadge(flow.id);
        out.extend(hours_badge(
            painter,
            texts,
            key,
            mid + side * 18.0,
            hours,
            zoom,
        ));
    }
    let label_font = 16.0 * zoom;
    if !legible || label_font < theme::MIN_CAPTION_FONT * 0.85 {
        // Too small for a label: a shadow flow still shows its ⚠ marker,
        // where the arrow is long enough to carry it (on a board zoomed
        // far out it would cover the cards it joins, and all the others).
        if shadow && start.distance(end) >= 2.0 * SHADOW_MARKER_RADIUS {
            let mid = start.lerp(end, 0.5);
            out.push(Shape::Circle(CircleShape {
                center: mid,
                radius: SHADOW_MARKER_RADIUS,
                fill: theme::FLOW_LABEL_BG,
                stroke: Stroke::new(1.5, color),
            }));
            let font = FontId::proportional(13.0);
            let marker = texts.galley(TextKey::ShadowMarker, Probe::Marker, 13.0, 0.0, || {
                painter.layout_no_wrap("⚠".to_owned(), font, color)
            });
            let at = Align2::CENTER_CENTER.anchor_size(mid, marker.size()).min;
            out.push(Shape::galley(at, marker, color));
        }
        return;
    }
    if !shadow && flow.label.is_empty() {
        return;
    }
    // Wrap the label to the arrow's length (two lines at most, elided) so
    // it never covers the cards it connects.
    let font_size = label_font.min(30.0);
    let wrap_width = (start.distance(end) - 16.0).max(60.0);
    let probe = Probe::Flow {
        label: &flow.label,
        shadow,
        share: flow.share,
    };
    let galley = texts.galley(
        TextKey::FlowLabel(flow.id),
        probe,
        font_size,
        wrap_width,
        || {
            let mut text = String::new();
            if shadow {
                text.push_str("⚠ SHADOW");
                if let Some(share) = flow.share {
                    text.push_str(&format!(" {share} %"));
                }
                if !flow.label.is_empty() {
                    text.push_str(" · ");
                }
            }
            text.push_str(&flow.label);
            let font = FontId::proportional(font_size);
            let mut job = egui::text::LayoutJob::simple(text, font, color, wrap_width);
            job.wrap.max_rows = 2;
            job.wrap.break_anywhere = false;
            job.halign = egui::Align::Center;
            painter.layout_job(job)
        },
    );
    let size = galley.size() + vec2(12.0, 6.0);
    // Beside the arrow, on its right-hand side: the labels of A→B and B→A
    // end up on opposite sides instead of on top of each other.
    let side = vec2(-unit.y, unit.x);
    let reach = side.x.abs() * size.x / 2.0 + side.y.abs() * size.y / 2.0 + 2.0;
    let label_rect = Rect::from_center_size(start.lerp(end, 0.5) + side * reach, size);
    out.push(Shape::Rect(RectShape::new(
        label_rect,
        CornerRadius::same(6),
        theme::FLOW_LABEL_BG,
        Stroke::new(if selected { 2.5 } else { 1.5 }, color),
        StrokeKind::Inside,
    )));
    out.push(Shape::galley(
        label_rect.center_top() + vec2(0.0, 3.0),
        galley,
        color,
    ));
}

/// Whether anything of a flow between the cards `a` and `b` (screen) can
/// fall inside `clip`: the arrow lies within the cards' bounding box; its
/// label (as wide as the arrow is long, at most) or its ⚠ marker and hours
/// badge sit beside the arrow's middle.
fn flow_may_show(clip: Rect, a: Rect, b: Rect, legible: bool) -> bool {
    let margin = if legible {
        a.center().distance(b.center()) + 120.0
    } else {
        100.0
    };
    clip.intersects(a.union(b).expand(margin))
}

/// A dark pill with white "N h/wk": the hours lost per week on a tool or
/// flow's pain points (Step 2).
fn hours_badge(
    painter: &egui::Painter,
    texts: &mut TextCache,
    key: TextKey,
    centre: Pos2,
    hours: f32,
    zoom: f32,
) -> [Shape; 2] {
    let size = (15.0 * zoom.sqrt()).clamp(11.0, 22.0);
    let galley = texts.galley(key, Probe::Hours(hours.to_bits()), size, 0.0, || {
        painter.layout_no_wrap(
            format!("{} h/wk", format_hours(hours)),
            FontId::proportional(size),
            Color32::WHITE,
        )
    });
    let rect = Rect::from_center_size(centre, galley.size() + vec2(12.0, 4.0));
    let at = rect.center() - galley.size() / 2.0;
    [
        Shape::rect_filled(rect, CornerRadius::same(10), theme::BADGE_FILL),
        Shape::galley(at, galley, Color32::WHITE),
    ]
}

/// Hours without a trailing ".0": 2, 1.5.
pub fn format_hours(hours: f32) -> String {
    if (hours - hours.round()).abs() < 0.05 {
        format!("{:.0}", hours.round())
    } else {
        format!("{hours:.1}")
    }
}

/// Radius of the ⚠ marker on a shadow flow too small for its label,
/// screen points.
const SHADOW_MARKER_RADIUS: f32 = 10.0;
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
fn push_block(mesh: &mut Mesh, rect: Rect, fill: Color32, stroke: Color32) {
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

/// Which text of the board a cached galley is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum TextKey {
    /// A note's name (tool, task) or text (pain point).
    Name(NoteRef),
    /// A note's caption line (task, pain point).
    Caption(NoteRef),
    FlowLabel(Id),
    ToolBadge(Id),
    FlowBadge(Id),
    ShadowMarker,
}

/// What a cached galley was laid out from.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    Text(String),
    Task {
        placement: Option<Placement>,
        automation: Option<AutomationLabel>,
        unexpected: Option<UnexpectedWay>,
    },
    Pain {
        category: PainCategory,
        hours: Option<u32>,
    },
    Flow {
        label: String,
        shadow: bool,
        share: Option<u8>,
    },
    Hours(u32),
    Marker,
}

/// [`Source`], borrowed: compared with the cached one without allocating.
#[derive(Clone, Copy, Debug)]
enum Probe<'a> {
    Text(&'a str),
    Task {
        placement: Option<Placement>,
        automation: Option<AutomationLabel>,
        unexpected: Option<UnexpectedWay>,
    },
    Pain {
        category: PainCategory,
        hours: Option<u32>,
    },
    Flow {
        label: &'a str,
        shadow: bool,
        share: Option<u8>,
    },
    /// Hours as `f32::to_bits`.
    Hours(u32),
    Marker,
}

impl Probe<'_> {
    fn matches(self, source: &Source) -> bool {
        match (self, source) {
            (Self::Text(a), Source::Text(b)) => a == b,
            (
                Self::Task {
                    placement,
                    automation,
                    unexpected,
                },
                Source::Task {
                    placement: p,
                    automation: a,
                    unexpected: u,
                },
            ) => placement == *p && automation == *a && unexpected == *u,
            (
                Self::Pain { category, hours },
                Source::Pain {
                    category: c,
                    hours: h,
                },
            ) => category == *c && hours == *h,
            (
                Self::Flow {
                    label,
                    shadow,
                    share,
                },
                Source::Flow {
                    label: l,
                    shadow: s,
                    share: h,
                },
            ) => label == l && shadow == *s && share == *h,
            (Self::Hours(a), Source::Hours(b)) => a == *b,
            (Self::Marker, Source::Marker) => true,
            _ => false,
        }
    }

    fn to_source(self) -> Source {
        match self {
            Self::Text(text) => Source::Text(text.to_owned()),
            Self::Task {
                placement,
                automation,
                unexpected,
            } => Source::Task {
                placement,
                automation,
                unexpected,
            },
            Self::Pain { category, hours } => Source::Pain { category, hours },
            Self::Flow {
                label,
                shadow,
                share,
            } => Source::Flow {
                label: label.to_owned(),
                shadow,
                share,
            },
            Self::Hours(hours) => Source::Hours(hours),
            Self::Marker => Source::Marker,
        }
    }
}

#[derive(Debug)]
struct CachedText {
    source: Source,
    /// Font size, screen points.
    size: f32,
    /// Wrap width, screen points (0 when not wrapped).
    width: f32,
    galley: Arc<Galley>,
    /// [`TextCache::frame`] when last used.
    last_used: u64,
}

/// Galleys of the board's texts, kept from frame to frame: while panning
/// (same zoom) no text is laid out or even hashed again. An entry is
/// reused only for the same text, font size and (within a hundredth of a
/// point) wrap width, so what is drawn is what laying out afresh gives.
///
/// Galleys point into egui's font atlas. When egui starts a new atlas (it
/// filled up, or the fonts or scale changed) it drops its own galley cache;
/// a canary galley, laid out through that cache every frame, notices: a
/// new canary means every cached galley is dropped here too.
#[derive(Default)]
struct TextCache {
    entries: HashMap<TextKey, CachedText>,
    canary: Option<Arc<Galley>>,
    /// Frames painted (one per [`Self::begin_frame`]).
    frame: u64,
}

impl std::fmt::Debug for TextCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextCache")
            .field("entries", &self.entries.len())
            .field("frame", &self.frame)
            .finish()
    }
}

/// Most galleys kept; beyond that, those not used in the last frame go.
const MAX_CACHED_TEXTS: usize = 4096;
/// Wrap widths closer than this (screen points) count as the same: the
/// same card's width differs in the last bits from one pan to the next.
const WRAP_WIDTH_TOLERANCE: f32 = 0.01;
/// Laid out every frame to notice when egui drops its galley cache.
const CANARY_TEXT: &str = "rhythm canvas text cache";

impl TextCache {
    fn begin_frame(&mut self, painter: &egui::Painter) {
        let canary = painter.layout_no_wrap(
            CANARY_TEXT.to_owned(),
            FontId::proportional(9.0),
            Color32::TRANSPARENT,
        );
        if !self
            .canary
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(c, &canary))
        {
            self.entries.clear();
            self.canary = Some(canary);
        }
        self.frame = self.frame.wrapping_add(1);
    }

    fn end_frame(&mut self) {
        if self.entries.len() > MAX_CACHED_TEXTS {
            let frame = self.frame;
            self.entries.retain(|_, e| e.last_used == frame);
        }
    }

    /// The galley for `key`: the cached one if it was laid out from the
    /// same source, size and wrap width, else `layout()`'s.
    fn galley(
        &mut self,
        key: TextKey,
        probe: Probe<'_>,
        size: f32,
        width: f32,
        layout: impl FnOnce() -> Arc<Galley>,
    ) -> Arc<Galley> {
        if let Some(entry) = self.entries.get_mut(&key)
            && entry.size.to_bits() == size.to_bits()
            && (entry.width - width).abs() <= WRAP_WIDTH_TOLERANCE
            && probe.matches(&entry.source)
        {
            entry.last_used = self.frame;
            return Arc::clone(&entry.galley);
        }
        let galley = layout();
        self.entries.insert(
            key,
            CachedText {
                source: probe.to_source(),
                size,
                width,
                galley: Arc::clone(&galley),
                last_used: self.frame,
            },
        );
        galley
    }

    /// A note's text in ink, wrapped to `width`.
    fn wrapped(
        &mut self,
        painter: &egui::Painter,
        key: TextKey,
        text: &str,
        size: f32,
        width: f32,
    ) -> Arc<Galley> {
        self.galley(key, Probe::Text(text), size, width, || {
            painter.layout(
                text.to_owned(),
                FontId::proportional(size),
                theme::INK,
                width,
            )
        })
    }

    /// "TASK · Orchestra · O · lean Jam": a task note's caption.
    fn task_caption(&mut self, painter: &egui::Painter, task: &Task, size: f32) -> Arc<Galley> {
        let probe = Probe::Task {
            placement: task.placement(),
            automation: task.automation.label(),
            unexpected: task.unexpected,
        };
        let key = TextKey::Caption(NoteRef::Task(task.id));
        self.galley(key, probe, size, 0.0, || {
            let mut caption = match task.placement() {
                Some(p) => format!("TASK · {}", p.label()),
                None => "TASK · in tray".to_owned(),
            };
            if let Some(label) = task.automation.label() {
                caption.push_str(&format!(" · {}", label.short()));
            }
            if let Some(answer) = task.unexpected {
                caption.push_str(&format!(" · {}", answer.lean()));
            }
            caption_galley(painter, caption, size)
        })
    }

    /// "■ ORCHESTRA PAIN · 2 h/wk": a pain note's caption.
    fn pain_caption(
        &mut self,
        painter: &egui::Painter,
        pain: &PainPoint,
        size: f32,
    ) -> Arc<Galley> {
        let probe = Probe::Pain {
            category: pain.category,
            hours: pain.hours_per_week.map(f32::to_bits),
        };
        let key = TextKey::Caption(NoteRef::Pain(pain.id));
        self.galley(key, probe, size, 0.0, || {
            let mut caption = format!(
                "{} {}",
                pain.category.marker(),
                pain.category.title().to_uppercase()
            );
            if let Some(h) = pain.hours_per_week {
                caption.push_str(&format!(" · {} h/wk", format_hours(h)));
            }
            caption_galley(painter, caption, size)
        })
    }
}

fn caption_galley(painter: &egui::Painter, caption: String, size: f32) -> Arc<Galley> {
    painter.layout_no_wrap(caption, FontId::proportional(size), theme::INK_SOFT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board() -> Session {
        let tool = |id, x| Tool {
            id: Id(id),
            name: format!("Tool {id}"),
            pos: BoardPos::new(x, 0.0),
            author: None,
        };
        Session {
            tools: vec![tool(1, 0.0), tool(2, 400.0)],
            flows: vec![Flow {
                id: Id(3),
                from: Id(1),
                to: Id(2),
                label: "files".to_owned(),
                kind: FlowKind::Designed,
                share: None,
            }],
            pain_points: vec![PainPoint {
                id: Id(4),
                text: "slow".to_owned(),
                category: PainCategory::Jam,
                hours_per_week: Some(2.0),
                attached: Attachment::Tool(Id(2)),
                pos: BoardPos::default(),
                author: None,
                reassess: false,
            }],
            next_id: 5,
            ..Session::default()
        }
    }

    #[test]
    fn the_fingerprint_changes_with_every_move_and_attachment_but_not_with_a_rename() {
        let before = board();
        let key = geometry_key(&before);
        let mut moved = before.clone();
        if let Some(t) = moved.tools.get_mut(1) {
            t.pos.x += 0.5;
        }
        let mut detached = before.clone();
        if let Some(p) = detached.pain_points.get_mut(0) {
            p.attached = Attachment::Free;
        }
        let mut rewired = before.clone();
        if let Some(f) = rewired.flows.get_mut(0) {
            std::mem::swap(&mut f.from, &mut f.to);
        }
        let mut renamed = before.clone();
        if let Some(t) = renamed.tools.get_mut(0) {
            t.name = "Slack".to_owned();
        }
        assert_ne!(geometry_key(&moved), key);
        assert_ne!(geometry_key(&detached), key);
        assert_ne!(geometry_key(&rewired), key);
        assert_eq!(geometry_key(&renamed), key);
    }

    #[test]
    fn the_cached_layout_follows_the_session_and_hits_what_is_drawn_there() {
        let mut state = CanvasState::default();
        let mut session = board();
        let first = state.layout_for(&session);
        assert!(Arc::ptr_eq(&first, &state.layout_for(&session)), "reused");

        if let Some(t) = session.tools.get_mut(1) {
            t.pos = BoardPos::new(1000.0, 500.0);
        }
        let layout = state.layout_for(&session);
        assert!(!Arc::ptr_eq(&first, &layout), "rebuilt after a move");
        let canvas = Rect::from_min_size(Pos2::ZERO, vec2(2000.0, 1000.0));
        let view = View {
            pan: Vec2::ZERO,
            zoom: 1.0,
        };
        // The moved card, and its attached pain note stacked under it.
        let at = view.screen_from_board(canvas, pos2(1080.0, 550.0));
        assert_eq!(
            layout.hit(&view, canvas, at),
            Some(Hit::Note(NoteRef::Tool(Id(2))))
        );
        assert_eq!(
            layout.rect_of(NoteRef::Pain(Id(4))).map(|r| r.min),
            Some(pos2(1004.0, 610.0))
        );
        // Nothing is left where it was.
        let old = view.screen_from_board(canvas, pos2(480.0, 50.0));
        assert_eq!(layout.hit(&view, canvas, old), None);
    }

    #[test]
    fn a_dragged_layout_is_offset_and_never_cached() {
        let mut state = CanvasState::default();
        let session = board();
        let base = state.layout_for(&session);
        state.gesture = Some(Gesture::Move {
            moving: vec![NoteRef::Tool(Id(1))],
            delta: vec2(10.0, 20.0),
        });
        let dragged = state.layout_for(&session);
        assert_eq!(dragged.key, None);
        assert_eq!(
            dragged.tool_rect(Id(1)).map(|r| r.min),
            Some(pos2(10.0, 20.0))
        );
        assert_eq!(dragged.tool_rect(Id(2)), base.tool_rect(Id(2)));
        assert!(state.layout.as_ref().is_some_and(|l| Arc::ptr_eq(l, &base)));
    }

    #[test]
    fn cached_texts_are_laid_out_again_only_when_text_size_or_width_change() {
        let ctx = egui::Context::default();
        let mut texts = TextCache::default();
        let mut layouts = 0;
        let output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter().clone();
            let mut lay = |texts: &mut TextCache, text: &str, size: f32, width: f32| {
                texts.galley(
                    TextKey::ShadowMarker,
                    Probe::Text(text),
                    size,
                    width,
                    || {
                        layouts += 1;
                        painter.layout(
                            text.to_owned(),
                            FontId::proportional(size),
                            theme::INK,
                            width,
                        )
                    },
                )
            };
            texts.begin_frame(&painter);
            let a = lay(&mut texts, "Asana", 20.0, 100.0);
            let b = lay(&mut texts, "Asana", 20.0, 100.004);
            assert!(Arc::ptr_eq(&a, &b));
            lay(&mut texts, "Asana", 22.0, 100.0);
            lay(&mut texts, "Slack", 22.0, 100.0);
            lay(&mut texts, "Slack", 22.0, 60.0);
        });
        output.drop_without_applying_deltas();
        assert_eq!(layouts, 4);
    }

    #[test]
    fn new_fonts_drop_every_cached_text() {
        let ctx = egui::Context::default();
        let mut texts = TextCache::default();
        let frame = |texts: &mut TextCache| {
            let mut cached = 0;
            ctx.run_ui(egui::RawInput::default(), |ui| {
                let painter = ui.painter().clone();
                texts.begin_frame(&painter);
                cached = texts.entries.len();
                texts.wrapped(&painter, TextKey::ShadowMarker, "Asana", 20.0, 100.0);
            })
            .drop_without_applying_deltas();
            cached
        };
        assert_eq!(frame(&mut texts), 0);
        assert_eq!(frame(&mut texts), 1, "kept from frame to frame");
        theme::install(&ctx); // other font definitions
        assert_eq!(frame(&mut texts), 0, "galleys into the old atlas are gone");
    }
}

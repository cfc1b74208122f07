//! Step 1, Toolchain Autopsy (METHOD.md): the tool-map whiteboard.
//!
//! An unbounded board of tool cards and task notes with directed flows
//! between tools. The view only draws and returns what the user asked for
//! in a [`BoardResponse`] (edits, and a vote click); the app applies them.
//! Coordinates are named by space: `*_in_board` (board units, stored in
//! the session) and `*_in_screen` (egui points), related by [`View`].
//!
//! One file per concern: [`view`] (pan and zoom), `layout` (where every
//! note is, hit-testing), `input` and `keys` (gestures, clicks, keyboard),
//! `paint` and `flow` (drawing), `text_cache` (laid-out texts kept from
//! frame to frame), `minimap`, and `menus` (context menus, inline editing,
//! new notes).

mod detail;
mod display;
#[cfg(feature = "diagnostics")]
mod drawn;
mod fit;
mod flow;
mod flow_marks;
mod hit;
mod input;
mod keys;
mod measure;
mod menus;
mod minimap;
mod morph;
mod naming;
mod note_fit;
mod notes;
mod overview;
mod paint;
mod peek;
mod spotlight;
mod territory;
mod text_cache;
mod tidy;
pub mod view;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Sense, Ui, Vec2};

use crate::model::{Edit, EntityKind, Id, NoteRef, Session, Stats};

pub use crate::geometry::{
    ATTACHED_PAIN_SIZE, PAIN_NOTE_SIZE, content_rect_in_board, task_rect_in_board,
    tool_rect_in_board,
};
pub use detail::Legibility;
pub use notes::{NEW_PAIN_TEXT, NEW_TASK_NAME, NEW_TOOL_NAME, new_task_note_at, new_tool_at};
pub use view::{View, ZOOM_RANGE};

use crate::geometry::Geometry;
use crate::geometry::measure::Sizes;
use hit::Hit;
use measure::CtxFonts;
use overview::Overview;
use spotlight::Animation;
use text_cache::TextCache;

/// How far from a flow (screen points) a click still hits it: a 26-point
/// band, over 44 px at projector scale (touch screens, issue 6).
const FLOW_HIT_DISTANCE: f32 = 13.0;
/// How far an arrow key nudges the selected notes, board units (Shift: ×5).
pub const NUDGE: f32 = 10.0;
/// Size of the minimap in the board's bottom-right corner, points.
pub const MINIMAP_SIZE: [f32; 2] = [200.0, 130.0];
/// Gap between the minimap and the board's edges, points.
const MINIMAP_MARGIN: f32 = 12.0;

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

    fn flow(id: Id) -> Self {
        Self {
            notes: HashSet::new(),
            flow: Some(id),
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

/// What the app gives the board for one frame.
#[derive(Clone, Copy, Debug)]
pub struct BoardInput<'a> {
    /// The session drawn.
    pub session: &'a Session,
    /// The document's revision: it changes with every edit, undo and
    /// redo, and keys the board layout cache.
    pub revision: u64,
    /// The session's figures (hours per tool and flow for the badges),
    /// computed once per change by the caller.
    pub stats: &'a Stats,
    /// Dim every note not authored by this participant.
    pub highlight: Option<Id>,
    /// The participant new notes are credited to ("Adding as").
    pub author: Option<Id>,
    /// Dot-vote marks drawn on notes (empty outside a vote).
    pub marks: &'a HashMap<NoteRef, NoteMark>,
    /// A dot vote is open: clicking one of its candidate notes votes
    /// (reported in [`BoardResponse::vote_click`]) instead of selecting.
    pub voting: bool,
    /// Show the minimap in the bottom-right corner (in projector mode
    /// only while part of the board is out of view).
    pub minimap: bool,
    /// How large every text must be: zoomed out below it the board shows
    /// its overview (issue 13).
    pub legibility: Legibility,
    /// Projector mode: selecting a tool brings the room to it
    /// ("spotlight"), Esc back to the whole map.
    pub projector: bool,
    /// The step's title, drawn over the board's top-left corner (which
    /// "fit all" keeps clear), in its colour.
    pub title: Option<(&'a str, Color32)>,
}

/// What the user asked of the board in one frame.
#[derive(Clone, Debug, Default)]
pub struct BoardResponse {
    /// Changes to the session, in order.
    pub edits: Vec<Edit>,
    /// A task or pain note clicked while a dot vote is open (the app
    /// places or removes the voter's dot).
    pub vote_click: Option<Id>,
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

/// State of the tool-map view (not saved in the session).
#[derive(Debug, Default)]
pub struct CanvasState {
    /// The board-to-screen transform.
    view: View,
    /// What is selected.
    selection: Selection,
    gesture: Option<Gesture>,
    editing: Option<InlineEdit>,
    context_target: Option<Option<Hit>>,
    fit_pending: bool,
    /// Set once the user pans or zooms; until then the view keeps fitting
    /// the board as the window and panels settle or resize.
    view_touched: bool,
    /// The canvas rectangle of the last frame, screen points.
    last_rect: Option<Rect>,
    /// Where the context menu was opened, board units.
    context_pos_in_board: Option<Pos2>,
    /// The board close up and the document revision it was built from,
    /// reused from frame to frame while the revision is unchanged and
    /// nothing is being dragged.
    layout: Option<(u64, Arc<Geometry>)>,
    /// Laid-out texts of notes, flow labels and badges, reused while the
    /// text, its size and the zoom are unchanged.
    texts: TextCache,
    /// Where the minimap was drawn last frame, screen points.
    minimap_rect: Option<Rect>,
    /// Tab (false) or Shift+Tab (true) pressed, for the next frame's
    /// keyboard navigation.
    pending_tab: Option<bool>,
    /// The dot-vote marks drawn on the last frame.
    marks: HashMap<NoteRef, NoteMark>,
    /// Text sizes for the layout, kept from one layout to the next.
    measure: Sizes,
    /// The board zoomed out, reused while the layout, zoom, fonts and
    /// room are unchanged.
    overview: Option<Arc<Overview>>,
    /// Where "fit all" last fitted the whole map (the canvas less the step
    /// title and the minimap), relative to the canvas's top-left: the
    /// overview fits its names into it, and the legend sits at its bottom.
    fit_room: Option<Rect>,
    /// The zoom "fit all" chose and the notes it named there: zoomed in
    /// from there, the overview names the same notes; zoomed out, at most
    /// those (never a name lost by zooming in).
    fit_naming: Option<(f32, naming::Naming)>,
    /// A smooth move of the view under way (spotlight, back to the map).
    animation: Option<Animation>,
    /// What was drawn at the last frame, for cards to glide from when the
    /// zoom changes.
    drawn: Option<morph::Drawn>,
    /// Cards gliding to where the overview (or the board close up) draws
    /// them now.
    glide: Option<morph::Glide>,
    /// The tool the view was brought to (projector mode), until Esc.
    spotlight: Option<Id>,
    /// A tool to bring the view to at this frame.
    spotlight_pending: Option<Id>,
    /// Go back to the whole map, smoothly, at this frame.
    fit_animated: bool,
    /// Notes and flows whose text was cut or folded in the last frame
    /// (hovering or selecting them shows it in full).
    cut: peek::Cut,
    /// An entity this view asked to add, and the text its inline editor
    /// opens with once the app reports its id ([`CanvasState::created`]).
    awaiting: Option<(EntityKind, String)>,
}

impl CanvasState {
    /// Frame everything on the board at the next frame ("fit all", F).
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// The board-to-screen transform of the last frame.
    pub fn view(&self) -> View {
        self.view
    }

    /// Show the board through `view` from now on, as if the user had
    /// panned and zoomed there (the view no longer follows window
    /// resizes). Used to drive the view from benchmarks.
    pub fn set_view(&mut self, view: View) {
        self.view = view;
        self.view_touched = true;
        self.fit_pending = false;
    }

    /// Where a note is drawn on screen, as of the last frame (`None` when
    /// the board has not been drawn, or the note is folded away).
    pub fn screen_rect_of(&self, _session: &Session, note: NoteRef) -> Option<Rect> {
        let canvas = self.last_rect?;
        let (_, layout) = self.layout.as_ref()?;
        let i = *layout.index.get(&note)?;
        let rect = match self.current_overview() {
            Some(o) => o.note_rect(i)?,
            None => layout.notes.get(i)?.rect,
        };
        Some(self.view.screen_rect(canvas, rect))
    }

    /// The overview at the current zoom, if the board is zoomed out.
    fn overview_now(&self) -> Option<Arc<Overview>> {
        self.overview
            .as_ref()
            .filter(|o| o.zoom.to_bits() == self.view.zoom.to_bits())
            .cloned()
    }

    /// The overview drawn at the last frame, if the board was zoomed out.
    fn current_overview(&self) -> Option<&Overview> {
        self.overview
            .as_deref()
            .filter(|o| o.zoom.to_bits() == self.view.zoom.to_bits())
    }

    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.selection
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

    /// The dot-vote marks drawn on the last frame, by note.
    pub fn marks(&self) -> &HashMap<NoteRef, NoteMark> {
        &self.marks
    }

    /// Where the minimap was drawn on the last frame (screen points), if it
    /// was.
    pub fn minimap_rect(&self) -> Option<Rect> {
        self.minimap_rect
    }

    /// The part of the board in view at the last frame, board units
    /// (`None` before the board was drawn): new notes from the toolbar go
    /// inside it ([`crate::geometry::new_note::spot_for`]).
    pub fn visible_board(&self) -> Option<Rect> {
        let canvas = self.last_rect?;
        Some(Rect::from_min_max(
            self.view.board_from_screen(canvas, canvas.min),
            self.view.board_from_screen(canvas, canvas.max),
        ))
    }

    /// The app applied this frame's edits, which created `created` (kind
    /// and the id the model gave, in order): a note or flow this view
    /// asked for is selected and its text opened for typing. Call once
    /// per frame after applying the view's edits.
    pub fn created(&mut self, created: &[(EntityKind, Id)]) {
        let Some((kind, text)) = self.awaiting.take() else {
            return;
        };
        let Some(&(_, id)) = created.iter().find(|(k, _)| *k == kind) else {
            return;
        };
        match NoteRef::of(kind, id) {
            Some(note) => self.start_rename(note, &text),
            None if kind == EntityKind::Flow => self.edit_flow_label(id, text),
            None => {}
        }
    }

    /// Open the text of the next `kind` this view adds once it exists
    /// ([`CanvasState::created`]), starting with `text`.
    fn rename_when_created(&mut self, kind: EntityKind, text: &str) {
        self.awaiting = Some((kind, text.to_owned()));
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

    /// Show the board for one frame and return what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, input: &BoardInput<'_>) -> BoardResponse {
        let session = input.session;
        let ctx = ui.ctx().clone();
        let mut out = BoardResponse::default();
        let (canvas, response) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Tool map"));
        let painter = ui.painter_at(canvas);
        self.texts.begin_frame(&painter);
        let layout = self.layout_for(&ctx, session, input.revision);
        let resized = self.last_rect.is_none_or(|r| r.size() != canvas.size());
        if self.fit_pending || (resized && !self.view_touched) {
            self.view = self.fit_view(&ctx, input, &layout, canvas);
            self.fit_pending = false;
            self.animation = None;
        }
        self.last_rect = Some(canvas);
        // Cards glide when the user zooms (or the view moves smoothly),
        // not when the view jumps to fit.
        let zoom_before = self.view.zoom;

        let touching = self.touch(ui, canvas, &response);
        if !touching {
            self.zoom_and_scroll(ui, canvas, &response);
        }
        self.step_animation(&ctx, canvas);
        let overview = self.overview_for(&ctx, input, &layout);
        self.forget_missing(session, &layout);
        if !touching {
            self.gestures(ui, canvas, &response, input, &layout, &mut out.edits);
        }
        self.clicks(ui, canvas, &response, input, &layout, &mut out);
        self.keys(ui, input, &layout, &mut out.edits);
        self.follow_spotlight(&ctx, input, &layout, canvas);
        let overview = match overview {
            Some(o) if o.zoom.to_bits() == self.view.zoom.to_bits() => Some(o),
            _ => self.overview_for(&ctx, input, &layout),
        };

        let zoomed = self.view.zoom.to_bits() != zoom_before.to_bits() || self.animation.is_some();
        let glide = self.glide(&ctx, &layout, overview.as_ref(), zoomed);
        let frame = paint::Frame {
            painter: &painter,
            canvas,
            input,
            layout: &layout,
            overview: overview.as_deref(),
            glide: glide.as_deref(),
        };
        self.paint(&frame);
        self.paint_legend(&frame);
        if self.marks != *input.marks {
            self.marks.clone_from(input.marks);
        }
        self.paint_marks(&painter, canvas, &layout, overview.as_deref());
        self.paint_title(&frame);
        // In projector mode the minimap shows only while part of the board
        // is out of view and the room is not brought to a tool.
        let show_minimap = input.minimap
            && !(input.projector && (self.spotlight.is_some() || self.all_in_view(&frame)));
        if show_minimap {
            self.minimap_ui(ui, canvas, session, &layout);
        } else {
            self.minimap_rect = None;
        }
        self.peek_ui(ui, &response, &frame);
        self.inline_edit_ui(ui, canvas, session, &layout, &mut out.edits);
        self.context_menu(&response, input, &mut out.edits);
        self.hover_cursor(ui, canvas, &response, &layout, overview.as_deref());
        out
    }

    /// This frame's board layout: the cached one while the document's
    /// revision is unchanged and nothing is being dragged, else a new one.
    fn layout_for(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        revision: u64,
    ) -> Arc<Geometry> {
        let moving = match &self.gesture {
            Some(Gesture::Move { moving, delta }) => {
                Some((moving.iter().copied().collect::<HashSet<_>>(), *delta))
            }
            _ => None,
        };
        let mut fonts = CtxFonts(ctx);
        if let Some(moving) = moving {
            // Dragged notes move every frame: not worth caching.
            return Arc::new(Geometry::of(
                session,
                Some(moving),
                &mut self.measure,
                &mut fonts,
            ));
        }
        if let Some((_, layout)) = self.layout.as_ref().filter(|(r, _)| *r == revision) {
            return Arc::clone(layout);
        }
        let layout = Arc::new(Geometry::of(session, None, &mut self.measure, &mut fonts));
        self.layout = Some((revision, Arc::clone(&layout)));
        layout
    }

    /// The overview at this frame's zoom, when the board is zoomed out
    /// below [`Legibility::detail_zoom`]; reused while the layout, zoom
    /// and fonts are the same.
    fn overview_for(
        &mut self,
        ctx: &egui::Context,
        input: &BoardInput<'_>,
        layout: &Arc<Geometry>,
    ) -> Option<Arc<Overview>> {
        let zoom = self.view.zoom;
        if input.legibility.is_detail(zoom) {
            return None;
        }
        let generation = self.texts.generation();
        let room = self.overview_room();
        if let Some(o) = self.overview.as_ref().filter(|o| {
            o.zoom.to_bits() == zoom.to_bits()
                && o.legibility == input.legibility
                && o.generation == generation
                && o.room == room
                && Arc::ptr_eq(&o.layout, layout)
        }) {
            return Some(Arc::clone(o));
        }
        let ask = match self.fit_naming {
            Some((fitted, naming)) if zoom >= fitted => naming::Ask::Exactly(naming),
            Some((_, naming)) => naming::Ask::AtMost(naming),
            None => naming::Ask::Most,
        };
        let overview = Arc::new(Overview::of(
            ctx,
            input.session,
            layout,
            zoom,
            input.legibility,
            generation,
            room,
            ask,
        ));
        self.overview = Some(Arc::clone(&overview));
        Some(overview)
    }

    /// The room the overview fits the whole map into: where "fit all" last
    /// fitted it, else the canvas.
    fn overview_room(&self) -> Option<Vec2> {
        self.fit_room
            .or_else(|| {
                self.last_rect
                    .map(|c| Rect::from_min_size(Pos2::ZERO, c.size()))
            })
            .map(|r| r.size())
    }

    /// Where the room for the map is on screen this frame.
    pub(super) fn room_in_screen(&self, canvas: Rect) -> Rect {
        self.fit_room
            .map_or(canvas, |r| r.translate(canvas.min.to_vec2()))
    }

    /// Drop selection and edits of things that no longer exist (after
    /// undo, or a deletion). `layout` holds every note on the board.
    fn forget_missing(&mut self, session: &Session, layout: &Geometry) {
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
}

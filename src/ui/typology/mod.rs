//! Step 3, Task Typology (METHOD.md): the 2×2 grid and the tray of
//! unplaced tasks.
//!
//! Horizontal axis Predictable ↔ Unpredictable, vertical Low-stakes ↔
//! High-stakes; each quadrant titled with its recommended rhythm. Task
//! notes are dropped here from the board, from the tray, or moved within
//! the grid; a note near an axis is shown as *undecided*. Each task is a
//! dot at its place and its name on a label nearby ([`labels`]), or a
//! number whose name is in the legend under the grid; a label carries the
//! task's automation label (O / A / hybrid) as a tag, and the airlocks of
//! the hybrid score (Step 4) are drawn as gated arrows between their
//! zones. The whole figure is laid out without painting ([`figure`]), so
//! that another picture of the grid (the workshop minutes) can draw it
//! the same way:
//!
//! ```ignore
//! let figure = figure::lay_out(&painter, &FigureAsked { session, area, floor, expanded: None });
//! for label in &figure.labels.labels { /* label.dot, label.rect, label.lines, label.leader, label.marker */ }
//! for entry in &figure.labels.legend { /* figure.legend_at + entry.rect, entry.number, entry.lines */ }
//! ```
//!
//! [`labels::lay_out`] alone needs only a
//! [`crate::geometry::measure::MeasureText`] (a painter, the geometry's
//! own fonts, or any font metrics), the grid's rectangle and the
//! rectangles to keep clear of (from [`grid::grid_texts`]).

mod airlocks;
mod chips;
#[cfg(feature = "diagnostics")]
mod drawn;
pub mod figure;
pub mod grid;
pub mod labels;

use egui::{CursorIcon, Frame, Key, Pos2, Rect, Response, Sense, Ui, Vec2, pos2, vec2};

use super::plate;
use super::theme;
use crate::model::{Airlock, Edit, Entity, GridPos, Id, Placement, Quadrant, Session, Task};
use airlocks::{airlock_name, or_dash, paint_airlocks};
use chips::{peek_lines, stack_lines};
use figure::{FigureAsked, GRID_MARGIN, GridFigure};
use grid::paint_grid;
use labels::{GridLabels, display_name};

/// Drag-and-drop payload: a task note being dragged (from the board, the
/// grid or the tray).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TaskDrag {
    /// The task.
    pub id: Id,
    /// Offset from the task's place to where it was grabbed, screen
    /// points: from a board note's centre, or from a grid task's dot. A
    /// drop puts the task at the pointer minus this.
    pub grab: Vec2,
}

/// Height of the tray's chips before it scrolls, points.
const TRAY_CHIPS_MAX_HEIGHT: f32 = 120.0;
/// Space kept below the grid for the tray until it has been drawn once,
/// points.
const TRAY_MIN_HEIGHT: f32 = 60.0;

/// The grid's own transform: grid coordinates (each −1..1, stakes up) to
/// screen points inside `rect`.
#[derive(Clone, Copy, Debug)]
pub struct GridFrame {
    /// The grid's rectangle on screen.
    pub rect: Rect,
}

impl GridFrame {
    /// Screen position of a grid position.
    pub fn screen_from_grid(&self, pos: GridPos) -> Pos2 {
        let c = self.rect.center();
        pos2(
            c.x + pos.predictability * self.rect.width() / 2.0,
            c.y - pos.stakes * self.rect.height() / 2.0,
        )
    }

    /// Grid position (clamped to −1..1) under a screen position.
    pub fn grid_from_screen(&self, pos_in_screen: Pos2) -> GridPos {
        let c = self.rect.center();
        GridPos::new(
            (pos_in_screen.x - c.x) / (self.rect.width() / 2.0),
            -(pos_in_screen.y - c.y) / (self.rect.height() / 2.0),
        )
    }

    /// The screen rectangle of one quadrant.
    pub fn quadrant_rect(&self, q: Quadrant) -> Rect {
        let (r, c) = (self.rect, self.rect.center());
        match q {
            Quadrant::Orchestra => Rect::from_min_max(r.min, c),
            Quadrant::RehearsedJam => Rect::from_min_max(pos2(c.x, r.min.y), pos2(r.max.x, c.y)),
            Quadrant::JamSession => Rect::from_min_max(c, r.max),
            Quadrant::Algorithm => Rect::from_min_max(pos2(r.min.x, c.y), pos2(c.x, r.max.y)),
        }
    }
}

/// State of the typology view (not saved in the session).
#[derive(Debug, Default)]
pub struct TypologyState {
    /// The task being dragged within the grid, and where it was grabbed.
    dragging: Option<TaskDrag>,
    /// Text typed into the tray's "new task" field.
    new_task: String,
    /// The grid as laid out in the last frame.
    last_frame: Option<GridFrame>,
    /// The task whose context menu is open.
    menu_task: Option<Id>,
    /// The label clicked last: its full name shows large.
    selected: Option<Id>,
    /// The crowded region whose stacked tasks are listed (its "+N" was
    /// clicked).
    expanded: Option<Placement>,
    /// The smallest text on the grid, points (0: the default).
    min_text: f32,
    /// Projector mode: the tray is one strip, without the "new task"
    /// field, so the grid gets the height.
    compact: bool,
    /// The tray's height when last drawn, points (0: not yet).
    tray_height: f32,
    /// The figure (grid, titles, airlocks, labels, legend) as laid out.
    figure: figure::FigureCache,
    /// Tasks whose whole name the grid drew at the last frame.
    named: Vec<Id>,
}

/// The smallest label text outside projector mode, points.
const DEFAULT_MIN_TEXT: f32 = 12.0;
/// The grid's area is at most this many times as tall as it is wide
/// (room for the legend under a square grid).
const MAX_TALL: f32 = 1.35;

/// One frame's grid: where it is, its interaction, and what the pointer
/// does on it.
struct GridFrameUi {
    frame: GridFrame,
    /// The grid and its legend.
    rect: Rect,
    response: Response,
    pointer: Option<Pos2>,
    floor: f32,
}

impl TypologyState {
    /// The grid as laid out in the last frame (for tests and tools).
    pub fn grid_frame(&self) -> Option<GridFrame> {
        self.last_frame
    }

    /// The smallest text the grid may draw, points (projector mode asks
    /// for more); crowded quadrants shrink their labels down to it.
    pub fn set_min_text(&mut self, points: f32) {
        self.min_text = points.clamp(6.0, 60.0);
    }

    /// Projector mode: a one-strip tray without the "new task" field.
    pub fn set_compact(&mut self, compact: bool) {
        self.compact = compact;
    }

    /// The label clicked last (its full name shows), if any.
    pub fn selected(&self) -> Option<Id> {
        self.selected
    }

    /// The grid as laid out at the last frame: every task's dot and label,
    /// the legend, the titles and airlocks (for tests and tools).
    pub fn figure(&self) -> Option<&GridFigure> {
        self.figure.last()
    }

    /// The tasks whose whole name the grid drew at the last frame (a
    /// shortened name or a "+N" stack does not count).
    pub fn named(&self) -> &[Id] {
        &self.named
    }

    /// Show grid and tray; changes go to `out`. One phase after another:
    /// the grid's place, its background and airlocks, the tasks' labels,
    /// then what the pointer did (click, drag, hover, context menu), then
    /// the tray.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        // In projector mode the bar names the step.
        if !self.compact {
            ui.heading("Step 3 · Task typology");
        }
        let (rect, response, floor) = self.allocate_grid(ui);
        let painter = ui.painter_at(rect);
        let figure = self.figure.get(
            &painter,
            &FigureAsked {
                session,
                area: rect,
                floor,
                expanded: self.expanded,
            },
        );
        self.last_frame = Some(figure.frame);
        let grid = GridFrameUi {
            frame: figure.frame,
            rect,
            pointer: ui.input(|i| i.pointer.interact_pos()),
            response,
            floor,
        };
        self.paint_figure(&painter, &grid, session, &figure);
        let laid = &figure.labels;
        self.named = laid.named();
        let airlock_labels: Vec<(&Airlock, Rect)> = figure
            .airlocks
            .iter()
            .filter_map(|p| Some((session.airlocks.get(p.index)?, p.label)))
            .collect();
        airlock_hovers_ui(ui, &airlock_labels);
        self.clicks(&grid, session, laid);
        self.drags(ui, &grid, laid, out);
        self.peek(ui, &grid, session, laid);
        self.context_menu(&grid, session, laid, out);

        ui.add_space(6.0);
        let before = ui.cursor().top();
        self.tray_ui(ui, session, out);
        let used = ui.cursor().top() - before;
        if (used - self.tray_height).abs() > 0.5 {
            // The grid takes what the tray leaves: lay out once more.
            self.tray_height = used;
            ui.ctx().request_repaint();
        }
    }

    /// The grid's area (its legend included): the panel's width, and its
    /// height less the tray's (at most a little taller than wide); and
    /// the smallest text allowed.
    fn allocate_grid(&mut self, ui: &mut Ui) -> (Rect, Response, f32) {
        let width = ui.available_width();
        let tray = if self.tray_height > 0.0 {
            self.tray_height
        } else {
            TRAY_MIN_HEIGHT
        };
        let height = (ui.available_height() - tray - 6.0)
            .min(width * MAX_TALL + 2.0 * GRID_MARGIN.y)
            .max(200.0);
        let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, "Typology grid"));
        let floor = if self.min_text > 0.0 {
            self.min_text
        } else {
            DEFAULT_MIN_TEXT
        };
        (rect, response, floor)
    }

    /// The grid's background, the airlocks, every dot and label (leaving
    /// out the one being dragged) and the legend.
    fn paint_figure(
        &self,
        painter: &egui::Painter,
        grid: &GridFrameUi,
        session: &Session,
        figure: &GridFigure,
    ) {
        let drop_at = grid
            .response
            .dnd_hover_payload::<TaskDrag>()
            .and(grid.pointer);
        paint_grid(painter, figure.frame, &figure.texts, drop_at);
        paint_airlocks(painter, figure.frame, session, &figure.airlocks);
        chips::paint_all(painter, &figure.labels, self.dragging.map(|d| d.id));
        chips::paint_legend(painter, figure.legend_at, &figure.labels.legend);
    }

    /// A click selects a label (its full name shows large) or opens a
    /// stack; elsewhere it clears both.
    fn clicks(&mut self, grid: &GridFrameUi, session: &Session, laid: &GridLabels) {
        if grid.response.clicked() {
            let at = grid.response.interact_pointer_pos();
            let on_stack = at.and_then(|p| chips::stack_at(laid, p));
            let on_label = at.and_then(|p| chips::label_at(laid, p));
            match (on_stack, on_label) {
                (Some(stack), _) => {
                    self.expanded = (self.expanded != Some(stack.region)).then_some(stack.region);
                }
                (None, Some(label)) => self.selected = Some(label.task),
                (None, None) => {
                    self.selected = None;
                    self.expanded = None;
                }
            }
        }
        if self
            .selected
            .is_some_and(|id| session.task(id).and_then(|t| t.grid).is_none())
        {
            self.selected = None;
        }
    }

    /// Drags inside the grid: a label (or its dot) picked up moves with
    /// its dot; dropped on the grid, the task goes where its dot is.
    fn drags(&mut self, ui: &Ui, grid: &GridFrameUi, laid: &GridLabels, out: &mut Vec<Edit>) {
        let response = &grid.response;
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            && let Some(label) = chips::label_at(laid, origin)
        {
            let drag = TaskDrag {
                id: label.task,
                grab: origin - label.dot,
            };
            self.dragging = Some(drag);
            egui::DragAndDrop::set_payload(ui.ctx(), drag);
        }
        if let Some(dropped) = response.dnd_release_payload::<TaskDrag>()
            && let Some(p) = grid.pointer
        {
            out.push(Edit::PlaceTask {
                id: dropped.id,
                grid: Some(grid.frame.grid_from_screen(p - dropped.grab)),
            });
        }
        if response.drag_stopped() || ui.input(|i| i.pointer.any_released()) {
            self.dragging = None;
        }
        // The label being dragged follows the pointer, over everything
        // (also off the grid, toward the tray).
        if let (Some(drag), Some(p)) = (self.dragging, grid.pointer)
            && let Some(label) = laid.labels.iter().find(|l| l.task == drag.id)
        {
            let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("grid ghost"));
            let by = (p - drag.grab) - label.dot;
            chips::paint_moved(&ui.ctx().layer_painter(layer), label, by);
        }
    }

    /// The full name, large, of the label under the pointer (or the one
    /// selected), or the names behind a hovered stack; and the cursor.
    fn peek(&self, ui: &Ui, grid: &GridFrameUi, session: &Session, laid: &GridLabels) {
        let hover = grid.response.hover_pos();
        if self.dragging.is_none() {
            let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("chip peek"));
            let painter = ui.ctx().layer_painter(layer);
            if let Some(plate) =
                self.peek_plate(&painter, (grid.rect, grid.floor), hover, session, laid)
            {
                plate::paint(&painter, &plate);
            }
        }
        let hovered = hover.and_then(|p| chips::label_at(laid, p));
        if hovered.is_some() || self.dragging.is_some() {
            ui.ctx().set_cursor_icon(if self.dragging.is_some() {
                CursorIcon::Grabbing
            } else {
                CursorIcon::Grab
            });
        }
    }

    /// The plate with the full name of the label under `hover` (or the
    /// one selected), or the names behind a stack under `hover`, inside
    /// the grid's `area` whose smallest text is `floor` points; `None`
    /// when there is nothing to show.
    fn peek_plate(
        &self,
        painter: &egui::Painter,
        (area, floor): (Rect, f32),
        hover: Option<Pos2>,
        session: &Session,
        laid: &GridLabels,
    ) -> Option<plate::Plate> {
        let size = (floor * 1.4).max(theme::GRID_NOTE_FONT * 1.2);
        let (anchor, lines) = match hover.and_then(|p| chips::stack_at(laid, p)) {
            Some(stack) => (stack.rect, stack_lines(session, stack)),
            None => {
                let label = hover
                    .and_then(|p| chips::label_at(laid, p))
                    .map(|l| l.task)
                    .or(self.selected)
                    .and_then(|id| laid.labels.iter().find(|l| l.task == id))?;
                (label.rect, peek_lines(session, label))
            }
        };
        let lines: Vec<plate::Line> = lines
            .into_iter()
            .map(|l| plate::Line::plain(l, size))
            .collect();
        Some(plate::lay_out(painter, area, anchor, &lines))
    }

    /// Right-click on a label: back to the tray, or delete the task.
    fn context_menu(
        &mut self,
        grid: &GridFrameUi,
        session: &Session,
        laid: &GridLabels,
        out: &mut Vec<Edit>,
    ) {
        let response = &grid.response;
        if response.secondary_clicked() {
            self.menu_task = response
                .hover_pos()
                .and_then(|p| chips::label_at(laid, p))
                .map(|l| l.task);
        }
        let menu_task = self.menu_task;
        response.context_menu(|ui| match menu_task.and_then(|id| session.task(id)) {
            Some(task) => {
                ui.strong(&task.name);
                if ui.button("Back to the tray").clicked() {
                    out.push(Edit::PlaceTask {
                        id: task.id,
                        grid: None,
                    });
                    ui.close();
                }
                if ui.button("Delete task").clicked() {
                    out.push(Edit::Remove { id: task.id });
                    ui.close();
                }
            }
            None => {
                ui.label("Drag task notes here from the board or the tray");
            }
        });
    }

    /// The tray of unplaced tasks (a drop zone: a task dropped here
    /// leaves the grid) and, outside projector mode, the "new task"
    /// field. An empty tray is one line (and the field's).
    fn tray_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        // Projector mode: a slimmer frame, the grid gets the height.
        let margin = if self.compact { 4.0 } else { 8.0 };
        let zone = Frame::group(ui.style())
            .fill(theme::BOARD_BG)
            .inner_margin(margin);
        // The zone never grows wider than the panel: chips wrap, and a long
        // tray scrolls.
        let width = ui.available_width() - 2.0 * margin - 2.0;
        let unplaced: Vec<&Task> = session.tasks.iter().filter(|t| t.grid.is_none()).collect();
        let (_, dropped) = ui.dnd_drop_zone::<TaskDrag, _>(zone, |ui| {
            ui.set_max_width(width);
            if unplaced.is_empty() {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new("Tray:").strong());
                    ui.label(egui::RichText::new("empty, every task is on the grid").italics());
                });
                if !self.compact {
                    ui.horizontal(|ui| self.new_task_ui(ui, out));
                }
                return;
            }
            ui.label(egui::RichText::new("Tray: tasks not yet placed").strong());
            egui::ScrollArea::vertical()
                .max_height(if self.compact {
                    TRAY_CHIPS_MAX_HEIGHT / 2.0
                } else {
                    TRAY_CHIPS_MAX_HEIGHT
                })
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for task in &unplaced {
                            tray_chip_ui(ui, task);
                        }
                    })
                });
            if !self.compact {
                ui.horizontal(|ui| self.new_task_ui(ui, out));
            }
        });
        if let Some(dropped) = dropped
            && session.task(dropped.id).is_some_and(|t| t.grid.is_some())
        {
            out.push(Edit::PlaceTask {
                id: dropped.id,
                grid: None,
            });
        }
    }

    /// "New task", its field and "Add task", taking the rest of the row.
    fn new_task_ui(&mut self, ui: &mut Ui, out: &mut Vec<Edit>) {
        let label = ui.label("New task");
        // Button first (right to left), so the field takes exactly the
        // width that is left and the panel never grows.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let add = ui.button("Add task");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_task)
                        .hint_text("type, then Enter")
                        .desired_width(ui.available_width()),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if (add.clicked() || entered) && !self.new_task.trim().is_empty() {
                out.push(Edit::Add(Entity::Task(Task {
                    name: self.new_task.trim().to_owned(),
                    board_pos: None,
                    grid: None,
                    ..Task::default()
                })));
                self.new_task.clear();
                if entered {
                    field.request_focus();
                }
            }
        });
    }
}

/// An unplaced task in the tray, dragged onto the grid to place it.
fn tray_chip_ui(ui: &mut Ui, task: &Task) {
    let drag = TaskDrag {
        id: task.id,
        grab: Vec2::ZERO,
    };
    let chip_id = egui::Id::unique(("tray task", task.id.0));
    ui.dnd_drag_source(chip_id, drag, |ui| {
        Frame::new()
            .fill(theme::TASK_FILL)
            .stroke(theme::note_stroke(theme::TASK_STROKE))
            .corner_radius(4.0)
            .inner_margin(vec2(10.0, 6.0))
            .show(ui, |ui| {
                ui.add(egui::Label::new(display_name(task)).truncate())
            });
    });
}

/// Hover-only areas over the airlocks' names, so they never take a drag
/// or a drop from the grid: they name the airlocks for screen readers and
/// show the criteria.
fn airlock_hovers_ui(ui: &Ui, airlock_labels: &[(&Airlock, Rect)]) {
    for (airlock, label_rect) in airlock_labels {
        let name = airlock_name(airlock);
        let label = ui.interact(
            *label_rect,
            egui::Id::unique(("airlock on grid", airlock.id)),
            Sense::hover(),
        );
        label.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Label,
                true,
                format!(
                    "Airlock {name}: {} → {}",
                    airlock.from.title(),
                    airlock.to.title()
                ),
            )
        });
        label.on_hover_text(format!(
            "Airlock {name}: {} → {}\nEntry: {}\nExit: {}\nHandover: {}",
            airlock.from.title(),
            airlock.to.title(),
            or_dash(&airlock.entry),
            or_dash(&airlock.exit),
            or_dash(&airlock.handover),
        ));
    }
}

//! Step 3, Task Typology (METHOD.md): the 2×2 grid and the tray of
//! unplaced tasks.
//!
//! Horizontal axis Predictable ↔ Unpredictable, vertical Low-stakes ↔
//! High-stakes; each quadrant titled with its recommended rhythm. Task
//! notes are dropped here from the board, from the tray, or moved within
//! the grid; a note near an axis is shown as *undecided*. Each chip carries
//! its automation label (O / A / hybrid) as a tag, and the airlocks of the
//! hybrid score (Step 4) are drawn as gated arrows between their zones.

mod airlocks;
mod chips;
mod grid;

use egui::{CursorIcon, Frame, Key, Pos2, Rect, Sense, Ui, Vec2, pos2, vec2};

use super::legibility::Recorder;
use super::theme;
use crate::model::{Edit, Entity, GridPos, Id, Placement, Quadrant, Session, Task};
use airlocks::{airlock_name, or_dash, paint_airlocks};
use chips::{paint_chip, paint_peek, paint_stack, peek_lines, stack_lines};
use grid::paint_grid;

/// Drag-and-drop payload: a task note being dragged (from the board, the
/// grid or the tray).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TaskDrag {
    /// The task.
    pub id: Id,
    /// Offset from the note's centre to where it was grabbed, screen points.
    pub grab: Vec2,
}

/// Space above and below the grid for the axis labels, points.
const AXIS_LABEL_SPACE: f32 = 26.0;
/// Height of the tray's chips before it scrolls, points.
const TRAY_CHIPS_MAX_HEIGHT: f32 = 120.0;
/// Space kept below the grid for the tray until it has been drawn once,
/// points.
const TRAY_MIN_HEIGHT: f32 = 190.0;

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
    /// The chip clicked last: its full name shows large.
    selected: Option<Id>,
    /// The crowded region whose stacked chips are listed (its "+N" was
    /// clicked).
    expanded: Option<Placement>,
    /// The smallest text on the grid, points (0: the default).
    min_text: f32,
    /// Projector mode: the tray is one strip, without the "new task"
    /// field, so the grid gets the height.
    compact: bool,
    /// The tray's height when last drawn, points (0: not yet).
    tray_height: f32,
    /// Where the chips went at the last frame.
    chip_cache: chips::ChipCache,
}

/// The smallest chip text outside projector mode, points.
const DEFAULT_MIN_TEXT: f32 = 12.0;

impl TypologyState {
    /// The grid as laid out in the last frame (for tests and tools).
    pub fn grid_frame(&self) -> Option<GridFrame> {
        self.last_frame
    }

    /// The smallest text the grid may draw, points (projector mode asks
    /// for more); crowded quadrants shrink their chips down to it.
    pub fn set_min_text(&mut self, points: f32) {
        self.min_text = points.clamp(6.0, 60.0);
    }

    /// Projector mode: a one-strip tray without the "new task" field.
    pub fn set_compact(&mut self, compact: bool) {
        self.compact = compact;
    }

    /// The chip whose full name shows (clicked last), if any.
    pub fn selected(&self) -> Option<Id> {
        self.selected
    }

    /// Show grid and tray; changes go to `out`.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        // In projector mode the bar names the step.
        if !self.compact {
            ui.heading("Step 3 · Task typology");
        }
        let width = ui.available_width();
        let tray = if self.tray_height > 0.0 {
            self.tray_height
        } else {
            TRAY_MIN_HEIGHT
        };
        let height = (ui.available_height() - tray - 6.0)
            .min(width + 2.0 * AXIS_LABEL_SPACE)
            .max(200.0);
        let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, "Typology grid"));
        // Room above and below the grid for the stakes axis's poles.
        let frame = GridFrame {
            rect: rect.shrink2(vec2(2.0, AXIS_LABEL_SPACE)),
        };
        self.last_frame = Some(frame);
        let painter = ui.painter_at(rect);
        let pointer = ui.input(|i| i.pointer.interact_pos());
        let hovering_payload = response.dnd_hover_payload::<TaskDrag>();

        let recorder = Recorder::active(ui.ctx());
        let grid_labels = paint_grid(
            &painter,
            frame,
            session,
            hovering_payload.is_some().then_some(pointer).flatten(),
            recorder.as_ref(),
        );
        let floor = if self.min_text > 0.0 {
            self.min_text
        } else {
            DEFAULT_MIN_TEXT
        };
        // Airlock names first (few, and tied to their arrows), then the
        // chips around them and the grid's labels.
        let airlock_labels = paint_airlocks(
            &painter,
            frame,
            session,
            &grid_labels,
            floor,
            recorder.as_ref(),
        );
        let mut obstacles = grid_labels.clone();
        obstacles.extend(airlock_labels.iter().map(|(_, r)| *r));
        let dragging = self.dragging.zip(pointer);
        let laid = chips::lay_out(
            &painter,
            chips::ChipsAsked {
                frame,
                session,
                dragging,
                floor,
                labels: &obstacles,
                expanded: self.expanded,
            },
            &mut self.chip_cache,
        );
        for stack in &laid.stacks {
            paint_stack(&painter, stack, recorder.as_ref());
        }
        let chips = &laid.chips;
        for chip in chips {
            let lifted = self.dragging.is_some_and(|d| d.id == chip.task.id);
            paint_chip(&painter, chip, lifted, recorder.as_ref());
        }
        // Hover-only, so they never take a drag or a drop from the grid;
        // they name the airlocks for screen readers and show the criteria.
        for (airlock, label_rect) in airlock_labels {
            let name = airlock_name(airlock);
            let label = ui.interact(
                label_rect,
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

        // A click selects a chip (its full name shows large) or opens a
        // stack; elsewhere it clears both.
        if response.clicked() {
            let at = response.interact_pointer_pos();
            let on_stack = at.and_then(|p| laid.stacks.iter().find(|s| s.rect.contains(p)));
            let on_chip = at.and_then(|p| chips.iter().rev().find(|c| c.rect.contains(p)));
            match (on_stack, on_chip) {
                (Some(stack), _) => {
                    self.expanded = (self.expanded != Some(stack.region)).then_some(stack.region);
                }
                (None, Some(chip)) => self.selected = Some(chip.task.id),
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

        // Drags inside the grid.
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            && let Some(chip) = chips.iter().rev().find(|c| c.rect.contains(origin))
        {
            let drag = TaskDrag {
                id: chip.task.id,
                grab: origin - chip.rect.center(),
            };
            self.dragging = Some(drag);
            egui::DragAndDrop::set_payload(ui.ctx(), drag);
        }
        if let Some(dropped) = response.dnd_release_payload::<TaskDrag>()
            && let Some(p) = pointer
        {
            out.push(Edit::PlaceTask {
                id: dropped.id,
                grid: Some(frame.grid_from_screen(p - dropped.grab)),
            });
        }
        if response.drag_stopped() || ui.input(|i| i.pointer.any_released()) {
            self.dragging = None;
        }
        if let (Some(drag), Some(p)) = (self.dragging, pointer)
            && !rect.contains(p)
            && let Some(chip) = chips.iter().find(|c| c.task.id == drag.id)
        {
            let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("grid ghost"));
            paint_chip(&ui.ctx().layer_painter(layer), chip, true, None);
        }

        // Context menu and cursor.
        let hover = response.hover_pos();
        let hovered_note = hover
            .and_then(|p| chips.iter().rev().find(|c| c.rect.contains(p)))
            .map(|c| c.task.id);
        if self.dragging.is_none() {
            let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("chip peek"));
            let size = (floor * 1.4).max(theme::GRID_NOTE_FONT * 1.2);
            let hovered_stack = hover.and_then(|p| laid.stacks.iter().find(|s| s.rect.contains(p)));
            let shown = hovered_note.or(self.selected);
            if let Some(stack) = hovered_stack {
                let lines = stack_lines(stack);
                paint_peek(
                    ui.ctx(),
                    layer,
                    rect,
                    stack.rect,
                    &lines,
                    size,
                    recorder.as_ref(),
                );
            } else if let Some(chip) = shown.and_then(|id| chips.iter().find(|c| c.task.id == id)) {
                let lines = peek_lines(chip);
                paint_peek(
                    ui.ctx(),
                    layer,
                    rect,
                    chip.rect,
                    &lines,
                    size,
                    recorder.as_ref(),
                );
            }
        }
        if hovered_note.is_some() || self.dragging.is_some() {
            ui.ctx().set_cursor_icon(if self.dragging.is_some() {
                CursorIcon::Grabbing
            } else {
                CursorIcon::Grab
            });
        }
        if response.secondary_clicked() {
            self.menu_task = hovered_note;
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

    fn tray_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        let zone = Frame::group(ui.style())
            .fill(theme::BOARD_BG)
            .inner_margin(8.0);
        // The zone never grows wider than the panel: chips wrap, and a long
        // tray scrolls.
        let width = ui.available_width() - 2.0 * 8.0 - 2.0;
        let (_, dropped) = ui.dnd_drop_zone::<TaskDrag, _>(zone, |ui| {
            ui.set_max_width(width);
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
                        let mut any = false;
                        for task in session.tasks.iter().filter(|t| t.grid.is_none()) {
                            any = true;
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
                        if !any {
                            ui.label(
                                egui::RichText::new("(empty: every task is on the grid)").italics(),
                            );
                        }
                    })
                });
            if self.compact {
                return;
            }
            ui.horizontal(|ui| {
                let label = ui.label("New task");
                // Button first (right to left), so the field takes exactly
                // the width that is left and the panel never grows.
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
            });
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
}

fn display_name(task: &Task) -> &str {
    if task.name.is_empty() {
        "(unnamed task)"
    } else {
        &task.name
    }
}

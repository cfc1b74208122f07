//! Step 3, Task Typology (METHOD.md): the 2×2 grid and the tray of
//! unplaced tasks.
//!
//! Horizontal axis Predictable ↔ Unpredictable, vertical Low-stakes ↔
//! High-stakes; each quadrant titled with its recommended rhythm. Task
//! notes are dropped here from the board, from the tray, or moved within
//! the grid; a note near an axis is shown as *undecided*. Each chip carries
//! its automation label (O / A / hybrid) as a tag, and the airlocks of the
//! hybrid score (Step 4) are drawn as gated arrows between their zones.

use egui::{
    Align2, CornerRadius, CursorIcon, FontId, Frame, Key, Pos2, Rect, Sense, Shape, Stroke,
    StrokeKind, Ui, Vec2, pos2, vec2,
};

mod airlocks;

use super::theme;
use crate::model::{
    AutomationLabel, Edit, Entity, GridPos, Id, Placement, Quadrant, Session, Task, UNDECIDED_BAND,
};

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
/// Space kept below the grid for the tray, points.
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
}

impl TypologyState {
    /// The grid as laid out in the last frame (for tests and tools).
    pub fn grid_frame(&self) -> Option<GridFrame> {
        self.last_frame
    }

    /// Show grid and tray; changes go to `out`.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        ui.heading("Step 3 · Task typology");
        let width = ui.available_width();
        let height = (ui.available_height() - TRAY_MIN_HEIGHT)
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

        let grid_labels = paint_grid(
            &painter,
            frame,
            session,
            hovering_payload.is_some().then_some(pointer).flatten(),
        );
        let airlock_labels = airlocks::paint_airlocks(&painter, frame, session, &grid_labels);
        let chips = chips(&painter, frame, session, self.dragging, pointer);
        for chip in &chips {
            let lifted = self.dragging.is_some_and(|d| d.id == chip.task.id);
            paint_chip(&painter, chip, lifted);
        }
        // Hover-only, so they never take a drag or a drop from the grid;
        // they name the airlocks for screen readers and show the criteria.
        for (airlock, label_rect) in airlock_labels {
            let name = airlocks::airlock_name(airlock);
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
                airlocks::or_dash(&airlock.entry),
                airlocks::or_dash(&airlock.exit),
                airlocks::or_dash(&airlock.handover),
            ));
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
            paint_chip(&ui.ctx().layer_painter(layer), chip, true);
        }

        // Context menu and cursor.
        let hovered_note = response
            .hover_pos()
            .and_then(|p| chips.iter().rev().find(|c| c.rect.contains(p)))
            .map(|c| c.task.id);
        if let Some(task) = hovered_note.and_then(|id| session.task(id))
            && self.dragging.is_none()
        {
            response.clone().on_hover_text(format!(
                "{}\n{}",
                display_name(task),
                task.placement().map_or("", |p| p.label())
            ));
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
        self.tray_ui(ui, session, out);
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
                .max_height(TRAY_CHIPS_MAX_HEIGHT)
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

/// A placed task as drawn: its chip's screen rectangle, laid-out name and
/// automation tag.
struct Chip<'a> {
    task: &'a Task,
    rect: Rect,
    galley: std::sync::Arc<egui::Galley>,
    tag: Option<Tag>,
}

/// The automation label on a chip: O / A / hybrid, with ⚠ when it
/// disagrees with the chip's quadrant.
struct Tag {
    galley: std::sync::Arc<egui::Galley>,
    fill: egui::Color32,
}

/// Room kept right of a tag for an undecided chip's "?" badge, points.
const UNDECIDED_BADGE_ROOM: f32 = 10.0;
/// Padding around a tag's text, points.
const TAG_PADDING: Vec2 = vec2(5.0, 2.0);

impl Tag {
    fn of(painter: &egui::Painter, task: &Task) -> Option<Self> {
        let label = task.automation.label()?;
        let disagrees = matches!(
            task.placement(),
            Some(Placement::Quadrant(q)) if label.disagrees_with(q)
        );
        let text = if disagrees {
            format!("⚠ {}", label.short())
        } else {
            label.short().to_owned()
        };
        let fill = if disagrees {
            theme::WARNING_INK
        } else {
            match label {
                AutomationLabel::Orchestral => theme::TAG_ORCHESTRAL,
                AutomationLabel::Algorithmic => theme::TAG_ALGORITHMIC,
                AutomationLabel::Hybrid => theme::TAG_HYBRID,
            }
        };
        let galley = painter.layout_no_wrap(
            text,
            FontId::proportional(theme::CHIP_TAG_FONT),
            theme::TAG_INK,
        );
        Some(Self { galley, fill })
    }

    /// Width the tag takes inside a chip, gap included, points.
    fn room(&self) -> f32 {
        self.galley.size().x + 2.0 * TAG_PADDING.x + theme::GRID_CHIP_PADDING / 2.0
    }
}

/// The chips of the placed tasks, the one being dragged following the
/// pointer. A chip is one line of text, elided to fit its quadrant.
fn chips<'a>(
    painter: &egui::Painter,
    frame: GridFrame,
    session: &'a Session,
    dragging: Option<TaskDrag>,
    pointer: Option<Pos2>,
) -> Vec<Chip<'a>> {
    let max_width = (frame.rect.width() / 2.0 - 16.0).max(60.0);
    session
        .tasks
        .iter()
        .filter_map(|task| {
            let centre = match (dragging, pointer) {
                (Some(d), Some(p)) if d.id == task.id => p - d.grab,
                _ => frame.screen_from_grid(task.grid?),
            };
            let tag = Tag::of(painter, task);
            let badge_room = if task.placement() == Some(Placement::Undecided) {
                UNDECIDED_BADGE_ROOM
            } else {
                0.0
            };
            let tag_room = tag.as_ref().map_or(0.0, |t| t.room() + badge_room);
            let galley = chip_galley(painter, task, max_width - tag_room);
            let size = vec2(
                galley.size().x + 2.0 * theme::GRID_CHIP_PADDING + tag_room,
                theme::GRID_CHIP_HEIGHT,
            );
            Some(Chip {
                task,
                rect: Rect::from_center_size(centre, size),
                galley,
                tag,
            })
        })
        .collect()
}

fn chip_galley(
    painter: &egui::Painter,
    task: &Task,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(
        display_name(task).to_owned(),
        FontId::proportional(theme::GRID_NOTE_FONT),
        theme::INK,
    );
    job.wrap.max_width = max_width - 2.0 * theme::GRID_CHIP_PADDING;
    job.wrap.max_rows = 1;
    painter.layout_job(job)
}

/// Paint quadrants, axes and their labels; returns the screen rectangles of
/// the titles and axis labels (for other labels to keep clear of).
fn paint_grid(
    painter: &egui::Painter,
    frame: GridFrame,
    session: &Session,
    drop_at: Option<Pos2>,
) -> Vec<Rect> {
    let mut texts = Vec::with_capacity(12);
    let rect = frame.rect;
    let target = drop_at.map(|p| frame.grid_from_screen(p).placement());
    // Titles shrink with a narrow grid so neighbours never overlap.
    let title_font = (rect.width() / 20.0).clamp(14.0, theme::QUADRANT_TITLE_FONT);
    for q in Quadrant::ALL {
        let qr = frame.quadrant_rect(q);
        painter.rect_filled(qr, CornerRadius::ZERO, theme::quadrant_fill(q));
        if target == Some(Placement::Quadrant(q)) {
            painter.rect_stroke(
                qr.shrink(2.0),
                CornerRadius::ZERO,
                Stroke::new(4.0, theme::SELECTION),
                StrokeKind::Inside,
            );
        }
        let count = session
            .tasks
            .iter()
            .filter(|t| t.placement() == Some(Placement::Quadrant(q)))
            .count();
        // Titles sit in the outer corners, clear of the axes and the notes
        // near the middle.
        let inset = vec2(10.0, 6.0);
        let (title_pos, align, below) = match q {
            Quadrant::Orchestra => (qr.left_top() + inset, Align2::LEFT_TOP, true),
            Quadrant::RehearsedJam => (
                qr.right_top() + vec2(-inset.x, inset.y),
                Align2::RIGHT_TOP,
                true,
            ),
            Quadrant::JamSession => (qr.right_bottom() - inset, Align2::RIGHT_BOTTOM, false),
            Quadrant::Algorithm => (
                qr.left_bottom() + vec2(inset.x, -inset.y),
                Align2::LEFT_BOTTOM,
                false,
            ),
        };
        let title = painter.text(
            title_pos,
            align,
            format!("{}  ({count})", q.title()),
            FontId::proportional(title_font),
            theme::INK,
        );
        let axes_pos = if below {
            pos2(title_pos.x, title.max.y + 2.0)
        } else {
            pos2(title_pos.x, title.min.y - 2.0)
        };
        let axes_align = if below {
            Align2([align.x(), egui::Align::Min])
        } else {
            Align2([align.x(), egui::Align::Max])
        };
        let axes = painter.text(
            axes_pos,
            axes_align,
            q.axes(),
            FontId::proportional((title_font * 0.65).max(11.0)),
            theme::INK_SOFT,
        );
        texts.push(title);
        texts.push(axes);
    }
    // The undecided bands along both axes.
    let c = rect.center();
    let band_x = UNDECIDED_BAND * rect.width() / 2.0;
    let band_y = UNDECIDED_BAND * rect.height() / 2.0;
    let undecided_hover = target == Some(Placement::Undecided);
    let band_fill = if undecided_hover {
        theme::WARNING_BG
    } else {
        theme::UNDECIDED_BAND_FILL
    };
    painter.rect_filled(
        Rect::from_min_max(
            pos2(c.x - band_x, rect.min.y),
            pos2(c.x + band_x, rect.max.y),
        ),
        CornerRadius::ZERO,
        band_fill,
    );
    painter.rect_filled(
        Rect::from_min_max(
            pos2(rect.min.x, c.y - band_y),
            pos2(rect.max.x, c.y + band_y),
        ),
        CornerRadius::ZERO,
        band_fill,
    );
    let axis = Stroke::new(2.5, theme::INK_SOFT);
    painter.line_segment([pos2(rect.min.x, c.y), pos2(rect.max.x, c.y)], axis);
    painter.line_segment([pos2(c.x, rect.min.y), pos2(c.x, rect.max.y)], axis);
    painter.rect_stroke(
        rect,
        CornerRadius::ZERO,
        Stroke::new(2.0, theme::INK_SOFT),
        StrokeKind::Inside,
    );

    // Axis poles at the ends of each axis.
    let label = |pos: Pos2, align: Align2, text: &str| {
        let font = FontId::proportional(16.0);
        let galley = painter.layout_no_wrap(text.to_owned(), font, theme::INK);
        let r = align
            .anchor_size(pos, galley.size())
            .expand2(vec2(6.0, 2.0));
        painter.rect_filled(r, CornerRadius::same(4), egui::Color32::WHITE);
        painter.galley(r.min + vec2(6.0, 2.0), galley, theme::INK);
        r
    };
    texts.extend([
        label(
            pos2(rect.min.x + 6.0, c.y),
            Align2::LEFT_CENTER,
            "◀ Predictable",
        ),
        label(
            pos2(rect.max.x - 6.0, c.y),
            Align2::RIGHT_CENTER,
            "Unpredictable ▶",
        ),
        label(
            pos2(c.x, rect.min.y - 4.0),
            Align2::CENTER_BOTTOM,
            "▲ High-stakes",
        ),
        label(
            pos2(c.x, rect.max.y + 4.0),
            Align2::CENTER_TOP,
            "▼ Low-stakes",
        ),
    ]);
    texts
}

fn paint_chip(painter: &egui::Painter, chip: &Chip<'_>, lifted: bool) {
    let undecided = chip.task.placement() == Some(Placement::Undecided);
    let rect = if lifted {
        chip.rect.translate(vec2(0.0, -3.0))
    } else {
        chip.rect
    };
    painter.rect_filled(rect, CornerRadius::same(4), theme::TASK_FILL);
    if undecided {
        // Dashed outline and a "?" badge: undecided is told by shape and
        // text, not colour alone.
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        painter.extend(Shape::dashed_line(
            &corners,
            Stroke::new(3.0, theme::WARNING_INK),
            8.0,
            5.0,
        ));
        let badge = rect.right_top() + vec2(-2.0, 0.0);
        painter.circle(
            badge,
            10.0,
            theme::WARNING_BG,
            Stroke::new(2.0, theme::WARNING_INK),
        );
        painter.text(
            badge,
            Align2::CENTER_CENTER,
            "?",
            FontId::proportional(15.0),
            theme::WARNING_INK,
        );
    } else {
        painter.rect_stroke(
            rect,
            CornerRadius::same(4),
            theme::note_stroke(theme::TASK_STROKE),
            StrokeKind::Inside,
        );
    }
    painter.galley(
        pos2(
            rect.min.x + theme::GRID_CHIP_PADDING,
            rect.center().y - chip.galley.size().y / 2.0,
        ),
        chip.galley.clone(),
        theme::INK,
    );
    if let Some(tag) = &chip.tag {
        let size = tag.galley.size() + 2.0 * TAG_PADDING;
        let tag_rect = Rect::from_min_size(
            pos2(
                rect.max.x
                    - theme::GRID_CHIP_PADDING / 2.0
                    - size.x
                    - if undecided { UNDECIDED_BADGE_ROOM } else { 0.0 },
                rect.center().y - size.y / 2.0,
            ),
            size,
        );
        painter.rect_filled(tag_rect, CornerRadius::same(3), tag.fill);
        painter.galley(
            tag_rect.min + TAG_PADDING,
            tag.galley.clone(),
            theme::TAG_INK,
        );
    }
}

//! Where each task's name goes on the typology grid (issue 18.3),
//! computed without painting: a pure function of the session, the grid's
//! rectangle, the font sizes and a way to measure text ([`MeasureText`]),
//! so that the window, `rhythm layout` and anything that draws the grid
//! elsewhere (a vector picture in the minutes) place the names the same
//! way.
//!
//! Each placed task is a **dot** at its true position and a **label**
//! (its name on a task-yellow plate) in the nearest free space of its own
//! quadrant: beside the dot where there is room, else further away with a
//! **leader line** from the dot to the label. Undecided tasks (within
//! [`crate::model::UNDECIDED_BAND`] of an axis) may use the whole grid.
//! A quadrant's labels all take the largest font, from
//! [`LabelFonts::largest`] down to [`LabelFonts::floor`], at which every
//! whole name finds room, wrapped over one to four lines. Where even the
//! floor is too large, as many whole names as fit are placed, then the
//! others' names shortened to their first words with "…" (the full name
//! shows on hover), and only the tasks that find no room at all are
//! stacked behind one "+N" label, which lists them when opened.
//!
//! Labels never cover one another, another task's dot or leader line, or
//! the rectangles they are asked to keep clear of (the quadrant titles,
//! the axes' poles, the airlocks' names). All geometry is in one unit,
//! the caller's (screen points in the window).

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::GridFrame;
use crate::geometry::spots::{Taken, segment_crosses};
use crate::model::{AutomationLabel, Id, Placement, Quadrant, Session, Task};

/// Measures text for the layout.
pub trait MeasureText {
    /// Width of `text` set on one line in the proportional font at `size`
    /// (same unit as the grid's rectangle).
    fn width(&mut self, text: &str, size: f32) -> f32;
    /// Height of one line of the proportional font at `size`.
    fn line_height(&mut self, size: f32) -> f32;
}

impl MeasureText for egui::Painter {
    fn width(&mut self, text: &str, size: f32) -> f32 {
        self.layout_no_wrap(
            text.to_owned(),
            egui::FontId::proportional(size),
            egui::Color32::PLACEHOLDER,
        )
        .size()
        .x
    }

    fn line_height(&mut self, size: f32) -> f32 {
        self.layout_no_wrap(
            "Ag".to_owned(),
            egui::FontId::proportional(size),
            egui::Color32::PLACEHOLDER,
        )
        .size()
        .y
    }
}

impl MeasureText for egui::epaint::text::FontsView<'_> {
    fn width(&mut self, text: &str, size: f32) -> f32 {
        self.layout_no_wrap(
            text.to_owned(),
            egui::FontId::proportional(size),
            egui::Color32::PLACEHOLDER,
        )
        .size()
        .x
    }

    fn line_height(&mut self, size: f32) -> f32 {
        self.row_height(&egui::FontId::proportional(size))
    }
}

/// Font sizes of the names, in the grid's unit (points in the window).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelFonts {
    /// Where there is room, names take this size.
    pub largest: f32,
    /// Names shrink no smaller than this: the legibility floor (24 px in
    /// projector mode).
    pub floor: f32,
    /// The automation tag's size (O / A / hybrid), at least this.
    pub tag: f32,
}

/// What to lay out.
#[derive(Clone, Copy, Debug)]
pub struct LabelsAsked<'a> {
    /// The session whose placed tasks are labelled.
    pub session: &'a Session,
    /// The 2×2 grid (its four quadrants, no margins).
    pub grid: Rect,
    /// The names' font sizes.
    pub fonts: LabelFonts,
    /// What labels must keep clear of: the quadrants' titles, the axes'
    /// poles, the airlocks' names.
    pub keep_clear: &'a [Rect],
    /// The region whose "+N" stack is open: its tasks are listed in a
    /// column from the stack, over everything.
    pub expanded: Option<Placement>,
    /// The legend's width (the grid's, usually); 0: no legend, names that
    /// find no room are shortened or stacked.
    pub legend_width: f32,
    /// The legend's greatest height; entries beyond it are shortened or
    /// stacked instead.
    pub legend_max_height: f32,
}

/// Every label of the grid.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridLabels {
    /// One per placed task that found room (or is listed by an open
    /// stack), in drawing order.
    pub labels: Vec<TaskLabel>,
    /// The "+N" of a region whose tasks found no room at all.
    pub stacks: Vec<StackLabel>,
    /// The names of the tasks drawn as a numbered marker, each beside its
    /// number, in a block below the grid (empty: no legend).
    pub legend: Vec<LegendEntry>,
    /// The legend block's height (0 without one): the caller leaves this
    /// much below the grid for it.
    pub legend_height: f32,
    /// The height a legend naming every task left without a whole label
    /// would need (more than `legend_height` when the legend was too
    /// short for them): the caller may leave that much and lay out again.
    pub legend_wanted: f32,
}

impl GridLabels {
    /// The tasks whose whole name is drawn: on a label, or in the legend
    /// beside its number (a shortened name or a "+N" does not count).
    pub fn named(&self) -> Vec<Id> {
        self.labels
            .iter()
            .filter(|l| l.whole && !l.listed && l.marker.is_none())
            .map(|l| l.task)
            .chain(self.legend.iter().map(|e| e.task))
            .collect()
    }
}

/// One line of the legend: a task's number and its whole name.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The task.
    pub task: Id,
    /// Its number, as on its marker on the grid.
    pub number: u32,
    /// Where the entry goes, relative to the legend block's top-left.
    pub rect: Rect,
    /// The number's disc, relative to the legend block's top-left.
    pub marker: Rect,
    /// Top-left of the name's first line, relative to the block.
    pub text_at: Pos2,
    /// The whole name, one entry per line.
    pub lines: Vec<String>,
    /// Its font size.
    pub size: f32,
    /// Distance from one line's top to the next's.
    pub line_pitch: f32,
}

/// A task's dot and label.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskLabel {
    /// The task.
    pub task: Id,
    /// Its full name (what hovering shows).
    pub name: String,
    /// Its quadrant, or undecided.
    pub placement: Placement,
    /// The task's true position on the grid.
    pub dot: Pos2,
    /// The label's plate.
    pub rect: Rect,
    /// The top-left corner of the first line of the name.
    pub text_at: Pos2,
    /// The name as drawn, one entry per line; the last ends in "…" when
    /// the name is shortened.
    pub lines: Vec<String>,
    /// Font size of the name.
    pub size: f32,
    /// Distance from one line's top to the next's.
    pub line_pitch: f32,
    /// The whole name is drawn (not shortened).
    pub whole: bool,
    /// From the dot to the label, when the label is not beside its dot.
    pub leader: Option<[Pos2; 2]>,
    /// The automation tag at the plate's right end, if the task has one.
    pub tag: Option<LabelTag>,
    /// Listed by an open stack (away from its dot, no leader line).
    pub listed: bool,
    /// A numbered marker standing for the task, whose name is in the
    /// legend: `lines` is the number alone.
    pub marker: Option<u32>,
}

impl TaskLabel {
    /// The name's text block (every line).
    pub fn text_rect(&self, measure: &mut dyn MeasureText) -> Rect {
        let width = self
            .lines
            .iter()
            .map(|l| measure.width(l, self.size))
            .fold(0.0, f32::max);
        let rows = self.lines.len().max(1) as f32;
        Rect::from_min_size(
            self.text_at,
            vec2(
                width,
                (rows - 1.0) * self.line_pitch + measure.line_height(self.size),
            ),
        )
    }
}

/// A task's automation label as a tag on its label: "O", "A" or "hybrid",
/// "⚠ A" where it disagrees with the task's quadrant.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelTag {
    /// What it says.
    pub text: String,
    /// The automation label.
    pub label: AutomationLabel,
    /// It disagrees with the quadrant.
    pub disagrees: bool,
    /// The tag's plate.
    pub rect: Rect,
    /// Its font size.
    pub size: f32,
}

/// The tasks of a region that found no room, behind one "+N".
#[derive(Clone, Debug, PartialEq)]
pub struct StackLabel {
    /// The quadrant, or undecided.
    pub region: Placement,
    /// The "+N" plate.
    pub rect: Rect,
    /// The tasks behind it.
    pub tasks: Vec<Id>,
    /// "+N".
    pub text: String,
    /// Its font size.
    pub size: f32,
}

/// A dot's radius.
pub const DOT_RADIUS: f32 = 5.0;
/// Space between a dot and a label beside it.
const DOT_GAP: f32 = 3.0;
/// A label's padding around its text, left/right and top/bottom.
pub const LABEL_PADDING: Vec2 = vec2(6.0, 2.0);
/// Space kept between two labels.
const LABEL_GAP: f32 = 3.0;
/// A line's pitch as a share of the font size (egui's row is ~1.17).
const LINE_PITCH: f32 = 1.08;
/// Most lines of a name.
const MAX_LINES: usize = 4;
/// Padding around a tag's text.
pub const TAG_PADDING: Vec2 = vec2(5.0, 1.0);
/// Room kept at an undecided label's right end for its "?" badge.
pub const UNDECIDED_BADGE_ROOM: f32 = 24.0;
/// What a label away from its dot costs, in the unit of distance: a label
/// beside its dot is worth this much walking.
const AWAY_COST: f32 = 40.0;
/// What each line beyond the first costs, in the unit of distance.
const LINE_COST: f32 = 6.0;
/// What a leader line across a title, a pole or another task's dot
/// costs, in the unit of distance: taken only where nothing else is free.
const CROSSING_COST: f32 = 400.0;
/// Fewest words a shortened name keeps.
const SHORTEST_WORDS: usize = 2;
/// More tasks than this in one region: only the floor size is tried
/// (placing is costly there).
const CROWDED: usize = 30;
/// Most orders tried at one size (each starting with the task the last
/// one found no room for).
const MAX_TRIES: usize = 8;
/// Labels needing more than this share of a region's room are not tried
/// at that size (they never fit: leaders, dots and gaps take the rest).
const ROOM_SHARE: f32 = 0.8;
/// Steps of font size tried between the largest and the floor.
const SIZE_STEP: f32 = 1.0;

/// Where a label of `placement` may go: its quadrant, or the whole grid
/// for an undecided task.
pub fn region(frame: GridFrame, placement: Placement) -> Rect {
    match placement {
        Placement::Quadrant(q) => frame.quadrant_rect(q).shrink(3.0),
        Placement::Undecided => frame.rect.shrink(3.0),
    }
}

/// A task's name as shown ("(unnamed task)" when empty).
pub fn display_name(task: &Task) -> &str {
    if task.name.trim().is_empty() {
        "(unnamed task)"
    } else {
        &task.name
    }
}

/// Lay out every placed task's dot and label (see the module docs).
///
/// In each region (the undecided band over the whole grid, then each
/// quadrant) the whole names first; the tasks left over, numbered in reading
/// order, get a numbered marker beside their dot and their whole name in
/// the legend while it has room ([`LabelsAsked::legend_max_height`]);
/// the rest a shortened name, and those that find no room at all a "+N".
pub fn lay_out(measure: &mut dyn MeasureText, asked: &LabelsAsked<'_>) -> GridLabels {
    let frame = GridFrame { rect: asked.grid };
    let fonts = LabelFonts {
        largest: asked.fonts.largest.max(asked.fonts.floor),
        ..asked.fonts
    };
    let placed: Vec<&Task> = asked
        .session
        .tasks
        .iter()
        .filter(|t| t.grid.is_some())
        .collect();
    let mut space = Space::new(asked.keep_clear, &placed, frame);
    let mut out = GridLabels::default();
    // Undecided tasks first: few, on the axes, their labels may straddle
    // two quadrants and are best kept near their dots.
    let regions = [Placement::Undecided]
        .into_iter()
        .chain(Quadrant::ALL.map(Placement::Quadrant));
    // Whole names first, region by region.
    let mut left_over: Vec<(Placement, Vec<&Task>)> = Vec::new();
    for placement in regions {
        let mut tasks: Vec<&Task> = placed
            .iter()
            .copied()
            .filter(|t| t.placement() == Some(placement))
            .collect();
        if tasks.is_empty() {
            continue;
        }
        // Reading order: high stakes first, then left to right.
        tasks.sort_by(|a, b| {
            let (ga, gb) = (a.grid.unwrap_or_default(), b.grid.unwrap_or_default());
            gb.stakes
                .total_cmp(&ga.stakes)
                .then(ga.predictability.total_cmp(&gb.predictability))
        });
        let bounds = region(frame, placement);
        let (labels, left) = place_region(measure, &mut space, frame, bounds, &tasks, fonts);
        out.labels.extend(labels);
        if !left.is_empty() {
            left_over.push((placement, left));
        }
    }
    // The legend, as far as it has room: how many of the tasks left over
    // it can name.
    let candidates: Vec<&Task> = left_over
        .iter()
        .flat_map(|(_, l)| l.iter().copied())
        .collect();
    let capacity = legend(measure, &candidates, asked, fonts).0.len();
    out.legend_wanted = legend(
        measure,
        &candidates,
        &LabelsAsked {
            legend_max_height: f32::INFINITY,
            ..*asked
        },
        fonts,
    )
    .1;
    let widest = capacity as u32;
    // Markers for those, numbered in order as they find room; then
    // shortened names; then stacks.
    let mut marked: Vec<&Task> = Vec::new();
    let mut seen = 0;
    for (placement, left) in left_over {
        let bounds = region(frame, placement);
        let mut rest = Vec::new();
        for task in left {
            seen += 1;
            let dot = frame.screen_from_grid(task.grid.unwrap_or_default());
            let label = if seen <= capacity {
                let number = marked.len() as u32 + 1;
                let set = marker_setting(measure, number, widest, fonts.floor);
                let set = std::slice::from_ref(&set);
                // In a tight cluster of dots, one may hide a neighbour's
                // dot (that task has its own marker or label).
                best_label(&space, task, placement, dot, bounds, set, false)
                    .or_else(|| best_label(&space, task, placement, dot, bounds, set, true))
                    .or_else(|| {
                        // Last: the nearest spot that covers no text, over
                        // leader lines if need be (a marker is small).
                        let setting = set.first()?;
                        spots(dot, setting.plate(), bounds, true)
                            .into_iter()
                            .map(|(r, _)| r)
                            .find(|r| !space.taken.hits(r.expand(LABEL_GAP / 2.0)))
                            .map(|r| setting.label(task, placement, dot, r))
                    })
                    .map(|mut l| {
                        l.marker = Some(number);
                        l
                    })
            } else {
                let set = settings(measure, task, fonts.floor, fonts, bounds.width(), true);
                best_label(&space, task, placement, dot, bounds, &set, false)
            };
            match label {
                Some(label) => {
                    if label.marker.is_some() {
                        marked.push(task);
                    }
                    space.add(&label);
                    out.labels.push(label);
                }
                None => rest.push(task),
            }
        }
        if !rest.is_empty() {
            let stack = stack_label(measure, &mut space, frame, bounds, placement, &rest, fonts);
            if asked.expanded == Some(placement) {
                out.labels
                    .extend(column(measure, frame, &stack, &rest, fonts.floor, fonts));
            }
            out.stacks.push(stack);
        }
    }
    let (legend, height) = legend(measure, &marked, asked, fonts);
    out.legend = legend;
    out.legend_height = height;
    out
}

/// A numbered marker's setting: the number alone, on a round plate as
/// wide as `widest` (the largest number's) needs.
fn marker_setting(measure: &mut dyn MeasureText, number: u32, widest: u32, size: f32) -> Setting {
    let text = number.to_string();
    let line_height = measure.line_height(size);
    let width = measure
        .width(&widest.to_string(), size)
        .max(line_height - 2.0 * LABEL_PADDING.x);
    Setting {
        lines: vec![text],
        whole: false,
        marker: true,
        size,
        pitch: line_height,
        text: vec2(width, line_height),
        tag: None,
        undecided: false,
    }
}

/// Columns of the legend are at least this wide, in the grid's unit.
const LEGEND_COLUMN: f32 = 300.0;
/// Space between legend entries.
const LEGEND_GAP: Vec2 = vec2(16.0, 4.0);

/// The legend of `tasks` (numbered 1, 2, … in that order), entries in
/// rows of equal columns across the legend's width, at the floor size, as
/// many as fit in its greatest height; and the block's height.
fn legend(
    measure: &mut dyn MeasureText,
    tasks: &[&Task],
    asked: &LabelsAsked<'_>,
    fonts: LabelFonts,
) -> (Vec<LegendEntry>, f32) {
    if tasks.is_empty() || asked.legend_width <= 0.0 {
        return (Vec::new(), 0.0);
    }
    let size = fonts.floor;
    let columns = ((asked.legend_width + LEGEND_GAP.x) / (LEGEND_COLUMN + LEGEND_GAP.x))
        .floor()
        .clamp(1.0, 4.0);
    let column = (asked.legend_width - (columns - 1.0) * LEGEND_GAP.x) / columns;
    let line_height = measure.line_height(size);
    let pitch = (size * LINE_PITCH).min(line_height);
    let disc = line_height;
    let text_width = (column - disc - LEGEND_GAP.x / 2.0).max(size * 4.0);
    let mut out = Vec::with_capacity(tasks.len());
    let (mut y, mut row_height, mut col) = (0.0_f32, 0.0_f32, 0.0_f32);
    for (i, task) in tasks.iter().enumerate() {
        let number = i as u32 + 1;
        let words: Vec<&str> = display_name(task).split_whitespace().collect();
        let Some((lines, _)) = wrappings(measure, &words, size, text_width)
            .into_iter()
            .next()
        else {
            continue;
        };
        let height = (lines.len().max(1) as f32 - 1.0) * pitch + line_height;
        if col >= columns {
            y += row_height + LEGEND_GAP.y;
            row_height = 0.0;
            col = 0.0;
        }
        if y + height > asked.legend_max_height {
            break;
        }
        let x = col * (column + LEGEND_GAP.x);
        out.push(LegendEntry {
            task: task.id,
            number,
            rect: Rect::from_min_size(pos2(x, y), vec2(column, height)),
            marker: Rect::from_min_size(pos2(x, y), Vec2::splat(disc)),
            text_at: pos2(x + disc + LEGEND_GAP.x / 2.0, y),
            lines,
            size,
            line_pitch: pitch,
        });
        row_height = row_height.max(height);
        col += 1.0;
    }
    let height = if out.is_empty() { 0.0 } else { y + row_height };
    (out, height)
}

/// What is taken on the grid: the rectangles to keep clear of, every dot,
/// every label placed so far and their leader lines.
#[derive(Clone)]
struct Space {
    taken: Taken,
    /// Each task's dot, as a square around it.
    dots: Vec<(Id, Rect)>,
    /// Labels placed (their plates).
    plates: Vec<Rect>,
    /// Leader lines placed.
    leaders: Vec<[Pos2; 2]>,
    /// Rectangles to keep clear of (for leader lines).
    keep_clear: Vec<Rect>,
}

impl Space {
    fn new(keep_clear: &[Rect], tasks: &[&Task], frame: GridFrame) -> Self {
        let mut taken = Taken::new(60.0);
        for r in keep_clear {
            taken.add(*r);
        }
        let dots: Vec<(Id, Rect)> = tasks
            .iter()
            .map(|t| {
                let at = frame.screen_from_grid(t.grid.unwrap_or_default());
                (
                    t.id,
                    Rect::from_center_size(at, Vec2::splat(2.0 * DOT_RADIUS + 2.0)),
                )
            })
            .collect();
        Self {
            taken,
            dots,
            plates: Vec::new(),
            leaders: Vec::new(),
            keep_clear: keep_clear.to_vec(),
        }
    }

    /// Whether a plate at `rect` (with a leader from `dot` when `leader`)
    /// is free, and at what extra cost: it may cover nothing taken and no
    /// dot, no leader may cross it, and its leader no label; a leader
    /// across a title, a pole, another dot or another leader costs
    /// [`CROSSING_COST`].
    fn free(&self, rect: Rect, own: Id, leader: Option<[Pos2; 2]>, relaxed: bool) -> Option<f32> {
        let padded = rect.expand(LABEL_GAP / 2.0);
        if self.taken.hits(padded) {
            return None;
        }
        // Every dot stays in sight, but a task's own marker may sit on it
        // (and, `relaxed`, on a neighbour's, at a cost).
        let hidden = self
            .dots
            .iter()
            .filter(|(id, r)| crate::geometry::spots::overlaps(*r, padded) && *id != own)
            .count();
        if hidden > 0 && !relaxed {
            return None;
        }
        if self
            .leaders
            .iter()
            .any(|l| segment_crosses(l[0], l[1], padded))
        {
            return None;
        }
        let hiding = hidden as f32 * CROSSING_COST;
        let Some([a, b]) = leader else {
            return Some(hiding);
        };
        let crosses = |r: &Rect| segment_crosses(a, b, *r);
        if self.plates.iter().any(crosses) {
            return None;
        }
        // Out from under a title is free; across one, or across another
        // task's dot (the dot still shows), a last resort.
        let across = self
            .keep_clear
            .iter()
            .filter(|r| !r.contains(a) && crosses(r))
            .count()
            + self
                .dots
                .iter()
                .filter(|(id, r)| *id != own && crosses(r))
                .count()
            + self
                .leaders
                .iter()
                .filter(|l| segments_cross(a, b, l[0], l[1]))
                .count();
        Some(across as f32 * CROSSING_COST + hiding)
    }

    fn add(&mut self, label: &TaskLabel) {
        self.taken.add(label.rect.expand(LABEL_GAP / 2.0));
        self.plates.push(label.rect);
        if let Some(l) = label.leader {
            self.leaders.push(l);
        }
    }
}

/// Whether the segments `a`–`b` and `c`–`d` cross (touching ends do not
/// count).
fn segments_cross(a: Pos2, b: Pos2, c: Pos2, d: Pos2) -> bool {
    let side = |p: Pos2, q: Pos2, r: Pos2| (q - p).x * (r - p).y - (q - p).y * (r - p).x;
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// One way to set a name: its lines at a size, and the plate they need.
struct Setting {
    lines: Vec<String>,
    whole: bool,
    /// A numbered marker (its plate may sit on its dot).
    marker: bool,
    size: f32,
    pitch: f32,
    text: Vec2,
    tag: Option<(String, AutomationLabel, bool, Vec2, f32)>,
    undecided: bool,
}

impl Setting {
    /// The plate's size.
    fn plate(&self) -> Vec2 {
        let tag = self.tag.as_ref().map_or(Vec2::ZERO, |t| t.3);
        let badge = if self.undecided {
            UNDECIDED_BADGE_ROOM
        } else {
            0.0
        };
        let tag_room = if tag.x > 0.0 {
            tag.x + LABEL_PADDING.x
        } else {
            0.0
        };
        vec2(
            self.text.x + 2.0 * LABEL_PADDING.x + tag_room + badge,
            self.text.y.max(tag.y) + 2.0 * LABEL_PADDING.y,
        )
    }

    /// The label for this setting with its plate at `rect`.
    fn label(&self, task: &Task, placement: Placement, dot: Pos2, rect: Rect) -> TaskLabel {
        let text_at = pos2(
            rect.min.x + LABEL_PADDING.x,
            rect.center().y - self.text.y / 2.0,
        );
        let badge = if self.undecided {
            UNDECIDED_BADGE_ROOM
        } else {
            0.0
        };
        let tag = self
            .tag
            .as_ref()
            .map(|(text, label, disagrees, size, font)| {
                let min = pos2(
                    rect.max.x - LABEL_PADDING.x / 2.0 - badge - size.x,
                    rect.center().y - size.y / 2.0,
                );
                LabelTag {
                    text: text.clone(),
                    label: *label,
                    disagrees: *disagrees,
                    rect: Rect::from_min_size(min, *size),
                    size: *font,
                }
            });
        let leader = (!rect.expand(DOT_GAP + DOT_RADIUS + 0.5).contains(dot)).then(|| {
            let to = pos2(
                dot.x.clamp(rect.min.x, rect.max.x),
                dot.y.clamp(rect.min.y, rect.max.y),
            );
            [dot, to]
        });
        TaskLabel {
            task: task.id,
            name: display_name(task).to_owned(),
            placement,
            dot,
            rect,
            text_at,
            lines: self.lines.clone(),
            size: self.size,
            line_pitch: self.pitch,
            whole: self.whole,
            leader,
            tag,
            listed: false,
            marker: None,
        }
    }
}

/// The automation tag of `task` at `size`: text, label, disagreement,
/// plate size and font size.
fn tag_of(
    measure: &mut dyn MeasureText,
    task: &Task,
    size: f32,
) -> Option<(String, AutomationLabel, bool, Vec2, f32)> {
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
    let plate = vec2(measure.width(&text, size), measure.line_height(size)) + 2.0 * TAG_PADDING;
    Some((text, label, disagrees, plate, size))
}

/// The ways to set `words` at `size` on 1 to [`MAX_LINES`] lines, each as
/// narrow as that many lines allow (the widest line as short as it can
/// be), fewest lines first; none wider than `max_width` unless a single
/// word is.
fn wrappings(
    measure: &mut dyn MeasureText,
    words: &[&str],
    size: f32,
    max_width: f32,
) -> Vec<(Vec<String>, f32)> {
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    // Width of words i..j on one line: each word measured once, plus the
    // spaces between (half a point of slack for rounding).
    let word: Vec<f32> = words.iter().map(|w| measure.width(w, size)).collect();
    let space = measure.width(" ", size);
    let mut widths = vec![vec![0.0_f32; n + 1]; n + 1];
    for i in 0..n {
        let mut line = -space + 0.5;
        for j in (i + 1)..=n {
            line += space + word.get(j - 1).copied().unwrap_or(0.0);
            if let Some(cell) = widths.get_mut(i).and_then(|row| row.get_mut(j)) {
                *cell = line;
            }
        }
    }
    let width_of = |i: usize, j: usize| widths.get(i).and_then(|r| r.get(j)).copied();
    let mut out: Vec<(Vec<String>, f32)> = Vec::new();
    for lines in 1..=MAX_LINES.min(n) {
        // The break points minimising the widest line, by dynamic
        // programming: best[k][j] = widest line setting words 0..j on k
        // lines.
        let mut best = vec![vec![f32::INFINITY; n + 1]; lines + 1];
        let mut from = vec![vec![0_usize; n + 1]; lines + 1];
        if let Some(row) = best.get_mut(0)
            && let Some(cell) = row.get_mut(0)
        {
            *cell = 0.0;
        }
        for k in 1..=lines {
            for j in k..=n {
                for i in (k - 1)..j {
                    let prev = best
                        .get(k - 1)
                        .and_then(|r| r.get(i))
                        .copied()
                        .unwrap_or(f32::INFINITY);
                    let w = width_of(i, j).unwrap_or(f32::INFINITY).max(prev);
                    if best.get(k).and_then(|r| r.get(j)).is_some_and(|b| w < *b) {
                        if let Some(cell) = best.get_mut(k).and_then(|r| r.get_mut(j)) {
                            *cell = w;
                        }
                        if let Some(cell) = from.get_mut(k).and_then(|r| r.get_mut(j)) {
                            *cell = i;
                        }
                    }
                }
            }
        }
        let widest = best
            .get(lines)
            .and_then(|r| r.get(n))
            .copied()
            .unwrap_or(f32::INFINITY);
        if !widest.is_finite() {
            continue;
        }
        // A narrower setting than the one before, or nothing new.
        if out.last().is_some_and(|(_, w)| *w <= widest + 0.5) {
            continue;
        }
        let mut breaks = Vec::with_capacity(lines);
        let mut j = n;
        for k in (1..=lines).rev() {
            let i = from.get(k).and_then(|r| r.get(j)).copied().unwrap_or(0);
            breaks.push((i, j));
            j = i;
        }
        breaks.reverse();
        let set: Vec<String> = breaks
            .into_iter()
            .map(|(i, j)| words.get(i..j).map(|w| w.join(" ")).unwrap_or_default())
            .collect();
        out.push((set, widest));
    }
    // Too wide on one line only when a single word is.
    let narrowest_fits = out.iter().any(|(_, w)| *w <= max_width);
    if narrowest_fits {
        out.retain(|(_, w)| *w <= max_width);
    } else if let Some(last) = out.pop() {
        out = vec![last];
    }
    out
}

/// Every setting of `task`'s name at `size`: whole (1 to 4 lines), or,
/// when `shortened`, its first words and "…" (longest first).
fn settings(
    measure: &mut dyn MeasureText,
    task: &Task,
    size: f32,
    fonts: LabelFonts,
    max_width: f32,
    shortened: bool,
) -> Vec<Setting> {
    let name = display_name(task);
    let words: Vec<&str> = name.split_whitespace().collect();
    let pitch = (size * LINE_PITCH).min(measure.line_height(size));
    let line_height = measure.line_height(size);
    let tag = tag_of(measure, task, fonts.tag.max(size * 0.78).max(fonts.floor));
    let undecided = task.placement() == Some(Placement::Undecided);
    let mut out = Vec::new();
    let add = |lines: Vec<String>, widest: f32, whole: bool, out: &mut Vec<Setting>| {
        let rows = lines.len().max(1) as f32;
        out.push(Setting {
            text: vec2(widest, (rows - 1.0) * pitch + line_height),
            lines,
            whole,
            marker: false,
            size,
            pitch,
            tag: tag.clone(),
            undecided,
        });
    };
    if !shortened {
        for (lines, widest) in wrappings(measure, &words, size, max_width) {
            add(lines, widest, true, &mut out);
        }
        return out;
    }
    for keep in (SHORTEST_WORDS.min(words.len())..words.len()).rev() {
        let mut short: Vec<String> = words
            .get(..keep)
            .unwrap_or_default()
            .iter()
            .map(|w| (*w).to_owned())
            .collect();
        if let Some(last) = short.last_mut() {
            last.push('…');
        }
        let short: Vec<&str> = short.iter().map(String::as_str).collect();
        // Shortened names keep to two lines.
        for (lines, widest) in wrappings(measure, &short, size, max_width)
            .into_iter()
            .filter(|(l, _)| l.len() <= 2)
        {
            add(lines, widest, false, &mut out);
        }
    }
    out
}

/// The plate positions tried for a plate of `size` around `dot` inside
/// `bounds`: on the dot when `on_dot` (a marker), beside it (cost 0 and
/// up), then anywhere in the bounds by distance, with a leader line.
fn spots(dot: Pos2, size: Vec2, bounds: Rect, on_dot: bool) -> Vec<(Rect, f32)> {
    let gap = DOT_RADIUS + DOT_GAP;
    let mut out = Vec::with_capacity(64);
    if on_dot {
        // A marker: on its dot, standing for it.
        out.push((Rect::from_center_size(dot, size), 0.0));
    }
    // Beside: right, left, below, above, sliding along the side.
    for (i, f) in [0.5_f32, 0.2, 0.8, 0.0, 1.0].into_iter().enumerate() {
        let small = i as f32 * 0.5;
        let y = dot.y - size.y * f;
        let x = dot.x - size.x * f;
        out.push((Rect::from_min_size(pos2(dot.x + gap, y), size), small));
        out.push((
            Rect::from_min_size(pos2(dot.x - gap - size.x, y), size),
            small + 0.25,
        ));
        out.push((Rect::from_min_size(pos2(x, dot.y + gap), size), small + 1.0));
        out.push((
            Rect::from_min_size(pos2(x, dot.y - gap - size.y), size),
            small + 1.0,
        ));
    }
    out.retain(|(r, _)| bounds.contains_rect(*r));
    // Away: over the whole region, nearest first.
    let step = vec2(
        (size.x / 4.0).max(bounds.width() / 24.0).max(4.0),
        (size.y / 2.0).max(bounds.height() / 24.0).max(4.0),
    );
    let free = bounds.size() - size;
    if free.x >= 0.0 && free.y >= 0.0 {
        let nx = (free.x / step.x).floor() as i32 + 1;
        let ny = (free.y / step.y).floor() as i32 + 1;
        let mut away = Vec::with_capacity((nx * ny) as usize + 4);
        let mut push = |min: Pos2| {
            let r = Rect::from_min_size(min, size);
            let to = pos2(dot.x.clamp(r.min.x, r.max.x), dot.y.clamp(r.min.y, r.max.y));
            away.push((r, AWAY_COST + dot.distance(to)));
        };
        for iy in 0..ny {
            for ix in 0..nx {
                push(bounds.min + vec2(ix as f32 * step.x, iy as f32 * step.y));
            }
        }
        // The region's far edges too.
        for iy in 0..ny {
            push(pos2(
                bounds.max.x - size.x,
                bounds.min.y + iy as f32 * step.y,
            ));
        }
        for ix in 0..nx {
            push(pos2(
                bounds.min.x + ix as f32 * step.x,
                bounds.max.y - size.y,
            ));
        }
        push(bounds.max - size);
        away.sort_by(|a, b| a.1.total_cmp(&b.1));
        out.extend(away);
    }
    out
}

/// The best free spot for one of `settings` (cheapest position plus a
/// cost per extra line), as a label.
fn best_label(
    space: &Space,
    task: &Task,
    placement: Placement,
    dot: Pos2,
    bounds: Rect,
    settings: &[Setting],
    relaxed: bool,
) -> Option<TaskLabel> {
    let mut best: Option<(f32, TaskLabel)> = None;
    for setting in settings {
        let extra = LINE_COST * (setting.lines.len().max(1) - 1) as f32;
        if best.as_ref().is_some_and(|(c, _)| *c <= extra) {
            continue;
        }
        let plate = setting.plate();
        let on_dot = setting.marker;
        for (rect, cost) in spots(dot, plate, bounds, on_dot) {
            let total = cost + extra;
            if best.as_ref().is_some_and(|(c, _)| *c <= total) {
                break;
            }
            let label = setting.label(task, placement, dot, rect);
            if let Some(crossing) = space.free(rect, task.id, label.leader, relaxed) {
                let total = total + crossing;
                if best.as_ref().is_none_or(|(c, _)| total < *c) {
                    best = Some((total, label));
                }
                if crossing == 0.0 {
                    break;
                }
            }
        }
    }
    best.map(|(_, l)| l)
}

/// Place one region's labels: the largest size at which every whole name
/// finds room, else at the floor as many whole names as fit; returns the
/// labels and the tasks left without one.
///
/// At each size the tasks are placed one by one in reading order; when
/// one finds no room it is moved to the front and all are placed again
/// (it then gets the first pick), up to a few times.
fn place_region<'a>(
    measure: &mut dyn MeasureText,
    space: &mut Space,
    frame: GridFrame,
    bounds: Rect,
    tasks: &[&'a Task],
    fonts: LabelFonts,
) -> (Vec<TaskLabel>, Vec<&'a Task>) {
    let max_width = bounds.width();
    let mut size = if tasks.len() > CROWDED {
        fonts.floor
    } else {
        fonts.largest
    };
    let tries = if tasks.len() > CROWDED {
        1
    } else {
        (tasks.len() + 3).min(MAX_TRIES)
    };
    // Room in the region for labels at all (less what is kept clear).
    let room = bounds.area()
        - space
            .keep_clear
            .iter()
            .map(|r| crate::geometry::spots::overlap_area(*r, bounds))
            .sum::<f32>();
    let mut best: Option<(Space, Vec<TaskLabel>)> = None;
    loop {
        let settings: Vec<Vec<Setting>> = tasks
            .iter()
            .map(|t| settings(measure, t, size, fonts, max_width, false))
            .collect();
        // Labels that together need more than the region's room cannot
        // all fit at this size: straight to the next one.
        let needed: f32 = settings
            .iter()
            .map(|set| {
                set.iter()
                    .map(|s| {
                        let p = s.plate() + Vec2::splat(LABEL_GAP);
                        p.x * p.y
                    })
                    .fold(f32::INFINITY, f32::min)
            })
            .sum();
        let hopeless = needed > room * ROOM_SHARE && size > fonts.floor;
        let mut order: Vec<usize> = (0..tasks.len()).collect();
        for _ in 0..if hopeless { 0 } else { tries } {
            let (trial, labels, failed) =
                place_in_order(space, frame, bounds, tasks, &settings, &order);
            let Some(failed) = failed else {
                *space = trial;
                return (labels, Vec::new());
            };
            if size <= fonts.floor && best.as_ref().is_none_or(|(_, b)| b.len() < labels.len()) {
                best = Some((trial, labels));
            }
            // The task that found no room goes first next time.
            order.retain(|&i| i != failed);
            order.insert(0, failed);
        }
        if size <= fonts.floor {
            break;
        }
        size = (size - SIZE_STEP).max(fonts.floor);
    }
    // At the floor: the most whole names any order placed; the others
    // are left to the legend (or shortened, or stacked).
    let (placed_space, labels) = best.unwrap_or_else(|| (space.clone(), Vec::new()));
    let left: Vec<&Task> = tasks
        .iter()
        .copied()
        .filter(|t| !labels.iter().any(|l| l.task == t.id))
        .collect();
    *space = placed_space;
    (labels, left)
}

/// Place `tasks` (by index, in `order`) one by one with their
/// `settings`, on a copy of `space`; stops at the first that finds no
/// room and returns its index.
fn place_in_order(
    space: &Space,
    frame: GridFrame,
    bounds: Rect,
    tasks: &[&Task],
    settings: &[Vec<Setting>],
    order: &[usize],
) -> (Space, Vec<TaskLabel>, Option<usize>) {
    let mut trial = space.clone();
    let mut labels = Vec::with_capacity(order.len());
    for &i in order {
        let (Some(task), Some(set)) = (tasks.get(i), settings.get(i)) else {
            continue;
        };
        let dot = frame.screen_from_grid(task.grid.unwrap_or_default());
        let placement = task.placement().unwrap_or(Placement::Undecided);
        match best_label(&trial, task, placement, dot, bounds, set, false) {
            Some(label) => {
                trial.add(&label);
                labels.push(label);
            }
            None => return (trial, labels, Some(i)),
        }
    }
    (trial, labels, None)
}

/// The "+N" of a region's tasks that found no room, near where they are.
fn stack_label(
    measure: &mut dyn MeasureText,
    space: &mut Space,
    frame: GridFrame,
    bounds: Rect,
    placement: Placement,
    tasks: &[&Task],
    fonts: LabelFonts,
) -> StackLabel {
    let text = format!("+{}", tasks.len());
    let size = fonts.floor;
    let plate = vec2(measure.width(&text, size), measure.line_height(size)) + 2.0 * LABEL_PADDING;
    let centre = tasks
        .iter()
        .map(|t| frame.screen_from_grid(t.grid.unwrap_or_default()).to_vec2())
        .fold(Vec2::ZERO, |a, b| a + b)
        / tasks.len().max(1) as f32;
    let spots = spots(centre.to_pos2(), plate, bounds, false);
    let rect = spots
        .iter()
        .map(|(r, _)| *r)
        .find(|r| !space.taken.hits(r.expand(LABEL_GAP / 2.0)))
        .or_else(|| {
            // Nowhere free: where it covers least.
            spots
                .iter()
                .map(|(r, _)| *r)
                .min_by(|a, b| space.taken.overlap(*a).total_cmp(&space.taken.overlap(*b)))
        })
        .unwrap_or_else(|| Rect::from_center_size(centre.to_pos2(), plate));
    space.taken.add(rect.expand(LABEL_GAP / 2.0));
    StackLabel {
        region: placement,
        rect,
        tasks: tasks.iter().map(|t| t.id).collect(),
        text,
        size,
    }
}

/// An open stack's tasks listed in a column from its "+N" (toward the
/// grid's middle), over everything, one line each.
fn column(
    measure: &mut dyn MeasureText,
    frame: GridFrame,
    stack: &StackLabel,
    tasks: &[&Task],
    size: f32,
    fonts: LabelFonts,
) -> Vec<TaskLabel> {
    let down = stack.rect.center().y < frame.rect.center().y;
    let mut y = if down {
        stack.rect.max.y + LABEL_GAP
    } else {
        stack.rect.min.y - LABEL_GAP
    };
    let max_width = frame.rect.width() / 2.0;
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        let settings = settings(measure, task, size, fonts, max_width, false);
        let Some(setting) = settings.into_iter().last() else {
            continue;
        };
        let plate = setting.plate();
        let top = if down { y } else { y - plate.y };
        let rect = inside(
            Rect::from_min_size(pos2(stack.rect.min.x, top), plate),
            frame.rect,
        );
        y = if down {
            y + plate.y + LABEL_GAP
        } else {
            y - plate.y - LABEL_GAP
        };
        let dot = frame.screen_from_grid(task.grid.unwrap_or_default());
        let placement = task.placement().unwrap_or(Placement::Undecided);
        let mut label = setting.label(task, placement, dot, rect);
        label.leader = None;
        label.listed = true;
        out.push(label);
    }
    out
}

/// `rect` moved the least so that it lies inside `bounds` (where it fits).
fn inside(rect: Rect, bounds: Rect) -> Rect {
    let dx = (bounds.min.x - rect.min.x).max(0.0) + (bounds.max.x - rect.max.x).min(0.0);
    let dy = (bounds.min.y - rect.min.y).max(0.0) + (bounds.max.y - rect.max.y).min(0.0);
    rect.translate(vec2(dx, dy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GridPos;

    /// Every character 0.5 em wide, lines 1.2 em high.
    struct Mono;

    impl MeasureText for Mono {
        fn width(&mut self, text: &str, size: f32) -> f32 {
            text.chars().count() as f32 * size * 0.5
        }
        fn line_height(&mut self, size: f32) -> f32 {
            size * 1.2
        }
    }

    fn task(id: u64, name: &str, at: (f32, f32)) -> Task {
        Task {
            id: Id(id),
            name: name.to_owned(),
            grid: Some(GridPos::new(at.0, at.1)),
            ..Task::default()
        }
    }

    fn asked<'a>(session: &'a Session, grid: Rect, keep_clear: &'a [Rect]) -> LabelsAsked<'a> {
        LabelsAsked {
            session,
            grid,
            fonts: LabelFonts {
                largest: 17.0,
                floor: 12.0,
                tag: 13.0,
            },
            keep_clear,
            expanded: None,
            legend_width: 0.0,
            legend_max_height: 0.0,
        }
    }

    fn no_overlaps(labels: &GridLabels) {
        for (i, a) in labels.labels.iter().enumerate() {
            for b in labels.labels.iter().skip(i + 1) {
                assert!(
                    !crate::geometry::spots::overlaps(a.rect, b.rect),
                    "{:?} covers {:?}",
                    a.lines,
                    b.lines
                );
            }
        }
    }

    #[test]
    fn a_lone_task_is_named_in_full_beside_its_dot_at_the_largest_size() {
        let session = Session {
            tasks: vec![task(1, "Deploy the weekly release", (-0.5, 0.5))],
            ..Session::default()
        };
        let grid = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let laid = lay_out(&mut Mono, &asked(&session, grid, &[]));
        let label = laid.labels.first().expect("a label");
        assert_eq!(label.lines.join(" "), "Deploy the weekly release");
        assert!(label.whole && label.leader.is_none());
        assert_eq!(label.size, 17.0);
        assert_eq!(
            label.dot,
            pos2(200.0, 150.0),
            "the dot at the true position"
        );
        assert!(
            label
                .rect
                .expand(DOT_RADIUS + DOT_GAP + 1.0)
                .contains(label.dot)
        );
        assert!(!label.rect.contains(label.dot), "the dot stays visible");
    }

    #[test]
    fn a_label_moved_away_from_its_dot_gets_a_leader_line_and_keeps_clear_of_a_title() {
        let session = Session {
            tasks: vec![task(1, "Deploy", (-0.9, 0.9))],
            ..Session::default()
        };
        let grid = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        // A title over the whole top-left corner around the dot.
        let title = Rect::from_min_max(pos2(0.0, 0.0), pos2(200.0, 80.0));
        let laid = lay_out(&mut Mono, &asked(&session, grid, &[title]));
        let label = laid.labels.first().expect("a label");
        assert!(!crate::geometry::spots::overlaps(label.rect, title));
        let [from, to] = label.leader.expect("a leader line");
        assert_eq!(from, label.dot);
        assert!(label.rect.expand(0.5).contains(to));
    }

    #[test]
    fn ten_long_names_in_one_quadrant_are_all_named_without_overlap() {
        let names = [
            "Deploy the weekly release to the production servers",
            "Reconcile the SLA tracker with the ticket queue",
            "Approve changes to the customer contract template",
            "Run the monthly access review for admin accounts",
            "Publish the quarterly security patch bulletin",
            "Sign off the incident post-mortem with the client",
            "Rotate the on-call rota for the holiday season",
            "Close the books at the end of the financial month",
            "Answer a security questionnaire from a large client",
            "Triage a sudden spike of login failures at night",
        ];
        let tasks = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let f = i as f32 / 10.0;
                task(
                    i as u64 + 1,
                    n,
                    (-0.2 - 0.7 * f, 0.9 - 0.7 * ((i * 7 % 10) as f32 / 10.0)),
                )
            })
            .collect();
        let session = Session {
            tasks,
            ..Session::default()
        };
        let grid = Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0));
        let laid = lay_out(&mut Mono, &asked(&session, grid, &[]));
        assert!(laid.stacks.is_empty());
        assert_eq!(laid.labels.len(), 10);
        assert!(laid.labels.iter().all(|l| l.whole));
        no_overlaps(&laid);
        let quadrant = GridFrame { rect: grid }.quadrant_rect(Quadrant::Orchestra);
        assert!(laid.labels.iter().all(|l| quadrant.contains_rect(l.rect)));
    }

    #[test]
    fn with_no_room_at_all_the_rest_stack_behind_a_count() {
        let tasks = (0..14)
            .map(|n| task(n + 1, "Weekly task of the content team", (-0.5, 0.5)))
            .collect();
        let session = Session {
            tasks,
            ..Session::default()
        };
        let grid = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
        let laid = lay_out(&mut Mono, &asked(&session, grid, &[]));
        let stacked: usize = laid.stacks.iter().map(|s| s.tasks.len()).sum();
        assert!(stacked > 0);
        assert_eq!(laid.labels.len() + stacked, 14, "each task once");
        no_overlaps(&laid);
        assert!(laid.labels.iter().all(|l| l.size >= 12.0));
    }

    #[test]
    fn tasks_without_room_are_numbered_on_the_grid_and_named_in_the_legend() {
        let tasks = (0..14)
            .map(|n| task(n + 1, "Weekly task of the content team", (-0.5, 0.5)))
            .collect();
        let session = Session {
            tasks,
            ..Session::default()
        };
        let grid = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
        let laid = lay_out(
            &mut Mono,
            &LabelsAsked {
                legend_width: 400.0,
                legend_max_height: 1000.0,
                ..asked(&session, grid, &[])
            },
        );
        assert!(laid.stacks.is_empty(), "the legend has room for all");
        assert_eq!(laid.named().len(), 14, "each task named once");
        let numbers: Vec<u32> = laid.legend.iter().map(|e| e.number).collect();
        let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
        assert_eq!(numbers, expected, "numbered 1, 2, … in the legend");
        for entry in &laid.legend {
            let marker = laid
                .labels
                .iter()
                .find(|l| l.marker == Some(entry.number))
                .expect("its marker on the grid");
            assert_eq!(marker.task, entry.task);
            assert_eq!(entry.lines.join(" "), "Weekly task of the content team");
        }
        assert!(laid.legend_height > 0.0);
        no_overlaps(&laid);
    }

    #[test]
    fn the_balanced_wrapping_makes_the_widest_line_as_short_as_it_can_be() {
        let words = ["aaaa", "bb", "cccc", "dd"];
        let set = wrappings(&mut Mono, &words, 10.0, 1000.0);
        let two = set.iter().find(|(l, _)| l.len() == 2).expect("two lines");
        assert_eq!(two.0, vec!["aaaa bb".to_owned(), "cccc dd".to_owned()]);
        assert!((two.1 - 35.0).abs() <= 0.5, "{}", two.1);
    }
}

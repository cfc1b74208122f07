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

mod place;
mod setting;
mod space;

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::GridFrame;
use crate::geometry::measure::{MeasureText, TextLayout};
use crate::model::{AutomationLabel, Id, Placement, Quadrant, Session, Task};

use place::{best_label, column, place_region, stack_label};
use setting::{marker_setting, settings, wrappings};
use space::{Space, spots};

impl TextLayout for egui::Painter {
    fn layout(&mut self, job: egui::text::LayoutJob) -> std::sync::Arc<egui::Galley> {
        self.layout_job(job)
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

    /// Fourteen long-named tasks on one spot of the Orchestra quadrant.
    fn fourteen_on_one_spot() -> Session {
        let tasks = (0..14)
            .map(|n| task(n + 1, "Weekly task of the content team", (-0.5, 0.5)))
            .collect();
        Session {
            tasks,
            ..Session::default()
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
        let session = fourteen_on_one_spot();
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
        let session = fourteen_on_one_spot();
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

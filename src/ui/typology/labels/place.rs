//! Placing a region's labels: the best spot for each name, in order,
//! the "+N" stack of what finds no room, the column of the legend.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model::{Placement, Task};
use crate::ui::typology::GridFrame;

use super::setting::{Setting, settings};
use super::space::{Space, inside, spots};
use super::{
    CROWDED, LABEL_GAP, LABEL_PADDING, LINE_COST, LabelFonts, MAX_TRIES, ROOM_SHARE, SIZE_STEP,
    StackLabel, TaskLabel,
};
use crate::geometry::measure::MeasureText;

/// The best free spot for one of `settings` (cheapest position plus a
/// cost per extra line), as a label.
pub(super) fn best_label(
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
pub(super) fn place_region<'a>(
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
pub(super) fn place_in_order(
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
pub(super) fn stack_label(
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
pub(super) fn column(
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

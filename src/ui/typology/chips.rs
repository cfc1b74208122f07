//! Drawing the tasks on the typology grid (issue 18.3): each task's dot at
//! its true position and its label where [`labels::lay_out`] put it, with
//! a leader line when the label sits away from the dot; the "+N" of a
//! region whose tasks found no room; numbered markers and the legend
//! that names them; the full name, large, on hover or selection.

use std::sync::Arc;

use egui::{
    Align2, CornerRadius, FontId, Galley, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use super::labels::{
    self, DOT_RADIUS, GridLabels, LabelTag, LegendEntry, StackLabel, TAG_PADDING, TaskLabel,
    UNDECIDED_BADGE_ROOM,
};
use crate::model::{AutomationLabel, Placement, Session};
use crate::ui::theme;

/// How far from a dot a press still takes it, points.
const DOT_REACH: f32 = DOT_RADIUS + 6.0;

/// The label under `at` (its plate or its dot), topmost first.
pub(super) fn label_at(laid: &GridLabels, at: Pos2) -> Option<&TaskLabel> {
    laid.labels
        .iter()
        .rev()
        .find(|l| l.rect.contains(at))
        .or_else(|| {
            laid.labels
                .iter()
                .rev()
                .filter(|l| !l.listed)
                .find(|l| l.dot.distance(at) <= DOT_REACH)
        })
}

/// The stack under `at`.
pub(super) fn stack_at(laid: &GridLabels, at: Pos2) -> Option<&StackLabel> {
    laid.stacks.iter().find(|s| s.rect.contains(at))
}

/// Draw every dot first, then the leader lines, then the labels (so a
/// label is never under a line), leaving out `hidden` (the task being
/// dragged: it is drawn at the pointer); the stacks last.
pub(super) fn paint_all(
    painter: &egui::Painter,
    laid: &GridLabels,
    hidden: Option<crate::model::Id>,
) {
    let shown = || laid.labels.iter().filter(move |l| Some(l.task) != hidden);
    for label in shown().filter(|l| !l.listed) {
        paint_dot(painter, label.dot);
    }
    for label in shown() {
        if let Some([from, to]) = label.leader {
            painter.line_segment([from, to], Stroke::new(2.0, theme::TASK_STROKE));
        }
    }
    for label in shown() {
        paint_label(painter, label, Vec2::ZERO);
    }
    for stack in &laid.stacks {
        paint_stack(painter, stack);
    }
}

/// A task's dot: filled, with a white ring so it shows on every quadrant
/// colour and on the axes.
fn paint_dot(painter: &egui::Painter, at: Pos2) {
    painter.circle(
        at,
        DOT_RADIUS,
        theme::TASK_STROKE,
        Stroke::new(1.5, egui::Color32::WHITE),
    );
}

/// A label and its dot moved by `by` (the one being dragged), lifted.
pub(super) fn paint_moved(painter: &egui::Painter, label: &TaskLabel, by: Vec2) {
    if !label.listed {
        paint_dot(painter, label.dot + by);
        if let Some([from, to]) = label.leader {
            painter.line_segment([from + by, to + by], Stroke::new(2.0, theme::TASK_STROKE));
        }
    }
    paint_label(painter, label, by + vec2(0.0, -3.0));
}

/// Draw a label's plate, name, tag and (undecided) "?" badge, moved by
/// `by`.
fn paint_label(painter: &egui::Painter, label: &TaskLabel, by: Vec2) {
    let rect = label.rect.translate(by);
    if let Some(number) = label.marker {
        paint_marker(painter, rect, number, label.size);
        return;
    }
    let undecided = label.placement == Placement::Undecided;
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
        let badge = pos2(
            rect.max.x - UNDECIDED_BADGE_ROOM / 2.0 - 1.0,
            rect.center().y,
        );
        painter.circle(
            badge,
            9.0,
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
    let (lines, _) = text_block(
        painter,
        &label.lines,
        label.size,
        label.text_at + by,
        label.line_pitch,
    );
    for (pos, galley) in lines {
        painter.galley(pos, galley, theme::INK);
    }
    if let Some(tag) = &label.tag {
        paint_tag(painter, tag, by);
    }
}

/// `lines` at `size` points, one under the other every `pitch` points
/// from `at`: each line's top-left and galley, and the block they fill.
pub(super) fn text_block(
    painter: &egui::Painter,
    lines: &[String],
    size: f32,
    at: Pos2,
    pitch: f32,
) -> (Vec<(Pos2, Arc<Galley>)>, Rect) {
    let mut block = Rect::NOTHING;
    let laid = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let galley =
                painter.layout_no_wrap(line.clone(), FontId::proportional(size), theme::INK);
            let pos = at + vec2(0.0, i as f32 * pitch);
            block = block.union(Rect::from_min_size(pos, galley.size()));
            (pos, galley)
        })
        .collect();
    (laid, block)
}

fn paint_tag(painter: &egui::Painter, tag: &LabelTag, by: Vec2) {
    let rect = tag.rect.translate(by);
    let fill = if tag.disagrees {
        theme::WARNING_INK
    } else {
        match tag.label {
            AutomationLabel::Orchestral => theme::TAG_ORCHESTRAL,
            AutomationLabel::Algorithmic => theme::TAG_ALGORITHMIC,
            AutomationLabel::Hybrid => theme::TAG_HYBRID,
        }
    };
    painter.rect_filled(rect, CornerRadius::same(3), fill);
    let (galley, at) = tag_text(painter, tag, by);
    painter.galley(at, galley, theme::TAG_INK);
}

/// A tag's text laid out, and where it goes (moved by `by`).
pub(super) fn tag_text(painter: &egui::Painter, tag: &LabelTag, by: Vec2) -> (Arc<Galley>, Pos2) {
    let galley = painter.layout_no_wrap(
        tag.text.clone(),
        FontId::proportional(tag.size),
        theme::TAG_INK,
    );
    (galley, tag.rect.translate(by).min + TAG_PADDING)
}

/// A numbered marker: the number on a round task-yellow plate, as on the
/// grid and in the legend.
fn paint_marker(painter: &egui::Painter, rect: Rect, number: u32, size: f32) {
    painter.rect(
        rect,
        CornerRadius::same((rect.height() / 2.0).min(255.0) as u8),
        theme::TASK_FILL,
        Stroke::new(2.5, theme::TASK_STROKE),
        StrokeKind::Inside,
    );
    let (galley, at) = marker_text(painter, rect, number, size);
    painter.galley(at, galley, theme::INK);
}

/// A marker's number laid out, centred in `rect`.
pub(super) fn marker_text(
    painter: &egui::Painter,
    rect: Rect,
    number: u32,
    size: f32,
) -> (Arc<Galley>, Pos2) {
    let galley = painter.layout_no_wrap(number.to_string(), FontId::proportional(size), theme::INK);
    let at = rect.center() - galley.size() / 2.0;
    (galley, at)
}

/// Draw the legend: each numbered task's marker and whole name, the block
/// at `at` (its top-left).
pub(super) fn paint_legend(painter: &egui::Painter, at: Pos2, entries: &[LegendEntry]) {
    for entry in entries {
        let (marker, lines, _) = legend_entry(painter, at, entry);
        paint_marker(painter, marker, entry.number, entry.size);
        for (pos, galley) in lines {
            painter.galley(pos, galley, theme::INK);
        }
    }
}

/// A legend entry laid out in the legend whose top-left is `at`: its
/// marker's rectangle, its name's lines, and the block they fill.
pub(super) fn legend_entry(
    painter: &egui::Painter,
    at: Pos2,
    entry: &LegendEntry,
) -> (Rect, Vec<(Pos2, Arc<Galley>)>, Rect) {
    let offset = at.to_vec2();
    let text_at = entry.text_at + offset;
    let (lines, block) = text_block(painter, &entry.lines, entry.size, text_at, entry.line_pitch);
    (entry.marker.translate(offset), lines, block)
}

/// Draw a "+N" stack (outlined twice: more labels behind it).
fn paint_stack(painter: &egui::Painter, stack: &StackLabel) {
    let behind = stack.rect.translate(vec2(3.0, -3.0));
    for (rect, stroke) in [(behind, 2.0), (stack.rect, 2.5)] {
        painter.rect(
            rect,
            CornerRadius::same(4),
            theme::TASK_FILL,
            Stroke::new(stroke, theme::TASK_STROKE),
            StrokeKind::Inside,
        );
    }
    let (galley, at) = stack_text(painter, stack);
    painter.galley(at, galley, theme::INK);
}

/// A stack's "+N" laid out, centred on it.
pub(super) fn stack_text(painter: &egui::Painter, stack: &StackLabel) -> (Arc<Galley>, Pos2) {
    let galley = painter.layout_no_wrap(
        stack.text.clone(),
        FontId::proportional(stack.size),
        theme::INK,
    );
    let at = stack.rect.center() - galley.size() / 2.0;
    (galley, at)
}

/// What a hovered or selected label's plate says: its full name, large,
/// and where it is.
pub(super) fn peek_lines(session: &Session, label: &TaskLabel) -> Vec<String> {
    let Some(task) = session.task(label.task) else {
        return Vec::new();
    };
    let mut lines = vec![labels::display_name(task).to_owned()];
    if let Some(p) = task.placement() {
        lines.push(p.label().to_owned());
    }
    lines
}

/// The names behind a stack, for its plate.
pub(super) fn stack_lines(session: &Session, stack: &StackLabel) -> Vec<String> {
    stack
        .tasks
        .iter()
        .filter_map(|id| session.task(*id))
        .map(|t| labels::display_name(t).to_owned())
        .collect()
}

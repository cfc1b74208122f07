//! "Tidy the board" (issue 13): tool cards move apart until each has room
//! for its pain notes, badge and flow labels, as one undoable edit. Task
//! notes and free-standing pain notes stay where people put them; the
//! tools move around them.

use std::collections::HashMap;

use egui::{Rect, Vec2, vec2};

use super::CanvasState;
use super::measure::CtxFonts;
use crate::geometry::Geometry;
use crate::geometry::measure::{Sizes, TextLayout};
use crate::geometry::spots::overlaps;
use crate::model::{Attachment, BoardPos, Edit, Id, NoteRef, Session};

/// Most rounds of pushing cards apart.
const ROUNDS: usize = 40;
/// Space kept between a tool's notes and its neighbours', board units.
const GAP: f32 = 24.0;

impl CanvasState {
    /// The edit that tidies `session`'s board (one [`Edit::MoveNotes`] of
    /// the tools that move), or `None` when it is tidy already.
    pub fn tidy_edit(&mut self, ctx: &egui::Context, session: &Session) -> Option<Edit> {
        let moves = tidy(session, &mut self.measure, &mut CtxFonts(ctx));
        (!moves.is_empty()).then_some(Edit::MoveNotes { moves })
    }
}

/// Where each tool that has to move goes.
fn tidy(
    session: &Session,
    sizes: &mut Sizes,
    fonts: &mut dyn TextLayout,
) -> Vec<(NoteRef, BoardPos)> {
    let mut work = session.clone();
    for _ in 0..ROUNDS {
        let layout = Geometry::of(&work, None, sizes, fonts);
        let pushes = pushes(&work, &layout);
        if pushes.is_empty() && layout.crowded == 0 {
            break;
        }
        if pushes.is_empty() {
            // Something found no free place although no two groups
            // overlap: give every tool a little more room.
            spread(&mut work, 1.08);
            continue;
        }
        for tool in &mut work.tools {
            if let Some(push) = pushes.get(&tool.id) {
                tool.pos = BoardPos::new(tool.pos.x + push.x, tool.pos.y + push.y);
            }
        }
    }
    session
        .tools
        .iter()
        .zip(&work.tools)
        .filter_map(|(before, after)| {
            let pos = BoardPos::new(after.pos.x.round(), after.pos.y.round());
            let moved = (pos.x - before.pos.x).abs() >= 1.0 || (pos.y - before.pos.y).abs() >= 1.0;
            let on_board = |v: f32| v.is_finite() && v.abs() <= crate::model::MAX_BOARD_COORD;
            (moved && on_board(pos.x) && on_board(pos.y)).then_some((NoteRef::Tool(before.id), pos))
        })
        .collect()
}

/// Each tool's group: its card, its pain notes and its hours badge.
fn groups(layout: &Geometry) -> HashMap<Id, Rect> {
    let mut out: HashMap<Id, Rect> = HashMap::new();
    for placed in &layout.notes {
        let owner = match (placed.note, placed.attached) {
            (NoteRef::Tool(id), _) => id,
            (NoteRef::Pain(_), Attachment::Tool(id)) => id,
            _ => continue,
        };
        out.entry(owner)
            .and_modify(|r| *r = r.union(placed.rect))
            .or_insert(placed.rect);
    }
    for (id, badge) in &layout.tool_badges {
        if let Some(r) = out.get_mut(id) {
            *r = r.union(*badge);
        }
    }
    out
}

/// How far each tool moves this round: overlapping groups push each other
/// apart along the axis where they overlap least, half each; a fixed note
/// (task, free pain note) pushes a tool the whole way.
fn pushes(session: &Session, layout: &Geometry) -> HashMap<Id, Vec2> {
    let groups = groups(layout);
    let fixed: Vec<Rect> = layout
        .notes
        .iter()
        .filter(|p| {
            matches!(p.note, NoteRef::Task(_))
                || (matches!(p.note, NoteRef::Pain(_)) && p.attached == Attachment::Free)
        })
        .map(|p| p.rect)
        .collect();
    let tools: Vec<(Id, Rect)> = session
        .tools
        .iter()
        .filter_map(|t| Some((t.id, groups.get(&t.id)?.expand(GAP / 2.0))))
        .collect();
    let mut out: HashMap<Id, Vec2> = HashMap::new();
    let mut add = |id: Id, v: Vec2| {
        *out.entry(id).or_insert(Vec2::ZERO) += v;
    };
    for (i, (a_id, a)) in tools.iter().enumerate() {
        for (b_id, b) in tools.iter().skip(i + 1) {
            if let Some(push) = apart(*a, *b) {
                add(*a_id, -push / 2.0);
                add(*b_id, push / 2.0);
            }
        }
        for b in &fixed {
            if let Some(push) = apart(*a, b.expand(GAP / 2.0)) {
                add(*a_id, -push);
            }
        }
    }
    out
}

/// How far `b` must move away from `a` for the two to stop overlapping,
/// along the axis that needs the shorter move; `None` when apart.
fn apart(a: Rect, b: Rect) -> Option<Vec2> {
    if !overlaps(a, b) {
        return None;
    }
    let right = a.max.x - b.min.x;
    let left = b.max.x - a.min.x;
    let down = a.max.y - b.min.y;
    let up = b.max.y - a.min.y;
    let dx = if b.center().x >= a.center().x {
        right
    } else {
        -left
    };
    let dy = if b.center().y >= a.center().y {
        down
    } else {
        -up
    };
    Some(if dx.abs() <= dy.abs() {
        vec2(dx + dx.signum(), 0.0)
    } else {
        vec2(0.0, dy + dy.signum())
    })
}

/// Move every tool away from the tools' centre by `factor`.
fn spread(session: &mut Session, factor: f32) {
    let count = session.tools.len().max(1) as f32;
    let (sx, sy) = session
        .tools
        .iter()
        .fold((0.0, 0.0), |(x, y), t| (x + t.pos.x, y + t.pos.y));
    let (cx, cy) = (sx / count, sy / count);
    for tool in &mut session.tools {
        tool.pos = BoardPos::new(
            cx + (tool.pos.x - cx) * factor,
            cy + (tool.pos.y - cy) * factor,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn overlapping_groups_are_pushed_apart_along_the_shorter_way() {
        let a = Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 100.0));
        let b = Rect::from_min_size(pos2(90.0, 10.0), vec2(100.0, 100.0));
        let push = apart(a, b).expect("overlap");
        assert!(push.x > 10.0 && push.y == 0.0, "{push:?}");
        assert!(!overlaps(a, b.translate(push)));
        assert_eq!(apart(a, a.translate(vec2(100.0, 0.0))), None);
    }
}

//! Where a note from a phone lands on the board: phones do not place
//! notes, so the room finds a free spot near the board's content.

use crate::model::{Attachment, BoardPos, Session, TOOL_CARD_SIZE};

/// Gap kept around a note from a phone, board units.
const GAP: f32 = 30.0;
/// Columns of the area scanned for a free spot.
const COLUMNS: usize = 6;
/// Cells scanned before giving up and stacking below the board.
const CELLS: usize = 3_000;

/// A rectangle on the board, board units.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Area {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

impl Area {
    fn at(pos: BoardPos, width: f32, height: f32) -> Self {
        Self {
            left: pos.x,
            top: pos.y,
            right: pos.x + width,
            bottom: pos.y + height,
        }
    }

    fn overlaps(&self, other: &Area) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }
}

/// A free spot for a note from a phone: the first cell (a tool card plus a
/// gap) of a grid laid from the board's top-left content corner, six
/// cells wide, that no tool, board task or free pain point overlaps; below
/// everything when the first 3,000 cells are taken.
pub fn spot_for(session: &Session) -> BoardPos {
    let [width, height] = TOOL_CARD_SIZE;
    let mut taken: Vec<Area> = session
        .tools
        .iter()
        .map(|t| t.pos)
        .chain(session.tasks.iter().filter_map(|t| t.board_pos))
        .chain(
            session
                .pain_points
                .iter()
                .filter(|p| p.attached == Attachment::Free)
                .map(|p| p.pos),
        )
        .map(|pos| Area::at(pos, width, height))
        .collect();
    taken.retain(|a| a.left.is_finite() && a.top.is_finite());
    let left = taken.iter().map(|a| a.left).reduce(f32::min).unwrap_or(0.0);
    let top = taken.iter().map(|a| a.top).reduce(f32::min).unwrap_or(0.0);
    let (cell_w, cell_h) = (width + GAP, height + GAP);
    for i in 0..CELLS {
        #[allow(clippy::cast_precision_loss)] // small counts
        let (col, row) = ((i % COLUMNS) as f32, (i / COLUMNS) as f32);
        let pos = BoardPos::new(left + col * cell_w, top + row * cell_h);
        let cell = Area::at(pos, cell_w, cell_h);
        if !taken.iter().any(|a| a.overlaps(&cell)) {
            return pos;
        }
    }
    let bottom = taken.iter().map(|a| a.bottom).fold(top, f32::max);
    BoardPos::new(left, bottom + cell_h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, Tool};

    #[test]
    fn the_first_free_cell_is_taken_next_to_the_content() {
        let mut s = Session::default();
        assert_eq!(spot_for(&s), BoardPos::new(0.0, 0.0));
        s.tools.push(Tool {
            id: Id(1),
            name: "Slack".into(),
            pos: BoardPos::new(100.0, 50.0),
            author: None,
        });
        let spot = spot_for(&s);
        assert_eq!(
            spot,
            BoardPos::new(100.0 + 190.0, 50.0),
            "the cell right of the tool"
        );
    }
}

//! Where the window draws the board and the grid, for the minutes'
//! drawings: one adapter each ([`map_geometry`], [`grid_geometry`]) over
//! the layout code the window runs, so the drawings on paper follow the
//! same placement as the screen.

use egui::{Rect, pos2, vec2};

use crate::geometry::measure::{OwnFonts, Sizes};
use crate::geometry::{self, Geometry, flow_label_text};
use crate::model::{FlowKind, Id, NoteRef, Placement, Session};

/// `[x0, y0, x1, y1]`, board units.
pub type Box4 = [f32; 4];

fn box4(r: Rect) -> Box4 {
    [r.min.x, r.min.y, r.max.x, r.max.y]
}

/// The tool map as the window lays it out close up, board units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapGeometry {
    /// Tool cards: id, rectangle (grown to fit the name), name.
    pub tools: Vec<(Id, Box4, String)>,
    /// Task notes on the board: id, rectangle, name.
    pub tasks: Vec<(Id, Box4, String)>,
    /// Flows between tools on the board.
    pub flows: Vec<MapFlow>,
    /// Hours badges of tools: rectangle and text ("2 h/wk").
    pub tool_badges: Vec<(Box4, String)>,
    /// Font size of names, board units.
    pub name_font: f32,
    /// Font size of labels, board units.
    pub label_font: f32,
    /// Font size of badges, board units.
    pub badge_font: f32,
}

/// A flow's arrow, label and badge, board units.
#[derive(Clone, Debug, PartialEq)]
pub struct MapFlow {
    /// The flow.
    pub id: Id,
    /// Designed or shadow.
    pub kind: FlowKind,
    /// Start and end of the arrow.
    pub ends: ([f32; 2], [f32; 2]),
    /// Label plate and its text ("⚠ SHADOW 40 % · task updates").
    pub label: Option<(Box4, String)>,
    /// Hours badge and its text.
    pub badge: Option<(Box4, String)>,
}

/// The board of `session` laid out by the board's own geometry
/// ([`crate::geometry::Geometry`], the same the window draws close up),
/// texts measured with the window's fonts without a window
/// ([`crate::geometry::measure::OwnFonts`]).
pub fn map_geometry(session: &Session) -> MapGeometry {
    let (mut fonts, mut sizes) = (OwnFonts::new(), Sizes::default());
    let close = Geometry::of(session, None, &mut sizes, &mut fonts);
    let stats = crate::model::PainStats::of(session);
    let mut out = MapGeometry {
        name_font: geometry::NAME_FONT,
        label_font: geometry::LABEL_FONT,
        badge_font: geometry::BADGE_FONT,
        ..MapGeometry::default()
    };
    for placed in &close.notes {
        match placed.note {
            NoteRef::Tool(id) => {
                if let Some(tool) = session.tool(id) {
                    out.tools.push((id, box4(placed.rect), tool.display_name()));
                }
            }
            NoteRef::Task(id) => {
                if let Some(task) = session.task(id) {
                    out.tasks.push((id, box4(placed.rect), task.display_name()));
                }
            }
            NoteRef::Pain(_) => {}
        }
    }
    for f in &close.flows {
        let (Some(flow), Some((a, b))) = (session.flow(f.id), f.line) else {
            continue;
        };
        out.flows.push(MapFlow {
            id: f.id,
            kind: flow.kind,
            ends: ([a.x, a.y], [b.x, b.y]),
            label: f
                .label
                .map(|r| (box4(r), crate::model::one_line(&flow_label_text(flow)))),
            badge: f.badge.map(|r| {
                let h = stats.per_flow.get(&f.id).copied().unwrap_or(0.0);
                (box4(r), geometry::hours_text(h))
            }),
        });
    }
    for tool in &session.tools {
        if let Some(r) = close.tool_badges.get(&tool.id) {
            let h = stats.per_tool.get(&tool.id).copied().unwrap_or(0.0);
            out.tool_badges.push((box4(*r), geometry::hours_text(h)));
        }
    }
    out
}

/// The typology grid: where each placed task's dot is, in a unit square.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridGeometry {
    /// Placed tasks, in the session's order.
    pub marks: Vec<GridMark>,
}

/// One placed task on the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct GridMark {
    /// The task.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Where its dot is: 0..1 from the left (Predictable → Unpredictable)
    /// and 0..1 from the top (High-stakes → Low-stakes).
    pub at: [f32; 2],
    /// Its quadrant, or undecided.
    pub placement: Placement,
}

/// The grid of `session` through the window's own transform
/// ([`crate::ui::typology::GridFrame`]) on a unit square.
pub fn grid_geometry(session: &Session) -> GridGeometry {
    let frame = crate::ui::typology::GridFrame {
        rect: Rect::from_min_size(pos2(0.0, 0.0), vec2(1.0, 1.0)),
    };
    GridGeometry {
        marks: session
            .tasks
            .iter()
            .filter_map(|t| {
                let grid = t.grid?;
                let p = frame.screen_from_grid(grid.clamped());
                Some(GridMark {
                    id: t.id,
                    name: t.display_name(),
                    at: [p.x.clamp(0.0, 1.0), p.y.clamp(0.0, 1.0)],
                    placement: grid.placement(),
                })
            })
            .collect(),
    }
}

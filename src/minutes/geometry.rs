//! Where the window draws the board and the grid, for the minutes'
//! drawings: one adapter each ([`map_geometry`], [`grid_geometry`]) over
//! the layout code the window runs, so the drawings on paper follow the
//! same placement as the screen. When the board and grid layouts gain
//! their own egui-free APIs, only these two functions change.

use egui::{Rect, pos2, vec2};

use crate::model::{FlowKind, Id, Placement, Session};
use crate::ui::board_paint::flow_label_text;

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

/// The board of `session` laid out by the window's own layout code
/// ([`crate::ui::canvas::close_up`]) in a bare egui context with the
/// window's theme and fonts.
pub fn map_geometry(session: &Session) -> MapGeometry {
    let ctx = egui::Context::default();
    crate::ui::theme::install(&ctx);
    // The fonts set by the theme take effect at the next pass.
    // No window draws these passes: their textures are dropped unused.
    ctx.run_ui(egui::RawInput::default(), |_| {})
        .drop_without_applying_deltas();
    let mut close = None;
    ctx.run_ui(egui::RawInput::default(), |ui| {
        close = Some(crate::ui::canvas::close_up(ui.ctx(), session));
    })
    .drop_without_applying_deltas();
    let close = close.unwrap_or_default();
    let name_of = |id: Id| session.tool(id).map(|t| t.display_name());
    let hours_text = |h: f32| format!("{} h/wk", crate::format::hours(h));
    let stats = crate::model::PainStats::of(session);
    MapGeometry {
        tools: close
            .tools
            .iter()
            .filter_map(|(id, r)| Some((*id, box4(*r), name_of(*id)?)))
            .collect(),
        tasks: close
            .tasks
            .iter()
            .filter_map(|(id, r)| Some((*id, box4(*r), session.task(*id)?.display_name())))
            .collect(),
        flows: close
            .flows
            .iter()
            .filter_map(|f| {
                let flow = session.flow(f.id)?;
                let (a, b) = f.ends?;
                Some(MapFlow {
                    id: f.id,
                    kind: flow.kind,
                    ends: ([a.x, a.y], [b.x, b.y]),
                    label: f
                        .label
                        .map(|r| (box4(r), crate::model::one_line(&flow_label_text(flow)))),
                    badge: f.badge.map(|r| {
                        let h = stats.per_flow.get(&f.id).copied().unwrap_or(0.0);
                        (box4(r), hours_text(h))
                    }),
                })
            })
            .collect(),
        tool_badges: close
            .tool_badges
            .iter()
            .map(|(id, r)| {
                let h = stats.per_tool.get(id).copied().unwrap_or(0.0);
                (box4(*r), hours_text(h))
            })
            .collect(),
        name_font: close.name_font,
        label_font: close.label_font,
        badge_font: close.badge_font,
    }
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

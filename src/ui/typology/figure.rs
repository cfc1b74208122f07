//! The typology grid as one figure (issue 18.3): the 2×2 grid, its
//! titles and poles, the airlocks, every task's dot and label, and the
//! legend of numbered tasks below it, laid out together in a given area
//! without painting (the painter only measures text), and kept while
//! nothing they depend on changes.
//!
//! The legend's height decides the grid's: the grid takes the area less
//! the legend, so the figure is laid out a few times, leaving the legend
//! more room each time, and the one that names the most tasks wins.

use std::sync::Arc;

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::GridFrame;
use super::airlocks::{PlacedAirlock, place_airlocks};
use super::grid::{GridText, grid_texts, poles_cover_titles, stakes_pole_space};
use super::labels::{self, GridLabels, LabelFonts, LabelsAsked};
use crate::model::{Placement, Session};
use crate::ui::theme;

/// Space left and right of the grid, and above and below it, points (the
/// axes' poles sit inside the grid).
pub const GRID_MARGIN: Vec2 = vec2(2.0, 4.0);
/// Space between the grid and its legend, points.
const LEGEND_SPACE: f32 = 8.0;
/// The legend takes at most this share of the area's height.
const LEGEND_MAX_SHARE: f32 = 0.35;
/// Rounds of "leave the legend the room it needs, lay out again".
const ROUNDS: usize = 5;
/// The grid is never shorter than this, points.
const MIN_GRID_HEIGHT: f32 = 160.0;

/// What to lay out.
#[derive(Clone, Copy, Debug)]
pub struct FigureAsked<'a> {
    /// The session: its placed tasks and its airlocks.
    pub session: &'a Session,
    /// Where the grid and its legend go, screen points.
    pub area: Rect,
    /// The smallest text, points (the legibility floor).
    pub floor: f32,
    /// The region whose "+N" is open.
    pub expanded: Option<Placement>,
}

/// The grid as laid out.
#[derive(Clone, Debug)]
pub struct GridFigure {
    /// The 2×2 grid.
    pub frame: GridFrame,
    /// The quadrants' titles and the axes' poles.
    pub texts: Vec<GridText>,
    /// The airlocks.
    pub airlocks: Vec<PlacedAirlock>,
    /// Every task's dot and label, and the legend.
    pub labels: GridLabels,
    /// The legend block's top-left corner (below the grid).
    pub legend_at: Pos2,
    /// The area it was laid out in (grid and legend), screen points.
    pub area: Rect,
    /// The smallest text it was laid out for, points.
    pub floor: f32,
}

/// Lay the figure out in `asked.area` (see the module docs): without a
/// legend; then leaving the legend the room the tasks left over want,
/// and again for those left over then (a few rounds); the one that names
/// the most tasks in full wins (ties: the larger grid).
pub fn lay_out(painter: &egui::Painter, asked: &FigureAsked<'_>) -> GridFigure {
    let most = (asked.area.height() * LEGEND_MAX_SHARE).max(0.0);
    let mut best = once(painter, asked, 0.0, 0.0);
    let mut reserved = 0.0_f32;
    let mut wanted = best.labels.legend_wanted;
    for _ in 1..ROUNDS {
        if wanted <= reserved + 0.5 || reserved >= most {
            break;
        }
        reserved = wanted.min(most);
        let round = once(painter, asked, reserved, reserved);
        // With the smaller grid, more may be left over.
        wanted = round.labels.legend_wanted;
        if score(&round) > score(&best) {
            best = round;
        }
    }
    best
}

/// How well a figure names its tasks: whole names first (on a label or
/// in the legend), then as few stacked and shortened as may be.
fn score(figure: &GridFigure) -> i64 {
    let labels = &figure.labels;
    let named = labels.named().len() as i64;
    let stacked: usize = labels.stacks.iter().map(|s| s.tasks.len()).sum();
    let shortened = labels
        .labels
        .iter()
        .filter(|l| !l.whole && l.marker.is_none() && !l.listed)
        .count();
    named * 100 - stacked as i64 * 10 - shortened as i64
}

/// The figure with `legend` points left below the grid for the legend.
fn once(painter: &egui::Painter, asked: &FigureAsked<'_>, legend: f32, most: f32) -> GridFigure {
    let area = asked.area;
    let below = if legend > 0.0 {
        legend + LEGEND_SPACE
    } else {
        0.0
    };
    let bottom = (area.max.y - below).max(area.min.y + MIN_GRID_HEIGHT);
    let mut frame = GridFrame {
        rect: Rect::from_min_max(area.min, pos2(area.max.x, bottom)).shrink2(GRID_MARGIN),
    };
    let mut measure = painter.clone();
    let mut texts = grid_texts(&mut measure, frame, asked.session, asked.floor, false);
    if poles_cover_titles(&texts) {
        // A narrow grid: the stakes poles above and below it.
        let space = stakes_pole_space(&mut measure, asked.floor);
        frame.rect = frame.rect.shrink2(vec2(0.0, space));
        texts = grid_texts(&mut measure, frame, asked.session, asked.floor, true);
    }
    let mut keep_clear: Vec<Rect> = texts.iter().map(GridText::outer).collect();
    let airlocks = place_airlocks(painter, frame, asked.session, &keep_clear, asked.floor);
    keep_clear.extend(airlocks.iter().map(|a| a.label));
    let labels = labels::lay_out(
        &mut measure,
        &LabelsAsked {
            session: asked.session,
            grid: frame.rect,
            fonts: LabelFonts {
                largest: theme::GRID_NOTE_FONT.max(asked.floor),
                floor: asked.floor,
                tag: theme::CHIP_TAG_FONT,
            },
            keep_clear: &keep_clear,
            expanded: asked.expanded,
            legend_width: frame.rect.width(),
            legend_max_height: most,
        },
    );
    GridFigure {
        frame,
        texts,
        airlocks,
        labels,
        // Below the grid (and its low-stakes pole, when outside).
        legend_at: pos2(frame.rect.min.x, bottom + LEGEND_SPACE),
        area,
        floor: asked.floor,
    }
}

/// The figure, kept while the area, the floor, the open stack and the
/// session's tasks and airlocks stay the same (laying it out tries many
/// spots).
#[derive(Debug, Default)]
pub struct FigureCache {
    key: Option<u64>,
    figure: Option<Arc<GridFigure>>,
}

impl FigureCache {
    /// The figure laid out last, if any.
    pub fn last(&self) -> Option<&GridFigure> {
        self.figure.as_deref()
    }

    /// The figure for `asked`, laid out again only when it changed.
    pub fn get(&mut self, painter: &egui::Painter, asked: &FigureAsked<'_>) -> Arc<GridFigure> {
        let key = cache_key(asked);
        if self.key != Some(key) || self.figure.is_none() {
            self.key = Some(key);
            self.figure = Some(Arc::new(lay_out(painter, asked)));
        }
        self.figure
            .get_or_insert_with(|| Arc::new(lay_out(painter, asked)))
            .clone()
    }
}

/// What the figure depends on, hashed.
fn cache_key(asked: &FigureAsked<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let r = asked.area;
    [r.min.x, r.min.y, r.max.x, r.max.y, asked.floor]
        .map(f32::to_bits)
        .hash(&mut h);
    format!("{:?}", asked.expanded).hash(&mut h);
    for task in &asked.session.tasks {
        task.id.0.hash(&mut h);
        task.name.hash(&mut h);
        task.grid
            .map(|g| (g.predictability.to_bits(), g.stakes.to_bits()))
            .hash(&mut h);
        format!("{:?}", task.automation.label()).hash(&mut h);
    }
    for airlock in &asked.session.airlocks {
        airlock.id.0.hash(&mut h);
        airlock.name.hash(&mut h);
        format!("{:?}{:?}", airlock.from, airlock.to).hash(&mut h);
    }
    h.finish()
}

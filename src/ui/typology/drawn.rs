//! What the grid drew at the last frame, listed from its figure for the
//! legibility check (`rhythm layout`, the tests): the same laid-out texts
//! the paint functions draw, through the same layout helpers, never
//! recorded while painting. Only with the `diagnostics` feature.

use egui::{Painter, Pos2, Vec2};

use super::airlocks::{PlacedAirlock, airlock_name, label_texts};
use super::chips::{legend_entry, marker_text, stack_text, tag_text, text_block};
use super::grid::{GridText, text_galley};
use super::labels::GridLabels;
use super::{GridFrame, TypologyState};
use crate::model::{Id, Session};
use crate::ui::legibility::{Drawn, Reveal, TextKind};

impl TypologyState {
    /// Every text the grid drew at the last frame on `ctx` for `session`
    /// (the session it was shown), in the order drawn: titles, axes and
    /// poles, airlocks, task labels and their tags, stacks, the legend,
    /// and the plate the pointer's position (or the selection) opens.
    /// Empty before the grid was first shown.
    pub fn drawn(&self, ctx: &egui::Context, session: &Session) -> Drawn {
        let mut drawn = Drawn::default();
        let Some(figure) = self.figure.last() else {
            return drawn;
        };
        let painter = Painter::new(ctx.clone(), egui::LayerId::background(), figure.area);
        grid_texts(&painter, &figure.texts, &mut drawn);
        airlock_names(
            &painter,
            figure.frame,
            session,
            &figure.airlocks,
            &mut drawn,
        );
        let hidden = self.dragging.map(|d| d.id);
        label_texts_of(
            &painter,
            &figure.labels,
            figure.legend_at,
            hidden,
            &mut drawn,
        );
        if self.dragging.is_none() {
            let hover = ctx.pointer_hover_pos().filter(|p| figure.area.contains(*p));
            let area = (figure.area, figure.floor);
            if let Some(plate) = self.peek_plate(&painter, area, hover, session, &figure.labels) {
                drawn.plate(&plate);
            }
        }
        drawn
    }
}

/// The grid's titles, axes and poles.
fn grid_texts(painter: &Painter, texts: &[GridText], drawn: &mut Drawn) {
    for text in texts {
        let (galley, _) = text_galley(painter, text);
        let (at, size) = (text.rect.min, text.size);
        drawn.galley(TextKind::GridLabel, &text.text, &galley, at, size);
    }
}

/// The airlocks' names.
fn airlock_names(
    painter: &Painter,
    frame: GridFrame,
    session: &Session,
    placed: &[PlacedAirlock],
    drawn: &mut Drawn,
) {
    for (p, galley, at) in label_texts(painter, frame, session, placed) {
        if let Some(airlock) = session.airlocks.get(p.index) {
            let name = airlock_name(airlock);
            drawn.galley(TextKind::Airlock, name, &galley, at, p.font);
        }
    }
}

/// Every label's, stack's and legend entry's texts, in the order
/// `chips::paint_all` and `chips::paint_legend` draw them, leaving out
/// `hidden` (the task being dragged).
fn label_texts_of(
    painter: &Painter,
    laid: &GridLabels,
    legend_at: Pos2,
    hidden: Option<Id>,
    drawn: &mut Drawn,
) {
    let marker = |drawn: &mut Drawn, rect, number: u32, size| {
        let (galley, at) = marker_text(painter, rect, number, size);
        drawn.galley(TextKind::GridMarker, &number.to_string(), &galley, at, size);
    };
    for label in laid.labels.iter().filter(|l| Some(l.task) != hidden) {
        if let Some(number) = label.marker {
            marker(drawn, label.rect, number, label.size);
            continue;
        }
        let (at, pitch) = (label.text_at, label.line_pitch);
        let (_, block) = text_block(painter, &label.lines, label.size, at, pitch);
        let shown = if label.whole {
            label.name.clone()
        } else {
            label.lines.join(" ")
        };
        let (name, size) = (&label.name, label.size);
        drawn.shortened(TextKind::GridChip, name, &shown, block, size, Reveal::Hover);
        if let Some(tag) = &label.tag {
            let (galley, at) = tag_text(painter, tag, Vec2::ZERO);
            drawn.galley(TextKind::Tag, &tag.text, &galley, at, tag.size);
        }
    }
    for stack in &laid.stacks {
        let (galley, at) = stack_text(painter, stack);
        drawn.galley(TextKind::Stack, &stack.text, &galley, at, stack.size);
    }
    for entry in &laid.legend {
        let (rect, _, block) = legend_entry(painter, legend_at, entry);
        marker(drawn, rect, entry.number, entry.size);
        let name = entry.lines.join(" ");
        drawn.text(TextKind::GridLegend, &name, block, entry.size);
    }
}

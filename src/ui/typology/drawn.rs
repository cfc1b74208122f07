//! What the grid drew at the last frame, listed from its figure for the
//! legibility check (`rhythm layout`, the tests): the same laid-out texts
//! the paint functions draw, never recorded while painting. Only with the
//! `diagnostics` feature.

use super::{TypologyState, airlocks, chips, grid};
use crate::model::Session;
use crate::ui::legibility::Drawn;
use crate::ui::plate;

impl TypologyState {
    /// Every text the grid drew at the last frame on `ctx` for `session`
    /// (the session it was shown): titles, axes and poles, airlocks, task
    /// labels and their tags, stacks, the legend, and the plate the
    /// pointer's position (or the selection) opens. Empty before the grid
    /// was first shown.
    pub fn drawn(&self, ctx: &egui::Context, session: &Session) -> Drawn {
        let mut drawn = Drawn::default();
        let Some(figure) = self.figure.last() else {
            return drawn;
        };
        let painter = egui::Painter::new(ctx.clone(), egui::LayerId::background(), figure.area);
        grid::note_drawn(&painter, &figure.texts, &mut drawn);
        airlocks::note_drawn(
            &painter,
            figure.frame,
            session,
            &figure.airlocks,
            &mut drawn,
        );
        let hidden = self.dragging.map(|d| d.id);
        chips::note_drawn(
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
                plate::note_drawn(&plate, &mut drawn);
            }
        }
        drawn
    }
}

//! The narrow hook through which the diagnostics ([`crate::diagnostics`]:
//! `rhythm layout`, `rhythm bench-pan`) and the benchmarks drive the
//! window and observe a frame from outside: pick the step, ask for "fit
//! all", run one frame, list what the board and the grid drew (from their
//! layouts), read what the grid named, move the board's view.
//! Nothing here runs in a normal frame; the module exists only with the
//! `diagnostics` cargo feature (on by default, so the release binary keeps
//! both commands).

use egui::Ui;

use super::RhythmApp;
use crate::model::Id;
use crate::ui::canvas::CanvasState;
use crate::ui::legibility::Drawn;
use crate::ui::steps::Step;

impl RhythmApp {
    /// Show `step`, as the step buttons or keys 1–4 would.
    pub fn set_step(&mut self, step: Step) {
        self.workshop.step = step;
    }

    /// Ask the board for "fit all" at the next frame (F, the toolbar).
    pub fn request_fit(&mut self) {
        self.views.canvas.request_fit();
    }

    /// Lay out and paint one frame into `ui` (the whole window), as
    /// eframe's update does, without a window.
    pub fn run_frame(&mut self, ui: &mut Ui) {
        self.frame_ui(ui);
    }

    /// The tasks the typology grid named in full in the last frame (on a
    /// label or in its legend), or `None` when the grid was not shown.
    pub fn tasks_named_on_grid(&self) -> Option<&[Id]> {
        self.presentation
            .grid_rect
            .is_some()
            .then(|| self.views.typology.named())
    }

    /// Every text, card and flow the board and the grid drew at the last
    /// frame on `ctx` (the grid's first, as the frame draws them), listed
    /// from their layouts; the board's part only when it was shown.
    pub fn drawn(&mut self, ctx: &egui::Context) -> Drawn {
        let session = self.figures.shown(&self.doc);
        let mut drawn = Drawn::default();
        if self.presentation.grid_rect.is_some() {
            drawn.extend(self.views.typology.drawn(ctx, session));
        }
        if self.presentation.board_rect.is_some() {
            drawn.extend(self.with_board(|canvas, input| canvas.drawn(ctx, input)));
        }
        drawn
    }

    /// The tool-map view's state, to move its view from outside (the
    /// `frame` benchmark and `bench-pan`).
    pub fn canvas_mut(&mut self) -> &mut CanvasState {
        &mut self.views.canvas
    }
}

//! Where each view goes in the window, one frame at a time: the chrome
//! (menus, toolbar, header, steps, status bar, or the projector bar), the
//! live score, the typology grid, the board or the hybrid score, and the
//! floating windows. Views push edits and commands; they are applied at
//! the end of the frame.

use std::collections::HashMap;

use egui::Color32;

use super::{Command, RhythmApp, renderer};
use crate::model::{Edit, Id, NoteRef, Session, VoteOn};
use crate::ui::canvas::{BoardInput, NoteMark};
use crate::ui::steps::{self, Step};
use crate::ui::{cheatsheet, header, participants, scoring, theme, voting};

/// Share of the window's width the scoring panel starts with.
const SCORE_SHARE: f32 = 0.22;
/// Share of the window's width the typology panel starts with.
const TYPOLOGY_SHARE: f32 = 0.30;
/// Space between the projector bar's widgets on a narrow projector,
/// points (the theme's is 10).
const BAR_NARROW_SPACING: f32 = 6.0;
/// A button's padding left and right of its text in the projector bar
/// on a narrow projector, points (the theme's is 10).
const BAR_NARROW_PADDING: f32 = 6.0;

/// What the views asked for during one frame.
#[derive(Default)]
struct Asked {
    edits: Vec<Edit>,
    commands: Vec<Command>,
}

impl RhythmApp {
    /// One frame of the window.
    pub(super) fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.presentation.start_maximized.frame(&ctx);
        self.close_guard(&ctx);
        self.poll_dialogs(&ctx);
        self.poll_export();
        self.poll_minutes();
        self.shortcuts(&ctx);
        // Phones' edits first, so every view draws this frame from the
        // session with them in.
        self.pump_room(&ctx);
        self.refresh_stats();
        if self.apply_scale(&ctx) {
            // Lay nothing out at the old scale: panels would remember
            // their first size in the old points. This pass is dropped
            // and the next one runs at the new scale.
            ctx.request_discard("UI scale changed");
            return;
        }
        if self.workshop.timer.tick(&ctx).is_some() {
            self.say(format!("Time is up for {}", self.workshop.step.title()));
        }

        let mut asked = Asked::default();
        self.chrome_ui(ui, &mut asked);
        self.panels_ui(ui, &mut asked);
        self.windows_ui(&ctx, &mut asked.edits);
        // Edits and commands change what the views showed this frame: draw
        // once more so the room never sees a stale figure.
        if !asked.edits.is_empty() || !asked.commands.is_empty() {
            ctx.request_repaint();
        }
        self.apply_all(asked.edits);
        for command in asked.commands {
            self.run_command(&ctx, command);
        }
        if ctx.input(|i| i.pointer.any_released()) {
            self.doc.seal();
        }
        if self.windows.cheatsheet {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts")
                .id(egui::Id::unique("cheat sheet"))
                .open(&mut open)
                .collapsible(false)
                .vscroll(true)
                .default_pos([120.0, 100.0])
                .show(&ctx, |ui| {
                    cheatsheet::ui(ui);
                    renderer::about_ui(ui);
                });
            self.windows.cheatsheet &= open;
        }
        self.time_up_alert(&ctx);
        self.modals(&ctx);
        self.compare.show(&ctx);
        for action in self.recovery.ui(&ctx, &self.doc) {
            match action {
                super::recovery::RecoveryRequest::Replace(doc) => self.replace_document(*doc),
                super::recovery::RecoveryRequest::Open(path) => {
                    self.guarded(&ctx, super::AfterConfirm::OpenPath(path));
                }
                super::recovery::RecoveryRequest::Say(text) => self.say(text),
                super::recovery::RecoveryRequest::Fail(text) => self.fail(text),
            }
        }
        self.room_window_ui(&ctx);
        self.waiting_notice_ui(&ctx);
        self.refresh_stats();
        self.publish_room();
        self.update_title(&ctx);
    }

    /// The bars around the views: the projector bar in projector mode
    /// (the step, the timer and a way out; menus, toolbar and header
    /// fields are hidden), else menus, toolbar, header, steps and status.
    fn chrome_ui(&mut self, ui: &mut egui::Ui, asked: &mut Asked) {
        if self.presentation.projector {
            egui::Panel::top("projector bar").show(ui, |ui| {
                // On a narrow projector (1280×800 at ×1.75: 731 points)
                // every point counts: tighter spacing, no separators,
                // icons with their names on hover, so the bar stays one
                // row in every step, with the room open and the timer
                // running.
                let narrow =
                    ui.ctx().content_rect().width() < super::presentation::NARROW_PROJECTOR;
                if narrow {
                    ui.spacing_mut().item_spacing.x = BAR_NARROW_SPACING;
                    ui.spacing_mut().button_padding.x = BAR_NARROW_PADDING;
                }
                let separator = |ui: &mut egui::Ui| {
                    if !narrow {
                        ui.separator();
                    }
                };
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("✖")
                        .on_hover_text("Leave projector mode (Esc, F5)")
                        .clicked()
                    {
                        asked.commands.push(Command::ToggleProjector);
                    }
                    if ui
                        .button("?")
                        .on_hover_text("Keyboard shortcuts (F1)")
                        .clicked()
                    {
                        asked.commands.push(Command::ToggleCheatSheet);
                    }
                    separator(ui);
                    let mut shown = !self.score_folded(ui.ctx());
                    if ui
                        .toggle_value(&mut shown, "📊")
                        .on_hover_text("Live score panel (L)")
                        .clicked()
                    {
                        asked.commands.push(Command::ToggleScorePanel);
                    }
                    separator(ui);
                    // The current step by name, the others by number.
                    steps::tabs_ui(ui, &mut self.workshop.step, true);
                    separator(ui);
                    self.timer_ui(ui);
                    if self.room.is_open() {
                        separator(ui);
                        self.room_indicator_ui(ui);
                    } else if ui
                        .button("📱")
                        .on_hover_text("Open the room: phones join (F4)")
                        .clicked()
                    {
                        asked.commands.push(Command::OpenRoom);
                    }
                });
            });
        } else {
            egui::Panel::top("menu").show(ui, |ui| {
                asked.commands.extend(self.menu_ui(ui));
                asked.commands.extend(self.toolbar_ui(ui));
            });
            egui::Panel::top("header").show(ui, |ui| {
                header::ui(ui, self.doc.session(), &mut asked.edits);
            });
            egui::Panel::top("steps").show(ui, |ui| {
                let step = self.workshop.step;
                let timer = &mut self.workshop.timer;
                steps::ui(ui, &mut self.workshop.step, |ui| timer.ui(ui, step, false));
            });
            egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        }
        steps::keys(ui, &mut self.workshop.step);
    }

    /// The live score on the right, the typology grid, and in the middle
    /// the board or the hybrid score. In projector mode the grid shows in
    /// Step 3 only, and then fills the room's view; the board shows in
    /// Steps 1 and 2.
    fn panels_ui(&mut self, ui: &mut egui::Ui, asked: &mut Asked) {
        let projector = self.presentation.projector;
        if self.room_on_the_wall() {
            // The join screen takes the whole room's view (issue 17).
            self.presentation.grid_rect = None;
            self.presentation.board_rect = None;
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE.inner_margin(12))
                .show(ui, |ui| self.room_wall_ui(ui));
            return;
        }
        // First-run split: board ~48 %, grid ~30 %, score ~22 % of the
        // width; the user's resizing is kept by egui afterwards.
        let width = ui.available_width();
        // In projector mode points are larger: the panel may be narrower
        // in points and still show every figure.
        let (score_default, score_min) = if projector {
            ((width * 0.3).max(200.0), 180.0)
        } else {
            ((width * SCORE_SHARE).max(280.0), 240.0)
        };
        if !self.score_folded(ui.ctx()) {
            egui::Panel::right(if projector {
                "scoring projector"
            } else {
                "scoring"
            })
            .resizable(true)
            .default_size(score_default)
            .min_size(score_min)
            .show(ui, |ui| {
                self.hidden_ui(ui);
                let session = self.figures.shown(&self.doc);
                scoring::ui(ui, session, &self.figures.stats, &mut asked.edits);
            });
        }
        // The grid's quadrants cover most of its panel: no panel fill under
        // them (the window's clear colour shows around them).
        let emphasis = |on: bool| {
            let frame = egui::Frame::side_top_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
            if on {
                frame.stroke(egui::Stroke::new(4.0, theme::SELECTION))
            } else {
                frame
            }
        };
        let step = self.workshop.step;
        self.views
            .typology
            .set_min_text(self.presentation.legibility.floor);
        self.views.typology.set_compact(projector);
        let grid_fills_view = projector && step == Step::Typology;
        self.presentation.grid_rect = None;
        self.presentation.board_rect = None;
        if grid_fills_view {
            // No fill under the quadrants here either.
            let frame = egui::Frame::central_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
            let panel = egui::CentralPanel::default().frame(frame).show(ui, |ui| {
                let session = self.figures.shown(&self.doc);
                self.views.typology.ui(ui, session, &mut asked.edits);
            });
            self.presentation.grid_rect = Some(panel.response.rect);
            return;
        }
        if !projector {
            let panel = egui::Panel::right("typology")
                .frame(emphasis(step == Step::Typology))
                .resizable(true)
                .default_size((width * TYPOLOGY_SHARE).max(340.0))
                .min_size(300.0)
                .show(ui, |ui| {
                    let session = self.figures.shown(&self.doc);
                    self.views.typology.ui(ui, session, &mut asked.edits);
                });
            self.presentation.grid_rect = Some(panel.response.rect);
        }
        if step == Step::HybridScore {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    // The hybrid score is the workshop's last step: its
                    // minutes are one click away.
                    let running = self.files.minutes.is_running();
                    ui.horizontal_wrapped(|ui| {
                        let button = egui::Button::new("📄 Export minutes (PDF + HTML)")
                            .shortcut_text("Ctrl+Shift+E");
                        if ui
                            .add_enabled(!running, button)
                            .on_hover_text("The workshop's minutes as one PDF and one HTML page, next to the session file")
                            .clicked()
                        {
                            asked.commands.push(Command::ExportMinutes);
                        }
                        self.files.minutes.progress_ui(ui);
                    });
                    let session = self.figures.shown(&self.doc);
                    self.views
                        .hybrid
                        .ui(ui, session, &self.figures.stats, &mut asked.edits);
                });
            });
        } else {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| self.board_ui(ui, &mut asked.edits));
        }
    }

    /// The tool map with its step title and, for one selected note, the
    /// inspector beside it.
    fn board_ui(&mut self, ui: &mut egui::Ui, edits: &mut Vec<Edit>) {
        // Pain points sent from phones and not yet revealed are not drawn.
        let board = self.with_board(|canvas, input| canvas.ui(ui, input));
        self.presentation.board_rect = self.views.canvas.canvas_rect();
        let session = self.figures.shown(&self.doc);
        let projector = self.presentation.projector;
        edits.extend(board.edits);
        if let Some(id) = board.vote_click {
            edits.extend(self.views.voting.click(session, id));
        }
        let Some(rect) = self.views.canvas.canvas_rect() else {
            return;
        };
        // The inspector steps aside while notes are dragged, and while the
        // room is brought to a tool in projector mode (it would cover it).
        let spotlit = projector && self.views.canvas.is_spotlit();
        if let Some(note) = self
            .views
            .canvas
            .single_selected()
            .filter(|_| !self.views.canvas.is_busy() && !self.windows.voting && !spotlit)
        {
            egui::Window::new("Selected note")
                .id(egui::Id::unique("inspector"))
                .pivot(egui::Align2::RIGHT_TOP)
                .fixed_pos(rect.right_top() + egui::vec2(-10.0, 44.0))
                .resizable(false)
                .collapsible(true)
                .show(ui.ctx(), |ui| {
                    self.views.inspector.ui(ui, session, note, edits);
                });
        }
    }

    /// `f` given the board's state and what the board is given this
    /// frame (the session shown, its dot-vote marks, the step, the
    /// presentation).
    pub(super) fn with_board<R>(
        &mut self,
        f: impl FnOnce(&mut crate::ui::canvas::CanvasState, &BoardInput<'_>) -> R,
    ) -> R {
        let session = self.figures.shown(&self.doc);
        let voting = self.windows.voting && session.vote.is_some();
        let marks = if voting {
            vote_marks(session, self.views.voting.active())
        } else {
            HashMap::new()
        };
        let input = board_input(
            session,
            (&marks, voting),
            &self.figures,
            &self.workshop,
            &self.presentation,
            &self.prefs,
        );
        f(&mut self.views.canvas, &input)
    }

    /// The participants window and the dot-vote window, when open.
    fn windows_ui(&mut self, ctx: &egui::Context, edits: &mut Vec<Edit>) {
        if self.windows.participants {
            let mut open = true;
            egui::Window::new("Participants and scores")
                .id(egui::Id::unique("participants"))
                .open(&mut open)
                .default_size([860.0, 640.0])
                .default_pos([60.0, 120.0])
                .vscroll(true)
                .show(ctx, |ui| {
                    let session = self.figures.shown(&self.doc);
                    self.views.participants.ui(ui, session, edits);
                });
            self.windows.participants = open;
        }
        if self.windows.voting {
            let mut open = true;
            // Beside the board, over the grid: the notes stay clickable.
            let beside_board = self
                .views
                .canvas
                .canvas_rect()
                .map_or(egui::pos2(80.0, 140.0), |r| {
                    r.right_top() + egui::vec2(12.0, 8.0)
                });
            egui::Window::new("Dot vote")
                .id(egui::Id::unique("dot vote"))
                .open(&mut open)
                .default_size([460.0, 560.0])
                .default_pos(beside_board)
                .show(ctx, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        let session = self.figures.shown(&self.doc);
                        self.views.voting.ui(ui, session, edits);
                    });
                });
            self.windows.voting = open;
        }
    }
}

/// What the board is given this frame: `session` (what is shown), its
/// dot-vote marks and whether a vote is under way, and what it reads of
/// the figures, the step and the presentation.
fn board_input<'a>(
    session: &'a Session,
    (marks, voting): (&'a HashMap<NoteRef, NoteMark>, bool),
    figures: &'a super::Figures,
    workshop: &super::Workshop,
    presentation: &super::Presentation,
    prefs: &super::Prefs,
) -> BoardInput<'a> {
    let step = workshop.step;
    let projector = presentation.projector;
    let title = match step {
        Step::PainPoints => "Step 2 · Pain points on the map",
        _ => "Step 1 · Tool map",
    };
    let colour = if matches!(step, Step::Autopsy | Step::PainPoints) {
        theme::SELECTION
    } else {
        theme::INK_SOFT
    };
    BoardInput {
        session,
        // The revision of the session drawn, not the document's: they
        // differ for the rest of a frame in which an edit was applied.
        revision: figures.revision,
        stats: &figures.stats,
        highlight: workshop.highlight,
        author: workshop.author,
        marks,
        voting,
        minimap: prefs.minimap,
        legibility: presentation.legibility,
        projector,
        // The projector bar names the step already.
        title: (!projector).then_some((title, colour)),
    }
}

/// The dot-vote marks on the board's notes: before the reveal only the
/// active voter's own dots, after it everyone's dots and each total.
fn vote_marks(session: &Session, active: Option<Id>) -> HashMap<NoteRef, NoteMark> {
    let Some(vote) = &session.vote else {
        return HashMap::new();
    };
    session
        .vote_candidates(vote.on())
        .into_iter()
        .filter_map(|id| {
            let note = match vote.on() {
                VoteOn::Tasks => NoteRef::Task(id),
                VoteOn::PainPoints => NoteRef::Pain(id),
            };
            let dots: Vec<Color32> = voting::visible_dots(session, active, id)
                .into_iter()
                .map(participants::colour_of)
                .collect();
            let total = vote.revealed().then(|| vote.dots_on(id) as u32);
            (!dots.is_empty() || total.is_some_and(|t| t > 0))
                .then_some((note, NoteMark { dots, total }))
        })
        .collect()
}

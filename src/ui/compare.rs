//! The compare view (METHOD.md, "Comparing quarters"): two or more sessions
//! of the same team, oldest first, in three tabs.
//!
//! - *What changed* (one pair): shadow flows closed and opened, tools,
//!   flows and tasks added, removed and renamed, tasks that moved quadrant
//!   (arrows on a 2×2), hours lost per category and tool, work-model gaps,
//!   and the changes done.
//! - *Boards side by side* (one pair): both tool maps with one pan and
//!   zoom, added and removed things marked ([`crate::ui::compare_board`]).
//! - *Trends* (all sessions): hours per pain category, gap per question and
//!   shadow flows per quarter, plotted ([`crate::ui::compare_trends`]).
//!
//! Read-only: the view never emits an edit. Every mark carries a text
//! label or icon as well as its colour.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use egui::{Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::model::{
    BeforeAfter, ChangeStatus, Comparison, EntityDiff, Placement, Quadrant, Session, SessionDiff,
    TaskMove, Trends, WorkModelSummary, compare,
};
use crate::ui::compare_board::CompareBoards;
use crate::ui::typology::GridFrame;
use crate::ui::{compare_trends, theme};

/// Side of the "moved tasks" 2×2 grid, points.
const GRID_SIDE: f32 = 360.0;
/// Room below the grid for tasks that came from or went to the tray, points.
const TRAY_STRIP: f32 = 36.0;
/// Length of an arrow's tip on the moved-tasks grid, points.
const ARROW_TIP: f32 = 14.0;
/// Colour of what closed or fell (good news); always paired with "✔".
const CLOSED: Color32 = theme::GOOD_INK;
/// Colour of what opened or rose (bad news); always paired with "⚠".
const OPENED: Color32 = theme::WARNING_INK;

/// Which part of the compare view is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CompareTab {
    /// Headline figures and every list of the shown pair.
    #[default]
    Changes,
    /// The shown pair's tool maps side by side, with synchronised pan and
    /// zoom.
    Boards,
    /// Hours, gaps and shadow flows per quarter, across all sessions.
    Trends,
}

impl CompareTab {
    /// Every tab, in the order of the tab bar.
    pub const ALL: [CompareTab; 3] = [Self::Changes, Self::Boards, Self::Trends];

    /// The tab's title: "What changed", "Boards side by side", "Trends".
    pub fn title(self) -> &'static str {
        match self {
            Self::Changes => "What changed",
            Self::Boards => "Boards side by side",
            Self::Trends => "Trends",
        }
    }
}

/// The compare view's state: the sessions (oldest first), their
/// comparison, which pair is shown, and which tab.
#[derive(Clone, Debug, Default)]
pub struct CompareState {
    /// Display name (file name) of each session, oldest first.
    names: Vec<String>,
    /// The sessions, oldest first.
    sessions: Vec<Session>,
    comparison: Comparison,
    trends: Trends,
    /// Index into the comparison's steps; `steps.len()` means first → last.
    shown: usize,
    tab: CompareTab,
    boards: CompareBoards,
}

impl CompareState {
    /// Compare `sessions` (display name and session, any order): they are
    /// ordered oldest first by quarter label and date.
    pub fn new(sessions: Vec<(String, Session)>) -> Self {
        let plain: Vec<Session> = sessions.iter().map(|(_, s)| s.clone()).collect();
        let comparison = compare(&plain);
        let (names, sessions) = comparison
            .order
            .iter()
            .filter_map(|&i| sessions.get(i).cloned())
            .unzip();
        // Open on first → last: what the room wants to see first.
        let shown = if comparison.overall.is_some() {
            comparison.steps.len()
        } else {
            0
        };
        Self {
            names,
            sessions,
            trends: Trends::of(&comparison),
            comparison,
            shown,
            tab: CompareTab::default(),
            boards: CompareBoards::default(),
        }
    }

    /// The comparison shown.
    pub fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    /// The per-quarter series of the "Trends" tab.
    pub fn trends(&self) -> &Trends {
        &self.trends
    }

    /// The pair of sessions currently shown.
    pub fn shown_diff(&self) -> Option<&SessionDiff> {
        self.comparison
            .steps
            .get(self.shown)
            .or(self.comparison.overall.as_ref())
    }

    /// The earlier and the later session of the pair shown.
    pub fn shown_sessions(&self) -> Option<(&Session, &Session)> {
        shown_pair(&self.sessions, self.shown, self.comparison.steps.len())
    }

    /// The tab shown.
    pub fn tab(&self) -> CompareTab {
        self.tab
    }

    /// Show a tab.
    pub fn set_tab(&mut self, tab: CompareTab) {
        self.tab = tab;
    }

    /// The side-by-side boards: their shared view.
    pub fn boards(&self) -> &CompareBoards {
        &self.boards
    }

    /// Draw the view: the sessions, the tab bar and, for the pair tabs, a
    /// pair selector; then the tab. Fills the space it is given (the
    /// "What changed" list scrolls vertically).
    pub fn ui(&mut self, ui: &mut Ui) {
        ui.heading("Comparing quarters");
        ui.horizontal_wrapped(|ui| {
            for (n, (name, figures)) in self.names.iter().zip(&self.comparison.sessions).enumerate()
            {
                if n > 0 {
                    ui.label("→");
                }
                ui.label(RichText::new(figures.label.short()).strong())
                    .on_hover_text(name);
            }
        });
        if self.comparison.steps.is_empty() {
            ui.label("Pick two or more sessions of the same team to compare.");
            return;
        }
        ui.horizontal(|ui| {
            for tab in CompareTab::ALL {
                ui.selectable_value(
                    &mut self.tab,
                    tab,
                    RichText::new(tab.title()).size(theme::CAPTION_FONT + 2.0),
                );
            }
        });
        if self.tab != CompareTab::Trends {
            self.pair_selector_ui(ui);
        }
        ui.separator();
        match self.tab {
            CompareTab::Changes => {
                let Some(diff) = self.shown_diff().cloned() else {
                    return;
                };
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| diff_ui(ui, &diff));
            }
            CompareTab::Boards => {
                let (Some(diff), Some((before, after))) = (
                    self.comparison
                        .steps
                        .get(self.shown)
                        .or(self.comparison.overall.as_ref()),
                    shown_pair(&self.sessions, self.shown, self.comparison.steps.len()),
                ) else {
                    return;
                };
                self.boards.ui(ui, before, after, diff);
            }
            CompareTab::Trends => {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| compare_trends::trends_ui(ui, &self.trends));
            }
        }
    }

    fn pair_selector_ui(&mut self, ui: &mut Ui) {
        let n = self.comparison.steps.len();
        if n < 2 {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("Show:");
            let was = self.shown;
            for (i, step) in self.comparison.steps.iter().enumerate() {
                let text = format!("{} → {}", step.before.quarter, step.after.quarter);
                ui.selectable_value(&mut self.shown, i, text);
            }
            if self.comparison.overall.is_some() {
                ui.selectable_value(&mut self.shown, n, "first → last");
            }
            if self.shown != was {
                self.boards.request_fit();
            }
        });
    }
}

/// The earlier and later session of pair `shown` (a step, or first → last
/// when `shown == steps`).
fn shown_pair(sessions: &[Session], shown: usize, steps: usize) -> Option<(&Session, &Session)> {
    if shown < steps {
        Some((sessions.get(shown)?, sessions.get(shown + 1)?))
    } else {
        Some((sessions.first()?, sessions.last()?))
    }
}

fn diff_ui(ui: &mut Ui, d: &SessionDiff) {
    ui.label(
        RichText::new(format!("{} → {}", d.before.short(), d.after.short()))
            .size(theme::FIGURE_FONT)
            .strong(),
    );
    headline_ui(ui, d);
    ui.add_space(8.0);
    shadow_ui(ui, d);
    ui.add_space(8.0);
    ui.columns(3, |cols| {
        if let [a, b, c] = cols {
            entity_ui(a, "Tools", &d.tools);
            entity_ui(b, "Flows", &d.flows);
            entity_ui(c, "Tasks", &d.tasks);
        }
    });
    ui.add_space(8.0);
    ui.heading(format!(
        "Tasks that moved quadrant ({})",
        d.moved_tasks.len()
    ));
    ui.horizontal_top(|ui| {
        moved_grid_ui(ui, &d.moved_tasks);
        ui.vertical(|ui| {
            if d.moved_tasks.is_empty() {
                ui.label("No task moved.");
            }
            for m in &d.moved_tasks {
                let fits = match m.fits {
                    Some(true) => " ✔ fits its automation label",
                    Some(false) => " ⚠ disagrees with its automation label",
                    None => "",
                };
                ui.label(format!(
                    "➡ {}: {} → {}{fits}",
                    m.name,
                    place(m.from_place),
                    place(m.to_place)
                ));
            }
        });
    });
    ui.add_space(8.0);
    hours_ui(ui, d);
    ui.add_space(8.0);
    work_model_ui(ui, d);
    ui.add_space(8.0);
    changes_ui(ui, d);
}

fn headline_ui(ui: &mut Ui, d: &SessionDiff) {
    let h = d.hours.total;
    let pct = h.percent().map_or_else(String::new, |p| {
        format!(", {} %", crate::model::compare_signed1(p))
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Hours lost: {} → {} h/week ({} h/week{pct})",
                num(h.before),
                num(h.after),
                signed(h.delta())
            ))
            .size(theme::CAPTION_FONT)
            .color(trend_colour(h.delta())),
        );
        ui.separator();
        ui.label(
            RichText::new(format!(
                "Shadow flows: {} → {}",
                d.shadow_count.before, d.shadow_count.after
            ))
            .size(theme::CAPTION_FONT),
        );
        ui.separator();
        ui.label(
            RichText::new(format!("Changes done: {}", d.done_since().count()))
                .size(theme::CAPTION_FONT),
        );
    });
}

fn shadow_ui(ui: &mut Ui, d: &SessionDiff) {
    ui.heading(format!(
        "Shadow flows closed ({}) and opened ({})",
        d.shadow_closed.len(),
        d.shadow_opened.len()
    ));
    if d.shadow_closed.is_empty() && d.shadow_opened.is_empty() {
        ui.label("No shadow flow closed or opened.");
    }
    let share = |s: Option<u8>| s.map_or_else(String::new, |s| format!(", {s} %"));
    for c in &d.shadow_closed {
        ui.label(
            RichText::new(format!(
                "✔ closed ({}{}): {}",
                c.how.label(),
                share(c.share),
                c.flow
            ))
            .color(CLOSED),
        );
    }
    for c in &d.shadow_opened {
        ui.label(
            RichText::new(format!(
                "⚠ opened ({}{}): {}",
                c.how.label(),
                share(c.share),
                c.flow
            ))
            .color(OPENED),
        );
    }
}

fn entity_ui(ui: &mut Ui, title: &str, e: &EntityDiff) {
    ui.strong(format!("{title} ({} → {})", e.count.before, e.count.after));
    if e.is_empty() {
        ui.label("no change");
    }
    for n in &e.added {
        ui.label(format!("+ added: {}", n.name));
    }
    for n in &e.removed {
        ui.label(format!("- removed: {}", n.name));
    }
    for r in &e.renamed {
        ui.label(format!("~ renamed: {} → {}", r.before, r.after));
    }
}

/// The 2×2 with an arrow per moved task from its old to its new position;
/// tasks from or to the tray start or end on a strip under the grid.
fn moved_grid_ui(ui: &mut Ui, moves: &[TaskMove]) {
    let (rect, response) =
        ui.allocate_exact_size(vec2(GRID_SIDE, GRID_SIDE + TRAY_STRIP), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Figure,
            true,
            format!("Typology grid: {} tasks moved", moves.len()),
        )
    });
    let painter = ui.painter_at(rect);
    let frame = GridFrame {
        rect: Rect::from_min_size(rect.min, vec2(GRID_SIDE, GRID_SIDE)),
    };
    let tray = Rect::from_min_max(pos2(rect.min.x, frame.rect.max.y + 4.0), rect.max);
    painter.rect_filled(frame.rect, 0.0, theme::BOARD_BG);
    for q in Quadrant::ALL {
        let r = frame.quadrant_rect(q);
        painter.rect_stroke(
            r,
            0.0,
            Stroke::new(1.0, theme::BOARD_DOTS),
            egui::StrokeKind::Inside,
        );
        painter.text(
            r.left_top() + vec2(6.0, 4.0),
            egui::Align2::LEFT_TOP,
            q.title(),
            FontId::proportional(14.0),
            theme::INK_SOFT,
        );
    }
    painter.rect_filled(tray, 0.0, theme::UNDECIDED_BAND_FILL);
    painter.text(
        tray.left_center() + vec2(6.0, 0.0),
        egui::Align2::LEFT_CENTER,
        "tray",
        FontId::proportional(13.0),
        theme::INK_SOFT,
    );
    let n = moves.len().max(1) as f32;
    let tray_point = |k: usize| {
        pos2(
            tray.min.x + 50.0 + (k as f32 + 0.5) / n * (tray.width() - 60.0),
            tray.center().y,
        )
    };
    for (k, m) in moves.iter().enumerate() {
        let from: Pos2 = m
            .from
            .map_or_else(|| tray_point(k), |g| frame.screen_from_grid(g));
        let to: Pos2 =
            m.to.map_or_else(|| tray_point(k), |g| frame.screen_from_grid(g));
        let colour = match m.fits {
            Some(false) => OPENED,
            _ => theme::SELECTION,
        };
        painter.circle_stroke(from, 4.0, Stroke::new(1.5, colour));
        let stroke = Stroke::new(2.5, colour);
        painter.line_segment([from, to], stroke);
        let dir = (to - from).normalized() * ARROW_TIP;
        if dir.is_finite() && (to - from).length() > ARROW_TIP {
            painter.arrow(to - dir, dir, stroke);
        }
        painter.text(
            to + vec2(6.0, -2.0),
            egui::Align2::LEFT_BOTTOM,
            short_name(&m.name),
            FontId::proportional(12.0),
            theme::INK,
        );
    }
}

fn hours_ui(ui: &mut Ui, d: &SessionDiff) {
    ui.heading("Hours lost per week");
    egui::Grid::new("compare hours")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for head in ["", "before", "after", "change", "%"] {
                ui.strong(head);
            }
            ui.end_row();
            let row = |ui: &mut Ui, name: &str, h: BeforeAfter<f32>| {
                ui.label(name);
                ui.label(num(h.before));
                ui.label(num(h.after));
                let arrow = if h.delta() < 0.0 {
                    "▼ "
                } else if h.delta() > 0.0 {
                    "▲ "
                } else {
                    ""
                };
                ui.label(
                    RichText::new(format!("{arrow}{}", signed(h.delta())))
                        .color(trend_colour(h.delta())),
                );
                ui.label(h.percent().map_or_else(
                    || "—".to_owned(),
                    |p| format!("{} %", crate::model::compare_signed1(p)),
                ));
                ui.end_row();
            };
            row(ui, "Total", d.hours.total);
            for (c, h) in &d.hours.per_category {
                row(ui, &format!("{} {}", c.marker(), c.title()), *h);
            }
            row(ui, "on shadow flows", d.hours.on_shadow_flows);
            for (tool, h) in &d.hours.per_tool {
                row(ui, &format!("tool: {tool}"), *h);
            }
        });
}

fn work_model_ui(ui: &mut Ui, d: &SessionDiff) {
    ui.heading("Work model: as it is, as run, gap");
    let opt = |v: Option<f32>| v.map_or_else(|| "—".to_owned(), num);
    let gap = |v: Option<f32>| match v {
        Some(g) if WorkModelSummary::is_misaligned(g) => format!("⚠ {}", signed(g)),
        Some(g) => signed(g),
        None => "—".to_owned(),
    };
    egui::Grid::new("compare work model")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for head in ["Question", "as it is", "as run", "gap before", "gap after"] {
                ui.strong(head);
            }
            ui.end_row();
            for q in &d.work_model.questions {
                ui.label(q.question.title());
                ui.label(format!("{} → {}", opt(q.as_is.before), opt(q.as_is.after)));
                ui.label(format!(
                    "{} → {}",
                    opt(q.as_run.before),
                    opt(q.as_run.after)
                ));
                ui.label(gap(q.gap.before));
                ui.label(gap(q.gap.after));
                ui.end_row();
            }
        });
}

fn changes_ui(ui: &mut Ui, d: &SessionDiff) {
    ui.heading(format!("Changes ({})", d.changes.len()));
    for c in &d.changes {
        let status = match (c.status.before, c.status.after) {
            (Some(b), Some(a)) if b != a => format!("{} → {}", b.label(), a.label()),
            (None, Some(a)) => format!("new, {}", a.label()),
            (_, a) => a.map_or("—", ChangeStatus::label).to_owned(),
        };
        let mark = if c.done_since() { "✔ done — " } else { "" };
        ui.label(format!(
            "{mark}{}: {} ({status})",
            c.description,
            c.metric_line()
        ));
    }
}

fn place(p: Option<Placement>) -> &'static str {
    p.map_or("tray", Placement::label)
}

fn short_name(name: &str) -> String {
    const MAX: usize = 28;
    if name.chars().count() > MAX {
        let cut: String = name.chars().take(MAX - 1).collect();
        format!("{cut}…")
    } else {
        name.to_owned()
    }
}

fn trend_colour(delta: f32) -> Color32 {
    if delta < 0.0 {
        CLOSED
    } else if delta > 0.0 {
        OPENED
    } else {
        theme::INK
    }
}

fn num(v: f32) -> String {
    crate::model::compare_num(v)
}

fn signed(v: f32) -> String {
    crate::model::compare_signed(v)
}

/// A window showing only the compare view (`rhythm compare A.ron B.ron`
/// without `--report`).
struct CompareApp {
    state: CompareState,
}

impl eframe::App for CompareApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| self.state.ui(ui));
    }
}

/// Open a window on the comparison of `sessions` (display name and
/// session); returns when it is closed. `renderer` picks glow or wgpu as
/// for the main window.
///
/// # Errors
/// When the window cannot be opened (no display, no renderer starts).
pub fn run_window(
    sessions: Vec<(String, Session)>,
    renderer: crate::app::renderer::RendererChoice,
) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rhythm — comparing quarters")
            .with_inner_size([1280.0, 900.0])
            // On the projector the comparison gets the whole screen.
            .with_maximized(true),
        ..Default::default()
    };
    let state = CompareState::new(sessions);
    crate::app::renderer::run_native(
        "Rhythm compare",
        &options,
        renderer,
        Box::new(move |cc, _renderer| {
            theme::install(&cc.egui_ctx);
            Ok(Box::new(CompareApp { state }))
        }),
    )
}

/// An answer from the native dialog faster than this cannot come from a
/// person: no dialog was shown (as in [`crate::app`]'s file dialogs).
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);
/// How often the picker looks for the native dialog's answer while it is
/// open.
const BROWSE_POLL: Duration = Duration::from_millis(100);

/// The typed-path picker of File → Compare….
#[derive(Debug, Default)]
struct Picker {
    /// One path per line.
    text: String,
    /// Why the last attempt failed, one `PATH:LINE:COL: message` per file,
    /// or that no file dialog could be shown.
    error: Option<String>,
    /// A native "Browse…" dialog open on its own thread: when it opened,
    /// and where its answer (the files picked, or `None`) arrives.
    browsing: Option<(Instant, Receiver<Option<Vec<PathBuf>>>)>,
}

impl Picker {
    /// Open rfd's multi-file dialog on a thread (never blocking the UI),
    /// starting in the folder of the first typed path.
    fn browse(&mut self, ctx: &egui::Context) {
        if self.browsing.is_some() {
            return;
        }
        let folder = self
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .and_then(|l| Path::new(l).parent().map(Path::to_path_buf))
            .filter(|p| p.is_dir());
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("compare file dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::AsyncFileDialog::new()
                    .set_title("Sessions to compare")
                    .add_filter("Rhythm session", &[crate::store::EXTENSION]);
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                let picked = pollster::block_on(dialog.pick_files())
                    .map(|files| files.iter().map(|f| f.path().to_path_buf()).collect());
                let _receiver_gone = tx.send(picked);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.browsing = Some((Instant::now(), rx));
                self.error = None;
            }
            Err(err) => {
                self.error = Some(format!(
                    "Cannot open a file dialog ({err}): type the paths, one per line."
                ))
            }
        }
    }

    /// Take the native dialog's answer when it has come: picked files are
    /// added below the typed paths (each once).
    fn poll_browse(&mut self) {
        let Some((opened, rx)) = &self.browsing else {
            return;
        };
        let answer = match rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(answer) => answer,
            Err(TryRecvError::Disconnected) => None,
        };
        let quick = opened.elapsed() < NO_DIALOG_WITHIN;
        self.browsing = None;
        match answer {
            Some(files) => {
                let mut lines: Vec<String> = self
                    .text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
                for file in files {
                    let line = file.display().to_string();
                    if !lines.contains(&line) {
                        lines.push(line);
                    }
                }
                self.text = lines.join("\n") + "\n";
            }
            None if quick => {
                self.error = Some(
                    "No file dialog is available here: type the paths, one per line.".to_owned(),
                );
            }
            None => {}
        }
    }
}

/// File → Compare… in the main window: a picker for two or more session
/// files (typed paths, one per line, or "Browse…" for the native dialog),
/// then the compare view in its own window. Not saved with the session.
#[derive(Debug, Default)]
pub struct CompareDialog {
    picker: Option<Picker>,
    view: Option<CompareState>,
}

impl CompareDialog {
    /// Show the picker, pre-filled with the current session's path when it
    /// has one (the user adds the other quarters below it).
    pub fn open_picker(&mut self, current: Option<&Path>) {
        let text = current.map_or_else(String::new, |p| format!("{}\n", p.display()));
        self.picker = Some(Picker {
            text,
            ..Picker::default()
        });
    }

    /// Read the session files at `paths` and show their comparison.
    ///
    /// # Errors
    /// Fewer than two paths, or files that cannot be read: one
    /// `PATH:LINE:COL: message` line per unreadable file. The view shown
    /// before, if any, stays.
    pub fn open_paths(&mut self, paths: &[PathBuf]) -> Result<(), String> {
        if paths.len() < 2 {
            return Err("Pick two or more session files, one path per line.".to_owned());
        }
        let mut sessions = Vec::new();
        let mut errors = Vec::new();
        for path in paths {
            match crate::store::load(path) {
                Ok(session) => {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    sessions.push((name, session));
                }
                Err(err) => errors.push(err.with_path(path)),
            }
        }
        if !errors.is_empty() {
            return Err(errors.join("\n"));
        }
        self.view = Some(CompareState::new(sessions));
        self.picker = None;
        Ok(())
    }

    /// The compare view, when one is open.
    pub fn view(&self) -> Option<&CompareState> {
        self.view.as_ref()
    }

    /// Draw the picker and the compare view as windows over `ctx`, when
    /// open. Call once per frame.
    pub fn show(&mut self, ctx: &egui::Context) {
        self.picker_ui(ctx);
        if let Some(view) = &mut self.view {
            let mut open = true;
            egui::Window::new("Comparing quarters")
                .id(egui::Id::unique("compare view"))
                .open(&mut open)
                .default_size([1040.0, 760.0])
                .show(ctx, |ui| view.ui(ui));
            if !open {
                self.view = None;
            }
        }
    }

    fn picker_ui(&mut self, ctx: &egui::Context) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        picker.poll_browse();
        if picker.browsing.is_some() {
            ctx.request_repaint_after(BROWSE_POLL);
        }
        let (mut submit, mut cancel, mut browse) = (false, false, false);
        egui::Window::new("Compare sessions")
            .id(egui::Id::unique("compare picker"))
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.set_width(620.0);
                ui.label("Session files of the same team, one path per line, in any order:");
                ui.add(
                    egui::TextEdit::multiline(&mut picker.text)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("sessions/team-2025-Q3.ron\nsessions/team-2026-Q1.ron"),
                );
                if let Some(error) = &picker.error {
                    ui.colored_label(theme::WARNING_INK, error);
                }
                if picker.browsing.is_some() {
                    ui.label("Waiting for the file dialog…");
                }
                ui.horizontal(|ui| {
                    browse = ui
                        .add_enabled(picker.browsing.is_none(), egui::Button::new("Browse…"))
                        .on_hover_text("Pick session files with the system's file dialog")
                        .clicked();
                    submit = ui.button("Compare").clicked();
                    cancel = ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape));
                });
            });
        if browse {
            picker.browse(ctx);
        }
        if cancel {
            self.picker = None;
        } else if submit {
            let paths: Vec<PathBuf> = picker
                .text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect();
            if let Err(error) = self.open_paths(&paths)
                && let Some(picker) = &mut self.picker
            {
                picker.error = Some(error);
            }
        }
    }
}

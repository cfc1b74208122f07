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
//! label or icon as well as its colour. It draws only what it is given:
//! reading the files and the window of its own are the app's
//! (`crate::app::compare`).

use egui::{Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::format;
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
        // The figures the room came for, largest on screen, above the
        // tabs of the pair shown.
        if self.tab != CompareTab::Trends
            && let Some(diff) = self.shown_diff().cloned()
        {
            headline_ui(ui, &diff);
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
    ui.add_space(8.0);
    shadow_ui(ui, d);
    ui.add_space(8.0);
    // Columns lay their texts out justified (stretched gaps between
    // words): each list is left-aligned instead.
    ui.columns(3, |cols| {
        if let [a, b, c] = cols {
            for (ui, title, e) in [
                (a, "Tools", &d.tools),
                (b, "Flows", &d.flows),
                (c, "Tasks", &d.tasks),
            ] {
                ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    entity_ui(ui, title, e);
                });
            }
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

/// The headline figures of a pair of quarters, each on a card: hours lost
/// before → after, shadow flows closed and opened, tasks that moved and
/// changes done. Their numbers are the largest text on screen
/// ([`theme::HEADLINE_FONT`]); each card reads as one sentence.
fn headline_ui(ui: &mut Ui, d: &SessionDiff) {
    let h = d.hours.total;
    let pct = h
        .percent()
        .map_or_else(String::new, |p| format!(", {} %", format::signed1(p)));
    let hours_ink = trend_colour(h.delta());
    let cards: [Vec<(String, f32, Color32)>; 4] = [
        vec![
            (
                "Hours lost: ".to_owned(),
                theme::CAPTION_FONT + 2.0,
                theme::INK,
            ),
            (
                format!("{} → {}", format::num(h.before), format::num(h.after)),
                theme::HEADLINE_FONT,
                hours_ink,
            ),
            (
                format!(" h/week ({} h/week{pct})", format::signed(h.delta())),
                theme::CAPTION_FONT + 2.0,
                hours_ink,
            ),
        ],
        vec![
            (
                "Shadow flows: ".to_owned(),
                theme::CAPTION_FONT + 2.0,
                theme::INK,
            ),
            (
                format!("{} closed", d.shadow_closed.len()),
                theme::HEADLINE_FONT,
                CLOSED,
            ),
            (" · ".to_owned(), theme::HEADLINE_FONT, theme::INK_SOFT),
            (
                format!("{} opened", d.shadow_opened.len()),
                theme::HEADLINE_FONT,
                if d.shadow_opened.is_empty() {
                    CLOSED
                } else {
                    OPENED
                },
            ),
        ],
        vec![
            (
                "Tasks that moved: ".to_owned(),
                theme::CAPTION_FONT + 2.0,
                theme::INK,
            ),
            (
                d.moved_tasks.len().to_string(),
                theme::HEADLINE_FONT,
                theme::INK,
            ),
        ],
        vec![
            (
                "Changes done: ".to_owned(),
                theme::CAPTION_FONT + 2.0,
                theme::INK,
            ),
            (
                d.done_since().count().to_string(),
                theme::HEADLINE_FONT,
                theme::INK,
            ),
        ],
    ];
    let jobs: Vec<egui::text::LayoutJob> = cards
        .into_iter()
        .map(|parts| {
            let mut job = egui::text::LayoutJob::default();
            for (text, size, colour) in parts {
                job.append(
                    &text,
                    0.0,
                    egui::TextFormat {
                        font_id: FontId::proportional(size),
                        color: colour,
                        valign: egui::Align::BOTTOM,
                        ..Default::default()
                    },
                );
            }
            job
        })
        .collect();
    // Cards in rows as wide as the view (a frame is sized after its
    // content, so the rows are made here, not by a wrapping layout).
    let margin = egui::Margin::symmetric(14, 6);
    let spacing = ui.spacing().item_spacing.x;
    let width = ui.available_width();
    let mut rows: Vec<Vec<egui::text::LayoutJob>> = vec![Vec::new()];
    let mut used = 0.0;
    for job in jobs {
        let card = ui.fonts_mut(|f| f.layout_job(job.clone())).size().x
            + f32::from(margin.left + margin.right)
            + 4.0;
        if used > 0.0 && used + spacing + card > width {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += card + spacing;
        if let Some(row) = rows.last_mut() {
            row.push(job);
        }
    }
    for row in rows {
        ui.horizontal(|ui| {
            for job in row {
                egui::Frame::new()
                    .fill(theme::FIELD_FILL)
                    .stroke(Stroke::new(2.0, theme::INK_SOFT))
                    .corner_radius(8)
                    .inner_margin(margin)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(job).wrap_mode(egui::TextWrapMode::Extend));
                    });
            }
        });
    }
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
                ui.label(format::num(h.before));
                ui.label(format::num(h.after));
                let arrow = if h.delta() < 0.0 {
                    "▼ "
                } else if h.delta() > 0.0 {
                    "▲ "
                } else {
                    ""
                };
                ui.label(
                    RichText::new(format!("{arrow}{}", format::signed(h.delta())))
                        .color(trend_colour(h.delta())),
                );
                ui.label(
                    h.percent()
                        .map_or_else(|| "—".to_owned(), |p| format!("{} %", format::signed1(p))),
                );
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
    let opt = |v: Option<f32>| v.map_or_else(|| format::NONE.to_owned(), format::num);
    let gap = |v: Option<f32>| match v {
        Some(g) if WorkModelSummary::is_misaligned(g) => format!("⚠ {}", format::signed(g)),
        Some(g) => format::signed(g),
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
            format::metric_line(c)
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

//! A note's texts in the overview (issue 13): what it holds, what size
//! that needs, and how it is laid out in the room it got: whole where it
//! fits, else cut with "…" after its last whole row, never inside a word
//! where that can be helped.

use std::sync::Arc;

use egui::{Galley, Rect, Vec2, vec2};

use super::detail::{Legibility, NAME_FONT, PADDING, PAIN_FONT, TASK_FONT};
use super::measure;
use crate::geometry::{Folded, hours_text};
use crate::model::{NoteRef, Session};

/// A laid-out text and where it goes, relative to its box's top-left,
/// points.
#[derive(Clone, Debug)]
pub(super) struct Fitted {
    pub(super) galley: Arc<Galley>,
    pub(super) at: Vec2,
    /// Font size, points.
    pub(super) size: f32,
    /// The text in full (the galley may be elided or a short form).
    pub(super) full: String,
}

/// A note as drawn in the overview.
#[derive(Clone, Debug)]
pub(super) struct NoteLook {
    /// Scaled points.
    pub(super) rect: Rect,
    pub(super) name: Option<Fitted>,
    /// A tool's folded pain points.
    pub(super) summary: Option<Fitted>,
}

impl NoteLook {
    /// A note drawn as a plain block, without text.
    pub(super) fn block(rect: Rect) -> Self {
        Self {
            rect,
            name: None,
            summary: None,
        }
    }
}

/// The short summary on two lines: "10 pains" over "31 h/wk" (one line
/// when no hours are given).
pub(super) fn two_line_summary(folded: Folded) -> String {
    summary_text(folded, true).replacen(" · ", "\n", 1)
}

/// "3 pain points · 5 h/wk", or without hours when none are given.
pub(super) fn summary_text(folded: Folded, short: bool) -> String {
    let count = folded.count;
    let what = match (short, count) {
        (true, 1) => "pain",
        (true, _) => "pains",
        (false, 1) => "pain point",
        (false, _) => "pain points",
    };
    if folded.hours > 0.0 {
        format!("{count} {what} · {}", hours_text(folded.hours))
    } else {
        format!("{count} {what}")
    }
}

/// A note's text and its font size in the overview, points.
pub(super) fn note_text(
    session: &Session,
    note: NoteRef,
    source: usize,
    zoom: f32,
    legibility: Legibility,
) -> (&str, f32) {
    match note {
        NoteRef::Tool(_) => (
            session.tools.get(source).map_or("", |t| t.name.as_str()),
            (NAME_FONT * zoom).max(legibility.names),
        ),
        NoteRef::Task(_) => (
            session.tasks.get(source).map_or("", |t| t.name.as_str()),
            (TASK_FONT * zoom).max(legibility.floor),
        ),
        NoteRef::Pain(_) => (
            session
                .pain_points
                .get(source)
                .map_or("", |p| p.text.as_str()),
            (PAIN_FONT * zoom).max(legibility.floor),
        ),
    }
}

/// What a note holds in the overview.
#[derive(Clone, Debug)]
pub(super) struct Holds<'a> {
    pub(super) text: &'a str,
    /// Font size of its text, points.
    pub(super) font: f32,
    /// A tool's folded pain points.
    pub(super) folded: Option<Folded>,
    /// Room kept right of the text for a tool's connector handle, points.
    pub(super) handle: f32,
    /// Most rows of its text.
    pub(super) rows: usize,
    /// What it says when not even a few words of its text fit.
    pub(super) short: Option<String>,
}

impl Holds<'_> {
    /// The size a note needs for its text wrapped at `wrap` (and a tool's
    /// summary at `floor`), padding included.
    pub(super) fn size_at(&self, ctx: &egui::Context, wrap: f32, floor: f32) -> Vec2 {
        self.size_with(ctx, wrap, floor, true)
    }

    /// The narrowest size that holds the whole text, never cut and no
    /// word split, in at most its rows, with a tool's summary; wrapped no
    /// narrower than `min_wrap` (points).
    pub(super) fn whole_size(&self, ctx: &egui::Context, min_wrap: f32, floor: f32) -> Vec2 {
        let wrap = narrowest(ctx, self.text, self.font, min_wrap, self.rows);
        self.size_at(ctx, wrap, floor)
    }

    /// [`Self::size_at`], with or without the summary.
    pub(super) fn size_with(
        &self,
        ctx: &egui::Context,
        wrap: f32,
        floor: f32,
        summary: bool,
    ) -> Vec2 {
        let name = measure::layout(ctx, self.text, self.font, wrap, self.rows).size();
        // The summary as it fits under the name: the long form on one line
        // where the name is as wide, else the short form, wrapped onto two
        // lines where even that is wider ("10 pains ·" / "31 h/wk").
        let summary = self.folded.filter(|_| summary).map_or(Vec2::ZERO, |f| {
            let long = measure::layout(ctx, &summary_text(f, false), floor, 0.0, 0).size();
            if long.x <= name.x {
                return long;
            }
            let short = measure::layout(ctx, &summary_text(f, true), floor, 0.0, 0).size();
            if short.x <= name.x {
                return short;
            }
            measure::layout(ctx, &two_line_summary(f), floor, 0.0, 0).size()
        });
        vec2(
            name.x.max(summary.x) + 2.0 * PADDING + self.handle,
            name.y + summary.y * 1.1 + 2.0 * PADDING,
        )
    }
}

/// The narrowest wrap width, no narrower than `min_wrap`, at which `text`
/// at `size` fits whole (not cut, no word split) in `rows` rows (points).
fn narrowest(ctx: &egui::Context, text: &str, size: f32, min_wrap: f32, rows: usize) -> f32 {
    let whole = |wrap: f32| {
        let galley = measure::layout(ctx, text, size, wrap, rows);
        !galley.elided && !splits_a_word(&galley)
    };
    let one_line = measure::layout(ctx, text, size, 0.0, 0).size().x + 1.0;
    let (mut lo, mut hi) = (min_wrap.max(1.0).min(one_line), one_line);
    if whole(lo) {
        return lo;
    }
    // Halve the range of widths: `hi` always holds it whole.
    for _ in 0..7 {
        let mid = (lo + hi) / 2.0;
        if whole(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Whether a galley wraps inside a word (a word wider than the wrap
/// width is split wherever it had to be).
pub(super) fn splits_a_word(galley: &Galley) -> bool {
    first_split(galley).is_some()
}

/// The first row that ends inside a word (the word goes on in the next
/// row), if any.
fn first_split(galley: &Galley) -> Option<usize> {
    galley.rows.windows(2).position(|pair| match pair {
        [a, b] => {
            !a.ends_with_newline
                && a.row
                    .glyphs
                    .last()
                    .is_some_and(|g| !g.chr.is_whitespace() && g.chr != '-')
                && b.row.glyphs.first().is_some_and(|g| !g.chr.is_whitespace())
        }
        _ => false,
    })
}

/// Where a note's text goes: inside its padding, clear of a tool's
/// connector handle on its right edge.
fn text_room(rect: Rect, hold: &Holds<'_>) -> Rect {
    Rect::from_min_max(
        rect.min + vec2(PADDING, PADDING),
        rect.max - vec2(PADDING + hold.handle, PADDING),
    )
}

/// The summary that fits in `inner`'s width, on one line or wrapped onto
/// two (long form, else short), with its full text.
fn fit_summary(
    ctx: &egui::Context,
    inner: Rect,
    folded: Option<Folded>,
    floor: f32,
) -> Option<(Arc<Galley>, String)> {
    let folded = folded?;
    let width = inner.width();
    // On one line (long, then short), else the short one on two lines.
    [
        summary_text(folded, false),
        summary_text(folded, true),
        two_line_summary(folded),
    ]
    .into_iter()
    .map(|s| measure::layout(ctx, &s, floor, 0.0, 0))
    .find(|g| g.size().x <= width + 0.5)
    .map(|g| (g, summary_text(folded, false)))
}

/// The text of `hold` at `size`, whole and without splitting a word, if it
/// fits in `rect` (with the summary under it).
pub(super) fn fit_text(
    ctx: &egui::Context,
    rect: Rect,
    hold: &Holds<'_>,
    size: f32,
    floor: f32,
) -> Option<Arc<Galley>> {
    let inner = text_room(rect, hold);
    let summary_h =
        fit_summary(ctx, inner, hold.folded, floor).map_or(0.0, |(g, _)| g.size().y * 1.1);
    let room = vec2(inner.width(), inner.height() - summary_h);
    if hold.text.is_empty() || room.x < size {
        return None;
    }
    let galley = measure::layout(ctx, hold.text, size, room.x, hold.rows);
    let fits = !galley.elided
        && !splits_a_word(&galley)
        && galley.size().x <= room.x + 0.5
        && galley.size().y <= room.y + 0.5;
    fits.then_some(galley)
}

/// A note's texts laid out in its rectangle: its name at `scale` × its
/// font if it fits whole, else at its font cut with "…" after the last
/// row that fits (never inside a word where that can be helped); a tool's
/// summary under it at the floor, or its short form, or none.
pub(super) fn fit_note(
    ctx: &egui::Context,
    rect: Rect,
    hold: &Holds<'_>,
    scale: f32,
    floor: f32,
) -> NoteLook {
    let inner = text_room(rect, hold);
    let summary = fit_summary(ctx, inner, hold.folded, floor);
    let summary_h = summary.as_ref().map_or(0.0, |(g, _)| g.size().y * 1.1);
    let room = vec2(inner.width(), inner.height() - summary_h);
    let font = hold.font;
    let mut name = [scale, 1.0]
        .into_iter()
        .find_map(|s| fit_text(ctx, rect, hold, font * s, floor).map(|g| (g, font * s)));
    if name.is_none() && !hold.text.is_empty() && room.x >= 2.0 * font {
        let row = measure::layout(ctx, "Ag", font, 0.0, 0).size().y;
        let mut rows = (((room.y + 0.5) / row.max(1.0)).floor() as usize).min(hold.rows);
        // Keep only the rows before the first split word.
        let whole = measure::layout(ctx, hold.text, font, room.x, 0);
        if let Some(split) = first_split(&whole) {
            rows = rows.min(split.max(1));
        }
        if rows >= 1 {
            let galley = measure::layout(ctx, hold.text, font, room.x, rows);
            // A cut name must keep a few letters besides the "…".
            if galley.rows.first().is_some_and(|r| r.row.glyphs.len() >= 4) {
                name = Some((galley, font));
            }
        }
    }
    if name.is_none()
        && let Some(short) = &hold.short
    {
        let galley = measure::layout(ctx, short, font, 0.0, 0);
        if galley.size().x <= room.x + 0.5 && galley.size().y <= room.y + 0.5 {
            name = Some((galley, font));
        }
    }
    let block = name.as_ref().map_or(0.0, |(g, _)| g.size().y) + summary_h;
    let top = inner.min.y + ((inner.height() - block) / 2.0).max(0.0) - rect.min.y;
    let centre = inner.center().x - rect.min.x;
    let name = name.map(|(galley, size)| Fitted {
        at: vec2(centre - galley.size().x / 2.0, top),
        size,
        full: hold.text.to_owned(),
        galley,
    });
    let name_h = name.as_ref().map_or(0.0, |n| n.galley.size().y);
    let summary = summary.map(|(galley, full)| Fitted {
        at: vec2(
            centre - galley.size().x / 2.0,
            top + name_h
                + if name_h > 0.0 {
                    galley.size().y * 0.1
                } else {
                    0.0
                },
        ),
        size: floor,
        full,
        galley,
    });
    NoteLook {
        rect,
        name,
        summary,
    }
}

/// The task notes of the board folded into one chip ("16 tasks · step
/// 3"): zoomed out, when naming every task note would not fit.
#[derive(Clone, Debug)]
pub(super) struct TaskChip {
    /// Scaled points.
    pub(super) rect: Rect,
    pub(super) text: Fitted,
    /// The notes folded, by index in [`crate::geometry::Geometry::notes`].
    pub(super) notes: Vec<usize>,
}

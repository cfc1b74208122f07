//! Laid-out texts of the board, kept from frame to frame.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, FontId, Galley};

use crate::model::{
    AutomationLabel, Id, NoteRef, PainCategory, PainPoint, Placement, Task, UnexpectedWay,
};
use crate::ui::theme;

/// Which text of the board a cached galley is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum TextKey {
    /// A note's name (tool, task) or text (pain point).
    Name(NoteRef),
    /// A note's caption line (task, pain point).
    Caption(NoteRef),
    /// A note's text cut to the rows that fit.
    Cut(NoteRef),
    FlowLabel(Id),
    ToolBadge(Id),
    FlowBadge(Id),
}

/// What a cached galley was laid out from.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    Text(String),
    Task {
        placement: Option<Placement>,
        automation: Option<AutomationLabel>,
        unexpected: Option<UnexpectedWay>,
    },
    Pain {
        category: PainCategory,
        hours: Option<u32>,
    },
    Flow {
        label: String,
        shadow: bool,
        share: Option<u8>,
    },
    Hours(u32),
}

/// [`Source`], borrowed: compared with the cached one without allocating.
#[derive(Clone, Copy, Debug)]
pub(super) enum Probe<'a> {
    Text(&'a str),
    Task {
        placement: Option<Placement>,
        automation: Option<AutomationLabel>,
        unexpected: Option<UnexpectedWay>,
    },
    Pain {
        category: PainCategory,
        hours: Option<u32>,
    },
    Flow {
        label: &'a str,
        shadow: bool,
        share: Option<u8>,
    },
    /// Hours as `f32::to_bits`.
    Hours(u32),
}

impl Probe<'_> {
    fn matches(self, source: &Source) -> bool {
        match (self, source) {
            (Self::Text(a), Source::Text(b)) => a == b,
            (
                Self::Task {
                    placement,
                    automation,
                    unexpected,
                },
                Source::Task {
                    placement: p,
                    automation: a,
                    unexpected: u,
                },
            ) => placement == *p && automation == *a && unexpected == *u,
            (
                Self::Pain { category, hours },
                Source::Pain {
                    category: c,
                    hours: h,
                },
            ) => category == *c && hours == *h,
            (
                Self::Flow {
                    label,
                    shadow,
                    share,
                },
                Source::Flow {
                    label: l,
                    shadow: s,
                    share: h,
                },
            ) => label == l && shadow == *s && share == *h,
            (Self::Hours(a), Source::Hours(b)) => a == *b,
            _ => false,
        }
    }

    fn to_source(self) -> Source {
        match self {
            Self::Text(text) => Source::Text(text.to_owned()),
            Self::Task {
                placement,
                automation,
                unexpected,
            } => Source::Task {
                placement,
                automation,
                unexpected,
            },
            Self::Pain { category, hours } => Source::Pain { category, hours },
            Self::Flow {
                label,
                shadow,
                share,
            } => Source::Flow {
                label: label.to_owned(),
                shadow,
                share,
            },
            Self::Hours(hours) => Source::Hours(hours),
        }
    }
}

#[derive(Debug)]
struct CachedText {
    source: Source,
    /// Font size, screen points.
    size: f32,
    /// Wrap width, screen points (0 when not wrapped).
    width: f32,
    /// Most rows (0: any).
    rows: usize,
    galley: Arc<Galley>,
    /// [`TextCache::frame`] when last used.
    last_used: u64,
}

/// Galleys of the board's texts, kept from frame to frame: while panning
/// (same zoom) no text is laid out or even hashed again. An entry is
/// reused only for the same text, font size and (within a hundredth of a
/// point) wrap width, so what is drawn is what laying out afresh gives.
///
/// Galleys point into egui's font atlas. When egui starts a new atlas (it
/// filled up, or the fonts or scale changed) it drops its own galley cache;
/// a canary galley, laid out through that cache every frame, notices: a
/// new canary means every cached galley is dropped here too.
#[derive(Default)]
pub(super) struct TextCache {
    entries: HashMap<TextKey, CachedText>,
    canary: Option<Arc<Galley>>,
    /// Frames painted (one per [`Self::begin_frame`]).
    frame: u64,
    /// Counts the font atlases seen: a new one drops every galley.
    generation: u64,
}

impl std::fmt::Debug for TextCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextCache")
            .field("entries", &self.entries.len())
            .field("frame", &self.frame)
            .finish()
    }
}

/// Most galleys kept; beyond that, those not used in the last frame go.
const MAX_CACHED_TEXTS: usize = 4096;
/// Wrap widths closer than this (screen points) count as the same: the
/// same card's width differs in the last bits from one pan to the next.
const WRAP_WIDTH_TOLERANCE: f32 = 0.01;
/// Laid out every frame to notice when egui drops its galley cache.
const CANARY_TEXT: &str = "rhythm canvas text cache";

impl TextCache {
    /// How many galleys are kept.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn begin_frame(&mut self, painter: &egui::Painter) {
        let canary = painter.layout_no_wrap(
            CANARY_TEXT.to_owned(),
            FontId::proportional(9.0),
            Color32::TRANSPARENT,
        );
        if !self
            .canary
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(c, &canary))
        {
            self.entries.clear();
            self.canary = Some(canary);
            self.generation = self.generation.wrapping_add(1);
        }
        self.frame = self.frame.wrapping_add(1);
    }

    /// Changes whenever egui starts a new font atlas (galleys laid out
    /// before are then stale).
    pub(super) fn generation(&self) -> u64 {
        self.generation
    }

    pub(super) fn end_frame(&mut self) {
        if self.entries.len() > MAX_CACHED_TEXTS {
            let frame = self.frame;
            self.entries.retain(|_, e| e.last_used == frame);
        }
    }

    /// The galley for `key`: the cached one if it was laid out from the
    /// same source, size and wrap width, else `layout()`'s.
    pub(super) fn galley(
        &mut self,
        key: TextKey,
        probe: Probe<'_>,
        size: f32,
        width: f32,
        layout: impl FnOnce() -> Arc<Galley>,
    ) -> Arc<Galley> {
        self.galley_rows(key, probe, size, width, 0, layout)
    }

    fn galley_rows(
        &mut self,
        key: TextKey,
        probe: Probe<'_>,
        size: f32,
        width: f32,
        rows: usize,
        layout: impl FnOnce() -> Arc<Galley>,
    ) -> Arc<Galley> {
        if let Some(entry) = self.entries.get_mut(&key)
            && entry.size.to_bits() == size.to_bits()
            && (entry.width - width).abs() <= WRAP_WIDTH_TOLERANCE
            && entry.rows == rows
            && probe.matches(&entry.source)
        {
            entry.last_used = self.frame;
            return Arc::clone(&entry.galley);
        }
        let galley = layout();
        self.entries.insert(
            key,
            CachedText {
                source: probe.to_source(),
                size,
                width,
                rows,
                galley: Arc::clone(&galley),
                last_used: self.frame,
            },
        );
        galley
    }

    /// A note's text in ink, wrapped to `width`.
    pub(super) fn wrapped(
        &mut self,
        painter: &egui::Painter,
        key: TextKey,
        text: &str,
        size: f32,
        width: f32,
    ) -> Arc<Galley> {
        self.galley(key, Probe::Text(text), size, width, || {
            painter.layout(
                text.to_owned(),
                FontId::proportional(size),
                theme::INK,
                width,
            )
        })
    }

    /// A note's text in ink, wrapped to the width of `room` and cut with
    /// "…" after its last row that fits in its height (never a half
    /// line); `None` when not even one row fits.
    pub(super) fn fitted(
        &mut self,
        painter: &egui::Painter,
        note: NoteRef,
        text: &str,
        size: f32,
        room: egui::Vec2,
    ) -> Option<Arc<Galley>> {
        let whole = self.wrapped(painter, TextKey::Name(note), text, size, room.x);
        if whole.size().y <= room.y + 0.5 {
            return Some(whole);
        }
        let rows = whole.rows.len().max(1);
        let row = whole.size().y / rows as f32;
        let fit = ((room.y + 0.5) / row.max(0.1)).floor() as usize;
        if fit == 0 {
            return None;
        }
        let key = TextKey::Cut(note);
        Some(
            self.galley_rows(key, Probe::Text(text), size, room.x, fit, || {
                let mut job = egui::text::LayoutJob::simple(
                    text.to_owned(),
                    FontId::proportional(size),
                    theme::INK,
                    room.x,
                );
                job.wrap.max_rows = fit;
                job.wrap.break_anywhere = false;
                painter.layout_job(job)
            }),
        )
    }

    /// "TASK · Orchestra · O · lean Jam": a task note's caption.
    pub(super) fn task_caption(
        &mut self,
        painter: &egui::Painter,
        task: &Task,
        size: f32,
    ) -> Arc<Galley> {
        let probe = Probe::Task {
            placement: task.placement(),
            automation: task.automation.label(),
            unexpected: task.unexpected,
        };
        let key = TextKey::Caption(NoteRef::Task(task.id));
        self.galley(key, probe, size, 0.0, || {
            let mut caption = match task.placement() {
                Some(p) => format!("TASK · {}", p.label()),
                None => "TASK · in tray".to_owned(),
            };
            if let Some(label) = task.automation.label() {
                caption.push_str(&format!(" · {}", label.short()));
            }
            if let Some(answer) = task.unexpected {
                caption.push_str(&format!(" · {}", answer.lean()));
            }
            caption_galley(painter, caption, size)
        })
    }

    /// "■ ORCHESTRA PAIN · 2 h/wk": a pain note's caption.
    pub(super) fn pain_caption(
        &mut self,
        painter: &egui::Painter,
        pain: &PainPoint,
        size: f32,
    ) -> Arc<Galley> {
        let probe = Probe::Pain {
            category: pain.category,
            hours: pain.hours_per_week.map(f32::to_bits),
        };
        let key = TextKey::Caption(NoteRef::Pain(pain.id));
        self.galley(key, probe, size, 0.0, || {
            let mut caption = format!(
                "{} {}",
                pain.category.marker(),
                pain.category.title().to_uppercase()
            );
            if let Some(h) = pain.hours_per_week {
                caption.push_str(&format!(" · {} h/wk", crate::format::hours(h)));
            }
            caption_galley(painter, caption, size)
        })
    }
}

fn caption_galley(painter: &egui::Painter, caption: String, size: f32) -> Arc<Galley> {
    painter.layout_no_wrap(caption, FontId::proportional(size), theme::INK_SOFT)
}

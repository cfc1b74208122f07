//! The board zoomed out (issue 13): cards keep their names at a legible
//! screen size, pain notes fold into their tool's summary ("3 pain points ·
//! 5 h/wk") or their flow's badge, flow labels show where there is room and
//! otherwise give way to a ⚠ marker (shadow flows) or to nothing (designed
//! flows; hovering or selecting shows them).
//!
//! A card grows around its board rectangle to fit its name, but never into
//! a neighbour's: each pair of notes whose grown rectangles would overlap
//! splits the gap between them. Everything here is in *scaled* points:
//! board units × zoom, before the pan (`screen = canvas.min + pan +
//! scaled`), so one overview serves every pan at its zoom.

use std::collections::HashSet;
use std::sync::Arc;

use egui::{Galley, Pos2, Rect, Vec2, vec2};

use super::detail::{Legibility, PADDING};
use super::layout::{Folded, LABEL_PAD, Layout, hours_text, label_wrap_width};
use super::measure;
use super::note_fit::{Holds, fit_note, fit_text, note_text, splits_a_word};
use super::territory::{NAME_WRAP_EMS, NOTE_ROOM, claim_free_room, split_territories};
use crate::model::{Attachment, FlowKind, NoteRef, Session};
use crate::ui::board_paint::{flow_endpoints, flow_label_text};
use crate::ui::placement::{Taken, beside_segment, on_and_beside_segment};

/// How much larger than the floor a card's name is drawn where there is
/// room, tried largest first.
const NAME_SCALES: [f32; 3] = [1.3, 1.15, 1.0];
/// Most rows of a note's text in the overview.
pub(super) const MAX_ROWS: usize = 3;
/// Room kept free between two grown cards side by side that a flow joins,
/// for its arrow and a marker or badge on it, in floor font sizes.
const ARROW_ROOM_ACROSS: f32 = 5.0;
/// The same for cards one above the other (a marker sits beside the
/// arrow there).
const ARROW_ROOM_DOWN: f32 = 2.5;
/// Most rows of a task or pain note's text in the overview.
pub(super) const MAX_NOTE_ROWS: usize = 4;
/// Extra room right of a tool's name for its connector handle, points.
pub(super) const HANDLE_ROOM: f32 = crate::ui::theme::HANDLE_RADIUS + 2.0;
/// Badge padding around its text, points.
const BADGE_PAD: Vec2 = vec2(12.0, 4.0);

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

/// What a flow shows in the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LabelForm {
    /// The label in full.
    Full,
    /// A shadow flow's ⚠ marker with its share.
    Marker,
}

/// A flow's label or marker, or its badge, as drawn in the overview.
#[derive(Clone, Debug)]
pub(super) struct FlowMark {
    /// The plate, scaled points.
    pub(super) rect: Rect,
    pub(super) text: Fitted,
}

/// A flow in the overview.
#[derive(Clone, Debug, Default)]
pub(super) struct FlowLook {
    pub(super) label: Option<(FlowMark, LabelForm)>,
    pub(super) badge: Option<FlowMark>,
}

/// The board as drawn at one zoom, below the detail level.
#[derive(Debug)]
pub(super) struct Overview {
    pub(super) zoom: f32,
    pub(super) legibility: Legibility,
    /// The layout it was made from.
    pub(super) layout: Arc<Layout>,
    /// The text cache's generation its galleys were laid out in (new
    /// fonts make new galleys).
    pub(super) generation: u64,
    /// Per note of [`Layout::order`]; `None` for a folded pain note.
    pub(super) notes: Vec<Option<NoteLook>>,
    /// Per flow of [`Layout::flows`].
    pub(super) flows: Vec<FlowLook>,
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

/// "⚠ 10 %" (or "⚠" when the share is not known): a shadow flow's marker.
pub(super) fn marker_text(share: Option<u8>) -> String {
    share.map_or_else(|| "⚠".to_owned(), |s| format!("⚠ {s} %"))
}

impl Overview {
    /// The overview of `layout` at `zoom`.
    pub(super) fn of(
        ctx: &egui::Context,
        session: &Session,
        layout: &Arc<Layout>,
        zoom: f32,
        legibility: Legibility,
        generation: u64,
    ) -> Self {
        let zoom = zoom.max(1e-4);
        let floor = legibility.floor;
        let scaled = |r: Rect| {
            Rect::from_min_max(
                (r.min.to_vec2() * zoom).to_pos2(),
                (r.max.to_vec2() * zoom).to_pos2(),
            )
        };

        // What each shown note wants to fit, and how large it would grow.
        let mut wants: Vec<Option<(Rect, Rect)>> = Vec::with_capacity(layout.order.len());
        let mut holds: Vec<Option<Holds<'_>>> = Vec::with_capacity(layout.order.len());
        for placed in &layout.order {
            if placed.attached != Attachment::Free {
                wants.push(None);
                holds.push(None);
                continue;
            }
            let base = scaled(placed.rect);
            let (text, font) = note_text(session, placed.note, placed.source, zoom, legibility);
            let tool = matches!(placed.note, NoteRef::Tool(_));
            let hold = Holds {
                text,
                font,
                folded: match placed.note {
                    NoteRef::Tool(id) => layout.folded.get(&Attachment::Tool(id)).copied(),
                    _ => None,
                },
                handle: if tool { HANDLE_ROOM } else { 0.0 },
                rows: if tool { MAX_ROWS } else { MAX_NOTE_ROWS },
                // A pain note too small for its words still says what it
                // is and what it costs.
                short: match placed.note {
                    NoteRef::Pain(_) => session.pain_points.get(placed.source).map(|p| {
                        let marker = p.category.marker();
                        p.hours_per_week.map_or_else(
                            || marker.to_owned(),
                            |h| format!("{marker} {}", hours_text(h)),
                        )
                    }),
                    _ => None,
                },
            };
            // Too small to ever hold a word: a plain block, no growth.
            let rough = text.chars().count().min(10) as f32 * 0.5 * font + 2.0 * PADDING;
            if base.width() < 0.4 * rough || text.is_empty() {
                wants.push(Some((base, base)));
                holds.push(None);
                continue;
            }
            let wrap = (base.width() - 2.0 * PADDING - hold.handle).max(NAME_WRAP_EMS * font);
            let size = hold.size_at(ctx, wrap, floor).max(base.size());
            wants.push(Some((base, Rect::from_center_size(base.center(), size))));
            holds.push(Some(hold));
        }
        // Cards joined by a flow keep room between them for its arrow and
        // marker; others may grow closer.
        let joined: HashSet<(usize, usize)> = layout
            .flows
            .iter()
            .map(|f| (f.from.min(f.to), f.from.max(f.to)))
            .collect();
        let room = |i: usize, j: usize, across: bool| {
            let linked = joined.contains(&(i.min(j), i.max(j)));
            floor
                * match (linked, across) {
                    (true, true) => ARROW_ROOM_ACROSS,
                    (true, false) => ARROW_ROOM_DOWN,
                    (false, _) => NOTE_ROOM,
                }
        };
        let mut territories = split_territories(&wants, room);
        // A note squeezed narrower than it wanted grows taller instead,
        // where there is room.
        let mut again = false;
        for ((want, hold), territory) in wants.iter_mut().zip(&holds).zip(&territories) {
            let (Some((base, wanted)), Some(hold), Some(got)) = (want.as_mut(), hold, territory)
            else {
                continue;
            };
            if got.width() + 0.5 < wanted.width() {
                let wrap = got.width() - 2.0 * PADDING - hold.handle;
                let height = hold.size_at(ctx, wrap.max(1.0), floor).y.max(base.height());
                if height > got.height() + 0.5 {
                    *wanted = Rect::from_min_max(
                        egui::pos2(got.min.x, base.center().y - height / 2.0),
                        egui::pos2(got.max.x, base.center().y + height / 2.0),
                    );
                    again = true;
                }
            }
        }
        if again {
            territories = split_territories(&wants, room);
        }
        // Where a text does not fit, its note may also take the room kept
        // for arrows (down to the room kept between any two notes): each
        // note still stays on its side of the middle of every gap, so the
        // two kinds never overlap.
        let tight = split_territories(&wants, |_, _, _| floor * NOTE_ROOM);
        for ((t, tight), hold) in territories.iter_mut().zip(&tight).zip(&holds) {
            if let (Some(t), Some(tight), Some(h)) = (t.as_mut(), tight, hold)
                && fit_text(ctx, *t, h, h.font, floor).is_none()
            {
                *t = *tight;
            }
        }
        claim_free_room(ctx, &wants, &holds, &mut territories, floor, layout);
        // One name size for every card: the largest at which all fit.
        let tool_scale = NAME_SCALES
            .iter()
            .copied()
            .find(|&scale| {
                layout
                    .order
                    .iter()
                    .zip(&holds)
                    .zip(&territories)
                    .all(|((p, h), t)| match (p.note, h, t) {
                        (NoteRef::Tool(_), Some(h), Some(t)) => {
                            fit_text(ctx, *t, h, h.font * scale, floor).is_some()
                        }
                        _ => true,
                    })
            })
            .unwrap_or(1.0);
        let mut notes = Vec::with_capacity(layout.order.len());
        for ((placed, hold), territory) in layout.order.iter().zip(&holds).zip(territories) {
            let Some(rect) = territory else {
                notes.push(None);
                continue;
            };
            let look = match hold {
                Some(hold) => {
                    let scale = match placed.note {
                        NoteRef::Tool(_) => tool_scale,
                        _ => 1.0,
                    };
                    fit_note(ctx, rect, hold, scale, floor)
                }
                None => NoteLook {
                    rect,
                    name: None,
                    summary: None,
                },
            };
            notes.push(Some(look));
        }

        // Flows: shadow flows' labels or markers first, then badges, then
        // designed flows' labels where there is still room.
        // Lookup cells about twice a note's size, so each holds a few.
        let (sum, count) = notes.iter().flatten().fold((0.0, 0_usize), |(s, n), l| {
            (s + l.rect.width().max(l.rect.height()), n + 1)
        });
        let cell = (2.0 * sum / count.max(1) as f32).clamp(8.0, 400.0);
        let mut taken = Taken::new(cell);
        for (placed, look) in layout.order.iter().zip(&notes) {
            if let Some(look) = look {
                // A tool's connector handle sticks out of its right edge.
                let handle = if let NoteRef::Tool(_) = placed.note {
                    crate::ui::theme::HANDLE_RADIUS
                } else {
                    0.0
                };
                taken.add(look.rect.expand2(vec2(handle, 0.0)));
            }
        }
        let mut flows = vec![FlowLook::default(); layout.flows.len()];
        let ends: Vec<Option<(Pos2, Pos2)>> = layout
            .flows
            .iter()
            .map(|f| {
                let a = notes.get(f.from)?.as_ref()?.rect;
                let b = notes.get(f.to)?.as_ref()?.rect;
                flow_endpoints(a, b, zoom)
            })
            .collect();
        let kind = |i: usize| {
            layout
                .flows
                .get(i)
                .and_then(|f| session.flows.get(f.source))
        };
        for pass in [Pass::Shadow, Pass::Badges, Pass::Designed] {
            for (i, look) in flows.iter_mut().enumerate() {
                let (Some(flow), Some(Some((start, end)))) = (kind(i), ends.get(i)) else {
                    continue;
                };
                let (start, end) = (*start, *end);
                let shadow = flow.kind == FlowKind::Shadow;
                let mut try_place =
                    |text: &str, full: &str, wrap: f32, pad: Vec2, on_line: bool| {
                        let galley = measure::layout(ctx, text, floor, wrap, 2);
                        if galley.elided || splits_a_word(&galley) {
                            return None;
                        }
                        let size = galley.size() + pad;
                        // Short marks may sit on the line; labels beside it.
                        let candidates = if on_line {
                            on_and_beside_segment(start, end, size, 2.0)
                        } else {
                            beside_segment(start, end, size, 2.0)
                        };
                        let rect = taken.first_clear(candidates)?;
                        taken.add(rect.expand(2.0));
                        Some(FlowMark {
                            rect,
                            text: Fitted {
                                at: (rect.size() - galley.size()) / 2.0,
                                galley,
                                size: floor,
                                full: full.to_owned(),
                            },
                        })
                    };
                match pass {
                    Pass::Shadow | Pass::Designed if shadow == (pass == Pass::Shadow) => {
                        let full = flow_label_text(flow);
                        if full.is_empty() {
                            continue;
                        }
                        let wrap = label_wrap_width(start.distance(end)).max(10.0 * floor);
                        look.label = try_place(&full, &full, wrap, LABEL_PAD, false)
                            .map(|m| (m, LabelForm::Full))
                            .or_else(|| {
                                shadow
                                    .then(|| {
                                        let marker = marker_text(flow.share);
                                        try_place(&marker, &full, 0.0, LABEL_PAD, true)
                                    })
                                    .flatten()
                                    .map(|m| (m, LabelForm::Marker))
                            });
                    }
                    Pass::Badges => {
                        let Some(folded) = layout.folded.get(&Attachment::Flow(flow.id)) else {
                            continue;
                        };
                        let full = summary_text(*folded, true);
                        look.badge = try_place(&full, &full, 0.0, BADGE_PAD, true).or_else(|| {
                            (folded.hours > 0.0)
                                .then(|| {
                                    try_place(
                                        &hours_text(folded.hours),
                                        &full,
                                        0.0,
                                        BADGE_PAD,
                                        true,
                                    )
                                })
                                .flatten()
                        });
                    }
                    _ => {}
                }
            }
        }
        Self {
            zoom,
            legibility,
            layout: Arc::clone(layout),
            generation,
            notes,
            flows,
        }
    }

    /// A note's drawn rectangle in board units (`None`: folded).
    pub(super) fn note_rect(&self, i: usize) -> Option<Rect> {
        let r = self.notes.get(i)?.as_ref()?.rect;
        Some(Rect::from_min_max(
            (r.min.to_vec2() / self.zoom).to_pos2(),
            (r.max.to_vec2() / self.zoom).to_pos2(),
        ))
    }

    /// A flow's label (or marker) and badge plates in board units.
    pub(super) fn flow_marks(&self, i: usize) -> [Option<Rect>; 2] {
        let to_board = |r: Rect| {
            Rect::from_min_max(
                (r.min.to_vec2() / self.zoom).to_pos2(),
                (r.max.to_vec2() / self.zoom).to_pos2(),
            )
        };
        let Some(look) = self.flows.get(i) else {
            return [None, None];
        };
        [
            look.label.as_ref().map(|(m, _)| to_board(m.rect)),
            look.badge.as_ref().map(|m| to_board(m.rect)),
        ]
    }

    /// The drawn rectangles of flow `i`'s two tools, board units.
    pub(super) fn flow_rects(&self, layout: &Layout, i: usize) -> Option<(Rect, Rect)> {
        let flow = layout.flows.get(i)?;
        Some((self.note_rect(flow.from)?, self.note_rect(flow.to)?))
    }

    /// Everything drawn, scaled points.
    pub(super) fn bounds(&self) -> Option<Rect> {
        let notes = self.notes.iter().flatten().map(|n| n.rect);
        let marks = self.flows.iter().flat_map(|f| {
            f.label
                .as_ref()
                .map(|(m, _)| m.rect)
                .into_iter()
                .chain(f.badge.as_ref().map(|m| m.rect))
        });
        notes.chain(marks).reduce(|a, b| a.union(b))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    Shadow,
    Badges,
    Designed,
}

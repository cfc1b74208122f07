//! The flows of the overview (issues 13 and 18): each flow's label in full
//! beside its arrow where there is room (shadow flows first, then the hours
//! badges, then designed flows); where there is not, a numbered marker on
//! the arrow ("⚠ 3" on a shadow flow, "5" on a designed one) and the label
//! in full, with its number, in a legend strip along the board's bottom
//! edge. When the legend is full, a shadow flow keeps its "⚠ 10 %" marker
//! and a designed flow its arrow alone; hovering shows the label. Scaled
//! points, like the overview.

use std::sync::Arc;

use egui::{Galley, Pos2, Rect, Vec2, vec2};

use super::measure;
use super::note_fit::{Fitted, NoteLook, TaskChip, splits_a_word, summary_text};
use crate::geometry::spots::{Taken, beside_segment, on_and_beside_segment, on_segment};
use crate::geometry::{
    Geometry, LABEL_PAD, PADDING, flow_endpoints, flow_label_text, hours_text, label_wrap_width,
};
use crate::model::{Attachment, FlowKind, NoteRef, Session};

/// Half the width an arrow takes for the marks of other flows, points.
const LINE_HALF_WIDTH: f32 = 1.5;
/// Badge padding around its text, points.
const BADGE_PAD: Vec2 = vec2(12.0, 4.0);
/// Share of the room's height the legend may take at most.
const LEGEND_SHARE: f32 = 0.3;
/// Most numbered markers (two digits).
const MAX_NUMBERS: usize = 99;
/// Space between two legend entries on a row, in floor sizes.
const LEGEND_GAP: f32 = 1.2;

/// What a flow shows in the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LabelForm {
    /// The label in full.
    Full,
    /// A shadow flow's ⚠ marker with its share.
    Marker,
    /// A numbered marker; the label is in the legend under this number.
    Numbered(usize),
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

/// The legend of the numbered markers: a strip of entries, row after row,
/// laid out for the room's width; points from its top-left corner.
#[derive(Clone, Debug)]
pub(super) struct Legend {
    /// Its size, padding included.
    pub(super) size: Vec2,
    pub(super) entries: Vec<LegendEntry>,
}

/// "3  ⚠ SHADOW 40 % · task updates".
#[derive(Clone, Debug)]
pub(super) struct LegendEntry {
    /// The entry's top-left, from the legend's.
    pub(super) at: Vec2,
    pub(super) galley: Arc<Galley>,
    pub(super) kind: FlowKind,
}

impl LegendEntry {
    /// The entry's text as drawn.
    #[cfg(feature = "diagnostics")]
    pub(super) fn text(&self) -> &str {
        self.galley.text()
    }
}

/// Where a mark may go along its arrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spot {
    /// Beside the line (a label).
    Beside,
    /// On the line, else beside it (a badge, a ⚠ marker).
    OnOrBeside,
    /// On the line only (a numbered marker).
    On,
    /// On the line only, crossing other arrows if it must (a numbered
    /// marker on a dense board: better a number over a crossing than no
    /// number at all).
    OnAcross,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    Shadow,
    Badges,
    Designed,
}

/// The flows' labels, markers and badges around `notes` (and the task
/// chip), and the legend of the numbered ones for a room of `room`.
#[expect(clippy::too_many_arguments)]
pub(super) fn flow_marks(
    ctx: &egui::Context,
    session: &Session,
    layout: &Geometry,
    notes: &[Option<NoteLook>],
    chip: Option<&TaskChip>,
    zoom: f32,
    floor: f32,
    room: Option<Vec2>,
) -> (Vec<FlowLook>, Option<Legend>) {
    let mut taken = taken_by_notes(layout, notes, chip);
    // Marks stay inside the room the map is fitted into: around the notes,
    // no larger than the room (or than the notes themselves).
    let notes_bounds = notes
        .iter()
        .flatten()
        .map(|n| n.rect)
        .chain(chip.map(|c| c.rect))
        .reduce(|a, b| a.union(b));
    if let (Some(room), Some(b)) = (room, notes_bounds) {
        let area = Rect::from_center_size(b.center(), room.max(b.size()));
        let far = 1e6;
        for outside in [
            Rect::from_min_max(Pos2::new(-far, -far), Pos2::new(area.min.x, far)),
            Rect::from_min_max(Pos2::new(area.max.x, -far), Pos2::new(far, far)),
            Rect::from_min_max(Pos2::new(-far, -far), Pos2::new(far, area.min.y)),
            Rect::from_min_max(Pos2::new(-far, area.max.y), Pos2::new(far, far)),
        ] {
            taken.add(outside);
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
    // Every arrow is taken too, but for the marks of the flows between its
    // own two tools (a flow and its twin the other way run side by side).
    let mut pairs: fnv::FnvHashMap<(usize, usize), usize> = fnv::FnvHashMap::default();
    let group: Vec<usize> = layout
        .flows
        .iter()
        .map(|f| {
            let next = pairs.len();
            *pairs
                .entry((f.from.min(f.to), f.from.max(f.to)))
                .or_insert(next)
        })
        .collect();
    for (end, g) in ends.iter().zip(&group) {
        if let Some((a, b)) = end {
            taken.add_segment_in(*a, *b, LINE_HALF_WIDTH, *g);
        }
    }
    let flow_of = |i: usize| {
        layout
            .flows
            .get(i)
            .and_then(|f| session.flows.get(f.source))
    };
    let place = |taken: &mut Taken,
                 i: usize,
                 ends: (Pos2, Pos2),
                 text: &str,
                 full: &str,
                 wrap: f32,
                 pad: Vec2,
                 spot: Spot| {
        let group = group.get(i).copied().unwrap_or(usize::MAX);
        place_mark(ctx, taken, group, ends, text, full, wrap, pad, spot, floor)
    };
    for pass in [Pass::Shadow, Pass::Badges, Pass::Designed] {
        for (i, look) in flows.iter_mut().enumerate() {
            let (Some(flow), Some(Some((start, end)))) = (flow_of(i), ends.get(i)) else {
                continue;
            };
            let shadow = flow.kind == FlowKind::Shadow;
            match pass {
                Pass::Shadow | Pass::Designed if shadow == (pass == Pass::Shadow) => {
                    let full = flow_label_text(flow);
                    if full.is_empty() {
                        continue;
                    }
                    let wrap = label_wrap_width(start.distance(*end)).max(10.0 * floor);
                    let ends = (*start, *end);
                    look.label = place(
                        &mut taken,
                        i,
                        ends,
                        &full,
                        &full,
                        wrap,
                        LABEL_PAD,
                        Spot::Beside,
                    )
                    .map(|m| (m, LabelForm::Full));
                }
                Pass::Badges => {
                    let Some(folded) = layout.folded.get(&Attachment::Flow(flow.id)) else {
                        continue;
                    };
                    let full = summary_text(*folded, true);
                    let ends = (*start, *end);
                    look.badge = place(
                        &mut taken,
                        i,
                        ends,
                        &full,
                        &full,
                        0.0,
                        BADGE_PAD,
                        Spot::OnOrBeside,
                    )
                    .or_else(|| {
                        (folded.hours > 0.0)
                            .then(|| {
                                let hours = hours_text(folded.hours);
                                place(
                                    &mut taken,
                                    i,
                                    ends,
                                    &hours,
                                    &full,
                                    0.0,
                                    BADGE_PAD,
                                    Spot::OnOrBeside,
                                )
                            })
                            .flatten()
                    });
                }
                _ => {}
            }
        }
    }
    // The labels that found no room: numbered markers, shadow flows first,
    // as many as the legend holds; the rest keep a ⚠ marker (shadow).
    let mut unlabelled: Vec<usize> = (0..flows.len())
        .filter(|&i| {
            flows.get(i).is_some_and(|l| l.label.is_none())
                && flow_of(i).is_some_and(|f| !flow_label_text(f).is_empty())
                && ends.get(i).is_some_and(Option::is_some)
        })
        .collect();
    unlabelled.sort_by_key(|&i| {
        let shadow = flow_of(i).is_some_and(|f| f.kind == FlowKind::Shadow);
        let mid = ends
            .get(i)
            .copied()
            .flatten()
            .map_or(Pos2::ZERO, |(a, b)| a.lerp(b, 0.5));
        (!shadow, reading_order(mid, floor))
    });
    let width = room.map_or(900.0, |r| r.x);
    // The legend goes under the map, in what room the map leaves (no
    // more than a share of it): the tool names come first.
    let map = notes
        .iter()
        .flatten()
        .map(|n| n.rect)
        .chain(chip.map(|c| c.rect))
        .chain(flows.iter().flat_map(|f| {
            let label = f.label.as_ref().map(|(m, _)| m.rect);
            label.into_iter().chain(f.badge.as_ref().map(|m| m.rect))
        }))
        .reduce(|a, b| a.union(b));
    let max_height = room.map_or(f32::INFINITY, |r| {
        let left = r.y - map.map_or(0.0, |m| m.height()) - floor * 0.5;
        left.min(r.y * LEGEND_SHARE)
    });
    let texts: Vec<String> = unlabelled
        .iter()
        .map(|&i| flow_of(i).map(flow_label_text).unwrap_or_default())
        .collect();
    // Flows with the same label share a number: one legend entry each.
    let mut distinct: Vec<&String> = Vec::new();
    for text in &texts {
        if !distinct.contains(&text) {
            distinct.push(text);
        }
    }
    let fit = (0..=distinct.len().min(MAX_NUMBERS))
        .rev()
        .find(|&n| {
            let entries: Vec<String> = distinct
                .iter()
                .take(n)
                .enumerate()
                .map(|(k, t)| entry_text(k + 1, t))
                .collect();
            legend_size(ctx, &entries, width, floor).y <= max_height
        })
        .unwrap_or(0);
    let in_legend: Vec<&String> = distinct.iter().take(fit).copied().collect();
    let mut numbered = Vec::new();
    for (&i, text) in unlabelled.iter().zip(&texts) {
        let (Some(flow), Some(Some(ends)), Some(look)) =
            (flow_of(i), ends.get(i), flows.get_mut(i))
        else {
            continue;
        };
        let shadow = flow.kind == FlowKind::Shadow;
        if in_legend.contains(&text) {
            // On its line, so that it cannot be taken for another's.
            let widest = if shadow { "⚠ 88" } else { "88" };
            let mark =
                place(&mut taken, i, *ends, widest, text, 0.0, LABEL_PAD, Spot::On).or_else(|| {
                    place(
                        &mut taken,
                        i,
                        *ends,
                        widest,
                        text,
                        0.0,
                        LABEL_PAD,
                        Spot::OnAcross,
                    )
                });
            if let Some(mark) = mark {
                look.label = Some((mark, LabelForm::Numbered(0)));
                numbered.push(i);
                continue;
            }
        }
        if shadow {
            let marker = marker_text(flow.share);
            look.label = place(
                &mut taken,
                i,
                *ends,
                &marker,
                text,
                0.0,
                LABEL_PAD,
                Spot::OnOrBeside,
            )
            .map(|m| (m, LabelForm::Marker));
        }
    }
    // Numbers in reading order of the markers, one per label.
    numbered.sort_by_key(|&i| {
        let at = flows
            .get(i)
            .and_then(|l| l.label.as_ref())
            .map_or(Pos2::ZERO, |(m, _)| m.rect.center());
        reading_order(at, floor)
    });
    let mut entries: Vec<(FlowKind, String)> = Vec::new();
    for &i in &numbered {
        let (Some(flow), Some(look)) = (flow_of(i), flows.get_mut(i)) else {
            continue;
        };
        let Some((mark, form)) = look.label.as_mut() else {
            continue;
        };
        let label = flow_label_text(flow);
        let number = match entries.iter().position(|(_, t)| *t == label) {
            Some(k) => k + 1,
            None => {
                entries.push((flow.kind, label));
                entries.len()
            }
        };
        let text = if flow.kind == FlowKind::Shadow {
            format!("⚠ {number}")
        } else {
            number.to_string()
        };
        let galley = measure::layout(ctx, &text, floor, 0.0, 0);
        mark.text.at = (mark.rect.size() - galley.size()) / 2.0;
        mark.text.galley = galley;
        *form = LabelForm::Numbered(number);
    }
    let entries: Vec<(FlowKind, String)> = entries
        .into_iter()
        .enumerate()
        .map(|(k, (kind, label))| (kind, entry_text(k + 1, &label)))
        .collect();
    let legend = (!entries.is_empty()).then(|| lay_out_legend(ctx, &entries, width, floor));
    (flows, legend)
}

/// Sort key reading top to bottom in bands of three floor sizes, then
/// left to right.
fn reading_order(at: Pos2, floor: f32) -> (i64, i64) {
    let band = (3.0 * floor).max(1.0);
    ((at.y / band).floor() as i64, at.x.round() as i64)
}

/// "3  ⚠ SHADOW 40 % · task updates".
fn entry_text(number: usize, label: &str) -> String {
    format!("{number}  {label}")
}

/// What the notes (and the chip) take: their rectangles, with a tool's
/// connector handle.
fn taken_by_notes(layout: &Geometry, notes: &[Option<NoteLook>], chip: Option<&TaskChip>) -> Taken {
    // Lookup cells about twice a note's size, so each holds a few.
    let (sum, count) = notes.iter().flatten().fold((0.0, 0_usize), |(s, n), l| {
        (s + l.rect.width().max(l.rect.height()), n + 1)
    });
    let cell = (2.0 * sum / count.max(1) as f32).clamp(8.0, 400.0);
    let mut taken = Taken::new(cell);
    for (placed, look) in layout.notes.iter().zip(notes) {
        if let Some(look) = look {
            let handle = if let NoteRef::Tool(_) = placed.note {
                crate::ui::theme::HANDLE_RADIUS
            } else {
                0.0
            };
            taken.add(look.rect.expand2(vec2(handle, 0.0)));
        }
    }
    if let Some(chip) = chip {
        taken.add(chip.rect);
    }
    taken
}

/// A mark with `text` (its full form `full`) at the floor, wrapped at
/// `wrap` (0: one line) on two rows at most, in the first free spot
/// beside the arrow `ends` (or on it, for short marks) that covers no
/// note, mark or other arrow (but those of `group`, its own); `None` when
/// the text would be cut or no spot is free.
#[expect(clippy::too_many_arguments)]
fn place_mark(
    ctx: &egui::Context,
    taken: &mut Taken,
    group: usize,
    (start, end): (Pos2, Pos2),
    text: &str,
    full: &str,
    wrap: f32,
    pad: Vec2,
    spot: Spot,
    floor: f32,
) -> Option<FlowMark> {
    let galley = measure::layout(ctx, text, floor, wrap, 2);
    if galley.elided || splits_a_word(&galley) {
        return None;
    }
    let size = galley.size() + pad;
    let candidates = match spot {
        Spot::Beside => beside_segment(start, end, size, 2.0),
        Spot::OnOrBeside => on_and_beside_segment(start, end, size, 2.0),
        Spot::On | Spot::OnAcross => on_segment(start, end, size),
    };
    let rect = match spot {
        Spot::OnAcross => taken.first_clear_of_rects(candidates)?,
        _ => taken.first_clear_outside(candidates, group)?,
    };
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
}

/// The size of a legend of `entries`, `width` wide at most.
fn legend_size(ctx: &egui::Context, entries: &[String], width: f32, floor: f32) -> Vec2 {
    if entries.is_empty() {
        return Vec2::ZERO;
    }
    let galleys: Vec<Arc<Galley>> = entries
        .iter()
        .map(|t| measure::layout(ctx, t, floor, (width - 2.0 * PADDING).max(floor), 0))
        .collect();
    flow_rows(&galleys, width, floor).1
}

/// Where each galley goes, row after row within `width`, from the legend's
/// top-left; and the legend's size, padding included.
fn flow_rows(galleys: &[Arc<Galley>], width: f32, floor: f32) -> (Vec<Vec2>, Vec2) {
    let inner = (width - 2.0 * PADDING).max(floor);
    let gap = LEGEND_GAP * floor;
    let (mut x, mut y, mut row_h, mut widest) = (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
    let mut at = Vec::with_capacity(galleys.len());
    for galley in galleys {
        let size = galley.size();
        if x > 0.0 && x + size.x > inner {
            y += row_h + 0.25 * floor;
            x = 0.0;
            row_h = 0.0;
        }
        at.push(vec2(PADDING + x, PADDING + y));
        x += size.x + gap;
        row_h = row_h.max(size.y);
        widest = widest.max(x - gap);
    }
    (at, vec2(widest + 2.0 * PADDING, y + row_h + 2.0 * PADDING))
}

/// The legend of `entries` (kind, text), `width` wide at most.
fn lay_out_legend(
    ctx: &egui::Context,
    entries: &[(FlowKind, String)],
    width: f32,
    floor: f32,
) -> Legend {
    let galleys: Vec<Arc<Galley>> = entries
        .iter()
        .map(|(_, t)| measure::layout(ctx, t, floor, (width - 2.0 * PADDING).max(floor), 0))
        .collect();
    let (at, size) = flow_rows(&galleys, width, floor);
    Legend {
        size,
        entries: entries
            .iter()
            .zip(galleys)
            .zip(at)
            .map(|(((kind, _), galley), at)| LegendEntry {
                at,
                galley,
                kind: *kind,
            })
            .collect(),
    }
}

/// "⚠ 10 %" (or "⚠" when the share is not known): a shadow flow's marker.
pub(super) fn marker_text(share: Option<u8>) -> String {
    share.map_or_else(|| "⚠".to_owned(), |s| format!("⚠ {s} %"))
}

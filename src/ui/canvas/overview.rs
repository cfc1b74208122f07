//! The board zoomed out (issues 13 and 18): cards keep their names at a
//! legible screen size, pain notes fold into their tool's summary ("3 pain
//! points · 5 h/wk") or their flow's badge, flow labels show where there is
//! room and otherwise become numbered markers explained in a legend along
//! the board's edge; task notes are named, or folded into one "16 tasks ·
//! step 3" chip when naming them all would not fit.
//!
//! Built in phases: what each note holds and needs ([`Wants`]), where each
//! is drawn ([`super::display`]: cards move and grow *on screen* to hold
//! their names, keeping their order; on boards too large for that, each
//! grows into the room its neighbours leave, [`super::territory`]), the
//! texts fitted into those rectangles, then the flows' labels, markers and
//! badges ([`super::flow_marks`]). Everything here is in *scaled* points:
//! board units × zoom, before the pan (`screen = canvas.min + pan +
//! scaled`), so one overview serves every pan at its zoom.

use std::collections::HashSet;
use std::sync::Arc;

use egui::{Rect, Vec2};

use super::detail::Legibility;
use super::flow_marks::{FlowLook, LabelForm, Legend, flow_marks};
use super::measure;
use super::naming::{
    Ask, MAX_SPREAD, Naming, Placed, SHAPES, Want, grow_in_place, shaped, spread_notes,
};
use super::note_fit::{Fitted, Holds, NoteLook, TaskChip, fit_note, fit_text, note_text};
use crate::geometry::{Geometry, hours_text};
use crate::model::{Attachment, NoteRef, Session};

/// How much larger than the floor a card's name is drawn where there is
/// room, tried largest first.
const NAME_SCALES: [f32; 3] = [1.3, 1.15, 1.0];
/// Most rows of a note's text in the overview.
pub(super) const MAX_ROWS: usize = 3;
/// Most rows of a task or pain note's text in the overview.
pub(super) const MAX_NOTE_ROWS: usize = 4;
/// Extra room right of a tool's name for its connector handle, points.
pub(super) const HANDLE_ROOM: f32 = crate::ui::theme::HANDLE_RADIUS + 2.0;

/// The board as drawn at one zoom, below the detail level.
#[derive(Debug)]
pub(super) struct Overview {
    pub(super) zoom: f32,
    pub(super) legibility: Legibility,
    /// The layout it was made from.
    pub(super) layout: Arc<Geometry>,
    /// The text cache's generation its galleys were laid out in (new
    /// fonts make new galleys).
    pub(super) generation: u64,
    /// The room the whole map is fitted into, points (the board's
    /// canvas less the step title and the minimap; `None`: no limit).
    pub(super) room: Option<Vec2>,
    /// Per note of [`Geometry::notes`]; `None` for a folded note (an
    /// attached pain note, or a task note in the task chip).
    pub(super) notes: Vec<Option<NoteLook>>,
    /// The task notes folded into one chip, when they are.
    pub(super) tasks: Option<TaskChip>,
    /// Per flow of [`Geometry::flows`].
    pub(super) flows: Vec<FlowLook>,
    /// Flow labels shown as numbered markers, explained along the
    /// board's bottom edge.
    pub(super) legend: Option<Legend>,
    /// Which notes were given room for their whole text (`None`: the
    /// board is too large to move cards; each grew in place).
    pub(super) naming: Option<Naming>,
}

/// Phase 1: what each shown note holds and the size that holds it whole.
struct Wants<'a> {
    /// Per note of the geometry; `None` for an attached pain note.
    notes: Vec<Option<Want<'a>>>,
    /// Notes that could show a text.
    named: usize,
}

impl<'a> Wants<'a> {
    fn of(
        ctx: &egui::Context,
        session: &'a Session,
        layout: &Geometry,
        zoom: f32,
        legibility: Legibility,
    ) -> Self {
        let floor = legibility.floor;
        let mut named = 0;
        let notes = layout
            .notes
            .iter()
            .map(|placed| {
                if placed.attached != Attachment::Free {
                    return None;
                }
                let base = scaled(placed.rect, zoom);
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
                    // A pain note too small for its words still says what
                    // it is and what it costs.
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
                let hold = (!text.is_empty()).then_some(hold);
                named += usize::from(hold.is_some());
                Some(Want {
                    base,
                    hold,
                    whole: [base.size(); SHAPES.len()],
                    short: base.size(),
                    note: placed.note,
                })
            })
            .collect();
        let mut wants = Self { notes, named };
        if wants.named <= MAX_SPREAD {
            for want in wants.notes.iter_mut().flatten() {
                want.measure(ctx, floor);
            }
        }
        wants
    }
}

/// The rectangle `r` (board units) at `zoom`, scaled points.
fn scaled(r: Rect, zoom: f32) -> Rect {
    Rect::from_min_max(
        (r.min.to_vec2() * zoom).to_pos2(),
        (r.max.to_vec2() * zoom).to_pos2(),
    )
}

impl Overview {
    /// The overview of `layout` at `zoom`, fitted where it can be into
    /// `room` (points; see [`Self::room`]), naming as `ask` says.
    #[expect(clippy::too_many_arguments)]
    pub(super) fn of(
        ctx: &egui::Context,
        session: &Session,
        layout: &Arc<Geometry>,
        zoom: f32,
        legibility: Legibility,
        generation: u64,
        room: Option<Vec2>,
        ask: Ask,
    ) -> Self {
        let zoom = zoom.max(1e-4);
        let wants = Wants::of(ctx, session, layout, zoom, legibility);
        let floor = legibility.floor;
        let placed = if wants.named <= MAX_SPREAD {
            spread_notes(ctx, &wants.notes, layout, zoom, floor, room, ask)
        } else {
            grow_in_place(ctx, &wants.notes, layout, floor)
        };
        let (notes, tasks) = fit_texts(ctx, &wants, &placed, floor);
        // The legend takes what room the map leaves under it.
        let (flows, legend) = flow_marks(
            ctx,
            session,
            layout,
            &notes,
            tasks.as_ref(),
            zoom,
            floor,
            room,
        );
        Self {
            zoom,
            legibility,
            layout: Arc::clone(layout),
            generation,
            room,
            notes,
            tasks,
            flows,
            legend,
            naming: placed.naming,
        }
    }

    /// A note's drawn rectangle in board units (`None`: folded).
    pub(super) fn note_rect(&self, i: usize) -> Option<Rect> {
        let r = self.notes.get(i)?.as_ref()?.rect;
        Some(self.to_board(r))
    }

    /// A rectangle in scaled points, in board units.
    pub(super) fn to_board(&self, r: Rect) -> Rect {
        Rect::from_min_max(
            (r.min.to_vec2() / self.zoom).to_pos2(),
            (r.max.to_vec2() / self.zoom).to_pos2(),
        )
    }

    /// A flow's label (or marker) and badge plates in board units.
    pub(super) fn flow_marks(&self, i: usize) -> [Option<Rect>; 2] {
        let Some(look) = self.flows.get(i) else {
            return [None, None];
        };
        [
            look.label.as_ref().map(|(m, _)| self.to_board(m.rect)),
            look.badge.as_ref().map(|m| self.to_board(m.rect)),
        ]
    }

    /// The drawn rectangles of flow `i`'s two tools, board units.
    pub(super) fn flow_rects(&self, layout: &Geometry, i: usize) -> Option<(Rect, Rect)> {
        let flow = layout.flows.get(i)?;
        Some((self.note_rect(flow.from)?, self.note_rect(flow.to)?))
    }

    /// Everything drawn on the map (not the legend), scaled points.
    pub(super) fn bounds(&self) -> Option<Rect> {
        let notes = self.notes.iter().flatten().map(|n| n.rect);
        let chip = self.tasks.iter().map(|c| c.rect);
        let marks = self.flows.iter().flat_map(|f| {
            f.label
                .as_ref()
                .map(|(m, _)| m.rect)
                .into_iter()
                .chain(f.badge.as_ref().map(|m| m.rect))
        });
        notes.chain(chip).chain(marks).reduce(|a, b| a.union(b))
    }

    /// Tool names drawn whole and tool summaries shown: what "fit all"
    /// keeps first.
    pub(super) fn names(&self) -> [usize; 2] {
        let [tools, summaries, ..] = self.shows();
        [tools, summaries]
    }

    /// What it shows, to compare overviews: tool names drawn whole, then
    /// tool summaries, then other notes' texts drawn whole, then flow
    /// labels readable (in full, or numbered in the legend), then labels in
    /// full.
    pub(super) fn shows(&self) -> [usize; 5] {
        let (mut tools, mut summaries, mut others) = (0, 0, 0);
        for (placed, look) in self.layout.notes.iter().zip(&self.notes) {
            let Some(look) = look else { continue };
            let whole = look
                .name
                .as_ref()
                .is_some_and(|n| !n.galley.elided && n.galley.text() == n.full);
            match placed.note {
                NoteRef::Tool(_) => {
                    tools += usize::from(whole);
                    summaries += usize::from(look.summary.is_some());
                }
                _ => others += usize::from(whole),
            }
        }
        let forms = self
            .flows
            .iter()
            .filter_map(|f| f.label.as_ref().map(|l| l.1));
        let (mut readable, mut full) = (0, 0);
        for form in forms {
            full += usize::from(form == LabelForm::Full);
            readable += usize::from(matches!(form, LabelForm::Full | LabelForm::Numbered(_)));
        }
        [tools, summaries, others, readable, full]
    }
}

/// Phase 3: each note's texts in its rectangle (tool names one size for
/// all, the largest at which every tool given room for its whole name
/// holds it), and the task chip's.
fn fit_texts(
    ctx: &egui::Context,
    wants: &Wants<'_>,
    placed: &Placed,
    floor: f32,
) -> (Vec<Option<NoteLook>>, Option<TaskChip>) {
    let folded: HashSet<usize> = placed
        .chip
        .iter()
        .flat_map(|(_, notes)| notes.iter().copied())
        .collect();
    // Each note's text as its shape holds it.
    let holds: Vec<Option<Holds<'_>>> = wants
        .notes
        .iter()
        .map(|w| {
            let w = w.as_ref()?;
            let hold = w.hold.as_ref()?;
            Some(match placed.naming.and_then(|n| SHAPES.get(n.shape)) {
                Some(shape) => shaped(hold, w.note, *shape),
                None => hold.clone(),
            })
        })
        .collect();
    let tool_scale = NAME_SCALES
        .iter()
        .copied()
        .find(|&scale| {
            wants
                .notes
                .iter()
                .zip(&placed.rects)
                .enumerate()
                .all(|(i, (w, r))| match (w, r) {
                    (Some(w), Some(r)) if matches!(w.note, NoteRef::Tool(_)) => {
                        let counts = placed.whole.get(i).copied().unwrap_or(true)
                            || placed.whole.iter().all(|g| !g);
                        let Some(Some(hold)) = holds.get(i) else {
                            return true;
                        };
                        !counts || fit_text(ctx, *r, hold, hold.font * scale, floor).is_some()
                    }
                    _ => true,
                })
        })
        .unwrap_or(1.0);
    let notes = wants
        .notes
        .iter()
        .zip(&placed.rects)
        .enumerate()
        .map(|(i, (want, rect))| {
            let (want, rect) = (want.as_ref()?, (*rect)?);
            if folded.contains(&i) {
                return None;
            }
            Some(match holds.get(i).and_then(Option::as_ref) {
                Some(hold) => {
                    let scale = match want.note {
                        NoteRef::Tool(_) => tool_scale,
                        _ => 1.0,
                    };
                    fit_note(ctx, rect, hold, scale, floor)
                }
                None => NoteLook::block(rect),
            })
        })
        .collect();
    let chip = placed.chip.as_ref().map(|(rect, notes)| {
        let full = super::naming::chip_text(notes.len());
        let galley = measure::layout(ctx, &full, floor, 0.0, 0);
        TaskChip {
            rect: *rect,
            text: Fitted {
                at: (rect.size() - galley.size()) / 2.0,
                galley,
                size: floor,
                full,
            },
            notes: notes.clone(),
        }
    });
    (notes, chip)
}

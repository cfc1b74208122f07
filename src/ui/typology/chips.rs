//! Task chips on the typology grid (issue 13): each chip wraps its name
//! to two lines and is as wide as its text; chips never cover one another
//! or the grid's labels. A crowded quadrant first shrinks its chips, down
//! to the legibility floor, then stacks the ones that still find no room
//! behind a "+3" chip, which lists them when clicked. Hovering or
//! selecting a chip shows its full name large.

use std::sync::Arc;

use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2,
    pos2, vec2,
};

use super::{GridFrame, TaskDrag, display_name};
use crate::geometry::spots::Taken;
use crate::model::{AutomationLabel, Placement, Quadrant, Session, Task};
use crate::ui::legibility::{Recorder, TextKind};
use crate::ui::plate;
use crate::ui::theme;

/// A placed task as drawn: its chip's screen rectangle, laid-out name and
/// automation tag.
pub(super) struct Chip<'a> {
    pub(super) task: &'a Task,
    pub(super) rect: Rect,
    galley: Arc<Galley>,
    /// Font size of the name, points.
    size: f32,
    /// Share of its quadrant's width it may take.
    share: f32,
    tag: Option<Tag>,
}

/// The automation label on a chip: O / A / hybrid, with ⚠ when it
/// disagrees with the chip's quadrant.
struct Tag {
    galley: Arc<Galley>,
    fill: Color32,
    size: f32,
}

/// The chips of a crowded region that found no room, behind one "+N".
pub(super) struct Stack<'a> {
    /// Which region (a quadrant, or the undecided band).
    pub(super) region: Placement,
    pub(super) rect: Rect,
    pub(super) tasks: Vec<&'a Task>,
    galley: Arc<Galley>,
    size: f32,
}

/// Every chip as laid out, and the stacks of crowded regions.
pub(super) struct Chips<'a> {
    pub(super) chips: Vec<Chip<'a>>,
    pub(super) stacks: Vec<Stack<'a>>,
}

/// Room kept right of the name for an undecided chip's "?" badge, points.
const UNDECIDED_BADGE_ROOM: f32 = 24.0;
/// Padding around a tag's text, points.
const TAG_PADDING: Vec2 = vec2(5.0, 2.0);
/// Space kept between chips, points.
const CHIP_GAP: f32 = 4.0;
/// A chip is at most this share of its quadrant's width: wide first (on
/// one line where it fits), then as narrow as its name on two lines
/// allows, where a wide one finds no room.
const MAX_CHIP_SHARES: [f32; 2] = [WIDE_SHARE, BALANCED];
/// A chip as narrow as its whole name on two lines allows.
const BALANCED: f32 = 0.0;
/// A wide chip's share of its quadrant's width.
const WIDE_SHARE: f32 = 0.72;
/// More chips than this in one quadrant: placed at the floor size at once.
const CROWDED: usize = 30;
/// Rows of a chip's name.
const CHIP_ROWS: usize = 2;

impl Tag {
    fn of(painter: &egui::Painter, task: &Task, size: f32) -> Option<Self> {
        let label = task.automation.label()?;
        let disagrees = matches!(
            task.placement(),
            Some(Placement::Quadrant(q)) if label.disagrees_with(q)
        );
        let text = if disagrees {
            format!("⚠ {}", label.short())
        } else {
            label.short().to_owned()
        };
        let fill = if disagrees {
            theme::WARNING_INK
        } else {
            match label {
                AutomationLabel::Orchestral => theme::TAG_ORCHESTRAL,
                AutomationLabel::Algorithmic => theme::TAG_ALGORITHMIC,
                AutomationLabel::Hybrid => theme::TAG_HYBRID,
            }
        };
        let galley = painter.layout_no_wrap(text, FontId::proportional(size), theme::TAG_INK);
        Some(Self { galley, fill, size })
    }

    /// Width the tag takes inside a chip, gap included, points.
    fn room(&self) -> f32 {
        self.galley.size().x + 2.0 * TAG_PADDING.x + theme::GRID_CHIP_PADDING / 2.0
    }
}

/// Where a chip of `placement` may go: its quadrant, or the whole grid
/// for an undecided one (it sits on an axis).
fn region(frame: GridFrame, placement: Placement) -> Rect {
    match placement {
        Placement::Quadrant(q) => frame.quadrant_rect(q).shrink(3.0),
        Placement::Undecided => frame.rect.shrink(3.0),
    }
}

/// A chip for `task` with its name at `size`, centred on `centre`.
fn chip_at<'a>(
    painter: &egui::Painter,
    frame: GridFrame,
    task: &'a Task,
    centre: Pos2,
    size: f32,
    share: f32,
) -> Chip<'a> {
    let placement = task.placement().unwrap_or(Placement::Undecided);
    let quadrant = frame.rect.width() / 2.0;
    let max_width = region(frame, placement).width().min(quadrant) * share;
    let tag = Tag::of(painter, task, theme::CHIP_TAG_FONT.max(size * 0.78));
    let badge_room = if placement == Placement::Undecided {
        UNDECIDED_BADGE_ROOM
    } else {
        0.0
    };
    let tag_room = tag.as_ref().map_or(0.0, Tag::room) + badge_room;
    let widest = (region(frame, placement).width().min(quadrant) * WIDE_SHARE
        - 2.0 * theme::GRID_CHIP_PADDING
        - tag_room)
        .max(size * 3.0);
    let layout = |wrap: f32| {
        let mut job = egui::text::LayoutJob::simple(
            display_name(task).to_owned(),
            FontId::proportional(size),
            theme::INK,
            wrap,
        );
        job.wrap.max_rows = CHIP_ROWS;
        job.wrap.break_anywhere = false;
        painter.layout_job(job)
    };
    let galley = if share > 0.0 {
        layout((max_width - 2.0 * theme::GRID_CHIP_PADDING - tag_room).max(size * 3.0))
    } else {
        // Balanced: the narrowest width that holds the whole name on two
        // lines.
        let one_line = painter
            .layout_no_wrap(
                display_name(task).to_owned(),
                FontId::proportional(size),
                theme::INK,
            )
            .size()
            .x;
        let mut wrap = (one_line / 2.0 + size).min(widest);
        let mut galley = layout(wrap);
        while galley.elided && wrap < widest {
            wrap = (wrap + size * 1.5).min(widest);
            galley = layout(wrap);
        }
        galley
    };
    let chip_size = vec2(
        galley.size().x + 2.0 * theme::GRID_CHIP_PADDING + tag_room,
        (galley.size().y + 8.0).max(theme::GRID_CHIP_HEIGHT),
    );
    Chip {
        task,
        rect: Rect::from_center_size(centre, chip_size),
        galley,
        size,
        share,
        tag,
    }
}

/// `rect` moved the least so that it lies inside `bounds` (where it fits).
fn inside(rect: Rect, bounds: Rect) -> Rect {
    let dx = (bounds.min.x - rect.min.x).max(0.0) + (bounds.max.x - rect.max.x).min(0.0);
    let dy = (bounds.min.y - rect.min.y).max(0.0) + (bounds.max.y - rect.max.y).min(0.0);
    rect.translate(vec2(dx, dy))
}

/// Where a chip of `rect` may go near where it wants to be, nearest first,
/// inside `bounds`.
fn candidates(rect: Rect, bounds: Rect) -> Vec<Rect> {
    let start = inside(rect, bounds);
    if !bounds.contains_rect(start) {
        return Vec::new();
    }
    // Steps of a third of the chip across and half of it down, over the
    // whole region: a chip moves as little as it must.
    let step = vec2(
        (rect.width() / 3.0).max(bounds.width() / 16.0).max(8.0),
        (rect.height() / 2.0 + CHIP_GAP)
            .max(bounds.height() / 16.0)
            .max(8.0),
    );
    let reach = (
        ((bounds.width() / step.x).ceil() as i32).min(16),
        ((bounds.height() / step.y).ceil() as i32).min(16),
    );
    let mut offsets = Vec::with_capacity(((2 * reach.0 + 1) * (2 * reach.1 + 1)) as usize);
    for dy in -reach.1..=reach.1 {
        for dx in -reach.0..=reach.0 {
            offsets.push(vec2(dx as f32 * step.x, dy as f32 * step.y));
        }
    }
    offsets.sort_by(|a, b| a.length_sq().total_cmp(&b.length_sq()));
    // Moved back inside where a step goes past the edge (so the edges are
    // tried too), each spot once.
    let mut seen = std::collections::HashSet::new();
    offsets
        .into_iter()
        .map(|o| inside(start.translate(o), bounds))
        .filter(|r| seen.insert((r.min.x.round() as i64, r.min.y.round() as i64)))
        .collect()
}

/// What the chips are laid out for (see [`lay_out`]).
#[derive(Clone, Copy)]
pub(super) struct ChipsAsked<'a, 'l> {
    /// The grid on screen.
    pub frame: GridFrame,
    /// The session whose placed tasks get chips.
    pub session: &'a Session,
    /// The task being dragged and where the pointer is (screen points).
    pub dragging: Option<(TaskDrag, Pos2)>,
    /// The smallest chip font, points.
    pub floor: f32,
    /// The grid's titles, poles and airlock names, to keep clear of.
    pub labels: &'l [Rect],
    /// The stack opened into a column.
    pub expanded: Option<Placement>,
}

/// Lay out the chips of the placed tasks clear of `labels` (the grid's
/// titles and poles) and of each other: a region's chips at the largest
/// size from the grid font down to `floor` at which they all find room,
/// else at the floor with the rest stacked. The chip being dragged follows
/// the pointer; `expanded` lists a stack's chips in a column.
pub(super) fn lay_out<'a>(
    painter: &egui::Painter,
    asked: ChipsAsked<'a, '_>,
    cache: &mut ChipCache,
) -> Chips<'a> {
    let ChipsAsked {
        frame,
        session,
        dragging,
        floor,
        ..
    } = asked;
    let key = cache_key(&asked);
    let mut out = if cache.key == Some(key) {
        cache.restore(painter, frame, session)
    } else {
        let out = place_all(painter, &asked);
        *cache = ChipCache::of(key, &out);
        out
    };
    let largest = theme::GRID_NOTE_FONT.max(floor);
    if let Some((drag, pointer)) = dragging
        && let Some(task) = session.task(drag.id)
        && task.grid.is_some()
    {
        let chip = chip_at(
            painter,
            frame,
            task,
            pointer - drag.grab,
            largest,
            WIDE_SHARE,
        );
        out.chips.push(chip);
    }
    out
}

/// Where the chips went, kept from frame to frame while the tasks, the
/// grid's size and labels, the floor and what is dragged or opened stay
/// the same (placing them tries many spots).
#[derive(Debug, Default)]
pub(super) struct ChipCache {
    key: Option<u64>,
    /// `(task, rectangle, font size, width share)` of each placed chip.
    placed: Vec<(crate::model::Id, Rect, f32, f32)>,
    /// `(region, rectangle, tasks, font size)` of each stack.
    stacks: Vec<(Placement, Rect, Vec<crate::model::Id>, f32)>,
}

impl ChipCache {
    fn of(key: u64, chips: &Chips<'_>) -> Self {
        Self {
            key: Some(key),
            placed: chips
                .chips
                .iter()
                .map(|c| (c.task.id, c.rect, c.size, c.share))
                .collect(),
            stacks: chips
                .stacks
                .iter()
                .map(|s| {
                    (
                        s.region,
                        s.rect,
                        s.tasks.iter().map(|t| t.id).collect(),
                        s.size,
                    )
                })
                .collect(),
        }
    }

    fn restore<'a>(
        &self,
        painter: &egui::Painter,
        frame: GridFrame,
        session: &'a Session,
    ) -> Chips<'a> {
        let chips = self
            .placed
            .iter()
            .filter_map(|&(id, rect, size, share)| {
                let chip = chip_at(
                    painter,
                    frame,
                    session.task(id)?,
                    rect.center(),
                    size,
                    share,
                );
                Some(Chip { rect, ..chip })
            })
            .collect();
        let stacks = self
            .stacks
            .iter()
            .map(|(region, rect, ids, size)| Stack {
                region: *region,
                rect: *rect,
                tasks: ids.iter().filter_map(|id| session.task(*id)).collect(),
                galley: painter.layout_no_wrap(
                    format!("+{}", ids.len()),
                    FontId::proportional(*size),
                    theme::INK,
                ),
                size: *size,
            })
            .collect();
        Chips { chips, stacks }
    }
}

/// What the chips' places depend on, hashed.
fn cache_key(asked: &ChipsAsked<'_, '_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let rect = |h: &mut std::collections::hash_map::DefaultHasher, r: Rect| {
        [r.min.x, r.min.y, r.max.x, r.max.y]
            .map(f32::to_bits)
            .hash(h);
    };
    rect(&mut h, asked.frame.rect);
    asked.floor.to_bits().hash(&mut h);
    asked.dragging.map(|(d, _)| d.id.0).hash(&mut h);
    format!("{:?}", asked.expanded).hash(&mut h);
    for label in asked.labels {
        rect(&mut h, *label);
    }
    for task in &asked.session.tasks {
        task.id.0.hash(&mut h);
        task.name.hash(&mut h);
        task.grid
            .map(|g| (g.predictability.to_bits(), g.stakes.to_bits()))
            .hash(&mut h);
        format!("{:?}", task.automation.label()).hash(&mut h);
    }
    h.finish()
}

/// Place every region's chips (see [`lay_out`]).
fn place_all<'a>(painter: &egui::Painter, asked: &ChipsAsked<'a, '_>) -> Chips<'a> {
    let ChipsAsked {
        frame,
        session,
        dragging,
        floor,
        labels,
        expanded,
    } = *asked;
    let regions = Quadrant::ALL
        .map(Placement::Quadrant)
        .into_iter()
        .chain([Placement::Undecided]);
    let mut taken = Taken::new(60.0);
    for label in labels {
        taken.add(*label);
    }
    let largest = theme::GRID_NOTE_FONT.max(floor);
    let mut out = Chips {
        chips: Vec::new(),
        stacks: Vec::new(),
    };
    let dragged = dragging.map(|(d, _)| d.id);
    for placement in regions {
        let bounds = region(frame, placement);
        let mut tasks: Vec<&Task> = session
            .tasks
            .iter()
            .filter(|t| t.placement() == Some(placement) && Some(t.id) != dragged)
            .collect();
        // Reading order: high stakes first, then left to right.
        tasks.sort_by(|a, b| {
            let (ga, gb) = (a.grid.unwrap_or_default(), b.grid.unwrap_or_default());
            gb.stakes
                .total_cmp(&ga.stakes)
                .then(ga.predictability.total_cmp(&gb.predictability))
        });
        // Wide chips at every size first, then narrower ones too: a whole
        // name at a smaller size beats a cut one. A very crowded region
        // goes straight to the floor (placing is costly there).
        let crowded = tasks.len() > CROWDED;
        let mut size = if crowded { floor } else { largest };
        let mut shares: &[f32] = &[WIDE_SHARE];
        loop {
            let mut trial = taken.clone();
            let mut placed = Vec::with_capacity(tasks.len());
            let mut left = Vec::new();
            for task in &tasks {
                let centre = frame.screen_from_grid(task.grid.unwrap_or_default());
                // Whole names first, whichever width shows them.
                let mut variants: Vec<Chip<'_>> = shares
                    .iter()
                    .map(|&share| chip_at(painter, frame, task, centre, size, share))
                    .collect();
                variants.sort_by_key(|c| c.galley.elided);
                let found = variants.into_iter().find_map(|chip| {
                    let rect = trial.first_clear(candidates(chip.rect, bounds))?;
                    Some(Chip { rect, ..chip })
                });
                match found {
                    Some(chip) => {
                        trial.add(chip.rect.expand(CHIP_GAP / 2.0));
                        placed.push(chip);
                    }
                    None => left.push(*task),
                }
            }
            if !left.is_empty() && size <= floor && shares.len() < MAX_CHIP_SHARES.len() && !crowded
            {
                shares = &MAX_CHIP_SHARES;
                size = largest;
                continue;
            }
            if left.is_empty() || size <= floor {
                taken = trial;
                out.chips.extend(placed);
                if !left.is_empty() {
                    let stack = stack_chip(painter, frame, &mut taken, placement, left, floor);
                    if expanded == Some(placement) {
                        out.chips.extend(column(painter, frame, &stack, floor));
                    }
                    out.stacks.push(stack);
                }
                break;
            }
            size = (size - 1.0).max(floor);
        }
    }
    out
}

/// The "+N" chip of a crowded region's chips that found no room, near
/// where they would be.
fn stack_chip<'a>(
    painter: &egui::Painter,
    frame: GridFrame,
    taken: &mut Taken,
    placement: Placement,
    tasks: Vec<&'a Task>,
    size: f32,
) -> Stack<'a> {
    let bounds = region(frame, placement);
    let galley = painter.layout_no_wrap(
        format!("+{}", tasks.len()),
        FontId::proportional(size),
        theme::INK,
    );
    let centre = tasks
        .iter()
        .map(|t| frame.screen_from_grid(t.grid.unwrap_or_default()).to_vec2())
        .fold(Vec2::ZERO, |a, b| a + b)
        / tasks.len().max(1) as f32;
    let chip = Rect::from_center_size(
        centre.to_pos2(),
        galley.size() + vec2(2.0 * theme::GRID_CHIP_PADDING, 8.0),
    );
    let rect = match taken.first_free(candidates(chip, bounds), None) {
        Ok(rect) | Err(Some(rect)) => rect,
        Err(None) => inside(chip, bounds),
    };
    taken.add(rect.expand(CHIP_GAP / 2.0));
    Stack {
        region: placement,
        rect,
        tasks,
        galley,
        size,
    }
}

/// A stack's chips listed in a column from its "+N" chip (toward the
/// grid's middle), over everything: the stack opened by a click.
fn column<'a>(
    painter: &egui::Painter,
    frame: GridFrame,
    stack: &Stack<'a>,
    size: f32,
) -> Vec<Chip<'a>> {
    let down = stack.rect.center().y < frame.rect.center().y;
    let mut y = if down {
        stack.rect.max.y + CHIP_GAP
    } else {
        stack.rect.min.y - CHIP_GAP
    };
    let mut out = Vec::with_capacity(stack.tasks.len());
    for task in &stack.tasks {
        let chip = chip_at(painter, frame, task, stack.rect.center(), size, WIDE_SHARE);
        let h = chip.rect.height();
        let top = if down { y } else { y - h };
        let rect = inside(
            Rect::from_min_size(pos2(stack.rect.min.x, top), chip.rect.size()),
            frame.rect,
        );
        y = if down {
            y + h + CHIP_GAP
        } else {
            y - h - CHIP_GAP
        };
        out.push(Chip { rect, ..chip });
    }
    out
}

/// Draw a chip (lifted while dragged) and note its texts for a check.
pub(super) fn paint_chip(
    painter: &egui::Painter,
    chip: &Chip<'_>,
    lifted: bool,
    recorder: Option<&Recorder>,
) {
    let undecided = chip.task.placement() == Some(Placement::Undecided);
    let rect = if lifted {
        chip.rect.translate(vec2(0.0, -3.0))
    } else {
        chip.rect
    };
    painter.rect_filled(rect, CornerRadius::same(4), theme::TASK_FILL);
    if undecided {
        // Dashed outline and a "?" badge: undecided is told by shape and
        // text, not colour alone.
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        painter.extend(Shape::dashed_line(
            &corners,
            Stroke::new(3.0, theme::WARNING_INK),
            8.0,
            5.0,
        ));
        let badge = pos2(
            rect.max.x - UNDECIDED_BADGE_ROOM / 2.0 - 1.0,
            rect.center().y,
        );
        painter.circle(
            badge,
            9.0,
            theme::WARNING_BG,
            Stroke::new(2.0, theme::WARNING_INK),
        );
        painter.text(
            badge,
            Align2::CENTER_CENTER,
            "?",
            FontId::proportional(15.0),
            theme::WARNING_INK,
        );
    } else {
        painter.rect_stroke(
            rect,
            CornerRadius::same(4),
            theme::note_stroke(theme::TASK_STROKE),
            StrokeKind::Inside,
        );
    }
    let at = pos2(
        rect.min.x + theme::GRID_CHIP_PADDING,
        rect.center().y - chip.galley.size().y / 2.0,
    );
    if let Some(rec) = recorder {
        let name = display_name(chip.task);
        rec.galley(TextKind::GridChip, name, &chip.galley, at, chip.size);
    }
    painter.galley(at, chip.galley.clone(), theme::INK);
    if let Some(tag) = &chip.tag {
        let size = tag.galley.size() + 2.0 * TAG_PADDING;
        let tag_rect = Rect::from_min_size(
            pos2(
                rect.max.x
                    - theme::GRID_CHIP_PADDING / 2.0
                    - size.x
                    - if undecided { UNDECIDED_BADGE_ROOM } else { 0.0 },
                rect.center().y - size.y / 2.0,
            ),
            size,
        );
        painter.rect_filled(tag_rect, CornerRadius::same(3), tag.fill);
        if let Some(rec) = recorder {
            let text = tag.galley.text().to_owned();
            rec.galley(
                TextKind::Tag,
                &text,
                &tag.galley,
                tag_rect.min + TAG_PADDING,
                tag.size,
            );
        }
        painter.galley(
            tag_rect.min + TAG_PADDING,
            tag.galley.clone(),
            theme::TAG_INK,
        );
    }
}

/// Draw a "+N" stack chip (outlined twice: more chips behind it).
pub(super) fn paint_stack(painter: &egui::Painter, stack: &Stack<'_>, recorder: Option<&Recorder>) {
    let behind = stack.rect.translate(vec2(3.0, -3.0));
    for (rect, stroke) in [(behind, 2.0), (stack.rect, 2.5)] {
        painter.rect(
            rect,
            CornerRadius::same(4),
            theme::TASK_FILL,
            Stroke::new(stroke, theme::TASK_STROKE),
            StrokeKind::Inside,
        );
    }
    let at = stack.rect.center() - stack.galley.size() / 2.0;
    if let Some(rec) = recorder {
        let text = stack.galley.text().to_owned();
        rec.galley(TextKind::Stack, &text, &stack.galley, at, stack.size);
    }
    painter.galley(at, stack.galley.clone(), theme::INK);
}

/// The full name of a chip (or the names behind a stack), large, on a
/// plate beside it over everything.
pub(super) fn paint_peek(
    ctx: &egui::Context,
    layer: egui::LayerId,
    bounds: Rect,
    anchor: Rect,
    lines: &[String],
    size: f32,
    recorder: Option<&Recorder>,
) {
    let lines: Vec<plate::Line> = lines
        .iter()
        .map(|l| plate::Line::plain(l.clone(), size))
        .collect();
    plate::paint(&ctx.layer_painter(layer), bounds, anchor, &lines, recorder);
}

/// What a hovered or selected chip's plate says: its full name, large,
/// and where it is.
pub(super) fn peek_lines(chip: &Chip<'_>) -> Vec<String> {
    let mut lines = vec![display_name(chip.task).to_owned()];
    if let Some(p) = chip.task.placement() {
        lines.push(p.label().to_owned());
    }
    lines
}

/// The names behind a stack, for its plate.
pub(super) fn stack_lines(stack: &Stack<'_>) -> Vec<String> {
    stack
        .tasks
        .iter()
        .map(|t| display_name(t).to_owned())
        .collect()
}

//! How a task's name can be set on a label: its wrappings over up to
//! four lines at a size, the plate they need, its tag (O / A / hybrid) and
//! the numbered marker that stands for it.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model::{AutomationLabel, Placement, Task};

use super::{
    DOT_GAP, DOT_RADIUS, LABEL_PADDING, LINE_PITCH, LabelFonts, LabelTag, MAX_LINES,
    SHORTEST_WORDS, TAG_PADDING, TaskLabel, UNDECIDED_BADGE_ROOM, display_name,
};
use crate::geometry::measure::MeasureText;

/// One way to set a name: its lines at a size, and the plate they need.
pub(super) struct Setting {
    pub(super) lines: Vec<String>,
    pub(super) whole: bool,
    /// A numbered marker (its plate may sit on its dot).
    pub(super) marker: bool,
    pub(super) size: f32,
    pub(super) pitch: f32,
    pub(super) text: Vec2,
    pub(super) tag: Option<(String, AutomationLabel, bool, Vec2, f32)>,
    pub(super) undecided: bool,
}

impl Setting {
    /// The plate's size.
    pub(super) fn plate(&self) -> Vec2 {
        let tag = self.tag.as_ref().map_or(Vec2::ZERO, |t| t.3);
        let badge = if self.undecided {
            UNDECIDED_BADGE_ROOM
        } else {
            0.0
        };
        let tag_room = if tag.x > 0.0 {
            tag.x + LABEL_PADDING.x
        } else {
            0.0
        };
        vec2(
            self.text.x + 2.0 * LABEL_PADDING.x + tag_room + badge,
            self.text.y.max(tag.y) + 2.0 * LABEL_PADDING.y,
        )
    }

    /// The label for this setting with its plate at `rect`.
    pub(super) fn label(
        &self,
        task: &Task,
        placement: Placement,
        dot: Pos2,
        rect: Rect,
    ) -> TaskLabel {
        let text_at = pos2(
            rect.min.x + LABEL_PADDING.x,
            rect.center().y - self.text.y / 2.0,
        );
        let badge = if self.undecided {
            UNDECIDED_BADGE_ROOM
        } else {
            0.0
        };
        let tag = self
            .tag
            .as_ref()
            .map(|(text, label, disagrees, size, font)| {
                let min = pos2(
                    rect.max.x - LABEL_PADDING.x / 2.0 - badge - size.x,
                    rect.center().y - size.y / 2.0,
                );
                LabelTag {
                    text: text.clone(),
                    label: *label,
                    disagrees: *disagrees,
                    rect: Rect::from_min_size(min, *size),
                    size: *font,
                }
            });
        let leader = (!rect.expand(DOT_GAP + DOT_RADIUS + 0.5).contains(dot)).then(|| {
            let to = pos2(
                dot.x.clamp(rect.min.x, rect.max.x),
                dot.y.clamp(rect.min.y, rect.max.y),
            );
            [dot, to]
        });
        TaskLabel {
            task: task.id,
            name: display_name(task).to_owned(),
            placement,
            dot,
            rect,
            text_at,
            lines: self.lines.clone(),
            size: self.size,
            line_pitch: self.pitch,
            whole: self.whole,
            leader,
            tag,
            listed: false,
            marker: None,
        }
    }
}

/// The automation tag of `task` at `size`: text, label, disagreement,
/// plate size and font size.
pub(super) fn tag_of(
    measure: &mut dyn MeasureText,
    task: &Task,
    size: f32,
) -> Option<(String, AutomationLabel, bool, Vec2, f32)> {
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
    let plate = vec2(measure.width(&text, size), measure.line_height(size)) + 2.0 * TAG_PADDING;
    Some((text, label, disagrees, plate, size))
}

/// The ways to set `words` at `size` on 1 to [`MAX_LINES`] lines, each as
/// narrow as that many lines allow (the widest line as short as it can
/// be), fewest lines first; none wider than `max_width` unless a single
/// word is.
pub(super) fn wrappings(
    measure: &mut dyn MeasureText,
    words: &[&str],
    size: f32,
    max_width: f32,
) -> Vec<(Vec<String>, f32)> {
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    // Width of words i..j on one line: each word measured once, plus the
    // spaces between (half a point of slack for rounding).
    let word: Vec<f32> = words.iter().map(|w| measure.width(w, size)).collect();
    let space = measure.width(" ", size);
    let mut widths = vec![vec![0.0_f32; n + 1]; n + 1];
    for i in 0..n {
        let mut line = -space + 0.5;
        for j in (i + 1)..=n {
            line += space + word.get(j - 1).copied().unwrap_or(0.0);
            if let Some(cell) = widths.get_mut(i).and_then(|row| row.get_mut(j)) {
                *cell = line;
            }
        }
    }
    let width_of = |i: usize, j: usize| widths.get(i).and_then(|r| r.get(j)).copied();
    let mut out: Vec<(Vec<String>, f32)> = Vec::new();
    for lines in 1..=MAX_LINES.min(n) {
        // The break points minimising the widest line, by dynamic
        // programming: best[k][j] = widest line setting words 0..j on k
        // lines.
        let mut best = vec![vec![f32::INFINITY; n + 1]; lines + 1];
        let mut from = vec![vec![0_usize; n + 1]; lines + 1];
        if let Some(row) = best.get_mut(0)
            && let Some(cell) = row.get_mut(0)
        {
            *cell = 0.0;
        }
        for k in 1..=lines {
            for j in k..=n {
                for i in (k - 1)..j {
                    let prev = best
                        .get(k - 1)
                        .and_then(|r| r.get(i))
                        .copied()
                        .unwrap_or(f32::INFINITY);
                    let w = width_of(i, j).unwrap_or(f32::INFINITY).max(prev);
                    if best.get(k).and_then(|r| r.get(j)).is_some_and(|b| w < *b) {
                        if let Some(cell) = best.get_mut(k).and_then(|r| r.get_mut(j)) {
                            *cell = w;
                        }
                        if let Some(cell) = from.get_mut(k).and_then(|r| r.get_mut(j)) {
                            *cell = i;
                        }
                    }
                }
            }
        }
        let widest = best
            .get(lines)
            .and_then(|r| r.get(n))
            .copied()
            .unwrap_or(f32::INFINITY);
        if !widest.is_finite() {
            continue;
        }
        // A narrower setting than the one before, or nothing new.
        if out.last().is_some_and(|(_, w)| *w <= widest + 0.5) {
            continue;
        }
        let mut breaks = Vec::with_capacity(lines);
        let mut j = n;
        for k in (1..=lines).rev() {
            let i = from.get(k).and_then(|r| r.get(j)).copied().unwrap_or(0);
            breaks.push((i, j));
            j = i;
        }
        breaks.reverse();
        let set: Vec<String> = breaks
            .into_iter()
            .map(|(i, j)| words.get(i..j).map(|w| w.join(" ")).unwrap_or_default())
            .collect();
        out.push((set, widest));
    }
    // Too wide on one line only when a single word is.
    let narrowest_fits = out.iter().any(|(_, w)| *w <= max_width);
    if narrowest_fits {
        out.retain(|(_, w)| *w <= max_width);
    } else if let Some(last) = out.pop() {
        out = vec![last];
    }
    out
}

/// Every setting of `task`'s name at `size`: whole (1 to 4 lines), or,
/// when `shortened`, its first words and "…" (longest first).
pub(super) fn settings(
    measure: &mut dyn MeasureText,
    task: &Task,
    size: f32,
    fonts: LabelFonts,
    max_width: f32,
    shortened: bool,
) -> Vec<Setting> {
    let name = display_name(task);
    let words: Vec<&str> = name.split_whitespace().collect();
    let pitch = (size * LINE_PITCH).min(measure.line_height(size));
    let line_height = measure.line_height(size);
    let tag = tag_of(measure, task, fonts.tag.max(size * 0.78).max(fonts.floor));
    let undecided = task.placement() == Some(Placement::Undecided);
    let mut out = Vec::new();
    let add = |lines: Vec<String>, widest: f32, whole: bool, out: &mut Vec<Setting>| {
        let rows = lines.len().max(1) as f32;
        out.push(Setting {
            text: vec2(widest, (rows - 1.0) * pitch + line_height),
            lines,
            whole,
            marker: false,
            size,
            pitch,
            tag: tag.clone(),
            undecided,
        });
    };
    if !shortened {
        for (lines, widest) in wrappings(measure, &words, size, max_width) {
            add(lines, widest, true, &mut out);
        }
        return out;
    }
    for keep in (SHORTEST_WORDS.min(words.len())..words.len()).rev() {
        let mut short: Vec<String> = words
            .get(..keep)
            .unwrap_or_default()
            .iter()
            .map(|w| (*w).to_owned())
            .collect();
        if let Some(last) = short.last_mut() {
            last.push('…');
        }
        let short: Vec<&str> = short.iter().map(String::as_str).collect();
        // Shortened names keep to two lines.
        for (lines, widest) in wrappings(measure, &short, size, max_width)
            .into_iter()
            .filter(|(l, _)| l.len() <= 2)
        {
            add(lines, widest, false, &mut out);
        }
    }
    out
}

/// A numbered marker's setting: the number alone, on a round plate as
/// wide as `widest` (the largest number's) needs.
pub(super) fn marker_setting(
    measure: &mut dyn MeasureText,
    number: u32,
    widest: u32,
    size: f32,
) -> Setting {
    let text = number.to_string();
    let line_height = measure.line_height(size);
    let width = measure
        .width(&widest.to_string(), size)
        .max(line_height - 2.0 * LABEL_PADDING.x);
    Setting {
        lines: vec![text],
        whole: false,
        marker: true,
        size,
        pitch: line_height,
        text: vec2(width, line_height),
        tag: None,
        undecided: false,
    }
}

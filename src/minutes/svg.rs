//! A small SVG writer for the minutes' figures: shapes and text with
//! every text escaped, and text measured with the shipped font so that
//! names can be wrapped before they are drawn. One drawing code path for
//! the PDF and the HTML page.

use std::fmt::Write as _;
use std::sync::OnceLock;

use super::fonts;

/// The figures' font stack: the shipped font first (the PDF has it; the
/// HTML page falls back to the reader's sans-serif).
pub const FONT_FAMILY: &str = "Inter, 'Helvetica Neue', Arial, sans-serif";

/// `text` with the five XML special characters escaped, for text and
/// attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Advance widths of the shipped font, in em.
struct Metrics {
    face: Option<ttf_parser::Face<'static>>,
    bold: Option<ttf_parser::Face<'static>>,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| Metrics {
        face: ttf_parser::Face::parse(fonts::INTER_REGULAR, 0).ok(),
        bold: ttf_parser::Face::parse(fonts::INTER_BOLD, 0).ok(),
    })
}

/// Width of `text` at font size `size` (same unit as the result), in the
/// shipped font; a character it lacks (CJK, …) counts one em, a little
/// more than most fonts give it, so that wrapped text never runs over.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let m = metrics();
    let face = if bold { &m.bold } else { &m.face };
    let Some(face) = face else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let per_em = f32::from(face.units_per_em().max(1));
    let em: f32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(1.0, |a| f32::from(a) / per_em)
        })
        .sum();
    em * size
}

/// `text` broken into lines no wider than `width` at `size`: at spaces
/// where it can, inside a word that is wider than a line by itself.
pub fn wrap(text: &str, size: f32, width: f32, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size, bold) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: cut it where it must be.
        for c in word.chars() {
            let mut longer = line.clone();
            longer.push(c);
            if !line.is_empty() && text_width(&longer, size, bold) > width {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Like [`wrap`], at most `rows` lines; the last ends in "…" when cut.
pub fn wrap_rows(text: &str, size: f32, width: f32, bold: bool, rows: usize) -> Vec<String> {
    let mut lines = wrap(text, size, width, bold);
    if lines.len() > rows.max(1) {
        lines.truncate(rows.max(1));
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last}…"), size, bold) > width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// How a text is anchored horizontally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left end.
    Start,
    /// `x` is the middle.
    Middle,
    /// `x` is the right end.
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Middle => "middle",
            Self::End => "end",
        }
    }
}

/// An SVG document being written, in user units (`width` × `height`).
pub struct Svg {
    out: String,
}

/// A number for SVG: at most two decimals, no trailing zeros.
fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

impl Svg {
    /// A drawing `width` × `height` user units, described for screen
    /// readers by `title` (the HTML page shows it as an image with that
    /// name).
    pub fn new(width: f32, height: f32, title: &str) -> Self {
        let mut out = String::with_capacity(16 * 1024);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" font-family="{f}"><title>{t}</title>"#,
            w = n(width),
            h = n(height),
            t = escape(title),
            f = escape(FONT_FAMILY),
        );
        Self { out }
    }

    /// Raw SVG written by this module (definitions such as patterns and
    /// markers); never participant text.
    pub fn raw(&mut self, markup: &'static str) {
        self.out.push_str(markup);
    }

    /// A rectangle with rounded corners `radius`, filled `fill` (or
    /// "none"), outlined `stroke` `stroke_width` wide (0: none), dashed
    /// when `dash` is given.
    #[allow(clippy::too_many_arguments)]
    pub fn rect(
        &mut self,
        [x, y, w, h]: [f32; 4],
        radius: f32,
        fill: &str,
        stroke: &str,
        stroke_width: f32,
        dash: Option<&str>,
    ) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}""#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            n(radius),
            escape(fill)
        );
        self.stroke(stroke, stroke_width, dash);
        self.out.push_str("/>");
    }

    fn stroke(&mut self, stroke: &str, width: f32, dash: Option<&str>) {
        if width > 0.0 {
            let _ = write!(
                self.out,
                r#" stroke="{}" stroke-width="{}""#,
                escape(stroke),
                n(width)
            );
            if let Some(dash) = dash {
                let _ = write!(self.out, r#" stroke-dasharray="{}""#, escape(dash));
            }
        }
    }

    /// A straight line.
    pub fn line(&mut self, a: [f32; 2], b: [f32; 2], stroke: &str, width: f32, dash: Option<&str>) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke-linecap="round""#,
            n(a[0]),
            n(a[1]),
            n(b[0]),
            n(b[1])
        );
        self.stroke(stroke, width, dash);
        self.out.push_str("/>");
    }

    /// A polyline through `points` (open) or a polygon (closed), filled
    /// `fill` ("none" for a line).
    pub fn poly(
        &mut self,
        points: &[[f32; 2]],
        closed: bool,
        fill: &str,
        stroke: &str,
        width: f32,
    ) {
        let pts: Vec<String> = points
            .iter()
            .map(|p| format!("{},{}", n(p[0]), n(p[1])))
            .collect();
        let _ = write!(
            self.out,
            r#"<{} points="{}" fill="{}" stroke-linejoin="round""#,
            if closed { "polygon" } else { "polyline" },
            pts.join(" "),
            escape(fill)
        );
        self.stroke(stroke, width, None);
        self.out.push_str("/>");
    }

    /// A circle.
    pub fn circle(&mut self, c: [f32; 2], r: f32, fill: &str, stroke: &str, width: f32) {
        let _ = write!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}""#,
            n(c[0]),
            n(c[1]),
            n(r),
            escape(fill)
        );
        self.stroke(stroke, width, None);
        self.out.push_str("/>");
    }

    /// One line of text with its baseline at `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        [x, y]: [f32; 2],
        text: &str,
        size: f32,
        fill: &str,
        anchor: Anchor,
        bold: bool,
    ) {
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="{}"{}>{}</text>"#,
            n(x),
            n(y),
            n(size),
            escape(fill),
            anchor.attr(),
            if bold { r#" font-weight="bold""# } else { "" },
            escape(text)
        );
    }

    /// One line of text turned a quarter left (reading upwards), its
    /// baseline through `at`, anchored along its own direction.
    pub fn text_up(&mut self, at: [f32; 2], text: &str, size: f32, fill: &str, anchor: Anchor) {
        let _ = write!(
            self.out,
            r#"<text transform="translate({} {}) rotate(-90)" font-size="{}" fill="{}" text-anchor="{}" font-weight="bold">{}</text>"#,
            n(at[0]),
            n(at[1]),
            n(size),
            escape(fill),
            anchor.attr(),
            escape(text)
        );
    }

    /// Lines of text, the first baseline at `y`, `leading` apart.
    #[allow(clippy::too_many_arguments)]
    pub fn lines(
        &mut self,
        [x, y]: [f32; 2],
        lines: &[String],
        size: f32,
        leading: f32,
        fill: &str,
        anchor: Anchor,
        bold: bool,
    ) {
        for (i, line) in lines.iter().enumerate() {
            self.text([x, y + i as f32 * leading], line, size, fill, anchor, bold);
        }
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_name_is_escaped_in_text_and_attributes() {
        let mut svg = Svg::new(10.0, 10.0, "<script>alert(1)</script>");
        svg.text(
            [0.0, 0.0],
            "<img src=x onerror=alert(1)> & \"'",
            5.0,
            "#000",
            Anchor::Start,
            false,
        );
        let out = svg.finish();
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;&apos;"));
    }

    #[test]
    fn a_long_word_is_cut_to_the_width_and_nothing_is_lost() {
        let word = "x".repeat(200);
        let lines = wrap(&word, 10.0, 100.0, false);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 100.0));
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn words_wrap_at_spaces() {
        let lines = wrap("Weekly invoice formatting for clients", 10.0, 90.0, false);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), "Weekly invoice formatting for clients");
    }
}

//! Text as it may enter a session: one cleaning rule and one length limit
//! for every name, label and free text, whatever its source (the window,
//! a participant's phone, a file someone mailed over). Text from outside
//! is untrusted: a name holding `ESC[2J` would clear the terminal that
//! prints `rhythm report`, and a right-to-left override would make a
//! report line read backwards.

/// Longest text kept in any field (names, labels, principles …), in
/// characters (Unicode scalar values). The file loader cuts longer texts
/// to this; [`crate::model::apply`] refuses them.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Whether `c` never belongs in a session's text: a C0 or C1 control
/// character other than line feed and tab (DEL included), or a bidi
/// override, embedding or isolate (U+202A–U+202E, U+2066–U+2069) or a
/// direction mark (U+200E, U+200F, U+061C).
pub fn is_unwanted(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200E}' | '\u{200F}' | '\u{061C}' => true,
        c => c.is_control(),
    }
}

/// Whether `text` holds nothing [`is_unwanted`].
pub fn is_clean(text: &str) -> bool {
    !text.chars().any(is_unwanted)
}

/// `text` without the characters [`is_unwanted`] drops: control
/// characters other than `\n` and `\t`, and bidi overrides, isolates and
/// marks. Everything else (emoji, accents, any script) is kept as it is.
pub fn clean_text(text: &str) -> String {
    text.chars().filter(|&c| !is_unwanted(c)).collect()
}

/// Clean `text` in place; how many characters were dropped (0: untouched).
pub fn clean_in_place(text: &mut String) -> usize {
    if is_clean(text) {
        return 0;
    }
    let before = text.chars().count();
    *text = clean_text(text);
    before - text.chars().count()
}

/// How many characters `text` has, when that is more than
/// [`MAX_TEXT_CHARS`].
pub fn too_long(text: &str) -> Option<usize> {
    text.char_indices()
        .nth(MAX_TEXT_CHARS)
        .map(|_| text.chars().count())
}

/// Cut `text` to [`MAX_TEXT_CHARS`]; its former length in characters when
/// it was longer.
pub fn cut_to_limit(text: &mut String) -> Option<usize> {
    let (at, _) = text.char_indices().nth(MAX_TEXT_CHARS)?;
    let chars = text.chars().count();
    text.truncate(at);
    Some(chars)
}

/// Free text on one line, as names are shown in lists and reports: cleaned
/// ([`clean_text`]), line breaks and runs of white space made one space,
/// trimmed.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word: String = word.chars().filter(|&c| !is_unwanted(c)).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// [`one_line`] text, or `fallback` when that is empty.
pub fn one_line_or(text: &str, fallback: &str) -> String {
    let text = one_line(text);
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_overrides_go_everything_else_stays() {
        let hostile = "Sla\u{1b}[2Jck\u{0}\u{202E}kcab \u{85}x\u{7f}\r\n\tÜ🎺\u{2067}\u{200F}";
        assert_eq!(clean_text(hostile), "Sla[2Jckkcab x\n\tÜ🎺");
        assert!(!is_clean(hostile));
        assert!(is_clean("Ünïcode → 🎺\nline two\ttab"));
        let mut text = hostile.to_owned();
        assert_eq!(clean_in_place(&mut text), 8);
        assert_eq!(clean_in_place(&mut text), 0);
    }

    #[test]
    fn one_line_collapses_white_space_and_cleans() {
        assert_eq!(one_line("  a \n b\u{1b}c  "), "a bc");
        assert_eq!(one_line("a \u{1b} b"), "a b");
        assert_eq!(one_line_or(" \u{202E} ", "(unnamed)"), "(unnamed)");
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let at_limit = "é".repeat(MAX_TEXT_CHARS);
        assert_eq!(too_long(&at_limit), None);
        let mut over = format!("{at_limit}ab");
        assert_eq!(too_long(&over), Some(MAX_TEXT_CHARS + 2));
        assert_eq!(cut_to_limit(&mut over), Some(MAX_TEXT_CHARS + 2));
        assert_eq!(over, at_limit);
    }
}

/// Why a text given from outside (a phone) is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing left after cleaning and trimming, where something is needed.
    #[error("the {field} is empty")]
    Empty {
        /// What the text is ("tool name", "pain point" …).
        field: &'static str,
    },
    /// Longer than allowed there.
    #[error("the {field} is {chars} characters long; at most {max} are accepted")]
    TooLong {
        /// What the text is.
        field: &'static str,
        /// Its length, characters.
        chars: usize,
        /// The limit there, at most [`MAX_TEXT_CHARS`].
        max: usize,
    },
}

/// `raw` as a session keeps text ([`clean_text`], trimmed), when it has
/// `min..=max` characters (`max` is capped at [`MAX_TEXT_CHARS`]).
///
/// # Errors
/// [`TextError`] naming `field`.
pub fn checked_text(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, TextError> {
    let cleaned = clean_text(raw);
    let cleaned = cleaned.trim();
    let chars = cleaned.chars().count();
    let max = max.min(MAX_TEXT_CHARS);
    if chars < min {
        return Err(TextError::Empty { field });
    }
    if chars > max {
        return Err(TextError::TooLong { field, chars, max });
    }
    Ok(cleaned.to_owned())
}

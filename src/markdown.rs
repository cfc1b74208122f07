//! Plain-text helpers shared by the Markdown writers (`rhythm report`,
//! `rhythm compare --report`) and the compare view: numbers without
//! trailing zeros, and free text made safe for one Markdown line or cell.

/// A number with at most two decimals and no trailing zeros: `7.5`,
/// `7.25`, `8`, `-4.4`.
pub fn num(v: f32) -> String {
    num64(f64::from(v))
}

/// [`num`] for `f64`.
pub fn num64(v: f64) -> String {
    trim_zeros(format!("{v:.2}"))
}

/// A number with at most one decimal (percentages): `53.8`, `45`.
pub fn num1(v: f32) -> String {
    trim_zeros(format!("{v:.1}"))
}

/// A signed number with at most two decimals: `+1.5`, `-21.5`, `0`.
pub fn signed(v: f32) -> String {
    with_sign(v, num(v))
}

/// A signed number with at most one decimal (percentages): `-81.1`.
pub fn signed1(v: f32) -> String {
    with_sign(v, num1(v))
}

fn with_sign(v: f32, text: String) -> String {
    if v > 0.0 && text != "0" {
        format!("+{text}")
    } else {
        text
    }
}

fn trim_zeros(text: String) -> String {
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    if text == "-0" { "0".to_owned() } else { text }
}

/// Free text on one line: line breaks and runs of white space become one
/// space, so a name cannot break the Markdown structure.
pub fn inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a Markdown table cell: on one line, `|` escaped.
pub fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// [`inline`] text, or `fallback` when it is empty.
pub fn name_or(text: &str, fallback: &str) -> String {
    let text = inline(text);
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
    fn numbers_lose_trailing_zeros_and_signs_only_show_when_meaningful() {
        assert_eq!(
            (num(7.5), num(8.0), num(7.254), num(-0.001)),
            ("7.5".into(), "8".into(), "7.25".into(), "0".into())
        );
        assert_eq!(
            (signed(1.5), signed(-21.5), signed(0.001)),
            ("+1.5".into(), "-21.5".into(), "0".into())
        );
        assert_eq!(signed1(-81.07), "-81.1");
        assert_eq!(cell("a |\n b"), "a \\| b");
        assert_eq!(name_or("  ", "(unnamed)"), "(unnamed)");
    }
}

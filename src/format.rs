//! Numbers as people read them, for the reports and the views alike:
//! no trailing zeros, a sign only where it means something, hours to one
//! decimal. The one place numbers are formatted (the model returns plain
//! numbers).

use crate::model::{ChangeOutcome, one_line};

/// Shown for a missing value.
pub const NONE: &str = "—";

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

/// Hours (per week) with at most one decimal: `2`, `1.5` (as [`num1`]).
pub fn hours(v: f32) -> String {
    num1(v)
}

/// A signed number with at most two decimals: `+1.5`, `-21.5`, `0`.
pub fn signed(v: f32) -> String {
    with_sign(v, num(v))
}

/// A signed number with at most one decimal (percentages, gaps): `-81.1`,
/// `+6`.
pub fn signed1(v: f32) -> String {
    with_sign(v, num1(v))
}

/// A number typed by someone, shown back for editing: every digit it has
/// (`2.345`), whole numbers without a decimal point (`14`).
pub fn exact(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// A change's metric, "cycle time 14 days → target 5 → measured 5", or
/// what of it is known ([`NONE`] for a missing value, "metric" for an
/// unnamed one).
pub fn metric_line(change: &ChangeOutcome) -> String {
    let unit = one_line(&change.unit);
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let value = |v: Option<f64>| v.map_or_else(|| NONE.to_owned(), num64);
    let metric = one_line(&change.metric);
    let metric = if metric.is_empty() {
        "metric".to_owned()
    } else {
        metric
    };
    let measured = change
        .measured
        .map(|m| format!(" → measured {}", num64(m)))
        .unwrap_or_default();
    format!(
        "{metric} {}{unit} → target {}{measured}",
        value(change.baseline),
        value(change.target_value)
    )
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
        assert_eq!(
            (signed1(6.0), signed1(2.46), signed1(0.0)),
            ("+6".into(), "+2.5".into(), "0".into())
        );
    }

    #[test]
    fn hours_show_one_decimal_at_most() {
        assert_eq!(
            (hours(2.0), hours(1.5), hours(1.96), hours(0.04)),
            ("2".into(), "1.5".into(), "2".into(), "0".into())
        );
    }

    #[test]
    fn exact_numbers_keep_every_digit() {
        assert_eq!(exact(14.0), "14");
        assert_eq!(exact(2.5), "2.5");
        assert_eq!(exact(2.345), "2.345");
        assert_eq!(exact(-3.0), "-3");
    }
}

//! Which format version a session file is: the one sniffer, used by the
//! loader ([`super::parse`]), by saving (keeping a `.bak` of an older
//! file) and by `rhythm check`.

use serde::Deserialize;

/// Only the `version` field of a file.
#[derive(Deserialize)]
#[serde(rename = "Session")]
pub(super) struct VersionOnly {
    pub(super) version: u32,
}

/// The version of a file that starts the way [`super::to_ron`] writes: an
/// optional byte-order mark and line comments (a recovery copy's first
/// line), then `(version: N` followed by `,` or `)`, white space anywhere.
/// `None` when it does not start that way (then only a full parse can
/// tell, see [`file_version`]). Reads only the head of the text.
pub fn leading_version(text: &str) -> Option<u32> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    while let Some(comment) = rest.strip_prefix("//") {
        rest = comment.split_once('\n')?.1.trim_start();
    }
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("version")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, after) = rest.split_at(end);
    let after = after.trim_start();
    // Only a plain number followed by `,` or `)`: otherwise let ron judge.
    (after.starts_with(',') || after.starts_with(')'))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The version a file says it is: [`leading_version`], or else the
/// `version` field found by parsing the whole text; `None` when it does
/// not parse that far.
pub fn file_version(text: &str) -> Option<u32> {
    leading_version(text).or_else(|| {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        ron::from_str::<VersionOnly>(text).ok().map(|v| v.version)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leading_version_is_read_from_the_head() {
        assert_eq!(leading_version("(\n    version: 2,\n    header"), Some(2));
        assert_eq!(leading_version("\u{feff}// note\n( version : 1 )"), Some(1));
        assert_eq!(leading_version("(header: (), version: 1)"), None);
        assert_eq!(leading_version("(version: 12x"), None);
        assert_eq!(leading_version("garbage"), None);
    }

    #[test]
    fn a_version_elsewhere_is_found_by_parsing() {
        assert_eq!(file_version("(header: (), version: 1)"), Some(1));
        assert_eq!(file_version("\u{feff}(version: 2)"), Some(2));
        assert_eq!(file_version("garbage"), None);
    }
}

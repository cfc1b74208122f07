//! The HTML writer: one self-contained page (inline CSS, inline SVG, no
//! script, a Content-Security-Policy that forbids loading anything), from
//! an askama template that escapes every value by default. The figures'
//! SVG is the only markup inserted as is: [`super::svg`] escaped every
//! text in it.

use askama::Template;

use super::{Minutes, MinutesError};

#[derive(Template)]
#[template(path = "minutes.html")]
struct Page<'a> {
    m: &'a Minutes,
}

impl Page<'_> {
    /// A figure's SVG, if the minutes have it.
    fn figure(&self, name: &str) -> Option<&str> {
        self.m.figure(name)
    }
}

/// The minutes as one HTML page.
///
/// # Errors
/// [`MinutesError::Html`] when the template fails (a defect, never the
/// session's texts).
pub fn html(minutes: &Minutes) -> Result<String, MinutesError> {
    Page { m: minutes }
        .render()
        .map_err(|e| MinutesError::Html(e.to_string()))
}

//! Rhythm: a desktop board for facilitated Rhythm Diagnosis workshops.
//!
//! Layers (STYLE.md): [`model`] is the session and its maths (no UI, no
//! I/O); [`store`] the RON file format; [`report`] the Markdown summary;
//! [`app`] the eframe application (documents, undo history, commands);
//! [`ui`] one module per view.

pub mod app;
pub mod format;
pub mod generate;
pub mod model;
pub mod report;
pub mod store;
pub mod ui;

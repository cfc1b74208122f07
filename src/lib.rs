//! Rhythm: a desktop board for facilitated Rhythm Diagnosis workshops.
//!
//! Layers (STYLE.md): [`model`] is the session and its maths (no UI, no
//! I/O); [`store`] the RON file format; [`report`] the Markdown summary;
//! [`app`] the eframe application (documents, undo history, commands);
//! [`ui`] one module per view; [`room`] lets participants take part from
//! their phones (a local HTTP + WebSocket server, no egui in it).

pub mod app;
pub mod generate;
pub mod markdown;
pub mod model;
pub mod report;
pub mod room;
pub mod store;
pub mod ui;

//! Rhythm: a desktop board for facilitated Rhythm Diagnosis workshops.
//!
//! Layers (STYLE.md): [`model`] is the session and its maths, as data (no
//! UI, no I/O, no presentation; it assigns the ids of new entities and
//! holds every rule once); [`store`] the RON file format, its repair, the
//! recovery copies and the lock of an open file; [`report`] the Markdown
//! and CSV reports; [`format`] how numbers are written, for the reports
//! and the views; [`app`] the eframe application (documents, undo
//! history, commands, file dialogs, the compare window); [`ui`] one
//! module per view, drawing from the data it is given.

pub mod app;
pub mod format;
pub mod generate;
pub mod model;
pub mod report;
pub mod store;
pub mod ui;

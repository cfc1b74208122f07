//! Views: one module per view, each a plain state struct (when it has
//! state) with a `ui` function that draws and emits intentions as
//! [`crate::model::Edit`]s. No view applies an edit itself.

pub mod board_paint;
pub mod canvas;
pub mod cheatsheet;
pub mod compare;
pub mod compare_board;
pub mod compare_trends;
pub mod header;
pub mod hybrid;
pub mod inspector;
pub mod legibility;
pub mod participants;
pub mod plate;
pub mod room_panel;
pub mod scoring;
pub mod steps;
pub mod theme;
pub mod timer;
pub mod typology;
pub mod voting;

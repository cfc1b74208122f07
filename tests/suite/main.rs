//! All integration tests, in one test binary.
//!
//! Each module was once its own binary under `tests/`. Every integration
//! test binary links the whole of eframe, wgpu and egui_kittest, so one
//! binary instead of twelve saves eleven large links and several GiB of
//! disk on a fresh CI machine. Run one module with e.g.
//! `cargo test --test suite store_repair::`.

// A failing test stops loudly: the house rule against unwrap, expect and
// panic (Cargo.toml's lints) is for the product, not for tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod child;
mod cli;
mod compare;
mod legibility;
mod legibility_grid;
mod legibility_listing;
mod migration;
mod minutes;
mod minutes_browser;
mod model_ids;
mod model_props;
mod recovery;
mod room_browser;
mod room_cli;
mod room_server;
mod room_support;
mod session_lock;
mod skip;
mod software_edges;
mod store;
mod store_crash;
mod store_fuzz;
mod store_repair;
mod ui;
mod ui_compare;
mod ui_panels;
mod ui_room;
mod ui_room_panel;
mod ui_workshop;
mod untrusted;
mod vote;
mod window_clear;
mod window_renderers;
mod window_room;
mod window_screen;

//! Diagnostics: the window driven and observed from outside, for the
//! legibility tests, the benchmarks and the commands that measure what a
//! room sees (issue 20). [`layout`] lays the window out headlessly and
//! lists every text drawn (`rhythm layout`); [`bench_pan`] opens the real
//! window and pans it to measure frame times (`rhythm bench-pan`). Both
//! reach the app only through its diagnostics hook (`RhythmApp::set_step`,
//! `request_fit`, `run_frame`, `drawn`, `tasks_named_on_grid`,
//! `canvas_mut`): after a frame, the board and the grid list what they
//! drew from their own layouts ([`crate::ui::legibility::Drawn`]); no
//! paint function knows of a check. Behind the `diagnostics` cargo
//! feature, on by default.

pub mod bench_pan;
pub mod layout;

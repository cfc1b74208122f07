//! Rhythm: a desktop board for facilitated Rhythm Diagnosis workshops.
//!
//! A facilitator projects the window; the team maps its tools and the
//! flows between them (Step 1), pins pain points to them (Step 2), drops
//! tasks on a 2×2 typology grid (Step 3), designs the hybrid score (Step 4)
//! and scores its work on a live panel. Sessions are RON files that are
//! reopened a quarter later and compared. The method is in `METHOD.md`;
//! its terms (tool, flow, pain point, task, quadrant, zone, airlock,
//! change, session, quarter) are the names used in the code.
//!
//! # Layers
//!
//! Each layer uses only the layers below it.
//!
//! | layer | folder | owns |
//! |---|---|---|
//! | model | [`model`] | the session as plain data, every change as an [`model::Edit`], the maths of the lenses, comparing quarters. No egui, no file I/O. |
//! | format | [`mod@format`] | numbers and hours as people read them, for the report and the views |
//! | store | [`store`] | the RON file format: versions, migrations, repairs of damaged files, atomic saves, recovery copies, the lock that keeps a second window off an open file |
//! | document | [`document`] | one open session: its undo history, revision and journal of changed ids, the file lock, autosave (recovery copies) and the clock it is timed by. Shared by the window and the headless room. No egui. |
//! | geometry | [`geometry`] | the tool map close up without egui's Context: each card, note, flow line, label and badge in board units, text measured through a small trait; and the one rule for where a new note goes (window, phones and the headless room alike) |
//! | report | [`report`] | Markdown and CSV out of a session or a comparison (`rhythm report`, `rhythm compare --report`) |
//! | views | [`ui`] | one module per view (the board in [`ui::canvas`], the grid, the live score, the hybrid score, the compare view, …) and the theme. A view draws from the session it is given and returns what the user asked for; it never applies an edit. |
//! | minutes | [`minutes`] | the workshop's minutes (issue 19): the session as data and SVG figures (the tool map and the grid from the views' own layout, the charts), written as a PDF by Typst and as one HTML page by askama |
//! | room | [`room`] | participants on their phones (issues 11, 17): the embedded web server on its own thread and its limits, the protocol, what each phone may see, phone messages turned into edits, the headless `rhythm room`. No egui. |
//! | app | [`app`] | the eframe application: the open [`document::Document`], commands and shortcuts, file operations and dialogs, menus, modals, projector mode, the window layout, the compare window |
//! | diagnostics | `diagnostics` | `rhythm layout` and `rhythm bench-pan`: the window driven and observed from outside through the app's narrow diagnostics hook (step, fit all, one frame, what the board and the grid drew as listed from their layouts, what the grid named, the board's view). Behind the `diagnostics` cargo feature (on by default); nothing below depends on it. |
//!
//! `src/main.rs` is the `rhythm` command line; [`generate`] writes
//! synthetic sessions for the benchmarks.
//!
//! # How an edit travels
//!
//! 1. A gesture on a view (a drag on the board, a click in a menu, a
//!    typed name) becomes an [`model::Edit`] value in the view's response,
//!    e.g. [`ui::canvas::BoardResponse::edits`]. New entities are
//!    `Edit::Add`: the view never picks an id.
//! 2. At the end of the frame the app hands each edit to
//!    [`document::Document::apply`], which calls [`model::History::apply`]:
//!    [`model::apply`] checks the edit against the session's rules (the
//!    same checks the file loader uses), performs it, allocates ids for new
//!    entities and returns the edit that undoes it. A refused edit changes
//!    nothing and is reported in the status bar.
//! 3. The document's revision moves on; the live panel's figures and the
//!    board's layout are recomputed once for that revision.
//! 4. Autosave writes a recovery copy a few seconds later; Save writes the
//!    file atomically through [`store::save`] (temporary file, flush,
//!    rename).
//!
//! A participant's phone takes the same road: the room's server thread
//! checks the message and queues it; at the start of the next frame the app
//! turns it into an `Edit` credited to that participant
//! (`room::to_edit`) and applies it through the same `Document::apply`, so
//! undo, autosave, the live panel and the report treat it like the
//! facilitator's own; then the session is published back to the phones,
//! each seeing only what it may.
//!
//! # Where to add
//!
//! - **A new view**: a module under `src/ui/` with a plain state struct
//!   and a `ui(&mut self, ui, …)` function that draws from the session and
//!   pushes edits (or returns a response value). Place it in the window in
//!   `src/app/layout.rs`; give it a command in `src/app/commands.rs` if it
//!   opens from a menu or a key, and a line in the cheat sheet.
//! - **A new kind of edit**: a variant of `Edit` in
//!   `src/model/edit.rs` with its checks and its exact inverse in
//!   `apply`; a property test that applying it and then its inverse gives
//!   the session back (`tests/suite/model_props.rs`).
//! - **A new field in the file format**: the field on the model type with
//!   `#[serde(default)]` (and `skip_serializing_if` when an older file must
//!   still round-trip byte for byte), its rule in the model, its repair in
//!   `src/store/repair.rs`, and a migration in `src/store/` if an older
//!   version needs converting. Nothing under `src/ui/` changes for it.
//!
//! # Glossary
//!
//! The method's words (METHOD.md) and the code's names for them. One word,
//! one idea: where a word could mean two things, the code says which.
//!
//! | METHOD.md | in the code |
//! |---|---|
//! | session (one workshop, a RON file) | [`model::Session`]; open in a window or a room: [`document::Document`] |
//! | quarter (a session's period; sessions compared oldest first) | `SessionHeader::quarter`, [`model::compare`] |
//! | Step 1, the tool map (the board, the canvas: one view) | the *board*: [`ui::canvas`] |
//! | tool | [`model::Tool`], a *card* on the board |
//! | flow, designed or shadow, its share | [`model::Flow`], [`model::FlowKind`], `Flow::share` |
//! | Step 2, pain point, orchestra / jam pain, hours lost per week | [`model::PainPoint`], [`model::PainCategory`], `hours_per_week` |
//! | Step 3, task, the 2×2 typology grid, quadrant, undecided | [`model::Task`], [`model::GridPos`], [`model::Quadrant`], [`model::Placement`] (a task's place: a quadrant or undecided) |
//! | automation check (O / A / hybrid), the single question | [`model::AutomationCheck`], [`model::UnexpectedWay`] |
//! | work model, Factory ↔ Orchestra, as it is / how we run it | [`model::WorkModel`], [`model::ScoreSet`], [`model::Question`] |
//! | Step 4, the hybrid score: zone, airlock, change | [`model::Zone`], [`model::Airlock`], [`model::Change`] |
//! | participant | [`model::Participant`] |
//! | the room (the phones that join, and the server they join) | the people: participants who joined, [`room::RosterEntry`]; the server: [`room::RoomHandle`] |
//! | what a phone sees | [`room::view::PhoneView`] |
//! | hidden until revealed | [`model::Hidden`], [`model::Hideable`] |
//! | a change to the session (any source) | [`model::Edit`], applied by [`model::apply`] |
//! | how the board is seen: pan and zoom | [`ui::canvas::View`] (a transform, board units → screen points) |
//!
//! # Coordinates
//!
//! Board positions are board units (`*_in_board`); screen positions are
//! egui points (`*_in_screen`); [`ui::canvas::View`] maps one to the
//! other. Grid positions are −1..1 on both axes ([`model::GridPos`]).

pub mod app;
#[cfg(feature = "diagnostics")]
pub mod diagnostics;
pub mod document;
pub mod format;
pub mod generate;
pub mod geometry;
pub mod minutes;
pub mod model;
pub mod report;
pub mod room;
pub mod store;
pub mod ui;

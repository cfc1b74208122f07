//! The room (issue 11): participants join from their phones over the
//! room's own network, with no cloud and no account, and everything they
//! send becomes an ordinary [`Edit`](crate::model::Edit) credited to them.
//!
//! How a phone's pain point reaches the file: the phone page
//! (`assets/room/`, served by [`server`]) sends a JSON message over a
//! WebSocket; the server checks its size, rate, shape and limits
//! ([`protocol`]) and forwards it to the app's thread; there
//! [`RoomHandle::pump`] turns it into an edit ([`to_edit`]) against the
//! session as it is now and applies it through the same undo history as the
//! window's own edits (autosave and the file follow as for any edit); the
//! session is then published back and every phone gets what changed in
//! its own view ([`view`]: hidden notes and other people's scores are never
//! sent). The room state beside the session (keys, connections, resent
//! operations, the lock) is in [`state`]; the defences in [`guard`].
//!
//! The app is the single authority: phones hold a copy, never decide.
//! Nothing here uses egui; the facilitator's join panel is
//! `ui::room_panel`, the window-less room is [`headless`].

pub mod guard;
pub mod handle;
pub mod headless;
pub mod listen;
pub mod net;
pub mod protocol;
pub mod qr;
pub mod server;
pub mod state;
pub mod to_edit;
pub mod view;

pub use handle::{
    Refused, RoomConfig, RoomError, RoomEvent, RoomHandle, RoomInfo, RoomTarget, RosterEntry,
    default_listen,
};
pub use server::Waker;
pub use state::WaitingJoin;
pub use view::Focus;

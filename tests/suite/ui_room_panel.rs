//! The facilitator's join screen (egui_kittest): what the room reads on
//! the wall (the QR code, the URL, the code, who joined) and what the
//! facilitator's clicks ask for, in the window (normal mode) and on the
//! wall (projector mode, at the projector's scale). What the real window
//! shows is checked in `real_window`.

use std::net::SocketAddr;

use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::model::{HiddenCounts, Id};
use rhythm::room::{RoomInfo, RosterEntry, WaitingJoin};
use rhythm::ui::room_panel::{RoomAction, RoomPanel, RoomView};
use rhythm::ui::theme;

struct Panel {
    panel: RoomPanel,
    info: Option<RoomInfo>,
    roster: Vec<RosterEntry>,
    waiting: Vec<WaitingJoin>,
    hidden: HiddenCounts,
    asked: Vec<RoomAction>,
    /// On the wall (projector mode) rather than in a window.
    wall: bool,
}

impl Panel {
    fn frame(&mut self, ui: &mut egui::Ui) {
        let view = RoomView {
            info: self.info.as_ref(),
            roster: &self.roster,
            waiting: &self.waiting,
            locked: false,
            hidden: self.hidden,
            error: None,
            candidates: &[],
        };
        let asked = if self.wall {
            self.panel.wall_ui(ui, &view)
        } else {
            self.panel.window_ui(ui, &view)
        };
        self.asked.extend(asked);
    }
}

fn person(id: u64, name: &str, colour: [u8; 3], connected: bool, scored: bool) -> RosterEntry {
    RosterEntry {
        id: Id(id),
        name: name.to_owned(),
        colour,
        connected,
        scoring_started: scored,
        finished_scoring: scored,
    }
}

fn open_room() -> Panel {
    let addr: SocketAddr = "192.168.1.20:48213".parse().expect("addr");
    Panel {
        panel: RoomPanel::default(),
        info: Some(RoomInfo {
            addr,
            url: format!("http://{addr}/#3f9c2a7be1d04c58a6f2e9b7c1d3a5f8"),
            typed_url: format!("http://{addr}"),
            code: "482719".to_owned(),
        }),
        roster: vec![
            person(5, "Priya", [0x1F, 0x5F, 0xA8], true, true),
            person(6, "Sam", [0xA8, 0x3A, 0x1F], true, false),
            person(7, "Lee", [0x2E, 0x7D, 0x32], false, false),
        ],
        hidden: HiddenCounts {
            pain_points: 7,
            pain_writers: 3,
            scored: 2,
            finished_scoring: 1,
            scores_hidden: 2,
            participants: 3,
        },
        waiting: Vec::new(),
        asked: Vec::new(),
        wall: false,
    }
}

fn harness(panel: Panel) -> Harness<'static, Panel> {
    let wall = panel.wall;
    let mut builder = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0);
    if wall {
        // A 1280×800 projector at the projector's scale.
        builder = builder
            .with_size([1280.0 / 1.75, 800.0 / 1.75])
            .with_pixels_per_point(1.75);
    }
    let mut harness = builder
        .with_context_setup(|ctx| {
            theme::install(ctx);
            theme::set_projector(ctx, true);
        })
        .build_ui_state(|ui, panel: &mut Panel| panel.frame(ui), panel);
    harness.run();
    harness
}

#[test]
fn the_join_panel_shows_the_qr_code_url_code_and_who_joined() {
    let harness = harness(open_room());
    harness.get_by_label("QR code: http://192.168.1.20:48213/#3f9c2a7be1d04c58a6f2e9b7c1d3a5f8");
    harness.get_by_label("http://192.168.1.20:48213");
    harness.get_by_label("482 719");
    harness.get_by_label("3 joined · 2 connected · 1 finished scoring");
    harness.get_by_label("offline");
    harness.get_by_label("scored all 8");
    // The QR code is drawn big enough to scan from the back of the room.
    let qr = harness
        .get_by_role_and_label(
            Role::Image,
            "QR code: http://192.168.1.20:48213/#3f9c2a7be1d04c58a6f2e9b7c1d3a5f8",
        )
        .rect();
    assert!(qr.width() >= 300.0 && qr.height() >= 300.0, "{qr:?}");
}

#[test]
fn reveal_lock_remove_and_undo_are_asked_for_with_a_confirmation_for_people() {
    let mut harness = harness(open_room());
    harness
        .get_by_label("Reveal 7 pain points written by 3 people")
        .click();
    harness.run();
    harness
        .get_by_label("Reveal the scores (2 of 3 have scored)")
        .click();
    harness.run();
    harness
        .get_by_label("Lock the room (no new joiners)")
        .click();
    harness.run();
    assert_eq!(
        harness.state().asked,
        vec![
            RoomAction::RevealPainPoints,
            RoomAction::RevealScores,
            RoomAction::Lock(true)
        ]
    );
    // Removing a person asks first; only the confirmation acts.
    harness
        .get_all_by_label("Remove")
        .next()
        .expect("a Remove button")
        .click();
    harness.run();
    assert_eq!(harness.state().asked.len(), 3, "nothing yet");
    harness.get_by_label("Yes, remove Priya").click();
    harness.run();
    assert_eq!(
        harness.state().asked.last(),
        Some(&RoomAction::Remove(Id(5)))
    );
    harness
        .get_all_by_label("Undo all")
        .nth(1)
        .expect("Sam's Undo all")
        .click();
    harness.run();
    harness.get_by_label("Yes, undo all of Sam's edits").click();
    harness.run();
    assert_eq!(
        harness.state().asked.last(),
        Some(&RoomAction::UndoEverything(Id(6)))
    );
    harness.get_by_label("Close the room").click();
    harness.run();
    assert_eq!(harness.state().asked.last(), Some(&RoomAction::Close));
}

#[test]
fn on_the_wall_the_code_is_the_largest_text_and_everything_fits_the_screen() {
    let mut panel = open_room();
    panel.wall = true;
    let harness = harness(panel);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0) / 1.75);
    let qr = harness
        .get_by_role_and_label(
            Role::Image,
            "QR code: http://192.168.1.20:48213/#3f9c2a7be1d04c58a6f2e9b7c1d3a5f8",
        )
        .rect();
    assert!(
        qr.height() >= 0.4 * screen.height(),
        "the QR code takes at least 40 % of the screen's height: {qr:?}"
    );
    let code = harness.get_by_label("482 719").rect();
    let url = harness.get_by_label("http://192.168.1.20:48213").rect();
    for (what, rect) in [("code", code), ("URL", url), ("QR code", qr)] {
        assert!(
            screen.contains_rect(rect),
            "the {what} is on screen: {rect:?}"
        );
    }
    // One line each: a line of text is under twice its neighbours' height.
    assert!(url.height() < code.height(), "URL {url:?}, code {code:?}");
    let title = harness.get_by_label("Join from your phone").rect();
    assert!(
        code.height() > title.height(),
        "the code is the largest text: code {code:?}, title {title:?}"
    );
    for button in ["Lock", "Show the board", "Close the room"] {
        let rect = harness.get_by_label(button).rect();
        assert!(
            screen.contains_rect(rect),
            "{button} is on screen: {rect:?}"
        );
    }
    harness.get_by_label("Priya");
    harness.get_by_label("(offline)");
}

#[test]
fn a_listed_name_waits_on_the_wall_for_accept_or_refuse() {
    let mut panel = open_room();
    panel.wall = true;
    panel.waiting = vec![WaitingJoin {
        ticket: 9,
        participant: Id(5),
        name: "Priya Raman".to_owned(),
    }];
    let mut harness = harness(panel);
    harness.get_by_label("Priya Raman wants to join as the listed participant");
    harness.get_by_label("Accept").click();
    harness.run();
    harness.get_by_label("Refuse").click();
    harness.run();
    assert_eq!(
        harness.state().asked,
        vec![RoomAction::Admit(9, true), RoomAction::Admit(9, false)]
    );
}

#[test]
fn a_closed_room_offers_to_open_on_a_network_and_says_what_to_do_without_one() {
    let mut panel = open_room();
    panel.info = None;
    let harness = harness(panel);
    // Whatever networks this machine has, the hotspot advice is there.
    harness.get_by_label_contains("phone's hotspot");
}

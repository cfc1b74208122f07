//! The facilitator's join panel (egui_kittest): what the room reads on the
//! wall (the QR code, the URL, the code, who joined) and what the
//! facilitator's clicks ask for. Writes a picture of the panel in
//! projector mode to `target/tmp/room-screens/join-panel.png`.

use std::net::SocketAddr;

use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::model::{HiddenCounts, Id};
use rhythm::room::{RoomInfo, RosterEntry};
use rhythm::ui::room_panel::{RoomAction, RoomPanel, RoomView};
use rhythm::ui::theme;

struct Panel {
    panel: RoomPanel,
    info: Option<RoomInfo>,
    roster: Vec<RosterEntry>,
    hidden: HiddenCounts,
    asked: Vec<RoomAction>,
}

impl Panel {
    fn frame(&mut self, ui: &mut egui::Ui) {
        let view = RoomView {
            info: self.info.as_ref(),
            roster: &self.roster,
            locked: false,
            hidden: self.hidden,
            error: None,
        };
        let asked = self.panel.ui(ui, &view);
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
        asked: Vec::new(),
    }
}

fn harness(panel: Panel) -> Harness<'static, Panel> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0)
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
    let mut harness = harness(open_room());
    harness.get_by_label("QR code: http://192.168.1.20:48213/#3f9c2a7be1d04c58a6f2e9b7c1d3a5f8");
    harness.get_by_label("http://192.168.1.20:48213");
    harness.get_by_label("482 719");
    harness.get_by_label("3 joined · 2 connected · 1 finished scoring");
    harness.get_by_label("offline");
    harness.get_by_label("scored all 8");
    let image = harness.render().expect("the panel renders");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("room-screens");
    std::fs::create_dir_all(&dir).expect("folder");
    image.save(dir.join("join-panel.png")).expect("png written");
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
fn a_closed_room_offers_to_open_on_a_network_and_says_what_to_do_without_one() {
    let mut panel = open_room();
    panel.info = None;
    let harness = harness(panel);
    // Whatever networks this machine has, the hotspot advice is there.
    harness.get_by_label_contains("phone's hotspot");
}

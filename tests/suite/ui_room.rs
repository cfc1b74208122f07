//! The room in the window (issue 11): the facilitator opens it, a phone
//! joins and writes a pain point, the window applies it credited to that
//! participant, and the projector shows only the count until Reveal.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::app::RhythmApp;
use rhythm::document::Document;
use rhythm::model::{BoardPos, Id, Session, Tool};
use serde_json::json;

use super::room_support::Phone;

fn slack_only() -> Session {
    Session {
        tools: vec![Tool {
            id: Id(1),
            name: "Slack".to_owned(),
            pos: BoardPos::new(0.0, 0.0),
            author: None,
        }],
        next_id: 2,
        ..Session::default()
    }
}

#[test]
fn a_phone_joins_the_windows_room_and_its_pain_point_waits_for_reveal() {
    let mut harness = Harness::builder()
        .with_size([1600.0, 900.0])
        .with_context_setup(crate::window_clear::install)
        .build_eframe(|cc| RhythmApp::new(&cc.egui_ctx, Document::untitled(slack_only()), None));
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .open_room(&ctx, SocketAddr::from(([127, 0, 0, 1], 0)));
    harness.run();
    let info = harness
        .state()
        .room_info()
        .cloned()
        .expect("the room is open");
    harness.get_by_label("● Room open · 0 joined");
    harness.get_by_label_contains("and type the code");

    // The phone runs on its own thread; the window keeps drawing frames,
    // which is when it applies what phones send.
    let phone = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the phone");
        runtime.block_on(async {
            let mut phone = Phone::connect(&info).await;
            let welcome = phone.join("Priya").await;
            let ack = phone
                .act(
                    json!({"kind": "add_pain", "text": "Where is the latest file?",
                             "category": "Jam", "hours": 2.5, "on": {"tool": 1}}),
                )
                .await;
            (welcome, ack)
        })
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while !phone.is_finished() && Instant::now() < deadline {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    let (welcome, ack) = phone.join().expect("the phone finished");
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    assert_eq!(ack["type"], "ack", "{ack}");
    harness.run();

    let session = harness.state().document().session();
    let priya = session
        .participants
        .iter()
        .find(|p| p.name == "Priya")
        .map(|p| p.id)
        .expect("Priya joined the session");
    let pain = session.pain_points.first().expect("the pain point landed");
    assert_eq!(pain.author, Some(priya), "credited to the phone's owner");
    assert!(session.is_pain_point_hidden(pain.id));
    harness.get_by_label("● Room open · 1 joined");
    // Until Reveal the live score counts none of its hours; the room sees
    // only how many were written, and by how many people.
    assert_eq!(harness.state().stats().pain.total, 0.0);
    // F4 folds the join panel away; the live score keeps the Reveal.
    harness.key_press(egui::Key::F4);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("and type the code")
            .is_none()
    );
    assert!(
        !drawn_on_the_wall(&harness, "Where is the latest file?"),
        "hidden until Reveal: {:?}",
        drawn_texts(&harness)
    );
    harness
        .get_by_label("Reveal 1 pain point written by 1 person")
        .click();
    harness.run();
    assert_eq!(harness.state().stats().pain.total, 2.5);
    // The wall shows it in the same breath as the live score (issue 17:
    // the board kept its layout from before the Reveal).
    assert!(
        drawn_on_the_wall(&harness, "Where is the latest file?"),
        "the revealed pain point is on the board: {:?}",
        drawn_texts(&harness)
    );
    assert!(
        harness
            .query_by_label("Reveal 1 pain point written by 1 person")
            .is_none()
    );
    // Reveal is an ordinary edit: Ctrl+Z hides it again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().stats().pain.total, 0.0);
    assert!(
        !drawn_on_the_wall(&harness, "Where is the latest file?"),
        "hidden again after Ctrl+Z: {:?}",
        drawn_texts(&harness)
    );
}

/// Every text the last frame painted, as laid out (wrapped lines joined
/// by spaces), in paint order.
pub fn drawn_texts<S>(harness: &Harness<'_, S>) -> Vec<String> {
    fn walk(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) => out.push(
                text.galley
                    .rows
                    .iter()
                    .map(|row| row.text())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// Whether the last frame painted `text` (words may wrap onto lines).
pub fn drawn_on_the_wall<S>(harness: &Harness<'_, S>, text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    drawn_texts(harness)
        .iter()
        .any(|drawn| drawn.split_whitespace().collect::<Vec<_>>() == words)
}

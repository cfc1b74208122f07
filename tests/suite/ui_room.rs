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

/// The window on [`slack_only`] with its room open on loopback, and where
/// phones reach it.
fn window_with_room_open() -> (Harness<'static, RhythmApp>, rhythm::room::RoomInfo) {
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
    (harness, info)
}

#[test]
fn a_phone_joins_the_windows_room_and_its_pain_point_waits_for_reveal() {
    let (mut harness, info) = window_with_room_open();
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

#[test]
fn closing_the_room_keeps_drawing_and_keeps_what_phones_sent_before_the_close() {
    let (mut harness, info) = window_with_room_open();
    // A phone writes as fast as the room lets it, without reading, until
    // it is told the room closed; it counts what it sent.
    let (joined_tx, joined_rx) = std::sync::mpsc::channel();
    let phone = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the phone");
        runtime.block_on(async {
            use futures_util::{FutureExt as _, SinkExt as _, StreamExt as _};
            let mut phone = Phone::connect(&info).await;
            assert_eq!(phone.join("Priya").await["type"], "welcome");
            let _ = joined_tx.send(());
            let (mut sink, mut stream) = phone.ws.split();
            let mut sent = 0_u64;
            'writing: for op in 1..=200_u64 {
                let act = json!({"type": "act", "op": op, "act": {"kind": "add_pain",
                    "text": format!("pain {op}"), "category": "Jam", "on": {"tool": 1}}});
                let message = tokio_tungstenite::tungstenite::Message::Text(act.to_string().into());
                if sink.send(message).await.is_err() {
                    break;
                }
                sent = op;
                tokio::time::sleep(Duration::from_millis(60)).await;
                while let Some(next) = stream.next().now_or_never() {
                    match next {
                        Some(Ok(tokio_tungstenite::tungstenite::Message::Close(_)))
                        | None
                        | Some(Err(_)) => break 'writing,
                        Some(Ok(_)) => {}
                    }
                }
            }
            sent
        })
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while joined_rx.try_recv().is_err() && Instant::now() < deadline {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    // Let it write a while, then close the room from the menu's command.
    let writing = Instant::now() + Duration::from_millis(600);
    while Instant::now() < writing {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run_command(&ctx, rhythm::app::Command::CloseRoom);
    harness.step();
    // The window goes on drawing while the room closes, and says so.
    assert!(
        harness
            .query_all_by_label("Closing the room…")
            .next()
            .is_some(),
        "the indicator says the room is closing"
    );
    while !phone.is_finished() && Instant::now() < deadline {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    let sent = phone.join().expect("the phone finished");
    // The room finishes closing over the next frames.
    let closing_deadline = Instant::now() + Duration::from_secs(15);
    while harness
        .query_all_by_label("Closing the room…")
        .next()
        .is_some()
        && Instant::now() < closing_deadline
    {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(harness.state().room_info().is_none(), "the room is closed");
    let session = harness.state().document().session();
    let written = session.pain_points.len() as u64;
    assert!(sent >= 5, "the phone was writing: {sent}");
    assert_eq!(
        written, sent,
        "every pain point sent before the close is in the session"
    );
}

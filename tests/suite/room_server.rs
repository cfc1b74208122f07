//! The room with a real server on 127.0.0.1 and WebSocket phones: joining,
//! each kind of action, locking and removing, and what a hostile phone
//! tries (wrong key, foreign page, oversized or malformed messages, a
//! flood, guessing the short code). None of the hostile tries changes the
//! session.

use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use rhythm::model::{
    Attachment, BoardPos, Edit, Flow, FlowKind, Id, PainCategory, PainPoint, Participant, Question,
    Session, Task, Tool, Vote, VoteOn,
};
use rhythm::room::protocol::MAX_MESSAGE_BYTES;
use serde_json::json;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

use crate::room_support::{Harness, Phone, http, open_ws, post_code, room_key};

/// Two tools, a flow between them and a task, made by the facilitator.
pub fn seeded() -> Session {
    Session {
        tools: vec![
            Tool {
                id: Id(1),
                name: "Asana".into(),
                pos: BoardPos::new(0.0, 0.0),
                author: None,
            },
            Tool {
                id: Id(2),
                name: "Slack".into(),
                pos: BoardPos::new(300.0, 0.0),
                author: None,
            },
        ],
        flows: vec![Flow {
            id: Id(3),
            from: Id(1),
            to: Id(2),
            label: "task updates".into(),
            kind: FlowKind::Shadow,
            share: Some(40),
        }],
        tasks: vec![Task {
            id: Id(4),
            name: "Production deploy".into(),
            ..Task::default()
        }],
        next_id: 5,
        ..Session::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_join_write_score_vote_and_the_facilitator_locks_and_removes() {
    let room = Harness::start(seeded());
    let mut priya = Phone::connect(&room.info).await;
    let welcome = priya.join("Priya").await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    let priya_id = Id(priya.me.expect("an id"));
    assert_eq!(priya.view["tools"].as_array().map(Vec::len), Some(2));

    // Step 2: a pain point on Slack, hidden from the wall and from Sam.
    let ack = priya
        .act(
            json!({"kind": "add_pain", "text": "Where is the latest file?",
                     "category": "Jam", "hours": 2, "on": {"tool": 2}}),
        )
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let s = room.session();
    assert_eq!(s.pain_points.len(), 1);
    let pain = &s.pain_points[0];
    assert_eq!(pain.author, Some(priya_id));
    assert_eq!(pain.attached, Attachment::Tool(Id(2)));
    assert_eq!(pain.category, PainCategory::Jam);
    assert_eq!(pain.hours_per_week, Some(2.0));
    assert!(s.is_pain_point_hidden(pain.id));

    let mut sam = Phone::connect(&room.info).await;
    sam.join("Sam").await;
    let sam_id = Id(sam.me.expect("an id"));
    assert_ne!(sam_id, priya_id);

    // Scores: private, and hidden from the wall.
    for (question, value) in [
        ("Output", 8),
        ("Process", 7),
        ("PrimaryMetric", 9),
        ("Individual", 6),
    ] {
        let ack = priya
            .act(json!({"kind": "score", "set": "AsItIs", "question": question, "value": value}))
            .await;
        assert_eq!(ack["type"], "ack", "{ack}");
    }
    let ack = sam
        .act(json!({"kind": "score", "set": "AsItIs", "question": "Output", "value": 2}))
        .await;
    assert_eq!(ack["type"], "ack");
    let s = room.session();
    let p = s.participant(priya_id).expect("Priya");
    assert_eq!(p.scores.as_is.output, Some(8));
    assert_eq!(p.scores.as_is.individual, Some(6));
    assert!(s.are_scores_hidden(priya_id) && s.are_scores_hidden(sam_id));

    // A task from Sam, placed by Priya, then a vote on tasks.
    let ack = sam
        .act(json!({"kind": "add_task", "name": "Invoice formatting"}))
        .await;
    assert_eq!(ack["type"], "ack");
    let invoice = room.session().tasks[1].id;
    let ack = priya
        .act(json!({"kind": "place_task", "task": invoice.0, "at": [-0.6, -0.5]}))
        .await;
    assert_eq!(ack["type"], "ack");
    assert!(room.apply(Edit::StartVote(Vote::new(VoteOn::Tasks, 2).expect("vote"))));
    let ack = sam
        .act(json!({"kind": "dot", "note": invoice.0, "on": true}))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let s = room.session();
    assert!(s.has_dot(sam_id, invoice));
    assert_eq!(
        s.task(invoice)
            .and_then(|t| t.grid)
            .map(|g| g.predictability),
        Some(-0.6)
    );

    sam.sync().await;
    priya.sync().await;
    assert!(
        !sam.ever_saw("Where is the latest file?"),
        "Priya's hidden note never reaches Sam"
    );
    assert!(
        priya.ever_saw("Where is the latest file?"),
        "Priya sees her own note"
    );
    assert_eq!(
        sam.view["me"]["scores"]["as_is"],
        json!([2, null, null, null])
    );
    assert!(
        !sam.seen.iter().any(|m| m.contains("[8,7,9,6]")),
        "Priya's scores never reach Sam"
    );
    assert_eq!(sam.view["vote"]["mine"], json!([invoice.0]));
    assert_eq!(
        sam.view["vote"]["totals"],
        json!(null),
        "totals hidden until revealed"
    );

    // Lock: a third phone cannot join, and the session does not change.
    room.lock(true);
    let before = room.session();
    let mut lee = Phone::connect(&room.info).await;
    let refused = lee.join("Lee").await;
    assert_eq!(refused["type"], "error");
    assert!(
        refused["error"]
            .as_str()
            .unwrap_or_default()
            .contains("locked"),
        "{refused}"
    );
    assert_eq!(room.session(), before);
    // Priya's phone reconnects (the phone slept): still allowed, same id.
    let key = priya.key.clone().expect("a key");
    drop(priya);
    let mut priya_again = Phone::connect(&room.info).await;
    priya_again
        .send(json!({"type": "rejoin", "key": key}))
        .await;
    let welcome = priya_again.until("welcome").await;
    assert_eq!(Id(welcome["participant"].as_u64().expect("id")), priya_id);
    assert!(priya_again.ever_saw("Where is the latest file?"));
    room.lock(false);

    // Remove Sam: his phone is told, his key is void, his name is refused.
    room.remove(sam_id);
    let closed = sam.until("closed").await;
    assert_eq!(closed["final"], true);
    let sam_key = sam.key.clone().expect("key");
    let mut sam_again = Phone::connect(&room.info).await;
    sam_again
        .send(json!({"type": "rejoin", "key": sam_key}))
        .await;
    let gone = sam_again.until("closed").await;
    assert_eq!(gone["final"], true);
    let mut sam_by_name = Phone::connect(&room.info).await;
    let refused = sam_by_name.join("sam").await;
    assert!(
        refused["error"]
            .as_str()
            .unwrap_or_default()
            .contains("removed"),
        "{refused}"
    );

    // Undo everything Sam did: his task and his score go, in one step.
    assert!(room.undo_all(sam_id));
    let s = room.session();
    assert!(s.task(invoice).is_none());
    assert_eq!(
        s.participant(sam_id).map(|p| p.scores.as_is.output),
        Some(None)
    );
    assert_eq!(s.pain_points.len(), 1, "Priya's note stays");
    let end = room.stop();
    assert_eq!(end.participants.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resent_operation_is_applied_once_and_rejoin_keeps_identity() {
    let room = Harness::start(seeded());
    let mut phone = Phone::connect(&room.info).await;
    phone.join("Priya").await;
    let me = phone.me;
    let tool = json!({"kind": "add_tool", "name": "GitHub"});
    assert_eq!(phone.act_as(41, tool.clone()).await["type"], "ack");
    // The connection drops before the ack is seen; the page sends it again.
    let key = phone.key.clone().expect("key");
    drop(phone);
    let mut again = Phone::connect(&room.info).await;
    again.send(json!({"type": "rejoin", "key": key})).await;
    again.until("welcome").await;
    assert_eq!(again.me, me, "same participant");
    let answer = again.act_as(41, tool).await;
    assert_eq!(answer["type"], "ack");
    assert_eq!(answer["again"], true, "{answer}");
    let s = room.session();
    assert_eq!(s.tools.iter().filter(|t| t.name == "GitHub").count(), 1);
    // Joining by the same name from another phone waits for the
    // facilitator, whoever holds it now.
    let mut other = Phone::connect(&room.info).await;
    let waiting = other.join(" PRIYA ").await;
    assert_eq!(waiting["type"], "waiting", "{waiting}");
    assert_eq!(room.session().participants.len(), 1);
}

/// A session whose participant list names Priya Raman, with her private
/// scores and a pain point of hers still hidden.
fn with_priya() -> (Session, Id) {
    let mut s = seeded();
    let priya = Id(s.next_id);
    s.next_id += 2;
    let mut p = Participant {
        id: priya,
        name: "Priya Raman".into(),
        colour: [0x1F, 0x5F, 0xA8],
        scores: Default::default(),
    };
    for (q, v) in Question::ALL.into_iter().zip([8, 6, 8, 8]) {
        *p.scores.as_is.get_mut(q) = Some(v);
    }
    s.participants.push(p);
    s.pain_points.push(PainPoint {
        id: Id(priya.0 + 1),
        text: "Priya's private worry".into(),
        author: Some(priya),
        ..PainPoint::default()
    });
    s.hidden.pain_points.insert(Id(priya.0 + 1));
    s.hidden.scores.insert(priya);
    (s, priya)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listed_name_waits_for_the_facilitator_and_sees_nothing_of_theirs_until_accepted() {
    let (session, priya) = with_priya();
    let room = Harness::start(session);
    let mut impostor = Phone::connect(&room.info).await;
    let waiting = impostor.join("priya raman").await;
    assert_eq!(waiting["type"], "waiting", "{waiting}");
    // A message after the join proves that anything the room would send
    // has arrived: the answer to it comes after.
    impostor.send(json!({"type": "resync"})).await;
    let marker = impostor.until("error").await;
    assert!(
        marker["error"]
            .as_str()
            .unwrap_or_default()
            .contains("Join first"),
        "{marker}"
    );
    let everything = impostor.seen.join("\n");
    for secret in ["as_is", "private worry", "\"welcome\""] {
        assert!(
            !everything.contains(secret),
            "{secret} leaked: {everything}"
        );
    }
    let tickets = room.waiting();
    assert_eq!(tickets.len(), 1, "{tickets:?}");
    assert_eq!(tickets[0].name, "Priya Raman");
    assert_eq!(tickets[0].participant, priya);
    room.admit(tickets[0].ticket, false);
    let refused = impostor.until("error").await;
    assert!(
        refused["error"]
            .as_str()
            .unwrap_or_default()
            .contains("did not let you in"),
        "{refused}"
    );
    assert!(!impostor.seen.join("\n").contains("as_is"));

    // The real Priya asks, and the facilitator says yes: she is Priya, with
    // her own scores and her own hidden note.
    let mut real = Phone::connect(&room.info).await;
    assert_eq!(real.join("Priya Raman").await["type"], "waiting");
    let tickets = room.waiting();
    assert_eq!(tickets.len(), 1, "{tickets:?}");
    room.admit(tickets[0].ticket, true);
    let welcome = real.until("welcome").await;
    assert_eq!(welcome["participant"], priya.0, "{welcome}");
    assert_eq!(
        real.view["me"]["scores"]["as_is"],
        json!([8, 6, 8, 8]),
        "{}",
        real.view
    );
    assert!(real.seen.join("\n").contains("private worry"));

    // A new name joins at once.
    let mut sam = Phone::connect(&room.info).await;
    assert_eq!(sam.join("Sam").await["type"], "welcome");
    assert_eq!(room.session().participants.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_a_foreign_page_or_a_foreign_host_is_refused() {
    let room = Harness::start(seeded());
    let before = room.session();
    let wrong = open_ws(&room.info, "0123456789abcdef0123456789abcdef", None).await;
    assert!(
        matches!(&wrong, Err(WsError::Http(r)) if r.status() == 403),
        "wrong key: {wrong:?}"
    );
    let foreign = open_ws(
        &room.info,
        &room_key(&room.info),
        Some("http://evil.example"),
    )
    .await;
    assert!(
        matches!(&foreign, Err(WsError::Http(r)) if r.status() == 403),
        "foreign origin: {foreign:?}"
    );
    // A WebSocket without any Origin (not from a browser page) is refused.
    let url = format!("ws://{}/ws?room={}", room.info.addr, room_key(&room.info));
    let bare = tokio_tungstenite::connect_async(url).await;
    assert!(
        matches!(&bare, Err(WsError::Http(r)) if r.status() == 403),
        "no origin: {bare:?}"
    );
    // A short-code request with a large body is refused before it is read.
    let body = "x".repeat(5_000);
    let (status, _) = http(
        room.info.addr,
        &format!(
            "POST /code HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len(),
            host = room.info.addr
        ),
    )
    .await;
    assert_eq!(status, 413);
    // DNS rebinding: the page is asked for under another host name.
    let (status, _) = http(
        room.info.addr,
        "GET / HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, 421);
    let (status, page) = http(
        room.info.addr,
        &format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            room.info.addr
        ),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("Join the room"));
    assert_eq!(room.session(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_message_closes_the_connection_with_an_error() {
    let room = Harness::start(seeded());
    let before = room.session();
    let mut phone = Phone::connect(&room.info).await;
    phone.join("Priya").await;
    let huge = "x".repeat(MAX_MESSAGE_BYTES + 100);
    phone
        .send(json!({"type": "act", "op": 1, "act": {"kind": "add_tool", "name": huge}}))
        .await;
    let closed = phone.until("closed").await;
    assert!(
        closed["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("too large"),
        "{closed}"
    );
    let frame = tokio::time::timeout(Duration::from_secs(5), phone.ws.next()).await;
    match frame {
        Ok(Some(Ok(Message::Close(Some(f))))) => assert_eq!(u16::from(f.code), 1009),
        other => panic!("a close frame with 1009: {other:?}"),
    }
    // Past the transport's own limit (64 KiB) the connection just ends.
    let mut other = Phone::connect(&room.info).await;
    other.join("Sam").await;
    let _ = other
        .ws
        .send(Message::Text("y".repeat(100 * 1024).into()))
        .await;
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match other.ws.next().await {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return true,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(ended, Ok(true), "the connection ends");
    let mut s = room.session();
    s.participants.retain(|p| p.name != "Sam");
    assert_eq!(s.participants.len(), 1);
    s.participants.clear();
    s.next_id = before.next_id;
    assert_eq!(s, before, "nothing but the join changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_messages_get_a_reason_and_change_nothing() {
    let room = Harness::start(seeded());
    let mut phone = Phone::connect(&room.info).await;
    // Acting before joining.
    phone
        .send(json!({"type": "act", "op": 1, "act": {"kind": "add_tool", "name": "x"}}))
        .await;
    assert_eq!(phone.until("error").await["error"], "Join first.");
    phone.join("Priya").await;
    let before = room.session();
    let bad = [
        json!({"kind": "score", "set": "AsItIs", "question": "Output", "value": 11}),
        json!({"kind": "add_pain", "text": "x", "category": "Jam", "hours": 169}),
        json!({"kind": "add_pain", "text": "x", "category": "Jam", "hours": -1}),
        json!({"kind": "add_pain", "text": "x", "category": "Jam", "on": {"tool": 999}}),
        json!({"kind": "place_task", "task": 4, "at": [3.0, 0.0]}),
        json!({"kind": "add_flow", "from": 1, "to": 1}),
        json!({"kind": "add_flow", "from": 1, "to": 2, "shadow": true, "share": 150}),
        json!({"kind": "answer", "task": 4, "question": 9, "answer": true}),
        json!({"kind": "dot", "note": 4, "on": true}),
        json!({"kind": "add_tool", "name": "   "}),
        json!({"kind": "place_task", "task": 999, "at": [0.5, 0.5]}),
    ];
    for act in bad {
        let answer = phone.act(act.clone()).await;
        assert_eq!(answer["type"], "refused", "{act} → {answer}");
        assert!(!answer["error"].as_str().unwrap_or_default().is_empty());
    }
    for raw in [
        "not json at all",
        r#"{"type":"act","op":5,"act":{"kind":"format_disk"}}"#,
        r#"{"type":"act","op":0,"act":{"kind":"add_tool","name":"x"}}"#,
        r#"{"type":"act","op":6,"act":{"kind":"add_tool","name":"x","id":1}}"#,
        r#"{"type":"admin"}"#,
    ] {
        phone
            .ws
            .send(Message::Text(raw.into()))
            .await
            .expect("send");
        let error = phone.until("error").await;
        assert!(
            !error["error"].as_str().unwrap_or_default().is_empty(),
            "{raw}"
        );
    }
    phone
        .ws
        .send(Message::Binary(vec![0, 1, 2].into()))
        .await
        .expect("send");
    phone.until("error").await;
    assert_eq!(
        room.session(),
        before,
        "no hostile message changed the session"
    );

    // Control characters and bidi overrides never reach the session.
    let answer = phone
        .act(json!({"kind": "add_tool", "name": "Sl\u{1b}[2Jack\u{202e}\u{0}"}))
        .await;
    assert_eq!(answer["type"], "ack");
    assert!(room.session().tools.iter().any(|t| t.name == "Sl[2Jack"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_is_slowed_down_not_applied_then_disconnected() {
    let room = Harness::start(seeded());
    let mut phone = Phone::connect(&room.info).await;
    phone.join("Priya").await;
    let flood = |op: u64| {
        let msg =
            json!({"type": "act", "op": op, "act": {"kind": "add_tool", "name": format!("T{op}")}});
        Message::Text(msg.to_string().into())
    };
    for op in 1..=150u64 {
        phone.ws.send(flood(op)).await.expect("send");
    }
    let mut acks = 0;
    let mut slow_down = 0;
    loop {
        match tokio::time::timeout(Duration::from_secs(2), phone.ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => {
                let msg: serde_json::Value = serde_json::from_str(&t).expect("json");
                match msg["type"].as_str() {
                    Some("ack") => acks += 1,
                    Some("error") if t.contains("slow down") => slow_down += 1,
                    _ => {}
                }
            }
            Ok(Some(Ok(_))) => {}
            _ => break,
        }
    }
    assert!(slow_down >= 1, "the phone is told to slow down");
    assert!(
        (30..60).contains(&acks),
        "the burst is taken, the flood is not: {acks}"
    );
    assert_eq!(
        room.session().tools.len(),
        2 + acks,
        "only acknowledged tools exist"
    );
    // Keeping on flooding gets the phone disconnected, with a reason.
    let mut closed = None;
    for op in 151..=600u64 {
        if phone.ws.send(flood(op)).await.is_err() {
            break;
        }
    }
    while let Ok(Some(Ok(message))) =
        tokio::time::timeout(Duration::from_secs(2), phone.ws.next()).await
    {
        match message {
            Message::Text(t) if t.contains("\"closed\"") => closed = Some(t.to_string()),
            Message::Close(frame) => {
                assert_eq!(frame.map(|f| u16::from(f.code)), Some(1008));
                break;
            }
            _ => {}
        }
    }
    let closed = closed.expect("a closed message");
    assert!(closed.contains("Too many messages"), "{closed}");
    assert!(
        room.session().tools.len() < 2 + 100,
        "the flood was not applied"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_wrong_short_codes_from_one_address_are_rate_limited() {
    let room = Harness::start(seeded());
    let before = room.session();
    let wrong = if room.info.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let mut statuses = Vec::new();
    for _ in 0..100 {
        statuses.push(post_code(&room.info, wrong).await.0);
    }
    assert!(statuses[..5].iter().all(|s| *s == 403), "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    let (status, body) = post_code(&room.info, &room.info.code).await;
    assert_eq!(status, 429, "even the right code waits: {body}");
    assert_eq!(room.session(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_short_code_gives_the_key_until_the_room_is_locked() {
    let room = Harness::start(seeded());
    let (status, body) = post_code(&room.info, &room.info.code).await;
    assert_eq!(status, 200, "{body}");
    let key: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(key["room"], room_key(&room.info));
    room.lock(true);
    let (status, body) = post_code(&room.info, &room.info.code).await;
    assert_eq!(status, 410, "{body}");
    assert!(body.contains("no longer works"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitators_step_and_reveal_reach_the_phones() {
    let room = Harness::start(seeded());
    let mut priya = Phone::connect(&room.info).await;
    priya.join("Priya").await;
    let mut sam = Phone::connect(&room.info).await;
    sam.join("Sam").await;
    room.focus(Some(rhythm::room::Focus::PainPoints));
    priya
        .act(json!({"kind": "add_pain", "text": "Approvals stuck in inboxes", "category": "Orchestra"}))
        .await;
    sam.sync().await;
    assert_eq!(sam.view["room"]["focus"], "pain_points");
    assert_eq!(sam.view["room"]["hidden_pains"], 1);
    assert!(!sam.ever_saw("Approvals stuck"));
    let reveal = room
        .session()
        .reveal_pain_points_edit()
        .expect("something hidden");
    assert!(room.apply(reveal));
    sam.sync().await;
    let pains = sam.view["pains"].as_array().cloned().unwrap_or_default();
    assert_eq!(pains.len(), 1);
    assert_eq!(pains[0]["text"], "Approvals stuck in inboxes");
    let s = room.session();
    assert!(!s.is_pain_point_hidden(s.pain_points[0].id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_phones_writing_at_once_lose_nothing_and_repeat_nothing() {
    let room = Harness::start(seeded());
    let mut runs = Vec::new();
    for n in 0..10 {
        let mut phone = Phone::connect(&room.info).await;
        assert_eq!(phone.join(&format!("Phone {n}")).await["type"], "welcome");
        runs.push(tokio::spawn(async move {
            for i in 0..20 {
                let ack = phone
                    .act(json!({"kind": "add_pain", "text": format!("phone {n} pain {i}"), "category": "Jam"}))
                    .await;
                assert_eq!(ack["type"], "ack", "{ack}");
            }
            phone.sync().await;
            phone
        }));
    }
    let mut phones = Vec::new();
    for run in runs {
        phones.push(run.await.expect("a phone ran to the end"));
    }
    let s = room.session();
    assert_eq!(s.pain_points.len(), 200);
    let mut texts: Vec<&str> = s.pain_points.iter().map(|p| p.text.as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), 200, "no pain point twice");
    // Every phone sees exactly its own 20 (the others' stay hidden).
    for phone in &phones {
        let seen = phone.view["pains"].as_array().map_or(0, Vec::len);
        assert_eq!(seen, 20);
    }
}

//! Load on the room (issue 11): 30 simulated phones on 127.0.0.1, each
//! writing 20 pain points and scoring the eight questions while the others
//! vote, against a room whose app thread applies every edit through the
//! undo history, as the window does. Reports the messages per second held,
//! the p50/p95 latency from a phone's send to the edit being applied
//! (measured to the phone receiving the acknowledgement, which the app
//! sends right after applying), and checks nothing was lost or duplicated:
//! exactly 600 pain points, each once.
//!
//! Then the room as a crowded workshop lives it, on sessions of growing
//! size (issue 17): 58 phones each sending two messages a second (a pain
//! point on a tool, a score, a dot) for ten seconds, on sessions of 600,
//! 2,000 and 10,000 notes (`rhythm generate --notes N`). Reports the
//! send→applied latency (p50, p95, max) and the app thread's time per
//! message (applying it and publishing the session back), which must not
//! grow with the session.
//!
//! `cargo bench --bench room_load` (five rounds of the first, one paced
//! run per size; bounded: a round fails after 60 s).

// A benchmark that cannot run stops loudly (the house rule against
// unwrap, expect and panic is for the product).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/suite/room_support.rs"]
mod room_support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rhythm::model::{BoardPos, Edit, Id, Session, Task, Tool, Vote, VoteOn};
use serde_json::json;

use room_support::{Harness, Phone};

const PHONES: usize = 30;
const PAINS_EACH: usize = 20;
const DOTS_EACH: u8 = 3;
const TASKS: u64 = 6;
/// Rounds run; the median is reported.
const ROUNDS: usize = 3;
/// Longest a round may take.
const WITHIN: Duration = Duration::from_secs(60);

fn session() -> Session {
    let mut s = Session {
        tools: vec![Tool {
            id: Id(1),
            name: "Slack".into(),
            pos: BoardPos::new(0.0, 0.0),
            author: None,
        }],
        next_id: 2,
        ..Session::default()
    };
    for i in 0..TASKS {
        s.tasks.push(Task {
            id: Id(2 + i),
            name: format!("Task {i}"),
            ..Task::default()
        });
    }
    s.next_id = 2 + TASKS;
    s
}

/// One phone's run: every action sent, its ack awaited; the latencies.
async fn phone_run(mut phone: Phone, n: usize) -> Vec<Duration> {
    let mut latencies = Vec::new();
    let mut plan = Vec::new();
    for i in 0..PAINS_EACH {
        plan.push(
            json!({"kind": "add_pain", "text": format!("phone {n} pain {i}"),
                         "category": if i % 2 == 0 { "Orchestra" } else { "Jam" },
                         "hours": (i % 5) as f64, "on": {"tool": 1}}),
        );
        // Interleave scoring (all eight) and voting with the writing.
        if i < 8 {
            let q = ["Output", "Process", "PrimaryMetric", "Individual"][i % 4];
            let set = if i < 4 { "AsItIs" } else { "AsRun" };
            plan.push(
                json!({"kind": "score", "set": set, "question": q, "value": 1 + (n + i) % 10}),
            );
        }
        if i % 7 == 0 && i / 7 < usize::from(DOTS_EACH) {
            let note = 2 + ((n + i / 7) as u64 % TASKS);
            plan.push(json!({"kind": "dot", "note": note, "on": true}));
        }
    }
    for act in plan {
        let sent = Instant::now();
        let answer = phone.act(act.clone()).await;
        latencies.push(sent.elapsed());
        assert_eq!(answer["type"], "ack", "phone {n}: {act} → {answer}");
    }
    latencies
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

/// One round's figures.
struct Round {
    messages: usize,
    per_second: f64,
    p50: Duration,
    p95: Duration,
    max: Duration,
}

/// Phones of the paced run.
const PACED_PHONES: usize = 58;
/// Messages per phone per second in the paced run.
const PACED_RATE: u32 = 2;
/// How long the paced run sends.
const PACED_FOR: Duration = Duration::from_secs(10);
/// Session sizes of the paced run, notes.
const PACED_SIZES: [usize; 3] = [600, 2_000, 10_000];

/// One phone of the paced run: joins, then sends at its rate (a pain point
/// on the first tool, a score, a dot on a task, in turn), each send
/// waiting for the previous answer; the latencies.
async fn paced_phone(
    mut phone: Phone,
    n: usize,
    tool: u64,
    task: u64,
    start: Instant,
) -> Vec<Duration> {
    let every = Duration::from_secs(1) / PACED_RATE;
    // Phones are spread over the first interval.
    let phase = every * u32::try_from(n).unwrap_or(0) / u32::try_from(PACED_PHONES).unwrap_or(1);
    let sends = PACED_FOR.as_millis() / every.as_millis();
    let mut latencies = Vec::new();
    for i in 0..sends {
        let at = start + phase + every * u32::try_from(i).unwrap_or(0);
        tokio::time::sleep_until(at.into()).await;
        let act = match i % 4 {
            3 => {
                json!({"kind": "score", "set": "AsItIs", "question": "Output", "value": 1 + (n + i as usize) % 10})
            }
            1 if i < 8 => json!({"kind": "dot", "note": task, "on": i % 8 == 1}),
            _ => json!({"kind": "add_pain", "text": format!("phone {n} pain {i}"),
                        "category": "Jam", "hours": 1, "on": {"tool": tool}}),
        };
        let sent = Instant::now();
        let answer = phone.act(act.clone()).await;
        latencies.push(sent.elapsed());
        assert!(
            matches!(answer["type"].as_str(), Some("ack" | "refused")),
            "phone {n}: {act} → {answer}"
        );
    }
    latencies
}

/// The paced run on a session of `notes` notes: latencies and the app
/// thread's time per message.
async fn paced(notes: usize) -> (Vec<Duration>, Duration) {
    let mut session = rhythm::generate::session(notes, 1);
    let tool = session.tools.first().map_or(1, |t| t.id.0);
    let task_id = Id(session.next_id);
    session.next_id += 1;
    session.tasks.push(Task {
        id: task_id,
        name: "A task to vote on".into(),
        ..Task::default()
    });
    let room = Harness::start(session);
    let mut phones = Vec::new();
    for n in 0..PACED_PHONES {
        let mut phone = Phone::connect(&room.info).await;
        let welcome = phone.join(&format!("Paced {n:02}")).await;
        assert_eq!(welcome["type"], "welcome", "{welcome}");
        phones.push(phone);
    }
    assert!(room.apply(Edit::StartVote(
        Vote::new(VoteOn::Tasks, DOTS_EACH).expect("vote")
    )));
    if let Ok(mut stats) = room.stats.lock() {
        *stats = room_support::PumpStats::default();
    }
    let start = Instant::now() + Duration::from_millis(200);
    let runs: Vec<_> = phones
        .into_iter()
        .enumerate()
        .map(|(n, phone)| tokio::spawn(paced_phone(phone, n, tool, task_id.0, start)))
        .collect();
    let mut latencies = Vec::new();
    for run in runs {
        latencies.extend(run.await.expect("a phone ran to the end"));
    }
    latencies.sort();
    let stats = room.stats.lock().map(|s| *s).unwrap_or_default();
    let per_message = stats.busy / u32::try_from(stats.answered.max(1)).unwrap_or(1);
    drop(room);
    (latencies, per_message)
}

fn main() {
    // `cargo bench` passes `--bench`; the figures are the median of a few
    // rounds, each a fresh room and 30 fresh phones.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut rounds: Vec<Round> = (0..ROUNDS)
        .map(|i| {
            let round = runtime.block_on(async { tokio::time::timeout(WITHIN, one_round()).await });
            let round = round.expect("a round ends within its time");
            println!(
                "room_load round {i}: {} messages, {:.0} messages/s, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
                round.messages,
                round.per_second,
                ms(round.p50),
                ms(round.p95),
                ms(round.max)
            );
            round
        })
        .collect();
    rounds.sort_by(|a, b| a.per_second.total_cmp(&b.per_second));
    let median = &rounds[rounds.len() / 2];
    println!(
        "room_load: median of {ROUNDS} rounds: {:.0} messages/s applied; send→applied latency p50 {:.1} ms, p95 {:.1} ms",
        median.per_second,
        ms(median.p50),
        ms(median.p95)
    );
    for notes in PACED_SIZES {
        let (latencies, per_message) = runtime.block_on(async {
            tokio::time::timeout(WITHIN, paced(notes))
                .await
                .expect("the paced run ends within its time")
        });
        println!(
            "room_load/paced/notes_{notes}: {PACED_PHONES} phones × {PACED_RATE}/s, {} messages: \
             send→applied p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; app thread {:.3} ms per message",
            latencies.len(),
            ms(percentile(&latencies, 0.50)),
            ms(percentile(&latencies, 0.95)),
            ms(latencies.last().copied().unwrap_or_default()),
            ms(per_message)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn one_round() -> Round {
    {
        let room = Harness::start(session());
        let mut phones = Vec::new();
        for n in 0..PHONES {
            let mut phone = Phone::connect(&room.info).await;
            let welcome = phone.join(&format!("Phone {n:02}")).await;
            assert_eq!(welcome["type"], "welcome", "{welcome}");
            phones.push(phone);
        }
        assert!(room.apply(Edit::StartVote(
            Vote::new(VoteOn::Tasks, DOTS_EACH).expect("vote")
        )));
        let started = Instant::now();
        let runs: Vec<_> = phones
            .into_iter()
            .enumerate()
            .map(|(n, phone)| tokio::spawn(phone_run(phone, n)))
            .collect();
        let mut latencies = Vec::new();
        for run in runs {
            let done = run.await.expect("a phone ran to the end");
            latencies.extend(done);
        }
        let elapsed = started.elapsed();
        latencies.sort();
        let s = room.stop();

        // Nothing lost, nothing twice.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for p in &s.pain_points {
            *seen.entry(p.text.as_str()).or_default() += 1;
        }
        let duplicated = seen.values().filter(|n| **n > 1).count();
        let mut lost = 0;
        for n in 0..PHONES {
            for i in 0..PAINS_EACH {
                if !seen.contains_key(format!("phone {n} pain {i}").as_str()) {
                    lost += 1;
                }
            }
        }
        let dots = s.vote.as_ref().map_or(0, |v| v.dots().len());
        let scored: usize = s
            .participants
            .iter()
            .map(|p| {
                rhythm::model::ScoreSet::ALL
                    .iter()
                    .flat_map(|&set| rhythm::model::Question::ALL.map(move |q| (set, q)))
                    .filter(|&(set, q)| p.scores.set(set).get(q).is_some())
                    .count()
            })
            .sum();
        let messages = latencies.len();
        println!(
            "room_load: {} pain points in the session (expected {}), {lost} lost, {duplicated} duplicated; \
             {dots} dots, {scored} scores, {} participants",
            s.pain_points.len(),
            PHONES * PAINS_EACH,
            s.participants.len()
        );
        assert_eq!(
            s.pain_points.len(),
            PHONES * PAINS_EACH,
            "exactly 600 pain points"
        );
        assert_eq!((lost, duplicated), (0, 0));
        assert_eq!(dots, PHONES * usize::from(DOTS_EACH));
        assert_eq!(s.participants.len(), PHONES);
        assert_eq!(scored, PHONES * 8, "every phone scored all eight");
        Round {
            messages,
            per_second: messages as f64 / elapsed.as_secs_f64(),
            p50: percentile(&latencies, 0.50),
            p95: percentile(&latencies, 0.95),
            max: latencies.last().copied().unwrap_or_default(),
        }
    }
}

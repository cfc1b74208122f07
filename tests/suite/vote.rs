//! Dot voting (issue 6): the facilitator starts a vote on the tasks or the
//! pain points, the active participant places and takes back dots (one per
//! note), totals stay hidden until revealed, then the list can be sorted by
//! votes. The vote is undoable, saved in the session file, repaired when
//! damaged, and shown in `rhythm report`.

use std::path::Path;
use std::process::Command;

use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::model::DOT_GLYPH;
use rhythm::model::{
    Edit, EditError, History, Id, PainCategory, PainPoint, Participant, Session, Task, Vote,
    VoteError, VoteOn, WorkModelScores, apply,
};
use rhythm::store;
use rhythm::ui::theme;
use rhythm::ui::voting::{
    VotingState, click_note, dot_button_label, dots_left_label, total_label, visible_dots,
};

const PRIYA: Id = Id(1);
const SAM: Id = Id(2);
const DEPLOY: Id = Id(3);
const INCIDENT: Id = Id(4);
const INVOICES: Id = Id(5);
const DMS: Id = Id(6);

/// Priya and Sam; three tasks (Production deploy, Security incident,
/// Invoice formatting) and one pain point (Updates lost in DMs). No vote.
fn workshop() -> Session {
    let person = |id: Id, name: &str, colour: [u8; 3]| Participant {
        id,
        name: name.to_owned(),
        colour,
        scores: WorkModelScores::default(),
    };
    let task = |id: Id, name: &str| Task {
        id,
        name: name.to_owned(),
        ..Task::default()
    };
    Session {
        participants: vec![
            person(PRIYA, "Priya", [0x1F, 0x5F, 0xA8]),
            person(SAM, "Sam", [0xA8, 0x3A, 0x1F]),
        ],
        tasks: vec![
            task(DEPLOY, "Production deploy"),
            task(INCIDENT, "Security incident"),
            task(INVOICES, "Invoice formatting"),
        ],
        pain_points: vec![PainPoint {
            id: DMS,
            text: "Updates lost in DMs".to_owned(),
            category: PainCategory::Jam,
            hours_per_week: Some(5.0),
            ..PainPoint::default()
        }],
        next_id: 7,
        ..Session::default()
    }
}

/// [`workshop`] with a vote on the tasks, `dots` each, already started.
fn voting(dots: u8) -> Session {
    let mut session = workshop();
    let vote = Vote::new(VoteOn::Tasks, dots).expect("a valid number of dots");
    apply(&mut session, Edit::StartVote(vote)).expect("the vote starts");
    session
}

/// Apply the edit a click on `note` by `who` stands for.
fn click(session: &mut Session, who: Id, note: Id) -> Result<(), EditError> {
    let edit = click_note(session, Some(who), note)?;
    apply(session, edit).map(drop)
}

fn dots_of(session: &Session) -> Vec<(Id, Id)> {
    session.vote.as_ref().map_or_else(Vec::new, |v| {
        v.dots().iter().map(|d| (d.participant, d.note)).collect()
    })
}

#[test]
fn a_click_places_a_dot_a_second_click_takes_it_back_and_dots_run_out() {
    let mut s = voting(2);
    assert_eq!(s.dots_left(PRIYA), Ok(2));

    click(&mut s, PRIYA, DEPLOY).expect("a first dot");
    assert!(s.has_dot(PRIYA, DEPLOY));
    assert_eq!(s.dots_left(PRIYA), Ok(1));
    assert_eq!(s.dots_left(SAM), Ok(2), "Sam's dots are his own");

    // Clicking the same note again takes the dot back.
    assert_eq!(
        click_note(&s, Some(PRIYA), DEPLOY),
        Ok(Edit::RemoveDot {
            participant: PRIYA,
            note: DEPLOY
        })
    );
    click(&mut s, PRIYA, DEPLOY).expect("the dot is taken back");
    assert!(!s.has_dot(PRIYA, DEPLOY));
    assert_eq!(s.dots_left(PRIYA), Ok(2));

    click(&mut s, PRIYA, DEPLOY).expect("dot 1");
    click(&mut s, PRIYA, INCIDENT).expect("dot 2");
    assert_eq!(s.dots_left(PRIYA), Ok(0));
    let before = s.clone();
    let refused = click_note(&s, Some(PRIYA), INVOICES).expect_err("out of dots");
    assert_eq!(
        refused.to_string(),
        "Priya has used all 2 dots: take one back to move it"
    );
    // A placed dot can still be taken back to move it.
    click(&mut s, PRIYA, INCIDENT).expect("take one back");
    click(&mut s, PRIYA, INVOICES).expect("and place it elsewhere");
    assert_eq!(dots_of(&s), [(PRIYA, DEPLOY), (PRIYA, INVOICES)]);
    assert_ne!(s, before);
}

#[test]
fn refused_votes_and_dots_say_why_and_change_nothing() {
    // No vote yet.
    let mut s = workshop();
    assert_eq!(
        click_note(&s, Some(PRIYA), DEPLOY),
        Err(VoteError::NotStarted)
    );
    assert_eq!(
        apply(&mut s, Edit::RevealVote(true)),
        Err(EditError::Vote(VoteError::NotStarted))
    );
    assert_eq!(
        apply(&mut s, Edit::EndVote).map_err(|e| e.to_string()),
        Err("no vote is running: start one first".to_owned())
    );
    assert_eq!(
        Vote::new(VoteOn::Tasks, 0),
        Err(VoteError::DotsPerParticipant(0))
    );
    assert_eq!(
        Vote::new(VoteOn::Tasks, 21).map_err(|e| e.to_string()),
        Err("21 dots per participant is outside 1–20".to_owned())
    );

    let mut s = voting(3);
    let before = s.clone();
    assert_eq!(
        click_note(&s, None, DEPLOY),
        Err(VoteError::NoActiveParticipant)
    );
    assert_eq!(
        click_note(&s, Some(Id(99)), DEPLOY).map_err(|e| e.to_string()),
        Err("#99 is not a participant in this session".to_owned())
    );
    assert_eq!(
        click_note(&s, Some(PRIYA), DMS).map_err(|e| e.to_string()),
        Err("#6 is not one of the tasks being voted on".to_owned()),
        "a pain point is not a candidate of a vote on tasks"
    );
    let place = Edit::PlaceDot {
        participant: PRIYA,
        note: DEPLOY,
    };
    apply(&mut s, place.clone()).expect("a first dot");
    let with_dot = s.clone();
    assert_eq!(
        apply(&mut s, place),
        Err(EditError::Vote(VoteError::AlreadyPlaced {
            participant: PRIYA,
            note: DEPLOY
        })),
        "one dot per participant per note"
    );
    assert_eq!(
        apply(
            &mut s,
            Edit::RemoveDot {
                participant: SAM,
                note: DEPLOY
            }
        ),
        Err(EditError::Vote(VoteError::NotPlaced {
            participant: SAM,
            note: DEPLOY
        }))
    );
    assert_eq!(s, with_dot, "refused edits change nothing");
    assert_ne!(s, before);
}

#[test]
fn totals_count_every_candidate_most_dots_first_then_by_name() {
    let mut s = voting(3);
    for (who, note) in [
        (PRIYA, INVOICES),
        (SAM, INVOICES),
        (SAM, INCIDENT),
        (PRIYA, DEPLOY),
    ] {
        click(&mut s, who, note).expect("a dot");
    }
    // Invoice formatting 2; Production deploy and Security incident 1 each,
    // tied, so by name.
    assert_eq!(s.vote_totals(), [(INVOICES, 2), (DEPLOY, 1), (INCIDENT, 1)]);
    click(&mut s, PRIYA, DEPLOY).expect("taken back");
    assert_eq!(s.vote_totals(), [(INVOICES, 2), (INCIDENT, 1), (DEPLOY, 0)]);
    assert!(s.problems().is_empty(), "{:?}", s.problems());
}

#[test]
fn a_whole_vote_is_undone_and_redone_through_the_history() {
    let original = workshop();
    let mut s = original.clone();
    let mut history = History::default();
    let vote = Vote::new(VoteOn::PainPoints, 1)
        .expect("1 dot")
        .with_question("What hurts most?");
    for edit in [
        Edit::StartVote(vote),
        Edit::PlaceDot {
            participant: PRIYA,
            note: DMS,
        },
        Edit::PlaceDot {
            participant: SAM,
            note: DMS,
        },
        Edit::RevealVote(true),
        Edit::RemoveDot {
            participant: PRIYA,
            note: DMS,
        },
        Edit::EndVote,
    ] {
        history.apply(&mut s, edit).expect("applies");
    }
    assert_eq!(s.vote, None, "ended");
    let last = s.clone();

    history.undo(&mut s).expect("undo End vote");
    let vote = s.vote.clone().expect("the ended vote is back");
    assert_eq!(vote.question(), "What hurts most?");
    assert!(vote.revealed());
    assert_eq!(dots_of(&s), [(SAM, DMS)]);
    history.undo(&mut s).expect("undo the removal");
    assert_eq!(dots_of(&s), [(PRIYA, DMS), (SAM, DMS)]);
    history.undo(&mut s).expect("undo the reveal");
    assert_eq!(s.vote.as_ref().map(Vote::revealed), Some(false));
    while history.undo(&mut s).expect("undo") {}
    assert_eq!(s, original, "undoing everything gives the session back");

    while history.redo(&mut s).expect("redo") {}
    assert_eq!(s, last);
}

#[test]
fn removing_a_note_or_a_participant_takes_their_dots_and_undo_puts_them_back() {
    let mut s = voting(3);
    for (who, note) in [(PRIYA, DEPLOY), (SAM, DEPLOY), (PRIYA, INCIDENT)] {
        click(&mut s, who, note).expect("a dot");
    }
    let before = s.clone();

    let undo = apply(&mut s, Edit::Remove { id: DEPLOY })
        .expect("removed")
        .inverse;
    assert_eq!(dots_of(&s), [(PRIYA, INCIDENT)]);
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    apply(&mut s, undo).expect("undone");
    assert_eq!(s, before);

    let undo = apply(&mut s, Edit::Remove { id: PRIYA })
        .expect("removed")
        .inverse;
    assert_eq!(dots_of(&s), [(SAM, DEPLOY)]);
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    apply(&mut s, undo).expect("undone");
    assert_eq!(s, before);
}

#[test]
fn dangling_dots_are_named_as_problems() {
    let mut s = voting(3);
    click(&mut s, PRIYA, DEPLOY).expect("a dot");
    click(&mut s, SAM, INCIDENT).expect("a dot");
    // Taken out behind the edits' back, as a damaged file could.
    s.participants.retain(|p| p.id != PRIYA);
    s.tasks.retain(|t| t.id != INCIDENT);
    let messages: Vec<String> = s.problems().into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            "dot vote: a dot of participant 1, who does not exist",
            "dot vote: a dot on task 4, which does not exist",
        ]
    );
}

/// The dot vote of the saved file in [`a_vote_is_saved_and_read_back`].
const SAVED_VOTE: &str = "    vote: Some((
        on: Tasks,
        dots_per_participant: 3,
        question: \"What should we fix first?\",
        revealed: true,
        dots: [
            (
                participant: 1,
                note: 3,
            ),
            (
                participant: 2,
                note: 3,
            ),
        ],
    )),
    next_id: 7,
)
";

#[test]
fn a_vote_is_saved_and_read_back() {
    let without = store::to_ron(&workshop()).expect("serialises");
    assert!(
        !without.contains("vote"),
        "no vote, no `vote` field: older files keep their bytes\n{without}"
    );

    let mut s = workshop();
    let vote = Vote::new(VoteOn::Tasks, 3)
        .expect("3 dots")
        .with_question("What should we fix first?");
    apply(&mut s, Edit::StartVote(vote)).expect("starts");
    click(&mut s, SAM, DEPLOY).expect("a dot");
    click(&mut s, PRIYA, DEPLOY).expect("a dot");
    apply(&mut s, Edit::RevealVote(true)).expect("revealed");

    let text = store::to_ron(&s).expect("serialises");
    assert!(text.ends_with(SAVED_VOTE), "{text}");
    let loaded = store::parse(&text).expect("reads back");
    assert_eq!(loaded.repairs, []);
    assert_eq!(loaded.session, s);
    assert_eq!(store::to_ron(&loaded.session).expect("again"), text);
}

#[test]
fn a_damaged_vote_is_repaired_and_each_repair_listed() {
    let mut s = voting(2);
    click(&mut s, PRIYA, DEPLOY).expect("a dot");
    let text = store::to_ron(&s).expect("serialises");
    // Hand-edited: 50 dots each, a dot of a stranger, a dot on a pain point
    // (the vote is on tasks), Priya's dot twice.
    let damaged = text.replace("dots_per_participant: 2,", "dots_per_participant: 50,").replace(
        "        dots: [\n",
        "        dots: [\n            (participant: 99, note: 4),\n            (participant: 2, note: 6),\n            (participant: 1, note: 3),\n",
    );
    assert_ne!(damaged, text);
    let loaded = store::parse(&damaged).expect("repaired, not refused");
    let messages: Vec<&str> = loaded.repairs.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "dot vote: 50 dots per participant is outside 1–20; set to 20",
            "dot vote: a dot of participant 99 on task 4 \"Security incident\": participant 99 \
             does not exist; the dot was dropped",
            "dot vote: a dot of participant 2 \"Sam\" on task 6: task 6 is not one of the tasks \
             voted on; the dot was dropped",
            "dot vote: a second dot of participant 1 \"Priya\" on task 3 \"Production deploy\" \
             was dropped (one dot per participant per note)",
        ]
    );
    let vote = loaded.session.vote.as_ref().expect("the vote is kept");
    assert_eq!(vote.dots_per_participant(), 20);
    assert_eq!(dots_of(&loaded.session), [(PRIYA, DEPLOY)]);
    assert!(loaded.session.problems().is_empty());
}

#[test]
fn rhythm_report_lists_the_vote_ranked_and_says_whether_it_was_revealed() {
    let mut s = voting(2);
    for (who, note) in [(PRIYA, INVOICES), (SAM, INVOICES), (SAM, DEPLOY)] {
        click(&mut s, who, note).expect("a dot");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vote.ron");
    store::save(&path, &s).expect("saved");

    let report = |path: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_rhythm"))
            .args(["report", path.to_str().expect("UTF-8 path")])
            .output()
            .expect("the rhythm binary runs");
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let at = text.find("## Dot vote").unwrap_or(text.len());
        text.get(at..).unwrap_or_default().to_owned()
    };
    assert_eq!(
        report(&path),
        "## Dot vote\n\n\
         - **On:** tasks\n\
         - **Dots per participant:** 2\n\
         - **Dots placed:** 3 of 4 (2 participants)\n\
         - **Totals:** not yet revealed in the room\n\n\
         - 2 ● Invoice formatting\n\
         - 1 ● Production deploy\n\
         _No dots on 1 other task._\n"
    );

    apply(&mut s, Edit::RevealVote(true)).expect("revealed");
    store::save(&path, &s).expect("saved");
    assert!(
        report(&path).contains("- **Totals:** revealed in the room\n"),
        "{}",
        report(&path)
    );

    // No vote, no section.
    store::save(&path, &workshop()).expect("saved");
    assert_eq!(report(&path), "");
}

#[test]
fn before_the_reveal_a_note_shows_only_the_active_participants_dot() {
    let mut s = voting(3);
    click(&mut s, PRIYA, DEPLOY).expect("a dot");
    click(&mut s, SAM, DEPLOY).expect("a dot");
    let names = |dots: Vec<&Participant>| -> Vec<String> {
        dots.into_iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(names(visible_dots(&s, Some(SAM), DEPLOY)), ["Sam"]);
    assert!(visible_dots(&s, None, DEPLOY).is_empty());
    assert!(visible_dots(&s, Some(PRIYA), INCIDENT).is_empty());
    apply(&mut s, Edit::RevealVote(true)).expect("revealed");
    assert_eq!(
        names(visible_dots(&s, None, DEPLOY)),
        ["Priya", "Sam"],
        "after the reveal everyone's dots show"
    );

    // The canvas's click path keeps the refusal for the panel to show.
    let mut state = VotingState::default();
    assert_eq!(state.click(&s, DEPLOY), None, "nobody picked");
    state.set_active(Some(PRIYA));
    assert_eq!(
        state.click(&s, DEPLOY),
        Some(Edit::RemoveDot {
            participant: PRIYA,
            note: DEPLOY
        })
    );
}

/// The voting panel on a session it owns, applying what it emits through
/// an undo history, as the app does.
struct Room {
    session: Session,
    history: History,
    voting: VotingState,
    refused: Vec<String>,
}

impl Room {
    fn frame(&mut self, ui: &mut egui::Ui) {
        let mut out = Vec::new();
        self.voting.ui(ui, &self.session, &mut out);
        let changed = !out.is_empty();
        for edit in out {
            if let Err(err) = self.history.apply(&mut self.session, edit) {
                self.refused.push(err.to_string());
            }
        }
        if changed {
            ui.ctx().request_repaint();
        }
    }
}

fn room(session: Session) -> Harness<'static, Room> {
    let mut harness = Harness::builder()
        .with_size([900.0, 1000.0])
        .with_context_setup(|ctx| {
            theme::install(ctx);
            crate::window_clear::install(ctx);
        })
        .build_ui_state(
            |ui, room: &mut Room| room.frame(ui),
            Room {
                session,
                history: History::default(),
                voting: VotingState::default(),
                refused: Vec::new(),
            },
        );
    harness.run();
    harness
}

/// Whether a revealed total with this accessible name
/// ([`total_label`]) is on screen. Totals are labels: their accessible
/// name is the sentence, their value the "2 ●" the room reads.
fn shows_total(harness: &Harness<'_, Room>, note: &str, dots: usize) -> bool {
    let name = total_label(note, dots);
    harness
        .query_by(|n| n.label().as_deref() == Some(name.as_str()))
        .is_some()
}

/// Whether any "N ●" total is on screen.
fn shows_any_total(harness: &Harness<'_, Room>) -> bool {
    harness
        .query_by(|n| {
            n.value()
                .is_some_and(|v| v.ends_with(&format!(" {DOT_GLYPH}")))
        })
        .is_some()
}

/// Top of a revealed total on screen, points.
fn total_top(harness: &Harness<'_, Room>, note: &str, dots: usize) -> f32 {
    let name = total_label(note, dots);
    harness
        .get_by(|n| n.label().as_deref() == Some(name.as_str()))
        .rect()
        .top()
}

fn press(harness: &mut Harness<'_, Room>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn the_facilitator_starts_a_vote_on_pain_points_with_five_dots() {
    let mut harness = room(workshop());
    press(&mut harness, "Pain points");
    harness.get_by_label("Dots per participant").focus();
    harness.run();
    for _ in 0..2 {
        harness.key_press(egui::Key::ArrowUp);
        harness.run();
    }
    press(&mut harness, "Start vote");
    let vote = harness.state().session.vote.clone().expect("started");
    assert_eq!(vote.on(), VoteOn::PainPoints);
    assert_eq!(vote.dots_per_participant(), 5, "3 by default, up 2");
    harness.get_by_label("Dot vote on pain points");
    harness.get_by_label(&dot_button_label("Updates lost in DMs"));
    assert!(
        harness
            .query_by_label(&dot_button_label("Production deploy"))
            .is_none(),
        "tasks are not candidates of a vote on pain points"
    );

    // End vote removes it; the history brings it back.
    press(&mut harness, "End vote");
    assert_eq!(harness.state().session.vote, None);
    harness.get_by_label("Start vote");
    let room = harness.state_mut();
    assert_eq!(room.history.undo(&mut room.session), Ok(true));
    harness.run();
    harness.get_by_label("Dot vote on pain points");
}

#[test]
fn participants_place_and_take_back_dots_and_totals_stay_hidden_until_revealed() {
    let mut harness = room(voting(2));
    let dots = |h: &Harness<'_, Room>| dots_of(&h.state().session);
    harness.get_by_label("Pick who is voting");

    // Nobody picked: the note buttons do nothing.
    press(&mut harness, &dot_button_label("Production deploy"));
    assert_eq!(dots(&harness), []);

    press(&mut harness, "Priya");
    harness.get_by_label(&dots_left_label(2, 2));
    press(&mut harness, &dot_button_label("Production deploy"));
    assert_eq!(dots(&harness), [(PRIYA, DEPLOY)]);
    harness.get_by_label(&dots_left_label(1, 2));
    // Clicking again takes the dot back.
    press(&mut harness, &dot_button_label("Production deploy"));
    assert_eq!(dots(&harness), []);
    harness.get_by_label(&dots_left_label(2, 2));

    press(&mut harness, &dot_button_label("Invoice formatting"));
    press(&mut harness, &dot_button_label("Production deploy"));
    harness.get_by_label(&dots_left_label(0, 2));
    // Out of dots: the other notes' buttons do nothing.
    press(&mut harness, &dot_button_label("Security incident"));
    assert_eq!(dots(&harness), [(PRIYA, DEPLOY), (PRIYA, INVOICES)]);

    press(&mut harness, "Sam");
    harness.get_by_label(&dots_left_label(2, 2));
    press(&mut harness, &dot_button_label("Security incident"));
    press(&mut harness, &dot_button_label("Invoice formatting"));
    assert_eq!(
        dots(&harness),
        [
            (PRIYA, DEPLOY),
            (PRIYA, INVOICES),
            (SAM, INCIDENT),
            (SAM, INVOICES)
        ]
    );

    // Before the reveal: no totals anywhere.
    harness.get_by_label("Totals are hidden until the facilitator reveals them.");
    for (note, n) in [
        ("Invoice formatting", 2),
        ("Production deploy", 1),
        ("Security incident", 1),
    ] {
        assert!(
            !shows_total(&harness, note, n),
            "{note}'s total shows before the reveal"
        );
    }
    assert!(
        !shows_any_total(&harness),
        "no \"N {DOT_GLYPH}\" before the reveal"
    );
    assert!(harness.query_by_label("Sort by votes").is_none());

    press(&mut harness, "Reveal totals");
    for (note, n) in [
        ("Invoice formatting", 2),
        ("Production deploy", 1),
        ("Security incident", 1),
    ] {
        assert!(
            shows_total(&harness, note, n),
            "{note}: {n} after the reveal"
        );
    }
    assert!(
        harness
            .query_by_label("Totals are hidden until the facilitator reveals them.")
            .is_none()
    );

    // Listed in session order until sorted by votes: 2, then the ties by
    // name.
    let order = |h: &Harness<'_, Room>| {
        let mut rows: Vec<(f32, &str)> = [
            ("Invoice formatting", 2),
            ("Production deploy", 1),
            ("Security incident", 1),
        ]
        .into_iter()
        .map(|(note, n)| (total_top(h, note, n), note))
        .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.into_iter().map(|(_, note)| note).collect::<Vec<_>>()
    };
    assert_eq!(
        order(&harness),
        [
            "Production deploy",
            "Security incident",
            "Invoice formatting"
        ]
    );
    press(&mut harness, "Sort by votes");
    assert_eq!(
        order(&harness),
        [
            "Invoice formatting",
            "Production deploy",
            "Security incident"
        ]
    );

    // Hiding them again hides every total.
    press(&mut harness, "Hide totals");
    assert!(!shows_any_total(&harness));
    harness.get_by_label("Reveal totals");
    assert!(
        harness.state().refused.is_empty(),
        "{:?}",
        harness.state().refused
    );
}

#[test]
fn the_keyboard_alone_picks_a_voter_and_places_and_removes_a_dot() {
    let mut harness = room(voting(3));
    harness.get_by_label("Sam").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().voting.active(), Some(SAM));
    harness.get_by_label(&dots_left_label(3, 3));

    let button = dot_button_label("Security incident");
    harness.get_by_label(&button).focus();
    harness.run();
    harness.key_press(egui::Key::Space);
    harness.run();
    assert_eq!(dots_of(&harness.state().session), [(SAM, INCIDENT)]);
    harness.get_by_label(&dots_left_label(2, 3));
    assert!(harness.get_by_label(&button).is_focused(), "focus stays");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(dots_of(&harness.state().session), []);
}

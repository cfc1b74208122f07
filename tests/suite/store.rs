//! The RON session file on disk: the example sessions round-trip byte for
//! byte, broken files are reported at a line, and saving is atomic.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rhythm::model::{
    Attachment, AutomationStats, ChangeStatus, FlowKind, Id, Owner, PARTICIPANT_COLOURS,
    PainCategory, PainStats, Placement, Quadrant, Question, ScoreSet, ScoreSource, Session, Target,
    Task, WorkModelSummary,
};
use rhythm::store::{self, LoadError, SaveError};

/// Every `.ron` file in `sessions/`, sorted by name.
fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sessions/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == store::EXTENSION))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 3,
        "expected the three example sessions in {}, found {paths:?}",
        dir.display()
    );
    paths
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of the entries in a folder, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("folder is readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The first `len / 2` bytes of a text, cut back to a character boundary.
fn first_half(text: &str) -> &str {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

#[test]
fn every_example_loads_saves_and_reloads_equal() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in examples() {
        let session = store::load(&path).unwrap_or_else(|e| panic!("{}", e.with_path(&path)));
        assert!(session.problems().is_empty(), "{}", path.display());
        assert!(!session.tools.is_empty(), "{}: no tools", path.display());
        assert!(!session.flows.is_empty(), "{}: no flows", path.display());
        assert!(!session.tasks.is_empty(), "{}: no tasks", path.display());

        let copy = dir.path().join(path.file_name().expect("file name"));
        store::save(&copy, &session).expect("save");
        let reloaded = store::load(&copy).unwrap_or_else(|e| panic!("{}", e.with_path(&copy)));
        assert_eq!(reloaded, session, "{}", path.display());
    }
}

#[test]
fn examples_are_canonical_and_saving_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in examples() {
        let text = read(&path);
        let session = store::load(&path).expect("example loads");
        assert_eq!(
            store::to_ron(&session).expect("to_ron"),
            text,
            "{} is not what `store::to_ron` writes for it",
            path.display()
        );

        let first = dir.path().join("first.ron");
        let second = dir.path().join("second.ron");
        store::save(&first, &session).expect("first save");
        let again = store::load(&first).expect("reload");
        store::save(&second, &again).expect("second save");
        let first_bytes = std::fs::read(&first).expect("read first");
        assert_eq!(first_bytes, text.as_bytes(), "{}", path.display());
        assert_eq!(
            std::fs::read(&second).expect("read second"),
            first_bytes,
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_truncated_example_is_reported_at_a_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in examples() {
        let text = read(&path);
        let half = first_half(&text);
        let cut = dir.path().join("truncated.ron");
        std::fs::write(&cut, half).expect("write truncated copy");

        let err = store::load(&cut).expect_err("a truncated file must not load");
        let LoadError::Syntax {
            line,
            col,
            ref message,
            ref line_text,
        } = err
        else {
            panic!("{}: expected a syntax error, got {err:?}", path.display());
        };
        assert!(line > 1, "{}: line {line}", path.display());
        assert!(col >= 1, "{}: col {col}", path.display());
        assert!(
            line <= half.lines().count() + 1,
            "{}: line {line} is past the end of the cut file",
            path.display()
        );
        assert!(
            !message.trim().is_empty(),
            "{}: empty message",
            path.display()
        );
        assert_eq!(err.to_string(), *message);
        assert_eq!(
            half.lines().nth(line - 1).unwrap_or_default(),
            line_text,
            "{}",
            path.display()
        );
        assert_eq!(err.location(), Some((line, col)));
        assert_eq!(
            err.with_path(&cut),
            format!("{}:{line}:{col}: {message}", cut.display())
        );

        // The same text through `from_ron` gives the same error.
        let again = store::from_ron(half).expect_err("truncated text");
        assert_eq!(again.location(), Some((line, col)));
    }
}

#[test]
fn a_truncated_file_reports_the_end_of_the_ron() {
    let path = examples().into_iter().next().expect("an example");
    let text = read(&path);
    // Cut after a whole line: the parser runs out of input.
    let lines: Vec<&str> = text.lines().collect();
    let keep = lines.len() / 2;
    let half = format!("{}\n", lines[..keep].join("\n"));
    let err = store::from_ron(&half).expect_err("truncated");
    let (line, _col) = err.location().expect("a location");
    assert!(line > 1 && line <= keep + 1, "line {line} of {keep}: {err}");
    assert!(
        err.to_string().to_lowercase().contains("end"),
        "the message should say the file ended early: {err}"
    );
}

#[test]
fn saving_into_a_missing_folder_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = store::load(&examples()[0]).expect("example loads");
    let missing = dir.path().join("no").join("such").join("folder");
    let target = missing.join("session.ron");

    let err = store::save(&target, &session).expect_err("saving into a missing folder");
    assert!(
        matches!(err, SaveError::Io { ref path, .. } if *path == target),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("session.ron"),
        "the message names the target: {err}"
    );
    assert!(!missing.exists());
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[test]
fn saving_over_a_file_replaces_it_completely_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("session.ron");
    for path in examples() {
        let session = store::load(&path).expect("example loads");
        let expected = store::to_ron(&session).expect("to_ron");
        // An old file longer than the new one: no tail may survive.
        let old = "// an older, longer file\n".repeat(expected.len() / 10 + 100);
        std::fs::write(&target, &old).expect("write old file");

        store::save(&target, &session).expect("save over the old file");
        assert_eq!(read(&target), expected, "{}", path.display());
        assert_eq!(entries(dir.path()), ["session.ron"]);
        assert!(
            entries(dir.path())
                .iter()
                .all(|name| !name.starts_with(".rhythm-save-")),
            "temporary file left behind"
        );
    }
}

/// Kind, id and name of a session's tools, tasks and participants.
fn named(session: &Session) -> Vec<(&'static str, Id, &str)> {
    let tools = session
        .tools
        .iter()
        .map(|t| ("tool", t.id, t.name.as_str()));
    let tasks = session
        .tasks
        .iter()
        .map(|t| ("task", t.id, t.name.as_str()));
    let people = session
        .participants
        .iter()
        .map(|p| ("participant", p.id, p.name.as_str()));
    tools.chain(tasks).chain(people).collect()
}

/// (from, to) tool names of the shadow flows, lower case.
fn shadow_ends(session: &Session) -> Vec<(String, String)> {
    let name = |id| {
        session
            .tool(id)
            .map_or("?".to_owned(), |t| t.name.to_lowercase())
    };
    session
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Shadow)
        .map(|f| (name(f.from), name(f.to)))
        .collect()
}

fn load_example(name: &str) -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join(name);
    store::load(&path).unwrap_or_else(|e| panic!("{}", e.with_path(&path)))
}

#[test]
fn the_after_session_is_started_from_the_before_session() {
    let before = load_example("media-company-2025-Q3-before.ron");
    let after = load_example("media-company-2026-Q1-after.ron");

    // What persists keeps its id; an id found in both sessions is the same
    // kind of thing; what is new gets an id the before session never used.
    // (New tools and tasks of the after session have ids from 25 up: they
    // were taken when the quarter started from the first release's file, so
    // the participants and pain points added to the before session later
    // took ids above the after session's, 38 and up.)
    let old = named(&before);
    let before_ids: Vec<(&str, Id)> = before.all_ids().collect();
    for (kind, id, name) in named(&after) {
        if let Some((_, old_id, _)) = old.iter().find(|(k, _, n)| *k == kind && *n == name) {
            assert_eq!(id, *old_id, "{kind} {name} changed id");
        }
    }
    for (kind, id) in after.all_ids() {
        if let Some((old_kind, _)) = before_ids.iter().find(|(_, i)| *i == id) {
            assert_eq!(
                kind, *old_kind,
                "id {id} is a {old_kind} before, a {kind} after"
            );
        }
    }
    assert!(after.next_id >= before.next_id);
    let persisting = after.tasks.iter().filter(|t| before.task(t.id).is_some());
    assert!(persisting.count() >= 5);

    // The same people, one newcomer; the pain points that persist keep
    // their ids and cost fewer hours.
    for person in &before.participants {
        let again = after.participant(person.id).expect("participant persists");
        assert_eq!(again.name, person.name);
        assert_eq!(again.colour, person.colour);
    }
    assert_eq!(after.participants.len(), before.participants.len() + 1);
    let persisting_pains: Vec<_> = after
        .pain_points
        .iter()
        .filter_map(|p| before.pain_point(p.id).map(|old| (old, p)))
        .collect();
    assert!(persisting_pains.len() >= 2, "{persisting_pains:?}");
    for (old, new) in &persisting_pains {
        assert_eq!(new.category, old.category);
        assert_eq!(new.author, old.author);
        assert!(new.hours_per_week < old.hours_per_week, "{}", new.text);
    }

    // A quarter later the team loses fewer hours, and fewer on shadow flows.
    let (then, now) = (PainStats::of(&before), PainStats::of(&after));
    assert_eq!((then.total, now.total), (26.5, 5.0));
    assert!(now.on_shadow_flows < then.on_shadow_flows);
    for category in PainCategory::ALL {
        assert!(now.hours(category) < then.hours(category), "{category:?}");
    }

    // The change in progress (cycle time 14 → 5 days) is done.
    let cycle_time = |s: &Session| {
        s.changes
            .iter()
            .find(|c| c.metric == "cycle time")
            .cloned()
            .expect("the cycle-time change")
    };
    let (planned, done) = (cycle_time(&before), cycle_time(&after));
    assert_eq!(planned.id, done.id);
    assert_eq!(
        (
            planned.baseline,
            planned.target_value,
            planned.unit.as_str()
        ),
        (Some(14.0), Some(5.0), "days")
    );
    assert_eq!(planned.status, ChangeStatus::InProgress);
    assert_eq!(done.status, ChangeStatus::Done);
    assert_eq!(after.airlocks.first(), before.airlocks.first());

    // The email and inbox shadow flows are gone; fewer shadow flows overall.
    let mail = |(from, to): &(String, String)| {
        [from, to]
            .iter()
            .any(|n| n.contains("email") || n.contains("inbox"))
    };
    assert!(shadow_ends(&before).iter().filter(|f| mail(f)).count() >= 2);
    assert!(!shadow_ends(&after).iter().any(mail));
    assert!(shadow_ends(&after).len() < shadow_ends(&before).len());

    // Approvals, undecided before, now sit in the Orchestra quadrant.
    let approvals = |s: &Session| {
        s.tasks
            .iter()
            .find(|t| t.name == "Approve articles for publication")
            .and_then(Task::placement)
    };
    assert_eq!(approvals(&before), Some(Placement::Undecided));
    assert_eq!(
        approvals(&after),
        Some(Placement::Quadrant(Quadrant::Orchestra))
    );
}

#[test]
fn every_example_fills_in_all_four_steps() {
    for path in examples() {
        let s = store::load(&path).expect("example loads");
        let name = path.display();
        let ids: Vec<Id> = s.all_ids().map(|(_, id)| id).collect();
        assert!(ids.iter().all(|id| id.0 < s.next_id), "{name}: next_id");
        assert_eq!(
            ids.len(),
            ids.iter().collect::<HashSet<_>>().len(),
            "{name}: ids"
        );

        // Participants, each with both score sets, one far from the mean.
        assert!((3..=6).contains(&s.participants.len()), "{name}");
        for p in &s.participants {
            assert!(
                PARTICIPANT_COLOURS.contains(&p.colour),
                "{name}: {}",
                p.name
            );
            for set in ScoreSet::ALL {
                for q in Question::ALL {
                    assert!(p.scores.set(set).get(q).is_some(), "{name}: {}", p.name);
                }
            }
        }
        let summary = WorkModelSummary::of_session(&s);
        assert_eq!(summary.source, ScoreSource::Participants, "{name}");
        let outliers = ScoreSet::ALL
            .iter()
            .flat_map(|&set| Question::ALL.map(|q| summary.spread(set, q)))
            .flatten()
            .filter(|spread| !spread.far.is_empty())
            .count();
        assert!(outliers >= 1, "{name}: nobody is 3 points from the mean");

        // Pain points: both categories, on a tool, on a shadow flow, free.
        assert!(s.pain_points.len() >= 5, "{name}");
        for category in PainCategory::ALL {
            assert!(
                s.pain_points.iter().any(|p| p.category == category),
                "{name}"
            );
        }
        let shadow = |id| s.flow(id).is_some_and(|f| f.kind == FlowKind::Shadow);
        assert!(
            s.pain_points
                .iter()
                .any(|p| matches!(p.attached, Attachment::Tool(_)))
        );
        assert!(
            s.pain_points
                .iter()
                .any(|p| matches!(p.attached, Attachment::Flow(id) if shadow(id))),
            "{name}: no pain on a shadow flow"
        );
        for p in &s.pain_points {
            let hours = p.hours_per_week.expect("quantified");
            assert!((0.0..=168.0).contains(&hours), "{name}: {}", p.text);
            assert!(
                p.author.is_some_and(|a| s.participant(a).is_some()),
                "{name}: {}",
                p.text
            );
            match p.attached {
                Attachment::Free => assert_ne!(p.pos, Default::default(), "{name}: {}", p.text),
                Attachment::Tool(id) => {
                    assert!(s.tool(id).is_some(), "{name}: {}", p.text);
                    assert_eq!(p.pos, Default::default(), "{name}: {}", p.text);
                }
                Attachment::Flow(id) => {
                    assert!(s.flow(id).is_some(), "{name}: {}", p.text);
                    assert_eq!(p.pos, Default::default(), "{name}: {}", p.text);
                }
            }
        }
        assert_eq!(
            s.pain_points
                .iter()
                .filter(|p| p.attached == Attachment::Free)
                .count(),
            1,
            "{name}"
        );

        // Task lenses on most tasks, one label disagreeing with its quadrant.
        let checked = s
            .tasks
            .iter()
            .filter(|t| t.automation.label().is_some())
            .count();
        let answered = s.tasks.iter().filter(|t| t.unexpected.is_some()).count();
        assert!(2 * checked > s.tasks.len(), "{name}: {checked} checked");
        assert!(2 * answered > s.tasks.len(), "{name}: {answered} answered");
        assert!(!AutomationStats::of(&s).disagreements.is_empty(), "{name}");

        // The hybrid score: a zone per quadrant with principles, an
        // airlock, changes with metrics, one at most in progress.
        let quadrants: Vec<Quadrant> = s.zones.iter().map(|z| z.quadrant).collect();
        assert_eq!(quadrants, Quadrant::ALL, "{name}");
        assert!(s.zones.iter().all(|z| !z.principles.is_empty()), "{name}");
        assert!(!s.airlocks.is_empty(), "{name}");
        for a in &s.airlocks {
            assert!(!(a.entry.is_empty() || a.exit.is_empty() || a.handover.is_empty()));
        }
        assert!(!s.changes.is_empty(), "{name}");
        for c in &s.changes {
            match &c.owner {
                Owner::Nobody => panic!("{name}: {} has no owner", c.description),
                Owner::Participant(id) => assert!(s.participant(*id).is_some(), "{name}"),
                Owner::Named(who) => assert!(!who.is_empty(), "{name}"),
            }
            let target_exists = match c.target {
                Target::Nothing => false,
                Target::Tool(id) => s.tool(id).is_some(),
                Target::Flow(id) => s.flow(id).is_some(),
                Target::Task(id) => s.task(id).is_some(),
                Target::Zone(q) => s.zone(q).is_some(),
            };
            assert!(
                target_exists,
                "{name}: {} targets {:?}",
                c.description, c.target
            );
            assert!(!c.metric.is_empty() && !c.unit.is_empty(), "{name}");
            assert!(c.baseline.is_some() && c.target_value.is_some(), "{name}");
        }
        let in_progress = s
            .changes
            .iter()
            .filter(|c| c.status == ChangeStatus::InProgress)
            .count();
        assert!(in_progress <= 1, "{name}: {in_progress} in progress");
    }
}

#[test]
fn the_asana_github_example_tells_the_slack_dms_story() {
    let s = load_example("asana-github-2026-Q1.ron");
    let change = s
        .changes
        .iter()
        .find(|c| c.metric == "share of critical updates outside Asana")
        .expect("the DM change");
    assert_eq!(
        (change.baseline, change.target_value, change.unit.as_str()),
        (Some(40.0), Some(5.0), "%")
    );
    assert_eq!(change.status, ChangeStatus::InProgress);
    let Target::Flow(flow) = change.target else {
        panic!("targets a flow: {:?}", change.target);
    };
    let flow = s.flow(flow).expect("the flow exists");
    assert_eq!((flow.kind, flow.share), (FlowKind::Shadow, Some(40)));
    let pain = PainStats::of(&s);
    assert_eq!(
        (
            pain.hours(PainCategory::Orchestra),
            pain.hours(PainCategory::Jam)
        ),
        (8.0, 11.5)
    );
}

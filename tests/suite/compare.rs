//! Comparing quarters: diffs of hand-built session pairs, the media
//! company's example story (METHOD.md), starting the next quarter, and
//! `rhythm compare --report`.

use std::path::Path;
use std::process::{Command, Output};

use rhythm::format::metric_line;
use rhythm::model::{
    Attachment, BoardPos, ChangeStatus, Flow, FlowKind, GridPos, Id, PainCategory, PainPoint,
    Placement, Quadrant, Question, Session, ShadowHow, Task, Tool, Trends, compare, diff,
    start_next_quarter,
};
use rhythm::report::compare_markdown;
use rhythm::store;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> Session {
    let path = manifest_dir().join("sessions").join(name);
    store::load(&path).unwrap_or_else(|e| panic!("{}", e.with_path(&path)))
}

fn before_after() -> (Session, Session) {
    (
        example("media-company-2025-Q3-before.ron"),
        example("media-company-2026-Q1-after.ron"),
    )
}

fn tool(id: u64, name: &str) -> Tool {
    Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::default(),
        author: None,
    }
}

fn flow(id: u64, from: u64, to: u64, label: &str, kind: FlowKind) -> Flow {
    Flow {
        id: Id(id),
        from: Id(from),
        to: Id(to),
        label: label.to_owned(),
        kind,
        share: None,
    }
}

fn task(id: u64, name: &str, grid: Option<(f32, f32)>) -> Task {
    Task {
        id: Id(id),
        name: name.to_owned(),
        grid: grid.map(|(x, y)| GridPos::new(x, y)),
        ..Task::default()
    }
}

fn pain(id: u64, category: PainCategory, hours: f32, attached: Attachment) -> PainPoint {
    PainPoint {
        id: Id(id),
        text: format!("pain {id}"),
        category,
        hours_per_week: Some(hours),
        attached,
        pos: BoardPos::default(),
        author: None,
        reassess: false,
    }
}

fn quarter(label: &str) -> Session {
    let mut s = Session::default();
    s.header.quarter = label.to_owned();
    s
}

#[test]
fn tools_are_added_removed_and_renamed_and_matched_by_name_when_ids_differ() {
    let mut before = quarter("2026-Q1");
    before.tools = vec![tool(1, "Slack"), tool(2, "Email"), tool(3, "Fax")];
    let mut after = quarter("2026-Q2");
    // Same id, new name: renamed. Different id, same name (case and white
    // space aside): the same tool. Fax is gone, Asana is new.
    after.tools = vec![
        tool(1, "Slack huddles"),
        tool(20, "  EMAIL "),
        tool(21, "Asana"),
    ];
    let d = diff(&before, &after);
    let names = |v: &[rhythm::model::Named]| v.iter().map(|n| n.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&d.tools.added), ["Asana"]);
    assert_eq!(names(&d.tools.removed), ["Fax"]);
    assert_eq!(d.tools.renamed.len(), 1);
    assert_eq!(
        (
            d.tools.renamed[0].before.as_str(),
            d.tools.renamed[0].after.as_str()
        ),
        ("Slack", "Slack huddles")
    );
    assert_eq!((d.tools.count.before, d.tools.count.after), (3, 3));
}

#[test]
fn shadow_flows_close_when_removed_or_designed_and_open_when_new_or_shadow() {
    let mut before = quarter("2026-Q1");
    before.tools = vec![tool(1, "Email"), tool(2, "Docs"), tool(3, "Slack")];
    before.flows = vec![
        flow(10, 1, 2, "pitches by email", FlowKind::Shadow),
        flow(11, 2, 3, "review", FlowKind::Shadow),
        flow(12, 3, 2, "edits", FlowKind::Designed),
    ];
    let mut after = before.clone();
    after.header.quarter = "2026-Q2".to_owned();
    after.flows = vec![
        flow(11, 2, 3, "review", FlowKind::Designed),
        flow(12, 3, 2, "edits", FlowKind::Shadow),
        flow(13, 3, 1, "forwarded threads", FlowKind::Shadow),
    ];
    let d = diff(&before, &after);
    let closed: Vec<_> = d
        .shadow_closed
        .iter()
        .map(|c| (c.flow.as_str(), c.how))
        .collect();
    assert_eq!(
        closed,
        [
            ("Email → Docs: pitches by email", ShadowHow::Removed),
            ("Docs → Slack: review", ShadowHow::TurnedDesigned),
        ]
    );
    let opened: Vec<_> = d
        .shadow_opened
        .iter()
        .map(|c| (c.flow.as_str(), c.how))
        .collect();
    assert_eq!(
        opened,
        [
            ("Slack → Docs: edits", ShadowHow::TurnedShadow),
            ("Slack → Email: forwarded threads", ShadowHow::Added),
        ]
    );
    assert_eq!((d.shadow_count.before, d.shadow_count.after), (2, 2));
}

#[test]
fn a_task_that_changes_quadrant_is_listed_with_both_positions() {
    let mut before = quarter("2026-Q1");
    before.tasks = vec![
        task(1, "Deploy", Some((0.5, -0.5))),
        task(2, "Triage", Some((0.5, 0.5))),
        task(3, "Plan", None),
    ];
    let mut after = before.clone();
    after.header.quarter = "2026-Q2".to_owned();
    after.tasks = vec![
        task(1, "Deploy", Some((-0.6, -0.4))),
        task(2, "Triage", Some((0.4, 0.6))), // moved within its quadrant
        task(3, "Plan", Some((-0.5, 0.5))),
    ];
    let d = diff(&before, &after);
    assert_eq!(d.moved_tasks.len(), 2);
    let deploy = &d.moved_tasks[0];
    assert_eq!(deploy.name, "Deploy");
    assert_eq!(
        deploy.from_place,
        Some(Placement::Quadrant(Quadrant::JamSession))
    );
    assert_eq!(
        deploy.to_place,
        Some(Placement::Quadrant(Quadrant::Algorithm))
    );
    assert_eq!(deploy.from, Some(GridPos::new(0.5, -0.5)));
    assert_eq!(deploy.to, Some(GridPos::new(-0.6, -0.4)));
    let plan = &d.moved_tasks[1];
    assert_eq!((plan.from_place, plan.from), (None, None));
    assert_eq!(
        plan.to_place,
        Some(Placement::Quadrant(Quadrant::Orchestra))
    );
}

#[test]
fn hours_deltas_per_category_and_tool_with_percentages() {
    let mut before = quarter("2026-Q1");
    before.tools = vec![tool(1, "Email"), tool(2, "Docs")];
    before.pain_points = vec![
        pain(3, PainCategory::Jam, 6.0, Attachment::Tool(Id(1))),
        pain(4, PainCategory::Orchestra, 2.0, Attachment::Tool(Id(2))),
    ];
    let mut after = before.clone();
    after.header.quarter = "2026-Q2".to_owned();
    after.pain_points = vec![
        pain(3, PainCategory::Jam, 1.5, Attachment::Tool(Id(1))),
        pain(4, PainCategory::Orchestra, 3.0, Attachment::Tool(Id(2))),
    ];
    let d = diff(&before, &after);
    assert_eq!((d.hours.total.before, d.hours.total.after), (8.0, 4.5));
    assert_eq!(d.hours.total.delta(), -3.5);
    let jam = d
        .hours
        .per_category
        .iter()
        .find(|(c, _)| *c == PainCategory::Jam)
        .map(|(_, h)| *h)
        .expect("jam row");
    assert_eq!((jam.delta(), jam.percent()), (-4.5, Some(-75.0)));
    let tools: Vec<(&str, f32, f32, Option<f32>)> = d
        .hours
        .per_tool
        .iter()
        .map(|(n, h)| (n.as_str(), h.before, h.after, h.percent()))
        .collect();
    assert_eq!(
        tools,
        [
            ("Email", 6.0, 1.5, Some(-75.0)),
            ("Docs", 2.0, 3.0, Some(50.0))
        ]
    );
}

#[test]
fn sessions_are_ordered_oldest_first_whatever_the_order_given() {
    let (before, after) = before_after();
    let mut middle = start_next_quarter(&before);
    middle.header.date = "2025-10-15".to_owned();
    let c = compare(&[after, middle, before]);
    let quarters: Vec<&str> = c
        .sessions
        .iter()
        .map(|s| s.label.quarter.as_str())
        .collect();
    assert_eq!(quarters, ["2025-Q3", "2025-Q4", "2026-Q1"]);
    assert_eq!(c.order, [2, 1, 0]);
    assert_eq!(c.steps.len(), 2);
    let overall = c
        .overall
        .as_ref()
        .expect("first → last with three sessions");
    assert_eq!(overall.before.quarter, "2025-Q3");
    assert_eq!(overall.after.quarter, "2026-Q1");
    // Nothing changed on the map between Q3 and the Q4 started from it.
    assert!(c.steps[0].tools.is_empty() && c.steps[0].flows.is_empty());
    assert!(compare_markdown(&c).contains("## Trend"));
}

#[test]
fn the_media_company_story_shadow_flows_closed_cycle_time_hours_and_quadrants() {
    let (before, after) = before_after();
    let c = compare(&[after.clone(), before.clone()]);
    let d = c.first_to_last().expect("a pair");
    assert_eq!(d.before.quarter, "2025-Q3");
    assert_eq!(d.after.quarter, "2026-Q1");

    // Shadow flows through email and inboxes closed; one new, small one.
    let closed: Vec<&str> = d.shadow_closed.iter().map(|c| c.flow.as_str()).collect();
    assert_eq!(
        closed,
        [
            "Email → Google Docs: story ideas pitched by email",
            "Google Docs → Editors' inboxes: approval requests stuck in inboxes",
            "Editors' inboxes → WordPress: last edits sent by email after approval",
            "Slack → Email: \"which draft is final?\" threads",
        ]
    );
    assert!(d.shadow_closed.iter().all(|c| c.how == ShadowHow::Removed));
    let opened: Vec<(&str, Option<u8>)> = d
        .shadow_opened
        .iter()
        .map(|c| (c.flow.as_str(), c.share))
        .collect();
    assert_eq!(
        opened,
        [(
            "Slack → Google Docs: last-minute edits agreed in Slack threads",
            Some(10)
        )]
    );
    assert_eq!((d.shadow_count.before, d.shadow_count.after), (4, 1));

    // Tools: Asana, the approval add-on and Zapier came; the calendar
    // sheet and the editors' inboxes went.
    let added: Vec<&str> = d.tools.added.iter().map(|n| n.name.as_str()).collect();
    let removed: Vec<&str> = d.tools.removed.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(added, ["Asana", "Docs approval add-on", "Zapier"]);
    assert_eq!(
        removed,
        ["Google Sheets (editorial calendar)", "Editors' inboxes"]
    );

    // Hours lost: 26.5 → 5 h/week; jam pain 15 → 1.5, orchestra 11.5 → 3.5.
    assert_eq!((d.hours.total.before, d.hours.total.after), (26.5, 5.0));
    let per_category: Vec<(PainCategory, f32, f32)> = d
        .hours
        .per_category
        .iter()
        .map(|(c, h)| (*c, h.before, h.after))
        .collect();
    assert_eq!(
        per_category,
        [
            (PainCategory::Orchestra, 11.5, 3.5),
            (PainCategory::Jam, 15.0, 1.5)
        ]
    );
    assert_eq!(
        (
            d.hours.on_shadow_flows.before,
            d.hours.on_shadow_flows.after
        ),
        (12.0, 1.0)
    );
    let pct = d.hours.total.percent().expect("hours before");
    assert!((pct - (-81.13)).abs() < 0.01, "{pct}");

    // Cycle time 14 → target 5 days: the pipeline change is done.
    let done: Vec<_> = d.done_since().collect();
    assert_eq!(done.len(), 3);
    let pipeline = done
        .iter()
        .find(|c| c.metric == "cycle time")
        .expect("the cycle-time change");
    assert_eq!(
        (
            pipeline.baseline,
            pipeline.target_value,
            pipeline.unit.as_str()
        ),
        (Some(14.0), Some(5.0), "days")
    );
    assert_eq!(
        (pipeline.status.before, pipeline.status.after),
        (Some(ChangeStatus::InProgress), Some(ChangeStatus::Done))
    );
    assert_eq!(
        metric_line(pipeline),
        "cycle time 14 days → target 5 → measured 5"
    );

    // Tasks moved into the quadrant that fits them.
    type Move<'a> = (&'a str, Option<Placement>, Option<Placement>, Option<bool>);
    let moved: Vec<Move<'_>> = d
        .moved_tasks
        .iter()
        .map(|m| (m.name.as_str(), m.from_place, m.to_place, m.fits))
        .collect();
    let q = |q| Some(Placement::Quadrant(q));
    assert_eq!(
        moved,
        [
            (
                "Approve articles for publication",
                Some(Placement::Undecided),
                q(Quadrant::Orchestra),
                Some(true)
            ),
            (
                "Share published articles on social",
                q(Quadrant::JamSession),
                q(Quadrant::Algorithm),
                Some(true)
            ),
            (
                "Commission freelance pieces",
                Some(Placement::Undecided),
                q(Quadrant::JamSession),
                Some(false)
            ),
            (
                "Plan the editorial calendar",
                None,
                q(Quadrant::Orchestra),
                Some(true)
            ),
        ]
    );

    // The work-model gaps closed: process −4.4 → +1.17, metric +5 → +1.17.
    let gaps: Vec<(Option<f32>, Option<f32>)> = d
        .work_model
        .questions
        .iter()
        .map(|q| (q.gap.before, q.gap.after))
        .collect();
    let round = |v: Option<f32>| v.map(|g| (g * 100.0).round() / 100.0);
    let gaps: Vec<_> = gaps.iter().map(|(b, a)| (round(*b), round(*a))).collect();
    assert_eq!(
        gaps,
        [
            (Some(1.0), Some(0.5)),
            (Some(-4.4), Some(1.17)),
            (Some(5.0), Some(1.17)),
            (Some(1.8), Some(0.83)),
        ]
    );
}

#[test]
fn starting_the_next_quarter_keeps_ids_and_clears_scores() {
    let after = example("media-company-2026-Q1-after.ron");
    let next = start_next_quarter(&after);
    assert_eq!(next.header.quarter, "2026-Q2");
    assert_eq!(next.header.title, after.header.title);
    assert!(next.header.date.is_empty());
    assert_eq!(next.tools, after.tools);
    assert_eq!(next.flows, after.flows);
    assert_eq!(next.tasks, after.tasks);
    // Pain points kept, each to re-assess; changes keep baseline and
    // target, their measured value cleared for this quarter.
    assert_eq!(next.pain_points.len(), after.pain_points.len());
    assert!(next.pain_points.iter().all(|p| p.reassess));
    for (n, a) in next.pain_points.iter().zip(&after.pain_points) {
        assert_eq!(
            (n.id, &n.text, n.hours_per_week),
            (a.id, &a.text, a.hours_per_week)
        );
    }
    assert_eq!(next.changes.len(), after.changes.len());
    for (n, a) in next.changes.iter().zip(&after.changes) {
        assert_eq!(
            (n.id, n.baseline, n.target_value),
            (a.id, a.baseline, a.target_value)
        );
        assert_eq!(n.measured, None);
    }
    assert_eq!(next.next_id, after.next_id);
    assert_eq!(next.scores, Default::default());
    assert!(
        next.participants
            .iter()
            .all(|p| p.scores == Default::default())
    );
    assert_eq!(next.participants.len(), after.participants.len());
    assert!(next.problems().is_empty());

    let mut q4 = after.clone();
    q4.header.quarter = "2025-Q4".to_owned();
    assert_eq!(start_next_quarter(&q4).header.quarter, "2026-Q1");

    // Compared with the quarter it came from, nothing moved on the map.
    let d = diff(&after, &next);
    assert!(d.tools.is_empty() && d.flows.is_empty() && d.tasks.is_empty());
    assert!(d.shadow_closed.is_empty() && d.moved_tasks.is_empty());
    assert_eq!(d.hours.total.delta(), 0.0);
}

fn rhythm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args(args)
        .current_dir(manifest_dir())
        .output()
        .expect("the rhythm binary runs")
}

#[test]
fn compare_report_prints_the_story_as_markdown() {
    let out = rhythm(&[
        "compare",
        "--report",
        "sessions/media-company-2026-Q1-after.ron",
        "sessions/media-company-2025-Q3-before.ron",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for line in [
        "# Comparing quarters",
        "## 2025-Q3 (2025-07-16) → 2026-Q1 (2026-01-21)",
        "- **Hours lost:** 26.5 → 5 h/week (-21.5 h/week, -81.1 %)",
        "- **Shadow flows:** 4 → 1 (4 closed, 1 opened)",
        "- closed (removed, 60 %): Google Docs → Editors' inboxes: approval requests stuck in inboxes",
        "- Share published articles on social: Jam Session → Algorithm — fits its automation label",
        "| ≈ jam pain | 15 | 1.5 | -13.5 | -90 % |",
        "| ■ orchestra pain | 11.5 | 3.5 | -8 | -69.6 % |",
        "| Process | 5.2 → 6.67 | 9.6 → 5.5 | ⚠ -4.4 | +1.17 |",
        "- **done** — Run every story through one Asana pipeline: template → Docs → approval add-on → WordPress: cycle time 14 days → target 5 → measured 5 (in progress → done)",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
}

#[test]
fn compare_report_names_an_unreadable_file_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(\n    version: 2,\n    header: (title: 3),\n)\n").expect("write");
    let broken = broken.to_str().expect("UTF-8 path");
    let out = rhythm(&[
        "compare",
        "--report",
        "sessions/media-company-2025-Q3-before.ron",
        broken,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    let line = err.lines().next().expect("one line");
    let rest = line
        .strip_prefix(&format!("{broken}:"))
        .unwrap_or_else(|| panic!("{line}"));
    let mut parts = rest.splitn(3, ':');
    let (l, c) = (parts.next(), parts.next());
    assert_eq!(l, Some("3"), "{line}");
    assert!(c.is_some_and(|c| c.parse::<usize>().is_ok()), "{line}");

    let one = rhythm(&[
        "compare",
        "--report",
        "sessions/media-company-2025-Q3-before.ron",
    ]);
    assert_eq!(one.status.code(), Some(2), "clap refuses a single file");
}

/// The media company's three quarters, given newest first.
fn three_quarters() -> Vec<Session> {
    vec![
        example("media-company-2026-Q1-after.ron"),
        example("media-company-2025-Q4-midway.ron"),
        example("media-company-2025-Q3-before.ron"),
    ]
}

#[test]
fn trends_of_the_three_media_quarters_show_hours_shadow_flows_and_gaps_falling() {
    let trends = Trends::of(&compare(&three_quarters()));

    // Oldest first, whatever the order given.
    assert_eq!(trends.quarters, ["2025-Q3", "2025-Q4", "2026-Q1"]);

    // Hours lost per week per category: jam pain halves with the Asana
    // pipeline (Q4); orchestra pain falls once the add-on and Zapier take
    // over the pasting and posting (Q1).
    assert_eq!(trends.hours_of(PainCategory::Orchestra), [11.5, 10.0, 3.5]);
    assert_eq!(trends.hours_of(PainCategory::Jam), [15.0, 7.5, 1.5]);
    assert_eq!(trends.hours_total, [26.5, 17.5, 5.0]);
    assert_eq!(
        trends.hours.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        PainCategory::ALL
    );
    assert_eq!(trends.max_category_hours(), 15.0);

    // Shadow flows: 4 → 2 → 1.
    assert_eq!(trends.shadow_flows, [4, 2, 1]);

    // Gap per question (as it is − as run), rounded to 0.01: the process
    // and metric gaps shrink from misaligned to about one point.
    let round = |v: &Option<f32>| v.map(|g| (g * 100.0).round() / 100.0);
    let gaps: Vec<(Question, Vec<Option<f32>>)> = trends
        .gaps
        .iter()
        .map(|(q, series)| (*q, series.iter().map(round).collect()))
        .collect();
    assert_eq!(
        gaps,
        [
            (Question::Output, vec![Some(1.0), Some(0.8), Some(0.5)]),
            (Question::Process, vec![Some(-4.4), Some(-2.6), Some(1.17)]),
            (
                Question::PrimaryMetric,
                vec![Some(5.0), Some(3.2), Some(1.17)]
            ),
            (Question::Individual, vec![Some(1.8), Some(1.6), Some(0.83)]),
        ]
    );
    assert!((trends.max_abs_gap() - 5.0).abs() < 1e-4);
}

#[test]
fn the_midway_quarter_sits_between_before_and_after() {
    let c = compare(&three_quarters());
    assert_eq!(c.steps.len(), 2);
    let (q3_q4, q4_q1) = (&c.steps[0], &c.steps[1]);
    assert_eq!(q3_q4.after.quarter, "2025-Q4");
    // Q4: the email pitches and the "which draft is final?" threads closed;
    // approvals still stuck in inboxes (less often) and last edits by email.
    let closed: Vec<&str> = q3_q4
        .shadow_closed
        .iter()
        .map(|s| s.flow.as_str())
        .collect();
    assert_eq!(
        closed,
        [
            "Email → Google Docs: story ideas pitched by email",
            "Slack → Email: \"which draft is final?\" threads",
        ]
    );
    assert!(q3_q4.shadow_opened.is_empty());
    let added: Vec<&str> = q3_q4.tools.added.iter().map(|n| n.name.as_str()).collect();
    let removed: Vec<&str> = q3_q4
        .tools
        .removed
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(added, ["Asana"]);
    assert_eq!(removed, ["Google Sheets (editorial calendar)"]);
    // Cycle time measured halfway: 14 → 9 days, on the way to 5.
    let pipeline = q3_q4
        .changes
        .iter()
        .find(|ch| ch.metric == "cycle time")
        .expect("the pipeline change");
    assert_eq!(pipeline.measured, Some(9.0));
    assert_eq!(
        pipeline.status.after,
        Some(ChangeStatus::InProgress),
        "not done yet"
    );
    // Q1: the two remaining shadow flows closed, one small new one.
    assert_eq!(q4_q1.shadow_closed.len(), 2);
    assert_eq!(q4_q1.shadow_opened.len(), 1);
    assert_eq!(q4_q1.done_since().count(), 3);
    // First to last is the two-quarter story of before → after.
    let overall = c.overall.as_ref().expect("three sessions");
    assert_eq!(overall.shadow_closed.len(), 4);
    assert_eq!(overall.hours.total.delta(), -21.5);
}

#[test]
fn compare_report_of_three_quarters_has_a_trend_table() {
    let out = rhythm(&[
        "compare",
        "--report",
        "sessions/media-company-2026-Q1-after.ron",
        "sessions/media-company-2025-Q3-before.ron",
        "sessions/media-company-2025-Q4-midway.ron",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for line in [
        "## Trend",
        "| 2025-Q3 (2025-07-16) | 7 | 8 | 4 | 26.5 | 11.5 | 15 |",
        "| 2025-Q4 (2025-10-15) | 7 | 7 | 2 | 17.5 | 10 | 7.5 |",
        "| 2026-Q1 (2026-01-21) | 8 | 9 | 1 | 5 | 3.5 | 1.5 |",
        "## 2025-Q3 (2025-07-16) → 2025-Q4 (2025-10-15)",
        "## 2025-Q4 (2025-10-15) → 2026-Q1 (2026-01-21)",
        "## 2025-Q3 (2025-07-16) → 2026-Q1 (2026-01-21) (first to last)",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
}

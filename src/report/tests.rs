//! Tests of the session report: every section as a reader sees it, and
//! the CSV.

use super::*;
use crate::model::{
    Airlock, Attachment, BoardPos, Change, ChangeStatus, Flow, FlowKind, GridPos, Id, Owner,
    PainCategory, PainPoint, Participant, Quadrant, SessionHeader, Target, Task, Tool,
    UnexpectedWay, WorkModel, WorkModelScores,
};

fn tool(id: u64, name: &str) -> Tool {
    Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(0.0, 0.0),
        author: None,
    }
}

fn flow(id: u64, from: u64, to: u64, label: &str, share: Option<u8>) -> Flow {
    Flow {
        id: Id(id),
        from: Id(from),
        to: Id(to),
        label: label.to_owned(),
        kind: if share.is_some() {
            FlowKind::Shadow
        } else {
            FlowKind::Designed
        },
        share,
    }
}

fn task(id: u64, name: &str, grid: Option<(f32, f32)>) -> Task {
    Task {
        id: Id(id),
        name: name.to_owned(),
        board_pos: None,
        grid: grid.map(|(x, y)| GridPos::new(x, y)),
        ..Task::default()
    }
}

fn sample() -> Session {
    Session {
        header: SessionHeader {
            title: "Dev team\nQ1".to_owned(),
            team: "Platform".to_owned(),
            quarter: "2026-Q1".to_owned(),
            date: "2026-02-03".to_owned(),
            facilitator: String::new(),
        },
        tools: vec![tool(1, "Asana"), tool(2, "GitHub"), tool(3, "Slack DMs")],
        flows: vec![
            flow(4, 1, 2, "tasks", None),
            flow(5, 2, 3, "critical task updates", Some(40)),
            flow(6, 3, 99, "", None),
        ],
        tasks: vec![
            task(7, "Production deploy", Some((-0.6, 0.7))),
            task(8, "Security incident", Some((0.6, 0.7))),
            task(9, "Sprint planning", Some((0.03, 0.5))),
            task(10, "Onboarding guide", None),
            task(11, "Invoice formatting", Some((-0.5, -0.5))),
        ],
        scores: WorkModelScores {
            as_is: WorkModel {
                output: Some(8),
                process: Some(8),
                primary_metric: Some(7),
                individual: Some(7),
            },
            as_run: WorkModel {
                output: Some(6),
                process: Some(2),
                primary_metric: Some(2),
                individual: None,
            },
        },
        next_id: 12,
        ..Session::default()
    }
}

/// The lines of the section whose heading is exactly `heading`, up to
/// the next heading of any level.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with('#'))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn header_is_a_title_and_a_field_list() {
    let text = markdown(&sample());
    assert!(
        text.starts_with("# Dev team Q1\n\n- **Team:** Platform\n"),
        "{text}"
    );
    assert!(text.contains("- **Quarter:** 2026-Q1\n"), "{text}");
    assert!(text.contains("- **Date:** 2026-02-03\n"), "{text}");
    assert!(text.contains("- **Facilitator:** —\n"), "{text}");
}

#[test]
fn tools_and_flows_are_listed_with_names_resolved() {
    let text = markdown(&sample());
    assert_eq!(
        section(&text, "## Tools (3)"),
        ["- Asana", "- GitHub", "- Slack DMs"]
    );
    assert_eq!(
        section(&text, "## Flows (3, 1 shadow)"),
        [
            "- Asana → GitHub: tasks",
            "- GitHub → Slack DMs: critical task updates — **shadow**, 40 % of the traffic",
            "- Slack DMs → ?: (no label)",
        ]
    );
}

#[test]
fn tasks_are_grouped_by_quadrant_then_undecided_then_tray() {
    let text = markdown(&sample());
    let orchestra = section(&text, "### Orchestra (Predictable + High-stakes) — 1");
    assert!(orchestra.contains(&"- Production deploy"), "{text}");
    let jam = section(&text, "### Rehearsed Jam (Unpredictable + High-stakes) — 1");
    assert!(jam.contains(&"- Security incident"), "{text}");
    assert!(
        section(&text, "### Jam Session (Unpredictable + Low-stakes) — 0")
            .iter()
            .all(|l| !l.starts_with("- ")),
        "{text}"
    );
    let algorithm = section(&text, "### Algorithm (Predictable + Low-stakes) — 1");
    assert!(algorithm.contains(&"- Invoice formatting"), "{text}");
    let undecided = section(&text, "### Undecided — 1");
    assert!(
        undecided.contains(&"- Sprint planning (predictable or unpredictable?)"),
        "{text}"
    );
    assert!(!orchestra.contains(&"- Sprint planning"), "{text}");
    assert_eq!(
        section(&text, "### In the tray (unplaced) — 1"),
        ["- Onboarding guide"]
    );
    // Quadrants in Quadrant::ALL order, then undecided, then the tray.
    let order: Vec<usize> = [
        "### Orchestra",
        "### Rehearsed Jam",
        "### Jam Session",
        "### Algorithm",
        "### Undecided",
        "### In the tray",
    ]
    .iter()
    .filter_map(|h| text.find(h))
    .collect();
    assert_eq!(order.len(), 6, "{text}");
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn work_model_table_marks_big_gaps_and_names_verdicts_per_lens() {
    let text = markdown(&sample());
    let table = section(&text, "## Work model (orchestra-vs-factory)");
    assert!(table.contains(&"| Output | 8 | 6 | 2 |"), "{text}");
    assert!(table.contains(&"| Process | 8 | 2 | **6** ⚠ |"), "{text}");
    assert!(
        table.contains(&"| Primary metric | 7 | 2 | **5** ⚠ |"),
        "{text}"
    );
    assert!(
        table.contains(&"| Role of the individual | 7 | — | — |"),
        "{text}"
    );
    assert!(
        table.contains(&"| **Mean** | **7.5** | **3.33** | |"),
        "{text}"
    );
    assert!(
        table.contains(
            &"| Work model (Factory ↔ Orchestra) | Orchestra-leaning | Factory-leaning |"
        ),
        "{text}"
    );
    assert!(
        table.contains(
            &"| Rhythm (Orchestra ↔ Jam Session) | Jam Session-leaning | Orchestra-leaning |"
        ),
        "{text}"
    );
    assert!(
        table.contains(
            &"| Automation (Algorithm ↔ Orchestra) | Orchestra-leaning | Algorithm-leaning |"
        ),
        "{text}"
    );
}

#[test]
fn an_empty_session_still_has_every_section() {
    let text = markdown(&Session::default());
    for heading in [
        "# Rhythm Diagnosis session",
        "## Tools (0)",
        "## Flows (0, 0 shadow)",
        "## Tasks (0)",
        "### Undecided — 0",
        "### In the tray (unplaced) — 0",
        "| **Mean** | **—** | **—** | |",
        "| Work model (Factory ↔ Orchestra) | — | — |",
    ] {
        assert!(text.contains(heading), "missing {heading:?} in\n{text}");
    }
}

fn person(id: u64, name: &str, as_is: [Option<u8>; 4], as_run: [Option<u8>; 4]) -> Participant {
    let model = |v: [Option<u8>; 4]| WorkModel {
        output: v[0],
        process: v[1],
        primary_metric: v[2],
        individual: v[3],
    };
    Participant {
        id: Id(id),
        name: name.to_owned(),
        colour: [0x1F, 0x5F, 0xA8],
        scores: WorkModelScores {
            as_is: model(as_is),
            as_run: model(as_run),
        },
    }
}

fn pain(
    id: u64,
    text: &str,
    category: PainCategory,
    hours: Option<f32>,
    attached: Attachment,
    author: Option<u64>,
) -> PainPoint {
    PainPoint {
        id: Id(id),
        text: text.to_owned(),
        category,
        hours_per_week: hours,
        attached,
        pos: BoardPos::default(),
        author: author.map(Id),
        reassess: false,
    }
}

/// The sample plus two participants and five pain points: on Asana
/// (orchestra, 3 h), on the 40 % shadow flow (jam, 5 h), on the
/// designed flow (orchestra, 1.5 h), free-standing (jam, 2 h) and one
/// not quantified.
fn with_pains() -> Session {
    let mut s = sample();
    s.participants = vec![
        person(20, "Noor", [Some(8); 4], [Some(3); 4]),
        person(21, "Felix | QA", [Some(6); 4], [Some(2); 4]),
    ];
    s.pain_points = vec![
        pain(
            30,
            "Story points on every sub-task",
            PainCategory::Orchestra,
            Some(3.0),
            Attachment::Tool(Id(1)),
            Some(21),
        ),
        pain(
            31,
            "Updates lost in DMs",
            PainCategory::Jam,
            Some(5.0),
            Attachment::Flow(Id(5)),
            Some(20),
        ),
        pain(
            32,
            "Integration syncs only on merge",
            PainCategory::Orchestra,
            Some(1.5),
            Attachment::Flow(Id(4)),
            None,
        ),
        pain(
            33,
            "Searching for the latest spec",
            PainCategory::Jam,
            Some(2.0),
            Attachment::Free,
            Some(20),
        ),
        pain(
            34,
            "Nobody knows who decides",
            PainCategory::Jam,
            None,
            Attachment::Tool(Id(3)),
            Some(99),
        ),
    ];
    s.next_id = 100;
    s
}

#[test]
fn participants_are_listed_with_the_pain_they_raised() {
    let text = markdown(&with_pains());
    assert_eq!(
        section(&text, "## Participants (2)"),
        [
            "- Noor (colour #1F5FA8): 2 pain points (7 h/week)",
            "- Felix | QA (colour #1F5FA8): 1 pain point (3 h/week)",
        ]
    );
    assert!(
        markdown(&sample()).contains("## Participants (0)\n\n_No participants listed._\n"),
        "{text}"
    );
}

#[test]
fn tools_and_flows_show_their_pain_hours() {
    let text = markdown(&with_pains());
    assert_eq!(
        section(&text, "## Tools (3)"),
        [
            "- Asana — 3 h/week lost (1 pain point)",
            "- GitHub",
            "- Slack DMs — 0 h/week lost (1 pain point)",
        ]
    );
    assert_eq!(
        section(&text, "## Flows (3, 1 shadow)"),
        [
            "- Asana → GitHub: tasks — 1.5 h/week lost (1 pain point)",
            "- GitHub → Slack DMs: critical task updates — **shadow**, 40 % of the traffic \
             — 5 h/week lost (1 pain point)",
            "- Slack DMs → ?: (no label)",
        ]
    );
}

#[test]
fn pain_points_are_totalled_ranked_and_grouped_by_category() {
    let text = markdown(&with_pains());
    // 3 + 5 + 1.5 + 2 = 11.5 h/week; 5 of them on the shadow flow.
    assert_eq!(
        section(&text, "## Pain points (5, 11.5 h/week)"),
        [
            "| Category | Pain points | Hours/week |",
            "|---|---:|---:|",
            "| ■ Orchestra pain | 2 | 4.5 |",
            "| ≈ Jam pain | 3 | 7 |",
            "| **Total** | **5** | **11.5** |",
            "**Share of hours on shadow flows:** 43.5 % (5 of 11.5 h/week)",
        ]
    );
    assert_eq!(
        section(&text, "### Tools with most hours lost"),
        ["1. Asana — 3 h/week"]
    );
    assert_eq!(
        section(&text, "### Flows with most hours lost"),
        [
            "1. GitHub → Slack DMs: critical task updates — 5 h/week (shadow)",
            "2. Asana → GitHub: tasks — 1.5 h/week",
        ]
    );
    assert_eq!(
        section(&text, "### ■ Orchestra pain (2, 4.5 h/week)"),
        [
            "- Story points on every sub-task — 3 h/week · on tool Asana · by Felix | QA",
            "- Integration syncs only on merge — 1.5 h/week · on flow Asana → GitHub: tasks",
        ]
    );
    assert_eq!(
        section(&text, "### ≈ Jam pain (3, 7 h/week)"),
        [
            "- Updates lost in DMs — 5 h/week · on shadow flow GitHub → Slack DMs: \
             critical task updates · by Noor",
            "- Searching for the latest spec — 2 h/week · free-standing · by Noor",
            "- Nobody knows who decides — hours not quantified · on tool Slack DMs · by ?",
        ]
    );
}

#[test]
fn no_pain_points_is_said_once() {
    let text = markdown(&sample());
    assert_eq!(
        section(&text, "## Pain points (0, 0 h/week)"),
        ["_No pain points raised._"]
    );
    assert!(!text.contains("### Tools with most hours lost"), "{text}");
}

fn lenses(s: &mut Session, id: u64, answers: [Option<bool>; 4], way: Option<UnexpectedWay>) {
    let task = s.tasks.iter_mut().find(|t| t.id == Id(id)).unwrap();
    for (i, a) in answers.into_iter().enumerate() {
        task.automation.set(i, a);
    }
    task.unexpected = way;
}

#[test]
fn tasks_show_their_label_lean_and_disagreement() {
    let (y, n) = (Some(true), Some(false));
    let mut s = sample();
    // Production deploy: A, lean Orchestra, in Orchestra — agrees.
    lenses(&mut s, 7, [n, n, y, y], Some(UnexpectedWay::Failure));
    // Invoice formatting: O in Algorithm — disagrees.
    lenses(&mut s, 11, [y, y, n, n], Some(UnexpectedWay::Success));
    // Sprint planning (undecided): hybrid, unanswered.
    lenses(&mut s, 9, [y, n, y, n], None);
    // A task in Jam Session — disagrees.
    s.tasks.push(task(12, "Spike", Some((0.5, -0.5))));
    lenses(&mut s, 12, [n, n, y, None], None);
    let text = markdown(&s);
    assert!(
        text.contains(
            "_Automation check (orchestra-vs-algorithm): 1 O, 2 A, 1 hybrid, 2 not checked; \
             2 disagree with their quadrant._"
        ),
        "{text}"
    );
    assert!(
        text.contains(": 1 lean Jam, 1 lean Orchestra, 4 unanswered._"),
        "{text}"
    );
    assert!(
        section(&text, "### Orchestra (Predictable + High-stakes) — 1")
            .contains(&"- Production deploy — **A** · lean Orchestra"),
        "{text}"
    );
    assert!(
        section(&text, "### Algorithm (Predictable + Low-stakes) — 1").contains(
            &"- Invoice formatting — **O** · lean Jam · ⚠ label disagrees with the quadrant"
        ),
        "{text}"
    );
    assert!(
        section(&text, "### Jam Session (Unpredictable + Low-stakes) — 1")
            .contains(&"- Spike — **A** · ⚠ label disagrees with the quadrant"),
        "{text}"
    );
    assert!(
        section(&text, "### Undecided — 1")
            .contains(&"- Sprint planning (predictable or unpredictable?) — **hybrid**"),
        "{text}"
    );
    assert_eq!(
        section(
            &text,
            "### Automation label disagrees with the quadrant — 2"
        ),
        [
            "_An A task in an unpredictable quadrant, or an O task in Algorithm: discuss._",
            "- Invoice formatting: **O** in Algorithm",
            "- Spike: **A** in Jam Session",
        ]
    );
}

#[test]
fn participants_scores_give_means_spread_and_outliers() {
    let mut s = sample();
    // Output as it is: 8, 8, 9, 3 → mean 7, sd √5.5 = 2.35, Bea is 4
    // away. Process as run: 2 and 6 → mean 4, gap with as-is 9 = 5.
    s.participants = vec![
        person(
            20,
            "Ann",
            [Some(8), Some(9), None, None],
            [Some(6), Some(2), None, None],
        ),
        person(
            21,
            "Bo",
            [Some(8), Some(9), None, None],
            [Some(6), Some(6), None, None],
        ),
        person(
            22,
            "Cy",
            [Some(9), Some(9), None, None],
            [Some(6), None, None, None],
        ),
        person(
            23,
            "Bea",
            [Some(3), Some(9), None, None],
            [Some(6), None, None, None],
        ),
    ];
    let text = markdown(&s);
    let table = section(&text, "## Work model (orchestra-vs-factory)");
    assert!(
        table.contains(
            &"_Scores: the mean of the participants' own scores (4 participants scored)._"
        ),
        "{text}"
    );
    assert!(table.contains(&"| Output | 7 | 6 | 1 |"), "{text}");
    assert!(table.contains(&"| Process | 9 | 4 | **5** ⚠ |"), "{text}");
    assert!(table.contains(&"| Primary metric | — | — | — |"), "{text}");
    assert!(table.contains(&"| **Mean** | **8** | **5** | |"), "{text}");
    let scores = section(
        &text,
        "### Participants' scores (the work as it is / how we run it now)",
    );
    assert!(
        scores.contains(&"| Bea | 3 / 6 | 9 / — | — / — | — / — |"),
        "{text}"
    );
    let spread = section(&text, "### Spread per question");
    assert!(
        spread.contains(&"| The work as it is | Output | 4 | 7 | 3–9 | 2.35 | **Bea** (3) |"),
        "{text}"
    );
    assert!(
        spread.contains(&"| How we run it now | Process | 2 | 4 | 2–6 | 2 | — |"),
        "{text}"
    );
    assert!(
        spread.contains(&"| How we run it now | Primary metric | 0 | — | — | — | — |"),
        "{text}"
    );
    // The consensus sliders are ignored once participants scored.
    assert!(!table.contains(&"| Output | 8 | 6 | 2 |"), "{text}");
}

#[test]
fn consensus_scores_have_no_spread_table() {
    let text = markdown(&sample());
    assert!(
        text.contains("_Scores: the team consensus (no participant has scored)._"),
        "{text}"
    );
    assert!(!text.contains("### Spread per question"), "{text}");
}

fn change(id: u64, description: &str, status: ChangeStatus) -> Change {
    Change {
        id: Id(id),
        description: description.to_owned(),
        status,
        ..Change::default()
    }
}

#[test]
fn the_hybrid_score_lists_zones_airlocks_and_changes() {
    let mut s = with_pains();
    if let Some(zone) = s
        .zones
        .iter_mut()
        .find(|z| z.quadrant == Quadrant::JamSession)
    {
        zone.principles = "All exploratory work starts\non the team board".to_owned();
    }
    if let Some(zone) = s
        .zones
        .iter_mut()
        .find(|z| z.quadrant == Quadrant::Algorithm)
    {
        zone.rhythm = Quadrant::Orchestra;
    }
    s.airlocks = vec![Airlock {
        id: Id(40),
        name: "Spike → roadmap".to_owned(),
        from: Quadrant::JamSession,
        to: Quadrant::Orchestra,
        entry: "A write-up".to_owned(),
        exit: String::new(),
        handover: "Spec + epic".to_owned(),
    }];
    s.changes = vec![
        Change {
            owner: Owner::Participant(Id(20)),
            target: Target::Flow(Id(5)),
            metric: "share of critical updates outside Asana".to_owned(),
            unit: "%".to_owned(),
            baseline: Some(40.0),
            target_value: Some(5.0),
            ..change(41, "Updates go to Asana", ChangeStatus::InProgress)
        },
        Change {
            owner: Owner::Named("Head of Engineering".to_owned()),
            target: Target::Zone(Quadrant::Orchestra),
            metric: "cycle time".to_owned(),
            unit: "days".to_owned(),
            baseline: Some(14.0),
            target_value: Some(5.0),
            ..change(42, "One pipeline", ChangeStatus::Done)
        },
        Change {
            target: Target::Task(Id(7)),
            baseline: Some(2.5),
            ..change(43, "Automate deploys", ChangeStatus::Planned)
        },
    ];
    let text = markdown(&s);
    assert_eq!(
        section(&text, "### Zones (4)"),
        [
            "- **Orchestra** zone (Predictable + High-stakes): rhythm **Orchestra**. \
             Principles: _no principles yet_",
            "- **Rehearsed Jam** zone (Unpredictable + High-stakes): rhythm **Rehearsed Jam**. \
             Principles: _no principles yet_",
            "- **Jam Session** zone (Unpredictable + Low-stakes): rhythm **Jam Session**. \
             Principles: All exploratory work starts on the team board",
            "- **Algorithm** zone (Predictable + Low-stakes): rhythm **Orchestra** (instead \
             of the recommended Algorithm). Principles: _no principles yet_",
        ]
    );
    assert_eq!(
        section(&text, "### Airlocks (1)"),
        [
            "- **Spike → roadmap** (Jam Session → Orchestra)",
            "  - Entry: A write-up",
            "  - Exit: —",
            "  - Handover: Spec + epic",
        ]
    );
    assert_eq!(
        section(&text, "### Changes (3, 1 in progress)"),
        [
            "| Change | Owner | Target | Metric | Baseline → target | Status |",
            "|---|---|---|---|---|---|",
            "| Updates go to Asana | Noor | flow GitHub → Slack DMs: critical task updates \
             | share of critical updates outside Asana | 40 → 5 % | **in progress** |",
            "| One pipeline | Head of Engineering | zone Orchestra | cycle time | 14 → 5 days \
             | done |",
            "| Automate deploys | — | task Production deploy | — | 2.5 → — | planned |",
        ]
    );
    assert!(!text.contains("one change at a time"), "{text}");

    // A second change in progress raises the warning.
    s.changes[2].status = ChangeStatus::InProgress;
    let text = markdown(&s);
    let changes = section(&text, "### Changes (3, 2 in progress)");
    assert_eq!(
        changes.first().copied(),
        Some(
            "> ⚠ 2 changes are in progress: implement one change at a time and measure \
             its impact"
        ),
        "{text}"
    );
}

#[test]
fn an_empty_hybrid_score_says_so() {
    let text = markdown(&Session::default());
    assert_eq!(
        section(&text, "### Airlocks (0)"),
        ["_No airlocks between zones._"]
    );
    assert_eq!(
        section(&text, "### Changes (0, 0 in progress)"),
        ["_No changes planned._"]
    );
    assert_eq!(section(&text, "### Zones (4)").len(), 4, "{text}");
}

#[test]
fn csv_has_one_row_per_note() {
    let mut s = with_pains();
    s.tools[0].author = Some(Id(20));
    s.tasks[1].name = "Security, \"incident\"".to_owned();
    let text = csv(&s).expect("csv");
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        CSV_HEADER
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    // 3 tools + 5 tasks + 5 pain points.
    assert_eq!(rows.len(), 13, "{text}");
    let row = |i: usize| rows[i].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(row(0), ["tool", "Asana", "", "", "", "", "Noor"]);
    assert_eq!(
        row(3),
        ["task", "Production deploy", "", "", "", "Orchestra", ""]
    );
    assert_eq!(
        row(4),
        [
            "task",
            "Security, \"incident\"",
            "",
            "",
            "",
            "Rehearsed Jam",
            ""
        ]
    );
    assert_eq!(
        row(5),
        ["task", "Sprint planning", "", "", "", "undecided", ""]
    );
    assert_eq!(row(6), ["task", "Onboarding guide", "", "", "", "", ""]);
    assert_eq!(
        row(8),
        [
            "pain point",
            "Story points on every sub-task",
            "orchestra pain",
            "3",
            "Asana",
            "",
            "Felix | QA"
        ]
    );
    assert_eq!(
        row(9),
        [
            "pain point",
            "Updates lost in DMs",
            "jam pain",
            "5",
            "GitHub → Slack DMs: critical task updates",
            "",
            "Noor"
        ]
    );
    assert_eq!(
        row(10),
        [
            "pain point",
            "Integration syncs only on merge",
            "orchestra pain",
            "1.5",
            "Asana → GitHub: tasks",
            "",
            ""
        ]
    );
    assert_eq!(
        row(11),
        [
            "pain point",
            "Searching for the latest spec",
            "jam pain",
            "2",
            "",
            "",
            "Noor"
        ]
    );
    assert_eq!(
        row(12),
        [
            "pain point",
            "Nobody knows who decides",
            "jam pain",
            "",
            "Slack DMs",
            "",
            "?"
        ]
    );
    // The hours column sums to the report's total.
    let total: f32 = rows.iter().filter_map(|r| r[3].parse::<f32>().ok()).sum();
    assert_eq!(total, 11.5);
    assert!(text.starts_with("kind,text,category,hours_per_week,attached_to,quadrant,author\n"));
    assert!(text.contains("\"Security, \"\"incident\"\"\""), "{text}");
}

#[test]
fn csv_of_an_empty_session_is_the_header() {
    assert_eq!(
        csv(&Session::default()).expect("csv"),
        "kind,text,category,hours_per_week,attached_to,quadrant,author\n"
    );
}

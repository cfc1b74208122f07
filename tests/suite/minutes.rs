//! The workshop's minutes (issue 19) as a reader gets them: the PDF's
//! text (`pdftotext`, Debian's poppler-utils) holds every tool, flow
//! label, task, pain point, participant and change; every page renders
//! (`pdftoppm`); participants' hostile texts come out as typed in both
//! files and run nowhere; the compare minutes carry the compare view's
//! headline figures. The HTML page in headless Chromium is in
//! `minutes_browser`.

use std::path::{Path, PathBuf};
use std::process::Command;

use rhythm::minutes::{Format, Minutes, Options};
use rhythm::model::{
    Attachment, BoardPos, Change, ChangeStatus, Flow, FlowKind, GridPos, Id, Owner, PainCategory,
    PainPoint, Participant, Session, Task, Tool,
};

/// The example sessions, and the generated boards the issue names.
pub fn examples() -> Vec<(String, Session)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir("sessions")
        .expect("sessions/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    for path in paths {
        let session = rhythm::store::load(&path).expect("an example loads");
        out.push((path.display().to_string(), session));
    }
    let spec = rhythm::generate::workshop::Spec {
        pains: 30,
        ..rhythm::generate::workshop::Spec::new(15)
    };
    out.push((
        "generate --tools 15 --pains 30".to_owned(),
        rhythm::generate::workshop::generate(&spec),
    ));
    out.push((
        "generate --crowded".to_owned(),
        rhythm::generate::workshop::generate(&rhythm::generate::workshop::Spec::crowded()),
    ));
    out
}

/// Whether poppler-utils is here; on CI it must be (`.ci/run` installs
/// it), elsewhere the test says it skipped.
fn poppler() -> bool {
    if Path::new("/usr/bin/pdftotext").exists() && Path::new("/usr/bin/pdftoppm").exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "pdftotext/pdftoppm missing: CI must install poppler-utils (.ci/run does)"
    );
    eprintln!("SKIPPED: pdftotext/pdftoppm not installed (apt-get install poppler-utils)");
    false
}

/// The PDF's text, as `pdftotext` reads it.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed: {:?}", out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text without white space and hyphens: names wrap across lines in table
/// cells, and `pdftotext` joins a line that ends in a hyphen to the next
/// without it.
pub fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Pages of the PDF, rendered by `pdftoppm` at 30 dpi: how many PNGs.
fn rendered_pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = Command::new("pdftoppm")
        .args(["-r", "30", "-png"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "pdftoppm failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_dir(dir.path())
        .expect("listed")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
        })
        .count()
}

/// Pages the PDF says it has (`/Type /Page` objects, as pdfinfo counts).
fn page_count(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// Every name a reader looks for: tools, flow labels, tasks, pain points,
/// participants, change titles.
fn names(session: &Session) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    out.extend(session.tools.iter().map(|t| ("tool", t.display_name())));
    out.extend(
        session
            .flows
            .iter()
            .filter(|f| !f.label.trim().is_empty())
            .map(|f| ("flow label", rhythm::model::one_line(&f.label))),
    );
    out.extend(session.tasks.iter().map(|t| ("task", t.display_name())));
    out.extend(session.pain_points.iter().map(|p| {
        (
            "pain point",
            rhythm::model::one_line_or(&p.text, "(no text)"),
        )
    }));
    out.extend(
        session
            .participants
            .iter()
            .map(|p| ("participant", p.display_name())),
    );
    out.extend(session.changes.iter().map(|c| {
        (
            "change",
            rhythm::model::one_line_or(&c.description, "(no description)"),
        )
    }));
    out
}

#[test]
fn every_examples_pdf_holds_every_name_and_every_page_renders() {
    if !poppler() {
        return;
    }
    for (name, session) in examples() {
        let minutes =
            Minutes::of(std::slice::from_ref(&session), Options::default()).expect("minutes");
        let pdf = Format::Pdf.render(&minutes).expect("a PDF");
        let text = squeezed(&pdf_text(&pdf));
        let missing: Vec<String> = names(&session)
            .into_iter()
            .filter(|(_, n)| !text.contains(&squeezed(n)))
            .map(|(what, n)| format!("{what} {n:?}"))
            .collect();
        assert!(missing.is_empty(), "{name}: the PDF lacks {missing:?}");
        let pages = page_count(&pdf);
        assert!(pages >= 6, "{name}: only {pages} pages");
        assert_eq!(
            rendered_pages(&pdf),
            pages,
            "{name}: pdftoppm rendered fewer pages"
        );
    }
}

#[test]
fn anonymous_minutes_name_no_participant() {
    if !poppler() {
        return;
    }
    let session = rhythm::store::load(Path::new("sessions/media-company-2026-Q1-after.ron"))
        .expect("example");
    assert!(!session.participants.is_empty());
    let named = Minutes::of(std::slice::from_ref(&session), Options::default()).expect("minutes");
    let anonymous = Options {
        anonymous: true,
        ..Options::default()
    };
    let minutes = Minutes::of(std::slice::from_ref(&session), anonymous).expect("minutes");
    let named_text = squeezed(&pdf_text(&Format::Pdf.render(&named).expect("pdf")));
    let text = squeezed(&pdf_text(&Format::Pdf.render(&minutes).expect("pdf")));
    let html = rhythm::minutes::html(&minutes).expect("html");
    for p in &session.participants {
        let name = p.display_name();
        assert!(
            named_text.contains(&squeezed(&name)),
            "{name} is in the named minutes"
        );
        assert!(
            !text.contains(&squeezed(&name)),
            "{name} is in the anonymous PDF"
        );
        assert!(!html.contains(&name), "{name} is in the anonymous HTML");
    }
}

/// Texts a participant may type that must come out as typed.
pub const HOSTILE: [&str; 9] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "#import \"/etc/passwd\": *",
    "#read(\"/etc/passwd\")",
    "$x^2$ and *bold* and _under_",
    "] #set text(red) [",
    "#let x = 1; #x",
    "Überstunden: 数字化转型的痛点",
    "Supercalifragilisticexpialidocious-Toolchain-Orchestration-Handoff-Approval-Workflow-Without-Any-Spaces-At-All-0123456789",
];

/// A session whose every text is hostile.
pub fn hostile_session() -> Session {
    let mut s = Session::default();
    s.header.title = HOSTILE[0].to_owned();
    s.header.team = HOSTILE[5].to_owned();
    s.header.quarter = "2026-Q2".to_owned();
    s.header.facilitator = HOSTILE[2].to_owned();
    let a = Id(1);
    let b = Id(2);
    s.tools.push(Tool {
        id: a,
        name: HOSTILE[1].to_owned(),
        pos: BoardPos::new(0.0, 0.0),
        author: None,
    });
    s.tools.push(Tool {
        id: b,
        name: HOSTILE[8].to_owned(),
        pos: BoardPos::new(420.0, 0.0),
        author: None,
    });
    s.flows.push(Flow {
        id: Id(3),
        from: a,
        to: b,
        label: HOSTILE[3].to_owned(),
        kind: FlowKind::Shadow,
        share: Some(40),
    });
    s.participants.push(Participant {
        id: Id(4),
        name: HOSTILE[4].to_owned(),
        colour: [200, 80, 80],
        scores: Default::default(),
    });
    for (i, text) in HOSTILE.iter().enumerate() {
        s.pain_points.push(PainPoint {
            id: Id(10 + i as u64),
            text: (*text).to_owned(),
            category: if i % 2 == 0 {
                PainCategory::Orchestra
            } else {
                PainCategory::Jam
            },
            hours_per_week: Some(1.0 + i as f32),
            attached: if i % 2 == 0 {
                Attachment::Tool(a)
            } else {
                Attachment::Flow(Id(3))
            },
            pos: BoardPos::new(0.0, 200.0),
            author: Some(Id(4)),
            reassess: false,
        });
        s.tasks.push(Task {
            id: Id(30 + i as u64),
            name: (*text).to_owned(),
            grid: Some(GridPos::new(-0.6 + 0.12 * i as f32, 0.5)),
            ..Task::default()
        });
    }
    s.changes.push(Change {
        id: Id(50),
        description: HOSTILE[6].to_owned(),
        owner: Owner::Named(HOSTILE[7].to_owned()),
        metric: HOSTILE[5].to_owned(),
        status: ChangeStatus::InProgress,
        ..Change::default()
    });
    s.next_id = 60;
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    s
}

#[test]
fn hostile_texts_come_out_as_typed_in_the_pdf_and_run_nowhere() {
    if !poppler() {
        return;
    }
    let session = hostile_session();
    let minutes = Minutes::of(std::slice::from_ref(&session), Options::default()).expect("minutes");
    let pdf = Format::Pdf.render(&minutes).expect("a PDF");
    let text = pdf_text(&pdf);
    let flat = squeezed(&text);
    for hostile in HOSTILE {
        // CJK needs a system font; the Latin part must be there anyway.
        let latin: String = hostile.chars().filter(|c| (*c as u32) < 0x2E80).collect();
        assert!(
            flat.contains(&squeezed(&latin)),
            "the PDF lacks {hostile:?}:\n{text}"
        );
    }
    assert!(!text.contains("root:"), "/etc/passwd was read into the PDF");
    assert!(rendered_pages(&pdf) > 0);
}

#[test]
fn hostile_texts_are_escaped_in_the_html_page() {
    let session = hostile_session();
    let minutes = Minutes::of(std::slice::from_ref(&session), Options::default()).expect("minutes");
    let html = rhythm::minutes::html(&minutes).expect("html");
    assert!(!html.contains("<script"), "a script tag reached the page");
    assert!(!html.contains("<img"), "an img tag reached the page");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || html.contains("&#60;script&#62;")
    );
    assert!(html.contains("数字化转型的痛点"));
    assert!(!html.contains("root:"));
}

#[test]
fn compare_minutes_hold_the_compare_views_headline_figures() {
    if !poppler() {
        return;
    }
    let paths = [
        "sessions/media-company-2026-Q1-after.ron",
        "sessions/media-company-2025-Q3-before.ron",
        "sessions/media-company-2025-Q4-midway.ron",
    ];
    let sessions: Vec<Session> = paths
        .iter()
        .map(|p| rhythm::store::load(Path::new(p)).expect("example"))
        .collect();
    let minutes = Minutes::of(&sessions, Options::default()).expect("minutes");
    let text = squeezed(&pdf_text(&Format::Pdf.render(&minutes).expect("pdf")));
    let html = rhythm::minutes::html(&minutes).expect("html");
    // The figures as the compare view words them (ui::compare's headline).
    let comparison = rhythm::model::compare(&sessions);
    let pairs: Vec<&rhythm::model::SessionDiff> =
        comparison.steps.iter().chain(&comparison.overall).collect();
    assert_eq!(pairs.len(), 3, "two steps and first → last");
    for d in pairs {
        let h = d.hours.total;
        let expected = [
            format!(
                "{} → {}",
                rhythm::format::num(h.before),
                rhythm::format::num(h.after)
            ),
            format!("{} h/week", rhythm::format::signed(h.delta())),
            format!("{} closed", d.shadow_closed.len()),
            format!("{} opened", d.shadow_opened.len()),
        ];
        for figure in expected {
            assert!(
                text.contains(&squeezed(&figure)),
                "the PDF lacks {figure:?}"
            );
            assert!(html.contains(&figure), "the HTML lacks {figure:?}");
        }
        let pair = format!("{} → {}", d.before.short(), d.after.short());
        assert!(
            text.contains(&squeezed(&pair)),
            "the PDF lacks the pair {pair:?}"
        );
    }
    // The minutes are of the latest quarter, whatever the order given.
    assert_eq!(minutes.latest_index(), 0);
    assert!(text.contains(&squeezed("Quarter over quarter")));
}

#[test]
fn the_command_writes_both_files_beside_the_session_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("asana.ron");
    std::fs::copy("sessions/asana-github-2026-Q1.ron", &path).expect("copied");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rhythm"))
            .arg("minutes")
            .args(args)
            .output()
            .expect("rhythm runs")
    };
    let first = run(&[path.to_str().expect("utf-8")]);
    assert!(first.status.success(), "{first:?}");
    let written: Vec<PathBuf> = String::from_utf8_lossy(&first.stdout)
        .lines()
        .map(PathBuf::from)
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
    assert!(written[0].extension().is_some_and(|e| e == "pdf"));
    assert!(written[1].extension().is_some_and(|e| e == "html"));
    assert!(written.iter().all(|p| p.parent() == Some(dir.path())));
    let pdf = std::fs::read(&written[0]).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    let second = run(&[path.to_str().expect("utf-8")]);
    let again: Vec<String> = String::from_utf8_lossy(&second.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(again.iter().all(|p| p.contains("-minutes-2.")), "{again:?}");
    assert_eq!(
        std::fs::read(&written[0]).expect("kept"),
        pdf,
        "the first PDF was replaced"
    );

    let out = dir.path().join("only.html");
    let one = run(&[
        path.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--paper",
        "letter",
    ]);
    assert!(one.status.success(), "{one:?}");
    assert!(
        std::fs::read_to_string(&out)
            .expect("html")
            .starts_with("<!DOCTYPE html>")
    );
    let bad = run(&[
        path.to_str().expect("utf-8"),
        "-o",
        dir.path().join("x.docx").to_str().expect("utf-8"),
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains(".pdf or .html"));
}

/// `text` as it reads in SVG (the five XML characters escaped).
fn in_svg(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn the_drawings_name_every_tool_and_every_placed_task() {
    for (name, session) in examples() {
        let minutes =
            Minutes::of(std::slice::from_ref(&session), Options::default()).expect("minutes");
        let map = minutes.figure("map").expect("a map");
        // Names are wrapped into their cards: compare word by word.
        let map_words: String = map.split(['<', '>']).collect::<Vec<_>>().join(" ");
        for tool in &session.tools {
            for word in in_svg(&tool.display_name()).split_whitespace() {
                assert!(
                    map_words.contains(word.trim_end_matches('…')),
                    "{name}: the map lacks {word:?} of {:?}",
                    tool.name
                );
            }
        }
        let placed: Vec<String> = session
            .tasks
            .iter()
            .filter(|t| t.grid.is_some())
            .map(|t| t.display_name())
            .collect();
        if placed.is_empty() {
            assert!(minutes.figure("grid").is_none());
            continue;
        }
        let grid = minutes.figure("grid").expect("a grid");
        let grid_words: String = grid.split(['<', '>']).collect::<Vec<_>>().join(" ");
        for task in placed {
            let numbered = minutes.grid_legend.iter().any(|e| e.name == task);
            let drawn = in_svg(&task)
                .split_whitespace()
                .all(|w| grid_words.contains(w));
            assert!(numbered || drawn, "{name}: the grid names no {task:?}");
        }
        // Numbers in the legend are the numbers on the dots, 1, 2, 3, …
        for (i, e) in minutes.grid_legend.iter().enumerate() {
            assert_eq!(e.number, i + 1);
            assert!(grid.contains(&format!(">{}</text>", e.number)));
        }
    }
}

#[test]
fn a_crowded_quadrant_is_numbered_and_a_roomy_one_is_named() {
    let crowded =
        rhythm::generate::workshop::generate(&rhythm::generate::workshop::Spec::crowded());
    let minutes = Minutes::of(std::slice::from_ref(&crowded), Options::default()).expect("minutes");
    // 10 long-named tasks in Orchestra: no room for their names.
    let orchestra = minutes
        .grid_legend
        .iter()
        .filter(|e| e.place == "Orchestra")
        .count();
    assert!(orchestra >= 10, "{:?}", minutes.grid_legend);
    let media = rhythm::store::load(Path::new("sessions/media-company-2026-Q1-after.ron"))
        .expect("example");
    let minutes = Minutes::of(std::slice::from_ref(&media), Options::default()).expect("minutes");
    assert!(
        minutes.grid_legend.is_empty(),
        "the example's tasks all have room for their names: {:?}",
        minutes.grid_legend
    );
}

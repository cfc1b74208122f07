//! The real phone page in a real browser: Debian's headless Chromium,
//! driven over the DevTools protocol (chromiumoxide), on a room served on
//! 127.0.0.1. A participant joins, writes a pain point and scores the four
//! questions; the session then holds exactly that. A 390×844 screenshot of
//! each step's page is written to `target/tmp/room-screens/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::handler::viewport::Viewport;
use chromiumoxide::page::{Page, ScreenshotParams};
use futures_util::StreamExt as _;
use rhythm::model::{Attachment, Edit, Id, PainCategory, Vote, VoteOn, WorkModel, WorkModelScores};
use rhythm::room::Focus;

use crate::room_server::seeded;
use crate::room_support::Harness;

const CHROMIUM: &str = "/usr/bin/chromium";
/// The whole browser test must end within this.
const TEST_WITHIN: Duration = Duration::from_secs(180);
/// One wait for the page.
const PAGE_WITHIN: Duration = Duration::from_secs(20);

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn screens_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("room-screens")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_joins_writes_a_pain_point_and_scores_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        // .ci/run installs chromium, and says so here when it truly cannot.
        let why = std::env::var("RHYTHM_NO_CHROMIUM").ok();
        assert!(
            why.is_some() || std::env::var_os("CI").is_none(),
            "{CHROMIUM} is missing: CI must install Debian's chromium (.ci/run does)"
        );
        let why = why.unwrap_or_else(|| "not installed (apt-get install chromium)".to_owned());
        crate::skip::skipped(
            "room_browser::a_phone_joins_writes_a_pain_point_and_scores_in_headless_chromium",
            &format!("{CHROMIUM}: {why}"),
        );
        return;
    }
    let profile = tempfile::tempdir().expect("a fresh profile folder");
    let config = BrowserConfig::builder()
        .chrome_executable(CHROMIUM)
        .disable_default_args()
        .no_sandbox()
        .user_data_dir(profile.path())
        .args([
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
            "--disable-dev-shm-usage",
        ])
        .window_size(390, 844)
        .viewport(Viewport {
            width: 390,
            height: 844,
            device_scale_factor: Some(2.0),
            emulating_mobile: true,
            is_landscape: false,
            has_touch: true,
        })
        .launch_timeout(Duration::from_secs(60))
        .request_timeout(Duration::from_secs(30))
        .build()
        .expect("a browser config");
    let (mut browser, mut handler) = Browser::launch(config).await.expect("chromium starts");
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
    let room = Harness::start(seeded());
    let outcome = tokio::time::timeout(TEST_WITHIN, drive(&browser, &room)).await;
    let _ = browser.close().await;
    let _ = browser.wait().await;
    events.abort();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(err)) => panic!("the page did not behave: {err}"),
        Err(_) => panic!("the browser test took longer than {TEST_WITHIN:?}"),
    }
}

async fn drive(browser: &Browser, room: &Harness) -> Res<()> {
    std::fs::create_dir_all(screens_dir())?;
    let page = browser.new_page("about:blank").await?;
    page.goto(room.info.url.as_str()).await?;
    wait_for(&page, "!document.getElementById('screen-join').hidden").await?;
    shot(&page, "0-join").await?;

    page.find_element("#join-name")
        .await?
        .click()
        .await?
        .type_str("Priya")
        .await?;
    page.find_element("#join-form button[type=submit]")
        .await?
        .click()
        .await?;
    wait_for(&page, "!document.getElementById('screen-room').hidden").await?;
    wait_for(
        &page,
        "document.getElementById('who').textContent === 'Priya'",
    )
    .await?;

    room.focus(Some(Focus::Autopsy));
    wait_for(&page, "!document.getElementById('pane-autopsy').hidden").await?;
    wait_for(
        &page,
        "document.querySelectorAll('#tool-list li').length === 2",
    )
    .await?;
    shot(&page, "1-tools").await?;

    // Step 2: the facilitator moves on; the phone follows.
    room.focus(Some(Focus::PainPoints));
    wait_for(&page, "!document.getElementById('pane-pain_points').hidden").await?;
    page.find_element("#pain-text")
        .await?
        .click()
        .await?
        .type_str("Approvals stuck in inboxes")
        .await?;
    page.find_element("input[name=pain-category][value=Jam]")
        .await?
        .click()
        .await?;
    page.find_element("#pain-hours")
        .await?
        .click()
        .await?
        .type_str("2,5")
        .await?;
    page.evaluate("(() => { const s = document.getElementById('pain-on'); s.value = 'tool:2'; s.dispatchEvent(new Event('change')); return s.value; })()")
        .await?;
    page.find_element("#pain-form button[type=submit]")
        .await?
        .click()
        .await?;
    wait_for(
        &page,
        "document.querySelector('#my-pains .hidden-note') !== null",
    )
    .await?;
    page.evaluate("document.querySelector('label[for=pain-on]').scrollIntoView({block: 'start'})")
        .await?;
    shot(&page, "2-pain-points").await?;

    // Step 3: the task card with its 2×2 grid (looking only).
    room.focus(Some(Focus::Typology));
    wait_for(&page, "!document.getElementById('pane-typology').hidden").await?;
    page.find_element("#task-list li button")
        .await?
        .click()
        .await?;
    wait_for(&page, "!document.getElementById('task-card').hidden").await?;
    shot(&page, "3-typology").await?;
    page.find_element("#task-close").await?.click().await?;

    room.focus(Some(Focus::HybridScore));
    wait_for(
        &page,
        "!document.getElementById('pane-hybrid_score').hidden",
    )
    .await?;
    shot(&page, "4-hybrid-score").await?;

    // Scoring: the four questions of "the work as it is".
    room.focus(Some(Focus::Scoring));
    wait_for(&page, "!document.getElementById('pane-scoring').hidden").await?;
    for (question, value) in [
        ("Output", 7),
        ("Process", 3),
        ("PrimaryMetric", 8),
        ("Individual", 9),
    ] {
        let selector = format!(
            ".score[data-set=AsItIs][data-question={question}] button[data-value='{value}']"
        );
        page.find_element(selector.as_str()).await?.click().await?;
        let pressed = format!(
            "document.querySelector(\"{selector}\").getAttribute('aria-pressed') === 'true'"
        );
        wait_for(&page, &pressed).await?;
    }
    wait_for(&page, "document.getElementById('score-progress').textContent.startsWith('You have scored 4 of 8')").await?;
    page.evaluate("window.scrollTo(0, 0)").await?;
    shot(&page, "5-scoring").await?;

    // The session holds exactly what the phone did, credited to Priya.
    let before = seeded();
    let s = room.session();
    let names: Vec<&str> = s.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Priya"]);
    let priya = s.participants[0].id;
    assert_eq!(s.tools, before.tools);
    assert_eq!(s.flows, before.flows);
    assert_eq!(s.tasks, before.tasks);
    assert_eq!(s.pain_points.len(), 1, "{:?}", s.pain_points);
    let pain = &s.pain_points[0];
    assert_eq!(pain.text, "Approvals stuck in inboxes");
    assert_eq!(pain.category, PainCategory::Jam);
    assert_eq!(pain.hours_per_week, Some(2.5));
    assert_eq!(pain.attached, Attachment::Tool(Id(2)));
    assert_eq!(pain.author, Some(priya));
    assert!(s.is_pain_point_hidden(pain.id));
    assert_eq!(
        s.participants[0].scores,
        WorkModelScores {
            as_is: WorkModel {
                output: Some(7),
                process: Some(3),
                primary_metric: Some(8),
                individual: Some(9),
            },
            as_run: WorkModel::default(),
        }
    );
    assert!(s.are_scores_hidden(priya));
    assert_eq!(s.vote, None);

    // The vote page, for the record.
    assert!(room.apply(Edit::StartVote(
        Vote::new(VoteOn::Tasks, 3)?.with_question("Which tasks matter most?")
    )));
    page.find_element("#tabs button[data-tab=vote]")
        .await?
        .click()
        .await?;
    wait_for(
        &page,
        "document.querySelectorAll('#vote-list li').length === 1",
    )
    .await?;
    page.find_element("#vote-list li button")
        .await?
        .click()
        .await?;
    wait_for(
        &page,
        "document.querySelector('#vote-list li button').getAttribute('aria-pressed') === 'true'",
    )
    .await?;
    shot(&page, "6-vote").await?;
    assert!(room.session().has_dot(priya, Id(4)));

    // Someone who types: the URL without the key, then the short code.
    page.evaluate("localStorage.clear()").await?;
    page.goto(room.info.typed_url.as_str()).await?;
    wait_for(&page, "!document.getElementById('screen-code').hidden").await?;
    shot(&page, "7-code").await?;
    page.find_element("#code-input")
        .await?
        .click()
        .await?
        .type_str(&room.info.code)
        .await?;
    page.find_element("#code-form button[type=submit]")
        .await?
        .click()
        .await?;
    wait_for(&page, "!document.getElementById('screen-join').hidden").await?;
    wait_for(&page, "location.hash.length === 33").await?;
    Ok(())
}

/// Wait until the JavaScript expression is true on the page.
async fn wait_for(page: &Page, expression: &str) -> Res<()> {
    let deadline = tokio::time::Instant::now() + PAGE_WITHIN;
    loop {
        let ok = page
            .evaluate(expression)
            .await
            .ok()
            .and_then(|r| r.into_value::<bool>().ok())
            .unwrap_or(false);
        if ok {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            let text = page
                .evaluate("document.body.innerText")
                .await
                .ok()
                .and_then(|r| r.into_value::<String>().ok())
                .unwrap_or_default();
            return Err(
                format!("timed out waiting for `{expression}`; the page says:\n{text}").into(),
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn shot(page: &Page, name: &str) -> Res<()> {
    // A passing message would cover the page: let it go first.
    wait_for(page, "document.getElementById('toast').hidden").await?;
    let params = ScreenshotParams::builder()
        .format(CaptureScreenshotFormat::Png)
        .build();
    let path = screens_dir().join(format!("{name}.png"));
    page.save_screenshot(params, &path).await?;
    eprintln!("screenshot: {}", path.display());
    Ok(())
}

//! The minutes' HTML page in a real browser (Debian's headless Chromium
//! over the DevTools protocol): it requests nothing (no font, script,
//! image or style from anywhere), axe-core finds no WCAG 2.2 AA violation,
//! a hostile session's texts show as typed and none runs. Screenshots at
//! desktop (1280) and phone (390) width go to
//! `target/tmp/minutes-screens/`.
//!
//! axe-core comes from npm: `.ci/run` installs it into a cache folder and
//! names it in `RHYTHM_AXE_JS`; without it the test says why it skipped
//! (and fails on CI unless `.ci/run` said why it could not install it).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use chromiumoxide::cdp::browser_protocol::network::EventRequestWillBeSent;
use chromiumoxide::cdp::browser_protocol::page::{
    CaptureScreenshotFormat, EventJavascriptDialogOpening, SetBypassCspParams,
};
use chromiumoxide::page::ScreenshotParams;
use futures_util::StreamExt as _;
use rhythm::minutes::{Minutes, Options};

use crate::minutes::{HOSTILE, examples, hostile_session};

const CHROMIUM: &str = "/usr/bin/chromium";
const TEST_WITHIN: Duration = Duration::from_secs(300);

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn screens_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("minutes-screens")
}

/// axe-core's script, or why the test cannot run here.
fn axe_source() -> Result<String, String> {
    let path = std::env::var("RHYTHM_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let home = std::env::var("HOME").unwrap_or_default();
            Path::new(&home).join(".cache/rhythm-ci/axe/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path)
        .map_err(|e| format!("axe-core not found at {}: {e}", path.display()))
}

/// Skip with a reason where the browser or axe-core is missing (CI must
/// have both, unless `.ci/run` said why it could not install them).
fn skip_reason() -> Option<String> {
    let missing = if !Path::new(CHROMIUM).exists() {
        Some(
            std::env::var("RHYTHM_NO_CHROMIUM")
                .unwrap_or_else(|_| format!("{CHROMIUM} not installed")),
        )
    } else if let Err(why) = axe_source() {
        Some(std::env::var("RHYTHM_NO_AXE").unwrap_or(why))
    } else {
        None
    }?;
    let excused = std::env::var_os("RHYTHM_NO_CHROMIUM").is_some()
        || std::env::var_os("RHYTHM_NO_AXE").is_some();
    assert!(
        excused || std::env::var_os("CI").is_none(),
        "{missing}: CI must install chromium and axe-core (.ci/run does)"
    );
    Some(missing)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_html_minutes_request_nothing_pass_axe_and_run_no_participant_text() {
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED the minutes browser test: {why}");
        return;
    }
    let axe = axe_source().expect("checked above");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pages = Vec::new();
    for (name, session) in examples() {
        let minutes =
            Minutes::of(std::slice::from_ref(&session), Options::default()).expect("minutes");
        pages.push((name, minutes));
    }
    let media: Vec<_> = [
        "sessions/media-company-2025-Q3-before.ron",
        "sessions/media-company-2025-Q4-midway.ron",
        "sessions/media-company-2026-Q1-after.ron",
    ]
    .iter()
    .map(|p| rhythm::store::load(Path::new(p)).expect("example"))
    .collect();
    pages.push((
        "compare media company".to_owned(),
        Minutes::of(&media, Options::default()).expect("minutes"),
    ));
    let hostile = Minutes::of(&[hostile_session()], Options::default()).expect("minutes");
    pages.push(("hostile".to_owned(), hostile));
    let mut files = Vec::new();
    for (i, (name, minutes)) in pages.iter().enumerate() {
        let path = dir.path().join(format!("minutes-{i}.html"));
        std::fs::write(&path, rhythm::minutes::html(minutes).expect("html")).expect("written");
        files.push((name.clone(), path));
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
            "--allow-file-access-from-files",
        ])
        .window_size(1280, 900)
        .launch_timeout(Duration::from_secs(60))
        .request_timeout(Duration::from_secs(60))
        .build()
        .expect("a browser config");
    let (mut browser, mut handler) = Browser::launch(config).await.expect("chromium starts");
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
    let outcome = tokio::time::timeout(TEST_WITHIN, check_all(&browser, &files, &axe)).await;
    let _ = browser.close().await;
    let _ = browser.wait().await;
    events.abort();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(err)) => panic!("{err}"),
        Err(_) => panic!("the minutes browser test took longer than {TEST_WITHIN:?}"),
    }
}

async fn check_all(browser: &Browser, files: &[(String, PathBuf)], axe: &str) -> Res<()> {
    std::fs::create_dir_all(screens_dir())?;
    for (i, (name, path)) in files.iter().enumerate() {
        let page = browser.new_page("about:blank").await?;
        // axe is injected over DevTools; the page's own policy forbids
        // every script, which this lifts for the test alone.
        page.execute(SetBypassCspParams::new(true)).await?;
        let requests = Arc::new(Mutex::new(Vec::<String>::new()));
        let mut sent = page.event_listener::<EventRequestWillBeSent>().await?;
        let seen = Arc::clone(&requests);
        let listener = tokio::spawn(async move {
            while let Some(event) = sent.next().await {
                if let Ok(mut seen) = seen.lock() {
                    seen.push(event.request.url.clone());
                }
            }
        });
        let dialogs = Arc::new(Mutex::new(0usize));
        let mut opened = page
            .event_listener::<EventJavascriptDialogOpening>()
            .await?;
        let counted = Arc::clone(&dialogs);
        let dialog_listener = tokio::spawn(async move {
            while opened.next().await.is_some() {
                if let Ok(mut n) = counted.lock() {
                    *n += 1;
                }
            }
        });
        let url = format!("file://{}", path.display());
        page.goto(url.as_str()).await?;
        page.wait_for_navigation().await?;
        tokio::time::sleep(Duration::from_millis(300)).await;

        // Nothing but the file itself.
        let foreign: Vec<String> = requests
            .lock()
            .map(|r| {
                r.iter()
                    .filter(|u| **u != url && !u.starts_with("about:"))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        assert!(foreign.is_empty(), "{name}: the page requested {foreign:?}");

        // axe-core, WCAG 2.0–2.2 A and AA rules.
        page.evaluate(axe).await?;
        let result = page
            .evaluate(
                "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                   .then(r => JSON.stringify(r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))",
            )
            .await?
            .into_value::<String>()?;
        assert_eq!(result, "[]", "{name}: axe-core violations: {result}");

        if name == "hostile" {
            let text = page
                .evaluate("document.body.innerText")
                .await?
                .into_value::<String>()?;
            for hostile in HOSTILE {
                assert!(
                    text.replace(char::is_whitespace, "")
                        .contains(&hostile.replace(char::is_whitespace, "")),
                    "the page does not show {hostile:?}"
                );
            }
            let elements = page
                .evaluate("document.querySelectorAll('script, img, iframe, object').length")
                .await?
                .into_value::<u32>()?;
            assert_eq!(elements, 0, "a participant's text became an element");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            dialogs.lock().map(|n| *n).unwrap_or(1),
            0,
            "{name}: a dialog opened"
        );

        for (width, label) in [(1280, "desktop"), (390, "phone")] {
            page.execute(SetDeviceMetricsOverrideParams::new(
                width,
                900,
                1.0,
                width < 500,
            ))
            .await?;
            tokio::time::sleep(Duration::from_millis(150)).await;
            let params = ScreenshotParams::builder()
                .format(CaptureScreenshotFormat::Png)
                .full_page(true)
                .build();
            let shot = screens_dir().join(format!("{i}-{label}.png"));
            page.save_screenshot(params, &shot).await?;
        }
        eprintln!("{name}: no request, 0 axe violations; screenshots {i}-desktop/phone.png");
        listener.abort();
        dialog_listener.abort();
        page.close().await?;
    }
    Ok(())
}

//! Tests that cannot run on this machine say so where people look: the
//! line goes straight to the process's standard error, past the test
//! harness's capture, so `cargo test` prints it even when the test passes.

use std::io::Write as _;

/// Say that `test` did not run, and why: "SKIPPED test: why".
pub fn skipped(test: &str, why: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "SKIPPED {test}: {why}");
}

/// Poll `done` until it holds or `limit` has passed (a positive wait with
/// a deadline, never a fixed sleep); whether it held.
pub fn eventually(limit: std::time::Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    loop {
        if done() {
            return true;
        }
        if start.elapsed() >= limit {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

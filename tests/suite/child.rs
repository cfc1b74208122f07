//! Another process for the tests that need one (a crash, a second
//! window): this test binary, re-run on one test (libtest's `--exact`)
//! with environment variables telling it what to do.

use std::ffi::OsStr;
use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A child that has not said it is ready by then is stuck.
const START_LIMIT: Duration = Duration::from_secs(30);

/// Start the test `test` of this binary in a child process with `env`
/// set and its standard input piped, and wait until it prints `ready`
/// (its standard output is read on, so that it never blocks on a full
/// pipe). Panics, the child killed, when it is not ready within 30 s.
pub fn start(test: &str, env: &[(&str, &OsStr)], ready: &'static str) -> Child {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the child");
    let stdout = child.stdout.take().expect("child stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let is_ready = lines.any(|l| l.is_ok_and(|l| l.contains(ready)));
        let _gone = tx.send(is_ready);
        lines.for_each(drop);
    });
    if !rx.recv_timeout(START_LIMIT).unwrap_or(false) {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the child {test} was not ready within {START_LIMIT:?}");
    }
    child
}

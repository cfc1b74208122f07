//! `session_io` (issue 7): saving and loading the generated 10,000-note
//! session through the real file path (`store::save`, `store::load`).
//!
//! `cargo bench --bench session_io`

// A benchmark that cannot run stops loudly (the house rule against
// unwrap, expect and panic is for the product).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

const NOTES: usize = 10_000;
const SEED: u64 = 1;

fn session_io(c: &mut Criterion) {
    let session = rhythm::generate::session(NOTES, SEED);
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("session_io: cannot create a temporary folder");
        return;
    };
    let path = dir.path().join(format!("notes_{NOTES}.ron"));
    let mut group = c.benchmark_group("session_io");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function(format!("save/notes_{NOTES}"), |b| {
        b.iter(|| rhythm::store::save(black_box(&path), black_box(&session)).is_ok());
    });
    if let Err(err) = rhythm::store::save(&path, &session) {
        eprintln!("session_io: cannot save: {err}");
        return;
    }
    group.bench_function(format!("load/notes_{NOTES}"), |b| {
        b.iter(|| {
            rhythm::store::load(black_box(&path))
                .map(|s| s.tools.len())
                .ok()
        });
    });
    group.finish();
}

criterion_group!(benches, session_io);
criterion_main!(benches);

//! `minutes` (issue 19): the whole export, session to bytes, as File →
//! Export minutes… does it (the board laid out, the figures drawn, the
//! PDF typeset, the HTML page filled): for the largest example, for
//! `generate --tools 15 --pains 30` (targets: under 1 s each) and for
//! `generate --notes 2000` (under 5 s), PDF and HTML apart.
//!
//! `cargo bench --bench minutes`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rhythm::minutes::{Format, Minutes, Options};
use rhythm::model::Session;

fn boards() -> Vec<(&'static str, Session)> {
    let mut out = Vec::new();
    match rhythm::store::load(std::path::Path::new(
        "sessions/media-company-2026-Q1-after.ron",
    )) {
        Ok(s) => out.push(("media_company_2026_Q1", s)),
        Err(err) => eprintln!("minutes: cannot read the example: {err}"),
    }
    let spec = rhythm::generate::workshop::Spec {
        pains: 30,
        ..rhythm::generate::workshop::Spec::new(15)
    };
    out.push((
        "tools_15_pains_30",
        rhythm::generate::workshop::generate(&spec),
    ));
    out.push(("notes_2000", rhythm::generate::session(2000, 1)));
    out
}

fn minutes(c: &mut Criterion) {
    let mut group = c.benchmark_group("minutes");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (name, session) in boards() {
        for (format, ext) in [(Format::Pdf, "pdf"), (Format::Html, "html")] {
            group.bench_function(format!("{ext}/{name}"), |b| {
                b.iter(|| {
                    Minutes::of(
                        std::slice::from_ref(black_box(&session)),
                        Options::default(),
                    )
                    .and_then(|m| format.render(&m))
                    .map(|bytes| bytes.len())
                    .ok()
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, minutes);
criterion_main!(benches);

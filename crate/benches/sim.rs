//! Simulation speed: a typical Dockerfile (two stages, apt, pip, COPYs)
//! simulated with the rebuild after a source edit, and the lint pass that
//! reads the simulation. The catalogs are loaded once before timing, as the
//! playground keeps them.
//!
//! `cargo bench -p layerlab --bench sim -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use layerlab::report;
use layerlab::sim::catalog::Catalog;
use layerlab::sim::{SimOptions, simulate};

const TYPICAL: &str = include_str!("../../tests/fixtures/sim/python-sources-first.Dockerfile");
const MULTI: &str = include_str!("../../tests/fixtures/sim/go-static.Dockerfile");

fn bench(c: &mut Criterion) {
    let web = Catalog::builtin_web();
    let options = SimOptions {
        changed_files: vec!["Dockerfile".into()],
        ..SimOptions::default()
    };
    let plain = SimOptions::default();
    for (name, text) in [("python-single-stage", TYPICAL), ("go-two-stages", MULTI)] {
        let r = report::analyze(text);
        // One build: what the lint and the layer view need.
        c.bench_function(&format!("simulate/{name}"), |b| {
            b.iter(|| simulate(black_box(&r), web, &plain))
        });
        // Two builds: the last one and the one after a Dockerfile edit.
        c.bench_function(&format!("simulate+rebuild/{name}"), |b| {
            b.iter(|| simulate(black_box(&r), web, &options))
        });
        c.bench_function(&format!("analyze+simulate/{name}"), |b| {
            b.iter(|| simulate(&report::analyze(black_box(text)), web, &options))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

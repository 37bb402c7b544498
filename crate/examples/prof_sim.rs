use layerlab::{
    report,
    sim::{SimOptions, catalog::Catalog, simulate},
};
fn main() {
    let text = include_str!("../../tests/fixtures/sim/python-sources-first.Dockerfile");
    let web = Catalog::builtin_web();
    let r = report::analyze(text);
    let o = SimOptions {
        changed_files: vec!["Dockerfile".into()],
        ..SimOptions::default()
    };
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    simulate(&r, web, &o);
    let t = std::time::Instant::now();
    for _ in 0..n {
        simulate(&r, web, &o);
    }
    if n > 0 {
        eprintln!("per run {:?}", t.elapsed() / n);
    }
}

//! Parser throughput: the whole real-world corpus (or, without it, our own
//! fixtures) and a generated ~1 MB Dockerfile with a realistic mix of
//! instructions, continuations, heredocs and comments.
//!
//! `cargo bench -p layerlab --bench parse -- --warm-up-time 1 --measurement-time 3`

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use layerlab::syntax;

fn corpus() -> (String, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let realworld = root.join("../../shared/corpora/realworld");
    let (label, dir) = if realworld.is_dir() {
        ("realworld", realworld)
    } else {
        eprintln!(
            "real-world corpus not found at {}; using tests/fixtures/parser",
            realworld.display()
        );
        ("fixtures", root.join("../tests/fixtures/parser"))
    };
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    let texts = files
        .iter()
        .map(|p| String::from_utf8_lossy(&fs::read(p).unwrap()).into_owned())
        .collect();
    (label.to_owned(), texts)
}

/// About `target` bytes of Dockerfile: many stages of the kind real files
/// have, varied by a counter so that no two are identical.
pub fn generated(target: usize) -> String {
    let mut out = String::from("# syntax=docker/dockerfile:1.7\nARG BASE=debian:bookworm-slim\n");
    let mut i = 0usize;
    while out.len() < target {
        out.push_str(&format!(
            "\n# stage {i}\nFROM ${{BASE}} AS build{i}\n\
ENV APP_HOME=/opt/app{i} PATH=\"/opt/app{i}/bin:$PATH\" LANG=C.UTF-8\n\
LABEL org.opencontainers.image.title=\"service {i}\" version=\"1.{i}\"\n\
WORKDIR /src/{i}\n\
RUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n       ca-certificates curl git build-essential \\\n    # keep the image small\n    && rm -rf /var/lib/apt/lists/*\n\
COPY --chown=app:app --link go.mod go.sum ./\n\
RUN <<EOF\nset -eux\ngo mod download\ngo build -o /out/app{i} ./cmd/app{i}\nEOF\n\
COPY <<-'CONF' /etc/app{i}.conf\n\tport = {port}\n\tname = \"app{i}\"\n\tCONF\n\
FROM gcr.io/distroless/base AS final{i}\n\
COPY --from=build{i} /out/app{i} /usr/local/bin/app{i}\n\
EXPOSE {port}/tcp\n\
USER 65532:65532\n\
HEALTHCHECK --interval=30s --timeout=3s CMD [\"/usr/local/bin/app{i}\", \"health\"]\n\
ENTRYPOINT [\"/usr/local/bin/app{i}\"]\n\
CMD [\"--port\", \"{port}\"]\n",
            port = 8000 + i % 1000
        ));
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let (label, texts) = corpus();
    let total: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function(
        format!("{label} corpus ({} files, {total} bytes)", texts.len()),
        |b| {
            b.iter(|| {
                for t in &texts {
                    black_box(syntax::parse(black_box(t)));
                }
            })
        },
    );
    let big = generated(1 << 20);
    assert!(!syntax::parse(&big).has_parse_errors());
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function(format!("generated ({} bytes)", big.len()), |b| {
        b.iter(|| black_box(syntax::parse(black_box(&big))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

// Parse throughput of the release-profile wasm build of the parser, in node.
//
//   cd bench/parse-wasm
//   cargo build --release --target wasm32-unknown-unknown
//   node bench.mjs [path/to/parse.wasm]
//
// Measures the real-world corpus (../../../shared/corpora/realworld, else our
// fixtures) and a generated ~1 MB Dockerfile, like crate/benches/parse.rs.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(here, "target");
const wasmPath =
  process.argv[2] ??
  join(target, "wasm32-unknown-unknown/release/layerlab_parse_wasm_bench.wasm");
const wasm = readFileSync(wasmPath);
const { instance } = await WebAssembly.instantiate(wasm, {});
const { memory, alloc, parse } = instance.exports;

function load(bytes) {
  const ptr = alloc(bytes.length);
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
  return { ptr, len: bytes.length };
}

function generated(target) {
  let out = "# syntax=docker/dockerfile:1.7\nARG BASE=debian:bookworm-slim\n";
  for (let i = 0; out.length < target; i++) {
    const port = 8000 + (i % 1000);
    out += `
# stage ${i}
FROM \${BASE} AS build${i}
ENV APP_HOME=/opt/app${i} PATH="/opt/app${i}/bin:$PATH" LANG=C.UTF-8
LABEL org.opencontainers.image.title="service ${i}" version="1.${i}"
WORKDIR /src/${i}
RUN --mount=type=cache,target=/var/cache/apt \\
    apt-get update \\
    && apt-get install -y --no-install-recommends \\
       ca-certificates curl git build-essential \\
    # keep the image small
    && rm -rf /var/lib/apt/lists/*
COPY --chown=app:app --link go.mod go.sum ./
RUN <<EOF
set -eux
go mod download
go build -o /out/app${i} ./cmd/app${i}
EOF
COPY <<-'CONF' /etc/app${i}.conf
\tport = ${port}
\tname = "app${i}"
\tCONF
FROM gcr.io/distroless/base AS final${i}
COPY --from=build${i} /out/app${i} /usr/local/bin/app${i}
EXPOSE ${port}/tcp
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/app${i}", "health"]
ENTRYPOINT ["/usr/local/bin/app${i}"]
CMD ["--port", "${port}"]
`;
  }
  return Buffer.from(out);
}

function bench(label, inputs, seconds = 3) {
  const bytes = inputs.reduce((n, i) => n + i.len, 0);
  const run = () => inputs.forEach((i) => parse(i.ptr, i.len));
  const warm = performance.now();
  while (performance.now() - warm < 1000) run();
  let iterations = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    run();
    iterations++;
  }
  const ms = (performance.now() - start) / iterations;
  const mibs = bytes / (1 << 20) / (ms / 1000);
  console.log(`${label}: ${bytes} bytes, ${ms.toFixed(2)} ms per pass, ${mibs.toFixed(1)} MiB/s`);
}

const realworld = join(here, "../../../shared/corpora/realworld");
const dir = existsSync(realworld) ? realworld : join(here, "../../tests/fixtures/parser");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".Dockerfile"))
  .sort()
  .map((f) => load(readFileSync(join(dir, f))));
console.log(`wasm: ${wasmPath} (${wasm.length} bytes)`);
bench(`corpus ${dir} (${files.length} files)`, files);
bench("generated", [load(generated(1 << 20))]);

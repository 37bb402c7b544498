// Times the wasm parser over a folder of Dockerfiles and over a ~1 MiB file
// made by joining them. Usage: node run.mjs WASM DIR
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [wasmPath, dir] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath));
const { memory, alloc, parse } = instance.exports;

function load(bytes) {
  const ptr = alloc(bytes.length);
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
  return { ptr, len: bytes.length };
}

function time(label, inputs, minMs = 2000) {
  const total = inputs.reduce((n, i) => n + i.len, 0);
  let rounds = 0;
  let instructions = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (const i of inputs) instructions += parse(i.ptr, i.len);
    rounds++;
  }
  const ms = (performance.now() - start) / rounds;
  const mibPerS = total / 1048576 / (ms / 1000);
  console.log(`| ${label} | ${total} | ${ms.toFixed(2)} ms | ${mibPerS.toFixed(1)} MiB/s |`);
  return instructions;
}

const files = readdirSync(dir).filter((f) => f.includes("Dockerfile")).sort();
const corpus = files.map((f) => readFileSync(join(dir, f)));
let big = Buffer.alloc(0);
while (big.length < 1048576) big = Buffer.concat([big, ...corpus, Buffer.from("\n")]);
big = big.subarray(0, big.lastIndexOf(10, 1048576) + 1);

console.log(`| input (wasm32, Node ${process.version}) | bytes | time per pass | throughput |`);
console.log("|---|---:|---:|---:|");
time(`${files.length} real-world Dockerfiles`, corpus.map(load));
time("one generated ~1 MiB Dockerfile", [load(big)]);
